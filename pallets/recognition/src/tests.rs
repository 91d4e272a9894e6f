//! Tests of the recognition pallet and of its bridge wiring: what is recognised, how it is
//! enforced, and the bad input refused with a named error and no change (issue 16, item 5).

use crate::{mock::*, *};
use bp_test_utils::{
	make_justification_for_header, test_header_with_root, test_keyring,
	JustificationGeneratorParams, TEST_GRANDPA_SET_ID,
};
use codec::Encode;
use frame_support::{assert_noop, assert_ok};
use pallet_certificates::{Bar, ParticipantRegistry, Role};
use sp_consensus_grandpa::{ConsensusLog, ScheduledChange, GRANDPA_ENGINE_ID};
use sp_core::H256;
use sp_runtime::{traits::Header as _, DigestItem};

/// A company's legal identity (the same hash in every province).
fn company() -> H256 {
	H256::repeat_byte(0xc0)
}

/// Another company.
fn other_company() -> H256 {
	H256::repeat_byte(0xc1)
}

const DAY: u64 = 86_400_000;

/// The peer's state with `company()` barred from bidding until tomorrow (violation #3), and
/// an unrelated entry.
fn barred_state() -> PeerState {
	PeerState::with(&[
		(bar_key(company(), Bar::Bidding), bar_value(NOW + DAY, 3)),
		(b":unrelated".to_vec(), vec![0xab; 64]),
	])
}

/// The peer's state with neither company barred (the bar lifted).
fn lifted_state() -> PeerState {
	PeerState::with(&[(b":unrelated".to_vec(), vec![0xab; 64])])
}

fn recognise_bar(header: H256, identity: H256, proof: StorageProof) -> sp_runtime::DispatchResult {
	Recognition::recognise_bar(RuntimeOrigin::signed(7), 0, header, identity, Bar::Bidding, proof)
}

#[test]
fn a_peer_bar_is_recognised_and_bars_the_same_identity_here() {
	new_test_ext().execute_with(|| {
		let state = barred_state();
		let header = import_peer_header(1, state.root());
		let key = bar_key(company(), Bar::Bidding);
		assert_ok!(recognise_bar(header, company(), state.prove(&[&key])));
		let recognised = PeerBars::<Test>::get((company(), Bar::Bidding), 0).expect("recorded");
		assert_eq!(recognised.until, Some(NOW + DAY));
		assert_eq!(recognised.record, 3);
		assert_eq!(recognised.evidence, Evidence { header, block: 1 });
		System::assert_last_event(
			Event::BarRecognised {
				slot: 0,
				identity: company(),
				bar: Bar::Bidding,
				until: NOW + DAY,
				evidence: recognised.evidence,
			}
			.into(),
		);
		// A bidder of that identity certified here is barred from bidding here, not from
		// evaluation; another company is not.
		pallet_certificates::testing::certify::<Test>(&10, &[Role::Bidder], b"BY", company());
		pallet_certificates::testing::certify::<Test>(&11, &[Role::Bidder], b"BY", other_company());
		assert_noop!(
			Certificates::ensure_not_barred(&10, Bar::Bidding),
			pallet_certificates::Error::<Test>::BarredInPeerProvince
		);
		assert_ok!(Certificates::ensure_not_barred(&10, Bar::Evaluation));
		assert_ok!(Certificates::ensure_not_barred(&11, Bar::Bidding));
		// The bar ends when it ends there.
		pallet_timestamp::Now::<Test>::put(NOW + DAY);
		assert_ok!(Certificates::ensure_not_barred(&10, Bar::Bidding));
	});
}

#[test]
fn a_lift_there_lifts_it_here_and_an_older_proof_cannot_bring_it_back() {
	new_test_ext().execute_with(|| {
		let barred = barred_state();
		let old = import_peer_header(1, barred.root());
		let key = bar_key(company(), Bar::Bidding);
		assert_ok!(recognise_bar(old, company(), barred.prove(&[&key])));
		let lifted = lifted_state();
		let new = import_peer_header(2, lifted.root());
		assert_ok!(recognise_bar(new, company(), lifted.prove(&[&key])));
		assert_eq!(
			PeerBars::<Test>::get((company(), Bar::Bidding), 0).map(|b| b.until),
			Some(None)
		);
		pallet_certificates::testing::certify::<Test>(&10, &[Role::Bidder], b"BY", company());
		assert_ok!(Certificates::ensure_not_barred(&10, Bar::Bidding));
		// A proof of the bar older than the known lift is refused, and changes nothing.
		assert_noop!(
			recognise_bar(old, company(), barred.prove(&[&key])),
			Error::<Test>::ProofNotNewer
		);
	});
}

#[test]
fn a_proof_that_someone_is_not_barred_records_nothing() {
	new_test_ext().execute_with(|| {
		let state = lifted_state();
		let header = import_peer_header(1, state.root());
		let key = bar_key(company(), Bar::Bidding);
		assert_noop!(
			recognise_bar(header, company(), state.prove(&[&key])),
			Error::<Test>::NothingToRecognise
		);
	});
}

#[test]
fn a_removed_peer_bars_nobody() {
	new_test_ext().execute_with(|| {
		let state = barred_state();
		let header = import_peer_header(1, state.root());
		let key = bar_key(company(), Bar::Bidding);
		assert_ok!(recognise_bar(header, company(), state.prove(&[&key])));
		pallet_certificates::testing::certify::<Test>(&10, &[Role::Bidder], b"BY", company());
		assert_noop!(
			Recognition::remove_peer(RuntimeOrigin::signed(7), 0),
			sp_runtime::DispatchError::BadOrigin
		);
		assert_ok!(Recognition::remove_peer(RuntimeOrigin::root(), 0));
		assert_ok!(Certificates::ensure_not_barred(&10, Bar::Bidding));
		assert_noop!(
			recognise_bar(header, company(), state.prove(&[&key])),
			Error::<Test>::UnknownPeer
		);
	});
}

