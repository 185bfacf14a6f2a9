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
//! the contributor's claimable balance (pulled with
//! [`DatanetRegistry::claim_refund`], so a reverting recipient blocks nobody).
//! A rejected bond pays the reviewers: the datanet's validator pool in
//! `reward_splitter`, or, under owner review, the owner's claimable balance.
//! Slashed stake goes to the validator pool.
#![cfg_attr(not(any(test, feature = "export-abi")), no_main)]
extern crate alloc;

mod calls;
mod interfaces;
#[cfg(not(feature = "export-abi"))]
mod router;
mod sol;

use alloc::{string::String, vec::Vec};

use alloy_primitives::{
    aliases::{U64, U8},
    Address, B256, U256,
};
use alloy_sol_types::{SolCall, SolEvent};
use stylus_sdk::{
    prelude::*,
    storage::{
        StorageAddress, StorageArray, StorageB256, StorageMap, StorageU256, StorageU64, StorageU8,
    },
};

use abi_kit::{AbiWord, Field};
pub use interfaces::IRewardSplitter;
pub use sol::*;

/// Datanet status: accepts contributions.
pub const DATANET_ACTIVE: u8 = 0;
/// Datanet status: temporarily accepts no contributions; review goes on.
pub const DATANET_PAUSED: u8 = 1;
/// Datanet status: final; no contributions or stakes. Pending contributions
/// can still be reviewed, so no bond is stranded.
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

abi_kit::program_errors! {
    /// See [`RegistryUnknownDatanet`].
    UnknownDatanet(RegistryUnknownDatanet { datanetId }),
    /// See [`RegistryUnknownContribution`].
    UnknownContribution(RegistryUnknownContribution { contributionId }),
    /// See [`RegistryNotDatanetOwner`].
    NotDatanetOwner(RegistryNotDatanetOwner { datanetId, account }),
    /// See [`RegistryNotPendingOwner`].
    NotPendingOwner(RegistryNotPendingOwner { datanetId, account }),
    /// See [`RegistryInvalidUri`].
    InvalidUri(RegistryInvalidUri { length }),
    /// See [`RegistryInvalidLicense`].
    InvalidLicense(RegistryInvalidLicense { length }),
    /// See [`RegistryZeroHash`].
    ZeroHash(RegistryZeroHash {  }),
    /// See [`RegistryZeroAddress`].
    ZeroAddress(RegistryZeroAddress {  }),
    /// See [`RegistryInvalidReviewMode`].
    InvalidReviewMode(RegistryInvalidReviewMode { mode }),
    /// See [`RegistryInvalidQuorum`].
    InvalidQuorum(RegistryInvalidQuorum { quorum }),
    /// See [`RegistryInvalidBps`].
    InvalidBps(RegistryInvalidBps { bps }),
    /// See [`RegistryInvalidMinStake`].
    InvalidMinStake(RegistryInvalidMinStake { minStake }),
    /// See [`RegistryInvalidStatus`].
    InvalidStatus(RegistryInvalidStatus { status }),
    /// See [`RegistryDatanetNotActive`].
    DatanetNotActive(RegistryDatanetNotActive { datanetId, status }),
    /// See [`RegistryDuplicateContent`].
    DuplicateContent(RegistryDuplicateContent { datanetId, contentHash, existingId }),
    /// See [`RegistryInvalidBatchSize`].
    InvalidBatchSize(RegistryInvalidBatchSize { size, max }),
    /// See [`RegistryWrongValue`].
    WrongValue(RegistryWrongValue { expected, received }),
    /// See [`RegistryTransferMismatch`].
    TransferMismatch(RegistryTransferMismatch { expected, received }),
    /// See [`RegistryExpiredSignature`].
    ExpiredSignature(RegistryExpiredSignature { deadline }),
    /// See [`RegistryInvalidSigner`].
    InvalidSigner(RegistryInvalidSigner { signer, contributor }),
    /// See [`RegistryWrongReviewMode`].
    WrongReviewMode(RegistryWrongReviewMode { datanetId, mode }),
    /// See [`RegistryContributionFinalized`].
    ContributionFinalized(RegistryContributionFinalized { contributionId, status }),
    /// See [`RegistryInvalidQuality`].
    InvalidQuality(RegistryInvalidQuality { quality }),
    /// See [`RegistryNotValidator`].
    NotValidator(RegistryNotValidator { datanetId, account }),
    /// See [`RegistryStakeBelowMinimum`].
    StakeBelowMinimum(RegistryStakeBelowMinimum { stake, minimum }),
    /// See [`RegistryStakedAfterSubmission`].
    StakedAfterSubmission(RegistryStakedAfterSubmission { contributionId, validator }),
    /// See [`RegistryValidatorLeaving`].
    ValidatorLeaving(RegistryValidatorLeaving { datanetId, validator }),
    /// See [`RegistryAlreadyVoted`].
    AlreadyVoted(RegistryAlreadyVoted { contributionId, validator }),
    /// See [`RegistryNoOpenVote`].
    NoOpenVote(RegistryNoOpenVote { contributionId, validator }),
    /// See [`RegistryVoteNotSettleable`].
    VoteNotSettleable(RegistryVoteNotSettleable { contributionId, validator }),
    /// See [`RegistryUnstakeNotRequested`].
    UnstakeNotRequested(RegistryUnstakeNotRequested { datanetId, validator }),
    /// See [`RegistryCooldownActive`].
    CooldownActive(RegistryCooldownActive { availableAt }),
    /// See [`RegistryUnsettledVotes`].
    UnsettledVotes(RegistryUnsettledVotes { openVotes }),
    /// See [`RegistryNothingToClaim`].
    NothingToClaim(RegistryNothingToClaim { account }),
    /// See [`RegistryZeroAmount`].
    ZeroAmount(RegistryZeroAmount {  }),
    /// See [`RegistryAmountOverflow`].
    AmountOverflow(RegistryAmountOverflow { amount }),
    /// See [`RegistryPeerCallFailed`].
    PeerCallFailed(RegistryPeerCallFailed { peer }),
    /// See [`RegistryInvalidCooldown`].
    InvalidCooldown(RegistryInvalidCooldown { cooldown }),
    /// The stake token's transfer failed or returned false.
    SafeErc20FailedOperation(SafeErc20FailedOperation { token }),
    /// A malformed signature.
    EcdsaInvalidSignature(ECDSAInvalidSignature {  }),
    /// A malleable signature (upper-half `s`).
    EcdsaInvalidSignatureS(ECDSAInvalidSignatureS { s }),
}

