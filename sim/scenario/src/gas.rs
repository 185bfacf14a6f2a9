//! Gas benchmarks on the deployable programs in the executor (not timed
//! tests: gas is deterministic).
//!
//! Fee routing: the splitter alone, with accounts standing in for the
//! registry and the market; `N` contributors are given weight in one
//! datanet, then the market routes native fees to a model trained on it.
//! SPEC requires the cost of routing not to depend on `N`.

use alloy_primitives::{keccak256, Address, U256};
use alloy_sol_types::SolValue;
use anyhow::Result;

use crate::{account, bindings::splitter as spl, Driver, SPLIT};

/// Gas of routing fees with `contributors` in the datanet's pool.
#[derive(Debug, Clone, Copy)]
pub struct RoutingGas {
    pub contributors: u64,
    /// The first fee to reach the pool (fresh slots).
    pub first_fee: u64,
    /// A later fee (the slots already hold values).
    pub later_fee: u64,
}

/// Measures fee routing with `contributors` weighted contributors.
pub fn fee_routing(splitter_wasm: &[u8], contributors: u64) -> Result<RoutingGas> {
    let mut d = Driver::default();
    let (admin, treasury) = (account("bench admin"), account("bench treasury"));
    let (registry, market) = (account("bench registry"), account("bench market"));
    let developer = account("bench developer");
    for who in [admin, registry, market] {
        d.chain.fund(who, U256::from(10u64).pow(U256::from(24u64)));
    }
    let splitter = d.deploy(
        "admin",
        admin,
        "reward_splitter",
        splitter_wasm,
        (admin, treasury, crate::PROTOCOL_FEE_BPS).abi_encode_params(),
    )?;
    for (name, holder) in [("REGISTRY_ROLE", registry), ("MARKET_ROLE", market)] {
        d.send(
            "admin",
            admin,
            splitter,
            U256::ZERO,
            spl::IRewardSplitter::grantRoleCall {
                role: keccak256(name),
                account: holder,
            },
            format!("grant {name}"),
        )?;
    }
    let datanet = U256::from(1u64);
    for i in 0..contributors {
        let contributor = Address::from_word(keccak256(format!("contributor {i}")));
        d.send(
            "registry",
            registry,
            splitter,
            U256::ZERO,
            spl::IRewardSplitter::addContributorWeightCall {
                datanet_id: datanet,
                contributor,
                weight: U256::from(1 + i % 100),
            },
            "add contributor weight",
        )?;
    }
    let route = |d: &mut Driver| -> Result<u64> {
        let amount = U256::from(1_000_000_000_000_000u64);
        d.send(
            "market",
            market,
            splitter,
            amount,
            spl::IRewardSplitter::routeCall {
                model_id: U256::from(1u64),
                token: Address::ZERO,
                amount,
                developer,
                developer_bps: SPLIT.0,
                data_bps: SPLIT.1,
                validator_bps: SPLIT.2,
                influence_bps: 0,
                datanet_ids: vec![datanet],
                weights_bps: vec![10_000],
            },
            "route a fee",
        )?;
        Ok(d.last_gas())
    };
    let first_fee = route(&mut d)?;
    let later_fee = route(&mut d)?;
    Ok(RoutingGas {
        contributors,
        first_fee,
        later_fee,
    })
}
