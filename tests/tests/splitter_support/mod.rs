//! Setup shared by the `splitter_*` test files (on top of `common`): a
//! deployed `reward_splitter` with its roles wired to fixed accounts, the
//! calls of those roles, fee routing helpers, typed views, the events and
//! errors the tests expect, and an independent computation of a fee's split
//! (from the basis points alone, not from the contract's `split` module).
// The contract's `Error` is large; the helpers return it as the contract does.
#![allow(dead_code, clippy::result_large_err)]

use alloy_primitives::{uint, Address, B256, U256};
use integration_tests::MockErc20;
use motsu::prelude::*;
use reward_splitter::{
    DatanetRevenue, Error, FeeRouted, PendingDistributed, RewardSplitter,
    RewardSplitterEscrowExceeded, RewardSplitterInsufficientShares, RewardSplitterInvalidDatanet,
    RewardSplitterNothingPending, RewardSplitterNothingToClaim, RewardSplitterTransferShortfall,
    RewardsClaimed, ATTRIBUTION_ROLE, MARKET_ROLE, PAUSER_ROLE, REGISTRY_ROLE,
};

use crate::common::deploy_splitter;
// From `common`: the treasury and the 5% protocol fee (`FEE_BPS`) the
// splitter is deployed with, the view sender, the exact error comparison,
// balances, and the share and pool-funding events.
#[allow(unused_imports)] // each test file uses its own subset
pub use crate::common::{
    assert_error, native_balance, pool_funded, shares_changed, token_balance,
    PROTOCOL_FEE_BPS as FEE_BPS, TREASURY, VIEWER,
};

/// Holds the admin role from the constructor.
pub const ADMIN: Address = Address::repeat_byte(0xAD);
/// Holds `REGISTRY_ROLE` (stands in for the registry contract).
pub const REGISTRY: Address = Address::repeat_byte(0x5E);
/// Holds `MARKET_ROLE` (stands in for the market contract).
pub const MARKET: Address = Address::repeat_byte(0x3A);
/// Holds `ATTRIBUTION_ROLE` (stands in for the attribution contract).
pub const ATTRIBUTION: Address = Address::repeat_byte(0xA7);
/// Holds `PAUSER_ROLE`.
pub const PAUSER: Address = Address::repeat_byte(0x9A);

/// The native token in the splitter's API.
pub const NATIVE: Address = Address::ZERO;
/// Scaled units per wei (`10^18`), written out here rather than imported.
pub const SCALE: U256 = uint!(1_000_000_000_000_000_000_U256);
/// Largest fee amount the splitter accepts: `2^128 - 1`.
pub const MAX_AMOUNT: U256 = uint!(0xffffffffffffffffffffffffffffffff_U256);
/// Pool kinds.
pub const CONTRIBUTORS: u8 = 0;
pub const VALIDATORS: u8 = 1;
/// The admin role.
pub const ADMIN_ROLE: B256 = B256::ZERO;

/// A role constant as the `bytes32` the API takes.
pub fn role(id: [u8; 32]) -> B256 {
    B256::from(id)
}

/// `n` as a U256.
pub fn u(n: u128) -> U256 {
    U256::from(n)
}

/// `n` wei in scaled units.
pub fn scaled(n: u128) -> U256 {
    U256::from(n) * SCALE
}

/// Exactly `n` wei as `claimable` reports it: `(n, n * SCALE)`; `wei(0)` is
/// nothing at all.
pub fn wei(n: u128) -> (U256, U256) {
    (U256::from(n), scaled(n))
}

/// Datanet ids as the API takes them.
pub fn ids(list: &[u64]) -> Vec<U256> {
    list.iter().map(|&id| U256::from(id)).collect()
}

/// Deploys the splitter (admin [`ADMIN`], treasury [`TREASURY`], fee
/// [`FEE_BPS`]) and grants the registry, market, attribution and pauser
/// roles to their fixed accounts.
pub fn deploy(splitter: &Contract<RewardSplitter>) {
    deploy_splitter(splitter, ADMIN);
    for (id, account) in [
        (REGISTRY_ROLE, REGISTRY),
        (MARKET_ROLE, MARKET),
        (ATTRIBUTION_ROLE, ATTRIBUTION),
        (PAUSER_ROLE, PAUSER),
    ] {
        splitter
            .sender(ADMIN)
            .grant_role(role(id), account)
            .motsu_unwrap();
    }
}

