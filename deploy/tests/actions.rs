//! Every user-action subcommand: a real command line parsed with clap, its
//! call built, and the calldata decoded back through the bindings to the
//! expected function, arguments, target and value. Also the folder hashing
//! and batching, revert decoding, and `--help` of every subcommand.

use std::path::Path;

use alloy::{
    primitives::{keccak256, Address, B256, U256},
    sol_types::{SolCall, SolError},
};
use clap::{CommandFactory, Parser};
use stylus_deploy::{
    actions::{self, Call, Ctx, Program, Target},
    bindings::{
        datanet_registry::DatanetRegistry, model_market::ModelMarket,
        reward_splitter::RewardSplitter,
    },
    cli::Cli,
    config::DeployConfig,
    plan::Addresses,
};

const NATIVE: &str = "0x0000000000000000000000000000000000000000";
const TOKEN: &str = "0x7777777777777777777777777777777777777777";
const ALICE: &str = "0xaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";

fn ctx(stake_token: Option<Address>) -> Ctx {
    Ctx {
        addrs: Addresses {
            splitter: Address::repeat_byte(0x51),
            registry: Address::repeat_byte(0x52),
            attribution: Address::repeat_byte(0x53),
            market: Address::repeat_byte(0x54),
        },
        stake_token,
    }
}

fn calls_with(ctx: &Ctx, args: &[&str]) -> Vec<Call> {
    let line: Vec<&str> = ["deploy", "--dry-run", "--config", "unused.json"]
        .into_iter()
        .chain(args.iter().copied())
        .collect();
    let cli = Cli::try_parse_from(&line).unwrap_or_else(|e| panic!("{line:?}: {e}"));
    assert!(cli.common.dry_run);
    actions::build(&cli.command, ctx).unwrap()
}

fn one(args: &[&str]) -> Call {
    let mut calls = calls_with(&ctx(Some(Address::ZERO)), args);
    assert_eq!(calls.len(), 1, "{args:?}");
    let call = calls.remove(0);
    // Every call also decodes through the program's call enum.
    actions::decode_call(call.program, &call.data).unwrap();
    call
}

fn u(n: u64) -> U256 {
    U256::from(n)
}

fn a(s: &str) -> Address {
    s.parse().unwrap()
}

fn reg(call: &Call) {
    assert_eq!(call.program, Program::Registry);
    assert_eq!(call.to, Address::repeat_byte(0x52));
}

fn market(call: &Call) {
    assert_eq!(call.program, Program::Market);
    assert_eq!(call.to, Address::repeat_byte(0x54));
}

#[test]
fn datanet_commands() {
    let h = B256::repeat_byte(0x0f).to_string();
    let c = one(&[
        "datanet",
        "create",
        "--metadata-uri",
        "ipfs://m",
        "--metadata-hash",
        &h,
        "--license",
        "CC-BY-4.0",
        "--review-mode",
        "validator",
        "--quorum",
        "3",
        "--min-stake",
        "1000",
        "--contributor-bond",
        "5",
        "--slash-bps",
        "500",
        "--min-data-share-bps",
        "100",
    ]);
    reg(&c);
    let d = DatanetRegistry::createDatanetCall::abi_decode(&c.data).unwrap();
    assert_eq!(d.metadata_uri, "ipfs://m");
    assert_eq!(d.metadata_hash, B256::repeat_byte(0x0f));
    assert_eq!(d.license, "CC-BY-4.0");
    assert_eq!(
        (d.review_mode, d.quorum, d.slash_bps, d.min_data_share_bps),
        (1, 3, 500, 100)
    );
    assert_eq!((d.min_stake, d.contributor_bond), (u(1000), u(5)));
    assert_eq!(c.value, U256::ZERO);

    let c = one(&[
        "datanet",
        "set-metadata",
        "7",
        "--metadata-uri",
        "ipfs://n",
        "--metadata-hash",
        &h,
        "--license",
        "MIT",
    ]);
    reg(&c);
    let d = DatanetRegistry::setMetadataCall::abi_decode(&c.data).unwrap();
    assert_eq!(
        (d.datanet_id, d.metadata_uri.as_str(), d.license.as_str()),
        (u(7), "ipfs://n", "MIT")
    );

    for (word, n) in [("active", 0u8), ("paused", 1), ("closed", 2)] {
        let c = one(&["datanet", "set-status", "7", word]);
        let d = DatanetRegistry::setStatusCall::abi_decode(&c.data).unwrap();
        assert_eq!((d.datanet_id, d.status), (u(7), n));
    }

    let c = one(&["datanet", "transfer-ownership", "7", ALICE]);
    let d = DatanetRegistry::transferOwnershipCall::abi_decode(&c.data).unwrap();
    assert_eq!((d.datanet_id, d.new_owner), (u(7), a(ALICE)));

    let c = one(&["datanet", "accept-ownership", "7"]);
    let d = DatanetRegistry::acceptOwnershipCall::abi_decode(&c.data).unwrap();
    assert_eq!(d.datanet_id, u(7));
}

