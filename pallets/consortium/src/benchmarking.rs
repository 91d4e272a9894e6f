//! Benchmarks of the consortium pallet (FRAME benchmarking v2), each at its worst case.
//!
//! `c` is the number of cities already admitted: the council update and the register's scans
//! grow with it.

use super::*;
use crate::Pallet as Consortium;
use alloc::{format, vec, vec::Vec};
use codec::Encode;
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{EnsureOrigin, Get},
	BoundedVec,
};
use frame_system::RawOrigin;

/// A 38-byte peer id, distinct for each `n`.
fn peer(n: u32) -> Vec<u8> {
	let mut id = vec![0x00, 0x24, 0x08, 0x01, 0x12, 0x20];
	id.extend(n.to_le_bytes());
	id.extend([0xbe; 28]);
	id
}

/// `bytes` as a bounded call argument (benchmark values are within every bound).
fn bounded<S: Get<u32>>(bytes: Vec<u8>) -> Result<BoundedVec<u8, S>, BenchmarkError> {
	bytes.try_into().map_err(|_| BenchmarkError::Stop("benchmark argument too long"))
}

/// `MaxPeersPerCity` peer ids starting at number `first`.
fn peers<T: Config>(first: u32) -> Result<BoundedVec<PeerId, T::MaxPeersPerCity>, BenchmarkError> {
	let list = (0..T::MaxPeersPerCity::get())
		.map(|p| bounded(peer(first + p)))
		.collect::<Result<Vec<PeerId>, _>>()?;
	list.try_into().map_err(|_| BenchmarkError::Stop("too many peers"))
}

/// Admits city number `n` (any cities present are kept), with `MaxPeersPerCity` peers.
fn admit<T: Config>(n: u32) -> Result<T::AccountId, BenchmarkError> {
	let origin =
		T::ConsortiumOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
	let account: T::AccountId = frame_benchmarking::account("trading-centre", n, 0);
	let (keys, proof) = T::BenchmarkHelper::session_keys(&account, n);
	Consortium::<T>::admit_city(
		origin,
		bounded(format!("C{n}").into_bytes())?,
		bounded(vec![b'n'; T::MaxNameLen::get() as usize])?,
		bounded(vec![b'p'; T::MaxNameLen::get() as usize])?,
		account.clone(),
		keys,
		bounded(proof)?,
		peers::<T>(n * 16)?,
	)
	.map_err(|_| BenchmarkError::Stop("benchmark city could not be admitted"))?;
	Ok(account)
}

/// Fills the register up to `c` cities in all, genesis cities included.
fn cities<T: Config>(c: u32) -> Result<(), BenchmarkError> {
	let mut n = 1_000;
	while Cities::<T>::count() < c {
		admit::<T>(n)?;
		n += 1;
	}
	Ok(())
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn admit_city(c: Linear<0, { T::MaxCities::get() - 1 }>) -> Result<(), BenchmarkError> {
		cities::<T>(c)?;
		let origin =
			T::ConsortiumOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let account: T::AccountId = frame_benchmarking::account("new-city", 0, 0);
		let (keys, proof) = T::BenchmarkHelper::session_keys(&account, 9_999);
		let peers = peers::<T>(9_999 * 16)?;
		let id = b"NEWCITY".to_vec();
		let (name, province) = (
			bounded(vec![b'n'; T::MaxNameLen::get() as usize])?,
			bounded(vec![b'p'; T::MaxNameLen::get() as usize])?,
		);
		let (city, proof) = (bounded(id.clone())?, bounded(proof)?);
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, city, name, province, account.clone(), keys, proof, peers);
		assert_eq!(Pallet::<T>::city_of_trading_centre(&account).map(|c| c.to_vec()), Some(id));
		Ok(())
	}

	#[benchmark]
	fn remove_city(c: Linear<0, { T::MaxCities::get() - 1 }>) -> Result<(), BenchmarkError> {
		// At least MinValidators must remain.
		cities::<T>(c.max(T::MinValidators::get()))?;
		let leaving = admit::<T>(9_998)?;
		let origin =
			T::ConsortiumOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let id = bounded(format!("C{}", 9_998).into_bytes())?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, id);
		assert_eq!(Pallet::<T>::city_of_trading_centre(&leaving), None);
		Ok(())
	}

	#[benchmark]
	fn rotate_session_keys() -> Result<(), BenchmarkError> {
		let account = admit::<T>(9_997)?;
		let (keys, proof) = T::BenchmarkHelper::session_keys(&account, 19_997);
		let encoded = keys.encode();
		let proof = bounded(proof)?;
		#[extrinsic_call]
		_(RawOrigin::Signed(account.clone()), keys, proof);
		let id = Pallet::<T>::city_of_trading_centre(&account).ok_or(BenchmarkError::Weightless)?;
		assert_eq!(Cities::<T>::get(id).map(|c| c.session_keys.to_vec()), Some(encoded));
		Ok(())
	}

	#[benchmark]
	fn replace_peer_id() -> Result<(), BenchmarkError> {
		let account = admit::<T>(9_996)?;
		let old: PeerId = bounded(peer(9_996 * 16))?;
		let new: PeerId = bounded(peer(77_777))?;
		#[extrinsic_call]
		_(RawOrigin::Signed(account), old, new.clone());
		assert!(CityOfPeer::<T>::contains_key(new));
		Ok(())
	}

	#[benchmark]
	fn enact() -> Result<(), BenchmarkError> {
		let origin =
			T::ConsortiumOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		// The overhead only: the enacted call's own weight is added to it.
		let call: <T as Config>::RuntimeCall =
			frame_system::Call::<T>::remark { remark: Vec::new() }.into();
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, alloc::boxed::Box::new(call));
		Ok(())
	}

	impl_benchmark_test_suite!(Consortium, crate::mock::new_test_ext(), crate::mock::Test);
}
