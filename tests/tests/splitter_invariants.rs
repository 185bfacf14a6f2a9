//! Stateful property test of `reward_splitter` against an exact ghost
//! ledger (issue #3).
//!
//! Each case deploys a fresh splitter (random protocol fee up to the 10% cap,
//! treasury = actor 0) with the native token and one allowed ERC-20
//! (`MockErc20`); a second `MockErc20` stays unlisted. `OPS` holds the
//! registry, market, attribution and pauser roles; `INTRUDER` holds none.
//! Six actors earn and claim; each has a `Wallet` contract that receives its
//! payouts (motsu aborts on native value sent to a plain address).
//!
//! A random sequence of up to 40 actions (a warm-up of up to 6 share grants,
//! then anything) runs against the contract and a plain Rust model: share
//! changes in datanets 1..=3 (`addContributorWeight` with quality-like
//! weights, up to 10^6, and rarely 10^14 to 2 * 10^15, so that pool totals
//! reach the `MAX_POOL_SHARES` cap of 10^15; `addValidatorShare`;
//! `removeShares`),
//! `disableValidatorPool`, fees (`route` with random splits, influence and
//! 1-3 weighted datanets, native or ERC-20, amounts in 0-, 6- and 18-decimal
//! styles (1..=10, 1..=10^7, 1..=10^24) and near or past the 128-bit cap),
//! `fundValidatorPool`, `distributePending`, `releaseEscrow`, `claim` with
//! random pool lists, admin changes (protocol fee, treasury, token
//! allowance, pause), and actions run while paused (fees must fail, the rest
//! must not). Invalid inputs are part of the mix (wrong callers, zero
//! amounts and addresses, bad splits and attributions, wrong native value,
//! ERC-20 fees never transferred, unknown tokens, overdrawn escrow, removing
//! more shares than held, claims with nothing due or too many pools).
//!
//! The model is an exact rational ledger (`BigRational`, in wei), written
//! from the specification and independent of the contract's arithmetic: of a
//! fee `F`, `F * fee / 10^4` goes to the treasury; of the rest `R`,
//! `R * dev / 10^4` to the developer, `R * data / 10^4 * influence / 10^4`
//! to the model's escrow, and to each datanet `d` of weight `w` its
//! contributor pool gets `(data - escrow) * w / 10^4` and its validator pool
//! `R * val / 10^4 * w / 10^4` (the contributor pool takes that too once the
//! registry has disabled the datanet's validator pool, as it does for
//! owner-reviewed datanets). A pool with no shares keeps a credit
//! pending; the next (non-zero) credit to it once it has shares, or
//! `distributePending` hands the pending revenue out with it. Within a pool,
//! each account is entitled to `credit * shares / totalShares` at the time of
//! the credit. Released escrow is its receiver's.
//!
//! After every step it checks:
//!
//! 1. conservation per token, to the wei and to the scaled unit: the
//!    splitter's real balance == deposited - claimed, and
//!    `deposited * 10^18 == claimed * 10^18 + sum of claimable (scaled) of
//!    every account + pending of every pool + unreleased escrow + dust`;
//! 2. fairness against the ghost ledger, per account and token, with `E` the
//!    exact entitlement ever, `paid = claimed + claimable`: `paid <= floor(E)`
//!    (wei), `E - paid < credits + 1` (wei, credits = pool credits the
//!    account took part in), and in scaled units
//!    `0 <= E * 10^18 - paid_scaled < slack` (or `== 0` without slack), where
//!    `slack` sums the account's shares over those credits (a pool division
//!    loses less than one scaled unit per share); and, exactly, the sum of
//!    these losses over all accounts == the contract's dust;
//! 3. every action succeeds exactly when the model says so (a failure must
//!    be one of the errors the model lists), and a failed action changes
//!    nothing observable (every view, balances, events);
//!
//! and, beyond these, every view equals the model: shares and totals, pool
//! revenue and pending (scaled, exactly), escrow, deposited and claimed,
//! treasury, fee, pause, allowance, wallet receipts.
//!
//! A claim's outcome is predicted from the model's exact entitlement in the
//! claimed pools: it must succeed when even the worst rounding leaves a
//! whole wei, must fail when the exact entitlement is below one wei, and in
//! between (a few scaled units around a wei boundary) must do what the
//! `claimable` view (itself checked against the model's bounds) says.
//!
//! 256 cases (proptest's default; `PROPTEST_CASES` changes it) take about
//! 45 s in a debug build. Failing cases are persisted in
//! `tests/proptest-regressions/splitter_invariants.txt`, whose comments say
//! which contract faults its seeds first found. The ignored `stats` test
//! prints how often each kind of action succeeded and failed.
mod common;

use std::cell::RefCell;
use std::sync::OnceLock;

use alloy_primitives::{Address, U256};
use integration_tests::{MockErc20, Wallet};
use motsu::prelude::*;
use num_bigint::{BigInt, Sign};
use num_rational::BigRational;
use num_traits::{Signed, Zero};
use proptest::{
    collection::vec,
    prelude::*,
    sample::{subsequence, Index},
    strategy::Union,
};
use reward_splitter::{
    Error, RewardSplitter, ATTRIBUTION_ROLE, MARKET_ROLE, MAX_CLAIM_POOLS, MAX_POOL_SHARES, NATIVE,
    PAUSER_ROLE, REGISTRY_ROLE,
};

type Q = BigRational;

/// Actors who earn and claim: `0..NA`.
const NA: usize = 6;
/// The admin (default admin role).
const ADMIN: usize = NA;
/// Holds the registry, market, attribution and pauser roles.
const OPS: usize = NA + 1;
/// Holds no role.
const INTRUDER: usize = NA + 2;
/// Datanets `1..=ND` take fees and shares.
const ND: u64 = 3;
/// Models `1..=NM` take fees.
const NM: u64 = 2;
/// Accounted tokens: native (0) and the allowed ERC-20 (1).
const NT: usize = 2;
/// Pools: `(datanet - 1) * 2 + kind`.
const NP: usize = ND as usize * 2;
const SCALE: u128 = 1_000_000_000_000_000_000;
/// Native wei given to `OPS` and `INTRUDER` (enough for any fee here).
const FUNDING_SHIFT: usize = 200;

fn actors() -> &'static [Account; NA + 3] {
    static ACTORS: OnceLock<[Account; NA + 3]> = OnceLock::new();
    ACTORS.get_or_init(|| {
        core::array::from_fn(|i| Account::from_seed(&format!("splitter actor {i}")))
    })
}

fn addr(i: usize) -> Address {
    actors()[i].address()
}

fn q(x: u128) -> Q {
    Q::from_integer(BigInt::from(x))
}

fn big(x: U256) -> BigInt {
    BigInt::from_bytes_be(Sign::Plus, &x.to_be_bytes::<32>())
}

fn scale() -> BigInt {
    BigInt::from(SCALE)
}

fn bps(x: &Q, b: u16) -> Q {
    x * q(u128::from(b)) / q(10_000)
}

fn pix(d: u64, kind: u8) -> usize {
    (d as usize - 1) * 2 + kind as usize
}

fn known(d: u64) -> bool {
    (1..=ND).contains(&d)
}

// ---------------------------------------------------------------------------
// Actions

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tok {
    Native,
    Erc20,
    /// An ERC-20 the splitter never listed.
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
}

/// How a fee or pool funding is paid.
#[derive(Clone, Copy, Debug)]
enum Pay {
    /// Native: value == amount; ERC-20: transferred to the splitter first.
    Exact,
    /// Native: value == amount + 1; ERC-20: value 1 sent, nothing transferred.
    WrongValue,
    /// Native: no value; ERC-20: nothing transferred.
    NotSent,
}

/// A malformed attribution.
#[derive(Clone, Copy, Debug)]
enum BadAttr {
    Empty,
    ZeroId,
    Duplicate,
    SumOff,
    ZeroWeight,
    LengthMismatch,
}

#[derive(Clone, Copy, Debug)]
enum Amount {
    All,
    Part(Index),
    Over,
    Zero,
}

