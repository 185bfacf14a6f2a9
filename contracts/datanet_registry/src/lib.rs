//! `datanet_registry`: datanets, contributions, validator stakes and votes
//! (SPEC.md, "datanet_registry").
//!
//! A datanet is a topic pool of data. Contributors record content hashes in it
//! (singly, in bounded batches, or through a relayer with an EIP-712
//! signature); each record of (contributor, content hash, time) is written
//! once and never changes: it is the proof of attribution for the data.
//! Review is by the datanet owner or by a quorum of validators who staked in
//! the datanet before the contribution was submitted.
//!
//! Finalization costs the same whatever the number of validators: it only
//! flips the contribution's status and credits the contributor. Each vote is
//! then settled on its own by [`DatanetRegistry::settle_vote`] (anyone may
//! call it): the winning side earns one validator-pool share, the losing side
//! is slashed by the datanet's `slash_bps`. A leaving validator retracts its
//! votes on contributions that are still pending, so its stake can never be
//! locked by a review that never ends, and it cannot withdraw while a vote is
//! unsettled, so it cannot escape a slash.
//!
//! Money: stakes and contributor bonds are in the deployment's stake token
//! (the zero address means the native token). Approval credits the bond to
//! the contributor's refund balance (pulled with
//! [`DatanetRegistry::claim_refund`], so a reverting recipient blocks nobody);
//! rejection bonds and slashed stake go to the datanet's validator pool in
//! `reward_splitter`.
#![cfg_attr(not(any(test, feature = "export-abi")), no_main)]
extern crate alloc;

mod interfaces;
mod sol;

use alloc::{string::String, vec::Vec};

use alloy_primitives::{
    aliases::{U16, U32, U64, U8},
    Address, B256, U256,
};
use alloy_sol_types::SolCall;
use openzeppelin_stylus::{
    token::erc20::utils::safe_erc20::{self, ISafeErc20, SafeErc20},
    utils::cryptography::{ecdsa, eip712::IEip712},
};
use stylus_sdk::{
    prelude::*,
    storage::{
        StorageAddress, StorageB256, StorageBool, StorageMap, StorageString, StorageU16,
        StorageU256, StorageU32, StorageU64, StorageU8,
    },
    stylus_core::calls::context::Call,
};

pub use interfaces::{IErc20Balance, IRewardSplitter};
pub use sol::*;

/// Datanet status: accepts contributions.
pub const DATANET_ACTIVE: u8 = 0;
/// Datanet status: temporarily accepts no contributions; review goes on.
pub const DATANET_PAUSED: u8 = 1;
/// Datanet status: final; no contributions, stakes or reviews.
pub const DATANET_CLOSED: u8 = 2;

/// Review mode: the datanet owner approves or rejects.
pub const REVIEW_OWNER: u8 = 0;
/// Review mode: a quorum of staked validators decides.
pub const REVIEW_VALIDATORS: u8 = 1;

/// Contribution status: awaiting review.
pub const CONTRIBUTION_PENDING: u8 = 0;
/// Contribution status: approved; its weight is in the contributor pool.
pub const CONTRIBUTION_APPROVED: u8 = 1;
/// Contribution status: rejected; its bond went to the validator pool.
pub const CONTRIBUTION_REJECTED: u8 = 2;

/// Vote kind: an approval.
pub const VOTE_APPROVE: u8 = 1;
/// Vote kind: a rejection.
pub const VOTE_REJECT: u8 = 2;

/// Settlement outcome: the vote was on the final side; one pool share earned.
pub const SETTLED_REWARDED: u8 = 1;
/// Settlement outcome: the vote was on the losing side; stake slashed.
pub const SETTLED_SLASHED: u8 = 2;
/// Settlement outcome: a leaving validator's vote on a pending contribution
/// was withdrawn from the tally.
pub const SETTLED_RETRACTED: u8 = 3;

/// Largest validator quorum; keeps a contribution's voter count bounded.
pub const MAX_QUORUM: u8 = 32;
/// Largest number of contributions in one batch.
pub const MAX_BATCH: usize = 64;
/// Longest metadata URI, content URI or license, in bytes.
pub const MAX_TEXT_LEN: usize = 256;
/// Longest unstake cooldown: one year.
pub const MAX_COOLDOWN: u64 = 365 * 24 * 60 * 60;
/// Basis points in a whole.
pub const BPS: u16 = 10_000;
/// Highest quality score.
pub const MAX_QUALITY: u8 = 100;

/// EIP-712 type of a relayed contribution. `uri` is hashed as EIP-712 says.
pub const CONTRIBUTION_TYPEHASH: [u8; 32] = keccak_const::Keccak256::new()
    .update(b"Contribution(address contributor,uint256 datanetId,bytes32 contentHash,string uri,uint256 nonce,uint256 deadline)")
    .finalize();

/// Every way a registry call can fail.
#[derive(SolidityError, Debug)]
pub enum Error {
    /// See [`RegistryUnknownDatanet`].
    UnknownDatanet(RegistryUnknownDatanet),
    /// See [`RegistryUnknownContribution`].
    UnknownContribution(RegistryUnknownContribution),
    /// See [`RegistryNotDatanetOwner`].
    NotDatanetOwner(RegistryNotDatanetOwner),
    /// See [`RegistryNotPendingOwner`].
    NotPendingOwner(RegistryNotPendingOwner),
    /// See [`RegistryInvalidUri`].
    InvalidUri(RegistryInvalidUri),
    /// See [`RegistryInvalidLicense`].
    InvalidLicense(RegistryInvalidLicense),
    /// See [`RegistryZeroHash`].
    ZeroHash(RegistryZeroHash),
    /// See [`RegistryZeroAddress`].
    ZeroAddress(RegistryZeroAddress),
    /// See [`RegistryInvalidReviewMode`].
    InvalidReviewMode(RegistryInvalidReviewMode),
    /// See [`RegistryInvalidQuorum`].
    InvalidQuorum(RegistryInvalidQuorum),
    /// See [`RegistryInvalidBps`].
    InvalidBps(RegistryInvalidBps),
    /// See [`RegistryInvalidMinStake`].
    InvalidMinStake(RegistryInvalidMinStake),
    /// See [`RegistryInvalidStatus`].
    InvalidStatus(RegistryInvalidStatus),
    /// See [`RegistryDatanetNotActive`].
    DatanetNotActive(RegistryDatanetNotActive),
    /// See [`RegistryDuplicateContent`].
    DuplicateContent(RegistryDuplicateContent),
    /// See [`RegistryInvalidBatchSize`].
    InvalidBatchSize(RegistryInvalidBatchSize),
    /// See [`RegistryWrongValue`].
    WrongValue(RegistryWrongValue),
    /// See [`RegistryTransferMismatch`].
    TransferMismatch(RegistryTransferMismatch),
    /// See [`RegistryExpiredSignature`].
    ExpiredSignature(RegistryExpiredSignature),
    /// See [`RegistryInvalidSigner`].
    InvalidSigner(RegistryInvalidSigner),
    /// See [`RegistryWrongReviewMode`].
    WrongReviewMode(RegistryWrongReviewMode),
    /// See [`RegistryContributionFinalized`].
    ContributionFinalized(RegistryContributionFinalized),
    /// See [`RegistryInvalidQuality`].
    InvalidQuality(RegistryInvalidQuality),
    /// See [`RegistryNotValidator`].
    NotValidator(RegistryNotValidator),
    /// See [`RegistryStakeBelowMinimum`].
    StakeBelowMinimum(RegistryStakeBelowMinimum),
    /// See [`RegistryStakedAfterSubmission`].
    StakedAfterSubmission(RegistryStakedAfterSubmission),
    /// See [`RegistryValidatorLeaving`].
    ValidatorLeaving(RegistryValidatorLeaving),
    /// See [`RegistryAlreadyVoted`].
    AlreadyVoted(RegistryAlreadyVoted),
    /// See [`RegistryNoOpenVote`].
    NoOpenVote(RegistryNoOpenVote),
    /// See [`RegistryVoteNotSettleable`].
    VoteNotSettleable(RegistryVoteNotSettleable),
    /// See [`RegistryUnstakeNotRequested`].
    UnstakeNotRequested(RegistryUnstakeNotRequested),
    /// See [`RegistryCooldownActive`].
    CooldownActive(RegistryCooldownActive),
    /// See [`RegistryUnsettledVotes`].
    UnsettledVotes(RegistryUnsettledVotes),
    /// See [`RegistryNothingToClaim`].
    NothingToClaim(RegistryNothingToClaim),
    /// See [`RegistryZeroAmount`].
    ZeroAmount(RegistryZeroAmount),
    /// See [`RegistryAmountOverflow`].
    AmountOverflow(RegistryAmountOverflow),
    /// See [`RegistryPeerCallFailed`].
    PeerCallFailed(RegistryPeerCallFailed),
    /// See [`RegistryInvalidCooldown`].
    InvalidCooldown(RegistryInvalidCooldown),
    /// The stake token's transfer failed or returned false.
    SafeErc20FailedOperation(safe_erc20::SafeErc20FailedOperation),
    /// A malformed signature.
    EcdsaInvalidSignature(ecdsa::ECDSAInvalidSignature),
    /// A malleable signature (upper-half `s`).
    EcdsaInvalidSignatureS(ecdsa::ECDSAInvalidSignatureS),
}

