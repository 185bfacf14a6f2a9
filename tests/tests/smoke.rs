mod common;
use alloy_primitives::{uint, Address, B256, U256};
use common::{contributor_weight, deploy_native, shares_changed, validator_shares};
use datanet_registry::DatanetRegistry;
use integration_tests::Wallet;
use motsu::prelude::*;
use reward_splitter::{RewardSplitter, POOL_CONTRIBUTORS, POOL_VALIDATORS};

#[motsu::test]
fn native_flow_smoke(
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    owner: Address,
    poet: Address,
    v1: Contract<Wallet>,
) {
    deploy_native(&registry, &splitter, owner, 0);
    let id = registry
        .sender(owner)
        .create_datanet(
            "ipfs://meta".into(),
            B256::repeat_byte(1),
            "CC-BY-4.0".into(),
            1,
            1,
            uint!(10_U256),
            uint!(5_U256),
            1000,
            2000,
        )
        .motsu_unwrap();
    v1.address().fund(uint!(100_U256));
    registry
        .sender_and_value(v1.address(), uint!(10_U256))
        .stake(id, uint!(10_U256))
        .motsu_unwrap();
    poet.fund(uint!(100_U256));
    let c = registry
        .sender_and_value(poet, uint!(5_U256))
        .contribute(id, B256::repeat_byte(7), "ipfs://poem".into())
        .motsu_unwrap();
    registry
        .sender(v1.address())
        .vote(c, true, 80)
        .motsu_unwrap();
    assert_eq!(contributor_weight(&splitter, id, poet), uint!(80_U256));
    splitter.assert_emitted(&shares_changed(id, POOL_CONTRIBUTORS, poet, 80, 80));
    registry
        .sender(owner)
        .settle_vote(c, v1.address())
        .motsu_unwrap();
    assert_eq!(validator_shares(&splitter, id, v1.address()), U256::from(1));
    splitter.assert_emitted(&shares_changed(id, POOL_VALIDATORS, v1.address(), 1, 1));
    registry
        .sender(v1.address())
        .request_unstake(id)
        .motsu_unwrap();
    registry
        .sender(v1.address())
        .withdraw_stake(id)
        .motsu_unwrap();
    assert_eq!(v1.balance(), uint!(100_U256));
}