impl Amount {
    /// The amount this stands for when `available` can be taken: all of it,
    /// a part (at least 1, drawn among the first `cap`), one more, or none.
    fn of(self, available: u128, cap: u128) -> u128 {
        match self {
            Amount::All => available,
            Amount::Part(i) => {
                if available == 0 {
                    1
                } else {
                    1 + i.index(usize::try_from(available.min(cap)).unwrap()) as u128
                }
            }
            Amount::Over => available + 1,
            Amount::Zero => 0,
        }
    }
}

#[derive(Clone, Copy, Debug)]
enum To {
    Own,
    Other(usize),
    Zero,
}

#[derive(Clone, Debug)]
enum Lists {
    /// Every datanet, both pools.
    All,
    /// The pools the account has unclaimed revenue in.
    Own,
    /// The given lists (ids 0..=4, duplicates allowed).
    Given(Vec<u64>, Vec<u64>),
    /// More pools than a claim takes.
    TooMany,
}

#[derive(Clone, Debug)]
enum Action {
    /// `a == NA`: the zero address.
    AddWeight {
        d: u64,
        a: usize,
        weight: u128,
        intruder: bool,
    },
    AddValidator {
        d: u64,
        a: usize,
        intruder: bool,
    },
    /// Marks datanet `d` owner-reviewed: its validator pool is disabled.
    Disable {
        d: u64,
        intruder: bool,
    },
    /// `targeted`: pick a holding (if any) instead of `(d, kind, a)`.
    Remove {
        d: u64,
        kind: u8,
        a: usize,
        targeted: bool,
        pick: Index,
        amount: Amount,
        intruder: bool,
    },
    Route {
        model: u64,
        token: Tok,
        amount: U256,
        /// `NA`: the zero address.
        developer: usize,
        split: (u16, u16, u16),
        influence: u16,
        datanets: Vec<u64>,
        raw_weights: Vec<u32>,
        bad: Option<BadAttr>,
        pay: Pay,
        intruder: bool,
    },
    Fund {
        d: u64,
        token: Tok,
        amount: U256,
        pay: Pay,
        intruder: bool,
    },
    /// `targeted`: pick a pool with pending revenue and shares (if any).
    Distribute {
        d: u64,
        kind: u8,
        token: Tok,
        targeted: bool,
        pick: Index,
    },
    /// `targeted`: pick an escrow with a releasable wei (if any).
    Release {
        model: u64,
        token: Tok,
        a: usize,
        targeted: bool,
        pick: Index,
        amount: Amount,
        intruder: bool,
    },
    /// `targeted`: pick an account owed at least a wei (if any).
    Claim {
        a: usize,
        token: Tok,
        targeted: bool,
        pick: Index,
        lists: Lists,
        to: To,
    },
    SetFee {
        bps: u16,
        intruder: bool,
    },
    /// `a == NA`: the zero address.
    SetTreasury {
        a: usize,
        intruder: bool,
    },
    /// Allows or disallows the ERC-20 for new fees.
    SetAllowed {
        allowed: bool,
        intruder: bool,
    },
    /// `pause()` if `paused`, else `unpause()`.
    SetPaused {
        paused: bool,
        intruder: bool,
    },
    /// Pauses (if running), runs the inner action, unpauses (if it paused).
    WhilePaused(Box<Action>),
}

impl Action {
    fn name(&self) -> &'static str {
        match self {
            Action::AddWeight { .. } => "addContributorWeight",
            Action::AddValidator { .. } => "addValidatorShare",
            Action::Disable { .. } => "disableValidatorPool",
            Action::Remove { .. } => "removeShares",
            Action::Route {
                token: Tok::Native, ..
            } => "route (native)",
            Action::Route { .. } => "route (ERC-20)",
            Action::Fund { .. } => "fundValidatorPool",
            Action::Distribute { .. } => "distributePending",
            Action::Release { .. } => "releaseEscrow",
            Action::Claim {
                token: Tok::Native, ..
            } => "claim (native)",
            Action::Claim { .. } => "claim (ERC-20)",
            Action::SetFee { .. } => "setProtocolFee",
            Action::SetTreasury { .. } => "setTreasury",
            Action::SetAllowed { .. } => "setTokenAllowed",
            Action::SetPaused { .. } => "pause/unpause",
            Action::WhilePaused(inner) => match **inner {
                Action::Route { .. } => "route while paused",
                Action::Claim { .. } => "claim while paused",
                _ => "other while paused",
            },
        }
    }
}

fn rare() -> impl Strategy<Value = bool> {
    prop::bool::weighted(0.04)
}

fn targeted() -> impl Strategy<Value = bool> {
    prop::bool::weighted(0.8)
}

fn datanet() -> impl Strategy<Value = u64> {
    prop_oneof![1 => Just(0u64), 24 => 1..=ND]
}

fn actor() -> impl Strategy<Value = usize> {
    prop_oneof![1 => Just(NA), 40 => 0..NA]
}

fn token() -> impl Strategy<Value = Tok> {
    prop_oneof![12 => Just(Tok::Native), 12 => Just(Tok::Erc20), 1 => Just(Tok::Unlisted)]
}

fn pay() -> impl Strategy<Value = Pay> {
    prop_oneof![30 => Just(Pay::Exact), 1 => Just(Pay::WrongValue), 1 => Just(Pay::NotSent)]
}

/// Amounts of 0-, 6- and 18-decimal tokens, a few near or past the 128-bit
/// cap (where deposits overflow), and zero.
fn amount() -> impl Strategy<Value = U256> {
    prop_oneof![
        8 => (1u128..=10).prop_map(U256::from),
        8 => (1u128..=10_000_000).prop_map(U256::from),
        8 => (1u128..=1_000_000_000_000_000_000_000_000).prop_map(U256::from),
        1 => Just(U256::ZERO),
        1 => ((1u128 << 126)..=u128::MAX).prop_map(U256::from),
        1 => (0u64..=3).prop_map(|x| (U256::from(1) << 128) + U256::from(x)),
    ]
}

/// Contributor weights: quality-like, larger, zero, and huge (pool totals
/// reach and pass `MAX_POOL_SHARES`).
fn weight() -> impl Strategy<Value = u128> {
    prop_oneof![
        12 => 1u128..=100,
        4 => 1u128..=1_000_000,
        1 => Just(0u128),
        1 => (u128::from(MAX_POOL_SHARES) / 10)..=(2 * u128::from(MAX_POOL_SHARES)),
    ]
}

fn release_amount() -> impl Strategy<Value = Amount> {
    prop_oneof![
        4 => Just(Amount::All),
        8 => any::<Index>().prop_map(Amount::Part),
        1 => Just(Amount::Over),
        1 => Just(Amount::Zero),
    ]
}

fn split() -> impl Strategy<Value = (u16, u16, u16)> {
    prop_oneof![
        24 => (0u16..=10_000, 0u16..=10_000).prop_map(|(a, b)| {
            let (lo, hi) = (a.min(b), a.max(b));
            (lo, hi - lo, 10_000 - hi)
        }),
        4 => Just((10_000, 0, 0)),
        4 => Just((0, 10_000, 0)),
        4 => Just((0, 0, 10_000)),
        8 => Just((7_000, 2_000, 1_000)),
        1 => (0u16..=10_000, 0u16..=10_000, 0u16..=10_000)
            .prop_filter("invalid split", |(a, b, c)| u32::from(*a) + u32::from(*b) + u32::from(*c) != 10_000),
    ]
}

fn influence() -> impl Strategy<Value = u16> {
    prop_oneof![
        12 => Just(0u16),
        6 => Just(10_000u16),
        24 => 0u16..=10_000,
        1 => 10_001u16..=u16::MAX,
    ]
}

fn bad_attr() -> impl Strategy<Value = Option<BadAttr>> {
    prop_oneof![
        120 => Just(None),
        1 => Just(Some(BadAttr::Empty)),
        1 => Just(Some(BadAttr::ZeroId)),
        1 => Just(Some(BadAttr::Duplicate)),
        1 => Just(Some(BadAttr::SumOff)),
        1 => Just(Some(BadAttr::ZeroWeight)),
        1 => Just(Some(BadAttr::LengthMismatch)),
    ]
}

