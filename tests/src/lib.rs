//! Test doubles shared by the cross-contract motsu tests: a recording
//! stand-in for `reward_splitter`, a configurable ERC-20 and a wallet
//! contract that accepts native value (motsu aborts when value is sent to a
//! plain address, so native payouts go to a `Wallet`).
#![allow(missing_docs, clippy::missing_errors_doc)]
extern crate alloc;

use alloc::vec::Vec;

use alloy_primitives::{Address, U256};
use openzeppelin_stylus::token::erc20::{Erc20, IErc20};
use stylus_sdk::{
    prelude::*,
    storage::{StorageBool, StorageMap, StorageU256},
};

/// Records every call the registry makes into `reward_splitter`, with the
/// value it received, and can be told to revert.
#[storage]
pub struct SplitterDouble {
    contributor_weight: StorageMap<U256, StorageMap<Address, StorageU256>>,
    validator_shares: StorageMap<U256, StorageMap<Address, StorageU256>>,
    pool_funding: StorageMap<U256, StorageMap<Address, StorageU256>>,
    native_received: StorageU256,
    calls: StorageU256,
    fail: StorageBool,
}

unsafe impl TopLevelStorage for SplitterDouble {}

#[public]
impl SplitterDouble {
    pub fn add_contributor_weight(
        &mut self,
        datanet_id: U256,
        contributor: Address,
        weight: U256,
    ) -> Result<(), Vec<u8>> {
        self.check()?;
        let mut pool = self.contributor_weight.setter(datanet_id);
        let mut entry = pool.setter(contributor);
        let total = entry.get() + weight;
        entry.set(total);
        Ok(())
    }

    pub fn add_validator_share(
        &mut self,
        datanet_id: U256,
        validator: Address,
    ) -> Result<(), Vec<u8>> {
        self.check()?;
        let mut pool = self.validator_shares.setter(datanet_id);
        let mut entry = pool.setter(validator);
        let total = entry.get() + U256::from(1);
        entry.set(total);
        Ok(())
    }

    #[payable]
    pub fn fund_validator_pool(
        &mut self,
        datanet_id: U256,
        token: Address,
        amount: U256,
    ) -> Result<(), Vec<u8>> {
        self.check()?;
        let value = self.vm().msg_value();
        if token.is_zero() && value != amount {
            return Err(b"native amount differs from value".to_vec());
        }
        if !token.is_zero() && !value.is_zero() {
            return Err(b"value sent with an ERC-20 amount".to_vec());
        }
        let received = self.native_received.get() + value;
        self.native_received.set(received);
        let mut pool = self.pool_funding.setter(datanet_id);
        let mut entry = pool.setter(token);
        let total = entry.get() + amount;
        entry.set(total);
        Ok(())
    }

    pub fn set_fail(&mut self, fail: bool) {
        self.fail.set(fail);
    }

    pub fn contributor_weight(&self, datanet_id: U256, contributor: Address) -> U256 {
        self.contributor_weight.get(datanet_id).get(contributor)
    }

    pub fn validator_shares(&self, datanet_id: U256, validator: Address) -> U256 {
        self.validator_shares.get(datanet_id).get(validator)
    }

    pub fn pool_funding(&self, datanet_id: U256, token: Address) -> U256 {
        self.pool_funding.get(datanet_id).get(token)
    }

    pub fn native_received(&self) -> U256 {
        self.native_received.get()
    }

    /// Number of successful calls received.
    pub fn calls(&self) -> U256 {
        self.calls.get()
    }
}

impl SplitterDouble {
    fn check(&mut self) -> Result<(), Vec<u8>> {
        if self.fail.get() {
            return Err(b"splitter double told to fail".to_vec());
        }
        let calls = self.calls.get() + U256::from(1);
        self.calls.set(calls);
        Ok(())
    }
}

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