impl From<safe_erc20::Error> for Error {
    fn from(err: safe_erc20::Error) -> Self {
        match err {
            safe_erc20::Error::SafeErc20FailedOperation(e) => Self::SafeErc20FailedOperation(e),
            // The registry never changes allowances, so only a failed
            // transfer can come back; keep the token address either way.
            safe_erc20::Error::SafeErc20FailedDecreaseAllowance(_) => {
                Self::PeerCallFailed(RegistryPeerCallFailed {
                    peer: Address::ZERO,
                })
            }
        }
    }
}

impl From<ecdsa::Error> for Error {
    fn from(err: ecdsa::Error) -> Self {
        match err {
            ecdsa::Error::InvalidSignature(e) => Self::EcdsaInvalidSignature(e),
            ecdsa::Error::InvalidSignatureS(e) => Self::EcdsaInvalidSignatureS(e),
        }
    }
}

/// A topic pool of data and its review terms.
#[storage]
pub struct Datanet {
    /// Current owner.
    owner: StorageAddress,
    /// `DATANET_*` status.
    status: StorageU8,
    /// `REVIEW_*` mode, fixed at creation.
    review_mode: StorageU8,
    /// Votes on one side that finalize a contribution (validator review).
    quorum: StorageU8,
    /// Share of a losing voter's stake that is slashed, in bps.
    slash_bps: StorageU16,
    /// Least data share, in bps, of any model trained on this datanet.
    min_data_share_bps: StorageU16,
    /// Account that may accept ownership; zero when none.
    pending_owner: StorageAddress,
    /// Least stake of a voting validator.
    min_stake: StorageU256,
    /// Bond paid per contribution, refunded on approval.
    contributor_bond: StorageU256,
    /// Hash of the metadata document.
    metadata_hash: StorageB256,
    /// Where the metadata document lives.
    metadata_uri: StorageString,
    /// SPDX id or license URI.
    license: StorageString,
}

/// One contributed content hash. The first slot holds what review changes;
/// the others are written once.
#[storage]
pub struct Contribution {
    /// Who the data is attributed to; zero for an unused id.
    contributor: StorageAddress,
    /// `CONTRIBUTION_*` status.
    status: StorageU8,
    /// Approving votes so far (owner review: 1 on approval).
    approvals: StorageU8,
    /// Rejecting votes so far.
    rejections: StorageU8,
    /// Sum of the approving votes' quality; weight = sum / approvals.
    quality_sum: StorageU16,
    /// Datanet the data was contributed to.
    datanet_id: StorageU64,
    /// Block timestamp of the submission.
    submitted_at: StorageU64,
    /// Content hash of the data, which stays off chain.
    content_hash: StorageB256,
}

/// A validator's position in one datanet.
#[storage]
pub struct Validator {
    /// Current stake, in the stake token.
    stake: StorageU256,
    /// First contribution id this validator may vote on: the id the next
    /// contribution would get when it first staked.
    eligible_from: StorageU64,
    /// When it asked to unstake; zero while it is not leaving.
    unstake_requested_at: StorageU64,
    /// Votes cast and not yet settled.
    open_votes: StorageU32,
}

/// One validator's vote on one contribution.
#[storage]
pub struct Vote {
    /// `VOTE_*` kind; zero when the validator has not voted.
    kind: StorageU8,
    /// Quality score given, 1..=100.
    quality: StorageU8,
    /// Whether the vote was settled (rewarded, slashed or retracted).
    settled: StorageBool,
}

/// EIP-712 domain of signed submissions: name "DatanetRegistry", version "1",
/// this chain and this contract.
#[storage]
pub struct SubmissionDomain;

impl IEip712 for SubmissionDomain {
    const NAME: &'static str = "DatanetRegistry";
    const VERSION: &'static str = "1";
}

/// State of the registry.
#[entrypoint]
#[storage]
pub struct DatanetRegistry {
    /// The `reward_splitter` that holds the pools.
    splitter: StorageAddress,
    /// Number of contributions; ids run from 1.
    contribution_count: StorageU64,
    /// Stake and bond token; zero means the native token.
    stake_token: StorageAddress,
    /// Seconds between an unstake request and the withdrawal.
    unstake_cooldown: StorageU64,
    /// Number of datanets; ids run from 1.
    datanet_count: StorageU64,
    /// Datanets by id.
    datanets: StorageMap<U256, Datanet>,
    /// Contributions by id.
    contributions: StorageMap<U256, Contribution>,
    /// Contribution id by datanet id and content hash (dedupe).
    content_ids: StorageMap<U256, StorageMap<B256, StorageU64>>,
    /// Validators by datanet id and account.
    validators: StorageMap<U256, StorageMap<Address, Validator>>,
    /// Votes by contribution id and validator.
    votes: StorageMap<U256, StorageMap<Address, Vote>>,
    /// Next signed-submission nonce per contributor.
    nonces: StorageMap<Address, StorageU256>,
    /// Refunded bonds waiting to be claimed, per account.
    refunds: StorageMap<Address, StorageU256>,
    /// EIP-712 domain.
    domain: SubmissionDomain,
    /// Safe ERC-20 calls (zero-sized, internal only).
    safe_erc20: SafeErc20,
}

