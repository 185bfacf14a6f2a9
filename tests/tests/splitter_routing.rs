//! `route`: exact splits of native (and ERC-20) fees between the treasury,
//! the developer, the influence escrow and the pools of up to 16 datanets;
//! pools without shares; rounding remainders; and every validation error,
//! each leaving the splitter untouched.
mod common;
mod splitter_support;

use alloy_primitives::{Address, U256};
use integration_tests::MockErc20;
use motsu::prelude::*;
use reward_splitter::{
    RewardSplitter, RewardSplitterAmountTooLarge, RewardSplitterInvalidAttribution,
    RewardSplitterInvalidShare, RewardSplitterInvalidSplit, RewardSplitterInvalidWeights,
    RewardSplitterTokenNotAllowed, RewardSplitterUnknownToken, RewardSplitterWrongValue,
    RewardSplitterZeroAddress, RewardSplitterZeroAmount, ValidatorPoolDisabled,
};
use splitter_support::{
    add_validator, add_weight, assert_conserved, assert_error, assert_nothing_deposited, claimable,
    deploy, deploy_with_token, disable_validator_pool, escrow, invalid_datanet, mint_to,
    native_balance, pending_distributed, pool_info, route, route_erc20, scaled, set_token_allowed,
    token_balance, token_info, transfer_shortfall, try_route, try_route_with_value, u, wei,
    Expected, Fee, PoolInfo, TokenInfo, CONTRIBUTORS, FEE_BPS, MARKET, MAX_AMOUNT, NATIVE, PAUSER,
    SCALE, TREASURY, VALIDATORS,
};

/// Asserts a failed route left no trace: nothing deposited, no pool
/// credited, no balance, the market kept its value.
#[track_caller]
fn assert_untouched(splitter: &Contract<RewardSplitter>, market_value: U256) {
    assert_eq!(token_info(splitter, NATIVE), TokenInfo::ALLOWED);
    assert_eq!(splitter.balance(), U256::ZERO);
    assert_eq!(native_balance(MARKET), market_value);
    for datanet in [1, 2] {
        for pool in [CONTRIBUTORS, VALIDATORS] {
            let info = pool_info(splitter, datanet, pool, NATIVE);
            assert_eq!(info.revenue, U256::ZERO);
            assert_eq!(info.reward_per_share, U256::ZERO);
            assert_eq!(info.pending, U256::ZERO);
        }
    }
    assert_eq!(claimable(splitter, TREASURY, NATIVE, &[], &[]), wei(0));
    assert_eq!(escrow(splitter, 1, NATIVE), (U256::ZERO, U256::ZERO));
}

/// Routes `fee` (native, funding the market with its amount), expecting
/// `expected`, and asserts the untouched state afterwards.
#[track_caller]
fn assert_route_fails<E: alloy_sol_types::SolError + core::fmt::Debug>(
    splitter: &Contract<RewardSplitter>,
    fee: &Fee,
    expected: E,
) {
    let market_before = native_balance(MARKET);
    let err = try_route(splitter, fee).unwrap_err();
    assert_error(err, expected);
    assert_untouched(splitter, market_before + fee.amount);
}

/// Asserts what one fee of 1,000,000 wei with the default split `e` (5%
/// protocol fee, then 70% / 20% / 10% to datanet 1) leaves claimable in
/// `token`: to the treasury, the developer, and datanet 1's only contributor
/// `poet` and only validator `v1`, each exactly its part of `e`.
#[track_caller]
fn assert_million_fee_claimable(
    splitter: &Contract<RewardSplitter>,
    token: Address,
    e: &Expected,
    dev: Address,
    poet: Address,
    v1: Address,
) {
    let treasury = claimable(splitter, TREASURY, token, &[], &[]);
    assert_eq!(treasury, (u(50_000), e.protocol));
    let developer = claimable(splitter, dev, token, &[], &[]);
    assert_eq!(developer, (u(665_000), e.developer));
    let contributor = claimable(splitter, poet, token, &[1], &[]);
    assert_eq!(contributor, (u(190_000), e.data));
    let validator = claimable(splitter, v1, token, &[], &[1]);
    assert_eq!(validator, (u(95_000), e.validators));
}

/// Datanet 1's shareholders in most tests here: `poet` with `weight`
/// contributor shares and `v1` with one validator share.
fn add_poet_and_validator(
    splitter: &Contract<RewardSplitter>,
    poet: Address,
    weight: u128,
    v1: Address,
) {
    add_weight(splitter, 1, poet, weight);
    add_validator(splitter, 1, v1, 1);
}

// ------------------------------------------------------------ exact splits

