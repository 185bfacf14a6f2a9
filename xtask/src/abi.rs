//! `cargo xtask abi`: the Solidity interface and JSON ABI of each program.
//!
//! * `abi/<lib>.sol`: what `cargo run -p <pkg> --features export-abi -- abi
//!   --license MIT` prints (functions, errors, structs), plus the program's
//!   events, which stylus-sdk 0.9 leaves out (see [`crate::sol_events`]).
//! * `abi/<lib>.json`: that interface compiled by the pinned solc-js
//!   (standard JSON, `abi` output only), pretty-printed with sorted keys,
//!   two-space indents and a trailing newline.
//!
//! With `--check`, both are generated into a temporary directory and
//! compared with the committed files; any difference fails the command.

use std::{
    fs,
    io::Write,
    path::Path,
    process::{Command, Stdio},
};

use anyhow::{anyhow, bail, Context, Result};
use serde_json::{json, Value};

use crate::{
    programs::Program,
    sol_events,
    workspace::{self, rel},
};

/// SPDX identifier written into the generated interfaces.
pub const LICENSE: &str = "MIT";

/// Compiles standard JSON from stdin with solc-js and prints the output.
const SOLC_SCRIPT: &str = "const solc = require('solc'); \
    const input = require('fs').readFileSync(0, 'utf8'); \
    process.stdout.write(solc.compile(input));";

/// Regenerates (or, with `check`, verifies) the ABI files of `programs`.
pub fn run(programs: &[Program], check: bool) -> Result<()> {
    let root = workspace::root();
    workspace::node_tool(&root, "solcjs")?;
    let committed = root.join("abi");
    let temp = tempfile::tempdir().context("failed to create a temporary directory")?;
    let out_dir = if check {
        temp.path().to_path_buf()
    } else {
        committed.clone()
    };
    fs::create_dir_all(&out_dir)?;

    let mut stale = Vec::new();
    for program in programs {
        eprintln!("==> abi: {}", program.lib);
        let (sol, interface) = solidity_interface(&root, program)?;
        let json = json_abi(&root, program, &sol, &interface)?;
        for (ext, text) in [("sol", sol), ("json", json)] {
            let name = format!("{}.{ext}", program.lib);
            fs::write(out_dir.join(&name), &text)?;
            if check {
                let path = committed.join(&name);
                let current = fs::read_to_string(&path).unwrap_or_default();
                if current != text {
                    print_diff(&root, &path, &out_dir.join(&name));
                    stale.push(format!("abi/{name}"));
                }
            } else {
                eprintln!(
                    "    wrote {}",
                    rel(&root, &out_dir.join(&name)).to_string_lossy()
                );
            }
        }
    }
    if !stale.is_empty() {
        bail!(
            "committed ABI files are out of date: {}\nRun `cargo xtask abi` and commit the result.",
            stale.join(", ")
        );
    }
    if check {
        eprintln!("ABI files are up to date.");
    }
    Ok(())
}

/// Shared crates whose `sol!` events belong to the programs depending on
/// them: package name and directory under `contracts/`. A program gets the
/// kit events its own code names (a re-export; comments do not count), so a program without a
/// pause switch does not list `Paused`.
const EVENT_KITS: &[(&str, &str)] = &[("access-kit", "access_kit")];

/// The program's Solidity interface with its events added, and the name of
/// its main interface.
pub fn solidity_interface(root: &Path, program: &Program) -> Result<(String, String)> {
    let mut cmd = workspace::cargo(root);
    cmd.args(["run", "-q", "--locked", "-p", program.package])
        .args([
            "--features",
            "export-abi",
            "--",
            "abi",
            "--license",
            LICENSE,
        ]);
    let out = workspace::output(&mut cmd)?;
    let exported = String::from_utf8(out.stdout).context("export-abi printed non-UTF-8")?;
    let contracts = root.join("contracts");
    let mut events = sol_events::events_in_dir(&contracts.join(program.lib).join("src"))?;
    // Events a shared kit emits on the program's behalf (roles, pause).
    let manifest = fs::read_to_string(contracts.join(program.lib).join("Cargo.toml"))?;
    let sources = sol_events::code_text(&contracts.join(program.lib).join("src"))?;
    for (package, dir) in EVENT_KITS {
        if manifest.contains(package) {
            let kit_events = sol_events::events_in_dir(&contracts.join(dir).join("src"))?;
            events.extend(
                kit_events
                    .into_iter()
                    .filter(|event| names_event(&sources, event)),
            );
        }
    }
    events.sort();
    events.dedup();
    insert_events(&exported, &events)
        .with_context(|| format!("unexpected export-abi output for {}", program.package))
}

/// Whether `sources` name the event declared by `event` (`event Name(...);`)
/// as a whole identifier.
fn names_event(sources: &str, event: &str) -> bool {
    let name = event
        .strip_prefix("event ")
        .and_then(|rest| rest.split('(').next())
        .unwrap_or_default();
    let is_ident = |c: char| c.is_alphanumeric() || c == '_';
    !name.is_empty()
        && sources.match_indices(name).any(|(at, _)| {
            let before = sources[..at].chars().next_back();
            let after = sources[at + name.len()..].chars().next();
            !before.is_some_and(is_ident) && !after.is_some_and(is_ident)
        })
}

