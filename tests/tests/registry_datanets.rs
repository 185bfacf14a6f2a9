//! `datanet_registry`: constructor, datanet creation, metadata, license,
//! status and two-step ownership.
mod common;
mod registry_support;

use alloy_primitives::{uint, Address, B256, U256};
use datanet_registry::{
    DatanetCreated, DatanetMetadataUpdated, DatanetOwnershipTransferStarted,
    DatanetOwnershipTransferred, DatanetRegistry, DatanetStatusChanged, RegistryConfigured,
    DATANET_ACTIVE, DATANET_CLOSED, DATANET_PAUSED, MAX_COOLDOWN, MAX_QUORUM, MAX_TEXT_LEN,
    REVIEW_OWNER, REVIEW_VALIDATORS,
};
use integration_tests::MockErc20;
use motsu::prelude::*;
use registry_support::{
    datanet_count, datanet_view, events_of, expect_err, metadata_of, snapshot, text, DatanetView,
    Terms,
};
use reward_splitter::RewardSplitter;

use common::{deploy_native, COOLDOWN};

// ---------------------------------------------------------------- constructor

#[motsu::test]
fn constructor_stores_config(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    token: Contract<MockErc20>,
    admin: Address,
) {
    registry
        .sender(admin)
        .constructor(splitter.address(), token.address(), COOLDOWN)
        .motsu_unwrap();
    // Wiring, then no datanets and no contributions yet.
    assert_eq!(
        registry.sender(admin).config(),
        (
            splitter.address(),
            token.address(),
            COOLDOWN,
            U256::ZERO,
            U256::ZERO
        )
    );
    registry.assert_emitted(&RegistryConfigured {
        splitter: splitter.address(),
        stakeToken: token.address(),
        unstakeCooldown: COOLDOWN,
    });
}

#[motsu::test]
fn constructor_accepts_native_token_and_max_cooldown(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    admin: Address,
) {
    registry
        .sender(admin)
        .constructor(splitter.address(), Address::ZERO, MAX_COOLDOWN)
        .motsu_unwrap();
    assert_eq!(
        registry.sender(admin).config(),
        (
            splitter.address(),
            Address::ZERO,
            MAX_COOLDOWN,
            U256::ZERO,
            U256::ZERO
        )
    );
}

#[motsu::test]
fn constructor_rejects_zero_splitter(registry: Contract<DatanetRegistry>, admin: Address) {
    expect_err!(
        registry
            .sender(admin)
            .constructor(Address::ZERO, Address::ZERO, COOLDOWN),
        ZeroAddress
    );
    assert_eq!(
        registry.sender(admin).config(),
        (Address::ZERO, Address::ZERO, 0, U256::ZERO, U256::ZERO)
    );
}

#[motsu::test]
fn constructor_rejects_cooldown_above_max(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    admin: Address,
) {
    let err = expect_err!(
        registry
            .sender(admin)
            .constructor(splitter.address(), Address::ZERO, MAX_COOLDOWN + 1),
        InvalidCooldown
    );
    assert_eq!(err.cooldown, MAX_COOLDOWN + 1);
    let err = expect_err!(
        registry
            .sender(admin)
            .constructor(splitter.address(), Address::ZERO, u64::MAX),
        InvalidCooldown
    );
    assert_eq!(err.cooldown, u64::MAX);
    // Nothing was stored by the failed constructors.
    assert_eq!(
        registry.sender(admin).config(),
        (Address::ZERO, Address::ZERO, 0, U256::ZERO, U256::ZERO)
    );
}

// -------------------------------------------------------------- create_datanet

