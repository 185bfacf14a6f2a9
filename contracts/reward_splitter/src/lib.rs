//! `reward_splitter`: fee routing, pro-rata reward-per-share accounting and
//! pull claims (SPEC.md, "reward_splitter"; design in docs/reward_splitter.md).
//!
//! Every datanet has two pools, contributors and validators, whose shares
//! only the registry changes. A fee routed by the market is split exactly
//! (see [`split`]) between the treasury, the developer, the model's influence
//! escrow and the pools of the model's datanets (at most 16). Crediting a
//! pool adds `amount / total_shares` to its reward per share for that token;
//! an account's reward is `shares * (reward_per_share - checkpoint)`, settled
//! into its `owed` balance before its shares change or when it claims. So a
//! fee costs the same whether a pool has ten shareholders or a million, and
//! nothing loops over accounts.
//!
//! Conservation, per token, in scaled units (`SCALE` per wei), at all times:
//! `deposited * SCALE == claimed * SCALE + direct balances + pool accruals
//! (settled and unsettled) + pending pool revenue + unreleased escrow + dust`.
//! `dust` is the remainder of each pool division (less than the pool's share
//! count in scaled units, far below a wei); it is counted, never paid to
//! anyone who did not earn it. Claims pay whole wei and keep the fraction for
//! the claimer.
//!
//! Roles (`access_kit`, OpenZeppelin `AccessControl`'s ABI): the admin sets the protocol fee
//! (capped at 10%), the treasury and the token allowlist and grants roles;
//! the pauser stops new fees; `REGISTRY_ROLE` changes shares and funds
//! validator pools; `MARKET_ROLE` routes fees; `ATTRIBUTION_ROLE` releases
//! influence escrow. No role can move or freeze what accounts have earned:
//! claims are never paused and there is no sweep.
#![cfg_attr(not(any(test, feature = "export-abi")), no_main)]
extern crate alloc;

#[cfg(not(feature = "export-abi"))]
mod router;
mod sol;
pub mod split;

use alloc::vec::Vec;

use abi_kit::AbiWord;
use access_kit::{Pause, Roles, DEFAULT_ADMIN_ROLE};
use alloy_primitives::{
    aliases::{U128, U16, U64, U8},
    Address, B256, U256,
};
use alloy_sol_types::SolEvent;
use stylus_sdk::{
    prelude::*,
    storage::{
        StorageAddress, StorageBool, StorageGuard, StorageGuardMut, StorageMap, StorageU128,
        StorageU16, StorageU256, StorageU64, StorageU8, StorageVec,
    },
};

pub use access_kit::{
    AccessControlBadConfirmation, AccessControlRoleFrozen, AccessControlUnauthorizedAccount,
    EnforcedPause, ExpectedPause, Paused, RoleFrozen, RoleGranted, RoleRevoked, Unpaused,
};
pub use sol::*;
use split::{div_rem, split_fee, weighted, BPS, MAX_AMOUNT, SCALE, SCALE_U64};

/// Pool kind: a datanet's data contributors, weighted by approved quality.
pub const POOL_CONTRIBUTORS: u8 = 0;
/// Pool kind: a datanet's validators, one share per useful vote.
pub const POOL_VALIDATORS: u8 = 1;

/// Highest protocol fee: 10%.
pub const MAX_PROTOCOL_FEE_BPS: u16 = 1_000;
/// Most datanets a fee is split over (a model's training record holds 16).
pub const MAX_DATANETS: usize = 16;
/// Most tokens ever listed, native included. Changing shares settles the
/// account in every listed token, so this bounds that cost.
pub const MAX_TOKENS: u8 = 8;
/// Most pools in one claim or `claimable` query.
pub const MAX_CLAIM_POOLS: usize = 64;
/// Most shares in one pool: 10^15, so the remainder of a pool division
/// (less than the share count, in units of 10^-18 wei) stays below a
/// thousandth of a wei. The registry credits at most 100 per approval.
pub const MAX_POOL_SHARES: u64 = 1_000_000_000_000_000;

// A pool's pending-revenue bitmask has one bit per listed token.
const _: () = assert!(MAX_TOKENS <= 8);

/// The native token's address in this contract's API.
pub const NATIVE: Address = Address::ZERO;

/// Role that may change pool shares and fund validator pools.
pub const REGISTRY_ROLE: [u8; 32] = stylus_sdk::keccak_const::Keccak256::new()
    .update(b"REGISTRY_ROLE")
    .finalize();
/// Role that may route fees.
pub const MARKET_ROLE: [u8; 32] = stylus_sdk::keccak_const::Keccak256::new()
    .update(b"MARKET_ROLE")
    .finalize();
/// Role that may release influence escrow.
pub const ATTRIBUTION_ROLE: [u8; 32] = stylus_sdk::keccak_const::Keccak256::new()
    .update(b"ATTRIBUTION_ROLE")
    .finalize();
/// Role that may pause and unpause new fees.
pub const PAUSER_ROLE: [u8; 32] = stylus_sdk::keccak_const::Keccak256::new()
    .update(b"PAUSER_ROLE")
    .finalize();

abi_kit::program_errors! {
    /// The caller lacks the role the function needs.
    UnauthorizedAccount(AccessControlUnauthorizedAccount { account, neededRole }),
    /// `renounceRole` named an account other than the caller.
    BadConfirmation(AccessControlBadConfirmation {}),
    /// A frozen role's holders cannot change.
    FrozenRole(AccessControlRoleFrozen { role }),
    /// New fees are paused.
    EnforcedPause(EnforcedPause {}),
    /// `unpause` while not paused.
    ExpectedPause(ExpectedPause {}),
    /// An ERC-20 transfer failed or returned false.
    SafeErc20FailedOperation(SafeErc20FailedOperation { token }),
    /// See [`RewardSplitterZeroAddress`].
    ZeroAddress(RewardSplitterZeroAddress {}),
    /// See [`RewardSplitterInvalidFee`].
    InvalidFee(RewardSplitterInvalidFee { bps, maxBps }),
    /// See [`RewardSplitterInvalidSplit`].
    InvalidSplit(RewardSplitterInvalidSplit { developerBps, dataBps, validatorBps }),
    /// See [`RewardSplitterInvalidShare`].
    InvalidShare(RewardSplitterInvalidShare { bps }),
    /// See [`RewardSplitterInvalidAttribution`].
    InvalidAttribution(RewardSplitterInvalidAttribution { datanets, weights }),
    /// See [`RewardSplitterInvalidDatanet`].
    InvalidDatanet(RewardSplitterInvalidDatanet { datanetId }),
    /// See [`RewardSplitterInvalidWeights`].
    InvalidWeights(RewardSplitterInvalidWeights { datanetId, sum }),
    /// See [`RewardSplitterZeroAmount`].
    ZeroAmount(RewardSplitterZeroAmount {}),
    /// See [`RewardSplitterAmountTooLarge`].
    AmountTooLarge(RewardSplitterAmountTooLarge { amount }),
    /// See [`RewardSplitterTokenNotAllowed`].
    TokenNotAllowed(RewardSplitterTokenNotAllowed { token }),
    /// See [`RewardSplitterUnknownToken`].
    UnknownToken(RewardSplitterUnknownToken { token }),
    /// See [`RewardSplitterTooManyTokens`].
    TooManyTokens(RewardSplitterTooManyTokens { maxTokens }),
    /// See [`RewardSplitterNotAContract`].
    NotAContract(RewardSplitterNotAContract { token }),
    /// See [`RewardSplitterWrongValue`].
    WrongValue(RewardSplitterWrongValue { expected, received }),
    /// See [`RewardSplitterTransferShortfall`].
    TransferShortfall(RewardSplitterTransferShortfall { token, required, balance }),
    /// See [`RewardSplitterInvalidPool`].
    InvalidPool(RewardSplitterInvalidPool { pool }),
    /// See [`RewardSplitterInsufficientShares`].
    InsufficientShares(RewardSplitterInsufficientShares { account, shares, requested }),
    /// See [`RewardSplitterNothingToClaim`].
    NothingToClaim(RewardSplitterNothingToClaim { account, token }),
    /// See [`RewardSplitterTooManyPools`].
    TooManyPools(RewardSplitterTooManyPools { count, maxPools }),
    /// See [`RewardSplitterEscrowExceeded`].
    EscrowExceeded(RewardSplitterEscrowExceeded { modelId, token, available, requested }),
    /// See [`RewardSplitterNothingPending`].
    NothingPending(RewardSplitterNothingPending { datanetId, pool, token }),
    /// See [`RewardSplitterPayoutFailed`].
    PayoutFailed(RewardSplitterPayoutFailed { to }),
    /// See [`RewardSplitterPoolInUse`].
    PoolInUse(RewardSplitterPoolInUse { datanetId }),
}

