//! # Certificates pallet
//!
//! ## Overview
//!
//! Who an account is, and what it may do, in every city of the consortium.
//!
//! - **Certificate authorities.** The consortium admits CAs (数字证书认证机构): a name, a city,
//!   one or more ed25519 keys and a validity window. A removed CA stays on record, so that which
//!   CA issued what is always visible; its certificates stop counting, and so do they outside
//!   the CA's own validity window.
//! - **Certificates.** A CA signs a [`CertificatePayload`] binding an account to the hash of a
//!   legal identity, a display name, roles, a city, a validity window and a serial number, for
//!   this chain's genesis hash. Anyone may submit it (as an unsigned transaction: the CA's
//!   signature is the authorisation); the runtime checks the signature against the admitted
//!   CA's keys. A certificate from any admitted CA is valid in every city
//!   ("一地注册、多地共享").
//! - **Revocation and expiry.** The issuing CA (with a signed revocation) or the consortium can
//!   revoke. A revoked serial is kept per CA and never registered; a revoked certificate's
//!   legal identity gets no new certificate, on any account, until the consortium restores it.
//!   Expiry (the certificate's and its CA's) is checked whenever a role is used.
//! - **Credit.** A supervisor records violations with a severity, an evidence hash and an
//!   expiry, optionally barring the subject from bidding, evaluation or publishing in every
//!   city ("一处失信、处处受限") until the bar expires or the consortium lifts it. Records and
//!   bars belong to the legal identity (the certificate's identity hash), not the account: a
//!   barred company is barred on every account certified for it. A record keeps its latest
//!   [`Config::MaxCreditEntries`] entries; older ones move to its history
//!   ([`CreditHistory`]: a count and a running digest, and a `CreditEntryArchived` event per
//!   entry), so a full record never blocks a new violation or a lift.
//! - **Admission gate.** [`CheckCertificate`] is a transaction extension: a signed transaction
//!   from an account without a valid certificate is refused at pool entry; a certified account
//!   may send at most [`Config::MaxTransactionsPerWindow`] transactions and
//!   [`Config::MaxBytesPerWindow`] bytes per [`Config::RateLimitWindow`] blocks, urgent calls
//!   ([`Config::PriorityCalls`]: bids near their deadline) having [`Config::UrgentReserve`]
//!   more transactions and pool priority [`URGENT_PRIORITY`] (all other signed traffic: 0).
//!   Calls the runtime's `BaseCallFilter` refuses are refused at the pool for every signer.
//!   [`CheckNonceWindow`] replaces `frame_system::CheckNonce`, bounding queued future nonces
//!   to [`Config::MaxFutureNonces`]. The rate-limit counters are swept by `on_idle` once their
//!   window ends.
//!
//! Other pallets ask "does this account hold role R, valid now, not barred?" through the
//! [`ParticipantRegistry`] trait, never by reading this pallet's storage.
//!
//! ## Who can do what
//!
//! - **A CA** can issue certificates (any role but supervision mixed with trading) for accounts
//!   that hold no valid certificate of another CA, renew its own, and revoke any serial it
//!   signed, registered or not, even after it was removed or expired. It cannot replace
//!   another CA's valid certificate, move an account to another legal identity, re-register
//!   a revoked serial, or certify a revoked identity.
//! - **The consortium** (`ConsortiumOrigin`) admits and removes CAs, revokes any certificate,
//!   restores a revoked identity, and lifts bars. It cannot un-revoke a serial.
//! - **A supervisor** (a valid Supervisor certificate, no trading role) records violations
//!   and bars against any certified participant, at most
//!   [`Config::MaxViolationsPerSupervisor`] per legal identity per
//!   [`Config::ViolationPeriod`]. It cannot lift a bar or delete an entry. (Its jurisdiction
//!   for tenders, its certificate's city, is the tendering pallet's business.)
//! - **A participant** transacts within the admission gate's limits while its certificate and
//!   CA are valid and not revoked; it cannot use a filtered call, exceed its window, or queue
//!   far-future nonces, and a bar holds on every account of its legal identity.
//!
//! Every call argument is bounded: names by [`Config::MaxNameLen`] bytes, keys by
//! [`Config::MaxAuthorityKeys`], city codes by 16 bytes; the rest are fixed-size.
//!
//! ## Dispatchable functions
//!
//! - [`Pallet::admit_authority`] (0), [`Pallet::remove_authority`] (1): the consortium's CA
//!   registry.
//! - [`Pallet::register_certificate`] (2): submit a CA-signed certificate (unsigned).
//! - [`Pallet::revoke_certificate`] (3): submit a CA-signed revocation of a serial (unsigned).
//! - [`Pallet::revoke_by_consortium`] (4): the consortium revokes a certificate.
//! - [`Pallet::record_violation`] (5): a supervisor records a violation, possibly a bar.
//! - [`Pallet::lift_bar`] (6): the consortium lifts a bar.
//! - [`Pallet::restore_identity`] (7): the consortium lets a revoked identity be certified
//!   again.

#![cfg_attr(not(feature = "std"), no_std)]
#![warn(missing_docs)]

extern crate alloc;

mod extension;
mod types;
pub mod weights;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(any(test, feature = "testing", feature = "runtime-benchmarks"))]
pub mod testing;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod vectors;

pub use extension::{CheckCertificate, CheckNonceWindow, URGENT_PRIORITY};
pub use pallet::*;
/// The admission gate's refusal codes (`InvalidTransaction::Custom`), shared with the client.
pub use tenderchain_primitives::admission;
pub use types::*;
pub use weights::WeightInfo;

use frame_support::{dispatch::DispatchResult, traits::Time};
use sp_core::H256;

/// The most rate-limit counters `on_idle` visits in one block.
pub const MAX_SWEEP_PER_BLOCK: u64 = 64;

/// What the benchmarks need from the runtime.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper {
	/// A city code the runtime's `Cities` contains.
	fn known_city() -> CityCode;
}

/// What other pallets ask of the certificate registry.
pub trait ParticipantRegistry<AccountId> {
	/// Succeeds if `who` holds a certificate that is registered, not revoked, issued by a CA
	/// still admitted, valid now, and that includes `role`. Fails with the certificates
	/// pallet's error naming the first rule broken.
	fn ensure_role(who: &AccountId, role: Role) -> DispatchResult;
	/// Succeeds unless `who` is barred from `bar` now; fails with `Barred`.
	fn ensure_not_barred(who: &AccountId, bar: Bar) -> DispatchResult;
	/// The city that certified `who`, if `who` is certified.
	fn city_of(who: &AccountId) -> Option<CityCode>;
	/// The legal-identity hash of `who`, if `who` is certified.
	fn identity_of(who: &AccountId) -> Option<H256>;
	/// When the certificate of `who` became valid (Unix ms), if `who` is certified.
	fn certified_since(who: &AccountId) -> Option<u64>;
}

