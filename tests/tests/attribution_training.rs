//! Attribution deployment, roles and training records, against the real
//! `datanet_registry`: every datanet must exist and be Active and meet its
//! minimum data share; every bad input gets its typed error and changes
//! nothing; the training manifest is the Merkle root of 1,000 contribution
//! ids submitted to the registry, and `contributionInModel` checks their
//! proofs on chain.
// The contract's `Error` is large; the helpers return it as the contract does.
#![allow(clippy::result_large_err)]
extern crate alloc;
mod attribution_support;
mod common;
mod splitter_support;

use alloy_primitives::{b256, Address, B256, U256};
use alloy_sol_types::{SolError, SolEvent};
use attribution::{
    AccessControlBadConfirmation, AccessControlRoleFrozen, Attribution, AttributionDataShareTooLow,
    AttributionDatanetNotActive, AttributionIdTooLarge, AttributionInvalidAttribution,
    AttributionInvalidDataShare, AttributionInvalidDatanet, AttributionInvalidWeights,
    AttributionPeerCallFailed, AttributionProofTooLong, AttributionTrainingExists,
    AttributionUnknownDatanet, AttributionUnknownDatanetTraining, AttributionUnknownTraining,
    AttributionZeroAddress, AttributionZeroHash, DatanetUsed, PeersSet, RoleFrozen, RoleGranted,
    RoleRevoked, TrainingRecorded, MAX_DATANETS, MAX_PROOF_LEN,
};
use attribution_support::{
    assert_error, contribution_leaf, create_datanet, create_datanets, datanet_terms, deploy, ids,
    market_role, record, set_datanet_status, training, try_record, try_record_as, unauthorized,
    Record, StandardTree, ADMIN, DATA_BPS, MARKET, MODEL, VIEWER,
};
use datanet_registry::{DatanetRegistry, DATANET_ACTIVE, DATANET_CLOSED, DATANET_PAUSED};
use motsu::prelude::*;
use reward_splitter::RewardSplitter;
use stylus_sdk::prelude::*;

/// A stand-in registry whose `datanet(uint256)` returns one word instead
/// of the registry's twelve-field record.
#[storage]
pub struct ShortRegistry;

unsafe impl TopLevelStorage for ShortRegistry {}

#[public]
impl ShortRegistry {
    pub fn datanet(&self, _datanet_id: U256) -> Address {
        Address::ZERO
    }
}

const ADMIN_ROLE: B256 = B256::ZERO;

fn manifest(seed: u8) -> B256 {
    B256::repeat_byte(seed)
}

/// Equal weights over `n` datanets summing to 10,000 (the first takes the
/// rest of the division).
fn equal_weights(n: usize) -> Vec<u16> {
    let each = 10_000 / n as u16;
    let mut weights = vec![each; n];
    weights[0] += 10_000 - each * n as u16;
    weights
}

// ------------------------------------------------------------- deployment

#[motsu::test]
fn constructor_sets_admin_and_peers(
    attribution: Contract<Attribution>,
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
) {
    deploy(&attribution, &registry, &splitter);
    let view = attribution.sender(VIEWER);
    assert_eq!(view.config(), (registry.address(), splitter.address()));
    assert!(view.has_role(ADMIN_ROLE, ADMIN));
    assert!(view.has_role(market_role(), MARKET));
    assert!(!view.has_role(market_role(), ADMIN));
    assert_eq!(view.get_role_admin(market_role()), ADMIN_ROLE);
    assert_eq!(view.get_role_admin(ADMIN_ROLE), ADMIN_ROLE);
    attribution.assert_emitted(&RoleGranted {
        role: ADMIN_ROLE,
        account: ADMIN,
        sender: ADMIN,
    });
    attribution.assert_emitted(&PeersSet {
        registry: registry.address(),
        splitter: splitter.address(),
    });
    attribution.assert_emitted(&RoleGranted {
        role: market_role(),
        account: MARKET,
        sender: ADMIN,
    });
}

