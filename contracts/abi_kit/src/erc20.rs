//! ERC-20 calls with the rules of OpenZeppelin's `SafeERC20`: a transfer
//! succeeds when the call does not revert and returns either `true` or
//! nothing from an account with code. Each program turns a failure into its
//! `SafeErc20FailedOperation(token)` error.

use alloy_primitives::{b256, Address, B256, U256};
use alloy_sol_types::{sol, SolCall};
use stylus_sdk::stylus_core::{calls::context::Call, Host};

use crate::{selector_and_words, AbiWord};

sol! {
    /// The part of ERC-20 the programs call.
    interface IErc20 {
        /// Token balance of `account`.
        function balanceOf(address account) external view returns (uint256);
        /// Moves `amount` from the caller to `to`.
        function transfer(address to, uint256 amount) external returns (bool);
        /// Moves `amount` from `from` to `to` using the caller's allowance.
        function transferFrom(address from, address to, uint256 amount) external returns (bool);
    }
}

/// `token.transfer(to, amount)`; whether it succeeded by SafeERC20's rules.
pub fn safe_transfer(vm: &dyn Host, token: Address, to: Address, amount: U256) -> bool {
    safe_call(
        vm,
        token,
        IErc20::transferCall::SELECTOR,
        &[to.word(), amount.word()],
    )
}

/// `token.transferFrom(from, to, amount)`; whether it succeeded by
/// SafeERC20's rules.
pub fn safe_transfer_from(
    vm: &dyn Host,
    token: Address,
    from: Address,
    to: Address,
    amount: U256,
) -> bool {
    safe_call(
        vm,
        token,
        IErc20::transferFromCall::SELECTOR,
        &[from.word(), to.word(), amount.word()],
    )
}

/// `account`'s balance of `token`, or `None` if the call fails or returns
/// less than a word.
pub fn balance_of(vm: &dyn Host, token: Address, account: Address) -> Option<U256> {
    let calldata = selector_and_words(IErc20::balanceOfCall::SELECTOR, &[account.word()]);
    let returned = vm.static_call(&Call::new(), token, &calldata).ok()?;
    returned.get(..32).map(U256::from_be_slice)
}

/// `keccak256("")`: the code hash of an account without code.
const KECCAK_EMPTY: B256 =
    b256!("c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");

/// Whether `account` has code, by its code hash as OpenZeppelin's
/// `has_code` checks: neither zero (no account) nor the hash of empty code.
pub fn has_code(vm: &dyn Host, account: Address) -> bool {
    let hash = vm.code_hash(account);
    hash != B256::ZERO && hash != KECCAK_EMPTY
}

#[inline(never)]
fn safe_call(vm: &dyn Host, token: Address, selector: [u8; 4], args: &[B256]) -> bool {
    let calldata = selector_and_words(selector, args);
    match vm.call(&Call::new(), token, &calldata) {
        Ok(returned) if returned.is_empty() => has_code(vm, token),
        Ok(returned) => returned.get(..32) == Some(true.word().as_slice()),
        Err(_) => false,
    }
}