/// [`deploy`], then allows `token` for fees; returns the token's address.
pub fn deploy_with_token(
    splitter: &Contract<RewardSplitter>,
    token: &Contract<MockErc20>,
) -> Address {
    deploy(splitter);
    set_token_allowed(splitter, token.address(), true);
    token.address()
}

/// Mints `amount` of `token` to `to` (minting is open to anyone). Minted
/// to the splitter, it holds tokens it has not counted yet: a fee or a pool
/// funding in `token` takes them.
pub fn mint_to(token: &Contract<MockErc20>, to: Address, amount: u128) {
    token
        .sender(MARKET)
        .mint(to, U256::from(amount))
        .motsu_unwrap();
}

/// [`ADMIN`] allows or disallows `token` for new fees.
#[track_caller]
pub fn set_token_allowed(splitter: &Contract<RewardSplitter>, token: Address, allowed: bool) {
    splitter
        .sender(ADMIN)
        .set_token_allowed(token, allowed)
        .motsu_unwrap();
}

/// One fee as `route` takes it.
#[derive(Clone, Debug)]
pub struct Fee {
    pub model: U256,
    pub token: Address,
    pub amount: U256,
    pub developer: Address,
    pub developer_bps: u16,
    pub data_bps: u16,
    pub validator_bps: u16,
    pub influence_bps: u16,
    pub datanets: Vec<U256>,
    pub weights: Vec<u16>,
}

impl Fee {
    /// A native fee of `amount` wei for model 1: 70% developer, 20% data,
    /// 10% validators, no influence escrow, all of it to datanet 1.
    pub fn native(amount: u128, developer: Address) -> Self {
        Fee {
            model: U256::from(1),
            token: NATIVE,
            amount: U256::from(amount),
            developer,
            developer_bps: 7_000,
            data_bps: 2_000,
            validator_bps: 1_000,
            influence_bps: 0,
            datanets: ids(&[1]),
            weights: vec![10_000],
        }
    }

    /// The same fee in `token`.
    pub fn in_token(mut self, token: Address) -> Self {
        self.token = token;
        self
    }

    pub fn split(mut self, developer: u16, data: u16, validators: u16) -> Self {
        self.developer_bps = developer;
        self.data_bps = data;
        self.validator_bps = validators;
        self
    }

    pub fn influence(mut self, bps: u16) -> Self {
        self.influence_bps = bps;
        self
    }

    pub fn datanets(mut self, datanets: &[u64], weights: &[u16]) -> Self {
        self.datanets = ids(datanets);
        self.weights = weights.to_vec();
        self
    }

    pub fn model(mut self, model: u64) -> Self {
        self.model = U256::from(model);
        self
    }

    /// The `FeeRouted` event of this fee with the given scaled parts.
    pub fn routed(&self, protocol: U256, developer: U256, escrow: U256) -> FeeRouted {
        FeeRouted {
            modelId: self.model,
            token: self.token,
            developer: self.developer,
            amount: self.amount,
            protocolFeeScaled: protocol,
            developerScaled: developer,
            escrowScaled: escrow,
        }
    }

    /// The `DatanetRevenue` event of this fee for `datanet`: its contributor
    /// and validator pools' scaled parts.
    pub fn revenue(&self, datanet: u64, contributors: U256, validators: U256) -> DatanetRevenue {
        DatanetRevenue {
            datanetId: U256::from(datanet),
            modelId: self.model,
            token: self.token,
            contributorsScaled: contributors,
            validatorsScaled: validators,
        }
    }

    /// This fee's split at protocol fee `protocol_bps`, computed here.
    pub fn expected(&self, protocol_bps: u16) -> Expected {
        Expected::of(
            self.amount,
            protocol_bps,
            self.developer_bps,
            self.data_bps,
            self.validator_bps,
            self.influence_bps,
        )
    }
}

