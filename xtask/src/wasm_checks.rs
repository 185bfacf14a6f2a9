//! Checks a final program the way nitro will when it is activated.
//!
//! Mirrors nitro's `crates/prover/src/binary.rs` (`parse` and
//! `WasmBinary::parse_user`) and the operator table in
//! `crates/prover/src/programs/meter.rs` (`pricing_v1`), read from
//! OffchainLabs/nitro:
//!
//! * validation with nitro's `WasmFeatures`: mutable globals, saturating
//!   float-to-int, sign extension, multi-value, bulk memory and float types
//!   on; reference types (hence the overlong `call_indirect` encoding), SIMD,
//!   relaxed SIMD, threads, tail calls, multi-memory, exceptions, memory64,
//!   extended const, function references, GC and the component model off;
//! * only the sections nitro's parser accepts (no `DataCount`, no start
//!   function), function imports only, from module `vm_hooks` only;
//! * an exported `user_entrypoint: (i32) -> i32` and an exported `memory`;
//! * only the operators `pricing_v1` gives a price: every float, reference,
//!   table, atomic, SIMD, `memory.init`/`data.drop` and tail-call operator is
//!   priced at `u64::MAX` ink there, i.e. unusable;
//! * nitro's anti-DoS limits (memories, data and element segments, exports,
//!   functions, locals, opcodes per function, imports, table entries).

use std::collections::BTreeMap;

use anyhow::{Context, Result};
use wasmparser::{
    ElementItems, ExternalKind, FuncType, Operator, Parser, Payload, TypeRef, ValType, Validator,
    WasmFeatures,
};

/// Import module every host call must come from.
pub const HOST_MODULE: &str = "vm_hooks";
/// Export nitro calls for every transaction.
pub const ENTRYPOINT: &str = "user_entrypoint";
/// Export name of the program's linear memory.
pub const MEMORY_EXPORT: &str = "memory";
/// Default `ArbWasm` page limit (`PageLimit`, 128 pages = 8 MiB).
pub const PAGE_LIMIT: u64 = 128;

/// The feature set nitro validates user wasm with (`binary.rs`, `parse`).
pub fn nitro_features() -> WasmFeatures {
    WasmFeatures::MUTABLE_GLOBAL
        | WasmFeatures::SATURATING_FLOAT_TO_INT
        | WasmFeatures::SIGN_EXTENSION
        | WasmFeatures::MULTI_VALUE
        | WasmFeatures::BULK_MEMORY
        | WasmFeatures::FLOATS
}

/// Validates `wasm` with [`nitro_features`].
pub fn validate_nitro(wasm: &[u8]) -> Result<()> {
    Validator::new_with_features(nitro_features())
        .validate_all(wasm)
        .context("wasm fails validation with nitro's feature set")?;
    Ok(())
}

/// What [`inspect`] found.
#[derive(Debug, Default, Clone)]
pub struct Inspection {
    /// Every rule the program breaks; empty when it would activate.
    pub problems: Vec<String>,
    /// Initial memory pages (each costs gas on every call beyond the free ones).
    pub initial_pages: u64,
}

/// Checks `wasm` against nitro's activation rules.
pub fn inspect(wasm: &[u8]) -> Inspection {
    let mut report = Inspection::default();
    if let Err(e) = validate_nitro(wasm) {
        report.problems.push(format!("{e:#}"));
        return report;
    }
    if let Err(e) = inspect_sections(wasm, &mut report) {
        report.problems.push(format!("{e:#}"));
    }
    report
}

/// Nitro's anti-DoS limits (`parse_user`).
mod limits {
    pub const MEMORIES: usize = 1;
    pub const DATAS: usize = 128;
    pub const ELEMENTS: usize = 128;
    pub const EXPORTS: usize = 1024;
    pub const FUNCTIONS: usize = 4096;
    pub const LOCALS: u64 = 348;
    pub const OPCODES: usize = 65536;
    pub const IMPORTS: usize = 513;
    pub const TABLE_ENTRIES: u64 = 4096;
    pub const ELEMENT_ENTRIES: u64 = 4096;
    pub const NAME_LEN: usize = 512;
}

