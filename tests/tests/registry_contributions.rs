//! `datanet_registry`: single and batch contributions (native and ERC-20
//! bonds), dedupe, and the contribution views.
mod common;
mod registry_support;

use alloy_primitives::{uint, Address, B256, U256};
use datanet_registry::{
    ContributionSubmitted, DatanetRegistry, DATANET_ACTIVE, DATANET_CLOSED, DATANET_PAUSED,
    MAX_BATCH, MAX_TEXT_LEN,
};
use integration_tests::MockErc20;
use motsu::prelude::*;
use registry_support::{
    contribution_count, contribution_view, events_of, expect_err, native_balance, pending_record,
    snapshot, text, Terms,
};
use reward_splitter::RewardSplitter;

use common::{
    content, contributor_weight, deploy_erc20, deploy_native, native_received, owner_datanet,
    pool_updates, validator_datanet, BOND, COOLDOWN,
};

/// Native funds given to every contributor.
const FUNDS: U256 = uint!(1_000_000_U256);

/// Deploys a native registry with one owner-reviewed datanet (bond [`BOND`])
/// and returns its id.
fn setup(
    registry: &Contract<DatanetRegistry>,
    splitter: &Contract<RewardSplitter>,
    owner: Address,
) -> U256 {
    deploy_native(registry, splitter, owner, COOLDOWN);
    owner_datanet(registry, owner, BOND)
}

fn id_of(registry: &Contract<DatanetRegistry>, datanet: U256, hash: B256) -> U256 {
    registry
        .sender(Address::ZERO)
        .contribution_id_of(datanet, hash)
}

// ------------------------------------------------------------------ contribute

#[motsu::test]
fn contribute_records_attribution_and_holds_the_bond(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    owner: Address,
    poet: Address,
) {
    let ds = setup(&registry, &splitter, owner);
    poet.fund(FUNDS);
    let hash = content(1);

    let id = registry
        .sender_and_value(poet, BOND)
        .contribute(ds, hash, "ipfs://poem-1".into())
        .motsu_unwrap();
    assert_eq!(id, U256::from(1));
    assert_eq!(
        contribution_view(&registry, id),
        pending_record(ds, poet, hash)
    );
    assert_eq!(contribution_view(&registry, id).submitted_at, 1_735_689_600);
    assert_eq!(id_of(&registry, ds, hash), id);
    assert_eq!(contribution_count(&registry), U256::from(1));
    registry.assert_emitted(&ContributionSubmitted {
        contributionId: id,
        datanetId: ds,
        contributor: poet,
        contentHash: hash,
        uri: "ipfs://poem-1".into(),
    });
    // The registry holds the bond; nothing went to the splitter.
    assert_eq!(native_balance(poet), FUNDS - BOND);
    assert_eq!(registry.balance(), BOND);
    assert_eq!(splitter.balance(), U256::ZERO);
    assert_eq!(native_received(&splitter), U256::ZERO);
    assert_eq!(pool_updates(&splitter), U256::ZERO);
    assert_eq!(contributor_weight(&splitter, ds, poet), U256::ZERO);

    let second = registry
        .sender_and_value(poet, BOND)
        .contribute(ds, content(2), String::new())
        .motsu_unwrap();
    assert_eq!(second, U256::from(2));
    assert_eq!(registry.balance(), BOND * U256::from(2));
    assert_eq!(native_balance(poet), FUNDS - BOND * U256::from(2));
    assert_eq!(events_of::<ContributionSubmitted>(&registry).len(), 2);
}

