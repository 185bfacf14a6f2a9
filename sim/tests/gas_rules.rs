//! Gas rules: precompiles, SSTORE refunds, the 63/64 rule and the
//! stipend, warm and cold calls, exact charging of callees, out of gas in
//! a nested hostio, and the breakdown adding up.

mod common;

use alloy_primitives::{address, Address, B256, U256};
use common::*;
use stylus_sim::{gas, Chain, Receipt, Tx};

/// Calls a target `n` times. Calldata: `n` (1 byte), gas (i64 LE), value
/// (32 bytes), target (20 bytes), call data. First stores 1 at slot 0.
/// Returns `evm_gas_left` before the calls (8 bytes LE), after them (8),
/// the last status (1) and the last return data.
fn caller() -> Vec<u8> {
    program(
        r#"(import "vm_hooks" "call_contract" (func $call (param i32 i32 i32 i32 i64 i32) (result i32)))
           (import "vm_hooks" "read_return_data" (func $rrd (param i32 i32 i32) (result i32)))
           (import "vm_hooks" "evm_gas_left" (func $gas (result i64)))
           (import "vm_hooks" "storage_cache_bytes32" (func $cache (param i32 i32)))
           (import "vm_hooks" "storage_flush_cache" (func $flush (param i32)))"#,
        r#"(i32.store8 (i32.const 3063) (i32.const 1))
           (call $cache (i32.const 3000) (i32.const 3032))
           (call $flush (i32.const 0))
           (local.set $op (i32.load8_u (i32.const 0)))
           (i64.store (i32.const 2048) (call $gas))
           (block $done (loop $l
             (br_if $done (i32.eqz (local.get $op)))
             (local.set $st (call $call (i32.const 41) (i32.const 61)
               (i32.sub (local.get $len) (i32.const 61)) (i32.const 9)
               (i64.load (i32.const 1)) (i32.const 4000)))
             (local.set $op (i32.sub (local.get $op) (i32.const 1)))
             (br $l)))
           (i64.store (i32.const 2056) (call $gas))
           (i32.store8 (i32.const 2064) (local.get $st))
           (local.set $rl (call $rrd (i32.const 2065) (i32.const 0) (i32.load (i32.const 4000))))
           (call $write_result (i32.const 2048) (i32.add (i32.const 17) (local.get $rl)))
           (i32.const 0)"#,
    )
}

fn op_calls(n: u8, gas: u64, value: U256, target: Address, data: &[u8]) -> Vec<u8> {
    [
        &[n][..],
        &gas.to_le_bytes(),
        &value.to_be_bytes::<32>(),
        target.as_slice(),
        data,
    ]
    .concat()
}

struct Calls {
    before: u64,
    after: u64,
    status: u8,
    data: Vec<u8>,
}

fn calls(receipt: &Receipt) -> Calls {
    let out = &receipt.output;
    Calls {
        before: u64::from_le_bytes(out[..8].try_into().unwrap()),
        after: u64::from_le_bytes(out[8..16].try_into().unwrap()),
        status: out[16],
        data: out[17..].to_vec(),
    }
}

/// Returns `evm_gas_left` (first thing), `msg_sender`, `msg_value` and
/// `contract_address`: 8 + 20 + 32 + 20 bytes.
fn reporter() -> Vec<u8> {
    program(
        r#"(import "vm_hooks" "evm_gas_left" (func $gas (result i64)))
           (import "vm_hooks" "msg_sender" (func $sender (param i32)))
           (import "vm_hooks" "msg_value" (func $value (param i32)))
           (import "vm_hooks" "contract_address" (func $address (param i32)))"#,
        r#"(i64.store (i32.const 1024) (call $gas))
           (call $sender (i32.const 1032))
           (call $value (i32.const 1052))
           (call $address (i32.const 1084))
           (call $write_result (i32.const 1024) (i32.const 80))
           (i32.const 0)"#,
    )
}

fn assert_adds_up(receipt: &Receipt) {
    assert_eq!(receipt.gas.total(), receipt.gas_used, "{:?}", receipt.gas);
}

