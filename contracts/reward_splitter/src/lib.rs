//! `reward_splitter`: fee routing with pro-rata reward-per-share accounting and pull claims.
//!
//! Scaffold only: this program holds its admin and nothing else yet. Its
//! behaviour is specified in SPEC.md ("reward_splitter") and is built by issue #3.
#![cfg_attr(not(any(test, feature = "export-abi")), no_main)]
extern crate alloc;

use alloy_primitives::Address;
use stylus_sdk::{prelude::*, storage::StorageAddress};

/// State of the RewardSplitter program.
#[entrypoint]
#[storage]
pub struct RewardSplitter {
    /// Account that deployed and administers the program.
    admin: StorageAddress,
}

#[public]
impl RewardSplitter {
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