/// What [`DatanetRegistry::datanet`] returns: owner, pending owner, status,
/// review mode, quorum, slash bps, minimum data share bps, minimum stake,
/// contributor bond, metadata URI, metadata hash, license.
pub type DatanetRecord = (
    Address,
    Address,
    u8,
    u8,
    u8,
    u16,
    u16,
    U256,
    U256,
    String,
    B256,
    String,
);

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
    slash_bps: StorageU64,
    /// Least data share, in bps, of any model trained on this datanet.
    min_data_share_bps: StorageU64,
    /// Account that may accept ownership; zero when none.
    pending_owner: StorageAddress,
    /// Least stake of a voting validator.
    min_stake: StorageU256,
    /// Bond paid per contribution, refunded on approval.
    contributor_bond: StorageU256,
    /// Hash of the metadata document.
    metadata_hash: StorageB256,
    /// Where the metadata document lives.
    metadata_uri: StoredText,
    /// SPDX id or license URI.
    license: StoredText,
}

/// Words of [`StoredText`]: [`MAX_TEXT_LEN`] bytes.
const TEXT_WORDS: usize = MAX_TEXT_LEN / 32;

/// A string of at most [`MAX_TEXT_LEN`] bytes kept in place: its length and
/// up to eight words. The SDK's `StorageString` writes byte by byte and pulls
/// in U256 division (about 8 KB of code); this writes whole words.
///
/// `words` must come first: stylus-proc 0.9.2 undercounts a struct's slots by
/// one when a partly filled slot precedes an array or nested struct, which
/// made the next field overlap the last word (caught by the max-length
/// metadata tests).
#[storage]
pub struct StoredText {
    /// The bytes, zero-padded.
    words: StorageArray<StorageB256, TEXT_WORDS>,
    /// Length in bytes.
    len: StorageU64,
}

impl StoredText {
    /// Replaces the text; `text` must be at most [`MAX_TEXT_LEN`] bytes.
    fn set(&mut self, text: &str) {
        self.len.set(U64::from(text.len()));
        for (index, chunk) in text.as_bytes().chunks(32).enumerate() {
            let mut word = [0u8; 32];
            word[..chunk.len()].copy_from_slice(chunk);
            if let Some(mut slot) = self.words.setter(index) {
                slot.set(B256::from(word));
            }
        }
    }

