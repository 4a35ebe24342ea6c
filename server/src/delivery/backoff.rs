//! When a message that could not be sent is tried again: exponential from a base, doubled at
//! each attempt, capped, with full jitter (a random wait up to that bound, so that messages
//! refused together by a busy server do not all come back together).

use std::time::Duration;

/// The longest wait before attempt `attempts + 1`, after `attempts` failed ones (≥ 1).
pub fn ceiling(attempts: i64, base: Duration, cap: Duration) -> Duration {
    let doublings = u32::try_from(attempts.saturating_sub(1).clamp(0, 32)).unwrap_or(32);
    base.saturating_mul(2u32.saturating_pow(doublings)).min(cap)
}

/// Seconds to wait before the next attempt: at least one, at most the ceiling.
pub fn delay_seconds(attempts: i64, base: Duration, cap: Duration) -> i64 {
    let ceiling = ceiling(attempts, base, cap).as_secs().max(1);
    i64::try_from(rand::random_range(1..=ceiling)).unwrap_or(i64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: Duration = Duration::from_secs(30);
    const CAP: Duration = Duration::from_secs(3600);

    #[test]
    fn the_ceiling_doubles_from_30_seconds_up_to_an_hour() {
        let seconds: Vec<u64> = (1..=9).map(|n| ceiling(n, BASE, CAP).as_secs()).collect();
        assert_eq!(seconds, [30, 60, 120, 240, 480, 960, 1920, 3600, 3600]);
        assert_eq!(ceiling(1_000, BASE, CAP), CAP);
    }

    #[test]
    fn the_wait_is_jittered_within_the_ceiling() {
        let waits: Vec<i64> = (0..200).map(|_| delay_seconds(3, BASE, CAP)).collect();
        assert!(waits.iter().all(|w| (1..=120).contains(w)));
        assert!(
            waits.iter().any(|w| *w != waits[0]),
            "full jitter: not all the same"
        );
    }
}
