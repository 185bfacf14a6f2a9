//! Hand-written method router (programs and tests; `export-abi` builds use
//! the SDK's `#[public]` router so the exported ABI is unchanged).
//!
//! The SDK's router inlines one alloy decoder and encoder per method: about
//! half of the program's code. This one decodes every method's arguments
//! with `abi_kit`'s shared decoder and encodes returns with its word encoder.
//! Every input the SDK rejects, like a non-payable method called with value,
//! reverts with empty data, as in the SDK. The tests compare the decoder with
//! alloy's on every method.

#![cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]

use alloc::{string::String, vec::Vec};

use abi_kit::{
    self as abi,
    router::{done, ret_u256, ret_unit, ret_word},
    AbiWord, Args,
};
use alloy_primitives::{Address, B256, U256};
use stylus_sdk::ArbResult;

use crate::{DatanetRecord, DatanetRegistry};

abi_kit::selectors! {
    CREATE_DATANET = "createDatanet", String, B256, String, u8, u8, U256, U256, u16, u16;
    SET_METADATA = "setMetadata", U256, String, B256, String;
    SET_STATUS = "setStatus", U256, u8;
    TRANSFER_OWNERSHIP = "transferOwnership", U256, Address;
    ACCEPT_OWNERSHIP = "acceptOwnership", U256;
    CONTRIBUTE = "contribute", U256, B256, String;
    CONTRIBUTE_BATCH = "contributeBatch", U256, Vec<B256>;
    CONTRIBUTE_SIGNED = "contributeSigned", Address, U256, B256, String, U256, u8, B256, B256;
    STAKE = "stake", U256, U256;
    REQUEST_UNSTAKE = "requestUnstake", U256;
    WITHDRAW_STAKE = "withdrawStake", U256;
    VOTE = "vote", U256, bool, u8;
    SETTLE_VOTE = "settleVote", U256, Address;
    CLAIM_REFUND = "claimRefund";
    CONFIG = "config";
    DATANET = "datanet", U256;
    CONTRIBUTION = "contribution", U256;
    CONTRIBUTION_ID_OF = "contributionIdOf", U256, B256;
    VALIDATOR = "validator", U256, Address;
    VOTE_OF = "voteOf", U256, Address;
    NONCES = "nonces", Address;
    REFUND_OF = "refundOf", Address;
}

/// Argument kinds and payability of a selector; `None` for an unknown one.
pub(crate) fn method(selector: u32) -> Option<(&'static [u8], bool)> {
    Some(match selector {
        CREATE_DATANET => (b"sws11ww22", false),
        SET_METADATA => (b"wsws", false),
        SET_STATUS => (b"w1", false),
        TRANSFER_OWNERSHIP => (b"wa", false),
        ACCEPT_OWNERSHIP => (b"w", false),
        CONTRIBUTE => (b"wws", true),
        CONTRIBUTE_BATCH => (b"wv", true),
        CONTRIBUTE_SIGNED => (b"awwsw1ww", true),
        STAKE => (b"ww", true),
        REQUEST_UNSTAKE => (b"w", false),
        WITHDRAW_STAKE => (b"w", false),
        VOTE => (b"w11", false),
        SETTLE_VOTE => (b"wa", false),
        CLAIM_REFUND => (b"", false),
        CONFIG => (b"", false),
        DATANET => (b"w", false),
        CONTRIBUTION => (b"w", false),
        CONTRIBUTION_ID_OF => (b"ww", false),
        VALIDATOR => (b"wa", false),
        VOTE_OF => (b"wa", false),
        NONCES => (b"a", false),
        REFUND_OF => (b"a", false),
        _ => return None,
    })
}

// The registry's router and entrypoint. The SDK's `#[public]` router stays
// for the ABI export and is dropped from programs as dead code.
abi_kit::hand_router! {
    HandRouter for DatanetRegistry,
    methods: method,
    dispatch: dispatch,
    constructor(b"aa8"): |this: &mut DatanetRegistry, a| {
        ret_unit(this.constructor(a.address(0), a.address(1), a.small(2)))
    },
}

