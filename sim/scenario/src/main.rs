//! `seed-scenario [WASM_DIR]`: runs the seed scenario on the programs in
//! `WASM_DIR` (default `target/stylus`, where `cargo xtask build` writes
//! them), prints the report, and exits non-zero unless every payout and
//! every token's books reconcile to the wei.

use std::{path::PathBuf, process::ExitCode};

use alloy_primitives::U256;
use seed_scenario::{ledger::SCALE, run, Report};

fn main() -> ExitCode {
    let dir = std::env::args()
        .nth(1)
        .map_or_else(|| PathBuf::from("target/stylus"), PathBuf::from);
    match run(&dir) {
        Ok(report) => {
            print(&report);
            if report.reconciled() {
                println!("\nreconciled: every payout and every token's books, to the wei");
                ExitCode::SUCCESS
            } else {
                eprintln!("\nNOT RECONCILED: see the rows marked MISMATCH");
                ExitCode::FAILURE
            }
        }
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// `amount` wei as a decimal with 18 places, trailing zeros trimmed.
fn units(amount: U256) -> String {
    let scale = U256::from(SCALE);
    let (whole, frac) = (amount / scale, amount % scale);
    if frac.is_zero() {
        return whole.to_string();
    }
    let frac = format!("{:0>18}", frac.to_string());
    format!("{whole}.{}", frac.trim_end_matches('0'))
}

fn print(r: &Report) {
    println!("Seed scenario: Persian Poetry, in the in-process Stylus executor\n");
    println!("programs (processed wasm bytes):");
    for (name, bytes) in &r.sizes {
        println!("  {name:<18} {bytes:>7}");
    }
    println!("\n| #  | actor            | action                                                       |       gas |");
    println!("|----|------------------|--------------------------------------------------------------|-----------|");
    for (i, s) in r.steps.iter().enumerate() {
        println!(
            "| {:>2} | {:<16} | {:<60} | {:>9} |",
            i + 1,
            s.actor,
            s.action.chars().take(60).collect::<String>(),
            s.gas
        );
    }
    for note in &r.notes {
        println!("\n{note}");
    }
    println!("\nWho earned what (claimed, against SPEC's rules computed independently):\n");
    println!(
        "| account          | token |                claimed |               expected |        |"
    );
    println!(
        "|------------------|-------|------------------------|------------------------|--------|"
    );
    for p in &r.payouts {
        println!(
            "| {:<16} | {:<5} | {:>22} | {:>22} | {:<6} |",
            p.account,
            p.token,
            units(p.claimed),
            units(p.expected),
            if p.claimed == p.expected {
                "ok"
            } else {
                "MISMATCH"
            }
        );
    }
    println!("\nBooks of the splitter, per token (wei):\n");
    for b in &r.books {
        println!(
            "  {}: deposited {} = claimed {} + still held {} (dust {} scaled units) {}",
            b.token,
            b.deposited,
            b.claimed,
            b.held,
            b.dust_scaled,
            if b.deposited == b.claimed + b.held {
                "ok"
            } else {
                "MISMATCH"
            }
        );
    }
}
