//! Reward splitter administration: the constructor, roles (grant, revoke,
//! renounce), the protocol fee and its cap, the treasury, the token
//! allowlist, pause and unpause, and the role check of every gated function.
mod common;
mod splitter_support;

use alloy_primitives::{Address, B256, U256};
use integration_tests::{MockErc20, Wallet};
use motsu::prelude::*;
use reward_splitter::{
    AccessControlBadConfirmation, AccessControlRoleFrozen, AccessControlUnauthorizedAccount,
    EnforcedPause, ExpectedPause, Paused, ProtocolFeeSet, RewardSplitter, RewardSplitterInvalidFee,
    RewardSplitterNotAContract, RewardSplitterTokenNotAllowed, RewardSplitterTooManyTokens,
    RewardSplitterUnknownToken, RewardSplitterZeroAddress, RoleFrozen, RoleGranted, RoleRevoked,
    TokenAllowed, TreasurySet, Unpaused, ATTRIBUTION_ROLE, MARKET_ROLE, MAX_PROTOCOL_FEE_BPS,
    MAX_TOKENS, PAUSER_ROLE, REGISTRY_ROLE,
};
use splitter_support::{
    add_weight, assert_error, assert_nothing_deposited, claim, claimable, deploy, native_balance,
    role, route, scaled, set_token_allowed, shares_of, token_info, try_route, u, wei, Fee,
    TokenInfo, ADMIN, ADMIN_ROLE, ATTRIBUTION, CONTRIBUTORS, FEE_BPS, MARKET, NATIVE, PAUSER,
    REGISTRY, TREASURY, VALIDATORS, VIEWER,
};

fn unauthorized(account: Address, needed: [u8; 32]) -> AccessControlUnauthorizedAccount {
    AccessControlUnauthorizedAccount {
        account,
        neededRole: B256::from(needed),
    }
}

/// The `RoleRevoked` event of `account`'s `role`, taken by `sender`.
fn role_revoked(role: B256, account: Address, sender: Address) -> RoleRevoked {
    RoleRevoked {
        role,
        account,
        sender,
    }
}

/// Asserts that [`MARKET`] lost `MARKET_ROLE` (`RoleRevoked` by `sender`)
/// and that its next fee, `fee`, is refused for the missing role.
#[track_caller]
fn assert_market_lost_its_role(splitter: &Contract<RewardSplitter>, sender: Address, fee: &Fee) {
    assert!(!splitter.sender(VIEWER).has_role(role(MARKET_ROLE), MARKET));
    splitter.assert_emitted(&role_revoked(role(MARKET_ROLE), MARKET, sender));
    let err = try_route(splitter, fee).unwrap_err();
    assert_error(err, unauthorized(MARKET, MARKET_ROLE));
}

/// The `TokenAllowed` event of `token` being allowed or disallowed.
fn token_allowed(token: Address, allowed: bool) -> TokenAllowed {
    TokenAllowed { token, allowed }
}

fn unauthorized_admin(account: Address) -> AccessControlUnauthorizedAccount {
    AccessControlUnauthorizedAccount {
        account,
        neededRole: ADMIN_ROLE,
    }
}

/// `(treasury, protocolFeeBps, listed token count)`.
fn config(splitter: &Contract<RewardSplitter>) -> (Address, u16, u8) {
    splitter.sender(VIEWER).config()
}

// -------------------------------------------------------------- constructor

#[motsu::test]
fn constructor_sets_admin_treasury_fee_and_lists_native(splitter: Contract<RewardSplitter>) {
    splitter
        .sender(ADMIN)
        .constructor(ADMIN, TREASURY, FEE_BPS)
        .motsu_unwrap();

    assert_eq!(config(&splitter), (TREASURY, FEE_BPS, 1));
    assert_eq!(splitter.sender(VIEWER).tokens(), vec![NATIVE]);
    assert_eq!(token_info(&splitter, NATIVE), TokenInfo::ALLOWED);
    assert!(splitter.sender(VIEWER).has_role(ADMIN_ROLE, ADMIN));
    for id in [REGISTRY_ROLE, MARKET_ROLE, ATTRIBUTION_ROLE, PAUSER_ROLE] {
        // Nobody holds a peer role yet, and the admin role administers each.
        assert!(!splitter.sender(VIEWER).has_role(role(id), ADMIN));
        assert_eq!(splitter.sender(VIEWER).get_role_admin(role(id)), ADMIN_ROLE);
    }
    assert_eq!(
        splitter.sender(VIEWER).get_role_admin(ADMIN_ROLE),
        ADMIN_ROLE
    );
    assert!(!splitter.sender(VIEWER).paused());

    splitter.assert_emitted(&RoleGranted {
        role: ADMIN_ROLE,
        account: ADMIN,
        sender: ADMIN,
    });
    splitter.assert_emitted(&TreasurySet {
        previousTreasury: Address::ZERO,
        newTreasury: TREASURY,
    });
    splitter.assert_emitted(&ProtocolFeeSet {
        previousBps: 0,
        newBps: FEE_BPS,
    });
    splitter.assert_emitted(&token_allowed(NATIVE, true));
}