#[motsu::test]
fn contribution_ids_are_global_across_datanets_and_modes(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    owner: Address,
    poet: Address,
    painter: Address,
) {
    let ds_owner = setup(&registry, &splitter, owner);
    let ds_validators = validator_datanet(&registry, owner, 2);
    poet.fund(FUNDS);
    painter.fund(FUNDS);
    let a = registry
        .sender_and_value(poet, BOND)
        .contribute(ds_validators, content(1), "a".into())
        .motsu_unwrap();
    let b = registry
        .sender_and_value(painter, BOND)
        .contribute(ds_owner, content(2), "b".into())
        .motsu_unwrap();
    let c = registry
        .sender_and_value(poet, BOND)
        .contribute(ds_owner, content(3), "c".into())
        .motsu_unwrap();
    assert_eq!((a, b, c), (U256::from(1), U256::from(2), U256::from(3)));
    assert_eq!(
        contribution_view(&registry, a),
        pending_record(ds_validators, poet, content(1))
    );
    assert_eq!(
        contribution_view(&registry, b),
        pending_record(ds_owner, painter, content(2))
    );
    assert_eq!(
        contribution_view(&registry, c),
        pending_record(ds_owner, poet, content(3))
    );
    assert_eq!(registry.balance(), BOND * U256::from(3));
}

#[motsu::test]
fn contribute_to_a_zero_bond_datanet_takes_no_value(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    owner: Address,
    poet: Address,
) {
    deploy_native(&registry, &splitter, owner, COOLDOWN);
    let ds = owner_datanet(&registry, owner, U256::ZERO);
    poet.fund(FUNDS);
    let id = registry
        .sender(poet)
        .contribute(ds, content(1), "free".into())
        .motsu_unwrap();
    assert_eq!(contribution_view(&registry, id).contributor, poet);
    assert_eq!(registry.balance(), U256::ZERO);

    let before = snapshot(&registry, &[poet, registry.address()]);
    let err = expect_err!(
        registry
            .sender_and_value(poet, U256::from(1))
            .contribute(ds, content(2), "free".into()),
        WrongValue
    );
    assert_eq!((err.expected, err.received), (U256::ZERO, U256::from(1)));
    assert_eq!(snapshot(&registry, &[poet, registry.address()]), before);
    assert_eq!(id_of(&registry, ds, content(2)), U256::ZERO);
}

/// A reverted call changes nothing: the record is written before the bond is
/// checked, and the revert must undo it, its event and the value transfer.
#[motsu::test]
fn contribute_with_wrong_value_reverts_everything(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    owner: Address,
    poet: Address,
) {
    let ds = setup(&registry, &splitter, owner);
    poet.fund(FUNDS);
    registry
        .sender_and_value(poet, BOND)
        .contribute(ds, content(1), String::new())
        .motsu_unwrap();
    let accounts = [poet, registry.address()];
    let before = snapshot(&registry, &accounts);
    assert_eq!(before.balances, vec![FUNDS - BOND, BOND]);

    for value in [
        U256::ZERO,
        BOND - U256::from(1),
        BOND + U256::from(1),
        FUNDS - BOND,
    ] {
        let err = expect_err!(
            registry
                .sender_and_value(poet, value)
                .contribute(ds, content(2), "ipfs://two".into()),
            WrongValue
        );
        assert_eq!((err.expected, err.received), (BOND, value));
        assert_eq!(snapshot(&registry, &accounts), before);
        assert_eq!(id_of(&registry, ds, content(2)), U256::ZERO);
        expect_err!(
            registry.sender(poet).contribution(U256::from(2)),
            UnknownContribution
        );
    }
    assert_eq!(events_of::<ContributionSubmitted>(&registry).len(), 1);

    // The same hash can still be contributed with the right value, as id 2.
    let id = registry
        .sender_and_value(poet, BOND)
        .contribute(ds, content(2), "ipfs://two".into())
        .motsu_unwrap();
    assert_eq!(id, U256::from(2));
}

