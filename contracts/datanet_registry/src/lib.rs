//! `datanet_registry`: which datanets trained which model version, and influence-datanet_registry epochs.
//!
//! Scaffold only: this program holds its admin and nothing else yet. Its
//! behaviour is specified in SPEC.md ("datanet_registry") and is built by issue #2.
#![cfg_attr(not(any(test, feature = "export-abi")), no_main)]
extern crate alloc;

use alloy_primitives::Address;
use stylus_sdk::{prelude::*, storage::StorageAddress};

/// State of the DatanetRegistry program.
#[entrypoint]
#[storage]
pub struct DatanetRegistry {
    /// Account that deployed and administers the program.
    admin: StorageAddress,
}

#[public]
impl DatanetRegistry {
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