const ECRECOVER: Address = address!("0000000000000000000000000000000000000001");

#[test]
fn ecrecover_recovers_the_signer_for_3000_gas() {
    use k256::ecdsa::SigningKey;
    // Private key 1: its address is well known.
    let mut secret = [0u8; 32];
    secret[31] = 1;
    let key = SigningKey::from_slice(&secret).unwrap();
    let signer = address!("7E5F4552091A69125d5DfCb7b8C2659029395Bdf");
    let digest = alloy_primitives::keccak256(b"stylus-sim ecrecover");
    let (sig, recid) = key.sign_prehash_recoverable(digest.as_slice()).unwrap();
    let bytes = sig.to_bytes();
    let mut v = [0u8; 32];
    v[31] = 27 + recid.to_byte();
    let input = [digest.as_slice(), &v, &bytes[..32], &bytes[32..]].concat();

    let mut chain = Chain::new(1);
    let router = deploy(&mut chain, &router());
    let receipt = send(
        &mut chain,
        router,
        U256::ZERO,
        &op_static(ECRECOVER, &input),
    );
    assert!(receipt.success, "{receipt:?}");
    assert_eq!(receipt.output[0], 0);
    assert_eq!(receipt.output[1..13], [0; 12]);
    assert_eq!(Address::from_slice(&receipt.output[13..]), signer);
    assert_eq!(receipt.gas.precompile, gas::ECRECOVER_GAS);
    assert_eq!(receipt.gas.calls, gas::WARM_ACCOUNT, "precompiles are warm");
    assert_adds_up(&receipt);

    // go-ethereum's `ValidKey` vector (core/vm/testdata/precompiles/ecRecover.json).
    let vector = alloy_primitives::hex::decode(
        "38d18acb67d25c8bb9942764b62f18e17054f66a817bd4295423adf9ed98873e\
         000000000000000000000000000000000000000000000000000000000000001b\
         38d18acb67d25c8bb9942764b62f18e17054f66a817bd4295423adf9ed98873e\
         789d1dd423d25f0772d2748d60f7e4b81bb14d086eba8e8e8efb6dcff8a4ae02",
    )
    .unwrap();
    let receipt = send(
        &mut chain,
        router,
        U256::ZERO,
        &op_static(ECRECOVER, &vector),
    );
    assert_eq!(
        receipt.output[13..],
        *address!("ceaccac640adf55b2028469bd36ba501f28b699d").as_slice()
    );

    // Invalid input (v = 29, or s = 0): success with empty output.
    let mut bad = input.clone();
    bad[63] = 29;
    let receipt = send(&mut chain, router, U256::ZERO, &op_static(ECRECOVER, &bad));
    assert_eq!(receipt.output, [0]);
    let mut bad = input.clone();
    bad[96..].fill(0);
    let receipt = send(&mut chain, router, U256::ZERO, &op_static(ECRECOVER, &bad));
    assert_eq!(receipt.output, [0]);
    assert_eq!(receipt.gas.precompile, gas::ECRECOVER_GAS);
}

#[test]
fn unimplemented_precompiles_fail_loudly() {
    let mut chain = Chain::new(1);
    let router = deploy(&mut chain, &router());
    let arbsys = address!("0000000000000000000000000000000000000064");
    let receipt = send(
        &mut chain,
        router,
        U256::ZERO,
        &op_static(arbsys, &[1, 2, 3]),
    );
    assert_eq!(receipt.output[0], 2);
    let why = String::from_utf8_lossy(&receipt.output[1..]).to_string();
    assert!(
        why.contains("ArbSys") && why.contains("not implemented"),
        "{why}"
    );
    assert_eq!(receipt.gas.calls, gas::WARM_ACCOUNT, "precompiles are warm");
    // A transaction straight to one fails too.
    let sha256 = address!("0000000000000000000000000000000000000002");
    let receipt = send(&mut chain, sha256, U256::ZERO, b"abc");
    assert!(!receipt.success);
    assert!(String::from_utf8_lossy(&receipt.output).contains("sha256"));
}

