//! A counting Stylus host.
//!
//! On a native build stylus-sdk 0.9 reaches the VM only through the
//! `extern "C"` functions of its `vm_hooks` import module (`hostio.rs`).
//! This module defines every one of them (`#[no_mangle]`) over a
//! thread-local state (storage, caller, value, logs, balances) and counts
//! the calls that cost gas on Stylus: storage loads and cache writes (with
//! the slots they touch), logs, keccak and the rest. motsu defines the same
//! symbols, so a crate linking this module must never link motsu.
//!
//! Each [`call`] is metered on its own, as if it were one transaction on a
//! fresh access list. Calls that fail are not rolled back: drive the
//! contract only with calls expected to succeed.

use std::{
    cell::RefCell,
    collections::{BTreeMap, BTreeSet, HashMap},
    slice,
};

use alloy_primitives::{Address, Keccak256, B256, U256};
use stylus_sdk::{
    host::{WasmVM, VM},
    storage::StorageType,
};

/// A storage key or value.
pub type Word = [u8; 32];

/// Chain id reported by the host.
pub const CHAIN_ID: u64 = 42_161;
/// Block timestamp reported by the host (1 January 2026, 00:00 UTC).
pub const TIMESTAMP: u64 = 1_767_225_600;
/// Block number reported by the host.
pub const BLOCK_NUMBER: u64 = 1_000_000;
/// Address of the contract under test.
pub const CONTRACT: Address = Address::new([0xC0; 20]);

/// One log, as emitted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Log {
    /// Signature hash, then indexed fields.
    pub topics: Vec<B256>,
    /// ABI-encoded non-indexed fields.
    pub data: Vec<u8>,
}

/// What one call did to one storage slot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SlotAccess {
    /// Value before the call.
    pub original: Word,
    /// Value after the call.
    pub current: Word,
    /// The first access was a load, so Nitro's storage cache knows the
    /// slot's value and the EVM has already warmed it.
    pub loaded_first: bool,
    /// `storage_load_bytes32` calls on this slot.
    pub loads: u32,
    /// `storage_cache_bytes32` calls on this slot.
    pub writes: u32,
}

impl SlotAccess {
    /// Nitro flushes a cached slot (one `SSTORE`) unless its first access
    /// was a load and its value ends where it started.
    pub fn flushed(&self) -> bool {
        self.writes > 0 && !(self.loaded_first && self.current == self.original)
    }

    /// The value differs after the call.
    pub fn changed(&self) -> bool {
        self.current != self.original
    }
}

/// Host calls other than storage, logs and keccak, by name.
pub type OtherCalls = BTreeMap<&'static str, u64>;

/// Everything one call did through the host.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CallStats {
    /// `storage_load_bytes32` calls.
    pub storage_loads: u64,
    /// `storage_cache_bytes32` calls.
    pub storage_writes: u64,
    /// `storage_flush_cache` calls made by the contract itself (the entry
    /// point's final flush is not part of a method call).
    pub storage_flushes: u64,
    /// Every slot touched, in key order.
    pub slots: BTreeMap<Word, SlotAccess>,
    /// Logs emitted.
    pub logs: Vec<Log>,
    /// `native_keccak256` calls and their input lengths.
    pub keccak_inputs: Vec<usize>,
    /// Every other host call, by name.
    pub other: OtherCalls,
}

impl CallStats {
    /// Distinct slots loaded at least once.
    pub fn slots_read(&self) -> BTreeSet<Word> {
        self.keys(|s| s.loads > 0)
    }

    /// Distinct slots written at least once.
    pub fn slots_written(&self) -> BTreeSet<Word> {
        self.keys(|s| s.writes > 0)
    }

    /// Distinct slots whose value changed.
    pub fn slots_changed(&self) -> BTreeSet<Word> {
        self.keys(SlotAccess::changed)
    }

    /// Distinct slots Nitro would `SSTORE` when flushing its cache.
    pub fn slots_flushed(&self) -> BTreeSet<Word> {
        self.keys(SlotAccess::flushed)
    }

    /// Bytes of log data (topics excluded).
    pub fn log_data_bytes(&self) -> usize {
        self.logs.iter().map(|log| log.data.len()).sum()
    }

    /// Log topics, all logs together.
    pub fn log_topics(&self) -> usize {
        self.logs.iter().map(|log| log.topics.len()).sum()
    }

