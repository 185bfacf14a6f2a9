//! Turning an optimized wasm into what goes on chain.
//!
//! Two steps mirror cargo-stylus (`compress_wasm` in cargo-stylus 0.10,
//! `process_wasm_file` in stylus-sdk-rs' `stylus-tools`):
//!
//! 1. **wasm → wat → wasm round trip** (`wasmprinter::print_bytes`, then
//!    `wat::parse_str`). Rust ≥ 1.82 and wasm-opt emit the reference-types
//!    ("overlong") encoding of `call_indirect`'s table index and, from
//!    wasm-opt, a `DataCount` section; nitro's parser rejects both. Re-encoding
//!    from text writes the MVP encoding and only the sections the module needs.
//!    Custom sections (names, producers, target features) are then dropped.
//! 2. **Compression**: the deployed code is `0xEF 0xF0 0x00`, a dictionary byte
//!    (`0x00`: no dictionary), then the brotli stream of the wasm at quality 11
//!    and a 22-bit window (brotli's default window, as cargo-stylus' `brotli2`
//!    encoder uses).

use std::io::Write;

use anyhow::{bail, Context, Result};
use wasmparser::{Parser, Payload};

/// Stylus "EOF" prefix: marks contract code as a compressed Stylus program.
pub const STYLUS_PREFIX: [u8; 3] = [0xEF, 0xF0, 0x00];
/// Dictionary byte following the prefix: `0x00` means no brotli dictionary.
pub const DICTIONARY_NONE: u8 = 0x00;
/// Brotli quality used by cargo-stylus.
pub const BROTLI_QUALITY: u32 = 11;
/// Brotli window (log2 bytes) used by cargo-stylus (brotli's default).
pub const BROTLI_LGWIN: u32 = 22;

/// The processed program: the wasm to activate and the bytes to deploy.
#[derive(Debug, Clone)]
pub struct StylusCode {
    /// Final wasm (after the round trip, no custom sections).
    pub wasm: Vec<u8>,
    /// Deployed code: prefix, dictionary byte, brotli(wasm).
    pub deployed: Vec<u8>,
}

/// Runs the round trip on `wasm` and compresses the result.
pub fn process(wasm: &[u8]) -> Result<StylusCode> {
    let wasm = round_trip(wasm)?;
    let deployed = deployed_code(&wasm)?;
    Ok(StylusCode { wasm, deployed })
}

/// wasm → wat → wasm, then strips every custom section.
pub fn round_trip(wasm: &[u8]) -> Result<Vec<u8>> {
    let wat = wasmprinter::print_bytes(wasm).context("failed to print the wasm as wat")?;
    let wasm = wat::parse_str(&wat).context("failed to re-encode the wat as wasm")?;
    strip_custom_sections(&wasm)
}

/// Copies `wasm` without its custom sections (id 0), byte for byte otherwise.
pub fn strip_custom_sections(wasm: &[u8]) -> Result<Vec<u8>> {
    let mut out = Vec::with_capacity(wasm.len());
    for payload in Parser::new(0).parse_all(wasm) {
        let payload = payload.context("failed to parse wasm")?;
        match payload {
            Payload::Version { range, .. } => out.extend_from_slice(&wasm[range]),
            Payload::CustomSection(_) => {}
            Payload::CodeSectionEntry(_) => {} // covered by CodeSectionStart's range
            Payload::End(_) => {}
            other => {
                if let Some((id, range)) = other.as_section() {
                    out.push(id);
                    write_uleb(&mut out, range.len() as u64);
                    out.extend_from_slice(&wasm[range]);
                }
            }
        }
    }
    Ok(out)
}

/// Builds the deployed code for `wasm`.
pub fn deployed_code(wasm: &[u8]) -> Result<Vec<u8>> {
    let mut code = Vec::with_capacity(wasm.len() / 2);
    code.extend_from_slice(&STYLUS_PREFIX);
    code.push(DICTIONARY_NONE);
    code.extend(brotli_compress(wasm)?);
    Ok(code)
}

/// Brotli with cargo-stylus' settings.
pub fn brotli_compress(data: &[u8]) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    {
        let mut writer =
            brotli::CompressorWriter::new(&mut out, 4096, BROTLI_QUALITY, BROTLI_LGWIN);
        writer
            .write_all(data)
            .context("brotli compression failed")?;
        writer.flush().context("brotli compression failed")?;
    }
    Ok(out)
}

