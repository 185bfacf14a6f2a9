//! Access matrix: every state-changing function of every program (one row
//! per function, or per case where the caller's role depends on the
//! arguments), called with otherwise valid arguments by every kind of actor,
//! each call in a fresh, fully wired world. Exactly the row's allowed actors
//! succeed; every other actor gets the row's exact typed error (its revert
//! data compared byte for byte with alloy's encoding). A mismatch names the
//! program, the function, the case and the actor; all mismatches are listed
//! together.
//!
//! The peer contracts' roles are held, besides the real contracts, by
//! stand-in accounts (`RegistryPeer`, `MarketPeer`, `AttributionPeer`) that
//! the tests can send from. Every actor's address holds a `Wallet`, so
//! native payouts to it (claims, refunds, stake withdrawals) work in motsu.
//!
//! `every_state_changing_abi_function_has_a_row` ties the rows to the
//! committed ABIs, so a new function cannot go without access rows.
mod abi_support;
mod access_support;
mod attribution_support;
mod common;
mod splitter_support;
mod stake_review_support;

use access_support::*;
use alloy_primitives::{keccak256, Address, B256, U256};
use alloy_signer::SignerSync;
use alloy_sol_types::{eip712_domain, SolError, SolStruct};
use attribution::{
    AttributionInvalidProof, AttributionNotModelAttestor, MARKET_ROLE as A_MARKET_ROLE,
};
use common::{content, BOND, MIN_STAKE, NOW};
use datanet_registry::{
    RegistryNotDatanetOwner, RegistryNotPendingOwner, RegistryNotValidator, RegistryNothingToClaim,
    RegistryUnstakeNotRequested, DATANET_PAUSED, REVIEW_OWNER,
};
use model_market::{ModelMarketNotOwner, ModelMarketNotPendingOwner};
use motsu::prelude::*;
use reward_splitter::{
    AccessControlBadConfirmation, AccessControlUnauthorizedAccount, RewardSplitterNothingToClaim,
    ATTRIBUTION_ROLE, MARKET_ROLE, PAUSER_ROLE, POOL_VALIDATORS, REGISTRY_ROLE,
};
use splitter_support::role;

// -------------------------------------------------------------------- rows

/// A call's outcome: success, or the revert data.
type Outcome = Result<(), Vec<u8>>;

fn outcome<T, E: Into<Vec<u8>> + core::fmt::Debug>(res: Result<T, E>) -> Outcome {
    res.motsu_res().map(|_| ()).map_err(Into::into)
}

/// One function (or one case of it): who may call it, how, and what the
/// others get.
struct Row {
    program: &'static str,
    /// The ABI name of the function.
    function: &'static str,
    /// Which case of the function, if it has several rows.
    case: &'static str,
    allowed: &'static [Actor],
    /// Extra state the call needs, set up by its rightful caller.
    prepare: fn(&World),
    /// The call, made by `caller`, with value where it is payable.
    call: fn(&World, Address) -> Outcome,
    /// The exact revert data a caller outside `allowed` gets.
    denied: fn(Address) -> Vec<u8>,
}

fn nothing(_: &World) {}

fn unreachable_denial(_: Address) -> Vec<u8> {
    unreachable!("every actor may call this function")
}

fn unauthorized(account: Address, role: [u8; 32]) -> Vec<u8> {
    AccessControlUnauthorizedAccount {
        account,
        neededRole: role.into(),
    }
    .abi_encode()
}

fn not_admin(account: Address) -> Vec<u8> {
    unauthorized(account, [0; 32])
}

fn bad_confirmation(_: Address) -> Vec<u8> {
    AccessControlBadConfirmation {}.abi_encode()
}

