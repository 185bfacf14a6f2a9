//! User actions: each subcommand of [`crate::cli`] becomes one or more calls
//! (target program, value, calldata), all encoded through the generated
//! bindings; and the decoding of calldata, return data and reverts through
//! the same bindings.

use std::path::{Path, PathBuf};

use alloy::{
    primitives::{keccak256, Address, Bytes, B256, U256},
    sol_types::{SolCall, SolInterface},
};
use anyhow::{bail, ensure, Context, Result};

use crate::{
    bindings::{
        attribution::Attribution, datanet_registry::DatanetRegistry, model_market::ModelMarket,
        reward_splitter::RewardSplitter,
    },
    cli::{Command, Common, ContributeArgs, DatanetCmd, Decision, ModelCmd, StatusCmd},
    config::{DeployConfig, Deployments},
    plan::Addresses,
};

/// Largest `contributeBatch` (the registry's limit).
pub const MAX_BATCH: usize = 64;

/// Which program a call goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Program {
    /// reward_splitter.
    Splitter,
    /// datanet_registry.
    Registry,
    /// attribution.
    Attribution,
    /// model_market.
    Market,
}

impl Program {
    /// Library name.
    pub fn lib(self) -> &'static str {
        match self {
            Self::Splitter => "reward_splitter",
            Self::Registry => "datanet_registry",
            Self::Attribution => "attribution",
            Self::Market => "model_market",
        }
    }
}

/// One call to send (or, for a view, to `eth_call`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Call {
    /// Target program.
    pub program: Program,
    /// Its address.
    pub to: Address,
    /// Native value.
    pub value: U256,
    /// Calldata.
    pub data: Bytes,
    /// A view (`eth_call`, nothing sent).
    pub view: bool,
    /// Extra lines to print with the call (e.g. the hashed files).
    pub notes: Vec<String>,
}

/// Where the programs are and what the registry stakes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ctx {
    /// Program addresses.
    pub addrs: Addresses,
    /// The registry's stake token, if known (`Address::ZERO` = native).
    pub stake_token: Option<Address>,
}

/// The context an action runs in, from `--config` or `--deployment`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// Addresses and stake token.
    pub ctx: Ctx,
    /// RPC endpoint from the config, if any.
    pub rpc_url: Option<String>,
    /// Chain id of the file.
    pub chain_id: u64,
}

impl Target {
    /// Loads `--config` or `--deployment`; `--stake-token` overrides.
    pub fn load(common: &Common) -> Result<Self> {
        let mut t = match (&common.config, &common.deployment) {
            (Some(path), None) => {
                let cfg = DeployConfig::load(path)?;
                Self {
                    ctx: Ctx {
                        addrs: Addresses::predict(&cfg),
                        stake_token: Some(cfg.stake_token),
                    },
                    rpc_url: cfg.rpc_url.clone(),
                    chain_id: cfg.chain_id,
                }
            }
            (None, Some(path)) => {
                let d = Deployments::load(path)?;
                let get = |lib: &str| -> Result<Address> {
                    Ok(d.programs
                        .get(lib)
                        .with_context(|| format!("{}: no {lib} in programs", path.display()))?
                        .address)
                };
                Self {
                    ctx: Ctx {
                        addrs: Addresses {
                            splitter: get("reward_splitter")?,
                            registry: get("datanet_registry")?,
                            attribution: get("attribution")?,
                            market: get("model_market")?,
                        },
                        stake_token: None,
                    },
                    rpc_url: None,
                    chain_id: d.chain_id,
                }
            }
            _ => bail!("give --config deploy/config/<chainId>.json or --deployment deploy/deployments/<chainId>.json"),
        };
        if let Some(token) = common.stake_token {
            t.ctx.stake_token = Some(token);
        }
        Ok(t)
    }
}

impl Ctx {
    fn addr(&self, p: Program) -> Address {
        match p {
            Program::Splitter => self.addrs.splitter,
            Program::Registry => self.addrs.registry,
            Program::Attribution => self.addrs.attribution,
            Program::Market => self.addrs.market,
        }
    }

    fn call<C: SolCall>(&self, p: Program, call: C) -> Call {
        self.call_value(p, call, U256::ZERO)
    }

    fn call_value<C: SolCall>(&self, p: Program, call: C, value: U256) -> Call {
        Call {
            program: p,
            to: self.addr(p),
            value,
            data: call.abi_encode().into(),
            view: false,
            notes: vec![],
        }
    }

