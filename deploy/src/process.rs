//! From the final wasm written by the root workspace's `cargo xtask build`
//! (`<target>/stylus/<lib>.wasm`, already optimized and round-tripped
//! through wat) to the bytes that go on chain. Nothing here rebuilds a
//! program.
//!
//! * **Deployed code** (what `EXTCODE*` sees and what activation reads):
//!   `0xEF 0xF0 0x00` ++ dictionary byte `0x00` (no dictionary) ++
//!   brotli(wasm), at quality 11 with a 22-bit window through brotli's
//!   `CompressorWriter` with a 4096-byte buffer: the same crate major and
//!   settings as the root `xtask/src/stylus_code.rs`, so the size equals
//!   `sizes.json`'s `deployed_bytes` (the tests check byte equality with
//!   `<lib>.deployed.hex`).
//! * **Init code** (the CREATE transaction's data): the EVM prelude that
//!   cargo-stylus puts in front of the deployed code
//!   (`contract_deployment_calldata` in OffchainLabs/cargo-stylus,
//!   `main/src/deploy/mod.rs`; earlier `program_deployment_data` in
//!   `main/src/deploy.rs`), reproduced here from its opcode listing:
//!
//!   ```text
//!   7f <len: 32 bytes>  PUSH32 len
//!   80                  DUP1
//!   60 2b               PUSH1 43      ; offset of the code in the init code
//!   60 00               PUSH1 0
//!   39                  CODECOPY      ; memory[0..len] = initcode[43..43+len]
//!   60 00               PUSH1 0
//!   f3                  RETURN        ; return memory[0..len]
//!   00                  version byte (never executed)
//!   <deployed code>
//!   ```
//!
//!   42 bytes of prelude plus the version byte: the deployed code starts at
//!   offset 43.

use std::{
    collections::BTreeMap,
    env,
    io::Write,
    path::{Path, PathBuf},
};

use alloy::primitives::{keccak256, B256};
use anyhow::{bail, ensure, Context, Result};
use serde::Deserialize;

/// The four deployable programs (library names: artifact and ABI names).
pub const PROGRAMS: [&str; 4] = [
    "reward_splitter",
    "datanet_registry",
    "attribution",
    "model_market",
];

/// Stylus "EOF" prefix of compressed program code.
pub const STYLUS_PREFIX: [u8; 3] = [0xEF, 0xF0, 0x00];
/// Dictionary byte: `0x00`, no brotli dictionary.
pub const DICTIONARY_NONE: u8 = 0x00;
/// Brotli quality (as xtask and cargo-stylus).
pub const BROTLI_QUALITY: u32 = 11;
/// Brotli window, log2 bytes (as xtask and cargo-stylus).
pub const BROTLI_LGWIN: u32 = 22;
/// Buffer size of brotli's `CompressorWriter` (as xtask).
pub const BROTLI_BUFFER: usize = 4096;
/// Largest deployed code the chain accepts.
pub const MAX_DEPLOYED_BYTES: usize = 24_576;
/// Largest uncompressed wasm nitro activates (`MaxWasmSize`).
pub const MAX_WASM_BYTES: usize = 128 * 1024;
/// Length of cargo-stylus' init-code prelude including the version byte.
pub const INIT_PRELUDE_LEN: usize = 43;

/// One processed program.
#[derive(Debug, Clone)]
pub struct Processed {
    /// Library name.
    pub lib: String,
    /// The final wasm (what activation compiles).
    pub wasm: Vec<u8>,
    /// Deployed code: prefix, dictionary byte, brotli(wasm).
    pub deployed: Vec<u8>,
    /// CREATE init code returning `deployed`.
    pub initcode: Vec<u8>,
}

impl Processed {
    /// `keccak256(deployed code)`: the account's code hash after deployment.
    pub fn code_hash(&self) -> B256 {
        keccak256(&self.deployed)
    }
}

/// Where `cargo xtask build` wrote its artifacts: `$STYLUS_ARTIFACTS` if set;
/// else `$CARGO_TARGET_DIR/stylus` (relative paths resolved against the
/// repository root, as xtask does); else `<repo>/target/stylus`.
pub fn default_artifacts_dir() -> PathBuf {
    let root = repo_root();
    if let Some(dir) = env::var_os("STYLUS_ARTIFACTS").filter(|d| !d.is_empty()) {
        return root.join(dir);
    }
    match env::var_os("CARGO_TARGET_DIR").filter(|d| !d.is_empty()) {
        Some(dir) => root.join(dir).join("stylus"),
        None => root.join("target").join("stylus"),
    }
}