#[test]
fn peers_are_registered_by_the_consortium_in_existing_slots() {
	new_test_ext().execute_with(|| {
		let name: BoundedVec<u8, ConstU32<64>> = b"Sichuan".to_vec().try_into().expect("short");
		assert_noop!(
			Recognition::register_peer(RuntimeOrigin::signed(7), 0, name.clone(), H256::zero()),
			sp_runtime::DispatchError::BadOrigin
		);
		assert_noop!(
			Recognition::register_peer(RuntimeOrigin::root(), 0, name.clone(), H256::zero()),
			Error::<Test>::PeerSlotTaken
		);
		assert_noop!(
			Recognition::register_peer(RuntimeOrigin::root(), 1, name, H256::zero()),
			Error::<Test>::SlotOutOfRange
		);
	});
}

#[test]
fn a_peer_document_is_recognised() {
	new_test_ext().execute_with(|| {
		let document = H256::repeat_byte(0xd0);
		let anchor = pallet_notary::Anchor::<u64, u64> {
			document_type: pallet_notary::DocumentType::AwardNotice,
			tender: Some(4),
			issuer: 100,
			block: 77,
			time: NOW - DAY,
			documents: 1,
			supersedes: None,
			superseded_by: None,
			role: Some(pallet_notary::PartyRole::TradingCentre),
		};
		let key = pallet_notary::Anchors::<Test>::hashed_key_for(document);
		let state = PeerState::with(&[(key.clone(), anchor.encode())]);
		let header = import_peer_header(1, state.root());
		assert_ok!(Recognition::recognise_anchor(
			RuntimeOrigin::signed(7),
			0,
			header,
			document,
			state.prove(&[&key])
		));
		let recognised = PeerAnchors::<Test>::get(0, document).expect("recorded");
		assert_eq!(recognised.issuer, 100);
		assert_eq!(recognised.anchored_in, 77);
		assert_eq!(recognised.tender, Some(4));
		// A document never anchored there is not recognised.
		let absent = H256::repeat_byte(0xd1);
		let absent_key = pallet_notary::Anchors::<Test>::hashed_key_for(absent);
		assert_noop!(
			Recognition::recognise_anchor(
				RuntimeOrigin::signed(7),
				0,
				header,
				absent,
				state.prove(&[&absent_key])
			),
			Error::<Test>::DocumentNotAnchored
		);
	});
}

// --- Bad storage proofs: refused, named, nothing changed ---

#[test]
fn a_tampered_node_is_refused() {
	new_test_ext().execute_with(|| {
		let state = barred_state();
		let header = import_peer_header(1, state.root());
		let key = bar_key(company(), Bar::Bidding);
		let proof = state.prove(&[&key]);
		for i in 0..proof.len() {
			let mut nodes: Vec<Vec<u8>> = proof.iter().map(|n| n.to_vec()).collect();
			let last = nodes[i].len() - 1;
			nodes[i][last] ^= 0x01;
			let result = recognise_bar(header, company(), to_arg(nodes));
			assert!(
				result == Err(Error::<Test>::ProofRootMismatch.into())
					|| result == Err(Error::<Test>::ProofIncomplete.into()),
				"node {i}: {result:?}"
			);
		}
		assert!(PeerBars::<Test>::iter().next().is_none());
	});
}

#[test]
fn an_unused_node_is_refused() {
	new_test_ext().execute_with(|| {
		let state = barred_state();
		let header = import_peer_header(1, state.root());
		let key = bar_key(company(), Bar::Bidding);
		// The proof of two keys, offered for one.
		let proof = state.prove(&[&key, b":unrelated"]);
		assert_noop!(recognise_bar(header, company(), proof), Error::<Test>::ProofUnusedNodes);
	});
}

#[test]
fn a_duplicate_node_is_refused() {
	new_test_ext().execute_with(|| {
		let state = barred_state();
		let header = import_peer_header(1, state.root());
		let key = bar_key(company(), Bar::Bidding);
		let mut nodes: Vec<Vec<u8>> = state.prove(&[&key]).iter().map(|n| n.to_vec()).collect();
		nodes.push(nodes[0].clone());
		assert_noop!(
			recognise_bar(header, company(), to_arg(nodes)),
			Error::<Test>::ProofDuplicateNodes
		);
	});
}

#[test]
fn a_proof_against_an_unknown_or_not_yet_imported_header_is_refused() {
	new_test_ext().execute_with(|| {
		let state = barred_state();
		let key = bar_key(company(), Bar::Bidding);
		// The header exists on the peer, but nobody relayed its finality yet.
		let not_imported: PeerHeader = test_header_with_root(1, state.root());
		assert_noop!(
			recognise_bar(not_imported.hash(), company(), state.prove(&[&key])),
			Error::<Test>::UnknownHeader
		);
		assert_noop!(
			recognise_bar(H256::repeat_byte(9), company(), state.prove(&[&key])),
			Error::<Test>::UnknownHeader
		);
	});
}

#[test]
fn a_proof_for_another_key_than_claimed_is_refused() {
	new_test_ext().execute_with(|| {
		let state = barred_state();
		let header = import_peer_header(1, state.root());
		let key = bar_key(company(), Bar::Bidding);
		// The proof of the company's bar, claimed as another company's: at most it shows that
		// company unbarred there, which records nothing (it was never barred here).
		let result = recognise_bar(header, other_company(), state.prove(&[&key]));
		assert!(
			result == Err(Error::<Test>::ProofIncomplete.into())
				|| result == Err(Error::<Test>::ProofUnusedNodes.into())
				|| result == Err(Error::<Test>::NothingToRecognise.into()),
			"{result:?}"
		);
		let result = Recognition::recognise_bar(
			RuntimeOrigin::signed(7),
			0,
			header,
			company(),
			Bar::Evaluation,
			state.prove(&[&key]),
		);
		assert!(
			result == Err(Error::<Test>::ProofIncomplete.into())
				|| result == Err(Error::<Test>::ProofUnusedNodes.into())
				|| result == Err(Error::<Test>::NothingToRecognise.into()),
			"{result:?}"
		);
		assert!(PeerBars::<Test>::iter().next().is_none());
	});
}

// --- Bad finality proofs: the bridge refuses them (pallet-bridge-grandpa's verification) ---

type BridgeError = pallet_bridge_grandpa::Error<Test, pallet_bridge_grandpa::Instance1>;

