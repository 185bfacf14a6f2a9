//! Stateful property test of `datanet_registry` against a ghost model.
//!
//! Each case deploys a fresh registry (ERC-20 stake token, unstake cooldown
//! 0) wired to the real `reward_splitter` (the registry holds its
//! `REGISTRY_ROLE`, the stake token is on its allowlist), with two
//! datanets: #1 validator-reviewed
//! (quorum 2, minimum stake 1000, bond 50, slash 2000 bps) and #2
//! owner-reviewed (bond 30). Four validators (one a whale, staking up to
//! 2^100), three contributors and the datanets' owner hold minted tokens; one
//! validator and one contributor approved the registry for a finite
//! allowance only.
//!
//! A random sequence of actions (stake, contribute, contribute_batch, vote,
//! review, request_unstake, settle_vote, withdraw_stake, claim_refund,
//! set_status, and votes/reviews/settlements while the splitter refuses the
//! registry, its role revoked) runs
//! against both the contracts and a plain Rust model of what the registry
//! must do. Review goes on in paused and closed datanets alike (closing
//! stops contributions and stakes only), and the owner (an actor like the
//! others) claims the rejected bonds owed to it with `claim_refund`. Invalid
//! inputs are part of the mix: unknown ids, qualities 0 and 101, zero and
//! duplicate hashes, oversized batches and URIs, native value sent to the
//! ERC-20 deployment, missing funds or allowance, wrong callers.
//! The model predicts, for every action, whether it succeeds and, if not,
//! which errors would be legitimate (any condition that holds; the contract
//! may check them in any order). After every step the whole observable state
//! is read back and checked:
//!
//! 1. token conservation: actors + registry + splitter == total minted;
//! 2. registry balance == stakes + unclaimed refunds (approved bonds owed to
//!    contributors, rejected owner-review bonds owed to the owner) + bonds of
//!    pending contributions;
//! 3. splitter balance == what the splitter counts as deposited == pool
//!    funding of both datanets == bonds forfeited in the validator-reviewed
//!    datanet + slashed stake in the model (rejected bonds of the
//!    owner-reviewed datanet go to the owner, never to the splitter), nothing
//!    was claimed from it, and the owner's credits == rejected owner-reviewed
//!    contributions x bond;
//! 4. each validator's `open_votes` == its unsettled votes in the model, and
//!    pending contributions have fewer than `quorum` votes on either side;
//! 5. a failed action changes nothing observable (storage views, balances,
//!    allowances, native balances, event counts), and an action succeeds
//!    exactly when the model says it should;
//! 6. the contributor weight recorded by the splitter (the contributor's
//!    shares in the datanet's contributor pool) == the sum of the weights
//!    (mean approving quality) of the contributor's approved contributions,
//!    and each pool's total shares == the sum of its accounts' shares;
//!
//! and, beyond these, every view (validators, contributions, votes, refunds,
//! splitter shares, balances, allowances) equals the model to the wei.
//!
//! Failing cases are persisted in `tests/proptest-regressions/`.
mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Debug;
use std::sync::OnceLock;

use alloy_primitives::{Address, B256, U256};
use alloy_sol_types::SolEvent;
use common::contribution_count;
use datanet_registry::{DatanetRegistry, Error};
use integration_tests::MockErc20;
use motsu::prelude::*;
use proptest::{
    collection::vec,
    prelude::*,
    sample::{subsequence, Index},
};
use reward_splitter::{
    RewardSplitter, RoleGranted, RoleRevoked, POOL_CONTRIBUTORS, POOL_VALIDATORS,
};

/// Validators are actors `0..NV`.
const NV: usize = 4;
/// Contributors are actors `NV..OWNER`.
const FIRST_CONTRIBUTOR: usize = NV;
/// The datanets' owner.
const OWNER: usize = 7;
/// Number of actors.
const NA: usize = 8;

/// Datanet #1: validator review.
const D_VAL: u64 = 1;
/// Datanet #2: owner review.
const D_OWN: u64 = 2;
const QUORUM: u8 = 2;
const MIN_STAKE: u128 = 1_000;
const BOND_VAL: u128 = 50;
const BOND_OWN: u128 = 30;
const SLASH_BPS: u128 = 2_000;

/// Validator 1 is a whale, so stakes (and slashes) far above 2^64 happen.
const WHALE: usize = 1;
/// Tokens minted to each actor.
const MINT: [u128; NA] = [4_000, 1 << 101, 2_500, 6_000, 500, 500, 400, 200];
/// Allowance given to the registry (`None`: unlimited, `U256::MAX`).
const ALLOWANCE: [Option<u128>; NA] = [None, None, None, Some(2_500), None, None, Some(150), None];
/// Native wei given to each actor, only to try (wrong) payable calls.
const NATIVE: u128 = 1_000;
/// Native value sent with a payable call in the ERC-20 deployment.
const WRONG_VALUE: u128 = 7;

const STATUS_ACTIVE: u8 = 0;
const STATUS_CLOSED: u8 = 2;

/// Test accounts; derived once (key derivation is not free in debug builds).
fn actors() -> &'static [Account; NA] {
    static ACTORS: OnceLock<[Account; NA]> = OnceLock::new();
    ACTORS.get_or_init(|| core::array::from_fn(|i| Account::from_seed(&format!("actor {i}"))))
}

fn addr(i: usize) -> Address {
    actors()[i].address()
}

/// Content hash number `i`; 0 is the (invalid) zero hash.
fn hash_of(i: u8) -> B256 {
    if i == 0 {
        B256::ZERO
    } else {
        common::content(u64::from(i))
    }
}

/// Model index of a known datanet id.
fn di(d: u64) -> Option<usize> {
    match d {
        D_VAL => Some(0),
        D_OWN => Some(1),
        _ => None,
    }
}

fn u(x: u128) -> U256 {
    U256::from(x)
}

// ---------------------------------------------------------------------------
// Actions

#[derive(Clone, Copy, Debug)]
enum Uri {
    Empty,
    Short,
    TooLong,
}

impl Uri {
    fn text(self) -> String {
        match self {
            Uri::Empty => String::new(),
            Uri::Short => "ipfs://poem".into(),
            Uri::TooLong => "x".repeat(257),
        }
    }
}

#[derive(Clone, Debug)]
enum Action {
    Stake {
        v: usize,
        d: u64,
        amount: u128,
        with_value: bool,
    },
    /// `targeted`: pick a staked validator that is not leaving (if any).
    RequestUnstake {
        v: usize,
        d: u64,
        targeted: bool,
        pick: Index,
    },
    /// `targeted`: pick a leaving validator (if any).
    WithdrawStake {
        v: usize,
        d: u64,
        targeted: bool,
        pick: Index,
    },
    Contribute {
        who: usize,
        d: u64,
        hash: u8,
        uri: Uri,
        with_value: bool,
    },
    ContributeBatch {
        who: usize,
        d: u64,
        hashes: Vec<u8>,
        oversize: bool,
    },
    /// `targeted`: pick a validator and a pending contribution it may vote
    /// on (if any; with `focus`, one with the most votes so far) instead of
    /// `v` and any id in `0..=count + 1`.
    Vote {
        v: usize,
        targeted: bool,
        focus: bool,
        c: Index,
        approve: bool,
        quality: u8,
    },
    /// The owner's decision on an owner-reviewed contribution (`vote` from
    /// the owner, or from a contributor who is not); `targeted`: pick a
    /// pending one (if any).
    Review {
        by_owner: bool,
        targeted: bool,
        c: Index,
        approve: bool,
        quality: u8,
    },
    /// `targeted`: pick a settleable vote (else an unsettled one), if any.
    Settle {
        caller: usize,
        targeted: bool,
        c: Index,
        v: usize,
    },
    /// `targeted`: pick an actor with a refund (if any).
    Claim {
        who: usize,
        targeted: bool,
        pick: Index,
    },
    SetStatus {
        by_owner: bool,
        d: u64,
        status: u8,
    },
    /// Runs the inner action while the splitter refuses every call from the
    /// registry (its `REGISTRY_ROLE` revoked, then granted again).
    SplitterDown(Box<Action>),
}

