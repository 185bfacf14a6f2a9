//! What the admins cannot do (SPEC: "the admin can set the protocol fee
//! (capped) and treasury, pause new payments, and never move users' funds";
//! "claims are ... never pausable"; a contribution record "never changes
//! once written"; a training record is written once):
//!
//! - every admin function of the splitter and of attribution, called
//!   between the payments and the claims, leaves every user's claimable
//!   amounts, refunds, stakes and balances as they were, and the claims then
//!   pay exactly what the split says, to the wei;
//! - claims, refunds and stake withdrawals work while the splitter is
//!   paused;
//! - nobody, the datanet owner included, re-votes a finalized contribution;
//! - nobody, an admin that grants itself `MARKET_ROLE` included, rewrites a
//!   training record;
//! - the protocol fee is capped at 1,000 bps, and a fee change never changes
//!   what was already routed;
//! - once the peer roles are frozen (`freezeRole`, as a deployment does
//!   when wired), neither admin can take or redirect influence escrow,
//!   block influence claims or lock a validator's stake through those
//!   roles; before the freeze, the splitter's admin can (the trust window
//!   `docs/THREAT_MODEL.md` states, shown by a test).
//!
//! The world is `access_support`'s: one native payment of model 1 (60%
//! developer, 30% data with half of it to the influence escrow, 10%
//! validators, on datanets 1 and 2 at 50% each) and epoch 1 of its escrow.
mod access_support;
mod attribution_support;
mod common;
mod splitter_support;
mod stake_review_support;

use access_support::*;
use alloy_primitives::{keccak256, uint, Address, B256, U256};
use attribution::{
    AttributionNotModelAttestor, AttributionTrainingExists, MARKET_ROLE as A_MARKET_ROLE,
};
use common::{assert_error, contribution_view, BOND, MIN_STAKE, PROTOCOL_FEE_BPS};
use datanet_registry::{
    RegistryContributionFinalized, RegistryNoOpenVote, CONTRIBUTION_APPROVED, CONTRIBUTION_REJECTED,
};
use model_market::ModelMarketPeerCallFailed;
use motsu::prelude::*;
use reward_splitter::{
    AccessControlRoleFrozen, AccessControlUnauthorizedAccount, EnforcedPause,
    RewardSplitterInvalidFee, ATTRIBUTION_ROLE, MARKET_ROLE, MAX_PROTOCOL_FEE_BPS, PAUSER_ROLE,
    POOL_CONTRIBUTORS, POOL_VALIDATORS, REGISTRY_ROLE,
};
use splitter_support::role;
use stake_review_support::{contribute, vote};

const NATIVE: Address = Address::ZERO;
const SCALE: U256 = uint!(1_000_000_000_000_000_000_U256);
/// The original treasury (a `Wallet` in the world).
const TREASURY: Address = Address::repeat_byte(0x7E);
/// Pays the ERC-20 inference.
const PAYER: Address = Address::repeat_byte(0xBA);
/// A second attestor the admin adds.
const NEW_ATTESTOR: Address = Address::repeat_byte(0xA6);
/// Where the admin points the treasury.
const NEW_TREASURY: Address = Address::repeat_byte(0x7F);
/// The price of one inference (native and ERC-20).
const PRICE: u128 = 1_000_000;

// ------------------------------------------------- expected, from the bps

/// `amount * bps / 10,000` (the tests pick divisible amounts).
fn bps(amount: u128, bps: u128) -> u128 {
    amount * bps / 10_000
}

/// What each user earns from one payment of [`PRICE`], computed from the
/// basis points and the pools' shares: 5% protocol fee; of the rest 60%
/// developer, 30% data (half escrowed, half over datanets 1 and 2 at 50%
/// each), 10% validators (over the same datanets; datanet 1 is
/// owner-reviewed, so its validator part goes to its contributors).
struct Earned {
    treasury: U256,
    developer: U256,
    /// Datanet 1's contributor pool (weight 80, the contributor's only)
    /// and datanet 2's (weights 90 + 90, both the contributor's), scaled.
    contributor_scaled: U256,
    /// Datanet 2's validator pool (one share, the validator's), scaled.
    validator_scaled: U256,
}

