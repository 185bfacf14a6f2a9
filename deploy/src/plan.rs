//! The ordered transactions of a deployment, computed offline.
//!
//! Order (README "Deploying", with every program deployed before any
//! wiring so that the deployer's nonces, and so the addresses, are fixed):
//!
//! 1. For reward_splitter, datanet_registry, attribution, model_market in
//!    turn, from the deployer: the CREATE transaction (cargo-stylus' init
//!    code), `ArbWasm.activateProgram(program)` at `0x71` paying the data
//!    fee, then `stylus_constructor(args)` on the program.
//! 2. From the admin: the splitter grants REGISTRY_ROLE, ATTRIBUTION_ROLE
//!    and MARKET_ROLE; allows the ERC-20 stake token, if any; attribution
//!    grants MARKET_ROLE and sets each attestor; then, if configured, the
//!    peer roles are frozen (three in the splitter, MARKET_ROLE in
//!    attribution).
//!
//! **Addresses.** A program's address is the CREATE address
//! `keccak256(rlp([deployer, nonce]))[12..]` of its deploy transaction. The
//! plan predicts them from `deployer` and `deployerNonce` in the config: the
//! first CREATE uses `deployerNonce`, each program takes three transactions
//! (create, activate, construct), so program `i` is created at nonce
//! `deployerNonce + 3 i`. The deployer must send nothing else in between;
//! the sending path (not yet implemented) must check the nonce first and
//! compare each receipt's `contractAddress` with the prediction.
//!
//! **Constructor window.** cargo-stylus deploys programs with a constructor
//! atomically through its `StylusDeployer` factory (deploy, activate and
//! constructor in one transaction). This plan uses three plain transactions
//! instead, so between activation and the constructor transaction anyone
//! could call `stylus_constructor` first (the programs' guard is run-once,
//! not caller-bound). The constructor is then ours only if our constructor
//! transaction succeeds: a revert there means the program must be
//! discarded and redeployed. The sending path must treat it so.

use std::collections::BTreeMap;

use alloy::{
    primitives::{keccak256, Address, Bytes, B256},
    sol_types::SolCall,
};
use serde::{Deserialize, Serialize};

use crate::{
    bindings::{
        arb_wasm::{self, ArbWasm},
        attribution::Attribution,
        constructor,
        reward_splitter::RewardSplitter,
        roles,
    },
    config::DeployConfig,
    process::Processed,
};

/// Transactions per program deployment (create, activate, construct).
pub const TXS_PER_PROGRAM: u64 = 3;

/// The predicted addresses of the four programs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Addresses {
    /// reward_splitter.
    pub splitter: Address,
    /// datanet_registry.
    pub registry: Address,
    /// attribution.
    pub attribution: Address,
    /// model_market.
    pub market: Address,
}

impl Addresses {
    /// CREATE addresses from the config's deployer and nonce, in the order
    /// of [`crate::process::PROGRAMS`].
    pub fn predict(cfg: &DeployConfig) -> Self {
        let at = |i: u64| {
            cfg.deployer
                .create(cfg.deployer_nonce + TXS_PER_PROGRAM * i)
        };
        Self {
            splitter: at(0),
            registry: at(1),
            attribution: at(2),
            market: at(3),
        }
    }

    /// Address of the program with library name `lib`.
    pub fn of(&self, lib: &str) -> Option<Address> {
        Some(match lib {
            "reward_splitter" => self.splitter,
            "datanet_registry" => self.registry,
            "attribution" => self.attribution,
            "model_market" => self.market,
            _ => return None,
        })
    }
}

/// What a planned transaction pays.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum TxValue {
    /// Nothing.
    Zero,
    /// ArbWasm's data fee for the program, known only from the chain
    /// (estimated at send time with an `eth_call` of the same call).
    ActivationDataFee,
}

