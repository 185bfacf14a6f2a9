//! System-level stateful property test of the four programs together
//! (issue #5): `datanet_registry`, `attribution`, `model_market` and
//! `reward_splitter`, wired as in production (the registry holds the
//! splitter's `REGISTRY_ROLE`, the market its `MARKET_ROLE` and
//! attribution's `MARKET_ROLE`, attribution the splitter's
//! `ATTRIBUTION_ROLE`), against a plain Rust model of all four.
//!
//! Each case deploys a fresh system: native validator stakes and bonds, an
//! unstake cooldown of 0 (motsu's clock is fixed), a random protocol fee
//! (0, 5% or the 10% cap) with actor 0 as the treasury, one allowlisted
//! `MockErc20` and one the splitter never lists. Six actors, each a `Wallet`
//! contract (so native payouts reach them), hold native value and both
//! ERC-20s (approved to the market). `ADMIN` administers the splitter and
//! attribution and is the pauser; `ATTESTOR` is in attribution's attestor
//! set.
//!
//! **Generated**: a warm-up (2-3 datanets, 2-4 stakes, a model listed,
//! priced and given its attestor), then 125 to 135 random actions by
//! random actors (picked, most of the time, among those for whom the action
//! makes sense: an owner, a staked validator, an account with something to
//! claim): create datanets (owner- and
//! validator-reviewed, random quorum, minimum stake, bond, slash rate and
//! minimum data share), contribute (native bond), stake, vote (approve or
//! reject, quality 0..=101), settle votes, request unstake, withdraw stake,
//! claim refunds; list models (random split and influence share, 1-3
//! weighted datanets), publish versions, set prices (native, ERC-20,
//! unlisted ERC-20); pay and payBatch; name a model's attestor through the
//! market, commit influence epochs (Merkle trees of the actors' cumulative
//! amounts, built independently in `attribution_support`) and claim
//! influence with proofs; claim from the splitter (random pool lists,
//! random recipient), distribute pending pool revenue, pause and unpause
//! the splitter. Invalid actions are part of the mix and must fail: wrong
//! actors (a non-owner voting, publishing or pricing, a non-validator
//! voting, a non-pauser pausing, a non-attestor committing), unknown ids
//! (datanets, contributions, models, pools, tokens), bad values (wrong
//! native value, zero amounts, stakes below the minimum, invalid splits,
//! weights and review terms, prices above the payer's maximum, batch counts
//! 0 and past the maximum, epoch totals above the escrow or decreasing,
//! wrong proofs), and actions that the state forbids (duplicate content,
//! double votes, withdrawing with open votes, paying while paused).
//!
//! **Model**: the registry's rules (eligibility by contribution id, quorum,
//! weight = mean approving quality, bond refunds and forfeits, lazy
//! settlement with rewards, slashes and retractions), the market's listings
//! and prices, attribution's epochs and claims, and, for the money, an
//! exact rational ledger (`BigRational`, in wei) written from SPEC and
//! independent of the contracts' arithmetic: of a fee `F`, `F * fee / 10^4`
//! to the treasury; of the rest `R`, `R * dev / 10^4` to the developer (the
//! model's owner), `R * data / 10^4 * influence / 10^4` to the model's
//! escrow, per datanet of weight `w` `(data - escrow) * w / 10^4` to its
//! contributor pool and `R * val / 10^4 * w / 10^4` to its validator pool
//! (to the contributor pool for an owner-reviewed datanet); forfeited bonds
//! and slashed stake go to the validator pool. A pool credit is shared pro
//! rata to the shares at that moment (held while the pool has no shares);
//! released escrow belongs to its claimer.
//!
//! **Checked after every step**:
//!
//! 1. every action succeeds exactly when the model says so, and a failed
//!    action changes nothing observable (all views read below, native and
//!    ERC-20 balances, event counts of the six contracts);
//! 2. conservation per token (native and the ERC-20), to the wei: the
//!    splitter's real balance == deposited - claimed (both from its views
//!    and from the model), and its accounting identity
//!    `deposited * 10^18 == claimed * 10^18 + sum over accounts of
//!    claimable (scaled, all pools) + pending of every pool + unreleased
//!    escrow + dust`; the unlisted token never reaches the splitter; native
//!    value in all wallets and programs is constant, and every wallet's
//!    native and ERC-20 balance equals the model's;
//! 3. the registry: its real balance minus what it owes (refunds) == the
//!    stakes it holds + the bonds of pending contributions (from the
//!    model, and the stake and refund views equal the model);
//! 4. fairness, per account and token, with `E` the exact entitlement from
//!    the ledger and `paid = claimed + claimable(all pools)`:
//!    `paid <= floor(E)` and `E - paid < credits + 1` wei (one wei of
//!    rounding per pool credit the account took part in, plus the claim's);
//!    pool totals, revenue and pending (scaled) and the escrows equal the
//!    ledger exactly; and, at the end of the case, every account's shares.
//!
//! The test runs 80 cases (at least 10,000 steps, counted and asserted;
//! about 11,000 in about 2 minutes in a debug build on 2 cores);
//! `stats` (ignored) prints how often each action kind succeeded and
//! failed. Failing cases are persisted in
//! `tests/proptest-regressions/system_invariants.txt`.
mod attribution_support;
mod common;
mod splitter_support;

use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Debug;

use alloy_primitives::{Address, B256, U256};
use attribution::Attribution;
use attribution_support::{report_hash, Payouts};
use datanet_registry::{DatanetRegistry, REVIEW_OWNER, REVIEW_VALIDATORS};
use integration_tests::{MockErc20, Wallet};
use model_market::{ModelMarket, MAX_BATCH};
use motsu::prelude::*;
use num_bigint::{BigInt, Sign};
use num_rational::BigRational;
use num_traits::Zero;
use proptest::{
    collection::vec,
    prelude::*,
    sample::{subsequence, Index},
    test_runner::TestRunner,
};
use reward_splitter::{RewardSplitter, ATTRIBUTION_ROLE, MARKET_ROLE, PAUSER_ROLE, REGISTRY_ROLE};
use splitter_support::role;

type Q = BigRational;

/// Actors `0..NA`; actor 0 is the splitter's treasury.
const NA: usize = 6;
/// Accounted tokens: native (0) and the allowed ERC-20 (1).
const NT: usize = 2;
const ADMIN: Address = Address::repeat_byte(0xAD);
const ATTESTOR: Address = Address::repeat_byte(0xA5);
/// Not in attribution's attestor set.
const NOT_ATTESTOR: Address = Address::repeat_byte(0xA6);
const SCALE: u128 = 1_000_000_000_000_000_000;
/// Native wei and tokens of each token given to each actor.
const FUND: u128 = 1_000_000_000_000_000_000_000_000_000_000;
/// Steps per case.
const MIN_STEPS: usize = 125;
const MAX_STEPS: usize = 135;
/// Cases per run.
const CASES: u32 = 80;
/// Steps a run must execute.
const REQUIRED_STEPS: u64 = 10_000;

fn q(x: u128) -> Q {
    Q::from_integer(BigInt::from(x))
}

fn big(x: U256) -> BigInt {
    BigInt::from_bytes_be(Sign::Plus, &x.to_be_bytes::<32>())
}

fn bps(x: &Q, b: u16) -> Q {
    x * q(u128::from(b)) / q(10_000)
}

fn floor(x: &Q) -> u128 {
    u128::try_from(x.floor().to_integer()).expect("non-negative, below 2^128")
}

fn u(x: u128) -> U256 {
    U256::from(x)
}

/// Content hash number `n`; 0 is the (invalid) zero hash.
fn content(n: u8) -> B256 {
    if n == 0 {
        B256::ZERO
    } else {
        common::content(u64::from(n))
    }
}

// ---------------------------------------------------------------------------
// Actions

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tok {
    Native,
    Erc20,
    /// A `MockErc20` the splitter never listed.
    Unlisted,
}

impl Tok {
    fn index(self) -> Option<usize> {
        match self {
            Tok::Native => Some(0),
            Tok::Erc20 => Some(1),
            Tok::Unlisted => None,
        }
    }

    fn price_slot(self) -> usize {
        match self {
            Tok::Native => 0,
            Tok::Erc20 => 1,
            Tok::Unlisted => 2,
        }
    }
}

/// An actor, datanet or model: `Fit` picks one for which the action
/// makes sense in the model's state (an owner, a staked validator, a
/// model with a price...), or any if there is none; `Raw` is taken as is.
#[derive(Clone, Copy, Debug)]
enum Pick {
    Fit(Index),
    Raw(u64),
}

impl Pick {
    /// Resolves among `fit`, falling back to `1..=count` (ids) or
    /// `0..count` (actors, `base` 0).
    fn among(self, fit: &[u64], count: usize, base: u64) -> u64 {
        match self {
            Pick::Fit(i) if !fit.is_empty() => fit[i.index(fit.len())],
            Pick::Fit(i) => i.index(count.max(1)) as u64 + base,
            Pick::Raw(x) => x,
        }
    }

    fn actor(self, fit: &[usize]) -> usize {
        let fit: Vec<u64> = fit.iter().map(|&a| a as u64).collect();
        self.among(&fit, NA, 0) as usize
    }
}

/// Which contribution an action targets.
#[derive(Clone, Debug)]
enum Target {
    /// A pending one (or the next id, unknown, if none is pending).
    Pending(Index),
    /// Any existing one (or id 1 if none exists).
    Any(Index),
    /// A raw id (0, or past the count).
    Raw(u64),
}

/// Which vote a settlement targets.
#[derive(Clone, Debug)]
enum VoteSel {
    /// An unsettled vote (or contribution 0 if none).
    Open(Index),
    /// Any contribution and validator.
    Any(Target, usize),
}

/// Datanets and weights of a training record.
#[derive(Clone, Debug)]
struct Attr {
    ids: Vec<u64>,
    weights: Vec<u16>,
}

#[derive(Clone, Copy, Debug)]
enum MaxPrice {
    Exact,
    Below,
    Above,
}

#[derive(Clone, Copy, Debug)]
enum AttestorSel {
    Real,
    NotInSet,
    Zero,
}

#[derive(Clone, Copy, Debug)]
enum CommitKind {
    Honest,
    /// Total one wei above the escrow.
    Excess,
    /// Total one wei below the previous epoch's.
    Decrease,
}

