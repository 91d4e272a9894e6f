//! The records of the expert-draw pallet: pool entries, draws, contributions, seats.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{
	traits::Get, BoundedVec, CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound,
};
use scale_info::TypeInfo;
use sp_core::{ConstU32, H256};
use tenderchain_primitives::tags;

pub use pallet_certificates::CityCode;
pub use pallet_tendering::TenderId;

/// The number of an entry of the expert pool, assigned in sequence; the pool's canonical
/// order is the order of these numbers.
pub type EntryId = u32;

/// The number of a draw, assigned in sequence.
pub type DrawId = u64;

/// An evaluation speciality code (评标专业代码), as in the tender's speciality list.
pub type Speciality = u16;

/// The most speciality codes one pool entry may hold.
pub type MaxEntrySpecialities = ConstU32<4>;

/// How many pool entries one storage page holds. The pool is read page by page, so a draw over
/// a pool of `n` entries reads `n / 256` values, not `n`.
pub const PAGE_SIZE: u32 = 256;

/// The tag of the pseudonym of a pool entry:
/// `BLAKE2-256(PSEUDONYM_TAG ‖ SCALE(account) ‖ salt)`.
pub const PSEUDONYM_TAG: &[u8] = tags::EXPERT_PSEUDONYM;

/// The label of the VRF transcript every contributor signs.
pub const VRF_LABEL: &[u8] = tags::DRAW_VRF_LABEL;

/// The name of the one message in the VRF transcript: the draw's input hash.
pub const VRF_INPUT_ITEM: &[u8] = tags::DRAW_VRF_INPUT_ITEM;

/// The context from which a contribution's 32 output bytes are derived from its VRF
/// pre-output.
pub const VRF_OUTPUT_CONTEXT: &[u8] = tags::DRAW_VRF_OUTPUT_CONTEXT;

/// The tag of a draw's input hash.
pub const INPUT_TAG: &[u8] = tags::DRAW_INPUT;

/// The tag of a draw's seed, the hash of all contributions.
pub const SEED_TAG: &[u8] = tags::DRAW_SEED;

/// The tag of each random number drawn from a seed.
pub const PICK_TAG: &[u8] = tags::DRAW_PICK;

/// The tag of the salted commitment to an expert's employer:
/// `BLAKE2-256(EMPLOYER_TAG ‖ employer identity hash ‖ salt)`.
pub const EMPLOYER_TAG: &[u8] = tags::EXPERT_EMPLOYER;

/// The tag of the hash that orders the cities asked to contribute to a draw.
pub const CONTRIBUTORS_TAG: &[u8] = tags::DRAW_CONTRIBUTORS;

/// One entry of the expert pool (专家库). It names no one: the expert is known on chain only by
/// a salted hash of their account until they prove the entry (take or decline a seat), and the
/// employer only by a salted commitment.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, Debug, TypeInfo, MaxEncodedLen,
)]
pub struct PoolEntry<BlockNumber> {
	/// `BLAKE2-256(PSEUDONYM_TAG ‖ SCALE(account) ‖ salt)`, with a 32-byte salt that only the
	/// expert and the pool administrator know.
	pub pseudonym: H256,
	/// The specialities the expert may evaluate.
	pub specialities: BoundedVec<Speciality, MaxEntrySpecialities>,
	/// The city where the expert works.
	pub city: CityCode,
	/// The salted commitment to the employer's legal identity,
	/// `BLAKE2-256(EMPLOYER_TAG ‖ employer identity hash ‖ salt)` (see
	/// [`crate::identity::employer_commitment`]): opened by the expert when taking a seat and
	/// compared then with the tenderer's, the principal's and the bidders' identities (回避).
	/// Without the salt it reveals nothing, even to someone holding every credit code.
	pub employer: H256,
	/// Whether the expert can be drawn (not on leave, not ill), as last in effect.
	pub available: bool,
	/// A change of availability not yet in effect: the new value and the block from which it
	/// counts ([`crate::Config::PoolChangeDelay`] after the administrator asked for it).
	pub pending_availability: Option<(bool, BlockNumber)>,
	/// Whether the expert takes remote evaluation (远程异地评标).
	pub remote: bool,
	/// The block that added the entry.
	pub added_at: BlockNumber,
	/// The first block at which the entry may be drawn ([`crate::Config::PoolChangeDelay`]
	/// after it was added).
	pub active_from: BlockNumber,
	/// Struck from the pool by its administrator: never drawn again by draws requested from
	/// [`Self::struck_from`] on (seats it was drawn for are not affected). The entry stays, so that old
	/// draws can still be verified.
	pub struck: bool,
	/// The first block at which a draw requested no longer takes a struck entry
	/// ([`crate::Config::PoolChangeDelay`] after the strike, so that a strike cannot shape the
	/// pool for a draw the administrator sees coming).
	pub struck_from: Option<BlockNumber>,
	/// The expert proved the entry on chain (took, declined or was refused a seat), so the
	/// entry is now linked to their account in public: it is never drawn again. The
	/// administrator re-enters the expert under a fresh pseudonym and a freshly salted
	/// employer commitment (`add_expert`), which nothing on chain links to this one.
	pub exposed: bool,
}

