//! Pricing: nitro's opcode ink table, hostio ink, and the EVM gas rules the
//! executor charges (storage, calls, logs, memory, program init).
//!
//! Sources: nitro's `crates/prover/src/programs/meter.rs` (`pricing_v1`),
//! `arbutil/src/pricing.rs` (hostio ink), `arbutil/src/evm/storage.rs`
//! (storage cache charges) and `/work/shared/stylus-facts.md`. The storage
//! and SSTORE constants are the ones `bench/src/gas.rs` uses.
//!
//! Approximations (see also `sim/README.md`):
//! - the per-basic-block header (2,450 ink) is charged on every operator
//!   wasmer's metering treats as a block boundary (`is_accounting`), which is
//!   the same set as nitro's `ends_basic_block` for the MVP operators;
//! - `memory.copy`/`memory.fill` pay their 950 ink base only: nitro's extra
//!   100 ink per byte (a runtime cost) is not charged;
//! - operators nitro rejects at activation (floats, SIMD, typed `select`,
//!   ...) are priced 0 here: activation-time validation is not modelled.

use std::collections::HashMap;

use wasmer::wasmparser::Operator;

/// Ink per gas (nitro's default ink price).
pub const INK_PER_GAS: u64 = 10_000;
/// Ink of the metering header every basic block pays.
pub const BLOCK_HEADER_INK: u64 = 2_450;

/// Transaction base cost.
pub const TX_BASE: u64 = 21_000;
/// Calldata cost per non-zero byte.
pub const CALLDATA_NONZERO: u64 = 16;
/// Calldata cost per zero byte.
pub const CALLDATA_ZERO: u64 = 4;

/// Cold `SLOAD`, and the cold surcharge of an `SSTORE` (EIP-2929).
pub const COLD_SLOAD: u64 = 2_100;
/// Warm storage access (and an `SSTORE` that leaves the value as it is).
pub const WARM_ACCESS: u64 = 100;
/// `SSTORE` from zero to non-zero.
pub const SSTORE_SET: u64 = 20_000;
/// `SSTORE` from non-zero to another value (5,000 - 2,100).
pub const SSTORE_RESET: u64 = 2_900;
/// Gas a flush requires to be left (EIP-2200 sentry).
pub const SSTORE_SENTRY: u64 = 2_300;
/// Cold account access (EIP-2929).
pub const COLD_ACCOUNT: u64 = 2_600;
/// Warm account access.
pub const WARM_ACCOUNT: u64 = 100;
/// Extra cost of a call that transfers value.
pub const CALL_VALUE: u64 = 9_000;
/// Extra cost of a value transfer that creates an account.
pub const CALL_NEW_ACCOUNT: u64 = 25_000;
/// Gas added to the callee of a call with value.
pub const CALL_STIPEND: u64 = 2_300;
/// Extra gas of `account_code`/`account_code_size`: EIP-150's 700 x
/// `MaxCodeSize / 24,576` (nitro's `WasmAccountTouchCost` with code),
/// charged before the code is loaded whether or not the account has any.
pub const ACCOUNT_CODE_EXTRA: u64 = 700;
/// `ecrecover` (precompile 0x01).
pub const ECRECOVER_GAS: u64 = 3_000;
/// Log base cost, and cost per topic.
pub const LOG_TOPIC: u64 = 375;
/// Log cost per data byte.
pub const LOG_DATA_BYTE: u64 = 8;

/// Memory pages a transaction may have open for free.
pub const FREE_PAGES: u64 = 2;
/// Gas per memory page beyond the free ones (nitro's `PageGas`).
pub const PAGE_GAS: u64 = 1_000;

/// Program init: the base part (nitro's `MinInitGas` 72 x 128 units).
pub const INIT_BASE_GAS: u64 = 9_216;
/// Program init: wasm bytes per extra gas. A calibration, not nitro's
/// formula (which uses the activation-time `initCost`): it gives the
/// 13,000-14,000 gas measured for small programs.
pub const INIT_BYTES_PER_GAS: u64 = 8;

