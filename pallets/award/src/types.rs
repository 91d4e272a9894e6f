//! The records of the award pallet: objections, complaints, award notices and contracts, and
//! the per-tender and per-party bookkeeping that bounds them.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use sp_core::H256;

/// An objection's number: per tender, assigned in sequence from 0.
pub type ObjectionId = u32;

/// A complaint's number: per tender, assigned in sequence from 0.
pub type ComplaintId = u32;

/// An award round of a tender: one published result of its evaluation committee. A
/// re-evaluation (or a void decision) ends the round; the next published result opens the
/// next one. Objections and complaints belong to the round in which they were filed and hold
/// only that round's award.
pub type Round = u32;

/// Where an objection (异议) stands.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, Debug, TypeInfo, MaxEncodedLen,
)]
pub enum ObjectionState {
	/// Filed, not answered, not marked lapsed. Holds the award only until the end of its
	/// answer period (`answer_by`), whether or not anyone marks it lapsed.
	Open,
	/// The answer period ended without an answer and someone marked it so: it holds nothing
	/// any more (its objector may object again, within the limits), the objector may complain
	/// to a supervisor, and the tenderer may still answer it (late).
	Lapsed,
	/// Answered by the tenderer.
	Answered {
		/// The SHA-256 of the tenderer's written answer (答复).
		answer: H256,
		/// When it was answered (Unix ms).
		at: u64,
		/// Whether it was answered at or after the end of the answer period.
		late: bool,
	},
}

impl ObjectionState {
	/// Whether the objection still waits for its answer (open or lapsed); whether it holds
	/// the award depends also on the time (see [`Objection::answer_by`]).
	pub fn is_unanswered(&self) -> bool {
		matches!(self, ObjectionState::Open | ObjectionState::Lapsed)
	}
}

/// An objection to the published result (异议, 招标投标法实施条例 §54), filed with the tenderer
/// by a bidder during the complaint period.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, Debug, TypeInfo, MaxEncodedLen,
)]
pub struct Objection<AccountId> {
	/// The bidder who filed it.
	pub objector: AccountId,
	/// The SHA-256 of the objection document and its evidence.
	pub evidence: H256,
	/// When it was filed (Unix ms).
	pub filed_at: u64,
	/// The end of the answer period (Unix ms, exclusive): `filed_at + AnswerPeriod`. An
	/// unanswered objection holds the award only before it.
	pub answer_by: u64,
	/// The award round it was filed in: it holds only that round's award. When the round
	/// ends (a re-evaluation, a void decision, or a new result published), an unanswered
	/// objection of it is superseded: no answer is due any more, and it holds nothing.
	pub round: Round,
	/// Where it stands.
	pub state: ObjectionState,
}

/// A supervisor's decision on a complaint (投诉处理决定).
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, Debug, TypeInfo, MaxEncodedLen,
)]
pub enum Decision<AccountId> {
	/// The complaint is unfounded (驳回): the procedure goes on.
	Dismissed,
	/// The evaluation must be done again (重新评标): the published result and the award are
	/// cleared, the committee evaluates again, and a new award round begins.
	Reevaluate,
	/// This candidate is disqualified (取消中标候选人资格 / 中标资格): it is removed from the
	/// ranked candidates (its award notice, if live, is withdrawn), and the next ranked becomes
	/// the winner.
	Disqualify(AccountId),
	/// The tender is void (招标无效): it is closed; the tenderer may publish it again.
	Void,
}

/// What a complaint is about, fixed by the tender's state when it was filed.
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
pub enum ComplaintSubject {
	/// The evaluation result in its complaint period (公示): it needs an objection first
	/// (招标投标法实施条例 §60 with §54).
	EvaluationResult,
	/// The award itself, the award notice or the contract, once the award is final.
	Award,
}

/// Where a complaint (投诉) stands.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, Debug, TypeInfo, MaxEncodedLen,
)]
pub enum ComplaintState<AccountId> {
	/// Filed with the supervisors, not yet taken up. Holds the award. From here a supervisor
	/// may only dismiss it (不予受理); any other decision needs it accepted first.
	Filed,
	/// Accepted (受理) by a supervisor of the tender's city: the tender was suspended (unless it
	/// was already). Holds the award.
	Accepted {
		/// The supervisor who accepted it.
		supervisor: AccountId,
		/// When (Unix ms).
		at: u64,
	},
	/// Decided by a supervisor of the tender's city.
	Decided {
		/// The decision.
		decision: Decision<AccountId>,
		/// The SHA-256 of the written decision and its reasons.
		reasons: H256,
		/// The supervisor who decided it.
		supervisor: AccountId,
		/// When (Unix ms).
		at: u64,
	},
}