#[motsu::test]
fn constructor_rejects_zero_addresses(attribution: Contract<Attribution>, peer: Address) {
    for (admin, registry, splitter) in [
        (Address::ZERO, peer, peer),
        (ADMIN, Address::ZERO, peer),
        (ADMIN, peer, Address::ZERO),
    ] {
        let err = attribution
            .sender(ADMIN)
            .constructor(admin, registry, splitter)
            .motsu_unwrap_err();
        assert_error(err, AttributionZeroAddress {});
    }
    assert!(attribution.all_events().is_empty());
    assert!(!attribution.sender(VIEWER).has_role(ADMIN_ROLE, ADMIN));
}

// ------------------------------------------------------------------- roles

#[motsu::test]
fn only_the_admin_grants_and_revokes_the_market_role(
    attribution: Contract<Attribution>,
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    market2: Address,
) {
    deploy(&attribution, &registry, &splitter);
    let err = attribution
        .sender(MARKET)
        .grant_role(market_role(), market2)
        .motsu_unwrap_err();
    assert_error(err, unauthorized(MARKET, ADMIN_ROLE));
    let err = attribution
        .sender(MARKET)
        .revoke_role(market_role(), MARKET)
        .motsu_unwrap_err();
    assert_error(err, unauthorized(MARKET, ADMIN_ROLE));

    let datanet = create_datanet(&registry, DATA_BPS);
    attribution
        .sender(ADMIN)
        .grant_role(market_role(), market2)
        .motsu_unwrap();
    attribution
        .sender(ADMIN)
        .revoke_role(market_role(), MARKET)
        .motsu_unwrap();
    attribution.assert_emitted(&RoleRevoked {
        role: market_role(),
        account: MARKET,
        sender: ADMIN,
    });
    let rec = Record::new(MODEL, 1, &[datanet], &[10_000], manifest(1));
    assert_error(
        try_record(&attribution, &rec).unwrap_err(),
        unauthorized(MARKET, market_role()),
    );
    try_record_as(&attribution, market2, &rec).motsu_unwrap();
}

#[motsu::test]
fn a_frozen_market_role_stays_with_the_market(
    attribution: Contract<Attribution>,
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    market2: Address,
) {
    deploy(&attribution, &registry, &splitter);
    let err = attribution
        .sender(MARKET)
        .freeze_role(market_role())
        .motsu_unwrap_err();
    assert_error(err, unauthorized(MARKET, ADMIN_ROLE));
    attribution
        .sender(ADMIN)
        .freeze_role(market_role())
        .motsu_unwrap();
    attribution.assert_emitted(&RoleFrozen {
        role: market_role(),
        sender: ADMIN,
    });
    assert!(attribution.sender(VIEWER).is_role_frozen(market_role()));
    let frozen = || AccessControlRoleFrozen {
        role: market_role(),
    };
    // The admin can neither add a second writer of training records nor
    // remove the market; the market cannot leave.
    let err = attribution
        .sender(ADMIN)
        .grant_role(market_role(), ADMIN)
        .motsu_unwrap_err();
    assert_error(err, frozen());
    let err = attribution
        .sender(ADMIN)
        .revoke_role(market_role(), MARKET)
        .motsu_unwrap_err();
    assert_error(err, frozen());
    let err = attribution
        .sender(MARKET)
        .renounce_role(market_role(), MARKET)
        .motsu_unwrap_err();
    assert_error(err, frozen());
    let datanet = create_datanet(&registry, DATA_BPS);
    let rec = Record::new(MODEL, 1, &[datanet], &[10_000], manifest(1));
    assert_error(
        try_record_as(&attribution, market2, &rec).unwrap_err(),
        unauthorized(market2, market_role()),
    );
    record(&attribution, &rec);
    assert_eq!(training(&attribution, MODEL, 1).unwrap(), rec.view());
}

#[motsu::test]
fn a_role_holder_renounces_only_for_itself(
    attribution: Contract<Attribution>,
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
) {
    deploy(&attribution, &registry, &splitter);
    let err = attribution
        .sender(MARKET)
        .renounce_role(market_role(), ADMIN)
        .motsu_unwrap_err();
    assert_error(err, AccessControlBadConfirmation {});
    attribution
        .sender(MARKET)
        .renounce_role(market_role(), MARKET)
        .motsu_unwrap();
    assert!(!attribution.sender(VIEWER).has_role(market_role(), MARKET));
    attribution.assert_emitted(&RoleRevoked {
        role: market_role(),
        account: MARKET,
        sender: MARKET,
    });
}