    fn keys(&self, keep: impl Fn(&SlotAccess) -> bool) -> BTreeSet<Word> {
        self.slots
            .iter()
            .filter(|(_, access)| keep(access))
            .map(|(&key, _)| key)
            .collect()
    }
}

/// The host's whole state, one per thread.
#[derive(Default)]
struct State {
    storage: HashMap<Word, Word>,
    balances: HashMap<Address, U256>,
    sender: Address,
    value: U256,
    return_data: Vec<u8>,
    logs: Vec<Log>,
    meter: CallStats,
}

impl State {
    fn other(&mut self, name: &'static str) {
        *self.meter.other.entry(name).or_default() += 1;
    }

    fn touch(&mut self, key: Word, loading: bool) -> &mut SlotAccess {
        let value = self.storage.get(&key).copied().unwrap_or_default();
        self.meter.slots.entry(key).or_insert(SlotAccess {
            original: value,
            current: value,
            loaded_first: loading,
            loads: 0,
            writes: 0,
        })
    }
}

thread_local! {
    static STATE: RefCell<State> = RefCell::new(State::default());
}

fn with<R>(f: impl FnOnce(&mut State) -> R) -> R {
    STATE.with(|state| f(&mut state.borrow_mut()))
}

/// Empties storage, balances and logs of this thread's host.
pub fn reset() {
    with(|state| *state = State::default());
}

/// Sets `account`'s native balance.
pub fn set_balance(account: Address, balance: U256) {
    with(|state| {
        state.balances.insert(account, balance);
    });
}

/// Every log emitted since [`reset`].
pub fn logs() -> Vec<Log> {
    with(|state| state.logs.clone())
}

/// Number of non-zero storage slots (the contract's whole state).
pub fn storage_size() -> usize {
    with(|state| {
        state
            .storage
            .values()
            .filter(|v| **v != Word::default())
            .count()
    })
}

/// Calls `f` on a fresh top-level storage struct `ST` (slot 0), as
/// `sender` with `value` attached, and returns its result with everything
/// it did through the host. A fresh struct per call, as motsu does, keeps
/// no value cached on the Rust side between calls.
pub fn call<ST: StorageType, R>(
    sender: Address,
    value: U256,
    f: impl FnOnce(&mut ST) -> R,
) -> (R, CallStats) {
    with(|state| {
        state.sender = sender;
        state.value = value;
        state.meter = CallStats::default();
    });
    let host = VM {
        host: Box::new(WasmVM {}),
    };
    // SAFETY: one top-level storage struct at slot 0, alive only for `f`,
    // as motsu and the Stylus entry point create it.
    let mut contract = unsafe { ST::new(U256::ZERO, 0, host) };
    let out = f(&mut contract);
    drop(contract);
    let stats = with(|state| core::mem::take(&mut state.meter));
    (out, stats)
}

// ----- the `vm_hooks` functions -----
//
// SAFETY (all hooks): the SDK passes pointers to buffers of the sizes the
// Stylus ABI fixes (20-byte addresses, 32-byte words) or the lengths given.

unsafe fn read_word(ptr: *const u8) -> Word {
    let mut word = Word::default();
    word.copy_from_slice(unsafe { slice::from_raw_parts(ptr, 32) });
    word
}

unsafe fn write_word(ptr: *mut u8, word: &[u8; 32]) {
    unsafe { slice::from_raw_parts_mut(ptr, 32) }.copy_from_slice(word);
}

unsafe fn read_address(ptr: *const u8) -> Address {
    Address::from_slice(unsafe { slice::from_raw_parts(ptr, 20) })
}

unsafe fn write_address(ptr: *mut u8, address: Address) {
    unsafe { slice::from_raw_parts_mut(ptr, 20) }.copy_from_slice(address.as_slice());
}

#[no_mangle]
unsafe extern "C" fn storage_load_bytes32(key: *const u8, dest: *mut u8) {
    let key = unsafe { read_word(key) };
    let value = with(|state| {
        state.meter.storage_loads += 1;
        let access = state.touch(key, true);
        access.loads += 1;
        access.current
    });
    unsafe { write_word(dest, &value) };
}

