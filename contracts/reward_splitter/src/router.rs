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

use crate::RewardSplitter;

abi_kit::selectors! {
    SET_PROTOCOL_FEE = "setProtocolFee", u16;
    SET_TREASURY = "setTreasury", Address;
    SET_TOKEN_ALLOWED = "setTokenAllowed", Address, bool;
    PAUSE = "pause";
    UNPAUSE = "unpause";
    PAUSED = "paused";
    HAS_ROLE = "hasRole", B256, Address;
    GET_ROLE_ADMIN = "getRoleAdmin", B256;
    FREEZE_ROLE = "freezeRole", B256;
    IS_ROLE_FROZEN = "isRoleFrozen", B256;
    GRANT_ROLE = "grantRole", B256, Address;
    REVOKE_ROLE = "revokeRole", B256, Address;
    RENOUNCE_ROLE = "renounceRole", B256, Address;
    ADD_CONTRIBUTOR_WEIGHT = "addContributorWeight", U256, Address, U256;
    ADD_VALIDATOR_SHARE = "addValidatorShare", U256, Address;
    REMOVE_SHARES = "removeShares", U256, u8, Address, U256;
    FUND_VALIDATOR_POOL = "fundValidatorPool", U256, Address, U256;
    DISABLE_VALIDATOR_POOL = "disableValidatorPool", U256;
    ROUTE = "route", U256, Address, U256, Address, u16, u16, u16, u16, Vec<U256>, Vec<u16>;
    RELEASE_ESCROW = "releaseEscrow", U256, Address, Address, U256;
    DISTRIBUTE_PENDING = "distributePending", U256, u8, Address;
    CLAIM = "claim", Address, Vec<U256>, Vec<U256>, Address;
    CONFIG = "config";
    TOKENS = "tokens";
    TOKEN_INFO = "tokenInfo", Address;
    POOL_INFO = "poolInfo", U256, u8, Address;
    SHARES_OF = "sharesOf", U256, u8, Address;
    CLAIMABLE = "claimable", Address, Address, Vec<U256>, Vec<U256>;
    ESCROW = "escrow", U256, Address;
}

/// Argument kinds (see [`Args`]) and payability of a selector; `None` for
/// an unknown one.
pub(crate) fn method(selector: u32) -> Option<(&'static [u8], bool)> {
    Some(match selector {
        SET_PROTOCOL_FEE => (b"2", false),
        SET_TREASURY | TOKEN_INFO => (b"a", false),
        SET_TOKEN_ALLOWED => (b"a1", false),
        PAUSE | UNPAUSE | PAUSED | CONFIG | TOKENS => (b"", false),
        HAS_ROLE | GRANT_ROLE | REVOKE_ROLE | RENOUNCE_ROLE | ADD_VALIDATOR_SHARE | ESCROW => {
            (b"wa", false)
        }
        GET_ROLE_ADMIN | FREEZE_ROLE | IS_ROLE_FROZEN | DISABLE_VALIDATOR_POOL => (b"w", false),
        ADD_CONTRIBUTOR_WEIGHT => (b"waw", false),
        REMOVE_SHARES => (b"w1aw", false),
        FUND_VALIDATOR_POOL => (b"waw", true),
        ROUTE => (b"wawa2222vq", true),
        RELEASE_ESCROW => (b"waaw", false),
        DISTRIBUTE_PENDING | POOL_INFO | SHARES_OF => (b"w1a", false),
        CLAIM => (b"avva", false),
        CLAIMABLE => (b"aavv", false),
        _ => return None,
    })
}

// The splitter's router and entrypoint.
abi_kit::hand_router! {
    HandRouter for RewardSplitter,
    methods: method,
    dispatch: dispatch,
    constructor(b"aa2"): |this: &mut RewardSplitter, a| {
        ret_unit(this.constructor(a.address(0), a.address(1), a.small(2) as u16))
    },
}

