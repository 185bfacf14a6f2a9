//! `datanet_registry::contribute_signed`: EIP-712 relayed contributions. The
//! digest is built here independently of the contract, with alloy's `sol!`
//! struct, `eip712_domain!` and `SolStruct::eip712_signing_hash`.
mod common;
mod registry_support;

use alloy_primitives::{uint, Address, PrimitiveSignature, B256, U256};
use alloy_signer::SignerSync;
use alloy_sol_types::{eip712_domain, SolStruct};
use datanet_registry::{
    ContributionSubmitted, DatanetRegistry, NonceUsed, CONTRIBUTION_TYPEHASH, DATANET_PAUSED,
};
use integration_tests::MockErc20;
use motsu::prelude::*;
use registry_support::{
    contribution_count, contribution_view, events_of, expect_err, native_balance, pending_record,
    snapshot, NOW,
};
use reward_splitter::RewardSplitter;

use common::{content, deploy_erc20, deploy_native, owner_datanet, BOND, COOLDOWN};

mod typed {
    alloy_sol_types::sol! {
        /// The EIP-712 message a contributor signs.
        #[derive(Debug)]
        struct Contribution {
            address contributor;
            uint256 datanetId;
            bytes32 contentHash;
            string uri;
            uint256 nonce;
            uint256 deadline;
        }
    }
}
use typed::Contribution as Message;

/// motsu's default chain id (Arbitrum One).
const CHAIN: u64 = 42_161;
/// secp256k1 group order.
const SECP256K1_N: U256 =
    uint!(0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141_U256);
/// Native funds given to relayers.
const FUNDS: U256 = uint!(1_000_000_U256);

/// A later deadline.
fn deadline() -> U256 {
    U256::from(NOW + 3_600)
}

/// The EIP-712 digest of `msg` for a registry at `registry` on `chain_id`.
fn digest(chain_id: u64, registry: Address, msg: &Message) -> B256 {
    let domain = eip712_domain! {
        name: "DatanetRegistry",
        version: "1",
        chain_id: chain_id,
        verifying_contract: registry,
    };
    msg.eip712_signing_hash(&domain)
}

/// A signature as the contract takes it.
#[derive(Clone, Copy, Debug)]
struct Sig {
    v: u8,
    r: B256,
    s: B256,
    raw: PrimitiveSignature,
}

fn sign(account: &Account, digest: B256) -> Sig {
    let raw = account.signer().sign_hash_sync(&digest).expect("signs");
    Sig {
        v: 27 + u8::from(raw.v()),
        r: B256::from(raw.r().to_be_bytes::<32>()),
        s: B256::from(raw.s().to_be_bytes::<32>()),
        raw,
    }
}

/// Who a signature recovers to for `digest`, computed off-contract.
fn recovered(sig: &Sig, digest: B256) -> Address {
    sig.raw
        .recover_address_from_prehash(&digest)
        .expect("recovers")
}

fn message(contributor: Address, datanet: U256, hash: B256, uri: &str, nonce: u64) -> Message {
    Message {
        contributor,
        datanetId: datanet,
        contentHash: hash,
        uri: uri.into(),
        nonce: U256::from(nonce),
        deadline: deadline(),
    }
}

/// Submits `msg` with `sig` through `relayer`, paying `value`.
fn submit(
    registry: &Contract<DatanetRegistry>,
    relayer: Address,
    value: U256,
    msg: &Message,
    sig: &Sig,
) -> Result<U256, datanet_registry::Error> {
    registry.sender_and_value(relayer, value).contribute_signed(
        msg.contributor,
        msg.datanetId,
        msg.contentHash,
        msg.uri.clone(),
        msg.deadline,
        sig.v,
        sig.r,
        sig.s,
    )
}

/// Native registry with one owner-reviewed datanet of bond [`BOND`]; funds
/// the relayer.
fn setup(
    registry: &Contract<DatanetRegistry>,
    splitter: &Contract<RewardSplitter>,
    owner: Address,
    relayer: Address,
) -> U256 {
    deploy_native(registry, splitter, owner, COOLDOWN);
    relayer.fund(FUNDS);
    owner_datanet(registry, owner, BOND)
}

