//! Processing `cargo xtask build`'s final wasm reproduces xtask's deployed
//! code byte for byte, so its size equals the size table's figure.
//!
//! Needs the artifacts (`cargo xtask build` in the repository root; found
//! as `process::default_artifacts_dir` says). Without them the test is
//! skipped with a note, unless `STYLUS_WASM_REQUIRED` is set.

use std::path::PathBuf;

use stylus_deploy::process::{self, INIT_PRELUDE_LEN, MAX_DEPLOYED_BYTES, PROGRAMS};

fn artifacts() -> Option<PathBuf> {
    let dir = process::default_artifacts_dir();
    if dir.join("sizes.json").exists() {
        return Some(dir);
    }
    let msg = format!(
        "no {}: run `cargo xtask build` in the repository root",
        dir.join("sizes.json").display()
    );
    if std::env::var_os("STYLUS_WASM_REQUIRED").is_some() {
        panic!("{msg} (STYLUS_WASM_REQUIRED is set)");
    }
    eprintln!("SKIPPED: {msg}");
    None
}

#[test]
fn processing_matches_the_size_table_and_xtask_bytes() {
    let Some(dir) = artifacts() else { return };
    let sizes = process::read_sizes(&dir).unwrap();
    for lib in PROGRAMS {
        let p = process::process_program(&dir, lib).unwrap();
        let expected = *sizes
            .get(lib)
            .unwrap_or_else(|| panic!("{lib} missing from sizes.json"));
        assert_eq!(p.deployed.len(), expected, "{lib}: size table");
        assert!(p.deployed.len() <= MAX_DEPLOYED_BYTES, "{lib}");

        let hex_path = dir.join(format!("{lib}.deployed.hex"));
        let xtask_hex = std::fs::read_to_string(&hex_path).unwrap();
        assert_eq!(
            process::to_hex(&p.deployed),
            xtask_hex.trim(),
            "{lib}: differs from xtask's {}",
            hex_path.display()
        );

        // Valid for activation as far as we can tell offline: the prefix,
        // the dictionary byte, a brotli stream of a wasm module.
        assert_eq!(&p.deployed[..4], &[0xEF, 0xF0, 0x00, 0x00], "{lib}");
        assert_eq!(process::decode_deployed(&p.deployed).unwrap(), p.wasm);
        process::check_wasm(&p.wasm).unwrap();

        assert_eq!(&p.initcode[INIT_PRELUDE_LEN..], &p.deployed[..], "{lib}");
        let len = u64::from_be_bytes(p.initcode[25..33].try_into().unwrap());
        assert_eq!(len as usize, p.deployed.len(), "{lib}: init-code length");
    }
}
