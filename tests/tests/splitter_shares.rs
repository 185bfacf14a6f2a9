//! The registry's and attribution's calls: `addContributorWeight`,
//! `addValidatorShare`, `removeShares`, `disableValidatorPool`,
//! `fundValidatorPool`, `releaseEscrow`, and anyone's `distributePending`,
//! with their errors; and settlement before every share change.
mod common;
mod splitter_support;

use alloy_primitives::{Address, U256};
use alloy_sol_types::SolError;
use integration_tests::{MockErc20, Wallet};
use motsu::prelude::*;
use reward_splitter::{
    EscrowReleased, RewardSplitter, RewardSplitterAmountTooLarge, RewardSplitterInvalidPool,
    RewardSplitterPoolInUse, RewardSplitterUnknownToken, RewardSplitterWrongValue,
    RewardSplitterZeroAddress, RewardSplitterZeroAmount, ValidatorPoolDisabled, MAX_POOL_SHARES,
};
use splitter_support::{
    add_validator, add_weight, assert_conserved, assert_error, claim, claimable, deploy,
    deploy_with_token, disable_validator_pool, distribute_pending, escrow, escrow_exceeded,
    fund_validators, insufficient_shares, invalid_datanet, mint_to, native_balance,
    nothing_pending, pending_distributed, pool_funded, pool_info, release_escrow, remove_shares,
    route, route_erc20, scaled, set_token_allowed, shares_changed, shares_of, token_balance,
    token_info, transfer_shortfall, try_add_validator, try_add_weight, try_disable_validator_pool,
    try_distribute_pending, try_release_escrow, try_remove_shares, u, wei, Fee, PoolInfo,
    CONTRIBUTORS, MAX_AMOUNT, NATIVE, PAUSER, REGISTRY, SCALE, TREASURY, VALIDATORS,
};

fn dn(id: u64) -> U256 {
    U256::from(id)
}

// ----------------------------------------------------- addContributorWeight

#[motsu::test]
fn add_contributor_weight_adds_shares_and_emits_shares_changed(
    splitter: Contract<RewardSplitter>,
    poet: Address,
    poet2: Address,
) {
    deploy(&splitter);
    add_weight(&splitter, 1, poet, 80);
    splitter.assert_emitted(&shares_changed(dn(1), CONTRIBUTORS, poet, 80, 80));
    add_weight(&splitter, 1, poet2, 45);
    add_weight(&splitter, 1, poet, 20);
    splitter.assert_emitted(&shares_changed(dn(1), CONTRIBUTORS, poet, 100, 145));
    assert_eq!(shares_of(&splitter, 1, CONTRIBUTORS, poet), u(100));
    assert_eq!(shares_of(&splitter, 1, CONTRIBUTORS, poet2), u(45));
    assert_eq!(
        pool_info(&splitter, 1, CONTRIBUTORS, NATIVE).total_shares,
        u(145)
    );
    // Other pools and datanets are untouched.
    assert_eq!(shares_of(&splitter, 1, VALIDATORS, poet), U256::ZERO);
    assert_eq!(shares_of(&splitter, 2, CONTRIBUTORS, poet), U256::ZERO);
    assert_eq!(pool_info(&splitter, 1, VALIDATORS, NATIVE), PoolInfo::EMPTY);
}

#[motsu::test]
fn add_contributor_weight_rejects_bad_input(splitter: Contract<RewardSplitter>, poet: Address) {
    deploy(&splitter);
    let err = try_add_weight(&splitter, 0, poet, u(1)).unwrap_err();
    assert_error(err, invalid_datanet(0));
    let err = try_add_weight(&splitter, 1, Address::ZERO, u(1)).unwrap_err();
    assert_error(err, RewardSplitterZeroAddress {});
    let err = try_add_weight(&splitter, 1, poet, U256::ZERO).unwrap_err();
    assert_error(err, RewardSplitterZeroAmount {});
    assert_eq!(shares_of(&splitter, 1, CONTRIBUTORS, poet), U256::ZERO);
    assert_eq!(
        pool_info(&splitter, 1, CONTRIBUTORS, NATIVE),
        PoolInfo::EMPTY
    );
}

