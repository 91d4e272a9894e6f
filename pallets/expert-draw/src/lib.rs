//! # Expert-draw pallet
//!
//! ## Overview
//!
//! The random draw of evaluation experts (专家随机抽取), with conflict-of-interest avoidance
//! (回避), remote cross-city evaluation (远程异地评标) and replacement draws, fixed in runtime
//! code. Maintaining the pool, drawing and supervising are held by different parties
//! (三端分离): the pool by the expert-pool administrator (an account the consortium names,
//! which may be neither a trading centre nor a supervisor), the draw by the tender's host
//! trading centre and two other cities, supervision by supervisors, who only read.
//!
//! - **Pool.** Entries carry speciality codes, city, the hash of the employer's identity,
//!   availability and whether the expert takes remote evaluation — and no name: the expert is
//!   a pseudonym `BLAKE2-256(PSEUDONYM_TAG ‖ SCALE(account) ‖ salt)`.
//! - **Request.** The host trading centre asks, after the bid deadline, for specialities ×
//!   counts, locally or remotely. The eligible set of each line is computed and stored then
//!   (see [`selection`]); too small a pool is refused with `PoolTooSmall` before any
//!   randomness exists.
//! - **Randomness.** Two cities other than the requesting one each sign, with their draw key
//!   (sr25519), a VRF over an input fixed by the request and by the hash of the block after
//!   it. The runtime verifies each proof. The seed is the hash of the outputs; the selection
//!   from it is deterministic. Which cities are asked rotates with the draw number; a city
//!   that has not answered after [`Config::ContributionWindow`] blocks is joined by the next
//!   city in the rotation, and so on, so a silent city cannot stall a draw. A draw that is
//!   not complete within `BlockHashCount` blocks of its anchor (2,400 blocks, two hours, in
//!   the runtime) lapses: the host requests it again, and the new draw takes its place.
//! - **Seats.** Drawn experts take their seat when evaluation begins (the bids are opened) by
//!   proving their entry: their account signs and gives the salt; their expert certificate
//!   and their credit (not barred from evaluation) are checked then. The tendering pallet
//!   accepts the evaluation report only from a seated member.
//! - **Replacement.** When an expert declines, is absent, declares a conflict or cannot take
//!   the seat, the host trading centre records the reason and a new draw fills the seat under
//!   the same rules, with fresh contributions, excluding everyone drawn before for the tender.
//!
//! ## What is unpredictable, unbiasable, verifiable
//!
//! - *Unpredictable at request*: the input includes the next block's hash and the outputs
//!   need the contributors' secret keys; no one knows the seed before two cities have signed.
//! - *Not biasable by one party*: a VRF output is a function of the key and the input, so a
//!   contributor cannot choose it; the requesting city cannot contribute; the block author
//!   who fixes the anchor hash does not know the contributors' outputs for any candidate
//!   hash unless it colludes with both contributors.
//! - *Residual bias*: a designated city that sees the other output (or computes its own and
//!   dislikes the result together with an accomplice holding the other key) can withhold; the
//!   draw then waits for the next city in the rotation. Withholding is visible on chain
//!   (the silent city and the time are recorded), and buys at most a choice between the
//!   outcomes of the cities in the rotation, never a chosen expert. Two colluding designated
//!   cities can compute the outcome in advance — the consortium's rule is that cities do not
//!   share draw keys, as they do not share validator keys.
//! - *Verifiable*: the stored eligible sets, contributions (key, pre-output, proof), seed and
//!   picks let anyone replay the draw (`tender draw verify`).
//!
//! ## Who learns what, when
//!
//! - The public, supervisors, trading centres: the pool's entries without names; at the
//!   request, the eligible sets (entry numbers); at completion, the picked entry numbers;
//!   when evaluation begins, each seated expert's account. An employer hash shared by few
//!   entries narrows who an entry may be: that is the price of checking avoidance on chain.
//! - The pool administrator: every identity, hence the committee as soon as it is drawn (it
//!   must call the experts). It cannot draw.
//! - An expert: whether they were drawn (they know their salt), not who else was.
//!
//! ## Dispatchable functions
//!
//! `set_pool_administrator`, `add_expert`, `set_availability`, `strike_expert`,
//! `set_draw_key`, `request_draw`, `contribute`, `take_seat`, `request_replacement`.

#![cfg_attr(not(feature = "std"), no_std)]
#![warn(missing_docs)]

extern crate alloc;

pub mod selection;
mod types;
pub mod weights;

#[cfg(any(test, feature = "runtime-benchmarks"))]
mod bench_vectors;
#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod vectors;

pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

use alloc::vec::Vec;
use codec::Encode;
use sp_core::{sr25519, H256};

/// The ordered list of the consortium's cities (for the rotation of contributors).
pub trait CityList {
	/// The codes of every city, sorted.
	fn cities() -> Vec<CityCode>;
}

/// What the benchmarks need from the runtime: certified participants, trading centres, enough
/// cities, and a tender to draw for.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId> {
	/// Gives `who` a valid certificate with `role`.
	fn certify(who: &AccountId, role: pallet_certificates::Role);
	/// A trading centre and its city.
	fn trading_centre() -> (AccountId, CityCode);
	/// Makes sure the consortium has at least `n` cities besides `host`.
	fn ensure_other_cities(host: &CityCode, n: u32);
	/// The trading centre of `city`.
	fn centre_of(city: &CityCode) -> Option<AccountId>;
	/// Publishes a tender hosted by the city of [`Self::trading_centre`], with as many bids as
	/// a tender may have, and moves the clock to its bid deadline; returns its number.
	fn tender_past_deadline() -> Result<TenderId, &'static str>;
	/// Moves `tender` to its evaluation, as if its bids had been opened.
	fn begin_evaluation(tender: TenderId);
}