#[public]
impl DatanetRegistry {
    /// Wires the registry to its splitter and stake token.
    ///
    /// # Errors
    /// * [`RegistryZeroAddress`] if `splitter` is zero.
    /// * [`RegistryInvalidCooldown`] if `unstake_cooldown` exceeds [`MAX_COOLDOWN`].
    #[constructor]
    pub fn constructor(
        &mut self,
        splitter: Address,
        stake_token: Address,
        unstake_cooldown: u64,
    ) -> Result<(), Error> {
        if splitter.is_zero() {
            return Err(RegistryZeroAddress {}.into());
        }
        if unstake_cooldown > MAX_COOLDOWN {
            return Err(RegistryInvalidCooldown {
                cooldown: unstake_cooldown,
            }
            .into());
        }
        self.splitter.set(splitter);
        self.stake_token.set(stake_token);
        self.unstake_cooldown.set(U64::from(unstake_cooldown));
        Ok(())
    }

    /// Creates a datanet owned by the caller and returns its id. Review terms
    /// are fixed for the datanet's life; metadata, license and status can
    /// change.
    ///
    /// # Errors
    /// * [`RegistryInvalidUri`], [`RegistryZeroHash`], [`RegistryInvalidLicense`]
    ///   for empty or oversized metadata.
    /// * [`RegistryInvalidReviewMode`], [`RegistryInvalidQuorum`],
    ///   [`RegistryInvalidMinStake`], [`RegistryInvalidBps`] for bad terms.
    ///
    /// # Events
    /// [`DatanetCreated`], [`DatanetMetadataUpdated`], [`DatanetLicenseUpdated`].
    #[allow(clippy::too_many_arguments)] // the ABI takes the terms flat
    pub fn create_datanet(
        &mut self,
        metadata_uri: String,
        metadata_hash: B256,
        license: String,
        review_mode: u8,
        quorum: u8,
        min_stake: U256,
        contributor_bond: U256,
        slash_bps: u16,
        min_data_share_bps: u16,
    ) -> Result<U256, Error> {
        check_metadata(&metadata_uri, metadata_hash)?;
        check_license(&license)?;
        match review_mode {
            REVIEW_OWNER => {
                if quorum != 0 {
                    return Err(RegistryInvalidQuorum { quorum }.into());
                }
                if !min_stake.is_zero() {
                    return Err(RegistryInvalidMinStake {
                        minStake: min_stake,
                    }
                    .into());
                }
            }
            REVIEW_VALIDATORS => {
                if quorum == 0 || quorum > MAX_QUORUM {
                    return Err(RegistryInvalidQuorum { quorum }.into());
                }
                if min_stake.is_zero() {
                    return Err(RegistryInvalidMinStake {
                        minStake: min_stake,
                    }
                    .into());
                }
            }
            mode => return Err(RegistryInvalidReviewMode { mode }.into()),
        }
        check_bps(slash_bps)?;
        check_bps(min_data_share_bps)?;

        let owner = self.vm().msg_sender();
        let id = U256::from(self.datanet_count.get()) + U256::from(1);
        self.datanet_count
            .set(self.datanet_count.get() + U64::from(1));
        let mut datanet = self.datanets.setter(id);
        datanet.owner.set(owner);
        datanet.review_mode.set(U8::from(review_mode));
        datanet.quorum.set(U8::from(quorum));
        datanet.slash_bps.set(U16::from(slash_bps));
        datanet
            .min_data_share_bps
            .set(U16::from(min_data_share_bps));
        datanet.min_stake.set(min_stake);
        datanet.contributor_bond.set(contributor_bond);
        datanet.metadata_hash.set(metadata_hash);
        datanet.metadata_uri.set_str(&metadata_uri);
        datanet.license.set_str(&license);

        log(
            self.vm(),
            DatanetCreated {
                datanetId: id,
                owner,
                reviewMode: review_mode,
                quorum,
                minStake: min_stake,
                contributorBond: contributor_bond,
                slashBps: slash_bps,
                minDataShareBps: min_data_share_bps,
            },
        );
        log(
            self.vm(),
            DatanetMetadataUpdated {
                datanetId: id,
                metadataUri: metadata_uri,
                metadataHash: metadata_hash,
            },
        );
        log(
            self.vm(),
            DatanetLicenseUpdated {
                datanetId: id,
                license,
            },
        );
        Ok(id)
    }

    /// Replaces a datanet's metadata URI and hash.
    ///
    /// # Errors
    /// * [`RegistryUnknownDatanet`], [`RegistryNotDatanetOwner`].
    /// * [`RegistryInvalidUri`], [`RegistryZeroHash`].
    ///
    /// # Events
    /// [`DatanetMetadataUpdated`].
    pub fn set_metadata(
        &mut self,
        datanet_id: U256,
        metadata_uri: String,
        metadata_hash: B256,
    ) -> Result<(), Error> {
        self.only_datanet_owner(datanet_id)?;
        check_metadata(&metadata_uri, metadata_hash)?;
        let mut datanet = self.datanets.setter(datanet_id);
        datanet.metadata_uri.set_str(&metadata_uri);
        datanet.metadata_hash.set(metadata_hash);
        log(
            self.vm(),
            DatanetMetadataUpdated {
                datanetId: datanet_id,
                metadataUri: metadata_uri,
                metadataHash: metadata_hash,
            },
        );
        Ok(())
    }

    /// Replaces a datanet's license.
    ///
    /// # Errors
    /// * [`RegistryUnknownDatanet`], [`RegistryNotDatanetOwner`], [`RegistryInvalidLicense`].
    ///
    /// # Events
    /// [`DatanetLicenseUpdated`].
    pub fn set_license(&mut self, datanet_id: U256, license: String) -> Result<(), Error> {
        self.only_datanet_owner(datanet_id)?;
        check_license(&license)?;
        self.datanets.setter(datanet_id).license.set_str(&license);
        log(
            self.vm(),
            DatanetLicenseUpdated {
                datanetId: datanet_id,
                license,
            },
        );
        Ok(())
    }

    /// Pauses (1) or reactivates (0) a datanet, or closes it (2) for good.
    ///
    /// # Errors
    /// * [`RegistryUnknownDatanet`], [`RegistryNotDatanetOwner`].
    /// * [`RegistryInvalidStatus`] for an unknown status, the current status,
    ///   or any change of a closed datanet.
    ///
    /// # Events
    /// [`DatanetStatusChanged`].
    pub fn set_status(&mut self, datanet_id: U256, status: u8) -> Result<(), Error> {
        self.only_datanet_owner(datanet_id)?;
        let current = low_u8(self.datanets.get(datanet_id).status.get());
        if status > DATANET_CLOSED || status == current || current == DATANET_CLOSED {
            return Err(RegistryInvalidStatus { status }.into());
        }
        self.datanets
            .setter(datanet_id)
            .status
            .set(U8::from(status));
        log(
            self.vm(),
            DatanetStatusChanged {
                datanetId: datanet_id,
                status,
            },
        );
        Ok(())
    }

