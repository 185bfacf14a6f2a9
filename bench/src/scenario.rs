//! Drives the real `RewardSplitter` through the counting host: sets up a
//! model whose datanets hold a given number of contributors, routes
//! warm-up fees, then meters one fee and one share change.

use alloy_primitives::{Address, B256, U256};
use reward_splitter::{RewardSplitter, MARKET_ROLE, NATIVE, REGISTRY_ROLE};

use crate::{
    gas::{estimate, GasEstimate},
    host::{self, CallStats},
};

/// Admin of the splitter.
pub const ADMIN: Address = Address::new([0xA1; 20]);
/// Treasury (earns the protocol fee).
pub const TREASURY: Address = Address::new([0x7E; 20]);
/// Holder of `REGISTRY_ROLE`.
pub const REGISTRY: Address = Address::new([0x5E; 20]);
/// Holder of `MARKET_ROLE`.
pub const MARKET: Address = Address::new([0x3A; 20]);
/// The model's developer.
pub const DEVELOPER: Address = Address::new([0xDE; 20]);
/// Id of the model whose fees are routed.
pub const MODEL_ID: u64 = 7;

/// Protocol fee, in basis points.
pub const PROTOCOL_FEE_BPS: u16 = 100;
/// The listing's split: developer, data and validators, in basis points.
pub const SPLIT_BPS: (u16, u16, u16) = (3_000, 6_000, 1_000);
/// Part of the data share held in the model's influence escrow.
pub const INFLUENCE_BPS: u16 = 2_000;
/// Shares of every contributor. 7 makes every pool total a multiple of 7,
/// which the fee's scaled parts are not, so every pool division leaves a
/// remainder (`dust`) whatever the contributor count: the same code path
/// runs for 10 and for 10,000 contributors.
pub const CONTRIBUTOR_WEIGHT: u64 = 7;
/// Validators per datanet.
pub const VALIDATORS: u32 = 3;
/// Fees routed before the measured one (they turn the pools' first
/// zero-to-non-zero writes into steady-state updates).
pub const WARM_UP_FEES: u32 = 2;
/// Each fee, in wei of the native token (not a multiple of 7).
pub const FEE_WEI: u64 = 1_000_000_000_000_000;

/// What to set up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Setup {
    /// Datanets of the model (1 to 16), ids 1..=datanets, equal weights.
    pub datanets: u8,
    /// Contributors in datanet 1's contributor pool.
    pub contributors: u32,
    /// Contributors in each other datanet's contributor pool.
    pub elsewhere: u32,
}

impl Setup {
    /// `contributors` in every datanet of a `datanets`-datanet model.
    pub fn uniform(datanets: u8, contributors: u32) -> Self {
        Self {
            datanets,
            contributors,
            elsewhere: contributors,
        }
    }
}

/// One metered call: what it did through the host and what that would
/// cost (estimate).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Metered {
    /// Host calls and slots.
    pub stats: CallStats,
    /// Estimated host-side gas.
    pub gas: GasEstimate,
}

impl Metered {
    fn new(stats: CallStats) -> Self {
        let gas = estimate(&stats);
        Self { stats, gas }
    }
}

/// The metered calls of one [`Setup`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    /// What was set up.
    pub setup: Setup,
    /// Non-zero storage slots of the splitter before the measured fee.
    pub state_slots: usize,
    /// One fee of [`FEE_WEI`] routed over all the model's datanets.
    pub route: Metered,
    /// Contributor 0 of datanet 1 gains [`CONTRIBUTOR_WEIGHT`] shares
    /// (settled first, nothing claimed).
    pub share_change: Metered,
    /// The splitter's dust in the native token before and after the
    /// measured fee (scaled units).
    pub dust: (U256, U256),
}

/// The `i`-th contributor's address.
pub fn contributor(i: u32) -> Address {
    let mut bytes = [0x10; 20];
    bytes[16..].copy_from_slice(&i.to_be_bytes());
    Address::new(bytes)
}

/// The `i`-th validator's address.
pub fn validator(i: u32) -> Address {
    let mut bytes = [0x20; 20];
    bytes[16..].copy_from_slice(&i.to_be_bytes());
    Address::new(bytes)
}