/// Bars recognised from other provinces' chains (一处失信、处处受限): in the runtime, the
/// recognition pallet's peer bars proven against the peers' finalized headers.
pub trait PeerBarred {
	/// Whether a peer province bars the legal identity `identity` from `bar` now.
	fn is_barred(identity: &H256, bar: Bar) -> bool;
}

/// No peers: nobody is barred elsewhere.
impl PeerBarred for () {
	fn is_barred(_identity: &H256, _bar: Bar) -> bool {
		false
	}
}

/// Certificates recognised from other provinces' chains (一地注册、全网通用): in the runtime,
/// the recognition pallet's peer certificates, proven against the peers' finalized headers and
/// issued by a peer CA that the consortium recognised.
pub trait PeerCertified<AccountId, Cert> {
	/// The certificate a peer province issued to `who`, as it applies here: `None` unless one
	/// is recognised and still applies (its peer registered, its CA recognised). Its roles are
	/// those this chain grants a peer certificate. Whether it is revoked or expired is for the
	/// caller to check.
	fn certificate(who: &AccountId) -> Option<Cert>;
}

/// No peers: no certificate from elsewhere.
impl<AccountId, Cert> PeerCertified<AccountId, Cert> for () {
	fn certificate(_who: &AccountId) -> Option<Cert> {
		None
	}
}

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::vec::Vec;
	use frame_support::{
		pallet_prelude::*,
		traits::{Contains, EnsureOrigin},
	};
	use frame_system::pallet_prelude::*;
	use sp_runtime::traits::Saturating;

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Configuration of the certificates pallet. A mock runtime that only needs the registry
	/// takes its defaults from `testing::TestDefaultConfig` (feature `testing`) with
	/// `#[derive_impl]`.
	#[pallet::config(with_default)]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// The consortium: admits and removes CAs, revokes certificates, lifts bars.
		#[pallet::no_default_bounds]
		type ConsortiumOrigin: EnsureOrigin<Self::RuntimeOrigin>;
		/// The clock: Unix time in milliseconds (pallet-timestamp).
		#[pallet::no_default]
		type Time: Time<Moment = u64>;
		/// The cities of the consortium; a CA or a certificate names one of them.
		type Cities: Contains<CityCode>;
		/// Accounts that may transact without a certificate: the cities' trading centres and
		/// the other accounts the consortium names (in the runtime, the expert-pool
		/// administrator).
		#[pallet::no_default_bounds]
		type AdmissionExempt: Contains<Self::AccountId>;
		/// The longest CA or participant name, in bytes.
		#[pallet::constant]
		type MaxNameLen: Get<u32>;
		/// The most signing keys one CA may have.
		#[pallet::constant]
		type MaxAuthorityKeys: Get<u32>;
		/// The most entries kept in one participant's credit record; older entries move to the
		/// record's history ([`CreditHistory`]), so a full record never blocks a new entry.
		#[pallet::constant]
		type MaxCreditEntries: Get<u32>;
		/// The most violations one supervisor may record against one legal identity per
		/// [`Config::ViolationPeriod`], so that no supervisor can pad a record.
		#[pallet::constant]
		type MaxViolationsPerSupervisor: Get<u32>;
		/// The period of [`Config::MaxViolationsPerSupervisor`], in milliseconds.
		#[pallet::constant]
		type ViolationPeriod: Get<u64>;
		/// The length of the rate-limit window, in blocks.
		#[pallet::constant]
		#[pallet::no_default_bounds]
		type RateLimitWindow: Get<BlockNumberFor<Self>>;
		/// How many transactions a certified account may send per window.
		#[pallet::constant]
		type MaxTransactionsPerWindow: Get<u32>;
		/// How many bytes (encoded transaction lengths, summed) a certified account may send per
		/// window. A transaction larger than what remains is refused.
		#[pallet::constant]
		type MaxBytesPerWindow: Get<u32>;
		/// How much compute (the calls' declared weights, summed) a certified account may use
		/// per window. A call declares its weight before it runs, and a failed call is charged
		/// all of it: without this budget one transaction declaring a large weight (e.g.
		/// `Council::close` with a large weight bound) would fill a block.
		#[pallet::constant]
		type MaxWeightPerWindow: Get<Weight>;
		/// The exempt accounts (trading centres, the accounts the consortium names) have no
		/// count limit, and this many times a participant's byte and compute budgets.
		#[pallet::constant]
		type ExemptMultiple: Get<u32>;
		/// How many urgent transactions ([`Config::PriorityCalls`]) a certified account may send
		/// per window beyond [`Config::MaxTransactionsPerWindow`]: a bidder who used up its count
		/// can still commit or reveal before a deadline. The byte budget has no reserve.
		#[pallet::constant]
		type UrgentReserve: Get<u32>;
		/// The urgent calls (in the runtime: a bid commit or reveal in the last minutes before
		/// its deadline). The admission gate gives them [`URGENT_PRIORITY`] in the pool, and
		/// the [`Config::UrgentReserve`]; all other signed traffic has priority 0.
		#[pallet::no_default_bounds]
		type PriorityCalls: Contains<<Self as frame_system::Config>::RuntimeCall>;
		/// How far above its current nonce an account may queue transactions in the pool
		/// ([`CheckNonceWindow`]).
		#[pallet::constant]
		type MaxFutureNonces: Get<u32>;
		/// Bars recognised from peer provinces, enforced as this chain's own
		/// ([`Error::BarredInPeerProvince`]).
		type PeerBars: PeerBarred;
		/// Certificates recognised from peer provinces: an account certified there and
		/// recognised here transacts without registering here. A certificate registered here
		/// takes precedence over a peer's.
		#[pallet::no_default_bounds]
		type PeerCertificates: PeerCertified<Self::AccountId, Certificate<Self::MaxNameLen>>;
		/// The priority of the unsigned certificate registrations and revocations in the pool.
		#[pallet::constant]
		type UnsignedPriority: Get<TransactionPriority>;
		/// The weights of this pallet's calls.
		type WeightInfo: WeightInfo;
		/// What the benchmarks need from the runtime.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper;
	}

	/// The certificate authority record type of this runtime.
	pub type AuthorityOf<T> =
		CertificateAuthority<<T as Config>::MaxNameLen, <T as Config>::MaxAuthorityKeys>;
	/// The certificate record type of this runtime.
	pub type CertificateOf<T> = Certificate<<T as Config>::MaxNameLen>;
	/// The certificate payload type of this runtime.
	pub type CertificatePayloadOf<T> =
		CertificatePayload<<T as frame_system::Config>::AccountId, <T as Config>::MaxNameLen>;
	/// A credit-record entry of this runtime.
	pub type CreditEntryOf<T> = CreditEntry<<T as frame_system::Config>::AccountId>;

	/// The admitted certificate authorities, removed ones included.
	///
	/// Twox64Concat: the ids are assigned by this pallet in sequence, not chosen by users.
	#[pallet::storage]
	pub type Authorities<T: Config> = StorageMap<_, Twox64Concat, AuthorityId, AuthorityOf<T>>;

	/// The id the next admitted CA gets.
	#[pallet::storage]
	pub type NextAuthorityId<T: Config> = StorageValue<_, AuthorityId, ValueQuery>;

	/// The CA each signing key belongs to (a key belongs to one CA at most, ever).
	///
	/// Blake2_128Concat: keys are submitted by the consortium, but hashing keeps the trie
	/// balanced whatever keys are chosen.
	#[pallet::storage]
	pub type AuthorityOfKey<T: Config> = StorageMap<_, Blake2_128Concat, AuthorityKey, AuthorityId>;

	/// The certificate of each certified account (the latest registered one).
	///
	/// Blake2_128Concat: account ids are chosen by their holders.
	#[pallet::storage]
	pub type Certificates<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, CertificateOf<T>>;

	/// The account each (CA, serial) was registered for; a serial is never registered twice.
	///
	/// Twox64Concat for the CA id (sequential); Blake2_128Concat for the serial, which the CA
	/// chooses.
	#[pallet::storage]
	pub type Serials<T: Config> =
		StorageDoubleMap<_, Twox64Concat, AuthorityId, Blake2_128Concat, u64, T::AccountId>;

	/// Each legal identity's credit record (keyed by the certificate's identity hash, so that
	/// every account of one company shares it): the latest `MaxCreditEntries` violations and
	/// lifts, oldest first. Older entries move to [`CreditHistory`].
	///
	/// Blake2_128Concat: identity hashes are put in certificates by CAs.
	#[pallet::storage]
	pub type CreditRecords<T: Config> = StorageMap<
		_,
		Blake2_128Concat,
		H256,
		BoundedVec<CreditEntryOf<T>, T::MaxCreditEntries>,
		ValueQuery,
	>;

	/// The history of each legal identity's credit record: how many entries moved out of
	/// [`CreditRecords`], and their running digest.
	///
	/// Blake2_128Concat: identity hashes are put in certificates by CAs.
	#[pallet::storage]
	pub type CreditHistory<T: Config> =
		StorageMap<_, Blake2_128Concat, H256, CreditArchive, ValueQuery>;

	/// The live bars: what each legal identity (certificate identity hash) is barred from, and
	/// until when. A bar holds for every account certified for the identity.
	///
	/// Blake2_128Concat for the identity (put in certificates by CAs); Twox64Concat for the
	/// few-valued bar kind.
	#[pallet::storage]
	pub type Bars<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, H256, Twox64Concat, Bar, BarEntry>;

	/// For the rate limit: each account's use of its current window (start, transactions,
	/// bytes). Transient: `on_idle` removes the entries whose window has ended.
	///
	/// Blake2_128Concat: account ids are chosen by their holders.
	#[pallet::storage]
	pub type RecentTransactions<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, WindowUse<BlockNumberFor<T>>, OptionQuery>;

	/// Where `on_idle`'s sweep of [`RecentTransactions`] continues (the last raw key visited),
	/// if a sweep is under way.
	#[pallet::storage]
	pub type SweepCursor<T: Config> = StorageValue<_, BoundedVec<u8, ConstU32<256>>, OptionQuery>;

	/// The serials each CA has revoked, registered or not: a revoked serial is never
	/// registered.
	///
	/// Twox64Concat for the CA id (sequential); Blake2_128Concat for the serial, which the CA
	/// chooses.
	#[pallet::storage]
	pub type RevokedSerials<T: Config> =
		StorageDoubleMap<_, Twox64Concat, AuthorityId, Blake2_128Concat, u64, ()>;

	/// The legal identities whose certificate was revoked, with when (Unix ms): no new
	/// certificate is registered for them, on any account, until the consortium restores them
	/// ([`Pallet::restore_identity`]).
	///
	/// Blake2_128Concat: identity hashes are put in certificates by CAs.
	#[pallet::storage]
	pub type RevokedIdentities<T: Config> = StorageMap<_, Blake2_128Concat, H256, u64>;

	/// CAs admitted at genesis: `(name, city, keys, valid_from, valid_until)`.
	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// The founding CAs.
		pub authorities:
			Vec<(alloc::string::String, alloc::string::String, Vec<AuthorityKey>, u64, u64)>,
		#[serde(skip)]
		#[allow(missing_docs)]
		pub _phantom: core::marker::PhantomData<T>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			// Genesis is checked when the chain is created; a bad entry must stop it there.
			for (name, city, keys, from, until) in &self.authorities {
				let name = name.as_bytes().to_vec().try_into().expect("genesis CA name too long");
				let city: CityCode =
					city.as_bytes().to_vec().try_into().expect("genesis CA city code too long");
				let keys: BoundedVec<AuthorityKey, T::MaxAuthorityKeys> =
					keys.clone().try_into().expect("genesis CA has too many keys");
				Pallet::<T>::do_admit_authority(name, city, keys, *from, *until)
					.expect("genesis CA is valid");
			}
		}
	}

	/// The events of the certificates pallet.
	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// The consortium admitted a certificate authority.
		AuthorityAdmitted {
			/// Its id.
			authority: AuthorityId,
			/// The city that brought it in.
			city: CityCode,
		},
		/// The consortium removed a certificate authority; its certificates no longer count.
		AuthorityRemoved {
			/// Its id.
			authority: AuthorityId,
		},
		/// A certificate was registered for an account.
		CertificateRegistered {
			/// The certified account.
			account: T::AccountId,
			/// The legal identity's hash.
			identity: H256,
			/// The issuing CA.
			authority: AuthorityId,
			/// The CA's serial number.
			serial: u64,
			/// The roles certified.
			roles: Roles,
			/// The certifying city.
			city: CityCode,
		},
		/// A certificate was revoked.
		CertificateRevoked {
			/// The account whose certificate it was.
			account: T::AccountId,
			/// The legal identity's hash; it gets no new certificate until the consortium
			/// restores it.
			identity: H256,
			/// The issuing CA.
			authority: AuthorityId,
			/// The serial number.
			serial: u64,
			/// True if the consortium revoked it, false if the issuing CA did.
			by_consortium: bool,
		},
		/// A supervisor recorded a violation.
		ViolationRecorded {
			/// The account named by the supervisor.
			subject: T::AccountId,
			/// The legal identity whose record it is (every account of it is barred).
			identity: H256,
			/// The supervisor.
			supervisor: T::AccountId,
			/// How serious.
			severity: Severity,
			/// The bar imposed, if any, in every city.
			bar: Option<Bar>,
			/// Until when (Unix ms).
			expires_at: u64,
			/// The hash of the evidence.
			evidence: H256,
		},
		/// The consortium lifted a bar.
		BarLifted {
			/// The account named by the consortium.
			subject: T::AccountId,
			/// The legal identity whose bar it was.
			identity: H256,
			/// Which bar.
			bar: Bar,
			/// The hash of the decision.
			evidence: H256,
		},
		/// A CA revoked a serial that no account holds as its current certificate (never
		/// registered, or superseded): it can never be registered.
		SerialRevoked {
			/// The CA.
			authority: AuthorityId,
			/// The serial number.
			serial: u64,
		},
		/// The consortium restored a revoked legal identity: it may be certified again.
		IdentityRestored {
			/// The legal identity's hash.
			identity: H256,
		},
		/// The oldest entry of a credit record moved to its history (the record was full).
		CreditEntryArchived {
			/// The legal identity whose record it is.
			identity: H256,
			/// The entry that moved.
			entry: CreditEntryOf<T>,
			/// The history's digest after it.
			digest: H256,
		},
	}

	/// The errors of the certificates pallet.
	#[pallet::error]
	pub enum Error<T> {
		/// A CA needs at least one signing key.
		NoAuthorityKeys,
		/// This signing key already belongs to a CA (keys are never reused).
		AuthorityKeyInUse,
		/// The validity window ends before (or when) it starts.
		InvalidValidityWindow,
		/// The city is not a member of the consortium.
		UnknownCity,
		/// The name is longer than `MaxNameLen` bytes.
		NameTooLong,
		/// No CA has this id.
		UnknownAuthority,
		/// The CA has been removed by the consortium.
		AuthorityRemoved,
		/// The CA's own validity window does not cover now.
		AuthorityNotValidNow,
		/// The signing key does not belong to the CA named in the certificate.
		KeyNotOfAuthority,
		/// The CA's signature does not match the certificate: forged, or altered after signing.
		BadSignature,
		/// The certificate was made for another chain (its genesis hash differs).
		CertificateForAnotherChain,
		/// The certificate has expired (or its validity window has not begun).
		CertificateExpired,
		/// The certificate names no role, or a role unknown to this chain.
		InvalidRoles,
		/// A supervisor may hold no trading role (三端分离): only Supervisor and Auditor.
		SupervisorCannotTrade,
		/// The CA already issued a registered certificate with this serial number.
		DuplicateSerial,
		/// The account holds no certificate.
		NotCertified,
		/// The certificate has been revoked.
		CertificateRevoked,
		/// The certificate does not include the role this action needs.
		RoleNotHeld,
		/// The participant is barred (blacklisted) from this activity.
		Barred,
		/// No certificate with this serial was registered by this CA.
		UnknownSerial,
		/// The certificate was already revoked.
		AlreadyRevoked,
		/// The expiry lies in the past.
		ExpiryInPast,
		/// The participant's credit record is full. (No longer returned: the oldest entries
		/// move to the record's history.)
		TooManyCreditEntries,
		/// The participant is not barred from this activity.
		NotBarred,
		/// The account has renewed its certificate since this serial was issued: the old
		/// certificate no longer counts. To revoke the account's certificate, revoke the
		/// current serial. (No longer returned: revoking a superseded serial only marks it
		/// revoked.)
		CertificateSuperseded,
		/// The CA revoked this serial: it can never be registered.
		SerialRevoked,
		/// The legal identity's certificate was revoked: it gets no new certificate, on any
		/// account, until the consortium restores it.
		IdentityRevoked,
		/// The account holds a valid certificate from another CA; only that CA may renew it
		/// (or the certificate must first be revoked and the identity restored, or expire).
		CertifiedByAnotherAuthority,
		/// The account is certified for another legal identity; an account stays bound to
		/// one identity.
		AccountOfAnotherIdentity,
		/// The legal identity is not revoked.
		IdentityNotRevoked,
		/// This supervisor has recorded the most violations it may against this legal identity
		/// in the current period (`MaxViolationsPerSupervisor` per `ViolationPeriod`).
		TooManyViolationsBySupervisor,
		/// A supervisor certificate names another city than its CA's: only a city's own CA
		/// certifies the supervisors of that city (a supervisor acts on its city's tenders).
		SupervisorOfAnotherCity,
		/// A peer province bars the account's legal identity from this (a bar recognised from
		/// its chain by proof: `Recognition::PeerBars`); it applies here too.
		BarredInPeerProvince,
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Admit a certificate authority with its signing keys and validity window.
		///
		/// The dispatch origin must be the consortium (`ConsortiumOrigin`).
		///
		/// Emits `AuthorityAdmitted`.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::admit_authority(keys.len() as u32))]
		pub fn admit_authority(
			origin: OriginFor<T>,
			name: BoundedVec<u8, T::MaxNameLen>,
			city: CityCode,
			keys: BoundedVec<AuthorityKey, T::MaxAuthorityKeys>,
			valid_from: u64,
			valid_until: u64,
		) -> DispatchResult {
			T::ConsortiumOrigin::ensure_origin(origin)?;
			Self::do_admit_authority(name, city, keys, valid_from, valid_until)
		}

		/// Remove a certificate authority. Its record stays; its certificates stop counting.
		///
		/// The dispatch origin must be the consortium (`ConsortiumOrigin`).
		///
		/// Emits `AuthorityRemoved`.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::remove_authority())]
		pub fn remove_authority(origin: OriginFor<T>, authority: AuthorityId) -> DispatchResult {
			T::ConsortiumOrigin::ensure_origin(origin)?;
			let now = T::Time::now();
			Authorities::<T>::try_mutate(authority, |ca| {
				let ca = ca.as_mut().ok_or(Error::<T>::UnknownAuthority)?;
				ensure!(ca.removed_at.is_none(), Error::<T>::AuthorityRemoved);
				ca.removed_at = Some(now);
				Ok::<_, DispatchError>(())
			})?;
			Self::deposit_event(Event::AuthorityRemoved { authority });
			Ok(())
		}

		/// Register a CA-signed certificate for the account it names. Replaces the account's
		/// earlier certificate, if any (renewal).
		///
		/// The dispatch origin must be none (an unsigned transaction): the CA's signature
		/// authorises it, so that a participant can register before it can sign anything.
		///
		/// Emits `CertificateRegistered`.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::register_certificate())]
		pub fn register_certificate(
			origin: OriginFor<T>,
			certificate: CertificatePayloadOf<T>,
			key: AuthorityKey,
			signature: AuthoritySignature,
		) -> DispatchResult {
			ensure_none(origin)?;
			Self::check_certificate(&certificate, &key, &signature)?;
			let CertificatePayload {
				authority,
				serial,
				account,
				identity_hash,
				name,
				roles,
				city,
				valid_from,
				valid_until,
				..
			} = certificate;
			if !Certificates::<T>::contains_key(&account) {
				// The account now exists, so it can sign (the nonce check needs a provider).
				frame_system::Pallet::<T>::inc_providers(&account);
			}
			Serials::<T>::insert(authority, serial, &account);
			Certificates::<T>::insert(
				&account,
				Certificate {
					authority,
					serial,
					identity_hash,
					name,
					roles,
					city: city.clone(),
					valid_from,
					valid_until,
					revoked_at: None,
				},
			);
			Self::deposit_event(Event::CertificateRegistered {
				account,
				identity: identity_hash,
				authority,
				serial,
				roles,
				city,
			});
			Ok(())
		}

		/// Revoke a serial with a revocation signed by its issuing CA. The serial can then never
		/// be registered; if it is an account's current certificate, the certificate is revoked
		/// and its legal identity gets no new certificate until the consortium restores it. A
		/// CA may revoke a serial before anyone registers it.
		///
		/// The dispatch origin must be none (an unsigned transaction): the CA's signature
		/// authorises it.
		///
		/// Emits `CertificateRevoked` (a registered, current certificate) or `SerialRevoked`.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::revoke_certificate())]
		pub fn revoke_certificate(
			origin: OriginFor<T>,
			revocation: RevocationPayload,
			key: AuthorityKey,
			signature: AuthoritySignature,
		) -> DispatchResult {
			ensure_none(origin)?;
			let holder = Self::check_revocation(&revocation, &key, &signature)?;
			RevokedSerials::<T>::insert(revocation.authority, revocation.serial, ());
			match holder {
				Some(account) => Self::do_revoke(account, false),
				None => {
					Self::deposit_event(Event::SerialRevoked {
						authority: revocation.authority,
						serial: revocation.serial,
					});
					Ok(())
				},
			}
		}

		/// Revoke the certificate of `account`. Its serial can never be registered again, and
		/// its legal identity gets no new certificate until the consortium restores it.
		///
		/// The dispatch origin must be the consortium (`ConsortiumOrigin`).
		///
		/// Emits `CertificateRevoked`.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::revoke_by_consortium())]
		pub fn revoke_by_consortium(origin: OriginFor<T>, account: T::AccountId) -> DispatchResult {
			T::ConsortiumOrigin::ensure_origin(origin)?;
			let cert = Certificates::<T>::get(&account).ok_or(Error::<T>::NotCertified)?;
			ensure!(cert.revoked_at.is_none(), Error::<T>::AlreadyRevoked);
			RevokedSerials::<T>::insert(cert.authority, cert.serial, ());
			Self::do_revoke(account, true)
		}

		/// Record a violation by `subject` in the credit record of its legal identity; with
		/// `bar`, bar that identity (every account certified for it) from bidding, evaluation
		/// or publishing in every city until `expires_at`. A full record never blocks it: the
		/// oldest entry moves to the history. One supervisor records at most
		/// `MaxViolationsPerSupervisor` violations per identity per `ViolationPeriod`.
		///
		/// The dispatch origin must be signed by a participant holding a valid Supervisor
		/// certificate.
		///
		/// Emits `ViolationRecorded`.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::record_violation())]
		pub fn record_violation(
			origin: OriginFor<T>,
			subject: T::AccountId,
			severity: Severity,
			evidence: H256,
			expires_at: u64,
			bar: Option<Bar>,
		) -> DispatchResult {
			let supervisor = ensure_signed(origin)?;
			Self::ensure_role(&supervisor, Role::Supervisor)?;
			// Certified here or recognised from a peer province: the same identity.
			let identity = Self::certificate_of(&subject)
				.map(|c| c.identity_hash)
				.ok_or(Error::<T>::NotCertified)?;
			let now = T::Time::now();
			ensure!(expires_at > now, Error::<T>::ExpiryInPast);
			let since = now.saturating_sub(T::ViolationPeriod::get());
			let recent_by_supervisor = CreditRecords::<T>::get(identity)
				.iter()
				.filter(|e| {
					e.at > since
						&& matches!(&e.event, CreditEvent::Violation { by, .. } if *by == supervisor)
				})
				.count();
			ensure!(
				(recent_by_supervisor as u64) < u64::from(T::MaxViolationsPerSupervisor::get()),
				Error::<T>::TooManyViolationsBySupervisor
			);
			let entry = CreditEntry {
				event: CreditEvent::Violation { by: supervisor.clone(), severity, bar },
				evidence,
				at: now,
				expires_at,
			};
			let number = Self::append_credit_entry(identity, entry);
			if let Some(bar) = bar {
				let until =
					Bars::<T>::get(identity, bar).map_or(expires_at, |b| b.until.max(expires_at));
				Bars::<T>::insert(identity, bar, BarEntry { until, record: number });
			}
			Self::deposit_event(Event::ViolationRecorded {
				subject,
				identity,
				supervisor,
				severity,
				bar,
				expires_at,
				evidence,
			});
			Ok(())
		}

		/// Lift a bar of the legal identity of `subject` before it expires (for every account of
		/// that identity); the lift is added to the identity's credit record, which never
		/// blocks it (a full record moves its oldest entry to the history).
		///
		/// The dispatch origin must be the consortium (`ConsortiumOrigin`).
		///
		/// Emits `BarLifted`.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::lift_bar())]
		pub fn lift_bar(
			origin: OriginFor<T>,
			subject: T::AccountId,
			bar: Bar,
			evidence: H256,
		) -> DispatchResult {
			T::ConsortiumOrigin::ensure_origin(origin)?;
			// Certified here or recognised from a peer province: the same identity.
			let identity = Self::certificate_of(&subject)
				.map(|c| c.identity_hash)
				.ok_or(Error::<T>::NotCertified)?;
			let now = T::Time::now();
			let live = Bars::<T>::get(identity, bar).filter(|b| b.until > now);
			ensure!(live.is_some(), Error::<T>::NotBarred);
			let entry = CreditEntry {
				event: CreditEvent::Lifted { bar },
				evidence,
				at: now,
				expires_at: now,
			};
			Self::append_credit_entry(identity, entry);
			Bars::<T>::remove(identity, bar);
			Self::deposit_event(Event::BarLifted { subject, identity, bar, evidence });
			Ok(())
		}

		/// Restore a legal identity whose certificate was revoked: it may be certified again
		/// (with a new serial; revoked serials stay revoked).
		///
		/// The dispatch origin must be the consortium (`ConsortiumOrigin`).
		///
		/// Emits `IdentityRestored`.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::restore_identity())]
		pub fn restore_identity(origin: OriginFor<T>, identity: H256) -> DispatchResult {
			T::ConsortiumOrigin::ensure_origin(origin)?;
			ensure!(RevokedIdentities::<T>::contains_key(identity), Error::<T>::IdentityNotRevoked);
			RevokedIdentities::<T>::remove(identity);
			Self::deposit_event(Event::IdentityRestored { identity });
			Ok(())
		}
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		/// Removes the rate-limit counters whose window has ended, as far as the block's
		/// spare weight allows (at most [`MAX_SWEEP_PER_BLOCK`] entries), continuing where the
		/// last sweep stopped.
		fn on_idle(now: BlockNumberFor<T>, remaining: Weight) -> Weight {
			Self::sweep_recent_transactions(now, remaining)
		}
	}

	// Registration and revocation are authorised by a CA's signature, not by a signer:
	// unsigned transactions validated here. `ValidateUnsigned` is deprecated in favour of
	// `#[pallet::authorize]` (general transactions), which clients cannot all build yet; the
	// move is planned before its removal (April 2027).
	#[allow(deprecated)]
	#[pallet::validate_unsigned]
	impl<T: Config> ValidateUnsigned for Pallet<T> {
		type Call = Call<T>;

		fn validate_unsigned(_source: TransactionSource, call: &Self::Call) -> TransactionValidity {
			let (tag, result) = match call {
				Call::register_certificate { certificate, key, signature } => (
					(b"certificate", certificate.authority, certificate.serial),
					Self::check_certificate(certificate, key, signature),
				),
				Call::revoke_certificate { revocation, key, signature } => (
					(b"revocation_", revocation.authority, revocation.serial),
					Self::check_revocation(revocation, key, signature).map(|_| ()),
				),
				_ => return InvalidTransaction::Call.into(),
			};
			result.map_err(|e| InvalidTransaction::Custom(Self::error_code(e)))?;
			ValidTransaction::with_tag_prefix("Certificates")
				.priority(T::UnsignedPriority::get())
				.and_provides(tag)
				.longevity(64)
				.propagate(true)
				.build()
		}
	}

	impl<T: Config> Pallet<T> {
		/// The error's index in [`Error`], as the `Custom` code of a refused unsigned
		/// transaction, so that the client can name the rule broken.
		fn error_code(e: Error<T>) -> u8 {
			e.encode().first().copied().unwrap_or(u8::MAX)
		}

		/// Admits a CA after checking its keys, window and city.
		pub(crate) fn do_admit_authority(
			name: BoundedVec<u8, T::MaxNameLen>,
			city: CityCode,
			keys: BoundedVec<AuthorityKey, T::MaxAuthorityKeys>,
			valid_from: u64,
			valid_until: u64,
		) -> DispatchResult {
			ensure!(!keys.is_empty(), Error::<T>::NoAuthorityKeys);
			ensure!(valid_from < valid_until, Error::<T>::InvalidValidityWindow);
			ensure!(T::Cities::contains(&city), Error::<T>::UnknownCity);
			for (i, key) in keys.iter().enumerate() {
				ensure!(!AuthorityOfKey::<T>::contains_key(key), Error::<T>::AuthorityKeyInUse);
				ensure!(!keys[..i].contains(key), Error::<T>::AuthorityKeyInUse);
			}
			let authority = NextAuthorityId::<T>::get();
			for key in keys.iter() {
				AuthorityOfKey::<T>::insert(key, authority);
			}
			NextAuthorityId::<T>::put(authority.saturating_add(1));
			Authorities::<T>::insert(
				authority,
				CertificateAuthority {
					name,
					city: city.clone(),
					keys,
					valid_from,
					valid_until,
					removed_at: None,
				},
			);
			Self::deposit_event(Event::AuthorityAdmitted { authority, city });
			Ok(())
		}

		/// The CA `authority`, checked to be admitted, not removed and valid at `now`, with
		/// `key` one of its keys.
		fn usable_authority(
			authority: AuthorityId,
			key: &AuthorityKey,
			now: u64,
		) -> Result<AuthorityOf<T>, Error<T>> {
			let ca = Authorities::<T>::get(authority).ok_or(Error::<T>::UnknownAuthority)?;
			ensure!(ca.removed_at.is_none(), Error::<T>::AuthorityRemoved);
			ensure!(ca.valid_from <= now && now < ca.valid_until, Error::<T>::AuthorityNotValidNow);
			ensure!(ca.keys.contains(key), Error::<T>::KeyNotOfAuthority);
			Ok(ca)
		}

		/// Verifies an ed25519 signature over `tag ++ payload`.
		fn signed_by(
			tag: &[u8],
			payload: &impl Encode,
			key: &AuthorityKey,
			signature: &AuthoritySignature,
		) -> bool {
			let mut message = tag.to_vec();
			payload.encode_to(&mut message);
			sp_io::crypto::ed25519_verify(
				&sp_core::ed25519::Signature::from_raw(*signature),
				&message,
				&sp_core::ed25519::Public::from_raw(*key),
			)
		}

		/// The genesis hash of this chain.
		pub(crate) fn genesis_hash() -> H256 {
			let hash = frame_system::Pallet::<T>::block_hash(BlockNumberFor::<T>::zero());
			H256::from_slice(hash.as_ref())
		}

		/// Every rule a certificate must pass to be registered, in the order a user would fix
		/// them.
		pub(crate) fn check_certificate(
			cert: &CertificatePayloadOf<T>,
			key: &AuthorityKey,
			signature: &AuthoritySignature,
		) -> Result<(), Error<T>> {
			let now = T::Time::now();
			ensure!(
				cert.genesis_hash == Self::genesis_hash(),
				Error::<T>::CertificateForAnotherChain
			);
			let ca = Self::usable_authority(cert.authority, key, now)?;
			ensure!(
				Self::signed_by(CERTIFICATE_SIGNING_TAG, cert, key, signature),
				Error::<T>::BadSignature
			);
			ensure!(cert.valid_from < cert.valid_until, Error::<T>::InvalidValidityWindow);
			ensure!(
				cert.valid_from <= now && now < cert.valid_until,
				Error::<T>::CertificateExpired
			);
			ensure!(!cert.roles.is_empty() && cert.roles.is_known(), Error::<T>::InvalidRoles);
			ensure!(cert.roles.separates_supervision(), Error::<T>::SupervisorCannotTrade);
			ensure!(T::Cities::contains(&cert.city), Error::<T>::UnknownCity);
			// A supervisor acts on the tenders of its certificate's city: only that city's own
			// CA may certify one, so that no CA can make supervisors for other cities.
			ensure!(
				!cert.roles.contains(Role::Supervisor) || cert.city == ca.city,
				Error::<T>::SupervisorOfAnotherCity
			);
			ensure!(
				!Serials::<T>::contains_key(cert.authority, cert.serial),
				Error::<T>::DuplicateSerial
			);
			ensure!(
				!RevokedSerials::<T>::contains_key(cert.authority, cert.serial),
				Error::<T>::SerialRevoked
			);
			ensure!(
				!RevokedIdentities::<T>::contains_key(cert.identity_hash),
				Error::<T>::IdentityRevoked
			);
			// An account stays bound to its legal identity (that of its certificate here, or of
			// a peer province's recognised here), so a revoked or barred identity cannot come
			// back on the same account under another identity hash.
			if let Some(held) = T::PeerCertificates::certificate(&cert.account) {
				ensure!(
					held.identity_hash == cert.identity_hash,
					Error::<T>::AccountOfAnotherIdentity
				);
			}
			if let Some(held) = Certificates::<T>::get(&cert.account) {
				ensure!(
					held.identity_hash == cert.identity_hash,
					Error::<T>::AccountOfAnotherIdentity
				);
				// Only the CA that issued a valid certificate may renew it.
				ensure!(
					held.authority == cert.authority || Self::check_usable(held, now).is_err(),
					Error::<T>::CertifiedByAnotherAuthority
				);
			}
			Ok(())
		}

		/// Checks a CA-signed revocation; returns the account whose current certificate it
		/// revokes, or `None` if the serial is not an account's current certificate (never
		/// registered, or superseded by a renewal).
		pub(crate) fn check_revocation(
			revocation: &RevocationPayload,
			key: &AuthorityKey,
			signature: &AuthoritySignature,
		) -> Result<Option<T::AccountId>, Error<T>> {
			ensure!(
				revocation.genesis_hash == Self::genesis_hash(),
				Error::<T>::CertificateForAnotherChain
			);
			// Only a CA in service revokes: the certificates of a removed CA, or of one outside
			// its own validity window, are void already, and a removed CA's key (perhaps
			// compromised) must not mark identities revoked nor fill the revoked serials.
			Self::usable_authority(revocation.authority, key, T::Time::now())?;
			ensure!(
				Self::signed_by(REVOCATION_SIGNING_TAG, revocation, key, signature),
				Error::<T>::BadSignature
			);
			ensure!(
				!RevokedSerials::<T>::contains_key(revocation.authority, revocation.serial),
				Error::<T>::AlreadyRevoked
			);
			let Some(account) = Serials::<T>::get(revocation.authority, revocation.serial) else {
				// Not registered (yet): the serial is revoked before anyone can register it.
				return Ok(None);
			};
			let cert = Certificates::<T>::get(&account).ok_or(Error::<T>::UnknownSerial)?;
			// The account may have renewed since: the old serial is then only marked revoked.
			if cert.authority != revocation.authority || cert.serial != revocation.serial {
				return Ok(None);
			}
			ensure!(cert.revoked_at.is_none(), Error::<T>::AlreadyRevoked);
			Ok(Some(account))
		}

		fn do_revoke(account: T::AccountId, by_consortium: bool) -> DispatchResult {
			let now = T::Time::now();
			let cert = Certificates::<T>::try_mutate(&account, |cert| {
				let cert = cert.as_mut().ok_or(Error::<T>::NotCertified)?;
				ensure!(cert.revoked_at.is_none(), Error::<T>::AlreadyRevoked);
				cert.revoked_at = Some(now);
				Ok::<_, Error<T>>(cert.clone())
			})?;
			if !RevokedIdentities::<T>::contains_key(cert.identity_hash) {
				RevokedIdentities::<T>::insert(cert.identity_hash, now);
			}
			Self::deposit_event(Event::CertificateRevoked {
				account,
				identity: cert.identity_hash,
				authority: cert.authority,
				serial: cert.serial,
				by_consortium,
			});
			Ok(())
		}

		/// Moves `entry` into the history of `identity`'s credit record.
		fn archive_credit_entry(
			identity: H256,
			archive: &mut CreditArchive,
			entry: CreditEntryOf<T>,
		) {
			archive.archived = archive.archived.saturating_add(1);
			archive.digest = H256(sp_io::hashing::blake2_256(&(archive.digest, &entry).encode()));
			Self::deposit_event(Event::CreditEntryArchived {
				identity,
				entry,
				digest: archive.digest,
			});
		}

		/// Appends `entry` to `identity`'s credit record, moving the oldest entry to the
		/// history if the record is full; never fails. Returns the entry's number, counting
		/// from the first entry ever recorded.
		fn append_credit_entry(identity: H256, entry: CreditEntryOf<T>) -> u32 {
			let mut archive = CreditHistory::<T>::get(identity);
			let number = CreditRecords::<T>::mutate(identity, |record| {
				if record.is_full() && !record.is_empty() {
					let oldest = record.remove(0);
					Self::archive_credit_entry(identity, &mut archive, oldest);
				}
				let kept_before = record.len() as u32;
				if let Err(entry) = record.try_push(entry) {
					// Only with a bound of zero: the entry goes straight to the history.
					let number = archive.archived;
					Self::archive_credit_entry(identity, &mut archive, entry);
					return number;
				}
				archive.archived.saturating_add(kept_before)
			});
			if archive.archived > 0 {
				CreditHistory::<T>::insert(identity, archive);
			}
			number
		}

		/// Removes the rate-limit counters whose window ended (see `on_idle`).
		pub(crate) fn sweep_recent_transactions(
			now: BlockNumberFor<T>,
			remaining: Weight,
		) -> Weight {
			let db = T::DbWeight::get();
			// The cursor, read and written.
			let base = db.reads_writes(1, 1);
			// Each entry visited is read, and removed if expired.
			let per_entry = db.reads_writes(1, 1);
			if remaining.any_lt(base) {
				return Weight::zero();
			}
			let budget = remaining
				.saturating_sub(base)
				.checked_div_per_component(&per_entry)
				.unwrap_or(MAX_SWEEP_PER_BLOCK)
				.min(MAX_SWEEP_PER_BLOCK);
			if budget == 0 {
				return Weight::zero();
			}
			let window = T::RateLimitWindow::get();
			let mut entries = match SweepCursor::<T>::get() {
				Some(cursor) => RecentTransactions::<T>::iter_from(cursor.into_inner()),
				None => RecentTransactions::<T>::iter(),
			};
			let mut expired = Vec::new();
			let mut visited: u64 = 0;
			let mut finished = false;
			while visited < budget {
				let Some((who, window_use)) = entries.next() else {
					finished = true;
					break;
				};
				visited = visited.saturating_add(1);
				if now >= window_use.start.saturating_add(window) {
					expired.push(who);
				}
			}
			let cursor = if finished {
				None
			} else {
				BoundedVec::try_from(entries.last_raw_key().to_vec()).ok()
			};
			SweepCursor::<T>::set(cursor);
			for who in expired {
				RecentTransactions::<T>::remove(who);
			}
			base.saturating_add(per_entry.saturating_mul(visited))
		}

		/// Is `cert` usable at `now`: not revoked, within its window, from a CA not removed and
		/// within the CA's own window?
		fn check_usable(cert: CertificateOf<T>, now: u64) -> Result<CertificateOf<T>, Error<T>> {
			ensure!(cert.revoked_at.is_none(), Error::<T>::CertificateRevoked);
			ensure!(
				cert.valid_from <= now && now < cert.valid_until,
				Error::<T>::CertificateExpired
			);
			let ca = Authorities::<T>::get(cert.authority).ok_or(Error::<T>::UnknownAuthority)?;
			ensure!(ca.removed_at.is_none(), Error::<T>::AuthorityRemoved);
			ensure!(ca.valid_from <= now && now < ca.valid_until, Error::<T>::AuthorityNotValidNow);
			Ok(cert)
		}

		/// The certificate `who` holds: the one registered here, or else the one recognised
		/// from a peer province (see [`Config::PeerCertificates`]). Usable or not.
		pub fn certificate_of(who: &T::AccountId) -> Option<CertificateOf<T>> {
			Certificates::<T>::get(who).or_else(|| T::PeerCertificates::certificate(who))
		}

		/// The certificate of `who` if it is usable now: registered, not revoked, within its
		/// window, from a CA not removed and within the CA's own validity window. A certificate
		/// recognised from a peer province is usable while not revoked there (as last proven
		/// here), within its window, and its legal identity not revoked here.
		pub fn valid_certificate(who: &T::AccountId) -> Result<CertificateOf<T>, Error<T>> {
			let now = T::Time::now();
			if let Some(cert) = Certificates::<T>::get(who) {
				return Self::check_usable(cert, now);
			}
			let cert = T::PeerCertificates::certificate(who).ok_or(Error::<T>::NotCertified)?;
			ensure!(cert.revoked_at.is_none(), Error::<T>::CertificateRevoked);
			ensure!(
				cert.valid_from <= now && now < cert.valid_until,
				Error::<T>::CertificateExpired
			);
			ensure!(
				!RevokedIdentities::<T>::contains_key(cert.identity_hash),
				Error::<T>::IdentityRevoked
			);
			Ok(cert)
		}

		/// Is the legal identity `identity` barred from `bar` now?
		pub fn is_identity_barred(identity: H256, bar: Bar) -> bool {
			Bars::<T>::get(identity, bar).is_some_and(|b| b.until > T::Time::now())
		}

		/// Is `who` barred from `bar` now? Bars apply to the legal identity of `who`'s
		/// certificate, so every account certified for a barred identity is barred.
		pub fn is_barred(who: &T::AccountId, bar: Bar) -> bool {
			Self::certificate_of(who).is_some_and(|c| {
				Self::is_identity_barred(c.identity_hash, bar)
					|| T::PeerBars::is_barred(&c.identity_hash, bar)
			})
		}
	}

	impl<T: Config> ParticipantRegistry<T::AccountId> for Pallet<T> {
		fn ensure_role(who: &T::AccountId, role: Role) -> DispatchResult {
			let cert = Self::valid_certificate(who)?;
			ensure!(cert.roles.contains(role), Error::<T>::RoleNotHeld);
			Ok(())
		}

		fn ensure_not_barred(who: &T::AccountId, bar: Bar) -> DispatchResult {
			let Some(cert) = Self::certificate_of(who) else { return Ok(()) };
			ensure!(!Self::is_identity_barred(cert.identity_hash, bar), Error::<T>::Barred);
			ensure!(
				!T::PeerBars::is_barred(&cert.identity_hash, bar),
				Error::<T>::BarredInPeerProvince
			);
			Ok(())
		}

		fn city_of(who: &T::AccountId) -> Option<CityCode> {
			Self::certificate_of(who).map(|c| c.city)
		}

		fn certified_since(who: &T::AccountId) -> Option<u64> {
			Self::certificate_of(who).map(|c| c.valid_from)
		}

		fn identity_of(who: &T::AccountId) -> Option<H256> {
			Self::certificate_of(who).map(|c| c.identity_hash)
		}
	}
}
