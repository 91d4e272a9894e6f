//! A test runtime: system, timestamp and certificates, with two cities (BY, LZ), one exempt
//! trading-centre account and root as the consortium.

use crate as pallet_certificates;
use crate::*;
use frame_support::{
	derive_impl,
	traits::{ConstU32, Contains},
};
use sp_core::{ed25519, Pair, H256};
use sp_keystore::{testing::MemoryKeystore, KeystoreExt};
use sp_runtime::{AccountId32, BuildStorage};

crate::testing::mock_runtime! {
	system {
		type AccountId = AccountId32;
		type Lookup = sp_runtime::traits::IdentityLookup<AccountId32>;
		type BaseCallFilter = NoRemarks;
	}
	pallets { 1: Timestamp = pallet_timestamp, 2: Certificates = pallet_certificates }
}

#[derive_impl(pallet_timestamp::config_preludes::TestDefaultConfig)]
impl pallet_timestamp::Config for Test {}

/// The cities of the test consortium.
pub struct TestCities;
impl Contains<CityCode> for TestCities {
	fn contains(city: &CityCode) -> bool {
		matches!(city.as_slice(), b"BY" | b"LZ")
	}
}

/// Baiyin's trading centre: exempt from the admission gate.
pub const TRADING_CENTRE: AccountId32 = AccountId32::new([100; 32]);

/// The exempt accounts of the test consortium.
pub struct Exempt;
impl Contains<AccountId32> for Exempt {
	fn contains(who: &AccountId32) -> bool {
		*who == TRADING_CENTRE
	}
}

/// The runtime's call filter, as the real runtime's: no `System::remark*`.
pub struct NoRemarks;
impl Contains<RuntimeCall> for NoRemarks {
	fn contains(call: &RuntimeCall) -> bool {
		!matches!(
			call,
			RuntimeCall::System(
				frame_system::Call::remark { .. } | frame_system::Call::remark_with_event { .. }
			)
		)
	}
}

/// An ordinary participant call (the gate does not look inside it).
pub fn ordinary_call() -> RuntimeCall {
	RuntimeCall::System(frame_system::Call::set_heap_pages { pages: 1 })
}

/// The stand-in for "a bid commit or reveal near its deadline": `set_heap_pages` with
/// [`URGENT_PAGES`] pages.
pub fn urgent_call() -> RuntimeCall {
	RuntimeCall::System(frame_system::Call::set_heap_pages { pages: URGENT_PAGES })
}

/// The page count that marks [`urgent_call`].
pub const URGENT_PAGES: u64 = 0xb1d;

/// The urgent calls of the test runtime: [`urgent_call`].
pub struct UrgentCalls;
impl Contains<RuntimeCall> for UrgentCalls {
	fn contains(call: &RuntimeCall) -> bool {
		matches!(
			call,
			RuntimeCall::System(frame_system::Call::set_heap_pages { pages: URGENT_PAGES })
		)
	}
}

/// The certificates pallet on the test defaults, but for its cities, exemptions, keys per CA,
/// transactions per window and urgent calls.
#[derive_impl(crate::testing::TestDefaultConfig)]
impl Config for Test {
	type Time = Timestamp;
	type Cities = TestCities;
	type AdmissionExempt = Exempt;
	type MaxAuthorityKeys = ConstU32<3>;
	type MaxTransactionsPerWindow = ConstU32<3>;
	type PriorityCalls = UrgentCalls;
}

/// "Now" in the tests: 2026-11-22 00:00 UTC, in Unix milliseconds.
pub const NOW: u64 = 1_795_305_600_000;
/// One day in milliseconds.
pub const DAY: u64 = 86_400_000;

/// A city code.
pub fn city(code: &[u8]) -> CityCode {
	code.to_vec().try_into().expect("short code")
}

/// A test account.
pub fn account(n: u8) -> AccountId32 {
	AccountId32::new([n; 32])
}

/// The signing key pair of the test CA number `n`.
pub fn ca_pair(n: u8) -> ed25519::Pair {
	ed25519::Pair::from_seed(&[n; 32])
}

/// The genesis hash the test chain has (frame-system's test genesis stores `[69; 32]`).
pub fn genesis() -> H256 {
	H256::from_slice(System::block_hash(0).as_ref())
}

/// Signs `tag ++ SCALE(payload)` with `pair`.
pub fn sign(pair: &ed25519::Pair, tag: &[u8], payload: &impl codec::Encode) -> AuthoritySignature {
	let mut message = tag.to_vec();
	payload.encode_to(&mut message);
	pair.sign(&message).0
}

/// The legal-identity hash the tests give account `who`: its own bytes.
pub fn identity_of(who: &AccountId32) -> H256 {
	H256::from_slice(who.as_ref())
}

/// A certificate from CA `authority` for `who` (identity [`identity_of`]), valid for a year
/// from yesterday.
pub fn payload(
	authority: AuthorityId,
	serial: u64,
	who: AccountId32,
	roles: &[Role],
) -> CertificatePayloadOf<Test> {
	let identity_hash = identity_of(&who);
	CertificatePayload {
		genesis_hash: genesis(),
		authority,
		serial,
		account: who,
		identity_hash,
		name: b"Gansu Road Building Co.".to_vec().try_into().expect("short name"),
		roles: Roles::of(roles),
		city: city(b"LZ"),
		valid_from: NOW - DAY,
		valid_until: NOW + 365 * DAY,
	}
}

/// Test externalities: block 1 at [`NOW`], with CA 0 (Lanzhou CA, key of `ca_pair(1)`) admitted.
pub fn new_test_ext() -> sp_io::TestExternalities {
	let storage = RuntimeGenesisConfig {
		system: Default::default(),
		certificates: pallet_certificates::GenesisConfig {
			authorities: vec![(
				"Gansu CA".into(),
				"LZ".into(),
				vec![ca_pair(1).public().0],
				NOW - 30 * DAY,
				NOW + 3650 * DAY,
			)],
			_phantom: Default::default(),
		},
	}
	.build_storage()
	.expect("test genesis builds");
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.register_extension(KeystoreExt(std::sync::Arc::new(MemoryKeystore::new())));
	ext.execute_with(|| {
		System::set_block_number(1);
		Timestamp::set_timestamp(NOW);
	});
	ext
}