/// Hostio ink (nitro `arbutil/src/pricing.rs`).
pub mod ink {
    /// Any hostio.
    pub const HOSTIO: u64 = 8_400;
    /// Per pointer argument.
    pub const PTR: u64 = 13_440 - HOSTIO;
    /// Hostios that go through the EVM API.
    pub const EVM_API: u64 = 59_673;
    /// `storage_load_bytes32`, `storage_cache_bytes32` (18,480).
    pub const STORAGE_ACCESS: u64 = HOSTIO + 2 * PTR;
    /// `storage_flush_cache`, `emit_log`, `read_return_data`, `account_code(_size)` (68,073).
    pub const WITH_API: u64 = HOSTIO + EVM_API;
    /// `call_contract` and friends (83,193).
    pub const CALL: u64 = HOSTIO + 3 * PTR + EVM_API;
    /// `create2` (88,233).
    pub const CREATE2: u64 = HOSTIO + 4 * PTR + EVM_API;
    /// `account_balance`, `account_codehash` (78,153).
    pub const ACCOUNT_PTR2: u64 = HOSTIO + 2 * PTR + EVM_API;
    /// One-pointer getters: `msg_sender`, `msg_value`, `tx_origin`, ... (13,440).
    pub const PTR1: u64 = HOSTIO + PTR;
}

/// Ink to write `bytes` into the program's memory.
pub fn write_ink(bytes: u64) -> u64 {
    5_040 + 30 * bytes.saturating_sub(32)
}

/// Ink to read `bytes` from the program's memory.
pub fn read_ink(bytes: u64) -> u64 {
    16_381 + 55 * bytes.saturating_sub(32)
}

/// Ink of `native_keccak256` over `bytes`.
pub fn keccak_ink(bytes: u64) -> u64 {
    121_800 + 21_000 * bytes.div_ceil(32).saturating_sub(2)
}

/// Intrinsic gas of a transaction with `data`.
pub fn intrinsic(data: &[u8]) -> u64 {
    TX_BASE
        + data
            .iter()
            .map(|&b| {
                if b == 0 {
                    CALLDATA_ZERO
                } else {
                    CALLDATA_NONZERO
                }
            })
            .sum::<u64>()
}

/// Nitro's storage-cache read charge for the `n`-th load of a call (1-based).
pub fn cache_read_gas(n: u64) -> u64 {
    match n {
        0..=32 => 0,
        33..=128 => 2,
        _ => 10,
    }
}

/// Nitro's storage-cache write charge for the `n`-th cache write of a call.
pub fn cache_write_gas(n: u64) -> u64 {
    match n {
        0..=8 => 0,
        9..=64 => 7,
        _ => 10,
    }
}

/// Refund for clearing a slot (EIP-3529: 5,000 - 2,100 + 1,900).
pub const SSTORE_CLEARS_REFUND: i64 = 4_800;
/// At most `gas_used / MAX_REFUND_QUOTIENT` is refunded (EIP-3529).
pub const MAX_REFUND_QUOTIENT: u64 = 5;

/// EIP-2200/2929/3529 `SSTORE` gas and refund-counter change (geth's
/// `makeGasSStoreFunc`, which nitro's `WasmStateStoreCost` adapts):
/// `original` is the value at the start of the transaction, `current` the
/// value now, `new` the value written; `cold` if the slot was not yet
/// accessed in the transaction.
pub fn sstore(original: [u8; 32], current: [u8; 32], new: [u8; 32], cold: bool) -> (u64, i64) {
    let cold = if cold { COLD_SLOAD } else { 0 };
    let zero = [0; 32];
    if current == new {
        return (cold + WARM_ACCESS, 0);
    }
    if original == current {
        if original == zero {
            return (cold + SSTORE_SET, 0);
        }
        let refund = if new == zero { SSTORE_CLEARS_REFUND } else { 0 };
        return (cold + SSTORE_RESET, refund);
    }
    let mut refund = 0;
    if original != zero {
        if current == zero {
            refund -= SSTORE_CLEARS_REFUND;
        } else if new == zero {
            refund += SSTORE_CLEARS_REFUND;
        }
    }
    if original == new {
        refund += if original == zero {
            (SSTORE_SET - WARM_ACCESS) as i64
        } else {
            (SSTORE_RESET - WARM_ACCESS) as i64
        };
    }
    (cold + WARM_ACCESS, refund)
}

