//! Setup shared by the `splitter_*` test files: a deployed `reward_splitter`
//! with its roles wired to fixed accounts, fee routing helpers, typed views,
//! an exact error comparison and an independent computation of a fee's
//! split (from the basis points alone, not from the contract's `split`
//! module).
// The contract's `Error` is large; the helpers return it as the contract does.
#![allow(dead_code, clippy::result_large_err)]

use core::fmt::Debug;

use alloy_primitives::{uint, Address, B256, U256};
use alloy_sol_types::SolError;
use integration_tests::MockErc20;
use motsu::prelude::*;
use reward_splitter::{
    Error, RewardSplitter, ATTRIBUTION_ROLE, MARKET_ROLE, PAUSER_ROLE, REGISTRY_ROLE,
};

/// Holds the admin role from the constructor.
pub const ADMIN: Address = Address::repeat_byte(0xAD);
/// Receives the protocol fee.
pub const TREASURY: Address = Address::repeat_byte(0x7E);
/// Holds `REGISTRY_ROLE` (stands in for the registry contract).
pub const REGISTRY: Address = Address::repeat_byte(0x5E);
/// Holds `MARKET_ROLE` (stands in for the market contract).
pub const MARKET: Address = Address::repeat_byte(0x3A);
/// Holds `ATTRIBUTION_ROLE` (stands in for the attribution contract).
pub const ATTRIBUTION: Address = Address::repeat_byte(0xA7);
/// Holds `PAUSER_ROLE`.
pub const PAUSER: Address = Address::repeat_byte(0x9A);
/// Sender of view calls (views do not depend on it).
pub const VIEWER: Address = Address::repeat_byte(0x77);

/// The protocol fee the splitter is deployed with: 5%.
pub const FEE_BPS: u16 = 500;
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

/// Datanet ids as the API takes them.
pub fn ids(list: &[u64]) -> Vec<U256> {
    list.iter().map(|&id| U256::from(id)).collect()
}

/// Deploys the splitter (admin [`ADMIN`], treasury [`TREASURY`], fee
/// [`FEE_BPS`]) and grants the registry, market, attribution and pauser
/// roles to their fixed accounts.
pub fn deploy(splitter: &Contract<RewardSplitter>) {
    splitter
        .sender(ADMIN)
        .constructor(ADMIN, TREASURY, FEE_BPS)
        .motsu_unwrap();
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

/// [`deploy`], then allows `token` for fees (under motsu this fails, see
/// [`ERC20_IGNORE_REASON`]).
pub fn deploy_with_token(splitter: &Contract<RewardSplitter>, token: &Contract<MockErc20>) {
    deploy(splitter);
    splitter
        .sender(ADMIN)
        .set_token_allowed(token.address(), true)
        .motsu_unwrap();
}

/// Asserts that `actual` is exactly the error `expected`: the revert data
/// the program returns must equal alloy's ABI encoding of `expected`, so
/// the selector and every argument are checked.
#[track_caller]
pub fn assert_error<E: SolError + Debug>(actual: Error, expected: E) {
    let actual_dbg = format!("{actual:?}");
    assert_eq!(
        Vec::<u8>::from(actual),
        expected.abi_encode(),
        "expected {expected:?}, got {actual_dbg}"
    );
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

/// Adds `weight` contributor shares for `account` in `datanet`.
#[track_caller]
pub fn add_weight(
    splitter: &Contract<RewardSplitter>,
    datanet: u64,
    account: Address,
    weight: u128,
) {
    splitter
        .sender(REGISTRY)
        .add_contributor_weight(U256::from(datanet), account, U256::from(weight))
        .motsu_unwrap();
}

/// Adds one validator share for `account` in `datanet`, `n` times.
#[track_caller]
pub fn add_validator(splitter: &Contract<RewardSplitter>, datanet: u64, account: Address, n: u32) {
    for _ in 0..n {
        splitter
            .sender(REGISTRY)
            .add_validator_share(U256::from(datanet), account)
            .motsu_unwrap();
    }
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

/// The scaled total `account` can claim in `token` from the given pools.
pub fn claimable_scaled(
    splitter: &Contract<RewardSplitter>,
    account: Address,
    token: Address,
    contributor_datanets: &[u64],
    validator_datanets: &[u64],
) -> U256 {
    claimable(
        splitter,
        account,
        token,
        contributor_datanets,
        validator_datanets,
    )
    .1
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

/// The splitter's token balance.
pub fn erc20_balance(token: &Contract<MockErc20>, account: Address) -> U256 {
    token.sender(VIEWER).balance_of(account)
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
        held += claimable_scaled(splitter, account, token, datanets, datanets);
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

/// Native balance of any account, contract or not (motsu's `Balance` covers
/// only contracts and `Account`s; this reads the host balance as motsu
/// itself does).
#[allow(deprecated)]
pub fn native_balance(account: Address) -> U256 {
    stylus_sdk::types::AddressVM::balance(&account)
}
