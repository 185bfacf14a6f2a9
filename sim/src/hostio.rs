//! The `vm_hooks` imports, one function per hostio, with nitro's semantics
//! and prices (see `stylus-sdk` 0.9 `hostio.rs` for the signatures and
//! nitro's `UserHost` for the behaviour).
//!
//! Every hostio first pays for memory the program grew since the last
//! hostio (see [`charge_memory_growth`]), then its base ink, then its
//! per-byte and EVM costs. A hostio fails the frame by returning an
//! [`Escape`], which wasmer turns into a trap.

use std::collections::{BTreeMap, HashMap};

use alloy_primitives::{keccak256, Address, B256, U256};
use wasmer::{
    imports, Function, FunctionEnv, FunctionEnvMut, Global, Imports, Memory, Store, Value,
};

use crate::{
    engine::{self, CallKind, Escape, Frame, Outcome, Part, Shared, Status, MAX_DEPTH},
    gas::{self, ink, INK_PER_GAS},
    precompile, Log,
};

type Ctx<'a> = FunctionEnvMut<'a, Env>;
type R<T> = Result<T, Escape>;

/// A storage slot in the frame's cache.
struct CacheWord {
    value: B256,
    /// The value in the state, if known.
    known: Option<B256>,
}

/// One frame's host state.
pub struct Env {
    pub(crate) shared: Shared,
    frame: Frame,
    reentrant: bool,
    /// The instance's memory.
    pub memory: Option<Memory>,
    /// The metering globals.
    pub ink: Option<Global>,
    pub exhausted: Option<Global>,
    cache: HashMap<B256, CacheWord>,
    reads: u64,
    writes: u64,
    return_data: Vec<u8>,
    /// What `write_result` wrote.
    pub output: Vec<u8>,
    /// Pages of memory paid for.
    pages: u64,
    /// Ink the host took from the frame (hostios, EVM costs, callees).
    pub host_ink: u64,
    /// Ink burnt by an out-of-ink failure in a hostio.
    pub burn: u64,
}

impl Env {
    /// A frame's host state.
    pub fn new(shared: Shared, frame: Frame, reentrant: bool, pages: u64) -> Self {
        Self {
            shared,
            frame,
            reentrant,
            memory: None,
            ink: None,
            exhausted: None,
            cache: HashMap::new(),
            reads: 0,
            writes: 0,
            return_data: Vec::new(),
            output: Vec::new(),
            pages,
            host_ink: 0,
            burn: 0,
        }
    }
}

// ----- metering -----

/// Ink left in the frame.
pub fn ink_left(ctx: &mut Ctx) -> u64 {
    let (data, mut store) = ctx.data_and_store_mut();
    let global = data.ink.as_ref().expect("ink global");
    global.get(&mut store).i64().unwrap_or(0) as u64
}

fn set_ink(ctx: &mut Ctx, ink: u64) {
    let (data, mut store) = ctx.data_and_store_mut();
    let global = data.ink.as_ref().expect("ink global");
    global
        .set(&mut store, Value::I64(ink as i64))
        .expect("ink global");
}

fn out_of_ink<T>(ctx: &mut Ctx) -> R<T> {
    let left = ink_left(ctx);
    ctx.data_mut().burn += left;
    set_ink(ctx, 0);
    let (data, mut store) = ctx.data_and_store_mut();
    if let Some(global) = data.exhausted.as_ref() {
        let _ = global.set(&mut store, Value::I32(1));
    }
    Err(Escape::OutOfInk)
}

fn buy_ink(ctx: &mut Ctx, ink: u64, part: Part) -> R<()> {
    let left = ink_left(ctx);
    if left < ink {
        return out_of_ink(ctx);
    }
    set_ink(ctx, left - ink);
    ctx.data_mut().host_ink += ink;
    ctx.data().shared.lock().tally.add(part, ink);
    Ok(())
}

fn buy_gas(ctx: &mut Ctx, gas: u64, part: Part) -> R<()> {
    buy_ink(ctx, gas.saturating_mul(INK_PER_GAS), part)
}

fn require_gas(ctx: &mut Ctx, gas: u64) -> R<()> {
    if ink_left(ctx) < gas.saturating_mul(INK_PER_GAS) {
        return out_of_ink(ctx);
    }
    Ok(())
}