// ------------------------------------------------------- training records

#[motsu::test]
fn market_records_a_version_and_anyone_reads_it(
    attribution: Contract<Attribution>,
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
) {
    deploy(&attribution, &registry, &splitter);
    let datanets = create_datanets(&registry, 3);
    let rec = Record::new(MODEL, 1, &datanets, &[5_000, 3_000, 2_000], manifest(7)).data_bps(4_500);
    record(&attribution, &rec);

    assert_eq!(training(&attribution, MODEL, 1).unwrap(), rec.view());
    attribution.assert_emitted(&TrainingRecorded {
        modelId: U256::from(MODEL),
        version: U256::from(1),
        manifestHash: manifest(7),
        dataBps: 4_500,
        datanetCount: 3,
    });
    for (&datanet, weight) in datanets.iter().zip([5_000, 3_000, 2_000]) {
        attribution.assert_emitted(&DatanetUsed {
            datanetId: U256::from(datanet),
            modelId: U256::from(MODEL),
            version: U256::from(1),
            weightBps: weight,
        });
    }

    // Version 2 of the same model on other weights; version 1 unchanged.
    let rec2 = Record::new(MODEL, 2, &datanets[1..], &[9_000, 1_000], manifest(8));
    record(&attribution, &rec2);
    assert_eq!(training(&attribution, MODEL, 2).unwrap(), rec2.view());
    assert_eq!(training(&attribution, MODEL, 1).unwrap(), rec.view());

    // Never recorded.
    for (model, version) in [(MODEL, 3), (2, 1), (0, 0)] {
        assert_error(
            training(&attribution, model, version).unwrap_err(),
            AttributionUnknownTraining {
                modelId: U256::from(model),
                version: U256::from(version),
            },
        );
    }
}

#[motsu::test]
fn a_version_is_recorded_once(
    attribution: Contract<Attribution>,
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
) {
    deploy(&attribution, &registry, &splitter);
    let datanets = create_datanets(&registry, 2);
    let rec = Record::new(MODEL, 1, &datanets, &[6_000, 4_000], manifest(1));
    record(&attribution, &rec);
    let events = attribution.all_events().len();

    let rewrite = Record::new(MODEL, 1, &datanets[..1], &[10_000], manifest(2));
    assert_error(
        try_record(&attribution, &rewrite).unwrap_err(),
        AttributionTrainingExists {
            modelId: U256::from(MODEL),
            version: U256::from(1),
        },
    );
    assert_eq!(training(&attribution, MODEL, 1).unwrap(), rec.view());
    assert_eq!(attribution.all_events().len(), events);
    // The same version number of another model is another record.
    record(
        &attribution,
        &Record::new(2, 1, &datanets[..1], &[10_000], manifest(2)),
    );
}

/// The `datanetTraining` list of `datanet`, read through the views.
fn datanet_trainings(attribution: &Contract<Attribution>, datanet: u64) -> Vec<(U256, U256)> {
    let view = attribution.sender(VIEWER);
    let count = view.datanet_training_count(U256::from(datanet));
    (0..count.to::<u64>())
        .map(|i| {
            view.datanet_training(U256::from(datanet), U256::from(i))
                .motsu_unwrap()
        })
        .collect()
}

#[motsu::test]
fn each_datanet_lists_the_model_versions_trained_on_it(
    attribution: Contract<Attribution>,
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
) {
    deploy(&attribution, &registry, &splitter);
    let d = create_datanets(&registry, 3);
    let pair = |model: u64, version: u64| (U256::from(model), U256::from(version));
    record(
        &attribution,
        &Record::new(1, 1, &[d[0], d[1]], &[5_000, 5_000], manifest(1)),
    );
    record(
        &attribution,
        &Record::new(2, 1, &[d[1]], &[10_000], manifest(2)),
    );
    record(
        &attribution,
        &Record::new(1, 2, &[d[0]], &[10_000], manifest(3)),
    );
    // A refused record (a repeated version) adds nothing.
    try_record(
        &attribution,
        &Record::new(2, 1, &[d[0]], &[10_000], manifest(4)),
    )
    .unwrap_err();

    assert_eq!(
        datanet_trainings(&attribution, d[0]),
        vec![pair(1, 1), pair(1, 2)]
    );
    assert_eq!(
        datanet_trainings(&attribution, d[1]),
        vec![pair(1, 1), pair(2, 1)]
    );
    assert_eq!(datanet_trainings(&attribution, d[2]), vec![]);
    for (datanet, index) in [(d[0], U256::from(2)), (d[2], U256::ZERO), (d[0], U256::MAX)] {
        let err = attribution
            .sender(VIEWER)
            .datanet_training(U256::from(datanet), index)
            .motsu_unwrap_err();
        assert_error(
            err,
            AttributionUnknownDatanetTraining {
                datanetId: U256::from(datanet),
                index,
            },
        );
    }
}

