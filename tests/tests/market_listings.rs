//! The market's listings, wired to the real registry, splitter and
//! attribution: the constructor (the market has no admin); listing a model (sequential ids,
//! version 1 recorded in attribution) and publishing versions (the new
//! version becomes current and fees route by its datanets); prices, status
//! (Active, Paused, Retired for good), metadata, the two-step ownership
//! transfer (the developer share follows the owner, to the wei) and the
//! model's attestor in attribution; and the views of unknown models and
//! versions. Every error each of these functions can return is checked
//! exactly, and a rejected call changes nothing: no model id is taken, no
//! version is recorded here or in attribution, no event is left.
//!
//! Payments themselves (`pay`, `payBatch` and their errors) are covered in
//! `market_flow.rs` and `market_payments.rs`; here a payment only shows
//! where fees go.
mod common;
mod market_support;
mod splitter_support;
mod stake_review_support;

use alloy_primitives::{Address, B256, U256};
use attribution::{Attribution, AttributionUnknownTraining, ModelAttestorSet, TrainingRecorded};
use common::{owner_datanet, MIN_DATA_SHARE_BPS, PROTOCOL_FEE_BPS, VIEWER};
use datanet_registry::{DatanetRegistry, DATANET_CLOSED, DATANET_PAUSED};
use integration_tests::Wallet;
use market_support::*;
use model_market::{
    Error, InferencePaid, MetadataSet, ModelListed, ModelMarket, ModelMarketInvalidAttribution,
    ModelMarketInvalidInfluence, ModelMarketInvalidSplit, ModelMarketInvalidStatus,
    ModelMarketInvalidText, ModelMarketModelNotActive, ModelMarketModelRetired,
    ModelMarketNotOwner, ModelMarketNotPendingOwner, ModelMarketPeerCallFailed,
    ModelMarketTokenNotAccepted, ModelMarketUnknownModel, ModelMarketUnknownVersion,
    ModelMarketZeroAddress, ModelMarketZeroHash, OwnershipTransferStarted, OwnershipTransferred,
    PeersSet, PriceSet, StatusSet, VersionPublished, ACTIVE, MAX_DATANETS, MAX_TEXT_LEN, PAUSED,
    RETIRED,
};
use motsu::prelude::*;
use reward_splitter::RewardSplitter;
use splitter_support::{assert_error, claim, claimable, ADMIN, NATIVE, TREASURY};

/// Holds no role and owns no model.
const STRANGER: Address = Address::repeat_byte(0x5A);
/// Takes a model over from [`DEV`].
const NEW_OWNER: Address = Address::repeat_byte(0xE1);
/// In attribution's attestor set once the admin adds it.
const ATTESTOR: Address = Address::repeat_byte(0xA5);
/// Contributes to the first datanet.
const POET_A: Address = Address::repeat_byte(0xA1);
/// Contributes to the second datanet.
const POET_B: Address = Address::repeat_byte(0xB1);
/// Price of one inference, in native wei.
const PRICE: u128 = 1_000_000;
/// Artifact and manifest hashes of version 1 (those `try_list` uses).
const ARTIFACT: B256 = B256::repeat_byte(0xAF);
const MANIFEST: B256 = B256::repeat_byte(0x3F);
/// Artifact and manifest hashes of version 2.
const ARTIFACT_2: B256 = B256::repeat_byte(0xA2);
const MANIFEST_2: B256 = B256::repeat_byte(0x32);
/// Metadata URI and base model `try_list` uses.
const METADATA: &str = "ipfs://model";
const BASE_MODEL: &str = "llama-3-8b";
/// A model id nobody listed.
const UNKNOWN: U256 = U256::from_limbs([99, 0, 0, 0]);

/// `n` as a U256.
fn u(n: u64) -> U256 {
    U256::from(n)
}

/// Weights over `n` datanets summing to 10,000 (the first takes the rest).
fn spread(n: usize) -> Vec<u16> {
    let each = 10_000 / n as u16;
    let mut weights = vec![each; n];
    weights[0] += 10_000 - each * n as u16;
    weights
}

// ------------------------------------------------------------------ setup

/// Deploys the four programs and creates `n` owner-reviewed datanets (no
/// contributions; minimum data share [`MIN_DATA_SHARE_BPS`]).
fn deploy_with_datanets(
    market: &Contract<ModelMarket>,
    attribution: &Contract<Attribution>,
    registry: &Contract<DatanetRegistry>,
    splitter: &Contract<RewardSplitter>,
    n: usize,
) -> Vec<U256> {
    deploy(market, attribution, registry, splitter);
    (0..n)
        .map(|_| owner_datanet(registry, DATANET_OWNER, U256::ZERO))
        .collect()
}

/// Deploys, creates two datanets and lists model 1 on the first one.
fn deploy_and_list(
    market: &Contract<ModelMarket>,
    attribution: &Contract<Attribution>,
    registry: &Contract<DatanetRegistry>,
    splitter: &Contract<RewardSplitter>,
) -> (U256, [U256; 2]) {
    let datanets = deploy_with_datanets(market, attribution, registry, splitter, 2);
    let model = list(market, &datanets[..1], &[10_000]);
    assert_eq!(model, u(1));
    (model, [datanets[0], datanets[1]])
}

/// Everything `listModel` takes, with the values [`try_list`] uses.
#[derive(Clone, Debug)]
struct Listing {
    metadata: String,
    artifact: B256,
    base_model: String,
    split: (u16, u16, u16),
    influence: u16,
    datanets: Vec<U256>,
    weights: Vec<u16>,
    manifest: B256,
}

impl Listing {
    /// [`SPLIT`], no influence share, on `datanets` with `weights`.
    fn on(datanets: &[U256], weights: &[u16]) -> Self {
        Listing {
            metadata: METADATA.into(),
            artifact: ARTIFACT,
            base_model: BASE_MODEL.into(),
            split: SPLIT,
            influence: 0,
            datanets: datanets.to_vec(),
            weights: weights.to_vec(),
            manifest: MANIFEST,
        }
    }
}

/// [`DEV`] lists `listing`.
fn try_list_listing(market: &Contract<ModelMarket>, listing: &Listing) -> Result<U256, Error> {
    let l = listing.clone();
    market
        .sender(DEV)
        .list_model(
            l.metadata,
            l.artifact,
            l.base_model,
            l.split.0,
            l.split.1,
            l.split.2,
            l.influence,
            l.datanets,
            l.weights,
            l.manifest,
        )
        .motsu_res()
}

/// `sender` publishes the next version of `model`.
fn try_publish(
    market: &Contract<ModelMarket>,
    sender: Address,
    model: U256,
    artifact: B256,
    datanets: &[U256],
    weights: &[u16],
    manifest: B256,
) -> Result<U256, Error> {
    market
        .sender(sender)
        .publish_version(
            model,
            artifact,
            datanets.to_vec(),
            weights.to_vec(),
            manifest,
        )
        .motsu_res()
}

// ------------------------------------------------------------------ views

