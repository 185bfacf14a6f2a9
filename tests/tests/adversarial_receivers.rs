//! Hostile native-value receivers (issue #5), with the real programs wired
//! together, at every place native value leaves a program:
//!
//! - the splitter's `claim` (contributor pools, a developer balance,
//!   released influence escrow);
//! - the registry's `withdrawStake` and `claimRefund` (bond refunds);
//! - attribution's `claimInfluence`, which releases escrow into the
//!   splitter, paid out by the splitter's `claim`.
//!
//! A [`ReentrantReceiver`] calls back into a program from its `receive`: the
//! re-entrant call is refused with the program's typed error, the account
//! is paid exactly once, and every balance and claimable is exact to the
//! wei afterwards (the splitter's native balance equals
//! `deposited - claimed`). A [`RevertingReceiver`] blocks only its own
//! payout: the failed payout changes nothing, everyone else still claims,
//! payments still route, and where the API has a `to` it claims to another
//! address.
//!
//! motsu dispatches nested calls straight to the callee's router, not
//! through the `user_entrypoint` that carries the SDK's reentrancy guard
//! (and its `msg_reentrant` host function always answers `false`), so the
//! re-entrant calls here really run: these tests check the programs' own
//! checks-effects-interactions order, without the guard. On chain the guard
//! refuses the same calls earlier, with the same outcome for the outer one.
mod attribution_support;
mod common;
mod hostile_support;
mod market_support;
mod splitter_support;
mod stake_review_support;

use alloy_primitives::{Address, U256};
use attribution::{Attribution, AttributionNothingToClaim};
use common::{content, decode_all, owner_datanet, validator_datanet, BOND, COOLDOWN, MIN_STAKE};
use datanet_registry::{
    DatanetRegistry, RefundClaimed, RegistryNothingToClaim, RegistryPeerCallFailed,
    RegistryUnstakeNotRequested, StakeWithdrawn,
};
use hostile_support::{
    arm_reentry, assert_reentry_refused, claim_call, returned_u256, Actor, Calls, OPERATOR,
};
use integration_tests::{ReentrantReceiver, RevertingReceiver, Wallet};
use market_support::{
    deploy, list, set_price, try_list, try_pay_native, DATANET_OWNER, DEV, SPLIT,
};
use model_market::ModelMarket;
use motsu::prelude::*;
use reward_splitter::{
    RewardSplitter, RewardSplitterNothingToClaim, RewardSplitterPayoutFailed, RewardsClaimed,
};
use splitter_support::{
    assert_conserved, assert_error, claim, claimable, escrow, rewards_claimed, token_info,
    try_claim, ADMIN, NATIVE, TREASURY,
};
use stake_review_support::{contribute_with_bond, validator, vote, ValidatorView};

/// The price of one inference, in wei.
const PRICE: u128 = 1_000_000;
/// Of [`PRICE`]: 5% to the treasury, then 60% of the rest to the developer.
const TREASURY_CUT: u128 = 50_000;
const DEV_CUT: u128 = 570_000;
/// The rest (data 30% and, the datanet being owner-reviewed, validators
/// 10%) goes to one contributor pool of 100 shares: 3,800 wei a share.
const POOL_CUT: u128 = 380_000;
/// Qualities of the two approved contributions: 60 and 40 shares.
const HOSTILE_CUT: u128 = POOL_CUT * 60 / 100;
const POET_CUT: u128 = POOL_CUT * 40 / 100;

fn u(n: u128) -> U256 {
    U256::from(n)
}

