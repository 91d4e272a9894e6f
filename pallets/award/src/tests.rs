//! The award procedure's rules, one test each, and the attacks they refuse (`attack_…`: each
//! fails if its rule is removed).

use crate::{
	mock::*, Complaint, ComplaintState, ComplaintSubject, Complaints, Contract, Contracts,
	Decision, Error, Event, Notice, NoticeState, Notices, Objection, ObjectionState, Objections,
	Parties, Procedures, Signature,
};
use frame_support::{assert_noop, assert_ok, dispatch::DispatchResult};
use pallet_tendering::{AwardChallenges, TenderId, TenderState};
use sp_core::H256;

type AwardPallet = crate::Pallet<Test>;

fn h(n: u8) -> H256 {
	H256::repeat_byte(n)
}

fn object(who: u64, tender: TenderId) -> DispatchResult {
	Award::file_objection(RuntimeOrigin::signed(who), tender, h(0x0b))
}

fn answer(tender: TenderId, id: u32) -> DispatchResult {
	Award::answer_objection(RuntimeOrigin::signed(TENDERER), tender, id, h(0xa5))
}

fn complain(who: u64, tender: TenderId, objection: Option<u32>) -> DispatchResult {
	Award::file_complaint(RuntimeOrigin::signed(who), tender, objection, h(0xc0))
}

fn accept(supervisor: u64, tender: TenderId, id: u32) -> DispatchResult {
	Award::accept_complaint(RuntimeOrigin::signed(supervisor), tender, id)
}

fn decide(supervisor: u64, tender: TenderId, id: u32, decision: Decision<u64>) -> DispatchResult {
	Award::decide_complaint(RuntimeOrigin::signed(supervisor), tender, id, decision, h(0xde))
}

fn issue(tender: TenderId) -> DispatchResult {
	Award::issue_award_notice(RuntimeOrigin::signed(TENDERER), tender)
}

fn decline(who: u64, tender: TenderId) -> DispatchResult {
	Award::decline_award(RuntimeOrigin::signed(who), tender, h(0xd1))
}

fn sign(who: u64, tender: TenderId, contract: H256, price: u128) -> DispatchResult {
	Award::sign_contract(RuntimeOrigin::signed(who), tender, contract, price)
}

fn held(tender: TenderId) -> bool {
	<AwardPallet as AwardChallenges>::award_held(tender)
}

fn objection_state(tender: TenderId, id: u32) -> ObjectionState {
	Objections::<Test>::get(tender, id).expect("filed").state
}

fn complaint_state(tender: TenderId, id: u32) -> ComplaintState<u64> {
	Complaints::<Test>::get(tender, id).expect("filed").state
}

/// A tender in publicity on which `who` objected and the tenderer answered (objection 0).
fn answered_objection(who: u64) -> TenderId {
	let tender = publish(&BIDDERS);
	assert_ok!(object(who, tender));
	assert_ok!(answer(tender, 0));
	tender
}

/// The round's notices of `tender` (its current round).
fn notices(tender: TenderId) -> Vec<Notice<u64>> {
	Notices::<Test>::get(tender, Procedures::<Test>::get(tender).round).into_inner()
}

// ---------------------------------------------------------------------------------------------
// Objections
// ---------------------------------------------------------------------------------------------

#[test]
fn a_bidder_objects_in_the_complaint_period_and_the_award_is_held() {
	new_test_ext().execute_with(|| {
		let tender = publish(&BIDDERS);
		assert!(!held(tender));
		set_now(START + DAY);
		assert_ok!(object(BIDDERS[1], tender));
		let round = Procedures::<Test>::get(tender).round;
		assert_eq!(
			Objections::<Test>::get(tender, 0),
			Some(Objection {
				objector: BIDDERS[1],
				evidence: h(0x0b),
				filed_at: START + DAY,
				answer_by: START + DAY + ANSWER_PERIOD,
				round,
				state: ObjectionState::Open,
			})
		);
		System::assert_last_event(
			Event::ObjectionFiled {
				tender,
				id: 0,
				objector: BIDDERS[1],
				evidence: h(0x0b),
				answer_by: START + DAY + ANSWER_PERIOD,
			}
			.into(),
		);
		assert!(held(tender));
		assert!(AwardPallet::objection_holds(tender, 0));
		// The tendering pallet finalizes nothing while it is held (the end of the complaint
		// period falls in the objection's answer period).
		set_now(START + PUBLICITY);
		assert_eq!(finalize(tender), Err(sp_runtime::DispatchError::Other("AwardHeldByChallenge")));
		// Its answer period over, unanswered and unmarked, it holds nothing.
		set_now(START + DAY + ANSWER_PERIOD);
		assert!(!AwardPallet::objection_holds(tender, 0));
		assert_ok!(finalize(tender));
	});
}

#[test]
fn objections_are_numbered_per_tender() {
	new_test_ext().execute_with(|| {
		let first = publish(&BIDDERS);
		let second = publish(&BIDDERS);
		assert_ok!(object(BIDDERS[0], first));
		assert_ok!(object(BIDDERS[1], first));
		assert_ok!(object(BIDDERS[0], second));
		assert_eq!(Objections::<Test>::get(first, 1).map(|o| o.objector), Some(BIDDERS[1]));
		assert_eq!(Objections::<Test>::get(second, 0).map(|o| o.objector), Some(BIDDERS[0]));
		assert_eq!(Procedures::<Test>::get(first).open(), 2);
		assert_eq!(Procedures::<Test>::get(second).open(), 1);
	});
}

#[test]
fn an_unranked_bidder_may_object() {
	new_test_ext().execute_with(|| {
		let tender = publish(&BIDDERS);
		assert_ok!(object(UNRANKED, tender));
	});
}

#[test]
fn an_objection_to_an_unknown_tender_is_refused() {
	new_test_ext().execute_with(|| {
		assert_noop!(object(BIDDERS[0], 7), Error::<Test>::UnknownTender);
	});
}

#[test]
fn attack_stranger_objects_to_hold_the_award() {
	new_test_ext().execute_with(|| {
		let tender = publish(&BIDDERS);
		// A certified bidder who did not bid on this tender, and the tenderer itself.
		assert_noop!(object(STRANGER, tender), Error::<Test>::NotAnInterestedParty);
		assert_noop!(object(TENDERER, tender), Error::<Test>::NotAnInterestedParty);
		assert!(!held(tender));
		set_now(START + PUBLICITY);
		assert_ok!(finalize(tender));
	});
}

#[test]
fn objections_are_filed_only_in_the_complaint_period() {
	new_test_ext().execute_with(|| {
		let tender = publish(&BIDDERS);
		set_now(START + PUBLICITY - 1);
		assert_ok!(object(BIDDERS[1], tender));
		// At the end of the complaint period, no more.
		set_now(START + PUBLICITY);
		assert_noop!(object(BIDDERS[2], tender), Error::<Test>::ObjectionPeriodOver);
	});
}

#[test]
fn objections_to_a_final_award_are_refused() {
	new_test_ext().execute_with(|| {
		let tender = awarded(&BIDDERS);
		assert_noop!(object(BIDDERS[1], tender), Error::<Test>::NotInPublicity);
		update(tender, |t| t.state = TenderState::Evaluating);
		assert_noop!(object(BIDDERS[1], tender), Error::<Test>::NotInPublicity);
	});
}

#[test]
fn one_unanswered_objection_per_party() {
	new_test_ext().execute_with(|| {
		let tender = publish(&BIDDERS);
		assert_ok!(object(BIDDERS[1], tender));
		assert_noop!(object(BIDDERS[1], tender), Error::<Test>::ObjectionPending);
		// Another party is not affected.
		assert_ok!(object(BIDDERS[2], tender));
		// Once answered, the party may object again.
		assert_ok!(answer(tender, 0));
		assert_ok!(object(BIDDERS[1], tender));
	});
}

#[test]
fn attack_objection_spam_holds_award_forever() {
	new_test_ext().execute_with(|| {
		let tender = publish(&BIDDERS);
		for id in 0..MAX_PER_PARTY {
			assert_ok!(object(BIDDERS[1], tender));
			assert!(held(tender));
			assert_ok!(answer(tender, id));
		}
		assert_noop!(object(BIDDERS[1], tender), Error::<Test>::TooManyObjections);
		assert_eq!(Parties::<Test>::get(tender, BIDDERS[1]).map(|p| p.objections), Some(3));
		// Every objection answered: the award proceeds after the complaint period.
		assert!(!held(tender));
		set_now(START + PUBLICITY);
		assert_ok!(finalize(tender));
		assert_eq!(tender_of(tender).state, TenderState::Awarded);
	});
}

#[test]
fn the_tenderer_answers_an_objection_and_releases_the_award() {
	new_test_ext().execute_with(|| {
		let tender = publish(&BIDDERS);
		assert_ok!(object(BIDDERS[1], tender));
		set_now(START + ANSWER_PERIOD - 1);
		assert_ok!(answer(tender, 0));
		assert_eq!(
			objection_state(tender, 0),
			ObjectionState::Answered {
				answer: h(0xa5),
				at: START + ANSWER_PERIOD - 1,
				late: false
			}
		);
		System::assert_last_event(
			Event::ObjectionAnswered { tender, id: 0, answer: h(0xa5), late: false }.into(),
		);
		assert!(!held(tender));
		assert_eq!(Procedures::<Test>::get(tender).open(), 0);
		assert_eq!(
			Parties::<Test>::get(tender, BIDDERS[1]).and_then(|p| p.unanswered_objection),
			None
		);
	});
}

