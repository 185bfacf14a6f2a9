//! Setup shared by the registry test files.
#![allow(dead_code)]

use alloy_primitives::{uint, Address, B256, U256};
use datanet_registry::{DatanetRegistry, REVIEW_OWNER, REVIEW_VALIDATORS};
use integration_tests::{MockErc20, SplitterDouble};
use motsu::prelude::*;

pub const MIN_STAKE: U256 = uint!(1000_U256);
pub const BOND: U256 = uint!(50_U256);
pub const SLASH_BPS: u16 = 2_000;
pub const MIN_DATA_SHARE_BPS: u16 = 3_000;
pub const COOLDOWN: u64 = 7 * 24 * 60 * 60;

/// Deploys the registry against the splitter double with native stakes.
pub fn deploy_native(
    registry: &Contract<DatanetRegistry>,
    splitter: &Contract<SplitterDouble>,
    admin: Address,
    cooldown: u64,
) {
    registry
        .sender(admin)
        .constructor(splitter.address(), Address::ZERO, cooldown)
        .motsu_unwrap();
}

/// Deploys the registry against the splitter double with `token` stakes.
pub fn deploy_erc20(
    registry: &Contract<DatanetRegistry>,
    splitter: &Contract<SplitterDouble>,
    token: &Contract<MockErc20>,
    admin: Address,
    cooldown: u64,
) {
    registry
        .sender(admin)
        .constructor(splitter.address(), token.address(), cooldown)
        .motsu_unwrap();
}

/// Creates a validator-reviewed datanet with the constants above.
pub fn validator_datanet(registry: &Contract<DatanetRegistry>, owner: Address, quorum: u8) -> U256 {
    registry
        .sender(owner)
        .create_datanet(
            "ipfs://persian-poetry".into(),
            B256::repeat_byte(0xAA),
            "CC-BY-4.0".into(),
            REVIEW_VALIDATORS,
            quorum,
            MIN_STAKE,
            BOND,
            SLASH_BPS,
            MIN_DATA_SHARE_BPS,
        )
        .motsu_unwrap()
}

/// Creates an owner-reviewed datanet with the given bond.
pub fn owner_datanet(registry: &Contract<DatanetRegistry>, owner: Address, bond: U256) -> U256 {
    registry
        .sender(owner)
        .create_datanet(
            "ipfs://owner-reviewed".into(),
            B256::repeat_byte(0xBB),
            "MIT".into(),
            REVIEW_OWNER,
            0,
            U256::ZERO,
            bond,
            0,
            MIN_DATA_SHARE_BPS,
        )
        .motsu_unwrap()
}

/// A distinct non-zero content hash per `n` (keccak of a poem-like text).
pub fn content(n: u64) -> B256 {
    alloy_primitives::keccak256(format!("poem #{n}").as_bytes())
}

/// motsu's constant block timestamp.
pub const NOW: u64 = 1_735_689_600;

/// Native balance of any account. motsu's `Balance` covers only contracts
/// and `Account`s; for a plain address it reads the host balance through the
/// SDK's deprecated getter, as motsu itself does.
#[allow(deprecated)]
pub fn native_balance(account: Address) -> U256 {
    stylus_sdk::types::AddressVM::balance(&account)
}

/// The registry's contribution count, from `config()`.
pub fn contribution_count(registry: &Contract<DatanetRegistry>) -> U256 {
    registry.sender(Address::ZERO).config().4
}

/// The `contribution()` view as a named struct.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContributionView {
    pub datanet_id: U256,
    pub contributor: Address,
    pub content_hash: B256,
    pub submitted_at: u64,
    pub status: u8,
    pub weight: U256,
    pub approvals: u8,
    pub rejections: u8,
}

/// Reads the `contribution()` view (panics on an unknown id).
pub fn contribution_view(registry: &Contract<DatanetRegistry>, id: U256) -> ContributionView {
    let (
        datanet_id,
        contributor,
        content_hash,
        submitted_at,
        status,
        weight,
        approvals,
        rejections,
    ) = registry
        .sender(Address::ZERO)
        .contribution(id)
        .motsu_unwrap();
    ContributionView {
        datanet_id,
        contributor,
        content_hash,
        submitted_at,
        status,
        weight,
        approvals,
        rejections,
    }
}