/// Runs every cell of `rows` and fails listing every mismatch.
fn run(rows: &[Row]) {
    let mut failures = Vec::new();
    let mut cells = 0;
    for row in rows {
        for actor in ACTORS {
            cells += 1;
            let world = World::new();
            (row.prepare)(&world);
            let caller = actor.address();
            let actual = (row.call)(&world, caller);
            let allowed = row.allowed.contains(&actor);
            let expected: Outcome = if allowed {
                Ok(())
            } else {
                Err((row.denied)(caller))
            };
            if actual != expected {
                let case = if row.case.is_empty() {
                    String::new()
                } else {
                    format!(" [{}]", row.case)
                };
                failures.push(format!(
                    "{}.{}{case} called by {actor:?}: expected {}, got {}",
                    row.program,
                    row.function,
                    describe(&expected),
                    describe(&actual),
                ));
            }
            drop(world);
        }
    }
    assert_eq!(cells, rows.len() * ACTORS.len());
    assert!(
        failures.is_empty(),
        "{} of {cells} cells differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

fn describe(outcome: &Outcome) -> String {
    let names: [([u8; 4], &str); 12] = [
        (
            AccessControlUnauthorizedAccount::SELECTOR,
            "AccessControlUnauthorizedAccount",
        ),
        (
            AccessControlBadConfirmation::SELECTOR,
            "AccessControlBadConfirmation",
        ),
        (
            RewardSplitterNothingToClaim::SELECTOR,
            "RewardSplitterNothingToClaim",
        ),
        (
            AttributionNotModelAttestor::SELECTOR,
            "AttributionNotModelAttestor",
        ),
        (AttributionInvalidProof::SELECTOR, "AttributionInvalidProof"),
        (RegistryNotDatanetOwner::SELECTOR, "RegistryNotDatanetOwner"),
        (RegistryNotPendingOwner::SELECTOR, "RegistryNotPendingOwner"),
        (RegistryNotValidator::SELECTOR, "RegistryNotValidator"),
        (RegistryNothingToClaim::SELECTOR, "RegistryNothingToClaim"),
        (
            RegistryUnstakeNotRequested::SELECTOR,
            "RegistryUnstakeNotRequested",
        ),
        (ModelMarketNotOwner::SELECTOR, "ModelMarketNotOwner"),
        (
            ModelMarketNotPendingOwner::SELECTOR,
            "ModelMarketNotPendingOwner",
        ),
    ];
    match outcome {
        Ok(()) => "success".into(),
        Err(data) => {
            let name = data
                .get(..4)
                .and_then(|selector| names.iter().find(|(s, _)| s == selector))
                .map_or("an error", |(_, name)| name);
            format!(
                "{name} (revert data 0x{})",
                alloy_primitives::hex::encode(data)
            )
        }
    }
}

// ---------------------------------------------------------------- splitter

fn splitter_rows() -> Vec<Row> {
    const P: &str = "reward_splitter";
    vec![
        Row {
            program: P,
            function: "setProtocolFee",
            case: "",
            allowed: &[SplitterAdmin],
            prepare: nothing,
            call: |w, c| outcome(w.splitter.sender(c).set_protocol_fee(300)),
            denied: not_admin,
        },
        Row {
            program: P,
            function: "setTreasury",
            case: "",
            allowed: &[SplitterAdmin],
            prepare: nothing,
            call: |w, c| outcome(w.splitter.sender(c).set_treasury(OTHER)),
            denied: not_admin,
        },
        Row {
            program: P,
            function: "setTokenAllowed",
            case: "",
            allowed: &[SplitterAdmin],
            prepare: nothing,
            call: |w, c| {
                outcome(
                    w.splitter
                        .sender(c)
                        .set_token_allowed(w.token.address(), true),
                )
            },
            denied: not_admin,
        },
        Row {
            program: P,
            function: "pause",
            case: "",
            allowed: &[Pauser],
            prepare: nothing,
            call: |w, c| outcome(w.splitter.sender(c).pause()),
            denied: |a| unauthorized(a, PAUSER_ROLE),
        },
        Row {
            program: P,
            function: "unpause",
            case: "while paused",
            allowed: &[Pauser],
            prepare: |w| w.splitter.sender(Pauser.address()).pause().motsu_unwrap(),
            call: |w, c| outcome(w.splitter.sender(c).unpause()),
            denied: |a| unauthorized(a, PAUSER_ROLE),
        },
        Row {
            program: P,
            function: "grantRole",
            case: "PAUSER_ROLE to another account",
            allowed: &[SplitterAdmin],
            prepare: nothing,
            call: |w, c| outcome(w.splitter.sender(c).grant_role(role(PAUSER_ROLE), OTHER)),
            denied: not_admin,
        },
        Row {
            program: P,
            function: "freezeRole",
            case: "MARKET_ROLE",
            allowed: &[SplitterAdmin],
            prepare: nothing,
            call: |w, c| outcome(w.splitter.sender(c).freeze_role(role(MARKET_ROLE))),
            denied: not_admin,
        },
        Row {
            program: P,
            function: "revokeRole",
            case: "MARKET_ROLE from the market's stand-in",
            allowed: &[SplitterAdmin],
            prepare: nothing,
            call: |w, c| {
                outcome(
                    w.splitter
                        .sender(c)
                        .revoke_role(role(MARKET_ROLE), MarketPeer.address()),
                )
            },
            denied: not_admin,
        },
        Row {
            program: P,
            function: "renounceRole",
            case: "PAUSER_ROLE, confirming itself",
            allowed: ANYONE,
            prepare: nothing,
            call: |w, c| outcome(w.splitter.sender(c).renounce_role(role(PAUSER_ROLE), c)),
            denied: unreachable_denial,
        },
        Row {
            program: P,
            function: "renounceRole",
            case: "PAUSER_ROLE, confirming the pauser",
            allowed: &[Pauser],
            prepare: nothing,
            call: |w, c| {
                outcome(
                    w.splitter
                        .sender(c)
                        .renounce_role(role(PAUSER_ROLE), Pauser.address()),
                )
            },
            denied: bad_confirmation,
        },
        Row {
            program: P,
            function: "addContributorWeight",
            case: "",
            allowed: &[RegistryPeer],
            prepare: nothing,
            call: |w, c| {
                outcome(
                    w.splitter
                        .sender(c)
                        .add_contributor_weight(u(D_OWNER), OTHER, u(10)),
                )
            },
            denied: |a| unauthorized(a, REGISTRY_ROLE),
        },
        Row {
            program: P,
            function: "addValidatorShare",
            case: "",
            allowed: &[RegistryPeer],
            prepare: nothing,
            call: |w, c| {
                outcome(
                    w.splitter
                        .sender(c)
                        .add_validator_share(u(D_VALIDATORS), OTHER),
                )
            },
            denied: |a| unauthorized(a, REGISTRY_ROLE),
        },
        Row {
            program: P,
            function: "removeShares",
            case: "the validator's share",
            allowed: &[RegistryPeer],
            prepare: nothing,
            call: |w, c| {
                outcome(w.splitter.sender(c).remove_shares(
                    u(D_VALIDATORS),
                    POOL_VALIDATORS,
                    Validator.address(),
                    u(1),
                ))
            },
            denied: |a| unauthorized(a, REGISTRY_ROLE),
        },
        Row {
            program: P,
            function: "fundValidatorPool",
            case: "100 wei native",
            allowed: &[RegistryPeer],
            prepare: nothing,
            call: |w, c| {
                c.fund(u(100));
                outcome(w.splitter.sender_and_value(c, u(100)).fund_validator_pool(
                    u(D_VALIDATORS),
                    Address::ZERO,
                    u(100),
                ))
            },
            denied: |a| unauthorized(a, REGISTRY_ROLE),
        },
        Row {
            program: P,
            function: "disableValidatorPool",
            case: "",
            allowed: &[RegistryPeer],
            prepare: nothing,
            call: |w, c| {
                outcome(
                    w.splitter
                        .sender(c)
                        .disable_validator_pool(u(SPARE_DATANET)),
                )
            },
            denied: |a| unauthorized(a, REGISTRY_ROLE),
        },
        Row {
            program: P,
            function: "route",
            case: "1000 wei native",
            allowed: &[MarketPeer],
            prepare: nothing,
            call: |w, c| {
                c.fund(u(1_000));
                outcome(w.splitter.sender_and_value(c, u(1_000)).route(
                    u(9),
                    Address::ZERO,
                    u(1_000),
                    OTHER,
                    6_000,
                    3_000,
                    1_000,
                    0,
                    vec![u(D_OWNER)],
                    vec![10_000],
                ))
            },
            denied: |a| unauthorized(a, MARKET_ROLE),
        },
        Row {
            program: P,
            function: "releaseEscrow",
            case: "1 wei of model 1's escrow",
            allowed: &[AttributionPeer],
            prepare: nothing,
            call: |w, c| {
                outcome(
                    w.splitter
                        .sender(c)
                        .release_escrow(u(MODEL), Address::ZERO, OTHER, u(1)),
                )
            },
            denied: |a| unauthorized(a, ATTRIBUTION_ROLE),
        },
        Row {
            program: P,
            function: "distributePending",
            case: "a pool that held revenue and now has a share",
            allowed: ANYONE,
            prepare: |w| {
                let registry = RegistryPeer.address();
                registry.fund(u(100));
                w.splitter
                    .sender_and_value(registry, u(100))
                    .fund_validator_pool(u(SPARE_DATANET), Address::ZERO, u(100))
                    .motsu_unwrap();
                w.splitter
                    .sender(registry)
                    .add_validator_share(u(SPARE_DATANET), OTHER)
                    .motsu_unwrap();
            },
            call: |w, c| {
                outcome(w.splitter.sender(c).distribute_pending(
                    u(SPARE_DATANET),
                    POOL_VALIDATORS,
                    Address::ZERO,
                ))
            },
            denied: unreachable_denial,
        },
        Row {
            program: P,
            function: "claim",
            case: "native, from datanet 1 and 2's pools",
            allowed: &[ModelOwner, Contributor, Validator],
            prepare: nothing,
            call: |w, c| {
                outcome(w.splitter.sender(c).claim(
                    Address::ZERO,
                    vec![u(D_OWNER), u(D_VALIDATORS)],
                    vec![u(D_VALIDATORS)],
                    w.payout.address(),
                ))
            },
            denied: |a| {
                RewardSplitterNothingToClaim {
                    account: a,
                    token: Address::ZERO,
                }
                .abi_encode()
            },
        },
    ]
}

// ------------------------------------------------------------- attribution

fn attribution_rows() -> Vec<Row> {
    const P: &str = "attribution";
    vec![
        Row {
            program: P,
            function: "grantRole",
            case: "MARKET_ROLE to another account",
            allowed: &[AttributionAdmin],
            prepare: nothing,
            call: |w, c| {
                outcome(
                    w.attribution
                        .sender(c)
                        .grant_role(role(A_MARKET_ROLE), OTHER),
                )
            },
            denied: not_admin,
        },
        Row {
            program: P,
            function: "freezeRole",
            case: "MARKET_ROLE",
            allowed: &[AttributionAdmin],
            prepare: nothing,
            call: |w, c| outcome(w.attribution.sender(c).freeze_role(role(A_MARKET_ROLE))),
            denied: not_admin,
        },
        Row {
            program: P,
            function: "revokeRole",
            case: "MARKET_ROLE from the market's stand-in",
            allowed: &[AttributionAdmin],
            prepare: nothing,
            call: |w, c| {
                outcome(
                    w.attribution
                        .sender(c)
                        .revoke_role(role(A_MARKET_ROLE), MarketPeer.address()),
                )
            },
            denied: not_admin,
        },
        Row {
            program: P,
            function: "renounceRole",
            case: "MARKET_ROLE, confirming itself",
            allowed: ANYONE,
            prepare: nothing,
            call: |w, c| {
                outcome(
                    w.attribution
                        .sender(c)
                        .renounce_role(role(A_MARKET_ROLE), c),
                )
            },
            denied: unreachable_denial,
        },
        Row {
            program: P,
            function: "renounceRole",
            case: "MARKET_ROLE, confirming the market's stand-in",
            allowed: &[MarketPeer],
            prepare: nothing,
            call: |w, c| {
                outcome(
                    w.attribution
                        .sender(c)
                        .renounce_role(role(A_MARKET_ROLE), MarketPeer.address()),
                )
            },
            denied: bad_confirmation,
        },
        Row {
            program: P,
            function: "setAttestor",
            case: "",
            allowed: &[AttributionAdmin],
            prepare: nothing,
            call: |w, c| outcome(w.attribution.sender(c).set_attestor(OTHER, true)),
            denied: not_admin,
        },
        Row {
            program: P,
            function: "recordTraining",
            case: "model 7 version 1",
            allowed: &[MarketPeer],
            prepare: nothing,
            call: |w, c| {
                outcome(w.attribution.sender(c).record_training(
                    u(7),
                    u(1),
                    vec![u(D_OWNER)],
                    vec![10_000],
                    B256::repeat_byte(0x3F),
                    3_000,
                ))
            },
            denied: |a| unauthorized(a, A_MARKET_ROLE),
        },
        Row {
            program: P,
            function: "setModelAttestor",
            case: "",
            allowed: &[MarketPeer],
            prepare: nothing,
            call: |w, c| {
                outcome(
                    w.attribution
                        .sender(c)
                        .set_model_attestor(u(MODEL), Attestor.address()),
                )
            },
            denied: |a| unauthorized(a, A_MARKET_ROLE),
        },
        Row {
            program: P,
            function: "commitEpoch",
            case: "epoch 2 of model 1",
            allowed: &[Attestor],
            prepare: nothing,
            call: |w, c| {
                outcome(w.attribution.sender(c).commit_epoch(
                    u(MODEL),
                    Address::ZERO,
                    keccak256(b"root 2"),
                    keccak256(b"report 2"),
                    u(2_000),
                ))
            },
            denied: |a| {
                AttributionNotModelAttestor {
                    modelId: u(MODEL),
                    account: a,
                }
                .abi_encode()
            },
        },
        Row {
            program: P,
            function: "claimInfluence",
            case: "the contributor's leaf and proof",
            allowed: &[Contributor],
            prepare: nothing,
            call: |w, c| {
                let contributor = Contributor.address();
                outcome(w.attribution.sender(c).claim_influence(
                    u(MODEL),
                    Address::ZERO,
                    w.payouts.amount(contributor),
                    w.payouts.proof(contributor),
                ))
            },
            denied: |a| {
                AttributionInvalidProof {
                    modelId: u(MODEL),
                    token: Address::ZERO,
                    account: a,
                    cumulativeAmount: u(CONTRIBUTOR_INFLUENCE),
                }
                .abi_encode()
            },
        },
    ]
}

// ---------------------------------------------------------------- registry

mod typed {
    alloy_sol_types::sol! {
        /// The EIP-712 message a contributor signs.
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

/// Any caller relays the contributor's signed contribution of
/// `content(103)` to datanet 1, paying the bond.
fn relay_signed(w: &World, relayer: Address) -> Outcome {
    let contributor = contributor_account();
    let msg = typed::Contribution {
        contributor: contributor.address(),
        datanetId: u(D_OWNER),
        contentHash: content(103),
        uri: "ipfs://signed".into(),
        nonce: U256::ZERO,
        deadline: u(NOW + 3_600),
    };
    let domain = eip712_domain! {
        name: "DatanetRegistry",
        version: "1",
        chain_id: attribution_support::CHAIN_ID,
        verifying_contract: w.registry.address(),
    };
    let sig = contributor
        .signer()
        .sign_hash_sync(&msg.eip712_signing_hash(&domain))
        .expect("signs");
    relayer.fund(BOND);
    outcome(
        w.registry
            .sender_and_value(relayer, BOND)
            .contribute_signed(
                msg.contributor,
                msg.datanetId,
                msg.contentHash,
                msg.uri,
                msg.deadline,
                27 + u8::from(sig.v()),
                B256::from(sig.r().to_be_bytes::<32>()),
                B256::from(sig.s().to_be_bytes::<32>()),
            ),
    )
}

fn not_datanet_owner(a: Address) -> Vec<u8> {
    RegistryNotDatanetOwner {
        datanetId: u(D_OWNER),
        account: a,
    }
    .abi_encode()
}

fn registry_rows() -> Vec<Row> {
    const P: &str = "datanet_registry";
    vec![
        Row {
            program: P,
            function: "createDatanet",
            case: "owner-reviewed",
            allowed: ANYONE,
            prepare: nothing,
            call: |w, c| {
                outcome(w.registry.sender(c).create_datanet(
                    "ipfs://new".into(),
                    B256::repeat_byte(0xBB),
                    "MIT".into(),
                    REVIEW_OWNER,
                    0,
                    U256::ZERO,
                    BOND,
                    0,
                    3_000,
                ))
            },
            denied: unreachable_denial,
        },
        Row {
            program: P,
            function: "setMetadata",
            case: "datanet 1",
            allowed: &[DatanetOwner],
            prepare: nothing,
            call: |w, c| {
                outcome(w.registry.sender(c).set_metadata(
                    u(D_OWNER),
                    "ipfs://v2".into(),
                    B256::repeat_byte(0xCC),
                    "CC0-1.0".into(),
                ))
            },
            denied: not_datanet_owner,
        },
        Row {
            program: P,
            function: "setStatus",
            case: "datanet 1 to Paused",
            allowed: &[DatanetOwner],
            prepare: nothing,
            call: |w, c| outcome(w.registry.sender(c).set_status(u(D_OWNER), DATANET_PAUSED)),
            denied: not_datanet_owner,
        },
        Row {
            program: P,
            function: "transferOwnership",
            case: "datanet 1",
            allowed: &[DatanetOwner],
            prepare: nothing,
            call: |w, c| outcome(w.registry.sender(c).transfer_ownership(u(D_OWNER), OTHER)),
            denied: not_datanet_owner,
        },
        Row {
            program: P,
            function: "acceptOwnership",
            case: "datanet 1",
            allowed: &[PendingOwner],
            prepare: nothing,
            call: |w, c| outcome(w.registry.sender(c).accept_ownership(u(D_OWNER))),
            denied: |a| {
                RegistryNotPendingOwner {
                    datanetId: u(D_OWNER),
                    account: a,
                }
                .abi_encode()
            },
        },
        Row {
            program: P,
            function: "contribute",
            case: "datanet 1, with the bond",
            allowed: ANYONE,
            prepare: nothing,
            call: |w, c| {
                c.fund(BOND);
                outcome(w.registry.sender_and_value(c, BOND).contribute(
                    u(D_OWNER),
                    content(100),
                    "ipfs://poem".into(),
                ))
            },
            denied: unreachable_denial,
        },
        Row {
            program: P,
            function: "contributeBatch",
            case: "datanet 1, two hashes with their bonds",
            allowed: ANYONE,
            prepare: nothing,
            call: |w, c| {
                let value = BOND * u(2);
                c.fund(value);
                outcome(
                    w.registry
                        .sender_and_value(c, value)
                        .contribute_batch(u(D_OWNER), vec![content(101), content(102)]),
                )
            },
            denied: unreachable_denial,
        },
        Row {
            program: P,
            function: "contributeSigned",
            case: "the contributor's signature, relayed",
            allowed: ANYONE,
            prepare: nothing,
            call: relay_signed,
            denied: unreachable_denial,
        },
        Row {
            program: P,
            function: "stake",
            case: "datanet 2, the minimum stake",
            allowed: ANYONE,
            prepare: nothing,
            call: |w, c| {
                c.fund(MIN_STAKE);
                outcome(
                    w.registry
                        .sender_and_value(c, MIN_STAKE)
                        .stake(u(D_VALIDATORS), MIN_STAKE),
                )
            },
            denied: unreachable_denial,
        },
        Row {
            program: P,
            function: "requestUnstake",
            case: "datanet 2",
            allowed: &[Validator],
            prepare: nothing,
            call: |w, c| outcome(w.registry.sender(c).request_unstake(u(D_VALIDATORS))),
            denied: |a| {
                RegistryNotValidator {
                    datanetId: u(D_VALIDATORS),
                    account: a,
                }
                .abi_encode()
            },
        },
        Row {
            program: P,
            function: "withdrawStake",
            case: "datanet 3, after the cooldown",
            allowed: &[Validator],
            prepare: nothing,
            call: |w, c| outcome(w.registry.sender(c).withdraw_stake(u(D_EXIT))),
            denied: |a| {
                RegistryUnstakeNotRequested {
                    datanetId: u(D_EXIT),
                    validator: a,
                }
                .abi_encode()
            },
        },
        Row {
            program: P,
            function: "vote",
            case: "owner review: a pending contribution of datanet 1",
            allowed: &[DatanetOwner],
            prepare: nothing,
            call: |w, c| outcome(w.registry.sender(c).vote(u(C_OWNER_PENDING), true, 75)),
            denied: not_datanet_owner,
        },
        Row {
            program: P,
            function: "vote",
            case: "validator review: a pending contribution of datanet 2",
            allowed: &[Validator],
            prepare: nothing,
            call: |w, c| outcome(w.registry.sender(c).vote(u(C_VALIDATORS_PENDING), true, 75)),
            denied: |a| {
                RegistryNotValidator {
                    datanetId: u(D_VALIDATORS),
                    account: a,
                }
                .abi_encode()
            },
        },
        Row {
            program: P,
            function: "settleVote",
            case: "the validator's winning vote",
            allowed: ANYONE,
            prepare: nothing,
            call: |w, c| {
                outcome(
                    w.registry
                        .sender(c)
                        .settle_vote(u(C_UNSETTLED), Validator.address()),
                )
            },
            denied: unreachable_denial,
        },
        Row {
            program: P,
            function: "claimRefund",
            case: "approved bonds; a rejected bond to the owner",
            allowed: &[DatanetOwner, Contributor],
            prepare: nothing,
            call: |w, c| outcome(w.registry.sender(c).claim_refund()),
            denied: |a| RegistryNothingToClaim { account: a }.abi_encode(),
        },
    ]
}

// ------------------------------------------------------------------ market

fn not_model_owner(a: Address) -> Vec<u8> {
    ModelMarketNotOwner {
        modelId: u(MODEL),
        account: a,
    }
    .abi_encode()
}

fn market_rows() -> Vec<Row> {
    const P: &str = "model_market";
    vec![
        Row {
            program: P,
            function: "listModel",
            case: "",
            allowed: ANYONE,
            prepare: nothing,
            call: |w, c| {
                outcome(w.market.sender(c).list_model(
                    "ipfs://other-model".into(),
                    B256::repeat_byte(0xA0),
                    "mistral-7b".into(),
                    7_000,
                    3_000,
                    0,
                    0,
                    vec![u(D_OWNER)],
                    vec![10_000],
                    B256::repeat_byte(0x3E),
                ))
            },
            denied: unreachable_denial,
        },
        Row {
            program: P,
            function: "publishVersion",
            case: "model 1",
            allowed: &[ModelOwner],
            prepare: nothing,
            call: |w, c| {
                outcome(w.market.sender(c).publish_version(
                    u(MODEL),
                    B256::repeat_byte(0xA2),
                    vec![u(D_OWNER)],
                    vec![10_000],
                    B256::repeat_byte(0x3D),
                ))
            },
            denied: not_model_owner,
        },
        Row {
            program: P,
            function: "setPrice",
            case: "model 1",
            allowed: &[ModelOwner],
            prepare: nothing,
            call: |w, c| {
                outcome(
                    w.market
                        .sender(c)
                        .set_price(u(MODEL), Address::ZERO, u(2 * PRICE)),
                )
            },
            denied: not_model_owner,
        },
        Row {
            program: P,
            function: "setStatus",
            case: "model 1 to Paused",
            allowed: &[ModelOwner],
            prepare: nothing,
            call: |w, c| {
                outcome(
                    w.market
                        .sender(c)
                        .set_status(u(MODEL), model_market::PAUSED),
                )
            },
            denied: not_model_owner,
        },
        Row {
            program: P,
            function: "setMetadata",
            case: "model 1",
            allowed: &[ModelOwner],
            prepare: nothing,
            call: |w, c| {
                outcome(
                    w.market
                        .sender(c)
                        .set_metadata(u(MODEL), "ipfs://model-v2".into()),
                )
            },
            denied: not_model_owner,
        },
        Row {
            program: P,
            function: "transferOwnership",
            case: "model 1",
            allowed: &[ModelOwner],
            prepare: nothing,
            call: |w, c| outcome(w.market.sender(c).transfer_ownership(u(MODEL), OTHER)),
            denied: not_model_owner,
        },
        Row {
            program: P,
            function: "acceptOwnership",
            case: "model 1",
            allowed: &[PendingOwner],
            prepare: nothing,
            call: |w, c| outcome(w.market.sender(c).accept_ownership(u(MODEL))),
            denied: |a| {
                ModelMarketNotPendingOwner {
                    modelId: u(MODEL),
                    account: a,
                }
                .abi_encode()
            },
        },
        Row {
            program: P,
            function: "setModelAttestor",
            case: "model 1",
            allowed: &[ModelOwner],
            prepare: nothing,
            call: |w, c| {
                outcome(
                    w.market
                        .sender(c)
                        .set_model_attestor(u(MODEL), Attestor.address()),
                )
            },
            denied: not_model_owner,
        },
        Row {
            program: P,
            function: "pay",
            case: "model 1, native",
            allowed: ANYONE,
            prepare: nothing,
            call: |w, c| {
                c.fund(u(PRICE));
                outcome(w.market.sender_and_value(c, u(PRICE)).pay(
                    u(MODEL),
                    Address::ZERO,
                    u(PRICE),
                    B256::repeat_byte(0x12),
                ))
            },
            denied: unreachable_denial,
        },
        Row {
            program: P,
            function: "payBatch",
            case: "model 1, native, 3 inferences",
            allowed: ANYONE,
            prepare: nothing,
            call: |w, c| {
                c.fund(u(3 * PRICE));
                outcome(w.market.sender_and_value(c, u(3 * PRICE)).pay_batch(
                    u(MODEL),
                    Address::ZERO,
                    u(3),
                    u(PRICE),
                    B256::repeat_byte(0x13),
                ))
            },
            denied: unreachable_denial,
        },
    ]
}

// ------------------------------------------------------------------- tests

#[motsu::test]
fn reward_splitter_access_matrix() {
    run(&splitter_rows());
}

#[motsu::test]
fn attribution_access_matrix() {
    run(&attribution_rows());
}

#[motsu::test]
fn datanet_registry_access_matrix() {
    run(&registry_rows());
}

#[motsu::test]
fn model_market_access_matrix() {
    run(&market_rows());
}

#[test]
fn every_state_changing_abi_function_has_a_row() {
    for (program, rows) in [
        ("reward_splitter", splitter_rows()),
        ("attribution", attribution_rows()),
        ("datanet_registry", registry_rows()),
        ("model_market", market_rows()),
    ] {
        let mut covered: Vec<String> = rows.iter().map(|r| r.function.to_string()).collect();
        covered.sort();
        covered.dedup();
        assert!(rows.iter().all(|r| r.program == program));
        assert_eq!(
            covered,
            abi_support::state_changing_names(abi_support::abi_of(program)),
            "{program}: the rows must cover exactly the ABI's state-changing functions"
        );
    }
}

#[test]
fn matrix_size() {
    // 19 + 10 + 15 + 10 rows (51 functions; renounceRole has two cases in
    // the splitter and in attribution, vote two in the registry) times 14
    // actors.
    let rows = splitter_rows().len()
        + attribution_rows().len()
        + registry_rows().len()
        + market_rows().len();
    assert_eq!(rows, 54);
    assert_eq!(rows * ACTORS.len(), 756);
}
