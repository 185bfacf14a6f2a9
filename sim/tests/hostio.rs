//! One test per `vm_hooks` hostio, each on a small WAT program.

mod common;

use alloy_primitives::{keccak256, Address, B256, U256};
use common::*;
use stylus_sim::{gas, Chain, Tx, BASEFEE, BLOCK_GAS_LIMIT, COINBASE, GENESIS_TIMESTAMP};

const PTR_OUT: &str = "(param i32)";

/// Runs a program that calls `name` with one output pointer (1024) and
/// returns `len` bytes.
fn ptr_getter(name: &str, len: u32, value: U256) -> (Chain, Address, Vec<u8>) {
    let wasm = getter(
        &format!(r#"(import "vm_hooks" "{name}" (func $h {PTR_OUT}))"#),
        "(call $h (i32.const 1024))",
        len,
    );
    let mut chain = Chain::new(42_161);
    let address = deploy(&mut chain, &wasm);
    let receipt = send(&mut chain, address, value, &[]);
    assert!(receipt.success, "{name}: {receipt:?}");
    (chain, address, receipt.output)
}

/// Runs a program that returns the u64 result of `name()`.
fn u64_getter(name: &str, ret: &str) -> u64 {
    let (store, extend) = if ret == "i64" {
        ("i64.store", "")
    } else {
        ("i64.store", "(i64.extend_i32_u)")
    };
    let body = if extend.is_empty() {
        format!("({store} (i32.const 1024) (call $h))")
    } else {
        format!("({store} (i32.const 1024) (i64.extend_i32_u (call $h)))")
    };
    let wasm = getter(
        &format!(r#"(import "vm_hooks" "{name}" (func $h (result {ret})))"#),
        &body,
        8,
    );
    let (_, _, receipt) = run_once(&wasm, &[]);
    assert!(receipt.success, "{name}: {receipt:?}");
    u64::from_le_bytes(receipt.output.try_into().unwrap())
}

#[test]
fn read_args_and_write_result_echo_calldata() {
    let wasm = program(
        "",
        "(call $write_result (i32.const 0) (local.get $len)) (i32.const 0)",
    );
    let (_, _, receipt) = run_once(&wasm, b"hello stylus");
    assert_eq!(receipt.output, b"hello stylus");
}

#[test]
fn msg_sender_value_origin_contract_address() {
    let (_, _, out) = ptr_getter("msg_sender", 20, U256::ZERO);
    assert_eq!(out, ALICE.as_slice());
    let (_, _, out) = ptr_getter("tx_origin", 20, U256::ZERO);
    assert_eq!(out, ALICE.as_slice());
    let (_, address, out) = ptr_getter("contract_address", 20, U256::ZERO);
    assert_eq!(out, address.as_slice());
    let (_, _, out) = ptr_getter("msg_value", 32, U256::from(77u64));
    assert_eq!(U256::from_be_slice(&out), U256::from(77u64));
}

#[test]
fn block_and_tx_context() {
    let (_, _, out) = ptr_getter("block_basefee", 32, U256::ZERO);
    assert_eq!(U256::from_be_slice(&out), U256::from(BASEFEE));
    let (_, _, out) = ptr_getter("tx_gas_price", 32, U256::ZERO);
    assert_eq!(U256::from_be_slice(&out), U256::from(BASEFEE));
    let (_, _, out) = ptr_getter("block_coinbase", 20, U256::ZERO);
    assert_eq!(out, COINBASE.as_slice());
    assert_eq!(u64_getter("chainid", "i64"), 42_161);
    assert_eq!(u64_getter("block_number", "i64"), 1);
    assert_eq!(u64_getter("block_timestamp", "i64"), GENESIS_TIMESTAMP);
    assert_eq!(u64_getter("block_gas_limit", "i64"), BLOCK_GAS_LIMIT);
    assert_eq!(u64_getter("tx_ink_price", "i32"), 10_000);
}

#[test]
fn set_timestamp_advances_the_block() {
    let wasm = getter(
        r#"(import "vm_hooks" "block_timestamp" (func $t (result i64)))
           (import "vm_hooks" "block_number" (func $n (result i64)))"#,
        "(i64.store (i32.const 1024) (call $t)) (i64.store (i32.const 1032) (call $n))",
        16,
    );
    let mut chain = Chain::new(1);
    let address = deploy(&mut chain, &wasm);
    chain.set_timestamp(GENESIS_TIMESTAMP + 100);
    assert_eq!(chain.timestamp(), GENESIS_TIMESTAMP + 100);
    let out = send(&mut chain, address, U256::ZERO, &[]).output;
    assert_eq!(
        u64::from_le_bytes(out[..8].try_into().unwrap()),
        GENESIS_TIMESTAMP + 100
    );
    assert_eq!(u64::from_le_bytes(out[8..].try_into().unwrap()), 2);
}

#[test]
fn evm_gas_left_and_ink_left_report_what_remains() {
    // The limit less the intrinsic 21,000, the program's init, and about
    // 4 gas: read_args (8,400 + 5,040 ink), evm_gas_left (8,400) and three
    // metered blocks (~16,000 ink).
    let gas_left = u64_getter("evm_gas_left", "i64");
    let wasm = getter(
        r#"(import "vm_hooks" "evm_gas_left" (func $h (result i64)))"#,
        "(i64.store (i32.const 1024) (call $h))",
        8,
    );
    let top = GAS - 21_000 - gas::init_gas(wasm.len());
    assert!(
        gas_left <= top - 3 && gas_left >= top - 6,
        "{gas_left} vs {top}"
    );
    let ink_left = u64_getter("evm_ink_left", "i64");
    assert!(ink_left > 9_000_000 * 10_000 && ink_left < GAS * 10_000);
}

#[test]
fn msg_reentrant_is_zero_at_top_level() {
    assert_eq!(u64_getter("msg_reentrant", "i32"), 0);
}

#[test]
fn account_balance_reads_balances_and_pays_access() {
    // Balance of the address given as calldata.
    let wasm = getter(
        r#"(import "vm_hooks" "account_balance" (func $h (param i32 i32)))"#,
        "(call $h (i32.const 0) (i32.const 1024))",
        32,
    );
    let mut chain = Chain::new(1);
    let address = deploy(&mut chain, &wasm);
    chain.fund(BOB, U256::from(1234u64));
    let receipt = send(&mut chain, address, U256::ZERO, BOB.as_slice());
    assert_eq!(U256::from_be_slice(&receipt.output), U256::from(1234u64));
    assert_eq!(receipt.gas.calls, gas::COLD_ACCOUNT, "BOB is cold");
    // ALICE (the sender) is warm.
    let receipt = send(&mut chain, address, U256::ZERO, ALICE.as_slice());
    assert_eq!(receipt.gas.calls, gas::WARM_ACCOUNT);
    assert_eq!(chain.balance(BOB), U256::from(1234u64));
}

#[test]
fn account_code_size_and_codehash() {
    let mut chain = Chain::new(1);
    let target_wasm = router();
    let target = deploy(&mut chain, &target_wasm);
    let size = deploy(
        &mut chain,
        &getter(
            r#"(import "vm_hooks" "account_code_size" (func $h (param i32) (result i32)))"#,
            "(i32.store (i32.const 1024) (call $h (i32.const 0)))",
            4,
        ),
    );
    let receipt = send(&mut chain, size, U256::ZERO, target.as_slice());
    assert_eq!(
        u32::from_le_bytes(receipt.output.try_into().unwrap()) as usize,
        target_wasm.len()
    );
    // Cold access plus nitro's 700 for loading code.
    assert_eq!(
        receipt.gas.calls,
        gas::COLD_ACCOUNT + gas::ACCOUNT_CODE_EXTRA
    );
    let receipt = send(&mut chain, size, U256::ZERO, BOB.as_slice());
    assert_eq!(receipt.output, 0u32.to_le_bytes());
    // Charged before the load, code or not (`WasmAccountTouchCost`).
    assert_eq!(
        receipt.gas.calls,
        gas::COLD_ACCOUNT + gas::ACCOUNT_CODE_EXTRA
    );

    let hash = deploy(
        &mut chain,
        &getter(
            r#"(import "vm_hooks" "account_codehash" (func $h (param i32 i32)))"#,
            "(call $h (i32.const 0) (i32.const 1024))",
            32,
        ),
    );
    let out = send(&mut chain, hash, U256::ZERO, target.as_slice()).output;
    assert_eq!(out, keccak256(&target_wasm).as_slice());
    let out = send(&mut chain, hash, U256::ZERO, BOB.as_slice()).output;
    assert_eq!(out, B256::ZERO.as_slice(), "no account");
    chain.fund(BOB, U256::from(1u64));
    let out = send(&mut chain, hash, U256::ZERO, BOB.as_slice()).output;
    assert_eq!(out, keccak256([]).as_slice(), "account without code");

    let code = deploy(
        &mut chain,
        &program(
            r#"(import "vm_hooks" "account_code" (func $h (param i32 i32 i32 i32) (result i32)))"#,
            "(call $write_result (i32.const 1024) (call $h (i32.const 0) (i32.const 4) (i32.const 100) (i32.const 1024))) (i32.const 0)",
        ),
    );
    let out = send(&mut chain, code, U256::ZERO, target.as_slice()).output;
    assert_eq!(out, target_wasm[4..104]);
}

#[test]
fn storage_load_cache_and_flush() {
    // Calldata: key. Loads the key, adds one to its last byte, caches and
    // flushes, then loads again (a cache hit) and returns both values.
    let wasm = program(
        r#"(import "vm_hooks" "storage_load_bytes32" (func $load (param i32 i32)))
           (import "vm_hooks" "storage_cache_bytes32" (func $cache (param i32 i32)))
           (import "vm_hooks" "storage_flush_cache" (func $flush (param i32)))"#,
        r#"(call $load (i32.const 0) (i32.const 1024))
           (i32.store8 (i32.const 1087) (i32.add (i32.load8_u (i32.const 1055)) (i32.const 1)))
           (call $cache (i32.const 0) (i32.const 1056))
           (call $flush (i32.const 0))
           (call $load (i32.const 0) (i32.const 1088))
           (call $write_result (i32.const 1024) (i32.const 96))
           (i32.const 0)"#,
    );
    let mut chain = Chain::new(1);
    let address = deploy(&mut chain, &wasm);
    let key = word(9);
    let first = send(&mut chain, address, U256::ZERO, key.as_slice());
    assert!(first.success);
    assert_eq!(first.output[..32], [0; 32]);
    assert_eq!(first.output[95], 1);
    assert_eq!(chain.storage(address, key), B256::with_last_byte(1));
    // Cold load 2,100 + 5 API, then the SSTORE (warm now) 20,000.
    assert_eq!(first.gas.storage, 2_100 + 5 + 20_000);
    let second = send(&mut chain, address, U256::ZERO, key.as_slice());
    assert_eq!(chain.storage(address, key), B256::with_last_byte(2));
    assert_eq!(second.gas.storage, 2_100 + 5 + 2_900);
}

#[test]
fn unflushed_cache_writes_are_dropped() {
    let wasm = program(
        r#"(import "vm_hooks" "storage_cache_bytes32" (func $cache (param i32 i32)))"#,
        "(call $cache (i32.const 0) (i32.const 32)) (i32.const 0)",
    );
    let (chain, address, receipt) = run_once(&wasm, &[word(1).0, word(2).0].concat());
    assert!(receipt.success);
    assert_eq!(chain.storage(address, word(1)), B256::ZERO);
}

#[test]
fn emit_log_topics_and_data() {
    let wasm = program(
        r#"(import "vm_hooks" "emit_log" (func $log (param i32 i32 i32)))"#,
        "(call $log (i32.const 0) (local.get $len) (i32.const 2)) (i32.const 0)",
    );
    let data = [word(1).0.to_vec(), word(2).0.to_vec(), b"tail".to_vec()].concat();
    let (_, address, receipt) = run_once(&wasm, &data);
    assert_eq!(receipt.logs.len(), 1);
    assert_eq!(receipt.logs[0].address, address);
    assert_eq!(receipt.logs[0].topics, vec![word(1), word(2)]);
    assert_eq!(receipt.logs[0].data, b"tail");
    assert_eq!(receipt.gas.logs, 375 * 3 + 8 * 4);
    // Five topics: failure.
    let wasm = program(
        r#"(import "vm_hooks" "emit_log" (func $log (param i32 i32 i32)))"#,
        "(call $log (i32.const 0) (i32.const 160) (i32.const 5)) (i32.const 0)",
    );
    assert!(!run_once(&wasm, &[]).2.success);
}

#[test]
fn native_keccak256_hashes_and_charges_per_word() {
    let wasm = getter(
        r#"(import "vm_hooks" "native_keccak256" (func $k (param i32 i32 i32)))"#,
        "(call $k (i32.const 0) (local.get $len) (i32.const 1024))",
        32,
    );
    let (_, _, receipt) = run_once(&wasm, b"abc");
    assert_eq!(receipt.output, keccak256(b"abc").as_slice());
    let (_, _, long) = run_once(&wasm, &[7; 200]);
    assert_eq!(long.output, keccak256([7; 200]).as_slice());
    // 121,800 ink up to two words, 21,000 per word beyond: 7 words.
    assert_eq!(gas::keccak_ink(3), 121_800);
    assert_eq!(gas::keccak_ink(200), 121_800 + 5 * 21_000);
    // The hostio part grows by that (105,000 ink) plus read_args writing
    // 197 more bytes (30 ink each beyond 32): 110,040 ink, 11 gas (12
    // with the ink-to-gas rounding).
    let diff = long.gas.hostio - receipt.gas.hostio;
    assert!(diff == 11 || diff == 12, "{diff}");
}

#[test]
fn pay_for_memory_grow_charges_pages() {
    // Grows by 4 pages (paid explicitly), beyond the 2 free ones.
    let wasm = program(
        r#"(import "vm_hooks" "pay_for_memory_grow" (func $pay (param i32)))"#,
        "(call $pay (i32.const 0)) (call $pay (i32.const 4)) (drop (memory.grow (i32.const 4))) (i32.const 0)",
    );
    let (_, _, receipt) = run_once(&wasm, &[]);
    assert!(receipt.success);
    // 1 initial page, then 4 more: 5 open, 3 beyond the free 2.
    assert_eq!(receipt.gas.memory, 3 * gas::PAGE_GAS);
    // Growth without the hostio is charged at exit, the same.
    let wasm = program("", "(drop (memory.grow (i32.const 4))) (i32.const 0)");
    assert_eq!(run_once(&wasm, &[]).2.gas.memory, 3 * gas::PAGE_GAS);
}

#[test]
fn call_contract_return_data_size_and_read_return_data() {
    // The caller calls the echo program with its calldata (after a 20-byte
    // target), then returns [return_data_size as u32 LE] ++ bytes 2.. of it.
    let echo = program(
        "",
        "(call $write_result (i32.const 0) (local.get $len)) (i32.const 0)",
    );
    let caller = program(
        r#"(import "vm_hooks" "call_contract" (func $call (param i32 i32 i32 i32 i64 i32) (result i32)))
           (import "vm_hooks" "return_data_size" (func $size (result i32)))
           (import "vm_hooks" "read_return_data" (func $rrd (param i32 i32 i32) (result i32)))"#,
        r#"(drop (call $call (i32.const 0) (i32.const 20) (i32.sub (local.get $len) (i32.const 20))
              (i32.const 2048) (i64.const -1) (i32.const 4000)))
           (i32.store (i32.const 1024) (call $size))
           (local.set $rl (call $rrd (i32.const 1028) (i32.const 2) (i32.const 1000)))
           (call $write_result (i32.const 1024) (i32.add (i32.const 4) (local.get $rl)))
           (i32.const 0)"#,
    );
    let mut chain = Chain::new(1);
    let echo = deploy(&mut chain, &echo);
    let caller = deploy(&mut chain, &caller);
    let receipt = send(
        &mut chain,
        caller,
        U256::ZERO,
        &[echo.as_slice(), b"0123456789"].concat(),
    );
    assert!(receipt.success);
    assert_eq!(receipt.output[..4], 10u32.to_le_bytes());
    assert_eq!(&receipt.output[4..], b"23456789");
    assert!(
        receipt.gas.init >= 2 * gas::INIT_BASE_GAS,
        "both programs paid init"
    );
    assert_eq!(receipt.gas.calls, gas::COLD_ACCOUNT, "echo was cold");
}

