//! Hostile ERC-20 tokens (issue #5), with the real programs wired together
//! and the registry staking in the token, at every place tokens enter or
//! leave a program:
//!
//! - in: the market's `pay` (pull from the payer into the splitter), the
//!   registry's `stake` and bonded `contribute`;
//! - out: the splitter's `claim`, the registry's `withdrawStake`,
//!   `claimRefund`, and its pool funding on a slash (`settleVote`).
//!
//! Tokens: a [`MockErc20`] whose hook re-enters a program from inside
//! `transfer`/`transferFrom` (as the account being paid or charged, like an
//! ERC-777 hook); one returning `false`; one taking a fee on
//! `transferFrom`; a [`NoReturnErc20`] returning no data (accepted, as
//! SafeERC20 does) and, silently failing, moving nothing.
//!
//! motsu runs re-entrant calls for real (it bypasses the entrypoint that
//! holds the SDK's reentrancy guard), so these check each program's own
//! checks-effects-interactions order and balance-delta checks.
mod attribution_support;
mod common;
mod hostile_support;
mod market_support;
mod splitter_support;
mod stake_review_support;

use alloy_primitives::{Address, B256, U256};
use attribution::Attribution;
use common::{content, decode_all, owner_datanet, validator_datanet, BOND, MIN_STAKE};
use datanet_registry::{
    DatanetRegistry, RegistryNoOpenVote, RegistryNothingToClaim, RegistryTransferMismatch,
    RegistryUnstakeNotRequested, StakeWithdrawn,
};
use hostile_support::{
    arm_token_hook, assert_hook_refused, claim_call, returned_u256, Actor, Calls, OPERATOR,
};
use integration_tests::{
    MockErc20, NoReturnErc20, ReentrantReceiver, HOOK_TRANSFER, HOOK_TRANSFER_FROM,
};
use market_support::{list, DATANET_OWNER, DEV, PAYER};
use model_market::{
    InferencePaid, ModelMarket, ModelMarketTransferMismatch, SafeErc20FailedOperation,
};
use motsu::prelude::*;
use reward_splitter::{RewardSplitter, RewardSplitterNothingToClaim, ValidatorPoolFunded};
use splitter_support::{
    assert_conserved, assert_error, claim, claimable, token_info, try_claim, ADMIN, TREASURY,
};
use stake_review_support::{refund_of, validator, vote, ValidatorView};

/// The price of one inference, in token units.
const PRICE: u128 = 1_000_000;
/// Of [`PRICE`]: 5% to the treasury, 60% of the rest to the developer, the
/// other 40% to the one contributor pool (owner-reviewed datanet), whose
/// two contributions weigh 60 and 40.
const TREASURY_CUT: u128 = 50_000;
const DEV_CUT: u128 = 570_000;
const HOSTILE_CUT: u128 = 380_000 * 60 / 100;
const POET_CUT: u128 = 380_000 * 40 / 100;
/// A plain contributor.
const POET: Address = Address::repeat_byte(0x91);
/// A plain validator.
const VALIDATOR: Address = Address::repeat_byte(0x92);

fn u(n: u128) -> U256 {
    U256::from(n)
}

/// The token calls the tests make, on either token double.
trait Token {
    fn addr(&self) -> Address;
    fn mint_to(&self, to: Address, amount: U256);
    fn approve_from(&self, owner: Address, spender: Address, amount: U256);
    fn tokens_of(&self, account: Address) -> U256;
}

impl Token for Contract<MockErc20> {
    fn addr(&self) -> Address {
        self.address()
    }
    fn mint_to(&self, to: Address, amount: U256) {
        self.sender(OPERATOR).mint(to, amount).motsu_unwrap();
    }
    fn approve_from(&self, owner: Address, spender: Address, amount: U256) {
        self.sender(owner).approve(spender, amount).motsu_unwrap();
    }
    fn tokens_of(&self, account: Address) -> U256 {
        self.sender(OPERATOR).balance_of(account)
    }
}

impl Token for Contract<NoReturnErc20> {
    fn addr(&self) -> Address {
        self.address()
    }
    fn mint_to(&self, to: Address, amount: U256) {
        self.sender(OPERATOR).mint(to, amount).motsu_unwrap();
    }
    fn approve_from(&self, owner: Address, spender: Address, amount: U256) {
        self.sender(owner).approve(spender, amount).motsu_unwrap();
    }
    fn tokens_of(&self, account: Address) -> U256 {
        self.sender(OPERATOR).balance_of(account)
    }
}