#[test]
fn an_answer_at_or_after_the_answer_period_is_late() {
	new_test_ext().execute_with(|| {
		let tender = publish(&BIDDERS);
		assert_ok!(object(BIDDERS[1], tender));
		set_now(START + ANSWER_PERIOD);
		assert_ok!(answer(tender, 0));
		assert!(matches!(objection_state(tender, 0), ObjectionState::Answered { late: true, .. }));
	});
}

#[test]
fn only_the_tenderer_answers_an_objection() {
	new_test_ext().execute_with(|| {
		let tender = publish(&BIDDERS);
		assert_ok!(object(BIDDERS[1], tender));
		for who in [BIDDERS[0], BIDDERS[1], SUPERVISOR] {
			assert_noop!(
				Award::answer_objection(RuntimeOrigin::signed(who), tender, 0, h(1)),
				Error::<Test>::NotTheTenderer
			);
		}
	});
}

#[test]
fn answering_an_unknown_or_answered_objection_is_refused() {
	new_test_ext().execute_with(|| {
		let tender = publish(&BIDDERS);
		assert_noop!(answer(tender, 0), Error::<Test>::UnknownObjection);
		assert_noop!(answer(9, 0), Error::<Test>::UnknownTender);
		assert_ok!(object(BIDDERS[1], tender));
		assert_ok!(answer(tender, 0));
		assert_noop!(answer(tender, 0), Error::<Test>::ObjectionAlreadyAnswered);
	});
}

#[test]
fn an_objection_lapses_after_its_answer_period_and_may_still_be_answered() {
	new_test_ext().execute_with(|| {
		let tender = publish(&BIDDERS);
		assert_ok!(object(BIDDERS[1], tender));
		set_now(START + ANSWER_PERIOD - 1);
		assert_noop!(
			Award::mark_objection_lapsed(RuntimeOrigin::signed(STRANGER), tender, 0),
			Error::<Test>::AnswerPeriodRunning
		);
		assert!(held(tender));
		set_now(START + ANSWER_PERIOD);
		// Anyone may mark it: its hold is released, the objector's slot freed.
		assert_ok!(Award::mark_objection_lapsed(RuntimeOrigin::signed(STRANGER), tender, 0));
		assert_eq!(objection_state(tender, 0), ObjectionState::Lapsed);
		System::assert_last_event(
			Event::ObjectionLapsed { tender, id: 0, objector: BIDDERS[1] }.into(),
		);
		assert_noop!(
			Award::mark_objection_lapsed(RuntimeOrigin::signed(STRANGER), tender, 0),
			Error::<Test>::AlreadyLapsed
		);
		assert!(!held(tender));
		assert_eq!(Procedures::<Test>::get(tender).objections, 0);
		assert_eq!(
			Parties::<Test>::get(tender, BIDDERS[1]).and_then(|p| p.unanswered_objection),
			None
		);
		// The late answer is recorded and counts nothing twice.
		set_now(START + PUBLICITY + DAY);
		assert_ok!(answer(tender, 0));
		assert!(matches!(objection_state(tender, 0), ObjectionState::Answered { late: true, .. }));
		assert_eq!(Procedures::<Test>::get(tender).objections, 0);
		assert_ok!(finalize(tender));
	});
}

#[test]
fn an_answered_or_unknown_objection_cannot_be_marked_lapsed() {
	new_test_ext().execute_with(|| {
		let tender = publish(&BIDDERS);
		assert_noop!(
			Award::mark_objection_lapsed(RuntimeOrigin::signed(STRANGER), tender, 0),
			Error::<Test>::UnknownObjection
		);
		assert_ok!(object(BIDDERS[1], tender));
		assert_ok!(answer(tender, 0));
		set_now(START + ANSWER_PERIOD);
		assert_noop!(
			Award::mark_objection_lapsed(RuntimeOrigin::signed(STRANGER), tender, 0),
			Error::<Test>::ObjectionAlreadyAnswered
		);
	});
}

// ---------------------------------------------------------------------------------------------
// Complaints
// ---------------------------------------------------------------------------------------------

#[test]
fn a_complaint_on_the_result_follows_the_answered_objection() {
	new_test_ext().execute_with(|| {
		let tender = answered_objection(BIDDERS[1]);
		assert!(!held(tender));
		assert_ok!(complain(BIDDERS[1], tender, Some(0)));
		let round = Procedures::<Test>::get(tender).round;
		assert_eq!(
			Complaints::<Test>::get(tender, 0),
			Some(Complaint {
				complainant: BIDDERS[1],
				objection: Some(0),
				grounds: h(0xc0),
				subject: ComplaintSubject::EvaluationResult,
				filed_at: START,
				round,
				state: ComplaintState::Filed,
			})
		);
		System::assert_last_event(
			Event::ComplaintFiled {
				tender,
				id: 0,
				complainant: BIDDERS[1],
				objection: Some(0),
				subject: ComplaintSubject::EvaluationResult,
				grounds: h(0xc0),
			}
			.into(),
		);
		assert!(held(tender));
		assert!(AwardPallet::complaint_holds(tender, 0));
		set_now(START + PUBLICITY);
		assert!(finalize(tender).is_err());
	});
}

#[test]
fn attack_complaint_skips_objection() {
	new_test_ext().execute_with(|| {
		let tender = publish(&BIDDERS);
		assert_noop!(complain(BIDDERS[1], tender, None), Error::<Test>::ObjectionRequired);
		assert!(!held(tender));
		set_now(START + PUBLICITY);
		assert_ok!(finalize(tender));
	});
}

#[test]
fn a_complaint_cannot_ride_on_another_partys_objection() {
	new_test_ext().execute_with(|| {
		let tender = answered_objection(BIDDERS[1]);
		assert_noop!(complain(BIDDERS[2], tender, Some(0)), Error::<Test>::NotYourObjection);
		assert_noop!(complain(BIDDERS[2], tender, Some(5)), Error::<Test>::UnknownObjection);
	});
}

#[test]
fn a_complaint_waits_for_the_answer_or_the_end_of_the_answer_period() {
	new_test_ext().execute_with(|| {
		let tender = publish(&BIDDERS);
		assert_ok!(object(BIDDERS[1], tender));
		set_now(START + ANSWER_PERIOD - 1);
		assert_noop!(complain(BIDDERS[1], tender, Some(0)), Error::<Test>::ObjectionNotYetAnswered);
		// Unanswered at the end of the answer period: the objector may complain (lapsed or
		// not marked).
		set_now(START + ANSWER_PERIOD);
		assert_ok!(complain(BIDDERS[1], tender, Some(0)));
	});
}

#[test]
fn a_complaint_on_an_unanswered_objection_runs_from_the_end_of_the_answer_period() {
	new_test_ext().execute_with(|| {
		let tender = publish(&BIDDERS);
		assert_ok!(object(BIDDERS[1], tender));
		set_now(START + ANSWER_PERIOD + COMPLAINT_PERIOD);
		assert_noop!(complain(BIDDERS[1], tender, Some(0)), Error::<Test>::ComplaintTooLate);
		set_now(START + ANSWER_PERIOD + COMPLAINT_PERIOD - 1);
		assert_ok!(complain(BIDDERS[1], tender, Some(0)));
	});
}

#[test]
fn a_complaint_on_an_answered_objection_runs_from_the_answer() {
	new_test_ext().execute_with(|| {
		let tender = publish(&BIDDERS);
		assert_ok!(object(BIDDERS[1], tender));
		set_now(START + DAY);
		assert_ok!(answer(tender, 0));
		set_now(START + DAY + COMPLAINT_PERIOD);
		assert_noop!(complain(BIDDERS[1], tender, Some(0)), Error::<Test>::ComplaintTooLate);
		set_now(START + DAY + COMPLAINT_PERIOD - 1);
		assert_ok!(complain(BIDDERS[1], tender, Some(0)));
	});
}

#[test]
fn a_complaint_on_the_final_award_needs_no_objection() {
	new_test_ext().execute_with(|| {
		let tender = awarded(&BIDDERS);
		let publicity_ends = tender_of(tender).award.expect("awarded").publicity_ends;
		set_now(publicity_ends + COMPLAINT_PERIOD - 1);
		assert_ok!(complain(BIDDERS[1], tender, None));
		assert_eq!(
			Complaints::<Test>::get(tender, 0).map(|c| c.subject),
			Some(ComplaintSubject::Award)
		);
		assert!(held(tender));
	});
}

#[test]
fn a_complaint_on_the_final_award_is_filed_in_its_complaint_period() {
	new_test_ext().execute_with(|| {
		let tender = awarded(&BIDDERS);
		let publicity_ends = tender_of(tender).award.expect("awarded").publicity_ends;
		set_now(publicity_ends + COMPLAINT_PERIOD);
		assert_noop!(complain(BIDDERS[1], tender, None), Error::<Test>::ComplaintTooLate);
	});
}

