//! ERC-20 stake-token deployments: stakes, bonds, refunds, forfeits and
//! slashes move the token (never native value), and misbehaving tokens are
//! rejected without changing anything.
mod common;
mod stake_review_support;

use alloy_primitives::{uint, Address, U256};
use common::{content, deploy_erc20, validator_datanet, BOND, COOLDOWN, MIN_STAKE, SLASH_BPS};
use datanet_registry::{
    ContributionFinalized, DatanetRegistry, RefundClaimed, RegistryTransferMismatch,
    RegistryWrongValue, StakeWithdrawn, Staked, VoteSettled, CONTRIBUTION_APPROVED,
    CONTRIBUTION_PENDING, CONTRIBUTION_REJECTED, SETTLED_SLASHED,
};
use integration_tests::MockErc20;
use motsu::prelude::*;
use openzeppelin_stylus::token::erc20::utils::safe_erc20::SafeErc20FailedOperation;
use reward_splitter::{RewardSplitter, POOL_CONTRIBUTORS};
use stake_review_support::{
    assert_error, contribution, contribution_count, contributor_weight, native_received,
    pool_funded, pool_funding, pool_updates, refund_of, revoke_registry, shares_changed,
    token_balance, validator, vote, ValidatorView, NOW,
};

/// Tokens each test account starts with.
const START: U256 = uint!(10_000_U256);

/// Mints [`START`] to `account` and approves the registry for all of it.
fn fund_and_approve(
    token: &Contract<MockErc20>,
    registry: &Contract<DatanetRegistry>,
    account: Address,
) {
    token.sender(account).mint(account, START).motsu_unwrap();
    token
        .sender(account)
        .approve(registry.address(), START)
        .motsu_unwrap();
}

/// Stakes `amount` of the token (the caller approved it beforehand).
fn stake_tokens(
    registry: &Contract<DatanetRegistry>,
    validator: Address,
    datanet: U256,
    amount: U256,
) {
    registry
        .sender(validator)
        .stake(datanet, amount)
        .motsu_unwrap();
}

/// Contributes `content(n)`; the bond is pulled in tokens.
fn contribute_tokens(
    registry: &Contract<DatanetRegistry>,
    contributor: Address,
    datanet: U256,
    n: u64,
) -> U256 {
    registry
        .sender(contributor)
        .contribute(datanet, content(n), String::new())
        .motsu_unwrap()
}

fn safe_erc20_failed(token: &Contract<MockErc20>) -> SafeErc20FailedOperation {
    SafeErc20FailedOperation {
        token: token.address(),
    }
}

#[motsu::test]
fn stake_pulls_tokens_with_transfer_from(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    token: Contract<MockErc20>,
    owner: Address,
    val: Address,
) {
    deploy_erc20(&registry, &splitter, &token, owner, COOLDOWN);
    assert_eq!(
        registry.sender(owner).config(),
        (
            splitter.address(),
            token.address(),
            COOLDOWN,
            U256::ZERO,
            U256::ZERO
        )
    );
    let dn = validator_datanet(&registry, owner, 1);
    token.sender(val).mint(val, START).motsu_unwrap();
    token
        .sender(val)
        .approve(registry.address(), MIN_STAKE)
        .motsu_unwrap();

    stake_tokens(&registry, val, dn, MIN_STAKE);

    assert_eq!(token_balance(&token, val), START - MIN_STAKE);
    assert_eq!(token_balance(&token, registry.address()), MIN_STAKE);
    assert_eq!(
        token.sender(val).allowance(val, registry.address()),
        U256::ZERO
    );
    assert_eq!(
        validator(&registry, dn, val),
        ValidatorView {
            stake: MIN_STAKE,
            eligible_from: U256::from(1),
            unstake_requested_at: 0,
            open_votes: 0,
        }
    );
    registry.assert_emitted(&Staked {
        datanetId: dn,
        validator: val,
        amount: MIN_STAKE,
        totalStake: MIN_STAKE,
    });
    assert_eq!(registry.balance(), U256::ZERO);
}

#[motsu::test]
fn stake_without_allowance_fails(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    token: Contract<MockErc20>,
    owner: Address,
    val: Address,
) {
    deploy_erc20(&registry, &splitter, &token, owner, COOLDOWN);
    let dn = validator_datanet(&registry, owner, 1);
    token.sender(val).mint(val, START).motsu_unwrap();
    let err = registry.sender(val).stake(dn, MIN_STAKE).motsu_unwrap_err();
    assert_error(err, safe_erc20_failed(&token));
    assert_eq!(validator(&registry, dn, val), ValidatorView::EMPTY);
    assert_eq!(token_balance(&token, val), START);
}