#[motsu::test]
fn a_pool_total_above_the_cap_is_too_large(
    splitter: Contract<RewardSplitter>,
    poet: Address,
    poet2: Address,
) {
    deploy(&splitter);
    let cap = U256::from(MAX_POOL_SHARES);
    // One add past the cap: the error names the amount added.
    for amount in [cap + u(1), U256::from(u64::MAX) + u(1), U256::MAX] {
        let err = try_add_weight(&splitter, 1, poet, amount).unwrap_err();
        assert_error(err, RewardSplitterAmountTooLarge { amount });
    }

    // Exactly the cap fits; one more share anywhere in the pool does not.
    add_weight(&splitter, 1, poet, u128::from(MAX_POOL_SHARES));
    let err = try_add_weight(&splitter, 1, poet2, u(1)).unwrap_err();
    assert_error(err, RewardSplitterAmountTooLarge { amount: u(1) });
    assert_eq!(shares_of(&splitter, 1, CONTRIBUTORS, poet2), U256::ZERO);
    // The validator pool has its own total.
    add_validator(&splitter, 1, poet, 1);
    assert_eq!(
        pool_info(&splitter, 1, VALIDATORS, NATIVE).total_shares,
        u(1)
    );
    assert_eq!(
        pool_info(&splitter, 1, CONTRIBUTORS, NATIVE).total_shares,
        cap
    );
}

#[motsu::test]
fn at_the_share_cap_a_pool_division_leaves_under_a_thousandth_of_a_wei(
    splitter: Contract<RewardSplitter>,
    poet: Address,
    dev: Address,
) {
    deploy(&splitter);
    let cap = U256::from(MAX_POOL_SHARES);
    add_weight(&splitter, 1, poet, u128::from(MAX_POOL_SHARES));
    // 100 fees of 10 wei: each credit's remainder is below the share count,
    // so the dust stays below 100 * 10^15 scaled units = 0.1 wei.
    for _ in 0..100 {
        route(&splitter, &Fee::native(10, dev));
    }
    let dust = token_info(&splitter, NATIVE).dust;
    assert!(dust < u(100) * cap, "dust {dust}");
    // The poet can claim its share of the data: nothing became dust.
    let (wei, _) = claimable(&splitter, poet, NATIVE, &[1], &[]);
    assert!(wei > U256::ZERO);
    assert_conserved(&splitter, NATIVE, &[TREASURY, dev, poet], &[1], &[]);
}

// --------------------------------------------------- disableValidatorPool

#[motsu::test]
fn a_pool_in_use_cannot_be_disabled(splitter: Contract<RewardSplitter>, v1: Address) {
    deploy(&splitter);
    // Already disabled.
    disable_validator_pool(&splitter, 1);
    let err = try_disable_validator_pool(&splitter, 1).unwrap_err();
    assert_error(err, RewardSplitterPoolInUse { datanetId: dn(1) });
    // With shares.
    add_validator(&splitter, 2, v1, 1);
    let err = try_disable_validator_pool(&splitter, 2).unwrap_err();
    assert_error(err, RewardSplitterPoolInUse { datanetId: dn(2) });
    // Holding revenue while it has no shares.
    fund_validators(&splitter, 3, 50);
    let err = try_disable_validator_pool(&splitter, 3).unwrap_err();
    assert_error(err, RewardSplitterPoolInUse { datanetId: dn(3) });
    assert!(!splitter.emitted(&ValidatorPoolDisabled { datanetId: dn(3) }));
}

// ------------------------------------------------------- addValidatorShare

#[motsu::test]
fn add_validator_share_adds_one_share_per_call(
    splitter: Contract<RewardSplitter>,
    v1: Address,
    v2: Address,
) {
    deploy(&splitter);
    add_validator(&splitter, 3, v1, 1);
    splitter.assert_emitted(&shares_changed(dn(3), VALIDATORS, v1, 1, 1));
    add_validator(&splitter, 3, v2, 1);
    add_validator(&splitter, 3, v1, 1);
    splitter.assert_emitted(&shares_changed(dn(3), VALIDATORS, v1, 2, 3));
    assert_eq!(shares_of(&splitter, 3, VALIDATORS, v1), u(2));
    assert_eq!(shares_of(&splitter, 3, VALIDATORS, v2), u(1));
    assert_eq!(shares_of(&splitter, 3, CONTRIBUTORS, v1), U256::ZERO);
    assert_eq!(
        pool_info(&splitter, 3, VALIDATORS, NATIVE).total_shares,
        u(3)
    );
}