/// Wires the four programs; an owner-reviewed datanet without bond where
/// `hostile` (acting through `execute`) and `poet` each have a contribution
/// approved, with qualities 60 and 40; a model trained on it, priced
/// [`PRICE`] in native value, paid once. Returns the datanet and the model.
fn paid_model(
    market: &Contract<ModelMarket>,
    attribution: &Contract<Attribution>,
    registry: &Contract<DatanetRegistry>,
    splitter: &Contract<RewardSplitter>,
    hostile: &impl Actor,
    poet: Address,
) -> (u64, U256) {
    deploy(market, attribution, registry, splitter);
    let datanet = owner_datanet(registry, DATANET_OWNER, U256::ZERO);
    let contribute = Calls::contributeCall {
        datanetId: datanet,
        contentHash: content(1),
        uri: String::new(),
    };
    let c1 = returned_u256(&hostile.call(registry.address(), contribute).unwrap());
    vote(registry, DATANET_OWNER, c1, true, 60);
    let c2 = contribute_with_bond(registry, poet, datanet, 2, U256::ZERO);
    vote(registry, DATANET_OWNER, c2, true, 40);
    let model = list(market, &[datanet], &[10_000]);
    set_price(market, model, NATIVE, PRICE);
    try_pay_native(market, model, PRICE, PRICE).motsu_unwrap();
    (datanet.to(), model)
}

/// Asserts the splitter holds exactly `deposited - claimed` native wei.
#[track_caller]
fn assert_splitter_solvent_to_the_wei(splitter: &Contract<RewardSplitter>) {
    let info = token_info(splitter, NATIVE);
    assert_eq!(splitter.balance(), info.deposited - info.claimed);
}

/// The splitter's `RewardsClaimed` events of `account`.
fn claims_of(splitter: &Contract<RewardSplitter>, account: Address) -> Vec<RewardsClaimed> {
    decode_all::<RewardsClaimed>(&splitter.all_events())
        .into_iter()
        .filter(|e| e.account == account)
        .collect()
}

// ------------------------------------------------------------ splitter

#[motsu::test]
fn a_receiver_reentering_claim_from_its_native_payout_is_paid_once(
    market: Contract<ModelMarket>,
    attribution: Contract<Attribution>,
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    hostile: Contract<ReentrantReceiver>,
    poet: Address,
    wallet: Contract<Wallet>,
) {
    let (d, _) = paid_model(&market, &attribution, &registry, &splitter, &hostile, poet);
    let (s, h) = (splitter.address(), hostile.address());
    assert_eq!(claimable(&splitter, h, NATIVE, &[d], &[]).0, u(HOSTILE_CUT));

    // Its `receive` claims again, from the same pool, to itself.
    arm_reentry(&hostile, s, claim_call(NATIVE, &[d], &[], h));
    let paid = hostile.call(s, claim_call(NATIVE, &[d], &[], h)).unwrap();
    assert_eq!(returned_u256(&paid), u(HOSTILE_CUT));
    assert_reentry_refused(
        &hostile,
        RewardSplitterNothingToClaim {
            account: h,
            token: NATIVE,
        },
    );
    assert_eq!(hostile.balance(), u(HOSTILE_CUT));
    assert_eq!(hostile.sender(OPERATOR).received(), u(HOSTILE_CUT));
    assert_eq!(
        claimable(&splitter, h, NATIVE, &[d], &[]),
        (U256::ZERO, U256::ZERO)
    );
    assert_eq!(
        claims_of(&splitter, h),
        vec![rewards_claimed(h, NATIVE, h, u(HOSTILE_CUT))]
    );
    let info = token_info(&splitter, NATIVE);
    assert_eq!((info.deposited, info.claimed), (u(PRICE), u(HOSTILE_CUT)));
    assert_splitter_solvent_to_the_wei(&splitter);

    // Everyone else is paid exactly what the split says.
    let to = wallet.address();
    assert_eq!(claim(&splitter, poet, NATIVE, &[d], &[], to), u(POET_CUT));
    assert_eq!(claim(&splitter, DEV, NATIVE, &[], &[], to), u(DEV_CUT));
    assert_eq!(
        claim(&splitter, TREASURY, NATIVE, &[], &[], to),
        u(TREASURY_CUT)
    );
    assert_eq!(wallet.balance(), u(POET_CUT + DEV_CUT + TREASURY_CUT));
    assert_eq!(splitter.balance(), U256::ZERO);
    assert_eq!(token_info(&splitter, NATIVE).claimed, u(PRICE));
    assert_conserved(&splitter, NATIVE, &[h, poet, DEV, TREASURY], &[d], &[]);
}