#[motsu::test]
fn withdraw_returns_the_tokens(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    token: Contract<MockErc20>,
    owner: Address,
    val: Address,
) {
    deploy_erc20(&registry, &splitter, &token, owner, 0);
    let dn = validator_datanet(&registry, owner, 1);
    fund_and_approve(&token, &registry, val);
    stake_tokens(&registry, val, dn, MIN_STAKE);
    stake_tokens(&registry, val, dn, uint!(300_U256));
    assert_eq!(token_balance(&token, val), START - uint!(1300_U256));

    registry.sender(val).request_unstake(dn).motsu_unwrap();
    registry.sender(val).withdraw_stake(dn).motsu_unwrap();

    assert_eq!(token_balance(&token, val), START);
    assert_eq!(token_balance(&token, registry.address()), U256::ZERO);
    assert_eq!(validator(&registry, dn, val), ValidatorView::EMPTY);
    registry.assert_emitted(&StakeWithdrawn {
        datanetId: dn,
        validator: val,
        amount: uint!(1300_U256),
    });
}

#[motsu::test]
fn bond_is_collected_and_refunded_in_tokens(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    token: Contract<MockErc20>,
    owner: Address,
    poet: Address,
    val: Address,
) {
    deploy_erc20(&registry, &splitter, &token, owner, COOLDOWN);
    let dn = validator_datanet(&registry, owner, 1);
    fund_and_approve(&token, &registry, val);
    fund_and_approve(&token, &registry, poet);
    stake_tokens(&registry, val, dn, MIN_STAKE);

    let c = contribute_tokens(&registry, poet, dn, 1);
    assert_eq!(token_balance(&token, poet), START - BOND);
    assert_eq!(token_balance(&token, registry.address()), MIN_STAKE + BOND);

    vote(&registry, val, c, true, 66);
    registry.assert_emitted(&ContributionFinalized {
        contributionId: c,
        datanetId: dn,
        contributor: poet,
        status: CONTRIBUTION_APPROVED,
        weight: uint!(66_U256),
        bond: BOND,
    });
    assert_eq!(contributor_weight(&splitter, dn, poet), uint!(66_U256));
    splitter.assert_emitted(&shares_changed(dn, POOL_CONTRIBUTORS, poet, 66, 66));
    assert_eq!(refund_of(&registry, poet), BOND);

    registry.sender(poet).claim_refund().motsu_unwrap();
    assert_eq!(token_balance(&token, poet), START);
    assert_eq!(token_balance(&token, registry.address()), MIN_STAKE);
    assert_eq!(refund_of(&registry, poet), U256::ZERO);
    registry.assert_emitted(&RefundClaimed {
        account: poet,
        amount: BOND,
    });
    assert_eq!(registry.balance(), U256::ZERO);
}

#[motsu::test]
fn rejected_bond_is_transferred_to_the_splitter(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    token: Contract<MockErc20>,
    owner: Address,
    poet: Address,
    val: Address,
) {
    deploy_erc20(&registry, &splitter, &token, owner, COOLDOWN);
    let dn = validator_datanet(&registry, owner, 1);
    fund_and_approve(&token, &registry, val);
    fund_and_approve(&token, &registry, poet);
    stake_tokens(&registry, val, dn, MIN_STAKE);
    let c = contribute_tokens(&registry, poet, dn, 1);

    vote(&registry, val, c, false, 3);

    assert_eq!(contribution(&registry, c).status, CONTRIBUTION_REJECTED);
    assert_eq!(token_balance(&token, splitter.address()), BOND);
    assert_eq!(pool_funding(&splitter, dn, token.address()), BOND);
    splitter.assert_emitted(&pool_funded(dn, token.address(), BOND));
    // The splitter counted the tokens it received.
    assert_eq!(splitter.sender(owner).token_info(token.address()).2, BOND);
    assert_eq!(pool_funding(&splitter, dn, Address::ZERO), U256::ZERO);
    assert_eq!(native_received(&splitter), U256::ZERO);
    assert_eq!(token_balance(&token, registry.address()), MIN_STAKE);
    assert_eq!(refund_of(&registry, poet), U256::ZERO);
    assert_eq!(token_balance(&token, poet), START - BOND);
}

