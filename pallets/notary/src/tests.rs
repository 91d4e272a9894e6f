//! The notary's rules and the Merkle tree, one test each.

use crate::{
	merkle, mock::*, Anchors, AnchorsInWindow, DocumentCount, DocumentType, Error, Event,
	OldestQuotaWindow, PartyRole, TenderAnchors, TenderId,
};
use frame_support::{assert_noop, assert_ok, dispatch::DispatchResult};
use sp_core::H256;

fn sha256(data: &[u8]) -> H256 {
	H256(sp_io::hashing::sha2_256(data))
}

fn hex(s: &str) -> H256 {
	let mut out = [0u8; 32];
	for (i, byte) in out.iter_mut().enumerate() {
		*byte = u8::from_str_radix(&s[2 * i..2 * i + 2], 16).expect("hex");
	}
	H256(out)
}

/// `who` anchors `document` of type `kind`, of tender `tender`, superseding `supersedes`.
fn anchor(
	who: u64,
	document: H256,
	kind: DocumentType,
	tender: Option<TenderId>,
	supersedes: Option<H256>,
) -> DispatchResult {
	Notary::anchor(RuntimeOrigin::signed(who), document, kind, tender, supersedes)
}

/// `who` anchors a batch of `documents` documents under `root`, of type `kind`, of tender
/// `tender`.
fn anchor_batch(
	who: u64,
	root: H256,
	documents: u32,
	kind: DocumentType,
	tender: Option<TenderId>,
) -> DispatchResult {
	Notary::anchor_batch(RuntimeOrigin::signed(who), root, documents, kind, tender)
}

/// The documents "a", "b", "c", "d", "e" (their SHA-256 hashes).
fn documents(n: usize) -> Vec<H256> {
	[b"a", b"b", b"c", b"d", b"e"].iter().take(n).map(|d| sha256(*d)).collect()
}

#[test]
fn merkle_roots_match_the_known_vectors() {
	// Computed independently (Python hashlib) from the definition in `merkle`.
	assert_eq!(
		documents(1)[0],
		hex("ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb")
	);
	let cases = [
		(1, "a23bd5b06da9048238a65b3f1d9d0b9e15fae3dde262688e6489aa4c763d1820"),
		(2, "ad5ca6cddc0b27c6a83e332bf28011769236e6c6a1f786ebf7b5267b37a5bd22"),
		(3, "cac3d448d4e20a2ad5eae1f500e63c2a7f9217cd14572ba7fd22e26dc1ec2648"),
		(5, "4dc1abc938a0141a3c7cd1fed88948c35c4452e7e8aff9b1503eb5100a2c77b3"),
	];
	for (n, expected) in cases {
		assert_eq!(merkle::root(&documents(n)), Some(hex(expected)), "{n} leaves");
	}
	assert_eq!(merkle::root(&[]), None);
}

#[test]
fn one_two_and_three_leaves_follow_the_definition() {
	let d = documents(3);
	assert_eq!(merkle::root(&d[..1]), Some(merkle::leaf(&d[0])));
	assert_eq!(
		merkle::root(&d[..2]),
		Some(merkle::node(&merkle::leaf(&d[0]), &merkle::leaf(&d[1])))
	);
	// Odd count: the third leaf is carried up, not paired with itself.
	let pair = merkle::node(&merkle::leaf(&d[0]), &merkle::leaf(&d[1]));
	assert_eq!(merkle::root(&d), Some(merkle::node(&pair, &merkle::leaf(&d[2]))));
	assert_ne!(merkle::root(&d), merkle::root(&[d[0], d[1], d[2], d[2]]));
}

#[test]
fn every_proof_leads_to_the_root_for_any_batch_size() {
	for n in 1..=17usize {
		let docs: Vec<H256> = (0..n).map(|i| sha256(&(i as u32).to_le_bytes())).collect();
		let root = merkle::root(&docs).expect("non-empty");
		for (i, doc) in docs.iter().enumerate() {
			let proof = merkle::proof(&docs, i).expect("index in range");
			assert_eq!(merkle::root_from_proof(doc, &proof), root, "leaf {i} of {n}");
			// A changed document does not lead to the root.
			assert_ne!(merkle::root_from_proof(&sha256(b"changed"), &proof), root);
		}
		assert!(merkle::proof(&docs, n).is_none());
	}
}

#[test]
fn a_leaf_cannot_be_passed_off_as_an_inner_node() {
	let d = documents(2);
	let (a, b) = (merkle::leaf(&d[0]), merkle::leaf(&d[1]));
	let root = merkle::node(&a, &b);
	// A "document" whose bytes are the two children: as a leaf it hashes with prefix 0x00.
	let mut forged = Vec::new();
	forged.extend_from_slice(a.as_bytes());
	forged.extend_from_slice(b.as_bytes());
	assert_ne!(merkle::leaf(&sha256(&forged)), root);
	// And an inner node presented as a document does not reproduce the root with an empty path.
	assert_ne!(merkle::root_from_proof(&root, &[]), root);
}