fn datanet_id() -> impl Strategy<Value = u64> {
    prop_oneof![1 => Just(0u64), 12 => Just(D_VAL), 6 => Just(D_OWN), 1 => Just(3u64)]
}

fn quality() -> impl Strategy<Value = u8> {
    prop_oneof![1 => Just(0u8), 1 => Just(101u8), 24 => 1..=100u8]
}

fn hash_index() -> impl Strategy<Value = u8> {
    prop_oneof![1 => Just(0u8), 30 => 1..=40u8]
}

fn contributor() -> impl Strategy<Value = usize> {
    prop_oneof![6 => FIRST_CONTRIBUTOR..OWNER, 1 => 0..NA]
}

fn uri() -> impl Strategy<Value = Uri> {
    prop_oneof![5 => Just(Uri::Empty), 5 => Just(Uri::Short), 1 => Just(Uri::TooLong)]
}

fn rare() -> impl Strategy<Value = bool> {
    prop::bool::weighted(0.04)
}

fn targeted() -> impl Strategy<Value = bool> {
    prop::bool::weighted(0.75)
}

fn stake_amount() -> impl Strategy<Value = u128> {
    prop_oneof![
        1 => Just(0u128),
        2 => Just(999u128),
        4 => Just(1_000u128),
        6 => 1u128..=3_000,
        1 => huge_amount(),
    ]
}

/// Only the whale can stake this much.
fn huge_amount() -> impl Strategy<Value = u128> {
    (1u128 << 60)..=(1u128 << 100)
}

fn stake() -> impl Strategy<Value = Action> {
    (
        0..NV,
        prop_oneof![8 => Just(D_VAL), 1 => datanet_id()],
        stake_amount(),
        rare(),
    )
        .prop_map(|(v, d, amount, with_value)| Action::Stake {
            v,
            d,
            amount,
            with_value,
        })
}

/// A warm-up stake of validator `v` in datanet #1 (the whale's may be huge).
fn warm_stake(v: usize) -> impl Strategy<Value = Action> {
    let amount = if v == WHALE {
        prop_oneof![1_000u128..=2_000, huge_amount()].boxed()
    } else {
        (1_000u128..=2_000).boxed()
    };
    amount.prop_map(move |amount| Action::Stake {
        v,
        d: D_VAL,
        amount,
        with_value: false,
    })
}

/// Up to ~60 actions: a short warm-up (distinct validators stake in datanet
/// #1, then contributors contribute, mostly to it, so that votes usually
/// have something to review and enough voters to split, and sometimes to
/// datanet #2, so that a closure may find pending owner-reviewed
/// contributions), then anything. Every part shrinks to nothing.
fn actions() -> impl Strategy<Value = Vec<Action>> {
    // Mostly three or four validators (enough for a split vote), but the
    // first alternative lets shrinking drop them all.
    let validators = (0..NV).collect::<Vec<_>>();
    let warm_stakes = prop_oneof![
        1 => subsequence(validators.clone(), 0..=NV),
        3 => subsequence(validators, 3..=NV),
    ]
    .prop_flat_map(|vs| vs.into_iter().map(warm_stake).collect::<Vec<_>>());
    let warm_contribution = (
        FIRST_CONTRIBUTOR..OWNER,
        prop_oneof![3 => Just(D_VAL), 1 => Just(D_OWN)],
        1..=40u8,
    )
        .prop_map(|(who, d, hash)| Action::Contribute {
            who,
            d,
            hash,
            uri: Uri::Short,
            with_value: false,
        });
    (
        warm_stakes,
        vec(warm_contribution, 0..=4),
        vec(action(), 1..=53),
    )
        .prop_map(|(mut all, contributions, rest)| {
            all.extend(contributions);
            all.extend(rest);
            all
        })
}

fn vote() -> impl Strategy<Value = Action> {
    (
        0..NV,
        targeted(),
        any::<bool>(),
        any::<Index>(),
        prop::bool::weighted(0.55),
        quality(),
    )
        .prop_map(|(v, targeted, focus, c, approve, quality)| Action::Vote {
            v,
            targeted,
            focus,
            c,
            approve,
            quality,
        })
}

fn review() -> impl Strategy<Value = Action> {
    (
        prop::bool::weighted(0.85),
        targeted(),
        any::<Index>(),
        any::<bool>(),
        quality(),
    )
        .prop_map(|(by_owner, targeted, c, approve, quality)| Action::Review {
            by_owner,
            targeted,
            c,
            approve,
            quality,
        })
}

fn settle() -> impl Strategy<Value = Action> {
    (0..NA, targeted(), any::<Index>(), 0..NV).prop_map(|(caller, targeted, c, v)| Action::Settle {
        caller,
        targeted,
        c,
        v,
    })
}

fn action() -> impl Strategy<Value = Action> {
    prop_oneof![
        6 => stake(),
        1 => (0..NV, datanet_id(), targeted(), any::<Index>())
            .prop_map(|(v, d, targeted, pick)| Action::RequestUnstake { v, d, targeted, pick }),
        3 => (0..NV, datanet_id(), targeted(), any::<Index>())
            .prop_map(|(v, d, targeted, pick)| Action::WithdrawStake { v, d, targeted, pick }),
        8 => (contributor(), datanet_id(), hash_index(), uri(), rare()).prop_map(
            |(who, d, hash, uri, with_value)| Action::Contribute { who, d, hash, uri, with_value }
        ),
        3 => (contributor(), datanet_id(), vec(hash_index(), 0..=4), rare()).prop_map(
            |(who, d, hashes, oversize)| Action::ContributeBatch { who, d, hashes, oversize }
        ),
        14 => vote(),
        4 => review(),
        8 => settle(),
        2 => (0..NA, targeted(), any::<Index>())
            .prop_map(|(who, targeted, pick)| Action::Claim { who, targeted, pick }),
        // Closing is final, so it stays rare, but common enough (and aimed
        // at the owner-reviewed datanet as often as at the other) that
        // pending contributions of closed datanets get reviewed.
        2 => (
            prop::bool::weighted(0.9),
            prop_oneof![1 => Just(0u64), 6 => Just(D_VAL), 6 => Just(D_OWN), 1 => Just(3u64)],
            prop_oneof![12 => Just(0u8), 8 => Just(1u8), 3 => Just(2u8), 1 => Just(3u8)]
        )
            .prop_map(|(by_owner, d, status)| Action::SetStatus { by_owner, d, status }),
        2 => prop_oneof![vote(), review(), settle()]
            .prop_map(|inner| Action::SplitterDown(Box::new(inner))),
    ]
}

