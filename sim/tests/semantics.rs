//! Transaction semantics: reverts, out of gas, value, static calls,
//! reentrancy, deployment.

mod common;

use alloy_primitives::{Address, B256, U256};
use common::*;
use stylus_sim::{create_address, Chain, Tx};

fn chain_with_two() -> (Chain, Address, Address) {
    let mut chain = Chain::new(42_161);
    let a = deploy(&mut chain, &router());
    let b = deploy(&mut chain, &router());
    (chain, a, b)
}

#[test]
fn deploy_uses_the_create_address_and_runs_the_constructor() {
    let mut chain = Chain::new(7);
    chain.fund(ALICE, U256::from(1u64));
    // The constructor stores its calldata's first word at its second word.
    let wasm = program(
        r#"(import "vm_hooks" "storage_cache_bytes32" (func $cache (param i32 i32)))
           (import "vm_hooks" "storage_flush_cache" (func $flush (param i32)))"#,
        "(call $cache (i32.const 4) (i32.const 36)) (call $flush (i32.const 0)) (i32.const 0)",
    );
    let args = [word(1).0, word(2).0].concat();
    let expected = create_address(ALICE, 0);
    let (address, receipt) = chain.deploy(ALICE, &wasm, &args).expect("deploys");
    assert_eq!(address, expected);
    assert_eq!(chain.nonce(ALICE), 1);
    assert_eq!(chain.storage(address, word(1)), word(2));
    assert!(receipt.gas.init > 0 && receipt.gas.intrinsic > 21_000);
    // Known vector: the first CREATE address of 0x6ac7...c0 at nonce 0.
    let deployer: Address = "0x6ac7ea33f8831ea9dcc53393aaa88b25a785dbf0"
        .parse()
        .unwrap();
    assert_eq!(
        create_address(deployer, 0),
        "0xcd234a471b72ba2f1ccf0a70fcaba648a5eecd8d"
            .parse::<Address>()
            .unwrap()
    );
    // The second deployment goes to nonce 1's address.
    let (second, _) = chain.deploy(ALICE, &wasm, &args).unwrap();
    assert_eq!(second, create_address(ALICE, 1));
}

#[test]
fn a_failing_constructor_leaves_no_code_and_no_state() {
    let mut chain = Chain::new(7);
    let wasm = program(
        r#"(import "vm_hooks" "storage_cache_bytes32" (func $cache (param i32 i32)))
           (import "vm_hooks" "storage_flush_cache" (func $flush (param i32)))"#,
        "(call $cache (i32.const 4) (i32.const 36)) (call $flush (i32.const 0)) (i32.const 1)",
    );
    let receipt = chain
        .deploy(ALICE, &wasm, &[word(1).0, word(2).0].concat())
        .unwrap_err();
    assert!(!receipt.success);
    let address = create_address(ALICE, 0);
    assert!(!chain.has_code(address));
    assert_eq!(chain.storage(address, word(1)), B256::ZERO);
    assert_eq!(chain.nonce(ALICE), 1, "the nonce increments either way");
    assert!(chain.deploy(ALICE, b"not wasm", &[]).is_err());
}

#[test]
fn storage_persists_and_a_reverted_tx_restores_everything() {
    let (mut chain, a, _) = chain_with_two();
    assert!(send(&mut chain, a, U256::ZERO, &op_store(word(1), word(2))).success);
    assert_eq!(chain.storage(a, word(1)), word(2));
    let nonce = chain.nonce(ALICE);
    let receipt = send(
        &mut chain,
        a,
        U256::ZERO,
        &op_store_revert(word(1), word(3)),
    );
    assert!(!receipt.success);
    assert_eq!(receipt.output, word(3).to_vec(), "revert data");
    assert_eq!(chain.storage(a, word(1)), word(2));
    assert_eq!(chain.nonce(ALICE), nonce + 1);
    assert!(receipt.logs.is_empty());
}

