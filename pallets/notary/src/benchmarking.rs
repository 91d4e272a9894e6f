//! Benchmarks of the notary pallet (FRAME benchmarking v2), each at its worst case.

use super::*;
use crate::Pallet as Notary;
use frame_benchmarking::v2::*;
use frame_support::traits::Get;
use frame_system::RawOrigin;
use sp_core::H256;

#[benchmarks]
mod benchmarks {
	use super::*;

	/// A new version of a document under a tender whose list is one short of full.
	#[benchmark]
	fn anchor() -> Result<(), BenchmarkError> {
		let issuer = T::BenchmarkHelper::trading_centre();
		let tender = 1;
		for n in 0..T::MaxAnchorsPerTender::get().saturating_sub(2) {
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
		#[extrinsic_call]
		_(RawOrigin::Signed(issuer), new, DocumentType::Archive, Some(tender), Some(old));
		assert_eq!(Anchors::<T>::get(old).and_then(|a| a.superseded_by), Some(new));
		Ok(())
	}

	#[benchmark]
	fn anchor_batch() -> Result<(), BenchmarkError> {
		let issuer = T::BenchmarkHelper::trading_centre();
		let root = H256::repeat_byte(3);
		#[extrinsic_call]
		_(RawOrigin::Signed(issuer), root, T::MaxBatchSize::get(), DocumentType::Archive, Some(1));
		assert!(Anchors::<T>::contains_key(root));
		Ok(())
	}

	impl_benchmark_test_suite!(Notary, crate::mock::new_test_ext(), crate::mock::Test);
}
