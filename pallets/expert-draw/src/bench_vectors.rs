//! The fixed draws of the benchmarks and their VRF contributions, signed in advance (the
//! runtime cannot sign). Compiled for the benchmarks and for the unit tests that keep the
//! contributions valid.
//!
//! The benchmark draw picks `MaxPicks` experts (the worst case), so its lines, and with them
//! its input, depend on the runtime: contributions are recorded for each `MaxPicks` of
//! [`BENCH_TOTALS`] (the mock's and the runtime's). A runtime with another `MaxPicks` stops the
//! benchmark with a message: add the value to `BENCH_TOTALS` and regenerate `bench_vrf.in`
//! (the test `fresh_benchmark_contributions_come_from_the_recorded_keys` prints it).

use crate::types::Requirement;
use alloc::vec::Vec;

/// The lines of the benchmark draw of `total` experts: four lines of specialities 1 to 4,
/// `total` split as evenly as possible, the first lines taking the remainder.
pub(crate) fn bench_lines(total: u32) -> Vec<Requirement> {
	(0..4u32)
		.map(|l| Requirement {
			speciality: l as u16 + 1,
			count: total / 4 + u32::from(l < total % 4),
		})
		.filter(|r| r.count > 0)
		.collect()
}

/// The genesis hash the benchmark sets.
pub(crate) const BENCH_GENESIS: [u8; 32] = [0x69; 32];
/// The anchor hash the benchmark sets.
pub(crate) const BENCH_ANCHOR: [u8; 32] = [0xa7; 32];

/// One VRF contribution: (public key, pre-output, proof).
pub(crate) type BenchContribution = ([u8; 32], [u8; 32], [u8; 64]);

/// The `MaxPicks` values the benchmark contributions are recorded for: the mock's and the
/// runtime's.
#[cfg(test)]
pub(crate) const BENCH_TOTALS: [u32; 2] = [9, 25];

/// For each of [`BENCH_TOTALS`], two contributions over the input of the benchmark draw of
/// that many experts, signed with the sr25519 keys `//bench-draw-0` and `//bench-draw-1`.
pub(crate) const BENCH_CONTRIBUTIONS: [(u32, [BenchContribution; 2]); 2] = include!("bench_vrf.in");

/// The two contributions for the benchmark draw of `total` experts, if recorded.
pub(crate) fn bench_contributions(total: u32) -> Option<[BenchContribution; 2]> {
	BENCH_CONTRIBUTIONS.iter().find(|(t, _)| *t == total).map(|(_, c)| *c)
}