#[motsu::test]
fn create_datanet_returns_sequential_ids_and_stores_terms(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    alice: Address,
    bob: Address,
) {
    deploy_native(&registry, &splitter, alice, COOLDOWN);
    assert_eq!(datanet_count(&registry), U256::ZERO);

    let owner_terms = Terms::owner(uint!(7_U256));
    let first = owner_terms.create(&registry, alice).motsu_unwrap();
    assert_eq!(first, U256::from(1));
    assert_eq!(datanet_count(&registry), U256::from(1));

    let validator_terms = Terms::validators(3, uint!(500_U256), uint!(9_U256));
    let second = validator_terms.create(&registry, bob).motsu_unwrap();
    assert_eq!(second, U256::from(2));

    let third = owner_terms.create(&registry, alice).motsu_unwrap();
    assert_eq!(third, U256::from(3));
    assert_eq!(datanet_count(&registry), U256::from(3));

    assert_eq!(
        datanet_view(&registry, first),
        DatanetView {
            owner: alice,
            pending_owner: Address::ZERO,
            status: DATANET_ACTIVE,
            review_mode: REVIEW_OWNER,
            quorum: 0,
            slash_bps: 0,
            min_data_share_bps: 2_500,
            min_stake: U256::ZERO,
            bond: uint!(7_U256),
        }
    );
    assert_eq!(
        datanet_view(&registry, second),
        DatanetView {
            owner: bob,
            pending_owner: Address::ZERO,
            status: DATANET_ACTIVE,
            review_mode: REVIEW_VALIDATORS,
            quorum: 3,
            slash_bps: 1_500,
            min_data_share_bps: 4_000,
            min_stake: uint!(500_U256),
            bond: uint!(9_U256),
        }
    );
    assert_eq!(
        metadata_of(&registry, first),
        (
            owner_terms.uri.clone(),
            owner_terms.hash,
            owner_terms.license.clone()
        )
    );
    assert_eq!(
        metadata_of(&registry, second),
        (
            validator_terms.uri.clone(),
            validator_terms.hash,
            validator_terms.license.clone()
        )
    );
}

#[motsu::test]
fn create_datanet_emits_created_and_metadata_events(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    alice: Address,
) {
    deploy_native(&registry, &splitter, alice, COOLDOWN);
    let terms = Terms::validators(2, uint!(1234_U256), uint!(56_U256));
    let id = terms.create(&registry, alice).motsu_unwrap();

    registry.assert_emitted(&DatanetCreated {
        datanetId: id,
        owner: alice,
        reviewMode: REVIEW_VALIDATORS,
        quorum: 2,
        minStake: uint!(1234_U256),
        contributorBond: uint!(56_U256),
        slashBps: 1_500,
        minDataShareBps: 4_000,
    });
    // The metadata event carries the license too.
    registry.assert_emitted(&DatanetMetadataUpdated {
        datanetId: id,
        metadataUri: terms.uri.clone(),
        metadataHash: terms.hash,
        license: terms.license.clone(),
    });
    // After the constructor's event, exactly these two, in this order.
    let logs = registry.all_events();
    assert_eq!(logs.len(), 3);
    assert_eq!(
        logs[0].topics()[0],
        <RegistryConfigured as alloy_sol_types::SolEvent>::SIGNATURE_HASH
    );
    assert_eq!(
        logs[1].topics()[0],
        <DatanetCreated as alloy_sol_types::SolEvent>::SIGNATURE_HASH
    );
    assert_eq!(
        logs[2].topics()[0],
        <DatanetMetadataUpdated as alloy_sol_types::SolEvent>::SIGNATURE_HASH
    );
}

#[motsu::test]
fn create_datanet_accepts_boundary_values(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    alice: Address,
) {
    deploy_native(&registry, &splitter, alice, COOLDOWN);
    let mut terms = Terms::validators(MAX_QUORUM, U256::MAX, U256::ZERO);
    terms.uri = text(MAX_TEXT_LEN);
    terms.license = text(MAX_TEXT_LEN);
    terms.slash_bps = 10_000;
    terms.min_data_share_bps = 10_000;
    let id = terms.create(&registry, alice).motsu_unwrap();
    let view = datanet_view(&registry, id);
    assert_eq!(view.quorum, MAX_QUORUM);
    assert_eq!(view.min_stake, U256::MAX);
    assert_eq!(view.bond, U256::ZERO);
    assert_eq!(view.slash_bps, 10_000);
    assert_eq!(view.min_data_share_bps, 10_000);
    let (uri, _, license) = metadata_of(&registry, id);
    assert_eq!(uri.len(), MAX_TEXT_LEN);
    assert_eq!(license.len(), MAX_TEXT_LEN);

    // Smallest valid validator terms: quorum 1, stake 1, zero bps.
    let mut terms = Terms::validators(1, U256::from(1), U256::ZERO);
    terms.slash_bps = 0;
    terms.min_data_share_bps = 0;
    terms.uri = "u".into();
    terms.license = "l".into();
    assert_eq!(terms.create(&registry, alice).motsu_unwrap(), U256::from(2));
}

