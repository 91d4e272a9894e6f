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

/// One entry of the expert pool (专家库). It names no one: the expert is known on chain only by
/// a salted hash of their account until they take their seat.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, Debug, TypeInfo, MaxEncodedLen,
)]
pub struct PoolEntry {
	/// `BLAKE2-256(PSEUDONYM_TAG ‖ SCALE(account) ‖ salt)`, with a 32-byte salt that only the
	/// expert and the pool administrator know.
	pub pseudonym: H256,
	/// The specialities the expert may evaluate.
	pub specialities: BoundedVec<Speciality, MaxEntrySpecialities>,
	/// The city where the expert works.
	pub city: CityCode,
	/// The hash of the employer's legal identity, in the form of certificates'
	/// `identity_hash` (SHA-256 of the unified social credit code), compared with the
	/// tenderer's and the bidders' for avoidance (回避).
	pub employer: H256,
	/// Whether the expert can be drawn now (not on leave, not ill).
	pub available: bool,
	/// Whether the expert takes remote evaluation (远程异地评标).
	pub remote: bool,
	/// Struck from the pool by its administrator: never drawn again. The entry stays, so that
	/// old draws can still be verified.
	pub struck: bool,
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
	/// except the tender's host city and the tenderer's own city.
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

/// Why a drawn expert is replaced.
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
	/// The expert declined when called.
	Declined,
	/// The expert did not come (or did not connect, for remote evaluation).
	Absent,
	/// The expert declared a conflict of interest the pool did not show.
	Conflict,
	/// The expert could not take the seat: no valid expert certificate, or barred from
	/// evaluation.
	Ineligible,
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
#[scale_info(skip_type_params(MaxContributions, MaxPicks))]
pub struct Draw<BlockNumber, MaxContributions: Get<u32>, MaxPicks: Get<u32>>
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
	/// The seat this draw fills again, and why, if it is a replacement draw.
	pub replaces: Option<(u32, ReplacementReason)>,
	/// The contributions so far, in the order they came.
	pub contributions: BoundedVec<Contribution, MaxContributions>,
	/// The seed, once enough cities have contributed.
	pub seed: Option<H256>,
	/// The picks, line by line, once complete.
	pub picks: BoundedVec<EntryId, MaxPicks>,
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
	/// Replaced by a later draw.
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