/// Calls `f` on the splitter as `sender` with `value` wei attached.
fn call<R>(
    sender: Address,
    value: u64,
    f: impl FnOnce(&mut RewardSplitter) -> R,
) -> (R, CallStats) {
    host::call::<RewardSplitter, R>(sender, U256::from(value), f)
}

/// The contract's error, as text (its `Error` is too large to pass around
/// by value for clippy).
fn text<E: core::fmt::Debug>(result: Result<(), E>) -> Result<(), String> {
    result.map_err(|err| format!("{err:?}"))
}

/// Fails loudly if a call the setup relies on did not succeed.
fn ok(what: &str, result: Result<(), String>) {
    if let Err(err) = result {
        panic!("{what} failed: {err}");
    }
}

/// The model's datanet ids and weights (equal, summing to 10,000 bps).
fn attribution(datanets: u8) -> (Vec<U256>, Vec<u16>) {
    assert!((1..=16).contains(&datanets), "1 to 16 datanets");
    let ids = (1..=u64::from(datanets)).map(U256::from).collect();
    let count = u16::from(datanets);
    let mut weights = vec![10_000 / count; usize::from(datanets)];
    weights[0] += 10_000 % count;
    (ids, weights)
}

/// Routes one fee of [`FEE_WEI`] from the market.
fn route(datanets: u8) -> CallStats {
    let (ids, weights) = attribution(datanets);
    let (developer_bps, data_bps, validator_bps) = SPLIT_BPS;
    let (result, stats) = call(MARKET, FEE_WEI, |c| {
        text(c.route(
            U256::from(MODEL_ID),
            NATIVE,
            U256::from(FEE_WEI),
            DEVELOPER,
            developer_bps,
            data_bps,
            validator_bps,
            INFLUENCE_BPS,
            ids,
            weights,
        ))
    });
    ok("route", result);
    stats
}

/// The splitter's dust in the native token, in scaled units.
fn dust() -> U256 {
    call(Address::ZERO, 0, |c| c.token_info(NATIVE).4).0
}

/// Sets up `setup` on a fresh host and meters one fee and one share
/// change.
pub fn run(setup: Setup) -> Run {
    host::reset();
    ok(
        "constructor",
        call(ADMIN, 0, |c| {
            text(c.constructor(ADMIN, TREASURY, PROTOCOL_FEE_BPS))
        })
        .0,
    );
    for (role, account) in [(REGISTRY_ROLE, REGISTRY), (MARKET_ROLE, MARKET)] {
        ok(
            "grant_role",
            call(ADMIN, 0, |c| text(c.grant_role(B256::from(role), account))).0,
        );
    }
    for datanet in 1..=u64::from(setup.datanets) {
        let count = if datanet == 1 {
            setup.contributors
        } else {
            setup.elsewhere
        };
        let datanet = U256::from(datanet);
        for i in 0..count {
            let weight = U256::from(CONTRIBUTOR_WEIGHT);
            let added = call(REGISTRY, 0, |c| {
                text(c.add_contributor_weight(datanet, contributor(i), weight))
            });
            ok("add_contributor_weight", added.0);
        }
        for i in 0..VALIDATORS {
            let added = call(REGISTRY, 0, |c| {
                text(c.add_validator_share(datanet, validator(i)))
            });
            ok("add_validator_share", added.0);
        }
    }
    for _ in 0..WARM_UP_FEES {
        route(setup.datanets);
    }

    let state_slots = host::storage_size();
    let dust_before = dust();
    let route_stats = route(setup.datanets);
    let dust_after = dust();

    let weight = U256::from(CONTRIBUTOR_WEIGHT);
    let (result, share_stats) = call(REGISTRY, 0, |c| {
        text(c.add_contributor_weight(U256::from(1), contributor(0), weight))
    });
    ok("share change", result);

    Run {
        setup,
        state_slots,
        route: Metered::new(route_stats),
        share_change: Metered::new(share_stats),
        dust: (dust_before, dust_after),
    }
}