#[motsu::test]
fn constructor_can_name_another_admin(splitter: Contract<RewardSplitter>, deployer: Address) {
    splitter
        .sender(deployer)
        .constructor(ADMIN, TREASURY, 0)
        .motsu_unwrap();
    assert!(splitter.sender(VIEWER).has_role(ADMIN_ROLE, ADMIN));
    assert!(!splitter.sender(VIEWER).has_role(ADMIN_ROLE, deployer));
    splitter.assert_emitted(&RoleGranted {
        role: ADMIN_ROLE,
        account: ADMIN,
        sender: deployer,
    });
    assert_eq!(config(&splitter), (TREASURY, 0, 1));
    // Only the named admin administers.
    let err = splitter
        .sender(deployer)
        .set_protocol_fee(1)
        .motsu_unwrap_err();
    assert_error(err, unauthorized_admin(deployer));
}

#[motsu::test]
fn constructor_rejects_zero_admin(splitter: Contract<RewardSplitter>) {
    let err = splitter
        .sender(ADMIN)
        .constructor(Address::ZERO, TREASURY, FEE_BPS)
        .motsu_unwrap_err();
    assert_error(err, RewardSplitterZeroAddress {});
    assert_eq!(config(&splitter), (Address::ZERO, 0, 0));
    assert!(!splitter.sender(VIEWER).has_role(ADMIN_ROLE, Address::ZERO));
    assert!(!token_info(&splitter, NATIVE).listed);
}

#[motsu::test]
fn constructor_rejects_zero_treasury(splitter: Contract<RewardSplitter>) {
    let err = splitter
        .sender(ADMIN)
        .constructor(ADMIN, Address::ZERO, FEE_BPS)
        .motsu_unwrap_err();
    assert_error(err, RewardSplitterZeroAddress {});
    // Reverted as a whole: not even the admin role was kept.
    assert!(!splitter.sender(VIEWER).has_role(ADMIN_ROLE, ADMIN));
    assert_eq!(config(&splitter), (Address::ZERO, 0, 0));
}

#[motsu::test]
fn constructor_caps_the_protocol_fee(splitter: Contract<RewardSplitter>) {
    let err = splitter
        .sender(ADMIN)
        .constructor(ADMIN, TREASURY, MAX_PROTOCOL_FEE_BPS + 1)
        .motsu_unwrap_err();
    assert_error(
        err,
        RewardSplitterInvalidFee {
            bps: 1_001,
            maxBps: 1_000,
        },
    );
    assert!(!splitter.sender(VIEWER).has_role(ADMIN_ROLE, ADMIN));

    // Exactly the cap is accepted.
    splitter
        .sender(ADMIN)
        .constructor(ADMIN, TREASURY, 1_000)
        .motsu_unwrap();
    assert_eq!(config(&splitter), (TREASURY, 1_000, 1));
}

// -------------------------------------------------------------------- roles

