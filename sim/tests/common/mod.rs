//! WAT test programs and helpers shared by the integration tests.
#![allow(dead_code)]

use alloy_primitives::{Address, B256, U256};
use stylus_sim::{Chain, Receipt, Tx};

pub const ALICE: Address = Address::new([0xA1; 20]);
pub const BOB: Address = Address::new([0xB0; 20]);
pub const GAS: u64 = 10_000_000;

/// A program whose entrypoint reads its calldata to offset 0, then runs
/// `body` (which returns the status), with `imports` declared. A call
/// with exactly 4 bytes of calldata (a constructor without arguments)
/// returns success at once.
pub fn program(imports: &str, body: &str) -> Vec<u8> {
    let text = format!(
        r#"(module
  (import "vm_hooks" "read_args" (func $read_args (param i32)))
  (import "vm_hooks" "write_result" (func $write_result (param i32 i32)))
  {imports}
  (memory (export "memory") 1)
  (func (export "user_entrypoint") (param $len i32) (result i32)
    (local $op i32) (local $st i32) (local $rl i32)
    (call $read_args (i32.const 0))
    ;; the constructor call (selector only) succeeds without running body
    (if (i32.eq (local.get $len) (i32.const 4)) (then (return (i32.const 0))))
    {body}))"#
    );
    wat::parse_str(&text).expect("valid wat")
}

/// A program that calls one hostio and returns `out_len` bytes written
/// at 1024 by `body`.
pub fn getter(import: &str, body: &str, out_len: u32) -> Vec<u8> {
    program(
        import,
        &format!(
            "{body} (call $write_result (i32.const 1024) (i32.const {out_len})) (i32.const 0)"
        ),
    )
}

/// Deploys `wasm` from ALICE (funded).
pub fn deploy(chain: &mut Chain, wasm: &[u8]) -> Address {
    if chain.balance(ALICE).is_zero() {
        chain.fund(ALICE, U256::from(10u64).pow(U256::from(21)));
    }
    let (address, receipt) = chain.deploy(ALICE, wasm, &[]).expect("deploys");
    assert!(receipt.success);
    address
}

/// Sends `data` with `value` from ALICE.
pub fn send(chain: &mut Chain, to: Address, value: U256, data: &[u8]) -> Receipt {
    chain.send(Tx {
        from: ALICE,
        to,
        value,
        data: data.to_vec(),
        gas_limit: GAS,
    })
}

/// Deploys `wasm` on a fresh chain, sends `data` and returns the receipt.
pub fn run_once(wasm: &[u8], data: &[u8]) -> (Chain, Address, Receipt) {
    let mut chain = Chain::new(42_161);
    let address = deploy(&mut chain, wasm);
    let receipt = send(&mut chain, address, U256::ZERO, data);
    (chain, address, receipt)
}

pub fn word(byte: u8) -> B256 {
    B256::new([byte; 32])
}

