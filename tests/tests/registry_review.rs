//! Review in native-token deployments: validator votes and finalization,
//! owner review (the owner's `vote` on an owner-reviewed datanet), lazy per-vote settlement, refunds, splitter failure and
//! the cost of finalization.
mod common;
mod stake_review_support;

use alloy_primitives::{uint, Address, U256};
use common::{
    content, deploy_native, owner_datanet, validator_datanet, BOND, COOLDOWN, MIN_STAKE, SLASH_BPS,
};
use datanet_registry::{
    ContributionFinalized, DatanetRegistry, RefundClaimed, RegistryAlreadyVoted,
    RegistryContributionFinalized, RegistryDatanetNotActive, RegistryInvalidQuality,
    RegistryNoOpenVote, RegistryNotDatanetOwner, RegistryNotValidator, RegistryNothingToClaim,
    RegistryPeerCallFailed, RegistryStakeBelowMinimum, RegistryStakedAfterSubmission,
    RegistryUnknownContribution, RegistryValidatorLeaving, RegistryVoteNotSettleable, VoteCast,
    VoteSettled, CONTRIBUTION_APPROVED, CONTRIBUTION_PENDING, CONTRIBUTION_REJECTED,
    DATANET_CLOSED, DATANET_PAUSED, SETTLED_RETRACTED, SETTLED_REWARDED, SETTLED_SLASHED,
    VOTE_APPROVE, VOTE_REJECT,
};
use integration_tests::Wallet;
use motsu::prelude::*;
use reward_splitter::{split::SCALE, RewardSplitter, POOL_CONTRIBUTORS, POOL_VALIDATORS};
use stake_review_support::{
    assert_error, contribute, contribute_with_bond, contribution, contributor_weight,
    grant_registry, native_balance, native_received, pool_funded, pool_funding, pool_updates,
    refund_of, revoke_registry, shares_changed, stake, validator, validator_shares, vote, vote_of,
    ContributionView, ValidatorView, NOW,
};

/// Slash of `stake` at the datanet's rate, computed independently.
fn slash_of(stake: U256) -> U256 {
    stake * U256::from(SLASH_BPS) / U256::from(10_000)
}

// --------------------------------------------------------------------- vote

#[motsu::test]
fn vote_records_the_vote_and_emits_vote_cast(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    owner: Address,
    poet: Address,
    v1: Address,
) {
    deploy_native(&registry, &splitter, owner, COOLDOWN);
    let dn = validator_datanet(&registry, owner, 2);
    stake(&registry, v1, dn, MIN_STAKE);
    let c = contribute(&registry, poet, dn, 1);

    vote(&registry, v1, c, true, 80);

    registry.assert_emitted(&VoteCast {
        contributionId: c,
        validator: v1,
        approve: true,
        quality: 80,
    });
    assert_eq!(vote_of(&registry, c, v1), (VOTE_APPROVE, 80, false));
    assert_eq!(validator(&registry, dn, v1).open_votes, 1);
    assert_eq!(
        contribution(&registry, c),
        ContributionView {
            datanet_id: dn,
            contributor: poet,
            content_hash: content(1),
            submitted_at: NOW,
            status: CONTRIBUTION_PENDING,
            weight: U256::ZERO,
            approvals: 1,
            rejections: 0,
        }
    );
    // Below the quorum nothing reaches the splitter.
    assert_eq!(pool_updates(&splitter), U256::ZERO);
    assert_eq!(refund_of(&registry, poet), U256::ZERO);
}

#[motsu::test]
fn approval_at_quorum_credits_mean_quality_and_refunds_bond(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    owner: Address,
    poet: Address,
    v1: Address,
    v2: Address,
    v3: Address,
) {
    deploy_native(&registry, &splitter, owner, COOLDOWN);
    let dn = validator_datanet(&registry, owner, 2);
    for v in [v1, v2, v3] {
        stake(&registry, v, dn, MIN_STAKE);
    }
    let c = contribute(&registry, poet, dn, 1);

    vote(&registry, v1, c, true, 80);
    // A rejection's quality never counts towards the weight.
    vote(&registry, v3, c, false, 7);
    assert_eq!(contribution(&registry, c).status, CONTRIBUTION_PENDING);
    vote(&registry, v2, c, true, 91);

    // (80 + 91) / 2 = 85 (rounded down).
    let weight = uint!(85_U256);
    assert_eq!(contributor_weight(&splitter, dn, poet), weight);
    splitter.assert_emitted(&shares_changed(dn, POOL_CONTRIBUTORS, poet, 85, 85));
    registry.assert_emitted(&ContributionFinalized {
        contributionId: c,
        datanetId: dn,
        contributor: poet,
        status: CONTRIBUTION_APPROVED,
        weight,
        bond: BOND,
    });
    let view = contribution(&registry, c);
    assert_eq!(
        (view.status, view.weight, view.approvals, view.rejections),
        (CONTRIBUTION_APPROVED, weight, 2, 1)
    );
    assert_eq!(refund_of(&registry, poet), BOND);
    // Finalization made exactly one pool update and moved no value: the
    // bond waits in the registry for the contributor to claim it.
    assert_eq!(pool_updates(&splitter), U256::from(1));
    assert_eq!(pool_funding(&splitter, dn, Address::ZERO), U256::ZERO);
    assert_eq!(registry.balance(), MIN_STAKE * U256::from(3) + BOND);
    // Votes are settled lazily: nothing was rewarded or slashed yet.
    for v in [v1, v2, v3] {
        assert_eq!(validator(&registry, dn, v).open_votes, 1);
        assert_eq!(validator_shares(&splitter, dn, v), U256::ZERO);
    }
}

#[motsu::test]
fn rejection_at_quorum_forfeits_bond_to_validator_pool(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    owner: Address,
    poet: Address,
    v1: Address,
    v2: Address,
) {
    deploy_native(&registry, &splitter, owner, COOLDOWN);
    let dn = validator_datanet(&registry, owner, 2);
    stake(&registry, v1, dn, MIN_STAKE);
    stake(&registry, v2, dn, MIN_STAKE);
    let c = contribute(&registry, poet, dn, 1);

    vote(&registry, v1, c, false, 10);
    assert_eq!(native_received(&splitter), U256::ZERO);
    vote(&registry, v2, c, false, 20);

    registry.assert_emitted(&ContributionFinalized {
        contributionId: c,
        datanetId: dn,
        contributor: poet,
        status: CONTRIBUTION_REJECTED,
        weight: U256::ZERO,
        bond: BOND,
    });
    let view = contribution(&registry, c);
    assert_eq!(
        (view.status, view.weight, view.approvals, view.rejections),
        (CONTRIBUTION_REJECTED, U256::ZERO, 0, 2)
    );
    assert_eq!(pool_funding(&splitter, dn, Address::ZERO), BOND);
    splitter.assert_emitted(&pool_funded(dn, Address::ZERO, BOND));
    // No vote is settled yet, so the validator pool has no shares: it holds
    // the bond until it has some.
    assert_eq!(
        splitter
            .sender(owner)
            .pool_info(dn, POOL_VALIDATORS, Address::ZERO)
            .motsu_unwrap(),
        (U256::ZERO, U256::ZERO, BOND * SCALE, BOND * SCALE)
    );
    assert_eq!(native_received(&splitter), BOND);
    assert_eq!(splitter.balance(), BOND);
    assert_eq!(registry.balance(), MIN_STAKE * U256::from(2));
    assert_eq!(refund_of(&registry, poet), U256::ZERO);
    assert_eq!(contributor_weight(&splitter, dn, poet), U256::ZERO);
    assert_eq!(pool_updates(&splitter), U256::from(1));
}

