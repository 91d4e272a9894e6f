//! Benchmarks of the expert-draw pallet (FRAME benchmarking v2), each at its worst case: a
//! tender with the most bidders, a pool of `n` entries every one of which is eligible for
//! every line, the draw of `MaxPicks` experts in four lines, committee records of `MaxSeats`
//! seats (one fewer where a replacement adds a seat).
//!
//! The VRF contributions are signed in advance (the runtime cannot sign): the benchmark fixes
//! everything the draw input depends on (draw 0, tender 0, the lines, the genesis and anchor
//! hashes), and the contributions of [`crate::bench_vectors`] are valid for exactly that
//! input (a unit test checks), for each `MaxPicks` recorded there.

use super::*;
use crate::bench_vectors::*;
use crate::Pallet as ExpertDraw;
use alloc::vec;
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{EnsureOrigin, Get},
	BoundedVec,
};
use frame_system::{pallet_prelude::BlockNumberFor, RawOrigin};
use pallet_certificates::{ParticipantRegistry, Role};
use pallet_tendering::TenderInfo;
use sp_runtime::traits::Zero;

fn hash_of<T: frame_system::Config>(bytes: [u8; 32]) -> T::Hash {
	use codec::Decode;
	T::Hash::decode(&mut &bytes[..]).unwrap_or_default()
}

/// The employer salt of the benchmarks' experts.
const EMPLOYER_SALT: [u8; 32] = [0xe5; 32];

/// A remote-eligible entry with all four benchmark specialities, in effect since genesis.
fn entry<T: Config>(i: u32) -> PoolEntryOf<T> {
	PoolEntry {
		pseudonym: H256(sp_io::hashing::blake2_256(&i.to_le_bytes())),
		specialities: BoundedVec::truncate_from(vec![1, 2, 3, 4]),
		city: b"ZZ".to_vec().try_into().unwrap_or_default(),
		employer: identity::employer_commitment(&H256::repeat_byte(0xee), &EMPLOYER_SALT),
		available: true,
		pending_availability: None,
		remote: true,
		added_at: Zero::zero(),
		active_from: Zero::zero(),
		struck: false,
		struck_from: None,
		exposed: false,
	}
}

/// The lines of the benchmark draw: `MaxPicks` experts.
fn lines<T: Config>() -> BoundedVec<Requirement, MaxRequirements> {
	BoundedVec::truncate_from(bench_lines(T::MaxPicks::get()))
}

/// The fewest entries for which the benchmark draw, and a replacement after a committee of
/// `MaxSeats` entries, have eligible sets large enough.
fn min_pool<T: Config>() -> u32 {
	T::MaxPicks::get()
		.saturating_mul(T::MinPoolMultiple::get().max(1))
		.saturating_add(T::MaxSeats::get())
		.saturating_add(T::MinPoolMultiple::get())
}

/// Fills the pool with `n` entries.
fn pool<T: Config>(n: u32) {
	let mut page = 0;
	let mut entries = Vec::new();
	for i in 0..n {
		entries.push(entry::<T>(i));
		if entries.len() as u32 == PAGE_SIZE || i + 1 == n {
			PoolPages::<T>::insert(page, BoundedVec::truncate_from(core::mem::take(&mut entries)));
			page += 1;
		}
	}
	PoolSize::<T>::put(n);
}

/// Tender 0, hosted by the benchmark trading centre's city, with the most bidders, past its
/// deadline; returns the host trading centre and city.
fn tender<T: Config>() -> Result<(T::AccountId, CityCode), BenchmarkError> {
	let (centre, city) = T::BenchmarkHelper::trading_centre();
	let tender = T::BenchmarkHelper::tender_past_deadline().map_err(BenchmarkError::Stop)?;
	if tender != 0 {
		return Err(BenchmarkError::Stop("the benchmark tender must be tender 0"));
	}
	T::BenchmarkHelper::ensure_other_cities(&city, T::RequiredContributions::get() + 1);
	// Every other city has a draw key (a request needs one more than the contributions).
	for other in T::Cities::cities().into_iter().filter(|c| *c != city) {
		DrawKeys::<T>::insert(&other, [0x77; 32]);
	}
	Ok((centre, city))
}