/// The `model()` view with named fields.
#[derive(Clone, Debug, PartialEq, Eq)]
struct ModelView {
    owner: Address,
    pending_owner: Address,
    status: u8,
    version: U256,
    developer_bps: u16,
    data_bps: u16,
    validator_bps: u16,
    influence_bps: u16,
    artifact: B256,
}

impl ModelView {
    /// A model [`DEV`] just listed with [`SPLIT`] and `influence`.
    fn listed(influence: u16) -> Self {
        ModelView {
            owner: DEV,
            pending_owner: Address::ZERO,
            status: ACTIVE,
            version: u(1),
            developer_bps: SPLIT.0,
            data_bps: SPLIT.1,
            validator_bps: SPLIT.2,
            influence_bps: influence,
            artifact: ARTIFACT,
        }
    }
}

/// The `model()` view, or the error's revert data.
fn try_model_view(market: &Contract<ModelMarket>, model: U256) -> Result<ModelView, Vec<u8>> {
    let (
        owner,
        pending_owner,
        status,
        version,
        developer_bps,
        data_bps,
        validator_bps,
        influence_bps,
        artifact,
    ) = market.sender(VIEWER).model(model).motsu_res()?;
    Ok(ModelView {
        owner,
        pending_owner,
        status,
        version,
        developer_bps,
        data_bps,
        validator_bps,
        influence_bps,
        artifact,
    })
}

/// The `model()` view of a listed model.
#[track_caller]
fn model_view(market: &Contract<ModelMarket>, model: U256) -> ModelView {
    try_model_view(market, model).expect("the model is listed")
}

/// The `metadata()` view of a listed model: `(uri, base model)`.
#[track_caller]
fn metadata(market: &Contract<ModelMarket>, model: U256) -> (String, String) {
    market.sender(VIEWER).metadata(model).motsu_unwrap()
}

/// The `versionInfo()` view: `(artifact, manifest)`.
fn try_version_info(
    market: &Contract<ModelMarket>,
    model: U256,
    version: u64,
) -> Result<(B256, B256), Error> {
    market
        .sender(VIEWER)
        .version_info(model, u(version))
        .motsu_res()
}

/// Attribution's training record: `(manifest, dataBps, datanets, weights)`.
type Training = (B256, u16, Vec<U256>, Vec<u16>);

/// Attribution's `training(model, version)` view, or the error's revert
/// data.
fn try_training(
    attribution: &Contract<Attribution>,
    model: U256,
    version: u64,
) -> Result<Training, Vec<u8>> {
    attribution
        .sender(VIEWER)
        .training(model, u(version))
        .motsu_res()
        .map_err(Into::into)
}

/// Asserts that attribution has no record of `version` of `model`.
#[track_caller]
fn assert_no_training(attribution: &Contract<Attribution>, model: U256, version: u64) {
    assert_error(
        try_training(attribution, model, version).unwrap_err(),
        AttributionUnknownTraining {
            modelId: model,
            version: u(version),
        },
    );
}

/// What a rejected call must leave as it was: the market's and
/// attribution's views of every listed model (and of the next id), their
/// first three versions, and both programs' event logs.
#[derive(Debug, PartialEq)]
struct Snapshot {
    model_count: U256,
    models: Vec<Result<ModelView, Vec<u8>>>,
    metadata: Vec<Result<(String, String), Vec<u8>>>,
    native_prices: Vec<U256>,
    versions: Vec<Result<(B256, B256), Vec<u8>>>,
    trainings: Vec<Result<Training, Vec<u8>>>,
    attestors: Vec<Address>,
    market_events: usize,
    attribution_events: usize,
}

fn snapshot(market: &Contract<ModelMarket>, attribution: &Contract<Attribution>) -> Snapshot {
    let model_count = market.sender(VIEWER).model_count();
    let ids: Vec<U256> = (1..=model_count.to::<u64>() + 1).map(u).collect();
    let mut snapshot = Snapshot {
        model_count,
        models: Vec::new(),
        metadata: Vec::new(),
        native_prices: Vec::new(),
        versions: Vec::new(),
        trainings: Vec::new(),
        attestors: Vec::new(),
        market_events: market.all_events().len(),
        attribution_events: attribution.all_events().len(),
    };
    for &id in &ids {
        snapshot.models.push(try_model_view(market, id));
        snapshot.metadata.push(
            market
                .sender(VIEWER)
                .metadata(id)
                .motsu_res()
                .map_err(Into::into),
        );
        snapshot
            .native_prices
            .push(market.sender(VIEWER).price(id, NATIVE));
        snapshot
            .attestors
            .push(attribution.sender(VIEWER).model_attestor(id));
        for version in 1..=3 {
            snapshot
                .versions
                .push(try_version_info(market, id, version).map_err(Into::into));
            snapshot
                .trainings
                .push(try_training(attribution, id, version));
        }
    }
    snapshot
}

/// Asserts that `result` failed with exactly `expected` and that the
/// market and attribution are as `before`.
#[track_caller]
fn assert_rejected<T: core::fmt::Debug, E: alloy_sol_types::SolError + core::fmt::Debug>(
    market: &Contract<ModelMarket>,
    attribution: &Contract<Attribution>,
    before: &Snapshot,
    result: Result<T, Error>,
    expected: E,
) {
    assert_error(result.unwrap_err(), expected);
    assert_eq!(&snapshot(market, attribution), before, "state changed");
}

/// `PeerCallFailed(attribution)`: attribution rejected the record.
fn attribution_rejected(attribution: &Contract<Attribution>) -> ModelMarketPeerCallFailed {
    ModelMarketPeerCallFailed {
        peer: attribution.address(),
    }
}

fn not_owner(model: U256, account: Address) -> ModelMarketNotOwner {
    ModelMarketNotOwner {
        modelId: model,
        account,
    }
}

fn unknown_model(model: U256) -> ModelMarketUnknownModel {
    ModelMarketUnknownModel { modelId: model }
}

// ------------------------------------------------------------ constructor

#[motsu::test]
fn the_constructor_records_the_peers(
    market: Contract<ModelMarket>,
    attribution: Contract<Attribution>,
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
) {
    deploy(&market, &attribution, &registry, &splitter);
    let view = market.sender(VIEWER);
    assert_eq!(view.config(), (splitter.address(), attribution.address()));
    assert_eq!(view.model_count(), U256::ZERO);
    market.assert_emitted(&PeersSet {
        splitter: splitter.address(),
        attribution: attribution.address(),
    });
    assert_eq!(market.all_events().len(), 1);
}

#[motsu::test]
fn the_constructor_rejects_a_zero_splitter_or_attribution(market: Contract<ModelMarket>) {
    let (splitter, attribution) = (Address::repeat_byte(0x51), Address::repeat_byte(0xA7));
    for (s, a) in [(Address::ZERO, attribution), (splitter, Address::ZERO)] {
        let err = market.sender(ADMIN).constructor(s, a).motsu_unwrap_err();
        assert_error(err, ModelMarketZeroAddress {});
        assert_eq!(
            market.sender(VIEWER).config(),
            (Address::ZERO, Address::ZERO)
        );
        assert!(market.all_events().is_empty());
    }
    // The same call with both addresses set succeeds.
    market
        .sender(ADMIN)
        .constructor(splitter, attribution)
        .motsu_unwrap();
    assert_eq!(market.sender(VIEWER).config(), (splitter, attribution));
}