#[test]
fn contribute_one_file() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("sample.txt");
    std::fs::write(&f, b"hello").unwrap();
    let c = one(&[
        "contribute",
        "4",
        "--file",
        f.to_str().unwrap(),
        "--uri",
        "ipfs://x",
        "--bond",
        "9",
    ]);
    reg(&c);
    let d = DatanetRegistry::contributeCall::abi_decode(&c.data).unwrap();
    assert_eq!(d.datanet_id, u(4));
    assert_eq!(d.content_hash, keccak256(b"hello"));
    assert_eq!(d.uri, "ipfs://x");
    assert_eq!(c.value, u(9), "native stake token: the bond is the value");
    assert!(c.notes[0].contains(&keccak256(b"hello").to_string()));

    // ERC-20 stake token: no value (the bond is pulled by allowance).
    let calls = calls_with(
        &ctx(Some(a(TOKEN))),
        &[
            "contribute",
            "4",
            "--file",
            f.to_str().unwrap(),
            "--bond",
            "9",
        ],
    );
    assert_eq!(calls[0].value, U256::ZERO);
    // Unknown stake token (a deployments file): refused, not guessed.
    let cli =
        Cli::try_parse_from(["deploy", "contribute", "4", "--file", f.to_str().unwrap()]).unwrap();
    assert!(actions::build(&cli.command, &ctx(None)).is_err());
    // --file and --dir exclude each other; one is required; --uri is
    // --file only.
    assert!(Cli::try_parse_from(["deploy", "contribute", "4"]).is_err());
    assert!(
        Cli::try_parse_from(["deploy", "contribute", "4", "--file", "a", "--dir", "b"]).is_err()
    );
    assert!(
        Cli::try_parse_from(["deploy", "contribute", "4", "--dir", "b", "--uri", "u"]).is_err()
    );
}

#[test]
fn contribute_folder_hashes_every_file_in_batches_of_64() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..65 {
        std::fs::write(dir.path().join(format!("f{i:03}.bin")), format!("item {i}")).unwrap();
    }
    std::fs::create_dir(dir.path().join("subdir")).unwrap();
    let hashes = actions::hash_dir(dir.path()).unwrap();
    assert_eq!(hashes.len(), 65, "regular files only");
    assert_eq!(hashes[0].1, keccak256(b"item 0"));
    assert_eq!(hashes[64].1, keccak256(b"item 64"));

    let calls = calls_with(
        &ctx(Some(Address::ZERO)),
        &[
            "contribute",
            "2",
            "--dir",
            dir.path().to_str().unwrap(),
            "--bond",
            "3",
        ],
    );
    assert_eq!(calls.len(), 2);
    let b0 = DatanetRegistry::contributeBatchCall::abi_decode(&calls[0].data).unwrap();
    let b1 = DatanetRegistry::contributeBatchCall::abi_decode(&calls[1].data).unwrap();
    assert_eq!((b0.datanet_id, b0.content_hashes.len()), (u(2), 64));
    assert_eq!((b1.datanet_id, b1.content_hashes.len()), (u(2), 1));
    let all: Vec<B256> = b0
        .content_hashes
        .into_iter()
        .chain(b1.content_hashes)
        .collect();
    assert_eq!(all, hashes.iter().map(|(_, h)| *h).collect::<Vec<_>>());
    assert_eq!((calls[0].value, calls[1].value), (u(3 * 64), u(3)));
    assert_eq!(calls[0].notes.len() + calls[1].notes.len(), 65);
    for c in &calls {
        reg(c);
    }
}

