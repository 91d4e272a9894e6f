//! # Notary pallet
//!
//! ## Overview
//!
//! Archive notarization (存证): the SHA-256 hash of a trading document — or the Merkle root of
//! a batch of documents — is anchored on chain with its type, its tender (if any) and its
//! issuer; the block gives the time. Anyone can later check that a file is the one anchored,
//! with a light client that trusts no node (`tender verify`).
//!
//! - **A single document**: [`Pallet::anchor`] records its hash.
//! - **A batch**: [`Pallet::anchor_batch`] records the root of the binary SHA-256 Merkle tree
//!   over the batch's document hashes, defined in [`merkle`]; each document is proved by its
//!   path to the root (the client writes it next to the file).
//! - **Versions**: an anchor may supersede an earlier one of the same type and issuer; both are
//!   kept, and the earlier one points to its successor.
//! - **Permissions**: who may anchor depends on the document type ([`DocumentType::may_anchor`]):
//!   tenderers and agencies their notices, amendments and contracts; trading centres opening
//!   records, award notices and archives; experts and trading centres evaluation reports.
//! - **Filing under a tender** ([`Config::Tenders`]): a document is filed under a tender only
//!   if the tender exists ([`Error::UnknownTender`]) and only by one of its parties
//!   ([`PartyRole`]): its tenderer or agency, the principal of an agency's tender, an expert
//!   seated on its committee, or the trading centre of its host city
//!   ([`Error::NotATenderParty`]); and a party files only the types its part allows
//!   ([`PartyRole::may_file`]). The anchor records the filer's part ([`Anchor::role`]), so a
//!   verifier shows who filed each document under a tender and in what capacity. Nobody can
//!   squat a tender's list with documents it had no part in, nor file under a tender not yet
//!   published.
//! - **Quota** ([`Config::MaxAnchorsPerWindow`]): an account anchors at most that many
//!   documents or batches per [`Config::AnchorWindow`] blocks (a batch counts once); the
//!   counters of past windows are removed by `on_idle`, a bounded number of entries per block.
//!
//! What nobody can do: change or remove an anchor (a new version supersedes it, both are
//! kept), anchor a hash twice, or supersede another issuer's document.
//!
//! Nothing but hashes goes on chain: the documents stay with their holders.

#![cfg_attr(not(feature = "std"), no_std)]
#![warn(missing_docs)]

extern crate alloc;

pub use pallet::*;
pub use weights::WeightInfo;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
pub mod merkle;
pub mod migrations;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod vectors;
pub mod weights;

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use pallet_certificates::Role;
use scale_info::TypeInfo;

/// The id of a tender (as in the tendering pallet).
pub type TenderId = u64;

/// The part an account plays in a tender, which decides what it may file under it.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	TypeInfo,
	MaxEncodedLen,
	Debug,
)]
pub enum PartyRole {
	/// 招标人: the tenderer that published the tender itself.
	Tenderer,
	/// 招标代理: the agency that published the tender for its principal.
	Agency,
	/// The principal tenderer of an agency's tender.
	Principal,
	/// An evaluation expert seated on the tender's committee.
	Expert,
	/// The trading centre of the city hosting the tender.
	TradingCentre,
}

impl PartyRole {
	/// Whether a party of this part may file `document_type` under the tender.
	pub fn may_file(self, document_type: DocumentType) -> bool {
		match self {
			PartyRole::TradingCentre => true,
			PartyRole::Tenderer | PartyRole::Agency | PartyRole::Principal => matches!(
				document_type,
				DocumentType::Notice | DocumentType::Amendment | DocumentType::Contract
			),
			PartyRole::Expert => document_type == DocumentType::EvaluationReport,
		}
	}
}

/// The tenders and their parties, as the notary needs them (the runtime implements it from the
/// tendering and expert-draw pallets).
pub trait TenderParties<AccountId> {
	/// Whether `tender` has been published.
	fn exists(tender: TenderId) -> bool;
	/// The part `who` plays in `tender`, if any. When an account plays several, the runtime
	/// returns the first of: trading centre, tenderer or agency, principal, expert.
	fn role_of(tender: TenderId, who: &AccountId) -> Option<PartyRole>;
}

/// No tenders: nothing can be filed under a tender (for runtimes without a tendering pallet).
impl<AccountId> TenderParties<AccountId> for () {
	fn exists(_tender: TenderId) -> bool {
		false
	}

	fn role_of(_tender: TenderId, _who: &AccountId) -> Option<PartyRole> {
		None
	}
}

