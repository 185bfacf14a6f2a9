//! Calls out of the registry: the reward splitter, the stake token (with the
//! deposits, payouts and pool funding built on it) and the `ecrecover`
//! precompile.
//!
//! These follow OpenZeppelin's `SafeERC20`, `ECDSA` and `EIP712` exactly
//! (same checks, same error names and selectors) but are written here:
//! openzeppelin-stylus 0.3 costs about 4 KB of the 20 KB code budget in this
//! program and switches alloy to an in-wasm keccak for every storage-key hash
//! (SPEC and stylus-facts.md). The ERC-20 calls are `abi_kit::erc20`, shared
//! with the splitter; the tests exercise them against real token, signature
//! and precompile behaviour.

use alloy_primitives::{address, uint, Address, B256, U256};
use stylus_sdk::{prelude::*, stylus_core::calls::context::Call};

use abi_kit::{self as abi, erc20, AbiWord};

use crate::{
    interfaces::IRewardSplitter, DatanetRegistry, ECDSAInvalidSignature, ECDSAInvalidSignatureS,
    Error, RegistryPeerCallFailed, RegistryTransferMismatch, RegistryWrongValue,
    SafeErc20FailedOperation,
};
use alloy_sol_types::SolCall;

/// The `ecrecover` precompile.
const ECRECOVER: Address = address!("0000000000000000000000000000000000000001");

/// Largest `s` of a non-malleable signature (secp256k1 order / 2).
const MAX_S: U256 = uint!(0x7FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF5D576E7357A4501DDFE92F46681B20A0_U256);

/// EIP-712 domain type hash.
const DOMAIN_TYPEHASH: [u8; 32] = keccak_const::Keccak256::new()
    .update(b"EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)")
    .finalize();

/// Hash of the EIP-712 domain name, "DatanetRegistry".
const NAME_HASH: [u8; 32] = keccak_const::Keccak256::new()
    .update(b"DatanetRegistry")
    .finalize();

/// Hash of the EIP-712 domain version, "1".
const VERSION_HASH: [u8; 32] = keccak_const::Keccak256::new().update(b"1").finalize();

impl DatanetRegistry {
    /// The EIP-712 digest of `struct_hash` in this contract's domain.
    pub(crate) fn typed_data_digest(&self, struct_hash: B256) -> B256 {
        let domain = [
            B256::from(DOMAIN_TYPEHASH),
            B256::from(NAME_HASH),
            B256::from(VERSION_HASH),
            self.vm().chain_id().word(),
            self.vm().contract_address().word(),
        ];
        let domain_separator = self.vm().native_keccak256(&abi::words(&domain));
        let mut preimage = [0u8; 66];
        preimage[..2].copy_from_slice(b"\x19\x01");
        preimage[2..34].copy_from_slice(domain_separator.as_slice());
        preimage[34..].copy_from_slice(struct_hash.as_slice());
        self.vm().native_keccak256(&preimage)
    }

    /// The signer of `digest`, rejecting malleable (high-`s`) and invalid
    /// signatures as OpenZeppelin's `ECDSA.recover` does.
    pub(crate) fn recover_signer(
        &self,
        digest: B256,
        v: u8,
        r: B256,
        s: B256,
    ) -> Result<Address, Error> {
        if U256::from_be_bytes(s.0) > MAX_S {
            return Err(ECDSAInvalidSignatureS { s }.into());
        }
        let input = abi::words(&[digest, v.word(), r, s]);
        let output = self
            .vm()
            .static_call(&Call::new(), ECRECOVER, &input)
            .map_err(|_| ECDSAInvalidSignature {})?;
        let signer = match output.get(12..32) {
            Some(bytes) => Address::from_slice(bytes),
            None => Address::ZERO,
        };
        if signer.is_zero() {
            return Err(ECDSAInvalidSignature {}.into());
        }
        Ok(signer)
    }

    /// `token.transfer(to, amount)` with SafeERC20 semantics.
    pub(crate) fn safe_transfer(
        &mut self,
        token: Address,
        to: Address,
        amount: U256,
    ) -> Result<(), Error> {
        if !erc20::safe_transfer(self.vm(), token, to, amount) {
            return Err(SafeErc20FailedOperation { token }.into());
        }
        Ok(())
    }

    /// `token.transferFrom(from, to, amount)` with SafeERC20 semantics.
    pub(crate) fn safe_transfer_from(
        &mut self,
        token: Address,
        from: Address,
        to: Address,
        amount: U256,
    ) -> Result<(), Error> {
        if !erc20::safe_transfer_from(self.vm(), token, from, to, amount) {
            return Err(SafeErc20FailedOperation { token }.into());
        }
        Ok(())
    }

    /// `account`'s balance of `token`.
    pub(crate) fn token_balance(&self, token: Address, account: Address) -> Result<U256, Error> {
        match erc20::balance_of(self.vm(), token, account) {
            Some(balance) => Ok(balance),
            None => Err(RegistryPeerCallFailed { peer: token }.into()),
        }
    }

    /// Calls the splitter with `value`. Its functions take static arguments
    /// only, so the calldata is a selector and words.
    pub(crate) fn call_splitter(
        &mut self,
        value: U256,
        selector: [u8; 4],
        args: &[B256],
    ) -> Result<(), Error> {
        let splitter = self.splitter.get();
        let calldata = abi::selector_and_words(selector, args);
        self.vm()
            .call(&Call::new().value(value), splitter, &calldata)
            .map_err(|_| RegistryPeerCallFailed { peer: splitter })?;
        Ok(())
    }

    /// Moves `amount` of the stake token to the datanet's validator pool.
    pub(crate) fn fund_validator_pool(
        &mut self,
        datanet_id: U256,
        amount: U256,
    ) -> Result<(), Error> {
        if amount.is_zero() {
            return Ok(());
        }
        let token = self.stake_token.get();
        let value = if token.is_zero() {
            amount
        } else {
            self.safe_transfer(token, self.splitter.get(), amount)?;
            U256::ZERO
        };
        self.call_splitter(
            value,
            IRewardSplitter::fundValidatorPoolCall::SELECTOR,
            &[datanet_id.word(), token.word(), amount.word()],
        )
    }

    /// Takes `amount` of the stake token from `payer`: the exact native
    /// value, or an ERC-20 pull whose balance delta must equal `amount`.
    pub(crate) fn collect(&mut self, payer: Address, amount: U256) -> Result<(), Error> {
        let token = self.stake_token.get();
        let value = self.vm().msg_value();
        let expected = if token.is_zero() { amount } else { U256::ZERO };
        if value != expected {
            return Err(RegistryWrongValue {
                expected,
                received: value,
            }
            .into());
        }
        if token.is_zero() || amount.is_zero() {
            return Ok(());
        }
        let this = self.vm().contract_address();
        let before = self.token_balance(token, this)?;
        self.safe_transfer_from(token, payer, this, amount)?;
        let received = self.token_balance(token, this)?.saturating_sub(before);
        if received != amount {
            return Err(RegistryTransferMismatch {
                expected: amount,
                received,
            }
            .into());
        }
        Ok(())
    }

    /// Sends `amount` of the stake token to `to`.
    pub(crate) fn pay(&mut self, to: Address, amount: U256) -> Result<(), Error> {
        if amount.is_zero() {
            return Ok(());
        }
        let token = self.stake_token.get();
        if token.is_zero() {
            self.vm()
                .transfer_eth(to, amount)
                .map_err(|_| RegistryPeerCallFailed { peer: to })?;
        } else {
            self.safe_transfer(token, to, amount)?;
        }
        Ok(())
    }
}
