//! `claim` and `claimable`: developers, the treasury, contributors and
//! validators claim in whole wei, batched over pools, to the address they
//! name; the sub-wei rest stays theirs; claims are never paused; every
//! error leaves the accounting untouched.
extern crate alloc;
mod common;
mod splitter_support;

use alloy_primitives::{Address, U256};
use integration_tests::{MockErc20, Wallet};
use motsu::prelude::*;
use reward_splitter::{
    RewardSplitter, RewardSplitterPayoutFailed, RewardSplitterTooManyPools,
    RewardSplitterUnknownToken, RewardSplitterZeroAddress, SafeErc20FailedOperation,
};
use stylus_sdk::prelude::*;

/// A contract whose receive function refuses every native payment.
#[storage]
pub struct Rejecter;

unsafe impl TopLevelStorage for Rejecter {}

#[public]
impl Rejecter {
    #[receive]
    pub fn receive(&mut self) -> Result<(), Vec<u8>> {
        Err(b"payments refused".to_vec())
    }
}

use splitter_support::{
    add_validator, add_weight, assert_conserved, assert_error, claim, claimable, deploy,
    deploy_with_token, ids, nothing_to_claim, remove_shares, rewards_claimed, route, route_erc20,
    scaled, shares_changed, token_balance, token_info, try_claim, u, wei, Fee, CONTRIBUTORS,
    MARKET, NATIVE, PAUSER, SCALE, TREASURY, VALIDATORS, VIEWER,
};

// ------------------------------------------------------------ direct claims

#[motsu::test]
fn developer_and_treasury_claim_native_to_their_wallets(
    splitter: Contract<RewardSplitter>,
    dev: Address,
    dev_wallet: Contract<Wallet>,
    treasury_wallet: Contract<Wallet>,
) {
    deploy(&splitter);
    route(&splitter, &Fee::native(1_000_000, dev));
    assert_eq!(claimable(&splitter, dev, NATIVE, &[], &[]), wei(665_000));

    let to = dev_wallet.address();
    let paid = claim(&splitter, dev, NATIVE, &[], &[], to);
    assert_eq!(paid, u(665_000));
    assert_eq!(dev_wallet.balance(), u(665_000));
    splitter.assert_emitted(&rewards_claimed(dev, NATIVE, to, u(665_000)));
    assert_eq!(claimable(&splitter, dev, NATIVE, &[], &[]), wei(0));
    assert_eq!(splitter.balance(), u(335_000));
    assert_eq!(token_info(&splitter, NATIVE).claimed, u(665_000));

    let to = treasury_wallet.address();
    let paid = claim(&splitter, TREASURY, NATIVE, &[], &[], to);
    assert_eq!(paid, u(50_000));
    assert_eq!(treasury_wallet.balance(), u(50_000));
    splitter.assert_emitted(&rewards_claimed(TREASURY, NATIVE, to, u(50_000)));
    assert_eq!(splitter.balance(), u(285_000));
    assert_eq!(token_info(&splitter, NATIVE).claimed, u(715_000));
    assert_eq!(token_info(&splitter, NATIVE).deposited, u(1_000_000));
    assert_conserved(&splitter, NATIVE, &[dev, TREASURY], &[1], &[1]);
}

// -------------------------------------------------------------- pool claims