#[motsu::test]
fn native_fee_is_split_exactly_into_treasury_developer_and_pools(
    splitter: Contract<RewardSplitter>,
    dev: Address,
    poet: Address,
    v1: Address,
) {
    deploy(&splitter);
    add_poet_and_validator(&splitter, poet, 80, v1);
    let fee = Fee::native(1_000_000, dev);
    let e = fee.expected(FEE_BPS);
    // 5% protocol fee; of the 950,000 left: 70% / 20% / 10%.
    assert_eq!(
        e,
        Expected {
            protocol: scaled(50_000),
            developer: scaled(665_000),
            escrow: U256::ZERO,
            data: scaled(190_000),
            validators: scaled(95_000),
        }
    );

    route(&splitter, &fee);

    splitter.assert_emitted(&fee.routed(e.protocol, e.developer, U256::ZERO));
    splitter.assert_emitted(&fee.revenue(1, e.data, e.validators));
    assert_eq!(
        pool_info(&splitter, 1, CONTRIBUTORS, NATIVE),
        PoolInfo {
            total_shares: u(80),
            reward_per_share: e.data / u(80),
            revenue: e.data,
            pending: U256::ZERO,
        }
    );
    assert_eq!(
        pool_info(&splitter, 1, VALIDATORS, NATIVE),
        PoolInfo {
            total_shares: u(1),
            reward_per_share: e.validators,
            revenue: e.validators,
            pending: U256::ZERO,
        }
    );
    assert_million_fee_claimable(&splitter, NATIVE, &e, dev, poet, v1);
    assert_eq!(
        token_info(&splitter, NATIVE),
        TokenInfo {
            deposited: u(1_000_000),
            ..TokenInfo::ALLOWED
        }
    );
    assert_eq!(splitter.balance(), u(1_000_000));
    assert_eq!(native_balance(MARKET), U256::ZERO);
    assert_conserved(&splitter, NATIVE, &[TREASURY, dev, poet, v1], &[1], &[1]);
}

#[motsu::test]
fn two_datanets_share_by_weight_and_the_influence_part_is_escrowed(
    splitter: Contract<RewardSplitter>,
    dev: Address,
    poet1: Address,
    poet2: Address,
    poet3: Address,
    v1: Address,
    v2: Address,
    v3: Address,
) {
    deploy(&splitter);
    add_weight(&splitter, 1, poet1, 50);
    add_weight(&splitter, 1, poet2, 25);
    add_weight(&splitter, 2, poet3, 40);
    add_validator(&splitter, 1, v1, 1);
    add_validator(&splitter, 1, v2, 2);
    add_validator(&splitter, 2, v3, 1);
    let fee = Fee::native(1_000_000, dev)
        .model(7)
        .split(6_000, 3_000, 1_000)
        .influence(2_500)
        .datanets(&[1, 2], &[6_000, 4_000]);
    let e = fee.expected(FEE_BPS);
    // 950,000 after the fee: 570,000 developer, 285,000 data (a quarter,
    // 71,250, escrowed; 213,750 to the pools), 95,000 validators.
    assert_eq!(
        e,
        Expected {
            protocol: scaled(50_000),
            developer: scaled(570_000),
            escrow: scaled(71_250),
            data: scaled(213_750),
            validators: scaled(95_000),
        }
    );

    route(&splitter, &fee);

    splitter.assert_emitted(&fee.routed(e.protocol, e.developer, e.escrow));
    // 60% / 40% of each pool share.
    splitter.assert_emitted(&fee.revenue(1, scaled(128_250), scaled(57_000)));
    splitter.assert_emitted(&fee.revenue(2, scaled(85_500), scaled(38_000)));
    assert_eq!(escrow(&splitter, 7, NATIVE), (scaled(71_250), U256::ZERO));
    // Another model's escrow is untouched.
    assert_eq!(escrow(&splitter, 1, NATIVE), (U256::ZERO, U256::ZERO));

    // Pro rata inside each pool: 128,250 over 75 weight = 1,710 per unit.
    let expect = [
        (poet1, &[1u64][..], &[][..], 85_500u128),
        (poet2, &[1], &[], 42_750),
        (poet3, &[2], &[], 85_500),
        (v1, &[], &[1], 19_000),
        (v2, &[], &[1], 38_000),
        (v3, &[], &[2], 38_000),
    ];
    for (account, contributor_pools, validator_pools, due) in expect {
        assert_eq!(
            claimable(
                &splitter,
                account,
                NATIVE,
                contributor_pools,
                validator_pools
            ),
            wei(due),
        );
    }
    assert_eq!(
        pool_info(&splitter, 1, CONTRIBUTORS, NATIVE).revenue,
        scaled(128_250)
    );
    assert_eq!(
        pool_info(&splitter, 2, VALIDATORS, NATIVE).revenue,
        scaled(38_000)
    );
    assert_eq!(token_info(&splitter, NATIVE).dust, U256::ZERO);
    assert_conserved(
        &splitter,
        NATIVE,
        &[TREASURY, dev, poet1, poet2, poet3, v1, v2, v3],
        &[1, 2],
        &[7],
    );
}