// ---------------------------------------------------------------- listing

#[motsu::test]
fn listing_models_numbers_them_from_one_and_records_version_one_in_attribution(
    market: Contract<ModelMarket>,
    attribution: Contract<Attribution>,
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
) {
    let datanets = deploy_with_datanets(&market, &attribution, &registry, &splitter, 2);
    let (a, b) = (datanets[0], datanets[1]);

    let first = list(&market, &[a, b], &[6_000, 4_000]);
    assert_eq!(first, u(1));
    let second_listing = Listing {
        metadata: "ipfs://second".into(),
        artifact: ARTIFACT_2,
        base_model: "mistral-7b".into(),
        split: (5_000, 4_000, 1_000),
        influence: 2_500,
        datanets: vec![b],
        weights: vec![10_000],
        manifest: MANIFEST_2,
    };
    let second = try_list_listing(&market, &second_listing).motsu_unwrap();
    assert_eq!(second, u(2));
    assert_eq!(market.sender(VIEWER).model_count(), u(2));

    // Model 1.
    market.assert_emitted(&ModelListed {
        modelId: first,
        owner: DEV,
        developerBps: SPLIT.0,
        dataBps: SPLIT.1,
        validatorBps: SPLIT.2,
        influenceBps: 0,
        metadataUri: METADATA.into(),
        baseModel: BASE_MODEL.into(),
    });
    market.assert_emitted(&VersionPublished {
        modelId: first,
        version: u(1),
        artifactHash: ARTIFACT,
        manifestHash: MANIFEST,
    });
    assert_eq!(model_view(&market, first), ModelView::listed(0));
    assert_eq!(
        metadata(&market, first),
        (METADATA.to_string(), BASE_MODEL.to_string())
    );
    assert_eq!(
        try_version_info(&market, first, 1).motsu_unwrap(),
        (ARTIFACT, MANIFEST)
    );
    assert_eq!(
        try_training(&attribution, first, 1).motsu_unwrap(),
        (MANIFEST, SPLIT.1, vec![a, b], vec![6_000, 4_000])
    );
    attribution.assert_emitted(&TrainingRecorded {
        modelId: first,
        version: u(1),
        manifestHash: MANIFEST,
        dataBps: SPLIT.1,
        datanetCount: 2,
    });
    for (datanet, weight) in [(a, 6_000), (b, 4_000)] {
        attribution.assert_emitted(&attribution::DatanetUsed {
            datanetId: datanet,
            modelId: first,
            version: u(1),
            weightBps: weight,
        });
    }

    // Model 2, with its own split, influence share and hashes.
    market.assert_emitted(&ModelListed {
        modelId: second,
        owner: DEV,
        developerBps: 5_000,
        dataBps: 4_000,
        validatorBps: 1_000,
        influenceBps: 2_500,
        metadataUri: "ipfs://second".into(),
        baseModel: "mistral-7b".into(),
    });
    market.assert_emitted(&VersionPublished {
        modelId: second,
        version: u(1),
        artifactHash: ARTIFACT_2,
        manifestHash: MANIFEST_2,
    });
    assert_eq!(
        model_view(&market, second),
        ModelView {
            developer_bps: 5_000,
            data_bps: 4_000,
            validator_bps: 1_000,
            artifact: ARTIFACT_2,
            ..ModelView::listed(2_500)
        }
    );
    assert_eq!(
        metadata(&market, second),
        ("ipfs://second".to_string(), "mistral-7b".to_string())
    );
    assert_eq!(
        try_version_info(&market, second, 1).motsu_unwrap(),
        (ARTIFACT_2, MANIFEST_2)
    );
    assert_eq!(
        try_training(&attribution, second, 1).motsu_unwrap(),
        (MANIFEST_2, 4_000, vec![b], vec![10_000])
    );
    // A new listing accepts no payment until its owner sets a price.
    assert_eq!(market.sender(VIEWER).price(second, NATIVE), U256::ZERO);
}

#[motsu::test]
fn listing_accepts_sixteen_datanets_and_a_whole_influence_share(
    market: Contract<ModelMarket>,
    attribution: Contract<Attribution>,
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
) {
    let datanets = deploy_with_datanets(&market, &attribution, &registry, &splitter, MAX_DATANETS);
    let weights = spread(MAX_DATANETS);
    let listing = Listing {
        influence: 10_000,
        ..Listing::on(&datanets, &weights)
    };
    let model = try_list_listing(&market, &listing).motsu_unwrap();
    assert_eq!(model, u(1));
    assert_eq!(model_view(&market, model), ModelView::listed(10_000));
    assert_eq!(
        try_training(&attribution, model, 1).motsu_unwrap(),
        (MANIFEST, SPLIT.1, datanets, weights)
    );
}

#[motsu::test]
fn a_split_not_summing_to_ten_thousand_is_rejected(
    market: Contract<ModelMarket>,
    attribution: Contract<Attribution>,
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
) {
    let (_, [a, _]) = deploy_and_list(&market, &attribution, &registry, &splitter);
    let before = snapshot(&market, &attribution);
    for split in [
        (6_000, 3_000, 999),
        (6_000, 3_000, 1_001),
        (0, 0, 0),
        // Would wrap to 10,000 in 16-bit arithmetic: 65,535 + 10,001.
        (u16::MAX, 10_001, 0),
        (u16::MAX, 1, 0),
        (u16::MAX, u16::MAX, u16::MAX),
    ] {
        assert_rejected(
            &market,
            &attribution,
            &before,
            try_list(&market, split, 0, &[a], &[10_000]),
            ModelMarketInvalidSplit {
                developerBps: split.0,
                dataBps: split.1,
                validatorBps: split.2,
            },
        );
    }
    // The rejected listings took no id.
    assert_eq!(try_list(&market, SPLIT, 0, &[a], &[10_000]).unwrap(), u(2));
}

#[motsu::test]
fn an_influence_share_above_ten_thousand_is_rejected(
    market: Contract<ModelMarket>,
    attribution: Contract<Attribution>,
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
) {
    let (_, [a, _]) = deploy_and_list(&market, &attribution, &registry, &splitter);
    let before = snapshot(&market, &attribution);
    for influence in [10_001, u16::MAX] {
        assert_rejected(
            &market,
            &attribution,
            &before,
            try_list(&market, SPLIT, influence, &[a], &[10_000]),
            ModelMarketInvalidInfluence {
                influenceBps: influence,
            },
        );
    }
    assert_eq!(
        try_list(&market, SPLIT, 10_000, &[a], &[10_000]).unwrap(),
        u(2)
    );
}

