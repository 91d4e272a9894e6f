//! Benchmarks of the notary pallet (FRAME benchmarking v2), each at its worst case.

use super::*;
use crate::Pallet as Notary;
use frame_benchmarking::v2::*;
use frame_support::traits::Get;
use frame_support::weights::Weight;
use frame_system::{pallet_prelude::BlockNumberFor, RawOrigin};
use sp_core::H256;
use sp_runtime::traits::{One, Saturating, Zero};

#[benchmarks]
mod benchmarks {
	use super::*;

	/// Sets `who`'s count in the current quota window to one short of the quota.
	fn nearly_spent_quota<T: Config>(who: &T::AccountId) {
		let window = frame_system::Pallet::<T>::block_number()
			/ T::AnchorWindow::get().max(sp_runtime::traits::One::one());
		AnchorsInWindow::<T>::insert(window, who, T::MaxAnchorsPerWindow::get().saturating_sub(1));
	}

	/// A new version of a document under a tender whose list is one short of full, by its
	/// host trading centre with its quota one short of spent.
	#[benchmark]
	fn anchor() -> Result<(), BenchmarkError> {
		let issuer = T::BenchmarkHelper::trading_centre();
		let tender = T::BenchmarkHelper::hosted_tender();
		for n in 0..T::MaxAnchorsPerTender::get().saturating_sub(2) {
			let _ = AnchorsInWindow::<T>::clear(u32::MAX, None);
			Notary::<T>::anchor(
				RawOrigin::Signed(issuer.clone()).into(),
				H256(sp_io::hashing::sha2_256(&n.to_le_bytes())),
				DocumentType::Archive,
				Some(tender),
				None,
			)
			.map_err(|_| BenchmarkError::Stop("filling the tender's list"))?;
		}
		let old = H256::repeat_byte(1);
		Notary::<T>::anchor(
			RawOrigin::Signed(issuer.clone()).into(),
			old,
			DocumentType::Archive,
			Some(tender),
			None,
		)
		.map_err(|_| BenchmarkError::Stop("anchoring the first version"))?;
		let new = H256::repeat_byte(2);
		nearly_spent_quota::<T>(&issuer);
		#[extrinsic_call]
		_(RawOrigin::Signed(issuer), new, DocumentType::Archive, Some(tender), Some(old));
		assert_eq!(Anchors::<T>::get(old).and_then(|a| a.superseded_by), Some(new));
		Ok(())
	}

	#[benchmark]
	fn anchor_batch() -> Result<(), BenchmarkError> {
		let issuer = T::BenchmarkHelper::trading_centre();
		let tender = T::BenchmarkHelper::hosted_tender();
		let root = H256::repeat_byte(3);
		nearly_spent_quota::<T>(&issuer);
		#[extrinsic_call]
		_(
			RawOrigin::Signed(issuer),
			root,
			T::MaxBatchSize::get(),
			DocumentType::Archive,
			Some(tender),
		);
		assert!(Anchors::<T>::contains_key(root));
		Ok(())
	}

	/// `on_idle` removing the most counters of one past window it removes in a step.
	#[benchmark]
	fn clear_past_window() -> Result<(), BenchmarkError> {
		for n in 0..crate::MAX_CLEARED_PER_STEP {
			let who: T::AccountId = account("anchorer", n, 0);
			AnchorsInWindow::<T>::insert(BlockNumberFor::<T>::zero(), who, 1);
		}
		OldestQuotaWindow::<T>::put(BlockNumberFor::<T>::zero());
		let later = T::AnchorWindow::get().saturating_add(One::one());
		#[block]
		{
			Notary::<T>::clear_past_windows(later, Weight::MAX);
		}
		assert_eq!(AnchorsInWindow::<T>::iter_prefix(BlockNumberFor::<T>::zero()).count(), 0);
		Ok(())
	}

	impl_benchmark_test_suite!(Notary, crate::mock::new_test_ext(), crate::mock::Test);
}