#[motsu::test]
fn a_recipient_that_rejects_native_value_blocks_only_its_own_claim(
    market: Contract<ModelMarket>,
    attribution: Contract<Attribution>,
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    reverting: Contract<RevertingReceiver>,
    poet: Address,
    wallet: Contract<Wallet>,
) {
    let (d, model) = paid_model(
        &market,
        &attribution,
        &registry,
        &splitter,
        &reverting,
        poet,
    );
    let (s, r) = (splitter.address(), reverting.address());
    let owed = claimable(&splitter, r, NATIVE, &[d], &[]);
    assert_eq!(owed.0, u(HOSTILE_CUT));
    let info = token_info(&splitter, NATIVE);

    // Its own claim fails with the typed error and changes nothing.
    let err = reverting
        .call(s, claim_call(NATIVE, &[d], &[], r))
        .unwrap_err();
    assert_error(err, RewardSplitterPayoutFailed { to: r });
    // Naming it as `to` fails the same way for anyone, at no cost to them.
    let poet_owed = claimable(&splitter, poet, NATIVE, &[d], &[]);
    let err = try_claim(&splitter, poet, NATIVE, &[d], &[], r).unwrap_err();
    assert_error(err, RewardSplitterPayoutFailed { to: r });
    assert_eq!(claimable(&splitter, r, NATIVE, &[d], &[]), owed);
    assert_eq!(claimable(&splitter, poet, NATIVE, &[d], &[]), poet_owed);
    assert_eq!(token_info(&splitter, NATIVE), info);
    assert_eq!(splitter.balance(), u(PRICE));
    assert_eq!(reverting.balance(), U256::ZERO);
    assert!(claims_of(&splitter, r).is_empty());
    assert!(claims_of(&splitter, poet).is_empty());

    // Everyone else claims.
    let to = wallet.address();
    assert_eq!(claim(&splitter, poet, NATIVE, &[d], &[], to), u(POET_CUT));
    assert_eq!(claim(&splitter, DEV, NATIVE, &[], &[], to), u(DEV_CUT));
    // Payments still route, and credit it too.
    try_pay_native(&market, model, PRICE, PRICE).motsu_unwrap();
    assert_eq!(
        claimable(&splitter, r, NATIVE, &[d], &[]).0,
        u(2 * HOSTILE_CUT)
    );
    // It claims to another address.
    let paid = reverting
        .call(s, claim_call(NATIVE, &[d], &[], to))
        .unwrap();
    assert_eq!(returned_u256(&paid), u(2 * HOSTILE_CUT));
    assert_eq!(
        claims_of(&splitter, r),
        vec![rewards_claimed(r, NATIVE, to, u(2 * HOSTILE_CUT))]
    );
    assert_eq!(wallet.balance(), u(POET_CUT + DEV_CUT + 2 * HOSTILE_CUT));
    assert_splitter_solvent_to_the_wei(&splitter);
    assert_conserved(&splitter, NATIVE, &[r, poet, DEV, TREASURY], &[d], &[]);
}