fn route() -> impl Strategy<Value = Action> {
    (
        (1..=NM, token(), amount(), actor(), split(), influence()),
        (
            subsequence((1..=ND).collect::<Vec<_>>(), 1..=ND as usize).prop_shuffle(),
            vec(
                prop_oneof![4 => 1u32..=100, 1 => 1u32..=1_000_000],
                ND as usize,
            ),
            bad_attr(),
            pay(),
            rare(),
        ),
    )
        .prop_map(
            |(
                (model, token, amount, developer, split, influence),
                (datanets, raw_weights, bad, pay, intruder),
            )| Action::Route {
                model,
                token,
                amount,
                developer,
                split,
                influence,
                datanets,
                raw_weights,
                bad,
                pay,
                intruder,
            },
        )
}

fn lists() -> impl Strategy<Value = Lists> {
    prop_oneof![
        6 => Just(Lists::All),
        4 => Just(Lists::Own),
        3 => (vec(0..=ND + 1, 0..=4), vec(0..=ND + 1, 0..=4))
            .prop_map(|(c, v)| Lists::Given(c, v)),
        1 => Just(Lists::TooMany),
    ]
}

fn to() -> impl Strategy<Value = To> {
    prop_oneof![30 => Just(To::Own), 4 => (0..NA).prop_map(To::Other), 1 => Just(To::Zero)]
}

fn add_weight() -> impl Strategy<Value = Action> {
    (datanet(), actor(), weight(), rare()).prop_map(|(d, a, weight, intruder)| Action::AddWeight {
        d,
        a,
        weight,
        intruder,
    })
}

fn add_validator() -> impl Strategy<Value = Action> {
    (datanet(), actor(), rare()).prop_map(|(d, a, intruder)| Action::AddValidator {
        d,
        a,
        intruder,
    })
}

fn action() -> impl Strategy<Value = Action> {
    let remove = (
        (
            datanet(),
            prop_oneof![12 => 0u8..=1, 1 => Just(2u8)],
            actor(),
        ),
        (
            targeted(),
            any::<Index>(),
            prop_oneof![
                4 => Just(Amount::All),
                6 => any::<Index>().prop_map(Amount::Part),
                1 => Just(Amount::Over),
                1 => Just(Amount::Zero),
            ],
            rare(),
        ),
    )
        .prop_map(
            |((d, kind, a), (targeted, pick, amount, intruder))| Action::Remove {
                d,
                kind,
                a,
                targeted,
                pick,
                amount,
                intruder,
            },
        );
    let fund = (datanet(), token(), amount(), pay(), rare()).prop_map(
        |(d, token, amount, pay, intruder)| Action::Fund {
            d,
            token,
            amount,
            pay,
            intruder,
        },
    );
    let distribute = (
        0..=ND + 1,
        prop_oneof![12 => 0u8..=1, 1 => Just(2u8)],
        token(),
        targeted(),
        any::<Index>(),
    )
        .prop_map(|(d, kind, token, targeted, pick)| Action::Distribute {
            d,
            kind,
            token,
            targeted,
            pick,
        });
    let release = (
        (1..=NM + 1, token(), actor()),
        (targeted(), any::<Index>(), release_amount(), rare()),
    )
        .prop_map(
            |((model, token, a), (targeted, pick, amount, intruder))| Action::Release {
                model,
                token,
                a,
                targeted,
                pick,
                amount,
                intruder,
            },
        );
    let claim = (0..NA, token(), targeted(), any::<Index>(), lists(), to()).prop_map(
        |(a, token, targeted, pick, lists, to)| Action::Claim {
            a,
            token,
            targeted,
            pick,
            lists,
            to,
        },
    );
    let set_fee = (
        prop_oneof![6 => 0u16..=1_000, 1 => 1_001u16..=u16::MAX],
        rare(),
    )
        .prop_map(|(bps, intruder)| Action::SetFee { bps, intruder });
    let set_treasury =
        (actor(), rare()).prop_map(|(a, intruder)| Action::SetTreasury { a, intruder });
    let set_allowed = (prop::bool::weighted(0.7), rare())
        .prop_map(|(allowed, intruder)| Action::SetAllowed { allowed, intruder });
    let pause = (prop::bool::weighted(0.15), rare())
        .prop_map(|(paused, intruder)| Action::SetPaused { paused, intruder });
    let disable = (datanet(), rare()).prop_map(|(d, intruder)| Action::Disable { d, intruder });
    let (route, remove, fund, distribute, release, claim) = (
        route().boxed(),
        remove.boxed(),
        fund.boxed(),
        distribute.boxed(),
        release.boxed(),
        claim.boxed(),
    );
    // While paused: fees must fail, everything else must work as usual.
    let while_paused = Union::new_weighted(vec![
        (3, route.clone()),
        (1, add_weight().boxed()),
        (1, remove.clone()),
        (1, fund.clone()),
        (1, distribute.clone()),
        (1, release.clone()),
        (3, claim.clone()),
    ])
    .prop_map(|inner| Action::WhilePaused(Box::new(inner)));
    Union::new_weighted(vec![
        (18, route),
        (5, add_weight().boxed()),
        (3, add_validator().boxed()),
        (4, remove),
        (4, fund),
        (3, distribute),
        (4, release),
        (10, claim),
        (1, set_fee.boxed()),
        (1, set_treasury.boxed()),
        (1, set_allowed.boxed()),
        (1, pause.boxed()),
        (2, while_paused.boxed()),
        (1, disable.boxed()),
    ])
}

/// Initial protocol fee, then up to 40 actions: a warm-up of up to 6 share
/// grants (so fees usually find shareholders), then anything.
fn case() -> impl Strategy<Value = (u16, Vec<Action>)> {
    let warm = prop_oneof![
        2 => (1..=ND, 0..NA, 1u128..=100).prop_map(|(d, a, weight)| Action::AddWeight {
            d,
            a,
            weight,
            intruder: false,
        }),
        1 => (1..=ND, 0..NA).prop_map(|(d, a)| Action::AddValidator { d, a, intruder: false }),
    ];
    (
        prop_oneof![1 => Just(0u16), 1 => Just(1_000u16), 4 => 0u16..=1_000],
        vec(warm, 0..=6),
        vec(action(), 1..=34),
    )
        .prop_map(|(fee, mut all, rest)| {
            all.extend(rest);
            (fee, all)
        })
}

// ---------------------------------------------------------------------------
// Errors the model can predict

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Fail {
    Unauthorized,
    EnforcedPause,
    ExpectedPause,
    ZeroAddress,
    InvalidFee,
    InvalidSplit,
    InvalidShare,
    InvalidAttribution,
    InvalidDatanet,
    InvalidWeights,
    ZeroAmount,
    AmountTooLarge,
    TokenNotAllowed,
    UnknownToken,
    WrongValue,
    TransferShortfall,
    InvalidPool,
    InsufficientShares,
    NothingToClaim,
    TooManyPools,
    EscrowExceeded,
    NothingPending,
    PoolInUse,
    Other,
}

/// What a call may fail with before any other check: `Unauthorized` when
/// the intruder (no role) makes it.
fn caller_fails(intruder: bool) -> Vec<Fail> {
    if intruder {
        vec![Fail::Unauthorized]
    } else {
        vec![]
    }
}

fn kind(e: &Error) -> Fail {
    match e {
        Error::UnauthorizedAccount(_) => Fail::Unauthorized,
        Error::EnforcedPause(_) => Fail::EnforcedPause,
        Error::ExpectedPause(_) => Fail::ExpectedPause,
        Error::ZeroAddress(_) => Fail::ZeroAddress,
        Error::InvalidFee(_) => Fail::InvalidFee,
        Error::InvalidSplit(_) => Fail::InvalidSplit,
        Error::InvalidShare(_) => Fail::InvalidShare,
        Error::InvalidAttribution(_) => Fail::InvalidAttribution,
        Error::InvalidDatanet(_) => Fail::InvalidDatanet,
        Error::InvalidWeights(_) => Fail::InvalidWeights,
        Error::ZeroAmount(_) => Fail::ZeroAmount,
        Error::AmountTooLarge(_) => Fail::AmountTooLarge,
        Error::TokenNotAllowed(_) => Fail::TokenNotAllowed,
        Error::UnknownToken(_) => Fail::UnknownToken,
        Error::WrongValue(_) => Fail::WrongValue,
        Error::TransferShortfall(_) => Fail::TransferShortfall,
        Error::InvalidPool(_) => Fail::InvalidPool,
        Error::InsufficientShares(_) => Fail::InsufficientShares,
        Error::NothingToClaim(_) => Fail::NothingToClaim,
        Error::TooManyPools(_) => Fail::TooManyPools,
        Error::EscrowExceeded(_) => Fail::EscrowExceeded,
        Error::NothingPending(_) => Fail::NothingPending,
        Error::PoolInUse(_) => Fail::PoolInUse,
        _ => Fail::Other,
    }
}