#[motsu::test]
fn vote_with_quality_out_of_range_fails(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    owner: Address,
    poet: Address,
    v1: Address,
) {
    deploy_native(&registry, &splitter, owner, COOLDOWN);
    let dn = validator_datanet(&registry, owner, 1);
    stake(&registry, v1, dn, MIN_STAKE);
    let c = contribute(&registry, poet, dn, 1);
    for (approve, quality) in [(true, 0), (true, 101), (false, 0), (false, 255)] {
        let err = registry
            .sender(v1)
            .vote(c, approve, quality)
            .motsu_unwrap_err();
        assert_error(err, RegistryInvalidQuality { quality });
    }
    assert_eq!(vote_of(&registry, c, v1), (0, 0, false));
    assert_eq!(validator(&registry, dn, v1).open_votes, 0);
    assert_eq!(contribution(&registry, c).status, CONTRIBUTION_PENDING);
    // The bounds themselves are valid.
    vote(&registry, v1, c, true, 100);
    assert_eq!(contributor_weight(&splitter, dn, poet), uint!(100_U256));
}

#[motsu::test]
fn vote_on_unknown_contribution_fails(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    owner: Address,
    poet: Address,
    v1: Address,
) {
    deploy_native(&registry, &splitter, owner, COOLDOWN);
    let dn = validator_datanet(&registry, owner, 1);
    stake(&registry, v1, dn, MIN_STAKE);
    contribute(&registry, poet, dn, 1);
    for unknown in [U256::ZERO, U256::from(2), U256::MAX] {
        let err = registry
            .sender(v1)
            .vote(unknown, true, 50)
            .motsu_unwrap_err();
        assert_error(
            err,
            RegistryUnknownContribution {
                contributionId: unknown,
            },
        );
    }
    assert_eq!(validator(&registry, dn, v1).open_votes, 0);
}

#[motsu::test]
fn vote_on_finalized_contribution_fails(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    owner: Address,
    poet: Address,
    v1: Address,
    v2: Address,
) {
    deploy_native(&registry, &splitter, owner, COOLDOWN);
    let dn = validator_datanet(&registry, owner, 1);
    stake(&registry, v1, dn, MIN_STAKE);
    stake(&registry, v2, dn, MIN_STAKE);
    let approved = contribute(&registry, poet, dn, 1);
    let rejected = contribute(&registry, poet, dn, 2);
    vote(&registry, v1, approved, true, 70);
    vote(&registry, v1, rejected, false, 70);
    let calls = pool_updates(&splitter);

    for (id, status) in [
        (approved, CONTRIBUTION_APPROVED),
        (rejected, CONTRIBUTION_REJECTED),
    ] {
        for approve in [true, false] {
            let err = registry.sender(v2).vote(id, approve, 50).motsu_unwrap_err();
            assert_error(
                err,
                RegistryContributionFinalized {
                    contributionId: id,
                    status,
                },
            );
        }
        assert_eq!(vote_of(&registry, id, v2), (0, 0, false));
    }
    assert_eq!(validator(&registry, dn, v2).open_votes, 0);
    assert_eq!(contribution(&registry, approved).approvals, 1);
    assert_eq!(contribution(&registry, rejected).rejections, 1);
    assert_eq!(pool_updates(&splitter), calls);
}

#[motsu::test]
fn validator_vote_on_owner_reviewed_datanet_fails(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    owner: Address,
    poet: Address,
    v1: Address,
) {
    deploy_native(&registry, &splitter, owner, COOLDOWN);
    let validated = validator_datanet(&registry, owner, 1);
    stake(&registry, v1, validated, MIN_STAKE);
    let dn = owner_datanet(&registry, owner, BOND);
    let c = contribute(&registry, poet, dn, 1);
    // A validator staked elsewhere is just a non-owner here.
    let err = registry.sender(v1).vote(c, true, 50).motsu_unwrap_err();
    assert_error(
        err,
        RegistryNotDatanetOwner {
            datanetId: dn,
            account: v1,
        },
    );
    assert_eq!(vote_of(&registry, c, v1), (0, 0, false));
    assert_eq!(validator(&registry, validated, v1).open_votes, 0);
    let view = contribution(&registry, c);
    assert_eq!(
        (view.status, view.approvals, view.rejections),
        (CONTRIBUTION_PENDING, 0, 0)
    );
    assert_eq!(pool_updates(&splitter), U256::ZERO);
}

#[motsu::test]
fn vote_on_closed_or_paused_datanet_is_allowed(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    owner: Address,
    poet: Address,
    v1: Address,
) {
    deploy_native(&registry, &splitter, owner, COOLDOWN);
    let closed = validator_datanet(&registry, owner, 1);
    let paused = validator_datanet(&registry, owner, 1);
    stake(&registry, v1, closed, MIN_STAKE);
    stake(&registry, v1, paused, MIN_STAKE);
    let c_closed = contribute(&registry, poet, closed, 1);
    let c_paused = contribute(&registry, poet, paused, 2);
    let c_closed_rejected = contribute(&registry, poet, closed, 3);
    registry
        .sender(owner)
        .set_status(closed, DATANET_CLOSED)
        .motsu_unwrap();
    registry
        .sender(owner)
        .set_status(paused, DATANET_PAUSED)
        .motsu_unwrap();

    // Closing does not stop review, so the validator checks still apply: an
    // account without stake is not a validator there.
    let err = registry
        .sender(owner)
        .vote(c_closed, true, 50)
        .motsu_unwrap_err();
    assert_error(
        err,
        RegistryNotValidator {
            datanetId: closed,
            account: owner,
        },
    );
    assert_eq!(
        contribution(&registry, c_closed).status,
        CONTRIBUTION_PENDING
    );
    assert_eq!(validator(&registry, closed, v1).open_votes, 0);
    assert_eq!(pool_updates(&splitter), U256::ZERO);

    // A staked validator reviews the pending contributions of the closed
    // datanet as usual: approval credits the weight and refunds the bond.
    vote(&registry, v1, c_closed, true, 50);
    registry.assert_emitted(&VoteCast {
        contributionId: c_closed,
        validator: v1,
        approve: true,
        quality: 50,
    });
    registry.assert_emitted(&ContributionFinalized {
        contributionId: c_closed,
        datanetId: closed,
        contributor: poet,
        status: CONTRIBUTION_APPROVED,
        weight: uint!(50_U256),
        bond: BOND,
    });
    assert_eq!(
        contribution(&registry, c_closed).status,
        CONTRIBUTION_APPROVED
    );
    assert_eq!(contributor_weight(&splitter, closed, poet), uint!(50_U256));
    assert_eq!(refund_of(&registry, poet), BOND);
    assert_eq!(validator(&registry, closed, v1).open_votes, 1);
    assert_eq!(pool_updates(&splitter), U256::from(1));

    // A rejection on the closed datanet still forfeits the bond to the
    // validator pool.
    vote(&registry, v1, c_closed_rejected, false, 9);
    assert_eq!(
        contribution(&registry, c_closed_rejected).status,
        CONTRIBUTION_REJECTED
    );
    assert_eq!(pool_funding(&splitter, closed, Address::ZERO), BOND);
    assert_eq!(native_received(&splitter), BOND);
    assert_eq!(splitter.balance(), BOND);
    assert_eq!(refund_of(&registry, poet), BOND);
    assert_eq!(validator(&registry, closed, v1).open_votes, 2);
    assert_eq!(pool_updates(&splitter), U256::from(2));

    // Review goes on while a datanet is paused.
    vote(&registry, v1, c_paused, true, 64);
    assert_eq!(
        contribution(&registry, c_paused).status,
        CONTRIBUTION_APPROVED
    );
    assert_eq!(contributor_weight(&splitter, paused, poet), uint!(64_U256));
    assert_eq!(refund_of(&registry, poet), BOND * U256::from(2));
    assert_eq!(pool_updates(&splitter), U256::from(3));
    // Two stakes and the two refunds wait in the registry.
    assert_eq!(
        registry.balance(),
        MIN_STAKE * U256::from(2) + BOND * U256::from(2)
    );
}