/// Runs `create_datanet` with `terms`, expects it to fail, and checks that no
/// datanet and no event appeared.
fn assert_create_fails_cleanly(
    registry: &Contract<DatanetRegistry>,
    alice: Address,
    terms: &Terms,
) -> datanet_registry::Error {
    let before = snapshot(registry, &[]);
    let err = terms.create(registry, alice).motsu_unwrap_err();
    assert_eq!(
        snapshot(registry, &[]),
        before,
        "failed create changed state: {terms:?}"
    );
    err
}

#[motsu::test]
fn create_datanet_rejects_bad_metadata_uri(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    alice: Address,
) {
    deploy_native(&registry, &splitter, alice, COOLDOWN);
    for len in [0, MAX_TEXT_LEN + 1, 1_000] {
        let mut terms = Terms::owner(U256::ZERO);
        terms.uri = text(len);
        let err = expect_err!(terms.create(&registry, alice), InvalidUri);
        assert_eq!(err.length, U256::from(len));
        assert_create_fails_cleanly(&registry, alice, &terms);
    }
    assert_eq!(datanet_count(&registry), U256::ZERO);
}

#[motsu::test]
fn create_datanet_rejects_zero_metadata_hash(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    alice: Address,
) {
    deploy_native(&registry, &splitter, alice, COOLDOWN);
    let mut terms = Terms::validators(1, U256::from(1), U256::ZERO);
    terms.hash = B256::ZERO;
    expect_err!(terms.create(&registry, alice), ZeroHash);
    assert_create_fails_cleanly(&registry, alice, &terms);
    assert_eq!(datanet_count(&registry), U256::ZERO);
}

#[motsu::test]
fn create_datanet_rejects_bad_license(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    alice: Address,
) {
    deploy_native(&registry, &splitter, alice, COOLDOWN);
    for len in [0, MAX_TEXT_LEN + 1] {
        let mut terms = Terms::owner(U256::ZERO);
        terms.license = text(len);
        let err = expect_err!(terms.create(&registry, alice), InvalidLicense);
        assert_eq!(err.length, U256::from(len));
        assert_create_fails_cleanly(&registry, alice, &terms);
    }
}

#[motsu::test]
fn create_datanet_rejects_unknown_review_mode(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    alice: Address,
) {
    deploy_native(&registry, &splitter, alice, COOLDOWN);
    for mode in [2u8, 3, u8::MAX] {
        let mut terms = Terms::owner(U256::ZERO);
        terms.mode = mode;
        let err = expect_err!(terms.create(&registry, alice), InvalidReviewMode);
        assert_eq!(err.mode, mode);
        assert_create_fails_cleanly(&registry, alice, &terms);
    }
}

#[motsu::test]
fn create_datanet_rejects_bad_quorum(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    alice: Address,
) {
    deploy_native(&registry, &splitter, alice, COOLDOWN);
    // Owner review takes no quorum.
    for quorum in [1u8, MAX_QUORUM] {
        let mut terms = Terms::owner(U256::ZERO);
        terms.quorum = quorum;
        let err = expect_err!(terms.create(&registry, alice), InvalidQuorum);
        assert_eq!(err.quorum, quorum);
    }
    // Validator review needs 1..=MAX_QUORUM.
    for quorum in [0u8, MAX_QUORUM + 1, u8::MAX] {
        let terms = Terms::validators(quorum, U256::from(1), U256::ZERO);
        let err = expect_err!(terms.create(&registry, alice), InvalidQuorum);
        assert_eq!(err.quorum, quorum);
        assert_create_fails_cleanly(&registry, alice, &terms);
    }
    assert_eq!(datanet_count(&registry), U256::ZERO);
}

