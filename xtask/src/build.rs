//! `cargo xtask build`: builds every deployable program and checks it the
//! way the chain will.
//!
//! Per program:
//! 1. `cargo build -p <pkg> --lib --release --target wasm32-unknown-unknown
//!    -Zbuild-std=std,panic_abort` with immediate-abort panics and a 32 KiB
//!    stack for wasm32 only (one `-p` per build: building programs together
//!    would unify their features);
//! 2. `wasm-opt -Oz --enable-bulk-memory-opt --enable-sign-ext` (binaryen,
//!    pinned in `package.json`);
//! 3. the wasm → wat → wasm round trip and brotli compression
//!    ([`crate::stylus_code`]);
//! 4. nitro's activation rules ([`crate::wasm_checks`]), the 24,576-byte
//!    code limit and our per-program budget ([`crate::programs`]).
//!
//! Writes `target/stylus/<lib>.wasm` (deploy with `cargo stylus deploy
//! --wasm-file`), `target/stylus/<lib>.deployed.hex` and
//! `target/stylus/sizes.json`, prints a size table and fails on any problem.

use std::{fs, path::Path};

use anyhow::{bail, Context, Result};
use serde_json::{json, Value};

use crate::{
    programs::{Program, MAX_DEPLOYED_BYTES, MAX_WASM_BYTES, PROGRAMS},
    stylus_code, wasm_checks,
    workspace::{self, rel},
};

/// Rust target of Stylus programs.
pub const TARGET: &str = "wasm32-unknown-unknown";
/// Flags for wasm32 only (host build scripts and proc macros keep the
/// defaults): immediate-abort panics, a 32 KiB stack, and no `Debug` bodies
/// or panic locations (about 300 deployed bytes on the registry).
pub const WASM_RUSTFLAGS: &str = "-Zunstable-options -Cpanic=immediate-abort \
     -Clink-arg=-zstack-size=32768 -Zfmt-debug=none -Zlocation-detail=none";
/// wasm-opt arguments (binaryen 132).
pub const WASM_OPT_ARGS: &[&str] = &["-Oz", "--enable-bulk-memory-opt", "--enable-sign-ext"];

/// Options of `cargo xtask build`.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// Programs to build.
    pub programs: Vec<Program>,
    /// Reuse the existing cargo artifacts instead of running `cargo build`.
    pub skip_build: bool,
}

/// Sizes and verdict of one program.
#[derive(Debug, Clone)]
pub struct Row {
    pub program: Program,
    pub raw: usize,
    pub optimized: usize,
    pub deployed: usize,
    pub initial_pages: u64,
    pub problems: Vec<String>,
}

impl Row {
    fn percent(&self) -> f64 {
        (self.deployed as f64 * 1000.0 / MAX_DEPLOYED_BYTES as f64).round() / 10.0
    }
}

/// Runs `cargo xtask build`.
pub fn run(opts: &BuildOptions) -> Result<()> {
    let root = workspace::root();
    let wasm_opt = workspace::node_tool(&root, "wasm-opt")?;
    let target = workspace::target_dir(&root);
    let out_dir = target.join("stylus");
    fs::create_dir_all(&out_dir)?;

    let mut rows = Vec::new();
    for program in &opts.programs {
        if !opts.skip_build {
            cargo_build(&root, program)?;
        }
        let raw_path = target
            .join(TARGET)
            .join("release")
            .join("deps")
            .join(format!("{}.wasm", program.lib));
        let raw = fs::read(&raw_path).with_context(|| {
            format!(
                "cannot read {} (run without --skip-build?)",
                rel(&root, &raw_path).to_string_lossy()
            )
        })?;

        eprintln!("==> wasm-opt + wat round trip: {}", program.lib);
        let opt_path = out_dir.join(format!("{}.wasm-opt.wasm", program.lib));
        let mut cmd = std::process::Command::new(&wasm_opt);
        cmd.args(WASM_OPT_ARGS)
            .arg(&raw_path)
            .arg("-o")
            .arg(&opt_path);
        workspace::output(&mut cmd)?;
        let optimized = fs::read(&opt_path)?;
        fs::remove_file(&opt_path)?;
        let code = stylus_code::process(&optimized)
            .with_context(|| format!("processing the optimized wasm of {}", program.lib))?;
        if stylus_code::decode_deployed(&code.deployed)? != code.wasm {
            bail!(
                "{}: deployed code does not decompress to the final wasm",
                program.lib
            );
        }

        let wasm_path = out_dir.join(format!("{}.wasm", program.lib));
        fs::write(&wasm_path, &code.wasm)?;
        let hex_path = out_dir.join(format!("{}.deployed.hex", program.lib));
        fs::write(&hex_path, stylus_code::to_hex(&code.deployed) + "\n")?;

        let inspection = wasm_checks::inspect(&code.wasm);
        let mut problems = inspection.problems;
        let deployed = code.deployed.len();
        if deployed > MAX_DEPLOYED_BYTES {
            problems.push(format!(
                "deployed code is {deployed} bytes, over the chain's {MAX_DEPLOYED_BYTES}-byte limit"
            ));
        }
        if deployed > program.budget {
            problems.push(format!(
                "deployed code is {deployed} bytes, over this program's budget of {} bytes \
                 (xtask/src/programs.rs)",
                program.budget
            ));
        }
        if code.wasm.len() > MAX_WASM_BYTES {
            problems.push(format!(
                "uncompressed wasm is {} bytes, over nitro's {MAX_WASM_BYTES}-byte limit",
                code.wasm.len()
            ));
        }
        rows.push(Row {
            program: *program,
            raw: raw.len(),
            optimized: code.wasm.len(),
            deployed,
            initial_pages: inspection.initial_pages,
            problems,
        });
    }

    println!();
    print!("{}", table(&rows));
    write_sizes(&out_dir.join("sizes.json"), &rows)?;
    println!(
        "\nArtifacts in {}: <program>.wasm (deploy with `cargo stylus deploy --wasm-file`), \
         <program>.deployed.hex, sizes.json",
        rel(&root, &out_dir).to_string_lossy()
    );

    let failed: Vec<&Row> = rows.iter().filter(|r| !r.problems.is_empty()).collect();
    if !failed.is_empty() {
        eprintln!();
        for row in &failed {
            for problem in &row.problems {
                eprintln!("error: {}: {problem}", row.program.lib);
            }
        }
        bail!(
            "{} of {} program(s) failed the checks",
            failed.len(),
            rows.len()
        );
    }
    Ok(())
}