/// A fee's shares in scaled units, computed independently of the contract:
/// each is the exact rational value `amount * SCALE * bps / 10^4 ...`
/// (every product is a multiple of 10^4 because `SCALE` is).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Expected {
    pub protocol: U256,
    pub developer: U256,
    pub escrow: U256,
    /// Data share left for the contributor pools (after the escrow).
    pub data: U256,
    pub validators: U256,
}

impl Expected {
    pub fn of(
        amount: U256,
        protocol_bps: u16,
        developer_bps: u16,
        data_bps: u16,
        validator_bps: u16,
        influence_bps: u16,
    ) -> Self {
        let bps = U256::from(10_000);
        let total = amount * SCALE;
        let protocol = total * U256::from(protocol_bps) / bps;
        let rest = total - protocol;
        let developer = rest * U256::from(developer_bps) / bps;
        let data_share = rest * U256::from(data_bps) / bps;
        let validators = rest * U256::from(validator_bps) / bps;
        let escrow = data_share * U256::from(influence_bps) / bps;
        let expected = Expected {
            protocol,
            developer,
            escrow,
            data: data_share - escrow,
            validators,
        };
        // Exact: the parts add back up to the fee.
        assert_eq!(
            expected.protocol
                + expected.developer
                + expected.escrow
                + expected.data
                + expected.validators,
            total,
            "test arithmetic: split must be exact"
        );
        expected
    }

    /// A datanet's part (`weight` bps) of a pool share.
    pub fn weighted(share: U256, weight: u16) -> U256 {
        share * U256::from(weight) / U256::from(10_000)
    }
}

/// Funds [`MARKET`] with `value` and routes `fee` with that value.
pub fn try_route_with_value(
    splitter: &Contract<RewardSplitter>,
    fee: &Fee,
    value: U256,
) -> Result<(), Error> {
    MARKET.fund(value);
    splitter
        .sender_and_value(MARKET, value)
        .route(
            fee.model,
            fee.token,
            fee.amount,
            fee.developer,
            fee.developer_bps,
            fee.data_bps,
            fee.validator_bps,
            fee.influence_bps,
            fee.datanets.clone(),
            fee.weights.clone(),
        )
        .motsu_res()
}

/// Routes `fee` as [`MARKET`], sending its amount as value if native.
pub fn try_route(splitter: &Contract<RewardSplitter>, fee: &Fee) -> Result<(), Error> {
    let value = if fee.token.is_zero() {
        fee.amount
    } else {
        U256::ZERO
    };
    try_route_with_value(splitter, fee, value)
}

/// Routes `fee` as [`MARKET`] and unwraps.
#[track_caller]
pub fn route(splitter: &Contract<RewardSplitter>, fee: &Fee) {
    try_route(splitter, fee).motsu_unwrap();
}

/// Mints `fee.amount` of `token` to [`MARKET`], transfers it to the
/// splitter and routes `fee` (in `token`).
#[track_caller]
pub fn route_erc20(splitter: &Contract<RewardSplitter>, token: &Contract<MockErc20>, fee: &Fee) {
    token.sender(MARKET).mint(MARKET, fee.amount).motsu_unwrap();
    token
        .sender(MARKET)
        .transfer(splitter.address(), fee.amount)
        .motsu_unwrap();
    route(splitter, &fee.clone().in_token(token.address()));
}

/// [`REGISTRY`] adds `weight` contributor shares for `account` in `datanet`.
pub fn try_add_weight(
    splitter: &Contract<RewardSplitter>,
    datanet: u64,
    account: Address,
    weight: U256,
) -> Result<(), Error> {
    splitter
        .sender(REGISTRY)
        .add_contributor_weight(U256::from(datanet), account, weight)
        .motsu_res()
}

/// [`try_add_weight`], unwrapped.
#[track_caller]
pub fn add_weight(
    splitter: &Contract<RewardSplitter>,
    datanet: u64,
    account: Address,
    weight: u128,
) {
    try_add_weight(splitter, datanet, account, U256::from(weight)).unwrap();
}