#[motsu::test]
fn vote_by_non_validator_fails(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    owner: Address,
    poet: Address,
    v1: Address,
    stranger: Address,
) {
    deploy_native(&registry, &splitter, owner, COOLDOWN);
    let dn = validator_datanet(&registry, owner, 1);
    let other = validator_datanet(&registry, owner, 1);
    // A stake in another datanet does not count.
    stake(&registry, v1, other, MIN_STAKE);
    let c = contribute(&registry, poet, dn, 1);
    for account in [stranger, v1] {
        let err = registry
            .sender(account)
            .vote(c, true, 50)
            .motsu_unwrap_err();
        assert_error(
            err,
            RegistryNotValidator {
                datanetId: dn,
                account,
            },
        );
    }
    assert_eq!(contribution(&registry, c).approvals, 0);
}

#[motsu::test]
fn vote_by_leaving_validator_fails(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    owner: Address,
    poet: Address,
    v1: Address,
) {
    deploy_native(&registry, &splitter, owner, COOLDOWN);
    let dn = validator_datanet(&registry, owner, 1);
    stake(&registry, v1, dn, MIN_STAKE);
    let c = contribute(&registry, poet, dn, 1);
    registry.sender(v1).request_unstake(dn).motsu_unwrap();
    let err = registry.sender(v1).vote(c, true, 50).motsu_unwrap_err();
    assert_error(
        err,
        RegistryValidatorLeaving {
            datanetId: dn,
            validator: v1,
        },
    );
    assert_eq!(vote_of(&registry, c, v1), (0, 0, false));
    assert_eq!(contribution(&registry, c).status, CONTRIBUTION_PENDING);
}

#[motsu::test]
fn vote_by_validator_slashed_below_minimum_fails_until_topped_up(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    owner: Address,
    poet: Address,
    v1: Address,
    v2: Address,
    v3: Address,
) {
    deploy_native(&registry, &splitter, owner, COOLDOWN);
    let dn = validator_datanet(&registry, owner, 2);
    for v in [v1, v2, v3] {
        stake(&registry, v, dn, MIN_STAKE);
    }
    let c1 = contribute(&registry, poet, dn, 1);
    let c2 = contribute(&registry, poet, dn, 2);
    vote(&registry, v1, c1, true, 60);
    vote(&registry, v2, c1, false, 60);
    vote(&registry, v3, c1, true, 60);
    registry.sender(v1).settle_vote(c1, v2).motsu_unwrap();
    let slashed_stake = MIN_STAKE - slash_of(MIN_STAKE);
    assert_eq!(validator(&registry, dn, v2).stake, slashed_stake);

    let err = registry.sender(v2).vote(c2, true, 50).motsu_unwrap_err();
    assert_error(
        err,
        RegistryStakeBelowMinimum {
            stake: slashed_stake,
            minimum: MIN_STAKE,
        },
    );
    assert_eq!(vote_of(&registry, c2, v2), (0, 0, false));

    // Topping up to the minimum restores the right to vote.
    stake(&registry, v2, dn, slash_of(MIN_STAKE));
    vote(&registry, v2, c2, true, 50);
    assert_eq!(vote_of(&registry, c2, v2), (VOTE_APPROVE, 50, false));
}

#[motsu::test]
fn vote_by_validator_staked_after_submission_fails(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    owner: Address,
    poet: Address,
    early: Address,
    late: Address,
) {
    deploy_native(&registry, &splitter, owner, COOLDOWN);
    let dn = validator_datanet(&registry, owner, 2);
    stake(&registry, early, dn, MIN_STAKE);
    let c1 = contribute(&registry, poet, dn, 1);
    stake(&registry, late, dn, MIN_STAKE);
    let c2 = contribute(&registry, poet, dn, 2);
    assert_eq!(validator(&registry, dn, late).eligible_from, U256::from(2));

    let err = registry.sender(late).vote(c1, true, 50).motsu_unwrap_err();
    assert_error(
        err,
        RegistryStakedAfterSubmission {
            contributionId: c1,
            validator: late,
        },
    );
    assert_eq!(contribution(&registry, c1).approvals, 0);
    // Both may vote on data submitted after their stake.
    vote(&registry, early, c1, true, 50);
    vote(&registry, early, c2, true, 50);
    vote(&registry, late, c2, true, 70);
    assert_eq!(contribution(&registry, c2).status, CONTRIBUTION_APPROVED);
    assert_eq!(contribution(&registry, c2).weight, uint!(60_U256));
}

#[motsu::test]
fn second_vote_by_same_validator_fails(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    owner: Address,
    poet: Address,
    v1: Address,
) {
    deploy_native(&registry, &splitter, owner, COOLDOWN);
    let dn = validator_datanet(&registry, owner, 2);
    stake(&registry, v1, dn, MIN_STAKE);
    let c = contribute(&registry, poet, dn, 1);
    vote(&registry, v1, c, true, 90);
    // Neither the same nor the opposite vote may be added: one validator
    // alone must not reach a quorum of 2.
    for approve in [true, false] {
        let err = registry.sender(v1).vote(c, approve, 90).motsu_unwrap_err();
        assert_error(
            err,
            RegistryAlreadyVoted {
                contributionId: c,
                validator: v1,
            },
        );
    }
    let view = contribution(&registry, c);
    assert_eq!(
        (view.status, view.approvals, view.rejections),
        (CONTRIBUTION_PENDING, 1, 0)
    );
    assert_eq!(vote_of(&registry, c, v1), (VOTE_APPROVE, 90, false));
    assert_eq!(validator(&registry, dn, v1).open_votes, 1);
}

// ------------------------------------------------------------- owner review

#[motsu::test]
fn owner_approval_credits_quality_and_refunds_bond(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    owner: Address,
    poet: Address,
) {
    deploy_native(&registry, &splitter, owner, COOLDOWN);
    let bond = uint!(30_U256);
    let dn = owner_datanet(&registry, owner, bond);
    let c = contribute_with_bond(&registry, poet, dn, 1, bond);
    let events = registry.all_events().len();
    registry.sender(owner).vote(c, true, 73).motsu_unwrap();

    assert_eq!(contributor_weight(&splitter, dn, poet), uint!(73_U256));
    splitter.assert_emitted(&shares_changed(dn, POOL_CONTRIBUTORS, poet, 73, 73));
    registry.assert_emitted(&ContributionFinalized {
        contributionId: c,
        datanetId: dn,
        contributor: poet,
        status: CONTRIBUTION_APPROVED,
        weight: uint!(73_U256),
        bond,
    });
    // The owner's vote finalizes at once: no VoteCast, no recorded vote.
    assert_eq!(registry.all_events().len(), events + 1);
    assert_eq!(vote_of(&registry, c, owner), (0, 0, false));
    let view = contribution(&registry, c);
    assert_eq!(
        (view.status, view.weight, view.approvals, view.rejections),
        (CONTRIBUTION_APPROVED, uint!(73_U256), 1, 0)
    );
    assert_eq!(refund_of(&registry, poet), bond);
    assert_eq!(registry.balance(), bond);
    assert_eq!(pool_updates(&splitter), U256::from(1));
}

