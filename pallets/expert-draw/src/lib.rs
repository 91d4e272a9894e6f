//! # Expert-draw pallet
//!
//! ## Overview
//!
//! The random draw of evaluation experts (专家随机抽取), with conflict-of-interest avoidance
//! (回避), remote cross-city evaluation (远程异地评标) and replacement draws, fixed in runtime
//! code. Maintaining the pool, drawing and supervising are held by different parties
//! (三端分离): the pool by the expert-pool administrator (an account the consortium names,
//! which may be neither a trading centre nor a supervisor), the draw by the tender's host
//! trading centre and two other cities, supervision by supervisors.
//!
//! - **Pool.** An entry carries speciality codes, a city, availability and whether the expert
//!   takes remote evaluation — and no name: the expert is a pseudonym
//!   `BLAKE2-256(PSEUDONYM_TAG ‖ SCALE(account) ‖ salt)`, the employer a salted commitment
//!   `BLAKE2-256(EMPLOYER_TAG ‖ employer identity hash ‖ salt)` (see [`identity`]). A new
//!   entry, a change of availability and a strike take effect [`Config::PoolChangeDelay`]
//!   blocks later (one day in production); a strike is for good.
//! - **Slots.** The pool stores at most [`Config::MaxPoolSize`] entries. A retired entry
//!   (struck, or exposed by its expert's proof) keeps its slot only while something may still
//!   refer to it: a seat drawn for it that waits for its expert ([`PendingSeats`]), or a draw
//!   requested while it was drawable (such a draw completes or lapses within
//!   `BlockHashCount` blocks). After that the administrator puts a new entry in the slot
//!   (`reuse_entry`, same checks and delay as `add_expert`; the entry keeps its number), so
//!   that exposures and strikes never fill the pool for good.
//! - **Remote draws** exclude the host city, the city of the tender's owner and, for an
//!   agency's tender, the principal's certified city
//!   (`remote_draw_of_an_agency_tender_avoids_the_principals_city`).
//! - **Request.** The host trading centre asks, after the bid deadline, for specialities × counts,
//!   locally or remotely, among the specialities the tender declared (`SpecialityNotDeclared`,
//!   `attack_host_requests_undeclared_speciality_is_refused`). The eligible set of each line is
//!   computed and stored then (see [`selection`]); each must hold at least
//!   [`Config::MinPoolMultiple`] times the line's count (3× in the runtime, a common local rule),
//!   else `PoolTooSmall`, before any randomness exists. The request also records the draw key each
//!   other city has then.
//! - **Randomness.** Two cities other than the requesting one each sign, with the draw key
//!   (sr25519) recorded at the request, a VRF over an input fixed by the request and by the
//!   hash of the block after it (the anchor). The runtime verifies each proof against the
//!   recorded key. The seed is the hash of the outputs; the selection from it is
//!   deterministic. The anchor block records, when it starts (`on_initialize`), the city whose
//!   validator authored it ([`Config::AnchorAuthor`], from Aura's pre-runtime digest): that
//!   city could choose among anchor hashes (re-signing its seal gives a fresh hash), so it does
//!   not contribute to the draw (`AnchorAuthorCannotContribute`); a request therefore needs
//!   `RequiredContributions + 1` other cities with keys. The other cities are asked in the
//!   order of a hash of the anchor block's hash
//!   and the city ([`selection::contributor_order`]), unknown when the request is sent; a
//!   city that has not answered after [`Config::ContributionWindow`] blocks is joined by the
//!   next in that order, and if the draw completes through others it is recorded as having
//!   withheld its contribution. A draw that is not complete within `BlockHashCount` blocks of
//!   its anchor (2,400 blocks, two hours, in the runtime) lapses: the host requests it again,
//!   and the new draw takes its place.
//! - **One committee at a time.** An entry with a seat drawn for it still waiting for its
//!   expert ([`PendingSeats`], [`WaitingEntries`]) is in no new eligible set; and when a draw
//!   completes, the entries of its eligible sets exposed, struck or drawn elsewhere since the
//!   request are skipped and recorded (`Draw::skipped`, the exact rule in [`selection`]), so
//!   that an expert's seat on one committee never exposes them on another before its
//!   evaluation (`attack_entry_drawn_twice_exposed_before_second_evaluation_is_refused`).
//! - **Seats.** Drawn experts take their seat when evaluation begins (the bids are opened) by
//!   proving their entry (their account signs and gives the salt) and opening the employer
//!   commitment (the employer's identity hash and its salt). The chain then checks the expert
//!   certificate, the credit record (not barred from evaluation), that the entry's city is the city
//!   of the expert's certificate (the city decides local and remote draws, so an entry declared
//!   elsewhere would put the expert where they could not be drawn), that the employer is neither
//!   the tenderer, nor the principal of an agency's tender, nor a bidder (nor the expert the
//!   tenderer or a bidder), and that the account has not proved another entry that existed when it
//!   first proved one (one person entered twice: both entries are struck and `DuplicateExpert`
//!   tells supervisors). An expert who fails a check is not refused — a failed transaction could
//!   record nothing — but the seat is marked ineligible with the reason and its replacement draw
//!   starts at once when it can — but once more seats of the tender than
//!   [`Config::PoolFaultThreshold`] (2 in the runtime) were refused for a fault of the pool's
//!   upkeep (`NotAnExpert`, `CityMismatch`, `DuplicateEntry`: ghost entries), `PoolIntegrityAlert {
//!   tender, count }` tells supervisors and such seats are filled only on a supervisor's order
//!   (`PoolIntegrityAlerted` for the host), so that ghost entries do not buy free re-draws
//!   (`attack_ghost_entries_reroll_the_committee_is_refused`). A proved entry is exposed (its
//!   number is now linked to the account in public) and never drawn again; the administrator
//!   re-enters the expert under a fresh pseudonym and employer commitment.
//! - **Leaving and replacement.** A drawn expert may decline on chain (`decline_seat`); a
//!   seated expert leaves only by their own recusal (`recuse`, 回避) or a supervisor's
//!   decision (`remove_expert`). The host may have a seat filled again only for a reason the
//!   chain recorded — declined, not taken within [`Config::SeatingWindow`], ineligible at
//!   seating, recused, removed — and at most as many times per tender as the committee has
//!   seats; beyond that only a supervisor orders one (`order_replacement`). The vacancies the
//!   supervisors cause do not count against the host's allowance: filling a seat a supervisor
//!   emptied (`remove_expert`), or a supervisor's own order. The seating
//!   window of a seat runs from the later of its draw's completion and the tender's seating
//!   start: the opening of its bids (the tendering pallet tells it,
//!   `EvaluationCommittee::evaluation_began`), or earlier the first block at which one of its
//!   experts took or declined a seat during evaluation, or a draw of it completed during
//!   evaluation.
//! - **Supervisors.** A supervisor acts only on tenders hosted in the city of its supervisor
//!   certificate ([`Pallet::has_jurisdiction`], `NoJurisdiction`; there is no province-wide
//!   certificate: a provincial body holds one in each city it supervises). The supervisors'
//!   removals and orders on one tender together number at most the committee's seats
//!   ([`SupervisorActions`], `SupervisorAllowanceExhausted`; re-drawing a lapsed replacement
//!   is not counted), and an order fills only a vacancy the chain recorded — declined,
//!   ineligible, recused, removed, or drawn and not taken within the seating window
//!   (`SeatingWindowOpen` before the bids are opened and within the window).
//! - **A committee that cannot be completed.** When a vacancy can no longer be filled — the
//!   record holds `MaxSeats` seats, the tender has had `MaxSeats` draws, the host's and the
//!   supervisors' allowances are spent, or too few eligible experts of the seat's speciality
//!   remain — [`Pallet::unfillable`] holds, the tendering pallet reads it as
//!   `EvaluationCommittee::committee_unfillable`, and the host or a supervisor of the tender's
//!   city fails the tender (`fail_unfillable_tender`, event `CommitteeUnfillable`). Only the
//!   first vacancy's pool is examined (one pool scan): a later vacancy is examined once the
//!   earlier ones are filled. Tests: `attack_supervisor_freezes_a_tender_is_refused`
//!   (allowances spent), `a_committee_that_cannot_be_completed_says_so` (pool too small,
//!   record full); tendering's `an_unfillable_committee_lets_the_tender_be_failed`.
//! - **Replacement draws.** A replacement draw is one expert of the seat's speciality, in the
//!   same mode, under the same rules, excluding everyone drawn for the tender before. The
//!   tendering
//!   pallet reads the committee through [`pallet_tendering::EvaluationCommittee`]:
//!   `is_seated` holds of seated members only (not of those who recused or were removed),
//!   `complete_committee` answers once every seat is taken and no draw is pending.
//!
//! ## What each party can and cannot do
//!
//! - **Host trading centre.** Can: request the draw (when, in which mode, which specialities
//!   and counts — all public), and have a seat filled again for a reason the chain recorded,
//!   as many times per tender as the committee has seats. Cannot: contribute to its own
//!   draws; know at the request which cities will be asked or what they will sign; replace a
//!   seated expert, or a drawn one still within the seating window; give a reason of its own;
//!   replace more often than the committee has seats (the supervisors' removals and orders
//!   aside, which it cannot cause); ask for a speciality the tender did not declare
//!   (`attack_host_requests_undeclared_speciality_is_refused`); fill a seat refused for a
//!   fault of the pool's upkeep once the tender's `PoolIntegrityAlert` was raised.
//! - **Contributing city.** Can: contribute with the key it had registered when the draw was
//!   requested, or stay silent. Cannot: choose its output (a VRF output is a function of the
//!   key and the input); make a key registered after the request count for the draw; answer
//!   out of its turn; contribute to a draw whose anchor block its validator authored
//!   (`attack_anchor_author_grinds_the_committee_is_refused`).
//! - **Pool administrator.** Can: add entries, change availability, strike entries, put a new
//!   entry in a retired entry's slot once nothing refers to it any more; it knows
//!   every identity, hence the committee as soon as it is drawn (it must call the experts).
//!   Cannot: draw; shape the pool for a draw requested within `PoolChangeDelay` blocks of a
//!   change; keep one person in the pool twice past the day that person proves both entries;
//!   unseat a drawn expert by striking the entry (a strike counts for draws requested
//!   `PoolChangeDelay` blocks later; an expert barred or uncertified meanwhile is refused
//!   at seating by the certificate checks); declare an entry's city other than the expert's
//!   certificate's (refused at seating, `Ineligibility::CityMismatch`); reuse the slot of an
//!   entry a waiting seat or a pending draw may still pick; buy more than
//!   `PoolFaultThreshold` free re-draws per tender with ghost entries (uncertified accounts,
//!   wrong cities, duplicates: `attack_ghost_entries_reroll_the_committee_is_refused`).
//! - **Expert.** Can: take the seat, decline it, recuse once seated and before any member has
//!   submitted an evaluation. Cannot: recuse after that, which would clear the committee's
//!   evaluations (`EvaluationUnderway`, `attack_member_recuses_to_wipe_votes_is_refused`: a
//!   supervisor's removal remains); take another's seat (the salt proves the entry); sit while
//!   uncertified, barred or conflicted; sit twice on one committee, under two certified accounts of
//!   the same identity either; come back to a committee they left (recused, removed, declined,
//!   refused) under a fresh entry (`Ineligibility::FormerMember`); be taken for a duplicate when
//!   proving their own already exposed entry for a seat drawn before its exposure
//!   (`reentered_expert_proving_an_exposed_entry_is_no_duplicate`); be drawn again under an entry
//!   already linked to their account. Duplicates are recognised by the certificate's identity hash:
//!   a person with certificates under two identities is not recognised (the CAs' issuance rule
//!   covers it).
//! - **Supervisor.** Can: on tenders of its certificate's city, remove a seated expert and
//!   order a recorded vacancy filled beyond the host's allowance, each with the hash of a
//!   reasoned decision, at most as many times in all per tender as the committee has seats;
//!   fail a tender whose committee cannot be completed. Cannot: act on another city's tenders
//!   (`attack_supervisor_outside_jurisdiction_is_refused`); re-draw without limit
//!   (`attack_supervisor_rerolls_seats_without_limit_is_refused`); re-draw a seat whose expert
//!   is still expected, before the opening or within the seating window, or keep a tender in
//!   evaluation for ever (`attack_supervisor_freezes_a_tender_is_refused`); draw, contribute,
//!   or choose who fills a seat. Residual risk: evaluations are public when submitted, so a
//!   supervisor may remove members after seeing their rankings; the tendering pallet then
//!   clears every evaluation and the committee evaluates again (`EvaluationsReset`), but the
//!   committee's make-up changes (commit-reveal evaluations are the follow-up).
//! - **Anyone.** Can replay every draw from the stored eligible sets, recorded keys,
//!   contributions, seed and picks (`tender draw verify`).
//!
//! ## Residual choices, and how they show on chain
//!
//! - A designated city can withhold its contribution after seeing the other city's output (or
//!   before, with an accomplice holding the other key): the draw then waits for the next city in
//!   the order. This buys a choice between outcomes, never a chosen expert, and is recorded when
//!   the draw completes without it: `ContributionWithheld { draw, city }` and the city's count in
//!   [`WithheldContributions`]; a city that contributes after its own window passed (choosing
//!   between the outcomes with and without the next city) is recorded too: `LateContribution {
//!   draw, city }` and [`LateContributions`]. Two colluding designated cities can compute the
//!   outcome in advance: the consortium's rule is that cities do not share draw keys, as they do
//!   not share validator keys.
//! - The author of the anchor block chooses among the hashes of the blocks it could produce
//!   (by what it includes, re-signing its seal, or skipping its slot), hence among contributor
//!   orders and draw inputs. Its own city is left out of the contributors (the draw records it,
//!   `anchor_author`), so it knows no contributor's output unless it holds the keys of *both*
//!   cities the order designates: the author and the two designated cities all colluding
//!   (three cities) can choose the committee. If the runtime cannot tell the author
//!   (`anchor_author` is `None`), no city is left out.
//! - The host chooses the moment of the request, the mode and the lines (public in
//!   `DrawRequested` and the draw record), and which recorded vacancies it fills (public in
//!   `ReplacementRequested` and [`HostReplacements`]).
//! - A retired entry's slot that a seat drawn for it still holds is never reused while the
//!   seat waits: a tender that failed or was cancelled with seats still drawn keeps those
//!   slots for good (`MaxPoolSize` leaves room for them; releasing them is a follow-up). A
//!   reused slot keeps its number: a committee record or a tenderer's recent picks naming the
//!   number name the old entry (read the pool as it was at the draw's block); the new entry is
//!   avoided for the tenderers whose recent picks hold the number, a small, public bias.
//! - The expert's city is compared with the certificate's city, where the participant was
//!   certified: an expert who moved to work in another city is re-certified there before
//!   the administrator enters them for it.
//! - Ghost entries (an uncertified account, a wrong city, a duplicate) still re-draw a seat
//!   for free up to `PoolFaultThreshold` times per tender (2 in the runtime); each refusal is
//!   public (`ExpertIneligible` with its reason), and the next raises `PoolIntegrityAlert`.
//! - The pool administrator chooses the pool more than `PoolChangeDelay` blocks ahead (every
//!   change is an event naming the block it counts from) and may strike entries (an event
//!   with the hash of the reason; the entry is lost for good, for draws requested
//!   `PoolChangeDelay` blocks later).
//! - A supervisor may remove seated experts and order replacements (`ExpertRemoved` and
//!   `ReplacementOrdered`, each with the hash of the decision), up to the committee's seats
//!   per tender; with the host's allowance spent too, a further vacancy fails the tender
//!   rather than being filled.
//!
//! ## Who learns what, when
//!
//! - The public, supervisors, trading centres: the pool's entries without names or employers;
//!   at the request, the eligible sets (entry numbers); at completion, the picked entry
//!   numbers; when an expert proves an entry, the account and the employer's identity hash
//!   (which the avoidance check needs). An exposed entry is never drawn again, so a later draw
//!   of the same person is not linked to their account on chain — except by what the
//!   re-entered entry shares with the exposed one (city, specialities) and by the timing of
//!   its addition, which the administrator blurs by re-entering experts together with other
//!   changes.
//! - The pool administrator: every identity, hence the committee as soon as it is drawn (it
//!   must call the experts). It cannot draw.
//! - An expert: whether they were drawn (they know their salt), not who else was.
//!
//! ## Dispatchable functions
//!
//! Pool: `set_pool_administrator`, `add_expert`, `reuse_entry`, `set_availability`,
//! `strike_expert`. Draw:
//! `set_draw_key`, `request_draw`, `contribute`. Seats: `take_seat`, `decline_seat`,
//! `recuse`, `remove_expert`, `request_replacement`, `order_replacement`.

