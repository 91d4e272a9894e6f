//! The deterministic part of a draw: who is eligible, which cities are asked to contribute,
//! the VRF input, the seed, and the selection from the seed. Pure functions, so that the
//! runtime and anyone replaying a draw compute the same thing (the client `tender draw verify`
//! has its own implementation, pinned to this one by shared test vectors).
//!
//! - **Eligible set of a line**, at the request's block `now`: the pool entries, in entry order,
//!   that hold the line's speciality; are in effect (added at least `PoolChangeDelay` blocks
//!   before), available as of `now` (a change of availability counts from its block), neither
//!   struck nor exposed (proved on chain by their expert); fit the mode (local: the host city;
//!   remote: take remote evaluation and are not of the host city, nor of the certified city of the
//!   tender's owner, nor, for an agency's tender, of its principal's); and are neither on the
//!   tender's committee already nor among the tenderer's recent picks. Employers are not compared
//!   here: the pool stores only salted commitments to them, opened and compared when the expert
//!   takes the seat.
//! - **Size**: each line's eligible set holds at least `MinPoolMultiple` times the line's
//!   count, and enough for the line's count plus what earlier lines may take from it
//!   ([`shortfall`]).
//! - **Contributors**: the cities other than the requesting one that had a draw key at the request
//!   (the draw's `keys`), minus the city whose validator authored the anchor block (the draw's
//!   `anchor_author`, if recorded), ordered by `BLAKE2-256(CONTRIBUTORS_TAG ‖ anchor block hash ‖
//!   SCALE(city))`, lowest first (ties, which do not happen, by city code); the first
//!   `RequiredContributions` are asked at once, one more after each full `ContributionWindow`
//!   ([`contributor_order`], [`designated`]). The anchor block is produced after the request, so
//!   the requesting city cannot know the order when it asks.
//! - **Input**: `BLAKE2-256(INPUT_TAG ‖ SCALE(genesis, draw, tender, mode, requirements,
//!   anchor block hash))`.
//! - **Seed**: `BLAKE2-256(SEED_TAG ‖ input ‖ (SCALE(city) ‖ output) for each contribution in
//!   city-code order)`.
//! - **Selection of a line**: the candidates are the line's eligible set minus the picks of
//!   earlier lines, in order; a partial Fisher–Yates shuffle: for `i` in `0..count`,
//!   `r = u128 LE of the first 16 bytes of BLAKE2-256(PICK_TAG ‖ seed ‖ line u32 LE ‖ i u32
//!   LE)`, `j = i + r mod (n − i)`, swap `i` and `j`; the picks are the first `count`. The
//!   modulo bias is below `n / 2^128`.
//! - **Entries retired since the request** ([`select_skipping`], what the runtime does): an
//!   entry of the eligible set that, at the completing contribution, is exposed (its expert
//!   proved it), struck (the strike in effect at that block) or has a seat drawn for it still
//!   waiting for its expert (`PendingSeats` > 0: drawn for another tender since the request) is
//!   not picked, so that no expert sits on a second committee exposed by the first. The
//!   shuffle is the same; only the taking differs: for `i` = 0, 1, 2, … (the same `r`, `j`
//!   and swap as above), the candidate now at position `i` is taken unless it is retired, in
//!   which case it is skipped, and the line stops once it has `count` picks (or runs out of
//!   candidates). A later line's candidates are its eligible set minus the earlier lines'
//!   *picks* (a retired entry is met and skipped again). The skipped entries, each once, in
//!   the order first met, are recorded in the draw (`Draw::skipped`, at most `MaxPicks`):
//!   a replay takes "retired" to mean "in `skipped`". With nothing retired this is exactly
//!   [`select`]. A draw with more retired entries met than `MaxPicks`, or too few left for a
//!   line's count, cannot complete (`EligibleSetDepleted`) and lapses; the host requests it
//!   again.
//! - **Waiting entries at the request**: an entry with a seat drawn for it still waiting for
//!   its expert (`PendingSeats` > 0) is not in any new eligible set (see [`is_eligible`]'s
//!   caller): an expert is drawn for one committee at a time.

use crate::types::*;
use alloc::vec::Vec;
use codec::Encode;
use sp_core::H256;

/// What makes an expert ineligible for one tender at the request, apart from the entry itself.
#[derive(Clone, Debug, Default)]
pub struct Avoidance {
	/// The host city of the tender.
	pub host: CityCode,
	/// The tenderer's certified city (remote mode excludes it too), if known.
	pub tenderer_city: Option<CityCode>,
	/// For an agency's tender, the principal's certified city (remote mode excludes it too).
	pub principal_city: Option<CityCode>,
	/// The entries to avoid: the tender's committee so far and the tenderer's recent picks,
	/// sorted.
	pub entries: Vec<EntryId>,
}

