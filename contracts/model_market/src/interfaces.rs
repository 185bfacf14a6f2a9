//! Calls the market makes to its peers, as `sol!` call types. Only their
//! selectors are used; [`encode_call`] writes the calldata, and no return
//! data is read (so the SDK router's extra offset word on dynamic returns,
//! stylus-sdk-rs issue #308, never matters here).

use alloc::vec::Vec;

use abi_kit::AbiWord;
use alloy_primitives::{B256, U256};
use alloy_sol_types::sol;

sol! {
    /// What the market calls in `reward_splitter` (as `MARKET_ROLE`).
    interface IRewardSplitter {
        /// Splits `amount` of `token` for a model; ERC-20 amounts must be
        /// in the splitter already, native ones come as the call's value.
        function route(
            uint256 modelId,
            address token,
            uint256 amount,
            address developer,
            uint16 developerBps,
            uint16 dataBps,
            uint16 validatorBps,
            uint16 influenceBps,
            uint256[] datanetIds,
            uint16[] weightsBps
        ) external payable;
    }

    /// What the market calls in `attribution` (as `MARKET_ROLE`).
    interface IAttribution {
        /// Records the training of a model version.
        function recordTraining(
            uint256 modelId,
            uint256 version,
            uint256[] datanetIds,
            uint16[] weightsBps,
            bytes32 manifestHash,
            uint16 dataBps
        ) external;
        /// Names the model's attestor.
        function setModelAttestor(uint256 modelId, address attestor) external;
    }
}

/// One argument of a call: a static word, or an array of static words.
pub enum Arg<'a> {
    /// A static value's word.
    Word(B256),
    /// A `uint256[]`.
    Ids(&'a [U256]),
    /// A `uint16[]`.
    Weights(&'a [u16]),
}

/// Calldata of `selector` with `args`: the head (words and array offsets),
/// then each array's length and items.
#[inline(never)]
pub fn encode_call(selector: [u8; 4], args: &[Arg<'_>]) -> Vec<u8> {
    let mut head = Vec::with_capacity(4 + 32 * args.len());
    head.extend_from_slice(&selector);
    let mut tail: Vec<B256> = Vec::new();
    for arg in args {
        let items: Vec<B256> = match arg {
            Arg::Word(word) => {
                head.extend_from_slice(word.as_slice());
                continue;
            }
            Arg::Ids(ids) => ids.iter().map(|&id| id.word()).collect(),
            Arg::Weights(weights) => weights.iter().map(|&w| w.word()).collect(),
        };
        head.extend_from_slice((32 * (args.len() + tail.len())).word().as_slice());
        tail.push(items.len().word());
        tail.extend(items);
    }
    for word in tail {
        head.extend_from_slice(word.as_slice());
    }
    head
}

#[cfg(test)]
mod tests {

    use alloy_primitives::{Address, B256, U256};
    use alloy_sol_types::SolCall;

    use super::*;

    #[test]
    fn calldata_matches_alloy() {
        for count in [0usize, 1, 3, 16] {
            let ids: Vec<U256> = (0..count).map(|i| U256::from(i * 7 + 1)).collect();
            let weights: Vec<u16> = (0..count).map(|i| 100 * i as u16 + 3).collect();
            let call = IRewardSplitter::routeCall {
                modelId: U256::from(5),
                token: Address::repeat_byte(2),
                amount: U256::from(1_000),
                developer: Address::repeat_byte(3),
                developerBps: 7_000,
                dataBps: 2_000,
                validatorBps: 1_000,
                influenceBps: 500,
                datanetIds: ids.clone(),
                weightsBps: weights.clone(),
            };
            let ours = encode_call(
                IRewardSplitter::routeCall::SELECTOR,
                &[
                    Arg::Word(U256::from(5).word()),
                    Arg::Word(Address::repeat_byte(2).word()),
                    Arg::Word(U256::from(1_000).word()),
                    Arg::Word(Address::repeat_byte(3).word()),
                    Arg::Word(7_000u16.word()),
                    Arg::Word(2_000u16.word()),
                    Arg::Word(1_000u16.word()),
                    Arg::Word(500u16.word()),
                    Arg::Ids(&ids),
                    Arg::Weights(&weights),
                ],
            );
            assert_eq!(ours, call.abi_encode());
            let record = IAttribution::recordTrainingCall {
                modelId: U256::from(5),
                version: U256::from(2),
                datanetIds: ids.clone(),
                weightsBps: weights.clone(),
                manifestHash: B256::repeat_byte(9),
                dataBps: 2_000,
            };
            let ours = encode_call(
                IAttribution::recordTrainingCall::SELECTOR,
                &[
                    Arg::Word(U256::from(5).word()),
                    Arg::Word(U256::from(2).word()),
                    Arg::Ids(&ids),
                    Arg::Weights(&weights),
                    Arg::Word(B256::repeat_byte(9)),
                    Arg::Word(2_000u16.word()),
                ],
            );
            assert_eq!(ours, record.abi_encode());
        }
    }
}