fn inspect_sections(wasm: &[u8], report: &mut Inspection) -> Result<()> {
    let problems = &mut report.problems;
    let mut types: Vec<FuncType> = Vec::new();
    let mut func_types: Vec<u32> = Vec::new(); // imported, then defined functions
    let mut imports = 0usize;
    let mut memories = 0usize;
    let mut exports: Vec<(String, ExternalKind, u32)> = Vec::new();
    let mut datas = 0usize;
    let mut elements = 0usize;
    let mut element_entries = 0u64;
    let mut table_entries = 0u64;
    let mut codes = 0usize;
    let mut unsupported: BTreeMap<String, usize> = BTreeMap::new();

    for payload in Parser::new(0).parse_all(wasm) {
        match payload.context("failed to parse wasm")? {
            Payload::Version { .. } | Payload::End(_) | Payload::CodeSectionStart { .. } => {}
            Payload::CustomSection(_) => {} // accepted by nitro, but we strip them anyway
            Payload::TypeSection(reader) => {
                for ty in reader.into_iter_err_on_gc_types() {
                    types.push(ty?);
                }
            }
            Payload::ImportSection(reader) => {
                for import in reader.into_imports() {
                    let import = import?;
                    imports += 1;
                    let what = format!("import `{}`.`{}`", import.module, import.name);
                    match import.ty {
                        TypeRef::Func(ty) => func_types.push(ty),
                        other => problems.push(format!(
                            "{what} is a {other:?}; nitro accepts only function imports"
                        )),
                    }
                    if import.module != HOST_MODULE {
                        problems.push(format!(
                            "{what}: only imports from module `{HOST_MODULE}` are allowed \
                             (a non-Stylus dependency or std API leaked into the program)"
                        ));
                    }
                    if import.name.starts_with("stylus") {
                        problems.push(format!("{what} uses the reserved `stylus` prefix"));
                    }
                }
            }
            Payload::FunctionSection(reader) => {
                for ty in reader {
                    func_types.push(ty?);
                }
            }
            Payload::TableSection(reader) => {
                for table in reader {
                    table_entries += table?.ty.initial;
                }
            }
            Payload::MemorySection(reader) => {
                for memory in reader {
                    let memory = memory?;
                    memories += 1;
                    if memories == 1 {
                        report.initial_pages = memory.initial;
                    }
                }
            }
            Payload::GlobalSection(_) => {}
            Payload::ExportSection(reader) => {
                for export in reader {
                    let export = export?;
                    exports.push((export.name.to_owned(), export.kind, export.index));
                }
            }
            Payload::StartSection { .. } => {
                problems.push("the module has a start function; nitro rejects them".into());
            }
            Payload::ElementSection(reader) => {
                for element in reader {
                    elements += 1;
                    element_entries += match element?.items {
                        ElementItems::Functions(items) => u64::from(items.count()),
                        ElementItems::Expressions(_, items) => u64::from(items.count()),
                    };
                }
            }
            Payload::DataSection(reader) => datas += reader.count() as usize,
            Payload::CodeSectionEntry(body) => {
                codes += 1;
                let mut locals = 0u64;
                let mut reader = body.get_locals_reader()?;
                for _ in 0..reader.get_count() {
                    locals += u64::from(reader.read()?.0);
                }
                if locals > limits::LOCALS {
                    problems.push(format!(
                        "function {codes} declares {locals} locals (nitro's limit: {})",
                        limits::LOCALS
                    ));
                }
                let mut ops = body.get_operators_reader()?;
                let mut count = 0usize;
                while !ops.eof() {
                    let op = ops.read()?;
                    count += 1;
                    if !nitro_prices(&op) {
                        *unsupported.entry(operator_name(&op)).or_default() += 1;
                    }
                }
                if count > limits::OPCODES {
                    problems.push(format!(
                        "function {codes} has {count} opcodes (nitro's limit: {})",
                        limits::OPCODES
                    ));
                }
            }
            Payload::DataCountSection { .. } => problems.push(
                "the module has a DataCount section, which nitro's parser rejects \
                 (the wat round trip should have removed it)"
                    .into(),
            ),
            other => {
                let id = other.as_section().map(|(id, _)| id);
                problems.push(format!("section {id:?} is not accepted by nitro's parser"));
            }
        }
    }

    for (op, n) in &unsupported {
        problems.push(format!(
            "operator `{op}` used {n} time(s): nitro has no price for it (floats, SIMD, \
             atomics, reference/table ops, memory.init/data.drop and tail calls are unusable)"
        ));
    }

    let mut limit = |name: &str, count: u64, max: u64| {
        if count > max {
            problems.push(format!("too many {name}: {count} > {max} (nitro's limit)"));
        }
    };
    limit("memories", memories as u64, limits::MEMORIES as u64);
    limit("data segments", datas as u64, limits::DATAS as u64);
    limit("element segments", elements as u64, limits::ELEMENTS as u64);
    limit("exports", exports.len() as u64, limits::EXPORTS as u64);
    limit("functions", codes as u64, limits::FUNCTIONS as u64);
    limit("imports", imports as u64, limits::IMPORTS as u64);
    limit("table entries", table_entries, limits::TABLE_ENTRIES);
    limit("element entries", element_entries, limits::ELEMENT_ENTRIES);
    limit("initial memory pages", report.initial_pages, PAGE_LIMIT);

    if memories == 0 {
        problems.push("the module has no memory".into());
    }
    for (name, _, _) in &exports {
        if name.len() > limits::NAME_LEN {
            problems.push(format!(
                "export name longer than {} bytes",
                limits::NAME_LEN
            ));
        }
        if name.starts_with("stylus") {
            problems.push(format!("export `{name}` uses the reserved `stylus` prefix"));
        }
    }
    match exports.iter().find(|(name, ..)| name == MEMORY_EXPORT) {
        Some((_, ExternalKind::Memory, _)) => {}
        Some((_, kind, _)) => problems.push(format!(
            "export `{MEMORY_EXPORT}` is a {kind:?}, not a memory"
        )),
        None => problems.push(format!("no `{MEMORY_EXPORT}` export")),
    }
    match exports.iter().find(|(name, ..)| name == ENTRYPOINT) {
        Some((_, ExternalKind::Func, index)) => {
            let ty = func_types
                .get(*index as usize)
                .and_then(|t| types.get(*t as usize));
            let ok = ty
                .is_some_and(|ty| ty.params() == [ValType::I32] && ty.results() == [ValType::I32]);
            if !ok {
                problems.push(format!("`{ENTRYPOINT}` must have type (i32) -> i32"));
            }
        }
        Some((_, kind, _)) => problems.push(format!(
            "export `{ENTRYPOINT}` is a {kind:?}, not a function"
        )),
        None => problems.push(format!(
            "no `{ENTRYPOINT}` export (is the crate missing `#[entrypoint]`, or built without \
             the `cdylib` crate type?)"
        )),
    }
    Ok(())
}

