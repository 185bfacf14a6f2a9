//! Setup shared by the registry and splitter test files: the registry wired
//! to the real `reward_splitter`, views of the splitter's pools, an exact
//! error comparison, and the plumbing of the two model-based property tests.
#![allow(dead_code)]

use core::cell::RefCell;
use core::fmt::Debug;

use alloy_primitives::{uint, Address, LogData, B256, U256};
use alloy_sol_types::{SolError, SolEvent};
use datanet_registry::{DatanetRegistry, REVIEW_OWNER, REVIEW_VALIDATORS};
use integration_tests::MockErc20;
use motsu::prelude::*;
use proptest::{
    prelude::{prop_assert, ProptestConfig, TestCaseError},
    test_runner::FileFailurePersistence,
};
use reward_splitter::{
    split::SCALE, RewardSplitter, SharesChanged, ValidatorPoolFunded, POOL_CONTRIBUTORS,
    POOL_VALIDATORS, REGISTRY_ROLE,
};

pub const MIN_STAKE: U256 = uint!(1000_U256);
pub const BOND: U256 = uint!(50_U256);
pub const SLASH_BPS: u16 = 2_000;
pub const MIN_DATA_SHARE_BPS: u16 = 3_000;
pub const COOLDOWN: u64 = 7 * 24 * 60 * 60;

/// The splitter's treasury.
pub const TREASURY: Address = Address::repeat_byte(0x7E);
/// The splitter's protocol fee: 5%.
pub const PROTOCOL_FEE_BPS: u16 = 500;

/// Sender used for view calls (views do not depend on it).
pub const VIEWER: Address = Address::repeat_byte(0x77);

/// Asserts that `actual` is exactly the error `expected`: its revert data
/// (what the program returns on chain) must equal alloy's ABI encoding of
/// `expected`, so the selector and every argument are checked, and so is the
/// contract's own error encoder. Takes either contract's `Error`.
#[track_caller]
pub fn assert_error<A: Into<Vec<u8>> + Debug, E: SolError + Debug>(actual: A, expected: E) {
    let actual_dbg = format!("{actual:?}");
    assert_eq!(
        actual.into(),
        expected.abi_encode(),
        "expected {expected:?}, got {actual_dbg}"
    );
}

/// Deploys the splitter with `admin` as its admin.
pub fn deploy_splitter(splitter: &Contract<RewardSplitter>, admin: Address) {
    splitter
        .sender(admin)
        .constructor(admin, TREASURY, PROTOCOL_FEE_BPS)
        .motsu_unwrap();
}

/// The splitter's admin gives `registry` its `REGISTRY_ROLE`: the splitter
/// then accepts share credits and pool funding from it.
pub fn grant_registry(
    splitter: &Contract<RewardSplitter>,
    registry: &Contract<DatanetRegistry>,
    admin: Address,
) {
    splitter
        .sender(admin)
        .grant_role(REGISTRY_ROLE.into(), registry.address())
        .motsu_unwrap();
}

/// The splitter's admin revokes `registry`'s `REGISTRY_ROLE`: every call the
/// registry makes into the splitter then reverts.
pub fn revoke_registry(
    splitter: &Contract<RewardSplitter>,
    registry: &Contract<DatanetRegistry>,
    admin: Address,
) {
    splitter
        .sender(admin)
        .revoke_role(REGISTRY_ROLE.into(), registry.address())
        .motsu_unwrap();
}

/// Deploys the splitter and the registry with native stakes, wired together
/// (`admin` administers the splitter). A splitter serves one registry.
pub fn deploy_native(
    registry: &Contract<DatanetRegistry>,
    splitter: &Contract<RewardSplitter>,
    admin: Address,
    cooldown: u64,
) {
    deploy_splitter(splitter, admin);
    registry
        .sender(admin)
        .constructor(splitter.address(), Address::ZERO, cooldown)
        .motsu_unwrap();
    grant_registry(splitter, registry, admin);
}

/// Deploys the splitter, allowlists `token` in it, and deploys the registry
/// with `token` stakes, wired together (`admin` administers the splitter).
pub fn deploy_erc20(
    registry: &Contract<DatanetRegistry>,
    splitter: &Contract<RewardSplitter>,
    token: &Contract<MockErc20>,
    admin: Address,
    cooldown: u64,
) {
    deploy_splitter(splitter, admin);
    allow_token(splitter, token, admin);
    registry
        .sender(admin)
        .constructor(splitter.address(), token.address(), cooldown)
        .motsu_unwrap();
    grant_registry(splitter, registry, admin);
}

