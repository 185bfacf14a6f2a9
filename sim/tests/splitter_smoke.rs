//! Deploys the real `reward_splitter` program (built by `cargo xtask build`)
//! and reads views. Skipped, with a note, when the wasm is missing.

use std::path::PathBuf;

use alloy_primitives::{address, Address, B256, U256};
use alloy_sol_types::{sol, SolCall, SolValue};
use stylus_sim::{Chain, Tx};

sol! {
    function config() external view returns (address, uint16, uint8);
    function hasRole(bytes32 role, address account) external view returns (bool);
    function setProtocolFee(uint16 bps) external;
}

const ADMIN: Address = address!("00000000000000000000000000000000000a11ce");
const TREASURY: Address = address!("0000000000000000000000000000000000007ea5");

/// The built splitter: `$STYLUS_WASM_DIR` (set by `cargo xtask test`), else
/// `$CARGO_TARGET_DIR/stylus` or `target/stylus`. Missing: skipped with a
/// note, or a failure when `$STYLUS_WASM_REQUIRED` is set.
fn splitter_wasm() -> Option<Vec<u8>> {
    let dir = std::env::var_os("STYLUS_WASM_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            std::env::var_os("CARGO_TARGET_DIR")
                .map(PathBuf::from)
                .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target"))
                .join("stylus")
        });
    let path = dir.join("reward_splitter.wasm");
    match std::fs::read(&path) {
        Ok(wasm) => Some(wasm),
        Err(_) => {
            assert!(
                std::env::var_os("STYLUS_WASM_REQUIRED").is_none(),
                "{} is missing (run `cargo xtask build`)",
                path.display()
            );
            eprintln!(
                "skipped: {} is missing (run `cargo xtask build`)",
                path.display()
            );
            None
        }
    }
}

#[test]
fn deploys_the_real_splitter_and_reads_views() {
    let Some(wasm) = splitter_wasm() else { return };
    let mut chain = Chain::new(42_161);
    let args = (ADMIN, TREASURY, 250u16).abi_encode_params();
    let (splitter, receipt) = chain
        .deploy(ADMIN, &wasm, &args)
        .unwrap_or_else(|r| panic!("constructor failed: {r:?}"));
    println!(
        "deploy (constructor) gas: {} {:?}",
        receipt.gas_used, receipt.gas
    );
    assert!(!receipt.logs.is_empty(), "the constructor emits events");

    let config = chain.view(ADMIN, splitter, &configCall {}.abi_encode());
    assert!(config.success, "{config:?}");
    let decoded = configCall::abi_decode_returns(&config.output, true).unwrap();
    assert_eq!(decoded._0, TREASURY);
    assert_eq!(decoded._1, 250);
    assert_eq!(decoded._2, 1, "native token listed");
    println!("config() view gas: {} {:?}", config.gas_used, config.gas);

    let call = hasRoleCall {
        role: B256::ZERO,
        account: ADMIN,
    };
    let has_role = chain.view(ADMIN, splitter, &call.abi_encode());
    assert!(has_role.success);
    assert!(
        hasRoleCall::abi_decode_returns(&has_role.output, true)
            .unwrap()
            ._0
    );
    println!("hasRole view gas: {} {:?}", has_role.gas_used, has_role.gas);

    // The constructor runs once.
    let again = chain.send(Tx {
        from: ADMIN,
        to: splitter,
        data: [
            &alloy_primitives::keccak256("stylus_constructor()")[..4],
            &args[..],
        ]
        .concat(),
        gas_limit: 5_000_000,
        ..Default::default()
    });
    assert!(!again.success, "second constructor run must revert");

    // An admin write, and a non-admin one that reverts.
    let set = |from| Tx {
        from,
        to: splitter,
        value: U256::ZERO,
        data: setProtocolFeeCall { bps: 100 }.abi_encode(),
        gas_limit: 1_000_000,
    };
    let ok = chain.send(set(ADMIN));
    assert!(ok.success, "{ok:?}");
    println!("setProtocolFee gas: {} {:?}", ok.gas_used, ok.gas);
    let denied = chain.send(set(TREASURY));
    assert!(!denied.success);
    assert!(denied.logs.is_empty());
    let config = chain.view(ADMIN, splitter, &configCall {}.abi_encode());
    let decoded = configCall::abi_decode_returns(&config.output, true).unwrap();
    assert_eq!(decoded._1, 100);
}

#[test]
fn a_failing_constructor_leaves_nothing() {
    let Some(wasm) = splitter_wasm() else { return };
    let mut chain = Chain::new(42_161);
    let args = (Address::ZERO, TREASURY, 250u16).abi_encode_params();
    let receipt = chain.deploy(ADMIN, &wasm, &args).unwrap_err();
    assert!(!receipt.success);
    let would_be = stylus_sim::create_address(ADMIN, 0);
    assert!(!chain.has_code(would_be));
    assert_eq!(chain.nonce(ADMIN), 1);
}