thread_local! {
    /// Outcomes per action kind (`[succeeded, failed]`), for the `stats` test.
    static TALLY: RefCell<std::collections::BTreeMap<String, [u64; 2]>> =
        const { RefCell::new(std::collections::BTreeMap::new()) };
}

/// Counts an outcome of kind `what` for the `stats` test.
fn tally(what: &str, ok: bool) {
    TALLY.with(|t| t.borrow_mut().entry(what.to_owned()).or_default()[usize::from(!ok)] += 1);
}

/// Checks an outcome against the model: success iff `fails` is empty, else
/// one of the errors it lists (see [`common::expect_outcome`]).
fn expect<T: std::fmt::Debug>(
    call: &str,
    fails: &[Fail],
    res: &Result<T, Error>,
) -> Result<(), TestCaseError> {
    common::expect_outcome(call, fails, res, kind)
}

// ---------------------------------------------------------------------------
// Ghost ledger

/// Unclaimed exact entitlement (wei) and its rounding allowance (scaled
/// units: the sum of the account's shares over the pool credits in it).
#[derive(Clone, Debug, Default)]
struct Bucket {
    e: Q,
    slack: BigInt,
}

/// One account in one token.
#[derive(Clone, Debug, Default)]
struct Acct {
    /// Treasury and developer fees, released escrow, claim remainders.
    direct: Bucket,
    /// Per pool, since the account last claimed it.
    pools: Vec<Bucket>,
    /// Entitlement ever (wei).
    entitled: Q,
    slack: BigInt,
    /// Pool credits the account took part in.
    credits: u64,
    claimed: u128,
}

#[derive(Clone, Debug)]
struct GPool {
    /// A validator pool of an owner-reviewed datanet: fees pass its part to
    /// the contributor pool.
    disabled: bool,
    shares: [u128; NA],
    total: u128,
    /// Per token, wei ever credited.
    revenue: Vec<Q>,
    /// Per token, wei held while the pool had no shares.
    pending: Vec<Q>,
}

#[derive(Clone, Debug)]
struct Ghost {
    fee: u16,
    treasury: usize,
    paused: bool,
    erc20_allowed: bool,
    pools: Vec<GPool>,
    /// `[token][actor]`.
    acct: Vec<Vec<Acct>>,
    deposited: [u128; NT],
    claimed: [u128; NT],
    /// `[model - 1][token]`, wei escrowed ever.
    escrow: Vec<Vec<Q>>,
    released: Vec<[u128; NT]>,
    /// Wei received by each actor's wallet, `[token][actor]`.
    received: [[u128; NA]; NT],
}

impl Ghost {
    fn new(fee: u16) -> Self {
        let acct = Acct {
            pools: vec![Bucket::default(); NP],
            ..Acct::default()
        };
        Self {
            fee,
            treasury: 0,
            paused: false,
            erc20_allowed: true,
            pools: vec![
                GPool {
                    disabled: false,
                    shares: [0; NA],
                    total: 0,
                    revenue: vec![Q::zero(); NT],
                    pending: vec![Q::zero(); NT],
                };
                NP
            ],
            acct: vec![vec![acct; NA]; NT],
            deposited: [0; NT],
            claimed: [0; NT],
            escrow: vec![vec![Q::zero(); NT]; NM as usize],
            released: vec![[0; NT]; NM as usize],
            received: [[0; NA]; NT],
        }
    }

    fn give(&mut self, t: usize, a: usize, x: &Q) {
        let acct = &mut self.acct[t][a];
        acct.direct.e += x;
        acct.entitled += x;
    }

    /// Credits `x` wei to pool `p`: held if it has no shares, else handed
    /// out with what it held, pro rata to the shares as they are now.
    fn credit(&mut self, t: usize, p: usize, x: Q) {
        let pool = &mut self.pools[p];
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
        for (i, &s) in pool.shares.iter().enumerate() {
            if s == 0 {
                continue;
            }
            let part = &x * q(s) / &total;
            let acct = &mut self.acct[t][i];
            acct.pools[p].e += &part;
            acct.pools[p].slack += s;
            acct.entitled += part;
            acct.slack += s;
            acct.credits += 1;
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn route(
        &mut self,
        t: usize,
        model: u64,
        amount: u128,
        developer: usize,
        (dev, data, val): (u16, u16, u16),
        influence: u16,
        attribution: &[(u64, u16)],
    ) {
        let total = q(amount);
        let protocol = bps(&total, self.fee);
        let rest = &total - &protocol;
        let developer_share = bps(&rest, dev);
        let data_share = bps(&rest, data);
        let escrow = bps(&data_share, influence);
        let pools_share = &data_share - &escrow;
        let validators = bps(&rest, val);
        self.give(t, self.treasury, &protocol);
        self.give(t, developer, &developer_share);
        self.escrow[model as usize - 1][t] += escrow;
        for &(d, w) in attribution {
            let mut c = bps(&pools_share, w);
            let mut v = bps(&validators, w);
            if self.pools[pix(d, 1)].disabled {
                c += v;
                v = Q::zero();
            }
            if !c.is_zero() {
                self.credit(t, pix(d, 0), c);
            }
            if !v.is_zero() {
                self.credit(t, pix(d, 1), v);
            }
        }
        self.deposited[t] += amount;
    }

    /// Releasable wei of an escrow.
    fn available(&self, model: u64, t: Option<usize>) -> u128 {
        match t {
            Some(t) if (1..=NM).contains(&model) => {
                let m = model as usize - 1;
                let floor = self.escrow[m][t].floor().to_integer();
                u128::try_from(floor).unwrap() - self.released[m][t]
            }
            _ => 0,
        }
    }

    /// Distinct known pools of a claim's lists.
    fn claim_pools(contributors: &[u64], validators: &[u64]) -> Vec<usize> {
        let mut pools = Vec::new();
        for (kind, ids) in [(0u8, contributors), (1u8, validators)] {
            for &d in ids {
                if known(d) && !pools.contains(&pix(d, kind)) {
                    pools.push(pix(d, kind));
                }
            }
        }
        pools
    }

    /// Unclaimed entitlement and allowance of `a` in its direct balance and
    /// `pools`.
    fn owed(&self, t: usize, a: usize, pools: &[usize]) -> Bucket {
        let acct = &self.acct[t][a];
        let mut sum = acct.direct.clone();
        for &p in pools {
            sum.e += &acct.pools[p].e;
            sum.slack += &acct.pools[p].slack;
        }
        sum
    }

    fn claim(&mut self, t: usize, a: usize, pools: &[usize], amount: u128, to: usize) {
        let acct = &mut self.acct[t][a];
        for &p in pools {
            let bucket = std::mem::take(&mut acct.pools[p]);
            acct.direct.e += bucket.e;
            acct.direct.slack += bucket.slack;
        }
        acct.direct.e -= q(amount);
        acct.claimed += amount;
        self.claimed[t] += amount;
        self.received[t][to] += amount;
    }
}

// ---------------------------------------------------------------------------
// Contracts and observation

struct World {
    /// Events of a wrapper's own calls in the last step (`WhilePaused`).
    wrapper_events: std::cell::Cell<usize>,
    splitter: Contract<RewardSplitter>,
    erc20: Contract<MockErc20>,
    unlisted: Contract<MockErc20>,
    wallets: Vec<Contract<Wallet>>,
}

type PoolView = (U256, U256, U256, U256);
type TokenView = (bool, bool, U256, U256, U256);

/// Everything the test reads back after a step.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Obs {
    config: (Address, u16, u8),
    paused: bool,
    tokens: [TokenView; NT],
    /// `[token][pool]`.
    pools: Vec<Vec<PoolView>>,
    /// `[pool][actor]`.
    shares: Vec<[U256; NA]>,
    /// `claimable(actor, token, all, all)`, `[token][actor]`.
    claimable: Vec<[(U256, U256); NA]>,
    /// `[model - 1][token]`.
    escrow: Vec<[(U256, U256); NT]>,
    /// The splitter's balance per token.
    balance: [U256; NT],
    /// Wallet balances, `[token][actor]`.
    wallets: [[U256; NA]; NT],
    /// Native value held by `OPS` and `INTRUDER`.
    payers: [U256; 2],
    /// The unlisted token's balance of the splitter.
    unlisted_balance: U256,
    events: usize,
}

impl World {
    fn deploy(fee: u16) -> Self {
        let world = Self {
            wrapper_events: std::cell::Cell::new(0),
            splitter: Contract::new(),
            erc20: Contract::new(),
            unlisted: Contract::new(),
            wallets: (0..NA).map(|_| Contract::new()).collect(),
        };
        let admin = addr(ADMIN);
        let s = &world.splitter;
        s.sender(admin)
            .constructor(admin, addr(0), fee)
            .motsu_unwrap();
        for role in [REGISTRY_ROLE, MARKET_ROLE, ATTRIBUTION_ROLE, PAUSER_ROLE] {
            s.sender(admin)
                .grant_role(role.into(), addr(OPS))
                .motsu_unwrap();
        }
        s.sender(admin)
            .set_token_allowed(world.erc20.address(), true)
            .motsu_unwrap();
        assert_eq!(
            s.sender(admin).tokens(),
            vec![NATIVE, world.erc20.address()]
        );
        assert_eq!(
            s.sender(admin).token_info(world.erc20.address()),
            (true, true, U256::ZERO, U256::ZERO, U256::ZERO)
        );
        for payer in [OPS, INTRUDER] {
            addr(payer).fund(U256::from(1) << FUNDING_SHIFT);
        }
        world
    }

