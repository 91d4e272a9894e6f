//! The runtime's bid commitment against the shared vectors (`tests/vectors/vectors.json`),
//! which `tests/vectors/generate.py` computes independently from the documented formula and
//! the `tender` client's tests read too.

use crate::{commitment, BidTerms, COMMITMENT_TAG};
use serde_json::Value;
use sp_core::{bytes::from_hex, crypto::AccountId32, H256};

/// The `bid_commitment` group of the shared vectors.
fn commitment_vectors() -> Value {
	let all: Value = serde_json::from_str(include_str!("../../../tests/vectors/vectors.json"))
		.expect("tests/vectors/vectors.json is JSON");
	all["bid_commitment"].clone()
}

/// The bytes of the 0x-hex field `field` of `case`.
fn field(case: &Value, field: &str) -> Vec<u8> {
	from_hex(case[field].as_str().unwrap_or_else(|| panic!("{field} is a string"))).expect(field)
}

fn hash(case: &Value, name: &str) -> H256 {
	H256::from_slice(&field(case, name))
}

#[test]
fn commitments_match_the_shared_vectors() {
	let group = commitment_vectors();
	assert_eq!(field(&group, "tag"), COMMITMENT_TAG, "the commitment tag");
	let cases = group["cases"].as_array().expect("cases");
	assert!(cases.len() >= 4, "the vectors hold several commitments");
	for case in cases {
		let name = case["name"].as_str().expect("name");
		let bidder = AccountId32::new(field(case, "bidder").try_into().expect("32-byte bidder"));
		let tender = case["tender"].as_u64().expect("tender id");
		let got = commitment(
			&hash(case, "genesis"),
			tender,
			&bidder,
			&BidTerms {
				price: case["price"].as_str().expect("price, decimal").parse().expect("price"),
				duration_days: case["duration_days"].as_u64().expect("duration") as u32,
				quality: hash(case, "quality"),
			},
			&hash(case, "file_hash"),
			&hash(case, "fingerprint"),
			&field(case, "salt"),
		);
		assert_eq!(got, hash(case, "commitment"), "{name}");
	}
}
