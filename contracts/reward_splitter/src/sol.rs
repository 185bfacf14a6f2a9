//! Events and errors of the reward splitter (their Solidity declarations).
//!
//! Amounts named `...Scaled` are exact shares in scaled units: one wei is
//! `10^18` units (see `SCALE`). Everything else is in wei of the token.

use alloy_sol_types::sol;

sol! {
    /// A fee of `amount` wei of `token` for model `modelId` was split: the
    /// treasury's protocol fee, the developer's share and the influence
    /// escrow's share (scaled units). Per-datanet shares follow as
    /// `DatanetRevenue` events in the same transaction.
    #[derive(Debug, PartialEq)]
    event FeeRouted(
        uint256 indexed modelId,
        address indexed token,
        address indexed developer,
        uint256 amount,
        uint256 protocolFeeScaled,
        uint256 developerScaled,
        uint256 escrowScaled
    );

    /// Revenue of a datanet's pools from one fee of model `modelId`
    /// (scaled units). For an owner-reviewed datanet (validator pool
    /// disabled) the validator part goes to the contributor pool and
    /// `validatorsScaled` is zero.
    #[derive(Debug, PartialEq)]
    event DatanetRevenue(
        uint256 indexed datanetId,
        uint256 indexed modelId,
        address indexed token,
        uint256 contributorsScaled,
        uint256 validatorsScaled
    );

    /// The registry credited `amount` wei of `token` (rejected bonds,
    /// slashed stake) to a datanet's validator pool.
    #[derive(Debug, PartialEq)]
    event ValidatorPoolFunded(uint256 indexed datanetId, address indexed token, uint256 amount);

    /// The registry marked an owner-reviewed datanet: its validator pool
    /// never has shares, and fees pass its part to the contributor pool.
    #[derive(Debug, PartialEq)]
    event ValidatorPoolDisabled(uint256 indexed datanetId);

    /// Revenue held by a pool that had no shares was distributed to its
    /// shareholders (scaled units).
    #[derive(Debug, PartialEq)]
    event PendingDistributed(
        uint256 indexed datanetId,
        uint8 indexed pool,
        address indexed token,
        uint256 amountScaled
    );

    /// `account`'s shares in a datanet's pool (0: contributors, 1:
    /// validators) changed to `shares`; the pool now has `totalShares`.
    #[derive(Debug, PartialEq)]
    event SharesChanged(
        uint256 indexed datanetId,
        uint8 indexed pool,
        address indexed account,
        uint256 shares,
        uint256 totalShares
    );

    /// `account` claimed `amount` wei of `token`, paid to `to`.
    #[derive(Debug, PartialEq)]
    event RewardsClaimed(
        address indexed account,
        address indexed token,
        address indexed to,
        uint256 amount
    );

    /// The attribution contract released `amount` wei of model `modelId`'s
    /// influence escrow to `account`'s claimable balance.
    #[derive(Debug, PartialEq)]
    event EscrowReleased(
        uint256 indexed modelId,
        address indexed token,
        address indexed account,
        uint256 amount
    );

    /// `token` was allowed (or no longer allowed) for new fees.
    #[derive(Debug, PartialEq)]
    event TokenAllowed(address indexed token, bool allowed);

    /// The protocol fee changed.
    #[derive(Debug, PartialEq)]
    event ProtocolFeeSet(uint16 previousBps, uint16 newBps);

    /// The treasury changed. Fees it already earned stay claimable by it.
    #[derive(Debug, PartialEq)]
    event TreasurySet(address indexed previousTreasury, address indexed newTreasury);

    /// An address argument was zero.
    #[derive(Debug)]
    error RewardSplitterZeroAddress();

    /// A protocol fee above the cap `maxBps`.
    #[derive(Debug)]
    error RewardSplitterInvalidFee(uint16 bps, uint16 maxBps);

    /// A developer / data / validator split that does not sum to 10,000.
    #[derive(Debug)]
    error RewardSplitterInvalidSplit(uint16 developerBps, uint16 dataBps, uint16 validatorBps);

    /// An influence share above 10,000 bps.
    #[derive(Debug)]
    error RewardSplitterInvalidShare(uint16 bps);

    /// Datanet and weight lists of different lengths, empty, or longer than 16.
    #[derive(Debug)]
    error RewardSplitterInvalidAttribution(uint256 datanets, uint256 weights);

    /// A datanet id that is zero or listed twice.
    #[derive(Debug)]
    error RewardSplitterInvalidDatanet(uint256 datanetId);

    /// Datanet weights that are zero or do not sum to 10,000.
    #[derive(Debug)]
    error RewardSplitterInvalidWeights(uint256 datanetId, uint256 sum);

    /// A zero amount, weight or share count.
    #[derive(Debug)]
    error RewardSplitterZeroAmount();

    /// An amount so large the accounting could overflow.
    #[derive(Debug)]
    error RewardSplitterAmountTooLarge(uint256 amount);

    /// A token that is not allowed for new fees.
    #[derive(Debug)]
    error RewardSplitterTokenNotAllowed(address token);

    /// A token the splitter has never accounted for.
    #[derive(Debug)]
    error RewardSplitterUnknownToken(address token);

    /// The token list is full.
    #[derive(Debug)]
    error RewardSplitterTooManyTokens(uint8 maxTokens);

    /// An ERC-20 address without code.
    #[derive(Debug)]
    error RewardSplitterNotAContract(address token);

    /// The native value sent is not the amount.
    #[derive(Debug)]
    error RewardSplitterWrongValue(uint256 expected, uint256 received);

    /// The splitter's token balance does not cover what it owes plus the new
    /// amount: the tokens were not sent, or the token took a fee or rebased.
    #[derive(Debug)]
    error RewardSplitterTransferShortfall(address token, uint256 required, uint256 balance);

    /// A pool kind other than 0 (contributors) or 1 (validators).
    #[derive(Debug)]
    error RewardSplitterInvalidPool(uint8 pool);

    /// Removing more shares than the account holds.
    #[derive(Debug)]
    error RewardSplitterInsufficientShares(address account, uint256 shares, uint256 requested);

    /// Nothing is due to `account` in `token`.
    #[derive(Debug)]
    error RewardSplitterNothingToClaim(address account, address token);

    /// More pools in one claim than `maxPools`.
    #[derive(Debug)]
    error RewardSplitterTooManyPools(uint256 count, uint256 maxPools);

    /// A release above what the model's escrow still holds.
    #[derive(Debug)]
    error RewardSplitterEscrowExceeded(uint256 modelId, address token, uint256 available, uint256 requested);

    /// The pool holds no pending revenue in `token`, or still has no shares.
    #[derive(Debug)]
    error RewardSplitterNothingPending(uint256 datanetId, uint8 pool, address token);

    /// The datanet's validator pool cannot be disabled: it is already
    /// disabled, has shares, or holds revenue.
    #[derive(Debug)]
    error RewardSplitterPoolInUse(uint256 datanetId);

    /// A native payout to `to` failed.
    #[derive(Debug)]
    error RewardSplitterPayoutFailed(address to);

    /// An ERC-20 transfer reverted or returned false (OpenZeppelin's
    /// `SafeERC20` error).
    #[derive(Debug)]
    error SafeErc20FailedOperation(address token);
}