#[motsu::test]
fn owner_rejection_credits_bond_to_owner(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    owner: Address,
    poet: Address,
) {
    deploy_native(&registry, &splitter, owner, COOLDOWN);
    let bond = uint!(30_U256);
    let dn = owner_datanet(&registry, owner, bond);
    let c = contribute_with_bond(&registry, poet, dn, 1, bond);
    let events = registry.all_events().len();
    registry.sender(owner).vote(c, false, 1).motsu_unwrap();

    registry.assert_emitted(&ContributionFinalized {
        contributionId: c,
        datanetId: dn,
        contributor: poet,
        status: CONTRIBUTION_REJECTED,
        weight: U256::ZERO,
        bond,
    });
    assert_eq!(registry.all_events().len(), events + 1);
    let view = contribution(&registry, c);
    assert_eq!(
        (view.status, view.weight, view.approvals, view.rejections),
        (CONTRIBUTION_REJECTED, U256::ZERO, 0, 1)
    );
    // The bond is owed to the owner, who reviewed; it stays in the registry
    // until claimed, and the splitter is not called at all.
    assert_eq!(refund_of(&registry, owner), bond);
    assert_eq!(registry.balance(), bond);
    assert_eq!(pool_updates(&splitter), U256::ZERO);
    assert_eq!(pool_funding(&splitter, dn, Address::ZERO), U256::ZERO);
    assert_eq!(native_received(&splitter), U256::ZERO);
    assert_eq!(splitter.balance(), U256::ZERO);
    assert_eq!(refund_of(&registry, poet), U256::ZERO);
    assert_eq!(contributor_weight(&splitter, dn, poet), U256::ZERO);
}

#[motsu::test]
fn owner_claims_rejected_bonds(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    admin: Address,
    owner: Contract<Wallet>,
    poet: Address,
    bard: Address,
) {
    deploy_native(&registry, &splitter, admin, COOLDOWN);
    // The owner is a contract account so that it can receive native value.
    let o = owner.address();
    let bond = uint!(30_U256);
    let dn = owner_datanet(&registry, o, bond);
    let rejected_1 = contribute_with_bond(&registry, poet, dn, 1, bond);
    let rejected_2 = contribute_with_bond(&registry, bard, dn, 2, bond);
    let pending = contribute_with_bond(&registry, poet, dn, 3, bond);
    registry.sender(o).vote(rejected_1, false, 5).motsu_unwrap();
    registry.sender(o).vote(rejected_2, false, 6).motsu_unwrap();
    for (c, contributor) in [(rejected_1, poet), (rejected_2, bard)] {
        registry.assert_emitted(&ContributionFinalized {
            contributionId: c,
            datanetId: dn,
            contributor,
            status: CONTRIBUTION_REJECTED,
            weight: U256::ZERO,
            bond,
        });
    }
    assert_eq!(refund_of(&registry, o), bond * U256::from(2));
    assert_eq!(registry.balance(), bond * U256::from(3));
    assert_eq!(owner.balance(), U256::ZERO);

    registry.sender(o).claim_refund().motsu_unwrap();

    registry.assert_emitted(&RefundClaimed {
        account: o,
        amount: bond * U256::from(2),
    });
    assert_eq!(owner.balance(), bond * U256::from(2));
    assert_eq!(refund_of(&registry, o), U256::ZERO);
    // Only the pending contribution's bond is left in the registry.
    assert_eq!(
        contribution(&registry, pending).status,
        CONTRIBUTION_PENDING
    );
    assert_eq!(registry.balance(), bond);
    // Nothing went through the splitter, and the contributors got nothing.
    assert_eq!(pool_updates(&splitter), U256::ZERO);
    assert_eq!(splitter.balance(), U256::ZERO);
    assert_eq!(pool_funding(&splitter, dn, Address::ZERO), U256::ZERO);
    for contributor in [poet, bard] {
        assert_eq!(refund_of(&registry, contributor), U256::ZERO);
        assert_eq!(native_balance(contributor), U256::ZERO);
    }

    let err = registry.sender(o).claim_refund().motsu_unwrap_err();
    assert_error(err, RegistryNothingToClaim { account: o });
    assert_eq!(owner.balance(), bond * U256::from(2));
}

#[motsu::test]
fn owner_rejection_without_bond_makes_no_splitter_call(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    owner: Address,
    poet: Address,
) {
    deploy_native(&registry, &splitter, owner, COOLDOWN);
    let dn = owner_datanet(&registry, owner, U256::ZERO);
    let c = contribute_with_bond(&registry, poet, dn, 1, U256::ZERO);
    registry.sender(owner).vote(c, false, 1).motsu_unwrap();
    assert_eq!(contribution(&registry, c).status, CONTRIBUTION_REJECTED);
    assert_eq!(pool_updates(&splitter), U256::ZERO);
    registry.assert_emitted(&ContributionFinalized {
        contributionId: c,
        datanetId: dn,
        contributor: poet,
        status: CONTRIBUTION_REJECTED,
        weight: U256::ZERO,
        bond: U256::ZERO,
    });
}

#[motsu::test]
fn owner_review_vote_by_non_owner_fails(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    owner: Address,
    poet: Address,
    stranger: Address,
) {
    deploy_native(&registry, &splitter, owner, COOLDOWN);
    let dn = owner_datanet(&registry, owner, BOND);
    let c = contribute(&registry, poet, dn, 1);
    for account in [stranger, poet] {
        let err = registry
            .sender(account)
            .vote(c, true, 50)
            .motsu_unwrap_err();
        assert_error(
            err,
            RegistryNotDatanetOwner {
                datanetId: dn,
                account,
            },
        );
    }
    let view = contribution(&registry, c);
    assert_eq!((view.status, view.approvals), (CONTRIBUTION_PENDING, 0));
    assert_eq!(pool_updates(&splitter), U256::ZERO);
}

#[motsu::test]
fn owner_vote_on_validator_datanet_needs_a_stake(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    owner: Address,
    poet: Address,
) {
    deploy_native(&registry, &splitter, owner, COOLDOWN);
    let dn = validator_datanet(&registry, owner, 1);
    let c = contribute(&registry, poet, dn, 1);
    // On a validator-reviewed datanet the owner has no review right: its
    // vote is a validator vote, and it has no stake.
    let err = registry.sender(owner).vote(c, true, 50).motsu_unwrap_err();
    assert_error(
        err,
        RegistryNotValidator {
            datanetId: dn,
            account: owner,
        },
    );
    assert_eq!(contribution(&registry, c).status, CONTRIBUTION_PENDING);
    assert_eq!(vote_of(&registry, c, owner), (0, 0, false));
}

#[motsu::test]
fn owner_review_vote_with_quality_out_of_range_fails(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    owner: Address,
    poet: Address,
) {
    deploy_native(&registry, &splitter, owner, COOLDOWN);
    let dn = owner_datanet(&registry, owner, BOND);
    let c = contribute(&registry, poet, dn, 1);
    for (approve, quality) in [(true, 0), (true, 101), (false, 0), (false, 101)] {
        let err = registry
            .sender(owner)
            .vote(c, approve, quality)
            .motsu_unwrap_err();
        assert_error(err, RegistryInvalidQuality { quality });
        // The quality is checked before the caller.
        let err = registry
            .sender(poet)
            .vote(c, approve, quality)
            .motsu_unwrap_err();
        assert_error(err, RegistryInvalidQuality { quality });
    }
    assert_eq!(contribution(&registry, c).status, CONTRIBUTION_PENDING);
    assert_eq!(registry.balance(), BOND);
}