#[test]
fn a_trading_centre_anchors_a_document_with_its_time_and_tender() {
	new_test_ext().execute_with(|| {
		let doc = sha256(b"opening record of tender 7");
		assert_ok!(anchor(CENTRE, doc, DocumentType::BidOpeningRecord, Some(7), None));
		let anchor = Anchors::<Test>::get(doc).expect("anchored");
		assert_eq!(anchor.issuer, CENTRE);
		assert_eq!(anchor.block, 1);
		assert_eq!(anchor.time, 1_795_305_600_000);
		assert_eq!(anchor.documents, 1);
		assert_eq!(anchor.tender, Some(7));
		assert_eq!(TenderAnchors::<Test>::get(7).to_vec(), vec![doc]);
		assert_eq!(DocumentCount::<Test>::get(), 1);
		System::assert_has_event(
			Event::Anchored {
				hash: doc,
				document_type: DocumentType::BidOpeningRecord,
				tender: Some(7),
				documents: 1,
				issuer: CENTRE,
			}
			.into(),
		);
	});
}

#[test]
fn each_role_anchors_only_its_own_document_types() {
	new_test_ext().execute_with(|| {
		let anchor = |who, n: u8, kind| anchor(who, sha256(&[n]), kind, None, None);
		assert_ok!(anchor(TENDERER, 1, DocumentType::Notice));
		assert_ok!(anchor(TENDERER, 2, DocumentType::Contract));
		assert_ok!(anchor(EXPERT, 3, DocumentType::EvaluationReport));
		assert_noop!(
			anchor(TENDERER, 4, DocumentType::BidOpeningRecord),
			Error::<Test>::NotPermitted
		);
		assert_noop!(anchor(EXPERT, 5, DocumentType::Notice), Error::<Test>::NotPermitted);
		assert_noop!(anchor(BIDDER, 6, DocumentType::Archive), Error::<Test>::NotPermitted);
		assert_noop!(anchor(99, 7, DocumentType::Notice), Error::<Test>::NotPermitted);
		assert_ok!(anchor(CENTRE, 8, DocumentType::Archive));
	});
}

#[test]
fn a_hash_is_anchored_once() {
	new_test_ext().execute_with(|| {
		let doc = sha256(b"notice");
		assert_ok!(anchor(TENDERER, doc, DocumentType::Notice, None, None));
		assert_noop!(
			anchor(CENTRE, doc, DocumentType::Archive, None, None),
			Error::<Test>::AlreadyAnchored
		);
	});
}

#[test]
fn a_new_version_supersedes_the_old_and_both_are_kept() {
	new_test_ext().execute_with(|| {
		let (v1, v2, v3) = (sha256(b"notice v1"), sha256(b"notice v2"), sha256(b"notice v3"));
		assert_ok!(anchor(TENDERER, v1, DocumentType::Notice, Some(1), None));
		assert_ok!(anchor(TENDERER, v2, DocumentType::Notice, Some(1), Some(v1)));
		assert_eq!(Anchors::<Test>::get(v1).expect("kept").superseded_by, Some(v2));
		assert_eq!(Anchors::<Test>::get(v2).expect("kept").supersedes, Some(v1));
		System::assert_has_event(Event::Superseded { old: v1, new: v2 }.into());
		// v1 was superseded already; an unknown version; another issuer or type.
		assert_noop!(
			anchor(TENDERER, v3, DocumentType::Notice, None, Some(v1)),
			Error::<Test>::AlreadySuperseded
		);
		assert_noop!(
			anchor(TENDERER, v3, DocumentType::Notice, None, Some(sha256(b"?"))),
			Error::<Test>::UnknownPreviousVersion
		);
		assert_noop!(
			anchor(CENTRE, v3, DocumentType::Notice, None, Some(v2)),
			Error::<Test>::NotTheSameDocument
		);
		assert_noop!(
			anchor(TENDERER, v3, DocumentType::Contract, None, Some(v2)),
			Error::<Test>::NotTheSameDocument
		);
	});
}

#[test]
fn batches_are_anchored_by_root_within_bounds() {
	new_test_ext().execute_with(|| {
		let root = merkle::root(&documents(5)).expect("non-empty");
		assert_ok!(anchor_batch(CENTRE, root, 5, DocumentType::Archive, None));
		assert_eq!(Anchors::<Test>::get(root).expect("anchored").documents, 5);
		assert_eq!(DocumentCount::<Test>::get(), 5);
		assert_noop!(
			anchor_batch(CENTRE, sha256(b"r"), 0, DocumentType::Archive, None),
			Error::<Test>::EmptyBatch
		);
		assert_noop!(
			anchor_batch(CENTRE, sha256(b"r"), 1025, DocumentType::Archive, None),
			Error::<Test>::BatchTooLarge
		);
		assert_noop!(
			anchor_batch(BIDDER, sha256(b"r"), 3, DocumentType::Archive, None),
			Error::<Test>::NotPermitted
		);
	});
}

