//! The trading rules, one test per rule and per bad input.

use crate::{mock::*, *};
use frame_support::{assert_noop, assert_ok, BoundedVec};
use pallet_certificates::{Bar, Role};
use sp_core::H256;

const DEADLINE: u64 = START + 48 * HOUR;
const REVEAL: u64 = 2 * HOUR;

fn salt(n: u8) -> Salt {
	vec![n; 16].try_into().expect("16 bytes")
}

fn file(n: u8) -> H256 {
	H256::repeat_byte(n)
}

fn fingerprint(n: u8) -> H256 {
	H256::repeat_byte(0x80 | n)
}

/// The main terms of bid file `n`: `n` million fen, `100 + n` days, quality commitment `n`.
fn terms(n: u8) -> BidTerms {
	BidTerms {
		price: u128::from(n) * 1_000_000,
		duration_days: 100 + u32::from(n),
		quality: H256::repeat_byte(0x40 | n),
	}
}

/// A tender as `create_tender` takes it: by default, the tenderer's, titled "x", in Baiyin, no
/// specialities, deadline in 48 h, 2 h reveal window, one to four bidders, no principal.
struct NewTender {
	owner: u64,
	title: Vec<u8>,
	city: &'static [u8],
	specialities: Vec<u16>,
	documents: H256,
	deadline: u64,
	reveal: u64,
	min: u32,
	max: u32,
	principal: Option<u64>,
	retender_of: Option<TenderId>,
}

impl Default for NewTender {
	fn default() -> Self {
		NewTender {
			owner: TENDERER,
			title: b"x".to_vec(),
			city: b"BY",
			specialities: vec![],
			documents: H256::zero(),
			deadline: DEADLINE,
			reveal: REVEAL,
			min: 1,
			max: 4,
			principal: None,
			retender_of: None,
		}
	}
}

impl NewTender {
	/// Sends `create_tender` for this tender.
	fn create(self) -> sp_runtime::DispatchResult {
		Tendering::create_tender(
			RuntimeOrigin::signed(self.owner),
			self.title.try_into().expect("test titles are short"),
			city(self.city),
			self.specialities.try_into().expect("test specialities are few"),
			self.documents,
			self.deadline,
			self.reveal,
			self.min,
			self.max,
			self.principal,
			self.retender_of,
		)
	}
}

/// Publishes tender 0 in Baiyin: deadline in 48 h, 2 h reveal window, at least 2 valid bids.
fn publish() -> TenderId {
	assert_ok!(NewTender {
		title: b"Baiyin ring road, section 3".to_vec(),
		specialities: vec![101, 205],
		documents: H256::repeat_byte(0xdd),
		min: 2,
		..Default::default()
	}
	.create());
	0
}

fn commitment_of(tender: TenderId, bidder: u64, f: u8, p: u8, s: u8) -> H256 {
	commitment(
		&Tendering::genesis_hash(),
		tender,
		&bidder,
		&terms(f),
		&file(f),
		&fingerprint(p),
		&salt(s),
	)
}

/// Bidder commits file `f` with fingerprint `p` and salt `s`.
fn commit(tender: TenderId, bidder: u64, f: u8, p: u8, s: u8) -> sp_runtime::DispatchResult {
	Tendering::commit_bid(
		RuntimeOrigin::signed(bidder),
		tender,
		commitment_of(tender, bidder, f, p, s),
	)
}

fn reveal(tender: TenderId, bidder: u64, f: u8, p: u8, s: u8) -> sp_runtime::DispatchResult {
	Tendering::reveal_bid(
		RuntimeOrigin::signed(bidder),
		tender,
		terms(f),
		file(f),
		fingerprint(p),
		salt(s),
	)
}

fn state(tender: TenderId) -> TenderState {
	Tenders::<Test>::get(tender).expect("tender exists").state
}

// --- Publishing and amending ---

#[test]
fn a_certified_tenderer_publishes_a_tender() {
	new_test_ext().execute_with(|| {
		let t = publish();
		System::assert_last_event(
			Event::TenderCreated {
				tender: t,
				owner: TENDERER,
				city: city(b"BY"),
				deadline: DEADLINE,
			}
			.into(),
		);
		assert_eq!(state(t), TenderState::Open);
		assert_eq!(NextTenderId::<Test>::get(), 1);
	});
}

#[test]
fn only_a_tenderer_or_agency_publishes() {
	new_test_ext().execute_with(|| {
		assert_noop!(publish_by(BIDDERS[0], None), pallet_certificates::Error::<Test>::RoleNotHeld);
		assert_noop!(publish_by(SUPERVISOR, None), pallet_certificates::Error::<Test>::RoleNotHeld);
		certify(AGENCY, &[Role::Agency]);
		assert_ok!(entrust(TENDERER, AGENCY));
		assert_ok!(publish_by(AGENCY, Some(TENDERER)));
	});
}

/// An agency (招标代理) of the tests.
const AGENCY: u64 = 7;

/// `principal` entrusts `agency` (委托).
fn entrust(principal: u64, agency: u64) -> sp_runtime::DispatchResult {
	Tendering::entrust_agency(RuntimeOrigin::signed(principal), agency)
}

/// `principal` withdraws its entrustment of `agency`.
fn withdraw(principal: u64, agency: u64) -> sp_runtime::DispatchResult {
	Tendering::withdraw_entrustment(RuntimeOrigin::signed(principal), agency)
}

/// Publishes a tender in Baiyin by `owner`, naming `principal`.
fn publish_by(owner: u64, principal: Option<u64>) -> sp_runtime::DispatchResult {
	NewTender { owner, principal, ..Default::default() }.create()
}

#[test]
fn agency_tender_records_its_principal() {
	new_test_ext().execute_with(|| {
		certify(AGENCY, &[Role::Agency]);
		assert_ok!(entrust(TENDERER, AGENCY));
		System::assert_last_event(
			Event::AgencyEntrusted { principal: TENDERER, agency: AGENCY }.into(),
		);
		// An agency names the tenderer it acts for; without one its tender is refused.
		assert_noop!(publish_by(AGENCY, None), Error::<Test>::PrincipalRequired);
		assert_ok!(publish_by(AGENCY, Some(TENDERER)));
		let tender = Tenders::<Test>::get(0).expect("published");
		let identity = H256::from_low_u64_be(TENDERER);
		assert_eq!((tender.principal, tender.principal_identity), (Some(TENDERER), Some(identity)));
		// The expert draw is told the principal's certificate identity.
		let summary = <Tendering as TenderInfo<u64>>::tender(0).expect("published");
		assert_eq!((summary.owner, summary.principal), (AGENCY, Some(identity)));
		// And the principal's certified city, which a remote draw avoids too.
		assert_eq!(summary.principal_city, Some(city(b"BY")));
		// A tenderer publishing for itself names no principal.
		assert_noop!(publish_by(TENDERER, Some(TENDERER)), Error::<Test>::PrincipalNotForTenderer);
		assert_ok!(publish_by(TENDERER, None));
		assert_eq!(<Tendering as TenderInfo<u64>>::tender(1).expect("published").principal, None);
		// Certified both ways, a participant is taken as an agency: it names a principal (itself,
		// needing no entrustment, when it publishes for itself).
		certify(8, &[Role::Tenderer, Role::Agency]);
		assert_noop!(publish_by(8, None), Error::<Test>::PrincipalRequired);
		assert_ok!(publish_by(8, Some(8)));
		assert_eq!(
			<Tendering as TenderInfo<u64>>::tender(2).expect("published").principal,
			Some(H256::from_low_u64_be(8))
		);
	});
}

/// The attack: an agency names as principal a tenderer it does not act for (or an uncertified
/// account), so that the expert draw avoids the wrong identity and the real principal's
/// experts can sit. The principal must be a certified tenderer that entrusted the agency.
#[test]
fn attack_agency_names_a_principal_it_does_not_act_for() {
	new_test_ext().execute_with(|| {
		certify(AGENCY, &[Role::Agency]);
		// A certified tenderer that never entrusted the agency.
		assert_noop!(publish_by(AGENCY, Some(TENDERER)), Error::<Test>::NotEntrusted);
		// An account with no certificate at all (a made-up principal).
		assert_noop!(publish_by(AGENCY, Some(999)), Error::<Test>::PrincipalNotCertified);
		// A certified participant that is not a tenderer.
		assert_noop!(publish_by(AGENCY, Some(BIDDERS[0])), Error::<Test>::PrincipalNotCertified);
		// An entrustment for another agency does not count.
		certify(9, &[Role::Agency]);
		assert_ok!(entrust(TENDERER, 9));
		assert_noop!(publish_by(AGENCY, Some(TENDERER)), Error::<Test>::NotEntrusted);
		// Entrusted, then withdrawn: refused again.
		assert_ok!(entrust(TENDERER, AGENCY));
		assert_ok!(publish_by(AGENCY, Some(TENDERER)));
		assert_ok!(withdraw(TENDERER, AGENCY));
		System::assert_last_event(
			Event::EntrustmentWithdrawn { principal: TENDERER, agency: AGENCY }.into(),
		);
		assert_noop!(publish_by(AGENCY, Some(TENDERER)), Error::<Test>::NotEntrusted);
		// The tender published while entrusted keeps its principal.
		assert_eq!(Tenders::<Test>::get(0).expect("published").principal, Some(TENDERER));
	});
}

#[test]
fn only_a_certified_tenderer_entrusts_a_certified_agency() {
	new_test_ext().execute_with(|| {
		certify(AGENCY, &[Role::Agency]);
		// A bidder is no tenderer.
		assert_noop!(entrust(BIDDERS[0], AGENCY), pallet_certificates::Error::<Test>::RoleNotHeld);
		// The agency must be certified as one.
		assert_noop!(entrust(TENDERER, BIDDERS[0]), Error::<Test>::NotAnAgency);
		assert_ok!(entrust(TENDERER, AGENCY));
		assert_noop!(entrust(TENDERER, AGENCY), Error::<Test>::AlreadyEntrusted);
		// Only the tenderer that entrusted withdraws, and only an entrustment that exists.
		assert_noop!(withdraw(AGENCY, TENDERER), Error::<Test>::NotEntrusted);
		assert_ok!(withdraw(TENDERER, AGENCY));
		assert_noop!(withdraw(TENDERER, AGENCY), Error::<Test>::NotEntrusted);
	});
}

#[test]
fn a_tender_needs_notice_a_sane_reveal_window_limits_and_a_known_city() {
	new_test_ext().execute_with(|| {
		let create = |deadline, reveal, min, max, city: &'static [u8]| {
			NewTender { deadline, reveal, min, max, city, ..Default::default() }.create()
		};
		assert_noop!(create(START + HOUR, REVEAL, 1, 4, b"BY"), Error::<Test>::DeadlineTooSoon);
		assert_noop!(create(DEADLINE, 60_000, 1, 4, b"BY"), Error::<Test>::InvalidRevealWindow);
		assert_noop!(create(DEADLINE, 100 * HOUR, 1, 4, b"BY"), Error::<Test>::InvalidRevealWindow);
		assert_noop!(create(DEADLINE, REVEAL, 0, 4, b"BY"), Error::<Test>::InvalidBidderLimits);
		assert_noop!(create(DEADLINE, REVEAL, 5, 4, b"BY"), Error::<Test>::InvalidBidderLimits);
		assert_noop!(create(DEADLINE, REVEAL, 1, 9, b"BY"), Error::<Test>::InvalidBidderLimits);
		assert_noop!(create(DEADLINE, REVEAL, 1, 4, b"SH"), Error::<Test>::UnknownCity);
		// A longer title or more specialities do not even decode: the arguments are bounded.
		assert!(BoundedVec::<u8, <Test as Config>::MaxTitleLen>::try_from(vec![b'x'; 65]).is_err());
		assert!(BoundedVec::<u16, <Test as Config>::MaxSpecialities>::try_from(vec![
			1, 2, 3, 4, 5
		])
		.is_err());
	});
}

#[test]
fn an_amendment_before_the_deadline_is_recorded() {
	new_test_ext().execute_with(|| {
		let t = publish();
		assert_ok!(Tendering::amend_tender(
			RuntimeOrigin::signed(TENDERER),
			t,
			Some(DEADLINE + HOUR),
			Some(H256::repeat_byte(0xde)),
			H256::repeat_byte(1)
		));
		let tender = Tenders::<Test>::get(t).unwrap();
		assert_eq!(tender.deadline, DEADLINE + HOUR);
		assert_eq!(tender.documents, H256::repeat_byte(0xde));
		let amendments = Amendments::<Test>::get(t);
		assert_eq!(amendments.len(), 1);
		assert_eq!(amendments[0].old_deadline, DEADLINE);
	});
}

#[test]
fn an_amendment_or_cancellation_after_the_deadline_is_refused() {
	new_test_ext().execute_with(|| {
		let t = publish();
		set_now(DEADLINE);
		assert_noop!(
			Tendering::amend_tender(
				RuntimeOrigin::signed(TENDERER),
				t,
				Some(DEADLINE + HOUR),
				None,
				H256::zero()
			),
			Error::<Test>::DeadlinePassed
		);
		assert_noop!(
			Tendering::cancel_tender(RuntimeOrigin::signed(TENDERER), t, H256::zero()),
			Error::<Test>::DeadlinePassed
		);
	});
}

