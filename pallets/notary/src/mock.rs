//! A test runtime with the notary pallet, the certificates pallet as its registry (whose
//! certificates the tests write with `pallet_certificates::testing`) and a clock.

use crate as pallet_notary;
use frame_support::{
	derive_impl,
	traits::{ConstU32, Contains},
};
use pallet_certificates::Role;
use sp_core::H256;
use sp_runtime::BuildStorage;

pallet_certificates::testing::mock_runtime! {
	pallets {
		1: Timestamp = pallet_timestamp,
		2: Notary = pallet_notary,
		3: Certificates = pallet_certificates,
	}
}

#[derive_impl(pallet_timestamp::config_preludes::TestDefaultConfig)]
impl pallet_timestamp::Config for Test {}

/// Gives `who` a certificate with `roles`.
pub fn certify(who: u64, roles: &[Role]) {
	pallet_certificates::testing::certify::<Test>(&who, roles, b"BY", H256::from_low_u64_be(who));
}

/// The certificate registry of the tests: the certificates pallet, with the roles set by
/// [`certify`].
#[derive_impl(pallet_certificates::testing::TestDefaultConfig)]
impl pallet_certificates::Config for Test {
	type Time = Timestamp;
}

/// Baiyin's trading centre.
pub const CENTRE: u64 = 100;
/// A certified tenderer.
pub const TENDERER: u64 = 1;
/// A certified expert.
pub const EXPERT: u64 = 2;
/// A certified bidder (who anchors nothing).
pub const BIDDER: u64 = 3;

/// The trading centres of the tests.
pub struct Centres;
impl Contains<u64> for Centres {
	fn contains(who: &u64) -> bool {
		*who == CENTRE
	}
}

impl pallet_notary::Config for Test {
	type Participants = Certificates;
	type TradingCentres = Centres;
	type Time = Timestamp;
	type MaxBatchSize = ConstU32<1024>;
	type MaxAnchorsPerTender = ConstU32<3>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = Centres;
}

#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<u64> for Centres {
	fn trading_centre() -> u64 {
		CENTRE
	}
}

/// Test externalities at block 1, time 1_795_305_600_000, with the roles above.
pub fn new_test_ext() -> sp_io::TestExternalities {
	let storage = RuntimeGenesisConfig::default().build_storage().expect("test genesis builds");
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| {
		System::set_block_number(1);
		pallet_timestamp::Now::<Test>::put(1_795_305_600_000);
		certify(TENDERER, &[Role::Tenderer]);
		certify(EXPERT, &[Role::Expert]);
		certify(BIDDER, &[Role::Bidder]);
	});
	ext
}