/// Inverse of [`deployed_code`]: checks the prefix and returns the wasm.
pub fn decode_deployed(code: &[u8]) -> Result<Vec<u8>> {
    let Some(rest) = code.strip_prefix(&STYLUS_PREFIX) else {
        bail!("code does not start with the Stylus prefix 0xEFF000");
    };
    let Some((&dict, stream)) = rest.split_first() else {
        bail!("code ends after the Stylus prefix");
    };
    if dict != DICTIONARY_NONE {
        bail!("unsupported dictionary byte {dict:#04x}");
    }
    let mut wasm = Vec::new();
    brotli::BrotliDecompress(&mut &stream[..], &mut wasm).context("invalid brotli stream")?;
    Ok(wasm)
}

/// `0x`-prefixed lowercase hex.
pub fn to_hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(2 + bytes.len() * 2);
    s.push_str("0x");
    for b in bytes {
        s.push(DIGITS[(b >> 4) as usize] as char);
        s.push(DIGITS[(b & 0xf) as usize] as char);
    }
    s
}

fn write_uleb(out: &mut Vec<u8>, mut value: u64) {
    loop {
        let byte = (value & 0x7f) as u8;
        value >>= 7;
        if value == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MODULE: &str = r#"
        (module
          (import "vm_hooks" "read_args" (func $read_args (param i32)))
          (memory (export "memory") 1)
          (table 1 funcref)
          (type $t (func (param i32) (result i32)))
          (func $id (type $t) local.get 0)
          (elem (i32.const 0) $id)
          (func (export "user_entrypoint") (param i32) (result i32)
            local.get 0
            i32.const 0
            call_indirect (type $t))
          (@custom "producers" "rustc")
        )"#;

    #[test]
    fn deployed_code_has_prefix_and_round_trips() {
        let wasm = wat::parse_str(MODULE).unwrap();
        let code = process(&wasm).unwrap();
        assert_eq!(&code.deployed[..4], &[0xEF, 0xF0, 0x00, 0x00]);
        assert_eq!(decode_deployed(&code.deployed).unwrap(), code.wasm);
        assert!(code.deployed.len() < code.wasm.len() + 4 + 16);
    }

    #[test]
    fn round_trip_drops_custom_sections() {
        let wasm = wat::parse_str(MODULE).unwrap();
        let has_custom = |w: &[u8]| {
            Parser::new(0)
                .parse_all(w)
                .any(|p| matches!(p, Ok(Payload::CustomSection(_))))
        };
        assert!(has_custom(&wasm));
        let out = round_trip(&wasm).unwrap();
        assert!(!has_custom(&out));
        wasmparser::validate(&out).unwrap();
    }

    #[test]
    fn round_trip_rewrites_overlong_call_indirect() {
        // Re-encode `call_indirect`'s table index as a 5-byte LEB (the
        // reference-types encoding LLVM emits), which nitro rejects.
        let mut wasm = wat::parse_str(MODULE).unwrap();
        let code = Parser::new(0)
            .parse_all(&wasm)
            .find_map(|p| match p.unwrap() {
                Payload::CodeSectionStart { range, .. } => Some(range),
                _ => None,
            })
            .unwrap();
        // Layout: [size][count=2][len1][body1: 4 bytes][len2][body2 ...].
        let (size_at, len2_at) = (code.start - 1, code.start + 1 + 1 + 4);
        let at = code.start
            + wasm[code.clone()]
                .windows(3)
                .position(|w| w == [0x11, 0x00, 0x00])
                .expect("call_indirect in MVP encoding");
        wasm.splice(at + 2..at + 3, [0x80, 0x80, 0x80, 0x80, 0x00]);
        for i in [size_at, len2_at] {
            assert!(wasm[i] < 0x7c, "single-byte LEB expected");
            wasm[i] += 4;
        }
        let err = crate::wasm_checks::validate_nitro(&wasm).unwrap_err();
        assert!(format!("{err:#}").contains("zero byte expected"), "{err:#}");
        let fixed = round_trip(&wasm).unwrap();
        crate::wasm_checks::validate_nitro(&fixed).unwrap();
    }

    #[test]
    fn hex_is_prefixed_lowercase() {
        assert_eq!(to_hex(&[0xEF, 0xF0, 0x00, 0x0a]), "0xeff0000a");
    }
}