#[test]
fn an_amendment_may_not_cut_the_notice_below_the_minimum() {
	new_test_ext().execute_with(|| {
		let t = publish();
		set_now(START + 10 * HOUR);
		assert_noop!(
			Tendering::amend_tender(
				RuntimeOrigin::signed(TENDERER),
				t,
				Some(START + 20 * HOUR),
				None,
				H256::zero()
			),
			Error::<Test>::AmendmentTooLate
		);
		// An extension is always allowed before the deadline.
		assert_ok!(Tendering::amend_tender(
			RuntimeOrigin::signed(TENDERER),
			t,
			Some(DEADLINE + 24 * HOUR),
			None,
			H256::zero()
		));
	});
}

#[test]
fn only_the_owner_amends_and_amendments_are_bounded() {
	new_test_ext().execute_with(|| {
		let t = publish();
		assert_noop!(
			Tendering::amend_tender(RuntimeOrigin::signed(BIDDERS[0]), t, None, None, H256::zero()),
			Error::<Test>::NotTheTenderOwner
		);
		for _ in 0..3 {
			assert_ok!(Tendering::amend_tender(
				RuntimeOrigin::signed(TENDERER),
				t,
				None,
				None,
				H256::zero()
			));
		}
		assert_noop!(
			Tendering::amend_tender(RuntimeOrigin::signed(TENDERER), t, None, None, H256::zero()),
			Error::<Test>::TooManyAmendments
		);
	});
}

// --- Sealed bids and the deadline ---

#[test]
fn a_bid_before_the_deadline_is_committed_sealed() {
	new_test_ext().execute_with(|| {
		let t = publish();
		set_now(DEADLINE - 1);
		assert_ok!(commit(t, BIDDERS[0], 1, 1, 1));
		let bid = Bids::<Test>::get(t, BIDDERS[0]).expect("bid stored");
		assert_eq!(bid.state, BidState::Sealed);
		assert_eq!(bid.commitment, commitment_of(t, BIDDERS[0], 1, 1, 1));
		assert_eq!(Tenders::<Test>::get(t).unwrap().bids, 1);
	});
}

#[test]
fn a_late_bid_is_refused() {
	new_test_ext().execute_with(|| {
		let t = publish();
		set_now(DEADLINE);
		assert_noop!(commit(t, LATE_BIDDER, 4, 4, 4), Error::<Test>::BidAfterDeadline);
	});
}

#[test]
fn a_second_live_commitment_is_refused_but_a_replacement_is_allowed() {
	new_test_ext().execute_with(|| {
		let t = publish();
		assert_ok!(commit(t, BIDDERS[0], 1, 1, 1));
		assert_noop!(commit(t, BIDDERS[0], 2, 2, 2), Error::<Test>::AlreadyCommitted);
		assert_ok!(Tendering::replace_bid(
			RuntimeOrigin::signed(BIDDERS[0]),
			t,
			commitment_of(t, BIDDERS[0], 2, 2, 2)
		));
		assert_eq!(
			Bids::<Test>::get(t, BIDDERS[0]).unwrap().commitment,
			commitment_of(t, BIDDERS[0], 2, 2, 2)
		);
		assert_eq!(Tenders::<Test>::get(t).unwrap().bids, 1);
	});
}

#[test]
fn a_bid_is_withdrawn_only_before_the_deadline() {
	new_test_ext().execute_with(|| {
		let t = publish();
		assert_ok!(commit(t, BIDDERS[0], 1, 1, 1));
		assert_ok!(commit(t, BIDDERS[1], 2, 2, 2));
		assert_ok!(Tendering::withdraw_bid(RuntimeOrigin::signed(BIDDERS[0]), t));
		assert!(Bids::<Test>::get(t, BIDDERS[0]).is_none());
		assert_eq!(Tenders::<Test>::get(t).unwrap().bids, 1);
		set_now(DEADLINE);
		assert_noop!(
			Tendering::withdraw_bid(RuntimeOrigin::signed(BIDDERS[1]), t),
			Error::<Test>::BidAfterDeadline
		);
		assert_noop!(
			Tendering::replace_bid(RuntimeOrigin::signed(BIDDERS[1]), t, H256::zero()),
			Error::<Test>::BidAfterDeadline
		);
	});
}

#[test]
fn a_bid_needs_the_bidder_role() {
	new_test_ext().execute_with(|| {
		let t = publish();
		assert_noop!(commit(t, TENDERER, 1, 1, 1), pallet_certificates::Error::<Test>::RoleNotHeld);
		assert_noop!(
			commit(t, SUPERVISOR, 1, 1, 1),
			pallet_certificates::Error::<Test>::RoleNotHeld
		);
		assert_noop!(commit(t, 999, 1, 1, 1), pallet_certificates::Error::<Test>::NotCertified);
	});
}

#[test]
fn a_barred_bidder_cannot_bid() {
	new_test_ext().execute_with(|| {
		let t = publish();
		bar(BIDDERS[0], Bar::Bidding);
		assert_noop!(commit(t, BIDDERS[0], 1, 1, 1), pallet_certificates::Error::<Test>::Barred);
		// Barred from evaluation only: bidding is still allowed.
		bar(BIDDERS[1], Bar::Evaluation);
		assert_ok!(commit(t, BIDDERS[1], 2, 2, 2));
	});
}

#[test]
fn a_tender_accepts_at_most_its_maximum_of_bidders() {
	new_test_ext().execute_with(|| {
		assert_ok!(NewTender { max: 2, ..Default::default() }.create());
		assert_ok!(commit(0, BIDDERS[0], 1, 1, 1));
		assert_ok!(commit(0, BIDDERS[1], 2, 2, 2));
		assert_noop!(commit(0, BIDDERS[2], 3, 3, 3), Error::<Test>::TooManyBidders);
	});
}

// --- Reveal and consistency ---

#[test]
fn an_early_reveal_is_refused() {
	new_test_ext().execute_with(|| {
		let t = publish();
		assert_ok!(commit(t, BIDDERS[0], 1, 1, 1));
		set_now(DEADLINE - 1);
		assert_noop!(reveal(t, BIDDERS[0], 1, 1, 1), Error::<Test>::RevealBeforeDeadline);
	});
}

#[test]
fn a_matching_reveal_makes_the_bid_valid() {
	new_test_ext().execute_with(|| {
		let t = publish();
		assert_ok!(commit(t, BIDDERS[0], 1, 1, 1));
		set_now(DEADLINE);
		assert_ok!(reveal(t, BIDDERS[0], 1, 1, 1));
		System::assert_has_event(
			Event::BidRevealed { tender: t, bidder: BIDDERS[0], file_hash: file(1) }.into(),
		);
		assert_eq!(
			Bids::<Test>::get(t, BIDDERS[0]).unwrap().state,
			BidState::Revealed { file_hash: file(1), fingerprint: fingerprint(1), terms: terms(1) }
		);
	});
}

#[test]
fn a_mismatched_reveal_voids_the_bid() {
	new_test_ext().execute_with(|| {
		let t = publish();
		assert_ok!(commit(t, BIDDERS[0], 1, 1, 1));
		set_now(DEADLINE);
		// A different file than the one committed.
		assert_ok!(reveal(t, BIDDERS[0], 9, 1, 1));
		System::assert_last_event(
			Event::BidVoided { tender: t, bidder: BIDDERS[0], reason: VoidReason::RevealMismatch }
				.into(),
		);
		assert_eq!(
			Bids::<Test>::get(t, BIDDERS[0]).unwrap().state,
			BidState::Void(VoidReason::RevealMismatch)
		);
		// The void bid cannot be revealed again.
		assert_noop!(reveal(t, BIDDERS[0], 1, 1, 1), Error::<Test>::AlreadyRevealed);
	});
}

#[test]
fn attack_bidder_reveals_another_price_than_committed() {
	new_test_ext().execute_with(|| {
		let t = publish();
		assert_ok!(commit(t, BIDDERS[0], 1, 1, 1));
		set_now(DEADLINE);
		// The committed file, fingerprint and salt, but a lower price after seeing others'.
		let lower = BidTerms { price: terms(1).price - 1, ..terms(1) };
		assert_ok!(Tendering::reveal_bid(
			RuntimeOrigin::signed(BIDDERS[0]),
			t,
			lower,
			file(1),
			fingerprint(1),
			salt(1),
		));
		assert_eq!(
			Bids::<Test>::get(t, BIDDERS[0]).unwrap().state,
			BidState::Void(VoidReason::RevealMismatch)
		);
	});
}

#[test]
fn a_reveal_after_the_window_or_without_a_commitment_or_with_a_short_salt_is_refused() {
	new_test_ext().execute_with(|| {
		let t = publish();
		assert_ok!(commit(t, BIDDERS[0], 1, 1, 1));
		set_now(DEADLINE);
		assert_noop!(reveal(t, BIDDERS[1], 1, 1, 1), Error::<Test>::NoCommitment);
		assert_noop!(
			Tendering::reveal_bid(
				RuntimeOrigin::signed(BIDDERS[0]),
				t,
				terms(1),
				file(1),
				fingerprint(1),
				vec![1u8; 15].try_into().unwrap()
			),
			Error::<Test>::SaltTooShort
		);
		set_now(DEADLINE + REVEAL);
		assert_noop!(reveal(t, BIDDERS[0], 1, 1, 1), Error::<Test>::RevealWindowClosed);
	});
}

#[test]
fn identical_files_of_different_bidders_raise_the_collusion_flag() {
	new_test_ext().execute_with(|| {
		let t = publish();
		assert_ok!(commit(t, BIDDERS[0], 7, 1, 1));
		assert_ok!(commit(t, BIDDERS[1], 7, 2, 2));
		set_now(DEADLINE);
		assert_ok!(reveal(t, BIDDERS[0], 7, 1, 1));
		assert_ok!(reveal(t, BIDDERS[1], 7, 2, 2));
		System::assert_has_event(
			Event::CollusionSuspected {
				tender: t,
				bidders: (BIDDERS[0], BIDDERS[1]),
				kind: CollusionKind::IdenticalFile,
			}
			.into(),
		);
		let flags = CollusionFlags::<Test>::get(t);
		assert_eq!(flags.len(), 1);
		assert_eq!(flags[0].kind, CollusionKind::IdenticalFile);
	});
}

#[test]
fn the_same_fingerprint_of_different_bidders_raises_the_collusion_flag() {
	new_test_ext().execute_with(|| {
		let t = publish();
		assert_ok!(commit(t, BIDDERS[0], 1, 5, 1));
		assert_ok!(commit(t, BIDDERS[1], 2, 5, 2));
		set_now(DEADLINE);
		assert_ok!(reveal(t, BIDDERS[0], 1, 5, 1));
		assert_ok!(reveal(t, BIDDERS[1], 2, 5, 2));
		assert_eq!(CollusionFlags::<Test>::get(t)[0].kind, CollusionKind::SameFingerprint);
	});
}

#[test]
fn distinct_files_never_raise_a_flag() {
	new_test_ext().execute_with(|| {
		let t = publish();
		for (i, b) in BIDDERS.into_iter().enumerate() {
			assert_ok!(commit(t, b, i as u8 + 1, i as u8 + 1, i as u8 + 1));
		}
		set_now(DEADLINE);
		for (i, b) in BIDDERS.into_iter().enumerate() {
			assert_ok!(reveal(t, b, i as u8 + 1, i as u8 + 1, i as u8 + 1));
		}
		assert!(CollusionFlags::<Test>::get(t).is_empty());
	});
}

// --- Opening, evaluation, award ---

#[test]
fn opening_before_the_reveal_window_ends_is_refused() {
	new_test_ext().execute_with(|| {
		let t = publish();
		set_now(DEADLINE);
		assert_noop!(
			Tendering::open_bids(RuntimeOrigin::signed(BAIYIN_CENTRE), t),
			Error::<Test>::OpeningBeforeRevealEnds
		);
		set_now(DEADLINE - 1);
		assert_noop!(
			Tendering::open_bids(RuntimeOrigin::signed(BAIYIN_CENTRE), t),
			Error::<Test>::OpeningBeforeRevealEnds
		);
	});
}

#[test]
fn only_the_host_citys_trading_centre_opens() {
	new_test_ext().execute_with(|| {
		let t = publish();
		set_now(DEADLINE + REVEAL);
		assert_noop!(
			Tendering::open_bids(RuntimeOrigin::signed(LANZHOU_CENTRE), t),
			Error::<Test>::NotTheHostTradingCentre
		);
		assert_noop!(
			Tendering::open_bids(RuntimeOrigin::signed(TENDERER), t),
			Error::<Test>::NotTheHostTradingCentre
		);
	});
}

#[test]
fn opening_records_valid_and_void_bids_and_hashes_the_record() {
	new_test_ext().execute_with(|| {
		let t = publish();
		assert_ok!(commit(t, BIDDERS[0], 1, 1, 1));
		assert_ok!(commit(t, BIDDERS[1], 2, 2, 2));
		assert_ok!(commit(t, BIDDERS[2], 3, 3, 3));
		set_now(DEADLINE + 1);
		assert_ok!(reveal(t, BIDDERS[0], 1, 1, 1));
		assert_ok!(reveal(t, BIDDERS[1], 2, 2, 2));
		set_now(DEADLINE + REVEAL);
		assert_ok!(Tendering::open_bids(RuntimeOrigin::signed(BAIYIN_CENTRE), t));
		let record = OpeningRecords::<Test>::get(t).expect("record stored");
		assert_eq!(
			record.valid.to_vec(),
			vec![
				OpenedBid { bidder: BIDDERS[0], file_hash: file(1), terms: terms(1) },
				OpenedBid { bidder: BIDDERS[1], file_hash: file(2), terms: terms(2) },
			]
		);
		assert_eq!(record.void.to_vec(), vec![(BIDDERS[2], VoidReason::NotRevealed)]);
		let expected = H256(sp_io::hashing::blake2_256(&codec::Encode::encode(&(
			t,
			DEADLINE + REVEAL,
			&record.valid,
			&record.void,
			SealedTally::default(),
		))));
		assert_eq!(record.hash, expected);
		assert_eq!(
			Bids::<Test>::get(t, BIDDERS[2]).unwrap().state,
			BidState::Void(VoidReason::NotRevealed)
		);
		assert_eq!(state(t), TenderState::Evaluating);
	});
}