    /// Starts a two-step ownership transfer; `new_owner` must accept. The
    /// zero address cancels a pending transfer.
    ///
    /// # Errors
    /// * [`RegistryUnknownDatanet`], [`RegistryNotDatanetOwner`].
    ///
    /// # Events
    /// [`DatanetOwnershipTransferStarted`].
    pub fn transfer_ownership(
        &mut self,
        datanet_id: U256,
        new_owner: Address,
    ) -> Result<(), Error> {
        let owner = self.only_datanet_owner(datanet_id)?;
        self.datanets
            .setter(datanet_id)
            .pending_owner
            .set(new_owner);
        log(
            self.vm(),
            DatanetOwnershipTransferStarted {
                datanetId: datanet_id,
                previousOwner: owner,
                newOwner: new_owner,
            },
        );
        Ok(())
    }

    /// Completes a two-step ownership transfer.
    ///
    /// # Errors
    /// * [`RegistryUnknownDatanet`].
    /// * [`RegistryNotPendingOwner`] if the caller is not the pending owner.
    ///
    /// # Events
    /// [`DatanetOwnershipTransferred`].
    pub fn accept_ownership(&mut self, datanet_id: U256) -> Result<(), Error> {
        self.check_datanet(datanet_id)?;
        let sender = self.vm().msg_sender();
        let mut datanet = self.datanets.setter(datanet_id);
        if datanet.pending_owner.get() != sender || sender.is_zero() {
            return Err(RegistryNotPendingOwner {
                datanetId: datanet_id,
                account: sender,
            }
            .into());
        }
        let previous = datanet.owner.get();
        datanet.owner.set(sender);
        datanet.pending_owner.set(Address::ZERO);
        log(
            self.vm(),
            DatanetOwnershipTransferred {
                datanetId: datanet_id,
                previousOwner: previous,
                newOwner: sender,
            },
        );
        Ok(())
    }

    /// Contributes one content hash as the caller and returns its id. The
    /// caller pays the datanet's bond (as value, or in the stake token).
    /// `uri` is optional (may be empty) and goes to the event only.
    ///
    /// # Errors
    /// * [`RegistryUnknownDatanet`], [`RegistryDatanetNotActive`].
    /// * [`RegistryZeroHash`], [`RegistryInvalidUri`], [`RegistryDuplicateContent`].
    /// * [`RegistryWrongValue`], [`RegistryTransferMismatch`], `SafeErc20FailedOperation`.
    ///
    /// # Events
    /// [`ContributionSubmitted`].
    #[payable]
    pub fn contribute(
        &mut self,
        datanet_id: U256,
        content_hash: B256,
        uri: String,
    ) -> Result<U256, Error> {
        let contributor = self.vm().msg_sender();
        let bond = self.open_datanet_bond(datanet_id)?;
        let id = self.record(datanet_id, contributor, content_hash, &uri)?;
        self.collect(contributor, bond)?;
        Ok(id)
    }

    /// Contributes up to [`MAX_BATCH`] content hashes as the caller, without
    /// URIs, and returns the first id (the others follow in order). The caller
    /// pays one bond per hash.
    ///
    /// # Errors
    /// As [`Self::contribute`], plus [`RegistryInvalidBatchSize`] and
    /// [`RegistryAmountOverflow`]. A duplicate anywhere reverts the batch.
    ///
    /// # Events
    /// One [`ContributionSubmitted`] per hash.
    #[payable]
    pub fn contribute_batch(
        &mut self,
        datanet_id: U256,
        content_hashes: Vec<B256>,
    ) -> Result<U256, Error> {
        let count = content_hashes.len();
        if count == 0 || count > MAX_BATCH {
            return Err(RegistryInvalidBatchSize {
                size: U256::from(count),
                max: U256::from(MAX_BATCH),
            }
            .into());
        }
        let contributor = self.vm().msg_sender();
        let bond = self.open_datanet_bond(datanet_id)?;
        let total = bond
            .checked_mul(U256::from(count))
            .ok_or(RegistryAmountOverflow { amount: bond })?;
        let first = U256::from(self.contribution_count.get()) + U256::from(1);
        for content_hash in content_hashes {
            self.record(datanet_id, contributor, content_hash, "")?;
        }
        self.collect(contributor, total)?;
        Ok(first)
    }

    /// Contributes one content hash on behalf of `contributor`, who signed it
    /// with EIP-712 (domain: "DatanetRegistry", "1", this chain, this
    /// contract; type [`CONTRIBUTION_TYPEHASH`] with the contributor's current
    /// nonce). The caller (relayer) pays gas and the bond; an approval refunds
    /// the bond to the contributor.
    ///
    /// # Errors
    /// As [`Self::contribute`], plus [`RegistryZeroAddress`],
    /// [`RegistryExpiredSignature`], [`RegistryInvalidSigner`] and the ECDSA
    /// errors for a malformed signature.
    ///
    /// # Events
    /// [`ContributionSubmitted`].
    #[payable]
    #[allow(clippy::too_many_arguments)] // the ABI takes the signature as v, r, s
    pub fn contribute_signed(
        &mut self,
        contributor: Address,
        datanet_id: U256,
        content_hash: B256,
        uri: String,
        deadline: U256,
        v: u8,
        r: B256,
        s: B256,
    ) -> Result<U256, Error> {
        if contributor.is_zero() {
            return Err(RegistryZeroAddress {}.into());
        }
        if U256::from(self.vm().block_timestamp()) > deadline {
            return Err(RegistryExpiredSignature { deadline }.into());
        }
        let nonce = self.nonces.get(contributor);
        let mut encoded = [0u8; 7 * 32];
        encoded[..32].copy_from_slice(&CONTRIBUTION_TYPEHASH);
        encoded[44..64].copy_from_slice(contributor.as_slice());
        encoded[64..96].copy_from_slice(&datanet_id.to_be_bytes::<32>());
        encoded[96..128].copy_from_slice(content_hash.as_slice());
        encoded[128..160].copy_from_slice(self.vm().native_keccak256(uri.as_bytes()).as_slice());
        encoded[160..192].copy_from_slice(&nonce.to_be_bytes::<32>());
        encoded[192..].copy_from_slice(&deadline.to_be_bytes::<32>());
        let struct_hash = self.vm().native_keccak256(&encoded);
        let digest = self.domain.hash_typed_data_v4(struct_hash);
        let signer = ecdsa::recover(&*self, digest, v, r, s)?;
        if signer != contributor {
            return Err(RegistryInvalidSigner {
                signer,
                contributor,
            }
            .into());
        }
        self.nonces.setter(contributor).set(nonce + U256::from(1));

        let payer = self.vm().msg_sender();
        let bond = self.open_datanet_bond(datanet_id)?;
        let id = self.record(datanet_id, contributor, content_hash, &uri)?;
        self.collect(payer, bond)?;
        Ok(id)
    }

