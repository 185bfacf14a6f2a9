//! Hand-written method router (programs and tests; `export-abi` builds use
//! the SDK's `#[public]` router so the exported ABI is unchanged).
//!
//! The SDK's router inlines one alloy decoder and encoder per method; this
//! one decodes with `abi_kit`'s shared decoder and encodes returns with its
//! word encoder. The tests compare it with alloy and with the exported ABI.

#![cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]

use alloc::vec::Vec;

use abi_kit::{
    router::{done, ret_u256, ret_unit, ret_word},
    words, AbiWord, Args,
};
use alloy_primitives::{Address, B256, U256};
use stylus_sdk::ArbResult;

use crate::Attribution;

abi_kit::selectors! {
    HAS_ROLE = "hasRole", B256, Address;
    GET_ROLE_ADMIN = "getRoleAdmin", B256;
    FREEZE_ROLE = "freezeRole", B256;
    IS_ROLE_FROZEN = "isRoleFrozen", B256;
    GRANT_ROLE = "grantRole", B256, Address;
    REVOKE_ROLE = "revokeRole", B256, Address;
    RENOUNCE_ROLE = "renounceRole", B256, Address;
    SET_ATTESTOR = "setAttestor", Address, bool;
    RECORD_TRAINING = "recordTraining", U256, U256, Vec<U256>, Vec<u16>, B256, u16;
    SET_MODEL_ATTESTOR = "setModelAttestor", U256, Address;
    COMMIT_EPOCH = "commitEpoch", U256, Address, B256, B256, U256;
    CLAIM_INFLUENCE = "claimInfluence", U256, Address, U256, Vec<B256>;
    CONFIG = "config";
    IS_ATTESTOR = "isAttestor", Address;
    MODEL_ATTESTOR = "modelAttestor", U256;
    TRAINING = "training", U256, U256;
    CONTRIBUTION_IN_MODEL = "contributionInModel", U256, U256, U256, Vec<B256>;
    DATANET_TRAINING_COUNT = "datanetTrainingCount", U256;
    DATANET_TRAINING = "datanetTraining", U256, U256;
    EPOCH_COUNT = "epochCount", U256, Address;
    EPOCH = "epoch", U256, Address, U256;
    CLAIMED = "claimed", U256, Address, Address;
    RELEASED = "released", U256, Address;
    INFLUENCE_LEAF = "influenceLeaf", U256, Address, Address, U256;
}

/// Argument kinds (see [`Args`]) and payability of a selector; `None` for
/// an unknown one. Nothing is payable.
pub(crate) fn method(selector: u32) -> Option<(&'static [u8], bool)> {
    Some(match selector {
        HAS_ROLE | GRANT_ROLE | REVOKE_ROLE | RENOUNCE_ROLE | SET_MODEL_ATTESTOR | EPOCH_COUNT
        | RELEASED => (b"wa", false),
        GET_ROLE_ADMIN | FREEZE_ROLE | IS_ROLE_FROZEN | MODEL_ATTESTOR | DATANET_TRAINING_COUNT => {
            (b"w", false)
        }
        SET_ATTESTOR => (b"a1", false),
        RECORD_TRAINING => (b"wwvqw2", false),
        COMMIT_EPOCH => (b"wawww", false),
        CLAIM_INFLUENCE => (b"wawv", false),
        CONFIG => (b"", false),
        IS_ATTESTOR => (b"a", false),
        TRAINING | DATANET_TRAINING => (b"ww", false),
        CONTRIBUTION_IN_MODEL => (b"wwwv", false),
        EPOCH => (b"waw", false),
        CLAIMED => (b"waa", false),
        INFLUENCE_LEAF => (b"waaw", false),
        _ => return None,
    })
}

// The program's router and entrypoint.
abi_kit::hand_router! {
    HandRouter for Attribution,
    methods: method,
    dispatch: dispatch,
    constructor(b"aaa"): |this: &mut Attribution, a| {
        ret_unit(this.constructor(a.address(0), a.address(1), a.address(2)))
    },
}

/// The return of `training`: `(bytes32, uint16, uint256[], uint16[])`,
/// two static words and the offsets of two arrays of static words.
#[inline(never)]
fn training_return(manifest: B256, data_bps: u16, ids: &[U256], weights: &[u16]) -> Vec<u8> {
    let first = 4 * 32;
    let second = first + 32 * (1 + ids.len());
    let mut head = Vec::with_capacity(6 + 2 * ids.len());
    head.extend_from_slice(&[
        manifest,
        data_bps.word(),
        first.word(),
        second.word(),
        ids.len().word(),
    ]);
    head.extend(ids.iter().map(|&id| id.word()));
    head.push(weights.len().word());
    head.extend(weights.iter().map(|&weight| weight.word()));
    words(&head)
}