#[motsu::test]
fn contribute_rejects_paused_and_closed_datanets(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    owner: Address,
    poet: Address,
) {
    let ds = setup(&registry, &splitter, owner);
    poet.fund(FUNDS);
    let accounts = [poet, registry.address()];

    registry
        .sender(owner)
        .set_status(ds, DATANET_PAUSED)
        .motsu_unwrap();
    let before = snapshot(&registry, &accounts);
    let err = expect_err!(
        registry
            .sender_and_value(poet, BOND)
            .contribute(ds, content(1), String::new()),
        DatanetNotActive
    );
    assert_eq!((err.datanetId, err.status), (ds, DATANET_PAUSED));
    let err = expect_err!(
        registry
            .sender_and_value(poet, BOND * U256::from(2))
            .contribute_batch(ds, vec![content(1), content(2)]),
        DatanetNotActive
    );
    assert_eq!((err.datanetId, err.status), (ds, DATANET_PAUSED));
    assert_eq!(snapshot(&registry, &accounts), before);

    // Reactivated: contributions flow again.
    registry
        .sender(owner)
        .set_status(ds, DATANET_ACTIVE)
        .motsu_unwrap();
    registry
        .sender_and_value(poet, BOND)
        .contribute(ds, content(1), String::new())
        .motsu_unwrap();

    registry
        .sender(owner)
        .set_status(ds, DATANET_CLOSED)
        .motsu_unwrap();
    let before = snapshot(&registry, &accounts);
    let err = expect_err!(
        registry
            .sender_and_value(poet, BOND)
            .contribute(ds, content(2), String::new()),
        DatanetNotActive
    );
    assert_eq!((err.datanetId, err.status), (ds, DATANET_CLOSED));
    let err = expect_err!(
        registry
            .sender_and_value(poet, BOND)
            .contribute_batch(ds, vec![content(2)]),
        DatanetNotActive
    );
    assert_eq!((err.datanetId, err.status), (ds, DATANET_CLOSED));
    assert_eq!(snapshot(&registry, &accounts), before);
}

#[motsu::test]
fn contribute_rejects_unknown_datanet(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    owner: Address,
    poet: Address,
) {
    let ds = setup(&registry, &splitter, owner);
    poet.fund(FUNDS);
    for unknown in [U256::ZERO, ds + U256::from(1), U256::MAX] {
        let err = expect_err!(
            registry
                .sender_and_value(poet, BOND)
                .contribute(unknown, content(1), String::new()),
            UnknownDatanet
        );
        assert_eq!(err.datanetId, unknown);
        let err = expect_err!(
            registry
                .sender_and_value(poet, BOND)
                .contribute_batch(unknown, vec![content(1)]),
            UnknownDatanet
        );
        assert_eq!(err.datanetId, unknown);
    }
    assert_eq!(contribution_count(&registry), U256::ZERO);
    assert_eq!(native_balance(poet), FUNDS);
}

#[motsu::test]
fn contribute_rejects_zero_hash(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    owner: Address,
    poet: Address,
) {
    let ds = setup(&registry, &splitter, owner);
    poet.fund(FUNDS);
    let before = snapshot(&registry, &[poet, registry.address()]);
    expect_err!(
        registry
            .sender_and_value(poet, BOND)
            .contribute(ds, B256::ZERO, "ipfs://x".into()),
        ZeroHash
    );
    assert_eq!(snapshot(&registry, &[poet, registry.address()]), before);
    assert_eq!(id_of(&registry, ds, B256::ZERO), U256::ZERO);
}

#[motsu::test]
fn contribute_uri_is_optional_and_bounded(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    owner: Address,
    poet: Address,
) {
    let ds = setup(&registry, &splitter, owner);
    poet.fund(FUNDS);

    let empty = registry
        .sender_and_value(poet, BOND)
        .contribute(ds, content(1), String::new())
        .motsu_unwrap();
    registry.assert_emitted(&ContributionSubmitted {
        contributionId: empty,
        datanetId: ds,
        contributor: poet,
        contentHash: content(1),
        uri: String::new(),
    });

    let longest = registry
        .sender_and_value(poet, BOND)
        .contribute(ds, content(2), text(MAX_TEXT_LEN))
        .motsu_unwrap();
    registry.assert_emitted(&ContributionSubmitted {
        contributionId: longest,
        datanetId: ds,
        contributor: poet,
        contentHash: content(2),
        uri: text(MAX_TEXT_LEN),
    });

    let before = snapshot(&registry, &[poet, registry.address()]);
    for len in [MAX_TEXT_LEN + 1, 4_096] {
        let err = expect_err!(
            registry
                .sender_and_value(poet, BOND)
                .contribute(ds, content(3), text(len)),
            InvalidUri
        );
        assert_eq!(err.length, U256::from(len));
    }
    assert_eq!(snapshot(&registry, &[poet, registry.address()]), before);
    assert_eq!(id_of(&registry, ds, content(3)), U256::ZERO);
}