impl Avoidance {
	/// Sorts and deduplicates the entries, as [`is_eligible`] expects.
	pub fn normalise(&mut self) {
		self.entries.sort();
		self.entries.dedup();
	}
}

/// Whether entry `id` may be drawn for `speciality` in `mode` under `avoid` (normalised) at
/// block `now`.
pub fn is_eligible<BlockNumber: PartialOrd + Copy>(
	id: EntryId,
	entry: &PoolEntry<BlockNumber>,
	speciality: Speciality,
	mode: Mode,
	avoid: &Avoidance,
	now: BlockNumber,
) -> bool {
	if !entry.drawable_at(now) || !entry.specialities.contains(&speciality) {
		return false;
	}
	let city_fits = match mode {
		Mode::Local => entry.city == avoid.host,
		Mode::Remote => {
			entry.remote
				&& entry.city != avoid.host
				&& avoid.tenderer_city.as_ref() != Some(&entry.city)
				&& avoid.principal_city.as_ref() != Some(&entry.city)
		},
	};
	city_fits && avoid.entries.binary_search(&id).is_err()
}

/// The first line whose eligible set is too small, as `(line, eligible, needed)`.
///
/// Line `l` needs `multiple × count_l` entries (so that the draw is a choice among several
/// experts for each seat, not a formality), and at least its own count plus, for each earlier
/// line `j`, as many of `j`'s picks as could come from `l`'s set: `min(count_j, |E_l ∩ E_j|)`
/// (so that a draw never runs out half-way). This is checked at the request, before any
/// randomness exists. Eligible sets are sorted.
pub fn shortfall(lines: &[(Requirement, Vec<EntryId>)], multiple: u32) -> Option<(u32, u32, u32)> {
	for (l, (req, set)) in lines.iter().enumerate() {
		let mut needed = req.count as u64;
		for (earlier, earlier_set) in &lines[..l] {
			let common = set.iter().filter(|e| earlier_set.binary_search(e).is_ok()).count() as u64;
			needed = needed.saturating_add(common.min(earlier.count as u64));
		}
		needed = needed.max((req.count as u64).saturating_mul(multiple as u64));
		if (set.len() as u64) < needed {
			return Some((l as u32, set.len() as u32, needed.min(u32::MAX as u64) as u32));
		}
	}
	None
}

/// The cities asked to contribute to a draw, in the order they are asked: `cities` (those
/// that had a draw key at the request, the requesting city excluded) sorted by
/// `BLAKE2-256(CONTRIBUTORS_TAG ‖ anchor_hash ‖ SCALE(city))`, lowest first, ties by city code.
pub fn contributor_order(anchor_hash: H256, cities: &[CityCode]) -> Vec<CityCode> {
	let mut keyed: Vec<([u8; 32], &CityCode)> = cities
		.iter()
		.map(|city| {
			let mut data = CONTRIBUTORS_TAG.to_vec();
			data.extend_from_slice(anchor_hash.as_bytes());
			city.encode_to(&mut data);
			(sp_io::hashing::blake2_256(&data), city)
		})
		.collect();
	keyed.sort();
	keyed.into_iter().map(|(_, city)| city.clone()).collect()
}

/// The cities designated to contribute once `windows` full contribution windows have passed
/// since the first block contributions are accepted: the first `required + windows` of `order`
/// (all of them if there are fewer).
pub fn designated(order: &[CityCode], required: u32, windows: u32) -> &[CityCode] {
	let count = (required.saturating_add(windows) as usize).min(order.len());
	&order[..count]
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

/// The picks of a whole draw as [`select`] makes them, except that a candidate for which
/// `retired` holds is skipped instead of taken (see the module documentation); returns the
/// picks and the skipped entries (each once, in the order first met).
pub fn select_skipping(
	seed: &H256,
	lines: &[(Requirement, Vec<EntryId>)],
	mut retired: impl FnMut(EntryId) -> bool,
) -> (Vec<EntryId>, Vec<EntryId>) {
	let mut picks: Vec<EntryId> = Vec::new();
	let mut skipped: Vec<EntryId> = Vec::new();
	for (l, (req, set)) in lines.iter().enumerate() {
		let mut candidates: Vec<EntryId> =
			set.iter().copied().filter(|e| !picks.contains(e)).collect();
		let n = candidates.len();
		let mut taken = 0usize;
		let mut i = 0usize;
		while taken < req.count as usize && i < n {
			let remaining = (n - i) as u128;
			let j = i + (random(seed, l as u32, i as u32) % remaining) as usize;
			candidates.swap(i, j);
			let candidate = candidates[i];
			if retired(candidate) {
				if !skipped.contains(&candidate) {
					skipped.push(candidate);
				}
			} else {
				picks.push(candidate);
				taken += 1;
			}
			i += 1;
		}
	}
	(picks, skipped)
}
