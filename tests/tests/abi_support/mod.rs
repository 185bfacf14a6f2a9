//! The generated JSON ABIs (`abi/<program>.json`, written by `cargo xtask
//! abi` from each program's `#[public]` impl), read as JSON here.
#![allow(dead_code)]

use std::collections::BTreeMap;

use serde_json::Value;

/// The four programs and their committed JSON ABIs.
pub const PROGRAMS: [(&str, &str); 4] = [
    ("attribution", include_str!("../../../abi/attribution.json")),
    (
        "datanet_registry",
        include_str!("../../../abi/datanet_registry.json"),
    ),
    (
        "model_market",
        include_str!("../../../abi/model_market.json"),
    ),
    (
        "reward_splitter",
        include_str!("../../../abi/reward_splitter.json"),
    ),
];

/// The committed ABI of `program`.
pub fn abi_of(program: &str) -> &'static str {
    PROGRAMS
        .iter()
        .find(|(name, _)| *name == program)
        .map(|(_, json)| *json)
        .unwrap_or_else(|| panic!("no ABI for {program}"))
}

/// The canonical type of an ABI parameter: its `type`, with tuples written
/// out as `(component,...)` followed by any array suffix.
fn canonical_type(param: &Value) -> String {
    let ty = param["type"].as_str().expect("a parameter has a type");
    match ty.strip_prefix("tuple") {
        Some(suffix) => {
            let components: Vec<String> = param["components"]
                .as_array()
                .expect("a tuple has components")
                .iter()
                .map(canonical_type)
                .collect();
            format!("({}){suffix}", components.join(","))
        }
        None => ty.to_string(),
    }
}

/// Every function of an ABI: full signature (`name(type,...)`) to its
/// `stateMutability`.
pub fn functions(json: &str) -> BTreeMap<String, String> {
    let abi: Value = serde_json::from_str(json).expect("the ABI is JSON");
    let mut functions = BTreeMap::new();
    for item in abi.as_array().expect("the ABI is a JSON array") {
        if item["type"] != "function" {
            continue;
        }
        let name = item["name"].as_str().expect("a function has a name");
        let inputs: Vec<String> = item["inputs"]
            .as_array()
            .expect("a function has inputs")
            .iter()
            .map(canonical_type)
            .collect();
        let mutability = item["stateMutability"]
            .as_str()
            .expect("a function has a stateMutability");
        let signature = format!("{name}({})", inputs.join(","));
        assert!(
            functions
                .insert(signature.clone(), mutability.to_string())
                .is_none(),
            "{signature} appears twice"
        );
    }
    functions
}

/// The state-changing functions of an ABI (`nonpayable` or `payable`):
/// full signature to whether it is payable.
pub fn state_changing(json: &str) -> BTreeMap<String, bool> {
    functions(json)
        .into_iter()
        .filter_map(|(signature, mutability)| match mutability.as_str() {
            "nonpayable" => Some((signature, false)),
            "payable" => Some((signature, true)),
            "view" | "pure" => None,
            other => panic!("{signature}: unknown stateMutability {other}"),
        })
        .collect()
}

/// The names of an ABI's state-changing functions.
pub fn state_changing_names(json: &str) -> Vec<String> {
    let mut names: Vec<String> = state_changing(json)
        .into_keys()
        .map(|signature| signature[..signature.find('(').expect("(")].to_string())
        .collect();
    names.dedup();
    names
}