#[test]
fn a_complaint_on_the_final_award_may_name_only_the_complainants_objection() {
	new_test_ext().execute_with(|| {
		let tender = publish(&BIDDERS);
		assert_ok!(object(BIDDERS[1], tender));
		assert_ok!(answer(tender, 0));
		set_now(START + PUBLICITY);
		assert_ok!(finalize(tender));
		assert_noop!(complain(BIDDERS[2], tender, Some(0)), Error::<Test>::NotYourObjection);
		assert_noop!(complain(BIDDERS[2], tender, Some(3)), Error::<Test>::UnknownObjection);
		assert_ok!(complain(BIDDERS[1], tender, Some(0)));
	});
}

#[test]
fn nothing_to_complain_of_without_a_result_or_award() {
	new_test_ext().execute_with(|| {
		let tender = publish(&BIDDERS);
		for state in [TenderState::Evaluating, TenderState::Voided, TenderState::NoMajority] {
			update(tender, |t| t.state = state);
			assert_noop!(complain(BIDDERS[1], tender, None), Error::<Test>::NothingToComplainOf);
		}
	});
}

#[test]
fn only_a_bidder_complains() {
	new_test_ext().execute_with(|| {
		let tender = awarded(&BIDDERS);
		assert_noop!(complain(STRANGER, tender, None), Error::<Test>::NotAnInterestedParty);
		assert_noop!(complain(TENDERER, tender, None), Error::<Test>::NotAnInterestedParty);
		assert_noop!(complain(STRANGER, 9, None), Error::<Test>::UnknownTender);
	});
}

#[test]
fn one_undecided_complaint_per_party_and_at_most_the_limit() {
	new_test_ext().execute_with(|| {
		let tender = awarded(&BIDDERS);
		assert_ok!(complain(BIDDERS[1], tender, None));
		assert_noop!(complain(BIDDERS[1], tender, None), Error::<Test>::ComplaintPending);
		assert_ok!(decide(SUPERVISOR, tender, 0, Decision::Dismissed));
		assert_ok!(complain(BIDDERS[1], tender, None));
		assert_ok!(decide(SUPERVISOR, tender, 1, Decision::Dismissed));
		assert_ok!(complain(BIDDERS[1], tender, None));
		assert_ok!(decide(SUPERVISOR, tender, 2, Decision::Dismissed));
		assert_noop!(complain(BIDDERS[1], tender, None), Error::<Test>::TooManyComplaints);
		// Another party keeps its own allowance.
		assert_ok!(complain(BIDDERS[2], tender, None));
	});
}

// ---------------------------------------------------------------------------------------------
// Accepting and deciding complaints
// ---------------------------------------------------------------------------------------------

#[test]
fn a_supervisor_of_the_city_accepts_a_complaint_and_suspends_the_tender() {
	new_test_ext().execute_with(|| {
		let tender = answered_objection(BIDDERS[1]);
		assert_ok!(complain(BIDDERS[1], tender, Some(0)));
		set_now(START + DAY);
		assert_ok!(accept(SUPERVISOR, tender, 0));
		assert_eq!(
			complaint_state(tender, 0),
			ComplaintState::Accepted { supervisor: SUPERVISOR, at: START + DAY }
		);
		assert_eq!(orders(), vec![Order::Suspend(tender, SUPERVISOR, h(0xc0))]);
		assert!(tender_of(tender).suspended);
		System::assert_last_event(
			Event::ComplaintAccepted { tender, id: 0, supervisor: SUPERVISOR, suspended: true }
				.into(),
		);
		assert_eq!(Procedures::<Test>::get(tender).suspended_at, Some(START + DAY));
		assert!(held(tender));
	});
}

#[test]
fn accepting_a_complaint_on_a_suspended_tender_does_not_suspend_it_again() {
	new_test_ext().execute_with(|| {
		let tender = awarded(&BIDDERS);
		assert_ok!(complain(BIDDERS[1], tender, None));
		assert_ok!(complain(BIDDERS[2], tender, None));
		assert_ok!(accept(SUPERVISOR, tender, 0));
		assert_ok!(accept(SUPERVISOR, tender, 1));
		assert_eq!(orders().len(), 1);
		System::assert_last_event(
			Event::ComplaintAccepted { tender, id: 1, supervisor: SUPERVISOR, suspended: false }
				.into(),
		);
		assert_eq!(Procedures::<Test>::get(tender).accepted, 2);
	});
}

#[test]
fn accepting_a_complaint_on_a_tender_without_candidates_suspends_nothing() {
	new_test_ext().execute_with(|| {
		let tender = awarded(&[BIDDERS[0]]);
		assert_ok!(issue(tender));
		assert_ok!(complain(BIDDERS[1], tender, None));
		assert_ok!(decline(BIDDERS[0], tender));
		assert_eq!(tender_of(tender).state, TenderState::NoEligibleCandidate);
		assert_ok!(accept(SUPERVISOR, tender, 0));
		System::assert_last_event(
			Event::ComplaintAccepted { tender, id: 0, supervisor: SUPERVISOR, suspended: false }
				.into(),
		);
		assert!(!orders().iter().any(|o| matches!(o, Order::Suspend(..))));
		// The supervisor may order the re-evaluation the tender awaits.
		assert_ok!(decide(SUPERVISOR, tender, 0, Decision::Reevaluate));
		assert_eq!(tender_of(tender).state, TenderState::Evaluating);
	});
}

#[test]
fn only_a_supervisor_accepts_a_complaint() {
	new_test_ext().execute_with(|| {
		let tender = awarded(&BIDDERS);
		assert_ok!(complain(BIDDERS[1], tender, None));
		assert_noop!(accept(AUDITOR, tender, 0), pallet_certificates::Error::<Test>::RoleNotHeld);
		assert_noop!(accept(TENDERER, tender, 0), pallet_certificates::Error::<Test>::RoleNotHeld);
		assert_noop!(accept(LANZHOU_SUPERVISOR, tender, 0), Error::<Test>::NotInJurisdiction);
		assert!(orders().is_empty());
	});
}

#[test]
fn accepting_an_unknown_accepted_or_decided_complaint_is_refused() {
	new_test_ext().execute_with(|| {
		let tender = awarded(&BIDDERS);
		assert_noop!(accept(SUPERVISOR, tender, 0), Error::<Test>::UnknownComplaint);
		assert_noop!(accept(SUPERVISOR, 9, 0), Error::<Test>::UnknownTender);
		assert_ok!(complain(BIDDERS[1], tender, None));
		assert_ok!(accept(SUPERVISOR, tender, 0));
		assert_noop!(accept(SUPERVISOR, tender, 0), Error::<Test>::ComplaintAlreadyAccepted);
		assert_ok!(decide(SUPERVISOR, tender, 0, Decision::Dismissed));
		assert_noop!(accept(SUPERVISOR, tender, 0), Error::<Test>::ComplaintAlreadyDecided);
	});
}

#[test]
fn a_dismissal_lifts_the_suspension_and_releases_the_award() {
	new_test_ext().execute_with(|| {
		let tender = answered_objection(BIDDERS[1]);
		assert_ok!(complain(BIDDERS[1], tender, Some(0)));
		assert_ok!(accept(SUPERVISOR, tender, 0));
		set_now(START + DAY);
		// Another supervisor of the city may decide.
		assert_ok!(decide(SECOND_SUPERVISOR, tender, 0, Decision::Dismissed));
		assert_eq!(
			complaint_state(tender, 0),
			ComplaintState::Decided {
				decision: Decision::Dismissed,
				reasons: h(0xde),
				supervisor: SECOND_SUPERVISOR,
				at: START + DAY,
			}
		);
		assert_eq!(
			orders(),
			vec![
				Order::Suspend(tender, SUPERVISOR, h(0xc0)),
				Order::Resume(tender, SECOND_SUPERVISOR, h(0xde)),
			]
		);
		System::assert_last_event(
			Event::ComplaintDecided {
				tender,
				id: 0,
				decision: Decision::Dismissed,
				reasons: h(0xde),
				supervisor: SECOND_SUPERVISOR,
			}
			.into(),
		);
		assert!(!held(tender));
		set_now(START + PUBLICITY);
		assert_ok!(finalize(tender));
	});
}

#[test]
fn the_suspension_stays_while_another_accepted_complaint_is_undecided() {
	new_test_ext().execute_with(|| {
		let tender = awarded(&BIDDERS);
		assert_ok!(complain(BIDDERS[1], tender, None));
		assert_ok!(complain(BIDDERS[2], tender, None));
		assert_ok!(accept(SUPERVISOR, tender, 0));
		assert_ok!(accept(SUPERVISOR, tender, 1));
		assert_ok!(decide(SUPERVISOR, tender, 0, Decision::Dismissed));
		assert!(tender_of(tender).suspended);
		assert!(!orders().iter().any(|o| matches!(o, Order::Resume(..))));
		assert_ok!(decide(SUPERVISOR, tender, 1, Decision::Dismissed));
		assert!(!tender_of(tender).suspended);
		assert_eq!(orders().last(), Some(&Order::Resume(tender, SUPERVISOR, h(0xde))));
	});
}

