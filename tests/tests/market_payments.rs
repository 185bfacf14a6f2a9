//! Paying for inferences through the market, wired to the real registry,
//! splitter and attribution:
//!
//! - a model trained on a validator-reviewed datanet and an owner-reviewed
//!   one: the developer, the contributors (pro rata to their approved
//!   quality weight), the validators (one share per settled winning vote)
//!   and the treasury claim exactly what the split says, to the wei;
//! - a model with an influence share: the escrowed part reaches the
//!   accounts of an attestor's epoch, and the rest reaches the pools;
//! - every error `pay` and `payBatch` can return, each leaving the payer,
//!   the splitter and the market as they were.
//!
//! Expected amounts are computed here from the basis points and weights.
mod attribution_support;
mod common;
mod market_support;
mod splitter_support;
mod stake_review_support;

use alloy_primitives::{Address, B256, U256};
use attribution::Attribution;
use common::{
    allow_token, native_balance, owner_datanet, validator_datanet, MIN_STAKE, PROTOCOL_FEE_BPS,
};
use datanet_registry::DatanetRegistry;
use integration_tests::{MockErc20, Wallet};
use market_support::{
    deploy, list, set_price, try_list, try_pay_native, DATANET_OWNER, DEV, PAYER, SPLIT,
};
use model_market::{
    InferencePaid, ModelMarket, ModelMarketAmountOverflow, ModelMarketInvalidCount,
    ModelMarketPeerCallFailed, ModelMarketPriceAboveMax, ModelMarketUnknownModel,
    ModelMarketWrongValue, SafeErc20FailedOperation, MAX_BATCH,
};
use motsu::prelude::*;
use reward_splitter::{RewardSplitter, PAUSER_ROLE};
use splitter_support::{
    assert_error, claim, claimable, escrow, role, token_info, ADMIN, NATIVE, SCALE, TREASURY,
};
use stake_review_support::{contribute, contribute_with_bond, stake, vote};

const PRICE: u128 = 1_000_000;
const BPS: u128 = 10_000;

/// `amount * bps / 10,000`, for amounts the tests choose divisible.
fn bps_of(amount: u128, bps: u16) -> u128 {
    amount * u128::from(bps) / BPS
}

/// What a pool member with `shares` of `total` is paid of `credit` wei:
/// the credit raises the pool's reward per share by
/// `floor(credit * 10^18 / total)` scaled units, and claims pay whole wei.
fn pool_payout(credit: u128, shares: u64, total: u64) -> U256 {
    let per_share = U256::from(credit) * SCALE / U256::from(total);
    per_share * U256::from(shares) / SCALE
}

/// One contribution of `poet` to `datanet`, approved by both validators
/// with these qualities, and both votes settled into validator shares.
fn approved_by_both(
    registry: &Contract<DatanetRegistry>,
    datanet: U256,
    poet: Address,
    n: u64,
    validators: [Address; 2],
    qualities: [u8; 2],
) {
    let c = contribute(registry, poet, datanet, n);
    for (v, q) in validators.iter().zip(qualities) {
        vote(registry, *v, c, true, q);
    }
    for v in validators {
        registry.sender(v).settle_vote(c, v).motsu_unwrap();
    }
}