#[test]
fn too_few_valid_bids_fail_the_tender() {
	new_test_ext().execute_with(|| {
		let t = publish();
		assert_ok!(commit(t, BIDDERS[0], 1, 1, 1));
		assert_ok!(commit(t, BIDDERS[1], 2, 2, 2));
		set_now(DEADLINE);
		assert_ok!(reveal(t, BIDDERS[0], 1, 1, 1));
		assert_ok!(reveal(t, BIDDERS[1], 9, 9, 9));
		set_now(DEADLINE + REVEAL);
		assert_ok!(Tendering::open_bids(RuntimeOrigin::signed(BAIYIN_CENTRE), t));
		System::assert_last_event(Event::TenderFailed { tender: t, valid: 1, needed: 2 }.into());
		assert_eq!(state(t), TenderState::Failed);
	});
}

/// Runs tender 0 to evaluation with bidders 0 and 1 valid and bidder 2's bid void (its reveal
/// does not match).
fn to_evaluation() -> TenderId {
	let t = publish();
	assert_ok!(commit(t, BIDDERS[0], 1, 1, 1));
	assert_ok!(commit(t, BIDDERS[1], 2, 2, 2));
	assert_ok!(commit(t, BIDDERS[2], 3, 3, 3));
	set_now(DEADLINE);
	assert_ok!(reveal(t, BIDDERS[0], 1, 1, 1));
	assert_ok!(reveal(t, BIDDERS[1], 2, 2, 2));
	assert_ok!(reveal(t, BIDDERS[2], 9, 9, 9));
	set_now(DEADLINE + REVEAL);
	assert_ok!(Tendering::open_bids(RuntimeOrigin::signed(BAIYIN_CENTRE), t));
	assert_eq!(state(t), TenderState::Evaluating);
	t
}

/// A ranking of `bidders`, best first.
fn rank(bidders: &[u64]) -> Ranking<u64> {
	bidders.to_vec().try_into().expect("at most three")
}

/// The hash of an expert's score sheet, numbered `n`.
fn sheet(n: u8) -> H256 {
	H256::repeat_byte(0x50 | n)
}

/// `expert` submits score sheet `n` and `ranking`.
fn evaluate(t: TenderId, expert: u64, n: u8, ranking: &[u64]) -> sp_runtime::DispatchResult {
	Tendering::submit_evaluation(RuntimeOrigin::signed(expert), t, sheet(n), rank(ranking))
}

/// When the complaint period of a result published at opening time ends.
const PUBLICITY_ENDS: u64 = DEADLINE + REVEAL + 72 * HOUR;

/// Tender 0 under evaluation by the committee of experts 0 to 2, of whom expert 0 ranked
/// bidder 0 and expert 1 bidder 1: the third evaluation decides.
fn split_committee() -> TenderId {
	let t = to_evaluation();
	committee(t, &EXPERTS[..3]);
	assert_ok!(evaluate(t, EXPERTS[0], 0, &[BIDDERS[0]]));
	assert_ok!(evaluate(t, EXPERTS[1], 1, &[BIDDERS[1]]));
	t
}

/// Tender 0 whose committee of experts 0 to 2 has no majority: the third expert ranked both
/// bidders.
fn without_majority() -> TenderId {
	let t = split_committee();
	assert_ok!(evaluate(t, EXPERTS[2], 2, &[BIDDERS[1], BIDDERS[0]]));
	assert_eq!(state(t), TenderState::NoMajority);
	t
}

/// Tender 0 with its result published by the committee of experts 0 to 2: experts 0 and 2
/// rank bidders 0 then 1, expert 1 ranks bidder 1 alone.
fn published() -> TenderId {
	let t = to_evaluation();
	committee(t, &EXPERTS[..3]);
	assert_ok!(evaluate(t, EXPERTS[0], 0, &[BIDDERS[0], BIDDERS[1]]));
	assert_ok!(evaluate(t, EXPERTS[1], 1, &[BIDDERS[1]]));
	assert_ok!(evaluate(t, EXPERTS[2], 2, &[BIDDERS[0], BIDDERS[1]]));
	assert_eq!(state(t), TenderState::Publicity);
	t
}

/// A committee whose vacancy can no longer be filled would keep its tender in evaluation for
/// ever: once the expert draw says so, the host or a supervisor of the tender's city fails it.
#[test]
fn an_unfillable_committee_lets_the_tender_be_failed() {
	new_test_ext().execute_with(|| {
		let t = to_evaluation();
		let fail =
			|who| Tendering::fail_unfillable_tender(RuntimeOrigin::signed(who), t, H256::zero());
		assert_noop!(fail(SUPERVISOR), Error::<Test>::CommitteeFillable);
		make_unfillable(t);
		assert_noop!(fail(LANZHOU_CENTRE), Error::<Test>::NotHostOrSupervisor);
		assert_noop!(fail(EXPERTS[0]), Error::<Test>::NotHostOrSupervisor);
		assert_ok!(fail(BAIYIN_CENTRE));
		assert_eq!(state(t), TenderState::Failed);
		System::assert_last_event(
			Event::CommitteeUnfillable { tender: t, by: BAIYIN_CENTRE, reason: H256::zero() }
				.into(),
		);
		assert_noop!(fail(SUPERVISOR), Error::<Test>::NotEvaluating);
	});
}

#[test]
fn attack_single_expert_award_is_refused() {
	new_test_ext().execute_with(|| {
		let t = to_evaluation();
		// The first expert to take a seat, while the other two seats wait for their experts.
		seat(t, EXPERTS[0]);
		waiting_seat(t);
		waiting_seat(t);
		assert_noop!(evaluate(t, EXPERTS[0], 0, &[BIDDERS[0]]), Error::<Test>::CommitteeIncomplete);
		take_waiting_seat(t, EXPERTS[1]);
		assert_noop!(evaluate(t, EXPERTS[0], 0, &[BIDDERS[0]]), Error::<Test>::CommitteeIncomplete);
		// The committee complete, one evaluation of three publishes nothing.
		take_waiting_seat(t, EXPERTS[2]);
		assert_ok!(evaluate(t, EXPERTS[0], 0, &[BIDDERS[0]]));
		assert_eq!(state(t), TenderState::Evaluating);
		assert_eq!(Awards::<Test>::get(t), None);
		System::assert_last_event(
			Event::EvaluationSubmitted {
				tender: t,
				expert: EXPERTS[0],
				score_sheet: sheet(0),
				ranking: rank(&[BIDDERS[0]]),
			}
			.into(),
		);
		// Nor can the expert push it through by insisting.
		assert_noop!(evaluate(t, EXPERTS[0], 0, &[BIDDERS[0]]), Error::<Test>::AlreadyEvaluated);
		// Nor can the award be finalized: nothing is published.
		set_now(PUBLICITY_ENDS);
		assert_noop!(
			Tendering::finalize_award(RuntimeOrigin::signed(BIDDERS[0]), t),
			Error::<Test>::NotInPublicity
		);
	});
}

#[test]
fn attack_committee_of_one_decides_alone_is_refused() {
	new_test_ext().execute_with(|| {
		let t = to_evaluation();
		// A complete committee of one (the host asked the draw for one expert).
		committee(t, &EXPERTS[..1]);
		assert_noop!(evaluate(t, EXPERTS[0], 0, &[BIDDERS[0]]), Error::<Test>::CommitteeTooSmall);
		// Nor two: still below the minimum of three.
		seat(t, EXPERTS[1]);
		assert_noop!(evaluate(t, EXPERTS[0], 0, &[BIDDERS[0]]), Error::<Test>::CommitteeTooSmall);
		assert_eq!(state(t), TenderState::Evaluating);
		seat(t, EXPERTS[2]);
		assert_ok!(evaluate(t, EXPERTS[0], 0, &[BIDDERS[0]]));
		assert_eq!(state(t), TenderState::Evaluating);
	});
}

#[test]
fn committee_majority_decides_the_ranking() {
	new_test_ext().execute_with(|| {
		let t = to_evaluation();
		committee(t, &EXPERTS[..3]);
		let majority = rank(&[BIDDERS[0], BIDDERS[1]]);
		assert_ok!(evaluate(t, EXPERTS[0], 0, &[BIDDERS[0], BIDDERS[1]]));
		assert_ok!(evaluate(t, EXPERTS[1], 1, &[BIDDERS[1], BIDDERS[0]]));
		assert_eq!(state(t), TenderState::Evaluating);
		assert_ok!(evaluate(t, EXPERTS[2], 2, &[BIDDERS[0], BIDDERS[1]]));

		// Two of three agree: their ranking is the committee's.
		assert_eq!(state(t), TenderState::Publicity);
		let report = H256(sp_io::hashing::blake2_256(&codec::Encode::encode(&(
			t,
			&majority,
			vec![(EXPERTS[0], sheet(0)), (EXPERTS[2], sheet(2))],
		))));
		let ends = PUBLICITY_ENDS;
		assert_eq!(
			Awards::<Test>::get(t),
			Some(Award {
				winner: BIDDERS[0],
				report,
				publicity_ends: ends,
				ranking: majority.clone()
			})
		);
		System::assert_has_event(
			Event::CandidatePublished {
				tender: t,
				winner: BIDDERS[0],
				report,
				publicity_ends: ends,
				ranking: majority,
			}
			.into(),
		);
		// The third is recorded as dissenting, with the score sheet as written reasons.
		assert_eq!(
			Dissents::<Test>::get(t).to_vec(),
			vec![Dissent {
				expert: EXPERTS[1],
				ranking: rank(&[BIDDERS[1], BIDDERS[0]]),
				score_sheet: sheet(1),
			}]
		);
		System::assert_last_event(
			Event::DissentRecorded { tender: t, expert: EXPERTS[1], score_sheet: sheet(1) }.into(),
		);
		assert_eq!(Evaluations::<Test>::get(t).len(), 3);

		// The award flow after publication is unchanged: the first candidate wins.
		set_now(ends - 1);
		assert_noop!(
			Tendering::finalize_award(RuntimeOrigin::signed(BIDDERS[0]), t),
			Error::<Test>::ComplaintPeriodRunning
		);
		set_now(ends);
		assert_ok!(Tendering::finalize_award(RuntimeOrigin::signed(BIDDERS[1]), t));
		assert_eq!(state(t), TenderState::Awarded);
		System::assert_last_event(Event::TenderAwarded { tender: t, winner: BIDDERS[0] }.into());
	});
}

#[test]
fn a_member_may_sign_or_dissent_after_publication() {
	new_test_ext().execute_with(|| {
		let t = to_evaluation();
		committee(t, &EXPERTS);
		for (n, e) in EXPERTS[..3].iter().enumerate() {
			assert_ok!(evaluate(t, *e, n as u8, &[BIDDERS[1]]));
		}
		// Three of five: published.
		assert_eq!(state(t), TenderState::Publicity);
		let award = Awards::<Test>::get(t).expect("published");
		// A late member dissents: recorded; the result stands.
		assert_ok!(evaluate(t, EXPERTS[3], 3, &[BIDDERS[0]]));
		System::assert_last_event(
			Event::DissentRecorded { tender: t, expert: EXPERTS[3], score_sheet: sheet(3) }.into(),
		);
		// Another signs the same ranking: no dissent.
		assert_ok!(evaluate(t, EXPERTS[4], 4, &[BIDDERS[1]]));
		assert_eq!(Awards::<Test>::get(t), Some(award));
		assert_eq!(
			Dissents::<Test>::get(t).iter().map(|d| d.expert).collect::<Vec<_>>(),
			vec![EXPERTS[3]]
		);
		assert_eq!(Evaluations::<Test>::get(t).len(), 5);
		assert_noop!(evaluate(t, EXPERTS[4], 4, &[BIDDERS[1]]), Error::<Test>::AlreadyEvaluated);
	});
}

#[test]
fn without_a_majority_the_tender_says_so() {
	new_test_ext().execute_with(|| {
		let t = split_committee();
		assert_eq!(state(t), TenderState::Evaluating);
		// Same candidates, another order: another ranking.
		assert_ok!(evaluate(t, EXPERTS[2], 2, &[BIDDERS[0], BIDDERS[1]]));
		assert_eq!(state(t), TenderState::NoMajority);
		System::assert_last_event(Event::NoMajority { tender: t, members: 3 }.into());
		assert_eq!(Awards::<Test>::get(t), None);
		// Nothing more is submitted until a supervisor orders a re-evaluation; a supervisor
		// may suspend meanwhile.
		seat(t, EXPERTS[3]);
		assert_noop!(evaluate(t, EXPERTS[3], 3, &[BIDDERS[0]]), Error::<Test>::NotEvaluating);
		assert_ok!(Tendering::suspend(RuntimeOrigin::signed(SUPERVISOR), t, H256::zero()));
	});
}