/// Wires the four programs with `token` as the registry's stake token
/// (no unstake cooldown: motsu's clock does not move) and allowlisted for
/// fees in the splitter.
fn deploy(
    market: &Contract<ModelMarket>,
    attribution: &Contract<Attribution>,
    registry: &Contract<DatanetRegistry>,
    splitter: &Contract<RewardSplitter>,
    token: Address,
) {
    common::deploy_splitter(splitter, ADMIN);
    splitter
        .sender(ADMIN)
        .set_token_allowed(token, true)
        .motsu_unwrap();
    registry
        .sender(ADMIN)
        .constructor(splitter.address(), token, 0)
        .motsu_unwrap();
    common::grant_registry(splitter, registry, ADMIN);
    market_support::wire_market_and_attribution(market, attribution, registry, splitter);
}

/// `account` (a plain address) pays a [`BOND`] in `token` and contributes
/// `content(n)`.
fn contribute(
    registry: &Contract<DatanetRegistry>,
    token: &impl Token,
    account: Address,
    datanet: U256,
    n: u64,
) -> U256 {
    let bond = BOND;
    token.mint_to(account, bond);
    token.approve_from(account, registry.address(), bond);
    registry
        .sender(account)
        .contribute(datanet, content(n), String::new())
        .motsu_unwrap()
}

/// `account` (a plain address) stakes `amount` of `token`.
fn stake(
    registry: &Contract<DatanetRegistry>,
    token: &impl Token,
    account: Address,
    datanet: U256,
    amount: U256,
) {
    token.mint_to(account, amount);
    token.approve_from(account, registry.address(), amount);
    registry
        .sender(account)
        .stake(datanet, amount)
        .motsu_unwrap();
}

/// [`PAYER`] pays for one inference in `token`.
fn try_pay(market: &Contract<ModelMarket>, token: &impl Token, model: U256) -> Result<(), Vec<u8>> {
    token.mint_to(PAYER, u(PRICE));
    token.approve_from(PAYER, market.address(), u(PRICE));
    market
        .sender(PAYER)
        .pay(model, token.addr(), u(PRICE), B256::repeat_byte(0x11))
        .motsu_res()
        .map_err(Vec::from)
}

/// A model trained on an owner-reviewed datanet (bond [`BOND`]) where
/// `hostile` and [`POET`] have contributions approved with qualities 60
/// and 40, priced [`PRICE`] in `token` and paid once. Returns the datanet
/// and the model.
fn paid_model(
    market: &Contract<ModelMarket>,
    registry: &Contract<DatanetRegistry>,
    token: &impl Token,
    hostile: &impl Actor,
) -> (U256, U256) {
    let r = registry.address();
    let datanet = owner_datanet(registry, DATANET_OWNER, BOND);
    token.mint_to(hostile.addr(), BOND);
    hostile
        .call(
            token.addr(),
            Calls::approveCall {
                spender: r,
                value: BOND,
            },
        )
        .unwrap();
    let call = Calls::contributeCall {
        datanetId: datanet,
        contentHash: content(1),
        uri: String::new(),
    };
    let c1 = returned_u256(&hostile.call(r, call).unwrap());
    vote(registry, DATANET_OWNER, c1, true, 60);
    let c2 = contribute(registry, token, POET, datanet, 2);
    vote(registry, DATANET_OWNER, c2, true, 40);
    let model = list(market, &[datanet], &[10_000]);
    market
        .sender(DEV)
        .set_price(model, token.addr(), u(PRICE))
        .motsu_unwrap();
    try_pay(market, token, model).unwrap();
    (datanet, model)
}

/// Asserts the splitter holds exactly `deposited - claimed` of `token`.
#[track_caller]
fn assert_splitter_solvent_to_the_wei(splitter: &Contract<RewardSplitter>, token: &impl Token) {
    let info = token_info(splitter, token.addr());
    assert_eq!(
        token.tokens_of(splitter.address()),
        info.deposited - info.claimed
    );
}

/// Disarms `token`'s hook.
fn disarm(token: &Contract<MockErc20>) {
    token
        .sender(OPERATOR)
        .set_hook(Address::ZERO, stylus_sdk::abi::Bytes(vec![]), 0, false);
}

// ---------------------------------------------------- re-entrant tokens