#[motsu::test]
fn create_datanet_rejects_bad_min_stake(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    alice: Address,
) {
    deploy_native(&registry, &splitter, alice, COOLDOWN);
    // Owner review takes no minimum stake.
    let mut terms = Terms::owner(U256::ZERO);
    terms.min_stake = U256::from(1);
    let err = expect_err!(terms.create(&registry, alice), InvalidMinStake);
    assert_eq!(err.minStake, U256::from(1));
    assert_create_fails_cleanly(&registry, alice, &terms);
    // Validator review needs one.
    let terms = Terms::validators(2, U256::ZERO, U256::from(5));
    let err = expect_err!(terms.create(&registry, alice), InvalidMinStake);
    assert_eq!(err.minStake, U256::ZERO);
    assert_create_fails_cleanly(&registry, alice, &terms);
}

#[motsu::test]
fn create_datanet_rejects_bps_above_whole(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    alice: Address,
) {
    deploy_native(&registry, &splitter, alice, COOLDOWN);
    for bps in [10_001u16, u16::MAX] {
        let mut terms = Terms::validators(1, U256::from(1), U256::ZERO);
        terms.slash_bps = bps;
        let err = expect_err!(terms.create(&registry, alice), InvalidBps);
        assert_eq!(err.bps, bps);
        assert_create_fails_cleanly(&registry, alice, &terms);

        let mut terms = Terms::owner(U256::ZERO);
        terms.min_data_share_bps = bps;
        let err = expect_err!(terms.create(&registry, alice), InvalidBps);
        assert_eq!(err.bps, bps);
        assert_create_fails_cleanly(&registry, alice, &terms);
    }
    // Owner review also checks the slash rate (even though it never slashes).
    let mut terms = Terms::owner(U256::ZERO);
    terms.slash_bps = 10_001;
    let err = expect_err!(terms.create(&registry, alice), InvalidBps);
    assert_eq!(err.bps, 10_001);
}

// ------------------------------------------------------------- set_metadata

#[motsu::test]
fn set_metadata_replaces_uri_and_hash(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    alice: Address,
) {
    deploy_native(&registry, &splitter, alice, COOLDOWN);
    let terms = Terms::owner(U256::from(3));
    let id = terms.create(&registry, alice).motsu_unwrap();
    let before = datanet_view(&registry, id);
    let events = registry.all_events().len();

    let new_hash = B256::repeat_byte(0x5A);
    registry
        .sender(alice)
        .set_metadata(
            id,
            "ar://new-metadata".into(),
            new_hash,
            terms.license.clone(),
        )
        .motsu_unwrap();
    assert_eq!(
        metadata_of(&registry, id),
        (
            "ar://new-metadata".to_string(),
            new_hash,
            terms.license.clone()
        )
    );
    registry.assert_emitted(&DatanetMetadataUpdated {
        datanetId: id,
        metadataUri: "ar://new-metadata".into(),
        metadataHash: new_hash,
        license: terms.license.clone(),
    });
    // One event per update.
    assert_eq!(registry.all_events().len(), events + 1);
    // Terms are untouched.
    assert_eq!(datanet_view(&registry, id), before);

    // A maximal URI is fine.
    registry
        .sender(alice)
        .set_metadata(id, text(MAX_TEXT_LEN), new_hash, terms.license.clone())
        .motsu_unwrap();
    assert_eq!(metadata_of(&registry, id).0, text(MAX_TEXT_LEN));
}

#[motsu::test]
fn set_metadata_rejects_bad_callers_ids_and_values(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    alice: Address,
    mallory: Address,
) {
    deploy_native(&registry, &splitter, alice, COOLDOWN);
    let terms = Terms::owner(U256::ZERO);
    let id = terms.create(&registry, alice).motsu_unwrap();
    let original = metadata_of(&registry, id);
    let events = registry.all_events().len();

    let err = expect_err!(
        registry.sender(mallory).set_metadata(
            id,
            "ipfs://evil".into(),
            B256::repeat_byte(1),
            "MIT".into()
        ),
        NotDatanetOwner
    );
    assert_eq!((err.datanetId, err.account), (id, mallory));

    for unknown in [U256::ZERO, id + U256::from(1), U256::MAX] {
        let err = expect_err!(
            registry.sender(alice).set_metadata(
                unknown,
                "ipfs://x".into(),
                B256::repeat_byte(1),
                "MIT".into()
            ),
            UnknownDatanet
        );
        assert_eq!(err.datanetId, unknown);
    }

    let err = expect_err!(
        registry
            .sender(alice)
            .set_metadata(id, String::new(), B256::repeat_byte(1), "MIT".into()),
        InvalidUri
    );
    assert_eq!(err.length, U256::ZERO);
    let err = expect_err!(
        registry.sender(alice).set_metadata(
            id,
            text(MAX_TEXT_LEN + 1),
            B256::repeat_byte(1),
            "MIT".into()
        ),
        InvalidUri
    );
    assert_eq!(err.length, U256::from(MAX_TEXT_LEN + 1));
    expect_err!(
        registry
            .sender(alice)
            .set_metadata(id, "ipfs://ok".into(), B256::ZERO, "MIT".into()),
        ZeroHash
    );

    assert_eq!(metadata_of(&registry, id), original);
    assert_eq!(registry.all_events().len(), events);
}

