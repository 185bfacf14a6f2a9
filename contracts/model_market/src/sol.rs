//! Events and errors of the model market program (their Solidity
//! declarations).
//!
//! Amounts and prices are in wei of the token (the zero address: the
//! native token). Model ids and versions are numbered from 1.

use alloy_sol_types::sol;

sol! {
    /// The program was deployed with these peers: the reward splitter that
    /// routes fees and attribution that keeps training records.
    #[derive(Debug, PartialEq)]
    event PeersSet(address indexed splitter, address indexed attribution);

    /// `owner` listed model `modelId` with this split (developer / data /
    /// validators, in bps after the protocol fee) and influence share.
    #[derive(Debug, PartialEq)]
    event ModelListed(
        uint256 indexed modelId,
        address indexed owner,
        uint16 developerBps,
        uint16 dataBps,
        uint16 validatorBps,
        uint16 influenceBps,
        string metadataUri,
        string baseModel
    );

    /// Version `version` of a model, with its artifact and manifest hashes,
    /// is now the current one.
    #[derive(Debug, PartialEq)]
    event VersionPublished(
        uint256 indexed modelId,
        uint256 indexed version,
        bytes32 artifactHash,
        bytes32 manifestHash
    );

    /// The price of one inference in `token` (0: not accepted).
    #[derive(Debug, PartialEq)]
    event PriceSet(uint256 indexed modelId, address indexed token, uint256 price);

    /// The model's status changed (0 Active, 1 Paused, 2 Retired).
    #[derive(Debug, PartialEq)]
    event StatusSet(uint256 indexed modelId, uint8 previousStatus, uint8 status);

    /// The model's metadata URI changed.
    #[derive(Debug, PartialEq)]
    event MetadataSet(uint256 indexed modelId, string metadataUri);

    /// The owner offered the model to `newOwner` (zero: offer withdrawn).
    #[derive(Debug, PartialEq)]
    event OwnershipTransferStarted(
        uint256 indexed modelId,
        address indexed previousOwner,
        address indexed newOwner
    );

    /// `newOwner` accepted the model.
    #[derive(Debug, PartialEq)]
    event OwnershipTransferred(
        uint256 indexed modelId,
        address indexed previousOwner,
        address indexed newOwner
    );

    /// `payer` paid `amount` of `token` for `count` inferences of version
    /// `version` of a model; `requestId` is what the inference server
    /// serves.
    #[derive(Debug, PartialEq)]
    event InferencePaid(
        uint256 indexed modelId,
        uint256 version,
        address indexed payer,
        address indexed token,
        uint256 count,
        uint256 amount,
        bytes32 requestId
    );

    /// An address argument was zero.
    #[derive(Debug)]
    error ModelMarketZeroAddress();

    /// An artifact or manifest hash was zero.
    #[derive(Debug)]
    error ModelMarketZeroHash();

    /// A metadata URI or base model name that is empty or longer than 256
    /// bytes.
    #[derive(Debug)]
    error ModelMarketInvalidText(uint256 length);

    /// Developer, data and validator shares that do not sum to 10,000 bps.
    #[derive(Debug)]
    error ModelMarketInvalidSplit(uint16 developerBps, uint16 dataBps, uint16 validatorBps);

    /// An influence share above 10,000 bps.
    #[derive(Debug)]
    error ModelMarketInvalidInfluence(uint16 influenceBps);

    /// Datanet and weight lists of different lengths, empty, or longer than 16.
    #[derive(Debug)]
    error ModelMarketInvalidAttribution(uint256 datanets, uint256 weights);

    /// No model has this id.
    #[derive(Debug)]
    error ModelMarketUnknownModel(uint256 modelId);

    /// The model has no version `version`.
    #[derive(Debug)]
    error ModelMarketUnknownVersion(uint256 modelId, uint256 version);

    /// `account` is not the model's owner.
    #[derive(Debug)]
    error ModelMarketNotOwner(uint256 modelId, address account);

    /// `account` is not the model's pending owner.
    #[derive(Debug)]
    error ModelMarketNotPendingOwner(uint256 modelId, address account);

    /// A status other than 0 (Active), 1 (Paused) or 2 (Retired).
    #[derive(Debug)]
    error ModelMarketInvalidStatus(uint8 status);

    /// The model is Retired: its status never changes again.
    #[derive(Debug)]
    error ModelMarketModelRetired(uint256 modelId);

    /// The model is not Active (1 Paused, 2 Retired).
    #[derive(Debug)]
    error ModelMarketModelNotActive(uint256 modelId, uint8 status);

    /// The model accepts no payment in `token` (its price is 0).
    #[derive(Debug)]
    error ModelMarketTokenNotAccepted(uint256 modelId, address token);

    /// The price is above the payer's maximum.
    #[derive(Debug)]
    error ModelMarketPriceAboveMax(uint256 price, uint256 maxPrice);

    /// A batch count of 0 or above `maxCount`.
    #[derive(Debug)]
    error ModelMarketInvalidCount(uint256 count, uint256 maxCount);

    /// `count * unitPrice` does not fit in 256 bits.
    #[derive(Debug)]
    error ModelMarketAmountOverflow(uint256 count, uint256 unitPrice);

    /// The native value sent is not the amount due (0 for ERC-20 payments).
    #[derive(Debug)]
    error ModelMarketWrongValue(uint256 expected, uint256 received);

    /// The splitter received a different amount than was transferred (a
    /// fee-on-transfer or rebasing token).
    #[derive(Debug)]
    error ModelMarketTransferMismatch(uint256 expected, uint256 received);

    /// A call to a peer program failed.
    #[derive(Debug)]
    error ModelMarketPeerCallFailed(address peer);

    /// An ERC-20 `transferFrom` failed (OpenZeppelin `SafeERC20`'s error).
    #[derive(Debug)]
    error SafeErc20FailedOperation(address token);
}
