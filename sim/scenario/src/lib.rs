//! The seed scenario (SPEC.md, "The story it must serve"), run on the
//! deployable programs (`target/stylus/*.wasm`) in the in-process executor.
//!
//! A curator creates the "Persian Poetry" datanet (validator review,
//! quorum 2, bonds and stakes in the test token). Two poets contribute
//! poems (their text, hashed), a spammer contributes junk; three validators
//! stake, approve the poems and reject the junk (one of them approved it
//! and is slashed); anyone settles the votes. A developer lists a model
//! trained on the datanet, and users pay for inferences in the native token
//! and in the test token. Then everyone claims.
//!
//! Every step's gas is recorded. At the end, what each account claimed is
//! compared, to the wei, with what SPEC's rules give ([`ledger`]), and each
//! token is reconciled: deposited = claimed + what is still owed + dust.

pub mod bindings;
pub mod gas;
pub mod ledger;
mod merkle;

use std::path::Path;

use alloy_primitives::{keccak256, Address, U256};
use alloy_sol_types::{SolCall, SolInterface, SolValue};
use anyhow::{bail, ensure, Context, Result};
use stylus_sim::{Chain, Receipt, Tx};

use bindings::{attribution as attr, market, registry as reg, splitter as spl, token as tok};
use ledger::{split_fee, Pool, SCALE};

/// Arbitrum One's chain id.
pub const CHAIN_ID: u64 = 42_161;
/// Gas limit of every transaction (Arbitrum's block limit is 32M).
pub const GAS_LIMIT: u64 = 30_000_000;
/// Protocol fee: 5%.
pub const PROTOCOL_FEE_BPS: u16 = 500;
/// The listing's split after the protocol fee: developer, data, validators.
pub const SPLIT: (u16, u16, u16) = (6_000, 3_000, 1_000);

/// One test token (18 decimals).
pub fn tokens(n: u64) -> U256 {
    U256::from(n) * U256::from(SCALE)
}

/// A named test account (test-only: the executor checks no signatures).
pub fn account(name: &str) -> Address {
    Address::from_word(keccak256(format!("seed scenario: {name}")))
}

/// The poems, as contributed (their keccak256 is the content hash).
pub const POEMS: [(&str, &str); 3] = [
    (
        "poet Hafez",
        "الا یا ایها الساقی ادر کاسا و ناولها / که عشق آسان نمود اول ولی افتاد مشکل‌ها",
    ),
    (
        "poet Hafez",
        "صبا به لطف بگو آن غزال رعنا را / که سر به کوه و بیابان تو داده‌ای ما را",
    ),
    (
        "poet Rumi",
        "بشنو این نی چون شکایت می‌کند / از جدایی‌ها حکایت می‌کند",
    ),
];
/// The junk, also contributed.
pub const JUNK: &str = "BUY 10,000 FOLLOWERS NOW!!! cheap-likes.example";

/// One recorded transaction.
#[derive(Debug, Clone)]
pub struct Step {
    pub actor: String,
    pub action: String,
    pub gas: u64,
}

/// What an account claimed, against what the rules give.
#[derive(Debug, Clone)]
pub struct Payout {
    pub account: String,
    pub token: &'static str,
    pub claimed: U256,
    pub expected: U256,
}

/// One token's books at the end.
#[derive(Debug, Clone)]
pub struct Books {
    pub token: &'static str,
    pub deposited: U256,
    pub claimed: U256,
    /// What the splitter still holds: owed sub-wei rests and dust.
    pub held: U256,
    pub dust_scaled: U256,
}

/// The scenario's outcome.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub steps: Vec<Step>,
    pub payouts: Vec<Payout>,
    pub books: Vec<Books>,
    pub sizes: Vec<(String, usize)>,
    pub notes: Vec<String>,
}

impl Report {
    /// Whether every payout and every book reconciles.
    pub fn reconciled(&self) -> bool {
        self.payouts.iter().all(|p| p.claimed == p.expected)
            && self.books.iter().all(|b| b.deposited == b.claimed + b.held)
    }
}

/// Sends transactions and records their gas.
pub struct Driver {
    pub chain: Chain,
    pub report: Report,
}

impl Default for Driver {
    /// A driver on a fresh chain with [`CHAIN_ID`].
    fn default() -> Self {
        Driver {
            chain: Chain::new(CHAIN_ID),
            report: Report::default(),
        }
    }
}

