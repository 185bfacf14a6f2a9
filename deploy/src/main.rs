//! `deploy`: the deployment CLI. Only `--dry-run` is implemented.

use std::path::PathBuf;

use anyhow::{bail, ensure, Context, Result};
use clap::{Parser, Subcommand};
use stylus_deploy::{
    config::{write_json, DeployConfig},
    plan,
    process::{self, PROGRAMS},
};

#[derive(Parser)]
#[command(
    name = "deploy",
    about = "Deploys, activates and wires the Stylus programs"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Deploy, activate, construct and wire the four programs.
    Deploy {
        /// Inputs: `deploy/config/<chainId>.json`.
        #[arg(long)]
        config: PathBuf,
        /// Write the deployable code and the planned transactions; send
        /// nothing.
        #[arg(long)]
        dry_run: bool,
        /// Output directory of `--dry-run` (default:
        /// `deploy/out/<chainId>`).
        #[arg(long)]
        out: Option<PathBuf>,
        /// Directory with `cargo xtask build`'s `<lib>.wasm` and `sizes.json`
        /// (default: `$STYLUS_ARTIFACTS`, else `$CARGO_TARGET_DIR/stylus`,
        /// else `<repo>/target/stylus`).
        #[arg(long)]
        artifacts: Option<PathBuf>,
    },
}

fn main() -> Result<()> {
    match Cli::parse().command {
        Command::Deploy {
            config,
            dry_run,
            out,
            artifacts,
        } => {
            let cfg = DeployConfig::load(&config)?;
            let artifacts = artifacts.unwrap_or_else(process::default_artifacts_dir);
            if !dry_run {
                // TODO(#7): send the plan (keystore file or env-var key,
                // nonce check, data-fee estimate, receipts checked against
                // the predicted addresses, deployments/<chainId>.json).
                bail!("sending is not yet implemented; use --dry-run");
            }
            let out = out.unwrap_or_else(|| {
                process::repo_root()
                    .join("deploy")
                    .join("out")
                    .join(cfg.chain_id.to_string())
            });
            dry_run_deploy(&cfg, &artifacts, &out)
        }
    }
}

fn dry_run_deploy(
    cfg: &DeployConfig,
    artifacts: &std::path::Path,
    out: &std::path::Path,
) -> Result<()> {
    let programs = PROGRAMS
        .iter()
        .map(|lib| process::process_program(artifacts, lib))
        .collect::<Result<Vec<_>>>()?;
    // The size table is optional here (the tests require it); when present,
    // every figure must match.
    if let Ok(sizes) = process::read_sizes(artifacts) {
        for p in &programs {
            if let Some(&expected) = sizes.get(&p.lib) {
                ensure!(
                    p.deployed.len() == expected,
                    "{}: deployed code is {} bytes, sizes.json says {expected}",
                    p.lib,
                    p.deployed.len()
                );
            }
        }
    }
    let plan = plan::build(cfg, &programs)?;
    std::fs::create_dir_all(out).with_context(|| format!("creating {}", out.display()))?;
    for p in &programs {
        std::fs::write(
            out.join(plan::deployed_file(&p.lib)),
            process::to_hex(&p.deployed) + "\n",
        )?;
        std::fs::write(
            out.join(plan::initcode_file(&p.lib)),
            process::to_hex(&p.initcode) + "\n",
        )?;
    }
    write_json(&out.join("plan.json"), &plan)?;
    for p in &programs {
        let planned = &plan.programs[&p.lib];
        println!(
            "{:<17} {:>6} deployed bytes  at {} (nonce {})",
            p.lib,
            p.deployed.len(),
            planned.address,
            planned.create_nonce
        );
    }
    println!(
        "{} transactions planned; wrote {}",
        plan.transactions.len(),
        out.display()
    );
    Ok(())
}