/// Calls the method of `selector` (known to [`method`]) with decoded `a`.
#[inline(never)]
fn dispatch(this: &mut DatanetRegistry, selector: u32, a: &Args<'_>) -> ArbResult {
    match selector {
        CREATE_DATANET => ret_u256(this.create_datanet(
            a.string(0),
            a.word(1),
            a.string(2),
            a.small(3) as u8,
            a.small(4) as u8,
            a.u256(5),
            a.u256(6),
            a.small(7) as u16,
            a.small(8) as u16,
        )),
        SET_METADATA => ret_unit(this.set_metadata(a.u256(0), a.string(1), a.word(2), a.string(3))),
        SET_STATUS => ret_unit(this.set_status(a.u256(0), a.small(1) as u8)),
        TRANSFER_OWNERSHIP => ret_unit(this.transfer_ownership(a.u256(0), a.address(1))),
        ACCEPT_OWNERSHIP => ret_unit(this.accept_ownership(a.u256(0))),
        CONTRIBUTE => ret_u256(this.contribute(a.u256(0), a.word(1), a.string(2))),
        CONTRIBUTE_BATCH => ret_u256(this.contribute_batch(a.u256(0), a.hashes(1))),
        CONTRIBUTE_SIGNED => ret_u256(this.contribute_signed(
            a.address(0),
            a.u256(1),
            a.word(2),
            a.string(3),
            a.u256(4),
            a.small(5) as u8,
            a.word(6),
            a.word(7),
        )),
        STAKE => ret_unit(this.stake(a.u256(0), a.u256(1))),
        REQUEST_UNSTAKE => ret_unit(this.request_unstake(a.u256(0))),
        WITHDRAW_STAKE => ret_unit(this.withdraw_stake(a.u256(0))),
        VOTE => ret_unit(this.vote(a.u256(0), a.boolean(1), a.small(2) as u8)),
        SETTLE_VOTE => ret_unit(this.settle_vote(a.u256(0), a.address(1))),
        CLAIM_REFUND => ret_unit(this.claim_refund()),
        CONFIG => Ok(encode_config(this.config())),
        DATANET => done(this.datanet(a.u256(0)).map(|d| encode_datanet(&d))),
        CONTRIBUTION => done(this.contribution(a.u256(0)).map(encode_contribution)),
        CONTRIBUTION_ID_OF => ret_word(this.contribution_id_of(a.u256(0), a.word(1))),
        VALIDATOR => Ok(encode_validator(this.validator(a.u256(0), a.address(1)))),
        VOTE_OF => Ok(encode_vote(this.vote_of(a.u256(0), a.address(1)))),
        NONCES => ret_word(this.nonces(a.address(0))),
        _ => ret_word(this.refund_of(a.address(0))),
    }
}

/// The return of `config` (static words, as alloy encodes it).
pub(crate) fn encode_config(c: (Address, Address, u64, U256, U256)) -> Vec<u8> {
    abi::words(&[c.0.word(), c.1.word(), c.2.word(), c.3.word(), c.4.word()])
}

/// The return of `contribution`.
pub(crate) fn encode_contribution(c: (U256, Address, B256, u64, u8, U256, u8, u8)) -> Vec<u8> {
    abi::words(&[
        c.0.word(),
        c.1.word(),
        c.2.word(),
        c.3.word(),
        c.4.word(),
        c.5.word(),
        c.6.word(),
        c.7.word(),
    ])
}

/// The return of `validator`.
pub(crate) fn encode_validator(v: (U256, U256, u64, u32)) -> Vec<u8> {
    abi::words(&[v.0.word(), v.1.word(), v.2.word(), v.3.word()])
}

/// The return of `vote_of`.
pub(crate) fn encode_vote(v: (u8, u8, bool)) -> Vec<u8> {
    abi::words(&[v.0.word(), v.1.word(), v.2.word()])
}

/// The return tuple of `datanet`, encoded as Solidity encodes a function's
/// return values (ABI params: head, then tails). stylus-sdk 0.9 wraps dynamic
/// tuples in an extra offset word (stylus-sdk-rs issue #308, fixed after
/// 0.9), which ethers, viem and alloy cannot decode against the exported ABI.
pub(crate) fn encode_datanet(d: &DatanetRecord) -> Vec<u8> {
    use abi_kit::Field;
    abi::log_bytes(
        &[],
        &[
            Field::Word(d.0.word()),
            Field::Word(d.1.word()),
            Field::Word(d.2.word()),
            Field::Word(d.3.word()),
            Field::Word(d.4.word()),
            Field::Word(d.5.word()),
            Field::Word(d.6.word()),
            Field::Word(d.7.word()),
            Field::Word(d.8.word()),
            Field::Str(&d.9),
            Field::Word(d.10.word()),
            Field::Str(&d.11),
        ],
    )
}