#[motsu::test]
fn a_developer_that_rejects_native_value_does_not_block_payments(
    market: Contract<ModelMarket>,
    attribution: Contract<Attribution>,
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    reverting: Contract<RevertingReceiver>,
    poet: Address,
    wallet: Contract<Wallet>,
) {
    let (d, model) = paid_model(
        &market,
        &attribution,
        &registry,
        &splitter,
        &reverting,
        poet,
    );
    let (s, r, m) = (splitter.address(), reverting.address(), market.address());
    // The model passes to the reverting account (two-step).
    market
        .sender(DEV)
        .transfer_ownership(model, r)
        .motsu_unwrap();
    reverting
        .call(m, Calls::acceptOwnershipCall { modelId: model })
        .unwrap();
    // Two more payments route; the developer share is credited, not pushed.
    for _ in 0..2 {
        try_pay_native(&market, model, PRICE, PRICE).motsu_unwrap();
    }
    assert_eq!(token_info(&splitter, NATIVE).deposited, u(3 * PRICE));
    assert_eq!(
        claimable(&splitter, r, NATIVE, &[d], &[]).0,
        u(2 * DEV_CUT + 3 * HOSTILE_CUT)
    );
    let err = reverting
        .call(s, claim_call(NATIVE, &[d], &[], r))
        .unwrap_err();
    assert_error(err, RewardSplitterPayoutFailed { to: r });
    let to = wallet.address();
    assert_eq!(claim(&splitter, DEV, NATIVE, &[], &[], to), u(DEV_CUT));
    assert_eq!(
        claim(&splitter, poet, NATIVE, &[d], &[], to),
        u(3 * POET_CUT)
    );
    let paid = reverting
        .call(s, claim_call(NATIVE, &[d], &[], to))
        .unwrap();
    assert_eq!(returned_u256(&paid), u(2 * DEV_CUT + 3 * HOSTILE_CUT));
    assert_eq!(
        wallet.balance(),
        u(3 * DEV_CUT + 3 * POET_CUT + 3 * HOSTILE_CUT)
    );
    assert_splitter_solvent_to_the_wei(&splitter);
    assert_conserved(&splitter, NATIVE, &[r, poet, DEV, TREASURY], &[d], &[]);
}

// ------------------------------------------------------------ registry

/// Stakes `amount` natively as `account` through `execute`.
fn stake_as(
    registry: &Contract<DatanetRegistry>,
    account: &impl Actor,
    datanet: U256,
    amount: U256,
) {
    account
        .call_with_value(
            registry.address(),
            Calls::stakeCall {
                datanetId: datanet,
                amount,
            },
            amount,
        )
        .unwrap();
}

/// Contributes `content(n)` with `bond` as `account` through `execute`.
fn contribute_as(
    registry: &Contract<DatanetRegistry>,
    account: &impl Actor,
    datanet: U256,
    n: u64,
    bond: U256,
) -> U256 {
    let call = Calls::contributeCall {
        datanetId: datanet,
        contentHash: content(n),
        uri: String::new(),
    };
    returned_u256(
        &account
            .call_with_value(registry.address(), call, bond)
            .unwrap(),
    )
}

/// The registry's `StakeWithdrawn` events as `(datanet, validator, amount)`.
fn withdrawals(registry: &Contract<DatanetRegistry>) -> Vec<(U256, Address, U256)> {
    decode_all::<StakeWithdrawn>(&registry.all_events())
        .into_iter()
        .map(|e| (e.datanetId, e.validator, e.amount))
        .collect()
}

/// The registry's `RefundClaimed` events as `(account, amount)`.
fn refunds(registry: &Contract<DatanetRegistry>) -> Vec<(Address, U256)> {
    decode_all::<RefundClaimed>(&registry.all_events())
        .into_iter()
        .map(|e| (e.account, e.amount))
        .collect()
}

