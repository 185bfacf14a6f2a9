//! `test_token`: a plain ERC-20 for the in-process scenario (issue #6), so
//! that payments and stakes in a token run through a real wasm program like
//! any other. It is OpenZeppelin's `Erc20` with one addition, `mint`, open
//! to anyone: a test faucet, never to be deployed on a real chain.
#![cfg_attr(not(test), no_main)]
extern crate alloc;

use alloc::vec::Vec;

use alloy_primitives::{Address, U256};
use openzeppelin_stylus::token::erc20::{Erc20, IErc20};
use stylus_sdk::prelude::*;

/// The token's state: OpenZeppelin's ERC-20 storage.
#[entrypoint]
#[storage]
pub struct TestToken {
    erc20: Erc20,
}

#[public]
impl TestToken {
    /// Nothing to set up: the supply starts at zero.
    #[constructor]
    pub fn constructor(&mut self) {}

    /// Creates `amount` tokens for `to` (anyone may: a test faucet).
    ///
    /// # Errors
    /// OpenZeppelin's `ERC20InvalidReceiver` for the zero address.
    pub fn mint(&mut self, to: Address, amount: U256) -> Result<(), Vec<u8>> {
        self.erc20._mint(to, amount).map_err(Vec::from)
    }

    /// Total supply.
    pub fn total_supply(&self) -> U256 {
        self.erc20.total_supply()
    }

    /// `account`'s balance.
    pub fn balance_of(&self, account: Address) -> U256 {
        self.erc20.balance_of(account)
    }

    /// What `spender` may still take from `owner`.
    pub fn allowance(&self, owner: Address, spender: Address) -> U256 {
        self.erc20.allowance(owner, spender)
    }

    /// Lets `spender` take up to `value` of the caller's tokens.
    ///
    /// # Errors
    /// OpenZeppelin's `ERC20InvalidSpender`.
    pub fn approve(&mut self, spender: Address, value: U256) -> Result<bool, Vec<u8>> {
        self.erc20.approve(spender, value).map_err(Vec::from)
    }

    /// Moves `value` of the caller's tokens to `to`.
    ///
    /// # Errors
    /// OpenZeppelin's `ERC20InsufficientBalance`, `ERC20InvalidReceiver`.
    pub fn transfer(&mut self, to: Address, value: U256) -> Result<bool, Vec<u8>> {
        self.erc20.transfer(to, value).map_err(Vec::from)
    }

    /// Moves `value` of `from`'s tokens to `to`, within the caller's
    /// allowance.
    ///
    /// # Errors
    /// OpenZeppelin's `ERC20InsufficientAllowance`,
    /// `ERC20InsufficientBalance`, `ERC20InvalidReceiver`.
    pub fn transfer_from(
        &mut self,
        from: Address,
        to: Address,
        value: U256,
    ) -> Result<bool, Vec<u8>> {
        self.erc20.transfer_from(from, to, value).map_err(Vec::from)
    }
}
