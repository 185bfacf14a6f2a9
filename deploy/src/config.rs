//! Inputs (`deploy/config/<chainId>.json`) and outputs
//! (`deploy/deployments/<chainId>.json`). Field names are camelCase in JSON;
//! unknown fields are rejected so a typo cannot silently drop an input.
//! Neither file ever holds a key: keys come from a keystore file or an
//! environment variable when sending (`src/send.rs`).

use std::{collections::BTreeMap, path::Path};

use alloy::primitives::{Address, B256};
use anyhow::{ensure, Context, Result};
use serde::{de::DeserializeOwned, Deserialize, Serialize};

/// Largest protocol fee the splitter accepts (`MAX_PROTOCOL_FEE_BPS`).
pub const MAX_PROTOCOL_FEE_BPS: u16 = 1_000;
/// Longest unstake cooldown the registry accepts (`MAX_COOLDOWN`, 365 days).
pub const MAX_UNSTAKE_COOLDOWN: u64 = 365 * 24 * 60 * 60;

/// `deploy/config/<chainId>.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DeployConfig {
    /// Chain the config is for (must match the file name and, when
    /// sending, the RPC endpoint).
    pub chain_id: u64,
    /// The account that sends the deployment transactions (its key is
    /// supplied at send time).
    pub deployer: Address,
    /// The deployer's nonce at the first deployment transaction. With
    /// [`deployer`](Self::deployer) it fixes the CREATE addresses the plan
    /// predicts; sending will refuse to start at any other nonce.
    pub deployer_nonce: u64,
    /// `DEFAULT_ADMIN_ROLE` holder of the splitter and attribution; sends
    /// the wiring transactions.
    pub admin: Address,
    /// Receives the protocol fee.
    pub treasury: Address,
    /// Protocol fee in basis points (at most [`MAX_PROTOCOL_FEE_BPS`]).
    pub protocol_fee_bps: u16,
    /// The registry's ERC-20 stake token, or the zero address for native
    /// currency.
    pub stake_token: Address,
    /// Unstake cooldown in seconds (at most [`MAX_UNSTAKE_COOLDOWN`]).
    pub unstake_cooldown: u64,
    /// Accounts given `setAttestor(account, true)` in attribution.
    #[serde(default)]
    pub attestors: Vec<Address>,
    /// Freeze REGISTRY/MARKET/ATTRIBUTION_ROLE in the splitter and
    /// MARKET_ROLE in attribution once wired.
    pub freeze_peer_roles: bool,
    /// RPC endpoint (not secret; may be overridden on the command line).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rpc_url: Option<String>,
}

impl DeployConfig {
    /// Reads and validates a config file.
    pub fn load(path: &Path) -> Result<Self> {
        let cfg: Self = read_json(path)?;
        cfg.validate()
            .with_context(|| format!("invalid config {}", path.display()))?;
        Ok(cfg)
    }

    /// The checks the constructors would otherwise fail on, made before
    /// anything is sent.
    pub fn validate(&self) -> Result<()> {
        ensure!(!self.deployer.is_zero(), "deployer is the zero address");
        ensure!(!self.admin.is_zero(), "admin is the zero address");
        ensure!(!self.treasury.is_zero(), "treasury is the zero address");
        ensure!(
            self.protocol_fee_bps <= MAX_PROTOCOL_FEE_BPS,
            "protocolFeeBps {} is over {MAX_PROTOCOL_FEE_BPS}",
            self.protocol_fee_bps
        );
        ensure!(
            self.unstake_cooldown <= MAX_UNSTAKE_COOLDOWN,
            "unstakeCooldown {} is over {MAX_UNSTAKE_COOLDOWN} seconds",
            self.unstake_cooldown
        );
        for (i, a) in self.attestors.iter().enumerate() {
            ensure!(!a.is_zero(), "attestor {i} is the zero address");
            ensure!(
                !self.attestors[..i].contains(a),
                "attestor {a} is listed twice"
            );
        }
        Ok(())
    }
}

/// `deploy/deployments/<chainId>.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Deployments {
    /// Chain deployed to.
    pub chain_id: u64,
    /// The account that deployed.
    pub deployer: Address,
    /// Per program (library name, e.g. `reward_splitter`).
    pub programs: BTreeMap<String, DeployedProgram>,
    /// Wiring transactions, in the order sent.
    #[serde(default)]
    pub wiring: Vec<SentTx>,
}