#[motsu::test]
fn a_validator_reentering_withdraw_stake_from_its_payout_is_paid_once(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    hostile: Contract<ReentrantReceiver>,
    honest: Contract<ReentrantReceiver>,
) {
    // No cooldown: motsu's clock does not move.
    common::deploy_native(&registry, &splitter, ADMIN, 0);
    let d = validator_datanet(&registry, DATANET_OWNER, 1);
    let (r, h) = (registry.address(), hostile.address());
    stake_as(&registry, &hostile, d, MIN_STAKE);
    stake_as(&registry, &honest, d, MIN_STAKE * u(2));
    assert_eq!(registry.balance(), MIN_STAKE * u(3));

    hostile
        .call(r, Calls::requestUnstakeCall { datanetId: d })
        .unwrap();
    arm_reentry(&hostile, r, Calls::withdrawStakeCall { datanetId: d });
    hostile
        .call(r, Calls::withdrawStakeCall { datanetId: d })
        .unwrap();
    assert_reentry_refused(
        &hostile,
        RegistryUnstakeNotRequested {
            datanetId: d,
            validator: h,
        },
    );
    assert_eq!(hostile.balance(), MIN_STAKE);
    assert_eq!(validator(&registry, d, h), ValidatorView::EMPTY);
    assert_eq!(registry.balance(), MIN_STAKE * u(2));
    assert_eq!(withdrawals(&registry), vec![(d, h, MIN_STAKE)]);

    // The other validator still withdraws all of its stake.
    honest
        .call(r, Calls::requestUnstakeCall { datanetId: d })
        .unwrap();
    honest
        .call(r, Calls::withdrawStakeCall { datanetId: d })
        .unwrap();
    assert_eq!(honest.balance(), MIN_STAKE * u(2));
    assert_eq!(registry.balance(), U256::ZERO);
}

#[motsu::test]
fn a_contributor_reentering_claim_refund_from_its_payout_is_paid_once(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    hostile: Contract<ReentrantReceiver>,
    honest: Contract<ReentrantReceiver>,
) {
    common::deploy_native(&registry, &splitter, ADMIN, COOLDOWN);
    let d = owner_datanet(&registry, DATANET_OWNER, BOND);
    let (r, h) = (registry.address(), hostile.address());
    let c1 = contribute_as(&registry, &hostile, d, 1, BOND);
    let c2 = contribute_as(&registry, &honest, d, 2, BOND);
    vote(&registry, DATANET_OWNER, c1, true, 70);
    vote(&registry, DATANET_OWNER, c2, true, 70);
    assert_eq!(stake_review_support::refund_of(&registry, h), BOND);
    assert_eq!(registry.balance(), BOND * u(2));

    arm_reentry(&hostile, r, Calls::claimRefundCall {});
    hostile.call(r, Calls::claimRefundCall {}).unwrap();
    assert_reentry_refused(&hostile, RegistryNothingToClaim { account: h });
    assert_eq!(hostile.balance(), BOND);
    assert_eq!(stake_review_support::refund_of(&registry, h), U256::ZERO);
    assert_eq!(registry.balance(), BOND);
    assert_eq!(refunds(&registry), vec![(h, BOND)]);

    honest.call(r, Calls::claimRefundCall {}).unwrap();
    assert_eq!(honest.balance(), BOND);
    assert_eq!(registry.balance(), U256::ZERO);
}

