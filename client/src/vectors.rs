//! The shared test vectors (`tests/vectors/vectors.json`, computed by `tests/vectors/generate.py`
//! from the documented formulas), for the tests of this client's own implementations: the
//! Merkle tree, the bid commitment, the certificate and revocation signing messages, and the
//! draw replay. The pallets' tests read the same file, so client and runtime agree through it.

use serde_json::Value;

/// The vectors file, parsed.
pub fn vectors() -> Value {
	serde_json::from_str(include_str!("../../tests/vectors/vectors.json"))
		.expect("vectors.json is JSON")
}

/// The cases of group `group`.
pub fn cases(group: &str) -> Vec<Value> {
	vectors()[group]["cases"]
		.as_array()
		.unwrap_or_else(|| panic!("no cases in group {group}"))
		.clone()
}

/// The bytes of a 0x-hex string field.
pub fn bytes(v: &Value) -> Vec<u8> {
	let text = v.as_str().unwrap_or_else(|| panic!("{v} is not a hex string"));
	hex::decode(text.trim_start_matches("0x")).unwrap_or_else(|e| panic!("{text} is not hex: {e}"))
}

/// The 32 bytes of a 0x-hex string field.
pub fn bytes32(v: &Value) -> [u8; 32] {
	bytes(v).try_into().unwrap_or_else(|_| panic!("{v} is not 32 bytes"))
}

/// A number field.
pub fn number(v: &Value) -> u64 {
	v.as_u64().unwrap_or_else(|| panic!("{v} is not a number"))
}

/// A case's name, for assertion messages.
pub fn name(case: &Value) -> &str {
	case["name"].as_str().unwrap_or("(unnamed)")
}

#[test]
fn the_vectors_file_is_the_format_this_client_reads() {
	assert_eq!(number(&vectors()["format"]), 1);
}
