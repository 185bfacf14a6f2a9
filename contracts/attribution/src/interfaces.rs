//! Calls attribution makes to its peers, as `sol!` call types. Only their
//! selectors are used: the arguments are static, so the calldata is a
//! selector and words, and the returns are read by word position.

use alloy_sol_types::sol;

sol! {
    /// What attribution reads from `datanet_registry`.
    interface IDatanetRegistry {
        /// A datanet's owner, pending owner, status (0 Active, 1 Paused,
        /// 2 Closed), review mode, quorum, slash bps, minimum data share
        /// (bps), minimum stake, contributor bond, metadata URI, metadata
        /// hash and license. Reverts for an unknown datanet.
        function datanet(uint256 datanetId) external view returns (
            address owner,
            address pendingOwner,
            uint8 status,
            uint8 reviewMode,
            uint8 quorum,
            uint16 slashBps,
            uint16 minDataShareBps,
            uint256 minStake,
            uint256 contributorBond,
            string metadataUri,
            bytes32 metadataHash,
            string license
        );
    }

    /// What attribution needs from `reward_splitter`.
    interface IRewardSplitter {
        /// `(escrowedScaled, released)` of a model's influence escrow in
        /// `token`: scaled units (10^18 per wei) escrowed ever, and wei
        /// released ever.
        function escrow(uint256 modelId, address token) external view returns (uint256, uint256);
        /// Moves `amount` wei of the model's escrow to `account`'s claimable
        /// balance. The splitter accepts it from `ATTRIBUTION_ROLE` only.
        function releaseEscrow(uint256 modelId, address token, address account, uint256 amount) external;
    }
}

/// Word index of `status` in the `datanet` return.
pub const DATANET_STATUS_WORD: usize = 2;
/// Word index of `minDataShareBps` in the `datanet` return.
pub const DATANET_MIN_DATA_SHARE_WORD: usize = 6;