#[test]
fn typehash_matches_the_eip712_struct() {
    let msg = message(Address::ZERO, U256::ZERO, B256::ZERO, "", 0);
    assert_eq!(msg.eip712_type_hash(), B256::from(CONTRIBUTION_TYPEHASH));
    assert_eq!(
        Message::eip712_encode_type(),
        "Contribution(address contributor,uint256 datanetId,bytes32 contentHash,string uri,uint256 nonce,uint256 deadline)"
    );
}

#[motsu::test]
fn signed_contribution_is_attributed_to_the_signer(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    owner: Address,
    relayer: Address,
    writer: Account,
) {
    let ds = setup(&registry, &splitter, owner, relayer);
    assert_eq!(
        registry.sender(relayer).nonces(writer.address()),
        U256::ZERO
    );

    let msg = message(writer.address(), ds, content(1), "ipfs://signed", 0);
    let sig = sign(&writer, digest(CHAIN, registry.address(), &msg));
    let id = submit(&registry, relayer, BOND, &msg, &sig).motsu_unwrap();

    assert_eq!(id, U256::from(1));
    assert_eq!(
        contribution_view(&registry, id),
        pending_record(ds, writer.address(), content(1))
    );
    assert_eq!(
        registry.sender(relayer).contribution_id_of(ds, content(1)),
        id
    );
    assert_eq!(
        registry.sender(relayer).nonces(writer.address()),
        U256::from(1)
    );
    registry.assert_emitted(&ContributionSubmitted {
        contributionId: id,
        datanetId: ds,
        contributor: writer.address(),
        contentHash: content(1),
        uri: "ipfs://signed".into(),
    });
    registry.assert_emitted(&NonceUsed {
        contributor: writer.address(),
        nonce: U256::ZERO,
    });
    // The relayer paid the bond; the contributor paid nothing.
    assert_eq!(native_balance(relayer), FUNDS - BOND);
    assert_eq!(writer.balance(), U256::ZERO);
    assert_eq!(registry.balance(), BOND);

    // The next signature uses nonce 1.
    let msg = message(writer.address(), ds, content(2), "", 1);
    let sig = sign(&writer, digest(CHAIN, registry.address(), &msg));
    let id = submit(&registry, relayer, BOND, &msg, &sig).motsu_unwrap();
    assert_eq!(id, U256::from(2));
    assert_eq!(
        contribution_view(&registry, id).contributor,
        writer.address()
    );
    assert_eq!(
        registry.sender(relayer).nonces(writer.address()),
        U256::from(2)
    );
    assert_eq!(registry.balance(), BOND * U256::from(2));
}

#[motsu::test]
fn contributor_may_relay_its_own_signature(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    owner: Address,
    relayer: Address,
    writer: Account,
) {
    let ds = setup(&registry, &splitter, owner, relayer);
    writer.fund(FUNDS);
    let msg = message(writer.address(), ds, content(1), "", 0);
    let sig = sign(&writer, digest(CHAIN, registry.address(), &msg));
    let id = submit(&registry, writer.address(), BOND, &msg, &sig).motsu_unwrap();
    assert_eq!(
        contribution_view(&registry, id).contributor,
        writer.address()
    );
    assert_eq!(writer.balance(), FUNDS - BOND);
}