#[derive(Clone, Copy, Debug)]
enum To {
    Own,
    Actor(usize),
    Zero,
}

#[derive(Clone, Debug)]
enum Action {
    CreateDatanet {
        who: usize,
        validators: bool,
        quorum: u8,
        min_stake: u128,
        bond: u128,
        slash: u16,
        min_share: u16,
    },
    Contribute {
        who: usize,
        d: Pick,
        content: u8,
        value_off: bool,
    },
    Stake {
        who: Pick,
        d: Pick,
        amount: u128,
        value_off: bool,
    },
    Vote {
        who: Pick,
        target: Target,
        approve: bool,
        quality: u8,
    },
    Settle {
        who: usize,
        vote: VoteSel,
    },
    RequestUnstake {
        who: Pick,
        d: Pick,
    },
    Withdraw {
        who: Pick,
        d: Pick,
    },
    ClaimRefund {
        who: Pick,
    },
    List {
        who: usize,
        split: (u16, u16, u16),
        influence: u16,
        attr: Attr,
    },
    Publish {
        who: Pick,
        m: Pick,
        attr: Attr,
    },
    SetPrice {
        who: Pick,
        m: Pick,
        tok: Tok,
        price: u128,
    },
    Pay {
        who: usize,
        m: Pick,
        tok: Tok,
        count: Option<u64>,
        max: MaxPrice,
        value_off: bool,
    },
    SetModelAttestor {
        who: Pick,
        m: Pick,
        attestor: AttestorSel,
    },
    Commit {
        /// `None`: the attestor; else an actor.
        sender: Option<usize>,
        m: Pick,
        tok: Tok,
        weights: [u8; NA],
        quarters: u8,
        kind: CommitKind,
    },
    ClaimInfluence {
        who: Pick,
        m: Pick,
        tok: Tok,
        wrong: bool,
    },
    Claim {
        who: Pick,
        tok: Tok,
        contributors: u8,
        validators: u8,
        to: To,
    },
    DistributePending {
        who: usize,
        /// `Fit`: a pool holding pending revenue (`kind` then ignored).
        d: Pick,
        kind: u8,
        tok: Tok,
    },
    Pause {
        who: Option<usize>,
    },
    Unpause {
        who: Option<usize>,
    },
}

impl Action {
    fn name(&self) -> &'static str {
        match self {
            Action::CreateDatanet { .. } => "createDatanet",
            Action::Contribute { .. } => "contribute",
            Action::Stake { .. } => "stake",
            Action::Vote { .. } => "vote",
            Action::Settle { .. } => "settleVote",
            Action::RequestUnstake { .. } => "requestUnstake",
            Action::Withdraw { .. } => "withdrawStake",
            Action::ClaimRefund { .. } => "claimRefund",
            Action::List { .. } => "listModel",
            Action::Publish { .. } => "publishVersion",
            Action::SetPrice { .. } => "setPrice",
            Action::Pay { count: None, .. } => "pay",
            Action::Pay { .. } => "payBatch",
            Action::SetModelAttestor { .. } => "setModelAttestor",
            Action::Commit { .. } => "commitEpoch",
            Action::ClaimInfluence { .. } => "claimInfluence",
            Action::Claim { .. } => "claim",
            Action::DistributePending { .. } => "distributePending",
            Action::Pause { .. } => "pause",
            Action::Unpause { .. } => "unpause",
        }
    }
}

// ---------------------------------------------------------------------------
// Strategies

fn actor() -> impl Strategy<Value = usize> {
    0..NA
}

/// Datanet ids: mostly ones a case creates, sometimes 0 or unknown.
fn datanet() -> impl Strategy<Value = u64> {
    prop_oneof![12 => 1..=4u64, 1 => Just(0u64), 1 => 5..=8u64]
}

/// Model ids: mostly listed ones, sometimes 0 or unknown.
fn model() -> impl Strategy<Value = u64> {
    prop_oneof![12 => 1..=3u64, 1 => Just(0u64), 1 => 4..=6u64]
}

fn fit_actor() -> impl Strategy<Value = Pick> {
    prop_oneof![
        5 => any::<Index>().prop_map(Pick::Fit),
        1 => (0..NA as u64).prop_map(Pick::Raw),
    ]
}

fn fit_datanet() -> impl Strategy<Value = Pick> {
    prop_oneof![
        6 => any::<Index>().prop_map(Pick::Fit),
        1 => datanet().prop_map(Pick::Raw),
    ]
}

fn fit_model() -> impl Strategy<Value = Pick> {
    prop_oneof![
        6 => any::<Index>().prop_map(Pick::Fit),
        1 => model().prop_map(Pick::Raw),
    ]
}

fn token() -> impl Strategy<Value = Tok> {
    prop_oneof![5 => Just(Tok::Native), 4 => Just(Tok::Erc20), 1 => Just(Tok::Unlisted)]
}

fn target() -> impl Strategy<Value = Target> {
    prop_oneof![
        16 => any::<Index>().prop_map(Target::Pending),
        3 => any::<Index>().prop_map(Target::Any),
        1 => prop_oneof![Just(0u64), 1_000..=1_001u64].prop_map(Target::Raw),
    ]
}

fn create() -> impl Strategy<Value = Action> {
    (
        actor(),
        any::<bool>(),
        prop_oneof![8 => Just(false), 1 => Just(true)],
        1..=3u8,
        prop_oneof![Just(1u128), Just(1_000u128)],
        prop_oneof![Just(0u128), Just(30u128), Just(50u128)],
        prop_oneof![Just(0u16), Just(2_000u16), Just(5_000u16), Just(10_000u16)],
        prop_oneof![4 => Just(0u16), 4 => Just(3_000u16), 1 => Just(10_001u16)],
    )
        .prop_map(
            |(who, validators, bad, quorum, min_stake, bond, slash, min_share)| {
                let (quorum, min_stake) = match (validators, bad) {
                    (true, false) => (quorum, min_stake),
                    (false, false) => (0, 0),
                    // Invalid terms: no quorum, or a quorum in owner review.
                    (true, true) => (0, min_stake),
                    (false, true) => (quorum, 0),
                };
                Action::CreateDatanet {
                    who,
                    validators,
                    quorum,
                    min_stake,
                    bond,
                    slash,
                    min_share,
                }
            },
        )
}

fn attr() -> impl Strategy<Value = Attr> {
    (
        prop_oneof![
            8 => subsequence(vec![1u64, 2, 3], 1..=3),
            2 => subsequence(vec![1u64, 2, 3, 4, 5], 1..=3),
            1 => vec(datanet(), 1..=3),
        ]
        .prop_shuffle(),
        1..=9_999u16,
        1..=5_000u16,
        prop_oneof![12 => Just(0u8), 1 => Just(1u8), 1 => Just(2u8), 1 => Just(3u8)],
    )
        .prop_map(|(ids, a, b, bad)| {
            let mut weights = match ids.len() {
                1 => vec![10_000],
                2 => vec![a, 10_000 - a],
                _ => {
                    let a = a.min(5_000);
                    vec![a, b.min(4_999), 10_000 - a - b.min(4_999)]
                }
            };
            let mut ids = ids;
            match bad {
                // Weights summing to 10,001.
                1 => weights[0] += 1,
                // A zero weight.
                2 => {
                    weights[0] = 0;
                    ids.push(1);
                    weights.push(10_000);
                }
                // Lengths differ.
                3 => {
                    weights.pop();
                }
                _ => {}
            }
            Attr { ids, weights }
        })
}

fn split() -> impl Strategy<Value = (u16, u16, u16)> {
    prop_oneof![
        3 => Just((6_000u16, 3_000u16, 1_000u16)),
        1 => Just((0u16, 10_000u16, 0u16)),
        1 => Just((9_000u16, 1_000u16, 0u16)),
        4 => (0..=10_000u16, 0..=10_000u16).prop_map(|(data, val)| {
            let val = val.min(10_000 - data);
            (10_000 - data - val, data, val)
        }),
        1 => Just((6_000u16, 3_000u16, 1_001u16)),
    ]
}

fn price() -> impl Strategy<Value = u128> {
    prop_oneof![
        1 => Just(0u128),
        2 => 1..=10u128,
        3 => 1..=10_000_000u128,
        2 => 1..=10_000_000_000_000_000_000u128,
    ]
}