#[motsu::test]
fn a_validator_and_contributor_that_reject_native_value_block_only_themselves(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    reverting: Contract<RevertingReceiver>,
    honest: Contract<ReentrantReceiver>,
) {
    common::deploy_native(&registry, &splitter, ADMIN, 0);
    let d = validator_datanet(&registry, DATANET_OWNER, 1);
    let (r, rv) = (registry.address(), reverting.address());
    stake_as(&registry, &reverting, d, MIN_STAKE);
    stake_as(&registry, &honest, d, MIN_STAKE);
    // Each contributes one bonded poem; each approves the other's (quorum
    // 1): reviews and settlement never pay the reverting account directly.
    let c1 = contribute_as(&registry, &reverting, d, 1, BOND);
    let c2 = contribute_as(&registry, &honest, d, 2, BOND);
    let approve = |c| Calls::voteCall {
        contributionId: c,
        approve: true,
        quality: 80,
    };
    honest.call(r, approve(c1)).unwrap();
    reverting.call(r, approve(c2)).unwrap();
    for (c, v) in [(c1, honest.address()), (c2, rv)] {
        registry.sender(OPERATOR).settle_vote(c, v).motsu_unwrap();
    }
    assert_eq!(common::contribution_view(&registry, c1).status, 1);
    assert_eq!(stake_review_support::refund_of(&registry, rv), BOND);
    assert_eq!(registry.balance(), (MIN_STAKE + BOND) * u(2));

    // Its refund and its stake cannot reach it; nothing changes.
    let err = reverting.call(r, Calls::claimRefundCall {}).unwrap_err();
    assert_error(err, RegistryPeerCallFailed { peer: rv });
    assert_eq!(stake_review_support::refund_of(&registry, rv), BOND);
    reverting
        .call(r, Calls::requestUnstakeCall { datanetId: d })
        .unwrap();
    let record = validator(&registry, d, rv);
    let err = reverting
        .call(r, Calls::withdrawStakeCall { datanetId: d })
        .unwrap_err();
    assert_error(err, RegistryPeerCallFailed { peer: rv });
    assert_eq!(validator(&registry, d, rv), record);
    assert_eq!(record.stake, MIN_STAKE);
    assert!(refunds(&registry).is_empty());
    assert!(withdrawals(&registry).is_empty());
    assert_eq!(registry.balance(), (MIN_STAKE + BOND) * u(2));

    // The other account gets its refund and its stake.
    honest.call(r, Calls::claimRefundCall {}).unwrap();
    honest
        .call(r, Calls::requestUnstakeCall { datanetId: d })
        .unwrap();
    honest
        .call(r, Calls::withdrawStakeCall { datanetId: d })
        .unwrap();
    assert_eq!(honest.balance(), MIN_STAKE + BOND);
    // What stays is exactly what the reverting account is owed.
    assert_eq!(registry.balance(), MIN_STAKE + BOND);
}

// ------------------------------------------------------------ attribution

/// The four programs, a model with half of its data share escrowed for
/// influence, paid once (142,500 wei escrowed), and an epoch giving
/// `first` 100,000 wei and `second` the other 42,500. Returns the model,
/// the epoch's payouts and the datanet (whose one contributor is [`POET`]).
fn influence_epoch(
    market: &Contract<ModelMarket>,
    attribution: &Contract<Attribution>,
    registry: &Contract<DatanetRegistry>,
    splitter: &Contract<RewardSplitter>,
    first: Address,
    second: Address,
) -> (U256, attribution_support::Payouts, u64) {
    use attribution_support::{commit, Payouts, ATTESTOR};
    deploy(market, attribution, registry, splitter);
    let datanet = owner_datanet(registry, DATANET_OWNER, U256::ZERO);
    let c = contribute_with_bond(registry, POET, datanet, 1, U256::ZERO);
    vote(registry, DATANET_OWNER, c, true, 90);
    let model = try_list(market, SPLIT, 5_000, &[datanet], &[10_000]).motsu_unwrap();
    attribution
        .sender(ADMIN)
        .set_attestor(ATTESTOR, true)
        .motsu_unwrap();
    market
        .sender(DEV)
        .set_model_attestor(model, ATTESTOR)
        .motsu_unwrap();
    set_price(market, model, NATIVE, PRICE);
    try_pay_native(market, model, PRICE, PRICE).motsu_unwrap();
    let payouts = Payouts::new(
        attribution.address(),
        model.to(),
        NATIVE,
        vec![(first, u(100_000)), (second, u(42_500))],
    );
    commit(attribution, &payouts);
    (model, payouts, datanet.to())
}

/// The contributor of [`influence_epoch`]'s datanet.
const POET: Address = Address::repeat_byte(0x91);

fn claim_influence_call(
    payouts: &attribution_support::Payouts,
    account: Address,
) -> Calls::claimInfluenceCall {
    Calls::claimInfluenceCall {
        modelId: U256::from(payouts.model),
        token: NATIVE,
        cumulativeAmount: payouts.amount(account),
        proof: payouts.proof(account),
    }
}