/// The splitter pays `hostile` in a token whose `transfer` makes `hostile`
/// claim again (`before` or after the tokens move).
fn reentrant_erc20_claim(
    market: &Contract<ModelMarket>,
    attribution: &Contract<Attribution>,
    registry: &Contract<DatanetRegistry>,
    splitter: &Contract<RewardSplitter>,
    token: &Contract<MockErc20>,
    hostile: &Contract<ReentrantReceiver>,
    before: bool,
) {
    let (t, s, h) = (token.address(), splitter.address(), hostile.address());
    deploy(market, attribution, registry, splitter, t);
    let (datanet, _) = paid_model(market, registry, token, hostile);
    let d = datanet.to::<u64>();
    assert_eq!(claimable(splitter, h, t, &[d], &[]).0, u(HOSTILE_CUT));

    arm_token_hook(
        token,
        h,
        s,
        claim_call(t, &[d], &[], h),
        HOOK_TRANSFER,
        before,
    );
    let paid = hostile.call(s, claim_call(t, &[d], &[], h)).unwrap();
    assert_eq!(returned_u256(&paid), u(HOSTILE_CUT));
    assert_hook_refused(
        token,
        RewardSplitterNothingToClaim {
            account: h,
            token: t,
        },
    );
    assert_eq!(token.tokens_of(h), u(HOSTILE_CUT));
    assert_eq!(
        claimable(splitter, h, t, &[d], &[]),
        (U256::ZERO, U256::ZERO)
    );
    let info = token_info(splitter, t);
    assert_eq!((info.deposited, info.claimed), (u(PRICE), u(HOSTILE_CUT)));
    assert_splitter_solvent_to_the_wei(splitter, token);

    assert_eq!(claim(splitter, POET, t, &[d], &[], POET), u(POET_CUT));
    assert_eq!(claim(splitter, DEV, t, &[], &[], DEV), u(DEV_CUT));
    assert_eq!(
        claim(splitter, TREASURY, t, &[], &[], TREASURY),
        u(TREASURY_CUT)
    );
    assert_eq!(token.tokens_of(s), U256::ZERO);
    assert_conserved(splitter, t, &[h, POET, DEV, TREASURY], &[d], &[]);
}

#[motsu::test]
fn a_token_reentering_claim_after_the_payout_moves_pays_once(
    market: Contract<ModelMarket>,
    attribution: Contract<Attribution>,
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    token: Contract<MockErc20>,
    hostile: Contract<ReentrantReceiver>,
) {
    reentrant_erc20_claim(
        &market,
        &attribution,
        &registry,
        &splitter,
        &token,
        &hostile,
        false,
    );
}

#[motsu::test]
fn a_token_reentering_claim_before_the_payout_moves_pays_once(
    market: Contract<ModelMarket>,
    attribution: Contract<Attribution>,
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    token: Contract<MockErc20>,
    hostile: Contract<ReentrantReceiver>,
) {
    reentrant_erc20_claim(
        &market,
        &attribution,
        &registry,
        &splitter,
        &token,
        &hostile,
        true,
    );
}

#[motsu::test]
fn a_token_reentering_pay_during_the_pull_reverts_the_whole_payment(
    market: Contract<ModelMarket>,
    attribution: Contract<Attribution>,
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    token: Contract<MockErc20>,
    hostile: Contract<ReentrantReceiver>,
) {
    let (t, m, h) = (token.address(), market.address(), hostile.address());
    deploy(&market, &attribution, &registry, &splitter, t);
    let (_, model) = paid_model(&market, &registry, &token, &hostile);
    let pay = |n: u8| Calls::payCall {
        modelId: model,
        token: t,
        maxPrice: u(PRICE),
        requestId: B256::repeat_byte(n),
    };
    token.mint_to(h, u(2 * PRICE));
    hostile
        .call(
            t,
            Calls::approveCall {
                spender: m,
                value: u(2 * PRICE),
            },
        )
        .unwrap();
    let events = market.all_events().len();
    let info = token_info(&splitter, t);
    for before in [false, true] {
        // While the market pulls the payment, the payer pays again.
        arm_token_hook(&token, h, m, pay(2), HOOK_TRANSFER_FROM, before);
        let err = hostile.call(m, pay(1)).unwrap_err();
        // The market measured both pulls: the whole payment reverts.
        assert_error(
            err,
            ModelMarketTransferMismatch {
                expected: u(PRICE),
                received: u(2 * PRICE),
            },
        );
        assert_eq!(token.tokens_of(h), u(2 * PRICE));
        assert_eq!(token_info(&splitter, t), info);
        assert_splitter_solvent_to_the_wei(&splitter, &token);
        assert_eq!(market.all_events().len(), events);
    }
    // Payments still route once the token behaves.
    disarm(&token);
    hostile.call(m, pay(1)).unwrap();
    assert_eq!(token_info(&splitter, t).deposited, u(2 * PRICE));
    let paid = decode_all::<InferencePaid>(&market.all_events());
    assert_eq!(
        paid.last().map(|e| (e.payer, e.amount)),
        Some((h, u(PRICE)))
    );
    assert_splitter_solvent_to_the_wei(&splitter, &token);
}

