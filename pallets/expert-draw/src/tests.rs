//! Unit tests of the expert-draw pallet: pool upkeep, every avoidance rule, the pool too small,
//! VRF contributions (valid, invalid, from whom), completion, seats, replacement, recent
//! picks, a property test over many seeds and a chi-square test of uniformity.

use crate::{mock::*, selection, *};
use codec::Encode;
use frame_support::{assert_noop, assert_ok};
use pallet_certificates::{Bar, Role};
use pallet_tendering::{EvaluationCommittee, TenderState};
use sp_core::{crypto::VrfSecret, H256};
use sp_runtime::DispatchError;

const SALT_BASE: u8 = 0x40;

/// The account of pool expert `i` (their entry is made with salt `[SALT_BASE + i; 32]`).
fn expert(i: u32) -> u64 {
	1000 + i as u64
}

fn salt(i: u32) -> [u8; 32] {
	[SALT_BASE.wrapping_add(i as u8); 32]
}

/// Adds expert `i` to the pool.
fn add(i: u32, specialities: &[u16], city_code: &[u8], employer: H256, remote: bool) -> EntryId {
	assert_ok!(ExpertDraw::add_expert(
		RuntimeOrigin::signed(POOL_ADMIN),
		pseudonym(&expert(i), &salt(i)),
		specialities.to_vec(),
		city(city_code),
		employer,
		remote
	));
	PoolSize::<Test>::get() - 1
}

/// A neutral employer.
fn employer(n: u8) -> H256 {
	H256::repeat_byte(n)
}

/// Tender published by the tenderer, hosted by Baiyin, bids committed by all three bidders.
fn tender_with_bids() -> TenderId {
	publish(TENDERER, b"BY", &BIDDERS)
}

/// Tender `t`'s bid deadline passes.
fn past_deadline(t: TenderId) {
	close_bidding(t);
}

/// The bids are revealed and opened: evaluation begins.
fn open(t: TenderId) {
	begin_evaluation(t);
}

fn line(speciality: u16, count: u32) -> Requirement {
	Requirement { speciality, count }
}

fn request(t: TenderId, mode: Mode, lines: Vec<Requirement>) -> DrawId {
	let draw = NextDrawId::<Test>::get();
	assert_ok!(ExpertDraw::request_draw(RuntimeOrigin::signed(BAIYIN_CENTRE), t, mode, lines));
	draw
}

/// Advances to block `n`, recording each parent's hash as block import does.
fn run_to(n: u64) {
	while System::block_number() < n {
		let b = System::block_number();
		frame_system::BlockHash::<Test>::insert(b, H256(sp_io::hashing::blake2_256(&b.encode())));
		System::set_block_number(b + 1);
	}
}

fn centre(code: &[u8]) -> u64 {
	CITIES.iter().find(|(c, _)| *c == code).expect("city").1
}

/// The VRF contribution of city `signer` over the input of `draw` (as its client computes it).
fn sign(signer: &[u8], draw: DrawId) -> ([u8; 32], [u8; 64]) {
	let d = Draws::<Test>::get(draw).expect("draw");
	let anchor = H256::from_slice(System::block_hash(d.anchor).as_ref());
	let input = ExpertDraw::input_of(draw, &d, anchor);
	sign_input(signer, &input)
}

fn sign_input(signer: &[u8], input: &H256) -> ([u8; 32], [u8; 64]) {
	let signature = draw_pair(signer).vrf_sign(&vrf_transcript(input).into_sign_data());
	let pre: [u8; 32] = signature.pre_output.encode().try_into().expect("32 bytes");
	let proof: [u8; 64] = signature.proof.encode().try_into().expect("64 bytes");
	(pre, proof)
}

fn contribute(
	code: &[u8],
	draw: DrawId,
) -> sp_runtime::DispatchResultWithInfo<frame_support::dispatch::PostDispatchInfo> {
	let (pre, proof) = sign(code, draw);
	ExpertDraw::contribute(RuntimeOrigin::signed(centre(code)), draw, pre, proof)
}

/// Completes `draw` with its first two designated cities.
fn complete(draw: DrawId) {
	let d = Draws::<Test>::get(draw).expect("draw");
	run_to(d.anchor + 1);
	for code in ExpertDraw::designated(draw, &d, System::block_number()).into_iter().take(2) {
		assert_ok!(contribute(&code, draw));
	}
	assert!(Draws::<Test>::get(draw).expect("draw").seed.is_some());
}

fn eligible(draw: DrawId, line: u32) -> Vec<EntryId> {
	EligibleSets::<Test>::get(draw, line).into_inner()
}

fn picks(draw: DrawId) -> Vec<EntryId> {
	Draws::<Test>::get(draw).expect("draw").picks.into_inner()
}

// --- The pool ---

