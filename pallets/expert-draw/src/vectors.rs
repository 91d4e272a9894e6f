//! The runtime's pseudonyms, draws (input, seed, picks, contributor order), credit codes and
//! employer commitments against the shared vectors (`tests/vectors/vectors.json`), which
//! `tests/vectors/generate.py` computes independently from the documented formulas and the
//! `tender` client's `draw verify` tests read too. The cities' VRF outputs are given there:
//! only the hashing of them is pinned.

use crate::{
	identity, pseudonym, selection, CityCode, EntryId, Mode, Requirement, CONTRIBUTORS_TAG,
	EMPLOYER_TAG, INPUT_TAG, PICK_TAG, PSEUDONYM_TAG, SEED_TAG,
};
use serde_json::Value;
use sp_core::{bytes::from_hex, crypto::AccountId32, H256};

/// One group of the shared vectors, by its name in the file.
fn draw_vectors(group: &str) -> Value {
	let all: Value = serde_json::from_str(include_str!("../../../tests/vectors/vectors.json"))
		.expect("tests/vectors/vectors.json is JSON");
	all[group].clone()
}

/// The cases of `group`, with its tag checked against the runtime's.
fn cases(group: &str, tag: &[u8]) -> Vec<Value> {
	let g = draw_vectors(group);
	assert_eq!(from_hex(g["tag"].as_str().expect("tag")).expect("hex tag"), tag, "{group} tag");
	g["cases"].as_array().expect("cases").clone()
}

/// The bytes of a 0x-hex JSON string.
fn hex(v: &Value) -> Vec<u8> {
	from_hex(v.as_str().expect("a 0x-hex string")).expect("hex")
}

fn h256(v: &Value) -> H256 {
	H256::from_slice(&hex(v))
}

fn mode(v: &Value) -> Mode {
	match v.as_str() {
		Some("Local") => Mode::Local,
		Some("Remote") => Mode::Remote,
		other => panic!("unknown mode {other:?}"),
	}
}

fn requirement(v: &Value) -> Requirement {
	Requirement {
		speciality: v["speciality"]
			.as_u64()
			.and_then(|s| s.try_into().ok())
			.expect("u16 speciality"),
		count: v["count"].as_u64().and_then(|c| c.try_into().ok()).expect("u32 count"),
	}
}

fn entries(v: &Value) -> Vec<EntryId> {
	v.as_array()
		.expect("a list of entries")
		.iter()
		.map(|e| e.as_u64().and_then(|e| e.try_into().ok()).expect("u32 entry"))
		.collect()
}

/// The input hash of a draw request as the vectors state it.
fn input_of(request: &Value) -> H256 {
	let lines: Vec<Requirement> =
		request["requirements"].as_array().expect("requirements").iter().map(requirement).collect();
	selection::input_hash(
		h256(&request["genesis"]),
		request["draw"].as_u64().expect("draw id"),
		request["tender"].as_u64().expect("tender id"),
		mode(&request["mode"]),
		&lines,
		h256(&request["anchor"]),
	)
}

/// The contributions as `(city, output)`, in the vectors' (unsorted) order.
fn contributions(v: &Value) -> Vec<(CityCode, [u8; 32])> {
	v.as_array()
		.expect("contributions")
		.iter()
		.map(|c| {
			let city = CityCode::try_from(c["city"].as_str().expect("city").as_bytes().to_vec())
				.expect("city code");
			(city, hex(&c["output"]).try_into().expect("32-byte output"))
		})
		.collect()
}

/// The lines of a draw as `select` takes them: each requirement with its eligible set.
fn lines(v: &Value) -> Vec<(Requirement, Vec<EntryId>)> {
	v.as_array().expect("lines").iter().map(|l| (requirement(l), entries(&l["eligible"]))).collect()
}

fn name(case: &Value) -> &str {
	case["name"].as_str().expect("name")
}