#[motsu::test]
fn model_ids_and_versions_must_fit_in_128_bits(
    attribution: Contract<Attribution>,
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
) {
    deploy(&attribution, &registry, &splitter);
    let d = create_datanets(&registry, 1);
    let limit = U256::from(u128::MAX);
    let too_large = limit + U256::from(1);
    for (model, version) in [(too_large, U256::from(1)), (U256::from(1), too_large)] {
        let mut rec = Record::new(0, 0, &d, &[10_000], manifest(1));
        rec.model = model;
        rec.version = version;
        assert_error(
            try_record(&attribution, &rec).unwrap_err(),
            AttributionIdTooLarge {
                modelId: model,
                version,
            },
        );
    }
    assert_eq!(
        attribution
            .sender(VIEWER)
            .datanet_training_count(U256::from(d[0])),
        U256::ZERO
    );
    // The largest values, in either half of the packed slot, read back
    // unmixed.
    let pairs = [
        (limit, U256::from(1)),
        (U256::from(1), limit),
        (limit, limit),
    ];
    for (n, &(model, version)) in pairs.iter().enumerate() {
        let mut rec = Record::new(0, 0, &d, &[10_000], manifest(n as u8 + 1));
        rec.model = model;
        rec.version = version;
        record(&attribution, &rec);
    }
    assert_eq!(datanet_trainings(&attribution, d[0]), pairs.to_vec());
}

#[motsu::test]
fn sixteen_datanets_at_most(
    attribution: Contract<Attribution>,
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
) {
    deploy(&attribution, &registry, &splitter);
    let datanets = create_datanets(&registry, MAX_DATANETS + 1);
    let too_many = Record::new(
        MODEL,
        1,
        &datanets,
        &equal_weights(MAX_DATANETS + 1),
        manifest(1),
    );
    assert_error(
        try_record(&attribution, &too_many).unwrap_err(),
        AttributionInvalidAttribution {
            datanets: U256::from(17),
            weights: U256::from(17),
        },
    );
    let sixteen = Record::new(
        MODEL,
        1,
        &datanets[..MAX_DATANETS],
        &equal_weights(MAX_DATANETS),
        manifest(1),
    );
    record(&attribution, &sixteen);
    assert_eq!(training(&attribution, MODEL, 1).unwrap(), sixteen.view());
}

