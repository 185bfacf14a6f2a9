//! Precompiles: `ecrecover` (0x01) runs as in the EVM; every other
//! Ethereum or Arbitrum precompile address fails loudly (reverts with data
//! naming it) rather than acting as an empty account.
//!
//! Precompile addresses are always warm (EIP-2929), see
//! [`crate::state::TxState::touch_account`].

use alloy_primitives::{Address, PrimitiveSignature, B256, U256};

use crate::{
    engine::{Outcome, Status},
    gas,
};

/// secp256k1's group order `n`.
const SECP256K1_N: U256 = U256::from_be_bytes([
    0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe,
    0xba, 0xae, 0xdc, 0xe6, 0xaf, 0x48, 0xa0, 0x3b, 0xbf, 0xd2, 0x5e, 0x8c, 0xd0, 0x36, 0x41, 0x41,
]);

/// The low two bytes of `address` if its other bytes are zero.
fn low(address: Address) -> Option<u16> {
    let bytes = address.as_slice();
    bytes[..18]
        .iter()
        .all(|&b| b == 0)
        .then(|| u16::from_be_bytes([bytes[18], bytes[19]]))
}

/// The name of the precompile at `address`, if any: Ethereum's 0x01-0x0a,
/// Arbitrum's ArbOS precompiles (0x64-0x73, 0xff), `NodeInterface` (0xc8,
/// 0xc9) and RIP-7212's P256 verifier (0x100).
pub fn name(address: Address) -> Option<&'static str> {
    Some(match low(address)? {
        0x01 => "ecrecover",
        0x02 => "sha256",
        0x03 => "ripemd160",
        0x04 => "identity",
        0x05 => "modexp",
        0x06 => "bn256Add",
        0x07 => "bn256ScalarMul",
        0x08 => "bn256Pairing",
        0x09 => "blake2f",
        0x0a => "kzgPointEvaluation",
        0x64 => "ArbSys",
        0x65 => "ArbInfo",
        0x66 => "ArbAddressTable",
        0x67 => "ArbBLS",
        0x68 => "ArbFunctionTable",
        0x69 => "ArbosTest",
        0x6a => "ArbosActs",
        0x6b => "ArbOwnerPublic",
        0x6c => "ArbGasInfo",
        0x6d => "ArbAggregator",
        0x6e => "ArbRetryableTx",
        0x6f => "ArbStatistics",
        0x70 => "ArbOwner",
        0x71 => "ArbWasm",
        0x72 => "ArbWasmCache",
        0x73 => "ArbNativeTokenManager",
        0xc8 => "NodeInterface",
        0xc9 => "NodeInterfaceDebug",
        0xff => "ArbDebug",
        0x100 => "P256Verify",
        _ => return None,
    })
}

/// Whether `address` is a precompile.
pub fn is_precompile(address: Address) -> bool {
    name(address).is_some()
}

/// Runs the precompile at `address` (see [`is_precompile`]) with `gas`.
pub fn run(address: Address, input: &[u8], gas: u64) -> Outcome {
    let name = name(address).expect("a precompile");
    match name {
        "ecrecover" => {
            if gas < gas::ECRECOVER_GAS {
                return Outcome {
                    status: Status::OutOfGas,
                    output: Vec::new(),
                    gas_left: 0,
                };
            }
            Outcome {
                status: Status::Success,
                output: ecrecover(input),
                gas_left: gas - gas::ECRECOVER_GAS,
            }
        }
        _ => Outcome {
            status: Status::Revert,
            output: format!("stylus-sim: precompile {name} ({address}) is not implemented")
                .into_bytes(),
            gas_left: gas,
        },
    }
}

/// EVM `ecrecover`: input `(hash, v, r, s)` as four words (right-padded
/// with zeros); output the signer left-padded to 32 bytes, or nothing if
/// the input is invalid (geth's `ecrecover.Run`).
pub fn ecrecover(input: &[u8]) -> Vec<u8> {
    let mut words = [0u8; 128];
    let n = input.len().min(128);
    words[..n].copy_from_slice(&input[..n]);
    let hash = B256::from_slice(&words[..32]);
    let v = U256::from_be_slice(&words[32..64]);
    let r = U256::from_be_slice(&words[64..96]);
    let s = U256::from_be_slice(&words[96..128]);
    let parity = if v == U256::from(27) {
        false
    } else if v == U256::from(28) {
        true
    } else {
        return Vec::new();
    };
    let in_range = |x: U256| !x.is_zero() && x < SECP256K1_N;
    if !in_range(r) || !in_range(s) {
        return Vec::new();
    }
    match PrimitiveSignature::new(r, s, parity).recover_address_from_prehash(&hash) {
        Ok(signer) => {
            let mut out = vec![0; 12];
            out.extend_from_slice(signer.as_slice());
            out
        }
        Err(_) => Vec::new(),
    }
}
