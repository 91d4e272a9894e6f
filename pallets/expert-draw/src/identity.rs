//! Legal identities as avoidance (回避) compares them: the unified social credit code
//! (统一社会信用代码, GB 32100-2015) put in one canonical form, the identity hash that
//! certificates carry, and the salted commitment to an expert's employer that the pool stores.
//!
//! The chain never receives a credit code: certificates carry `identity_hash`, computed by the
//! CA's client, and pool entries carry [`employer_commitment`], computed by the pool
//! administrator's client. For the two to meet, both clients must hash the *same* string, so
//! each first puts the code through [`normalise_credit_code`] (the client `tender` has its own
//! copy, pinned to this one by the tests): trimmed, upper-case, 18 characters of the code's
//! alphabet, with a valid check character. An input that does not normalise is refused by the
//! client rather than hashed as typed. The pallet uses these functions in its tests and
//! benchmarks, and documents with them what the clients must compute.
//!
//! - Identity hash of an organisation: `SHA-256(IDENTITY_TAG ‖ normalised code)`
//!   ([`organisation_identity`]); this is the certificates' `identity_hash` for an
//!   organisation (the CA gives no identity salt for organisations, so that anyone who holds
//!   the code computes the same hash).
//! - Employer commitment of a pool entry: `BLAKE2-256(EMPLOYER_TAG ‖ identity hash ‖ salt)`
//!   with a 32-byte salt that only the pool administrator and the expert know
//!   ([`employer_commitment`]). Someone holding every public credit code can compute every
//!   identity hash, but without the salt cannot tell which one an entry commits to.

use crate::types::EMPLOYER_TAG;
use sp_core::H256;
use tenderchain_primitives::tags;

/// The alphabet of the unified social credit code: digits and the capital letters except I,
/// O, S, V and Z; a character's value is its position here.
const CREDIT_CODE_ALPHABET: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";

/// The weight of each of the first 17 characters in the check character: `3^i mod 31`.
const CREDIT_CODE_WEIGHTS: [u32; 17] =
	[1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/// The value of a credit-code character, if it is one.
fn credit_code_value(c: u8) -> Option<u32> {
	CREDIT_CODE_ALPHABET.iter().position(|a| *a == c).map(|v| v as u32)
}

/// The canonical form of a unified social credit code, or `None` if `raw` is not one: ASCII
/// whitespace around it trimmed, letters upper-cased, exactly 18 characters of the alphabet
/// `0-9 A-H J-N P-R T U W-Y`, and the 18th the GB 32100-2015 check character of the first 17
/// (`31 − (Σ value_i × 3^i mod 31)`, 31 written as `0`).
pub fn normalise_credit_code(raw: &[u8]) -> Option<[u8; 18]> {
	let trimmed = raw.trim_ascii();
	let mut code = [0u8; 18];
	if trimmed.len() != code.len() {
		return None;
	}
	for (c, r) in code.iter_mut().zip(trimmed) {
		*c = r.to_ascii_uppercase();
	}
	let mut sum = 0u32;
	for (c, w) in code[..17].iter().zip(CREDIT_CODE_WEIGHTS) {
		sum += credit_code_value(*c)? * w;
	}
	let check = (31 - sum % 31) % 31;
	(credit_code_value(code[17])? == check).then_some(code)
}

/// The identity hash of the organisation with the (normalised) credit code `code`, as its
/// certificate carries it: `SHA-256(IDENTITY_TAG ‖ code)`.
pub fn organisation_identity(code: &[u8; 18]) -> H256 {
	let mut data = tags::IDENTITY.to_vec();
	data.extend_from_slice(code);
	H256(sp_io::hashing::sha2_256(&data))
}

/// The identity hash of the organisation whose credit code is `raw` in any accepted form, or
/// `None` if `raw` is not a valid credit code.
pub fn credit_code_identity(raw: &[u8]) -> Option<H256> {
	normalise_credit_code(raw).map(|code| organisation_identity(&code))
}

/// A pool entry's commitment to the employer with identity hash `identity`:
/// `BLAKE2-256(EMPLOYER_TAG ‖ identity ‖ salt)`.
pub fn employer_commitment(identity: &H256, salt: &[u8; 32]) -> H256 {
	let mut data = EMPLOYER_TAG.to_vec();
	data.extend_from_slice(identity.as_bytes());
	data.extend_from_slice(salt);
	H256(sp_io::hashing::blake2_256(&data))
}
