//! A training manifest: the Merkle root of the contribution ids a model was
//! trained on, with OpenZeppelin's standard leaves
//! (`keccak256(keccak256(abi.encode(uint256 id)))`) and sorted-pair
//! hashing, so `attribution.contributionInModel` verifies its proofs.

use alloy_primitives::{keccak256, B256, U256};
use alloy_sol_types::SolValue;

/// A tree over leaves in the given order; an odd node moves up unpaired.
pub struct Tree {
    levels: Vec<Vec<B256>>,
}

fn hash_pair(a: B256, b: B256) -> B256 {
    let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
    keccak256([lo.as_slice(), hi.as_slice()].concat())
}

impl Tree {
    /// The tree of these contribution ids.
    pub fn of_contributions(ids: &[U256]) -> Self {
        let leaves = ids
            .iter()
            .map(|id| keccak256(keccak256(id.abi_encode())))
            .collect();
        let mut levels = vec![leaves];
        while levels.last().is_some_and(|l: &Vec<B256>| l.len() > 1) {
            let next = levels
                .last()
                .map(|level| {
                    level
                        .chunks(2)
                        .map(|pair| match pair {
                            [a, b] => hash_pair(*a, *b),
                            [a] => *a,
                            _ => unreachable!("chunks of two"),
                        })
                        .collect()
                })
                .unwrap_or_default();
            levels.push(next);
        }
        Tree { levels }
    }

    /// The root (the manifest hash).
    pub fn root(&self) -> B256 {
        self.levels
            .last()
            .and_then(|l| l.first())
            .copied()
            .unwrap_or_default()
    }

    /// The proof of the leaf at `index`.
    pub fn proof(&self, mut index: usize) -> Vec<B256> {
        let mut proof = Vec::new();
        for level in &self.levels[..self.levels.len() - 1] {
            let sibling = index ^ 1;
            if let Some(&node) = level.get(sibling) {
                proof.push(node);
            }
            index /= 2;
        }
        proof
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_leaf_proves_against_the_root() {
        for n in 1..=7u64 {
            let ids: Vec<U256> = (1..=n).map(U256::from).collect();
            let tree = Tree::of_contributions(&ids);
            for (i, id) in ids.iter().enumerate() {
                let leaf = keccak256(keccak256(id.abi_encode()));
                let root = tree.proof(i).into_iter().fold(leaf, hash_pair);
                assert_eq!(root, tree.root(), "{n} leaves, leaf {i}");
            }
        }
    }
}