impl Driver {
    /// Gas of the last recorded transaction (0 before any).
    pub fn last_gas(&self) -> u64 {
        self.report.steps.last().map_or(0, |s| s.gas)
    }

    fn record(&mut self, actor: &str, action: String, receipt: &Receipt) {
        self.report.steps.push(Step {
            actor: actor.to_owned(),
            action,
            gas: receipt.gas_used,
        });
    }

    /// `from` (named `actor`) calls `to` with `call` and `value`; fails
    /// with the decoded revert if the call reverts.
    pub fn send<C: SolCall>(
        &mut self,
        actor: &str,
        from: Address,
        to: Address,
        value: U256,
        call: C,
        action: impl Into<String>,
    ) -> Result<C::Return> {
        let action = action.into();
        let receipt = self.chain.send(Tx {
            from,
            to,
            value,
            data: call.abi_encode(),
            gas_limit: GAS_LIMIT,
        });
        ensure!(
            receipt.success,
            "{actor}: {action} reverted: {}",
            describe_revert(&receipt.output)
        );
        self.record(actor, action, &receipt);
        C::abi_decode_returns(&receipt.output, true)
            .with_context(|| format!("decoding the return of {}", C::SIGNATURE))
    }

    /// A read-only call.
    pub fn view<C: SolCall>(&mut self, to: Address, call: C) -> Result<C::Return> {
        let receipt = self.chain.view(Address::ZERO, to, &call.abi_encode());
        ensure!(
            receipt.success,
            "view {} reverted: {}",
            C::SIGNATURE,
            describe_revert(&receipt.output)
        );
        C::abi_decode_returns(&receipt.output, true)
            .with_context(|| format!("decoding the return of {}", C::SIGNATURE))
    }

    /// Deploys `wasm` from `from` with ABI-encoded constructor arguments.
    pub fn deploy(
        &mut self,
        actor: &str,
        from: Address,
        name: &str,
        wasm: &[u8],
        args: Vec<u8>,
    ) -> Result<Address> {
        match self.chain.deploy(from, wasm, &args) {
            Ok((address, receipt)) => {
                self.record(
                    actor,
                    format!("deploy {name} (constructor call only)"),
                    &receipt,
                );
                Ok(address)
            }
            Err(receipt) => bail!(
                "{actor}: deploying {name} failed: {}",
                describe_revert(&receipt.output)
            ),
        }
    }
}

/// The revert data, decoded with the four programs' error types where
/// possible.
pub fn describe_revert(data: &[u8]) -> String {
    if let Ok(e) = reg::IDatanetRegistry::IDatanetRegistryErrors::abi_decode(data, true) {
        return format!("{e:?}");
    }
    if let Ok(e) = spl::IRewardSplitter::IRewardSplitterErrors::abi_decode(data, true) {
        return format!("{e:?}");
    }
    if let Ok(e) = attr::IAttribution::IAttributionErrors::abi_decode(data, true) {
        return format!("{e:?}");
    }
    if let Ok(e) = market::IModelMarket::IModelMarketErrors::abi_decode(data, true) {
        return format!("{e:?}");
    }
    format!("0x{}", alloy_primitives::hex::encode(data))
}

/// The addresses of the deployed suite.
#[derive(Debug, Clone, Copy)]
pub struct Suite {
    pub token: Address,
    pub splitter: Address,
    pub registry: Address,
    pub attribution: Address,
    pub market: Address,
}

/// Where the tests find the built programs: `$STYLUS_WASM_DIR`, else
/// `<workspace>/target/stylus`. `None` (the caller skips, saying so) when
/// the programs are not there, unless `$STYLUS_WASM_REQUIRED` is set, as
/// `cargo xtask test` sets it: then a missing program fails loudly.
pub fn wasm_dir_for_tests() -> Option<std::path::PathBuf> {
    let dir = std::env::var_os("STYLUS_WASM_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/stylus"));
    if dir.join("reward_splitter.wasm").exists() {
        return Some(dir);
    }
    assert!(
        std::env::var_os("STYLUS_WASM_REQUIRED").is_none(),
        "{} has no built programs: run `cargo xtask build`",
        dir.display()
    );
    eprintln!(
        "skipped: no built programs in {} (`cargo xtask test` builds them first)",
        dir.display()
    );
    None
}

