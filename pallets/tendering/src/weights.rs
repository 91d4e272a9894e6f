//! Weights of the tendering pallet.
//!
//! Measured with `scripts/benchmark.sh` (FRAME benchmarking v2 through
//! `tenderchain-node benchmark pallet`); the generated file replaces this one.

#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use core::marker::PhantomData;
use frame_support::{traits::Get, weights::{constants::RocksDbWeight, Weight}};

/// The weight functions of the tendering pallet.
pub trait WeightInfo {
	fn create_tender() -> Weight;
	fn amend_tender() -> Weight;
	fn cancel_tender() -> Weight;
	fn commit_bid() -> Weight;
	fn replace_bid() -> Weight;
	fn withdraw_bid() -> Weight;
	fn reveal_bid() -> Weight;
	fn open_bids(b: u32) -> Weight;
	fn record_evaluation() -> Weight;
	fn finalize_award() -> Weight;
	fn suspend() -> Weight;
	fn resume() -> Weight;
	fn record_finding() -> Weight;
}

/// Weights for the tendering pallet in a runtime with RocksDB.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn create_tender() -> Weight {
		Weight::from_parts(30_000_000, 6_000)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	fn amend_tender() -> Weight {
		Weight::from_parts(30_000_000, 6_000)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	fn cancel_tender() -> Weight {
		Weight::from_parts(30_000_000, 6_000)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn commit_bid() -> Weight {
		Weight::from_parts(30_000_000, 6_000)
			.saturating_add(T::DbWeight::get().reads(6_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	fn replace_bid() -> Weight {
		Weight::from_parts(30_000_000, 6_000)
			.saturating_add(T::DbWeight::get().reads(6_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn withdraw_bid() -> Weight {
		Weight::from_parts(30_000_000, 6_000)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	fn reveal_bid() -> Weight {
		Weight::from_parts(30_000_000, 6_000)
			.saturating_add(T::DbWeight::get().reads(5_u64))
			.saturating_add(T::DbWeight::get().writes(5_u64))
	}
	fn open_bids(b: u32) -> Weight {
		Weight::from_parts(30_000_000, 6_000)
			.saturating_add(Weight::from_parts(8_000_000, 2_600).saturating_mul(b.into()))
			.saturating_add(T::DbWeight::get().reads((1_u64).saturating_mul(b.into())))
			.saturating_add(T::DbWeight::get().writes((1_u64).saturating_mul(b.into())))
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	fn record_evaluation() -> Weight {
		Weight::from_parts(30_000_000, 6_000)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	fn finalize_award() -> Weight {
		Weight::from_parts(30_000_000, 6_000)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn suspend() -> Weight {
		Weight::from_parts(30_000_000, 6_000)
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	fn resume() -> Weight {
		Weight::from_parts(30_000_000, 6_000)
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	fn record_finding() -> Weight {
		Weight::from_parts(30_000_000, 6_000)
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
}

/// For tests: the same figures with RocksDB's costs.
impl WeightInfo for () {
	fn create_tender() -> Weight {
		Weight::from_parts(30_000_000, 6_000)
			.saturating_add(RocksDbWeight::get().reads(3_u64))
			.saturating_add(RocksDbWeight::get().writes(3_u64))
	}
	fn amend_tender() -> Weight {
		Weight::from_parts(30_000_000, 6_000)
			.saturating_add(RocksDbWeight::get().reads(2_u64))
			.saturating_add(RocksDbWeight::get().writes(2_u64))
	}
	fn cancel_tender() -> Weight {
		Weight::from_parts(30_000_000, 6_000)
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn commit_bid() -> Weight {
		Weight::from_parts(30_000_000, 6_000)
			.saturating_add(RocksDbWeight::get().reads(6_u64))
			.saturating_add(RocksDbWeight::get().writes(2_u64))
	}
	fn replace_bid() -> Weight {
		Weight::from_parts(30_000_000, 6_000)
			.saturating_add(RocksDbWeight::get().reads(6_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn withdraw_bid() -> Weight {
		Weight::from_parts(30_000_000, 6_000)
			.saturating_add(RocksDbWeight::get().reads(2_u64))
			.saturating_add(RocksDbWeight::get().writes(2_u64))
	}
	fn reveal_bid() -> Weight {
		Weight::from_parts(30_000_000, 6_000)
			.saturating_add(RocksDbWeight::get().reads(5_u64))
			.saturating_add(RocksDbWeight::get().writes(5_u64))
	}
	fn open_bids(b: u32) -> Weight {
		Weight::from_parts(30_000_000, 6_000)
			.saturating_add(Weight::from_parts(8_000_000, 2_600).saturating_mul(b.into()))
			.saturating_add(RocksDbWeight::get().reads((1_u64).saturating_mul(b.into())))
			.saturating_add(RocksDbWeight::get().writes((1_u64).saturating_mul(b.into())))
			.saturating_add(RocksDbWeight::get().reads(2_u64))
			.saturating_add(RocksDbWeight::get().writes(3_u64))
	}
	fn record_evaluation() -> Weight {
		Weight::from_parts(30_000_000, 6_000)
			.saturating_add(RocksDbWeight::get().reads(2_u64))
			.saturating_add(RocksDbWeight::get().writes(2_u64))
	}
	fn finalize_award() -> Weight {
		Weight::from_parts(30_000_000, 6_000)
			.saturating_add(RocksDbWeight::get().reads(2_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn suspend() -> Weight {
		Weight::from_parts(30_000_000, 6_000)
			.saturating_add(RocksDbWeight::get().reads(4_u64))
			.saturating_add(RocksDbWeight::get().writes(2_u64))
	}
	fn resume() -> Weight {
		Weight::from_parts(30_000_000, 6_000)
			.saturating_add(RocksDbWeight::get().reads(4_u64))
			.saturating_add(RocksDbWeight::get().writes(2_u64))
	}
	fn record_finding() -> Weight {
		Weight::from_parts(30_000_000, 6_000)
			.saturating_add(RocksDbWeight::get().reads(4_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
}
