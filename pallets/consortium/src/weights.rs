//! Weights of the consortium pallet.
//!
//! Replaced by the file `scripts/benchmark.sh` generates (FRAME benchmarking v2 through
//! frame-omni-bencher); its header names the machine and the figures.

#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use core::marker::PhantomData;
use frame_support::{traits::Get, weights::{constants::RocksDbWeight, Weight}};

/// The weight functions of the consortium pallet.
pub trait WeightInfo {
	fn admit_city(c: u32) -> Weight;
	fn remove_city(c: u32) -> Weight;
	fn rotate_session_keys() -> Weight;
	fn replace_peer_id() -> Weight;
	fn enact() -> Weight;
}

/// Weights for the consortium pallet in a runtime with RocksDB.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn admit_city(c: u32) -> Weight {
		Weight::from_parts(200_000_000, 10_000)
			.saturating_add(Weight::from_parts(2_000_000, 1_000).saturating_mul(c.into()))
			.saturating_add(T::DbWeight::get().reads(14_u64))
			.saturating_add(T::DbWeight::get().reads((1_u64).saturating_mul(c.into())))
			.saturating_add(T::DbWeight::get().writes(14_u64))
	}
	fn remove_city(c: u32) -> Weight {
		Weight::from_parts(100_000_000, 10_000)
			.saturating_add(Weight::from_parts(2_000_000, 1_000).saturating_mul(c.into()))
			.saturating_add(T::DbWeight::get().reads(12_u64))
			.saturating_add(T::DbWeight::get().reads((1_u64).saturating_mul(c.into())))
			.saturating_add(T::DbWeight::get().writes(12_u64))
	}
	fn rotate_session_keys() -> Weight {
		Weight::from_parts(200_000_000, 6_000)
			.saturating_add(T::DbWeight::get().reads(7_u64))
			.saturating_add(T::DbWeight::get().writes(6_u64))
	}
	fn replace_peer_id() -> Weight {
		Weight::from_parts(50_000_000, 6_000)
			.saturating_add(T::DbWeight::get().reads(6_u64))
			.saturating_add(T::DbWeight::get().writes(6_u64))
	}
	fn enact() -> Weight {
		Weight::from_parts(10_000_000, 0)
	}
}

// For tests.
impl WeightInfo for () {
	fn admit_city(c: u32) -> Weight {
		Weight::from_parts(200_000_000, 10_000)
			.saturating_add(Weight::from_parts(2_000_000, 1_000).saturating_mul(c.into()))
			.saturating_add(RocksDbWeight::get().reads(14_u64))
			.saturating_add(RocksDbWeight::get().writes(14_u64))
	}
	fn remove_city(c: u32) -> Weight {
		Weight::from_parts(100_000_000, 10_000)
			.saturating_add(Weight::from_parts(2_000_000, 1_000).saturating_mul(c.into()))
			.saturating_add(RocksDbWeight::get().reads(12_u64))
			.saturating_add(RocksDbWeight::get().writes(12_u64))
	}
	fn rotate_session_keys() -> Weight {
		Weight::from_parts(200_000_000, 6_000)
			.saturating_add(RocksDbWeight::get().reads(7_u64))
			.saturating_add(RocksDbWeight::get().writes(6_u64))
	}
	fn replace_peer_id() -> Weight {
		Weight::from_parts(50_000_000, 6_000)
			.saturating_add(RocksDbWeight::get().reads(6_u64))
			.saturating_add(RocksDbWeight::get().writes(6_u64))
	}
	fn enact() -> Weight {
		Weight::from_parts(10_000_000, 0)
	}
}