/// Submits header `header` with `justification` for authority set `set_id`.
fn submit(
	header: &PeerHeader,
	justification: bp_header_chain::justification::GrandpaJustification<PeerHeader>,
	set_id: u64,
) -> sp_runtime::DispatchResultWithInfo<frame_support::dispatch::PostDispatchInfo> {
	PeerBridge0::submit_finality_proof_ex(
		RuntimeOrigin::signed(7),
		Box::new(header.clone()),
		justification,
		set_id,
		false,
	)
}

/// Enough of `n` equal authorities to finalize: more than two thirds.
fn quorum_of(n: usize) -> usize {
	n - (n - 1) / 3
}

/// Enough of the test authorities (set 1) to finalize.
fn quorum() -> usize {
	quorum_of(test_keyring().len())
}

#[test]
fn a_justification_signed_by_too_little_weight_is_refused() {
	new_test_ext().execute_with(|| {
		let header: PeerHeader = test_header_with_root(1, H256::zero());
		let justification = make_justification_for_header(JustificationGeneratorParams {
			header: header.clone(),
			authorities: test_keyring().into_iter().take(quorum() - 1).collect(),
			..Default::default()
		});
		assert_noop!(
			submit(&header, justification, TEST_GRANDPA_SET_ID).map_err(|e| e.error),
			BridgeError::InvalidJustification
		);
	});
}

#[test]
fn a_justification_for_a_wrong_authority_set_id_is_refused() {
	new_test_ext().execute_with(|| {
		let header: PeerHeader = test_header_with_root(1, H256::zero());
		// Signed for set 2 while the bridge knows set 1.
		let justification = make_justification_for_header(JustificationGeneratorParams {
			header: header.clone(),
			set_id: TEST_GRANDPA_SET_ID + 1,
			..Default::default()
		});
		assert_noop!(
			submit(&header, justification.clone(), TEST_GRANDPA_SET_ID).map_err(|e| e.error),
			BridgeError::InvalidJustification
		);
		assert_noop!(
			submit(&header, justification, TEST_GRANDPA_SET_ID + 1).map_err(|e| e.error),
			BridgeError::InvalidAuthoritySetId
		);
	});
}

#[test]
fn a_justification_with_duplicate_votes_is_refused() {
	new_test_ext().execute_with(|| {
		let header: PeerHeader = test_header_with_root(1, H256::zero());
		// One authority short of the quorum, its first vote counted twice.
		let mut justification = make_justification_for_header(JustificationGeneratorParams {
			header: header.clone(),
			authorities: test_keyring().into_iter().take(quorum() - 1).collect(),
			..Default::default()
		});
		let first = justification.commit.precommits[0].clone();
		justification.commit.precommits.push(first);
		assert_noop!(
			submit(&header, justification, TEST_GRANDPA_SET_ID).map_err(|e| e.error),
			BridgeError::InvalidJustification
		);
	});
}

#[test]
fn a_vote_ancestry_that_does_not_lead_to_the_header_is_refused() {
	new_test_ext().execute_with(|| {
		let header: PeerHeader = test_header_with_root(1, H256::zero());
		let mut justification = make_justification_for_header(JustificationGeneratorParams {
			header: header.clone(),
			ancestors: 2,
			..Default::default()
		});
		// The votes are for descendants of the header; without their ancestry they do not
		// lead to it.
		justification.votes_ancestries.clear();
		assert_noop!(
			submit(&header, justification, TEST_GRANDPA_SET_ID).map_err(|e| e.error),
			BridgeError::InvalidJustification
		);
	});
}

/// The authorities of the peer's next set in the tests (test keyring accounts 10 to 14).
fn next_authorities() -> Vec<(bp_test_utils::Account, u64)> {
	(10..15).map(|i| (bp_test_utils::Account(i), 1)).collect()
}

/// Peer header `number` announcing the next set (a mandatory header for the bridge).
fn set_change_header(number: u32) -> PeerHeader {
	let mut header: PeerHeader = test_header_with_root(number, H256::zero());
	let change = ScheduledChange::<u32> {
		next_authorities: next_authorities().into_iter().map(|(a, w)| (a.into(), w)).collect(),
		delay: 0,
	};
	header.digest_mut().push(DigestItem::Consensus(
		GRANDPA_ENGINE_ID,
		ConsensusLog::ScheduledChange(change).encode(),
	));
	header
}

#[test]
fn a_header_that_skips_a_mandatory_set_change_is_refused_and_the_change_is_followed() {
	new_test_ext().execute_with(|| {
		// A header finalized by the next set, before the header announcing that set was
		// imported: the bridge knows only set 1 and refuses it.
		let later: PeerHeader = test_header_with_root(3, H256::zero());
		let by_next_set = |header: &PeerHeader| {
			make_justification_for_header(JustificationGeneratorParams {
				header: header.clone(),
				set_id: TEST_GRANDPA_SET_ID + 1,
				// A quorum exactly: the bridge refuses redundant votes too.
				authorities: next_authorities().into_iter().take(quorum_of(5)).collect(),
				..Default::default()
			})
		};
		assert_noop!(
			submit(&later, by_next_set(&later), TEST_GRANDPA_SET_ID).map_err(|e| e.error),
			BridgeError::InvalidJustification
		);
		// The mandatory header, finalized by set 1, switches the bridge to set 2 ...
		let change = set_change_header(2);
		assert_ok!(submit(
			&change,
			make_justification_for_header(JustificationGeneratorParams {
				header: change.clone(),
				..Default::default()
			}),
			TEST_GRANDPA_SET_ID
		));
		let set = pallet_bridge_grandpa::CurrentAuthoritySet::<
			Test,
			pallet_bridge_grandpa::Instance1,
		>::get();
		assert_eq!(set.set_id, TEST_GRANDPA_SET_ID + 1);
		// ... after which the new set's justification is accepted, and the old set's refused.
		assert_ok!(submit(&later, by_next_set(&later), TEST_GRANDPA_SET_ID + 1));
		let after: PeerHeader = test_header_with_root(4, H256::zero());
		assert_noop!(
			submit(&after, make_default_justification_for(&after), TEST_GRANDPA_SET_ID + 1)
				.map_err(|e| e.error),
			BridgeError::InvalidJustification
		);
	});
}