    /// Stakes `amount` as a validator of a validator-reviewed datanet (send
    /// it as value for a native-token deployment, else approve the stake
    /// token first). The first stake must reach the datanet's minimum; it
    /// makes the caller eligible for contributions submitted after it.
    ///
    /// # Errors
    /// * [`RegistryZeroAmount`], [`RegistryUnknownDatanet`],
    ///   [`RegistryWrongReviewMode`], [`RegistryDatanetNotActive`] (closed).
    /// * [`RegistryValidatorLeaving`], [`RegistryStakeBelowMinimum`],
    ///   [`RegistryAmountOverflow`].
    /// * [`RegistryWrongValue`], [`RegistryTransferMismatch`], `SafeErc20FailedOperation`.
    ///
    /// # Events
    /// [`Staked`].
    #[payable]
    pub fn stake(&mut self, datanet_id: U256, amount: U256) -> Result<(), Error> {
        if amount.is_zero() {
            return Err(RegistryZeroAmount {}.into());
        }
        self.check_datanet(datanet_id)?;
        let datanet = self.datanets.get(datanet_id);
        let (mode, status, min_stake) = (
            low_u8(datanet.review_mode.get()),
            low_u8(datanet.status.get()),
            datanet.min_stake.get(),
        );
        if mode != REVIEW_VALIDATORS {
            return Err(RegistryWrongReviewMode {
                datanetId: datanet_id,
                mode,
            }
            .into());
        }
        if status == DATANET_CLOSED {
            return Err(RegistryDatanetNotActive {
                datanetId: datanet_id,
                status,
            }
            .into());
        }
        let validator = self.vm().msg_sender();
        let next_id = self.contribution_count.get() + U64::from(1);
        let mut outer = self.validators.setter(datanet_id);
        let mut record = outer.setter(validator);
        if !record.unstake_requested_at.get().is_zero() {
            return Err(RegistryValidatorLeaving {
                datanetId: datanet_id,
                validator,
            }
            .into());
        }
        let current = record.stake.get();
        let total = current
            .checked_add(amount)
            .ok_or(RegistryAmountOverflow { amount })?;
        if current.is_zero() {
            if amount < min_stake {
                return Err(RegistryStakeBelowMinimum {
                    stake: amount,
                    minimum: min_stake,
                }
                .into());
            }
            record.eligible_from.set(next_id);
        }
        record.stake.set(total);
        log(
            self.vm(),
            Staked {
                datanetId: datanet_id,
                validator,
                amount,
                totalStake: total,
            },
        );
        self.collect(validator, amount)
    }

    /// Asks to leave a datanet. From now on the caller cannot vote or stake
    /// there, may retract its votes on pending contributions, and may
    /// withdraw after the cooldown once all its votes are settled.
    ///
    /// # Errors
    /// * [`RegistryNotValidator`], [`RegistryValidatorLeaving`].
    ///
    /// # Events
    /// [`UnstakeRequested`].
    pub fn request_unstake(&mut self, datanet_id: U256) -> Result<(), Error> {
        let validator = self.vm().msg_sender();
        let now = self.vm().block_timestamp();
        let available_at = now.saturating_add(low_u64(self.unstake_cooldown.get()));
        let mut outer = self.validators.setter(datanet_id);
        let mut record = outer.setter(validator);
        if record.stake.get().is_zero() {
            return Err(RegistryNotValidator {
                datanetId: datanet_id,
                account: validator,
            }
            .into());
        }
        if !record.unstake_requested_at.get().is_zero() {
            return Err(RegistryValidatorLeaving {
                datanetId: datanet_id,
                validator,
            }
            .into());
        }
        record.unstake_requested_at.set(U64::from(now));
        log(
            self.vm(),
            UnstakeRequested {
                datanetId: datanet_id,
                validator,
                availableAt: available_at,
            },
        );
        Ok(())
    }

    /// Withdraws the caller's whole remaining stake after the cooldown, and
    /// ends its validator record in the datanet.
    ///
    /// # Errors
    /// * [`RegistryUnstakeNotRequested`], [`RegistryCooldownActive`],
    ///   [`RegistryUnsettledVotes`].
    /// * [`RegistryPeerCallFailed`] or `SafeErc20FailedOperation` if the
    ///   payout fails.
    ///
    /// # Events
    /// [`StakeWithdrawn`].
    pub fn withdraw_stake(&mut self, datanet_id: U256) -> Result<(), Error> {
        let validator = self.vm().msg_sender();
        let now = self.vm().block_timestamp();
        let cooldown = low_u64(self.unstake_cooldown.get());
        let mut outer = self.validators.setter(datanet_id);
        let mut record = outer.setter(validator);
        let requested_at = low_u64(record.unstake_requested_at.get());
        if requested_at == 0 {
            return Err(RegistryUnstakeNotRequested {
                datanetId: datanet_id,
                validator,
            }
            .into());
        }
        let available_at = requested_at.saturating_add(cooldown);
        if now < available_at {
            return Err(RegistryCooldownActive {
                availableAt: available_at,
            }
            .into());
        }
        let open_votes = record.open_votes.get();
        if !open_votes.is_zero() {
            return Err(RegistryUnsettledVotes {
                openVotes: low_u64(open_votes) as u32,
            }
            .into());
        }
        let amount = record.stake.get();
        record.stake.set(U256::ZERO);
        record.eligible_from.set(U64::ZERO);
        record.unstake_requested_at.set(U64::ZERO);
        log(
            self.vm(),
            StakeWithdrawn {
                datanetId: datanet_id,
                validator,
                amount,
            },
        );
        self.pay(validator, amount)
    }

    /// Votes on a pending contribution of a validator-reviewed datanet. The
    /// vote that brings one side to the quorum finalizes the contribution.
    ///
    /// # Errors
    /// * [`RegistryInvalidQuality`], [`RegistryUnknownContribution`],
    ///   [`RegistryContributionFinalized`], [`RegistryWrongReviewMode`],
    ///   [`RegistryDatanetNotActive`] (closed).
    /// * [`RegistryNotValidator`], [`RegistryValidatorLeaving`],
    ///   [`RegistryStakeBelowMinimum`], [`RegistryStakedAfterSubmission`],
    ///   [`RegistryAlreadyVoted`].
    /// * [`RegistryPeerCallFailed`] if crediting the pools fails.
    ///
    /// # Events
    /// [`VoteCast`], and [`ContributionFinalized`] at the quorum.
    pub fn vote(&mut self, contribution_id: U256, approve: bool, quality: u8) -> Result<(), Error> {
        check_quality(quality)?;
        let datanet_id = self.pending_contribution(contribution_id)?;
        let (quorum, min_stake) = {
            let datanet = self.datanets.get(datanet_id);
            (low_u8(datanet.quorum.get()), datanet.min_stake.get())
        };
        self.check_review_mode(datanet_id, REVIEW_VALIDATORS)?;

        let validator = self.vm().msg_sender();
        {
            let outer = self.validators.get(datanet_id);
            let record = outer.get(validator);
            let stake = record.stake.get();
            if stake.is_zero() {
                return Err(RegistryNotValidator {
                    datanetId: datanet_id,
                    account: validator,
                }
                .into());
            }
            if !record.unstake_requested_at.get().is_zero() {
                return Err(RegistryValidatorLeaving {
                    datanetId: datanet_id,
                    validator,
                }
                .into());
            }
            if stake < min_stake {
                return Err(RegistryStakeBelowMinimum {
                    stake,
                    minimum: min_stake,
                }
                .into());
            }
            if U256::from(record.eligible_from.get()) > contribution_id {
                return Err(RegistryStakedAfterSubmission {
                    contributionId: contribution_id,
                    validator,
                }
                .into());
            }
        }
        {
            let mut outer = self.votes.setter(contribution_id);
            let mut vote = outer.setter(validator);
            if !vote.kind.get().is_zero() {
                return Err(RegistryAlreadyVoted {
                    contributionId: contribution_id,
                    validator,
                }
                .into());
            }
            vote.kind
                .set(U8::from(if approve { VOTE_APPROVE } else { VOTE_REJECT }));
            vote.quality.set(U8::from(quality));
        }
        {
            let mut outer = self.validators.setter(datanet_id);
            let mut record = outer.setter(validator);
            let open = record.open_votes.get();
            record.open_votes.set(open + U32::from(1));
        }
        let mut contribution = self.contributions.setter(contribution_id);
        let tally = if approve {
            let approvals = contribution.approvals.get() + U8::from(1);
            contribution.approvals.set(approvals);
            let sum = contribution.quality_sum.get() + U16::from(quality);
            contribution.quality_sum.set(sum);
            approvals
        } else {
            let rejections = contribution.rejections.get() + U8::from(1);
            contribution.rejections.set(rejections);
            rejections
        };
        log(
            self.vm(),
            VoteCast {
                contributionId: contribution_id,
                validator,
                approve,
                quality,
            },
        );
        if low_u8(tally) == quorum {
            self.finalize(contribution_id, datanet_id, approve)?;
        }
        Ok(())
    }