#[motsu::test]
fn owner_review_vote_on_finalized_contribution_fails(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    owner: Address,
    poet: Address,
) {
    deploy_native(&registry, &splitter, owner, COOLDOWN);
    let dn = owner_datanet(&registry, owner, BOND);
    let approved = contribute(&registry, poet, dn, 1);
    let rejected = contribute(&registry, poet, dn, 2);
    registry
        .sender(owner)
        .vote(approved, true, 40)
        .motsu_unwrap();
    registry
        .sender(owner)
        .vote(rejected, false, 40)
        .motsu_unwrap();
    let calls = pool_updates(&splitter);
    for (id, status) in [
        (approved, CONTRIBUTION_APPROVED),
        (rejected, CONTRIBUTION_REJECTED),
    ] {
        for approve in [true, false] {
            let err = registry
                .sender(owner)
                .vote(id, approve, 99)
                .motsu_unwrap_err();
            assert_error(
                err,
                RegistryContributionFinalized {
                    contributionId: id,
                    status,
                },
            );
        }
    }
    // Nothing was credited twice: the approval's refund and weight, and the
    // rejected bond owed to the owner (never sent to the splitter).
    assert_eq!(contributor_weight(&splitter, dn, poet), uint!(40_U256));
    assert_eq!(contribution(&registry, approved).weight, uint!(40_U256));
    assert_eq!(refund_of(&registry, poet), BOND);
    assert_eq!(refund_of(&registry, owner), BOND);
    assert_eq!(pool_funding(&splitter, dn, Address::ZERO), U256::ZERO);
    assert_eq!(registry.balance(), BOND * U256::from(2));
    assert_eq!(pool_updates(&splitter), calls);
    // Only the approval called the splitter.
    assert_eq!(calls, U256::from(1));
}

#[motsu::test]
fn owner_review_vote_on_closed_or_paused_datanet_is_allowed(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    owner: Address,
    poet: Address,
    stranger: Address,
) {
    deploy_native(&registry, &splitter, owner, COOLDOWN);
    let dn = owner_datanet(&registry, owner, BOND);
    let c1 = contribute(&registry, poet, dn, 1);
    let c2 = contribute(&registry, poet, dn, 2);
    registry
        .sender(owner)
        .set_status(dn, DATANET_PAUSED)
        .motsu_unwrap();
    registry.sender(owner).vote(c1, true, 55).motsu_unwrap();
    assert_eq!(contribution(&registry, c1).status, CONTRIBUTION_APPROVED);
    registry
        .sender(owner)
        .set_status(dn, DATANET_CLOSED)
        .motsu_unwrap();
    // Closing does not stop review: only the owner's right to review is
    // checked.
    for account in [stranger, poet] {
        let err = registry
            .sender(account)
            .vote(c2, true, 55)
            .motsu_unwrap_err();
        assert_error(
            err,
            RegistryNotDatanetOwner {
                datanetId: dn,
                account,
            },
        );
    }
    assert_eq!(contribution(&registry, c2).status, CONTRIBUTION_PENDING);
    let calls = pool_updates(&splitter);

    // The owner rejects the last pending contribution of the closed
    // datanet: the bond is owed to the owner, not stranded.
    registry.sender(owner).vote(c2, false, 55).motsu_unwrap();
    registry.assert_emitted(&ContributionFinalized {
        contributionId: c2,
        datanetId: dn,
        contributor: poet,
        status: CONTRIBUTION_REJECTED,
        weight: U256::ZERO,
        bond: BOND,
    });
    let view = contribution(&registry, c2);
    assert_eq!(
        (view.status, view.weight, view.approvals, view.rejections),
        (CONTRIBUTION_REJECTED, U256::ZERO, 0, 1)
    );
    assert_eq!(refund_of(&registry, owner), BOND);
    assert_eq!(refund_of(&registry, poet), BOND);
    assert_eq!(registry.balance(), BOND * U256::from(2));
    assert_eq!(pool_updates(&splitter), calls);
    assert_eq!(pool_funding(&splitter, dn, Address::ZERO), U256::ZERO);
    assert_eq!(contributor_weight(&splitter, dn, poet), uint!(55_U256));
}

#[motsu::test]
fn pending_contribution_on_closed_datanet_is_approved_and_refunded(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    owner: Address,
    poet: Contract<Wallet>,
) {
    deploy_native(&registry, &splitter, owner, COOLDOWN);
    let dn = owner_datanet(&registry, owner, BOND);
    let p = poet.address();
    p.fund(BOND * U256::from(2));
    let c = registry
        .sender_and_value(p, BOND)
        .contribute(dn, content(1), "ipfs://poem-1".into())
        .motsu_unwrap();
    registry
        .sender(owner)
        .set_status(dn, DATANET_CLOSED)
        .motsu_unwrap();
    // The closed datanet takes no new contribution...
    let err = registry
        .sender_and_value(p, BOND)
        .contribute(dn, content(2), String::new())
        .motsu_unwrap_err();
    assert_error(
        err,
        RegistryDatanetNotActive {
            datanetId: dn,
            status: DATANET_CLOSED,
        },
    );
    assert_eq!(poet.balance(), BOND);
    assert_eq!(registry.balance(), BOND);

    // ... but the pending one is still reviewed.
    registry.sender(owner).vote(c, true, 88).motsu_unwrap();
    registry.assert_emitted(&ContributionFinalized {
        contributionId: c,
        datanetId: dn,
        contributor: p,
        status: CONTRIBUTION_APPROVED,
        weight: uint!(88_U256),
        bond: BOND,
    });
    let view = contribution(&registry, c);
    assert_eq!(
        (view.status, view.weight, view.approvals, view.rejections),
        (CONTRIBUTION_APPROVED, uint!(88_U256), 1, 0)
    );
    assert_eq!(contributor_weight(&splitter, dn, p), uint!(88_U256));
    assert_eq!(pool_updates(&splitter), U256::from(1));
    assert_eq!(refund_of(&registry, p), BOND);
    assert_eq!(refund_of(&registry, owner), U256::ZERO);

    // The contributor claims the bond back.
    registry.sender(p).claim_refund().motsu_unwrap();
    registry.assert_emitted(&RefundClaimed {
        account: p,
        amount: BOND,
    });
    assert_eq!(poet.balance(), BOND * U256::from(2));
    assert_eq!(refund_of(&registry, p), U256::ZERO);
    assert_eq!(registry.balance(), U256::ZERO);
    assert_eq!(splitter.balance(), U256::ZERO);
}

// -------------------------------------------------------------- settle_vote

#[motsu::test]
fn settle_rewards_the_winning_side_and_anyone_may_call(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    owner: Address,
    poet: Address,
    v1: Address,
    keeper: Address,
) {
    deploy_native(&registry, &splitter, owner, COOLDOWN);
    let dn = validator_datanet(&registry, owner, 1);
    stake(&registry, v1, dn, MIN_STAKE);
    let c = contribute(&registry, poet, dn, 1);
    vote(&registry, v1, c, true, 80);
    let calls = pool_updates(&splitter);

    registry.sender(keeper).settle_vote(c, v1).motsu_unwrap();

    assert_eq!(validator_shares(&splitter, dn, v1), U256::from(1));
    assert_eq!(validator_shares(&splitter, dn, keeper), U256::ZERO);
    splitter.assert_emitted(&shares_changed(dn, POOL_VALIDATORS, v1, 1, 1));
    registry.assert_emitted(&VoteSettled {
        contributionId: c,
        validator: v1,
        outcome: SETTLED_REWARDED,
        slashed: U256::ZERO,
    });
    assert_eq!(vote_of(&registry, c, v1), (VOTE_APPROVE, 80, true));
    assert_eq!(
        validator(&registry, dn, v1),
        ValidatorView {
            stake: MIN_STAKE,
            eligible_from: U256::from(1),
            unstake_requested_at: 0,
            open_votes: 0,
        }
    );
    assert_eq!(pool_updates(&splitter), calls + U256::from(1));
    assert_eq!(registry.balance(), MIN_STAKE + BOND);
}