    fn token(&self, t: Tok) -> Address {
        match t {
            Tok::Native => Address::ZERO,
            Tok::Erc20 => self.erc20.address(),
            Tok::Unlisted => self.unlisted.address(),
        }
    }

    fn all_ids() -> Vec<U256> {
        (1..=ND).map(U256::from).collect()
    }

    fn observe(&self) -> Obs {
        let me = addr(ADMIN);
        let sp = &self.splitter;
        let toks = [Tok::Native, Tok::Erc20].map(|t| self.token(t));
        let all = Self::all_ids();
        Obs {
            config: sp.sender(me).config(),
            paused: sp.sender(me).paused(),
            tokens: toks.map(|t| sp.sender(me).token_info(t)),
            pools: toks
                .iter()
                .map(|&t| {
                    (0..NP)
                        .map(|p| {
                            sp.sender(me)
                                .pool_info(U256::from(p / 2 + 1), (p % 2) as u8, t)
                                .motsu_unwrap()
                        })
                        .collect()
                })
                .collect(),
            shares: (0..NP)
                .map(|p| {
                    core::array::from_fn(|a| {
                        sp.sender(me)
                            .shares_of(U256::from(p / 2 + 1), (p % 2) as u8, addr(a))
                            .motsu_unwrap()
                    })
                })
                .collect(),
            claimable: toks
                .iter()
                .map(|&t| {
                    core::array::from_fn(|a| {
                        sp.sender(me)
                            .claimable(addr(a), t, all.clone(), all.clone())
                            .motsu_unwrap()
                    })
                })
                .collect(),
            escrow: (1..=NM)
                .map(|m| toks.map(|t| sp.sender(me).escrow(U256::from(m), t)))
                .collect(),
            balance: [sp.balance(), self.erc20.sender(me).balance_of(sp.address())],
            wallets: [
                core::array::from_fn(|a| self.wallets[a].balance()),
                core::array::from_fn(|a| {
                    self.erc20.sender(me).balance_of(self.wallets[a].address())
                }),
            ],
            payers: [actors()[OPS].balance(), actors()[INTRUDER].balance()],
            unlisted_balance: self.unlisted.sender(me).balance_of(sp.address()),
            events: sp.all_events().len(),
        }
    }

    fn recipient(&self, a: usize) -> Address {
        if a == NA {
            Address::ZERO
        } else {
            addr(a)
        }
    }

    /// Common checks of a fee or funding payment; transfers the ERC-20
    /// amount to the splitter first (only when nothing else makes the call
    /// fail) and returns the value to send.
    fn payment(
        &self,
        g: &Ghost,
        token: Tok,
        amount: U256,
        pay: Pay,
        fails: &mut Vec<Fail>,
    ) -> U256 {
        if amount.is_zero() {
            fails.push(Fail::ZeroAmount);
        }
        if amount > U256::from(u128::MAX) {
            fails.push(Fail::AmountTooLarge);
        }
        let value = match (token, pay) {
            (Tok::Native, Pay::Exact) => amount,
            (Tok::Native, Pay::WrongValue) => amount + U256::from(1),
            (Tok::Native, Pay::NotSent) => U256::ZERO,
            (_, Pay::WrongValue) => U256::from(1),
            _ => U256::ZERO,
        };
        match token.index() {
            None => fails.push(Fail::UnknownToken),
            Some(t) => {
                let expected = if t == 0 { amount } else { U256::ZERO };
                if value != expected {
                    fails.push(Fail::WrongValue);
                }
                if U256::from(g.deposited[t]) + amount > U256::from(u128::MAX) {
                    fails.push(Fail::AmountTooLarge);
                }
            }
        }
        let erc20 = token == Tok::Erc20;
        let transfer = erc20 && matches!(pay, Pay::Exact) && fails.is_empty();
        if erc20 && !transfer {
            fails.push(Fail::TransferShortfall);
        }
        if transfer {
            self.erc20
                .sender(addr(OPS))
                .mint(self.splitter.address(), amount)
                .motsu_unwrap();
        }
        value
    }

