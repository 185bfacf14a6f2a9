//! Setup shared by the `attribution_*` test files (on top of `common` and
//! `splitter_support`): `attribution` deployed with the real
//! `datanet_registry` and `reward_splitter` and wired to them, the calls of
//! its roles, and an OpenZeppelin standard Merkle tree built here,
//! independently of the contract: leaves are
//! `keccak256(keccak256(abi.encode(values)))` (alloy's encoder), inner nodes
//! hash their sorted children, and the tree has the array layout of
//! `@openzeppelin/merkle-tree` (sorted leaves at the end, complete binary
//! tree), so any leaf count works.
// The contract's `Error` is large; the helpers return it as the contract does.
#![allow(dead_code, clippy::result_large_err)]

use alloy_primitives::{keccak256, Address, B256, U256};
use alloy_sol_types::SolValue;
use attribution::{AccessControlUnauthorizedAccount, Attribution, Error, MARKET_ROLE};
use datanet_registry::{DatanetRegistry, REVIEW_OWNER};
use motsu::prelude::*;
use reward_splitter::{RewardSplitter, ATTRIBUTION_ROLE};

use crate::common::{deploy_native, COOLDOWN, MIN_DATA_SHARE_BPS};
use crate::splitter_support::{self, role, Fee};
#[allow(unused_imports)] // each test file uses its own subset
pub use crate::{
    common::{assert_error, VIEWER},
    splitter_support::{claim, claimable, escrow, u, wei, ADMIN, MARKET, NATIVE, SCALE},
};

/// An attestor the admin puts in the attestor set.
pub const ATTESTOR: Address = Address::repeat_byte(0xA5);
/// Owns the datanets the tests create.
pub const DATANET_OWNER: Address = Address::repeat_byte(0xD0);
/// The developer of the routed fees.
pub const DEV: Address = Address::repeat_byte(0xDE);
/// motsu's chain id (its default, 42161, Arbitrum One's).
pub const CHAIN_ID: u64 = 42_161;
/// The model most tests use.
pub const MODEL: u64 = 1;
/// The data share the tests record (the datanets' minimum, 30%).
pub const DATA_BPS: u16 = MIN_DATA_SHARE_BPS;

/// `MARKET_ROLE` as the `bytes32` the API takes.
pub fn market_role() -> B256 {
    role(MARKET_ROLE)
}

/// `AccessControlUnauthorizedAccount(account, neededRole)`.
pub fn unauthorized(account: Address, needed: B256) -> AccessControlUnauthorizedAccount {
    AccessControlUnauthorizedAccount {
        account,
        neededRole: needed,
    }
}

/// Deploys the splitter and the registry (native stakes, wired together),
/// then `attribution(ADMIN, registry, splitter)`, and grants the roles:
/// [`MARKET`] (the market contract's stand-in) gets `MARKET_ROLE` in the
/// splitter and in attribution, the attribution contract gets the
/// splitter's `ATTRIBUTION_ROLE`.
pub fn deploy(
    attribution: &Contract<Attribution>,
    registry: &Contract<DatanetRegistry>,
    splitter: &Contract<RewardSplitter>,
) {
    deploy_native(registry, splitter, ADMIN, COOLDOWN);
    for (id, account) in [
        (reward_splitter::MARKET_ROLE, MARKET),
        (ATTRIBUTION_ROLE, attribution.address()),
    ] {
        splitter
            .sender(ADMIN)
            .grant_role(role(id), account)
            .motsu_unwrap();
    }
    attribution
        .sender(ADMIN)
        .constructor(ADMIN, registry.address(), splitter.address())
        .motsu_unwrap();
    attribution
        .sender(ADMIN)
        .grant_role(market_role(), MARKET)
        .motsu_unwrap();
}

/// Creates an owner-reviewed datanet owned by [`DATANET_OWNER`] that asks
/// models for at least `min_data_share_bps` of their fees; returns its id.
pub fn create_datanet(registry: &Contract<DatanetRegistry>, min_data_share_bps: u16) -> u64 {
    let id = registry
        .sender(DATANET_OWNER)
        .create_datanet(
            "ipfs://persian-poetry".into(),
            B256::repeat_byte(0xAA),
            "CC-BY-4.0".into(),
            REVIEW_OWNER,
            0,
            U256::ZERO,
            U256::ZERO,
            0,
            min_data_share_bps,
        )
        .motsu_unwrap();
    id.to::<u64>()
}

/// [`create_datanet`] `n` times with the default minimum data share.
pub fn create_datanets(registry: &Contract<DatanetRegistry>, n: usize) -> Vec<u64> {
    (0..n)
        .map(|_| create_datanet(registry, MIN_DATA_SHARE_BPS))
        .collect()
}