#[motsu::test]
fn contributors_and_validators_claim_over_several_pools_at_once(
    splitter: Contract<RewardSplitter>,
    dev: Address,
    poet: Address,
    poet2: Address,
    v1: Address,
    poet_wallet: Contract<Wallet>,
    poet2_wallet: Contract<Wallet>,
    v1_wallet: Contract<Wallet>,
) {
    deploy(&splitter);
    add_weight(&splitter, 1, poet, 10);
    add_weight(&splitter, 2, poet, 30);
    add_weight(&splitter, 2, poet2, 10);
    add_validator(&splitter, 1, v1, 1);
    add_validator(&splitter, 2, v1, 1);
    // The poet also validates datanet 2.
    add_validator(&splitter, 2, poet, 1);
    route(
        &splitter,
        &Fee::native(1_000_000, dev).datanets(&[1, 2], &[5_000, 5_000]),
    );
    // Per datanet: 95,000 to contributors, 47,500 to validators.
    // poet: 95,000 (dn 1) + 3/4 of 95,000 (dn 2) + 1/2 of 47,500 (dn 2 validators).
    let poet_due = 95_000 + 71_250 + 23_750;
    assert_eq!(
        claimable(&splitter, poet, NATIVE, &[1, 2], &[2]),
        wei(poet_due)
    );
    let to = poet_wallet.address();
    let paid = claim(&splitter, poet, NATIVE, &[1, 2], &[2], to);
    assert_eq!(paid, u(poet_due));
    assert_eq!(poet_wallet.balance(), u(poet_due));
    splitter.assert_emitted(&rewards_claimed(poet, NATIVE, to, u(poet_due)));

    // v1: all of datanet 1's validator part and half of datanet 2's.
    let paid = claim(&splitter, v1, NATIVE, &[], &[1, 2], v1_wallet.address());
    assert_eq!(paid, u(47_500 + 23_750));
    assert_eq!(v1_wallet.balance(), u(71_250));

    let paid = claim(&splitter, poet2, NATIVE, &[2], &[], poet2_wallet.address());
    assert_eq!(paid, u(23_750));

    for (account, contributor_pools, validator_pools) in [
        (poet, &[1u64, 2][..], &[2u64][..]),
        (v1, &[], &[1, 2]),
        (poet2, &[2], &[]),
    ] {
        assert_eq!(
            claimable(
                &splitter,
                account,
                NATIVE,
                contributor_pools,
                validator_pools
            ),
            wei(0)
        );
    }
    assert_eq!(
        token_info(&splitter, NATIVE).claimed,
        u(poet_due + 71_250 + 23_750)
    );
    assert_eq!(
        splitter.balance(),
        u(1_000_000 - poet_due - 71_250 - 23_750)
    );
    // Developer and treasury were not touched by the others' claims.
    assert_eq!(claimable(&splitter, dev, NATIVE, &[], &[]), wei(665_000));
    assert_conserved(
        &splitter,
        NATIVE,
        &[dev, TREASURY, poet, poet2, v1],
        &[1, 2],
        &[1],
    );
}

#[motsu::test]
fn a_claim_only_collects_the_pools_it_names(
    splitter: Contract<RewardSplitter>,
    dev: Address,
    poet: Address,
    poet_wallet: Contract<Wallet>,
) {
    deploy(&splitter);
    add_weight(&splitter, 1, poet, 1);
    add_weight(&splitter, 2, poet, 1);
    route(
        &splitter,
        &Fee::native(1_000, dev).datanets(&[1, 2], &[2_500, 7_500]),
    );
    // 190 of data: 47.5 to datanet 1, 142.5 to datanet 2.
    assert_eq!(
        claim(&splitter, poet, NATIVE, &[2], &[], poet_wallet.address()),
        u(142)
    );
    assert_eq!(claimable(&splitter, poet, NATIVE, &[1], &[]), wei(48));
    // Half a wei from datanet 2 plus 47.5 from datanet 1: exactly 48.
    assert_eq!(
        claim(&splitter, poet, NATIVE, &[1], &[], poet_wallet.address()),
        u(48)
    );
    assert_eq!(poet_wallet.balance(), u(190));
    assert_eq!(claimable(&splitter, poet, NATIVE, &[1, 2], &[]), wei(0));
}

#[motsu::test]
fn a_pool_named_twice_pays_once(
    splitter: Contract<RewardSplitter>,
    dev: Address,
    poet: Address,
    poet_wallet: Contract<Wallet>,
) {
    deploy(&splitter);
    add_weight(&splitter, 1, poet, 4);
    route(&splitter, &Fee::native(1_000, dev));
    assert_eq!(
        claimable(&splitter, poet, NATIVE, &[1, 1, 1], &[]),
        wei(190)
    );
    let paid = claim(
        &splitter,
        poet,
        NATIVE,
        &[1, 1, 1],
        &[],
        poet_wallet.address(),
    );
    assert_eq!(paid, u(190));
    assert_eq!(poet_wallet.balance(), u(190));
    assert_eq!(token_info(&splitter, NATIVE).claimed, u(190));
}

