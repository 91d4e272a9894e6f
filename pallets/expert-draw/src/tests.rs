//! Unit tests of the expert-draw pallet: pool upkeep and its delay, every request-time
//! avoidance rule, the pool too small, VRF contributions (valid, invalid, from whom, with which
//! key, in which order), withheld contributions, completion, seats and what is checked when
//! they are taken (certificate, bars, employers, duplicates), declining, recusal, removal,
//! replacement and its bounds, recent picks, a property test over many seeds and a chi-square
//! test of uniformity. The attacks of issue 14 are the `attack_…` tests.

use crate::{identity, mock::*, selection, *};
use codec::Encode;
use frame_support::{assert_noop, assert_ok, BoundedVec};
use pallet_certificates::{Bar, Role};
use pallet_tendering::{EvaluationCommittee, TenderState};
use sp_core::{crypto::Pair as _, crypto::VrfSecret, sr25519, H256};
use sp_runtime::DispatchError;
use std::{cell::RefCell, collections::BTreeMap};

/// `v` as a bounded call argument (the tests keep within the bounds).
fn bv<X, S: frame_support::traits::Get<u32>>(v: Vec<X>) -> BoundedVec<X, S> {
	BoundedVec::truncate_from(v)
}

const SALT_BASE: u8 = 0x40;

/// The account of pool expert `i` (their entry is made with salt `[SALT_BASE + i; 32]`).
fn expert(i: u32) -> u64 {
	1000 + i as u64
}

fn salt(i: u32) -> [u8; 32] {
	[SALT_BASE.wrapping_add(i as u8); 32]
}

/// The salt of expert `i`'s employer commitment.
fn employer_salt(i: u32) -> [u8; 32] {
	[0x80u8.wrapping_add(i as u8); 32]
}

thread_local! {
	/// The employer identity hash each expert was entered with, by expert number.
	static EMPLOYERS: RefCell<BTreeMap<u32, H256>> = const { RefCell::new(BTreeMap::new()) };
}

/// The employer identity hash expert `i` was entered with.
fn employer_of(i: u32) -> H256 {
	EMPLOYERS.with(|m| m.borrow().get(&i).copied().expect("expert entered"))
}

/// Adds expert `i` to the pool, employed by the organisation with identity hash `employer`.
fn add(i: u32, specialities: &[u16], city_code: &[u8], employer: H256, remote: bool) -> EntryId {
	EMPLOYERS.with(|m| m.borrow_mut().insert(i, employer));
	assert_ok!(ExpertDraw::add_expert(
		RuntimeOrigin::signed(POOL_ADMIN),
		pseudonym(&expert(i), &salt(i)),
		bv(specialities.to_vec()),
		city(city_code),
		identity::employer_commitment(&employer, &employer_salt(i)),
		remote
	));
	PoolSize::<Test>::get() - 1
}

/// Adds `n` Jiuquan experts (numbers `0..n`, entries `0..n` in a fresh pool) of speciality 101,
/// each with a neutral employer and an expert certificate.
fn add_certified(n: u32) {
	for i in 0..n {
		add(i, &[101], b"JQ", employer(1), true);
		certify_expert(i);
	}
}

/// Gives expert `i` a valid expert certificate.
fn certify_expert(i: u32) {
	certify(expert(i), &[Role::Expert], b"JQ", H256::repeat_byte(0x30u8.wrapping_add(i as u8)));
}

/// A neutral employer.
fn employer(n: u8) -> H256 {
	H256::repeat_byte(n)
}

/// Tender published by the tenderer, hosted by Baiyin, bids committed by all three bidders.
fn tender_with_bids() -> TenderId {
	publish(TENDERER, b"BY", &BIDDERS)
}

/// Pool changes made so far take effect.
fn settle() {
	run_to(System::block_number() + POOL_CHANGE_DELAY);
}

/// Tender `t`'s bid deadline passes (and the pool changes made before take effect).
fn past_deadline(t: TenderId) {
	close_bidding(t);
	settle();
}

/// The bids are revealed and opened: evaluation begins.
fn open(t: TenderId) {
	begin_evaluation(t);
}

/// `who` asks for a remote draw of `lines` for tender `t`.
fn try_request_as(who: u64, t: TenderId, lines: Vec<Requirement>) -> sp_runtime::DispatchResult {
	ExpertDraw::request_draw(RuntimeOrigin::signed(who), t, Mode::Remote, bv(lines))
		.map(|_| ())
		.map_err(|e| e.error)
}

/// The host trading centre asks for a remote draw of `lines` for tender `t`.
fn try_request(t: TenderId, lines: Vec<Requirement>) -> sp_runtime::DispatchResult {
	try_request_as(BAIYIN_CENTRE, t, lines)
}

/// `who` adds a remote entry with pseudonym `p`, `specialities`, city `code` and employer
/// commitment `employer`.
fn try_add(
	who: u64,
	p: H256,
	specialities: Vec<u16>,
	code: &[u8],
	employer: H256,
) -> sp_runtime::DispatchResult {
	ExpertDraw::add_expert(
		RuntimeOrigin::signed(who),
		p,
		bv(specialities),
		city(code),
		employer,
		true,
	)
}

fn line(speciality: u16, count: u32) -> Requirement {
	Requirement { speciality, count }
}

fn request(t: TenderId, mode: Mode, lines: Vec<Requirement>) -> DrawId {
	let draw = NextDrawId::<Test>::get();
	assert_ok!(ExpertDraw::request_draw(RuntimeOrigin::signed(BAIYIN_CENTRE), t, mode, bv(lines)));
	draw
}

/// Advances to block `n`, recording each parent's hash as block import does and starting each
/// block (`on_initialize`).
fn run_to(n: u64) {
	use frame_support::traits::Hooks;
	while System::block_number() < n {
		let b = System::block_number();
		frame_system::BlockHash::<Test>::insert(b, H256(sp_io::hashing::blake2_256(&b.encode())));
		System::set_block_number(b + 1);
		ExpertDraw::on_initialize(b + 1);
	}
}

fn centre(code: &[u8]) -> u64 {
	CITIES.iter().find(|(c, _)| *c == code).expect("city").1
}

/// The VRF contribution of city `signer` over the input of `draw` (as its client computes it).
fn sign(signer: &[u8], draw: DrawId) -> ([u8; 32], [u8; 64]) {
	sign_with(&draw_pair(signer), draw)
}

/// The VRF contribution of the key `pair` over the input of `draw`.
fn sign_with(pair: &sr25519::Pair, draw: DrawId) -> ([u8; 32], [u8; 64]) {
	let d = Draws::<Test>::get(draw).expect("draw");
	let anchor = H256::from_slice(System::block_hash(d.anchor).as_ref());
	let input = ExpertDraw::input_of(draw, &d, anchor);
	sign_input_with(pair, &input)
}

fn sign_input(signer: &[u8], input: &H256) -> ([u8; 32], [u8; 64]) {
	sign_input_with(&draw_pair(signer), input)
}

