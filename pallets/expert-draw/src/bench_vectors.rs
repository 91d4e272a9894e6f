//! The fixed draw of the benchmarks and its VRF contributions, signed in advance (the runtime
//! cannot sign). Compiled for the benchmarks and for the unit tests that keep the
//! contributions valid.

use crate::types::Requirement;
use alloc::{vec, vec::Vec};

/// The lines of the benchmark draw: 7 experts.
pub(crate) fn bench_lines() -> Vec<Requirement> {
	vec![
		Requirement { speciality: 1, count: 2 },
		Requirement { speciality: 2, count: 2 },
		Requirement { speciality: 3, count: 2 },
		Requirement { speciality: 4, count: 1 },
	]
}

/// The genesis hash the benchmark sets.
pub(crate) const BENCH_GENESIS: [u8; 32] = [0x69; 32];
/// The anchor hash the benchmark sets.
pub(crate) const BENCH_ANCHOR: [u8; 32] = [0xa7; 32];

/// Two contributions over the benchmark draw's input: (public key, pre-output, proof), signed
/// with the sr25519 keys `//bench-draw-0` and `//bench-draw-1`.
pub(crate) const BENCH_CONTRIBUTIONS: [([u8; 32], [u8; 32], [u8; 64]); 2] =
	include!("bench_vrf.in");
