//! The markdown report: runs every setup and tabulates the counts.

use std::fmt::Write;

use crate::scenario::{
    run, Metered, Run, Setup, CONTRIBUTOR_WEIGHT, FEE_WEI, INFLUENCE_BPS, PROTOCOL_FEE_BPS,
    SPLIT_BPS, VALIDATORS, WARM_UP_FEES,
};

/// Contributor counts compared.
pub const CONTRIBUTOR_COUNTS: [u32; 3] = [10, 1_000, 10_000];
/// Datanet counts of the model (one, and the most a fee is split over).
pub const DATANET_COUNTS: [u8; 2] = [1, 16];

/// Everything a call did that must not depend on the contributor count:
/// host call counts, the exact slot keys read and written, the slots
/// changed and flushed, the logs' shapes, and the gas estimate.
pub fn work(metered: &Metered) -> impl PartialEq + core::fmt::Debug {
    let stats = &metered.stats;
    let log_shapes: Vec<(usize, usize)> = stats
        .logs
        .iter()
        .map(|log| (log.topics.len(), log.data.len()))
        .collect();
    (
        (
            stats.storage_loads,
            stats.storage_writes,
            stats.storage_flushes,
        ),
        (
            stats.slots_read(),
            stats.slots_written(),
            stats.slots_changed(),
            stats.slots_flushed(),
        ),
        (log_shapes, stats.keccak_inputs.clone(), stats.other.clone()),
        metered.gas,
    )
}

/// Whether every run's call did the same work as the first run's.
pub fn same_work(runs: &[Run], pick: impl Fn(&Run) -> &Metered) -> bool {
    runs.iter().all(|r| work(pick(r)) == work(pick(&runs[0])))
}

fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn table(out: &mut String, runs: &[Run], pick: impl Fn(&Run) -> &Metered) -> bool {
    out.push_str(
        "| contributors | state slots | storage loads | distinct slots read | cache writes \
         | distinct slots written | changed slots | SSTOREs at flush | logs (data bytes) \
         | keccak hostio | est. storage gas | est. host gas |\n",
    );
    out.push_str("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for r in runs {
        let m = pick(r);
        let s = &m.stats;
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} ({}) | {} | {} | {} |",
            thousands(u64::from(r.setup.contributors)),
            thousands(r.state_slots as u64),
            s.storage_loads,
            s.slots_read().len(),
            s.storage_writes,
            s.slots_written().len(),
            s.slots_changed().len(),
            s.slots_flushed().len(),
            s.logs.len(),
            s.log_data_bytes(),
            s.keccak_inputs.len(),
            thousands(m.gas.storage()),
            thousands(m.gas.total()),
        );
    }
    let same = same_work(runs, &pick);
    let _ = writeln!(
        out,
        "\nIdentical for {}: **{}** (counts, the exact slot keys read, written and \
         changed, log shapes, other host calls).\n",
        counts_text(),
        if same { "yes" } else { "NO" }
    );
    same
}

fn counts_text() -> String {
    let counts: Vec<String> = CONTRIBUTOR_COUNTS
        .iter()
        .map(|&n| thousands(u64::from(n)))
        .collect();
    format!("{} contributors", counts.join(" / "))
}

fn breakdown(out: &mut String, rows: &[(&str, &Metered)]) {
    out.push_str(
        "| call | cold SLOAD | SSTORE | cache charges | storage | logs | host-call ink, in gas | total |\n",
    );
    out.push_str("|---|---:|---:|---:|---:|---:|---:|---:|\n");
    for (name, m) in rows {
        let g = m.gas;
        let _ = writeln!(
            out,
            "| {name} | {} | {} | {} | {} | {} | {} | {} |",
            thousands(g.sload),
            thousands(g.sstore),
            thousands(g.cache),
            thousands(g.storage()),
            thousands(g.logs),
            thousands(g.hostio),
            thousands(g.total()),
        );
    }
    out.push('\n');
}

