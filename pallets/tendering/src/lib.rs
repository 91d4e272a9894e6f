//! # Tendering pallet
//!
//! ## Overview
//!
//! The key trading rules of public-resource trading, fixed in runtime code: bid-deadline
//! judgement (投标截止时间判断) and bid-file consistency judgement (投标文件一致性判断).
//!
//! - **Tenders.** A certified tenderer or agency, not barred from publishing
//!   (`Bar::Publishing`), publishes a tender: title (at most [`Config::MaxTitleLen`] bytes),
//!   city, speciality codes (at most [`Config::MaxSpecialities`]), the hash of the tender
//!   documents, the bid deadline, the reveal window, the minimum number of valid bids (below
//!   which it fails, 流标) and the maximum number of bidders. One account has at most
//!   [`Config::MaxOpenTenders`] tenders open at once. An
//!   agency (招标代理) also names its principal tenderer (招标人), whom the expert draw avoids
//!   together with the agency: see
//!   [below](#agencies-act-only-for-the-tenderers-that-entrusted-them).
//! - **Amendments (澄清/补遗).** Only before the deadline, each recorded with the hash of its
//!   reason and of the new documents; the time left to bidders may not drop below
//!   [`Config::MinNotice`]. New documents need at least [`Config::MinAmendmentNotice`] left
//!   before the deadline (招标投标法 §23: 15 days for changes that affect the preparation of
//!   bids; one minute on the local chain), or the same amendment moves the deadline to at
//!   least now plus that notice (`DocumentsChangedTooLate`).
//! - **Sealed bids.** A certified bidder, not barred from bidding, commits
//!   `SHA-256(COMMITMENT_TAG ‖ genesis hash ‖ tender id ‖ bidder ‖ terms ‖ file hash ‖
//!   fingerprint hash ‖ salt)` before the deadline, where the terms are the main terms of its
//!   bid summary sheet (开标一览表, [`BidTerms`]): the price in fen, the duration in days and the
//!   hash of the quality commitment. Nobody, the trading centre included, learns anything of
//!   the bid from it. One live commitment per bidder and per legal identity: two certified
//!   accounts of one company (the same certificate identity hash) cannot both bid on a tender
//!   (`IdentityAlreadyBid`). A commitment may be replaced or withdrawn before the deadline.
//! - **Reveal and consistency (a).** After the deadline and within the reveal window the bidder
//!   reveals the file hash, fingerprint hash and salt; the runtime recomputes the commitment. A
//!   mismatch voids the bid (`RevealMismatch`); a bid not revealed in time is void
//!   (`NotRevealed`) at opening.
//! - **Collusion signal (b) (围标串标).** Two bidders revealing the same file hash, or the same
//!   fingerprint hash, raise a stored flag and a `CollusionSuspected` event for supervisors. The
//!   flag names both bidders' legal identities (certificate identity hashes) with their
//!   accounts.
//! - **Opening (开标, 唱标).** After the reveal window, the host city's trading centre opens the
//!   bids: the valid bids with their revealed terms (price, duration, quality commitment), the
//!   void bids with their reasons, and a hash of the whole record are stored. A bidder cannot
//!   change its price after seeing others': the terms are bound into the commitment, and a
//!   reveal with other terms voids the bid (`RevealMismatch`).
//! - **Failed tenders and re-tenders (流标, 重新招标).** With fewer valid bids than its minimum
//!   the tender fails at the opening (`TenderFailed` names both numbers). Its owner publishes it
//!   again naming it (`retender_of`): one re-tender per failed or void tender
//!   ([`Retenders`]), so the attempts form a chain that clients show.
//! - **Evaluation: the committee decides.** See [below](#evaluation-the-committee-decides).
//! - **Award.** The committee's first-ranked candidate is published for the complaint period
//!   (公示) with the whole ranking; a supervisor can suspend during it; after it anyone may
//!   finalize the award. See [below](#award-the-first-ranked-candidate-still-eligible).
//! - **Supervision.** See [below](#supervision-cannot-freeze-a-tender).
//! - **After publication: the award pallet.** Objections, complaints, the award notice and the
//!   contract are the award pallet's. It reads the tenders through [`TenderInfo`] (bidders,
//!   the published award, revealed terms), holds the finalization back while an objection or
//!   complaint is open ([`AwardChallenges`], `AwardHeldByChallenge`), and orders through
//!   [`AwardControl`] what a supervisor's decision on a complaint or the candidate's decline
//!   entails: suspending and resuming (recorded in the supervision record like the supervisors'
//!   own), a new evaluation (from the complaint period or an awarded tender: the award and the
//!   evaluations are cleared, the committee evaluates again), passing over a candidate (the next
//!   ranked becomes the winner; with none left the tender is `NoEligibleCandidate`), and voiding
//!   the tender (`Voided`, 招标无效). A supervisor the council overruled on a tender cannot
//!   suspend it through a complaint either.
//!
//! ## Bidders stay secret until the deadline
//!
//! 招标投标法 §22 forbids disclosing who obtained the documents, and how many, before the
//! opening. A commitment signed by its bidder names the bidder (the signer, the event, the
//! storage key), so a bidder who wants to stay unseen hands its sealed bid to the host trading
//! centre, which lodges it (`lodge_bids`):
//!
//! - **Nothing names the bidder.** A lodged entry is a *seal* and a commitment. The seal is the
//!   sr25519 VRF output of the bidder's account key over the tender ([`seal_input`],
//!   [`SealScheme`]): only the bidder can compute it, it names nobody, and it is the same every
//!   time for one account and one tender, so the centre cannot lodge two prices for one
//!   bidder to choose from after seeing others' reveals (the bidder can only ever claim the
//!   entry under its own seal). The call is signed by the centre and its event counts entries.
//! - **Decoys hide the number of bids.** The centre pads its calls with decoys whose seal is
//!   `SHA-256(tag ‖ genesis ‖ tender ‖ preimage)` ([`decoy_seal`]). After the deadline it shows
//!   the preimages (`prove_decoys`); no VRF output can be shown to have one, so a real bid
//!   cannot be passed off as a decoy.
//! - **Nobody else can overwrite a lodged bid.** Each entry carries a lock,
//!   `SHA-256(tag ‖ key)` ([`lodge_lock`]), whose key the bidder's client derives from its
//!   secret key: re-lodging a seal (the bidder changed its bid) must show the key
//!   (`NotTheSealOwner`), so neither an observer who read the seals nor the centre can replace
//!   a bid. One lodging holds a seal once (`DuplicateSeal`).
//! - **Eligibility at reveal.** The bidder claims its entry by revealing with the proof of its
//!   seal (`reveal_lodged_bid`): the Bidder certificate (valid since before the deadline:
//!   `CertifiedAfterDeadline`), the bidding bar, and one bid per legal identity (direct or
//!   lodged) are checked then, and the reveal is checked against the lodged commitment as any
//!   other. Claims are bounded by `MaxBidders` only, not by the tender's own maximum, which
//!   bounds the direct commitments: nobody could see the lodged bids before the deadline, so a
//!   race of claims must not shut an acknowledged bid out.
//! - **A dropped bid is provable.** The centre signs an acknowledgement of every envelope it
//!   receives (off chain, the client's `tender bid lodge`), which the bidder keeps; entries are
//!   kept after the opening ([`Lodged`]), so anyone can see whether an acknowledged bid reached
//!   the chain, and with which commitment.
//! - **The opening tallies them.** The opening record counts the entries lodged, claimed,
//!   proven decoys, and the rest: bids lodged and never revealed, whose bidders stay unknown
//!   ([`SealedTally`]).
//!
//! Residual risks, known and not closed here:
//!
//! - The centre can drop a bid (the acknowledgement proves it did) and knows who handed in what
//!   (as a trading centre running an e-bidding platform does today; the law binds it to
//!   secrecy).
//! - A company holding several accounts certified before the deadline can have a bid lodged
//!   under each account's seal and, after seeing the others' reveals, claim the one that suits
//!   it (one bid per legal identity is checked at reveal, so only one counts): the choice any
//!   bidder has between revealing and not, widened to several prices. The other entries show
//!   in the opening record's tally as never claimed. Closing it needs one sealing key per legal
//!   identity, or the centre unmasking unclaimed entries after the reveals, which this pallet
//!   does not do yet.
//! - Bars are checked at the claim: a bar recorded between the deadline and the claim keeps a
//!   lodged bid out, where a direct bid would still be opened (and passed over at the award).
//! - A replacement shows that a real bid changed (its call shows a key), and the number and
//!   timing of the centre's lodgings are public: the centre hides them by lodging decoy-only
//!   batches on a schedule.
//!
//! A bidder may still commit directly, accepting to be seen.
//!
//! ## Supervision cannot freeze a tender
//!
//! - **Jurisdiction.** A supervisor acts (suspends, records a finding, orders a re-evaluation)
//!   only on tenders of its certificate's city (`NotInJurisdiction`): there is no province-wide
//!   wildcard; a provincial body holds a certificate per city. Supervisors cannot create
//!   tenders or bid: their certificates hold no trading role (the certificates pallet).
//! - **Who lifts a suspension.** The supervisor who made it ([`Suspensions`] records who and
//!   when), another supervisor of the tender's city, or the council (`resume_by_council`, a
//!   [`Config::CouncilOrigin`] motion). A supervisor of another city cannot
//!   (`NotTheSuspender`).
//! - **A suspension costs nobody a right.** Resuming extends the window that was running when
//!   the tender was suspended by the time suspended (`WindowExtended`): the bidding period
//!   (the deadline, and the reveal window with it), the reveal window, or the complaint period.
//! - **Findings are kept apart.** Suspensions, resumptions and re-evaluation orders go to the
//!   supervision record ([`Supervisions`], the latest [`Config::MaxSupervisions`], and
//!   [`SupervisionCount`]); findings to their own record ([`Findings`], the latest
//!   [`Config::MaxFindings`], and [`FindingCount`]). A full record drops its oldest entry
//!   (every entry stays in its block's events): no number of findings can hide a suspension or
//!   keep anyone from suspending, resuming or ordering a re-evaluation.
//!
//! ## Bids near the deadline get priority
//!
//! Participants' transactions are free and rate-limited by the certificates pallet's admission
//! gate; a flood of other calls must not crowd out a bid sent just before its deadline.
//! [`Pallet::is_urgent`] says whether a call is a commitment, replacement or withdrawal within
//! [`Config::UrgentWindow`] (5 minutes proposed) of its tender's deadline, or a reveal within
//! that window of the end of the reveal window (one read of the tender, and the clock). The
//! runtime wires it into the certificates gate's `PriorityCalls`, which gives such calls a
//! higher pool priority than any other participant traffic; every argument of this pallet's
//! calls is bounded (title, specialities, salt, ranking), so no call of it is large.
//!
//! ## State does not grow without bound
//!
//! One account has at most [`Config::MaxOpenTenders`] tenders open ([`OpenTenders`], decremented
//! when a tender is awarded, fails or is cancelled; the entry is removed at zero). Per-tender
//! scratch storage is removed once it has served: the reveal indexes ([`RevealedFiles`],
//! [`RevealedFingerprints`]) and the identities' bids ([`BidIdentities`]) when the bids are
//! opened (or the tender is cancelled); the evaluating members ([`EvaluatingMembers`]) and a
//! live suspension when the tender is closed; a suspension record when it is lifted.
//!
//! ## What each party can and cannot do
//!
//! - *Tenderer or agency*: publishes (unless barred from publishing, within its open-tender
//!   limit), amends before the deadline with the notices above, cancels before the deadline;
//!   an agency only for a principal that entrusted it. It cannot bid, evaluate, open bids, or
//!   change documents at the last minute.
//! - *Bidder*: commits, replaces, withdraws before the deadline (one bid per legal identity,
//!   not barred from bidding) and reveals in the reveal window. It cannot bid from a second
//!   account of the same company, nor learn another's bid before the reveals.
//! - *Supervisor*: suspends, resumes, records findings and orders re-evaluations on its city's
//!   tenders only; fails a tender whose committee cannot be completed. It cannot lift another
//!   city's suspension, nor freeze a tender by filling a record, nor void bids by suspending in
//!   the reveal window (the window is extended).
//! - *Host trading centre*: lodges sealed bids and decoys before the deadline and proves its
//!   decoys after it; opens the bids after the reveal window and fails an unfillable tender. It
//!   takes no part in the evaluation, cannot claim or void a lodged bid, nor pass a real bid
//!   off as a decoy.
//! - *Council*: lifts any suspension by a motion (`resume_by_council`).
//! - *Anyone*: finalizes an award after the complaint period.
//!
//! ## Award: the first-ranked candidate still eligible
//!
//! When the complaint period ended without a suspension, anyone finalizes the award
//! (`finalize_award`). The published ranking (one to three candidates, 中标候选人) is walked in
//! order, and each candidate's Bidder certificate and bidding bar are checked again: the first
//! candidate still certified and not barred is awarded ([`Award::winner`] becomes that
//! candidate, event `TenderAwarded`); each candidate passed over is recorded
//! (`CandidateSkipped`), as 招标投标法实施条例 §55 lets the tenderer award the next candidate
//! when the first cannot be. So a candidate barred or decertified since the opening can neither
//! be awarded nor block the tender. When no ranked candidate passes, the tender is
//! `NoEligibleCandidate` (event `NoEligibleCandidate`) and a supervisor orders a re-evaluation
//! (`order_reevaluation`), which clears the award and the evaluations.
//!
//! Residual risk: the checks look at the candidates' certificates at finalization. A candidate
//! whose certificate merely lapsed (not revoked) is passed over too: the candidates renew in
//! time (the client warns a candidate whose certificate ends before the complaint period). A
//! party able to bar the first candidate (the certificates pallet's bar, imposed by its
//! authority and recorded with its reason) moves the award to the second: bars are the
//! supervisors' and the consortium's, on record, not the tenderer's.
//!
//! ## Agencies act only for the tenderers that entrusted them
//!
//! The expert draw avoids the tender's owner and, for an agency's tender, its principal: an
//! expert employed by either cannot take a seat (回避). So the principal cannot be a bare
//! claim of the agency, or an agency would name anyone (or a made-up identity) and dodge the
//! avoidance of the tenderer it really acts for. The rule:
//!
//! - **The principal is an account, certified, that entrusted the agency (委托).** A tender
//!   published by an agency names its principal's account. That account must hold a valid
//!   Tenderer certificate (the certificates pallet's checks, as for the owner:
//!   `PrincipalNotCertified` otherwise) and must have entrusted this agency on chain with
//!   `entrust_agency(agency)` ([`Entrustments`]; `NotEntrusted` otherwise). The tenderer
//!   withdraws the entrustment with `withdraw_entrustment(agency)`: the agency can publish no
//!   further tender for it; tenders already published keep their principal.
//! - **The identity the draw avoids is the certificate's.** The tender stores the principal's
//!   account and the legal-identity hash of its certificate at publication
//!   ([`Tender::principal_identity`]); [`TenderInfo`] gives that hash to the expert draw, which
//!   avoids it together with the owner's. A later change of the principal's certificate does
//!   not lift the avoidance of a published tender.
//! - A participant certified both as tenderer and as agency is taken as an agency; publishing
//!   for itself it names its own account, which needs no entrustment.
//!
//! Residual risk: the chain knows only the principals that entrusted the agency on chain. An
//! agency acting off chain for a tenderer that never entrusted it, and naming another
//! (consenting) tenderer instead, is not detected here: the entrustment contract (委托合同) is
//! checked by the supervisors, and the tender's owner, its principal and the entrustment are
//! all on record for them.
//!
//! ## Evaluation: the committee decides
//!
//! The evaluation committee (评标委员会) is drawn and seated by the expert-draw pallet, which
//! answers [`EvaluationCommittee`]. No single party can decide the result:
//!
//! - **Evaluation begins when every seat is taken.** An expert submits an evaluation
//!   (`submit_evaluation`) only while the committee is complete: no seat waits for its expert
//!   or for a replacement draw (`CommitteeIncomplete`). So the first expert to sit cannot act
//!   before the others are there. A complete committee of fewer than
//!   [`Config::MinCommittee`] members (5 in production, 招标投标法 §37) cannot evaluate
//!   (`CommitteeTooSmall`): the draw refuses such committees already (and even-sized ones),
//!   this is the second line of defence, so that no one or two experts decide alone.
//! - **Each member speaks for themself, once.** The evaluation is the SHA-256 of the expert's
//!   signed score sheet and their ranking of one to three distinct candidates, each a bidder
//!   with a valid (revealed, not void) bid. One evaluation per member (`AlreadyEvaluated`);
//!   none can be changed. The expert's certificate (Expert role) and bars (evaluation) are
//!   checked again at submission, not only at seating: an expert barred or revoked since
//!   cannot evaluate.
//! - **A majority decides.** Once more than half of the committee's members have submitted the
//!   *same* ranking (the same candidates in the same order), that ranking is the committee's
//!   result: it is published (`CandidatePublished`, [`Awards`]) with the report hash, the
//!   BLAKE2-256 of `(tender, ranking, [(expert, score sheet)])` over the majority's members in
//!   submission order, which anyone recomputes from [`Evaluations`]. The members who ranked
//!   otherwise are recorded as dissenting ([`Dissents`], `DissentRecorded`), their score sheet
//!   hash standing for their written reasons (持有异议的应当书面说明). A member who had not
//!   submitted when the result was published may still submit during the complaint period,
//!   to sign it or to dissent; the result does not change.
//! - **Only present members count, and a change of members restarts the evaluation.** Members are
//!   those the committee has at the time of the tally. When the membership changed since the first
//!   evaluation (an expert was removed by a supervisor or replaced; a member cannot recuse once an
//!   evaluation is submitted, [`TenderSummary`]'s `evaluation_underway` tells the expert draw),
//!   every evaluation is cleared (`EvaluationsReset`) and every member, the present ones included,
//!   evaluates again: removing a member who ranked the "wrong" bidder cannot erase that vote while
//!   keeping the others'. Residual risk: evaluations are public when submitted, so a supervisor who
//!   removes members after seeing them still influences the committee's make-up (each removal is
//!   recorded with its reason, and the replacement is drawn, not chosen). Follow-up: commit-reveal
//!   evaluations (a member commits the hash of the ranking, all reveal once every member has
//!   committed), so that no ranking is seen before all are cast.
//! - **No majority is visible, and only a supervisor restarts.** When every member has
//!   submitted and no ranking has a majority, the tender is `NoMajority` (event `NoMajority`).
//!   A supervisor orders a re-evaluation (`order_reevaluation`, with the hash of the reason,
//!   kept in the supervision record): the evaluations are cleared and every member submits
//!   again. The same call restarts a tender none of whose ranked candidates could be awarded
//!   (`NoEligibleCandidate`). A published result cannot be re-evaluated this way: it is
//!   challenged in the complaint period (a supervisor suspends the tender).
//!
//! What each party can and cannot do: a *seated expert* submits their own evaluation, once,
//! and cannot publish a result alone or before the committee is complete; a *majority of the
//! members* decides the ranking, the others' dissent stays on record; the *host trading
//! centre* and the *tenderer or agency* take no part in the evaluation; a *supervisor* cannot
//! evaluate, only order a re-evaluation of a committee without majority, suspend and resume,
//! and (in expert-draw) remove a member, which restarts the evaluation (see the residual risk
//! above: a supervisor cannot choose a result directly, but can reshape the committee after
//! seeing public evaluations); *anyone* finalizes an award after the complaint period, and cannot
//! award a candidate barred or no longer certified.
//!
//! ## Deadline semantics
//!
//! A bid counts if, and only if, it is included in a block whose timestamp
//! (`pallet_timestamp::Now`) is strictly earlier than the deadline. Reveals count from the
//! block whose timestamp equals or passes the deadline, until (excluding) `deadline +
//! reveal_window`.
//!
//! How far can a block author move that boundary? Under Aura a block's timestamp must fall in
//! the author's own slot (`timestamp / slot duration == slot`, checked by pallet-aura on every
//! block), and importers reject blocks whose slot lies in their future. So an honest majority's
//! clocks bound the timestamp to the real time of the slot, and an author can choose it only
//! within its slot: by less than one slot duration (3 s on tenderchain), plus the clock skew
//! between validators (kept to milliseconds by NTP in city data centres). The pallet does not
//! trust the bidder's clock at all; the client refuses to submit a bid later than two slots
//! before the deadline and tells the bidder so, so that a bid at 09:59:59 for a 10:00 deadline
//! is refused by the client with a clear message rather than lost in the last slot.
//!
//! ## Dispatchable functions
//!
//! `create_tender`, `amend_tender`, `cancel_tender`, `commit_bid`, `replace_bid`,
//! `withdraw_bid`, `reveal_bid`, `open_bids`, `submit_evaluation`, `order_reevaluation`,
//! `finalize_award`, `suspend`, `resume`, `record_finding`, `entrust_agency`,
//! `withdraw_entrustment`, `fail_unfillable_tender`, `resume_by_council` (call index 18).

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
#[cfg(test)]
mod vectors;

pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

use codec::Encode;
use sp_core::H256;

/// Which accounts are the cities' trading centres (answered by the consortium).
pub trait TradingCentres<AccountId> {
	/// The city whose trading centre signs with `who`, if any.
	fn city_of(who: &AccountId) -> Option<CityCode>;
}

/// Who sits on a tender's evaluation committee (answered by the expert-draw pallet).
pub trait EvaluationCommittee<AccountId> {
	/// Whether `who` holds a seat on `tender`'s committee now (seated, not replaced, not recused).
	fn is_seated(tender: TenderId, who: &AccountId) -> bool;
	/// The committee's members if every seat of `tender`'s committee is taken (no seat waiting
	/// for its expert or for a replacement draw); `None` otherwise.
	fn complete_committee(tender: TenderId) -> Option<alloc::vec::Vec<AccountId>>;
	/// The bids of `tender` were opened: its drawn experts are expected from now.
	fn evaluation_began(_tender: TenderId) {}
	/// Whether a vacancy of `tender`'s committee can no longer be filled (no room for another
	/// seat or draw, the replacement allowances spent, or too few eligible experts): the
	/// committee can never be complete, and the tender may be failed
	/// (`fail_unfillable_tender`).
	fn committee_unfillable(_tender: TenderId) -> bool {
		false
	}
	/// The most [`Self::committee_unfillable`] may cost.
	fn unfillable_weight() -> frame_support::weights::Weight {
		frame_support::weights::Weight::zero()
	}
}

/// What other pallets may ask of the tenders (answered by this pallet), so that they never read
/// its storage.
pub trait TenderInfo<AccountId> {
	/// The tender `tender`, if there is one.
	fn tender(tender: TenderId) -> Option<TenderSummary<AccountId>>;
	/// The bidders holding a bid on `tender` (sealed, revealed or void), in no particular
	/// order.
	fn bidders(tender: TenderId) -> alloc::vec::Vec<AccountId>;
	/// Whether `who` holds a bid on `tender` (sealed, revealed or void): an interested party
	/// of its award (利害关系人).
	fn has_bid(_tender: TenderId, _who: &AccountId) -> bool {
		false
	}
	/// The published ranking of `tender` and its award (the winner, the report's hash, the end
	/// of the complaint period), once the committee has published one.
	fn award(_tender: TenderId) -> Option<Award<AccountId>> {
		None
	}
	/// The main terms `who` revealed on `tender`, if its bid was revealed and is valid.
	fn revealed_terms(_tender: TenderId, _who: &AccountId) -> Option<BidTerms> {
		None
	}
}

/// What the benchmarks need from the runtime: certified participants, a trading centre, and
/// control of the clock.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId> {
	/// Gives `who` a valid certificate with `role`.
	fn certify(who: &AccountId, role: pallet_certificates::Role);
	/// A trading centre and its city.
	fn trading_centre() -> (AccountId, CityCode);
	/// Sets the clock (Unix ms).
	fn set_time(ms: u64);
	/// Seats `who` on the evaluation committee of `tender`.
	fn seat_evaluator(tender: TenderId, who: &AccountId);
	/// Bars `who` from `bar`.
	fn bar(who: &AccountId, bar: pallet_certificates::Bar);
	/// Makes the committee of `tender` (in evaluation) one that can no longer be completed.
	fn make_committee_unfillable(tender: TenderId);
	/// The account whose key is [`bench_seal::PUBLIC`] (the bidder of the sealed-bid
	/// benchmark).
	fn sealed_bidder() -> AccountId;
	/// Adds to the committee record of `tender` seats replaced before, so that once
	/// `MaxCommittee` members are seated the record is as large as it may be.
	fn pad_committee_record(_tender: TenderId) {}
}

/// What the award procedure after the publication of the candidates (objections, complaints,
/// award notice, contract: the award pallet) orders on a tender (answered by this pallet).
///
/// The caller has checked who acts (a supervisor of the tender's city deciding a complaint, the
/// candidate declining, the tenderer passing over a candidate that did not sign); this pallet
/// checks the tender's state and keeps its own records (supervision entries, events).
pub trait AwardControl<AccountId> {
	/// Suspends `tender` (in its complaint period, or awarded) on a complaint that `supervisor`
	/// accepted: as the `suspend` call, recorded in the supervision record.
	fn suspend(
		tender: TenderId,
		supervisor: &AccountId,
		reason: H256,
	) -> frame_support::dispatch::DispatchResult;
	/// Lifts `tender`'s suspension when `supervisor` decided the complaint: the complaint
	/// period is extended by the time suspended, as for the `resume` call.
	fn resume(
		tender: TenderId,
		supervisor: &AccountId,
		reason: H256,
	) -> frame_support::dispatch::DispatchResult;
	/// Orders a new evaluation of `tender` (in its complaint period, awarded, or without an
	/// eligible candidate) on a complaint: the committee's evaluations, the published ranking
	/// and the award are cleared and the tender is under evaluation again (any suspension
	/// lifted).
	fn reevaluate(
		tender: TenderId,
		supervisor: &AccountId,
		reason: H256,
	) -> frame_support::dispatch::DispatchResult;
	/// Removes `candidate` from `tender`'s ranked candidates (it declined the award, was
	/// disqualified, or did not sign the contract in time). When it was the winner, the next
	/// ranked candidate (once awarded: the next still certified and not barred) becomes the
	/// winner, which is returned; with none left the tender is `NoEligibleCandidate` and `None`
	/// is returned.
	fn pass_over(
		tender: TenderId,
		candidate: &AccountId,
	) -> Result<Option<AccountId>, sp_runtime::DispatchError>;
	/// Declares `tender` void (招标无效) on a complaint: it is closed in state `Voided` and may be
	/// published again as a re-tender.
	fn void(
		tender: TenderId,
		supervisor: &AccountId,
		reason: H256,
	) -> frame_support::dispatch::DispatchResult;
}

/// Whether the award of a tender is held back by an objection or a complaint (answered by the
/// award pallet): the tendering pallet finalizes no award while it is.
pub trait AwardChallenges {
	/// Whether `tender` has an unanswered objection or an undecided complaint.
	fn award_held(tender: TenderId) -> bool;
	/// The most [`Self::award_held`] may cost.
	fn award_held_weight() -> frame_support::weights::Weight {
		frame_support::weights::Weight::zero()
	}
}

/// No objection or complaint ever holds an award back (for runtimes and tests without the
/// award pallet).
impl AwardChallenges for () {
	fn award_held(_tender: TenderId) -> bool {
		false
	}
}

/// Computes a bid commitment, exactly as bidders' clients must:
/// `SHA-256(COMMITMENT_TAG ‖ genesis ‖ SCALE(tender) ‖ SCALE(bidder) ‖ SCALE(terms) ‖ file ‖
/// fingerprint ‖ salt)`, where `SCALE(terms)` is the price in fen (`u128`, 16 bytes little
/// endian), the duration in days (`u32`, 4 bytes) and the quality commitment's hash (32 bytes).
///
/// Every field before the salt has a fixed length, so the concatenation is unambiguous.
pub fn commitment<AccountId: Encode>(
	genesis: &H256,
	tender: TenderId,
	bidder: &AccountId,
	terms: &BidTerms,
	file_hash: &H256,
	fingerprint: &H256,
	salt: &[u8],
) -> H256 {
	let mut data = COMMITMENT_TAG.to_vec();
	data.extend_from_slice(genesis.as_bytes());
	tender.encode_to(&mut data);
	bidder.encode_to(&mut data);
	terms.encode_to(&mut data);
	data.extend_from_slice(file_hash.as_bytes());
	data.extend_from_slice(fingerprint.as_bytes());
	data.extend_from_slice(salt);
	H256(sp_io::hashing::sha2_256(&data))
}

/// The input of every bidder's seal on `tender`:
/// `SHA-256(BID_SEAL_INPUT ‖ genesis ‖ tender id (u64 LE))`.
pub fn seal_input(genesis: &H256, tender: TenderId) -> H256 {
	let mut data = tenderchain_primitives::tags::BID_SEAL_INPUT.to_vec();
	data.extend_from_slice(genesis.as_bytes());
	tender.encode_to(&mut data);
	H256(sp_io::hashing::sha2_256(&data))
}

/// The seal of a decoy on `tender` whose preimage the trading centre keeps until the deadline:
/// `SHA-256(BID_DECOY ‖ genesis ‖ tender id (u64 LE) ‖ preimage)`. No bidder's seal (a VRF
/// output) can be shown to have such a preimage, so proving decoys cannot hide a real bid.
pub fn decoy_seal(genesis: &H256, tender: TenderId, preimage: &H256) -> H256 {
	let mut data = tenderchain_primitives::tags::BID_DECOY.to_vec();
	data.extend_from_slice(genesis.as_bytes());
	tender.encode_to(&mut data);
	data.extend_from_slice(preimage.as_bytes());
	H256(sp_io::hashing::sha2_256(&data))
}