#[motsu::test]
fn full_influence_sends_the_whole_data_share_to_the_escrow(
    splitter: Contract<RewardSplitter>,
    dev: Address,
    poet: Address,
    v1: Address,
) {
    deploy(&splitter);
    add_poet_and_validator(&splitter, poet, 3, v1);
    let fee = Fee::native(10_000, dev).influence(10_000);
    route(&splitter, &fee);
    // 9,500 after the fee: 6,650 developer, 1,900 escrowed, 950 validators.
    splitter.assert_emitted(&fee.routed(scaled(500), scaled(6_650), scaled(1_900)));
    splitter.assert_emitted(&fee.revenue(1, U256::ZERO, scaled(950)));
    assert_eq!(escrow(&splitter, 1, NATIVE), (scaled(1_900), U256::ZERO));
    assert_eq!(claimable(&splitter, poet, NATIVE, &[1], &[]), wei(0));
    assert_eq!(
        pool_info(&splitter, 1, CONTRIBUTORS, NATIVE).revenue,
        U256::ZERO
    );
    assert_conserved(&splitter, NATIVE, &[TREASURY, dev, poet, v1], &[1], &[1]);
}

#[motsu::test]
fn an_all_developer_split_credits_no_pool(splitter: Contract<RewardSplitter>, dev: Address) {
    deploy(&splitter);
    let fee = Fee::native(2_000, dev).split(10_000, 0, 0);
    route(&splitter, &fee);
    splitter.assert_emitted(&fee.revenue(1, U256::ZERO, U256::ZERO));
    assert_eq!(claimable(&splitter, dev, NATIVE, &[], &[]), wei(1_900));
    assert_eq!(claimable(&splitter, TREASURY, NATIVE, &[], &[]), wei(100));
    assert_eq!(
        pool_info(&splitter, 1, CONTRIBUTORS, NATIVE),
        PoolInfo::EMPTY
    );
    assert_eq!(pool_info(&splitter, 1, VALIDATORS, NATIVE), PoolInfo::EMPTY);
}

#[motsu::test]
fn a_one_wei_fee_is_split_in_exact_fractions(
    splitter: Contract<RewardSplitter>,
    dev: Address,
    poet: Address,
    v1: Address,
) {
    deploy(&splitter);
    add_poet_and_validator(&splitter, poet, 1, v1);
    route(&splitter, &Fee::native(1, dev).influence(2_500));
    // 1 wei = 10^18 units: 5% fee, then 70/20/10 with a quarter of the data
    // escrowed. Nobody gets a whole wei, nobody gets rounded to zero.
    let scale = |num: u128, den: u128| SCALE * u(num) / u(den);
    assert_eq!(
        claimable(&splitter, TREASURY, NATIVE, &[], &[]),
        (U256::ZERO, scale(5, 100))
    );
    assert_eq!(
        claimable(&splitter, dev, NATIVE, &[], &[]),
        (U256::ZERO, scale(95 * 70, 10_000))
    );
    assert_eq!(
        escrow(&splitter, 1, NATIVE).0,
        scale(95 * 20 * 25, 1_000_000)
    );
    assert_eq!(
        claimable(&splitter, poet, NATIVE, &[1], &[]),
        (U256::ZERO, scale(95 * 20 * 75, 1_000_000))
    );
    assert_eq!(
        claimable(&splitter, v1, NATIVE, &[], &[1]),
        (U256::ZERO, scale(95 * 10, 10_000))
    );
    assert_conserved(&splitter, NATIVE, &[TREASURY, dev, poet, v1], &[1], &[1]);
}

#[motsu::test]
fn sixteen_datanets_each_get_their_weight(splitter: Contract<RewardSplitter>, dev: Address) {
    deploy(&splitter);
    let datanets: Vec<u64> = (1..=16).collect();
    // Weights 1..=15 bps x 5 and the rest to the last datanet.
    let mut weights: Vec<u16> = (1..=15).map(|i| i * 5).collect();
    weights.push(10_000 - weights.iter().sum::<u16>());
    let fee = Fee::native(1_000_000, dev).datanets(&datanets, &weights);
    let e = fee.expected(FEE_BPS);
    route(&splitter, &fee);
    let mut sum = U256::ZERO;
    for (&datanet, &weight) in datanets.iter().zip(&weights) {
        let contributors = Expected::weighted(e.data, weight);
        let validators = Expected::weighted(e.validators, weight);
        splitter.assert_emitted(&fee.revenue(datanet, contributors, validators));
        // No shares anywhere: each pool holds its part as pending.
        assert_eq!(
            pool_info(&splitter, datanet, CONTRIBUTORS, NATIVE),
            PoolInfo::holding(contributors)
        );
        assert_eq!(
            pool_info(&splitter, datanet, VALIDATORS, NATIVE).pending,
            validators
        );
        sum += contributors + validators;
    }
    // The parts add up exactly to the pool shares of the fee.
    assert_eq!(sum, e.data + e.validators);
    assert_conserved(&splitter, NATIVE, &[TREASURY, dev], &datanets, &[1]);
}