fn sign_input_with(pair: &sr25519::Pair, input: &H256) -> ([u8; 32], [u8; 64]) {
	let signature = pair.vrf_sign(&vrf_transcript(input).into_sign_data());
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

/// The order in which the cities are asked to contribute to `draw` (its anchor produced).
fn order(draw: DrawId) -> Vec<CityCode> {
	let d = Draws::<Test>::get(draw).expect("draw");
	ExpertDraw::contributor_order(&d, ExpertDraw::anchor_hash(&d).expect("anchor produced"))
}

/// The cities asked to contribute to `draw` now.
fn designated_now(draw: DrawId) -> Vec<CityCode> {
	let d = Draws::<Test>::get(draw).expect("draw");
	let anchor = ExpertDraw::anchor_hash(&d).expect("anchor produced");
	ExpertDraw::designated(&d, anchor, System::block_number())
}

/// Completes `draw` with its first two designated cities.
fn complete(draw: DrawId) {
	let d = Draws::<Test>::get(draw).expect("draw");
	run_to(d.anchor + 1);
	for code in designated_now(draw).into_iter().take(2) {
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

/// Expert `i` takes seat `seat` of tender `t`, proving the entry and opening the employer
/// commitment they were entered with.
fn take_seat(
	i: u32,
	t: TenderId,
	seat: u32,
) -> sp_runtime::DispatchResultWithInfo<frame_support::dispatch::PostDispatchInfo> {
	ExpertDraw::take_seat(
		RuntimeOrigin::signed(expert(i)),
		t,
		seat,
		salt(i),
		employer_of(i),
		employer_salt(i),
	)
}

/// Expert `i` declines seat `seat` of tender `t`.
fn decline(i: u32, t: TenderId, seat: u32) -> sp_runtime::DispatchResult {
	ExpertDraw::decline_seat(RuntimeOrigin::signed(expert(i)), t, seat, salt(i))
}

fn seat_state(t: TenderId, seat: u32) -> SeatState<u64> {
	Committees::<Test>::get(t)[seat as usize].state.clone()
}

/// A tender past its deadline, its bids not yet opened, with a committee of `n` drawn remotely
/// (and complete) from the pool as it is; returns the tender and its picks (seat `i` holds the
/// `i`th pick).
fn drawn_before_evaluation(n: u32) -> (TenderId, Vec<EntryId>) {
	let t = tender_with_bids();
	past_deadline(t);
	let draw = request(t, Mode::Remote, vec![line(101, n)]);
	complete(draw);
	(t, picks(draw))
}

/// A tender in evaluation with a committee of `n` drawn as [`drawn_before_evaluation`] does.
fn drawn_committee(n: u32) -> (TenderId, Vec<EntryId>) {
	let (t, p) = drawn_before_evaluation(n);
	open(t);
	(t, p)
}

/// Records a drawn seat for `entry` on tender `t`, as if a draw of `t` had picked it (for the
/// tests that need a given entry drawn, which a fair draw does not promise).
fn seat_as_drawn(t: TenderId, entry: EntryId) -> u32 {
	let draw = *TenderDraws::<Test>::get(t).last().expect("a draw of the tender");
	Committees::<Test>::mutate(t, |seats| {
		seats
			.try_push(Seat { entry, speciality: 101, draw, state: SeatState::Drawn })
			.expect("room");
		seats.len() as u32 - 1
	})
}

fn host_replaces(t: TenderId, seat: u32) -> sp_runtime::DispatchResult {
	ExpertDraw::request_replacement(RuntimeOrigin::signed(BAIYIN_CENTRE), t, seat)
		.map(|_| ())
		.map_err(|e| e.error)
}

/// Completes the latest draw of tender `t`.
fn complete_latest(t: TenderId) {
	complete(*TenderDraws::<Test>::get(t).last().expect("a draw of the tender"));
}

/// The entry drawn for seat `seat` of tender `t` (entry `i` is expert `i`'s).
fn entry_of_seat(t: TenderId, seat: u32) -> EntryId {
	Committees::<Test>::get(t)[seat as usize].entry
}

/// The pool administrator enters expert `i` (Jiuquan, speciality 101) again, under the
/// account `account`'s pseudonym made with `fresh`, with the employer commitment `i` was
/// entered with; returns the new entry.
fn reenter_as(account: u64, i: u32, fresh: [u8; 32]) -> EntryId {
	assert_ok!(ExpertDraw::add_expert(
		RuntimeOrigin::signed(POOL_ADMIN),
		pseudonym(&account, &fresh),
		bv(vec![101]),
		city(b"JQ"),
		identity::employer_commitment(&employer_of(i), &employer_salt(i)),
		true
	));
	PoolSize::<Test>::get() - 1
}

/// The pool administrator re-enters expert `i` under a fresh pseudonym made with `fresh`;
/// returns the new entry.
fn reenter(i: u32, fresh: [u8; 32]) -> EntryId {
	reenter_as(expert(i), i, fresh)
}

/// `who` takes seat `seat` of tender `t`, proving an entry made with `salt` and opening expert
/// `i`'s employer commitment.
fn take_seat_as(
	who: u64,
	t: TenderId,
	seat: u32,
	salt: [u8; 32],
	i: u32,
) -> sp_runtime::DispatchResultWithInfo<frame_support::dispatch::PostDispatchInfo> {
	ExpertDraw::take_seat(
		RuntimeOrigin::signed(who),
		t,
		seat,
		salt,
		employer_of(i),
		employer_salt(i),
	)
}

/// Asserts that `who` was found ineligible for seat `seat` of tender `t`, for `reason`.
fn assert_ineligible(t: TenderId, seat: u32, who: u64, reason: Ineligibility) {
	System::assert_has_event(
		Event::ExpertIneligible { tender: t, seat, expert: who, reason }.into(),
	);
}

/// A supervisor removes the expert of seat `seat` of tender `t`.
fn supervisor_removes(t: TenderId, seat: u32) -> sp_runtime::DispatchResult {
	ExpertDraw::remove_expert(RuntimeOrigin::signed(SUPERVISOR), t, seat, H256::repeat_byte(6))
}

/// A supervisor orders seat `seat` of tender `t` filled again.
fn supervisor_orders(t: TenderId, seat: u32) -> sp_runtime::DispatchResult {
	ExpertDraw::order_replacement(RuntimeOrigin::signed(SUPERVISOR), t, seat, H256::repeat_byte(7))
		.map(|_| ())
		.map_err(|e| e.error)
}

/// The pool administrator re-enters expert `i` (Jiuquan, speciality 101, a neutral employer)
/// in the slot of the retired entry `entry`.
fn reuse(entry: EntryId, i: u32) -> sp_runtime::DispatchResult {
	EMPLOYERS.with(|m| m.borrow_mut().insert(i, employer(1)));
	ExpertDraw::reuse_entry(
		RuntimeOrigin::signed(POOL_ADMIN),
		entry,
		pseudonym(&expert(i), &salt(i)),
		bv(vec![101]),
		city(b"JQ"),
		identity::employer_commitment(&employer(1), &employer_salt(i)),
		true,
	)
}

// --- The pool ---

#[test]
fn the_pool_is_kept_by_its_administrator_only() {
	new_test_ext().execute_with(|| {
		let p = pseudonym(&expert(0), &salt(0));
		assert_noop!(
			try_add(BAIYIN_CENTRE, p, vec![101], b"JQ", employer(1)),
			Error::<Test>::NotThePoolAdministrator
		);
		assert_noop!(
			try_add(POOL_ADMIN, p, vec![], b"JQ", employer(1)),
			Error::<Test>::BadSpecialities
		);
		// Five specialities do not even decode: the argument is bounded.
		assert!(BoundedVec::<u16, MaxEntrySpecialities>::try_from(vec![1, 2, 3, 4, 5]).is_err());
		assert_noop!(
			try_add(POOL_ADMIN, p, vec![101], b"XA", employer(1)),
			Error::<Test>::UnknownCity
		);
		let e = add(0, &[101, 101, 205], b"JQ", employer(1), true);
		let record = ExpertDraw::entry(e).expect("entry");
		assert_eq!(record.specialities.into_inner(), vec![101, 205]);
		assert_eq!(record.active_from, 1 + POOL_CHANGE_DELAY);
		System::assert_last_event(
			Event::ExpertAdded { entry: e, pseudonym: p, active_from: 1 + POOL_CHANGE_DELAY }
				.into(),
		);
		assert_noop!(
			try_add(POOL_ADMIN, p, vec![101], b"JQ", employer(1)),
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

/// The administrator, knowing a draw is about to be requested, flips availability (a
/// favourite in, others out) and adds a new entry just before: none of it counts for that
/// draw; it all counts `PoolChangeDelay` blocks later.
#[test]
fn attack_availability_flip_before_draw_has_no_effect() {
	new_test_ext().execute_with(|| {
		for i in 0..10 {
			add(i, &[101], b"JQ", employer(1), true);
		}
		let favourite = 9;
		assert_ok!(ExpertDraw::set_availability(
			RuntimeOrigin::signed(POOL_ADMIN),
			favourite,
			false
		));
		let t = tender_with_bids();
		past_deadline(t);
		// The day of the draw: the favourite back in, two others out, one more added.
		assert_ok!(ExpertDraw::set_availability(
			RuntimeOrigin::signed(POOL_ADMIN),
			favourite,
			true
		));
		for e in [0, 1] {
			assert_ok!(ExpertDraw::set_availability(RuntimeOrigin::signed(POOL_ADMIN), e, false));
		}
		System::assert_last_event(
			Event::AvailabilitySet {
				entry: 1,
				available: false,
				from: System::block_number() + POOL_CHANGE_DELAY,
			}
			.into(),
		);
		let newcomer = add(10, &[101], b"JQ", employer(1), true);
		let draw = request(t, Mode::Remote, vec![line(101, 2)]);
		assert_eq!(eligible(draw, 0), (0..9).collect::<Vec<_>>());
		// Once the delay has passed, the changes count.
		let later = publish(TENDERER, b"BY", &BIDDERS);
		past_deadline(later);
		let draw = request(later, Mode::Remote, vec![line(101, 2)]);
		assert_eq!(eligible(draw, 0), vec![2, 3, 4, 5, 6, 7, 8, favourite, newcomer]);
	});
}

/// The administrator, knowing a draw is about to be requested, strikes entries to shape the
/// pool (meaning to re-add them under fresh pseudonyms): the strike counts only for draws
/// requested `PoolChangeDelay` blocks later.
#[test]
fn attack_strike_before_draw_has_no_effect() {
	new_test_ext().execute_with(|| {
		for i in 0..10 {
			add(i, &[101], b"JQ", employer(1), true);
		}
		let t = tender_with_bids();
		past_deadline(t);
		// The day of the draw: two entries struck.
		for e in [0, 1] {
			assert_ok!(ExpertDraw::strike_expert(
				RuntimeOrigin::signed(POOL_ADMIN),
				e,
				H256::zero()
			));
		}
		let draw = request(t, Mode::Remote, vec![line(101, 2)]);
		assert_eq!(eligible(draw, 0), (0..10).collect::<Vec<_>>());
		// Once the delay has passed, the strikes count.
		let later = publish(TENDERER, b"BY", &BIDDERS);
		past_deadline(later);
		let draw = request(later, Mode::Remote, vec![line(101, 2)]);
		assert_eq!(eligible(draw, 0), (2..10).collect::<Vec<_>>());
	});
}

// --- Requests ---

#[test]
fn attack_committee_of_one_decides_alone_is_refused() {
	new_test_ext().execute_with(|| {
		// The production rule (招标投标法 §37: five or more, odd), with a minimum of 3 here.
		MinCommittee::set(&3);
		OddCommittee::set(&true);
		for i in 0..12 {
			add(i, &[101], b"JQ", employer(1), true);
		}
		let t = tender_with_bids();
		past_deadline(t);
		let ask = |lines: Vec<Requirement>| {
			ExpertDraw::request_draw(
				RuntimeOrigin::signed(BAIYIN_CENTRE),
				t,
				Mode::Remote,
				bv(lines),
			)
		};
		// A committee of one would decide alone; of two, a tie.
		assert_noop!(ask(vec![line(101, 1)]), Error::<Test>::CommitteeTooSmall);
		assert_noop!(ask(vec![line(101, 2)]), Error::<Test>::CommitteeTooSmall);
		assert_noop!(ask(vec![line(101, 4)]), Error::<Test>::CommitteeSizeEven);
		assert_noop!(ask(vec![line(101, 2), line(101, 2)]), Error::<Test>::CommitteeSizeEven);
		assert_ok!(ask(vec![line(101, 3)]));
	});
}

#[test]
fn a_draw_is_requested_by_the_host_after_the_deadline() {
	new_test_ext().execute_with(|| {
		for i in 0..12 {
			add(i, &[101], b"JQ", employer(1), true);
		}
		let t = tender_with_bids();
		assert_noop!(try_request(t, vec![line(101, 4)]), Error::<Test>::BiddingNotClosed);
		past_deadline(t);
		assert_noop!(
			try_request_as(LANZHOU_CENTRE, t, vec![line(101, 4)]),
			Error::<Test>::NotTheHostTradingCentre
		);
		assert_noop!(
			try_request_as(TENDERER, t, vec![line(101, 4)]),
			Error::<Test>::NotATradingCentre
		);
		assert_noop!(try_request(t + 1, vec![line(101, 4)]), Error::<Test>::UnknownTender);
		assert_noop!(try_request(t, vec![]), Error::<Test>::EmptyRequest);
		assert_noop!(try_request(t, vec![line(101, 0)]), Error::<Test>::EmptyRequest);
		// Five lines do not even decode: the argument is bounded.
		assert!(
			BoundedVec::<Requirement, MaxRequirements>::try_from(vec![line(101, 1); 5]).is_err()
		);
		assert_noop!(try_request(t, vec![line(101, 10)]), Error::<Test>::TooManyExperts);
		let draw = request(t, Mode::Remote, vec![line(101, 4)]);
		assert_eq!(eligible(draw, 0), (0..12).collect::<Vec<_>>());
		// The other cities' draw keys, as they are now, are recorded with the draw.
		let keys: Vec<(CityCode, [u8; 32])> = [b"JQ", b"LZ", b"TS"]
			.iter()
			.map(|code| (city(*code), draw_pair(*code).public().0))
			.collect();
		assert_eq!(Draws::<Test>::get(draw).expect("draw").keys.into_inner(), keys);
		assert_noop!(try_request(t, vec![line(101, 4)]), Error::<Test>::DrawPending);
		complete(draw);
		assert_noop!(try_request(t, vec![line(101, 4)]), Error::<Test>::AlreadyDrawn);
	});
}

#[test]
fn a_draw_needs_enough_cities_with_draw_keys() {
	new_test_ext().execute_with(|| {
		let t = six_experts_and_a_closed_tender();
		DrawKeys::<Test>::remove(city(b"JQ"));
		DrawKeys::<Test>::remove(city(b"TS"));
		assert_noop!(try_request(t, vec![line(101, 2)]), Error::<Test>::TooFewContributors);
		// Two cities are one too few: the anchor block's author may be one of them.
		assert_ok!(ExpertDraw::set_draw_key(
			RuntimeOrigin::signed(centre(b"TS")),
			draw_pair(b"TS").public().0
		));
		assert_noop!(try_request(t, vec![line(101, 2)]), Error::<Test>::TooFewContributors);
		assert_ok!(ExpertDraw::set_draw_key(
			RuntimeOrigin::signed(centre(b"JQ")),
			draw_pair(b"JQ").public().0
		));
		let draw = request(t, Mode::Remote, vec![line(101, 2)]);
		run_to(Draws::<Test>::get(draw).expect("draw").anchor + 1);
		assert_eq!(order(draw).len(), 3);
		complete(draw);
	});
}

#[test]
fn a_suspended_failed_or_cancelled_tender_is_not_drawn_for() {
	new_test_ext().execute_with(|| {
		let t = six_experts_and_a_closed_tender();
		let try_draw = || {
			ExpertDraw::request_draw(
				RuntimeOrigin::signed(BAIYIN_CENTRE),
				t,
				Mode::Remote,
				bv(vec![line(101, 2)]),
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
		let t = six_experts_and_a_closed_tender();
		// Each draw lapses (its anchor block's hash is never recorded) and is requested again.
		for _ in 0..16 {
			request(t, Mode::Remote, vec![line(101, 2)]);
			System::set_block_number(System::block_number() + 10);
		}
		assert_eq!(TenderDraws::<Test>::get(t).len(), 16);
		assert_noop!(try_request(t, vec![line(101, 2)]), Error::<Test>::TooManyDraws);
	});
}

/// Every request-time rule of a remote draw, each entry broken by exactly one of them.
/// Employers are not among them: the pool holds only commitments, opened at seating.
#[test]
fn remote_avoidance_excludes_each_conflict() {
	new_test_ext().execute_with(|| {
		let host_city = add(0, &[101], b"BY", employer(1), true);
		let tenderer_city = add(1, &[101], b"LZ", employer(1), true);
		let local_only = add(2, &[101], b"JQ", employer(1), false);
		let unavailable = add(3, &[101], b"JQ", employer(1), true);
		let struck = add(4, &[101], b"TS", employer(1), true);
		let other_speciality = add(5, &[999], b"JQ", employer(1), true);
		let exposed = add(6, &[101], b"TS", employer(1), true);
		let fine: Vec<EntryId> = (7..12)
			.map(|i| add(i, &[101, 205], if i % 2 == 0 { b"JQ" } else { b"TS" }, employer(2), true))
			.collect();
		// Employed by the tenderer and by a bidder: not known at the request.
		let tenderer_employee = add(12, &[101], b"JQ", tenderer_identity(), true);
		let bidder_employee = add(13, &[101], b"TS", bidder_identity(1), true);
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
		PoolPages::<Test>::mutate(0, |page| page[exposed as usize].exposed = true);
		let t = tender_with_bids();
		past_deadline(t);
		let not_yet = add(14, &[101], b"JQ", employer(2), true);
		let draw = request(t, Mode::Remote, vec![line(101, 2)]);
		let mut expected = fine.clone();
		expected.extend([tenderer_employee, bidder_employee]);
		assert_eq!(eligible(draw, 0), expected);
		for excluded in [
			host_city,
			tenderer_city,
			local_only,
			unavailable,
			struck,
			other_speciality,
			exposed,
			not_yet,
		] {
			assert!(!eligible(draw, 0).contains(&excluded), "entry {excluded} must be avoided");
		}
	});
}

#[test]
fn a_local_draw_takes_the_host_citys_experts() {
	new_test_ext().execute_with(|| {
		let local = add(0, &[101], b"BY", employer(1), false);
		let local_remote_too = add(1, &[101], b"BY", employer(1), true);
		let bidder_employee = add(2, &[101], b"BY", bidder_identity(0), false);
		add(3, &[101], b"JQ", employer(1), true);
		let t = tender_with_bids();
		past_deadline(t);
		let draw = request(t, Mode::Local, vec![line(101, 1)]);
		assert_eq!(eligible(draw, 0), vec![local, local_remote_too, bidder_employee]);
	});
}

#[test]
fn too_small_a_pool_is_refused_before_any_randomness() {
	new_test_ext().execute_with(|| {
		for i in 0..6 {
			add(i, &[101], b"JQ", employer(1), true);
		}
		for i in 6..9 {
			add(i, &[101, 205], b"TS", employer(1), true);
		}
		let t = tender_with_bids();
		past_deadline(t);
		// Four experts need twelve to choose from: nine are too few.
		assert_noop!(try_request(t, vec![line(101, 4)]), Error::<Test>::PoolTooSmall);
		// Three times one is not enough when the first line may take all three of the second
		// line's experts: the second needs 1 + 3.
		assert_noop!(try_request(t, vec![line(101, 3), line(205, 1)]), Error::<Test>::PoolTooSmall);
		assert_eq!(
			selection::shortfall(
				&[(line(101, 3), (0..9).collect()), (line(205, 1), vec![6, 7, 8])],
				MIN_POOL_MULTIPLE
			),
			Some((1, 3, 4))
		);
		assert_eq!(NextDrawId::<Test>::get(), 0);
		assert!(Draws::<Test>::get(0).is_none());
		assert_ok!(ExpertDraw::request_draw(
			RuntimeOrigin::signed(BAIYIN_CENTRE),
			t,
			Mode::Remote,
			bv(vec![line(101, 3)])
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
		assert_noop!(contribute_unsigned_early(b"JQ", draw), Error::<Test>::AnchorNotYetProduced);
		run_to(d.anchor + 1);
		let order = order(draw);
		let (first, second, third) = (order[0].clone(), order[1].clone(), order[2].clone());
		assert_eq!(designated_now(draw), vec![first.clone(), second.clone()]);
		assert_noop!(contribute(b"BY", draw), Error::<Test>::RequesterCannotContribute);
		assert_noop!(contribute(&third, draw), Error::<Test>::NotADesignatedContributor);
		let (pre, proof) = sign(&first, draw);
		assert_noop!(
			ExpertDraw::contribute(RuntimeOrigin::signed(TENDERER), draw, pre, proof),
			Error::<Test>::NotATradingCentre
		);
		assert_ok!(contribute(&first, draw));
		assert_noop!(contribute(&first, draw), Error::<Test>::AlreadyContributed);
		// One city alone draws nobody.
		assert!(Draws::<Test>::get(draw).expect("draw").seed.is_none());
		assert!(Committees::<Test>::get(t).is_empty());
		assert_ok!(contribute(&second, draw));

		let d = Draws::<Test>::get(draw).expect("draw");
		let outputs: Vec<_> = d.contributions.iter().map(|c| (c.city.clone(), c.output)).collect();
		let input = ExpertDraw::input_of(draw, &d, d.anchor_hash.expect("recorded"));
		let seed = selection::seed(input, &outputs);
		assert_eq!(d.seed, Some(seed));
		assert_eq!(d.completed_at, Some(System::block_number()));
		let lines = vec![(line(101, 3), eligible(draw, 0)), (line(205, 2), eligible(draw, 1))];
		assert_eq!(d.picks.clone().into_inner(), selection::select(&seed, &lines));
		let seats = Committees::<Test>::get(t);
		assert_eq!(seats.len(), 5);
		assert_eq!(seats.iter().map(|s| s.entry).collect::<Vec<_>>(), d.picks.into_inner());
		assert_eq!(
			seats.iter().map(|s| s.speciality).collect::<Vec<_>>(),
			vec![101, 101, 101, 205, 205]
		);
		assert_noop!(contribute(&third, draw), Error::<Test>::DrawComplete);
		System::assert_has_event(
			Event::DrawCompleted { draw, tender: t, seed, picks: picks(draw), skipped: vec![] }
				.into(),
		);
		// Both designated cities answered in their window: nobody withheld.
		for (code, _) in CITIES {
			assert_eq!(WithheldContributions::<Test>::get(city(code)), 0);
		}
	});
}

/// Under a rotation by draw number, the host, who sees the next draw number, could time its
/// request for the cities it wants. The order comes from the anchor block's hash instead,
/// unknown when the request is sent: it follows [`selection::contributor_order`], and draws
/// of the same numbers get other cities when their anchors differ.
#[test]
fn attack_designated_cities_chosen_by_timing_is_refused() {
	new_test_ext().execute_with(|| {
		// Twenty experts: enough for six draws of two whose drawn seats all wait.
		for i in 0..20 {
			add(i, &[101], b"JQ", employer(1), true);
		}
		let others = [city(b"JQ"), city(b"LZ"), city(b"TS")];
		let mut pairs = std::collections::BTreeSet::new();
		for _ in 0..6 {
			let t = tender_with_bids();
			past_deadline(t);
			let draw = request(t, Mode::Remote, vec![line(101, 2)]);
			let d = Draws::<Test>::get(draw).expect("draw");
			run_to(d.anchor + 1);
			let anchor = H256::from_slice(System::block_hash(d.anchor).as_ref());
			let expected = selection::contributor_order(anchor, &others);
			assert_eq!(designated_now(draw), expected[..2].to_vec(), "draw {draw}");
			assert_noop!(contribute(&expected[2], draw), Error::<Test>::NotADesignatedContributor);
			// The same draw record under other anchors: the order moves with the hash.
			for a in 0u8..8 {
				pairs.insert(ExpertDraw::designated(&d, H256::repeat_byte(a), d.anchor + 1));
			}
			complete(draw);
		}
		assert!(pairs.len() > 1, "the anchor hash must choose the contributors");
	});
}

/// The validator of Lanzhou authors the anchor block of a draw and re-signs its seal until the
/// anchor hash puts Lanzhou and its accomplice Jiuquan (whose draw key it holds) first in the
/// contributor order: the two would then choose the committee. The anchor block records its
/// author, and that city is not asked to contribute to the draw at all.
#[test]
fn attack_anchor_author_grinds_the_committee_is_refused() {
	new_test_ext().execute_with(|| {
		let t = six_experts_and_a_closed_tender();
		let draw = request(t, Mode::Remote, vec![line(101, 2)]);
		let anchor = Draws::<Test>::get(draw).expect("draw").anchor;
		// Lanzhou authors the anchor block and grinds its hash.
		BlockAuthorCity::set(&Some(city(b"LZ")));
		run_to(anchor + 1);
		BlockAuthorCity::set(&None);
		let all = [city(b"JQ"), city(b"LZ"), city(b"TS")];
		let ground = (1u8..=255)
			.map(H256::repeat_byte)
			.find(|h| {
				let order = selection::contributor_order(*h, &all);
				order[..2].contains(&city(b"LZ")) && order[..2].contains(&city(b"JQ"))
			})
			.expect("some hash puts the pair first");
		frame_system::BlockHash::<Test>::insert(anchor, ground);
		let d = Draws::<Test>::get(draw).expect("draw");
		assert_eq!(d.anchor_author, Some(city(b"LZ")));
		// The author is in no window's designation: the accomplice cannot complete with it.
		assert_eq!(order(draw), selection::contributor_order(ground, &[city(b"JQ"), city(b"TS")]));
		assert_noop!(contribute(b"LZ", draw), Error::<Test>::AnchorAuthorCannotContribute);
		run_to(anchor + 1 + 5 * 4);
		assert_noop!(contribute(b"LZ", draw), Error::<Test>::AnchorAuthorCannotContribute);
		assert!(!designated_now(draw).contains(&city(b"LZ")));
		// The draw completes through the two other cities.
		assert_ok!(contribute(b"JQ", draw));
		assert_ok!(contribute(b"TS", draw));
		assert!(Draws::<Test>::get(draw).expect("draw").seed.is_some());
	});
}

/// Six Jiuquan experts in the pool and a fresh tender past its bid deadline.
fn six_experts_and_a_closed_tender() -> TenderId {
	for i in 0..6 {
		add(i, &[101], b"JQ", employer(1), true);
	}
	let t = tender_with_bids();
	past_deadline(t);
	t
}

/// Six Jiuquan experts in the pool and a remote draw of two for a fresh tender.
fn remote_draw_from_six() -> (TenderId, DrawId) {
	let t = six_experts_and_a_closed_tender();
	(t, request(t, Mode::Remote, vec![line(101, 2)]))
}

fn contribute_unsigned_early(
	code: &[u8],
	draw: DrawId,
) -> sp_runtime::DispatchResultWithInfo<frame_support::dispatch::PostDispatchInfo> {
	ExpertDraw::contribute(RuntimeOrigin::signed(centre(code)), draw, [0; 32], [0; 64])
}

#[test]
fn an_invalid_vrf_proof_is_refused() {
	new_test_ext().execute_with(|| {
		let (_, draw) = remote_draw_from_six();
		run_to(Draws::<Test>::get(draw).expect("draw").anchor + 1);
		let order = order(draw);
		let (me, other) = (order[0].clone(), order[1].clone());
		// Signed with another city's key.
		let (pre, proof) = sign(&other, draw);
		assert_noop!(
			ExpertDraw::contribute(RuntimeOrigin::signed(centre(&me)), draw, pre, proof),
			Error::<Test>::InvalidVrfProof
		);
		// Signed over another input.
		let (pre, proof) = sign_input(&me, &H256::repeat_byte(1));
		assert_noop!(
			ExpertDraw::contribute(RuntimeOrigin::signed(centre(&me)), draw, pre, proof),
			Error::<Test>::InvalidVrfProof
		);
		// A valid proof with a pre-output taken from another signature.
		let (pre, _) = sign_input(&me, &H256::repeat_byte(2));
		let (_, proof) = sign(&me, draw);
		assert_noop!(
			ExpertDraw::contribute(RuntimeOrigin::signed(centre(&me)), draw, pre, proof),
			Error::<Test>::InvalidVrfProof
		);
		// Not even curve points.
		assert_noop!(
			ExpertDraw::contribute(
				RuntimeOrigin::signed(centre(&me)),
				draw,
				[0xff; 32],
				[0xff; 64]
			),
			Error::<Test>::InvalidVrfProof
		);
	});
}

/// Once the first contribution is public, the second city grinds keys offline until one
/// seats the expert it wants, registers it and contributes with it in the same block. The
/// draw counts only the key the city had at the request: the ground key's contribution is
/// refused, and the city can still contribute with its recorded key.
#[test]
fn attack_draw_key_swap_after_request_is_refused() {
	new_test_ext().execute_with(|| {
		let (t, draw) = remote_draw_from_six();
		run_to(Draws::<Test>::get(draw).expect("draw").anchor + 1);
		let order = order(draw);
		let (first, second) = (order[0].clone(), order[1].clone());
		assert_ok!(contribute(&first, draw));
		let ground = sr25519::Pair::from_string("//ground-key-15", None).expect("seed");
		assert_ok!(ExpertDraw::set_draw_key(
			RuntimeOrigin::signed(centre(&second)),
			ground.public().0
		));
		let (pre, proof) = sign_with(&ground, draw);
		assert_noop!(
			ExpertDraw::contribute(RuntimeOrigin::signed(centre(&second)), draw, pre, proof),
			Error::<Test>::InvalidVrfProof
		);
		assert!(Draws::<Test>::get(draw).expect("draw").seed.is_none());
		// The key recorded at the request still counts.
		assert_ok!(contribute(&second, draw));
		let d = Draws::<Test>::get(draw).expect("draw");
		assert_eq!(d.contributions[1].key, draw_pair(&second).public().0);
		assert!(d.seed.is_some());
		// The new key counts for draws requested from now on (two more experts, as the first
		// draw's picks are avoided in the tenderer's next).
		assert_eq!(Committees::<Test>::get(t).len(), 2);
		add(6, &[101], b"JQ", employer(1), true);
		add(7, &[101], b"JQ", employer(1), true);
		let later = tender_with_bids();
		past_deadline(later);
		let next = request(later, Mode::Remote, vec![line(101, 2)]);
		let keys = Draws::<Test>::get(next).expect("draw").keys;
		assert!(keys.contains(&(second.clone(), ground.public().0)));
	});
}

/// A designated city that lets its window pass is joined by the next city in the order; when
/// the draw completes without it, its silence is recorded and counted.
#[test]
fn a_silent_city_is_joined_by_the_next_and_recorded_as_withholding() {
	new_test_ext().execute_with(|| {
		let (_, draw) = remote_draw_from_six();
		let anchor = Draws::<Test>::get(draw).expect("draw").anchor;
		run_to(anchor + 1);
		let order = order(draw);
		let (first, silent, next) = (order[0].clone(), order[1].clone(), order[2].clone());
		assert_ok!(contribute(&first, draw));
		// The second city stays silent; the third may step in once the 5-block window has
		// passed.
		run_to(anchor + 5);
		assert_noop!(contribute(&next, draw), Error::<Test>::NotADesignatedContributor);
		run_to(anchor + 6);
		assert_ok!(contribute(&next, draw));
		assert!(Draws::<Test>::get(draw).expect("draw").seed.is_some());
		System::assert_has_event(Event::ContributionWithheld { draw, city: silent.clone() }.into());
		assert_eq!(WithheldContributions::<Test>::get(&silent), 1);
		assert_eq!(WithheldContributions::<Test>::get(&first), 0);
		assert_eq!(WithheldContributions::<Test>::get(&next), 0);
	});
}

/// A designated city that contributes after its own window passed (the next city was already
/// asked) is recorded as late.
#[test]
fn a_late_contribution_is_recorded() {
	new_test_ext().execute_with(|| {
		let (_, draw) = remote_draw_from_six();
		let anchor = Draws::<Test>::get(draw).expect("draw").anchor;
		run_to(anchor + 1);
		let order = order(draw);
		let (first, late) = (order[0].clone(), order[1].clone());
		assert_ok!(contribute(&first, draw));
		// Within its window: not late. Past it: late.
		run_to(anchor + 6);
		assert_ok!(contribute(&late, draw));
		assert!(Draws::<Test>::get(draw).expect("draw").seed.is_some());
		System::assert_has_event(Event::LateContribution { draw, city: late.clone() }.into());
		assert_eq!(LateContributions::<Test>::get(&late), 1);
		assert_eq!(LateContributions::<Test>::get(&first), 0);
		assert_eq!(WithheldContributions::<Test>::get(&late), 0);
	});
}

#[test]
fn a_draw_whose_anchor_hash_is_gone_is_expired_and_requested_again() {
	new_test_ext().execute_with(|| {
		let (t, draw) = remote_draw_from_six();
		// The anchor block's hash was never recorded (as after BlockHashCount blocks).
		System::set_block_number(System::block_number() + 10);
		assert_noop!(contribute_unsigned_early(b"JQ", draw), Error::<Test>::DrawExpired);
		// The host asks again; the new draw takes the lapsed one's place and completes.
		let again = request(t, Mode::Remote, vec![line(101, 2)]);
		assert_eq!(again, draw + 1);
		System::assert_has_event(Event::DrawLapsed { draw, tender: t }.into());
		assert_eq!(TenderPending::<Test>::get(t), Some(again));
		assert_eq!(TenderDraws::<Test>::get(t).into_inner(), vec![draw, again]);
		complete(again);
		assert_eq!(Committees::<Test>::get(t).len(), 2);
		assert!(Committees::<Test>::get(t).iter().all(|s| s.draw == again));
		assert_noop!(contribute_unsigned_early(b"JQ", draw), Error::<Test>::DrawExpired);
	});
}

#[test]
fn a_draw_not_complete_within_the_lapse_is_requested_again() {
	new_test_ext().execute_with(|| {
		let (t, draw) = remote_draw_from_six();
		let anchor = Draws::<Test>::get(draw).expect("draw").anchor;
		run_to(anchor + 1);
		let order = order(draw);
		assert_ok!(contribute(&order[0], draw));
		// Nobody else answers. Until the lapse the draw stays pending.
		run_to(anchor + LAPSE);
		assert_noop!(try_request(t, vec![line(101, 2)]), Error::<Test>::DrawPending);
		run_to(anchor + LAPSE + 1);
		assert_noop!(contribute(&order[1], draw), Error::<Test>::DrawExpired);
		let again = request(t, Mode::Remote, vec![line(101, 2)]);
		System::assert_has_event(Event::DrawLapsed { draw, tender: t }.into());
		complete(again);
		assert!(Draws::<Test>::get(draw).expect("draw").seed.is_none());
	});
}

#[test]
fn a_lapsed_replacement_is_drawn_again_for_its_seat_first() {
	new_test_ext().execute_with(|| {
		add_certified(7);
		let (t, p) = drawn_committee(2);
		let draw = TenderDraws::<Test>::get(t)[0];
		assert_ok!(decline(p[0], t, 0));
		assert_ok!(decline(p[1], t, 1));
		assert_ok!(host_replaces(t, 0));
		let lapsed = draw + 1;
		// No city answers before the lapse.
		run_to(System::block_number() + LAPSE + 2);
		assert_noop!(host_replaces(t, 1), Error::<Test>::ExpiredReplacementFirst);
		assert_noop!(try_request(t, vec![line(101, 1)]), Error::<Test>::AlreadyDrawn);
		assert_ok!(host_replaces(t, 0));
		// Drawing a lapsed replacement again does not use up the host's allowance.
		assert_eq!(HostReplacements::<Test>::get(t), 1);
		let again = lapsed + 1;
		System::assert_has_event(Event::DrawLapsed { draw: lapsed, tender: t }.into());
		assert_eq!(
			Draws::<Test>::get(again).expect("draw").replaces,
			Some((0, ReplacementReason::Declined))
		);
		complete(again);
		let seats = Committees::<Test>::get(t);
		assert_eq!(seats.len(), 3);
		assert_eq!(seats[0].state, SeatState::Replaced(ReplacementReason::Declined));
		assert_eq!(seats[2].draw, again);
		assert!(!picks(draw).contains(&seats[2].entry));
		// Filled now: the seat is not drawn a third time.
		assert_noop!(host_replaces(t, 0), Error::<Test>::SeatReplaced);
	});
}

// --- Seats ---

#[test]
fn drawn_experts_take_their_seats_when_evaluation_begins() {
	new_test_ext().execute_with(|| {
		add_certified(12);
		let (t, p) = drawn_before_evaluation(3);
		let draw = TenderDraws::<Test>::get(t)[0];
		let first = p[0];
		assert_noop!(take_seat(first, t, 0), Error::<Test>::EvaluationNotStarted);
		open(t);
		let prove = |salt, employer, employer_salt| {
			ExpertDraw::take_seat(
				RuntimeOrigin::signed(expert(first)),
				t,
				0,
				salt,
				employer,
				employer_salt,
			)
		};
		assert_noop!(
			prove(salt(first + 1), employer_of(first), employer_salt(first)),
			Error::<Test>::NotTheDrawnExpert
		);
		assert_noop!(take_seat(p[1], t, 0), Error::<Test>::NotTheDrawnExpert);
		assert_noop!(take_seat(first, t, 9), Error::<Test>::UnknownSeat);
		// The employer commitment must open with what the administrator recorded.
		assert_noop!(
			prove(salt(first), employer(2), employer_salt(first)),
			Error::<Test>::EmployerMismatch
		);
		assert_noop!(
			prove(salt(first), employer_of(first), [0; 32]),
			Error::<Test>::EmployerMismatch
		);
		// The tendering pallet takes evaluations from seated members only.
		assert!(!<ExpertDraw as EvaluationCommittee<u64>>::is_seated(t, &expert(first)));
		assert_ok!(take_seat(first, t, 0));
		assert!(<ExpertDraw as EvaluationCommittee<u64>>::is_seated(t, &expert(first)));
		assert!(!<ExpertDraw as EvaluationCommittee<u64>>::is_seated(t + 1, &expert(first)));
		assert_eq!(seat_state(t, 0), SeatState::Seated(expert(first)));
		System::assert_last_event(
			Event::ExpertSeated { tender: t, seat: 0, expert: expert(first) }.into(),
		);
		assert_noop!(take_seat(first, t, 0), Error::<Test>::SeatNotDrawn);
		// The second pick lost their certificate: the seat is marked, and its replacement is
		// drawn at once.
		certify(expert(p[1]), &[Role::Bidder], b"JQ", H256::zero());
		assert_ok!(take_seat(p[1], t, 1));
		assert_eq!(seat_state(t, 1), SeatState::Replaced(ReplacementReason::IneligibleAtSeating));
		assert_ineligible(t, 1, expert(p[1]), Ineligibility::NotAnExpert);
		System::assert_has_event(
			Event::ReplacementRequested {
				tender: t,
				seat: 1,
				reason: ReplacementReason::IneligibleAtSeating,
				draw: draw + 1,
			}
			.into(),
		);
		// The third is barred from evaluation: marked too; its replacement waits for the
		// pending draw, and the host requests it then.
		bar(expert(p[2]), Bar::Evaluation);
		assert_ok!(take_seat(p[2], t, 2));
		assert_eq!(seat_state(t, 2), SeatState::Ineligible(expert(p[2]), Ineligibility::Barred));
		assert!(!<ExpertDraw as EvaluationCommittee<u64>>::is_seated(t, &expert(p[1])));
		assert!(!<ExpertDraw as EvaluationCommittee<u64>>::is_seated(t, &expert(p[2])));
		assert_noop!(host_replaces(t, 2), Error::<Test>::DrawPending);
		complete(draw + 1);
		assert_ok!(host_replaces(t, 2));
		assert_eq!(
			Draws::<Test>::get(draw + 2).expect("draw").replaces,
			Some((2, ReplacementReason::IneligibleAtSeating))
		);
		// Automatic replacements do not use up the host's allowance.
		assert_eq!(HostReplacements::<Test>::get(t), 1);
	});
}

#[test]
fn a_drawn_expert_may_decline_and_is_then_replaced() {
	new_test_ext().execute_with(|| {
		add_certified(9);
		let t = tender_with_bids();
		past_deadline(t);
		let draw = request(t, Mode::Remote, vec![line(101, 2)]);
		complete(draw);
		let p = picks(draw);
		// Declined when called, before the bids are opened.
		assert_noop!(decline(p[1], t, 0), Error::<Test>::NotTheDrawnExpert);
		assert_ok!(decline(p[0], t, 0));
		assert_eq!(seat_state(t, 0), SeatState::Declined(expert(p[0])));
		System::assert_last_event(
			Event::SeatDeclined { tender: t, seat: 0, expert: expert(p[0]) }.into(),
		);
		assert_noop!(decline(p[0], t, 0), Error::<Test>::SeatNotDrawn);
		assert!(ExpertDraw::entry(p[0]).expect("entry").exposed);
		// Before evaluation the seating clock has not started.
		assert_eq!(SeatingStart::<Test>::get(t), None);
		assert_noop!(
			ExpertDraw::request_replacement(RuntimeOrigin::signed(LANZHOU_CENTRE), t, 0),
			Error::<Test>::NotTheHostTradingCentre
		);
		assert_noop!(host_replaces(t, 5), Error::<Test>::UnknownSeat);
		assert_ok!(host_replaces(t, 0));
		let replacement = draw + 1;
		// Earlier picks stay out of the replacement.
		let remaining: Vec<EntryId> = (0..9).filter(|e| !p.contains(e)).collect();
		assert_eq!(eligible(replacement, 0), remaining);
		assert_eq!(seat_state(t, 0), SeatState::Replaced(ReplacementReason::Declined));
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
		assert_eq!(seats[2].draw, replacement);
		assert!(remaining.contains(&seats[2].entry));
		assert_noop!(host_replaces(t, 0), Error::<Test>::SeatReplaced);
	});
}

/// The host tries to remove a seated expert it does not like, and a drawn one before they
/// could come: both refused. A drawn expert who does not come within the seating window may
/// be replaced; a seated one leaves only by recusal or a supervisor's decision.
#[test]
fn attack_host_replaces_seated_expert_is_refused() {
	new_test_ext().execute_with(|| {
		add_certified(12);
		let (t, p) = drawn_committee(3);
		assert_ok!(take_seat(p[0], t, 0));
		let started = System::block_number();
		assert_eq!(SeatingStart::<Test>::get(t), Some(started));
		assert_noop!(host_replaces(t, 0), Error::<Test>::SeatTaken);
		assert_noop!(host_replaces(t, 1), Error::<Test>::SeatingWindowOpen);
		run_to(started + SEATING_WINDOW - 1);
		assert_noop!(host_replaces(t, 1), Error::<Test>::SeatingWindowOpen);
		run_to(started + SEATING_WINDOW);
		assert_noop!(host_replaces(t, 0), Error::<Test>::SeatTaken);
		assert_ok!(host_replaces(t, 1));
		assert_eq!(seat_state(t, 1), SeatState::Replaced(ReplacementReason::NotSeatedInTime));
		// The seated expert leaves by their own recusal.
		assert_ok!(ExpertDraw::recuse(
			RuntimeOrigin::signed(expert(p[0])),
			t,
			H256::repeat_byte(9)
		));
		assert_eq!(seat_state(t, 0), SeatState::Recused(expert(p[0])));
	});
}

/// The seating window runs from the later of the draw's completion and the tender's seating
/// start, so a host that delays the opening gains nothing.
#[test]
fn the_seating_window_starts_with_evaluation() {
	new_test_ext().execute_with(|| {
		add_certified(12);
		let (t, p) = drawn_before_evaluation(3);
		let draw = TenderDraws::<Test>::get(t)[0];
		// The host waits long before opening the bids.
		run_to(System::block_number() + 5 * SEATING_WINDOW);
		open(t);
		assert_noop!(host_replaces(t, 1), Error::<Test>::SeatingWindowOpen);
		// The first expert who comes starts the clock.
		assert_ok!(take_seat(p[0], t, 0));
		assert_noop!(host_replaces(t, 1), Error::<Test>::SeatingWindowOpen);
		run_to(System::block_number() + SEATING_WINDOW);
		assert_ok!(host_replaces(t, 1));
		// A replacement drawn during evaluation starts its own window at completion.
		let replacement = draw + 1;
		complete(replacement);
		assert_noop!(host_replaces(t, 3), Error::<Test>::SeatingWindowOpen);
		run_to(System::block_number() + SEATING_WINDOW);
		assert_ok!(host_replaces(t, 3));
	});
}

/// Each replacement excludes the earlier picks, so unbounded re-draws would walk the committee
/// toward a favoured entry. The host gets as many replacements as the committee has seats,
/// each for a reason on chain; beyond that only a supervisor orders one.
#[test]
fn attack_unbounded_redraws_are_refused() {
	new_test_ext().execute_with(|| {
		add_certified(30);
		let (t, p) = drawn_committee(2);
		// Seat 0's expert declines; so do the replacements' experts.
		assert_ok!(decline(p[0], t, 0));
		assert_ok!(host_replaces(t, 0));
		complete(TenderDraws::<Test>::get(t)[1]);
		let seat = 2;
		let entry = Committees::<Test>::get(t)[seat as usize].entry;
		assert_ok!(decline(entry, t, seat));
		assert_ok!(host_replaces(t, seat));
		complete(TenderDraws::<Test>::get(t)[2]);
		assert_eq!(HostReplacements::<Test>::get(t), 2);
		let seat = 3;
		let entry = Committees::<Test>::get(t)[seat as usize].entry;
		assert_ok!(decline(entry, t, seat));
		assert_noop!(host_replaces(t, seat), Error::<Test>::ReplacementsExhausted);
		// A supervisor may order it, with a reasoned decision.
		assert_noop!(
			ExpertDraw::order_replacement(
				RuntimeOrigin::signed(BAIYIN_CENTRE),
				t,
				seat,
				H256::repeat_byte(7)
			),
			pallet_certificates::Error::<Test>::NotCertified
		);
		assert_noop!(
			ExpertDraw::order_replacement(
				RuntimeOrigin::signed(TENDERER),
				t,
				seat,
				H256::repeat_byte(7)
			),
			pallet_certificates::Error::<Test>::RoleNotHeld
		);
		assert_ok!(ExpertDraw::order_replacement(
			RuntimeOrigin::signed(SUPERVISOR),
			t,
			seat,
			H256::repeat_byte(7)
		));
		System::assert_has_event(
			Event::ReplacementOrdered {
				tender: t,
				seat,
				supervisor: SUPERVISOR,
				reason: H256::repeat_byte(7),
			}
			.into(),
		);
		assert_eq!(
			seat_state(t, seat),
			SeatState::Replaced(ReplacementReason::OrderedBySupervisor)
		);
		complete(TenderDraws::<Test>::get(t)[3]);
		// Neither may the supervisor replace a seated expert: remove them first.
		assert_ok!(take_seat(p[1], t, 1));
		assert_noop!(
			ExpertDraw::order_replacement(
				RuntimeOrigin::signed(SUPERVISOR),
				t,
				1,
				H256::repeat_byte(7)
			),
			Error::<Test>::SeatTaken
		);
		assert_eq!(HostReplacements::<Test>::get(t), 2);
	});
}

/// Vacancies the supervisors cause (a removal, an ordered replacement) do not use the host's
/// allowance of replacements: supervisors cannot exhaust it and leave the host unable to fill
/// the seats its experts vacate.
#[test]
fn supervisor_removals_and_orders_do_not_use_the_hosts_replacements() {
	new_test_ext().execute_with(|| {
		add_certified(40);
		let (t, p) = drawn_committee(3);
		// Two seated experts are removed by a supervisor; the host fills the seats (3 and 4).
		for seat in 0..2 {
			assert_ok!(take_seat(p[seat as usize], t, seat));
			assert_ok!(supervisor_removes(t, seat));
			assert_ok!(host_replaces(t, seat));
			complete_latest(t);
		}
		// Seat 3's expert declines; a supervisor orders it filled again (seat 5).
		assert_ok!(decline(entry_of_seat(t, 3), t, 3));
		assert_ok!(supervisor_orders(t, 3));
		complete_latest(t);
		assert_eq!(HostReplacements::<Test>::get(t), 0);
		// The host's allowance (three, the committee's seats) is whole.
		for seat in [2, 4, 5] {
			assert_ok!(decline(entry_of_seat(t, seat), t, seat));
			assert_ok!(host_replaces(t, seat));
			complete_latest(t);
		}
		assert_eq!(HostReplacements::<Test>::get(t), 3);
		let seat = 6;
		assert_ok!(decline(entry_of_seat(t, seat), t, seat));
		assert_noop!(host_replaces(t, seat), Error::<Test>::ReplacementsExhausted);
	});
}

/// Recusal and removal take a seated expert off the committee: `is_seated` and
/// `complete_committee` (the tendering pallet's view) follow.
#[test]
fn a_seated_expert_leaves_only_by_recusal_or_a_supervisors_decision() {
	new_test_ext().execute_with(|| {
		add_certified(15);
		let (t, p) = drawn_committee(3);
		let committee = |t| <ExpertDraw as EvaluationCommittee<u64>>::complete_committee(t);
		let seated = |t, who| <ExpertDraw as EvaluationCommittee<u64>>::is_seated(t, &who);
		assert_eq!(committee(t), None);
		for (seat, e) in p.iter().enumerate() {
			assert_ok!(take_seat(*e, t, seat as u32));
			assert_eq!(committee(t).is_some(), seat == 2);
		}
		assert_eq!(committee(t), Some(p.iter().map(|e| expert(*e)).collect()));
		assert_noop!(
			ExpertDraw::recuse(RuntimeOrigin::signed(expert(99)), t, H256::zero()),
			Error::<Test>::NotSeated
		);
		assert_ok!(ExpertDraw::recuse(
			RuntimeOrigin::signed(expert(p[0])),
			t,
			H256::repeat_byte(1)
		));
		System::assert_last_event(
			Event::ExpertRecused {
				tender: t,
				seat: 0,
				expert: expert(p[0]),
				reason: H256::repeat_byte(1),
			}
			.into(),
		);
		assert!(!seated(t, expert(p[0])));
		assert_eq!(committee(t), None);
		assert_noop!(
			ExpertDraw::remove_expert(RuntimeOrigin::signed(TENDERER), t, 1, H256::zero()),
			pallet_certificates::Error::<Test>::RoleNotHeld
		);
		assert_noop!(
			ExpertDraw::remove_expert(RuntimeOrigin::signed(SUPERVISOR), t, 0, H256::zero()),
			Error::<Test>::NoSeatedExpert
		);
		assert_ok!(ExpertDraw::remove_expert(
			RuntimeOrigin::signed(SUPERVISOR),
			t,
			1,
			H256::repeat_byte(2)
		));
		System::assert_last_event(
			Event::ExpertRemoved {
				tender: t,
				seat: 1,
				expert: expert(p[1]),
				supervisor: SUPERVISOR,
				reason: H256::repeat_byte(2),
			}
			.into(),
		);
		assert_eq!(seat_state(t, 1), SeatState::Removed(expert(p[1])));
		assert!(!seated(t, expert(p[1])));
		assert!(seated(t, expert(p[2])));
		// The host fills both seats again; the committee is whole once the new experts sit.
		assert_ok!(host_replaces(t, 0));
		assert_eq!(committee(t), None);
		complete(TenderDraws::<Test>::get(t)[1]);
		assert_ok!(host_replaces(t, 1));
		complete(TenderDraws::<Test>::get(t)[2]);
		let seats = Committees::<Test>::get(t);
		assert_eq!(seat_state(t, 0), SeatState::Replaced(ReplacementReason::Recused));
		assert_eq!(seat_state(t, 1), SeatState::Replaced(ReplacementReason::RemovedBySupervisor));
		assert_eq!(committee(t), None);
		assert_ok!(take_seat(seats[3].entry, t, 3));
		assert_eq!(committee(t), None);
		assert_ok!(take_seat(seats[4].entry, t, 4));
		assert_eq!(
			committee(t),
			Some(vec![expert(p[2]), expert(seats[3].entry), expert(seats[4].entry)])
		);
		// Outside evaluation the committee does not change.
		update_tender(t, |t| t.state = TenderState::Publicity);
		assert_noop!(
			ExpertDraw::recuse(RuntimeOrigin::signed(expert(p[2])), t, H256::zero()),
			Error::<Test>::NotEvaluating
		);
		assert_noop!(
			ExpertDraw::remove_expert(RuntimeOrigin::signed(SUPERVISOR), t, 2, H256::zero()),
			Error::<Test>::NotEvaluating
		);
	});
}

/// Once an expert proves an entry, its number is linked to their account in public: a later
/// draw of that entry would name the expert at once. The entry is never drawn again; the
/// administrator re-enters the expert under a fresh pseudonym, which nothing on chain links
/// to the account, and the expert sits through it without being taken for a duplicate.
#[test]
fn attack_seated_expert_linked_in_later_draws_is_refused() {
	new_test_ext().execute_with(|| {
		add_certified(15);
		let (t, p) = drawn_committee(3);
		let seated = p[0];
		assert_ok!(take_seat(seated, t, 0));
		assert!(ExpertDraw::entry(seated).expect("entry").exposed);
		// Another tenderer's tender (so that recent picks do not hide the rule).
		let other = 2;
		certify(other, &[Role::Tenderer], b"LZ", H256::repeat_byte(0x72));
		let t2 = publish(other, b"BY", &BIDDERS);
		past_deadline(t2);
		let draw = request(t2, Mode::Remote, vec![line(101, 3)]);
		assert!(!eligible(draw, 0).contains(&seated));
		// The other two picks of tender t still wait for their experts: not eligible either.
		assert_eq!(eligible(draw, 0).len(), 12);
		complete(draw);
		// The re-entry: fresh pseudonym salt and employer salt.
		let fresh_salt = [0xee; 32];
		let fresh_employer_salt = [0xef; 32];
		assert_ok!(ExpertDraw::add_expert(
			RuntimeOrigin::signed(POOL_ADMIN),
			pseudonym(&expert(seated), &fresh_salt),
			bv(vec![101]),
			city(b"JQ"),
			identity::employer_commitment(&employer_of(seated), &fresh_employer_salt),
			true
		));
		let fresh = PoolSize::<Test>::get() - 1;
		let old = ExpertDraw::entry(seated).expect("entry");
		let new = ExpertDraw::entry(fresh).expect("entry");
		assert_ne!(old.pseudonym, new.pseudonym);
		assert_ne!(old.employer, new.employer);
		let t3 = publish(other, b"BY", &BIDDERS);
		past_deadline(t3);
		let draw = request(t3, Mode::Remote, vec![line(101, 3)]);
		assert!(eligible(draw, 0).contains(&fresh));
		complete(draw);
		open(t3);
		let seat = seat_as_drawn(t3, fresh);
		assert_ok!(ExpertDraw::take_seat(
			RuntimeOrigin::signed(expert(seated)),
			t3,
			seat,
			fresh_salt,
			employer_of(seated),
			fresh_employer_salt
		));
		assert_eq!(seat_state(t3, seat), SeatState::Seated(expert(seated)));
		assert!(!ExpertDraw::entry(seated).expect("entry").struck);
	});
}

/// Someone holding every public credit code computes every organisation's identity hash; the
/// pool's employer field is a salted commitment, so it matches none of them, nor any unsalted
/// hash of a code, and two experts of one employer do not even share it. Avoidance still holds:
/// a bidder's employee opens the commitment at seating and is refused the seat.
#[test]
fn attack_employer_dictionary_reveals_nothing() {
	new_test_ext().execute_with(|| {
		let codes: [&[u8]; 3] =
			[b"91350100M000100Y43", b"911100001000079554", b"91440300708461136T"];
		let dictionary: Vec<H256> =
			codes.iter().map(|c| identity::credit_code_identity(c).expect("valid code")).collect();
		let bidder_company = dictionary[2];
		certify(BIDDERS[0], &[Role::Bidder], b"BY", bidder_company);
		for i in 0..9 {
			add(i, &[101], b"JQ", bidder_company, true);
			certify_expert(i);
		}
		let stored: Vec<H256> =
			(0..9).map(|e| ExpertDraw::entry(e).expect("entry").employer).collect();
		for (code, id) in codes.iter().zip(&dictionary) {
			for field in &stored {
				assert_ne!(field, id);
				assert_ne!(*field, H256(sp_io::hashing::sha2_256(code)));
				assert_ne!(*field, H256(sp_io::hashing::blake2_256(code)));
				assert_ne!(*field, identity::employer_commitment(id, &[0; 32]));
			}
		}
		assert_ne!(stored[0], stored[1], "one employer, two unrelated commitments");
		let (t, p) = drawn_committee(3);
		assert_ok!(take_seat(p[0], t, 0));
		assert_ineligible(t, 0, expert(p[0]), Ineligibility::Conflicted);
		assert!(!<ExpertDraw as EvaluationCommittee<u64>>::is_seated(t, &expert(p[0])));
	});
}

/// The attack: a bidder who is a natural person (the same legal identity) sits on the
/// committee of its own tender from a second account, an expert's, with a neutral employer.
/// The conflict is found by identity, not only by account.
#[test]
fn attack_expert_second_account_of_bidder_seated() {
	new_test_ext().execute_with(|| {
		for i in 0..9 {
			add(i, &[101], b"JQ", employer(9), true);
			certify_expert(i);
		}
		let (t, p) = drawn_committee(3);
		// The drawn expert's certificate is of the first bidder's legal identity.
		certify(expert(p[0]), &[Role::Expert], b"JQ", bidder_identity(0));
		assert_ok!(take_seat(p[0], t, 0));
		assert_ineligible(t, 0, expert(p[0]), Ineligibility::Conflicted);
		assert!(!<ExpertDraw as EvaluationCommittee<u64>>::is_seated(t, &expert(p[0])));
	});
}

/// A conflicted expert (employed by a bidder) who proves the entry is not seated: the seat
/// is marked and its replacement draw starts at once, without the host.
#[test]
fn a_conflicted_expert_is_marked_and_replaced_automatically() {
	new_test_ext().execute_with(|| {
		for i in 0..12 {
			add(i, &[101], b"JQ", bidder_identity(1), true);
			certify_expert(i);
		}
		let (t, p) = drawn_committee(3);
		let first_draw = TenderDraws::<Test>::get(t)[0];
		assert_ok!(take_seat(p[0], t, 0));
		assert_eq!(seat_state(t, 0), SeatState::Replaced(ReplacementReason::IneligibleAtSeating));
		assert_eq!(TenderPending::<Test>::get(t), Some(first_draw + 1));
		assert_eq!(
			Draws::<Test>::get(first_draw + 1).expect("draw").replaces,
			Some((0, ReplacementReason::IneligibleAtSeating))
		);
		assert_eq!(HostReplacements::<Test>::get(t), 0);
	});
}

/// An agency publishes for its principal: an expert employed by the principal (not the
/// agency) cannot take the seat, and the principal's recent picks are remembered.
#[test]
fn agency_tender_avoids_the_principal() {
	new_test_ext().execute_with(|| {
		let agency = 3;
		certify(agency, &[Role::Agency], b"LZ", H256::repeat_byte(0xa9));
		let principal = identity::credit_code_identity(b"91350100M000100Y43").expect("code");
		for i in 0..9 {
			add(i, &[101], b"JQ", principal, true);
			certify_expert(i);
		}
		let t = publish_for(agency, Some(principal), b"BY", &BIDDERS);
		past_deadline(t);
		let draw = request(t, Mode::Remote, vec![line(101, 3)]);
		complete(draw);
		open(t);
		let p = picks(draw);
		let remembered: Vec<Vec<EntryId>> =
			RecentPicks::<Test>::get(principal).into_iter().map(|(_, p)| p.into_inner()).collect();
		assert_eq!(remembered, vec![p.clone()]);
		assert_ok!(take_seat(p[0], t, 0));
		assert_ineligible(t, 0, expert(p[0]), Ineligibility::Conflicted);
		assert!(!<ExpertDraw as EvaluationCommittee<u64>>::is_seated(t, &expert(p[0])));
	});
}

/// The same credit code written in other ways (case, surrounding blanks) normalises to one
/// form and so to one identity hash, the certificates' (`SHA-256(IDENTITY ‖ code)`); what is
/// not a credit code (length, alphabet, check character) does not normalise. With the CA and
/// the administrator both normalising, avoidance meets.
#[test]
fn avoidance_normalises_credit_codes() {
	let canonical = *b"91440300708461136T";
	for raw in [
		&b"91440300708461136T"[..],
		b"91440300708461136t",
		b"  91440300708461136t\n",
		b"\t91440300708461136T ",
	] {
		assert_eq!(identity::normalise_credit_code(raw), Some(canonical), "{raw:?}");
	}
	assert_eq!(
		identity::normalise_credit_code(b"91350100m000100y43"),
		Some(*b"91350100M000100Y43")
	);
	for bad in [
		&b"91440300708461136X"[..], // wrong check character
		b"9144030070846113T",       // 17 characters
		b"91440300708461136TT",     // 19 characters
		b"914403007084 1136T",      // a blank inside
		b"91440300708461I36T",      // I is not in the alphabet
		b"91440300708461O36T",      // nor O
		b"",
	] {
		assert_eq!(identity::normalise_credit_code(bad), None, "{bad:?}");
	}
	let mut preimage = tenderchain_primitives::tags::IDENTITY.to_vec();
	preimage.extend_from_slice(&canonical);
	let certified = H256(sp_io::hashing::sha2_256(&preimage));
	assert_eq!(identity::organisation_identity(&canonical), certified);
	assert_eq!(identity::credit_code_identity(b" 91440300708461136t "), Some(certified));

	new_test_ext().execute_with(|| {
		// The CA certified the bidder from the code as printed; the administrator typed it in
		// lower case with a trailing newline.
		certify(
			BIDDERS[2],
			&[Role::Bidder],
			b"BY",
			identity::credit_code_identity(b"91440300708461136T").expect("code"),
		);
		let typed = identity::credit_code_identity(b"91440300708461136t\n").expect("code");
		for i in 0..9 {
			add(i, &[101], b"JQ", typed, true);
			certify_expert(i);
		}
		let (t, p) = drawn_committee(3);
		assert_ok!(take_seat(p[0], t, 0));
		assert!(!<ExpertDraw as EvaluationCommittee<u64>>::is_seated(t, &expert(p[0])));
	});
}

/// The administrator enters one person twice, under two salts, doubling their chances. The
/// second entry shows when the same account proves both: both entries are struck, the
/// second seat is not taken, and supervisors are told.
#[test]
fn attack_duplicate_entries_for_one_expert() {
	new_test_ext().execute_with(|| {
		add_certified(12);
		let person = 0;
		let twin_salt = [0x99; 32];
		let twin = reenter(person, twin_salt);
		let (t1, _) = drawn_committee(3);
		let seat = seat_as_drawn(t1, person);
		assert_ok!(take_seat(person, t1, seat));
		assert_eq!(seat_state(t1, seat), SeatState::Seated(expert(person)));
		let (t2, _) = drawn_committee(3);
		let seat = seat_as_drawn(t2, twin);
		assert_ok!(take_seat_as(expert(person), t2, seat, twin_salt, person));
		System::assert_has_event(
			Event::DuplicateExpert { account: expert(person), entries: [person, twin] }.into(),
		);
		System::assert_has_event(
			Event::ExpertIneligible {
				tender: t2,
				seat,
				expert: expert(person),
				reason: Ineligibility::DuplicateEntry,
			}
			.into(),
		);
		// The seat is drawn again at once.
		assert_eq!(
			seat_state(t2, seat),
			SeatState::Replaced(ReplacementReason::IneligibleAtSeating)
		);
		assert!(!<ExpertDraw as EvaluationCommittee<u64>>::is_seated(t2, &expert(person)));
		assert!(ExpertDraw::entry(person).expect("entry").struck);
		assert!(ExpertDraw::entry(twin).expect("entry").struck);
	});
}

/// One person holds two certified accounts (the same certificate identity) and the
/// administrator enters each account's pseudonym: the second entry shows when the person
/// proves it, whichever account proves it.
#[test]
fn attack_one_person_two_accounts_sits_once() {
	new_test_ext().execute_with(|| {
		add_certified(12);
		let person = 0;
		// The person's second account, certified with the same identity.
		let second = 5000;
		certify(second, &[Role::Expert], b"JQ", H256::repeat_byte(0x30));
		let twin_salt = [0x99; 32];
		let twin = reenter_as(second, person, twin_salt);
		let (t1, _) = drawn_committee(3);
		let seat = seat_as_drawn(t1, person);
		assert_ok!(take_seat(person, t1, seat));
		let (t2, _) = drawn_committee(3);
		let seat = seat_as_drawn(t2, twin);
		assert_ok!(take_seat_as(second, t2, seat, twin_salt, person));
		System::assert_has_event(
			Event::ExpertIneligible {
				tender: t2,
				seat,
				expert: second,
				reason: Ineligibility::DuplicateEntry,
			}
			.into(),
		);
		assert!(!<ExpertDraw as EvaluationCommittee<u64>>::is_seated(t2, &second));
	});
}

/// The administrator re-enters an exposed expert in the very block of the exposure (as soon as
/// it saw it): the two entries never coexisted as drawable entries, so the re-entry, proved
/// later, is no duplicate.
#[test]
fn an_expert_reentered_in_the_block_of_exposure_is_no_duplicate() {
	new_test_ext().execute_with(|| {
		add_certified(12);
		let (t, p) = drawn_committee(3);
		let member = p[0];
		assert_ok!(take_seat(member, t, 0));
		let fresh = [0x77; 32];
		let reentry = reenter(member, fresh);
		assert_eq!(ExpertDraw::entry(reentry).expect("entry").added_at, System::block_number());
		let (t2, _) = drawn_committee(3);
		let seat = seat_as_drawn(t2, reentry);
		assert_ok!(take_seat_as(expert(member), t2, seat, fresh, member));
		assert_eq!(seat_state(t2, seat), SeatState::Seated(expert(member)));
		assert!(!ExpertDraw::entry(member).expect("entry").struck);
		assert!(!ExpertDraw::entry(reentry).expect("entry").struck);
	});
}

/// The pool administrator declares an entry's city (which decides local and remote draws)
/// other than the expert's certificate's, so that the expert is drawn where they could not
/// be: the seat is refused.
#[test]
fn attack_entry_city_not_the_experts_is_refused() {
	new_test_ext().execute_with(|| {
		add_certified(12);
		// Expert 12, certified in Jiuquan, entered as a Tianshui expert.
		let entry = add(12, &[101], b"TS", employer(1), true);
		certify_expert(12);
		let (t, _) = drawn_committee(3);
		let seat = seat_as_drawn(t, entry);
		assert_ok!(take_seat(12, t, seat));
		assert_ineligible(t, seat, expert(12), Ineligibility::CityMismatch);
		assert!(!<ExpertDraw as EvaluationCommittee<u64>>::is_seated(t, &expert(12)));
	});
}

/// Exposed and struck entries do not fill the pool: once no draw or waiting seat can refer to
/// one, its slot takes a new entry.
#[test]
fn exposed_entries_do_not_fill_the_pool() {
	new_test_ext().execute_with(|| {
		add_certified(12);
		let (t, p) = drawn_committee(3);
		let size = PoolSize::<Test>::get();
		MaxPoolSize::set(&size);
		EMPLOYERS.with(|m| m.borrow_mut().insert(20, employer(1)));
		assert_noop!(
			ExpertDraw::add_expert(
				RuntimeOrigin::signed(POOL_ADMIN),
				pseudonym(&expert(20), &salt(20)),
				bv(vec![101]),
				city(b"JQ"),
				employer(1),
				true
			),
			Error::<Test>::PoolFull
		);
		assert_ok!(take_seat(p[0], t, 0));
		let exposed_at = System::block_number();
		// Not while a draw requested before the exposure could still complete; never a live
		// entry.
		assert_noop!(reuse(p[0], 20), Error::<Test>::EntryInUse);
		assert_noop!(reuse(p[2], 20), Error::<Test>::EntryInUse);
		run_to(exposed_at + LAPSE + 2);
		assert_ok!(reuse(p[0], 20));
		let new = ExpertDraw::entry(p[0]).expect("entry");
		assert!(!new.exposed && new.pseudonym == pseudonym(&expert(20), &salt(20)));
		assert_eq!(EntryOfPseudonym::<Test>::get(new.pseudonym), Some(p[0]));
		assert_eq!(PoolSize::<Test>::get(), size);
		// A struck entry whose seat still waits for its expert keeps its slot ...
		assert_ok!(ExpertDraw::strike_expert(
			RuntimeOrigin::signed(POOL_ADMIN),
			p[1],
			H256::zero()
		));
		run_to(System::block_number() + POOL_CHANGE_DELAY + LAPSE + 2);
		assert_noop!(reuse(p[1], 21), Error::<Test>::EntryInUse);
		// ... until the seat is filled again (its seating window passed).
		assert_ok!(host_replaces(t, 1));
		assert_ok!(reuse(p[1], 21));
		// The new entries are drawn like any other, once in effect.
		settle();
		let t2 = publish(2, b"BY", &BIDDERS);
		certify(2, &[Role::Tenderer], b"LZ", H256::repeat_byte(0x72));
		close_bidding(t2);
		let draw = request(t2, Mode::Remote, vec![line(101, 1)]);
		assert!(eligible(draw, 0).contains(&p[0]) && eligible(draw, 0).contains(&p[1]));
	});
}

/// A conflicted expert's automatic replacement that fails (the pool too small once the
/// committee is avoided) has read the whole pool: it is charged all the same.
#[test]
fn a_failed_automatic_replacement_is_charged() {
	new_test_ext().execute_with(|| {
		for i in 0..3 {
			add(i, &[101], b"JQ", bidder_identity(1), true);
			certify_expert(i);
		}
		let (t, p) = drawn_committee(1);
		let info = take_seat(p[0], t, 0).expect("an ineligible expert is recorded");
		assert_eq!(
			seat_state(t, 0),
			SeatState::Ineligible(expert(p[0]), Ineligibility::Conflicted)
		);
		let replaced = <() as WeightInfo>::take_seat_replaced(PoolSize::<Test>::get());
		assert!(info.actual_weight.expect("refunded to the actual figure").all_gte(replaced));
	});
}

/// An expert recuses, is re-entered under a fresh pseudonym (nothing links the new entry to
/// the old) and drawn again for the same committee: ineligible, not seated twice.
#[test]
fn attack_former_member_reentered_cannot_sit_again() {
	new_test_ext().execute_with(|| {
		add_certified(12);
		let (t, p) = drawn_committee(3);
		let member = p[0];
		assert_ok!(take_seat(member, t, 0));
		assert_ok!(ExpertDraw::recuse(RuntimeOrigin::signed(expert(member)), t, H256::zero()));
		// Re-entered after the proof (a later block): not a duplicate entry.
		run_to(System::block_number() + 1);
		let fresh_salt = [0x77; 32];
		let reentry = reenter(member, fresh_salt);
		let seat = seat_as_drawn(t, reentry);
		assert_ok!(take_seat_as(expert(member), t, seat, fresh_salt, member));
		System::assert_has_event(
			Event::ExpertIneligible {
				tender: t,
				seat,
				expert: expert(member),
				reason: Ineligibility::FormerMember,
			}
			.into(),
		);
		assert!(!<ExpertDraw as EvaluationCommittee<u64>>::is_seated(t, &expert(member)));
	});
}

/// Replacement draws join their tender's recent picks: with `RecentDraws` 2, two replacements
/// used to push the committee's own picks out, and the tenderer's next draw could take them.
#[test]
fn replacements_do_not_push_the_committees_picks_out_of_recent_picks() {
	new_test_ext().execute_with(|| {
		add_certified(30);
		let (t, p) = drawn_committee(3);
		for seat in 0..2 {
			assert_ok!(decline(p[seat as usize], t, seat));
			assert_ok!(host_replaces(t, seat));
			complete_latest(t);
		}
		let recent = RecentPicks::<Test>::get(tenderer_identity());
		assert_eq!(recent.len(), 1);
		let (tender, remembered) = &recent[0];
		assert_eq!(*tender, t);
		assert_eq!(remembered.len(), 5);
		assert!(p.iter().all(|e| remembered.contains(e)));
		// The tenderer's next draw avoids the committee's remaining expert.
		let t2 = tender_with_bids();
		past_deadline(t2);
		let draw = request(t2, Mode::Remote, vec![line(101, 3)]);
		assert!(!eligible(draw, 0).contains(&p[2]));
	});
}

#[test]
fn the_tenderers_recent_picks_are_avoided_for_the_configured_number_of_draws() {
	new_test_ext().execute_with(|| {
		for i in 0..15 {
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
			assert_eq!(eligible(draw, 0).len(), 15 - avoided.len());
			complete(draw);
			history.push(picks(draw));
			// This test isolates the recent-picks rule: the drawn seats stop waiting (as if the
			// tender had been decided), so that only the recent picks keep entries out.
			for e in picks(draw) {
				PendingSeats::<Test>::remove(e);
			}
			WaitingEntries::<Test>::remove(0);
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

/// The request-time rules written out again, independently of `selection::is_eligible`, at
/// the current block.
fn should_be_eligible(
	e: &PoolEntryOf<Test>,
	speciality: u16,
	mode: Mode,
	picked_before: &[EntryId],
	id: EntryId,
) -> bool {
	let now = System::block_number();
	let available = match e.pending_availability {
		Some((a, from)) if from <= now => a,
		_ => e.available,
	};
	let city_ok = match mode {
		Mode::Local => e.city.as_slice() == b"BY",
		Mode::Remote => e.remote && e.city.as_slice() != b"BY" && e.city.as_slice() != b"LZ",
	};
	available
		&& !e.struck_from.is_some_and(|from| from <= now)
		&& !e.exposed
		&& e.active_from <= now
		&& e.specialities.contains(&speciality)
		&& city_ok
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
			// Every kind of entry is in the pool: the employers are compared at seating only.
			assert!(!eligible(draw, 0).is_empty());
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

/// The input of the benchmark draw of `total` experts.
fn bench_input(total: u32) -> H256 {
	use crate::bench_vectors::*;
	selection::input_hash(
		H256(BENCH_GENESIS),
		0,
		0,
		Mode::Remote,
		&bench_lines(total),
		H256(BENCH_ANCHOR),
	)
}

#[test]
fn the_benchmark_contributions_are_valid_for_the_benchmark_input() {
	use crate::bench_vectors::*;
	for total in BENCH_TOTALS {
		let contributions = bench_contributions(total).expect("recorded for each total");
		for (key, pre, proof) in contributions {
			assert!(verify_contribution(&key, &bench_input(total), &pre, &proof).is_some());
		}
	}
	// The mock's `MaxPicks` is one of them, so that the benchmark tests draw the most.
	assert!(BENCH_TOTALS
		.contains(&<<Test as Config>::MaxPicks as frame_support::traits::Get<u32>>::get()));
	assert_eq!(bench_lines(25).iter().map(|l| l.count).collect::<Vec<_>>(), vec![7, 6, 6, 6]);
}

/// Signs fresh contributions for the benchmark draws with the keys `//bench-draw-0` and
/// `//bench-draw-1`, checks them, and prints them in `bench_vrf.in`'s format: after a change of
/// the benchmark draw (or of `BENCH_TOTALS`), run with `--nocapture` and paste the output into
/// `bench_vrf.in`.
#[test]
fn fresh_benchmark_contributions_come_from_the_recorded_keys() {
	use crate::bench_vectors::*;
	use sp_core::{crypto::Pair as _, sr25519};
	println!("[");
	for total in BENCH_TOTALS {
		println!("\t({total}, [");
		for i in 0..2 {
			let pair =
				sr25519::Pair::from_string(&format!("//bench-draw-{i}"), None).expect("seed");
			let signature = pair.vrf_sign(&vrf_transcript(&bench_input(total)).into_sign_data());
			let pre = <[u8; 32]>::try_from(signature.pre_output.encode()).expect("32");
			let proof = <[u8; 64]>::try_from(signature.proof.encode()).expect("64");
			assert!(
				verify_contribution(&pair.public().0, &bench_input(total), &pre, &proof).is_some()
			);
			if let Some(recorded) = bench_contributions(total) {
				assert_eq!(
					recorded[i].0,
					pair.public().0,
					"entry {i} is not //bench-draw-{i}'s key"
				);
			}
			println!("\t\t({:?}, {:?}, {:?}),", pair.public().0, pre, proof);
		}
		println!("\t]),");
	}
	println!("]");
}

// --- Supervisors: jurisdiction, allowance, vacancies only ---

/// A supervisor of another city removes and re-draws the experts of a Baiyin tender.
#[test]
fn attack_supervisor_outside_jurisdiction_is_refused() {
	new_test_ext().execute_with(|| {
		add_certified(30);
		let (t, p) = drawn_committee(3);
		assert_ok!(take_seat(p[0], t, 0));
		assert_ok!(decline(p[1], t, 1));
		assert_noop!(
			ExpertDraw::remove_expert(
				RuntimeOrigin::signed(LANZHOU_SUPERVISOR),
				t,
				0,
				H256::repeat_byte(6)
			),
			Error::<Test>::NoJurisdiction
		);
		assert_noop!(
			ExpertDraw::order_replacement(
				RuntimeOrigin::signed(LANZHOU_SUPERVISOR),
				t,
				1,
				H256::repeat_byte(7)
			)
			.map_err(|e| e.error),
			Error::<Test>::NoJurisdiction
		);
		// The tender's own city's supervisor may.
		assert_ok!(supervisor_removes(t, 0));
		assert_ok!(supervisor_orders(t, 1));
	});
}

/// A supervisor removes seated experts and orders re-draws again and again, walking the
/// committee toward the experts it wants. Removals and orders together are bounded per tender
/// by the committee's seats.
#[test]
fn attack_supervisor_rerolls_seats_without_limit_is_refused() {
	new_test_ext().execute_with(|| {
		add_certified(40);
		let (t, p) = drawn_committee(3);
		for (seat, e) in p.iter().enumerate() {
			assert_ok!(take_seat(*e, t, seat as u32));
		}
		assert_ok!(supervisor_removes(t, 0));
		assert_ok!(supervisor_orders(t, 0));
		complete_latest(t);
		assert_ok!(supervisor_removes(t, 1));
		assert_eq!(SupervisorActions::<Test>::get(t), 3);
		assert_noop!(supervisor_orders(t, 1), Error::<Test>::SupervisorAllowanceExhausted);
		assert_noop!(supervisor_removes(t, 2), Error::<Test>::SupervisorAllowanceExhausted);
		// The seat a supervisor emptied is still filled on the host's request.
		assert_ok!(host_replaces(t, 1));
	});
}

/// A supervisor re-draws seats whose experts are still expected (before the bids are opened,
/// or within the seating window), so that the committee is never complete; and a tender whose
/// vacancy can no longer be filled would stay in evaluation for ever. A supervisor orders only
/// a recorded vacancy, and a committee that cannot be completed says so
/// (`committee_unfillable`), so that the tender can be failed.
#[test]
fn attack_supervisor_freezes_a_tender_is_refused() {
	new_test_ext().execute_with(|| {
		add_certified(40);
		let (t, p) = drawn_before_evaluation(1);
		// Before the opening: the drawn expert is still expected.
		assert_noop!(supervisor_orders(t, 0), Error::<Test>::SeatingWindowOpen);
		open(t);
		// Within the seating window, from the opening.
		assert_noop!(supervisor_orders(t, 0), Error::<Test>::SeatingWindowOpen);
		assert!(!<ExpertDraw as EvaluationCommittee<u64>>::committee_unfillable(t));
		// Once the window passed (nobody came), the supervisor may.
		run_to(System::block_number() + SEATING_WINDOW);
		assert_ok!(supervisor_orders(t, 0));
		complete_latest(t);
		// The committee of one: the supervisors' allowance (one) is spent, then the host's.
		let e = entry_of_seat(t, 1);
		assert_ok!(decline(e, t, 1));
		assert_ok!(host_replaces(t, 1));
		complete_latest(t);
		let e = entry_of_seat(t, 2);
		assert_ok!(decline(e, t, 2));
		assert_noop!(host_replaces(t, 2), Error::<Test>::ReplacementsExhausted);
		assert_noop!(supervisor_orders(t, 2), Error::<Test>::SupervisorAllowanceExhausted);
		assert!(<ExpertDraw as EvaluationCommittee<u64>>::committee_unfillable(t));
		let _ = p;
	});
}

// --- One committee at a time ---

/// An entry drawn for two tenders would be exposed as a member of the second as soon as its
/// expert takes the first seat, before the second evaluation. An entry with a waiting seat is
/// in no new eligible set, and at completion the entries exposed (or struck, or drawn
/// elsewhere) since the request are skipped.
#[test]
fn attack_entry_drawn_twice_exposed_before_second_evaluation_is_refused() {
	new_test_ext().execute_with(|| {
		// Six Jiuquan experts (entries 0..6, remote) and four Baiyin ones (6..10, local).
		add_certified(6);
		for i in 6..10 {
			add(i, &[101], b"BY", employer(1), false);
			certify_expert(i);
		}
		let second_tenderer = 2;
		certify(second_tenderer, &[Role::Tenderer], b"LZ", H256::repeat_byte(0x72));
		let a = tender_with_bids();
		let b = tender_with_bids();
		let c = publish(second_tenderer, b"BY", &BIDDERS);
		for t in [a, b, c] {
			close_bidding(t);
		}
		settle();
		// Tender a draws one Baiyin expert, whose seat waits for them.
		let draw_a = request(a, Mode::Local, vec![line(101, 1)]);
		complete(draw_a);
		let waiting = picks(draw_a)[0];
		// At the request: the waiting entry is in no new eligible set.
		let draw_c = request(c, Mode::Local, vec![line(101, 1)]);
		assert_eq!(eligible(draw_c, 0).len(), 3);
		assert!(!eligible(draw_c, 0).contains(&waiting));
		// At completion: tender b's draw was requested while every Jiuquan entry was eligible;
		// the entries it would pick are exposed meanwhile (their experts prove them for
		// tender a), and are skipped.
		open(a);
		let draw_b = request(b, Mode::Remote, vec![line(101, 2)]);
		let d = Draws::<Test>::get(draw_b).expect("draw");
		run_to(d.anchor + 1);
		let anchor = ExpertDraw::anchor_hash(&d).expect("anchor produced");
		let input = ExpertDraw::input_of(draw_b, &d, anchor);
		let signed: Vec<(CityCode, [u8; 32], [u8; 64])> = designated_now(draw_b)
			.into_iter()
			.take(2)
			.map(|code| {
				let (pre, proof) = sign(&code, draw_b);
				(code, pre, proof)
			})
			.collect();
		let outputs: Vec<(CityCode, [u8; 32])> = signed
			.iter()
			.map(|(code, pre, proof)| {
				let key = draw_pair(code).public().0;
				(code.clone(), verify_contribution(&key, &input, pre, proof).expect("valid"))
			})
			.collect();
		let seed = selection::seed(input, &outputs);
		let lines = vec![(line(101, 2), eligible(draw_b, 0))];
		let unguarded = selection::select(&seed, &lines);
		for e in &unguarded {
			let seat = seat_as_drawn(a, *e);
			assert_ok!(take_seat(*e, a, seat));
		}
		for (code, pre, proof) in signed {
			assert_ok!(ExpertDraw::contribute(
				RuntimeOrigin::signed(centre(&code)),
				draw_b,
				pre,
				proof
			));
		}
		let d = Draws::<Test>::get(draw_b).expect("draw");
		assert_eq!(d.picks.len(), 2);
		assert!(d.picks.iter().all(|e| !unguarded.contains(e)), "an exposed entry was picked");
		assert_eq!(d.skipped.clone().into_inner(), unguarded);
		let exposed = unguarded.clone();
		let (replayed, skipped) =
			selection::select_skipping(&seed, &lines, |e| exposed.contains(&e));
		assert_eq!((replayed, skipped), (d.picks.into_inner(), unguarded));
	});
}

/// An expert seated through entry E is re-entered (E2) and sits through E2; a seat drawn for E
/// before its exposure, on a third tender, is then proved with E. E is the same person's own,
/// already exposed entry, not a second entry: no duplicate, nothing struck.
#[test]
fn reentered_expert_proving_an_exposed_entry_is_no_duplicate() {
	new_test_ext().execute_with(|| {
		add_certified(15);
		let (t1, p) = drawn_committee(3);
		let e = p[0];
		assert_ok!(take_seat(e, t1, 0));
		let other = 2;
		certify(other, &[Role::Tenderer], b"LZ", H256::repeat_byte(0x72));
		let evaluating = || {
			let t = publish(other, b"BY", &BIDDERS);
			past_deadline(t);
			let draw = request(t, Mode::Remote, vec![line(101, 1)]);
			complete(draw);
			open(t);
			t
		};
		let (t2, t3) = (evaluating(), evaluating());
		run_to(System::block_number() + 1);
		let fresh = [0xee; 32];
		let e2 = reenter(e, fresh);
		let seat2 = seat_as_drawn(t2, e2);
		assert_ok!(take_seat_as(expert(e), t2, seat2, fresh, e));
		assert_eq!(seat_state(t2, seat2), SeatState::Seated(expert(e)));
		run_to(System::block_number() + 1);
		// A seat drawn for E on tender t3 before E was exposed.
		let seat3 = seat_as_drawn(t3, e);
		assert_ok!(take_seat(e, t3, seat3));
		assert_eq!(seat_state(t3, seat3), SeatState::Seated(expert(e)));
		assert!(!ExpertDraw::entry(e2).expect("entry").struck);
		assert!(!System::events()
			.iter()
			.any(|r| matches!(r.event, RuntimeEvent::ExpertDraw(Event::DuplicateExpert { .. }))));
	});
}

/// The host asks for experts of a speciality the tender never declared, to reach experts the
/// tender's evaluation does not need (and so choose among other people).
#[test]
fn attack_host_requests_undeclared_speciality_is_refused() {
	new_test_ext().execute_with(|| {
		for i in 0..6 {
			add(i, &[101, 999], b"JQ", employer(1), true);
		}
		let t = tender_with_bids();
		past_deadline(t);
		assert_noop!(try_request(t, vec![line(999, 2)]), Error::<Test>::SpecialityNotDeclared);
		assert_noop!(
			try_request(t, vec![line(101, 1), line(999, 1)]),
			Error::<Test>::SpecialityNotDeclared
		);
		assert_ok!(try_request(t, vec![line(101, 2)]));
	});
}

/// A seated member who sees the others' evaluations going against their favourite recuses:
/// the change of membership would clear every evaluation. Once a member has evaluated,
/// recusal is refused; a supervisor's removal remains.
#[test]
fn attack_member_recuses_to_wipe_votes_is_refused() {
	new_test_ext().execute_with(|| {
		add_certified(15);
		let (t, p) = drawn_committee(3);
		for (seat, e) in p.iter().enumerate() {
			assert_ok!(take_seat(*e, t, seat as u32));
		}
		// The tendering pallet records a member's evaluation.
		update_tender(t, |t| t.evaluation_underway = true);
		assert_noop!(
			ExpertDraw::recuse(RuntimeOrigin::signed(expert(p[1])), t, H256::repeat_byte(1)),
			Error::<Test>::EvaluationUnderway
		);
		assert_eq!(seat_state(t, 1), SeatState::Seated(expert(p[1])));
		assert_ok!(supervisor_removes(t, 1));
		// Before any evaluation, a member recuses.
		update_tender(t, |t| t.evaluation_underway = false);
		assert_ok!(ExpertDraw::recuse(
			RuntimeOrigin::signed(expert(p[2])),
			t,
			H256::repeat_byte(1)
		));
	});
}

/// A remote draw for an agency's tender: the agency is certified in Lanzhou, its principal in
/// Tianshui. Remote evaluation keeps away the experts of the tenderer's own city, which for an
/// agency's tender is the principal's as well as the agency's: neither city's experts are
/// drawn.
#[test]
fn remote_draw_of_an_agency_tender_avoids_the_principals_city() {
	new_test_ext().execute_with(|| {
		let agency = 3;
		certify(agency, &[Role::Agency], b"LZ", H256::repeat_byte(0xa9));
		let jiuquan: Vec<EntryId> =
			(0..6).map(|i| add(i, &[101], b"JQ", employer(1), true)).collect();
		let tianshui: Vec<EntryId> =
			(6..12).map(|i| add(i, &[101], b"TS", employer(1), true)).collect();
		let lanzhou: Vec<EntryId> =
			(12..15).map(|i| add(i, &[101], b"LZ", employer(1), true)).collect();
		let t = publish_for(agency, Some(H256::repeat_byte(0x91)), b"BY", &BIDDERS);
		update_tender(t, |t| t.principal_city = Some(city(b"TS")));
		past_deadline(t);
		let draw = request(t, Mode::Remote, vec![line(101, 2)]);
		assert_eq!(eligible(draw, 0), jiuquan);
		for e in tianshui.iter().chain(&lanzhou) {
			assert!(
				!eligible(draw, 0).contains(e),
				"entry {e} is of the agency's or principal's city"
			);
		}
	});
}

/// The pool administrator fills the pool with ghost entries (pseudonyms of accounts it holds,
/// without expert certificates) to pass `MinPoolMultiple`; each ghost drawn "proves" its entry,
/// is refused, and the free automatic re-draw rolls the seat again until a chosen expert comes.
/// Beyond `PoolFaultThreshold` such refusals per tender, the automatic replacement stops,
/// supervisors are alerted, and only a supervisor's order fills the seat.
#[test]
fn attack_ghost_entries_reroll_the_committee_is_refused() {
	new_test_ext().execute_with(|| {
		// Fifteen ghosts: no certificate.
		for i in 0..15 {
			add(i, &[101], b"JQ", employer(1), true);
		}
		let (t, p) = drawn_committee(3);
		// Two ghosts refused: each seat re-drawn automatically.
		assert_ok!(take_seat(p[0], t, 0));
		assert_ineligible(t, 0, expert(p[0]), Ineligibility::NotAnExpert);
		complete_latest(t);
		assert_ok!(take_seat(p[1], t, 1));
		complete_latest(t);
		assert_eq!(PoolFaults::<Test>::get(t), 2);
		// The third: no automatic re-draw, an alert.
		assert_ok!(take_seat(p[2], t, 2));
		assert_ineligible(t, 2, expert(p[2]), Ineligibility::NotAnExpert);
		System::assert_last_event(Event::PoolIntegrityAlert { tender: t, count: 3 }.into());
		assert!(TenderPending::<Test>::get(t).is_none());
		assert_noop!(host_replaces(t, 2), Error::<Test>::PoolIntegrityAlerted);
		assert_ok!(supervisor_orders(t, 2));
	});
}

/// A vacancy that no draw can fill any more makes the committee unfillable: too few eligible
/// experts of the seat's speciality left, or a committee record full (`MaxSeats`).
#[test]
fn a_committee_that_cannot_be_completed_says_so() {
	new_test_ext().execute_with(|| {
		let unfillable = |t| <ExpertDraw as EvaluationCommittee<u64>>::committee_unfillable(t);
		// Three experts: one drawn, two left, fewer than `MinPoolMultiple` for a replacement.
		add_certified(3);
		let (t, p) = drawn_committee(1);
		assert!(!unfillable(t));
		assert_ok!(decline(p[0], t, 0));
		assert_noop!(host_replaces(t, 0), Error::<Test>::PoolTooSmall);
		assert!(unfillable(t));
		// A record holding `MaxSeats` seats (as a long history of replacements leaves it).
		for i in 3..18 {
			add(i, &[101], b"JQ", employer(1), true);
			certify_expert(i);
		}
		settle();
		assert!(!unfillable(t));
		Committees::<Test>::mutate(t, |seats| {
			while !seats.is_full() {
				let draw = seats[0].draw;
				seats
					.try_push(Seat {
						entry: 0,
						speciality: 101,
						draw,
						state: SeatState::Replaced(ReplacementReason::Declined),
					})
					.expect("room");
			}
		});
		assert!(unfillable(t));
		assert_noop!(host_replaces(t, 0), Error::<Test>::TooManySeats);
	});
}