    /// Runs one action against contract and model; returns whether it
    /// succeeded.
    #[allow(clippy::too_many_lines, clippy::result_large_err)]
    fn step(&self, g: &mut Ghost, action: &Action) -> Result<bool, TestCaseError> {
        let sp = &self.splitter;
        let ops = |intruder: bool| addr(if intruder { INTRUDER } else { OPS });
        let admin = |intruder: bool| addr(if intruder { INTRUDER } else { ADMIN });
        let ok = match action {
            Action::AddWeight {
                d,
                a,
                weight,
                intruder,
            } => self.share_change(g, *d, 0, *a, *weight, true, *intruder, || {
                sp.sender(ops(*intruder))
                    .add_contributor_weight(U256::from(*d), self.recipient(*a), U256::from(*weight))
                    .motsu_res()
            })?,
            Action::AddValidator { d, a, intruder } => {
                self.share_change(g, *d, 1, *a, 1, true, *intruder, || {
                    sp.sender(ops(*intruder))
                        .add_validator_share(U256::from(*d), self.recipient(*a))
                        .motsu_res()
                })?
            }
            Action::Disable { d, intruder } => {
                let mut fails = caller_fails(*intruder);
                if *d == 0 {
                    fails.push(Fail::InvalidDatanet);
                } else {
                    let pool = &g.pools[pix(*d, 1)];
                    if pool.disabled || pool.total > 0 || pool.pending.iter().any(|p| !p.is_zero())
                    {
                        fails.push(Fail::PoolInUse);
                    }
                }
                let res = sp
                    .sender(ops(*intruder))
                    .disable_validator_pool(U256::from(*d))
                    .motsu_res();
                expect(&format!("disable_validator_pool({d})"), &fails, &res)?;
                if res.is_ok() {
                    g.pools[pix(*d, 1)].disabled = true;
                }
                res.is_ok()
            }
            Action::Remove {
                d,
                kind,
                a,
                targeted,
                pick,
                amount,
                intruder,
            } => {
                let holdings: Vec<(u64, u8, usize)> = (0..NP)
                    .flat_map(|p| (0..NA).map(move |a| (p, a)))
                    .filter(|&(p, a)| g.pools[p].shares[a] > 0)
                    .map(|(p, a)| (p as u64 / 2 + 1, (p % 2) as u8, a))
                    .collect();
                let (d, kind, a) = if *targeted && !holdings.is_empty() {
                    holdings[pick.index(holdings.len())]
                } else {
                    (*d, *kind, *a)
                };
                let held = if known(d) && kind <= 1 && a < NA {
                    g.pools[pix(d, kind)].shares[a]
                } else {
                    0
                };
                let shares = amount.of(held, 1 << 40);
                self.share_change(g, d, kind, a, shares, false, *intruder, || {
                    sp.sender(ops(*intruder))
                        .remove_shares(U256::from(d), kind, self.recipient(a), U256::from(shares))
                        .motsu_res()
                })?
            }
            Action::Route {
                model,
                token,
                amount,
                developer,
                split,
                influence,
                datanets,
                raw_weights,
                bad,
                pay,
                intruder,
            } => {
                // Weights from the raw draws, each non-zero, summing to 10^4.
                let raw = &raw_weights[..datanets.len()];
                let sum: u64 = raw.iter().map(|&r| u64::from(r)).sum();
                let n = raw.len() as u64;
                let mut weights: Vec<u16> = raw
                    .iter()
                    .map(|&r| (1 + (10_000 - n) * u64::from(r) / sum) as u16)
                    .collect();
                let others: u16 = weights[1..].iter().sum();
                weights[0] = 10_000 - others;
                let mut ids: Vec<u64> = datanets.clone();
                let mut fails = caller_fails(*intruder);
                match bad {
                    None => {}
                    Some(BadAttr::Empty) => {
                        ids.clear();
                        weights.clear();
                        fails.push(Fail::InvalidAttribution);
                    }
                    Some(BadAttr::ZeroId) => {
                        ids[0] = 0;
                        fails.push(Fail::InvalidDatanet);
                    }
                    Some(BadAttr::Duplicate) => {
                        ids.push(ids[0]);
                        weights.push(1);
                        weights[0] -= 1;
                        fails.extend([Fail::InvalidDatanet, Fail::InvalidWeights]);
                    }
                    Some(BadAttr::SumOff) => {
                        weights[0] -= 1;
                        fails.push(Fail::InvalidWeights);
                    }
                    Some(BadAttr::ZeroWeight) => {
                        ids.push(ND + 1);
                        weights.push(0);
                        fails.push(Fail::InvalidWeights);
                    }
                    Some(BadAttr::LengthMismatch) => {
                        weights.push(1);
                        fails.push(Fail::InvalidAttribution);
                    }
                }
                if g.paused {
                    fails.push(Fail::EnforcedPause);
                }
                if *developer == NA {
                    fails.push(Fail::ZeroAddress);
                }
                let (dev, data, val) = *split;
                if u32::from(dev) + u32::from(data) + u32::from(val) != 10_000 {
                    fails.push(Fail::InvalidSplit);
                }
                if *influence > 10_000 {
                    fails.push(Fail::InvalidShare);
                }
                if *token == Tok::Erc20 && !g.erc20_allowed {
                    fails.push(Fail::TokenNotAllowed);
                }
                let value = self.payment(g, *token, *amount, *pay, &mut fails);
                let tok = self.token(*token);
                let res = sp
                    .sender_and_value(ops(*intruder), value)
                    .route(
                        U256::from(*model),
                        tok,
                        *amount,
                        self.recipient(*developer),
                        dev,
                        data,
                        val,
                        *influence,
                        ids.iter().map(|&d| U256::from(d)).collect(),
                        weights.clone(),
                    )
                    .motsu_res();
                expect(
                    &format!(
                        "route(model {model}, {token:?}, {amount}, dev {developer}, {split:?}, \
                         influence {influence}, {ids:?}, {weights:?}) value {value}"
                    ),
                    &fails,
                    &res,
                )?;
                if res.is_ok() {
                    let attribution: Vec<(u64, u16)> =
                        ids.iter().copied().zip(weights.iter().copied()).collect();
                    g.route(
                        token.index().unwrap(),
                        *model,
                        amount.to::<u128>(),
                        *developer,
                        *split,
                        *influence,
                        &attribution,
                    );
                }
                res.is_ok()
            }
            Action::Fund {
                d,
                token,
                amount,
                pay,
                intruder,
            } => {
                let mut fails = caller_fails(*intruder);
                if *d == 0 {
                    fails.push(Fail::InvalidDatanet);
                }
                let value = self.payment(g, *token, *amount, *pay, &mut fails);
                let res = sp
                    .sender_and_value(ops(*intruder), value)
                    .fund_validator_pool(U256::from(*d), self.token(*token), *amount)
                    .motsu_res();
                expect(
                    &format!("fund_validator_pool({d}, {token:?}, {amount}) value {value}"),
                    &fails,
                    &res,
                )?;
                if res.is_ok() {
                    let t = token.index().unwrap();
                    let amount = amount.to::<u128>();
                    g.credit(t, pix(*d, 1), q(amount));
                    g.deposited[t] += amount;
                }
                res.is_ok()
            }
            Action::Distribute {
                d,
                kind,
                token,
                targeted,
                pick,
            } => {
                // Targeted: a pool with shares and pending revenue, else any
                // pool with shares.
                let with_shares = |pending: bool| -> Vec<(u64, u8, Tok)> {
                    (0..NP)
                        .flat_map(|p| [(p, Tok::Native), (p, Tok::Erc20)])
                        .filter(|&(p, t)| {
                            let pool = &g.pools[p];
                            pool.total > 0
                                && (!pending || !pool.pending[t.index().unwrap()].is_zero())
                        })
                        .map(|(p, t)| (p as u64 / 2 + 1, (p % 2) as u8, t))
                        .collect()
                };
                let ready = with_shares(true);
                let ready = if ready.is_empty() {
                    with_shares(false)
                } else {
                    ready
                };
                let (d, kind, token) = if *targeted && !ready.is_empty() {
                    ready[pick.index(ready.len())]
                } else {
                    (*d, *kind, *token)
                };
                let mut fails = Vec::new();
                if kind > 1 {
                    fails.push(Fail::InvalidPool);
                }
                if d == 0 {
                    fails.push(Fail::InvalidDatanet);
                }
                match token.index() {
                    None => fails.push(Fail::UnknownToken),
                    Some(t) => {
                        let has = known(d)
                            && kind <= 1
                            && g.pools[pix(d, kind)].total > 0
                            && !g.pools[pix(d, kind)].pending[t].is_zero();
                        if !has {
                            fails.push(Fail::NothingPending);
                        }
                    }
                }
                let res = sp
                    .sender(addr(INTRUDER))
                    .distribute_pending(U256::from(d), kind, self.token(token))
                    .motsu_res();
                expect(
                    &format!("distribute_pending({d}, {kind}, {token:?})"),
                    &fails,
                    &res,
                )?;
                if res.is_ok() {
                    g.credit(token.index().unwrap(), pix(d, kind), Q::zero());
                }
                res.is_ok()
            }
            Action::Release {
                model,
                token,
                a,
                targeted,
                pick,
                amount,
                intruder,
            } => {
                let open: Vec<(u64, Tok)> = (1..=NM)
                    .flat_map(|m| [(m, Tok::Native), (m, Tok::Erc20)])
                    .filter(|&(m, t)| g.available(m, t.index()) > 0)
                    .collect();
                let (model, token) = if *targeted && !open.is_empty() {
                    open[pick.index(open.len())]
                } else {
                    (*model, *token)
                };
                let available = g.available(model, token.index());
                let wei = amount.of(available, 1 << 60);
                let mut fails = caller_fails(*intruder);
                if *a == NA {
                    fails.push(Fail::ZeroAddress);
                }
                if wei == 0 {
                    fails.push(Fail::ZeroAmount);
                }
                if wei > available {
                    fails.push(Fail::EscrowExceeded);
                }
                if token.index().is_none() {
                    fails.push(Fail::UnknownToken);
                }
                let res = sp
                    .sender(ops(*intruder))
                    .release_escrow(
                        U256::from(model),
                        self.token(token),
                        self.recipient(*a),
                        U256::from(wei),
                    )
                    .motsu_res();
                expect(
                    &format!("release_escrow(model {model}, {token:?}, actor {a}, {wei})"),
                    &fails,
                    &res,
                )?;
                if res.is_ok() {
                    let t = token.index().unwrap();
                    g.released[model as usize - 1][t] += wei;
                    g.give(t, *a, &q(wei));
                }
                res.is_ok()
            }
            Action::Claim {
                a,
                token,
                targeted,
                pick,
                lists,
                to,
            } => {
                let owed: Vec<(usize, Tok)> = (0..NA)
                    .flat_map(|a| [(a, Tok::Native), (a, Tok::Erc20)])
                    .filter(|&(a, t)| {
                        let all: Vec<usize> = (0..NP).collect();
                        g.owed(t.index().unwrap(), a, &all).e >= q(1)
                    })
                    .collect();
                let (a, token) = if *targeted && !owed.is_empty() {
                    owed[pick.index(owed.len())]
                } else {
                    (*a, *token)
                };
                let (cd, vd): (Vec<u64>, Vec<u64>) = match lists {
                    Lists::All => ((1..=ND).collect(), (1..=ND).collect()),
                    Lists::Own => {
                        let own = |kind: u8| {
                            (1..=ND)
                                .filter(|&d| {
                                    token.index().is_some_and(|t| {
                                        !g.acct[t][a].pools[pix(d, kind)].e.is_zero()
                                    })
                                })
                                .collect()
                        };
                        (own(0), own(1))
                    }
                    Lists::Given(c, v) => (c.clone(), v.clone()),
                    Lists::TooMany => (
                        (0..=MAX_CLAIM_POOLS as u64).map(|i| i % (ND + 1)).collect(),
                        vec![],
                    ),
                };
                let to_index = match to {
                    To::Own => Some(a),
                    To::Other(b) => Some(*b),
                    To::Zero => None,
                };
                let to_addr = to_index.map_or(Address::ZERO, |b| self.wallets[b].address());
                let mut fails = Vec::new();
                if to_index.is_none() {
                    fails.push(Fail::ZeroAddress);
                }
                if cd.len() + vd.len() > MAX_CLAIM_POOLS {
                    fails.push(Fail::TooManyPools);
                }
                let pools = Ghost::claim_pools(&cd, &vd);
                let tok = self.token(token);
                let ids = |l: &[u64]| l.iter().map(|&d| U256::from(d)).collect::<Vec<_>>();
                let mut view_wei = None;
                match token.index() {
                    None => fails.push(Fail::UnknownToken),
                    Some(t) if fails.is_empty() => {
                        // Bounds from the model; the view must lie within them,
                        // and decides within them.
                        let view = sp
                            .sender(addr(a))
                            .claimable(addr(a), tok, ids(&cd), ids(&vd))
                            .motsu_unwrap();
                        let owed = g.owed(t, a, &pools);
                        let exact = &owed.e * Q::from_integer(scale());
                        let scaled = Q::from_integer(big(view.1));
                        let low = &exact - Q::from_integer(owed.slack.clone());
                        prop_assert!(
                            scaled <= exact && scaled >= low,
                            "claimable({a}, {token:?}, {cd:?}, {vd:?}) scaled {} outside \
                             [{}, {}] of the model",
                            view.1,
                            low,
                            exact
                        );
                        prop_assert_eq!(
                            big(view.0),
                            big(view.1) / scale(),
                            "claimable wei != scaled / 10^18"
                        );
                        if view.0.is_zero() {
                            fails.push(Fail::NothingToClaim);
                        }
                        view_wei = Some(view.0);
                    }
                    Some(_) => {}
                }
                let res = sp
                    .sender(addr(a))
                    .claim(tok, ids(&cd), ids(&vd), to_addr)
                    .motsu_res();
                expect(
                    &format!("actor {a}: claim({token:?}, {cd:?}, {vd:?}, to {to:?})"),
                    &fails,
                    &res,
                )?;
                if let Ok(paid) = res {
                    prop_assert_eq!(Some(paid), view_wei, "claim paid != claimable view");
                    g.claim(
                        token.index().unwrap(),
                        a,
                        &pools,
                        paid.to::<u128>(),
                        to_index.unwrap(),
                    );
                }
                res.is_ok()
            }
            Action::SetFee { bps, intruder } => {
                let mut fails = caller_fails(*intruder);
                if *bps > 1_000 {
                    fails.push(Fail::InvalidFee);
                }
                let res = sp
                    .sender(admin(*intruder))
                    .set_protocol_fee(*bps)
                    .motsu_res();
                expect(&format!("set_protocol_fee({bps})"), &fails, &res)?;
                if res.is_ok() {
                    g.fee = *bps;
                }
                res.is_ok()
            }
            Action::SetTreasury { a, intruder } => {
                let mut fails = caller_fails(*intruder);
                if *a == NA {
                    fails.push(Fail::ZeroAddress);
                }
                let res = sp
                    .sender(admin(*intruder))
                    .set_treasury(self.recipient(*a))
                    .motsu_res();
                expect(&format!("set_treasury(actor {a})"), &fails, &res)?;
                if res.is_ok() {
                    g.treasury = *a;
                }
                res.is_ok()
            }
            Action::SetAllowed { allowed, intruder } => {
                let fails = caller_fails(*intruder);
                let res = sp
                    .sender(admin(*intruder))
                    .set_token_allowed(self.erc20.address(), *allowed)
                    .motsu_res();
                expect(
                    &format!("set_token_allowed(erc20, {allowed})"),
                    &fails,
                    &res,
                )?;
                if res.is_ok() {
                    g.erc20_allowed = *allowed;
                }
                res.is_ok()
            }
            Action::WhilePaused(inner) => {
                let running = !g.paused;
                if running {
                    sp.sender(addr(OPS)).pause().motsu_unwrap();
                    g.paused = true;
                    self.wrapper_events.set(2);
                }
                let ok = self.step(g, inner);
                if running {
                    sp.sender(addr(OPS)).unpause().motsu_unwrap();
                    g.paused = false;
                }
                ok?
            }
            Action::SetPaused { paused, intruder } => {
                let mut fails = caller_fails(*intruder);
                match (*paused, g.paused) {
                    (true, true) => fails.push(Fail::EnforcedPause),
                    (false, false) => fails.push(Fail::ExpectedPause),
                    _ => {}
                }
                let mut caller = sp.sender(ops(*intruder));
                let res = if *paused {
                    caller.pause().motsu_res()
                } else {
                    caller.unpause().motsu_res()
                };
                expect(
                    &format!("{}()", if *paused { "pause" } else { "unpause" }),
                    &fails,
                    &res,
                )?;
                if res.is_ok() {
                    g.paused = *paused;
                }
                res.is_ok()
            }
        };
        Ok(ok)
    }

