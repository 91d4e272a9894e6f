//! The records of the tendering pallet.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{
	traits::Get, BoundedVec, CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound,
};
use scale_info::TypeInfo;
use sp_core::{ConstU32, H256};

pub use pallet_certificates::CityCode;

/// A tender's number, assigned in sequence.
pub type TenderId = u64;

/// The shortest salt a bidder may use in a commitment, in bytes.
pub const MIN_SALT_LEN: u32 = 16;

/// A bidder's salt: 16 to 64 random bytes.
pub type Salt = BoundedVec<u8, ConstU32<64>>;

/// The tag that starts every bid commitment, so that a commitment can never be taken for a
/// hash of anything else.
pub const COMMITMENT_TAG: &[u8] = tenderchain_primitives::tags::BID_COMMITMENT;

/// Where a tender is in its life.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	Debug,
	TypeInfo,
	MaxEncodedLen,
)]
pub enum TenderState {
	/// Accepting sealed bids until the deadline; after it, accepting reveals until the end of
	/// the reveal window. (The phase follows from the clock: see [`Tender::phase`].)
	Open,
	/// Bids opened; the evaluation committee is at work: each seated expert submits an
	/// evaluation once every seat is taken.
	Evaluating,
	/// The winning candidate is published (公示) until the end of the complaint period.
	Publicity,
	/// The award is final.
	Awarded,
	/// Fewer valid bids than the minimum (流标).
	Failed,
	/// Withdrawn by its tenderer before the deadline.
	Cancelled,
	/// Every member of the evaluation committee submitted an evaluation and no ranking has a
	/// majority: a supervisor orders a re-evaluation (`order_reevaluation`).
	NoMajority,
	/// At finalization, no candidate of the published ranking held a valid Bidder certificate
	/// without a bidding bar: a supervisor orders a re-evaluation (`order_reevaluation`).
	NoEligibleCandidate,
	/// A supervisor, deciding a complaint, declared the tender void (招标无效): the tenderer
	/// publishes it again (a re-tender linked to this one) if it is still wanted.
	Voided,
}

/// The phase of an open tender, which follows from the clock.
#[derive(Clone, Copy, PartialEq, Eq, Encode, Decode, Debug)]
pub enum Phase {
	/// Before the deadline: bids are committed.
	Bidding,
	/// After the deadline, within the reveal window: bids are revealed.
	Revealing,
	/// After the reveal window: the bids can be opened.
	AwaitingOpening,
}

/// What other pallets may know of a tender, as [`crate::TenderInfo`] answers.
#[derive(Clone, PartialEq, Eq, Encode, Decode, Debug)]
pub struct TenderSummary<AccountId> {
	/// The tenderer or agency that published it.
	pub owner: AccountId,
	/// The city whose trading centre hosts it.
	pub city: CityCode,
	/// Where it is in its life.
	pub state: TenderState,
	/// Its phase now, from the clock and its deadlines: what it means while it is
	/// [`TenderState::Open`].
	pub phase: Phase,
	/// Whether a supervisor has suspended it.
	pub suspended: bool,
	/// For a tender published by an agency (招标代理), the legal-identity hash of the principal
	/// tenderer (招标人) whose tender it is (the certificate identity of the principal account
	/// the tender names, which entrusted the agency on chain); `None` when the tenderer
	/// publishes itself.
	pub principal: Option<H256>,
	/// The speciality codes the tender declared for its evaluation: a draw asks only for
	/// these.
	pub specialities: alloc::vec::Vec<u16>,
	/// Whether a member of the committee has submitted an evaluation (since the last
	/// reset): a member may then no longer recuse, only be removed by a supervisor.
	pub evaluation_underway: bool,
	/// For a tender published by an agency, the city of the principal's certificate (as
	/// the certificates pallet answers now): a remote draw avoids it as it avoids the
	/// agency's.
	pub principal_city: Option<CityCode>,
}

/// A tender (招标项目).
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, Encode, Decode, DebugNoBound, TypeInfo, MaxEncodedLen,
)]
#[scale_info(skip_type_params(MaxTitleLen, MaxSpecialities))]
pub struct Tender<
	AccountId: Clone + PartialEq + Eq + core::fmt::Debug,
	MaxTitleLen: Get<u32>,
	MaxSpecialities: Get<u32>,