#[motsu::test]
fn admin_grants_a_role_and_the_holder_can_use_it(
    splitter: Contract<RewardSplitter>,
    market2: Address,
    dev: Address,
) {
    deploy(&splitter);
    assert!(!splitter.sender(VIEWER).has_role(role(MARKET_ROLE), market2));
    splitter
        .sender(ADMIN)
        .grant_role(role(MARKET_ROLE), market2)
        .motsu_unwrap();
    assert!(splitter.sender(VIEWER).has_role(role(MARKET_ROLE), market2));
    splitter.assert_emitted(&RoleGranted {
        role: role(MARKET_ROLE),
        account: market2,
        sender: ADMIN,
    });

    let fee = Fee::native(1_000, dev);
    market2.fund(fee.amount);
    splitter
        .sender_and_value(market2, fee.amount)
        .route(
            fee.model,
            NATIVE,
            fee.amount,
            dev,
            7_000,
            2_000,
            1_000,
            0,
            fee.datanets.clone(),
            fee.weights.clone(),
        )
        .motsu_unwrap();
    assert_eq!(token_info(&splitter, NATIVE).deposited, u(1_000));
    assert_eq!(splitter.balance(), u(1_000));
}

#[motsu::test]
fn granting_a_held_role_again_changes_nothing(splitter: Contract<RewardSplitter>) {
    deploy(&splitter);
    let before = splitter.all_events().len();
    splitter
        .sender(ADMIN)
        .grant_role(role(MARKET_ROLE), MARKET)
        .motsu_unwrap();
    // OpenZeppelin emits RoleGranted only when the role was not held.
    assert_eq!(splitter.all_events().len(), before);
    assert!(splitter.sender(VIEWER).has_role(role(MARKET_ROLE), MARKET));
}

#[motsu::test]
fn admin_revokes_a_role_and_the_former_holder_is_refused(
    splitter: Contract<RewardSplitter>,
    dev: Address,
) {
    deploy(&splitter);
    splitter
        .sender(ADMIN)
        .revoke_role(role(MARKET_ROLE), MARKET)
        .motsu_unwrap();
    assert_market_lost_its_role(&splitter, ADMIN, &Fee::native(1_000, dev));
    assert_nothing_deposited(&splitter);
}

#[motsu::test]
fn a_frozen_role_is_never_granted_revoked_or_renounced_again(
    splitter: Contract<RewardSplitter>,
    mallory: Address,
    pauser: Address,
    dev: Address,
) {
    deploy(&splitter);
    let market = role(MARKET_ROLE);
    assert!(!splitter.sender(VIEWER).is_role_frozen(market));
    splitter.sender(ADMIN).freeze_role(market).motsu_unwrap();
    splitter.assert_emitted(&RoleFrozen {
        role: market,
        sender: ADMIN,
    });
    assert!(splitter.sender(VIEWER).is_role_frozen(market));
    let frozen = AccessControlRoleFrozen { role: market };

    let err = splitter
        .sender(ADMIN)
        .grant_role(market, mallory)
        .motsu_unwrap_err();
    assert_error(err, frozen.clone());
    let err = splitter
        .sender(ADMIN)
        .revoke_role(market, MARKET)
        .motsu_unwrap_err();
    assert_error(err, frozen.clone());
    let err = splitter
        .sender(MARKET)
        .renounce_role(market, MARKET)
        .motsu_unwrap_err();
    assert_error(err, frozen.clone());
    let err = splitter
        .sender(ADMIN)
        .freeze_role(market)
        .motsu_unwrap_err();
    assert_error(err, frozen);
    let view = splitter.sender(VIEWER);
    assert!(view.has_role(market, MARKET));
    assert!(!view.has_role(market, mallory));

    // The holder keeps working; other roles still change.
    route(&splitter, &Fee::native(1_000, dev));
    assert_eq!(token_info(&splitter, NATIVE).deposited, U256::from(1_000));
    splitter
        .sender(ADMIN)
        .grant_role(role(PAUSER_ROLE), pauser)
        .motsu_unwrap();
    assert!(splitter.sender(VIEWER).has_role(role(PAUSER_ROLE), pauser));
}

#[motsu::test]
fn only_the_admin_freezes_a_role(splitter: Contract<RewardSplitter>, mallory: Address) {
    deploy(&splitter);
    for caller in [mallory, MARKET] {
        let err = splitter
            .sender(caller)
            .freeze_role(role(MARKET_ROLE))
            .motsu_unwrap_err();
        assert_error(err, unauthorized_admin(caller));
    }
    assert!(!splitter.sender(VIEWER).is_role_frozen(role(MARKET_ROLE)));
    // Not frozen: the admin still revokes it.
    splitter
        .sender(ADMIN)
        .revoke_role(role(MARKET_ROLE), MARKET)
        .motsu_unwrap();
    assert!(!splitter.sender(VIEWER).has_role(role(MARKET_ROLE), MARKET));
}

