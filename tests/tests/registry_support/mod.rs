//! Helpers shared by the registry datanet / contribution / signed test files
//! (on top of `common`).
#![allow(dead_code)]

use alloy_primitives::{Address, B256, U256};
use alloy_sol_types::SolEvent;
use datanet_registry::{DatanetRegistry, Error, REVIEW_OWNER, REVIEW_VALIDATORS};
use motsu::prelude::*;

#[allow(unused_imports)] // each test file uses its own subset
pub use crate::common::{
    contribution_count, contribution_view, decode_all, native_balance, ContributionView, NOW,
};

/// Unwraps the error of a registry call (reverting it, as motsu does) and
/// returns the payload of the expected `Error` variant, failing the test with
/// the actual error otherwise.
macro_rules! expect_err {
    ($call:expr, $variant:ident) => {
        match motsu::prelude::ResultExt::motsu_unwrap_err($call) {
            datanet_registry::Error::$variant(payload) => payload,
            other => panic!("expected Error::{}, got {:?}", stringify!($variant), other),
        }
    };
}
pub(crate) use expect_err;

/// The flat terms of `create_datanet`, with valid defaults to tweak one at a
/// time.
#[derive(Clone, Debug)]
pub struct Terms {
    pub uri: String,
    pub hash: B256,
    pub license: String,
    pub mode: u8,
    pub quorum: u8,
    pub min_stake: U256,
    pub bond: U256,
    pub slash_bps: u16,
    pub min_data_share_bps: u16,
}

impl Terms {
    /// Valid owner-review terms with the given bond.
    pub fn owner(bond: U256) -> Self {
        Self {
            uri: "ipfs://owner-datanet".into(),
            hash: B256::repeat_byte(0x11),
            license: "MIT".into(),
            mode: REVIEW_OWNER,
            quorum: 0,
            min_stake: U256::ZERO,
            bond,
            slash_bps: 0,
            min_data_share_bps: 2_500,
        }
    }

    /// Valid validator-review terms.
    pub fn validators(quorum: u8, min_stake: U256, bond: U256) -> Self {
        Self {
            uri: "ipfs://validator-datanet".into(),
            hash: B256::repeat_byte(0x22),
            license: "CC-BY-SA-4.0".into(),
            mode: REVIEW_VALIDATORS,
            quorum,
            min_stake,
            bond,
            slash_bps: 1_500,
            min_data_share_bps: 4_000,
        }
    }

    /// Calls `create_datanet` with these terms as `sender`.
    pub fn create(
        &self,
        registry: &Contract<DatanetRegistry>,
        sender: Address,
    ) -> Result<U256, Error> {
        registry.sender(sender).create_datanet(
            self.uri.clone(),
            self.hash,
            self.license.clone(),
            self.mode,
            self.quorum,
            self.min_stake,
            self.bond,
            self.slash_bps,
            self.min_data_share_bps,
        )
    }
}

/// The review terms, owners and status of the `datanet()` view as a named
/// struct (its metadata is read by [`metadata_of`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DatanetView {
    pub owner: Address,
    pub pending_owner: Address,
    pub status: u8,
    pub review_mode: u8,
    pub quorum: u8,
    pub slash_bps: u16,
    pub min_data_share_bps: u16,
    pub min_stake: U256,
    pub bond: U256,
}

/// Reads the terms part of the `datanet()` view (panics on an unknown id).
pub fn datanet_view(registry: &Contract<DatanetRegistry>, id: U256) -> DatanetView {
    let (owner, pending_owner, status, review_mode, quorum, slash_bps, share, min_stake, bond, ..) =
        registry.sender(Address::ZERO).datanet(id).motsu_unwrap();
    DatanetView {
        owner,
        pending_owner,
        status,
        review_mode,
        quorum,
        slash_bps,
        min_data_share_bps: share,
        min_stake,
        bond,
    }
}

/// Reads the metadata part of the `datanet()` view: metadata URI, metadata
/// hash and license (panics on an unknown id).
pub fn metadata_of(registry: &Contract<DatanetRegistry>, id: U256) -> (String, B256, String) {
    let (.., uri, hash, license) = registry.sender(Address::ZERO).datanet(id).motsu_unwrap();
    (uri, hash, license)
}

/// A freshly submitted (pending) contribution record.
pub fn pending_record(datanet_id: U256, contributor: Address, hash: B256) -> ContributionView {
    ContributionView {
        datanet_id,
        contributor,
        content_hash: hash,
        submitted_at: NOW,
        status: 0,
        weight: U256::ZERO,
        approvals: 0,
        rejections: 0,
    }
}

/// Every event of type `E` emitted by the registry, decoded, in order.
pub fn events_of<E: SolEvent>(registry: &Contract<DatanetRegistry>) -> Vec<E> {
    decode_all::<E>(&registry.all_events())
}

/// A registry-wide picture used to prove a reverted call changed nothing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Snapshot {
    pub datanet_count: U256,
    pub contribution_count: U256,
    pub events: usize,
    pub balances: Vec<U256>,
}

/// Takes a [`Snapshot`] of the registry and the native balances of `accounts`.
pub fn snapshot(registry: &Contract<DatanetRegistry>, accounts: &[Address]) -> Snapshot {
    let (_, _, _, datanet_count, contribution_count) = registry.sender(Address::ZERO).config();
    Snapshot {
        datanet_count,
        contribution_count,
        events: registry.all_events().len(),
        balances: accounts.iter().copied().map(native_balance).collect(),
    }
}

/// The registry's datanet count, from `config()`.
pub fn datanet_count(registry: &Contract<DatanetRegistry>) -> U256 {
    registry.sender(Address::ZERO).config().3
}

/// A text of `len` ASCII bytes.
pub fn text(len: usize) -> String {
    "x".repeat(len)
}