#[test]
fn a_supervisor_orders_a_reevaluation_of_a_committee_without_majority() {
	new_test_ext().execute_with(|| {
		let t = split_committee();
		let reason = H256::repeat_byte(0x0e);
		// Not before the committee has failed to agree.
		assert_noop!(
			Tendering::order_reevaluation(RuntimeOrigin::signed(SUPERVISOR), t, reason),
			Error::<Test>::NotWithoutMajority
		);
		assert_ok!(evaluate(t, EXPERTS[2], 2, &[BIDDERS[1], BIDDERS[0]]));
		assert_eq!(state(t), TenderState::NoMajority);
		// Only a supervisor.
		for who in [TENDERER, EXPERTS[0], BIDDERS[0]] {
			assert_noop!(
				Tendering::order_reevaluation(RuntimeOrigin::signed(who), t, reason),
				pallet_certificates::Error::<Test>::RoleNotHeld
			);
		}
		assert_ok!(Tendering::order_reevaluation(RuntimeOrigin::signed(SUPERVISOR), t, reason));
		System::assert_last_event(
			Event::ReevaluationOrdered { tender: t, supervisor: SUPERVISOR, reason }.into(),
		);
		assert_eq!(state(t), TenderState::Evaluating);
		assert!(Evaluations::<Test>::get(t).is_empty());
		let record = Supervisions::<Test>::get(t);
		assert_eq!(
			(record[0].kind.clone(), record[0].supervisor, record[0].reason),
			(SupervisionKind::Reevaluation, SUPERVISOR, reason)
		);
		// Every member evaluates anew; a majority now decides.
		assert_ok!(evaluate(t, EXPERTS[0], 3, &[BIDDERS[1]]));
		assert_ok!(evaluate(t, EXPERTS[1], 4, &[BIDDERS[1]]));
		assert_eq!(state(t), TenderState::Publicity);
		assert_eq!(Awards::<Test>::get(t).expect("published").winner, BIDDERS[1]);
		// A published result is not re-evaluated by this call.
		assert_noop!(
			Tendering::order_reevaluation(RuntimeOrigin::signed(SUPERVISOR), t, reason),
			Error::<Test>::NotWithoutMajority
		);
	});
}

#[test]
fn an_evaluation_of_a_former_member_is_dropped() {
	new_test_ext().execute_with(|| {
		let t = split_committee();
		// Expert 1 recuses: the seat waits for a replacement, and nobody evaluates meanwhile.
		vacate(t, EXPERTS[1]);
		assert_noop!(evaluate(t, EXPERTS[2], 2, &[BIDDERS[1]]), Error::<Test>::CommitteeIncomplete);
		take_waiting_seat(t, EXPERTS[3]);
		assert_noop!(evaluate(t, EXPERTS[1], 1, &[BIDDERS[1]]), Error::<Test>::NotAnEvaluator);
		// Expert 1's ranking no longer counts: with it, this would be a majority. The members
		// changed, so every evaluation is cleared: expert 0 evaluates again.
		assert_ok!(evaluate(t, EXPERTS[3], 3, &[BIDDERS[1]]));
		System::assert_has_event(Event::EvaluationsReset { tender: t }.into());
		assert_eq!(state(t), TenderState::Evaluating);
		assert_eq!(
			Evaluations::<Test>::get(t).iter().map(|e| e.expert).collect::<Vec<_>>(),
			vec![EXPERTS[3]]
		);
		assert_ok!(evaluate(t, EXPERTS[0], 0, &[BIDDERS[0]]));
		assert_ok!(evaluate(t, EXPERTS[2], 2, &[BIDDERS[1]]));
		assert_eq!(state(t), TenderState::Publicity);
		assert_eq!(
			Dissents::<Test>::get(t).iter().map(|d| d.expert).collect::<Vec<_>>(),
			vec![EXPERTS[0]]
		);
	});
}

#[test]
fn attack_supervisor_removal_cannot_erase_a_cast_vote() {
	new_test_ext().execute_with(|| {
		// Expert 1 ranks the bidder the supervisor does not want.
		let t = split_committee();
		// The supervisor removes expert 1; a replacement is seated and ranks bidder 0.
		vacate(t, EXPERTS[1]);
		take_waiting_seat(t, EXPERTS[3]);
		assert_ok!(evaluate(t, EXPERTS[3], 3, &[BIDDERS[0]]));
		// Without the reset, experts 0 and 3 would now be a majority of three: nothing is
		// published, every evaluation but the new one is cleared, and all evaluate again.
		System::assert_has_event(Event::EvaluationsReset { tender: t }.into());
		assert_eq!(state(t), TenderState::Evaluating);
		assert_eq!(Awards::<Test>::get(t), None);
		assert_eq!(
			Evaluations::<Test>::get(t).iter().map(|e| e.expert).collect::<Vec<_>>(),
			vec![EXPERTS[3]]
		);
		// Unchanged members: no further reset.
		assert_ok!(evaluate(t, EXPERTS[2], 2, &[BIDDERS[1]]));
		assert_eq!(Evaluations::<Test>::get(t).len(), 2);
	});
}

#[test]
fn only_a_seated_member_evaluates_once_and_only_during_evaluation() {
	new_test_ext().execute_with(|| {
		let t = publish();
		committee(t, &EXPERTS[..3]);
		assert_noop!(evaluate(t, EXPERTS[0], 0, &[BIDDERS[0]]), Error::<Test>::NotEvaluating);
	});
	new_test_ext().execute_with(|| {
		let t = to_evaluation();
		committee(t, &EXPERTS[..3]);
		for who in [EXPERTS[3], BIDDERS[0], TENDERER, BAIYIN_CENTRE, SUPERVISOR] {
			assert_noop!(evaluate(t, who, 0, &[BIDDERS[0]]), Error::<Test>::NotAnEvaluator);
		}
		assert_noop!(
			Tendering::submit_evaluation(RuntimeOrigin::signed(EXPERTS[0]), 9, sheet(0), rank(&[])),
			Error::<Test>::UnknownTender
		);
		assert_ok!(evaluate(t, EXPERTS[0], 0, &[BIDDERS[0]]));
		assert_noop!(evaluate(t, EXPERTS[0], 5, &[BIDDERS[1]]), Error::<Test>::AlreadyEvaluated);
		assert_ok!(Tendering::suspend(RuntimeOrigin::signed(SUPERVISOR), t, H256::zero()));
		assert_noop!(evaluate(t, EXPERTS[1], 1, &[BIDDERS[0]]), Error::<Test>::TenderSuspended);
	});
}

#[test]
fn a_ranking_names_one_to_three_distinct_valid_bidders() {
	new_test_ext().execute_with(|| {
		let t = to_evaluation();
		committee(t, &EXPERTS[..3]);
		let e = EXPERTS[0];
		assert_noop!(evaluate(t, e, 0, &[]), Error::<Test>::EmptyRanking);
		// A participant who did not bid, and a bidder whose bid is void.
		assert_noop!(
			evaluate(t, e, 0, &[BIDDERS[0], LATE_BIDDER]),
			Error::<Test>::CandidateNotAValidBidder
		);
		assert_noop!(evaluate(t, e, 0, &[BIDDERS[2]]), Error::<Test>::CandidateNotAValidBidder);
		assert_noop!(
			evaluate(t, e, 0, &[BIDDERS[0], BIDDERS[1], BIDDERS[0]]),
			Error::<Test>::DuplicateCandidate
		);
		// More than three candidates do not even make a call.
		assert!(Ranking::<u64>::try_from(vec![BIDDERS[0], BIDDERS[1], 15, 16]).is_err());
		assert_eq!(Evaluations::<Test>::get(t).len(), 0);
		assert_ok!(evaluate(t, e, 0, &[BIDDERS[1], BIDDERS[0]]));
	});
}

#[test]
fn a_committee_beyond_the_bound_is_refused() {
	new_test_ext().execute_with(|| {
		let t = to_evaluation();
		// MaxCommittee is 7 in the mock.
		let experts: Vec<u64> = (70..78).collect();
		for e in &experts {
			certify(*e, &[Role::Expert]);
		}
		committee(t, &experts);
		assert_noop!(evaluate(t, experts[0], 0, &[BIDDERS[0]]), Error::<Test>::CommitteeTooLarge);
	});
}

#[test]
fn attack_barred_after_seating_cannot_evaluate() {
	new_test_ext().execute_with(|| {
		let t = to_evaluation();
		committee(t, &EXPERTS[..3]);
		// Barred from evaluation after taking the seat.
		bar(EXPERTS[0], Bar::Evaluation);
		assert_noop!(
			evaluate(t, EXPERTS[0], 0, &[BIDDERS[0]]),
			pallet_certificates::Error::<Test>::Barred
		);
		// A certificate that no longer holds the Expert role (reissued without it).
		certify(EXPERTS[1], &[Role::Bidder]);
		assert_noop!(
			evaluate(t, EXPERTS[1], 1, &[BIDDERS[0]]),
			pallet_certificates::Error::<Test>::RoleNotHeld
		);
		// A bar from bidding does not keep an expert from evaluating.
		bar(EXPERTS[2], Bar::Bidding);
		assert_ok!(evaluate(t, EXPERTS[2], 2, &[BIDDERS[0]]));
	});
}

/// Finalizes the award of `t` at the end of its complaint period (sent by a third party).
fn finalize_after_complaints(t: TenderId) -> sp_runtime::DispatchResult {
	set_now(PUBLICITY_ENDS);
	Tendering::finalize_award(RuntimeOrigin::signed(LATE_BIDDER), t)
}

/// Who was awarded `t`, if the award is final.
fn awarded(t: TenderId) -> Option<u64> {
	(state(t) == TenderState::Awarded).then(|| Awards::<Test>::get(t).expect("published").winner)
}

#[test]
fn attack_barred_winner_cannot_be_awarded() {
	new_test_ext().execute_with(|| {
		let t = published();
		// The first candidate is barred from bidding during the complaint period.
		bar(BIDDERS[0], Bar::Bidding);
		assert_ok!(finalize_after_complaints(t));
		assert_eq!(awarded(t), Some(BIDDERS[1]));
	});
	new_test_ext().execute_with(|| {
		let t = published();
		// Or its certificate no longer holds the Bidder role.
		certify(BIDDERS[0], &[Role::Tenderer]);
		assert_ok!(finalize_after_complaints(t));
		assert_eq!(awarded(t), Some(BIDDERS[1]));
	});
	new_test_ext().execute_with(|| {
		let t = published();
		// Every ranked candidate barred: nobody is awarded.
		bar(BIDDERS[0], Bar::Bidding);
		bar(BIDDERS[1], Bar::Bidding);
		assert_ok!(finalize_after_complaints(t));
		assert_eq!(awarded(t), None);
		assert_eq!(state(t), TenderState::NoEligibleCandidate);
	});
}

#[test]
fn barred_first_candidate_passes_to_the_next() {
	new_test_ext().execute_with(|| {
		let t = published();
		bar(BIDDERS[0], Bar::Bidding);
		assert_ok!(finalize_after_complaints(t));
		// The barred candidate is passed over, on record; the next is awarded.
		System::assert_has_event(
			Event::CandidateSkipped { tender: t, candidate: BIDDERS[0] }.into(),
		);
		System::assert_last_event(Event::TenderAwarded { tender: t, winner: BIDDERS[1] }.into());
		let award = Awards::<Test>::get(t).expect("published");
		assert_eq!((award.winner, award.ranking), (BIDDERS[1], rank(&[BIDDERS[0], BIDDERS[1]])));
		assert_noop!(finalize_after_complaints(t), Error::<Test>::NotInPublicity);
	});
}

#[test]
fn without_an_eligible_candidate_a_supervisor_orders_a_reevaluation() {
	new_test_ext().execute_with(|| {
		let t = published();
		bar(BIDDERS[0], Bar::Bidding);
		certify(BIDDERS[1], &[Role::Tenderer]);
		assert_ok!(finalize_after_complaints(t));
		System::assert_has_event(
			Event::CandidateSkipped { tender: t, candidate: BIDDERS[0] }.into(),
		);
		System::assert_has_event(
			Event::CandidateSkipped { tender: t, candidate: BIDDERS[1] }.into(),
		);
		System::assert_last_event(Event::NoEligibleCandidate { tender: t }.into());
		assert_eq!(state(t), TenderState::NoEligibleCandidate);
		// The tender says so, and does not move by itself.
		assert_noop!(finalize_after_complaints(t), Error::<Test>::NotInPublicity);
		assert_noop!(evaluate(t, EXPERTS[0], 0, &[BIDDERS[0]]), Error::<Test>::NotEvaluating);
		// A supervisor restarts the evaluation: award, dissents and evaluations cleared.
		assert_ok!(Tendering::order_reevaluation(RuntimeOrigin::signed(SUPERVISOR), t, sheet(9)));
		assert_eq!(state(t), TenderState::Evaluating);
		assert_eq!(Awards::<Test>::get(t), None);
		assert!(Dissents::<Test>::get(t).is_empty());
		assert!(Evaluations::<Test>::get(t).is_empty());
		assert_ok!(evaluate(t, EXPERTS[0], 0, &[BIDDERS[0]]));
	});
}

// --- Supervision ---