#[motsu::test]
fn add_validator_share_rejects_datanet_zero_and_the_zero_address(
    splitter: Contract<RewardSplitter>,
    v1: Address,
) {
    deploy(&splitter);
    let err = try_add_validator(&splitter, 0, v1).unwrap_err();
    assert_error(err, invalid_datanet(0));
    let err = try_add_validator(&splitter, 1, Address::ZERO).unwrap_err();
    assert_error(err, RewardSplitterZeroAddress {});
    assert_eq!(pool_info(&splitter, 1, VALIDATORS, NATIVE), PoolInfo::EMPTY);
    assert_eq!(shares_of(&splitter, 0, VALIDATORS, v1), U256::ZERO);
}

// ------------------------------------------------------------ removeShares

#[motsu::test]
fn remove_shares_subtracts_from_either_pool(
    splitter: Contract<RewardSplitter>,
    poet: Address,
    v1: Address,
) {
    deploy(&splitter);
    add_weight(&splitter, 1, poet, 90);
    add_validator(&splitter, 1, v1, 3);
    remove_shares(&splitter, 1, CONTRIBUTORS, poet, 30);
    splitter.assert_emitted(&shares_changed(dn(1), CONTRIBUTORS, poet, 60, 60));
    remove_shares(&splitter, 1, VALIDATORS, v1, 3);
    splitter.assert_emitted(&shares_changed(dn(1), VALIDATORS, v1, 0, 0));
    assert_eq!(shares_of(&splitter, 1, CONTRIBUTORS, poet), u(60));
    assert_eq!(shares_of(&splitter, 1, VALIDATORS, v1), U256::ZERO);
    assert_eq!(
        pool_info(&splitter, 1, VALIDATORS, NATIVE).total_shares,
        U256::ZERO
    );
}

#[motsu::test]
fn remove_shares_rejects_bad_input(
    splitter: Contract<RewardSplitter>,
    poet: Address,
    other: Address,
) {
    deploy(&splitter);
    add_weight(&splitter, 1, poet, 10);
    for pool in [2u8, u8::MAX] {
        let err = try_remove_shares(&splitter, 1, pool, poet, u(1)).unwrap_err();
        assert_error(err, RewardSplitterInvalidPool { pool });
    }
    // The pool kind is checked before the datanet.
    let err = try_remove_shares(&splitter, 0, 2, poet, u(1)).unwrap_err();
    assert_error(err, RewardSplitterInvalidPool { pool: 2 });
    let err = try_remove_shares(&splitter, 0, CONTRIBUTORS, poet, u(1)).unwrap_err();
    assert_error(err, invalid_datanet(0));
    let err = try_remove_shares(&splitter, 1, CONTRIBUTORS, Address::ZERO, u(1)).unwrap_err();
    assert_error(err, RewardSplitterZeroAddress {});
    let err = try_remove_shares(&splitter, 1, CONTRIBUTORS, poet, U256::ZERO).unwrap_err();
    assert_error(err, RewardSplitterZeroAmount {});
    let err = try_remove_shares(&splitter, 1, CONTRIBUTORS, poet, u(11)).unwrap_err();
    assert_error(err, insufficient_shares(poet, 10, 11));
    let err = try_remove_shares(&splitter, 1, CONTRIBUTORS, other, u(1)).unwrap_err();
    assert_error(err, insufficient_shares(other, 0, 1));
    // The poet's shares are in the contributor pool, not the validator pool.
    let err = try_remove_shares(&splitter, 1, VALIDATORS, poet, u(1)).unwrap_err();
    assert_error(err, insufficient_shares(poet, 0, 1));
    assert_eq!(shares_of(&splitter, 1, CONTRIBUTORS, poet), u(10));
    assert_eq!(
        pool_info(&splitter, 1, CONTRIBUTORS, NATIVE).total_shares,
        u(10)
    );
}

#[motsu::test]
fn a_pool_emptied_by_removals_holds_revenue_again(
    splitter: Contract<RewardSplitter>,
    dev: Address,
    poet: Address,
) {
    deploy(&splitter);
    add_weight(&splitter, 1, poet, 2);
    route(&splitter, &Fee::native(1_000, dev));
    remove_shares(&splitter, 1, CONTRIBUTORS, poet, 2);
    route(&splitter, &Fee::native(1_000, dev));
    let info = pool_info(&splitter, 1, CONTRIBUTORS, NATIVE);
    assert_eq!(info.total_shares, U256::ZERO);
    assert_eq!(info.pending, scaled(190));
    assert_eq!(info.revenue, scaled(380));
    // The poet keeps the first fee's part only.
    assert_eq!(claimable(&splitter, poet, NATIVE, &[1], &[]), wei(190));
    assert_conserved(&splitter, NATIVE, &[dev, TREASURY, poet], &[1], &[1]);
}