/// Reads `target/stylus/<name>.wasm` under `wasm_dir`.
pub fn program(wasm_dir: &Path, name: &str) -> Result<Vec<u8>> {
    let path = wasm_dir.join(format!("{name}.wasm"));
    std::fs::read(&path)
        .with_context(|| format!("reading {} (run `cargo xtask build` first)", path.display()))
}

/// Runs the scenario on the programs in `wasm_dir`.
pub fn run(wasm_dir: &Path) -> Result<Report> {
    let mut d = Driver::default();
    let admin = account("protocol admin");
    let treasury = account("treasury");
    let curator = account("datanet curator");
    let (hafez, rumi, spammer) = (
        account("poet Hafez"),
        account("poet Rumi"),
        account("spammer"),
    );
    let validators = [
        account("validator 1"),
        account("validator 2"),
        account("validator 3"),
    ];
    let developer = account("model developer");
    let (user_native, user_token) = (account("user paying ETH"), account("user paying TOK"));
    let keeper = account("keeper");
    for who in [
        admin,
        treasury,
        curator,
        hafez,
        rumi,
        spammer,
        developer,
        user_native,
        user_token,
        keeper,
    ]
    .iter()
    .chain(&validators)
    {
        d.chain.fund(*who, U256::from(10u64).pow(U256::from(20u64)));
    }

    // ---- deployment and wiring
    let mut sizes = Vec::new();
    let mut load = |name: &str| -> Result<Vec<u8>> {
        let wasm = program(wasm_dir, name)?;
        sizes.push((name.to_owned(), wasm.len()));
        Ok(wasm)
    };
    let token_wasm = load("test_token")?;
    let splitter_wasm = load("reward_splitter")?;
    let registry_wasm = load("datanet_registry")?;
    let attribution_wasm = load("attribution")?;
    let market_wasm = load("model_market")?;
    d.report.sizes = sizes;
    let token = d.deploy("admin", admin, "test_token", &token_wasm, Vec::new())?;
    let splitter = d.deploy(
        "admin",
        admin,
        "reward_splitter",
        &splitter_wasm,
        (admin, treasury, PROTOCOL_FEE_BPS).abi_encode_params(),
    )?;
    let cooldown = 7 * 24 * 3600u64;
    let registry = d.deploy(
        "admin",
        admin,
        "datanet_registry",
        &registry_wasm,
        (splitter, token, cooldown).abi_encode_params(),
    )?;
    let attribution = d.deploy(
        "admin",
        admin,
        "attribution",
        &attribution_wasm,
        (admin, registry, splitter).abi_encode_params(),
    )?;
    let market_address = d.deploy(
        "admin",
        admin,
        "model_market",
        &market_wasm,
        (splitter, attribution).abi_encode_params(),
    )?;
    let suite = Suite {
        token,
        splitter,
        registry,
        attribution,
        market: market_address,
    };
    wire(&mut d, admin, &suite)?;

    // ---- step 1: adding data
    let min_stake = tokens(100);
    let bond = tokens(1);
    let datanet = d
        .send(
            "curator",
            curator,
            registry,
            U256::ZERO,
            reg::IDatanetRegistry::createDatanetCall {
                metadata_uri: "ipfs://bafy-persian-poetry".into(),
                metadata_hash: keccak256("Persian Poetry: classical ghazals and masnavi"),
                license: "CC-BY-4.0".into(),
                review_mode: 1,
                quorum: 2,
                min_stake,
                contributor_bond: bond,
                slash_bps: 2_000,
                min_data_share_bps: 3_000,
            },
            "create the Persian Poetry datanet (validator review, quorum 2)",
        )?
        ._0;

    // Validators stake before the contributions they review.
    let stakes = [tokens(150), tokens(120), min_stake];
    for (i, (&v, &amount)) in validators.iter().zip(&stakes).enumerate() {
        let who = format!("validator {}", i + 1);
        mint_and_approve(&mut d, &who, v, token, registry, amount)?;
        d.send(
            &who,
            v,
            registry,
            U256::ZERO,
            reg::IDatanetRegistry::stakeCall {
                datanet_id: datanet,
                amount,
            },
            format!("stake {} TOK", amount / U256::from(SCALE)),
        )?;
    }

    let mut contributions = Vec::new();
    for (who, text) in POEMS
        .iter()
        .map(|&(w, t)| (w, t))
        .chain([("spammer", JUNK)])
    {
        let from = account(who);
        mint_and_approve(&mut d, who, from, token, registry, bond)?;
        let id = d
            .send(
                who,
                from,
                registry,
                U256::ZERO,
                reg::IDatanetRegistry::contributeCall {
                    datanet_id: datanet,
                    content_hash: keccak256(text.as_bytes()),
                    uri: String::new(),
                },
                format!(
                    "contribute \"{}…\" (bond 1 TOK)",
                    text.chars().take(24).collect::<String>()
                ),
            )?
            ._0;
        contributions.push(id);
    }
    let [c1, c2, c3, junk] = contributions[..] else {
        bail!("expected four contributions");
    };

    // ---- step 2: checking data
    let [v1, v2, v3] = validators;
    let mut validator_pool = Pool::default();
    let vote = |d: &mut Driver, v: usize, c: U256, approve: bool, quality: u8| {
        d.send(
            &format!("validator {}", v + 1),
            validators[v],
            registry,
            U256::ZERO,
            reg::IDatanetRegistry::voteCall {
                contribution_id: c,
                approve,
                quality,
            },
            format!(
                "{} contribution {c} (quality {quality})",
                if approve { "approve" } else { "reject" }
            ),
        )
        .map(|_| ())
    };
    vote(&mut d, 0, c1, true, 90)?;
    vote(&mut d, 1, c1, true, 80)?; // Approved, weight 85
    vote(&mut d, 1, c2, true, 95)?;
    vote(&mut d, 0, c2, true, 85)?; // Approved, weight 90
    vote(&mut d, 0, c3, true, 70)?;
    vote(&mut d, 2, c3, true, 60)?; // Approved, weight 65
    let settle = |d: &mut Driver, c: U256, v: Address, pool: &mut Pool| -> Result<()> {
        d.send(
            "keeper",
            keeper,
            registry,
            U256::ZERO,
            reg::IDatanetRegistry::settleVoteCall {
                contribution_id: c,
                validator: v,
            },
            format!("settle the vote of {} on contribution {c}", short(v)),
        )?;
        pool.add_shares(v, 1);
        Ok(())
    };
    for (c, v) in [(c1, v1), (c1, v2), (c2, v1), (c2, v2), (c3, v1), (c3, v3)] {
        settle(&mut d, c, v, &mut validator_pool)?;
    }
    // Validator 3 approves the junk; validators 1 and 2 reject it: rejected,
    // the spammer's bond goes to the validator pool.
    vote(&mut d, 2, junk, true, 10)?;
    vote(&mut d, 0, junk, false, 5)?;
    vote(&mut d, 1, junk, false, 1)?;
    validator_pool.credit(bond * U256::from(SCALE));
    settle(&mut d, junk, v1, &mut validator_pool)?;
    settle(&mut d, junk, v2, &mut validator_pool)?;
    // Validator 3 was on the losing side: 20% of its stake is slashed to
    // the pool (its one share from contribution 3 earns part of it).
    d.send(
        "keeper",
        keeper,
        registry,
        U256::ZERO,
        reg::IDatanetRegistry::settleVoteCall {
            contribution_id: junk,
            validator: v3,
        },
        "settle (slash) validator 3's vote on the junk",
    )?;
    let slash = min_stake * U256::from(2_000u64) / U256::from(10_000u64);
    validator_pool.credit(slash * U256::from(SCALE));

    // The poets take their bonds back.
    for who in ["poet Hafez", "poet Rumi"] {
        d.send(
            who,
            account(who),
            registry,
            U256::ZERO,
            reg::IDatanetRegistry::claimRefundCall {},
            "claim bond refunds",
        )?;
    }
    // Validator 3 leaves: it waits out the cooldown and withdraws the rest.
    d.send(
        "validator 3",
        v3,
        registry,
        U256::ZERO,
        reg::IDatanetRegistry::requestUnstakeCall {
            datanet_id: datanet,
        },
        "request unstake",
    )?;
    let later = d.chain.timestamp() + cooldown;
    d.chain.set_timestamp(later);
    d.send(
        "validator 3",
        v3,
        registry,
        U256::ZERO,
        reg::IDatanetRegistry::withdrawStakeCall {
            datanet_id: datanet,
        },
        "withdraw the stake after the cooldown",
    )?;
    let v3_balance = d
        .view(token, tok::ITestToken::balanceOfCall { account: v3 })?
        ._0;
    ensure!(
        v3_balance == min_stake - slash,
        "validator 3 got back {v3_balance}, expected {}",
        min_stake - slash
    );

    // ---- step 3: building the AI (training record and manifest)
    let mut contributor_pool = Pool::default();
    for (poet, weight) in [(hafez, 85u64), (hafez, 90), (rumi, 65)] {
        contributor_pool.add_shares(poet, weight);
    }
    let tree = merkle::Tree::of_contributions(&[c1, c2, c3]);
    let model = d
        .send(
            "developer",
            developer,
            market_address,
            U256::ZERO,
            market::IModelMarket::listModelCall {
                metadata_uri: "ipfs://bafy-hafez-7b".into(),
                artifact_hash: keccak256("LoRA adapter weights, persian-poetry-v1"),
                base_model: "llama-3-8b".into(),
                developer_bps: SPLIT.0,
                data_bps: SPLIT.1,
                validator_bps: SPLIT.2,
                influence_bps: 0,
                datanet_ids: vec![datanet],
                weights_bps: vec![10_000],
                manifest_hash: tree.root(),
            },
            "list the model, trained on Persian Poetry (60/30/10)",
        )?
        ._0;
    let in_model = d
        .view(
            attribution,
            attr::IAttribution::contributionInModelCall {
                model_id: model,
                version: U256::from(1u64),
                contribution_id: c2,
                proof: tree.proof(1),
            },
        )?
        ._0;
    ensure!(
        in_model,
        "contribution {c2} is not proved in the model's manifest"
    );
    d.report.notes.push(format!(
        "contribution {c2} proved in model {model}'s training manifest"
    ));

    // ---- step 4: launching the AI (prices and payments)
    let native_price = U256::from(2_000_000_000_000_000u64); // 0.002 ETH
    let token_price = tokens(3);
    for (t, price, what) in [
        (Address::ZERO, native_price, "price 0.002 ETH"),
        (token, token_price, "price 3 TOK"),
    ] {
        d.send(
            "developer",
            developer,
            market_address,
            U256::ZERO,
            market::IModelMarket::setPriceCall {
                model_id: model,
                token: t,
                price,
            },
            what,
        )?;
    }
    let mut native_fees = Vec::new();
    d.send(
        "user paying ETH",
        user_native,
        market_address,
        native_price,
        market::IModelMarket::payCall {
            model_id: model,
            token: Address::ZERO,
            max_price: native_price,
            request_id: keccak256("request 1"),
        },
        "pay one inference (0.002 ETH)",
    )?;
    native_fees.push(native_price);
    d.send(
        "user paying ETH",
        user_native,
        market_address,
        native_price * U256::from(4u64),
        market::IModelMarket::payBatchCall {
            model_id: model,
            token: Address::ZERO,
            count: U256::from(4u64),
            max_unit_price: native_price,
            request_id: keccak256("request 2"),
        },
        "pay four inferences (0.008 ETH)",
    )?;
    native_fees.push(native_price * U256::from(4u64));
    mint_and_approve(
        &mut d,
        "user paying TOK",
        user_token,
        token,
        market_address,
        token_price * U256::from(10u64),
    )?;
    d.send(
        "user paying TOK",
        user_token,
        market_address,
        U256::ZERO,
        market::IModelMarket::payBatchCall {
            model_id: model,
            token,
            count: U256::from(10u64),
            max_unit_price: token_price,
            request_id: keccak256("request 3"),
        },
        "pay ten inferences (30 TOK)",
    )?;
    let token_fees = vec![token_price * U256::from(10u64)];

    // ---- step 5: rewards
    let mut contributors_native = contributor_pool;
    let mut validators_native = Pool::default();
    let mut contributors_token = Pool::default();
    for (poet, weight) in [(hafez, 175u64), (rumi, 65)] {
        contributors_token.add_shares(poet, weight);
    }
    for (v, shares) in [(v1, 4u64), (v2, 3), (v3, 1)] {
        validators_native.add_shares(v, shares);
    }
    let mut validators_token = validator_pool;
    let (mut dev_native, mut dev_token) = (U256::ZERO, U256::ZERO);
    let (mut treasury_native, mut treasury_token) = (U256::ZERO, U256::ZERO);
    for fee in &native_fees {
        let s = split_fee(*fee, PROTOCOL_FEE_BPS, SPLIT);
        treasury_native += s.protocol;
        dev_native += s.developer;
        contributors_native.credit(s.data);
        validators_native.credit(s.validators);
    }
    for fee in &token_fees {
        let s = split_fee(*fee, PROTOCOL_FEE_BPS, SPLIT);
        treasury_token += s.protocol;
        dev_token += s.developer;
        contributors_token.credit(s.data);
        validators_token.credit(s.validators);
    }
    let wei = |scaled: U256| scaled / U256::from(SCALE);
    let mut dues = vec![
        Due::direct(
            "model developer",
            developer,
            wei(dev_native),
            wei(dev_token),
        ),
        Due::direct(
            "treasury",
            treasury,
            wei(treasury_native),
            wei(treasury_token),
        ),
    ];
    for (name, poet) in [("poet Hafez", hafez), ("poet Rumi", rumi)] {
        dues.push(Due {
            contributor_pools: vec![datanet],
            native: contributors_native.claimable_wei(poet),
            token: contributors_token.claimable_wei(poet),
            ..Due::direct(name, poet, U256::ZERO, U256::ZERO)
        });
    }
    for (name, v) in ["validator 1", "validator 2", "validator 3"]
        .into_iter()
        .zip(validators)
    {
        dues.push(Due {
            validator_pools: vec![datanet],
            native: validators_native.claimable_wei(v),
            token: validators_token.claimable_wei(v),
            ..Due::direct(name, v, U256::ZERO, U256::ZERO)
        });
    }
    for due in dues {
        for (t, label, expected) in [
            (Address::ZERO, "ETH", due.native),
            (token, "TOK", due.token),
        ] {
            let wallet = account(&format!("{} wallet", due.name));
            let claimed = d
                .send(
                    due.name,
                    due.account,
                    splitter,
                    U256::ZERO,
                    spl::IRewardSplitter::claimCall {
                        token: t,
                        contributor_datanets: due.contributor_pools.clone(),
                        validator_datanets: due.validator_pools.clone(),
                        to: wallet,
                    },
                    format!("claim {label}"),
                )?
                ._0;
            let received = if t.is_zero() {
                d.chain.balance(wallet)
            } else {
                d.view(token, tok::ITestToken::balanceOfCall { account: wallet })?
                    ._0
            };
            ensure!(
                received == claimed,
                "{}'s wallet received {received} {label}, the claim said {claimed}",
                due.name
            );
            d.report.payouts.push(Payout {
                account: due.name.to_owned(),
                token: label,
                claimed,
                expected,
            });
        }
    }

    // ---- the books
    for (t, label) in [(Address::ZERO, "ETH"), (token, "TOK")] {
        let info = d.view(splitter, spl::IRewardSplitter::tokenInfoCall { token: t })?;
        let held = if t.is_zero() {
            d.chain.balance(splitter)
        } else {
            d.view(token, tok::ITestToken::balanceOfCall { account: splitter })?
                ._0
        };
        d.report.books.push(Books {
            token: label,
            deposited: info._2,
            claimed: info._3,
            held,
            dust_scaled: info._4,
        });
    }
    // The splitter took in exactly what users paid (fees) and what the
    // registry forwarded (the forfeited bond and the slash); the market
    // holds nothing, and the registry holds no ETH.
    let paid_native: U256 = native_fees.iter().copied().sum();
    let paid_token: U256 = token_fees.iter().copied().sum::<U256>() + bond + slash;
    ensure!(
        d.report.books[0].deposited == paid_native && d.report.books[1].deposited == paid_token,
        "the splitter counts deposits of {} ETH wei and {} TOK wei, users paid {paid_native} and {paid_token}",
        d.report.books[0].deposited,
        d.report.books[1].deposited
    );
    let market_tokens = d
        .view(
            token,
            tok::ITestToken::balanceOfCall {
                account: market_address,
            },
        )?
        ._0;
    ensure!(
        d.chain.balance(market_address).is_zero() && market_tokens.is_zero(),
        "the market holds funds"
    );
    ensure!(
        d.chain.balance(registry).is_zero(),
        "the registry holds ETH"
    );
    // What the splitter still holds is dust and sub-wei rests: less than
    // one wei per claimer and token beyond the counted dust.
    for b in &d.report.books {
        let claimers = U256::from(d.report.payouts.len() as u64 / 2);
        ensure!(
            b.held * U256::from(SCALE) <= b.dust_scaled + claimers * U256::from(SCALE),
            "{}: the splitter holds {} wei after every claim",
            b.token,
            b.held
        );
    }
    // The registry holds exactly the remaining stakes (no bond is pending).
    let registry_holds = d
        .view(token, tok::ITestToken::balanceOfCall { account: registry })?
        ._0;
    ensure!(
        registry_holds == stakes[0] + stakes[1],
        "the registry holds {registry_holds}, expected the two remaining stakes"
    );
    d.report.notes.push(format!(
        "registry holds {} TOK: validators 1 and 2's stakes, nothing else",
        registry_holds / U256::from(SCALE)
    ));
    Ok(d.report)
}

