//! Hand-written method router (programs and tests; `export-abi` builds use
//! the SDK's `#[public]` router so the exported ABI is unchanged).
//!
//! The SDK's router inlines one alloy decoder and encoder per method; this
//! one decodes with `abi_kit`'s shared decoder and encodes returns with its
//! word encoder. The tests compare it with alloy and with the exported ABI.

#![cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]

use alloc::{string::String, vec::Vec};

use abi_kit::{
    router::{done, ret_u256, ret_unit, ret_word},
    words, AbiWord, Args, Field,
};
use alloy_primitives::{Address, B256, U256};
use stylus_sdk::ArbResult;

use crate::ModelMarket;

abi_kit::selectors! {
    LIST_MODEL = "listModel", String, B256, String, u16, u16, u16, u16, Vec<U256>, Vec<u16>, B256;
    PUBLISH_VERSION = "publishVersion", U256, B256, Vec<U256>, Vec<u16>, B256;
    SET_PRICE = "setPrice", U256, Address, U256;
    SET_STATUS = "setStatus", U256, u8;
    SET_METADATA = "setMetadata", U256, String;
    TRANSFER_OWNERSHIP = "transferOwnership", U256, Address;
    ACCEPT_OWNERSHIP = "acceptOwnership", U256;
    SET_MODEL_ATTESTOR = "setModelAttestor", U256, Address;
    PAY = "pay", U256, Address, U256, B256;
    PAY_BATCH = "payBatch", U256, Address, U256, U256, B256;
    CONFIG = "config";
    MODEL_COUNT = "modelCount";
    MODEL = "model", U256;
    METADATA = "metadata", U256;
    VERSION_INFO = "versionInfo", U256, U256;
    PRICE = "price", U256, Address;
}

/// Argument kinds (see [`Args`]) and payability of a selector; `None` for
/// an unknown one. `pay` and `payBatch` are payable.
pub(crate) fn method(selector: u32) -> Option<(&'static [u8], bool)> {
    Some(match selector {
        TRANSFER_OWNERSHIP | SET_MODEL_ATTESTOR | PRICE => (b"wa", false),
        ACCEPT_OWNERSHIP | MODEL | METADATA => (b"w", false),
        LIST_MODEL => (b"sws2222vqw", false),
        PUBLISH_VERSION => (b"wwvqw", false),
        SET_PRICE => (b"waw", false),
        SET_STATUS => (b"w1", false),
        SET_METADATA => (b"ws", false),
        PAY => (b"waww", true),
        PAY_BATCH => (b"wawww", true),
        CONFIG | MODEL_COUNT => (b"", false),
        VERSION_INFO => (b"ww", false),
        _ => return None,
    })
}

// The program's router and entrypoint.
abi_kit::hand_router! {
    HandRouter for ModelMarket,
    methods: method,
    dispatch: dispatch,
    constructor(b"aa"): |this: &mut ModelMarket, a| {
        ret_unit(this.constructor(a.address(0), a.address(1)))
    },
}

/// The return of `metadata`: `(string, string)`.
fn metadata_return(uri: &str, base: &str) -> Vec<u8> {
    abi_kit::log_bytes(&[], &[Field::Str(uri), Field::Str(base)])
}

/// Calls the method of `selector` (known to [`method`]) with decoded `a`.
#[inline(never)]
fn dispatch(this: &mut ModelMarket, selector: u32, a: &Args<'_>) -> ArbResult {
    match selector {
        LIST_MODEL => ret_u256(this.list_model(
            a.string(0),
            a.word(1),
            a.string(2),
            a.small(3) as u16,
            a.small(4) as u16,
            a.small(5) as u16,
            a.small(6) as u16,
            a.u256s(7),
            a.u16s(8),
            a.word(9),
        )),
        PUBLISH_VERSION => {
            ret_u256(this.publish_version(a.u256(0), a.word(1), a.u256s(2), a.u16s(3), a.word(4)))
        }
        SET_PRICE => ret_unit(this.set_price(a.u256(0), a.address(1), a.u256(2))),
        SET_STATUS => ret_unit(this.set_status(a.u256(0), a.small(1) as u8)),
        SET_METADATA => ret_unit(this.set_metadata(a.u256(0), a.string(1))),
        TRANSFER_OWNERSHIP => ret_unit(this.transfer_ownership(a.u256(0), a.address(1))),
        ACCEPT_OWNERSHIP => ret_unit(this.accept_ownership(a.u256(0))),
        SET_MODEL_ATTESTOR => ret_unit(this.set_model_attestor(a.u256(0), a.address(1))),
        PAY => ret_unit(this.pay(a.u256(0), a.address(1), a.u256(2), a.word(3))),
        PAY_BATCH => {
            ret_unit(this.pay_batch(a.u256(0), a.address(1), a.u256(2), a.u256(3), a.word(4)))
        }
        CONFIG => {
            let (splitter, attribution) = this.config();
            Ok(words(&[splitter.word(), attribution.word()]))
        }
        MODEL_COUNT => ret_word(this.model_count()),
        MODEL => done(this.model(a.u256(0)).map(|m| {
            words(&[
                m.0.word(),
                m.1.word(),
                m.2.word(),
                m.3.word(),
                m.4.word(),
                m.5.word(),
                m.6.word(),
                m.7.word(),
                m.8,
            ])
        })),
        METADATA => done(
            this.metadata(a.u256(0))
                .map(|(uri, base): (String, String)| metadata_return(&uri, &base)),
        ),
        VERSION_INFO => done(
            this.version_info(a.u256(0), a.u256(1))
                .map(|(artifact, manifest)| words(&[artifact, manifest])),
        ),
        PRICE => ret_word(this.price(a.u256(0), a.address(1))),
        // `method` knows no other selector.
        _ => Err(Vec::new()),
    }
}

