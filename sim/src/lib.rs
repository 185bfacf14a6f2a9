//! An in-process Arbitrum Stylus executor.
//!
//! [`Chain`] holds accounts (balance, nonce, code, storage) and a block
//! context, and runs processed Stylus programs (the final `.wasm` our build
//! writes) with nitro's hostio semantics and an approximation of nitro's gas:
//! opcode ink from nitro's pricing table through wasmer's metering
//! middleware ([`engine`]), hostio ink and EVM costs ([`hostio`], [`gas`]),
//! and a journal that reverts failed calls and transactions ([`state`]).
//! See `sim/README.md` for what is modelled and what is simplified.

pub mod engine;
pub mod gas;
pub mod hostio;
pub mod precompile;
mod probestack;
pub mod state;

use std::sync::{Arc, Mutex};

use alloy_primitives::{address, keccak256, Address, B256, U256};

use crate::{
    engine::{BlockEnv, Exec, Frame, InkTally, Outcome, Part, Program, Shared, Status},
    gas::INK_PER_GAS,
    state::{TxState, World},
};

/// Gas limit of [`Chain::deploy`]'s constructor transaction and of
/// [`Chain::view`] calls.
pub const DEFAULT_GAS: u64 = 30_000_000;
/// Block gas limit reported to programs (Arbitrum One).
pub const BLOCK_GAS_LIMIT: u64 = 32_000_000;
/// Initial block timestamp (1 January 2025, 00:00 UTC).
pub const GENESIS_TIMESTAMP: u64 = 1_735_689_600;
/// Base fee: 0.01 gwei.
pub const BASEFEE: u64 = 10_000_000;
/// Coinbase reported to programs (Arbitrum's batch poster address).
pub const COINBASE: Address = address!("A4b000000000000000000073657175656e636572");

/// A transaction.
#[derive(Clone, Debug, Default)]
pub struct Tx {
    pub from: Address,
    pub to: Address,
    pub value: U256,
    pub data: Vec<u8>,
    pub gas_limit: u64,
}

/// An emitted log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Log {
    pub address: Address,
    pub topics: Vec<B256>,
    pub data: Vec<u8>,
}

/// Gas used, by part: `intrinsic + compute + hostio + storage + calls +
/// precompile + logs + init + memory + out_of_gas_burn - refund` is
/// `Receipt::gas_used`. Each part is tallied where it is charged (ink parts
/// are converted cumulatively, so each is within 1 gas of its ink / 10,000).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct GasBreakdown {
    /// 21,000 + 16 per non-zero and 4 per zero calldata byte.
    pub intrinsic: u64,
    /// Opcode ink / 10,000, as the metering spent it (plus under 1 gas
    /// per frame of ink-to-gas rounding).
    pub compute: u64,
    /// Hostio ink (base and per-byte) / 10,000.
    pub hostio: u64,
    /// SLOAD/SSTORE EVM gas, the storage cache's charges and API overhead.
    pub storage: u64,
    /// Account access (EIP-2929, and `account_code`'s 700) and call costs
    /// (value, new account).
    pub calls: u64,
    /// Precompile gas (`ecrecover`'s 3,000).
    pub precompile: u64,
    /// Log gas (375 per topic and base, 8 per byte).
    pub logs: u64,
    /// Program init, per program call.
    pub init: u64,
    /// Memory pages beyond the free ones.
    pub memory: u64,
    /// Gas burnt by out-of-gas failures (the failing frame's unspent gas).
    pub out_of_gas_burn: u64,
    /// The SSTORE refund (EIP-2200/3529), capped at a fifth of the gas
    /// used: subtracted.
    pub refund: u64,
}

impl GasBreakdown {
    /// The parts added up (refund subtracted).
    pub fn total(&self) -> u64 {
        self.intrinsic
            + self.compute
            + self.hostio
            + self.storage
            + self.calls
            + self.precompile
            + self.logs
            + self.init
            + self.memory
            + self.out_of_gas_burn
            - self.refund
    }
}

/// A transaction's result.
#[derive(Clone, Debug)]
pub struct Receipt {
    pub success: bool,
    /// Return data, or revert data.
    pub output: Vec<u8>,
    pub gas_used: u64,
    /// Empty if reverted.
    pub logs: Vec<Log>,
    pub gas: GasBreakdown,
}