#[motsu::test]
fn the_largest_amount_is_accepted_and_split_exactly(
    splitter: Contract<RewardSplitter>,
    dev: Address,
    poet: Address,
    v1: Address,
) {
    deploy(&splitter);
    add_poet_and_validator(&splitter, poet, 1, v1);
    let fee = Fee {
        amount: MAX_AMOUNT,
        ..Fee::native(0, dev)
    };
    let e = fee.expected(FEE_BPS);
    route(&splitter, &fee);
    assert_eq!(token_info(&splitter, NATIVE).deposited, MAX_AMOUNT);
    assert_eq!(splitter.balance(), MAX_AMOUNT);
    assert_eq!(claimable(&splitter, dev, NATIVE, &[], &[]).1, e.developer);
    assert_eq!(claimable(&splitter, poet, NATIVE, &[1], &[]).1, e.data);
    assert_eq!(claimable(&splitter, v1, NATIVE, &[], &[1]).1, e.validators);
    assert_conserved(&splitter, NATIVE, &[TREASURY, dev, poet, v1], &[1], &[1]);

    // One more wei would take the token's total past 128 bits. The error
    // names the fee's amount.
    let err = try_route(&splitter, &Fee::native(1, dev)).unwrap_err();
    assert_error(err, RewardSplitterAmountTooLarge { amount: u(1) });
    assert_eq!(token_info(&splitter, NATIVE).deposited, MAX_AMOUNT);
}

// ---------------------------------------------------- pools without shares

#[motsu::test]
fn pools_without_shares_hold_revenue_until_the_next_fee_finds_shares(
    splitter: Contract<RewardSplitter>,
    dev: Address,
    poet: Address,
    v1: Address,
) {
    deploy(&splitter);
    let fee = Fee::native(1_000, dev);
    route(&splitter, &fee);
    // 190 to contributors, 95 to validators: both pools empty, both held.
    splitter.assert_emitted(&fee.revenue(1, scaled(190), scaled(95)));
    assert_eq!(
        pool_info(&splitter, 1, CONTRIBUTORS, NATIVE),
        PoolInfo::holding(scaled(190))
    );
    assert_eq!(
        pool_info(&splitter, 1, VALIDATORS, NATIVE),
        PoolInfo::holding(scaled(95))
    );

    // A contributor joins; the next fee releases the held revenue with it.
    add_weight(&splitter, 1, poet, 10);
    assert_eq!(claimable(&splitter, poet, NATIVE, &[1], &[]), wei(0));
    route(&splitter, &fee);
    splitter.assert_emitted(&pending_distributed(1, CONTRIBUTORS, NATIVE, scaled(190)));
    assert_eq!(
        pool_info(&splitter, 1, CONTRIBUTORS, NATIVE),
        PoolInfo {
            total_shares: u(10),
            reward_per_share: scaled(38),
            revenue: scaled(380),
            pending: U256::ZERO,
        }
    );
    assert_eq!(claimable(&splitter, poet, NATIVE, &[1], &[]), wei(380));
    // The validator pool still has no shares and keeps both fees' parts.
    assert_eq!(
        pool_info(&splitter, 1, VALIDATORS, NATIVE).pending,
        scaled(190)
    );

    add_validator(&splitter, 1, v1, 1);
    route(&splitter, &fee);
    splitter.assert_emitted(&pending_distributed(1, VALIDATORS, NATIVE, scaled(190)));
    assert_eq!(claimable(&splitter, v1, NATIVE, &[], &[1]), wei(285));
    assert_eq!(
        pool_info(&splitter, 1, VALIDATORS, NATIVE).pending,
        U256::ZERO
    );
    assert_conserved(&splitter, NATIVE, &[TREASURY, dev, poet, v1], &[1], &[1]);
}