> {
	/// The tenderer or agency that published it.
	pub owner: AccountId,
	/// The city whose trading centre hosts it.
	pub city: CityCode,
	/// The title, UTF-8.
	pub title: BoundedVec<u8, MaxTitleLen>,
	/// The speciality codes the evaluation needs.
	pub specialities: BoundedVec<u16, MaxSpecialities>,
	/// The SHA-256 of the current tender documents.
	pub documents: H256,
	/// The bid deadline (Unix ms): a bid counts if it is in a block whose timestamp is
	/// strictly earlier.
	pub deadline: u64,
	/// How long after the deadline bids may be revealed (ms).
	pub reveal_window: u64,
	/// The fewest valid bids for the tender to proceed (below it, it fails: 流标).
	pub min_valid_bids: u32,
	/// The most bidders it accepts.
	pub max_bidders: u32,
	/// How many live commitments it holds.
	pub bids: u32,
	/// Where it is in its life.
	pub state: TenderState,
	/// Whether a supervisor has suspended it.
	pub suspended: bool,
	/// When it was published (Unix ms).
	pub created_at: u64,
	/// For a tender published by an agency (招标代理), the principal tenderer (招标人) whose
	/// tender it is: a certified tenderer that entrusted the agency on chain
	/// (`entrust_agency`); `None` when the tenderer publishes itself.
	pub principal: Option<AccountId>,
	/// The principal's legal-identity hash (its certificate's, as the certificates pallet's
	/// `identity_of` gives it), taken when the tender was published: what the expert draw
	/// avoids, whatever becomes of the principal's certificate later. `None` with no principal.
	pub principal_identity: Option<H256>,
	/// For a re-tender (重新招标), the failed or void tender it publishes again.
	pub retender_of: Option<TenderId>,
}

impl<A: Clone + PartialEq + Eq + core::fmt::Debug, T: Get<u32>, S: Get<u32>> Tender<A, T, S> {
	/// The end of the reveal window (Unix ms).
	pub fn reveal_ends(&self) -> u64 {
		self.deadline.saturating_add(self.reveal_window)
	}

	/// The phase at `now`.
	pub fn phase(&self, now: u64) -> Phase {
		if now < self.deadline {
			Phase::Bidding
		} else if now < self.reveal_ends() {
			Phase::Revealing
		} else {
			Phase::AwaitingOpening
		}
	}
}

/// A recorded amendment (澄清/补遗).
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, Debug, TypeInfo, MaxEncodedLen,
)]
pub struct Amendment {
	/// When it was made (Unix ms).
	pub at: u64,
	/// The deadline before it.
	pub old_deadline: u64,
	/// The deadline after it.
	pub new_deadline: u64,
	/// The SHA-256 of the documents after it.
	pub documents: H256,
	/// The SHA-256 of the published reason.
	pub reason: H256,
}

/// Why a bid is void.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	Debug,
	TypeInfo,
	MaxEncodedLen,
)]
pub enum VoidReason {
	/// The revealed file, fingerprint and salt do not hash to the commitment.
	RevealMismatch,
	/// The bid was not revealed within the reveal window.
	NotRevealed,
}

/// The main terms of a bid, as its bid summary sheet (开标一览表) states them: bound into the
/// commitment, disclosed at the reveal, read out at the opening (唱标), and checked against the
/// contract.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Default,
	Encode,
	Decode,
	DecodeWithMemTracking,
	Debug,
	TypeInfo,
	MaxEncodedLen,
)]
pub struct BidTerms {
	/// The bid price, in fen (分: 1/100 yuan).
	pub price: u128,
	/// The duration offered (工期 or delivery time), in days.
	pub duration_days: u32,
	/// The SHA-256 of the quality commitment (质量承诺) as the bid file states it.
	pub quality: H256,
}

/// A valid bid as the opening record reads it out (唱标).
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, Debug, TypeInfo, MaxEncodedLen,
)]
pub struct OpenedBid<AccountId> {
	/// The bidder.
	pub bidder: AccountId,
	/// The SHA-256 of its bid file.
	pub file_hash: H256,
	/// Its main terms: price, duration, quality commitment.
	pub terms: BidTerms,
}

/// A bid's state.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, Debug, TypeInfo, MaxEncodedLen,
)]
pub enum BidState {
	/// Sealed: only the commitment is known.
	Sealed,
	/// Revealed and matching its commitment.
	Revealed {
		/// The SHA-256 of the bid file.
		file_hash: H256,
		/// The SHA-256 of the authoring fingerprint (machine code, software serial, author).
		fingerprint: H256,
		/// The main terms of the bid (开标一览表), read out at the opening.
		terms: BidTerms,
	},
	/// Void.
	Void(VoidReason),
}

