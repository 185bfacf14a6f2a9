//! The acceptance story across contracts: `datanet_registry` wired to the
//! real `reward_splitter`. Contributions are approved by staked validators,
//! votes are settled into validator shares, the market routes fees, and the
//! developer, the contributors (pro rata to approved quality weight), the
//! validators and the treasury claim exactly what the split says, to the
//! wei. Expected amounts are computed here from the basis points and the
//! weights, independently of the contracts.
mod common;
mod splitter_support;
mod stake_review_support;

use alloy_primitives::{Address, U256};
use common::{
    contribution_view, deploy_native, owner_datanet, try_owner_datanet, validator_datanet, BOND,
    COOLDOWN, MIN_STAKE, SLASH_BPS,
};
use datanet_registry::{
    DatanetRegistry, RegistryPeerCallFailed, CONTRIBUTION_APPROVED, CONTRIBUTION_REJECTED,
};
use integration_tests::Wallet;
use motsu::prelude::*;
use reward_splitter::{RewardSplitter, ValidatorPoolDisabled, MARKET_ROLE, REGISTRY_ROLE};
use splitter_support::{
    assert_conserved, assert_error, claim, claimable, nothing_to_claim, pending_distributed,
    pool_funded, pool_info, role, route, scaled, shares_changed, shares_of, token_info, try_claim,
    u, wei, Expected, Fee, ADMIN, CONTRIBUTORS, FEE_BPS, MARKET, NATIVE, SCALE, TREASURY,
    VALIDATORS, VIEWER,
};
use stake_review_support::{contribute, stake, vote};

/// Deploys the splitter and the registry (native stakes) and wires them:
/// the registry gets `REGISTRY_ROLE`, [`MARKET`] gets `MARKET_ROLE`.
fn deploy_wired(splitter: &Contract<RewardSplitter>, registry: &Contract<DatanetRegistry>) {
    deploy_native(registry, splitter, ADMIN, COOLDOWN);
    splitter
        .sender(ADMIN)
        .grant_role(role(MARKET_ROLE), MARKET)
        .motsu_unwrap();
}

fn settle(registry: &Contract<DatanetRegistry>, c: U256, validator: Address, by: Address) {
    registry.sender(by).settle_vote(c, validator).motsu_unwrap();
}

/// `(status, weight)` of a contribution.
fn status(registry: &Contract<DatanetRegistry>, c: U256) -> (u8, U256) {
    let view = contribution_view(registry, c);
    (view.status, view.weight)
}

/// Independent model of one pool: `rewardPerShare` grows by
/// `floor(credit / totalShares)`; the remainder is dust.
#[derive(Default)]
struct PoolModel {
    per_share: U256,
    dust: U256,
}

impl PoolModel {
    fn credit(&mut self, amount: U256, total_shares: u64) {
        let total = U256::from(total_shares);
        self.per_share += amount / total;
        self.dust += amount % total;
    }
}