    fn view<C: SolCall>(&self, p: Program, call: C) -> Call {
        Call {
            view: true,
            ..self.call(p, call)
        }
    }

    fn native_stake(&self, what: &str) -> Result<bool> {
        match self.stake_token {
            Some(t) => Ok(t.is_zero()),
            None => bail!("{what}: the stake token is unknown with --deployment; pass --stake-token (0x0 for native)"),
        }
    }
}

/// The calls of a user action (`deploy` has none: it is the plan).
pub fn build(cmd: &Command, ctx: &Ctx) -> Result<Vec<Call>> {
    use Program::*;
    Ok(match cmd {
        Command::Deploy { .. } => bail!("deploy is not a user action"),
        Command::Datanet(d) => vec![datanet(d, ctx)],
        Command::Contribute(args) => contribute(args, ctx)?,
        Command::Stake { datanet, amount } => {
            let value = if ctx.native_stake("stake")? {
                *amount
            } else {
                U256::ZERO
            };
            vec![ctx.call_value(
                Registry,
                DatanetRegistry::stakeCall {
                    datanet_id: *datanet,
                    amount: *amount,
                },
                value,
            )]
        }
        Command::RequestUnstake { datanet } => vec![ctx.call(
            Registry,
            DatanetRegistry::requestUnstakeCall {
                datanet_id: *datanet,
            },
        )],
        Command::Withdraw { datanet } => vec![ctx.call(
            Registry,
            DatanetRegistry::withdrawStakeCall {
                datanet_id: *datanet,
            },
        )],
        Command::Vote {
            contribution,
            decision,
            quality,
        } => vec![ctx.call(
            Registry,
            DatanetRegistry::voteCall {
                contribution_id: *contribution,
                approve: *decision == Decision::Approve,
                quality: *quality,
            },
        )],
        Command::Settle {
            contribution,
            validator,
        } => vec![ctx.call(
            Registry,
            DatanetRegistry::settleVoteCall {
                contribution_id: *contribution,
                validator: *validator,
            },
        )],
        Command::ClaimRefund => vec![ctx.call(Registry, DatanetRegistry::claimRefundCall {})],
        Command::Model(m) => vec![model(m, ctx)],
        Command::Pay {
            model,
            token,
            max_price,
            count,
            request_id,
            value,
        } => {
            let count = count.unwrap_or(U256::from(1));
            ensure!(!count.is_zero(), "--count must be at least 1");
            let value = match value {
                Some(v) => *v,
                None if token.is_zero() => count
                    .checked_mul(*max_price)
                    .context("count * max-price overflows")?,
                None => U256::ZERO,
            };
            let request_id = request_id.unwrap_or_default();
            let call = if count == U256::from(1) {
                ctx.call_value(
                    Market,
                    ModelMarket::payCall {
                        model_id: *model,
                        token: *token,
                        max_price: *max_price,
                        request_id,
                    },
                    value,
                )
            } else {
                ctx.call_value(
                    Market,
                    ModelMarket::payBatchCall {
                        model_id: *model,
                        token: *token,
                        count,
                        max_unit_price: *max_price,
                        request_id,
                    },
                    value,
                )
            };
            vec![call]
        }
        Command::Claim {
            token,
            contributor_datanets,
            validator_datanets,
            to,
        } => vec![ctx.call(
            Splitter,
            RewardSplitter::claimCall {
                token: *token,
                contributor_datanets: contributor_datanets.clone(),
                validator_datanets: validator_datanets.clone(),
                to: *to,
            },
        )],
        Command::Status(s) => status(s, ctx),
    })
}

