//! Test doubles shared by the cross-contract motsu tests.
//!
//! Well-behaved:
//! - [`MockErc20`] with its switches off: a plain OpenZeppelin ERC-20 with
//!   open minting;
//! - [`Wallet`]: a contract account that accepts native value (motsu aborts
//!   when value is sent to a plain address, so native payouts go to a
//!   contract).
//!
//! Hostile (issue #5), each documented where it is defined:
//! 1. [`MockErc20::set_hook`]: an ERC-20 that calls a configured target with
//!    configured calldata from inside `transfer` or `transferFrom` (an
//!    ERC-777-style hook), to re-enter whoever called the token;
//! 2. [`ReentrantReceiver`]: an account that calls a configured target with
//!    configured calldata when it receives native value;
//! 3. [`NoReturnErc20`]: a token whose `transfer` and `transferFrom` return
//!    no data (USDT-style), optionally without moving anything, and
//!    [`MockErc20::set_return_false`]: one that returns `false`;
//! 4. [`MockErc20::set_fee_bps`]: a fee taken on `transferFrom`;
//! 5. [`RevertingReceiver`]: an account that reverts whenever it is sent
//!    native value.
//!
//! The two receivers can act as an account in any program through
//! `execute(target, calldata)`, which calls `target` as the receiver
//! (forwarding the call's value) and returns its return data, or reverts
//! with its revert data unchanged, so a test can match the typed error.
#![allow(missing_docs, clippy::missing_errors_doc)]
extern crate alloc;

use alloc::vec::Vec;

use alloy_primitives::{Address, U256};
use openzeppelin_stylus::token::erc20::{Erc20, IErc20};
use stylus_sdk::{
    abi::Bytes,
    prelude::*,
    storage::{StorageAddress, StorageBool, StorageBytes, StorageU256, StorageU8},
    stylus_core::calls::context::Call,
};

/// Hook on `transfer` ([`MockErc20::set_hook`]'s `on` bit).
pub const HOOK_TRANSFER: u8 = 1;
/// Hook on `transferFrom`.
pub const HOOK_TRANSFER_FROM: u8 = 2;

/// Calls `target` with `calldata` and `value` from the current contract:
/// the return data, or the callee's revert data unchanged.
fn call_out(
    host: &dyn stylus_sdk::stylus_core::Host,
    target: Address,
    calldata: &[u8],
    value: U256,
) -> Result<Vec<u8>, Vec<u8>> {
    host.call(&Call::new().value(value), target, calldata)
        .map_err(Vec::from)
}

/// What a hook's last call did: how many calls were made, whether the last
/// succeeded, and its return or revert data.
#[storage]
pub struct HookRecord {
    calls: StorageU256,
    last_ok: StorageBool,
    last_return: StorageBytes,
}

impl HookRecord {
    fn record(&mut self, result: &Result<Vec<u8>, Vec<u8>>) {
        self.calls.set(self.calls.get() + U256::from(1));
        self.last_ok.set(result.is_ok());
        match result {
            Ok(data) | Err(data) => self.last_return.set_bytes(data),
        }
    }

    fn view(&self) -> (U256, bool, Bytes) {
        (
            self.calls.get(),
            self.last_ok.get(),
            Bytes(self.last_return.get_bytes()),
        )
    }
}

/// An ERC-20 built on OpenZeppelin's, with minting and these misbehaviours
/// (all off by default):
///
/// - **fee on transfer** ([`Self::set_fee_bps`]): `transferFrom` burns
///   `fee_bps` of the amount, so the recipient gets less than asked;
/// - **returns false** ([`Self::set_return_false`]): `transfer` and
///   `transferFrom` move nothing and return `false`;
/// - **re-entrant hook** ([`Self::set_hook`]): once armed, the next
///   `transfer` and/or `transferFrom` calls a configured target with
///   configured calldata, before or after moving the tokens, then carries
///   on whatever that call did (its outcome is kept for
///   [`Self::hook_result`]). The hook fires once per arming, so a call it
///   makes back into the token does not fire it again. With `target` set
///   to a [`ReentrantReceiver`] and calldata `execute(program, call)`, the
///   re-entrant call comes from the account the token is paying or taking
///   from, as an ERC-777 `tokensReceived`/`tokensToSend` hook would.
#[storage]
pub struct MockErc20 {
    erc20: Erc20,
    fee_bps: StorageU256,
    return_false: StorageBool,
    hook_target: StorageAddress,
    hook_calldata: StorageBytes,
    hook_on: StorageU8,
    hook_before: StorageBool,
    hook_armed: StorageBool,
    hook: HookRecord,
}

