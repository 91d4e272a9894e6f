//! Weights of `pallet_expert_draw`. Provisional figures until `scripts/benchmark.sh` measures
//! them; regenerate with that script after changing the pallet.

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use core::marker::PhantomData;
use frame_support::{traits::Get, weights::{constants::RocksDbWeight, Weight}};

/// The weight of each call of `pallet_expert_draw`.
pub trait WeightInfo {
	fn set_pool_administrator() -> Weight;
	fn add_expert() -> Weight;
	fn set_availability() -> Weight;
	fn strike_expert() -> Weight;
	fn set_draw_key() -> Weight;
	fn request_draw(n: u32, ) -> Weight;
	fn contribute(n: u32, ) -> Weight;
	fn take_seat() -> Weight;
	fn request_replacement(n: u32, ) -> Weight;
}

/// Provisional weights, with the runtime's database costs.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn set_pool_administrator() -> Weight {
		Weight::from_parts(30_000_000, 0).saturating_add(T::DbWeight::get().reads(2_u64)).saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn add_expert() -> Weight {
		Weight::from_parts(60_000_000, 0).saturating_add(T::DbWeight::get().reads(5_u64)).saturating_add(T::DbWeight::get().writes(3_u64))
	}
	fn set_availability() -> Weight {
		Weight::from_parts(50_000_000, 0).saturating_add(T::DbWeight::get().reads(2_u64)).saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn strike_expert() -> Weight {
		Weight::from_parts(50_000_000, 0).saturating_add(T::DbWeight::get().reads(2_u64)).saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn set_draw_key() -> Weight {
		Weight::from_parts(20_000_000, 0).saturating_add(T::DbWeight::get().reads(1_u64)).saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn request_draw(n: u32, ) -> Weight {
		Weight::from_parts(100_000_000, 0).saturating_add(Weight::from_parts(5_000, 0).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(140_u64)).saturating_add(T::DbWeight::get().writes(8_u64))
	}
	fn contribute(n: u32, ) -> Weight {
		Weight::from_parts(600_000_000, 0).saturating_add(Weight::from_parts(1_000, 0).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(12_u64)).saturating_add(T::DbWeight::get().writes(5_u64))
	}
	fn take_seat() -> Weight {
		Weight::from_parts(60_000_000, 0).saturating_add(T::DbWeight::get().reads(6_u64)).saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn request_replacement(n: u32, ) -> Weight {
		Weight::from_parts(100_000_000, 0).saturating_add(Weight::from_parts(5_000, 0).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(140_u64)).saturating_add(T::DbWeight::get().writes(8_u64))
	}
}

impl WeightInfo for () {
	fn set_pool_administrator() -> Weight { Weight::from_parts(30_000_000, 0) }
	fn add_expert() -> Weight { Weight::from_parts(60_000_000, 0) }
	fn set_availability() -> Weight { Weight::from_parts(50_000_000, 0) }
	fn strike_expert() -> Weight { Weight::from_parts(50_000_000, 0) }
	fn set_draw_key() -> Weight { Weight::from_parts(20_000_000, 0) }
	fn request_draw(_n: u32, ) -> Weight { Weight::from_parts(100_000_000, 0) }
	fn contribute(_n: u32, ) -> Weight { Weight::from_parts(600_000_000, 0) }
	fn take_seat() -> Weight { Weight::from_parts(60_000_000, 0) }
	fn request_replacement(_n: u32, ) -> Weight { Weight::from_parts(100_000_000, 0) }
}