#[motsu::test]
fn replayed_signature_fails(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    owner: Address,
    relayer: Address,
    writer: Account,
) {
    let ds = setup(&registry, &splitter, owner, relayer);
    let msg = message(writer.address(), ds, content(1), "ipfs://once", 0);
    let sig = sign(&writer, digest(CHAIN, registry.address(), &msg));
    submit(&registry, relayer, BOND, &msg, &sig).motsu_unwrap();

    let before = snapshot(&registry, &[relayer, registry.address()]);
    let err = expect_err!(submit(&registry, relayer, BOND, &msg, &sig), InvalidSigner);
    // The contract now hashes nonce 1, so the signature recovers to someone
    // else.
    let mut with_next_nonce = msg.clone();
    with_next_nonce.nonce = U256::from(1);
    let expected = recovered(&sig, digest(CHAIN, registry.address(), &with_next_nonce));
    assert_ne!(expected, writer.address());
    assert_eq!((err.signer, err.contributor), (expected, writer.address()));
    assert_eq!(snapshot(&registry, &[relayer, registry.address()]), before);
    assert_eq!(
        registry.sender(relayer).nonces(writer.address()),
        U256::from(1)
    );

    // Even for a different datanet where the hash would not be a duplicate.
    let ds2 = owner_datanet(&registry, owner, BOND);
    let mut elsewhere = msg.clone();
    elsewhere.datanetId = ds2;
    expect_err!(
        submit(&registry, relayer, BOND, &elsewhere, &sig),
        InvalidSigner
    );
    assert_eq!(
        registry.sender(relayer).contribution_id_of(ds2, content(1)),
        U256::ZERO
    );
}

#[motsu::test]
fn signature_for_a_future_nonce_fails(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    owner: Address,
    relayer: Address,
    writer: Account,
) {
    let ds = setup(&registry, &splitter, owner, relayer);
    let msg = message(writer.address(), ds, content(1), "", 1);
    let sig = sign(&writer, digest(CHAIN, registry.address(), &msg));
    let err = expect_err!(submit(&registry, relayer, BOND, &msg, &sig), InvalidSigner);
    let mut current = msg.clone();
    current.nonce = U256::ZERO;
    assert_eq!(
        err.signer,
        recovered(&sig, digest(CHAIN, registry.address(), &current))
    );
    assert_eq!(
        registry.sender(relayer).nonces(writer.address()),
        U256::ZERO
    );
}

#[motsu::test]
fn expired_signature_fails(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    owner: Address,
    relayer: Address,
    writer: Account,
) {
    let ds = setup(&registry, &splitter, owner, relayer);
    let before = snapshot(&registry, &[relayer, registry.address()]);
    for past in [U256::ZERO, U256::from(NOW - 1)] {
        let mut msg = message(writer.address(), ds, content(1), "", 0);
        msg.deadline = past;
        let sig = sign(&writer, digest(CHAIN, registry.address(), &msg));
        let err = expect_err!(
            submit(&registry, relayer, BOND, &msg, &sig),
            ExpiredSignature
        );
        assert_eq!(err.deadline, past);
    }
    assert_eq!(snapshot(&registry, &[relayer, registry.address()]), before);
    assert_eq!(
        registry.sender(relayer).nonces(writer.address()),
        U256::ZERO
    );

    // A deadline equal to the block time is still valid.
    let mut msg = message(writer.address(), ds, content(1), "", 0);
    msg.deadline = U256::from(NOW);
    let sig = sign(&writer, digest(CHAIN, registry.address(), &msg));
    submit(&registry, relayer, BOND, &msg, &sig).motsu_unwrap();
    assert_eq!(
        registry.sender(relayer).nonces(writer.address()),
        U256::from(1)
    );
}