/// A justification by the test authorities of set 1 for `header`, whatever set it is offered
/// for.
fn make_default_justification_for(
	header: &PeerHeader,
) -> bp_header_chain::justification::GrandpaJustification<PeerHeader> {
	bp_test_utils::make_default_justification(header)
}

// --- Issue 16 audit: review, registrations, expired and malformed records ---

/// The attack: one peer city's CA certifies someone under a local company's identity hash and
/// its supervisor bars it "for ever"; a relayer proves the bar. Here the bar is capped at
/// `MaxPeerBarDuration` from its recognition, and the consortium may disregard that
/// violation; a new violation there applies again.
#[test]
fn attack_one_peer_city_bars_a_local_company_without_review() {
	new_test_ext().execute_with(|| {
		let key = bar_key(company(), Bar::Bidding);
		let forever = PeerState::with(&[(key.clone(), bar_value(u64::MAX, 1))]);
		let header = import_peer_header(1, forever.root());
		assert_ok!(recognise_bar(header, company(), forever.prove(&[&key])));
		let max = <<Test as Config>::MaxPeerBarDuration as frame_support::traits::Get<u64>>::get();
		assert_eq!(
			PeerBars::<Test>::get((company(), Bar::Bidding), 0).and_then(|b| b.until),
			Some(NOW + max)
		);
		pallet_certificates::testing::certify::<Test>(&10, &[Role::Bidder], b"BY", company());
		assert_noop!(
			Certificates::ensure_not_barred(&10, Bar::Bidding),
			pallet_certificates::Error::<Test>::BarredInPeerProvince
		);
		// The consortium disregards it; nobody else may.
		assert_noop!(
			Recognition::disregard_bar(RuntimeOrigin::signed(7), 0, company(), Bar::Bidding),
			sp_runtime::DispatchError::BadOrigin
		);
		assert_ok!(Recognition::disregard_bar(RuntimeOrigin::root(), 0, company(), Bar::Bidding));
		assert_ok!(Certificates::ensure_not_barred(&10, Bar::Bidding));
		// A newer proof of the same violation stays disregarded ...
		let later = import_peer_header(2, forever.root());
		assert_ok!(recognise_bar(later, company(), forever.prove(&[&key])));
		assert_ok!(Certificates::ensure_not_barred(&10, Bar::Bidding));
		// ... a new violation there applies again.
		let again = PeerState::with(&[(key.clone(), bar_value(NOW + DAY, 2))]);
		let newest = import_peer_header(3, again.root());
		assert_ok!(recognise_bar(newest, company(), again.prove(&[&key])));
		assert_noop!(
			Certificates::ensure_not_barred(&10, Bar::Bidding),
			pallet_certificates::Error::<Test>::BarredInPeerProvince
		);
	});
}

/// The attack: a slot once held another peer (or the same peer's bridge was reset since);
/// its old records come back when the slot is registered again, and an old lift blocks the
/// new chain's proofs. Each registration is a new generation: old records never apply, and
/// the new peer's proofs are not compared with them.
#[test]
fn attack_reregistered_slot_revives_old_peer_bars() {
	new_test_ext().execute_with(|| {
		let state = barred_state();
		let key = bar_key(company(), Bar::Bidding);
		let header = import_peer_header(5, state.root());
		assert_ok!(recognise_bar(header, company(), state.prove(&[&key])));
		assert_ok!(Recognition::remove_peer(RuntimeOrigin::root(), 0));
		assert_ok!(Recognition::register_peer(
			RuntimeOrigin::root(),
			0,
			b"Sichuan".to_vec().try_into().expect("short"),
			H256::repeat_byte(0x51)
		));
		pallet_certificates::testing::certify::<Test>(&10, &[Role::Bidder], b"BY", company());
		assert_ok!(Certificates::ensure_not_barred(&10, Bar::Bidding));
		// The new peer's lift is not "older" than the old peer's bar: nothing is known of it.
		let lifted = lifted_state();
		let old_number = import_peer_header(6, lifted.root());
		assert_noop!(
			recognise_bar(old_number, company(), lifted.prove(&[&key])),
			Error::<Test>::NothingToRecognise
		);
	});
}

/// The attack: a relayer fills storage with bars that are already over on the peer. An
/// expired bar with nothing known here records nothing.
#[test]
fn attack_expired_peer_bar_creates_storage() {
	new_test_ext().execute_with(|| {
		let key = bar_key(company(), Bar::Bidding);
		let state = PeerState::with(&[(key.clone(), bar_value(NOW - 1, 1))]);
		let header = import_peer_header(1, state.root());
		assert_noop!(
			recognise_bar(header, company(), state.prove(&[&key])),
			Error::<Test>::NothingToRecognise
		);
	});
}

#[test]
fn a_record_with_trailing_bytes_is_refused() {
	new_test_ext().execute_with(|| {
		let key = bar_key(company(), Bar::Bidding);
		let mut value = bar_value(NOW + DAY, 1);
		value.push(0);
		let state = PeerState::with(&[(key.clone(), value)]);
		let header = import_peer_header(1, state.root());
		assert_noop!(
			recognise_bar(header, company(), state.prove(&[&key])),
			Error::<Test>::RecordUndecodable
		);
	});
}

// ---- Peer certificates (一地注册、全网通用) ----

/// The bidder certified in the peer province (the same account key in both provinces).
const PEER_BIDDER: u64 = 42;

/// The peer's CA that issued its certificate (its CA id there).
const PEER_CA: pallet_certificates::AuthorityId = 5;

/// The peer's certificate record of `PEER_BIDDER`, with `roles`, revoked at `revoked_at`.
fn peer_certificate(
	roles: &[Role],
	revoked_at: Option<u64>,
) -> pallet_certificates::CertificateOf<Test> {
	pallet_certificates::Certificate {
		authority: PEER_CA,
		serial: 77,
		identity_hash: company(),
		name: b"Xi'an Road Works".to_vec().try_into().expect("short"),
		roles: pallet_certificates::Roles::of(roles),
		city: BoundedVec::truncate_from(b"XA".to_vec()),
		valid_from: NOW - DAY,
		valid_until: NOW + 365 * DAY,
		revoked_at,
	}
}