#[motsu::test]
fn grant_and_revoke_need_the_admin_role(splitter: Contract<RewardSplitter>, mallory: Address) {
    deploy(&splitter);
    let err = splitter
        .sender(mallory)
        .grant_role(role(MARKET_ROLE), mallory)
        .motsu_unwrap_err();
    assert_error(err, unauthorized_admin(mallory));
    assert!(!splitter.sender(VIEWER).has_role(role(MARKET_ROLE), mallory));

    // A peer role does not administer its own role either.
    let err = splitter
        .sender(MARKET)
        .grant_role(role(MARKET_ROLE), mallory)
        .motsu_unwrap_err();
    assert_error(err, unauthorized_admin(MARKET));

    let err = splitter
        .sender(mallory)
        .revoke_role(role(MARKET_ROLE), MARKET)
        .motsu_unwrap_err();
    assert_error(err, unauthorized_admin(mallory));
    assert!(splitter.sender(VIEWER).has_role(role(MARKET_ROLE), MARKET));

    let err = splitter
        .sender(mallory)
        .grant_role(ADMIN_ROLE, mallory)
        .motsu_unwrap_err();
    assert_error(err, unauthorized_admin(mallory));
    assert!(!splitter.sender(VIEWER).has_role(ADMIN_ROLE, mallory));
}

#[motsu::test]
fn a_second_admin_can_administer_and_the_first_can_leave(
    splitter: Contract<RewardSplitter>,
    admin2: Address,
) {
    deploy(&splitter);
    splitter
        .sender(ADMIN)
        .grant_role(ADMIN_ROLE, admin2)
        .motsu_unwrap();
    splitter
        .sender(ADMIN)
        .renounce_role(ADMIN_ROLE, ADMIN)
        .motsu_unwrap();
    splitter.assert_emitted(&role_revoked(ADMIN_ROLE, ADMIN, ADMIN));
    let err = splitter
        .sender(ADMIN)
        .set_protocol_fee(0)
        .motsu_unwrap_err();
    assert_error(err, unauthorized_admin(ADMIN));
    splitter.sender(admin2).set_protocol_fee(0).motsu_unwrap();
    assert_eq!(config(&splitter).1, 0);
}

#[motsu::test]
fn renounce_role_gives_up_the_callers_role(splitter: Contract<RewardSplitter>, dev: Address) {
    deploy(&splitter);
    splitter
        .sender(MARKET)
        .renounce_role(role(MARKET_ROLE), MARKET)
        .motsu_unwrap();
    assert_market_lost_its_role(&splitter, MARKET, &Fee::native(10, dev));
}

#[motsu::test]
fn renounce_role_for_another_account_is_a_bad_confirmation(splitter: Contract<RewardSplitter>) {
    deploy(&splitter);
    // Even the admin cannot renounce on someone else's behalf.
    for caller in [ADMIN, REGISTRY] {
        let err = splitter
            .sender(caller)
            .renounce_role(role(MARKET_ROLE), MARKET)
            .motsu_unwrap_err();
        assert_error(err, AccessControlBadConfirmation {});
        assert!(splitter.sender(VIEWER).has_role(role(MARKET_ROLE), MARKET));
    }
}

// ------------------------------------------------------------- protocol fee

#[motsu::test]
fn set_protocol_fee_applies_to_later_fees(splitter: Contract<RewardSplitter>, dev: Address) {
    deploy(&splitter);
    let fee = Fee::native(1_000_000, dev);
    route(&splitter, &fee);
    splitter.assert_emitted(&fee.routed(scaled(50_000), scaled(665_000), U256::ZERO));

    splitter
        .sender(ADMIN)
        .set_protocol_fee(MAX_PROTOCOL_FEE_BPS)
        .motsu_unwrap();
    assert_eq!(config(&splitter), (TREASURY, 1_000, 1));
    splitter.assert_emitted(&ProtocolFeeSet {
        previousBps: FEE_BPS,
        newBps: 1_000,
    });

    route(&splitter, &fee);
    // 10% of 1,000,000 wei, then 70% of the 900,000 left.
    splitter.assert_emitted(&fee.routed(scaled(100_000), scaled(630_000), U256::ZERO));
    // The treasury earned 5% of the first fee and 10% of the second.
    assert_eq!(
        claimable(&splitter, TREASURY, NATIVE, &[], &[]),
        wei(150_000)
    );
    assert_eq!(claimable(&splitter, dev, NATIVE, &[], &[]), wei(1_295_000));
}

