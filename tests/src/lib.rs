//! Test doubles shared by the cross-contract motsu tests: a configurable
//! ERC-20 and a wallet contract that accepts native value (motsu aborts when
//! value is sent to a plain address, so native payouts go to a `Wallet`).
#![allow(missing_docs, clippy::missing_errors_doc)]
extern crate alloc;

use alloc::vec::Vec;

use alloy_primitives::{Address, U256};
use openzeppelin_stylus::token::erc20::{Erc20, IErc20};
use stylus_sdk::{
    prelude::*,
    storage::{StorageBool, StorageU256},
};

/// An ERC-20 built on OpenZeppelin's, with minting and two misbehaviours:
/// a fee taken on `transferFrom` (fee-on-transfer) and `false` returned
/// from transfers without moving anything.
#[storage]
pub struct MockErc20 {
    erc20: Erc20,
    fee_bps: StorageU256,
    return_false: StorageBool,
}

unsafe impl TopLevelStorage for MockErc20 {}

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
        self.erc20.transfer(to, value).map_err(Vec::from)
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
        Ok(true)
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