#[test]
fn a_dismissal_does_not_lift_a_suspension_this_pallet_did_not_make() {
	new_test_ext().execute_with(|| {
		let tender = awarded(&BIDDERS);
		// Suspended by a supervisor directly in the tendering pallet.
		update(tender, |t| t.suspended = true);
		assert_ok!(complain(BIDDERS[1], tender, None));
		assert_ok!(accept(SUPERVISOR, tender, 0));
		assert_ok!(decide(SUPERVISOR, tender, 0, Decision::Dismissed));
		assert!(tender_of(tender).suspended);
		assert!(orders().is_empty());
	});
}

#[test]
fn a_filed_complaint_may_be_decided_without_acceptance() {
	new_test_ext().execute_with(|| {
		let tender = awarded(&BIDDERS);
		assert_ok!(complain(BIDDERS[1], tender, None));
		assert_ok!(decide(SUPERVISOR, tender, 0, Decision::Dismissed));
		assert!(orders().is_empty());
		assert!(!held(tender));
	});
}

#[test]
fn attack_supervisor_of_another_city_decides_complaint() {
	new_test_ext().execute_with(|| {
		let tender = awarded(&BIDDERS);
		assert_ok!(complain(BIDDERS[1], tender, None));
		assert_ok!(accept(SUPERVISOR, tender, 0));
		for decision in [
			Decision::Dismissed,
			Decision::Reevaluate,
			Decision::Disqualify(BIDDERS[0]),
			Decision::Void,
		] {
			assert_noop!(
				decide(LANZHOU_SUPERVISOR, tender, 0, decision),
				Error::<Test>::NotInJurisdiction
			);
		}
		assert_noop!(
			decide(AUDITOR, tender, 0, Decision::Void),
			pallet_certificates::Error::<Test>::RoleNotHeld
		);
		assert_eq!(orders().len(), 1);
	});
}

#[test]
fn deciding_an_unknown_or_decided_complaint_is_refused() {
	new_test_ext().execute_with(|| {
		let tender = awarded(&BIDDERS);
		assert_noop!(
			decide(SUPERVISOR, tender, 0, Decision::Dismissed),
			Error::<Test>::UnknownComplaint
		);
		assert_ok!(complain(BIDDERS[1], tender, None));
		assert_ok!(decide(SUPERVISOR, tender, 0, Decision::Dismissed));
		assert_noop!(
			decide(SUPERVISOR, tender, 0, Decision::Void),
			Error::<Test>::ComplaintAlreadyDecided
		);
	});
}

#[test]
fn a_reevaluation_clears_the_result_and_closes_the_round() {
	new_test_ext().execute_with(|| {
		let tender = publish(&BIDDERS);
		// BIDDERS[2]'s objection is still open; BIDDERS[1] complains after its answer.
		assert_ok!(object(BIDDERS[1], tender));
		assert_ok!(answer(tender, 0));
		assert_ok!(object(BIDDERS[2], tender));
		assert_ok!(complain(BIDDERS[1], tender, Some(0)));
		assert_ok!(accept(SUPERVISOR, tender, 0));
		let round = Procedures::<Test>::get(tender).round;
		assert_ok!(decide(SUPERVISOR, tender, 0, Decision::Reevaluate));
		assert_eq!(orders().last(), Some(&Order::Reevaluate(tender, SUPERVISOR, h(0xde))));
		assert_eq!(tender_of(tender).state, TenderState::Evaluating);
		System::assert_has_event(Event::ChallengesSuperseded { tender, round, open: 1 }.into());
		assert!(!held(tender));
		assert!(!AwardPallet::objection_holds(tender, 1));
		// No Resume: the re-evaluation lifted the suspension.
		assert!(!orders().iter().any(|o| matches!(o, Order::Resume(..))));
		assert_eq!(Procedures::<Test>::get(tender).suspended_at, None);
	});
}

#[test]
fn attack_old_round_objection_holds_new_result() {
	new_test_ext().execute_with(|| {
		let tender = publish(&BIDDERS);
		assert_ok!(object(BIDDERS[1], tender));
		assert_ok!(answer(tender, 0));
		// BIDDERS[2] objects and is never answered; BIDDERS[1] complains and wins a
		// re-evaluation.
		assert_ok!(object(BIDDERS[2], tender));
		assert_ok!(complain(BIDDERS[1], tender, Some(0)));
		assert_ok!(accept(SUPERVISOR, tender, 0));
		assert_ok!(decide(SUPERVISOR, tender, 0, Decision::Reevaluate));
		// The committee publishes a new result.
		set_now(START + DAY);
		republish(tender, &[BIDDERS[1], BIDDERS[0]]);
		assert!(!held(tender));
		assert!(!AwardPallet::objection_holds(tender, 1));
		// The old objection can no longer be answered, lapsed or complained on.
		assert_noop!(answer(tender, 1), Error::<Test>::ObjectionSuperseded);
		set_now(START + DAY + ANSWER_PERIOD);
		assert_noop!(
			Award::mark_objection_lapsed(RuntimeOrigin::signed(STRANGER), tender, 1),
			Error::<Test>::ObjectionSuperseded
		);
		assert_noop!(complain(BIDDERS[2], tender, Some(1)), Error::<Test>::ObjectionSuperseded);
		// The new result is finalized after its own complaint period.
		set_now(START + DAY + PUBLICITY);
		assert_ok!(finalize(tender));
	});
}

#[test]
fn a_reevaluation_ends_the_round_even_if_the_same_result_is_published_again() {
	new_test_ext().execute_with(|| {
		let tender = publish(&BIDDERS);
		let before = tender_of(tender).award.expect("published");
		assert_ok!(object(BIDDERS[1], tender));
		assert_ok!(answer(tender, 0));
		assert_ok!(object(BIDDERS[2], tender));
		assert_ok!(complain(BIDDERS[1], tender, Some(0)));
		assert_ok!(accept(SUPERVISOR, tender, 0));
		assert_ok!(decide(SUPERVISOR, tender, 0, Decision::Reevaluate));
		// The committee publishes exactly the same result (same report hash) again.
		update(tender, |t| {
			t.state = TenderState::Publicity;
			t.award = Some(before.clone());
		});
		assert!(!held(tender));
		assert_noop!(answer(tender, 1), Error::<Test>::ObjectionSuperseded);
	});
}

#[test]
fn a_new_round_starts_the_party_limits_again() {
	new_test_ext().execute_with(|| {
		let tender = publish(&BIDDERS);
		for id in 0..MAX_PER_PARTY {
			assert_ok!(object(BIDDERS[1], tender));
			assert_ok!(answer(tender, id));
		}
		assert_noop!(object(BIDDERS[1], tender), Error::<Test>::TooManyObjections);
		assert_ok!(complain(BIDDERS[1], tender, Some(2)));
		assert_ok!(accept(SUPERVISOR, tender, 0));
		assert_ok!(decide(SUPERVISOR, tender, 0, Decision::Reevaluate));
		republish(tender, &BIDDERS);
		assert_ok!(object(BIDDERS[1], tender));
		assert_eq!(Objections::<Test>::get(tender, 3).map(|o| o.objector), Some(BIDDERS[1]));
	});
}

#[test]
fn a_result_published_again_outside_this_pallet_supersedes_the_old_round() {
	new_test_ext().execute_with(|| {
		// The winner declines its notice and no candidate is left: a supervisor orders a
		// re-evaluation in the tendering pallet, and the committee publishes a new result.
		// BIDDERS[1]'s complaint on the award is undecided.
		let tender = awarded(&[BIDDERS[0]]);
		assert_ok!(issue(tender));
		assert_ok!(complain(BIDDERS[1], tender, None));
		assert_ok!(decline(BIDDERS[0], tender));
		assert_eq!(tender_of(tender).state, TenderState::NoEligibleCandidate);
		assert!(AwardPallet::complaint_holds(tender, 0));
		let round = Procedures::<Test>::get(tender).round;
		republish(tender, &[BIDDERS[1]]);
		// The complaint of the old round holds nothing.
		assert!(!held(tender));
		assert!(!AwardPallet::complaint_holds(tender, 0));
		assert_noop!(accept(SUPERVISOR, tender, 0), Error::<Test>::ComplaintSuperseded);
		assert_noop!(
			decide(SUPERVISOR, tender, 0, Decision::Dismissed),
			Error::<Test>::ComplaintSuperseded
		);
		// The next action opens the new round and tells of the old one's open challenges.
		assert_ok!(object(BIDDERS[2], tender));
		System::assert_has_event(Event::ChallengesSuperseded { tender, round, open: 1 }.into());
		assert_eq!(Procedures::<Test>::get(tender).round, round + 1);
		assert_eq!(Procedures::<Test>::get(tender).open(), 1);
		assert_ok!(answer(tender, 0));
		set_now(now() + PUBLICITY);
		assert_ok!(finalize(tender));
	});
}