/// Whether nitro's `pricing_v1` gives `op` a finite price.
fn nitro_prices(op: &Operator) -> bool {
    use Operator::*;
    matches!(
        op,
        Unreachable
            | Return
            | Nop
            | I32Const { .. }
            | I64Const { .. }
            | Drop
            | Block { .. }
            | Loop { .. }
            | Else
            | End
            | Br { .. }
            | BrIf { .. }
            | If { .. }
            | Select
            | Call { .. }
            | LocalGet { .. }
            | LocalTee { .. }
            | LocalSet { .. }
            | GlobalGet { .. }
            | GlobalSet { .. }
            | I32Load { .. }
            | I32Load8S { .. }
            | I32Load8U { .. }
            | I32Load16S { .. }
            | I32Load16U { .. }
            | I64Load { .. }
            | I64Load8S { .. }
            | I64Load8U { .. }
            | I64Load16S { .. }
            | I64Load16U { .. }
            | I64Load32S { .. }
            | I64Load32U { .. }
            | I32Store { .. }
            | I32Store8 { .. }
            | I32Store16 { .. }
            | I64Store { .. }
            | I64Store8 { .. }
            | I64Store16 { .. }
            | I64Store32 { .. }
            | MemorySize { .. }
            | MemoryGrow { .. }
            | I32Eqz
            | I32Eq
            | I32Ne
            | I32LtS
            | I32LtU
            | I32GtS
            | I32GtU
            | I32LeS
            | I32LeU
            | I32GeS
            | I32GeU
            | I64Eqz
            | I64Eq
            | I64Ne
            | I64LtS
            | I64LtU
            | I64GtS
            | I64GtU
            | I64LeS
            | I64LeU
            | I64GeS
            | I64GeU
            | I32Clz
            | I32Ctz
            | I32Add
            | I32Sub
            | I32Mul
            | I32DivS
            | I32DivU
            | I32RemS
            | I32RemU
            | I32And
            | I32Or
            | I32Xor
            | I32Shl
            | I32ShrS
            | I32ShrU
            | I32Rotl
            | I32Rotr
            | I64Clz
            | I64Ctz
            | I64Add
            | I64Sub
            | I64Mul
            | I64DivS
            | I64DivU
            | I64RemS
            | I64RemU
            | I64And
            | I64Or
            | I64Xor
            | I64Shl
            | I64ShrS
            | I64ShrU
            | I64Rotl
            | I64Rotr
            | I32Popcnt
            | I64Popcnt
            | I32WrapI64
            | I64ExtendI32S
            | I64ExtendI32U
            | I32Extend8S
            | I32Extend16S
            | I64Extend8S
            | I64Extend16S
            | I64Extend32S
            | MemoryCopy { .. }
            | MemoryFill { .. }
            | BrTable { .. }
            | CallIndirect { .. }
    )
}

