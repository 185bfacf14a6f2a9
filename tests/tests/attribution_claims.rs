//! Influence claims end to end, with the real `reward_splitter` and
//! `datanet_registry`: the market routes native fees with an influence
//! share into the model's escrow, the model's attestor commits a
//! 1,200-account tree built here, and accounts prove their cumulative
//! amounts on chain and are paid `cumulative - claimed`, to the wei,
//! through the splitter's `releaseEscrow`, `claimable` and `claim` (to
//! `Wallet` contracts). Forged proofs, replays on another model, token,
//! deployment or chain, repeated claims, trees whose leaves sum to more
//! than their total and a splitter refusing the release are all rejected,
//! and change nothing.
// The contract's `Error` is large; the helpers return it as the contract does.
#![allow(clippy::result_large_err)]
extern crate alloc;
mod attribution_support;
mod common;
mod splitter_support;

use alloy_primitives::{Address, B256, U256};
use alloy_sol_types::SolEvent;
use attribution::{
    Attribution, AttributionInvalidProof, AttributionNothingToClaim, AttributionPeerCallFailed,
    AttributionProofTooLong, AttributionTotalExceeded, AttributionUnknownEpoch, InfluenceClaimed,
    MAX_PROOF_LEN,
};
use attribution_support::{
    appoint_attestor, assert_error, claim, claimable, claimed, commit, create_datanet, deploy,
    escrow, escrowed_wei, filler_accounts, influence_leaf, record, released, route_influence_fee,
    set_model_attestor, try_claim_influence, try_claim_payout, try_commit, u, wei, Payouts, Record,
    ADMIN, ATTESTOR, CHAIN_ID, DATA_BPS, MARKET, MODEL, NATIVE, VIEWER,
};
use datanet_registry::DatanetRegistry;
use integration_tests::Wallet;
use motsu::prelude::*;
use reward_splitter::{EscrowReleased, RewardSplitter, ATTRIBUTION_ROLE};

/// Accounts in the big tree besides the named ones.
const FILLERS: usize = 1_197;
/// The fee routed before the first epoch: 9.5% of it, 950,000 wei, is
/// escrowed.
const FEE: u128 = 10_000_000;

/// `(account, cumulative amount)` of the named accounts, then `FILLERS`
/// generated ones with 100..=149 wei each.
fn entries(named: &[(Address, u128)]) -> Vec<(Address, U256)> {
    let mut entries: Vec<(Address, U256)> = named
        .iter()
        .map(|&(account, amount)| (account, U256::from(amount)))
        .collect();
    entries.extend(
        filler_accounts(FILLERS)
            .into_iter()
            .enumerate()
            .map(|(i, account)| (account, U256::from(100 + i as u64 % 50))),
    );
    entries
}

/// The `InfluenceClaimed` event.
fn influence_claimed(
    model: u64,
    account: Address,
    epoch: u64,
    cumulative: U256,
    amount: U256,
) -> InfluenceClaimed {
    InfluenceClaimed {
        modelId: U256::from(model),
        token: NATIVE,
        account,
        epoch: U256::from(epoch),
        cumulativeAmount: cumulative,
        amount,
    }
}

fn invalid_proof(
    model: u64,
    token: Address,
    account: Address,
    amount: U256,
) -> AttributionInvalidProof {
    AttributionInvalidProof {
        modelId: U256::from(model),
        token,
        account,
        cumulativeAmount: amount,
    }
}

/// Deploys everything, records model 1's training on a fresh datanet,
/// names [`ATTESTOR`] and routes [`FEE`] into the escrow.
fn setup(
    attribution: &Contract<Attribution>,
    registry: &Contract<DatanetRegistry>,
    splitter: &Contract<RewardSplitter>,
) -> u64 {
    deploy(attribution, registry, splitter);
    let datanet = create_datanet(registry, DATA_BPS);
    record(
        attribution,
        &Record::new(MODEL, 1, &[datanet], &[10_000], B256::repeat_byte(0x11)),
    );
    appoint_attestor(attribution, MODEL);
    route_influence_fee(splitter, MODEL, FEE, datanet);
    assert_eq!(escrowed_wei(splitter, MODEL), u(950_000));
    datanet
}