impl<AccountId> ComplaintState<AccountId> {
	/// Whether the complaint still waits for a decision (filed or accepted).
	pub fn is_undecided(&self) -> bool {
		matches!(self, ComplaintState::Filed | ComplaintState::Accepted { .. })
	}
}

/// A complaint to the supervising department (投诉, 招标投标法实施条例 §60).
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, Debug, TypeInfo, MaxEncodedLen,
)]
pub struct Complaint<AccountId> {
	/// The bidder who filed it.
	pub complainant: AccountId,
	/// The objection it follows (required for a complaint on the evaluation result).
	pub objection: Option<ObjectionId>,
	/// The SHA-256 of the complaint document and its grounds.
	pub grounds: H256,
	/// What it is about.
	pub subject: ComplaintSubject,
	/// When it was filed (Unix ms).
	pub filed_at: u64,
	/// The award round it was filed in: it holds only that round's award (see
	/// [`Objection::round`]); once the round has ended, an undecided complaint of it is
	/// superseded and can no longer be accepted or decided.
	pub round: Round,
	/// Where it stands.
	pub state: ComplaintState<AccountId>,
}

/// Where an award notice (中标通知书) stands.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, Debug, TypeInfo, MaxEncodedLen,
)]
pub enum NoticeState {
	/// Issued: the candidate and the tenderer sign the contract by `sign_by`, each its own
	/// signature, which each may replace until both signatures agree.
	Issued,
	/// The candidate declined the award (放弃中标).
	Declined {
		/// The SHA-256 of the candidate's written reason.
		reason: H256,
		/// When (Unix ms).
		at: u64,
	},
	/// The contract period ended without the candidate's signature: the tenderer passed the
	/// candidate over.
	Lapsed {
		/// When the tenderer recorded it (Unix ms).
		at: u64,
	},
	/// Withdrawn by a supervisor's decision: the candidate was disqualified, the evaluation is
	/// to be done again, or the tender was declared void.
	Withdrawn {
		/// When (Unix ms).
		at: u64,
	},
	/// Both parties' signatures agree (the same document and price): the contract is
	/// concluded ([`Contract`]).
	Contracted {
		/// When the signature that made them agree was made (Unix ms).
		at: u64,
	},
}

/// One party's signature of the contract: what that party signed, whatever the other party
/// signed. A party may sign again (replacing its signature) until the contract is concluded.
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
pub struct Signature {
	/// The SHA-256 of the contract document signed.
	pub contract: H256,
	/// The contract price, in fen (分).
	pub price: u128,
	/// When it was signed (Unix ms).
	pub at: u64,
}

/// An award notice (中标通知书), sent by the tenderer to the award's winner.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, Debug, TypeInfo, MaxEncodedLen,
)]
pub struct Notice<AccountId> {
	/// The candidate notified: always the award's winner when it was issued.
	pub candidate: AccountId,
	/// When it was issued (Unix ms).
	pub issued_at: u64,
	/// The last moment the contract may be signed (Unix ms, inclusive): `issued_at +
	/// ContractPeriod`, extended by the time the tender was suspended on a complaint.
	pub sign_by: u64,
	/// The tenderer's signature of the contract, once made (its latest).
	pub tenderer_signed: Option<Signature>,
	/// The candidate's signature of the contract, once made (its latest; always made by
	/// `sign_by`, at the winning bid's price: such a candidate cannot be passed over for not
	/// signing).
	pub candidate_signed: Option<Signature>,
	/// Where it stands.
	pub state: NoticeState,
}

/// A concluded contract (合同, 招标投标法 §46): both parties' signatures hold the same
/// document at the winning bid's price.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, Debug, TypeInfo, MaxEncodedLen,
)]
pub struct Contract<AccountId> {
	/// The tender.
	pub tender: pallet_tendering::TenderId,
	/// The candidate awarded (中标人).
	pub candidate: AccountId,
	/// The SHA-256 of the contract document.
	pub contract: H256,
	/// The contract price, in fen: the price the candidate's bid revealed.
	pub price: u128,
	/// When the tenderer made its (last) signature (Unix ms).
	pub tenderer_signed_at: u64,
	/// When the candidate made its (last) signature (Unix ms).
	pub candidate_signed_at: u64,
}

