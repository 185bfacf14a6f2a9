//! Compiling and running programs: wasmer (singlepass) with
//! `wasmer-middlewares` metering priced by nitro's ink table.
//!
//! Each [`Program`] gets its own wasmer [`Engine`] because a `Metering`
//! middleware instance may instrument only one module. Every call frame
//! instantiates the program in a fresh [`Store`], so a program calling a
//! program (or itself, reentrantly) runs in a nested store while the caller's
//! host function waits.
//!
//! Ink flow of one frame: the gas handed to the frame pays the program init
//! cost and the memory pages of the module's initial memory; what is left is
//! converted to ink (x 10,000) and written into the metering global. Opcodes
//! consume ink through the middleware; hostios consume it through
//! [`crate::hostio`]. Out of ink anywhere fails the frame and burns its gas.

use std::{
    collections::HashMap,
    sync::{Arc, Mutex, MutexGuard},
};

use alloy_primitives::{keccak256, Address, B256, U256};
use wasmer::{
    sys::EngineBuilder, CompilerConfig, Engine, FunctionEnv, Global, Instance, Module, Singlepass,
    Store, Value,
};
use wasmer_middlewares::{
    metering::{get_remaining_points, MeteringPoints},
    Metering,
};

use crate::{
    gas::{self, SigParams, INK_PER_GAS},
    hostio,
    state::TxState,
    GasBreakdown,
};

/// Maximum call depth (EVM).
pub const MAX_DEPTH: usize = 1024;

/// A compiled program.
pub struct Program {
    /// The wasm as installed.
    pub wasm: Vec<u8>,
    /// `keccak256(wasm)`.
    pub hash: B256,
    engine: Engine,
    module: Module,
    /// Pages of the module's initial memory.
    pub footprint: u64,
    /// Gas paid on every call before the program runs.
    pub init_gas: u64,
}

impl Program {
    /// Compiles `wasm` with the ink meter. Fails on invalid wasm or a
    /// program without `user_entrypoint`/`memory` exports.
    pub fn compile(wasm: &[u8]) -> Result<Arc<Self>, String> {
        let sigs = Arc::new(signatures(wasm)?);
        let cost_sigs = sigs.clone();
        let metering = Arc::new(Metering::new(
            0,
            move |op: &wasmer::wasmparser::Operator| gas::opcode_ink(op, &cost_sigs),
        ));
        let mut compiler = Singlepass::default();
        compiler.push_middleware(metering);
        let engine: Engine = EngineBuilder::new(compiler).into();
        let module = Module::new(&engine, wasm).map_err(|e| format!("invalid wasm: {e}"))?;
        let has = |name: &str| module.exports().any(|e| e.name() == name);
        if !has("user_entrypoint") || !has("memory") {
            return Err("a program exports `user_entrypoint` and `memory`".into());
        }
        let footprint = module
            .exports()
            .memories()
            .next()
            .map(|m| u64::from(m.ty().minimum.0))
            .unwrap_or(0);
        Ok(Arc::new(Self {
            wasm: wasm.to_vec(),
            hash: keccak256(wasm),
            engine,
            module,
            footprint,
            init_gas: gas::init_gas(wasm.len()),
        }))
    }
}

/// Parameter counts of every function type of `wasm`.
fn signatures(wasm: &[u8]) -> Result<SigParams, String> {
    let mut sigs = HashMap::new();
    for payload in wasmparser::Parser::new(0).parse_all(wasm) {
        if let wasmparser::Payload::TypeSection(reader) = payload.map_err(|e| e.to_string())? {
            let mut index = 0u32;
            for group in reader {
                for ty in group.map_err(|e| e.to_string())?.into_types() {
                    if let wasmparser::CompositeType::Func(func) = &ty.composite_type {
                        sigs.insert(index, func.params().len() as u64);
                    }
                    index += 1;
                }
            }
        }
    }
    Ok(sigs)
}

