//! What each account should be paid, computed here from SPEC.md's rules
//! and the scenario's own record of who held which shares when, without
//! reading the splitter's accounting.
//!
//! A fee `F` (wei) is worth `F * 10^18` scaled units. The protocol fee is
//! `F * fee / 10^4`; of the rest `R`, the developer gets `R * dev / 10^4`,
//! the data share `R * data / 10^4` goes to the contributor pools and the
//! validator share `R * val / 10^4` to the validator pools, each split over
//! the model's datanets by weight. A pool credit of `c` scaled units raises
//! the pool's reward per share by `floor(c / totalShares)` (the remainder is
//! dust, paid to nobody); a member is owed `shares * (rewardPerShare -
//! rewardPerShare when its shares last changed)`; a claim pays the whole
//! wei of what is owed.

use std::collections::BTreeMap;

use alloy_primitives::{Address, U256};

/// Scaled units per wei.
pub const SCALE: u128 = 1_000_000_000_000_000_000;
/// Basis points in a whole.
pub const BPS: u128 = 10_000;

/// One pool in one token.
#[derive(Default, Debug)]
pub struct Pool {
    reward_per_share: U256,
    total: U256,
    members: BTreeMap<Address, Member>,
}

#[derive(Default, Debug, Clone)]
struct Member {
    shares: U256,
    checkpoint: U256,
    owed: U256,
}

impl Pool {
    /// `account` gains `shares` (its earlier reward is settled first).
    pub fn add_shares(&mut self, account: Address, shares: u64) {
        let rps = self.reward_per_share;
        let member = self.members.entry(account).or_default();
        member.owed += member.shares * (rps - member.checkpoint);
        member.checkpoint = rps;
        member.shares += U256::from(shares);
        self.total += U256::from(shares);
    }

    /// A credit of `scaled` units to the pool, which has shares.
    pub fn credit(&mut self, scaled: U256) {
        assert!(
            !self.total.is_zero(),
            "the scenario credits pools with shares only"
        );
        self.reward_per_share += scaled / self.total;
    }

    /// What `account` can claim, in whole wei.
    pub fn claimable_wei(&self, account: Address) -> U256 {
        self.members.get(&account).map_or(U256::ZERO, |m| {
            (m.owed + m.shares * (self.reward_per_share - m.checkpoint)) / U256::from(SCALE)
        })
    }
}

/// The split of one fee, in scaled units.
#[derive(Debug, Clone, Copy)]
pub struct FeeSplit {
    pub protocol: U256,
    pub developer: U256,
    pub data: U256,
    pub validators: U256,
}

/// Splits a fee of `amount` wei by the protocol fee and a listing's split.
pub fn split_fee(amount: U256, protocol_bps: u16, split: (u16, u16, u16)) -> FeeSplit {
    let bps = U256::from(BPS);
    let total = amount * U256::from(SCALE);
    let protocol = total * U256::from(protocol_bps) / bps;
    let rest = total - protocol;
    FeeSplit {
        protocol,
        developer: rest * U256::from(split.0) / bps,
        data: rest * U256::from(split.1) / bps,
        validators: rest * U256::from(split.2) / bps,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fee_splits_exactly_and_pools_round_down() {
        let s = split_fee(U256::from(1_000_000u64), 500, (6_000, 3_000, 1_000));
        let wei = |x: U256| x / U256::from(SCALE);
        assert_eq!(
            [
                wei(s.protocol),
                wei(s.developer),
                wei(s.data),
                wei(s.validators)
            ],
            [50_000u64, 570_000, 285_000, 95_000].map(U256::from)
        );
        let (a, b) = (Address::repeat_byte(1), Address::repeat_byte(2));
        let mut pool = Pool::default();
        pool.add_shares(a, 2);
        pool.add_shares(b, 1);
        pool.credit(U256::from(10u64) * U256::from(SCALE));
        // 10 wei over 3 shares: 3.33.. wei per share, rounded down in
        // scaled units, then to whole wei.
        assert_eq!(pool.claimable_wei(a), U256::from(6u64));
        assert_eq!(pool.claimable_wei(b), U256::from(3u64));
        // Shares added later earn only later credits.
        pool.add_shares(a, 1);
        pool.credit(U256::from(4u64) * U256::from(SCALE));
        assert_eq!(pool.claimable_wei(a), U256::from(9u64));
        assert_eq!(pool.claimable_wei(b), U256::from(4u64));
    }
}