fn action() -> impl Strategy<Value = Action> {
    prop_oneof![
        3 => create(),
        14 => (actor(), fit_datanet(), prop_oneof![30 => 1..=80u8, 1 => Just(0u8)], prop_oneof![9 => Just(false), 1 => Just(true)])
            .prop_map(|(who, d, content, value_off)| Action::Contribute {
                who,
                d,
                content,
                value_off
            }),
        8 => (
            fit_actor(),
            fit_datanet(),
            prop_oneof![1 => Just(0u128), 3 => Just(1_000u128), 3 => 1..=3_000u128],
            prop_oneof![9 => Just(false), 1 => Just(true)]
        )
            .prop_map(|(who, d, amount, value_off)| Action::Stake {
                who,
                d,
                amount,
                value_off
            }),
        16 => (
            fit_actor(),
            target(),
            prop_oneof![3 => Just(true), 1 => Just(false)],
            prop_oneof![20 => 1..=100u8, 1 => Just(0u8), 1 => Just(101u8)]
        )
            .prop_map(|(who, target, approve, quality)| Action::Vote {
                who,
                target,
                approve,
                quality
            }),
        5 => (
            actor(),
            prop_oneof![
                6 => any::<Index>().prop_map(VoteSel::Open),
                1 => (target(), actor()).prop_map(|(t, v)| VoteSel::Any(t, v)),
            ]
        )
            .prop_map(|(who, vote)| Action::Settle { who, vote }),
        4 => (fit_actor(), fit_datanet()).prop_map(|(who, d)| Action::RequestUnstake { who, d }),
        3 => (fit_actor(), fit_datanet()).prop_map(|(who, d)| Action::Withdraw { who, d }),
        3 => fit_actor().prop_map(|who| Action::ClaimRefund { who }),
        4 => (actor(), split(), prop_oneof![
                4 => Just(0u16), 2 => Just(5_000u16), 1 => Just(10_000u16),
                1 => 1..=9_999u16, 1 => Just(10_001u16)
            ], attr())
            .prop_map(|(who, split, influence, attr)| Action::List {
                who,
                split,
                influence,
                attr
            }),
        2 => (fit_actor(), fit_model(), attr()).prop_map(|(who, m, attr)| Action::Publish { who, m, attr }),
        6 => (fit_actor(), fit_model(), token(), price())
            .prop_map(|(who, m, tok, price)| Action::SetPrice { who, m, tok, price }),
        20 => (
            actor(),
            fit_model(),
            token(),
            prop_oneof![
                8 => Just(None),
                6 => (1..=5u64).prop_map(Some),
                1 => prop_oneof![Just(0u64), Just(MAX_BATCH + 1)].prop_map(Some)
            ],
            prop_oneof![6 => Just(MaxPrice::Exact), 1 => Just(MaxPrice::Below), 3 => Just(MaxPrice::Above)],
            prop_oneof![12 => Just(false), 1 => Just(true)]
        )
            .prop_map(|(who, m, tok, count, max, value_off)| Action::Pay {
                who,
                m,
                tok,
                count,
                max,
                value_off
            }),
        2 => (fit_actor(), fit_model(), prop_oneof![
                6 => Just(AttestorSel::Real),
                1 => Just(AttestorSel::NotInSet),
                1 => Just(AttestorSel::Zero)
            ])
            .prop_map(|(who, m, attestor)| Action::SetModelAttestor { who, m, attestor }),
        4 => (
            prop_oneof![6 => Just(None), 1 => actor().prop_map(Some)],
            fit_model(),
            token(),
            [0..=3u8, 0..=3u8, 0..=3u8, 0..=3u8, 0..=3u8, 0..=3u8],
            0..=4u8,
            prop_oneof![
                8 => Just(CommitKind::Honest),
                1 => Just(CommitKind::Excess),
                1 => Just(CommitKind::Decrease)
            ]
        )
            .prop_map(|(sender, m, tok, weights, quarters, kind)| Action::Commit {
                sender,
                m,
                tok,
                weights,
                quarters,
                kind
            }),
        5 => (fit_actor(), fit_model(), token(), prop_oneof![8 => Just(false), 1 => Just(true)])
            .prop_map(|(who, m, tok, wrong)| Action::ClaimInfluence { who, m, tok, wrong }),
        12 => (
            fit_actor(),
            token(),
            prop_oneof![3 => Just(0xFFu8), 2 => any::<u8>()],
            prop_oneof![3 => Just(0xFFu8), 2 => any::<u8>()],
            prop_oneof![
                8 => Just(To::Own),
                2 => actor().prop_map(To::Actor),
                1 => Just(To::Zero)
            ]
        )
            .prop_map(|(who, tok, contributors, validators, to)| Action::Claim {
                who,
                tok,
                contributors,
                validators,
                to
            }),
        2 => (actor(), fit_datanet(), prop_oneof![6 => 0..=1u8, 1 => Just(2u8)], token())
            .prop_map(|(who, d, kind, tok)| Action::DistributePending { who, d, kind, tok }),
        1 => prop_oneof![3 => Just(None), 1 => actor().prop_map(Some)]
            .prop_map(|who| Action::Pause { who }),
        2 => prop_oneof![3 => Just(None), 1 => actor().prop_map(Some)]
            .prop_map(|who| Action::Unpause { who }),
    ]
}

/// A valid datanet creation (the warm-up).
fn valid_create() -> impl Strategy<Value = Action> {
    (
        actor(),
        any::<bool>(),
        1..=3u8,
        prop_oneof![Just(0u128), Just(50u128)],
    )
        .prop_map(|(who, validators, quorum, bond)| Action::CreateDatanet {
            who,
            validators,
            quorum: if validators { quorum } else { 0 },
            min_stake: if validators { 1_000 } else { 0 },
            bond,
            slash: 2_000,
            min_share: 3_000,
        })
}

/// The warm-up: 2-3 datanets and 2-4 stakes in them, then a model trained
/// on the first one or two, priced in the native token and the ERC-20,
/// with the attestor named.
fn warmup() -> impl Strategy<Value = Vec<Action>> {
    (
        (
            vec(valid_create(), 2..=3),
            vec((any::<Index>(), any::<Index>()), 2..=4),
        )
            .prop_map(|(mut actions, stakes)| {
                actions.extend(stakes.into_iter().map(|(who, d)| Action::Stake {
                    who: Pick::Fit(who),
                    d: Pick::Fit(d),
                    amount: 1_000,
                    value_off: false,
                }));
                actions
            }),
        actor(),
        prop_oneof![Just(0u16), Just(5_000u16), Just(10_000u16)],
        prop_oneof![Just(10_000u16), 1..=9_999u16],
        1..=10_000_000u128,
        1..=10_000_000u128,
    )
        .prop_map(|(mut actions, who, influence, w, native, erc20)| {
            let attr = if w == 10_000 {
                Attr {
                    ids: vec![1],
                    weights: vec![w],
                }
            } else {
                Attr {
                    ids: vec![1, 2],
                    weights: vec![w, 10_000 - w],
                }
            };
            actions.push(Action::List {
                who,
                split: (6_000, 3_000, 1_000),
                influence,
                attr,
            });
            for (tok, price) in [(Tok::Native, native), (Tok::Erc20, erc20)] {
                actions.push(Action::SetPrice {
                    who: Pick::Raw(who as u64),
                    m: Pick::Raw(1),
                    tok,
                    price,
                });
            }
            actions.push(Action::SetModelAttestor {
                who: Pick::Raw(who as u64),
                m: Pick::Raw(1),
                attestor: AttestorSel::Real,
            });
            actions
        })
}

fn case() -> impl Strategy<Value = (u16, Vec<Action>)> {
    (
        prop_oneof![Just(0u16), Just(500u16), Just(1_000u16)],
        warmup(),
        vec(action(), MIN_STEPS..=MAX_STEPS),
    )
        .prop_map(|(fee, mut warmup, actions)| {
            warmup.extend(actions);
            (fee, warmup)
        })
}

// ---------------------------------------------------------------------------
// Model

#[derive(Clone, Copy, Debug, Default)]
struct GValidator {
    stake: u128,
    eligible_from: u64,
    leaving: bool,
    open: u32,
}

#[derive(Clone, Debug)]
struct GDatanet {
    owner: usize,
    validators: bool,
    quorum: u8,
    min_stake: u128,
    bond: u128,
    slash: u16,
    min_share: u16,
    contents: BTreeSet<u8>,
    vals: [GValidator; NA],
}

#[derive(Clone, Copy, Debug)]
struct GVote {
    approve: bool,
    quality: u8,
    settled: bool,
}

const PENDING: u8 = 0;
const APPROVED: u8 = 1;
const REJECTED: u8 = 2;

#[derive(Clone, Debug)]
struct GContribution {
    d: u64,
    contributor: usize,
    status: u8,
    approvals: u8,
    rejections: u8,
    quality_sum: u64,
    votes: [Option<GVote>; NA],
}

#[derive(Clone, Debug)]
struct GPool {
    shares: [u128; NA],
    total: u128,
    disabled: bool,
    revenue: Vec<Q>,
    pending: Vec<Q>,
}

impl Default for GPool {
    fn default() -> Self {
        Self {
            shares: [0; NA],
            total: 0,
            disabled: false,
            revenue: vec![Q::zero(); NT],
            pending: vec![Q::zero(); NT],
        }
    }
}

#[derive(Clone, Debug)]
struct GModel {
    owner: usize,
    split: (u16, u16, u16),
    influence: u16,
    attr: Vec<(u64, u16)>,
    version: u64,
    /// Native, ERC-20, unlisted ERC-20.
    prices: [u128; 3],
    attested: bool,
    escrow: Vec<Q>,
    released: [u128; NT],
    /// Latest epoch's cumulative amounts per actor, and its total.
    epoch: [Option<([u128; NA], u128)>; NT],
    influence_claimed: [[u128; NA]; NT],
}

#[derive(Clone, Debug)]
struct Ghost {
    fee: u16,
    paused: bool,
    datanets: Vec<GDatanet>,
    contributions: Vec<GContribution>,
    refunds: [u128; NA],
    pools: BTreeMap<(u64, u8), GPool>,
    models: Vec<GModel>,
    /// Exact entitlement, `[token][actor]`.
    entitled: Vec<Vec<Q>>,
    /// Pool credits each actor took part in, `[token][actor]`.
    credits: [[u64; NA]; NT],
    claimed: [[u128; NA]; NT],
    deposited: [u128; NT],
    claimed_total: [u128; NT],
    /// Wallet balances: native, ERC-20, unlisted ERC-20.
    wallets: [[u128; NA]; 3],
}

impl Ghost {
    fn new(fee: u16) -> Self {
        Self {
            fee,
            paused: false,
            datanets: Vec::new(),
            contributions: Vec::new(),
            refunds: [0; NA],
            pools: BTreeMap::new(),
            models: Vec::new(),
            entitled: vec![vec![Q::zero(); NA]; NT],
            credits: [[0; NA]; NT],
            claimed: [[0; NA]; NT],
            deposited: [0; NT],
            claimed_total: [0; NT],
            wallets: [[FUND; NA]; 3],
        }
    }

    fn datanet(&self, d: u64) -> Option<&GDatanet> {
        (d >= 1)
            .then(|| self.datanets.get(d as usize - 1))
            .flatten()
    }

    fn model(&self, m: u64) -> Option<&GModel> {
        (m >= 1).then(|| self.models.get(m as usize - 1)).flatten()
    }

    fn pool(&mut self, d: u64, kind: u8) -> &mut GPool {
        self.pools.entry((d, kind)).or_default()
    }

    fn give(&mut self, t: usize, a: usize, x: &Q) {
        self.entitled[t][a] += x;
    }

    /// Credits `x` wei to a pool: held while it has no shares, else handed
    /// out with what it held, pro rata to the shares as they are now.
    fn credit(&mut self, t: usize, d: u64, kind: u8, x: Q) {
        let pool = self.pools.entry((d, kind)).or_default();
        pool.revenue[t] += &x;
        if pool.total == 0 {
            pool.pending[t] += x;
            return;
        }
        let x = x + std::mem::take(&mut pool.pending[t]);
        if x.is_zero() {
            return;
        }
        let total = q(pool.total);
        let shares = pool.shares;
        for (a, s) in shares.into_iter().enumerate() {
            if s > 0 {
                self.entitled[t][a] += &x * q(s) / &total;
                self.credits[t][a] += 1;
            }
        }
    }