/// Stores 1..=10 (or 0 with calldata byte 0 = 0) into slots 1..=10.
fn ten_slots() -> Vec<u8> {
    program(
        r#"(import "vm_hooks" "storage_cache_bytes32" (func $cache (param i32 i32)))
           (import "vm_hooks" "storage_flush_cache" (func $flush (param i32)))"#,
        r#"(local.set $op (i32.const 10))
           (block $done (loop $l
             (br_if $done (i32.eqz (local.get $op)))
             (i32.store8 (i32.const 1055) (local.get $op))
             (i32.store8 (i32.const 1087) (i32.mul (local.get $op) (i32.load8_u (i32.const 0))))
             (call $cache (i32.const 1024) (i32.const 1056))
             (local.set $op (i32.sub (local.get $op) (i32.const 1)))
             (br $l)))
           (call $flush (i32.const 0))
           (i32.const 0)"#,
    )
}

#[test]
fn clearing_a_slot_refunds_4800_capped_at_a_fifth() {
    let (mut chain, a, b) = {
        let mut chain = Chain::new(1);
        let a = deploy(&mut chain, &router());
        let b = deploy(&mut chain, &router());
        (chain, a, b)
    };
    assert!(send(&mut chain, a, U256::ZERO, &op_store(word(1), word(2))).success);
    let clear = send(&mut chain, a, U256::ZERO, &op_store(word(1), B256::ZERO));
    assert!(clear.success);
    assert_eq!(chain.storage(a, word(1)), B256::ZERO);
    assert_eq!(clear.gas.refund, 4_800, "{:?}", clear.gas);
    assert_eq!(clear.gas.storage, 2_100 + 2_900);
    assert_adds_up(&clear);

    // Ten slots cleared: 48,000 counted, a fifth of the gas refunded.
    let many = deploy(&mut chain, &ten_slots());
    assert!(send(&mut chain, many, U256::ZERO, &[1]).success);
    let clear = send(&mut chain, many, U256::ZERO, &[0]);
    assert!(clear.success);
    let spent = clear.gas_used + clear.gas.refund;
    assert!(spent / 5 < 48_000);
    assert_eq!(clear.gas.refund, spent / 5);
    assert_adds_up(&clear);

    // A reverted frame's refund is dropped.
    assert!(send(&mut chain, b, U256::ZERO, &op_store(word(1), word(2))).success);
    let receipt = send(
        &mut chain,
        a,
        U256::ZERO,
        &op_call(b, U256::ZERO, &op_store_revert(word(1), B256::ZERO)),
    );
    assert_eq!(receipt.output[0], 2);
    assert_eq!(receipt.gas.refund, 0);
    let receipt = send(
        &mut chain,
        a,
        U256::ZERO,
        &op_call(b, U256::ZERO, &op_store(word(1), B256::ZERO)),
    );
    assert_eq!(receipt.output[0], 0);
    assert_eq!(receipt.gas.refund, 4_800);
}

/// Calldata: key, then values; caches and flushes each value in turn.
fn store_each() -> Vec<u8> {
    program(
        r#"(import "vm_hooks" "storage_cache_bytes32" (func $cache (param i32 i32)))
           (import "vm_hooks" "storage_flush_cache" (func $flush (param i32)))"#,
        r#"(local.set $op (i32.const 32))
           (block $done (loop $l
             (br_if $done (i32.ge_u (local.get $op) (local.get $len)))
             (call $cache (i32.const 0) (local.get $op))
             (call $flush (i32.const 0))
             (local.set $op (i32.add (local.get $op) (i32.const 32)))
             (br $l)))
           (i32.const 0)"#,
    )
}