impl From<access_kit::RoleError> for Error {
    fn from(err: access_kit::RoleError) -> Self {
        match err {
            access_kit::RoleError::Unauthorized(e) => e.into(),
            access_kit::RoleError::BadConfirmation(e) => e.into(),
            access_kit::RoleError::Frozen(e) => e.into(),
        }
    }
}

/// Accounting of one token.
#[storage]
pub struct TokenState {
    /// Wei received for fees and pool funding, ever.
    deposited: StorageU128,
    /// Rounding remainder of pool divisions, in scaled units.
    dust: StorageU128,
    /// Wei paid out by claims, ever.
    claimed: StorageU128,
    /// Has been allowed once: its accounting exists and it can be claimed.
    listed: StorageBool,
    /// New fees may be paid in it.
    allowed: StorageBool,
}

/// One account's settled position in a pool, for one token.
#[storage]
pub struct Accrual {
    /// The pool's reward per share when this account was last settled.
    checkpoint: StorageU256,
    /// Reward settled but not yet claimed, in scaled units.
    owed: StorageU256,
}

/// A pool's accounting of one token.
#[storage]
pub struct PoolToken {
    /// Scaled units credited per share, ever.
    reward_per_share: StorageU256,
    /// Scaled units credited to this pool, ever.
    revenue: StorageU256,
    /// Scaled units credited while the pool had no shares, not yet
    /// distributed.
    pending: StorageU256,
    /// Each account's settled position.
    accounts: StorageMap<Address, Accrual>,
}

/// A datanet's contributor or validator pool.
#[storage]
pub struct Pool {
    /// Each account's shares.
    shares: StorageMap<Address, StorageU256>,
    /// Per-token accounting.
    tokens: StorageMap<Address, PoolToken>,
    /// Sum of all shares, at most [`MAX_POOL_SHARES`] (so pool divisions
    /// take a 64-bit divisor and leave under 1/1000 wei).
    total_shares: StorageU64,
    /// Bit `i` set: the `i`-th listed token has pending revenue here. Lets a
    /// fee skip reading `pending` in the common case.
    pending_tokens: StorageU8,
    /// A validator pool of an owner-reviewed datanet: it never has shares,
    /// so fees pass its part to the contributor pool.
    disabled: StorageBool,
}

/// A model's influence escrow in one token.
#[storage]
pub struct Escrow {
    /// Scaled units escrowed, ever.
    deposited: StorageU256,
    /// Wei released to accounts, ever.
    released: StorageU256,
}

/// State of the RewardSplitter program.
#[cfg_attr(feature = "export-abi", entrypoint)]
#[storage]
pub struct RewardSplitter {
    /// Roles: admin, pauser and the peer contracts.
    roles: Roles,
    /// Stops new fees (never claims).
    pause: Pause,
    /// Accounting per token.
    tokens: StorageMap<Address, TokenState>,
    /// Every listed token, native first, in listing order.
    token_list: StorageVec<StorageAddress>,
    /// Contributor pools by datanet id.
    contributor_pools: StorageMap<U256, Pool>,
    /// Validator pools by datanet id.
    validator_pools: StorageMap<U256, Pool>,
    /// Direct balances (treasury, developers, released escrow) by token,
    /// then account, in scaled units.
    balances: StorageMap<Address, StorageMap<Address, StorageU256>>,
    /// Influence escrow by model id, then token.
    escrows: StorageMap<U256, StorageMap<Address, Escrow>>,
    /// Receives the protocol fee.
    treasury: StorageAddress,
    /// Protocol fee in basis points of every fee.
    protocol_fee_bps: StorageU16,
}

/// Adds `b` to `a`, or fails with [`RewardSplitterAmountTooLarge`].
fn add(a: U256, b: U256) -> Result<U256, Error> {
    match a.checked_add(b) {
        Some(sum) => Ok(sum),
        None => Err(RewardSplitterAmountTooLarge { amount: b }.into()),
    }
}

/// `total + amount` if it fits in `bits` bits, else
/// [`RewardSplitterAmountTooLarge`] naming `amount`.
fn add_within(total: U256, amount: U256, bits: usize) -> Result<U256, Error> {
    match total.checked_add(amount) {
        Some(sum) if sum.bit_len() <= bits => Ok(sum),
        _ => Err(RewardSplitterAmountTooLarge { amount }.into()),
    }
}

/// Settles `account` (holding `shares`) in `pool` for `token`: moves what
/// it earned since its checkpoint into `owed`. Returns the new `owed`.
fn settle(pool: &mut Pool, token: Address, account: Address, shares: U256) -> Result<U256, Error> {
    let mut position = pool.tokens.setter(token);
    let reward_per_share = position.reward_per_share.get();
    let mut accrual = position.accounts.setter(account);
    let checkpoint = accrual.checkpoint.get();
    let mut owed = accrual.owed.get();
    if reward_per_share != checkpoint {
        if !shares.is_zero() {
            // shares * delta <= what was credited to the pool: no overflow
            // for any reachable state; checked anyway.
            let earned = shares.checked_mul(reward_per_share - checkpoint);
            owed = add(owed, earned.unwrap_or(U256::MAX))?;
            accrual.owed.set(owed);
        }
        accrual.checkpoint.set(reward_per_share);
    }
    Ok(owed)
}