    /// The owner of an owner-reviewed datanet approves (with a quality score
    /// that becomes the weight) or rejects a pending contribution.
    ///
    /// # Errors
    /// * [`RegistryInvalidQuality`], [`RegistryUnknownContribution`],
    ///   [`RegistryContributionFinalized`], [`RegistryWrongReviewMode`],
    ///   [`RegistryDatanetNotActive`] (closed), [`RegistryNotDatanetOwner`].
    /// * [`RegistryPeerCallFailed`] if crediting the pools fails.
    ///
    /// # Events
    /// [`ContributionFinalized`].
    pub fn review(
        &mut self,
        contribution_id: U256,
        approve: bool,
        quality: u8,
    ) -> Result<(), Error> {
        check_quality(quality)?;
        let datanet_id = self.pending_contribution(contribution_id)?;
        self.check_review_mode(datanet_id, REVIEW_OWNER)?;
        self.only_datanet_owner(datanet_id)?;
        let mut contribution = self.contributions.setter(contribution_id);
        if approve {
            contribution.approvals.set(U8::from(1));
            contribution.quality_sum.set(U16::from(quality));
        } else {
            contribution.rejections.set(U8::from(1));
        }
        self.finalize(contribution_id, datanet_id, approve)
    }

    /// Settles `validator`'s vote on `contribution_id` (anyone may call):
    /// on a finalized contribution the winning side earns one validator-pool
    /// share and the losing side loses `slash_bps` of its stake to the pool;
    /// on a pending one, a leaving validator's vote is retracted.
    ///
    /// # Errors
    /// * [`RegistryNoOpenVote`] if there is no unsettled vote.
    /// * [`RegistryVoteNotSettleable`] if the contribution is pending and the
    ///   validator is not leaving.
    /// * [`RegistryPeerCallFailed`], `SafeErc20FailedOperation` if crediting
    ///   the pool fails.
    ///
    /// # Events
    /// [`VoteSettled`].
    pub fn settle_vote(&mut self, contribution_id: U256, validator: Address) -> Result<(), Error> {
        let (kind, quality) = {
            let outer = self.votes.get(contribution_id);
            let vote = outer.get(validator);
            let kind = low_u8(vote.kind.get());
            if kind == 0 || vote.settled.get() {
                return Err(RegistryNoOpenVote {
                    contributionId: contribution_id,
                    validator,
                }
                .into());
            }
            (kind, vote.quality.get())
        };
        let (datanet_id, status) = {
            let contribution = self.contributions.get(contribution_id);
            (
                U256::from(contribution.datanet_id.get()),
                low_u8(contribution.status.get()),
            )
        };
        let slash_bps = U256::from(self.datanets.get(datanet_id).slash_bps.get());
        let mut outer = self.validators.setter(datanet_id);
        let mut record = outer.setter(validator);
        let mut slashed = U256::ZERO;
        let outcome = if status == CONTRIBUTION_PENDING {
            if record.unstake_requested_at.get().is_zero() {
                return Err(RegistryVoteNotSettleable {
                    contributionId: contribution_id,
                    validator,
                }
                .into());
            }
            SETTLED_RETRACTED
        } else if (status == CONTRIBUTION_APPROVED) == (kind == VOTE_APPROVE) {
            SETTLED_REWARDED
        } else {
            let stake = record.stake.get();
            // Only a stake near U256::MAX could overflow the product.
            slashed = stake
                .checked_mul(slash_bps)
                .map(|p| p / U256::from(BPS))
                .ok_or(RegistryAmountOverflow { amount: stake })?;
            record.stake.set(stake - slashed);
            SETTLED_SLASHED
        };
        let open = record.open_votes.get();
        record.open_votes.set(open - U32::from(1));
        self.votes
            .setter(contribution_id)
            .setter(validator)
            .settled
            .set(true);
        if outcome == SETTLED_RETRACTED {
            let mut contribution = self.contributions.setter(contribution_id);
            if kind == VOTE_APPROVE {
                let approvals = contribution.approvals.get();
                contribution.approvals.set(approvals - U8::from(1));
                let sum = contribution.quality_sum.get();
                contribution.quality_sum.set(sum - U16::from(quality));
            } else {
                let rejections = contribution.rejections.get();
                contribution.rejections.set(rejections - U8::from(1));
            }
        }
        log(
            self.vm(),
            VoteSettled {
                contributionId: contribution_id,
                validator,
                outcome,
                slashed,
            },
        );
        if outcome == SETTLED_REWARDED {
            let call = IRewardSplitter::addValidatorShareCall {
                datanetId: datanet_id,
                validator,
            };
            self.call_splitter(U256::ZERO, &call.abi_encode())?;
        } else {
            self.fund_validator_pool(datanet_id, slashed)?;
        }
        Ok(())
    }

    /// Sends the caller its refunded contributor bonds.
    ///
    /// # Errors
    /// * [`RegistryNothingToClaim`] if nothing is due.
    /// * [`RegistryPeerCallFailed`] or `SafeErc20FailedOperation` if the
    ///   payout fails.
    ///
    /// # Events
    /// [`RefundClaimed`].
    pub fn claim_refund(&mut self) -> Result<(), Error> {
        let account = self.vm().msg_sender();
        let amount = self.refunds.get(account);
        if amount.is_zero() {
            return Err(RegistryNothingToClaim { account }.into());
        }
        self.refunds.setter(account).set(U256::ZERO);
        log(self.vm(), RefundClaimed { account, amount });
        self.pay(account, amount)
    }

    /// The registry's wiring: splitter, stake token (zero: native) and
    /// unstake cooldown in seconds.
    pub fn config(&self) -> (Address, Address, u64) {
        (
            self.splitter.get(),
            self.stake_token.get(),
            low_u64(self.unstake_cooldown.get()),
        )
    }

    /// Number of datanets; ids run from 1 to this.
    pub fn datanet_count(&self) -> U256 {
        U256::from(self.datanet_count.get())
    }

