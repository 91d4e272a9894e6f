//! The records of the certificates pallet: authorities, certificates, roles, credit entries.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{
	traits::Get, weights::Weight, BoundedVec, CloneNoBound, DebugNoBound, EqNoBound,
	PartialEqNoBound,
};
use scale_info::TypeInfo;
use sp_core::{ConstU32, H256};

/// The identifier of a certificate authority, given by the chain when the CA is admitted.
pub type AuthorityId = u32;

/// An ed25519 public key of a certificate authority.
pub type AuthorityKey = [u8; 32];

/// An ed25519 signature made with a certificate authority's key.
pub type AuthoritySignature = [u8; 64];

/// A city's code, as in the consortium register (for example `BY` for Baiyin).
pub type CityCode = BoundedVec<u8, ConstU32<16>>;

/// The tag that starts every message a CA signs for a certificate, so that a certificate
/// signature can never be taken for a signature over anything else.
pub const CERTIFICATE_SIGNING_TAG: &[u8] = tenderchain_primitives::tags::CERTIFICATE_SIGNING;

/// The tag that starts every message a CA signs to revoke a certificate.
pub const REVOCATION_SIGNING_TAG: &[u8] = tenderchain_primitives::tags::REVOCATION_SIGNING;

/// One role a participant may hold. A certificate holds a set of them ([`Roles`]).
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
pub enum Role {
	/// 招标人: publishes tenders.
	Tenderer,
	/// 招标代理: publishes tenders for a tenderer.
	Agency,
	/// 投标人: submits bids.
	Bidder,
	/// 评标专家: evaluates bids when drawn.
	Expert,
	/// 行政监督: watches, receives complaints, records violations. Holds no trading function.
	Supervisor,
	/// 审计: reads and verifies.
	Auditor,
	/// 交易中心: a city's trading centre, which operates openings and draws.
	TradingCentre,
}

impl Role {
	/// Every role, in bit order.
	pub const ALL: [Role; 7] = [
		Role::Tenderer,
		Role::Agency,
		Role::Bidder,
		Role::Expert,
		Role::Supervisor,
		Role::Auditor,
		Role::TradingCentre,
	];

	/// The role's bit in [`Roles`].
	pub const fn bit(self) -> u16 {
		1 << (self as u16)
	}
}

/// A set of roles, one bit per [`Role`].
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
pub struct Roles(pub u16);

impl Roles {
	/// The set of the given roles.
	pub fn of(roles: &[Role]) -> Roles {
		Roles(roles.iter().fold(0, |acc, r| acc | r.bit()))
	}

	/// Does the set hold `role`?
	pub fn contains(self, role: Role) -> bool {
		self.0 & role.bit() != 0
	}

	/// Is the set empty?
	pub fn is_empty(self) -> bool {
		self.0 == 0
	}

	/// Does the set use only bits of known roles?
	pub fn is_known(self) -> bool {
		self.0 & !Roles::of(&Role::ALL).0 == 0
	}

	/// Supervisors have no trading function (三端分离): a supervisor may also be an auditor,
	/// and nothing else.
	pub fn separates_supervision(self) -> bool {
		!self.contains(Role::Supervisor)
			|| self.0 & !(Role::Supervisor.bit() | Role::Auditor.bit()) == 0
	}
}

/// An admitted certificate authority (数字证书认证机构).
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, Encode, Decode, DebugNoBound, TypeInfo, MaxEncodedLen,
)]
#[scale_info(skip_type_params(MaxNameLen, MaxKeys))]
pub struct CertificateAuthority<MaxNameLen: Get<u32>, MaxKeys: Get<u32>> {
	/// The CA's name, UTF-8.
	pub name: BoundedVec<u8, MaxNameLen>,
	/// The city whose trading centre brought the CA in.
	pub city: CityCode,
	/// The ed25519 keys the CA signs certificates with.
	pub keys: BoundedVec<AuthorityKey, MaxKeys>,
	/// From when the CA's signatures count (Unix time, milliseconds).
	pub valid_from: u64,
	/// Until when the CA's signatures count (Unix time, milliseconds, exclusive).
	pub valid_until: u64,
	/// When the consortium removed the CA, if it did. Its certificates stop counting then; the
	/// record stays, so which CA issued what is always visible.
	pub removed_at: Option<u64>,
}

/// What a CA signs: the binding of an account to a legal identity, roles and a city. The CA
/// signs `CERTIFICATE_SIGNING_TAG ++ SCALE(payload)` with ed25519.
#[derive(
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	Encode,
	Decode,
	DecodeWithMemTracking,
	DebugNoBound,
	TypeInfo,
	MaxEncodedLen,
)]
#[scale_info(skip_type_params(MaxNameLen))]
pub struct CertificatePayload<
	AccountId: Clone + PartialEq + Eq + core::fmt::Debug,
	MaxNameLen: Get<u32>,