/// Credits `amount` scaled units of `token` (listing index `index`) to
/// `pool`, with any revenue it held while it had no shares. Returns the
/// rounding remainder and the pending revenue released.
fn credit(pool: &mut Pool, token: Address, index: u8, amount: U256) -> Result<(U256, U256), Error> {
    let total = pool.total_shares.get().to::<u64>();
    let bit = 1u8 << index;
    let mask = pool.pending_tokens.get().to::<u8>();
    let mut position = pool.tokens.setter(token);
    let revenue = add(position.revenue.get(), amount)?;
    position.revenue.set(revenue);
    if total == 0 {
        let pending = add(position.pending.get(), amount)?;
        position.pending.set(pending);
        drop(position);
        pool.pending_tokens.set(U8::from(mask | bit));
        return Ok((U256::ZERO, U256::ZERO));
    }
    let mut released = U256::ZERO;
    if mask & bit != 0 {
        released = position.pending.get();
        position.pending.set(U256::ZERO);
    }
    let (per_share, dust) = div_rem(add(amount, released)?, total);
    let reward_per_share = add(position.reward_per_share.get(), per_share)?;
    position.reward_per_share.set(reward_per_share);
    drop(position);
    if mask & bit != 0 {
        pool.pending_tokens.set(U8::from(mask & !bit));
    }
    Ok((U256::from(dust), released))
}

#[public]
impl RewardSplitter {
    /// Sets the admin, the treasury and the protocol fee, and lists the
    /// native token as allowed.
    ///
    /// # Errors
    /// [`RewardSplitterZeroAddress`] for a zero admin or treasury;
    /// [`RewardSplitterInvalidFee`] for a fee above [`MAX_PROTOCOL_FEE_BPS`].
    ///
    /// # Events
    /// `RoleGranted`, [`TreasurySet`], [`ProtocolFeeSet`], [`TokenAllowed`].
    #[constructor]
    pub fn constructor(
        &mut self,
        admin: Address,
        treasury: Address,
        protocol_fee_bps: u16,
    ) -> Result<(), Error> {
        if admin.is_zero() {
            return Err(RewardSplitterZeroAddress {}.into());
        }
        self.roles.grant(DEFAULT_ADMIN_ROLE, admin);
        self.store_treasury(treasury)?;
        self.store_protocol_fee(protocol_fee_bps)?;
        self.list_token(NATIVE, true)
    }

    // ----- admin -----

    /// Sets the protocol fee taken from every new fee. Admin only.
    ///
    /// # Errors
    /// `AccessControlUnauthorizedAccount`; [`RewardSplitterInvalidFee`].
    ///
    /// # Events
    /// [`ProtocolFeeSet`].
    pub fn set_protocol_fee(&mut self, bps: u16) -> Result<(), Error> {
        self.only_admin()?;
        self.store_protocol_fee(bps)
    }

    /// Sets the account that earns future protocol fees. Admin only.
    ///
    /// # Errors
    /// `AccessControlUnauthorizedAccount`; [`RewardSplitterZeroAddress`].
    ///
    /// # Events
    /// [`TreasurySet`].
    pub fn set_treasury(&mut self, treasury: Address) -> Result<(), Error> {
        self.only_admin()?;
        self.store_treasury(treasury)
    }

    /// Allows or disallows an ERC-20 token for new fees. The first
    /// allowance lists it for good (at most [`MAX_TOKENS`], native
    /// included); disallowing never affects claims or pool funding.
    /// Admin only.
    ///
    /// # Errors
    /// `AccessControlUnauthorizedAccount`; [`RewardSplitterNotAContract`]
    /// for a token without code; [`RewardSplitterTooManyTokens`];
    /// [`RewardSplitterUnknownToken`] when disallowing a token never listed.
    ///
    /// # Events
    /// [`TokenAllowed`].
    pub fn set_token_allowed(&mut self, token: Address, allowed: bool) -> Result<(), Error> {
        self.only_admin()?;
        if !token.is_zero() && !abi_kit::erc20::has_code(self.vm(), token) {
            return Err(RewardSplitterNotAContract { token }.into());
        }
        self.list_token(token, allowed)
    }

    /// Stops new fees. Claims, share changes and pool funding go on.
    /// Pauser only.
    ///
    /// # Errors
    /// `AccessControlUnauthorizedAccount`; `EnforcedPause` if paused.
    ///
    /// # Events
    /// `Paused`.
    pub fn pause(&mut self) -> Result<(), Error> {
        self.roles.only_role(PAUSER_ROLE.into())?;
        Ok(self.pause.pause()?)
    }

    /// Lets new fees in again. Pauser only.
    ///
    /// # Errors
    /// `AccessControlUnauthorizedAccount`; `ExpectedPause` if not paused.
    ///
    /// # Events
    /// `Unpaused`.
    pub fn unpause(&mut self) -> Result<(), Error> {
        self.roles.only_role(PAUSER_ROLE.into())?;
        Ok(self.pause.unpause()?)
    }

    /// Whether new fees are paused.
    pub fn paused(&self) -> bool {
        self.pause.paused()
    }

    /// Whether `account` has `role`.
    pub fn has_role(&self, role: B256, account: Address) -> bool {
        self.roles.has_role(role, account)
    }

    /// The role that administers `role`: the admin role, for every role.
    pub fn get_role_admin(&self, _role: B256) -> B256 {
        DEFAULT_ADMIN_ROLE
    }

    /// Grants `role` to `account`. Only the role's admin.
    ///
    /// # Errors
    /// `AccessControlUnauthorizedAccount`; `AccessControlRoleFrozen`.
    ///
    /// # Events
    /// `RoleGranted` if it was not held.
    pub fn grant_role(&mut self, role: B256, account: Address) -> Result<(), Error> {
        Ok(self.roles.grant_role(role, account)?)
    }

    /// Revokes `role` from `account`. Only the role's admin.
    ///
    /// # Errors
    /// `AccessControlUnauthorizedAccount`; `AccessControlRoleFrozen`.
    ///
    /// # Events
    /// `RoleRevoked` if it was held.
    pub fn revoke_role(&mut self, role: B256, account: Address) -> Result<(), Error> {
        Ok(self.roles.revoke_role(role, account)?)
    }

    /// The caller gives up `role`; `confirmation` must be the caller.
    ///
    /// # Errors
    /// `AccessControlBadConfirmation`; `AccessControlRoleFrozen`.
    ///
    /// # Events
    /// `RoleRevoked` if it was held.
    pub fn renounce_role(&mut self, role: B256, confirmation: Address) -> Result<(), Error> {
        Ok(self.roles.renounce_role(role, confirmation)?)
    }

    /// Freezes `role` for good: nobody is granted, revoked or renounces it
    /// again. Only the admin. Freezing the peer roles once the programs
    /// are wired takes away the admin's power over users' funds.
    ///
    /// # Errors
    /// `AccessControlUnauthorizedAccount`; `AccessControlRoleFrozen` if it
    /// already is.
    ///
    /// # Events
    /// `RoleFrozen`.
    pub fn freeze_role(&mut self, role: B256) -> Result<(), Error> {
        Ok(self.roles.freeze_role(role)?)
    }

    /// Whether `role` is frozen.
    pub fn is_role_frozen(&self, role: B256) -> bool {
        self.roles.is_role_frozen(role)
    }