#[motsu::test]
fn malformed_records_are_rejected_with_their_errors(
    attribution: Contract<Attribution>,
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    stranger: Address,
) {
    deploy(&attribution, &registry, &splitter);
    let d = create_datanets(&registry, 2);
    let ok = Record::new(MODEL, 1, &d, &[5_000, 5_000], manifest(1));
    let invalid_datanet = |id: u64| AttributionInvalidDatanet {
        datanetId: U256::from(id),
    };
    let invalid_weights = |id: u64, sum: u64| AttributionInvalidWeights {
        datanetId: U256::from(id),
        sum: U256::from(sum),
    };
    let invalid_lists = |datanets: u64, weights: u64| AttributionInvalidAttribution {
        datanets: U256::from(datanets),
        weights: U256::from(weights),
    };

    let cases: Vec<(Record, Vec<u8>)> = vec![
        (
            Record::new(MODEL, 1, &d, &[5_000, 5_000], B256::ZERO),
            AttributionZeroHash {}.abi_encode(),
        ),
        (
            ok.clone().data_bps(10_001),
            AttributionInvalidDataShare { dataBps: 10_001 }.abi_encode(),
        ),
        (
            Record::new(MODEL, 1, &[], &[], manifest(1)),
            invalid_lists(0, 0).abi_encode(),
        ),
        (
            Record::new(MODEL, 1, &d, &[10_000], manifest(1)),
            invalid_lists(2, 1).abi_encode(),
        ),
        (
            Record::new(MODEL, 1, &[d[0]], &[5_000, 5_000], manifest(1)),
            invalid_lists(1, 2).abi_encode(),
        ),
        (
            Record::new(MODEL, 1, &[0, d[0]], &[5_000, 5_000], manifest(1)),
            invalid_datanet(0).abi_encode(),
        ),
        (
            Record::new(MODEL, 1, &[d[1], d[1]], &[5_000, 5_000], manifest(1)),
            invalid_datanet(d[1]).abi_encode(),
        ),
        (
            Record::new(MODEL, 1, &d, &[10_000, 0], manifest(1)),
            invalid_weights(d[1], 10_000).abi_encode(),
        ),
        (
            Record::new(MODEL, 1, &d, &[5_000, 4_999], manifest(1)),
            invalid_weights(0, 9_999).abi_encode(),
        ),
        (
            Record::new(MODEL, 1, &d, &[5_000, 5_001], manifest(1)),
            invalid_weights(0, 10_001).abi_encode(),
        ),
        (
            Record::new(MODEL, 1, &d, &[u16::MAX, u16::MAX], manifest(1)),
            invalid_weights(0, 2 * 65_535).abi_encode(),
        ),
    ];
    for (rec, expected) in cases {
        let err = try_record(&attribution, &rec).unwrap_err();
        assert_eq!(Vec::<u8>::from(err), expected, "{rec:?}");
    }
    // A caller without the market role.
    assert_error(
        try_record_as(&attribution, stranger, &ok).unwrap_err(),
        unauthorized(stranger, market_role()),
    );
    // Nothing was recorded or emitted along the way.
    assert!(training(&attribution, MODEL, 1).is_err());
    assert!(attribution
        .all_events()
        .iter()
        .all(|log| log.topics()[0] != TrainingRecorded::SIGNATURE_HASH));
    record(&attribution, &ok);
}

// ------------------------------------------------- checks against the registry

#[motsu::test]
fn unknown_datanets_are_rejected(
    attribution: Contract<Attribution>,
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
) {
    deploy(&attribution, &registry, &splitter);
    let d = create_datanets(&registry, 2);
    let unknown = d[1] + 1;
    let rec = Record::new(MODEL, 1, &[d[0], unknown], &[5_000, 5_000], manifest(1));
    assert_error(
        try_record(&attribution, &rec).unwrap_err(),
        AttributionUnknownDatanet {
            datanetId: U256::from(unknown),
        },
    );
    // Once the registry has it, the same record goes through.
    assert_eq!(create_datanet(&registry, DATA_BPS), unknown);
    record(&attribution, &rec);
}

#[motsu::test]
fn paused_and_closed_datanets_are_rejected(
    attribution: Contract<Attribution>,
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
) {
    deploy(&attribution, &registry, &splitter);
    let d = create_datanets(&registry, 2);
    let rec = |version: u64| Record::new(MODEL, version, &d, &[5_000, 5_000], manifest(1));

    set_datanet_status(&registry, d[1], DATANET_PAUSED);
    assert_eq!(datanet_terms(&registry, d[1]).0, DATANET_PAUSED);
    assert_error(
        try_record(&attribution, &rec(1)).unwrap_err(),
        AttributionDatanetNotActive {
            datanetId: U256::from(d[1]),
            status: DATANET_PAUSED,
        },
    );
    set_datanet_status(&registry, d[1], DATANET_ACTIVE);
    record(&attribution, &rec(1));

    set_datanet_status(&registry, d[0], DATANET_CLOSED);
    assert_error(
        try_record(&attribution, &rec(2)).unwrap_err(),
        AttributionDatanetNotActive {
            datanetId: U256::from(d[0]),
            status: DATANET_CLOSED,
        },
    );
    // A recorded version stays as it was when its datanet closes.
    assert_eq!(training(&attribution, MODEL, 1).unwrap(), rec(1).view());
}