impl Receipt {
    /// An invalid transaction: no gas used, no state change (see
    /// [`Chain::send`]).
    fn rejected(why: &str) -> Self {
        Self {
            success: false,
            output: why.as_bytes().to_vec(),
            gas_used: 0,
            logs: Vec::new(),
            gas: GasBreakdown::default(),
        }
    }
}

/// A chain: accounts, block context, chain id.
pub struct Chain {
    world: World,
    block: BlockEnv,
}

/// What runs after the intrinsic cost is paid.
enum Entry {
    /// Call `to` (a program, or a plain transfer).
    Call,
    /// Install this program at `to`, then call it.
    Deploy(Arc<Program>),
}

impl Chain {
    /// A chain at block 1, timestamp 1,735,689,600, basefee 0.01 gwei.
    pub fn new(chain_id: u64) -> Self {
        Self {
            world: World::default(),
            block: BlockEnv {
                chain_id,
                number: 1,
                timestamp: GENESIS_TIMESTAMP,
                basefee: U256::from(BASEFEE),
                coinbase: COINBASE,
                gas_limit: BLOCK_GAS_LIMIT,
            },
        }
    }

    /// Adds `amount` to `account`'s balance.
    pub fn fund(&mut self, account: Address, amount: U256) {
        let entry = self.world.accounts.entry(account).or_default();
        entry.balance += amount;
    }

    /// A balance.
    pub fn balance(&self, account: Address) -> U256 {
        self.world.balance(account)
    }

    /// A nonce.
    pub fn nonce(&self, account: Address) -> u64 {
        self.world.account(account).map_or(0, |a| a.nonce)
    }

    /// Whether `account` holds a program.
    pub fn has_code(&self, account: Address) -> bool {
        self.world.code(account).is_some()
    }

    /// A storage slot.
    pub fn storage(&self, account: Address, slot: B256) -> B256 {
        self.world.storage(account, slot)
    }

    /// Sets the block timestamp and advances the block number.
    pub fn set_timestamp(&mut self, timestamp: u64) {
        self.block.timestamp = timestamp;
        self.block.number += 1;
    }

    /// The block timestamp.
    pub fn timestamp(&self) -> u64 {
        self.block.timestamp
    }

    /// The block number.
    pub fn block_number(&self) -> u64 {
        self.block.number
    }

    /// Installs `wasm` at the CREATE address of `from` and runs its
    /// constructor (`keccak256("stylus_constructor()")[0..4]` ++
    /// `constructor_args`) as a transaction from `from` with
    /// [`DEFAULT_GAS`]. A failing constructor leaves no code and no state
    /// (the sender's nonce still increments).
    #[allow(clippy::result_large_err)] // the public API returns the receipt either way
    pub fn deploy(
        &mut self,
        from: Address,
        wasm: &[u8],
        constructor_args: &[u8],
    ) -> Result<(Address, Receipt), Receipt> {
        let program = Program::compile(wasm).map_err(|e| Receipt::rejected(&e))?;
        let address = create_address(from, self.nonce(from));
        let mut data = keccak256("stylus_constructor()")[..4].to_vec();
        data.extend_from_slice(constructor_args);
        let tx = Tx {
            from,
            to: address,
            value: U256::ZERO,
            data,
            gas_limit: DEFAULT_GAS,
        };
        let receipt = self.execute(tx, Entry::Deploy(program), false);
        if receipt.success {
            Ok((address, receipt))
        } else {
            Err(receipt)
        }
    }

    /// Runs a transaction: commits everything on success, reverts
    /// everything on failure; the sender's nonce increments either way.
    ///
    /// An invalid transaction (a gas limit below the intrinsic cost, or a
    /// value above the sender's balance) returns a failed receipt with
    /// `gas_used` 0 and changes nothing, the nonce included: on chain such
    /// a transaction is rejected before inclusion.
    pub fn send(&mut self, tx: Tx) -> Receipt {
        self.execute(tx, Entry::Call, false)
    }

    /// A static call with [`DEFAULT_GAS`]: never changes state.
    pub fn view(&mut self, from: Address, to: Address, data: &[u8]) -> Receipt {
        let tx = Tx {
            from,
            to,
            value: U256::ZERO,
            data: data.to_vec(),
            gas_limit: DEFAULT_GAS,
        };
        self.execute(tx, Entry::Call, true)
    }