// ---------------------------------------------------------------------------
// Errors the model can predict

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Fail {
    UnknownDatanet,
    UnknownContribution,
    NotDatanetOwner,
    InvalidUri,
    ZeroHash,
    InvalidStatus,
    DatanetNotActive,
    DuplicateContent,
    InvalidBatchSize,
    WrongValue,
    WrongReviewMode,
    ContributionFinalized,
    InvalidQuality,
    NotValidator,
    StakeBelowMinimum,
    StakedAfterSubmission,
    ValidatorLeaving,
    AlreadyVoted,
    NoOpenVote,
    VoteNotSettleable,
    UnstakeNotRequested,
    UnsettledVotes,
    NothingToClaim,
    ZeroAmount,
    PeerCallFailed,
    TokenTransfer,
    Other,
}

fn kind(e: &Error) -> Fail {
    match e {
        Error::UnknownDatanet(_) => Fail::UnknownDatanet,
        Error::UnknownContribution(_) => Fail::UnknownContribution,
        Error::NotDatanetOwner(_) => Fail::NotDatanetOwner,
        Error::InvalidUri(_) => Fail::InvalidUri,
        Error::ZeroHash(_) => Fail::ZeroHash,
        Error::InvalidStatus(_) => Fail::InvalidStatus,
        Error::DatanetNotActive(_) => Fail::DatanetNotActive,
        Error::DuplicateContent(_) => Fail::DuplicateContent,
        Error::InvalidBatchSize(_) => Fail::InvalidBatchSize,
        Error::WrongValue(_) => Fail::WrongValue,
        Error::WrongReviewMode(_) => Fail::WrongReviewMode,
        Error::ContributionFinalized(_) => Fail::ContributionFinalized,
        Error::InvalidQuality(_) => Fail::InvalidQuality,
        Error::NotValidator(_) => Fail::NotValidator,
        Error::StakeBelowMinimum(_) => Fail::StakeBelowMinimum,
        Error::StakedAfterSubmission(_) => Fail::StakedAfterSubmission,
        Error::ValidatorLeaving(_) => Fail::ValidatorLeaving,
        Error::AlreadyVoted(_) => Fail::AlreadyVoted,
        Error::NoOpenVote(_) => Fail::NoOpenVote,
        Error::VoteNotSettleable(_) => Fail::VoteNotSettleable,
        Error::UnstakeNotRequested(_) => Fail::UnstakeNotRequested,
        Error::UnsettledVotes(_) => Fail::UnsettledVotes,
        Error::NothingToClaim(_) => Fail::NothingToClaim,
        Error::ZeroAmount(_) => Fail::ZeroAmount,
        Error::PeerCallFailed(_) => Fail::PeerCallFailed,
        Error::SafeErc20FailedOperation(_) => Fail::TokenTransfer,
        _ => Fail::Other,
    }
}

/// Checks an outcome against the model's prediction (see
/// [`common::expect_outcome`]).
fn expect<T: Debug>(
    call: &str,
    fails: &[Fail],
    res: &Result<T, Error>,
) -> Result<(), TestCaseError> {
    common::expect_outcome(call, fails, res, kind)
}

// ---------------------------------------------------------------------------
// Ghost model

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum St {
    Pending,
    Approved,
    Rejected,
}

impl St {
    fn code(self) -> u8 {
        match self {
            St::Pending => 0,
            St::Approved => 1,
            St::Rejected => 2,
        }
    }
}

#[derive(Clone, Debug)]
struct MContribution {
    datanet: u64,
    contributor: usize,
    hash: B256,
    status: St,
    approvals: u8,
    rejections: u8,
    quality_sum: u64,
}

impl MContribution {
    /// Mean approving quality once approved, else 0.
    fn weight(&self) -> u128 {
        if self.status == St::Approved {
            u128::from(self.quality_sum / u64::from(self.approvals))
        } else {
            0
        }
    }
}

#[derive(Clone, Copy, Debug, Default)]
struct MValidator {
    stake: u128,
    eligible_from: u64,
    leaving: bool,
}

#[derive(Clone, Copy, Debug)]
struct MVote {
    approve: bool,
    quality: u8,
    settled: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Outcome {
    Rewarded,
    Slashed(u128),
    Retracted,
}

#[derive(Clone, Debug)]
struct Model {
    status: [u8; 2],
    bond: [u128; 2],
    validators: [[MValidator; NA]; 2],
    contributions: Vec<MContribution>,
    content: BTreeSet<(u64, B256)>,
    votes: BTreeMap<(u64, usize), MVote>,
    balances: [u128; NA],
    allowance: [Option<u128>; NA],
    registry_balance: u128,
    splitter_balance: u128,
    refunds: [u128; NA],
    pool: [u128; 2],
    /// Bonds of rejected contributions, per datanet: the validator-reviewed
    /// datanet's went to its validator pool, the owner-reviewed datanet's to
    /// the owner's claimable balance.
    forfeited: [u128; 2],
    slashed: [u128; 2],
    weights: [[u128; NA]; 2],
    shares: [[u128; NA]; 2],
    splitter_fail: bool,
    minted: u128,
}

impl Model {
    fn new() -> Self {
        Self {
            status: [STATUS_ACTIVE; 2],
            bond: [BOND_VAL, BOND_OWN],
            validators: [[MValidator::default(); NA]; 2],
            contributions: Vec::new(),
            content: BTreeSet::new(),
            votes: BTreeMap::new(),
            balances: MINT,
            allowance: ALLOWANCE,
            registry_balance: 0,
            splitter_balance: 0,
            refunds: [0; NA],
            pool: [0; 2],
            forfeited: [0; 2],
            slashed: [0; 2],
            weights: [[0; NA]; 2],
            shares: [[0; NA]; 2],
            splitter_fail: false,
            minted: MINT.iter().sum(),
        }
    }

    fn count(&self) -> u64 {
        self.contributions.len() as u64
    }

    fn contribution(&self, id: u64) -> Option<&MContribution> {
        id.checked_sub(1)
            .and_then(|i| self.contributions.get(usize::try_from(i).ok()?))
    }

    fn validator(&self, d: u64, v: usize) -> MValidator {
        di(d).map_or_else(MValidator::default, |i| self.validators[i][v])
    }

    /// Unsettled votes of `v` in datanet `d`.
    fn open_votes(&self, d: u64, v: usize) -> u32 {
        self.votes
            .iter()
            .filter(|((id, voter), vote)| {
                *voter == v && !vote.settled && self.contribution(*id).unwrap().datanet == d
            })
            .count() as u32
    }

    fn can_pull(&self, a: usize, amount: u128) -> bool {
        amount == 0
            || (self.balances[a] >= amount && self.allowance[a].is_none_or(|al| al >= amount))
    }

    fn pull(&mut self, a: usize, amount: u128) {
        if amount == 0 {
            return;
        }
        self.balances[a] -= amount;
        if let Some(al) = &mut self.allowance[a] {
            *al -= amount;
        }
        self.registry_balance += amount;
    }