#[motsu::test]
fn failing_splitter_keeps_the_rejected_bond_in_the_registry(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    token: Contract<MockErc20>,
    owner: Address,
    poet: Address,
    val: Address,
) {
    deploy_erc20(&registry, &splitter, &token, owner, COOLDOWN);
    let dn = validator_datanet(&registry, owner, 1);
    fund_and_approve(&token, &registry, val);
    fund_and_approve(&token, &registry, poet);
    stake_tokens(&registry, val, dn, MIN_STAKE);
    let c = contribute_tokens(&registry, poet, dn, 1);
    revoke_registry(&splitter, &registry, owner);

    let err = registry.sender(val).vote(c, false, 3).motsu_unwrap_err();
    assert_error(
        err,
        datanet_registry::RegistryPeerCallFailed {
            peer: splitter.address(),
        },
    );
    // The token transfer that preceded the failing call was undone too.
    assert_eq!(token_balance(&token, splitter.address()), U256::ZERO);
    assert_eq!(pool_funding(&splitter, dn, token.address()), U256::ZERO);
    assert_eq!(
        splitter.sender(owner).token_info(token.address()).2,
        U256::ZERO
    );
    assert_eq!(pool_updates(&splitter), U256::ZERO);
    assert_eq!(token_balance(&token, registry.address()), MIN_STAKE + BOND);
    assert_eq!(contribution(&registry, c).status, CONTRIBUTION_PENDING);
}

#[motsu::test]
fn slashed_stake_is_transferred_to_the_splitter(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    token: Contract<MockErc20>,
    owner: Address,
    poet: Address,
    v1: Address,
    loser: Address,
    v3: Address,
) {
    deploy_erc20(&registry, &splitter, &token, owner, 0);
    let dn = validator_datanet(&registry, owner, 2);
    for v in [v1, loser, v3, poet] {
        fund_and_approve(&token, &registry, v);
    }
    let loser_stake = uint!(1500_U256);
    stake_tokens(&registry, v1, dn, MIN_STAKE);
    stake_tokens(&registry, loser, dn, loser_stake);
    stake_tokens(&registry, v3, dn, MIN_STAKE);
    let c = contribute_tokens(&registry, poet, dn, 1);
    vote(&registry, v1, c, true, 70);
    vote(&registry, loser, c, false, 70);
    vote(&registry, v3, c, true, 70);

    registry.sender(v1).settle_vote(c, loser).motsu_unwrap();

    let slashed = loser_stake * U256::from(SLASH_BPS) / U256::from(10_000);
    assert_eq!(slashed, uint!(300_U256));
    assert_eq!(validator(&registry, dn, loser).stake, loser_stake - slashed);
    assert_eq!(token_balance(&token, splitter.address()), slashed);
    assert_eq!(pool_funding(&splitter, dn, token.address()), slashed);
    splitter.assert_emitted(&pool_funded(dn, token.address(), slashed));
    assert_eq!(native_received(&splitter), U256::ZERO);
    assert_eq!(
        token_balance(&token, registry.address()),
        MIN_STAKE * U256::from(2) + loser_stake - slashed + BOND
    );
    registry.assert_emitted(&VoteSettled {
        contributionId: c,
        validator: loser,
        outcome: SETTLED_SLASHED,
        slashed,
    });

    registry.sender(loser).request_unstake(dn).motsu_unwrap();
    registry.sender(loser).withdraw_stake(dn).motsu_unwrap();
    assert_eq!(token_balance(&token, loser), START - slashed);
}

#[motsu::test]
fn fee_on_transfer_token_is_rejected(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    token: Contract<MockErc20>,
    owner: Address,
    poet: Address,
    val: Address,
) {
    deploy_erc20(&registry, &splitter, &token, owner, COOLDOWN);
    let dn = validator_datanet(&registry, owner, 1);
    fund_and_approve(&token, &registry, val);
    fund_and_approve(&token, &registry, poet);
    // 10% fee on transferFrom.
    token.sender(owner).set_fee_bps(uint!(1_000_U256));
    let events_before = registry.all_events().len();

    let err = registry.sender(val).stake(dn, MIN_STAKE).motsu_unwrap_err();
    assert_error(
        err,
        RegistryTransferMismatch {
            expected: MIN_STAKE,
            received: uint!(900_U256),
        },
    );
    let err = registry
        .sender(poet)
        .contribute(dn, content(1), String::new())
        .motsu_unwrap_err();
    assert_error(
        err,
        RegistryTransferMismatch {
            expected: BOND,
            received: uint!(45_U256),
        },
    );

    // Nothing changed: no stake, no contribution, no tokens moved, no event.
    assert_eq!(validator(&registry, dn, val), ValidatorView::EMPTY);
    assert_eq!(contribution_count(&registry), U256::ZERO);
    assert_eq!(
        registry.sender(owner).contribution_id_of(dn, content(1)),
        U256::ZERO
    );
    assert_eq!(token_balance(&token, val), START);
    assert_eq!(token_balance(&token, poet), START);
    assert_eq!(token_balance(&token, registry.address()), U256::ZERO);
    assert_eq!(token.sender(val).allowance(val, registry.address()), START);
    assert_eq!(registry.all_events().len(), events_before);
}