#[test]
fn the_pool_is_kept_by_its_administrator_only() {
	new_test_ext().execute_with(|| {
		let p = pseudonym(&expert(0), &salt(0));
		assert_noop!(
			ExpertDraw::add_expert(
				RuntimeOrigin::signed(BAIYIN_CENTRE),
				p,
				vec![101],
				city(b"JQ"),
				employer(1),
				true
			),
			Error::<Test>::NotThePoolAdministrator
		);
		assert_noop!(
			ExpertDraw::add_expert(
				RuntimeOrigin::signed(POOL_ADMIN),
				p,
				vec![],
				city(b"JQ"),
				employer(1),
				true
			),
			Error::<Test>::BadSpecialities
		);
		assert_noop!(
			ExpertDraw::add_expert(
				RuntimeOrigin::signed(POOL_ADMIN),
				p,
				vec![1, 2, 3, 4, 5],
				city(b"JQ"),
				employer(1),
				true
			),
			Error::<Test>::BadSpecialities
		);
		assert_noop!(
			ExpertDraw::add_expert(
				RuntimeOrigin::signed(POOL_ADMIN),
				p,
				vec![101],
				city(b"XA"),
				employer(1),
				true
			),
			Error::<Test>::UnknownCity
		);
		let e = add(0, &[101, 101, 205], b"JQ", employer(1), true);
		assert_eq!(ExpertDraw::entry(e).expect("entry").specialities.into_inner(), vec![101, 205]);
		assert_noop!(
			ExpertDraw::add_expert(
				RuntimeOrigin::signed(POOL_ADMIN),
				p,
				vec![101],
				city(b"JQ"),
				employer(1),
				true
			),
			Error::<Test>::PseudonymTaken
		);
		assert_noop!(
			ExpertDraw::set_availability(RuntimeOrigin::signed(POOL_ADMIN), 7, false),
			Error::<Test>::UnknownEntry
		);
		assert_noop!(
			ExpertDraw::set_availability(RuntimeOrigin::signed(SUPERVISOR), e, false),
			Error::<Test>::NotThePoolAdministrator
		);
		assert_ok!(ExpertDraw::strike_expert(RuntimeOrigin::signed(POOL_ADMIN), e, H256::zero()));
		assert_noop!(
			ExpertDraw::set_availability(RuntimeOrigin::signed(POOL_ADMIN), e, true),
			Error::<Test>::EntryStruck
		);
	});
}

#[test]
fn the_administrator_is_neither_a_trading_centre_nor_a_supervisor() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			ExpertDraw::set_pool_administrator(RuntimeOrigin::signed(POOL_ADMIN), 8),
			DispatchError::BadOrigin
		);
		assert_noop!(
			ExpertDraw::set_pool_administrator(RuntimeOrigin::root(), BAIYIN_CENTRE),
			Error::<Test>::AdministratorConflict
		);
		assert_noop!(
			ExpertDraw::set_pool_administrator(RuntimeOrigin::root(), SUPERVISOR),
			Error::<Test>::AdministratorConflict
		);
		assert_ok!(ExpertDraw::set_pool_administrator(RuntimeOrigin::root(), 8));
		assert_eq!(PoolAdministrator::<Test>::get(), Some(8));
	});
}

// --- Requests ---

#[test]
fn a_draw_is_requested_by_the_host_after_the_deadline() {
	new_test_ext().execute_with(|| {
		for i in 0..12 {
			add(i, &[101], b"JQ", employer(1), true);
		}
		let t = tender_with_bids();
		assert_noop!(
			ExpertDraw::request_draw(
				RuntimeOrigin::signed(BAIYIN_CENTRE),
				t,
				Mode::Remote,
				vec![line(101, 5)]
			),
			Error::<Test>::BiddingNotClosed
		);
		past_deadline(t);
		assert_noop!(
			ExpertDraw::request_draw(
				RuntimeOrigin::signed(LANZHOU_CENTRE),
				t,
				Mode::Remote,
				vec![line(101, 5)]
			),
			Error::<Test>::NotTheHostTradingCentre
		);
		assert_noop!(
			ExpertDraw::request_draw(
				RuntimeOrigin::signed(TENDERER),
				t,
				Mode::Remote,
				vec![line(101, 5)]
			),
			Error::<Test>::NotATradingCentre
		);
		assert_noop!(
			ExpertDraw::request_draw(
				RuntimeOrigin::signed(BAIYIN_CENTRE),
				t + 1,
				Mode::Remote,
				vec![line(101, 5)]
			),
			Error::<Test>::UnknownTender
		);
		assert_noop!(
			ExpertDraw::request_draw(RuntimeOrigin::signed(BAIYIN_CENTRE), t, Mode::Remote, vec![]),
			Error::<Test>::EmptyRequest
		);
		assert_noop!(
			ExpertDraw::request_draw(
				RuntimeOrigin::signed(BAIYIN_CENTRE),
				t,
				Mode::Remote,
				vec![line(101, 0)]
			),
			Error::<Test>::EmptyRequest
		);
		assert_noop!(
			ExpertDraw::request_draw(
				RuntimeOrigin::signed(BAIYIN_CENTRE),
				t,
				Mode::Remote,
				vec![line(101, 1); 5]
			),
			Error::<Test>::TooManyLines
		);
		assert_noop!(
			ExpertDraw::request_draw(
				RuntimeOrigin::signed(BAIYIN_CENTRE),
				t,
				Mode::Remote,
				vec![line(101, 10)]
			),
			Error::<Test>::TooManyExperts
		);
		let draw = request(t, Mode::Remote, vec![line(101, 5)]);
		assert_eq!(eligible(draw, 0), (0..12).collect::<Vec<_>>());
		assert_noop!(
			ExpertDraw::request_draw(
				RuntimeOrigin::signed(BAIYIN_CENTRE),
				t,
				Mode::Remote,
				vec![line(101, 5)]
			),
			Error::<Test>::DrawPending
		);
		complete(draw);
		assert_noop!(
			ExpertDraw::request_draw(
				RuntimeOrigin::signed(BAIYIN_CENTRE),
				t,
				Mode::Remote,
				vec![line(101, 5)]
			),
			Error::<Test>::AlreadyDrawn
		);
	});
}