#[motsu::test]
fn contribute_rejects_duplicate_content_naming_the_existing_id(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    owner: Address,
    poet: Address,
    copycat: Address,
) {
    let ds = setup(&registry, &splitter, owner);
    poet.fund(FUNDS);
    copycat.fund(FUNDS);
    registry
        .sender_and_value(poet, BOND)
        .contribute(ds, content(1), String::new())
        .motsu_unwrap();
    let original = registry
        .sender_and_value(poet, BOND)
        .contribute(ds, content(2), "ipfs://original".into())
        .motsu_unwrap();
    assert_eq!(original, U256::from(2));

    let accounts = [poet, copycat, registry.address()];
    let before = snapshot(&registry, &accounts);
    for who in [poet, copycat] {
        let err = expect_err!(
            registry
                .sender_and_value(who, BOND)
                .contribute(ds, content(2), "ipfs://copy".into()),
            DuplicateContent
        );
        assert_eq!(
            (err.datanetId, err.contentHash, err.existingId),
            (ds, content(2), original)
        );
    }
    assert_eq!(snapshot(&registry, &accounts), before);
    // The attribution still names the first contributor.
    assert_eq!(contribution_view(&registry, original).contributor, poet);
    assert_eq!(id_of(&registry, ds, content(2)), original);
}

#[motsu::test]
fn same_hash_is_accepted_in_another_datanet(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    owner: Address,
    poet: Address,
    copycat: Address,
) {
    let ds1 = setup(&registry, &splitter, owner);
    let ds2 = owner_datanet(&registry, owner, BOND);
    poet.fund(FUNDS);
    copycat.fund(FUNDS);
    let hash = content(42);
    let first = registry
        .sender_and_value(poet, BOND)
        .contribute(ds1, hash, String::new())
        .motsu_unwrap();
    let second = registry
        .sender_and_value(copycat, BOND)
        .contribute(ds2, hash, String::new())
        .motsu_unwrap();
    assert_ne!(first, second);
    assert_eq!(id_of(&registry, ds1, hash), first);
    assert_eq!(id_of(&registry, ds2, hash), second);
    assert_eq!(
        contribution_view(&registry, first),
        pending_record(ds1, poet, hash)
    );
    assert_eq!(
        contribution_view(&registry, second),
        pending_record(ds2, copycat, hash)
    );
}

// ------------------------------------------------------------ contribute_batch

#[motsu::test]
fn contribute_batch_records_sequential_ids(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    owner: Address,
    poet: Address,
) {
    let ds = setup(&registry, &splitter, owner);
    poet.fund(FUNDS);
    registry
        .sender_and_value(poet, BOND)
        .contribute(ds, content(100), "single".into())
        .motsu_unwrap();

    let hashes = vec![content(1), content(2), content(3)];
    let n = U256::from(hashes.len());
    let first = registry
        .sender_and_value(poet, BOND * n)
        .contribute_batch(ds, hashes.clone())
        .motsu_unwrap();
    assert_eq!(first, U256::from(2));
    assert_eq!(contribution_count(&registry), U256::from(4));

    for (offset, hash) in hashes.iter().enumerate() {
        let id = first + U256::from(offset);
        assert_eq!(
            contribution_view(&registry, id),
            pending_record(ds, poet, *hash)
        );
        assert_eq!(id_of(&registry, ds, *hash), id);
        registry.assert_emitted(&ContributionSubmitted {
            contributionId: id,
            datanetId: ds,
            contributor: poet,
            contentHash: *hash,
            uri: String::new(),
        });
    }
    // Exactly one event per hash (plus the single one before).
    let submitted = events_of::<ContributionSubmitted>(&registry);
    assert_eq!(submitted.len(), 4);
    let batch_ids: Vec<U256> = submitted[1..].iter().map(|e| e.contributionId).collect();
    assert_eq!(batch_ids, vec![U256::from(2), U256::from(3), U256::from(4)]);

    // One bond per hash.
    assert_eq!(registry.balance(), BOND * U256::from(4));
    assert_eq!(native_balance(poet), FUNDS - BOND * U256::from(4));
}