    fn pay(&mut self, a: usize, amount: u128) {
        self.registry_balance -= amount;
        self.balances[a] += amount;
    }

    fn fund_pool(&mut self, d: u64, amount: u128) {
        let i = di(d).unwrap();
        self.registry_balance -= amount;
        self.splitter_balance += amount;
        self.pool[i] += amount;
    }

    /// Whether finalizing with `approve` calls the splitter: an approval
    /// credits the weight; a rejection funds the validator pool with the
    /// bond, except under owner review, where the owner is credited instead.
    fn finalize_calls_splitter(&self, d: u64, approve: bool) -> bool {
        approve || (d == D_VAL && self.bond[di(d).unwrap()] > 0)
    }

    fn finalize(&mut self, id: u64, approve: bool) {
        let c = &mut self.contributions[(id - 1) as usize];
        c.status = if approve { St::Approved } else { St::Rejected };
        let (d, who, weight) = (c.datanet, c.contributor, c.weight());
        let i = di(d).unwrap();
        let bond = self.bond[i];
        if approve {
            self.refunds[who] += bond;
            self.weights[i][who] += weight;
        } else if d == D_OWN {
            // The bond stays in the registry, owed to the owner.
            self.forfeited[i] += bond;
            self.refunds[OWNER] += bond;
        } else {
            self.forfeited[i] += bond;
            self.fund_pool(d, bond);
        }
    }

    // --- predictions (every condition that makes the action fail) ---

    fn stake_fails(&self, v: usize, d: u64, amount: u128, with_value: bool) -> Vec<Fail> {
        let mut f = Vec::new();
        if amount == 0 {
            f.push(Fail::ZeroAmount);
        }
        let Some(i) = di(d) else {
            f.push(Fail::UnknownDatanet);
            return f;
        };
        if d != D_VAL {
            f.push(Fail::WrongReviewMode);
        }
        if self.status[i] == STATUS_CLOSED {
            f.push(Fail::DatanetNotActive);
        }
        let val = self.validators[i][v];
        if val.leaving {
            f.push(Fail::ValidatorLeaving);
        }
        if d == D_VAL && val.stake == 0 && amount < MIN_STAKE {
            f.push(Fail::StakeBelowMinimum);
        }
        if with_value {
            f.push(Fail::WrongValue);
        }
        if !self.can_pull(v, amount) {
            f.push(Fail::TokenTransfer);
        }
        f
    }

    fn contribute_fails(&self, who: usize, d: u64, hashes: &[B256], with_value: bool) -> Vec<Fail> {
        let mut f = Vec::new();
        let Some(i) = di(d) else {
            f.push(Fail::UnknownDatanet);
            return f;
        };
        if self.status[i] != STATUS_ACTIVE {
            f.push(Fail::DatanetNotActive);
        }
        let mut seen = BTreeSet::new();
        for h in hashes {
            if h.is_zero() {
                f.push(Fail::ZeroHash);
            } else if self.content.contains(&(d, *h)) || !seen.insert(*h) {
                f.push(Fail::DuplicateContent);
            }
        }
        if with_value {
            f.push(Fail::WrongValue);
        }
        if !self.can_pull(who, self.bond[i] * hashes.len() as u128) {
            f.push(Fail::TokenTransfer);
        }
        f
    }

    fn contribute(&mut self, who: usize, d: u64, hashes: &[B256]) -> u64 {
        let first = self.count() + 1;
        for h in hashes {
            self.content.insert((d, *h));
            self.contributions.push(MContribution {
                datanet: d,
                contributor: who,
                hash: *h,
                status: St::Pending,
                approvals: 0,
                rejections: 0,
                quality_sum: 0,
            });
        }
        let bond = self.bond[di(d).unwrap()];
        self.pull(who, bond * hashes.len() as u128);
        first
    }

    /// Why `vote(id, approve, quality)` from `sender` fails: in the
    /// owner-reviewed datanet it is the owner's decision, in the
    /// validator-reviewed one a validator's vote.
    fn vote_fails(&self, sender: usize, id: u64, approve: bool, quality: u8) -> Vec<Fail> {
        let mut f = Vec::new();
        if !(1..=100).contains(&quality) {
            f.push(Fail::InvalidQuality);
        }
        let Some(c) = self.contribution(id) else {
            f.push(Fail::UnknownContribution);
            return f;
        };
        if c.status != St::Pending {
            f.push(Fail::ContributionFinalized);
        }
        // The datanet's status does not matter: pending contributions of a
        // closed datanet are still reviewed.
        let finalizes = if c.datanet == D_OWN {
            if sender != OWNER {
                f.push(Fail::NotDatanetOwner);
            }
            true
        } else {
            let val = self.validator(c.datanet, sender);
            if val.stake == 0 {
                f.push(Fail::NotValidator);
            } else if val.stake < MIN_STAKE {
                f.push(Fail::StakeBelowMinimum);
            }
            if val.leaving {
                f.push(Fail::ValidatorLeaving);
            }
            if val.eligible_from > id {
                f.push(Fail::StakedAfterSubmission);
            }
            if self.votes.contains_key(&(id, sender)) {
                f.push(Fail::AlreadyVoted);
            }
            let tally = if approve { c.approvals } else { c.rejections };
            tally + 1 == QUORUM
        };
        if f.is_empty()
            && finalizes
            && self.splitter_fail
            && self.finalize_calls_splitter(c.datanet, approve)
        {
            f.push(Fail::PeerCallFailed);
        }
        f
    }

    fn vote(&mut self, sender: usize, id: u64, approve: bool, quality: u8) {
        let c = &mut self.contributions[(id - 1) as usize];
        if c.datanet == D_OWN {
            if approve {
                c.approvals = 1;
                c.quality_sum = u64::from(quality);
            } else {
                c.rejections = 1;
            }
            self.finalize(id, approve);
            return;
        }
        let tally = if approve {
            c.approvals += 1;
            c.quality_sum += u64::from(quality);
            c.approvals
        } else {
            c.rejections += 1;
            c.rejections
        };
        self.votes.insert(
            (id, sender),
            MVote {
                approve,
                quality,
                settled: false,
            },
        );
        if tally == QUORUM {
            self.finalize(id, approve);
        }
    }

    /// What settling `v`'s vote on `id` would do, or why it fails.
    fn settle_outcome(&self, id: u64, v: usize) -> Result<Outcome, Vec<Fail>> {
        let Some(vote) = self.votes.get(&(id, v)).filter(|vote| !vote.settled) else {
            return Err(vec![Fail::NoOpenVote]);
        };
        let c = self.contribution(id).unwrap();
        let val = self.validator(c.datanet, v);
        let outcome = match c.status {
            St::Pending if !val.leaving => return Err(vec![Fail::VoteNotSettleable]),
            St::Pending => Outcome::Retracted,
            status if (status == St::Approved) == vote.approve => Outcome::Rewarded,
            _ => {
                let bps = if c.datanet == D_VAL { SLASH_BPS } else { 0 };
                Outcome::Slashed(val.stake * bps / 10_000)
            }
        };
        let calls_splitter = match outcome {
            Outcome::Rewarded => true,
            Outcome::Slashed(amount) => amount > 0,
            Outcome::Retracted => false,
        };
        if calls_splitter && self.splitter_fail {
            return Err(vec![Fail::PeerCallFailed]);
        }
        Ok(outcome)
    }