    // ----- registry -----

    /// Adds `weight` shares for `contributor` to a datanet's contributor
    /// pool, settling it first. Registry only.
    ///
    /// # Errors
    /// `AccessControlUnauthorizedAccount`; [`RewardSplitterInvalidDatanet`]
    /// for id 0; [`RewardSplitterZeroAddress`]; [`RewardSplitterZeroAmount`];
    /// [`RewardSplitterAmountTooLarge`] if the pool total would pass
    /// [`MAX_POOL_SHARES`].
    ///
    /// # Events
    /// [`SharesChanged`].
    pub fn add_contributor_weight(
        &mut self,
        datanet_id: U256,
        contributor: Address,
        weight: U256,
    ) -> Result<(), Error> {
        self.roles.only_role(REGISTRY_ROLE.into())?;
        self.change_shares(datanet_id, POOL_CONTRIBUTORS, contributor, weight, true)
    }

    /// Adds one share for `validator` to a datanet's validator pool,
    /// settling it first. Registry only.
    ///
    /// # Errors
    /// As [`Self::add_contributor_weight`].
    ///
    /// # Events
    /// [`SharesChanged`].
    pub fn add_validator_share(
        &mut self,
        datanet_id: U256,
        validator: Address,
    ) -> Result<(), Error> {
        self.roles.only_role(REGISTRY_ROLE.into())?;
        self.change_shares(datanet_id, POOL_VALIDATORS, validator, U256::from(1), true)
    }

    /// Marks a datanet as owner-reviewed: it never has validators, so the
    /// validator share of its fees goes to its contributor pool instead of
    /// waiting forever. Registry only (called when it creates the datanet).
    ///
    /// # Errors
    /// `AccessControlUnauthorizedAccount`; [`RewardSplitterInvalidDatanet`];
    /// [`RewardSplitterPoolInUse`] if the pool is already disabled, has
    /// shares or holds revenue (which would then be stranded).
    ///
    /// # Events
    /// [`ValidatorPoolDisabled`].
    pub fn disable_validator_pool(&mut self, datanet_id: U256) -> Result<(), Error> {
        self.roles.only_role(REGISTRY_ROLE.into())?;
        check_datanet(datanet_id)?;
        let mut pool = self.validator_pools.setter(datanet_id);
        if pool.disabled.get() || pool.total_shares.get() != 0 || pool.pending_tokens.get() != 0 {
            return Err(RewardSplitterPoolInUse {
                datanetId: datanet_id,
            }
            .into());
        }
        pool.disabled.set(true);
        self.emit(
            &[ValidatorPoolDisabled::SIGNATURE_HASH, datanet_id.word()],
            &[],
        );
        Ok(())
    }

    /// Removes `shares` from `account` in a datanet's pool (a slash),
    /// settling it first: what it earned before stays claimable. Registry
    /// only.
    ///
    /// # Errors
    /// `AccessControlUnauthorizedAccount`; [`RewardSplitterInvalidPool`];
    /// [`RewardSplitterInvalidDatanet`]; [`RewardSplitterZeroAddress`];
    /// [`RewardSplitterZeroAmount`]; [`RewardSplitterInsufficientShares`].
    ///
    /// # Events
    /// [`SharesChanged`].
    pub fn remove_shares(
        &mut self,
        datanet_id: U256,
        pool: u8,
        account: Address,
        shares: U256,
    ) -> Result<(), Error> {
        self.roles.only_role(REGISTRY_ROLE.into())?;
        check_pool(pool)?;
        self.change_shares(datanet_id, pool, account, shares, false)
    }

    /// Credits `amount` of `token` (zero: native, sent as value) to a
    /// datanet's validator pool. ERC-20 amounts must already be in the
    /// splitter. Works while paused and for disallowed (but listed) tokens,
    /// so reviews never block. Registry only.
    ///
    /// # Errors
    /// `AccessControlUnauthorizedAccount`; [`RewardSplitterInvalidDatanet`];
    /// [`RewardSplitterZeroAmount`]; [`RewardSplitterUnknownToken`];
    /// [`RewardSplitterWrongValue`]; [`RewardSplitterTransferShortfall`];
    /// [`RewardSplitterAmountTooLarge`].
    ///
    /// # Events
    /// [`ValidatorPoolFunded`], and [`PendingDistributed`] if held revenue
    /// was released.
    #[payable]
    pub fn fund_validator_pool(
        &mut self,
        datanet_id: U256,
        token: Address,
        amount: U256,
    ) -> Result<(), Error> {
        self.roles.only_role(REGISTRY_ROLE.into())?;
        check_datanet(datanet_id)?;
        let index = self.receive(token, amount, false)?;
        let dust = self.credit_pool(datanet_id, POOL_VALIDATORS, token, index, amount * SCALE)?;
        self.add_dust(token, dust)?;
        self.emit(
            &[
                ValidatorPoolFunded::SIGNATURE_HASH,
                datanet_id.word(),
                token.word(),
            ],
            &[amount.word()],
        );
        Ok(())
    }

    // ----- market -----