// -------------------------------------------------- settlement before change

#[motsu::test]
fn a_contributor_added_after_a_fee_earns_nothing_from_it(
    splitter: Contract<RewardSplitter>,
    dev: Address,
    early: Address,
    late: Address,
) {
    deploy(&splitter);
    add_weight(&splitter, 1, early, 10);
    route(&splitter, &Fee::native(1_000, dev));
    add_weight(&splitter, 1, late, 10);
    assert_eq!(claimable(&splitter, late, NATIVE, &[1], &[]), wei(0));
    assert_eq!(claimable(&splitter, early, NATIVE, &[1], &[]), wei(190));
    // The next fee is shared equally.
    route(&splitter, &Fee::native(1_000, dev));
    assert_eq!(claimable(&splitter, late, NATIVE, &[1], &[]), wei(95));
    assert_eq!(claimable(&splitter, early, NATIVE, &[1], &[]), wei(285));
    assert_conserved(&splitter, NATIVE, &[dev, TREASURY, early, late], &[1], &[1]);
}

#[motsu::test]
fn adding_shares_to_a_holder_settles_its_earlier_reward_first(
    splitter: Contract<RewardSplitter>,
    dev: Address,
    v1: Address,
    v2: Address,
) {
    deploy(&splitter);
    add_validator(&splitter, 1, v1, 1);
    add_validator(&splitter, 1, v2, 1);
    route(&splitter, &Fee::native(1_000, dev));
    // 95 wei of validator revenue: 47.5 each.
    add_validator(&splitter, 1, v1, 2);
    // Without settlement v1 would now be credited 3 x 47.5.
    assert_eq!(
        claimable(&splitter, v1, NATIVE, &[], &[1]),
        (u(47), scaled(95) / u(2))
    );
    route(&splitter, &Fee::native(1_000, dev));
    // Then 3/4 of the next 95 for v1, 1/4 for v2.
    assert_eq!(
        claimable(&splitter, v1, NATIVE, &[], &[1]).1,
        scaled(95) / u(2) + scaled(95) * u(3) / u(4)
    );
    assert_eq!(
        claimable(&splitter, v2, NATIVE, &[], &[1]).1,
        scaled(95) / u(2) + scaled(95) / u(4)
    );
    assert_conserved(&splitter, NATIVE, &[dev, TREASURY, v1, v2], &[1], &[1]);
}

// ---------------------------------------------------- disableValidatorPool

#[motsu::test]
fn disable_validator_pool_marks_the_datanet_and_rejects_id_zero(
    splitter: Contract<RewardSplitter>,
) {
    deploy(&splitter);
    disable_validator_pool(&splitter, 4);
    splitter.assert_emitted(&ValidatorPoolDisabled { datanetId: dn(4) });
    let err = try_disable_validator_pool(&splitter, 0).unwrap_err();
    assert_error(err, invalid_datanet(0));
}

// ------------------------------------------------------- fundValidatorPool

#[motsu::test]
fn fund_validator_pool_credits_the_validators(
    splitter: Contract<RewardSplitter>,
    v1: Address,
    v2: Address,
    wallet: Contract<Wallet>,
) {
    deploy(&splitter);
    add_validator(&splitter, 2, v1, 1);
    add_validator(&splitter, 2, v2, 3);
    fund_validators(&splitter, 2, 400);
    splitter.assert_emitted(&pool_funded(dn(2), NATIVE, u(400)));
    assert_eq!(
        pool_info(&splitter, 2, VALIDATORS, NATIVE),
        PoolInfo {
            total_shares: u(4),
            reward_per_share: scaled(100),
            revenue: scaled(400),
            pending: U256::ZERO,
        }
    );
    assert_eq!(token_info(&splitter, NATIVE).deposited, u(400));
    assert_eq!(splitter.balance(), u(400));
    assert_eq!(native_balance(REGISTRY), U256::ZERO);
    assert_eq!(
        claim(&splitter, v1, NATIVE, &[], &[2], wallet.address()),
        u(100)
    );
    assert_eq!(
        claim(&splitter, v2, NATIVE, &[], &[2], wallet.address()),
        u(300)
    );
    assert_eq!(wallet.balance(), u(400));
    assert_conserved(&splitter, NATIVE, &[v1, v2], &[2], &[]);
}