#[motsu::test]
fn zero_protocol_fee_gives_the_treasury_nothing(splitter: Contract<RewardSplitter>, dev: Address) {
    deploy(&splitter);
    splitter.sender(ADMIN).set_protocol_fee(0).motsu_unwrap();
    splitter.assert_emitted(&ProtocolFeeSet {
        previousBps: FEE_BPS,
        newBps: 0,
    });
    let fee = Fee::native(1_000, dev);
    route(&splitter, &fee);
    splitter.assert_emitted(&fee.routed(U256::ZERO, scaled(700), U256::ZERO));
    assert_eq!(claimable(&splitter, TREASURY, NATIVE, &[], &[]), wei(0));
}

#[motsu::test]
fn set_protocol_fee_above_the_cap_fails(splitter: Contract<RewardSplitter>) {
    deploy(&splitter);
    for bps in [1_001u16, 10_000, u16::MAX] {
        let err = splitter
            .sender(ADMIN)
            .set_protocol_fee(bps)
            .motsu_unwrap_err();
        assert_error(err, RewardSplitterInvalidFee { bps, maxBps: 1_000 });
        assert_eq!(config(&splitter).1, FEE_BPS);
    }
}

#[motsu::test]
fn set_protocol_fee_needs_the_admin(splitter: Contract<RewardSplitter>) {
    deploy(&splitter);
    for caller in [TREASURY, MARKET, REGISTRY, PAUSER, ATTRIBUTION] {
        let err = splitter
            .sender(caller)
            .set_protocol_fee(100)
            .motsu_unwrap_err();
        assert_error(err, unauthorized_admin(caller));
    }
    // The role check comes before the cap check.
    let err = splitter
        .sender(MARKET)
        .set_protocol_fee(5_000)
        .motsu_unwrap_err();
    assert_error(err, unauthorized_admin(MARKET));
    assert_eq!(config(&splitter).1, FEE_BPS);
}

// ----------------------------------------------------------------- treasury

#[motsu::test]
fn set_treasury_redirects_later_fees_and_the_old_treasury_keeps_its_own(
    splitter: Contract<RewardSplitter>,
    treasury2: Address,
    dev: Address,
    old_treasury_wallet: Contract<Wallet>,
) {
    deploy(&splitter);
    route(&splitter, &Fee::native(1_000, dev));

    splitter
        .sender(ADMIN)
        .set_treasury(treasury2)
        .motsu_unwrap();
    assert_eq!(config(&splitter).0, treasury2);
    splitter.assert_emitted(&TreasurySet {
        previousTreasury: TREASURY,
        newTreasury: treasury2,
    });

    route(&splitter, &Fee::native(3_000, dev));
    // 5% of each fee to whichever treasury was set when it was routed.
    assert_eq!(claimable(&splitter, TREASURY, NATIVE, &[], &[]), wei(50));
    assert_eq!(claimable(&splitter, treasury2, NATIVE, &[], &[]), wei(150));
    // The old treasury can still claim what it earned.
    let to = old_treasury_wallet.address();
    let paid = claim(&splitter, TREASURY, NATIVE, &[], &[], to);
    assert_eq!(paid, u(50));
    assert_eq!(old_treasury_wallet.balance(), u(50));
}

#[motsu::test]
fn set_treasury_rejects_zero_and_non_admins(splitter: Contract<RewardSplitter>, mallory: Address) {
    deploy(&splitter);
    let err = splitter
        .sender(ADMIN)
        .set_treasury(Address::ZERO)
        .motsu_unwrap_err();
    assert_error(err, RewardSplitterZeroAddress {});
    assert_eq!(config(&splitter).0, TREASURY);

    for caller in [mallory, TREASURY] {
        let err = splitter
            .sender(caller)
            .set_treasury(mallory)
            .motsu_unwrap_err();
        assert_error(err, unauthorized_admin(caller));
    }
    assert_eq!(config(&splitter).0, TREASURY);
}

