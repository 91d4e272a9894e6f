//! Legal identities as avoidance (回避) compares them, from the client's side: the unified
//! social credit code (统一社会信用代码, GB 32100-2015) put in its one canonical form before
//! it is hashed, and the salted commitment to an expert's employer that the pool stores.
//!
//! The CA's client (`tender ca issue`) and the pool administrator's (`tender expert pool-add`)
//! must hash the *same* string for avoidance to work, so each first normalises the code
//! (trimmed, upper-case, 18 characters of the code's alphabet with a valid check character)
//! and refuses, naming the code, one that does not normalise. This is the client's own copy of
//! pallet-expert-draw's `identity` module, pinned to it by the shared vectors
//! (`tests/vectors/vectors.json`: `credit_code`, `employer_commitment`).

use anyhow::{bail, Result};
use tenderchain_primitives::tags;

use crate::certs::identity_hash;

/// The alphabet of the unified social credit code: digits and the capital letters except I,
/// O, S, V and Z; a character's value is its position here.
const ALPHABET: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";

/// The weight of each of the first 17 characters in the check character: `3^i mod 31`.
const WEIGHTS: [u32; 17] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/// The value of a code character, if it is one.
fn value(c: u8) -> Option<u32> {
	ALPHABET.iter().position(|a| *a == c).map(|v| v as u32)
}

/// The check character of the first 17 characters of a code (all of the alphabet):
/// `31 − (Σ value_i × 3^i mod 31)`, 31 written as `0`.
fn check_character(first17: &[u8]) -> Option<u8> {
	let mut sum = 0u32;
	for (c, w) in first17.iter().zip(WEIGHTS) {
		sum += value(*c)? * w;
	}
	Some(ALPHABET[((31 - sum % 31) % 31) as usize])
}

/// The canonical form of the unified social credit code `raw`: blanks around it trimmed,
/// letters upper-cased, 18 characters of `0-9 A-H J-N P-R T U W-Y`, the last the GB 32100-2015
/// check character of the others. An error says what is wrong with the code, naming it.
pub fn normalise_credit_code(raw: &str) -> Result<String> {
	let code = raw.trim_matches(|c: char| c.is_ascii_whitespace()).to_ascii_uppercase();
	let chars = code.chars().count();
	if chars != 18 {
		bail!(
			"'{raw}' is not a unified social credit code (统一社会信用代码): it has {chars} \
			 characters, a code has 18"
		);
	}
	if let Some(bad) = code.chars().find(|c| !c.is_ascii() || value(*c as u8).is_none()) {
		bail!(
			"'{raw}' is not a unified social credit code (统一社会信用代码): '{bad}' is not one \
			 of its characters (digits and capital letters except I, O, S, V, Z)"
		);
	}
	let bytes = code.as_bytes();
	let expected = check_character(&bytes[..17]).expect("every character checked above; qed");
	if bytes[17] != expected {
		bail!(
			"'{raw}' is not a valid unified social credit code (统一社会信用代码): its check \
			 character is '{}', the first 17 characters give '{}' (GB 32100-2015); check the \
			 code for a typing error",
			bytes[17] as char,
			expected as char
		);
	}
	Ok(code)
}

/// The identity hash of the organisation with credit code `raw` (in any accepted form), as
/// its certificate carries it: `SHA-256(IDENTITY ‖ normalised code)` (no identity salt for
/// organisations, so that anyone who holds the code computes the same hash).
pub fn organisation_identity(raw: &str) -> Result<[u8; 32]> {
	Ok(identity_hash(&normalise_credit_code(raw)?, ""))
}

/// A pool entry's commitment to the employer with identity hash `identity`:
/// `BLAKE2-256(EXPERT_EMPLOYER ‖ identity ‖ salt)`.
pub fn employer_commitment(identity: &[u8; 32], salt: &[u8; 32]) -> [u8; 32] {
	let mut data = tags::EXPERT_EMPLOYER.to_vec();
	data.extend_from_slice(identity);
	data.extend_from_slice(salt);
	sp_crypto_hashing::blake2_256(&data)
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::vectors::{bytes, bytes32, cases, name, vectors};

	#[test]
	fn the_tags_are_the_vectors_tags() {
		let v = vectors();
		assert_eq!(bytes(&v["credit_code"]["tag"]), tags::IDENTITY);
		assert_eq!(bytes(&v["employer_commitment"]["tag"]), tags::EXPERT_EMPLOYER);
	}

	/// The shared vectors: the codes that normalise, to what and to which identity, and those
	/// that do not.
	#[test]
	fn credit_codes_normalise_as_the_shared_vectors() {
		for case in cases("credit_code") {
			let raw = case["raw"].as_str().expect("raw");
			match case["code"].as_str() {
				Some(code) => {
					assert_eq!(
						normalise_credit_code(raw)
							.unwrap_or_else(|e| panic!("{}: {e}", name(&case))),
						code,
						"{}",
						name(&case)
					);
					assert_eq!(
						organisation_identity(raw)
							.unwrap_or_else(|e| panic!("{}: {e}", name(&case))),
						bytes32(&case["identity"]),
						"{}",
						name(&case)
					);
				},
				None => assert!(normalise_credit_code(raw).is_err(), "{} accepted", name(&case)),
			}
		}
	}

	/// The shared vectors: employer commitments.
	#[test]
	fn employer_commitments_match_the_shared_vectors() {
		for case in cases("employer_commitment") {
			assert_eq!(
				employer_commitment(&bytes32(&case["identity"]), &bytes32(&case["salt"])),
				bytes32(&case["commitment"]),
				"{}",
				name(&case)
			);
		}
	}

	#[test]
	fn a_bad_code_is_named_with_what_is_wrong() {
		let wrong = normalise_credit_code("91440300708461136X").unwrap_err().to_string();
		assert!(wrong.contains("'91440300708461136X'") && wrong.contains("'T'"), "{wrong}");
		let short = normalise_credit_code("USCC-x").unwrap_err().to_string();
		assert!(short.contains("'USCC-x'") && short.contains("6 characters"), "{short}");
		let letter = normalise_credit_code("91440300708461I36T").unwrap_err().to_string();
		assert!(letter.contains("'I'"), "{letter}");
	}
}