#[motsu::test]
fn settle_rewards_rejecters_of_rejected_contribution(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    owner: Address,
    poet: Address,
    v1: Address,
) {
    deploy_native(&registry, &splitter, owner, COOLDOWN);
    let dn = validator_datanet(&registry, owner, 1);
    stake(&registry, v1, dn, MIN_STAKE);
    let c = contribute(&registry, poet, dn, 1);
    vote(&registry, v1, c, false, 5);
    registry.sender(poet).settle_vote(c, v1).motsu_unwrap();
    assert_eq!(validator_shares(&splitter, dn, v1), U256::from(1));
    assert_eq!(validator(&registry, dn, v1).stake, MIN_STAKE);
    registry.assert_emitted(&VoteSettled {
        contributionId: c,
        validator: v1,
        outcome: SETTLED_REWARDED,
        slashed: U256::ZERO,
    });
}

#[motsu::test]
fn settle_slashes_the_losing_side_into_the_pool(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    owner: Address,
    poet: Address,
    v1: Address,
    loser: Contract<Wallet>,
    v3: Address,
    keeper: Address,
) {
    deploy_native(&registry, &splitter, owner, 0);
    let dn = validator_datanet(&registry, owner, 2);
    // An odd stake checks the rounding: 1234 * 2000 / 10000 = 246.8 -> 246.
    let loser_stake = uint!(1234_U256);
    stake(&registry, v1, dn, MIN_STAKE);
    stake(&registry, loser.address(), dn, loser_stake);
    stake(&registry, v3, dn, MIN_STAKE);
    let c = contribute(&registry, poet, dn, 1);
    vote(&registry, v1, c, true, 80);
    vote(&registry, loser.address(), c, false, 80);
    vote(&registry, v3, c, true, 80);
    let funded_before = pool_funding(&splitter, dn, Address::ZERO);
    let registry_before = registry.balance();

    registry
        .sender(keeper)
        .settle_vote(c, loser.address())
        .motsu_unwrap();

    let slashed = slash_of(loser_stake);
    assert_eq!(slashed, uint!(246_U256));
    assert_eq!(
        validator(&registry, dn, loser.address()),
        ValidatorView {
            stake: loser_stake - slashed,
            eligible_from: U256::from(1),
            unstake_requested_at: 0,
            open_votes: 0,
        }
    );
    assert_eq!(
        pool_funding(&splitter, dn, Address::ZERO),
        funded_before + slashed
    );
    splitter.assert_emitted(&pool_funded(dn, Address::ZERO, slashed));
    assert_eq!(native_received(&splitter), slashed);
    assert_eq!(splitter.balance(), slashed);
    assert_eq!(registry.balance(), registry_before - slashed);
    assert_eq!(validator_shares(&splitter, dn, loser.address()), U256::ZERO);
    registry.assert_emitted(&VoteSettled {
        contributionId: c,
        validator: loser.address(),
        outcome: SETTLED_SLASHED,
        slashed,
    });
    assert_eq!(
        vote_of(&registry, c, loser.address()),
        (VOTE_REJECT, 80, true)
    );

    // The winners earn their share; the loser withdraws what is left.
    registry.sender(keeper).settle_vote(c, v1).motsu_unwrap();
    registry.sender(keeper).settle_vote(c, v3).motsu_unwrap();
    assert_eq!(validator_shares(&splitter, dn, v1), U256::from(1));
    assert_eq!(validator_shares(&splitter, dn, v3), U256::from(1));
    splitter.assert_emitted(&shares_changed(dn, POOL_VALIDATORS, v3, 1, 2));
    registry
        .sender(loser.address())
        .request_unstake(dn)
        .motsu_unwrap();
    registry
        .sender(loser.address())
        .withdraw_stake(dn)
        .motsu_unwrap();
    assert_eq!(loser.balance(), loser_stake - slashed);
}

#[motsu::test]
fn settle_slashes_approvers_of_rejected_contribution(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    owner: Address,
    poet: Address,
    v1: Address,
    v2: Address,
    v3: Address,
) {
    deploy_native(&registry, &splitter, owner, COOLDOWN);
    let dn = validator_datanet(&registry, owner, 2);
    for v in [v1, v2, v3] {
        stake(&registry, v, dn, MIN_STAKE);
    }
    let c = contribute(&registry, poet, dn, 1);
    vote(&registry, v1, c, true, 99);
    vote(&registry, v2, c, false, 1);
    vote(&registry, v3, c, false, 1);
    assert_eq!(contribution(&registry, c).status, CONTRIBUTION_REJECTED);
    // The bond is already in the pool; the slash adds to it.
    assert_eq!(pool_funding(&splitter, dn, Address::ZERO), BOND);

    registry.sender(v2).settle_vote(c, v1).motsu_unwrap();
    let slashed = slash_of(MIN_STAKE);
    assert_eq!(validator(&registry, dn, v1).stake, MIN_STAKE - slashed);
    assert_eq!(pool_funding(&splitter, dn, Address::ZERO), BOND + slashed);
    assert_eq!(native_received(&splitter), BOND + slashed);
    registry.assert_emitted(&VoteSettled {
        contributionId: c,
        validator: v1,
        outcome: SETTLED_SLASHED,
        slashed,
    });
}

#[motsu::test]
fn settle_retracts_a_leaving_validators_pending_vote(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    owner: Address,
    poet: Address,
    leaver: Contract<Wallet>,
    v2: Address,
    v3: Address,
    keeper: Address,
) {
    deploy_native(&registry, &splitter, owner, 0);
    let dn = validator_datanet(&registry, owner, 2);
    let l = leaver.address();
    stake(&registry, l, dn, MIN_STAKE);
    stake(&registry, v2, dn, MIN_STAKE);
    stake(&registry, v3, dn, MIN_STAKE);
    let approved_later = contribute(&registry, poet, dn, 1);
    let rejected_later = contribute(&registry, poet, dn, 2);
    vote(&registry, l, approved_later, true, 10);
    vote(&registry, l, rejected_later, false, 10);
    assert_eq!(contribution(&registry, approved_later).approvals, 1);
    assert_eq!(contribution(&registry, rejected_later).rejections, 1);

    registry.sender(l).request_unstake(dn).motsu_unwrap();
    registry
        .sender(keeper)
        .settle_vote(approved_later, l)
        .motsu_unwrap();
    registry
        .sender(keeper)
        .settle_vote(rejected_later, l)
        .motsu_unwrap();

    for c in [approved_later, rejected_later] {
        registry.assert_emitted(&VoteSettled {
            contributionId: c,
            validator: l,
            outcome: SETTLED_RETRACTED,
            slashed: U256::ZERO,
        });
        let view = contribution(&registry, c);
        assert_eq!(
            (view.status, view.approvals, view.rejections),
            (CONTRIBUTION_PENDING, 0, 0)
        );
        assert!(vote_of(&registry, c, l).2, "vote marked settled");
    }
    // Retraction neither rewards nor slashes.
    assert_eq!(validator_shares(&splitter, dn, l), U256::ZERO);
    assert_eq!(pool_updates(&splitter), U256::ZERO);
    assert_eq!(validator(&registry, dn, l).open_votes, 0);
    assert_eq!(validator(&registry, dn, l).stake, MIN_STAKE);

    // The leaver withdraws in full.
    registry.sender(l).withdraw_stake(dn).motsu_unwrap();
    assert_eq!(leaver.balance(), MIN_STAKE);

    // The retracted approval no longer counts, neither in the tally nor in
    // the weight: it takes two more approvals, and the weight is their mean.
    vote(&registry, v2, approved_later, true, 90);
    assert_eq!(
        contribution(&registry, approved_later).status,
        CONTRIBUTION_PENDING
    );
    vote(&registry, v3, approved_later, true, 60);
    let view = contribution(&registry, approved_later);
    assert_eq!(
        (view.status, view.weight, view.approvals),
        (CONTRIBUTION_APPROVED, uint!(75_U256), 2)
    );
    assert_eq!(contributor_weight(&splitter, dn, poet), uint!(75_U256));
    // Same for the retracted rejection.
    vote(&registry, v2, rejected_later, false, 1);
    assert_eq!(
        contribution(&registry, rejected_later).status,
        CONTRIBUTION_PENDING
    );
}