/// Asserts that nothing was claimed or released for `model` in native.
#[track_caller]
fn assert_nothing_released(
    attribution: &Contract<Attribution>,
    splitter: &Contract<RewardSplitter>,
    model: u64,
    accounts: &[Address],
) {
    assert_eq!(released(attribution, model, NATIVE), U256::ZERO);
    assert_eq!(escrow(splitter, model, NATIVE).1, U256::ZERO);
    for &account in accounts {
        assert_eq!(claimed(attribution, model, NATIVE, account), U256::ZERO);
        assert_eq!(claimable(splitter, account, NATIVE, &[], &[]), wei(0));
    }
    assert!(attribution
        .all_events()
        .iter()
        .all(|log| log.topics()[0] != InfluenceClaimed::SIGNATURE_HASH));
}

#[motsu::test]
fn accounts_of_a_1200_leaf_tree_claim_exactly_their_amounts(
    attribution: Contract<Attribution>,
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    alice: Address,
    bob: Address,
    carol: Address,
    alice_wallet: Contract<Wallet>,
    bob_wallet: Contract<Wallet>,
    carol_wallet: Contract<Wallet>,
    filler_wallet: Contract<Wallet>,
) {
    setup(&attribution, &registry, &splitter);
    let payouts = Payouts::new(
        attribution.address(),
        MODEL,
        NATIVE,
        entries(&[(alice, 123_457), (bob, 98_765), (carol, 1)]),
    );
    assert_eq!(payouts.entries.len(), 1_200);
    let total = payouts.total();
    assert!(total <= u(950_000));
    assert_eq!(commit(&attribution, &payouts), u(1));
    assert_eq!(
        attribution_support::epoch(&attribution, MODEL, NATIVE, 1).unwrap(),
        (
            payouts.root(),
            attribution_support::report_hash(payouts.root()),
            total
        )
    );

    let mut released_total = U256::ZERO;
    for (account, wallet) in [
        (alice, &alice_wallet),
        (bob, &bob_wallet),
        (carol, &carol_wallet),
    ] {
        let amount = payouts.amount(account);
        let proof = payouts.proof(account);
        assert!(
            (10..=11).contains(&proof.len()),
            "depth of a 1,200-leaf tree"
        );
        // The contract computes the same leaf as the test's builder.
        assert_eq!(
            attribution
                .sender(VIEWER)
                .influence_leaf(U256::from(MODEL), NATIVE, account, amount),
            influence_leaf(attribution.address(), MODEL, NATIVE, account, amount)
        );

        let paid = try_claim_payout(&attribution, &payouts, account).unwrap();
        assert_eq!(paid, amount);
        released_total += amount;
        assert_eq!(claimed(&attribution, MODEL, NATIVE, account), amount);
        assert_eq!(released(&attribution, MODEL, NATIVE), released_total);
        attribution.assert_emitted(&influence_claimed(MODEL, account, 1, amount, amount));
        splitter.assert_emitted(&EscrowReleased {
            modelId: U256::from(MODEL),
            token: NATIVE,
            account,
            amount,
        });
        assert_eq!(escrow(&splitter, MODEL, NATIVE).1, released_total);

        // The splitter owes the account exactly that, and pays it.
        assert_eq!(
            claimable(&splitter, account, NATIVE, &[], &[]),
            wei(amount.to::<u128>())
        );
        let paid_out = claim(&splitter, account, NATIVE, &[], &[], wallet.address());
        assert_eq!(paid_out, amount);
        assert_eq!(wallet.balance(), amount);
        assert_eq!(claimable(&splitter, account, NATIVE, &[], &[]), wei(0));

        // The same proof again: nothing more to claim.
        assert_error(
            try_claim_payout(&attribution, &payouts, account).unwrap_err(),
            AttributionNothingToClaim {
                modelId: U256::from(MODEL),
                token: NATIVE,
                account,
                claimed: amount,
            },
        );
    }

    // Generated accounts prove their leaves too, wherever they sit in the
    // tree (first, middle and last of the filler list).
    let fillers: Vec<Address> = payouts.entries[3..].iter().map(|&(a, _)| a).collect();
    for &account in [fillers[0], fillers[600], fillers[FILLERS - 1]].iter() {
        let amount = payouts.amount(account);
        assert_eq!(
            try_claim_payout(&attribution, &payouts, account).unwrap(),
            amount
        );
        released_total += amount;
        assert_eq!(
            claim(
                &splitter,
                account,
                NATIVE,
                &[],
                &[],
                filler_wallet.address()
            ),
            amount
        );
    }
    assert_eq!(released(&attribution, MODEL, NATIVE), released_total);
    // Fillers 0, 600 and 1,196 hold 100 + i % 50 wei: 100, 100 and 146.
    assert_eq!(filler_wallet.balance(), u(100 + 100 + 146));
    // What was not claimed stays in the escrow.
    let (escrowed, released_wei) = escrow(&splitter, MODEL, NATIVE);
    assert_eq!(released_wei, released_total);
    assert_eq!(escrowed, u(950_000) * attribution_support::SCALE);
}

