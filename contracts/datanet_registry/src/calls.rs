//! Calls out of the registry: the reward splitter, the stake token and the
//! `ecrecover` precompile.
//!
//! These follow OpenZeppelin's `SafeERC20`, `ECDSA` and `EIP712` exactly
//! (same checks, same error names and selectors) but are written here:
//! openzeppelin-stylus 0.3 costs about 4 KB of the 20 KB code budget in this
//! program and switches alloy to an in-wasm keccak for every storage-key hash
//! (SPEC and stylus-facts.md). Each routine is a few lines over the shared
//! word encoder in `abi.rs`; the tests exercise them against real token,
//! signature and precompile behaviour.

use alloy_primitives::{address, uint, Address, B256, U256};
use stylus_sdk::{prelude::*, stylus_core::calls::context::Call};

use crate::{
    abi::{self, AbiWord},
    interfaces::{IErc20, IRewardSplitter},
    DatanetRegistry, ECDSAInvalidSignature, ECDSAInvalidSignatureS, Error, RegistryPeerCallFailed,
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
        self.safe_token_call(
            token,
            IErc20::transferCall::SELECTOR,
            &[to.word(), amount.word()],
        )
    }

    /// `token.transferFrom(from, to, amount)` with SafeERC20 semantics.
    pub(crate) fn safe_transfer_from(
        &mut self,
        token: Address,
        from: Address,
        to: Address,
        amount: U256,
    ) -> Result<(), Error> {
        self.safe_token_call(
            token,
            IErc20::transferFromCall::SELECTOR,
            &[from.word(), to.word(), amount.word()],
        )
    }

    /// Calls `token`; succeeds when the call does not revert and returns
    /// either `true` or nothing from an account with code.
    fn safe_token_call(
        &mut self,
        token: Address,
        selector: [u8; 4],
        args: &[B256],
    ) -> Result<(), Error> {
        let calldata = abi::selector_and_words(selector, args);
        let succeeded = match self.vm().call(&Call::new(), token, &calldata) {
            Ok(returned) if returned.is_empty() => self.vm().code_size(token) > 0,
            Ok(returned) => returned.get(..32) == Some(true.word().as_slice()),
            Err(_) => false,
        };
        if !succeeded {
            return Err(SafeErc20FailedOperation { token }.into());
        }
        Ok(())
    }

    /// `account`'s balance of `token`.
    pub(crate) fn token_balance(&self, token: Address, account: Address) -> Result<U256, Error> {
        let calldata = abi::selector_and_words(IErc20::balanceOfCall::SELECTOR, &[account.word()]);
        let returned = self
            .vm()
            .static_call(&Call::new(), token, &calldata)
            .map_err(|_| RegistryPeerCallFailed { peer: token })?;
        match returned.get(..32) {
            Some(word) => Ok(U256::from_be_slice(word)),
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

    /// Credits the splitter's validator pool of `datanet_id`.
    pub(crate) fn fund_splitter_pool(
        &mut self,
        value: U256,
        datanet_id: U256,
        token: Address,
        amount: U256,
    ) -> Result<(), Error> {
        self.call_splitter(
            value,
            IRewardSplitter::fundValidatorPoolCall::SELECTOR,
            &[datanet_id.word(), token.word(), amount.word()],
        )
    }
}