    fn settle(&mut self, id: u64, v: usize, outcome: Outcome) {
        let vote = self.votes.get_mut(&(id, v)).unwrap();
        vote.settled = true;
        let vote = *vote;
        let d = self.contributions[(id - 1) as usize].datanet;
        let i = di(d).unwrap();
        match outcome {
            Outcome::Rewarded => self.shares[i][v] += 1,
            Outcome::Slashed(amount) => {
                self.validators[i][v].stake -= amount;
                self.slashed[i] += amount;
                self.fund_pool(d, amount);
            }
            Outcome::Retracted => {
                let c = &mut self.contributions[(id - 1) as usize];
                if vote.approve {
                    c.approvals -= 1;
                    c.quality_sum -= u64::from(vote.quality);
                } else {
                    c.rejections -= 1;
                }
            }
        }
    }

    /// Contributions whose votes may still change: pending, or with an
    /// unsettled vote.
    fn live(&self) -> Vec<u64> {
        (1..=self.count())
            .filter(|id| {
                self.contribution(*id).unwrap().status == St::Pending
                    || (0..NV).any(|v| self.votes.get(&(*id, v)).is_some_and(|vote| !vote.settled))
            })
            .collect()
    }

    // --- target selection ---

    /// A (validator, datanet) pair matching `wanted` if `targeted` and there
    /// is one, else `raw`.
    fn pick_validator(
        &self,
        targeted: bool,
        pick: &Index,
        raw: (usize, u64),
        wanted: impl Fn(&MValidator) -> bool,
    ) -> (usize, u64) {
        let matching: Vec<(usize, u64)> = (0..NV)
            .flat_map(|v| [(v, D_VAL), (v, D_OWN)])
            .filter(|(v, d)| wanted(&self.validator(*d, *v)))
            .collect();
        if targeted && !matching.is_empty() {
            matching[pick.index(matching.len())]
        } else {
            raw
        }
    }

    fn any_id(&self, c: &Index) -> u64 {
        c.index(self.contributions.len() + 2) as u64
    }

    fn pending_id(&self, d: u64, targeted: bool, c: &Index) -> u64 {
        let pending: Vec<u64> = (1..=self.count())
            .filter(|id| {
                let m = self.contribution(*id).unwrap();
                m.datanet == d && m.status == St::Pending
            })
            .collect();
        if targeted && !pending.is_empty() {
            pending[c.index(pending.len())]
        } else {
            self.any_id(c)
        }
    }
}

// ---------------------------------------------------------------------------
// Contracts and observation

struct World {
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    token: Contract<MockErc20>,
}

type ValidatorView = (U256, U256, u64, u32);
type VoteView = (u8, u8, bool);
type DatanetView = (
    Address,
    Address,
    u8,
    u8,
    u8,
    u16,
    u16,
    U256,
    U256,
    String,
    B256,
    String,
);
type ContributionView = (U256, Address, B256, u64, u8, U256, u8, u8);

/// Everything the test reads back from the contracts after a step.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Obs {
    balances: [U256; NA],
    allowances: [U256; NA],
    registry_balance: U256,
    splitter_balance: U256,
    /// Native balances: actors, then registry and splitter.
    native: [U256; NA + 2],
    validators: [[ValidatorView; NV]; 2],
    refunds: [U256; NA],
    contribution_count: U256,
    datanets: [DatanetView; 2],
    contributions: Vec<ContributionView>,
    /// `vote_of(id, v)` for every validator and the contribution ids asked
    /// for: after each step the "live" ones (pending, or with an unsettled
    /// vote), the only ones whose votes may still change; at the end of a
    /// case all of them.
    votes: Vec<(u64, [VoteView; NV])>,
    weights: [[U256; NA]; 2],
    shares: [[U256; NA]; 2],
    /// `pool_funding(d, stake token)` and `pool_funding(d, native)`.
    pool: [(U256, U256); 2],
    /// Total shares of each datanet's contributor and validator pools.
    pool_totals: [(U256, U256); 2],
    splitter_native_received: U256,
    /// The splitter's `(deposited, claimed)` of the stake token.
    splitter_token: (U256, U256),
    splitter_updates: U256,
    /// Events logged by registry, splitter and token; the splitter's role
    /// changes (the test revoking and granting the registry's role) are
    /// not counted.
    events: [usize; 3],
}

impl World {
    fn deploy() -> Self {
        let world = Self {
            registry: Contract::new(),
            splitter: Contract::new(),
            token: Contract::new(),
        };
        let (registry, splitter, token) = (&world.registry, &world.splitter, &world.token);
        let owner = addr(OWNER);
        common::deploy_erc20(registry, splitter, token, owner, 0);
        assert_eq!(
            common::validator_datanet(registry, owner, QUORUM),
            U256::from(D_VAL)
        );
        assert_eq!(
            common::owner_datanet(registry, owner, u(BOND_OWN)),
            U256::from(D_OWN)
        );
        for i in 0..NA {
            token.sender(owner).mint(addr(i), u(MINT[i])).motsu_unwrap();
            let allowance = ALLOWANCE[i].map_or(U256::MAX, u);
            token
                .sender(addr(i))
                .approve(registry.address(), allowance)
                .motsu_unwrap();
            actors()[i].address().fund(u(NATIVE));
        }
        world
    }

    fn observe(&self, vote_ids: &[u64]) -> Obs {
        let (registry, splitter, token) = (&self.registry, &self.splitter, &self.token);
        let me = addr(OWNER);
        let count = contribution_count(registry);
        let n = count.to::<u64>();
        Obs {
            balances: core::array::from_fn(|i| token.sender(me).balance_of(addr(i))),
            allowances: core::array::from_fn(|i| {
                token.sender(me).allowance(addr(i), registry.address())
            }),
            registry_balance: token.sender(me).balance_of(registry.address()),
            splitter_balance: token.sender(me).balance_of(splitter.address()),
            native: core::array::from_fn(|i| match i {
                i if i < NA => actors()[i].balance(),
                i if i == NA => registry.balance(),
                _ => splitter.balance(),
            }),
            validators: core::array::from_fn(|d| {
                core::array::from_fn(|v| registry.sender(me).validator(U256::from(d + 1), addr(v)))
            }),
            refunds: core::array::from_fn(|i| registry.sender(me).refund_of(addr(i))),
            contribution_count: count,
            datanets: core::array::from_fn(|d| {
                registry
                    .sender(me)
                    .datanet(U256::from(d + 1))
                    .motsu_unwrap()
            }),
            contributions: (1..=n)
                .map(|id| {
                    registry
                        .sender(me)
                        .contribution(U256::from(id))
                        .motsu_unwrap()
                })
                .collect(),
            votes: vote_ids
                .iter()
                .map(|id| {
                    let votes = core::array::from_fn(|v| {
                        registry.sender(me).vote_of(U256::from(*id), addr(v))
                    });
                    (*id, votes)
                })
                .collect(),
            weights: core::array::from_fn(|d| {
                core::array::from_fn(|a| {
                    common::contributor_weight(splitter, U256::from(d + 1), addr(a))
                })
            }),
            shares: core::array::from_fn(|d| {
                core::array::from_fn(|a| {
                    common::validator_shares(splitter, U256::from(d + 1), addr(a))
                })
            }),
            pool: core::array::from_fn(|d| {
                let id = U256::from(d + 1);
                (
                    common::pool_funding(splitter, id, token.address()),
                    common::pool_funding(splitter, id, Address::ZERO),
                )
            }),
            pool_totals: core::array::from_fn(|d| {
                let id = U256::from(d + 1);
                let total = |pool| {
                    splitter
                        .sender(me)
                        .pool_info(id, pool, token.address())
                        .motsu_unwrap()
                        .0
                };
                (total(POOL_CONTRIBUTORS), total(POOL_VALIDATORS))
            }),
            splitter_native_received: common::native_received(splitter),
            splitter_token: {
                let (_, _, deposited, claimed, _) = splitter.sender(me).token_info(token.address());
                (deposited, claimed)
            },
            splitter_updates: common::pool_updates(splitter),
            events: [
                registry.all_events().len(),
                splitter
                    .all_events()
                    .iter()
                    .filter(|log| {
                        let topic = log.topics().first();
                        topic != Some(&RoleGranted::SIGNATURE_HASH)
                            && topic != Some(&RoleRevoked::SIGNATURE_HASH)
                    })
                    .count(),
                token.all_events().len(),
            ],
        }
    }

