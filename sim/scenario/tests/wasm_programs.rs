//! The deployable programs, as built (`target/stylus/*.wasm`), run in the
//! in-process executor: the seed scenario reconciles to the wei, fee
//! routing costs the same gas whatever the number of contributors, each
//! constructor runs once, and the wasm routers refuse what the ABI does not
//! allow. Independent of the motsu tests, which run the Rust code natively.
//!
//! Run by `cargo xtask test`, which builds the programs first; a plain
//! `cargo test` skips these tests, saying so, when the programs are
//! missing.

use alloy_primitives::{Address, U256};
use alloy_sol_types::{SolCall, SolValue};
use seed_scenario::{
    account, bindings::market, bindings::splitter as spl, gas::fee_routing, program, run,
    wasm_dir_for_tests, CHAIN_ID, GAS_LIMIT,
};
use stylus_sim::{Chain, Tx};

#[test]
fn the_seed_scenario_reconciles_to_the_wei() {
    let Some(dir) = wasm_dir_for_tests() else {
        return;
    };
    let report = run(&dir).expect("the scenario runs");
    assert!(report.reconciled(), "{report:#?}");
    // Seven accounts claim in two tokens, each exactly as computed.
    assert_eq!(report.payouts.len(), 14);
    let dev_eth = report
        .payouts
        .iter()
        .find(|p| p.account == "model developer" && p.token == "ETH")
        .expect("the developer claims ETH");
    // 0.01 ETH paid, 5% fee, 60% of the rest.
    assert_eq!(dev_eth.claimed, U256::from(5_700_000_000_000_000u64));
    // The books close: the splitter took in exactly what users paid and
    // what the registry forwarded (a forfeited bond and a slash).
    let eth = &report.books[0];
    assert_eq!(eth.deposited, U256::from(10_000_000_000_000_000u64));
    let tok = &report.books[1];
    assert_eq!(tok.deposited, seed_scenario::tokens(30 + 1 + 20));
}

#[test]
fn fee_routing_gas_does_not_depend_on_the_number_of_contributors() {
    let Some(dir) = wasm_dir_for_tests() else {
        return;
    };
    let wasm = program(&dir, "reward_splitter").expect("splitter");
    let few = fee_routing(&wasm, 10).expect("10 contributors");
    let many = fee_routing(&wasm, 2_000).expect("2,000 contributors");
    assert_eq!(few.first_fee, many.first_fee);
    assert_eq!(few.later_fee, many.later_fee);
    assert!(few.later_fee < few.first_fee);
}

/// `config()`, which four of the programs have: what their constructor set.
fn config(chain: &mut Chain, program: Address) -> Vec<u8> {
    let data = alloy_primitives::keccak256("config()")[..4].to_vec();
    let r = chain.view(Address::ZERO, program, &data);
    assert!(r.success, "config() of {program}");
    r.output
}

/// A refusal by a router or a guard: reverted with no data, well within
/// the gas limit (not out of gas).
#[track_caller]
fn assert_refused(r: &stylus_sim::Receipt, what: &str) {
    assert!(!r.success, "{what}: succeeded");
    assert!(r.output.is_empty(), "{what}: reverted with {:?}", r.output);
    assert!(r.gas_used < GAS_LIMIT / 10, "{what}: ran out of gas");
}