fn earned() -> Earned {
    let protocol = bps(PRICE, u128::from(PROTOCOL_FEE_BPS));
    let rest = PRICE - protocol;
    let developer = bps(rest, 6_000);
    let data = bps(rest, 3_000);
    let escrow = bps(data, 5_000);
    let to_pools = data - escrow;
    let validators = bps(rest, 1_000);
    let (data_each, validators_each) = (bps(to_pools, 5_000), bps(validators, 5_000));
    assert_eq!(
        protocol + developer + escrow + 2 * data_each + 2 * validators_each,
        PRICE
    );
    // A pool credit raises the reward per share by floor(credit * 10^18 /
    // total shares); a member earns that times its shares.
    let pool = |credit: u128, shares: u128, total: u128| {
        U256::from(credit) * SCALE / U256::from(total) * U256::from(shares)
    };
    Earned {
        treasury: U256::from(protocol),
        developer: U256::from(developer),
        contributor_scaled: pool(data_each + validators_each, 80, 80) + pool(data_each, 180, 180),
        validator_scaled: pool(validators_each, 1, 1),
    }
}

// ------------------------------------------------------------- snapshots

/// Every user-visible amount, labelled.
type Snapshot = Vec<(String, U256)>;

fn users() -> [(&'static str, Address); 7] {
    [
        ("contributor", Contributor.address()),
        ("validator", Validator.address()),
        ("model owner", ModelOwner.address()),
        ("datanet owner", DatanetOwner.address()),
        ("pending owner", PendingOwner.address()),
        ("attestor", Attestor.address()),
        ("treasury", TREASURY),
    ]
}

fn snapshot(w: &World) -> Snapshot {
    let mut s = Snapshot::new();
    let contributor_pools = vec![u(D_OWNER), u(D_VALIDATORS)];
    let validator_pools = vec![u(D_OWNER), u(D_VALIDATORS)];
    for (token_name, token) in [("native", NATIVE), ("erc20", w.token.address())] {
        for (name, account) in users() {
            let (wei, scaled) = w
                .splitter
                .sender(OTHER)
                .claimable(
                    account,
                    token,
                    contributor_pools.clone(),
                    validator_pools.clone(),
                )
                .motsu_unwrap();
            s.push((format!("{name} claimable {token_name} (wei)"), wei));
            s.push((format!("{name} claimable {token_name} (scaled)"), scaled));
        }
        let (listed, _allowed, deposited, claimed, dust) =
            w.splitter.sender(OTHER).token_info(token);
        s.push((format!("{token_name} listed"), U256::from(listed)));
        s.push((format!("{token_name} deposited"), deposited));
        s.push((format!("{token_name} claimed"), claimed));
        s.push((format!("{token_name} dust"), dust));
        let (escrowed, released) = w.splitter.sender(OTHER).escrow(u(MODEL), token);
        s.push((format!("{token_name} escrowed (scaled)"), escrowed));
        s.push((format!("{token_name} escrow released"), released));
        for datanet in [D_OWNER, D_VALIDATORS] {
            for pool in [POOL_CONTRIBUTORS, POOL_VALIDATORS] {
                let (total, per_share, revenue, pending) = w
                    .splitter
                    .sender(OTHER)
                    .pool_info(u(datanet), pool, token)
                    .motsu_unwrap();
                let label = format!("{token_name} pool {datanet}/{pool}");
                s.push((format!("{label} total shares"), total));
                s.push((format!("{label} reward per share"), per_share));
                s.push((format!("{label} revenue"), revenue));
                s.push((format!("{label} pending"), pending));
            }
        }
        s.push((
            format!("{token_name} attribution released"),
            w.attribution.sender(OTHER).released(u(MODEL), token),
        ));
    }
    for (name, account) in users() {
        s.push((format!("{name} native balance"), account_balance(account)));
        s.push((
            format!("{name} erc20 balance"),
            w.token.sender(OTHER).balance_of(account),
        ));
        s.push((
            format!("{name} refund"),
            w.registry.sender(OTHER).refund_of(account),
        ));
        s.push((
            format!("{name} influence claimed"),
            w.attribution
                .sender(OTHER)
                .claimed(u(MODEL), NATIVE, account),
        ));
        for datanet in [D_VALIDATORS, D_EXIT] {
            s.push((
                format!("{name} stake in datanet {datanet}"),
                w.registry.sender(OTHER).validator(u(datanet), account).0,
            ));
        }
    }
    s.push(("splitter native balance".into(), w.splitter.balance()));
    s.push(("registry native balance".into(), w.registry.balance()));
    s.push((
        "splitter erc20 balance".into(),
        w.token.sender(OTHER).balance_of(w.splitter.address()),
    ));
    s
}

fn account_balance(account: Address) -> U256 {
    common::native_balance(account)
}

#[track_caller]
fn assert_unchanged(before: &Snapshot, after: &Snapshot, action: &str) {
    let changed: Vec<String> = before
        .iter()
        .zip(after)
        .filter(|(b, a)| b != a)
        .map(|((label, b), (_, a))| format!("{label}: {b} -> {a}"))
        .collect();
    assert!(
        changed.is_empty(),
        "{action} changed user funds:\n{}",
        changed.join("\n")
    );
}

/// Lists the world's ERC-20 and pays one inference of model 1 in it.
fn pay_in_erc20(w: &World) {
    let admin = SplitterAdmin.address();
    let token = w.token.address();
    w.splitter
        .sender(admin)
        .set_token_allowed(token, true)
        .motsu_unwrap();
    w.market
        .sender(ModelOwner.address())
        .set_price(u(MODEL), token, U256::from(PRICE))
        .motsu_unwrap();
    w.token
        .sender(PAYER)
        .mint(PAYER, U256::from(PRICE))
        .motsu_unwrap();
    w.token
        .sender(PAYER)
        .approve(w.market.address(), U256::from(PRICE))
        .motsu_unwrap();
    w.market
        .sender(PAYER)
        .pay(u(MODEL), token, U256::from(PRICE), B256::repeat_byte(0x21))
        .motsu_unwrap();
}

/// `account` claims `token` from datanets 1 and 2's pools to itself;
/// returns the wei paid, checking its balance rose by exactly that.
#[track_caller]
fn claim_all(w: &World, account: Address, token: Address) -> U256 {
    let balance = |w: &World| {
        if token.is_zero() {
            account_balance(account)
        } else {
            w.token.sender(OTHER).balance_of(account)
        }
    };
    let before = balance(w);
    let paid = w
        .splitter
        .sender(account)
        .claim(
            token,
            vec![u(D_OWNER), u(D_VALIDATORS)],
            vec![u(D_OWNER), u(D_VALIDATORS)],
            account,
        )
        .motsu_unwrap();
    assert_eq!(
        balance(w) - before,
        paid,
        "{account} was paid what claim says"
    );
    paid
}

/// The claims after the admin actions: every user is paid exactly what it
/// earned, to the wei; the contributor has `approved_bonds` bonds to claim
/// back.
fn claims_pay_to_the_wei(w: &World, approved_bonds: u64) {
    let e = earned();
    let contributor = Contributor.address();
    let validator = Validator.address();
    let token = w.token.address();
    // Influence escrow: the committed epoch's leaves.
    for (account, amount) in [
        (contributor, CONTRIBUTOR_INFLUENCE),
        (validator, VALIDATOR_INFLUENCE),
    ] {
        let released = w
            .attribution
            .sender(account)
            .claim_influence(
                u(MODEL),
                NATIVE,
                w.payouts.amount(account),
                w.payouts.proof(account),
            )
            .motsu_unwrap();
        assert_eq!(released, u(amount));
    }
    for t in [NATIVE, token] {
        // Native: the influence just released is claimable with the pools.
        let influence = |amount: u64| if t.is_zero() { u(amount) } else { U256::ZERO };
        assert_eq!(claim_all(w, TREASURY, t), e.treasury, "treasury {t}");
        assert_eq!(
            claim_all(w, ModelOwner.address(), t),
            e.developer,
            "developer {t}"
        );
        assert_eq!(
            claim_all(w, contributor, t),
            e.contributor_scaled / SCALE + influence(CONTRIBUTOR_INFLUENCE),
            "contributor {t}"
        );
        assert_eq!(
            claim_all(w, validator, t),
            e.validator_scaled / SCALE + influence(VALIDATOR_INFLUENCE),
            "validator {t}"
        );
    }
    // Registry money: the contributor's approved bonds, the datanet owner's
    // rejected one, and the leaving validator's stake.
    let refund = |account: Address, amount: U256| {
        let before = account_balance(account);
        w.registry.sender(account).claim_refund().motsu_unwrap();
        assert_eq!(account_balance(account) - before, amount);
    };
    refund(contributor, BOND * u(approved_bonds));
    refund(DatanetOwner.address(), BOND);
    let before = account_balance(validator);
    w.registry
        .sender(validator)
        .withdraw_stake(u(D_EXIT))
        .motsu_unwrap();
    assert_eq!(account_balance(validator) - before, MIN_STAKE);
}

// ----------------------------------------------------------------- tests

/// A named admin call.
type Action<'a> = (&'static str, Box<dyn Fn() + 'a>);

#[motsu::test]
fn admin_functions_between_payments_and_claims_change_no_users_funds() {
    let w = World::new();
    pay_in_erc20(&w);
    let before = snapshot(&w);
    let admin = SplitterAdmin.address();
    let attribution_admin = AttributionAdmin.address();
    let token = w.token.address();

    // Every admin function of the splitter, and the roles it can grant
    // itself that need no peer contract's cooperation.
    let splitter_actions: Vec<Action> = vec![
        (
            "setProtocolFee(1000)",
            Box::new(|| {
                w.splitter
                    .sender(admin)
                    .set_protocol_fee(MAX_PROTOCOL_FEE_BPS)
                    .motsu_unwrap()
            }),
        ),
        (
            "setProtocolFee(0)",
            Box::new(|| w.splitter.sender(admin).set_protocol_fee(0).motsu_unwrap()),
        ),
        (
            "setTreasury",
            Box::new(|| {
                w.splitter
                    .sender(admin)
                    .set_treasury(NEW_TREASURY)
                    .motsu_unwrap()
            }),
        ),
        (
            "setTokenAllowed(erc20, false)",
            Box::new(|| {
                w.splitter
                    .sender(admin)
                    .set_token_allowed(token, false)
                    .motsu_unwrap()
            }),
        ),
        (
            "setTokenAllowed(native, false)",
            Box::new(|| {
                w.splitter
                    .sender(admin)
                    .set_token_allowed(NATIVE, false)
                    .motsu_unwrap()
            }),
        ),
        (
            "grantRole(PAUSER_ROLE, admin)",
            Box::new(|| {
                w.splitter
                    .sender(admin)
                    .grant_role(role(PAUSER_ROLE), admin)
                    .motsu_unwrap()
            }),
        ),
        (
            "pause",
            Box::new(|| w.splitter.sender(admin).pause().motsu_unwrap()),
        ),
        (
            "revokeRole(PAUSER_ROLE, pauser)",
            Box::new(|| {
                w.splitter
                    .sender(admin)
                    .revoke_role(role(PAUSER_ROLE), Pauser.address())
                    .motsu_unwrap()
            }),
        ),
        (
            "revokeRole(MARKET_ROLE, market)",
            Box::new(|| {
                w.splitter
                    .sender(admin)
                    .revoke_role(role(MARKET_ROLE), w.market.address())
                    .motsu_unwrap()
            }),
        ),
        (
            "grantRole(MARKET_ROLE, admin)",
            Box::new(|| {
                w.splitter
                    .sender(admin)
                    .grant_role(role(MARKET_ROLE), admin)
                    .motsu_unwrap()
            }),
        ),
        (
            "renounceRole(MARKET_ROLE)",
            Box::new(|| {
                w.splitter
                    .sender(admin)
                    .renounce_role(role(MARKET_ROLE), admin)
                    .motsu_unwrap()
            }),
        ),
        (
            "grantRole(PAUSER_ROLE, another account)",
            Box::new(|| {
                w.splitter
                    .sender(admin)
                    .grant_role(role(PAUSER_ROLE), OTHER)
                    .motsu_unwrap()
            }),
        ),
    ];
    // Every admin function of attribution.
    let attribution_actions: Vec<Action> = vec![
        (
            "setAttestor(attestor, false)",
            Box::new(|| {
                w.attribution
                    .sender(attribution_admin)
                    .set_attestor(Attestor.address(), false)
                    .motsu_unwrap()
            }),
        ),
        (
            "setAttestor(new attestor, true)",
            Box::new(|| {
                w.attribution
                    .sender(attribution_admin)
                    .set_attestor(NEW_ATTESTOR, true)
                    .motsu_unwrap()
            }),
        ),
        (
            "revokeRole(MARKET_ROLE, market)",
            Box::new(|| {
                w.attribution
                    .sender(attribution_admin)
                    .revoke_role(role(A_MARKET_ROLE), w.market.address())
                    .motsu_unwrap()
            }),
        ),
        (
            "grantRole(MARKET_ROLE, admin)",
            Box::new(|| {
                w.attribution
                    .sender(attribution_admin)
                    .grant_role(role(A_MARKET_ROLE), attribution_admin)
                    .motsu_unwrap()
            }),
        ),
        (
            "renounceRole(MARKET_ROLE)",
            Box::new(|| {
                w.attribution
                    .sender(attribution_admin)
                    .renounce_role(role(A_MARKET_ROLE), attribution_admin)
                    .motsu_unwrap()
            }),
        ),
    ];
    for (name, action) in splitter_actions {
        action();
        assert_unchanged(&before, &snapshot(&w), &format!("splitter {name}"));
    }
    for (name, action) in attribution_actions {
        action();
        assert_unchanged(&before, &snapshot(&w), &format!("attribution {name}"));
    }
    // The admin functions took effect: new fees are paused and the new
    // treasury is set.
    assert!(w.splitter.sender(OTHER).paused());
    assert_eq!(w.splitter.sender(OTHER).config().0, NEW_TREASURY);

    // The claims still pay everyone exactly what it earned, paused or not,
    // with its token disallowed and its attestor out of the set.
    claims_pay_to_the_wei(&w, 3);
    // There is no sweep: what stays in the splitter is what is still owed
    // (unclaimed escrow, sub-wei remainders), nothing the admin could take.
    let (_, _, deposited, claimed, _) = w.splitter.sender(OTHER).token_info(NATIVE);
    assert_eq!(w.splitter.balance(), deposited - claimed);
    assert_eq!(
        account_balance(admin),
        U256::ZERO,
        "the splitter admin was paid nothing"
    );
    assert_eq!(account_balance(attribution_admin), U256::ZERO);
    assert_eq!(account_balance(NEW_TREASURY), U256::ZERO);
}

#[motsu::test]
fn claims_refunds_and_stake_withdrawals_work_while_the_splitter_is_paused() {
    let w = World::new();
    pay_in_erc20(&w);
    w.splitter.sender(Pauser.address()).pause().motsu_unwrap();
    // New fees are stopped: directly, and through the market.
    let err = w
        .splitter
        .sender(MarketPeer.address())
        .route(
            u(9),
            w.token.address(),
            u(1),
            OTHER,
            10_000,
            0,
            0,
            0,
            vec![u(D_OWNER)],
            vec![10_000],
        )
        .motsu_unwrap_err();
    assert_error(err, EnforcedPause {});
    PAYER.fund(U256::from(PRICE));
    let err = w
        .market
        .sender_and_value(PAYER, U256::from(PRICE))
        .pay(u(MODEL), NATIVE, U256::from(PRICE), B256::repeat_byte(0x22))
        .motsu_unwrap_err();
    assert_error(
        err,
        ModelMarketPeerCallFailed {
            peer: w.splitter.address(),
        },
    );
    // Reviews go on and credit the pools while paused: an approval adds the
    // contributor's weight, a settled winning vote a validator share.
    let validator = Validator.address();
    vote(&w.registry, validator, u(C_VALIDATORS_PENDING), true, 60);
    w.registry
        .sender(Stranger.address())
        .settle_vote(u(C_UNSETTLED), validator)
        .motsu_unwrap();
    assert_eq!(
        w.splitter
            .sender(OTHER)
            .shares_of(u(D_VALIDATORS), POOL_CONTRIBUTORS, Contributor.address())
            .motsu_unwrap(),
        u(90 + 90 + 60)
    );
    assert_eq!(
        w.splitter
            .sender(OTHER)
            .shares_of(u(D_VALIDATORS), POOL_VALIDATORS, validator)
            .motsu_unwrap(),
        u(2)
    );
    // Every claim, refund and withdrawal pays to the wei (the approval just
    // made refunds a fourth bond).
    claims_pay_to_the_wei(&w, 4);
    // Paused throughout.
    assert!(w.splitter.sender(OTHER).paused());
}

#[motsu::test]
fn nobody_re_votes_a_finalized_contribution() {
    let w = World::new();
    // A rejected contribution in the validator-reviewed datanet too.
    let rejected_v = contribute(&w.registry, Contributor.address(), u(D_VALIDATORS), 7);
    vote(&w.registry, Validator.address(), rejected_v, false, 10);
    // The datanet's ownership changes hands: the new owner cannot either.
    w.registry
        .sender(PendingOwner.address())
        .accept_ownership(u(D_OWNER))
        .motsu_unwrap();
    let finalized = [
        (u(1), CONTRIBUTION_APPROVED),
        (u(2), CONTRIBUTION_REJECTED),
        (u(4), CONTRIBUTION_APPROVED),
        (u(C_UNSETTLED), CONTRIBUTION_APPROVED),
        (rejected_v, CONTRIBUTION_REJECTED),
    ];
    let views: Vec<_> = finalized
        .iter()
        .map(|&(id, _)| contribution_view(&w.registry, id))
        .collect();
    let shares = |w: &World| {
        [D_OWNER, D_VALIDATORS].map(|d| {
            [POOL_CONTRIBUTORS, POOL_VALIDATORS].map(|p| {
                w.splitter
                    .sender(OTHER)
                    .pool_info(u(d), p, NATIVE)
                    .motsu_unwrap()
                    .0
            })
        })
    };
    let shares_before = shares(&w);
    for &(id, status) in &finalized {
        assert_eq!(contribution_view(&w.registry, id).status, status);
        for actor in ACTORS {
            for approve in [true, false] {
                let err = w
                    .registry
                    .sender(actor.address())
                    .vote(id, approve, 100)
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
    }
    // A settled vote is not settled again, by anyone.
    for actor in ACTORS {
        let err = w
            .registry
            .sender(actor.address())
            .settle_vote(u(4), Validator.address())
            .motsu_unwrap_err();
        assert_error(
            err,
            RegistryNoOpenVote {
                contributionId: u(4),
                validator: Validator.address(),
            },
        );
    }
    for (&(id, _), view) in finalized.iter().zip(&views) {
        assert_eq!(&contribution_view(&w.registry, id), view);
    }
    assert_eq!(shares(&w), shares_before);
}

#[motsu::test]
fn nobody_rewrites_a_training_record_not_even_an_admin_with_market_role() {
    let w = World::new();
    let attribution_admin = AttributionAdmin.address();
    w.attribution
        .sender(attribution_admin)
        .grant_role(role(A_MARKET_ROLE), attribution_admin)
        .motsu_unwrap();
    let before = w
        .attribution
        .sender(OTHER)
        .training(u(MODEL), u(1))
        .motsu_unwrap();
    let datanets_before = w
        .attribution
        .sender(OTHER)
        .datanet_training_count(u(D_OWNER));
    // Version 1 of model 1 with other datanets, weights, manifest and data
    // share, from every holder of MARKET_ROLE.
    for caller in [attribution_admin, MarketPeer.address(), w.market.address()] {
        for (datanets, weights, manifest, data_bps) in [
            (
                vec![u(D_OWNER)],
                vec![10_000u16],
                keccak256(b"forged"),
                3_000u16,
            ),
            (
                vec![u(D_OWNER), u(D_VALIDATORS)],
                vec![5_000, 5_000],
                B256::repeat_byte(0x3F),
                10_000,
            ),
        ] {
            let err = w
                .attribution
                .sender(caller)
                .record_training(u(MODEL), u(1), datanets, weights, manifest, data_bps)
                .motsu_unwrap_err();
            assert_error(
                err,
                AttributionTrainingExists {
                    modelId: u(MODEL),
                    version: u(1),
                },
            );
        }
    }
    assert_eq!(
        w.attribution
            .sender(OTHER)
            .training(u(MODEL), u(1))
            .motsu_unwrap(),
        before
    );
    assert_eq!(before.0, B256::repeat_byte(0x3F));
    assert_eq!(
        w.attribution
            .sender(OTHER)
            .datanet_training_count(u(D_OWNER)),
        datanets_before
    );
}

#[motsu::test]
fn the_protocol_fee_is_capped_at_1000_bps() {
    let w = World::new();
    let admin = SplitterAdmin.address();
    assert_eq!(MAX_PROTOCOL_FEE_BPS, 1_000);
    for bps in [1_001u16, 2_000, 10_000, u16::MAX] {
        let err = w
            .splitter
            .sender(admin)
            .set_protocol_fee(bps)
            .motsu_unwrap_err();
        assert_error(err, RewardSplitterInvalidFee { bps, maxBps: 1_000 });
        assert_eq!(w.splitter.sender(OTHER).config().1, PROTOCOL_FEE_BPS);
    }
    for bps in [0u16, 1, 999, 1_000] {
        w.splitter
            .sender(admin)
            .set_protocol_fee(bps)
            .motsu_unwrap();
        assert_eq!(w.splitter.sender(OTHER).config().1, bps);
    }
}

#[motsu::test]
fn a_fee_change_never_changes_what_was_already_routed() {
    let w = World::new();
    let admin = SplitterAdmin.address();
    let before = snapshot(&w);
    for bps in [MAX_PROTOCOL_FEE_BPS, 0, 1] {
        w.splitter
            .sender(admin)
            .set_protocol_fee(bps)
            .motsu_unwrap();
        assert_unchanged(&before, &snapshot(&w), &format!("setProtocolFee({bps})"));
    }
    // A second payment at the maximum fee routes by the new fee; the first
    // stays as it was routed. 10% fee: treasury 100,000; developer 60% of
    // 900,000.
    w.splitter
        .sender(admin)
        .set_protocol_fee(MAX_PROTOCOL_FEE_BPS)
        .motsu_unwrap();
    PAYER.fund(U256::from(PRICE));
    w.market
        .sender_and_value(PAYER, U256::from(PRICE))
        .pay(u(MODEL), NATIVE, U256::from(PRICE), B256::repeat_byte(0x23))
        .motsu_unwrap();
    let e = earned();
    assert_eq!(e.treasury, u(50_000));
    assert_eq!(e.developer, u(570_000));
    assert_eq!(claim_all(&w, TREASURY, NATIVE), e.treasury + u(100_000));
    assert_eq!(
        claim_all(&w, ModelOwner.address(), NATIVE),
        e.developer + u(540_000)
    );
}

/// Freezes the peer roles as a deployment does once the programs are
/// wired (README, "Deploying"): `REGISTRY_ROLE`, `MARKET_ROLE` and
/// `ATTRIBUTION_ROLE` in the splitter, `MARKET_ROLE` in attribution.
fn freeze_peer_roles(w: &World) {
    for id in [REGISTRY_ROLE, MARKET_ROLE, ATTRIBUTION_ROLE] {
        w.splitter
            .sender(SplitterAdmin.address())
            .freeze_role(role(id))
            .motsu_unwrap();
    }
    w.attribution
        .sender(AttributionAdmin.address())
        .freeze_role(role(A_MARKET_ROLE))
        .motsu_unwrap();
}

fn unauthorized(account: Address, id: [u8; 32]) -> AccessControlUnauthorizedAccount {
    AccessControlUnauthorizedAccount {
        account,
        neededRole: role(id),
    }
}

fn frozen(id: [u8; 32]) -> AccessControlRoleFrozen {
    AccessControlRoleFrozen { role: role(id) }
}

/// The contributor's leaf of epoch 1 still pays exactly its amount.
#[track_caller]
fn contributor_claims_its_leaf(w: &World) {
    let contributor = Contributor.address();
    let released = w
        .attribution
        .sender(contributor)
        .claim_influence(
            u(MODEL),
            NATIVE,
            w.payouts.amount(contributor),
            w.payouts.proof(contributor),
        )
        .motsu_unwrap();
    assert_eq!(released, u(CONTRIBUTOR_INFLUENCE));
}

/// The trust window the freeze closes: before it, the splitter's admin can
/// grant itself `ATTRIBUTION_ROLE` and release a model's committed escrow
/// to an account of its choice (docs/THREAT_MODEL.md, trust assumption 1).
#[motsu::test]
fn before_the_freeze_the_splitter_admin_is_trusted_with_the_escrow() {
    let w = World::new();
    let admin = SplitterAdmin.address();
    let (escrowed, _) = w.splitter.sender(OTHER).escrow(u(MODEL), NATIVE);
    let all = escrowed / SCALE;
    w.splitter
        .sender(admin)
        .grant_role(role(ATTRIBUTION_ROLE), admin)
        .motsu_unwrap();
    w.splitter
        .sender(admin)
        .release_escrow(u(MODEL), NATIVE, w.payout.address(), all)
        .motsu_unwrap();
    // The whole escrow is released (in wei) to the admin's account.
    assert_eq!(w.splitter.sender(OTHER).escrow(u(MODEL), NATIVE).1, all);
}

/// Once the roles are frozen, the splitter's admin cannot take committed
/// influence escrow: it cannot give itself `ATTRIBUTION_ROLE`, and the
/// epoch's accounts claim their leaves.
#[motsu::test]
fn once_frozen_the_splitter_admin_cannot_take_influence_escrow() {
    let w = World::new();
    freeze_peer_roles(&w);
    let admin = SplitterAdmin.address();
    let err = w
        .splitter
        .sender(admin)
        .grant_role(role(ATTRIBUTION_ROLE), admin)
        .motsu_unwrap_err();
    assert_error(err, frozen(ATTRIBUTION_ROLE));
    let (escrowed, _) = w.splitter.sender(OTHER).escrow(u(MODEL), NATIVE);
    let err = w
        .splitter
        .sender(admin)
        .release_escrow(u(MODEL), NATIVE, w.payout.address(), escrowed / SCALE)
        .motsu_unwrap_err();
    assert_error(err, unauthorized(admin, ATTRIBUTION_ROLE));
    contributor_claims_its_leaf(&w);
}

/// Once the roles are frozen, the splitter's admin cannot block influence
/// claims by revoking attribution's `ATTRIBUTION_ROLE`.
#[motsu::test]
fn once_frozen_the_splitter_admin_cannot_block_influence_claims() {
    let w = World::new();
    freeze_peer_roles(&w);
    let err = w
        .splitter
        .sender(SplitterAdmin.address())
        .revoke_role(role(ATTRIBUTION_ROLE), w.attribution.address())
        .motsu_unwrap_err();
    assert_error(err, frozen(ATTRIBUTION_ROLE));
    contributor_claims_its_leaf(&w);
}

/// Once attribution's `MARKET_ROLE` is frozen, its admin cannot redirect
/// committed escrow: adding itself to the attestor set is allowed, but it
/// can neither take `MARKET_ROLE` nor name itself the model's attestor, so
/// it commits nothing, and epoch 1 stays the latest.
#[motsu::test]
fn once_frozen_the_attribution_admin_cannot_redirect_influence_escrow() {
    let w = World::new();
    freeze_peer_roles(&w);
    let admin = AttributionAdmin.address();
    let err = w
        .attribution
        .sender(admin)
        .grant_role(role(A_MARKET_ROLE), admin)
        .motsu_unwrap_err();
    assert_error(err, frozen(A_MARKET_ROLE));
    w.attribution
        .sender(admin)
        .set_attestor(admin, true)
        .motsu_unwrap();
    let err = w
        .attribution
        .sender(admin)
        .set_model_attestor(u(MODEL), admin)
        .motsu_unwrap_err();
    assert_error(err, unauthorized(admin, A_MARKET_ROLE));
    let (escrowed, _) = w.splitter.sender(OTHER).escrow(u(MODEL), NATIVE);
    let err = w
        .attribution
        .sender(admin)
        .commit_epoch(
            u(MODEL),
            NATIVE,
            keccak256(b"forged root"),
            keccak256(b"forged report"),
            escrowed / SCALE,
        )
        .motsu_unwrap_err();
    assert_error(
        err,
        AttributionNotModelAttestor {
            modelId: u(MODEL),
            account: admin,
        },
    );
    contributor_claims_its_leaf(&w);
}

/// Once the roles are frozen, the splitter's admin cannot lock a
/// validator's stake by revoking the registry's `REGISTRY_ROLE`: the vote
/// settles and the stake is withdrawn.
#[motsu::test]
fn once_frozen_the_splitter_admin_cannot_lock_a_validators_stake() {
    let w = World::new();
    freeze_peer_roles(&w);
    let err = w
        .splitter
        .sender(SplitterAdmin.address())
        .revoke_role(role(REGISTRY_ROLE), w.registry.address())
        .motsu_unwrap_err();
    assert_error(err, frozen(REGISTRY_ROLE));
    let validator = Validator.address();
    w.registry
        .sender(validator)
        .request_unstake(u(D_VALIDATORS))
        .motsu_unwrap();
    w.registry
        .sender(validator)
        .settle_vote(u(C_UNSETTLED), validator)
        .motsu_unwrap();
    w.registry
        .sender(validator)
        .withdraw_stake(u(D_VALIDATORS))
        .motsu_unwrap();
    assert_eq!(
        w.registry
            .sender(OTHER)
            .validator(u(D_VALIDATORS), validator)
            .0,
        U256::ZERO
    );
}