/// The datanet's owner sets its status (1 Paused, 2 Closed, 0 Active).
pub fn set_datanet_status(registry: &Contract<DatanetRegistry>, datanet: u64, status: u8) {
    registry
        .sender(DATANET_OWNER)
        .set_status(U256::from(datanet), status)
        .motsu_unwrap();
}

/// A datanet's `(status, minDataShareBps)` read from the registry.
pub fn datanet_terms(registry: &Contract<DatanetRegistry>, datanet: u64) -> (u8, u16) {
    let record = registry
        .sender(VIEWER)
        .datanet(U256::from(datanet))
        .motsu_unwrap();
    (record.2, record.6)
}

/// Datanet ids as the API takes them.
pub fn ids(list: &[u64]) -> Vec<U256> {
    splitter_support::ids(list)
}

/// One training record as `recordTraining` takes it.
#[derive(Clone, Debug)]
pub struct Record {
    pub model: U256,
    pub version: U256,
    pub datanets: Vec<U256>,
    pub weights: Vec<u16>,
    pub manifest: B256,
    pub data_bps: u16,
}

impl Record {
    /// Version `version` of `model`, trained on `datanets` with `weights`,
    /// manifest `manifest`, data share [`DATA_BPS`].
    pub fn new(
        model: u64,
        version: u64,
        datanets: &[u64],
        weights: &[u16],
        manifest: B256,
    ) -> Self {
        Record {
            model: U256::from(model),
            version: U256::from(version),
            datanets: ids(datanets),
            weights: weights.to_vec(),
            manifest,
            data_bps: DATA_BPS,
        }
    }

    pub fn data_bps(mut self, data_bps: u16) -> Self {
        self.data_bps = data_bps;
        self
    }

    /// What the `training` view returns for this record.
    pub fn view(&self) -> (B256, u16, Vec<U256>, Vec<u16>) {
        (
            self.manifest,
            self.data_bps,
            self.datanets.clone(),
            self.weights.clone(),
        )
    }
}

/// `sender` records `record`.
pub fn try_record_as(
    attribution: &Contract<Attribution>,
    sender: Address,
    record: &Record,
) -> Result<(), Error> {
    attribution
        .sender(sender)
        .record_training(
            record.model,
            record.version,
            record.datanets.clone(),
            record.weights.clone(),
            record.manifest,
            record.data_bps,
        )
        .motsu_res()
}

/// [`MARKET`] records `record`.
pub fn try_record(attribution: &Contract<Attribution>, record: &Record) -> Result<(), Error> {
    try_record_as(attribution, MARKET, record)
}

/// [`try_record`], unwrapped.
#[track_caller]
pub fn record(attribution: &Contract<Attribution>, record: &Record) {
    try_record(attribution, record).motsu_unwrap();
}

/// The `training(model, version)` view.
pub fn training(
    attribution: &Contract<Attribution>,
    model: u64,
    version: u64,
) -> Result<(B256, u16, Vec<U256>, Vec<u16>), Error> {
    attribution
        .sender(VIEWER)
        .training(U256::from(model), U256::from(version))
        .motsu_res()
}

// ------------------------------------------------------------ Merkle trees

/// keccak256 of the sorted pair, as OpenZeppelin's `MerkleProof` hashes.
pub fn hash_pair(a: B256, b: B256) -> B256 {
    let (low, high) = if a <= b { (a, b) } else { (b, a) };
    keccak256([low.as_slice(), high.as_slice()].concat())
}

/// OpenZeppelin's standard leaf of an ABI encoding:
/// `keccak256(keccak256(encoded))`.
pub fn standard_leaf(encoded: &[u8]) -> B256 {
    keccak256(keccak256(encoded))
}

/// The leaf of a contribution id in a training manifest.
pub fn contribution_leaf(contribution_id: U256) -> B256 {
    standard_leaf(&(contribution_id,).abi_encode_params())
}

/// The leaf of `account`'s cumulative influence amount for `model` and
/// `token` at the attribution contract `attribution` (chain [`CHAIN_ID`]).
pub fn influence_leaf(
    attribution: Address,
    model: u64,
    token: Address,
    account: Address,
    cumulative: U256,
) -> B256 {
    standard_leaf(
        &(
            U256::from(CHAIN_ID),
            attribution,
            U256::from(model),
            token,
            account,
            cumulative,
        )
            .abi_encode_params(),
    )
}