#[motsu::test]
fn poets_validators_developer_and_treasury_claim_exactly_their_split(
    splitter: Contract<RewardSplitter>,
    registry: Contract<DatanetRegistry>,
    owner: Address,
    poet1: Address,
    poet2: Address,
    v1: Address,
    v2: Address,
    dev: Address,
    keeper: Address,
    poet1_wallet: Contract<Wallet>,
    poet2_wallet: Contract<Wallet>,
    v1_wallet: Contract<Wallet>,
    v2_wallet: Contract<Wallet>,
    dev_wallet: Contract<Wallet>,
    treasury_wallet: Contract<Wallet>,
) {
    deploy_wired(&splitter, &registry);
    let dn = validator_datanet(&registry, owner, 2);
    let d = dn.to::<u64>();
    for v in [v1, v2] {
        stake(&registry, v, dn, MIN_STAKE);
    }

    // Two poems, each approved by both validators with quality scores.
    let c1 = contribute(&registry, poet1, dn, 1);
    let c2 = contribute(&registry, poet2, dn, 2);
    vote(&registry, v1, c1, true, 80);
    vote(&registry, v2, c1, true, 90);
    vote(&registry, v1, c2, true, 60);
    vote(&registry, v2, c2, true, 41);
    // Weight = mean approving quality, rounded down.
    let (w1, w2) = ((80 + 90) / 2, (60 + 41) / 2);
    assert_eq!((w1, w2), (85u64, 50u64));
    assert_eq!(
        status(&registry, c1),
        (CONTRIBUTION_APPROVED, U256::from(w1))
    );
    assert_eq!(
        status(&registry, c2),
        (CONTRIBUTION_APPROVED, U256::from(w2))
    );
    assert_eq!(shares_of(&splitter, d, CONTRIBUTORS, poet1), U256::from(w1));
    assert_eq!(shares_of(&splitter, d, CONTRIBUTORS, poet2), U256::from(w2));
    splitter.assert_emitted(&shares_changed(dn, CONTRIBUTORS, poet2, w2, w1 + w2));
    // No validator shares until the votes are settled (anyone may settle).
    assert_eq!(
        pool_info(&splitter, d, VALIDATORS, NATIVE).total_shares,
        U256::ZERO
    );
    for c in [c1, c2] {
        for v in [v1, v2] {
            settle(&registry, c, v, keeper);
        }
    }
    assert_eq!(shares_of(&splitter, d, VALIDATORS, v1), u(2));
    assert_eq!(shares_of(&splitter, d, VALIDATORS, v2), u(2));
    splitter.assert_emitted(&shares_changed(dn, VALIDATORS, v2, 2, 4));

    // Users pay two inference fees through the market.
    let (dev_bps, data_bps, val_bps) = (6_000u16, 3_000u16, 1_000u16);
    let amounts = [1_000_000u128, 333_333];
    let mut contributors = PoolModel::default();
    let mut validators = PoolModel::default();
    let (mut dev_due, mut treasury_due) = (U256::ZERO, U256::ZERO);
    let bps = U256::from(10_000);
    for amount in amounts {
        let fee = Fee::native(amount, dev)
            .split(dev_bps, data_bps, val_bps)
            .datanets(&[d], &[10_000]);
        route(&splitter, &fee);
        // Computed here from the basis points alone.
        let total = U256::from(amount) * SCALE;
        let protocol = total * U256::from(FEE_BPS) / bps;
        let rest = total - protocol;
        let to_dev = rest * U256::from(dev_bps) / bps;
        let to_data = rest * U256::from(data_bps) / bps;
        let to_validators = rest * U256::from(val_bps) / bps;
        assert_eq!(protocol + to_dev + to_data + to_validators, total);
        assert_eq!(
            fee.expected(FEE_BPS),
            Expected {
                protocol,
                developer: to_dev,
                escrow: U256::ZERO,
                data: to_data,
                validators: to_validators,
            }
        );
        splitter.assert_emitted(&fee.revenue(d, to_data, to_validators));
        treasury_due += protocol;
        dev_due += to_dev;
        contributors.credit(to_data, w1 + w2);
        validators.credit(to_validators, 4);
    }
    let poet1_due = contributors.per_share * U256::from(w1);
    let poet2_due = contributors.per_share * U256::from(w2);
    let v_due = validators.per_share * u(2);
    assert_eq!(
        pool_info(&splitter, d, CONTRIBUTORS, NATIVE).reward_per_share,
        contributors.per_share
    );
    assert_eq!(
        token_info(&splitter, NATIVE).dust,
        contributors.dust + validators.dust
    );
    // 1,333,333 wei routed: 5% fee, then 60/30/10. The contributors' share
    // splits 85:50; the odd amounts leave sub-wei rests.
    assert_eq!(dev_due / SCALE, u(759_999));
    assert_eq!(treasury_due / SCALE, u(66_666));
    assert_eq!(poet1_due / SCALE, u(239_259));
    assert_eq!(poet2_due / SCALE, u(140_740));
    assert_eq!(v_due / SCALE, u(63_333));

    let expectations = [
        (dev, &[][..], &[][..], dev_due, &dev_wallet),
        (TREASURY, &[], &[], treasury_due, &treasury_wallet),
        (poet1, &[d], &[], poet1_due, &poet1_wallet),
        (poet2, &[d], &[], poet2_due, &poet2_wallet),
        (v1, &[], &[d], v_due, &v1_wallet),
        (v2, &[], &[d], v_due, &v2_wallet),
    ];
    let mut paid_total = U256::ZERO;
    for (account, cs, vs, due, wallet) in expectations {
        assert_eq!(
            claimable(&splitter, account, NATIVE, cs, vs),
            (due / SCALE, due)
        );
        let paid = claim(&splitter, account, NATIVE, cs, vs, wallet.address());
        assert_eq!(paid, due / SCALE);
        assert_eq!(wallet.balance(), due / SCALE);
        // The sub-wei rest stays with the account.
        assert_eq!(
            claimable(&splitter, account, NATIVE, cs, vs),
            (U256::ZERO, due % SCALE)
        );
        paid_total += paid;
    }
    let deposited = u(1_333_333);
    assert_eq!(token_info(&splitter, NATIVE).deposited, deposited);
    assert_eq!(token_info(&splitter, NATIVE).claimed, paid_total);
    assert_eq!(splitter.balance(), deposited - paid_total);
    // Less than one wei per claimant and the dust remain in the splitter.
    assert!(deposited - paid_total <= u(6));
    assert_conserved(
        &splitter,
        NATIVE,
        &[dev, TREASURY, poet1, poet2, v1, v2],
        &[d],
        &[1],
    );
    // The validators' stakes never left the registry; the bonds wait there
    // as refunds.
    assert_eq!(registry.balance(), MIN_STAKE * u(2) + BOND * u(2));
    assert_eq!(registry.sender(VIEWER).refund_of(poet1), BOND);
}