#[test]
fn sstore_back_to_the_original_value_refunds_per_eip_2200() {
    let mut chain = Chain::new(1);
    let program = deploy(&mut chain, &store_each());
    let key = word(9);
    assert!(
        send(
            &mut chain,
            program,
            U256::ZERO,
            &[key.0, word(1).0].concat()
        )
        .success
    );
    // 1 -> 2 -> 1: 2,100 + 2,900, then 100 with 2,800 back.
    let receipt = send(
        &mut chain,
        program,
        U256::ZERO,
        &[key.0, word(2).0, word(1).0].concat(),
    );
    assert_eq!(chain.storage(program, key), word(1));
    assert_eq!(receipt.gas.storage, 2_100 + 2_900 + 100);
    assert_eq!(receipt.gas.refund, 2_800);
    assert_adds_up(&receipt);
    // 0 -> 1 -> 0 on a fresh slot: 2,100 + 20,000, then 100 with 19,900
    // back, capped at a fifth of the gas.
    let fresh = word(10);
    let receipt = send(
        &mut chain,
        program,
        U256::ZERO,
        &[fresh.0, word(1).0, [0; 32]].concat(),
    );
    assert_eq!(chain.storage(program, fresh), B256::ZERO);
    assert_eq!(receipt.gas.storage, 2_100 + 20_000 + 100);
    let spent = receipt.gas_used + receipt.gas.refund;
    assert_eq!(receipt.gas.refund, (spent / 5).min(19_900));
    assert_adds_up(&receipt);
}

#[test]
fn the_callee_gets_63_64_and_the_caller_keeps_1_64() {
    let mut chain = Chain::new(1);
    let caller = deploy(&mut chain, &caller());
    let looper = deploy(&mut chain, &router());
    // The callee loops until out of gas: it burns what it was given.
    let receipt = send(
        &mut chain,
        caller,
        U256::ZERO,
        &op_calls(1, u64::MAX, U256::ZERO, looper, &[3]),
    );
    assert!(receipt.success, "{receipt:?}");
    let c = calls(&receipt);
    assert_eq!(c.status, 2);
    // The callee got (left - 2,600) * 63 / 64; the caller keeps the rest,
    // a 64th, less the few gas of its own ink around the call.
    let kept = (c.before - gas::COLD_ACCOUNT) / 64;
    assert!(
        c.after <= kept && c.after + 30 >= kept,
        "{} vs {kept}",
        c.after
    );
    // The looping callee's gas went to compute (its loop), the remainder
    // of its last block to the burn.
    let given = (c.before - gas::COLD_ACCOUNT) * 63 / 64;
    assert!(receipt.gas.compute >= given - 20_000 && receipt.gas.compute <= given + 20_000);
    assert!(receipt.gas.out_of_gas_burn < 1_000);
    assert_adds_up(&receipt);
    // The caller's store stays although its callee failed.
    assert_eq!(chain.storage(caller, B256::ZERO), B256::with_last_byte(1));
}

#[test]
fn exact_gas_stipend_and_63_64_as_the_callee_sees_them() {
    let mut chain = Chain::new(1);
    chain.fund(ALICE, U256::from(10u64).pow(U256::from(21)));
    let caller = deploy(&mut chain, &caller());
    let reporter_wasm = reporter();
    let reporter = deploy(&mut chain, &reporter_wasm);
    chain.fund(caller, U256::from(100u64));
    let seen = |chain: &mut Chain, gas: u64, value: u64| {
        let receipt = send(
            chain,
            caller,
            U256::ZERO,
            &op_calls(1, gas, U256::from(value), reporter, &[]),
        );
        assert!(receipt.success, "{receipt:?}");
        assert_adds_up(&receipt);
        let c = calls(&receipt);
        assert_eq!(c.status, 0);
        (
            c.before,
            u64::from_le_bytes(c.data[..8].try_into().unwrap()),
        )
    };
    // With 50,000 asked: the callee's evm_gas_left is 50,000 less its init
    // and the few gas it spent before asking (a constant).
    let (_, base) = seen(&mut chain, 50_000, 0);
    let overhead = 50_000 - base;
    let init = gas::init_gas(reporter_wasm.len());
    assert!(overhead >= init && overhead <= init + 5, "{overhead}");
    // With value: exactly 2,300 more (the stipend).
    let (_, with_value) = seen(&mut chain, 50_000, 1);
    assert_eq!(with_value, base + gas::CALL_STIPEND);
    // Asking for everything: (left - base) * 63 / 64, left being the
    // caller's gas at the call (its evm_gas_left less a few gas); the
    // reporter is cold in each transaction.
    let (before, all) = seen(&mut chain, u64::MAX, 0);
    let given = all + overhead;
    let max = (before - gas::COLD_ACCOUNT) * 63 / 64;
    assert!(given <= max && given + 20 >= max, "{given} vs {max}");
}