    /// Routes a fee of `amount` of `token` for model `model_id`: the
    /// protocol fee to the treasury; of the rest, `developer_bps` to
    /// `developer`, `data_bps` to the data (its `influence_bps` part to the
    /// model's influence escrow, the remainder over `datanet_ids` by
    /// `weights_bps` into their contributor pools) and `validator_bps` over
    /// the same weights into their validator pools (an owner-reviewed
    /// datanet's disabled validator pool passes its part to the contributor
    /// pool). Native fees come as
    /// value; ERC-20 fees must already be in the splitter. Market only, not
    /// while paused. Cost grows with the number of datanets (at most 16),
    /// never with the number of shareholders.
    ///
    /// # Errors
    /// `AccessControlUnauthorizedAccount`; `EnforcedPause`;
    /// [`RewardSplitterZeroAddress`] for the developer;
    /// [`RewardSplitterInvalidSplit`]; [`RewardSplitterInvalidShare`];
    /// [`RewardSplitterInvalidAttribution`]; [`RewardSplitterInvalidDatanet`];
    /// [`RewardSplitterInvalidWeights`]; [`RewardSplitterZeroAmount`];
    /// [`RewardSplitterAmountTooLarge`]; [`RewardSplitterUnknownToken`];
    /// [`RewardSplitterTokenNotAllowed`]; [`RewardSplitterWrongValue`];
    /// [`RewardSplitterTransferShortfall`].
    ///
    /// # Events
    /// [`FeeRouted`]; one [`DatanetRevenue`] per datanet;
    /// [`PendingDistributed`] where held revenue was released.
    #[payable]
    #[allow(clippy::too_many_arguments)]
    pub fn route(
        &mut self,
        model_id: U256,
        token: Address,
        amount: U256,
        developer: Address,
        developer_bps: u16,
        data_bps: u16,
        validator_bps: u16,
        influence_bps: u16,
        datanet_ids: Vec<U256>,
        weights_bps: Vec<u16>,
    ) -> Result<(), Error> {
        self.roles.only_role(MARKET_ROLE.into())?;
        self.pause.when_not_paused()?;
        if developer.is_zero() {
            return Err(RewardSplitterZeroAddress {}.into());
        }
        if u32::from(developer_bps) + u32::from(data_bps) + u32::from(validator_bps)
            != u32::from(BPS)
        {
            return Err(RewardSplitterInvalidSplit {
                developerBps: developer_bps,
                dataBps: data_bps,
                validatorBps: validator_bps,
            }
            .into());
        }
        if influence_bps > BPS {
            return Err(RewardSplitterInvalidShare { bps: influence_bps }.into());
        }
        check_attribution(&datanet_ids, &weights_bps)?;
        let index = self.receive(token, amount, true)?;

        let shares = split_fee(
            amount,
            self.protocol_fee_bps.get().to::<u16>(),
            developer_bps,
            data_bps,
            influence_bps,
        );
        let treasury = self.treasury.get();
        self.credit_balance(token, treasury, shares.protocol)?;
        self.credit_balance(token, developer, shares.developer)?;
        if !shares.escrow.is_zero() {
            let mut escrow = self.escrows.setter(model_id);
            let mut escrow = escrow.setter(token);
            let escrowed = add(escrow.deposited.get(), shares.escrow)?;
            escrow.deposited.set(escrowed);
        }
        let mut dust = U256::ZERO;
        for (&datanet_id, &weight) in datanet_ids.iter().zip(&weights_bps) {
            let mut contributors = weighted(shares.data, weight);
            let mut validators = weighted(shares.validators, weight);
            if self.validator_pools.get(datanet_id).disabled.get() {
                contributors = add(contributors, validators)?;
                validators = U256::ZERO;
            }
            if !contributors.is_zero() {
                let pool_dust =
                    self.credit_pool(datanet_id, POOL_CONTRIBUTORS, token, index, contributors)?;
                dust = add(dust, pool_dust)?;
            }
            if !validators.is_zero() {
                let pool_dust =
                    self.credit_pool(datanet_id, POOL_VALIDATORS, token, index, validators)?;
                dust = add(dust, pool_dust)?;
            }
            self.emit(
                &[
                    DatanetRevenue::SIGNATURE_HASH,
                    datanet_id.word(),
                    model_id.word(),
                    token.word(),
                ],
                &[contributors.word(), validators.word()],
            );
        }
        self.add_dust(token, dust)?;
        self.emit(
            &[
                FeeRouted::SIGNATURE_HASH,
                model_id.word(),
                token.word(),
                developer.word(),
            ],
            &[
                amount.word(),
                shares.protocol.word(),
                shares.developer.word(),
                shares.escrow.word(),
            ],
        );
        Ok(())
    }

    // ----- attribution -----

    /// Moves `amount` wei of model `model_id`'s influence escrow in `token`
    /// to `account`'s claimable balance (after the attribution contract
    /// checked `account`'s Merkle proof). Attribution only.
    ///
    /// # Errors
    /// `AccessControlUnauthorizedAccount`; [`RewardSplitterUnknownToken`];
    /// [`RewardSplitterZeroAddress`]; [`RewardSplitterZeroAmount`];
    /// [`RewardSplitterEscrowExceeded`].
    ///
    /// # Events
    /// [`EscrowReleased`].
    pub fn release_escrow(
        &mut self,
        model_id: U256,
        token: Address,
        account: Address,
        amount: U256,
    ) -> Result<(), Error> {
        self.roles.only_role(ATTRIBUTION_ROLE.into())?;
        self.token_index(token)?;
        if account.is_zero() {
            return Err(RewardSplitterZeroAddress {}.into());
        }
        if amount.is_zero() {
            return Err(RewardSplitterZeroAmount {}.into());
        }
        let (escrowed, released) = self.escrow(model_id, token);
        let available = div_rem(escrowed, SCALE_U64).0 - released;
        if amount > available {
            return Err(RewardSplitterEscrowExceeded {
                modelId: model_id,
                token,
                available,
                requested: amount,
            }
            .into());
        }
        self.escrows
            .setter(model_id)
            .setter(token)
            .released
            .set(released + amount);
        self.credit_balance(token, account, amount * SCALE)?;
        self.emit(
            &[
                EscrowReleased::SIGNATURE_HASH,
                model_id.word(),
                token.word(),
                account.word(),
            ],
            &[amount.word()],
        );
        Ok(())
    }

    // ----- anyone -----

    /// Distributes revenue a pool held while it had no shares to its
    /// current shareholders. Anyone may call it (the next fee to the pool
    /// does the same).
    ///
    /// # Errors
    /// [`RewardSplitterInvalidPool`]; [`RewardSplitterInvalidDatanet`] for
    /// id 0; [`RewardSplitterUnknownToken`]; [`RewardSplitterNothingPending`]
    /// if nothing is held or the pool still has no shares.
    ///
    /// # Events
    /// [`PendingDistributed`].
    pub fn distribute_pending(
        &mut self,
        datanet_id: U256,
        pool: u8,
        token: Address,
    ) -> Result<(), Error> {
        check_pool(pool)?;
        check_datanet(datanet_id)?;
        let index = self.token_index(token)?;
        let pool_ref = self.pool_of(datanet_id, pool);
        let has_pending = pool_ref.pending_tokens.get().to::<u8>() & (1 << index) != 0;
        if !has_pending || pool_ref.total_shares.get() == 0 {
            return Err(RewardSplitterNothingPending {
                datanetId: datanet_id,
                pool,
                token,
            }
            .into());
        }
        let dust = self.credit_pool(datanet_id, pool, token, index, U256::ZERO)?;
        self.add_dust(token, dust)
    }

    /// Pays the caller everything it can claim in `token`: its direct
    /// balance (treasury, developer, released escrow) and its rewards in
    /// the listed contributor and validator pools, in whole wei, to `to`.
    /// The sub-wei rest stays the caller's. Never paused.
    ///
    /// # Errors
    /// [`RewardSplitterZeroAddress`] for `to`; [`RewardSplitterTooManyPools`];
    /// [`RewardSplitterUnknownToken`]; [`RewardSplitterNothingToClaim`];
    /// `SafeErc20FailedOperation` or [`RewardSplitterPayoutFailed`] if the
    /// payment fails.
    ///
    /// # Events
    /// [`RewardsClaimed`].
    pub fn claim(
        &mut self,
        token: Address,
        contributor_datanets: Vec<U256>,
        validator_datanets: Vec<U256>,
        to: Address,
    ) -> Result<U256, Error> {
        if to.is_zero() {
            return Err(RewardSplitterZeroAddress {}.into());
        }
        check_pool_count(&contributor_datanets, &validator_datanets)?;
        self.token_index(token)?;
        let account = self.vm().msg_sender();
        let mut total = self.balances.get(token).get(account);
        for (kind, ids) in [
            (POOL_CONTRIBUTORS, &contributor_datanets),
            (POOL_VALIDATORS, &validator_datanets),
        ] {
            for &datanet_id in ids {
                let mut pool = self.pool_of(datanet_id, kind);
                let shares = pool.shares.get(account);
                let owed = settle(&mut pool, token, account, shares)?;
                if !owed.is_zero() {
                    total = add(total, owed)?;
                    pool.tokens
                        .setter(token)
                        .accounts
                        .setter(account)
                        .owed
                        .set(U256::ZERO);
                }
            }
        }
        let (amount, rest) = div_rem(total, SCALE_U64);
        if amount.is_zero() {
            return Err(RewardSplitterNothingToClaim { account, token }.into());
        }
        self.balances
            .setter(token)
            .setter(account)
            .set(U256::from(rest));
        let mut state = self.tokens.setter(token);
        // claimed <= deposited < 2^128 always; checked anyway.
        let claimed = add_within(U256::from(state.claimed.get()), amount, 128)?;
        state.claimed.set(U128::from(claimed));
        self.emit(
            &[
                RewardsClaimed::SIGNATURE_HASH,
                account.word(),
                token.word(),
                to.word(),
            ],
            &[amount.word()],
        );
        self.pay(token, to, amount)?;
        Ok(amount)
    }