#[motsu::test]
fn settle_without_open_vote_fails(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    owner: Address,
    poet: Address,
    v1: Address,
    v2: Address,
) {
    deploy_native(&registry, &splitter, owner, COOLDOWN);
    let dn = validator_datanet(&registry, owner, 1);
    stake(&registry, v1, dn, MIN_STAKE);
    stake(&registry, v2, dn, MIN_STAKE);
    let c = contribute(&registry, poet, dn, 1);
    vote(&registry, v1, c, true, 50);

    // v2 never voted.
    let err = registry.sender(v1).settle_vote(c, v2).motsu_unwrap_err();
    assert_error(
        err,
        RegistryNoOpenVote {
            contributionId: c,
            validator: v2,
        },
    );
    // Unknown contribution: no vote there either.
    let unknown = U256::from(9);
    let err = registry
        .sender(v1)
        .settle_vote(unknown, v1)
        .motsu_unwrap_err();
    assert_error(
        err,
        RegistryNoOpenVote {
            contributionId: unknown,
            validator: v1,
        },
    );

    // Settled once, never twice.
    registry.sender(v2).settle_vote(c, v1).motsu_unwrap();
    let calls = pool_updates(&splitter);
    let err = registry.sender(v2).settle_vote(c, v1).motsu_unwrap_err();
    assert_error(
        err,
        RegistryNoOpenVote {
            contributionId: c,
            validator: v1,
        },
    );
    assert_eq!(validator_shares(&splitter, dn, v1), U256::from(1));
    assert_eq!(validator(&registry, dn, v1).open_votes, 0);
    assert_eq!(pool_updates(&splitter), calls);
}

#[motsu::test]
fn settle_twice_never_slashes_twice(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    owner: Address,
    poet: Address,
    v1: Address,
    v2: Address,
    v3: Address,
) {
    deploy_native(&registry, &splitter, owner, COOLDOWN);
    let dn = validator_datanet(&registry, owner, 2);
    for v in [v1, v2, v3] {
        stake(&registry, v, dn, MIN_STAKE);
    }
    let c = contribute(&registry, poet, dn, 1);
    vote(&registry, v1, c, true, 50);
    vote(&registry, v2, c, false, 50);
    vote(&registry, v3, c, true, 50);
    registry.sender(v1).settle_vote(c, v2).motsu_unwrap();
    let err = registry.sender(v1).settle_vote(c, v2).motsu_unwrap_err();
    assert_error(
        err,
        RegistryNoOpenVote {
            contributionId: c,
            validator: v2,
        },
    );
    let slashed = slash_of(MIN_STAKE);
    assert_eq!(validator(&registry, dn, v2).stake, MIN_STAKE - slashed);
    assert_eq!(pool_funding(&splitter, dn, Address::ZERO), slashed);
    assert_eq!(native_received(&splitter), slashed);
}

#[motsu::test]
fn settle_pending_vote_of_staying_validator_fails(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    owner: Address,
    poet: Address,
    v1: Address,
) {
    deploy_native(&registry, &splitter, owner, COOLDOWN);
    let dn = validator_datanet(&registry, owner, 2);
    stake(&registry, v1, dn, MIN_STAKE);
    let c = contribute(&registry, poet, dn, 1);
    vote(&registry, v1, c, true, 50);
    for caller in [v1, poet] {
        let err = registry
            .sender(caller)
            .settle_vote(c, v1)
            .motsu_unwrap_err();
        assert_error(
            err,
            RegistryVoteNotSettleable {
                contributionId: c,
                validator: v1,
            },
        );
    }
    assert_eq!(vote_of(&registry, c, v1), (VOTE_APPROVE, 50, false));
    assert_eq!(validator(&registry, dn, v1).open_votes, 1);
    assert_eq!(contribution(&registry, c).approvals, 1);
}

// ------------------------------------------------------------- claim_refund

#[motsu::test]
fn claim_refund_pays_the_bond_to_the_contributor(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    owner: Address,
    poet: Contract<Wallet>,
    v1: Address,
) {
    deploy_native(&registry, &splitter, owner, COOLDOWN);
    let dn = validator_datanet(&registry, owner, 1);
    stake(&registry, v1, dn, MIN_STAKE);
    let p = poet.address();
    p.fund(uint!(500_U256));
    let c1 = registry
        .sender_and_value(p, BOND)
        .contribute(dn, content(1), "ipfs://poem-1".into())
        .motsu_unwrap();
    let c2 = registry
        .sender_and_value(p, BOND)
        .contribute(dn, content(2), String::new())
        .motsu_unwrap();
    assert_eq!(poet.balance(), uint!(400_U256));
    vote(&registry, v1, c1, true, 50);
    vote(&registry, v1, c2, true, 50);
    assert_eq!(refund_of(&registry, p), BOND * U256::from(2));

    registry.sender(p).claim_refund().motsu_unwrap();

    assert_eq!(poet.balance(), uint!(500_U256));
    assert_eq!(refund_of(&registry, p), U256::ZERO);
    assert_eq!(registry.balance(), MIN_STAKE);
    registry.assert_emitted(&RefundClaimed {
        account: p,
        amount: BOND * U256::from(2),
    });

    let err = registry.sender(p).claim_refund().motsu_unwrap_err();
    assert_error(err, RegistryNothingToClaim { account: p });
    assert_eq!(poet.balance(), uint!(500_U256));
}

#[motsu::test]
fn claim_refund_with_nothing_due_fails(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    owner: Address,
    poet: Address,
    v1: Address,
) {
    deploy_native(&registry, &splitter, owner, COOLDOWN);
    let dn = validator_datanet(&registry, owner, 1);
    stake(&registry, v1, dn, MIN_STAKE);
    // A pending and a rejected contribution refund nothing.
    let pending = contribute(&registry, poet, dn, 1);
    let rejected = contribute(&registry, poet, dn, 2);
    vote(&registry, v1, rejected, false, 50);
    assert_eq!(
        contribution(&registry, pending).status,
        CONTRIBUTION_PENDING
    );
    for account in [poet, v1] {
        let err = registry.sender(account).claim_refund().motsu_unwrap_err();
        assert_error(err, RegistryNothingToClaim { account });
    }
    assert_eq!(native_balance(poet), U256::ZERO);
    assert_eq!(registry.balance(), MIN_STAKE + BOND);
}

// --------------------------------------------------------- splitter failure