// ------------------------------------------------- set_metadata: the license

#[motsu::test]
fn set_metadata_replaces_license(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    alice: Address,
) {
    deploy_native(&registry, &splitter, alice, COOLDOWN);
    let terms = Terms::owner(U256::ZERO);
    let id = terms.create(&registry, alice).motsu_unwrap();
    let custom = "https://example.org/licenses/poetry-v2".to_string();
    registry
        .sender(alice)
        .set_metadata(id, terms.uri.clone(), terms.hash, custom.clone())
        .motsu_unwrap();
    assert_eq!(
        metadata_of(&registry, id),
        (terms.uri.clone(), terms.hash, custom.clone())
    );
    registry.assert_emitted(&DatanetMetadataUpdated {
        datanetId: id,
        metadataUri: terms.uri.clone(),
        metadataHash: terms.hash,
        license: custom,
    });
    registry
        .sender(alice)
        .set_metadata(id, terms.uri.clone(), terms.hash, text(MAX_TEXT_LEN))
        .motsu_unwrap();
    assert_eq!(metadata_of(&registry, id).2, text(MAX_TEXT_LEN));
}

#[motsu::test]
fn set_metadata_rejects_bad_license_callers_and_ids(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    alice: Address,
    mallory: Address,
) {
    deploy_native(&registry, &splitter, alice, COOLDOWN);
    let terms = Terms::owner(U256::ZERO);
    let id = terms.create(&registry, alice).motsu_unwrap();
    let original = metadata_of(&registry, id);
    let events = registry.all_events().len();

    let err = expect_err!(
        registry
            .sender(mallory)
            .set_metadata(id, terms.uri.clone(), terms.hash, "GPL-3.0".into()),
        NotDatanetOwner
    );
    assert_eq!((err.datanetId, err.account), (id, mallory));
    for unknown in [U256::ZERO, id + U256::from(1)] {
        let err = expect_err!(
            registry.sender(alice).set_metadata(
                unknown,
                terms.uri.clone(),
                terms.hash,
                "GPL-3.0".into()
            ),
            UnknownDatanet
        );
        assert_eq!(err.datanetId, unknown);
    }
    for len in [0, MAX_TEXT_LEN + 1] {
        let err = expect_err!(
            registry
                .sender(alice)
                .set_metadata(id, terms.uri.clone(), terms.hash, text(len)),
            InvalidLicense
        );
        assert_eq!(err.length, U256::from(len));
    }
    assert_eq!(metadata_of(&registry, id), original);
    assert_eq!(registry.all_events().len(), events);
}

// --------------------------------------------------------------- set_status

#[motsu::test]
fn set_status_pauses_resumes_and_closes(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    alice: Address,
) {
    deploy_native(&registry, &splitter, alice, COOLDOWN);
    let id = Terms::owner(U256::ZERO)
        .create(&registry, alice)
        .motsu_unwrap();
    assert_eq!(datanet_view(&registry, id).status, DATANET_ACTIVE);

    for status in [DATANET_PAUSED, DATANET_ACTIVE, DATANET_CLOSED] {
        let before = registry.all_events().len();
        registry.sender(alice).set_status(id, status).motsu_unwrap();
        assert_eq!(datanet_view(&registry, id).status, status);
        assert_eq!(registry.all_events().len(), before + 1);
        assert_eq!(
            events_of::<DatanetStatusChanged>(&registry)
                .last()
                .map(|e| (e.datanetId, e.status)),
            Some((id, status))
        );
    }
}

