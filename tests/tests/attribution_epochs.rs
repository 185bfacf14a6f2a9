//! The attestor set, model attestors and epoch commitments, against the
//! real `reward_splitter`: only a model's attestor, while in the set,
//! commits; epochs are numbered from 1 per model and token; the cumulative
//! total never decreases and never exceeds what the splitter escrowed for
//! the model and token (rounded down to whole wei).
// The contract's `Error` is large; the helpers return it as the contract does.
#![allow(clippy::result_large_err)]
extern crate alloc;
mod attribution_support;
mod common;
mod splitter_support;

use alloy_primitives::{uint, Address, B256, U256};
use attribution::{
    AttestorSet, Attribution, AttributionEscrowExceeded, AttributionNotAttestor,
    AttributionNotModelAttestor, AttributionPeerCallFailed, AttributionTotalDecreased,
    AttributionUnknownEpoch, AttributionZeroAddress, AttributionZeroHash, EpochCommitted,
    ModelAttestorSet,
};
use attribution_support::{
    appoint_attestor, assert_error, create_datanet, deploy, epoch, epoch_count, escrow,
    escrowed_wei, market_role, report_hash, route_influence_fee, set_attestor, set_model_attestor,
    try_commit, try_set_model_attestor, u, unauthorized, ADMIN, ATTESTOR, DATA_BPS, MARKET, MODEL,
    NATIVE, SCALE, VIEWER,
};
use datanet_registry::DatanetRegistry;
use integration_tests::Wallet;
use motsu::prelude::*;
use reward_splitter::RewardSplitter;

const ADMIN_ROLE: B256 = B256::ZERO;

fn root(seed: u8) -> B256 {
    B256::repeat_byte(seed)
}

/// The `EpochCommitted` event of epoch `number`.
fn committed(model: u64, token: Address, number: u64, root: B256, total: U256) -> EpochCommitted {
    EpochCommitted {
        modelId: U256::from(model),
        token,
        epoch: U256::from(number),
        root,
        reportHash: report_hash(root),
        cumulativeTotal: total,
        attestor: ATTESTOR,
    }
}

/// [`ATTESTOR`] commits `root` with its derived report hash.
fn commit_root(
    attribution: &Contract<Attribution>,
    model: u64,
    token: Address,
    root: B256,
    total: U256,
) -> Result<U256, attribution::Error> {
    try_commit(
        attribution,
        ATTESTOR,
        model,
        token,
        root,
        report_hash(root),
        total,
    )
}

// ----------------------------------------------------------- attestor set

#[motsu::test]
fn the_admin_manages_the_attestor_set(
    attribution: Contract<Attribution>,
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    other: Address,
) {
    deploy(&attribution, &registry, &splitter);
    let is_attestor = |account| attribution.sender(VIEWER).is_attestor(account);
    assert!(!is_attestor(ATTESTOR));

    set_attestor(&attribution, ATTESTOR, true);
    assert!(is_attestor(ATTESTOR));
    assert!(!is_attestor(other));
    attribution.assert_emitted(&AttestorSet {
        account: ATTESTOR,
        allowed: true,
    });

    set_attestor(&attribution, ATTESTOR, false);
    assert!(!is_attestor(ATTESTOR));
    attribution.assert_emitted(&AttestorSet {
        account: ATTESTOR,
        allowed: false,
    });

    // Not the admin (the market role is not enough); not the zero address.
    for caller in [MARKET, other] {
        let err = attribution
            .sender(caller)
            .set_attestor(other, true)
            .motsu_unwrap_err();
        assert_error(err, unauthorized(caller, ADMIN_ROLE));
    }
    let err = attribution
        .sender(ADMIN)
        .set_attestor(Address::ZERO, true)
        .motsu_unwrap_err();
    assert_error(err, AttributionZeroAddress {});
    assert!(!is_attestor(other));
}