/// Pays for pages the program grew without `pay_for_memory_grow`, at the
/// memory price (nitro calls that hostio from an injected prologue of
/// `memory.grow`; here growth is noticed at the next hostio or at exit).
pub fn charge_memory_growth(ctx: &mut Ctx) -> R<()> {
    let pages = {
        let (data, store) = ctx.data_and_store_mut();
        match data.memory.as_ref() {
            Some(memory) => u64::from(memory.view(&store).size().0),
            None => return Ok(()),
        }
    };
    let paid = ctx.data().pages;
    if pages > paid {
        pay_pages(ctx, pages - paid)?;
    }
    Ok(())
}

fn pay_pages(ctx: &mut Ctx, pages: u64) -> R<()> {
    let cost = {
        let mut exec = ctx.data().shared.lock();
        let cost = gas::memory_gas(pages, exec.open_pages, exec.ever_pages);
        exec.open_pages += pages;
        exec.ever_pages = exec.ever_pages.max(exec.open_pages);
        cost
    };
    ctx.data_mut().pages += pages;
    buy_gas(ctx, cost, Part::Memory)
}

/// Entry of every hostio: memory growth, then the base ink.
fn enter(ctx: &mut Ctx, base: u64) -> R<()> {
    charge_memory_growth(ctx)?;
    buy_ink(ctx, base, Part::Hostio)
}

// ----- memory -----

fn read(ctx: &mut Ctx, ptr: u32, len: u32) -> R<Vec<u8>> {
    let (data, store) = ctx.data_and_store_mut();
    let memory = data
        .memory
        .as_ref()
        .ok_or(Escape::Failure("no memory".into()))?;
    let mut buf = vec![0; len as usize];
    memory
        .view(&store)
        .read(u64::from(ptr), &mut buf)
        .map_err(|e| Escape::Failure(format!("read: {e}")))?;
    Ok(buf)
}

fn write(ctx: &mut Ctx, ptr: u32, bytes: &[u8]) -> R<()> {
    let (data, store) = ctx.data_and_store_mut();
    let memory = data
        .memory
        .as_ref()
        .ok_or(Escape::Failure("no memory".into()))?;
    memory
        .view(&store)
        .write(u64::from(ptr), bytes)
        .map_err(|e| Escape::Failure(format!("write: {e}")))
}

fn read_b256(ctx: &mut Ctx, ptr: u32) -> R<B256> {
    Ok(B256::from_slice(&read(ctx, ptr, 32)?))
}

fn read_address(ctx: &mut Ctx, ptr: u32) -> R<Address> {
    Ok(Address::from_slice(&read(ctx, ptr, 20)?))
}

fn write_u32(ctx: &mut Ctx, ptr: u32, value: u32) -> R<()> {
    write(ctx, ptr, &value.to_le_bytes())
}

fn write_u256(ctx: &mut Ctx, ptr: u32, value: U256) -> R<()> {
    write(ctx, ptr, &value.to_be_bytes::<32>())
}

fn fail(why: &str) -> Escape {
    Escape::Failure(why.into())
}

// ----- calldata and results -----

fn read_args(mut ctx: Ctx, dest: u32) -> R<()> {
    enter(&mut ctx, ink::HOSTIO)?;
    let args = ctx.data().frame.input.clone();
    buy_ink(&mut ctx, gas::write_ink(args.len() as u64), Part::Hostio)?;
    write(&mut ctx, dest, &args)
}

fn write_result(mut ctx: Ctx, ptr: u32, len: u32) -> R<()> {
    enter(&mut ctx, ink::HOSTIO)?;
    buy_ink(&mut ctx, 2 * gas::read_ink(u64::from(len)), Part::Hostio)?;
    let out = read(&mut ctx, ptr, len)?;
    ctx.data_mut().output = out;
    Ok(())
}

// ----- storage -----