#[test]
fn every_constructor_runs_once() {
    let Some(dir) = wasm_dir_for_tests() else {
        return;
    };
    let admin = account("constructor test admin");
    let (peer, other) = (account("some peer"), account("another peer"));
    // Arguments of the deployment, then of a second constructor call that
    // would re-point the program.
    let cases: [(&str, Vec<u8>, Vec<u8>); 5] = [
        (
            "reward_splitter",
            (admin, peer, 100u16).abi_encode_params(),
            (other, other, 900u16).abi_encode_params(),
        ),
        (
            "datanet_registry",
            (peer, Address::ZERO, 60u64).abi_encode_params(),
            (other, Address::ZERO, 1u64).abi_encode_params(),
        ),
        (
            "attribution",
            (admin, peer, peer).abi_encode_params(),
            (other, other, other).abi_encode_params(),
        ),
        (
            "model_market",
            (peer, peer).abi_encode_params(),
            (other, other).abi_encode_params(),
        ),
        ("test_token", Vec::new(), Vec::new()),
    ];
    for (name, args, again_args) in cases {
        let mut chain = Chain::new(CHAIN_ID);
        chain.fund(admin, U256::from(10u64).pow(U256::from(18u64)));
        let wasm = program(&dir, name).expect("built");
        let (address, _) = chain
            .deploy(admin, &wasm, &args)
            .unwrap_or_else(|r| panic!("{name}: constructor failed: {:?}", r.output));
        let before = (name != "test_token").then(|| config(&mut chain, address));
        let selector = &alloy_primitives::keccak256("stylus_constructor()")[..4];
        let again = chain.send(Tx {
            from: admin,
            to: address,
            value: U256::ZERO,
            data: [selector, &again_args].concat(),
            gas_limit: GAS_LIMIT,
        });
        assert_refused(&again, &format!("{name}: a second constructor call"));
        if let Some(before) = before {
            assert_eq!(config(&mut chain, address), before, "{name}: re-pointed");
        }
    }
}

#[test]
fn the_wasm_routers_refuse_unknown_selectors_and_value_to_non_payable_functions() {
    let Some(dir) = wasm_dir_for_tests() else {
        return;
    };
    let admin = account("router test admin");
    let mut chain = Chain::new(CHAIN_ID);
    chain.fund(admin, U256::from(10u64).pow(U256::from(18u64)));
    let splitter_wasm = program(&dir, "reward_splitter").expect("built");
    let (splitter, _) = chain
        .deploy(
            admin,
            &splitter_wasm,
            &(admin, admin, 100u16).abi_encode_params(),
        )
        .unwrap_or_else(|r| panic!("{:?}", r.output));
    let market_wasm = program(&dir, "model_market").expect("built");
    let (market_address, _) = chain
        .deploy(
            admin,
            &market_wasm,
            &(splitter, splitter).abi_encode_params(),
        )
        .unwrap_or_else(|r| panic!("{:?}", r.output));
    let send = |chain: &mut Chain, to: Address, value: u64, data: Vec<u8>| {
        chain.send(Tx {
            from: admin,
            to,
            value: U256::from(value),
            data,
            gas_limit: GAS_LIMIT,
        })
    };
    // An unknown selector, and calldata too short for any selector.
    let splitter_config = config(&mut chain, splitter);
    for data in [vec![0xde, 0xad, 0xbe, 0xef], vec![0x01]] {
        let r = send(&mut chain, splitter, 0, data.clone());
        assert_refused(&r, "splitter: unknown selector");
        let r = send(&mut chain, market_address, 0, data);
        assert_refused(&r, "market: unknown selector");
    }
    // Value sent to a non-payable function is refused; without value the
    // same call goes through.
    let fee = spl::IRewardSplitter::setProtocolFeeCall { bps: 200 }.abi_encode();
    assert_refused(
        &send(&mut chain, splitter, 1, fee.clone()),
        "value to setProtocolFee",
    );
    assert_eq!(config(&mut chain, splitter), splitter_config);
    assert_eq!(chain.balance(splitter), U256::ZERO);
    assert!(send(&mut chain, splitter, 0, fee).success);
    assert_ne!(config(&mut chain, splitter), splitter_config);
    // Truncated arguments are refused; the whole call is answered.
    let call = market::IModelMarket::priceCall {
        model_id: U256::from(1u64),
        token: Address::ZERO,
    }
    .abi_encode();
    let mut short = call.clone();
    short.truncate(20);
    assert_refused(
        &send(&mut chain, market_address, 0, short),
        "truncated arguments",
    );
    let whole = send(&mut chain, market_address, 0, call);
    assert!(whole.success);
    assert_eq!(
        whole.output,
        vec![0u8; 32],
        "price of an unknown model is 0"
    );
}