#[motsu::test]
fn the_market_names_a_model_attestor_from_the_set(
    attribution: Contract<Attribution>,
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    second: Address,
    stranger: Address,
) {
    deploy(&attribution, &registry, &splitter);
    let model_attestor = |model: u64| attribution.sender(VIEWER).model_attestor(U256::from(model));
    assert_eq!(model_attestor(MODEL), Address::ZERO);

    // Only members of the set can be named.
    assert_error(
        try_set_model_attestor(&attribution, MODEL, ATTESTOR).unwrap_err(),
        AttributionNotAttestor { account: ATTESTOR },
    );
    set_attestor(&attribution, ATTESTOR, true);
    set_model_attestor(&attribution, MODEL, ATTESTOR);
    assert_eq!(model_attestor(MODEL), ATTESTOR);
    assert_eq!(model_attestor(2), Address::ZERO);
    attribution.assert_emitted(&ModelAttestorSet {
        modelId: U256::from(MODEL),
        previousAttestor: Address::ZERO,
        attestor: ATTESTOR,
    });

    // The owner switches to another attestor, then to none.
    set_attestor(&attribution, second, true);
    set_model_attestor(&attribution, MODEL, second);
    attribution.assert_emitted(&ModelAttestorSet {
        modelId: U256::from(MODEL),
        previousAttestor: ATTESTOR,
        attestor: second,
    });
    set_model_attestor(&attribution, MODEL, Address::ZERO);
    assert_eq!(model_attestor(MODEL), Address::ZERO);
    attribution.assert_emitted(&ModelAttestorSet {
        modelId: U256::from(MODEL),
        previousAttestor: second,
        attestor: Address::ZERO,
    });

    // Market only.
    for caller in [ADMIN, stranger, ATTESTOR] {
        let err = attribution
            .sender(caller)
            .set_model_attestor(U256::from(MODEL), ATTESTOR)
            .motsu_unwrap_err();
        assert_error(err, unauthorized(caller, market_role()));
    }
    assert_eq!(model_attestor(MODEL), Address::ZERO);
}

// ----------------------------------------------------------------- epochs

