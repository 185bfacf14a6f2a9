//! `cargo xtask`: build, size-check and ABI tooling for the Stylus programs.
//!
//! * `cargo xtask build [--program <lib>] [--skip-build]`: release wasm of each
//!   deployable program (and of the scenario's test programs), optimized and
//!   checked against nitro's rules and the code-size limit; prints a size
//!   table.
//! * `cargo xtask abi [--program <lib>] [--check]`: regenerates (or verifies)
//!   `abi/<lib>.sol` and `abi/<lib>.json`.
//!
//! Needs `npm ci` first (pinned binaryen and solc-js). See README.md.

mod abi;
mod build;
mod programs;
mod sol_events;
mod stylus_code;
mod wasm_checks;
mod workspace;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "cargo xtask",
    about = "Build, size-check and ABI tooling for the Stylus programs"
)]
struct Cli {
    #[command(subcommand)]
    command: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Build the deployable programs, optimize them and check them as the chain will.
    Build {
        /// Only this program (lib name such as `datanet_registry`, or package name).
        #[arg(long, value_name = "LIB")]
        program: Option<String>,
        /// Reuse the wasm cargo built last time instead of running `cargo build`.
        #[arg(long)]
        skip_build: bool,
    },
    /// Regenerate abi/<lib>.sol and abi/<lib>.json (Solidity interface and JSON ABI).
    Abi {
        /// Only this program (lib name or package name).
        #[arg(long, value_name = "LIB")]
        program: Option<String>,
        /// Fail if the committed files differ from freshly generated ones.
        #[arg(long)]
        check: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Cmd::Build {
            program,
            skip_build,
        } => programs::select(program.as_deref(), true).and_then(|programs| {
            build::run(&build::BuildOptions {
                programs,
                skip_build,
            })
        }),
        Cmd::Abi { program, check } => programs::select(program.as_deref(), false)
            .and_then(|programs| abi::run(&programs, check)),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}
