//! Every planned transaction's calldata decodes back through the generated
//! bindings to the expected arguments, in the expected order.

use alloy::{
    primitives::{keccak256, Address},
    sol_types::{SolCall, SolInterface, SolValue},
};
use stylus_deploy::{
    bindings::{
        arb_wasm::{self, ArbWasm},
        attribution::Attribution,
        constructor,
        reward_splitter::RewardSplitter,
        roles,
    },
    config::DeployConfig,
    plan::{self, Addresses, TxValue},
    process::{self, PROGRAMS},
};

const EMPTY_MODULE: &[u8] = b"\0asm\x01\0\0\0";

fn config(stake_token: Address, admin_is_deployer: bool, freeze: bool) -> DeployConfig {
    let deployer = Address::repeat_byte(0x11);
    DeployConfig {
        chain_id: 412346,
        deployer,
        deployer_nonce: 5,
        admin: if admin_is_deployer {
            deployer
        } else {
            Address::repeat_byte(0x22)
        },
        treasury: Address::repeat_byte(0x33),
        protocol_fee_bps: 250,
        stake_token,
        unstake_cooldown: 86_400,
        attestors: vec![Address::repeat_byte(0x44), Address::repeat_byte(0x55)],
        freeze_peer_roles: freeze,
        rpc_url: None,
    }
}

fn programs() -> Vec<process::Processed> {
    PROGRAMS
        .iter()
        .map(|lib| process::process(lib, EMPTY_MODULE.to_vec()).unwrap())
        .collect()
}

fn data(tx: &plan::PlannedTx) -> &[u8] {
    tx.data.as_deref().expect("calldata")
}

#[test]
fn addresses_are_create_addresses_three_nonces_apart() {
    let cfg = config(Address::ZERO, true, true);
    let a = Addresses::predict(&cfg);
    assert_eq!(a.splitter, cfg.deployer.create(5));
    assert_eq!(a.registry, cfg.deployer.create(8));
    assert_eq!(a.attribution, cfg.deployer.create(11));
    assert_eq!(a.market, cfg.deployer.create(14));
    // A known CREATE vector: deployer 0x6ac7...dbf0 at nonce 0.
    let d: Address = "0x6ac7ea33f8831ea9dcc53393aaa88b25a785dbf0"
        .parse()
        .unwrap();
    let expected: Address = "0xcd234a471b72ba2f1ccf0a70fcaba648a5eecd8d"
        .parse()
        .unwrap();
    assert_eq!(d.create(0), expected);
}

#[test]
fn deployment_transactions_decode() {
    let cfg = config(Address::ZERO, false, true);
    let progs = programs();
    let p = plan::build(&cfg, &progs).unwrap();
    let a = Addresses::predict(&cfg);
    let sel = constructor::selector();

    for (i, prog) in progs.iter().enumerate() {
        let lib = prog.lib.as_str();
        let addr = a.of(lib).unwrap();
        let [create, activate, construct] = &p.transactions[3 * i..3 * i + 3] else {
            unreachable!()
        };
        let nonce = cfg.deployer_nonce + 3 * i as u64;

        assert_eq!(create.step, 3 * i + 1);
        assert_eq!(
            (create.from, create.nonce, create.to),
            (cfg.deployer, Some(nonce), None)
        );
        assert_eq!(create.creates, Some(addr));
        assert_eq!(create.initcode_hash, Some(keccak256(&prog.initcode)));
        assert_eq!(
            create.initcode_file.as_deref(),
            Some(plan::initcode_file(lib).as_str())
        );
        assert_eq!(p.programs[lib].address, addr);
        assert_eq!(p.programs[lib].code_hash, keccak256(&prog.deployed));

        assert_eq!(activate.to, Some(arb_wasm::ADDRESS));
        assert_eq!(activate.nonce, Some(nonce + 1));
        assert_eq!(activate.value, TxValue::ActivationDataFee);
        let call = ArbWasm::activateProgramCall::abi_decode(data(activate)).unwrap();
        assert_eq!(call.program, addr);

        assert_eq!(
            (construct.to, construct.nonce),
            (Some(addr), Some(nonce + 2))
        );
        assert_eq!(construct.value, TxValue::Zero);
        let (head, args) = data(construct).split_at(4);
        assert_eq!(head, sel);
        match lib {
            "reward_splitter" => assert_eq!(
                <(Address, Address, u16)>::abi_decode_params(args).unwrap(),
                (cfg.admin, cfg.treasury, cfg.protocol_fee_bps)
            ),
            "datanet_registry" => assert_eq!(
                <(Address, Address, u64)>::abi_decode_params(args).unwrap(),
                (a.splitter, cfg.stake_token, cfg.unstake_cooldown)
            ),
            "attribution" => assert_eq!(
                <(Address, Address, Address)>::abi_decode_params(args).unwrap(),
                (cfg.admin, a.registry, a.splitter)
            ),
            "model_market" => assert_eq!(
                <(Address, Address)>::abi_decode_params(args).unwrap(),
                (a.splitter, a.attribution)
            ),
            other => panic!("unexpected {other}"),
        }
    }
}