#[motsu::test]
fn a_zero_artifact_or_manifest_hash_is_rejected(
    market: Contract<ModelMarket>,
    attribution: Contract<Attribution>,
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
) {
    let (_, [a, _]) = deploy_and_list(&market, &attribution, &registry, &splitter);
    let before = snapshot(&market, &attribution);
    let good = Listing::on(&[a], &[10_000]);
    for listing in [
        Listing {
            artifact: B256::ZERO,
            ..good.clone()
        },
        Listing {
            manifest: B256::ZERO,
            ..good.clone()
        },
    ] {
        assert_rejected(
            &market,
            &attribution,
            &before,
            try_list_listing(&market, &listing),
            ModelMarketZeroHash {},
        );
    }
    assert_no_training(&attribution, u(2), 1);
    assert_eq!(try_list_listing(&market, &good).unwrap(), u(2));
}

#[motsu::test]
fn a_metadata_uri_or_base_model_must_be_one_to_256_bytes(
    market: Contract<ModelMarket>,
    attribution: Contract<Attribution>,
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
) {
    let (model, [a, _]) = deploy_and_list(&market, &attribution, &registry, &splitter);
    let before = snapshot(&market, &attribution);
    let good = Listing::on(&[a], &[10_000]);
    let (empty, too_long) = (String::new(), "x".repeat(MAX_TEXT_LEN + 1));
    for text in [&empty, &too_long] {
        let expected = || ModelMarketInvalidText {
            length: U256::from(text.len()),
        };
        for listing in [
            Listing {
                metadata: text.clone(),
                ..good.clone()
            },
            Listing {
                base_model: text.clone(),
                ..good.clone()
            },
        ] {
            assert_rejected(
                &market,
                &attribution,
                &before,
                try_list_listing(&market, &listing),
                expected(),
            );
        }
        let res = market
            .sender(DEV)
            .set_metadata(model, text.clone())
            .motsu_res();
        assert_rejected(&market, &attribution, &before, res, expected());
    }
    // 256 bytes are accepted for both.
    let longest = "y".repeat(MAX_TEXT_LEN);
    let listing = Listing {
        metadata: longest.clone(),
        base_model: longest.clone(),
        ..good
    };
    let id = try_list_listing(&market, &listing).unwrap();
    assert_eq!(metadata(&market, id), (longest.clone(), longest));
}

#[motsu::test]
fn mismatched_empty_or_oversized_datanet_lists_are_rejected(
    market: Contract<ModelMarket>,
    attribution: Contract<Attribution>,
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
) {
    let (_, [a, b]) = deploy_and_list(&market, &attribution, &registry, &splitter);
    let before = snapshot(&market, &attribution);
    let seventeen: Vec<U256> = (1..=17).map(u).collect();
    let cases: [(&[U256], Vec<u16>); 5] = [
        (&[a], vec![5_000, 5_000]),
        (&[a, b], vec![10_000]),
        (&[], vec![]),
        (&[], vec![10_000]),
        (&seventeen, spread(17)),
    ];
    for (datanets, weights) in cases {
        assert_rejected(
            &market,
            &attribution,
            &before,
            try_list(&market, SPLIT, 0, datanets, &weights),
            ModelMarketInvalidAttribution {
                datanets: U256::from(datanets.len()),
                weights: U256::from(weights.len()),
            },
        );
    }
    assert_no_training(&attribution, u(2), 1);
}

#[motsu::test]
fn a_listing_attribution_rejects_fails_as_a_peer_call_and_takes_no_id(
    market: Contract<ModelMarket>,
    attribution: Contract<Attribution>,
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
) {
    let (_, [a, b]) = deploy_and_list(&market, &attribution, &registry, &splitter);
    let paused = owner_datanet(&registry, DATANET_OWNER, U256::ZERO);
    let closed = owner_datanet(&registry, DATANET_OWNER, U256::ZERO);
    for (datanet, status) in [(paused, DATANET_PAUSED), (closed, DATANET_CLOSED)] {
        registry
            .sender(DATANET_OWNER)
            .set_status(datanet, status)
            .motsu_unwrap();
    }
    let before = snapshot(&market, &attribution);
    // A data share one bps below the datanets' minimum (3,000).
    let low_share = (7_001, MIN_DATA_SHARE_BPS - 1, 0);
    type Case = ((u16, u16, u16), Vec<U256>, Vec<u16>);
    let cases: [Case; 9] = [
        // An unknown datanet, alone or next to a good one.
        (SPLIT, vec![u(99)], vec![10_000]),
        (SPLIT, vec![a, u(99)], vec![5_000, 5_000]),
        // Datanet id 0.
        (SPLIT, vec![U256::ZERO], vec![10_000]),
        // A paused and a closed datanet.
        (SPLIT, vec![paused], vec![10_000]),
        (SPLIT, vec![a, closed], vec![5_000, 5_000]),
        // A data share below the minimum.
        (low_share, vec![a], vec![10_000]),
        // The same datanet twice.
        (SPLIT, vec![a, a], vec![5_000, 5_000]),
        // Weights summing to 9,999, or with a zero weight.
        (SPLIT, vec![a, b], vec![5_000, 4_999]),
        (SPLIT, vec![a, b], vec![10_000, 0]),
    ];
    for (split, datanets, weights) in cases {
        assert_rejected(
            &market,
            &attribution,
            &before,
            try_list(&market, split, 0, &datanets, &weights),
            attribution_rejected(&attribution),
        );
    }
    // Exactly the minimum data share is enough, and the id is the next one.
    let model = try_list(&market, (7_000, MIN_DATA_SHARE_BPS, 0), 0, &[a], &[10_000]).unwrap();
    assert_eq!(model, u(2));
    // The paused datanet counts again once reactivated.
    registry
        .sender(DATANET_OWNER)
        .set_status(paused, 0)
        .motsu_unwrap();
    assert_eq!(list(&market, &[paused], &[10_000]), u(3));
}

// -------------------------------------------------------------- versions