/// The award procedure of one tender: the current award round and its open challenges.
#[derive(
	Clone,
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
pub struct Procedure {
	/// The award round (0 before the first published result this pallet has seen).
	pub round: Round,
	/// The report hash of the published result the round concerns; `None` once the round was
	/// closed by a decision (re-evaluation or void) and before the first result. A published
	/// result with another report hash opens the next round.
	pub report: Option<H256>,
	/// How many objections of the round are `Open` (neither answered nor marked lapsed).
	/// They hold the award only while the time is before [`Self::last_answer_by`].
	pub objections: u32,
	/// The end of the answer period of the round's latest objection (Unix ms; 0 before the
	/// first). Answer periods end in the order the objections were filed, so no objection of
	/// the round is in its answer period at or after this time.
	pub last_answer_by: u64,
	/// How many complaints of the round are undecided (filed or accepted). Each holds the
	/// award, the issue of the notice and the lapse of a live notice until decided.
	pub complaints: u32,
	/// How many complaints of the round are accepted and undecided.
	pub accepted: u32,
	/// When this pallet first suspended the tender on an accepted complaint of the round, until
	/// the last accepted complaint is decided: the suspension is then lifted (if the tendering
	/// pallet has not lifted it already) and the live notice's contract period is extended by
	/// the time since, even when the suspension was lifted earlier outside this pallet.
	pub suspended_at: Option<u64>,
	/// The number the next objection on the tender gets.
	pub next_objection: ObjectionId,
	/// The number the next complaint on the tender gets.
	pub next_complaint: ComplaintId,
}

impl Procedure {
	/// Whether the round concerns a published result and has not been closed.
	pub fn is_live(&self) -> bool {
		self.report.is_some()
	}

	/// Whether an item filed in `round` belongs to this live round.
	pub fn holds(&self, round: Round) -> bool {
		self.is_live() && self.round == round
	}

	/// How many challenges of the round are still open: objections neither answered nor
	/// marked lapsed, and complaints undecided.
	pub fn open(&self) -> u32 {
		self.objections.saturating_add(self.complaints)
	}

	/// Whether the round's challenges hold its award at `now`: a complaint undecided, or an
	/// open objection while an answer period of the round is running.
	///
	/// Conservative by at most one answer period: an open objection past its own answer
	/// period still counts while a later objection of the round (answered or not) is in its
	/// answer period, until anyone marks it lapsed (`mark_objection_lapsed`). No objection
	/// counts at or after [`Self::last_answer_by`], marked or not.
	pub fn holds_award(&self, now: u64) -> bool {
		self.is_live()
			&& (self.complaints > 0 || (self.objections > 0 && now < self.last_answer_by))
	}

	/// The next round, for the published result whose report hash is `report`: no challenge
	/// open, no suspension of this pallet's in force; the numbering of objections and
	/// complaints goes on.
	pub fn next_round(&self, report: H256) -> Procedure {
		Procedure {
			round: self.round.saturating_add(1),
			report: Some(report),
			objections: 0,
			last_answer_by: 0,
			complaints: 0,
			accepted: 0,
			suspended_at: None,
			next_objection: self.next_objection,
			next_complaint: self.next_complaint,
		}
	}

	/// The round closed (by a re-evaluation or a void decision): its challenges no longer hold
	/// anything.
	pub fn closed(&self) -> Procedure {
		Procedure {
			report: None,
			objections: 0,
			last_answer_by: 0,
			complaints: 0,
			accepted: 0,
			suspended_at: None,
			..self.clone()
		}
	}
}

/// What one party has filed on one tender in the current award round: the per-party limits.
#[derive(
	Clone,
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
pub struct PartyRecord {
	/// The round these counts are of; counts of an earlier round count for nothing.
	pub round: Round,
	/// How many objections the party filed in the round.
	pub objections: u32,
	/// Its open objection, if any (at most one at a time): neither answered nor marked
	/// lapsed.
	pub unanswered_objection: Option<ObjectionId>,
	/// How many complaints the party filed in the round.
	pub complaints: u32,
	/// Its undecided complaint, if any (at most one at a time).
	pub undecided_complaint: Option<ComplaintId>,
}