/// The wiring part of the plan, decoded: (target, description).
fn wiring(cfg: &DeployConfig) -> Vec<(Address, String)> {
    let p = plan::build(cfg, &programs()).unwrap();
    let a = Addresses::predict(cfg);
    let name = |r| {
        [
            (roles::registry(), "REGISTRY"),
            (roles::market(), "MARKET"),
            (roles::attribution(), "ATTRIBUTION"),
        ]
        .into_iter()
        .find(|(x, _)| *x == r)
        .map(|(_, n)| n)
        .expect("a peer role")
    };
    let who = |x: Address| {
        [
            (a.registry, "registry"),
            (a.attribution, "attribution"),
            (a.market, "market"),
        ]
        .into_iter()
        .find(|(y, _)| *y == x)
        .map(|(_, n)| n.to_string())
        .unwrap_or_else(|| x.to_string())
    };
    p.transactions[12..]
        .iter()
        .map(|tx| {
            assert_eq!(tx.from, cfg.admin, "{}", tx.label);
            assert_eq!(tx.value, TxValue::Zero);
            let to = tx.to.unwrap();
            let d = data(tx);
            let text = if to == a.splitter {
                match RewardSplitter::RewardSplitterCalls::abi_decode(d).unwrap() {
                    RewardSplitter::RewardSplitterCalls::grantRole(c) => {
                        format!("grant {} {}", name(c.role), who(c.account))
                    }
                    RewardSplitter::RewardSplitterCalls::setTokenAllowed(c) => {
                        format!("allow {} {}", c.token, c.allowed)
                    }
                    RewardSplitter::RewardSplitterCalls::freezeRole(c) => {
                        format!("freeze {}", name(c.role))
                    }
                    other => panic!("unexpected splitter call {other:?}"),
                }
            } else {
                assert_eq!(to, a.attribution);
                match Attribution::AttributionCalls::abi_decode(d).unwrap() {
                    Attribution::AttributionCalls::grantRole(c) => {
                        format!("grant {} {}", name(c.role), who(c.account))
                    }
                    Attribution::AttributionCalls::setAttestor(c) => {
                        format!("attestor {} {}", c.account, c.allowed)
                    }
                    Attribution::AttributionCalls::freezeRole(c) => {
                        format!("freeze {}", name(c.role))
                    }
                    other => panic!("unexpected attribution call {other:?}"),
                }
            };
            (to, text)
        })
        .collect()
}

#[test]
fn wiring_decodes_in_readme_order() {
    let token = Address::repeat_byte(0x66);
    let cfg = config(token, false, true);
    let a = Addresses::predict(&cfg);
    let (s, t) = (a.splitter, a.attribution);
    let expected = vec![
        (s, "grant REGISTRY registry".to_string()),
        (s, format!("allow {token} true")),
        (s, "grant ATTRIBUTION attribution".into()),
        (s, "grant MARKET market".into()),
        (t, "grant MARKET market".into()),
        (t, format!("attestor {} true", Address::repeat_byte(0x44))),
        (t, format!("attestor {} true", Address::repeat_byte(0x55))),
        (s, "freeze REGISTRY".into()),
        (s, "freeze MARKET".into()),
        (s, "freeze ATTRIBUTION".into()),
        (t, "freeze MARKET".into()),
    ];
    assert_eq!(wiring(&cfg), expected);
}

#[test]
fn native_stake_and_no_freeze_leave_those_calls_out() {
    let cfg = config(Address::ZERO, false, false);
    let got = wiring(&cfg);
    assert_eq!(got.len(), 4 + 2);
    assert!(got
        .iter()
        .all(|(_, t)| !t.starts_with("allow") && !t.starts_with("freeze")));
}

#[test]
fn admin_nonces_follow_the_deployers_when_they_are_the_same_account() {
    let cfg = config(Address::ZERO, true, true);
    let p = plan::build(&cfg, &programs()).unwrap();
    for (i, tx) in p.transactions.iter().enumerate() {
        assert_eq!(
            tx.nonce,
            Some(cfg.deployer_nonce + i as u64),
            "{}",
            tx.label
        );
        assert_eq!(tx.step, i + 1);
    }
    let other = config(Address::ZERO, false, true);
    let p = plan::build(&other, &programs()).unwrap();
    assert!(p.transactions[12..].iter().all(|tx| tx.nonce.is_none()));
}

#[test]
fn plan_round_trips_through_json() {
    let cfg = config(Address::repeat_byte(0x66), false, true);
    let p = plan::build(&cfg, &programs()).unwrap();
    let json = serde_json::to_string_pretty(&p).unwrap();
    assert_eq!(serde_json::from_str::<plan::Plan>(&json).unwrap(), p);
    assert!(!json.contains(&process::to_hex(&programs()[0].initcode)));
}