/// The splitter's admin allowlists `token` (the splitter only takes listed
/// tokens, pool funding included), checked through the splitter's views.
pub fn allow_token(
    splitter: &Contract<RewardSplitter>,
    token: &Contract<MockErc20>,
    admin: Address,
) {
    let token = token.address();
    let listed_before = splitter.sender(VIEWER).tokens();
    splitter
        .sender(admin)
        .set_token_allowed(token, true)
        .motsu_unwrap();
    assert_eq!(
        splitter.sender(VIEWER).token_info(token),
        (true, true, U256::ZERO, U256::ZERO, U256::ZERO),
        "token {token} is listed and allowed, with no accounting yet"
    );
    let mut expected = listed_before;
    expected.push(token);
    assert_eq!(splitter.sender(VIEWER).tokens(), expected);
}

// ------------------------------------------------------------ splitter views

/// `account`'s shares in a datanet's contributor pool: the sum of the quality
/// weights the registry credited for its approved contributions.
pub fn contributor_weight(
    splitter: &Contract<RewardSplitter>,
    datanet: U256,
    account: Address,
) -> U256 {
    splitter
        .sender(VIEWER)
        .shares_of(datanet, POOL_CONTRIBUTORS, account)
        .motsu_unwrap()
}

/// `account`'s shares in a datanet's validator pool: one per vote settled on
/// the winning side.
pub fn validator_shares(
    splitter: &Contract<RewardSplitter>,
    datanet: U256,
    account: Address,
) -> U256 {
    splitter
        .sender(VIEWER)
        .shares_of(datanet, POOL_VALIDATORS, account)
        .motsu_unwrap()
}

/// Wei of `token` credited to a datanet's validator pool, ever (forfeited
/// bonds and slashed stake; revenue the pool holds while it has no shares
/// included). The splitter counts it in units of 10^-18 wei; only the
/// registry funds pools in these tests, in whole wei, so this is exact.
pub fn pool_funding(splitter: &Contract<RewardSplitter>, datanet: U256, token: Address) -> U256 {
    let (_, _, revenue_scaled, _) = splitter
        .sender(VIEWER)
        .pool_info(datanet, POOL_VALIDATORS, token)
        .motsu_unwrap();
    assert_eq!(
        revenue_scaled % SCALE,
        U256::ZERO,
        "validator pool {datanet} was credited a fraction of a wei"
    );
    revenue_scaled / SCALE
}

/// Native wei the splitter ever received.
pub fn native_received(splitter: &Contract<RewardSplitter>) -> U256 {
    splitter.sender(VIEWER).token_info(Address::ZERO).2
}

/// Pool updates the splitter recorded: one `SharesChanged` per share credit
/// (an approval's weight, a winning vote's validator share) and one
/// `ValidatorPoolFunded` per funding (a forfeited bond, a slash). Only the
/// registry can make them, so this counts its successful share and funding
/// calls (reverted calls leave no event).
pub fn pool_updates(splitter: &Contract<RewardSplitter>) -> U256 {
    let updates = splitter
        .all_events()
        .iter()
        .filter(|log| {
            matches!(
                log.topics().first(),
                Some(&topic) if topic == SharesChanged::SIGNATURE_HASH
                    || topic == ValidatorPoolFunded::SIGNATURE_HASH
            )
        })
        .count();
    U256::from(updates)
}

/// Decodes the logs of type `E` among `logs`.
pub fn decode_all<E: SolEvent>(logs: &[LogData]) -> Vec<E> {
    logs.iter()
        .filter(|log| log.topics().first() == Some(&E::SIGNATURE_HASH))
        .map(|log| E::decode_log_data(log, true).expect("event decodes"))
        .collect()
}

/// The `SharesChanged` event of `account`'s new `shares` in a datanet's
/// `pool`, out of `total`.
pub fn shares_changed(
    datanet: U256,
    pool: u8,
    account: Address,
    shares: u64,
    total: u64,
) -> SharesChanged {
    SharesChanged {
        datanetId: datanet,
        pool,
        account,
        shares: U256::from(shares),
        totalShares: U256::from(total),
    }
}

/// The `ValidatorPoolFunded` event of `amount` of `token`.
pub fn pool_funded(datanet: U256, token: Address, amount: U256) -> ValidatorPoolFunded {
    ValidatorPoolFunded {
        datanetId: datanet,
        token,
        amount,
    }
}

/// A token balance.
pub fn token_balance(token: &Contract<MockErc20>, account: Address) -> U256 {
    token.sender(VIEWER).balance_of(account)
}

/// Creates a validator-reviewed datanet with the constants above.
pub fn validator_datanet(registry: &Contract<DatanetRegistry>, owner: Address, quorum: u8) -> U256 {
    registry
        .sender(owner)
        .create_datanet(
            "ipfs://persian-poetry".into(),
            B256::repeat_byte(0xAA),
            "CC-BY-4.0".into(),
            REVIEW_VALIDATORS,
            quorum,
            MIN_STAKE,
            BOND,
            SLASH_BPS,
            MIN_DATA_SHARE_BPS,
        )
        .motsu_unwrap()
}

