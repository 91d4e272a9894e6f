//! The expert draw's rules, written out again here, apart from the runtime's, so that an
//! auditor does not check the runtime with the runtime's own code: pure functions of what
//! `tender draw verify` reads from the chain (nothing here touches the chain). Pinned to the
//! shared vectors in `tests/vectors/vectors.json`.
//!
//! Only the domain tags come from `tenderchain_primitives`, the constants both sides must agree
//! on byte for byte.

use std::collections::BTreeSet;

use sp_core::{crypto::VrfPublic, sr25519};
use tenderchain_primitives::tags;

use crate::chain::tenderchain::runtime_types::pallet_expert_draw::types::PoolEntry;

/// BLAKE2b with a 256-bit output.
fn blake2_256(data: &[u8]) -> [u8; 32] {
	sp_crypto_hashing::blake2_256(data)
}

/// SCALE compact length of a short sequence (< 64 items).
fn short_len(n: usize) -> u8 {
	(n as u8) << 2
}

/// An expert's pool pseudonym: `BLAKE2-256(EXPERT_PSEUDONYM ‖ account ‖ salt)`.
pub fn pseudonym(account: &[u8; 32], salt: &[u8; 32]) -> [u8; 32] {
	let mut data = tags::EXPERT_PSEUDONYM.to_vec();
	data.extend_from_slice(account);
	data.extend_from_slice(salt);
	blake2_256(&data)
}

/// The draw input: `BLAKE2-256(DRAW_INPUT ‖ genesis ‖ draw u64 ‖ tender u64 ‖ mode u8 ‖
/// lines (compact count, then speciality u16 and count u32 each) ‖ anchor hash)`.
pub fn input_hash(
	genesis: &[u8; 32],
	draw: u64,
	tender: u64,
	remote: bool,
	lines: &[(u16, u32)],
	anchor: &[u8; 32],
) -> [u8; 32] {
	let mut data = tags::DRAW_INPUT.to_vec();
	data.extend_from_slice(genesis);
	data.extend_from_slice(&draw.to_le_bytes());
	data.extend_from_slice(&tender.to_le_bytes());
	data.push(u8::from(remote));
	data.push(short_len(lines.len()));
	for (speciality, count) in lines {
		data.extend_from_slice(&speciality.to_le_bytes());
		data.extend_from_slice(&count.to_le_bytes());
	}
	data.extend_from_slice(anchor);
	blake2_256(&data)
}

/// The seed: `BLAKE2-256(DRAW_SEED ‖ input ‖ (city ‖ output) in city-code order)`.
pub fn seed(input: &[u8; 32], outputs: &[(Vec<u8>, [u8; 32])]) -> [u8; 32] {
	let mut sorted = outputs.to_vec();
	sorted.sort_by(|a, b| a.0.cmp(&b.0));
	let mut data = tags::DRAW_SEED.to_vec();
	data.extend_from_slice(input);
	for (city, output) in sorted {
		data.push(short_len(city.len()));
		data.extend_from_slice(&city);
		data.extend_from_slice(&output);
	}
	blake2_256(&data)
}

/// The picks of a draw with nothing retired: per line, a partial Fisher–Yates shuffle of the
/// line's eligible set minus earlier lines' picks, driven by `BLAKE2-256(DRAW_PICK ‖ seed ‖
/// line ‖ i)`. Written out apart from [`select_skipping`] (what `tender draw verify` runs) and
/// pinned to the shared vectors, so that the tests can compare the two.
#[cfg(test)]
pub fn select(seed: &[u8; 32], lines: &[(u32, Vec<u32>)]) -> Vec<u32> {
	let mut picks: Vec<u32> = Vec::new();
	for (line, (count, eligible)) in lines.iter().enumerate() {
		let mut candidates: Vec<u32> =
			eligible.iter().copied().filter(|e| !picks.contains(e)).collect();
		let n = candidates.len();
		let take = (*count as usize).min(n);
		for i in 0..take {
			let mut data = tags::DRAW_PICK.to_vec();
			data.extend_from_slice(seed);
			data.extend_from_slice(&(line as u32).to_le_bytes());
			data.extend_from_slice(&(i as u32).to_le_bytes());
			let hash = blake2_256(&data);
			let r = u128::from_le_bytes(hash[..16].try_into().expect("16 bytes"));
			let j = i + (r % (n - i) as u128) as usize;
			candidates.swap(i, j);
		}
		picks.extend_from_slice(&candidates[..take]);
	}
	picks
}