impl<BlockNumber: PartialOrd + Copy> PoolEntry<BlockNumber> {
	/// Whether the expert is available at block `now`: the pending change counts from its
	/// block on.
	pub fn available_at(&self, now: BlockNumber) -> bool {
		match self.pending_availability {
			Some((available, from)) if now >= from => available,
			_ => self.available,
		}
	}

	/// Whether the entry is struck for a draw requested at block `now`.
	pub fn struck_at(&self, now: BlockNumber) -> bool {
		match self.struck_from {
			Some(from) => now >= from,
			None => self.struck,
		}
	}

	/// Whether the entry may be drawn at all at block `now` (whatever the tender): in effect,
	/// available, neither struck (as of `now`) nor exposed.
	pub fn drawable_at(&self, now: BlockNumber) -> bool {
		!self.struck_at(now) && !self.exposed && now >= self.active_from && self.available_at(now)
	}
}

/// Where the committee comes from.
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
pub enum Mode {
	/// Experts of the tender's host city.
	Local,
	/// Remote evaluation (远程异地评标): experts who take remote evaluation, from any city
	/// except the tender's host city, the city of the tender's owner (the tenderer or the
	/// agency) and, for an agency's tender, the principal's city.
	Remote,
}

/// One line of a draw request: so many experts of one speciality.
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
pub struct Requirement {
	/// The speciality.
	pub speciality: Speciality,
	/// How many experts.
	pub count: u32,
}

/// The most lines a draw request may have.
pub type MaxRequirements = ConstU32<4>;

/// The most draws that may be requested in one block (their anchor block records its author
/// for each of them).
pub type MaxDrawsPerBlock = ConstU32<64>;

/// Why a seat is filled again. The chain derives it from what it recorded: no party states a
/// reason of its own.
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
pub enum ReplacementReason {
	/// The drawn expert declined on chain (`decline_seat`, proved with the salt).
	Declined,
	/// The drawn expert did not take the seat within the seating window
	/// ([`crate::Config::SeatingWindow`]).
	NotSeatedInTime,
	/// The drawn expert was found ineligible when taking the seat (see [`Ineligibility`]).
	IneligibleAtSeating,
	/// The seated expert recused themselves (回避).
	Recused,
	/// A supervisor removed the seated expert (`remove_expert`).
	RemovedBySupervisor,
	/// A supervisor ordered the replacement (`order_replacement`), beyond what the host may
	/// request.
	OrderedBySupervisor,
}

/// Why a drawn expert who proved the entry could not take the seat.
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
pub enum Ineligibility {
	/// No valid expert certificate.
	NotAnExpert,
	/// Barred from evaluation (credit record).
	Barred,
	/// The expert's employer is the tenderer, the principal of an agency's tender or a bidder,
	/// or the expert is the tenderer or a bidder.
	Conflicted,
	/// The same person (the same certificate identity, whatever the account) proved another
	/// entry of the pool that existed when they first proved one: one person entered twice.
	/// Both entries are struck.
	DuplicateEntry,
	/// The same person (by certificate identity) already proved a seat of this committee
	/// under another entry (took, declined or was refused it, then recused, was removed or
	/// replaced): one who left a committee does not come back to it.
	FormerMember,
	/// The entry's city (where the pool administrator declared the expert works, which
	/// decides local and remote draws) is not the city of the expert's certificate.
	CityMismatch,
}

