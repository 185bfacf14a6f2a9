//! Accounts, and the transaction-scoped journal that makes nested reverts
//! possible.
//!
//! [`World`] is the committed state: balances, nonces, code and storage.
//! During a transaction every change goes through [`TxState`], which records
//! the previous value in a journal; [`TxState::snapshot`] is a journal
//! position and [`TxState::revert_to`] undoes everything after it, including
//! logs and EIP-2929 warm marks (as the EVM does).

use std::{
    collections::{HashMap, HashSet},
    sync::Arc,
};

use alloy_primitives::{Address, B256, U256};

use crate::{engine::Program, Log};

/// One account.
#[derive(Clone, Default)]
pub struct Account {
    /// Native balance in wei.
    pub balance: U256,
    /// Transactions sent (EOA) or 1 for a contract.
    pub nonce: u64,
    /// The program installed here, if any.
    pub code: Option<Arc<Program>>,
    /// Non-zero storage slots.
    pub storage: HashMap<B256, B256>,
}

impl Account {
    /// EIP-161 emptiness: no code, no nonce, no balance.
    pub fn is_empty(&self) -> bool {
        self.code.is_none() && self.nonce == 0 && self.balance.is_zero()
    }
}

/// Every account.
#[derive(Clone, Default)]
pub struct World {
    /// Accounts by address; a missing one is empty.
    pub accounts: HashMap<Address, Account>,
}

impl World {
    /// The account at `address` (empty if missing).
    pub fn account(&self, address: Address) -> Option<&Account> {
        self.accounts.get(&address)
    }

    /// A storage slot (zero if unset).
    pub fn storage(&self, address: Address, slot: B256) -> B256 {
        self.accounts
            .get(&address)
            .and_then(|a| a.storage.get(&slot).copied())
            .unwrap_or_default()
    }

    /// A balance.
    pub fn balance(&self, address: Address) -> U256 {
        self.accounts
            .get(&address)
            .map(|a| a.balance)
            .unwrap_or_default()
    }

    /// Code installed at `address`.
    pub fn code(&self, address: Address) -> Option<Arc<Program>> {
        self.accounts.get(&address).and_then(|a| a.code.clone())
    }
}

/// One undoable change.
enum Entry {
    Balance(Address, U256),
    Nonce(Address, u64),
    Code(Address, Option<Arc<Program>>),
    Storage(Address, B256, B256),
    WarmAccount(Address),
    WarmSlot(Address, B256),
    Log,
    Refund(u64),
}

/// A journal position.
#[derive(Clone, Copy, Debug)]
pub struct Snapshot(usize);

/// The state of a running transaction.
pub struct TxState {
    /// Current state (committed + this transaction's changes).
    pub world: World,
    journal: Vec<Entry>,
    /// Slot values at the start of the transaction (EIP-2200 "original").
    originals: HashMap<(Address, B256), B256>,
    warm_accounts: HashSet<Address>,
    warm_slots: HashSet<(Address, B256)>,
    /// Logs emitted so far.
    pub logs: Vec<Log>,
    /// The EIP-2200/3529 refund counter (journaled: a reverted frame drops
    /// the refunds it earned).
    refund: u64,
}

impl TxState {
    /// Starts a transaction over `world`.
    pub fn new(world: World) -> Self {
        Self {
            world,
            journal: Vec::new(),
            originals: HashMap::new(),
            warm_accounts: HashSet::new(),
            warm_slots: HashSet::new(),
            logs: Vec::new(),
            refund: 0,
        }
    }

    /// The current journal position.
    pub fn snapshot(&self) -> Snapshot {
        Snapshot(self.journal.len())
    }