    // ----- views -----

    /// `(treasury, protocolFeeBps, listed token count)`.
    pub fn config(&self) -> (Address, u16, u8) {
        (
            self.treasury.get(),
            self.protocol_fee_bps.get().to(),
            self.token_list.len() as u8,
        )
    }

    /// Every listed token, native (the zero address) first.
    pub fn tokens(&self) -> Vec<Address> {
        (0..self.token_list.len())
            .filter_map(|i| self.token_list.get(i))
            .collect()
    }

    /// `(listed, allowed, deposited, claimed, dustScaled)` of `token`:
    /// wei received and paid out, ever, and the rounding remainder.
    pub fn token_info(&self, token: Address) -> (bool, bool, U256, U256, U256) {
        let state = self.tokens.get(token);
        (
            state.listed.get(),
            state.allowed.get(),
            U256::from(state.deposited.get()),
            U256::from(state.claimed.get()),
            U256::from(state.dust.get()),
        )
    }

    /// `(totalShares, rewardPerShare, revenueScaled, pendingScaled)` of a
    /// datanet's pool (0: contributors, 1: validators) in `token`.
    ///
    /// # Errors
    /// [`RewardSplitterInvalidPool`].
    pub fn pool_info(
        &self,
        datanet_id: U256,
        pool: u8,
        token: Address,
    ) -> Result<(U256, U256, U256, U256), Error> {
        let pool = self.pool_view(datanet_id, pool)?;
        let position = pool.tokens.get(token);
        Ok((
            U256::from(pool.total_shares.get()),
            position.reward_per_share.get(),
            position.revenue.get(),
            position.pending.get(),
        ))
    }

    /// `account`'s shares in a datanet's pool.
    ///
    /// # Errors
    /// [`RewardSplitterInvalidPool`].
    pub fn shares_of(&self, datanet_id: U256, pool: u8, account: Address) -> Result<U256, Error> {
        Ok(self.pool_view(datanet_id, pool)?.shares.get(account))
    }

    /// What `claim` would pay `account` now, in whole wei, and the scaled
    /// total it is taken from.
    ///
    /// # Errors
    /// [`RewardSplitterTooManyPools`].
    pub fn claimable(
        &self,
        account: Address,
        token: Address,
        contributor_datanets: Vec<U256>,
        validator_datanets: Vec<U256>,
    ) -> Result<(U256, U256), Error> {
        check_pool_count(&contributor_datanets, &validator_datanets)?;
        let mut total = self.balances.get(token).get(account);
        for (pools, ids) in [
            (&self.contributor_pools, &contributor_datanets),
            (&self.validator_pools, &validator_datanets),
        ] {
            let mut seen: Vec<U256> = Vec::new();
            for &datanet_id in ids {
                if seen.contains(&datanet_id) {
                    continue;
                }
                seen.push(datanet_id);
                let pool = pools.get(datanet_id);
                let position = pool.tokens.get(token);
                let accrual = position.accounts.get(account);
                let delta = position.reward_per_share.get() - accrual.checkpoint.get();
                let earned = pool.shares.get(account).saturating_mul(delta);
                total = total
                    .saturating_add(accrual.owed.get())
                    .saturating_add(earned);
            }
        }
        Ok((div_rem(total, SCALE_U64).0, total))
    }

    /// `(escrowedScaled, released)` of model `model_id`'s influence escrow
    /// in `token`: scaled units escrowed ever, and wei released ever.
    pub fn escrow(&self, model_id: U256, token: Address) -> (U256, U256) {
        let escrow = self.escrows.get(model_id);
        let escrow = escrow.get(token);
        (escrow.deposited.get(), escrow.released.get())
    }
}

/// Fails unless `pool` is a pool kind.
fn check_pool(pool: u8) -> Result<(), Error> {
    if pool > POOL_VALIDATORS {
        return Err(RewardSplitterInvalidPool { pool }.into());
    }
    Ok(())
}

/// Fails for datanet id 0 (the registry numbers datanets from 1).
fn check_datanet(datanet_id: U256) -> Result<(), Error> {
    if datanet_id.is_zero() {
        return Err(RewardSplitterInvalidDatanet {
            datanetId: datanet_id,
        }
        .into());
    }
    Ok(())
}

/// Fails if a claim names more than [`MAX_CLAIM_POOLS`] pools.
fn check_pool_count(contributors: &[U256], validators: &[U256]) -> Result<(), Error> {
    let count = contributors.len() + validators.len();
    if count > MAX_CLAIM_POOLS {
        return Err(RewardSplitterTooManyPools {
            count: U256::from(count),
            maxPools: U256::from(MAX_CLAIM_POOLS),
        }
        .into());
    }
    Ok(())
}

/// Checks a fee's datanets: 1 to 16 distinct non-zero ids, one non-zero
/// weight each, weights summing to 10,000.
fn check_attribution(datanet_ids: &[U256], weights_bps: &[u16]) -> Result<(), Error> {
    let count = datanet_ids.len();
    if count == 0 || count > MAX_DATANETS || weights_bps.len() != count {
        return Err(RewardSplitterInvalidAttribution {
            datanets: U256::from(count),
            weights: U256::from(weights_bps.len()),
        }
        .into());
    }
    let mut sum = 0u32;
    for (i, (&datanet_id, &weight)) in datanet_ids.iter().zip(weights_bps).enumerate() {
        check_datanet(datanet_id)?;
        if datanet_ids[..i].contains(&datanet_id) {
            return Err(RewardSplitterInvalidDatanet {
                datanetId: datanet_id,
            }
            .into());
        }
        sum += u32::from(weight);
        if weight == 0 {
            return Err(RewardSplitterInvalidWeights {
                datanetId: datanet_id,
                sum: U256::from(sum),
            }
            .into());
        }
    }
    if sum != u32::from(BPS) {
        return Err(RewardSplitterInvalidWeights {
            datanetId: U256::ZERO,
            sum: U256::from(sum),
        }
        .into());
    }
    Ok(())
}