    /// Number of contributions; ids run from 1 to this.
    pub fn contribution_count(&self) -> U256 {
        U256::from(self.contribution_count.get())
    }

    /// A datanet's owner, pending owner, status, review mode, quorum, slash
    /// rate (bps), minimum data share (bps), minimum stake and contributor bond.
    ///
    /// # Errors
    /// * [`RegistryUnknownDatanet`].
    #[allow(clippy::type_complexity)] // one flat tuple is the ABI
    pub fn datanet(
        &self,
        datanet_id: U256,
    ) -> Result<(Address, Address, u8, u8, u8, u16, u16, U256, U256), Error> {
        self.check_datanet(datanet_id)?;
        let d = self.datanets.get(datanet_id);
        Ok((
            d.owner.get(),
            d.pending_owner.get(),
            low_u8(d.status.get()),
            low_u8(d.review_mode.get()),
            low_u8(d.quorum.get()),
            low_u64(d.slash_bps.get()) as u16,
            low_u64(d.min_data_share_bps.get()) as u16,
            d.min_stake.get(),
            d.contributor_bond.get(),
        ))
    }

    /// A datanet's metadata URI, metadata hash and license.
    ///
    /// # Errors
    /// * [`RegistryUnknownDatanet`].
    pub fn datanet_metadata(&self, datanet_id: U256) -> Result<(String, B256, String), Error> {
        self.check_datanet(datanet_id)?;
        let d = self.datanets.get(datanet_id);
        Ok((
            d.metadata_uri.get_string(),
            d.metadata_hash.get(),
            d.license.get_string(),
        ))
    }

    /// A contribution's datanet, contributor, content hash, submission time,
    /// status, weight (mean approving quality once approved, else 0),
    /// approvals and rejections.
    ///
    /// # Errors
    /// * [`RegistryUnknownContribution`].
    #[allow(clippy::type_complexity)] // one flat tuple is the ABI
    pub fn contribution(
        &self,
        contribution_id: U256,
    ) -> Result<(U256, Address, B256, u64, u8, U256, u8, u8), Error> {
        let c = self.contributions.get(contribution_id);
        let contributor = c.contributor.get();
        if contributor.is_zero() {
            return Err(RegistryUnknownContribution {
                contributionId: contribution_id,
            }
            .into());
        }
        let status = low_u8(c.status.get());
        let approvals = low_u8(c.approvals.get());
        let weight = if status == CONTRIBUTION_APPROVED {
            U256::from(low_u64(c.quality_sum.get()) / u64::from(approvals))
        } else {
            U256::ZERO
        };
        Ok((
            U256::from(c.datanet_id.get()),
            contributor,
            c.content_hash.get(),
            low_u64(c.submitted_at.get()),
            status,
            weight,
            approvals,
            low_u8(c.rejections.get()),
        ))
    }

    /// The id of the contribution of `content_hash` to a datanet; 0 if none.
    pub fn contribution_id_of(&self, datanet_id: U256, content_hash: B256) -> U256 {
        U256::from(self.content_ids.get(datanet_id).get(content_hash))
    }

    /// A validator's stake, first contribution id it may vote on, unstake
    /// request time (0: not leaving) and unsettled vote count.
    pub fn validator(&self, datanet_id: U256, account: Address) -> (U256, U256, u64, u32) {
        let outer = self.validators.get(datanet_id);
        let v = outer.get(account);
        (
            v.stake.get(),
            U256::from(v.eligible_from.get()),
            low_u64(v.unstake_requested_at.get()),
            low_u64(v.open_votes.get()) as u32,
        )
    }

    /// A validator's vote on a contribution: kind (0 none, 1 approve,
    /// 2 reject), quality, and whether it was settled.
    pub fn vote_of(&self, contribution_id: U256, validator: Address) -> (u8, u8, bool) {
        let outer = self.votes.get(contribution_id);
        let v = outer.get(validator);
        (
            low_u8(v.kind.get()),
            low_u8(v.quality.get()),
            v.settled.get(),
        )
    }

    /// The next signed-submission nonce of `contributor`.
    pub fn nonces(&self, contributor: Address) -> U256 {
        self.nonces.get(contributor)
    }

    /// Refunded bonds `account` can claim.
    pub fn refund_of(&self, account: Address) -> U256 {
        self.refunds.get(account)
    }
}

impl DatanetRegistry {
    /// Fails unless `datanet_id` names a datanet.
    fn check_datanet(&self, datanet_id: U256) -> Result<(), Error> {
        if datanet_id.is_zero() || datanet_id > U256::from(self.datanet_count.get()) {
            return Err(RegistryUnknownDatanet {
                datanetId: datanet_id,
            }
            .into());
        }
        Ok(())
    }

    /// Fails unless the caller owns the datanet; returns the owner.
    fn only_datanet_owner(&self, datanet_id: U256) -> Result<Address, Error> {
        self.check_datanet(datanet_id)?;
        let owner = self.datanets.get(datanet_id).owner.get();
        let sender = self.vm().msg_sender();
        if owner != sender {
            return Err(RegistryNotDatanetOwner {
                datanetId: datanet_id,
                account: sender,
            }
            .into());
        }
        Ok(owner)
    }

    /// Fails unless the datanet reviews in `mode` and is not closed.
    fn check_review_mode(&self, datanet_id: U256, mode: u8) -> Result<(), Error> {
        let datanet = self.datanets.get(datanet_id);
        let actual = low_u8(datanet.review_mode.get());
        if actual != mode {
            return Err(RegistryWrongReviewMode {
                datanetId: datanet_id,
                mode: actual,
            }
            .into());
        }
        let status = low_u8(datanet.status.get());
        if status == DATANET_CLOSED {
            return Err(RegistryDatanetNotActive {
                datanetId: datanet_id,
                status,
            }
            .into());
        }
        Ok(())
    }

    /// Fails unless the datanet accepts contributions; returns its bond.
    fn open_datanet_bond(&self, datanet_id: U256) -> Result<U256, Error> {
        self.check_datanet(datanet_id)?;
        let datanet = self.datanets.get(datanet_id);
        let status = low_u8(datanet.status.get());
        if status != DATANET_ACTIVE {
            return Err(RegistryDatanetNotActive {
                datanetId: datanet_id,
                status,
            }
            .into());
        }
        Ok(datanet.contributor_bond.get())
    }

    /// Returns the datanet of a pending contribution.
    fn pending_contribution(&self, contribution_id: U256) -> Result<U256, Error> {
        let c = self.contributions.get(contribution_id);
        if c.contributor.get().is_zero() {
            return Err(RegistryUnknownContribution {
                contributionId: contribution_id,
            }
            .into());
        }
        let status = low_u8(c.status.get());
        if status != CONTRIBUTION_PENDING {
            return Err(RegistryContributionFinalized {
                contributionId: contribution_id,
                status,
            }
            .into());
        }
        Ok(U256::from(c.datanet_id.get()))
    }

