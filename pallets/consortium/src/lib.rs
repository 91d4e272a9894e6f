//! # Consortium pallet
//!
//! ## Overview
//!
//! The register of the cities that form the tenderchain consortium. Each city's public-resource
//! trading centre (交易中心) runs a validator node and acts on chain through its trading-centre
//! account.
//!
//! This first version holds the cities fixed at genesis: each city's id, name, province and
//! trading-centre account. The trading-centre account is given a provider reference so that it
//! can sign transactions on a chain without a currency. Admission and removal of cities by a vote
//! of the consortium, and the validator set that follows membership, come later.
//!
//! ## Dispatchable functions
//!
//! None yet: cities are set in the genesis configuration.
//!
//! ## Interface for other pallets
//!
//! [`Pallet::trading_centre_of`] returns the trading-centre account of an admitted city, and
//! [`Pallet::city_of_trading_centre`] the city a trading-centre account belongs to.

#![cfg_attr(not(feature = "std"), no_std)]
#![warn(missing_docs)]

extern crate alloc;

pub use pallet::*;

#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

#[frame_support::pallet]
pub mod pallet {
	use alloc::{string::String, vec::Vec};
	use frame_support::{
		pallet_prelude::*, CloneNoBound, EqNoBound, PartialEqNoBound, DebugNoBound,
	};

	/// The identifier of a city: a short code such as `BY` for Baiyin, unique in the consortium.
	pub type CityId = BoundedVec<u8, ConstU32<16>>;

	/// What the consortium knows about one admitted city.
	#[derive(
		CloneNoBound, PartialEqNoBound, EqNoBound, Encode, Decode, DebugNoBound, TypeInfo,
		MaxEncodedLen,
	)]
	#[scale_info(skip_type_params(MaxNameLen))]
	pub struct City<AccountId: Clone + PartialEq + Eq + core::fmt::Debug, MaxNameLen: Get<u32>> {
		/// The city's name, UTF-8 (for example `Baiyin` or `白银`).
		pub name: BoundedVec<u8, MaxNameLen>,
		/// The province the city belongs to, UTF-8.
		pub province: BoundedVec<u8, MaxNameLen>,
		/// The account with which the city's trading centre signs its transactions.
		pub trading_centre: AccountId,
	}

	/// The record type stored for a city in this runtime.
	pub type CityOf<T> = City<<T as frame_system::Config>::AccountId, <T as Config>::MaxNameLen>;

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Configuration of the consortium pallet.
	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The largest number of cities the consortium can hold.
		#[pallet::constant]
		type MaxCities: Get<u32>;
		/// The longest city or province name, in bytes.
		#[pallet::constant]
		type MaxNameLen: Get<u32>;
	}

	/// The admitted cities, by city id.
	///
	/// Blake2_128Concat: city ids are chosen by the consortium, not by an attacker, but the
	/// hasher keeps the id readable from the key, which auditors use to list cities.
	#[pallet::storage]
	pub type Cities<T: Config> = CountedStorageMap<_, Blake2_128Concat, CityId, CityOf<T>>;

	/// The city of each trading-centre account.
	///
	/// Blake2_128Concat: account ids are chosen by their holders.
	#[pallet::storage]
	pub type CityOfTradingCentre<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, CityId>;

	/// The cities of the consortium at genesis.
	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// `(city id, name, province, trading-centre account)` for each founding city.
		pub cities: Vec<(String, String, String, T::AccountId)>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			// A wrong genesis configuration must stop the chain from being created at all, so
			// the panics below happen only while building genesis, never in a block.
			assert!(
				self.cities.len() as u32 <= T::MaxCities::get(),
				"genesis lists more cities than MaxCities"
			);
			for (id, name, province, trading_centre) in &self.cities {
				let id: CityId = id.as_bytes().to_vec().try_into().expect("genesis city id longer than 16 bytes");
				assert!(!Cities::<T>::contains_key(&id), "genesis lists a city id twice");
				assert!(
					!CityOfTradingCentre::<T>::contains_key(trading_centre),
					"genesis gives two cities the same trading-centre account"
				);
				let city = City {
					name: name.as_bytes().to_vec().try_into().expect("genesis city name longer than MaxNameLen"),
					province: province
						.as_bytes()
						.to_vec()
						.try_into()
						.expect("genesis province name longer than MaxNameLen"),
					trading_centre: trading_centre.clone(),
				};
				frame_system::Pallet::<T>::inc_providers(trading_centre);
				CityOfTradingCentre::<T>::insert(trading_centre, id.clone());
				Cities::<T>::insert(id, city);
			}
		}
	}

	impl<T: Config> Pallet<T> {
		/// The trading-centre account of `city`, if the city is admitted.
		pub fn trading_centre_of(city: &CityId) -> Option<T::AccountId> {
			Cities::<T>::get(city).map(|c| c.trading_centre)
		}

		/// The city whose trading centre signs with `account`, if any.
		pub fn city_of_trading_centre(account: &T::AccountId) -> Option<CityId> {
			CityOfTradingCentre::<T>::get(account)
		}
	}
}