#[motsu::test]
fn validators_contributors_developer_and_treasury_claim_a_market_payment_to_the_wei(
    market: Contract<ModelMarket>,
    attribution: Contract<Attribution>,
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    poet1: Address,
    poet2: Address,
    poet3: Address,
    v1: Address,
    v2: Address,
    wallet: Contract<Wallet>,
) {
    let to = wallet.address();
    deploy(&market, &attribution, &registry, &splitter);
    // A validator-reviewed datanet (quorum 2) with two approved poems of
    // weights 85 and 50, and an owner-reviewed one with one of weight 70.
    let reviewed = validator_datanet(&registry, DATANET_OWNER, 2);
    for v in [v1, v2] {
        stake(&registry, v, reviewed, MIN_STAKE);
    }
    approved_by_both(&registry, reviewed, poet1, 1, [v1, v2], [80, 90]);
    approved_by_both(&registry, reviewed, poet2, 2, [v1, v2], [60, 41]);
    let owned = owner_datanet(&registry, DATANET_OWNER, U256::ZERO);
    let c3 = contribute_with_bond(&registry, poet3, owned, 3, U256::ZERO);
    vote(&registry, DATANET_OWNER, c3, true, 70);

    let weights = [7_000u16, 3_000];
    let model = list(&market, &[reviewed, owned], &weights);
    set_price(&market, model, NATIVE, PRICE);
    let balance_before = native_balance(PAYER);
    try_pay_native(&market, model, PRICE, PRICE).motsu_unwrap();
    assert_eq!(native_balance(PAYER), balance_before);
    assert_eq!(token_info(&splitter, NATIVE).deposited, U256::from(PRICE));

    // Computed from the basis points: 5% fee, then 60 / 30 / 10.
    let rest = PRICE - bps_of(PRICE, PROTOCOL_FEE_BPS);
    let (developer, data, validators) = (
        bps_of(rest, SPLIT.0),
        bps_of(rest, SPLIT.1),
        bps_of(rest, SPLIT.2),
    );
    let (reviewed_data, owned_data) = (bps_of(data, weights[0]), bps_of(data, weights[1]));
    let (reviewed_validators, owned_validators) = (
        bps_of(validators, weights[0]),
        bps_of(validators, weights[1]),
    );
    let (r, o) = (reviewed.to::<u64>(), owned.to::<u64>());
    let expected = [
        (DEV, vec![], vec![], U256::from(developer)),
        (TREASURY, vec![], vec![], U256::from(PRICE - rest)),
        // Weights 85 and 50 of 135.
        (poet1, vec![r], vec![], pool_payout(reviewed_data, 85, 135)),
        (poet2, vec![r], vec![], pool_payout(reviewed_data, 50, 135)),
        // One validator share each (one settled winning vote per poem, two
        // poems): half each.
        (v1, vec![], vec![r], pool_payout(reviewed_validators, 2, 4)),
        (v2, vec![], vec![r], pool_payout(reviewed_validators, 2, 4)),
        // The owner-reviewed datanet has no validator pool: its validator
        // share joins the data share in one credit to its contributors
        // (70 shares: the credit leaves a sub-wei remainder in the pool).
        (
            poet3,
            vec![o],
            vec![],
            pool_payout(owned_data + owned_validators, 70, 70),
        ),
    ];
    assert_eq!(expected[2].3, U256::from(125_611u64));
    assert_eq!(expected[4].3, U256::from(33_250u64));
    assert_eq!(expected[6].3, U256::from(113_999u64));
    for (account, contributor_pools, validator_pools, amount) in expected {
        assert_eq!(
            claimable(
                &splitter,
                account,
                NATIVE,
                &contributor_pools,
                &validator_pools
            )
            .0,
            amount,
            "{account}"
        );
        let before = native_balance(to);
        assert_eq!(
            claim(
                &splitter,
                account,
                NATIVE,
                &contributor_pools,
                &validator_pools,
                to
            ),
            amount
        );
        assert_eq!(native_balance(to) - before, amount);
    }
}

#[motsu::test]
fn an_influence_share_reaches_the_accounts_of_the_attestors_epoch(
    market: Contract<ModelMarket>,
    attribution: Contract<Attribution>,
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    poet: Address,
    influencer1: Address,
    influencer2: Address,
    wallet: Contract<Wallet>,
) {
    use attribution_support::{commit, try_claim_payout, Payouts, ATTESTOR};

    deploy(&market, &attribution, &registry, &splitter);
    let datanet = owner_datanet(&registry, DATANET_OWNER, U256::ZERO);
    let c = contribute_with_bond(&registry, poet, datanet, 1, U256::ZERO);
    vote(&registry, DATANET_OWNER, c, true, 90);
    // Half of the data share goes to the influence escrow.
    let influence = 5_000u16;
    let model = try_list(&market, SPLIT, influence, &[datanet], &[10_000]).motsu_unwrap();
    attribution
        .sender(ADMIN)
        .set_attestor(ATTESTOR, true)
        .motsu_unwrap();
    market
        .sender(DEV)
        .set_model_attestor(model, ATTESTOR)
        .motsu_unwrap();
    set_price(&market, model, NATIVE, PRICE);
    try_pay_native(&market, model, PRICE, PRICE).motsu_unwrap();

    let rest = PRICE - bps_of(PRICE, PROTOCOL_FEE_BPS);
    let data = bps_of(rest, SPLIT.1);
    let escrowed = bps_of(data, influence);
    assert_eq!(escrowed, 142_500);
    assert_eq!(
        escrow(&splitter, model.to::<u64>(), NATIVE).0,
        U256::from(escrowed) * SCALE
    );

    // The attestor shares the whole escrow between two accounts.
    let payouts = Payouts::new(
        attribution.address(),
        model.to::<u64>(),
        NATIVE,
        vec![
            (influencer1, U256::from(100_000u64)),
            (influencer2, U256::from(escrowed - 100_000)),
        ],
    );
    commit(&attribution, &payouts);
    for account in [influencer1, influencer2] {
        let amount = payouts.amount(account);
        assert_eq!(
            try_claim_payout(&attribution, &payouts, account).motsu_unwrap(),
            amount
        );
        assert_eq!(
            claim(&splitter, account, NATIVE, &[], &[], wallet.address()),
            amount
        );
    }
    // The rest of the data share, and the validator share of an
    // owner-reviewed datanet, reach the poet's pool (weight 90) in one
    // credit, less its sub-wei remainder.
    let d = datanet.to::<u64>();
    assert_eq!(
        claim(&splitter, poet, NATIVE, &[d], &[], wallet.address()),
        pool_payout(data - escrowed + bps_of(rest, SPLIT.2), 90, 90)
    );
    assert_eq!(
        claim(&splitter, DEV, NATIVE, &[], &[], wallet.address()),
        U256::from(bps_of(rest, SPLIT.0))
    );
}

