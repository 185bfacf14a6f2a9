//! Calls the registry makes to other contracts, as `sol!` call types. The
//! registry ABI-encodes them and sends them through the host's call API.

use alloy_sol_types::sol;

sol! {
    /// What the registry needs from `reward_splitter`. The splitter accepts
    /// these calls from the registry only.
    interface IRewardSplitter {
        /// Adds `weight` shares for `contributor` to the datanet's contributor
        /// pool (an approved contribution's quality weight).
        function addContributorWeight(uint256 datanetId, address contributor, uint256 weight) external;
        /// Adds one share for `validator` to the datanet's validator pool (a
        /// vote on the winning side).
        function addValidatorShare(uint256 datanetId, address validator) external;
        /// Credits `amount` of `token` (zero address: native, sent as value)
        /// to the datanet's validator pool. ERC-20 amounts are transferred to
        /// the splitter just before this call, which checks its balance.
        function fundValidatorPool(uint256 datanetId, address token, uint256 amount) external payable;
        /// Marks an owner-reviewed datanet, which never has validators: the
        /// validator share of its fees goes to its contributor pool.
        function disableValidatorPool(uint256 datanetId) external;
    }
}
