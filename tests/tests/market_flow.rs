//! The market wired to the real registry, splitter and attribution: a model
//! trained on two datanets with approved contributions is listed, paid in
//! native value and in an ERC-20, and the developer, the contributors and
//! the treasury claim exactly what the split says, to the wei. Payments
//! that must fail (raised price, paused or retired model, unaccepted
//! token, wrong value, fee-on-transfer token) fail with typed errors.
mod common;
mod market_support;
mod splitter_support;
mod stake_review_support;

use alloy_primitives::{Address, B256, U256};
use attribution::Attribution;
use common::allow_token;
use datanet_registry::DatanetRegistry;
use integration_tests::{MockErc20, Wallet};
use market_support::*;
use model_market::{
    InferencePaid, ModelMarket, ModelMarketModelNotActive, ModelMarketPriceAboveMax,
    ModelMarketTokenNotAccepted, ModelMarketTransferMismatch, ModelMarketWrongValue,
};
use motsu::prelude::*;
use reward_splitter::RewardSplitter;
use splitter_support::{assert_error, claim, ADMIN, NATIVE, TREASURY};

const POET_A: Address = Address::repeat_byte(0xA1);
const POET_B: Address = Address::repeat_byte(0xB1);
const PRICE: u128 = 1_000_000;

/// Deploys everything and lists a model on two owner-reviewed datanets
/// (weights 6,000 / 4,000), each with one approved contribution.
fn setup(
    market: &Contract<ModelMarket>,
    attribution: &Contract<Attribution>,
    registry: &Contract<DatanetRegistry>,
    splitter: &Contract<RewardSplitter>,
) -> (U256, [U256; 2]) {
    deploy(market, attribution, registry, splitter);
    let a = datanet_with_approved(registry, POET_A, 1, 80);
    let b = datanet_with_approved(registry, POET_B, 2, 50);
    let model = list(market, &[a, b], &[6_000, 4_000]);
    assert_eq!(model, U256::from(1));
    (model, [a, b])
}

/// Claims of one payment of [`PRICE`]: 5% protocol fee (50,000), then of
/// 950,000: developer 60% (570,000), data 30% (285,000) and validators 10%
/// (95,000), split 60/40 over the datanets. Owner-reviewed datanets have
/// no validator pool: their validator share goes to the contributors.
fn assert_claims(
    splitter: &Contract<RewardSplitter>,
    token: Address,
    datanets: [U256; 2],
    payments: u128,
    to: Address,
) {
    let (a, b) = (datanets[0].to::<u64>(), datanets[1].to::<u64>());
    assert_eq!(
        claim(splitter, DEV, token, &[], &[], to),
        U256::from(570_000 * payments)
    );
    assert_eq!(
        claim(splitter, TREASURY, token, &[], &[], to),
        U256::from(50_000 * payments)
    );
    assert_eq!(
        claim(splitter, POET_A, token, &[a], &[], to),
        U256::from((171_000 + 57_000) * payments)
    );
    assert_eq!(
        claim(splitter, POET_B, token, &[b], &[], to),
        U256::from((114_000 + 38_000) * payments)
    );
}

#[motsu::test]
fn native_payments_split_to_the_wei(
    market: Contract<ModelMarket>,
    attribution: Contract<Attribution>,
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    wallet: Contract<Wallet>,
) {
    let (model, datanets) = setup(&market, &attribution, &registry, &splitter);
    set_price(&market, model, NATIVE, PRICE);
    try_pay_native(&market, model, PRICE, PRICE).motsu_unwrap();
    market.assert_emitted(&InferencePaid {
        modelId: model,
        version: U256::from(1),
        payer: PAYER,
        token: NATIVE,
        count: U256::from(1),
        amount: U256::from(PRICE),
        requestId: B256::repeat_byte(0x11),
    });
    PAYER.fund(U256::from(3 * PRICE));
    market
        .sender_and_value(PAYER, U256::from(3 * PRICE))
        .pay_batch(model, NATIVE, U256::from(3), U256::from(PRICE), B256::ZERO)
        .motsu_unwrap();
    assert_claims(&splitter, NATIVE, datanets, 4, wallet.address());
}