/// One city's VRF contribution to a draw.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, Debug, TypeInfo, MaxEncodedLen,
)]
pub struct Contribution {
	/// The contributing city.
	pub city: CityCode,
	/// The city's draw key (sr25519) that signed.
	pub key: [u8; 32],
	/// The VRF pre-output.
	pub pre_output: [u8; 32],
	/// The VRF proof.
	pub proof: [u8; 64],
	/// The 32 output bytes derived from the pre-output ([`VRF_OUTPUT_CONTEXT`]).
	pub output: [u8; 32],
}

/// A draw (抽取): the request, the contributions and, once complete, the picks.
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, Encode, Decode, DebugNoBound, TypeInfo, MaxEncodedLen,
)]
#[scale_info(skip_type_params(MaxContributions, MaxPicks, MaxCities))]
pub struct Draw<BlockNumber, MaxContributions: Get<u32>, MaxPicks: Get<u32>, MaxCities: Get<u32>>
where
	BlockNumber: Clone + PartialEq + Eq + core::fmt::Debug,
{
	/// The tender.
	pub tender: TenderId,
	/// The requesting city (the tender's host).
	pub city: CityCode,
	/// Local or remote.
	pub mode: Mode,
	/// What was asked for.
	pub requirements: BoundedVec<Requirement, MaxRequirements>,
	/// The block that recorded the request.
	pub requested_at: BlockNumber,
	/// The block whose hash enters the VRF input: the one after the request, unknown when the
	/// request was made.
	pub anchor: BlockNumber,
	/// The hash of the anchor block, recorded at the first contribution.
	pub anchor_hash: Option<H256>,
	/// The cities that may contribute, with the draw keys they had registered when the draw
	/// was requested, in city-code order: every city other than the requesting one that had a
	/// key then. A contribution is verified against this key only, so a key registered after
	/// the request (after seeing another city's output) counts for nothing in this draw.
	pub keys: BoundedVec<(CityCode, [u8; 32]), MaxCities>,
	/// The seat this draw fills again, and why, if it is a replacement draw.
	pub replaces: Option<(u32, ReplacementReason)>,
	/// The contributions so far, in the order they came.
	pub contributions: BoundedVec<Contribution, MaxContributions>,
	/// The seed, once enough cities have contributed.
	pub seed: Option<H256>,
	/// The picks, line by line, once complete.
	pub picks: BoundedVec<EntryId, MaxPicks>,
	/// The block that completed the draw.
	pub completed_at: Option<BlockNumber>,
	/// The city whose validator authored the anchor block, recorded in the anchor block itself
	/// (`None` if the runtime could not tell): it could grind the anchor hash, so it is not
	/// asked to contribute (see [`crate::selection`]).
	pub anchor_author: Option<CityCode>,
	/// The entries of the eligible sets met by the selection but not picked because they were
	/// retired at the completing contribution (exposed, struck, or drawn for another tender
	/// and still waiting): each once, in the order first met (see [`crate::selection`]).
	pub skipped: BoundedVec<EntryId, MaxPicks>,
}

/// Where a seat of a committee stands.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, Debug, TypeInfo, MaxEncodedLen,
)]
pub enum SeatState<AccountId> {
	/// Drawn; the expert has not yet proven the entry. Only the pool administrator and the
	/// expert know who it is.
	Drawn,
	/// The expert proved the entry when evaluation began and sits on the committee.
	Seated(AccountId),
	/// The drawn expert (this account) declined on chain; the host may have it replaced.
	Declined(AccountId),
	/// The drawn expert (this account) proved the entry but was found ineligible, for this
	/// reason; a replacement is drawn automatically when it can be, else the host requests
	/// it.
	Ineligible(AccountId, Ineligibility),
	/// The seated expert (this account) recused themselves (回避); the host may have the seat
	/// filled again.
	Recused(AccountId),
	/// A supervisor removed the seated expert (this account); the host may have the seat
	/// filled again.
	Removed(AccountId),
	/// Filled again by a later draw, for this reason.
	Replaced(ReplacementReason),
}

/// A seat of a tender's evaluation committee (评标委员会).
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, Debug, TypeInfo, MaxEncodedLen,
)]
pub struct Seat<AccountId> {
	/// The pool entry drawn.
	pub entry: EntryId,
	/// The speciality it was drawn for.
	pub speciality: Speciality,
	/// The draw that picked it.
	pub draw: DrawId,
	/// Where it stands.
	pub state: SeatState<AccountId>,
}