#[motsu::test]
fn claimable_equals_what_claim_pays_and_the_sub_wei_rest_stays(
    splitter: Contract<RewardSplitter>,
    dev: Address,
    poet1: Address,
    poet2: Address,
    v1: Address,
    wallet: Contract<Wallet>,
) {
    deploy(&splitter);
    add_weight(&splitter, 1, poet1, 1);
    add_weight(&splitter, 1, poet2, 2);
    add_validator(&splitter, 1, v1, 7);
    route(&splitter, &Fee::native(1_000, dev));
    let per_share = scaled(190) / u(3);
    let v_per_share = scaled(95) / u(7);
    for (account, contributor_pools, validator_pools, due) in [
        (poet1, &[1u64][..], &[][..], per_share),
        (poet2, &[1], &[], per_share * u(2)),
        (v1, &[], &[1], v_per_share * u(7)),
    ] {
        let (wei, scaled_due) = claimable(
            &splitter,
            account,
            NATIVE,
            contributor_pools,
            validator_pools,
        );
        assert_eq!((wei, scaled_due), (due / SCALE, due));
        let before = wallet.balance();
        let paid = claim(
            &splitter,
            account,
            NATIVE,
            contributor_pools,
            validator_pools,
            wallet.address(),
        );
        assert_eq!(paid, wei);
        assert_eq!(wallet.balance() - before, wei);
        // The fraction of a wei is kept for the claimer.
        assert_eq!(
            claimable(
                &splitter,
                account,
                NATIVE,
                contributor_pools,
                validator_pools
            ),
            (U256::ZERO, due % SCALE)
        );
    }
    assert_conserved(
        &splitter,
        NATIVE,
        &[dev, TREASURY, poet1, poet2, v1],
        &[1],
        &[1],
    );
}

#[motsu::test]
fn sub_wei_rests_add_up_over_later_claims(
    splitter: Contract<RewardSplitter>,
    dev: Address,
    poet1: Address,
    poet2: Address,
    poet_wallet: Contract<Wallet>,
) {
    deploy(&splitter);
    add_weight(&splitter, 1, poet1, 1);
    add_weight(&splitter, 1, poet2, 2);
    // Each fee gives poet1 floor(190e18 / 3) units: 63.33... wei.
    let per_fee = scaled(190) / u(3);
    let mut rest = U256::ZERO;
    let mut total_paid = U256::ZERO;
    for _ in 0..4 {
        route(&splitter, &Fee::native(1_000, dev));
        let due = rest + per_fee;
        let paid = claim(&splitter, poet1, NATIVE, &[1], &[], poet_wallet.address());
        assert_eq!(paid, due / SCALE);
        rest = due % SCALE;
        total_paid += paid;
        assert_eq!(
            claimable(&splitter, poet1, NATIVE, &[1], &[]),
            (U256::ZERO, rest)
        );
    }
    // 63 + 63 + 63 + 64: the fractions were never lost.
    assert_eq!(total_paid, u(253));
    assert_eq!(poet_wallet.balance(), u(253));
    assert_eq!(total_paid * SCALE + rest, per_fee * u(4));
}

// ------------------------------------------------------------ share changes