/// Draw 0 requested over a pool of `n`, at the block after its anchor, the first two cities
/// in its order (which the benchmark anchor hash sets) holding the benchmark keys at the
/// request; returns their trading centres.
fn requested<T: Config>(n: u32) -> Result<Vec<T::AccountId>, BenchmarkError> {
	let (centre, host) = tender::<T>()?;
	pool::<T>(n);
	// Every other city has a key; the first two in the order hold the benchmark keys.
	let others: Vec<CityCode> = T::Cities::cities().into_iter().filter(|c| *c != host).collect();
	for city in &others {
		DrawKeys::<T>::insert(city, [0x77; 32]);
	}
	let contributions = contributions::<T>()?;
	let order = selection::contributor_order(H256(BENCH_ANCHOR), &others);
	let mut centres = Vec::new();
	for (i, city) in order.iter().take(2).enumerate() {
		DrawKeys::<T>::insert(city, contributions[i].0);
		centres.push(
			T::BenchmarkHelper::centre_of(city)
				.ok_or(BenchmarkError::Stop("a designated city without trading centre"))?,
		);
	}
	frame_system::BlockHash::<T>::insert(BlockNumberFor::<T>::zero(), hash_of::<T>(BENCH_GENESIS));
	ExpertDraw::<T>::request_draw(RawOrigin::Signed(centre).into(), 0, Mode::Remote, lines::<T>())
		.map_err(|_| BenchmarkError::Stop("requesting the benchmark draw"))?;
	let d = Draws::<T>::get(0).ok_or(BenchmarkError::Stop("the benchmark draw must be draw 0"))?;
	frame_system::BlockHash::<T>::insert(d.anchor, hash_of::<T>(BENCH_ANCHOR));
	frame_system::Pallet::<T>::set_block_number(d.anchor + 1u32.into());
	Ok(centres)
}

/// The benchmark contributions for a draw of `MaxPicks` experts.
fn contributions<T: Config>() -> Result<[BenchContribution; 2], BenchmarkError> {
	bench_contributions(T::MaxPicks::get()).ok_or(BenchmarkError::Stop(
		"no benchmark contributions for this MaxPicks: add it to BENCH_TOTALS and regenerate \
		 bench_vrf.in",
	))
}

/// Tender 0 (the most bidders) in evaluation with a committee record of `seats` seats, all
/// drawn from draw 0 over a pool of `n` (requested, so that its record exists); seat 0 is
/// drawn for pool entry 0, which `expert` proves with the returned salt.
fn committee<T: Config>(
	n: u32,
	seats: u32,
	expert: &T::AccountId,
) -> Result<(T::AccountId, [u8; 32]), BenchmarkError> {
	let (centre, host) = tender::<T>()?;
	for city in T::Cities::cities().into_iter().filter(|c| *c != host) {
		DrawKeys::<T>::insert(&city, [0x77; 32]);
	}
	pool::<T>(n);
	let salt = [3u8; 32];
	// The entry's city is the expert's certificate's, as take_seat checks.
	let city = T::Participants::city_of(expert).unwrap_or(host);
	PoolPages::<T>::mutate(0, |page| {
		if let Some(e) = page.get_mut(0) {
			e.pseudonym = pseudonym(expert, &salt);
			e.city = city;
		}
	});
	ExpertDraw::<T>::request_draw(
		RawOrigin::Signed(centre.clone()).into(),
		0,
		Mode::Remote,
		lines::<T>(),
	)
	.map_err(|_| BenchmarkError::Stop("requesting the first draw"))?;
	// The first draw's result, written directly (its contributions are benchmarked above).
	TenderPending::<T>::remove(0);
	Draws::<T>::mutate(0, |d| {
		if let Some(d) = d {
			d.completed_at = Some(Zero::zero());
		}
	});
	let seats: Vec<Seat<T::AccountId>> = (0..seats)
		.map(|i| Seat { entry: i, speciality: 1, draw: 0, state: SeatState::Drawn })
		.collect();
	Committees::<T>::insert(0, BoundedVec::truncate_from(seats));
	T::BenchmarkHelper::begin_evaluation(0);
	Ok((centre, salt))
}