/// The pseudonym of `account` with `salt`: `BLAKE2-256(PSEUDONYM_TAG ‖ SCALE(account) ‖ salt)`.
pub fn pseudonym<AccountId: Encode>(account: &AccountId, salt: &[u8; 32]) -> H256 {
	let mut data = PSEUDONYM_TAG.to_vec();
	account.encode_to(&mut data);
	data.extend_from_slice(salt);
	H256(sp_io::hashing::blake2_256(&data))
}

/// The VRF transcript of a draw input, as every contributor signs it.
pub fn vrf_transcript(input: &H256) -> sr25519::vrf::VrfTranscript {
	sr25519::vrf::VrfTranscript::new(VRF_LABEL, &[(VRF_INPUT_ITEM, input.as_bytes())])
}

/// Verifies a VRF contribution by `key` over `input` and returns its 32 output bytes, or
/// `None` if the proof is not valid.
pub fn verify_contribution(
	key: &[u8; 32],
	input: &H256,
	pre_output: &[u8; 32],
	proof: &[u8; 64],
) -> Option<[u8; 32]> {
	use codec::Decode;
	use sp_core::crypto::VrfPublic;
	let public = sr25519::Public::from_raw(*key);
	let signature = sr25519::vrf::VrfSignature {
		pre_output: sr25519::vrf::VrfPreOutput::decode(&mut &pre_output[..]).ok()?,
		proof: sr25519::vrf::VrfProof::decode(&mut &proof[..]).ok()?,
	};
	let transcript = vrf_transcript(input);
	if !public.vrf_verify(&transcript.clone().into_sign_data(), &signature) {
		return None;
	}
	signature.pre_output.make_bytes::<32>(VRF_OUTPUT_CONTEXT, &transcript, &public).ok()
}

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use crate::selection::{self, Avoidance};
	use frame_support::{pallet_prelude::*, traits::Contains};
	use frame_system::pallet_prelude::*;
	use pallet_certificates::{Bar, ParticipantRegistry, Role};
	use pallet_tendering::{Phase, TenderInfo, TenderState, TenderSummary, TradingCentres};
	use sp_runtime::traits::{Saturating, Zero};

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Configuration of the expert-draw pallet.
	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// The consortium: names the expert-pool administrator.
		type ConsortiumOrigin: EnsureOrigin<Self::RuntimeOrigin>;
		/// The tenders experts are drawn for: host city, tenderer, phase, bidders (answered by
		/// the tendering pallet).
		type Tenders: TenderInfo<Self::AccountId>;
		/// Who participants are: roles, validity, bars, and the city and legal identity that
		/// avoidance compares.
		type Participants: ParticipantRegistry<Self::AccountId>;
		/// Which accounts are trading centres, of which city.
		type TradingCentres: TradingCentres<Self::AccountId>;
		/// The consortium's cities: whether a city is one, and all of them in order (for the
		/// rotation of contributors).
		type Cities: Contains<CityCode> + CityList;
		/// The most cities the consortium may have: reading the city list costs one read per
		/// city, which the weights of `request_draw`, `request_replacement` and `contribute`
		/// add beyond what the benchmarks (with a few cities) measured.
		#[pallet::constant]
		type MaxCities: Get<u32>;
		/// The largest pool (entries ever added, struck ones included).
		#[pallet::constant]
		type MaxPoolSize: Get<u32>;
		/// The most experts one draw may pick.
		#[pallet::constant]
		type MaxPicks: Get<u32>;
		/// The most seats a tender's committee record may hold, replaced ones included; also
		/// the most draws a tender may have, lapsed and replacement draws included.
		#[pallet::constant]
		type MaxSeats: Get<u32>;
		/// How many cities must contribute to a draw (at least 2).
		#[pallet::constant]
		type RequiredContributions: Get<u32>;
		/// How many blocks a designated city has to contribute before the next city in the
		/// rotation may contribute too.
		#[pallet::constant]
		type ContributionWindow: Get<BlockNumberFor<Self>>;
		/// For how many of a tenderer's recent draws their picks are avoided in the next.
		#[pallet::constant]
		type RecentDraws: Get<u32>;
		/// The weights of this pallet's calls.
		type WeightInfo: WeightInfo;
		/// What the benchmarks need from the runtime.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId>;
	}

	/// The draw record type of this runtime.
	pub type DrawOf<T> =
		Draw<BlockNumberFor<T>, <T as Config>::RequiredContributions, <T as Config>::MaxPicks>;

	/// A tender's pending draw that lapsed, if any: its number and record.
	pub type LapsedDraw<T> = Option<(DrawId, DrawOf<T>)>;

	/// The account the consortium named to maintain the expert pool (专家库管理).
	#[pallet::storage]
	pub type PoolAdministrator<T: Config> = StorageValue<_, T::AccountId>;

	/// The pool, [`PAGE_SIZE`] entries per page: entry `e` is at page `e / PAGE_SIZE`, position
	/// `e % PAGE_SIZE`.
	///
	/// Twox64Concat: page numbers are sequential.
	#[pallet::storage]
	pub type PoolPages<T: Config> =
		StorageMap<_, Twox64Concat, u32, BoundedVec<PoolEntry, ConstU32<PAGE_SIZE>>, ValueQuery>;

	/// How many entries the pool holds (the next entry's number).
	#[pallet::storage]
	pub type PoolSize<T: Config> = StorageValue<_, u32, ValueQuery>;

	/// The entry of each pseudonym.
	///
	/// Identity: a pseudonym is a BLAKE2-256 hash, so it is already uniform.
	#[pallet::storage]
	pub type EntryOfPseudonym<T: Config> = StorageMap<_, Identity, H256, EntryId>;

	/// Each city's draw key (sr25519 public key), with which it signs VRF contributions.
	///
	/// Blake2_128Concat: city codes are chosen by people.
	#[pallet::storage]
	pub type DrawKeys<T: Config> = StorageMap<_, Blake2_128Concat, CityCode, [u8; 32]>;

	/// The draws.
	///
	/// Twox64Concat: draw numbers are sequential.
	#[pallet::storage]
	pub type Draws<T: Config> = StorageMap<_, Twox64Concat, DrawId, DrawOf<T>>;

	/// The number the next draw gets.
	#[pallet::storage]
	pub type NextDrawId<T: Config> = StorageValue<_, DrawId, ValueQuery>;

	/// The eligible set of each line of each draw, fixed at the request, in entry order.
	///
	/// Twox64Concat for the sequential draw number and the line.
	#[pallet::storage]
	pub type EligibleSets<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		DrawId,
		Twox64Concat,
		u32,
		BoundedVec<EntryId, T::MaxPoolSize>,
		ValueQuery,
	>;

	/// The draws of each tender, oldest first.
	///
	/// Twox64Concat: tender numbers are sequential.
	#[pallet::storage]
	pub type TenderDraws<T: Config> =
		StorageMap<_, Twox64Concat, TenderId, BoundedVec<DrawId, T::MaxSeats>, ValueQuery>;

	/// The draw of each tender that is waiting for contributions.
	///
	/// Twox64Concat: tender numbers are sequential.
	#[pallet::storage]
	pub type TenderPending<T: Config> = StorageMap<_, Twox64Concat, TenderId, DrawId>;

	/// The evaluation committee of each tender: its seats, replaced ones included.
	///
	/// Twox64Concat: tender numbers are sequential.
	#[pallet::storage]
	pub type Committees<T: Config> = StorageMap<
		_,
		Twox64Concat,
		TenderId,
		BoundedVec<Seat<T::AccountId>, T::MaxSeats>,
		ValueQuery,
	>;

	/// The picks of each tenderer's most recent draws (by the tenderer's identity hash), newest
	/// last: avoided in the tenderer's next draws.
	///
	/// Identity: the key is a SHA-256 identity hash from a certificate.
	#[pallet::storage]
	pub type RecentPicks<T: Config> = StorageMap<
		_,
		Identity,
		H256,
		BoundedVec<BoundedVec<EntryId, T::MaxPicks>, T::RecentDraws>,
		ValueQuery,
	>;

	/// The genesis state: the pool administrator and the cities' draw keys.
	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// The expert-pool administrator, if named at genesis.
		pub pool_administrator: Option<T::AccountId>,
		/// The cities' draw keys: (city code, sr25519 public key).
		pub draw_keys: Vec<(Vec<u8>, [u8; 32])>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			if let Some(admin) = &self.pool_administrator {
				Pallet::<T>::install_administrator(admin);
			}
			for (city, key) in &self.draw_keys {
				let city: CityCode =
					city.clone().try_into().expect("genesis city codes fit 16 bytes");
				DrawKeys::<T>::insert(city, key);
			}
		}
	}

	/// The events of the expert-draw pallet.
	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// The consortium named the expert-pool administrator.
		PoolAdministratorSet {
			/// The account.
			administrator: T::AccountId,
		},
		/// An expert entered the pool.
		ExpertAdded {
			/// The entry.
			entry: EntryId,
			/// Its pseudonym.
			pseudonym: H256,
		},
		/// An entry's availability changed.
		AvailabilitySet {
			/// The entry.
			entry: EntryId,
			/// Available or not.
			available: bool,
		},
		/// An entry was struck from the pool.
		ExpertStruck {
			/// The entry.
			entry: EntryId,
			/// The hash of the reason document.
			reason: H256,
		},
		/// A city set its draw key.
		DrawKeySet {
			/// The city.
			city: CityCode,
			/// The sr25519 public key.
			key: [u8; 32],
		},
		/// A draw was requested; contributions are accepted from block `anchor + 1`.
		DrawRequested {
			/// The draw.
			draw: DrawId,
			/// The tender.
			tender: TenderId,
			/// The block whose hash enters the VRF input.
			anchor: BlockNumberFor<T>,
			/// The size of each line's eligible set.
			eligible: Vec<u32>,
			/// The cities asked to contribute first.
			contributors: Vec<CityCode>,
		},
		/// A city's VRF contribution was verified and recorded.
		Contributed {
			/// The draw.
			draw: DrawId,
			/// The city.
			city: CityCode,
			/// Its output bytes.
			output: [u8; 32],
		},
		/// Enough cities contributed: the experts are drawn.
		DrawCompleted {
			/// The draw.
			draw: DrawId,
			/// The tender.
			tender: TenderId,
			/// The seed.
			seed: H256,
			/// The picked entries (pseudonymous until they take their seats).
			picks: Vec<EntryId>,
		},
		/// A drawn expert proved their entry and sits on the committee.
		ExpertSeated {
			/// The tender.
			tender: TenderId,
			/// The seat.
			seat: u32,
			/// The expert's account.
			expert: T::AccountId,
		},
		/// A draw lapsed without completing and a new draw takes its place.
		DrawLapsed {
			/// The lapsed draw.
			draw: DrawId,
			/// The tender.
			tender: TenderId,
		},
		/// A seat is to be filled again by a replacement draw.
		ReplacementRequested {
			/// The tender.
			tender: TenderId,
			/// The seat.
			seat: u32,
			/// Why.
			reason: ReplacementReason,
			/// The replacement draw.
			draw: DrawId,
		},
	}

	/// The errors of the expert-draw pallet.
	#[pallet::error]
	pub enum Error<T> {
		/// Only the expert-pool administrator maintains the pool.
		NotThePoolAdministrator,
		/// The pool administrator may not be a trading centre (it would draw) nor a supervisor.
		AdministratorConflict,
		/// An entry needs one to four speciality codes.
		BadSpecialities,
		/// The city is not in the consortium.
		UnknownCity,
		/// This pseudonym is already in the pool.
		PseudonymTaken,
		/// The pool is full.
		PoolFull,
		/// No pool entry has this number.
		UnknownEntry,
		/// The entry was struck from the pool.
		EntryStruck,
		/// Only a city's trading centre may do this.
		NotATradingCentre,
		/// No tender has this number.
		UnknownTender,
		/// Only the tender's host trading centre draws its experts.
		NotTheHostTradingCentre,
		/// The bidders are not known until the bid deadline: draw after it.
		BiddingNotClosed,
		/// The tender is suspended by a supervisor.
		TenderSuspended,
		/// The tender is past evaluation, failed or cancelled: nothing to draw for.
		TenderNotDrawable,
		/// The tender already has a committee; use a replacement draw.
		AlreadyDrawn,
		/// A draw for this tender is still waiting for contributions.
		DrawPending,
		/// A request needs at least one line, and each line at least one expert.
		EmptyRequest,
		/// A request has at most four lines (specialities): ask for fewer specialities.
		TooManyLines,
		/// More experts than one draw may pick.
		TooManyExperts,
		/// The pool has too few eligible experts for the request.
		PoolTooSmall,
		/// No draw has this number.
		UnknownDraw,
		/// The draw is complete.
		DrawComplete,
		/// Contributions start the block after the anchor block.
		AnchorNotYetProduced,
		/// The draw lapsed: it was not complete within `BlockHashCount` blocks of its anchor
		/// block, or that block's hash is no longer known. The host requests it again.
		DrawExpired,
		/// The requesting city does not contribute to its own draw.
		RequesterCannotContribute,
		/// This city has contributed to this draw.
		AlreadyContributed,
		/// This city is not (yet) asked to contribute to this draw.
		NotADesignatedContributor,
		/// The city has no draw key.
		NoDrawKey,
		/// The VRF proof does not verify with the city's draw key over the draw's input.
		InvalidVrfProof,
		/// The tender's bids are not opened yet: seats are taken when evaluation begins.
		EvaluationNotStarted,
		/// The committee has no such seat.
		UnknownSeat,
		/// The seat is not waiting for its expert.
		SeatNotDrawn,
		/// The account and salt do not hash to the drawn entry's pseudonym.
		NotTheDrawnExpert,
		/// This account already sits on the committee.
		AlreadySeated,
		/// The seat was replaced already.
		SeatReplaced,
		/// The tender's committee record holds its maximum of seats (`MaxSeats`), replaced
		/// ones included: no seat can be added, so no more replacements.
		TooManySeats,
		/// The tender has had its maximum of draws (`MaxSeats`), lapsed and replacement draws
		/// included: no more draws for it.
		TooManyDraws,
		/// The replacement draw of another seat lapsed: request that seat's replacement first.
		ExpiredReplacementFirst,
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Name the expert-pool administrator. It may not be a trading centre nor hold a
		/// supervisor certificate (三端分离).
		///
		/// The dispatch origin must be the consortium.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::set_pool_administrator())]
		pub fn set_pool_administrator(
			origin: OriginFor<T>,
			administrator: T::AccountId,
		) -> DispatchResult {
			T::ConsortiumOrigin::ensure_origin(origin)?;
			ensure!(
				T::TradingCentres::city_of(&administrator).is_none()
					&& T::Participants::ensure_role(&administrator, Role::Supervisor).is_err(),
				Error::<T>::AdministratorConflict
			);
			Self::install_administrator(&administrator);
			Self::deposit_event(Event::PoolAdministratorSet { administrator });
			Ok(())
		}

		/// Add an expert to the pool by pseudonym.
		///
		/// The dispatch origin must be signed by the pool administrator, who has checked the
		/// expert's certificate (checked again on chain when the expert takes a seat).
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::add_expert())]
		pub fn add_expert(
			origin: OriginFor<T>,
			pseudonym: H256,
			specialities: Vec<Speciality>,
			city: CityCode,
			employer: H256,
			remote: bool,
		) -> DispatchResult {
			Self::ensure_administrator(origin)?;
			let mut specialities = specialities;
			specialities.sort();
			specialities.dedup();
			let specialities: BoundedVec<Speciality, MaxEntrySpecialities> =
				specialities.try_into().map_err(|_| Error::<T>::BadSpecialities)?;
			ensure!(!specialities.is_empty(), Error::<T>::BadSpecialities);
			ensure!(T::Cities::contains(&city), Error::<T>::UnknownCity);
			ensure!(!EntryOfPseudonym::<T>::contains_key(pseudonym), Error::<T>::PseudonymTaken);
			let entry = PoolSize::<T>::get();
			ensure!(entry < T::MaxPoolSize::get(), Error::<T>::PoolFull);
			let record = PoolEntry {
				pseudonym,
				specialities,
				city,
				employer,
				available: true,
				remote,
				struck: false,
			};
			PoolPages::<T>::try_mutate(entry / PAGE_SIZE, |page| page.try_push(record))
				.map_err(|_| Error::<T>::PoolFull)?;
			PoolSize::<T>::put(entry + 1);
			EntryOfPseudonym::<T>::insert(pseudonym, entry);
			Self::deposit_event(Event::ExpertAdded { entry, pseudonym });
			Ok(())
		}

		/// Mark an expert available or not (leave, illness). Draws requested afterwards
		/// follow it; requested ones keep their eligible sets.
		///
		/// The dispatch origin must be signed by the pool administrator.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::set_availability())]
		pub fn set_availability(
			origin: OriginFor<T>,
			entry: EntryId,
			available: bool,
		) -> DispatchResult {
			Self::ensure_administrator(origin)?;
			Self::mutate_entry(entry, |e| {
				ensure!(!e.struck, Error::<T>::EntryStruck);
				e.available = available;
				Ok(())
			})?;
			Self::deposit_event(Event::AvailabilitySet { entry, available });
			Ok(())
		}

		/// Strike an expert from the pool for good (barred, retired, certificate revoked).
		///
		/// The dispatch origin must be signed by the pool administrator.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::strike_expert())]
		pub fn strike_expert(origin: OriginFor<T>, entry: EntryId, reason: H256) -> DispatchResult {
			Self::ensure_administrator(origin)?;
			Self::mutate_entry(entry, |e| {
				ensure!(!e.struck, Error::<T>::EntryStruck);
				e.struck = true;
				e.available = false;
				Ok(())
			})?;
			Self::deposit_event(Event::ExpertStruck { entry, reason });
			Ok(())
		}

		/// Set the calling trading centre's city's draw key (an sr25519 public key).
		///
		/// The dispatch origin must be signed by a city's trading centre.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::set_draw_key())]
		pub fn set_draw_key(origin: OriginFor<T>, key: [u8; 32]) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let city = T::TradingCentres::city_of(&who).ok_or(Error::<T>::NotATradingCentre)?;
			DrawKeys::<T>::insert(&city, key);
			Self::deposit_event(Event::DrawKeySet { city, key });
			Ok(())
		}

		/// Request a draw of experts for a tender whose bid deadline has passed.
		///
		/// The dispatch origin must be signed by the tender's host trading centre. Each line's
		/// eligible set is computed and stored now; `PoolTooSmall` if any may run short.
		///
		/// Emits `DrawRequested`.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::request_draw(T::MaxPoolSize::get()).saturating_add(Pallet::<T>::extra_weight()))]
		pub fn request_draw(
			origin: OriginFor<T>,
			tender: TenderId,
			mode: Mode,
			requirements: Vec<Requirement>,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let (t, city, lapsed) = Self::drawable_tender(&who, tender)?;
			// A draw that completed has filled at least one seat.
			let committee = Committees::<T>::get(tender);
			ensure!(committee.is_empty(), Error::<T>::AlreadyDrawn);
			let requirements: BoundedVec<Requirement, MaxRequirements> =
				requirements.try_into().map_err(|_| Error::<T>::TooManyLines)?;
			ensure!(
				!requirements.is_empty() && requirements.iter().all(|r| r.count > 0),
				Error::<T>::EmptyRequest
			);
			let total = requirements.iter().fold(0u32, |acc, r| acc.saturating_add(r.count));
			ensure!(total <= T::MaxPicks::get(), Error::<T>::TooManyExperts);
			let sets = Self::eligible_sets(tender, &t, &committee, mode, &requirements)?;

			// Every rule is checked: record the draw.
			Self::supersede(tender, lapsed);
			Self::open_draw(tender, city, mode, requirements, sets, None)?;
			Ok(Some(
				T::WeightInfo::request_draw(PoolSize::<T>::get())
					.saturating_add(Self::extra_weight()),
			)
			.into())
		}

		/// Contribute the calling city's VRF output and proof to a draw. The draw completes
		/// with the last required contribution: the seed is computed and the experts picked.
		///
		/// The dispatch origin must be signed by the trading centre of a designated city other
		/// than the requesting one.
		///
		/// Emits `Contributed`, and `DrawCompleted` with the last one.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::contribute(T::MaxPoolSize::get()).saturating_add(Pallet::<T>::city_reads()))]
		pub fn contribute(
			origin: OriginFor<T>,
			draw: DrawId,
			pre_output: [u8; 32],
			proof: [u8; 64],
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let city = T::TradingCentres::city_of(&who).ok_or(Error::<T>::NotATradingCentre)?;
			let mut d = Draws::<T>::get(draw).ok_or(Error::<T>::UnknownDraw)?;
			ensure!(d.seed.is_none(), Error::<T>::DrawComplete);
			let now = frame_system::Pallet::<T>::block_number();
			ensure!(now > d.anchor, Error::<T>::AnchorNotYetProduced);
			ensure!(!Self::lapsed(&d, now), Error::<T>::DrawExpired);
			ensure!(city != d.city, Error::<T>::RequesterCannotContribute);
			ensure!(
				!d.contributions.iter().any(|c| c.city == city),
				Error::<T>::AlreadyContributed
			);
			ensure!(
				Self::designated(draw, &d, now).contains(&city),
				Error::<T>::NotADesignatedContributor
			);
			let key = DrawKeys::<T>::get(&city).ok_or(Error::<T>::NoDrawKey)?;
			let anchor_hash = match d.anchor_hash {
				Some(hash) => hash,
				None => {
					let hash = frame_system::Pallet::<T>::block_hash(d.anchor);
					let hash = H256::from_slice(hash.as_ref());
					ensure!(hash != H256::zero(), Error::<T>::DrawExpired);
					d.anchor_hash = Some(hash);
					hash
				},
			};
			let input = Self::input_of(draw, &d, anchor_hash);
			let output = verify_contribution(&key, &input, &pre_output, &proof)
				.ok_or(Error::<T>::InvalidVrfProof)?;
			d.contributions
				.try_push(Contribution { city: city.clone(), key, pre_output, proof, output })
				.map_err(|_| Error::<T>::DrawComplete)?;
			Self::deposit_event(Event::Contributed { draw, city, output });
			let mut eligible = 0u32;
			if d.contributions.len() as u32 >= T::RequiredContributions::get() {
				eligible = Self::complete(draw, &mut d, input)?;
			}
			Draws::<T>::insert(draw, d);
			Ok(Some(T::WeightInfo::contribute(eligible).saturating_add(Self::city_reads())).into())
		}

		/// Take a drawn seat when evaluation begins (the bids are opened): prove the entry with
		/// the salt; the expert certificate and the credit record are checked now.
		///
		/// The dispatch origin must be signed by the expert.
		///
		/// Emits `ExpertSeated`.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::take_seat())]
		pub fn take_seat(
			origin: OriginFor<T>,
			tender: TenderId,
			seat: u32,
			salt: [u8; 32],
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let t = T::Tenders::tender(tender).ok_or(Error::<T>::UnknownTender)?;
			ensure!(t.state == TenderState::Evaluating, Error::<T>::EvaluationNotStarted);
			let mut committee = Committees::<T>::get(tender);
			let entry = {
				let s = committee.get(seat as usize).ok_or(Error::<T>::UnknownSeat)?;
				ensure!(s.state == SeatState::Drawn, Error::<T>::SeatNotDrawn);
				s.entry
			};
			let record = Self::entry(entry).ok_or(Error::<T>::UnknownEntry)?;
			ensure!(record.pseudonym == pseudonym(&who, &salt), Error::<T>::NotTheDrawnExpert);
			ensure!(
				!committee.iter().any(|s| s.state == SeatState::Seated(who.clone())),
				Error::<T>::AlreadySeated
			);
			T::Participants::ensure_role(&who, Role::Expert)?;
			T::Participants::ensure_not_barred(&who, Bar::Evaluation)?;
			if let Some(s) = committee.get_mut(seat as usize) {
				s.state = SeatState::Seated(who.clone());
			}
			Committees::<T>::insert(tender, committee);
			Self::deposit_event(Event::ExpertSeated { tender, seat, expert: who });
			Ok(())
		}

		/// Record why a seat must be filled again and open its replacement draw: one expert of
		/// the seat's speciality, in the same mode, under the same avoidance rules, excluding
		/// everyone drawn for this tender before.
		///
		/// The dispatch origin must be signed by the tender's host trading centre.
		///
		/// Emits `ReplacementRequested` and `DrawRequested`.
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::request_replacement(T::MaxPoolSize::get()).saturating_add(Pallet::<T>::extra_weight()))]
		pub fn request_replacement(
			origin: OriginFor<T>,
			tender: TenderId,
			seat: u32,
			reason: ReplacementReason,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let (t, city, lapsed) = Self::drawable_tender(&who, tender)?;
			// A lapsed replacement draw leaves its seat replaced but not yet filled: that seat
			// is drawn again before any other.
			let unfilled = lapsed.as_ref().and_then(|(_, d)| d.replaces).map(|(s, _)| s);
			ensure!(!matches!(unfilled, Some(s) if s != seat), Error::<T>::ExpiredReplacementFirst);
			let mut committee = Committees::<T>::get(tender);
			let (speciality, from_draw) = {
				let s = committee.get_mut(seat as usize).ok_or(Error::<T>::UnknownSeat)?;
				ensure!(
					!matches!(s.state, SeatState::Replaced(_)) || unfilled == Some(seat),
					Error::<T>::SeatReplaced
				);
				s.state = SeatState::Replaced(reason);
				(s.speciality, s.draw)
			};
			ensure!(committee.len() < T::MaxSeats::get() as usize, Error::<T>::TooManySeats);
			let mode = Draws::<T>::get(from_draw).map(|d| d.mode).ok_or(Error::<T>::UnknownDraw)?;
			let requirements: BoundedVec<Requirement, MaxRequirements> =
				BoundedVec::truncate_from(alloc::vec![Requirement { speciality, count: 1 }]);
			// Everyone drawn for the tender before, the replaced expert included, is avoided.
			let sets = Self::eligible_sets(tender, &t, &committee, mode, &requirements)?;

			// Every rule is checked: record the replacement and its draw.
			Committees::<T>::insert(tender, committee);
			Self::supersede(tender, lapsed);
			let draw = NextDrawId::<T>::get();
			Self::open_draw(tender, city, mode, requirements, sets, Some((seat, reason)))?;
			Self::deposit_event(Event::ReplacementRequested { tender, seat, reason, draw });
			Ok(Some(
				T::WeightInfo::request_replacement(PoolSize::<T>::get())
					.saturating_add(Self::extra_weight()),
			)
			.into())
		}
	}

	impl<T: Config> Pallet<T> {
		/// Makes `admin` the pool administrator. Its account exists on chain for as long as it
		/// holds the office (it transacts without a certificate, like a trading centre).
		fn install_administrator(admin: &T::AccountId) {
			if let Some(old) = PoolAdministrator::<T>::get() {
				if &old == admin {
					return;
				}
				let _ = frame_system::Pallet::<T>::dec_providers(&old);
			}
			frame_system::Pallet::<T>::inc_providers(admin);
			PoolAdministrator::<T>::put(admin);
		}

		/// The weight of reading the city list at its largest.
		fn city_reads() -> Weight {
			T::DbWeight::get().reads(T::MaxCities::get().into())
		}

		/// What `request_draw` and `request_replacement` cost beyond their benchmarks: the city
		/// list at its largest, and the check of a lapsed pending draw (the draw and its anchor
		/// block's hash).
		fn extra_weight() -> Weight {
			Self::city_reads().saturating_add(T::DbWeight::get().reads(2))
		}

		/// Whether draw `d` lapsed at block `now`: not complete within `BlockHashCount` blocks
		/// of its anchor, or its anchor block's hash, not yet recorded, is no longer known (so
		/// its input cannot be computed on chain). A lapsed draw takes no contributions; the host
		/// requests it again.
		pub fn lapsed(d: &DrawOf<T>, now: BlockNumberFor<T>) -> bool {
			if d.seed.is_some() || now <= d.anchor {
				return false;
			}
			if now > d.anchor.saturating_add(<T as frame_system::Config>::BlockHashCount::get()) {
				return true;
			}
			d.anchor_hash.is_none()
				&& frame_system::Pallet::<T>::block_hash(d.anchor).as_ref().iter().all(|b| *b == 0)
		}

		/// Records that a new draw takes the place of a lapsed one.
		fn supersede(tender: TenderId, lapsed: LapsedDraw<T>) {
			if let Some((draw, _)) = lapsed {
				TenderPending::<T>::remove(tender);
				Self::deposit_event(Event::DrawLapsed { draw, tender });
			}
		}

		fn ensure_administrator(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			ensure!(
				PoolAdministrator::<T>::get() == Some(who),
				Error::<T>::NotThePoolAdministrator
			);
			Ok(())
		}

		fn mutate_entry(
			entry: EntryId,
			f: impl FnOnce(&mut PoolEntry) -> DispatchResult,
		) -> DispatchResult {
			PoolPages::<T>::try_mutate(entry / PAGE_SIZE, |page| {
				let e =
					page.get_mut((entry % PAGE_SIZE) as usize).ok_or(Error::<T>::UnknownEntry)?;
				f(e)
			})
		}

		/// The pool entry `entry`, if any.
		pub fn entry(entry: EntryId) -> Option<PoolEntry> {
			PoolPages::<T>::get(entry / PAGE_SIZE).get((entry % PAGE_SIZE) as usize).cloned()
		}

		/// The tender, checked for a draw by `who`, its host city, and its pending draw if that
		/// lapsed (a pending draw that has not lapsed is `DrawPending`).
		fn drawable_tender(
			who: &T::AccountId,
			tender: TenderId,
		) -> Result<(TenderSummary<T::AccountId>, CityCode, LapsedDraw<T>), DispatchError> {
			let t = T::Tenders::tender(tender).ok_or(Error::<T>::UnknownTender)?;
			let city = T::TradingCentres::city_of(who).ok_or(Error::<T>::NotATradingCentre)?;
			ensure!(city == t.city, Error::<T>::NotTheHostTradingCentre);
			ensure!(!t.suspended, Error::<T>::TenderSuspended);
			match t.state {
				TenderState::Open => {
					ensure!(t.phase != Phase::Bidding, Error::<T>::BiddingNotClosed)
				},
				TenderState::Evaluating => {},
				_ => return Err(Error::<T>::TenderNotDrawable.into()),
			}
			let lapsed = match TenderPending::<T>::get(tender) {
				None => None,
				Some(draw) => {
					let d = Draws::<T>::get(draw).ok_or(Error::<T>::UnknownDraw)?;
					ensure!(
						Self::lapsed(&d, frame_system::Pallet::<T>::block_number()),
						Error::<T>::DrawPending
					);
					Some((draw, d))
				},
			};
			Ok((t, city, lapsed))
		}

		/// The avoidance list of `tender`, whose committee so far is `committee`: tenderer and
		/// bidders' employers, tenderer's city, the committee's entries, the tenderer's recent
		/// picks.
		fn avoidance(
			tender: TenderId,
			t: &TenderSummary<T::AccountId>,
			committee: &[Seat<T::AccountId>],
		) -> Avoidance {
			let tenderer = T::Participants::identity_of(&t.owner);
			let mut avoid = Avoidance {
				host: t.city.clone(),
				tenderer_city: T::Participants::city_of(&t.owner),
				..Default::default()
			};
			avoid.employers.extend(tenderer);
			for bidder in T::Tenders::bidders(tender) {
				avoid.employers.extend(T::Participants::identity_of(&bidder));
			}
			avoid.entries.extend(committee.iter().map(|s| s.entry));
			if let Some(identity) = tenderer {
				for picks in RecentPicks::<T>::get(identity) {
					avoid.entries.extend(picks);
				}
			}
			avoid.normalise();
			avoid
		}

		/// The eligible set of each line of a new draw for `tender` (whose committee so far is
		/// `committee`), checked to leave no line short and to fit the tender's record of
		/// draws. Writes nothing.
		fn eligible_sets(
			tender: TenderId,
			t: &TenderSummary<T::AccountId>,
			committee: &[Seat<T::AccountId>],
			mode: Mode,
			requirements: &[Requirement],
		) -> Result<Vec<BoundedVec<EntryId, T::MaxPoolSize>>, DispatchError> {
			let avoid = Self::avoidance(tender, t, committee);
			let mut lines: Vec<(Requirement, Vec<EntryId>)> =
				requirements.iter().map(|r| (*r, Vec::new())).collect();
			let size = PoolSize::<T>::get();
			for page in 0..size.div_ceil(PAGE_SIZE) {
				for (i, entry) in PoolPages::<T>::get(page).iter().enumerate() {
					let id = page * PAGE_SIZE + i as u32;
					for (req, set) in lines.iter_mut() {
						if selection::is_eligible(id, entry, req.speciality, mode, &avoid) {
							set.push(id);
						}
					}
				}
			}
			ensure!(selection::shortfall(&lines).is_none(), Error::<T>::PoolTooSmall);
			ensure!(
				TenderDraws::<T>::decode_len(tender).unwrap_or(0) < T::MaxSeats::get() as usize,
				Error::<T>::TooManyDraws
			);
			lines
				.into_iter()
				.map(|(_, set)| set.try_into().map_err(|_| Error::<T>::PoolFull.into()))
				.collect()
		}

		/// Records a new draw for `tender` over the eligible `sets` of its lines, checked by
		/// [`Self::eligible_sets`].
		fn open_draw(
			tender: TenderId,
			city: CityCode,
			mode: Mode,
			requirements: BoundedVec<Requirement, MaxRequirements>,
			sets: Vec<BoundedVec<EntryId, T::MaxPoolSize>>,
			replaces: Option<(u32, ReplacementReason)>,
		) -> DispatchResult {
			let draw = NextDrawId::<T>::get();
			// Cannot fail: `eligible_sets` checked the room.
			TenderDraws::<T>::try_mutate(tender, |draws| draws.try_push(draw))
				.map_err(|_| Error::<T>::TooManyDraws)?;
			NextDrawId::<T>::put(draw.saturating_add(1));
			let mut eligible = Vec::with_capacity(sets.len());
			for (l, set) in sets.into_iter().enumerate() {
				eligible.push(set.len() as u32);
				EligibleSets::<T>::insert(draw, l as u32, set);
			}
			let now = frame_system::Pallet::<T>::block_number();
			let d = Draw {
				tender,
				city,
				mode,
				requirements,
				requested_at: now,
				anchor: now.saturating_add(1u32.into()),
				anchor_hash: None,
				replaces,
				contributions: BoundedVec::new(),
				seed: None,
				picks: BoundedVec::new(),
			};
			let contributors = Self::designated(draw, &d, d.anchor.saturating_add(1u32.into()));
			let anchor = d.anchor;
			Draws::<T>::insert(draw, d);
			TenderPending::<T>::insert(tender, draw);
			Self::deposit_event(Event::DrawRequested {
				draw,
				tender,
				anchor,
				eligible,
				contributors,
			});
			Ok(())
		}

		/// The input hash of draw `draw` given its anchor block's hash.
		pub fn input_of(draw: DrawId, d: &DrawOf<T>, anchor_hash: H256) -> H256 {
			let genesis = frame_system::Pallet::<T>::block_hash(BlockNumberFor::<T>::zero());
			selection::input_hash(
				H256::from_slice(genesis.as_ref()),
				draw,
				d.tender,
				d.mode,
				&d.requirements,
				anchor_hash,
			)
		}

		/// The cities asked to contribute to draw `draw` at block `now`: the other cities in
		/// code order, rotated by the draw number; the first `RequiredContributions`, and one
		/// more for each full contribution window that has passed since the anchor.
		pub fn designated(draw: DrawId, d: &DrawOf<T>, now: BlockNumberFor<T>) -> Vec<CityCode> {
			let others: Vec<CityCode> =
				T::Cities::cities().into_iter().filter(|c| *c != d.city).collect();
			if others.is_empty() {
				return others;
			}
			let start = (draw % others.len() as u64) as usize;
			let window = T::ContributionWindow::get().max(1u32.into());
			let waited = now.saturating_sub(d.anchor.saturating_add(1u32.into())) / window;
			let extra: u32 = waited.try_into().unwrap_or(u32::MAX);
			let count =
				(T::RequiredContributions::get().saturating_add(extra) as usize).min(others.len());
			(0..count).map(|i| others[(start + i) % others.len()].clone()).collect()
		}

		/// Seeds, selects and seats the picks of a draw with all its contributions; returns the
		/// size of the largest eligible set it selected from (the weight's parameter).
		fn complete(draw: DrawId, d: &mut DrawOf<T>, input: H256) -> Result<u32, DispatchError> {
			let outputs: Vec<(CityCode, [u8; 32])> =
				d.contributions.iter().map(|c| (c.city.clone(), c.output)).collect();
			let seed = selection::seed(input, &outputs);
			let lines: Vec<(Requirement, Vec<EntryId>)> = d
				.requirements
				.iter()
				.enumerate()
				.map(|(l, r)| (*r, EligibleSets::<T>::get(draw, l as u32).into_inner()))
				.collect();
			let picks = selection::select(&seed, &lines);
			let bounded: BoundedVec<EntryId, T::MaxPicks> =
				picks.clone().try_into().map_err(|_| Error::<T>::TooManyExperts)?;
			let mut committee = Committees::<T>::get(d.tender);
			let mut pick_iter = picks.iter();
			for req in d.requirements.iter() {
				for _ in 0..req.count {
					if let Some(entry) = pick_iter.next() {
						committee
							.try_push(Seat {
								entry: *entry,
								speciality: req.speciality,
								draw,
								state: SeatState::Drawn,
							})
							.map_err(|_| Error::<T>::TooManySeats)?;
					}
				}
			}
			Committees::<T>::insert(d.tender, committee);
			if let Some(t) = T::Tenders::tender(d.tender) {
				if let Some(identity) = T::Participants::identity_of(&t.owner) {
					RecentPicks::<T>::mutate(identity, |recent| {
						if recent.is_full() && !recent.is_empty() {
							recent.remove(0);
						}
						let _ = recent.try_push(bounded.clone());
					});
				}
			}
			d.seed = Some(seed);
			d.picks = bounded;
			TenderPending::<T>::remove(d.tender);
			Self::deposit_event(Event::DrawCompleted { draw, tender: d.tender, seed, picks });
			Ok(lines.iter().map(|(_, set)| set.len() as u32).max().unwrap_or(0))
		}
	}

	impl<T: Config> pallet_tendering::EvaluationCommittee<T::AccountId> for Pallet<T> {
		fn is_seated(tender: TenderId, who: &T::AccountId) -> bool {
			Committees::<T>::get(tender).iter().any(|s| s.state == SeatState::Seated(who.clone()))
		}

		fn complete_committee(tender: TenderId) -> Option<Vec<T::AccountId>> {
			if TenderPending::<T>::contains_key(tender) {
				return None;
			}
			let mut members = Vec::new();
			for seat in Committees::<T>::get(tender).into_iter() {
				match seat.state {
					SeatState::Seated(who) => members.push(who),
					SeatState::Replaced(_) => {},
					_ => return None,
				}
			}
			if members.is_empty() {
				None
			} else {
				Some(members)
			}
		}
	}
}
