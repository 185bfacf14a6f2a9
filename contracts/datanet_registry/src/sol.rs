//! Events and errors of the registry, declared in Solidity syntax so the
//! exported ABI carries them with their parameter names.

use alloy_sol_types::sol;

sol! {
    /// A datanet was created; [`DatanetMetadataUpdated`] follows.
    #[derive(Debug)]
    event DatanetCreated(
        uint256 indexed datanetId,
        address indexed owner,
        uint8 reviewMode,
        uint8 quorum,
        uint256 minStake,
        uint256 contributorBond,
        uint16 slashBps,
        uint16 minDataShareBps
    );
    /// The metadata URI, metadata hash and license (SPDX id or a URI) of a
    /// datanet were set.
    #[derive(Debug)]
    event DatanetMetadataUpdated(uint256 indexed datanetId, string metadataUri, bytes32 metadataHash, string license);
    /// The status of a datanet changed (0 Active, 1 Paused, 2 Closed).
    #[derive(Debug)]
    event DatanetStatusChanged(uint256 indexed datanetId, uint8 status);
    /// The owner named a pending owner (zero cancels a pending transfer).
    #[derive(Debug)]
    event DatanetOwnershipTransferStarted(
        uint256 indexed datanetId,
        address indexed previousOwner,
        address indexed newOwner
    );
    /// The pending owner accepted ownership.
    #[derive(Debug)]
    event DatanetOwnershipTransferred(
        uint256 indexed datanetId,
        address indexed previousOwner,
        address indexed newOwner
    );
    /// Data was contributed: the immutable proof of attribution.
    #[derive(Debug)]
    event ContributionSubmitted(
        uint256 indexed contributionId,
        uint256 indexed datanetId,
        address indexed contributor,
        bytes32 contentHash,
        string uri
    );
    /// A validator voted on a contribution.
    #[derive(Debug)]
    event VoteCast(
        uint256 indexed contributionId,
        address indexed validator,
        bool approve,
        uint8 quality
    );
    /// A contribution was approved (status 1) or rejected (status 2). On
    /// approval `weight` was credited to the contributor pool and `bond` to the
    /// contributor's claimable balance; on rejection `bond` went to the
    /// datanet's validator pool (validator review) or to the owner's
    /// claimable balance (owner review).
    #[derive(Debug)]
    event ContributionFinalized(
        uint256 indexed contributionId,
        uint256 indexed datanetId,
        address indexed contributor,
        uint8 status,
        uint256 weight,
        uint256 bond
    );
    /// A vote was settled: outcome 1 rewarded with a validator-pool share,
    /// 2 slashed by `slashed`, 3 retracted from a still-pending contribution.
    #[derive(Debug)]
    event VoteSettled(
        uint256 indexed contributionId,
        address indexed validator,
        uint8 outcome,
        uint256 slashed
    );
    /// A validator staked `amount`, bringing its stake to `totalStake`.
    #[derive(Debug)]
    event Staked(uint256 indexed datanetId, address indexed validator, uint256 amount, uint256 totalStake);
    /// A validator asked to leave; its stake can be withdrawn from `availableAt`.
    #[derive(Debug)]
    event UnstakeRequested(uint256 indexed datanetId, address indexed validator, uint64 availableAt);
    /// A validator withdrew its whole stake and left the datanet.
    #[derive(Debug)]
    event StakeWithdrawn(uint256 indexed datanetId, address indexed validator, uint256 amount);
    /// An account withdrew the bonds owed to it.
    #[derive(Debug)]
    event RefundClaimed(address indexed account, uint256 amount);
    /// The registry was deployed with this wiring.
    #[derive(Debug)]
    event RegistryConfigured(address splitter, address stakeToken, uint64 unstakeCooldown);
    /// A signed submission used `contributor`'s `nonce`.
    #[derive(Debug)]
    event NonceUsed(address indexed contributor, uint256 nonce);
}