#[test]
fn a_reverted_nested_call_restores_storage_and_value() {
    let (mut chain, a, b) = chain_with_two();
    chain.fund(a, U256::from(1_000u64));
    let inner = op_store_revert(word(5), word(6));
    let receipt = send(
        &mut chain,
        a,
        U256::ZERO,
        &op_call(b, U256::from(100u64), &inner),
    );
    assert!(receipt.success, "{receipt:?}");
    assert_eq!(receipt.output[0], 2, "the nested call failed");
    assert_eq!(&receipt.output[1..], word(6).as_slice(), "its revert data");
    assert_eq!(chain.storage(b, word(5)), B256::ZERO);
    assert_eq!(chain.balance(a), U256::from(1_000u64));
    assert_eq!(chain.balance(b), U256::ZERO);

    // A succeeding nested call keeps its changes and value...
    let inner = op_store(word(5), word(6));
    let receipt = send(
        &mut chain,
        a,
        U256::ZERO,
        &op_call(b, U256::from(100u64), &inner),
    );
    assert_eq!(receipt.output[0], 0);
    assert_eq!(chain.storage(b, word(5)), word(6));
    assert_eq!(chain.balance(b), U256::from(100u64));
    assert!(
        receipt.gas.calls >= 9_000,
        "value call surcharge: {:?}",
        receipt.gas
    );

    // ...unless the outer transaction reverts: then nothing stays, logs included.
    let inner = op_log(word(7), word(8));
    let receipt = send(
        &mut chain,
        a,
        U256::ZERO,
        &op_call_then_revert(b, U256::from(1u64), &inner),
    );
    assert!(!receipt.success);
    assert!(receipt.logs.is_empty());
    assert_eq!(chain.balance(b), U256::from(100u64));
}

#[test]
fn logs_are_kept_on_success() {
    let (mut chain, a, b) = chain_with_two();
    let receipt = send(
        &mut chain,
        a,
        U256::ZERO,
        &op_call(b, U256::ZERO, &op_log(word(7), word(8))),
    );
    assert!(receipt.success);
    assert_eq!(receipt.logs.len(), 1);
    assert_eq!(receipt.logs[0].address, b);
    assert_eq!(receipt.logs[0].topics, vec![word(7)]);
    assert_eq!(receipt.logs[0].data, word(8).to_vec());
    assert_eq!(receipt.gas.logs, 375 * 2 + 8 * 32);
}

#[test]
fn out_of_gas_fails_and_reverts_everything() {
    let (mut chain, a, b) = chain_with_two();
    let receipt = send(&mut chain, a, U256::ZERO, &[3]);
    assert!(!receipt.success);
    assert_eq!(receipt.gas_used, GAS, "out of gas burns the whole limit");

    // A nested call that runs out of gas fails (its 63/64 burnt) but the
    // caller goes on; a store made by the caller before stays.
    let receipt = send(&mut chain, a, U256::ZERO, &op_call(b, U256::ZERO, &[3]));
    assert!(receipt.success);
    assert_eq!(receipt.output[0], 2);

    // Too little gas for a store: the whole tx fails, nothing stored.
    let receipt = chain.send(Tx {
        from: ALICE,
        to: a,
        data: op_store(word(1), word(1)),
        gas_limit: 40_000,
        ..Default::default()
    });
    assert!(!receipt.success);
    assert_eq!(receipt.gas_used, 40_000);
    assert_eq!(chain.storage(a, word(1)), B256::ZERO);

    // Below the intrinsic cost: invalid, rejected before inclusion (no
    // gas used, no nonce change).
    let nonce = chain.nonce(ALICE);
    let receipt = chain.send(Tx {
        from: ALICE,
        to: a,
        data: vec![0; 10],
        gas_limit: 21_000,
        ..Default::default()
    });
    assert!(!receipt.success);
    assert_eq!(receipt.gas_used, 0);
    assert_eq!(chain.nonce(ALICE), nonce);
}