    /// Runs one action against contracts and model; returns whether it
    /// succeeded.
    fn step(&self, m: &mut Model, action: &Action) -> Result<bool, TestCaseError> {
        let registry = &self.registry;
        let value = u(WRONG_VALUE);
        let ok = match action {
            Action::Stake {
                v,
                d,
                amount,
                with_value,
            } => {
                let (v, d, amount) = (*v, *d, *amount);
                let fails = m.stake_fails(v, d, amount, *with_value);
                let res = if *with_value {
                    registry
                        .sender_and_value(addr(v), value)
                        .stake(U256::from(d), u(amount))
                } else {
                    registry.sender(addr(v)).stake(U256::from(d), u(amount))
                }
                .motsu_res();
                expect(
                    &format!(
                        "actor {v}: stake({d}, {amount}){}",
                        if *with_value { " + value" } else { "" }
                    ),
                    &fails,
                    &res,
                )?;
                if res.is_ok() {
                    let i = di(d).unwrap();
                    let next = m.count() + 1;
                    let val = &mut m.validators[i][v];
                    if val.stake == 0 {
                        val.eligible_from = next;
                    }
                    val.stake += amount;
                    m.pull(v, amount);
                }
                res.is_ok()
            }
            Action::RequestUnstake {
                v,
                d,
                targeted,
                pick,
            } => {
                let (v, d) = &m.pick_validator(*targeted, pick, (*v, *d), |val| {
                    val.stake > 0 && !val.leaving
                });
                let val = m.validator(*d, *v);
                let fails = if val.stake == 0 {
                    vec![Fail::NotValidator]
                } else if val.leaving {
                    vec![Fail::ValidatorLeaving]
                } else {
                    vec![]
                };
                let res = registry
                    .sender(addr(*v))
                    .request_unstake(U256::from(*d))
                    .motsu_res();
                expect(&format!("actor {v}: request_unstake({d})"), &fails, &res)?;
                if res.is_ok() {
                    m.validators[di(*d).unwrap()][*v].leaving = true;
                }
                res.is_ok()
            }
            Action::WithdrawStake {
                v,
                d,
                targeted,
                pick,
            } => {
                let (v, d) = &m.pick_validator(*targeted, pick, (*v, *d), |val| val.leaving);
                let val = m.validator(*d, *v);
                let mut fails = Vec::new();
                if !val.leaving {
                    fails.push(Fail::UnstakeNotRequested);
                }
                if m.open_votes(*d, *v) > 0 {
                    fails.push(Fail::UnsettledVotes);
                }
                let res = registry
                    .sender(addr(*v))
                    .withdraw_stake(U256::from(*d))
                    .motsu_res();
                expect(&format!("actor {v}: withdraw_stake({d})"), &fails, &res)?;
                if res.is_ok() {
                    m.validators[di(*d).unwrap()][*v] = MValidator::default();
                    m.pay(*v, val.stake);
                }
                res.is_ok()
            }
            Action::Contribute {
                who,
                d,
                hash,
                uri,
                with_value,
            } => {
                let h = hash_of(*hash);
                let mut fails = m.contribute_fails(*who, *d, &[h], *with_value);
                if matches!(uri, Uri::TooLong) {
                    fails.push(Fail::InvalidUri);
                }
                let res = if *with_value {
                    registry.sender_and_value(addr(*who), value).contribute(
                        U256::from(*d),
                        h,
                        uri.text(),
                    )
                } else {
                    registry
                        .sender(addr(*who))
                        .contribute(U256::from(*d), h, uri.text())
                }
                .motsu_res();
                expect(
                    &format!(
                        "actor {who}: contribute({d}, hash #{hash}, {uri:?}){}",
                        if *with_value { " + value" } else { "" }
                    ),
                    &fails,
                    &res,
                )?;
                if let Ok(id) = res {
                    let expected = m.contribute(*who, *d, &[h]);
                    prop_assert_eq!(id, U256::from(expected), "contribution id");
                }
                res.is_ok()
            }
            Action::ContributeBatch {
                who,
                d,
                hashes,
                oversize,
            } => {
                let hashes: Vec<B256> = if *oversize {
                    (0..=64u64).map(|i| common::content(1_000 + i)).collect()
                } else {
                    hashes.iter().map(|i| hash_of(*i)).collect()
                };
                let mut fails = m.contribute_fails(*who, *d, &hashes, false);
                if hashes.is_empty() || hashes.len() > 64 {
                    fails.push(Fail::InvalidBatchSize);
                }
                let res = registry
                    .sender(addr(*who))
                    .contribute_batch(U256::from(*d), hashes.clone())
                    .motsu_res();
                expect(
                    &format!(
                        "actor {who}: contribute_batch({d}, {} hashes)",
                        hashes.len()
                    ),
                    &fails,
                    &res,
                )?;
                if let Ok(first) = res {
                    let expected = m.contribute(*who, *d, &hashes);
                    prop_assert_eq!(first, U256::from(expected), "first batch id");
                }
                res.is_ok()
            }
            Action::Vote {
                v,
                targeted,
                focus,
                c,
                approve,
                quality,
            } => {
                let votable: Vec<(u64, usize)> = (1..=m.count())
                    .flat_map(|id| (0..NV).map(move |v| (id, v)))
                    .filter(|(id, v)| m.vote_fails(*v, *id, true, 50).is_empty())
                    .collect();
                // Focus: the pending contributions with the most votes (a
                // split first), so that quorums, losing sides and slashes
                // come often.
                let tally = |id: u64| {
                    let c = m.contribution(id).unwrap();
                    c.approvals + c.rejections
                };
                let most = votable.iter().map(|(id, _)| tally(*id)).max().unwrap_or(0);
                let focused: Vec<(u64, usize)> = votable
                    .iter()
                    .copied()
                    .filter(|(id, _)| most > 0 && tally(*id) == most)
                    .collect();
                let (id, v) = if *targeted && *focus && !focused.is_empty() {
                    focused[c.index(focused.len())]
                } else if *targeted && !votable.is_empty() {
                    votable[c.index(votable.len())]
                } else {
                    (m.any_id(c), *v)
                };
                let fails = m.vote_fails(v, id, *approve, *quality);
                let res = registry
                    .sender(addr(v))
                    .vote(U256::from(id), *approve, *quality)
                    .motsu_res();
                expect(
                    &format!("actor {v}: vote(#{id}, {approve}, {quality})"),
                    &fails,
                    &res,
                )?;
                if res.is_ok() {
                    m.vote(v, id, *approve, *quality);
                }
                res.is_ok()
            }
            Action::Review {
                by_owner,
                targeted,
                c,
                approve,
                quality,
            } => {
                let sender = if *by_owner { OWNER } else { FIRST_CONTRIBUTOR };
                let id = m.pending_id(D_OWN, *targeted, c);
                let fails = m.vote_fails(sender, id, *approve, *quality);
                let res = registry
                    .sender(addr(sender))
                    .vote(U256::from(id), *approve, *quality)
                    .motsu_res();
                expect(
                    &format!("actor {sender}: vote(#{id}, {approve}, {quality}) [owner review]"),
                    &fails,
                    &res,
                )?;
                if res.is_ok() {
                    m.vote(sender, id, *approve, *quality);
                }
                res.is_ok()
            }
            Action::Settle {
                caller,
                targeted,
                c,
                v,
            } => {
                let open: Vec<(u64, usize)> = m
                    .votes
                    .iter()
                    .filter(|(_, vote)| !vote.settled)
                    .map(|(key, _)| *key)
                    .collect();
                let settleable: Vec<(u64, usize)> = open
                    .iter()
                    .copied()
                    .filter(|(id, v)| {
                        !matches!(m.settle_outcome(*id, *v), Err(f) if f == [Fail::VoteNotSettleable])
                    })
                    .collect();
                let (id, v) = if *targeted && !settleable.is_empty() {
                    settleable[c.index(settleable.len())]
                } else if *targeted && !open.is_empty() {
                    open[c.index(open.len())]
                } else {
                    (m.any_id(c), *v)
                };
                let predicted = m.settle_outcome(id, v);
                let fails = predicted.clone().err().unwrap_or_default();
                let res = registry
                    .sender(addr(*caller))
                    .settle_vote(U256::from(id), addr(v))
                    .motsu_res();
                expect(
                    &format!("actor {caller}: settle_vote(#{id}, actor {v})"),
                    &fails,
                    &res,
                )?;
                if let (Ok(()), Ok(outcome)) = (&res, predicted) {
                    m.settle(id, v, outcome);
                }
                res.is_ok()
            }
            Action::Claim {
                who,
                targeted,
                pick,
            } => {
                let owed: Vec<usize> = (0..NA).filter(|a| m.refunds[*a] > 0).collect();
                let who = &if *targeted && !owed.is_empty() {
                    owed[pick.index(owed.len())]
                } else {
                    *who
                };
                let amount = m.refunds[*who];
                let fails = if amount == 0 {
                    vec![Fail::NothingToClaim]
                } else {
                    vec![]
                };
                let res = registry.sender(addr(*who)).claim_refund().motsu_res();
                expect(&format!("actor {who}: claim_refund()"), &fails, &res)?;
                if res.is_ok() {
                    m.refunds[*who] = 0;
                    m.pay(*who, amount);
                }
                res.is_ok()
            }
            Action::SetStatus {
                by_owner,
                d,
                status,
            } => {
                let sender = if *by_owner { OWNER } else { 0 };
                let mut fails = Vec::new();
                match di(*d) {
                    None => fails.push(Fail::UnknownDatanet),
                    Some(i) => {
                        if sender != OWNER {
                            fails.push(Fail::NotDatanetOwner);
                        }
                        let current = m.status[i];
                        if *status > STATUS_CLOSED || *status == current || current == STATUS_CLOSED
                        {
                            fails.push(Fail::InvalidStatus);
                        }
                    }
                }
                let res = registry
                    .sender(addr(sender))
                    .set_status(U256::from(*d), *status)
                    .motsu_res();
                expect(
                    &format!("actor {sender}: set_status({d}, {status})"),
                    &fails,
                    &res,
                )?;
                if res.is_ok() {
                    m.status[di(*d).unwrap()] = *status;
                }
                res.is_ok()
            }
            Action::SplitterDown(inner) => {
                common::revoke_registry(&self.splitter, registry, addr(OWNER));
                m.splitter_fail = true;
                let ok = self.step(m, inner);
                common::grant_registry(&self.splitter, registry, addr(OWNER));
                m.splitter_fail = false;
                ok?
            }
        };
        Ok(ok)
    }
}

