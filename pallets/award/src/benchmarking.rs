//! Benchmarks of the award pallet (FRAME benchmarking v2), each at its worst case: a tender
//! ranking [`MAX_CANDIDATES`] certified candidates, the party records and notice history
//! already written, and for the calls that act on the tender the heaviest order they give the
//! tendering pallet (a suspension; a disqualification of the notified winner that lifts the
//! suspension; a pass-over that looks for the next eligible candidate).

use super::*;
use crate::Pallet as AwardPallet;
use alloc::vec::Vec;
use frame_benchmarking::v2::*;
use frame_support::traits::Get;
use frame_system::RawOrigin;
use pallet_certificates::Role;
use pallet_tendering::{BidTerms, TenderState, MAX_CANDIDATES};
use sp_core::H256;

/// The clock when each benchmark starts (Unix ms).
const NOW: u64 = 1_800_000_000_000;
/// How long the benchmarks' published results stay in their complaint period (ms).
const PUBLICITY: u64 = 3 * 86_400_000;

/// The terms of every candidate's bid.
fn terms() -> BidTerms {
	BidTerms { price: 1_234_567_800, duration_days: 365, quality: H256::repeat_byte(0x9a) }
}

/// A published tender of the benchmarks, with its parties.
struct Setup<T: Config> {
	tender: TenderId,
	owner: T::AccountId,
	candidates: Vec<T::AccountId>,
	supervisor: T::AccountId,
}

/// A tender of a certified tenderer, hosted in the helper's city, ranking [`MAX_CANDIDATES`]
/// certified bidders, in `state`: in `Publicity` its complaint period ends [`PUBLICITY`] from
/// now; `Awarded`, it ended now. A supervisor of the city is certified.
fn setup<T: Config>(state: TenderState) -> Setup<T> {
	T::BenchmarkHelper::set_time(NOW);
	let owner: T::AccountId = account("tenderer", 0, 0);
	T::BenchmarkHelper::certify(&owner, Role::Tenderer);
	let candidates: Vec<T::AccountId> =
		(0..MAX_CANDIDATES).map(|i| account("candidate", i, 0)).collect();
	for c in &candidates {
		T::BenchmarkHelper::certify(c, Role::Bidder);
	}
	let supervisor: T::AccountId = account("supervisor", 0, 0);
	T::BenchmarkHelper::certify(&supervisor, Role::Supervisor);
	let publicity_ends = if state == TenderState::Publicity { NOW + PUBLICITY } else { NOW };
	let tender = T::BenchmarkHelper::published_tender(
		&owner,
		T::BenchmarkHelper::city(),
		candidates.clone(),
		terms(),
		publicity_ends,
		state,
	);
	Setup { tender, owner, candidates, supervisor }
}

fn signed<T: Config>(who: &T::AccountId) -> T::RuntimeOrigin {
	RawOrigin::Signed(who.clone()).into()
}

/// `objector` objects to the result of `tender` and the tenderer answers, `times` times.
fn answered_objections<T: Config>(
	s: &Setup<T>,
	objector: &T::AccountId,
	times: u32,
) -> Result<Option<ObjectionId>, BenchmarkError> {
	let mut last = None;
	for _ in 0..times {
		let id = Procedures::<T>::get(s.tender).next_objection;
		AwardPallet::<T>::file_objection(signed::<T>(objector), s.tender, H256::repeat_byte(1))
			.map_err(|_| BenchmarkError::Stop("filing an objection"))?;
		AwardPallet::<T>::answer_objection(
			signed::<T>(&s.owner),
			s.tender,
			id,
			H256::repeat_byte(2),
		)
		.map_err(|_| BenchmarkError::Stop("answering an objection"))?;
		last = Some(id);
	}
	Ok(last)
}