#[motsu::test]
fn a_token_reentering_stake_during_the_pull_reverts_the_stake(
    market: Contract<ModelMarket>,
    attribution: Contract<Attribution>,
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    token: Contract<MockErc20>,
    hostile: Contract<ReentrantReceiver>,
) {
    let (t, r, h) = (token.address(), registry.address(), hostile.address());
    deploy(&market, &attribution, &registry, &splitter, t);
    let d = validator_datanet(&registry, DATANET_OWNER, 1);
    let stake_call = Calls::stakeCall {
        datanetId: d,
        amount: MIN_STAKE,
    };
    token.mint_to(h, MIN_STAKE * u(2));
    hostile
        .call(
            t,
            Calls::approveCall {
                spender: r,
                value: MIN_STAKE * u(2),
            },
        )
        .unwrap();
    let events = registry.all_events().len();
    for before in [false, true] {
        arm_token_hook(&token, h, r, stake_call.clone(), HOOK_TRANSFER_FROM, before);
        let err = hostile.call(r, stake_call.clone()).unwrap_err();
        // Both pulls land in the registry; its exact delta check refuses.
        assert_error(
            err,
            RegistryTransferMismatch {
                expected: MIN_STAKE,
                received: MIN_STAKE * u(2),
            },
        );
        assert_eq!(validator(&registry, d, h), ValidatorView::EMPTY);
        assert_eq!(token.tokens_of(h), MIN_STAKE * u(2));
        assert_eq!(token.tokens_of(r), U256::ZERO);
        assert_eq!(registry.all_events().len(), events);
    }
    disarm(&token);
    hostile.call(r, stake_call).unwrap();
    assert_eq!(validator(&registry, d, h).stake, MIN_STAKE);
    assert_eq!(token.tokens_of(r), MIN_STAKE);
}

#[motsu::test]
fn a_token_reentering_withdraw_stake_from_its_payout_pays_once(
    market: Contract<ModelMarket>,
    attribution: Contract<Attribution>,
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    token: Contract<MockErc20>,
    hostile: Contract<ReentrantReceiver>,
) {
    let (t, r, h) = (token.address(), registry.address(), hostile.address());
    deploy(&market, &attribution, &registry, &splitter, t);
    let d = validator_datanet(&registry, DATANET_OWNER, 1);
    token.mint_to(h, MIN_STAKE);
    hostile
        .call(
            t,
            Calls::approveCall {
                spender: r,
                value: MIN_STAKE,
            },
        )
        .unwrap();
    hostile
        .call(
            r,
            Calls::stakeCall {
                datanetId: d,
                amount: MIN_STAKE,
            },
        )
        .unwrap();
    stake(&registry, &token, VALIDATOR, d, MIN_STAKE * u(2));
    hostile
        .call(r, Calls::requestUnstakeCall { datanetId: d })
        .unwrap();

    let withdraw = Calls::withdrawStakeCall { datanetId: d };
    arm_token_hook(&token, h, r, withdraw.clone(), HOOK_TRANSFER, false);
    hostile.call(r, withdraw).unwrap();
    assert_hook_refused(
        &token,
        RegistryUnstakeNotRequested {
            datanetId: d,
            validator: h,
        },
    );
    assert_eq!(token.tokens_of(h), MIN_STAKE);
    assert_eq!(validator(&registry, d, h), ValidatorView::EMPTY);
    assert_eq!(token.tokens_of(r), MIN_STAKE * u(2));
    let withdrawn: Vec<_> = decode_all::<StakeWithdrawn>(&registry.all_events())
        .into_iter()
        .map(|e| (e.validator, e.amount))
        .collect();
    assert_eq!(withdrawn, vec![(h, MIN_STAKE)]);

    // The other validator still withdraws all of its stake.
    registry.sender(VALIDATOR).request_unstake(d).motsu_unwrap();
    registry.sender(VALIDATOR).withdraw_stake(d).motsu_unwrap();
    assert_eq!(token.tokens_of(VALIDATOR), MIN_STAKE * u(2));
    assert_eq!(token.tokens_of(r), U256::ZERO);
}