#[test]
fn a_warm_second_call_costs_2500_less() {
    let mut chain = Chain::new(1);
    let caller = deploy(&mut chain, &caller());
    let target = deploy(&mut chain, &reporter());
    let once = send(
        &mut chain,
        caller,
        U256::ZERO,
        &op_calls(1, u64::MAX, U256::ZERO, target, &[]),
    );
    let twice = send(
        &mut chain,
        caller,
        U256::ZERO,
        &op_calls(2, u64::MAX, U256::ZERO, target, &[]),
    );
    assert_eq!(once.gas.calls, gas::COLD_ACCOUNT);
    assert_eq!(twice.gas.calls - once.gas.calls, gas::COLD_ACCOUNT - 2_500);
    assert_adds_up(&once);
    assert_adds_up(&twice);
}

#[test]
fn the_caller_is_charged_exactly_what_the_callee_used() {
    // The parts of a nested transaction are tallied where they are spent
    // (the callee's in the callee, the caller's compute from its own
    // metering); they add up to gas_used only if the caller was charged
    // exactly the callee's use, stipend included.
    let mut chain = Chain::new(1);
    let caller = deploy(&mut chain, &caller());
    let target = deploy(&mut chain, &router());
    chain.fund(caller, U256::from(100u64));
    for (value, data) in [
        (0u64, op_store(word(1), word(2))),
        (1, op_store(word(1), word(3))),
        (0, op_store_revert(word(1), word(4))),
        (1, vec![3]),
        (0, op_log(word(1), word(2))),
    ] {
        let receipt = send(
            &mut chain,
            caller,
            U256::ZERO,
            &op_calls(1, 200_000, U256::from(value), target, &data),
        );
        assert!(receipt.success, "{receipt:?}");
        assert_adds_up(&receipt);
        assert!(receipt.gas.compute > 0);
    }
}

#[test]
fn out_of_gas_in_a_nested_hostio_fails_only_the_callee() {
    let mut chain = Chain::new(1);
    let caller = deploy(&mut chain, &caller());
    let router_wasm = router();
    let target = deploy(&mut chain, &router_wasm);
    // Enough for the callee's init and a little more, not for its flush's
    // 22,100 gas.
    let budget = gas::init_gas(router_wasm.len()) + 5_000;
    let receipt = send(
        &mut chain,
        caller,
        U256::ZERO,
        &op_calls(1, budget, U256::ZERO, target, &op_store(word(1), word(2))),
    );
    assert!(receipt.success, "{receipt:?}");
    let c = calls(&receipt);
    assert_eq!(c.status, 2);
    assert!(c.data.is_empty());
    assert_eq!(chain.storage(target, word(1)), B256::ZERO);
    assert!(receipt.gas.out_of_gas_burn > 0 && receipt.gas.out_of_gas_burn < 5_000);
    assert_adds_up(&receipt);
}

#[test]
fn msg_sender_and_value_inside_a_delegate_call() {
    let mut chain = Chain::new(1);
    let router = deploy(&mut chain, &router());
    let reporter = deploy(&mut chain, &reporter());
    let receipt = chain.send(Tx {
        from: ALICE,
        to: router,
        value: U256::from(5u64),
        data: op_delegate(reporter, &[]),
        gas_limit: GAS,
    });
    assert!(receipt.success);
    let out = &receipt.output;
    assert_eq!(out[0], 0);
    assert_eq!(&out[9..29], ALICE.as_slice(), "the router's caller");
    assert_eq!(
        U256::from_be_slice(&out[29..61]),
        U256::from(5u64),
        "its value"
    );
    assert_eq!(&out[61..81], router.as_slice(), "the router's address");
}