#[motsu::test]
fn rejected_bonds_and_slashes_pay_the_winning_validators(
    splitter: Contract<RewardSplitter>,
    registry: Contract<DatanetRegistry>,
    owner: Address,
    poet: Address,
    spammer: Address,
    v1: Address,
    v2: Address,
    v3: Address,
    dev: Address,
    keeper: Address,
    v1_wallet: Contract<Wallet>,
    v3_wallet: Contract<Wallet>,
) {
    deploy_wired(&splitter, &registry);
    let dn = validator_datanet(&registry, owner, 2);
    let d = dn.to::<u64>();
    for v in [v1, v2, v3] {
        stake(&registry, v, dn, MIN_STAKE);
    }
    let good = contribute(&registry, poet, dn, 1);
    let junk = contribute(&registry, spammer, dn, 2);

    vote(&registry, v1, good, true, 70);
    vote(&registry, v3, good, false, 10);
    vote(&registry, v2, good, true, 90);
    vote(&registry, v1, junk, false, 5);
    vote(&registry, v2, junk, false, 5);
    assert_eq!(status(&registry, good), (CONTRIBUTION_APPROVED, u(80)));
    assert_eq!(status(&registry, junk).0, CONTRIBUTION_REJECTED);
    // The junk's bond went to the validator pool, which has no shares yet.
    splitter.assert_emitted(&pool_funded(dn, NATIVE, BOND));
    assert_eq!(
        pool_info(&splitter, d, VALIDATORS, NATIVE).pending,
        BOND * SCALE
    );
    assert_eq!(splitter.balance(), BOND);

    // Winners settle first; then v3's losing vote is slashed 20% of 1,000.
    settle(&registry, good, v1, keeper);
    settle(&registry, good, v2, keeper);
    settle(&registry, good, v3, keeper);
    let slash = MIN_STAKE * U256::from(SLASH_BPS) / u(10_000);
    assert_eq!(slash, u(200));
    splitter.assert_emitted(&pool_funded(dn, NATIVE, slash));
    // The slash's credit released the held bond to the two shareholders.
    splitter.assert_emitted(&pending_distributed(d, VALIDATORS, NATIVE, BOND * SCALE));
    assert_eq!(
        registry.sender(VIEWER).validator(dn, v3).0,
        MIN_STAKE - slash
    );
    settle(&registry, junk, v1, keeper);
    settle(&registry, junk, v2, keeper);
    assert_eq!(shares_of(&splitter, d, VALIDATORS, v1), u(2));
    assert_eq!(shares_of(&splitter, d, VALIDATORS, v2), u(2));
    assert_eq!(shares_of(&splitter, d, VALIDATORS, v3), U256::ZERO);

    route(
        &splitter,
        &Fee::native(1_000_000, dev).datanets(&[d], &[10_000]),
    );
    // (50 + 200) / 2 shares, then 95,000 over 4 shares.
    let v1_due = (BOND + slash) * SCALE / u(2) + scaled(95_000) / u(4) * u(2);
    assert_eq!(v1_due, scaled(125 + 47_500));
    assert_eq!(
        claim(&splitter, v1, NATIVE, &[], &[d], v1_wallet.address()),
        u(47_625)
    );
    assert_eq!(v1_wallet.balance(), u(47_625));
    // The poet holds all 80 contributor weight: 190,000.
    assert_eq!(claimable(&splitter, poet, NATIVE, &[d], &[]), wei(190_000));
    // The slashed validator earned nothing.
    let err = try_claim(&splitter, v3, NATIVE, &[], &[d], v3_wallet.address()).unwrap_err();
    assert_error(err, nothing_to_claim(v3, NATIVE));
    assert_eq!(splitter.balance(), BOND + slash + u(1_000_000) - u(47_625));
    assert_conserved(
        &splitter,
        NATIVE,
        &[dev, TREASURY, poet, v1, v2, v3],
        &[d],
        &[1],
    );
}

