//! The deterministic part of a draw: who is eligible, the VRF input, the seed, and the
//! selection from the seed. Pure functions, so that the runtime and anyone replaying a draw
//! compute the same thing (the client `tender draw verify` has its own implementation, pinned
//! to this one by shared test vectors).
//!
//! - **Eligible set of a line**: the pool entries, in entry order, that hold the line's
//!   speciality, are available and not struck, fit the mode (local: the host city; remote:
//!   take remote evaluation and are not of the host city nor of the tenderer's city), whose
//!   employer is neither the tenderer's nor any bidder's, and that are neither on the tender's
//!   committee already nor among the tenderer's recent picks.
//! - **Input**: `BLAKE2-256(INPUT_TAG ‖ SCALE(genesis, draw, tender, mode, requirements,
//!   anchor block hash))`.
//! - **Seed**: `BLAKE2-256(SEED_TAG ‖ input ‖ (SCALE(city) ‖ output) for each contribution in
//!   city-code order)`.
//! - **Selection of a line**: the candidates are the line's eligible set minus the picks of
//!   earlier lines, in order; a partial Fisher–Yates shuffle: for `i` in `0..count`,
//!   `r = u128 LE of the first 16 bytes of BLAKE2-256(PICK_TAG ‖ seed ‖ line u32 LE ‖ i u32
//!   LE)`, `j = i + r mod (n − i)`, swap `i` and `j`; the picks are the first `count`. The
//!   modulo bias is below `n / 2^128`.

use crate::types::*;
use alloc::vec::Vec;
use codec::Encode;
use sp_core::H256;

/// What makes an expert ineligible for one tender, apart from the entry itself.
#[derive(Clone, Debug, Default)]
pub struct Avoidance {
	/// The host city of the tender.
	pub host: CityCode,
	/// The tenderer's certified city (remote mode excludes it too), if known.
	pub tenderer_city: Option<CityCode>,
	/// The employers to avoid: the tenderer's and the bidders' identity hashes, sorted.
	pub employers: Vec<H256>,
	/// The entries to avoid: the tender's committee so far and the tenderer's recent picks,
	/// sorted.
	pub entries: Vec<EntryId>,
}

impl Avoidance {
	/// Sorts and deduplicates the lists, as [`is_eligible`] expects.
	pub fn normalise(&mut self) {
		self.employers.sort();
		self.employers.dedup();
		self.entries.sort();
		self.entries.dedup();
	}
}

/// Whether entry `id` may be drawn for `speciality` in `mode` under `avoid` (normalised).
pub fn is_eligible(
	id: EntryId,
	entry: &PoolEntry,
	speciality: Speciality,
	mode: Mode,
	avoid: &Avoidance,
) -> bool {
	if !entry.available || entry.struck || !entry.specialities.contains(&speciality) {
		return false;
	}
	let city_fits = match mode {
		Mode::Local => entry.city == avoid.host,
		Mode::Remote => {
			entry.remote
				&& entry.city != avoid.host
				&& avoid.tenderer_city.as_ref() != Some(&entry.city)
		},
	};
	city_fits
		&& avoid.employers.binary_search(&entry.employer).is_err()
		&& avoid.entries.binary_search(&id).is_err()
}

/// The first line whose eligible set may run out, as `(line, eligible, needed)`.
///
/// Line `l` needs its own count plus, for each earlier line `j`, as many of `j`'s picks as
/// could come from `l`'s set: `min(count_j, |E_l ∩ E_j|)`. This is checked at the request,
/// before any randomness exists, so a draw never fails half-way. Eligible sets are sorted.
pub fn shortfall(lines: &[(Requirement, Vec<EntryId>)]) -> Option<(u32, u32, u32)> {
	for (l, (req, set)) in lines.iter().enumerate() {
		let mut needed = req.count as u64;
		for (earlier, earlier_set) in &lines[..l] {
			let common = set.iter().filter(|e| earlier_set.binary_search(e).is_ok()).count() as u64;
			needed = needed.saturating_add(common.min(earlier.count as u64));
		}
		if (set.len() as u64) < needed {
			return Some((l as u32, set.len() as u32, needed.min(u32::MAX as u64) as u32));
		}
	}
	None
}

/// The hash every contributor's VRF signs over.
pub fn input_hash(
	genesis: H256,
	draw: DrawId,
	tender: TenderId,
	mode: Mode,
	requirements: &[Requirement],
	anchor_hash: H256,
) -> H256 {
	let mut data = INPUT_TAG.to_vec();
	(genesis, draw, tender, mode, requirements, anchor_hash).encode_to(&mut data);
	H256(sp_io::hashing::blake2_256(&data))
}

/// The seed of a draw from its input and its contributions' outputs, taken in city-code
/// order (so the order in which cities answered does not matter).
pub fn seed(input: H256, contributions: &[(CityCode, [u8; 32])]) -> H256 {
	let mut sorted: Vec<&(CityCode, [u8; 32])> = contributions.iter().collect();
	sorted.sort_by(|a, b| a.0.cmp(&b.0));
	let mut data = SEED_TAG.to_vec();
	data.extend_from_slice(input.as_bytes());
	for (city, output) in sorted {
		city.encode_to(&mut data);
		data.extend_from_slice(output);
	}
	H256(sp_io::hashing::blake2_256(&data))
}

/// The `i`th random number of line `line` of a draw with `seed`.
fn random(seed: &H256, line: u32, i: u32) -> u128 {
	let mut data = PICK_TAG.to_vec();
	data.extend_from_slice(seed.as_bytes());
	data.extend_from_slice(&line.to_le_bytes());
	data.extend_from_slice(&i.to_le_bytes());
	let hash = sp_io::hashing::blake2_256(&data);
	let mut bytes = [0u8; 16];
	bytes.copy_from_slice(&hash[..16]);
	u128::from_le_bytes(bytes)
}

/// Picks `count` of `candidates` for line `line` (partial Fisher–Yates). Returns fewer only
/// if there are fewer candidates, which [`shortfall`] rules out beforehand.
pub fn pick(seed: &H256, line: u32, mut candidates: Vec<EntryId>, count: u32) -> Vec<EntryId> {
	let n = candidates.len();
	let count = (count as usize).min(n);
	for i in 0..count {
		let remaining = (n - i) as u128;
		let j = i + (random(seed, line, i as u32) % remaining) as usize;
		candidates.swap(i, j);
	}
	candidates.truncate(count);
	candidates
}

/// The picks of a whole draw: line by line, each line's candidates being its eligible set
/// minus the picks of earlier lines.
pub fn select(seed: &H256, lines: &[(Requirement, Vec<EntryId>)]) -> Vec<EntryId> {
	let mut picks: Vec<EntryId> = Vec::new();
	for (l, (req, set)) in lines.iter().enumerate() {
		let candidates: Vec<EntryId> = set.iter().copied().filter(|e| !picks.contains(e)).collect();
		picks.extend(pick(seed, l as u32, candidates, req.count));
	}
	picks
}