unsafe impl TopLevelStorage for MockErc20 {}

impl MockErc20 {
    /// Fires the hook if it is armed for `kind` at this point (`before` or
    /// after the tokens move), disarming it first.
    fn maybe_hook(&mut self, kind: u8, before: bool) {
        if !self.hook_armed.get()
            || self.hook_on.get().to::<u8>() & kind == 0
            || self.hook_before.get() != before
        {
            return;
        }
        self.hook_armed.set(false);
        let target = self.hook_target.get();
        let calldata = self.hook_calldata.get_bytes();
        let result = call_out(self.vm(), target, &calldata, U256::ZERO);
        self.hook.record(&result);
    }
}

#[public]
impl MockErc20 {
    pub fn mint(&mut self, to: Address, amount: U256) -> Result<(), Vec<u8>> {
        self.erc20._mint(to, amount).map_err(Vec::from)
    }

    pub fn set_fee_bps(&mut self, fee_bps: U256) {
        self.fee_bps.set(fee_bps);
    }

    pub fn set_return_false(&mut self, return_false: bool) {
        self.return_false.set(return_false);
    }

    /// Arms the hook: the next `transfer` (`on & 1`) or `transferFrom`
    /// (`on & 2`) calls `target` with `calldata`, `before` or after moving
    /// the tokens.
    pub fn set_hook(&mut self, target: Address, calldata: Bytes, on: u8, before: bool) {
        self.hook_target.set(target);
        self.hook_calldata.set_bytes(&calldata.0);
        self.hook_on.set(alloy_primitives::U8::from(on));
        self.hook_before.set(before);
        self.hook_armed.set(true);
    }

    /// `(calls made by the hook, whether the last succeeded, its return or
    /// revert data)`.
    pub fn hook_result(&self) -> (U256, bool, Bytes) {
        self.hook.view()
    }

    pub fn balance_of(&self, account: Address) -> U256 {
        self.erc20.balance_of(account)
    }

    pub fn allowance(&self, owner: Address, spender: Address) -> U256 {
        self.erc20.allowance(owner, spender)
    }

    pub fn approve(&mut self, spender: Address, value: U256) -> Result<bool, Vec<u8>> {
        self.erc20.approve(spender, value).map_err(Vec::from)
    }

    pub fn transfer(&mut self, to: Address, value: U256) -> Result<bool, Vec<u8>> {
        if self.return_false.get() {
            return Ok(false);
        }
        self.maybe_hook(HOOK_TRANSFER, true);
        let done = self.erc20.transfer(to, value).map_err(Vec::from)?;
        self.maybe_hook(HOOK_TRANSFER, false);
        Ok(done)
    }

    pub fn transfer_from(
        &mut self,
        from: Address,
        to: Address,
        value: U256,
    ) -> Result<bool, Vec<u8>> {
        if self.return_false.get() {
            return Ok(false);
        }
        self.maybe_hook(HOOK_TRANSFER_FROM, true);
        let spender = self.vm().msg_sender();
        self.erc20
            ._spend_allowance(from, spender, value)
            .map_err(Vec::from)?;
        let fee = value * self.fee_bps.get() / U256::from(10_000);
        self.erc20
            ._update(from, to, value - fee)
            .map_err(Vec::from)?;
        if !fee.is_zero() {
            self.erc20
                ._update(from, Address::ZERO, fee)
                .map_err(Vec::from)?;
        }
        self.maybe_hook(HOOK_TRANSFER_FROM, false);
        Ok(true)
    }
}

/// An ERC-20 whose `transfer` and `transferFrom` return no data at all
/// (as USDT and other pre-standard tokens do). With [`Self::set_silent`]
/// they also move nothing while still returning no data and not reverting:
/// a broken token that no return-value check can tell from a working one.
#[storage]
pub struct NoReturnErc20 {
    erc20: Erc20,
    silent: StorageBool,
}

unsafe impl TopLevelStorage for NoReturnErc20 {}

#[public]
impl NoReturnErc20 {
    pub fn mint(&mut self, to: Address, amount: U256) -> Result<(), Vec<u8>> {
        self.erc20._mint(to, amount).map_err(Vec::from)
    }

    /// When set, transfers neither move tokens nor revert.
    pub fn set_silent(&mut self, silent: bool) {
        self.silent.set(silent);
    }

    pub fn balance_of(&self, account: Address) -> U256 {
        self.erc20.balance_of(account)
    }