#[motsu::test]
fn contribute_batch_accepts_max_batch(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    owner: Address,
    poet: Address,
) {
    let ds = setup(&registry, &splitter, owner);
    poet.fund(FUNDS);
    let hashes: Vec<B256> = (0..MAX_BATCH as u64).map(content).collect();
    let first = registry
        .sender_and_value(poet, BOND * U256::from(MAX_BATCH))
        .contribute_batch(ds, hashes.clone())
        .motsu_unwrap();
    assert_eq!(first, U256::from(1));
    assert_eq!(contribution_count(&registry), U256::from(MAX_BATCH));
    assert_eq!(
        id_of(&registry, ds, hashes[MAX_BATCH - 1]),
        U256::from(MAX_BATCH)
    );
    assert_eq!(
        events_of::<ContributionSubmitted>(&registry).len(),
        MAX_BATCH
    );
    assert_eq!(registry.balance(), BOND * U256::from(MAX_BATCH));
}

#[motsu::test]
fn contribute_batch_rejects_empty_and_oversized_batches(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    owner: Address,
    poet: Address,
) {
    let ds = setup(&registry, &splitter, owner);
    poet.fund(FUNDS);
    let accounts = [poet, registry.address()];
    let before = snapshot(&registry, &accounts);

    let err = expect_err!(
        registry.sender(poet).contribute_batch(ds, Vec::new()),
        InvalidBatchSize
    );
    assert_eq!((err.size, err.max), (U256::ZERO, U256::from(MAX_BATCH)));

    let hashes: Vec<B256> = (0..=MAX_BATCH as u64).map(content).collect();
    let err = expect_err!(
        registry
            .sender_and_value(poet, BOND * U256::from(MAX_BATCH + 1))
            .contribute_batch(ds, hashes),
        InvalidBatchSize
    );
    assert_eq!(
        (err.size, err.max),
        (U256::from(MAX_BATCH + 1), U256::from(MAX_BATCH))
    );
    assert_eq!(snapshot(&registry, &accounts), before);
}

/// A reverted call changes nothing: a duplicate at the end of a batch undoes
/// the records, dedupe entries, events and value of the hashes before it.
#[motsu::test]
fn contribute_batch_with_internal_duplicate_changes_nothing(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    owner: Address,
    poet: Address,
) {
    let ds = setup(&registry, &splitter, owner);
    poet.fund(FUNDS);
    registry
        .sender_and_value(poet, BOND)
        .contribute(ds, content(100), String::new())
        .motsu_unwrap();
    let accounts = [poet, registry.address()];
    let before = snapshot(&registry, &accounts);

    let hashes = vec![content(1), content(2), content(3), content(2)];
    let err = expect_err!(
        registry
            .sender_and_value(poet, BOND * U256::from(4))
            .contribute_batch(ds, hashes),
        DuplicateContent
    );
    // The error names the id content(2) got earlier in the same batch.
    assert_eq!(
        (err.datanetId, err.contentHash, err.existingId),
        (ds, content(2), U256::from(3))
    );

    assert_eq!(snapshot(&registry, &accounts), before);
    assert_eq!(before.contribution_count, U256::from(1));
    assert_eq!(before.balances, vec![FUNDS - BOND, BOND]);
    for n in 1..=3 {
        assert_eq!(id_of(&registry, ds, content(n)), U256::ZERO);
    }
    for id in 2..=4u64 {
        expect_err!(
            registry.sender(poet).contribution(U256::from(id)),
            UnknownContribution
        );
    }
    assert_eq!(events_of::<ContributionSubmitted>(&registry).len(), 1);

    // Without the duplicate the batch goes through and gets the same ids.
    let first = registry
        .sender_and_value(poet, BOND * U256::from(3))
        .contribute_batch(ds, vec![content(1), content(2), content(3)])
        .motsu_unwrap();
    assert_eq!(first, U256::from(2));
}