fn administrator<T: Config>() -> T::AccountId {
	let admin: T::AccountId = account("pool-administrator", 0, 0);
	PoolAdministrator::<T>::put(&admin);
	admin
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn set_pool_administrator() -> Result<(), BenchmarkError> {
		let origin =
			T::ConsortiumOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let admin: T::AccountId = account("pool-administrator", 0, 0);
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, admin.clone());
		assert_eq!(PoolAdministrator::<T>::get(), Some(admin));
		Ok(())
	}

	/// Adds the last entry of a page.
	#[benchmark]
	fn add_expert() {
		let admin = administrator::<T>();
		pool::<T>(PAGE_SIZE - 1);
		let city = T::BenchmarkHelper::trading_centre().1;
		#[extrinsic_call]
		_(
			RawOrigin::Signed(admin),
			H256::repeat_byte(7),
			BoundedVec::truncate_from(vec![1, 2, 3, 4]),
			city,
			H256::repeat_byte(8),
			true,
		);
		assert_eq!(PoolSize::<T>::get(), PAGE_SIZE);
	}

	#[benchmark]
	fn set_availability() -> Result<(), BenchmarkError> {
		let admin = administrator::<T>();
		pool::<T>(PAGE_SIZE);
		let from = frame_system::Pallet::<T>::block_number() + T::PoolChangeDelay::get();
		#[block]
		{
			ExpertDraw::<T>::set_availability(
				RawOrigin::Signed(admin).into(),
				PAGE_SIZE - 1,
				false,
			)
			.map_err(|e| {
				BenchmarkError::Stop(match e {
					sp_runtime::DispatchError::Module(m) => m.message.unwrap_or("a module error"),
					sp_runtime::DispatchError::BadOrigin => "bad origin",
					_ => "set_availability failed",
				})
			})?;
		}
		// The change is pending, for a block `PoolChangeDelay` blocks on.
		let pending = ExpertDraw::<T>::entry(PAGE_SIZE - 1).and_then(|e| e.pending_availability);
		assert!(matches!(pending, Some((false, at)) if at >= from));
		Ok(())
	}

	#[benchmark]
	fn strike_expert() {
		let admin = administrator::<T>();
		pool::<T>(PAGE_SIZE);
		#[extrinsic_call]
		_(RawOrigin::Signed(admin), PAGE_SIZE - 1, H256::repeat_byte(9));
		assert!(ExpertDraw::<T>::entry(PAGE_SIZE - 1).map(|e| e.struck).unwrap_or(false));
	}

	#[benchmark]
	fn set_draw_key() {
		let (centre, city) = T::BenchmarkHelper::trading_centre();
		#[extrinsic_call]
		_(RawOrigin::Signed(centre), [5; 32]);
		assert_eq!(DrawKeys::<T>::get(city), Some([5; 32]));
	}

	/// A draw of `MaxPicks` experts in four lines over a pool of `n`, every entry eligible
	/// for every line, for a tender with the most bidders.
	#[benchmark]
	fn request_draw(
		n: Linear<{ T::MaxPicks::get() * T::MinPoolMultiple::get().max(1) }, 20_000>,
	) -> Result<(), BenchmarkError> {
		let n = n.min(T::MaxPoolSize::get());
		let (centre, _) = tender::<T>()?;
		pool::<T>(n);
		#[extrinsic_call]
		_(RawOrigin::Signed(centre), 0, Mode::Remote, lines::<T>());
		assert_eq!(EligibleSets::<T>::get(0, 3).len() as u32, n);
		Ok(())
	}

	/// The contribution that completes a draw of `MaxPicks` experts over eligible sets of `n`
	/// entries each: one VRF verification, the seed, the selection and the committee.
	#[benchmark]
	fn contribute(
		n: Linear<{ T::MaxPicks::get() * T::MinPoolMultiple::get().max(1) }, 20_000>,
	) -> Result<(), BenchmarkError> {
		let n = n.min(T::MaxPoolSize::get());
		let centres = requested::<T>(n)?;
		let contributions = contributions::<T>()?;
		let (_, pre, proof) = contributions[0];
		ExpertDraw::<T>::contribute(RawOrigin::Signed(centres[0].clone()).into(), 0, pre, proof)
			.map_err(|_| BenchmarkError::Stop("the first benchmark contribution"))?;
		let (_, pre, proof) = contributions[1];
		#[extrinsic_call]
		_(RawOrigin::Signed(centres[1].clone()), 0, pre, proof);
		assert_eq!(Committees::<T>::get(0).len() as u32, T::MaxPicks::get());
		Ok(())
	}

	/// Seat 0 of a full committee record, taken: every check passes, the employer compared
	/// with every bidder's identity.
	#[benchmark]
	fn take_seat() -> Result<(), BenchmarkError> {
		let expert: T::AccountId = account("expert", 0, 0);
		T::BenchmarkHelper::certify(&expert, Role::Expert);
		let (_, salt) = committee::<T>(min_pool::<T>(), T::MaxSeats::get(), &expert)?;
		#[extrinsic_call]
		take_seat(
			RawOrigin::Signed(expert.clone()),
			0,
			0,
			salt,
			H256::repeat_byte(0xee),
			EMPLOYER_SALT,
		);
		assert_eq!(Committees::<T>::get(0)[0].state, SeatState::Seated(expert));
		Ok(())
	}

	/// Seat 0 refused to a conflicted expert (employed by a bidder), and its replacement
	/// drawn at once over a pool of `n`, every entry eligible.
	#[benchmark]
	fn take_seat_replaced(n: Linear<{ min_pool::<T>() }, 20_000>) -> Result<(), BenchmarkError> {
		let n = n.max(min_pool::<T>()).min(T::MaxPoolSize::get());
		let expert: T::AccountId = account("expert", 0, 0);
		T::BenchmarkHelper::certify(&expert, Role::Expert);
		let (_, salt) = committee::<T>(n, T::MaxSeats::get() - 1, &expert)?;
		// Employed by the bidder compared last: every identity is compared.
		let employer = T::Tenders::bidders(0)
			.last()
			.and_then(T::Participants::identity_of)
			.ok_or(BenchmarkError::Stop("the benchmark bidders must be certified"))?;
		let employer_salt = [0xe6; 32];
		PoolPages::<T>::mutate(0, |page| {
			if let Some(e) = page.get_mut(0) {
				e.employer = identity::employer_commitment(&employer, &employer_salt);
			}
		});
		#[extrinsic_call]
		take_seat(RawOrigin::Signed(expert), 0, 0, salt, employer, employer_salt);
		assert_eq!(
			Committees::<T>::get(0)[0].state,
			SeatState::Replaced(ReplacementReason::IneligibleAtSeating)
		);
		assert!(TenderPending::<T>::contains_key(0));
		Ok(())
	}

	/// A replacement draw over a pool of `n`, every entry eligible, for a seat whose expert
	/// declined.
	#[benchmark]
	fn request_replacement(n: Linear<{ min_pool::<T>() }, 20_000>) -> Result<(), BenchmarkError> {
		let n = n.max(min_pool::<T>()).min(T::MaxPoolSize::get());
		let expert: T::AccountId = account("expert", 0, 0);
		let (centre, _) = committee::<T>(n, T::MaxSeats::get() - 1, &expert)?;
		Committees::<T>::mutate(0, |seats| {
			if let Some(s) = seats.get_mut(0) {
				s.state = SeatState::Declined(expert.clone());
			}
		});
		#[extrinsic_call]
		_(RawOrigin::Signed(centre), 0, 0);
		assert!(TenderPending::<T>::contains_key(0));
		Ok(())
	}

	/// Seat 0 of a full committee record declined.
	#[benchmark]
	fn decline_seat() -> Result<(), BenchmarkError> {
		let expert: T::AccountId = account("expert", 0, 0);
		let (_, salt) = committee::<T>(min_pool::<T>(), T::MaxSeats::get(), &expert)?;
		#[extrinsic_call]
		_(RawOrigin::Signed(expert.clone()), 0, 0, salt);
		assert_eq!(Committees::<T>::get(0)[0].state, SeatState::Declined(expert));
		Ok(())
	}

	/// The expert in the last seat of a full committee record recuses themselves.
	#[benchmark]
	fn recuse() -> Result<(), BenchmarkError> {
		let expert: T::AccountId = account("expert", 0, 0);
		committee::<T>(min_pool::<T>(), T::MaxSeats::get(), &expert)?;
		let last = T::MaxSeats::get() as usize - 1;
		Committees::<T>::mutate(0, |seats| {
			if let Some(s) = seats.get_mut(last) {
				s.state = SeatState::Seated(expert.clone());
			}
		});
		#[extrinsic_call]
		_(RawOrigin::Signed(expert.clone()), 0, H256::repeat_byte(1));
		assert_eq!(Committees::<T>::get(0)[last].state, SeatState::Recused(expert));
		Ok(())
	}

	/// A supervisor removes a seated expert.
	#[benchmark]
	fn remove_expert() -> Result<(), BenchmarkError> {
		let expert: T::AccountId = account("expert", 0, 0);
		let supervisor: T::AccountId = account("supervisor", 0, 0);
		T::BenchmarkHelper::certify(&supervisor, Role::Supervisor);
		committee::<T>(min_pool::<T>(), T::MaxSeats::get(), &expert)?;
		Committees::<T>::mutate(0, |seats| {
			if let Some(s) = seats.get_mut(0) {
				s.state = SeatState::Seated(expert.clone());
			}
		});
		#[extrinsic_call]
		_(RawOrigin::Signed(supervisor), 0, 0, H256::repeat_byte(2));
		assert_eq!(Committees::<T>::get(0)[0].state, SeatState::Removed(expert));
		Ok(())
	}

	/// A supervisor orders a replacement draw over a pool of `n`, every entry eligible.
	#[benchmark]
	fn order_replacement(n: Linear<{ min_pool::<T>() }, 20_000>) -> Result<(), BenchmarkError> {
		let n = n.max(min_pool::<T>()).min(T::MaxPoolSize::get());
		let expert: T::AccountId = account("expert", 0, 0);
		let supervisor: T::AccountId = account("supervisor", 0, 0);
		T::BenchmarkHelper::certify(&supervisor, Role::Supervisor);
		committee::<T>(n, T::MaxSeats::get() - 1, &expert)?;
		// A recorded vacancy: the drawn expert declined.
		Committees::<T>::mutate(0, |seats| {
			if let Some(s) = seats.get_mut(0) {
				s.state = SeatState::Declined(expert.clone());
			}
		});
		#[extrinsic_call]
		_(RawOrigin::Signed(supervisor), 0, 0, H256::repeat_byte(3));
		assert!(TenderPending::<T>::contains_key(0));
		Ok(())
	}

	/// One VRF verification and output derivation, alone (part of every `contribute`).
	#[benchmark]
	fn verify_vrf() -> Result<(), BenchmarkError> {
		let input = selection::input_hash(
			H256(BENCH_GENESIS),
			0,
			0,
			Mode::Remote,
			&lines::<T>(),
			H256(BENCH_ANCHOR),
		);
		let (key, pre, proof) = contributions::<T>()?[0];
		let output;
		#[block]
		{
			output = verify_contribution(&key, &input, &pre, &proof);
		}
		assert!(output.is_some());
		Ok(())
	}

	/// An exposed entry's slot, at the end of a full page, takes a new entry.
	#[benchmark]
	fn reuse_entry() {
		let admin = administrator::<T>();
		pool::<T>(PAGE_SIZE);
		let last = PAGE_SIZE - 1;
		PoolPages::<T>::mutate(0, |page| {
			if let Some(e) = page.get_mut(last as usize) {
				e.exposed = true;
			}
		});
		ExposedAt::<T>::insert(last, BlockNumberFor::<T>::zero());
		let later = <T as frame_system::Config>::BlockHashCount::get() + 2u32.into();
		frame_system::Pallet::<T>::set_block_number(later);
		let city = T::BenchmarkHelper::trading_centre().1;
		#[extrinsic_call]
		_(
			RawOrigin::Signed(admin),
			last,
			H256::repeat_byte(7),
			BoundedVec::truncate_from(vec![1, 2, 3, 4]),
			city,
			H256::repeat_byte(8),
			true,
		);
		assert_eq!(ExpertDraw::<T>::entry(last).map(|e| e.pseudonym), Some(H256::repeat_byte(7)));
	}

	impl_benchmark_test_suite!(ExpertDraw, crate::mock::new_test_ext(), crate::mock::Test);
}
