//! The command line: `deploy` (the deployment plan) and one subcommand per
//! user action (see [`crate::actions`]). Defined in the library so that the
//! tests parse real command lines with [`Cli::try_parse_from`].

use std::path::PathBuf;

use alloy::primitives::{Address, B256, U256};
use clap::{ArgGroup, Args, Parser, Subcommand, ValueEnum};

/// `deploy`: deploys the programs and sends (or prints) user actions.
#[derive(Parser, Debug)]
#[command(
    name = "deploy",
    about = "Deploys, activates and wires the Stylus programs; one subcommand per user action",
    after_help = "Every action takes --config deploy/config/<chainId>.json (predicted \
                  addresses) or --deployment deploy/deployments/<chainId>.json (recorded \
                  addresses), and --dry-run to print the target, value and calldata without \
                  sending. Keys: --keystore FILE (password from $DEPLOY_KEYSTORE_PASSWORD) or \
                  $DEPLOY_PRIVATE_KEY; never on the command line."
)]
pub struct Cli {
    /// Options shared by every subcommand.
    #[command(flatten)]
    pub common: Common,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Options accepted by every subcommand (before or after its name).
#[derive(Args, Debug, Clone, Default)]
pub struct Common {
    /// Inputs: `deploy/config/<chainId>.json`. Program addresses are the
    /// predicted CREATE addresses of the deployment plan.
    #[arg(long, global = true, conflicts_with = "deployment")]
    pub config: Option<PathBuf>,
    /// Outputs of a deployment: `deploy/deployments/<chainId>.json` (the
    /// recorded program addresses).
    #[arg(long, global = true)]
    pub deployment: Option<PathBuf>,
    /// Print the target address, value, calldata hex and decoded call (or,
    /// for `deploy`, write the plan); send nothing.
    #[arg(long, global = true)]
    pub dry_run: bool,
    /// RPC endpoint (default: the config's `rpcUrl`).
    #[arg(long, global = true)]
    pub rpc_url: Option<String>,
    /// Encrypted JSON keystore of the sender (password from
    /// `$DEPLOY_KEYSTORE_PASSWORD`). Without it the key comes from
    /// `$DEPLOY_PRIVATE_KEY`.
    #[arg(long, global = true)]
    pub keystore: Option<PathBuf>,
    /// The registry's stake token (`0x0` = native). Default: the config's
    /// `stakeToken`; needed with `--deployment` for `stake` and
    /// `contribute`, which send native value only for a native stake token.
    #[arg(long, global = true)]
    pub stake_token: Option<Address>,
}

/// Subcommands.
#[derive(Subcommand, Debug)]
pub enum Command {
    /// Deploy, activate, construct and wire the four programs (needs
    /// `--config`).
    Deploy {
        /// Output directory of `--dry-run` (default:
        /// `deploy/out/<chainId>`).
        #[arg(long)]
        out: Option<PathBuf>,
        /// Directory with `cargo xtask build`'s `<lib>.wasm` and `sizes.json`
        /// (default: `$STYLUS_ARTIFACTS`, else `$CARGO_TARGET_DIR/stylus`,
        /// else `<repo>/target/stylus`).
        #[arg(long)]
        artifacts: Option<PathBuf>,
    },
    /// Datanet owner actions (datanet_registry).
    #[command(subcommand)]
    Datanet(DatanetCmd),
    /// Contribute a file, or every file of a folder, by its keccak256 hash
    /// (`contribute`, or `contributeBatch` in batches of at most 64).
    Contribute(ContributeArgs),
    /// Stake `amount` on a datanet as a validator (`stake`; with a native
    /// stake token the amount is sent as value).
    Stake {
        /// Datanet id.
        datanet: U256,
        /// Amount in the stake token's smallest unit.
        amount: U256,
    },
    /// Start the unstake cooldown on a datanet (`requestUnstake`).
    RequestUnstake {
        /// Datanet id.
        datanet: U256,
    },
    /// Withdraw the stake after the cooldown (`withdrawStake`).
    Withdraw {
        /// Datanet id.
        datanet: U256,
    },
    /// Vote on a contribution as a validator or owner-reviewer (`vote`).
    Vote {
        /// Contribution id.
        contribution: U256,
        /// approve or reject.
        decision: Decision,
        /// Quality score (see docs/datanet_registry.md for its range).
        #[arg(long)]
        quality: u8,
    },
    /// Settle a validator's vote on a finalized contribution (`settleVote`).
    Settle {
        /// Contribution id.
        contribution: U256,
        /// Validator whose vote is settled.
        validator: Address,
    },
    /// Claim the caller's refunds of bonds and stakes (`claimRefund`).
    ClaimRefund,
    /// Model owner actions (model_market).
    #[command(subcommand)]
    Model(ModelCmd),
    /// Pay for one inference (`pay`) or `--count` inferences (`payBatch`).
    /// For the native token (`--token 0x0`) the value is `count * max-price`
    /// unless `--value` is given: set `--max-price` to the listed price.
    Pay {
        /// Model id.
        model: U256,
        /// Payment token (`0x0000000000000000000000000000000000000000` =
        /// native).
        #[arg(long)]
        token: Address,
        /// Highest unit price accepted.
        #[arg(long)]
        max_price: U256,
        /// Number of inferences; more than one uses `payBatch`.
        #[arg(long)]
        count: Option<U256>,
        /// Request id recorded in the event (default: zero).
        #[arg(long)]
        request_id: Option<B256>,
        /// Native value to send (default: `count * max-price` for the native
        /// token, 0 for an ERC-20).
        #[arg(long)]
        value: Option<U256>,
    },
    /// Claim rewards from the splitter (`claim`).
    Claim {
        /// Reward token (`0x0` = native).
        #[arg(long)]
        token: Address,
        /// Datanets whose contributor pool is claimed (comma-separated ids).
        #[arg(long, value_delimiter = ',')]
        contributor_datanets: Vec<U256>,
        /// Datanets whose validator pool is claimed (comma-separated ids).
        #[arg(long, value_delimiter = ',')]
        validator_datanets: Vec<U256>,
        /// Recipient.
        #[arg(long)]
        to: Address,
    },
    /// Read-only views (eth_call).
    #[command(subcommand)]
    Status(StatusCmd),
}

/// `datanet ...`.
#[derive(Subcommand, Debug)]
pub enum DatanetCmd {
    /// Create a datanet; the caller owns it (`createDatanet`). Its review
    /// terms are fixed at creation.
    Create {
        /// Metadata URI (at most 256 bytes).
        #[arg(long)]
        metadata_uri: String,
        /// keccak256 of the metadata document.
        #[arg(long)]
        metadata_hash: B256,
        /// License (at most 256 bytes).
        #[arg(long)]
        license: String,
        /// Review mode: owner (quorum 0, min stake 0) or validator.
        #[arg(long, value_enum)]
        review_mode: ReviewMode,
        /// Validator quorum (1 to 32 for validator review).
        #[arg(long, default_value_t = 0)]
        quorum: u8,
        /// Minimum validator stake (non-zero for validator review).
        #[arg(long, default_value = "0")]
        min_stake: U256,
        /// Contributor bond per contribution.
        #[arg(long, default_value = "0")]
        contributor_bond: U256,
        /// Slash rate of a losing validator, in basis points.
        #[arg(long, default_value_t = 0)]
        slash_bps: u16,
        /// Smallest data share a model must give this datanet, in bps.
        #[arg(long, default_value_t = 0)]
        min_data_share_bps: u16,
    },
    /// Change a datanet's metadata URI, hash and license (`setMetadata`).
    SetMetadata {
        /// Datanet id.
        datanet: U256,
        /// Metadata URI.
        #[arg(long)]
        metadata_uri: String,
        /// keccak256 of the metadata document.
        #[arg(long)]
        metadata_hash: B256,
        /// License.
        #[arg(long)]
        license: String,
    },
    /// Set a datanet's status (`setStatus`): active, paused or closed
    /// (final).
    SetStatus {
        /// Datanet id.
        datanet: U256,
        /// New status.
        status: DatanetStatus,
    },
    /// Start a two-step ownership transfer (`transferOwnership`; `0x0`
    /// cancels).
    TransferOwnership {
        /// Datanet id.
        datanet: U256,
        /// New owner.
        new_owner: Address,
    },
    /// Accept a pending ownership transfer (`acceptOwnership`).
    AcceptOwnership {
        /// Datanet id.
        datanet: U256,
    },
}

/// `contribute ...`.
#[derive(Args, Debug)]
#[command(group(ArgGroup::new("source").required(true).args(["file", "dir"])))]
pub struct ContributeArgs {
    /// Datanet id.
    pub datanet: U256,
    /// One file: `contribute(datanet, keccak256(bytes), uri)`.
    #[arg(long)]
    pub file: Option<PathBuf>,
    /// A folder: one hash per regular file (sorted by name, not recursive),
    /// sent with `contributeBatch` in batches of at most 64.
    #[arg(long)]
    pub dir: Option<PathBuf>,
    /// URI of the content (event only; `--file` only).
    #[arg(long, conflicts_with = "dir")]
    pub uri: Option<String>,
    /// The datanet's contributor bond per hash; sent as value (bond x
    /// hashes) when the stake token is native.
    #[arg(long, default_value = "0")]
    pub bond: U256,
}

/// `model ...`.
#[derive(Subcommand, Debug)]
pub enum ModelCmd {
    /// List a model with its first version (`listModel`).
    List {
        /// Metadata URI.
        #[arg(long)]
        metadata_uri: String,
        /// keccak256 of the model artifact.
        #[arg(long)]
        artifact_hash: B256,
        /// Base model name.
        #[arg(long, default_value = "")]
        base_model: String,
        /// Developer share, bps.
        #[arg(long)]
        developer_bps: u16,
        /// Data (datanets) share, bps.
        #[arg(long)]
        data_bps: u16,
        /// Validator share, bps.
        #[arg(long)]
        validator_bps: u16,
        /// Influence share, bps.
        #[arg(long, default_value_t = 0)]
        influence_bps: u16,
        /// Datanets trained on (comma-separated ids).
        #[arg(long, value_delimiter = ',')]
        datanets: Vec<U256>,
        /// Their weights in bps (comma-separated, same order).
        #[arg(long, value_delimiter = ',')]
        weights: Vec<u16>,
        /// keccak256 of the training manifest.
        #[arg(long)]
        manifest_hash: B256,
    },
    /// Publish a new version (`publishVersion`).
    Publish {
        /// Model id.
        model: U256,
        /// keccak256 of the model artifact.
        #[arg(long)]
        artifact_hash: B256,
        /// Datanets trained on (comma-separated ids).
        #[arg(long, value_delimiter = ',')]
        datanets: Vec<U256>,
        /// Their weights in bps (comma-separated, same order).
        #[arg(long, value_delimiter = ',')]
        weights: Vec<u16>,
        /// keccak256 of the training manifest.
        #[arg(long)]
        manifest_hash: B256,
    },
    /// Set the unit price in a token (`setPrice`; 0 stops accepting it).
    Price {
        /// Model id.
        model: U256,
        /// Token (`0x0` = native).
        #[arg(long)]
        token: Address,
        /// Unit price.
        price: U256,
    },
    /// Set the status (`setStatus`): active, paused or retired (final).
    Status {
        /// Model id.
        model: U256,
        /// New status.
        status: ModelStatus,
    },
    /// Set the metadata URI (`setMetadata`).
    Metadata {
        /// Model id.
        model: U256,
        /// Metadata URI.
        uri: String,
    },
    /// Start a two-step ownership transfer (`transferOwnership`).
    TransferOwnership {
        /// Model id.
        model: U256,
        /// New owner.
        new_owner: Address,
    },
    /// Accept a pending ownership transfer (`acceptOwnership`).
    AcceptOwnership {
        /// Model id.
        model: U256,
    },
    /// Choose the model's attestor in attribution (`setModelAttestor`,
    /// through the market).
    SetAttestor {
        /// Model id.
        model: U256,
        /// Attestor (must be allowed in attribution).
        attestor: Address,
    },
}

/// `status ...`.
#[derive(Subcommand, Debug)]
pub enum StatusCmd {
    /// A datanet's record (`datanet`).
    Datanet {
        /// Datanet id.
        id: U256,
    },
    /// A contribution's record (`contribution`).
    Contribution {
        /// Contribution id.
        id: U256,
    },
    /// A model's record and metadata (`model`, `metadata`).
    Model {
        /// Model id.
        id: U256,
    },
    /// Rewards an account could claim (`claimable`).
    Claimable {
        /// Account.
        account: Address,
        /// Reward token (`0x0` = native).
        #[arg(long)]
        token: Address,
        /// Contributor-pool datanets (comma-separated ids).
        #[arg(long, value_delimiter = ',')]
        contributor_datanets: Vec<U256>,
        /// Validator-pool datanets (comma-separated ids).
        #[arg(long, value_delimiter = ',')]
        validator_datanets: Vec<U256>,
    },
}

/// A vote.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    /// Approve.
    Approve,
    /// Reject.
    Reject,
}

/// A datanet's review mode.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReviewMode {
    /// 0: the owner reviews.
    Owner,
    /// 1: staked validators review.
    Validator,
}

/// A datanet's status.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum DatanetStatus {
    /// 0: accepts contributions.
    Active,
    /// 1: accepts none; review goes on.
    Paused,
    /// 2: final.
    Closed,
}

/// A model's status.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ModelStatus {
    /// 0: takes payments.
    Active,
    /// 1: takes none; can be re-activated.
    Paused,
    /// 2: final.
    Retired,
}