/// Runs every setup; returns the report and whether the work was the same
/// for every contributor count in every table.
pub fn generate() -> (String, bool) {
    let runs: Vec<Vec<Run>> = DATANET_COUNTS
        .iter()
        .map(|&datanets| {
            CONTRIBUTOR_COUNTS
                .iter()
                .map(|&contributors| run(Setup::uniform(datanets, contributors)))
                .collect()
        })
        .collect();
    let (dev, data, val) = SPLIT_BPS;
    let fee = thousands(FEE_WEI);
    let mut out = String::new();
    let _ = write!(
        out,
        "# Fee routing: storage work with 10, 1,000 and 10,000 contributors

Generated; do not edit. Regenerate with

    cargo run -p fee-routing-bench --release > docs/benchmarks/fee_routing_storage.md

(crate `bench/`). `cargo test -p fee-routing-bench` asserts the same
comparison (issue #3).

## What is measured, and what is not

- **Measured (exact counts):** every Stylus host call the real
  `RewardSplitter` code makes in one method call: `storage_load_bytes32`,
  `storage_cache_bytes32`, the slots they touch (keys and values before and
  after), logs, `native_keccak256` and the rest. The contract runs natively
  against a counting host (`bench/src/host.rs`) that implements the SDK's
  `vm_hooks` imports; it is the same Rust and the same stylus-sdk storage
  layer the wasm program is built from, so it makes the same host calls.
- **Estimated, not measured:** every gas figure. They apply Nitro's
  pricing (ArbOS 50 defaults; `bench/src/gas.rs` and the rules at the end)
  to the counts, each call taken as its own transaction with a cold access
  list. \"est. storage gas\" is cold `SLOAD`s + `SSTORE`s at the cache flush
  + the storage cache's charges; \"est. host gas\" adds logs and host call
  ink.
- **Not covered:** WASM compute, program init and memory, the router's
  calldata decoding and result encoding (calls go straight to the
  methods), the 21,000 transaction base, calldata, refunds. None depends
  on the number of contributors either, but they are not counted here.
- keccak: storage-map slots are hashed with the `native_keccak256` host
  call, as in the wasm build; the count is below.

## Setup

A fresh splitter (protocol fee {PROTOCOL_FEE_BPS} bps). In every datanet of the
model: N contributors of {CONTRIBUTOR_WEIGHT} shares each and {VALIDATORS}
validators. Then {WARM_UP_FEES} warm-up fees, then the metered calls. Each fee
is {fee} wei of the native token (sent as value), split developer {dev} /
data {data} / validators {val} bps, {INFLUENCE_BPS} bps of the data share to
the influence escrow, over the model's datanets with equal weights. Every
pool division leaves a remainder, so the dust is updated in every run (the
same code path for every N). \"state slots\" counts the splitter's non-zero
storage slots before the metered fee: the state grows with N, the work does
not.

"
    );
    let mut same = true;
    for (datanets, runs) in DATANET_COUNTS.iter().zip(&runs) {
        let _ = writeln!(
            out,
            "## Route one fee over {datanets} datanet{}\n",
            if *datanets == 1 { "" } else { "s" }
        );
        same &= table(&mut out, runs, |r| &r.route);
    }
    out.push_str(
        "A fee writes 4 slots plus 4 per datanet (asserted by the test): the \
         token's `deposited`/`dust` word, the treasury's and the developer's \
         balances and the model's escrow; per datanet, reward per share and \
         revenue of its contributor and validator pools. By the code, none of \
         them belongs to a contributor.\n\n",
    );
    out.push_str(
        "## Share change (contributor 0 of datanet 1 gains shares; settled, nothing claimed)\n\n\
         One-datanet setup. The contributor joined before the warm-up fees, so \
         settling writes its checkpoint and `owed` from zero (20,000 each), \
         then its shares and the pool total.\n\n",
    );
    same &= table(&mut out, &runs[0], |r| &r.share_change);

    let largest = CONTRIBUTOR_COUNTS[CONTRIBUTOR_COUNTS.len() - 1];
    let _ = writeln!(
        out,
        "## Estimated gas by part ({} contributors)\n",
        thousands(u64::from(largest))
    );
    let last = |runs: &[Run]| runs.len() - 1;
    breakdown(
        &mut out,
        &[
            ("route, 1 datanet", &runs[0][last(&runs[0])].route),
            ("route, 16 datanets", &runs[1][last(&runs[1])].route),
            ("share change", &runs[0][last(&runs[0])].share_change),
        ],
    );
    out.push_str(
        "## Estimate rules (Nitro, ArbOS 50 defaults)

- First load of a slot: cold `SLOAD`, 2,100. Later loads of it, and loads
  of slots the call wrote first, are hits in Nitro's per-call storage
  cache. Cache charges: 0 gas for the first 32 reads then 2 (to 128) and
  10; 0 for the first 8 writes then 7 (to 64) and 10.
- At the end of the call the cache is flushed: one `SSTORE` per slot whose
  value differs from what was loaded (a slot written without a load is
  always flushed): +2,100 if still cold; 20,000 zero to non-zero, 2,900
  non-zero to another value, 100 unchanged. Refunds ignored.
- Logs: 375 + 375 per topic + 8 per data byte.
- Host call ink (10,000 ink = 1 gas): 18,480 per storage load or cache
  write, 68,073 per log and for the final flush, 13,440 for
  `msg_sender`/`msg_value`, 121,800 per keccak (+21,000 per word beyond
  two), 8,400 for any other host call.
",
    );
    (out, same)
}