/// The operator's variant name (`F32Add`, `MemoryInit`, ...).
fn operator_name(op: &Operator) -> String {
    let debug = format!("{op:?}");
    debug
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or_default()
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(wat: &str) -> Vec<String> {
        inspect(&wat::parse_str(wat).unwrap()).problems
    }

    const OK: &str = r#"(module
        (import "vm_hooks" "read_args" (func (param i32)))
        (memory (export "memory") 1)
        (func (export "user_entrypoint") (param i32) (result i32) local.get 0))"#;

    #[test]
    fn accepts_a_minimal_program() {
        assert_eq!(problems(OK), Vec::<String>::new());
        assert_eq!(inspect(&wat::parse_str(OK).unwrap()).initial_pages, 1);
    }

    #[test]
    fn rejects_imports_outside_vm_hooks() {
        let found = problems(
            r#"(module
            (import "env" "abort" (func (param i32)))
            (memory (export "memory") 1)
            (func (export "user_entrypoint") (param i32) (result i32) local.get 0))"#,
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].contains("`env`.`abort`"), "{found:?}");
    }

    #[test]
    fn requires_entrypoint_and_memory_exports() {
        let found = problems(
            r#"(module (memory 1) (func (export "main") (param i32) (result i32) local.get 0))"#,
        );
        assert!(
            found.iter().any(|p| p.contains("no `memory` export")),
            "{found:?}"
        );
        assert!(
            found.iter().any(|p| p.contains("no `user_entrypoint`")),
            "{found:?}"
        );
        let found =
            problems(r#"(module (memory (export "memory") 1) (func (export "user_entrypoint")))"#);
        assert!(
            found.iter().any(|p| p.contains("(i32) -> i32")),
            "{found:?}"
        );
    }

    #[test]
    fn rejects_floats_and_unpriced_operators() {
        let found = problems(
            r#"(module
            (memory (export "memory") 1)
            (data "abc")
            (func (export "user_entrypoint") (param i32) (result i32)
              f64.const 1
              f64.const 2
              f64.add
              drop
              i32.const 0 i32.const 0 i32.const 1 memory.init 0
              local.get 0))"#,
        );
        assert!(found.iter().any(|p| p.contains("`F64Add`")), "{found:?}");
        assert!(
            found.iter().any(|p| p.contains("`MemoryInit`")),
            "{found:?}"
        );
        assert!(found.iter().any(|p| p.contains("DataCount")), "{found:?}");
    }

    #[test]
    fn rejects_simd_and_reference_types_in_validation() {
        for body in ["v128.const i64x2 0 0 drop", "ref.null func drop"] {
            let found = problems(&format!(
                r#"(module (memory (export "memory") 1)
                (func (export "user_entrypoint") (param i32) (result i32) {body} local.get 0))"#
            ));
            assert!(
                found.iter().any(|p| p.contains("nitro's feature set")),
                "{found:?}"
            );
        }
    }

    #[test]
    fn rejects_start_functions() {
        let found = problems(
            r#"(module (memory (export "memory") 1)
            (func $s) (start $s)
            (func (export "user_entrypoint") (param i32) (result i32) local.get 0))"#,
        );
        assert!(
            found.iter().any(|p| p.contains("start function")),
            "{found:?}"
        );
    }
}