/// The refund a transaction gets: the counter, capped at a fifth of the
/// gas used (EIP-3529).
pub fn capped_refund(refund: u64, gas_used: u64) -> u64 {
    refund.min(gas_used / MAX_REFUND_QUOTIENT)
}

/// EVM log gas.
pub fn log_gas(topics: u64, data_len: u64) -> u64 {
    LOG_TOPIC * (1 + topics) + LOG_DATA_BYTE * data_len
}

/// Program init gas for a wasm of `len` bytes (see [`INIT_BYTES_PER_GAS`]).
pub fn init_gas(len: usize) -> u64 {
    INIT_BASE_GAS + (len as u64).div_ceil(INIT_BYTES_PER_GAS)
}

/// Gas of opening `pages` more pages when `open` are open and at most
/// `ever` were open at once in this transaction: nitro's linear part
/// (1,000 gas per page beyond the 2 free ones). Nitro's exponential term
/// is left out (it is negligible for a few dozen pages).
pub fn memory_gas(pages: u64, open: u64, _ever: u64) -> u64 {
    let new_open = open + pages;
    let sub_free = |p: u64| p.saturating_sub(FREE_PAGES);
    (sub_free(new_open) - sub_free(open)) * PAGE_GAS
}

/// Parameter counts of a module's function types, by type index (for
/// `call_indirect` pricing).
pub type SigParams = HashMap<u32, u64>;