fn storage_load_bytes32(mut ctx: Ctx, key: u32, dest: u32) -> R<()> {
    enter(&mut ctx, ink::STORAGE_ACCESS)?;
    let api_gas = ink::EVM_API / INK_PER_GAS;
    require_gas(&mut ctx, gas::COLD_SLOAD + 10 + api_gas)?;
    let key = read_b256(&mut ctx, key)?;
    let data = ctx.data_mut();
    data.reads += 1;
    let mut cost = gas::cache_read_gas(data.reads);
    let value = match data.cache.get(&key) {
        Some(word) => word.value,
        None => {
            let address = data.frame.address;
            let value = {
                let mut exec = data.shared.lock();
                let cold = exec.state.touch_slot(address, key);
                cost += if cold {
                    gas::COLD_SLOAD
                } else {
                    gas::WARM_ACCESS
                } + api_gas;
                exec.state.world.storage(address, key)
            };
            data.cache.insert(
                key,
                CacheWord {
                    value,
                    known: Some(value),
                },
            );
            value
        }
    };
    buy_gas(&mut ctx, cost, Part::Storage)?;
    write(&mut ctx, dest, value.as_slice())
}

fn storage_cache_bytes32(mut ctx: Ctx, key: u32, value: u32) -> R<()> {
    enter(&mut ctx, ink::STORAGE_ACCESS)?;
    require_gas(&mut ctx, gas::SSTORE_SENTRY + 10)?;
    let key = read_b256(&mut ctx, key)?;
    let value = read_b256(&mut ctx, value)?;
    let data = ctx.data_mut();
    data.writes += 1;
    let cost = gas::cache_write_gas(data.writes);
    data.cache
        .entry(key)
        .and_modify(|word| word.value = value)
        .or_insert(CacheWord { value, known: None });
    buy_gas(&mut ctx, cost, Part::Storage)
}

fn storage_flush_cache(mut ctx: Ctx, clear: u32) -> R<()> {
    enter(&mut ctx, ink::WITH_API)?;
    require_gas(&mut ctx, gas::SSTORE_SENTRY)?;
    let data = ctx.data_mut();
    let dirty: BTreeMap<B256, B256> = data
        .cache
        .iter()
        .filter(|(_, w)| Some(w.value) != w.known)
        .map(|(k, w)| (*k, w.value))
        .collect();
    if !dirty.is_empty() && data.frame.is_static {
        return Err(fail("storage write in a static call"));
    }
    let address = data.frame.address;
    let mut cost = 0;
    {
        let mut exec = data.shared.lock();
        for (&key, &value) in &dirty {
            let original = exec.state.original(address, key);
            let current = exec.state.world.storage(address, key);
            let cold = exec.state.touch_slot(address, key);
            let (gas, refund) = gas::sstore(original.0, current.0, value.0, cold);
            cost += gas;
            exec.state.add_refund(refund);
            exec.state.set_storage(address, key, value);
        }
    }
    for (key, value) in dirty {
        if let Some(word) = data.cache.get_mut(&key) {
            word.known = Some(value);
        }
    }
    if clear != 0 {
        data.cache.clear();
    }
    buy_gas(&mut ctx, cost, Part::Storage)
}

// ----- accounts -----

/// Pays the EIP-2929 access cost of `address`.
fn access_account(ctx: &mut Ctx, address: Address) -> R<()> {
    require_gas(ctx, gas::COLD_ACCOUNT)?;
    let cold = ctx.data().shared.lock().state.touch_account(address);
    let cost = if cold {
        gas::COLD_ACCOUNT
    } else {
        gas::WARM_ACCOUNT
    };
    buy_gas(ctx, cost, Part::Calls)
}

fn account_balance(mut ctx: Ctx, address: u32, dest: u32) -> R<()> {
    enter(&mut ctx, ink::ACCOUNT_PTR2)?;
    let address = read_address(&mut ctx, address)?;
    access_account(&mut ctx, address)?;
    let balance = ctx.data().shared.lock().state.world.balance(address);
    write_u256(&mut ctx, dest, balance)
}

fn code_of(ctx: &Ctx, address: Address) -> Vec<u8> {
    let exec = ctx.data().shared.lock();
    exec.state
        .world
        .code(address)
        .map(|p| p.wasm.clone())
        .unwrap_or_default()
}