#[no_mangle]
unsafe extern "C" fn storage_cache_bytes32(key: *const u8, value: *const u8) {
    let (key, value) = unsafe { (read_word(key), read_word(value)) };
    with(|state| {
        state.meter.storage_writes += 1;
        let access = state.touch(key, false);
        access.writes += 1;
        access.current = value;
        state.storage.insert(key, value);
    });
}

#[no_mangle]
unsafe extern "C" fn storage_flush_cache(_clear: bool) {
    with(|state| state.meter.storage_flushes += 1);
}

#[no_mangle]
unsafe extern "C" fn emit_log(data: *const u8, len: usize, topics: usize) {
    let bytes = unsafe { slice::from_raw_parts(data, len) };
    let (head, body) = bytes.split_at(32 * topics);
    let log = Log {
        topics: head.chunks(32).map(B256::from_slice).collect(),
        data: body.to_vec(),
    };
    with(|state| {
        state.meter.logs.push(log.clone());
        state.logs.push(log);
    });
}

#[no_mangle]
unsafe extern "C" fn native_keccak256(bytes: *const u8, len: usize, output: *mut u8) {
    let input = unsafe { slice::from_raw_parts(bytes, len) };
    // The hasher struct never routes through this hook (alloy's
    // `native-keccak` does not apply to it), so no recursion.
    let mut hasher = Keccak256::new();
    hasher.update(input);
    let hash = hasher.finalize();
    with(|state| state.meter.keccak_inputs.push(len));
    unsafe { write_word(output, &hash.0) };
}

#[no_mangle]
unsafe extern "C" fn msg_sender(sender: *mut u8) {
    let sender_address = with(|state| {
        state.other("msg_sender");
        state.sender
    });
    unsafe { write_address(sender, sender_address) };
}

#[no_mangle]
unsafe extern "C" fn msg_value(value: *mut u8) {
    let amount = with(|state| {
        state.other("msg_value");
        state.value
    });
    unsafe { write_word(value, &amount.to_be_bytes::<32>()) };
}

#[no_mangle]
unsafe extern "C" fn msg_reentrant() -> bool {
    with(|state| state.other("msg_reentrant"));
    false
}

#[no_mangle]
unsafe extern "C" fn tx_origin(origin: *mut u8) {
    let sender = with(|state| {
        state.other("tx_origin");
        state.sender
    });
    unsafe { write_address(origin, sender) };
}

#[no_mangle]
unsafe extern "C" fn tx_gas_price(gas_price: *mut u8) {
    with(|state| state.other("tx_gas_price"));
    unsafe { write_word(gas_price, &Word::default()) };
}

#[no_mangle]
unsafe extern "C" fn tx_ink_price() -> u32 {
    with(|state| state.other("tx_ink_price"));
    10_000
}

#[no_mangle]
unsafe extern "C" fn contract_address(address: *mut u8) {
    with(|state| state.other("contract_address"));
    unsafe { write_address(address, CONTRACT) };
}

#[no_mangle]
unsafe extern "C" fn chainid() -> u64 {
    with(|state| state.other("chainid"));
    CHAIN_ID
}

#[no_mangle]
unsafe extern "C" fn block_timestamp() -> u64 {
    with(|state| state.other("block_timestamp"));
    TIMESTAMP
}

#[no_mangle]
unsafe extern "C" fn block_number() -> u64 {
    with(|state| state.other("block_number"));
    BLOCK_NUMBER
}

#[no_mangle]
unsafe extern "C" fn block_basefee(basefee: *mut u8) {
    with(|state| state.other("block_basefee"));
    unsafe { write_word(basefee, &U256::from(10_000_000u64).to_be_bytes::<32>()) };
}

#[no_mangle]
unsafe extern "C" fn block_coinbase(coinbase: *mut u8) {
    with(|state| state.other("block_coinbase"));
    unsafe { write_address(coinbase, Address::ZERO) };
}

#[no_mangle]
unsafe extern "C" fn block_gas_limit() -> u64 {
    with(|state| state.other("block_gas_limit"));
    32_000_000
}

#[no_mangle]
unsafe extern "C" fn evm_gas_left() -> u64 {
    with(|state| state.other("evm_gas_left"));
    u64::MAX / 10_000
}

#[no_mangle]
unsafe extern "C" fn evm_ink_left() -> u64 {
    with(|state| state.other("evm_ink_left"));
    u64::MAX
}

#[no_mangle]
unsafe extern "C" fn pay_for_memory_grow(_pages: u16) {
    with(|state| state.other("pay_for_memory_grow"));
}

