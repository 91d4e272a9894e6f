//! # tenderchain primitives
//!
//! The few constants that both sides of tenderchain must agree on byte for byte: the runtime
//! (compiled to wasm) and the `tender` client. Keeping them here, in one `no_std` crate that both
//! depend on, replaces hand copies that could drift apart.
//!
//! - [`tags`]: domain-separation tags prefixed to what is hashed or signed, so that a signature
//!   or hash made for one purpose can never be replayed for another.
//! - [`admission`]: the admission gate's refusal codes (`InvalidTransaction::Custom`) and the
//!   sentence that explains each to a user.
//!
//! What an auditor's tool re-implements on purpose (the Merkle tree, the draw replay, the bid
//! commitment) is *not* shared from here: those stay independent and are pinned to the shared
//! vectors in `tests/vectors/`.

#![cfg_attr(not(feature = "std"), no_std)]
#![warn(missing_docs)]

/// Domain-separation tags.
pub mod tags {
	/// Prefix of what a CA signs to issue a certificate: `TAG ‖ SCALE(certificate payload)`.
	pub const CERTIFICATE_SIGNING: &[u8] = b"tenderchain/certificate/v1";
	/// Prefix of what a CA signs to revoke a certificate: `TAG ‖ SCALE(revocation payload)`.
	pub const REVOCATION_SIGNING: &[u8] = b"tenderchain/revocation/v1";
	/// Prefix of the hash of a participant's legal identity (its unified social credit code).
	pub const IDENTITY: &[u8] = b"tenderchain/identity/v1";
	/// Prefix of a sealed bid's commitment.
	pub const BID_COMMITMENT: &[u8] = b"tenderchain/bid-commitment/v2";
	/// Prefix of a bidder's machine fingerprint hash.
	pub const FINGERPRINT: &[u8] = b"tenderchain/fingerprint/v1";
	/// Prefix of an expert's pool pseudonym: `BLAKE2-256(TAG ‖ SCALE(account) ‖ salt)`.
	pub const EXPERT_PSEUDONYM: &[u8] = b"tenderchain/expert-pseudonym/v1";
	/// The signing-context label of the expert draw's sr25519 VRF transcript.
	pub const DRAW_VRF_LABEL: &[u8] = b"tenderchain/expert-draw/v1";
	/// The name of the one message in the expert draw's VRF transcript: the draw's input hash.
	pub const DRAW_VRF_INPUT_ITEM: &[u8] = b"draw-input";
	/// The context from which a VRF pre-output is turned into 32 output bytes.
	pub const DRAW_VRF_OUTPUT_CONTEXT: &[u8] = b"tenderchain/expert-draw/output";
	/// Prefix of the expert draw's VRF input.
	pub const DRAW_INPUT: &[u8] = b"tenderchain/expert-draw/input/v1";
	/// Prefix of the expert draw's seed (hash of the cities' VRF outputs).
	pub const DRAW_SEED: &[u8] = b"tenderchain/expert-draw/seed/v1";
	/// Prefix of each pick's random number in the expert draw.
	pub const DRAW_PICK: &[u8] = b"tenderchain/expert-draw/pick/v1";
	/// Prefix of the hash that orders the cities asked to contribute to an expert draw:
	/// `BLAKE2-256(TAG ‖ anchor block hash ‖ SCALE(city code))`, lowest first.
	pub const DRAW_CONTRIBUTORS: &[u8] = b"tenderchain/expert-draw/contributors/v1";
	/// Prefix of a pool entry's salted commitment to the expert's employer:
	/// `BLAKE2-256(TAG ‖ employer identity hash ‖ salt)`, with a 32-byte salt that only the
	/// pool administrator and the expert know.
	pub const EXPERT_EMPLOYER: &[u8] = b"tenderchain/expert-employer/v1";
	/// The signing-context label of a bidder's sealed-bid VRF transcript: a bid lodged by the
	/// host trading centre is keyed by its seal, the VRF output of the bidder's key over the
	/// tender, which nobody else can compute and the bidder proves at reveal.
	pub const BID_SEAL_VRF_LABEL: &[u8] = b"tenderchain/bid-seal/v1";
	/// The name of the one message in the sealed-bid VRF transcript: the seal input.
	pub const BID_SEAL_VRF_INPUT_ITEM: &[u8] = b"seal-input";
	/// The context from which the sealed-bid VRF pre-output is turned into the 32-byte seal.
	pub const BID_SEAL_VRF_OUTPUT_CONTEXT: &[u8] = b"tenderchain/bid-seal/output";
	/// Prefix of a tender's seal input: `SHA-256(TAG ‖ genesis hash ‖ tender id (u64 LE))`.
	pub const BID_SEAL_INPUT: &[u8] = b"tenderchain/bid-seal/input/v1";
	/// Prefix of a decoy's seal: `SHA-256(TAG ‖ genesis hash ‖ tender id (u64 LE) ‖ preimage)`;
	/// the trading centre shows the preimage after the deadline to prove the entry a decoy.
	pub const BID_DECOY: &[u8] = b"tenderchain/bid-decoy/v1";
	/// Prefix of a lodged entry's lock: `SHA-256(TAG ‖ key)`. Replacing the entry needs the key,
	/// which only its bidder can derive, so nobody else can overwrite a lodged bid.
	pub const BID_LODGE_LOCK: &[u8] = b"tenderchain/bid-lodge-lock/v1";
	/// Prefix of what a host trading centre signs when it receives a sealed bid:
	/// `TAG ‖ SCALE((genesis hash, tender id, seal, commitment, received at (Unix ms)))`. The
	/// bidder keeps the signature as proof, should the bid not reach the chain.
	pub const BID_ACKNOWLEDGEMENT: &[u8] = b"tenderchain/bid-acknowledgement/v1";
}

