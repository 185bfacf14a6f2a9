//! Calls attribution makes to its peers, as `sol!` call types. Only their
//! selectors are used: the arguments are static, so the calldata is a
//! selector and words, and the returns are read by word position.

use alloy_sol_types::sol;

sol! {
    /// What attribution reads from `datanet_registry`.
    interface IDatanetRegistry {
        /// A datanet's owner, pending owner, status (0 Active, 1 Paused,
        /// 2 Closed), review mode, quorum, slash bps, minimum data share
        /// (bps), minimum stake, contributor bond, metadata URI, metadata
        /// hash and license. Reverts for an unknown datanet.
        function datanet(uint256 datanetId) external view returns (
            address owner,
            address pendingOwner,
            uint8 status,
            uint8 reviewMode,
            uint8 quorum,
            uint16 slashBps,
            uint16 minDataShareBps,
            uint256 minStake,
            uint256 contributorBond,
            string metadataUri,
            bytes32 metadataHash,
            string license
        );
    }

    /// What attribution needs from `reward_splitter`.
    interface IRewardSplitter {
        /// `(escrowedScaled, released)` of a model's influence escrow in
        /// `token`: scaled units (10^18 per wei) escrowed ever, and wei
        /// released ever.
        function escrow(uint256 modelId, address token) external view returns (uint256, uint256);
        /// Moves `amount` wei of the model's escrow to `account`'s claimable
        /// balance. The splitter accepts it from `ATTRIBUTION_ROLE` only.
        function releaseEscrow(uint256 modelId, address token, address account, uint256 amount) external;
    }
}

/// Word index of `status` in the `datanet` return.
const STATUS_WORD: usize = 2;
/// Word index of `minDataShareBps` in the `datanet` return.
const MIN_DATA_SHARE_WORD: usize = 6;
/// Word index of the offset of `metadataUri`, the first string.
const FIRST_STRING_WORD: usize = 9;

/// `(status, minDataShareBps)` (as their low 64 bits) from the return data
/// of the registry's `datanet(uint256)`, or `None` if it is not that
/// return.
///
/// The registry's router returns the Solidity encoding (ABI params: twelve
/// head words, then the two strings), whose tenth word, the offset of the
/// first string, is always `12 * 32`. stylus-sdk 0.9's own `#[public]`
/// router, which motsu's cross-contract calls go through, wraps a dynamic
/// tuple in one more offset word, `0x20` (stylus-sdk-rs issue #308; see the
/// registry's `encode_datanet`). The first word of the Solidity encoding is
/// the datanet's owner, an account that sent a transaction (created the
/// datanet or accepted it), so never the address `0x20`: a first word of
/// `0x20` marks the wrapped form. Both forms are read; the string offset
/// checks the layout.
pub fn datanet_terms(returned: &[u8]) -> Option<(u64, u64)> {
    let word = |index: usize| returned.get(32 * index..32 * index + 32).map(low_u64);
    let base = usize::from(word(0)? == 32 && returned[..24].iter().all(|&b| b == 0));
    if word(base + FIRST_STRING_WORD)? != 12 * 32 {
        return None;
    }
    Some((word(base + STATUS_WORD)?, word(base + MIN_DATA_SHARE_WORD)?))
}

/// The low 64 bits of an ABI word.
fn low_u64(word: &[u8]) -> u64 {
    let mut low = [0u8; 8];
    low.copy_from_slice(&word[24..32]);
    u64::from_be_bytes(low)
}

#[cfg(test)]
mod tests {
    use alloc::string::String;

    use alloc::vec::Vec;

    use alloy_primitives::{Address, B256, U256};
    use alloy_sol_types::SolType;
    use stylus_sdk::abi::AbiType;

    use super::*;

    type Record = (
        Address,
        Address,
        u8,
        u8,
        u8,
        u16,
        u16,
        U256,
        U256,
        String,
        B256,
        String,
    );

    /// Solidity's encoding of a function returning `value` (ABI params).
    fn params(value: &Record) -> Vec<u8> {
        <<Record as AbiType>::SolType as SolType>::abi_encode_params(value)
    }

    /// The encoding of `value` as one tuple (an offset word first).
    fn wrapped(value: &Record) -> Vec<u8> {
        <<Record as AbiType>::SolType as SolType>::abi_encode(value)
    }

    fn record(status: u8, min_share: u16, uri: &str) -> Record {
        (
            Address::repeat_byte(0xD0),
            Address::ZERO,
            status,
            0,
            3,
            2_000,
            min_share,
            U256::from(1_000),
            U256::from(384),
            uri.into(),
            B256::repeat_byte(0xAA),
            "CC-BY-4.0".into(),
        )
    }

    #[test]
    fn reads_the_solidity_and_the_wrapped_encoding() {
        for (status, min_share, uri) in [(0u8, 3_000u16, ""), (1, 0, "ipfs://x"), (2, 10_000, "u")]
        {
            let value = record(status, min_share, uri);
            let expected = Some((u64::from(status), u64::from(min_share)));
            // What the registry's router returns (Solidity's encoding).
            assert_eq!(datanet_terms(&params(&value)), expected);
            // What stylus-sdk 0.9's router returns: one more offset word.
            let wrapped = wrapped(&value);
            assert_eq!(
                &wrapped[..32],
                U256::from(32).to_be_bytes::<32>().as_slice()
            );
            assert_eq!(datanet_terms(&wrapped), expected);
        }
    }

    #[test]
    fn rejects_other_data() {
        let valid = params(&record(0, 3_000, "ipfs://x"));
        assert_eq!(datanet_terms(&[]), None);
        assert_eq!(datanet_terms(&valid[..9 * 32]), None);
        // A static tuple of the same length: no string offset.
        assert_eq!(datanet_terms(&[0u8; 14 * 32]), None);
        let mut moved = valid.clone();
        moved[9 * 32 + 31] = 0xa0;
        assert_eq!(datanet_terms(&moved), None);
    }
}