/// One planned transaction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PlannedTx {
    /// 1-based position.
    pub step: usize,
    /// Human-readable description.
    pub label: String,
    /// Sender.
    pub from: Address,
    /// Sender's nonce, when known offline (deployer transactions, and the
    /// admin's when the admin is the deployer).
    pub nonce: Option<u64>,
    /// Recipient; `None` for a CREATE.
    pub to: Option<Address>,
    /// Value sent.
    pub value: TxValue,
    /// Calldata (for a CREATE: the init code, written to `initcode_file`
    /// instead of inline).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub data: Option<Bytes>,
    /// For a CREATE: file (in the output directory) holding the init code.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub initcode_file: Option<String>,
    /// For a CREATE: `keccak256` of the init code.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub initcode_hash: Option<B256>,
    /// For a CREATE: the predicted address of the new program.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub creates: Option<Address>,
}

/// Per-program summary in the plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PlannedProgram {
    /// Predicted address.
    pub address: Address,
    /// Nonce of its CREATE transaction.
    pub create_nonce: u64,
    /// Deployed-code size.
    pub deployed_bytes: usize,
    /// `keccak256` of the deployed code.
    pub code_hash: B256,
    /// File with the deployed code (hex).
    pub deployed_file: String,
    /// File with the init code (hex).
    pub initcode_file: String,
}

/// `plan.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Plan {
    /// Chain.
    pub chain_id: u64,
    /// Deployer.
    pub deployer: Address,
    /// Admin.
    pub admin: Address,
    /// Programs by library name.
    pub programs: BTreeMap<String, PlannedProgram>,
    /// Transactions in sending order.
    pub transactions: Vec<PlannedTx>,
}

/// `<lib>.deployed.hex`.
pub fn deployed_file(lib: &str) -> String {
    format!("{lib}.deployed.hex")
}

/// `<lib>.initcode.hex`.
pub fn initcode_file(lib: &str) -> String {
    format!("{lib}.initcode.hex")
}

/// Constructor calldata of `lib` from the config and the addresses.
pub fn constructor_calldata(lib: &str, cfg: &DeployConfig, a: &Addresses) -> Option<Vec<u8>> {
    Some(match lib {
        "reward_splitter" => {
            constructor::reward_splitter(cfg.admin, cfg.treasury, cfg.protocol_fee_bps)
        }
        "datanet_registry" => {
            constructor::datanet_registry(a.splitter, cfg.stake_token, cfg.unstake_cooldown)
        }
        "attribution" => constructor::attribution(cfg.admin, a.registry, a.splitter),
        "model_market" => constructor::model_market(a.splitter, a.attribution),
        _ => return None,
    })
}