// ------------------------------------------------------------------ errors

/// A model listed on one owner-reviewed datanet, priced at [`PRICE`] in
/// the native token; returns its id.
fn priced_model(
    market: &Contract<ModelMarket>,
    attribution: &Contract<Attribution>,
    registry: &Contract<DatanetRegistry>,
    splitter: &Contract<RewardSplitter>,
) -> U256 {
    deploy(market, attribution, registry, splitter);
    let datanet = owner_datanet(registry, DATANET_OWNER, U256::ZERO);
    let model = list(market, &[datanet], &[10_000]);
    set_price(market, model, NATIVE, PRICE);
    model
}

/// Asserts that no payment reached the splitter and the payer kept
/// `balance`.
#[track_caller]
fn assert_nothing_paid(splitter: &Contract<RewardSplitter>, balance: U256) {
    assert_eq!(native_balance(PAYER), balance);
    assert_eq!(token_info(splitter, NATIVE).deposited, U256::ZERO);
    assert_eq!(native_balance(splitter.address()), U256::ZERO);
}

#[motsu::test]
fn a_batch_pays_count_times_the_price_and_reports_the_total(
    market: Contract<ModelMarket>,
    attribution: Contract<Attribution>,
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
) {
    let model = priced_model(&market, &attribution, &registry, &splitter);
    let count = 7u128;
    PAYER.fund(U256::from(count * PRICE));
    let request = B256::repeat_byte(0x42);
    market
        .sender_and_value(PAYER, U256::from(count * PRICE))
        .pay_batch(model, NATIVE, U256::from(count), U256::from(PRICE), request)
        .motsu_unwrap();
    market.assert_emitted(&InferencePaid {
        modelId: model,
        version: U256::from(1),
        payer: PAYER,
        token: NATIVE,
        count: U256::from(count),
        amount: U256::from(count * PRICE),
        requestId: request,
    });
    assert_eq!(
        token_info(&splitter, NATIVE).deposited,
        U256::from(count * PRICE)
    );
    assert_eq!(
        native_balance(splitter.address()),
        U256::from(count * PRICE)
    );
    assert_eq!(native_balance(market.address()), U256::ZERO);
}

#[motsu::test]
fn paying_an_unknown_model_fails(
    market: Contract<ModelMarket>,
    attribution: Contract<Attribution>,
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
) {
    let model = priced_model(&market, &attribution, &registry, &splitter);
    let unknown = model + U256::from(1);
    let balance = native_balance(PAYER) + U256::from(2 * PRICE);
    assert_error(
        try_pay_native(&market, unknown, PRICE, PRICE).unwrap_err(),
        ModelMarketUnknownModel { modelId: unknown },
    );
    PAYER.fund(U256::from(PRICE));
    let err = market
        .sender_and_value(PAYER, U256::from(PRICE))
        .pay_batch(
            unknown,
            NATIVE,
            U256::from(1),
            U256::from(PRICE),
            B256::ZERO,
        )
        .motsu_unwrap_err();
    assert_error(err, ModelMarketUnknownModel { modelId: unknown });
    assert_nothing_paid(&splitter, balance);
}

