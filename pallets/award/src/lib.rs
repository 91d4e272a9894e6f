//! # Award pallet
//!
//! ## Overview
//!
//! What follows the publication of the evaluation committee's ranked candidates (中标候选人
//! 公示), fixed in runtime code: objections (异议), complaints (投诉), the award notice
//! (中标通知书) and the contract (合同), under 招标投标法 §45–46 and 招标投标法实施条例
//! §54–55 and §60–61. The tendering pallet keeps the tender, its award and its supervision
//! record; this pallet keeps the challenges and the notice, and acts on the tender only through
//! [`pallet_tendering::AwardControl`]. It answers [`pallet_tendering::AwardChallenges`], which
//! the tendering pallet asks before it finalizes an award.
//!
//! - **Objections (异议).** During the complaint period (the tender in `Publicity`, before the
//!   award's `publicity_ends`), a bidder of the tender (an interested party, 利害关系人: an
//!   account holding a bid on it) files an objection with the tenderer: the hash of its
//!   document and evidence. The tenderer answers within [`Config::AnswerPeriod`] (3 days,
//!   §54). Until it has answered, and at most until the answer period ends, the award cannot
//!   be finalized (§54: 作出答复前，应当暂停招标投标活动). An unanswered objection past its
//!   answer period holds nothing, whether or not anyone marks it lapsed: the objector's remedy
//!   is then the complaint. Anyone may mark it lapsed (`mark_objection_lapsed`), which frees
//!   the objector's open slot and releases it from the round's count at once (see *Residual
//!   risks*); the tenderer may still answer it, late.
//! - **Complaints (投诉).** A bidder complains to the supervisors of the tender's city. A
//!   complaint on the evaluation result (the tender in `Publicity`) must follow the
//!   complainant's own objection of the current round (§60 with §54): once the objection is
//!   answered, or its answer period is over, and within [`Config::ComplaintPeriod`] (10 days)
//!   of the answer (or of the end of the answer period when unanswered). A complaint on the
//!   award itself, the notice or the contract (the tender `Awarded`) needs no objection and is
//!   filed before `publicity_ends + ComplaintPeriod`. While an award notice is live, the
//!   tender's owner and the notified candidate may also complain (of the notice or the
//!   contract), at any time and without an objection: this is how a disagreement on the
//!   contract is resolved. An undecided complaint holds the award (and, once awarded, the
//!   issue of the notice and the lapse of a live notice).
//! - **Supervision of complaints.** A supervisor of the tender's city accepts a complaint
//!   (受理): the tender is suspended (unless it already is). A supervisor of the city decides
//!   it. A complaint merely filed may only be dismissed (不予受理); an accepted one may be
//!   dismissed (the suspension is lifted once no other accepted complaint is undecided),
//!   re-evaluated (the result and award are cleared and the committee evaluates again: a new
//!   award round), a candidate disqualified (it is passed over; its live notice is withdrawn),
//!   or the tender declared void (招标无效). Once the contract is concluded, neither a
//!   re-evaluation, nor the contracted candidate's disqualification, nor a void decision is
//!   possible.
//! - **Award notice (中标通知书).** Once the award is final, not suspended and held by no
//!   challenge, the tenderer issues the notice, always to the award's winner (§55: the first
//!   candidate; the next only when the one before declined, was disqualified or did not sign).
//!   The candidate may decline (before signing); the next candidate becomes the winner and the
//!   tenderer notifies it in turn.
//! - **Contract (合同).** Within [`Config::ContractPeriod`] (30 days) of the notice the tenderer
//!   and the candidate each sign the contract document they accept (its SHA-256), at the price
//!   of the candidate's winning bid (§46: 按照招标文件和中标人的投标文件订立书面合同, 不得再行
//!   订立背离合同实质性内容的其他协议). Each signs its own document: one party's signature
//!   never binds what the other may sign, and each may sign again, replacing its own
//!   signature, until the contract is concluded. The contract is concluded and kept
//!   ([`Contracts`]) when both signatures hold the same document and price. A candidate that
//!   did not sign in time may be passed over by the tenderer (`lapse_notice`), once no
//!   complaint of the round is undecided; a candidate that signed in time never, whatever the
//!   tenderer signed. When the signatures differ, either party complains and a supervisor
//!   decides (dismissal, or the candidate disqualified and the next notified). The contract
//!   period is extended by the time the tender was suspended on a complaint this pallet
//!   accepted, even when the suspension was lifted outside this pallet.

//! ## Award rounds: old challenges do not hold a new result
//!
//! Each published result of the committee is an award round, known by its report hash
//! ([`Procedure::report`]). Objections and complaints belong to the round they were filed in.
//! A re-evaluation or a void decision closes the round; so does a new result published by
//! other means (a supervisor's `order_reevaluation` in the tendering pallet after no candidate
//! remained): its report hash differs, and the next action opens a new round. A closed round's
//! unanswered objections and undecided complaints are superseded (event
//! `ChallengesSuperseded`): they hold nothing, can no longer be answered, accepted or decided,
//! and the per-party limits start again. The notices of each round are kept under it
//! ([`Notices`]).
//!
//! Whether the award is held is one read of this pallet ([`Procedures`]: the round's open
//! objections and undecided complaints, and the end of its latest answer period, kept with
//! every filing, answer, mark and decision), one of the award and one of the clock.
//!
//! ## What each party can and cannot do
//!
//! - *Bidder (interested party)*: files objections in the complaint period — one open at a
//!   time, at most [`Config::MaxObjectionsPerParty`] per tender and round — and complaints —
//!   one undecided at a time, at most [`Config::MaxComplaintsPerParty`] per tender and round.
//!   It cannot object or complain on a tender it did not bid on, skip the objection before
//!   complaining of the evaluation result, use another bidder's objection, complain after the
//!   complaint period, hold a new result with an old round's objection, hold the award with
//!   an objection beyond its answer period, or hold the award with more challenges than the
//!   limits allow: each complaint is released by a supervisor's decision.
//! - *Tenderer (the tender's owner, tenderer or agency)*: answers objections; issues the award
//!   notice, to the award's winner only, once nothing holds the award; signs the contract it
//!   accepts at the winning bid's price (and signs again to change it until concluded);
//!   complains of the notice or the contract while the notice is live; passes over a
//!   candidate that did not sign in time. It cannot notify a candidate of its choice (the
//!   second before the first), change the price of the winning bid in the contract, impose
//!   its document by signing first, hold its award by leaving an objection unanswered, issue
//!   a notice during the complaint period or while a challenge holds the award or the tender
//!   is suspended, pass over a candidate while a complaint is undecided, or pass over a
//!   candidate that signed in time (it may itself sign late to complete that contract).
//! - *Notified candidate*: signs the contract it accepts at its bid's price (again to change
//!   it, until concluded, while the contract period runs), complains of the notice or the
//!   contract while the notice is live, or declines the award (before signing). It cannot
//!   decline for another candidate, sign after the contract period, nor freeze the tender by
//!   signing first: the tenderer is not bound by its document, and complains.
//! - *Supervisor of the tender's city*: accepts complaints (suspending the tender) and decides
//!   them. It cannot act on another city's tenders, decide a complaint twice or one of a
//!   closed round, decide a complaint it (or another) has not accepted otherwise than by
//!   dismissing it, lift a suspension while another accepted complaint is undecided, or
//!   re-evaluate, void or disqualify the contracted candidate once the contract is concluded.
//! - *Anyone*: marks an objection lapsed after its answer period, releasing its hold.
//!
//! ## Residual risks
//!
//! - A bidder's complaint on a final award holds the notice until a supervisor decides it (a
//!   dismissal releases it at once); the limits bound how often one bidder can do this, and
//!   tendering's one bid per legal identity bounds the bidders.
//! - The parties to a live notice complain without a time limit (within the per-party
//!   limits): a notified candidate that has not signed can delay its own lapse until a
//!   supervisor dismisses its complaint. Its contract period is not extended unless the
//!   complaint is accepted; it should sign its own document in time and then complain.
//! - An objection past its answer period is counted conservatively: while a later objection
//!   of the round is still in its answer period (answered or not), an earlier one left open
//!   and unmarked still counts, until anyone marks it lapsed or that last answer period ends
//!   (at most `AnswerPeriod` after the end of the complaint period). This keeps the hold one
//!   read of the procedure.
//! - An accepted complaint holds the award until a supervisor of the city decides it. A
//!   supervisor that accepts and never decides cannot freeze the tender alone: any other
//!   supervisor of the city may decide the complaint (and the council may lift the
//!   suspension in the tendering pallet, though not the hold).
//! - When the contract signatures differ, only the supervisors resolve it: a tenderer that
//!   never signs the document a candidate signed in time, with no supervisor deciding,
//!   leaves the tender without contract; the chain records who signed what (a credit record
//!   in the certificates pallet, or a decision on a complaint, follows off this pallet).
//! - The contract period is extended by the time since this pallet suspended the tender on a
//!   complaint, counted until the last accepted complaint is decided, even when the
//!   suspension was lifted earlier outside this pallet. A suspension made directly in the
//!   tendering pallet (`suspend`) does not extend it (the tendering pallet does not tell when
//!   it began); the notice cannot lapse while the tender is suspended, but the time suspended
//!   is lost to the parties. If a suspension of this pallet was lifted outside it and the
//!   tender then suspended directly in the tendering pallet, the decision of the last
//!   accepted complaint lifts that suspension too (it cannot tell them apart).
//! - A result re-published with exactly the same report hash (the same ranking and the same
//!   score sheets) after a re-evaluation ordered outside this pallet continues the round of
//!   the result it repeats.
//! - Only hashes go on chain: the objection, answer, complaint, decision and contract
//!   documents stay with their holders and are anchored by the notary.
//!
//! ## Dispatchable functions
//!
//! `file_objection` (0), `answer_objection` (1), `mark_objection_lapsed` (2),
//! `file_complaint` (3), `accept_complaint` (4), `decide_complaint` (5),
//! `issue_award_notice` (6), `decline_award` (7), `sign_contract` (8), `lapse_notice` (9).