fn certificate_key(account: u64) -> Vec<u8> {
	pallet_certificates::Certificates::<Test>::hashed_key_for(account)
}

/// The peer's state holding `cert` for `PEER_BIDDER`, and an unrelated entry.
fn certified_state(cert: &pallet_certificates::CertificateOf<Test>) -> PeerState {
	PeerState::with(&[
		(certificate_key(PEER_BIDDER), cert.encode()),
		(b":unrelated".to_vec(), vec![0xab; 64]),
	])
}

fn recognise_certificate(header: H256, proof: StorageProof) -> sp_runtime::DispatchResult {
	Recognition::recognise_certificate(RuntimeOrigin::signed(7), 0, header, PEER_BIDDER, proof)
}

/// The consortium recognises the peer's CA; the bidder's certificate there is proven at
/// header #`number`; returns the header.
fn recognised_bidder(number: u32) -> H256 {
	assert_ok!(Recognition::recognise_authority(RuntimeOrigin::root(), 0, PEER_CA, 10));
	let state = certified_state(&peer_certificate(&[Role::Bidder], None));
	let header = import_peer_header(number, state.root());
	assert_ok!(recognise_certificate(header, state.prove(&[&certificate_key(PEER_BIDDER)])));
	header
}

#[test]
fn a_peer_certificate_from_a_recognised_ca_lets_its_holder_bid_here() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			Certificates::ensure_role(&PEER_BIDDER, Role::Bidder),
			pallet_certificates::Error::<Test>::NotCertified
		);
		let header = recognised_bidder(1);
		System::assert_last_event(
			Event::CertificateRecognised {
				slot: 0,
				account: PEER_BIDDER,
				identity: company(),
				authority: PEER_CA,
				serial: 77,
				evidence: Evidence { header, block: 1 },
			}
			.into(),
		);
		assert_ok!(Certificates::ensure_role(&PEER_BIDDER, Role::Bidder));
		// The account exists here now: it can sign (the nonce check needs a provider).
		assert_eq!(System::providers(&PEER_BIDDER), 1);
		assert_eq!(Certificates::identity_of(&PEER_BIDDER), Some(company()));
		assert_eq!(
			Certificates::city_of(&PEER_BIDDER),
			Some(BoundedVec::truncate_from(b"XA".to_vec()))
		);
	});
}

#[test]
fn a_peer_certificate_from_a_ca_not_recognised_is_refused() {
	new_test_ext().execute_with(|| {
		let state = certified_state(&peer_certificate(&[Role::Bidder], None));
		let header = import_peer_header(1, state.root());
		let proof = state.prove(&[&certificate_key(PEER_BIDDER)]);
		assert_noop!(
			recognise_certificate(header, proof.clone()),
			Error::<Test>::AuthorityNotRecognised
		);
		// Only the consortium recognises a CA.
		assert_noop!(
			Recognition::recognise_authority(RuntimeOrigin::signed(7), 0, PEER_CA, 10),
			sp_runtime::DispatchError::BadOrigin
		);
		assert_noop!(
			Recognition::recognise_authority(RuntimeOrigin::root(), 1, PEER_CA, 10),
			Error::<Test>::UnknownPeer
		);
		assert_ok!(Recognition::recognise_authority(RuntimeOrigin::root(), 0, PEER_CA, 10));
		assert_ok!(recognise_certificate(header, proof));
		assert_eq!(PeerAuthorities::<Test>::get(0, PEER_CA).map(|ca| ca.used), Some(1));
	});
}

#[test]
fn a_revocation_there_stops_the_holder_here_and_an_older_proof_cannot_bring_it_back() {
	new_test_ext().execute_with(|| {
		let first = recognised_bidder(1);
		let valid = certified_state(&peer_certificate(&[Role::Bidder], None));
		let revoked = certified_state(&peer_certificate(&[Role::Bidder], Some(NOW)));
		let key = certificate_key(PEER_BIDDER);
		let later = import_peer_header(2, revoked.root());
		assert_ok!(recognise_certificate(later, revoked.prove(&[&key])));
		System::assert_last_event(
			Event::CertificateRevocationRecognised {
				slot: 0,
				account: PEER_BIDDER,
				evidence: Evidence { header: later, block: 2 },
			}
			.into(),
		);
		assert_noop!(
			Certificates::ensure_role(&PEER_BIDDER, Role::Bidder),
			pallet_certificates::Error::<Test>::CertificateRevoked
		);
		assert_eq!(System::providers(&PEER_BIDDER), 1);
		// The holder replays the proof from before the revocation: refused.
		assert_noop!(
			recognise_certificate(first, valid.prove(&[&key])),
			Error::<Test>::ProofNotNewer
		);
	});
}

#[test]
fn a_certificate_revoked_there_and_unknown_here_records_nothing() {
	new_test_ext().execute_with(|| {
		assert_ok!(Recognition::recognise_authority(RuntimeOrigin::root(), 0, PEER_CA, 10));
		let revoked = certified_state(&peer_certificate(&[Role::Bidder], Some(NOW - 1)));
		let header = import_peer_header(1, revoked.root());
		assert_noop!(
			recognise_certificate(header, revoked.prove(&[&certificate_key(PEER_BIDDER)])),
			Error::<Test>::CertificateNotInForce
		);
		// Nor does a proof that the account holds no certificate there.
		let none = lifted_state();
		let header = import_peer_header(2, none.root());
		assert_noop!(
			recognise_certificate(header, none.prove(&[&certificate_key(PEER_BIDDER)])),
			Error::<Test>::NoPeerCertificate
		);
	});
}