// ---------------------------------------------------------------- allowlist

#[motsu::test]
fn set_token_allowed_rejects_an_account_without_code(
    splitter: Contract<RewardSplitter>,
    eoa: Address,
) {
    deploy(&splitter);
    for allowed in [true, false] {
        let err = splitter
            .sender(ADMIN)
            .set_token_allowed(eoa, allowed)
            .motsu_unwrap_err();
        assert_error(err, RewardSplitterNotAContract { token: eoa });
    }
    assert_eq!(splitter.sender(VIEWER).tokens(), vec![NATIVE]);
    assert!(!token_info(&splitter, eoa).listed);
}

#[motsu::test]
fn set_token_allowed_needs_the_admin(
    splitter: Contract<RewardSplitter>,
    token: Contract<MockErc20>,
) {
    deploy(&splitter);
    for caller in [MARKET, REGISTRY, PAUSER, TREASURY] {
        let err = splitter
            .sender(caller)
            .set_token_allowed(token.address(), true)
            .motsu_unwrap_err();
        assert_error(err, unauthorized_admin(caller));
        let err = splitter
            .sender(caller)
            .set_token_allowed(NATIVE, false)
            .motsu_unwrap_err();
        assert_error(err, unauthorized_admin(caller));
    }
    assert_eq!(splitter.sender(VIEWER).tokens(), vec![NATIVE]);
    assert!(token_info(&splitter, NATIVE).allowed);
}

#[motsu::test]
fn disallowing_native_stops_native_fees_until_allowed_again(
    splitter: Contract<RewardSplitter>,
    dev: Address,
    poet: Address,
    poet_wallet: Contract<Wallet>,
) {
    deploy(&splitter);
    add_weight(&splitter, 1, poet, 10);
    route(&splitter, &Fee::native(1_000, dev));

    set_token_allowed(&splitter, NATIVE, false);
    splitter.assert_emitted(&token_allowed(NATIVE, false));
    let info = token_info(&splitter, NATIVE);
    assert!(info.listed && !info.allowed);
    // Still listed once: disallowing never unlists.
    assert_eq!(config(&splitter).2, 1);

    let err = try_route(&splitter, &Fee::native(1_000, dev)).unwrap_err();
    assert_error(err, RewardSplitterTokenNotAllowed { token: NATIVE });
    assert_eq!(token_info(&splitter, NATIVE).deposited, u(1_000));
    assert_eq!(splitter.balance(), u(1_000));

    // What was earned stays claimable: 95% of 1,000 * 20% data + 10%
    // validators (no validator shares: held as pending) -> poet gets 190.
    let paid = claim(&splitter, poet, NATIVE, &[1], &[], poet_wallet.address());
    assert_eq!(paid, u(190));
    assert_eq!(poet_wallet.balance(), u(190));

    set_token_allowed(&splitter, NATIVE, true);
    splitter.assert_emitted(&token_allowed(NATIVE, true));
    route(&splitter, &Fee::native(1_000, dev));
    assert_eq!(token_info(&splitter, NATIVE).deposited, u(2_000));
    assert_eq!(config(&splitter).2, 1);
}

#[motsu::test]
fn allowing_an_erc20_lists_it_once_and_disallowing_keeps_it_listed(
    splitter: Contract<RewardSplitter>,
    token: Contract<MockErc20>,
) {
    deploy(&splitter);
    let t = token.address();
    set_token_allowed(&splitter, t, true);
    splitter.assert_emitted(&token_allowed(t, true));
    assert_eq!(splitter.sender(VIEWER).tokens(), vec![NATIVE, t]);
    assert_eq!(config(&splitter).2, 2);
    assert_eq!(token_info(&splitter, t), TokenInfo::ALLOWED);

    set_token_allowed(&splitter, t, false);
    splitter.assert_emitted(&token_allowed(t, false));
    let info = token_info(&splitter, t);
    assert!(info.listed && !info.allowed);
    // Allowing again does not list it twice.
    set_token_allowed(&splitter, t, true);
    assert_eq!(splitter.sender(VIEWER).tokens(), vec![NATIVE, t]);
}