/// [`REGISTRY`] adds one validator share for `account` in `datanet`.
pub fn try_add_validator(
    splitter: &Contract<RewardSplitter>,
    datanet: u64,
    account: Address,
) -> Result<(), Error> {
    splitter
        .sender(REGISTRY)
        .add_validator_share(U256::from(datanet), account)
        .motsu_res()
}

/// Adds one validator share for `account` in `datanet`, `n` times.
#[track_caller]
pub fn add_validator(splitter: &Contract<RewardSplitter>, datanet: u64, account: Address, n: u32) {
    for _ in 0..n {
        try_add_validator(splitter, datanet, account).unwrap();
    }
}

/// [`REGISTRY`] removes `amount` of `account`'s shares in `datanet`'s
/// `pool`.
pub fn try_remove_shares(
    splitter: &Contract<RewardSplitter>,
    datanet: u64,
    pool: u8,
    account: Address,
    amount: U256,
) -> Result<(), Error> {
    splitter
        .sender(REGISTRY)
        .remove_shares(U256::from(datanet), pool, account, amount)
        .motsu_res()
}

/// [`try_remove_shares`], unwrapped.
#[track_caller]
pub fn remove_shares(
    splitter: &Contract<RewardSplitter>,
    datanet: u64,
    pool: u8,
    account: Address,
    amount: u128,
) {
    try_remove_shares(splitter, datanet, pool, account, U256::from(amount)).unwrap();
}

/// [`REGISTRY`] disables `datanet`'s validator pool (an owner-reviewed
/// datanet).
pub fn try_disable_validator_pool(
    splitter: &Contract<RewardSplitter>,
    datanet: u64,
) -> Result<(), Error> {
    splitter
        .sender(REGISTRY)
        .disable_validator_pool(U256::from(datanet))
        .motsu_res()
}

/// [`try_disable_validator_pool`], unwrapped.
#[track_caller]
pub fn disable_validator_pool(splitter: &Contract<RewardSplitter>, datanet: u64) {
    try_disable_validator_pool(splitter, datanet).unwrap();
}

/// `caller` (anyone) hands out the revenue `datanet`'s `pool` holds in
/// `token`.
pub fn try_distribute_pending(
    splitter: &Contract<RewardSplitter>,
    caller: Address,
    datanet: u64,
    pool: u8,
    token: Address,
) -> Result<(), Error> {
    splitter
        .sender(caller)
        .distribute_pending(U256::from(datanet), pool, token)
        .motsu_res()
}

/// [`try_distribute_pending`], unwrapped.
#[track_caller]
pub fn distribute_pending(
    splitter: &Contract<RewardSplitter>,
    caller: Address,
    datanet: u64,
    pool: u8,
    token: Address,
) {
    try_distribute_pending(splitter, caller, datanet, pool, token).unwrap();
}

/// [`ATTRIBUTION`] releases `amount` wei of `model`'s escrow in `token` to
/// `account`.
pub fn try_release_escrow(
    splitter: &Contract<RewardSplitter>,
    model: u64,
    token: Address,
    account: Address,
    amount: U256,
) -> Result<(), Error> {
    splitter
        .sender(ATTRIBUTION)
        .release_escrow(U256::from(model), token, account, amount)
        .motsu_res()
}

/// [`try_release_escrow`], unwrapped.
#[track_caller]
pub fn release_escrow(
    splitter: &Contract<RewardSplitter>,
    model: u64,
    token: Address,
    account: Address,
    amount: u128,
) {
    try_release_escrow(splitter, model, token, account, U256::from(amount)).unwrap();
}

/// Funds [`REGISTRY`] and credits `amount` native wei to `datanet`'s
/// validator pool.
#[track_caller]
pub fn fund_validators(splitter: &Contract<RewardSplitter>, datanet: u64, amount: u128) {
    let amount = U256::from(amount);
    REGISTRY.fund(amount);
    splitter
        .sender_and_value(REGISTRY, amount)
        .fund_validator_pool(U256::from(datanet), NATIVE, amount)
        .motsu_unwrap();
}