#[test]
fn a_suspended_failed_or_cancelled_tender_is_not_drawn_for() {
	new_test_ext().execute_with(|| {
		let t = four_experts_and_a_closed_tender();
		let try_draw = || {
			ExpertDraw::request_draw(
				RuntimeOrigin::signed(BAIYIN_CENTRE),
				t,
				Mode::Remote,
				vec![line(101, 2)],
			)
		};
		update_tender(t, |t| t.suspended = true);
		assert_noop!(try_draw(), Error::<Test>::TenderSuspended);
		update_tender(t, |t| t.suspended = false);
		for state in [
			TenderState::Failed,
			TenderState::Cancelled,
			TenderState::Publicity,
			TenderState::Awarded,
		] {
			update_tender(t, |t| t.state = state);
			assert_noop!(try_draw(), Error::<Test>::TenderNotDrawable);
		}
		// During evaluation a draw may still be requested.
		update_tender(t, |t| t.state = TenderState::Evaluating);
		assert_ok!(try_draw());
	});
}

#[test]
fn a_tender_has_at_most_max_seats_draws() {
	new_test_ext().execute_with(|| {
		let t = four_experts_and_a_closed_tender();
		// Each draw lapses (its anchor block's hash is never recorded) and is requested again.
		for _ in 0..16 {
			request(t, Mode::Remote, vec![line(101, 2)]);
			System::set_block_number(System::block_number() + 10);
		}
		assert_eq!(TenderDraws::<Test>::get(t).len(), 16);
		assert_noop!(
			ExpertDraw::request_draw(
				RuntimeOrigin::signed(BAIYIN_CENTRE),
				t,
				Mode::Remote,
				vec![line(101, 2)]
			),
			Error::<Test>::TooManyDraws
		);
	});
}

/// Every avoidance rule of a remote draw, each entry broken by exactly one of them.
#[test]
fn remote_avoidance_excludes_each_conflict() {
	new_test_ext().execute_with(|| {
		let host_city = add(0, &[101], b"BY", employer(1), true);
		let tenderer_city = add(1, &[101], b"LZ", employer(1), true);
		let tenderer_employee = add(2, &[101], b"JQ", tenderer_identity(), true);
		let bidder_employee = add(3, &[101], b"TS", bidder_identity(1), true);
		let local_only = add(4, &[101], b"JQ", employer(1), false);
		let unavailable = add(5, &[101], b"JQ", employer(1), true);
		let struck = add(6, &[101], b"TS", employer(1), true);
		let other_speciality = add(7, &[999], b"JQ", employer(1), true);
		let fine_jq = add(8, &[101, 205], b"JQ", employer(1), true);
		let fine_ts = add(9, &[101], b"TS", employer(2), true);
		assert_ok!(ExpertDraw::set_availability(
			RuntimeOrigin::signed(POOL_ADMIN),
			unavailable,
			false
		));
		assert_ok!(ExpertDraw::strike_expert(
			RuntimeOrigin::signed(POOL_ADMIN),
			struck,
			H256::zero()
		));
		let t = tender_with_bids();
		past_deadline(t);
		let draw = request(t, Mode::Remote, vec![line(101, 2)]);
		assert_eq!(eligible(draw, 0), vec![fine_jq, fine_ts]);
		for excluded in [
			host_city,
			tenderer_city,
			tenderer_employee,
			bidder_employee,
			local_only,
			unavailable,
			struck,
			other_speciality,
		] {
			assert!(!eligible(draw, 0).contains(&excluded), "entry {excluded} must be avoided");
		}
	});
}

#[test]
fn a_local_draw_takes_the_host_citys_experts_and_still_avoids_conflicts() {
	new_test_ext().execute_with(|| {
		let local = add(0, &[101], b"BY", employer(1), false);
		let local_remote_too = add(1, &[101], b"BY", employer(1), true);
		add(2, &[101], b"BY", bidder_identity(0), false);
		add(3, &[101], b"JQ", employer(1), true);
		let t = tender_with_bids();
		past_deadline(t);
		let draw = request(t, Mode::Local, vec![line(101, 2)]);
		assert_eq!(eligible(draw, 0), vec![local, local_remote_too]);
	});
}

#[test]
fn too_small_a_pool_is_refused_before_any_randomness() {
	new_test_ext().execute_with(|| {
		add(0, &[101, 205], b"JQ", employer(1), true);
		add(1, &[101, 205], b"TS", employer(1), true);
		add(2, &[205], b"TS", bidder_identity(2), true);
		let t = tender_with_bids();
		past_deadline(t);
		assert_noop!(
			ExpertDraw::request_draw(
				RuntimeOrigin::signed(BAIYIN_CENTRE),
				t,
				Mode::Remote,
				vec![line(101, 3)]
			),
			Error::<Test>::PoolTooSmall
		);
		// Two lines sharing the same two experts cannot yield three.
		assert_noop!(
			ExpertDraw::request_draw(
				RuntimeOrigin::signed(BAIYIN_CENTRE),
				t,
				Mode::Remote,
				vec![line(101, 2), line(205, 1)]
			),
			Error::<Test>::PoolTooSmall
		);
		assert_eq!(NextDrawId::<Test>::get(), 0);
		assert!(Draws::<Test>::get(0).is_none());
		assert_ok!(ExpertDraw::request_draw(
			RuntimeOrigin::signed(BAIYIN_CENTRE),
			t,
			Mode::Remote,
			vec![line(101, 2)]
		));
	});
}

// --- Randomness ---