    /// Writes one contribution record of an open datanet and returns its id.
    fn record(
        &mut self,
        datanet_id: U256,
        contributor: Address,
        content_hash: B256,
        uri: &str,
    ) -> Result<U256, Error> {
        if content_hash.is_zero() {
            return Err(RegistryZeroHash {}.into());
        }
        if uri.len() > MAX_TEXT_LEN {
            return Err(RegistryInvalidUri {
                length: U256::from(uri.len()),
            }
            .into());
        }
        let existing = self.content_ids.get(datanet_id).get(content_hash);
        if !existing.is_zero() {
            return Err(RegistryDuplicateContent {
                datanetId: datanet_id,
                contentHash: content_hash,
                existingId: U256::from(existing),
            }
            .into());
        }
        let now = self.vm().block_timestamp();
        let next = self.contribution_count.get() + U64::from(1);
        self.contribution_count.set(next);
        self.content_ids
            .setter(datanet_id)
            .setter(content_hash)
            .set(next);
        let id = U256::from(next);
        let mut c = self.contributions.setter(id);
        c.contributor.set(contributor);
        c.datanet_id.set(U64::from(low_u64_of_u256(datanet_id)));
        c.submitted_at.set(U64::from(now));
        c.content_hash.set(content_hash);
        log(
            self.vm(),
            ContributionSubmitted {
                contributionId: id,
                datanetId: datanet_id,
                contributor,
                contentHash: content_hash,
                uri: uri.into(),
            },
        );
        Ok(id)
    }

    /// Approves or rejects a pending contribution whose tally is already
    /// written, then credits the pools (effects before interactions).
    fn finalize(
        &mut self,
        contribution_id: U256,
        datanet_id: U256,
        approve: bool,
    ) -> Result<(), Error> {
        let bond = self.datanets.get(datanet_id).contributor_bond.get();
        let mut contribution = self.contributions.setter(contribution_id);
        let contributor = contribution.contributor.get();
        let status = if approve {
            CONTRIBUTION_APPROVED
        } else {
            CONTRIBUTION_REJECTED
        };
        contribution.status.set(U8::from(status));
        let weight = if approve {
            let approvals = low_u64(contribution.approvals.get());
            U256::from(low_u64(contribution.quality_sum.get()) / approvals)
        } else {
            U256::ZERO
        };
        if approve && !bond.is_zero() {
            let refund = self.refunds.get(contributor);
            let total = refund
                .checked_add(bond)
                .ok_or(RegistryAmountOverflow { amount: bond })?;
            self.refunds.setter(contributor).set(total);
        }
        log(
            self.vm(),
            ContributionFinalized {
                contributionId: contribution_id,
                datanetId: datanet_id,
                contributor,
                status,
                weight,
                bond,
            },
        );
        if approve {
            let call = IRewardSplitter::addContributorWeightCall {
                datanetId: datanet_id,
                contributor,
                weight,
            };
            self.call_splitter(U256::ZERO, &call.abi_encode())
        } else {
            self.fund_validator_pool(datanet_id, bond)
        }
    }

    /// Moves `amount` of the stake token to the datanet's validator pool.
    fn fund_validator_pool(&mut self, datanet_id: U256, amount: U256) -> Result<(), Error> {
        if amount.is_zero() {
            return Ok(());
        }
        let token = self.stake_token.get();
        let value = if token.is_zero() {
            amount
        } else {
            self.safe_erc20
                .safe_transfer(token, self.splitter.get(), amount)?;
            U256::ZERO
        };
        let call = IRewardSplitter::fundValidatorPoolCall {
            datanetId: datanet_id,
            token,
            amount,
        };
        self.call_splitter(value, &call.abi_encode())
    }

    /// Calls the splitter with `value` and ABI-encoded `calldata`.
    fn call_splitter(&mut self, value: U256, calldata: &[u8]) -> Result<(), Error> {
        let splitter = self.splitter.get();
        self.vm()
            .call(&Call::new().value(value), splitter, calldata)
            .map_err(|_| RegistryPeerCallFailed { peer: splitter })?;
        Ok(())
    }

    /// Takes `amount` of the stake token from `payer`: the exact native
    /// value, or an ERC-20 pull whose balance delta must equal `amount`.
    fn collect(&mut self, payer: Address, amount: U256) -> Result<(), Error> {
        let token = self.stake_token.get();
        let value = self.vm().msg_value();
        let expected = if token.is_zero() { amount } else { U256::ZERO };
        if value != expected {
            return Err(RegistryWrongValue {
                expected,
                received: value,
            }
            .into());
        }
        if token.is_zero() || amount.is_zero() {
            return Ok(());
        }
        let this = self.vm().contract_address();
        let before = self.token_balance(token, this)?;
        self.safe_erc20
            .safe_transfer_from(token, payer, this, amount)?;
        let received = self.token_balance(token, this)?.saturating_sub(before);
        if received != amount {
            return Err(RegistryTransferMismatch {
                expected: amount,
                received,
            }
            .into());
        }
        Ok(())
    }

    /// Sends `amount` of the stake token to `to`.
    fn pay(&mut self, to: Address, amount: U256) -> Result<(), Error> {
        if amount.is_zero() {
            return Ok(());
        }
        let token = self.stake_token.get();
        if token.is_zero() {
            self.vm()
                .transfer_eth(to, amount)
                .map_err(|_| RegistryPeerCallFailed { peer: to })?;
        } else {
            self.safe_erc20.safe_transfer(token, to, amount)?;
        }
        Ok(())
    }

    /// `account`'s balance of `token`.
    fn token_balance(&self, token: Address, account: Address) -> Result<U256, Error> {
        let calldata = IErc20Balance::balanceOfCall { account }.abi_encode();
        let returned = self
            .vm()
            .static_call(&Call::new(), token, &calldata)
            .map_err(|_| RegistryPeerCallFailed { peer: token })?;
        if returned.len() < 32 {
            return Err(RegistryPeerCallFailed { peer: token }.into());
        }
        Ok(U256::from_be_slice(&returned[..32]))
    }
}

/// The low 64 bits of a small storage integer.
fn low_u64<const BITS: usize, const LIMBS: usize>(
    value: alloy_primitives::Uint<BITS, LIMBS>,
) -> u64 {
    value.as_limbs()[0]
}

/// A storage `uint8` as `u8`.
fn low_u8(value: U8) -> u8 {
    value.as_limbs()[0] as u8
}

/// The low 64 bits of an id already checked to fit.
fn low_u64_of_u256(value: U256) -> u64 {
    value.as_limbs()[0]
}

fn check_metadata(uri: &str, hash: B256) -> Result<(), Error> {
    if uri.is_empty() || uri.len() > MAX_TEXT_LEN {
        return Err(RegistryInvalidUri {
            length: U256::from(uri.len()),
        }
        .into());
    }
    if hash.is_zero() {
        return Err(RegistryZeroHash {}.into());
    }
    Ok(())
}

fn check_license(license: &str) -> Result<(), Error> {
    if license.is_empty() || license.len() > MAX_TEXT_LEN {
        return Err(RegistryInvalidLicense {
            length: U256::from(license.len()),
        }
        .into());
    }
    Ok(())
}

fn check_bps(bps: u16) -> Result<(), Error> {
    if bps > BPS {
        return Err(RegistryInvalidBps { bps }.into());
    }
    Ok(())
}

fn check_quality(quality: u8) -> Result<(), Error> {
    if quality == 0 || quality > MAX_QUALITY {
        return Err(RegistryInvalidQuality { quality }.into());
    }
    Ok(())
}