/// `claimable(account, token, contributor pools, validator pools)`:
/// `(wei, scaled)`.
pub fn claimable(
    splitter: &Contract<RewardSplitter>,
    account: Address,
    token: Address,
    contributor_datanets: &[u64],
    validator_datanets: &[u64],
) -> (U256, U256) {
    splitter
        .sender(VIEWER)
        .claimable(
            account,
            token,
            ids(contributor_datanets),
            ids(validator_datanets),
        )
        .motsu_unwrap()
}

/// `account` claims `token` from the given pools, paid to `to`.
pub fn try_claim(
    splitter: &Contract<RewardSplitter>,
    account: Address,
    token: Address,
    contributor_datanets: &[u64],
    validator_datanets: &[u64],
    to: Address,
) -> Result<U256, Error> {
    splitter
        .sender(account)
        .claim(
            token,
            ids(contributor_datanets),
            ids(validator_datanets),
            to,
        )
        .motsu_res()
}

/// [`try_claim`], unwrapped: the wei paid.
#[track_caller]
pub fn claim(
    splitter: &Contract<RewardSplitter>,
    account: Address,
    token: Address,
    contributor_datanets: &[u64],
    validator_datanets: &[u64],
    to: Address,
) -> U256 {
    try_claim(
        splitter,
        account,
        token,
        contributor_datanets,
        validator_datanets,
        to,
    )
    .motsu_unwrap()
}

/// The `tokenInfo` view with named fields.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TokenInfo {
    pub listed: bool,
    pub allowed: bool,
    pub deposited: U256,
    pub claimed: U256,
    pub dust: U256,
}

pub fn token_info(splitter: &Contract<RewardSplitter>, token: Address) -> TokenInfo {
    let (listed, allowed, deposited, claimed, dust) = splitter.sender(VIEWER).token_info(token);
    TokenInfo {
        listed,
        allowed,
        deposited,
        claimed,
        dust,
    }
}

impl TokenInfo {
    /// Listed and allowed, with nothing deposited, claimed or left as dust.
    pub const ALLOWED: TokenInfo = TokenInfo {
        listed: true,
        allowed: true,
        deposited: U256::ZERO,
        claimed: U256::ZERO,
        dust: U256::ZERO,
    };
}

/// The `poolInfo` view with named fields.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PoolInfo {
    pub total_shares: U256,
    pub reward_per_share: U256,
    pub revenue: U256,
    pub pending: U256,
}

impl PoolInfo {
    pub const EMPTY: PoolInfo = PoolInfo {
        total_shares: U256::ZERO,
        reward_per_share: U256::ZERO,
        revenue: U256::ZERO,
        pending: U256::ZERO,
    };

    /// A pool without shares that holds all of its `revenue` as pending.
    pub fn holding(revenue: U256) -> PoolInfo {
        PoolInfo {
            revenue,
            pending: revenue,
            ..PoolInfo::EMPTY
        }
    }
}

pub fn pool_info(
    splitter: &Contract<RewardSplitter>,
    datanet: u64,
    pool: u8,
    token: Address,
) -> PoolInfo {
    let (total_shares, reward_per_share, revenue, pending) = splitter
        .sender(VIEWER)
        .pool_info(U256::from(datanet), pool, token)
        .motsu_unwrap();
    PoolInfo {
        total_shares,
        reward_per_share,
        revenue,
        pending,
    }
}

pub fn shares_of(
    splitter: &Contract<RewardSplitter>,
    datanet: u64,
    pool: u8,
    account: Address,
) -> U256 {
    splitter
        .sender(VIEWER)
        .shares_of(U256::from(datanet), pool, account)
        .motsu_unwrap()
}

/// `(escrowedScaled, released)` of `model`'s escrow in `token`.
pub fn escrow(splitter: &Contract<RewardSplitter>, model: u64, token: Address) -> (U256, U256) {
    splitter.sender(VIEWER).escrow(U256::from(model), token)
}

