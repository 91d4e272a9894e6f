//! Benchmarks of the tendering pallet (FRAME benchmarking v2), each at its worst case.

use super::*;
use crate::Pallet as Tendering;
use alloc::{vec, vec::Vec};
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{EnsureOrigin, Get, Time},
	BoundedVec,
};
use frame_system::RawOrigin;
use pallet_certificates::Role;

const HOUR: u64 = 3_600_000;

fn now<T: Config>() -> u64 {
	<T as Config>::Time::now()
}

/// A tender hosted by the benchmark trading centre's city, with room for `max` bidders;
/// returns its id and the trading centre.
fn tender<T: Config>(max: u32) -> (TenderId, T::AccountId) {
	let owner: T::AccountId = account("tenderer", 0, 0);
	T::BenchmarkHelper::certify(&owner, Role::Tenderer);
	let (centre, city) = T::BenchmarkHelper::trading_centre();
	let deadline = now::<T>() + T::MinNotice::get() + HOUR;
	Tendering::<T>::create_tender(
		RawOrigin::Signed(owner).into(),
		title::<T>(),
		city,
		specialities::<T>(),
		H256::repeat_byte(1),
		deadline,
		T::MinRevealWindow::get(),
		1,
		max,
		None,
		None,
	)
	.expect("benchmark tender is valid");
	(NextTenderId::<T>::get() - 1, centre)
}

/// The longest title.
fn title<T: Config>() -> BoundedVec<u8, T::MaxTitleLen> {
	BoundedVec::truncate_from(vec![b't'; T::MaxTitleLen::get() as usize])
}

/// The most speciality codes.
fn specialities<T: Config>() -> BoundedVec<u16, T::MaxSpecialities> {
	BoundedVec::truncate_from(vec![1; T::MaxSpecialities::get() as usize])
}

/// The main terms of bid `i`.
fn terms(i: u32) -> BidTerms {
	BidTerms {
		price: u128::from(i) * 1_000_000,
		duration_days: 100 + i,
		quality: H256::repeat_byte(2),
	}
}

fn salt(i: u32) -> Salt {
	let mut s = vec![0u8; 32];
	s[..4].copy_from_slice(&i.to_le_bytes());
	s.try_into().expect("32 bytes")
}

/// Commits a bid by bidder `i` and returns the bidder.
fn committed<T: Config>(t: TenderId, i: u32) -> T::AccountId {
	let bidder: T::AccountId = account("bidder", i, 0);
	T::BenchmarkHelper::certify(&bidder, Role::Bidder);
	let c = commitment(
		&Tendering::<T>::genesis_hash(),
		t,
		&bidder,
		&terms(i),
		&H256::repeat_byte(i as u8),
		&H256::repeat_byte(0x80),
		&salt(i),
	);
	Tendering::<T>::commit_bid(RawOrigin::Signed(bidder.clone()).into(), t, c)
		.expect("before deadline");
	bidder
}

fn past_deadline<T: Config>(t: TenderId) {
	let tender = Tenders::<T>::get(t).expect("exists");
	T::BenchmarkHelper::set_time(tender.deadline);
}

/// A tender opened with `n` valid bids (at least one); returns it and the bidders.
fn opened_with<T: Config>(n: u32) -> (TenderId, Vec<T::AccountId>) {
	let (t, centre) = tender::<T>(n.max(2));
	let bidders: Vec<T::AccountId> = (1..=n).map(|i| committed::<T>(t, i)).collect();
	past_deadline::<T>(t);
	for (i, bidder) in (1..=n).zip(bidders.iter()) {
		Tendering::<T>::reveal_bid(
			RawOrigin::Signed(bidder.clone()).into(),
			t,
			terms(i),
			H256::repeat_byte(i as u8),
			H256::repeat_byte(0x80),
			salt(i),
		)
		.expect("matching reveal");
	}
	T::BenchmarkHelper::set_time(Tenders::<T>::get(t).expect("exists").reveal_ends());
	Tendering::<T>::open_bids(RawOrigin::Signed(centre).into(), t).expect("after the window");
	(t, bidders)
}

/// Seats a complete committee of `n` certified experts on `tender`; returns them.
fn committee<T: Config>(t: TenderId, n: u32) -> Vec<T::AccountId> {
	(0..n)
		.map(|i| {
			let expert: T::AccountId = account("expert", i, 0);
			T::BenchmarkHelper::certify(&expert, Role::Expert);
			T::BenchmarkHelper::seat_evaluator(t, &expert);
			expert
		})
		.collect()
}

