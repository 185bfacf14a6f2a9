//! Merkle leaves and proof verification.
//!
//! Trees are OpenZeppelin's standard trees (`@openzeppelin/merkle-tree`):
//! each leaf is `keccak256(keccak256(abi.encode(values)))` and each inner
//! node hashes its two children in sorted order. Proofs are checked with
//! OpenZeppelin's [`Verifier::verify_with_builder`], hashing with alloy's
//! `keccak256`, which is the native keccak hostio in programs. The
//! library's own `KeccakBuilder` would compile an in-wasm keccak instead.
//!
//! The double hash makes a leaf differ from every inner node: an inner node
//! is the hash of 64 bytes, a leaf the hash of a 32-byte hash.

use alloc::vec::Vec;

use alloy_primitives::{keccak256, Address, B256, U256};
use openzeppelin_crypto::{
    hash::{BuildHasher, Hasher},
    merkle::Verifier,
};

use abi_kit::AbiWord;

/// Builds [`KeccakBuffer`] hashers.
pub struct NativeKeccak;

/// A keccak256 hasher that buffers its input and hashes it at the end with
/// alloy's `keccak256` (one hostio call per node in programs).
pub struct KeccakBuffer(Vec<u8>);

impl Hasher for KeccakBuffer {
    type Output = [u8; 32];

    fn update(&mut self, input: impl AsRef<[u8]>) {
        self.0.extend_from_slice(input.as_ref());
    }

    fn finalize(self) -> [u8; 32] {
        keccak256(&self.0).0
    }
}

impl BuildHasher for NativeKeccak {
    type Hasher = KeccakBuffer;

    fn build_hasher(&self) -> KeccakBuffer {
        KeccakBuffer(Vec::with_capacity(64))
    }
}

/// Whether `proof` leads from `leaf` to `root` (sorted-pair keccak256).
pub fn verify(proof: &[B256], root: B256, leaf: B256) -> bool {
    let proof: Vec<[u8; 32]> = proof.iter().map(|hash| hash.0).collect();
    Verifier::verify_with_builder(&proof, root.0, leaf.0, &NativeKeccak)
}

/// OpenZeppelin's standard leaf of static values:
/// `keccak256(keccak256(abi.encode(values)))`.
#[inline(never)]
pub fn standard_leaf(values: &[B256]) -> B256 {
    keccak256(keccak256(abi_kit::words(values)))
}

/// The leaf of a contribution id in a training manifest:
/// `keccak256(keccak256(abi.encode(contributionId)))`.
pub fn contribution_leaf(contribution_id: U256) -> B256 {
    standard_leaf(&[contribution_id.word()])
}

/// The leaf of `account`'s cumulative influence amount for a model and
/// token: `keccak256(keccak256(abi.encode(chainId, attribution, modelId,
/// token, account, cumulativeAmount)))`. The chain, the attribution
/// contract, the model and the token are inside it, so a proof is valid
/// for one model and token of one deployment only.
pub fn influence_leaf(
    chain_id: u64,
    attribution: Address,
    model_id: U256,
    token: Address,
    account: Address,
    cumulative_amount: U256,
) -> B256 {
    standard_leaf(&[
        chain_id.word(),
        attribution.word(),
        model_id.word(),
        token.word(),
        account.word(),
        cumulative_amount.word(),
    ])
}
