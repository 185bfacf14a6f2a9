//! Events and errors of the attribution program (their Solidity
//! declarations).
//!
//! Amounts are in wei of the token. Epochs are numbered from 1 per model
//! and token.

use alloy_sol_types::sol;

sol! {
    /// The program was deployed with these peers: the datanet registry it
    /// reads datanets from and the reward splitter holding the influence
    /// escrow.
    #[derive(Debug, PartialEq)]
    event PeersSet(address indexed registry, address indexed splitter);

    /// The training record of a model version: its training-manifest hash
    /// (the Merkle root of the contribution ids used), the data share of its
    /// fees and how many datanets trained it (one [`DatanetUsed`] each
    /// follows).
    #[derive(Debug, PartialEq)]
    event TrainingRecorded(
        uint256 indexed modelId,
        uint256 indexed version,
        bytes32 manifestHash,
        uint16 dataBps,
        uint8 datanetCount
    );

    /// A datanet trained a model version with weight `weightBps`: what a
    /// data provider filters on to see the models trained on its datanet.
    #[derive(Debug, PartialEq)]
    event DatanetUsed(
        uint256 indexed datanetId,
        uint256 indexed modelId,
        uint256 indexed version,
        uint16 weightBps
    );

    /// The admin added `account` to the attestor set, or removed it.
    #[derive(Debug, PartialEq)]
    event AttestorSet(address indexed account, bool allowed);

    /// The model's attestor changed (the zero address: none).
    #[derive(Debug, PartialEq)]
    event ModelAttestorSet(
        uint256 indexed modelId,
        address indexed previousAttestor,
        address indexed attestor
    );

    /// `attestor` committed epoch `epoch` of a model's influence
    /// attribution in `token`: the Merkle root of `(account, cumulative
    /// amount)` leaves, the hash of the off-chain report and the cumulative
    /// total of all leaves.
    #[derive(Debug, PartialEq)]
    event EpochCommitted(
        uint256 indexed modelId,
        address indexed token,
        uint256 indexed epoch,
        bytes32 root,
        bytes32 reportHash,
        uint256 cumulativeTotal,
        address attestor
    );

    /// `account` proved `cumulativeAmount` against epoch `epoch`, and
    /// `amount` (the part not claimed before) was released from the
    /// model's escrow to its claimable balance in the splitter.
    #[derive(Debug, PartialEq)]
    event InfluenceClaimed(
        uint256 indexed modelId,
        address indexed token,
        address indexed account,
        uint256 epoch,
        uint256 cumulativeAmount,
        uint256 amount
    );

    /// An address argument was zero.
    #[derive(Debug)]
    error AttributionZeroAddress();

    /// A manifest hash, Merkle root or report hash was zero.
    #[derive(Debug)]
    error AttributionZeroHash();

    /// Datanet and weight lists of different lengths, empty, or longer than 16.
    #[derive(Debug)]
    error AttributionInvalidAttribution(uint256 datanets, uint256 weights);

    /// A datanet id that is zero or listed twice.
    #[derive(Debug)]
    error AttributionInvalidDatanet(uint256 datanetId);

    /// Datanet weights that are zero or do not sum to 10,000 (`datanetId`
    /// names the zero weight, or is 0 for a wrong sum).
    #[derive(Debug)]
    error AttributionInvalidWeights(uint256 datanetId, uint256 sum);

    /// A data share above 10,000 bps.
    #[derive(Debug)]
    error AttributionInvalidDataShare(uint16 dataBps);

    /// The registry does not know the datanet.
    #[derive(Debug)]
    error AttributionUnknownDatanet(uint256 datanetId);

    /// The datanet is Paused (1) or Closed (2).
    #[derive(Debug)]
    error AttributionDatanetNotActive(uint256 datanetId, uint8 status);

    /// The model's data share is below the datanet's minimum.
    #[derive(Debug)]
    error AttributionDataShareTooLow(uint256 datanetId, uint16 dataBps, uint16 minDataShareBps);

    /// The model version already has a training record (they never change).
    #[derive(Debug)]
    error AttributionTrainingExists(uint256 modelId, uint256 version);

    /// The model version has no training record.
    #[derive(Debug)]
    error AttributionUnknownTraining(uint256 modelId, uint256 version);

    /// A model id or version of 2^128 or more (the per-datanet list packs
    /// both in one word).
    #[derive(Debug)]
    error AttributionIdTooLarge(uint256 modelId, uint256 version);

    /// The datanet has fewer than `index + 1` training records.
    #[derive(Debug)]
    error AttributionUnknownDatanetTraining(uint256 datanetId, uint256 index);

    /// `account` is not in the attestor set.
    #[derive(Debug)]
    error AttributionNotAttestor(address account);

    /// `account` is not the model's attestor.
    #[derive(Debug)]
    error AttributionNotModelAttestor(uint256 modelId, address account);

    /// A cumulative total below the previous epoch's.
    #[derive(Debug)]
    error AttributionTotalDecreased(uint256 modelId, address token, uint256 previousTotal, uint256 cumulativeTotal);

    /// A cumulative total above the model's escrow in the splitter
    /// (`escrowedScaled` is in the splitter's scaled units, 10^18 per wei).
    #[derive(Debug)]
    error AttributionEscrowExceeded(uint256 modelId, address token, uint256 escrowedScaled, uint256 cumulativeTotal);

    /// The model has no epoch `epoch` in `token` (0: no epoch yet).
    #[derive(Debug)]
    error AttributionUnknownEpoch(uint256 modelId, address token, uint256 epoch);

    /// A Merkle proof longer than `maxLength` hashes.
    #[derive(Debug)]
    error AttributionProofTooLong(uint256 length, uint256 maxLength);

    /// The proof does not show `(account, cumulativeAmount)` in the latest
    /// epoch's tree of the model and token.
    #[derive(Debug)]
    error AttributionInvalidProof(uint256 modelId, address token, address account, uint256 cumulativeAmount);

    /// `account` already claimed `claimed`, at least the proven amount.
    #[derive(Debug)]
    error AttributionNothingToClaim(uint256 modelId, address token, address account, uint256 claimed);

    /// The claim would take the model's released total past the latest
    /// epoch's cumulative total (the tree's leaves sum to more than it).
    #[derive(Debug)]
    error AttributionTotalExceeded(uint256 modelId, address token, uint256 cumulativeTotal, uint256 released);

    /// A call to a peer program failed or returned too little data.
    #[derive(Debug)]
    error AttributionPeerCallFailed(address peer);
}
