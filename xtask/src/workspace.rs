//! Paths of the workspace and helpers to run the external tools we depend on.

use std::{
    env,
    ffi::OsStr,
    path::{Path, PathBuf},
    process::{Command, Output},
};

use anyhow::{bail, Context, Result};

/// Root of the Cargo workspace (the directory holding `Cargo.lock`).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives one level below the workspace root")
        .to_path_buf()
}

/// Cargo's target directory: `$CARGO_TARGET_DIR` when set, else `<root>/target`.
pub fn target_dir(root: &Path) -> PathBuf {
    match env::var_os("CARGO_TARGET_DIR") {
        Some(dir) if !dir.is_empty() => root.join(dir),
        _ => root.join("target"),
    }
}

/// A `cargo` command using the same cargo that runs xtask (and so the pinned
/// toolchain), started in the workspace root.
pub fn cargo(root: &Path) -> Command {
    let cargo = env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut cmd = Command::new(cargo);
    cmd.current_dir(root);
    cmd
}

/// Path of an executable installed by `npm ci` into `node_modules/.bin`, or an
/// error telling the user to run `npm ci`.
pub fn node_tool(root: &Path, name: &str) -> Result<PathBuf> {
    let path = root.join("node_modules").join(".bin").join(name);
    if !path.exists() {
        bail!(
            "`{}` not found. The pinned Node tools (binaryen's wasm-opt, solc-js) are not \
             installed: run `npm ci` in {} first (needs node and npm).",
            path.display(),
            root.display()
        );
    }
    Ok(path)
}

/// Renders a command line for messages.
pub fn describe(cmd: &Command) -> String {
    let mut parts = vec![cmd.get_program().to_string_lossy().into_owned()];
    parts.extend(cmd.get_args().map(|a| a.to_string_lossy().into_owned()));
    parts.join(" ")
}

/// Runs `cmd` with inherited stdout/stderr and fails with the command line if it
/// does not exit successfully.
pub fn run(cmd: &mut Command) -> Result<()> {
    let line = describe(cmd);
    let status = cmd
        .status()
        .with_context(|| format!("failed to start `{line}`"))?;
    if !status.success() {
        bail!("`{line}` failed ({status})");
    }
    Ok(())
}

/// Runs `cmd`, capturing its output; fails with the command line and its
/// stderr if it does not exit successfully.
pub fn output(cmd: &mut Command) -> Result<Output> {
    let line = describe(cmd);
    let out = cmd
        .output()
        .with_context(|| format!("failed to start `{line}`"))?;
    if !out.status.success() {
        bail!(
            "`{line}` failed ({}):\n{}",
            out.status,
            String::from_utf8_lossy(&out.stderr).trim_end()
        );
    }
    Ok(out)
}

/// `path` relative to `root` when it is inside it (for short messages).
pub fn rel<'a>(root: &Path, path: &'a Path) -> &'a OsStr {
    path.strip_prefix(root).unwrap_or(path).as_os_str()
}