    fn add_shares(&mut self, d: u64, kind: u8, a: usize, n: u128) {
        let pool = self.pool(d, kind);
        pool.shares[a] += n;
        pool.total += n;
    }

    fn fund_validator_pool(&mut self, d: u64, amount: u128) {
        if amount > 0 {
            self.credit(0, d, 1, q(amount));
            self.deposited[0] += amount;
        }
    }

    /// A fee of `amount` of token `t` for model `m`.
    fn route(&mut self, t: usize, m: u64, amount: u128) {
        let model = self.model(m).expect("routed model").clone();
        let total = q(amount);
        let protocol = bps(&total, self.fee);
        let rest = &total - &protocol;
        let (dev, data, val) = model.split;
        let developer = bps(&rest, dev);
        let data_share = bps(&rest, data);
        let escrow = bps(&data_share, model.influence);
        let pools_share = &data_share - &escrow;
        let validators = bps(&rest, val);
        self.give(t, 0, &protocol);
        self.give(t, model.owner, &developer);
        self.models[m as usize - 1].escrow[t] += escrow;
        for &(d, w) in &model.attr {
            let mut c = bps(&pools_share, w);
            let mut v = bps(&validators, w);
            if self.pool(d, 1).disabled {
                c += v;
                v = Q::zero();
            }
            if !c.is_zero() {
                self.credit(t, d, 0, c);
            }
            if !v.is_zero() {
                self.credit(t, d, 1, v);
            }
        }
        self.deposited[t] += amount;
    }

    /// Why a training record would be refused for a model with data share
    /// `data_bps` (empty: it is accepted).
    fn attr_fails(&self, attr: &Attr, data_bps: u16) -> Vec<&'static str> {
        let mut fails = Vec::new();
        if attr.ids.is_empty() || attr.ids.len() != attr.weights.len() {
            fails.push("attribution lengths");
            return fails;
        }
        let mut sum = 0u32;
        for (i, (&d, &w)) in attr.ids.iter().zip(&attr.weights).enumerate() {
            if d == 0 || attr.ids[..i].contains(&d) {
                fails.push("zero or repeated datanet");
            }
            if w == 0 {
                fails.push("zero weight");
            }
            sum += u32::from(w);
            match self.datanet(d) {
                None => fails.push("unknown datanet"),
                Some(dn) if data_bps < dn.min_share => fails.push("data share below minimum"),
                Some(_) => {}
            }
        }
        if sum != 10_000 {
            fails.push("weights do not sum to 10,000");
        }
        fails
    }

    /// Wei the registry holds: stakes, refunds owed, bonds of pending
    /// contributions.
    fn registry_holds(&self) -> (u128, u128, u128) {
        let stakes = self
            .datanets
            .iter()
            .flat_map(|d| d.vals.iter().map(|v| v.stake))
            .sum();
        let refunds = self.refunds.iter().sum();
        let bonds = self
            .contributions
            .iter()
            .filter(|c| c.status == PENDING)
            .map(|c| self.datanets[c.d as usize - 1].bond)
            .sum();
        (stakes, refunds, bonds)
    }

    /// `(contribution, validator)` of every unsettled vote.
    fn open_votes(&self) -> Vec<(u64, usize)> {
        let mut open = Vec::new();
        for (i, c) in self.contributions.iter().enumerate() {
            for (v, vote) in c.votes.iter().enumerate() {
                if matches!(vote, Some(vote) if !vote.settled) {
                    open.push((i as u64 + 1, v));
                }
            }
        }
        open
    }

    fn resolve(&self, target: &Target) -> u64 {
        let count = self.contributions.len() as u64;
        match target {
            Target::Pending(i) => {
                let pending: Vec<u64> = (1..=count)
                    .filter(|&c| self.contributions[c as usize - 1].status == PENDING)
                    .collect();
                if pending.is_empty() {
                    count + 1
                } else {
                    pending[i.index(pending.len())]
                }
            }
            Target::Any(i) => {
                if count == 0 {
                    1
                } else {
                    i.index(count as usize) as u64 + 1
                }
            }
            Target::Raw(c) => *c,
        }
    }

    /// The registry finalizes contribution `c` (approved or rejected).
    fn finalize(&mut self, c: u64, approve: bool) {
        let (d, contributor, weight) = {
            let rec = &mut self.contributions[c as usize - 1];
            rec.status = if approve { APPROVED } else { REJECTED };
            let weight = if approve {
                rec.quality_sum / u64::from(rec.approvals)
            } else {
                0
            };
            (rec.d, rec.contributor, weight)
        };
        let dn = &self.datanets[d as usize - 1];
        let (bond, validators, owner) = (dn.bond, dn.validators, dn.owner);
        if approve {
            self.refunds[contributor] += bond;
            self.add_shares(d, 0, contributor, u128::from(weight));
        } else if validators {
            self.fund_validator_pool(d, bond);
        } else {
            self.refunds[owner] += bond;
        }
    }
}

// ---------------------------------------------------------------------------
// Contracts and observation

struct World {
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    attribution: Contract<Attribution>,
    market: Contract<ModelMarket>,
    erc20: Contract<MockErc20>,
    unlisted: Contract<MockErc20>,
    wallets: Vec<Contract<Wallet>>,
    /// The latest committed epoch per `(model, token)`.
    epochs: RefCell<BTreeMap<(u64, usize), Payouts>>,
    /// Native wei in all wallets and programs after the deployment.
    native_total: Cell<U256>,
}

type PoolView = (U256, U256, U256, U256);
type TokenView = (bool, bool, U256, U256, U256);

/// Everything the test reads back after a step.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Obs {
    /// Wallets, then registry, splitter, market, attribution.
    native: Vec<U256>,
    /// Wallets, then registry, splitter, market, attribution.
    erc20: Vec<U256>,
    unlisted: Vec<U256>,
    tokens: [TokenView; NT],
    paused: bool,
    /// `[token][actor]`, over all pools of all datanets.
    claimable: Vec<Vec<(U256, U256)>>,
    /// `[datanet - 1][kind][token]`.
    pools: Vec<[[PoolView; NT]; 2]>,
    /// `[model - 1][token]`.
    escrow: Vec<[(U256, U256); NT]>,
    /// `[model - 1][token]`: epoch count.
    epochs: Vec<[U256; NT]>,
    /// `[datanet - 1][actor]`.
    validators: Vec<Vec<(U256, U256, u64, u32)>>,
    refunds: Vec<U256>,
    counts: (U256, U256, U256),
    models: Vec<(Address, u8, U256, u16, u16, u16, u16)>,
    events: [usize; 6],
}

impl World {
    fn deploy(fee: u16) -> Self {
        let world = Self {
            registry: Contract::new(),
            splitter: Contract::new(),
            attribution: Contract::new(),
            market: Contract::new(),
            erc20: Contract::new(),
            unlisted: Contract::new(),
            wallets: (0..NA).map(|_| Contract::new()).collect(),
            epochs: RefCell::new(BTreeMap::new()),
            native_total: Cell::new(U256::ZERO),
        };
        let (sp, reg, att, mk) = (
            &world.splitter,
            &world.registry,
            &world.attribution,
            &world.market,
        );
        sp.sender(ADMIN)
            .constructor(ADMIN, world.addr(0), fee)
            .motsu_unwrap();
        reg.sender(ADMIN)
            .constructor(sp.address(), Address::ZERO, 0)
            .motsu_unwrap();
        for (id, account) in [
            (REGISTRY_ROLE, reg.address()),
            (MARKET_ROLE, mk.address()),
            (ATTRIBUTION_ROLE, att.address()),
            (PAUSER_ROLE, ADMIN),
        ] {
            sp.sender(ADMIN)
                .grant_role(role(id), account)
                .motsu_unwrap();
        }
        sp.sender(ADMIN)
            .set_token_allowed(world.erc20.address(), true)
            .motsu_unwrap();
        att.sender(ADMIN)
            .constructor(ADMIN, reg.address(), sp.address())
            .motsu_unwrap();
        att.sender(ADMIN)
            .grant_role(role(attribution::MARKET_ROLE), mk.address())
            .motsu_unwrap();
        att.sender(ADMIN)
            .set_attestor(ATTESTOR, true)
            .motsu_unwrap();
        mk.sender(ADMIN)
            .constructor(sp.address(), att.address())
            .motsu_unwrap();
        for a in 0..NA {
            let who = world.addr(a);
            who.fund(u(FUND));
            for token in [&world.erc20, &world.unlisted] {
                token.sender(ADMIN).mint(who, u(FUND)).motsu_unwrap();
                token
                    .sender(who)
                    .approve(mk.address(), U256::MAX)
                    .motsu_unwrap();
            }
        }
        let o = world.observe();
        world.native_total.set(o.native.iter().sum());
        world
    }

    fn addr(&self, a: usize) -> Address {
        self.wallets[a].address()
    }

    fn token(&self, t: Tok) -> Address {
        match t {
            Tok::Native => Address::ZERO,
            Tok::Erc20 => self.erc20.address(),
            Tok::Unlisted => self.unlisted.address(),
        }
    }

    fn holders(&self) -> Vec<Address> {
        let mut all: Vec<Address> = (0..NA).map(|a| self.addr(a)).collect();
        all.extend([
            self.registry.address(),
            self.splitter.address(),
            self.market.address(),
            self.attribution.address(),
        ]);
        all
    }

    fn datanet_count(&self) -> u64 {
        self.registry.sender(ADMIN).config().3.to::<u64>()
    }

    fn model_count(&self) -> u64 {
        self.market.sender(ADMIN).model_count().to::<u64>()
    }