#[test]
fn value_transfers_to_eoas_programs_and_insufficient_balance() {
    let (mut chain, a, _) = chain_with_two();
    let start = chain.balance(ALICE);
    // Plain transfer to an EOA.
    let receipt = send(&mut chain, BOB, U256::from(5u64), &[]);
    assert!(receipt.success);
    assert_eq!(receipt.gas_used, 21_000);
    assert_eq!(chain.balance(BOB), U256::from(5u64));
    assert_eq!(chain.balance(ALICE), start - U256::from(5u64));
    // Value to a program (the router does not check msg_value).
    let receipt = send(&mut chain, a, U256::from(7u64), &op_store(word(1), word(1)));
    assert!(receipt.success);
    assert_eq!(chain.balance(a), U256::from(7u64));
    // From a program to an EOA, through call_contract.
    let receipt = send(
        &mut chain,
        a,
        U256::ZERO,
        &op_call(BOB, U256::from(3u64), &[]),
    );
    assert_eq!(receipt.output[0], 0);
    assert_eq!(chain.balance(BOB), U256::from(8u64));
    assert_eq!(chain.balance(a), U256::from(4u64));
    // More than the program holds: the call fails, nothing moves.
    let receipt = send(
        &mut chain,
        a,
        U256::ZERO,
        &op_call(BOB, U256::from(100u64), &[]),
    );
    assert_eq!(receipt.output[0], 2);
    assert_eq!(chain.balance(BOB), U256::from(8u64));
    // More than the sender holds: an invalid transaction, rejected before
    // inclusion: no gas used, the nonce does not move.
    let nonce = chain.nonce(BOB);
    let receipt = chain.send(Tx {
        from: BOB,
        to: ALICE,
        value: U256::from(9u64),
        gas_limit: 21_000,
        ..Default::default()
    });
    assert!(!receipt.success);
    assert_eq!(receipt.gas_used, 0);
    assert_eq!(chain.balance(BOB), U256::from(8u64));
    assert_eq!(chain.nonce(BOB), nonce);
}

#[test]
fn static_calls_forbid_state_changes() {
    let (mut chain, a, b) = chain_with_two();
    // A write or a log in a static frame fails that frame.
    for inner in [op_store(word(1), word(2)), op_log(word(1), word(2))] {
        let receipt = send(&mut chain, a, U256::ZERO, &op_static(b, &inner));
        assert!(receipt.success);
        assert_eq!(receipt.output[0], 2, "{inner:?}");
    }
    // A value call from a static frame fails (b sees status 2).
    chain.fund(b, U256::from(1u64));
    let receipt = send(
        &mut chain,
        a,
        U256::ZERO,
        &op_static(b, &op_call(BOB, U256::from(1u64), &[])),
    );
    assert_eq!(receipt.output[..2], [0, 2]);
    assert_eq!(chain.storage(b, word(1)), B256::ZERO);
    assert_eq!(chain.balance(BOB), U256::ZERO);
    // A read-only static call succeeds.
    let receipt = send(&mut chain, a, U256::ZERO, &op_static(b, &[6]));
    assert_eq!(receipt.output[0], 0);
    // `view` never changes state, even if the program tries.
    let receipt = chain.view(ALICE, a, &op_store(word(1), word(2)));
    assert!(!receipt.success);
    assert_eq!(chain.storage(a, word(1)), B256::ZERO);
    let nonce = chain.nonce(ALICE);
    assert!(chain.view(ALICE, a, &[6]).success);
    assert_eq!(chain.nonce(ALICE), nonce);
}

#[test]
fn delegate_call_runs_code_in_the_callers_storage() {
    let (mut chain, a, b) = chain_with_two();
    let receipt = send(
        &mut chain,
        a,
        U256::ZERO,
        &op_delegate(b, &op_store(word(4), word(5))),
    );
    assert_eq!(receipt.output[0], 0);
    assert_eq!(chain.storage(a, word(4)), word(5));
    assert_eq!(chain.storage(b, word(4)), B256::ZERO);
}