#[test]
fn staking_and_review_commands() {
    let c = one(&["stake", "3", "250"]);
    reg(&c);
    let d = DatanetRegistry::stakeCall::abi_decode(&c.data).unwrap();
    assert_eq!((d.datanet_id, d.amount), (u(3), u(250)));
    assert_eq!(c.value, u(250), "native stake");
    let erc20 = calls_with(&ctx(Some(a(TOKEN))), &["stake", "3", "250"]);
    assert_eq!(erc20[0].value, U256::ZERO);

    let c = one(&["request-unstake", "3"]);
    assert_eq!(
        DatanetRegistry::requestUnstakeCall::abi_decode(&c.data)
            .unwrap()
            .datanet_id,
        u(3)
    );
    let c = one(&["withdraw", "3"]);
    assert_eq!(
        DatanetRegistry::withdrawStakeCall::abi_decode(&c.data)
            .unwrap()
            .datanet_id,
        u(3)
    );

    let c = one(&["vote", "11", "approve", "--quality", "80"]);
    let d = DatanetRegistry::voteCall::abi_decode(&c.data).unwrap();
    assert_eq!((d.contribution_id, d.approve, d.quality), (u(11), true, 80));
    let c = one(&["vote", "11", "reject", "--quality", "0"]);
    let d = DatanetRegistry::voteCall::abi_decode(&c.data).unwrap();
    assert!(!d.approve);
    assert!(Cli::try_parse_from(["deploy", "vote", "11", "maybe", "--quality", "1"]).is_err());

    let c = one(&["settle", "11", ALICE]);
    let d = DatanetRegistry::settleVoteCall::abi_decode(&c.data).unwrap();
    assert_eq!((d.contribution_id, d.validator), (u(11), a(ALICE)));

    let c = one(&["claim-refund"]);
    reg(&c);
    DatanetRegistry::claimRefundCall::abi_decode(&c.data).unwrap();
}

#[test]
fn model_commands() {
    let art = B256::repeat_byte(0xa1).to_string();
    let man = B256::repeat_byte(0xa2).to_string();
    let c = one(&[
        "model",
        "list",
        "--metadata-uri",
        "ipfs://model",
        "--artifact-hash",
        &art,
        "--base-model",
        "llama",
        "--developer-bps",
        "5000",
        "--data-bps",
        "3000",
        "--validator-bps",
        "1000",
        "--influence-bps",
        "500",
        "--datanets",
        "1,2",
        "--weights",
        "6000,4000",
        "--manifest-hash",
        &man,
    ]);
    market(&c);
    let d = ModelMarket::listModelCall::abi_decode(&c.data).unwrap();
    assert_eq!(d.metadata_uri, "ipfs://model");
    assert_eq!(d.base_model, "llama");
    assert_eq!(
        (
            d.developer_bps,
            d.data_bps,
            d.validator_bps,
            d.influence_bps
        ),
        (5000, 3000, 1000, 500)
    );
    assert_eq!(d.datanet_ids, vec![u(1), u(2)]);
    assert_eq!(d.weights_bps, vec![6000, 4000]);
    assert_eq!(
        (d.artifact_hash, d.manifest_hash),
        (B256::repeat_byte(0xa1), B256::repeat_byte(0xa2))
    );

    let c = one(&[
        "model",
        "publish",
        "9",
        "--artifact-hash",
        &art,
        "--datanets",
        "4",
        "--weights",
        "10000",
        "--manifest-hash",
        &man,
    ]);
    let d = ModelMarket::publishVersionCall::abi_decode(&c.data).unwrap();
    assert_eq!(
        (d.model_id, d.datanet_ids, d.weights_bps),
        (u(9), vec![u(4)], vec![10000])
    );

    let c = one(&["model", "price", "9", "--token", TOKEN, "42"]);
    let d = ModelMarket::setPriceCall::abi_decode(&c.data).unwrap();
    assert_eq!((d.model_id, d.token, d.price), (u(9), a(TOKEN), u(42)));

    for (word, n) in [("active", 0u8), ("paused", 1), ("retired", 2)] {
        let c = one(&["model", "status", "9", word]);
        let d = ModelMarket::setStatusCall::abi_decode(&c.data).unwrap();
        assert_eq!((d.model_id, d.status), (u(9), n));
    }

    let c = one(&["model", "metadata", "9", "ipfs://v2"]);
    let d = ModelMarket::setMetadataCall::abi_decode(&c.data).unwrap();
    assert_eq!((d.model_id, d.metadata_uri.as_str()), (u(9), "ipfs://v2"));

    let c = one(&["model", "transfer-ownership", "9", ALICE]);
    let d = ModelMarket::transferOwnershipCall::abi_decode(&c.data).unwrap();
    assert_eq!((d.model_id, d.new_owner), (u(9), a(ALICE)));

    let c = one(&["model", "accept-ownership", "9"]);
    assert_eq!(
        ModelMarket::acceptOwnershipCall::abi_decode(&c.data)
            .unwrap()
            .model_id,
        u(9)
    );

    let c = one(&["model", "set-attestor", "9", ALICE]);
    market(&c);
    let d = ModelMarket::setModelAttestorCall::abi_decode(&c.data).unwrap();
    assert_eq!((d.model_id, d.attestor), (u(9), a(ALICE)));
}