/// The tenderer of `s` issues the award notice.
fn notice<T: Config>(s: &Setup<T>) -> Result<(), BenchmarkError> {
	AwardPallet::<T>::issue_award_notice(signed::<T>(&s.owner), s.tender)
		.map_err(|_| BenchmarkError::Stop("issuing the notice"))?;
	Ok(())
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// A party with all but one of its objections filed (and answered) in the round.
	#[benchmark]
	fn file_objection() -> Result<(), BenchmarkError> {
		let s = setup::<T>(TenderState::Publicity);
		let objector = s.candidates[1].clone();
		answered_objections(&s, &objector, T::MaxObjectionsPerParty::get().saturating_sub(1))?;
		let id = Procedures::<T>::get(s.tender).next_objection;
		#[extrinsic_call]
		_(RawOrigin::Signed(objector), s.tender, H256::repeat_byte(3));
		assert!(Objections::<T>::contains_key(s.tender, id));
		Ok(())
	}

	/// A late answer to an objection that was marked lapsed.
	#[benchmark]
	fn answer_objection() -> Result<(), BenchmarkError> {
		let s = setup::<T>(TenderState::Publicity);
		AwardPallet::<T>::file_objection(
			signed::<T>(&s.candidates[1]),
			s.tender,
			H256::repeat_byte(1),
		)
		.map_err(|_| BenchmarkError::Stop("filing an objection"))?;
		T::BenchmarkHelper::set_time(NOW + T::AnswerPeriod::get());
		AwardPallet::<T>::mark_objection_lapsed(signed::<T>(&s.owner), s.tender, 0)
			.map_err(|_| BenchmarkError::Stop("marking it lapsed"))?;
		#[extrinsic_call]
		_(RawOrigin::Signed(s.owner.clone()), s.tender, 0, H256::repeat_byte(2));
		assert!(!AwardPallet::<T>::objection_holds(s.tender, 0));
		Ok(())
	}

	#[benchmark]
	fn mark_objection_lapsed() -> Result<(), BenchmarkError> {
		let s = setup::<T>(TenderState::Publicity);
		AwardPallet::<T>::file_objection(
			signed::<T>(&s.candidates[1]),
			s.tender,
			H256::repeat_byte(1),
		)
		.map_err(|_| BenchmarkError::Stop("filing an objection"))?;
		T::BenchmarkHelper::set_time(NOW + T::AnswerPeriod::get());
		let anyone: T::AccountId = whitelisted_caller();
		#[extrinsic_call]
		_(RawOrigin::Signed(anyone), s.tender, 0);
		assert_eq!(
			Objections::<T>::get(s.tender, 0).map(|o| o.state),
			Some(ObjectionState::Lapsed)
		);
		Ok(())
	}

	/// A complaint on the evaluation result, following the complainant's answered objection
	/// (the objection and party records read).
	#[benchmark]
	fn file_complaint() -> Result<(), BenchmarkError> {
		let s = setup::<T>(TenderState::Publicity);
		let complainant = s.candidates[1].clone();
		let objection = answered_objections(&s, &complainant, 1)?;
		#[extrinsic_call]
		_(RawOrigin::Signed(complainant), s.tender, objection, H256::repeat_byte(4));
		assert!(Complaints::<T>::contains_key(s.tender, 0));
		Ok(())
	}

	/// Accepting a complaint suspends the tender.
	#[benchmark]
	fn accept_complaint() -> Result<(), BenchmarkError> {
		let s = setup::<T>(TenderState::Publicity);
		let complainant = s.candidates[1].clone();
		let objection = answered_objections(&s, &complainant, 1)?;
		AwardPallet::<T>::file_complaint(
			signed::<T>(&complainant),
			s.tender,
			objection,
			H256::repeat_byte(4),
		)
		.map_err(|_| BenchmarkError::Stop("filing the complaint"))?;
		#[extrinsic_call]
		_(RawOrigin::Signed(s.supervisor.clone()), s.tender, 0);
		assert!(Procedures::<T>::get(s.tender).suspended_at.is_some());
		Ok(())
	}

	/// Disqualifying the notified winner of an awarded tender on an accepted complaint: the
	/// winner is passed over (the next candidate's eligibility checked), its notice withdrawn,
	/// and the suspension lifted.
	#[benchmark]
	fn decide_complaint() -> Result<(), BenchmarkError> {
		let s = setup::<T>(TenderState::Awarded);
		notice(&s)?;
		let complainant = s.candidates[1].clone();
		AwardPallet::<T>::file_complaint(
			signed::<T>(&complainant),
			s.tender,
			None,
			H256::repeat_byte(4),
		)
		.map_err(|_| BenchmarkError::Stop("filing the complaint"))?;
		AwardPallet::<T>::accept_complaint(signed::<T>(&s.supervisor), s.tender, 0)
			.map_err(|_| BenchmarkError::Stop("accepting the complaint"))?;
		T::BenchmarkHelper::set_time(NOW + 86_400_000);
		let winner = s.candidates[0].clone();
		#[extrinsic_call]
		_(
			RawOrigin::Signed(s.supervisor.clone()),
			s.tender,
			0,
			Decision::Disqualify(winner),
			H256::repeat_byte(5),
		);
		assert!(AwardPallet::<T>::live_notice(s.tender).is_none());
		assert!(Procedures::<T>::get(s.tender).suspended_at.is_none());
		Ok(())
	}

	/// The third notice of the round, after two candidates declined.
	#[benchmark]
	fn issue_award_notice() -> Result<(), BenchmarkError> {
		let s = setup::<T>(TenderState::Awarded);
		for c in s.candidates.iter().take(s.candidates.len().saturating_sub(1)) {
			notice(&s)?;
			AwardPallet::<T>::decline_award(signed::<T>(c), s.tender, H256::repeat_byte(6))
				.map_err(|_| BenchmarkError::Stop("declining"))?;
		}
		#[extrinsic_call]
		_(RawOrigin::Signed(s.owner.clone()), s.tender);
		assert!(AwardPallet::<T>::live_notice(s.tender).is_some());
		Ok(())
	}

	/// The winner declines: the next candidate's eligibility is checked.
	#[benchmark]
	fn decline_award() -> Result<(), BenchmarkError> {
		let s = setup::<T>(TenderState::Awarded);
		notice(&s)?;
		let winner = s.candidates[0].clone();
		#[extrinsic_call]
		_(RawOrigin::Signed(winner), s.tender, H256::repeat_byte(6));
		assert!(AwardPallet::<T>::live_notice(s.tender).is_none());
		Ok(())
	}

	/// The second signature, which concludes the contract.
	#[benchmark]
	fn sign_contract() -> Result<(), BenchmarkError> {
		let s = setup::<T>(TenderState::Awarded);
		notice(&s)?;
		let contract = H256::repeat_byte(7);
		AwardPallet::<T>::sign_contract(signed::<T>(&s.owner), s.tender, contract, terms().price)
			.map_err(|_| BenchmarkError::Stop("the tenderer signing"))?;
		let winner = s.candidates[0].clone();
		#[extrinsic_call]
		_(RawOrigin::Signed(winner), s.tender, contract, terms().price);
		assert!(Contracts::<T>::contains_key(s.tender));
		Ok(())
	}

	/// The tenderer passes over a winner that did not sign: the next candidate's eligibility
	/// is checked.
	#[benchmark]
	fn lapse_notice() -> Result<(), BenchmarkError> {
		let s = setup::<T>(TenderState::Awarded);
		notice(&s)?;
		T::BenchmarkHelper::set_time(NOW + T::ContractPeriod::get() + 1);
		#[extrinsic_call]
		_(RawOrigin::Signed(s.owner.clone()), s.tender);
		assert!(AwardPallet::<T>::live_notice(s.tender).is_none());
		Ok(())
	}

	impl_benchmark_test_suite!(AwardPallet, crate::mock::new_test_ext(), crate::mock::Test);
}