/// Pays `account_code`'s access cost: EIP-2929 plus 700 (nitro's
/// `WasmAccountTouchCost(.., withCode: true)`, charged whether or not the
/// account has code).
fn access_code(ctx: &mut Ctx, address: Address) -> R<()> {
    access_account(ctx, address)?;
    buy_gas(ctx, gas::ACCOUNT_CODE_EXTRA, Part::Calls)
}

fn account_code(mut ctx: Ctx, address: u32, offset: u32, size: u32, dest: u32) -> R<u32> {
    enter(&mut ctx, ink::WITH_API)?;
    let address = read_address(&mut ctx, address)?;
    access_code(&mut ctx, address)?;
    let code = code_of(&ctx, address);
    buy_ink(&mut ctx, gas::write_ink(code.len() as u64), Part::Hostio)?;
    let start = (offset as usize).min(code.len());
    let end = (offset as usize)
        .saturating_add(size as usize)
        .min(code.len());
    write(&mut ctx, dest, &code[start..end])?;
    Ok((end - start) as u32)
}

fn account_code_size(mut ctx: Ctx, address: u32) -> R<u32> {
    enter(&mut ctx, ink::WITH_API)?;
    let address = read_address(&mut ctx, address)?;
    access_code(&mut ctx, address)?;
    Ok(code_of(&ctx, address).len() as u32)
}

fn account_codehash(mut ctx: Ctx, address: u32, dest: u32) -> R<()> {
    enter(&mut ctx, ink::ACCOUNT_PTR2)?;
    let address = read_address(&mut ctx, address)?;
    access_account(&mut ctx, address)?;
    let hash = {
        let exec = ctx.data().shared.lock();
        match exec.state.world.account(address) {
            Some(account) if !account.is_empty() => account
                .code
                .as_ref()
                .map(|p| p.hash)
                .unwrap_or(keccak256([])),
            _ => B256::ZERO,
        }
    };
    write(&mut ctx, dest, hash.as_slice())
}

// ----- block, transaction and message context -----

fn block_basefee(mut ctx: Ctx, dest: u32) -> R<()> {
    enter(&mut ctx, ink::PTR1)?;
    let basefee = ctx.data().shared.lock().block.basefee;
    write_u256(&mut ctx, dest, basefee)
}

fn block_coinbase(mut ctx: Ctx, dest: u32) -> R<()> {
    enter(&mut ctx, ink::PTR1)?;
    let coinbase = ctx.data().shared.lock().block.coinbase;
    write(&mut ctx, dest, coinbase.as_slice())
}

fn block_gas_limit(mut ctx: Ctx) -> R<u64> {
    enter(&mut ctx, ink::HOSTIO)?;
    Ok(ctx.data().shared.lock().block.gas_limit)
}

fn block_number(mut ctx: Ctx) -> R<u64> {
    enter(&mut ctx, ink::HOSTIO)?;
    Ok(ctx.data().shared.lock().block.number)
}

fn block_timestamp(mut ctx: Ctx) -> R<u64> {
    enter(&mut ctx, ink::HOSTIO)?;
    Ok(ctx.data().shared.lock().block.timestamp)
}

fn chainid(mut ctx: Ctx) -> R<u64> {
    enter(&mut ctx, ink::HOSTIO)?;
    Ok(ctx.data().shared.lock().block.chain_id)
}

fn contract_address(mut ctx: Ctx, dest: u32) -> R<()> {
    enter(&mut ctx, ink::PTR1)?;
    let address = ctx.data().frame.address;
    write(&mut ctx, dest, address.as_slice())
}

fn msg_sender(mut ctx: Ctx, dest: u32) -> R<()> {
    enter(&mut ctx, ink::PTR1)?;
    let caller = ctx.data().frame.caller;
    write(&mut ctx, dest, caller.as_slice())
}

fn msg_value(mut ctx: Ctx, dest: u32) -> R<()> {
    enter(&mut ctx, ink::PTR1)?;
    let value = ctx.data().frame.value;
    write_u256(&mut ctx, dest, value)
}

fn msg_reentrant(mut ctx: Ctx) -> R<u32> {
    enter(&mut ctx, ink::HOSTIO)?;
    Ok(u32::from(ctx.data().reentrant))
}

fn tx_origin(mut ctx: Ctx, dest: u32) -> R<()> {
    enter(&mut ctx, ink::PTR1)?;
    let origin = ctx.data().shared.lock().origin;
    write(&mut ctx, dest, origin.as_slice())
}