#[motsu::test]
fn signature_for_another_chain_fails(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    owner: Address,
    relayer: Address,
    writer: Account,
) {
    let ds = setup(&registry, &splitter, owner, relayer);
    let msg = message(writer.address(), ds, content(1), "", 0);

    // Signed for chain 1, submitted on the default chain.
    let sig_mainnet = sign(&writer, digest(1, registry.address(), &msg));
    let err = expect_err!(
        submit(&registry, relayer, BOND, &msg, &sig_mainnet),
        InvalidSigner
    );
    assert_eq!(
        (err.signer, err.contributor),
        (
            recovered(&sig_mainnet, digest(CHAIN, registry.address(), &msg)),
            writer.address()
        )
    );

    // Signed for the default chain, submitted after the chain id changed.
    let sig_arbitrum = sign(&writer, digest(CHAIN, registry.address(), &msg));
    VM::context().set_chain_id(10);
    let err = expect_err!(
        submit(&registry, relayer, BOND, &msg, &sig_arbitrum),
        InvalidSigner
    );
    assert_eq!(
        err.signer,
        recovered(&sig_arbitrum, digest(10, registry.address(), &msg))
    );
    assert_ne!(err.signer, writer.address());
    assert_eq!(contribution_count(&registry), U256::ZERO);

    // On chain 1 the chain-1 signature is the valid one.
    VM::context().set_chain_id(1);
    expect_err!(
        submit(&registry, relayer, BOND, &msg, &sig_arbitrum),
        InvalidSigner
    );
    let id = submit(&registry, relayer, BOND, &msg, &sig_mainnet).motsu_unwrap();
    assert_eq!(
        contribution_view(&registry, id).contributor,
        writer.address()
    );
}

#[motsu::test]
fn signature_for_another_registry_fails(
    registry: Contract<DatanetRegistry>,
    other_registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    other_splitter: Contract<RewardSplitter>,
    owner: Address,
    relayer: Address,
    writer: Account,
) {
    let ds = setup(&registry, &splitter, owner, relayer);
    // A splitter serves one registry: datanet ids are the registry's.
    deploy_native(&other_registry, &other_splitter, owner, COOLDOWN);
    let other_ds = owner_datanet(&other_registry, owner, BOND);
    assert_eq!(ds, other_ds);

    let msg = message(writer.address(), ds, content(1), "", 0);
    let sig = sign(&writer, digest(CHAIN, registry.address(), &msg));
    let err = expect_err!(
        submit(&other_registry, relayer, BOND, &msg, &sig),
        InvalidSigner
    );
    assert_eq!(
        (err.signer, err.contributor),
        (
            recovered(&sig, digest(CHAIN, other_registry.address(), &msg)),
            writer.address()
        )
    );
    assert_eq!(contribution_count(&other_registry), U256::ZERO);
    assert_eq!(other_registry.balance(), U256::ZERO);
    assert_eq!(
        other_registry.sender(relayer).nonces(writer.address()),
        U256::ZERO
    );

    // The intended registry accepts it.
    submit(&registry, relayer, BOND, &msg, &sig).motsu_unwrap();
    assert_eq!(contribution_count(&registry), U256::from(1));
}

#[motsu::test]
fn tampered_fields_fail_naming_the_recovered_signer(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    owner: Address,
    relayer: Address,
    writer: Account,
    impostor: Address,
) {
    let ds = setup(&registry, &splitter, owner, relayer);
    let ds2 = owner_datanet(&registry, owner, BOND);
    let msg = message(writer.address(), ds, content(1), "ipfs://real", 0);
    let sig = sign(&writer, digest(CHAIN, registry.address(), &msg));

    let mut tampered = Vec::new();
    let mut m = msg.clone();
    m.datanetId = ds2;
    tampered.push(("datanet", m));
    let mut m = msg.clone();
    m.contentHash = content(2);
    tampered.push(("content hash", m));
    let mut m = msg.clone();
    m.uri = "ipfs://fake".into();
    tampered.push(("uri", m));
    let mut m = msg.clone();
    m.uri = String::new();
    tampered.push(("empty uri", m));
    let mut m = msg.clone();
    m.deadline = deadline() + U256::from(1);
    tampered.push(("deadline", m));
    let mut m = msg.clone();
    m.contributor = impostor;
    tampered.push(("contributor", m));

    let before = snapshot(&registry, &[relayer, registry.address()]);
    for (what, m) in &tampered {
        let err = expect_err!(submit(&registry, relayer, BOND, m, &sig), InvalidSigner);
        let expected = recovered(&sig, digest(CHAIN, registry.address(), m));
        assert_ne!(expected, writer.address(), "{what}");
        assert_eq!(
            (err.signer, err.contributor),
            (expected, m.contributor),
            "tampered {what}"
        );
    }
    assert_eq!(snapshot(&registry, &[relayer, registry.address()]), before);
    assert_eq!(
        registry.sender(relayer).nonces(writer.address()),
        U256::ZERO
    );
    assert_eq!(registry.sender(relayer).nonces(impostor), U256::ZERO);

    // The untampered message still goes through.
    submit(&registry, relayer, BOND, &msg, &sig).motsu_unwrap();
}

