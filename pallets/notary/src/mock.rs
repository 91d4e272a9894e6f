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
/// A certified tenderer that is party to no tender of the tests.
pub const OTHER_TENDERER: u64 = 4;
/// A certified agency, which published the tenders for [`PRINCIPAL`].
pub const AGENCY: u64 = 5;
/// The principal tenderer of the agency's tenders.
pub const PRINCIPAL: u64 = 6;
/// Another city's trading centre, which hosts no tender of the tests.
pub const OTHER_CENTRE: u64 = 101;
/// The published tenders of the tests are `0..=LAST_TENDER`.
pub const LAST_TENDER: crate::TenderId = 100;

/// The trading centres of the tests.
pub struct Centres;
impl Contains<u64> for Centres {
	fn contains(who: &u64) -> bool {
		*who == CENTRE || *who == OTHER_CENTRE
	}
}

/// The tenders of the tests: `0..=LAST_TENDER` exist, each published by [`TENDERER`]
/// (and by [`AGENCY`] for [`PRINCIPAL`]), hosted by [`CENTRE`], with [`EXPERT`] seated.
pub struct Tenders;
impl crate::TenderParties<u64> for Tenders {
	fn exists(tender: crate::TenderId) -> bool {
		tender <= LAST_TENDER
	}

	fn role_of(tender: crate::TenderId, who: &u64) -> Option<crate::PartyRole> {
		use crate::PartyRole::*;
		if !Self::exists(tender) {
			return None;
		}
		match *who {
			CENTRE => Some(TradingCentre),
			TENDERER => Some(Tenderer),
			AGENCY => Some(Agency),
			PRINCIPAL => Some(Principal),
			EXPERT => Some(Expert),
			_ => None,
		}
	}
}

/// The quota window of the tests, in blocks.
pub const WINDOW: u64 = 10;
/// The quota of the tests: anchors per account per window.
pub const QUOTA: u32 = 5;

impl pallet_notary::Config for Test {
	type Participants = Certificates;
	type TradingCentres = Centres;
	type Time = Timestamp;
	type Tenders = Tenders;
	type AnchorWindow = frame_support::traits::ConstU64<WINDOW>;
	type MaxAnchorsPerWindow = ConstU32<QUOTA>;
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
		certify(OTHER_TENDERER, &[Role::Tenderer]);
		certify(AGENCY, &[Role::Agency]);
		certify(PRINCIPAL, &[Role::Tenderer]);
	});
	ext
}