#[motsu::test]
fn set_status_closes_a_paused_datanet(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    alice: Address,
) {
    deploy_native(&registry, &splitter, alice, COOLDOWN);
    let id = Terms::owner(U256::ZERO)
        .create(&registry, alice)
        .motsu_unwrap();
    registry
        .sender(alice)
        .set_status(id, DATANET_PAUSED)
        .motsu_unwrap();
    registry
        .sender(alice)
        .set_status(id, DATANET_CLOSED)
        .motsu_unwrap();
    registry.assert_emitted(&DatanetStatusChanged {
        datanetId: id,
        status: DATANET_CLOSED,
    });
    assert_eq!(datanet_view(&registry, id).status, DATANET_CLOSED);
}

#[motsu::test]
fn set_status_rejects_unknown_and_repeated_status(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    alice: Address,
) {
    deploy_native(&registry, &splitter, alice, COOLDOWN);
    let id = Terms::owner(U256::ZERO)
        .create(&registry, alice)
        .motsu_unwrap();
    let events = registry.all_events().len();
    for status in [3u8, 4, u8::MAX] {
        let err = expect_err!(registry.sender(alice).set_status(id, status), InvalidStatus);
        assert_eq!(err.status, status);
    }
    // Same status.
    let err = expect_err!(
        registry.sender(alice).set_status(id, DATANET_ACTIVE),
        InvalidStatus
    );
    assert_eq!(err.status, DATANET_ACTIVE);
    assert_eq!(registry.all_events().len(), events);
    assert_eq!(datanet_view(&registry, id).status, DATANET_ACTIVE);

    registry
        .sender(alice)
        .set_status(id, DATANET_PAUSED)
        .motsu_unwrap();
    let err = expect_err!(
        registry.sender(alice).set_status(id, DATANET_PAUSED),
        InvalidStatus
    );
    assert_eq!(err.status, DATANET_PAUSED);
    assert_eq!(datanet_view(&registry, id).status, DATANET_PAUSED);
}

#[motsu::test]
fn set_status_rejects_any_change_after_close(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    alice: Address,
) {
    deploy_native(&registry, &splitter, alice, COOLDOWN);
    let id = Terms::owner(U256::ZERO)
        .create(&registry, alice)
        .motsu_unwrap();
    registry
        .sender(alice)
        .set_status(id, DATANET_CLOSED)
        .motsu_unwrap();
    let events = registry.all_events().len();
    for status in [DATANET_ACTIVE, DATANET_PAUSED, DATANET_CLOSED, 3] {
        let err = expect_err!(registry.sender(alice).set_status(id, status), InvalidStatus);
        assert_eq!(err.status, status);
    }
    assert_eq!(datanet_view(&registry, id).status, DATANET_CLOSED);
    assert_eq!(registry.all_events().len(), events);
}

#[motsu::test]
fn set_status_rejects_non_owner_and_unknown_datanet(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    alice: Address,
    mallory: Address,
) {
    deploy_native(&registry, &splitter, alice, COOLDOWN);
    let id = Terms::owner(U256::ZERO)
        .create(&registry, alice)
        .motsu_unwrap();
    let err = expect_err!(
        registry.sender(mallory).set_status(id, DATANET_PAUSED),
        NotDatanetOwner
    );
    assert_eq!((err.datanetId, err.account), (id, mallory));
    for unknown in [U256::ZERO, id + U256::from(1)] {
        let err = expect_err!(
            registry.sender(alice).set_status(unknown, DATANET_PAUSED),
            UnknownDatanet
        );
        assert_eq!(err.datanetId, unknown);
    }
    assert_eq!(datanet_view(&registry, id).status, DATANET_ACTIVE);
}

// ------------------------------------------------------------------ ownership