fn tx_gas_price(mut ctx: Ctx, dest: u32) -> R<()> {
    enter(&mut ctx, ink::PTR1)?;
    let price = ctx.data().shared.lock().block.basefee;
    write_u256(&mut ctx, dest, price)
}

fn tx_ink_price(mut ctx: Ctx) -> R<u32> {
    enter(&mut ctx, ink::HOSTIO)?;
    Ok(INK_PER_GAS as u32)
}

fn evm_gas_left(mut ctx: Ctx) -> R<u64> {
    enter(&mut ctx, ink::HOSTIO)?;
    Ok(ink_left(&mut ctx) / INK_PER_GAS)
}

fn evm_ink_left(mut ctx: Ctx) -> R<u64> {
    enter(&mut ctx, ink::HOSTIO)?;
    Ok(ink_left(&mut ctx))
}

// ----- compute helpers -----

fn native_keccak256(mut ctx: Ctx, bytes: u32, len: u32, output: u32) -> R<()> {
    enter(&mut ctx, 0)?;
    buy_ink(&mut ctx, gas::keccak_ink(u64::from(len)), Part::Hostio)?;
    let input = read(&mut ctx, bytes, len)?;
    write(&mut ctx, output, keccak256(input).as_slice())
}

fn pay_for_memory_grow(mut ctx: Ctx, pages: u32) -> R<()> {
    charge_memory_growth(&mut ctx)?;
    if pages == 0 {
        return buy_ink(&mut ctx, ink::HOSTIO, Part::Hostio);
    }
    pay_pages(&mut ctx, u64::from(pages & 0xffff))
}

// ----- logs -----

fn emit_log(mut ctx: Ctx, data: u32, len: u32, topics: u32) -> R<()> {
    enter(&mut ctx, ink::WITH_API)?;
    if topics > 4 || len < topics * 32 {
        return Err(fail("bad topic data"));
    }
    buy_ink(&mut ctx, gas::read_ink(u64::from(len)), Part::Hostio)?;
    let data_len = u64::from(len - topics * 32);
    buy_gas(
        &mut ctx,
        gas::log_gas(u64::from(topics), data_len),
        Part::Logs,
    )?;
    if ctx.data().frame.is_static {
        return Err(fail("log in a static call"));
    }
    let bytes = read(&mut ctx, data, len)?;
    let (head, body) = bytes.split_at(32 * topics as usize);
    let log = Log {
        address: ctx.data().frame.address,
        topics: head.chunks(32).map(B256::from_slice).collect(),
        data: body.to_vec(),
    };
    ctx.data().shared.lock().state.push_log(log);
    Ok(())
}

// ----- calls -----

fn return_data_size(mut ctx: Ctx) -> R<u32> {
    enter(&mut ctx, ink::HOSTIO)?;
    Ok(ctx.data().return_data.len() as u32)
}

fn read_return_data(mut ctx: Ctx, dest: u32, offset: u32, size: u32) -> R<u32> {
    enter(&mut ctx, ink::WITH_API)?;
    let data = ctx.data().return_data.clone();
    let max = data.len().saturating_sub(offset as usize);
    buy_ink(
        &mut ctx,
        gas::write_ink((size as usize).min(max) as u64),
        Part::Hostio,
    )?;
    let start = (offset as usize).min(data.len());
    let end = (offset as usize)
        .saturating_add(size as usize)
        .min(data.len());
    if end > start {
        write(&mut ctx, dest, &data[start..end])?;
    }
    Ok((end - start) as u32)
}

/// Nitro's status byte for a failed call (any error, revert included).
pub const CALL_FAILED: u32 = 2;

/// A call that failed before reaching the callee: no return data.
fn call_failed(ctx: &mut Ctx, ret_len: u32) -> R<u32> {
    ctx.data_mut().return_data.clear();
    write_u32(ctx, ret_len, 0)?;
    Ok(CALL_FAILED)
}

