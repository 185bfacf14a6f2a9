//! Compact ABI encoding, calldata decoding, method routing and safe ERC-20
//! calls shared by the Stylus programs of this workspace.
//!
//! Code size is the binding constraint of a Stylus program (24 KiB
//! compressed). alloy's encoders and the SDK's router are generic, so each
//! error, event and method gets its own copy of encoding and decoding code.
//! These routines do the same work once per program. No public crate offers
//! this (stylus-sdk generates the per-type code; OpenZeppelin uses it), so it
//! is written here; each program's tests check it against alloy.
#![no_std]
extern crate alloc;

mod args;
pub mod erc20;
pub mod router;
#[cfg(feature = "testing")]
pub mod testing;
mod words;

pub use args::Args;
pub use words::*;