#[test]
fn pay_and_claim() {
    let rid = B256::repeat_byte(0x12).to_string();
    // One native inference: pay, value = max price.
    let c = one(&[
        "pay",
        "9",
        "--token",
        NATIVE,
        "--max-price",
        "100",
        "--request-id",
        &rid,
    ]);
    market(&c);
    let d = ModelMarket::payCall::abi_decode(&c.data).unwrap();
    assert_eq!(
        (d.model_id, d.token, d.max_price, d.request_id),
        (u(9), Address::ZERO, u(100), B256::repeat_byte(0x12))
    );
    assert_eq!(c.value, u(100));

    // A batch: payBatch, value = count * max price.
    let c = one(&[
        "pay",
        "9",
        "--token",
        NATIVE,
        "--max-price",
        "100",
        "--count",
        "5",
    ]);
    let d = ModelMarket::payBatchCall::abi_decode(&c.data).unwrap();
    assert_eq!(
        (d.model_id, d.count, d.max_unit_price, d.request_id),
        (u(9), u(5), u(100), B256::ZERO)
    );
    assert_eq!(c.value, u(500));

    // ERC-20: no value; --value overrides.
    let c = one(&["pay", "9", "--token", TOKEN, "--max-price", "100"]);
    assert_eq!(c.value, U256::ZERO);
    let c = one(&[
        "pay",
        "9",
        "--token",
        NATIVE,
        "--max-price",
        "100",
        "--value",
        "90",
    ]);
    assert_eq!(c.value, u(90));

    let c = one(&[
        "claim",
        "--token",
        TOKEN,
        "--contributor-datanets",
        "1,2",
        "--validator-datanets",
        "3",
        "--to",
        ALICE,
    ]);
    assert_eq!(c.program, Program::Splitter);
    assert_eq!(c.to, Address::repeat_byte(0x51));
    let d = RewardSplitter::claimCall::abi_decode(&c.data).unwrap();
    assert_eq!(d.token, a(TOKEN));
    assert_eq!(d.contributor_datanets, vec![u(1), u(2)]);
    assert_eq!(d.validator_datanets, vec![u(3)]);
    assert_eq!(d.to, a(ALICE));
}