/// Builds one program's release wasm.
fn cargo_build(root: &Path, program: &Program) -> Result<()> {
    eprintln!("==> cargo build: {} (release, {TARGET})", program.package);
    let mut cmd = workspace::cargo(root);
    cmd.args([
        "build",
        "-p",
        program.package,
        "--lib",
        "--release",
        "--locked",
    ])
    .args(["--target", TARGET, "-Zbuild-std=std,panic_abort"])
    .env(
        "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS",
        WASM_RUSTFLAGS,
    )
    // These would override the target-specific flags above.
    .env_remove("RUSTFLAGS")
    .env_remove("CARGO_ENCODED_RUSTFLAGS");
    workspace::run(&mut cmd)
}

/// The size table printed after a build.
pub fn table(rows: &[Row]) -> String {
    let header = [
        "program".to_owned(),
        "raw wasm (cargo)".to_owned(),
        "optimized wasm".to_owned(),
        "deployed bytes".to_owned(),
        "budget".to_owned(),
        format!("% of {} limit", group(MAX_DEPLOYED_BYTES)),
        "status".to_owned(),
    ];
    let mut lines = vec![header.to_vec()];
    for r in rows {
        lines.push(vec![
            r.program.lib.to_owned(),
            group(r.raw),
            group(r.optimized),
            group(r.deployed),
            group(r.program.budget),
            format!("{:.1}%", r.percent()),
            if r.problems.is_empty() { "ok" } else { "FAIL" }.to_owned(),
        ]);
    }
    let widths: Vec<usize> = (0..header.len())
        .map(|c| lines.iter().map(|l| l[c].len()).max().unwrap_or(0))
        .collect();
    let mut out = String::new();
    for (i, line) in lines.iter().enumerate() {
        let cells: Vec<String> = line
            .iter()
            .enumerate()
            .map(|(c, cell)| {
                if c == 0 || c == header.len() - 1 {
                    format!("{cell:<w$}", w = widths[c])
                } else {
                    format!("{cell:>w$}", w = widths[c])
                }
            })
            .collect();
        out.push_str(&format!("| {} |\n", cells.join(" | ")));
        if i == 0 {
            let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
            out.push_str(&format!("|-{}-|\n", rule.join("-|-")));
        }
    }
    out
}

/// Writes `sizes.json`, keeping entries of programs not built in this run.
fn write_sizes(path: &Path, rows: &[Row]) -> Result<()> {
    let previous: Vec<Value> = fs::read_to_string(path)
        .ok()
        .and_then(|s| serde_json::from_str::<Value>(&s).ok())
        .and_then(|v| v["programs"].as_array().cloned())
        .unwrap_or_default();
    let mut entries = Vec::new();
    for program in PROGRAMS {
        if let Some(r) = rows.iter().find(|r| r.program.lib == program.lib) {
            entries.push(json!({
                "program": r.program.lib,
                "package": r.program.package,
                "raw_wasm_bytes": r.raw,
                "optimized_wasm_bytes": r.optimized,
                "deployed_bytes": r.deployed,
                "budget_bytes": r.program.budget,
                "percent_of_limit": r.percent(),
                "initial_memory_pages": r.initial_pages,
                "ok": r.problems.is_empty(),
            }));
        } else if let Some(old) = previous.iter().find(|v| v["program"] == program.lib) {
            entries.push(old.clone());
        }
    }
    let doc = json!({ "limit_bytes": MAX_DEPLOYED_BYTES, "programs": entries });
    fs::write(path, serde_json::to_string_pretty(&doc)? + "\n")?;
    Ok(())
}

/// `24576` → `24,576`.
fn group(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_thousands() {
        assert_eq!(group(0), "0");
        assert_eq!(group(999), "999");
        assert_eq!(group(24_576), "24,576");
        assert_eq!(group(1_234_567), "1,234,567");
    }

    #[test]
    fn table_marks_failures() {
        let row = |problems: Vec<String>| Row {
            program: PROGRAMS[0],
            raw: 30_000,
            optimized: 20_000,
            deployed: 12_288,
            initial_pages: 1,
            problems,
        };
        let text = table(&[row(vec![]), row(vec!["x".into()])]);
        assert!(text.contains("% of 24,576 limit"), "{text}");
        assert!(text.contains("50.0%"), "{text}");
        assert!(text.lines().nth(2).unwrap().ends_with("ok     |"), "{text}");
        assert!(text.lines().nth(3).unwrap().contains("FAIL"), "{text}");
    }
}
