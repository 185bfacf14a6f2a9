//! Call and event types of the four programs, generated from the committed
//! interfaces in `abi/` (so the scenario uses exactly what dApps and
//! scripts get), and of the test token.

/// `datanet_registry` (`abi/datanet_registry.sol`).
pub mod registry {
    alloy_sol_types::sol!(
        #[sol(all_derives)]
        "../../abi/datanet_registry.sol"
    );
}

/// `reward_splitter` (`abi/reward_splitter.sol`).
pub mod splitter {
    alloy_sol_types::sol!(
        #[sol(all_derives)]
        "../../abi/reward_splitter.sol"
    );
}

/// `attribution` (`abi/attribution.sol`).
pub mod attribution {
    alloy_sol_types::sol!(
        #[sol(all_derives)]
        "../../abi/attribution.sol"
    );
}

/// `model_market` (`abi/model_market.sol`).
pub mod market {
    alloy_sol_types::sol!(
        #[sol(all_derives)]
        "../../abi/model_market.sol"
    );
}

/// `test_token`: the ERC-20 functions the scenario uses.
pub mod token {
    alloy_sol_types::sol! {
        interface ITestToken {
            function mint(address to, uint256 amount) external;
            function approve(address spender, uint256 value) external returns (bool);
            function balanceOf(address account) external view returns (uint256);
        }
    }
}