fn datanet(cmd: &DatanetCmd, ctx: &Ctx) -> Call {
    use DatanetRegistry as R;
    let p = Program::Registry;
    match cmd {
        DatanetCmd::Create {
            metadata_uri,
            metadata_hash,
            license,
            review_mode,
            quorum,
            min_stake,
            contributor_bond,
            slash_bps,
            min_data_share_bps,
        } => ctx.call(
            p,
            R::createDatanetCall {
                metadata_uri: metadata_uri.clone(),
                metadata_hash: *metadata_hash,
                license: license.clone(),
                review_mode: *review_mode as u8,
                quorum: *quorum,
                min_stake: *min_stake,
                contributor_bond: *contributor_bond,
                slash_bps: *slash_bps,
                min_data_share_bps: *min_data_share_bps,
            },
        ),
        DatanetCmd::SetMetadata {
            datanet,
            metadata_uri,
            metadata_hash,
            license,
        } => ctx.call(
            p,
            R::setMetadataCall {
                datanet_id: *datanet,
                metadata_uri: metadata_uri.clone(),
                metadata_hash: *metadata_hash,
                license: license.clone(),
            },
        ),
        DatanetCmd::SetStatus { datanet, status } => ctx.call(
            p,
            R::setStatusCall {
                datanet_id: *datanet,
                status: *status as u8,
            },
        ),
        DatanetCmd::TransferOwnership { datanet, new_owner } => ctx.call(
            p,
            R::transferOwnershipCall {
                datanet_id: *datanet,
                new_owner: *new_owner,
            },
        ),
        DatanetCmd::AcceptOwnership { datanet } => ctx.call(
            p,
            R::acceptOwnershipCall {
                datanet_id: *datanet,
            },
        ),
    }
}

fn model(cmd: &ModelCmd, ctx: &Ctx) -> Call {
    use ModelMarket as M;
    let p = Program::Market;
    match cmd {
        ModelCmd::List {
            metadata_uri,
            artifact_hash,
            base_model,
            developer_bps,
            data_bps,
            validator_bps,
            influence_bps,
            datanets,
            weights,
            manifest_hash,
        } => ctx.call(
            p,
            M::listModelCall {
                metadata_uri: metadata_uri.clone(),
                artifact_hash: *artifact_hash,
                base_model: base_model.clone(),
                developer_bps: *developer_bps,
                data_bps: *data_bps,
                validator_bps: *validator_bps,
                influence_bps: *influence_bps,
                datanet_ids: datanets.clone(),
                weights_bps: weights.clone(),
                manifest_hash: *manifest_hash,
            },
        ),
        ModelCmd::Publish {
            model,
            artifact_hash,
            datanets,
            weights,
            manifest_hash,
        } => ctx.call(
            p,
            M::publishVersionCall {
                model_id: *model,
                artifact_hash: *artifact_hash,
                datanet_ids: datanets.clone(),
                weights_bps: weights.clone(),
                manifest_hash: *manifest_hash,
            },
        ),
        ModelCmd::Price {
            model,
            token,
            price,
        } => ctx.call(
            p,
            M::setPriceCall {
                model_id: *model,
                token: *token,
                price: *price,
            },
        ),
        ModelCmd::Status { model, status } => ctx.call(
            p,
            M::setStatusCall {
                model_id: *model,
                status: *status as u8,
            },
        ),
        ModelCmd::Metadata { model, uri } => ctx.call(
            p,
            M::setMetadataCall {
                model_id: *model,
                metadata_uri: uri.clone(),
            },
        ),
        ModelCmd::TransferOwnership { model, new_owner } => ctx.call(
            p,
            M::transferOwnershipCall {
                model_id: *model,
                new_owner: *new_owner,
            },
        ),
        ModelCmd::AcceptOwnership { model } => {
            ctx.call(p, M::acceptOwnershipCall { model_id: *model })
        }
        ModelCmd::SetAttestor { model, attestor } => ctx.call(
            p,
            M::setModelAttestorCall {
                model_id: *model,
                attestor: *attestor,
            },
        ),
    }
}

fn status(cmd: &StatusCmd, ctx: &Ctx) -> Vec<Call> {
    match cmd {
        StatusCmd::Datanet { id } => vec![ctx.view(
            Program::Registry,
            DatanetRegistry::datanetCall { datanet_id: *id },
        )],
        StatusCmd::Contribution { id } => vec![ctx.view(
            Program::Registry,
            DatanetRegistry::contributionCall {
                contribution_id: *id,
            },
        )],
        StatusCmd::Model { id } => vec![
            ctx.view(Program::Market, ModelMarket::modelCall { model_id: *id }),
            ctx.view(Program::Market, ModelMarket::metadataCall { model_id: *id }),
        ],
        StatusCmd::Claimable {
            account,
            token,
            contributor_datanets,
            validator_datanets,
        } => vec![ctx.view(
            Program::Splitter,
            RewardSplitter::claimableCall {
                account: *account,
                token: *token,
                contributor_datanets: contributor_datanets.clone(),
                validator_datanets: validator_datanets.clone(),
            },
        )],
    }
}