#[test]
fn reentrancy_flag() {
    let (mut chain, a, b) = chain_with_two();
    // Top level: not reentrant.
    let receipt = send(&mut chain, a, U256::ZERO, &[6]);
    assert_eq!(receipt.output, 0u32.to_le_bytes());
    // a -> b: b is not reentrant.
    let receipt = send(&mut chain, a, U256::ZERO, &op_call(b, U256::ZERO, &[6]));
    assert_eq!(&receipt.output[1..], 0u32.to_le_bytes());
    // a -> b -> a: a is reentrant.
    let back = op_call(a, U256::ZERO, &[6]);
    let receipt = send(&mut chain, a, U256::ZERO, &op_call(b, U256::ZERO, &back));
    assert_eq!(receipt.output[0], 0);
    // b's output: [status 0] ++ [a's 4 bytes].
    assert_eq!(
        &receipt.output[1..],
        [&[0u8][..], &1u32.to_le_bytes()].concat()
    );
}

#[test]
fn sdk_style_entrypoint_reverts_when_reentered() {
    // The SDK's entrypoint: `if msg_reentrant() { return 1 }`.
    let mut chain = Chain::new(1);
    let guarded = deploy(
        &mut chain,
        &program(
            r#"(import "vm_hooks" "msg_reentrant" (func $r (result i32)))"#,
            "(if (call $r) (then (return (i32.const 1)))) (i32.const 0)",
        ),
    );
    let router = deploy(&mut chain, &router());
    // router -> guarded: fine.
    let receipt = send(
        &mut chain,
        router,
        U256::ZERO,
        &op_call(guarded, U256::ZERO, &[]),
    );
    assert_eq!(receipt.output[0], 0);
    // router -> router: the inner router sees msg_reentrant = 1.
    let receipt = send(
        &mut chain,
        router,
        U256::ZERO,
        &op_call(router, U256::ZERO, &[6]),
    );
    assert_eq!(&receipt.output[1..], 1u32.to_le_bytes());
    // Delegate-called guarded code runs as the router, but a delegate frame
    // is not pushed (nitro's `PushContract` skips it): the router acts once,
    // so the guard passes.
    let receipt = send(&mut chain, router, U256::ZERO, &op_delegate(guarded, &[]));
    assert_eq!(
        receipt.output[0], 0,
        "a delegate call alone does not make the acting address reentrant"
    );
    // router -> router -(delegate)-> guarded: the router now acts in two
    // frames, so the guard reverts (status 2 to the inner router).
    let receipt = send(
        &mut chain,
        router,
        U256::ZERO,
        &op_call(router, U256::ZERO, &op_delegate(guarded, &[])),
    );
    assert_eq!(receipt.output[..2], [0, 2]);
}

#[test]
fn intrinsic_gas_and_breakdown_add_up() {
    let (mut chain, a, _) = chain_with_two();
    let data = op_store(word(1), word(2));
    let receipt = send(&mut chain, a, U256::ZERO, &data);
    let g = receipt.gas;
    let nonzero = data.iter().filter(|&&b| b != 0).count() as u64;
    assert_eq!(
        g.intrinsic,
        21_000 + 16 * nonzero + 4 * (data.len() as u64 - nonzero)
    );
    // Every part is tallied on its own; they add up.
    assert_eq!(
        g.intrinsic
            + g.compute
            + g.hostio
            + g.storage
            + g.calls
            + g.precompile
            + g.logs
            + g.init
            + g.memory
            + g.out_of_gas_burn
            - g.refund,
        receipt.gas_used
    );
    assert_eq!(g.out_of_gas_burn, 0);
    // A fresh slot: 2,100 cold + 20,000 set.
    assert_eq!(g.storage, 22_100, "{g:?}");
    // The router's path to a store: about ten blocks of opcode ink (each
    // a 2,450-ink header and its operators), 2-3 gas.
    assert!(g.compute >= 2 && g.compute < 10, "{g:?}");
    // Rewriting the same value: 2,100 cold + 100.
    let again = send(&mut chain, a, U256::ZERO, &data);
    assert_eq!(again.gas.storage, 2_200, "{:?}", again.gas);
    assert_eq!(again.gas.total(), again.gas_used);
}