    fn observe(&self) -> Obs {
        let me = ADMIN;
        let sp = &self.splitter;
        let toks = [Tok::Native, Tok::Erc20].map(|t| self.token(t));
        let nd = self.datanet_count();
        let nm = self.model_count();
        let ids: Vec<U256> = (1..=nd).map(U256::from).collect();
        let holders = self.holders();
        Obs {
            native: holders.iter().map(|&h| common::native_balance(h)).collect(),
            erc20: holders
                .iter()
                .map(|&h| self.erc20.sender(me).balance_of(h))
                .collect(),
            unlisted: holders
                .iter()
                .map(|&h| self.unlisted.sender(me).balance_of(h))
                .collect(),
            tokens: toks.map(|t| sp.sender(me).token_info(t)),
            paused: sp.sender(me).paused(),
            claimable: toks
                .iter()
                .map(|&t| {
                    (0..NA)
                        .map(|a| {
                            sp.sender(me)
                                .claimable(self.addr(a), t, ids.clone(), ids.clone())
                                .motsu_unwrap()
                        })
                        .collect()
                })
                .collect(),
            pools: (1..=nd)
                .map(|d| {
                    [0u8, 1].map(|kind| {
                        toks.map(|t| {
                            sp.sender(me)
                                .pool_info(U256::from(d), kind, t)
                                .motsu_unwrap()
                        })
                    })
                })
                .collect(),
            escrow: (1..=nm)
                .map(|m| toks.map(|t| sp.sender(me).escrow(U256::from(m), t)))
                .collect(),
            epochs: (1..=nm)
                .map(|m| toks.map(|t| self.attribution.sender(me).epoch_count(U256::from(m), t)))
                .collect(),
            validators: (1..=nd)
                .map(|d| {
                    (0..NA)
                        .map(|a| {
                            self.registry
                                .sender(me)
                                .validator(U256::from(d), self.addr(a))
                        })
                        .collect()
                })
                .collect(),
            refunds: (0..NA)
                .map(|a| self.registry.sender(me).refund_of(self.addr(a)))
                .collect(),
            counts: {
                let config = self.registry.sender(me).config();
                (config.3, config.4, U256::from(nm))
            },
            models: (1..=nm)
                .map(|m| {
                    let v = self.market.sender(me).model(U256::from(m)).motsu_unwrap();
                    (v.0, v.2, v.3, v.4, v.5, v.6, v.7)
                })
                .collect(),
            events: [
                self.registry.all_events().len(),
                sp.all_events().len(),
                self.attribution.all_events().len(),
                self.market.all_events().len(),
                self.erc20.all_events().len(),
                self.unlisted.all_events().len(),
            ],
        }
    }
}

// ---------------------------------------------------------------------------
// Steps

thread_local! {
    static TALLY: RefCell<BTreeMap<String, [u64; 2]>> = const { RefCell::new(BTreeMap::new()) };
    /// Why the model expected the last failure.
    static REASON: Cell<&'static str> = const { Cell::new("") };
}

fn tally(what: &str, ok: bool) {
    TALLY.with(|t| {
        t.borrow_mut().entry(what.to_string()).or_default()[usize::from(!ok)] += 1;
    });
}