    /// The text.
    fn get(&self) -> String {
        let len = low_u64(self.len.get()) as usize;
        let mut bytes = Vec::with_capacity(len.next_multiple_of(32));
        for index in 0..len.div_ceil(32) {
            if let Some(word) = self.words.get(index) {
                bytes.extend_from_slice(word.as_slice());
            }
        }
        bytes.truncate(len);
        // Only `&str`s (valid UTF-8, checked by the calldata decoder) are
        // stored, and whole: a lossy conversion would never change them.
        unsafe { String::from_utf8_unchecked(bytes) }
    }
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
    quality_sum: StorageU64,
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
    open_votes: StorageU64,
}

/// One validator's vote on one contribution.
#[storage]
pub struct Vote {
    /// `VOTE_*` kind; zero when the validator has not voted.
    kind: StorageU8,
    /// Quality score given, 1..=100.
    quality: StorageU8,
    /// Whether the vote was settled (rewarded, slashed or retracted).
    settled: StorageU8,
}

/// State of the registry. Programs enter through [`router`]; `export-abi`
/// builds keep the SDK's entrypoint for the ABI printer.
#[cfg_attr(feature = "export-abi", entrypoint)]
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
    /// Bonds owed to each account (refunds, and rejected bonds of
    /// owner-reviewed datanets owed to their owner), waiting to be claimed.
    refunds: StorageMap<Address, StorageU256>,
}

#[public]
impl DatanetRegistry {
    /// Wires the registry to its splitter and stake token.
    ///
    /// # Errors
    /// * [`RegistryZeroAddress`] if `splitter` is zero.
    /// * [`RegistryInvalidCooldown`] if `unstake_cooldown` exceeds [`MAX_COOLDOWN`].
    ///
    /// # Events
    /// [`RegistryConfigured`].
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
        self.emit(
            &[RegistryConfigured::SIGNATURE_HASH],
            &[
                Field::Word(splitter.word()),
                Field::Word(stake_token.word()),
                Field::Word(unstake_cooldown.word()),
            ],
        );
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
    /// * [`RegistryPeerCallFailed`] if the splitter refuses to disable an
    ///   owner-reviewed datanet's validator pool (the registry lacks its
    ///   `REGISTRY_ROLE`).
    ///
    /// # Events
    /// [`DatanetCreated`], [`DatanetMetadataUpdated`]; the splitter emits
    /// `ValidatorPoolDisabled` for an owner-reviewed datanet.
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
        datanet.slash_bps.set(U64::from(slash_bps));
        datanet
            .min_data_share_bps
            .set(U64::from(min_data_share_bps));
        datanet.min_stake.set(min_stake);
        datanet.contributor_bond.set(contributor_bond);