/// Calls the method of `selector` (known to [`method`]) with decoded `a`.
#[inline(never)]
fn dispatch(this: &mut Attribution, selector: u32, a: &Args<'_>) -> ArbResult {
    match selector {
        HAS_ROLE => ret_word(this.has_role(a.word(0), a.address(1))),
        GET_ROLE_ADMIN => ret_word(this.get_role_admin(a.word(0))),
        FREEZE_ROLE => ret_unit(this.freeze_role(a.word(0))),
        IS_ROLE_FROZEN => ret_word(this.is_role_frozen(a.word(0))),
        GRANT_ROLE => ret_unit(this.grant_role(a.word(0), a.address(1))),
        REVOKE_ROLE => ret_unit(this.revoke_role(a.word(0), a.address(1))),
        RENOUNCE_ROLE => ret_unit(this.renounce_role(a.word(0), a.address(1))),
        SET_ATTESTOR => ret_unit(this.set_attestor(a.address(0), a.boolean(1))),
        RECORD_TRAINING => ret_unit(this.record_training(
            a.u256(0),
            a.u256(1),
            a.u256s(2),
            a.u16s(3),
            a.word(4),
            a.small(5) as u16,
        )),
        SET_MODEL_ATTESTOR => ret_unit(this.set_model_attestor(a.u256(0), a.address(1))),
        COMMIT_EPOCH => {
            ret_u256(this.commit_epoch(a.u256(0), a.address(1), a.word(2), a.word(3), a.u256(4)))
        }
        CLAIM_INFLUENCE => {
            ret_u256(this.claim_influence(a.u256(0), a.address(1), a.u256(2), a.hashes(3)))
        }
        CONFIG => {
            let (registry, splitter) = this.config();
            Ok(words(&[registry.word(), splitter.word()]))
        }
        IS_ATTESTOR => ret_word(this.is_attestor(a.address(0))),
        MODEL_ATTESTOR => ret_word(this.model_attestor(a.u256(0))),
        TRAINING => done(this.training(a.u256(0), a.u256(1)).map(
            |(manifest, data_bps, ids, weights)| {
                training_return(manifest, data_bps, &ids, &weights)
            },
        )),
        CONTRIBUTION_IN_MODEL => done(
            this.contribution_in_model(a.u256(0), a.u256(1), a.u256(2), a.hashes(3))
                .map(|found| words(&[found.word()])),
        ),
        DATANET_TRAINING_COUNT => ret_word(this.datanet_training_count(a.u256(0))),
        DATANET_TRAINING => done(
            this.datanet_training(a.u256(0), a.u256(1))
                .map(|(model, version)| words(&[model.word(), version.word()])),
        ),
        EPOCH_COUNT => ret_word(this.epoch_count(a.u256(0), a.address(1))),
        EPOCH => done(
            this.epoch(a.u256(0), a.address(1), a.u256(2))
                .map(|(root, report, total)| words(&[root, report, total.word()])),
        ),
        CLAIMED => ret_word(this.claimed(a.u256(0), a.address(1), a.address(2))),
        RELEASED => ret_word(this.released(a.u256(0), a.address(1))),
        INFLUENCE_LEAF => {
            ret_word(this.influence_leaf(a.u256(0), a.address(1), a.address(2), a.u256(3)))
        }
        // `method` knows no other selector.
        _ => Err(Vec::new()),
    }
}

#[cfg(test)]
mod tests {
    use alloc::vec::Vec;

    use alloy_primitives::{Address, B256, U256};
    use alloy_sol_types::SolType;
    use stylus_sdk::abi::AbiType;

    use abi_kit::testing::{
        addr, check_decoder, check_router_serves_abi, mutations, solidity_return, u, w,
    };

    use super::*;