#[motsu::test]
fn a_disabled_validator_pool_passes_its_part_to_the_contributors(
    splitter: Contract<RewardSplitter>,
    dev: Address,
    poet: Address,
) {
    deploy(&splitter);
    disable_validator_pool(&splitter, 1);
    splitter.assert_emitted(&ValidatorPoolDisabled {
        datanetId: U256::from(1),
    });
    add_weight(&splitter, 1, poet, 7);
    let fee = Fee::native(1_000, dev).datanets(&[1, 2], &[5_000, 5_000]);
    route(&splitter, &fee);
    // Datanet 1: 95 (data) + 47.5 (validators) to its contributors.
    let half = scaled(95) / u(2);
    splitter.assert_emitted(&fee.revenue(1, scaled(95) + half, U256::ZERO));
    // Datanet 2 (not disabled, no validators yet) holds its validator part.
    splitter.assert_emitted(&fee.revenue(2, scaled(95), half));
    assert_eq!(pool_info(&splitter, 1, VALIDATORS, NATIVE), PoolInfo::EMPTY);
    assert_eq!(
        pool_info(&splitter, 2, VALIDATORS, NATIVE).pending,
        scaled(95) / u(2)
    );
    // 142.5 wei over 7 weight: the division's remainder is dust.
    let credit = scaled(95) + scaled(95) / u(2);
    let per_share = credit / u(7);
    assert_eq!(
        pool_info(&splitter, 1, CONTRIBUTORS, NATIVE).reward_per_share,
        per_share
    );
    assert_eq!(
        claimable(&splitter, poet, NATIVE, &[1], &[]),
        (per_share * u(7) / SCALE, per_share * u(7))
    );
    assert_eq!(token_info(&splitter, NATIVE).dust, credit % u(7));
    assert_conserved(&splitter, NATIVE, &[TREASURY, dev, poet], &[1, 2], &[1]);
}

#[motsu::test]
fn pool_division_remainders_are_counted_as_dust(
    splitter: Contract<RewardSplitter>,
    dev: Address,
    poet1: Address,
    poet2: Address,
    v1: Address,
    v2: Address,
) {
    deploy(&splitter);
    add_weight(&splitter, 1, poet1, 1);
    add_weight(&splitter, 1, poet2, 2);
    add_validator(&splitter, 1, v1, 3);
    add_validator(&splitter, 1, v2, 4);
    route(&splitter, &Fee::native(1_000, dev));
    // 190 wei over 3 shares and 95 wei over 7 do not divide.
    let (c_per, c_rem) = (scaled(190) / u(3), scaled(190) % u(3));
    let (v_per, v_rem) = (scaled(95) / u(7), scaled(95) % u(7));
    assert_eq!((c_rem, v_rem), (u(1), u(4)));
    assert_eq!(token_info(&splitter, NATIVE).dust, c_rem + v_rem);
    assert_eq!(
        pool_info(&splitter, 1, CONTRIBUTORS, NATIVE).reward_per_share,
        c_per
    );
    assert_eq!(
        pool_info(&splitter, 1, VALIDATORS, NATIVE).reward_per_share,
        v_per
    );
    assert_eq!(
        claimable(&splitter, poet1, NATIVE, &[1], &[]),
        (c_per / SCALE, c_per)
    );
    assert_eq!(
        claimable(&splitter, poet2, NATIVE, &[1], &[]),
        (c_per * u(2) / SCALE, c_per * u(2))
    );
    assert_eq!(claimable(&splitter, v1, NATIVE, &[], &[1]).1, v_per * u(3));
    assert_eq!(claimable(&splitter, v2, NATIVE, &[], &[1]).1, v_per * u(4));
    assert_conserved(
        &splitter,
        NATIVE,
        &[TREASURY, dev, poet1, poet2, v1, v2],
        &[1],
        &[1],
    );
}

#[motsu::test]
fn repeated_fees_accumulate_in_views(
    splitter: Contract<RewardSplitter>,
    dev: Address,
    poet: Address,
) {
    deploy(&splitter);
    add_weight(&splitter, 1, poet, 5);
    for _ in 0..3 {
        route(&splitter, &Fee::native(1_000, dev).model(2));
    }
    assert_eq!(token_info(&splitter, NATIVE).deposited, u(3_000));
    assert_eq!(
        pool_info(&splitter, 1, CONTRIBUTORS, NATIVE).revenue,
        scaled(570)
    );
    assert_eq!(claimable(&splitter, dev, NATIVE, &[], &[]), wei(1_995));
    assert_eq!(claimable(&splitter, poet, NATIVE, &[1], &[]), wei(570));
    assert_eq!(splitter.balance(), u(3_000));
}

// ------------------------------------------------------- validation errors

#[motsu::test]
fn route_rejects_a_zero_developer(splitter: Contract<RewardSplitter>) {
    deploy(&splitter);
    assert_route_fails(
        &splitter,
        &Fee::native(1_000, Address::ZERO),
        RewardSplitterZeroAddress {},
    );
}