#[test]
fn a_disqualification_passes_the_candidate_over_and_withdraws_its_notice() {
	new_test_ext().execute_with(|| {
		let tender = awarded(&BIDDERS);
		assert_ok!(issue(tender));
		assert_ok!(complain(BIDDERS[1], tender, None));
		assert_ok!(accept(SUPERVISOR, tender, 0));
		assert_ok!(decide(SUPERVISOR, tender, 0, Decision::Disqualify(BIDDERS[0])));
		assert_eq!(
			orders(),
			vec![
				Order::Suspend(tender, SUPERVISOR, h(0xc0)),
				Order::PassOver(tender, BIDDERS[0]),
				Order::Resume(tender, SUPERVISOR, h(0xde)),
			]
		);
		assert!(matches!(notices(tender)[0].state, NoticeState::Withdrawn { .. }));
		System::assert_has_event(
			Event::AwardNoticeWithdrawn { tender, candidate: BIDDERS[0] }.into(),
		);
		assert_eq!(AwardPallet::live_notice(tender), None);
		// The tenderer notifies the next candidate.
		assert_ok!(issue(tender));
		assert_eq!(notices(tender)[1].candidate, BIDDERS[1]);
	});
}

#[test]
fn a_disqualification_in_the_complaint_period_moves_the_winner() {
	new_test_ext().execute_with(|| {
		let tender = answered_objection(BIDDERS[1]);
		assert_ok!(complain(BIDDERS[1], tender, Some(0)));
		assert_ok!(accept(SUPERVISOR, tender, 0));
		assert_ok!(decide(SUPERVISOR, tender, 0, Decision::Disqualify(BIDDERS[0])));
		assert_eq!(tender_of(tender).award.map(|a| a.winner), Some(BIDDERS[1]));
		assert_eq!(tender_of(tender).state, TenderState::Publicity);
		// Not a new round: pass-overs keep the result's report.
		assert!(!held(tender));
	});
}

#[test]
fn only_a_ranked_candidate_is_disqualified() {
	new_test_ext().execute_with(|| {
		let tender = awarded(&[BIDDERS[0], BIDDERS[1]]);
		assert_ok!(complain(BIDDERS[1], tender, None));
		assert_ok!(accept(SUPERVISOR, tender, 0));
		for who in [BIDDERS[2], UNRANKED, STRANGER] {
			assert_noop!(
				decide(SUPERVISOR, tender, 0, Decision::Disqualify(who)),
				Error::<Test>::NotACandidate
			);
		}
	});
}

#[test]
fn a_void_decision_closes_the_tender_and_withdraws_the_notice() {
	new_test_ext().execute_with(|| {
		let tender = awarded(&BIDDERS);
		assert_ok!(issue(tender));
		assert_ok!(complain(BIDDERS[1], tender, None));
		assert_ok!(complain(BIDDERS[2], tender, None));
		assert_ok!(accept(SUPERVISOR, tender, 0));
		let round = Procedures::<Test>::get(tender).round;
		assert_ok!(decide(SUPERVISOR, tender, 0, Decision::Void));
		assert_eq!(orders().last(), Some(&Order::Void(tender, SUPERVISOR, h(0xde))));
		assert_eq!(tender_of(tender).state, TenderState::Voided);
		assert!(matches!(notices(tender)[0].state, NoticeState::Withdrawn { .. }));
		System::assert_has_event(Event::ChallengesSuperseded { tender, round, open: 1 }.into());
		assert!(!held(tender));
		assert_noop!(
			decide(SUPERVISOR, tender, 1, Decision::Dismissed),
			Error::<Test>::ComplaintSuperseded
		);
		assert_noop!(complain(BIDDERS[0], tender, None), Error::<Test>::NothingToComplainOf);
	});
}

#[test]
fn attack_supervisor_undoes_a_concluded_contract() {
	new_test_ext().execute_with(|| {
		let tender = awarded(&BIDDERS);
		assert_ok!(issue(tender));
		assert_ok!(sign(TENDERER, tender, h(0xcc), price_of(BIDDERS[0])));
		assert_ok!(sign(BIDDERS[0], tender, h(0xcc), price_of(BIDDERS[0])));
		assert_ok!(complain(BIDDERS[1], tender, None));
		assert_ok!(accept(SUPERVISOR, tender, 0));
		assert_noop!(
			decide(SUPERVISOR, tender, 0, Decision::Reevaluate),
			Error::<Test>::ContractAlreadyConcluded
		);
		assert_noop!(
			decide(SUPERVISOR, tender, 0, Decision::Disqualify(BIDDERS[0])),
			Error::<Test>::ContractAlreadyConcluded
		);
		// Nor declared void: the concluded contract stands.
		assert_noop!(
			decide(SUPERVISOR, tender, 0, Decision::Void),
			Error::<Test>::ContractAlreadyConcluded
		);
		assert_ok!(decide(SUPERVISOR, tender, 0, Decision::Dismissed));
		assert_eq!(tender_of(tender).state, TenderState::Awarded);
		assert!(Contracts::<Test>::contains_key(tender));
	});
}

// ---------------------------------------------------------------------------------------------
// Award notice
// ---------------------------------------------------------------------------------------------

#[test]
fn the_tenderer_notifies_the_winner() {
	new_test_ext().execute_with(|| {
		let tender = awarded(&BIDDERS);
		let t0 = now();
		assert_ok!(issue(tender));
		let notice = Notice {
			candidate: BIDDERS[0],
			issued_at: t0,
			sign_by: t0 + CONTRACT_PERIOD,
			tenderer_signed: None,
			candidate_signed: None,
			state: NoticeState::Issued,
		};
		assert_eq!(notices(tender), vec![notice.clone()]);
		assert_eq!(AwardPallet::live_notice(tender), Some(notice));
		System::assert_last_event(
			Event::AwardNoticeIssued {
				tender,
				candidate: BIDDERS[0],
				sign_by: t0 + CONTRACT_PERIOD,
			}
			.into(),
		);
	});
}

#[test]
fn no_notice_during_the_complaint_period() {
	new_test_ext().execute_with(|| {
		let tender = publish(&BIDDERS);
		assert_noop!(issue(tender), Error::<Test>::NotAwarded);
		set_now(START + PUBLICITY);
		// The complaint period is over but the award is not final.
		assert_noop!(issue(tender), Error::<Test>::NotAwarded);
		assert_noop!(issue(9), Error::<Test>::UnknownTender);
	});
}

#[test]
fn only_the_tenderer_issues_the_notice() {
	new_test_ext().execute_with(|| {
		let tender = awarded(&BIDDERS);
		for who in [BIDDERS[0], BIDDERS[1], SUPERVISOR] {
			assert_noop!(
				Award::issue_award_notice(RuntimeOrigin::signed(who), tender),
				Error::<Test>::NotTheTenderer
			);
		}
	});
}

#[test]
fn no_notice_while_suspended_or_held_or_already_issued() {
	new_test_ext().execute_with(|| {
		let tender = awarded(&BIDDERS);
		update(tender, |t| t.suspended = true);
		assert_noop!(issue(tender), Error::<Test>::TenderSuspended);
		update(tender, |t| t.suspended = false);
		assert_ok!(complain(BIDDERS[1], tender, None));
		assert_noop!(issue(tender), Error::<Test>::AwardHeldByChallenge);
		assert_ok!(decide(SUPERVISOR, tender, 0, Decision::Dismissed));
		assert_ok!(issue(tender));
		assert_noop!(issue(tender), Error::<Test>::NoticeAlreadyIssued);
	});
}

#[test]
fn no_notice_after_the_contract() {
	new_test_ext().execute_with(|| {
		let tender = awarded(&BIDDERS);
		assert_ok!(issue(tender));
		assert_ok!(sign(TENDERER, tender, h(0xcc), price_of(BIDDERS[0])));
		assert_ok!(sign(BIDDERS[0], tender, h(0xcc), price_of(BIDDERS[0])));
		assert_noop!(issue(tender), Error::<Test>::ContractAlreadyConcluded);
	});
}

#[test]
fn attack_tenderer_notifies_second_candidate_first() {
	new_test_ext().execute_with(|| {
		let tender = awarded(&BIDDERS);
		// The notice takes no candidate: it goes to the award's winner.
		assert_ok!(issue(tender));
		assert_eq!(AwardPallet::live_notice(tender).map(|n| n.candidate), Some(BIDDERS[0]));
		// The tenderer cannot reach the second candidate: no second notice, no early lapse,
		// and the second cannot sign.
		assert_noop!(issue(tender), Error::<Test>::NoticeAlreadyIssued);
		assert_noop!(
			Award::lapse_notice(RuntimeOrigin::signed(TENDERER), tender),
			Error::<Test>::ContractPeriodRunning
		);
		assert_noop!(
			sign(BIDDERS[1], tender, h(0xcc), price_of(BIDDERS[1])),
			Error::<Test>::NotAPartyToTheContract
		);
		assert!(!orders().iter().any(|o| matches!(o, Order::PassOver(..))));
	});
}

#[test]
fn the_candidate_declines_and_the_next_is_notified() {
	new_test_ext().execute_with(|| {
		let tender = awarded(&BIDDERS);
		assert_ok!(issue(tender));
		assert_ok!(decline(BIDDERS[0], tender));
		assert_eq!(orders(), vec![Order::PassOver(tender, BIDDERS[0])]);
		assert_eq!(notices(tender)[0].state, NoticeState::Declined { reason: h(0xd1), at: now() });
		System::assert_last_event(
			Event::AwardDeclined {
				tender,
				candidate: BIDDERS[0],
				reason: h(0xd1),
				next: Some(BIDDERS[1]),
			}
			.into(),
		);
		assert_ok!(issue(tender));
		assert_eq!(AwardPallet::live_notice(tender).map(|n| n.candidate), Some(BIDDERS[1]));
	});
}