#[motsu::test]
fn a_token_reentering_claim_refund_from_its_payout_pays_once(
    market: Contract<ModelMarket>,
    attribution: Contract<Attribution>,
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    token: Contract<MockErc20>,
    hostile: Contract<ReentrantReceiver>,
) {
    let (t, r, h) = (token.address(), registry.address(), hostile.address());
    deploy(&market, &attribution, &registry, &splitter, t);
    // Both bonded contributions are approved: each is owed its bond.
    paid_model(&market, &registry, &token, &hostile);
    assert_eq!(refund_of(&registry, h), BOND);
    assert_eq!(token.tokens_of(r), BOND * u(2));

    arm_token_hook(
        &token,
        h,
        r,
        Calls::claimRefundCall {},
        HOOK_TRANSFER,
        false,
    );
    hostile.call(r, Calls::claimRefundCall {}).unwrap();
    assert_hook_refused(&token, RegistryNothingToClaim { account: h });
    assert_eq!(token.tokens_of(h), BOND);
    assert_eq!(refund_of(&registry, h), U256::ZERO);
    assert_eq!(token.tokens_of(r), BOND);

    registry.sender(POET).claim_refund().motsu_unwrap();
    assert_eq!(token.tokens_of(POET), BOND);
    assert_eq!(token.tokens_of(r), U256::ZERO);
}

#[motsu::test]
fn a_token_reentering_settle_vote_while_a_slash_is_sent_slashes_once(
    market: Contract<ModelMarket>,
    attribution: Contract<Attribution>,
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    token: Contract<MockErc20>,
    hostile: Contract<ReentrantReceiver>,
    v1: Address,
    v3: Address,
) {
    let (t, r, h) = (token.address(), registry.address(), hostile.address());
    deploy(&market, &attribution, &registry, &splitter, t);
    // Quorum 2: v1 and v3 approve, VALIDATOR rejects and loses.
    let d = validator_datanet(&registry, DATANET_OWNER, 2);
    for v in [v1, VALIDATOR, v3] {
        stake(&registry, &token, v, d, MIN_STAKE);
    }
    let c = contribute(&registry, &token, POET, d, 1);
    vote(&registry, v1, c, true, 80);
    vote(&registry, VALIDATOR, c, false, 1);
    vote(&registry, v3, c, true, 80);
    let slashed = MIN_STAKE * u(common::SLASH_BPS.into()) / u(10_000);

    // While the registry sends the slash to the splitter, the token makes
    // `hostile` settle the same vote again.
    let settle = Calls::settleVoteCall {
        contributionId: c,
        validator: VALIDATOR,
    };
    arm_token_hook(&token, h, r, settle, HOOK_TRANSFER, false);
    registry.sender(h).settle_vote(c, VALIDATOR).motsu_unwrap();
    assert_hook_refused(
        &token,
        RegistryNoOpenVote {
            contributionId: c,
            validator: VALIDATOR,
        },
    );
    assert_eq!(
        validator(&registry, d, VALIDATOR).stake,
        MIN_STAKE - slashed
    );
    assert_eq!(token.tokens_of(splitter.address()), slashed);
    assert_eq!(token_info(&splitter, t).deposited, slashed);
    let funded: Vec<_> = decode_all::<ValidatorPoolFunded>(&splitter.all_events())
        .into_iter()
        .map(|e| e.amount)
        .collect();
    assert_eq!(funded, vec![slashed]);
    // Registry: three stakes less one slash, plus the refundable bond.
    assert_eq!(token.tokens_of(r), MIN_STAKE * u(3) - slashed + BOND);
}

// ---------------------------------------------------------- bad tokens

/// Token balances of every party, the splitter's accounting of the token,
/// and the registry's records that a refused call must leave unchanged.
#[derive(Debug, PartialEq)]
struct Snapshot {
    balances: Vec<U256>,
    info: splitter_support::TokenInfo,
    poet_claimable: (U256, U256),
    poet_refund: U256,
    validator: ValidatorView,
    events: [usize; 3],
}