/// Adds `events` at the top of the last `interface` block of `sol` (the
/// program's own interface; inherited ones come first). Events the interface
/// already declares are not repeated. Returns the text and the interface name.
pub fn insert_events(sol: &str, events: &[String]) -> Result<(String, String)> {
    let lines: Vec<&str> = sol.lines().collect();
    let (at, name) = lines
        .iter()
        .enumerate()
        .rev()
        .find_map(|(i, line)| {
            let rest = line.strip_prefix("interface ")?;
            line.trim_end().ends_with('{').then(|| {
                let name = rest.split(|c: char| c.is_whitespace() || c == '{').next();
                (i, name.unwrap_or_default().to_owned())
            })
        })
        .ok_or_else(|| anyhow!("no `interface ... {{` line in:\n{sol}"))?;
    let body_end = lines[at..]
        .iter()
        .position(|l| l.trim_end() == "}")
        .map_or(lines.len(), |p| at + p);
    let body = lines[at + 1..body_end].join("\n");
    let new: Vec<&String> = events
        .iter()
        .filter(|e| {
            let head = e.split('(').next().unwrap_or_default();
            !body.contains(&format!("{head}("))
        })
        .collect();

    let mut out: Vec<String> = lines[..=at].iter().map(|l| l.to_string()).collect();
    for event in &new {
        out.push(format!("    {event}"));
    }
    let rest = &lines[at + 1..];
    if !new.is_empty()
        && rest
            .first()
            .is_some_and(|l| l.trim() != "}" && !l.trim().is_empty())
    {
        out.push(String::new());
    }
    out.extend(rest.iter().map(|l| l.to_string()));
    let mut text = out.join("\n");
    text.push('\n');
    Ok((text, name))
}

/// Compiles `sol` with the pinned solc-js and returns the pretty-printed ABI
/// of `interface`.
pub fn json_abi(root: &Path, program: &Program, sol: &str, interface: &str) -> Result<String> {
    let file = format!("{}.sol", program.lib);
    let input = json!({
        "language": "Solidity",
        "sources": { &file: { "content": sol } },
        "settings": { "outputSelection": { "*": { "*": ["abi"] } } },
    });
    let mut child = Command::new("node")
        .args(["-e", SOLC_SCRIPT])
        .current_dir(root)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .context("failed to start `node` (is Node.js installed?)")?;
    child
        .stdin
        .take()
        .expect("piped stdin")
        .write_all(input.to_string().as_bytes())?;
    let out = child.wait_with_output()?;
    if !out.status.success() {
        bail!("solc-js failed: {}", String::from_utf8_lossy(&out.stderr));
    }
    let output: Value = serde_json::from_slice(&out.stdout).context("solc-js printed bad JSON")?;
    let errors: Vec<&str> = output["errors"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|e| e["severity"] == "error")
        .filter_map(|e| e["formattedMessage"].as_str())
        .collect();
    if !errors.is_empty() {
        bail!("solc rejected the generated {file}:\n{}", errors.join("\n"));
    }
    let abi = output["contracts"][&file][interface]["abi"].clone();
    if abi.is_null() {
        bail!("solc output has no ABI for {file}:{interface}");
    }
    let mut text = serde_json::to_string_pretty(&abi)?;
    text.push('\n');
    Ok(text)
}

/// Prints a unified diff (via `diff -u`) of the committed and generated file,
/// or just the file name when `diff` is not available.
fn print_diff(root: &Path, committed: &Path, generated: &Path) {
    let label = rel(root, committed).to_string_lossy().into_owned();
    if !committed.exists() {
        eprintln!("--- {label} is missing (not generated yet?)");
        return;
    }
    let status = Command::new("diff")
        .args(["-u", "--label", &format!("{label} (committed)")])
        .args(["--label", &format!("{label} (generated)")])
        .arg(committed)
        .arg(generated)
        .status();
    if status.is_err() {
        eprintln!("--- {label} differs from the generated file");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const EXPORTED: &str = "\
/**
 * This file was automatically generated by Stylus and represents a Rust program.
 */

// SPDX-License-Identifier: MIT
pragma solidity ^0.8.23;

interface IOwnable {
    function owner() external view returns (address);
}

interface IRegistry is IOwnable {
    event Paid(address indexed payer);

    function admin() external view returns (address);
}
";

    #[test]
    fn events_go_into_the_last_interface_once() {
        let events = vec![
            "event Added(uint256 indexed id);".to_owned(),
            "event Paid(address indexed payer);".to_owned(),
        ];
        let (text, name) = insert_events(EXPORTED, &events).unwrap();
        assert_eq!(name, "IRegistry");
        assert!(text.contains(
            "interface IRegistry is IOwnable {\n    event Added(uint256 indexed id);\n\n    \
             event Paid(address indexed payer);\n\n    function admin()"
        ));
        assert_eq!(text.matches("event Paid").count(), 1);
        assert!(text.ends_with("}\n"));
    }

    #[test]
    fn kit_events_go_to_programs_naming_them() {
        let sources = "pub use access_kit::{RoleGranted, RoleRevoked};\nlet paused = 1;";
        assert!(names_event(
            sources,
            "event RoleGranted(bytes32 indexed role);"
        ));
        assert!(!names_event(sources, "event Paused(address account);"));
        assert!(!names_event(sources, "event Role(bytes32 role);"));
    }

    #[test]
    fn empty_interface_gets_events_without_blank_line() {
        let sol = "interface IEmpty  {\n}\n";
        let (text, name) = insert_events(sol, &["event E();".to_owned()]).unwrap();
        assert_eq!(name, "IEmpty");
        assert_eq!(text, "interface IEmpty  {\n    event E();\n}\n");
    }
}