#[test]
fn when_the_last_candidate_declines_none_is_left() {
	new_test_ext().execute_with(|| {
		let tender = awarded(&[BIDDERS[0]]);
		assert_ok!(issue(tender));
		assert_ok!(decline(BIDDERS[0], tender));
		System::assert_last_event(
			Event::AwardDeclined { tender, candidate: BIDDERS[0], reason: h(0xd1), next: None }
				.into(),
		);
		assert_eq!(tender_of(tender).state, TenderState::NoEligibleCandidate);
		assert_noop!(issue(tender), Error::<Test>::NotAwarded);
	});
}

#[test]
fn attack_candidate_declines_for_another() {
	new_test_ext().execute_with(|| {
		let tender = awarded(&BIDDERS);
		assert_noop!(decline(BIDDERS[0], tender), Error::<Test>::NoLiveNotice);
		assert_ok!(issue(tender));
		// The second candidate (to move up), the tenderer, a supervisor: none may decline.
		for who in [BIDDERS[1], BIDDERS[2], TENDERER, SUPERVISOR] {
			assert_noop!(decline(who, tender), Error::<Test>::NotTheNotifiedCandidate);
		}
		assert!(orders().is_empty());
		assert_eq!(AwardPallet::live_notice(tender).map(|n| n.candidate), Some(BIDDERS[0]));
	});
}

#[test]
fn a_candidate_that_signed_cannot_decline() {
	new_test_ext().execute_with(|| {
		let tender = awarded(&BIDDERS);
		assert_ok!(issue(tender));
		assert_ok!(sign(BIDDERS[0], tender, h(0xcc), price_of(BIDDERS[0])));
		assert_noop!(decline(BIDDERS[0], tender), Error::<Test>::AlreadySigned);
	});
}

// ---------------------------------------------------------------------------------------------
// Contract
// ---------------------------------------------------------------------------------------------

#[test]
fn both_parties_sign_the_same_contract_at_the_winning_price() {
	new_test_ext().execute_with(|| {
		let tender = awarded(&BIDDERS);
		assert_ok!(issue(tender));
		let t0 = now();
		let price = price_of(BIDDERS[0]);
		assert_ok!(sign(TENDERER, tender, h(0xcc), price));
		System::assert_last_event(
			Event::ContractSigned { tender, signer: TENDERER, contract: h(0xcc), price }.into(),
		);
		assert!(!Contracts::<Test>::contains_key(tender));
		set_now(t0 + DAY);
		assert_ok!(sign(BIDDERS[0], tender, h(0xcc), price));
		System::assert_has_event(
			Event::ContractSigned { tender, signer: BIDDERS[0], contract: h(0xcc), price }.into(),
		);
		System::assert_last_event(
			Event::ContractConcluded { tender, candidate: BIDDERS[0], contract: h(0xcc), price }
				.into(),
		);
		assert_eq!(
			Contracts::<Test>::get(tender),
			Some(Contract {
				tender,
				candidate: BIDDERS[0],
				contract: h(0xcc),
				price,
				tenderer_signed_at: t0,
				candidate_signed_at: t0 + DAY,
			})
		);
		let notice = &notices(tender)[0];
		assert_eq!(notice.state, NoticeState::Contracted { at: t0 + DAY });
		assert_eq!(notice.tenderer_signed, Some(Signature { contract: h(0xcc), price, at: t0 }));
		assert_eq!(AwardPallet::live_notice(tender), None);
	});
}

#[test]
fn attack_contract_price_differs_from_winning_bid() {
	new_test_ext().execute_with(|| {
		let tender = awarded(&BIDDERS);
		assert_ok!(issue(tender));
		let price = price_of(BIDDERS[0]);
		// Both parties agree on another price: refused, whoever signs first.
		assert_noop!(
			sign(TENDERER, tender, h(0xcc), price + 1),
			Error::<Test>::ContractPriceMismatch
		);
		assert_noop!(
			sign(BIDDERS[0], tender, h(0xcc), price - 1),
			Error::<Test>::ContractPriceMismatch
		);
		// The second candidate's (higher) price is not the winning bid either.
		assert_noop!(
			sign(TENDERER, tender, h(0xcc), price_of(BIDDERS[1])),
			Error::<Test>::ContractPriceMismatch
		);
		assert!(!Contracts::<Test>::contains_key(tender));
	});
}

#[test]
fn a_candidate_without_revealed_terms_cannot_contract() {
	new_test_ext().execute_with(|| {
		let tender = awarded(&BIDDERS);
		assert_ok!(issue(tender));
		update(tender, |t| t.bids.retain(|(b, _)| *b != BIDDERS[0]));
		assert_noop!(
			sign(TENDERER, tender, h(0xcc), price_of(BIDDERS[0])),
			Error::<Test>::ContractPriceMismatch
		);
	});
}

#[test]
fn signatures_that_differ_conclude_nothing() {
	new_test_ext().execute_with(|| {
		let tender = awarded(&BIDDERS);
		assert_ok!(issue(tender));
		let price = price_of(BIDDERS[0]);
		assert_ok!(sign(BIDDERS[0], tender, h(0xcc), price));
		// The tenderer signs its own document: recorded, nothing concluded.
		assert_ok!(sign(TENDERER, tender, h(0xcd), price));
		assert!(!Contracts::<Test>::contains_key(tender));
		let notice = AwardPallet::live_notice(tender).expect("still live");
		assert_eq!(notice.candidate_signed.map(|s| s.contract), Some(h(0xcc)));
		assert_eq!(notice.tenderer_signed.map(|s| s.contract), Some(h(0xcd)));
	});
}

#[test]
fn a_party_may_sign_again_until_the_contract_is_concluded() {
	new_test_ext().execute_with(|| {
		let tender = awarded(&BIDDERS);
		assert_ok!(issue(tender));
		let t0 = now();
		let price = price_of(BIDDERS[0]);
		assert_ok!(sign(TENDERER, tender, h(0xcc), price));
		assert_ok!(sign(BIDDERS[0], tender, h(0xce), price));
		// The tenderer replaces its signature with the candidate's document: concluded.
		set_now(t0 + DAY);
		assert_ok!(sign(TENDERER, tender, h(0xce), price));
		assert_eq!(
			Contracts::<Test>::get(tender),
			Some(Contract {
				tender,
				candidate: BIDDERS[0],
				contract: h(0xce),
				price,
				tenderer_signed_at: t0 + DAY,
				candidate_signed_at: t0,
			})
		);
		// Once concluded, nobody signs again.
		assert_noop!(
			sign(TENDERER, tender, h(0xcc), price),
			Error::<Test>::ContractAlreadyConcluded
		);
		assert_noop!(
			sign(BIDDERS[0], tender, h(0xcc), price),
			Error::<Test>::ContractAlreadyConcluded
		);
	});
}

#[test]
fn only_the_tenderer_and_the_notified_candidate_sign() {
	new_test_ext().execute_with(|| {
		let tender = awarded(&BIDDERS);
		assert_noop!(
			sign(TENDERER, tender, h(0xcc), price_of(BIDDERS[0])),
			Error::<Test>::NoLiveNotice
		);
		assert_ok!(issue(tender));
		for who in [BIDDERS[1], STRANGER, SUPERVISOR] {
			assert_noop!(
				sign(who, tender, h(0xcc), price_of(BIDDERS[0])),
				Error::<Test>::NotAPartyToTheContract
			);
		}
	});
}

#[test]
fn the_contract_is_signed_within_the_contract_period() {
	new_test_ext().execute_with(|| {
		let tender = awarded(&BIDDERS);
		assert_ok!(issue(tender));
		let sign_by = now() + CONTRACT_PERIOD;
		let price = price_of(BIDDERS[0]);
		set_now(sign_by + 1);
		assert_noop!(sign(BIDDERS[0], tender, h(0xcc), price), Error::<Test>::ContractPeriodOver);
		assert_noop!(sign(TENDERER, tender, h(0xcc), price), Error::<Test>::ContractPeriodOver);
		set_now(sign_by);
		assert_ok!(sign(BIDDERS[0], tender, h(0xcc), price));
	});
}

#[test]
fn the_tenderer_may_complete_late_a_contract_the_candidate_signed_in_time() {
	new_test_ext().execute_with(|| {
		let tender = awarded(&BIDDERS);
		assert_ok!(issue(tender));
		let sign_by = now() + CONTRACT_PERIOD;
		let price = price_of(BIDDERS[0]);
		assert_ok!(sign(BIDDERS[0], tender, h(0xcc), price));
		set_now(sign_by + DAY);
		// The tenderer cannot pass over a candidate that signed in time.
		assert_noop!(
			Award::lapse_notice(RuntimeOrigin::signed(TENDERER), tender),
			Error::<Test>::CandidateHasSigned
		);
		assert_ok!(sign(TENDERER, tender, h(0xcc), price));
		assert!(Contracts::<Test>::contains_key(tender));
	});
}