#[motsu::test]
fn zero_contributor_fails(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    owner: Address,
    relayer: Address,
    writer: Account,
) {
    let ds = setup(&registry, &splitter, owner, relayer);
    let msg = message(Address::ZERO, ds, content(1), "", 0);
    let sig = sign(&writer, digest(CHAIN, registry.address(), &msg));
    expect_err!(submit(&registry, relayer, BOND, &msg, &sig), ZeroAddress);
    assert_eq!(contribution_count(&registry), U256::ZERO);
    assert_eq!(registry.sender(relayer).nonces(Address::ZERO), U256::ZERO);
}

#[motsu::test]
fn malleable_high_s_signature_fails(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    owner: Address,
    relayer: Address,
    writer: Account,
) {
    let ds = setup(&registry, &splitter, owner, relayer);
    let msg = message(writer.address(), ds, content(1), "", 0);
    let hash = digest(CHAIN, registry.address(), &msg);
    let sig = sign(&writer, hash);

    // The twin signature (n - s, flipped parity) is just as valid for ecrecover.
    let high_s = SECP256K1_N - sig.raw.s();
    let twin = PrimitiveSignature::new(sig.raw.r(), high_s, !sig.raw.v());
    assert_eq!(
        twin.recover_address_from_prehash(&hash).expect("recovers"),
        writer.address()
    );
    let twin = Sig {
        v: 27 + u8::from(twin.v()),
        r: sig.r,
        s: B256::from(high_s.to_be_bytes::<32>()),
        raw: twin,
    };
    let err = expect_err!(
        submit(&registry, relayer, BOND, &msg, &twin),
        EcdsaInvalidSignatureS
    );
    assert_eq!(err.s, twin.s);
    assert_eq!(
        registry.sender(relayer).nonces(writer.address()),
        U256::ZERO
    );
    assert_eq!(contribution_count(&registry), U256::ZERO);
}

#[motsu::test]
fn malformed_v_fails(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    owner: Address,
    relayer: Address,
    writer: Account,
) {
    let ds = setup(&registry, &splitter, owner, relayer);
    let msg = message(writer.address(), ds, content(1), "", 0);
    let sig = sign(&writer, digest(CHAIN, registry.address(), &msg));
    for v in [0u8, 1, 29, u8::MAX] {
        let bad = Sig { v, ..sig };
        expect_err!(
            submit(&registry, relayer, BOND, &msg, &bad),
            EcdsaInvalidSignature
        );
    }
    // r = 0 recovers nobody.
    let bad = Sig {
        r: B256::ZERO,
        ..sig
    };
    expect_err!(
        submit(&registry, relayer, BOND, &msg, &bad),
        EcdsaInvalidSignature
    );
    assert_eq!(
        registry.sender(relayer).nonces(writer.address()),
        U256::ZERO
    );
    assert_eq!(contribution_count(&registry), U256::ZERO);
}