/// The attack: a supervisor fills the tender's supervision record with findings, so that the
/// record of a suspension (and who made it) is pushed out, or the record refuses a resumption
/// and the tender is stuck for good. Findings are kept apart: they never touch the suspension
/// record nor block a suspension, a resumption or a re-evaluation order.
#[test]
fn attack_supervision_list_full_freezes_tender() {
	new_test_ext().execute_with(|| {
		let t = without_majority();
		// MaxFindings is 4 and MaxSupervisions 8 in the mock: far more findings than either.
		for n in 0..20 {
			assert_ok!(Tendering::record_finding(RuntimeOrigin::signed(SUPERVISOR), t, sheet(n)));
		}
		assert_ok!(Tendering::suspend(RuntimeOrigin::signed(SUPERVISOR), t, sheet(30)));
		for n in 0..20 {
			assert_ok!(Tendering::record_finding(RuntimeOrigin::signed(SUPERVISOR), t, sheet(n)));
		}
		assert_ok!(Tendering::resume(RuntimeOrigin::signed(SUPERVISOR), t, sheet(31)));
		assert_ok!(Tendering::order_reevaluation(RuntimeOrigin::signed(SUPERVISOR), t, sheet(32)));
		assert_eq!(state(t), TenderState::Evaluating);
		assert!(!Tenders::<Test>::get(t).expect("exists").suspended);
		// The supervision record holds the suspension, the resumption and the order, untouched
		// by the forty findings.
		let record = Supervisions::<Test>::get(t);
		assert_eq!(
			record.iter().map(|s| (s.kind.clone(), s.reason)).collect::<Vec<_>>(),
			vec![
				(SupervisionKind::Suspend, sheet(30)),
				(SupervisionKind::Resume, sheet(31)),
				(SupervisionKind::Reevaluation, sheet(32)),
			]
		);
		assert_eq!(SupervisionCount::<Test>::get(t), 3);
		// The findings: the latest four kept, all forty counted.
		assert_eq!(Findings::<Test>::get(t).len(), 4);
		assert_eq!(FindingCount::<Test>::get(t), 40);
	});
}

/// A supervisor of Lanzhou (and a Baiyin supervisor's partner with a Lanzhou certificate).
const LZ_SUPERVISOR: u64 = 51;
/// A second supervisor of Baiyin.
const BY_SUPERVISOR_2: u64 = 52;

fn certify_in(who: u64, roles: &[Role], code: &[u8]) {
	pallet_certificates::testing::certify::<Test>(&who, roles, code, H256::from_low_u64_be(who));
}

/// The attack: a supervisor of another jurisdiction lifts (or imposes) a suspension made by the
/// tender's own supervisor. Only the suspender, a supervisor of the tender's city, or a council
/// motion lifts it; a supervisor acts only on its city's tenders.
#[test]
fn attack_supervisor_resumes_anothers_suspension() {
	new_test_ext().execute_with(|| {
		certify_in(LZ_SUPERVISOR, &[Role::Supervisor], b"LZ");
		certify_in(BY_SUPERVISOR_2, &[Role::Supervisor], b"BY");
		let t = publish();
		assert_noop!(
			Tendering::suspend(RuntimeOrigin::signed(LZ_SUPERVISOR), t, sheet(1)),
			Error::<Test>::NotInJurisdiction
		);
		assert_noop!(
			Tendering::record_finding(RuntimeOrigin::signed(LZ_SUPERVISOR), t, sheet(1)),
			Error::<Test>::NotInJurisdiction
		);
		assert_ok!(Tendering::suspend(RuntimeOrigin::signed(SUPERVISOR), t, sheet(2)));
		assert_eq!(Suspensions::<Test>::get(t).map(|s| s.supervisor), Some(SUPERVISOR));
		// The attack: Lanzhou's supervisor lifts Baiyin's suspension.
		assert_noop!(
			Tendering::resume(RuntimeOrigin::signed(LZ_SUPERVISOR), t, sheet(3)),
			Error::<Test>::NotTheSuspender
		);
		// A council motion lifts any suspension; nobody else's origin passes for it.
		assert_noop!(
			Tendering::resume_by_council(RuntimeOrigin::signed(SUPERVISOR), t, sheet(4)),
			sp_runtime::DispatchError::BadOrigin
		);
		assert_ok!(Tendering::resume_by_council(RuntimeOrigin::root(), t, sheet(4)));
		System::assert_has_event(
			Event::TenderResumedByCouncil { tender: t, reason: sheet(4) }.into(),
		);
		assert!(Suspensions::<Test>::get(t).is_none());
		// Another supervisor of the same city lifts a suspension.
		assert_ok!(Tendering::suspend(RuntimeOrigin::signed(BY_SUPERVISOR_2), t, sheet(5)));
		assert_ok!(Tendering::resume(RuntimeOrigin::signed(SUPERVISOR), t, sheet(6)));
		assert!(!Tenders::<Test>::get(t).expect("exists").suspended);
	});
}

/// The attack: a supervisor whose suspension the council lifted suspends the tender again at
/// once, and after every resumption, keeping it frozen. Overruled by the council, it may not
/// suspend that tender again; another supervisor of the city still may.
#[test]
fn attack_supervisor_resuspends_after_council_resume() {
	new_test_ext().execute_with(|| {
		certify_in(BY_SUPERVISOR_2, &[Role::Supervisor], b"BY");
		let t = publish();
		let other = NextTenderId::<Test>::get();
		publish();
		assert_ok!(Tendering::suspend(RuntimeOrigin::signed(SUPERVISOR), t, sheet(1)));
		assert_ok!(Tendering::resume_by_council(RuntimeOrigin::root(), t, sheet(2)));
		assert_noop!(
			Tendering::suspend(RuntimeOrigin::signed(SUPERVISOR), t, sheet(3)),
			Error::<Test>::SuspensionOverruled
		);
		// Only that tender: the supervisor keeps its power over the others.
		assert_ok!(Tendering::suspend(RuntimeOrigin::signed(SUPERVISOR), other, sheet(4)));
		// Another supervisor of the city may suspend it, with its own reason.
		assert_ok!(Tendering::suspend(RuntimeOrigin::signed(BY_SUPERVISOR_2), t, sheet(5)));
	});
}

/// A suspension during the reveal window or the complaint period extends that window by the
/// time suspended: no bidder loses the right to reveal, nobody the right to complain.
#[test]
fn suspension_extends_the_running_window() {
	new_test_ext().execute_with(|| {
		let t = publish();
		assert_ok!(commit(t, BIDDERS[0], 1, 1, 1));
		// Suspended half an hour into the 2 h reveal window, for three hours.
		set_now(DEADLINE + HOUR / 2);
		assert_ok!(Tendering::suspend(RuntimeOrigin::signed(SUPERVISOR), t, sheet(1)));
		set_now(DEADLINE + HOUR / 2 + 3 * HOUR);
		assert_ok!(Tendering::resume(RuntimeOrigin::signed(SUPERVISOR), t, sheet(2)));
		let ends = DEADLINE + REVEAL + 3 * HOUR;
		System::assert_has_event(
			Event::WindowExtended { tender: t, window: ExtendedWindow::Reveal, by: 3 * HOUR, ends }
				.into(),
		);
		assert_eq!(Tenders::<Test>::get(t).expect("exists").reveal_ends(), ends);
		// Without the extension the window would be closed: the reveal still counts.
		assert_ok!(reveal(t, BIDDERS[0], 1, 1, 1));
	});
	// The complaint period.
	new_test_ext().execute_with(|| {
		let p = published();
		let before = Awards::<Test>::get(p).expect("published").publicity_ends;
		let now = Timestamp::get();
		assert_ok!(Tendering::suspend(RuntimeOrigin::signed(SUPERVISOR), p, sheet(3)));
		set_now(now + 10 * HOUR);
		assert_ok!(Tendering::resume(RuntimeOrigin::signed(SUPERVISOR), p, sheet(4)));
		assert_eq!(Awards::<Test>::get(p).expect("published").publicity_ends, before + 10 * HOUR);
		System::assert_has_event(
			Event::WindowExtended {
				tender: p,
				window: ExtendedWindow::Publicity,
				by: 10 * HOUR,
				ends: before + 10 * HOUR,
			}
			.into(),
		);
		set_now(before + 5 * HOUR);
		assert_noop!(
			Tendering::finalize_award(RuntimeOrigin::signed(BIDDERS[0]), p),
			Error::<Test>::ComplaintPeriodRunning
		);
	});
}

#[test]
fn a_suspended_tender_accepts_no_action_until_resumed() {
	new_test_ext().execute_with(|| {
		let t = publish();
		assert_ok!(Tendering::suspend(RuntimeOrigin::signed(SUPERVISOR), t, H256::repeat_byte(3)));
		assert_noop!(commit(t, BIDDERS[0], 1, 1, 1), Error::<Test>::TenderSuspended);
		assert_noop!(
			Tendering::suspend(RuntimeOrigin::signed(SUPERVISOR), t, H256::zero()),
			Error::<Test>::TenderSuspended
		);
		assert_ok!(Tendering::resume(RuntimeOrigin::signed(SUPERVISOR), t, H256::repeat_byte(4)));
		assert_ok!(commit(t, BIDDERS[0], 1, 1, 1));
		assert_eq!(Supervisions::<Test>::get(t).len(), 2);
	});
}

#[test]
fn a_supervisor_suspends_during_the_complaint_period() {
	new_test_ext().execute_with(|| {
		let t = published();
		assert_ok!(Tendering::suspend(RuntimeOrigin::signed(SUPERVISOR), t, H256::repeat_byte(5)));
		set_now(DEADLINE + REVEAL + 100 * HOUR);
		assert_noop!(
			Tendering::finalize_award(RuntimeOrigin::signed(BIDDERS[0]), t),
			Error::<Test>::TenderSuspended
		);
	});
}

#[test]
fn only_supervisors_supervise_and_findings_are_kept() {
	new_test_ext().execute_with(|| {
		let t = publish();
		assert_noop!(
			Tendering::suspend(RuntimeOrigin::signed(TENDERER), t, H256::zero()),
			pallet_certificates::Error::<Test>::RoleNotHeld
		);
		assert_noop!(
			Tendering::resume(RuntimeOrigin::signed(SUPERVISOR), t, H256::zero()),
			Error::<Test>::TenderNotSuspended
		);
		assert_ok!(Tendering::record_finding(
			RuntimeOrigin::signed(SUPERVISOR),
			t,
			H256::repeat_byte(6)
		));
		assert_eq!(Findings::<Test>::get(t)[0].finding, H256::repeat_byte(6));
		assert_eq!(FindingCount::<Test>::get(t), 1);
		assert!(Supervisions::<Test>::get(t).is_empty());
	});
}

#[test]
fn a_cancelled_tender_takes_no_bids() {
	new_test_ext().execute_with(|| {
		let t = publish();
		assert_noop!(
			Tendering::cancel_tender(RuntimeOrigin::signed(BIDDERS[0]), t, H256::zero()),
			Error::<Test>::NotTheTenderOwner
		);
		assert_ok!(Tendering::cancel_tender(RuntimeOrigin::signed(TENDERER), t, H256::zero()));
		assert_noop!(commit(t, BIDDERS[0], 1, 1, 1), Error::<Test>::TenderNotOpen);
	});
}

// --- What other pallets learn of a tender ---

#[test]
fn other_pallets_learn_the_host_owner_phase_and_bidders() {
	new_test_ext().execute_with(|| {
		assert_eq!(<Tendering as TenderInfo<u64>>::tender(0), None);
		let t = publish();
		assert_ok!(commit(t, BIDDERS[0], 1, 1, 1));
		assert_ok!(commit(t, BIDDERS[2], 3, 3, 3));
		let summary = <Tendering as TenderInfo<u64>>::tender(t).expect("published");
		assert_eq!(
			summary,
			TenderSummary {
				owner: TENDERER,
				city: city(b"BY"),
				state: TenderState::Open,
				phase: Phase::Bidding,
				suspended: false,
				principal: None,
				specialities: vec![101, 205],
				evaluation_underway: false,
				principal_city: None,
			}
		);
		let mut bidders = <Tendering as TenderInfo<u64>>::bidders(t);
		bidders.sort();
		assert_eq!(bidders, vec![BIDDERS[0], BIDDERS[2]]);
		set_now(DEADLINE);
		assert_eq!(
			<Tendering as TenderInfo<u64>>::tender(t).expect("published").phase,
			Phase::Revealing
		);
	});
}

// --- Commitment binding (property tests over many deterministic inputs) ---

/// Deterministic pseudo-random bytes for the property tests.
fn bytes(seed: u64, tag: &[u8]) -> [u8; 32] {
	sp_io::hashing::blake2_256(&(seed, tag).using_encoded_vec())
}

trait EncodedVec {
	fn using_encoded_vec(&self) -> Vec<u8>;
}
impl<T: codec::Encode> EncodedVec for T {
	fn using_encoded_vec(&self) -> Vec<u8> {
		self.encode()
	}
}

#[test]
fn a_commitment_cannot_be_replayed_across_tenders_bidders_or_chains() {
	for seed in 0..500u64 {
		let genesis = H256(bytes(seed, b"genesis"));
		let other_genesis = H256(bytes(seed, b"other genesis"));
		let tender = seed % 97;
		let bidder = seed;
		let file = H256(bytes(seed, b"file"));
		let fp = H256(bytes(seed, b"fingerprint"));
		let salt = bytes(seed, b"salt");
		let t = BidTerms {
			price: u128::from(seed),
			duration_days: seed as u32,
			quality: H256(bytes(seed, b"quality")),
		};
		let c = commitment(&genesis, tender, &bidder, &t, &file, &fp, &salt);
		assert_ne!(
			c,
			commitment(&genesis, tender + 1, &bidder, &t, &file, &fp, &salt),
			"replayed across tenders"
		);
		assert_ne!(
			c,
			commitment(&genesis, tender, &(bidder + 1), &t, &file, &fp, &salt),
			"replayed across bidders"
		);
		assert_ne!(
			c,
			commitment(&other_genesis, tender, &bidder, &t, &file, &fp, &salt),
			"replayed across chains"
		);
		assert_ne!(
			c,
			commitment(&genesis, tender, &bidder, &t, &fp, &file, &salt),
			"file and fingerprint swapped"
		);
		assert_ne!(
			c,
			commitment(&genesis, tender, &bidder, &t, &file, &fp, &salt[..31]),
			"salt truncated"
		);
		let cheaper = BidTerms { price: t.price.wrapping_sub(1), ..t };
		assert_ne!(
			c,
			commitment(&genesis, tender, &bidder, &cheaper, &file, &fp, &salt),
			"another price"
		);
		let sooner = BidTerms { duration_days: t.duration_days.wrapping_sub(1), ..t };
		assert_ne!(
			c,
			commitment(&genesis, tender, &bidder, &sooner, &file, &fp, &salt),
			"another duration"
		);
	}
}

