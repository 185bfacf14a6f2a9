//! Validator stakes in native-token deployments: `stake`, `request_unstake`
//! and `withdraw_stake`.
mod common;
mod stake_review_support;

use alloy_primitives::{uint, Address, U256};
use common::{deploy_native, owner_datanet, validator_datanet, BOND, COOLDOWN, MIN_STAKE};
use datanet_registry::{
    DatanetRegistry, Error, RegistryCooldownActive, RegistryDatanetNotActive, RegistryNotValidator,
    RegistryStakeBelowMinimum, RegistryUnknownDatanet, RegistryUnsettledVotes,
    RegistryUnstakeNotRequested, RegistryValidatorLeaving, RegistryWrongReviewMode,
    RegistryWrongValue, RegistryZeroAmount, StakeWithdrawn, Staked, UnstakeRequested,
    DATANET_CLOSED, DATANET_PAUSED, REVIEW_OWNER,
};
use integration_tests::Wallet;
use motsu::prelude::*;
use reward_splitter::RewardSplitter;
use stake_review_support::{
    assert_error, contribute, native_balance, stake, validator, vote, ValidatorView, NOW,
};

// ---------------------------------------------------------------- stake

#[motsu::test]
fn stake_records_validator_emits_event_and_holds_value(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    owner: Address,
    poet: Address,
    val: Address,
) {
    deploy_native(&registry, &splitter, owner, COOLDOWN);
    let dn = validator_datanet(&registry, owner, 1);
    // One contribution exists before the stake: the validator may vote from
    // id 2 on.
    contribute(&registry, poet, dn, 1);

    val.fund(uint!(1500_U256));
    registry
        .sender_and_value(val, MIN_STAKE)
        .stake(dn, MIN_STAKE)
        .motsu_unwrap();

    assert_eq!(
        validator(&registry, dn, val),
        ValidatorView {
            stake: MIN_STAKE,
            eligible_from: U256::from(2),
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
    assert_eq!(registry.balance(), MIN_STAKE + BOND);
    assert_eq!(native_balance(val), uint!(500_U256));
    // Staking is per datanet: another datanet knows nothing of it.
    let other = validator_datanet(&registry, owner, 1);
    assert_eq!(validator(&registry, other, val), ValidatorView::EMPTY);
}

#[motsu::test]
fn stake_top_up_adds_to_the_stake_and_keeps_eligibility(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    owner: Address,
    poet: Address,
    val: Address,
) {
    deploy_native(&registry, &splitter, owner, COOLDOWN);
    let dn = validator_datanet(&registry, owner, 1);
    stake(&registry, val, dn, MIN_STAKE);
    let c = contribute(&registry, poet, dn, 1);
    assert_eq!(c, U256::from(1));

    // A top-up may be below the minimum: only the first stake must reach it.
    let top_up = uint!(250_U256);
    val.fund(top_up);
    registry
        .sender_and_value(val, top_up)
        .stake(dn, top_up)
        .motsu_unwrap();

    assert_eq!(
        validator(&registry, dn, val),
        ValidatorView {
            stake: MIN_STAKE + top_up,
            eligible_from: U256::from(1),
            unstake_requested_at: 0,
            open_votes: 0,
        }
    );
    registry.assert_emitted(&Staked {
        datanetId: dn,
        validator: val,
        amount: top_up,
        totalStake: MIN_STAKE + top_up,
    });
    assert_eq!(registry.balance(), MIN_STAKE + top_up + BOND);
    // The top-up did not move eligibility past contribution 1.
    vote(&registry, val, c, true, 50);
}

#[motsu::test]
fn stake_zero_amount_fails(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    owner: Address,
    val: Address,
) {
    deploy_native(&registry, &splitter, owner, COOLDOWN);
    let dn = validator_datanet(&registry, owner, 1);
    let err = registry
        .sender(val)
        .stake(dn, U256::ZERO)
        .motsu_unwrap_err();
    assert_error(err, RegistryZeroAmount {});
    assert_eq!(validator(&registry, dn, val), ValidatorView::EMPTY);
}

#[motsu::test]
fn stake_unknown_datanet_fails(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    owner: Address,
    val: Address,
) {
    deploy_native(&registry, &splitter, owner, COOLDOWN);
    validator_datanet(&registry, owner, 1);
    for unknown in [U256::ZERO, U256::from(2), U256::MAX] {
        val.fund(MIN_STAKE);
        let err = registry
            .sender_and_value(val, MIN_STAKE)
            .stake(unknown, MIN_STAKE)
            .motsu_unwrap_err();
        assert_error(err, RegistryUnknownDatanet { datanetId: unknown });
    }
    // Every failed call returned its value.
    assert_eq!(native_balance(val), MIN_STAKE * U256::from(3));
    assert_eq!(registry.balance(), U256::ZERO);
}

#[motsu::test]
fn stake_on_owner_reviewed_datanet_fails(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    owner: Address,
    val: Address,
) {
    deploy_native(&registry, &splitter, owner, COOLDOWN);
    let dn = owner_datanet(&registry, owner, BOND);
    val.fund(MIN_STAKE);
    let err = registry
        .sender_and_value(val, MIN_STAKE)
        .stake(dn, MIN_STAKE)
        .motsu_unwrap_err();
    assert_error(
        err,
        RegistryWrongReviewMode {
            datanetId: dn,
            mode: REVIEW_OWNER,
        },
    );
    assert_eq!(validator(&registry, dn, val), ValidatorView::EMPTY);
    assert_eq!(native_balance(val), MIN_STAKE);
    assert_eq!(registry.balance(), U256::ZERO);
}

#[motsu::test]
fn stake_on_closed_datanet_fails_but_paused_is_allowed(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    owner: Address,
    val: Address,
) {
    deploy_native(&registry, &splitter, owner, COOLDOWN);
    let paused = validator_datanet(&registry, owner, 1);
    let closed = validator_datanet(&registry, owner, 1);
    registry
        .sender(owner)
        .set_status(paused, DATANET_PAUSED)
        .motsu_unwrap();
    registry
        .sender(owner)
        .set_status(closed, DATANET_CLOSED)
        .motsu_unwrap();

    stake(&registry, val, paused, MIN_STAKE);
    assert_eq!(validator(&registry, paused, val).stake, MIN_STAKE);

    val.fund(MIN_STAKE);
    let err = registry
        .sender_and_value(val, MIN_STAKE)
        .stake(closed, MIN_STAKE)
        .motsu_unwrap_err();
    assert_error(
        err,
        RegistryDatanetNotActive {
            datanetId: closed,
            status: DATANET_CLOSED,
        },
    );
    assert_eq!(validator(&registry, closed, val), ValidatorView::EMPTY);
    assert_eq!(native_balance(val), MIN_STAKE);
    assert_eq!(registry.balance(), MIN_STAKE);
}

#[motsu::test]
fn stake_while_leaving_fails(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    owner: Address,
    val: Address,
) {
    deploy_native(&registry, &splitter, owner, COOLDOWN);
    let dn = validator_datanet(&registry, owner, 1);
    stake(&registry, val, dn, MIN_STAKE);
    registry.sender(val).request_unstake(dn).motsu_unwrap();

    val.fund(uint!(10_U256));
    let err = registry
        .sender_and_value(val, uint!(10_U256))
        .stake(dn, uint!(10_U256))
        .motsu_unwrap_err();
    assert_error(
        err,
        RegistryValidatorLeaving {
            datanetId: dn,
            validator: val,
        },
    );
    assert_eq!(validator(&registry, dn, val).stake, MIN_STAKE);
    assert_eq!(native_balance(val), uint!(10_U256));
}

#[motsu::test]
fn first_stake_below_minimum_fails(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    owner: Address,
    val: Address,
) {
    deploy_native(&registry, &splitter, owner, COOLDOWN);
    let dn = validator_datanet(&registry, owner, 1);
    let short = MIN_STAKE - U256::from(1);
    val.fund(short);
    let err = registry
        .sender_and_value(val, short)
        .stake(dn, short)
        .motsu_unwrap_err();
    assert_error(
        err,
        RegistryStakeBelowMinimum {
            stake: short,
            minimum: MIN_STAKE,
        },
    );
    assert_eq!(validator(&registry, dn, val), ValidatorView::EMPTY);
    assert_eq!(native_balance(val), short);
    assert_eq!(registry.balance(), U256::ZERO);
    assert_eq!(
        registry.all_events().len(),
        3,
        "only the deployment and creation events"
    );
}

#[motsu::test]
fn stake_with_wrong_value_fails(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    owner: Address,
    val: Address,
) {
    deploy_native(&registry, &splitter, owner, COOLDOWN);
    let dn = validator_datanet(&registry, owner, 1);
    val.fund(uint!(5000_U256));
    for sent in [
        U256::ZERO,
        MIN_STAKE - U256::from(1),
        MIN_STAKE + U256::from(1),
    ] {
        let err = registry
            .sender_and_value(val, sent)
            .stake(dn, MIN_STAKE)
            .motsu_unwrap_err();
        assert_error(
            err,
            RegistryWrongValue {
                expected: MIN_STAKE,
                received: sent,
            },
        );
    }
    assert_eq!(validator(&registry, dn, val), ValidatorView::EMPTY);
    assert_eq!(native_balance(val), uint!(5000_U256));
    assert_eq!(registry.balance(), U256::ZERO);
}

// ---------------------------------------------------------- request_unstake

#[motsu::test]
fn request_unstake_marks_leaving_and_emits_available_at(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    owner: Address,
    val: Address,
) {
    deploy_native(&registry, &splitter, owner, COOLDOWN);
    let dn = validator_datanet(&registry, owner, 1);
    stake(&registry, val, dn, MIN_STAKE);
    registry.sender(val).request_unstake(dn).motsu_unwrap();

    registry.assert_emitted(&UnstakeRequested {
        datanetId: dn,
        validator: val,
        availableAt: NOW + COOLDOWN,
    });
    assert_eq!(
        validator(&registry, dn, val),
        ValidatorView {
            stake: MIN_STAKE,
            eligible_from: U256::from(1),
            unstake_requested_at: NOW,
            open_votes: 0,
        }
    );
    // The stake stays in the registry until it is withdrawn.
    assert_eq!(registry.balance(), MIN_STAKE);
}

#[motsu::test]
fn request_unstake_without_stake_fails(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    owner: Address,
    val: Address,
    stranger: Address,
) {
    deploy_native(&registry, &splitter, owner, COOLDOWN);
    let dn = validator_datanet(&registry, owner, 1);
    stake(&registry, val, dn, MIN_STAKE);
    let err = registry
        .sender(stranger)
        .request_unstake(dn)
        .motsu_unwrap_err();
    assert_error(
        err,
        RegistryNotValidator {
            datanetId: dn,
            account: stranger,
        },
    );
    // A stake in one datanet does not make the account a validator elsewhere.
    let other = validator_datanet(&registry, owner, 1);
    let err = registry
        .sender(val)
        .request_unstake(other)
        .motsu_unwrap_err();
    assert_error(
        err,
        RegistryNotValidator {
            datanetId: other,
            account: val,
        },
    );
    assert_eq!(validator(&registry, dn, val).unstake_requested_at, 0);
}

#[motsu::test]
fn request_unstake_twice_fails(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    owner: Address,
    val: Address,
) {
    deploy_native(&registry, &splitter, owner, COOLDOWN);
    let dn = validator_datanet(&registry, owner, 1);
    stake(&registry, val, dn, MIN_STAKE);
    registry.sender(val).request_unstake(dn).motsu_unwrap();
    let err = registry.sender(val).request_unstake(dn).motsu_unwrap_err();
    assert_error(
        err,
        RegistryValidatorLeaving {
            datanetId: dn,
            validator: val,
        },
    );
    assert_eq!(validator(&registry, dn, val).unstake_requested_at, NOW);
}

// ----------------------------------------------------------- withdraw_stake

#[motsu::test]
fn withdraw_after_zero_cooldown_returns_whole_stake_and_clears_record(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    owner: Address,
    val: Contract<Wallet>,
    poet: Address,
) {
    deploy_native(&registry, &splitter, owner, 0);
    let dn = validator_datanet(&registry, owner, 1);
    let v = val.address();
    v.fund(uint!(2000_U256));
    registry
        .sender_and_value(v, MIN_STAKE)
        .stake(dn, MIN_STAKE)
        .motsu_unwrap();
    registry
        .sender_and_value(v, uint!(250_U256))
        .stake(dn, uint!(250_U256))
        .motsu_unwrap();
    let c = contribute(&registry, poet, dn, 1);
    assert_eq!(val.balance(), uint!(750_U256));

    registry.sender(v).request_unstake(dn).motsu_unwrap();
    registry.assert_emitted(&UnstakeRequested {
        datanetId: dn,
        validator: v,
        availableAt: NOW,
    });
    registry.sender(v).withdraw_stake(dn).motsu_unwrap();

    assert_eq!(val.balance(), uint!(2000_U256));
    assert_eq!(registry.balance(), BOND);
    assert_eq!(validator(&registry, dn, v), ValidatorView::EMPTY);
    registry.assert_emitted(&StakeWithdrawn {
        datanetId: dn,
        validator: v,
        amount: uint!(1250_U256),
    });

    // The record is gone: the account is no validator any more...
    let err = registry.sender(v).vote(c, true, 50).motsu_unwrap_err();
    assert_error(
        err,
        RegistryNotValidator {
            datanetId: dn,
            account: v,
        },
    );
    // ...and a second withdrawal has nothing to withdraw.
    let err = registry.sender(v).withdraw_stake(dn).motsu_unwrap_err();
    assert_error(
        err,
        RegistryUnstakeNotRequested {
            datanetId: dn,
            validator: v,
        },
    );
    // It may stake again, as a new validator eligible for later data only.
    registry
        .sender_and_value(v, MIN_STAKE)
        .stake(dn, MIN_STAKE)
        .motsu_unwrap();
    assert_eq!(
        validator(&registry, dn, v),
        ValidatorView {
            stake: MIN_STAKE,
            eligible_from: U256::from(2),
            unstake_requested_at: 0,
            open_votes: 0,
        }
    );
}

#[motsu::test]
fn withdraw_without_request_fails(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    owner: Address,
    val: Contract<Wallet>,
) {
    deploy_native(&registry, &splitter, owner, 0);
    let dn = validator_datanet(&registry, owner, 1);
    stake(&registry, val.address(), dn, MIN_STAKE);
    let err = registry
        .sender(val.address())
        .withdraw_stake(dn)
        .motsu_unwrap_err();
    assert_error(
        err,
        RegistryUnstakeNotRequested {
            datanetId: dn,
            validator: val.address(),
        },
    );
    assert_eq!(validator(&registry, dn, val.address()).stake, MIN_STAKE);
    assert_eq!(registry.balance(), MIN_STAKE);
    assert_eq!(val.balance(), U256::ZERO);
}

#[motsu::test]
fn withdraw_during_cooldown_fails_with_available_at(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    owner: Address,
    val: Contract<Wallet>,
) {
    deploy_native(&registry, &splitter, owner, COOLDOWN);
    let dn = validator_datanet(&registry, owner, 1);
    stake(&registry, val.address(), dn, MIN_STAKE);
    registry
        .sender(val.address())
        .request_unstake(dn)
        .motsu_unwrap();
    let err = registry
        .sender(val.address())
        .withdraw_stake(dn)
        .motsu_unwrap_err();
    assert_error(
        err,
        RegistryCooldownActive {
            availableAt: NOW + COOLDOWN,
        },
    );
    assert_eq!(
        validator(&registry, dn, val.address()),
        ValidatorView {
            stake: MIN_STAKE,
            eligible_from: U256::from(1),
            unstake_requested_at: NOW,
            open_votes: 0,
        }
    );
    assert_eq!(registry.balance(), MIN_STAKE);
    assert_eq!(val.balance(), U256::ZERO);
}

#[motsu::test]
fn withdraw_with_unsettled_votes_fails(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    owner: Address,
    val: Contract<Wallet>,
    poet: Address,
) {
    deploy_native(&registry, &splitter, owner, 0);
    let dn = validator_datanet(&registry, owner, 2);
    let v = val.address();
    stake(&registry, v, dn, MIN_STAKE);
    let c1 = contribute(&registry, poet, dn, 1);
    let c2 = contribute(&registry, poet, dn, 2);
    vote(&registry, v, c1, true, 60);
    vote(&registry, v, c2, false, 1);
    registry.sender(v).request_unstake(dn).motsu_unwrap();

    let err = registry.sender(v).withdraw_stake(dn).motsu_unwrap_err();
    assert_error(err, RegistryUnsettledVotes { openVotes: 2 });

    // Retracting one vote is not enough.
    registry.sender(v).settle_vote(c1, v).motsu_unwrap();
    let err = registry.sender(v).withdraw_stake(dn).motsu_unwrap_err();
    assert_error(err, RegistryUnsettledVotes { openVotes: 1 });
    assert_eq!(validator(&registry, dn, v).stake, MIN_STAKE);
    assert_eq!(val.balance(), U256::ZERO);

    registry.sender(v).settle_vote(c2, v).motsu_unwrap();
    registry.sender(v).withdraw_stake(dn).motsu_unwrap();
    assert_eq!(val.balance(), MIN_STAKE);
    assert_eq!(validator(&registry, dn, v), ValidatorView::EMPTY);
}

/// The helper must reject a plain error value that differs only in an
/// argument: guards the exactness of every `assert_error` above.
#[test]
#[should_panic(expected = "expected")]
fn assert_error_compares_arguments() {
    let actual: Error = RegistryCooldownActive { availableAt: 1 }.into();
    assert_error(actual, RegistryCooldownActive { availableAt: 2 });
}
