//! Issue #3: routing a fee (and changing a contributor's shares) does the
//! same storage work with 10 and with 10,000 contributors in the pool.
//! Counted host calls, not wall time; see the crate docs.

use fee_routing_bench::{
    report::work,
    scenario::{run, Run, Setup},
};

fn setup(datanets: u8, contributors: u32, elsewhere: u32) -> Run {
    run(Setup {
        datanets,
        contributors,
        elsewhere,
    })
}

fn assert_plausible_route(r: &Run, datanets: usize) {
    let s = &r.route.stats;
    // Per datanet: contributor and validator pool, each reward per share
    // and revenue; plus the token's deposited/dust word, the treasury's
    // and the developer's balances and the model's escrow.
    let expected_written = 4 + 4 * datanets;
    assert_eq!(s.slots_written().len(), expected_written, "{r:#?}");
    assert_eq!(s.slots_changed().len(), expected_written);
    assert_eq!(s.slots_flushed().len(), expected_written);
    assert!(s.storage_loads >= s.slots_read().len() as u64);
    assert!(s.slots_read().len() >= expected_written);
    // One DatanetRevenue per datanet and one FeeRouted.
    assert_eq!(s.logs.len(), datanets + 1);
    // The dust was updated: the same code path as every other count.
    assert!(r.dust.1 > r.dust.0);
    // Steady state: no zero-to-non-zero write, so the estimate is
    // 2,100 + 2,900 per written slot plus cold reads of read-only slots.
    assert!(r.route.gas.sstore > 0 && r.route.gas.sload > 0);
}

fn assert_same(small: &Run, large: &Run) {
    assert!(large.state_slots > small.state_slots + 9_000);
    assert_eq!(work(&small.route), work(&large.route), "route differs");
    assert_eq!(
        work(&small.share_change),
        work(&large.share_change),
        "share change differs"
    );
}

#[test]
fn one_datanet_route_costs_the_same_with_10_and_10_000_contributors() {
    let small = setup(1, 10, 0);
    let large = setup(1, 10_000, 0);
    assert_plausible_route(&small, 1);
    assert_plausible_route(&large, 1);
    assert_same(&small, &large);

    let change = &large.share_change.stats;
    // Settle (checkpoint, owed), the account's shares, the pool total.
    assert_eq!(change.slots_written().len(), 4, "{change:#?}");
    assert_eq!(change.logs.len(), 1);
}

#[test]
fn sixteen_datanet_route_costs_the_same_with_10_and_10_000_contributors() {
    // Datanet 1 holds 10 or 10,000 contributors, the other 15 ten each (a
    // debug build hashes slowly; the release report fills all 16 with N).
    let small = setup(16, 10, 10);
    let large = setup(16, 10_000, 10);
    assert_plausible_route(&small, 16);
    assert_plausible_route(&large, 16);
    assert_same(&small, &large);
}
