//! The deployable Stylus programs of this workspace and their size budgets.

use anyhow::{bail, Result};

/// Largest deployed code the chain accepts (EIP-170 limit, applied by Stylus
/// to the compressed program: prefix + dictionary byte + brotli stream).
pub const MAX_DEPLOYED_BYTES: usize = 24_576;

/// Largest uncompressed wasm nitro accepts at activation (`MaxWasmSize`,
/// 128 KiB; cargo-stylus checks the same figure).
pub const MAX_WASM_BYTES: usize = 128 * 1024;

/// One deployable program: a `cdylib` crate under `contracts/<lib>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Program {
    /// Cargo package name (`-p`).
    pub package: &'static str,
    /// Library (crate) name: names the directory, the artifact and the ABI files.
    pub lib: &'static str,
    /// Our own ceiling on deployed bytes, below [`MAX_DEPLOYED_BYTES`], so a
    /// program keeps headroom for fixes after it ships.
    pub budget: usize,
}

/// Every deployable program, in build and report order.
///
/// Budgets are a team decision: change them here (and say why in the commit).
pub const PROGRAMS: &[Program] = &[
    Program {
        package: "datanet-registry",
        lib: "datanet_registry",
        budget: 20_480,
    },
    Program {
        package: "attribution",
        lib: "attribution",
        budget: 22_528,
    },
    Program {
        package: "model-market",
        lib: "model_market",
        budget: 22_528,
    },
    Program {
        package: "reward-splitter",
        lib: "reward_splitter",
        budget: 22_528,
    },
];

/// Programs built like the deployable ones, for the in-process scenario
/// only (`sim/programs/<lib>`): never deployed, no ABI files. Their budget
/// is the chain's limit.
pub const TEST_PROGRAMS: &[Program] = &[Program {
    package: "test-token",
    lib: "test_token",
    budget: MAX_DEPLOYED_BYTES,
}];

/// Selects the programs named by `filter` (a lib name such as
/// `datanet_registry` or a package name such as `datanet-registry`), or all
/// of them when `filter` is `None`, from the deployable programs and, with
/// `with_test_programs`, the test programs after them.
pub fn select(filter: Option<&str>, with_test_programs: bool) -> Result<Vec<Program>> {
    let pool: Vec<Program> = if with_test_programs {
        PROGRAMS.iter().chain(TEST_PROGRAMS).copied().collect()
    } else {
        PROGRAMS.to_vec()
    };
    let Some(name) = filter else {
        return Ok(pool);
    };
    match pool.iter().find(|p| p.lib == name || p.package == name) {
        Some(p) => Ok(vec![*p]),
        None => {
            let known: Vec<&str> = pool.iter().map(|p| p.lib).collect();
            bail!(
                "unknown program `{name}`; expected one of: {}",
                known.join(", ")
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn select_accepts_lib_and_package_names() {
        assert_eq!(select(None, false).unwrap().len(), PROGRAMS.len());
        assert_eq!(
            select(None, true).unwrap().len(),
            PROGRAMS.len() + TEST_PROGRAMS.len()
        );
        assert_eq!(
            select(Some("model_market"), false).unwrap()[0].package,
            "model-market"
        );
        assert_eq!(
            select(Some("model-market"), false).unwrap()[0].lib,
            "model_market"
        );
        assert!(select(Some("nope"), false).is_err());
        // Test programs build, but have no ABI.
        assert_eq!(
            select(Some("test_token"), true).unwrap()[0].package,
            "test-token"
        );
        assert!(select(Some("test_token"), false).is_err());
    }

    #[test]
    fn budgets_fit_under_the_chain_limit() {
        for p in PROGRAMS.iter().chain(TEST_PROGRAMS) {
            assert!(p.budget <= MAX_DEPLOYED_BYTES, "{}", p.lib);
        }
    }
}