#![cfg_attr(not(feature = "std"), no_std)]
#![warn(missing_docs)]

extern crate alloc;

mod types;
pub mod weights;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

pub use pallet::*;
pub use pallet_tendering::TenderId;
pub use types::*;
pub use weights::WeightInfo;

/// What the benchmarks need from the runtime: certified participants, published tenders and
/// control of the clock.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId> {
	/// Gives `who` a valid certificate with `role`, certified in [`Self::city`].
	fn certify(who: &AccountId, role: pallet_certificates::Role);
	/// Sets the clock (Unix ms).
	fn set_time(ms: u64);
	/// Stores a tender of `owner` hosted in `city` whose committee published `ranking` (one to
	/// three candidates, each with a revealed bid of `terms`), its complaint period ending at
	/// `publicity_ends`, in `state` (`Publicity` or `Awarded`); returns its id. (The runtime
	/// implements it with `pallet_tendering::Pallet::benchmark_published_tender`.)
	fn published_tender(
		owner: &AccountId,
		city: pallet_certificates::CityCode,
		ranking: alloc::vec::Vec<AccountId>,
		terms: pallet_tendering::BidTerms,
		publicity_ends: u64,
		state: pallet_tendering::TenderState,
	) -> TenderId;
	/// A city of the consortium, whose supervisors the benchmarks certify.
	fn city() -> pallet_certificates::CityCode;
}

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{pallet_prelude::*, traits::Time};
	use frame_system::pallet_prelude::*;
	use pallet_certificates::{ParticipantRegistry, Role};
	use pallet_tendering::{
		Award, AwardChallenges, AwardControl, TenderInfo, TenderState, TenderSummary,
		MAX_CANDIDATES,
	};
	use sp_core::H256;

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Configuration of the award pallet.
	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// Who participants are: the supervisors' certificates and their cities.
		type Participants: ParticipantRegistry<Self::AccountId>;
		/// The tenders (their owner, city, state, bids and award) and the orders this pallet
		/// gives them on a decision, a declined award or a lapsed notice.
		type Tenders: TenderInfo<Self::AccountId> + AwardControl<Self::AccountId>;
		/// The clock: Unix time in milliseconds (pallet-timestamp).
		type Time: Time<Moment = u64>;
		/// How long (ms) the tenderer has to answer an objection: 3 days (§54).
		#[pallet::constant]
		type AnswerPeriod: Get<u64>;
		/// How long (ms) after the answer to an objection (or the end of its answer period),
		/// or after the end of the publicity, a complaint may be filed: 10 days (§60).
		#[pallet::constant]
		type ComplaintPeriod: Get<u64>;
		/// How long (ms) after the award notice the contract may be signed: 30 days (招标投标法
		/// §46).
		#[pallet::constant]
		type ContractPeriod: Get<u64>;
		/// The most objections one party may file on one tender in one award round (3
		/// proposed); at most one of them unanswered at a time.
		#[pallet::constant]
		type MaxObjectionsPerParty: Get<u32>;
		/// The most complaints one party may file on one tender in one award round (3
		/// proposed); at most one of them undecided at a time.
		#[pallet::constant]
		type MaxComplaintsPerParty: Get<u32>;
		/// The most storage keys the tendering pallet removes when a tender is voided (its
		/// per-bidder scratch storage: bid identities, revealed files and fingerprints). The
		/// runtime sets it to 3 × the tendering pallet's `MaxBidders`. It is added to the
		/// declared weight of `decide_complaint`, whose `Void` decision has that cleanup done.
		#[pallet::constant]
		type MaxTenderCleanup: Get<u32>;
		/// The weights of this pallet's calls.
		type WeightInfo: WeightInfo;
		/// What the benchmarks need from the runtime.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId>;
	}

	/// The award type of this runtime.
	pub type AwardOf<T> = Award<<T as frame_system::Config>::AccountId>;
	/// The objection record type of this runtime.
	pub type ObjectionOf<T> = Objection<<T as frame_system::Config>::AccountId>;
	/// The complaint record type of this runtime.
	pub type ComplaintOf<T> = Complaint<<T as frame_system::Config>::AccountId>;
	/// The award notice record type of this runtime.
	pub type NoticeOf<T> = Notice<<T as frame_system::Config>::AccountId>;
	/// The notices of one round of one tender: at most one per ranked candidate (a notified
	/// candidate that does not contract is passed over and leaves the ranking).
	pub type NoticesOf<T> = BoundedVec<NoticeOf<T>, ConstU32<MAX_CANDIDATES>>;

	/// The award procedure of each tender: its current round, the round's open challenges,
	/// and the numbering of its objections and complaints.
	///
	/// Twox64Concat: tender ids are assigned in sequence by the tendering pallet.
	#[pallet::storage]
	pub type Procedures<T: Config> = StorageMap<_, Twox64Concat, TenderId, Procedure, ValueQuery>;

	/// The objections of each tender, by number.
	///
	/// Twox64Concat for both keys: tender ids and objection numbers are assigned in sequence
	/// by the chain.
	#[pallet::storage]
	pub type Objections<T: Config> =
		StorageDoubleMap<_, Twox64Concat, TenderId, Twox64Concat, ObjectionId, ObjectionOf<T>>;

	/// The complaints of each tender, by number.
	///
	/// Twox64Concat for both keys: assigned in sequence by the chain.
	#[pallet::storage]
	pub type Complaints<T: Config> =
		StorageDoubleMap<_, Twox64Concat, TenderId, Twox64Concat, ComplaintId, ComplaintOf<T>>;

	/// What each party filed on each tender in the tender's current round (the per-party
	/// limits). A record of an earlier round counts for nothing.
	///
	/// Twox64Concat for the sequential tender id; Blake2_128Concat for the account, which its
	/// holder chooses.
	#[pallet::storage]
	pub type Parties<T: Config> =
		StorageDoubleMap<_, Twox64Concat, TenderId, Blake2_128Concat, T::AccountId, PartyRecord>;

	/// The award notices of each tender and round, in the order issued; the last one is live
	/// while it is `Issued`.
	///
	/// Twox64Concat for both keys: assigned in sequence by the chain.
	#[pallet::storage]
	pub type Notices<T: Config> =
		StorageDoubleMap<_, Twox64Concat, TenderId, Twox64Concat, Round, NoticesOf<T>, ValueQuery>;

	/// The concluded contract of each tender.
	///
	/// Twox64Concat: tender ids are sequential.
	#[pallet::storage]
	pub type Contracts<T: Config> = StorageMap<_, Twox64Concat, TenderId, Contract<T::AccountId>>;

	/// Events of the award procedure.
	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A bidder objected to the published result: the award is held until the tenderer
		/// answers or the answer period ends.
		ObjectionFiled {
			/// The tender.
			tender: TenderId,
			/// The objection's number.
			id: ObjectionId,
			/// The bidder who objected.
			objector: T::AccountId,
			/// The SHA-256 of the objection and its evidence.
			evidence: H256,
			/// The end of the answer period (Unix ms).
			answer_by: u64,
		},
		/// The tenderer answered an objection.
		ObjectionAnswered {
			/// The tender.
			tender: TenderId,
			/// The objection's number.
			id: ObjectionId,
			/// The SHA-256 of the answer.
			answer: H256,
			/// Whether the answer came after the answer period.
			late: bool,
		},
		/// An objection's answer period ended without an answer and someone marked it: it
		/// holds nothing, its objector's open slot is freed, and the objector may complain.
		ObjectionLapsed {
			/// The tender.
			tender: TenderId,
			/// The objection's number.
			id: ObjectionId,
			/// The bidder who objected.
			objector: T::AccountId,
		},
		/// A bidder complained to the supervisors.
		ComplaintFiled {
			/// The tender.
			tender: TenderId,
			/// The complaint's number.
			id: ComplaintId,
			/// The bidder who complained.
			complainant: T::AccountId,
			/// The objection it follows, if any.
			objection: Option<ObjectionId>,
			/// What it is about.
			subject: ComplaintSubject,
			/// The SHA-256 of the complaint and its grounds.
			grounds: H256,
		},
		/// A supervisor accepted a complaint.
		ComplaintAccepted {
			/// The tender.
			tender: TenderId,
			/// The complaint's number.
			id: ComplaintId,
			/// The supervisor.
			supervisor: T::AccountId,
			/// Whether the tender was suspended on it (false when it already was, or was in no
			/// state to suspend).
			suspended: bool,
		},
		/// A supervisor decided a complaint.
		ComplaintDecided {
			/// The tender.
			tender: TenderId,
			/// The complaint's number.
			id: ComplaintId,
			/// The decision.
			decision: Decision<T::AccountId>,
			/// The SHA-256 of the written decision and its reasons.
			reasons: H256,
			/// The supervisor.
			supervisor: T::AccountId,
		},
		/// An award round ended (re-evaluation, void, or a new result published) with
		/// challenges still open: they are superseded and hold nothing any more.
		ChallengesSuperseded {
			/// The tender.
			tender: TenderId,
			/// The round that ended.
			round: Round,
			/// How many of its objections were still open (neither answered nor marked lapsed)
			/// and its complaints undecided.
			open: u32,
		},
		/// The tenderer issued the award notice to the winner.
		AwardNoticeIssued {
			/// The tender.
			tender: TenderId,
			/// The candidate notified (the award's winner).
			candidate: T::AccountId,
			/// The last moment to sign the contract (Unix ms).
			sign_by: u64,
		},
		/// A live award notice was withdrawn by a supervisor's decision.
		AwardNoticeWithdrawn {
			/// The tender.
			tender: TenderId,
			/// The candidate whose notice it was.
			candidate: T::AccountId,
		},
		/// A live award notice's contract period was extended by the time the tender was
		/// suspended on a complaint.
		ContractPeriodExtended {
			/// The tender.
			tender: TenderId,
			/// The candidate notified.
			candidate: T::AccountId,
			/// The new last moment to sign (Unix ms).
			sign_by: u64,
		},
		/// The notified candidate declined the award.
		AwardDeclined {
			/// The tender.
			tender: TenderId,
			/// The candidate who declined.
			candidate: T::AccountId,
			/// The SHA-256 of its written reason.
			reason: H256,
			/// The next winner, whom the tenderer may now notify (`None`: no candidate is left,
			/// and the tender awaits a re-evaluation).
			next: Option<T::AccountId>,
		},
		/// A party signed the contract (or signed again, replacing its signature).
		ContractSigned {
			/// The tender.
			tender: TenderId,
			/// Who signed (the tenderer or the candidate).
			signer: T::AccountId,
			/// The SHA-256 of the contract document.
			contract: H256,
			/// The contract price (fen).
			price: u128,
		},
		/// Both parties' signatures hold the same document and price: the contract is
		/// concluded.
		ContractConcluded {
			/// The tender.
			tender: TenderId,
			/// The candidate awarded.
			candidate: T::AccountId,
			/// The SHA-256 of the contract document.
			contract: H256,
			/// The contract price (fen).
			price: u128,
		},
		/// The contract period ended without the candidate's signature: the tenderer passed
		/// the candidate over.
		AwardNoticeLapsed {
			/// The tender.
			tender: TenderId,
			/// The candidate passed over.
			candidate: T::AccountId,
			/// The next winner, whom the tenderer may now notify (`None`: none left).
			next: Option<T::AccountId>,
		},
	}

	/// Why an objection, complaint, notice or contract action was refused.
	#[pallet::error]
	pub enum Error<T> {
		/// No tender with this id exists: check the tender number.
		UnknownTender,
		/// Only a bidder of this tender (an interested party) may object or complain (and,
		/// while an award notice is live, the tenderer and the notified candidate complain).
		NotAnInterestedParty,
		/// The tender's result is not in its complaint period (公示): objections are filed
		/// only then; once the award is final, complain to a supervisor instead.
		NotInPublicity,
		/// The complaint period of the published result is over: no more objections; an
		/// objector whose objection was answered may still complain.
		ObjectionPeriodOver,
		/// You have an objection on this tender still open: wait for the answer, or for the end
		/// of its answer period (then mark it lapsed, or complain).
		ObjectionPending,
		/// You have filed the most objections allowed on this tender in this round
		/// (`MaxObjectionsPerParty`): complain to a supervisor instead.
		TooManyObjections,
		/// Only the tenderer (the tender's owner) may do this.
		NotTheTenderer,
		/// No objection with this number on this tender.
		UnknownObjection,
		/// The objection was already answered.
		ObjectionAlreadyAnswered,
		/// The objection belongs to an award round that has ended (a re-evaluation, a void
		/// decision or a new result): it holds nothing any more and needs no answer; object to
		/// the new result if there is one.
		ObjectionSuperseded,
		/// The objection's answer period is still running: wait until its end.
		AnswerPeriodRunning,
		/// The objection is already marked lapsed.
		AlreadyLapsed,
		/// A complaint on the evaluation result must follow your objection (§60 with §54):
		/// object first, and name the objection.
		ObjectionRequired,
		/// The objection named is another party's: a complaint follows the complainant's own
		/// objection.
		NotYourObjection,
		/// The objection named is neither answered nor past its answer period: wait for the
		/// answer or the end of the answer period.
		ObjectionNotYetAnswered,
		/// The complaint period is over (`ComplaintPeriod` after the answer, the end of the
		/// answer period, or the end of the publicity).
		ComplaintTooLate,
		/// The tender is neither in its complaint period nor awarded: there is no result or
		/// award to complain of.
		NothingToComplainOf,
		/// You have a complaint on this tender still undecided: wait for the decision.
		ComplaintPending,
		/// You have filed the most complaints allowed on this tender in this round
		/// (`MaxComplaintsPerParty`).
		TooManyComplaints,
		/// The supervisor's certificate is not of the tender's city: only the supervisors of
		/// the city hosting the tender handle its complaints.
		NotInJurisdiction,
		/// No complaint with this number on this tender.
		UnknownComplaint,
		/// The complaint belongs to an award round that has ended: it can no longer be
		/// accepted or decided; the complainant may complain of the new result.
		ComplaintSuperseded,
		/// The complaint was already accepted: decide it.
		ComplaintAlreadyAccepted,
		/// The complaint was already decided.
		ComplaintAlreadyDecided,
		/// The account to disqualify is not one of the tender's ranked candidates.
		NotACandidate,
		/// The tender's contract is concluded: the award can no longer be re-evaluated, the
		/// contracted candidate disqualified nor the tender declared void, and the contract is
		/// not signed again.
		ContractAlreadyConcluded,
		/// The tender's award is not final (still in its complaint period, or no award): the
		/// notice is issued only after it.
		NotAwarded,
		/// The tender is suspended: wait until a supervisor lifts the suspension.
		TenderSuspended,
		/// An objection unanswered within its answer period or a complaint undecided holds
		/// the award: answer the objection (or wait for the end of its answer period), or wait
		/// for the supervisors' decision.
		AwardHeldByChallenge,
		/// An award notice is already live: the notified candidate signs or declines, or the
		/// contract period ends.
		NoticeAlreadyIssued,
		/// The round already lists a notice for every ranked candidate.
		NoticeHistoryFull,
		/// No award notice is live on this tender.
		NoLiveNotice,
		/// Only the notified candidate may decline its award.
		NotTheNotifiedCandidate,
		/// Only the tenderer and the notified candidate sign the contract.
		NotAPartyToTheContract,
		/// The contract period of the notice is over.
		ContractPeriodOver,
		/// The contract price must be the price of the candidate's winning bid (招标投标法
		/// §46), and the candidate must have a revealed, valid bid.
		ContractPriceMismatch,
		/// You have signed the contract: a candidate that signed may no longer decline.
		AlreadySigned,
		/// The contract period of the notice is still running.
		ContractPeriodRunning,
		/// The candidate signed the contract in time: it cannot be passed over; sign the same
		/// document to conclude the contract, or complain to the supervisors.
		CandidateHasSigned,
		/// A complaint of this award round is undecided: the notice cannot lapse until the
		/// supervisors decide it.
		ComplaintUndecided,
		/// A complaint must be accepted (受理) before it is decided otherwise than dismissed:
		/// accept it first (the tender is then suspended).
		ComplaintNotAccepted,
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Object to the published result of `tender` (异议), with the SHA-256 of the
		/// objection document and its evidence. The award cannot be finalized until the
		/// tenderer answers or the answer period (`AnswerPeriod`) ends.
		///
		/// The dispatch origin must be signed by a bidder of the tender (holding a bid on it),
		/// during its complaint period (the tender in `Publicity`, before `publicity_ends`),
		/// with no other objection of its own open on the tender and fewer than
		/// `MaxObjectionsPerParty` filed in the round.
		///
		/// Emits `ObjectionFiled`.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::file_objection())]
		pub fn file_objection(
			origin: OriginFor<T>,
			tender: TenderId,
			evidence: H256,
		) -> DispatchResult {
			let objector = ensure_signed(origin)?;
			let mut ctx = Self::context(tender)?;
			ensure!(T::Tenders::has_bid(tender, &objector), Error::<T>::NotAnInterestedParty);
			ensure!(ctx.summary.state == TenderState::Publicity, Error::<T>::NotInPublicity);
			let publicity_ends =
				ctx.award.as_ref().map(|a| a.publicity_ends).ok_or(Error::<T>::NotInPublicity)?;
			let now = T::Time::now();
			ensure!(now < publicity_ends, Error::<T>::ObjectionPeriodOver);
			let mut party = Self::party(&ctx, &objector);
			ensure!(party.unanswered_objection.is_none(), Error::<T>::ObjectionPending);
			ensure!(
				party.objections < T::MaxObjectionsPerParty::get(),
				Error::<T>::TooManyObjections
			);
			let id = ctx.procedure.next_objection;
			ctx.procedure.next_objection =
				id.checked_add(1).ok_or(Error::<T>::TooManyObjections)?;
			let answer_by = now.saturating_add(T::AnswerPeriod::get());
			ctx.procedure.objections = ctx.procedure.objections.saturating_add(1);
			ctx.procedure.last_answer_by = ctx.procedure.last_answer_by.max(answer_by);
			party.objections = party.objections.saturating_add(1);
			party.unanswered_objection = Some(id);
			Objections::<T>::insert(
				tender,
				id,
				Objection {
					objector: objector.clone(),
					evidence,
					filed_at: now,
					answer_by,
					round: ctx.procedure.round,
					state: ObjectionState::Open,
				},
			);
			Parties::<T>::insert(tender, &objector, party);
			Self::save(&ctx);
			Self::deposit_event(Event::ObjectionFiled {
				tender,
				id,
				objector,
				evidence,
				answer_by,
			});
			Ok(())
		}

		/// Answer objection `id` of `tender` with the SHA-256 of the written answer. An answer
		/// at or after the end of the answer period is recorded as late (a lapsed objection
		/// may still be answered; it released its hold already). The award is released once
		/// every objection of the round is answered or past its answer period and no complaint
		/// is undecided.
		///
		/// The dispatch origin must be signed by the tender's owner (its tenderer or agency).
		/// The objection must be unanswered (open or lapsed) and of the current award round.
		///
		/// Emits `ObjectionAnswered`.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::answer_objection())]
		pub fn answer_objection(
			origin: OriginFor<T>,
			tender: TenderId,
			id: ObjectionId,
			answer: H256,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let mut ctx = Self::context(tender)?;
			ensure!(who == ctx.summary.owner, Error::<T>::NotTheTenderer);
			let mut objection =
				Objections::<T>::get(tender, id).ok_or(Error::<T>::UnknownObjection)?;
			ensure!(objection.state.is_unanswered(), Error::<T>::ObjectionAlreadyAnswered);
			ensure!(ctx.procedure.holds(objection.round), Error::<T>::ObjectionSuperseded);
			let now = T::Time::now();
			let late = now >= objection.answer_by;
			if objection.state == ObjectionState::Open {
				// A lapsed objection was released (and uncounted) when it was marked.
				ctx.procedure.objections = ctx.procedure.objections.saturating_sub(1);
			}
			objection.state = ObjectionState::Answered { answer, at: now, late };
			let mut party = Self::party(&ctx, &objection.objector);
			if party.unanswered_objection == Some(id) {
				party.unanswered_objection = None;
			}
			Parties::<T>::insert(tender, &objection.objector, party);
			Objections::<T>::insert(tender, id, objection);
			Self::save(&ctx);
			Self::deposit_event(Event::ObjectionAnswered { tender, id, answer, late });
			Ok(())
		}

		/// Mark objection `id` of `tender` lapsed: its answer period ended without an answer.
		/// It no longer holds the award (it held it only during its answer period anyway; the
		/// mark releases it from the round's count at once), its objector's open slot is freed
		/// (it may object again within the limits, while the complaint period lasts) and may
		/// complain; the tenderer may still answer it, late.
		///
		/// The dispatch origin must be signed (by anyone). The objection must be open, of the
		/// current award round, and its answer period over.
		///
		/// Emits `ObjectionLapsed`.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::mark_objection_lapsed())]
		pub fn mark_objection_lapsed(
			origin: OriginFor<T>,
			tender: TenderId,
			id: ObjectionId,
		) -> DispatchResult {
			ensure_signed(origin)?;
			let mut ctx = Self::context(tender)?;
			let mut objection =
				Objections::<T>::get(tender, id).ok_or(Error::<T>::UnknownObjection)?;
			match objection.state {
				ObjectionState::Open => {},
				ObjectionState::Lapsed => return Err(Error::<T>::AlreadyLapsed.into()),
				ObjectionState::Answered { .. } => {
					return Err(Error::<T>::ObjectionAlreadyAnswered.into())
				},
			}
			ensure!(ctx.procedure.holds(objection.round), Error::<T>::ObjectionSuperseded);
			ensure!(T::Time::now() >= objection.answer_by, Error::<T>::AnswerPeriodRunning);
			objection.state = ObjectionState::Lapsed;
			ctx.procedure.objections = ctx.procedure.objections.saturating_sub(1);
			let objector = objection.objector.clone();
			let mut party = Self::party(&ctx, &objector);
			if party.unanswered_objection == Some(id) {
				party.unanswered_objection = None;
			}
			Parties::<T>::insert(tender, &objector, party);
			Objections::<T>::insert(tender, id, objection);
			Self::save(&ctx);
			Self::deposit_event(Event::ObjectionLapsed { tender, id, objector });
			Ok(())
		}

		/// Complain of `tender` to the supervisors of its city (投诉), with the SHA-256 of the
		/// complaint document and its grounds.
		///
		/// - In the complaint period (the tender in `Publicity`), the complaint is of the
		///   evaluation result and must name the complainant's own `objection` of the current
		///   round, answered or past its answer period, and be filed within `ComplaintPeriod`
		///   of the answer (or of the end of the answer period when unanswered).
		/// - Once awarded, the complaint is of the award, the notice or the contract: no
		///   objection is needed (one named must be the complainant's own), and a bidder files
		///   it before `publicity_ends + ComplaintPeriod`.
		/// - While an award notice is live (the tender `Awarded`), the tender's owner and the
		///   notified candidate may also complain (of the notice or the contract, e.g. the
		///   other party will not sign the document it signed), at any time, without an
		///   objection: a supervisor resolves their disagreement.
		///
		/// The complaint holds the award (and the issue of the notice, and the lapse of a live
		/// notice) until it is decided.
		///
		/// The dispatch origin must be signed by a bidder of the tender (or, while a notice is
		/// live, the tender's owner or the notified candidate) with no other complaint
		/// undecided on it and fewer than `MaxComplaintsPerParty` filed in the round.
		///
		/// Emits `ComplaintFiled`.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::file_complaint())]
		pub fn file_complaint(
			origin: OriginFor<T>,
			tender: TenderId,
			objection: Option<ObjectionId>,
			grounds: H256,
		) -> DispatchResult {
			let complainant = ensure_signed(origin)?;
			let mut ctx = Self::context(tender)?;
			// The parties to a live notice: the tenderer and the notified candidate.
			let notice_party = ctx.summary.state == TenderState::Awarded
				&& ctx.procedure.is_live()
				&& Notices::<T>::get(tender, ctx.procedure.round)
					.last()
					.filter(|n| n.state == NoticeState::Issued)
					.is_some_and(|n| {
						complainant == ctx.summary.owner || complainant == n.candidate
					});
			ensure!(
				notice_party || T::Tenders::has_bid(tender, &complainant),
				Error::<T>::NotAnInterestedParty
			);
			let now = T::Time::now();
			let period = T::ComplaintPeriod::get();
			let subject = match ctx.summary.state {
				TenderState::Publicity => {
					let id = objection.ok_or(Error::<T>::ObjectionRequired)?;
					let o = Objections::<T>::get(tender, id).ok_or(Error::<T>::UnknownObjection)?;
					ensure!(o.objector == complainant, Error::<T>::NotYourObjection);
					ensure!(ctx.procedure.holds(o.round), Error::<T>::ObjectionSuperseded);
					let from = match o.state {
						ObjectionState::Answered { at, .. } => at,
						_ if now >= o.answer_by => o.answer_by,
						_ => return Err(Error::<T>::ObjectionNotYetAnswered.into()),
					};
					ensure!(now < from.saturating_add(period), Error::<T>::ComplaintTooLate);
					ComplaintSubject::EvaluationResult
				},
				TenderState::Awarded => {
					let publicity_ends = ctx
						.award
						.as_ref()
						.map(|a| a.publicity_ends)
						.ok_or(Error::<T>::NothingToComplainOf)?;
					if let Some(id) = objection {
						let o =
							Objections::<T>::get(tender, id).ok_or(Error::<T>::UnknownObjection)?;
						ensure!(o.objector == complainant, Error::<T>::NotYourObjection);
					}
					// The parties to a live notice complain of it (or of the contract) while
					// it is live, whenever their disagreement arises.
					ensure!(
						notice_party || now < publicity_ends.saturating_add(period),
						Error::<T>::ComplaintTooLate
					);
					ComplaintSubject::Award
				},
				_ => return Err(Error::<T>::NothingToComplainOf.into()),
			};
			let mut party = Self::party(&ctx, &complainant);
			ensure!(party.undecided_complaint.is_none(), Error::<T>::ComplaintPending);
			ensure!(
				party.complaints < T::MaxComplaintsPerParty::get(),
				Error::<T>::TooManyComplaints
			);
			let id = ctx.procedure.next_complaint;
			ctx.procedure.next_complaint =
				id.checked_add(1).ok_or(Error::<T>::TooManyComplaints)?;
			ctx.procedure.complaints = ctx.procedure.complaints.saturating_add(1);
			party.complaints = party.complaints.saturating_add(1);
			party.undecided_complaint = Some(id);
			Complaints::<T>::insert(
				tender,
				id,
				Complaint {
					complainant: complainant.clone(),
					objection,
					grounds,
					subject,
					filed_at: now,
					round: ctx.procedure.round,
					state: ComplaintState::Filed,
				},
			);
			Parties::<T>::insert(tender, &complainant, party);
			Self::save(&ctx);
			Self::deposit_event(Event::ComplaintFiled {
				tender,
				id,
				complainant,
				objection,
				subject,
				grounds,
			});
			Ok(())
		}

		/// Accept complaint `id` of `tender` (受理): the tender is suspended (in the tendering
		/// pallet's supervision record, with the complaint's grounds as reason) unless it
		/// already is. The suspension is lifted when the last accepted complaint of the round
		/// is decided (unless the decision closes the tender or orders a re-evaluation).
		///
		/// The dispatch origin must be signed by a participant with a valid Supervisor
		/// certificate of the tender's city. The complaint must be filed (not yet accepted or
		/// decided) and of the current award round.
		///
		/// Emits `ComplaintAccepted` (and the tendering pallet's `TenderSuspended`).
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::accept_complaint())]
		pub fn accept_complaint(
			origin: OriginFor<T>,
			tender: TenderId,
			id: ComplaintId,
		) -> DispatchResult {
			let supervisor = ensure_signed(origin)?;
			let mut ctx = Self::context(tender)?;
			Self::ensure_supervisor(&supervisor, &ctx.summary)?;
			let mut complaint =
				Complaints::<T>::get(tender, id).ok_or(Error::<T>::UnknownComplaint)?;
			match complaint.state {
				ComplaintState::Filed => {},
				ComplaintState::Accepted { .. } => {
					return Err(Error::<T>::ComplaintAlreadyAccepted.into())
				},
				ComplaintState::Decided { .. } => {
					return Err(Error::<T>::ComplaintAlreadyDecided.into())
				},
			}
			ensure!(ctx.procedure.holds(complaint.round), Error::<T>::ComplaintSuperseded);
			let now = T::Time::now();
			let suspend = !ctx.summary.suspended
				&& matches!(ctx.summary.state, TenderState::Publicity | TenderState::Awarded);
			if suspend {
				T::Tenders::suspend(tender, &supervisor, complaint.grounds)?;
				// A suspension of this pallet lifted outside it (the tendering pallet's
				// `resume` or `resume_by_council`) while an accepted complaint is undecided:
				// the contract period is extended from the first suspension.
				if ctx.procedure.suspended_at.is_none() {
					ctx.procedure.suspended_at = Some(now);
				}
			}
			complaint.state = ComplaintState::Accepted { supervisor: supervisor.clone(), at: now };
			ctx.procedure.accepted = ctx.procedure.accepted.saturating_add(1);
			Complaints::<T>::insert(tender, id, complaint);
			Self::save(&ctx);
			Self::deposit_event(Event::ComplaintAccepted {
				tender,
				id,
				supervisor,
				suspended: suspend,
			});
			Ok(())
		}

		/// Decide complaint `id` of `tender`, with the SHA-256 of the written decision and its
		/// reasons:
		///
		/// - `Dismissed` (驳回, or 不予受理 for a complaint not accepted): the procedure goes on;
		///   the suspension this pallet made is lifted once no accepted complaint of the round
		///   is undecided, and the contract period of a live notice is then extended by the
		///   time since that suspension (also when it was lifted outside this pallet).
		/// - `Reevaluate`: the tendering pallet clears the result and award and the committee
		///   evaluates again; the round ends (its other challenges are superseded) and a live
		///   notice is withdrawn. Refused once the contract is concluded.
		/// - `Disqualify(candidate)`: the candidate is passed over (the next ranked becomes the
		///   winner); its live notice, if any, is withdrawn; then as for `Dismissed`. Refused
		///   for the contracted candidate.
		/// - `Void`: the tender is declared void and closed; the round ends and a live notice
		///   is withdrawn. Refused once the contract is concluded.
		///
		/// The dispatch origin must be signed by a participant with a valid Supervisor
		/// certificate of the tender's city. The complaint must be of the current award round
		/// and undecided: only `Dismissed` may be decided on a complaint merely filed; the
		/// other decisions need it accepted first.
		///
		/// The declared weight adds `MaxTenderCleanup` writes: the `Void` decision of a tender
		/// in its complaint period has the tendering pallet remove its per-bidder storage.
		///
		/// Emits `ComplaintDecided`, and as the decision has it `AwardNoticeWithdrawn`,
		/// `ContractPeriodExtended`, `ChallengesSuperseded` (and the tendering pallet's events).
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::decide_complaint().saturating_add(T::DbWeight::get().writes(T::MaxTenderCleanup::get().into())))]
		pub fn decide_complaint(
			origin: OriginFor<T>,
			tender: TenderId,
			id: ComplaintId,
			decision: Decision<T::AccountId>,
			reasons: H256,
		) -> DispatchResult {
			let supervisor = ensure_signed(origin)?;
			let mut ctx = Self::context(tender)?;
			Self::ensure_supervisor(&supervisor, &ctx.summary)?;
			let mut complaint =
				Complaints::<T>::get(tender, id).ok_or(Error::<T>::UnknownComplaint)?;
			ensure!(complaint.state.is_undecided(), Error::<T>::ComplaintAlreadyDecided);
			ensure!(ctx.procedure.holds(complaint.round), Error::<T>::ComplaintSuperseded);
			let accepted = matches!(complaint.state, ComplaintState::Accepted { .. });
			// A single supervisor may refuse a complaint (不予受理) but acts on the tender only
			// on a complaint accepted (and the tender suspended) first.
			ensure!(
				accepted || matches!(decision, Decision::Dismissed),
				Error::<T>::ComplaintNotAccepted
			);
			let contracted = Contracts::<T>::get(tender).map(|c| c.candidate);
			let now = T::Time::now();

			// The complaint is decided: it no longer holds the award.
			if accepted {
				ctx.procedure.accepted = ctx.procedure.accepted.saturating_sub(1);
			}
			ctx.procedure.complaints = ctx.procedure.complaints.saturating_sub(1);
			let mut party = Self::party(&ctx, &complaint.complainant);
			if party.undecided_complaint == Some(id) {
				party.undecided_complaint = None;
			}
			let round = ctx.procedure.round;
			let mut notices = Notices::<T>::get(tender, round);

			match &decision {
				Decision::Dismissed => {
					Self::lift_suspension(&mut ctx, &mut notices, &supervisor, reasons, now)?;
				},
				Decision::Reevaluate => {
					ensure!(contracted.is_none(), Error::<T>::ContractAlreadyConcluded);
					T::Tenders::reevaluate(tender, &supervisor, reasons)?;
					Self::withdraw_live_notice(tender, &mut notices, None, now);
					Self::close_round(&mut ctx);
				},
				Decision::Disqualify(candidate) => {
					ensure!(
						contracted.as_ref() != Some(candidate),
						Error::<T>::ContractAlreadyConcluded
					);
					ensure!(
						ctx.award.as_ref().is_some_and(|a| a.ranking.contains(candidate)),
						Error::<T>::NotACandidate
					);
					T::Tenders::pass_over(tender, candidate)?;
					Self::withdraw_live_notice(tender, &mut notices, Some(candidate), now);
					Self::lift_suspension(&mut ctx, &mut notices, &supervisor, reasons, now)?;
				},
				Decision::Void => {
					ensure!(contracted.is_none(), Error::<T>::ContractAlreadyConcluded);
					T::Tenders::void(tender, &supervisor, reasons)?;
					Self::withdraw_live_notice(tender, &mut notices, None, now);
					Self::close_round(&mut ctx);
				},
			}

			let complainant = complaint.complainant.clone();
			complaint.state = ComplaintState::Decided {
				decision: decision.clone(),
				reasons,
				supervisor: supervisor.clone(),
				at: now,
			};
			Complaints::<T>::insert(tender, id, complaint);
			Parties::<T>::insert(tender, &complainant, party);
			Notices::<T>::insert(tender, round, notices);
			Self::save(&ctx);
			Self::deposit_event(Event::ComplaintDecided {
				tender,
				id,
				decision,
				reasons,
				supervisor,
			});
			Ok(())
		}

		/// Issue the award notice (中标通知书) of `tender`. It goes to the award's winner: the
		/// first ranked candidate, or the next after one declined, was disqualified or did not
		/// sign; the tenderer cannot choose another. The contract is to be signed by
		/// `now + ContractPeriod`.
		///
		/// The dispatch origin must be signed by the tender's owner. The award must be final
		/// (the tender `Awarded`), the tender not suspended, the award held by no challenge of
		/// the round (no complaint undecided, no objection unanswered in its answer period),
		/// no notice live and no contract concluded.
		///
		/// Emits `AwardNoticeIssued`.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::issue_award_notice())]
		pub fn issue_award_notice(origin: OriginFor<T>, tender: TenderId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let ctx = Self::context(tender)?;
			ensure!(who == ctx.summary.owner, Error::<T>::NotTheTenderer);
			ensure!(ctx.summary.state == TenderState::Awarded, Error::<T>::NotAwarded);
			let candidate =
				ctx.award.as_ref().map(|a| a.winner.clone()).ok_or(Error::<T>::NotAwarded)?;
			ensure!(!ctx.summary.suspended, Error::<T>::TenderSuspended);
			let now = T::Time::now();
			ensure!(!ctx.procedure.holds_award(now), Error::<T>::AwardHeldByChallenge);
			ensure!(!Contracts::<T>::contains_key(tender), Error::<T>::ContractAlreadyConcluded);
			let round = ctx.procedure.round;
			let mut notices = Notices::<T>::get(tender, round);
			ensure!(
				!notices.iter().any(|n| n.state == NoticeState::Issued),
				Error::<T>::NoticeAlreadyIssued
			);
			let sign_by = now.saturating_add(T::ContractPeriod::get());
			notices
				.try_push(Notice {
					candidate: candidate.clone(),
					issued_at: now,
					sign_by,
					tenderer_signed: None,
					candidate_signed: None,
					state: NoticeState::Issued,
				})
				.map_err(|_| Error::<T>::NoticeHistoryFull)?;
			Notices::<T>::insert(tender, round, notices);
			Self::save(&ctx);
			Self::deposit_event(Event::AwardNoticeIssued { tender, candidate, sign_by });
			Ok(())
		}

		/// Decline the award of `tender` (放弃中标), with the SHA-256 of the written reason. The
		/// candidate is passed over: the next ranked candidate (still certified and not
		/// barred) becomes the winner, whom the tenderer then notifies; with none left the
		/// tender awaits a re-evaluation.
		///
		/// The dispatch origin must be signed by the candidate the live notice names, before it
		/// has signed the contract.
		///
		/// Emits `AwardDeclined` (and the tendering pallet's `CandidatePassedOver`).
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::decline_award())]
		pub fn decline_award(
			origin: OriginFor<T>,
			tender: TenderId,
			reason: H256,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let ctx = Self::context(tender)?;
			let round = ctx.procedure.round;
			let mut notices = Notices::<T>::get(tender, round);
			let notice = Self::live(&ctx, &mut notices).ok_or(Error::<T>::NoLiveNotice)?;
			ensure!(notice.candidate == who, Error::<T>::NotTheNotifiedCandidate);
			ensure!(notice.candidate_signed.is_none(), Error::<T>::AlreadySigned);
			let next = T::Tenders::pass_over(tender, &who)?;
			notice.state = NoticeState::Declined { reason, at: T::Time::now() };
			Notices::<T>::insert(tender, round, notices);
			Self::deposit_event(Event::AwardDeclined { tender, candidate: who, reason, next });
			Ok(())
		}

		/// Sign the contract of `tender`: the SHA-256 of the contract document and its price
		/// in fen, which must be the price of the candidate's winning bid. Each party signs its
		/// own document and may sign again, replacing its own signature, until the contract is
		/// concluded; the other party's signature never binds what one may sign. The contract
		/// is concluded ([`Contracts`]) when both signatures hold the same document and price.
		/// When they differ, either party may complain to the supervisors.
		///
		/// The dispatch origin must be signed by the tender's owner or the notified candidate,
		/// while the notice is live and the tender not suspended, by the notice's `sign_by`.
		/// After `sign_by` the candidate no longer signs (a signature it made in time stands),
		/// and the tenderer signs only if the candidate signed in time, to conclude that
		/// contract.
		///
		/// Emits `ContractSigned`, then `ContractConcluded` when the signatures agree.
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::sign_contract())]
		pub fn sign_contract(
			origin: OriginFor<T>,
			tender: TenderId,
			contract: H256,
			price: u128,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let ctx = Self::context(tender)?;
			ensure!(!Contracts::<T>::contains_key(tender), Error::<T>::ContractAlreadyConcluded);
			let round = ctx.procedure.round;
			let mut notices = Notices::<T>::get(tender, round);
			let notice = Self::live(&ctx, &mut notices).ok_or(Error::<T>::NoLiveNotice)?;
			let by_tenderer = if who == ctx.summary.owner {
				true
			} else if who == notice.candidate {
				false
			} else {
				return Err(Error::<T>::NotAPartyToTheContract.into());
			};
			ensure!(!ctx.summary.suspended, Error::<T>::TenderSuspended);
			let now = T::Time::now();
			if now > notice.sign_by {
				// The candidate's duty is to sign in time; the tenderer cannot escape a
				// contract the candidate signed in time by not signing it.
				ensure!(
					by_tenderer && notice.candidate_signed.is_some(),
					Error::<T>::ContractPeriodOver
				);
			}
			let terms = T::Tenders::revealed_terms(tender, &notice.candidate)
				.ok_or(Error::<T>::ContractPriceMismatch)?;
			ensure!(price == terms.price, Error::<T>::ContractPriceMismatch);
			let signature = Signature { contract, price, at: now };
			if by_tenderer {
				notice.tenderer_signed = Some(signature);
			} else {
				notice.candidate_signed = Some(signature);
			}
			let concluded = match (notice.tenderer_signed, notice.candidate_signed) {
				(Some(t), Some(c)) if t.contract == c.contract && t.price == c.price => {
					Some(Contract {
						tender,
						candidate: notice.candidate.clone(),
						contract,
						price,
						tenderer_signed_at: t.at,
						candidate_signed_at: c.at,
					})
				},
				_ => None,
			};
			if concluded.is_some() {
				notice.state = NoticeState::Contracted { at: now };
			}
			Notices::<T>::insert(tender, round, notices);
			Self::deposit_event(Event::ContractSigned { tender, signer: who, contract, price });
			if let Some(c) = concluded {
				let candidate = c.candidate.clone();
				Contracts::<T>::insert(tender, c);
				Self::deposit_event(Event::ContractConcluded {
					tender,
					candidate,
					contract,
					price,
				});
			}
			Ok(())
		}

		/// Pass over the notified candidate of `tender`: the contract period ended without its
		/// signature. The next ranked candidate becomes the winner, whom the tenderer then
		/// notifies; with none left the tender awaits a re-evaluation.
		///
		/// The dispatch origin must be signed by the tender's owner, after the notice's
		/// `sign_by`, while the tender is not suspended and no complaint of the round is
		/// undecided, and only if the candidate has not signed (whatever the tenderer signed).
		///
		/// Emits `AwardNoticeLapsed` (and the tendering pallet's `CandidatePassedOver`).
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::lapse_notice())]
		pub fn lapse_notice(origin: OriginFor<T>, tender: TenderId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let ctx = Self::context(tender)?;
			ensure!(who == ctx.summary.owner, Error::<T>::NotTheTenderer);
			let round = ctx.procedure.round;
			let mut notices = Notices::<T>::get(tender, round);
			let notice = Self::live(&ctx, &mut notices).ok_or(Error::<T>::NoLiveNotice)?;
			ensure!(!ctx.summary.suspended, Error::<T>::TenderSuspended);
			ensure!(ctx.procedure.complaints == 0, Error::<T>::ComplaintUndecided);
			let now = T::Time::now();
			ensure!(now > notice.sign_by, Error::<T>::ContractPeriodRunning);
			ensure!(notice.candidate_signed.is_none(), Error::<T>::CandidateHasSigned);
			let candidate = notice.candidate.clone();
			let next = T::Tenders::pass_over(tender, &candidate)?;
			notice.state = NoticeState::Lapsed { at: now };
			Notices::<T>::insert(tender, round, notices);
			Self::deposit_event(Event::AwardNoticeLapsed { tender, candidate, next });
			Ok(())
		}
	}

	/// A tender as a call finds it: what the tendering pallet tells of it, its award, and its
	/// award procedure moved on to the current result.
	pub(crate) struct Context<T: Config> {
		/// The tender.
		pub tender: TenderId,
		/// What the tendering pallet tells of it.
		pub summary: TenderSummary<T::AccountId>,
		/// Its published result and award, if any.
		pub award: Option<AwardOf<T>>,
		/// Its award procedure, in the round of `award` (a new round if the stored one was of
		/// another result; closed if there is no result).
		pub procedure: Procedure,
		/// The round that ended since the procedure was stored, with its open challenges:
		/// announced (`ChallengesSuperseded`) when the new round is stored.
		pub ended: Option<(Round, u32)>,
	}

	impl<T: Config> Pallet<T> {
		/// The tender `tender` and its award procedure in the round of its current result.
		pub(crate) fn context(tender: TenderId) -> Result<Context<T>, DispatchError> {
			let summary = T::Tenders::tender(tender).ok_or(Error::<T>::UnknownTender)?;
			let award = T::Tenders::award(tender);
			let (procedure, ended) = Self::procedure_for(tender, award.as_ref());
			Ok(Context { tender, summary, award, procedure, ended })
		}

		/// The award procedure of `tender` for its result `award`: the stored one when it is of
		/// the same result, else the next round (and the round that ended, if it had open
		/// challenges); closed without a result.
		fn procedure_for(
			tender: TenderId,
			award: Option<&AwardOf<T>>,
		) -> (Procedure, Option<(Round, u32)>) {
			let stored = Procedures::<T>::get(tender);
			match award {
				Some(a) if stored.report == Some(a.report) => (stored, None),
				Some(a) => {
					let ended = (stored.is_live() && stored.open() > 0)
						.then_some((stored.round, stored.open()));
					(stored.next_round(a.report), ended)
				},
				None => (stored.closed(), None),
			}
		}

		/// Stores the procedure of `ctx`, announcing the round that ended if any.
		fn save(ctx: &Context<T>) {
			Procedures::<T>::insert(ctx.tender, &ctx.procedure);
			if let Some((round, open)) = ctx.ended {
				Self::deposit_event(Event::ChallengesSuperseded {
					tender: ctx.tender,
					round,
					open,
				});
			}
		}

		/// What `who` filed on the tender of `ctx` in its current round.
		fn party(ctx: &Context<T>, who: &T::AccountId) -> PartyRecord {
			Parties::<T>::get(ctx.tender, who)
				.filter(|r| r.round == ctx.procedure.round)
				.unwrap_or(PartyRecord { round: ctx.procedure.round, ..Default::default() })
		}

		/// The live notice in `notices` (the current round's): the last one, while `Issued`.
		fn live<'a>(
			ctx: &Context<T>,
			notices: &'a mut NoticesOf<T>,
		) -> Option<&'a mut NoticeOf<T>> {
			if !ctx.procedure.is_live() {
				return None;
			}
			notices.last_mut().filter(|n| n.state == NoticeState::Issued)
		}

		/// Checks that `who` holds a valid Supervisor certificate of the city of the tender
		/// `summary` tells of.
		fn ensure_supervisor(
			who: &T::AccountId,
			summary: &TenderSummary<T::AccountId>,
		) -> DispatchResult {
			T::Participants::ensure_role(who, Role::Supervisor)?;
			ensure!(
				T::Participants::city_of(who).as_ref() == Some(&summary.city),
				Error::<T>::NotInJurisdiction
			);
			Ok(())
		}

		/// Withdraws the live notice in `notices` (of `candidate` only, when given).
		fn withdraw_live_notice(
			tender: TenderId,
			notices: &mut NoticesOf<T>,
			candidate: Option<&T::AccountId>,
			now: u64,
		) {
			if let Some(n) = notices.last_mut().filter(|n| {
				n.state == NoticeState::Issued && candidate.is_none_or(|c| *c == n.candidate)
			}) {
				n.state = NoticeState::Withdrawn { at: now };
				Self::deposit_event(Event::AwardNoticeWithdrawn {
					tender,
					candidate: n.candidate.clone(),
				});
			}
		}

		/// After a complaint was decided without closing the round: when no accepted complaint
		/// of the round is left undecided, lifts the suspension this pallet made (if the tender
		/// is still suspended: the tendering pallet's `resume` or `resume_by_council` may have
		/// lifted it) and, either way, extends the live notice's contract period by the time
		/// since this pallet suspended the tender.
		fn lift_suspension(
			ctx: &mut Context<T>,
			notices: &mut NoticesOf<T>,
			supervisor: &T::AccountId,
			reasons: H256,
			now: u64,
		) -> DispatchResult {
			if ctx.procedure.accepted > 0 {
				return Ok(());
			}
			let Some(since) = ctx.procedure.suspended_at.take() else { return Ok(()) };
			if ctx.summary.suspended {
				T::Tenders::resume(ctx.tender, supervisor, reasons)?;
			}
			// Lifted or not outside this pallet, the contract period is extended: the notice
			// could not lapse while the complaint was undecided, and the parties are given
			// back the whole time since the suspension.
			let by = now.saturating_sub(since);
			if let Some(n) = notices
				.last_mut()
				.filter(|n| n.state == NoticeState::Issued && n.issued_at <= since && by > 0)
			{
				n.sign_by = n.sign_by.saturating_add(by);
				Self::deposit_event(Event::ContractPeriodExtended {
					tender: ctx.tender,
					candidate: n.candidate.clone(),
					sign_by: n.sign_by,
				});
			}
			Ok(())
		}

		/// Closes the current round of `ctx` (a re-evaluation or a void decision): its open
		/// challenges are superseded.
		fn close_round(ctx: &mut Context<T>) {
			let (round, open) = (ctx.procedure.round, ctx.procedure.open());
			ctx.procedure = ctx.procedure.closed();
			if open > 0 {
				Self::deposit_event(Event::ChallengesSuperseded {
					tender: ctx.tender,
					round,
					open,
				});
			}
		}

		/// The live award notice of `tender`, if any: for clients and other pallets.
		pub fn live_notice(tender: TenderId) -> Option<NoticeOf<T>> {
			let award = T::Tenders::award(tender);
			let (procedure, _) = Self::procedure_for(tender, award.as_ref());
			if !procedure.is_live() {
				return None;
			}
			Notices::<T>::get(tender, procedure.round)
				.into_iter()
				.last()
				.filter(|n| n.state == NoticeState::Issued)
		}

		/// Whether objection `id` of `tender` still holds the award: open (neither answered
		/// nor marked lapsed), in its answer period and of the current round (an unanswered
		/// objection of an ended round is superseded).
		pub fn objection_holds(tender: TenderId, id: ObjectionId) -> bool {
			let award = T::Tenders::award(tender);
			let (procedure, _) = Self::procedure_for(tender, award.as_ref());
			let now = T::Time::now();
			Objections::<T>::get(tender, id).is_some_and(|o| {
				o.state == ObjectionState::Open && now < o.answer_by && procedure.holds(o.round)
			})
		}

		/// Whether complaint `id` of `tender` still holds the award: undecided and of the
		/// current round.
		pub fn complaint_holds(tender: TenderId, id: ComplaintId) -> bool {
			let award = T::Tenders::award(tender);
			let (procedure, _) = Self::procedure_for(tender, award.as_ref());
			Complaints::<T>::get(tender, id)
				.is_some_and(|c| c.state.is_undecided() && procedure.holds(c.round))
		}
	}

	impl<T: Config> AwardChallenges for Pallet<T> {
		/// Whether a complaint of the current round is undecided or an objection of it open
		/// in its answer period ([`Procedure::holds_award`]): one read of [`Procedures`] and,
		/// when it counts any, one of the award and one of the clock.
		fn award_held(tender: TenderId) -> bool {
			let procedure = Procedures::<T>::get(tender);
			procedure.open() > 0
				&& procedure.is_live()
				&& T::Tenders::award(tender).map(|a| a.report) == procedure.report
				&& procedure.holds_award(T::Time::now())
		}

		fn award_held_weight() -> Weight {
			T::DbWeight::get().reads(3)
		}
	}
}