> {
	/// The chain the certificate is for: a certificate for another chain is refused.
	pub genesis_hash: H256,
	/// The issuing CA.
	pub authority: AuthorityId,
	/// The CA's serial number of the certificate, unique per CA.
	pub serial: u64,
	/// The certified account.
	pub account: AccountId,
	/// A hash of the legal identity: the unified social credit code (统一社会信用代码) of an
	/// organisation, or a salted hash of a person's id. No personal data is on chain.
	pub identity_hash: H256,
	/// The participant's display name, UTF-8.
	pub name: BoundedVec<u8, MaxNameLen>,
	/// The roles the participant may act in.
	pub roles: Roles,
	/// The city where the participant was certified. Valid in every city all the same.
	pub city: CityCode,
	/// From when the certificate is valid (Unix time, milliseconds).
	pub valid_from: u64,
	/// Until when the certificate is valid (Unix time, milliseconds, exclusive).
	pub valid_until: u64,
}

/// What a CA signs to revoke a certificate: `REVOCATION_SIGNING_TAG ++ SCALE(payload)`.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, Debug, TypeInfo, MaxEncodedLen,
)]
pub struct RevocationPayload {
	/// The chain the revocation is for.
	pub genesis_hash: H256,
	/// The CA that issued the certificate.
	pub authority: AuthorityId,
	/// The serial number of the certificate.
	pub serial: u64,
}

/// A registered certificate, as stored for its account.
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, Encode, Decode, DebugNoBound, TypeInfo, MaxEncodedLen,
)]
#[scale_info(skip_type_params(MaxNameLen))]
pub struct Certificate<MaxNameLen: Get<u32>> {
	/// The issuing CA.
	pub authority: AuthorityId,
	/// The CA's serial number.
	pub serial: u64,
	/// The hash of the legal identity.
	pub identity_hash: H256,
	/// The display name.
	pub name: BoundedVec<u8, MaxNameLen>,
	/// The roles.
	pub roles: Roles,
	/// The certifying city.
	pub city: CityCode,
	/// Valid from (Unix ms).
	pub valid_from: u64,
	/// Valid until (Unix ms, exclusive).
	pub valid_until: u64,
	/// When it was revoked, if it was.
	pub revoked_at: Option<u64>,
}

/// How serious a recorded violation is.
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
pub enum Severity {
	/// 一般失信.
	Minor,
	/// 较重失信.
	Serious,
	/// 严重失信.
	Severe,
}

/// What a blacklist entry bars its subject from, in every city.
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
pub enum Bar {
	/// Barred from bidding.
	Bidding,
	/// Barred from evaluation (never drawn as an expert).
	Evaluation,
	/// Barred from publishing tenders (as tenderer or agency).
	Publishing,
}

/// One entry of a participant's credit record. Entries are never deleted: the oldest move to
/// the record's history ([`CreditArchive`]) when the record is full.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, Debug, TypeInfo, MaxEncodedLen,
)]
pub enum CreditEvent<AccountId> {
	/// A supervisor recorded a violation, possibly barring the subject until `expires_at`.
	Violation {
		/// The supervisor.
		by: AccountId,
		/// How serious.
		severity: Severity,
		/// What the subject is barred from, if anything.
		bar: Option<Bar>,
	},
	/// The consortium lifted a bar before it expired.
	Lifted {
		/// The bar lifted.
		bar: Bar,
	},
}

/// A dated credit-record entry with its evidence.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, Debug, TypeInfo, MaxEncodedLen,
)]
pub struct CreditEntry<AccountId> {
	/// What happened.
	pub event: CreditEvent<AccountId>,
	/// The hash of the evidence document (anchored off chain or by the notary).
	pub evidence: H256,
	/// When (Unix ms).
	pub at: u64,
	/// Until when a violation counts (Unix ms); for a lift, equal to `at`.
	pub expires_at: u64,
}

/// What has moved out of a participant's credit record into its history: how many entries,
/// and a running digest of them, so that the full history can be proven from the events.
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
pub struct CreditArchive {
	/// How many entries moved to the history (the oldest ones, in order).
	pub archived: u32,
	/// `BLAKE2-256(previous digest ‖ SCALE(entry))` folded over the archived entries, oldest
	/// first, from the zero hash.
	pub digest: H256,
}

/// One participant's use of its admission window: when the window started, and how many
/// transactions and bytes it sent in it.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, Debug, TypeInfo, MaxEncodedLen,
)]
pub struct WindowUse<BlockNumber> {
	/// The block the window started at.
	pub start: BlockNumber,
	/// The transactions sent in the window.
	pub count: u32,
	/// The bytes (encoded transaction lengths) sent in the window.
	pub bytes: u32,
	/// The compute (declared weights) used in the window.
	pub weight: Weight,
}

/// A live blacklist entry.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, Debug, TypeInfo, MaxEncodedLen,
)]
pub struct BarEntry {
	/// Until when the bar applies (Unix ms, exclusive).
	pub until: u64,
	/// The number of the violation in the subject's credit record, counting from the first
	/// entry ever recorded (archived entries included).
	pub record: u32,
}