#[motsu::test]
fn removed_shares_keep_what_they_earned_and_later_fees_go_to_the_others(
    splitter: Contract<RewardSplitter>,
    dev: Address,
    poet: Address,
    other: Address,
    poet_wallet: Contract<Wallet>,
    other_wallet: Contract<Wallet>,
) {
    deploy(&splitter);
    add_weight(&splitter, 1, poet, 2);
    add_weight(&splitter, 1, other, 2);
    route(&splitter, &Fee::native(1_000_000, dev));
    // A slash: the registry removes all of the poet's shares.
    remove_shares(&splitter, 1, CONTRIBUTORS, poet, 2);
    splitter.assert_emitted(&shares_changed(u(1), CONTRIBUTORS, poet, 0, 2));
    route(&splitter, &Fee::native(1_000_000, dev));

    // Half of the first fee's 190,000; nothing of the second.
    assert_eq!(claimable(&splitter, poet, NATIVE, &[1], &[]), wei(95_000));
    assert_eq!(claimable(&splitter, other, NATIVE, &[1], &[]), wei(285_000));
    assert_eq!(
        claim(&splitter, poet, NATIVE, &[1], &[], poet_wallet.address()),
        u(95_000)
    );
    assert_eq!(
        claim(&splitter, other, NATIVE, &[1], &[], other_wallet.address()),
        u(285_000)
    );
    assert_eq!(poet_wallet.balance(), u(95_000));
    assert_eq!(other_wallet.balance(), u(285_000));
    // The poet earns nothing more.
    route(&splitter, &Fee::native(1_000_000, dev));
    let err = try_claim(&splitter, poet, NATIVE, &[1], &[], poet_wallet.address()).unwrap_err();
    assert_error(err, nothing_to_claim(poet, NATIVE));
}

#[motsu::test]
fn a_partial_slash_reduces_the_share_of_later_fees_only(
    splitter: Contract<RewardSplitter>,
    dev: Address,
    v1: Address,
    v2: Address,
    wallet: Contract<Wallet>,
) {
    deploy(&splitter);
    add_validator(&splitter, 1, v1, 3);
    add_validator(&splitter, 1, v2, 1);
    route(&splitter, &Fee::native(1_000_000, dev));
    remove_shares(&splitter, 1, VALIDATORS, v1, 2);
    route(&splitter, &Fee::native(1_000_000, dev));
    // 95,000 per fee: 3/4 then 1/2 for v1.
    assert_eq!(
        claim(&splitter, v1, NATIVE, &[], &[1], wallet.address()),
        u(71_250 + 47_500)
    );
    assert_eq!(
        claim(&splitter, v2, NATIVE, &[], &[1], wallet.address()),
        u(23_750 + 47_500)
    );
    assert_eq!(wallet.balance(), u(190_000));
}

// ------------------------------------------------------------------ pauses

#[motsu::test]
fn claims_work_while_paused(
    splitter: Contract<RewardSplitter>,
    dev: Address,
    poet: Address,
    wallet: Contract<Wallet>,
) {
    deploy(&splitter);
    add_weight(&splitter, 1, poet, 1);
    route(&splitter, &Fee::native(1_000, dev));
    splitter.sender(PAUSER).pause().motsu_unwrap();
    assert!(splitter.sender(VIEWER).paused());
    assert_eq!(
        claim(&splitter, dev, NATIVE, &[], &[], wallet.address()),
        u(665)
    );
    assert_eq!(
        claim(&splitter, poet, NATIVE, &[1], &[], wallet.address()),
        u(190)
    );
    assert_eq!(
        claim(&splitter, TREASURY, NATIVE, &[], &[], wallet.address()),
        u(50)
    );
    assert_eq!(wallet.balance(), u(905));
    assert_eq!(token_info(&splitter, NATIVE).claimed, u(905));
}

// ------------------------------------------------------------------ errors

#[motsu::test]
fn claiming_nothing_fails_with_nothing_to_claim(
    splitter: Contract<RewardSplitter>,
    dev: Address,
    stranger: Address,
    wallet: Contract<Wallet>,
) {
    deploy(&splitter);
    let err = try_claim(&splitter, stranger, NATIVE, &[1], &[1], wallet.address()).unwrap_err();
    assert_error(err, nothing_to_claim(stranger, NATIVE));

    route(&splitter, &Fee::native(1_000, dev));
    claim(&splitter, dev, NATIVE, &[], &[], wallet.address());
    // A second claim finds nothing.
    let err = try_claim(&splitter, dev, NATIVE, &[], &[], wallet.address()).unwrap_err();
    assert_error(err, nothing_to_claim(dev, NATIVE));
    assert_eq!(wallet.balance(), u(665));
    assert_eq!(token_info(&splitter, NATIVE).claimed, u(665));
}