#[motsu::test]
fn disallowing_a_never_listed_token_is_unknown(
    splitter: Contract<RewardSplitter>,
    token: Contract<MockErc20>,
) {
    deploy(&splitter);
    let err = splitter
        .sender(ADMIN)
        .set_token_allowed(token.address(), false)
        .motsu_unwrap_err();
    assert_error(
        err,
        RewardSplitterUnknownToken {
            token: token.address(),
        },
    );
    assert!(!token_info(&splitter, token.address()).listed);
    assert_eq!(splitter.sender(VIEWER).tokens(), vec![NATIVE]);
}

#[motsu::test]
fn the_token_list_holds_at_most_max_tokens(
    splitter: Contract<RewardSplitter>,
    t1: Contract<MockErc20>,
    t2: Contract<MockErc20>,
    t3: Contract<MockErc20>,
    t4: Contract<MockErc20>,
    t5: Contract<MockErc20>,
    t6: Contract<MockErc20>,
    t7: Contract<MockErc20>,
    t8: Contract<MockErc20>,
) {
    deploy(&splitter);
    // Native is the first of the MAX_TOKENS (8) entries.
    let tokens = [&t1, &t2, &t3, &t4, &t5, &t6, &t7];
    for token in tokens {
        set_token_allowed(&splitter, token.address(), true);
    }
    assert_eq!(config(&splitter).2, MAX_TOKENS);
    let err = splitter
        .sender(ADMIN)
        .set_token_allowed(t8.address(), true)
        .motsu_unwrap_err();
    assert_error(err, RewardSplitterTooManyTokens { maxTokens: 8 });
    assert!(!token_info(&splitter, t8.address()).listed);
    assert_eq!(splitter.sender(VIEWER).tokens().len(), 8);
    // A listed token can still be toggled when the list is full.
    set_token_allowed(&splitter, t7.address(), false);
    set_token_allowed(&splitter, t7.address(), true);
    assert!(token_info(&splitter, t7.address()).allowed);
}

// -------------------------------------------------------------------- pause

#[motsu::test]
fn pause_stops_routing_and_unpause_resumes_it(splitter: Contract<RewardSplitter>, dev: Address) {
    deploy(&splitter);
    splitter.sender(PAUSER).pause().motsu_unwrap();
    assert!(splitter.sender(VIEWER).paused());
    splitter.assert_emitted(&Paused { account: PAUSER });

    let err = try_route(&splitter, &Fee::native(1_000, dev)).unwrap_err();
    assert_error(err, EnforcedPause {});
    assert_nothing_deposited(&splitter);
    assert_eq!(native_balance(MARKET), u(1_000));

    splitter.sender(PAUSER).unpause().motsu_unwrap();
    assert!(!splitter.sender(VIEWER).paused());
    splitter.assert_emitted(&Unpaused { account: PAUSER });
    route(&splitter, &Fee::native(1_000, dev));
    assert_eq!(token_info(&splitter, NATIVE).deposited, u(1_000));
}

#[motsu::test]
fn pause_twice_is_enforced_pause_and_unpause_twice_is_expected_pause(
    splitter: Contract<RewardSplitter>,
) {
    deploy(&splitter);
    let err = splitter.sender(PAUSER).unpause().motsu_unwrap_err();
    assert_error(err, ExpectedPause {});
    assert!(!splitter.sender(VIEWER).paused());

    splitter.sender(PAUSER).pause().motsu_unwrap();
    let err = splitter.sender(PAUSER).pause().motsu_unwrap_err();
    assert_error(err, EnforcedPause {});
    assert!(splitter.sender(VIEWER).paused());

    splitter.sender(PAUSER).unpause().motsu_unwrap();
    let err = splitter.sender(PAUSER).unpause().motsu_unwrap_err();
    assert_error(err, ExpectedPause {});
    assert!(!splitter.sender(VIEWER).paused());
}

