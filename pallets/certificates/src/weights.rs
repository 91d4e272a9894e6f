//! Weights of the certificates pallet.
//!
//! Measured with `scripts/benchmark.sh` (FRAME benchmarking v2 through
//! `tenderchain-node benchmark pallet`); the figures and the machine are in the header of the
//! generated file that replaces this one.

#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use core::marker::PhantomData;
use frame_support::{traits::Get, weights::{constants::RocksDbWeight, Weight}};

/// The weight functions of the certificates pallet.
pub trait WeightInfo {
	fn admit_authority(k: u32) -> Weight;
	fn remove_authority() -> Weight;
	fn register_certificate() -> Weight;
	fn revoke_certificate() -> Weight;
	fn revoke_by_consortium() -> Weight;
	fn record_violation() -> Weight;
	fn lift_bar() -> Weight;
}

/// Weights for the certificates pallet in a runtime with RocksDB.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn admit_authority(k: u32) -> Weight {
		Weight::from_parts(20_000_000, 1_600)
			.saturating_add(Weight::from_parts(4_000_000, 2_500).saturating_mul(k.into()))
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().reads((1_u64).saturating_mul(k.into())))
			.saturating_add(T::DbWeight::get().writes(2_u64))
			.saturating_add(T::DbWeight::get().writes((1_u64).saturating_mul(k.into())))
	}
	fn remove_authority() -> Weight {
		Weight::from_parts(15_000_000, 3_000)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn register_certificate() -> Weight {
		Weight::from_parts(80_000_000, 4_000)
			.saturating_add(T::DbWeight::get().reads(6_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	fn revoke_certificate() -> Weight {
		Weight::from_parts(80_000_000, 4_000)
			.saturating_add(T::DbWeight::get().reads(5_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn revoke_by_consortium() -> Weight {
		Weight::from_parts(20_000_000, 3_500)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn record_violation() -> Weight {
		Weight::from_parts(40_000_000, 12_000)
			.saturating_add(T::DbWeight::get().reads(6_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	fn lift_bar() -> Weight {
		Weight::from_parts(30_000_000, 12_000)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
}

/// For tests: the same figures with RocksDB's costs.
impl WeightInfo for () {
	fn admit_authority(k: u32) -> Weight {
		Weight::from_parts(20_000_000, 1_600)
			.saturating_add(RocksDbWeight::get().reads_writes(2 + k as u64, 2 + k as u64))
	}
	fn remove_authority() -> Weight {
		Weight::from_parts(15_000_000, 3_000).saturating_add(RocksDbWeight::get().reads_writes(2, 1))
	}
	fn register_certificate() -> Weight {
		Weight::from_parts(80_000_000, 4_000).saturating_add(RocksDbWeight::get().reads_writes(6, 3))
	}
	fn revoke_certificate() -> Weight {
		Weight::from_parts(80_000_000, 4_000).saturating_add(RocksDbWeight::get().reads_writes(5, 1))
	}
	fn revoke_by_consortium() -> Weight {
		Weight::from_parts(20_000_000, 3_500).saturating_add(RocksDbWeight::get().reads_writes(2, 1))
	}
	fn record_violation() -> Weight {
		Weight::from_parts(40_000_000, 12_000).saturating_add(RocksDbWeight::get().reads_writes(6, 2))
	}
	fn lift_bar() -> Weight {
		Weight::from_parts(30_000_000, 12_000).saturating_add(RocksDbWeight::get().reads_writes(3, 2))
	}
}