#[motsu::test]
fn a_batch_of_zero_or_more_than_the_maximum_fails(
    market: Contract<ModelMarket>,
    attribution: Contract<Attribution>,
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
) {
    let model = priced_model(&market, &attribution, &registry, &splitter);
    let balance = native_balance(PAYER);
    for count in [U256::ZERO, U256::from(MAX_BATCH + 1), U256::MAX] {
        let err = market
            .sender(PAYER)
            .pay_batch(model, NATIVE, count, U256::from(PRICE), B256::ZERO)
            .motsu_unwrap_err();
        assert_error(
            err,
            ModelMarketInvalidCount {
                count,
                maxCount: U256::from(MAX_BATCH),
            },
        );
    }
    // The maximum itself is accepted.
    let total = U256::from(MAX_BATCH) * U256::from(PRICE);
    PAYER.fund(total);
    market
        .sender_and_value(PAYER, total)
        .pay_batch(
            model,
            NATIVE,
            U256::from(MAX_BATCH),
            U256::from(PRICE),
            B256::ZERO,
        )
        .motsu_unwrap();
    assert_eq!(native_balance(PAYER), balance);
    assert_eq!(token_info(&splitter, NATIVE).deposited, total);
}

#[motsu::test]
fn a_batch_whose_total_overflows_fails(
    market: Contract<ModelMarket>,
    attribution: Contract<Attribution>,
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
) {
    let model = priced_model(&market, &attribution, &registry, &splitter);
    let price = U256::MAX / U256::from(2) + U256::from(1);
    market
        .sender(DEV)
        .set_price(model, NATIVE, price)
        .motsu_unwrap();
    let balance = native_balance(PAYER);
    let err = market
        .sender(PAYER)
        .pay_batch(model, NATIVE, U256::from(2), U256::MAX, B256::ZERO)
        .motsu_unwrap_err();
    assert_error(
        err,
        ModelMarketAmountOverflow {
            count: U256::from(2),
            unitPrice: price,
        },
    );
    assert_nothing_paid(&splitter, balance);
}

#[motsu::test]
fn a_batch_above_the_maximum_unit_price_fails(
    market: Contract<ModelMarket>,
    attribution: Contract<Attribution>,
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
) {
    let model = priced_model(&market, &attribution, &registry, &splitter);
    PAYER.fund(U256::from(2 * PRICE));
    let balance = native_balance(PAYER);
    let err = market
        .sender_and_value(PAYER, U256::from(2 * PRICE))
        .pay_batch(
            model,
            NATIVE,
            U256::from(2),
            U256::from(PRICE - 1),
            B256::ZERO,
        )
        .motsu_unwrap_err();
    assert_error(
        err,
        ModelMarketPriceAboveMax {
            price: U256::from(PRICE),
            maxPrice: U256::from(PRICE - 1),
        },
    );
    assert_nothing_paid(&splitter, balance);
}

#[motsu::test]
fn a_native_payment_of_less_than_the_price_fails(
    market: Contract<ModelMarket>,
    attribution: Contract<Attribution>,
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
) {
    let model = priced_model(&market, &attribution, &registry, &splitter);
    let balance = native_balance(PAYER) + U256::from(PRICE - 1);
    assert_error(
        try_pay_native(&market, model, PRICE, PRICE - 1).unwrap_err(),
        ModelMarketWrongValue {
            expected: U256::from(PRICE),
            received: U256::from(PRICE - 1),
        },
    );
    assert_nothing_paid(&splitter, balance);
}

/// A model priced in an allowlisted mock ERC-20, and [`PAYER`] holding
/// and approving `PRICE` of it; returns the model id.
fn erc20_model(
    market: &Contract<ModelMarket>,
    attribution: &Contract<Attribution>,
    registry: &Contract<DatanetRegistry>,
    splitter: &Contract<RewardSplitter>,
    token: &Contract<MockErc20>,
    approved: u128,
) -> U256 {
    let model = priced_model(market, attribution, registry, splitter);
    allow_token(splitter, token, ADMIN);
    set_price(market, model, token.address(), PRICE);
    token
        .sender(PAYER)
        .mint(PAYER, U256::from(PRICE))
        .motsu_unwrap();
    token
        .sender(PAYER)
        .approve(market.address(), U256::from(approved))
        .motsu_unwrap();
    model
}