#[motsu::test]
fn less_than_one_wei_is_nothing_to_claim_and_stays_owed(
    splitter: Contract<RewardSplitter>,
    dev: Address,
    poet: Address,
    wallet: Contract<Wallet>,
) {
    deploy(&splitter);
    add_weight(&splitter, 1, poet, 1);
    // 1 wei fee: the poet's part is 0.19 wei.
    route(&splitter, &Fee::native(1, dev));
    let due = SCALE * u(19) / u(100);
    assert_eq!(
        claimable(&splitter, poet, NATIVE, &[1], &[]),
        (U256::ZERO, due)
    );
    let err = try_claim(&splitter, poet, NATIVE, &[1], &[], wallet.address()).unwrap_err();
    assert_error(err, nothing_to_claim(poet, NATIVE));
    assert_eq!(
        claimable(&splitter, poet, NATIVE, &[1], &[]),
        (U256::ZERO, due)
    );
    assert_eq!(wallet.balance(), U256::ZERO);
}

#[motsu::test]
fn more_than_64_pools_is_too_many(
    splitter: Contract<RewardSplitter>,
    dev: Address,
    poet: Address,
    wallet: Contract<Wallet>,
) {
    deploy(&splitter);
    add_weight(&splitter, 1, poet, 1);
    route(&splitter, &Fee::native(1_000, dev));
    let forty: Vec<u64> = (1..=40).collect();
    let twenty_five: Vec<u64> = (1..=25).collect();
    let err = try_claim(
        &splitter,
        poet,
        NATIVE,
        &forty,
        &twenty_five,
        wallet.address(),
    )
    .unwrap_err();
    let expected = RewardSplitterTooManyPools {
        count: u(65),
        maxPools: u(64),
    };
    assert_error(err, expected.clone());
    let err = splitter
        .sender(VIEWER)
        .claimable(poet, NATIVE, ids(&forty), ids(&twenty_five))
        .motsu_unwrap_err();
    assert_error(err, expected.clone());
    let err = try_claim(&splitter, poet, NATIVE, &[], &[1; 65], wallet.address()).unwrap_err();
    assert_error(err, expected);
    assert_eq!(wallet.balance(), U256::ZERO);

    // Exactly 64 is allowed.
    let twenty_four: Vec<u64> = (1..=24).collect();
    assert_eq!(
        claimable(&splitter, poet, NATIVE, &forty, &twenty_four),
        wei(190)
    );
    assert_eq!(
        claim(
            &splitter,
            poet,
            NATIVE,
            &forty,
            &twenty_four,
            wallet.address()
        ),
        u(190)
    );
}

#[motsu::test]
fn claiming_to_the_zero_address_fails(splitter: Contract<RewardSplitter>, dev: Address) {
    deploy(&splitter);
    route(&splitter, &Fee::native(1_000, dev));
    let err = try_claim(&splitter, dev, NATIVE, &[], &[], Address::ZERO).unwrap_err();
    assert_error(err, RewardSplitterZeroAddress {});
    assert_eq!(claimable(&splitter, dev, NATIVE, &[], &[]), wei(665));
    assert_eq!(token_info(&splitter, NATIVE).claimed, U256::ZERO);
    assert_eq!(splitter.balance(), u(1_000));
}

#[motsu::test]
fn claiming_an_unknown_token_fails(
    splitter: Contract<RewardSplitter>,
    dev: Address,
    token: Contract<MockErc20>,
    wallet: Contract<Wallet>,
) {
    deploy(&splitter);
    route(&splitter, &Fee::native(1_000, dev));
    let err = try_claim(&splitter, dev, token.address(), &[], &[], wallet.address()).unwrap_err();
    assert_error(
        err,
        RewardSplitterUnknownToken {
            token: token.address(),
        },
    );
    assert_eq!(claimable(&splitter, dev, NATIVE, &[], &[]), wei(665));
}