/// The repository root (this crate lives in `<root>/deploy`).
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("deploy/ has a parent")
        .to_path_buf()
}

/// Reads `<dir>/<lib>.wasm` and processes it.
pub fn process_program(dir: &Path, lib: &str) -> Result<Processed> {
    let path = dir.join(format!("{lib}.wasm"));
    let wasm = std::fs::read(&path).with_context(|| {
        format!(
            "cannot read {} (run `cargo xtask build` in the repository root first)",
            path.display()
        )
    })?;
    process(lib, wasm)
}

/// Processes a final wasm: checks it, compresses it, wraps it in init code.
pub fn process(lib: &str, wasm: Vec<u8>) -> Result<Processed> {
    check_wasm(&wasm).with_context(|| format!("{lib}: not a deployable wasm"))?;
    let deployed = deployed_code(&wasm)?;
    ensure!(
        deployed.len() <= MAX_DEPLOYED_BYTES,
        "{lib}: deployed code is {} bytes, over the {MAX_DEPLOYED_BYTES}-byte limit",
        deployed.len()
    );
    ensure!(
        decode_deployed(&deployed)? == wasm,
        "{lib}: deployed code does not decompress to the wasm"
    );
    let initcode = init_code(&deployed);
    Ok(Processed {
        lib: lib.to_string(),
        wasm,
        deployed,
        initcode,
    })
}

/// The checks activation's first steps make that we can make offline: the
/// wasm magic and version, and nitro's uncompressed size limit. (Full
/// validation, `vm_hooks`-only imports and the reference-types fix are done
/// by `cargo xtask build`, which wrote the file.)
pub fn check_wasm(wasm: &[u8]) -> Result<()> {
    ensure!(
        wasm.starts_with(b"\0asm\x01\0\0\0"),
        "missing wasm magic/version 1"
    );
    ensure!(
        wasm.len() <= MAX_WASM_BYTES,
        "wasm is {} bytes, over nitro's {MAX_WASM_BYTES}-byte limit",
        wasm.len()
    );
    Ok(())
}

/// `0xEFF000` ++ `0x00` ++ brotli(wasm).
pub fn deployed_code(wasm: &[u8]) -> Result<Vec<u8>> {
    let mut code = Vec::with_capacity(wasm.len() / 2);
    code.extend_from_slice(&STYLUS_PREFIX);
    code.push(DICTIONARY_NONE);
    {
        let mut writer =
            brotli::CompressorWriter::new(&mut code, BROTLI_BUFFER, BROTLI_QUALITY, BROTLI_LGWIN);
        writer
            .write_all(wasm)
            .context("brotli compression failed")?;
        writer.flush().context("brotli compression failed")?;
    }
    Ok(code)
}

/// Inverse of [`deployed_code`].
pub fn decode_deployed(code: &[u8]) -> Result<Vec<u8>> {
    let Some(rest) = code.strip_prefix(&STYLUS_PREFIX) else {
        bail!("code does not start with the Stylus prefix 0xEFF000");
    };
    let Some((&dict, mut stream)) = rest.split_first() else {
        bail!("code ends after the Stylus prefix");
    };
    ensure!(
        dict == DICTIONARY_NONE,
        "unsupported dictionary byte {dict:#04x}"
    );
    let mut wasm = Vec::new();
    brotli::BrotliDecompress(&mut stream, &mut wasm).context("invalid brotli stream")?;
    Ok(wasm)
}

/// cargo-stylus' CREATE init code for `deployed` (see the module docs).
pub fn init_code(deployed: &[u8]) -> Vec<u8> {
    let mut len = [0u8; 32];
    len[24..].copy_from_slice(&(deployed.len() as u64).to_be_bytes());
    let mut code = Vec::with_capacity(INIT_PRELUDE_LEN + deployed.len());
    code.push(0x7f); // PUSH32 len
    code.extend_from_slice(&len);
    code.push(0x80); // DUP1
    code.extend_from_slice(&[0x60, INIT_PRELUDE_LEN as u8]); // PUSH1 43
    code.extend_from_slice(&[0x60, 0x00]); // PUSH1 0
    code.push(0x39); // CODECOPY
    code.extend_from_slice(&[0x60, 0x00]); // PUSH1 0
    code.push(0xf3); // RETURN
    code.push(0x00); // version
    debug_assert_eq!(code.len(), INIT_PRELUDE_LEN);
    code.extend_from_slice(deployed);
    code
}