impl RewardSplitter {
    /// Emits a log of `topics` (the event's signature hash, then its
    /// indexed fields) and static `data` words.
    fn emit(&self, topics: &[B256], data: &[B256]) {
        let mut bytes = abi_kit::words(topics);
        bytes.extend_from_slice(&abi_kit::words(data));
        self.vm().emit_log(&bytes, topics.len());
    }

    /// Fails unless the caller is an admin.
    fn only_admin(&self) -> Result<(), Error> {
        Ok(self.roles.only_role(DEFAULT_ADMIN_ROLE)?)
    }

    fn store_treasury(&mut self, treasury: Address) -> Result<(), Error> {
        if treasury.is_zero() {
            return Err(RewardSplitterZeroAddress {}.into());
        }
        let previous = self.treasury.get();
        self.treasury.set(treasury);
        self.emit(
            &[
                TreasurySet::SIGNATURE_HASH,
                previous.word(),
                treasury.word(),
            ],
            &[],
        );
        Ok(())
    }

    fn store_protocol_fee(&mut self, bps: u16) -> Result<(), Error> {
        if bps > MAX_PROTOCOL_FEE_BPS {
            return Err(RewardSplitterInvalidFee {
                bps,
                maxBps: MAX_PROTOCOL_FEE_BPS,
            }
            .into());
        }
        let previous = self.protocol_fee_bps.get().to::<u16>();
        self.protocol_fee_bps.set(U16::from(bps));
        self.emit(
            &[ProtocolFeeSet::SIGNATURE_HASH],
            &[previous.word(), bps.word()],
        );
        Ok(())
    }

    /// Lists `token` if new (bounded by [`MAX_TOKENS`]) and sets whether it
    /// is allowed for new fees.
    fn list_token(&mut self, token: Address, allowed: bool) -> Result<(), Error> {
        let mut state = self.tokens.setter(token);
        if !state.listed.get() {
            if !allowed {
                return Err(RewardSplitterUnknownToken { token }.into());
            }
            if self.token_list.len() >= usize::from(MAX_TOKENS) {
                return Err(RewardSplitterTooManyTokens {
                    maxTokens: MAX_TOKENS,
                }
                .into());
            }
            state.listed.set(true);
            self.token_list.push(token);
        }
        let mut state = self.tokens.setter(token);
        state.allowed.set(allowed);
        self.emit(
            &[TokenAllowed::SIGNATURE_HASH, token.word()],
            &[allowed.word()],
        );
        Ok(())
    }

    /// `token`'s listing index, or [`RewardSplitterUnknownToken`].
    fn token_index(&self, token: Address) -> Result<u8, Error> {
        if self.tokens.get(token).listed.get() {
            for i in 0..self.token_list.len() {
                if self.token_list.get(i) == Some(token) {
                    return Ok(i as u8);
                }
            }
        }
        Err(RewardSplitterUnknownToken { token }.into())
    }