#[motsu::test]
fn a_rejected_native_payout_fails_and_changes_nothing(
    splitter: Contract<RewardSplitter>,
    dev: Address,
    poet: Address,
    rejecter: Contract<Rejecter>,
    wallet: Contract<Wallet>,
) {
    deploy(&splitter);
    add_weight(&splitter, 1, poet, 3);
    route(&splitter, &Fee::native(1_000, dev));
    // A contract whose receive function reverts rejects the value.
    let err = try_claim(&splitter, poet, NATIVE, &[1], &[], rejecter.address()).unwrap_err();
    assert_error(
        err,
        RewardSplitterPayoutFailed {
            to: rejecter.address(),
        },
    );
    assert_eq!(rejecter.balance(), U256::ZERO);
    assert_eq!(splitter.balance(), u(1_000));
    assert_eq!(token_info(&splitter, NATIVE).claimed, U256::ZERO);
    let per_share = scaled(190) / u(3);
    assert_eq!(
        claimable(&splitter, poet, NATIVE, &[1], &[]),
        (per_share * u(3) / SCALE, per_share * u(3))
    );
    // The account claims to another address instead.
    assert_eq!(
        claim(&splitter, poet, NATIVE, &[1], &[], wallet.address()),
        u(189)
    );
    assert_eq!(wallet.balance(), u(189));
}

// ------------------------------------------------------------------ ERC-20

#[motsu::test]
fn erc20_rewards_are_claimed_to_a_plain_address(
    splitter: Contract<RewardSplitter>,
    token: Contract<MockErc20>,
    dev: Address,
    poet: Address,
    payee: Address,
) {
    let t = deploy_with_token(&splitter, &token);
    add_weight(&splitter, 1, poet, 1);
    route_erc20(&splitter, &token, &Fee::native(1_000_000, dev));
    assert_eq!(claim(&splitter, dev, t, &[], &[], payee), u(665_000));
    assert_eq!(claim(&splitter, poet, t, &[1], &[], poet), u(190_000));
    splitter.assert_emitted(&rewards_claimed(dev, t, payee, u(665_000)));
    assert_eq!(token_balance(&token, payee), u(665_000));
    assert_eq!(token_balance(&token, poet), u(190_000));
    assert_eq!(token_balance(&token, splitter.address()), u(145_000));
    assert_eq!(token_info(&splitter, t).claimed, u(855_000));
    // Native accounting saw nothing.
    assert_eq!(token_info(&splitter, NATIVE).claimed, U256::ZERO);
    let err = try_claim(&splitter, dev, NATIVE, &[], &[], payee).unwrap_err();
    assert_error(err, nothing_to_claim(dev, NATIVE));
    assert_conserved(&splitter, t, &[dev, poet, TREASURY], &[1], &[1]);
}

#[motsu::test]
fn a_token_returning_false_fails_the_claim_and_changes_nothing(
    splitter: Contract<RewardSplitter>,
    token: Contract<MockErc20>,
    dev: Address,
    payee: Address,
) {
    let t = deploy_with_token(&splitter, &token);
    route_erc20(&splitter, &token, &Fee::native(1_000, dev));
    token.sender(MARKET).set_return_false(true);
    let err = try_claim(&splitter, dev, t, &[], &[], payee).unwrap_err();
    assert_error(err, SafeErc20FailedOperation { token: t });
    assert_eq!(token_balance(&token, payee), U256::ZERO);
    assert_eq!(token_balance(&token, splitter.address()), u(1_000));
    assert_eq!(token_info(&splitter, t).claimed, U256::ZERO);
    assert_eq!(claimable(&splitter, dev, t, &[], &[]), wei(665));

    token.sender(MARKET).set_return_false(false);
    assert_eq!(claim(&splitter, dev, t, &[], &[], payee), u(665));
    assert_eq!(token_balance(&token, payee), u(665));
}