#[test]
fn static_and_delegate_call_contract() {
    let mut chain = Chain::new(1);
    let a = deploy(&mut chain, &router());
    let b = deploy(&mut chain, &router());
    // static: reading works, writing fails.
    let receipt = send(&mut chain, a, U256::ZERO, &op_static(b, &[6]));
    assert_eq!(receipt.output[0], 0);
    let receipt = send(
        &mut chain,
        a,
        U256::ZERO,
        &op_static(b, &op_store(word(1), word(1))),
    );
    assert_eq!(receipt.output[0], 2, "nitro's failure status");
    // delegate: b's code on a's storage.
    let receipt = send(
        &mut chain,
        a,
        U256::ZERO,
        &op_delegate(b, &op_store(word(2), word(3))),
    );
    assert_eq!(receipt.output[0], 0);
    assert_eq!(chain.storage(a, word(2)), word(3));
}

#[test]
fn create1_and_create2_are_unsupported_and_return_zero() {
    let wasm = program(
        r#"(import "vm_hooks" "create1" (func $c1 (param i32 i32 i32 i32 i32)))
           (import "vm_hooks" "create2" (func $c2 (param i32 i32 i32 i32 i32 i32)))"#,
        r#"(i32.store8 (i32.const 1024) (i32.const 0xff))
           (call $c1 (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 1024) (i32.const 1100))
           (i32.store8 (i32.const 1044) (i32.const 0xff))
           (call $c2 (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 1044) (i32.const 1104))
           (call $write_result (i32.const 1024) (i32.const 84))
           (i32.const 0)"#,
    );
    let (_, _, receipt) = run_once(&wasm, &[]);
    assert!(receipt.success);
    assert_eq!(receipt.output[..40], [0; 40]);
}