        self.emit(
            &[DatanetCreated::SIGNATURE_HASH, id.word(), owner.word()],
            &[
                Field::Word(review_mode.word()),
                Field::Word(quorum.word()),
                Field::Word(min_stake.word()),
                Field::Word(contributor_bond.word()),
                Field::Word(slash_bps.word()),
                Field::Word(min_data_share_bps.word()),
            ],
        );
        self.write_metadata(id, &metadata_uri, metadata_hash, &license)?;
        if review_mode == REVIEW_OWNER {
            self.call_splitter(
                U256::ZERO,
                IRewardSplitter::disableValidatorPoolCall::SELECTOR,
                &[id.word()],
            )?;
        }
        Ok(id)
    }

    /// Replaces a datanet's metadata URI, metadata hash and license.
    ///
    /// # Errors
    /// * [`RegistryUnknownDatanet`], [`RegistryNotDatanetOwner`].
    /// * [`RegistryInvalidUri`], [`RegistryZeroHash`], [`RegistryInvalidLicense`].
    ///
    /// # Events
    /// [`DatanetMetadataUpdated`].
    pub fn set_metadata(
        &mut self,
        datanet_id: U256,
        metadata_uri: String,
        metadata_hash: B256,
        license: String,
    ) -> Result<(), Error> {
        self.only_datanet_owner(datanet_id)?;
        self.write_metadata(datanet_id, &metadata_uri, metadata_hash, &license)
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
        self.emit(
            &[DatanetStatusChanged::SIGNATURE_HASH, datanet_id.word()],
            &[Field::Word(status.word())],
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
        self.emit(
            &[
                DatanetOwnershipTransferStarted::SIGNATURE_HASH,
                datanet_id.word(),
                owner.word(),
                new_owner.word(),
            ],
            &[],
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
        self.emit(
            &[
                DatanetOwnershipTransferred::SIGNATURE_HASH,
                datanet_id.word(),
                previous.word(),
                sender.word(),
            ],
            &[],
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
        self.contribute_one(datanet_id, contributor, contributor, content_hash, &uri)
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
        let mut total = U256::ZERO;
        for _ in 0..count {
            total = total
                .checked_add(bond)
                .ok_or(RegistryAmountOverflow { amount: bond })?;
        }
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
    /// [`NonceUsed`], [`ContributionSubmitted`].
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
        let digest = self.typed_data_digest(struct_hash);
        let signer = self.recover_signer(digest, v, r, s)?;
        if signer != contributor {
            return Err(RegistryInvalidSigner {
                signer,
                contributor,
            }
            .into());
        }
        self.nonces.setter(contributor).set(nonce + U256::from(1));
        self.emit(
            &[NonceUsed::SIGNATURE_HASH, contributor.word()],
            &[Field::Word(nonce.word())],
        );

        let payer = self.vm().msg_sender();
        self.contribute_one(datanet_id, contributor, payer, content_hash, &uri)
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
        self.emit(
            &[Staked::SIGNATURE_HASH, datanet_id.word(), validator.word()],
            &[Field::Word(amount.word()), Field::Word(total.word())],
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
        self.emit(
            &[
                UnstakeRequested::SIGNATURE_HASH,
                datanet_id.word(),
                validator.word(),
            ],
            &[Field::Word(available_at.word())],
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
        self.emit(
            &[
                StakeWithdrawn::SIGNATURE_HASH,
                datanet_id.word(),
                validator.word(),
            ],
            &[Field::Word(amount.word())],
        );
        self.pay(validator, amount)
    }

    /// Reviews a pending contribution with a quality score (1..=100).
    ///
    /// In an owner-reviewed datanet the owner's vote decides at once: approval
    /// makes the quality the contribution's weight. In a validator-reviewed
    /// datanet the caller votes as a validator, and the vote that brings one
    /// side to the quorum finalizes the contribution with the mean quality of
    /// the approving votes as its weight.
    ///
    /// # Errors
    /// * [`RegistryInvalidQuality`], [`RegistryUnknownContribution`],
    ///   [`RegistryContributionFinalized`]. Closed datanets still take
    ///   reviews of pending contributions.
    /// * Owner review: [`RegistryNotDatanetOwner`].
    /// * Validator review: [`RegistryNotValidator`], [`RegistryValidatorLeaving`],
    ///   [`RegistryStakeBelowMinimum`], [`RegistryStakedAfterSubmission`],
    ///   [`RegistryAlreadyVoted`].
    /// * [`RegistryPeerCallFailed`] if crediting the pools fails.
    ///
    /// # Events
    /// Validator review: [`VoteCast`], and [`ContributionFinalized`] at the
    /// quorum. Owner review: [`ContributionFinalized`].
    pub fn vote(&mut self, contribution_id: U256, approve: bool, quality: u8) -> Result<(), Error> {
        check_quality(quality)?;
        let datanet_id = self.pending_contribution(contribution_id)?;
        let (mode, quorum, min_stake) = {
            let datanet = self.datanets.get(datanet_id);
            (
                low_u8(datanet.review_mode.get()),
                low_u8(datanet.quorum.get()),
                datanet.min_stake.get(),
            )
        };
        if mode == REVIEW_OWNER {
            self.only_datanet_owner(datanet_id)?;
            let mut contribution = self.contributions.setter(contribution_id);
            if approve {
                contribution.approvals.set(U8::from(1));
                contribution.quality_sum.set(U64::from(quality));
            } else {
                contribution.rejections.set(U8::from(1));
            }
            return self.finalize(contribution_id, datanet_id, approve);
        }

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
            record.open_votes.set(open + U64::from(1));
        }
        let mut contribution = self.contributions.setter(contribution_id);
        let tally = if approve {
            let approvals = contribution.approvals.get() + U8::from(1);
            contribution.approvals.set(approvals);
            let sum = contribution.quality_sum.get() + U64::from(quality);
            contribution.quality_sum.set(sum);
            approvals
        } else {
            let rejections = contribution.rejections.get() + U8::from(1);
            contribution.rejections.set(rejections);
            rejections
        };
        self.emit(
            &[
                VoteCast::SIGNATURE_HASH,
                contribution_id.word(),
                validator.word(),
            ],
            &[Field::Word(approve.word()), Field::Word(quality.word())],
        );
        if low_u8(tally) == quorum {
            self.finalize(contribution_id, datanet_id, approve)?;
        }
        Ok(())
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
            if kind == 0 || !vote.settled.get().is_zero() {
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
        let slash_bps = low_u64(self.datanets.get(datanet_id).slash_bps.get()) as u16;
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
            slashed = bps_of(stake, slash_bps);
            record.stake.set(stake - slashed);
            SETTLED_SLASHED
        };
        let open = record.open_votes.get();
        record.open_votes.set(open - U64::from(1));
        self.votes
            .setter(contribution_id)
            .setter(validator)
            .settled
            .set(U8::from(1));
        if outcome == SETTLED_RETRACTED {
            let mut contribution = self.contributions.setter(contribution_id);
            if kind == VOTE_APPROVE {
                let approvals = contribution.approvals.get();
                contribution.approvals.set(approvals - U8::from(1));
                let sum = contribution.quality_sum.get();
                contribution.quality_sum.set(sum - U64::from(quality));
            } else {
                let rejections = contribution.rejections.get();
                contribution.rejections.set(rejections - U8::from(1));
            }
        }
        self.emit(
            &[
                VoteSettled::SIGNATURE_HASH,
                contribution_id.word(),
                validator.word(),
            ],
            &[Field::Word(outcome.word()), Field::Word(slashed.word())],
        );
        if outcome == SETTLED_REWARDED {
            self.call_splitter(
                U256::ZERO,
                IRewardSplitter::addValidatorShareCall::SELECTOR,
                &[datanet_id.word(), validator.word()],
            )?;
        } else {
            self.fund_validator_pool(datanet_id, slashed)?;
        }
        Ok(())
    }

    /// Sends the caller the bonds owed to it: its refunded bonds and, as a
    /// datanet owner, bonds of contributions it rejected.
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
        self.emit(
            &[RefundClaimed::SIGNATURE_HASH, account.word()],
            &[Field::Word(amount.word())],
        );
        self.pay(account, amount)
    }

    /// The registry's wiring and counts: splitter, stake token (zero:
    /// native), unstake cooldown in seconds, number of datanets and number of
    /// contributions (ids run from 1 to these counts).
    pub fn config(&self) -> (Address, Address, u64, U256, U256) {
        (
            self.splitter.get(),
            self.stake_token.get(),
            low_u64(self.unstake_cooldown.get()),
            U256::from(self.datanet_count.get()),
            U256::from(self.contribution_count.get()),
        )
    }

    /// A datanet's owner, pending owner, status, review mode, quorum, slash
    /// rate (bps), minimum data share (bps), minimum stake, contributor bond,
    /// metadata URI, metadata hash and license.
    ///
    /// # Errors
    /// * [`RegistryUnknownDatanet`].
    pub fn datanet(&self, datanet_id: U256) -> Result<DatanetRecord, Error> {
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
            d.metadata_uri.get(),
            d.metadata_hash.get(),
            d.license.get(),
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
            !v.settled.get().is_zero(),
        )
    }

    /// The next signed-submission nonce of `contributor`.
    pub fn nonces(&self, contributor: Address) -> U256 {
        self.nonces.get(contributor)
    }

    /// Bonds `account` can claim (see [`Self::claim_refund`]).
    pub fn refund_of(&self, account: Address) -> U256 {
        self.refunds.get(account)
    }
}

impl DatanetRegistry {
    /// Emits a log with `topics` (the first is the event's signature hash)
    /// and the ABI encoding of `fields`.
    fn emit(&self, topics: &[B256], fields: &[Field<'_>]) {
        self.vm()
            .emit_log(&abi_kit::log_bytes(topics, fields), topics.len());
    }

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

    /// Validates and writes a datanet's metadata and license.
    fn write_metadata(
        &mut self,
        datanet_id: U256,
        metadata_uri: &str,
        metadata_hash: B256,
        license: &str,
    ) -> Result<(), Error> {
        check_metadata(metadata_uri, metadata_hash)?;
        check_license(license)?;
        let mut datanet = self.datanets.setter(datanet_id);
        datanet.metadata_uri.set(metadata_uri);
        datanet.metadata_hash.set(metadata_hash);
        datanet.license.set(license);
        self.emit(
            &[DatanetMetadataUpdated::SIGNATURE_HASH, datanet_id.word()],
            &[
                Field::Str(metadata_uri),
                Field::Word(metadata_hash.word()),
                Field::Str(license),
            ],
        );
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

    /// Records one contribution of an open datanet attributed to
    /// `contributor`, with its bond paid by `payer`.
    fn contribute_one(
        &mut self,
        datanet_id: U256,
        contributor: Address,
        payer: Address,
        content_hash: B256,
        uri: &str,
    ) -> Result<U256, Error> {
        let bond = self.open_datanet_bond(datanet_id)?;
        let id = self.record(datanet_id, contributor, content_hash, uri)?;
        self.collect(payer, bond)?;
        Ok(id)
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
        c.datanet_id.set(U64::from(low_u64(datanet_id)));
        c.submitted_at.set(U64::from(now));
        c.content_hash.set(content_hash);
        self.emit(
            &[
                ContributionSubmitted::SIGNATURE_HASH,
                id.word(),
                datanet_id.word(),
                contributor.word(),
            ],
            &[Field::Word(content_hash.word()), Field::Str(uri)],
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
        let (bond, owner_review, owner) = {
            let datanet = self.datanets.get(datanet_id);
            (
                datanet.contributor_bond.get(),
                low_u8(datanet.review_mode.get()) == REVIEW_OWNER,
                datanet.owner.get(),
            )
        };
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
        // The bond goes back to the contributor on approval. A rejected bond
        // pays the reviewers: the validator pool, or the owner who reviewed
        // (an owner-reviewed datanet's validator pool never has shares).
        let bond_to = match (approve, owner_review) {
            (true, _) => contributor,
            (false, true) => owner,
            (false, false) => Address::ZERO,
        };
        if !bond_to.is_zero() && !bond.is_zero() {
            let owed = self.refunds.get(bond_to);
            let total = owed
                .checked_add(bond)
                .ok_or(RegistryAmountOverflow { amount: bond })?;
            self.refunds.setter(bond_to).set(total);
        }
        self.emit(
            &[
                ContributionFinalized::SIGNATURE_HASH,
                contribution_id.word(),
                datanet_id.word(),
                contributor.word(),
            ],
            &[
                Field::Word(status.word()),
                Field::Word(weight.word()),
                Field::Word(bond.word()),
            ],
        );
        if approve {
            self.call_splitter(
                U256::ZERO,
                IRewardSplitter::addContributorWeightCall::SELECTOR,
                &[datanet_id.word(), contributor.word(), weight.word()],
            )
        } else if owner_review {
            Ok(())
        } else {
            self.fund_validator_pool(datanet_id, bond)
        }
    }
}

/// `amount * bps / 10_000` rounded down, for `bps <= 10_000`. Long division
/// by 10,000 in 32-bit steps: a U256 division would cost 4 KB of code, and
/// dividing first means the product can never overflow.
fn bps_of(amount: U256, bps: u16) -> U256 {
    let mut digits = amount.to_be_bytes::<32>();
    let mut remainder = 0u64;
    for chunk in digits.chunks_exact_mut(4) {
        let current = (remainder << 32)
            | u64::from(u32::from_be_bytes([chunk[0], chunk[1], chunk[2], chunk[3]]));
        chunk.copy_from_slice(&((current / u64::from(BPS)) as u32).to_be_bytes());
        remainder = current % u64::from(BPS);
    }
    // quotient * bps <= amount: multiply digit by digit, no overflow.
    let mut carry = 0u64;
    for chunk in digits.chunks_exact_mut(4).rev() {
        let product = u64::from(u32::from_be_bytes([chunk[0], chunk[1], chunk[2], chunk[3]]))
            * u64::from(bps)
            + carry;
        chunk.copy_from_slice(&(product as u32).to_be_bytes());
        carry = product >> 32;
    }
    U256::from_be_bytes(digits)
        .saturating_add(U256::from(remainder * u64::from(bps) / u64::from(BPS)))
}

/// The low 64 bits of an integer already known to fit (small storage
/// integers, ids up to a `u64` count).
fn low_u64<const BITS: usize, const LIMBS: usize>(
    value: alloy_primitives::Uint<BITS, LIMBS>,
) -> u64 {
    value.as_limbs()[0]
}

/// A storage `uint8` as `u8`.
fn low_u8(value: U8) -> u8 {
    value.as_limbs()[0] as u8
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

#[cfg(test)]
mod tests {
    use alloy_primitives::{Address, B256, U256};
    use alloy_sol_types::SolEvent;

    use super::*;

    #[test]
    fn shared_error_encoder_matches_alloy_for_every_error() {
        let errors = every_error();
        assert_eq!(errors.len(), 41);
        for (error, expected) in errors {
            let label = alloc::format!("{error:?}");
            assert_eq!(Vec::<u8>::from(error), expected, "{label}");
        }
    }

    fn alloy_log_bytes<E: SolEvent>(event: &E) -> Vec<u8> {
        let log = event.encode_log_data();
        let mut bytes: Vec<u8> = log.topics().iter().flat_map(|t| t.0).collect();
        bytes.extend_from_slice(&log.data);
        bytes
    }

    #[test]
    fn shared_log_encoder_matches_alloy_for_static_and_string_fields() {
        let event = ContributionSubmitted {
            contributionId: U256::from(7),
            datanetId: U256::from(3),
            contributor: Address::repeat_byte(0x11),
            contentHash: B256::repeat_byte(0x22),
            uri: "ipfs://bafy-a-uri-longer-than-thirty-two-bytes/poem.txt".into(),
        };
        let ours = abi_kit::log_bytes(
            &[
                ContributionSubmitted::SIGNATURE_HASH,
                event.contributionId.word(),
                event.datanetId.word(),
                event.contributor.word(),
            ],
            &[
                Field::Word(event.contentHash.word()),
                Field::Str(&event.uri),
            ],
        );
        assert_eq!(ours, alloy_log_bytes(&event));

        let empty = DatanetMetadataUpdated {
            datanetId: U256::from(1),
            metadataUri: String::new(),
            metadataHash: B256::repeat_byte(9),
            license: "CC-BY-4.0".into(),
        };
        let ours = abi_kit::log_bytes(
            &[
                DatanetMetadataUpdated::SIGNATURE_HASH,
                empty.datanetId.word(),
            ],
            &[
                Field::Str(""),
                Field::Word(empty.metadataHash.word()),
                Field::Str(&empty.license),
            ],
        );
        assert_eq!(ours, alloy_log_bytes(&empty));

        let created = DatanetCreated {
            datanetId: U256::from(1),
            owner: Address::repeat_byte(5),
            reviewMode: 1,
            quorum: 3,
            minStake: U256::MAX,
            contributorBond: U256::from(50),
            slashBps: 10_000,
            minDataShareBps: 2_500,
        };
        let ours = abi_kit::log_bytes(
            &[
                DatanetCreated::SIGNATURE_HASH,
                created.datanetId.word(),
                created.owner.word(),
            ],
            &[
                Field::Word(1u8.word()),
                Field::Word(3u8.word()),
                Field::Word(U256::MAX.word()),
                Field::Word(U256::from(50).word()),
                Field::Word(10_000u16.word()),
                Field::Word(2_500u16.word()),
            ],
        );
        assert_eq!(ours, alloy_log_bytes(&created));
    }

    #[test]
    fn bps_of_is_exact_floor_without_overflow() {
        let cases = [
            (U256::ZERO, 2_000u16),
            (U256::from(1), 10_000),
            (U256::from(9_999), 1),
            (U256::from(123_456_789u64), 2_000),
            (U256::from(u128::MAX), 3_333),
            (U256::MAX, 10_000),
            (U256::MAX, 9_999),
            (U256::MAX - U256::from(1), 1),
        ];
        for (amount, bps) in cases {
            // Reference: widen to 512 bits so the product cannot overflow.
            let wide = alloy_primitives::U512::from(amount) * alloy_primitives::U512::from(bps)
                / alloy_primitives::U512::from(10_000);
            assert_eq!(
                alloy_primitives::U512::from(bps_of(amount, bps)),
                wide,
                "{amount} * {bps}"
            );
        }
    }
}
