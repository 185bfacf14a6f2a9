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