#[motsu::test]
fn publishing_a_version_makes_it_current_and_records_it_in_attribution(
    market: Contract<ModelMarket>,
    attribution: Contract<Attribution>,
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
) {
    let (model, [a, b]) = deploy_and_list(&market, &attribution, &registry, &splitter);
    let version = try_publish(
        &market,
        DEV,
        model,
        ARTIFACT_2,
        &[a, b],
        &[2_500, 7_500],
        MANIFEST_2,
    )
    .motsu_unwrap();
    assert_eq!(version, u(2));
    market.assert_emitted(&VersionPublished {
        modelId: model,
        version: u(2),
        artifactHash: ARTIFACT_2,
        manifestHash: MANIFEST_2,
    });
    assert_eq!(
        model_view(&market, model),
        ModelView {
            version: u(2),
            artifact: ARTIFACT_2,
            ..ModelView::listed(0)
        }
    );
    assert_eq!(
        try_version_info(&market, model, 1).motsu_unwrap(),
        (ARTIFACT, MANIFEST)
    );
    assert_eq!(
        try_version_info(&market, model, 2).motsu_unwrap(),
        (ARTIFACT_2, MANIFEST_2)
    );
    assert_error(
        try_version_info(&market, model, 3).unwrap_err(),
        ModelMarketUnknownVersion {
            modelId: model,
            version: u(3),
        },
    );
    assert_eq!(
        try_training(&attribution, model, 1).motsu_unwrap(),
        (MANIFEST, SPLIT.1, vec![a], vec![10_000])
    );
    assert_eq!(
        try_training(&attribution, model, 2).motsu_unwrap(),
        (MANIFEST_2, SPLIT.1, vec![a, b], vec![2_500, 7_500])
    );
    attribution.assert_emitted(&TrainingRecorded {
        modelId: model,
        version: u(2),
        manifestHash: MANIFEST_2,
        dataBps: SPLIT.1,
        datanetCount: 2,
    });

    // A paused model takes new versions too; the next one is 3.
    market.sender(DEV).set_status(model, PAUSED).motsu_unwrap();
    let third = try_publish(&market, DEV, model, ARTIFACT, &[b], &[10_000], MANIFEST).unwrap();
    assert_eq!(third, u(3));
    assert_eq!(model_view(&market, model).version, u(3));
    assert_eq!(
        try_training(&attribution, model, 3).motsu_unwrap(),
        (MANIFEST, SPLIT.1, vec![b], vec![10_000])
    );
}

#[motsu::test]
fn publishing_a_version_moves_fees_to_its_datanets(
    market: Contract<ModelMarket>,
    attribution: Contract<Attribution>,
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    wallet: Contract<Wallet>,
) {
    deploy(&market, &attribution, &registry, &splitter);
    let a = datanet_with_approved(&registry, POET_A, 1, 80);
    let b = datanet_with_approved(&registry, POET_B, 2, 50);
    let model = list(&market, &[a], &[10_000]);
    set_price(&market, model, NATIVE, PRICE);

    // One payment for version 1, trained on datanet a only.
    try_pay_native(&market, model, PRICE, PRICE).motsu_unwrap();
    let v2 = try_publish(&market, DEV, model, ARTIFACT_2, &[b], &[10_000], MANIFEST_2).unwrap();
    assert_eq!(v2, u(2));
    // One payment for version 2, trained on datanet b only.
    try_pay_native(&market, model, PRICE, PRICE).motsu_unwrap();
    market.assert_emitted(&InferencePaid {
        modelId: model,
        version: u(2),
        payer: PAYER,
        token: NATIVE,
        count: U256::from(1),
        amount: U256::from(PRICE),
        requestId: B256::repeat_byte(0x11),
    });

    // Each payment: protocol fee 5% (50,000), developer 60% of 950,000
    // (570,000), data 30% (285,000) and validators 10% (95,000), the last
    // two to the one datanet's contributors (owner-reviewed datanets have
    // no validator pool).
    let (da, db) = (a.to::<u64>(), b.to::<u64>());
    let to = wallet.address();
    assert_eq!(claim(&splitter, POET_B, NATIVE, &[db], &[], to), u(380_000));
    assert_eq!(claim(&splitter, POET_A, NATIVE, &[da], &[], to), u(380_000));
    assert_eq!(claim(&splitter, DEV, NATIVE, &[], &[], to), u(2 * 570_000));
    assert_eq!(
        claim(&splitter, TREASURY, NATIVE, &[], &[], to),
        u(2 * 50_000)
    );
    // Nothing is left for either contributor in either datanet.
    for account in [POET_A, POET_B] {
        assert_eq!(
            claimable(&splitter, account, NATIVE, &[da, db], &[]),
            (U256::ZERO, U256::ZERO)
        );
    }
}

#[motsu::test]
fn publishing_is_refused_for_unknown_models_other_accounts_and_retired_models(
    market: Contract<ModelMarket>,
    attribution: Contract<Attribution>,
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
) {
    let (model, [a, _]) = deploy_and_list(&market, &attribution, &registry, &splitter);
    let publish = |sender, model| {
        try_publish(
            &market,
            sender,
            model,
            ARTIFACT_2,
            &[a],
            &[10_000],
            MANIFEST_2,
        )
    };
    let before = snapshot(&market, &attribution);
    assert_rejected(
        &market,
        &attribution,
        &before,
        publish(DEV, UNKNOWN),
        unknown_model(UNKNOWN),
    );
    assert_no_training(&attribution, UNKNOWN, 1);
    for account in [STRANGER, ADMIN] {
        assert_rejected(
            &market,
            &attribution,
            &before,
            publish(account, model),
            not_owner(model, account),
        );
    }

    market.sender(DEV).set_status(model, RETIRED).motsu_unwrap();
    let before = snapshot(&market, &attribution);
    assert_rejected(
        &market,
        &attribution,
        &before,
        publish(DEV, model),
        ModelMarketModelRetired { modelId: model },
    );
    // Ownership is checked first.
    assert_rejected(
        &market,
        &attribution,
        &before,
        publish(STRANGER, model),
        not_owner(model, STRANGER),
    );
    assert_eq!(model_view(&market, model).version, u(1));
    assert_no_training(&attribution, model, 2);
}

#[motsu::test]
fn publishing_a_bad_version_changes_nothing(
    market: Contract<ModelMarket>,
    attribution: Contract<Attribution>,
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
) {
    let (model, [a, b]) = deploy_and_list(&market, &attribution, &registry, &splitter);
    let paused = owner_datanet(&registry, DATANET_OWNER, U256::ZERO);
    registry
        .sender(DATANET_OWNER)
        .set_status(paused, DATANET_PAUSED)
        .motsu_unwrap();
    let before = snapshot(&market, &attribution);
    let publish = |artifact, datanets: &[U256], weights: &[u16], manifest| {
        try_publish(&market, DEV, model, artifact, datanets, weights, manifest)
    };

    // Zero hashes.
    for (artifact, manifest) in [(B256::ZERO, MANIFEST_2), (ARTIFACT_2, B256::ZERO)] {
        assert_rejected(
            &market,
            &attribution,
            &before,
            publish(artifact, &[a], &[10_000], manifest),
            ModelMarketZeroHash {},
        );
    }
    // Mismatched, empty and oversized lists.
    let seventeen: Vec<U256> = (1..=17).map(u).collect();
    let cases: [(&[U256], Vec<u16>); 4] = [
        (&[a, b], vec![10_000]),
        (&[a], vec![5_000, 5_000]),
        (&[], vec![]),
        (&seventeen, spread(17)),
    ];
    for (datanets, weights) in cases {
        assert_rejected(
            &market,
            &attribution,
            &before,
            publish(ARTIFACT_2, datanets, &weights, MANIFEST_2),
            ModelMarketInvalidAttribution {
                datanets: U256::from(datanets.len()),
                weights: U256::from(weights.len()),
            },
        );
    }
    // Records attribution rejects.
    let cases: [(Vec<U256>, Vec<u16>); 4] = [
        (vec![u(99)], vec![10_000]),
        (vec![paused], vec![10_000]),
        (vec![b, b], vec![5_000, 5_000]),
        (vec![a, b], vec![6_000, 6_000]),
    ];
    for (datanets, weights) in cases {
        assert_rejected(
            &market,
            &attribution,
            &before,
            publish(ARTIFACT_2, &datanets, &weights, MANIFEST_2),
            attribution_rejected(&attribution),
        );
    }
    assert_eq!(model_view(&market, model), ModelView::listed(0));
    assert_no_training(&attribution, model, 2);
    // The next good version is still number 2.
    assert_eq!(
        publish(ARTIFACT_2, &[b], &[10_000], MANIFEST_2).unwrap(),
        u(2)
    );
}