/// A certified supervisor (of the benchmark trading centre's city, the tenders' own), with the
/// supervision record and the findings of `t` full (the worst case of a supervisor's action:
/// the oldest entry is dropped); returns the supervisor.
fn full_supervision_record<T: Config>(t: TenderId) -> T::AccountId {
	let supervisor = certified_supervisor::<T>(0);
	let entry = Supervision {
		kind: SupervisionKind::Reevaluation,
		supervisor: supervisor.clone(),
		reason: H256::zero(),
		at: now::<T>(),
	};
	Supervisions::<T>::insert(
		t,
		BoundedVec::truncate_from(vec![entry; T::MaxSupervisions::get() as usize]),
	);
	let finding =
		SupervisorFinding { supervisor: supervisor.clone(), finding: H256::zero(), at: now::<T>() };
	Findings::<T>::insert(
		t,
		BoundedVec::truncate_from(vec![finding; T::MaxFindings::get() as usize]),
	);
	SupervisionCount::<T>::insert(t, T::MaxSupervisions::get());
	FindingCount::<T>::insert(t, T::MaxFindings::get());
	supervisor
}

/// A certified supervisor, number `i`.
fn certified_supervisor<T: Config>(i: u32) -> T::AccountId {
	let supervisor: T::AccountId = account("supervisor", i, 0);
	T::BenchmarkHelper::certify(&supervisor, Role::Supervisor);
	supervisor
}

/// Tender `t` in its complaint period (公示) until far in the future, suspended by `supervisor`
/// an hour ago: its resumption extends the complaint period (the worst case).
fn suspended_in_publicity<T: Config>(t: TenderId, supervisor: &T::AccountId) {
	let owner = Tenders::<T>::get(t).expect("exists").owner;
	Tenders::<T>::mutate(t, |tender| {
		if let Some(tender) = tender {
			tender.state = TenderState::Publicity;
		}
	});
	Awards::<T>::insert(
		t,
		Award {
			winner: owner,
			report: H256::zero(),
			publicity_ends: now::<T>() + 100 * HOUR,
			ranking: BoundedVec::new(),
		},
	);
	Tendering::<T>::suspend(RawOrigin::Signed(supervisor.clone()).into(), t, H256::zero())
		.expect("a tender in publicity is suspended");
	T::BenchmarkHelper::set_time(now::<T>() + HOUR);
}

/// A certified tenderer and a certified agency; the tenderer has entrusted the agency if
/// `entrusted`. Returns both.
fn principal_and_agency<T: Config>(entrusted: bool) -> (T::AccountId, T::AccountId) {
	let principal: T::AccountId = account("principal", 0, 0);
	T::BenchmarkHelper::certify(&principal, Role::Tenderer);
	let agency: T::AccountId = account("agency", 0, 0);
	T::BenchmarkHelper::certify(&agency, Role::Agency);
	if entrusted {
		Tendering::<T>::entrust_agency(RawOrigin::Signed(principal.clone()).into(), agency.clone())
			.expect("a certified tenderer entrusts a certified agency");
	}
	(principal, agency)
}