#[motsu::test]
fn ownership_moves_in_two_steps(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    alice: Address,
    bob: Address,
) {
    deploy_native(&registry, &splitter, alice, COOLDOWN);
    let id = Terms::owner(U256::ZERO)
        .create(&registry, alice)
        .motsu_unwrap();

    registry
        .sender(alice)
        .transfer_ownership(id, bob)
        .motsu_unwrap();
    registry.assert_emitted(&DatanetOwnershipTransferStarted {
        datanetId: id,
        previousOwner: alice,
        newOwner: bob,
    });
    let view = datanet_view(&registry, id);
    assert_eq!((view.owner, view.pending_owner), (alice, bob));

    // Until bob accepts, alice keeps the owner rights and bob has none.
    let err = expect_err!(
        registry.sender(bob).set_status(id, DATANET_PAUSED),
        NotDatanetOwner
    );
    assert_eq!(err.account, bob);
    registry
        .sender(alice)
        .set_metadata(
            id,
            "ipfs://alice".into(),
            B256::repeat_byte(8),
            "Apache-2.0".into(),
        )
        .motsu_unwrap();

    registry.sender(bob).accept_ownership(id).motsu_unwrap();
    registry.assert_emitted(&DatanetOwnershipTransferred {
        datanetId: id,
        previousOwner: alice,
        newOwner: bob,
    });
    let view = datanet_view(&registry, id);
    assert_eq!((view.owner, view.pending_owner), (bob, Address::ZERO));

    // Alice lost every owner right.
    let err = expect_err!(
        registry.sender(alice).set_status(id, DATANET_PAUSED),
        NotDatanetOwner
    );
    assert_eq!((err.datanetId, err.account), (id, alice));
    let err = expect_err!(
        registry.sender(alice).set_metadata(
            id,
            "ipfs://x".into(),
            B256::repeat_byte(9),
            "Apache-2.0".into()
        ),
        NotDatanetOwner
    );
    assert_eq!(err.account, alice);
    // Not even a license-only change.
    expect_err!(
        registry.sender(alice).set_metadata(
            id,
            "ipfs://alice".into(),
            B256::repeat_byte(8),
            "MIT".into()
        ),
        NotDatanetOwner
    );
    expect_err!(
        registry.sender(alice).transfer_ownership(id, alice),
        NotDatanetOwner
    );

    // Bob has them all.
    registry
        .sender(bob)
        .set_status(id, DATANET_PAUSED)
        .motsu_unwrap();
    registry
        .sender(bob)
        .set_metadata(id, "ipfs://bob".into(), B256::repeat_byte(9), "MIT".into())
        .motsu_unwrap();
    assert_eq!(
        metadata_of(&registry, id),
        (
            "ipfs://bob".to_string(),
            B256::repeat_byte(9),
            "MIT".to_string()
        )
    );
    assert_eq!(datanet_view(&registry, id).status, DATANET_PAUSED);

    // The acceptance is single-use.
    let err = expect_err!(registry.sender(bob).accept_ownership(id), NotPendingOwner);
    assert_eq!((err.datanetId, err.account), (id, bob));
}

#[motsu::test]
fn transfer_to_zero_cancels_pending_transfer(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    alice: Address,
    bob: Address,
) {
    deploy_native(&registry, &splitter, alice, COOLDOWN);
    let id = Terms::owner(U256::ZERO)
        .create(&registry, alice)
        .motsu_unwrap();
    registry
        .sender(alice)
        .transfer_ownership(id, bob)
        .motsu_unwrap();
    registry
        .sender(alice)
        .transfer_ownership(id, Address::ZERO)
        .motsu_unwrap();
    registry.assert_emitted(&DatanetOwnershipTransferStarted {
        datanetId: id,
        previousOwner: alice,
        newOwner: Address::ZERO,
    });
    assert_eq!(datanet_view(&registry, id).pending_owner, Address::ZERO);

    let err = expect_err!(registry.sender(bob).accept_ownership(id), NotPendingOwner);
    assert_eq!((err.datanetId, err.account), (id, bob));
    assert_eq!(datanet_view(&registry, id).owner, alice);
    assert!(events_of::<DatanetOwnershipTransferred>(&registry).is_empty());
}

