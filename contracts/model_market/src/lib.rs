//! `model_market`: model listings, versions, prices and pay-per-inference.
//!
//! Scaffold only: this program holds its admin and nothing else yet. Its
//! behaviour is specified in SPEC.md ("model_market") and is built by issue #4.
#![cfg_attr(not(any(test, feature = "export-abi")), no_main)]
extern crate alloc;

use alloy_primitives::Address;
use stylus_sdk::{prelude::*, storage::StorageAddress};

/// State of the ModelMarket program.
#[entrypoint]
#[storage]
pub struct ModelMarket {
    /// Account that deployed and administers the program.
    admin: StorageAddress,
}

#[public]
impl ModelMarket {
    /// Records the administrator.
    #[constructor]
    pub fn constructor(&mut self, admin: Address) {
        self.admin.set(admin);
    }

    /// The administrator set at deployment.
    pub fn admin(&self) -> Address {
        self.admin.get()
    }
}