#[motsu::test]
fn epochs_are_numbered_and_bounded_by_the_escrow(
    attribution: Contract<Attribution>,
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
) {
    deploy(&attribution, &registry, &splitter);
    let datanet = create_datanet(&registry, DATA_BPS);
    appoint_attestor(&attribution, MODEL);

    // 9.5% of 1,001 wei: 95.095 wei escrowed, 95 whole wei releasable.
    let escrowed = route_influence_fee(&splitter, MODEL, 1_001, datanet);
    assert_eq!(escrowed, uint!(95_095_000_000_000_000_000_U256));
    assert_eq!(escrow(&splitter, MODEL, NATIVE), (escrowed, U256::ZERO));
    assert_eq!(escrowed_wei(&splitter, MODEL), u(95));
    assert_eq!(epoch_count(&attribution, MODEL, NATIVE), U256::ZERO);

    assert_error(
        commit_root(&attribution, MODEL, NATIVE, root(1), u(96)).unwrap_err(),
        AttributionEscrowExceeded {
            modelId: U256::from(MODEL),
            token: NATIVE,
            escrowedScaled: escrowed,
            cumulativeTotal: u(96),
        },
    );
    assert_eq!(epoch_count(&attribution, MODEL, NATIVE), U256::ZERO);

    // Exactly the whole wei escrowed.
    let number = commit_root(&attribution, MODEL, NATIVE, root(1), u(95)).unwrap();
    assert_eq!(number, u(1));
    assert_eq!(epoch_count(&attribution, MODEL, NATIVE), u(1));
    assert_eq!(
        epoch(&attribution, MODEL, NATIVE, 1).unwrap(),
        (root(1), report_hash(root(1)), u(95))
    );
    attribution.assert_emitted(&committed(MODEL, NATIVE, 1, root(1), u(95)));

    // The total never decreases; it may stay (a new report, no new money).
    assert_error(
        commit_root(&attribution, MODEL, NATIVE, root(2), u(94)).unwrap_err(),
        AttributionTotalDecreased {
            modelId: U256::from(MODEL),
            token: NATIVE,
            previousTotal: u(95),
            cumulativeTotal: u(94),
        },
    );
    assert_eq!(
        commit_root(&attribution, MODEL, NATIVE, root(2), u(95)).unwrap(),
        u(2)
    );

    // More fees, more escrow: 95.095 + 95.095 = 190.19 wei.
    route_influence_fee(&splitter, MODEL, 1_001, datanet);
    assert_error(
        commit_root(&attribution, MODEL, NATIVE, root(3), u(191)).unwrap_err(),
        AttributionEscrowExceeded {
            modelId: U256::from(MODEL),
            token: NATIVE,
            escrowedScaled: escrowed * u(2),
            cumulativeTotal: u(191),
        },
    );
    assert_eq!(
        commit_root(&attribution, MODEL, NATIVE, root(3), u(190)).unwrap(),
        u(3)
    );
    attribution.assert_emitted(&committed(MODEL, NATIVE, 3, root(3), u(190)));

    // Every epoch stays readable; there is no epoch 0 or 4.
    assert_eq!(epoch_count(&attribution, MODEL, NATIVE), u(3));
    assert_eq!(epoch(&attribution, MODEL, NATIVE, 1).unwrap().0, root(1));
    assert_eq!(epoch(&attribution, MODEL, NATIVE, 2).unwrap().0, root(2));
    for number in [0, 4, u64::MAX] {
        assert_error(
            epoch(&attribution, MODEL, NATIVE, number).unwrap_err(),
            AttributionUnknownEpoch {
                modelId: U256::from(MODEL),
                token: NATIVE,
                epoch: U256::from(number),
            },
        );
    }
    let err = attribution
        .sender(VIEWER)
        .epoch(U256::from(MODEL), NATIVE, U256::MAX)
        .motsu_unwrap_err();
    assert_error(
        err,
        AttributionUnknownEpoch {
            modelId: U256::from(MODEL),
            token: NATIVE,
            epoch: U256::MAX,
        },
    );
}

#[motsu::test]
fn the_escrow_bound_is_per_model_and_token(
    attribution: Contract<Attribution>,
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    token: Address,
) {
    deploy(&attribution, &registry, &splitter);
    let datanet = create_datanet(&registry, DATA_BPS);
    appoint_attestor(&attribution, MODEL);
    set_model_attestor(&attribution, 2, ATTESTOR);
    route_influence_fee(&splitter, MODEL, 1_000_000, datanet);
    assert_eq!(escrowed_wei(&splitter, MODEL), u(95_000));

    // Model 2 has no escrow; neither has model 1 in another token.
    for (model, token) in [(2, NATIVE), (MODEL, token)] {
        assert_error(
            commit_root(&attribution, model, token, root(1), u(1)).unwrap_err(),
            AttributionEscrowExceeded {
                modelId: U256::from(model),
                token,
                escrowedScaled: U256::ZERO,
                cumulativeTotal: u(1),
            },
        );
        // A zero total is within any escrow.
        assert_eq!(
            commit_root(&attribution, model, token, root(1), U256::ZERO).unwrap(),
            u(1)
        );
    }
    // Epochs are counted per model and token.
    assert_eq!(epoch_count(&attribution, MODEL, NATIVE), U256::ZERO);
    assert_eq!(
        commit_root(&attribution, MODEL, NATIVE, root(2), u(95_000)).unwrap(),
        u(1)
    );
    // A total whose scaled value overflows is above the escrow.
    assert_error(
        commit_root(&attribution, MODEL, NATIVE, root(3), U256::MAX).unwrap_err(),
        AttributionEscrowExceeded {
            modelId: U256::from(MODEL),
            token: NATIVE,
            escrowedScaled: u(95_000) * SCALE,
            cumulativeTotal: U256::MAX,
        },
    );
}