/// Block and transaction context.
#[derive(Clone, Debug)]
pub struct BlockEnv {
    /// Chain id.
    pub chain_id: u64,
    /// Block number.
    pub number: u64,
    /// Block timestamp.
    pub timestamp: u64,
    /// Base fee (also the gas price).
    pub basefee: U256,
    /// Coinbase.
    pub coinbase: Address,
    /// Block gas limit.
    pub gas_limit: u64,
}

/// Gas spent so far in a transaction, by part, in ink.
#[derive(Default, Clone, Copy, Debug)]
pub struct InkTally {
    /// Opcode ink: what each frame's metering spent, that is, the ink the
    /// frame started with minus what the host took (hostios, EVM costs,
    /// callees), what an out-of-gas failure burnt and what was left; plus
    /// the sub-gas remainder a frame's leftover ink loses when converted
    /// back to gas (under 1 gas per frame).
    pub compute: u64,
    pub hostio: u64,
    pub storage: u64,
    pub calls: u64,
    pub precompile: u64,
    pub logs: u64,
    pub init: u64,
    pub memory: u64,
    /// Ink left in frames that ran out of ink or gas (burnt).
    pub burn: u64,
}

/// Where a charge goes in the breakdown.
#[derive(Clone, Copy, Debug)]
pub enum Part {
    Compute,
    Hostio,
    Storage,
    Calls,
    Precompile,
    Logs,
    Init,
    Memory,
    Burn,
}

impl InkTally {
    /// Adds `ink` to `part`.
    pub fn add(&mut self, part: Part, ink: u64) {
        let slot = match part {
            Part::Compute => &mut self.compute,
            Part::Hostio => &mut self.hostio,
            Part::Storage => &mut self.storage,
            Part::Calls => &mut self.calls,
            Part::Precompile => &mut self.precompile,
            Part::Logs => &mut self.logs,
            Part::Init => &mut self.init,
            Part::Memory => &mut self.memory,
            Part::Burn => &mut self.burn,
        };
        *slot = slot.saturating_add(ink);
    }

    /// Takes back `ink` a callee was tallied but its caller could not pay
    /// for (a call with value whose callee used the 2,300 stipend, in a
    /// caller left with less than that): from the burn first, then compute.
    pub fn forgive(&mut self, ink: u64) {
        let from_burn = ink.min(self.burn);
        self.burn -= from_burn;
        self.compute = self.compute.saturating_sub(ink - from_burn);
    }

    /// The breakdown. Every part is tallied on its own (none is "what the
    /// others leave"); ink is converted to gas cumulatively, so that the
    /// parts add up to `gas_used` exactly when the tally is complete (each
    /// part is within 1 gas of its ink / 10,000).
    pub fn breakdown(&self, intrinsic: u64, refund: u64) -> GasBreakdown {
        let parts = [
            self.compute,
            self.hostio,
            self.storage,
            self.calls,
            self.precompile,
            self.logs,
            self.init,
            self.memory,
            self.burn,
        ];
        let mut gas = [0u64; 9];
        let mut cumulative = 0u64;
        for (i, ink) in parts.iter().enumerate() {
            let before = cumulative / INK_PER_GAS;
            cumulative = cumulative.saturating_add(*ink);
            gas[i] = cumulative / INK_PER_GAS - before;
        }
        GasBreakdown {
            intrinsic,
            compute: gas[0],
            hostio: gas[1],
            storage: gas[2],
            calls: gas[3],
            precompile: gas[4],
            logs: gas[5],
            init: gas[6],
            memory: gas[7],
            out_of_gas_burn: gas[8],
            refund,
        }
    }
}