#[test]
fn disregarding_a_peer_ca_stops_its_certificates_at_once() {
	new_test_ext().execute_with(|| {
		recognised_bidder(1);
		assert_noop!(
			Recognition::disregard_authority(RuntimeOrigin::signed(7), 0, PEER_CA),
			sp_runtime::DispatchError::BadOrigin
		);
		assert_ok!(Recognition::disregard_authority(RuntimeOrigin::root(), 0, PEER_CA));
		assert_noop!(
			Certificates::ensure_role(&PEER_BIDDER, Role::Bidder),
			pallet_certificates::Error::<Test>::NotCertified
		);
		assert_noop!(
			Recognition::disregard_authority(RuntimeOrigin::root(), 0, PEER_CA),
			Error::<Test>::AuthorityNotRecognised
		);
		// So does removing the peer: the certificate does not come back with a new peer.
		assert_ok!(Recognition::recognise_authority(RuntimeOrigin::root(), 0, PEER_CA, 10));
		assert_ok!(Certificates::ensure_role(&PEER_BIDDER, Role::Bidder));
		assert_ok!(Recognition::remove_peer(RuntimeOrigin::root(), 0));
		assert_noop!(
			Certificates::ensure_role(&PEER_BIDDER, Role::Bidder),
			pallet_certificates::Error::<Test>::NotCertified
		);
	});
}

/// The attack: the peer's CA (which this province does not govern) certifies an account as a
/// supervisor, a tenderer or a trading centre, and it acts as one here. A peer certificate
/// grants the bidder role only.
#[test]
fn attack_peer_ca_grants_roles_beyond_bidding_here() {
	new_test_ext().execute_with(|| {
		assert_ok!(Recognition::recognise_authority(RuntimeOrigin::root(), 0, PEER_CA, 10));
		let cert = peer_certificate(&Role::ALL, None);
		let state = certified_state(&cert);
		let header = import_peer_header(1, state.root());
		assert_ok!(recognise_certificate(header, state.prove(&[&certificate_key(PEER_BIDDER)])));
		assert_ok!(Certificates::ensure_role(&PEER_BIDDER, Role::Bidder));
		for role in [
			Role::Tenderer,
			Role::Agency,
			Role::Expert,
			Role::Supervisor,
			Role::Auditor,
			Role::TradingCentre,
		] {
			assert_noop!(
				Certificates::ensure_role(&PEER_BIDDER, role),
				pallet_certificates::Error::<Test>::RoleNotHeld
			);
		}
	});
}

/// The attack: a company barred here (or whose certificate this province revoked) gets its
/// peer province to certify a fresh account, and bids with it. Bars and revoked identities
/// apply to the peer certificate's legal identity.
#[test]
fn attack_barred_company_dodges_its_bar_with_a_peer_certificate() {
	new_test_ext().execute_with(|| {
		pallet_certificates::Bars::<Test>::insert(
			company(),
			Bar::Bidding,
			pallet_certificates::BarEntry { until: NOW + DAY, record: 1 },
		);
		recognised_bidder(1);
		assert_noop!(
			Certificates::ensure_not_barred(&PEER_BIDDER, Bar::Bidding),
			pallet_certificates::Error::<Test>::Barred
		);
		pallet_certificates::RevokedIdentities::<Test>::insert(company(), NOW - 1);
		assert_noop!(
			Certificates::ensure_role(&PEER_BIDDER, Role::Bidder),
			pallet_certificates::Error::<Test>::IdentityRevoked
		);
	});
}

/// A certificate registered here takes precedence over a peer's: revoked here, the account
/// does not fall back on its peer certificate.
#[test]
fn attack_revoked_here_falls_back_on_the_peer_certificate() {
	new_test_ext().execute_with(|| {
		recognised_bidder(1);
		pallet_certificates::testing::certify::<Test>(
			&PEER_BIDDER,
			&[Role::Bidder],
			b"BY",
			other_company(),
		);
		pallet_certificates::Certificates::<Test>::mutate(PEER_BIDDER, |c| {
			if let Some(c) = c {
				c.revoked_at = Some(NOW - 1);
			}
		});
		assert_noop!(
			Certificates::ensure_role(&PEER_BIDDER, Role::Bidder),
			pallet_certificates::Error::<Test>::CertificateRevoked
		);
	});
}

// ---- The auditor's attacks on peer certificates (issue 16 review) ----

/// The attack: the peer revokes the certificate, finality keeps being relayed, but nobody
/// relays the revocation (the holder relayed its own certificate; no relayer lists it). A
/// recognised peer certificate lapses `PeerCertificateTtl` after its latest proof, and after
/// the revocation no newer proof can renew it.
#[test]
fn attack_unrelayed_revocation_never_takes_effect() {
	new_test_ext().execute_with(|| {
		let first = recognised_bidder(1);
		let valid = certified_state(&peer_certificate(&[Role::Bidder], None));
		let revoked = certified_state(&peer_certificate(&[Role::Bidder], Some(NOW)));
		for n in 2..6 {
			import_peer_header(n, revoked.root());
		}
		pallet_timestamp::Now::<Test>::put(NOW + 8 * DAY);
		assert_noop!(
			Certificates::ensure_role(&PEER_BIDDER, Role::Bidder),
			pallet_certificates::Error::<Test>::CertificateExpired
		);
		// The holder cannot renew it with its old proof.
		assert_noop!(
			recognise_certificate(first, valid.prove(&[&certificate_key(PEER_BIDDER)])),
			Error::<Test>::ProofNotNewer
		);
	});
}

/// The attack: a peer-certified bidder colludes here; this province's supervisors cannot
/// record the violation or bar it, and the consortium cannot stop the one account. Violations
/// are recorded against its legal identity, and the consortium withdraws its recognition.
#[test]
fn attack_peer_bidder_escapes_local_sanction() {
	new_test_ext().execute_with(|| {
		let header = recognised_bidder(1);
		const SUPERVISOR: u64 = 20;
		pallet_certificates::testing::certify::<Test>(
			&SUPERVISOR,
			&[Role::Supervisor],
			b"BY",
			H256::repeat_byte(0x5e),
		);
		assert_ok!(Certificates::record_violation(
			RuntimeOrigin::signed(SUPERVISOR),
			PEER_BIDDER,
			pallet_certificates::Severity::Severe,
			H256::repeat_byte(0xee),
			NOW + DAY,
			Some(Bar::Bidding),
		));
		assert_noop!(
			Certificates::ensure_not_barred(&PEER_BIDDER, Bar::Bidding),
			pallet_certificates::Error::<Test>::Barred
		);
		// The consortium withdraws the account's recognition; nobody else may.
		assert_noop!(
			Recognition::withdraw_certificate(RuntimeOrigin::signed(7), PEER_BIDDER),
			sp_runtime::DispatchError::BadOrigin
		);
		assert_ok!(Recognition::withdraw_certificate(RuntimeOrigin::root(), PEER_BIDDER));
		assert_noop!(
			Certificates::ensure_role(&PEER_BIDDER, Role::Bidder),
			pallet_certificates::Error::<Test>::NotCertified
		);
		// A newer proof does not bring it back.
		let state = certified_state(&peer_certificate(&[Role::Bidder], None));
		let later = import_peer_header(2, state.root());
		assert_noop!(
			recognise_certificate(later, state.prove(&[&certificate_key(PEER_BIDDER)])),
			Error::<Test>::CertificateWithdrawn
		);
		let _ = header;
	});
}