/// A bidder's bid on a tender.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, Debug, TypeInfo, MaxEncodedLen,
)]
pub struct Bid {
	/// The commitment (see [`crate::commitment`]).
	pub commitment: H256,
	/// When it was committed or last replaced (Unix ms, the block's timestamp).
	pub committed_at: u64,
	/// Its state.
	pub state: BidState,
}

/// A sealed bid as the host trading centre lodges it (密封递交): the bidder's seal on the
/// tender (see [`crate::SealScheme`]) and its commitment. Nothing in it names the bidder.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	Debug,
	TypeInfo,
	MaxEncodedLen,
)]
pub struct LodgedEntry {
	/// The bidder's seal on the tender, or a decoy's (see [`crate::decoy_seal`]).
	pub seal: H256,
	/// The bid commitment (see [`crate::commitment`]), which binds the bidder's account.
	pub commitment: H256,
	/// The entry's lock, `SHA-256(BID_LODGE_LOCK ‖ key)` (see [`crate::lodge_lock`]): whoever
	/// replaces the entry must show the key.
	pub lock: H256,
	/// To replace an entry already lodged under this seal: the key of its lock (and `lock` is
	/// the new one). `None` for a new entry.
	pub unlock: Option<H256>,
}

/// What became of a lodged entry.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, Debug, TypeInfo, MaxEncodedLen,
)]
pub enum LodgedState<AccountId> {
	/// Nobody has claimed it yet.
	Sealed,
	/// Its bidder proved the seal at reveal: it is that bidder's bid.
	Claimed(AccountId),
	/// The host trading centre proved it a decoy after the deadline.
	Decoy,
}

/// A lodged entry on chain.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, Debug, TypeInfo, MaxEncodedLen,
)]
pub struct LodgedBid<AccountId> {
	/// The bid commitment.
	pub commitment: H256,
	/// Its lock: replacing the entry needs the key (see [`LodgedEntry::lock`]).
	pub lock: H256,
	/// When it was lodged or last replaced (Unix ms, the block's timestamp).
	pub lodged_at: u64,
	/// What became of it.
	pub state: LodgedState<AccountId>,
}

/// What the opening record says of the bids lodged by the host trading centre.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Default,
	Encode,
	Decode,
	DecodeWithMemTracking,
	Debug,
	TypeInfo,
	MaxEncodedLen,
)]
pub struct SealedTally {
	/// Entries lodged, decoys included.
	pub lodged: u32,
	/// Entries their bidders claimed at reveal (counted among the valid or void bids).
	pub claimed: u32,
	/// Entries the trading centre proved decoys.
	pub decoys: u32,
	/// Entries neither claimed nor proved decoys: bids lodged and not revealed (whose bidders
	/// stay unknown), or decoys the centre did not prove.
	pub unclaimed: u32,
}

/// What two bidders' reveals have in common.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	Debug,
	TypeInfo,
	MaxEncodedLen,
)]
pub enum CollusionKind {
	/// Identical bid files.
	IdenticalFile,
	/// The same authoring fingerprint.
	SameFingerprint,
}

/// A collusion signal (围标串标) raised on a tender.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, Debug, TypeInfo, MaxEncodedLen,
)]
pub struct CollusionFlag<AccountId> {
	/// What the bids share.
	pub kind: CollusionKind,
	/// The earlier of the two bidders to reveal.
	pub first: AccountId,
	/// The later.
	pub second: AccountId,
	/// The legal identity (certificate identity hash) of the earlier, as the certificates
	/// pallet answered at its reveal: the flag names the companies, not only their accounts.
	pub first_identity: H256,
	/// The legal identity of the later.
	pub second_identity: H256,
}

/// The record of a bid opening (开标记录).
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, Encode, Decode, DebugNoBound, TypeInfo, MaxEncodedLen,
)]
#[scale_info(skip_type_params(MaxBidders))]
pub struct OpeningRecord<AccountId: Clone + PartialEq + Eq + core::fmt::Debug, MaxBidders: Get<u32>>
{
	/// When (Unix ms).
	pub at: u64,
	/// The valid bids: bidder, file hash and main terms (price, duration, quality).
	pub valid: BoundedVec<OpenedBid<AccountId>, MaxBidders>,
	/// The void bids and why.
	pub void: BoundedVec<(AccountId, VoidReason), MaxBidders>,
	/// The bids lodged by the host trading centre: lodged, claimed, decoys, unclaimed.
	pub sealed: SealedTally,
	/// The BLAKE2-256 hash of the SCALE encoding of `(tender, at, valid, void, sealed)`: what
	/// the notary anchors and auditors compare.
	pub hash: H256,
}

