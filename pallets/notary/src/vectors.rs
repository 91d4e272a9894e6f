//! The runtime's Merkle tree against the shared vectors (`tests/vectors/vectors.json`), which
//! `tests/vectors/generate.py` computes independently from the definition in [`crate::merkle`]
//! and the `tender` client's tests read too: roots, and every document's proof.

use crate::merkle::{self, Side};
use serde_json::Value;
use sp_core::{bytes::from_hex, H256};

/// The `merkle` group of the shared vectors.
fn merkle_vectors() -> Value {
	let all: Value = serde_json::from_str(include_str!("../../../tests/vectors/vectors.json"))
		.expect("tests/vectors/vectors.json is JSON");
	all["merkle"].clone()
}

/// The hash in a 0x-hex JSON string.
fn node(v: &Value) -> H256 {
	H256::from_slice(&from_hex(v.as_str().expect("a 0x-hex string")).expect("hex"))
}

fn step(v: &Value) -> (Side, H256) {
	let side = match v["side"].as_str() {
		Some("left") => Side::Left,
		Some("right") => Side::Right,
		other => panic!("unknown side {other:?}"),
	};
	(side, node(&v["hash"]))
}

#[test]
fn merkle_roots_and_proofs_match_the_shared_vectors() {
	let group = merkle_vectors();
	assert_eq!(group["leaf_prefix"], format!("0x{:02x}", merkle::LEAF_PREFIX));
	assert_eq!(group["node_prefix"], format!("0x{:02x}", merkle::NODE_PREFIX));
	let cases = group["cases"].as_array().expect("cases");
	let sizes: Vec<usize> =
		cases.iter().map(|c| c["documents"].as_array().map_or(0, |d| d.len())).collect();
	for n in [1, 2, 3, 5, 8] {
		assert!(sizes.contains(&n), "the vectors hold a batch of {n}");
	}
	for case in cases {
		let name = case["name"].as_str().expect("name");
		let documents: Vec<H256> =
			case["documents"].as_array().expect("documents").iter().map(node).collect();
		let preimages = case["document_preimages"].as_array().expect("document preimages");
		for (document, preimage) in documents.iter().zip(preimages) {
			let preimage = preimage.as_str().expect("preimage");
			let bytes = if preimage.starts_with("0x") {
				from_hex(preimage).expect("hex")
			} else {
				preimage.into()
			};
			assert_eq!(
				*document,
				H256(sp_io::hashing::sha2_256(&bytes)),
				"{name}: document {preimage}"
			);
		}
		let root = node(&case["root"]);
		assert_eq!(merkle::root(&documents), Some(root), "{name}: root");
		let proofs = case["proofs"].as_array().expect("proofs");
		assert_eq!(proofs.len(), documents.len(), "{name}: one proof per document");
		for (i, (document, expected)) in documents.iter().zip(proofs).enumerate() {
			let expected: Vec<(Side, H256)> =
				expected.as_array().expect("steps").iter().map(step).collect();
			assert_eq!(
				merkle::proof(&documents, i),
				Some(expected.clone()),
				"{name}: proof of {i}"
			);
			assert_eq!(
				merkle::root_from_proof(document, &expected),
				root,
				"{name}: root from proof {i}"
			);
		}
	}
	// An empty batch has no root (the vectors hold none).
	assert_eq!(merkle::root(&[]), None);
}
