//! `gas-report [WASM_DIR] [--write FILE]`: gas of every user action (from
//! the seed scenario) and of fee routing with 10, 1,000 and 10,000
//! contributors, measured in the in-process executor. Prints a Markdown
//! report (or writes it to FILE, which the repo keeps as
//! `docs/benchmarks/gas.md` so that regressions show in diffs) and exits
//! non-zero if routing with 10,000 contributors costs more than 2% above
//! routing with 10.

use std::{
    path::{Path, PathBuf},
    process::ExitCode,
};

use anyhow::{Context, Result};
use seed_scenario::{gas::fee_routing, run};

fn report(dir: &Path) -> Result<(String, bool)> {
    let scenario = run(dir)?;
    let splitter = std::fs::read(dir.join("reward_splitter.wasm"))
        .context("reading reward_splitter.wasm (run `cargo xtask build` first)")?;
    let mut out = String::new();
    out.push_str("# Gas, measured in the in-process executor\n\n");
    out.push_str(
        "Written by `cargo xtask gas` (`sim/scenario/src/bin/gas-report.rs`) on the \
         programs `cargo xtask build` makes. Gas is the executor's model of nitro's \
         (`sim/README.md` says what it simplifies): transaction base and calldata, \
         WASM ink, hostio ink, EVM storage, call and log costs, program init and \
         memory. It is L2 execution gas only: no L1 (poster) gas. A deployment row is \
         the constructor call only: the code deposit and activation through ArbWasm \
         (several million gas and a data fee for programs of this size) are not \
         modelled.\n\n## Every user action of the seed scenario\n\n",
    );
    out.push_str("| # | actor | action | gas |\n|---:|---|---|---:|\n");
    for (i, s) in scenario.steps.iter().enumerate() {
        out.push_str(&format!(
            "| {} | {} | {} | {} |\n",
            i + 1,
            s.actor,
            s.action,
            s.gas
        ));
    }
    out.push_str(
        "\n## Fee routing against the number of contributors\n\n\
         One datanet; `N` contributors with weights 1 to 100; the market routes a \
         native fee of 0.001 ETH (60/30/10 after a 5% protocol fee).\n\n\
         | contributors | first fee to the pool | later fee |\n|---:|---:|---:|\n",
    );
    let mut rows = Vec::new();
    for n in [10u64, 1_000, 10_000] {
        let g = fee_routing(&splitter, n)?;
        out.push_str(&format!(
            "| {} | {} | {} |\n",
            g.contributors, g.first_fee, g.later_fee
        ));
        rows.push(g);
    }
    let base = rows[0].later_fee as f64;
    let worst = rows.iter().map(|g| g.later_fee as f64).fold(base, f64::max);
    let spread = (worst - base) / base * 100.0;
    let ok = spread <= 2.0
        && rows.iter().all(|g| {
            (g.first_fee as f64 - rows[0].first_fee as f64).abs() / rows[0].first_fee as f64 <= 0.02
        });
    out.push_str(&format!(
        "\nLargest difference from 10 contributors: {spread:.2}% (the bound is 2%).\n"
    ));
    Ok((out, ok))
}

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let mut dir = PathBuf::from("target/stylus");
    let mut write = None;
    while let Some(arg) = args.next() {
        if arg == "--write" {
            write = args.next().map(PathBuf::from);
        } else {
            dir = PathBuf::from(arg);
        }
    }
    match report(&dir) {
        Ok((text, ok)) => {
            match &write {
                Some(path) => {
                    if let Err(e) = std::fs::write(path, &text) {
                        eprintln!("error: writing {}: {e}", path.display());
                        return ExitCode::FAILURE;
                    }
                    eprintln!("wrote {}", path.display());
                }
                None => print!("{text}"),
            }
            if ok {
                ExitCode::SUCCESS
            } else {
                eprintln!("error: fee routing gas grows with the number of contributors (over 2%)");
                ExitCode::FAILURE
            }
        }
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}