/// Calls the method of `selector` (known to [`method`]) with decoded `a`.
#[inline(never)]
fn dispatch(this: &mut RewardSplitter, selector: u32, a: &Args<'_>) -> ArbResult {
    match selector {
        SET_PROTOCOL_FEE => ret_unit(this.set_protocol_fee(a.small(0) as u16)),
        SET_TREASURY => ret_unit(this.set_treasury(a.address(0))),
        SET_TOKEN_ALLOWED => ret_unit(this.set_token_allowed(a.address(0), a.boolean(1))),
        PAUSE => ret_unit(this.pause()),
        UNPAUSE => ret_unit(this.unpause()),
        PAUSED => ret_word(this.paused()),
        HAS_ROLE => ret_word(this.has_role(a.word(0), a.address(1))),
        GET_ROLE_ADMIN => ret_word(this.get_role_admin(a.word(0))),
        FREEZE_ROLE => ret_unit(this.freeze_role(a.word(0))),
        IS_ROLE_FROZEN => ret_word(this.is_role_frozen(a.word(0))),
        GRANT_ROLE => ret_unit(this.grant_role(a.word(0), a.address(1))),
        REVOKE_ROLE => ret_unit(this.revoke_role(a.word(0), a.address(1))),
        RENOUNCE_ROLE => ret_unit(this.renounce_role(a.word(0), a.address(1))),
        ADD_CONTRIBUTOR_WEIGHT => {
            ret_unit(this.add_contributor_weight(a.u256(0), a.address(1), a.u256(2)))
        }
        ADD_VALIDATOR_SHARE => ret_unit(this.add_validator_share(a.u256(0), a.address(1))),
        DISABLE_VALIDATOR_POOL => ret_unit(this.disable_validator_pool(a.u256(0))),
        REMOVE_SHARES => {
            ret_unit(this.remove_shares(a.u256(0), a.small(1) as u8, a.address(2), a.u256(3)))
        }
        FUND_VALIDATOR_POOL => {
            ret_unit(this.fund_validator_pool(a.u256(0), a.address(1), a.u256(2)))
        }
        ROUTE => ret_unit(this.route(
            a.u256(0),
            a.address(1),
            a.u256(2),
            a.address(3),
            a.small(4) as u16,
            a.small(5) as u16,
            a.small(6) as u16,
            a.small(7) as u16,
            a.u256s(8),
            a.u16s(9),
        )),
        RELEASE_ESCROW => {
            ret_unit(this.release_escrow(a.u256(0), a.address(1), a.address(2), a.u256(3)))
        }
        DISTRIBUTE_PENDING => {
            ret_unit(this.distribute_pending(a.u256(0), a.small(1) as u8, a.address(2)))
        }
        CLAIM => ret_u256(this.claim(a.address(0), a.u256s(1), a.u256s(2), a.address(3))),
        CONFIG => {
            let (treasury, fee, count) = this.config();
            Ok(words(&[treasury.word(), fee.word(), count.word()]))
        }
        TOKENS => Ok(abi_kit::array_return(
            &this
                .tokens()
                .into_iter()
                .map(AbiWord::word)
                .collect::<Vec<_>>(),
        )),
        TOKEN_INFO => {
            let (listed, allowed, deposited, claimed, dust) = this.token_info(a.address(0));
            Ok(words(&[
                listed.word(),
                allowed.word(),
                deposited.word(),
                claimed.word(),
                dust.word(),
            ]))
        }
        POOL_INFO => done(
            this.pool_info(a.u256(0), a.small(1) as u8, a.address(2))
                .map(|(total, per_share, revenue, pending)| {
                    words(&[
                        total.word(),
                        per_share.word(),
                        revenue.word(),
                        pending.word(),
                    ])
                }),
        ),
        SHARES_OF => ret_u256(this.shares_of(a.u256(0), a.small(1) as u8, a.address(2))),
        CLAIMABLE => done(
            this.claimable(a.address(0), a.address(1), a.u256s(2), a.u256s(3))
                .map(|(amount, scaled)| words(&[amount.word(), scaled.word()])),
        ),
        ESCROW => {
            let (escrowed, released) = this.escrow(a.u256(0), a.address(1));
            Ok(words(&[escrowed.word(), released.word()]))
        }
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
        addr, check_decoder, check_router_serves_abi, mutations, solidity_return, u, w,
    };

    use super::*;

    /// The argument spec of a routed selector.
    fn spec(selector: u32) -> &'static [u8] {
        method(selector).expect("known selector").0
    }

    #[test]
    fn decoder_matches_alloy_for_every_method() {
        check_decoder(spec(SET_PROTOCOL_FEE), (700u16,), |a| (a.small(0) as u16,));
        for id in [SET_TREASURY, TOKEN_INFO] {
            check_decoder(spec(id), (addr(1),), |a| (a.address(0),));
        }
        for allowed in [false, true] {
            check_decoder(spec(SET_TOKEN_ALLOWED), (addr(1), allowed), |a| {
                (a.address(0), a.boolean(1))
            });
        }
        for id in [PAUSE, UNPAUSE, PAUSED, CONFIG, TOKENS] {
            check_decoder(spec(id), (), |_| ());
        }
        for id in [HAS_ROLE, GRANT_ROLE, REVOKE_ROLE, RENOUNCE_ROLE] {
            check_decoder(spec(id), (w(1), addr(2)), |a| (a.word(0), a.address(1)));
        }
        for id in [ADD_VALIDATOR_SHARE, ESCROW] {
            check_decoder(spec(id), (u(1), addr(2)), |a| (a.u256(0), a.address(1)));
        }
        for id in [
            GET_ROLE_ADMIN,
            FREEZE_ROLE,
            IS_ROLE_FROZEN,
            DISABLE_VALIDATOR_POOL,
        ] {
            check_decoder(spec(id), (u(3),), |a| (a.u256(0),));
        }
        for id in [ADD_CONTRIBUTOR_WEIGHT, FUND_VALIDATOR_POOL] {
            check_decoder(spec(id), (u(1), addr(2), u(3)), |a| {
                (a.u256(0), a.address(1), a.u256(2))
            });
        }
        check_decoder(spec(REMOVE_SHARES), (u(1), 1u8, addr(2), u(3)), |a| {
            (a.u256(0), a.small(1) as u8, a.address(2), a.u256(3))
        });
        check_decoder(spec(RELEASE_ESCROW), (u(1), addr(2), addr(3), u(4)), |a| {
            (a.u256(0), a.address(1), a.address(2), a.u256(3))
        });
        for id in [DISTRIBUTE_PENDING, POOL_INFO, SHARES_OF] {
            check_decoder(spec(id), (u(1), 1u8, addr(2)), |a| {
                (a.u256(0), a.small(1) as u8, a.address(2))
            });
        }
        for count in [0usize, 1, 3] {
            let ids: Vec<U256> = (0..count).map(|i| u(i as u8 + 7)).collect();
            let weights: Vec<u16> = (0..count).map(|i| 1_000 * i as u16 + 1).collect();
            check_decoder(
                spec(ROUTE),
                (
                    u(1),
                    addr(2),
                    u(3),
                    addr(4),
                    5_000u16,
                    3_000u16,
                    2_000u16,
                    2_500u16,
                    ids.clone(),
                    weights,
                ),
                |a| {
                    (
                        a.u256(0),
                        a.address(1),
                        a.u256(2),
                        a.address(3),
                        a.small(4) as u16,
                        a.small(5) as u16,
                        a.small(6) as u16,
                        a.small(7) as u16,
                        a.u256s(8),
                        a.u16s(9),
                    )
                },
            );
            check_decoder(
                spec(CLAIM),
                (addr(1), ids.clone(), ids.clone(), addr(2)),
                |a| (a.address(0), a.u256s(1), a.u256s(2), a.address(3)),
            );
            check_decoder(spec(CLAIMABLE), (addr(1), addr(2), ids.clone(), ids), |a| {
                (a.address(0), a.address(1), a.u256s(2), a.u256s(3))
            });
        }
    }

    #[test]
    fn constructor_decoder_matches_alloy() {
        type Params = (Address, Address, u16);
        let valid = <<Params as AbiType>::SolType as SolType>::abi_encode_params(&(
            addr(1),
            addr(2),
            1_000u16,
        ));
        for data in mutations(&valid) {
            let alloy = <<Params as AbiType>::SolType as SolType>::abi_decode_params(&data, true);
            let ours = Args::decode(&data, b"aa2");
            assert_eq!(alloy.is_ok(), ours.is_some(), "{data:?}");
            if let (Ok(expected), Some(a)) = (alloy, ours) {
                assert_eq!((a.address(0), a.address(1), a.small(2) as u16), expected);
            }
        }
    }

    /// The router serves exactly the functions of the committed ABI (which
    /// `cargo xtask abi --check` keeps equal to the `#[public]` methods),
    /// with the same argument kinds and payability.
    #[test]
    fn router_serves_exactly_the_exported_abi() {
        check_router_serves_abi(
            include_str!("../../../abi/reward_splitter.json"),
            method,
            SELECTORS,
        );
    }

    #[test]
    fn return_encoders_match_solidity() {
        for count in [0usize, 1, 8] {
            let tokens: Vec<Address> = (0..count).map(|i| addr(i as u8)).collect();
            let ours = abi_kit::array_return(&tokens.iter().map(|t| t.word()).collect::<Vec<_>>());
            assert_eq!(
                ours,
                <<(Vec<Address>,) as AbiType>::SolType as SolType>::abi_encode_params(&(tokens,))
            );
        }
        let config = (addr(1), 1_000u16, 3u8);
        assert_eq!(
            words(&[config.0.word(), config.1.word(), config.2.word()]),
            solidity_return(&config)
        );
        let info = (true, false, u(1), u(2), u(3));
        assert_eq!(
            words(&[
                info.0.word(),
                info.1.word(),
                info.2.word(),
                info.3.word(),
                info.4.word()
            ]),
            solidity_return(&info)
        );
    }
}
