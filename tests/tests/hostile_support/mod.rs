//! Plumbing for the hostile-contract tests (issue #5): the calls the
//! hostile doubles make, encoded with alloy, and helpers to act as a
//! [`ReentrantReceiver`] or [`RevertingReceiver`] account, to arm their
//! re-entry and a token's hook, and to read what the re-entry achieved.
#![allow(dead_code)]

use alloy_primitives::{Address, U256};
use alloy_sol_types::{sol, SolCall, SolError};
use integration_tests::{MockErc20, ReentrantReceiver, RevertingReceiver};
use motsu::prelude::*;
use stylus_sdk::abi::Bytes;

sol! {
    /// The functions of the four programs (and of the doubles) that the
    /// hostile accounts call or re-enter.
    interface Calls {
        function claim(address token, uint256[] contributorDatanets, uint256[] validatorDatanets, address to) external returns (uint256);
        function contribute(uint256 datanetId, bytes32 contentHash, string uri) external returns (uint256);
        function stake(uint256 datanetId, uint256 amount) external;
        function requestUnstake(uint256 datanetId) external;
        function withdrawStake(uint256 datanetId) external;
        function claimRefund() external;
        function vote(uint256 contributionId, bool approve, uint8 quality) external;
        function settleVote(uint256 contributionId, address validator) external;
        function claimInfluence(uint256 modelId, address token, uint256 cumulativeAmount, bytes32[] proof) external returns (uint256);
        function pay(uint256 modelId, address token, uint256 maxPrice, bytes32 requestId) external;
        function acceptOwnership(uint256 modelId) external;
        function approve(address spender, uint256 value) external returns (bool);
        function execute(address target, bytes data) external payable returns (bytes);
    }
}

/// Calls `execute` on the hostile accounts.
pub const OPERATOR: Address = Address::repeat_byte(0x0F);

/// A hostile account that can act in the programs through `execute`.
pub trait Actor {
    fn addr(&self) -> Address;
    /// `execute(target, calldata)` from [`OPERATOR`] with `value` (funded
    /// first): the callee's return data, or its revert data unchanged.
    fn exec_raw(&self, target: Address, calldata: Vec<u8>, value: U256)
        -> Result<Vec<u8>, Vec<u8>>;

    /// Calls `target` with `call` as this account, without value.
    fn call<C: SolCall>(&self, target: Address, call: C) -> Result<Vec<u8>, Vec<u8>> {
        self.exec_raw(target, call.abi_encode(), U256::ZERO)
    }

    /// Calls `target` with `call` as this account, sending `value`.
    fn call_with_value<C: SolCall>(
        &self,
        target: Address,
        call: C,
        value: U256,
    ) -> Result<Vec<u8>, Vec<u8>> {
        self.exec_raw(target, call.abi_encode(), value)
    }
}

fn fund_operator(value: U256) {
    if !value.is_zero() {
        OPERATOR.fund(value);
    }
}

impl Actor for Contract<ReentrantReceiver> {
    fn addr(&self) -> Address {
        self.address()
    }

    fn exec_raw(
        &self,
        target: Address,
        calldata: Vec<u8>,
        value: U256,
    ) -> Result<Vec<u8>, Vec<u8>> {
        fund_operator(value);
        self.sender_and_value(OPERATOR, value)
            .execute(target, Bytes(calldata))
            .motsu_res()
            .map(|b| b.0)
    }
}

impl Actor for Contract<RevertingReceiver> {
    fn addr(&self) -> Address {
        self.address()
    }

    fn exec_raw(
        &self,
        target: Address,
        calldata: Vec<u8>,
        value: U256,
    ) -> Result<Vec<u8>, Vec<u8>> {
        fund_operator(value);
        self.sender_and_value(OPERATOR, value)
            .execute(target, Bytes(calldata))
            .motsu_res()
            .map(|b| b.0)
    }
}

/// The `uint256` a call returned.
pub fn returned_u256(data: &[u8]) -> U256 {
    U256::from_be_slice(&data[..32])
}

/// `claim(token, contributor pools, validator pools, to)`.
pub fn claim_call(
    token: Address,
    contributors: &[u64],
    validators: &[u64],
    to: Address,
) -> Calls::claimCall {
    Calls::claimCall {
        token,
        contributorDatanets: contributors.iter().map(|&d| U256::from(d)).collect(),
        validatorDatanets: validators.iter().map(|&d| U256::from(d)).collect(),
        to,
    }
}

/// Arms `receiver` to re-enter `target` with `call` on its next native
/// receipt.
pub fn arm_reentry<C: SolCall>(receiver: &Contract<ReentrantReceiver>, target: Address, call: C) {
    receiver
        .sender(OPERATOR)
        .set_reentry(target, Bytes(call.abi_encode()), U256::from(1));
}

/// `(calls, last succeeded, last return or revert data)` of the re-entry.
pub fn reentry_result(receiver: &Contract<ReentrantReceiver>) -> (U256, bool, Vec<u8>) {
    let (calls, ok, data) = receiver.sender(OPERATOR).reentry_result();
    (calls, ok, data.0)
}

/// Asserts that exactly one re-entrant call was made and that it reverted
/// with exactly `expected`.
#[track_caller]
pub fn assert_reentry_refused<E: SolError>(receiver: &Contract<ReentrantReceiver>, expected: E) {
    assert_eq!(
        reentry_result(receiver),
        (U256::from(1), false, expected.abi_encode()),
        "one re-entrant call, refused with the expected typed error"
    );
}

/// Arms `token`'s hook: on its next `transfer` (`on` = 1) or
/// `transferFrom` (`on` = 2) it makes `account` call `target` with `call`
/// (through `account`'s `execute`), after the tokens moved.
pub fn arm_token_hook<C: SolCall>(
    token: &Contract<MockErc20>,
    account: Address,
    target: Address,
    call: C,
    on: u8,
    before: bool,
) {
    let execute = Calls::executeCall {
        target,
        data: call.abi_encode().into(),
    };
    token
        .sender(OPERATOR)
        .set_hook(account, Bytes(execute.abi_encode()), on, before);
}

/// `(calls, last succeeded, last return or revert data)` of the token hook.
pub fn hook_result(token: &Contract<MockErc20>) -> (U256, bool, Vec<u8>) {
    let (calls, ok, data) = token.sender(OPERATOR).hook_result();
    (calls, ok, data.0)
}

/// Asserts that the token's hook made one call, refused with `expected`.
#[track_caller]
pub fn assert_hook_refused<E: SolError>(token: &Contract<MockErc20>, expected: E) {
    assert_eq!(
        hook_result(token),
        (U256::from(1), false, expected.abi_encode()),
        "one re-entrant call from the token, refused with the expected typed error"
    );
}