#[test]
fn two_other_cities_complete_a_draw_and_no_single_party_can() {
	new_test_ext().execute_with(|| {
		for i in 0..20 {
			add(i, &[101, 205], if i % 2 == 0 { b"JQ" } else { b"TS" }, employer(1), true);
		}
		let t = tender_with_bids();
		past_deadline(t);
		let draw = request(t, Mode::Remote, vec![line(101, 3), line(205, 2)]);
		let d = Draws::<Test>::get(draw).expect("draw");
		// Draw 0 rotates from the first of the other cities: Jiuquan and Lanzhou are asked.
		assert_eq!(ExpertDraw::designated(draw, &d, d.anchor + 1), vec![city(b"JQ"), city(b"LZ")]);
		assert_noop!(contribute_unsigned_early(draw), Error::<Test>::AnchorNotYetProduced);
		run_to(d.anchor + 1);
		assert_noop!(contribute(b"BY", draw), Error::<Test>::RequesterCannotContribute);
		assert_noop!(contribute(b"TS", draw), Error::<Test>::NotADesignatedContributor);
		let (pre, proof) = sign(b"JQ", draw);
		assert_noop!(
			ExpertDraw::contribute(RuntimeOrigin::signed(TENDERER), draw, pre, proof),
			Error::<Test>::NotATradingCentre
		);
		assert_ok!(contribute(b"JQ", draw));
		assert_noop!(contribute(b"JQ", draw), Error::<Test>::AlreadyContributed);
		// One city alone draws nobody.
		assert!(Draws::<Test>::get(draw).expect("draw").seed.is_none());
		assert!(Committees::<Test>::get(t).is_empty());
		assert_ok!(contribute(b"LZ", draw));

		let d = Draws::<Test>::get(draw).expect("draw");
		let outputs: Vec<_> = d.contributions.iter().map(|c| (c.city.clone(), c.output)).collect();
		let input = ExpertDraw::input_of(draw, &d, d.anchor_hash.expect("recorded"));
		let seed = selection::seed(input, &outputs);
		assert_eq!(d.seed, Some(seed));
		let lines = vec![(line(101, 3), eligible(draw, 0)), (line(205, 2), eligible(draw, 1))];
		assert_eq!(d.picks.clone().into_inner(), selection::select(&seed, &lines));
		let seats = Committees::<Test>::get(t);
		assert_eq!(seats.len(), 5);
		assert_eq!(seats.iter().map(|s| s.entry).collect::<Vec<_>>(), d.picks.into_inner());
		assert_eq!(
			seats.iter().map(|s| s.speciality).collect::<Vec<_>>(),
			vec![101, 101, 101, 205, 205]
		);
		assert_noop!(contribute(b"TS", draw), Error::<Test>::DrawComplete);
		System::assert_has_event(
			Event::DrawCompleted { draw, tender: t, seed, picks: picks(draw) }.into(),
		);
	});
}

/// Four Jiuquan experts in the pool and a fresh tender past its bid deadline.
fn four_experts_and_a_closed_tender() -> TenderId {
	for i in 0..4 {
		add(i, &[101], b"JQ", employer(1), true);
	}
	let t = tender_with_bids();
	past_deadline(t);
	t
}

/// Four Jiuquan experts in the pool and a remote draw of two for a fresh tender.
fn remote_draw_from_four() -> (TenderId, DrawId) {
	let t = four_experts_and_a_closed_tender();
	(t, request(t, Mode::Remote, vec![line(101, 2)]))
}

fn contribute_unsigned_early(
	draw: DrawId,
) -> sp_runtime::DispatchResultWithInfo<frame_support::dispatch::PostDispatchInfo> {
	ExpertDraw::contribute(RuntimeOrigin::signed(centre(b"JQ")), draw, [0; 32], [0; 64])
}

#[test]
fn an_invalid_vrf_proof_is_refused() {
	new_test_ext().execute_with(|| {
		let (_, draw) = remote_draw_from_four();
		run_to(Draws::<Test>::get(draw).expect("draw").anchor + 1);
		// Signed with another city's key.
		let (pre, proof) = sign(b"TS", draw);
		assert_noop!(
			ExpertDraw::contribute(RuntimeOrigin::signed(centre(b"JQ")), draw, pre, proof),
			Error::<Test>::InvalidVrfProof
		);
		// Signed over another input.
		let (pre, proof) = sign_input(b"JQ", &H256::repeat_byte(1));
		assert_noop!(
			ExpertDraw::contribute(RuntimeOrigin::signed(centre(b"JQ")), draw, pre, proof),
			Error::<Test>::InvalidVrfProof
		);
		// A valid proof with a pre-output taken from another signature.
		let (pre, _) = sign_input(b"JQ", &H256::repeat_byte(2));
		let (_, proof) = sign(b"JQ", draw);
		assert_noop!(
			ExpertDraw::contribute(RuntimeOrigin::signed(centre(b"JQ")), draw, pre, proof),
			Error::<Test>::InvalidVrfProof
		);
		// Not even curve points.
		assert_noop!(
			ExpertDraw::contribute(
				RuntimeOrigin::signed(centre(b"JQ")),
				draw,
				[0xff; 32],
				[0xff; 64]
			),
			Error::<Test>::InvalidVrfProof
		);
		// A city without a draw key.
		DrawKeys::<Test>::remove(city(b"JQ"));
		assert_noop!(contribute(b"JQ", draw), Error::<Test>::NoDrawKey);
	});
}