    /// Adds (`adding`) or removes `amount` shares of actor `a` (`NA`: zero
    /// address) in pool `kind` of datanet `d`, through `call`.
    #[allow(clippy::too_many_arguments)]
    fn share_change(
        &self,
        g: &mut Ghost,
        d: u64,
        kind: u8,
        a: usize,
        amount: u128,
        adding: bool,
        intruder: bool,
        call: impl FnOnce() -> Result<(), Error>,
    ) -> Result<bool, TestCaseError> {
        let mut fails = caller_fails(intruder);
        if kind > 1 {
            fails.push(Fail::InvalidPool);
        }
        if d == 0 {
            fails.push(Fail::InvalidDatanet);
        }
        if a == NA {
            fails.push(Fail::ZeroAddress);
        }
        if amount == 0 {
            fails.push(Fail::ZeroAmount);
        }
        let (held, total) = if known(d) && kind <= 1 && a < NA {
            let pool = &g.pools[pix(d, kind)];
            (pool.shares[a], pool.total)
        } else {
            (0, 0)
        };
        if adding && total + amount > u128::from(MAX_POOL_SHARES) {
            fails.push(Fail::AmountTooLarge);
        }
        if !adding && amount > held {
            fails.push(Fail::InsufficientShares);
        }
        let res = call();
        expect(
            &format!(
                "{}({d}, pool {kind}, actor {a}, {amount})",
                if adding {
                    "add_shares"
                } else {
                    "remove_shares"
                }
            ),
            &fails,
            &res,
        )?;
        if res.is_ok() {
            let pool = &mut g.pools[pix(d, kind)];
            if adding {
                pool.shares[a] += amount;
                pool.total += amount;
            } else {
                pool.shares[a] -= amount;
                pool.total -= amount;
            }
        }
        Ok(res.is_ok())
    }
}

// ---------------------------------------------------------------------------
// Checks

fn check(g: &Ghost, o: &Obs) -> Result<(), TestCaseError> {
    let s = scale();
    let sq = Q::from_integer(s.clone());
    prop_assert_eq!(o.config.0, addr(g.treasury), "treasury");
    prop_assert_eq!(o.config.1, g.fee, "protocol fee");
    prop_assert_eq!(o.config.2, 2u8, "listed tokens");
    prop_assert_eq!(o.paused, g.paused, "paused");
    prop_assert_eq!(o.unlisted_balance, U256::ZERO, "unlisted token held");
    prop_assert_eq!(
        o.payers[0] + o.payers[1] + o.balance[0] + o.wallets[0].iter().sum::<U256>(),
        U256::from(2) << FUNDING_SHIFT,
        "native value not conserved"
    );
    for t in 0..NT {
        let (listed, allowed, deposited, claimed, dust) = o.tokens[t];
        prop_assert!(listed, "token {} not listed", t);
        prop_assert_eq!(allowed, t == 0 || g.erc20_allowed, "token {} allowance", t);
        prop_assert_eq!(
            deposited,
            U256::from(g.deposited[t]),
            "deposited of token {}",
            t
        );
        prop_assert_eq!(claimed, U256::from(g.claimed[t]), "claimed of token {}", t);

        // 1. Conservation, to the wei and to the scaled unit.
        prop_assert_eq!(
            o.balance[t],
            deposited - claimed,
            "1: balance of token {} != deposited - claimed",
            t
        );
        let accounts: BigInt = o.claimable[t].iter().map(|c| big(c.1)).sum();
        let pending: BigInt = o.pools[t].iter().map(|p| big(p.3)).sum();
        let escrow: BigInt = o
            .escrow
            .iter()
            .map(|e| big(e[t].0) - big(e[t].1) * &s)
            .sum();
        let rhs = big(claimed) * &s + &accounts + &pending + &escrow + big(dust);
        prop_assert_eq!(
            big(deposited) * &s,
            rhs,
            "1: token {}: deposited * 10^18 != claimed * 10^18 + claimable {} + pending {} + \
             unreleased escrow {} + dust {}",
            t,
            accounts,
            pending,
            escrow,
            dust
        );

        // Pools and escrows equal the model exactly.
        for p in 0..NP {
            let (total, _, revenue, pending) = o.pools[t][p];
            let gp = &g.pools[p];
            prop_assert_eq!(total, U256::from(gp.total), "total shares of pool {}", p);
            prop_assert_eq!(
                Q::from_integer(big(revenue)),
                &gp.revenue[t] * &sq,
                "revenue of pool {} in token {}",
                p,
                t
            );
            prop_assert_eq!(
                Q::from_integer(big(pending)),
                &gp.pending[t] * &sq,
                "pending of pool {} in token {}",
                p,
                t
            );
        }
        for m in 0..NM as usize {
            let (escrowed, released) = o.escrow[m][t];
            prop_assert_eq!(
                Q::from_integer(big(escrowed)),
                &g.escrow[m][t] * &sq,
                "escrowed of model {} in token {}",
                m + 1,
                t
            );
            prop_assert_eq!(
                released,
                U256::from(g.released[m][t]),
                "released of model {}",
                m + 1
            );
        }

        // 2. No account gets more than its exact entitlement, nor much less.
        let mut losses = Q::zero();
        for a in 0..NA {
            let acct = &g.acct[t][a];
            let (wei, scaled) = o.claimable[t][a];
            let paid = big(wei) + BigInt::from(acct.claimed);
            let e = &acct.entitled;
            prop_assert!(
                paid <= e.floor().to_integer(),
                "2: actor {} token {}: claimed {} + claimable {} > floor(entitlement {})",
                a,
                t,
                acct.claimed,
                wei,
                e
            );
            prop_assert!(
                e - Q::from_integer(paid.clone()) < q(u128::from(acct.credits) + 1),
                "2: actor {} token {}: paid {} short of entitlement {} by a wei or more per \
                 credit ({} credits)",
                a,
                t,
                paid,
                e,
                acct.credits
            );
            let paid_scaled = BigInt::from(acct.claimed) * &s + big(scaled);
            let loss = e * &sq - Q::from_integer(paid_scaled);
            let slack = Q::from_integer(acct.slack.clone());
            prop_assert!(
                !loss.is_negative() && (loss < slack || loss.is_zero()),
                "2: actor {} token {}: scaled loss {} outside [0, slack {})",
                a,
                t,
                loss,
                slack
            );
            prop_assert_eq!(
                o.wallets[t][a],
                U256::from(g.received[t][a]),
                "wallet of actor {} in token {}",
                a,
                t
            );
            losses += loss;
        }
        prop_assert_eq!(
            losses,
            Q::from_integer(big(dust)),
            "2: token {}: sum of rounding losses != dust",
            t
        );
    }
    for p in 0..NP {
        for a in 0..NA {
            prop_assert_eq!(
                o.shares[p][a],
                U256::from(g.pools[p].shares[a]),
                "shares of actor {} in pool {}",
                a,
                p
            );
        }
    }
    Ok(())
}

fn run(fee: u16, actions: &[Action]) -> Result<(), TestCaseError> {
    let world = World::deploy(fee);
    let mut ghost = Ghost::new(fee);
    let mut before = world.observe();
    check(&ghost, &before)?;
    for (n, action) in actions.iter().enumerate() {
        let context = common::in_step(n, action);
        world.wrapper_events.set(0);
        let ok = world.step(&mut ghost, action).map_err(&context)?;
        tally(action.name(), ok);
        if !ok {
            let call = common::last_call();
            let error = call
                .rsplit("-> Err(")
                .next()
                .unwrap_or("")
                .split('(')
                .next()
                .unwrap_or("");
            tally(&format!("{} / {error}", action.name()), false);
        }
        let after = world.observe();
        if !ok {
            let unchanged = || -> Result<(), TestCaseError> {
                let mut expected = before.clone();
                expected.events += world.wrapper_events.get();
                prop_assert_eq!(&after, &expected, "3: a failed call changed state");
                Ok(())
            };
            unchanged().map_err(&context)?;
        }
        check(&ghost, &after).map_err(&context)?;
        before = after;
    }
    Ok(())
}

proptest! {
    #![proptest_config(common::persisted_config("splitter_invariants"))]

    #[test]
    fn splitter_invariants((fee, actions) in case()) {
        run(fee, &actions)?;
    }
}

/// Prints how often each action kind succeeded and failed over 256 fresh
/// cases (`cargo test -p integration-tests --test splitter_invariants --
/// --ignored --nocapture`), to see what the generator exercises.
#[test]
#[ignore = "statistics only"]
fn stats() {
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig {
        failure_persistence: None,
        ..ProptestConfig::default()
    });
    let (cases, steps) = (std::cell::Cell::new(0u64), std::cell::Cell::new(0u64));
    let started = std::time::Instant::now();
    runner
        .run(&case(), |(fee, actions)| {
            cases.set(cases.get() + 1);
            steps.set(steps.get() + actions.len() as u64);
            run(fee, &actions)
        })
        .unwrap();
    println!(
        "{} cases, {} steps, {:?}",
        cases.get(),
        steps.get(),
        started.elapsed()
    );
    TALLY.with(|t| {
        for (what, [ok, failed]) in t.borrow().iter() {
            println!("{what:28} {ok:6} ok {failed:6} failed");
        }
    });
}
