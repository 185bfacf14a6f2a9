//! Helpers shared by the registry validator, review and ERC-20 test files
//! and the registry-to-splitter flow (on top of `common`): native staking
//! and contributing, typed views, and `common`'s exact error comparison.
#![allow(dead_code)]

use alloy_primitives::{Address, U256};
use datanet_registry::DatanetRegistry;
use motsu::prelude::*;

#[allow(unused_imports)] // each test file uses its own subset
pub use crate::common::{
    assert_error, contribution_count, contribution_view as contribution, contributor_weight,
    grant_registry, native_balance, native_received, pool_funded, pool_funding, pool_updates,
    revoke_registry, shares_changed, token_balance, validator_shares, ContributionView, NOW,
    VIEWER,
};
use crate::common::{content, BOND};

/// Funds `validator` with `amount` and stakes it natively.
pub fn stake(
    registry: &Contract<DatanetRegistry>,
    validator: Address,
    datanet: U256,
    amount: U256,
) {
    validator.fund(amount);
    registry
        .sender_and_value(validator, amount)
        .stake(datanet, amount)
        .motsu_unwrap();
}

/// Funds `contributor` with `bond` and contributes `content(n)` with it.
pub fn contribute_with_bond(
    registry: &Contract<DatanetRegistry>,
    contributor: Address,
    datanet: U256,
    n: u64,
    bond: U256,
) -> U256 {
    contributor.fund(bond);
    registry
        .sender_and_value(contributor, bond)
        .contribute(datanet, content(n), String::new())
        .motsu_unwrap()
}

/// Contributes `content(n)` paying the standard [`BOND`] natively.
pub fn contribute(
    registry: &Contract<DatanetRegistry>,
    contributor: Address,
    datanet: U256,
    n: u64,
) -> U256 {
    contribute_with_bond(registry, contributor, datanet, n, BOND)
}

/// Casts a vote and unwraps it.
pub fn vote(
    registry: &Contract<DatanetRegistry>,
    validator: Address,
    contribution: U256,
    approve: bool,
    quality: u8,
) {
    registry
        .sender(validator)
        .vote(contribution, approve, quality)
        .motsu_unwrap();
}

/// The `validator()` view, with named fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidatorView {
    pub stake: U256,
    pub eligible_from: U256,
    pub unstake_requested_at: u64,
    pub open_votes: u32,
}

impl ValidatorView {
    /// A validator record that was never written or was cleared.
    pub const EMPTY: ValidatorView = ValidatorView {
        stake: U256::ZERO,
        eligible_from: U256::ZERO,
        unstake_requested_at: 0,
        open_votes: 0,
    };
}

pub fn validator(
    registry: &Contract<DatanetRegistry>,
    datanet: U256,
    account: Address,
) -> ValidatorView {
    let (stake, eligible_from, unstake_requested_at, open_votes) =
        registry.sender(VIEWER).validator(datanet, account);
    ValidatorView {
        stake,
        eligible_from,
        unstake_requested_at,
        open_votes,
    }
}

/// The `vote_of()` view: kind (0 none, 1 approve, 2 reject), quality, settled.
pub fn vote_of(
    registry: &Contract<DatanetRegistry>,
    contribution: U256,
    account: Address,
) -> (u8, u8, bool) {
    registry.sender(VIEWER).vote_of(contribution, account)
}

pub fn refund_of(registry: &Contract<DatanetRegistry>, account: Address) -> U256 {
    registry.sender(VIEWER).refund_of(account)
}
