//! Host tooling for the four Stylus programs (work in progress, #7).

pub mod bindings;
pub mod config;
pub mod process;
