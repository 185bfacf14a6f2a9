//! The world of the access-matrix and admin-power tests: the four programs
//! wired together, one piece of state for every kind of actor to act on,
//! and a `Wallet` at every actor's address (so native payouts to it work in
//! motsu). Splitter and attribution have different admins; the peer roles
//! are held by the real contracts and by stand-in accounts.
#![allow(dead_code)]

use alloy_primitives::{keccak256, Address, B256, U256};
use attribution::{Attribution, MARKET_ROLE as A_MARKET_ROLE};
use datanet_registry::DatanetRegistry;
use integration_tests::{MockErc20, Wallet};
use model_market::ModelMarket;
use motsu::prelude::*;
use reward_splitter::{RewardSplitter, ATTRIBUTION_ROLE, MARKET_ROLE, PAUSER_ROLE, REGISTRY_ROLE};

use crate::attribution_support::Payouts;
use crate::common::{owner_datanet, validator_datanet, BOND, MIN_STAKE, PROTOCOL_FEE_BPS};
use crate::splitter_support::role;
use crate::stake_review_support::{contribute, stake, vote};

// ------------------------------------------------------------------ actors

/// The kinds of caller.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Actor {
    /// The splitter's admin (`bytes32(0)`).
    SplitterAdmin,
    /// Holds the splitter's `PAUSER_ROLE`.
    Pauser,
    /// Attribution's admin (`bytes32(0)`).
    AttributionAdmin,
    /// Holds the splitter's `REGISTRY_ROLE` (stands in for the registry).
    RegistryPeer,
    /// Holds `MARKET_ROLE` in the splitter and in attribution (stands in
    /// for the market).
    MarketPeer,
    /// Holds the splitter's `ATTRIBUTION_ROLE` (stands in for attribution).
    AttributionPeer,
    /// Owns datanets 1 to 3.
    DatanetOwner,
    /// Pending owner of datanet 1 and of model 1.
    PendingOwner,
    /// Has approved, rejected and pending contributions, a refund, pool
    /// shares and an influence leaf; signs the relayed contribution.
    Contributor,
    /// Staked in datanets 2 and 3 (leaving 3), with a settled and an
    /// unsettled winning vote in 2.
    Validator,
    /// Owns model 1 (lists it, earns its developer share).
    ModelOwner,
    /// In attribution's attestor set and model 1's attestor.
    Attestor,
    /// Submits contributors' signed contributions (no role anywhere).
    Relayer,
    /// No role, no stake, no record anywhere.
    Stranger,
}

pub use Actor::*;

pub const ACTORS: [Actor; 14] = [
    SplitterAdmin,
    Pauser,
    AttributionAdmin,
    RegistryPeer,
    MarketPeer,
    AttributionPeer,
    DatanetOwner,
    PendingOwner,
    Contributor,
    Validator,
    ModelOwner,
    Attestor,
    Relayer,
    Stranger,
];

/// The contributor signs relayed contributions, so it has a key.
pub fn contributor_account() -> Account {
    Account::from_seed("access-matrix contributor")
}

impl Actor {
    pub fn address(self) -> Address {
        match self {
            SplitterAdmin => Address::repeat_byte(0xAD),
            Pauser => Address::repeat_byte(0x9A),
            AttributionAdmin => Address::repeat_byte(0xA1),
            RegistryPeer => Address::repeat_byte(0x5E),
            MarketPeer => Address::repeat_byte(0x3A),
            AttributionPeer => Address::repeat_byte(0xA7),
            DatanetOwner => Address::repeat_byte(0xD0),
            PendingOwner => Address::repeat_byte(0x0E),
            Contributor => contributor_account().address(),
            Validator => Address::repeat_byte(0x7A),
            ModelOwner => Address::repeat_byte(0xDE),
            Attestor => Address::repeat_byte(0xA5),
            Relayer => Address::repeat_byte(0x4E),
            Stranger => Address::repeat_byte(0x51),
        }
    }
}

/// Every actor: a permissionless function.
pub const ANYONE: &[Actor] = &ACTORS;