#[cfg(test)]
mod tests {
    use alloc::vec::Vec;

    use alloy_primitives::{Address, U256};
    use alloy_sol_types::SolType;
    use stylus_sdk::abi::AbiType;

    use abi_kit::testing::{
        addr, check_decoder, check_router_serves_abi, mutations, solidity_return, text, u, w,
    };

    use super::*;

    /// The argument spec of a routed selector.
    fn spec(selector: u32) -> &'static [u8] {
        method(selector).expect("known selector").0
    }

    #[test]
    fn decoder_matches_alloy_for_every_method() {
        for id in [TRANSFER_OWNERSHIP, SET_MODEL_ATTESTOR, PRICE] {
            check_decoder(spec(id), (u(1), addr(2)), |a| (a.u256(0), a.address(1)));
        }
        for id in [ACCEPT_OWNERSHIP, MODEL, METADATA] {
            check_decoder(spec(id), (u(3),), |a| (a.u256(0),));
        }
        check_decoder(spec(CONFIG), (), |_| ());
        check_decoder(spec(MODEL_COUNT), (), |_| ());
        check_decoder(spec(VERSION_INFO), (u(1), u(2)), |a| (a.u256(0), a.u256(1)));
        check_decoder(spec(SET_PRICE), (u(1), addr(2), u(3)), |a| {
            (a.u256(0), a.address(1), a.u256(2))
        });
        for status in [0u8, 2, 255] {
            check_decoder(spec(SET_STATUS), (u(1), status), |a| {
                (a.u256(0), a.small(1) as u8)
            });
        }
        check_decoder(spec(PAY), (u(1), addr(2), u(3), w(4)), |a| {
            (a.u256(0), a.address(1), a.u256(2), a.word(3))
        });
        check_decoder(spec(PAY_BATCH), (u(1), addr(2), u(3), u(4), w(5)), |a| {
            (a.u256(0), a.address(1), a.u256(2), a.u256(3), a.word(4))
        });
        for count in [0usize, 1, 3] {
            let ids: Vec<U256> = (0..count).map(|i| u(i as u8 + 7)).collect();
            let weights: Vec<u16> = (0..count).map(|i| 1_000 * i as u16 + 1).collect();
            check_decoder(spec(SET_METADATA), (u(1), text(count * 20)), |a| {
                (a.u256(0), a.string(1))
            });
            check_decoder(
                spec(PUBLISH_VERSION),
                (u(1), w(2), ids.clone(), weights.clone(), w(3)),
                |a| (a.u256(0), a.word(1), a.u256s(2), a.u16s(3), a.word(4)),
            );
            check_decoder(
                spec(LIST_MODEL),
                (
                    text(count * 33),
                    w(1),
                    text(count + 5),
                    7_000u16,
                    2_000u16,
                    1_000u16,
                    500u16,
                    ids,
                    weights,
                    w(2),
                ),
                |a| {
                    (
                        a.string(0),
                        a.word(1),
                        a.string(2),
                        a.small(3) as u16,
                        a.small(4) as u16,
                        a.small(5) as u16,
                        a.small(6) as u16,
                        a.u256s(7),
                        a.u16s(8),
                        a.word(9),
                    )
                },
            );
        }
    }

    #[test]
    fn constructor_decoder_matches_alloy() {
        type Params = (Address, Address);
        let valid =
            <<Params as AbiType>::SolType as SolType>::abi_encode_params(&(addr(1), addr(2)));
        for data in mutations(&valid) {
            let alloy = <<Params as AbiType>::SolType as SolType>::abi_decode_params(&data, true);
            let ours = Args::decode(&data, b"aa");
            assert_eq!(alloy.is_ok(), ours.is_some(), "{data:?}");
            if let (Ok(expected), Some(a)) = (alloy, ours) {
                assert_eq!((a.address(0), a.address(1)), expected);
            }
        }
    }

    /// The router serves exactly the functions of the committed ABI (which
    /// `cargo xtask abi --check` keeps equal to the `#[public]` methods),
    /// with the same argument kinds and payability.
    #[test]
    fn router_serves_exactly_the_exported_abi() {
        check_router_serves_abi(
            include_str!("../../../abi/model_market.json"),
            method,
            SELECTORS,
        );
    }

    #[test]
    fn return_encoders_match_solidity() {
        for (uri, base) in [
            (text(0), text(0)),
            (text(31), text(33)),
            (text(64), text(5)),
        ] {
            assert_eq!(
                metadata_return(&uri, &base),
                solidity_return(&(uri.clone(), base.clone()))
            );
        }
        let model = (
            addr(1),
            addr(2),
            1u8,
            u(3),
            7_000u16,
            2_000u16,
            1_000u16,
            500u16,
            w(4),
        );
        assert_eq!(
            words(&[
                model.0.word(),
                model.1.word(),
                model.2.word(),
                model.3.word(),
                model.4.word(),
                model.5.word(),
                model.6.word(),
                model.7.word(),
                model.8,
            ]),
            solidity_return(&model)
        );
        let pair = (w(1), w(2));
        assert_eq!(words(&[pair.0, pair.1]), solidity_return(&pair));
        let config = (addr(1), addr(2));
        assert_eq!(
            words(&[config.0.word(), config.1.word()]),
            solidity_return(&config)
        );
    }
}