// ---------------------------------------------------------------------------
// Checks

/// The invariants, from what the contracts report (and the model's ledger
/// of forfeits and slashes and of unsettled votes).
fn check_invariants(m: &Model, o: &Obs) -> Result<(), TestCaseError> {
    // 1. Token conservation.
    let held: U256 = o.balances.iter().sum::<U256>() + o.registry_balance + o.splitter_balance;
    prop_assert_eq!(held, u(m.minted), "1: tokens held != tokens minted");
    prop_assert_eq!(
        o.native.iter().sum::<U256>(),
        u(NATIVE * NA as u128),
        "native value not conserved"
    );
    prop_assert_eq!(o.native[NA], U256::ZERO, "registry holds native value");

    // 2. Registry solvency, to the wei.
    let stakes: U256 = o.validators.iter().flatten().map(|v| v.0).sum();
    let refunds: U256 = o.refunds.iter().sum();
    let pending_bonds: U256 = o
        .contributions
        .iter()
        .filter(|c| c.4 == St::Pending.code())
        .map(|c| o.datanets[c.0.to::<usize>() - 1].8)
        .sum();
    prop_assert_eq!(
        o.registry_balance,
        stakes + refunds + pending_bonds,
        "2: registry balance != stakes {} + refunds {} + pending bonds {}",
        stakes,
        refunds,
        pending_bonds
    );

    // 3. Splitter balance == pool funding == validator-review forfeits +
    // slashes; owner-review forfeits are owed to the owner instead.
    let pooled_forfeits = |i: usize| {
        if Some(i) == di(D_VAL) {
            m.forfeited[i]
        } else {
            0
        }
    };
    let funded: U256 = o.pool.iter().map(|p| p.0).sum();
    let ghost: u128 = (0..2).map(pooled_forfeits).sum::<u128>() + m.slashed.iter().sum::<u128>();
    prop_assert_eq!(
        o.splitter_balance,
        funded,
        "3: splitter balance != pool funding"
    );
    prop_assert_eq!(
        o.splitter_token,
        (o.splitter_balance, U256::ZERO),
        "3: splitter (deposited, claimed) != (its balance, nothing)"
    );
    prop_assert_eq!(
        funded,
        u(ghost),
        "3: pool funding != forfeited + slashed (ghost)"
    );
    for (i, p) in o.pool.iter().enumerate() {
        prop_assert_eq!(
            p.0,
            u(pooled_forfeits(i) + m.slashed[i]),
            "3: pool funding of datanet {}",
            i + 1
        );
        prop_assert_eq!(
            p.1,
            U256::ZERO,
            "3: native pool funding in an ERC-20 deployment"
        );
    }
    prop_assert_eq!(
        o.splitter_native_received,
        U256::ZERO,
        "3: native value sent to the splitter"
    );
    prop_assert_eq!(
        o.pool[di(D_OWN).unwrap()].0,
        U256::ZERO,
        "3: the owner-reviewed datanet's validator pool was funded"
    );
    // What the owner was credited == rejected owner-reviewed contributions
    // times the bond (both read from the registry).
    let owner_bond = o.datanets[di(D_OWN).unwrap()].8;
    let rejected_owner_reviewed = o
        .contributions
        .iter()
        .filter(|c| c.0 == U256::from(D_OWN) && c.4 == St::Rejected.code())
        .count();
    prop_assert_eq!(
        u(m.forfeited[di(D_OWN).unwrap()]),
        owner_bond * U256::from(rejected_owner_reviewed),
        "3: owner credits != rejected owner-reviewed contributions x bond"
    );

    // 4. Open votes and tallies.
    for (i, vals) in o.validators.iter().enumerate() {
        for (v, val) in vals.iter().enumerate() {
            prop_assert_eq!(
                val.3,
                m.open_votes(i as u64 + 1, v),
                "4: open_votes of validator {} in datanet {}",
                v,
                i + 1
            );
        }
    }
    for (k, c) in o.contributions.iter().enumerate() {
        let quorum = if c.0 == U256::from(D_VAL) { QUORUM } else { 1 };
        match c.4 {
            0 => prop_assert!(
                c.6 < quorum && c.7 < quorum,
                "4: pending contribution {} has tally {}/{}",
                k + 1,
                c.6,
                c.7
            ),
            1 => prop_assert!(c.6 == quorum && c.7 < quorum, "4: approved {} tally", k + 1),
            _ => prop_assert!(c.7 == quorum && c.6 < quorum, "4: rejected {} tally", k + 1),
        }
    }

    // 6. Contributor weights in the splitter == sum of approved weights;
    // pool totals == sums of the accounts' shares.
    for i in 0..2 {
        prop_assert_eq!(
            o.pool_totals[i],
            (o.weights[i].iter().sum(), o.shares[i].iter().sum()),
            "6: total shares of datanet {}'s pools",
            i + 1
        );
    }
    for (i, weights) in o.weights.iter().enumerate() {
        for (a, w) in weights.iter().enumerate() {
            let sum: U256 = o
                .contributions
                .iter()
                .filter(|c| {
                    c.0 == U256::from(i + 1) && c.1 == addr(a) && c.4 == St::Approved.code()
                })
                .map(|c| c.5)
                .sum();
            prop_assert_eq!(
                *w,
                sum,
                "6: splitter weight of actor {} in datanet {}",
                a,
                i + 1
            );
            prop_assert_eq!(
                *w,
                u(m.weights[i][a]),
                "6: ghost weight of actor {} in datanet {}",
                a,
                i + 1
            );
        }
    }
    Ok(())
}