sol! {
    /// No datanet has this id.
    #[derive(Debug)]
    error RegistryUnknownDatanet(uint256 datanetId);
    /// No contribution has this id.
    #[derive(Debug)]
    error RegistryUnknownContribution(uint256 contributionId);
    /// Only the datanet's owner may do this.
    #[derive(Debug)]
    error RegistryNotDatanetOwner(uint256 datanetId, address account);
    /// Only the datanet's pending owner may accept ownership.
    #[derive(Debug)]
    error RegistryNotPendingOwner(uint256 datanetId, address account);
    /// A metadata or content URI is empty (where required) or too long.
    #[derive(Debug)]
    error RegistryInvalidUri(uint256 length);
    /// A license is empty or too long.
    #[derive(Debug)]
    error RegistryInvalidLicense(uint256 length);
    /// A metadata or content hash is zero.
    #[derive(Debug)]
    error RegistryZeroHash();
    /// An address argument is zero.
    #[derive(Debug)]
    error RegistryZeroAddress();
    /// The review mode is neither 0 (Owner) nor 1 (Validators).
    #[derive(Debug)]
    error RegistryInvalidReviewMode(uint8 mode);
    /// The quorum is 0 or above the maximum for validator review, or not 0
    /// for owner review.
    #[derive(Debug)]
    error RegistryInvalidQuorum(uint8 quorum);
    /// A basis-point value is above 10,000.
    #[derive(Debug)]
    error RegistryInvalidBps(uint16 bps);
    /// Validator review needs a non-zero minimum stake; owner review needs zero.
    #[derive(Debug)]
    error RegistryInvalidMinStake(uint256 minStake);
    /// The status value is unknown, or the transition is not allowed.
    #[derive(Debug)]
    error RegistryInvalidStatus(uint8 status);
    /// The datanet does not accept this action in its current status.
    #[derive(Debug)]
    error RegistryDatanetNotActive(uint256 datanetId, uint8 status);
    /// This content hash was already contributed to the datanet.
    #[derive(Debug)]
    error RegistryDuplicateContent(uint256 datanetId, bytes32 contentHash, uint256 existingId);
    /// A batch is empty or larger than the maximum.
    #[derive(Debug)]
    error RegistryInvalidBatchSize(uint256 size, uint256 max);
    /// The native value sent is not the amount required.
    #[derive(Debug)]
    error RegistryWrongValue(uint256 expected, uint256 received);
    /// The stake token delivered a different amount than requested
    /// (fee-on-transfer or rebasing tokens are not supported).
    #[derive(Debug)]
    error RegistryTransferMismatch(uint256 expected, uint256 received);
    /// The signed submission's deadline has passed.
    #[derive(Debug)]
    error RegistryExpiredSignature(uint256 deadline);
    /// The signature was made by someone other than the contributor.
    #[derive(Debug)]
    error RegistryInvalidSigner(address signer, address contributor);
    /// The action needs the other review mode.
    #[derive(Debug)]
    error RegistryWrongReviewMode(uint256 datanetId, uint8 mode);
    /// The contribution is already approved (1) or rejected (2).
    #[derive(Debug)]
    error RegistryContributionFinalized(uint256 contributionId, uint8 status);
    /// A quality score outside 1..=100.
    #[derive(Debug)]
    error RegistryInvalidQuality(uint8 quality);
    /// The account has no stake in the datanet.
    #[derive(Debug)]
    error RegistryNotValidator(uint256 datanetId, address account);
    /// The stake is below the datanet's minimum.
    #[derive(Debug)]
    error RegistryStakeBelowMinimum(uint256 stake, uint256 minimum);
    /// The validator staked after the contribution was submitted.
    #[derive(Debug)]
    error RegistryStakedAfterSubmission(uint256 contributionId, address validator);
    /// The validator has asked to unstake and may no longer stake or vote.
    #[derive(Debug)]
    error RegistryValidatorLeaving(uint256 datanetId, address validator);
    /// The validator already voted on this contribution.
    #[derive(Debug)]
    error RegistryAlreadyVoted(uint256 contributionId, address validator);
    /// The validator has no unsettled vote on this contribution.
    #[derive(Debug)]
    error RegistryNoOpenVote(uint256 contributionId, address validator);
    /// The contribution is still pending and the validator is not leaving.
    #[derive(Debug)]
    error RegistryVoteNotSettleable(uint256 contributionId, address validator);
    /// The validator has not asked to unstake.
    #[derive(Debug)]
    error RegistryUnstakeNotRequested(uint256 datanetId, address validator);
    /// The unstake cooldown ends at `availableAt`.
    #[derive(Debug)]
    error RegistryCooldownActive(uint64 availableAt);
    /// Votes must be settled before the stake can be withdrawn.
    #[derive(Debug)]
    error RegistryUnsettledVotes(uint32 openVotes);
    /// There is nothing to claim.
    #[derive(Debug)]
    error RegistryNothingToClaim(address account);
    /// An amount is zero.
    #[derive(Debug)]
    error RegistryZeroAmount();
    /// An amount does not fit the registry's accounting.
    #[derive(Debug)]
    error RegistryAmountOverflow(uint256 amount);
    /// A call to a peer contract or the stake token failed.
    #[derive(Debug)]
    error RegistryPeerCallFailed(address peer);
    /// The unstake cooldown is longer than the maximum.
    #[derive(Debug)]
    error RegistryInvalidCooldown(uint64 cooldown);
    /// The stake token's call reverted, returned false, or the token has no
    /// code (OpenZeppelin's SafeERC20 error).
    #[derive(Debug)]
    error SafeErc20FailedOperation(address token);
    /// The signature is malformed or recovers to no address (OpenZeppelin's
    /// ECDSA error).
    #[derive(Debug)]
    error ECDSAInvalidSignature();
    /// The signature's `s` is in the upper half of the curve order, so it is
    /// malleable (OpenZeppelin's ECDSA error).
    #[derive(Debug)]
    error ECDSAInvalidSignatureS(bytes32 s);
}