#[motsu::test]
fn pause_and_unpause_need_the_pauser_role(splitter: Contract<RewardSplitter>, mallory: Address) {
    deploy(&splitter);
    // Not even the admin pauses without the pauser role.
    for caller in [ADMIN, MARKET, mallory] {
        let err = splitter.sender(caller).pause().motsu_unwrap_err();
        assert_error(err, unauthorized(caller, PAUSER_ROLE));
    }
    assert!(!splitter.sender(VIEWER).paused());
    splitter.sender(PAUSER).pause().motsu_unwrap();
    for caller in [ADMIN, MARKET, mallory] {
        let err = splitter.sender(caller).unpause().motsu_unwrap_err();
        assert_error(err, unauthorized(caller, PAUSER_ROLE));
    }
    assert!(splitter.sender(VIEWER).paused());

    // The admin can make itself a pauser.
    splitter
        .sender(ADMIN)
        .grant_role(role(PAUSER_ROLE), ADMIN)
        .motsu_unwrap();
    splitter.sender(ADMIN).unpause().motsu_unwrap();
    assert!(!splitter.sender(VIEWER).paused());
}

// ------------------------------------------------- role checks, every gate

#[motsu::test]
fn every_registry_function_needs_the_registry_role(
    splitter: Contract<RewardSplitter>,
    poet: Address,
) {
    deploy(&splitter);
    let dn = U256::from(1);
    for caller in [ADMIN, MARKET, ATTRIBUTION, PAUSER, poet] {
        let expected = unauthorized(caller, REGISTRY_ROLE);
        let err = splitter
            .sender(caller)
            .add_contributor_weight(dn, poet, u(10))
            .motsu_unwrap_err();
        assert_error(err, expected.clone());
        let err = splitter
            .sender(caller)
            .add_validator_share(dn, poet)
            .motsu_unwrap_err();
        assert_error(err, expected.clone());
        let err = splitter
            .sender(caller)
            .remove_shares(dn, 0, poet, u(1))
            .motsu_unwrap_err();
        assert_error(err, expected.clone());
        let err = splitter
            .sender(caller)
            .disable_validator_pool(dn)
            .motsu_unwrap_err();
        assert_error(err, expected.clone());
        caller.fund(u(5));
        let err = splitter
            .sender_and_value(caller, u(5))
            .fund_validator_pool(dn, NATIVE, u(5))
            .motsu_unwrap_err();
        assert_error(err, expected);
        assert_eq!(native_balance(caller), u(5), "value returned on revert");
    }
    assert_eq!(shares_of(&splitter, 1, CONTRIBUTORS, poet), U256::ZERO);
    assert_eq!(shares_of(&splitter, 1, VALIDATORS, poet), U256::ZERO);
    assert_nothing_deposited(&splitter);
}

#[motsu::test]
fn route_needs_the_market_role_before_any_other_check(
    splitter: Contract<RewardSplitter>,
    dev: Address,
) {
    deploy(&splitter);
    for caller in [ADMIN, REGISTRY, ATTRIBUTION, PAUSER, dev] {
        caller.fund(u(1_000));
        let err = splitter
            .sender_and_value(caller, u(1_000))
            .route(
                U256::from(1),
                NATIVE,
                u(1_000),
                dev,
                7_000,
                2_000,
                1_000,
                0,
                vec![U256::from(1)],
                vec![10_000],
            )
            .motsu_unwrap_err();
        assert_error(err, unauthorized(caller, MARKET_ROLE));
        // An invalid fee from a non-market caller still reports the role.
        let err = splitter
            .sender(caller)
            .route(
                U256::from(1),
                NATIVE,
                U256::ZERO,
                Address::ZERO,
                1,
                1,
                1,
                20_000,
                vec![],
                vec![],
            )
            .motsu_unwrap_err();
        assert_error(err, unauthorized(caller, MARKET_ROLE));
    }
    assert_nothing_deposited(&splitter);
}

#[motsu::test]
fn release_escrow_needs_the_attribution_role(
    splitter: Contract<RewardSplitter>,
    dev: Address,
    reader: Address,
) {
    deploy(&splitter);
    route(&splitter, &Fee::native(1_000, dev).influence(10_000));
    for caller in [ADMIN, MARKET, REGISTRY, PAUSER, reader] {
        let err = splitter
            .sender(caller)
            .release_escrow(U256::from(1), NATIVE, reader, u(1))
            .motsu_unwrap_err();
        assert_error(err, unauthorized(caller, ATTRIBUTION_ROLE));
    }
    assert_eq!(
        splitter.sender(VIEWER).escrow(U256::from(1), NATIVE),
        (scaled(190), U256::ZERO)
    );
    assert_eq!(claimable(&splitter, reader, NATIVE, &[], &[]), wei(0));
}