#[no_mangle]
unsafe extern "C" fn account_balance(address: *const u8, dest: *mut u8) {
    let account = unsafe { read_address(address) };
    let balance = with(|state| {
        state.other("account_balance");
        state.balances.get(&account).copied().unwrap_or_default()
    });
    unsafe { write_word(dest, &balance.to_be_bytes::<32>()) };
}

/// Every account is a wallet here: no code.
#[no_mangle]
unsafe extern "C" fn account_code(
    _address: *const u8,
    _offset: usize,
    _size: usize,
    _dest: *mut u8,
) -> usize {
    with(|state| state.other("account_code"));
    0
}

#[no_mangle]
unsafe extern "C" fn account_code_size(_address: *const u8) -> usize {
    with(|state| state.other("account_code_size"));
    0
}

#[no_mangle]
unsafe extern "C" fn account_codehash(_address: *const u8, dest: *mut u8) {
    with(|state| state.other("account_codehash"));
    // keccak256 of empty code.
    let empty =
        alloy_primitives::b256!("c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
    unsafe { write_word(dest, &empty.0) };
}

/// Calls always fail with empty return data: the measured paths make none.
#[no_mangle]
unsafe extern "C" fn call_contract(
    _contract: *const u8,
    _calldata: *const u8,
    _calldata_len: usize,
    _value: *const u8,
    _gas: u64,
    return_data_len: *mut usize,
) -> u8 {
    failed_call("call_contract", return_data_len)
}

#[no_mangle]
unsafe extern "C" fn static_call_contract(
    _contract: *const u8,
    _calldata: *const u8,
    _calldata_len: usize,
    _gas: u64,
    return_data_len: *mut usize,
) -> u8 {
    failed_call("static_call_contract", return_data_len)
}

#[no_mangle]
unsafe extern "C" fn delegate_call_contract(
    _contract: *const u8,
    _calldata: *const u8,
    _calldata_len: usize,
    _gas: u64,
    return_data_len: *mut usize,
) -> u8 {
    failed_call("delegate_call_contract", return_data_len)
}

fn failed_call(name: &'static str, return_data_len: *mut usize) -> u8 {
    with(|state| {
        state.other(name);
        state.return_data.clear();
    });
    // SAFETY: the SDK passes a valid `usize` out-pointer.
    unsafe { *return_data_len = 0 };
    1
}

#[no_mangle]
unsafe extern "C" fn return_data_size() -> usize {
    with(|state| {
        state.other("return_data_size");
        state.return_data.len()
    })
}

#[no_mangle]
unsafe extern "C" fn read_return_data(dest: *mut u8, offset: usize, size: usize) -> usize {
    let data = with(|state| {
        state.other("read_return_data");
        let start = offset.min(state.return_data.len());
        let end = offset.saturating_add(size).min(state.return_data.len());
        state.return_data[start..end].to_vec()
    });
    unsafe { slice::from_raw_parts_mut(dest, data.len()) }.copy_from_slice(&data);
    data.len()
}

/// Deployment always fails (zero address, no revert data).
#[no_mangle]
unsafe extern "C" fn create1(
    _code: *const u8,
    _code_len: usize,
    _endowment: *const u8,
    contract: *mut u8,
    revert_data_len: *mut usize,
) {
    with(|state| state.other("create1"));
    unsafe {
        write_address(contract, Address::ZERO);
        *revert_data_len = 0;
    }
}

/// Deployment always fails (zero address, no revert data).
#[no_mangle]
unsafe extern "C" fn create2(
    _code: *const u8,
    _code_len: usize,
    _endowment: *const u8,
    _salt: *const u8,
    contract: *mut u8,
    revert_data_len: *mut usize,
) {
    with(|state| state.other("create2"));
    unsafe {
        write_address(contract, Address::ZERO);
        *revert_data_len = 0;
    }
}

/// Methods are called directly, never through calldata.
#[no_mangle]
unsafe extern "C" fn read_args(_dest: *mut u8) {
    unimplemented!("read_args: the bench calls methods directly")
}

#[no_mangle]
unsafe extern "C" fn write_result(data: *const u8, len: usize) {
    let bytes = unsafe { slice::from_raw_parts(data, len) }.to_vec();
    with(|state| {
        state.other("write_result");
        state.return_data = bytes;
    });
}