#[cfg(test)]
mod tests {
    use alloc::{string::String, vec::Vec};

    use alloy_primitives::{Address, B256, U256};
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
        for (uri_len, license_len) in [(0, 0), (5, 40), (32, 33), (64, 1)] {
            check_decoder(
                spec(CREATE_DATANET),
                (
                    text(uri_len),
                    w(1),
                    text(license_len),
                    1u8,
                    3u8,
                    u(2),
                    u(3),
                    700u16,
                    9_999u16,
                ),
                |a| {
                    (
                        a.string(0),
                        a.word(1),
                        a.string(2),
                        a.small(3) as u8,
                        a.small(4) as u8,
                        a.u256(5),
                        a.u256(6),
                        a.small(7) as u16,
                        a.small(8) as u16,
                    )
                },
            );
            check_decoder(
                spec(SET_METADATA),
                (u(1), text(uri_len), w(2), text(license_len)),
                |a| (a.u256(0), a.string(1), a.word(2), a.string(3)),
            );
            check_decoder(spec(CONTRIBUTE), (u(4), w(5), text(uri_len)), |a| {
                (a.u256(0), a.word(1), a.string(2))
            });
            check_decoder(
                spec(CONTRIBUTE_SIGNED),
                (addr(1), u(2), w(3), text(uri_len), u(4), 27u8, w(5), w(6)),
                |a| {
                    (
                        a.address(0),
                        a.u256(1),
                        a.word(2),
                        a.string(3),
                        a.u256(4),
                        a.small(5) as u8,
                        a.word(6),
                        a.word(7),
                    )
                },
            );
        }
        // A multi-byte UTF-8 character: mutations break it.
        check_decoder(
            spec(CONTRIBUTE),
            (u(4), w(5), String::from("héllo wörld ✓")),
            |a| (a.u256(0), a.word(1), a.string(2)),
        );
        for count in [0usize, 1, 3] {
            let hashes: Vec<B256> = (0..count).map(|i| w(i as u8 + 7)).collect();
            check_decoder(spec(CONTRIBUTE_BATCH), (u(1), hashes), |a| {
                (a.u256(0), a.hashes(1))
            });
        }
        check_decoder(spec(SET_STATUS), (u(1), 2u8), |a| {
            (a.u256(0), a.small(1) as u8)
        });
        check_decoder(spec(TRANSFER_OWNERSHIP), (u(1), addr(2)), |a| {
            (a.u256(0), a.address(1))
        });
        check_decoder(spec(SETTLE_VOTE), (u(1), addr(2)), |a| {
            (a.u256(0), a.address(1))
        });
        check_decoder(spec(VALIDATOR), (u(1), addr(2)), |a| {
            (a.u256(0), a.address(1))
        });
        check_decoder(spec(VOTE_OF), (u(1), addr(2)), |a| {
            (a.u256(0), a.address(1))
        });
        for id in [
            ACCEPT_OWNERSHIP,
            REQUEST_UNSTAKE,
            WITHDRAW_STAKE,
            DATANET,
            CONTRIBUTION,
        ] {
            check_decoder(spec(id), (u(9),), |a| (a.u256(0),));
        }
        check_decoder(spec(STAKE), (u(1), u(2)), |a| (a.u256(0), a.u256(1)));
        check_decoder(spec(CONTRIBUTION_ID_OF), (u(1), w(2)), |a| {
            (a.u256(0), a.word(1))
        });
        for approve in [false, true] {
            check_decoder(spec(VOTE), (u(1), approve, 77u8), |a| {
                (a.u256(0), a.boolean(1), a.small(2) as u8)
            });
        }
        check_decoder(spec(NONCES), (addr(3),), |a| (a.address(0),));
        check_decoder(spec(REFUND_OF), (addr(3),), |a| (a.address(0),));
        check_decoder(spec(CLAIM_REFUND), (), |_| ());
        check_decoder(spec(CONFIG), (), |_| ());
    }

    #[test]
    fn bool_argument_reads_any_nonzero_last_byte_as_true_like_alloy() {
        let mut data = <<(U256, bool, u8) as AbiType>::SolType as SolType>::abi_encode_params(&(
            u(1),
            true,
            5u8,
        ));
        data[63] = 0x07;
        let expected =
            <<(U256, bool, u8) as AbiType>::SolType as SolType>::abi_decode_params(&data, true)
                .unwrap();
        let args = Args::decode(&data, method(VOTE).unwrap().0).unwrap();
        assert_eq!(
            (args.u256(0), args.boolean(1), args.small(2) as u8),
            expected
        );
    }

    #[test]
    fn constructor_decoder_matches_alloy() {
        let value = (addr(1), addr(2), 86_400u64);
        let valid =
            <<(Address, Address, u64) as AbiType>::SolType as SolType>::abi_encode_params(&value);
        for data in mutations(&valid) {
            let alloy =
                <<(Address, Address, u64) as AbiType>::SolType as SolType>::abi_decode_params(
                    &data, true,
                );
            let ours = Args::decode(&data, b"aa8");
            assert_eq!(alloy.is_ok(), ours.is_some(), "{data:?}");
            if let (Ok(expected), Some(args)) = (alloy, ours) {
                assert_eq!((args.address(0), args.address(1), args.small(2)), expected);
            }
        }
    }

    /// The router serves exactly the functions of the committed ABI (which
    /// `cargo xtask abi --check` keeps equal to the `#[public]` methods),
    /// with the same argument kinds and payability: a method added to
    /// `#[public]` but not here fails this test.
    #[test]
    fn router_serves_exactly_the_exported_abi() {
        check_router_serves_abi(
            include_str!("../../../abi/datanet_registry.json"),
            method,
            SELECTORS,
        );
    }

    #[test]
    fn selectors_are_the_sdk_ones() {
        // Spot checks against known Solidity selectors.
        let selector = |signature: &str| {
            let hash = keccak_const::Keccak256::new()
                .update(signature.as_bytes())
                .finalize();
            u32::from_be_bytes([hash[0], hash[1], hash[2], hash[3]])
        };
        assert_eq!(CLAIM_REFUND, selector("claimRefund()"));
        assert_eq!(
            CONTRIBUTE_BATCH,
            selector("contributeBatch(uint256,bytes32[])")
        );
        assert_eq!(VOTE, selector("vote(uint256,bool,uint8)"));
        assert_eq!(
            CREATE_DATANET,
            selector(
                "createDatanet(string,bytes32,string,uint8,uint8,uint256,uint256,uint16,uint16)"
            )
        );
    }

    #[test]
    fn return_encoders_match_solidity() {
        let config = (addr(1), addr(2), 86_400u64, u(3), u(4));
        assert_eq!(encode_config(config), solidity_return(&config));
        let contribution = (
            u(1),
            addr(2),
            w(3),
            1_700_000_000u64,
            1u8,
            U256::from(77),
            3u8,
            1u8,
        );
        assert_eq!(
            encode_contribution(contribution),
            solidity_return(&contribution)
        );
        let validator = (u(1), U256::from(9), 5u64, 7u32);
        assert_eq!(encode_validator(validator), solidity_return(&validator));
        for vote in [(1u8, 50u8, true), (2, 1, false)] {
            assert_eq!(encode_vote(vote), solidity_return(&vote));
        }
        assert_eq!(
            abi::words(&[u(5).word()]),
            <<U256 as AbiType>::SolType as SolType>::abi_encode(&u(5))
        );
        for (uri_len, license_len) in [(0, 0), (1, 31), (32, 33), (256, 256)] {
            let datanet: DatanetRecord = (
                addr(1),
                addr(2),
                0,
                1,
                32,
                10_000,
                2_500,
                u(3),
                u(4),
                text(uri_len),
                w(5),
                text(license_len),
            );
            assert_eq!(
                encode_datanet(&datanet),
                solidity_return(&datanet),
                "{uri_len} {license_len}"
            );
        }
    }
}