#[motsu::test]
fn fund_validator_pool_works_while_paused_and_for_a_disallowed_token(
    splitter: Contract<RewardSplitter>,
    v1: Address,
) {
    deploy(&splitter);
    add_validator(&splitter, 1, v1, 1);
    splitter.sender(PAUSER).pause().motsu_unwrap();
    set_token_allowed(&splitter, NATIVE, false);
    fund_validators(&splitter, 1, 50);
    assert_eq!(claimable(&splitter, v1, NATIVE, &[], &[1]), wei(50));
    assert_eq!(token_info(&splitter, NATIVE).deposited, u(50));
}

#[motsu::test]
fn fund_validator_pool_without_validators_holds_it_until_distributed(
    splitter: Contract<RewardSplitter>,
    v1: Address,
    v2: Address,
    v3: Address,
    anyone: Address,
) {
    deploy(&splitter);
    fund_validators(&splitter, 1, 100);
    assert_eq!(
        pool_info(&splitter, 1, VALIDATORS, NATIVE),
        PoolInfo::holding(scaled(100))
    );
    add_validator(&splitter, 1, v1, 1);
    add_validator(&splitter, 1, v2, 1);
    add_validator(&splitter, 1, v3, 1);
    // Shares alone do not release it; anyone may.
    assert_eq!(claimable(&splitter, v1, NATIVE, &[], &[1]), wei(0));
    distribute_pending(&splitter, anyone, 1, VALIDATORS, NATIVE);
    splitter.assert_emitted(&pending_distributed(1, VALIDATORS, NATIVE, scaled(100)));
    let per_share = scaled(100) / u(3);
    assert_eq!(
        pool_info(&splitter, 1, VALIDATORS, NATIVE),
        PoolInfo {
            total_shares: u(3),
            reward_per_share: per_share,
            revenue: scaled(100),
            pending: U256::ZERO,
        }
    );
    assert_eq!(token_info(&splitter, NATIVE).dust, scaled(100) % u(3));
    for v in [v1, v2, v3] {
        assert_eq!(
            claimable(&splitter, v, NATIVE, &[], &[1]),
            (u(33), per_share)
        );
    }
    // Nothing is left to distribute.
    let err = try_distribute_pending(&splitter, anyone, 1, VALIDATORS, NATIVE).unwrap_err();
    assert_error(err, nothing_pending(1, VALIDATORS, NATIVE));
    assert_conserved(&splitter, NATIVE, &[v1, v2, v3], &[1], &[]);
}

#[motsu::test]
fn fund_validator_pool_rejects_bad_input(splitter: Contract<RewardSplitter>, other_token: Address) {
    deploy(&splitter);
    let cases: [(U256, Address, U256, U256); 6] = [
        (U256::ZERO, NATIVE, u(10), u(10)),
        (dn(1), NATIVE, U256::ZERO, U256::ZERO),
        (dn(1), NATIVE, MAX_AMOUNT + u(1), U256::ZERO),
        (dn(1), other_token, u(10), U256::ZERO),
        (dn(1), NATIVE, u(10), u(9)),
        (dn(1), NATIVE, u(10), u(11)),
    ];
    let mut funded = U256::ZERO;
    for (i, (datanet, token, amount, value)) in cases.into_iter().enumerate() {
        REGISTRY.fund(value);
        funded += value;
        let err = splitter
            .sender_and_value(REGISTRY, value)
            .fund_validator_pool(datanet, token, amount)
            .motsu_unwrap_err();
        let bytes = Vec::<u8>::from(err);
        let expected = match i {
            0 => invalid_datanet(0).abi_encode(),
            1 => RewardSplitterZeroAmount {}.abi_encode(),
            2 => RewardSplitterAmountTooLarge { amount }.abi_encode(),
            3 => RewardSplitterUnknownToken { token: other_token }.abi_encode(),
            _ => RewardSplitterWrongValue {
                expected: u(10),
                received: value,
            }
            .abi_encode(),
        };
        assert_eq!(bytes, expected, "case {i}");
        assert_eq!(native_balance(REGISTRY), funded, "value kept, case {i}");
    }
    assert_eq!(token_info(&splitter, NATIVE).deposited, U256::ZERO);
    assert_eq!(splitter.balance(), U256::ZERO);
    assert_eq!(pool_info(&splitter, 1, VALIDATORS, NATIVE), PoolInfo::EMPTY);
}