// ------------------------------------------------------------------- world

/// Receives the protocol fee.
pub const TREASURY: Address = Address::repeat_byte(0x7E);
/// Pays the inference fee of the setup.
pub const PAYER: Address = Address::repeat_byte(0xBA);
/// An account outside every role, used as a call's argument.
pub const OTHER: Address = Address::repeat_byte(0x99);
/// Model 1's price per inference, native.
pub const PRICE: u64 = 1_000_000;
/// Datanets: owner-reviewed (bond [`BOND`]), validator-reviewed (quorum 1),
/// and validator-reviewed where the validator is leaving.
pub const D_OWNER: u64 = 1;
pub const D_VALIDATORS: u64 = 2;
pub const D_EXIT: u64 = 3;
/// Contributions of [`Contributor`]: in `D_OWNER` approved, rejected,
/// pending; in `D_VALIDATORS` approved and settled, approved with the vote
/// unsettled, pending.
pub const C_OWNER_PENDING: u64 = 3;
pub const C_UNSETTLED: u64 = 5;
pub const C_VALIDATORS_PENDING: u64 = 6;
/// The listed model.
pub const MODEL: u64 = 1;
/// Epoch 1's cumulative influence amounts.
pub const CONTRIBUTOR_INFLUENCE: u64 = 1_000;
pub const VALIDATOR_INFLUENCE: u64 = 500;
/// An unused datanet id for pool-level splitter calls.
pub const SPARE_DATANET: u64 = 60;

pub fn u(n: u64) -> U256 {
    U256::from(n)
}

/// The four programs wired together, with one piece of state for each
/// actor to act on. Every actor's address holds a `Wallet`.
pub struct World {
    pub splitter: Contract<RewardSplitter>,
    pub registry: Contract<DatanetRegistry>,
    pub attribution: Contract<Attribution>,
    pub market: Contract<ModelMarket>,
    pub token: Contract<MockErc20>,
    /// Where claims pay to.
    pub payout: Contract<Wallet>,
    /// Epoch 1 of model 1's native influence escrow.
    pub payouts: Payouts,
    _wallets: Vec<Contract<Wallet>>,
}