/// An OpenZeppelin standard Merkle tree over given leaves.
pub struct StandardTree {
    /// Nodes in `@openzeppelin/merkle-tree`'s array layout: the root at 0,
    /// the children of `i` at `2i + 1` and `2i + 2`, the leaves (sorted
    /// ascending) from the end backwards.
    nodes: Vec<B256>,
}

impl StandardTree {
    /// The tree of `leaves` (at least one), sorted as the library sorts
    /// them.
    pub fn new(leaves: &[B256]) -> Self {
        assert!(!leaves.is_empty(), "a tree needs a leaf");
        let mut sorted = leaves.to_vec();
        sorted.sort();
        let len = 2 * sorted.len() - 1;
        let mut nodes = vec![B256::ZERO; len];
        for (i, leaf) in sorted.iter().enumerate() {
            nodes[len - 1 - i] = *leaf;
        }
        for i in (0..len - sorted.len()).rev() {
            nodes[i] = hash_pair(nodes[2 * i + 1], nodes[2 * i + 2]);
        }
        StandardTree { nodes }
    }

    pub fn root(&self) -> B256 {
        self.nodes[0]
    }

    pub fn nodes(&self) -> &[B256] {
        &self.nodes
    }

    /// The proof of `leaf`: its sibling, then each ancestor's sibling.
    pub fn proof(&self, leaf: B256) -> Vec<B256> {
        let leaves = self.nodes.len().div_ceil(2);
        let mut index = self.nodes[self.nodes.len() - leaves..]
            .iter()
            .position(|&node| node == leaf)
            .map(|i| self.nodes.len() - leaves + i)
            .expect("leaf in the tree");
        let mut proof = Vec::new();
        while index > 0 {
            let sibling = if index % 2 == 1 { index + 1 } else { index - 1 };
            proof.push(self.nodes[sibling]);
            index = (index - 1) / 2;
        }
        proof
    }

    /// Whether `proof` leads from `leaf` to this tree's root (recomputed
    /// here, to check the test's own proofs).
    pub fn verifies(&self, leaf: B256, proof: &[B256]) -> bool {
        proof
            .iter()
            .fold(leaf, |node, &sibling| hash_pair(node, sibling))
            == self.root()
    }
}

/// `n` distinct accounts that are not test accounts, for filling trees.
pub fn filler_accounts(n: usize) -> Vec<Address> {
    (0..n)
        .map(|i| Address::from_word(keccak256(format!("influence account #{i}").as_bytes())))
        .collect()
}

/// An epoch's payouts: `(account, cumulative amount)` leaves of one model
/// and token at one attribution contract, and their tree.
pub struct Payouts {
    pub attribution: Address,
    pub model: u64,
    pub token: Address,
    pub entries: Vec<(Address, U256)>,
    pub tree: StandardTree,
}

impl Payouts {
    pub fn new(
        attribution: Address,
        model: u64,
        token: Address,
        entries: Vec<(Address, U256)>,
    ) -> Self {
        let leaves: Vec<B256> = entries
            .iter()
            .map(|&(account, amount)| influence_leaf(attribution, model, token, account, amount))
            .collect();
        let tree = StandardTree::new(&leaves);
        Payouts {
            attribution,
            model,
            token,
            entries,
            tree,
        }
    }

    pub fn root(&self) -> B256 {
        self.tree.root()
    }

    /// The sum of all cumulative amounts: the epoch's cumulative total.
    pub fn total(&self) -> U256 {
        self.entries.iter().map(|&(_, amount)| amount).sum()
    }

    /// `account`'s cumulative amount.
    pub fn amount(&self, account: Address) -> U256 {
        self.entries
            .iter()
            .find(|&&(a, _)| a == account)
            .map(|&(_, amount)| amount)
            .expect("account in the payouts")
    }

    /// The proof of `account`'s leaf.
    pub fn proof(&self, account: Address) -> Vec<B256> {
        let leaf = influence_leaf(
            self.attribution,
            self.model,
            self.token,
            account,
            self.amount(account),
        );
        self.tree.proof(leaf)
    }
}

// ---------------------------------------------------------------- attestors

/// [`ADMIN`] adds `account` to the attestor set, or removes it.
#[track_caller]
pub fn set_attestor(attribution: &Contract<Attribution>, account: Address, allowed: bool) {
    attribution
        .sender(ADMIN)
        .set_attestor(account, allowed)
        .motsu_unwrap();
}

/// [`MARKET`] names `attestor` as `model`'s attestor.
pub fn try_set_model_attestor(
    attribution: &Contract<Attribution>,
    model: u64,
    attestor: Address,
) -> Result<(), Error> {
    attribution
        .sender(MARKET)
        .set_model_attestor(U256::from(model), attestor)
        .motsu_res()
}