#[test]
fn a_silent_city_is_joined_by_the_next_after_the_window() {
	new_test_ext().execute_with(|| {
		let (_, draw) = remote_draw_from_four();
		let anchor = Draws::<Test>::get(draw).expect("draw").anchor;
		run_to(anchor + 1);
		assert_ok!(contribute(b"JQ", draw));
		// Lanzhou stays silent; Tianshui may step in once the 5-block window has passed.
		run_to(anchor + 5);
		assert_noop!(contribute(b"TS", draw), Error::<Test>::NotADesignatedContributor);
		run_to(anchor + 6);
		assert_ok!(contribute(b"TS", draw));
		assert!(Draws::<Test>::get(draw).expect("draw").seed.is_some());
	});
}

#[test]
fn a_draw_whose_anchor_hash_is_gone_is_expired_and_requested_again() {
	new_test_ext().execute_with(|| {
		let (t, draw) = remote_draw_from_four();
		// Block 2's hash was never recorded (as after BlockHashCount blocks).
		System::set_block_number(10);
		assert_noop!(contribute_unsigned_early_from(b"JQ", draw), Error::<Test>::DrawExpired);
		// The host asks again; the new draw takes the lapsed one's place and completes.
		let again = request(t, Mode::Remote, vec![line(101, 2)]);
		assert_eq!(again, draw + 1);
		System::assert_has_event(Event::DrawLapsed { draw, tender: t }.into());
		assert_eq!(TenderPending::<Test>::get(t), Some(again));
		assert_eq!(TenderDraws::<Test>::get(t).into_inner(), vec![draw, again]);
		complete(again);
		assert_eq!(Committees::<Test>::get(t).len(), 2);
		assert!(Committees::<Test>::get(t).iter().all(|s| s.draw == again));
		assert_noop!(contribute_unsigned_early_from(b"JQ", draw), Error::<Test>::DrawExpired);
	});
}

#[test]
fn a_draw_not_complete_within_the_lapse_is_requested_again() {
	new_test_ext().execute_with(|| {
		let (t, draw) = remote_draw_from_four();
		let anchor = Draws::<Test>::get(draw).expect("draw").anchor;
		run_to(anchor + 1);
		assert_ok!(contribute(b"JQ", draw));
		// Nobody else answers. Until the lapse the draw stays pending.
		run_to(anchor + LAPSE);
		assert_noop!(
			ExpertDraw::request_draw(
				RuntimeOrigin::signed(BAIYIN_CENTRE),
				t,
				Mode::Remote,
				vec![line(101, 2)]
			),
			Error::<Test>::DrawPending
		);
		run_to(anchor + LAPSE + 1);
		assert_noop!(contribute(b"LZ", draw), Error::<Test>::DrawExpired);
		let again = request(t, Mode::Remote, vec![line(101, 2)]);
		System::assert_has_event(Event::DrawLapsed { draw, tender: t }.into());
		complete(again);
		assert!(Draws::<Test>::get(draw).expect("draw").seed.is_none());
	});
}

#[test]
fn a_lapsed_replacement_is_drawn_again_for_its_seat_first() {
	new_test_ext().execute_with(|| {
		for i in 0..6 {
			add(i, &[101], b"JQ", employer(1), true);
		}
		let t = tender_with_bids();
		past_deadline(t);
		let draw = request(t, Mode::Remote, vec![line(101, 2)]);
		complete(draw);
		assert_ok!(ExpertDraw::request_replacement(
			RuntimeOrigin::signed(BAIYIN_CENTRE),
			t,
			0,
			ReplacementReason::Absent
		));
		let lapsed = draw + 1;
		// No city answers before the lapse.
		run_to(System::block_number() + LAPSE + 2);
		assert_noop!(
			ExpertDraw::request_replacement(
				RuntimeOrigin::signed(BAIYIN_CENTRE),
				t,
				1,
				ReplacementReason::Declined
			),
			Error::<Test>::ExpiredReplacementFirst
		);
		assert_noop!(
			ExpertDraw::request_draw(
				RuntimeOrigin::signed(BAIYIN_CENTRE),
				t,
				Mode::Remote,
				vec![line(101, 1)]
			),
			Error::<Test>::AlreadyDrawn
		);
		assert_ok!(ExpertDraw::request_replacement(
			RuntimeOrigin::signed(BAIYIN_CENTRE),
			t,
			0,
			ReplacementReason::Absent
		));
		let again = lapsed + 1;
		System::assert_has_event(Event::DrawLapsed { draw: lapsed, tender: t }.into());
		assert_eq!(
			Draws::<Test>::get(again).expect("draw").replaces,
			Some((0, ReplacementReason::Absent))
		);
		complete(again);
		let seats = Committees::<Test>::get(t);
		assert_eq!(seats.len(), 3);
		assert_eq!(seats[0].state, SeatState::Replaced(ReplacementReason::Absent));
		assert_eq!(seats[2].draw, again);
		assert!(!picks(draw).contains(&seats[2].entry));
		// Filled now: the seat is not drawn a third time.
		assert_noop!(
			ExpertDraw::request_replacement(
				RuntimeOrigin::signed(BAIYIN_CENTRE),
				t,
				0,
				ReplacementReason::Absent
			),
			Error::<Test>::SeatReplaced
		);
	});
}

fn contribute_unsigned_early_from(
	code: &[u8],
	draw: DrawId,
) -> sp_runtime::DispatchResultWithInfo<frame_support::dispatch::PostDispatchInfo> {
	ExpertDraw::contribute(RuntimeOrigin::signed(centre(code)), draw, [0; 32], [0; 64])
}

// --- Seats ---