// ---------------------------------------------------------------- prices

#[motsu::test]
fn the_owner_sets_prices_and_a_zero_price_stops_payments(
    market: Contract<ModelMarket>,
    attribution: Contract<Attribution>,
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
) {
    deploy(&market, &attribution, &registry, &splitter);
    let a = datanet_with_approved(&registry, POET_A, 1, 80);
    let model = list(&market, &[a], &[10_000]);
    let token = Address::repeat_byte(0x70);

    for (token, price) in [(NATIVE, PRICE), (token, 7)] {
        market
            .sender(DEV)
            .set_price(model, token, U256::from(price))
            .motsu_unwrap();
        market.assert_emitted(&PriceSet {
            modelId: model,
            token,
            price: U256::from(price),
        });
        assert_eq!(market.sender(VIEWER).price(model, token), U256::from(price));
    }
    try_pay_native(&market, model, PRICE, PRICE).motsu_unwrap();
    market.assert_emitted(&InferencePaid {
        modelId: model,
        version: u(1),
        payer: PAYER,
        token: NATIVE,
        count: U256::from(1),
        amount: U256::from(PRICE),
        requestId: B256::repeat_byte(0x11),
    });

    // Price 0: native payments are no longer accepted; the token's price
    // is untouched.
    set_price(&market, model, NATIVE, 0);
    market.assert_emitted(&PriceSet {
        modelId: model,
        token: NATIVE,
        price: U256::ZERO,
    });
    assert_eq!(market.sender(VIEWER).price(model, NATIVE), U256::ZERO);
    assert_eq!(market.sender(VIEWER).price(model, token), U256::from(7));
    assert_error(
        try_pay_native(&market, model, PRICE, PRICE).unwrap_err(),
        ModelMarketTokenNotAccepted {
            modelId: model,
            token: NATIVE,
        },
    );
    // Only the payment before the zero price reached the splitter.
    assert_eq!(splitter.balance(), U256::from(PRICE));
}

#[motsu::test]
fn only_the_owner_of_a_known_model_sets_its_price(
    market: Contract<ModelMarket>,
    attribution: Contract<Attribution>,
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
) {
    let (model, _) = deploy_and_list(&market, &attribution, &registry, &splitter);
    set_price(&market, model, NATIVE, PRICE);
    let before = snapshot(&market, &attribution);
    for account in [STRANGER, ADMIN] {
        let res = market
            .sender(account)
            .set_price(model, NATIVE, U256::from(1))
            .motsu_res();
        assert_rejected(
            &market,
            &attribution,
            &before,
            res,
            not_owner(model, account),
        );
    }
    let res = market
        .sender(DEV)
        .set_price(UNKNOWN, NATIVE, U256::from(1))
        .motsu_res();
    assert_rejected(&market, &attribution, &before, res, unknown_model(UNKNOWN));
    assert_eq!(
        market.sender(VIEWER).price(model, NATIVE),
        U256::from(PRICE)
    );
    assert_eq!(market.sender(VIEWER).price(UNKNOWN, NATIVE), U256::ZERO);
}

// ---------------------------------------------------------------- status

#[motsu::test]
fn a_paused_model_takes_payments_again_once_reactivated(
    market: Contract<ModelMarket>,
    attribution: Contract<Attribution>,
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
) {
    deploy(&market, &attribution, &registry, &splitter);
    let a = datanet_with_approved(&registry, POET_A, 1, 80);
    let model = list(&market, &[a], &[10_000]);
    set_price(&market, model, NATIVE, PRICE);

    market.sender(DEV).set_status(model, PAUSED).motsu_unwrap();
    market.assert_emitted(&StatusSet {
        modelId: model,
        previousStatus: ACTIVE,
        status: PAUSED,
    });
    assert_eq!(model_view(&market, model).status, PAUSED);
    assert_error(
        try_pay_native(&market, model, PRICE, PRICE).unwrap_err(),
        ModelMarketModelNotActive {
            modelId: model,
            status: PAUSED,
        },
    );

    market.sender(DEV).set_status(model, ACTIVE).motsu_unwrap();
    market.assert_emitted(&StatusSet {
        modelId: model,
        previousStatus: PAUSED,
        status: ACTIVE,
    });
    assert_eq!(model_view(&market, model).status, ACTIVE);
    try_pay_native(&market, model, PRICE, PRICE).motsu_unwrap();
    market.assert_emitted(&InferencePaid {
        modelId: model,
        version: u(1),
        payer: PAYER,
        token: NATIVE,
        count: U256::from(1),
        amount: U256::from(PRICE),
        requestId: B256::repeat_byte(0x11),
    });
    assert_eq!(splitter.balance(), U256::from(PRICE));
}

#[motsu::test]
fn a_retired_model_never_changes_status_again(
    market: Contract<ModelMarket>,
    attribution: Contract<Attribution>,
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
) {
    let (model, _) = deploy_and_list(&market, &attribution, &registry, &splitter);
    market.sender(DEV).set_status(model, PAUSED).motsu_unwrap();
    market.sender(DEV).set_status(model, RETIRED).motsu_unwrap();
    market.assert_emitted(&StatusSet {
        modelId: model,
        previousStatus: PAUSED,
        status: RETIRED,
    });
    assert_eq!(model_view(&market, model).status, RETIRED);

    let before = snapshot(&market, &attribution);
    for status in [ACTIVE, PAUSED, RETIRED] {
        let res = market.sender(DEV).set_status(model, status).motsu_res();
        assert_rejected(
            &market,
            &attribution,
            &before,
            res,
            ModelMarketModelRetired { modelId: model },
        );
    }
    // A status out of range is reported as such even on a retired model.
    let res = market.sender(DEV).set_status(model, 3).motsu_res();
    assert_rejected(
        &market,
        &attribution,
        &before,
        res,
        ModelMarketInvalidStatus { status: 3 },
    );
    // A retired model stays listed and readable.
    assert_eq!(
        model_view(&market, model),
        ModelView {
            status: RETIRED,
            ..ModelView::listed(0)
        }
    );
}