/// Everything a transaction shares across its call frames.
pub struct Exec {
    /// Accounts and journal.
    pub state: TxState,
    /// Block context.
    pub block: BlockEnv,
    /// Transaction origin.
    pub origin: Address,
    /// The running frames' addresses, outermost first, and whether each
    /// was entered by a delegate call.
    pub stack: Vec<(Address, bool)>,
    /// Memory pages open across frames, and the most ever open.
    pub open_pages: u64,
    pub ever_pages: u64,
    /// Gas by part.
    pub tally: InkTally,
}

/// The shared transaction state, locked briefly by each hostio (never
/// across a nested call).
#[derive(Clone)]
pub struct Shared(pub Arc<Mutex<Exec>>);

impl Shared {
    /// Locks the transaction state.
    pub fn lock(&self) -> MutexGuard<'_, Exec> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// How a frame was entered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CallKind {
    Call,
    Static,
    Delegate,
}

/// One call frame's inputs.
#[derive(Clone, Debug)]
pub struct Frame {
    /// `msg_sender`.
    pub caller: Address,
    /// `contract_address`, and whose storage and balance the frame uses.
    pub address: Address,
    /// `msg_value`.
    pub value: U256,
    /// Calldata.
    pub input: Vec<u8>,
    /// State changes are forbidden.
    pub is_static: bool,
    /// Entered by a delegate call (runs another program as `address`).
    pub is_delegate: bool,
    /// Frames below this one.
    pub depth: usize,
}

/// How a frame ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// `user_entrypoint` returned 0.
    Success,
    /// `user_entrypoint` returned non-zero.
    Revert,
    /// A trap (unreachable, bad memory access, a hostio error such as a
    /// write in a static call): fails, keeping the frame's remaining gas.
    Failure,
    /// Out of ink or gas: fails, burning the frame's gas.
    OutOfGas,
}

/// A frame's result.
#[derive(Clone, Debug)]
pub struct Outcome {
    pub status: Status,
    /// Return data or revert data.
    pub output: Vec<u8>,
    pub gas_left: u64,
}

impl Outcome {
    fn fail(status: Status, gas_left: u64) -> Self {
        Self {
            status,
            output: Vec::new(),
            gas_left,
        }
    }
}

/// A hostio's way out of the program: the reason is read back when the
/// trap reaches [`run`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Escape {
    /// Out of ink.
    OutOfInk,
    /// Any other failure (bad pointer, static-call violation, ...).
    Failure(String),
}

impl std::fmt::Display for Escape {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::OutOfInk => write!(f, "out of ink"),
            Self::Failure(why) => write!(f, "failure: {why}"),
        }
    }
}

impl std::error::Error for Escape {}

/// Runs `program` as `frame` with `gas`. The caller owns snapshots and
/// reverts on failure; this function only meters and executes.
pub fn run(shared: &Shared, program: &Arc<Program>, frame: Frame, gas: u64) -> Outcome {
    // Program init, then the initial memory.
    let (reentrant, saved_open, gas) = {
        let mut exec = shared.lock();
        if gas < program.init_gas {
            exec.tally.add(Part::Init, gas * INK_PER_GAS);
            return Outcome::fail(Status::OutOfGas, 0);
        }
        exec.tally.add(Part::Init, program.init_gas * INK_PER_GAS);
        let gas = gas - program.init_gas;
        let open = exec.open_pages;
        let mem = gas::memory_gas(program.footprint, open, exec.ever_pages);
        if gas < mem {
            exec.tally.add(Part::Memory, gas * INK_PER_GAS);
            return Outcome::fail(Status::OutOfGas, 0);
        }
        exec.tally.add(Part::Memory, mem * INK_PER_GAS);
        exec.open_pages += program.footprint;
        exec.ever_pages = exec.ever_pages.max(exec.open_pages);
        // Nitro's `msg_reentrant`: the frame's address already runs in a
        // frame not entered by a delegate call (`PushContract` skips
        // delegate frames; reentrant iff the acting address is pushed more
        // than once).
        exec.stack.push((frame.address, frame.is_delegate));
        let pushed = exec
            .stack
            .iter()
            .filter(|&&(a, delegate)| a == frame.address && !delegate)
            .count();
        let reentrant = pushed > 1;
        (reentrant, open, gas - mem)
    };

    let outcome = execute(shared, program, frame, reentrant, gas);

    let mut exec = shared.lock();
    exec.stack.pop();
    exec.open_pages = saved_open;
    outcome
}

