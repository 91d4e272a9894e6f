//! Benchmarks of the certificates pallet (FRAME benchmarking v2), each at its worst case.

use super::*;
use crate::Pallet as Certificates;
use alloc::{vec, vec::Vec};
use codec::Encode;
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{EnsureOrigin, Get},
	BoundedVec,
};
use frame_system::RawOrigin;
use sp_core::crypto::KeyTypeId;

const KEY_TYPE: KeyTypeId = KeyTypeId(*b"bnca");

/// A fresh CA signing key in the benchmark keystore.
fn ca_key(seed: u8) -> AuthorityKey {
	let seed = alloc::format!("//benchmark-ca-{seed}").into_bytes();
	sp_io::crypto::ed25519_generate(KEY_TYPE, Some(seed)).0
}

fn sign(tag: &[u8], payload: &impl codec::Encode, key: &AuthorityKey) -> AuthoritySignature {
	let mut message = tag.to_vec();
	payload.encode_to(&mut message);
	sp_io::crypto::ed25519_sign(KEY_TYPE, &sp_core::ed25519::Public::from_raw(*key), &message)
		.expect("the key was generated in this keystore")
		.0
}

/// Admits a CA valid for all time, with `keys` keys, and returns its id and first key.
fn admitted_authority<T: Config>(keys: u32, city: &CityCode) -> (AuthorityId, AuthorityKey) {
	let keys: BoundedVec<AuthorityKey, T::MaxAuthorityKeys> =
		(0..keys).map(|i| ca_key(i as u8)).collect::<Vec<_>>().try_into().expect("within bound");
	let first = keys[0];
	let id = NextAuthorityId::<T>::get();
	Certificates::<T>::do_admit_authority(
		vec![b'x'; T::MaxNameLen::get() as usize].try_into().expect("max length"),
		city.clone(),
		keys,
		0,
		u64::MAX,
	)
	.expect("benchmark CA is valid");
	(id, first)
}

fn payload<T: Config>(
	authority: AuthorityId,
	serial: u64,
	account: T::AccountId,
	roles: Roles,
	city: &CityCode,
) -> CertificatePayloadOf<T> {
	CertificatePayload {
		genesis_hash: Certificates::<T>::genesis_hash(),
		authority,
		serial,
		account: account.clone(),
		identity_hash: identity_of::<T>(&account),
		name: vec![b'n'; T::MaxNameLen::get() as usize].try_into().expect("max length"),
		roles,
		city: city.clone(),
		valid_from: 0,
		valid_until: u64::MAX,
	}
}

/// The legal identity the benchmarks certify `account` for: one per account.
fn identity_of<T: Config>(account: &T::AccountId) -> sp_core::H256 {
	sp_core::H256(sp_io::hashing::blake2_256(&account.encode()))
}

/// Registers a certificate for `account` and returns its serial.
fn certified<T: Config>(account: &T::AccountId, roles: Roles, serial: u64, city: &CityCode) {
	// The benchmark CA (its key is in the benchmark keystore), not a CA of the genesis preset.
	let key = ca_key(0);
	let (authority, key) = match AuthorityOfKey::<T>::get(key) {
		Some(authority) => (authority, key),
		None => admitted_authority::<T>(1, city),
	};
	let cert = payload::<T>(authority, serial, account.clone(), roles, city);
	let signature = sign(CERTIFICATE_SIGNING_TAG, &cert, &key);
	Certificates::<T>::register_certificate(RawOrigin::None.into(), cert, key, signature)
		.expect("benchmark certificate is valid");
}

/// A CA with the most keys, in a city of the consortium, and a bidder (account `[1; 32]`)
/// certified with serial 1: the CA, its key, the bidder and the city.
fn authority_and_bidder<T: Config>() -> (AuthorityId, AuthorityKey, T::AccountId, CityCode)
where
	T::AccountId: From<[u8; 32]>,
{
	let city = T::BenchmarkHelper::known_city();
	let (authority, key) = admitted_authority::<T>(T::MaxAuthorityKeys::get(), &city);
	let account: T::AccountId = [1u8; 32].into();
	certified::<T>(&account, Roles::of(&[Role::Bidder]), 1, &city);
	(authority, key, account, city)
}

/// The consortium's origin; a runtime that has none has nothing to measure.
fn consortium<T: Config>() -> Result<T::RuntimeOrigin, BenchmarkError> {
	T::ConsortiumOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)
}

/// Fills `subject`'s credit record to its bound (so that the next entry moves the oldest to
/// the history), with violations by `supervisor` recorded now: every one is scanned.
fn full_record<T: Config>(subject: &T::AccountId, supervisor: &T::AccountId) {
	let filler = CreditEntry {
		event: CreditEvent::Violation {
			by: supervisor.clone(),
			severity: Severity::Minor,
			bar: None,
		},
		evidence: sp_core::H256::zero(),
		at: 0,
		expires_at: 0,
	};
	let full = vec![filler; T::MaxCreditEntries::get() as usize];
	CreditRecords::<T>::insert(
		identity_of::<T>(subject),
		BoundedVec::try_from(full).expect("within bound"),
	);
}