/// Nitro's `pricing_v1` ink of one operator, plus the block header ink on
/// operators that end a basic block.
pub fn opcode_ink(op: &Operator, sigs: &SigParams) -> u64 {
    use Operator::*;
    let ink = match op {
        Unreachable | Return | Nop | I32Const { .. } | I64Const { .. } => 1,
        Drop => 9,
        Block { .. } | Loop { .. } | Else | End => 1,
        Br { .. } | BrIf { .. } | If { .. } => 765,
        Select => 1_250,
        Call { .. } => 3_800,
        LocalGet { .. } | LocalTee { .. } => 75,
        LocalSet { .. } => 210,
        GlobalGet { .. } => 225,
        GlobalSet { .. } => 575,
        I32Load { .. }
        | I32Load8S { .. }
        | I32Load8U { .. }
        | I32Load16S { .. }
        | I32Load16U { .. } => 670,
        I64Load { .. }
        | I64Load8S { .. }
        | I64Load8U { .. }
        | I64Load16S { .. }
        | I64Load16U { .. }
        | I64Load32S { .. }
        | I64Load32U { .. } => 680,
        I32Store { .. } | I32Store8 { .. } | I32Store16 { .. } => 825,
        I64Store { .. } | I64Store8 { .. } | I64Store16 { .. } | I64Store32 { .. } => 950,
        MemorySize { .. } => 3_000,
        MemoryGrow { .. } => 8_050,
        I32Eqz | I32Eq | I32Ne | I32LtS | I32LtU | I32GtS | I32GtU | I32LeS | I32LeU | I32GeS
        | I32GeU => 170,
        I64Eqz | I64Eq | I64Ne | I64LtS | I64LtU | I64GtS | I64GtU | I64LeS | I64LeU | I64GeS
        | I64GeU => 225,
        I32Clz | I32Ctz => 210,
        I32Add | I32Sub => 70,
        I32Mul => 160,
        I32DivS | I32DivU | I32RemS | I32RemU => 1_120,
        I32And | I32Or | I32Xor | I32Shl | I32ShrS | I32ShrU | I32Rotl | I32Rotr => 70,
        I64Clz | I64Ctz => 210,
        I64Add | I64Sub => 100,
        I64Mul => 160,
        I64DivS | I64DivU | I64RemS | I64RemU => 1_270,
        I64And | I64Or | I64Xor | I64Shl | I64ShrS | I64ShrU | I64Rotl | I64Rotr => 100,
        I32Popcnt => 2_650,
        I64Popcnt => 6_000,
        I32WrapI64 | I64ExtendI32S | I64ExtendI32U => 100,
        I32Extend8S | I32Extend16S | I64Extend8S | I64Extend16S | I64Extend32S => 100,
        MemoryCopy { .. } | MemoryFill { .. } => 950,
        BrTable { targets } => 2_400 + 325 * u64::from(targets.len()),
        CallIndirect { type_index, .. } => {
            13_610 + 650 * sigs.get(type_index).copied().unwrap_or(0)
        }
        // Operators nitro rejects at activation (floats, SIMD, atomics,
        // references, tables, `select` with a type, ...): never in a
        // deployable program, so not priced (activation is not modelled).
        _ => 0,
    };
    let header = if wasmer_middlewares::metering::is_accounting(op) {
        BLOCK_HEADER_INK
    } else {
        0
    };
    ink + header
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sstore_prices_match_the_bench_rules() {
        let (z, a, b) = ([0; 32], [1; 32], [2; 32]);
        assert_eq!(sstore(z, z, a, false), (SSTORE_SET, 0));
        assert_eq!(sstore(z, z, a, true), (COLD_SLOAD + SSTORE_SET, 0));
        assert_eq!(sstore(a, a, b, false), (SSTORE_RESET, 0));
        assert_eq!(sstore(a, a, a, true), (COLD_SLOAD + WARM_ACCESS, 0));
        // Clearing: 4,800 refunded; clearing a dirty slot too.
        assert_eq!(sstore(a, a, z, false), (SSTORE_RESET, 4_800));
        assert_eq!(sstore(a, b, z, false), (WARM_ACCESS, 4_800));
        // Un-clearing takes the clearing refund back.
        assert_eq!(sstore(a, z, b, false), (WARM_ACCESS, -4_800));
        // Back to the original value (EIP-2200): 19,900 from zero, 2,800 otherwise.
        assert_eq!(sstore(z, a, z, false), (WARM_ACCESS, 19_900));
        assert_eq!(sstore(a, b, a, false), (WARM_ACCESS, 2_800));
        assert_eq!(sstore(a, z, a, false), (WARM_ACCESS, -4_800 + 2_800));
        assert_eq!(capped_refund(4_800, 10_000), 2_000);
        assert_eq!(capped_refund(4_800, 100_000), 4_800);
    }

    #[test]
    fn hostio_ink_matches_the_facts() {
        assert_eq!(ink::STORAGE_ACCESS, 18_480);
        assert_eq!(ink::WITH_API, 68_073);
        assert_eq!(ink::CALL, 83_193);
        assert_eq!(ink::PTR1, 13_440);
        assert_eq!(keccak_ink(64), 121_800);
        assert_eq!(keccak_ink(65), 142_800);
        assert_eq!(intrinsic(&[0, 1]), 21_020);
    }

    #[test]
    fn memory_grow_and_select_ink() {
        let sigs = SigParams::new();
        assert_eq!(
            opcode_ink(
                &Operator::MemoryGrow {
                    mem: 0,
                    mem_byte: 0
                },
                &sigs
            ),
            8_050
        );
        assert_eq!(opcode_ink(&Operator::Select, &sigs), 1_250);
    }

    #[test]
    fn memory_pages() {
        assert_eq!(memory_gas(1, 0, 0), 0);
        assert_eq!(memory_gas(3, 0, 0), 1_000);
        assert_eq!(memory_gas(2, 2, 2), 2_000);
    }
}
