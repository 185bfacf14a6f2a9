//! Deployment and wiring for the market tests: the real registry, splitter
//! and attribution, with the market holding `MARKET_ROLE` in the splitter
//! and in attribution.
#![allow(dead_code)]

use alloy_primitives::{Address, B256, U256};
use attribution::Attribution;
use datanet_registry::DatanetRegistry;
use model_market::{Error, ModelMarket};
use motsu::prelude::*;
use reward_splitter::{RewardSplitter, ATTRIBUTION_ROLE};

use crate::common::{deploy_native, owner_datanet, COOLDOWN};
use crate::splitter_support::{role, ADMIN};
use crate::stake_review_support::{contribute_with_bond, vote};

/// Lists the models.
pub const DEV: Address = Address::repeat_byte(0xDE);
/// Owns the datanets.
pub const DATANET_OWNER: Address = Address::repeat_byte(0xD0);
/// Pays for inferences.
pub const PAYER: Address = Address::repeat_byte(0xBA);
/// Split the tests list with.
pub const SPLIT: (u16, u16, u16) = (6_000, 3_000, 1_000);

/// Deploys and wires the four programs (native stakes).
pub fn deploy(
    market: &Contract<ModelMarket>,
    attribution: &Contract<Attribution>,
    registry: &Contract<DatanetRegistry>,
    splitter: &Contract<RewardSplitter>,
) {
    deploy_native(registry, splitter, ADMIN, COOLDOWN);
    wire_market_and_attribution(market, attribution, registry, splitter);
}

/// Deploys attribution and the market on a wired registry and splitter
/// (administered by [`ADMIN`]), and grants their roles: the market's in the
/// splitter and in attribution, attribution's in the splitter.
pub fn wire_market_and_attribution(
    market: &Contract<ModelMarket>,
    attribution: &Contract<Attribution>,
    registry: &Contract<DatanetRegistry>,
    splitter: &Contract<RewardSplitter>,
) {
    for (id, account) in [
        (reward_splitter::MARKET_ROLE, market.address()),
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
        .grant_role(role(attribution::MARKET_ROLE), market.address())
        .motsu_unwrap();
    market
        .sender(ADMIN)
        .constructor(splitter.address(), attribution.address())
        .motsu_unwrap();
}

/// An owner-reviewed datanet with one contribution by `contributor`
/// approved at quality `quality`; returns the datanet id.
pub fn datanet_with_approved(
    registry: &Contract<DatanetRegistry>,
    contributor: Address,
    n: u64,
    quality: u8,
) -> U256 {
    let datanet = owner_datanet(registry, DATANET_OWNER, U256::ZERO);
    let c = contribute_with_bond(registry, contributor, datanet, n, U256::ZERO);
    vote(registry, DATANET_OWNER, c, true, quality);
    datanet
}

/// [`DEV`] lists a model trained on `datanets` with `weights`.
pub fn try_list(
    market: &Contract<ModelMarket>,
    split: (u16, u16, u16),
    influence: u16,
    datanets: &[U256],
    weights: &[u16],
) -> Result<U256, Error> {
    market
        .sender(DEV)
        .list_model(
            "ipfs://model".into(),
            B256::repeat_byte(0xAF),
            "llama-3-8b".into(),
            split.0,
            split.1,
            split.2,
            influence,
            datanets.to_vec(),
            weights.to_vec(),
            B256::repeat_byte(0x3F),
        )
        .motsu_res()
}

/// [`try_list`] with [`SPLIT`] and no influence share, unwrapped.
pub fn list(market: &Contract<ModelMarket>, datanets: &[U256], weights: &[u16]) -> U256 {
    try_list(market, SPLIT, 0, datanets, weights).motsu_unwrap()
}

/// [`DEV`] sets the model's price in `token`.
pub fn set_price(market: &Contract<ModelMarket>, model: U256, token: Address, price: u128) {
    market
        .sender(DEV)
        .set_price(model, token, U256::from(price))
        .motsu_unwrap();
}

/// [`PAYER`] pays for one inference in native value `value`.
pub fn try_pay_native(
    market: &Contract<ModelMarket>,
    model: U256,
    max_price: u128,
    value: u128,
) -> Result<(), Error> {
    PAYER.fund(U256::from(value));
    market
        .sender_and_value(PAYER, U256::from(value))
        .pay(
            model,
            Address::ZERO,
            U256::from(max_price),
            B256::repeat_byte(0x11),
        )
        .motsu_res()
}
