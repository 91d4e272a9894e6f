//! What a CA signs, against the shared vectors (`tests/vectors/vectors.json`): the runtime's
//! `TAG ‖ SCALE(payload)` for certificates and revocations, byte for byte, and the vectors'
//! ed25519 signatures, which the runtime's ed25519 reproduces and accepts. The vectors are
//! computed independently by `tests/vectors/generate.py` (hand-written SCALE, RFC 8032) and
//! the `tender` client's tests read them too.

use crate::{
	CertificatePayload, RevocationPayload, Role, Roles, CERTIFICATE_SIGNING_TAG,
	REVOCATION_SIGNING_TAG,
};
use codec::{Decode, Encode};
use frame_support::BoundedVec;
use serde_json::Value;
use sp_core::{bytes::from_hex, crypto::AccountId32, ed25519, ConstU32, Pair, H256};

/// A certificate payload as the runtime declares it (`MaxNameLen` 64, as configured).
type Payload = CertificatePayload<AccountId32, ConstU32<64>>;

/// The cases of one group of the shared vectors, with the group's tag checked against `tag`.
fn signing_cases(group: &str, tag: &[u8]) -> Vec<Value> {
	let all: Value = serde_json::from_str(include_str!("../../../tests/vectors/vectors.json"))
		.expect("tests/vectors/vectors.json is JSON");
	assert_eq!(bytes(&all[group]["tag"]), tag, "{group} tag");
	all[group]["cases"].as_array().expect("cases").clone()
}

/// The bytes of a 0x-hex JSON string.
fn bytes(v: &Value) -> Vec<u8> {
	from_hex(v.as_str().expect("a 0x-hex string")).expect("hex")
}

fn array32(v: &Value) -> [u8; 32] {
	bytes(v).try_into().expect("32 bytes")
}

fn int(v: &Value) -> u64 {
	v.as_u64().expect("an integer")
}

fn text(v: &Value) -> Vec<u8> {
	v.as_str().expect("a string").as_bytes().to_vec()
}

/// Checks that the CA of `case` (its secret seed) has the stated key, signs `message` into the
/// stated signature, and that the signature verifies.
fn check_signature(case: &Value, message: &[u8], name: &str) {
	let pair = ed25519::Pair::from_seed(&array32(&case["ca_secret_seed"]));
	assert_eq!(pair.public().0, array32(&case["ca_key"]), "{name}: CA key");
	let signature =
		ed25519::Signature::from_raw(bytes(&case["signature"]).try_into().expect("64 bytes"));
	assert_eq!(pair.sign(message), signature, "{name}: signature");
	assert!(sp_io::crypto::ed25519_verify(&signature, message, &pair.public()), "{name}: verifies");
}

#[test]
fn certificate_signing_messages_match_the_shared_vectors() {
	for case in signing_cases("certificate_signing", CERTIFICATE_SIGNING_TAG) {
		let name = case["name"].as_str().expect("name");
		let role_names: Vec<String> = case["role_names"]
			.as_array()
			.expect("role names")
			.iter()
			.map(|r| r.as_str().expect("role").into())
			.collect();
		let roles: Vec<Role> =
			Role::ALL.into_iter().filter(|r| role_names.contains(&format!("{r:?}"))).collect();
		assert_eq!(roles.len(), role_names.len(), "{name}: every role name is a Role");
		assert_eq!(Roles::of(&roles).0 as u64, int(&case["roles"]), "{name}: role bits");
		let payload = Payload {
			genesis_hash: H256(array32(&case["genesis_hash"])),
			authority: int(&case["authority"]).try_into().expect("u32 authority"),
			serial: int(&case["serial"]),
			account: AccountId32::new(array32(&case["account"])),
			identity_hash: H256(array32(&case["identity_hash"])),
			name: BoundedVec::try_from(text(&case["display_name"]))
				.expect("name within MaxNameLen"),
			roles: Roles::of(&roles),
			city: BoundedVec::try_from(text(&case["city"])).expect("city code"),
			valid_from: int(&case["valid_from"]),
			valid_until: int(&case["valid_until"]),
		};
		let scale = bytes(&case["scale"]);
		assert_eq!(payload.encode(), scale, "{name}: SCALE(payload)");
		assert_eq!(
			Payload::decode(&mut &scale[..]).expect("decodes"),
			payload,
			"{name}: decodes back"
		);
		let mut message = CERTIFICATE_SIGNING_TAG.to_vec();
		payload.encode_to(&mut message);
		assert_eq!(message, bytes(&case["signing_message"]), "{name}: signing message");
		check_signature(&case, &message, name);
	}
}

#[test]
fn revocation_signing_messages_match_the_shared_vectors() {
	for case in signing_cases("revocation_signing", REVOCATION_SIGNING_TAG) {
		let name = case["name"].as_str().expect("name");
		let payload = RevocationPayload {
			genesis_hash: H256(array32(&case["genesis_hash"])),
			authority: int(&case["authority"]).try_into().expect("u32 authority"),
			serial: int(&case["serial"]),
		};
		assert_eq!(payload.encode(), bytes(&case["scale"]), "{name}: SCALE(payload)");
		let mut message = REVOCATION_SIGNING_TAG.to_vec();
		payload.encode_to(&mut message);
		assert_eq!(message, bytes(&case["signing_message"]), "{name}: signing message");
		check_signature(&case, &message, name);
	}
}