#![cfg_attr(not(feature = "std"), no_std)]
#![warn(missing_docs)]

extern crate alloc;

#[cfg(any(test, feature = "runtime-benchmarks"))]
mod bench_vectors;
#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
pub mod identity;
#[cfg(test)]
mod mock;
pub mod selection;
#[cfg(test)]
mod tests;
mod types;
#[cfg(test)]
mod vectors;
pub mod weights;

pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

use alloc::vec::Vec;
use codec::Encode;
use sp_core::{sr25519, H256};

/// The consortium's cities, in code order (those that may contribute to a draw are taken from
/// it at the request).
pub trait CityList {
	/// The codes of every city, sorted.
	fn cities() -> Vec<CityCode>;
}

/// Who authored the block being built, as a city: the runtime reads the block's author from
/// its pre-runtime digest (Aura's slot → the authority → the validator, a trading centre →
/// its city).
pub trait AnchorAuthorCity {
	/// The city whose validator authors the current block, if the runtime can tell.
	fn author_city() -> Option<CityCode>;
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
	pallet_tendering::sr25519_vrf_output(
		(VRF_LABEL, VRF_INPUT_ITEM, VRF_OUTPUT_CONTEXT),
		key,
		input,
		pre_output,
		proof,
	)
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
		/// The tenders experts are drawn for: host city, tenderer, principal, phase, bidders
		/// (answered by the tendering pallet).
		type Tenders: TenderInfo<Self::AccountId>;
		/// Who participants are: roles, validity, bars, and the city and legal identity that
		/// avoidance compares.
		type Participants: ParticipantRegistry<Self::AccountId>;
		/// Which accounts are trading centres, of which city.
		type TradingCentres: TradingCentres<Self::AccountId>;
		/// The consortium's cities: whether a city is one, and all of them in order (those
		/// that may contribute to a draw are taken from it at the request).
		type Cities: Contains<CityCode> + CityList;
		/// The most cities the consortium may have: reading the city list and the cities'
		/// draw keys costs one read each per city, which the weights of `request_draw`,
		/// `request_replacement`, `order_replacement` and `take_seat` add beyond what the
		/// benchmarks (with a few cities) measured; a draw records at most this many cities'
		/// keys.
		#[pallet::constant]
		type MaxCities: Get<u32>;
		/// The most pool entries stored at once (live, struck and exposed ones): the number of
		/// entry slots. A struck or exposed entry's slot is reused (`reuse_entry`) once no draw
		/// or seat can refer to it any more, so that retired entries do not fill the pool.
		#[pallet::constant]
		type MaxPoolSize: Get<u32>;
		/// The most experts one draw may pick.
		#[pallet::constant]
		type MaxPicks: Get<u32>;
		/// The most seats a tender's committee record may hold, replaced ones included; also
		/// the most draws a tender may have, lapsed and replacement draws included.
		#[pallet::constant]
		type MaxSeats: Get<u32>;
		/// The fewest experts a committee may have: a request for fewer is refused
		/// (`CommitteeTooSmall`). 5 in production (招标投标法 §37: five or more).
		#[pallet::constant]
		type MinCommittee: Get<u32>;
		/// Whether a committee must have an odd number of experts (招标投标法 §37: an odd
		/// number), so that no ranking ties and a majority always means more than half: a
		/// request for an even total is refused (`CommitteeSizeEven`). True in production.
		#[pallet::constant]
		type OddCommittee: Get<bool>;
		/// How many cities must contribute to a draw (at least 2).
		#[pallet::constant]
		type RequiredContributions: Get<u32>;
		/// How many blocks a designated city has to contribute before the next city in the
		/// order may contribute too; a city whose window passed without its contribution is
		/// recorded as having withheld it if the draw completes through others.
		#[pallet::constant]
		type ContributionWindow: Get<BlockNumberFor<Self>>;
		/// For how many of a tenderer's recent tenders the picks (of every draw of each: the
		/// committee's and its replacements') are avoided in the tenderer's next draws.
		#[pallet::constant]
		type RecentDraws: Get<u32>;
		/// How many blocks a drawn expert has to take the seat, from the later of the draw's
		/// completion and the tender's seating start, before the host may have the seat filled
		/// again (`NotSeatedInTime`).
		#[pallet::constant]
		type SeatingWindow: Get<BlockNumberFor<Self>>;
		/// How many blocks after the administrator makes it a pool change takes effect: a new
		/// entry may be drawn, a change of availability counts (one day in production), so
		/// that the pool cannot be shaped for a draw the administrator sees coming.
		#[pallet::constant]
		type PoolChangeDelay: Get<BlockNumberFor<Self>>;
		/// Each line's eligible set must hold at least this many times the line's count
		/// (`PoolTooSmall` otherwise); 3 is a common local rule.
		#[pallet::constant]
		type MinPoolMultiple: Get<u32>;
		/// How many seats of one tender may be found ineligible for a fault of the pool's upkeep
		/// (`NotAnExpert`, `CityMismatch`, `DuplicateEntry`: entries the administrator should
		/// not have made) and still be replaced automatically: beyond this, `PoolIntegrityAlert`
		/// tells supervisors and such seats are filled only on a supervisor's order. 2 in the
		/// runtime.
		#[pallet::constant]
		type PoolFaultThreshold: Get<u32>;
		/// The city whose validator authors the current block: each draw records its anchor
		/// block's author, which is not asked to contribute (it could grind the anchor hash).
		type AnchorAuthor: AnchorAuthorCity;
		/// The weights of this pallet's calls.
		type WeightInfo: WeightInfo;
		/// What the benchmarks need from the runtime.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId>;
	}

	/// The pool entry type of this runtime.
	pub type PoolEntryOf<T> = PoolEntry<BlockNumberFor<T>>;

	/// The draw record type of this runtime.
	pub type DrawOf<T> = Draw<
		BlockNumberFor<T>,
		<T as Config>::RequiredContributions,
		<T as Config>::MaxPicks,
		<T as Config>::MaxCities,
	>;

	/// The cities that may contribute to a draw, with their draw keys at the request.
	pub type ContributorKeys<T> = BoundedVec<(CityCode, [u8; 32]), <T as Config>::MaxCities>;

	/// A tender's pending draw that lapsed, if any: its number and record.
	pub type LapsedDraw<T> = Option<(DrawId, DrawOf<T>)>;

	/// A tender's committee record.
	pub type CommitteeOf<T> =
		BoundedVec<Seat<<T as frame_system::Config>::AccountId>, <T as Config>::MaxSeats>;

	/// The account the consortium named to maintain the expert pool (专家库管理).
	#[pallet::storage]
	pub type PoolAdministrator<T: Config> = StorageValue<_, T::AccountId>;

	/// The pool, [`PAGE_SIZE`] entries per page: entry `e` is at page `e / PAGE_SIZE`, position
	/// `e % PAGE_SIZE`.
	///
	/// Twox64Concat: page numbers are sequential.
	#[pallet::storage]
	pub type PoolPages<T: Config> = StorageMap<
		_,
		Twox64Concat,
		u32,
		BoundedVec<PoolEntryOf<T>, ConstU32<PAGE_SIZE>>,
		ValueQuery,
	>;

	/// How many entries the pool holds (the next entry's number).
	#[pallet::storage]
	pub type PoolSize<T: Config> = StorageValue<_, u32, ValueQuery>;

	/// The entry of each pseudonym.
	///
	/// Identity: a pseudonym is a BLAKE2-256 hash, so it is already uniform.
	#[pallet::storage]
	pub type EntryOfPseudonym<T: Config> = StorageMap<_, Identity, H256, EntryId>;

	/// Each city's draw key (sr25519 public key), with which it signs VRF contributions to
	/// draws requested while the key is registered.
	///
	/// Blake2_128Concat: city codes are chosen by people.
	#[pallet::storage]
	pub type DrawKeys<T: Config> = StorageMap<_, Blake2_128Concat, CityCode, [u8; 32]>;

	/// The persons (see [`Pallet::person_of`]) who proved a seat of each tender's committee
	/// (took, declined or were refused it): one of them drawn again for the same committee,
	/// under another entry, is ineligible (`Ineligibility::FormerMember`). Each seat is proved
	/// once, so at most `MaxSeats`.
	///
	/// Twox64Concat: tender numbers are sequential.
	#[pallet::storage]
	pub type SeatHolders<T: Config> =
		StorageMap<_, Twox64Concat, TenderId, BoundedVec<H256, T::MaxSeats>, ValueQuery>;

	/// How many times each city let its contribution window pass on a draw that then completed
	/// through other cities.
	///
	/// Blake2_128Concat: city codes are chosen by people.
	#[pallet::storage]
	pub type WithheldContributions<T: Config> =
		StorageMap<_, Blake2_128Concat, CityCode, u32, ValueQuery>;

	/// How many times each city contributed to a draw after its own contribution window had
	/// passed (the next city in the order was already asked).
	///
	/// Blake2_128Concat: city codes are chosen by people.
	#[pallet::storage]
	pub type LateContributions<T: Config> =
		StorageMap<_, Blake2_128Concat, CityCode, u32, ValueQuery>;

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
	pub type Committees<T: Config> =
		StorageMap<_, Twox64Concat, TenderId, CommitteeOf<T>, ValueQuery>;

	/// How many replacements each tender's host trading centre has requested: at most as many
	/// as the committee has seats (re-requests of a lapsed replacement draw not counted).
	///
	/// Twox64Concat: tender numbers are sequential.
	#[pallet::storage]
	pub type HostReplacements<T: Config> = StorageMap<_, Twox64Concat, TenderId, u32, ValueQuery>;

	/// How many removals (`remove_expert`) and replacement orders (`order_replacement`) the
	/// supervisors have made on each tender: at most as many as the committee has seats
	/// (re-drawing a lapsed replacement not counted).
	///
	/// Twox64Concat: tender numbers are sequential.
	#[pallet::storage]
	pub type SupervisorActions<T: Config> = StorageMap<_, Twox64Concat, TenderId, u32, ValueQuery>;

	/// How many seats of each tender were found ineligible for a fault of the pool's upkeep
	/// (`NotAnExpert`, `CityMismatch`, `DuplicateEntry`).
	///
	/// Twox64Concat: tender numbers are sequential.
	#[pallet::storage]
	pub type PoolFaults<T: Config> = StorageMap<_, Twox64Concat, TenderId, u32, ValueQuery>;

	/// The block from which each tender's drawn experts are expected to take their seats: the
	/// first at which one of them took or declined a seat during evaluation, or a draw of the
	/// tender completed during evaluation. A seat's window ([`Config::SeatingWindow`]) runs
	/// from the later of this and its draw's completion.
	///
	/// Twox64Concat: tender numbers are sequential.
	#[pallet::storage]
	pub type SeatingStart<T: Config> = StorageMap<_, Twox64Concat, TenderId, BlockNumberFor<T>>;

	/// The entry each expert proved last (took, declined or was refused a seat through), and
	/// the block, by person (see [`Pallet::person_of`]: the certificate's identity hash, so
	/// that one person's two certified accounts count as one): a person who proves another
	/// entry, one that was added no later than this block, was entered twice.
	///
	/// Blake2_128Concat: identity hashes and accounts are chosen by their holders.
	#[pallet::storage]
	pub type ProvenEntry<T: Config> =
		StorageMap<_, Blake2_128Concat, H256, (EntryId, BlockNumberFor<T>)>;

	/// The picks of each tenderer's most recent tenders (by the identity hash of the tenderer —
	/// the principal of an agency's tender), newest tender last: for each tender, the picks of
	/// all its draws (the committee's first, then its replacements', which join their tender's
	/// list and never push another tender's picks out). Avoided in the tenderer's next draws.
	/// A tender's picks are at most its committee record's seats (`MaxSeats`).
	///
	/// Identity: the key is a SHA-256 identity hash from a certificate.
	#[pallet::storage]
	pub type RecentPicks<T: Config> = StorageMap<
		_,
		Identity,
		H256,
		BoundedVec<(TenderId, BoundedVec<EntryId, T::MaxSeats>), T::RecentDraws>,
		ValueQuery,
	>;

	/// How many seats drawn for each entry still wait for their expert (`SeatState::Drawn`):
	/// an entry's slot is not reused while one does.
	///
	/// Twox64Concat: entry numbers are assigned by this pallet.
	#[pallet::storage]
	pub type PendingSeats<T: Config> = StorageMap<_, Twox64Concat, EntryId, u32, ValueQuery>;

	/// Which entries of each pool page have a seat drawn for them still waiting for its expert
	/// ([`PendingSeats`] > 0), one bit per entry (bit `e % 8` of byte `(e % PAGE_SIZE) / 8`):
	/// such an entry is in no new eligible set. Read with the page, so that the request does
	/// not read a count per entry.
	///
	/// Twox64Concat: page numbers are sequential.
	#[pallet::storage]
	pub type WaitingEntries<T: Config> = StorageMap<_, Twox64Concat, u32, [u8; 32]>;

	/// The block at which each exposed entry was proved (and so stopped being drawable): its
	/// slot is reused no earlier than every draw requested before could have completed.
	///
	/// Twox64Concat: entry numbers are assigned by this pallet.
	#[pallet::storage]
	pub type ExposedAt<T: Config> = StorageMap<_, Twox64Concat, EntryId, BlockNumberFor<T>>;

	/// The draws requested in the previous block, whose anchor is the block being built: its
	/// `on_initialize` records the block's author city in each of them and empties the list.
	#[pallet::storage]
	pub type AwaitingAnchor<T: Config> =
		StorageValue<_, BoundedVec<DrawId, MaxDrawsPerBlock>, ValueQuery>;

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

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		/// Records the author of this block in each draw anchored here (requested in the
		/// previous block).
		fn on_initialize(n: BlockNumberFor<T>) -> Weight {
			let draws = AwaitingAnchor::<T>::take();
			if draws.is_empty() {
				return T::DbWeight::get().reads_writes(1, 1);
			}
			let author = T::AnchorAuthor::author_city();
			for draw in draws.iter() {
				Draws::<T>::mutate(draw, |d| {
					if let Some(d) = d.as_mut().filter(|d| d.anchor == n) {
						d.anchor_author = author.clone();
					}
				});
			}
			Self::anchor_weight(draws.len() as u32)
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
		/// An expert entered the pool (at a new entry number, or at a retired entry's reused
		/// number: `reuse_entry`).
		ExpertAdded {
			/// The entry.
			entry: EntryId,
			/// Its pseudonym.
			pseudonym: H256,
			/// The first block at which it may be drawn.
			active_from: BlockNumberFor<T>,
		},
		/// An entry's availability is to change.
		AvailabilitySet {
			/// The entry.
			entry: EntryId,
			/// Available or not.
			available: bool,
			/// The first block at which the change counts.
			from: BlockNumberFor<T>,
		},
		/// An entry was struck from the pool.
		ExpertStruck {
			/// The entry.
			entry: EntryId,
			/// The hash of the reason document.
			reason: H256,
		},
		/// A city set its draw key (it counts for draws requested from now on).
		DrawKeySet {
			/// The city.
			city: CityCode,
			/// The sr25519 public key.
			key: [u8; 32],
		},
		/// A draw was requested; contributions are accepted from block `anchor + 1`, from the
		/// cities in the order that the anchor block's hash sets.
		DrawRequested {
			/// The draw.
			draw: DrawId,
			/// The tender.
			tender: TenderId,
			/// The block whose hash enters the VRF input and orders the contributors.
			anchor: BlockNumberFor<T>,
			/// The size of each line's eligible set.
			eligible: Vec<u32>,
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
		/// A designated city let its contribution window pass, and the draw completed through
		/// other cities.
		ContributionWithheld {
			/// The draw.
			draw: DrawId,
			/// The city that did not contribute.
			city: CityCode,
		},
		/// A designated city contributed after its own contribution window had passed (counted
		/// in [`LateContributions`]).
		LateContribution {
			/// The draw.
			draw: DrawId,
			/// The late city.
			city: CityCode,
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
			/// The entries met by the selection but skipped, retired since the request.
			skipped: Vec<EntryId>,
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
		/// A drawn expert proved their entry but may not sit: the seat is marked so, and its
		/// replacement is drawn automatically when it can be.
		ExpertIneligible {
			/// The tender.
			tender: TenderId,
			/// The seat.
			seat: u32,
			/// The expert's account.
			expert: T::AccountId,
			/// Why.
			reason: Ineligibility,
		},
		/// An account proved two entries of the pool that existed at once: one person entered
		/// twice. Both entries are struck; supervisors should look into the pool's upkeep.
		DuplicateExpert {
			/// The account.
			account: T::AccountId,
			/// The entry it proved first, and the one it proved now.
			entries: [EntryId; 2],
		},
		/// A drawn expert declined the seat.
		SeatDeclined {
			/// The tender.
			tender: TenderId,
			/// The seat.
			seat: u32,
			/// The expert's account.
			expert: T::AccountId,
		},
		/// A seated expert recused themselves (回避).
		ExpertRecused {
			/// The tender.
			tender: TenderId,
			/// The seat.
			seat: u32,
			/// The expert's account.
			expert: T::AccountId,
			/// The hash of the expert's written statement.
			reason: H256,
		},
		/// A supervisor removed a seated expert.
		ExpertRemoved {
			/// The tender.
			tender: TenderId,
			/// The seat.
			seat: u32,
			/// The expert's account.
			expert: T::AccountId,
			/// The supervisor.
			supervisor: T::AccountId,
			/// The hash of the supervisor's decision.
			reason: H256,
		},
		/// A draw lapsed without completing and a new draw takes its place.
		DrawLapsed {
			/// The lapsed draw.
			draw: DrawId,
			/// The tender.
			tender: TenderId,
		},
		/// A supervisor ordered a seat filled again.
		ReplacementOrdered {
			/// The tender.
			tender: TenderId,
			/// The seat.
			seat: u32,
			/// The supervisor.
			supervisor: T::AccountId,
			/// The hash of the supervisor's decision.
			reason: H256,
		},
		/// More seats of a tender than `PoolFaultThreshold` were found ineligible for a fault of
		/// the pool's upkeep (entries of uncertified accounts, of the wrong city, duplicates):
		/// supervisors should look into the pool; such seats are now filled only on a
		/// supervisor's order.
		PoolIntegrityAlert {
			/// The tender.
			tender: TenderId,
			/// How many such seats so far.
			count: u32,
		},
		/// A seat is to be filled again by a replacement draw.
		ReplacementRequested {
			/// The tender.
			tender: TenderId,
			/// The seat.
			seat: u32,
			/// Why, as the chain recorded it.
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
		/// An entry needs one to four speciality codes (more do not decode: the argument is
		/// bounded).
		BadSpecialities,
		/// The city is not in the consortium.
		UnknownCity,
		/// This pseudonym is already in the pool.
		PseudonymTaken,
		/// The pool has no free slot (`MaxPoolSize` entries stored): re-enter the expert in the
		/// slot of a retired (struck or exposed) entry with `reuse_entry`.
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
		/// A request has at most four lines (specialities): ask for fewer specialities. (No
		/// longer returned by `request_draw`, whose argument is bounded; kept for the errors'
		/// indexes.)
		TooManyLines,
		/// The tender did not declare this speciality for its evaluation: ask only for the
		/// specialities the tender names (amend the tender to add one).
		SpecialityNotDeclared,
		/// More experts than one draw may pick.
		TooManyExperts,
		/// A committee needs at least `MinCommittee` experts (招标投标法 §37): ask for more.
		CommitteeTooSmall,
		/// A committee needs an odd number of experts (招标投标法 §37), so that a majority
		/// decides: ask for one more or one fewer.
		CommitteeSizeEven,
		/// The pool has too few eligible experts for the request: each line needs at least
		/// `MinPoolMultiple` times its count. Ask for fewer experts, or draw remotely; the
		/// administrator may add experts (they count after `PoolChangeDelay`).
		PoolTooSmall,
		/// Too few cities besides the requesting one have a draw key: a draw needs
		/// `RequiredContributions` of them plus one (the anchor block's author, which may be
		/// one of them, does not contribute). The cities must register their draw keys
		/// (`set_draw_key`) before a draw is requested.
		TooFewContributors,
		/// The city's validator authored the draw's anchor block (it could have chosen among
		/// anchor hashes): it does not contribute to this draw.
		AnchorAuthorCannotContribute,
		/// As many draws as one block may record were requested in this block
		/// (`MaxDrawsPerBlock`): request again in the next block.
		TooManyDrawsThisBlock,
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
		/// This city is not (yet) asked to contribute to this draw: wait for its turn (the
		/// order follows the anchor block's hash, one more city after each window).
		NotADesignatedContributor,
		/// The city had no draw key when the draw was requested, so it does not contribute to
		/// this draw; a key set now counts for draws requested later.
		NoDrawKey,
		/// The VRF proof does not verify with the draw key the city had when the draw was
		/// requested, over the draw's input: sign with that key (a key registered later does
		/// not count for this draw).
		InvalidVrfProof,
		/// The tender's bids are not opened yet: seats are taken when evaluation begins.
		EvaluationNotStarted,
		/// The tender is not being evaluated: its committee changes only during evaluation.
		NotEvaluating,
		/// The committee has no such seat.
		UnknownSeat,
		/// The seat is not waiting for its expert.
		SeatNotDrawn,
		/// The account and salt do not hash to the drawn entry's pseudonym.
		NotTheDrawnExpert,
		/// The employer identity hash and salt do not open the entry's employer commitment:
		/// give the ones the pool administrator recorded for you.
		EmployerMismatch,
		/// This account, or another account of the same person (the same certificate identity),
		/// already sits on the committee.
		AlreadySeated,
		/// This account does not sit on the tender's committee.
		NotSeated,
		/// A member has submitted an evaluation: recusal is declared before the evaluation
		/// begins (a recusal would clear the committee's evaluations). Ask a supervisor, who
		/// may remove you (`remove_expert`).
		EvaluationUnderway,
		/// The seat has no seated expert to remove.
		NoSeatedExpert,
		/// The seat's expert is seated: a seated expert leaves only by their own recusal
		/// (`recuse`) or a supervisor's decision (`remove_expert`).
		SeatTaken,
		/// The drawn expert may still take the seat: the host may have it filled again only
		/// once the expert declined, or `SeatingWindow` blocks after the later of the draw's
		/// completion and the tender's seating start (an expert of the tender taking or
		/// declining a seat during evaluation). If no expert comes at all, a supervisor may
		/// order the replacement.
		SeatingWindowOpen,
		/// The host has requested as many replacements for this tender as the committee has
		/// seats: only a supervisor may order more (`order_replacement`).
		ReplacementsExhausted,
		/// The seat was replaced already.
		SeatReplaced,
		/// The seat's expert was found ineligible for a fault of the pool's upkeep, and the
		/// tender has had more such seats than `PoolFaultThreshold` (`PoolIntegrityAlert`):
		/// only a supervisor orders its replacement.
		PoolIntegrityAlerted,
		/// A supervisor acts only on tenders hosted in the city of its supervisor
		/// certificate: ask a supervisor of the tender's city.
		NoJurisdiction,
		/// The supervisors have removed experts and ordered replacements on this tender as
		/// many times as the committee has seats: no more. If a vacancy can no longer be
		/// filled, the tender is failed (`committee_unfillable`, tendering's
		/// `fail_unfillable_tender`).
		SupervisorAllowanceExhausted,
		/// Too many of the draw's eligible experts were exposed, struck or drawn for another
		/// tender since the request (more met than `MaxPicks`, or too few left for a line): the
		/// draw cannot complete and lapses; the host requests it again.
		EligibleSetDepleted,
		/// The tender's committee record holds its maximum of seats (`MaxSeats`), replaced
		/// ones included: no seat can be added, so no more replacements.
		TooManySeats,
		/// The tender has had its maximum of draws (`MaxSeats`), lapsed and replacement draws
		/// included: no more draws for it.
		TooManyDraws,
		/// The replacement draw of another seat lapsed: request that seat's replacement first.
		ExpiredReplacementFirst,
		/// The entry's slot cannot be reused yet: the entry is live (neither struck nor
		/// exposed), a seat drawn for it still waits for its expert, or a draw requested before
		/// it was retired may still complete (`BlockHashCount` blocks after its retirement).
		/// Wait, or reuse another retired entry.
		EntryInUse,
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

		/// Add an expert to the pool by pseudonym, with the salted commitment to their
		/// employer ([`crate::identity::employer_commitment`] of the identity hash of the
		/// employer's normalised credit code). The entry may be drawn from
		/// `PoolChangeDelay` blocks on. One to four speciality codes ([`MaxEntrySpecialities`]:
		/// the argument is bounded, a longer list does not decode).
		///
		/// The dispatch origin must be signed by the pool administrator, who has checked the
		/// expert's certificate (checked again on chain when the expert takes a seat).
		///
		/// Emits `ExpertAdded`.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::add_expert())]
		pub fn add_expert(
			origin: OriginFor<T>,
			pseudonym: H256,
			specialities: BoundedVec<Speciality, MaxEntrySpecialities>,
			city: CityCode,
			employer: H256,
			remote: bool,
		) -> DispatchResult {
			Self::ensure_administrator(origin)?;
			let record = Self::new_entry(pseudonym, specialities, city, employer, remote)?;
			let entry = PoolSize::<T>::get();
			ensure!(entry < T::MaxPoolSize::get(), Error::<T>::PoolFull);
			let active_from = record.active_from;
			PoolPages::<T>::try_mutate(entry / PAGE_SIZE, |page| page.try_push(record))
				.map_err(|_| Error::<T>::PoolFull)?;
			PoolSize::<T>::put(entry + 1);
			EntryOfPseudonym::<T>::insert(pseudonym, entry);
			Self::deposit_event(Event::ExpertAdded { entry, pseudonym, active_from });
			Ok(())
		}

		/// Add an expert to the pool, as `add_expert` does, in the slot of the retired entry
		/// `entry`: one struck (the strike in effect) or exposed (proved on chain), with no seat
		/// drawn for it still waiting for its expert, retired at least `BlockHashCount + 2`
		/// blocks ago (so that every draw requested while it was drawable has completed or
		/// lapsed). The new entry takes the number `entry`; the old record is dropped (old
		/// draws are verified against the pool as it was at their request). Re-enter an
		/// exposed expert in another entry's slot than their own, which would link the two.
		///
		/// The dispatch origin must be signed by the pool administrator.
		///
		/// Emits `ExpertAdded`.
		#[pallet::call_index(13)]
		#[pallet::weight(T::WeightInfo::reuse_entry())]
		pub fn reuse_entry(
			origin: OriginFor<T>,
			entry: EntryId,
			pseudonym: H256,
			specialities: BoundedVec<Speciality, MaxEntrySpecialities>,
			city: CityCode,
			employer: H256,
			remote: bool,
		) -> DispatchResult {
			Self::ensure_administrator(origin)?;
			let record = Self::new_entry(pseudonym, specialities, city, employer, remote)?;
			let old = Self::entry(entry).ok_or(Error::<T>::UnknownEntry)?;
			ensure!(Self::reusable(entry, &old), Error::<T>::EntryInUse);
			let active_from = record.active_from;
			Self::mutate_entry(entry, |e| {
				*e = record;
				Ok(())
			})?;
			EntryOfPseudonym::<T>::remove(old.pseudonym);
			EntryOfPseudonym::<T>::insert(pseudonym, entry);
			ExposedAt::<T>::remove(entry);
			Self::deposit_event(Event::ExpertAdded { entry, pseudonym, active_from });
			Ok(())
		}

		/// Mark an expert available or not (leave, illness), from `PoolChangeDelay` blocks on.
		/// Draws requested from then follow it; requested ones keep their eligible sets. A
		/// change not yet in effect is replaced by this one.
		///
		/// The dispatch origin must be signed by the pool administrator.
		///
		/// Emits `AvailabilitySet`.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::set_availability())]
		pub fn set_availability(
			origin: OriginFor<T>,
			entry: EntryId,
			available: bool,
		) -> DispatchResult {
			Self::ensure_administrator(origin)?;
			let now = frame_system::Pallet::<T>::block_number();
			let from = now.saturating_add(T::PoolChangeDelay::get());
			Self::mutate_entry(entry, |e| {
				ensure!(!e.struck, Error::<T>::EntryStruck);
				// The change in effect, if any, becomes the current value.
				e.available = e.available_at(now);
				e.pending_availability = Some((available, from));
				Ok(())
			})?;
			Self::deposit_event(Event::AvailabilitySet { entry, available, from });
			Ok(())
		}

		/// Strike an expert from the pool for good (barred, retired, certificate revoked): draws
		/// requested from `PoolChangeDelay` blocks on no longer take the entry (so that a
		/// strike cannot shape the pool for a draw the administrator sees coming). Seats it was
		/// drawn for are not affected: an expert barred or uncertified meanwhile is refused at
		/// seating by those checks.
		///
		/// The dispatch origin must be signed by the pool administrator.
		///
		/// Emits `ExpertStruck`.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::strike_expert())]
		pub fn strike_expert(origin: OriginFor<T>, entry: EntryId, reason: H256) -> DispatchResult {
			Self::ensure_administrator(origin)?;
			let now = frame_system::Pallet::<T>::block_number();
			let from = now.saturating_add(T::PoolChangeDelay::get());
			Self::mutate_entry(entry, |e| {
				ensure!(!e.struck, Error::<T>::EntryStruck);
				e.struck = true;
				e.struck_from = Some(from);
				Ok(())
			})?;
			Self::deposit_event(Event::ExpertStruck { entry, reason });
			Ok(())
		}

		/// Set the calling trading centre's city's draw key (an sr25519 public key). It counts
		/// for draws requested from now on: each draw records the keys at its request.
		///
		/// The dispatch origin must be signed by a city's trading centre.
		///
		/// Emits `DrawKeySet`.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::set_draw_key())]
		pub fn set_draw_key(origin: OriginFor<T>, key: [u8; 32]) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let city = T::TradingCentres::city_of(&who).ok_or(Error::<T>::NotATradingCentre)?;
			DrawKeys::<T>::insert(&city, key);
			Self::deposit_event(Event::DrawKeySet { city, key });
			Ok(())
		}

		/// Request a draw of experts for a tender whose bid deadline has passed: one to
		/// four lines ([`MaxRequirements`]; the argument is bounded, a longer list does not
		/// decode).
		///
		/// The dispatch origin must be signed by the tender's host trading centre. Each line's
		/// eligible set is computed and stored now (`PoolTooSmall` if any holds fewer than
		/// `MinPoolMultiple` times its count, or may run short), with the draw key of each
		/// other city.
		///
		/// Emits `DrawRequested`.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::request_draw(T::MaxPoolSize::get()).saturating_add(Pallet::<T>::extra_weight()))]
		pub fn request_draw(
			origin: OriginFor<T>,
			tender: TenderId,
			mode: Mode,
			requirements: BoundedVec<Requirement, MaxRequirements>,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let (t, lapsed) = Self::drawable_tender(&who, tender)?;
			// A draw that completed has filled at least one seat.
			let committee = Committees::<T>::get(tender);
			ensure!(committee.is_empty(), Error::<T>::AlreadyDrawn);
			ensure!(
				!requirements.is_empty() && requirements.iter().all(|r| r.count > 0),
				Error::<T>::EmptyRequest
			);
			let total = requirements.iter().fold(0u32, |acc, r| acc.saturating_add(r.count));
			ensure!(total <= T::MaxPicks::get(), Error::<T>::TooManyExperts);
			ensure!(total >= T::MinCommittee::get(), Error::<T>::CommitteeTooSmall);
			ensure!(!T::OddCommittee::get() || total % 2 == 1, Error::<T>::CommitteeSizeEven);
			ensure!(
				requirements.iter().all(|r| t.specialities.contains(&r.speciality)),
				Error::<T>::SpecialityNotDeclared
			);
			let sets = Self::eligible_sets(tender, &t, &committee, mode, &requirements)?;
			let keys = Self::contributor_keys(&t.city)?;

			// Every rule is checked: record the draw.
			Self::supersede(tender, lapsed);
			Self::open_draw(tender, t.city, mode, requirements, sets, keys, None)?;
			Ok(Some(
				T::WeightInfo::request_draw(PoolSize::<T>::get())
					.saturating_add(Self::extra_weight()),
			)
			.into())
		}

		/// Contribute the calling city's VRF output and proof to a draw, signed with the draw
		/// key the city had when the draw was requested. The draw completes with the last
		/// required contribution: the seed is computed and the experts picked, and each
		/// designated city whose window passed without its contribution is recorded.
		///
		/// The dispatch origin must be signed by the trading centre of a designated city other
		/// than the requesting one.
		///
		/// Emits `Contributed`, and with the last one `ContributionWithheld` for each silent
		/// designated city and `DrawCompleted`.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::contribute(T::MaxPoolSize::get()).saturating_add(Pallet::<T>::withheld_weight()).saturating_add(Pallet::<T>::picks_weight()))]
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
				d.anchor_author.as_ref() != Some(&city),
				Error::<T>::AnchorAuthorCannotContribute
			);
			ensure!(
				!d.contributions.iter().any(|c| c.city == city),
				Error::<T>::AlreadyContributed
			);
			// The key the city had at the request, and no other.
			let key = d
				.keys
				.iter()
				.find(|(c, _)| *c == city)
				.map(|(_, key)| *key)
				.ok_or(Error::<T>::NoDrawKey)?;
			let anchor_hash = Self::anchor_hash(&d).ok_or(Error::<T>::DrawExpired)?;
			ensure!(
				Self::designated(&d, anchor_hash, now).contains(&city),
				Error::<T>::NotADesignatedContributor
			);
			let input = Self::input_of(draw, &d, anchor_hash);
			let output = verify_contribution(&key, &input, &pre_output, &proof)
				.ok_or(Error::<T>::InvalidVrfProof)?;
			d.anchor_hash = Some(anchor_hash);
			d.contributions
				.try_push(Contribution { city: city.clone(), key, pre_output, proof, output })
				.map_err(|_| Error::<T>::DrawComplete)?;
			// Late: the city was designated one window earlier, and that window has passed.
			let windows = Self::windows_passed(&d, now);
			let late = windows > 0
				&& selection::designated(
					&Self::contributor_order(&d, anchor_hash),
					T::RequiredContributions::get(),
					windows - 1,
				)
				.contains(&city);
			Self::deposit_event(Event::Contributed { draw, city: city.clone(), output });
			if late {
				LateContributions::<T>::mutate(&city, |n| *n = n.saturating_add(1));
				Self::deposit_event(Event::LateContribution { draw, city });
			}
			let mut eligible = 0u32;
			if d.contributions.len() as u32 >= T::RequiredContributions::get() {
				eligible = Self::complete(draw, &mut d, input, anchor_hash, now)?;
			}
			Draws::<T>::insert(draw, d);
			Ok(Some(
				T::WeightInfo::contribute(eligible)
					.saturating_add(Self::withheld_weight())
					.saturating_add(Self::picks_weight()),
			)
			.into())
		}

		/// Take a drawn seat when evaluation begins (the bids are opened): prove the entry with
		/// the salt, and open the employer commitment with the employer's identity hash (of
		/// the normalised credit code, see [`crate::identity`]) and its salt.
		///
		/// The expert certificate, the credit record, the entry's city (the certificate's),
		/// avoidance (the employer is neither the tenderer, the principal of an agency's tender
		/// nor a bidder; the expert is neither the tenderer nor a bidder) and duplicate entries
		/// are checked now. An expert who
		/// fails one of them is not refused: the seat is marked ineligible with the reason,
		/// and its replacement draw starts at once when it can (else the host requests it).
		/// Either way the entry is exposed and never drawn again.
		///
		/// The dispatch origin must be signed by the expert.
		///
		/// Emits `ExpertSeated`, or `ExpertIneligible` (and `ReplacementRequested` and
		/// `DrawRequested` when the replacement starts); `DuplicateExpert` if the account
		/// proved another entry that existed at the time.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::take_seat_replaced(T::MaxPoolSize::get()).saturating_add(Pallet::<T>::extra_weight()).saturating_add(Pallet::<T>::members_weight()))]
		pub fn take_seat(
			origin: OriginFor<T>,
			tender: TenderId,
			seat: u32,
			salt: [u8; 32],
			employer_identity: H256,
			employer_salt: [u8; 32],
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let t = T::Tenders::tender(tender).ok_or(Error::<T>::UnknownTender)?;
			ensure!(t.state == TenderState::Evaluating, Error::<T>::EvaluationNotStarted);
			let mut committee = Committees::<T>::get(tender);
			let (entry, record) = Self::drawn_entry(&committee, seat, &who, &salt)?;
			let person = Self::person_of(&who);
			ensure!(
				!committee.iter().any(|s| match &s.state {
					SeatState::Seated(member) =>
						*member == who || Self::person_of(member) == person,
					_ => false,
				}),
				Error::<T>::AlreadySeated
			);
			ensure!(
				identity::employer_commitment(&employer_identity, &employer_salt)
					== record.employer,
				Error::<T>::EmployerMismatch
			);
			let duplicate = Self::earlier_entry(&who, entry, &record);
			let ineligible = if T::Participants::ensure_role(&who, Role::Expert).is_err() {
				Some(Ineligibility::NotAnExpert)
			} else if T::Participants::ensure_not_barred(&who, Bar::Evaluation).is_err() {
				Some(Ineligibility::Barred)
			} else if T::Participants::city_of(&who).as_ref() != Some(&record.city) {
				Some(Ineligibility::CityMismatch)
			} else if Self::conflicted(tender, &t, &who, &employer_identity) {
				Some(Ineligibility::Conflicted)
			} else if duplicate.is_some() {
				Some(Ineligibility::DuplicateEntry)
			} else if SeatHolders::<T>::get(tender).contains(&person) {
				Some(Ineligibility::FormerMember)
			} else {
				None
			};

			// Every rule is checked: record the proof and the seat.
			let now = frame_system::Pallet::<T>::block_number();
			Self::record_proof(&who, entry, duplicate, now);
			Self::note_seat_holder(tender, person);
			Self::release_pending_seat(entry);
			SeatingStart::<T>::mutate(tender, |start| {
				start.get_or_insert(now);
			});
			let Some(reason) = ineligible else {
				if let Some(s) = committee.get_mut(seat as usize) {
					s.state = SeatState::Seated(who.clone());
				}
				Committees::<T>::insert(tender, committee);
				Self::deposit_event(Event::ExpertSeated { tender, seat, expert: who });
				return Ok(
					Some(T::WeightInfo::take_seat().saturating_add(Self::members_weight())).into()
				);
			};
			if let Some(s) = committee.get_mut(seat as usize) {
				s.state = SeatState::Ineligible(who.clone(), reason);
			}
			Committees::<T>::insert(tender, committee.clone());
			Self::deposit_event(Event::ExpertIneligible { tender, seat, expert: who, reason });
			// The replacement draw, if the tender can have one now (not suspended, no other
			// draw pending, a pool large enough); if not, the host requests it later. Once
			// attempted (the tender drawable), the attempt is charged whether it succeeds or
			// not: a failed attempt (`PoolTooSmall`, ...) has read the whole pool.
			// Entries the administrator should not have made: beyond the threshold, no free
			// re-draw (a supervisor looks into the pool and orders the replacement).
			if Self::pool_fault(reason) {
				let count = PoolFaults::<T>::mutate(tender, |n| {
					*n = n.saturating_add(1);
					*n
				});
				if count > T::PoolFaultThreshold::get() {
					Self::deposit_event(Event::PoolIntegrityAlert { tender, count });
					return Ok(Some(
						T::WeightInfo::take_seat().saturating_add(Self::members_weight()),
					)
					.into());
				}
			}
			let mut attempted = false;
			let _ = frame_support::storage::with_storage_layer(|| {
				let lapsed = Self::check_drawable(tender, &t)?;
				attempted = true;
				Self::start_replacement(
					tender,
					&t,
					committee,
					seat,
					ReplacementReason::IneligibleAtSeating,
					lapsed,
				)
			});
			let weight = if attempted {
				T::WeightInfo::take_seat_replaced(PoolSize::<T>::get())
					.saturating_add(Self::extra_weight())
			} else {
				T::WeightInfo::take_seat()
			}
			.saturating_add(Self::members_weight());
			Ok(Some(weight).into())
		}

		/// Have a seat filled again by a replacement draw, for the reason the chain recorded:
		/// the expert declined, did not take the seat within the seating window, was found
		/// ineligible at seating, recused, or was removed by a supervisor. One expert of the
		/// seat's speciality is drawn, in the same mode, under the same rules, excluding
		/// everyone drawn for this tender before. At most as many per tender as the committee
		/// has seats (drawing again a replacement that lapsed does not count, nor filling a seat
		/// a supervisor emptied: the host's allowance is for vacancies the supervisors did not
		/// cause).
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
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let (t, lapsed) = Self::drawable_tender(&who, tender)?;
			let committee = Committees::<T>::get(tender);
			let s = committee.get(seat as usize).ok_or(Error::<T>::UnknownSeat)?;
			let again = match (Self::lapsed_seat(&lapsed), &s.state) {
				(Some(unfilled), SeatState::Replaced(reason)) if unfilled == seat => Some(*reason),
				_ => None,
			};
			let reason = match again {
				Some(reason) => reason,
				None => {
					ensure!(Self::host_may_fill(tender, s), Error::<T>::PoolIntegrityAlerted);
					Self::recorded_vacancy(tender, s)?
				},
			};
			// Counted against the host's allowance: a new replacement of a vacancy the
			// supervisors did not cause.
			let counted = again.is_none() && reason != ReplacementReason::RemovedBySupervisor;
			if counted {
				ensure!(
					HostReplacements::<T>::get(tender) < Self::committee_seats(&committee),
					Error::<T>::ReplacementsExhausted
				);
			}
			Self::start_replacement(tender, &t, committee, seat, reason, lapsed)?;
			if counted {
				HostReplacements::<T>::mutate(tender, |n| *n = n.saturating_add(1));
			}
			Ok(Some(
				T::WeightInfo::request_replacement(PoolSize::<T>::get())
					.saturating_add(Self::extra_weight()),
			)
			.into())
		}

		/// Decline a drawn seat (the expert cannot or will not sit): prove the entry with the
		/// salt. The host may then have the seat filled again. The entry is exposed and never
		/// drawn again.
		///
		/// The dispatch origin must be signed by the drawn expert.
		///
		/// Emits `SeatDeclined`; `DuplicateExpert` if the account proved another entry that
		/// existed at the time.
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::decline_seat().saturating_add(T::DbWeight::get().reads_writes(2, 1)).saturating_add(Pallet::<T>::summary_weight()))]
		pub fn decline_seat(
			origin: OriginFor<T>,
			tender: TenderId,
			seat: u32,
			salt: [u8; 32],
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let t = T::Tenders::tender(tender).ok_or(Error::<T>::UnknownTender)?;
			ensure!(
				matches!(t.state, TenderState::Open | TenderState::Evaluating),
				Error::<T>::TenderNotDrawable
			);
			let mut committee = Committees::<T>::get(tender);
			let (entry, record) = Self::drawn_entry(&committee, seat, &who, &salt)?;
			let duplicate = Self::earlier_entry(&who, entry, &record);

			// Every rule is checked: record the proof and the seat.
			let now = frame_system::Pallet::<T>::block_number();
			Self::record_proof(&who, entry, duplicate, now);
			Self::note_seat_holder(tender, Self::person_of(&who));
			Self::release_pending_seat(entry);
			if t.state == TenderState::Evaluating {
				SeatingStart::<T>::mutate(tender, |start| {
					start.get_or_insert(now);
				});
			}
			if let Some(s) = committee.get_mut(seat as usize) {
				s.state = SeatState::Declined(who.clone());
			}
			Committees::<T>::insert(tender, committee);
			Self::deposit_event(Event::SeatDeclined { tender, seat, expert: who });
			Ok(())
		}

		/// Recuse oneself from a committee (回避), with the hash of one's written statement,
		/// before any member has submitted an evaluation (afterwards only a supervisor's
		/// removal takes a member off). The host may then have the seat filled again.
		///
		/// The dispatch origin must be signed by a seated member of the tender's committee.
		///
		/// Emits `ExpertRecused`.
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::recuse().saturating_add(Pallet::<T>::summary_weight()))]
		pub fn recuse(origin: OriginFor<T>, tender: TenderId, reason: H256) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let t = T::Tenders::tender(tender).ok_or(Error::<T>::UnknownTender)?;
			ensure!(t.state == TenderState::Evaluating, Error::<T>::NotEvaluating);
			ensure!(!t.evaluation_underway, Error::<T>::EvaluationUnderway);
			let mut committee = Committees::<T>::get(tender);
			let seat = committee
				.iter()
				.position(|s| s.state == SeatState::Seated(who.clone()))
				.ok_or(Error::<T>::NotSeated)?;
			if let Some(s) = committee.get_mut(seat) {
				s.state = SeatState::Recused(who.clone());
			}
			Committees::<T>::insert(tender, committee);
			Self::deposit_event(Event::ExpertRecused {
				tender,
				seat: seat as u32,
				expert: who,
				reason,
			});
			Ok(())
		}

		/// Remove a seated expert from a committee, with the hash of the supervisor's
		/// decision. The host may then have the seat filled again. Counts against the
		/// supervisors' allowance for the tender (as many as the committee's seats).
		///
		/// The dispatch origin must be signed by a supervisor certified in the tender's city.
		///
		/// Emits `ExpertRemoved`.
		#[pallet::call_index(11)]
		#[pallet::weight(T::WeightInfo::remove_expert().saturating_add(Pallet::<T>::supervisor_weight()))]
		pub fn remove_expert(
			origin: OriginFor<T>,
			tender: TenderId,
			seat: u32,
			reason: H256,
		) -> DispatchResult {
			let supervisor = ensure_signed(origin)?;
			T::Participants::ensure_role(&supervisor, Role::Supervisor)?;
			let t = T::Tenders::tender(tender).ok_or(Error::<T>::UnknownTender)?;
			ensure!(Self::has_jurisdiction(&supervisor, &t.city), Error::<T>::NoJurisdiction);
			ensure!(t.state == TenderState::Evaluating, Error::<T>::NotEvaluating);
			let mut committee = Committees::<T>::get(tender);
			ensure!(
				SupervisorActions::<T>::get(tender) < Self::committee_seats(&committee),
				Error::<T>::SupervisorAllowanceExhausted
			);
			let s = committee.get_mut(seat as usize).ok_or(Error::<T>::UnknownSeat)?;
			let SeatState::Seated(expert) = s.state.clone() else {
				return Err(Error::<T>::NoSeatedExpert.into());
			};
			s.state = SeatState::Removed(expert.clone());
			Committees::<T>::insert(tender, committee);
			SupervisorActions::<T>::mutate(tender, |n| *n = n.saturating_add(1));
			Self::deposit_event(Event::ExpertRemoved { tender, seat, expert, supervisor, reason });
			Ok(())
		}

		/// Order a seat filled again by a replacement draw, whatever the host's allowance, with
		/// the hash of the supervisor's decision: a vacancy the chain recorded (declined,
		/// ineligible, recused, removed, or drawn and not taken within the seating window), or
		/// the seat whose replacement draw lapsed. Counts against the supervisors' allowance for
		/// the tender (as many as the committee's seats), the lapsed seat's re-draw aside.
		///
		/// The dispatch origin must be signed by a supervisor certified in the tender's city.
		///
		/// Emits `ReplacementOrdered`, `ReplacementRequested` and `DrawRequested`.
		#[pallet::call_index(12)]
		#[pallet::weight(T::WeightInfo::order_replacement(T::MaxPoolSize::get()).saturating_add(Pallet::<T>::extra_weight()).saturating_add(Pallet::<T>::supervisor_weight()))]
		pub fn order_replacement(
			origin: OriginFor<T>,
			tender: TenderId,
			seat: u32,
			reason: H256,
		) -> DispatchResultWithPostInfo {
			let supervisor = ensure_signed(origin)?;
			T::Participants::ensure_role(&supervisor, Role::Supervisor)?;
			let t = T::Tenders::tender(tender).ok_or(Error::<T>::UnknownTender)?;
			ensure!(Self::has_jurisdiction(&supervisor, &t.city), Error::<T>::NoJurisdiction);
			let lapsed = Self::check_drawable(tender, &t)?;
			let committee = Committees::<T>::get(tender);
			let s = committee.get(seat as usize).ok_or(Error::<T>::UnknownSeat)?;
			// Only a vacancy the chain recorded (a drawn seat once its seating window passed),
			// or the seat whose replacement draw lapsed (drawn again without counting).
			let again = matches!(s.state, SeatState::Replaced(_))
				&& Self::lapsed_seat(&lapsed) == Some(seat);
			if !again {
				Self::recorded_vacancy(tender, s)?;
				ensure!(
					SupervisorActions::<T>::get(tender) < Self::committee_seats(&committee),
					Error::<T>::SupervisorAllowanceExhausted
				);
			}
			Self::start_replacement(
				tender,
				&t,
				committee,
				seat,
				ReplacementReason::OrderedBySupervisor,
				lapsed,
			)?;
			if !again {
				SupervisorActions::<T>::mutate(tender, |n| *n = n.saturating_add(1));
			}
			Self::deposit_event(Event::ReplacementOrdered { tender, seat, supervisor, reason });
			Ok(Some(
				T::WeightInfo::order_replacement(PoolSize::<T>::get())
					.saturating_add(Self::extra_weight())
					.saturating_add(Self::supervisor_weight()),
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

		/// What recording the anchor author of `draws` draws costs at the start of a block:
		/// the list read and cleared, the author found (the digest, the authorities, the
		/// validators, the validator's city) and each draw read and written.
		// estimate until scripts/benchmark.sh is re-run
		fn anchor_weight(draws: u32) -> Weight {
			let draws: u64 = draws.into();
			T::DbWeight::get().reads_writes(5u64.saturating_add(draws), 1u64.saturating_add(draws))
		}

		/// What reading a tender's summary costs beyond the benchmarks: whether an evaluation
		/// was submitted, and the principal's certificate (its city).
		// estimate until scripts/benchmark.sh is re-run
		fn summary_weight() -> Weight {
			T::DbWeight::get().reads(2)
		}

		/// What a supervisor's action costs beyond its benchmark: the tender's summary and the
		/// supervisors' count of actions, read and written.
		// estimate until scripts/benchmark.sh is re-run
		fn supervisor_weight() -> Weight {
			Self::summary_weight().saturating_add(T::DbWeight::get().reads_writes(1, 1))
		}

		/// The weight of reading the city list and every city's draw key, at their largest.
		fn city_reads() -> Weight {
			T::DbWeight::get().reads(T::MaxCities::get().saturating_mul(2).into())
		}

		/// What a call that opens a draw costs beyond its benchmark: the city list and the draw
		/// keys at their largest, and the check of a lapsed pending draw (the draw and its
		/// anchor block's hash).
		// estimate until scripts/benchmark.sh is re-run (the waiting bits of each pool page)
		fn extra_weight() -> Weight {
			// And the list of draws awaiting their anchor's author, read and written, the
			// waiting bits of each page of the pool at its largest, and what the tender's
			// summary reads beyond the benchmarks ([`Self::summary_weight`]).
			let pages: u64 = T::MaxPoolSize::get().div_ceil(PAGE_SIZE).into();
			Self::city_reads()
				.saturating_add(T::DbWeight::get().reads_writes(pages.saturating_add(3), 1))
				.saturating_add(Self::summary_weight())
		}

		/// What seating costs beyond its benchmark: the certificate of each seated member read
		/// (the same person may not sit twice under two accounts), at most `MaxSeats`, and the
		/// committee's former seat holders read and written.
		// estimate until scripts/benchmark.sh is re-run
		fn members_weight() -> Weight {
			let seats: u64 = T::MaxSeats::get().into();
			// And the tender's pool faults, read and written, and its summary.
			T::DbWeight::get()
				.reads_writes(seats.saturating_add(2), 2)
				.saturating_add(Self::summary_weight())
		}

		/// What the completing contribution costs beyond its benchmark: a withheld
		/// contribution recorded for each city, at most, and the contribution's own lateness.
		fn withheld_weight() -> Weight {
			let cities: u64 = T::MaxCities::get().into();
			T::DbWeight::get().reads_writes(cities.saturating_add(1), cities.saturating_add(1))
		}

		/// What the completing contribution costs beyond its benchmark for its picks: each
		/// pick's pending seats (`PendingSeats`), read and written, at most `MaxPicks`.
		// estimate until scripts/benchmark.sh is re-run
		fn picks_weight() -> Weight {
			let picks: u64 = T::MaxPicks::get().into();
			// Each pick's count and waiting bits written; each entry met (at most twice the
			// picks: the picks and as many skipped) read with its pending seats; the tender's
			// summary.
			T::DbWeight::get()
				.reads_writes(picks.saturating_mul(5), picks.saturating_mul(2))
				.saturating_add(Self::summary_weight())
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
			d.anchor_hash.is_none() && Self::known_block_hash(d.anchor).is_none()
		}

		/// The hash of block `n`, if the chain still knows it.
		fn known_block_hash(n: BlockNumberFor<T>) -> Option<H256> {
			let hash = frame_system::Pallet::<T>::block_hash(n);
			let hash = H256::from_slice(hash.as_ref());
			(hash != H256::zero()).then_some(hash)
		}

		/// The hash of draw `d`'s anchor block: as recorded at the first contribution, or as
		/// the chain knows it; `None` before the anchor block is produced and once its hash is
		/// forgotten.
		pub fn anchor_hash(d: &DrawOf<T>) -> Option<H256> {
			d.anchor_hash.or_else(|| Self::known_block_hash(d.anchor))
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
			f: impl FnOnce(&mut PoolEntryOf<T>) -> DispatchResult,
		) -> DispatchResult {
			PoolPages::<T>::try_mutate(entry / PAGE_SIZE, |page| {
				let e =
					page.get_mut((entry % PAGE_SIZE) as usize).ok_or(Error::<T>::UnknownEntry)?;
				f(e)
			})
		}

		/// The pool entry `entry`, if any.
		pub fn entry(entry: EntryId) -> Option<PoolEntryOf<T>> {
			PoolPages::<T>::get(entry / PAGE_SIZE).get((entry % PAGE_SIZE) as usize).cloned()
		}

		/// The entry drawn for seat `seat` of `committee`, checked to be waiting for its expert
		/// and proved by `who` with `salt`.
		fn drawn_entry(
			committee: &[Seat<T::AccountId>],
			seat: u32,
			who: &T::AccountId,
			salt: &[u8; 32],
		) -> Result<(EntryId, PoolEntryOf<T>), DispatchError> {
			let s = committee.get(seat as usize).ok_or(Error::<T>::UnknownSeat)?;
			ensure!(s.state == SeatState::Drawn, Error::<T>::SeatNotDrawn);
			let record = Self::entry(s.entry).ok_or(Error::<T>::UnknownEntry)?;
			ensure!(record.pseudonym == pseudonym(who, salt), Error::<T>::NotTheDrawnExpert);
			Ok((s.entry, record))
		}

		/// The entry `who` proved before, if that makes `entry` (whose record is `record`) a
		/// second entry of the same person: another entry, and `entry` was already in the pool
		/// before the block in which `who` proved it. (An entry added in that block or after is
		/// the administrator's re-entry of the exposed expert, made as soon as it saw the
		/// exposure: the two never coexisted as drawable entries.) An entry already exposed is
		/// never a duplicate: it was proved before, by this very account (a pseudonym binds one
		/// account), so it is the person's own old entry proved again for a seat drawn before
		/// its exposure, not a second entry.
		fn earlier_entry(
			who: &T::AccountId,
			entry: EntryId,
			record: &PoolEntryOf<T>,
		) -> Option<EntryId> {
			if record.exposed {
				return None;
			}
			match ProvenEntry::<T>::get(Self::person_of(who)) {
				Some((first, at)) if first != entry && record.added_at < at => Some(first),
				_ => None,
			}
		}

		/// A new pool entry's record, checked: one to four specialities, a city of the
		/// consortium, a pseudonym not in the pool; in effect `PoolChangeDelay` blocks from
		/// now.
		fn new_entry(
			pseudonym: H256,
			specialities: BoundedVec<Speciality, MaxEntrySpecialities>,
			city: CityCode,
			employer: H256,
			remote: bool,
		) -> Result<PoolEntryOf<T>, DispatchError> {
			let mut specialities = specialities.into_inner();
			specialities.sort();
			specialities.dedup();
			let specialities: BoundedVec<Speciality, MaxEntrySpecialities> =
				specialities.try_into().map_err(|_| Error::<T>::BadSpecialities)?;
			ensure!(!specialities.is_empty(), Error::<T>::BadSpecialities);
			ensure!(T::Cities::contains(&city), Error::<T>::UnknownCity);
			ensure!(!EntryOfPseudonym::<T>::contains_key(pseudonym), Error::<T>::PseudonymTaken);
			let now = frame_system::Pallet::<T>::block_number();
			Ok(PoolEntry {
				pseudonym,
				specialities,
				city,
				employer,
				available: true,
				pending_availability: None,
				remote,
				added_at: now,
				active_from: now.saturating_add(T::PoolChangeDelay::get()),
				struck: false,
				struck_from: None,
				exposed: false,
			})
		}

		/// Whether the slot of `entry` (whose record is `record`) may take a new entry now: the
		/// entry is retired (exposed, or struck with the strike in effect), no seat drawn for
		/// it waits for its expert, and every draw requested while it was drawable has
		/// completed or lapsed (`BlockHashCount` blocks after its anchor, the block after its
		/// request).
		pub fn reusable(entry: EntryId, record: &PoolEntryOf<T>) -> bool {
			let now = frame_system::Pallet::<T>::block_number();
			let retired = if record.exposed {
				ExposedAt::<T>::get(entry)
			} else if record.struck_at(now) {
				record.struck_from
			} else {
				None
			};
			let Some(retired) = retired else { return false };
			let horizon = retired
				.saturating_add(<T as frame_system::Config>::BlockHashCount::get())
				.saturating_add(2u32.into());
			now >= horizon && PendingSeats::<T>::get(entry) == 0
		}

		/// Records that a seat drawn for `entry` no longer waits for its expert.
		fn release_pending_seat(entry: EntryId) {
			let waiting = PendingSeats::<T>::mutate_exists(entry, |n| {
				*n = n.and_then(|n| n.checked_sub(1)).filter(|n| *n > 0);
				n.is_some()
			});
			if !waiting {
				Self::mark_waiting(entry, false);
			}
		}

		/// Records that a seat drawn for `entry` waits for its expert.
		fn hold_pending_seat(entry: EntryId) {
			PendingSeats::<T>::mutate(entry, |n| *n = n.saturating_add(1));
			Self::mark_waiting(entry, true);
		}

		/// Sets or clears `entry`'s bit in [`WaitingEntries`].
		fn mark_waiting(entry: EntryId, waiting: bool) {
			let (byte, bit) = (((entry % PAGE_SIZE) / 8) as usize, 1u8 << (entry % 8));
			WaitingEntries::<T>::mutate_exists(entry / PAGE_SIZE, |bits| {
				let mut b = bits.unwrap_or_default();
				if let Some(byte) = b.get_mut(byte) {
					if waiting {
						*byte |= bit;
					} else {
						*byte &= !bit;
					}
				}
				*bits = (b != [0u8; 32]).then_some(b);
			});
		}

		/// Whether bit `i` of a page's [`WaitingEntries`] is set.
		fn is_waiting(bits: &[u8; 32], i: u32) -> bool {
			bits.get((i / 8) as usize).is_some_and(|b| b & (1u8 << (i % 8)) != 0)
		}

		/// The person behind the account `who`: the identity hash of its certificate (one
		/// person's certified accounts share it), or, uncertified, a hash of the account.
		pub fn person_of(who: &T::AccountId) -> H256 {
			T::Participants::identity_of(who).unwrap_or_else(|| {
				H256(sp_io::hashing::blake2_256(&(b"tenderchain/expert-account", who).encode()))
			})
		}

		/// Records that `person` proved a seat of `tender`'s committee.
		fn note_seat_holder(tender: TenderId, person: H256) {
			SeatHolders::<T>::mutate(tender, |holders| {
				if !holders.contains(&person) {
					// Each seat is proved once: within `MaxSeats`.
					let _ = holders.try_push(person);
				}
			});
		}

		/// Records that `who` proved `entry` at `now`: the entry is exposed, and if `duplicate`
		/// names an earlier entry of the same person, both are struck.
		fn record_proof(
			who: &T::AccountId,
			entry: EntryId,
			duplicate: Option<EntryId>,
			now: BlockNumberFor<T>,
		) {
			let _ = Self::mutate_entry(entry, |e| {
				if !e.exposed {
					e.exposed = true;
					ExposedAt::<T>::insert(entry, now);
				}
				if duplicate.is_some() && !e.struck {
					e.struck = true;
					e.struck_from = Some(now);
				}
				Ok(())
			});
			let person = Self::person_of(who);
			let proven_at = ProvenEntry::<T>::get(person).map(|(_, at)| at);
			ProvenEntry::<T>::insert(person, (entry, now));
			if let Some(first) = duplicate {
				let _ = Self::mutate_entry(first, |e| {
					// Unless its slot was reused since (a new entry, added after the proof).
					let same = proven_at.is_some_and(|at| e.added_at <= at);
					if same && !e.struck {
						e.struck = true;
						e.struck_from = Some(now);
					}
					Ok(())
				});
				Self::deposit_event(Event::DuplicateExpert {
					account: who.clone(),
					entries: [first, entry],
				});
			}
		}

		/// Whether the expert `who`, whose employer's identity hash is `employer`, may not sit on
		/// `tender`'s committee: the employer is the tenderer, the principal (for an agency's
		/// tender) or a bidder, or the expert is the tenderer, the principal or a bidder — by
		/// account or by legal identity (another account of the same person).
		fn conflicted(
			tender: TenderId,
			t: &TenderSummary<T::AccountId>,
			who: &T::AccountId,
			employer: &H256,
		) -> bool {
			let person = T::Participants::identity_of(who);
			// Whether `identity` is the expert's employer or the expert.
			let related = |identity: Option<&H256>| {
				identity == Some(employer) || (identity.is_some() && identity == person.as_ref())
			};
			if *who == t.owner
				|| related(t.principal.as_ref())
				|| related(T::Participants::identity_of(&t.owner).as_ref())
			{
				return true;
			}
			T::Tenders::bidders(tender).iter().any(|bidder| {
				bidder == who || related(T::Participants::identity_of(bidder).as_ref())
			})
		}

		/// The identity under which a tender's draws are remembered: its principal's for an
		/// agency's tender, else its owner's.
		fn tenderer_identity(t: &TenderSummary<T::AccountId>) -> Option<H256> {
			t.principal.or_else(|| T::Participants::identity_of(&t.owner))
		}

		/// The tender, checked for a draw by `who` (its host trading centre), and its pending
		/// draw if that lapsed.
		fn drawable_tender(
			who: &T::AccountId,
			tender: TenderId,
		) -> Result<(TenderSummary<T::AccountId>, LapsedDraw<T>), DispatchError> {
			let t = T::Tenders::tender(tender).ok_or(Error::<T>::UnknownTender)?;
			let city = T::TradingCentres::city_of(who).ok_or(Error::<T>::NotATradingCentre)?;
			ensure!(city == t.city, Error::<T>::NotTheHostTradingCentre);
			let lapsed = Self::check_drawable(tender, &t)?;
			Ok((t, lapsed))
		}

		/// Checks that tender `tender` (`t`) may have a new draw now, and returns its pending
		/// draw if that lapsed (a pending draw that has not lapsed is `DrawPending`).
		fn check_drawable(
			tender: TenderId,
			t: &TenderSummary<T::AccountId>,
		) -> Result<LapsedDraw<T>, DispatchError> {
			ensure!(!t.suspended, Error::<T>::TenderSuspended);
			match t.state {
				TenderState::Open => {
					ensure!(t.phase != Phase::Bidding, Error::<T>::BiddingNotClosed)
				},
				TenderState::Evaluating => {},
				_ => return Err(Error::<T>::TenderNotDrawable.into()),
			}
			match TenderPending::<T>::get(tender) {
				None => Ok(None),
				Some(draw) => {
					let d = Draws::<T>::get(draw).ok_or(Error::<T>::UnknownDraw)?;
					ensure!(
						Self::lapsed(&d, frame_system::Pallet::<T>::block_number()),
						Error::<T>::DrawPending
					);
					Ok(Some((draw, d)))
				},
			}
		}

		/// The seat whose replacement draw lapsed, if the lapsed pending draw is one: that
		/// seat is drawn again before any other.
		fn lapsed_seat(lapsed: &LapsedDraw<T>) -> Option<u32> {
			lapsed.as_ref().and_then(|(_, d)| d.replaces).map(|(seat, _)| seat)
		}

		/// The number of seats of a committee: those its first draw filled (replacement draws
		/// add a record for each seat they fill).
		fn committee_seats(committee: &[Seat<T::AccountId>]) -> u32 {
			let first = committee.first().map(|s| s.draw);
			committee.iter().filter(|s| Some(s.draw) == first).count() as u32
		}

		/// Whether `who` may act as a supervisor on tenders hosted by `city`: it holds a valid
		/// supervisor certificate issued in that city. (There is no province-wide certificate:
		/// the certificates pallet issues certificates for cities of the consortium only, so a
		/// provincial supervisory body holds a supervisor certificate in each city it
		/// supervises.)
		pub fn has_jurisdiction(who: &T::AccountId, city: &CityCode) -> bool {
			T::Participants::ensure_role(who, Role::Supervisor).is_ok()
				&& T::Participants::city_of(who).as_ref() == Some(city)
		}

		/// Whether a vacancy of `tender`'s committee can no longer be filled: the tender is
		/// being evaluated, not suspended, no draw of it is pending (a lapsed one aside), and
		/// for its first vacancy (a seat declined, ineligible, recused, removed, drawn and not
		/// taken within its seating window, or the seat of a lapsed replacement draw) the
		/// record has no room for another seat (`MaxSeats`), the tender for another draw, the
		/// host's and the supervisors' allowances are both spent (unless the vacancy is
		/// refilled without counting), or the pool has too few eligible experts of the seat's
		/// speciality. The tendering pallet then lets the host or a supervisor fail the tender.
		pub fn unfillable(tender: TenderId) -> bool {
			let Some(t) = T::Tenders::tender(tender) else { return false };
			if t.state != TenderState::Evaluating || t.suspended {
				return false;
			}
			let lapsed = match TenderPending::<T>::get(tender) {
				None => None,
				Some(draw) => match Draws::<T>::get(draw) {
					Some(d) if Self::lapsed(&d, frame_system::Pallet::<T>::block_number()) => {
						Some((draw, d))
					},
					_ => return false,
				},
			};
			let committee = Committees::<T>::get(tender);
			let again = Self::lapsed_seat(&lapsed);
			let Some((seat, s)) = committee.iter().enumerate().find(|(i, s)| match s.state {
				SeatState::Seated(_) => false,
				SeatState::Replaced(_) => again == Some(*i as u32),
				SeatState::Drawn => Self::seating_window_passed(tender, s),
				_ => true,
			}) else {
				return false;
			};
			let seats = Self::committee_seats(&committee);
			let free = again == Some(seat as u32) || matches!(s.state, SeatState::Removed(_));
			let host = Self::host_may_fill(tender, s) && HostReplacements::<T>::get(tender) < seats;
			let supervisor = SupervisorActions::<T>::get(tender) < seats;
			if !(free || host || supervisor) || committee.len() >= T::MaxSeats::get() as usize {
				return true;
			}
			let Some(mode) = Draws::<T>::get(s.draw).map(|d| d.mode) else { return true };
			let line = [Requirement { speciality: s.speciality, count: 1 }];
			Self::eligible_sets(tender, &t, &committee, mode, &line).is_err()
		}

		/// Whether the host may have seat `s` of `tender` filled again at all (within its
		/// allowance): not a seat refused for a fault of the pool's upkeep once the tender has
		/// had more of them than `PoolFaultThreshold`.
		fn host_may_fill(tender: TenderId, s: &Seat<T::AccountId>) -> bool {
			match s.state {
				SeatState::Ineligible(_, reason) if Self::pool_fault(reason) => {
					PoolFaults::<T>::get(tender) <= T::PoolFaultThreshold::get()
				},
				_ => true,
			}
		}

		/// Whether `reason` is a fault of the pool's upkeep: an entry the administrator should
		/// not have made (an uncertified account, the wrong city, one person twice).
		fn pool_fault(reason: Ineligibility) -> bool {
			matches!(
				reason,
				Ineligibility::NotAnExpert
					| Ineligibility::CityMismatch
					| Ineligibility::DuplicateEntry
			)
		}

		/// Why the host may have seat `s` of `tender` filled again, as the chain recorded it;
		/// an error if it may not.
		fn recorded_vacancy(
			tender: TenderId,
			s: &Seat<T::AccountId>,
		) -> Result<ReplacementReason, DispatchError> {
			match s.state {
				SeatState::Declined(_) => Ok(ReplacementReason::Declined),
				SeatState::Ineligible(..) => Ok(ReplacementReason::IneligibleAtSeating),
				SeatState::Recused(_) => Ok(ReplacementReason::Recused),
				SeatState::Removed(_) => Ok(ReplacementReason::RemovedBySupervisor),
				SeatState::Seated(_) => Err(Error::<T>::SeatTaken.into()),
				SeatState::Replaced(_) => Err(Error::<T>::SeatReplaced.into()),
				SeatState::Drawn => {
					ensure!(Self::seating_window_passed(tender, s), Error::<T>::SeatingWindowOpen);
					Ok(ReplacementReason::NotSeatedInTime)
				},
			}
		}

		/// Whether the seating window of drawn seat `s` of `tender` has passed: `SeatingWindow`
		/// blocks from the later of its draw's completion and the tender's seating start.
		pub fn seating_window_passed(tender: TenderId, s: &Seat<T::AccountId>) -> bool {
			let Some(start) = SeatingStart::<T>::get(tender) else { return false };
			let Some(completed) = Draws::<T>::get(s.draw).and_then(|d| d.completed_at) else {
				return false;
			};
			let now = frame_system::Pallet::<T>::block_number();
			now >= start.max(completed).saturating_add(T::SeatingWindow::get())
		}

		/// Checks and records the replacement of seat `seat` of `tender` (`t`, whose committee
		/// is `committee`) for `reason`, opening its draw in place of the `lapsed` one; returns
		/// the new draw. Writes nothing unless every rule holds.
		fn start_replacement(
			tender: TenderId,
			t: &TenderSummary<T::AccountId>,
			mut committee: CommitteeOf<T>,
			seat: u32,
			reason: ReplacementReason,
			lapsed: LapsedDraw<T>,
		) -> Result<DrawId, DispatchError> {
			ensure!(
				!matches!(Self::lapsed_seat(&lapsed), Some(s) if s != seat),
				Error::<T>::ExpiredReplacementFirst
			);
			let (speciality, from_draw, waiting) = {
				let s = committee.get_mut(seat as usize).ok_or(Error::<T>::UnknownSeat)?;
				let waiting = (s.state == SeatState::Drawn).then_some(s.entry);
				s.state = SeatState::Replaced(reason);
				(s.speciality, s.draw, waiting)
			};
			ensure!(committee.len() < T::MaxSeats::get() as usize, Error::<T>::TooManySeats);
			let mode = Draws::<T>::get(from_draw).map(|d| d.mode).ok_or(Error::<T>::UnknownDraw)?;
			let requirements: BoundedVec<Requirement, MaxRequirements> =
				BoundedVec::truncate_from(alloc::vec![Requirement { speciality, count: 1 }]);
			// Everyone drawn for the tender before, the replaced expert included, is avoided.
			let sets = Self::eligible_sets(tender, t, &committee, mode, &requirements)?;
			let keys = Self::contributor_keys(&t.city)?;

			// Every rule is checked: record the replacement and its draw.
			Committees::<T>::insert(tender, committee);
			if let Some(entry) = waiting {
				Self::release_pending_seat(entry);
			}
			Self::supersede(tender, lapsed);
			let draw = Self::open_draw(
				tender,
				t.city.clone(),
				mode,
				requirements,
				sets,
				keys,
				Some((seat, reason)),
			)?;
			Self::deposit_event(Event::ReplacementRequested { tender, seat, reason, draw });
			Ok(draw)
		}

		/// The avoidance list of `tender`, whose committee so far is `committee`: the
		/// tenderer's city, the committee's entries, the tenderer's recent picks. (Employers
		/// are compared when the expert takes the seat.)
		fn avoidance(
			t: &TenderSummary<T::AccountId>,
			committee: &[Seat<T::AccountId>],
		) -> Avoidance {
			let mut avoid = Avoidance {
				host: t.city.clone(),
				tenderer_city: T::Participants::city_of(&t.owner),
				principal_city: t.principal_city.clone(),
				..Default::default()
			};
			avoid.entries.extend(committee.iter().map(|s| s.entry));
			if let Some(identity) = Self::tenderer_identity(t) {
				for (_, picks) in RecentPicks::<T>::get(identity) {
					avoid.entries.extend(picks);
				}
			}
			avoid.normalise();
			avoid
		}

		/// The eligible set of each line of a new draw for `tender` (whose committee so far is
		/// `committee`) at this block, checked to be large enough and to fit the tender's
		/// record of draws. Writes nothing.
		fn eligible_sets(
			tender: TenderId,
			t: &TenderSummary<T::AccountId>,
			committee: &[Seat<T::AccountId>],
			mode: Mode,
			requirements: &[Requirement],
		) -> Result<Vec<BoundedVec<EntryId, T::MaxPoolSize>>, DispatchError> {
			let avoid = Self::avoidance(t, committee);
			let now = frame_system::Pallet::<T>::block_number();
			let mut lines: Vec<(Requirement, Vec<EntryId>)> =
				requirements.iter().map(|r| (*r, Vec::new())).collect();
			let size = PoolSize::<T>::get();
			for page in 0..size.div_ceil(PAGE_SIZE) {
				let waiting = WaitingEntries::<T>::get(page).unwrap_or_default();
				for (i, entry) in PoolPages::<T>::get(page).iter().enumerate() {
					// Drawn for another tender and still waiting: one committee at a time.
					if Self::is_waiting(&waiting, i as u32) {
						continue;
					}
					let id = page * PAGE_SIZE + i as u32;
					for (req, set) in lines.iter_mut() {
						if selection::is_eligible(id, entry, req.speciality, mode, &avoid, now) {
							set.push(id);
						}
					}
				}
			}
			ensure!(
				selection::shortfall(&lines, T::MinPoolMultiple::get()).is_none(),
				Error::<T>::PoolTooSmall
			);
			ensure!(
				TenderDraws::<T>::decode_len(tender).unwrap_or(0) < T::MaxSeats::get() as usize,
				Error::<T>::TooManyDraws
			);
			lines
				.into_iter()
				.map(|(_, set)| set.try_into().map_err(|_| Error::<T>::PoolFull.into()))
				.collect()
		}

		/// The cities that may contribute to a draw requested by `host` now, with their draw
		/// keys: every other city with a key, in code order (at most `MaxCities`, the most
		/// cities the consortium has). At least `RequiredContributions + 1` of them, so that
		/// enough remain once the anchor block's author is left out.
		fn contributor_keys(host: &CityCode) -> Result<ContributorKeys<T>, DispatchError> {
			let keys: Vec<(CityCode, [u8; 32])> = T::Cities::cities()
				.into_iter()
				.filter(|city| city != host)
				.filter_map(|city| DrawKeys::<T>::get(&city).map(|key| (city, key)))
				.collect();
			ensure!(
				keys.len() > T::RequiredContributions::get() as usize,
				Error::<T>::TooFewContributors
			);
			Ok(BoundedVec::truncate_from(keys))
		}

		/// Records a new draw for `tender` over the eligible `sets` of its lines, checked by
		/// [`Self::eligible_sets`], with the contributors' `keys`; returns its number.
		fn open_draw(
			tender: TenderId,
			city: CityCode,
			mode: Mode,
			requirements: BoundedVec<Requirement, MaxRequirements>,
			sets: Vec<BoundedVec<EntryId, T::MaxPoolSize>>,
			keys: ContributorKeys<T>,
			replaces: Option<(u32, ReplacementReason)>,
		) -> Result<DrawId, DispatchError> {
			let draw = NextDrawId::<T>::get();
			AwaitingAnchor::<T>::try_mutate(|draws| draws.try_push(draw))
				.map_err(|_| Error::<T>::TooManyDrawsThisBlock)?;
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
			let anchor = now.saturating_add(1u32.into());
			let d = Draw {
				tender,
				city,
				mode,
				requirements,
				requested_at: now,
				anchor,
				anchor_hash: None,
				keys,
				replaces,
				contributions: BoundedVec::new(),
				seed: None,
				picks: BoundedVec::new(),
				completed_at: None,
				anchor_author: None,
				skipped: BoundedVec::new(),
			};
			Draws::<T>::insert(draw, d);
			TenderPending::<T>::insert(tender, draw);
			Self::deposit_event(Event::DrawRequested { draw, tender, anchor, eligible });
			Ok(draw)
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

		/// How many full contribution windows of draw `d` have passed at block `now`, counted
		/// from the first block that accepts contributions (the one after the anchor).
		fn windows_passed(d: &DrawOf<T>, now: BlockNumberFor<T>) -> u32 {
			let window = T::ContributionWindow::get().max(1u32.into());
			let waited = now.saturating_sub(d.anchor.saturating_add(1u32.into())) / window;
			waited.try_into().unwrap_or(u32::MAX)
		}

		/// The order in which the cities recorded at the request, but the anchor block's
		/// author, are asked to contribute to draw `d`, whose anchor block's hash is
		/// `anchor_hash` ([`selection::contributor_order`]).
		pub fn contributor_order(d: &DrawOf<T>, anchor_hash: H256) -> Vec<CityCode> {
			let cities: Vec<CityCode> = d
				.keys
				.iter()
				.map(|(city, _)| city.clone())
				.filter(|city| d.anchor_author.as_ref() != Some(city))
				.collect();
			selection::contributor_order(anchor_hash, &cities)
		}

		/// The cities asked to contribute to draw `d` at block `now`, given its anchor block's
		/// hash: the first `RequiredContributions` in the order the anchor hash sets, and one
		/// more for each full contribution window that has passed.
		pub fn designated(
			d: &DrawOf<T>,
			anchor_hash: H256,
			now: BlockNumberFor<T>,
		) -> Vec<CityCode> {
			let order = Self::contributor_order(d, anchor_hash);
			selection::designated(
				&order,
				T::RequiredContributions::get(),
				Self::windows_passed(d, now),
			)
			.to_vec()
		}

		/// Records, for a draw completing at `now`, each designated city whose window has
		/// passed without its contribution: those designated one window earlier.
		fn record_withheld(draw: DrawId, d: &DrawOf<T>, anchor_hash: H256, now: BlockNumberFor<T>) {
			let windows = Self::windows_passed(d, now);
			if windows == 0 {
				return;
			}
			let order = Self::contributor_order(d, anchor_hash);
			for city in selection::designated(&order, T::RequiredContributions::get(), windows - 1)
			{
				if !d.contributions.iter().any(|c| c.city == *city) {
					WithheldContributions::<T>::mutate(city, |n| *n = n.saturating_add(1));
					Self::deposit_event(Event::ContributionWithheld { draw, city: city.clone() });
				}
			}
		}

		/// Seeds, selects and seats the picks of a draw with all its contributions, at block
		/// `now`; returns the size of the largest eligible set it selected from (the weight's
		/// parameter).
		fn complete(
			draw: DrawId,
			d: &mut DrawOf<T>,
			input: H256,
			anchor_hash: H256,
			now: BlockNumberFor<T>,
		) -> Result<u32, DispatchError> {
			let outputs: Vec<(CityCode, [u8; 32])> =
				d.contributions.iter().map(|c| (c.city.clone(), c.output)).collect();
			let seed = selection::seed(input, &outputs);
			let lines: Vec<(Requirement, Vec<EntryId>)> = d
				.requirements
				.iter()
				.enumerate()
				.map(|(l, r)| (*r, EligibleSets::<T>::get(draw, l as u32).into_inner()))
				.collect();
			// Entries retired since the request are skipped (exposed, struck, or drawn for
			// another tender and still waiting).
			let (picks, skipped) = selection::select_skipping(&seed, &lines, |e| {
				PendingSeats::<T>::get(e) > 0
					|| Self::entry(e).is_none_or(|r| r.exposed || r.struck_at(now))
			});
			let wanted =
				d.requirements.iter().fold(0usize, |n, r| n.saturating_add(r.count as usize));
			ensure!(picks.len() == wanted, Error::<T>::EligibleSetDepleted);
			let skipped: BoundedVec<EntryId, T::MaxPicks> =
				skipped.try_into().map_err(|_| Error::<T>::EligibleSetDepleted)?;
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
						Self::hold_pending_seat(*entry);
					}
				}
			}
			Committees::<T>::insert(d.tender, committee);
			if let Some(t) = T::Tenders::tender(d.tender) {
				if let Some(identity) = Self::tenderer_identity(&t) {
					Self::note_recent_picks(identity, d.tender, &bounded);
				}
				// Drawn during evaluation: the experts are expected from now.
				if t.state == TenderState::Evaluating {
					SeatingStart::<T>::mutate(d.tender, |start| {
						start.get_or_insert(now);
					});
				}
			}
			Self::record_withheld(draw, d, anchor_hash, now);
			d.seed = Some(seed);
			d.picks = bounded;
			d.skipped = skipped.clone();
			d.completed_at = Some(now);
			TenderPending::<T>::remove(d.tender);
			Self::deposit_event(Event::DrawCompleted {
				draw,
				tender: d.tender,
				seed,
				picks,
				skipped: skipped.into_inner(),
			});
			Ok(lines.iter().map(|(_, set)| set.len() as u32).max().unwrap_or(0))
		}
	}

	impl<T: Config> Pallet<T> {
		/// Adds the picks of a draw of `tender` to the recent picks of the tenderer
		/// `identity`: to the tender's own list if it has one (a replacement draw), else as the
		/// newest tender's, the oldest tender's dropped if the list is full. So replacements
		/// never push a committee's picks out.
		fn note_recent_picks(identity: H256, tender: TenderId, picks: &[EntryId]) {
			RecentPicks::<T>::mutate(identity, |recent| {
				if let Some((_, mine)) = recent.iter_mut().find(|(t, _)| *t == tender) {
					for pick in picks {
						// A tender's picks fill its committee record's seats: within
						// `MaxSeats`.
						let _ = mine.try_push(*pick);
					}
					return;
				}
				if recent.is_full() && !recent.is_empty() {
					recent.remove(0);
				}
				let _ = recent.try_push((tender, BoundedVec::truncate_from(picks.to_vec())));
			});
		}
	}

	impl<T: Config> pallet_tendering::EvaluationCommittee<T::AccountId> for Pallet<T> {
		/// The bids are opened: the drawn experts' seating windows run from now.
		fn evaluation_began(tender: TenderId) {
			let now = frame_system::Pallet::<T>::block_number();
			SeatingStart::<T>::mutate(tender, |start| {
				start.get_or_insert(now);
			});
		}

		fn committee_unfillable(tender: TenderId) -> bool {
			Self::unfillable(tender)
		}

		/// A replacement draw's check over the whole pool, and the committee's records.
		fn unfillable_weight() -> Weight {
			T::WeightInfo::request_replacement(T::MaxPoolSize::get())
				.saturating_add(Self::extra_weight())
		}

		fn is_seated(tender: TenderId, who: &T::AccountId) -> bool {
			Committees::<T>::get(tender).iter().any(|s| s.state == SeatState::Seated(who.clone()))
		}

		/// The seated members, once no draw is pending and every seat not replaced is seated
		/// (a seat drawn, declined, ineligible, recused or removed is waiting to be filled).
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