#[test]
fn pseudonyms_match_the_shared_vectors() {
	for case in cases("expert_pseudonym", PSEUDONYM_TAG) {
		let account = hex(&case["account"]);
		let salt: [u8; 32] = hex(&case["salt"]).try_into().expect("32-byte salt");
		let got = match case["account_type"].as_str() {
			Some("AccountId32") => {
				pseudonym(&AccountId32::new(account.try_into().expect("32 bytes")), &salt)
			},
			Some("u64") => {
				pseudonym(&u64::from_le_bytes(account.try_into().expect("8 bytes")), &salt)
			},
			other => panic!("unknown account type {other:?}"),
		};
		assert_eq!(got, h256(&case["pseudonym"]), "{}", name(&case));
	}
}

#[test]
fn draw_inputs_match_the_shared_vectors() {
	for case in cases("draw_input", INPUT_TAG) {
		assert_eq!(input_of(&case), h256(&case["input"]), "{}", name(&case));
	}
}

#[test]
fn draw_seeds_match_the_shared_vectors() {
	for case in cases("draw_seed", SEED_TAG) {
		let got = selection::seed(h256(&case["input"]), &contributions(&case["contributions"]));
		assert_eq!(got, h256(&case["seed"]), "{}", name(&case));
	}
}

#[test]
fn draw_picks_match_the_shared_vectors() {
	for case in cases("draw_picks", PICK_TAG) {
		let got = selection::select(&h256(&case["seed"]), &lines(&case["lines"]));
		assert_eq!(got, entries(&case["picks"]), "{}", name(&case));
	}
}

#[test]
fn whole_draws_replay_as_in_the_shared_vectors() {
	let group = draw_vectors("draw_replay");
	for case in group["cases"].as_array().expect("cases") {
		let input = input_of(&case["request"]);
		assert_eq!(input, h256(&case["input"]), "{} input", name(case));
		let seed = selection::seed(input, &contributions(&case["contributions"]));
		assert_eq!(seed, h256(&case["seed"]), "{} seed", name(case));
		let requirements = case["request"]["requirements"].as_array().expect("requirements");
		let eligible = case["eligible"].as_array().expect("eligible sets");
		let lines: Vec<(Requirement, Vec<EntryId>)> =
			requirements.iter().zip(eligible).map(|(r, e)| (requirement(r), entries(e))).collect();
		assert_eq!(
			selection::select(&seed, &lines),
			entries(&case["picks"]),
			"{} picks",
			name(case)
		);
	}
}

/// A city code from a JSON string.
fn city_code(v: &Value) -> CityCode {
	CityCode::try_from(v.as_str().expect("city").as_bytes().to_vec()).expect("city code")
}

fn city_codes(v: &Value) -> Vec<CityCode> {
	v.as_array().expect("cities").iter().map(city_code).collect()
}

#[test]
fn contributor_orders_match_the_shared_vectors() {
	for case in cases("draw_contributors", CONTRIBUTORS_TAG) {
		let got = selection::contributor_order(h256(&case["anchor"]), &city_codes(&case["cities"]));
		assert_eq!(got, city_codes(&case["order"]), "{}", name(&case));
	}
}

#[test]
fn credit_codes_match_the_shared_vectors() {
	for case in cases("credit_code", tenderchain_primitives::tags::IDENTITY) {
		let raw = case["raw"].as_str().expect("raw").as_bytes();
		let code = identity::normalise_credit_code(raw);
		let expected =
			case["code"].as_str().map(|c| <[u8; 18]>::try_from(c.as_bytes()).expect("18"));
		assert_eq!(code, expected, "{}", name(&case));
		let expected = case["identity"].as_str().map(|_| h256(&case["identity"]));
		assert_eq!(identity::credit_code_identity(raw), expected, "{}", name(&case));
	}
}

#[test]
fn employer_commitments_match_the_shared_vectors() {
	for case in cases("employer_commitment", EMPLOYER_TAG) {
		let salt: [u8; 32] = hex(&case["salt"]).try_into().expect("32-byte salt");
		let got = identity::employer_commitment(&h256(&case["identity"]), &salt);
		assert_eq!(got, h256(&case["commitment"]), "{}", name(&case));
	}
}