#[test]
fn a_commitment_copied_from_another_bidder_never_reveals_as_valid() {
	new_test_ext().execute_with(|| {
		let t = publish();
		// Bidder 1 copies bidder 0's commitment and later learns bidder 0's file and salt.
		let copied = commitment_of(t, BIDDERS[0], 1, 1, 1);
		assert_ok!(commit(t, BIDDERS[0], 1, 1, 1));
		assert_ok!(Tendering::commit_bid(RuntimeOrigin::signed(BIDDERS[1]), t, copied));
		set_now(DEADLINE);
		assert_ok!(reveal(t, BIDDERS[0], 1, 1, 1));
		assert_ok!(reveal(t, BIDDERS[1], 1, 1, 1));
		assert_eq!(
			Bids::<Test>::get(t, BIDDERS[1]).unwrap().state,
			BidState::Void(VoidReason::RevealMismatch)
		);
	});
}

// --- Bars and legal identities ---

#[test]
fn a_tenderer_or_agency_barred_from_publishing_cannot_publish() {
	new_test_ext().execute_with(|| {
		bar(TENDERER, Bar::Publishing);
		assert_noop!(NewTender::default().create(), pallet_certificates::Error::<Test>::Barred);
		certify(AGENCY, &[Role::Agency]);
		assert_ok!(entrust(TENDERER, AGENCY));
		bar(AGENCY, Bar::Publishing);
		assert_noop!(
			publish_by(AGENCY, Some(TENDERER)),
			pallet_certificates::Error::<Test>::Barred
		);
		// A bar from bidding does not keep a tenderer from publishing.
		certify(2, &[Role::Tenderer]);
		bar(2, Bar::Bidding);
		assert_ok!(NewTender { owner: 2, ..Default::default() }.create());
	});
}

/// The attack: a tenderer barred from publishing has an agency, itself unbarred, publish its
/// tender. The principal's bar holds through the agency.
#[test]
fn attack_barred_principal_publishes_via_agency() {
	new_test_ext().execute_with(|| {
		certify(AGENCY, &[Role::Agency]);
		assert_ok!(entrust(TENDERER, AGENCY));
		assert_ok!(publish_by(AGENCY, Some(TENDERER)));
		bar(TENDERER, Bar::Publishing);
		assert_noop!(
			publish_by(AGENCY, Some(TENDERER)),
			pallet_certificates::Error::<Test>::Barred
		);
	});
}

/// A second certified account of the first bidder's company (the same certificate identity).
const SECOND_ACCOUNT: u64 = 21;

#[test]
fn second_account_of_a_bidder_cannot_bid_twice() {
	new_test_ext().execute_with(|| {
		pallet_certificates::testing::certify::<Test>(
			&SECOND_ACCOUNT,
			&[Role::Bidder],
			b"BY",
			H256::from_low_u64_be(BIDDERS[0]),
		);
		let t = publish();
		assert_ok!(commit(t, BIDDERS[0], 1, 1, 1));
		assert_noop!(commit(t, SECOND_ACCOUNT, 2, 2, 2), Error::<Test>::IdentityAlreadyBid);
		assert_eq!(
			BidIdentities::<Test>::get(t, H256::from_low_u64_be(BIDDERS[0])),
			Some(BIDDERS[0])
		);
		// Withdrawn, the company may bid from its other account.
		assert_ok!(Tendering::withdraw_bid(RuntimeOrigin::signed(BIDDERS[0]), t));
		assert_ok!(commit(t, SECOND_ACCOUNT, 2, 2, 2));
		assert_noop!(commit(t, BIDDERS[0], 1, 1, 1), Error::<Test>::IdentityAlreadyBid);
	});
}

#[test]
fn collusion_flags_name_the_legal_identities() {
	new_test_ext().execute_with(|| {
		let t = publish();
		assert_ok!(commit(t, BIDDERS[0], 1, 1, 1));
		assert_ok!(commit(t, BIDDERS[1], 1, 2, 2));
		set_now(DEADLINE);
		assert_ok!(reveal(t, BIDDERS[0], 1, 1, 1));
		assert_ok!(reveal(t, BIDDERS[1], 1, 2, 2));
		let flags = CollusionFlags::<Test>::get(t);
		assert_eq!(flags.len(), 1);
		assert_eq!(flags[0].first_identity, H256::from_low_u64_be(BIDDERS[0]));
		assert_eq!(flags[0].second_identity, H256::from_low_u64_be(BIDDERS[1]));
	});
}

// --- Late changes to the documents ---

/// The attack: the tenderer changes the tender documents an hour before the deadline, so that
/// only bidders told in advance can prepare a bid for them. A change of documents needs
/// `MinAmendmentNotice` (36 h in the mock) left, or the deadline moved with it.
#[test]
fn attack_documents_changed_just_before_deadline() {
	new_test_ext().execute_with(|| {
		let t = publish();
		set_now(DEADLINE - HOUR);
		let amend = |deadline, documents| {
			Tendering::amend_tender(
				RuntimeOrigin::signed(TENDERER),
				t,
				deadline,
				documents,
				H256::repeat_byte(1),
			)
		};
		assert_noop!(
			amend(None, Some(H256::repeat_byte(0xee))),
			Error::<Test>::DocumentsChangedTooLate
		);
		// A deadline moved, but not far enough.
		assert_noop!(
			amend(Some(DEADLINE + 24 * HOUR), Some(H256::repeat_byte(0xee))),
			Error::<Test>::DocumentsChangedTooLate
		);
		// The same documents, or a deadline moved alone, need no such notice.
		assert_ok!(amend(None, Some(H256::repeat_byte(0xdd))));
		// Documents changed together with a deadline at least the notice away.
		assert_ok!(amend(Some(DEADLINE - HOUR + 36 * HOUR), Some(H256::repeat_byte(0xee))));
		assert_eq!(Tenders::<Test>::get(t).expect("exists").documents, H256::repeat_byte(0xee));
	});
}

// --- Priority of bids near their deadline ---

#[test]
fn bids_and_reveals_near_their_deadline_are_urgent() {
	new_test_ext().execute_with(|| {
		let t = publish();
		let c = crate::Call::<Test>::commit_bid { tender: t, commitment: H256::zero() };
		let r = crate::Call::<Test>::reveal_bid {
			tender: t,
			terms: terms(1),
			file_hash: file(1),
			fingerprint: fingerprint(1),
			salt: salt(1),
		};
		let other = crate::Call::<Test>::record_finding { tender: t, finding: H256::zero() };
		assert!(!Tendering::is_urgent(&c));
		set_now(DEADLINE - 5 * 60_000);
		assert!(Tendering::is_urgent(&c));
		assert!(!Tendering::is_urgent(&r));
		assert!(!Tendering::is_urgent(&other));
		set_now(DEADLINE);
		assert!(!Tendering::is_urgent(&c));
		assert!(!Tendering::is_urgent(&r));
		set_now(DEADLINE + REVEAL - 60_000);
		assert!(Tendering::is_urgent(&r));
		set_now(DEADLINE + REVEAL);
		assert!(!Tendering::is_urgent(&r));
		let unknown = crate::Call::<Test>::commit_bid { tender: 9, commitment: H256::zero() };
		assert!(!Tendering::is_urgent(&unknown));
	});
}

// --- State does not grow without bound ---

#[test]
fn an_account_has_at_most_max_open_tenders() {
	new_test_ext().execute_with(|| {
		// MaxOpenTenders is 3 in the mock.
		for _ in 0..3 {
			assert_ok!(NewTender::default().create());
		}
		assert_eq!(OpenTenders::<Test>::get(TENDERER), 3);
		assert_noop!(NewTender::default().create(), Error::<Test>::TooManyOpenTenders);
		// Closing one (here cancelling) makes room.
		assert_ok!(Tendering::cancel_tender(RuntimeOrigin::signed(TENDERER), 1, H256::zero()));
		assert_eq!(OpenTenders::<Test>::get(TENDERER), 2);
		assert_ok!(NewTender::default().create());
	});
}

#[test]
fn storage_is_gone_after_opening_and_award() {
	new_test_ext().execute_with(|| {
		let t = publish();
		assert_ok!(commit(t, BIDDERS[0], 1, 1, 1));
		assert_ok!(commit(t, BIDDERS[1], 2, 2, 2));
		set_now(DEADLINE);
		assert_ok!(reveal(t, BIDDERS[0], 1, 1, 1));
		assert_ok!(reveal(t, BIDDERS[1], 2, 2, 2));
		assert_eq!(RevealedFiles::<Test>::iter_prefix(t).count(), 2);
		assert_eq!(RevealedFingerprints::<Test>::iter_prefix(t).count(), 2);
		assert_eq!(BidIdentities::<Test>::iter_prefix(t).count(), 2);
		set_now(DEADLINE + REVEAL);
		assert_ok!(Tendering::open_bids(RuntimeOrigin::signed(BAIYIN_CENTRE), t));
		// The reveal indexes and the identities' bids are gone with the opening.
		assert_eq!(RevealedFiles::<Test>::iter_prefix(t).count(), 0);
		assert_eq!(RevealedFingerprints::<Test>::iter_prefix(t).count(), 0);
		assert_eq!(BidIdentities::<Test>::iter_prefix(t).count(), 0);
		// Evaluated, published, awarded: the evaluating members and the open-tender count go.
		committee(t, &EXPERTS[..3]);
		for (i, e) in EXPERTS[..3].iter().enumerate() {
			assert_ok!(evaluate(t, *e, i as u8, &[BIDDERS[0]]));
		}
		assert_eq!(state(t), TenderState::Publicity);
		assert_ok!(finalize_after_complaints(t));
		assert_eq!(state(t), TenderState::Awarded);
		assert!(!EvaluatingMembers::<Test>::contains_key(t));
		assert!(!OpenTenders::<Test>::contains_key(TENDERER));
	});
}

#[test]
fn storage_is_gone_after_failure_cancellation_and_resumption() {
	new_test_ext().execute_with(|| {
		// A failed tender (流标): too few valid bids.
		let t = publish();
		assert_ok!(commit(t, BIDDERS[0], 1, 1, 1));
		set_now(DEADLINE);
		assert_ok!(reveal(t, BIDDERS[0], 1, 1, 1));
		set_now(DEADLINE + REVEAL);
		assert_ok!(Tendering::open_bids(RuntimeOrigin::signed(BAIYIN_CENTRE), t));
		assert_eq!(state(t), TenderState::Failed);
		assert_eq!(RevealedFiles::<Test>::iter_prefix(t).count(), 0);
		assert_eq!(BidIdentities::<Test>::iter_prefix(t).count(), 0);
		assert!(!OpenTenders::<Test>::contains_key(TENDERER));
		// A cancelled tender, suspended and resumed before.
		assert_ok!(
			NewTender { deadline: DEADLINE + REVEAL + 48 * HOUR, ..Default::default() }.create()
		);
		assert_ok!(commit(1, BIDDERS[1], 2, 2, 2));
		assert_ok!(Tendering::suspend(RuntimeOrigin::signed(SUPERVISOR), 1, sheet(1)));
		assert!(Suspensions::<Test>::contains_key(1));
		assert_ok!(Tendering::resume(RuntimeOrigin::signed(SUPERVISOR), 1, sheet(2)));
		assert!(!Suspensions::<Test>::contains_key(1));
		assert_ok!(Tendering::cancel_tender(RuntimeOrigin::signed(TENDERER), 1, H256::zero()));
		assert_eq!(BidIdentities::<Test>::iter_prefix(1).count(), 0);
		assert!(!OpenTenders::<Test>::contains_key(TENDERER));
	});
}

// --- The award procedure after publication (objections, complaints, notice: the award pallet) ---

#[test]
fn attack_award_finalized_over_an_unanswered_objection() {
	new_test_ext().execute_with(|| {
		let t = published();
		hold_award(t, true);
		set_now(PUBLICITY_ENDS);
		assert_noop!(
			Tendering::finalize_award(RuntimeOrigin::signed(LATE_BIDDER), t),
			Error::<Test>::AwardHeldByChallenge
		);
		hold_award(t, false);
		assert_ok!(finalize_after_complaints(t));
		assert_eq!(awarded(t), Some(BIDDERS[0]));
	});
}

#[test]
fn a_complaint_suspends_and_its_decision_resumes_extending_the_complaint_period() {
	new_test_ext().execute_with(|| {
		let t = published();
		set_now(PUBLICITY_ENDS - HOUR);
		assert_ok!(<Tendering as AwardControl<u64>>::suspend(t, &SUPERVISOR, H256::zero()));
		assert!(Tenders::<Test>::get(t).unwrap().suspended);
		assert_noop!(
			<Tendering as AwardControl<u64>>::suspend(t, &SUPERVISOR, H256::zero()),
			Error::<Test>::TenderSuspended
		);
		set_now(PUBLICITY_ENDS + HOUR);
		assert_ok!(<Tendering as AwardControl<u64>>::resume(t, &SUPERVISOR, H256::zero()));
		assert!(!Tenders::<Test>::get(t).unwrap().suspended);
		// Two hours suspended: the complaint period ends two hours later.
		assert_eq!(Awards::<Test>::get(t).unwrap().publicity_ends, PUBLICITY_ENDS + 2 * HOUR);
		// Resuming a tender not suspended does nothing.
		assert_ok!(<Tendering as AwardControl<u64>>::resume(t, &SUPERVISOR, H256::zero()));
		assert_eq!(SupervisionCount::<Test>::get(t), 2);
	});
}

