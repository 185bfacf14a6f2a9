//! Gas ESTIMATE from counted host calls. Nothing here is measured gas.
//!
//! The rules (docs in `/work/shared/stylus-facts.md`, from Nitro's source,
//! ArbOS 50 defaults), applied to one call as if it were a transaction of
//! its own with a fresh access list:
//!
//! - Nitro keeps a storage cache per call. The first load of a slot is an
//!   EVM `SLOAD`: 2,100 gas cold. Later loads, and loads of slots the call
//!   wrote first, are cache hits. Every load also pays the cache's read
//!   charge (0 gas for the first 32 reads, 2 up to 128, then 10) and every
//!   cache write its write charge (0 for the first 8, 7 up to 64, then 10).
//! - At the end the cache is flushed: one `SSTORE` per slot whose value
//!   differs from what was loaded (a slot written before it was ever
//!   loaded is always flushed). EIP-2929/2200 prices: 2,100 more if the
//!   slot is still cold; then 20,000 for zero to non-zero, 2,900 for
//!   non-zero to another value, 100 when the value is unchanged. Refunds
//!   (non-zero to zero) are left out.
//! - A log costs 375 + 375 per topic + 8 per data byte.
//! - Host calls cost ink (10,000 ink = 1 gas): 18,480 per storage load or
//!   cache write, 68,073 for the final flush and per log, 13,440 for
//!   `msg_sender`/`msg_value`, 121,800 per keccak plus 21,000 per word
//!   beyond two, 8,400 for any other. Per-byte ink for log data is left
//!   out.
//!
//! Left out entirely: WASM compute (70-1,800 gas per call measured on
//! Nitro for a small program), program init (~13,000 uncached), memory
//! pages, the router's calldata decoding and result encoding, the 21,000
//! transaction base and calldata cost.

use crate::host::{CallStats, SlotAccess};

/// Cold `SLOAD` or cold surcharge of an `SSTORE`.
pub const COLD_SLOAD: u64 = 2_100;
/// Warm access (and an `SSTORE` that leaves the value as it is).
pub const WARM_ACCESS: u64 = 100;
/// `SSTORE` from zero to non-zero.
pub const SSTORE_SET: u64 = 20_000;
/// `SSTORE` from non-zero to another value (5,000 - 2,100).
pub const SSTORE_RESET: u64 = 2_900;
/// Log base cost, and cost per topic.
pub const LOG_BASE: u64 = 375;
/// Log cost per data byte.
pub const LOG_DATA_BYTE: u64 = 8;
/// Ink per gas.
pub const INK_PER_GAS: u64 = 10_000;

const INK_STORAGE: u64 = 18_480;
const INK_FLUSH: u64 = 68_073;
const INK_LOG: u64 = 68_073;
const INK_MSG: u64 = 13_440;
const INK_KECCAK: u64 = 121_800;
const INK_KECCAK_WORD: u64 = 21_000;
const INK_OTHER: u64 = 8_400;

/// An estimate of one call's host-side gas, by part.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct GasEstimate {
    /// Cold `SLOAD`s (first load of each slot loaded before any write).
    pub sload: u64,
    /// `SSTORE`s at the flush, with cold surcharges.
    pub sstore: u64,
    /// The storage cache's read and write charges.
    pub cache: u64,
    /// EVM log costs.
    pub logs: u64,
    /// Host call ink, in gas.
    pub hostio: u64,
}

impl GasEstimate {
    /// Storage alone: `sload + sstore + cache`.
    pub fn storage(&self) -> u64 {
        self.sload + self.sstore + self.cache
    }

    /// Everything estimated: storage, logs and host call overhead.
    pub fn total(&self) -> u64 {
        self.storage() + self.logs + self.hostio
    }
}

/// Nitro's read charge for the `n`-th storage read of a call (1-based).
fn read_charge(n: u64) -> u64 {
    match n {
        0..=32 => 0,
        33..=128 => 2,
        _ => 10,
    }
}

/// Nitro's write charge for the `n`-th cache write of a call (1-based).
fn write_charge(n: u64) -> u64 {
    match n {
        0..=8 => 0,
        9..=64 => 7,
        _ => 10,
    }
}

/// The `SSTORE` price of flushing `access`.
fn sstore(access: &SlotAccess) -> u64 {
    let cold = if access.loaded_first { 0 } else { COLD_SLOAD };
    let price = if access.current == access.original {
        WARM_ACCESS
    } else if access.original == [0; 32] {
        SSTORE_SET
    } else {
        SSTORE_RESET
    };
    cold + price
}

/// Estimates the host-side gas of the call `stats` describes.
pub fn estimate(stats: &CallStats) -> GasEstimate {
    let slots = stats.slots.values();
    let sload = slots.clone().filter(|a| a.loaded_first).count() as u64 * COLD_SLOAD;
    let sstore = slots.filter(|a| a.flushed()).map(sstore).sum();
    let cache = (1..=stats.storage_loads).map(read_charge).sum::<u64>()
        + (1..=stats.storage_writes).map(write_charge).sum::<u64>();
    let logs = stats
        .logs
        .iter()
        .map(|log| LOG_BASE * (1 + log.topics.len() as u64) + LOG_DATA_BYTE * log.data.len() as u64)
        .sum();

    let msg = ["msg_sender", "msg_value"]
        .iter()
        .filter_map(|name| stats.other.get(name))
        .sum::<u64>();
    let other = stats.other.values().sum::<u64>() - msg + stats.storage_flushes;
    let keccak = stats
        .keccak_inputs
        .iter()
        .map(|&len| INK_KECCAK + INK_KECCAK_WORD * (len.div_ceil(32) as u64).saturating_sub(2))
        .sum::<u64>();
    let ink = INK_STORAGE * (stats.storage_loads + stats.storage_writes)
        + INK_FLUSH
        + INK_LOG * stats.logs.len() as u64
        + INK_MSG * msg
        + keccak
        + INK_OTHER * other;
    GasEstimate {
        sload,
        sstore,
        cache,
        logs,
        hostio: ink.div_ceil(INK_PER_GAS),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slot(original: u8, current: u8, loaded_first: bool) -> SlotAccess {
        SlotAccess {
            original: [original; 32],
            current: [current; 32],
            loaded_first,
            loads: u32::from(loaded_first),
            writes: 1,
        }
    }

    #[test]
    fn sstore_prices() {
        assert_eq!(sstore(&slot(0, 1, true)), SSTORE_SET);
        assert_eq!(sstore(&slot(0, 1, false)), COLD_SLOAD + SSTORE_SET);
        assert_eq!(sstore(&slot(1, 2, true)), SSTORE_RESET);
        assert_eq!(sstore(&slot(1, 2, false)), COLD_SLOAD + SSTORE_RESET);
        assert_eq!(sstore(&slot(1, 1, false)), COLD_SLOAD + WARM_ACCESS);
        assert!(!slot(1, 1, true).flushed());
        assert!(slot(1, 1, false).flushed());
    }

    #[test]
    fn cache_charges() {
        assert_eq!((1..=32).map(read_charge).sum::<u64>(), 0);
        assert_eq!(read_charge(33), 2);
        assert_eq!(read_charge(129), 10);
        assert_eq!((1..=8).map(write_charge).sum::<u64>(), 0);
        assert_eq!(write_charge(9), 7);
        assert_eq!(write_charge(65), 10);
    }
}