/// The most candidates an evaluation ranks (中标候选人: at most three).
pub const MAX_CANDIDATES: u32 = 3;

/// An evaluation's ranking of candidates: one to [`MAX_CANDIDATES`] distinct bidders with a
/// valid bid, best first.
pub type Ranking<AccountId> = BoundedVec<AccountId, ConstU32<MAX_CANDIDATES>>;

/// One committee member's evaluation of a tender.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, Debug, TypeInfo, MaxEncodedLen,
)]
pub struct Evaluation<AccountId> {
	/// The seated expert who submitted it.
	pub expert: AccountId,
	/// The SHA-256 of the expert's signed score sheet (评分表); for a dissenting member it is
	/// also the written statement of the dissent (持有异议的应当书面说明).
	pub score_sheet: H256,
	/// The expert's ranking of the candidates, best first.
	pub ranking: Ranking<AccountId>,
	/// When it was submitted (Unix ms).
	pub at: u64,
}

/// A committee member whose ranking differs from the published one (持有异议).
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, Debug, TypeInfo, MaxEncodedLen,
)]
pub struct Dissent<AccountId> {
	/// The dissenting expert.
	pub expert: AccountId,
	/// The ranking the expert submitted.
	pub ranking: Ranking<AccountId>,
	/// The SHA-256 of the expert's score sheet: the written reasons of the dissent.
	pub score_sheet: H256,
}

/// The award of a tender: the committee's published result.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, Debug, TypeInfo, MaxEncodedLen,
)]
pub struct Award<AccountId> {
	/// The winning candidate: the first of `ranking` while published; once the award is final,
	/// the candidate awarded (the first of `ranking` still certified and not barred).
	pub winner: AccountId,
	/// The BLAKE2-256 hash of the evaluation report: of the SCALE encoding of
	/// `(tender, ranking, [(expert, score_sheet)])` over the members who submitted the
	/// published ranking, in the order of [`crate::Evaluations`].
	pub report: H256,
	/// When the complaint period ends (Unix ms).
	pub publicity_ends: u64,
	/// The ranked candidates (中标候选人), best first, as the committee's majority submitted
	/// them.
	pub ranking: Ranking<AccountId>,
}

/// A supervisor's action on a tender, kept for the record.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, Debug, TypeInfo, MaxEncodedLen,
)]
pub enum SupervisionKind {
	/// Suspended the tender.
	Suspend,
	/// Resumed it.
	Resume,
	/// Recorded a finding.
	Finding,
	/// Ordered a re-evaluation: of a tender whose committee had no majority or whose
	/// candidates could not be awarded, or on a complaint.
	Reevaluation,
	/// Declared the tender void on a complaint.
	Void,
}

/// One supervision entry.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, Debug, TypeInfo, MaxEncodedLen,
)]
pub struct Supervision<AccountId> {
	/// What.
	pub kind: SupervisionKind,
	/// Who.
	pub supervisor: AccountId,
	/// The SHA-256 of the reason or finding document.
	pub reason: H256,
	/// When (Unix ms).
	pub at: u64,
}

/// A tender's live suspension: who suspended it, when, and why.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, Debug, TypeInfo, MaxEncodedLen,
)]
pub struct Suspension<AccountId> {
	/// The supervisor who suspended the tender: it may resume it (so may a supervisor of the
	/// tender's city, or the council).
	pub supervisor: AccountId,
	/// When (Unix ms): on resumption the running window is extended by the time suspended.
	pub at: u64,
	/// The SHA-256 of the reason.
	pub reason: H256,
}

/// A supervisor's finding on a tender (kept apart from suspensions and resumptions).
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, Debug, TypeInfo, MaxEncodedLen,
)]
pub struct SupervisorFinding<AccountId> {
	/// The supervisor who recorded it.
	pub supervisor: AccountId,
	/// The SHA-256 of the finding document.
	pub finding: H256,
	/// When (Unix ms).
	pub at: u64,
}

/// The window a resumption extended by the time the tender was suspended.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	Debug,
	TypeInfo,
	MaxEncodedLen,
)]
pub enum ExtendedWindow {
	/// The bidding period: the deadline (and with it the reveal window) moved.
	Bidding,
	/// The reveal window: its end moved.
	Reveal,
	/// The complaint period (公示): its end moved.
	Publicity,
}