#[test]
fn a_complaint_orders_a_new_evaluation_even_of_an_awarded_tender() {
	new_test_ext().execute_with(|| {
		let t = published();
		// Nothing to re-evaluate before publication.
		let other = {
			assert_ok!(NewTender { deadline: DEADLINE + REVEAL + 48 * HOUR, ..Default::default() }
				.create());
			1
		};
		assert_noop!(
			<Tendering as AwardControl<u64>>::reevaluate(other, &SUPERVISOR, H256::zero()),
			Error::<Test>::NoAwardToChallenge
		);
		assert_ok!(finalize_after_complaints(t));
		assert_eq!(OpenTenders::<Test>::get(TENDERER), 1);
		assert_ok!(<Tendering as AwardControl<u64>>::reevaluate(t, &SUPERVISOR, H256::zero()));
		assert_eq!(state(t), TenderState::Evaluating);
		assert!(Awards::<Test>::get(t).is_none());
		assert!(Evaluations::<Test>::get(t).is_empty());
		// Open again: counted among the owner's open tenders.
		assert_eq!(OpenTenders::<Test>::get(TENDERER), 2);
		// The committee evaluates anew.
		assert_ok!(evaluate(t, EXPERTS[0], 0, &[BIDDERS[1]]));
		assert_ok!(evaluate(t, EXPERTS[1], 1, &[BIDDERS[1]]));
		assert_eq!(state(t), TenderState::Publicity);
		assert_eq!(Awards::<Test>::get(t).unwrap().winner, BIDDERS[1]);
	});
}

#[test]
fn a_candidate_passed_over_moves_the_award_to_the_next() {
	new_test_ext().execute_with(|| {
		let t = published();
		let pass = |c: u64| <Tendering as AwardControl<u64>>::pass_over(t, &c);
		assert_noop!(pass(BIDDERS[2]), Error::<Test>::NotACandidate);
		assert_ok!(finalize_after_complaints(t));
		// The winner declines: the second is the winner now.
		assert_eq!(pass(BIDDERS[0]), Ok(Some(BIDDERS[1])));
		assert_eq!(awarded(t), Some(BIDDERS[1]));
		System::assert_last_event(
			Event::CandidatePassedOver {
				tender: t,
				candidate: BIDDERS[0],
				winner: Some(BIDDERS[1]),
			}
			.into(),
		);
		// The last one declines too: no candidate left.
		assert_eq!(pass(BIDDERS[1]), Ok(None));
		assert_eq!(state(t), TenderState::NoEligibleCandidate);
		// A supervisor orders a re-evaluation, as for any tender without a candidate.
		assert_ok!(Tendering::order_reevaluation(
			RuntimeOrigin::signed(SUPERVISOR),
			t,
			H256::zero()
		));
		assert_eq!(state(t), TenderState::Evaluating);
	});
}

#[test]
fn an_awarded_candidate_passed_over_skips_the_barred() {
	new_test_ext().execute_with(|| {
		let t = published();
		assert_ok!(finalize_after_complaints(t));
		bar(BIDDERS[1], Bar::Bidding);
		assert_eq!(<Tendering as AwardControl<u64>>::pass_over(t, &BIDDERS[0]), Ok(None));
		assert_eq!(state(t), TenderState::NoEligibleCandidate);
	});
}

#[test]
fn a_void_tender_is_closed_and_published_again_as_its_retender() {
	new_test_ext().execute_with(|| {
		let t = published();
		assert_eq!(OpenTenders::<Test>::get(TENDERER), 1);
		// Only a failed or void tender is published again.
		set_now(PUBLICITY_ENDS);
		let retender = |owner: u64, of: TenderId| {
			NewTender {
				owner,
				deadline: PUBLICITY_ENDS + 48 * HOUR,
				retender_of: Some(of),
				..Default::default()
			}
			.create()
		};
		assert_noop!(retender(TENDERER, t), Error::<Test>::NotFailed);
		assert_ok!(<Tendering as AwardControl<u64>>::void(t, &SUPERVISOR, H256::repeat_byte(7)));
		assert_eq!(state(t), TenderState::Voided);
		assert_eq!(OpenTenders::<Test>::get(TENDERER), 0);
		System::assert_last_event(
			Event::TenderVoided { tender: t, supervisor: SUPERVISOR, reason: H256::repeat_byte(7) }
				.into(),
		);
		assert_noop!(
			<Tendering as AwardControl<u64>>::void(t, &SUPERVISOR, H256::zero()),
			Error::<Test>::TenderClosed
		);
		// Another tenderer cannot take over the tender's history.
		certify(LATE_BIDDER + 100, &[Role::Tenderer]);
		assert_noop!(retender(LATE_BIDDER + 100, t), Error::<Test>::NotTheTenderOwner);
		assert_noop!(retender(TENDERER, 99), Error::<Test>::UnknownTender);
		assert_ok!(retender(TENDERER, t));
		let again = NextTenderId::<Test>::get() - 1;
		assert_eq!(Tenders::<Test>::get(again).unwrap().retender_of, Some(t));
		assert_eq!(Retenders::<Test>::get(t), Some(again));
		System::assert_has_event(Event::TenderRetendered { previous: t, tender: again }.into());
		// One re-tender per tender: the next attempt links to the latest.
		assert_noop!(retender(TENDERER, t), Error::<Test>::AlreadyRetendered);
	});
}

#[test]
fn a_failed_tender_is_published_again() {
	new_test_ext().execute_with(|| {
		let t = publish();
		assert_ok!(commit(t, BIDDERS[0], 1, 1, 1));
		set_now(DEADLINE);
		assert_ok!(reveal(t, BIDDERS[0], 1, 1, 1));
		set_now(DEADLINE + REVEAL);
		assert_ok!(Tendering::open_bids(RuntimeOrigin::signed(BAIYIN_CENTRE), t));
		assert_eq!(state(t), TenderState::Failed);
		assert_ok!(NewTender {
			deadline: DEADLINE + REVEAL + 48 * HOUR,
			retender_of: Some(t),
			..Default::default()
		}
		.create());
		assert_eq!(Retenders::<Test>::get(t), Some(1));
	});
}

#[test]
fn the_award_procedure_reads_terms_bids_and_the_award() {
	new_test_ext().execute_with(|| {
		let t = published();
		assert!(<Tendering as TenderInfo<u64>>::has_bid(t, &BIDDERS[2]));
		assert!(!<Tendering as TenderInfo<u64>>::has_bid(t, &LATE_BIDDER));
		assert_eq!(<Tendering as TenderInfo<u64>>::revealed_terms(t, &BIDDERS[1]), Some(terms(2)));
		// A void bid has no terms.
		assert_eq!(<Tendering as TenderInfo<u64>>::revealed_terms(t, &BIDDERS[2]), None);
		assert_eq!(<Tendering as TenderInfo<u64>>::award(t).unwrap().winner, BIDDERS[0]);
	});
}

#[test]
fn attack_overruled_supervisor_suspends_again_through_a_complaint() {
	new_test_ext().execute_with(|| {
		let t = published();
		assert_ok!(Tendering::suspend(RuntimeOrigin::signed(SUPERVISOR), t, H256::zero()));
		assert_ok!(Tendering::resume_by_council(RuntimeOrigin::root(), t, H256::zero()));
		// Accepting a complaint suspends through the award procedure: still refused.
		assert_noop!(
			<Tendering as AwardControl<u64>>::suspend(t, &SUPERVISOR, H256::zero()),
			Error::<Test>::SuspensionOverruled
		);
	});
}

// --- Sealed bids lodged by the host trading centre (bidders secret until the deadline) ---

/// The lodged entry of `bidder`'s bid (file `f`, salt `f`) on `tender`, as its client makes it.
fn envelope(tender: TenderId, bidder: u64, f: u8) -> LodgedEntry {
	LodgedEntry {
		seal: seal_of(bidder, tender).0,
		commitment: commitment_of(tender, bidder, f, f, f),
		lock: lodge_lock(&lock_key(bidder, f)),
		unlock: None,
	}
}

/// The key of the lock `bidder` puts on its lodged bid of file `f` (its client derives it from
/// its secret key).
fn lock_key(bidder: u64, f: u8) -> H256 {
	H256(sp_io::hashing::blake2_256(&codec::Encode::encode(&(bidder, f, b"lock"))))
}

/// `bidder`'s envelope replacing its lodged bid of file `old` with file `f`.
fn replacement(tender: TenderId, bidder: u64, old: u8, f: u8) -> LodgedEntry {
	LodgedEntry { unlock: Some(lock_key(bidder, old)), ..envelope(tender, bidder, f) }
}

/// A decoy entry on `tender` from preimage `n`.
fn decoy(tender: TenderId, n: u8) -> LodgedEntry {
	let preimage = H256::repeat_byte(n);
	LodgedEntry {
		seal: decoy_seal(&Tendering::genesis_hash(), tender, &preimage),
		commitment: H256::repeat_byte(n ^ 0x55),
		lock: H256::repeat_byte(n ^ 0x33),
		unlock: None,
	}
}

fn lodge(tender: TenderId, entries: Vec<LodgedEntry>) -> sp_runtime::DispatchResult {
	Tendering::lodge_bids(
		RuntimeOrigin::signed(BAIYIN_CENTRE),
		tender,
		entries.try_into().expect("within MaxLodged"),
	)
}

fn prove(tender: TenderId, preimages: &[u8]) -> sp_runtime::DispatchResult {
	let preimages: Vec<H256> = preimages.iter().map(|n| H256::repeat_byte(*n)).collect();
	Tendering::prove_decoys(
		RuntimeOrigin::signed(BAIYIN_CENTRE),
		tender,
		preimages.try_into().expect("within MaxLodged"),
	)
}

/// `bidder` reveals its lodged bid of file `f` (salt `f`), proving its seal.
fn reveal_lodged(tender: TenderId, bidder: u64, f: u8) -> sp_runtime::DispatchResult {
	let (_, pre, proof) = seal_of(bidder, tender);
	Tendering::reveal_lodged_bid(
		RuntimeOrigin::signed(bidder),
		tender,
		terms(f),
		file(f),
		fingerprint(f),
		salt(f),
		pre,
		proof,
	)
}