fn contribute(args: &ContributeArgs, ctx: &Ctx) -> Result<Vec<Call>> {
    let native = ctx.native_stake("contribute")?;
    let bond_for = |n: usize| -> Result<U256> {
        if native {
            args.bond
                .checked_mul(U256::from(n))
                .context("bond * hashes overflows")
        } else {
            Ok(U256::ZERO)
        }
    };
    if let Some(file) = &args.file {
        let hash = hash_file(file)?;
        let mut call = ctx.call_value(
            Program::Registry,
            DatanetRegistry::contributeCall {
                datanet_id: args.datanet,
                content_hash: hash,
                uri: args.uri.clone().unwrap_or_default(),
            },
            bond_for(1)?,
        );
        call.notes.push(format!("{hash}  {}", file.display()));
        return Ok(vec![call]);
    }
    let dir = args.dir.as_ref().context("give --file or --dir")?;
    let files = hash_dir(dir)?;
    ensure!(!files.is_empty(), "{}: no files", dir.display());
    batches(&files)
        .map(|chunk| {
            let mut call = ctx.call_value(
                Program::Registry,
                DatanetRegistry::contributeBatchCall {
                    datanet_id: args.datanet,
                    content_hashes: chunk.iter().map(|(_, h)| *h).collect(),
                },
                bond_for(chunk.len())?,
            );
            call.notes = chunk
                .iter()
                .map(|(p, h)| format!("{h}  {}", p.display()))
                .collect();
            Ok(call)
        })
        .collect()
}

/// keccak256 of a file's bytes.
pub fn hash_file(path: &Path) -> Result<B256> {
    let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    Ok(keccak256(bytes))
}

/// The regular files directly in `dir`, sorted by path, with their hashes.
pub fn hash_dir(dir: &Path) -> Result<Vec<(PathBuf, B256)>> {
    let mut paths = std::fs::read_dir(dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .map(|e| Ok(e?.path()))
        .collect::<Result<Vec<_>>>()?;
    paths.retain(|p| p.is_file());
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let h = hash_file(&p)?;
            Ok((p, h))
        })
        .collect()
}

/// Chunks of at most [`MAX_BATCH`].
pub fn batches<T>(items: &[T]) -> std::slice::Chunks<'_, T> {
    items.chunks(MAX_BATCH)
}

/// The call decoded through the program's bindings (Debug form).
pub fn decode_call(program: Program, data: &[u8]) -> Result<String> {
    Ok(match program {
        Program::Splitter => format!(
            "{:?}",
            RewardSplitter::RewardSplitterCalls::abi_decode(data)?
        ),
        Program::Registry => format!(
            "{:?}",
            DatanetRegistry::DatanetRegistryCalls::abi_decode(data)?
        ),
        Program::Attribution => format!("{:?}", Attribution::AttributionCalls::abi_decode(data)?),
        Program::Market => format!("{:?}", ModelMarket::ModelMarketCalls::abi_decode(data)?),
    })
}

/// A revert's data decoded with the program's error types, e.g.
/// `RegistryWrongValue(RegistryWrongValue { _0: 5, _1: 0 })`; unknown data
/// is shown as hex.
pub fn decode_revert(program: Program, data: &[u8]) -> String {
    let decoded = match program {
        Program::Splitter => {
            RewardSplitter::RewardSplitterErrors::abi_decode(data).map(|e| format!("{e:?}"))
        }
        Program::Registry => {
            DatanetRegistry::DatanetRegistryErrors::abi_decode(data).map(|e| format!("{e:?}"))
        }
        Program::Attribution => {
            Attribution::AttributionErrors::abi_decode(data).map(|e| format!("{e:?}"))
        }
        Program::Market => {
            ModelMarket::ModelMarketErrors::abi_decode(data).map(|e| format!("{e:?}"))
        }
    };
    decoded.unwrap_or_else(|_| format!("unknown revert data 0x{}", hex::encode(data)))
}

/// The dry-run text of a call.
pub fn describe(call: &Call) -> String {
    let mut s = String::new();
    for n in &call.notes {
        s += &format!("{n}\n");
    }
    s += &format!(
        "{} {} ({})\n  value: {}\n  data:  0x{}\n  call:  {}\n",
        if call.view { "eth_call" } else { "send to" },
        call.to,
        call.program.lib(),
        call.value,
        hex::encode(&call.data),
        decode_call(call.program, &call.data).unwrap_or_else(|e| format!("undecodable: {e}")),
    );
    s
}