    /// A datanet's pool of kind `pool`, read-only.
    fn pool_view(&self, datanet_id: U256, pool: u8) -> Result<StorageGuard<'_, Pool>, Error> {
        check_pool(pool)?;
        Ok(if pool == POOL_VALIDATORS {
            self.validator_pools.get(datanet_id)
        } else {
            self.contributor_pools.get(datanet_id)
        })
    }

    /// A datanet's pool of kind `pool` (validators if 1, else contributors).
    fn pool_of(&mut self, datanet_id: U256, pool: u8) -> StorageGuardMut<'_, Pool> {
        if pool == POOL_VALIDATORS {
            self.validator_pools.setter(datanet_id)
        } else {
            self.contributor_pools.setter(datanet_id)
        }
    }

    /// Accepts `amount` of `token` into the accounting: native value must
    /// equal it; an ERC-20's balance must cover everything owed plus it.
    /// Returns the token's listing index.
    fn receive(&mut self, token: Address, amount: U256, for_fee: bool) -> Result<u8, Error> {
        if amount.is_zero() {
            return Err(RewardSplitterZeroAmount {}.into());
        }
        if amount > MAX_AMOUNT {
            return Err(RewardSplitterAmountTooLarge { amount }.into());
        }
        let index = self.token_index(token)?;
        let state = self.tokens.get(token);
        if for_fee && !state.allowed.get() {
            return Err(RewardSplitterTokenNotAllowed { token }.into());
        }
        let deposited = U256::from(state.deposited.get());
        let claimed = U256::from(state.claimed.get());
        let value = self.vm().msg_value();
        let expected = if token.is_zero() { amount } else { U256::ZERO };
        if value != expected {
            return Err(RewardSplitterWrongValue {
                expected,
                received: value,
            }
            .into());
        }
        let new_deposited = add_within(deposited, amount, 128)?;
        if !token.is_zero() {
            let required = deposited - claimed + amount;
            let balance = self.token_balance(token)?;
            if balance < required {
                return Err(RewardSplitterTransferShortfall {
                    token,
                    required,
                    balance,
                }
                .into());
            }
        }
        self.tokens
            .setter(token)
            .deposited
            .set(U128::from(new_deposited));
        Ok(index)
    }

    /// The splitter's balance of ERC-20 `token`.
    fn token_balance(&mut self, token: Address) -> Result<U256, Error> {
        let this = self.vm().contract_address();
        match abi_kit::erc20::balance_of(self.vm(), token, this) {
            Some(balance) => Ok(balance),
            None => Err(RewardSplitterNotAContract { token }.into()),
        }
    }

    /// Adds `amount` scaled units to `account`'s direct balance in `token`.
    fn credit_balance(
        &mut self,
        token: Address,
        account: Address,
        amount: U256,
    ) -> Result<(), Error> {
        if amount.is_zero() {
            return Ok(());
        }
        let mut balances = self.balances.setter(token);
        let mut balance = balances.setter(account);
        let new_balance = add(balance.get(), amount)?;
        balance.set(new_balance);
        Ok(())
    }

    /// Credits a datanet's pool; emits [`PendingDistributed`] if held
    /// revenue went out with it. Returns the rounding remainder.
    fn credit_pool(
        &mut self,
        datanet_id: U256,
        pool: u8,
        token: Address,
        index: u8,
        amount: U256,
    ) -> Result<U256, Error> {
        let (dust, released) = credit(&mut self.pool_of(datanet_id, pool), token, index, amount)?;
        if !released.is_zero() {
            self.emit(
                &[
                    PendingDistributed::SIGNATURE_HASH,
                    datanet_id.word(),
                    pool.word(),
                    token.word(),
                ],
                &[released.word()],
            );
        }
        Ok(dust)
    }

    /// Adds a rounding remainder to `token`'s dust.
    fn add_dust(&mut self, token: Address, dust: U256) -> Result<(), Error> {
        if dust.is_zero() {
            return Ok(());
        }
        let mut state = self.tokens.setter(token);
        let total = add_within(U256::from(state.dust.get()), dust, 128)?;
        state.dust.set(U128::from(total));
        Ok(())
    }

    /// Adds or removes `delta` shares of `account` in a datanet's pool,
    /// settling the account in every listed token first.
    fn change_shares(
        &mut self,
        datanet_id: U256,
        pool: u8,
        account: Address,
        delta: U256,
        adding: bool,
    ) -> Result<(), Error> {
        check_datanet(datanet_id)?;
        if account.is_zero() {
            return Err(RewardSplitterZeroAddress {}.into());
        }
        if delta.is_zero() {
            return Err(RewardSplitterZeroAmount {}.into());
        }
        let tokens = self.tokens();
        let mut pool_ref = self.pool_of(datanet_id, pool);
        let shares = pool_ref.shares.get(account);
        for token in tokens {
            settle(&mut pool_ref, token, account, shares)?;
        }
        let total = U256::from(pool_ref.total_shares.get());
        let (new_shares, new_total) = if adding {
            let new_total = add(total, delta)?;
            if new_total > U256::from(MAX_POOL_SHARES) {
                return Err(RewardSplitterAmountTooLarge { amount: delta }.into());
            }
            (add(shares, delta)?, new_total)
        } else {
            if delta > shares {
                return Err(RewardSplitterInsufficientShares {
                    account,
                    shares,
                    requested: delta,
                }
                .into());
            }
            (shares - delta, total - delta)
        };
        pool_ref.shares.setter(account).set(new_shares);
        pool_ref.total_shares.set(U64::from(new_total));
        drop(pool_ref);
        self.emit(
            &[
                SharesChanged::SIGNATURE_HASH,
                datanet_id.word(),
                pool.word(),
                account.word(),
            ],
            &[new_shares.word(), U256::from(new_total).word()],
        );
        Ok(())
    }

    /// Pays `amount` of `token` to `to`.
    fn pay(&mut self, token: Address, to: Address, amount: U256) -> Result<(), Error> {
        if token.is_zero() {
            if self.vm().transfer_eth(to, amount).is_err() {
                return Err(RewardSplitterPayoutFailed { to }.into());
            }
            return Ok(());
        }
        if !abi_kit::erc20::safe_transfer(self.vm(), token, to, amount) {
            return Err(SafeErc20FailedOperation { token }.into());
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use alloy_primitives::{Address, B256, U256};
    use alloy_sol_types::{SolEvent, SolValue};
    // Links motsu's host functions, which the storage types reference.
    use motsu as _;

    use super::*;

    #[test]
    fn error_encoder_matches_alloy_for_every_error() {
        abi_kit::testing::check_error_encoder(every_error(), 29);
    }

    /// Our topics and data for each event equal alloy's log encoding.
    #[test]
    fn event_encoder_matches_alloy() {
        fn ours(topics: &[B256], data: &[B256]) -> (alloc::vec::Vec<B256>, alloc::vec::Vec<u8>) {
            (topics.to_vec(), abi_kit::words(data))
        }
        fn alloy<E: SolEvent>(event: &E) -> (alloc::vec::Vec<B256>, alloc::vec::Vec<u8>) {
            let log = event.encode_log_data();
            (log.topics().to_vec(), log.data.to_vec())
        }
        let (id, model, token, who) = (
            U256::from(7),
            U256::from(9),
            Address::repeat_byte(1),
            Address::repeat_byte(2),
        );
        let (a, b, c, d) = (
            U256::from(11),
            U256::from(12),
            U256::from(13),
            U256::from(14),
        );
        assert_eq!(
            ours(
                &[
                    FeeRouted::SIGNATURE_HASH,
                    model.word(),
                    token.word(),
                    who.word()
                ],
                &[a.word(), b.word(), c.word(), d.word()]
            ),
            alloy(&FeeRouted {
                modelId: model,
                token,
                developer: who,
                amount: a,
                protocolFeeScaled: b,
                developerScaled: c,
                escrowScaled: d
            })
        );
        assert_eq!(
            ours(
                &[
                    DatanetRevenue::SIGNATURE_HASH,
                    id.word(),
                    model.word(),
                    token.word()
                ],
                &[a.word(), b.word()]
            ),
            alloy(&DatanetRevenue {
                datanetId: id,
                modelId: model,
                token,
                contributorsScaled: a,
                validatorsScaled: b
            })
        );
        assert_eq!(
            ours(
                &[ValidatorPoolFunded::SIGNATURE_HASH, id.word(), token.word()],
                &[a.word()]
            ),
            alloy(&ValidatorPoolFunded {
                datanetId: id,
                token,
                amount: a
            })
        );
        assert_eq!(
            ours(&[ValidatorPoolDisabled::SIGNATURE_HASH, id.word()], &[]),
            alloy(&ValidatorPoolDisabled { datanetId: id })
        );
        assert_eq!(
            ours(
                &[
                    PendingDistributed::SIGNATURE_HASH,
                    id.word(),
                    1u8.word(),
                    token.word()
                ],
                &[a.word()]
            ),
            alloy(&PendingDistributed {
                datanetId: id,
                pool: 1,
                token,
                amountScaled: a
            })
        );
        assert_eq!(
            ours(
                &[
                    SharesChanged::SIGNATURE_HASH,
                    id.word(),
                    0u8.word(),
                    who.word()
                ],
                &[a.word(), b.word()]
            ),
            alloy(&SharesChanged {
                datanetId: id,
                pool: 0,
                account: who,
                shares: a,
                totalShares: b
            })
        );
        assert_eq!(
            ours(
                &[
                    RewardsClaimed::SIGNATURE_HASH,
                    who.word(),
                    token.word(),
                    token.word()
                ],
                &[a.word()]
            ),
            alloy(&RewardsClaimed {
                account: who,
                token,
                to: token,
                amount: a
            })
        );
        assert_eq!(
            ours(
                &[
                    EscrowReleased::SIGNATURE_HASH,
                    model.word(),
                    token.word(),
                    who.word()
                ],
                &[a.word()]
            ),
            alloy(&EscrowReleased {
                modelId: model,
                token,
                account: who,
                amount: a
            })
        );
        assert_eq!(
            ours(
                &[TokenAllowed::SIGNATURE_HASH, token.word()],
                &[true.word()]
            ),
            alloy(&TokenAllowed {
                token,
                allowed: true
            })
        );
        assert_eq!(
            ours(
                &[ProtocolFeeSet::SIGNATURE_HASH],
                &[5u16.word(), 1_000u16.word()]
            ),
            alloy(&ProtocolFeeSet {
                previousBps: 5,
                newBps: 1_000
            })
        );
        assert_eq!(
            ours(
                &[TreasurySet::SIGNATURE_HASH, who.word(), token.word()],
                &[]
            ),
            alloy(&TreasurySet {
                previousTreasury: who,
                newTreasury: token
            })
        );
        // A static tuple's words are its ABI encoding.
        assert_eq!(
            abi_kit::words(&[a.word(), b.word()]),
            (a, b).abi_encode_params()
        );
    }

    #[test]
    fn role_ids_are_keccak_of_their_names() {
        for (role, name) in [
            (REGISTRY_ROLE, "REGISTRY_ROLE"),
            (MARKET_ROLE, "MARKET_ROLE"),
            (ATTRIBUTION_ROLE, "ATTRIBUTION_ROLE"),
            (PAUSER_ROLE, "PAUSER_ROLE"),
        ] {
            assert_eq!(B256::from(role), alloy_primitives::keccak256(name));
        }
    }
}
