//! Compact ABI encoding of revert data, event logs and return values.
//!
//! alloy's encoders are generic, so a program gets one copy per error and
//! event type: about 6 KB and 9 KB of wasm in the registry, a third of its
//! code-size budget. Errors and events with static fields and strings share
//! this one encoder. Each program's `sol!` declarations stay the source of
//! truth (selectors, topic hashes, exported ABI) and its tests compare this
//! encoder's output with alloy's.

use alloc::vec::Vec;

use alloy_primitives::{Address, B256, U256};

/// A value that ABI-encodes as one 32-byte word.
pub trait AbiWord {
    /// The value's ABI word.
    fn word(self) -> B256;
}

impl AbiWord for B256 {
    fn word(self) -> B256 {
        self
    }
}

impl AbiWord for U256 {
    // One shared copy: inlined, the conversion would repeat at every call site.
    #[inline(never)]
    fn word(self) -> B256 {
        B256::from(self.to_be_bytes::<32>())
    }
}

impl AbiWord for Address {
    // One shared copy: inlined, the conversion would repeat at every call site.
    #[inline(never)]
    fn word(self) -> B256 {
        self.into_word()
    }
}

impl AbiWord for u64 {
    // One shared copy: inlined, the conversion would repeat at every call site.
    #[inline(never)]
    fn word(self) -> B256 {
        let mut word = [0u8; 32];
        word[24..].copy_from_slice(&self.to_be_bytes());
        B256::from(word)
    }
}

impl AbiWord for usize {
    fn word(self) -> B256 {
        (self as u64).word()
    }
}

impl AbiWord for u32 {
    fn word(self) -> B256 {
        u64::from(self).word()
    }
}

impl AbiWord for u16 {
    fn word(self) -> B256 {
        u64::from(self).word()
    }
}

impl AbiWord for u8 {
    fn word(self) -> B256 {
        u64::from(self).word()
    }
}

impl AbiWord for bool {
    fn word(self) -> B256 {
        u64::from(self).word()
    }
}

/// One non-indexed event field.
pub enum Field<'a> {
    /// A static value, already a word.
    Word(B256),
    /// A `string`, encoded in the tail.
    Str(&'a str),
}

/// A selector followed by static words: revert data of an error, or
/// calldata of a call with static arguments.
#[inline(never)]
pub fn selector_and_words(selector: [u8; 4], words: &[B256]) -> Vec<u8> {
    let mut data = Vec::with_capacity(4 + 32 * words.len());
    data.extend_from_slice(&selector);
    for word in words {
        data.extend_from_slice(word.as_slice());
    }
    data
}

/// Words laid end to end (a static tuple's encoding).
#[inline(never)]
pub fn words(words: &[B256]) -> Vec<u8> {
    words.iter().flat_map(|word| word.0).collect()
}

/// The `emit_log` input: topics, then the ABI encoding of `fields` as a
/// tuple (static words in the head, strings as offsets to the tail).
#[inline(never)]
pub fn log_bytes(topics: &[B256], fields: &[Field<'_>]) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(32 * (topics.len() + 2 * fields.len()) + 64);
    for topic in topics {
        bytes.extend_from_slice(topic.as_slice());
    }
    let head_len = 32 * fields.len();
    let mut tail = Vec::new();
    for field in fields {
        match field {
            Field::Word(word) => bytes.extend_from_slice(word.as_slice()),
            Field::Str(text) => {
                bytes.extend_from_slice((head_len + tail.len()).word().as_slice());
                tail.extend_from_slice(text.len().word().as_slice());
                tail.extend_from_slice(text.as_bytes());
                tail.resize(tail.len().next_multiple_of(32), 0);
            }
        }
    }
    bytes.extend_from_slice(&tail);
    bytes
}

/// A dynamic array of static words, as a function's only return value:
/// offset, length, items.
#[inline(never)]
pub fn array_return(items: &[B256]) -> Vec<u8> {
    let mut data = Vec::with_capacity(64 + 32 * items.len());
    data.extend_from_slice(32usize.word().as_slice());
    data.extend_from_slice(items.len().word().as_slice());
    for item in items {
        data.extend_from_slice(item.as_slice());
    }
    data
}

/// Test values for encoder checks against alloy.
pub mod sample {
    use alloy_primitives::{Address, B256, U256};

    /// A distinct, non-trivial value of a field type per seed.
    pub trait Sample {
        fn sample(seed: u8) -> Self;
    }

    impl Sample for U256 {
        fn sample(seed: u8) -> Self {
            U256::from(seed) << 200 | U256::from(seed)
        }
    }

    impl Sample for B256 {
        fn sample(seed: u8) -> Self {
            B256::repeat_byte(seed)
        }
    }

    impl Sample for Address {
        fn sample(seed: u8) -> Self {
            Address::repeat_byte(seed)
        }
    }

    impl Sample for u64 {
        fn sample(seed: u8) -> Self {
            (u64::from(seed) << 40) | 7
        }
    }

    impl Sample for u32 {
        fn sample(seed: u8) -> Self {
            u32::from(seed) << 20 | 3
        }
    }

    impl Sample for u16 {
        fn sample(seed: u8) -> Self {
            u16::from(seed) << 8 | 1
        }
    }

    impl Sample for u8 {
        fn sample(seed: u8) -> Self {
            seed
        }
    }
}