/// The attack: the consortium removes and registers the same peer again (the bridge keeps
/// its headers); the holder of a revoked certificate replays its proof from before the
/// revocation. Proofs against headers older than the registration are refused.
#[test]
fn attack_revoked_holder_replays_old_proof_after_reregistration() {
	new_test_ext().execute_with(|| {
		let first = recognised_bidder(1);
		let valid = certified_state(&peer_certificate(&[Role::Bidder], None));
		let revoked = certified_state(&peer_certificate(&[Role::Bidder], Some(NOW)));
		let key = certificate_key(PEER_BIDDER);
		let later = import_peer_header(2, revoked.root());
		assert_ok!(recognise_certificate(later, revoked.prove(&[&key])));
		assert_ok!(Recognition::remove_peer(RuntimeOrigin::root(), 0));
		assert_ok!(Recognition::register_peer(
			RuntimeOrigin::root(),
			0,
			SHAANXI.to_vec().try_into().expect("short"),
			H256::zero()
		));
		assert_ok!(Recognition::recognise_authority(RuntimeOrigin::root(), 0, PEER_CA, 10));
		assert_noop!(
			recognise_certificate(first, valid.prove(&[&key])),
			Error::<Test>::HeaderBeforeRegistration
		);
		assert!(Certificates::ensure_role(&PEER_BIDDER, Role::Bidder).is_err());
	});
}

/// The attack: the peer renews the account's certificate with a CA this chain does not
/// recognise; the newer record cannot be relayed, and the superseded certificate keeps
/// applying here. A newer record shown otherwise withdraws the one known here.
#[test]
fn attack_superseded_certificate_keeps_applying() {
	new_test_ext().execute_with(|| {
		recognised_bidder(1);
		let mut renewed = peer_certificate(&[Role::Bidder], None);
		renewed.authority = PEER_CA + 1;
		renewed.serial = 78;
		let state = certified_state(&renewed);
		let header = import_peer_header(2, state.root());
		assert_ok!(recognise_certificate(header, state.prove(&[&certificate_key(PEER_BIDDER)])));
		assert!(Certificates::ensure_role(&PEER_BIDDER, Role::Bidder).is_err());
	});
}

/// The attack: the peer upgrades its runtime (a new field in `Certificate`) and then
/// revokes; the revocation does not decode here, so it could never be relayed. A newer record
/// this runtime cannot read withdraws the one known here.
#[test]
fn attack_revocation_in_a_newer_peer_schema_cannot_be_relayed() {
	new_test_ext().execute_with(|| {
		recognised_bidder(1);
		let mut value = peer_certificate(&[Role::Bidder], Some(NOW)).encode();
		value.push(0);
		let key = certificate_key(PEER_BIDDER);
		let state =
			PeerState::with(&[(key.clone(), value), (b":unrelated".to_vec(), vec![0xab; 64])]);
		let header = import_peer_header(2, state.root());
		assert_ok!(recognise_certificate(header, state.prove(&[&key])));
		assert_noop!(
			Certificates::ensure_role(&PEER_BIDDER, Role::Bidder),
			pallet_certificates::Error::<Test>::CertificateRevoked
		);
	});
}

/// The attack: a peer's supervisor, expert or trading-centre certificate (roles masked to
/// none here) passes the admission gate. Only a certificate holding the bidder role is
/// recognised.
#[test]
fn attack_peer_certificate_without_bidder_role_is_admitted() {
	new_test_ext().execute_with(|| {
		assert_ok!(Recognition::recognise_authority(RuntimeOrigin::root(), 0, PEER_CA, 10));
		let state = certified_state(&peer_certificate(&[Role::Supervisor], None));
		let header = import_peer_header(1, state.root());
		assert_noop!(
			recognise_certificate(header, state.prove(&[&certificate_key(PEER_BIDDER)])),
			Error::<Test>::NotABidder
		);
		assert!(Certificates::valid_certificate(&PEER_BIDDER).is_err());
	});
}

/// The attack: an account bound to identity A by its peer certificate (A barred here) takes
/// a certificate here for identity B, and bids unbarred as B. An account stays bound to the
/// identity of its peer certificate too.
#[test]
fn attack_peer_certified_account_changes_identity_with_a_local_certificate() {
	use sp_core::Pair;
	new_test_ext().execute_with(|| {
		recognised_bidder(1);
		let pair = sp_core::ed25519::Pair::from_seed(&[7u8; 32]);
		assert_ok!(Certificates::admit_authority(
			RuntimeOrigin::root(),
			BoundedVec::truncate_from(b"BY CA".to_vec()),
			BoundedVec::truncate_from(b"BY".to_vec()),
			BoundedVec::truncate_from(vec![pair.public().0]),
			0,
			u64::MAX,
		));
		let authority = pallet_certificates::NextAuthorityId::<Test>::get() - 1;
		let payload = pallet_certificates::CertificatePayloadOf::<Test> {
			genesis_hash: H256::from_slice(System::block_hash(0).as_ref()),
			authority,
			serial: 1,
			account: PEER_BIDDER,
			identity_hash: other_company(),
			name: BoundedVec::truncate_from(b"someone else".to_vec()),
			roles: pallet_certificates::Roles::of(&[Role::Bidder]),
			city: BoundedVec::truncate_from(b"BY".to_vec()),
			valid_from: 0,
			valid_until: NOW + DAY,
		};
		let mut message = pallet_certificates::CERTIFICATE_SIGNING_TAG.to_vec();
		payload.encode_to(&mut message);
		let signature = pair.sign(&message).0;
		assert_noop!(
			Certificates::register_certificate(
				RuntimeOrigin::none(),
				payload,
				pair.public().0,
				signature
			),
			pallet_certificates::Error::<Test>::AccountOfAnotherIdentity
		);
	});
}