/// The multi-purpose router program. Calldata: op byte, then operands.
/// - 0 key value: store and flush, succeed;
/// - 2 key value: store and flush, then revert with `value`;
/// - 3: loop forever;
/// - 4 topic data(32): emit a log with one topic;
/// - 6: return `msg_reentrant` (4 bytes LE);
/// - 1 target value data..: call; 5 target data..: static call;
///   7 target data..: delegate call; 9 target value data..: call, then
///   revert. Calls return `[status] ++ return data`.
pub fn router() -> Vec<u8> {
    program(
        r#"
  (import "vm_hooks" "storage_cache_bytes32" (func $cache (param i32 i32)))
  (import "vm_hooks" "storage_flush_cache" (func $flush (param i32)))
  (import "vm_hooks" "call_contract" (func $call (param i32 i32 i32 i32 i64 i32) (result i32)))
  (import "vm_hooks" "static_call_contract" (func $scall (param i32 i32 i32 i64 i32) (result i32)))
  (import "vm_hooks" "delegate_call_contract" (func $dcall (param i32 i32 i32 i64 i32) (result i32)))
  (import "vm_hooks" "read_return_data" (func $rrd (param i32 i32 i32) (result i32)))
  (import "vm_hooks" "emit_log" (func $log (param i32 i32 i32)))
  (import "vm_hooks" "msg_reentrant" (func $reentrant (result i32)))"#,
        r#"
    (local.set $op (i32.load8_u (i32.const 0)))
    (if (i32.eq (local.get $op) (i32.const 0)) (then
      (call $cache (i32.const 1) (i32.const 33))
      (call $flush (i32.const 0))
      (return (i32.const 0))))
    (if (i32.eq (local.get $op) (i32.const 2)) (then
      (call $cache (i32.const 1) (i32.const 33))
      (call $flush (i32.const 0))
      (call $write_result (i32.const 33) (i32.const 32))
      (return (i32.const 1))))
    (if (i32.eq (local.get $op) (i32.const 3)) (then (loop $l (br $l))))
    (if (i32.eq (local.get $op) (i32.const 4)) (then
      (call $log (i32.const 1) (i32.const 64) (i32.const 1))
      (return (i32.const 0))))
    (if (i32.eq (local.get $op) (i32.const 6)) (then
      (i32.store (i32.const 4096) (call $reentrant))
      (call $write_result (i32.const 4096) (i32.const 4))
      (return (i32.const 0))))
    (if (i32.or (i32.eq (local.get $op) (i32.const 1)) (i32.eq (local.get $op) (i32.const 9))) (then
      (local.set $st (call $call (i32.const 1) (i32.const 53)
        (i32.sub (local.get $len) (i32.const 53)) (i32.const 21) (i64.const -1) (i32.const 8192)))))
    (if (i32.eq (local.get $op) (i32.const 5)) (then
      (local.set $st (call $scall (i32.const 1) (i32.const 21)
        (i32.sub (local.get $len) (i32.const 21)) (i64.const -1) (i32.const 8192)))))
    (if (i32.eq (local.get $op) (i32.const 7)) (then
      (local.set $st (call $dcall (i32.const 1) (i32.const 21)
        (i32.sub (local.get $len) (i32.const 21)) (i64.const -1) (i32.const 8192)))))
    (i32.store8 (i32.const 8200) (local.get $st))
    (local.set $rl (call $rrd (i32.const 8201) (i32.const 0) (i32.load (i32.const 8192))))
    (call $write_result (i32.const 8200) (i32.add (local.get $rl) (i32.const 1)))
    (i32.eq (local.get $op) (i32.const 9))"#,
    )
}

pub fn op_store(key: B256, value: B256) -> Vec<u8> {
    [&[0u8][..], key.as_slice(), value.as_slice()].concat()
}

pub fn op_store_revert(key: B256, value: B256) -> Vec<u8> {
    [&[2u8][..], key.as_slice(), value.as_slice()].concat()
}

pub fn op_call(target: Address, value: U256, data: &[u8]) -> Vec<u8> {
    [
        &[1u8][..],
        target.as_slice(),
        &value.to_be_bytes::<32>(),
        data,
    ]
    .concat()
}

pub fn op_call_then_revert(target: Address, value: U256, data: &[u8]) -> Vec<u8> {
    [
        &[9u8][..],
        target.as_slice(),
        &value.to_be_bytes::<32>(),
        data,
    ]
    .concat()
}

pub fn op_static(target: Address, data: &[u8]) -> Vec<u8> {
    [&[5u8][..], target.as_slice(), data].concat()
}

pub fn op_delegate(target: Address, data: &[u8]) -> Vec<u8> {
    [&[7u8][..], target.as_slice(), data].concat()
}

pub fn op_log(topic: B256, data: B256) -> Vec<u8> {
    [&[4u8][..], topic.as_slice(), data.as_slice()].concat()
}
