//! Checks a program's hand router against alloy and its exported ABI
//! (feature `testing`, for the programs' unit tests).

use alloc::{format, string::String, vec, vec::Vec};

use alloy_primitives::{Address, B256, U256};
use alloy_sol_types::SolType;
use stylus_sdk::abi::AbiType;

use crate::{router::Methods, Args};

/// A distinct `bytes32` per seed.
pub fn w(seed: u8) -> B256 {
    B256::repeat_byte(seed)
}

/// A distinct large `uint256` per seed.
pub fn u(seed: u8) -> U256 {
    U256::from_be_bytes(w(seed).0)
}

/// A distinct address per seed.
pub fn addr(seed: u8) -> Address {
    Address::repeat_byte(seed)
}

/// An ASCII string of `len` bytes.
pub fn text(len: usize) -> String {
    (0..len).map(|i| (b'a' + (i % 26) as u8) as char).collect()
}

/// Asserts that a program's errors are `count` and that the shared encoder
/// writes, for each, what alloy writes (`errors` is the `every_error()`
/// that [`crate::program_errors`] declares in tests).
pub fn check_error_encoder<E: Into<Vec<u8>> + core::fmt::Debug>(
    errors: Vec<(E, Vec<u8>)>,
    count: usize,
) {
    assert_eq!(errors.len(), count);
    for (error, expected) in errors {
        let name = format!("{error:?}");
        assert_eq!(error.into(), expected, "{name}");
    }
}

/// Mutations of valid calldata: every byte set to a few values, plus
/// truncations and extensions. Enough to hit every head word, offset,
/// length, padding byte and trailing-data case.
pub fn mutations(valid: &[u8]) -> Vec<Vec<u8>> {
    let mut out = vec![valid.to_vec(), Vec::new()];
    for index in 0..valid.len() {
        for value in [0u8, 1, 0x20, 0x80, 0xff, valid[index] ^ 1] {
            let mut data = valid.to_vec();
            data[index] = value;
            out.push(data);
        }
    }
    for cut in [1, 4, 31, 32, 33, 64] {
        if cut <= valid.len() {
            out.push(valid[..valid.len() - cut].to_vec());
        }
    }
    for extra in [1usize, 31, 32, 64] {
        let mut data = valid.to_vec();
        data.resize(data.len() + extra, 0);
        out.push(data);
    }
    out
}

/// Checks [`Args::decode`] with `spec` against alloy's validating decoder
/// (as the SDK calls it) on `value`'s encoding and its mutations: both
/// accept the same inputs, and `read` gets alloy's values from the
/// accepted ones.
pub fn check_decoder<T>(spec: &[u8], value: T, read: impl Fn(&Args<'_>) -> T)
where
    T: AbiType
        + PartialEq
        + core::fmt::Debug
        + alloy_sol_types::private::SolTypeValue<<T as AbiType>::SolType>,
    for<'a> <T::SolType as SolType>::Token<'a>: alloy_sol_types::abi::TokenSeq<'a>,
{
    let spec_text = String::from_utf8_lossy(spec);
    let valid = <T::SolType as SolType>::abi_encode_params(&value);
    assert!(
        Args::decode(&valid, spec).is_some(),
        "{spec_text}: valid input rejected"
    );
    let mut accepted = 0;
    for data in mutations(&valid) {
        let alloy = <T::SolType as SolType>::abi_decode_params(&data, true);
        match (alloy, Args::decode(&data, spec)) {
            (Ok(expected), Some(args)) => {
                accepted += 1;
                assert_eq!(read(&args), expected, "{spec_text} {data:?}");
            }
            (Err(_), None) => {}
            (alloy, ours) => panic!(
                "{spec_text}: alloy ok={} ours ok={} on {data:?}",
                alloy.is_ok(),
                ours.is_some()
            ),
        }
    }
    assert!(accepted > 1);
}

/// What Solidity returns for a function returning `value`: its ABI params
/// encoding.
pub fn solidity_return<T>(value: &T) -> Vec<u8>
where
    T: AbiType + alloy_sol_types::private::SolTypeValue<<T as AbiType>::SolType>,
    for<'a> <T::SolType as SolType>::Token<'a>: alloy_sol_types::abi::TokenSeq<'a>,
{
    <<T as AbiType>::SolType as SolType>::abi_encode_params(value)
}

/// Checks that a router serves exactly the functions of `abi_json` (a
/// committed ABI, which `cargo xtask abi --check` keeps equal to the
/// `#[public]` methods), with the same argument kinds and payability, and
/// that `selectors` (every routed selector) are all exported.
pub fn check_router_serves_abi(abi_json: &str, methods: Methods, selectors: &[u32]) {
    let abi: serde_json::Value = serde_json::from_str(abi_json).expect("ABI JSON");
    let mut exported = Vec::new();
    for item in abi
        .as_array()
        .expect("ABI array")
        .iter()
        .filter(|i| i["type"] == "function")
    {
        let types: Vec<&str> = item["inputs"]
            .as_array()
            .expect("inputs")
            .iter()
            .map(|input| input["type"].as_str().expect("type"))
            .collect();
        let signature = format!(
            "{}({})",
            item["name"].as_str().expect("name"),
            types.join(",")
        );
        let hash = stylus_sdk::keccak_const::Keccak256::new()
            .update(signature.as_bytes())
            .finalize();
        let selector = u32::from_be_bytes([hash[0], hash[1], hash[2], hash[3]]);
        let (spec, payable) =
            methods(selector).unwrap_or_else(|| panic!("router misses {signature}"));
        assert_eq!(payable, item["stateMutability"] == "payable", "{signature}");
        assert_eq!(spec.len(), types.len(), "{signature}");
        for (kind, ty) in spec.iter().zip(&types) {
            let expected: &[&str] = match kind {
                b'w' => &["uint256", "bytes32"],
                b'a' => &["address"],
                b'1' => &["uint8", "bool"],
                b'2' => &["uint16"],
                b'8' => &["uint64"],
                b's' => &["string"],
                b'v' => &["bytes32[]", "uint256[]"],
                b'q' => &["uint16[]"],
                _ => &[],
            };
            assert!(
                expected.contains(ty),
                "{signature}: {ty} decoded as {}",
                *kind as char
            );
        }
        exported.push(selector);
    }
    for selector in selectors {
        assert!(
            exported.contains(selector),
            "{selector:08x} routed but not exported"
        );
    }
    assert_eq!(exported.len(), selectors.len());
}