/// Asserts that [`PAYER`] still holds [`PRICE`] of `token` and the
/// splitter none.
#[track_caller]
fn assert_tokens_kept(token: &Contract<MockErc20>, splitter: &Contract<RewardSplitter>) {
    assert_eq!(token.sender(PAYER).balance_of(PAYER), U256::from(PRICE));
    assert_eq!(
        token.sender(PAYER).balance_of(splitter.address()),
        U256::ZERO
    );
    assert_eq!(token_info(splitter, token.address()).deposited, U256::ZERO);
}

#[motsu::test]
fn an_erc20_payment_with_native_value_attached_fails(
    market: Contract<ModelMarket>,
    attribution: Contract<Attribution>,
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    token: Contract<MockErc20>,
) {
    let model = erc20_model(&market, &attribution, &registry, &splitter, &token, PRICE);
    PAYER.fund(U256::from(1));
    let err = market
        .sender_and_value(PAYER, U256::from(1))
        .pay(model, token.address(), U256::from(PRICE), B256::ZERO)
        .motsu_unwrap_err();
    assert_error(
        err,
        ModelMarketWrongValue {
            expected: U256::ZERO,
            received: U256::from(1),
        },
    );
    assert_tokens_kept(&token, &splitter);
}

#[motsu::test]
fn an_erc20_payment_without_allowance_or_with_a_false_return_fails(
    market: Contract<ModelMarket>,
    attribution: Contract<Attribution>,
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    token: Contract<MockErc20>,
) {
    let model = erc20_model(
        &market,
        &attribution,
        &registry,
        &splitter,
        &token,
        PRICE - 1,
    );
    let pay = || {
        market
            .sender(PAYER)
            .pay(model, token.address(), U256::from(PRICE), B256::ZERO)
            .motsu_unwrap_err()
    };
    // The allowance is one wei short: `transferFrom` reverts.
    assert_error(
        pay(),
        SafeErc20FailedOperation {
            token: token.address(),
        },
    );
    // Enough allowance, but the token returns `false`.
    token
        .sender(PAYER)
        .approve(market.address(), U256::from(PRICE))
        .motsu_unwrap();
    token.sender(ADMIN).set_return_false(true);
    assert_error(
        pay(),
        SafeErc20FailedOperation {
            token: token.address(),
        },
    );
    assert_tokens_kept(&token, &splitter);
}

#[motsu::test]
fn a_token_the_splitter_does_not_allow_fails_with_the_splitter_named(
    market: Contract<ModelMarket>,
    attribution: Contract<Attribution>,
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    token: Contract<MockErc20>,
) {
    let model = erc20_model(&market, &attribution, &registry, &splitter, &token, PRICE);
    splitter_support::set_token_allowed(&splitter, token.address(), false);
    let err = market
        .sender(PAYER)
        .pay(model, token.address(), U256::from(PRICE), B256::ZERO)
        .motsu_unwrap_err();
    assert_error(
        err,
        ModelMarketPeerCallFailed {
            peer: splitter.address(),
        },
    );
    // The pull into the splitter was undone with the failed route.
    assert_tokens_kept(&token, &splitter);
}

#[motsu::test]
fn payments_fail_while_the_splitter_is_paused_and_resume_after(
    market: Contract<ModelMarket>,
    attribution: Contract<Attribution>,
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    pauser: Address,
) {
    let model = priced_model(&market, &attribution, &registry, &splitter);
    splitter
        .sender(ADMIN)
        .grant_role(role(PAUSER_ROLE), pauser)
        .motsu_unwrap();
    splitter.sender(pauser).pause().motsu_unwrap();
    let balance = native_balance(PAYER) + U256::from(PRICE);
    assert_error(
        try_pay_native(&market, model, PRICE, PRICE).unwrap_err(),
        ModelMarketPeerCallFailed {
            peer: splitter.address(),
        },
    );
    assert_nothing_paid(&splitter, balance);
    splitter.sender(pauser).unpause().motsu_unwrap();
    try_pay_native(&market, model, PRICE, PRICE).motsu_unwrap();
    assert_eq!(token_info(&splitter, NATIVE).deposited, U256::from(PRICE));
}