    /// The argument spec of a routed selector.
    fn spec(selector: u32) -> &'static [u8] {
        method(selector).expect("known selector").0
    }

    #[test]
    fn decoder_matches_alloy_for_every_method() {
        for id in [HAS_ROLE, GRANT_ROLE, REVOKE_ROLE, RENOUNCE_ROLE] {
            check_decoder(spec(id), (w(1), addr(2)), |a| (a.word(0), a.address(1)));
        }
        for id in [SET_MODEL_ATTESTOR, EPOCH_COUNT, RELEASED] {
            check_decoder(spec(id), (u(1), addr(2)), |a| (a.u256(0), a.address(1)));
        }
        for id in [GET_ROLE_ADMIN, FREEZE_ROLE, IS_ROLE_FROZEN] {
            check_decoder(spec(id), (w(3),), |a| (a.word(0),));
        }
        check_decoder(spec(MODEL_ATTESTOR), (u(3),), |a| (a.u256(0),));
        check_decoder(spec(IS_ATTESTOR), (addr(4),), |a| (a.address(0),));
        for allowed in [false, true] {
            check_decoder(spec(SET_ATTESTOR), (addr(1), allowed), |a| {
                (a.address(0), a.boolean(1))
            });
        }
        check_decoder(spec(CONFIG), (), |_| ());
        for id in [TRAINING, DATANET_TRAINING] {
            check_decoder(spec(id), (u(1), u(2)), |a| (a.u256(0), a.u256(1)));
        }
        check_decoder(spec(DATANET_TRAINING_COUNT), (u(3),), |a| (a.u256(0),));
        check_decoder(spec(COMMIT_EPOCH), (u(1), addr(2), w(3), w(4), u(5)), |a| {
            (a.u256(0), a.address(1), a.word(2), a.word(3), a.u256(4))
        });
        check_decoder(spec(EPOCH), (u(1), addr(2), u(3)), |a| {
            (a.u256(0), a.address(1), a.u256(2))
        });
        check_decoder(spec(CLAIMED), (u(1), addr(2), addr(3)), |a| {
            (a.u256(0), a.address(1), a.address(2))
        });
        check_decoder(spec(INFLUENCE_LEAF), (u(1), addr(2), addr(3), u(4)), |a| {
            (a.u256(0), a.address(1), a.address(2), a.u256(3))
        });
        for count in [0usize, 1, 3] {
            let ids: Vec<U256> = (0..count).map(|i| u(i as u8 + 7)).collect();
            let weights: Vec<u16> = (0..count).map(|i| 1_000 * i as u16 + 1).collect();
            let proof: Vec<B256> = (0..count).map(|i| w(i as u8 + 9)).collect();
            check_decoder(
                spec(RECORD_TRAINING),
                (u(1), u(2), ids, weights, w(3), 3_000u16),
                |a| {
                    (
                        a.u256(0),
                        a.u256(1),
                        a.u256s(2),
                        a.u16s(3),
                        a.word(4),
                        a.small(5) as u16,
                    )
                },
            );
            check_decoder(
                spec(CLAIM_INFLUENCE),
                (u(1), addr(2), u(3), proof.clone()),
                |a| (a.u256(0), a.address(1), a.u256(2), a.hashes(3)),
            );
            check_decoder(
                spec(CONTRIBUTION_IN_MODEL),
                (u(1), u(2), u(3), proof),
                |a| (a.u256(0), a.u256(1), a.u256(2), a.hashes(3)),
            );
        }
    }

    #[test]
    fn constructor_decoder_matches_alloy() {
        type Params = (Address, Address, Address);
        let valid = <<Params as AbiType>::SolType as SolType>::abi_encode_params(&(
            addr(1),
            addr(2),
            addr(3),
        ));
        for data in mutations(&valid) {
            let alloy = <<Params as AbiType>::SolType as SolType>::abi_decode_params(&data, true);
            let ours = Args::decode(&data, b"aaa");
            assert_eq!(alloy.is_ok(), ours.is_some(), "{data:?}");
            if let (Ok(expected), Some(a)) = (alloy, ours) {
                assert_eq!((a.address(0), a.address(1), a.address(2)), expected);
            }
        }
    }

    /// The router serves exactly the functions of the committed ABI (which
    /// `cargo xtask abi --check` keeps equal to the `#[public]` methods),
    /// with the same argument kinds and payability.
    #[test]
    fn router_serves_exactly_the_exported_abi() {
        check_router_serves_abi(
            include_str!("../../../abi/attribution.json"),
            method,
            SELECTORS,
        );
    }

    #[test]
    fn return_encoders_match_solidity() {
        for count in [0usize, 1, 16] {
            let ids: Vec<U256> = (0..count).map(|i| u(i as u8 + 1)).collect();
            let weights: Vec<u16> = (0..count).map(|i| 100 * i as u16 + 7).collect();
            let value = (w(9), 3_000u16, ids.clone(), weights.clone());
            assert_eq!(
                training_return(value.0, value.1, &ids, &weights),
                solidity_return(&value)
            );
        }
        let config = (addr(1), addr(2));
        assert_eq!(
            words(&[config.0.word(), config.1.word()]),
            solidity_return(&config)
        );
        let epoch = (w(1), w(2), u(3));
        assert_eq!(
            words(&[epoch.0, epoch.1, epoch.2.word()]),
            solidity_return(&epoch)
        );
        let model_version = (u(4), u(5));
        assert_eq!(
            words(&[model_version.0.word(), model_version.1.word()]),
            solidity_return(&model_version)
        );
        assert_eq!(words(&[true.word()]), solidity_return(&(true,)));
    }
}