#[motsu::test]
fn data_share_must_meet_every_datanets_minimum(
    attribution: Contract<Attribution>,
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
) {
    deploy(&attribution, &registry, &splitter);
    let low = create_datanet(&registry, 2_000);
    let high = create_datanet(&registry, 4_000);
    let free = create_datanet(&registry, 0);
    assert_eq!(datanet_terms(&registry, high), (DATANET_ACTIVE, 4_000));
    let both = |version: u64, data_bps: u16| {
        Record::new(MODEL, version, &[low, high], &[7_000, 3_000], manifest(1)).data_bps(data_bps)
    };

    assert_error(
        try_record(&attribution, &both(1, 3_999)).unwrap_err(),
        AttributionDataShareTooLow {
            datanetId: U256::from(high),
            dataBps: 3_999,
            minDataShareBps: 4_000,
        },
    );
    assert_error(
        try_record(&attribution, &both(1, 1_999)).unwrap_err(),
        AttributionDataShareTooLow {
            datanetId: U256::from(low),
            dataBps: 1_999,
            minDataShareBps: 2_000,
        },
    );
    // Exactly the highest minimum is enough.
    record(&attribution, &both(1, 4_000));
    // A datanet without a minimum takes any share, even none.
    record(
        &attribution,
        &Record::new(MODEL, 2, &[free], &[10_000], manifest(2)).data_bps(0),
    );
    record(
        &attribution,
        &Record::new(MODEL, 3, &[free, low], &[5_000, 5_000], manifest(3)).data_bps(10_000),
    );
}

#[motsu::test]
fn a_registry_answering_too_little_is_a_peer_failure(
    attribution: Contract<Attribution>,
    short: Contract<ShortRegistry>,
    splitter: Contract<RewardSplitter>,
) {
    attribution
        .sender(ADMIN)
        .constructor(ADMIN, short.address(), splitter.address())
        .motsu_unwrap();
    attribution
        .sender(ADMIN)
        .grant_role(market_role(), MARKET)
        .motsu_unwrap();
    let rec = Record::new(MODEL, 1, &[1], &[10_000], manifest(1));
    assert_error(
        try_record(&attribution, &rec).unwrap_err(),
        AttributionPeerCallFailed {
            peer: short.address(),
        },
    );
}

// ------------------------------------------------------- manifest proofs

/// `@openzeppelin/merkle-tree` dumped this `standard-v1` tree (leaf
/// encoding `["address", "uint256"]`, values `(0x80d6…bE0c, 0..=2)`, so
/// three leaves: not a perfect tree). The test's builder rebuilds it node
/// for node.
#[test]
fn tree_builder_matches_openzeppelin_js() {
    use alloy_sol_types::SolValue;
    let owner = alloy_primitives::address!("80d628ff4AC2aFf620C3474663F1e559234bbE0c");
    let leaves: Vec<B256> = (0u64..3)
        .map(|v| attribution_support::standard_leaf(&(owner, U256::from(v)).abi_encode_params()))
        .collect();
    let tree = StandardTree::new(&leaves);
    assert_eq!(
        tree.nodes(),
        &[
            b256!("0fecce441c7468f17e3fe4a5f211b77a15b27c9ab3d33317df385dfbe5487034"),
            b256!("636ab2686ee3036244cf3d6b5574e051e4b20a3577b008975dbcca6dde2897d2"),
            b256!("d90245da324d7908326a3d56a9659741551a4603c397bf4dd373976bd85660e7"),
            b256!("36fb17c97ec80bb961ff0adff1af4a2a34847ecc40653c162e327117a76e3ec9"),
            b256!("1867c4ebd455913e429523a5c2d4b3a79f58068b5a25af911956245ed03a659d"),
        ]
    );
    for leaf in leaves {
        assert!(tree.verifies(leaf, &tree.proof(leaf)));
    }
}