/// One row of `sizes.json` (only the fields we use).
#[derive(Debug, Clone, Deserialize)]
pub struct SizeRow {
    /// Library name.
    pub program: String,
    /// Deployed-code size `cargo xtask build` measured.
    pub deployed_bytes: usize,
}

#[derive(Deserialize)]
struct SizeTable {
    programs: Vec<SizeRow>,
}

/// Reads `<dir>/sizes.json`: library name -> deployed bytes.
pub fn read_sizes(dir: &Path) -> Result<BTreeMap<String, usize>> {
    let path = dir.join("sizes.json");
    let text =
        std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    let table: SizeTable =
        serde_json::from_str(&text).with_context(|| format!("parsing {}", path.display()))?;
    Ok(table
        .programs
        .into_iter()
        .map(|r| (r.program, r.deployed_bytes))
        .collect())
}

/// `0x`-prefixed lowercase hex.
pub fn to_hex(bytes: &[u8]) -> String {
    format!("0x{}", hex::encode(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The smallest valid module: magic and version.
    const EMPTY_MODULE: &[u8] = b"\0asm\x01\0\0\0";

    /// Runs the init code on a minimal EVM (only the opcodes the prelude
    /// uses) and returns what it RETURNs.
    fn run_init_code(code: &[u8]) -> Vec<u8> {
        let mut stack: Vec<u128> = Vec::new();
        let mut memory: Vec<u8> = Vec::new();
        let mut pc = 0;
        loop {
            let op = code[pc];
            pc += 1;
            match op {
                0x60 | 0x7f => {
                    let n = (op - 0x5f) as usize;
                    let bytes = &code[pc..pc + n];
                    assert!(n <= 16 || bytes[..n - 16].iter().all(|&b| b == 0));
                    let tail = &bytes[n.saturating_sub(16)..];
                    stack.push(tail.iter().fold(0, |acc, &b| (acc << 8) | b as u128));
                    pc += n;
                }
                0x80 => stack.push(*stack.last().unwrap()),
                0x39 => {
                    let dest = stack.pop().unwrap() as usize;
                    let offset = stack.pop().unwrap() as usize;
                    let size = stack.pop().unwrap() as usize;
                    if memory.len() < dest + size {
                        memory.resize(dest + size, 0);
                    }
                    for i in 0..size {
                        memory[dest + i] = code.get(offset + i).copied().unwrap_or(0);
                    }
                }
                0xf3 => {
                    let offset = stack.pop().unwrap() as usize;
                    let size = stack.pop().unwrap() as usize;
                    return memory[offset..offset + size].to_vec();
                }
                other => panic!("unexpected opcode {other:#04x} at {}", pc - 1),
            }
        }
    }

    #[test]
    fn init_code_returns_the_deployed_code() {
        let p = process("empty", EMPTY_MODULE.to_vec()).unwrap();
        assert_eq!(&p.deployed[..4], &[0xEF, 0xF0, 0x00, 0x00]);
        assert_eq!(&p.initcode[INIT_PRELUDE_LEN..], &p.deployed[..]);
        assert_eq!(
            u64::from_be_bytes(p.initcode[25..33].try_into().unwrap()) as usize,
            p.deployed.len()
        );
        assert_eq!(run_init_code(&p.initcode), p.deployed);
        assert_eq!(decode_deployed(&p.deployed).unwrap(), EMPTY_MODULE);
    }

    #[test]
    fn init_code_prelude_is_cargo_stylus_bytes() {
        let code = init_code(&[0xAA; 3]);
        let mut expected = vec![0x7f];
        expected.extend([0u8; 31]);
        expected.extend([
            3, 0x80, 0x60, 0x2b, 0x60, 0x00, 0x39, 0x60, 0x00, 0xf3, 0x00,
        ]);
        expected.extend([0xAA; 3]);
        assert_eq!(code, expected);
    }

    #[test]
    fn rejects_non_wasm() {
        assert!(process("bad", b"not wasm".to_vec()).is_err());
        assert!(decode_deployed(&[0xEF, 0xF0, 0x00, 0x01]).is_err());
        assert!(decode_deployed(&[0x60, 0x00]).is_err());
    }
}
