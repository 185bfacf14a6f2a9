//! `cargo xtask`: build, size-check and ABI tooling for the Stylus programs.
//!
//! * `cargo xtask build [--program <lib>] [--skip-build]`: release wasm of each
//!   deployable program (and of the scenario's test programs), optimized and
//!   checked against nitro's rules and the code-size limit; prints a size
//!   table.
//! * `cargo xtask abi [--program <lib>] [--check]`: regenerates (or verifies)
//!   `abi/<lib>.sol` and `abi/<lib>.json`.
//! * `cargo xtask scenario [--skip-build]`: the main job. Builds every
//!   program as `build` does (size table included), then runs the seed
//!   scenario on them in the in-process executor (`sim/scenario`).
//! * `cargo xtask test`: all tests. Builds every program as `build` does,
//!   then runs `cargo test --workspace` with the built programs required
//!   (`STYLUS_WASM_DIR`, `STYLUS_WASM_REQUIRED`), so the executor's tests
//!   on the wasm programs run instead of skipping.
//! * `cargo xtask gas [--check]`: builds every program, measures gas per
//!   user action and fee routing with 10 to 10,000 contributors, and writes
//!   `docs/benchmarks/gas.md` (or fails, with a diff, if it changed).
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
    /// Build every program, then run the seed scenario on them in the in-process executor.
    Scenario {
        /// Reuse the wasm cargo built last time instead of running `cargo build`.
        #[arg(long)]
        skip_build: bool,
    },
    /// Build every program, then run all tests (`cargo test --workspace`) with them.
    Test,
    /// Build every program, measure gas, and write docs/benchmarks/gas.md.
    Gas {
        /// Fail if the committed report differs from a fresh measurement.
        #[arg(long)]
        check: bool,
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

/// Runs the seed scenario on the programs `build` wrote.
fn scenario() -> anyhow::Result<()> {
    let root = workspace::root();
    let wasm_dir = wasm_dir(&root);
    eprintln!(
        "==> seed scenario on {}",
        workspace::rel(&root, &wasm_dir).to_string_lossy()
    );
    workspace::run(
        workspace::cargo(&root)
            .args(["run", "-q", "--locked", "-p", "seed-scenario", "--"])
            .arg(&wasm_dir),
    )
}

/// `cargo test --workspace`, requiring the programs `build` wrote.
fn test() -> anyhow::Result<()> {
    let root = workspace::root();
    let wasm_dir = wasm_dir(&root);
    eprintln!(
        "==> cargo test --workspace (programs from {})",
        wasm_dir.display()
    );
    workspace::run(
        workspace::cargo(&root)
            .args(["test", "--workspace", "--locked"])
            .env("STYLUS_WASM_DIR", &wasm_dir)
            .env("STYLUS_WASM_REQUIRED", "1"),
    )
}

/// Measures gas on the programs `build` wrote and writes (or checks) the
/// committed report.
fn gas(check: bool) -> anyhow::Result<()> {
    let root = workspace::root();
    let wasm_dir = wasm_dir(&root);
    let committed = root.join("docs/benchmarks/gas.md");
    let fresh = wasm_dir.join("gas.md");
    workspace::run(
        workspace::cargo(&root)
            .args([
                "run",
                "-q",
                "--locked",
                "-p",
                "seed-scenario",
                "--bin",
                "gas-report",
                "--",
            ])
            .arg(&wasm_dir)
            .arg("--write")
            .arg(&fresh),
    )?;
    let text = std::fs::read_to_string(&fresh)?;
    if check {
        let old = std::fs::read_to_string(&committed).unwrap_or_default();
        if old != text {
            anyhow::bail!(
                "docs/benchmarks/gas.md is stale: run `cargo xtask gas` and commit it. Fresh \
                 report: {}",
                fresh.display()
            );
        }
        eprintln!("docs/benchmarks/gas.md is up to date.");
    } else {
        std::fs::write(&committed, text)?;
        eprintln!("wrote docs/benchmarks/gas.md");
    }
    Ok(())
}

/// Builds the programs `filter` names (all, with the test programs, when
/// `None`), as `cargo xtask build` does.
fn build_programs(filter: Option<&str>, skip_build: bool) -> anyhow::Result<()> {
    let programs = programs::select(filter, true)?;
    build::run(&build::BuildOptions {
        programs,
        skip_build,
    })
}

/// Where `build` writes the final programs.
fn wasm_dir(root: &std::path::Path) -> std::path::PathBuf {
    workspace::target_dir(root).join("stylus")
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Cmd::Build {
            program,
            skip_build,
        } => build_programs(program.as_deref(), skip_build),
        Cmd::Scenario { skip_build } => build_programs(None, skip_build).and_then(|()| scenario()),
        Cmd::Test => build_programs(None, false).and_then(|()| test()),
        Cmd::Gas { check } => build_programs(None, false).and_then(|()| gas(check)),
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