#[motsu::test]
fn failing_splitter_reverts_the_finalizing_approval(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    owner: Address,
    poet: Address,
    v1: Address,
    v2: Address,
) {
    deploy_native(&registry, &splitter, owner, COOLDOWN);
    let dn = validator_datanet(&registry, owner, 2);
    stake(&registry, v1, dn, MIN_STAKE);
    stake(&registry, v2, dn, MIN_STAKE);
    let c = contribute(&registry, poet, dn, 1);
    vote(&registry, v1, c, true, 80);
    let before = contribution(&registry, c);
    let events_before = registry.all_events().len();
    // The splitter's admin revokes the registry's role: the splitter now
    // rejects every call from it.
    revoke_registry(&splitter, &registry, owner);

    let err = registry.sender(v2).vote(c, true, 90).motsu_unwrap_err();
    assert_error(
        err,
        RegistryPeerCallFailed {
            peer: splitter.address(),
        },
    );

    assert_eq!(contribution(&registry, c), before);
    assert_eq!(before.status, CONTRIBUTION_PENDING);
    assert_eq!(before.approvals, 1);
    assert_eq!(refund_of(&registry, poet), U256::ZERO);
    assert_eq!(vote_of(&registry, c, v2), (0, 0, false));
    assert_eq!(validator(&registry, dn, v2).open_votes, 0);
    assert_eq!(registry.all_events().len(), events_before);
    assert_eq!(contributor_weight(&splitter, dn, poet), U256::ZERO);
    assert_eq!(pool_updates(&splitter), U256::ZERO);

    // Once the registry has its role back the same vote finalizes.
    grant_registry(&splitter, &registry, owner);
    vote(&registry, v2, c, true, 90);
    assert_eq!(contribution(&registry, c).status, CONTRIBUTION_APPROVED);
    assert_eq!(contributor_weight(&splitter, dn, poet), uint!(85_U256));
    assert_eq!(refund_of(&registry, poet), BOND);
}

#[motsu::test]
fn failing_splitter_reverts_the_finalizing_rejection(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    owner: Address,
    poet: Address,
    v1: Address,
) {
    deploy_native(&registry, &splitter, owner, COOLDOWN);
    let dn = validator_datanet(&registry, owner, 1);
    stake(&registry, v1, dn, MIN_STAKE);
    let c = contribute(&registry, poet, dn, 1);
    revoke_registry(&splitter, &registry, owner);

    let err = registry.sender(v1).vote(c, false, 10).motsu_unwrap_err();
    assert_error(
        err,
        RegistryPeerCallFailed {
            peer: splitter.address(),
        },
    );
    let view = contribution(&registry, c);
    assert_eq!(
        (view.status, view.approvals, view.rejections),
        (CONTRIBUTION_PENDING, 0, 0)
    );
    assert_eq!(vote_of(&registry, c, v1), (0, 0, false));
    assert_eq!(validator(&registry, dn, v1).open_votes, 0);
    // The bond did not leave the registry.
    assert_eq!(registry.balance(), MIN_STAKE + BOND);
    assert_eq!(splitter.balance(), U256::ZERO);
    assert_eq!(native_received(&splitter), U256::ZERO);
    assert_eq!(pool_funding(&splitter, dn, Address::ZERO), U256::ZERO);
    assert_eq!(pool_updates(&splitter), U256::ZERO);
}

#[motsu::test]
fn failing_splitter_reverts_owner_review_and_settlement(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    owner: Address,
    poet: Address,
    v1: Address,
) {
    deploy_native(&registry, &splitter, owner, COOLDOWN);
    let odn = owner_datanet(&registry, owner, BOND);
    let oc = contribute(&registry, poet, odn, 1);
    let vdn = validator_datanet(&registry, owner, 1);
    stake(&registry, v1, vdn, MIN_STAKE);
    let vc = contribute(&registry, poet, vdn, 2);
    vote(&registry, v1, vc, true, 50);
    revoke_registry(&splitter, &registry, owner);

    let err = registry.sender(owner).vote(oc, true, 50).motsu_unwrap_err();
    assert_error(
        err,
        RegistryPeerCallFailed {
            peer: splitter.address(),
        },
    );
    assert_eq!(contribution(&registry, oc).status, CONTRIBUTION_PENDING);
    assert_eq!(refund_of(&registry, poet), BOND);
    assert_eq!(contributor_weight(&splitter, odn, poet), U256::ZERO);

    let err = registry.sender(poet).settle_vote(vc, v1).motsu_unwrap_err();
    assert_error(
        err,
        RegistryPeerCallFailed {
            peer: splitter.address(),
        },
    );
    assert_eq!(vote_of(&registry, vc, v1), (VOTE_APPROVE, 50, false));
    assert_eq!(validator(&registry, vdn, v1).open_votes, 1);
    assert_eq!(validator_shares(&splitter, vdn, v1), U256::ZERO);
    // Only the approval made before the role was revoked reached the pools.
    assert_eq!(pool_updates(&splitter), U256::from(1));
}

// ------------------------------------------------------- finalization cost

/// Runs one datanet with `validators` staked validators and `quorum`, lets
/// the first `quorum` of them approve one contribution, and returns the
/// pool updates made by the votes before the quorum, by the finalizing
/// vote, and by settling one vote.
fn pool_updates_for(validators: usize, quorum: u8) -> (U256, U256, U256) {
    let registry = Contract::<DatanetRegistry>::new();
    let splitter = Contract::<RewardSplitter>::new();
    let owner = Address::repeat_byte(0x01);
    let poet = Address::repeat_byte(0x02);
    deploy_native(&registry, &splitter, owner, COOLDOWN);
    let dn = validator_datanet(&registry, owner, quorum);
    let accounts: Vec<Address> = (0..validators)
        .map(|i| Address::with_last_byte(0x10 + u8::try_from(i).unwrap()))
        .collect();
    for &v in &accounts {
        stake(&registry, v, dn, MIN_STAKE);
    }
    let c = contribute(&registry, poet, dn, 1);
    let quorum = usize::from(quorum);
    for &v in &accounts[..quorum - 1] {
        vote(&registry, v, c, true, 50);
    }
    let before_final = pool_updates(&splitter);
    vote(&registry, accounts[quorum - 1], c, true, 50);
    let after_final = pool_updates(&splitter);
    assert_eq!(contribution(&registry, c).status, CONTRIBUTION_APPROVED);
    registry
        .sender(poet)
        .settle_vote(c, accounts[0])
        .motsu_unwrap();
    let after_settle = pool_updates(&splitter);
    assert_eq!(validator_shares(&splitter, dn, accounts[0]), U256::from(1));
    (
        before_final,
        after_final - before_final,
        after_settle - after_final,
    )
}

#[motsu::test]
fn finalization_cost_does_not_grow_with_validators() {
    for quorum in [1u8, 3] {
        let few = pool_updates_for(usize::from(quorum), quorum);
        let many = pool_updates_for(20, quorum);
        assert_eq!(few, (U256::ZERO, U256::from(1), U256::from(1)));
        assert_eq!(many, few, "quorum {quorum}: 20 validators vs {quorum}");
    }
}

#[motsu::test]
fn leaving_validator_retracts_and_withdraws_on_closed_datanet(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    owner: Address,
    poet: Address,
    leaver: Contract<Wallet>,
) {
    deploy_native(&registry, &splitter, owner, 0);
    let dn = validator_datanet(&registry, owner, 2);
    let l = leaver.address();
    stake(&registry, l, dn, MIN_STAKE);
    let c = contribute(&registry, poet, dn, 1);
    vote(&registry, l, c, true, 40);
    // Closing the datanet must not lock the stake.
    registry
        .sender(owner)
        .set_status(dn, DATANET_CLOSED)
        .motsu_unwrap();
    registry.sender(l).request_unstake(dn).motsu_unwrap();
    registry.sender(poet).settle_vote(c, l).motsu_unwrap();
    registry.assert_emitted(&VoteSettled {
        contributionId: c,
        validator: l,
        outcome: SETTLED_RETRACTED,
        slashed: U256::ZERO,
    });
    assert_eq!(contribution(&registry, c).approvals, 0);
    registry.sender(l).withdraw_stake(dn).motsu_unwrap();
    assert_eq!(leaver.balance(), MIN_STAKE);
}
