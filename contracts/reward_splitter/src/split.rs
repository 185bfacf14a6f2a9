//! Exact division of one fee into its shares, in scaled units.
//!
//! A fee of `amount` wei is worth `amount * SCALE` units. `SCALE` (10^18) is
//! a multiple of 10^16, so every basis-point product below divides exactly:
//! protocol fee, the developer / data / validator split, the influence part
//! of the data share and each datanet's weight. No share is rounded, so a
//! one-wei fee in a zero-decimal token is split as fairly as a large one.
//! The only rounding in the splitter is a pool's division by its share
//! count (see `lib.rs`), and its remainder is kept and counted.

use alloy_primitives::{uint, U256};

/// Scaled units per wei.
pub const SCALE: U256 = uint!(1_000_000_000_000_000_000_U256);

/// Basis points in a whole.
pub const BPS: u16 = 10_000;

/// Largest fee amount in wei: per-token totals are kept in 128 bits, and
/// `amount * SCALE * BPS` then fits easily in 256.
pub const MAX_AMOUNT: U256 = U256::from_limbs([u64::MAX, u64::MAX, 0, 0]);

/// One fee's shares, in scaled units. They sum to `amount * SCALE`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FeeSplit {
    /// The treasury's protocol fee.
    pub protocol: U256,
    /// The model developer's share.
    pub developer: U256,
    /// The part of the data share held in the model's influence escrow.
    pub escrow: U256,
    /// The part of the data share for the datanets' contributor pools.
    pub data: U256,
    /// The share for the datanets' validator pools.
    pub validators: U256,
}

/// `value * bps / 10_000`, exact for the values this module produces.
fn bps_of(value: U256, bps: u16) -> U256 {
    div_rem(value * U256::from(bps), u64::from(BPS)).0
}

/// `(value / divisor, value % divisor)` for a non-zero 64-bit divisor.
///
/// Every division in the splitter has such a divisor (10^4, `SCALE`, a
/// pool's share count). Schoolbook division by one limb is a few lines;
/// ruint's general 256-bit division costs about 4 KB of program code.
pub fn div_rem(value: U256, divisor: u64) -> (U256, u64) {
    let divisor = u128::from(divisor);
    let mut quotient = [0u64; 4];
    let mut rest = 0u128;
    for (i, &limb) in value.as_limbs().iter().enumerate().rev() {
        let current = (rest << 64) | u128::from(limb);
        quotient[i] = (current / divisor) as u64;
        rest = current % divisor;
    }
    (U256::from_limbs(quotient), rest as u64)
}

/// `SCALE` as a 64-bit divisor.
pub const SCALE_U64: u64 = 1_000_000_000_000_000_000;

/// Splits a fee of `amount` wei: the protocol fee first, then the listing's
/// split of the rest, then the influence part of the data share.
///
/// The caller has checked `amount <= MAX_AMOUNT`, `protocol_bps <= BPS`,
/// `developer_bps + data_bps + validator_bps == BPS` and
/// `influence_bps <= BPS`.
pub fn split_fee(
    amount: U256,
    protocol_bps: u16,
    developer_bps: u16,
    data_bps: u16,
    influence_bps: u16,
) -> FeeSplit {
    let total = amount * SCALE;
    let protocol = bps_of(total, protocol_bps);
    let rest = total - protocol;
    let developer = bps_of(rest, developer_bps);
    let data_share = bps_of(rest, data_bps);
    let validators = rest - developer - data_share;
    let escrow = bps_of(data_share, influence_bps);
    FeeSplit {
        protocol,
        developer,
        escrow,
        data: data_share - escrow,
        validators,
    }
}

/// A datanet's part of a pool share: `share * weight_bps / 10_000`. Exact
/// for shares from [`split_fee`]; the weights sum to 10,000, so the parts
/// sum to `share`.
pub fn weighted(share: U256, weight_bps: u16) -> U256 {
    bps_of(share, weight_bps)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exact(value: U256, divisor: u64) -> bool {
        (value % U256::from(divisor)).is_zero()
    }

    #[test]
    fn div_rem_matches_ruint() {
        let values = [
            U256::ZERO,
            U256::from(1),
            U256::from(u64::MAX),
            U256::from(u128::MAX) * U256::from(3),
            U256::MAX,
            U256::MAX - U256::from(12_345),
        ];
        for value in values {
            for divisor in [1u64, 3, 10_000, SCALE_U64, u64::MAX - 1, u64::MAX] {
                let (q, r) = div_rem(value, divisor);
                assert_eq!(q, value / U256::from(divisor));
                assert_eq!(U256::from(r), value % U256::from(divisor));
            }
        }
        assert_eq!(U256::from(SCALE_U64), SCALE);
    }

    #[test]
    fn shares_sum_to_the_fee_and_divide_exactly() {
        let amounts = [
            U256::from(1),
            U256::from(7),
            U256::from(999_999),
            MAX_AMOUNT,
        ];
        let fees = [0u16, 1, 333, 1_000, BPS];
        let splits = [
            (10_000u16, 0u16, 0u16),
            (1, 1, 9_998),
            (3_333, 3_333, 3_334),
            (0, 10_000, 0),
        ];
        let influences = [0u16, 1, 5_000, 9_999, BPS];
        for &amount in &amounts {
            for &fee in &fees {
                for &(dev, data, val) in &splits {
                    assert_eq!(dev + data + val, BPS);
                    for &influence in &influences {
                        let s = split_fee(amount, fee, dev, data, influence);
                        let sum = s.protocol + s.developer + s.escrow + s.data + s.validators;
                        assert_eq!(sum, amount * SCALE);
                        // Each share is the exact rational value: nothing was rounded.
                        assert_eq!(
                            s.protocol * U256::from(BPS),
                            amount * SCALE * U256::from(fee)
                        );
                        let rest = amount * SCALE - s.protocol;
                        assert_eq!(s.developer * U256::from(BPS), rest * U256::from(dev));
                        assert_eq!(s.validators * U256::from(BPS), rest * U256::from(val));
                        let data_share = s.escrow + s.data;
                        assert_eq!(data_share * U256::from(BPS), rest * U256::from(data));
                        assert_eq!(
                            s.escrow * U256::from(BPS),
                            data_share * U256::from(influence)
                        );
                        // A datanet weight divides the pool shares exactly too.
                        assert!(exact(s.data, 10_000) && exact(s.validators, 10_000));
                        assert_eq!(weighted(s.data, 1) * U256::from(BPS), s.data);
                    }
                }
            }
        }
    }

    #[test]
    fn one_wei_in_a_zero_decimal_token_is_split_without_favouring_anyone() {
        // Rounding in whole wei would give this fee to one party; scaled, each
        // party gets its exact fraction of it.
        let s = split_fee(U256::from(1), 500, 7_000, 2_000, 2_500);
        assert_eq!(s.protocol, SCALE / U256::from(20));
        assert_eq!(
            s.developer,
            SCALE * U256::from(95) * U256::from(7) / U256::from(1_000)
        );
        assert_eq!(
            s.escrow,
            SCALE * U256::from(95) * U256::from(2) / U256::from(4_000)
        );
        assert_eq!(
            s.data,
            SCALE * U256::from(95) * U256::from(6) / U256::from(4_000)
        );
        assert_eq!(s.validators, SCALE * U256::from(95) / U256::from(1_000));
    }
}