    fn execute(&mut self, tx: Tx, entry: Entry, view: bool) -> Receipt {
        let intrinsic = gas::intrinsic(&tx.data);
        if tx.gas_limit < intrinsic {
            return Receipt::rejected("invalid transaction: intrinsic gas too low");
        }
        if self.world.balance(tx.from) < tx.value {
            return Receipt::rejected("invalid transaction: insufficient funds for value");
        }
        let world = std::mem::take(&mut self.world);
        let mut state = TxState::new(world);
        let start = state.snapshot();
        let nonce = state.world.account(tx.from).map_or(0, |a| a.nonce);
        state.set_nonce(tx.from, nonce + 1);
        state.touch_account(tx.from);
        state.touch_account(tx.to);
        let shared = Shared(Arc::new(Mutex::new(Exec {
            state,
            block: self.block.clone(),
            origin: tx.from,
            stack: Vec::new(),
            open_pages: 0,
            ever_pages: 0,
            tally: InkTally::default(),
        })));

        let receipt = run_tx(&shared, &tx, entry, intrinsic, view);

        let mut exec = Arc::try_unwrap(shared.0)
            .ok()
            .expect("no frame outlives its transaction")
            .into_inner()
            .unwrap_or_else(|e| e.into_inner());
        if view {
            exec.state.revert_to(start);
        }
        self.world = exec.state.world;
        receipt
    }
}

/// The CREATE address: `keccak256(rlp([from, nonce]))[12..]`.
pub fn create_address(from: Address, nonce: u64) -> Address {
    let mut payload = vec![0x94];
    payload.extend_from_slice(from.as_slice());
    match nonce {
        0 => payload.push(0x80),
        1..=0x7f => payload.push(nonce as u8),
        _ => {
            let bytes = nonce.to_be_bytes();
            let skip = bytes.iter().take_while(|&&b| b == 0).count();
            payload.push(0x80 + (8 - skip) as u8);
            payload.extend_from_slice(&bytes[skip..]);
        }
    }
    let mut rlp = vec![0xc0 + payload.len() as u8];
    rlp.extend(payload);
    Address::from_slice(&keccak256(rlp)[12..])
}

fn run_tx(shared: &Shared, tx: &Tx, entry: Entry, intrinsic: u64, view: bool) -> Receipt {
    let snapshot = shared.lock().state.snapshot();
    let gas = tx.gas_limit - intrinsic;
    let outcome = {
        let mut exec = shared.lock();
        if let Entry::Deploy(program) = &entry {
            exec.state.set_code(tx.to, Some(program.clone()));
            exec.state.set_nonce(tx.to, 1);
        }
        let moved = exec.state.transfer(tx.from, tx.to, tx.value);
        assert!(moved, "the balance was checked before the transaction");
        exec.state.world.code(tx.to)
    };
    let outcome = match outcome {
        _ if precompile::is_precompile(tx.to) => {
            let outcome = precompile::run(tx.to, &tx.data, gas);
            let used = gas - outcome.gas_left;
            shared
                .lock()
                .tally
                .add(Part::Precompile, used * INK_PER_GAS);
            outcome
        }
        Some(program) => {
            let frame = Frame {
                caller: tx.from,
                address: tx.to,
                value: tx.value,
                input: tx.data.clone(),
                is_static: view,
                is_delegate: false,
                depth: 0,
            };
            engine::run(shared, &program, frame, gas)
        }
        None => Outcome {
            status: Status::Success,
            output: Vec::new(),
            gas_left: gas,
        },
    };
    let mut exec = shared.lock();
    let success = outcome.status == Status::Success;
    if !success {
        exec.state.revert_to(snapshot);
    }
    // EIP-3529: the refund counter (what is left of it after reverted
    // frames dropped theirs; nothing if the transaction failed), capped at
    // a fifth of the gas used, applied at the end of the transaction.
    let spent = tx.gas_limit - outcome.gas_left;
    let refund = gas::capped_refund(exec.state.refund(), spent);
    let gas_used = spent - refund;
    Receipt {
        success,
        output: outcome.output,
        gas_used,
        logs: if success {
            exec.state.logs.clone()
        } else {
            Vec::new()
        },
        gas: exec.tally.breakdown(intrinsic, refund),
    }
}