/// What an account is due, and the pools it claims from.
struct Due {
    name: &'static str,
    account: Address,
    contributor_pools: Vec<U256>,
    validator_pools: Vec<U256>,
    native: U256,
    token: U256,
}

impl Due {
    /// A balance credited directly (developer, treasury): no pools.
    fn direct(name: &'static str, account: Address, native: U256, token: U256) -> Self {
        Due {
            name,
            account,
            contributor_pools: Vec::new(),
            validator_pools: Vec::new(),
            native,
            token,
        }
    }
}

/// Grants the peers their roles, allows the test token, and freezes the
/// peer roles (README, "Deploying").
fn wire(d: &mut Driver, admin: Address, s: &Suite) -> Result<()> {
    let role = |name: &str| keccak256(name.as_bytes());
    for (name, holder) in [
        ("REGISTRY_ROLE", s.registry),
        ("MARKET_ROLE", s.market),
        ("ATTRIBUTION_ROLE", s.attribution),
    ] {
        d.send(
            "admin",
            admin,
            s.splitter,
            U256::ZERO,
            spl::IRewardSplitter::grantRoleCall {
                role: role(name),
                account: holder,
            },
            format!("splitter: grant {name}"),
        )?;
    }
    d.send(
        "admin",
        admin,
        s.splitter,
        U256::ZERO,
        spl::IRewardSplitter::setTokenAllowedCall {
            token: s.token,
            allowed: true,
        },
        "splitter: allow TOK",
    )?;
    d.send(
        "admin",
        admin,
        s.attribution,
        U256::ZERO,
        attr::IAttribution::grantRoleCall {
            role: role("MARKET_ROLE"),
            account: s.market,
        },
        "attribution: grant MARKET_ROLE",
    )?;
    for name in ["REGISTRY_ROLE", "MARKET_ROLE", "ATTRIBUTION_ROLE"] {
        d.send(
            "admin",
            admin,
            s.splitter,
            U256::ZERO,
            spl::IRewardSplitter::freezeRoleCall { role: role(name) },
            format!("splitter: freeze {name}"),
        )?;
    }
    d.send(
        "admin",
        admin,
        s.attribution,
        U256::ZERO,
        attr::IAttribution::freezeRoleCall {
            role: role("MARKET_ROLE"),
        },
        "attribution: freeze MARKET_ROLE",
    )?;
    Ok(())
}

/// Mints `amount` test tokens to `who` and approves `spender` for them.
fn mint_and_approve(
    d: &mut Driver,
    actor: &str,
    who: Address,
    token: Address,
    spender: Address,
    amount: U256,
) -> Result<()> {
    d.send(
        actor,
        who,
        token,
        U256::ZERO,
        tok::ITestToken::mintCall { to: who, amount },
        "mint TOK (test faucet)",
    )?;
    d.send(
        actor,
        who,
        token,
        U256::ZERO,
        tok::ITestToken::approveCall {
            spender,
            value: amount,
        },
        "approve TOK",
    )?;
    Ok(())
}

/// `0x1234…abcd`.
fn short(a: Address) -> String {
    let s = format!("{a}");
    format!("{}…{}", &s[..6], &s[s.len() - 4..])
}