#[motsu::test]
fn route_rejects_a_split_not_summing_to_10000(splitter: Contract<RewardSplitter>, dev: Address) {
    deploy(&splitter);
    for (d, data, v) in [
        (7_000u16, 2_000u16, 999u16),
        (7_000, 2_000, 1_001),
        (0, 0, 0),
        (10_000, 1, 0),
        (u16::MAX, u16::MAX, u16::MAX),
    ] {
        assert_route_fails(
            &splitter,
            &Fee::native(1_000, dev).split(d, data, v),
            RewardSplitterInvalidSplit {
                developerBps: d,
                dataBps: data,
                validatorBps: v,
            },
        );
    }
}

#[motsu::test]
fn route_rejects_an_influence_share_above_10000(splitter: Contract<RewardSplitter>, dev: Address) {
    deploy(&splitter);
    for bps in [10_001u16, u16::MAX] {
        assert_route_fails(
            &splitter,
            &Fee::native(1_000, dev).influence(bps),
            RewardSplitterInvalidShare { bps },
        );
    }
}

#[motsu::test]
fn route_rejects_no_datanets_too_many_or_mismatched_lists(
    splitter: Contract<RewardSplitter>,
    dev: Address,
) {
    deploy(&splitter);
    assert_route_fails(
        &splitter,
        &Fee::native(1_000, dev).datanets(&[], &[]),
        RewardSplitterInvalidAttribution {
            datanets: U256::ZERO,
            weights: U256::ZERO,
        },
    );
    let seventeen: Vec<u64> = (1..=17).collect();
    let mut weights = vec![588u16; 17];
    weights[16] = 10_000 - 588 * 16;
    assert_route_fails(
        &splitter,
        &Fee::native(1_000, dev).datanets(&seventeen, &weights),
        RewardSplitterInvalidAttribution {
            datanets: u(17),
            weights: u(17),
        },
    );
    assert_route_fails(
        &splitter,
        &Fee::native(1_000, dev).datanets(&[1, 2], &[10_000]),
        RewardSplitterInvalidAttribution {
            datanets: u(2),
            weights: u(1),
        },
    );
    assert_route_fails(
        &splitter,
        &Fee::native(1_000, dev).datanets(&[1], &[5_000, 5_000]),
        RewardSplitterInvalidAttribution {
            datanets: u(1),
            weights: u(2),
        },
    );
    assert_route_fails(
        &splitter,
        &Fee::native(1_000, dev).datanets(&[], &[10_000]),
        RewardSplitterInvalidAttribution {
            datanets: U256::ZERO,
            weights: u(1),
        },
    );
}

#[motsu::test]
fn route_rejects_datanet_zero_and_duplicates(splitter: Contract<RewardSplitter>, dev: Address) {
    deploy(&splitter);
    assert_route_fails(
        &splitter,
        &Fee::native(1_000, dev).datanets(&[0], &[10_000]),
        invalid_datanet(0),
    );
    assert_route_fails(
        &splitter,
        &Fee::native(1_000, dev).datanets(&[1, 0], &[5_000, 5_000]),
        invalid_datanet(0),
    );
    assert_route_fails(
        &splitter,
        &Fee::native(1_000, dev).datanets(&[1, 2, 1], &[4_000, 3_000, 3_000]),
        invalid_datanet(1),
    );
}

#[motsu::test]
fn route_rejects_zero_weights_and_weights_not_summing_to_10000(
    splitter: Contract<RewardSplitter>,
    dev: Address,
) {
    deploy(&splitter);
    // A zero weight names its datanet and the sum so far.
    assert_route_fails(
        &splitter,
        &Fee::native(1_000, dev).datanets(&[1, 2], &[10_000, 0]),
        RewardSplitterInvalidWeights {
            datanetId: U256::from(2),
            sum: u(10_000),
        },
    );
    assert_route_fails(
        &splitter,
        &Fee::native(1_000, dev).datanets(&[1, 2], &[0, 10_000]),
        RewardSplitterInvalidWeights {
            datanetId: U256::from(1),
            sum: U256::ZERO,
        },
    );
    // A wrong total names datanet 0 and the total.
    for weights in [[5_000u16, 4_999u16], [6_000, 6_000], [u16::MAX, u16::MAX]] {
        assert_route_fails(
            &splitter,
            &Fee::native(1_000, dev).datanets(&[1, 2], &weights),
            RewardSplitterInvalidWeights {
                datanetId: U256::ZERO,
                sum: u(u128::from(weights[0]) + u128::from(weights[1])),
            },
        );
    }
    assert_route_fails(
        &splitter,
        &Fee::native(1_000, dev).datanets(&[3], &[9_999]),
        RewardSplitterInvalidWeights {
            datanetId: U256::ZERO,
            sum: u(9_999),
        },
    );
}