#[test]
fn no_signature_while_the_tender_is_suspended() {
	new_test_ext().execute_with(|| {
		let tender = awarded(&BIDDERS);
		assert_ok!(issue(tender));
		update(tender, |t| t.suspended = true);
		assert_noop!(
			sign(BIDDERS[0], tender, h(0xcc), price_of(BIDDERS[0])),
			Error::<Test>::TenderSuspended
		);
	});
}

// ---------------------------------------------------------------------------------------------
// Lapsed notice
// ---------------------------------------------------------------------------------------------

#[test]
fn a_candidate_that_did_not_sign_in_time_is_passed_over() {
	new_test_ext().execute_with(|| {
		let tender = awarded(&BIDDERS);
		assert_ok!(issue(tender));
		let sign_by = now() + CONTRACT_PERIOD;
		// The tenderer's own signature does not keep the candidate.
		assert_ok!(sign(TENDERER, tender, h(0xcc), price_of(BIDDERS[0])));
		set_now(sign_by);
		assert_noop!(
			Award::lapse_notice(RuntimeOrigin::signed(TENDERER), tender),
			Error::<Test>::ContractPeriodRunning
		);
		set_now(sign_by + 1);
		assert_ok!(Award::lapse_notice(RuntimeOrigin::signed(TENDERER), tender));
		assert_eq!(orders(), vec![Order::PassOver(tender, BIDDERS[0])]);
		assert_eq!(notices(tender)[0].state, NoticeState::Lapsed { at: sign_by + 1 });
		System::assert_last_event(
			Event::AwardNoticeLapsed { tender, candidate: BIDDERS[0], next: Some(BIDDERS[1]) }
				.into(),
		);
		assert_ok!(issue(tender));
		assert_eq!(AwardPallet::live_notice(tender).map(|n| n.candidate), Some(BIDDERS[1]));
	});
}

#[test]
fn only_the_tenderer_lapses_a_notice_and_only_a_live_one_unsuspended() {
	new_test_ext().execute_with(|| {
		let tender = awarded(&BIDDERS);
		assert_noop!(
			Award::lapse_notice(RuntimeOrigin::signed(TENDERER), tender),
			Error::<Test>::NoLiveNotice
		);
		assert_ok!(issue(tender));
		set_now(now() + CONTRACT_PERIOD + 1);
		assert_noop!(
			Award::lapse_notice(RuntimeOrigin::signed(BIDDERS[1]), tender),
			Error::<Test>::NotTheTenderer
		);
		update(tender, |t| t.suspended = true);
		assert_noop!(
			Award::lapse_notice(RuntimeOrigin::signed(TENDERER), tender),
			Error::<Test>::TenderSuspended
		);
	});
}

#[test]
fn a_suspension_on_a_complaint_extends_the_contract_period() {
	new_test_ext().execute_with(|| {
		let tender = awarded(&BIDDERS);
		assert_ok!(issue(tender));
		let sign_by = now() + CONTRACT_PERIOD;
		set_now(now() + DAY);
		assert_ok!(complain(BIDDERS[1], tender, None));
		assert_ok!(accept(SUPERVISOR, tender, 0));
		set_now(now() + 5 * DAY);
		assert_ok!(decide(SUPERVISOR, tender, 0, Decision::Dismissed));
		let extended = sign_by + 5 * DAY;
		assert_eq!(AwardPallet::live_notice(tender).map(|n| n.sign_by), Some(extended));
		System::assert_has_event(
			Event::ContractPeriodExtended { tender, candidate: BIDDERS[0], sign_by: extended }
				.into(),
		);
		set_now(sign_by + 1);
		assert_noop!(
			Award::lapse_notice(RuntimeOrigin::signed(TENDERER), tender),
			Error::<Test>::ContractPeriodRunning
		);
		assert_ok!(sign(BIDDERS[0], tender, h(0xcc), price_of(BIDDERS[0])));
	});
}

// ---------------------------------------------------------------------------------------------
// The hold on the award
// ---------------------------------------------------------------------------------------------

#[test]
fn the_hold_counts_every_open_challenge_of_the_round() {
	new_test_ext().execute_with(|| {
		let tender = publish(&BIDDERS);
		assert_ok!(object(BIDDERS[0], tender));
		assert_ok!(object(BIDDERS[1], tender));
		assert_ok!(answer(tender, 1));
		assert_ok!(complain(BIDDERS[1], tender, Some(1)));
		assert_eq!(Procedures::<Test>::get(tender).open(), 2);
		assert_ok!(answer(tender, 0));
		assert!(held(tender));
		assert_ok!(accept(SUPERVISOR, tender, 0));
		assert!(held(tender));
		assert_ok!(decide(SUPERVISOR, tender, 0, Decision::Dismissed));
		assert_eq!(Procedures::<Test>::get(tender).open(), 0);
		assert!(!held(tender));
	});
}

#[test]
fn the_hold_costs_three_reads() {
	new_test_ext().execute_with(|| {
		let db: frame_support::weights::RuntimeDbWeight =
			<Test as frame_system::Config>::DbWeight::get();
		// The procedure, the award and the clock.
		assert_eq!(<AwardPallet as AwardChallenges>::award_held_weight(), db.reads(3));
		// An unknown tender is held by nothing.
		assert!(!held(42));
	});
}

// ---------------------------------------------------------------------------------------------
// Audit findings: the attacks the fixes refuse
// ---------------------------------------------------------------------------------------------

/// F1: the tenderer signs a bad document right after the notice, to force the candidate to
/// sign it or be passed over.
#[test]
fn attack_tenderer_fixes_contract_document_first() {
	new_test_ext().execute_with(|| {
		let tender = awarded(&BIDDERS);
		assert_ok!(issue(tender));
		let sign_by = now() + CONTRACT_PERIOD;
		let price = price_of(BIDDERS[0]);
		assert_ok!(sign(TENDERER, tender, h(0xba), price));
		// The candidate signs its own document (its bid's terms), in time.
		assert_ok!(sign(BIDDERS[0], tender, h(0xcc), price));
		assert!(!Contracts::<Test>::contains_key(tender));
		// The tenderer cannot pass it over, whatever it signed.
		set_now(sign_by + 1);
		assert_noop!(
			Award::lapse_notice(RuntimeOrigin::signed(TENDERER), tender),
			Error::<Test>::CandidateHasSigned
		);
		assert!(!orders().iter().any(|o| matches!(o, Order::PassOver(..))));
		// It may still conclude the candidate's contract, late.
		assert_ok!(sign(TENDERER, tender, h(0xcc), price));
		assert_eq!(Contracts::<Test>::get(tender).map(|c| c.contract), Some(h(0xcc)));
	});
}

/// F1: the candidate signs its own document first, to make the tender impossible to lapse and
/// frozen; the tenderer resolves the disagreement through the supervisors.
#[test]
fn attack_candidate_signs_first_to_freeze_the_tender() {
	new_test_ext().execute_with(|| {
		let tender = awarded(&BIDDERS);
		assert_ok!(issue(tender));
		let price = price_of(BIDDERS[0]);
		assert_ok!(sign(BIDDERS[0], tender, h(0xbb), price));
		// The tenderer is not bound by it: it signs the tender's document.
		assert_ok!(sign(TENDERER, tender, h(0xcc), price));
		assert!(!Contracts::<Test>::contains_key(tender));
		// Past the bidders' complaint period, the tenderer (no bidder) complains of it.
		let publicity_ends = tender_of(tender).award.expect("awarded").publicity_ends;
		set_now(publicity_ends + COMPLAINT_PERIOD + DAY);
		assert_noop!(complain(BIDDERS[1], tender, None), Error::<Test>::ComplaintTooLate);
		assert_ok!(complain(TENDERER, tender, None));
		assert_eq!(
			Complaints::<Test>::get(tender, 0).map(|c| (c.complainant, c.subject)),
			Some((TENDERER, ComplaintSubject::Award))
		);
		// The supervisors accept it and disqualify the candidate: the next is notified.
		assert_ok!(accept(SUPERVISOR, tender, 0));
		assert_ok!(decide(SUPERVISOR, tender, 0, Decision::Disqualify(BIDDERS[0])));
		assert!(matches!(notices(tender)[0].state, NoticeState::Withdrawn { .. }));
		assert_ok!(issue(tender));
		assert_eq!(AwardPallet::live_notice(tender).map(|n| n.candidate), Some(BIDDERS[1]));
	});
}

/// F1: only the parties to a live notice complain outside the bidders' rules.
#[test]
fn the_parties_to_a_live_notice_complain_of_it() {
	new_test_ext().execute_with(|| {
		let tender = awarded(&BIDDERS);
		// No live notice: the tenderer is no interested party.
		assert_noop!(complain(TENDERER, tender, None), Error::<Test>::NotAnInterestedParty);
		assert_ok!(issue(tender));
		let publicity_ends = tender_of(tender).award.expect("awarded").publicity_ends;
		set_now(publicity_ends + COMPLAINT_PERIOD);
		// The notified candidate complains after the bidders' complaint period; another
		// bidder does not; a stranger never.
		assert_ok!(complain(BIDDERS[0], tender, None));
		assert_noop!(complain(BIDDERS[2], tender, None), Error::<Test>::ComplaintTooLate);
		assert_noop!(complain(STRANGER, tender, None), Error::<Test>::NotAnInterestedParty);
		// The per-party rules still hold.
		assert_noop!(complain(BIDDERS[0], tender, None), Error::<Test>::ComplaintPending);
		assert_ok!(complain(TENDERER, tender, None));
		assert_noop!(complain(TENDERER, tender, None), Error::<Test>::ComplaintPending);
	});
}