/// Whether `needle` occurs in `haystack`.
fn contains(haystack: &[u8], needle: &[u8]) -> bool {
	haystack.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn an_observer_before_the_deadline_cannot_tell_who_bid_through_the_centre() {
	new_test_ext().execute_with(|| {
		let t = publish();
		System::reset_events();
		assert_ok!(lodge(t, vec![decoy(t, 1), envelope(t, BIDDERS[0], 1)]));
		assert_ok!(lodge(t, vec![envelope(t, BIDDERS[1], 2), decoy(t, 2)]));
		// Everything an observer reads before the deadline: the calls (signed by the centre,
		// holding seals and commitments), the events, and every key and value of the pallet's
		// storage. None holds either bidder's account, nor does the tender count their bids.
		let mut seen: Vec<Vec<u8>> = System::events().iter().map(codec::Encode::encode).collect();
		for entry in [decoy(t, 1), envelope(t, BIDDERS[0], 1), envelope(t, BIDDERS[1], 2)] {
			seen.push(codec::Encode::encode(&entry));
		}
		let prefix = sp_io::hashing::twox_128(b"Tendering");
		let mut key = prefix.to_vec();
		while let Some(next) = sp_io::storage::next_key(&key) {
			if !next.starts_with(&prefix) {
				break;
			}
			seen.push(next.clone());
			seen.push(sp_io::storage::get(&next).expect("a key has a value").to_vec());
			key = next;
		}
		for bidder in [BIDDERS[0], BIDDERS[1]] {
			let account = codec::Encode::encode(&bidder);
			assert!(seen.iter().all(|bytes| !contains(bytes, &account)), "bidder {bidder} seen");
		}
		assert_eq!(Tenders::<Test>::get(t).unwrap().bids, 0);
		assert_eq!(LodgedCount::<Test>::get(t), 4);
		System::assert_last_event(Event::BidsLodged { tender: t, entries: 2, total: 4 }.into());
	});
}

#[test]
fn lodged_bids_are_claimed_at_reveal_and_tallied_at_the_opening() {
	new_test_ext().execute_with(|| {
		let t = publish();
		assert_ok!(lodge(
			t,
			vec![envelope(t, BIDDERS[0], 1), decoy(t, 7), envelope(t, BIDDERS[1], 2)]
		));
		assert_ok!(lodge(t, vec![envelope(t, BIDDERS[2], 3), decoy(t, 8)]));
		// A bidder may still bid directly, accepting to be seen.
		assert_ok!(commit(t, LATE_BIDDER, 4, 4, 4));
		set_now(DEADLINE);
		assert_ok!(prove(t, &[7, 8]));
		assert_ok!(reveal_lodged(t, BIDDERS[0], 1));
		let seal = seal_of(BIDDERS[0], t).0;
		assert_eq!(Lodged::<Test>::get(t, seal).unwrap().state, LodgedState::Claimed(BIDDERS[0]));
		assert!(matches!(
			Bids::<Test>::get(t, BIDDERS[0]).unwrap().state,
			BidState::Revealed { .. }
		));
		assert_ok!(reveal_lodged(t, BIDDERS[1], 2));
		assert_ok!(reveal(t, LATE_BIDDER, 4, 4, 4));
		// BIDDERS[2] never reveals: its entry stays unclaimed, its name unknown.
		assert_noop!(reveal_lodged(t, BIDDERS[0], 1), Error::<Test>::AlreadyRevealed);
		set_now(DEADLINE + REVEAL);
		assert_ok!(Tendering::open_bids(RuntimeOrigin::signed(BAIYIN_CENTRE), t));
		let record = OpeningRecords::<Test>::get(t).unwrap();
		assert_eq!(record.valid.len(), 3);
		assert!(record.void.is_empty());
		assert_eq!(record.sealed, SealedTally { lodged: 5, claimed: 2, decoys: 2, unclaimed: 1 });
		assert_eq!(Tenders::<Test>::get(t).unwrap().bids, 3);
	});
}

#[test]
fn a_lodged_reveal_that_does_not_match_voids_the_bid() {
	new_test_ext().execute_with(|| {
		let t = publish();
		assert_ok!(lodge(t, vec![envelope(t, BIDDERS[0], 1)]));
		set_now(DEADLINE);
		// Another price than the one sealed in the lodged commitment.
		assert_ok!(reveal_lodged(t, BIDDERS[0], 2));
		assert_eq!(
			Bids::<Test>::get(t, BIDDERS[0]).unwrap().state,
			BidState::Void(VoidReason::RevealMismatch)
		);
	});
}

#[test]
fn attack_host_lodges_a_second_price_for_a_favoured_bidder() {
	new_test_ext().execute_with(|| {
		let t = publish();
		// The centre lodges the bidder's price 1 under its seal, and price 2 under the
		// bidder's seal on another tender, hoping the bidder picks one after seeing the
		// others' reveals.
		let real = envelope(t, BIDDERS[0], 1);
		let (other_seal, other_pre, other_proof) = seal_of(BIDDERS[0], t + 1);
		let extra = LodgedEntry { seal: other_seal, ..envelope(t, BIDDERS[0], 2) };
		assert_ok!(lodge(t, vec![real, extra]));
		set_now(DEADLINE);
		// A seal is bound to the tender: the other tender's proof claims nothing here.
		assert_noop!(
			Tendering::reveal_lodged_bid(
				RuntimeOrigin::signed(BIDDERS[0]),
				t,
				terms(2),
				file(2),
				fingerprint(2),
				salt(2),
				other_pre,
				other_proof
			),
			Error::<Test>::InvalidSeal
		);
		// Its own seal on this tender is fixed by its key: price 2 does not open that entry.
		assert_ok!(reveal_lodged(t, BIDDERS[0], 2));
		assert_eq!(
			Bids::<Test>::get(t, BIDDERS[0]).unwrap().state,
			BidState::Void(VoidReason::RevealMismatch)
		);
		assert_eq!(Lodged::<Test>::get(t, other_seal).unwrap().state, LodgedState::Sealed);
	});
}

#[test]
fn attack_bidder_claims_another_bidders_lodged_bid() {
	new_test_ext().execute_with(|| {
		let t = publish();
		assert_ok!(lodge(t, vec![envelope(t, BIDDERS[0], 1)]));
		set_now(DEADLINE);
		// BIDDERS[1] presents BIDDERS[0]'s seal proof: it is not a proof for its own key.
		let (_, pre, proof) = seal_of(BIDDERS[0], t);
		assert_noop!(
			Tendering::reveal_lodged_bid(
				RuntimeOrigin::signed(BIDDERS[1]),
				t,
				terms(1),
				file(1),
				fingerprint(1),
				salt(1),
				pre,
				proof
			),
			Error::<Test>::InvalidSeal
		);
		// With its own proof it finds no entry of its own.
		assert_noop!(reveal_lodged(t, BIDDERS[1], 1), Error::<Test>::NoLodgedBid);
	});
}

#[test]
fn attack_trading_centre_passes_a_real_bid_off_as_a_decoy() {
	new_test_ext().execute_with(|| {
		let t = publish();
		let real = envelope(t, BIDDERS[0], 1);
		assert_ok!(lodge(t, vec![real, decoy(t, 3)]));
		set_now(DEADLINE);
		// The seal itself, or anything else, is no decoy preimage of the real entry.
		let as_preimage: BoundedVec<H256, _> = vec![real.seal].try_into().unwrap();
		assert_noop!(
			Tendering::prove_decoys(RuntimeOrigin::signed(BAIYIN_CENTRE), t, as_preimage),
			Error::<Test>::NotADecoy
		);
		// A batch with one bad preimage changes nothing.
		assert_noop!(prove(t, &[3, 4]), Error::<Test>::NotADecoy);
		assert_noop!(prove(t, &[3, 3]), Error::<Test>::NotADecoy);
		assert_ok!(prove(t, &[3]));
		assert_ok!(reveal_lodged(t, BIDDERS[0], 1));
	});
}

#[test]
fn attack_company_claims_a_lodged_bid_from_a_second_account() {
	new_test_ext().execute_with(|| {
		pallet_certificates::testing::certify::<Test>(
			&SECOND_ACCOUNT,
			&[Role::Bidder],
			b"BY",
			H256::from_low_u64_be(BIDDERS[0]),
		);
		let t = publish();
		assert_ok!(commit(t, BIDDERS[0], 1, 1, 1));
		assert_ok!(lodge(t, vec![envelope(t, SECOND_ACCOUNT, 2)]));
		set_now(DEADLINE);
		assert_noop!(reveal_lodged(t, SECOND_ACCOUNT, 2), Error::<Test>::IdentityAlreadyBid);
	});
}

#[test]
fn an_account_holds_a_direct_or_a_lodged_bid_not_both() {
	new_test_ext().execute_with(|| {
		let t = publish();
		assert_ok!(commit(t, BIDDERS[1], 1, 1, 1));
		assert_ok!(lodge(t, vec![envelope(t, BIDDERS[1], 2)]));
		set_now(DEADLINE);
		assert_noop!(reveal_lodged(t, BIDDERS[1], 2), Error::<Test>::AlreadyCommitted);
	});
}

#[test]
fn eligibility_of_a_lodged_bid_is_checked_at_reveal() {
	new_test_ext().execute_with(|| {
		let t = publish();
		assert_ok!(lodge(t, vec![envelope(t, BIDDERS[0], 1), envelope(t, SUPERVISOR, 2)]));
		set_now(DEADLINE);
		bar(BIDDERS[0], Bar::Bidding);
		assert!(reveal_lodged(t, BIDDERS[0], 1).is_err());
		assert!(reveal_lodged(t, SUPERVISOR, 2).is_err());
		assert_eq!(Tenders::<Test>::get(t).unwrap().bids, 0);
	});
}

#[test]
fn lodging_is_the_host_centres_before_the_deadline_and_bounded() {
	new_test_ext().execute_with(|| {
		let t = publish();
		assert_noop!(
			Tendering::lodge_bids(
				RuntimeOrigin::signed(LANZHOU_CENTRE),
				t,
				vec![decoy(t, 1)].try_into().unwrap()
			),
			Error::<Test>::NotTheHostTradingCentre
		);
		assert_noop!(
			Tendering::lodge_bids(
				RuntimeOrigin::signed(BIDDERS[0]),
				t,
				vec![decoy(t, 1)].try_into().unwrap()
			),
			Error::<Test>::NotTheHostTradingCentre
		);
		// MaxLodged is 12 in the mock.
		assert_ok!(lodge(t, (1..=11).map(|n| decoy(t, n)).collect()));
		assert_noop!(lodge(t, vec![decoy(t, 12), decoy(t, 13)]), Error::<Test>::TooManyLodged);
		// A seal lodged again replaces its entry (the bidder changed its bid) and takes no room.
		let first = envelope(t, BIDDERS[0], 1);
		assert_ok!(lodge(t, vec![first]));
		let changed = replacement(t, BIDDERS[0], 1, 2);
		assert_ok!(lodge(t, vec![changed]));
		assert_eq!(LodgedCount::<Test>::get(t), 12);
		assert_eq!(Lodged::<Test>::get(t, first.seal).unwrap().commitment, changed.commitment);
		assert_noop!(prove(t, &[1]), Error::<Test>::DecoysBeforeDeadline);
		set_now(DEADLINE);
		assert_noop!(lodge(t, vec![decoy(t, 12)]), Error::<Test>::BidAfterDeadline);
		assert_ok!(reveal_lodged(t, BIDDERS[0], 2));
	});
}

#[test]
fn lodging_near_the_deadline_and_lodged_reveals_near_the_window_end_are_urgent() {
	new_test_ext().execute_with(|| {
		let t = publish();
		let lodge_call =
			Call::<Test>::lodge_bids { tender: t, entries: vec![decoy(t, 1)].try_into().unwrap() };
		assert!(!Tendering::is_urgent(&lodge_call));
		set_now(DEADLINE - 60_000);
		assert!(Tendering::is_urgent(&lodge_call));
		let (_, pre, proof) = seal_of(BIDDERS[0], t);
		let reveal_call = Call::<Test>::reveal_lodged_bid {
			tender: t,
			terms: terms(1),
			file_hash: file(1),
			fingerprint: fingerprint(1),
			salt: salt(1),
			seal_pre_output: pre,
			seal_proof: proof,
		};
		assert!(!Tendering::is_urgent(&reveal_call));
		set_now(DEADLINE + REVEAL - 60_000);
		assert!(Tendering::is_urgent(&reveal_call));
	});
}

#[test]
fn attack_relodging_a_public_seal_replaces_anothers_lodged_bid() {
	new_test_ext().execute_with(|| {
		let t = publish();
		let real = envelope(t, BIDDERS[0], 1);
		assert_ok!(lodge(t, vec![real]));
		// An observer read the seal; it hands the centre an envelope under it, with its own
		// lock, without the key or with a wrong one.
		let forged = LodgedEntry { commitment: H256::repeat_byte(0x99), ..decoy(t, 9) };
		let forged = LodgedEntry { seal: real.seal, ..forged };
		assert_noop!(lodge(t, vec![forged]), Error::<Test>::NotTheSealOwner);
		let guessed = LodgedEntry { unlock: Some(H256::repeat_byte(1)), ..forged };
		assert_noop!(lodge(t, vec![guessed]), Error::<Test>::NotTheSealOwner);
		// The key, once shown, is spent: the replacement carries a new lock.
		assert_ok!(lodge(t, vec![replacement(t, BIDDERS[0], 1, 2)]));
		let replayed = LodgedEntry { unlock: Some(lock_key(BIDDERS[0], 1)), ..forged };
		assert_noop!(lodge(t, vec![replayed]), Error::<Test>::NotTheSealOwner);
		set_now(DEADLINE);
		assert_ok!(reveal_lodged(t, BIDDERS[0], 2));
		assert!(matches!(
			Bids::<Test>::get(t, BIDDERS[0]).unwrap().state,
			BidState::Revealed { .. }
		));
	});
}

#[test]
fn attack_duplicate_seal_in_one_lodging_inflates_the_count() {
	new_test_ext().execute_with(|| {
		let t = publish();
		let real = envelope(t, BIDDERS[0], 1);
		assert_noop!(lodge(t, vec![real, real]), Error::<Test>::DuplicateSeal);
		assert_ok!(lodge(t, vec![real]));
		assert_eq!(LodgedCount::<Test>::get(t), 1);
	});
}

#[test]
fn attack_company_certifies_an_account_after_the_deadline_to_claim_a_lodged_bid() {
	new_test_ext().execute_with(|| {
		let t = publish();
		assert_ok!(lodge(t, vec![envelope(t, SECOND_ACCOUNT, 2)]));
		set_now(DEADLINE);
		// Certified (valid from now) only once the deadline passed.
		pallet_certificates::testing::certify::<Test>(
			&SECOND_ACCOUNT,
			&[Role::Bidder],
			b"BY",
			H256::from_low_u64_be(SECOND_ACCOUNT),
		);
		pallet_certificates::Certificates::<Test>::mutate(SECOND_ACCOUNT, |c| {
			if let Some(c) = c {
				c.valid_from = DEADLINE;
			}
		});
		assert_noop!(reveal_lodged(t, SECOND_ACCOUNT, 2), Error::<Test>::CertifiedAfterDeadline);
	});
}

#[test]
fn attack_claims_race_shuts_out_an_acknowledged_lodged_bid() {
	new_test_ext().execute_with(|| {
		// At most two bidders; two commit directly, a third bid was lodged.
		assert_ok!(NewTender { max: 2, ..Default::default() }.create());
		let t = 0;
		assert_ok!(commit(t, BIDDERS[1], 2, 2, 2));
		assert_ok!(commit(t, BIDDERS[2], 3, 3, 3));
		assert_ok!(lodge(t, vec![envelope(t, BIDDERS[0], 1)]));
		set_now(DEADLINE);
		assert_ok!(reveal_lodged(t, BIDDERS[0], 1));
		assert_eq!(Tenders::<Test>::get(t).unwrap().bids, 3);
	});
}

#[test]
fn the_benchmarks_sealed_bid_vector_is_a_valid_seal() {
	use bench_seal::*;
	let input = seal_input(&H256(GENESIS), TENDER);
	assert!(sr25519_vrf_output(SEAL_VRF_TAGS, &PUBLIC, &input, &PRE_OUTPUT, &PROOF).is_some());
	// Over another tender it is none.
	let other = seal_input(&H256(GENESIS), TENDER + 1);
	assert!(sr25519_vrf_output(SEAL_VRF_TAGS, &PUBLIC, &other, &PRE_OUTPUT, &PROOF).is_none());
}