/// [`try_set_model_attestor`], unwrapped.
#[track_caller]
pub fn set_model_attestor(attribution: &Contract<Attribution>, model: u64, attestor: Address) {
    try_set_model_attestor(attribution, model, attestor).motsu_unwrap();
}

/// [`ATTESTOR`] joins the set and becomes `model`'s attestor.
pub fn appoint_attestor(attribution: &Contract<Attribution>, model: u64) {
    set_attestor(attribution, ATTESTOR, true);
    set_model_attestor(attribution, model, ATTESTOR);
}

/// `attestor` commits an epoch; returns its number.
pub fn try_commit(
    attribution: &Contract<Attribution>,
    attestor: Address,
    model: u64,
    token: Address,
    root: B256,
    report: B256,
    total: U256,
) -> Result<U256, Error> {
    attribution
        .sender(attestor)
        .commit_epoch(U256::from(model), token, root, report, total)
        .motsu_res()
}

/// [`ATTESTOR`] commits `payouts` as the next epoch (report hash derived
/// from the root); returns its number.
#[track_caller]
pub fn commit(attribution: &Contract<Attribution>, payouts: &Payouts) -> U256 {
    try_commit(
        attribution,
        ATTESTOR,
        payouts.model,
        payouts.token,
        payouts.root(),
        report_hash(payouts.root()),
        payouts.total(),
    )
    .motsu_unwrap()
}

/// A report hash for a root (the off-chain report's hash, here derived).
pub fn report_hash(root: B256) -> B256 {
    keccak256([b"report".as_slice(), root.as_slice()].concat())
}

/// `account` claims its cumulative `amount` of `model` in `token` with
/// `proof`; returns the wei released.
pub fn try_claim_influence(
    attribution: &Contract<Attribution>,
    account: Address,
    model: u64,
    token: Address,
    amount: U256,
    proof: Vec<B256>,
) -> Result<U256, Error> {
    attribution
        .sender(account)
        .claim_influence(U256::from(model), token, amount, proof)
        .motsu_res()
}

/// `account` claims its leaf of `payouts`.
pub fn try_claim_payout(
    attribution: &Contract<Attribution>,
    payouts: &Payouts,
    account: Address,
) -> Result<U256, Error> {
    try_claim_influence(
        attribution,
        account,
        payouts.model,
        payouts.token,
        payouts.amount(account),
        payouts.proof(account),
    )
}

/// `(root, reportHash, cumulativeTotal)` of an epoch.
pub fn epoch(
    attribution: &Contract<Attribution>,
    model: u64,
    token: Address,
    number: u64,
) -> Result<(B256, B256, U256), Error> {
    attribution
        .sender(VIEWER)
        .epoch(U256::from(model), token, U256::from(number))
        .motsu_res()
}

pub fn epoch_count(attribution: &Contract<Attribution>, model: u64, token: Address) -> U256 {
    attribution
        .sender(VIEWER)
        .epoch_count(U256::from(model), token)
}

pub fn claimed(
    attribution: &Contract<Attribution>,
    model: u64,
    token: Address,
    account: Address,
) -> U256 {
    attribution
        .sender(VIEWER)
        .claimed(U256::from(model), token, account)
}

pub fn released(attribution: &Contract<Attribution>, model: u64, token: Address) -> U256 {
    attribution
        .sender(VIEWER)
        .released(U256::from(model), token)
}

// ------------------------------------------------------------ escrowed fees

/// A native fee of `amount` wei for `model` with half of its data share
/// (20%) sent to the influence escrow: after the 5% protocol fee,
/// `amount * 0.95 * 0.2 * 0.5 = 9.5%` of it is escrowed.
pub fn influence_fee(model: u64, amount: u128, datanet: u64) -> Fee {
    Fee::native(amount, DEV)
        .model(model)
        .influence(5_000)
        .datanets(&[datanet], &[10_000])
}

/// Routes [`influence_fee`] as [`MARKET`]; returns the scaled units
/// escrowed by it.
#[track_caller]
pub fn route_influence_fee(
    splitter: &Contract<RewardSplitter>,
    model: u64,
    amount: u128,
    datanet: u64,
) -> U256 {
    let fee = influence_fee(model, amount, datanet);
    let expected = fee.expected(crate::common::PROTOCOL_FEE_BPS).escrow;
    splitter_support::route(splitter, &fee);
    expected
}

/// Wei of `model`'s escrow the splitter can release, ever: escrowed
/// (scaled) divided by `SCALE`, rounded down.
pub fn escrowed_wei(splitter: &Contract<RewardSplitter>, model: u64) -> U256 {
    escrow(splitter, model, NATIVE).0 / SCALE
}