/// One deployed program.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DeployedProgram {
    /// Contract address.
    pub address: Address,
    /// `keccak256` of the deployed code (the account's code hash).
    pub code_hash: B256,
    /// Deployed-code size in bytes.
    pub code_size: usize,
    /// CREATE transaction.
    pub deploy_tx: B256,
    /// ArbWasm `activateProgram` transaction.
    pub activate_tx: B256,
    /// `stylus_constructor` transaction.
    pub constructor_tx: B256,
    /// Block of the deploy transaction.
    pub block: u64,
    /// Stylus version returned by activation.
    pub stylus_version: u16,
}

/// A sent transaction other than a deployment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SentTx {
    /// What it did (the plan step's label).
    pub label: String,
    /// Transaction hash.
    pub tx: B256,
    /// Block it was included in.
    pub block: u64,
}

impl Deployments {
    /// Reads a deployments file.
    pub fn load(path: &Path) -> Result<Self> {
        read_json(path)
    }

    /// Writes a deployments file (pretty JSON, trailing newline).
    pub fn save(&self, path: &Path) -> Result<()> {
        write_json(path, self)
    }
}

/// Reads a JSON file into `T`.
pub fn read_json<T: DeserializeOwned>(path: &Path) -> Result<T> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    serde_json::from_str(&text).with_context(|| format!("parsing {}", path.display()))
}

/// Writes `value` as pretty JSON with a trailing newline, creating parent
/// directories.
pub fn write_json<T: Serialize>(path: &Path, value: &T) -> Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    let text = serde_json::to_string_pretty(value)? + "\n";
    std::fs::write(path, text).with_context(|| format!("writing {}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn sample() -> DeployConfig {
        DeployConfig {
            chain_id: 412346,
            deployer: Address::repeat_byte(0x11),
            deployer_nonce: 7,
            admin: Address::repeat_byte(0x22),
            treasury: Address::repeat_byte(0x33),
            protocol_fee_bps: 250,
            stake_token: Address::ZERO,
            unstake_cooldown: 86_400,
            attestors: vec![Address::repeat_byte(0x44), Address::repeat_byte(0x55)],
            freeze_peer_roles: true,
            rpc_url: Some("http://localhost:8547".into()),
        }
    }

    #[test]
    fn config_round_trips_through_json_and_files() {
        let cfg = sample();
        let json = serde_json::to_string_pretty(&cfg).unwrap();
        assert!(json.contains("\"protocolFeeBps\": 250"), "{json}");
        assert_eq!(serde_json::from_str::<DeployConfig>(&json).unwrap(), cfg);

        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config").join("412346.json");
        write_json(&path, &cfg).unwrap();
        assert_eq!(DeployConfig::load(&path).unwrap(), cfg);
    }

    #[test]
    fn config_rejects_unknown_fields_and_bad_values() {
        let mut v = serde_json::to_value(sample()).unwrap();
        v["privateKey"] = "0x01".into();
        assert!(serde_json::from_value::<DeployConfig>(v).is_err());

        let bad = [
            DeployConfig {
                protocol_fee_bps: 1_001,
                ..sample()
            },
            DeployConfig {
                unstake_cooldown: MAX_UNSTAKE_COOLDOWN + 1,
                ..sample()
            },
            DeployConfig {
                admin: Address::ZERO,
                ..sample()
            },
            DeployConfig {
                attestors: vec![Address::repeat_byte(1), Address::repeat_byte(1)],
                ..sample()
            },
        ];
        for cfg in bad {
            assert!(cfg.validate().is_err(), "{cfg:?}");
        }
        sample().validate().unwrap();
    }

    #[test]
    fn committed_example_configs_load() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("config");
        for id in [412346u64, 421614] {
            let cfg = DeployConfig::load(&dir.join(format!("{id}.json"))).unwrap();
            assert_eq!(cfg.chain_id, id);
        }
    }

    #[test]
    fn deployments_round_trip() {
        let program = DeployedProgram {
            address: Address::repeat_byte(0xaa),
            code_hash: B256::repeat_byte(0x01),
            code_size: 17_000,
            deploy_tx: B256::repeat_byte(0x02),
            activate_tx: B256::repeat_byte(0x03),
            constructor_tx: B256::repeat_byte(0x04),
            block: 123,
            stylus_version: 2,
        };
        let d = Deployments {
            chain_id: 421614,
            deployer: Address::repeat_byte(0x11),
            programs: [("reward_splitter".to_string(), program)].into(),
            wiring: vec![SentTx {
                label: "splitter.grantRole(REGISTRY_ROLE, registry)".into(),
                tx: B256::repeat_byte(0x05),
                block: 124,
            }],
        };
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("deployments").join("421614.json");
        d.save(&path).unwrap();
        assert_eq!(Deployments::load(&path).unwrap(), d);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains("\"codeHash\""), "{text}");
    }
}