/// Verifies an sr25519 VRF signature by `key` over a transcript labelled `label` whose one
/// message `item` is `input`, and returns its 32 output bytes (made under `context`), or `None`
/// if the proof is not valid. The expert draw's contributions and the bidders' seals use it,
/// each with its own tags.
pub fn sr25519_vrf_output(
	(label, item, context): (&'static [u8], &'static [u8], &'static [u8]),
	key: &[u8; 32],
	input: &H256,
	pre_output: &[u8; 32],
	proof: &[u8; 64],
) -> Option<[u8; 32]> {
	use codec::Decode;
	use sp_core::{crypto::VrfPublic, sr25519};
	let public = sr25519::Public::from_raw(*key);
	let signature = sr25519::vrf::VrfSignature {
		pre_output: sr25519::vrf::VrfPreOutput::decode(&mut &pre_output[..]).ok()?,
		proof: sr25519::vrf::VrfProof::decode(&mut &proof[..]).ok()?,
	};
	let transcript = sr25519::vrf::VrfTranscript::new(label, &[(item, input.as_bytes())]);
	if !public.vrf_verify(&transcript.clone().into_sign_data(), &signature) {
		return None;
	}
	signature.pre_output.make_bytes::<32>(context, &transcript, &public).ok()
}

/// The lock of a lodged entry whose key is `key`: `SHA-256(BID_LODGE_LOCK ‖ key)`.
pub fn lodge_lock(key: &H256) -> H256 {
	let mut data = tenderchain_primitives::tags::BID_LODGE_LOCK.to_vec();
	data.extend_from_slice(key.as_bytes());
	H256(sp_io::hashing::sha2_256(&data))
}

/// The tags of the bidders' seal transcript.
pub const SEAL_VRF_TAGS: (&[u8], &[u8], &[u8]) = (
	tenderchain_primitives::tags::BID_SEAL_VRF_LABEL,
	tenderchain_primitives::tags::BID_SEAL_VRF_INPUT_ITEM,
	tenderchain_primitives::tags::BID_SEAL_VRF_OUTPUT_CONTEXT,
);

/// A bidder's seal for the benchmark of `reveal_lodged_bid` (which cannot sign a VRF in the
/// runtime): the seal proof of the sr25519 key of `//TenderchainBenchSealer` over tender
/// [`bench_seal::TENDER`] of a chain whose genesis hash is [`bench_seal::GENESIS`] (the
/// benchmark sets it). A unit test checks that it verifies.
pub mod bench_seal {
	use super::TenderId;
	/// The genesis hash the benchmark sets.
	pub const GENESIS: [u8; 32] = [0x69; 32];
	/// The tender the benchmark publishes first.
	pub const TENDER: TenderId = 0;
	/// The bidder's sr25519 public key (its account).
	pub const PUBLIC: [u8; 32] = [
		64, 171, 170, 21, 94, 22, 235, 42, 200, 129, 212, 23, 243, 64, 212, 63, 68, 109, 243, 137,
		40, 133, 0, 101, 170, 201, 91, 171, 102, 230, 140, 40,
	];
	/// The VRF pre-output.
	pub const PRE_OUTPUT: [u8; 32] = [
		28, 189, 46, 68, 86, 65, 62, 39, 62, 106, 40, 235, 109, 132, 121, 230, 82, 193, 145, 3,
		109, 6, 29, 30, 83, 106, 15, 98, 255, 126, 67, 113,
	];
	/// The VRF proof.
	pub const PROOF: [u8; 64] = [
		121, 90, 52, 225, 80, 137, 90, 214, 175, 93, 255, 130, 78, 168, 220, 232, 8, 223, 225, 119,
		22, 12, 90, 170, 42, 87, 10, 112, 204, 183, 222, 15, 225, 151, 253, 227, 93, 232, 145, 27,
		54, 62, 50, 157, 154, 222, 97, 235, 128, 213, 206, 25, 213, 52, 87, 110, 172, 7, 91, 152,
		17, 179, 63, 9,
	];
}

/// How a bidder's seal on a tender is checked at reveal.
///
/// A bid lodged by the host trading centre is keyed by the bidder's seal: a value only the
/// bidder can compute before it reveals, the same every time for one account and one tender
/// (so one account lodges at most one bid on a tender), and which names nobody to anyone else.
pub trait SealScheme<AccountId> {
	/// The seal of `bidder` over `input` (see [`seal_input`]) if `pre_output` and `proof` are
	/// its valid proof, else `None`.
	fn verify(
		bidder: &AccountId,
		input: &H256,
		pre_output: &[u8; 32],
		proof: &[u8; 64],
	) -> Option<H256>;
}

/// Seals as sr25519 VRF outputs of the bidder's account key ([`SEAL_VRF_TAGS`]): deterministic
/// for one key and input, unpredictable without the secret key, verifiable with the proof.
pub struct Sr25519Seals;

impl<AccountId: AsRef<[u8; 32]>> SealScheme<AccountId> for Sr25519Seals {
	fn verify(
		bidder: &AccountId,
		input: &H256,
		pre_output: &[u8; 32],
		proof: &[u8; 64],
	) -> Option<H256> {
		sr25519_vrf_output(SEAL_VRF_TAGS, bidder.as_ref(), input, pre_output, proof).map(H256)
	}
}

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::vec::Vec;
	use frame_support::{
		pallet_prelude::*,
		traits::{Contains, Time},
	};
	use frame_system::pallet_prelude::*;
	use pallet_certificates::{Bar, ParticipantRegistry, Role};
	use sp_runtime::traits::Zero;

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Configuration of the tendering pallet.
	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// Who participants are: roles, validity, bars.
		type Participants: ParticipantRegistry<Self::AccountId>;
		/// Which accounts are trading centres, of which city.
		type TradingCentres: TradingCentres<Self::AccountId>;
		/// The cities of the consortium; a tender is hosted by one of them.
		type Cities: Contains<CityCode>;
		/// The drawn evaluation committees: only a seated member submits an evaluation, and only
		/// once every seat is taken.
		type Committee: EvaluationCommittee<Self::AccountId>;
		/// The clock: Unix time in milliseconds (pallet-timestamp).
		type Time: Time<Moment = u64>;
		/// The longest tender title, in bytes.
		#[pallet::constant]
		type MaxTitleLen: Get<u32>;
		/// The most speciality codes a tender may name.
		#[pallet::constant]
		type MaxSpecialities: Get<u32>;
		/// The most bidders any tender may accept.
		#[pallet::constant]
		type MaxBidders: Get<u32>;
		/// The most amendments a tender may have.
		#[pallet::constant]
		type MaxAmendments: Get<u32>;
		/// The most collusion flags stored per tender.
		#[pallet::constant]
		type MaxFlags: Get<u32>;
		/// The most supervision entries kept per tender: the latest ones (a full record drops its
		/// oldest entry; [`SupervisionCount`] counts them all).
		#[pallet::constant]
		type MaxSupervisions: Get<u32>;
		/// The least time (ms) bidders must have between publication or amendment and the
		/// deadline.
		#[pallet::constant]
		type MinNotice: Get<u64>;
		/// The shortest reveal window (ms).
		#[pallet::constant]
		type MinRevealWindow: Get<u64>;
		/// The longest reveal window (ms).
		#[pallet::constant]
		type MaxRevealWindow: Get<u64>;
		/// The complaint period after the winning candidate is published (ms).
		#[pallet::constant]
		type ComplaintPeriod: Get<u64>;
		/// The most members an evaluation committee may have: the bound of a tender's stored
		/// evaluations (at least the most experts one draw seats).
		#[pallet::constant]
		type MaxCommittee: Get<u32>;
		/// The fewest members a complete committee must have for its evaluations to count
		/// (`CommitteeTooSmall` otherwise): a second line of defence behind the draw's own
		/// minimum, so that no one expert decides alone. 5 in production (招标投标法 §37).
		#[pallet::constant]
		type MinCommittee: Get<u32>;
		/// The most findings kept per tender: the latest ones ([`Findings`]; [`FindingCount`]
		/// counts them all). Findings are kept apart from suspensions and resumptions, so that
		/// no number of findings can hide or block either.
		#[pallet::constant]
		type MaxFindings: Get<u32>;
		/// The least time (ms) that must remain before the deadline when the tender documents
		/// change (招标投标法 §23: 15 days for clarifications that affect the preparation of bids;
		/// one minute on the local chain): a later change must move the deadline to at least
		/// now plus this notice.
		#[pallet::constant]
		type MinAmendmentNotice: Get<u64>;
		/// How close (ms) to the deadline a bid, or to the end of the reveal window a reveal,
		/// is urgent ([`Pallet::is_urgent`]): the runtime gives urgent calls a higher pool
		/// priority. 5 minutes proposed.
		#[pallet::constant]
		type UrgentWindow: Get<u64>;
		/// The most tenders one account may have open at once (published and not yet awarded,
		/// failed or cancelled).
		#[pallet::constant]
		type MaxOpenTenders: Get<u32>;
		/// The council: it may lift any suspension (`resume_by_council`).
		type CouncilOrigin: EnsureOrigin<Self::RuntimeOrigin>;
		/// The most entries the host trading centre may lodge on one tender, decoys included
		/// ([`Lodged`]); each call lodges at most as many.
		#[pallet::constant]
		type MaxLodged: Get<u32>;
		/// How bidders' seals on lodged bids are checked ([`Sr25519Seals`] in the runtime).
		type Seals: SealScheme<Self::AccountId>;
		/// The objections and complaints: no award is finalized while one holds it back.
		type Challenges: AwardChallenges;
		/// The weights of this pallet's calls.
		type WeightInfo: WeightInfo;
		/// What the benchmarks need from the runtime.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId>;
	}

	/// The tender record type of this runtime.
	pub type TenderOf<T> = Tender<
		<T as frame_system::Config>::AccountId,
		<T as Config>::MaxTitleLen,
		<T as Config>::MaxSpecialities,
	>;
	/// The opening record type of this runtime.
	pub type OpeningRecordOf<T> =
		OpeningRecord<<T as frame_system::Config>::AccountId, <T as Config>::MaxBidders>;

	/// The tenders.
	///
	/// Twox64Concat: tender ids are assigned in sequence by this pallet.
	#[pallet::storage]
	pub type Tenders<T: Config> = StorageMap<_, Twox64Concat, TenderId, TenderOf<T>>;

	/// The id the next tender gets.
	#[pallet::storage]
	pub type NextTenderId<T: Config> = StorageValue<_, TenderId, ValueQuery>;

	/// The re-tender (重新招标) of each failed or void tender: the tender that publishes it
	/// again. One per tender, so the attempts form a chain ([`Tender::retender_of`] links back).
	#[pallet::storage]
	pub type Retenders<T: Config> = StorageMap<_, Twox64Concat, TenderId, TenderId>;

	/// The amendments of each tender, oldest first.
	///
	/// Twox64Concat: tender ids are sequential.
	#[pallet::storage]
	pub type Amendments<T: Config> =
		StorageMap<_, Twox64Concat, TenderId, BoundedVec<Amendment, T::MaxAmendments>, ValueQuery>;

	/// The bids of each tender, by bidder.
	///
	/// Twox64Concat for the sequential tender id; Blake2_128Concat for the bidder, whose
	/// account its holder chooses.
	#[pallet::storage]
	pub type Bids<T: Config> =
		StorageDoubleMap<_, Twox64Concat, TenderId, Blake2_128Concat, T::AccountId, Bid>;

	/// The first bidder to reveal each file hash on a tender, with its legal identity (for the
	/// collusion signal).
	///
	/// Twox64Concat for the tender; Identity would do for a SHA-256 value, but
	/// Blake2_128Concat keeps a bidder from choosing trie positions by crafting files.
	#[pallet::storage]
	/// Transient: removed when the bids are opened.
	pub type RevealedFiles<T: Config> =
		StorageDoubleMap<_, Twox64Concat, TenderId, Blake2_128Concat, H256, (T::AccountId, H256)>;

	/// The first bidder to reveal each fingerprint hash on a tender.
	///
	/// Hashers as for [`RevealedFiles`].
	#[pallet::storage]
	/// Transient: removed when the bids are opened.
	pub type RevealedFingerprints<T: Config> =
		StorageDoubleMap<_, Twox64Concat, TenderId, Blake2_128Concat, H256, (T::AccountId, H256)>;

	/// The collusion flags of each tender.
	///
	/// Twox64Concat: tender ids are sequential.
	#[pallet::storage]
	pub type CollusionFlags<T: Config> = StorageMap<
		_,
		Twox64Concat,
		TenderId,
		BoundedVec<CollusionFlag<T::AccountId>, T::MaxFlags>,
		ValueQuery,
	>;

	/// The opening record of each opened tender.
	///
	/// Twox64Concat: tender ids are sequential.
	#[pallet::storage]
	pub type OpeningRecords<T: Config> = StorageMap<_, Twox64Concat, TenderId, OpeningRecordOf<T>>;

	/// The award of each evaluated tender.
	///
	/// Twox64Concat: tender ids are sequential.
	#[pallet::storage]
	pub type Awards<T: Config> = StorageMap<_, Twox64Concat, TenderId, Award<T::AccountId>>;

	/// The evaluations submitted by the members of each tender's committee, in the order they
	/// were submitted. When the committee's membership changed since the first of them (see
	/// [`EvaluatingMembers`]), the next submission clears them all (`EvaluationsReset`); a
	/// re-evaluation clears the list.
	///
	/// Twox64Concat: tender ids are sequential.
	#[pallet::storage]
	pub type Evaluations<T: Config> = StorageMap<
		_,
		Twox64Concat,
		TenderId,
		BoundedVec<Evaluation<T::AccountId>, T::MaxCommittee>,
		ValueQuery,
	>;

	/// The committee's members when the first of the stored [`Evaluations`] was submitted: a
	/// submission to a committee whose members differ from these clears every evaluation.
	///
	/// Twox64Concat: tender ids are sequential.
	#[pallet::storage]
	pub type EvaluatingMembers<T: Config> = StorageMap<
		_,
		Twox64Concat,
		TenderId,
		BoundedVec<T::AccountId, T::MaxCommittee>,
		ValueQuery,
	>;

	/// The members of each tender's committee whose ranking differs from the published one,
	/// with the hash of their score sheet (their written reasons).
	///
	/// Twox64Concat: tender ids are sequential.
	#[pallet::storage]
	pub type Dissents<T: Config> = StorageMap<
		_,
		Twox64Concat,
		TenderId,
		BoundedVec<Dissent<T::AccountId>, T::MaxCommittee>,
		ValueQuery,
	>;

	/// The agencies each tenderer has entrusted (委托) to publish its tenders, with when (Unix
	/// ms): principal, then agency. An agency's tender may name as principal only a tenderer
	/// that entrusted it here.
	///
	/// Blake2_128Concat for both keys: accounts are chosen by their holders.
	#[pallet::storage]
	pub type Entrustments<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, T::AccountId, Blake2_128Concat, T::AccountId, u64>;

	/// The supervision record of each tender: its latest `MaxSupervisions` entries, oldest
	/// first. A full record drops its oldest entry for a new one (each entry stays in its
	/// block's events), so that the record never refuses a supervisor's action.
	///
	/// Twox64Concat: tender ids are sequential.
	#[pallet::storage]
	pub type Supervisions<T: Config> = StorageMap<
		_,
		Twox64Concat,
		TenderId,
		BoundedVec<Supervision<T::AccountId>, T::MaxSupervisions>,
		ValueQuery,
	>;

	/// How many supervision entries each tender has had, those dropped from [`Supervisions`]
	/// included.
	///
	/// Twox64Concat: tender ids are sequential.
	#[pallet::storage]
	pub type SupervisionCount<T: Config> = StorageMap<_, Twox64Concat, TenderId, u32, ValueQuery>;

	/// The live suspension of each suspended tender: who suspended it, when and why. Removed
	/// on resumption.
	///
	/// Twox64Concat: tender ids are sequential.
	#[pallet::storage]
	pub type Suspensions<T: Config> =
		StorageMap<_, Twox64Concat, TenderId, Suspension<T::AccountId>>;

	/// The supervisors (by legal identity) whose suspension of a tender the council lifted:
	/// they may not suspend that tender again, so that one supervisor cannot keep a tender
	/// frozen by suspending it after every resumption. One entry per council resumption.
	///
	/// Twox64Concat: tender ids are sequential; Blake2_128Concat: identity hashes are put in
	/// certificates by CAs.
	#[pallet::storage]
	pub type OverruledSuspenders<T: Config> =
		StorageDoubleMap<_, Twox64Concat, TenderId, Blake2_128Concat, H256, ()>;

	/// The findings recorded on each tender: the latest `MaxFindings`, oldest first (a full
	/// record drops its oldest; each stays in its block's events). Apart from
	/// [`Supervisions`], so that findings never push a suspension or resumption out of the
	/// record nor block either.
	///
	/// Twox64Concat: tender ids are sequential.
	#[pallet::storage]
	pub type Findings<T: Config> = StorageMap<
		_,
		Twox64Concat,
		TenderId,
		BoundedVec<SupervisorFinding<T::AccountId>, T::MaxFindings>,
		ValueQuery,
	>;

	/// How many findings each tender has had, those dropped from [`Findings`] included.
	///
	/// Twox64Concat: tender ids are sequential.
	#[pallet::storage]
	pub type FindingCount<T: Config> = StorageMap<_, Twox64Concat, TenderId, u32, ValueQuery>;

	/// The account holding each legal identity's bid on a tender while bids are taken: one
	/// bid per legal identity (the certificate's identity hash), whatever the number of its
	/// certified accounts. Transient: removed when the bids are opened or the tender
	/// cancelled.
	///
	/// Twox64Concat for the sequential tender; Blake2_128Concat for the identity hash.
	#[pallet::storage]
	pub type BidIdentities<T: Config> =
		StorageDoubleMap<_, Twox64Concat, TenderId, Blake2_128Concat, H256, T::AccountId>;

	/// The sealed bids the host trading centre lodged on each tender, by seal (see
	/// [`SealScheme`]): commitments whose bidders nobody can name before they reveal. Kept
	/// after the opening, so that a bidder holding the centre's acknowledgement can show
	/// whether its bid reached the chain.
	///
	/// Twox64Concat for the sequential tender; Blake2_128Concat for the seal, which the centre
	/// chooses for decoys.
	#[pallet::storage]
	pub type Lodged<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		TenderId,
		Blake2_128Concat,
		H256,
		LodgedBid<T::AccountId>,
	>;

	/// How many entries [`Lodged`] holds for each tender (at most [`Config::MaxLodged`]).
	#[pallet::storage]
	pub type LodgedCount<T: Config> = StorageMap<_, Twox64Concat, TenderId, u32, ValueQuery>;

	/// How many open tenders (published, not yet awarded, failed or cancelled) each account
	/// owns; at most `MaxOpenTenders`. An account with none has no entry.
	///
	/// Blake2_128Concat: accounts are chosen by their holders.
	#[pallet::storage]
	pub type OpenTenders<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, u32, ValueQuery>;

	/// The events of the tendering pallet.
	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A tender was published.
		TenderCreated {
			/// Its id.
			tender: TenderId,
			/// Its tenderer or agency.
			owner: T::AccountId,
			/// Its host city.
			city: CityCode,
			/// Its bid deadline (Unix ms).
			deadline: u64,
		},
		/// A tender was amended before its deadline.
		TenderAmended {
			/// The tender.
			tender: TenderId,
			/// The deadline before.
			old_deadline: u64,
			/// The deadline after.
			new_deadline: u64,
			/// The documents after.
			documents: H256,
			/// The hash of the reason.
			reason: H256,
		},
		/// A tender was cancelled by its tenderer before the deadline.
		TenderCancelled {
			/// The tender.
			tender: TenderId,
			/// The hash of the reason.
			reason: H256,
		},
		/// A sealed bid was committed (or replaced).
		BidCommitted {
			/// The tender.
			tender: TenderId,
			/// The bidder.
			bidder: T::AccountId,
			/// The commitment.
			commitment: H256,
		},
		/// A sealed bid was withdrawn before the deadline.
		BidWithdrawn {
			/// The tender.
			tender: TenderId,
			/// The bidder.
			bidder: T::AccountId,
		},
		/// A bid was revealed and matches its commitment.
		BidRevealed {
			/// The tender.
			tender: TenderId,
			/// The bidder.
			bidder: T::AccountId,
			/// The SHA-256 of the bid file.
			file_hash: H256,
		},
		/// A bid is void.
		BidVoided {
			/// The tender.
			tender: TenderId,
			/// The bidder.
			bidder: T::AccountId,
			/// Why.
			reason: VoidReason,
		},
		/// Two bidders revealed the same file or fingerprint: a collusion signal for supervisors.
		CollusionSuspected {
			/// The tender.
			tender: TenderId,
			/// The two bidders, in the order they revealed.
			bidders: (T::AccountId, T::AccountId),
			/// What they share.
			kind: CollusionKind,
		},
		/// The bids were opened.
		BidsOpened {
			/// The tender.
			tender: TenderId,
			/// How many bids are valid.
			valid: u32,
			/// How many are void.
			void: u32,
			/// The hash of the opening record.
			record: H256,
		},
		/// The tender's committee could not be completed (a vacancy could no longer be filled):
		/// the host or a supervisor failed the tender.
		CommitteeUnfillable {
			/// The tender.
			tender: TenderId,
			/// The host trading centre or supervisor that failed it.
			by: T::AccountId,
			/// The hash of the written decision.
			reason: H256,
		},
		/// Too few valid bids: the tender failed (流标).
		TenderFailed {
			/// The tender.
			tender: TenderId,
			/// How many valid bids there were.
			valid: u32,
			/// How many were needed.
			needed: u32,
		},
		/// A member of the evaluation committee submitted an evaluation.
		EvaluationSubmitted {
			/// The tender.
			tender: TenderId,
			/// The expert.
			expert: T::AccountId,
			/// The SHA-256 of the expert's signed score sheet.
			score_sheet: H256,
			/// The expert's ranking, best first.
			ranking: Ranking<T::AccountId>,
		},
		/// The committee's membership changed since its first evaluation (a member recused,
		/// was removed or replaced): every evaluation was cleared, and every member, the
		/// present ones included, evaluates again.
		EvaluationsReset {
			/// The tender.
			tender: TenderId,
		},
		/// A majority of the committee submitted the same ranking: it is published, and the
		/// winning candidate (its first) until the end of the complaint period.
		CandidatePublished {
			/// The tender.
			tender: TenderId,
			/// The winning candidate.
			winner: T::AccountId,
			/// The hash of the evaluation report (see [`Award::report`]).
			report: H256,
			/// When the complaint period ends (Unix ms).
			publicity_ends: u64,
			/// The ranked candidates, best first.
			ranking: Ranking<T::AccountId>,
		},
		/// A member's ranking differs from the published one: the member is recorded as
		/// dissenting, the score sheet being the written reasons.
		DissentRecorded {
			/// The tender.
			tender: TenderId,
			/// The dissenting expert.
			expert: T::AccountId,
			/// The SHA-256 of the expert's score sheet.
			score_sheet: H256,
		},
		/// Every member of the committee submitted an evaluation and no ranking has a majority:
		/// a supervisor orders a re-evaluation.
		NoMajority {
			/// The tender.
			tender: TenderId,
			/// How many members the committee has (and evaluations were counted).
			members: u32,
		},
		/// A supervisor ordered a re-evaluation: the evaluations are cleared and each member
		/// submits again.
		ReevaluationOrdered {
			/// The tender.
			tender: TenderId,
			/// The supervisor.
			supervisor: T::AccountId,
			/// The hash of the reason.
			reason: H256,
		},
		/// The award is final.
		TenderAwarded {
			/// The tender.
			tender: TenderId,
			/// The winner: the first candidate of the published ranking still certified as a
			/// bidder and not barred from bidding.
			winner: T::AccountId,
		},
		/// At finalization, a ranked candidate was passed over: its Bidder certificate is no
		/// longer valid or it is barred from bidding.
		CandidateSkipped {
			/// The tender.
			tender: TenderId,
			/// The candidate passed over.
			candidate: T::AccountId,
		},
		/// At finalization, no candidate of the published ranking could be awarded: a
		/// supervisor orders a re-evaluation.
		NoEligibleCandidate {
			/// The tender.
			tender: TenderId,
		},
		/// A supervisor suspended a tender.
		TenderSuspended {
			/// The tender.
			tender: TenderId,
			/// The supervisor.
			supervisor: T::AccountId,
			/// The hash of the reason.
			reason: H256,
		},
		/// A supervisor resumed a tender.
		TenderResumed {
			/// The tender.
			tender: TenderId,
			/// The supervisor.
			supervisor: T::AccountId,
			/// The hash of the reason.
			reason: H256,
		},
		/// A supervisor recorded a finding.
		FindingRecorded {
			/// The tender.
			tender: TenderId,
			/// The supervisor.
			supervisor: T::AccountId,
			/// The hash of the finding.
			finding: H256,
		},
		/// A tenderer entrusted an agency (委托) to publish its tenders.
		AgencyEntrusted {
			/// The tenderer (the principal of the agency's tenders).
			principal: T::AccountId,
			/// The agency.
			agency: T::AccountId,
		},
		/// A tenderer withdrew its entrustment of an agency.
		EntrustmentWithdrawn {
			/// The tenderer.
			principal: T::AccountId,
			/// The agency.
			agency: T::AccountId,
		},
		/// A resumption extended the window that was running when the tender was suspended, by
		/// the time suspended: nobody loses a right to a suspension.
		WindowExtended {
			/// The tender.
			tender: TenderId,
			/// Which window.
			window: ExtendedWindow,
			/// By how long (ms).
			by: u64,
			/// Its new end (Unix ms).
			ends: u64,
		},
		/// The council resumed a suspended tender.
		TenderResumedByCouncil {
			/// The tender.
			tender: TenderId,
			/// The hash of the council's decision.
			reason: H256,
		},
		/// A ranked candidate was passed over after publication (it declined the award, was
		/// disqualified on a complaint, or did not sign the contract in time).
		CandidatePassedOver {
			/// The tender.
			tender: TenderId,
			/// The candidate passed over.
			candidate: T::AccountId,
			/// The winner now, if the candidate was the winner and another remains.
			winner: Option<T::AccountId>,
		},
		/// A supervisor, deciding a complaint, declared the tender void (招标无效).
		TenderVoided {
			/// The tender.
			tender: TenderId,
			/// The supervisor.
			supervisor: T::AccountId,
			/// The hash of the decision's reasons.
			reason: H256,
		},
		/// A tender was published as the re-tender of a failed or void one.
		TenderRetendered {
			/// The failed or void tender.
			previous: TenderId,
			/// The tender that publishes it again.
			tender: TenderId,
		},
		/// The host trading centre lodged sealed bids (and decoys) on a tender: nothing names
		/// their bidders.
		BidsLodged {
			/// The tender.
			tender: TenderId,
			/// Entries in this call (new or replaced).
			entries: u32,
			/// Entries the tender holds now, decoys included.
			total: u32,
		},
		/// The host trading centre proved lodged entries decoys after the deadline.
		DecoysProven {
			/// The tender.
			tender: TenderId,
			/// How many.
			decoys: u32,
		},
		/// A bidder proved its seal on a lodged entry at reveal: the bid is its own.
		LodgedBidClaimed {
			/// The tender.
			tender: TenderId,
			/// The bidder.
			bidder: T::AccountId,
			/// The entry's seal.
			seal: H256,
		},
	}

	/// The errors of the tendering pallet.
	#[pallet::error]
	pub enum Error<T> {
		/// No tender has this id.
		UnknownTender,
		/// The title is longer than `MaxTitleLen` bytes. (No longer returned: the argument is
		/// bounded, a longer title does not decode; kept for the errors' indexes.)
		TitleTooLong,
		/// More speciality codes than `MaxSpecialities`. (No longer returned, as
		/// `TitleTooLong`.)
		TooManySpecialities,
		/// The deadline leaves bidders less than `MinNotice`.
		DeadlineTooSoon,
		/// The reveal window is shorter than `MinRevealWindow` or longer than `MaxRevealWindow`.
		InvalidRevealWindow,
		/// The minimum of valid bids must be at least 1 and at most the maximum of bidders,
		/// which may not exceed `MaxBidders`.
		InvalidBidderLimits,
		/// Only the tender's owner (its tenderer or agency) may do this.
		NotTheTenderOwner,
		/// The city is not a member of the consortium.
		UnknownCity,
		/// The bid deadline has passed: no more bids, replacements or withdrawals. The sealed
		/// bid, if any, is revealed now, within the reveal window.
		BidAfterDeadline,
		/// The bid deadline has passed: the tender can no longer be amended or cancelled. A
		/// supervisor can still suspend it.
		DeadlinePassed,
		/// An amendment may not shorten the time left below `MinNotice`.
		AmendmentTooLate,
		/// The tender holds its maximum of amendments.
		TooManyAmendments,
		/// The tender is not open for this action.
		TenderNotOpen,
		/// The tender is suspended by a supervisor.
		TenderSuspended,
		/// The tender is not suspended.
		TenderNotSuspended,
		/// This bidder already holds a live commitment; replace or withdraw it instead.
		AlreadyCommitted,
		/// The tender holds its maximum of bidders.
		TooManyBidders,
		/// This bidder holds no commitment on this tender.
		NoCommitment,
		/// Reveals start at the deadline.
		RevealBeforeDeadline,
		/// The reveal window has closed.
		RevealWindowClosed,
		/// The bid was already revealed or voided.
		AlreadyRevealed,
		/// The salt must be at least 16 bytes.
		SaltTooShort,
		/// The bids can be opened only after the reveal window.
		OpeningBeforeRevealEnds,
		/// Only the trading centre of the tender's city may do this.
		NotTheHostTradingCentre,
		/// Every ranked candidate must be a bidder whose bid was revealed and is not void: rank
		/// only bidders of the opening record's valid bids.
		CandidateNotAValidBidder,
		/// Only a seated member of the tender's drawn evaluation committee submits an
		/// evaluation.
		NotAnEvaluator,
		/// Only the tender's host trading centre or a supervisor certified in the tender's city
		/// may fail a tender whose committee cannot be completed.
		NotHostOrSupervisor,
		/// The tender's committee can still be completed (a replacement can be drawn, or one is
		/// pending): have the vacancy filled (`request_replacement`, or a supervisor's
		/// `order_replacement`).
		CommitteeFillable,
		/// The tender is not under evaluation (nor in its complaint period, when a member who
		/// has not yet evaluated may still record a dissent).
		NotEvaluating,
		/// A seat of the committee still waits for its expert or for a replacement draw: the
		/// evaluation begins when every seat is taken. Wait for the other members to take
		/// their seats.
		CommitteeIncomplete,
		/// The committee has more members than `MaxCommittee`: the runtime's bound is below
		/// the draw's. Ask the consortium to raise `MaxCommittee`.
		CommitteeTooLarge,
		/// The committee has fewer members than `MinCommittee` (招标投标法 §37: five or
		/// more): its evaluations cannot decide. The host must draw a committee of lawful size.
		CommitteeTooSmall,
		/// This expert has already submitted an evaluation of this tender: one per member (a
		/// supervisor's re-evaluation order clears them).
		AlreadyEvaluated,
		/// A ranking names at least one candidate (and at most three).
		EmptyRanking,
		/// A ranking names each candidate once.
		DuplicateCandidate,
		/// Only a tender whose committee has no majority (`NoMajority`), or none of whose ranked
		/// candidates could be awarded (`NoEligibleCandidate`), is re-evaluated.
		NotWithoutMajority,
		/// The tender is not in its complaint period.
		NotInPublicity,
		/// The complaint period has not ended.
		ComplaintPeriodRunning,
		/// An agency publishes a tender for its principal tenderer (招标人): name the
		/// principal's account, so that the expert draw avoids the principal too.
		PrincipalRequired,
		/// A tenderer publishing its own tender names no principal: leave it out (only an
		/// agency names the tenderer it acts for).
		PrincipalNotForTenderer,
		/// The principal named does not hold a valid Tenderer certificate: name the certified
		/// tenderer the agency acts for (its certificate renewed if it lapsed).
		PrincipalNotCertified,
		/// The principal named has not entrusted this agency on chain (or withdrew the
		/// entrustment): the tenderer first sends `entrust_agency` naming the agency.
		NotEntrusted,
		/// This tenderer has already entrusted this agency.
		AlreadyEntrusted,
		/// Only a participant with a valid Agency certificate can be entrusted: name the
		/// agency's certified account.
		NotAnAgency,
		/// Another certified account of the same legal identity (the certificate's identity
		/// hash) already holds a bid on this tender: one bid per company. Replace or withdraw
		/// that bid instead.
		IdentityAlreadyBid,
		/// The bidder's certificate gives no legal identity.
		NoIdentity,
		/// The supervisor's certificate is of another city than the tender's: a supervisor acts
		/// on the tenders of its jurisdiction only (a provincial body holds a certificate per
		/// city).
		NotInJurisdiction,
		/// Only the supervisor who suspended the tender, a supervisor of the tender's city, or
		/// the council (`resume_by_council`) lifts a suspension.
		NotTheSuspender,
		/// The tender documents change too close to the deadline: less than
		/// `MinAmendmentNotice` would remain. Move the deadline to at least now plus that
		/// notice in the same amendment.
		DocumentsChangedTooLate,
		/// This account has `MaxOpenTenders` tenders open: close (award, cancel) one first.
		TooManyOpenTenders,
		/// The council lifted this supervisor's suspension of the tender: the supervisor may not
		/// suspend it again (another supervisor of the city, or the council, may act).
		SuspensionOverruled,
		/// An objection is unanswered or a complaint undecided: the award cannot be finalized
		/// until the tenderer answers and the supervisors decide.
		AwardHeldByChallenge,
		/// Only a failed (流标) or void tender is published again: this one is still live (or
		/// was cancelled by its tenderer).
		NotFailed,
		/// This failed tender already has its re-tender: publish the next attempt as the
		/// re-tender of that one.
		AlreadyRetendered,
		/// The candidate is not among the tender's ranked candidates.
		NotACandidate,
		/// The tender is neither in its complaint period nor awarded: there is no award to
		/// challenge.
		NoAwardToChallenge,
		/// The tender is already closed (failed, cancelled or void).
		TenderClosed,
		/// The tender would hold more lodged entries than `MaxLodged`, decoys included.
		TooManyLodged,
		/// The seal's proof is not a valid VRF of the signer's key over the tender.
		InvalidSeal,
		/// No entry with the signer's seal was lodged on the tender.
		NoLodgedBid,
		/// A decoy preimage whose seal is not a lodged, unclaimed entry of the tender.
		NotADecoy,
		/// Decoys are proved only after the deadline and before the opening (so that the number
		/// of bids stays unknown until the deadline).
		DecoysBeforeDeadline,
		/// An entry is already lodged under this seal and the replacement does not show the
		/// key of its lock.
		NotTheSealOwner,
		/// The same seal twice in one lodging.
		DuplicateSeal,
		/// The claimant's certificate became valid only after the tender's deadline.
		CertifiedAfterDeadline,
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Publish a tender. A re-tender (重新招标) of a failed or void tender of the same owner
		/// names it (`retender_of`): the attempts form a chain, one re-tender per tender.
		///
		/// The dispatch origin must be signed by a participant with a valid Tenderer or Agency
		/// certificate. An agency names the account of the principal tenderer it acts for
		/// (`principal`): a participant with a valid Tenderer certificate that has entrusted
		/// this agency (`entrust_agency`); a tenderer publishing for itself names none. (A
		/// participant certified both as tenderer and as agency is taken as an agency:
		/// publishing for itself, it names its own account, which needs no entrustment.) The
		/// tender records the principal and its certificate's legal-identity hash, which the
		/// expert draw avoids.
		///
		/// The title is at most `MaxTitleLen` bytes and the speciality codes at most
		/// `MaxSpecialities` (the call's arguments are bounded: a larger call does not decode).
		/// The owner must not be barred from publishing (`Bar::Publishing`) and may have at most
		/// `MaxOpenTenders` tenders open.
		///
		/// Emits `TenderCreated`.
		#[pallet::call_index(0)]
		// The re-tender's checks (the earlier tender and its re-tender read, the link written)
		// beyond the measured figure: an estimate until scripts/benchmark.sh is re-run.
		#[pallet::weight(T::WeightInfo::create_tender().saturating_add(T::DbWeight::get().reads_writes(2, 1)))]
		pub fn create_tender(
			origin: OriginFor<T>,
			title: BoundedVec<u8, T::MaxTitleLen>,
			city: CityCode,
			specialities: BoundedVec<u16, T::MaxSpecialities>,
			documents: H256,
			deadline: u64,
			reveal_window: u64,
			min_valid_bids: u32,
			max_bidders: u32,
			principal: Option<T::AccountId>,
			retender_of: Option<TenderId>,
		) -> DispatchResult {
			let owner = ensure_signed(origin)?;
			let principal_identity = match T::Participants::ensure_role(&owner, Role::Agency) {
				Ok(()) => {
					let principal = principal.as_ref().ok_or(Error::<T>::PrincipalRequired)?;
					Some(Self::principal_identity(&owner, principal)?)
				},
				Err(agency) => {
					T::Participants::ensure_role(&owner, Role::Tenderer).map_err(|_| agency)?;
					ensure!(principal.is_none(), Error::<T>::PrincipalNotForTenderer);
					None
				},
			};
			T::Participants::ensure_not_barred(&owner, Bar::Publishing)?;
			ensure!(
				OpenTenders::<T>::get(&owner) < T::MaxOpenTenders::get(),
				Error::<T>::TooManyOpenTenders
			);
			ensure!(T::Cities::contains(&city), Error::<T>::UnknownCity);
			let now = T::Time::now();
			ensure!(
				deadline >= now.saturating_add(T::MinNotice::get()),
				Error::<T>::DeadlineTooSoon
			);
			ensure!(
				reveal_window >= T::MinRevealWindow::get()
					&& reveal_window <= T::MaxRevealWindow::get(),
				Error::<T>::InvalidRevealWindow
			);
			ensure!(
				min_valid_bids >= 1
					&& min_valid_bids <= max_bidders
					&& max_bidders <= T::MaxBidders::get(),
				Error::<T>::InvalidBidderLimits
			);
			if let Some(previous) = retender_of {
				let p = Tenders::<T>::get(previous).ok_or(Error::<T>::UnknownTender)?;
				ensure!(p.owner == owner, Error::<T>::NotTheTenderOwner);
				ensure!(
					matches!(p.state, TenderState::Failed | TenderState::Voided),
					Error::<T>::NotFailed
				);
				ensure!(!Retenders::<T>::contains_key(previous), Error::<T>::AlreadyRetendered);
			}
			let tender = NextTenderId::<T>::get();
			NextTenderId::<T>::put(tender.saturating_add(1));
			if let Some(previous) = retender_of {
				Retenders::<T>::insert(previous, tender);
				Self::deposit_event(Event::TenderRetendered { previous, tender });
			}
			OpenTenders::<T>::mutate(&owner, |n| *n = n.saturating_add(1));
			Tenders::<T>::insert(
				tender,
				Tender {
					owner: owner.clone(),
					city: city.clone(),
					title,
					specialities,
					documents,
					deadline,
					reveal_window,
					min_valid_bids,
					max_bidders,
					bids: 0,
					state: TenderState::Open,
					suspended: false,
					created_at: now,
					principal,
					principal_identity,
					retender_of,
				},
			);
			Self::deposit_event(Event::TenderCreated { tender, owner, city, deadline });
			Ok(())
		}

		/// Amend a tender before its deadline: a new deadline, new documents, or both, with the
		/// hash of the published reason. New documents need at least `MinAmendmentNotice` left
		/// before the (new) deadline: a late change moves the deadline with it
		/// (`DocumentsChangedTooLate` otherwise).
		///
		/// The dispatch origin must be signed by the tender's owner.
		///
		/// Emits `TenderAmended`.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::amend_tender())]
		pub fn amend_tender(
			origin: OriginFor<T>,
			tender: TenderId,
			new_deadline: Option<u64>,
			new_documents: Option<H256>,
			reason: H256,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let now = T::Time::now();
			let mut t = Self::open_tender(tender)?;
			ensure!(t.owner == who, Error::<T>::NotTheTenderOwner);
			ensure!(now < t.deadline, Error::<T>::DeadlinePassed);
			let deadline = new_deadline.unwrap_or(t.deadline);
			if deadline < t.deadline {
				ensure!(
					deadline >= now.saturating_add(T::MinNotice::get()),
					Error::<T>::AmendmentTooLate
				);
			}
			let documents = new_documents.unwrap_or(t.documents);
			if documents != t.documents {
				// Bidders need the notice to prepare bids for the changed documents.
				ensure!(
					deadline >= now.saturating_add(T::MinAmendmentNotice::get()),
					Error::<T>::DocumentsChangedTooLate
				);
			}
			let amendment = Amendment {
				at: now,
				old_deadline: t.deadline,
				new_deadline: deadline,
				documents,
				reason,
			};
			Amendments::<T>::try_mutate(tender, |list| list.try_push(amendment))
				.map_err(|_| Error::<T>::TooManyAmendments)?;
			let old_deadline = t.deadline;
			t.deadline = deadline;
			t.documents = documents;
			Tenders::<T>::insert(tender, t);
			Self::deposit_event(Event::TenderAmended {
				tender,
				old_deadline,
				new_deadline: deadline,
				documents,
				reason,
			});
			Ok(())
		}

		/// Cancel a tender before its deadline.
		///
		/// The dispatch origin must be signed by the tender's owner.
		///
		/// Emits `TenderCancelled`.
		#[pallet::call_index(2)]
		// The identities' bids removed (at most `MaxBidders`) beyond the measured figure: an
		// estimate until re-measured.
		#[pallet::weight(T::WeightInfo::cancel_tender().saturating_add(T::DbWeight::get().writes(T::MaxBidders::get().into())))]
		pub fn cancel_tender(
			origin: OriginFor<T>,
			tender: TenderId,
			reason: H256,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let mut t = Self::open_tender(tender)?;
			ensure!(t.owner == who, Error::<T>::NotTheTenderOwner);
			ensure!(T::Time::now() < t.deadline, Error::<T>::DeadlinePassed);
			t.state = TenderState::Cancelled;
			Self::closed(tender, &t);
			Tenders::<T>::insert(tender, t);
			Self::deposit_event(Event::TenderCancelled { tender, reason });
			Ok(())
		}

		/// Commit a sealed bid: only its commitment (see [`commitment`]).
		///
		/// The dispatch origin must be signed by a participant with a valid Bidder certificate,
		/// not barred from bidding, before the deadline; one bid per legal identity (no other
		/// account of the same certificate identity may hold one on the tender).
		///
		/// Emits `BidCommitted`.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::commit_bid())]
		pub fn commit_bid(
			origin: OriginFor<T>,
			tender: TenderId,
			commitment: H256,
		) -> DispatchResult {
			let bidder = ensure_signed(origin)?;
			let now = T::Time::now();
			let mut t = Self::biddable(tender, &bidder, now)?;
			ensure!(!Bids::<T>::contains_key(tender, &bidder), Error::<T>::AlreadyCommitted);
			let identity = T::Participants::identity_of(&bidder).ok_or(Error::<T>::NoIdentity)?;
			ensure!(
				!BidIdentities::<T>::contains_key(tender, identity),
				Error::<T>::IdentityAlreadyBid
			);
			ensure!(t.bids < t.max_bidders, Error::<T>::TooManyBidders);
			t.bids = t.bids.saturating_add(1);
			Tenders::<T>::insert(tender, t);
			BidIdentities::<T>::insert(tender, identity, &bidder);
			Bids::<T>::insert(
				tender,
				&bidder,
				Bid { commitment, committed_at: now, state: BidState::Sealed },
			);
			Self::deposit_event(Event::BidCommitted { tender, bidder, commitment });
			Ok(())
		}

		/// Replace one's sealed bid before the deadline.
		///
		/// The dispatch origin must be signed by the bidder, with a valid Bidder certificate and
		/// not barred.
		///
		/// Emits `BidCommitted`.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::replace_bid())]
		pub fn replace_bid(
			origin: OriginFor<T>,
			tender: TenderId,
			commitment: H256,
		) -> DispatchResult {
			let bidder = ensure_signed(origin)?;
			let now = T::Time::now();
			Self::biddable(tender, &bidder, now)?;
			ensure!(Bids::<T>::contains_key(tender, &bidder), Error::<T>::NoCommitment);
			Bids::<T>::insert(
				tender,
				&bidder,
				Bid { commitment, committed_at: now, state: BidState::Sealed },
			);
			Self::deposit_event(Event::BidCommitted { tender, bidder, commitment });
			Ok(())
		}

		/// Withdraw one's sealed bid before the deadline.
		///
		/// The dispatch origin must be signed by the bidder.
		///
		/// Emits `BidWithdrawn`.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::withdraw_bid())]
		pub fn withdraw_bid(origin: OriginFor<T>, tender: TenderId) -> DispatchResult {
			let bidder = ensure_signed(origin)?;
			let mut t = Self::open_tender(tender)?;
			ensure!(!t.suspended, Error::<T>::TenderSuspended);
			ensure!(T::Time::now() < t.deadline, Error::<T>::BidAfterDeadline);
			ensure!(Bids::<T>::contains_key(tender, &bidder), Error::<T>::NoCommitment);
			t.bids = t.bids.saturating_sub(1);
			Tenders::<T>::insert(tender, t);
			Bids::<T>::remove(tender, &bidder);
			Self::forget_identity(tender, &bidder);
			Self::deposit_event(Event::BidWithdrawn { tender, bidder });
			Ok(())
		}

		/// Reveal one's bid after the deadline, within the reveal window: the file hash, the
		/// fingerprint hash, the main terms (price, duration, quality commitment) and the salt.
		/// A reveal that does not hash to the commitment voids the bid.
		///
		/// The dispatch origin must be signed by the bidder.
		///
		/// Emits `BidRevealed` (and `CollusionSuspected` if another bidder revealed the same
		/// file or fingerprint), or `BidVoided`.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::reveal_bid())]
		pub fn reveal_bid(
			origin: OriginFor<T>,
			tender: TenderId,
			terms: BidTerms,
			file_hash: H256,
			fingerprint: H256,
			salt: Salt,
		) -> DispatchResult {
			let bidder = ensure_signed(origin)?;
			let now = T::Time::now();
			let t = Self::open_tender(tender)?;
			ensure!(!t.suspended, Error::<T>::TenderSuspended);
			ensure!(now >= t.deadline, Error::<T>::RevealBeforeDeadline);
			ensure!(now < t.reveal_ends(), Error::<T>::RevealWindowClosed);
			ensure!(salt.len() as u32 >= MIN_SALT_LEN, Error::<T>::SaltTooShort);
			let bid = Bids::<T>::get(tender, &bidder).ok_or(Error::<T>::NoCommitment)?;
			ensure!(bid.state == BidState::Sealed, Error::<T>::AlreadyRevealed);
			Self::reveal(tender, bidder, bid, terms, file_hash, fingerprint, &salt);
			Ok(())
		}

		/// Lodge sealed bids on a tender as its host trading centre (密封递交): each entry is a
		/// bidder's seal on the tender and its commitment, or a decoy. Nothing in the call, its
		/// event or the storage it writes names a bidder, and decoys hide the number of bids
		/// until the deadline. An entry whose seal was lodged before replaces it (the bidder
		/// changed its bid), if it shows the key of that entry's lock (which only its bidder can
		/// derive). The centre gives each bidder a signed acknowledgement off chain.
		///
		/// The dispatch origin must be signed by the trading centre of the tender's city,
		/// before the deadline, with the tender not suspended.
		///
		/// Emits `BidsLodged`.
		#[pallet::call_index(19)]
		#[pallet::weight(T::WeightInfo::lodge_bids(entries.len() as u32))]
		pub fn lodge_bids(
			origin: OriginFor<T>,
			tender: TenderId,
			entries: BoundedVec<LodgedEntry, T::MaxLodged>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let now = T::Time::now();
			let t = Self::open_tender(tender)?;
			Self::ensure_host_centre(&who, &t)?;
			ensure!(!t.suspended, Error::<T>::TenderSuspended);
			ensure!(now < t.deadline, Error::<T>::BidAfterDeadline);
			let mut total = LodgedCount::<T>::get(tender);
			for (i, entry) in entries.iter().enumerate() {
				ensure!(
					!entries.iter().take(i).any(|e| e.seal == entry.seal),
					Error::<T>::DuplicateSeal
				);
				match Lodged::<T>::get(tender, entry.seal) {
					// A replacement: only with the key of the entry's lock.
					Some(lodged) => ensure!(
						entry.unlock.is_some_and(|key| lodge_lock(&key) == lodged.lock),
						Error::<T>::NotTheSealOwner
					),
					None => total = total.saturating_add(1),
				}
			}
			ensure!(total <= T::MaxLodged::get(), Error::<T>::TooManyLodged);
			for entry in &entries {
				Lodged::<T>::insert(
					tender,
					entry.seal,
					LodgedBid {
						commitment: entry.commitment,
						lock: entry.lock,
						lodged_at: now,
						state: LodgedState::Sealed,
					},
				);
			}
			LodgedCount::<T>::insert(tender, total);
			Self::deposit_event(Event::BidsLodged { tender, entries: entries.len() as u32, total });
			Ok(())
		}

		/// Prove lodged entries decoys, after the deadline and before the opening: each
		/// preimage's seal ([`decoy_seal`]) must be an unclaimed entry of the tender. No
		/// bidder's seal has such a preimage, so no real bid can be passed off as a decoy.
		///
		/// The dispatch origin must be signed by the trading centre of the tender's city.
		///
		/// Emits `DecoysProven`.
		#[pallet::call_index(20)]
		#[pallet::weight(T::WeightInfo::prove_decoys(preimages.len() as u32))]
		pub fn prove_decoys(
			origin: OriginFor<T>,
			tender: TenderId,
			preimages: BoundedVec<H256, T::MaxLodged>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let t = Self::open_tender(tender)?;
			Self::ensure_host_centre(&who, &t)?;
			ensure!(T::Time::now() >= t.deadline, Error::<T>::DecoysBeforeDeadline);
			let genesis = Self::genesis_hash();
			let mut proven = Vec::with_capacity(preimages.len());
			for preimage in &preimages {
				let seal = decoy_seal(&genesis, tender, preimage);
				let entry = Lodged::<T>::get(tender, seal).ok_or(Error::<T>::NotADecoy)?;
				ensure!(
					entry.state == LodgedState::Sealed && !proven.contains(&seal),
					Error::<T>::NotADecoy
				);
				proven.push(seal);
			}
			for seal in &proven {
				Lodged::<T>::mutate(tender, seal, |entry| {
					if let Some(entry) = entry {
						entry.state = LodgedState::Decoy;
					}
				});
			}
			Self::deposit_event(Event::DecoysProven { tender, decoys: proven.len() as u32 });
			Ok(())
		}

		/// Reveal a bid the host trading centre lodged: as `reveal_bid`, with the proof of
		/// one's seal on the tender (the VRF pre-output and proof of one's account key over
		/// [`seal_input`]). The entry becomes one's bid, checked then as a commitment is: a
		/// valid Bidder certificate (valid since before the deadline), no bidding bar, one bid
		/// per legal identity, at most `MaxBidders` bids; then the reveal is checked against the
		/// commitment.
		///
		/// The dispatch origin must be signed by the bidder, within the reveal window.
		///
		/// Emits `LodgedBidClaimed`, then as `reveal_bid`.
		#[pallet::call_index(21)]
		#[pallet::weight(T::WeightInfo::reveal_lodged_bid())]
		pub fn reveal_lodged_bid(
			origin: OriginFor<T>,
			tender: TenderId,
			terms: BidTerms,
			file_hash: H256,
			fingerprint: H256,
			salt: Salt,
			seal_pre_output: [u8; 32],
			seal_proof: [u8; 64],
		) -> DispatchResult {
			let bidder = ensure_signed(origin)?;
			let now = T::Time::now();
			let mut t = Self::open_tender(tender)?;
			ensure!(!t.suspended, Error::<T>::TenderSuspended);
			ensure!(now >= t.deadline, Error::<T>::RevealBeforeDeadline);
			ensure!(now < t.reveal_ends(), Error::<T>::RevealWindowClosed);
			ensure!(salt.len() as u32 >= MIN_SALT_LEN, Error::<T>::SaltTooShort);
			let input = seal_input(&Self::genesis_hash(), tender);
			let seal = T::Seals::verify(&bidder, &input, &seal_pre_output, &seal_proof)
				.ok_or(Error::<T>::InvalidSeal)?;
			let mut entry = Lodged::<T>::get(tender, seal).ok_or(Error::<T>::NoLodgedBid)?;
			ensure!(entry.state == LodgedState::Sealed, Error::<T>::AlreadyRevealed);
			// Eligible as a commitment would have been checked, with a certificate valid since
			// before the deadline (a certificate obtained after it cannot claim a bid lodged
			// before it).
			T::Participants::ensure_role(&bidder, Role::Bidder)?;
			T::Participants::ensure_not_barred(&bidder, Bar::Bidding)?;
			ensure!(
				T::Participants::certified_since(&bidder).is_some_and(|since| since < t.deadline),
				Error::<T>::CertifiedAfterDeadline
			);
			ensure!(!Bids::<T>::contains_key(tender, &bidder), Error::<T>::AlreadyCommitted);
			let identity = T::Participants::identity_of(&bidder).ok_or(Error::<T>::NoIdentity)?;
			ensure!(
				!BidIdentities::<T>::contains_key(tender, identity),
				Error::<T>::IdentityAlreadyBid
			);
			// Lodged bids were accepted before the deadline without a count anyone could see:
			// claims are bounded by the storage bound only, so that no race of claims or late
			// direct commitments can shut out an acknowledged bid.
			ensure!(t.bids < T::MaxBidders::get(), Error::<T>::TooManyBidders);
			t.bids = t.bids.saturating_add(1);
			Tenders::<T>::insert(tender, t);
			BidIdentities::<T>::insert(tender, identity, &bidder);
			entry.state = LodgedState::Claimed(bidder.clone());
			let bid = Bid {
				commitment: entry.commitment,
				committed_at: entry.lodged_at,
				state: BidState::Sealed,
			};
			Lodged::<T>::insert(tender, seal, entry);
			Self::deposit_event(Event::LodgedBidClaimed { tender, bidder: bidder.clone(), seal });
			Self::reveal(tender, bidder, bid, terms, file_hash, fingerprint, &salt);
			Ok(())
		}

		/// Open the bids after the reveal window (开标, 唱标): unrevealed bids become void, and the
		/// opening record (valid bids with their prices, durations and quality commitments, void
		/// bids and reasons, the record's hash) is stored. With fewer
		/// valid bids than the tender's minimum, the tender fails (流标).
		///
		/// The dispatch origin must be signed by the trading centre of the tender's city.
		///
		/// Emits `BidVoided` for each unrevealed bid, `BidsOpened`, and `TenderFailed` if too few
		/// bids are valid.
		#[pallet::call_index(7)]
		// estimate until scripts/benchmark.sh is re-run: the committee told of the opening (one
		// read and write) and the reveal indexes removed (two writes a bid) beyond the measured
		// figure.
		// and the lodged entries counted (one read each).
		#[pallet::weight(T::WeightInfo::open_bids(T::MaxBidders::get()).saturating_add(T::DbWeight::get().reads_writes(1, 1)).saturating_add(T::DbWeight::get().writes(2u64.saturating_mul(T::MaxBidders::get().into()))).saturating_add(T::DbWeight::get().reads(T::MaxLodged::get().into())))]
		pub fn open_bids(origin: OriginFor<T>, tender: TenderId) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let now = T::Time::now();
			let mut t = Self::open_tender(tender)?;
			Self::ensure_host_centre(&who, &t)?;
			ensure!(!t.suspended, Error::<T>::TenderSuspended);
			ensure!(now >= t.reveal_ends(), Error::<T>::OpeningBeforeRevealEnds);

			let mut valid = BoundedVec::<OpenedBid<T::AccountId>, T::MaxBidders>::new();
			let mut void = BoundedVec::<(T::AccountId, VoidReason), T::MaxBidders>::new();
			let mut unrevealed = Vec::new();
			// At most `max_bidders` (≤ MaxBidders) entries, as commit_bid enforces: the pushes
			// cannot fail.
			for (bidder, bid) in Bids::<T>::iter_prefix(tender) {
				match bid.state {
					BidState::Revealed { file_hash, terms, .. } => {
						let _ = valid.try_push(OpenedBid { bidder, file_hash, terms });
					},
					BidState::Void(reason) => {
						let _ = void.try_push((bidder, reason));
					},
					BidState::Sealed => {
						unrevealed.push(bidder.clone());
						let _ = void.try_push((bidder, VoidReason::NotRevealed));
					},
				}
			}
			// The lodged entries: claimed ones are among the bids above; decoys proven; the
			// rest were lodged and never revealed, by bidders nobody can name.
			let mut sealed = SealedTally::default();
			for (_, entry) in Lodged::<T>::iter_prefix(tender) {
				sealed.lodged = sealed.lodged.saturating_add(1);
				match entry.state {
					LodgedState::Sealed => sealed.unclaimed = sealed.unclaimed.saturating_add(1),
					LodgedState::Claimed(_) => sealed.claimed = sealed.claimed.saturating_add(1),
					LodgedState::Decoy => sealed.decoys = sealed.decoys.saturating_add(1),
				}
			}
			// A canonical order, so that anyone recomputes the same record hash.
			valid.sort_by(|a, b| a.bidder.encode().cmp(&b.bidder.encode()));
			void.sort_by(|a, b| a.0.encode().cmp(&b.0.encode()));
			for bidder in unrevealed {
				Bids::<T>::mutate(tender, &bidder, |bid| {
					if let Some(bid) = bid {
						bid.state = BidState::Void(VoidReason::NotRevealed);
					}
				});
				Self::deposit_event(Event::BidVoided {
					tender,
					bidder,
					reason: VoidReason::NotRevealed,
				});
			}
			let hash =
				H256(sp_io::hashing::blake2_256(&(tender, now, &valid, &void, sealed).encode()));
			let (n_valid, n_void) = (valid.len() as u32, void.len() as u32);
			OpeningRecords::<T>::insert(
				tender,
				OpeningRecord { at: now, valid, void, sealed, hash },
			);
			Self::deposit_event(Event::BidsOpened {
				tender,
				valid: n_valid,
				void: n_void,
				record: hash,
			});
			// The reveals are over: the collusion index and the identities' bids have served.
			let bound = T::MaxBidders::get();
			let _ = RevealedFiles::<T>::clear_prefix(tender, bound, None);
			let _ = RevealedFingerprints::<T>::clear_prefix(tender, bound, None);
			let _ = BidIdentities::<T>::clear_prefix(tender, bound, None);
			if n_valid < t.min_valid_bids {
				t.state = TenderState::Failed;
				Self::closed(tender, &t);
				Self::deposit_event(Event::TenderFailed {
					tender,
					valid: n_valid,
					needed: t.min_valid_bids,
				});
			} else {
				t.state = TenderState::Evaluating;
				T::Committee::evaluation_began(tender);
			}
			let (bids, lodged) = (t.bids, sealed.lodged);
			Tenders::<T>::insert(tender, t);
			Ok(Some(
				T::WeightInfo::open_bids(bids)
					.saturating_add(T::DbWeight::get().reads_writes(1, 1))
					.saturating_add(T::DbWeight::get().writes(2u64.saturating_mul(bids.into())))
					.saturating_add(T::DbWeight::get().reads(lodged.into())),
			)
			.into())
		}

		/// Submit one's evaluation of a tender: the hash of one's signed score sheet and one's
		/// ranking of one to three candidates, best first. The committee decides: once more
		/// than half of its members have submitted the same ranking, that ranking is published
		/// (the first candidate for the complaint period) and the members who ranked otherwise
		/// are recorded as dissenting; once every member has submitted and no ranking has a
		/// majority, the tender is `NoMajority`. During the complaint period a member who had
		/// not yet evaluated may still submit, to sign the report or record a dissent; the
		/// published result does not change.
		///
		/// The dispatch origin must be signed by a seated member of the tender's committee, with
		/// a valid Expert certificate and not barred from evaluation, once every seat of the
		/// committee is taken.
		///
		/// Emits `EvaluationSubmitted`; then `CandidatePublished` and `DissentRecorded` for each
		/// dissenting member, or `NoMajority`, or (during the complaint period)
		/// `DissentRecorded` if the ranking differs from the published one.
		#[pallet::call_index(13)]
		#[pallet::weight(T::WeightInfo::submit_evaluation())]
		pub fn submit_evaluation(
			origin: OriginFor<T>,
			tender: TenderId,
			score_sheet: H256,
			ranking: Ranking<T::AccountId>,
		) -> DispatchResult {
			let expert = ensure_signed(origin)?;
			let mut t = Tenders::<T>::get(tender).ok_or(Error::<T>::UnknownTender)?;
			ensure!(!t.suspended, Error::<T>::TenderSuspended);
			ensure!(
				matches!(t.state, TenderState::Evaluating | TenderState::Publicity),
				Error::<T>::NotEvaluating
			);
			ensure!(T::Committee::is_seated(tender, &expert), Error::<T>::NotAnEvaluator);
			let members =
				T::Committee::complete_committee(tender).ok_or(Error::<T>::CommitteeIncomplete)?;
			ensure!(
				members.len() <= T::MaxCommittee::get() as usize,
				Error::<T>::CommitteeTooLarge
			);
			ensure!(
				members.len() >= T::MinCommittee::get() as usize,
				Error::<T>::CommitteeTooSmall
			);
			ensure!(members.contains(&expert), Error::<T>::NotAnEvaluator);
			// Seated once, checked again now: a certificate revoked or a bar imposed since.
			T::Participants::ensure_role(&expert, Role::Expert)?;
			T::Participants::ensure_not_barred(&expert, Bar::Evaluation)?;
			Self::ensure_valid_ranking(tender, &ranking)?;

			let mut evaluations = Evaluations::<T>::get(tender);
			ensure!(!evaluations.iter().any(|e| e.expert == expert), Error::<T>::AlreadyEvaluated);
			let now = T::Time::now();
			let evaluation = Evaluation {
				expert: expert.clone(),
				score_sheet,
				ranking: ranking.clone(),
				at: now,
			};

			if t.state == TenderState::Publicity {
				// The result is published: a late member signs it or dissents; nothing else moves.
				let award = Awards::<T>::get(tender).ok_or(Error::<T>::NotEvaluating)?;
				let mut dissents = Dissents::<T>::get(tender);
				let differs = ranking != award.ranking;
				evaluations.try_push(evaluation).map_err(|_| Error::<T>::CommitteeTooLarge)?;
				if differs {
					dissents
						.try_push(Dissent {
							expert: expert.clone(),
							ranking: ranking.clone(),
							score_sheet,
						})
						.map_err(|_| Error::<T>::CommitteeTooLarge)?;
				}
				Evaluations::<T>::insert(tender, evaluations);
				Self::deposit_event(Event::EvaluationSubmitted {
					tender,
					expert: expert.clone(),
					score_sheet,
					ranking,
				});
				if differs {
					Dissents::<T>::insert(tender, dissents);
					Self::deposit_event(Event::DissentRecorded { tender, expert, score_sheet });
				}
				return Ok(());
			}

			// A change of members since the first evaluation clears every evaluation: removing
			// one member cannot erase that member's cast vote while keeping the others'.
			let mut reset = false;
			if !evaluations.is_empty() {
				let before = EvaluatingMembers::<T>::get(tender);
				let same =
					before.len() == members.len() && members.iter().all(|m| before.contains(m));
				if !same {
					evaluations.clear();
					reset = true;
				}
			}
			if evaluations.is_empty() {
				// Within `MaxCommittee`, checked above.
				EvaluatingMembers::<T>::insert(
					tender,
					BoundedVec::<T::AccountId, T::MaxCommittee>::truncate_from(members.clone()),
				);
			}
			if reset {
				Self::deposit_event(Event::EvaluationsReset { tender });
			}
			evaluations.try_push(evaluation).map_err(|_| Error::<T>::CommitteeTooLarge)?;
			// Clearing evaluations never raises a ranking's count: only the ranking just
			// submitted can have reached a majority.
			let agreeing = evaluations.iter().filter(|e| e.ranking == ranking).count();
			let outcome = if agreeing.saturating_mul(2) > members.len() {
				let mut majority = Vec::with_capacity(agreeing);
				let mut dissents = BoundedVec::<Dissent<T::AccountId>, T::MaxCommittee>::new();
				for e in evaluations.iter() {
					if e.ranking == ranking {
						majority.push((e.expert.clone(), e.score_sheet));
					} else {
						// At most as many as `evaluations`, itself within `MaxCommittee`.
						dissents
							.try_push(Dissent {
								expert: e.expert.clone(),
								ranking: e.ranking.clone(),
								score_sheet: e.score_sheet,
							})
							.map_err(|_| Error::<T>::CommitteeTooLarge)?;
					}
				}
				let winner = ranking.first().cloned().ok_or(Error::<T>::EmptyRanking)?;
				let report =
					H256(sp_io::hashing::blake2_256(&(tender, &ranking, &majority).encode()));
				Some((winner, report, dissents))
			} else {
				None
			};

			let everyone = evaluations.len() >= members.len();
			Evaluations::<T>::insert(tender, evaluations);
			Self::deposit_event(Event::EvaluationSubmitted {
				tender,
				expert,
				score_sheet,
				ranking: ranking.clone(),
			});
			match outcome {
				Some((winner, report, dissents)) => {
					let publicity_ends = now.saturating_add(T::ComplaintPeriod::get());
					t.state = TenderState::Publicity;
					Tenders::<T>::insert(tender, t);
					Awards::<T>::insert(
						tender,
						Award {
							winner: winner.clone(),
							report,
							publicity_ends,
							ranking: ranking.clone(),
						},
					);
					Self::deposit_event(Event::CandidatePublished {
						tender,
						winner,
						report,
						publicity_ends,
						ranking,
					});
					for d in dissents.iter() {
						Self::deposit_event(Event::DissentRecorded {
							tender,
							expert: d.expert.clone(),
							score_sheet: d.score_sheet,
						});
					}
					Dissents::<T>::insert(tender, dissents);
				},
				None if everyone => {
					t.state = TenderState::NoMajority;
					Tenders::<T>::insert(tender, t);
					Self::deposit_event(Event::NoMajority {
						tender,
						members: members.len() as u32,
					});
				},
				None => {},
			}
			Ok(())
		}

		/// Order a re-evaluation of a tender whose committee had no majority, or none of whose
		/// ranked candidates could be awarded at finalization: the evaluations (and the award
		/// and dissents, if any) are cleared and the tender is under evaluation again; each
		/// member submits anew. (Only from `NoMajority` or `NoEligibleCandidate`: a published
		/// result is challenged through the complaint period, not re-evaluated by this call.)
		/// A full supervision record never refuses it (its oldest entry is dropped).
		///
		/// The dispatch origin must be signed by a participant with a valid Supervisor
		/// certificate.
		///
		/// Emits `ReevaluationOrdered`.
		#[pallet::call_index(14)]
		#[pallet::weight(T::WeightInfo::order_reevaluation())]
		pub fn order_reevaluation(
			origin: OriginFor<T>,
			tender: TenderId,
			reason: H256,
		) -> DispatchResult {
			let supervisor = Self::supervisor(origin)?;
			let mut t = Tenders::<T>::get(tender).ok_or(Error::<T>::UnknownTender)?;
			Self::ensure_jurisdiction(&supervisor, &t)?;
			ensure!(
				matches!(t.state, TenderState::NoMajority | TenderState::NoEligibleCandidate),
				Error::<T>::NotWithoutMajority
			);
			Self::note_supervision(tender, SupervisionKind::Reevaluation, &supervisor, reason);
			t.state = TenderState::Evaluating;
			Tenders::<T>::insert(tender, t);
			Evaluations::<T>::remove(tender);
			EvaluatingMembers::<T>::remove(tender);
			Awards::<T>::remove(tender);
			Dissents::<T>::remove(tender);
			Self::deposit_event(Event::ReevaluationOrdered { tender, supervisor, reason });
			Ok(())
		}

		/// Make the award final once the complaint period has ended without a suspension, and
		/// with no objection unanswered or complaint undecided (`AwardHeldByChallenge`).
		///
		/// The published ranking is walked in order and each candidate's certificate and bars
		/// are checked again now: the first candidate with a valid Bidder certificate, not
		/// barred from bidding, is awarded (it becomes the award's `winner`); each candidate
		/// passed over is recorded (`CandidateSkipped`). When none passes, the tender is
		/// `NoEligibleCandidate` and a supervisor orders a re-evaluation.
		///
		/// The dispatch origin must be signed (by anyone).
		///
		/// Emits `CandidateSkipped` for each candidate passed over, then `TenderAwarded` or
		/// `NoEligibleCandidate`.
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::finalize_award().saturating_add(T::Challenges::award_held_weight()))]
		pub fn finalize_award(origin: OriginFor<T>, tender: TenderId) -> DispatchResult {
			ensure_signed(origin)?;
			let mut t = Tenders::<T>::get(tender).ok_or(Error::<T>::UnknownTender)?;
			ensure!(!t.suspended, Error::<T>::TenderSuspended);
			ensure!(t.state == TenderState::Publicity, Error::<T>::NotInPublicity);
			let mut award = Awards::<T>::get(tender).ok_or(Error::<T>::NotInPublicity)?;
			ensure!(T::Time::now() >= award.publicity_ends, Error::<T>::ComplaintPeriodRunning);
			ensure!(!T::Challenges::award_held(tender), Error::<T>::AwardHeldByChallenge);
			let winner = award.ranking.iter().position(Self::may_be_awarded);
			let skipped = winner.unwrap_or(award.ranking.len());
			for candidate in award.ranking.iter().take(skipped) {
				Self::deposit_event(Event::CandidateSkipped {
					tender,
					candidate: candidate.clone(),
				});
			}
			match winner.and_then(|i| award.ranking.get(i)).cloned() {
				Some(winner) => {
					t.state = TenderState::Awarded;
					Self::closed(tender, &t);
					award.winner = winner.clone();
					Awards::<T>::insert(tender, award);
					Self::deposit_event(Event::TenderAwarded { tender, winner });
				},
				None => {
					t.state = TenderState::NoEligibleCandidate;
					Self::deposit_event(Event::NoEligibleCandidate { tender });
				},
			}
			Tenders::<T>::insert(tender, t);
			Ok(())
		}

		/// Suspend a tender: every action on it stops until it is resumed. A full supervision
		/// record never refuses it (its oldest entry is dropped; findings are kept apart).
		///
		/// The dispatch origin must be signed by a participant with a valid Supervisor
		/// certificate of the tender's city (its jurisdiction).
		///
		/// Emits `TenderSuspended`.
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::suspend())]
		pub fn suspend(origin: OriginFor<T>, tender: TenderId, reason: H256) -> DispatchResult {
			let supervisor = Self::supervisor(origin)?;
			let mut t = Tenders::<T>::get(tender).ok_or(Error::<T>::UnknownTender)?;
			Self::ensure_jurisdiction(&supervisor, &t)?;
			ensure!(!t.suspended, Error::<T>::TenderSuspended);
			if let Some(identity) = T::Participants::identity_of(&supervisor) {
				ensure!(
					!OverruledSuspenders::<T>::contains_key(tender, identity),
					Error::<T>::SuspensionOverruled
				);
			}
			ensure!(
				matches!(
					t.state,
					TenderState::Open
						| TenderState::Evaluating
						| TenderState::NoMajority
						| TenderState::NoEligibleCandidate
						| TenderState::Publicity
				),
				Error::<T>::TenderNotOpen
			);
			Self::note_supervision(tender, SupervisionKind::Suspend, &supervisor, reason);
			Suspensions::<T>::insert(
				tender,
				Suspension { supervisor: supervisor.clone(), at: T::Time::now(), reason },
			);
			t.suspended = true;
			Tenders::<T>::insert(tender, t);
			Self::deposit_event(Event::TenderSuspended { tender, supervisor, reason });
			Ok(())
		}

		/// Resume a suspended tender. The window running when it was suspended (bidding,
		/// reveal, or complaint period) is extended by the time suspended. A full supervision
		/// record never refuses it (its oldest entry is dropped).
		///
		/// The dispatch origin must be signed by the supervisor who suspended the tender, or by
		/// a participant with a valid Supervisor certificate of the tender's city. (The council
		/// resumes any suspension with `resume_by_council`.)
		///
		/// Emits `TenderResumed`, and `WindowExtended` when a window was running.
		#[pallet::call_index(11)]
		#[pallet::weight(T::WeightInfo::resume())]
		pub fn resume(origin: OriginFor<T>, tender: TenderId, reason: H256) -> DispatchResult {
			let supervisor = Self::supervisor(origin)?;
			let t = Tenders::<T>::get(tender).ok_or(Error::<T>::UnknownTender)?;
			ensure!(t.suspended, Error::<T>::TenderNotSuspended);
			let suspender = Suspensions::<T>::get(tender).map(|s| s.supervisor);
			ensure!(
				suspender.as_ref() == Some(&supervisor)
					|| Self::ensure_jurisdiction(&supervisor, &t).is_ok(),
				Error::<T>::NotTheSuspender
			);
			Self::note_supervision(tender, SupervisionKind::Resume, &supervisor, reason);
			Self::lift_suspension(tender, t);
			Self::deposit_event(Event::TenderResumed { tender, supervisor, reason });
			Ok(())
		}

		/// Record a supervisory finding on a tender. Findings are kept apart from suspensions
		/// and resumptions ([`Findings`]: the latest `MaxFindings`, and [`FindingCount`]), so
		/// that they never block either.
		///
		/// The dispatch origin must be signed by a participant with a valid Supervisor
		/// certificate of the tender's city.
		///
		/// Emits `FindingRecorded`.
		#[pallet::call_index(12)]
		#[pallet::weight(T::WeightInfo::record_finding())]
		pub fn record_finding(
			origin: OriginFor<T>,
			tender: TenderId,
			finding: H256,
		) -> DispatchResult {
			let supervisor = Self::supervisor(origin)?;
			let t = Tenders::<T>::get(tender).ok_or(Error::<T>::UnknownTender)?;
			Self::ensure_jurisdiction(&supervisor, &t)?;
			let entry =
				SupervisorFinding { supervisor: supervisor.clone(), finding, at: T::Time::now() };
			Findings::<T>::mutate(tender, |list| {
				if list.len() >= T::MaxFindings::get() as usize && !list.is_empty() {
					list.remove(0);
				}
				// Room made above (a bound of zero keeps no entry, only the count).
				let _ = list.try_push(entry);
			});
			FindingCount::<T>::mutate(tender, |n| *n = n.saturating_add(1));
			Self::deposit_event(Event::FindingRecorded { tender, supervisor, finding });
			Ok(())
		}

		/// Entrust an agency (委托招标代理) to publish tenders for oneself: the agency may then
		/// name one as the principal of its tenders, and the expert draw avoids one's identity
		/// in them.
		///
		/// The dispatch origin must be signed by a participant with a valid Tenderer
		/// certificate; `agency` must hold a valid Agency certificate.
		///
		/// Emits `AgencyEntrusted`.
		#[pallet::call_index(15)]
		#[pallet::weight(T::WeightInfo::entrust_agency())]
		pub fn entrust_agency(origin: OriginFor<T>, agency: T::AccountId) -> DispatchResult {
			let principal = ensure_signed(origin)?;
			T::Participants::ensure_role(&principal, Role::Tenderer)?;
			T::Participants::ensure_role(&agency, Role::Agency)
				.map_err(|_| Error::<T>::NotAnAgency)?;
			ensure!(
				!Entrustments::<T>::contains_key(&principal, &agency),
				Error::<T>::AlreadyEntrusted
			);
			Entrustments::<T>::insert(&principal, &agency, T::Time::now());
			Self::deposit_event(Event::AgencyEntrusted { principal, agency });
			Ok(())
		}

		/// Withdraw one's entrustment of an agency: it can publish no further tender for
		/// oneself. Tenders it already published keep their principal (and their avoidance).
		///
		/// The dispatch origin must be signed by the tenderer that entrusted the agency.
		///
		/// Emits `EntrustmentWithdrawn`.
		#[pallet::call_index(16)]
		#[pallet::weight(T::WeightInfo::withdraw_entrustment())]
		pub fn withdraw_entrustment(origin: OriginFor<T>, agency: T::AccountId) -> DispatchResult {
			let principal = ensure_signed(origin)?;
			ensure!(Entrustments::<T>::contains_key(&principal, &agency), Error::<T>::NotEntrusted);
			Entrustments::<T>::remove(&principal, &agency);
			Self::deposit_event(Event::EntrustmentWithdrawn { principal, agency });
			Ok(())
		}

		/// Fail a tender under evaluation whose committee can never be completed: a vacancy
		/// can no longer be filled (the committee record or the tender's draws are full, the
		/// host's and the supervisors' replacement allowances are spent, or the pool has too few
		/// eligible experts), as the expert draw answers (`committee_unfillable`). The tender
		/// becomes `Failed`; the host publishes it again if it is still wanted.
		///
		/// The dispatch origin must be signed by the tender's host trading centre or by a
		/// supervisor certified in the tender's city.
		///
		/// Emits `CommitteeUnfillable`.
		#[pallet::call_index(17)]
		#[pallet::weight(T::WeightInfo::fail_unfillable_tender().saturating_add(T::Committee::unfillable_weight()))]
		pub fn fail_unfillable_tender(
			origin: OriginFor<T>,
			tender: TenderId,
			reason: H256,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let mut t = Tenders::<T>::get(tender).ok_or(Error::<T>::UnknownTender)?;
			let host = T::TradingCentres::city_of(&who).as_ref() == Some(&t.city);
			let supervisor = T::Participants::ensure_role(&who, Role::Supervisor).is_ok()
				&& T::Participants::city_of(&who).as_ref() == Some(&t.city);
			ensure!(host || supervisor, Error::<T>::NotHostOrSupervisor);
			ensure!(t.state == TenderState::Evaluating, Error::<T>::NotEvaluating);
			ensure!(T::Committee::committee_unfillable(tender), Error::<T>::CommitteeFillable);
			t.state = TenderState::Failed;
			Self::closed(tender, &t);
			Tenders::<T>::insert(tender, t);
			Self::deposit_event(Event::CommitteeUnfillable { tender, by: who, reason });
			Ok(())
		}

		/// Resume a suspended tender by a council motion, whoever suspended it. The running
		/// window is extended by the time suspended, as for `resume`. The supervisor who
		/// suspended it is overruled: it may not suspend this tender again
		/// ([`OverruledSuspenders`]).
		///
		/// The dispatch origin must be `CouncilOrigin` (a council motion).
		///
		/// Emits `TenderResumedByCouncil`, and `WindowExtended` when a window was running.
		#[pallet::call_index(18)]
		#[pallet::weight(T::WeightInfo::resume_by_council())]
		pub fn resume_by_council(
			origin: OriginFor<T>,
			tender: TenderId,
			reason: H256,
		) -> DispatchResult {
			T::CouncilOrigin::ensure_origin(origin)?;
			let t = Tenders::<T>::get(tender).ok_or(Error::<T>::UnknownTender)?;
			ensure!(t.suspended, Error::<T>::TenderNotSuspended);
			// The suspender is overruled: it may not suspend this tender again.
			let suspender = Suspensions::<T>::get(tender)
				.and_then(|s| T::Participants::identity_of(&s.supervisor));
			if let Some(identity) = suspender {
				OverruledSuspenders::<T>::insert(tender, identity, ());
			}
			Self::lift_suspension(tender, t);
			Self::deposit_event(Event::TenderResumedByCouncil { tender, reason });
			Ok(())
		}
	}

	impl<T: Config> Pallet<T> {
		/// The genesis hash of this chain, bound into every commitment.
		pub fn genesis_hash() -> H256 {
			let hash = frame_system::Pallet::<T>::block_hash(BlockNumberFor::<T>::zero());
			H256::from_slice(hash.as_ref())
		}

		/// The tender, checked to exist and be open.
		fn open_tender(tender: TenderId) -> Result<TenderOf<T>, DispatchError> {
			let t = Tenders::<T>::get(tender).ok_or(Error::<T>::UnknownTender)?;
			ensure!(t.state == TenderState::Open, Error::<T>::TenderNotOpen);
			Ok(t)
		}

		/// The tender, checked to accept a bid from `bidder` at `now`: open, not suspended,
		/// before its deadline; the bidder certified as such and not barred.
		/// Checks a reveal of `bidder`'s sealed `bid` on `tender` against its commitment: a
		/// match records the bid revealed and raises the collusion signal if another bidder
		/// revealed the same file or fingerprint; a mismatch voids the bid.
		fn reveal(
			tender: TenderId,
			bidder: T::AccountId,
			mut bid: Bid,
			terms: BidTerms,
			file_hash: H256,
			fingerprint: H256,
			salt: &[u8],
		) {
			let expected = commitment(
				&Self::genesis_hash(),
				tender,
				&bidder,
				&terms,
				&file_hash,
				&fingerprint,
				salt,
			);
			if expected != bid.commitment {
				bid.state = BidState::Void(VoidReason::RevealMismatch);
				Bids::<T>::insert(tender, &bidder, bid);
				Self::deposit_event(Event::BidVoided {
					tender,
					bidder,
					reason: VoidReason::RevealMismatch,
				});
				return;
			}
			bid.state = BidState::Revealed { file_hash, fingerprint, terms };
			Bids::<T>::insert(tender, &bidder, bid);
			Self::deposit_event(Event::BidRevealed { tender, bidder: bidder.clone(), file_hash });
			// Certified at commitment; a certificate gone since still leaves a flag (zero hash).
			let identity = T::Participants::identity_of(&bidder).unwrap_or_default();
			Self::check_collusion::<RevealedFiles<T>>(
				tender,
				(&bidder, identity),
				file_hash,
				CollusionKind::IdenticalFile,
			);
			Self::check_collusion::<RevealedFingerprints<T>>(
				tender,
				(&bidder, identity),
				fingerprint,
				CollusionKind::SameFingerprint,
			);
		}

		/// Checks that `who` is the trading centre of `t`'s host city.
		fn ensure_host_centre(who: &T::AccountId, t: &TenderOf<T>) -> DispatchResult {
			ensure!(
				T::TradingCentres::city_of(who).as_ref() == Some(&t.city),
				Error::<T>::NotTheHostTradingCentre
			);
			Ok(())
		}

		fn biddable(
			tender: TenderId,
			bidder: &T::AccountId,
			now: u64,
		) -> Result<TenderOf<T>, DispatchError> {
			let t = Self::open_tender(tender)?;
			ensure!(!t.suspended, Error::<T>::TenderSuspended);
			ensure!(now < t.deadline, Error::<T>::BidAfterDeadline);
			T::Participants::ensure_role(bidder, Role::Bidder)?;
			T::Participants::ensure_not_barred(bidder, Bar::Bidding)?;
			Ok(t)
		}

		/// Checks that `ranking` names one to three distinct bidders of `tender`, each with a
		/// valid (revealed, not void) bid.
		fn ensure_valid_ranking(
			tender: TenderId,
			ranking: &Ranking<T::AccountId>,
		) -> DispatchResult {
			ensure!(!ranking.is_empty(), Error::<T>::EmptyRanking);
			for (i, candidate) in ranking.iter().enumerate() {
				ensure!(
					!ranking.iter().take(i).any(|c| c == candidate),
					Error::<T>::DuplicateCandidate
				);
				ensure!(
					matches!(
						Bids::<T>::get(tender, candidate).map(|b| b.state),
						Some(BidState::Revealed { .. })
					),
					Error::<T>::CandidateNotAValidBidder
				);
			}
			Ok(())
		}

		/// The legal-identity hash of the principal an agency (`agency`) names, checked to be a
		/// certified tenderer that entrusted the agency (or the agency itself, certified as a
		/// tenderer too, publishing for itself).
		fn principal_identity(
			agency: &T::AccountId,
			principal: &T::AccountId,
		) -> Result<H256, DispatchError> {
			T::Participants::ensure_role(principal, Role::Tenderer)
				.map_err(|_| Error::<T>::PrincipalNotCertified)?;
			ensure!(
				principal == agency || Entrustments::<T>::contains_key(principal, agency),
				Error::<T>::NotEntrusted
			);
			// A tenderer barred from publishing cannot publish through an agency either.
			T::Participants::ensure_not_barred(principal, Bar::Publishing)?;
			Ok(T::Participants::identity_of(principal).ok_or(Error::<T>::PrincipalNotCertified)?)
		}

		/// The signer, checked to be a supervisor.
		fn supervisor(origin: OriginFor<T>) -> Result<T::AccountId, DispatchError> {
			let who = ensure_signed(origin)?;
			T::Participants::ensure_role(&who, Role::Supervisor)?;
			Ok(who)
		}

		/// Whether `candidate` may be awarded now: a valid Bidder certificate, not barred from
		/// bidding.
		fn may_be_awarded(candidate: &T::AccountId) -> bool {
			T::Participants::ensure_role(candidate, Role::Bidder).is_ok()
				&& T::Participants::ensure_not_barred(candidate, Bar::Bidding).is_ok()
		}

		/// Checks that `supervisor`'s certificate is of `t`'s city: its jurisdiction.
		fn ensure_jurisdiction(supervisor: &T::AccountId, t: &TenderOf<T>) -> DispatchResult {
			ensure!(
				T::Participants::city_of(supervisor).as_ref() == Some(&t.city),
				Error::<T>::NotInJurisdiction
			);
			Ok(())
		}

		/// Lifts `tender`'s suspension: the window that was running when it was suspended is
		/// extended by the time suspended (event `WindowExtended`), and the suspension record
		/// removed.
		fn lift_suspension(tender: TenderId, mut t: TenderOf<T>) {
			let now = T::Time::now();
			if let Some(s) = Suspensions::<T>::take(tender) {
				let by = now.saturating_sub(s.at);
				let extended = match t.state {
					TenderState::Open if s.at < t.deadline => {
						t.deadline = t.deadline.saturating_add(by);
						Some((ExtendedWindow::Bidding, t.deadline))
					},
					TenderState::Open if s.at < t.reveal_ends() => {
						t.reveal_window = t.reveal_window.saturating_add(by);
						Some((ExtendedWindow::Reveal, t.reveal_ends()))
					},
					TenderState::Publicity => Awards::<T>::mutate(tender, |award| {
						award.as_mut().filter(|a| s.at < a.publicity_ends).map(|a| {
							a.publicity_ends = a.publicity_ends.saturating_add(by);
							(ExtendedWindow::Publicity, a.publicity_ends)
						})
					}),
					_ => None,
				};
				if let Some((window, ends)) = extended {
					if by > 0 {
						Self::deposit_event(Event::WindowExtended { tender, window, by, ends });
					}
				}
			}
			t.suspended = false;
			Tenders::<T>::insert(tender, t);
		}

		/// Notes that `t` (tender `tender`) is closed (awarded, failed or cancelled): its owner
		/// has one open tender fewer, and its per-tender scratch storage is removed.
		fn closed(tender: TenderId, t: &TenderOf<T>) {
			OpenTenders::<T>::mutate_exists(&t.owner, |n| {
				*n = n.map(|n| n.saturating_sub(1)).filter(|n| *n > 0);
			});
			EvaluatingMembers::<T>::remove(tender);
			Suspensions::<T>::remove(tender);
			let bound = T::MaxBidders::get();
			let _ = BidIdentities::<T>::clear_prefix(tender, bound, None);
			let _ = RevealedFiles::<T>::clear_prefix(tender, bound, None);
			let _ = RevealedFingerprints::<T>::clear_prefix(tender, bound, None);
		}

		/// Removes the legal identity under which `bidder` holds its bid on `tender`.
		fn forget_identity(tender: TenderId, bidder: &T::AccountId) {
			let held = T::Participants::identity_of(bidder)
				.filter(|id| BidIdentities::<T>::get(tender, id).as_ref() == Some(bidder))
				.or_else(|| {
					// The certificate changed since the commitment: look the bid up (at most
					// `max_bidders` entries).
					BidIdentities::<T>::iter_prefix(tender)
						.find(|(_, who)| who == bidder)
						.map(|(id, _)| id)
				});
			if let Some(id) = held {
				BidIdentities::<T>::remove(tender, id);
			}
		}

		/// Whether `call` is a sealed-bid call close to its end: a commitment, replacement or
		/// withdrawal within `UrgentWindow` of the tender's deadline, or a reveal within
		/// `UrgentWindow` of the end of the reveal window. The runtime gives such calls a higher
		/// pool priority than other participant traffic, so that a flood of other calls cannot
		/// crowd them out. Cheap: one read of the tender (and the clock).
		pub fn is_urgent(call: &Call<T>) -> bool {
			let (tender, reveal) = match call {
				Call::commit_bid { tender, .. }
				| Call::replace_bid { tender, .. }
				| Call::withdraw_bid { tender }
				| Call::lodge_bids { tender, .. } => (*tender, false),
				Call::reveal_bid { tender, .. } | Call::reveal_lodged_bid { tender, .. } => {
					(*tender, true)
				},
				_ => return false,
			};
			let Some(t) = Tenders::<T>::get(tender) else { return false };
			if t.state != TenderState::Open {
				return false;
			}
			let now = T::Time::now();
			let end = if reveal {
				if now < t.deadline {
					return false;
				}
				t.reveal_ends()
			} else {
				t.deadline
			};
			now < end && end.saturating_sub(now) <= T::UrgentWindow::get()
		}

		/// Records a supervisor's action in the tender's supervision record. A full record drops
		/// its oldest entry: the record never refuses an action (every entry stays in its
		/// block's events, and [`SupervisionCount`] counts them all).
		fn note_supervision(
			tender: TenderId,
			kind: SupervisionKind,
			supervisor: &T::AccountId,
			reason: H256,
		) {
			let entry =
				Supervision { kind, supervisor: supervisor.clone(), reason, at: T::Time::now() };
			Supervisions::<T>::mutate(tender, |list| {
				if list.len() >= T::MaxSupervisions::get() as usize && !list.is_empty() {
					list.remove(0);
				}
				// Room made above (a bound of zero keeps no entry, only the count).
				let _ = list.try_push(entry);
			});
			SupervisionCount::<T>::mutate(tender, |n| *n = n.saturating_add(1));
		}

		/// Raises a collusion flag if another bidder already revealed `value` in `Map`;
		/// otherwise notes `bidder` as its first revealer.
		fn check_collusion<Map>(
			tender: TenderId,
			(bidder, identity): (&T::AccountId, H256),
			value: H256,
			kind: CollusionKind,
		) where
			Map: frame_support::storage::StorageDoubleMap<
				TenderId,
				H256,
				(T::AccountId, H256),
				Query = Option<(T::AccountId, H256)>,
			>,
		{
			match Map::get(tender, value) {
				Some((first, first_identity)) if first != *bidder => {
					let flag = CollusionFlag {
						kind,
						first: first.clone(),
						second: bidder.clone(),
						first_identity,
						second_identity: identity,
					};
					// A full list still raises the event; the stored flags are a bounded summary.
					let _ = CollusionFlags::<T>::try_mutate(tender, |flags| flags.try_push(flag));
					Self::deposit_event(Event::CollusionSuspected {
						tender,
						bidders: (first, bidder.clone()),
						kind,
					});
				},
				Some(_) => {},
				None => Map::insert(tender, value, (bidder.clone(), identity)),
			}
		}
	}

	impl<T: Config> TenderInfo<T::AccountId> for Pallet<T> {
		fn tender(tender: TenderId) -> Option<TenderSummary<T::AccountId>> {
			let evaluation_underway = Evaluations::<T>::decode_len(tender).unwrap_or(0) > 0;
			Tenders::<T>::get(tender).map(|t| TenderSummary {
				evaluation_underway,
				phase: t.phase(T::Time::now()),
				owner: t.owner,
				city: t.city,
				state: t.state,
				suspended: t.suspended,
				principal: t.principal_identity,
				specialities: t.specialities.into_inner(),
				principal_city: t.principal.as_ref().and_then(T::Participants::city_of),
			})
		}

		fn bidders(tender: TenderId) -> Vec<T::AccountId> {
			Bids::<T>::iter_key_prefix(tender).collect()
		}

		fn has_bid(tender: TenderId, who: &T::AccountId) -> bool {
			Bids::<T>::contains_key(tender, who)
		}

		fn award(tender: TenderId) -> Option<Award<T::AccountId>> {
			Awards::<T>::get(tender)
		}

		fn revealed_terms(tender: TenderId, who: &T::AccountId) -> Option<BidTerms> {
			match Bids::<T>::get(tender, who)?.state {
				BidState::Revealed { terms, .. } => Some(terms),
				_ => None,
			}
		}
	}

	impl<T: Config> AwardControl<T::AccountId> for Pallet<T> {
		fn suspend(tender: TenderId, supervisor: &T::AccountId, reason: H256) -> DispatchResult {
			let mut t = Tenders::<T>::get(tender).ok_or(Error::<T>::UnknownTender)?;
			ensure!(
				matches!(t.state, TenderState::Publicity | TenderState::Awarded),
				Error::<T>::NoAwardToChallenge
			);
			ensure!(!t.suspended, Error::<T>::TenderSuspended);
			// A supervisor the council overruled on this tender cannot suspend it again through
			// a complaint either.
			if let Some(identity) = T::Participants::identity_of(supervisor) {
				ensure!(
					!OverruledSuspenders::<T>::contains_key(tender, identity),
					Error::<T>::SuspensionOverruled
				);
			}
			Self::note_supervision(tender, SupervisionKind::Suspend, supervisor, reason);
			Suspensions::<T>::insert(
				tender,
				Suspension { supervisor: supervisor.clone(), at: T::Time::now(), reason },
			);
			t.suspended = true;
			Tenders::<T>::insert(tender, t);
			Self::deposit_event(Event::TenderSuspended {
				tender,
				supervisor: supervisor.clone(),
				reason,
			});
			Ok(())
		}

		fn resume(tender: TenderId, supervisor: &T::AccountId, reason: H256) -> DispatchResult {
			let t = Tenders::<T>::get(tender).ok_or(Error::<T>::UnknownTender)?;
			if !t.suspended {
				// Lifted already (by the council or a supervisor's `resume`): nothing to undo.
				return Ok(());
			}
			Self::note_supervision(tender, SupervisionKind::Resume, supervisor, reason);
			Self::lift_suspension(tender, t);
			Self::deposit_event(Event::TenderResumed {
				tender,
				supervisor: supervisor.clone(),
				reason,
			});
			Ok(())
		}

		fn reevaluate(tender: TenderId, supervisor: &T::AccountId, reason: H256) -> DispatchResult {
			let mut t = Tenders::<T>::get(tender).ok_or(Error::<T>::UnknownTender)?;
			ensure!(
				matches!(
					t.state,
					TenderState::Publicity
						| TenderState::Awarded
						| TenderState::NoEligibleCandidate
				),
				Error::<T>::NoAwardToChallenge
			);
			if t.state == TenderState::Awarded {
				// Open again: its owner counts it among its open tenders once more.
				OpenTenders::<T>::mutate(&t.owner, |n| *n = n.saturating_add(1));
			}
			Self::note_supervision(tender, SupervisionKind::Reevaluation, supervisor, reason);
			t.state = TenderState::Evaluating;
			t.suspended = false;
			Suspensions::<T>::remove(tender);
			Tenders::<T>::insert(tender, t);
			Evaluations::<T>::remove(tender);
			EvaluatingMembers::<T>::remove(tender);
			Awards::<T>::remove(tender);
			Dissents::<T>::remove(tender);
			Self::deposit_event(Event::ReevaluationOrdered {
				tender,
				supervisor: supervisor.clone(),
				reason,
			});
			Ok(())
		}

		fn pass_over(
			tender: TenderId,
			candidate: &T::AccountId,
		) -> Result<Option<T::AccountId>, DispatchError> {
			let mut t = Tenders::<T>::get(tender).ok_or(Error::<T>::UnknownTender)?;
			ensure!(
				matches!(t.state, TenderState::Publicity | TenderState::Awarded),
				Error::<T>::NoAwardToChallenge
			);
			let mut award = Awards::<T>::get(tender).ok_or(Error::<T>::NoAwardToChallenge)?;
			let at = award
				.ranking
				.iter()
				.position(|c| c == candidate)
				.ok_or(Error::<T>::NotACandidate)?;
			award.ranking.remove(at);
			let was_winner = award.winner == *candidate;
			let winner = if !was_winner {
				Some(award.winner.clone())
			} else if t.state == TenderState::Awarded {
				// Awarded: the next candidate still certified and not barred (§55).
				award.ranking.iter().find(|c| Self::may_be_awarded(c)).cloned()
			} else {
				// In publicity: the next ranked; its eligibility is checked at finalization.
				award.ranking.first().cloned()
			};
			match &winner {
				Some(w) => award.winner = w.clone(),
				None => {
					if t.state == TenderState::Awarded {
						OpenTenders::<T>::mutate(&t.owner, |n| *n = n.saturating_add(1));
					}
					t.state = TenderState::NoEligibleCandidate;
					Tenders::<T>::insert(tender, t);
					Self::deposit_event(Event::NoEligibleCandidate { tender });
				},
			}
			Awards::<T>::insert(tender, award);
			Self::deposit_event(Event::CandidatePassedOver {
				tender,
				candidate: candidate.clone(),
				winner: if was_winner { winner.clone() } else { None },
			});
			Ok(if was_winner { winner } else { None })
		}

		fn void(tender: TenderId, supervisor: &T::AccountId, reason: H256) -> DispatchResult {
			let mut t = Tenders::<T>::get(tender).ok_or(Error::<T>::UnknownTender)?;
			ensure!(
				!matches!(
					t.state,
					TenderState::Failed | TenderState::Cancelled | TenderState::Voided
				),
				Error::<T>::TenderClosed
			);
			let was_open = t.state != TenderState::Awarded;
			Self::note_supervision(tender, SupervisionKind::Void, supervisor, reason);
			t.state = TenderState::Voided;
			t.suspended = false;
			if was_open {
				Self::closed(tender, &t);
			} else {
				Suspensions::<T>::remove(tender);
			}
			Tenders::<T>::insert(tender, t);
			Self::deposit_event(Event::TenderVoided {
				tender,
				supervisor: supervisor.clone(),
				reason,
			});
			Ok(())
		}
	}

	#[cfg(feature = "runtime-benchmarks")]
	impl<T: Config> Pallet<T> {
		/// For other pallets' benchmarks: stores a tender of `owner` in `city` whose committee
		/// published `ranking` (each candidate a revealed bid with `terms`), its complaint
		/// period ending at `publicity_ends`, in `state` (`Publicity` or `Awarded`); returns its
		/// id.
		pub fn benchmark_published_tender(
			owner: &T::AccountId,
			city: CityCode,
			ranking: Ranking<T::AccountId>,
			terms: BidTerms,
			publicity_ends: u64,
			state: TenderState,
		) -> TenderId {
			let tender = NextTenderId::<T>::get();
			NextTenderId::<T>::put(tender.saturating_add(1));
			let now = T::Time::now();
			Tenders::<T>::insert(
				tender,
				Tender {
					owner: owner.clone(),
					city,
					title: Default::default(),
					specialities: Default::default(),
					documents: H256::zero(),
					deadline: now,
					reveal_window: 0,
					min_valid_bids: 1,
					max_bidders: T::MaxBidders::get(),
					bids: ranking.len() as u32,
					state,
					suspended: false,
					created_at: now,
					principal: None,
					principal_identity: None,
					retender_of: None,
				},
			);
			for c in ranking.iter() {
				Bids::<T>::insert(
					tender,
					c,
					Bid {
						commitment: H256::zero(),
						committed_at: now,
						state: BidState::Revealed {
							file_hash: H256::zero(),
							fingerprint: H256::zero(),
							terms,
						},
					},
				);
			}
			let winner = ranking.first().cloned().unwrap_or_else(|| owner.clone());
			Awards::<T>::insert(
				tender,
				Award { winner, report: H256::zero(), publicity_ends, ranking },
			);
			tender
		}
	}
}
