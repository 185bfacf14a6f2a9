//! Storage work of `reward_splitter`'s fee routing, counted (issue #3).
//!
//! The claim to check: routing a fee costs the same storage work whether a
//! datanet's pool has 10 or 10,000 contributors, because crediting a pool
//! only bumps its reward per share. Wall time proves nothing about gas, and
//! motsu keeps the contract's storage to itself, so this crate brings its
//! own host: [`host`] defines every Stylus `vm_hooks` function over a
//! thread-local state and counts the storage loads, cache writes, slots,
//! logs and keccak calls each contract call makes. [`scenario`] drives the
//! real `RewardSplitter` code through it (the same Rust the Stylus program
//! is built from, calling the same host functions); [`gas`] turns the
//! counts into a labelled gas ESTIMATE; [`report`] prints the markdown
//! report kept in `docs/benchmarks/fee_routing_storage.md`.
//!
//! The host exports the same symbols as motsu: never link both.

pub mod gas;
pub mod host;
pub mod report;
pub mod scenario;