/// Creates an owner-reviewed datanet with the given bond.
pub fn owner_datanet(registry: &Contract<DatanetRegistry>, owner: Address, bond: U256) -> U256 {
    try_owner_datanet(registry, owner, bond).unwrap()
}

/// [`owner_datanet`], returning the registry's error (creating an
/// owner-reviewed datanet disables its validator pool in the splitter).
pub fn try_owner_datanet(
    registry: &Contract<DatanetRegistry>,
    owner: Address,
    bond: U256,
) -> Result<U256, datanet_registry::Error> {
    registry
        .sender(owner)
        .create_datanet(
            "ipfs://owner-reviewed".into(),
            B256::repeat_byte(0xBB),
            "MIT".into(),
            REVIEW_OWNER,
            0,
            U256::ZERO,
            bond,
            0,
            MIN_DATA_SHARE_BPS,
        )
        .motsu_res()
}

/// A distinct non-zero content hash per `n` (keccak of a poem-like text).
pub fn content(n: u64) -> B256 {
    alloy_primitives::keccak256(format!("poem #{n}").as_bytes())
}

/// motsu's constant block timestamp.
pub const NOW: u64 = 1_735_689_600;

/// Native balance of any account. motsu's `Balance` covers only contracts
/// and `Account`s; for a plain address it reads the host balance through the
/// SDK's deprecated getter, as motsu itself does.
#[allow(deprecated)]
pub fn native_balance(account: Address) -> U256 {
    stylus_sdk::types::AddressVM::balance(&account)
}

/// The registry's contribution count, from `config()`.
pub fn contribution_count(registry: &Contract<DatanetRegistry>) -> U256 {
    registry.sender(Address::ZERO).config().4
}

/// The `contribution()` view as a named struct.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContributionView {
    pub datanet_id: U256,
    pub contributor: Address,
    pub content_hash: B256,
    pub submitted_at: u64,
    pub status: u8,
    pub weight: U256,
    pub approvals: u8,
    pub rejections: u8,
}

/// Reads the `contribution()` view (panics on an unknown id).
pub fn contribution_view(registry: &Contract<DatanetRegistry>, id: U256) -> ContributionView {
    let (
        datanet_id,
        contributor,
        content_hash,
        submitted_at,
        status,
        weight,
        approvals,
        rejections,
    ) = registry
        .sender(Address::ZERO)
        .contribution(id)
        .motsu_unwrap();
    ContributionView {
        datanet_id,
        contributor,
        content_hash,
        submitted_at,
        status,
        weight,
        approvals,
        rejections,
    }
}

// ---------------------------------------------- model-based property tests

thread_local! {
    /// The concrete call of the current step (targets resolved) and its
    /// result, for failure messages.
    static LAST_CALL: RefCell<String> = const { RefCell::new(String::new()) };
}

/// The call [`expect_outcome`] checked last, with its result.
pub fn last_call() -> String {
    LAST_CALL.with(|last| last.borrow().clone())
}

/// Checks an outcome against a model's prediction: success iff `fails` is
/// empty, and otherwise an error whose `kind` the model listed (any of them:
/// the contract may check the conditions in any order). `call` describes the
/// concrete call, for failure messages.
pub fn expect_outcome<T: Debug, E: Debug, F: PartialEq + Debug>(
    call: &str,
    fails: &[F],
    res: &Result<T, E>,
    kind: impl Fn(&E) -> F,
) -> Result<(), TestCaseError> {
    LAST_CALL.with(|last| *last.borrow_mut() = format!("{call} -> {res:?}"));
    match res {
        Ok(value) => prop_assert!(
            fails.is_empty(),
            "{call} succeeded ({value:?}) but the model predicts failure with one of {fails:?}"
        ),
        Err(err) => {
            prop_assert!(
                !fails.is_empty(),
                "{call} failed with {err:?} but the model predicts success"
            );
            prop_assert!(
                fails.contains(&kind(err)),
                "{call} failed with {err:?}; the model allows only {fails:?}"
            );
        }
    }
    Ok(())
}

/// Names step `n` (`action`) and the last call in a failure of that step.
pub fn in_step<A: Debug>(n: usize, action: &A) -> impl Fn(TestCaseError) -> TestCaseError + '_ {
    move |e| TestCaseError::fail(format!("step {n} {action:?} [{}]: {e}", last_call()))
}

/// proptest's default configuration, persisting failing cases in
/// `tests/proptest-regressions/{test}.txt`.
pub fn persisted_config(test: &str) -> ProptestConfig {
    let path = format!(
        "{}/proptest-regressions/{test}.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    ProptestConfig {
        // The path lives as long as the test binary (proptest wants it static).
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(Box::leak(
            path.into_boxed_str(),
        )))),
        ..ProptestConfig::default()
    }
}