fn execute(
    shared: &Shared,
    program: &Arc<Program>,
    frame: Frame,
    reentrant: bool,
    gas: u64,
) -> Outcome {
    let mut store = Store::new(program.engine.clone());
    let input_len = frame.input.len() as u32;
    let env = FunctionEnv::new(
        &mut store,
        hostio::Env::new(shared.clone(), frame, reentrant, program.footprint),
    );
    let imports = hostio::imports(&mut store, &env);
    let instance = match Instance::new(&mut store, &program.module, &imports) {
        Ok(instance) => instance,
        Err(_) => return Outcome::fail(Status::Failure, gas),
    };
    let global = |name: &str| -> Global {
        instance
            .exports
            .get_global(name)
            .expect("metering global")
            .clone()
    };
    let (ink, exhausted) = (
        global("wasmer_metering_remaining_points"),
        global("wasmer_metering_points_exhausted"),
    );
    let memory = instance.exports.get_memory("memory").ok().cloned();
    {
        let data = env.as_mut(&mut store);
        data.memory = memory;
        data.ink = Some(ink.clone());
        data.exhausted = Some(exhausted);
    }
    let Some(start) = gas.checked_mul(INK_PER_GAS) else {
        return Outcome::fail(Status::Failure, gas);
    };
    ink.set(&mut store, Value::I64(start as i64))
        .expect("ink global");

    let entry = match instance
        .exports
        .get_typed_function::<u32, u32>(&store, "user_entrypoint")
    {
        Ok(entry) => entry,
        Err(_) => return Outcome::fail(Status::Failure, gas),
    };
    let result = entry.call(&mut store, input_len);

    // Ink still in the meter (when the metering ran out, what was left
    // before the block it could not pay for: burnt).
    let raw_left = ink.get(&mut store).i64().unwrap_or(0).max(0) as u64;
    let exhausted_by_meter = matches!(
        get_remaining_points(&mut store, &instance),
        MeteringPoints::Exhausted
    );
    let mut fenv = env.clone().into_mut(&mut store);
    let outcome = match result {
        Ok(status) => {
            // Memory grown since the last hostio is paid for now.
            if hostio::charge_memory_growth(&mut fenv).is_err() {
                Outcome::fail(Status::OutOfGas, 0)
            } else {
                let output = std::mem::take(&mut fenv.data_mut().output);
                Outcome {
                    status: if status == 0 {
                        Status::Success
                    } else {
                        Status::Revert
                    },
                    output,
                    gas_left: hostio::ink_left(&mut fenv) / INK_PER_GAS,
                }
            }
        }
        Err(err) => match err.downcast::<Escape>() {
            Ok(Escape::OutOfInk) => Outcome::fail(Status::OutOfGas, 0),
            _ if exhausted_by_meter => Outcome::fail(Status::OutOfGas, 0),
            _ => Outcome::fail(Status::Failure, raw_left / INK_PER_GAS),
        },
    };
    // Out of ink in the metering itself: the meter's remainder is burnt.
    let meter_burn = if outcome.status == Status::OutOfGas && fenv.data().burn == 0 {
        hostio::ink_left(&mut fenv)
    } else {
        0
    };
    let data = fenv.data();
    let left = outcome.gas_left * INK_PER_GAS;
    let burn = data.burn + meter_burn;
    let compute = start.saturating_sub(data.host_ink + burn + left);
    let mut exec = data.shared.lock();
    exec.tally.add(Part::Compute, compute);
    exec.tally.add(Part::Burn, burn);
    drop(exec);
    outcome
}