#[test]
fn drawn_experts_take_their_seats_when_evaluation_begins() {
	new_test_ext().execute_with(|| {
		for i in 0..6 {
			add(i, &[101], b"JQ", employer(1), true);
			certify(expert(i), &[Role::Expert], b"JQ", H256::repeat_byte(0x30 + i as u8));
		}
		let t = tender_with_bids();
		past_deadline(t);
		let draw = request(t, Mode::Remote, vec![line(101, 3)]);
		complete(draw);
		let p = picks(draw);
		let first = p[0];
		assert_noop!(
			ExpertDraw::take_seat(RuntimeOrigin::signed(expert(first)), t, 0, salt(first)),
			Error::<Test>::EvaluationNotStarted
		);
		open(t);
		assert_noop!(
			ExpertDraw::take_seat(RuntimeOrigin::signed(expert(first)), t, 0, salt(first + 1)),
			Error::<Test>::NotTheDrawnExpert
		);
		assert_noop!(
			ExpertDraw::take_seat(RuntimeOrigin::signed(expert(p[1])), t, 0, salt(p[1])),
			Error::<Test>::NotTheDrawnExpert
		);
		assert_noop!(
			ExpertDraw::take_seat(RuntimeOrigin::signed(expert(first)), t, 9, salt(first)),
			Error::<Test>::UnknownSeat
		);
		// The tendering pallet takes the evaluation report from seated members only.
		assert!(!<ExpertDraw as EvaluationCommittee<u64>>::is_seated(t, &expert(first)));
		assert_ok!(ExpertDraw::take_seat(RuntimeOrigin::signed(expert(first)), t, 0, salt(first)));
		assert!(<ExpertDraw as EvaluationCommittee<u64>>::is_seated(t, &expert(first)));
		assert!(!<ExpertDraw as EvaluationCommittee<u64>>::is_seated(t + 1, &expert(first)));
		assert_eq!(Committees::<Test>::get(t)[0].state, SeatState::Seated(expert(first)));
		assert_noop!(
			ExpertDraw::take_seat(RuntimeOrigin::signed(expert(first)), t, 0, salt(first)),
			Error::<Test>::SeatNotDrawn
		);
		// The second pick lost their certificate, the third is barred from evaluation.
		certify(expert(p[1]), &[Role::Bidder], b"JQ", H256::zero());
		assert_noop!(
			ExpertDraw::take_seat(RuntimeOrigin::signed(expert(p[1])), t, 1, salt(p[1])),
			pallet_certificates::Error::<Test>::RoleNotHeld
		);
		bar(expert(p[2]), Bar::Evaluation);
		assert_noop!(
			ExpertDraw::take_seat(RuntimeOrigin::signed(expert(p[2])), t, 2, salt(p[2])),
			pallet_certificates::Error::<Test>::Barred
		);
		assert!(!<ExpertDraw as EvaluationCommittee<u64>>::is_seated(t, &expert(p[1])));
	});
}

#[test]
fn a_replacement_follows_the_same_rules_and_excludes_earlier_picks() {
	new_test_ext().execute_with(|| {
		for i in 0..3 {
			add(i, &[101], b"JQ", employer(1), true);
		}
		add(3, &[101], b"JQ", bidder_identity(0), true);
		let t = tender_with_bids();
		past_deadline(t);
		let draw = request(t, Mode::Remote, vec![line(101, 2)]);
		assert_noop!(
			ExpertDraw::request_replacement(
				RuntimeOrigin::signed(BAIYIN_CENTRE),
				t,
				0,
				ReplacementReason::Declined
			),
			Error::<Test>::DrawPending
		);
		complete(draw);
		let first = picks(draw);
		assert_noop!(
			ExpertDraw::request_replacement(
				RuntimeOrigin::signed(LANZHOU_CENTRE),
				t,
				0,
				ReplacementReason::Declined
			),
			Error::<Test>::NotTheHostTradingCentre
		);
		assert_noop!(
			ExpertDraw::request_replacement(
				RuntimeOrigin::signed(BAIYIN_CENTRE),
				t,
				5,
				ReplacementReason::Declined
			),
			Error::<Test>::UnknownSeat
		);
		assert_ok!(ExpertDraw::request_replacement(
			RuntimeOrigin::signed(BAIYIN_CENTRE),
			t,
			0,
			ReplacementReason::Declined
		));
		let replacement = draw + 1;
		let remaining: Vec<EntryId> = (0..3).filter(|e| !first.contains(e)).collect();
		// Earlier picks and the bidder's employee stay out.
		assert_eq!(eligible(replacement, 0), remaining);
		assert_eq!(
			Committees::<Test>::get(t)[0].state,
			SeatState::Replaced(ReplacementReason::Declined)
		);
		assert_eq!(
			Draws::<Test>::get(replacement).expect("draw").replaces,
			Some((0, ReplacementReason::Declined))
		);
		System::assert_has_event(
			Event::ReplacementRequested {
				tender: t,
				seat: 0,
				reason: ReplacementReason::Declined,
				draw: replacement,
			}
			.into(),
		);
		complete(replacement);
		let seats = Committees::<Test>::get(t);
		assert_eq!(seats.len(), 3);
		assert_eq!(seats[2].entry, remaining[0]);
		assert_eq!(seats[2].draw, replacement);
		assert_noop!(
			ExpertDraw::request_replacement(
				RuntimeOrigin::signed(BAIYIN_CENTRE),
				t,
				0,
				ReplacementReason::Absent
			),
			Error::<Test>::SeatReplaced
		);
		// Nobody is left for a second replacement.
		assert_noop!(
			ExpertDraw::request_replacement(
				RuntimeOrigin::signed(BAIYIN_CENTRE),
				t,
				1,
				ReplacementReason::Absent
			),
			Error::<Test>::PoolTooSmall
		);
	});
}