#[benchmarks(where T::AccountId: From<[u8; 32]>)]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn admit_authority(k: Linear<1, { T::MaxAuthorityKeys::get() }>) -> Result<(), BenchmarkError> {
		let origin = consortium::<T>()?;
		let city = T::BenchmarkHelper::known_city();
		let keys: BoundedVec<AuthorityKey, T::MaxAuthorityKeys> =
			(0..k).map(|i| ca_key(i as u8)).collect::<Vec<_>>().try_into().expect("within bound");
		let name: BoundedVec<u8, T::MaxNameLen> =
			vec![b'x'; T::MaxNameLen::get() as usize].try_into().expect("max length");
		let next = NextAuthorityId::<T>::get();
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, name, city, keys, 0, u64::MAX);
		assert_eq!(NextAuthorityId::<T>::get(), next + 1);
		Ok(())
	}

	#[benchmark]
	fn remove_authority() -> Result<(), BenchmarkError> {
		let origin = consortium::<T>()?;
		let (authority, _) = admitted_authority::<T>(1, &T::BenchmarkHelper::known_city());
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, authority);
		assert!(Authorities::<T>::get(authority).and_then(|a| a.removed_at).is_some());
		Ok(())
	}

	#[benchmark]
	fn register_certificate() {
		// Worst case: a renewal (the account already holds a certificate).
		let (authority, key, account, city) = authority_and_bidder::<T>();
		let cert = payload::<T>(
			authority,
			2,
			account.clone(),
			Roles::of(&[Role::Bidder, Role::Tenderer]),
			&city,
		);
		let signature = sign(CERTIFICATE_SIGNING_TAG, &cert, &key);
		#[extrinsic_call]
		_(RawOrigin::None, cert, key, signature);
		assert_eq!(Certificates::<T>::valid_certificate(&account).map(|c| c.serial).ok(), Some(2));
	}

	#[benchmark]
	fn revoke_certificate() {
		let (authority, key, account, _) = authority_and_bidder::<T>();
		let revocation = RevocationPayload {
			genesis_hash: Certificates::<T>::genesis_hash(),
			authority,
			serial: 1,
		};
		let signature = sign(REVOCATION_SIGNING_TAG, &revocation, &key);
		#[extrinsic_call]
		_(RawOrigin::None, revocation, key, signature);
		assert!(matches!(
			Certificates::<T>::valid_certificate(&account),
			Err(Error::<T>::CertificateRevoked)
		));
	}

	#[benchmark]
	fn revoke_by_consortium() -> Result<(), BenchmarkError> {
		let origin = consortium::<T>()?;
		let account: T::AccountId = [1u8; 32].into();
		certified::<T>(&account, Roles::of(&[Role::Bidder]), 1, &T::BenchmarkHelper::known_city());
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, account.clone());
		assert!(matches!(
			Certificates::<T>::valid_certificate(&account),
			Err(Error::<T>::CertificateRevoked)
		));
		Ok(())
	}

	#[benchmark]
	fn record_violation() {
		let city = T::BenchmarkHelper::known_city();
		let supervisor: T::AccountId = [2u8; 32].into();
		let subject: T::AccountId = [3u8; 32].into();
		certified::<T>(&supervisor, Roles::of(&[Role::Supervisor]), 1, &city);
		certified::<T>(&subject, Roles::of(&[Role::Bidder]), 2, &city);
		// Worst case: the credit record is full (its oldest entry moves to the history), of
		// entries by other supervisors, all scanned.
		full_record::<T>(&subject, &subject);
		#[extrinsic_call]
		_(
			RawOrigin::Signed(supervisor),
			subject.clone(),
			Severity::Severe,
			sp_core::H256::repeat_byte(9),
			u64::MAX,
			Some(Bar::Bidding),
		);
		assert!(Certificates::<T>::is_barred(&subject, Bar::Bidding));
	}

	#[benchmark]
	fn lift_bar() -> Result<(), BenchmarkError> {
		let origin = consortium::<T>()?;
		let subject: T::AccountId = [3u8; 32].into();
		certified::<T>(&subject, Roles::of(&[Role::Bidder]), 2, &T::BenchmarkHelper::known_city());
		// Worst case: the record is full, so the lift moves the oldest entry to the history.
		full_record::<T>(&subject, &subject);
		Bars::<T>::insert(
			identity_of::<T>(&subject),
			Bar::Bidding,
			BarEntry { until: u64::MAX, record: 0 },
		);
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, subject.clone(), Bar::Bidding, sp_core::H256::repeat_byte(1));
		assert!(!Certificates::<T>::is_barred(&subject, Bar::Bidding));
		Ok(())
	}

	#[benchmark]
	fn restore_identity() -> Result<(), BenchmarkError> {
		let origin = consortium::<T>()?;
		let identity = sp_core::H256::repeat_byte(5);
		RevokedIdentities::<T>::insert(identity, 1);
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, identity);
		assert!(!RevokedIdentities::<T>::contains_key(identity));
		Ok(())
	}

	impl_benchmark_test_suite!(Certificates, crate::mock::new_test_ext(), crate::mock::Test);
}