#[motsu::test]
fn a_later_epoch_pays_only_the_increase(
    attribution: Contract<Attribution>,
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    alice: Address,
    bob: Address,
    dave: Address,
    alice_wallet: Contract<Wallet>,
    dave_wallet: Contract<Wallet>,
) {
    let datanet = setup(&attribution, &registry, &splitter);
    let first = Payouts::new(
        attribution.address(),
        MODEL,
        NATIVE,
        entries(&[(alice, 40_000), (bob, 10_000)]),
    );
    commit(&attribution, &first);
    assert_eq!(
        try_claim_payout(&attribution, &first, alice).unwrap(),
        u(40_000)
    );

    // More fees; the next report raises alice's total by 1,234 wei, keeps
    // bob's and adds dave.
    route_influence_fee(&splitter, MODEL, FEE, datanet);
    let second = Payouts::new(
        attribution.address(),
        MODEL,
        NATIVE,
        entries(&[(alice, 41_234), (bob, 10_000), (dave, 777)]),
    );
    assert_eq!(commit(&attribution, &second), u(2));

    // Epoch 1's proofs are superseded.
    assert_error(
        try_claim_payout(&attribution, &first, bob).unwrap_err(),
        invalid_proof(MODEL, NATIVE, bob, u(10_000)),
    );
    assert_eq!(
        try_claim_payout(&attribution, &second, alice).unwrap(),
        u(1_234)
    );
    attribution.assert_emitted(&influence_claimed(MODEL, alice, 2, u(41_234), u(1_234)));
    assert_eq!(
        try_claim_payout(&attribution, &second, bob).unwrap(),
        u(10_000)
    );
    assert_eq!(
        try_claim_payout(&attribution, &second, dave).unwrap(),
        u(777)
    );
    assert_eq!(
        released(&attribution, MODEL, NATIVE),
        u(41_234 + 10_000 + 777)
    );

    // Claims accumulate in the splitter until the account claims there.
    assert_eq!(claimable(&splitter, alice, NATIVE, &[], &[]), wei(41_234));
    assert_eq!(
        claim(&splitter, alice, NATIVE, &[], &[], alice_wallet.address()),
        u(41_234)
    );
    assert_eq!(alice_wallet.balance(), u(41_234));
    assert_eq!(
        claim(&splitter, dave, NATIVE, &[], &[], dave_wallet.address()),
        u(777)
    );
    assert_eq!(dave_wallet.balance(), u(777));
}