#[test]
fn the_tenderers_recent_picks_are_avoided_for_the_configured_number_of_draws() {
	new_test_ext().execute_with(|| {
		for i in 0..12 {
			add(i, &[101], b"JQ", employer(1), true);
		}
		let mut history = Vec::new();
		for _ in 0..3 {
			let t = tender_with_bids();
			past_deadline(t);
			let draw = request(t, Mode::Remote, vec![line(101, 3)]);
			let avoided: Vec<EntryId> =
				history.iter().rev().take(2).flat_map(|p: &Vec<EntryId>| p.clone()).collect();
			for e in &avoided {
				assert!(
					!eligible(draw, 0).contains(e),
					"entry {e} served this tenderer within 2 draws"
				);
			}
			assert_eq!(eligible(draw, 0).len(), 12 - avoided.len());
			complete(draw);
			history.push(picks(draw));
		}
		// The first draw's experts are eligible again after two more draws.
		let t = tender_with_bids();
		past_deadline(t);
		let draw = request(t, Mode::Remote, vec![line(101, 3)]);
		for e in &history[0] {
			assert!(eligible(draw, 0).contains(e));
		}
	});
}

// --- Selection: property and uniformity ---

/// A deterministic pseudo-random number from `(tag, i)`.
fn rand(tag: u8, i: u32) -> u64 {
	let h = sp_io::hashing::blake2_256(&(tag, i).encode());
	u64::from_le_bytes(h[..8].try_into().expect("8 bytes"))
}

/// The avoidance rules written out again, independently of `selection::is_eligible`.
fn should_be_eligible(
	e: &PoolEntry,
	speciality: u16,
	mode: Mode,
	picked_before: &[EntryId],
	id: EntryId,
) -> bool {
	let employers =
		[tenderer_identity(), bidder_identity(0), bidder_identity(1), bidder_identity(2)];
	let city_ok = match mode {
		Mode::Local => e.city.as_slice() == b"BY",
		Mode::Remote => e.remote && e.city.as_slice() != b"BY" && e.city.as_slice() != b"LZ",
	};
	e.available
		&& !e.struck
		&& e.specialities.contains(&speciality)
		&& city_ok
		&& !employers.contains(&e.employer)
		&& !picked_before.contains(&id)
}

#[test]
fn an_ineligible_expert_is_never_picked() {
	new_test_ext().execute_with(|| {
		let codes: [&[u8]; 4] = [b"BY", b"JQ", b"LZ", b"TS"];
		let employers = [
			tenderer_identity(),
			bidder_identity(0),
			bidder_identity(1),
			employer(1),
			employer(2),
			employer(3),
		];
		for i in 0..300u32 {
			let specialities: Vec<u16> =
				[101u16, 205, 330].into_iter().filter(|s| rand(*s as u8, i) % 2 == 0).collect();
			let specialities = if specialities.is_empty() { vec![999] } else { specialities };
			let e = add(
				i,
				&specialities,
				codes[(rand(1, i) % 4) as usize],
				employers[(rand(2, i) % 6) as usize],
				rand(3, i) % 3 != 0,
			);
			if rand(4, i) % 7 == 0 {
				assert_ok!(ExpertDraw::set_availability(
					RuntimeOrigin::signed(POOL_ADMIN),
					e,
					false
				));
			}
			if rand(5, i) % 11 == 0 {
				assert_ok!(ExpertDraw::strike_expert(
					RuntimeOrigin::signed(POOL_ADMIN),
					e,
					H256::zero()
				));
			}
		}
		let lines = vec![line(101, 3), line(205, 3), line(330, 2)];
		for mode in [Mode::Remote, Mode::Local] {
			let t = tender_with_bids();
			past_deadline(t);
			let draw = request(t, mode, lines.clone());
			let mut stored = Vec::new();
			for (l, req) in lines.iter().enumerate() {
				let expected: Vec<EntryId> = (0..300)
					.filter(|id| {
						should_be_eligible(
							&ExpertDraw::entry(*id).expect("entry"),
							req.speciality,
							mode,
							&[],
							*id,
						)
					})
					.collect();
				assert_eq!(eligible(draw, l as u32), expected, "line {l} in {mode:?} mode");
				stored.push((*req, expected));
			}
			// Over many seeds, every pick is eligible for its line and no one is picked twice.
			for s in 0..2_000u32 {
				let seed = H256(sp_io::hashing::blake2_256(&s.to_le_bytes()));
				let picked = selection::select(&seed, &stored);
				assert_eq!(picked.len(), 8);
				let mut offset = 0;
				for (req, set) in &stored {
					for e in &picked[offset..offset + req.count as usize] {
						assert!(
							set.contains(e),
							"seed {s}: entry {e} is not eligible for {}",
							req.speciality
						);
					}
					offset += req.count as usize;
				}
				let mut unique = picked.clone();
				unique.sort();
				unique.dedup();
				assert_eq!(unique.len(), picked.len(), "seed {s} picked someone twice");
			}
			// And through the real VRF path once.
			complete(draw);
			for (seat, e) in Committees::<Test>::get(t).iter().zip(picks(draw)) {
				assert!(should_be_eligible(
					&ExpertDraw::entry(e).expect("entry"),
					seat.speciality,
					mode,
					&[],
					e
				));
			}
			// The local tender's own history must not leak into the next mode's check.
			RecentPicks::<Test>::remove(tenderer_identity());
		}
	});
}