impl World {
    pub fn new() -> Self {
        let wallets: Vec<Contract<Wallet>> = ACTORS
            .iter()
            .map(|a| a.address())
            .chain([TREASURY])
            .map(Contract::new_at)
            .collect();
        let splitter = Contract::<RewardSplitter>::new();
        let registry = Contract::<DatanetRegistry>::new();
        let attribution = Contract::<Attribution>::new();
        let market = Contract::<ModelMarket>::new();
        let token = Contract::<MockErc20>::new();
        let payout = Contract::<Wallet>::new();

        // Splitter and registry (native stakes, no unstake cooldown).
        let admin = SplitterAdmin.address();
        splitter
            .sender(admin)
            .constructor(admin, TREASURY, PROTOCOL_FEE_BPS)
            .motsu_unwrap();
        registry
            .sender(admin)
            .constructor(splitter.address(), Address::ZERO, 0)
            .motsu_unwrap();
        for (id, account) in [
            (REGISTRY_ROLE, registry.address()),
            (REGISTRY_ROLE, RegistryPeer.address()),
            (MARKET_ROLE, market.address()),
            (MARKET_ROLE, MarketPeer.address()),
            (ATTRIBUTION_ROLE, attribution.address()),
            (ATTRIBUTION_ROLE, AttributionPeer.address()),
            (PAUSER_ROLE, Pauser.address()),
        ] {
            splitter
                .sender(admin)
                .grant_role(role(id), account)
                .motsu_unwrap();
        }
        // Attribution and market.
        let attribution_admin = AttributionAdmin.address();
        attribution
            .sender(attribution_admin)
            .constructor(attribution_admin, registry.address(), splitter.address())
            .motsu_unwrap();
        for account in [market.address(), MarketPeer.address()] {
            attribution
                .sender(attribution_admin)
                .grant_role(role(A_MARKET_ROLE), account)
                .motsu_unwrap();
        }
        attribution
            .sender(attribution_admin)
            .set_attestor(Attestor.address(), true)
            .motsu_unwrap();
        market
            .sender(admin)
            .constructor(splitter.address(), attribution.address())
            .motsu_unwrap();

        // Datanets, contributions, stakes and votes.
        let owner = DatanetOwner.address();
        let contributor = Contributor.address();
        let validator = Validator.address();
        assert_eq!(owner_datanet(&registry, owner, BOND), u(D_OWNER));
        assert_eq!(validator_datanet(&registry, owner, 1), u(D_VALIDATORS));
        assert_eq!(validator_datanet(&registry, owner, 1), u(D_EXIT));
        let c1 = contribute(&registry, contributor, u(D_OWNER), 1);
        vote(&registry, owner, c1, true, 80);
        let c2 = contribute(&registry, contributor, u(D_OWNER), 2);
        vote(&registry, owner, c2, false, 1);
        assert_eq!(
            contribute(&registry, contributor, u(D_OWNER), 3),
            u(C_OWNER_PENDING)
        );
        stake(&registry, validator, u(D_VALIDATORS), MIN_STAKE);
        let c4 = contribute(&registry, contributor, u(D_VALIDATORS), 4);
        vote(&registry, validator, c4, true, 90);
        registry
            .sender(validator)
            .settle_vote(c4, validator)
            .motsu_unwrap();
        let c5 = contribute(&registry, contributor, u(D_VALIDATORS), 5);
        vote(&registry, validator, c5, true, 90);
        assert_eq!(c5, u(C_UNSETTLED));
        assert_eq!(
            contribute(&registry, contributor, u(D_VALIDATORS), 6),
            u(C_VALIDATORS_PENDING)
        );
        stake(&registry, validator, u(D_EXIT), MIN_STAKE);
        registry
            .sender(validator)
            .request_unstake(u(D_EXIT))
            .motsu_unwrap();
        registry
            .sender(owner)
            .transfer_ownership(u(D_OWNER), PendingOwner.address())
            .motsu_unwrap();

        // Model 1 on datanets 1 and 2, half its data share to influence.
        let dev = ModelOwner.address();
        let model = market
            .sender(dev)
            .list_model(
                "ipfs://model".into(),
                B256::repeat_byte(0xAF),
                "llama-3-8b".into(),
                6_000,
                3_000,
                1_000,
                5_000,
                vec![u(D_OWNER), u(D_VALIDATORS)],
                vec![5_000, 5_000],
                B256::repeat_byte(0x3F),
            )
            .motsu_unwrap();
        assert_eq!(model, u(MODEL));
        market
            .sender(dev)
            .set_price(u(MODEL), Address::ZERO, u(PRICE))
            .motsu_unwrap();
        market
            .sender(dev)
            .set_model_attestor(u(MODEL), Attestor.address())
            .motsu_unwrap();
        market
            .sender(dev)
            .transfer_ownership(u(MODEL), PendingOwner.address())
            .motsu_unwrap();

        // One paid inference, then epoch 1 of its influence escrow.
        PAYER.fund(u(PRICE));
        market
            .sender_and_value(PAYER, u(PRICE))
            .pay(u(MODEL), Address::ZERO, u(PRICE), B256::repeat_byte(0x11))
            .motsu_unwrap();
        let payouts = Payouts::new(
            attribution.address(),
            MODEL,
            Address::ZERO,
            vec![
                (contributor, u(CONTRIBUTOR_INFLUENCE)),
                (validator, u(VALIDATOR_INFLUENCE)),
            ],
        );
        attribution
            .sender(Attestor.address())
            .commit_epoch(
                u(MODEL),
                Address::ZERO,
                payouts.root(),
                keccak256(b"report 1"),
                payouts.total(),
            )
            .motsu_unwrap();

        World {
            splitter,
            registry,
            attribution,
            market,
            token,
            payout,
            payouts,
            _wallets: wallets,
        }
    }
}