#[motsu::test]
fn forged_proofs_are_rejected(
    attribution: Contract<Attribution>,
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    alice: Address,
    bob: Address,
    mallory: Address,
) {
    setup(&attribution, &registry, &splitter);
    let payouts = Payouts::new(
        attribution.address(),
        MODEL,
        NATIVE,
        entries(&[(alice, 50_000), (bob, 20_000)]),
    );
    commit(&attribution, &payouts);
    let proof = payouts.proof(alice);
    let amount = payouts.amount(alice);
    let claim_as = |account: Address, amount: U256, proof: Vec<B256>| {
        try_claim_influence(&attribution, account, MODEL, NATIVE, amount, proof)
    };

    // A higher amount with alice's proof; alice's proof and amount used by
    // someone else; a tampered, truncated, extended or empty proof; bob's
    // proof for alice.
    assert_error(
        claim_as(alice, amount + u(1), proof.clone()).unwrap_err(),
        invalid_proof(MODEL, NATIVE, alice, amount + u(1)),
    );
    for account in [bob, mallory] {
        assert_error(
            claim_as(account, amount, proof.clone()).unwrap_err(),
            invalid_proof(MODEL, NATIVE, account, amount),
        );
    }
    let mut tampered = proof.clone();
    tampered[0] = B256::repeat_byte(0x66);
    let mut extended = proof.clone();
    extended.push(proof[0]);
    for forged in [
        tampered,
        proof[..proof.len() - 1].to_vec(),
        extended,
        vec![],
        payouts.proof(bob),
    ] {
        assert_error(
            claim_as(alice, amount, forged).unwrap_err(),
            invalid_proof(MODEL, NATIVE, alice, amount),
        );
    }
    // The root itself as a "leaf" (an inner node) does not pass either.
    assert_error(
        claim_as(alice, amount, vec![payouts.root()]).unwrap_err(),
        invalid_proof(MODEL, NATIVE, alice, amount),
    );
    // More than 64 hashes.
    assert_error(
        claim_as(alice, amount, vec![B256::ZERO; MAX_PROOF_LEN + 1]).unwrap_err(),
        AttributionProofTooLong {
            length: U256::from(MAX_PROOF_LEN + 1),
            maxLength: U256::from(MAX_PROOF_LEN),
        },
    );
    assert_nothing_released(&attribution, &splitter, MODEL, &[alice, bob, mallory]);
    // The genuine claim still works.
    assert_eq!(claim_as(alice, amount, proof).unwrap(), amount);
}

#[motsu::test]
fn a_proof_does_not_replay_on_another_model_token_deployment_or_chain(
    attribution: Contract<Attribution>,
    other_attribution: Contract<Attribution>,
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    alice: Address,
    erc20: Address,
) {
    let datanet = setup(&attribution, &registry, &splitter);
    // Model 2 has escrow too, and the same attestor.
    set_model_attestor(&attribution, 2, ATTESTOR);
    route_influence_fee(&splitter, 2, FEE, datanet);
    let payouts = Payouts::new(
        attribution.address(),
        MODEL,
        NATIVE,
        entries(&[(alice, 30_000)]),
    );
    let (amount, proof) = (payouts.amount(alice), payouts.proof(alice));
    commit(&attribution, &payouts);

    // The attestor commits the very same root for model 2 and for model 1
    // in another token: alice's leaf names model 1 and the native token,
    // so it is in neither.
    let total = payouts.total();
    try_commit(
        &attribution,
        ATTESTOR,
        2,
        NATIVE,
        payouts.root(),
        B256::repeat_byte(1),
        total,
    )
    .unwrap();
    try_commit(
        &attribution,
        ATTESTOR,
        MODEL,
        erc20,
        payouts.root(),
        B256::repeat_byte(1),
        U256::ZERO,
    )
    .unwrap();
    assert_error(
        try_claim_influence(&attribution, alice, 2, NATIVE, amount, proof.clone()).unwrap_err(),
        invalid_proof(2, NATIVE, alice, amount),
    );
    assert_error(
        try_claim_influence(&attribution, alice, MODEL, erc20, amount, proof.clone()).unwrap_err(),
        invalid_proof(MODEL, erc20, alice, amount),
    );

    // Another attribution deployment (same registry and splitter) with the
    // same root: its address is in the leaf.
    other_attribution
        .sender(ADMIN)
        .constructor(ADMIN, registry.address(), splitter.address())
        .motsu_unwrap();
    other_attribution
        .sender(ADMIN)
        .grant_role(attribution_support::market_role(), MARKET)
        .motsu_unwrap();
    appoint_attestor(&other_attribution, MODEL);
    commit(&other_attribution, &payouts);
    assert_error(
        try_claim_influence(
            &other_attribution,
            alice,
            MODEL,
            NATIVE,
            amount,
            proof.clone(),
        )
        .unwrap_err(),
        invalid_proof(MODEL, NATIVE, alice, amount),
    );

    // The same deployment on another chain id.
    VM::context().set_chain_id(CHAIN_ID + 1);
    assert_error(
        try_claim_influence(&attribution, alice, MODEL, NATIVE, amount, proof.clone()).unwrap_err(),
        invalid_proof(MODEL, NATIVE, alice, amount),
    );
    VM::context().set_chain_id(CHAIN_ID);
    assert_nothing_released(&attribution, &splitter, 2, &[alice]);

    // Where it belongs, it pays.
    assert_eq!(
        try_claim_influence(&attribution, alice, MODEL, NATIVE, amount, proof).unwrap(),
        amount
    );
    assert_eq!(escrow(&splitter, 2, NATIVE).1, U256::ZERO);
}