fn snapshot(
    market: &Contract<ModelMarket>,
    registry: &Contract<DatanetRegistry>,
    splitter: &Contract<RewardSplitter>,
    token: &impl Token,
    datanets: (U256, U256),
    others: &[Address],
) -> Snapshot {
    let mut accounts = vec![
        market.address(),
        registry.address(),
        splitter.address(),
        POET,
        VALIDATOR,
        PAYER,
    ];
    accounts.extend_from_slice(others);
    Snapshot {
        balances: accounts.iter().map(|&a| token.tokens_of(a)).collect(),
        info: token_info(splitter, token.addr()),
        poet_claimable: claimable(splitter, POET, token.addr(), &[datanets.0.to()], &[]),
        poet_refund: refund_of(registry, POET),
        validator: validator(registry, datanets.1, VALIDATOR),
        events: [
            market.all_events().len(),
            registry.all_events().len(),
            splitter.all_events().len(),
        ],
    }
}

/// The token world for the bad-token tests: [`paid_model`] (with `hostile`
/// contributing), and a validator datanet where [`VALIDATOR`] staked
/// [`MIN_STAKE`] and asked to leave. Returns (owner datanet, validator
/// datanet, model).
fn token_world(
    market: &Contract<ModelMarket>,
    attribution: &Contract<Attribution>,
    registry: &Contract<DatanetRegistry>,
    splitter: &Contract<RewardSplitter>,
    token: &impl Token,
    hostile: &impl Actor,
) -> (U256, U256, U256) {
    deploy(market, attribution, registry, splitter, token.addr());
    let (datanet, model) = paid_model(market, registry, token, hostile);
    let v = validator_datanet(registry, DATANET_OWNER, 1);
    stake(registry, token, VALIDATOR, v, MIN_STAKE);
    registry.sender(VALIDATOR).request_unstake(v).motsu_unwrap();
    (datanet, v, model)
}

#[motsu::test]
fn a_token_returning_false_is_refused_everywhere_and_changes_nothing(
    market: Contract<ModelMarket>,
    attribution: Contract<Attribution>,
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    token: Contract<MockErc20>,
    hostile: Contract<ReentrantReceiver>,
    newcomer: Address,
) {
    let t = token.address();
    let (d, v, model) = token_world(
        &market,
        &attribution,
        &registry,
        &splitter,
        &token,
        &hostile,
    );
    let dd = d.to::<u64>();
    // Funds and allowances for the calls below, given while the token works.
    token.mint_to(PAYER, u(PRICE));
    token.approve_from(PAYER, market.address(), u(PRICE));
    token.mint_to(newcomer, MIN_STAKE + BOND);
    token.approve_from(newcomer, registry.address(), MIN_STAKE + BOND);
    let before = snapshot(&market, &registry, &splitter, &token, (d, v), &[newcomer]);
    token.sender(OPERATOR).set_return_false(true);

    let failed = SafeErc20FailedOperation { token: t };
    // In: the market's pull, a stake, a bond.
    let err = market
        .sender(PAYER)
        .pay(model, t, u(PRICE), B256::ZERO)
        .motsu_unwrap_err();
    assert_error(err, failed.clone());
    let err = registry
        .sender(newcomer)
        .stake(v, MIN_STAKE)
        .motsu_unwrap_err();
    assert_error(err, failed.clone());
    let err = registry
        .sender(newcomer)
        .contribute(d, content(9), String::new())
        .motsu_unwrap_err();
    assert_error(err, failed.clone());
    // Out: a splitter claim, a stake withdrawal, a refund.
    let err = try_claim(&splitter, POET, t, &[dd], &[], POET).unwrap_err();
    assert_error(err, failed.clone());
    let err = registry
        .sender(VALIDATOR)
        .withdraw_stake(v)
        .motsu_unwrap_err();
    assert_error(err, failed.clone());
    let err = registry.sender(POET).claim_refund().motsu_unwrap_err();
    assert_error(err, failed);
    assert_eq!(
        snapshot(&market, &registry, &splitter, &token, (d, v), &[newcomer]),
        before
    );

    // Once the token works again, every one of them goes through.
    token.sender(OPERATOR).set_return_false(false);
    market
        .sender(PAYER)
        .pay(model, t, u(PRICE), B256::ZERO)
        .motsu_unwrap();
    registry.sender(newcomer).stake(v, MIN_STAKE).motsu_unwrap();
    assert_eq!(claim(&splitter, POET, t, &[dd], &[], POET), u(2 * POET_CUT));
    registry.sender(VALIDATOR).withdraw_stake(v).motsu_unwrap();
    registry.sender(POET).claim_refund().motsu_unwrap();
    assert_eq!(token.tokens_of(POET), u(2 * POET_CUT) + BOND);
    assert_eq!(token.tokens_of(VALIDATOR), MIN_STAKE);
    assert_splitter_solvent_to_the_wei(&splitter, &token);
}