#[motsu::test]
fn only_the_models_attestor_while_in_the_set_commits(
    attribution: Contract<Attribution>,
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    stranger: Address,
    second: Address,
) {
    deploy(&attribution, &registry, &splitter);
    let datanet = create_datanet(&registry, DATA_BPS);
    route_influence_fee(&splitter, MODEL, 1_000, datanet);
    route_influence_fee(&splitter, 2, 1_000, datanet);
    let not_model_attestor = |model: u64, account: Address| AttributionNotModelAttestor {
        modelId: U256::from(model),
        account,
    };

    // No attestor named yet: nobody commits, not even the admin or market.
    for caller in [ATTESTOR, ADMIN, MARKET] {
        let err = try_commit(&attribution, caller, MODEL, NATIVE, root(1), root(2), u(1));
        assert_error(err.unwrap_err(), not_model_attestor(MODEL, caller));
    }

    appoint_attestor(&attribution, MODEL);
    set_attestor(&attribution, second, true);
    set_model_attestor(&attribution, 2, second);
    // Another account, or the attestor of another model.
    let err = try_commit(
        &attribution,
        stranger,
        MODEL,
        NATIVE,
        root(1),
        root(2),
        u(1),
    );
    assert_error(err.unwrap_err(), not_model_attestor(MODEL, stranger));
    let err = try_commit(&attribution, second, MODEL, NATIVE, root(1), root(2), u(1));
    assert_error(err.unwrap_err(), not_model_attestor(MODEL, second));
    let err = try_commit(&attribution, ATTESTOR, 2, NATIVE, root(1), root(2), u(1));
    assert_error(err.unwrap_err(), not_model_attestor(2, ATTESTOR));

    // Removed from the set, the named attestor can no longer commit.
    set_attestor(&attribution, ATTESTOR, false);
    let err = try_commit(
        &attribution,
        ATTESTOR,
        MODEL,
        NATIVE,
        root(1),
        root(2),
        u(1),
    );
    assert_error(
        err.unwrap_err(),
        AttributionNotAttestor { account: ATTESTOR },
    );
    assert_eq!(epoch_count(&attribution, MODEL, NATIVE), U256::ZERO);
    set_attestor(&attribution, ATTESTOR, true);
    commit_root(&attribution, MODEL, NATIVE, root(1), u(1)).unwrap();
    try_commit(&attribution, second, 2, NATIVE, root(1), root(2), u(1)).unwrap();
    assert_eq!(epoch_count(&attribution, 2, NATIVE), u(1));
}

#[motsu::test]
fn roots_and_report_hashes_must_be_set(
    attribution: Contract<Attribution>,
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
) {
    deploy(&attribution, &registry, &splitter);
    appoint_attestor(&attribution, MODEL);
    for (root, report) in [(B256::ZERO, root(2)), (root(1), B256::ZERO)] {
        let err = try_commit(
            &attribution,
            ATTESTOR,
            MODEL,
            NATIVE,
            root,
            report,
            U256::ZERO,
        );
        assert_error(err.unwrap_err(), AttributionZeroHash {});
    }
    assert_eq!(epoch_count(&attribution, MODEL, NATIVE), U256::ZERO);
}

#[motsu::test]
fn a_splitter_without_the_escrow_view_is_a_peer_failure(
    attribution: Contract<Attribution>,
    registry: Contract<DatanetRegistry>,
    not_a_splitter: Contract<Wallet>,
) {
    attribution
        .sender(ADMIN)
        .constructor(ADMIN, registry.address(), not_a_splitter.address())
        .motsu_unwrap();
    attribution
        .sender(ADMIN)
        .grant_role(market_role(), MARKET)
        .motsu_unwrap();
    appoint_attestor(&attribution, MODEL);
    assert_error(
        commit_root(&attribution, MODEL, NATIVE, root(1), U256::ZERO).unwrap_err(),
        AttributionPeerCallFailed {
            peer: not_a_splitter.address(),
        },
    );
}