/// The chi-square critical value for 19 degrees of freedom at significance 0.001.
const CHI2_19_0001: f64 = 43.820;
/// The chi-square critical value for 9 degrees of freedom at significance 0.001.
const CHI2_9_0001: f64 = 27.877;

fn chi_square(counts: &[u64], expected: f64) -> f64 {
	counts.iter().map(|c| (*c as f64 - expected).powi(2) / expected).sum()
}

#[test]
fn picks_are_uniform_over_the_eligible_set() {
	// One of 20, 20,000 seeds.
	let n = 20_000u32;
	let mut counts = vec![0u64; 20];
	for s in 0..n {
		let seed = H256(sp_io::hashing::blake2_256(&(b"uniform", s).encode()));
		let p = selection::pick(&seed, 0, (100..120).collect(), 1);
		counts[(p[0] - 100) as usize] += 1;
	}
	let chi2 = chi_square(&counts, n as f64 / 20.0);
	assert!(
		chi2 < CHI2_19_0001,
		"one of 20: chi-square {chi2:.2} ≥ {CHI2_19_0001}; counts {counts:?}"
	);

	// Three of 10: each position is uniform over the ten.
	let mut positions = vec![vec![0u64; 10]; 3];
	for s in 0..n {
		let seed = H256(sp_io::hashing::blake2_256(&(b"three", s).encode()));
		for (position, e) in selection::pick(&seed, 2, (0..10).collect(), 3).into_iter().enumerate()
		{
			positions[position][e as usize] += 1;
		}
	}
	for (position, counts) in positions.iter().enumerate() {
		let chi2 = chi_square(counts, n as f64 / 10.0);
		assert!(
			chi2 < CHI2_9_0001,
			"position {position}: chi-square {chi2:.2} ≥ {CHI2_9_0001}; counts {counts:?}"
		);
	}
}

/// Vectors shared with the client's own implementation (`client/src/draw.rs`).
#[test]
fn selection_matches_the_shared_vectors() {
	let seed = H256::repeat_byte(0x5e);
	let lines = vec![
		(line(101, 3), (0..40).collect::<Vec<_>>()),
		(line(205, 2), (10..20).collect::<Vec<_>>()),
	];
	assert_eq!(selection::select(&seed, &lines), SHARED_PICKS.to_vec());
	let input = selection::input_hash(
		H256::repeat_byte(1),
		7,
		3,
		Mode::Remote,
		&[line(101, 3)],
		H256::repeat_byte(2),
	);
	assert_eq!(hex(&input.0), SHARED_INPUT);
	let seed = selection::seed(input, &[(city(b"TS"), [2; 32]), (city(b"JQ"), [1; 32])]);
	assert_eq!(hex(&seed.0), SHARED_SEED);
	assert_eq!(hex(&pseudonym(&expert(0), &salt(0)).0), SHARED_PSEUDONYM);
}

fn hex(bytes: &[u8]) -> String {
	bytes.iter().map(|b| format!("{b:02x}")).collect()
}

const SHARED_PICKS: [EntryId; 5] = [18, 15, 1, 16, 11];
const SHARED_INPUT: &str = "2c303a6d9f183c636c08c4d4ad808ce4b750511311a6b6095160371df8f1c81a";
const SHARED_SEED: &str = "3329328c11e2947f7be73c1a5757b11004f1659508c065176f604b2beeebcb91";
const SHARED_PSEUDONYM: &str = "ec43c0ef859a67e8b5e2e78078ef682d3016f476af181e653345cfee32ce449a";

#[test]
fn the_benchmark_contributions_are_valid_for_the_benchmark_input() {
	use crate::bench_vectors::*;
	let input = selection::input_hash(
		H256(BENCH_GENESIS),
		0,
		0,
		Mode::Remote,
		&bench_lines(),
		H256(BENCH_ANCHOR),
	);
	for (key, pre, proof) in BENCH_CONTRIBUTIONS {
		assert!(verify_contribution(&key, &input, &pre, &proof).is_some());
	}
}

/// Signs fresh contributions for the benchmark draw with the keys `bench_vrf.in` names, checks
/// them, and prints them in that file's format: after a change of the benchmark draw, run with
/// `--nocapture` and paste the output into `bench_vrf.in`.
#[test]
fn fresh_benchmark_contributions_come_from_the_recorded_keys() {
	use crate::bench_vectors::*;
	use sp_core::{crypto::Pair as _, sr25519};
	let input = selection::input_hash(
		H256(BENCH_GENESIS),
		0,
		0,
		Mode::Remote,
		&bench_lines(),
		H256(BENCH_ANCHOR),
	);
	println!("[");
	for (i, (recorded_key, _, _)) in BENCH_CONTRIBUTIONS.iter().enumerate() {
		let pair = sr25519::Pair::from_string(&format!("//bench-draw-{i}"), None).expect("seed");
		assert_eq!(
			&pair.public().0,
			recorded_key,
			"bench_vrf.in entry {i} is not //bench-draw-{i}'s key"
		);
		let signature = pair.vrf_sign(&vrf_transcript(&input).into_sign_data());
		let pre = <[u8; 32]>::try_from(signature.pre_output.encode()).expect("32");
		let proof = <[u8; 64]>::try_from(signature.proof.encode()).expect("64");
		assert!(verify_contribution(&pair.public().0, &input, &pre, &proof).is_some());
		println!("\t({:?}, {:?}, {:?}),", pair.public().0, pre, proof);
	}
	println!("]");
}