#[motsu::test]
fn a_fee_on_transfer_token_is_refused_where_it_enters_even_over_a_donated_surplus(
    market: Contract<ModelMarket>,
    attribution: Contract<Attribution>,
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    token: Contract<MockErc20>,
    hostile: Contract<ReentrantReceiver>,
    newcomer: Address,
) {
    let t = token.address();
    let (d, v, model) = token_world(
        &market,
        &attribution,
        &registry,
        &splitter,
        &token,
        &hostile,
    );
    // A donation to the splitter: its own solvency check alone would now
    // let a 10% shortfall through (docs/reward_splitter.md).
    token.mint_to(splitter.address(), u(PRICE));
    token.mint_to(PAYER, u(PRICE));
    token.approve_from(PAYER, market.address(), u(PRICE));
    token.mint_to(newcomer, MIN_STAKE + BOND);
    token.approve_from(newcomer, registry.address(), MIN_STAKE + BOND);
    let before = snapshot(&market, &registry, &splitter, &token, (d, v), &[newcomer]);
    token.sender(OPERATOR).set_fee_bps(u(1_000));

    let err = market
        .sender(PAYER)
        .pay(model, t, u(PRICE), B256::ZERO)
        .motsu_unwrap_err();
    assert_error(
        err,
        ModelMarketTransferMismatch {
            expected: u(PRICE),
            received: u(PRICE - PRICE / 10),
        },
    );
    let err = registry
        .sender(newcomer)
        .stake(v, MIN_STAKE)
        .motsu_unwrap_err();
    assert_error(
        err,
        RegistryTransferMismatch {
            expected: MIN_STAKE,
            received: MIN_STAKE - MIN_STAKE / u(10),
        },
    );
    let err = registry
        .sender(newcomer)
        .contribute(d, content(9), String::new())
        .motsu_unwrap_err();
    assert_error(
        err,
        RegistryTransferMismatch {
            expected: BOND,
            received: BOND - BOND / u(10),
        },
    );
    assert_eq!(
        snapshot(&market, &registry, &splitter, &token, (d, v), &[newcomer]),
        before
    );
    assert_eq!(token_info(&splitter, t).deposited, u(PRICE));
}

#[motsu::test]
fn a_token_returning_no_data_works_everywhere_to_the_wei(
    market: Contract<ModelMarket>,
    attribution: Contract<Attribution>,
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    token: Contract<NoReturnErc20>,
    hostile: Contract<ReentrantReceiver>,
) {
    let (t, h) = (token.address(), hostile.address());
    let (d, v, model) = token_world(
        &market,
        &attribution,
        &registry,
        &splitter,
        &token,
        &hostile,
    );
    let dd = d.to::<u64>();
    try_pay(&market, &token, model).unwrap();
    assert_eq!(token_info(&splitter, t).deposited, u(2 * PRICE));
    assert_eq!(token.tokens_of(splitter.address()), u(2 * PRICE));
    assert_eq!(claim(&splitter, POET, t, &[dd], &[], POET), u(2 * POET_CUT));
    let paid = hostile
        .call(splitter.address(), claim_call(t, &[dd], &[], h))
        .unwrap();
    assert_eq!(returned_u256(&paid), u(2 * HOSTILE_CUT));
    assert_eq!(token.tokens_of(h), u(2 * HOSTILE_CUT));
    registry.sender(VALIDATOR).withdraw_stake(v).motsu_unwrap();
    assert_eq!(token.tokens_of(VALIDATOR), MIN_STAKE);
    registry.sender(POET).claim_refund().motsu_unwrap();
    assert_eq!(token.tokens_of(POET), u(2 * POET_CUT) + BOND);
    assert_splitter_solvent_to_the_wei(&splitter, &token);
    assert_conserved(&splitter, t, &[h, POET, DEV, TREASURY], &[dd], &[]);
}