/// The admission gate's refusal codes: the `InvalidTransaction::Custom` values with which the
/// transaction pool refuses a signed transaction before it enters a block.
pub mod admission {
	/// The sender holds no certificate.
	pub const NOT_CERTIFIED: u8 = 200;
	/// The sender's certificate was revoked.
	pub const CERTIFICATE_REVOKED: u8 = 201;
	/// The sender's certificate has expired or is not yet valid.
	pub const CERTIFICATE_EXPIRED: u8 = 202;
	/// The CA that issued the sender's certificate was removed by the consortium.
	pub const AUTHORITY_REMOVED: u8 = 203;
	/// The sender has used up its transactions for the current rate-limit window.
	pub const RATE_LIMITED: u8 = 204;
	/// The transaction is larger than what remains of the sender's byte budget for the current
	/// rate-limit window.
	pub const BYTES_LIMITED: u8 = 205;
	/// The runtime's call filter refuses this call (for example `System::remark`): it would
	/// fail in the block, so the pool does not take it.
	pub const CALL_FILTERED: u8 = 206;
	/// The sender already has the most transactions with future nonces the pool accepts.
	pub const TOO_MANY_FUTURE: u8 = 207;
	/// The CA that certified the sender is outside its own validity window.
	pub const AUTHORITY_EXPIRED: u8 = 208;
	/// The compute the transaction declares is more than what remains of the sender's budget
	/// for the current rate-limit window.
	pub const WEIGHT_LIMITED: u8 = 209;

	/// Every refusal code with its explanation, for the client and for the docs.
	pub const REFUSALS: [(u8, &str); 10] = [
		(
			NOT_CERTIFIED,
			"the account holds no certificate: register one first (tender participant register <cert-file>)",
		),
		(CERTIFICATE_REVOKED, "the account's certificate has been revoked"),
		(CERTIFICATE_EXPIRED, "the account's certificate has expired (or is not yet valid)"),
		(
			AUTHORITY_REMOVED,
			"the certificate authority that certified the account has been removed by the consortium",
		),
		(
			RATE_LIMITED,
			"the account has sent too many transactions in a short time (rate limit); wait a minute and retry",
		),
		(
			BYTES_LIMITED,
			"the account has sent too many bytes in a short time (or this transaction is too large); wait a minute and retry",
		),
		(CALL_FILTERED, "this call is not available on this chain"),
		(
			TOO_MANY_FUTURE,
			"the account has too many transactions waiting for earlier ones (nonce too far ahead); wait for them to be included",
		),
		(
			AUTHORITY_EXPIRED,
			"the certificate authority that certified the account is outside its own validity window",
		),
		(
			WEIGHT_LIMITED,
			"the account has used its share of the blocks' compute in a short time (or this call declares more than the share); wait a minute and retry",
		),
	];

	/// The sentence that explains refusal `code`, or `None` if the code is not the gate's.
	pub fn explain(code: u8) -> Option<&'static str> {
		REFUSALS.iter().find(|(c, _)| *c == code).map(|(_, text)| *text)
	}
}

#[cfg(test)]
mod tests {
	use super::admission::*;

	#[test]
	fn every_admission_code_is_explained_once() {
		for code in [
			NOT_CERTIFIED,
			CERTIFICATE_REVOKED,
			CERTIFICATE_EXPIRED,
			AUTHORITY_REMOVED,
			RATE_LIMITED,
			BYTES_LIMITED,
			CALL_FILTERED,
			TOO_MANY_FUTURE,
			AUTHORITY_EXPIRED,
			WEIGHT_LIMITED,
		] {
			assert_eq!(REFUSALS.iter().filter(|(c, _)| *c == code).count(), 1, "code {code}");
			assert!(explain(code).is_some());
		}
		assert_eq!(explain(199), None);
	}
}
