//! Calldata decoding for hand-written method routers.
//!
//! The SDK's router inlines one alloy decoder per method: about a third of
//! a program. [`Args::decode`] checks every method's arguments with one
//! routine driven by a spec string and accepts exactly the calldata the SDK
//! accepts: the SDK decodes with `validate = true`, which takes only the
//! canonical encoding (alloy re-encodes and compares) of values passing
//! alloy's type checks (zero high bytes for narrow integers, addresses and
//! `bool`s, which alloy reads as "last byte non-zero"; valid UTF-8 strings).
//! Each program's tests compare it with alloy on its own methods.

use alloc::{string::String, vec::Vec};

use alloy_primitives::{Address, B256, U256};

use crate::AbiWord;

/// Decoded arguments of a method, described by a spec of one byte per
/// argument: `w`: `uint256`/`bytes32`; `a`: `address`; `1`: `uint8` or
/// `bool`; `2`: `uint16`; `8`: `uint64`; `s`: `string`; `v`: `bytes32[]` or
/// `uint256[]`; `q`: `uint16[]`.
pub struct Args<'a> {
    input: &'a [u8],
}

impl<'a> Args<'a> {
    /// The arguments, if `input` is the canonical encoding of valid values
    /// of the kinds in `spec`.
    #[inline(never)]
    pub fn decode(input: &'a [u8], spec: &[u8]) -> Option<Self> {
        let head_len = 32 * spec.len();
        if input.len() < head_len {
            return None;
        }
        let mut tail = head_len;
        for (index, kind) in spec.iter().enumerate() {
            let word = &input[32 * index..32 * index + 32];
            let zeros = match kind {
                b'a' => 12,
                b'1' => 31,
                b'2' => 30,
                b'8' => 24,
                b's' | b'v' | b'q' => {
                    if word != tail.word().as_slice() {
                        return None;
                    }
                    let len_word = input.get(tail..tail + 32)?;
                    if len_word[..24].iter().any(|&b| b != 0) {
                        return None;
                    }
                    let len = u64::from_be_bytes(len_word[24..].try_into().ok()?);
                    let len = usize::try_from(len).ok()?;
                    let (bytes, padded) = if *kind == b's' {
                        (len, len.checked_next_multiple_of(32)?)
                    } else {
                        let bytes = len.checked_mul(32)?;
                        (bytes, bytes)
                    };
                    let start = tail + 32;
                    let end = start.checked_add(padded)?;
                    let data = input.get(start..end)?;
                    if data[bytes..].iter().any(|&b| b != 0) {
                        return None;
                    }
                    // uint16 items: 30 zero high bytes each.
                    if *kind == b'q'
                        && data
                            .chunks_exact(32)
                            .any(|item| item[..30].iter().any(|&b| b != 0))
                    {
                        return None;
                    }
                    if *kind == b's' && core::str::from_utf8(&data[..bytes]).is_err() {
                        return None;
                    }
                    tail = end;
                    0
                }
                _ => 0,
            };
            if word[..zeros].iter().any(|&b| b != 0) {
                return None;
            }
        }
        if tail != input.len() {
            return None;
        }
        Some(Self { input })
    }

    fn head(&self, index: usize) -> &'a [u8] {
        &self.input[32 * index..32 * index + 32]
    }

    /// A `bytes32` argument.
    #[inline(never)]
    pub fn word(&self, index: usize) -> B256 {
        B256::from_slice(self.head(index))
    }

    /// A `uint256` argument.
    pub fn u256(&self, index: usize) -> U256 {
        U256::from_be_bytes(self.word(index).0)
    }

    /// An `address` argument.
    #[inline(never)]
    pub fn address(&self, index: usize) -> Address {
        Address::from_slice(&self.head(index)[12..])
    }

    /// A `uint8`/`uint16`/`uint64` argument (as its low 64 bits).
    #[inline(never)]
    pub fn small(&self, index: usize) -> u64 {
        u64::from_be_bytes(self.head(index)[24..].try_into().unwrap_or_default())
    }

    /// A `bool` argument: alloy reads any non-zero last byte as `true`.
    pub fn boolean(&self, index: usize) -> bool {
        self.small(index) != 0
    }

    /// The bytes of a dynamic argument (after its length word).
    #[inline(never)]
    fn tail(&self, index: usize, unit: usize) -> &'a [u8] {
        let offset = self.small(index) as usize;
        let len = u64::from_be_bytes(
            self.input[offset + 24..offset + 32]
                .try_into()
                .unwrap_or_default(),
        ) as usize;
        &self.input[offset + 32..offset + 32 + len * unit]
    }

    /// A `string` argument.
    pub fn string(&self, index: usize) -> String {
        // `decode` checked the bytes are UTF-8.
        unsafe { String::from_utf8_unchecked(self.tail(index, 1).to_vec()) }
    }

    /// A `bytes32[]` argument.
    pub fn hashes(&self, index: usize) -> Vec<B256> {
        self.tail(index, 32)
            .chunks_exact(32)
            .map(B256::from_slice)
            .collect()
    }

    /// A `uint256[]` argument.
    pub fn u256s(&self, index: usize) -> Vec<U256> {
        self.tail(index, 32)
            .chunks_exact(32)
            .map(U256::from_be_slice)
            .collect()
    }

    /// A `uint16[]` argument.
    pub fn u16s(&self, index: usize) -> Vec<u16> {
        self.tail(index, 32)
            .chunks_exact(32)
            .map(|item| u16::from_be_bytes([item[30], item[31]]))
            .collect()
    }
}