#[motsu::test]
fn contribute_batch_with_existing_duplicate_changes_nothing(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    owner: Address,
    poet: Address,
    copycat: Address,
) {
    let ds = setup(&registry, &splitter, owner);
    poet.fund(FUNDS);
    copycat.fund(FUNDS);
    let existing = registry
        .sender_and_value(poet, BOND)
        .contribute(ds, content(7), String::new())
        .motsu_unwrap();
    let accounts = [poet, copycat, registry.address()];
    let before = snapshot(&registry, &accounts);

    let err = expect_err!(
        registry
            .sender_and_value(copycat, BOND * U256::from(3))
            .contribute_batch(ds, vec![content(8), content(9), content(7)]),
        DuplicateContent
    );
    assert_eq!(
        (err.datanetId, err.contentHash, err.existingId),
        (ds, content(7), existing)
    );
    assert_eq!(snapshot(&registry, &accounts), before);
    assert_eq!(id_of(&registry, ds, content(8)), U256::ZERO);
    assert_eq!(id_of(&registry, ds, content(9)), U256::ZERO);
    assert_eq!(id_of(&registry, ds, content(7)), existing);
    assert_eq!(contribution_view(&registry, existing).contributor, poet);
}

#[motsu::test]
fn contribute_batch_rejects_zero_hash_and_wrong_value(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    owner: Address,
    poet: Address,
) {
    let ds = setup(&registry, &splitter, owner);
    poet.fund(FUNDS);
    let accounts = [poet, registry.address()];
    let before = snapshot(&registry, &accounts);

    expect_err!(
        registry
            .sender_and_value(poet, BOND * U256::from(2))
            .contribute_batch(ds, vec![content(1), B256::ZERO]),
        ZeroHash
    );
    // One bond for three hashes.
    let err = expect_err!(
        registry
            .sender_and_value(poet, BOND)
            .contribute_batch(ds, vec![content(1), content(2), content(3)]),
        WrongValue
    );
    assert_eq!((err.expected, err.received), (BOND * U256::from(3), BOND));
    // Four bonds for three hashes.
    let err = expect_err!(
        registry
            .sender_and_value(poet, BOND * U256::from(4))
            .contribute_batch(ds, vec![content(1), content(2), content(3)]),
        WrongValue
    );
    assert_eq!(
        (err.expected, err.received),
        (BOND * U256::from(3), BOND * U256::from(4))
    );
    assert_eq!(snapshot(&registry, &accounts), before);
    assert_eq!(id_of(&registry, ds, content(1)), U256::ZERO);
}

#[motsu::test]
fn contribute_batch_on_zero_bond_datanet_and_bond_overflow(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    owner: Address,
    poet: Address,
) {
    deploy_native(&registry, &splitter, owner, COOLDOWN);
    let free = owner_datanet(&registry, owner, U256::ZERO);
    let first = registry
        .sender(poet)
        .contribute_batch(free, vec![content(1), content(2)])
        .motsu_unwrap();
    assert_eq!(first, U256::from(1));
    assert_eq!(contribution_count(&registry), U256::from(2));

    // A bond so large that two of them overflow.
    let huge = Terms::owner(U256::MAX)
        .create(&registry, owner)
        .motsu_unwrap();
    let err = expect_err!(
        registry
            .sender(poet)
            .contribute_batch(huge, vec![content(3), content(4)]),
        AmountOverflow
    );
    assert_eq!(err.amount, U256::MAX);
    assert_eq!(contribution_count(&registry), U256::from(2));
}

// ------------------------------------------------------------ ERC-20 bonds

/// Deploys an ERC-20 registry with an owner-reviewed datanet of bond [`BOND`];
/// mints `FUNDS` tokens to `poet` and approves the registry.
fn setup_erc20(
    registry: &Contract<DatanetRegistry>,
    splitter: &Contract<RewardSplitter>,
    token: &Contract<MockErc20>,
    owner: Address,
    poet: Address,
) -> U256 {
    deploy_erc20(registry, splitter, token, owner, COOLDOWN);
    token.sender(owner).mint(poet, FUNDS).motsu_unwrap();
    token
        .sender(poet)
        .approve(registry.address(), U256::MAX)
        .motsu_unwrap();
    owner_datanet(registry, owner, BOND)
}