#[motsu::test]
fn route_rejects_a_zero_amount(splitter: Contract<RewardSplitter>, dev: Address) {
    deploy(&splitter);
    assert_route_fails(&splitter, &Fee::native(0, dev), RewardSplitterZeroAmount {});
}

#[motsu::test]
fn route_rejects_an_amount_above_2_pow_128_minus_1(
    splitter: Contract<RewardSplitter>,
    dev: Address,
) {
    deploy(&splitter);
    for amount in [MAX_AMOUNT + u(1), U256::MAX] {
        let fee = Fee {
            amount,
            ..Fee::native(0, dev)
        };
        let err = try_route_with_value(&splitter, &fee, U256::ZERO).unwrap_err();
        assert_error(err, RewardSplitterAmountTooLarge { amount });
        assert_untouched(&splitter, U256::ZERO);
    }
}

#[motsu::test]
fn route_rejects_an_unknown_token(
    splitter: Contract<RewardSplitter>,
    dev: Address,
    other: Address,
) {
    deploy(&splitter);
    let fee = Fee::native(1_000, dev).in_token(other);
    let err = try_route(&splitter, &fee).unwrap_err();
    assert_error(err, RewardSplitterUnknownToken { token: other });
    assert_untouched(&splitter, U256::ZERO);
    assert!(!token_info(&splitter, other).listed);
}

#[motsu::test]
fn route_rejects_a_disallowed_token(splitter: Contract<RewardSplitter>, dev: Address) {
    deploy(&splitter);
    set_token_allowed(&splitter, NATIVE, false);
    let err = try_route(&splitter, &Fee::native(1_000, dev)).unwrap_err();
    assert_error(err, RewardSplitterTokenNotAllowed { token: NATIVE });
    assert_nothing_deposited(&splitter);
    assert_eq!(native_balance(MARKET), u(1_000));
}

#[motsu::test]
fn route_rejects_native_value_other_than_the_amount(
    splitter: Contract<RewardSplitter>,
    dev: Address,
) {
    deploy(&splitter);
    let fee = Fee::native(1_000, dev);
    let mut funded = U256::ZERO;
    for value in [0u128, 999, 1_001] {
        let err = try_route_with_value(&splitter, &fee, u(value)).unwrap_err();
        funded += u(value);
        assert_error(
            err,
            RewardSplitterWrongValue {
                expected: u(1_000),
                received: u(value),
            },
        );
        assert_untouched(&splitter, funded);
    }
}

#[motsu::test]
fn route_while_paused_fails_with_enforced_pause(splitter: Contract<RewardSplitter>, dev: Address) {
    deploy(&splitter);
    splitter.sender(PAUSER).pause().motsu_unwrap();
    assert_route_fails(
        &splitter,
        &Fee::native(1_000, dev),
        reward_splitter::EnforcedPause {},
    );
}

// ------------------------------------------------------------------ ERC-20

#[motsu::test]
fn erc20_fee_is_split_exactly(
    splitter: Contract<RewardSplitter>,
    token: Contract<MockErc20>,
    dev: Address,
    poet: Address,
    v1: Address,
) {
    let t = deploy_with_token(&splitter, &token);
    add_poet_and_validator(&splitter, poet, 80, v1);
    let fee = Fee::native(1_000_000, dev)
        .in_token(t)
        .datanets(&[1], &[10_000]);
    let e = fee.expected(FEE_BPS);
    route_erc20(&splitter, &token, &fee);
    splitter.assert_emitted(&fee.routed(e.protocol, e.developer, U256::ZERO));
    splitter.assert_emitted(&fee.revenue(1, e.data, e.validators));
    assert_million_fee_claimable(&splitter, t, &e, dev, poet, v1);
    assert_eq!(token_info(&splitter, t).deposited, u(1_000_000));
    assert_eq!(token_balance(&token, splitter.address()), u(1_000_000));
    // Native accounting is separate.
    assert_eq!(token_info(&splitter, NATIVE).deposited, U256::ZERO);
    assert_eq!(claimable(&splitter, dev, NATIVE, &[], &[]), wei(0));
    assert_conserved(&splitter, t, &[TREASURY, dev, poet, v1], &[1], &[1]);
}