#[motsu::test]
fn return_false_token_is_rejected(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    token: Contract<MockErc20>,
    owner: Address,
    poet: Address,
    val: Address,
) {
    deploy_erc20(&registry, &splitter, &token, owner, COOLDOWN);
    let dn = validator_datanet(&registry, owner, 1);
    fund_and_approve(&token, &registry, val);
    fund_and_approve(&token, &registry, poet);
    token.sender(owner).set_return_false(true);

    let err = registry.sender(val).stake(dn, MIN_STAKE).motsu_unwrap_err();
    assert_error(err, safe_erc20_failed(&token));
    let err = registry
        .sender(poet)
        .contribute(dn, content(1), String::new())
        .motsu_unwrap_err();
    assert_error(err, safe_erc20_failed(&token));

    assert_eq!(validator(&registry, dn, val), ValidatorView::EMPTY);
    assert_eq!(contribution_count(&registry), U256::ZERO);
    assert_eq!(token_balance(&token, registry.address()), U256::ZERO);
    assert_eq!(token_balance(&token, val), START);
}

#[motsu::test]
fn return_false_token_on_payout_reverts_withdrawal_and_claim(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    token: Contract<MockErc20>,
    owner: Address,
    poet: Address,
    val: Address,
) {
    deploy_erc20(&registry, &splitter, &token, owner, 0);
    let dn = validator_datanet(&registry, owner, 1);
    fund_and_approve(&token, &registry, val);
    fund_and_approve(&token, &registry, poet);
    stake_tokens(&registry, val, dn, MIN_STAKE);
    let c = contribute_tokens(&registry, poet, dn, 1);
    vote(&registry, val, c, true, 50);
    registry.sender(val).settle_vote(c, val).motsu_unwrap();
    registry.sender(val).request_unstake(dn).motsu_unwrap();
    token.sender(owner).set_return_false(true);

    let err = registry.sender(val).withdraw_stake(dn).motsu_unwrap_err();
    assert_error(err, safe_erc20_failed(&token));
    assert_eq!(
        validator(&registry, dn, val),
        ValidatorView {
            stake: MIN_STAKE,
            eligible_from: U256::from(1),
            unstake_requested_at: NOW,
            open_votes: 0,
        }
    );
    let err = registry.sender(poet).claim_refund().motsu_unwrap_err();
    assert_error(err, safe_erc20_failed(&token));
    assert_eq!(refund_of(&registry, poet), BOND);

    // With a working token both go through.
    token.sender(owner).set_return_false(false);
    registry.sender(val).withdraw_stake(dn).motsu_unwrap();
    registry.sender(poet).claim_refund().motsu_unwrap();
    assert_eq!(token_balance(&token, val), START);
    assert_eq!(token_balance(&token, poet), START);
    assert_eq!(token_balance(&token, registry.address()), U256::ZERO);
}

#[motsu::test]
fn native_value_in_erc20_mode_is_rejected(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    token: Contract<MockErc20>,
    owner: Address,
    poet: Address,
    val: Address,
) {
    deploy_erc20(&registry, &splitter, &token, owner, COOLDOWN);
    let dn = validator_datanet(&registry, owner, 1);
    fund_and_approve(&token, &registry, val);
    fund_and_approve(&token, &registry, poet);
    val.fund(MIN_STAKE);
    poet.fund(BOND);

    let err = registry
        .sender_and_value(val, MIN_STAKE)
        .stake(dn, MIN_STAKE)
        .motsu_unwrap_err();
    assert_error(
        err,
        RegistryWrongValue {
            expected: U256::ZERO,
            received: MIN_STAKE,
        },
    );
    let err = registry
        .sender_and_value(poet, BOND)
        .contribute(dn, content(1), String::new())
        .motsu_unwrap_err();
    assert_error(
        err,
        RegistryWrongValue {
            expected: U256::ZERO,
            received: BOND,
        },
    );

    assert_eq!(validator(&registry, dn, val), ValidatorView::EMPTY);
    assert_eq!(contribution_count(&registry), U256::ZERO);
    assert_eq!(registry.balance(), U256::ZERO);
    assert_eq!(token_balance(&token, registry.address()), U256::ZERO);
    assert_eq!(token_balance(&token, val), START);
    assert_eq!(pool_updates(&splitter), U256::ZERO);
}