#[motsu::test]
fn leaves_summing_above_the_total_cannot_overdraw_it(
    attribution: Contract<Attribution>,
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    alice: Address,
    bob: Address,
) {
    setup(&attribution, &registry, &splitter);
    // The leaves sum to 1,500 but the attestor commits a total of 1,000.
    let payouts = Payouts::new(
        attribution.address(),
        MODEL,
        NATIVE,
        vec![(alice, u(900)), (bob, u(600))],
    );
    try_commit(
        &attribution,
        ATTESTOR,
        MODEL,
        NATIVE,
        payouts.root(),
        B256::repeat_byte(1),
        u(1_000),
    )
    .unwrap();
    assert_eq!(
        try_claim_payout(&attribution, &payouts, alice).unwrap(),
        u(900)
    );
    assert_error(
        try_claim_payout(&attribution, &payouts, bob).unwrap_err(),
        AttributionTotalExceeded {
            modelId: U256::from(MODEL),
            token: NATIVE,
            cumulativeTotal: u(1_000),
            released: u(1_500),
        },
    );
    assert_eq!(claimed(&attribution, MODEL, NATIVE, bob), U256::ZERO);
    assert_eq!(released(&attribution, MODEL, NATIVE), u(900));

    // A corrected epoch with the right total lets bob claim.
    try_commit(
        &attribution,
        ATTESTOR,
        MODEL,
        NATIVE,
        payouts.root(),
        B256::repeat_byte(2),
        u(1_500),
    )
    .unwrap();
    assert_eq!(
        try_claim_payout(&attribution, &payouts, bob).unwrap(),
        u(600)
    );
    assert_eq!(escrow(&splitter, MODEL, NATIVE).1, u(1_500));
}

#[motsu::test]
fn nothing_is_claimable_before_the_first_epoch(
    attribution: Contract<Attribution>,
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    alice: Address,
) {
    setup(&attribution, &registry, &splitter);
    assert_error(
        try_claim_influence(&attribution, alice, MODEL, NATIVE, u(1), vec![]).unwrap_err(),
        AttributionUnknownEpoch {
            modelId: U256::from(MODEL),
            token: NATIVE,
            epoch: U256::ZERO,
        },
    );
    assert_nothing_released(&attribution, &splitter, MODEL, &[alice]);
}

#[motsu::test]
fn a_splitter_refusing_the_release_reverts_the_claim(
    attribution: Contract<Attribution>,
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    alice: Address,
) {
    setup(&attribution, &registry, &splitter);
    let payouts = Payouts::new(
        attribution.address(),
        MODEL,
        NATIVE,
        entries(&[(alice, 5_000)]),
    );
    commit(&attribution, &payouts);
    let role = splitter_support::role(ATTRIBUTION_ROLE);
    splitter
        .sender(ADMIN)
        .revoke_role(role, attribution.address())
        .motsu_unwrap();
    assert_error(
        try_claim_payout(&attribution, &payouts, alice).unwrap_err(),
        AttributionPeerCallFailed {
            peer: splitter.address(),
        },
    );
    // The claim's own writes were rolled back with it.
    assert_nothing_released(&attribution, &splitter, MODEL, &[alice]);

    splitter
        .sender(ADMIN)
        .grant_role(role, attribution.address())
        .motsu_unwrap();
    assert_eq!(
        try_claim_payout(&attribution, &payouts, alice).unwrap(),
        u(5_000)
    );
}