/// Builds the plan. `programs` must be the four processed programs in
/// [`crate::process::PROGRAMS`] order.
pub fn build(cfg: &DeployConfig, programs: &[Processed]) -> anyhow::Result<Plan> {
    let libs: Vec<&str> = programs.iter().map(|p| p.lib.as_str()).collect();
    anyhow::ensure!(
        libs == crate::process::PROGRAMS,
        "expected programs {:?}, got {libs:?}",
        crate::process::PROGRAMS
    );
    let addrs = Addresses::predict(cfg);
    let mut txs: Vec<PlannedTx> = Vec::new();
    let mut planned = BTreeMap::new();
    let mut deployer_nonce = cfg.deployer_nonce;
    let push = |txs: &mut Vec<PlannedTx>, mut tx: PlannedTx| {
        tx.step = txs.len() + 1;
        txs.push(tx);
    };
    let blank = |label: String, from: Address| PlannedTx {
        step: 0,
        label,
        from,
        nonce: None,
        to: None,
        value: TxValue::Zero,
        data: None,
        initcode_file: None,
        initcode_hash: None,
        creates: None,
    };

    for p in programs {
        let lib = p.lib.as_str();
        let address = addrs.of(lib).expect("known program");
        planned.insert(
            lib.to_string(),
            PlannedProgram {
                address,
                create_nonce: deployer_nonce,
                deployed_bytes: p.deployed.len(),
                code_hash: p.code_hash(),
                deployed_file: deployed_file(lib),
                initcode_file: initcode_file(lib),
            },
        );
        push(
            &mut txs,
            PlannedTx {
                nonce: Some(deployer_nonce),
                initcode_file: Some(initcode_file(lib)),
                initcode_hash: Some(keccak256(&p.initcode)),
                creates: Some(address),
                ..blank(format!("deploy {lib} (CREATE)"), cfg.deployer)
            },
        );
        push(
            &mut txs,
            PlannedTx {
                nonce: Some(deployer_nonce + 1),
                to: Some(arb_wasm::ADDRESS),
                value: TxValue::ActivationDataFee,
                data: Some(
                    ArbWasm::activateProgramCall { program: address }
                        .abi_encode()
                        .into(),
                ),
                ..blank(format!("activate {lib} (ArbWasm 0x71)"), cfg.deployer)
            },
        );
        push(
            &mut txs,
            PlannedTx {
                nonce: Some(deployer_nonce + 2),
                to: Some(address),
                data: Some(
                    constructor_calldata(lib, cfg, &addrs)
                        .expect("known program")
                        .into(),
                ),
                ..blank(
                    format!("construct {lib} (stylus_constructor)"),
                    cfg.deployer,
                )
            },
        );
        deployer_nonce += TXS_PER_PROGRAM;
    }

    // Wiring, from the admin.
    let mut admin_nonce = (cfg.admin == cfg.deployer).then_some(deployer_nonce);
    let mut call = |txs: &mut Vec<PlannedTx>, label: String, to: Address, data: Vec<u8>| {
        let nonce = admin_nonce;
        admin_nonce = admin_nonce.map(|n| n + 1);
        push(
            txs,
            PlannedTx {
                nonce,
                to: Some(to),
                data: Some(data.into()),
                ..blank(label, cfg.admin)
            },
        );
    };
    let grant = |role, account| RewardSplitter::grantRoleCall { role, account }.abi_encode();
    call(
        &mut txs,
        "splitter.grantRole(REGISTRY_ROLE, registry)".into(),
        addrs.splitter,
        grant(roles::registry(), addrs.registry),
    );
    if !cfg.stake_token.is_zero() {
        call(
            &mut txs,
            "splitter.setTokenAllowed(stakeToken, true)".into(),
            addrs.splitter,
            RewardSplitter::setTokenAllowedCall {
                token: cfg.stake_token,
                allowed: true,
            }
            .abi_encode(),
        );
    }
    call(
        &mut txs,
        "splitter.grantRole(ATTRIBUTION_ROLE, attribution)".into(),
        addrs.splitter,
        grant(roles::attribution(), addrs.attribution),
    );
    call(
        &mut txs,
        "splitter.grantRole(MARKET_ROLE, market)".into(),
        addrs.splitter,
        grant(roles::market(), addrs.market),
    );
    call(
        &mut txs,
        "attribution.grantRole(MARKET_ROLE, market)".into(),
        addrs.attribution,
        Attribution::grantRoleCall {
            role: roles::market(),
            account: addrs.market,
        }
        .abi_encode(),
    );
    for attestor in &cfg.attestors {
        call(
            &mut txs,
            format!("attribution.setAttestor({attestor}, true)"),
            addrs.attribution,
            Attribution::setAttestorCall {
                account: *attestor,
                allowed: true,
            }
            .abi_encode(),
        );
    }
    if cfg.freeze_peer_roles {
        for (name, role) in [
            ("REGISTRY_ROLE", roles::registry()),
            ("MARKET_ROLE", roles::market()),
            ("ATTRIBUTION_ROLE", roles::attribution()),
        ] {
            call(
                &mut txs,
                format!("splitter.freezeRole({name})"),
                addrs.splitter,
                RewardSplitter::freezeRoleCall { role }.abi_encode(),
            );
        }
        call(
            &mut txs,
            "attribution.freezeRole(MARKET_ROLE)".into(),
            addrs.attribution,
            Attribution::freezeRoleCall {
                role: roles::market(),
            }
            .abi_encode(),
        );
    }

    Ok(Plan {
        chain_id: cfg.chain_id,
        deployer: cfg.deployer,
        admin: cfg.admin,
        programs: planned,
        transactions: txs,
    })
}