#[motsu::test]
fn fund_validator_pool_in_erc20_needs_the_tokens_first(
    splitter: Contract<RewardSplitter>,
    token: Contract<MockErc20>,
    v1: Address,
) {
    let t = deploy_with_token(&splitter, &token);
    add_validator(&splitter, 1, v1, 1);
    let err = splitter
        .sender(REGISTRY)
        .fund_validator_pool(dn(1), t, u(70))
        .motsu_unwrap_err();
    assert_error(err, transfer_shortfall(t, 70, 0));
    // Sent first, and accepted even once the token is disallowed for fees.
    mint_to(&token, splitter.address(), 70);
    set_token_allowed(&splitter, t, false);
    splitter
        .sender(REGISTRY)
        .fund_validator_pool(dn(1), t, u(70))
        .motsu_unwrap();
    splitter.assert_emitted(&pool_funded(dn(1), t, u(70)));
    assert_eq!(claimable(&splitter, v1, t, &[], &[1]), wei(70));
    assert_eq!(token_info(&splitter, t).deposited, u(70));
    assert_eq!(token_balance(&token, splitter.address()), u(70));
}

#[motsu::test]
fn a_share_change_settles_the_account_in_every_listed_token(
    splitter: Contract<RewardSplitter>,
    token: Contract<MockErc20>,
    dev: Address,
    early: Address,
    late: Address,
) {
    let t = deploy_with_token(&splitter, &token);
    add_weight(&splitter, 1, early, 1);
    route(&splitter, &Fee::native(1_000, dev));
    route_erc20(&splitter, &token, &Fee::native(2_000, dev));
    // Both tokens' rewards are settled before the weight grows.
    add_weight(&splitter, 1, early, 1);
    add_weight(&splitter, 1, late, 2);
    assert_eq!(claimable(&splitter, early, NATIVE, &[1], &[]), wei(190));
    assert_eq!(claimable(&splitter, early, t, &[1], &[]), wei(380));
    assert_eq!(claimable(&splitter, late, NATIVE, &[1], &[]), wei(0));
    assert_eq!(claimable(&splitter, late, t, &[1], &[]), wei(0));
}

// ------------------------------------------------------- distributePending

#[motsu::test]
fn distribute_pending_rejects_bad_input_and_empty_pools(
    splitter: Contract<RewardSplitter>,
    dev: Address,
    poet: Address,
    anyone: Address,
    other_token: Address,
) {
    deploy(&splitter);
    for pool in [2u8, 200] {
        let err = try_distribute_pending(&splitter, anyone, 1, pool, NATIVE).unwrap_err();
        assert_error(err, RewardSplitterInvalidPool { pool });
    }
    let err = try_distribute_pending(&splitter, anyone, 1, CONTRIBUTORS, other_token).unwrap_err();
    assert_error(err, RewardSplitterUnknownToken { token: other_token });
    // Nothing pending at all.
    let err = try_distribute_pending(&splitter, anyone, 1, CONTRIBUTORS, NATIVE).unwrap_err();
    assert_error(err, nothing_pending(1, CONTRIBUTORS, NATIVE));

    // Pending, but still no shares to give it to.
    route(&splitter, &Fee::native(1_000, dev));
    let err = try_distribute_pending(&splitter, anyone, 1, CONTRIBUTORS, NATIVE).unwrap_err();
    assert_error(err, nothing_pending(1, CONTRIBUTORS, NATIVE));
    assert_eq!(
        pool_info(&splitter, 1, CONTRIBUTORS, NATIVE).pending,
        scaled(190)
    );

    add_weight(&splitter, 1, poet, 1);
    distribute_pending(&splitter, anyone, 1, CONTRIBUTORS, NATIVE);
    splitter.assert_emitted(&pending_distributed(1, CONTRIBUTORS, NATIVE, scaled(190)));
    assert_eq!(claimable(&splitter, poet, NATIVE, &[1], &[]), wei(190));
    // The validator pool's part is still held (no validators).
    let err = try_distribute_pending(&splitter, anyone, 1, VALIDATORS, NATIVE).unwrap_err();
    assert_error(err, nothing_pending(1, VALIDATORS, NATIVE));
    assert_eq!(
        pool_info(&splitter, 1, VALIDATORS, NATIVE).pending,
        scaled(95)
    );
}