    /// Undoes every change made after `snapshot`.
    pub fn revert_to(&mut self, snapshot: Snapshot) {
        while self.journal.len() > snapshot.0 {
            let entry = self.journal.pop().expect("journal entry");
            match entry {
                Entry::Balance(a, v) => self.world.accounts.entry(a).or_default().balance = v,
                Entry::Nonce(a, v) => self.world.accounts.entry(a).or_default().nonce = v,
                Entry::Code(a, v) => self.world.accounts.entry(a).or_default().code = v,
                Entry::Storage(a, k, v) => set_slot(&mut self.world, a, k, v),
                Entry::WarmAccount(a) => {
                    self.warm_accounts.remove(&a);
                }
                Entry::WarmSlot(a, k) => {
                    self.warm_slots.remove(&(a, k));
                }
                Entry::Log => {
                    self.logs.pop();
                }
                Entry::Refund(v) => self.refund = v,
            }
        }
    }

    /// The refund counter.
    pub fn refund(&self) -> u64 {
        self.refund
    }

    /// Adds `delta` (which may be negative) to the refund counter.
    pub fn add_refund(&mut self, delta: i64) {
        if delta == 0 {
            return;
        }
        self.journal.push(Entry::Refund(self.refund));
        self.refund = self.refund.saturating_add_signed(delta);
    }

    /// Marks `address` warm; returns whether it was cold. Precompiles are
    /// always warm (EIP-2929 puts them in every access list).
    pub fn touch_account(&mut self, address: Address) -> bool {
        if crate::precompile::is_precompile(address) {
            return false;
        }
        let cold = self.warm_accounts.insert(address);
        if cold {
            self.journal.push(Entry::WarmAccount(address));
        }
        cold
    }

    /// Marks a slot warm; returns whether it was cold.
    pub fn touch_slot(&mut self, address: Address, slot: B256) -> bool {
        let cold = self.warm_slots.insert((address, slot));
        if cold {
            self.journal.push(Entry::WarmSlot(address, slot));
        }
        cold
    }

    /// Whether a slot is warm.
    pub fn slot_is_warm(&self, address: Address, slot: B256) -> bool {
        self.warm_slots.contains(&(address, slot))
    }

    /// The slot's value at the start of the transaction.
    pub fn original(&mut self, address: Address, slot: B256) -> B256 {
        let current = self.world.storage(address, slot);
        *self.originals.entry((address, slot)).or_insert(current)
    }

    /// Writes a slot.
    pub fn set_storage(&mut self, address: Address, slot: B256, value: B256) {
        self.original(address, slot);
        let old = self.world.storage(address, slot);
        self.journal.push(Entry::Storage(address, slot, old));
        set_slot(&mut self.world, address, slot, value);
    }

    /// Sets a balance.
    pub fn set_balance(&mut self, address: Address, value: U256) {
        let account = self.world.accounts.entry(address).or_default();
        self.journal.push(Entry::Balance(address, account.balance));
        account.balance = value;
    }

    /// Sets a nonce.
    pub fn set_nonce(&mut self, address: Address, value: u64) {
        let account = self.world.accounts.entry(address).or_default();
        self.journal.push(Entry::Nonce(address, account.nonce));
        account.nonce = value;
    }

    /// Installs (or removes) code.
    pub fn set_code(&mut self, address: Address, code: Option<Arc<Program>>) {
        let account = self.world.accounts.entry(address).or_default();
        let old = std::mem::replace(&mut account.code, code);
        self.journal.push(Entry::Code(address, old));
    }

    /// Moves `value` from `from` to `to`; `false` (and no change) if `from`
    /// holds too little.
    pub fn transfer(&mut self, from: Address, to: Address, value: U256) -> bool {
        if value.is_zero() {
            return true;
        }
        let balance = self.world.balance(from);
        if balance < value {
            return false;
        }
        self.set_balance(from, balance - value);
        let to_balance = self.world.balance(to);
        self.set_balance(to, to_balance + value);
        true
    }

    /// Appends a log.
    pub fn push_log(&mut self, log: Log) {
        self.logs.push(log);
        self.journal.push(Entry::Log);
    }
}

fn set_slot(world: &mut World, address: Address, slot: B256, value: B256) {
    let storage = &mut world.accounts.entry(address).or_default().storage;
    if value.is_zero() {
        storage.remove(&slot);
    } else {
        storage.insert(slot, value);
    }
}