/// What kind of trading document an anchor is.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	TypeInfo,
	MaxEncodedLen,
	Debug,
)]
pub enum DocumentType {
	/// 招标公告: a tender notice.
	Notice,
	/// 澄清/补遗: an amendment or clarification.
	Amendment,
	/// 开标记录: a bid-opening record.
	BidOpeningRecord,
	/// 评标报告: an evaluation report.
	EvaluationReport,
	/// 中标公告: an award notice.
	AwardNotice,
	/// 合同: a contract.
	Contract,
	/// 档案: an archived record of a finished procedure.
	Archive,
}

impl DocumentType {
	/// The certificate roles that may anchor this type (besides the cities' trading centres,
	/// which may anchor every type).
	pub fn may_anchor(self) -> &'static [Role] {
		match self {
			DocumentType::Notice | DocumentType::Amendment | DocumentType::Contract => {
				&[Role::Tenderer, Role::Agency]
			},
			DocumentType::EvaluationReport => &[Role::Expert],
			DocumentType::BidOpeningRecord | DocumentType::AwardNotice | DocumentType::Archive => {
				&[]
			},
		}
	}
}

/// What the chain records for an anchored hash.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, MaxEncodedLen, Debug)]
pub struct Anchor<AccountId, BlockNumber> {
	/// The type of the document (or of every document in the batch).
	pub document_type: DocumentType,
	/// The tender the document belongs to, if any.
	pub tender: Option<TenderId>,
	/// Who anchored it.
	pub issuer: AccountId,
	/// The block it was anchored in.
	pub block: BlockNumber,
	/// The block's timestamp (Unix ms).
	pub time: u64,
	/// 1 for a single document; the number of documents for a batch root.
	pub documents: u32,
	/// The anchor this one supersedes, if any.
	pub supersedes: Option<sp_core::H256>,
	/// The anchor that superseded this one, if any.
	pub superseded_by: Option<sp_core::H256>,
	/// The part the issuer plays in the tender (`None` for an anchor under no tender).
	pub role: Option<PartyRole>,
}

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{
		pallet_prelude::*,
		traits::{Contains, Time},
	};
	use frame_system::pallet_prelude::*;
	use pallet_certificates::ParticipantRegistry;
	use sp_core::H256;
	use sp_runtime::traits::{One, Saturating, Zero};

	/// The most quota counters `on_idle` removes in one step.
	pub const MAX_CLEARED_PER_STEP: u32 = 64;
	/// The most windows `on_idle` moves past in one block.
	pub const MAX_CLEAR_STEPS: u32 = 8;

	/// The record type stored for an anchor in this runtime.
	pub type AnchorOf<T> = Anchor<<T as frame_system::Config>::AccountId, BlockNumberFor<T>>;

	/// The in-code storage version: 1 added [`Anchor::role`] (see [`crate::migrations`]).
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Configuration of the notary pallet.
	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// Who holds which role (the certificates pallet).
		type Participants: ParticipantRegistry<Self::AccountId>;
		/// The cities' trading centres, which may anchor every document type.
		type TradingCentres: Contains<Self::AccountId>;
		/// The clock: Unix time in milliseconds (pallet-timestamp).
		type Time: Time<Moment = u64>;
		/// The tenders and their parties: who may file documents under which tender.
		type Tenders: TenderParties<Self::AccountId>;
		/// The length of the anchoring quota's window, in blocks.
		#[pallet::constant]
		type AnchorWindow: Get<BlockNumberFor<Self>>;
		/// The most anchors (documents or batches) one account may make per window.
		#[pallet::constant]
		type MaxAnchorsPerWindow: Get<u32>;
		/// The most documents in one batch.
		#[pallet::constant]
		type MaxBatchSize: Get<u32>;
		/// The most anchors listed under one tender.
		#[pallet::constant]
		type MaxAnchorsPerTender: Get<u32>;
		/// The weights of this pallet's calls.
		type WeightInfo: WeightInfo;
		/// An account allowed to anchor every type, for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId>;
	}

	/// What the benchmarks need from the runtime.
	#[cfg(feature = "runtime-benchmarks")]
	pub trait BenchmarkHelper<AccountId> {
		/// A trading-centre account.
		fn trading_centre() -> AccountId;
		/// A published tender hosted by [`Self::trading_centre`]'s city (so that its
		/// `TenderParties::role_of` is `TradingCentre`).
		fn hosted_tender() -> TenderId {
			1
		}
	}

	/// The anchors, by document hash (single documents) or Merkle root (batches).
	///
	/// Identity hasher: the keys are SHA-256 hashes, which nobody can choose to collide, and a
	/// verifier computes the storage key from the hash alone.
	#[pallet::storage]
	pub type Anchors<T: Config> = StorageMap<_, Identity, H256, AnchorOf<T>>;

	/// The anchors under each tender, in the order they were made.
	#[pallet::storage]
	pub type TenderAnchors<T: Config> =
		StorageMap<_, Twox64Concat, TenderId, BoundedVec<H256, T::MaxAnchorsPerTender>, ValueQuery>;

	/// How many anchors each account made in each quota window, by window index (the block
	/// number divided by `AnchorWindow`), then account.
	///
	/// Transient: a window's entries are removed by `on_idle` once the window is over.
	/// Twox64Concat for the window index (the chain's own counter); Blake2_128Concat for the
	/// account, which a caller chooses.
	#[pallet::storage]
	pub type AnchorsInWindow<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		BlockNumberFor<T>,
		Blake2_128Concat,
		T::AccountId,
		u32,
		ValueQuery,
	>;

	/// The oldest quota window that may still hold entries in [`AnchorsInWindow`]; `None`
	/// before the first anchor.
	#[pallet::storage]
	pub type OldestQuotaWindow<T: Config> = StorageValue<_, BlockNumberFor<T>, OptionQuery>;

	/// How many documents have been notarized (batches count each document).
	#[pallet::storage]
	pub type DocumentCount<T: Config> = StorageValue<_, u64, ValueQuery>;

	/// Events of the notary.
	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A document, or a batch's Merkle root, was anchored.
		Anchored {
			/// The document hash or the batch root.
			hash: H256,
			/// The document type.
			document_type: DocumentType,
			/// The tender, if any.
			tender: Option<TenderId>,
			/// The number of documents (1 for a single document).
			documents: u32,
			/// Who anchored it.
			issuer: T::AccountId,
		},
		/// An anchor superseded an earlier version.
		Superseded {
			/// The earlier anchor.
			old: H256,
			/// The new one.
			new: H256,
		},
	}

	/// Why an anchoring was refused.
	#[pallet::error]
	pub enum Error<T> {
		/// This hash is already anchored (the record shows when and by whom).
		AlreadyAnchored,
		/// The signer's certificate does not allow anchoring this document type.
		NotPermitted,
		/// The anchor to supersede does not exist.
		UnknownPreviousVersion,
		/// The anchor to supersede was already superseded.
		AlreadySuperseded,
		/// A new version must have the same document type and issuer as the old one.
		NotTheSameDocument,
		/// A batch must hold at least one document.
		EmptyBatch,
		/// A batch may hold at most `MaxBatchSize` documents.
		BatchTooLarge,
		/// The tender already lists `MaxAnchorsPerTender` anchors.
		TooManyAnchorsForTender,
		/// No tender with this id has been published: documents are filed only under an
		/// existing tender.
		UnknownTender,
		/// The signer plays no part in this tender that allows filing this document type under
		/// it (its tenderer, agency, principal, a seated expert, or its host trading centre).
		NotATenderParty,
		/// The signer has made `MaxAnchorsPerWindow` anchors in this window: wait for the next
		/// one, or anchor many documents at once as a batch.
		AnchorQuotaExceeded,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		/// Removes the quota counters of windows that are over, within `remaining_weight`.
		fn on_idle(now: BlockNumberFor<T>, remaining_weight: Weight) -> Weight {
			Self::clear_past_windows(now, remaining_weight)
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Anchor one document by its SHA-256 hash, optionally as the new version of an earlier
		/// anchor (same type and issuer).
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::anchor())]
		pub fn anchor(
			origin: OriginFor<T>,
			document: H256,
			document_type: DocumentType,
			tender: Option<TenderId>,
			supersedes: Option<H256>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_anchor(who, document, document_type, tender, 1, supersedes)
		}

		/// Anchor a batch of `documents` documents by the root of their Merkle tree
		/// ([`merkle`]).
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::anchor_batch())]
		pub fn anchor_batch(
			origin: OriginFor<T>,
			root: H256,
			documents: u32,
			document_type: DocumentType,
			tender: Option<TenderId>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			ensure!(documents > 0, Error::<T>::EmptyBatch);
			ensure!(documents <= T::MaxBatchSize::get(), Error::<T>::BatchTooLarge);
			Self::do_anchor(who, root, document_type, tender, documents, None)
		}
	}

	impl<T: Config> Pallet<T> {
		/// Succeeds if `who` may anchor documents of `document_type`.
		pub fn ensure_may_anchor(
			who: &T::AccountId,
			document_type: DocumentType,
		) -> DispatchResult {
			if T::TradingCentres::contains(who) {
				return Ok(());
			}
			let permitted = document_type
				.may_anchor()
				.iter()
				.any(|role| T::Participants::ensure_role(who, *role).is_ok());
			ensure!(permitted, Error::<T>::NotPermitted);
			Ok(())
		}

		/// The part `who` plays in `tender`, if it may file `document_type` under it.
		pub fn ensure_may_file(
			who: &T::AccountId,
			tender: TenderId,
			document_type: DocumentType,
		) -> Result<PartyRole, DispatchError> {
			ensure!(T::Tenders::exists(tender), Error::<T>::UnknownTender);
			let role = T::Tenders::role_of(tender, who).ok_or(Error::<T>::NotATenderParty)?;
			ensure!(role.may_file(document_type), Error::<T>::NotATenderParty);
			Ok(role)
		}

		/// The quota window `now` falls in.
		fn window_of(now: BlockNumberFor<T>) -> BlockNumberFor<T> {
			let length = T::AnchorWindow::get();
			if length.is_zero() {
				now
			} else {
				now / length
			}
		}

		/// Removes the counters of past quota windows, oldest first, as far as `limit` allows
		/// (at most [`MAX_CLEARED_PER_STEP`] entries per step, [`MAX_CLEAR_STEPS`] steps).
		pub fn clear_past_windows(now: BlockNumberFor<T>, limit: Weight) -> Weight {
			let current = Self::window_of(now);
			let mut used = T::DbWeight::get().reads(1);
			if !limit.all_gte(used) {
				return Weight::zero();
			}
			let Some(mut oldest) = OldestQuotaWindow::<T>::get() else { return used };
			for _ in 0..MAX_CLEAR_STEPS {
				if oldest >= current {
					break;
				}
				// A step is charged at its worst case (`MAX_CLEARED_PER_STEP` counters).
				let step = T::WeightInfo::clear_past_window();
				if !limit.all_gte(used.saturating_add(step)) {
					break;
				}
				let result = AnchorsInWindow::<T>::clear_prefix(oldest, MAX_CLEARED_PER_STEP, None);
				used = used.saturating_add(step);
				if result.maybe_cursor.is_some() {
					// More entries in this window: the next block goes on.
					break;
				}
				oldest = oldest.saturating_add(One::one());
				OldestQuotaWindow::<T>::put(oldest);
			}
			used
		}

		/// Counts an anchor of `who` in the current window, refusing above the quota.
		fn count_anchor(who: &T::AccountId) -> DispatchResult {
			let window = Self::window_of(frame_system::Pallet::<T>::block_number());
			AnchorsInWindow::<T>::try_mutate(window, who, |count| -> DispatchResult {
				ensure!(*count < T::MaxAnchorsPerWindow::get(), Error::<T>::AnchorQuotaExceeded);
				*count = count.saturating_add(1);
				Ok(())
			})?;
			if OldestQuotaWindow::<T>::get().is_none() {
				OldestQuotaWindow::<T>::put(window);
			}
			Ok(())
		}

		fn do_anchor(
			who: T::AccountId,
			hash: H256,
			document_type: DocumentType,
			tender: Option<TenderId>,
			documents: u32,
			supersedes: Option<H256>,
		) -> DispatchResult {
			Self::ensure_may_anchor(&who, document_type)?;
			let role = match tender {
				Some(tender) => Some(Self::ensure_may_file(&who, tender, document_type)?),
				None => None,
			};
			ensure!(!Anchors::<T>::contains_key(hash), Error::<T>::AlreadyAnchored);
			Self::count_anchor(&who)?;
			if let Some(old) = supersedes {
				let previous = Anchors::<T>::get(old).ok_or(Error::<T>::UnknownPreviousVersion)?;
				ensure!(previous.superseded_by.is_none(), Error::<T>::AlreadySuperseded);
				ensure!(
					previous.document_type == document_type && previous.issuer == who,
					Error::<T>::NotTheSameDocument
				);
				Anchors::<T>::mutate(old, |a| {
					if let Some(a) = a {
						a.superseded_by = Some(hash);
					}
				});
			}
			if let Some(tender) = tender {
				TenderAnchors::<T>::try_mutate(tender, |list| list.try_push(hash))
					.map_err(|_| Error::<T>::TooManyAnchorsForTender)?;
			}
			Anchors::<T>::insert(
				hash,
				Anchor {
					document_type,
					tender,
					issuer: who.clone(),
					block: frame_system::Pallet::<T>::block_number(),
					time: T::Time::now(),
					documents,
					supersedes,
					superseded_by: None,
					role,
				},
			);
			DocumentCount::<T>::mutate(|n| *n = n.saturating_add(documents as u64));
			Self::deposit_event(Event::Anchored {
				hash,
				document_type,
				tender,
				documents,
				issuer: who,
			});
			if let Some(old) = supersedes {
				Self::deposit_event(Event::Superseded { old, new: hash });
			}
			Ok(())
		}
	}
}
