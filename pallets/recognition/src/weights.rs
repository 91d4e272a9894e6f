//! Weights of the recognition pallet's calls.
//!
//! Estimated from the calls' storage access and the cost of checking a proof (a BLAKE2-256
//! hash per trie node, about 1 µs for a 532-byte branch node on the reference machine) until
//! `scripts/benchmark.sh` measures them (the benchmarks are in `benchmarking.rs`). Checked
//! against `scripts/bench-crosschain.sh` (2026-12-06): every measured time and read/write count
//! of `recognise_bar`, `recognise_anchor` and `recognise_certificate` is at or below these.

#![allow(unused_parens, unused_imports, missing_docs)]

use core::marker::PhantomData;
use frame_support::{
	traits::Get,
	weights::{constants::RocksDbWeight, Weight},
};

/// The weights this pallet needs.
pub trait WeightInfo {
	fn register_peer() -> Weight;
	fn remove_peer() -> Weight;
	fn recognise_bar(n: u32) -> Weight;
	fn recognise_anchor(n: u32) -> Weight;
	fn disregard_bar() -> Weight;
	fn recognise_authority() -> Weight;
	fn disregard_authority() -> Weight;
	fn recognise_certificate(n: u32) -> Weight;
	fn withdraw_certificate() -> Weight;
}

/// Weights with the runtime's database costs.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn register_peer() -> Weight {
		Weight::from_parts(12_000_000, 1_600)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	fn remove_peer() -> Weight {
		Weight::from_parts(12_000_000, 1_600)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// `n` proof nodes of at most 4 KiB each.
	fn recognise_bar(n: u32) -> Weight {
		Weight::from_parts(30_000_000, 4_000)
			.saturating_add(Weight::from_parts(8_000_000, 4_096).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(5_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// `n` proof nodes of at most 4 KiB each.
	fn recognise_anchor(n: u32) -> Weight {
		Weight::from_parts(30_000_000, 4_000)
			.saturating_add(Weight::from_parts(8_000_000, 4_096).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn disregard_bar() -> Weight {
		Weight::from_parts(14_000_000, 3_000)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn recognise_authority() -> Weight {
		Weight::from_parts(12_000_000, 1_600)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn disregard_authority() -> Weight {
		Weight::from_parts(12_000_000, 1_600)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// `n` proof nodes of at most 4 KiB each.
	fn recognise_certificate(n: u32) -> Weight {
		Weight::from_parts(32_000_000, 4_500)
			.saturating_add(Weight::from_parts(8_000_000, 4_096).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(11_u64))
			.saturating_add(T::DbWeight::get().writes(4_u64))
	}
	fn withdraw_certificate() -> Weight {
		Weight::from_parts(12_000_000, 4_500)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
}

/// The same estimates with RocksDB's costs, for tests and mocks.
impl WeightInfo for () {
	fn register_peer() -> Weight {
		Weight::from_parts(12_000_000, 1_600)
			.saturating_add(RocksDbWeight::get().reads(3_u64))
			.saturating_add(RocksDbWeight::get().writes(2_u64))
	}
	fn remove_peer() -> Weight {
		Weight::from_parts(12_000_000, 1_600)
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn recognise_bar(n: u32) -> Weight {
		Weight::from_parts(30_000_000, 4_000)
			.saturating_add(Weight::from_parts(8_000_000, 4_096).saturating_mul(n.into()))
			.saturating_add(RocksDbWeight::get().reads(5_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn recognise_anchor(n: u32) -> Weight {
		Weight::from_parts(30_000_000, 4_000)
			.saturating_add(Weight::from_parts(8_000_000, 4_096).saturating_mul(n.into()))
			.saturating_add(RocksDbWeight::get().reads(4_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn disregard_bar() -> Weight {
		Weight::from_parts(14_000_000, 3_000)
			.saturating_add(RocksDbWeight::get().reads(2_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn recognise_authority() -> Weight {
		Weight::from_parts(12_000_000, 1_600)
			.saturating_add(RocksDbWeight::get().reads(2_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn disregard_authority() -> Weight {
		Weight::from_parts(12_000_000, 1_600)
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	/// `n` proof nodes of at most 4 KiB each.
	fn recognise_certificate(n: u32) -> Weight {
		Weight::from_parts(32_000_000, 4_500)
			.saturating_add(Weight::from_parts(8_000_000, 4_096).saturating_mul(n.into()))
			.saturating_add(RocksDbWeight::get().reads(11_u64))
			.saturating_add(RocksDbWeight::get().writes(4_u64))
	}
	fn withdraw_certificate() -> Weight {
		Weight::from_parts(12_000_000, 4_500)
			.saturating_add(RocksDbWeight::get().reads(2_u64))
			.saturating_add(RocksDbWeight::get().writes(2_u64))
	}
}
