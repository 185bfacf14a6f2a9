//! `deploy`: the deployment CLI and one subcommand per user action
//! (`src/cli.rs`). Deployment is `--dry-run` only.

use anyhow::{bail, ensure, Context, Result};
use clap::Parser;
use stylus_deploy::{
    actions::{self, Target},
    cli::{Cli, Command},
    config::{write_json, DeployConfig},
    plan,
    process::{self, PROGRAMS},
    send,
};

fn main() -> Result<()> {
    let cli = Cli::parse();
    match &cli.command {
        Command::Deploy { out, artifacts } => {
            let config = cli
                .common
                .config
                .as_ref()
                .context("deploy needs --config deploy/config/<chainId>.json")?;
            let cfg = DeployConfig::load(config)?;
            let artifacts = artifacts
                .clone()
                .unwrap_or_else(process::default_artifacts_dir);
            if !cli.common.dry_run {
                // TODO(#7): send the plan (keystore file or env-var key,
                // nonce check, data-fee estimate, receipts checked against
                // the predicted addresses, deployments/<chainId>.json).
                bail!("sending is not yet implemented; use --dry-run");
            }
            let out = out.clone().unwrap_or_else(|| {
                process::repo_root()
                    .join("deploy")
                    .join("out")
                    .join(cfg.chain_id.to_string())
            });
            dry_run_deploy(&cfg, &artifacts, &out)
        }
        cmd => {
            let target = Target::load(&cli.common)?;
            let calls = actions::build(cmd, &target.ctx)?;
            if cli.common.dry_run {
                for call in &calls {
                    print!("{}", actions::describe(call));
                }
                return Ok(());
            }
            send::run(&cli.common, &target, &calls)
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