#[motsu::test]
fn a_silently_failing_token_is_refused_where_it_enters(
    market: Contract<ModelMarket>,
    attribution: Contract<Attribution>,
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    token: Contract<NoReturnErc20>,
    hostile: Contract<ReentrantReceiver>,
    newcomer: Address,
) {
    let t = token.address();
    let (d, v, model) = token_world(
        &market,
        &attribution,
        &registry,
        &splitter,
        &token,
        &hostile,
    );
    token.mint_to(PAYER, u(PRICE));
    token.approve_from(PAYER, market.address(), u(PRICE));
    token.mint_to(newcomer, MIN_STAKE + BOND);
    token.approve_from(newcomer, registry.address(), MIN_STAKE + BOND);
    let before = snapshot(&market, &registry, &splitter, &token, (d, v), &[newcomer]);
    // Transfers now return no data and move nothing.
    token.sender(OPERATOR).set_silent(true);
    let err = market
        .sender(PAYER)
        .pay(model, t, u(PRICE), B256::ZERO)
        .motsu_unwrap_err();
    assert_error(
        err,
        ModelMarketTransferMismatch {
            expected: u(PRICE),
            received: U256::ZERO,
        },
    );
    let err = registry
        .sender(newcomer)
        .stake(v, MIN_STAKE)
        .motsu_unwrap_err();
    assert_error(
        err,
        RegistryTransferMismatch {
            expected: MIN_STAKE,
            received: U256::ZERO,
        },
    );
    let err = registry
        .sender(newcomer)
        .contribute(d, content(9), String::new())
        .motsu_unwrap_err();
    assert_error(
        err,
        RegistryTransferMismatch {
            expected: BOND,
            received: U256::ZERO,
        },
    );
    assert_eq!(
        snapshot(&market, &registry, &splitter, &token, (d, v), &[newcomer]),
        before
    );
}

/// Where tokens leave, the programs follow SafeERC20: no data from an
/// account with code counts as success, and no balance is measured. A
/// token that silently moves nothing therefore "pays" a claim, a stake
/// withdrawal and a refund: the records are cleared, the recipient gets
/// nothing, and the tokens stay in the program as an unaccounted surplus
/// (the splitter still holds at least `deposited - claimed`). This records
/// that limitation; it needs a token that lies about success, which only
/// the admin's allowlist (splitter) or the deployer's choice of stake
/// token (registry) can let in.
#[motsu::test]
fn a_silently_failing_token_clears_payouts_without_paying_them(
    market: Contract<ModelMarket>,
    attribution: Contract<Attribution>,
    registry: Contract<DatanetRegistry>,
    splitter: Contract<RewardSplitter>,
    token: Contract<NoReturnErc20>,
    hostile: Contract<ReentrantReceiver>,
) {
    let (t, s, r) = (token.address(), splitter.address(), registry.address());
    let (d, v, _) = token_world(
        &market,
        &attribution,
        &registry,
        &splitter,
        &token,
        &hostile,
    );
    let dd = d.to::<u64>();
    token.sender(OPERATOR).set_silent(true);
    assert_eq!(claim(&splitter, POET, t, &[dd], &[], POET), u(POET_CUT));
    registry.sender(VALIDATOR).withdraw_stake(v).motsu_unwrap();
    registry.sender(POET).claim_refund().motsu_unwrap();
    // Records cleared...
    assert_eq!(claimable(&splitter, POET, t, &[dd], &[]).0, U256::ZERO);
    assert_eq!(token_info(&splitter, t).claimed, u(POET_CUT));
    assert_eq!(validator(&registry, v, VALIDATOR), ValidatorView::EMPTY);
    assert_eq!(refund_of(&registry, POET), U256::ZERO);
    // ...nothing paid; the programs keep the tokens.
    assert_eq!(token.tokens_of(POET), U256::ZERO);
    assert_eq!(token.tokens_of(VALIDATOR), U256::ZERO);
    assert_eq!(token.tokens_of(s), u(PRICE));
    assert_eq!(token.tokens_of(r), MIN_STAKE + BOND * u(2));
    let info = token_info(&splitter, t);
    assert!(token.tokens_of(s) >= info.deposited - info.claimed);
}