#[test]
fn a_tender_lists_a_bounded_number_of_anchors() {
	new_test_ext().execute_with(|| {
		for n in 0..3u8 {
			assert_ok!(anchor(CENTRE, sha256(&[n]), DocumentType::Archive, Some(9), None));
		}
		assert_noop!(
			anchor(CENTRE, sha256(&[3]), DocumentType::Archive, Some(9), None),
			Error::<Test>::TooManyAnchorsForTender
		);
		// Without a tender there is no such bound.
		assert_ok!(anchor(CENTRE, sha256(&[3]), DocumentType::Archive, None, None));
	});
}

/// Someone with no part in a tender files documents under it (a competitor's "notice", another
/// city's centre's "opening record"), or under a tender not yet published: refused. The tender's
/// parties file, and the anchor records their part.
#[test]
fn attack_notary_squats_a_tender() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			anchor(OTHER_TENDERER, sha256(b"fake notice"), DocumentType::Notice, Some(7), None),
			Error::<Test>::NotATenderParty
		);
		assert_noop!(
			anchor(
				OTHER_CENTRE,
				sha256(b"fake record"),
				DocumentType::BidOpeningRecord,
				Some(7),
				None
			),
			Error::<Test>::NotATenderParty
		);
		assert_noop!(
			anchor_batch(OTHER_CENTRE, sha256(b"fake batch"), 3, DocumentType::Archive, Some(7)),
			Error::<Test>::NotATenderParty
		);
		assert_noop!(
			anchor(
				TENDERER,
				sha256(b"early notice"),
				DocumentType::Notice,
				Some(LAST_TENDER + 1),
				None
			),
			Error::<Test>::UnknownTender
		);
		assert!(TenderAnchors::<Test>::get(7).is_empty());
		// Without a tender, the same accounts still anchor what their certificates allow.
		assert_ok!(anchor(OTHER_TENDERER, sha256(b"own notice"), DocumentType::Notice, None, None));
		assert_eq!(Anchors::<Test>::get(sha256(b"own notice")).expect("anchored").role, None);
	});
}

#[test]
fn each_party_files_its_own_document_types_with_its_role() {
	new_test_ext().execute_with(|| {
		let cases = [
			(TENDERER, DocumentType::Notice, PartyRole::Tenderer),
			(AGENCY, DocumentType::Amendment, PartyRole::Agency),
			(PRINCIPAL, DocumentType::Contract, PartyRole::Principal),
			(EXPERT, DocumentType::EvaluationReport, PartyRole::Expert),
			(CENTRE, DocumentType::AwardNotice, PartyRole::TradingCentre),
		];
		for (n, (who, kind, role)) in cases.into_iter().enumerate() {
			let (doc, tender) = (sha256(&[n as u8, 7]), 10 + n as TenderId);
			assert_ok!(anchor(who, doc, kind, Some(tender), None));
			assert_eq!(TenderAnchors::<Test>::get(tender).to_vec(), vec![doc]);
			assert_eq!(Anchors::<Test>::get(doc).expect("anchored").role, Some(role));
		}
		// A seated expert files no tender notice under the tender.
		assert!(!PartyRole::Expert.may_file(DocumentType::Notice));
		assert_noop!(
			anchor(EXPERT, sha256(b"notice"), DocumentType::Notice, Some(7), None),
			Error::<Test>::NotPermitted
		);
	});
}

#[test]
fn an_account_anchors_at_most_its_quota_per_window() {
	new_test_ext().execute_with(|| {
		for n in 0..QUOTA {
			assert_ok!(anchor(CENTRE, sha256(&n.to_le_bytes()), DocumentType::Archive, None, None));
		}
		assert_noop!(
			anchor(CENTRE, sha256(b"one more"), DocumentType::Archive, None, None),
			Error::<Test>::AnchorQuotaExceeded
		);
		// Another account has its own quota; the next window gives a new one.
		assert_ok!(anchor(TENDERER, sha256(b"notice"), DocumentType::Notice, None, None));
		System::set_block_number(WINDOW);
		assert_ok!(anchor(CENTRE, sha256(b"one more"), DocumentType::Archive, None, None));
	});
}

#[test]
fn on_idle_removes_the_counters_of_past_windows() {
	use frame_support::{traits::Hooks, weights::Weight};
	new_test_ext().execute_with(|| {
		assert_ok!(anchor(CENTRE, sha256(b"a"), DocumentType::Archive, None, None));
		assert_ok!(anchor(TENDERER, sha256(b"n"), DocumentType::Notice, None, None));
		assert_eq!(AnchorsInWindow::<Test>::iter_prefix(0).count(), 2);
		// Still the current window: kept.
		Notary::on_idle(WINDOW - 1, Weight::MAX);
		assert_eq!(AnchorsInWindow::<Test>::iter_prefix(0).count(), 2);
		// Without weight to spare, nothing is done.
		Notary::on_idle(WINDOW, Weight::zero());
		assert_eq!(AnchorsInWindow::<Test>::iter_prefix(0).count(), 2);
		Notary::on_idle(WINDOW, Weight::MAX);
		assert_eq!(AnchorsInWindow::<Test>::iter().count(), 0);
		assert_eq!(OldestQuotaWindow::<Test>::get(), Some(1));
	});
}