/// Checks that `res` succeeded iff `fails` is empty (`fails` lists why the
/// model expects a failure).
fn expect<T: Debug, E: Debug>(
    call: String,
    fails: &[&'static str],
    res: &Result<T, E>,
) -> Result<bool, TestCaseError> {
    let first = fails.first().copied().unwrap_or("");
    REASON.with(|r| r.set(first));
    common::expect_outcome(&call, fails, res, |_| first)?;
    Ok(res.is_ok())
}

impl World {
    /// Runs one action against the contracts and the model; returns
    /// whether it succeeded.
    #[allow(clippy::too_many_lines)]
    fn step(&self, g: &mut Ghost, action: &Action) -> Result<bool, TestCaseError> {
        let reg = &self.registry;
        let sp = &self.splitter;
        let mk = &self.market;
        let att = &self.attribution;
        let mut fails: Vec<&'static str> = Vec::new();
        let nd = g.datanets.len();
        let nm = g.models.len();
        let all_datanets: Vec<u64> = (1..=nd as u64).collect();
        let validator_datanets: Vec<u64> = all_datanets
            .iter()
            .copied()
            .filter(|&d| g.datanets[d as usize - 1].validators)
            .collect();
        let all_models: Vec<u64> = (1..=nm as u64).collect();
        let actors_where =
            |f: &dyn Fn(usize) -> bool| -> Vec<usize> { (0..NA).filter(|&a| f(a)).collect() };
        let owner_of =
            |m: u64| -> Vec<usize> { g.model(m).map(|model| model.owner).into_iter().collect() };
        match action {
            Action::CreateDatanet {
                who,
                validators,
                quorum,
                min_stake,
                bond,
                slash,
                min_share,
            } => {
                let mode = if *validators {
                    REVIEW_VALIDATORS
                } else {
                    REVIEW_OWNER
                };
                if *validators && (*quorum == 0 || *min_stake == 0) {
                    fails.push("validator review without quorum or minimum stake");
                }
                if !*validators && (*quorum != 0 || *min_stake != 0) {
                    fails.push("owner review with a quorum or minimum stake");
                }
                if *slash > 10_000 || *min_share > 10_000 {
                    fails.push("bps above 10,000");
                }
                let res = reg
                    .sender(self.addr(*who))
                    .create_datanet(
                        "ipfs://datanet".into(),
                        B256::repeat_byte(0xAA),
                        "CC-BY-4.0".into(),
                        mode,
                        *quorum,
                        u(*min_stake),
                        u(*bond),
                        *slash,
                        *min_share,
                    )
                    .motsu_res();
                let ok = expect(format!("{action:?}"), &fails, &res)?;
                if ok {
                    let id = g.datanets.len() as u64 + 1;
                    prop_assert_eq!(res.unwrap(), U256::from(id), "datanet id");
                    g.datanets.push(GDatanet {
                        owner: *who,
                        validators: *validators,
                        quorum: *quorum,
                        min_stake: *min_stake,
                        bond: *bond,
                        slash: *slash,
                        min_share: *min_share,
                        contents: BTreeSet::new(),
                        vals: [GValidator::default(); NA],
                    });
                    if !*validators {
                        g.pool(id, 1).disabled = true;
                    }
                }
                Ok(ok)
            }
            Action::Contribute {
                who,
                d,
                content: n,
                value_off,
            } => {
                let d = &d.among(&all_datanets, nd, 1);
                let bond = g.datanet(*d).map_or(0, |dn| dn.bond);
                let value = if *value_off { bond + 1 } else { bond };
                match g.datanet(*d) {
                    None => fails.push("unknown datanet"),
                    Some(dn) => {
                        if dn.contents.contains(n) {
                            fails.push("duplicate content");
                        }
                    }
                }
                if *n == 0 {
                    fails.push("zero hash");
                }
                if *value_off {
                    fails.push("wrong value");
                }
                let res = reg
                    .sender_and_value(self.addr(*who), u(value))
                    .contribute(U256::from(*d), content(*n), String::new())
                    .motsu_res();
                let ok = expect(format!("{action:?}"), &fails, &res)?;
                if ok {
                    let id = g.contributions.len() as u64 + 1;
                    prop_assert_eq!(res.unwrap(), U256::from(id), "contribution id");
                    g.datanets[*d as usize - 1].contents.insert(*n);
                    g.contributions.push(GContribution {
                        d: *d,
                        contributor: *who,
                        status: PENDING,
                        approvals: 0,
                        rejections: 0,
                        quality_sum: 0,
                        votes: [None; NA],
                    });
                    g.wallets[0][*who] -= value;
                }
                Ok(ok)
            }
            Action::Stake {
                who,
                d,
                amount,
                value_off,
            } => {
                let d = &d.among(&validator_datanets, nd, 1);
                let who = &who.actor(&actors_where(&|a| {
                    g.datanet(*d).is_some_and(|dn| !dn.vals[a].leaving)
                }));
                let value = if *value_off { amount + 1 } else { *amount };
                if *amount == 0 {
                    fails.push("zero amount");
                }
                match g.datanet(*d) {
                    None => fails.push("unknown datanet"),
                    Some(dn) if !dn.validators => fails.push("owner-reviewed datanet"),
                    Some(dn) => {
                        let v = dn.vals[*who];
                        if v.leaving {
                            fails.push("leaving");
                        }
                        if v.stake == 0 && *amount < dn.min_stake {
                            fails.push("first stake below minimum");
                        }
                    }
                }
                if *value_off {
                    fails.push("wrong value");
                }
                let res = reg
                    .sender_and_value(self.addr(*who), u(value))
                    .stake(U256::from(*d), u(*amount))
                    .motsu_res();
                let ok = expect(format!("{action:?}"), &fails, &res)?;
                if ok {
                    let next = g.contributions.len() as u64 + 1;
                    let v = &mut g.datanets[*d as usize - 1].vals[*who];
                    if v.stake == 0 {
                        v.eligible_from = next;
                    }
                    v.stake += amount;
                    g.wallets[0][*who] -= amount;
                }
                Ok(ok)
            }
            Action::Vote {
                who,
                target,
                approve,
                quality,
            } => {
                let c = g.resolve(target);
                let who = &who.actor(&actors_where(&|a| {
                    let Some(rec) = (c >= 1)
                        .then(|| g.contributions.get(c as usize - 1))
                        .flatten()
                    else {
                        return false;
                    };
                    let dn = &g.datanets[rec.d as usize - 1];
                    let v = dn.vals[a];
                    if dn.validators {
                        v.stake > 0
                            && v.stake >= dn.min_stake
                            && !v.leaving
                            && v.eligible_from <= c
                            && rec.votes[a].is_none()
                    } else {
                        dn.owner == a
                    }
                }));
                if !(1..=100).contains(quality) {
                    fails.push("quality out of range");
                }
                let rec = (c >= 1)
                    .then(|| g.contributions.get(c as usize - 1))
                    .flatten();
                let mut decides = None;
                match rec {
                    None => fails.push("unknown contribution"),
                    Some(rec) if rec.status != PENDING => fails.push("finalized"),
                    Some(rec) => {
                        let dn = &g.datanets[rec.d as usize - 1];
                        if dn.validators {
                            let v = dn.vals[*who];
                            if v.stake == 0 {
                                fails.push("not a validator");
                            }
                            if v.leaving {
                                fails.push("leaving");
                            }
                            if v.stake < dn.min_stake {
                                fails.push("stake below minimum");
                            }
                            if v.eligible_from > c {
                                fails.push("staked after submission");
                            }
                            if rec.votes[*who].is_some() {
                                fails.push("already voted");
                            }
                            let tally = if *approve {
                                rec.approvals
                            } else {
                                rec.rejections
                            } + 1;
                            if tally == dn.quorum {
                                decides = Some(*approve);
                            }
                        } else {
                            if dn.owner != *who {
                                fails.push("not the owner");
                            }
                            decides = Some(*approve);
                        }
                    }
                }
                let res = reg
                    .sender(self.addr(*who))
                    .vote(U256::from(c), *approve, *quality)
                    .motsu_res();
                let ok = expect(format!("{action:?} on #{c}"), &fails, &res)?;
                if ok {
                    let d = g.contributions[c as usize - 1].d;
                    let validators = g.datanets[d as usize - 1].validators;
                    let rec = &mut g.contributions[c as usize - 1];
                    if *approve {
                        rec.approvals += 1;
                        rec.quality_sum += u64::from(*quality);
                    } else {
                        rec.rejections += 1;
                    }
                    if validators {
                        rec.votes[*who] = Some(GVote {
                            approve: *approve,
                            quality: *quality,
                            settled: false,
                        });
                        g.datanets[d as usize - 1].vals[*who].open += 1;
                    }
                    if let Some(approve) = decides {
                        g.finalize(c, approve);
                    }
                }
                Ok(ok)
            }
            Action::Settle { who, vote } => {
                let (c, v) = match vote {
                    VoteSel::Open(i) => {
                        let open = g.open_votes();
                        if open.is_empty() {
                            (0, 0)
                        } else {
                            open[i.index(open.len())]
                        }
                    }
                    VoteSel::Any(t, v) => (g.resolve(t), *v),
                };
                let rec = (c >= 1)
                    .then(|| g.contributions.get(c as usize - 1))
                    .flatten();
                let open = rec.and_then(|r| r.votes[v]).filter(|vote| !vote.settled);
                match (rec, open) {
                    (Some(rec), Some(_)) => {
                        let val = g.datanets[rec.d as usize - 1].vals[v];
                        if rec.status == PENDING && !val.leaving {
                            fails.push("pending and not leaving");
                        }
                    }
                    _ => fails.push("no open vote"),
                }
                let res = reg
                    .sender(self.addr(*who))
                    .settle_vote(U256::from(c), self.addr(v))
                    .motsu_res();
                let ok = expect(
                    format!("{action:?}: settle #{c} of actor {v}"),
                    &fails,
                    &res,
                )?;
                if ok {
                    let rec = g.contributions[c as usize - 1].clone();
                    let vote = rec.votes[v].unwrap();
                    let d = rec.d;
                    let slash = g.datanets[d as usize - 1].slash;
                    g.contributions[c as usize - 1].votes[v] = Some(GVote {
                        settled: true,
                        ..vote
                    });
                    g.datanets[d as usize - 1].vals[v].open -= 1;
                    if rec.status == PENDING {
                        let r = &mut g.contributions[c as usize - 1];
                        if vote.approve {
                            r.approvals -= 1;
                            r.quality_sum -= u64::from(vote.quality);
                        } else {
                            r.rejections -= 1;
                        }
                    } else if (rec.status == APPROVED) == vote.approve {
                        g.add_shares(d, 1, v, 1);
                    } else {
                        let val = &mut g.datanets[d as usize - 1].vals[v];
                        let slashed = val.stake * u128::from(slash) / 10_000;
                        val.stake -= slashed;
                        g.fund_validator_pool(d, slashed);
                    }
                }
                Ok(ok)
            }
            Action::RequestUnstake { who, d } => {
                let d = &d.among(&validator_datanets, nd, 1);
                let who = &who.actor(&actors_where(&|a| {
                    g.datanet(*d)
                        .is_some_and(|dn| dn.vals[a].stake > 0 && !dn.vals[a].leaving)
                }));
                match g.datanet(*d).map(|dn| dn.vals[*who]) {
                    Some(v) if v.stake > 0 => {
                        if v.leaving {
                            fails.push("leaving");
                        }
                    }
                    _ => fails.push("not a validator"),
                }
                let res = reg
                    .sender(self.addr(*who))
                    .request_unstake(U256::from(*d))
                    .motsu_res();
                let ok = expect(format!("{action:?}"), &fails, &res)?;
                if ok {
                    g.datanets[*d as usize - 1].vals[*who].leaving = true;
                }
                Ok(ok)
            }
            Action::Withdraw { who, d } => {
                let d = &d.among(&validator_datanets, nd, 1);
                let who = &who.actor(&actors_where(&|a| {
                    g.datanet(*d).is_some_and(|dn| dn.vals[a].leaving)
                }));
                match g.datanet(*d).map(|dn| dn.vals[*who]) {
                    Some(v) if v.leaving => {
                        if v.open > 0 {
                            fails.push("unsettled votes");
                        }
                    }
                    _ => fails.push("unstake not requested"),
                }
                let res = reg
                    .sender(self.addr(*who))
                    .withdraw_stake(U256::from(*d))
                    .motsu_res();
                let ok = expect(format!("{action:?}"), &fails, &res)?;
                if ok {
                    let v = &mut g.datanets[*d as usize - 1].vals[*who];
                    g.wallets[0][*who] += v.stake;
                    *v = GValidator::default();
                }
                Ok(ok)
            }
            Action::ClaimRefund { who } => {
                let who = &who.actor(&actors_where(&|a| g.refunds[a] > 0));
                if g.refunds[*who] == 0 {
                    fails.push("nothing to claim");
                }
                let res = reg.sender(self.addr(*who)).claim_refund().motsu_res();
                let ok = expect(format!("{action:?}"), &fails, &res)?;
                if ok {
                    g.wallets[0][*who] += std::mem::take(&mut g.refunds[*who]);
                }
                Ok(ok)
            }
            Action::List {
                who,
                split,
                influence,
                attr,
            } => {
                let (dev, data, val) = *split;
                if u32::from(dev) + u32::from(data) + u32::from(val) != 10_000 {
                    fails.push("invalid split");
                }
                if *influence > 10_000 {
                    fails.push("invalid influence");
                }
                fails.extend(g.attr_fails(attr, data));
                let res = mk
                    .sender(self.addr(*who))
                    .list_model(
                        "ipfs://model".into(),
                        B256::repeat_byte(0xAF),
                        "llama".into(),
                        dev,
                        data,
                        val,
                        *influence,
                        attr.ids.iter().map(|&d| U256::from(d)).collect(),
                        attr.weights.clone(),
                        B256::repeat_byte(0x3F),
                    )
                    .motsu_res();
                let ok = expect(format!("{action:?}"), &fails, &res)?;
                if ok {
                    let id = g.models.len() as u64 + 1;
                    prop_assert_eq!(res.unwrap(), U256::from(id), "model id");
                    g.models.push(GModel {
                        owner: *who,
                        split: *split,
                        influence: *influence,
                        attr: attr.ids.iter().copied().zip(attr.weights.clone()).collect(),
                        version: 1,
                        prices: [0; 3],
                        attested: false,
                        escrow: vec![Q::zero(); NT],
                        released: [0; NT],
                        epoch: [None; NT],
                        influence_claimed: [[0; NA]; NT],
                    });
                }
                Ok(ok)
            }
            Action::Publish { who, m, attr } => {
                let m = &m.among(&all_models, nm, 1);
                let who = &who.actor(&owner_of(*m));
                match g.model(*m) {
                    None => fails.push("unknown model"),
                    Some(model) => {
                        if model.owner != *who {
                            fails.push("not the owner");
                        }
                        fails.extend(g.attr_fails(attr, model.split.1));
                    }
                }
                let res = mk
                    .sender(self.addr(*who))
                    .publish_version(
                        U256::from(*m),
                        B256::repeat_byte(0xB0),
                        attr.ids.iter().map(|&d| U256::from(d)).collect(),
                        attr.weights.clone(),
                        B256::repeat_byte(0x3E),
                    )
                    .motsu_res();
                let ok = expect(format!("{action:?}"), &fails, &res)?;
                if ok {
                    let model = &mut g.models[*m as usize - 1];
                    model.version += 1;
                    prop_assert_eq!(res.unwrap(), U256::from(model.version), "version");
                    model.attr = attr.ids.iter().copied().zip(attr.weights.clone()).collect();
                }
                Ok(ok)
            }
            Action::SetPrice { who, m, tok, price } => {
                let m = &m.among(&all_models, nm, 1);
                let who = &who.actor(&owner_of(*m));
                match g.model(*m) {
                    None => fails.push("unknown model"),
                    Some(model) if model.owner != *who => fails.push("not the owner"),
                    Some(_) => {}
                }
                let res = mk
                    .sender(self.addr(*who))
                    .set_price(U256::from(*m), self.token(*tok), u(*price))
                    .motsu_res();
                let ok = expect(format!("{action:?}"), &fails, &res)?;
                if ok {
                    g.models[*m as usize - 1].prices[tok.price_slot()] = *price;
                }
                Ok(ok)
            }
            Action::Pay {
                who,
                m,
                tok,
                count,
                max,
                value_off,
            } => {
                let priced: Vec<u64> = all_models
                    .iter()
                    .copied()
                    .filter(|&m| g.models[m as usize - 1].prices[tok.price_slot()] > 0)
                    .collect();
                let m = &m.among(&priced, nm, 1);
                let n = count.unwrap_or(1);
                if n == 0 || n > MAX_BATCH {
                    fails.push("invalid count");
                }
                let price = g
                    .model(*m)
                    .map_or(0, |model| model.prices[tok.price_slot()]);
                if g.model(*m).is_none() {
                    fails.push("unknown model");
                }
                if price == 0 {
                    fails.push("token not accepted");
                }
                let max_price = match max {
                    MaxPrice::Exact => u(price),
                    MaxPrice::Below => u(price.saturating_sub(1)),
                    MaxPrice::Above => U256::MAX,
                };
                if u(price) > max_price {
                    fails.push("price above max");
                }
                let amount = price * u128::from(n);
                let expected = if *tok == Tok::Native { amount } else { 0 };
                let value = if *value_off { expected + 1 } else { expected };
                if *value_off {
                    fails.push("wrong value");
                }
                if g.paused {
                    fails.push("splitter paused");
                }
                if tok.index().is_none() {
                    fails.push("token unknown to the splitter");
                }
                let request = B256::repeat_byte(0x11);
                let res = match count {
                    None => mk
                        .sender_and_value(self.addr(*who), u(value))
                        .pay(U256::from(*m), self.token(*tok), max_price, request)
                        .motsu_res(),
                    Some(n) => mk
                        .sender_and_value(self.addr(*who), u(value))
                        .pay_batch(
                            U256::from(*m),
                            self.token(*tok),
                            U256::from(*n),
                            max_price,
                            request,
                        )
                        .motsu_res(),
                };
                let ok = expect(format!("{action:?} at price {price}"), &fails, &res)?;
                if ok {
                    let t = tok.index().unwrap();
                    g.wallets[tok.price_slot()][*who] -= amount;
                    g.route(t, *m, amount);
                }
                Ok(ok)
            }
            Action::SetModelAttestor { who, m, attestor } => {
                let m = &m.among(&all_models, nm, 1);
                let who = &who.actor(&owner_of(*m));
                match g.model(*m) {
                    None => fails.push("unknown model"),
                    Some(model) if model.owner != *who => fails.push("not the owner"),
                    Some(_) => {}
                }
                let account = match attestor {
                    AttestorSel::Real => ATTESTOR,
                    AttestorSel::NotInSet => {
                        fails.push("not in the attestor set");
                        NOT_ATTESTOR
                    }
                    AttestorSel::Zero => Address::ZERO,
                };
                let res = mk
                    .sender(self.addr(*who))
                    .set_model_attestor(U256::from(*m), account)
                    .motsu_res();
                let ok = expect(format!("{action:?}"), &fails, &res)?;
                if ok {
                    g.models[*m as usize - 1].attested = matches!(attestor, AttestorSel::Real);
                }
                Ok(ok)
            }
            Action::Commit {
                sender,
                m,
                tok,
                weights,
                quarters,
                kind,
            } => {
                let attested: Vec<u64> = all_models
                    .iter()
                    .copied()
                    .filter(|&m| g.models[m as usize - 1].attested)
                    .collect();
                let m = &m.among(&attested, nm, 1);
                let from = sender.map_or(ATTESTOR, |a| self.addr(a));
                match g.model(*m) {
                    Some(model) if model.attested && sender.is_none() => {}
                    _ => fails.push("not the model's attestor"),
                }
                let t = tok.index();
                let escrowed = match (g.model(*m), t) {
                    (Some(model), Some(t)) => floor(&model.escrow[t]),
                    _ => 0,
                };
                let (previous, previous_total) = match (g.model(*m), t) {
                    (Some(model), Some(t)) => model.epoch[t].unwrap_or(([0; NA], 0)),
                    _ => ([0; NA], 0),
                };
                // Honest amounts: a share of what is left, by the weights.
                let add = (escrowed - previous_total) * u128::from(*quarters) / 4;
                let sum: u128 = weights.iter().map(|&w| u128::from(w)).sum();
                let mut amounts = previous;
                for (amount, &w) in amounts.iter_mut().zip(weights) {
                    *amount += (add * u128::from(w)).checked_div(sum).unwrap_or(0);
                }
                let honest_total: u128 = amounts.iter().sum();
                let total = match kind {
                    CommitKind::Honest => honest_total,
                    CommitKind::Excess => {
                        fails.push("total above the escrow");
                        escrowed + 1
                    }
                    CommitKind::Decrease if previous_total > 0 => {
                        fails.push("total decreased");
                        previous_total - 1
                    }
                    CommitKind::Decrease => {
                        fails.push("total above the escrow");
                        escrowed + 1
                    }
                };
                let payouts = Payouts::new(
                    att.address(),
                    *m,
                    self.token(*tok),
                    (0..NA).map(|a| (self.addr(a), u(amounts[a]))).collect(),
                );
                let res = att
                    .sender(from)
                    .commit_epoch(
                        U256::from(*m),
                        self.token(*tok),
                        payouts.root(),
                        report_hash(payouts.root()),
                        u(total),
                    )
                    .motsu_res();
                let ok = expect(
                    format!("{action:?}: total {total}, escrowed {escrowed}"),
                    &fails,
                    &res,
                )?;
                if ok {
                    // Only the attestor of a listed model commits, so the
                    // token is listed: an unlisted token has no escrow, and
                    // a total of 0 is accepted for it.
                    let slot = tok.price_slot();
                    if slot < NT {
                        g.models[*m as usize - 1].epoch[slot] = Some((amounts, total));
                    }
                    self.epochs.borrow_mut().insert((*m, slot), payouts);
                }
                Ok(ok)
            }
            Action::ClaimInfluence { who, m, tok, wrong } => {
                let epochs = self.epochs.borrow();
                // `Fit`: a model and token with an epoch.
                let committed: Vec<(u64, usize)> = epochs.keys().copied().collect();
                let (m, tok) = match m {
                    Pick::Fit(i) if !committed.is_empty() => {
                        let (m, slot) = committed[i.index(committed.len())];
                        (m, [Tok::Native, Tok::Erc20, Tok::Unlisted][slot])
                    }
                    m => (m.among(&[], nm, 1), *tok),
                };
                let (m, tok) = (&m, &tok);
                let slot = tok.price_slot();
                let who = &who.actor(&actors_where(&|a| {
                    g.model(*m).is_some_and(|model| {
                        slot < NT
                            && model.epoch[slot]
                                .is_some_and(|(cum, _)| cum[a] > model.influence_claimed[slot][a])
                    })
                }));
                let payouts = epochs.get(&(*m, slot));
                let (amount, proof) = match payouts {
                    Some(p) => (
                        p.amount(self.addr(*who)) + u(u128::from(*wrong)),
                        p.proof(self.addr(*who)),
                    ),
                    None => {
                        fails.push("no epoch");
                        (U256::from(1), Vec::new())
                    }
                };
                if *wrong {
                    fails.push("wrong amount");
                }
                let mut release = 0;
                if payouts.is_some() && !*wrong {
                    match tok.index() {
                        Some(t) => {
                            let model = &g.models[*m as usize - 1];
                            let cumulative = model.epoch[t].unwrap().0[*who];
                            let claimed = model.influence_claimed[t][*who];
                            if cumulative <= claimed {
                                fails.push("nothing to claim");
                            }
                            release = cumulative.saturating_sub(claimed);
                        }
                        None => {
                            // Epochs of an unlisted token have total 0.
                            if amount.is_zero() {
                                fails.push("nothing to claim");
                            } else {
                                fails.push("total exceeded");
                            }
                        }
                    }
                }
                let res = att
                    .sender(self.addr(*who))
                    .claim_influence(U256::from(*m), self.token(*tok), amount, proof)
                    .motsu_res();
                drop(epochs);
                let ok = expect(format!("{action:?}"), &fails, &res)?;
                if ok {
                    prop_assert_eq!(res.unwrap(), u(release), "influence released");
                    let t = tok.index().unwrap();
                    let model = &mut g.models[*m as usize - 1];
                    model.influence_claimed[t][*who] += release;
                    model.released[t] += release;
                    g.give(t, *who, &q(release));
                }
                Ok(ok)
            }
            Action::Claim {
                who,
                tok,
                contributors,
                validators,
                to,
            } => {
                let who = &who.actor(&actors_where(&|a| {
                    tok.index()
                        .is_some_and(|t| &g.entitled[t][a] - q(g.claimed[t][a]) >= q(1))
                }));
                let n = g.datanets.len() as u64;
                // Datanets of the mask, and the unknown datanet n + 1 for
                // bit 7.
                let pick = |mask: u8| -> Vec<U256> {
                    let mut ids: Vec<u64> = (1..=n)
                        .filter(|&d| mask == 0xFF || (d <= 7 && mask & (1 << (d - 1)) != 0))
                        .collect();
                    if mask & 0x80 != 0 && mask != 0xFF {
                        ids.push(n + 1);
                    }
                    ids.into_iter().map(U256::from).collect()
                };
                let (cs, vs) = (pick(*contributors), pick(*validators));
                let recipient = match to {
                    To::Own => Some(*who),
                    To::Actor(a) => Some(*a),
                    To::Zero => None,
                };
                if recipient.is_none() {
                    fails.push("zero recipient");
                }
                let token = self.token(*tok);
                let view = sp
                    .sender(ADMIN)
                    .claimable(self.addr(*who), token, cs.clone(), vs.clone())
                    .motsu_unwrap();
                match tok.index() {
                    None => fails.push("unknown token"),
                    Some(_) if view.0.is_zero() => fails.push("nothing to claim"),
                    Some(_) => {}
                }
                let res = sp
                    .sender(self.addr(*who))
                    .claim(
                        token,
                        cs,
                        vs,
                        recipient.map_or(Address::ZERO, |a| self.addr(a)),
                    )
                    .motsu_res();
                let ok = expect(format!("{action:?}: claimable {view:?}"), &fails, &res)?;
                if ok {
                    let amount = res.unwrap();
                    prop_assert_eq!(amount, view.0, "claim pays what claimable shows");
                    let amount = amount.to::<u128>();
                    let t = tok.index().unwrap();
                    g.claimed[t][*who] += amount;
                    g.claimed_total[t] += amount;
                    g.wallets[tok.price_slot()][recipient.unwrap()] += amount;
                }
                Ok(ok)
            }
            Action::DistributePending { who, d, kind, tok } => {
                let holding: Vec<(u64, u8)> = g
                    .pools
                    .iter()
                    .filter(|(_, p)| {
                        p.total > 0 && tok.index().is_some_and(|t| !p.pending[t].is_zero())
                    })
                    .map(|(&key, _)| key)
                    .collect();
                let (d, kind) = match d {
                    Pick::Fit(i) if !holding.is_empty() => holding[i.index(holding.len())],
                    d => (d.among(&all_datanets, nd, 1), *kind),
                };
                let (d, kind) = (&d, &kind);
                if *kind > 1 {
                    fails.push("invalid pool");
                }
                if *d == 0 {
                    fails.push("datanet 0");
                }
                match tok.index() {
                    None => fails.push("unknown token"),
                    Some(t) => {
                        let has = g
                            .pools
                            .get(&(*d, *kind))
                            .is_some_and(|p| p.total > 0 && !p.pending[t].is_zero());
                        if !has {
                            fails.push("nothing pending");
                        }
                    }
                }
                let res = sp
                    .sender(self.addr(*who))
                    .distribute_pending(U256::from(*d), *kind, self.token(*tok))
                    .motsu_res();
                let ok = expect(format!("{action:?}"), &fails, &res)?;
                if ok {
                    g.credit(tok.index().unwrap(), *d, *kind, Q::zero());
                }
                Ok(ok)
            }
            Action::Pause { who } | Action::Unpause { who } => {
                let pausing = matches!(action, Action::Pause { .. });
                if who.is_some() {
                    fails.push("not the pauser");
                }
                if g.paused == pausing {
                    fails.push("already in that state");
                }
                let from = who.map_or(ADMIN, |a| self.addr(a));
                let res = if pausing {
                    sp.sender(from).pause().motsu_res()
                } else {
                    sp.sender(from).unpause().motsu_res()
                };
                let ok = expect(format!("{action:?}"), &fails, &res)?;
                if ok {
                    g.paused = pausing;
                }
                Ok(ok)
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Checks

fn check(world: &World, g: &Ghost, o: &Obs) -> Result<(), TestCaseError> {
    let s = BigInt::from(SCALE);
    let sq = Q::from_integer(s.clone());
    let nd = g.datanets.len();
    let nm = g.models.len();
    prop_assert_eq!(
        o.counts,
        (
            U256::from(nd),
            U256::from(g.contributions.len()),
            U256::from(nm)
        ),
        "datanet, contribution and model counts"
    );
    prop_assert_eq!(o.paused, g.paused, "paused");
    let [w_registry, w_splitter, w_market, w_attribution] = [NA, NA + 1, NA + 2, NA + 3];

    // Native value is conserved, and each wallet holds what the model says.
    prop_assert_eq!(
        o.native.iter().sum::<U256>(),
        world.native_total.get(),
        "native value created or destroyed"
    );
    for (slot, balances) in [&o.native, &o.erc20, &o.unlisted].into_iter().enumerate() {
        for (a, &balance) in balances.iter().take(NA).enumerate() {
            prop_assert_eq!(
                balance,
                u(g.wallets[slot][a]),
                "wallet of actor {} in token slot {}",
                a,
                slot
            );
        }
        for h in [w_registry, w_market, w_attribution] {
            if slot > 0 || h != w_registry {
                prop_assert_eq!(
                    balances[h],
                    U256::ZERO,
                    "program {} holds token {}",
                    h,
                    slot
                );
            }
        }
    }
    prop_assert_eq!(o.unlisted[w_splitter], U256::ZERO, "unlisted token held");

    // 3. The registry holds exactly the stakes, owed refunds and pending
    // bonds.
    let (stakes, refunds, bonds) = g.registry_holds();
    prop_assert_eq!(
        o.native[w_registry],
        o.refunds.iter().sum::<U256>() + u(stakes + bonds),
        "3: registry balance - refunds owed != stakes {} + pending bonds {}",
        stakes,
        bonds
    );
    prop_assert_eq!(o.refunds.iter().sum::<U256>(), u(refunds), "refunds owed");
    for a in 0..NA {
        prop_assert_eq!(o.refunds[a], u(g.refunds[a]), "refund of actor {}", a);
    }
    for (d, dn) in g.datanets.iter().enumerate() {
        for a in 0..NA {
            let v = o.validators[d][a];
            let gv = dn.vals[a];
            prop_assert_eq!(
                (v.0, v.1, v.2 != 0, v.3),
                (
                    u(gv.stake),
                    U256::from(gv.eligible_from),
                    gv.leaving,
                    gv.open
                ),
                "validator record of actor {} in datanet {}",
                a,
                d + 1
            );
        }
    }

    for (m, model) in g.models.iter().enumerate() {
        let (dev, data, val) = model.split;
        prop_assert_eq!(
            o.models[m],
            (
                world.addr(model.owner),
                0u8,
                U256::from(model.version),
                dev,
                data,
                val,
                model.influence
            ),
            "model {}",
            m + 1
        );
    }

    for t in 0..NT {
        let (listed, allowed, deposited, claimed, dust) = o.tokens[t];
        prop_assert!(listed && allowed, "token {} listed and allowed", t);
        prop_assert_eq!(deposited, u(g.deposited[t]), "deposited of token {}", t);
        prop_assert_eq!(claimed, u(g.claimed_total[t]), "claimed of token {}", t);

        // 2. Conservation, to the wei and to the scaled unit.
        let balance = if t == 0 {
            o.native[w_splitter]
        } else {
            o.erc20[w_splitter]
        };
        prop_assert_eq!(
            balance,
            deposited - claimed,
            "2: splitter balance of token {} != deposited - claimed",
            t
        );
        let accounts: BigInt = o.claimable[t].iter().map(|c| big(c.1)).sum();
        let pending: BigInt = o
            .pools
            .iter()
            .flat_map(|kinds| kinds.iter().map(|p| big(p[t].3)))
            .sum();
        let escrow: BigInt = o
            .escrow
            .iter()
            .map(|e| big(e[t].0) - big(e[t].1) * &s)
            .sum();
        prop_assert_eq!(
            big(deposited) * &s,
            big(claimed) * &s + &accounts + &pending + &escrow + big(dust),
            "2: token {}: deposited * 10^18 != claimed * 10^18 + claimable {} + pending {} + \
             unreleased escrow {} + dust {}",
            t,
            accounts,
            pending,
            escrow,
            dust
        );

        // Pools and escrows equal the ledger exactly.
        for d in 1..=nd as u64 {
            for kind in 0..2u8 {
                let (total, _, revenue, pending) = o.pools[d as usize - 1][kind as usize][t];
                let default = GPool::default();
                let gp = g.pools.get(&(d, kind)).unwrap_or(&default);
                prop_assert_eq!(total, u(gp.total), "total shares of pool ({}, {})", d, kind);
                prop_assert_eq!(
                    Q::from_integer(big(revenue)),
                    &gp.revenue[t] * &sq,
                    "revenue of pool ({}, {}) in token {}",
                    d,
                    kind,
                    t
                );
                prop_assert_eq!(
                    Q::from_integer(big(pending)),
                    &gp.pending[t] * &sq,
                    "pending of pool ({}, {}) in token {}",
                    d,
                    kind,
                    t
                );
            }
        }
        for (m, model) in g.models.iter().enumerate() {
            let (escrowed, released) = o.escrow[m][t];
            prop_assert_eq!(
                Q::from_integer(big(escrowed)),
                &model.escrow[t] * &sq,
                "escrow of model {} in token {}",
                m + 1,
                t
            );
            prop_assert_eq!(
                released,
                u(model.released[t]),
                "released of model {}",
                m + 1
            );
            let epochs = o.epochs[m][t];
            prop_assert_eq!(
                epochs.is_zero(),
                model.epoch[t].is_none(),
                "epochs of model {} in token {}",
                m + 1,
                t
            );
        }

        // 4. No account gets more than its exact entitlement, nor much
        // less.
        for a in 0..NA {
            let e = &g.entitled[t][a];
            let paid = big(o.claimable[t][a].0) + BigInt::from(g.claimed[t][a]);
            prop_assert!(
                paid <= e.floor().to_integer(),
                "4: actor {} token {}: claimed {} + claimable {} > floor(entitlement {})",
                a,
                t,
                g.claimed[t][a],
                o.claimable[t][a].0,
                e
            );
            prop_assert!(
                e - Q::from_integer(paid.clone()) < q(u128::from(g.credits[t][a]) + 1),
                "4: actor {} token {}: paid {} short of entitlement {} by more than {} \
                 credits + 1 wei",
                a,
                t,
                paid,
                e,
                g.credits[t][a]
            );
        }
    }
    Ok(())
}

/// Every account's shares in every pool equal the model's.
fn check_shares(world: &World, g: &Ghost) -> Result<(), TestCaseError> {
    for d in 1..=g.datanets.len() as u64 {
        for kind in 0..2u8 {
            for a in 0..NA {
                let shares = world
                    .splitter
                    .sender(ADMIN)
                    .shares_of(U256::from(d), kind, world.addr(a))
                    .motsu_unwrap();
                let expected = g.pools.get(&(d, kind)).map_or(0, |p| p.shares[a]);
                prop_assert_eq!(
                    shares,
                    u(expected),
                    "shares of actor {} in pool ({}, {})",
                    a,
                    d,
                    kind
                );
            }
        }
    }
    Ok(())
}

fn run(fee: u16, actions: &[Action], steps: &Cell<u64>) -> Result<(), TestCaseError> {
    let world = World::deploy(fee);
    let mut ghost = Ghost::new(fee);
    let mut before = world.observe();
    check(&world, &ghost, &before)?;
    for (n, action) in actions.iter().enumerate() {
        let context = common::in_step(n, action);
        let ok = world.step(&mut ghost, action).map_err(&context)?;
        steps.set(steps.get() + 1);
        tally(action.name(), ok);
        if !ok {
            tally(
                &format!("{} / {}", action.name(), REASON.with(Cell::get)),
                false,
            );
        }
        let after = world.observe();
        if !ok {
            let unchanged = || -> Result<(), TestCaseError> {
                prop_assert_eq!(&after, &before, "1: a failed call changed state");
                Ok(())
            };
            unchanged().map_err(&context)?;
        }
        check(&world, &ghost, &after).map_err(&context)?;
        before = after;
    }
    check_shares(&world, &ghost)
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: CASES,
        ..common::persisted_config("system_invariants")
    }
}

/// Runs `cases` cases; returns the steps executed.
fn run_all(config: ProptestConfig) -> u64 {
    let steps = Cell::new(0u64);
    let mut runner = TestRunner::new(config);
    let result = runner.run(&case(), |(fee, actions)| run(fee, &actions, &steps));
    if let Err(e) = result {
        panic!("{e}");
    }
    steps.get()
}

#[test]
fn system_invariants() {
    let started = std::time::Instant::now();
    let steps = run_all(config());
    println!(
        "system_invariants: {CASES} cases, {steps} steps, {:?}",
        started.elapsed()
    );
    assert!(
        steps >= REQUIRED_STEPS,
        "only {steps} steps ran, at least {REQUIRED_STEPS} required"
    );
}

/// Prints how often each action kind succeeded and failed over 20 cases
/// (`cargo test -p integration-tests --test system_invariants -- --ignored
/// --nocapture`), to see what the generator exercises.
#[test]
#[ignore = "statistics only"]
fn stats() {
    let steps = run_all(ProptestConfig {
        cases: 20,
        failure_persistence: None,
        ..config()
    });
    println!("{steps} steps");
    TALLY.with(|t| {
        for (what, [ok, failed]) in t.borrow().iter() {
            println!("{what:20} {ok:6} ok {failed:6} failed");
        }
    });
}