#[motsu::test]
fn erc20_payments_split_to_the_wei(
    market: Contract<ModelMarket>,
    attribution: Contract<Attribution>,
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    token: Contract<MockErc20>,
) {
    let (model, datanets) = setup(&market, &attribution, &registry, &splitter);
    allow_token(&splitter, &token, ADMIN);
    set_price(&market, model, token.address(), PRICE);
    token
        .sender(PAYER)
        .mint(PAYER, U256::from(2 * PRICE))
        .motsu_unwrap();
    token
        .sender(PAYER)
        .approve(market.address(), U256::from(2 * PRICE))
        .motsu_unwrap();
    market
        .sender(PAYER)
        .pay_batch(
            model,
            token.address(),
            U256::from(2),
            U256::from(PRICE),
            B256::ZERO,
        )
        .motsu_unwrap();
    assert_claims(
        &splitter,
        token.address(),
        datanets,
        2,
        Address::repeat_byte(0xC0),
    );
}

#[motsu::test]
fn failed_payments_are_rejected(
    market: Contract<ModelMarket>,
    attribution: Contract<Attribution>,
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    token: Contract<MockErc20>,
) {
    let (model, _) = setup(&market, &attribution, &registry, &splitter);
    // No native price yet.
    assert_error(
        try_pay_native(&market, model, PRICE, PRICE).unwrap_err(),
        ModelMarketTokenNotAccepted {
            modelId: model,
            token: NATIVE,
        },
    );
    set_price(&market, model, NATIVE, PRICE);
    // The price raised in front of the payment.
    set_price(&market, model, NATIVE, PRICE + 1);
    assert_error(
        try_pay_native(&market, model, PRICE, PRICE).unwrap_err(),
        ModelMarketPriceAboveMax {
            price: U256::from(PRICE + 1),
            maxPrice: U256::from(PRICE),
        },
    );
    // Overpayment.
    assert_error(
        try_pay_native(&market, model, PRICE + 1, PRICE + 2).unwrap_err(),
        ModelMarketWrongValue {
            expected: U256::from(PRICE + 1),
            received: U256::from(PRICE + 2),
        },
    );
    // Paused, then retired.
    for status in [1u8, 2] {
        market.sender(DEV).set_status(model, status).motsu_unwrap();
        assert_error(
            try_pay_native(&market, model, PRICE + 1, PRICE + 1).unwrap_err(),
            ModelMarketModelNotActive {
                modelId: model,
                status,
            },
        );
    }
    // A fee-on-transfer token (on another model, Active).
    allow_token(&splitter, &token, ADMIN);
    let (a, b) = (
        datanet_with_approved(&registry, POET_A, 3, 60),
        datanet_with_approved(&registry, POET_B, 4, 60),
    );
    let other = list(&market, &[a, b], &[5_000, 5_000]);
    set_price(&market, other, token.address(), PRICE);
    token
        .sender(PAYER)
        .mint(PAYER, U256::from(PRICE))
        .motsu_unwrap();
    token
        .sender(PAYER)
        .approve(market.address(), U256::from(PRICE))
        .motsu_unwrap();
    token.sender(ADMIN).set_fee_bps(U256::from(100));
    let err = market
        .sender(PAYER)
        .pay(other, token.address(), U256::from(PRICE), B256::ZERO)
        .motsu_unwrap_err();
    assert_error(
        err,
        ModelMarketTransferMismatch {
            expected: U256::from(PRICE),
            received: U256::from(PRICE - PRICE / 100),
        },
    );
    // The transfer was undone with the payment: the payer keeps its
    // tokens, and neither the splitter nor the market holds any.
    assert_eq!(token.sender(PAYER).balance_of(PAYER), U256::from(PRICE));
    for holder in [splitter.address(), market.address()] {
        assert_eq!(token.sender(PAYER).balance_of(holder), U256::ZERO);
    }
}