#[motsu::test]
fn held_revenue_goes_to_whoever_holds_shares_when_it_is_released(
    splitter: Contract<RewardSplitter>,
    dev: Address,
    first: Address,
    second: Address,
) {
    deploy(&splitter);
    route(&splitter, &Fee::native(1_000, dev));
    // Two validators earn their shares one after the other; the held 95
    // wei goes to the one holding shares when it is distributed.
    add_validator(&splitter, 1, first, 1);
    distribute_pending(&splitter, first, 1, VALIDATORS, NATIVE);
    add_validator(&splitter, 1, second, 1);
    assert_eq!(claimable(&splitter, first, NATIVE, &[], &[1]), wei(95));
    assert_eq!(claimable(&splitter, second, NATIVE, &[], &[1]), wei(0));
}

// ------------------------------------------------------------ releaseEscrow

#[motsu::test]
fn release_escrow_moves_escrow_to_a_claimable_balance(
    splitter: Contract<RewardSplitter>,
    dev: Address,
    reader: Address,
    reader2: Address,
    wallet: Contract<Wallet>,
) {
    deploy(&splitter);
    // 190,000 of data share, a quarter escrowed: 47,500 wei.
    route(
        &splitter,
        &Fee::native(1_000_000, dev).model(9).influence(2_500),
    );
    assert_eq!(escrow(&splitter, 9, NATIVE), (scaled(47_500), U256::ZERO));

    release_escrow(&splitter, 9, NATIVE, reader, 40_000);
    splitter.assert_emitted(&EscrowReleased {
        modelId: dn(9),
        token: NATIVE,
        account: reader,
        amount: u(40_000),
    });
    assert_eq!(escrow(&splitter, 9, NATIVE), (scaled(47_500), u(40_000)));
    assert_eq!(claimable(&splitter, reader, NATIVE, &[], &[]), wei(40_000));
    // The rest, exactly, to another account.
    release_escrow(&splitter, 9, NATIVE, reader2, 7_500);
    assert_eq!(escrow(&splitter, 9, NATIVE), (scaled(47_500), u(47_500)));

    assert_eq!(
        claim(&splitter, reader, NATIVE, &[], &[], wallet.address()),
        u(40_000)
    );
    assert_eq!(wallet.balance(), u(40_000));
    assert_eq!(claimable(&splitter, reader2, NATIVE, &[], &[]), wei(7_500));
    assert_conserved(
        &splitter,
        NATIVE,
        &[dev, TREASURY, reader, reader2],
        &[1],
        &[9],
    );
}

#[motsu::test]
fn release_escrow_rejects_bad_input_and_more_than_escrowed(
    splitter: Contract<RewardSplitter>,
    dev: Address,
    reader: Address,
) {
    deploy(&splitter);
    route(
        &splitter,
        &Fee::native(1_000, dev).model(9).influence(5_000),
    );
    // 95 wei escrowed for model 9.
    assert_eq!(escrow(&splitter, 9, NATIVE), (scaled(95), U256::ZERO));
    let err = try_release_escrow(&splitter, 9, NATIVE, Address::ZERO, u(1)).unwrap_err();
    assert_error(err, RewardSplitterZeroAddress {});
    let err = try_release_escrow(&splitter, 9, NATIVE, reader, U256::ZERO).unwrap_err();
    assert_error(err, RewardSplitterZeroAmount {});
    let err = try_release_escrow(&splitter, 9, NATIVE, reader, u(96)).unwrap_err();
    assert_error(err, escrow_exceeded(9, NATIVE, 95, 96));
    // Another model has nothing escrowed.
    let err = try_release_escrow(&splitter, 8, NATIVE, reader, u(1)).unwrap_err();
    assert_error(err, escrow_exceeded(8, NATIVE, 0, 1));
    // After a partial release only the rest is available.
    release_escrow(&splitter, 9, NATIVE, reader, 90);
    let err = try_release_escrow(&splitter, 9, NATIVE, reader, u(6)).unwrap_err();
    assert_error(err, escrow_exceeded(9, NATIVE, 5, 6));
    assert_eq!(escrow(&splitter, 9, NATIVE), (scaled(95), u(90)));
    assert_eq!(claimable(&splitter, reader, NATIVE, &[], &[]), wei(90));
}