/// A reverted call changes nothing: the nonce is consumed before the bond is
/// checked, and a wrong value must give it back (and leave no record, event
/// or value behind), so the same signature still works afterwards.
#[motsu::test]
fn failed_signed_submission_keeps_the_nonce(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    owner: Address,
    relayer: Address,
    writer: Account,
) {
    let ds = setup(&registry, &splitter, owner, relayer);
    let msg = message(writer.address(), ds, content(1), "ipfs://x", 0);
    let sig = sign(&writer, digest(CHAIN, registry.address(), &msg));
    let accounts = [relayer, registry.address(), writer.address()];
    let before = snapshot(&registry, &accounts);

    for value in [U256::ZERO, BOND - U256::from(1), BOND + U256::from(1)] {
        let err = expect_err!(submit(&registry, relayer, value, &msg, &sig), WrongValue);
        assert_eq!((err.expected, err.received), (BOND, value));
        assert_eq!(snapshot(&registry, &accounts), before);
        assert_eq!(
            registry.sender(relayer).nonces(writer.address()),
            U256::ZERO
        );
        assert_eq!(
            registry.sender(relayer).contribution_id_of(ds, content(1)),
            U256::ZERO
        );
    }
    assert!(events_of::<ContributionSubmitted>(&registry).is_empty());

    // Paused datanet: same story.
    registry
        .sender(owner)
        .set_status(ds, DATANET_PAUSED)
        .motsu_unwrap();
    let before = snapshot(&registry, &accounts);
    let err = expect_err!(
        submit(&registry, relayer, BOND, &msg, &sig),
        DatanetNotActive
    );
    assert_eq!((err.datanetId, err.status), (ds, DATANET_PAUSED));
    assert_eq!(snapshot(&registry, &accounts), before);
    assert_eq!(
        registry.sender(relayer).nonces(writer.address()),
        U256::ZERO
    );
    registry.sender(owner).set_status(ds, 0).motsu_unwrap();

    let id = submit(&registry, relayer, BOND, &msg, &sig).motsu_unwrap();
    assert_eq!(
        contribution_view(&registry, id).contributor,
        writer.address()
    );
    assert_eq!(
        registry.sender(relayer).nonces(writer.address()),
        U256::from(1)
    );
}

#[motsu::test]
fn signed_duplicate_names_the_existing_contribution(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    owner: Address,
    relayer: Address,
    writer: Account,
) {
    let ds = setup(&registry, &splitter, owner, relayer);
    let existing = registry
        .sender_and_value(relayer, BOND)
        .contribute(ds, content(1), String::new())
        .motsu_unwrap();
    let msg = message(writer.address(), ds, content(1), "", 0);
    let sig = sign(&writer, digest(CHAIN, registry.address(), &msg));
    let err = expect_err!(
        submit(&registry, relayer, BOND, &msg, &sig),
        DuplicateContent
    );
    assert_eq!(
        (err.datanetId, err.contentHash, err.existingId),
        (ds, content(1), existing)
    );
    assert_eq!(
        registry.sender(relayer).nonces(writer.address()),
        U256::ZERO
    );
    assert_eq!(contribution_view(&registry, existing).contributor, relayer);
}

#[motsu::test]
fn erc20_bond_of_a_signed_contribution_is_pulled_from_the_relayer(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    token: Contract<MockErc20>,
    owner: Address,
    relayer: Address,
    writer: Account,
) {
    deploy_erc20(&registry, &splitter, &token, owner, COOLDOWN);
    let ds = owner_datanet(&registry, owner, BOND);
    token.sender(owner).mint(relayer, FUNDS).motsu_unwrap();
    token
        .sender(relayer)
        .approve(registry.address(), U256::MAX)
        .motsu_unwrap();
    // The contributor holds tokens and approved too, but must not be charged.
    token
        .sender(owner)
        .mint(writer.address(), FUNDS)
        .motsu_unwrap();
    token
        .sender(writer.address())
        .approve(registry.address(), U256::MAX)
        .motsu_unwrap();

    let msg = message(writer.address(), ds, content(1), "", 0);
    let sig = sign(&writer, digest(CHAIN, registry.address(), &msg));
    let id = submit(&registry, relayer, U256::ZERO, &msg, &sig).motsu_unwrap();
    assert_eq!(
        contribution_view(&registry, id).contributor,
        writer.address()
    );
    assert_eq!(token.sender(owner).balance_of(relayer), FUNDS - BOND);
    assert_eq!(token.sender(owner).balance_of(writer.address()), FUNDS);
    assert_eq!(token.sender(owner).balance_of(registry.address()), BOND);
}