#[allow(clippy::too_many_arguments)]
fn do_call(
    ctx: &mut Ctx,
    kind: CallKind,
    contract: u32,
    data: u32,
    len: u32,
    value: Option<u32>,
    gas_req: u64,
    ret_len: u32,
) -> R<u32> {
    enter(ctx, ink::CALL)?;
    buy_ink(ctx, 2 * gas::read_ink(u64::from(len)), Part::Hostio)?;
    let contract = read_address(ctx, contract)?;
    let input = read(ctx, data, len)?;
    let value = match value {
        Some(ptr) => U256::from_be_bytes(read_b256(ctx, ptr)?.0),
        None => U256::ZERO,
    };
    let frame = ctx.data().frame.clone();
    if frame.is_static && !value.is_zero() {
        return call_failed(ctx, ret_len);
    }

    // EVM call cost: account access, value, new account.
    let (base, code) = {
        let mut exec = ctx.data().shared.lock();
        let cold = exec.state.touch_account(contract);
        let mut base = if cold {
            gas::COLD_ACCOUNT
        } else {
            gas::WARM_ACCOUNT
        };
        if !value.is_zero() {
            base += gas::CALL_VALUE;
            if exec
                .state
                .world
                .account(contract)
                .is_none_or(|a| a.is_empty())
            {
                base += gas::CALL_NEW_ACCOUNT;
            }
        }
        (base, exec.state.world.code(contract))
    };
    // Nitro: `gas_left` is what the frame has after the hostio's ink; a
    // base cost above it fails the call and takes all of it.
    let gas_left = ink_left(ctx) / INK_PER_GAS;
    if base > gas_left {
        buy_gas(ctx, gas_left, Part::Calls)?;
        return call_failed(ctx, ret_len);
    }
    buy_gas(ctx, base, Part::Calls)?;
    // The 63/64 rule as nitro applies it: `(gas_left - base) * 63 / 64`.
    let mut gas = gas_req.min(gas_left).min((gas_left - base) * 63 / 64);
    if !value.is_zero() {
        gas += gas::CALL_STIPEND;
    }
    if frame.depth + 1 >= MAX_DEPTH {
        return call_failed(ctx, ret_len);
    }

    let shared = ctx.data().shared.clone();
    let snapshot = shared.lock().state.snapshot();
    let callee = match kind {
        CallKind::Call => Frame {
            caller: frame.address,
            address: contract,
            value,
            input,
            is_static: frame.is_static,
            is_delegate: false,
            depth: frame.depth + 1,
        },
        CallKind::Static => Frame {
            caller: frame.address,
            address: contract,
            value: U256::ZERO,
            input,
            is_static: true,
            is_delegate: false,
            depth: frame.depth + 1,
        },
        CallKind::Delegate => Frame {
            input,
            depth: frame.depth + 1,
            is_delegate: true,
            ..frame.clone()
        },
    };
    if kind == CallKind::Call && !shared.lock().state.transfer(frame.address, contract, value) {
        return call_failed(ctx, ret_len);
    }
    let outcome = if precompile::is_precompile(contract) {
        let outcome = precompile::run(contract, &callee.input, gas);
        let used = gas - outcome.gas_left;
        shared
            .lock()
            .tally
            .add(Part::Precompile, used * INK_PER_GAS);
        outcome
    } else {
        match code {
            Some(program) => engine::run(&shared, &program, callee, gas),
            None => Outcome {
                status: Status::Success,
                output: Vec::new(),
                gas_left: gas,
            },
        }
    };
    if outcome.status != Status::Success {
        shared.lock().state.revert_to(snapshot);
    }
    // The callee's gas was tallied by its own parts; only the total is
    // taken from this frame here (stipend included if the callee used it,
    // as nitro charges `gas - returned`).
    let used = gas
        .saturating_sub(outcome.gas_left)
        .saturating_mul(INK_PER_GAS);
    let left = ink_left(ctx);
    if left < used {
        // The caller cannot pay for the stipend its callee used: out of
        // ink; what it had went to the callee.
        shared.lock().tally.forgive(used - left);
        ctx.data_mut().host_ink += left;
        set_ink(ctx, 0);
        return out_of_ink(ctx);
    }
    set_ink(ctx, left - used);
    ctx.data_mut().host_ink += used;

    let out_len = outcome.output.len() as u32;
    ctx.data_mut().return_data = outcome.output;
    write_u32(ctx, ret_len, out_len)?;
    Ok(if outcome.status == Status::Success {
        0
    } else {
        CALL_FAILED
    })
}