/// The attack: a peer CA mints certificates for any number of accounts, each admitted here
/// with its own budget. The consortium's quota per peer CA bounds them; an account certified
/// here is never made a peer bidder.
#[test]
fn attack_peer_ca_mints_accounts_without_bound() {
	new_test_ext().execute_with(|| {
		assert_ok!(Recognition::recognise_authority(RuntimeOrigin::root(), 0, PEER_CA, 1));
		let second = PEER_BIDDER + 1;
		let cert = peer_certificate(&[Role::Bidder], None);
		let state = PeerState::with(&[
			(certificate_key(PEER_BIDDER), cert.encode()),
			(certificate_key(second), cert.encode()),
		]);
		let header = import_peer_header(1, state.root());
		assert_ok!(recognise_certificate(header, state.prove(&[&certificate_key(PEER_BIDDER)])));
		assert_noop!(
			Recognition::recognise_certificate(
				RuntimeOrigin::signed(7),
				0,
				header,
				second,
				state.prove(&[&certificate_key(second)])
			),
			Error::<Test>::AuthorityQuotaExhausted
		);
		// An account certified here.
		pallet_certificates::testing::certify::<Test>(&second, &[Role::Bidder], b"BY", company());
		assert_noop!(
			Recognition::recognise_certificate(
				RuntimeOrigin::signed(7),
				0,
				header,
				second,
				state.prove(&[&certificate_key(second)])
			),
			Error::<Test>::AccountKnownHere
		);
	});
}

/// The attack: the peer revoked a bidder's certificate; before anyone relays it, the holder
/// proves the certificate at a header from before the revocation, which the bridge still
/// keeps, for another week of bidding here. Proofs against headers more than `MaxProofAge`
/// blocks behind the bridge's best are refused.
#[test]
fn attack_revoked_holder_proves_at_a_header_from_before_the_revocation() {
	new_test_ext().execute_with(|| {
		assert_ok!(Recognition::recognise_authority(RuntimeOrigin::root(), 0, PEER_CA, 10));
		let valid = certified_state(&peer_certificate(&[Role::Bidder], None));
		let revoked = certified_state(&peer_certificate(&[Role::Bidder], Some(NOW)));
		let key = certificate_key(PEER_BIDDER);
		let before = import_peer_header(1, valid.root());
		import_peer_header(2 + MAX_PROOF_AGE, revoked.root());
		assert_noop!(
			recognise_certificate(before, valid.prove(&[&key])),
			Error::<Test>::HeaderTooOld
		);
		assert!(Certificates::ensure_role(&PEER_BIDDER, Role::Bidder).is_err());
	});
}

/// The attack: the same for a bar the peer has lifted: a rival proves the bar at a header
/// from before the lift, to keep a company out of a tender closing soon.
#[test]
fn attack_rival_proves_a_lifted_bar_at_an_old_header() {
	new_test_ext().execute_with(|| {
		let barred = barred_state();
		let before = import_peer_header(1, barred.root());
		import_peer_header(2 + MAX_PROOF_AGE, lifted_state().root());
		assert_noop!(
			recognise_bar(before, company(), barred.prove(&[&bar_key(company(), Bar::Bidding)])),
			Error::<Test>::HeaderTooOld
		);
	});
}

/// The attack: anyone relays the peer's routine renewals of a certificate (same CA, new
/// serial) to use up the CA's quota, so that the bidders it certified cannot be recognised.
/// A renewal by the same CA is not counted again, and a revocation gives its place back.
#[test]
fn attack_renewals_use_up_a_peer_cas_quota() {
	new_test_ext().execute_with(|| {
		recognised_bidder(1);
		let key = certificate_key(PEER_BIDDER);
		for (number, serial) in [(2, 78), (3, 79), (4, 80)] {
			let mut renewed = peer_certificate(&[Role::Bidder], None);
			renewed.serial = serial;
			let state = certified_state(&renewed);
			let header = import_peer_header(number, state.root());
			assert_ok!(recognise_certificate(header, state.prove(&[&key])));
		}
		assert_eq!(PeerAuthorities::<Test>::get(0, PEER_CA).map(|ca| ca.used), Some(1));
		let revoked = certified_state(&peer_certificate(&[Role::Bidder], Some(NOW)));
		let header = import_peer_header(5, revoked.root());
		assert_ok!(recognise_certificate(header, revoked.prove(&[&key])));
		assert_eq!(PeerAuthorities::<Test>::get(0, PEER_CA).map(|ca| ca.used), Some(0));
	});
}

/// The attack: a peer CA at its quota is disregarded and recognised again, to mint a fresh
/// quota on top of its certificates, which apply again. Its count is kept.
#[test]
fn attack_disregard_and_recognise_again_resets_the_quota() {
	new_test_ext().execute_with(|| {
		recognised_bidder(1);
		assert_ok!(Recognition::disregard_authority(RuntimeOrigin::root(), 0, PEER_CA));
		assert!(Certificates::ensure_role(&PEER_BIDDER, Role::Bidder).is_err());
		assert_noop!(
			Recognition::disregard_authority(RuntimeOrigin::root(), 0, PEER_CA),
			Error::<Test>::AuthorityNotRecognised
		);
		assert_ok!(Recognition::recognise_authority(RuntimeOrigin::root(), 0, PEER_CA, 10));
		assert_ok!(Certificates::ensure_role(&PEER_BIDDER, Role::Bidder));
		assert_eq!(PeerAuthorities::<Test>::get(0, PEER_CA).map(|ca| ca.used), Some(1));
	});
}