#[test]
fn compute_is_metered_with_nitros_table() {
    // A loop of n iterations costs about n x (its block ink) more.
    let wasm = program(
        "",
        r#"(local.set $op (i32.load8_u (i32.const 0)))
           (block $done (loop $l
             (br_if $done (i32.eqz (local.get $op)))
             (local.set $op (i32.sub (local.get $op) (i32.const 1)))
             (br $l)))
           (i32.const 0)"#,
    );
    let (_, _, few) = run_once(&wasm, &[1]);
    let (_, _, many) = run_once(&wasm, &[201]);
    for r in [&few, &many] {
        assert_eq!(r.gas.total(), r.gas_used);
        assert_eq!(r.gas.out_of_gas_burn, 0);
    }
    assert!(few.gas.compute > 0);
    // Per iteration, two metered blocks (the loop header is metered once,
    // before the loop): local.get(75) + i32.eqz(170) + br_if(765), and
    // local.get + i32.const + i32.sub + local.set (75+1+70+210) + br(765),
    // each plus the 2,450 ink header.
    let per_iteration = 75 + 170 + 765 + 75 + 1 + 70 + 210 + 765 + 2 * 2_450;
    let diff = (many.gas.compute - few.gas.compute) as i64;
    let expected = (200 * per_iteration / 10_000) as i64;
    assert!(
        (diff - expected).abs() <= 1,
        "diff {diff} expected {expected}"
    );
}

#[test]
fn the_sender_pays_no_fee_and_a_tx_without_code_is_a_transfer() {
    let mut chain = Chain::new(1);
    chain.fund(ALICE, U256::from(10u64));
    let receipt = chain.send(Tx {
        from: ALICE,
        to: BOB,
        value: U256::from(4u64),
        gas_limit: 21_000,
        ..Default::default()
    });
    assert!(receipt.success);
    assert_eq!(chain.balance(ALICE), U256::from(6u64));
}