#[motsu::test]
fn escrow_below_one_wei_cannot_be_released(
    splitter: Contract<RewardSplitter>,
    dev: Address,
    reader: Address,
) {
    deploy(&splitter);
    // 1 wei fee: 0.0475 wei escrowed. Releases are in whole wei.
    route(&splitter, &Fee::native(1, dev).model(9).influence(2_500));
    let escrowed = SCALE * u(475) / u(10_000);
    assert_eq!(escrow(&splitter, 9, NATIVE), (escrowed, U256::ZERO));
    let err = try_release_escrow(&splitter, 9, NATIVE, reader, u(1)).unwrap_err();
    assert_error(err, escrow_exceeded(9, NATIVE, 0, 1));
    // 21 such fees make 0.9975 wei: still nothing; the 22nd passes one wei.
    for _ in 0..20 {
        route(&splitter, &Fee::native(1, dev).model(9).influence(2_500));
    }
    assert_eq!(escrow(&splitter, 9, NATIVE).0, escrowed * u(21));
    let err = try_release_escrow(&splitter, 9, NATIVE, reader, u(1)).unwrap_err();
    assert_error(err, escrow_exceeded(9, NATIVE, 0, 1));
    route(&splitter, &Fee::native(1, dev).model(9).influence(2_500));
    release_escrow(&splitter, 9, NATIVE, reader, 1);
    assert_eq!(claimable(&splitter, reader, NATIVE, &[], &[]), wei(1));
}

// ------------------------------------------------------------ pool views

#[motsu::test]
fn pool_views_reject_an_unknown_pool_kind(splitter: Contract<RewardSplitter>, poet: Address) {
    deploy(&splitter);
    add_weight(&splitter, 1, poet, 80);
    add_validator(&splitter, 1, poet, 1);
    for pool in [2u8, 255] {
        let err = splitter
            .sender(poet)
            .pool_info(dn(1), pool, NATIVE)
            .motsu_unwrap_err();
        assert_error(err, RewardSplitterInvalidPool { pool });
        let err = splitter
            .sender(poet)
            .shares_of(dn(1), pool, poet)
            .motsu_unwrap_err();
        assert_error(err, RewardSplitterInvalidPool { pool });
    }
    // The two valid kinds read their own pool.
    assert_eq!(shares_of(&splitter, 1, CONTRIBUTORS, poet), u(80));
    assert_eq!(shares_of(&splitter, 1, VALIDATORS, poet), u(1));
    assert_eq!(
        pool_info(&splitter, 1, CONTRIBUTORS, NATIVE).total_shares,
        u(80)
    );
    assert_eq!(
        pool_info(&splitter, 1, VALIDATORS, NATIVE).total_shares,
        u(1)
    );
}

#[motsu::test]
fn a_fee_with_no_data_share_leaves_an_empty_pool_without_pending_revenue(
    splitter: Contract<RewardSplitter>,
    poet: Address,
    dev: Address,
) {
    deploy(&splitter);
    // No contributors yet, and the listing gives nothing to data.
    let fee = Fee {
        developer_bps: 9_000,
        data_bps: 0,
        validator_bps: 1_000,
        ..Fee::native(1_000, dev)
    };
    route(&splitter, &fee);
    let pool = pool_info(&splitter, 1, CONTRIBUTORS, NATIVE);
    assert_eq!((pool.revenue, pool.pending), (U256::ZERO, U256::ZERO));
    add_weight(&splitter, 1, poet, 10);
    // Nothing is held, so there is nothing to distribute.
    let err = try_distribute_pending(&splitter, poet, 1, CONTRIBUTORS, NATIVE).unwrap_err();
    assert_error(err, nothing_pending(1, CONTRIBUTORS, NATIVE));
}

#[motsu::test]
fn distribute_pending_and_release_escrow_name_bad_ids_and_tokens(
    splitter: Contract<RewardSplitter>,
    poet: Address,
) {
    deploy(&splitter);
    let err = try_distribute_pending(&splitter, poet, 0, CONTRIBUTORS, NATIVE).unwrap_err();
    assert_error(err, invalid_datanet(0));
    let unknown = Address::repeat_byte(0x77);
    let err = try_release_escrow(&splitter, 1, unknown, poet, u(1)).unwrap_err();
    assert_error(err, RewardSplitterUnknownToken { token: unknown });
}