#[motsu::test]
fn an_owner_reviewed_datanet_gives_its_validator_share_to_contributors(
    splitter: Contract<RewardSplitter>,
    registry: Contract<DatanetRegistry>,
    owner: Address,
    poet: Address,
    dev: Address,
    poet_wallet: Contract<Wallet>,
) {
    deploy_wired(&splitter, &registry);
    let dn = owner_datanet(&registry, owner, BOND);
    let d = dn.to::<u64>();
    splitter.assert_emitted(&ValidatorPoolDisabled { datanetId: dn });
    let c = contribute(&registry, poet, dn, 1);
    vote(&registry, owner, c, true, 64);
    assert_eq!(shares_of(&splitter, d, CONTRIBUTORS, poet), u(64));

    let fee = Fee::native(1_000_000, dev).datanets(&[d], &[10_000]);
    route(&splitter, &fee);
    // 190,000 data + 95,000 validator share, all to the contributors.
    splitter.assert_emitted(&fee.revenue(d, scaled(285_000), U256::ZERO));
    assert_eq!(
        claim(&splitter, poet, NATIVE, &[d], &[], poet_wallet.address()),
        u(285_000)
    );
    assert_eq!(poet_wallet.balance(), u(285_000));
    assert_eq!(
        pool_info(&splitter, d, VALIDATORS, NATIVE).revenue,
        U256::ZERO
    );
}

#[motsu::test]
fn without_the_registry_role_the_registry_cannot_credit_the_splitter(
    splitter: Contract<RewardSplitter>,
    registry: Contract<DatanetRegistry>,
    owner: Address,
    poet: Address,
    v1: Address,
) {
    deploy_wired(&splitter, &registry);
    let dn = validator_datanet(&registry, owner, 1);
    stake(&registry, v1, dn, MIN_STAKE);
    let c = contribute(&registry, poet, dn, 1);
    splitter
        .sender(ADMIN)
        .revoke_role(role(REGISTRY_ROLE), registry.address())
        .motsu_unwrap();

    let err = registry.sender(v1).vote(c, true, 50).motsu_unwrap_err();
    assert_error(
        err,
        RegistryPeerCallFailed {
            peer: splitter.address(),
        },
    );
    assert_eq!(status(&registry, c).0, 0);
    assert_eq!(
        shares_of(&splitter, dn.to(), CONTRIBUTORS, poet),
        U256::ZERO
    );
    // Owner-reviewed datanets cannot be created either.
    let err = try_owner_datanet(&registry, owner, BOND).unwrap_err();
    assert_error(
        err,
        RegistryPeerCallFailed {
            peer: splitter.address(),
        },
    );
}