/// Griefing by donation: tokens sent to the splitter outside a fee do not
/// block routing (an exact-delta check would) and are paid to nobody.
#[motsu::test]
fn a_token_donation_blocks_no_fee_and_is_paid_to_nobody(
    splitter: Contract<RewardSplitter>,
    token: Contract<MockErc20>,
    dev: Address,
    poet: Address,
    v1: Address,
    stranger: Address,
) {
    let t = deploy_with_token(&splitter, &token);
    add_poet_and_validator(&splitter, poet, 80, v1);
    mint_to(&token, stranger, 7);
    token
        .sender(stranger)
        .transfer(splitter.address(), u(7))
        .motsu_unwrap();
    let fee = Fee::native(1_000_000, dev)
        .in_token(t)
        .datanets(&[1], &[10_000]);
    let e = fee.expected(FEE_BPS);
    route_erc20(&splitter, &token, &fee);
    assert_million_fee_claimable(&splitter, t, &e, dev, poet, v1);
    assert_eq!(token_info(&splitter, t).deposited, u(1_000_000));
    assert_eq!(token_balance(&token, splitter.address()), u(1_000_007));
    assert_conserved(&splitter, t, &[TREASURY, dev, poet, v1], &[1], &[1]);
    // The donor has nothing to claim.
    assert_eq!(claimable(&splitter, stranger, t, &[1], &[1]), wei(0));
}

#[motsu::test]
fn erc20_fee_with_native_value_is_wrong_value(
    splitter: Contract<RewardSplitter>,
    token: Contract<MockErc20>,
    dev: Address,
) {
    let t = deploy_with_token(&splitter, &token);
    let fee = Fee::native(1_000, dev).in_token(t);
    mint_to(&token, splitter.address(), 1_000);
    let err = try_route_with_value(&splitter, &fee, u(1)).unwrap_err();
    assert_error(
        err,
        RewardSplitterWrongValue {
            expected: U256::ZERO,
            received: u(1),
        },
    );
    assert_eq!(token_info(&splitter, t).deposited, U256::ZERO);
    assert_eq!(splitter.balance(), U256::ZERO);
}

#[motsu::test]
fn erc20_fee_not_sent_in_full_is_a_shortfall(
    splitter: Contract<RewardSplitter>,
    token: Contract<MockErc20>,
    dev: Address,
) {
    let t = deploy_with_token(&splitter, &token);
    let fee = Fee::native(1_000, dev).in_token(t);
    // Nothing sent.
    let err = try_route(&splitter, &fee).unwrap_err();
    assert_error(err, transfer_shortfall(t, 1_000, 0));
    // One short.
    mint_to(&token, splitter.address(), 999);
    let err = try_route(&splitter, &fee).unwrap_err();
    assert_error(err, transfer_shortfall(t, 1_000, 999));
    assert_eq!(token_info(&splitter, t).deposited, U256::ZERO);
    // Complete it: now it routes, and the next fee must be sent on top of
    // what the splitter already owes.
    mint_to(&token, splitter.address(), 1);
    route(&splitter, &fee);
    assert_eq!(token_info(&splitter, t).deposited, u(1_000));
    mint_to(&token, splitter.address(), 500);
    let err = try_route(&splitter, &fee).unwrap_err();
    assert_error(err, transfer_shortfall(t, 2_000, 1_500));
    assert_eq!(token_info(&splitter, t).deposited, u(1_000));
}

#[motsu::test]
fn fee_on_transfer_token_is_rejected(
    splitter: Contract<RewardSplitter>,
    token: Contract<MockErc20>,
    dev: Address,
) {
    let t = deploy_with_token(&splitter, &token);
    // The token keeps 1% of every transferFrom.
    token.sender(MARKET).set_fee_bps(u(100));
    mint_to(&token, MARKET, 10_000);
    token
        .sender(MARKET)
        .approve(MARKET, u(10_000))
        .motsu_unwrap();
    token
        .sender(MARKET)
        .transfer_from(MARKET, splitter.address(), u(10_000))
        .motsu_unwrap();
    assert_eq!(token_balance(&token, splitter.address()), u(9_900));
    let err = try_route(&splitter, &Fee::native(10_000, dev).in_token(t)).unwrap_err();
    assert_error(err, transfer_shortfall(t, 10_000, 9_900));
    assert_eq!(token_info(&splitter, t).deposited, U256::ZERO);
    assert_eq!(claimable(&splitter, dev, t, &[], &[]), wei(0));
    // What did arrive can be routed as what it is.
    route(&splitter, &Fee::native(9_900, dev).in_token(t));
    assert_eq!(token_info(&splitter, t).deposited, u(9_900));
}

#[motsu::test]
fn a_disallowed_erc20_is_refused_for_fees(
    splitter: Contract<RewardSplitter>,
    token: Contract<MockErc20>,
    dev: Address,
) {
    let t = deploy_with_token(&splitter, &token);
    set_token_allowed(&splitter, t, false);
    mint_to(&token, splitter.address(), 1_000);
    let err = try_route(&splitter, &Fee::native(1_000, dev).in_token(t)).unwrap_err();
    assert_error(err, RewardSplitterTokenNotAllowed { token: t });
    assert_eq!(token_info(&splitter, t).deposited, U256::ZERO);
}