/// A ranking of the given bidders, in that order.
fn ranking<T: Config>(bidders: &[T::AccountId]) -> Ranking<T::AccountId> {
	bidders.to_vec().try_into().expect("at most three candidates")
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn create_tender() {
		// An agency naming its principal, certified and entrusting it: the longer record and
		// the most checks.
		// It publishes again a failed tender of its own (the re-tender's checks).
		let (principal, owner) = principal_and_agency::<T>(true);
		let (_, city) = T::BenchmarkHelper::trading_centre();
		let deadline = now::<T>() + T::MinNotice::get() + HOUR;
		Tendering::<T>::create_tender(
			RawOrigin::Signed(owner.clone()).into(),
			title::<T>(),
			city.clone(),
			specialities::<T>(),
			H256::repeat_byte(1),
			deadline,
			T::MinRevealWindow::get(),
			1,
			T::MaxBidders::get(),
			Some(principal.clone()),
			None,
		)
		.expect("the first attempt is valid");
		Tenders::<T>::mutate(0, |t| {
			if let Some(t) = t {
				t.state = TenderState::Failed;
			}
		});
		OpenTenders::<T>::insert(&owner, T::MaxOpenTenders::get().saturating_sub(1));
		#[extrinsic_call]
		_(
			RawOrigin::Signed(owner),
			title::<T>(),
			city,
			specialities::<T>(),
			H256::repeat_byte(1),
			deadline,
			T::MinRevealWindow::get(),
			1,
			T::MaxBidders::get(),
			Some(principal.clone()),
			Some(0),
		);
		assert_eq!(Tenders::<T>::get(1).expect("published").principal, Some(principal));
		assert_eq!(Retenders::<T>::get(0), Some(1));
	}

	#[benchmark]
	fn entrust_agency() {
		let (principal, agency) = principal_and_agency::<T>(false);
		#[extrinsic_call]
		_(RawOrigin::Signed(principal.clone()), agency.clone());
		assert!(Entrustments::<T>::contains_key(&principal, &agency));
	}

	#[benchmark]
	fn withdraw_entrustment() {
		let (principal, agency) = principal_and_agency::<T>(true);
		#[extrinsic_call]
		_(RawOrigin::Signed(principal.clone()), agency.clone());
		assert!(!Entrustments::<T>::contains_key(&principal, &agency));
	}

	#[benchmark]
	fn amend_tender() {
		let (t, _) = tender::<T>(2);
		let owner = Tenders::<T>::get(t).expect("exists").owner;
		// Worst case: the amendment list is one short of full.
		for _ in 1..T::MaxAmendments::get() {
			Tendering::<T>::amend_tender(
				RawOrigin::Signed(owner.clone()).into(),
				t,
				None,
				None,
				H256::zero(),
			)
			.expect("before deadline");
		}
		let deadline = Tenders::<T>::get(t)
			.expect("exists")
			.deadline
			.max(now::<T>() + T::MinAmendmentNotice::get())
			+ HOUR;
		#[extrinsic_call]
		_(
			RawOrigin::Signed(owner),
			t,
			Some(deadline),
			Some(H256::repeat_byte(2)),
			H256::repeat_byte(3),
		);
		assert_eq!(Amendments::<T>::get(t).len() as u32, T::MaxAmendments::get());
	}

	#[benchmark]
	fn cancel_tender() {
		let (t, _) = tender::<T>(2);
		let owner = Tenders::<T>::get(t).expect("exists").owner;
		#[extrinsic_call]
		_(RawOrigin::Signed(owner), t, H256::zero());
		assert_eq!(Tenders::<T>::get(t).expect("exists").state, TenderState::Cancelled);
	}

	#[benchmark]
	fn commit_bid() {
		let (t, _) = tender::<T>(T::MaxBidders::get());
		let bidder: T::AccountId = account("bidder", 0, 0);
		T::BenchmarkHelper::certify(&bidder, Role::Bidder);
		#[extrinsic_call]
		_(RawOrigin::Signed(bidder.clone()), t, H256::repeat_byte(9));
		assert!(Bids::<T>::contains_key(t, &bidder));
	}

	#[benchmark]
	fn replace_bid() {
		let (t, _) = tender::<T>(2);
		let bidder = committed::<T>(t, 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(bidder.clone()), t, H256::repeat_byte(7));
		assert_eq!(Bids::<T>::get(t, &bidder).expect("exists").commitment, H256::repeat_byte(7));
	}

	#[benchmark]
	fn withdraw_bid() {
		let (t, _) = tender::<T>(2);
		let bidder = committed::<T>(t, 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(bidder.clone()), t);
		assert!(!Bids::<T>::contains_key(t, &bidder));
	}

	#[benchmark]
	fn reveal_bid() {
		let (t, _) = tender::<T>(2);
		// Worst case: another bidder revealed the same file and fingerprint before, so both
		// collusion flags are raised.
		let first = committed::<T>(t, 1);
		let second: T::AccountId = account("bidder", 2, 0);
		T::BenchmarkHelper::certify(&second, Role::Bidder);
		let c = commitment(
			&Tendering::<T>::genesis_hash(),
			t,
			&second,
			&terms(2),
			&H256::repeat_byte(1),
			&H256::repeat_byte(0x80),
			&salt(2),
		);
		Tendering::<T>::commit_bid(RawOrigin::Signed(second.clone()).into(), t, c)
			.expect("before deadline");
		past_deadline::<T>(t);
		Tendering::<T>::reveal_bid(
			RawOrigin::Signed(first).into(),
			t,
			terms(1),
			H256::repeat_byte(1),
			H256::repeat_byte(0x80),
			salt(1),
		)
		.expect("matching reveal");
		#[extrinsic_call]
		_(
			RawOrigin::Signed(second),
			t,
			terms(2),
			H256::repeat_byte(1),
			H256::repeat_byte(0x80),
			salt(2),
		);
		assert_eq!(CollusionFlags::<T>::get(t).len(), 2);
	}

	#[benchmark]
	fn open_bids(b: Linear<1, { T::MaxBidders::get() }>) {
		let (t, centre) = tender::<T>(T::MaxBidders::get());
		// Worst case: every bid unrevealed, so each is voided and written back.
		for i in 0..b {
			committed::<T>(t, i);
		}
		let tender = Tenders::<T>::get(t).expect("exists");
		T::BenchmarkHelper::set_time(tender.reveal_ends());
		#[extrinsic_call]
		_(RawOrigin::Signed(centre), t);
		assert!(OpeningRecords::<T>::contains_key(t));
	}

	#[benchmark]
	fn submit_evaluation() {
		// Worst case: a full committee; all but the last member have evaluated, half of them
		// (rounded down) one ranking of three candidates and the others another; the last
		// member's evaluation gives the first ranking its majority: the result is published
		// and every member of the second ranking recorded as dissenting.
		// The committee record as large as it may be (seats replaced before the members').
		let (t, bidders) = opened_with::<T>(3);
		let m = T::MaxCommittee::get();
		T::BenchmarkHelper::pad_committee_record(t);
		let experts = committee::<T>(t, m);
		let first = ranking::<T>(&bidders);
		let reversed: Vec<T::AccountId> = bidders.iter().rev().cloned().collect();
		let second = ranking::<T>(&reversed);
		let last = experts.last().cloned().expect("MaxCommittee is at least 1");
		for (i, expert) in experts.iter().take(m.saturating_sub(1) as usize).enumerate() {
			let r = if (i as u32) < m / 2 { first.clone() } else { second.clone() };
			Tendering::<T>::submit_evaluation(
				RawOrigin::Signed(expert.clone()).into(),
				t,
				H256::repeat_byte(i as u8),
				r,
			)
			.expect("a seated member's first evaluation");
		}
		assert_eq!(Tenders::<T>::get(t).expect("exists").state, TenderState::Evaluating);
		#[extrinsic_call]
		_(RawOrigin::Signed(last), t, H256::repeat_byte(0xff), first.clone());
		assert_eq!(Tenders::<T>::get(t).expect("exists").state, TenderState::Publicity);
		assert_eq!(Awards::<T>::get(t).expect("published").ranking, first);
		assert_eq!(Dissents::<T>::get(t).len() as u32, m.saturating_sub(1) - m / 2);
	}

	#[benchmark]
	fn fail_unfillable_tender() {
		// A tender in evaluation whose committee can no longer be completed, failed by a
		// supervisor of its city (the committee's own check is weighed by the expert draw).
		let (t, _) = opened_with::<T>(3);
		T::BenchmarkHelper::make_committee_unfillable(t);
		let supervisor: T::AccountId = account("supervisor", 0, 0);
		T::BenchmarkHelper::certify(&supervisor, Role::Supervisor);
		#[extrinsic_call]
		_(RawOrigin::Signed(supervisor), t, H256::zero());
		assert_eq!(Tenders::<T>::get(t).expect("exists").state, TenderState::Failed);
	}

	#[benchmark]
	fn order_reevaluation() {
		// A full committee without majority (its evaluations written as the tally leaves them).
		let (t, bidders) = opened_with::<T>(3);
		let m = T::MaxCommittee::get();
		let experts = committee::<T>(t, m);
		let mut evaluations = BoundedVec::<Evaluation<T::AccountId>, T::MaxCommittee>::new();
		for (i, expert) in experts.into_iter().enumerate() {
			let r = ranking::<T>(&bidders[i % 3..i % 3 + 1]);
			let e = Evaluation { expert, score_sheet: H256::zero(), ranking: r, at: now::<T>() };
			evaluations.try_push(e).expect("within MaxCommittee");
		}
		Evaluations::<T>::insert(t, evaluations);
		Tenders::<T>::mutate(t, |tender| {
			if let Some(tender) = tender {
				tender.state = TenderState::NoMajority;
			}
		});
		let supervisor = full_supervision_record::<T>(t);
		#[extrinsic_call]
		_(RawOrigin::Signed(supervisor), t, H256::zero());
		assert_eq!(Tenders::<T>::get(t).expect("exists").state, TenderState::Evaluating);
		assert!(Evaluations::<T>::get(t).is_empty());
	}

	#[benchmark]
	fn finalize_award() {
		// Worst case: three ranked candidates, the first two barred from bidding since (each
		// checked to the bar and passed over), the third awarded.
		let (t, bidders) = opened_with::<T>(MAX_CANDIDATES);
		// The smallest lawful committee, unanimous.
		let experts = committee::<T>(t, T::MinCommittee::get().max(1));
		for expert in experts {
			if Awards::<T>::get(t).is_some() {
				break;
			}
			Tendering::<T>::submit_evaluation(
				RawOrigin::Signed(expert).into(),
				t,
				H256::zero(),
				ranking::<T>(&bidders),
			)
			.expect("a unanimous committee decides");
		}
		for barred in bidders.iter().take(bidders.len().saturating_sub(1)) {
			T::BenchmarkHelper::bar(barred, pallet_certificates::Bar::Bidding);
		}
		T::BenchmarkHelper::set_time(Awards::<T>::get(t).expect("exists").publicity_ends);
		let last = bidders.last().cloned().expect("three bidders");
		#[extrinsic_call]
		_(RawOrigin::Signed(last.clone()), t);
		assert_eq!(Tenders::<T>::get(t).expect("exists").state, TenderState::Awarded);
		assert_eq!(Awards::<T>::get(t).expect("exists").winner, last);
	}

	#[benchmark]
	fn suspend() {
		let (t, _) = tender::<T>(2);
		let supervisor = full_supervision_record::<T>(t);
		#[extrinsic_call]
		_(RawOrigin::Signed(supervisor), t, H256::zero());
		assert!(Tenders::<T>::get(t).expect("exists").suspended);
	}

	#[benchmark]
	fn resume() {
		// Worst case: resumed by another supervisor of the city than the suspender (the
		// jurisdiction is checked), extending the complaint period.
		let (t, _) = tender::<T>(2);
		let suspender = full_supervision_record::<T>(t);
		suspended_in_publicity::<T>(t, &suspender);
		let supervisor = certified_supervisor::<T>(1);
		#[extrinsic_call]
		_(RawOrigin::Signed(supervisor), t, H256::zero());
		assert!(!Tenders::<T>::get(t).expect("exists").suspended);
		assert!(!Suspensions::<T>::contains_key(t));
	}

	#[benchmark]
	fn resume_by_council() -> Result<(), BenchmarkError> {
		let (t, _) = tender::<T>(2);
		let suspender = full_supervision_record::<T>(t);
		suspended_in_publicity::<T>(t, &suspender);
		let origin =
			T::CouncilOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, t, H256::zero());
		assert!(!Tenders::<T>::get(t).expect("exists").suspended);
		Ok(())
	}

	/// `n` entries lodged at once, each new (the worst case: every one adds to the count).
	#[benchmark]
	fn lodge_bids(n: Linear<1, { T::MaxLodged::get() }>) {
		let (t, centre) = tender::<T>(2);
		let entries: Vec<LodgedEntry> = (0..n)
			.map(|i| LodgedEntry {
				seal: H256(sp_io::hashing::blake2_256(&i.to_le_bytes())),
				commitment: H256::repeat_byte(9),
				lock: H256::repeat_byte(8),
				unlock: None,
			})
			.collect();
		let entries: BoundedVec<_, T::MaxLodged> = entries.try_into().expect("at most MaxLodged");
		#[extrinsic_call]
		_(RawOrigin::Signed(centre), t, entries);
		assert_eq!(LodgedCount::<T>::get(t), n);
	}

	/// The claim of a lodged bid: the seal's VRF verified, the claim's checks, and the reveal at
	/// its worst (both collusion flags raised, as in `reveal_bid`).
	#[benchmark]
	fn reveal_lodged_bid() -> Result<(), BenchmarkError> {
		use frame_system::pallet_prelude::BlockNumberFor;
		use sp_runtime::traits::Zero;
		frame_system::BlockHash::<T>::insert(
			BlockNumberFor::<T>::zero(),
			<T::Hash as codec::Decode>::decode(&mut &bench_seal::GENESIS[..])
				.map_err(|_| BenchmarkError::Stop("the runtime's hash is not 32 bytes"))?,
		);
		let (t, centre) = tender::<T>(2);
		if t != bench_seal::TENDER {
			return Err(BenchmarkError::Stop("the sealed-bid vector is for the first tender"));
		}
		let first = committed::<T>(t, 1);
		let sealer = T::BenchmarkHelper::sealed_bidder();
		T::BenchmarkHelper::certify(&sealer, Role::Bidder);
		let genesis = Tendering::<T>::genesis_hash();
		let seal = sr25519_vrf_output(
			SEAL_VRF_TAGS,
			&bench_seal::PUBLIC,
			&seal_input(&genesis, t),
			&bench_seal::PRE_OUTPUT,
			&bench_seal::PROOF,
		)
		.ok_or(BenchmarkError::Stop("the sealed-bid vector does not verify"))?;
		let c = commitment(
			&genesis,
			t,
			&sealer,
			&terms(2),
			&H256::repeat_byte(1),
			&H256::repeat_byte(0x80),
			&salt(2),
		);
		let entry =
			LodgedEntry { seal: H256(seal), commitment: c, lock: H256::zero(), unlock: None };
		Tendering::<T>::lodge_bids(
			RawOrigin::Signed(centre).into(),
			t,
			vec![entry].try_into().map_err(|_| BenchmarkError::Stop("MaxLodged is zero"))?,
		)
		.map_err(|_| BenchmarkError::Stop("lodging before the deadline"))?;
		past_deadline::<T>(t);
		Tendering::<T>::reveal_bid(
			RawOrigin::Signed(first).into(),
			t,
			terms(1),
			H256::repeat_byte(1),
			H256::repeat_byte(0x80),
			salt(1),
		)
		.map_err(|_| BenchmarkError::Stop("matching reveal"))?;
		#[extrinsic_call]
		_(
			RawOrigin::Signed(sealer),
			t,
			terms(2),
			H256::repeat_byte(1),
			H256::repeat_byte(0x80),
			salt(2),
			bench_seal::PRE_OUTPUT,
			bench_seal::PROOF,
		);
		assert_eq!(CollusionFlags::<T>::get(t).len(), 2);
		Ok(())
	}

	/// `n` decoys proven at once.
	#[benchmark]
	fn prove_decoys(n: Linear<1, { T::MaxLodged::get() }>) {
		let (t, centre) = tender::<T>(2);
		let genesis = Tendering::<T>::genesis_hash();
		let preimages: Vec<H256> =
			(0..n).map(|i| H256(sp_io::hashing::blake2_256(&i.to_le_bytes()))).collect();
		let entries: Vec<LodgedEntry> = preimages
			.iter()
			.map(|p| LodgedEntry {
				seal: decoy_seal(&genesis, t, p),
				commitment: H256::zero(),
				lock: H256::zero(),
				unlock: None,
			})
			.collect();
		Tendering::<T>::lodge_bids(
			RawOrigin::Signed(centre.clone()).into(),
			t,
			entries.try_into().expect("at most MaxLodged"),
		)
		.expect("before the deadline");
		past_deadline::<T>(t);
		let preimages: BoundedVec<_, T::MaxLodged> =
			preimages.try_into().expect("at most MaxLodged");
		#[extrinsic_call]
		_(RawOrigin::Signed(centre), t, preimages);
		let seal = decoy_seal(&genesis, t, &H256(sp_io::hashing::blake2_256(&0u32.to_le_bytes())));
		assert_eq!(Lodged::<T>::get(t, seal).map(|e| e.state), Some(LodgedState::Decoy));
	}

	#[benchmark]
	fn record_finding() {
		let (t, _) = tender::<T>(2);
		let supervisor = full_supervision_record::<T>(t);
		#[extrinsic_call]
		_(RawOrigin::Signed(supervisor), t, H256::zero());
		assert_eq!(Findings::<T>::get(t).len() as u32, T::MaxFindings::get());
		assert_eq!(FindingCount::<T>::get(t), T::MaxFindings::get() + 1);
	}

	impl_benchmark_test_suite!(Tendering, crate::mock::new_test_ext(), crate::mock::Test);
}