#[test]
fn status_views() {
    let c = one(&["status", "datanet", "5"]);
    assert!(c.view);
    reg(&c);
    assert_eq!(
        DatanetRegistry::datanetCall::abi_decode(&c.data)
            .unwrap()
            .datanet_id,
        u(5)
    );
    let c = one(&["status", "contribution", "6"]);
    assert_eq!(
        DatanetRegistry::contributionCall::abi_decode(&c.data)
            .unwrap()
            .contribution_id,
        u(6)
    );
    let calls = calls_with(&ctx(None), &["status", "model", "7"]);
    assert_eq!(calls.len(), 2);
    assert!(calls.iter().all(|c| c.view && c.program == Program::Market));
    assert_eq!(
        ModelMarket::modelCall::abi_decode(&calls[0].data)
            .unwrap()
            .model_id,
        u(7)
    );
    assert_eq!(
        ModelMarket::metadataCall::abi_decode(&calls[1].data)
            .unwrap()
            .model_id,
        u(7)
    );
    let c = one(&[
        "status",
        "claimable",
        ALICE,
        "--token",
        NATIVE,
        "--contributor-datanets",
        "1",
        "--validator-datanets",
        "1,2",
    ]);
    assert!(c.view);
    let d = RewardSplitter::claimableCall::abi_decode(&c.data).unwrap();
    assert_eq!((d.account, d.token), (a(ALICE), Address::ZERO));
    assert_eq!(
        (d.contributor_datanets, d.validator_datanets),
        (vec![u(1)], vec![u(1), u(2)])
    );
}

#[test]
fn dry_run_text_names_target_value_calldata_and_call() {
    let c = one(&["stake", "3", "250"]);
    let text = actions::describe(&c);
    assert!(text.contains(&c.to.to_string()), "{text}");
    assert!(text.contains("value: 250"), "{text}");
    assert!(
        text.contains(&format!("0x{}", hex::encode(&c.data))),
        "{text}"
    );
    assert!(text.contains("stakeCall"), "{text}");
}

#[test]
fn reverts_decode_to_the_programs_errors() {
    let data = DatanetRegistry::RegistryWrongValue {
        _0: u(5),
        _1: U256::ZERO,
    }
    .abi_encode();
    let text = actions::decode_revert(Program::Registry, &data);
    assert!(text.contains("RegistryWrongValue"), "{text}");
    assert!(text.contains('5'), "{text}");
    let data = ModelMarket::ModelMarketPriceAboveMax {
        _0: u(10),
        _1: u(9),
    }
    .abi_encode();
    assert!(actions::decode_revert(Program::Market, &data).contains("ModelMarketPriceAboveMax"));
    assert!(actions::decode_revert(Program::Splitter, &[1, 2, 3]).contains("0x010203"));
}

#[test]
fn targets_come_from_config_or_deployment() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("config");
    let cli = Cli::try_parse_from([
        "deploy",
        "claim-refund",
        "--config",
        dir.join("412346.json").to_str().unwrap(),
    ])
    .unwrap();
    let t = Target::load(&cli.common).unwrap();
    let cfg = DeployConfig::load(&dir.join("412346.json")).unwrap();
    assert_eq!(t.ctx.addrs, Addresses::predict(&cfg));
    assert_eq!(t.ctx.stake_token, Some(cfg.stake_token));
    // Neither, or both, is an error.
    let cli = Cli::try_parse_from(["deploy", "claim-refund"]).unwrap();
    assert!(Target::load(&cli.common).is_err());
    assert!(Cli::try_parse_from([
        "deploy",
        "claim-refund",
        "--config",
        "a",
        "--deployment",
        "b"
    ])
    .is_err());
}

#[test]
fn help_renders_for_every_subcommand() {
    fn walk(cmd: &mut clap::Command, path: &mut Vec<String>, seen: &mut usize) {
        let help = cmd.render_long_help().to_string();
        assert!(help.contains("Usage"), "{path:?}: {help}");
        *seen += 1;
        for sub in cmd.get_subcommands_mut() {
            if sub.get_name() == "help" {
                continue;
            }
            path.push(sub.get_name().to_string());
            walk(sub, path, seen);
            path.pop();
        }
        // `--help` through the parser as a user would type it.
        let mut line = vec!["deploy".to_string()];
        line.extend(path.iter().cloned());
        line.push("--help".into());
        let err = Cli::try_parse_from(&line).unwrap_err();
        assert_eq!(err.kind(), clap::error::ErrorKind::DisplayHelp, "{line:?}");
    }
    let mut cmd = Cli::command();
    cmd.build();
    let mut seen = 0;
    walk(&mut cmd, &mut vec![], &mut seen);
    assert!(seen >= 30, "{seen} commands");
    Cli::command().debug_assert();
}