#[motsu::test]
fn erc20_bonds_are_pulled_from_the_contributor(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    token: Contract<MockErc20>,
    owner: Address,
    poet: Address,
) {
    let ds = setup_erc20(&registry, &splitter, &token, owner, poet);
    let id = registry
        .sender(poet)
        .contribute(ds, content(1), String::new())
        .motsu_unwrap();
    assert_eq!(
        contribution_view(&registry, id),
        pending_record(ds, poet, content(1))
    );
    assert_eq!(token.sender(poet).balance_of(registry.address()), BOND);
    assert_eq!(token.sender(poet).balance_of(poet), FUNDS - BOND);

    registry
        .sender(poet)
        .contribute_batch(ds, vec![content(2), content(3)])
        .motsu_unwrap();
    assert_eq!(
        token.sender(poet).balance_of(registry.address()),
        BOND * U256::from(3)
    );
    assert_eq!(registry.balance(), U256::ZERO);
}

#[motsu::test]
fn erc20_bond_rejects_native_value_and_bad_tokens(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    token: Contract<MockErc20>,
    owner: Address,
    poet: Address,
) {
    let ds = setup_erc20(&registry, &splitter, &token, owner, poet);
    poet.fund(FUNDS);
    let token_balances = |who: Address| token.sender(owner).balance_of(who);
    let before = snapshot(&registry, &[poet, registry.address()]);

    // Native value on an ERC-20 deployment.
    let err = expect_err!(
        registry
            .sender_and_value(poet, BOND)
            .contribute(ds, content(1), String::new()),
        WrongValue
    );
    assert_eq!((err.expected, err.received), (U256::ZERO, BOND));

    // Fee-on-transfer token: the registry would receive less than the bond.
    token.sender(owner).set_fee_bps(U256::from(2_000));
    let err = expect_err!(
        registry
            .sender(poet)
            .contribute(ds, content(1), String::new()),
        TransferMismatch
    );
    assert_eq!(
        (err.expected, err.received),
        (BOND, BOND - BOND * U256::from(2_000) / U256::from(10_000))
    );
    token.sender(owner).set_fee_bps(U256::ZERO);

    // A token that returns false.
    token.sender(owner).set_return_false(true);
    let err = expect_err!(
        registry
            .sender(poet)
            .contribute(ds, content(1), String::new()),
        SafeErc20FailedOperation
    );
    assert_eq!(err.token, token.address());
    token.sender(owner).set_return_false(false);

    // No allowance left.
    token
        .sender(poet)
        .approve(registry.address(), U256::ZERO)
        .motsu_unwrap();
    let err = expect_err!(
        registry
            .sender(poet)
            .contribute(ds, content(1), String::new()),
        SafeErc20FailedOperation
    );
    assert_eq!(err.token, token.address());

    assert_eq!(snapshot(&registry, &[poet, registry.address()]), before);
    assert_eq!(token_balances(poet), FUNDS);
    assert_eq!(token_balances(registry.address()), U256::ZERO);
    assert_eq!(id_of(&registry, ds, content(1)), U256::ZERO);
}

// ---------------------------------------------------------------------- views

#[motsu::test]
fn contribution_view_rejects_unknown_ids(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    owner: Address,
    poet: Address,
) {
    let ds = setup(&registry, &splitter, owner);
    for unknown in [U256::ZERO, U256::from(1)] {
        let err = expect_err!(
            registry.sender(poet).contribution(unknown),
            UnknownContribution
        );
        assert_eq!(err.contributionId, unknown);
    }
    poet.fund(FUNDS);
    let id = registry
        .sender_and_value(poet, BOND)
        .contribute(ds, content(1), String::new())
        .motsu_unwrap();
    registry.sender(poet).contribution(id).motsu_unwrap();
    for unknown in [U256::ZERO, id + U256::from(1), U256::MAX] {
        let err = expect_err!(
            registry.sender(poet).contribution(unknown),
            UnknownContribution
        );
        assert_eq!(err.contributionId, unknown);
    }
    // contribution_id_of answers 0 for anything unknown.
    assert_eq!(id_of(&registry, ds, content(2)), U256::ZERO);
    assert_eq!(id_of(&registry, ds + U256::from(1), content(1)), U256::ZERO);
}