/// F2 (a): the tenderer lapses the notice while the candidate's complaint is undecided.
#[test]
fn attack_tenderer_lapses_notice_over_pending_complaint() {
	new_test_ext().execute_with(|| {
		let tender = awarded(&BIDDERS);
		assert_ok!(issue(tender));
		let sign_by = now() + CONTRACT_PERIOD;
		assert_ok!(sign(TENDERER, tender, h(0xba), price_of(BIDDERS[0])));
		// The candidate complains of the document, and waits for the supervisors.
		assert_ok!(complain(BIDDERS[0], tender, None));
		set_now(sign_by + 1);
		assert_noop!(
			Award::lapse_notice(RuntimeOrigin::signed(TENDERER), tender),
			Error::<Test>::ComplaintUndecided
		);
		assert!(orders().is_empty());
		// Dismissed: the candidate did not sign in time, and is passed over.
		assert_ok!(decide(SUPERVISOR, tender, 0, Decision::Dismissed));
		assert_ok!(Award::lapse_notice(RuntimeOrigin::signed(TENDERER), tender));
		assert_eq!(orders(), vec![Order::PassOver(tender, BIDDERS[0])]);
	});
}

/// F2 (b): the suspension this pallet made is lifted in the tendering pallet (`resume_by_council`)
/// before the complaint is decided; the candidate keeps the time suspended.
#[test]
fn attack_suspension_lifted_outside_steals_contract_time() {
	new_test_ext().execute_with(|| {
		let tender = awarded(&BIDDERS);
		assert_ok!(issue(tender));
		let sign_by = now() + CONTRACT_PERIOD;
		set_now(now() + DAY);
		assert_ok!(complain(BIDDERS[1], tender, None));
		assert_ok!(accept(SUPERVISOR, tender, 0));
		let since = now();
		// The council lifts the suspension in the tendering pallet.
		set_now(since + DAY);
		update(tender, |t| t.suspended = false);
		// The complaint is still undecided: the notice cannot lapse.
		set_now(sign_by + 1);
		assert_noop!(
			Award::lapse_notice(RuntimeOrigin::signed(TENDERER), tender),
			Error::<Test>::ComplaintUndecided
		);
		assert_ok!(decide(SUPERVISOR, tender, 0, Decision::Dismissed));
		// Nothing to resume, but the contract period is extended by the time since the
		// suspension.
		assert!(!orders().iter().any(|o| matches!(o, Order::Resume(..))));
		let extended = sign_by + (sign_by + 1 - since);
		assert_eq!(AwardPallet::live_notice(tender).map(|n| n.sign_by), Some(extended));
		System::assert_has_event(
			Event::ContractPeriodExtended { tender, candidate: BIDDERS[0], sign_by: extended }
				.into(),
		);
		assert_noop!(
			Award::lapse_notice(RuntimeOrigin::signed(TENDERER), tender),
			Error::<Test>::ContractPeriodRunning
		);
		assert_ok!(sign(BIDDERS[0], tender, h(0xcc), price_of(BIDDERS[0])));
	});
}

/// F2: a second acceptance after a suspension lifted outside keeps the first suspension's time.
#[test]
fn a_suspension_again_keeps_the_first_suspension_time() {
	new_test_ext().execute_with(|| {
		let tender = awarded(&BIDDERS);
		assert_ok!(issue(tender));
		assert_ok!(complain(BIDDERS[1], tender, None));
		assert_ok!(complain(BIDDERS[2], tender, None));
		assert_ok!(accept(SUPERVISOR, tender, 0));
		let since = now();
		update(tender, |t| t.suspended = false);
		set_now(since + DAY);
		assert_ok!(accept(SUPERVISOR, tender, 1));
		assert!(tender_of(tender).suspended);
		assert_eq!(Procedures::<Test>::get(tender).suspended_at, Some(since));
	});
}

/// F3: the tenderer never answers a friendly objector's objection, to hold the award forever.
#[test]
fn attack_unanswered_objection_holds_award_forever() {
	new_test_ext().execute_with(|| {
		let tender = publish(&BIDDERS);
		set_now(START + DAY);
		assert_ok!(object(BIDDERS[2], tender));
		let answer_by = START + DAY + ANSWER_PERIOD;
		set_now(START + PUBLICITY);
		assert!(held(tender));
		assert!(finalize(tender).is_err());
		// Its answer period over, nobody marking it, it holds nothing.
		set_now(answer_by);
		assert!(!held(tender));
		assert!(!AwardPallet::objection_holds(tender, 0));
		assert_ok!(finalize(tender));
		// The objector may still complain; the complaint holds the notice until decided.
		assert_ok!(complain(BIDDERS[2], tender, Some(0)));
		assert!(held(tender));
		assert_noop!(issue(tender), Error::<Test>::AwardHeldByChallenge);
		assert_ok!(decide(SUPERVISOR, tender, 0, Decision::Dismissed));
		assert_ok!(issue(tender));
	});
}

/// F3: an objection past its answer period still counted (a later objection's answer period
/// runs) is released at once by anyone marking it lapsed.
#[test]
fn marking_an_objection_lapsed_releases_its_hold_at_once() {
	new_test_ext().execute_with(|| {
		let tender = publish(&BIDDERS);
		assert_ok!(object(BIDDERS[1], tender));
		set_now(START + 2 * DAY);
		assert_ok!(object(BIDDERS[2], tender));
		assert_ok!(answer(tender, 1));
		set_now(START + PUBLICITY);
		assert!(!AwardPallet::objection_holds(tender, 0));
		// Counted conservatively until the last answer period ends, or until marked.
		assert!(held(tender));
		assert_ok!(Award::mark_objection_lapsed(RuntimeOrigin::signed(STRANGER), tender, 0));
		assert!(!held(tender));
		assert_ok!(finalize(tender));
		// A late answer counts nothing twice.
		assert_ok!(answer(tender, 0));
		assert_eq!(Procedures::<Test>::get(tender).objections, 0);
	});
}

/// F3: marking an objection lapsed frees its objector's slot.
#[test]
fn a_lapsed_objection_frees_the_objectors_slot() {
	new_test_ext().execute_with(|| {
		let tender = publish(&BIDDERS);
		update(tender, |t| {
			if let Some(a) = t.award.as_mut() {
				a.publicity_ends = START + 2 * ANSWER_PERIOD;
			}
		});
		assert_ok!(object(BIDDERS[1], tender));
		set_now(START + ANSWER_PERIOD);
		assert_noop!(object(BIDDERS[1], tender), Error::<Test>::ObjectionPending);
		assert_ok!(Award::mark_objection_lapsed(RuntimeOrigin::signed(BIDDERS[0]), tender, 0));
		assert_ok!(object(BIDDERS[1], tender));
		assert_eq!(Procedures::<Test>::get(tender).objections, 1);
	});
}

/// F5: a single supervisor acts on the tender on a complaint it never accepted.
#[test]
fn attack_single_supervisor_decides_without_accepting() {
	new_test_ext().execute_with(|| {
		let tender = awarded(&BIDDERS);
		assert_ok!(complain(BIDDERS[1], tender, None));
		for decision in [Decision::Reevaluate, Decision::Disqualify(BIDDERS[0]), Decision::Void] {
			assert_noop!(
				decide(SUPERVISOR, tender, 0, decision),
				Error::<Test>::ComplaintNotAccepted
			);
		}
		assert!(orders().is_empty());
		assert_eq!(tender_of(tender).state, TenderState::Awarded);
		// Accepted (the tender suspended), it may be decided otherwise.
		assert_ok!(accept(SUPERVISOR, tender, 0));
		assert_ok!(decide(SECOND_SUPERVISOR, tender, 0, Decision::Void));
		assert_eq!(tender_of(tender).state, TenderState::Voided);
	});
}

/// F6: a void decision has the tendering pallet clear the tender's per-bidder storage; the
/// declared weight must cover it.
#[test]
fn attack_void_decision_underweighted() {
	new_test_ext().execute_with(|| {
		use crate::WeightInfo;
		use frame_support::dispatch::GetDispatchInfo;
		let call = crate::Call::<Test>::decide_complaint {
			tender: 0,
			id: 0,
			decision: Decision::Void,
			reasons: h(1),
		};
		let db: frame_support::weights::RuntimeDbWeight =
			<Test as frame_system::Config>::DbWeight::get();
		let cleanup = db.writes(MAX_TENDER_CLEANUP.into());
		assert!(cleanup.ref_time() > 0);
		assert_eq!(
			call.get_dispatch_info().call_weight,
			<() as WeightInfo>::decide_complaint().saturating_add(cleanup)
		);
	});
}
