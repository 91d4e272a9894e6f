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

	/// The record type stored for an anchor in this runtime.
	pub type AnchorOf<T> = Anchor<<T as frame_system::Config>::AccountId, BlockNumberFor<T>>;

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

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

		fn do_anchor(
			who: T::AccountId,
			hash: H256,
			document_type: DocumentType,
			tender: Option<TenderId>,
			documents: u32,
			supersedes: Option<H256>,
		) -> DispatchResult {
			Self::ensure_may_anchor(&who, document_type)?;
			ensure!(!Anchors::<T>::contains_key(hash), Error::<T>::AlreadyAnchored);
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