#[motsu::test]
fn a_new_transfer_replaces_the_pending_owner(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    alice: Address,
    bob: Address,
    carol: Address,
) {
    deploy_native(&registry, &splitter, alice, COOLDOWN);
    let id = Terms::owner(U256::ZERO)
        .create(&registry, alice)
        .motsu_unwrap();
    registry
        .sender(alice)
        .transfer_ownership(id, bob)
        .motsu_unwrap();
    registry
        .sender(alice)
        .transfer_ownership(id, carol)
        .motsu_unwrap();
    assert_eq!(datanet_view(&registry, id).pending_owner, carol);
    let err = expect_err!(registry.sender(bob).accept_ownership(id), NotPendingOwner);
    assert_eq!(err.account, bob);
    registry.sender(carol).accept_ownership(id).motsu_unwrap();
    assert_eq!(datanet_view(&registry, id).owner, carol);
}

#[motsu::test]
fn accept_ownership_rejects_everyone_but_the_pending_owner(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    alice: Address,
    bob: Address,
    mallory: Address,
) {
    deploy_native(&registry, &splitter, alice, COOLDOWN);
    let id = Terms::owner(U256::ZERO)
        .create(&registry, alice)
        .motsu_unwrap();

    // No transfer pending: nobody can accept, not even the zero address
    // (which equals the empty pending owner slot).
    for who in [alice, bob, Address::ZERO] {
        let err = expect_err!(registry.sender(who).accept_ownership(id), NotPendingOwner);
        assert_eq!((err.datanetId, err.account), (id, who));
    }

    registry
        .sender(alice)
        .transfer_ownership(id, bob)
        .motsu_unwrap();
    let events = registry.all_events().len();
    for who in [mallory, alice] {
        let err = expect_err!(registry.sender(who).accept_ownership(id), NotPendingOwner);
        assert_eq!((err.datanetId, err.account), (id, who));
    }
    for unknown in [U256::ZERO, id + U256::from(1)] {
        let err = expect_err!(
            registry.sender(bob).accept_ownership(unknown),
            UnknownDatanet
        );
        assert_eq!(err.datanetId, unknown);
    }
    assert_eq!(registry.all_events().len(), events);
    let view = datanet_view(&registry, id);
    assert_eq!((view.owner, view.pending_owner), (alice, bob));
}

#[motsu::test]
fn transfer_ownership_rejects_non_owner_and_unknown_datanet(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    alice: Address,
    mallory: Address,
) {
    deploy_native(&registry, &splitter, alice, COOLDOWN);
    let id = Terms::owner(U256::ZERO)
        .create(&registry, alice)
        .motsu_unwrap();
    let err = expect_err!(
        registry.sender(mallory).transfer_ownership(id, mallory),
        NotDatanetOwner
    );
    assert_eq!((err.datanetId, err.account), (id, mallory));
    for unknown in [U256::ZERO, id + U256::from(1)] {
        let err = expect_err!(
            registry.sender(alice).transfer_ownership(unknown, mallory),
            UnknownDatanet
        );
        assert_eq!(err.datanetId, unknown);
    }
    assert_eq!(datanet_view(&registry, id).pending_owner, Address::ZERO);
    assert!(events_of::<DatanetOwnershipTransferStarted>(&registry).is_empty());
}

// ---------------------------------------------------------------------- views

#[motsu::test]
fn datanet_views_reject_unknown_ids(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    alice: Address,
) {
    deploy_native(&registry, &splitter, alice, COOLDOWN);
    // No datanet yet: even id 1 is unknown.
    for unknown in [U256::ZERO, U256::from(1)] {
        let err = expect_err!(registry.sender(alice).datanet(unknown), UnknownDatanet);
        assert_eq!(err.datanetId, unknown);
    }
    let id = Terms::owner(U256::ZERO)
        .create(&registry, alice)
        .motsu_unwrap();
    // The known id reads back, metadata included.
    let view = registry.sender(alice).datanet(id).motsu_unwrap();
    assert_eq!(view.0, alice);
    assert_eq!(
        (view.9, view.10, view.11),
        (
            "ipfs://owner-datanet".to_string(),
            B256::repeat_byte(0x11),
            "MIT".to_string()
        )
    );
    for unknown in [U256::ZERO, id + U256::from(1), U256::MAX] {
        let err = expect_err!(registry.sender(alice).datanet(unknown), UnknownDatanet);
        assert_eq!(err.datanetId, unknown);
    }
}
