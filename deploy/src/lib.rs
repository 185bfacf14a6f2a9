//! Host tooling for the four Stylus programs: typed bindings from the
//! committed ABIs, processing of `cargo xtask build`'s wasm into deployed
//! code and init code, the config and deployments files, and the offline
//! deployment plan. See `README.md` for what is not implemented yet.

pub mod actions;
pub mod bindings;
pub mod cli;
pub mod config;
pub mod plan;
pub mod process;
pub mod send;
