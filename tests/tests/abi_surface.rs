//! The state-changing surface of each program, read from its committed JSON
//! ABI (`abi/<program>.json`, generated from the `#[public]` impl): the set
//! of `nonpayable` and `payable` functions, with full signatures, is exactly
//! the list below, and exactly the listed ones are payable. A new `pub fn`
//! in a `#[public]` impl (after `cargo xtask abi`), a changed signature or a
//! change of payability fails here; `access_matrix.rs` then needs a row for
//! it.
mod abi_support;

use std::collections::BTreeMap;

use abi_support::{abi_of, functions, state_changing, PROGRAMS};

/// `(signature, payable)` of every state-changing function, per program.
const EXPECTED: [(&str, &[(&str, bool)]); 4] = [
    (
        "attribution",
        &[
            ("claimInfluence(uint256,address,uint256,bytes32[])", false),
            ("commitEpoch(uint256,address,bytes32,bytes32,uint256)", false),
            ("freezeRole(bytes32)", false),
            ("grantRole(bytes32,address)", false),
            (
                "recordTraining(uint256,uint256,uint256[],uint16[],bytes32,uint16)",
                false,
            ),
            ("renounceRole(bytes32,address)", false),
            ("revokeRole(bytes32,address)", false),
            ("setAttestor(address,bool)", false),
            ("setModelAttestor(uint256,address)", false),
        ],
    ),
    (
        "datanet_registry",
        &[
            ("acceptOwnership(uint256)", false),
            ("claimRefund()", false),
            ("contribute(uint256,bytes32,string)", true),
            ("contributeBatch(uint256,bytes32[])", true),
            (
                "contributeSigned(address,uint256,bytes32,string,uint256,uint8,bytes32,bytes32)",
                true,
            ),
            (
                "createDatanet(string,bytes32,string,uint8,uint8,uint256,uint256,uint16,uint16)",
                false,
            ),
            ("requestUnstake(uint256)", false),
            ("setMetadata(uint256,string,bytes32,string)", false),
            ("setStatus(uint256,uint8)", false),
            ("settleVote(uint256,address)", false),
            ("stake(uint256,uint256)", true),
            ("transferOwnership(uint256,address)", false),
            ("vote(uint256,bool,uint8)", false),
            ("withdrawStake(uint256)", false),
        ],
    ),
    (
        "model_market",
        &[
            ("acceptOwnership(uint256)", false),
            (
                "listModel(string,bytes32,string,uint16,uint16,uint16,uint16,uint256[],uint16[],bytes32)",
                false,
            ),
            ("pay(uint256,address,uint256,bytes32)", true),
            ("payBatch(uint256,address,uint256,uint256,bytes32)", true),
            (
                "publishVersion(uint256,bytes32,uint256[],uint16[],bytes32)",
                false,
            ),
            ("setMetadata(uint256,string)", false),
            ("setModelAttestor(uint256,address)", false),
            ("setPrice(uint256,address,uint256)", false),
            ("setStatus(uint256,uint8)", false),
            ("transferOwnership(uint256,address)", false),
        ],
    ),
    (
        "reward_splitter",
        &[
            ("addContributorWeight(uint256,address,uint256)", false),
            ("addValidatorShare(uint256,address)", false),
            ("claim(address,uint256[],uint256[],address)", false),
            ("disableValidatorPool(uint256)", false),
            ("distributePending(uint256,uint8,address)", false),
            ("freezeRole(bytes32)", false),
            ("fundValidatorPool(uint256,address,uint256)", true),
            ("grantRole(bytes32,address)", false),
            ("pause()", false),
            ("releaseEscrow(uint256,address,address,uint256)", false),
            ("removeShares(uint256,uint8,address,uint256)", false),
            ("renounceRole(bytes32,address)", false),
            ("revokeRole(bytes32,address)", false),
            (
                "route(uint256,address,uint256,address,uint16,uint16,uint16,uint16,uint256[],uint16[])",
                true,
            ),
            ("setProtocolFee(uint16)", false),
            ("setTokenAllowed(address,bool)", false),
            ("setTreasury(address)", false),
            ("unpause()", false),
        ],
    ),
];

fn expected(program: &str) -> BTreeMap<String, bool> {
    let (_, list) = EXPECTED
        .iter()
        .find(|(name, _)| *name == program)
        .unwrap_or_else(|| panic!("no expected list for {program}"));
    list.iter()
        .map(|&(signature, payable)| (signature.to_string(), payable))
        .collect()
}

/// Lines of `actual` missing from `expected` and the reverse, for a readable
/// failure.
fn diff(actual: &BTreeMap<String, bool>, expected: &BTreeMap<String, bool>) -> String {
    let mut out = String::new();
    for (signature, payable) in actual {
        match expected.get(signature) {
            None => out += &format!("\n  unexpected: {signature} (payable: {payable})"),
            Some(p) if p != payable => {
                out += &format!("\n  {signature}: payable {payable}, expected {p}")
            }
            Some(_) => {}
        }
    }
    for signature in expected.keys() {
        if !actual.contains_key(signature) {
            out += &format!("\n  missing: {signature}");
        }
    }
    out
}

#[test]
fn state_changing_functions_are_exactly_the_expected_ones() {
    for (program, json) in PROGRAMS {
        let actual = state_changing(json);
        let expected = expected(program);
        assert!(
            actual == expected,
            "abi/{program}.json: state-changing surface changed:{}",
            diff(&actual, &expected)
        );
    }
}

#[test]
fn exactly_the_expected_functions_are_payable() {
    let payable = |program: &str| -> Vec<String> {
        state_changing(abi_of(program))
            .into_iter()
            .filter(|&(_, payable)| payable)
            .map(|(signature, _)| signature)
            .collect()
    };
    assert_eq!(payable("attribution"), Vec::<String>::new());
    assert_eq!(
        payable("datanet_registry"),
        [
            "contribute(uint256,bytes32,string)",
            "contributeBatch(uint256,bytes32[])",
            "contributeSigned(address,uint256,bytes32,string,uint256,uint8,bytes32,bytes32)",
            "stake(uint256,uint256)",
        ]
    );
    assert_eq!(
        payable("model_market"),
        [
            "pay(uint256,address,uint256,bytes32)",
            "payBatch(uint256,address,uint256,uint256,bytes32)",
        ]
    );
    assert_eq!(
        payable("reward_splitter"),
        [
            "fundValidatorPool(uint256,address,uint256)",
            "route(uint256,address,uint256,address,uint16,uint16,uint16,uint16,uint256[],uint16[])",
        ]
    );
}

#[test]
fn every_other_function_is_a_view() {
    // No `pure` functions and no other mutability: everything outside the
    // lists above only reads.
    for (program, json) in PROGRAMS {
        let expected = expected(program);
        for (signature, mutability) in functions(json) {
            if !expected.contains_key(&signature) {
                assert_eq!(mutability, "view", "abi/{program}.json: {signature}");
            }
        }
    }
}

#[test]
fn no_constructor_fallback_or_receive_is_exported() {
    // The ABIs hold functions, events and errors only: no payable
    // `receive` or `fallback` that would accept value outside the lists.
    for (program, json) in PROGRAMS {
        let abi: serde_json::Value = serde_json::from_str(json).expect("JSON");
        for item in abi.as_array().expect("array") {
            let kind = item["type"].as_str().expect("type");
            assert!(
                matches!(kind, "function" | "event" | "error"),
                "abi/{program}.json has a {kind} entry"
            );
        }
    }
}