/// Every view equals the model.
fn check_model(m: &Model, o: &Obs) -> Result<(), TestCaseError> {
    for a in 0..NA {
        prop_assert_eq!(o.balances[a], u(m.balances[a]), "balance of actor {}", a);
        prop_assert_eq!(
            o.allowances[a],
            m.allowance[a].map_or(U256::MAX, u),
            "allowance of actor {}",
            a
        );
        prop_assert_eq!(o.refunds[a], u(m.refunds[a]), "refund of actor {}", a);
        for i in 0..2 {
            prop_assert_eq!(
                o.shares[i][a],
                u(m.shares[i][a]),
                "shares of actor {} in datanet {}",
                a,
                i + 1
            );
        }
    }
    prop_assert_eq!(
        o.registry_balance,
        u(m.registry_balance),
        "registry balance"
    );
    prop_assert_eq!(
        o.splitter_balance,
        u(m.splitter_balance),
        "splitter balance"
    );
    for i in 0..2 {
        prop_assert_eq!(
            o.pool[i].0,
            u(m.pool[i]),
            "pool funding of datanet {}",
            i + 1
        );
        prop_assert_eq!(o.datanets[i].2, m.status[i], "status of datanet {}", i + 1);
        for v in 0..NV {
            let (stake, eligible_from, requested_at, _) = o.validators[i][v];
            let mv = m.validators[i][v];
            prop_assert_eq!(stake, u(mv.stake), "stake of {} in datanet {}", v, i + 1);
            prop_assert_eq!(
                eligible_from,
                U256::from(mv.eligible_from),
                "eligible_from of {}",
                v
            );
            prop_assert_eq!(requested_at != 0, mv.leaving, "leaving flag of {}", v);
        }
    }
    prop_assert_eq!(
        o.contribution_count,
        U256::from(m.count()),
        "contribution count"
    );
    for (k, (c, mc)) in o.contributions.iter().zip(&m.contributions).enumerate() {
        let expected: ContributionView = (
            U256::from(mc.datanet),
            addr(mc.contributor),
            mc.hash,
            c.3,
            mc.status.code(),
            u(mc.weight()),
            mc.approvals,
            mc.rejections,
        );
        prop_assert_eq!(c, &expected, "contribution {}", k + 1);
        prop_assert!(c.3 != 0, "contribution {} has no timestamp", k + 1);
    }
    for (id, votes) in &o.votes {
        for (v, vote) in votes.iter().enumerate() {
            let expected = m.votes.get(&(*id, v)).map_or((0, 0, false), |mv| {
                (if mv.approve { 1 } else { 2 }, mv.quality, mv.settled)
            });
            prop_assert_eq!(*vote, expected, "vote of {} on {}", v, id);
        }
    }
    Ok(())
}

fn run(actions: &[Action]) -> Result<(), TestCaseError> {
    let world = World::deploy();
    let mut model = Model::new();
    let mut before = world.observe(&[]);
    check_model(&model, &before)?;
    check_invariants(&model, &before)?;
    for (n, action) in actions.iter().enumerate() {
        let context = common::in_step(n, action);
        let ok = world.step(&mut model, action).map_err(&context)?;
        let after = world.observe(&model.live());
        if !ok {
            let unchanged = || -> Result<(), TestCaseError> {
                prop_assert_eq!(&after, &before, "5: a failed call changed state");
                Ok(())
            };
            unchanged().map_err(&context)?;
        }
        check_invariants(&model, &after).map_err(&context)?;
        check_model(&model, &after).map_err(&context)?;
        before = after;
    }
    // Every vote of every contribution, once more.
    let all: Vec<u64> = (1..=model.count()).collect();
    check_model(&model, &world.observe(&all))?;
    // Dedupe index: every recorded hash maps to its contribution.
    for (k, c) in model.contributions.iter().enumerate() {
        prop_assert_eq!(
            world
                .registry
                .sender(addr(OWNER))
                .contribution_id_of(U256::from(c.datanet), c.hash),
            U256::from(k + 1)
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(common::persisted_config("registry_invariants"))]

    #[test]
    fn registry_invariants(actions in actions()) {
        run(&actions)?;
    }
}