/// A one-shot-per-connection JSON-RPC server: `eth_chainId` answers
/// `chain_id`, `eth_call` reverts with `revert` (or returns `ret`).
fn mock_rpc(chain_id: u64, revert: Option<Vec<u8>>, ret: Vec<u8>) -> String {
    use std::io::{BufRead, BufReader, Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let mut stream = stream.unwrap();
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut len = 0;
            loop {
                let mut line = String::new();
                reader.read_line(&mut line).unwrap();
                if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                    len = v.trim().parse().unwrap();
                }
                if line == "\r\n" || line.is_empty() {
                    break;
                }
            }
            let mut body = vec![0; len];
            reader.read_exact(&mut body).unwrap();
            let req: serde_json::Value = serde_json::from_slice(&body).unwrap();
            let id = req["id"].clone();
            let resp = match req["method"].as_str().unwrap() {
                "eth_chainId" => {
                    serde_json::json!({"jsonrpc": "2.0", "id": id, "result": format!("{chain_id:#x}")})
                }
                "eth_call" => match &revert {
                    Some(data) => serde_json::json!({"jsonrpc": "2.0", "id": id, "error": {
                        "code": 3, "message": "execution reverted",
                        "data": format!("0x{}", hex::encode(data))}}),
                    None => {
                        serde_json::json!({"jsonrpc": "2.0", "id": id, "result": format!("0x{}", hex::encode(&ret))})
                    }
                },
                m => {
                    serde_json::json!({"jsonrpc": "2.0", "id": id, "error": {"code": -32601, "message": m}})
                }
            };
            let body = resp.to_string();
            let _ = write!(
                stream,
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    url
}

fn target(chain_id: u64) -> Target {
    Target {
        ctx: ctx(Some(Address::ZERO)),
        rpc_url: None,
        chain_id,
    }
}

#[test]
fn sending_reports_the_decoded_revert_and_checks_the_chain() {
    let revert = DatanetRegistry::RegistryWrongValue {
        _0: u(250),
        _1: U256::ZERO,
    }
    .abi_encode();
    let url = mock_rpc(412346, Some(revert), vec![]);
    let common = stylus_deploy::cli::Common {
        rpc_url: Some(url),
        ..Default::default()
    };
    // A view needs no key; its revert is decoded with the program's errors.
    let calls = calls_with(&ctx(Some(Address::ZERO)), &["status", "datanet", "1"]);
    let err = stylus_deploy::send::run(&common, &target(412346), &calls).unwrap_err();
    let msg = format!("{err:#}");
    assert!(
        msg.contains("RegistryWrongValue") && msg.contains("250"),
        "{msg}"
    );
    // The wrong chain is refused before anything else.
    let err = stylus_deploy::send::run(&common, &target(421614), &calls).unwrap_err();
    assert!(format!("{err:#}").contains("chain 412346"), "{err:#}");
    // A transaction without a key is refused (the key variables are never
    // set by the tests).
    if std::env::var(stylus_deploy::send::PRIVATE_KEY_ENV).is_err() {
        let calls = calls_with(&ctx(Some(Address::ZERO)), &["stake", "1", "250"]);
        let err = stylus_deploy::send::run(&common, &target(412346), &calls).unwrap_err();
        assert!(format!("{err:#}").contains("no key"), "{err:#}");
    }
}

#[test]
fn views_decode_their_return_values() {
    use alloy::sol_types::SolValue;
    let ret = (u(7), u(3)).abi_encode_params();
    let calls = calls_with(
        &ctx(None),
        &["status", "claimable", ALICE, "--token", NATIVE],
    );
    let text = stylus_deploy::send::decode_return(Program::Splitter, &calls[0].data, &ret);
    assert!(text.contains('7') && text.contains('3'), "{text}");
    // Through the RPC path too.
    let url = mock_rpc(412346, None, ret);
    let common = stylus_deploy::cli::Common {
        rpc_url: Some(url),
        ..Default::default()
    };
    stylus_deploy::send::run(&common, &target(412346), &calls).unwrap();
}
