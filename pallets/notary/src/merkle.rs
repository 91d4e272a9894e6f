//! The binary SHA-256 Merkle tree of a notarized batch.
//!
//! Definition (the `tender` client has its own implementation, tested against the same vectors):
//!
//! - the leaves are the documents' SHA-256 hashes `d₀ … dₙ₋₁`, in the batch's order;
//! - a leaf's node is `L(d) = SHA-256(0x00 ‖ d)`;
//! - an inner node is `N(a, b) = SHA-256(0x01 ‖ a ‖ b)`;
//! - each level pairs its nodes left to right; when a level has an odd number of nodes, the
//!   last one is carried up to the next level unchanged (it is **not** paired with itself, so
//!   that no two different batches share a root);
//! - the root is the single node left. A batch of one document has root `L(d₀)`.
//!
//! The distinct prefixes keep the two kinds of node apart: a leaf can never be passed off as an
//! inner node (a forged "document" equal to `a ‖ b` hashes with the prefix 0x00, never 0x01), and
//! a root is never the plain hash of any document, so anchoring a root does not anchor a
//! document by accident.
//!
//! A proof for leaf `i` lists, from the bottom, each sibling with the side it sits on; levels
//! where the node was carried up contribute no step.

use alloc::vec::Vec;
use sp_core::H256;

/// The prefix of a leaf node.
pub const LEAF_PREFIX: u8 = 0x00;
/// The prefix of an inner node.
pub const NODE_PREFIX: u8 = 0x01;

/// `SHA-256(0x00 ‖ document)`.
pub fn leaf(document: &H256) -> H256 {
	let mut data = [0u8; 33];
	data[0] = LEAF_PREFIX;
	data[1..].copy_from_slice(document.as_bytes());
	H256(sp_io::hashing::sha2_256(&data))
}

/// `SHA-256(0x01 ‖ left ‖ right)`.
pub fn node(left: &H256, right: &H256) -> H256 {
	let mut data = [0u8; 65];
	data[0] = NODE_PREFIX;
	data[1..33].copy_from_slice(left.as_bytes());
	data[33..].copy_from_slice(right.as_bytes());
	H256(sp_io::hashing::sha2_256(&data))
}

/// The level above `level`: pairs joined, an odd last node carried up unchanged.
fn next_level(level: &[H256]) -> Vec<H256> {
	level
		.chunks(2)
		.map(|pair| match pair {
			[a, b] => node(a, b),
			// `chunks(2)` yields one or two nodes; a single one is carried up.
			_ => pair.first().copied().unwrap_or_default(),
		})
		.collect()
}

/// The root of the batch `documents`, or `None` for an empty batch.
pub fn root(documents: &[H256]) -> Option<H256> {
	let mut level: Vec<H256> = documents.iter().map(leaf).collect();
	if level.is_empty() {
		return None;
	}
	while level.len() > 1 {
		level = next_level(&level);
	}
	level.first().copied()
}

/// Which side of the path a sibling is on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
	/// The sibling is the left input: `N(sibling, path)`.
	Left,
	/// The sibling is the right input: `N(path, sibling)`.
	Right,
}

/// The proof for the document at `index`: its siblings from the bottom up.
pub fn proof(documents: &[H256], index: usize) -> Option<Vec<(Side, H256)>> {
	if index >= documents.len() {
		return None;
	}
	let mut level: Vec<H256> = documents.iter().map(leaf).collect();
	let mut position = index;
	let mut steps = Vec::new();
	while level.len() > 1 {
		let sibling = position ^ 1;
		if sibling < level.len() {
			let side = if sibling < position { Side::Left } else { Side::Right };
			steps.push((side, level[sibling]));
		}
		level = next_level(&level);
		position /= 2;
	}
	Some(steps)
}

/// The root that `document` and `steps` lead to.
pub fn root_from_proof(document: &H256, steps: &[(Side, H256)]) -> H256 {
	steps.iter().fold(leaf(document), |acc, (side, sibling)| match side {
		Side::Left => node(sibling, &acc),
		Side::Right => node(&acc, sibling),
	})
}