/// Asserts that the splitter took no native fee: no deposit counted, no
/// native balance.
#[track_caller]
pub fn assert_nothing_deposited(splitter: &Contract<RewardSplitter>) {
    assert_eq!(token_info(splitter, NATIVE).deposited, U256::ZERO);
    assert_eq!(splitter.balance(), U256::ZERO);
}

/// Conservation, exact to the scaled unit, for the accounts and pools a
/// test knows about: `deposited * SCALE` equals `claimed * SCALE` plus
/// everything still claimable by `accounts` from `pools` (contributor and
/// validator datanets), the pools' pending revenue, the unreleased escrow
/// of `models` and the dust.
#[track_caller]
pub fn assert_conserved(
    splitter: &Contract<RewardSplitter>,
    token: Address,
    accounts: &[Address],
    datanets: &[u64],
    models: &[u64],
) {
    let info = token_info(splitter, token);
    let mut held = info.claimed * SCALE + info.dust;
    for &account in accounts {
        held += claimable(splitter, account, token, datanets, datanets).1;
    }
    for &datanet in datanets {
        for pool in [CONTRIBUTORS, VALIDATORS] {
            held += pool_info(splitter, datanet, pool, token).pending;
        }
    }
    for &model in models {
        let (escrowed, released) = escrow(splitter, model, token);
        held += escrowed - released * SCALE;
    }
    assert_eq!(
        info.deposited * SCALE,
        held,
        "conservation: deposited * SCALE must equal claimed + claimable + remainder"
    );
}

// ----------------------------------------------------------------- events

/// The `RewardsClaimed` event of `account`'s claim of `amount` in `token`,
/// paid to `to`.
pub fn rewards_claimed(
    account: Address,
    token: Address,
    to: Address,
    amount: U256,
) -> RewardsClaimed {
    RewardsClaimed {
        account,
        token,
        to,
        amount,
    }
}

/// The `PendingDistributed` event of `datanet`'s `pool` handing out the
/// `amount` (scaled) it held in `token`.
pub fn pending_distributed(
    datanet: u64,
    pool: u8,
    token: Address,
    amount: U256,
) -> PendingDistributed {
    PendingDistributed {
        datanetId: U256::from(datanet),
        pool,
        token,
        amountScaled: amount,
    }
}

// ----------------------------------------------------------------- errors

/// `NothingToClaim(account, token)`.
pub fn nothing_to_claim(account: Address, token: Address) -> RewardSplitterNothingToClaim {
    RewardSplitterNothingToClaim { account, token }
}

/// `NothingPending(datanetId, pool, token)`.
pub fn nothing_pending(datanet: u64, pool: u8, token: Address) -> RewardSplitterNothingPending {
    RewardSplitterNothingPending {
        datanetId: U256::from(datanet),
        pool,
        token,
    }
}

/// `InvalidDatanet(datanetId)`.
pub fn invalid_datanet(datanet: u64) -> RewardSplitterInvalidDatanet {
    RewardSplitterInvalidDatanet {
        datanetId: U256::from(datanet),
    }
}

/// `InsufficientShares(account, shares, requested)`.
pub fn insufficient_shares(
    account: Address,
    shares: u128,
    requested: u128,
) -> RewardSplitterInsufficientShares {
    RewardSplitterInsufficientShares {
        account,
        shares: U256::from(shares),
        requested: U256::from(requested),
    }
}

/// `EscrowExceeded(modelId, token, available, requested)`, in wei.
pub fn escrow_exceeded(
    model: u64,
    token: Address,
    available: u128,
    requested: u128,
) -> RewardSplitterEscrowExceeded {
    RewardSplitterEscrowExceeded {
        modelId: U256::from(model),
        token,
        available: U256::from(available),
        requested: U256::from(requested),
    }
}

/// `TransferShortfall(token, required, balance)`.
pub fn transfer_shortfall(
    token: Address,
    required: u128,
    balance: u128,
) -> RewardSplitterTransferShortfall {
    RewardSplitterTransferShortfall {
        token,
        required: U256::from(required),
        balance: U256::from(balance),
    }
}