fn call_contract(
    mut ctx: Ctx,
    contract: u32,
    data: u32,
    len: u32,
    value: u32,
    gas: u64,
    ret_len: u32,
) -> R<u32> {
    do_call(
        &mut ctx,
        CallKind::Call,
        contract,
        data,
        len,
        Some(value),
        gas,
        ret_len,
    )
}

fn static_call_contract(
    mut ctx: Ctx,
    contract: u32,
    data: u32,
    len: u32,
    gas: u64,
    ret_len: u32,
) -> R<u32> {
    do_call(
        &mut ctx,
        CallKind::Static,
        contract,
        data,
        len,
        None,
        gas,
        ret_len,
    )
}

fn delegate_call_contract(
    mut ctx: Ctx,
    contract: u32,
    data: u32,
    len: u32,
    gas: u64,
    ret_len: u32,
) -> R<u32> {
    do_call(
        &mut ctx,
        CallKind::Delegate,
        contract,
        data,
        len,
        None,
        gas,
        ret_len,
    )
}

/// Deployment from a program is not supported: always fails with the zero
/// address and no revert data (after charging the hostio).
fn create(ctx: &mut Ctx, base: u64, code_len: u32, contract: u32, revert_len: u32) -> R<()> {
    enter(ctx, base)?;
    buy_ink(ctx, 2 * gas::read_ink(u64::from(code_len)), Part::Hostio)?;
    ctx.data_mut().return_data.clear();
    write(ctx, contract, Address::ZERO.as_slice())?;
    write_u32(ctx, revert_len, 0)
}

fn create1(mut ctx: Ctx, _code: u32, len: u32, _endowment: u32, contract: u32, rl: u32) -> R<()> {
    create(&mut ctx, ink::CALL, len, contract, rl)
}

fn create2(
    mut ctx: Ctx,
    _code: u32,
    len: u32,
    _endowment: u32,
    _salt: u32,
    contract: u32,
    rl: u32,
) -> R<()> {
    create(&mut ctx, ink::CREATE2, len, contract, rl)
}

/// The `vm_hooks` import object of one frame.
pub fn imports(store: &mut Store, env: &FunctionEnv<Env>) -> Imports {
    macro_rules! f {
        ($name:ident) => {
            Function::new_typed_with_env(store, env, $name)
        };
    }
    imports! {
        "vm_hooks" => {
            "read_args" => f!(read_args),
            "write_result" => f!(write_result),
            "storage_load_bytes32" => f!(storage_load_bytes32),
            "storage_cache_bytes32" => f!(storage_cache_bytes32),
            "storage_flush_cache" => f!(storage_flush_cache),
            "account_balance" => f!(account_balance),
            "account_code" => f!(account_code),
            "account_code_size" => f!(account_code_size),
            "account_codehash" => f!(account_codehash),
            "block_basefee" => f!(block_basefee),
            "block_coinbase" => f!(block_coinbase),
            "block_gas_limit" => f!(block_gas_limit),
            "block_number" => f!(block_number),
            "block_timestamp" => f!(block_timestamp),
            "chainid" => f!(chainid),
            "contract_address" => f!(contract_address),
            "msg_sender" => f!(msg_sender),
            "msg_value" => f!(msg_value),
            "msg_reentrant" => f!(msg_reentrant),
            "tx_origin" => f!(tx_origin),
            "tx_gas_price" => f!(tx_gas_price),
            "tx_ink_price" => f!(tx_ink_price),
            "evm_gas_left" => f!(evm_gas_left),
            "evm_ink_left" => f!(evm_ink_left),
            "native_keccak256" => f!(native_keccak256),
            "pay_for_memory_grow" => f!(pay_for_memory_grow),
            "emit_log" => f!(emit_log),
            "return_data_size" => f!(return_data_size),
            "read_return_data" => f!(read_return_data),
            "call_contract" => f!(call_contract),
            "static_call_contract" => f!(static_call_contract),
            "delegate_call_contract" => f!(delegate_call_contract),
            "create1" => f!(create1),
            "create2" => f!(create2),
        }
    }
}
