//! Storage migrations of the notary pallet.

use crate::{Anchor, Anchors, Config, DocumentType, Pallet, TenderId};
use codec::{Decode, Encode};
use frame_support::{
	pallet_prelude::*,
	traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion},
};
use frame_system::pallet_prelude::BlockNumberFor;

/// Version 0 to 1: [`Anchor::role`] added, `None` for every existing anchor (the parties of
/// their tenders were not checked when they were filed).
///
/// It rewrites every anchor in one block: a young chain's store. The runtime lists it in its
/// `Migrations` for the upgrade that brings version 1.
pub struct AddRoleToAnchors<T>(core::marker::PhantomData<T>);

/// An anchor as version 0 stored it.
#[derive(Encode, Decode)]
struct AnchorV0<AccountId, BlockNumber> {
	document_type: DocumentType,
	tender: Option<TenderId>,
	issuer: AccountId,
	block: BlockNumber,
	time: u64,
	documents: u32,
	supersedes: Option<sp_core::H256>,
	superseded_by: Option<sp_core::H256>,
}

impl<T: Config> OnRuntimeUpgrade for AddRoleToAnchors<T> {
	fn on_runtime_upgrade() -> Weight {
		if Pallet::<T>::on_chain_storage_version() != 0 {
			return T::DbWeight::get().reads(1);
		}
		let mut count = 0u64;
		Anchors::<T>::translate::<AnchorV0<T::AccountId, BlockNumberFor<T>>, _>(|_, old| {
			count = count.saturating_add(1);
			Some(Anchor {
				document_type: old.document_type,
				tender: old.tender,
				issuer: old.issuer,
				block: old.block,
				time: old.time,
				documents: old.documents,
				supersedes: old.supersedes,
				superseded_by: old.superseded_by,
				role: None,
			})
		});
		StorageVersion::new(1).put::<Pallet<T>>();
		T::DbWeight::get().reads_writes(count.saturating_add(1), count.saturating_add(1))
	}
}