#[motsu::test]
fn an_influence_account_reentering_claim_influence_from_its_payout_is_paid_once(
    market: Contract<ModelMarket>,
    attribution: Contract<Attribution>,
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    hostile: Contract<ReentrantReceiver>,
    other: Address,
    wallet: Contract<Wallet>,
) {
    let h = hostile.address();
    let (model, payouts, d) =
        influence_epoch(&market, &attribution, &registry, &splitter, h, other);
    let (a, s, m) = (attribution.address(), splitter.address(), model.to::<u64>());
    let released = hostile.call(a, claim_influence_call(&payouts, h)).unwrap();
    assert_eq!(returned_u256(&released), u(100_000));
    assert_eq!(claimable(&splitter, h, NATIVE, &[], &[]).0, u(100_000));

    // Paid by the splitter, it claims its influence again.
    arm_reentry(&hostile, a, claim_influence_call(&payouts, h));
    let paid = hostile.call(s, claim_call(NATIVE, &[], &[], h)).unwrap();
    assert_eq!(returned_u256(&paid), u(100_000));
    assert_reentry_refused(
        &hostile,
        AttributionNothingToClaim {
            modelId: model,
            token: NATIVE,
            account: h,
            claimed: u(100_000),
        },
    );
    assert_eq!(hostile.balance(), u(100_000));
    assert_eq!(
        claimable(&splitter, h, NATIVE, &[], &[]),
        (U256::ZERO, U256::ZERO)
    );
    assert_eq!(
        attribution_support::claimed(&attribution, m, NATIVE, h),
        u(100_000)
    );
    assert_eq!(
        attribution_support::released(&attribution, m, NATIVE),
        u(100_000)
    );
    assert_eq!(escrow(&splitter, m, NATIVE).1, u(100_000));

    // The other account of the epoch claims its part.
    assert_eq!(
        attribution_support::try_claim_payout(&attribution, &payouts, other).motsu_unwrap(),
        u(42_500)
    );
    assert_eq!(
        claim(&splitter, other, NATIVE, &[], &[], wallet.address()),
        u(42_500)
    );
    assert_eq!(escrow(&splitter, m, NATIVE).1, u(142_500));
    assert_splitter_solvent_to_the_wei(&splitter);
    assert_conserved(
        &splitter,
        NATIVE,
        &[h, other, POET, DEV, TREASURY],
        &[d],
        &[m],
    );
}

#[motsu::test]
fn an_influence_account_that_rejects_native_value_claims_to_another_address(
    market: Contract<ModelMarket>,
    attribution: Contract<Attribution>,
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    reverting: Contract<RevertingReceiver>,
    other: Address,
    wallet: Contract<Wallet>,
) {
    let rv = reverting.address();
    let (model, payouts, d) =
        influence_epoch(&market, &attribution, &registry, &splitter, rv, other);
    let (a, s, m) = (attribution.address(), splitter.address(), model.to::<u64>());
    // Releasing escrow pushes nothing: it succeeds.
    reverting
        .call(a, claim_influence_call(&payouts, rv))
        .unwrap();
    let err = reverting
        .call(s, claim_call(NATIVE, &[], &[], rv))
        .unwrap_err();
    assert_error(err, RewardSplitterPayoutFailed { to: rv });
    assert_eq!(claimable(&splitter, rv, NATIVE, &[], &[]).0, u(100_000));
    // The other account is not blocked.
    attribution_support::try_claim_payout(&attribution, &payouts, other).motsu_unwrap();
    let to = wallet.address();
    assert_eq!(claim(&splitter, other, NATIVE, &[], &[], to), u(42_500));
    let paid = reverting.call(s, claim_call(NATIVE, &[], &[], to)).unwrap();
    assert_eq!(returned_u256(&paid), u(100_000));
    assert_eq!(wallet.balance(), u(142_500));
    assert_splitter_solvent_to_the_wei(&splitter);
    assert_conserved(
        &splitter,
        NATIVE,
        &[rv, other, POET, DEV, TREASURY],
        &[d],
        &[m],
    );
}