#[motsu::test]
fn an_invalid_status_a_stranger_or_an_unknown_model_is_rejected(
    market: Contract<ModelMarket>,
    attribution: Contract<Attribution>,
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
) {
    let (model, [a, _]) = deploy_and_list(&market, &attribution, &registry, &splitter);
    // Active straight to Retired is allowed (checked on another model).
    let other = list(&market, &[a], &[10_000]);
    market.sender(DEV).set_status(other, RETIRED).motsu_unwrap();
    market.assert_emitted(&StatusSet {
        modelId: other,
        previousStatus: ACTIVE,
        status: RETIRED,
    });

    let before = snapshot(&market, &attribution);
    for status in [3, u8::MAX] {
        let res = market.sender(DEV).set_status(model, status).motsu_res();
        assert_rejected(
            &market,
            &attribution,
            &before,
            res,
            ModelMarketInvalidStatus { status },
        );
    }
    for account in [STRANGER, ADMIN] {
        let res = market.sender(account).set_status(model, PAUSED).motsu_res();
        assert_rejected(
            &market,
            &attribution,
            &before,
            res,
            not_owner(model, account),
        );
    }
    let res = market.sender(DEV).set_status(UNKNOWN, PAUSED).motsu_res();
    assert_rejected(&market, &attribution, &before, res, unknown_model(UNKNOWN));
    assert_eq!(model_view(&market, model).status, ACTIVE);
}

// -------------------------------------------------------------- metadata

#[motsu::test]
fn the_owner_updates_the_metadata_uri_and_keeps_the_base_model(
    market: Contract<ModelMarket>,
    attribution: Contract<Attribution>,
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
) {
    let (model, _) = deploy_and_list(&market, &attribution, &registry, &splitter);
    for uri in ["ipfs://model-v2", &"z".repeat(MAX_TEXT_LEN)] {
        market
            .sender(DEV)
            .set_metadata(model, uri.into())
            .motsu_unwrap();
        market.assert_emitted(&MetadataSet {
            modelId: model,
            metadataUri: uri.into(),
        });
        assert_eq!(
            metadata(&market, model),
            (uri.to_string(), BASE_MODEL.to_string())
        );
    }
    assert_eq!(model_view(&market, model), ModelView::listed(0));
}

#[motsu::test]
fn only_the_owner_of_a_known_model_updates_its_metadata(
    market: Contract<ModelMarket>,
    attribution: Contract<Attribution>,
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
) {
    let (model, _) = deploy_and_list(&market, &attribution, &registry, &splitter);
    let before = snapshot(&market, &attribution);
    for account in [STRANGER, ADMIN] {
        let res = market
            .sender(account)
            .set_metadata(model, "ipfs://hijacked".into())
            .motsu_res();
        assert_rejected(
            &market,
            &attribution,
            &before,
            res,
            not_owner(model, account),
        );
    }
    let res = market
        .sender(DEV)
        .set_metadata(UNKNOWN, "ipfs://nothing".into())
        .motsu_res();
    assert_rejected(&market, &attribution, &before, res, unknown_model(UNKNOWN));
    assert_eq!(
        metadata(&market, model),
        (METADATA.to_string(), BASE_MODEL.to_string())
    );
}

// ------------------------------------------------------------- ownership

#[motsu::test]
fn ownership_moves_in_two_steps_and_takes_the_developer_share_with_it(
    market: Contract<ModelMarket>,
    attribution: Contract<Attribution>,
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    wallet: Contract<Wallet>,
) {
    assert_eq!(PROTOCOL_FEE_BPS, 500, "the claims below assume a 5% fee");
    deploy(&market, &attribution, &registry, &splitter);
    let a = datanet_with_approved(&registry, POET_A, 1, 80);
    let model = list(&market, &[a], &[10_000]);
    set_price(&market, model, NATIVE, PRICE);

    market
        .sender(DEV)
        .transfer_ownership(model, NEW_OWNER)
        .motsu_unwrap();
    market.assert_emitted(&OwnershipTransferStarted {
        modelId: model,
        previousOwner: DEV,
        newOwner: NEW_OWNER,
    });
    assert_eq!(
        model_view(&market, model),
        ModelView {
            pending_owner: NEW_OWNER,
            ..ModelView::listed(0)
        }
    );
    // Until the offer is accepted, DEV still owns the model and is paid.
    try_pay_native(&market, model, PRICE, PRICE).motsu_unwrap();

    market
        .sender(NEW_OWNER)
        .accept_ownership(model)
        .motsu_unwrap();
    market.assert_emitted(&OwnershipTransferred {
        modelId: model,
        previousOwner: DEV,
        newOwner: NEW_OWNER,
    });
    assert_eq!(
        model_view(&market, model),
        ModelView {
            owner: NEW_OWNER,
            ..ModelView::listed(0)
        }
    );

    // The old owner can no longer act on the model.
    let before = snapshot(&market, &attribution);
    let res = market
        .sender(DEV)
        .set_price(model, NATIVE, U256::from(1))
        .motsu_res();
    assert_rejected(&market, &attribution, &before, res, not_owner(model, DEV));
    let res = market
        .sender(DEV)
        .transfer_ownership(model, DEV)
        .motsu_res();
    assert_rejected(&market, &attribution, &before, res, not_owner(model, DEV));
    let res = market.sender(DEV).set_status(model, PAUSED).motsu_res();
    assert_rejected(&market, &attribution, &before, res, not_owner(model, DEV));
    let res = try_publish(&market, DEV, model, ARTIFACT_2, &[a], &[10_000], MANIFEST_2);
    assert_rejected(&market, &attribution, &before, res, not_owner(model, DEV));
    // The new owner can; the price it sets is the one paid next.
    market
        .sender(NEW_OWNER)
        .set_price(model, NATIVE, U256::from(PRICE))
        .motsu_unwrap();

    // A payment after the transfer: the developer share, 60% of 950,000,
    // goes to the new owner.
    try_pay_native(&market, model, PRICE, PRICE).motsu_unwrap();
    let to = wallet.address();
    assert_eq!(
        claim(&splitter, NEW_OWNER, NATIVE, &[], &[], to),
        u(570_000)
    );
    assert_eq!(claim(&splitter, DEV, NATIVE, &[], &[], to), u(570_000));
    assert_eq!(
        claimable(&splitter, DEV, NATIVE, &[], &[]),
        (U256::ZERO, U256::ZERO)
    );
    assert_eq!(
        claimable(&splitter, NEW_OWNER, NATIVE, &[], &[]),
        (U256::ZERO, U256::ZERO)
    );
    assert_eq!(wallet.balance(), u(2 * 570_000));
}