/// The picks of a draw as [`select`] makes them, except that a candidate for which `retired`
/// holds (the runtime: exposed, struck or with a seat still waiting at the completing
/// contribution; a replay: recorded in the draw's `skipped`) is skipped instead of taken: for
/// `i` = 0, 1, … the same swap as [`select`], the candidate now at `i` taken unless retired,
/// until the line has its count or runs out of candidates. A later line's candidates are its
/// eligible set minus the earlier lines' picks. Returns the picks and the skipped entries, each
/// once, in the order first met.
pub fn select_skipping(
	seed: &[u8; 32],
	lines: &[(u32, Vec<u32>)],
	retired: impl Fn(u32) -> bool,
) -> (Vec<u32>, Vec<u32>) {
	let mut picks: Vec<u32> = Vec::new();
	let mut skipped: Vec<u32> = Vec::new();
	for (line, (count, eligible)) in lines.iter().enumerate() {
		let mut candidates: Vec<u32> =
			eligible.iter().copied().filter(|e| !picks.contains(e)).collect();
		let n = candidates.len();
		let (mut taken, mut i) = (0u32, 0usize);
		while taken < *count && i < n {
			let mut data = tags::DRAW_PICK.to_vec();
			data.extend_from_slice(seed);
			data.extend_from_slice(&(line as u32).to_le_bytes());
			data.extend_from_slice(&(i as u32).to_le_bytes());
			let hash = blake2_256(&data);
			let r = u128::from_le_bytes(hash[..16].try_into().expect("16 bytes"));
			let j = i + (r % (n - i) as u128) as usize;
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

/// The VRF transcript of a draw's input: what each contributing city signs.
pub fn transcript(input: &[u8; 32]) -> sr25519::vrf::VrfTranscript {
	sr25519::vrf::VrfTranscript::new(tags::DRAW_VRF_LABEL, &[(tags::DRAW_VRF_INPUT_ITEM, input)])
}

/// Verifies a contribution (pre-output and proof by `key` over `input`) and derives its
/// output bytes; `None` if the proof does not verify.
pub fn vrf_output(
	key: &[u8; 32],
	input: &[u8; 32],
	pre: &[u8; 32],
	proof: &[u8; 64],
) -> Option<[u8; 32]> {
	use subxt::ext::codec::Decode;
	let public = sr25519::Public::from_raw(*key);
	let signature = sr25519::vrf::VrfSignature {
		pre_output: sr25519::vrf::VrfPreOutput::decode(&mut &pre[..]).ok()?,
		proof: sr25519::vrf::VrfProof::decode(&mut &proof[..]).ok()?,
	};
	if !public.vrf_verify(&transcript(input).into_sign_data(), &signature) {
		return None;
	}
	signature
		.pre_output
		.make_bytes::<32>(tags::DRAW_VRF_OUTPUT_CONTEXT, &transcript(input), &public)
		.ok()
}

/// What makes an entry ineligible for a tender, apart from the entry itself.
pub struct Avoid {
	/// The tender's host city.
	pub host: Vec<u8>,
	/// The tenderer's own city (from its certificate), avoided in a remote draw.
	pub tenderer_city: Option<Vec<u8>>,
	/// For an agency's tender, the principal's city (from its certificate), avoided in a
	/// remote draw too.
	pub principal_city: Option<Vec<u8>>,
	/// Entries already on the tender's committee or recently drawn for the same tenderer.
	pub entries: BTreeSet<u32>,
}

/// Whether pool entry `e` may be drawn at all at block `now`: in effect (`active_from`
/// reached), available as of `now` (a pending change counts from its block), not struck (as
/// of `now`), not exposed (proved on chain by its expert).
pub fn drawable(e: &PoolEntry<u32>, now: u32) -> bool {
	let available = match e.pending_availability {
		Some((available, from)) if now >= from => available,
		_ => e.available,
	};
	let struck = match e.struck_from {
		Some(from) => now >= from,
		None => e.struck,
	};
	!struck && !e.exposed && now >= e.active_from && available
}

/// Whether pool entry `id` may be drawn for a line of `speciality` by a draw requested at
/// block `now`. Employers are not compared here: the pool holds only salted commitments to
/// them, opened when the expert takes the seat.
pub fn eligible(
	id: u32,
	e: &PoolEntry<u32>,
	speciality: u16,
	remote: bool,
	avoid: &Avoid,
	now: u32,
) -> bool {
	let city = &e.city.0;
	let city_fits = if remote {
		e.remote
			&& *city != avoid.host
			&& avoid.tenderer_city.as_ref() != Some(city)
			&& avoid.principal_city.as_ref() != Some(city)
	} else {
		*city == avoid.host
	};
	drawable(e, now)
		&& e.specialities.0.contains(&speciality)
		&& city_fits
		&& !avoid.entries.contains(&id)
}

/// The order in which the cities recorded at a draw's request are asked to contribute:
/// sorted by `BLAKE2-256(DRAW_CONTRIBUTORS ‖ anchor hash ‖ SCALE(city))`, lowest first, ties
/// by code.
pub fn contributor_order(anchor: &[u8; 32], cities: &[Vec<u8>]) -> Vec<Vec<u8>> {
	let mut keyed: Vec<([u8; 32], Vec<u8>)> = cities
		.iter()
		.map(|city| {
			let mut data = tags::DRAW_CONTRIBUTORS.to_vec();
			data.extend_from_slice(anchor);
			data.push(short_len(city.len()));
			data.extend_from_slice(city);
			(blake2_256(&data), city.clone())
		})
		.collect();
	keyed.sort();
	keyed.into_iter().map(|(_, city)| city).collect()
}

/// How many full contribution windows of `window` blocks have passed at block `now` for a draw
/// anchored at block `anchor`, counted from the first block that takes contributions.
pub fn windows_passed(anchor: u32, now: u32, window: u32) -> u32 {
	now.saturating_sub(anchor + 1) / window.max(1)
}

/// The cities asked once `windows` windows have passed: the first `required + windows` of
/// `order`.
pub fn designated(order: &[Vec<u8>], required: u32, windows: u32) -> &[Vec<u8>] {
	&order[..((required + windows) as usize).min(order.len())]
}

/// The designated cities that let their window pass without contributing, for a draw that
/// completed after `windows` windows with contributions from `contributors`: those designated
/// one window earlier that did not contribute.
pub fn withheld(
	order: &[Vec<u8>],
	required: u32,
	windows: u32,
	contributors: &[Vec<u8>],
) -> Vec<Vec<u8>> {
	if windows == 0 {
		return Vec::new();
	}
	designated(order, required, windows - 1)
		.iter()
		.filter(|c| !contributors.contains(c))
		.cloned()
		.collect()
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::vectors::{bytes, bytes32, cases, name, number, vectors};
	use serde_json::Value;
	use sp_core::crypto::{Pair as _, VrfSecret};
	use subxt::ext::codec::Encode;

	/// A request's lines as (speciality, count).
	fn lines(requirements: &Value) -> Vec<(u16, u32)> {
		requirements
			.as_array()
			.expect("requirements")
			.iter()
			.map(|r| (number(&r["speciality"]) as u16, number(&r["count"]) as u32))
			.collect()
	}

	/// A draw input case's hash: the mode is "Local" or "Remote".
	fn input_of(request: &Value) -> [u8; 32] {
		let remote = match request["mode"].as_str() {
			Some("Remote") => true,
			Some("Local") => false,
			other => panic!("mode {other:?}"),
		};
		input_hash(
			&bytes32(&request["genesis"]),
			number(&request["draw"]),
			number(&request["tender"]),
			remote,
			&lines(&request["requirements"]),
			&bytes32(&request["anchor"]),
		)
	}

	/// Contributions as (city, output).
	fn outputs(contributions: &Value) -> Vec<(Vec<u8>, [u8; 32])> {
		contributions
			.as_array()
			.expect("contributions")
			.iter()
			.map(|c| {
				(c["city"].as_str().expect("a city").as_bytes().to_vec(), bytes32(&c["output"]))
			})
			.collect()
	}

	/// Entry numbers.
	fn entries(list: &Value) -> Vec<u32> {
		list.as_array().expect("entries").iter().map(|e| number(e) as u32).collect()
	}

	#[test]
	fn the_tags_are_the_vectors_tags() {
		let v = vectors();
		assert_eq!(bytes(&v["expert_pseudonym"]["tag"]), tags::EXPERT_PSEUDONYM);
		assert_eq!(bytes(&v["draw_input"]["tag"]), tags::DRAW_INPUT);
		assert_eq!(bytes(&v["draw_seed"]["tag"]), tags::DRAW_SEED);
		assert_eq!(bytes(&v["draw_picks"]["tag"]), tags::DRAW_PICK);
		assert_eq!(bytes(&v["draw_contributors"]["tag"]), tags::DRAW_CONTRIBUTORS);
	}

	/// City codes as bytes.
	fn codes(list: &Value) -> Vec<Vec<u8>> {
		list.as_array()
			.expect("cities")
			.iter()
			.map(|c| c.as_str().expect("a city").as_bytes().to_vec())
			.collect()
	}

	/// The shared vectors: the order in which cities are asked to contribute.
	#[test]
	fn contributor_orders_match_the_shared_vectors() {
		for case in cases("draw_contributors") {
			assert_eq!(
				contributor_order(&bytes32(&case["anchor"]), &codes(&case["cities"])),
				codes(&case["order"]),
				"{}",
				name(&case)
			);
		}
	}

	#[test]
	fn one_more_city_is_asked_after_each_window_and_the_silent_ones_are_withheld() {
		let order: Vec<Vec<u8>> =
			["LZ", "JQ", "TS"].iter().map(|c| c.as_bytes().to_vec()).collect();
		// Anchor 10: contributions from block 11; window 10.
		assert_eq!(windows_passed(10, 11, 10), 0);
		assert_eq!(windows_passed(10, 20, 10), 0);
		assert_eq!(windows_passed(10, 21, 10), 1);
		assert_eq!(designated(&order, 2, 0), &order[..2]);
		assert_eq!(designated(&order, 2, 5), &order[..]);
		// Completed in the first window: nobody withheld.
		assert!(withheld(&order, 2, 0, &order[..2]).is_empty());
		// Completed by LZ and TS after one window: JQ withheld.
		let by = vec![order[0].clone(), order[2].clone()];
		assert_eq!(withheld(&order, 2, 1, &by), vec![order[1].clone()]);
	}

	/// The shared vectors: pseudonyms of 32-byte accounts (the chain's; the cases of the
	/// unit-test mock's u64 accounts are not the client's).
	#[test]
	fn pseudonyms_match_the_shared_vectors() {
		let mut checked = 0;
		for case in cases("expert_pseudonym").iter().filter(|c| c["account_type"] == "AccountId32")
		{
			let p = pseudonym(&bytes32(&case["account"]), &bytes32(&case["salt"]));
			assert_eq!(p, bytes32(&case["pseudonym"]), "{}", name(case));
			checked += 1;
		}
		assert!(checked > 0, "no AccountId32 pseudonym vectors");
	}

	/// The shared vectors: draw inputs.
	#[test]
	fn inputs_match_the_shared_vectors() {
		for case in cases("draw_input") {
			assert_eq!(input_of(&case), bytes32(&case["input"]), "{}", name(&case));
		}
	}

	/// The shared vectors: seeds, whatever order the contributions come in.
	#[test]
	fn seeds_match_the_shared_vectors() {
		for case in cases("draw_seed") {
			let seed = seed(&bytes32(&case["input"]), &outputs(&case["contributions"]));
			assert_eq!(seed, bytes32(&case["seed"]), "{}", name(&case));
		}
	}

	/// The shared vectors: picks, line by line.
	#[test]
	fn picks_match_the_shared_vectors() {
		for case in cases("draw_picks") {
			let lines: Vec<(u32, Vec<u32>)> = case["lines"]
				.as_array()
				.expect("lines")
				.iter()
				.map(|l| (number(&l["count"]) as u32, entries(&l["eligible"])))
				.collect();
			assert_eq!(
				select(&bytes32(&case["seed"]), &lines),
				entries(&case["picks"]),
				"{}",
				name(&case)
			);
		}
	}

	/// The shared vectors: whole draws replayed as `tender draw verify` does, input to seed to
	/// picks.
	#[test]
	fn whole_draws_replay_as_the_shared_vectors() {
		for case in cases("draw_replay") {
			let request = &case["request"];
			let input = input_of(request);
			assert_eq!(input, bytes32(&case["input"]), "input of {}", name(&case));
			let seed = seed(&input, &outputs(&case["contributions"]));
			assert_eq!(seed, bytes32(&case["seed"]), "seed of {}", name(&case));
			let lines: Vec<(u32, Vec<u32>)> = lines(&request["requirements"])
				.into_iter()
				.zip(case["eligible"].as_array().expect("eligible sets"))
				.map(|((_, count), set)| (count, entries(set)))
				.collect();
			assert_eq!(select(&seed, &lines), entries(&case["picks"]), "picks of {}", name(&case));
		}
	}

	/// A pool entry of `city`, speciality 101, taking remote evaluation, added at block 0 and
	/// drawable from block 10.
	fn entry(city: &str) -> PoolEntry<u32> {
		use crate::chain::tenderchain::runtime_types::bounded_collections::bounded_vec::BoundedVec;
		PoolEntry {
			pseudonym: [1; 32].into(),
			specialities: BoundedVec(vec![101]),
			city: BoundedVec(city.as_bytes().to_vec()),
			employer: [2; 32].into(),
			available: true,
			pending_availability: None,
			remote: true,
			added_at: 0,
			active_from: 10,
			struck: false,
			struck_from: None,
			exposed: false,
		}
	}

	#[test]
	fn pool_changes_count_from_their_block_as_the_runtime_has_it() {
		let mut e = entry("JQ");
		// A new entry counts after the pool change delay.
		assert!(!drawable(&e, 9));
		assert!(drawable(&e, 10));
		// A change of availability counts from its block on.
		e.pending_availability = Some((false, 15));
		assert!(drawable(&e, 14));
		assert!(!drawable(&e, 15));
		e.pending_availability = None;
		// So does a strike.
		e.struck = true;
		e.struck_from = Some(20);
		assert!(drawable(&e, 19));
		assert!(!drawable(&e, 20));
		// An entry its expert proved is never drawn again.
		let mut e = entry("JQ");
		e.exposed = true;
		assert!(!drawable(&e, 100));
	}

	#[test]
	fn remote_draws_avoid_the_host_and_the_tenderers_city() {
		let avoid = Avoid {
			host: b"BY".to_vec(),
			tenderer_city: Some(b"LZ".to_vec()),
			principal_city: Some(b"TS".to_vec()),
			entries: [3].into_iter().collect(),
		};
		assert!(eligible(0, &entry("JQ"), 101, true, &avoid, 10));
		assert!(!eligible(0, &entry("JQ"), 205, true, &avoid, 10), "another speciality");
		assert!(!eligible(0, &entry("LZ"), 101, true, &avoid, 10), "the tenderer's city");
		assert!(!eligible(0, &entry("BY"), 101, true, &avoid, 10), "the host city");
		assert!(eligible(0, &entry("BY"), 101, false, &avoid, 10), "local: the host city");
		assert!(!eligible(3, &entry("JQ"), 101, true, &avoid, 10), "already drawn");
		assert!(!eligible(0, &entry("TS"), 101, true, &avoid, 10), "the principal's city");
		let mut local_only = entry("JQ");
		local_only.remote = false;
		assert!(!eligible(0, &local_only, 101, true, &avoid, 10), "no remote evaluation");
	}

	/// With nothing retired, skipping selects exactly as [`select`] does, on every shared
	/// vector.
	#[test]
	fn skipping_nothing_is_the_plain_selection() {
		for case in cases("draw_picks") {
			let lines: Vec<(u32, Vec<u32>)> = case["lines"]
				.as_array()
				.expect("lines")
				.iter()
				.map(|l| (number(&l["count"]) as u32, entries(&l["eligible"])))
				.collect();
			let seed = bytes32(&case["seed"]);
			assert_eq!(select_skipping(&seed, &lines, |_| false), (select(&seed, &lines), vec![]));
		}
	}

	/// A retired candidate met by the shuffle is skipped (recorded once) and the shuffle goes
	/// on to the next position; a later line meets it again and skips it again.
	#[test]
	fn retired_candidates_are_skipped_and_the_shuffle_goes_on() {
		let seed = [7u8; 32];
		let set: Vec<u32> = (0..12).collect();
		let lines = vec![(3, set.clone()), (2, set.clone())];
		let plain = select(&seed, &lines);
		// Retire the first plain pick: it is skipped; the other picks of the line stay, and one
		// more candidate is taken.
		let gone = plain[0];
		let (picks, skipped) = select_skipping(&seed, &lines, |e| e == gone);
		assert_eq!(skipped, vec![gone]);
		assert_eq!(picks.len(), 5);
		assert!(!picks.contains(&gone));
		assert_eq!(&picks[..2], &plain[1..3]);
		// Too many retired: the line stops short (the runtime refuses: EligibleSetDepleted).
		let (picks, skipped) = select_skipping(&seed, &[(3, vec![0, 1, 2])], |e| e != 1);
		assert_eq!(picks, vec![1]);
		assert_eq!(skipped.len(), 2);
	}

	#[test]
	fn a_signed_contribution_verifies_and_a_foreign_one_does_not() {
		let input = [9u8; 32];
		let pair = sr25519::Pair::from_string("//Bob", None).expect("dev seed");
		let signature = pair.vrf_sign(&transcript(&input).into_sign_data());
		let pre: [u8; 32] = signature.pre_output.encode().try_into().expect("32");
		let proof: [u8; 64] = signature.proof.encode().try_into().expect("64");
		assert!(vrf_output(&pair.public().0, &input, &pre, &proof).is_some());
		let other = sr25519::Pair::from_string("//Charlie", None).expect("dev seed");
		assert!(vrf_output(&other.public().0, &input, &pre, &proof).is_none());
		assert!(vrf_output(&pair.public().0, &[8; 32], &pre, &proof).is_none());
	}
}