    pub fn approve(&mut self, spender: Address, value: U256) -> Result<bool, Vec<u8>> {
        self.erc20.approve(spender, value).map_err(Vec::from)
    }

    /// Moves `value` to `to`; returns nothing.
    pub fn transfer(&mut self, to: Address, value: U256) -> Result<(), Vec<u8>> {
        if self.silent.get() {
            return Ok(());
        }
        self.erc20.transfer(to, value).map_err(Vec::from)?;
        Ok(())
    }

    /// Moves `value` from `from` to `to` on the caller's allowance; returns
    /// nothing.
    pub fn transfer_from(
        &mut self,
        from: Address,
        to: Address,
        value: U256,
    ) -> Result<(), Vec<u8>> {
        if self.silent.get() {
            return Ok(());
        }
        self.erc20
            .transfer_from(from, to, value)
            .map_err(Vec::from)?;
        Ok(())
    }
}

/// A contract account that accepts native value, standing in for a user's
/// wallet wherever a test pays out native tokens.
#[storage]
pub struct Wallet;

unsafe impl TopLevelStorage for Wallet {}

#[public]
impl Wallet {
    #[receive]
    pub fn receive(&mut self) -> Result<(), Vec<u8>> {
        Ok(())
    }
}

/// An account that re-enters when it is paid native value: once armed
/// with [`Self::set_reentry`], each of the next `times` receipts calls
/// `target` with `calldata` (no value) from its `receive`, records the
/// outcome ([`Self::reentry_result`]) and accepts the payment whatever the
/// re-entrant call did, so the outer payout can complete and the test can
/// see what the re-entry achieved. It acts as an account through
/// [`Self::execute`].
#[storage]
pub struct ReentrantReceiver {
    target: StorageAddress,
    calldata: StorageBytes,
    times: StorageU256,
    received: StorageU256,
    reentry: HookRecord,
}

unsafe impl TopLevelStorage for ReentrantReceiver {}

#[public]
impl ReentrantReceiver {
    /// Calls `target` with `calldata` as this account, forwarding the
    /// call's value; returns the return data or reverts with the callee's
    /// revert data.
    #[payable]
    pub fn execute(&mut self, target: Address, calldata: Bytes) -> Result<Bytes, Vec<u8>> {
        let value = self.vm().msg_value();
        call_out(self.vm(), target, &calldata.0, value).map(Bytes)
    }

    /// Re-enters `target` with `calldata` on each of the next `times`
    /// native receipts.
    pub fn set_reentry(&mut self, target: Address, calldata: Bytes, times: U256) {
        self.target.set(target);
        self.calldata.set_bytes(&calldata.0);
        self.times.set(times);
    }

    /// `(re-entrant calls made, whether the last succeeded, its return or
    /// revert data)`.
    pub fn reentry_result(&self) -> (U256, bool, Bytes) {
        self.reentry.view()
    }

    /// Native value received through `receive`, ever.
    pub fn received(&self) -> U256 {
        self.received.get()
    }

    #[receive]
    pub fn receive(&mut self) -> Result<(), Vec<u8>> {
        let value = self.vm().msg_value();
        self.received.set(self.received.get() + value);
        let times = self.times.get();
        if times.is_zero() {
            return Ok(());
        }
        self.times.set(times - U256::from(1));
        let target = self.target.get();
        let calldata = self.calldata.get_bytes();
        let result = call_out(self.vm(), target, &calldata, U256::ZERO);
        self.reentry.record(&result);
        Ok(())
    }
}

/// Revert data of [`RevertingReceiver`]'s `receive`.
pub const REJECTED: &[u8] = b"RevertingReceiver: no native value";

/// An account that reverts (with [`REJECTED`]) whenever it is sent native
/// value, like a contract without a payable `receive`. It acts as an
/// account through [`Self::execute`].
#[storage]
pub struct RevertingReceiver;

unsafe impl TopLevelStorage for RevertingReceiver {}

#[public]
impl RevertingReceiver {
    /// Calls `target` with `calldata` as this account, forwarding the
    /// call's value; returns the return data or reverts with the callee's
    /// revert data.
    #[payable]
    pub fn execute(&mut self, target: Address, calldata: Bytes) -> Result<Bytes, Vec<u8>> {
        let value = self.vm().msg_value();
        call_out(self.vm(), target, &calldata.0, value).map(Bytes)
    }

    #[receive]
    pub fn receive(&mut self) -> Result<(), Vec<u8>> {
        Err(REJECTED.to_vec())
    }
}