#[motsu::test]
fn a_withdrawn_offer_or_a_stranger_cannot_take_a_model(
    market: Contract<ModelMarket>,
    attribution: Contract<Attribution>,
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
) {
    let (model, _) = deploy_and_list(&market, &attribution, &registry, &splitter);
    let not_pending = |account| ModelMarketNotPendingOwner {
        modelId: model,
        account,
    };
    // No offer yet.
    let before = snapshot(&market, &attribution);
    let res = market.sender(NEW_OWNER).accept_ownership(model).motsu_res();
    assert_rejected(&market, &attribution, &before, res, not_pending(NEW_OWNER));

    market
        .sender(DEV)
        .transfer_ownership(model, NEW_OWNER)
        .motsu_unwrap();
    // Only the pending owner accepts; the owner offering is not enough.
    let before = snapshot(&market, &attribution);
    for account in [STRANGER, DEV] {
        let res = market.sender(account).accept_ownership(model).motsu_res();
        assert_rejected(&market, &attribution, &before, res, not_pending(account));
    }
    // Only the owner offers.
    let res = market
        .sender(STRANGER)
        .transfer_ownership(model, STRANGER)
        .motsu_res();
    assert_rejected(
        &market,
        &attribution,
        &before,
        res,
        not_owner(model, STRANGER),
    );

    // The owner withdraws the offer with the zero address.
    market
        .sender(DEV)
        .transfer_ownership(model, Address::ZERO)
        .motsu_unwrap();
    market.assert_emitted(&OwnershipTransferStarted {
        modelId: model,
        previousOwner: DEV,
        newOwner: Address::ZERO,
    });
    assert_eq!(model_view(&market, model), ModelView::listed(0));
    let before = snapshot(&market, &attribution);
    let res = market.sender(NEW_OWNER).accept_ownership(model).motsu_res();
    assert_rejected(&market, &attribution, &before, res, not_pending(NEW_OWNER));
    assert_eq!(model_view(&market, model).owner, DEV);
}

#[motsu::test]
fn ownership_calls_on_an_unknown_model_are_rejected(
    market: Contract<ModelMarket>,
    attribution: Contract<Attribution>,
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
) {
    deploy_and_list(&market, &attribution, &registry, &splitter);
    let before = snapshot(&market, &attribution);
    let res = market
        .sender(DEV)
        .transfer_ownership(UNKNOWN, NEW_OWNER)
        .motsu_res();
    assert_rejected(&market, &attribution, &before, res, unknown_model(UNKNOWN));
    let res = market
        .sender(NEW_OWNER)
        .accept_ownership(UNKNOWN)
        .motsu_res();
    assert_rejected(&market, &attribution, &before, res, unknown_model(UNKNOWN));
    // The next id, not listed yet, is just as unknown.
    let res = market.sender(DEV).accept_ownership(u(2)).motsu_res();
    assert_rejected(&market, &attribution, &before, res, unknown_model(u(2)));
}

// -------------------------------------------------------------- attestor

#[motsu::test]
fn the_owner_names_an_attestor_from_attributions_set_and_removes_it(
    market: Contract<ModelMarket>,
    attribution: Contract<Attribution>,
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
) {
    let (model, _) = deploy_and_list(&market, &attribution, &registry, &splitter);
    attribution
        .sender(ADMIN)
        .set_attestor(ATTESTOR, true)
        .motsu_unwrap();
    assert!(attribution.sender(VIEWER).is_attestor(ATTESTOR));

    market
        .sender(DEV)
        .set_model_attestor(model, ATTESTOR)
        .motsu_unwrap();
    attribution.assert_emitted(&ModelAttestorSet {
        modelId: model,
        previousAttestor: Address::ZERO,
        attestor: ATTESTOR,
    });
    assert_eq!(attribution.sender(VIEWER).model_attestor(model), ATTESTOR);

    // The zero address removes it.
    market
        .sender(DEV)
        .set_model_attestor(model, Address::ZERO)
        .motsu_unwrap();
    attribution.assert_emitted(&ModelAttestorSet {
        modelId: model,
        previousAttestor: ATTESTOR,
        attestor: Address::ZERO,
    });
    assert_eq!(
        attribution.sender(VIEWER).model_attestor(model),
        Address::ZERO
    );
}

#[motsu::test]
fn an_attestor_outside_the_set_or_a_wrong_caller_is_rejected(
    market: Contract<ModelMarket>,
    attribution: Contract<Attribution>,
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
) {
    let (model, _) = deploy_and_list(&market, &attribution, &registry, &splitter);
    attribution
        .sender(ADMIN)
        .set_attestor(ATTESTOR, true)
        .motsu_unwrap();
    let before = snapshot(&market, &attribution);

    // Outside the set: never added, or added and then removed.
    let res = market
        .sender(DEV)
        .set_model_attestor(model, STRANGER)
        .motsu_res();
    assert_rejected(
        &market,
        &attribution,
        &before,
        res,
        attribution_rejected(&attribution),
    );
    for account in [STRANGER, ADMIN, ATTESTOR] {
        let res = market
            .sender(account)
            .set_model_attestor(model, ATTESTOR)
            .motsu_res();
        assert_rejected(
            &market,
            &attribution,
            &before,
            res,
            not_owner(model, account),
        );
    }
    let res = market
        .sender(DEV)
        .set_model_attestor(UNKNOWN, ATTESTOR)
        .motsu_res();
    assert_rejected(&market, &attribution, &before, res, unknown_model(UNKNOWN));

    attribution
        .sender(ADMIN)
        .set_attestor(ATTESTOR, false)
        .motsu_unwrap();
    let before = snapshot(&market, &attribution);
    let res = market
        .sender(DEV)
        .set_model_attestor(model, ATTESTOR)
        .motsu_res();
    assert_rejected(
        &market,
        &attribution,
        &before,
        res,
        attribution_rejected(&attribution),
    );
    assert_eq!(
        attribution.sender(VIEWER).model_attestor(model),
        Address::ZERO
    );
}

// ----------------------------------------------------------------- views

#[motsu::test]
fn views_of_unknown_models_and_versions_fail_or_read_zero(
    market: Contract<ModelMarket>,
    attribution: Contract<Attribution>,
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
) {
    deploy(&market, &attribution, &registry, &splitter);
    // Before any listing, model 1 is unknown too.
    for id in [u(1), UNKNOWN, U256::ZERO, U256::MAX] {
        assert_error(try_model_view(&market, id).unwrap_err(), unknown_model(id));
        assert_error(
            market.sender(VIEWER).metadata(id).motsu_unwrap_err(),
            unknown_model(id),
        );
    }
    let a = owner_datanet(&registry, DATANET_OWNER, U256::ZERO);
    let model = list(&market, &[a], &[10_000]);
    assert_eq!(market.sender(VIEWER).model_count(), u(1));
    for id in [UNKNOWN, u(2)] {
        assert_error(try_model_view(&market, id).unwrap_err(), unknown_model(id));
        assert_error(
            market.sender(VIEWER).metadata(id).motsu_unwrap_err(),
            unknown_model(id),
        );
        assert_eq!(market.sender(VIEWER).price(id, NATIVE), U256::ZERO);
        assert_eq!(
            market.sender(VIEWER).price(id, Address::repeat_byte(0x70)),
            U256::ZERO
        );
    }
    // Versions: 0 and 2 of the listed model, any version of an unknown one.
    for (id, version) in [(model, 0), (model, 2), (UNKNOWN, 1), (u(2), 1)] {
        assert_error(
            try_version_info(&market, id, version).unwrap_err(),
            ModelMarketUnknownVersion {
                modelId: id,
                version: u(version),
            },
        );
    }
    assert_eq!(
        try_version_info(&market, model, 1).unwrap(),
        (ARTIFACT, MANIFEST)
    );
}