/// Submits `count` contributions to `datanet` (bond 0) in batches of 64
/// and returns their ids.
fn submit_contributions(
    registry: &Contract<DatanetRegistry>,
    poet: Address,
    datanet: u64,
    count: u64,
) -> Vec<U256> {
    let mut ids = Vec::new();
    for start in (0..count).step_by(64) {
        let hashes: Vec<B256> = (start..count.min(start + 64))
            .map(common::content)
            .collect();
        let first = registry
            .sender(poet)
            .contribute_batch(U256::from(datanet), hashes.clone())
            .motsu_unwrap();
        ids.extend((0..hashes.len() as u64).map(|i| first + U256::from(i)));
    }
    ids
}

#[motsu::test]
fn contribution_proofs_against_a_manifest_of_1000_contributions(
    attribution: Contract<Attribution>,
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    poet: Address,
) {
    deploy(&attribution, &registry, &splitter);
    let datanet = create_datanet(&registry, DATA_BPS);
    let contributions = submit_contributions(&registry, poet, datanet, 1_010);
    assert_eq!(contributions.len(), 1_010);
    // Version 1 was trained on the first 1,000; the last 10 came later.
    let used = &contributions[..1_000];
    let tree = StandardTree::new(
        &used
            .iter()
            .map(|&c| contribution_leaf(c))
            .collect::<Vec<_>>(),
    );
    record(
        &attribution,
        &Record::new(MODEL, 1, &[datanet], &[10_000], tree.root()),
    );
    let in_model = |version: u64, id: U256, proof: Vec<B256>| {
        attribution
            .sender(VIEWER)
            .contribution_in_model(U256::from(MODEL), U256::from(version), id, proof)
            .motsu_res()
    };

    for &id in [used[0], used[1], used[499], used[998], used[999]].iter() {
        let proof = tree.proof(contribution_leaf(id));
        assert!(proof.len() >= 9 && proof.len() <= 10);
        assert!(in_model(1, id, proof.clone()).unwrap(), "contribution {id}");

        // The same proof does not prove a neighbouring id, a tampered proof
        // or a shortened one proves nothing.
        assert!(!in_model(1, id + U256::from(1_000), proof.clone()).unwrap());
        let mut tampered = proof.clone();
        tampered[3] = B256::repeat_byte(0x42);
        assert!(!in_model(1, id, tampered).unwrap());
        assert!(!in_model(1, id, proof[..proof.len() - 1].to_vec()).unwrap());
    }
    // A contribution submitted after training has no proof; the proof of
    // another contribution does not help it.
    let late = contributions[1_005];
    assert!(!in_model(1, late, tree.proof(contribution_leaf(used[7]))).unwrap());
    assert!(!in_model(1, late, vec![]).unwrap());

    // Version 2 trained on all 1,010: the late one is in it, and version 1
    // proofs do not carry over.
    let tree2 = StandardTree::new(
        &contributions
            .iter()
            .map(|&c| contribution_leaf(c))
            .collect::<Vec<_>>(),
    );
    record(
        &attribution,
        &Record::new(MODEL, 2, &[datanet], &[10_000], tree2.root()),
    );
    assert!(in_model(2, late, tree2.proof(contribution_leaf(late))).unwrap());
    assert!(!in_model(2, used[0], tree.proof(contribution_leaf(used[0]))).unwrap());

    // Unknown version; proofs longer than 64 hashes.
    assert_error(
        in_model(3, used[0], vec![]).unwrap_err(),
        AttributionUnknownTraining {
            modelId: U256::from(MODEL),
            version: U256::from(3),
        },
    );
    assert_error(
        in_model(1, used[0], vec![B256::ZERO; MAX_PROOF_LEN + 1]).unwrap_err(),
        AttributionProofTooLong {
            length: U256::from(MAX_PROOF_LEN + 1),
            maxLength: U256::from(MAX_PROOF_LEN),
        },
    );
}

#[motsu::test]
fn datanet_ids_in_the_view_keep_the_markets_order(
    attribution: Contract<Attribution>,
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
) {
    deploy(&attribution, &registry, &splitter);
    let d = create_datanets(&registry, 4);
    let order = [d[3], d[0], d[2], d[1]];
    let rec = Record::new(MODEL, 1, &order, &[1, 2, 3, 9_994], manifest(9));
    record(&attribution, &rec);
    let (_, _, datanets, weights) = training(&attribution, MODEL, 1).unwrap();
    assert_eq!(datanets, ids(&order));
    assert_eq!(weights, vec![1, 2, 3, 9_994]);
}
