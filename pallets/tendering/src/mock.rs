//! A test runtime: system, timestamp, certificates (the participant registry, whose
//! certificates each test writes with `pallet_certificates::testing`, so that each test states
//! exactly who holds which role) and tendering.

use crate as pallet_tendering;
use crate::*;
use core::cell::RefCell;
use frame_support::{
	derive_impl,
	traits::{ConstU32, ConstU64, Contains},
};
use pallet_certificates::{Bar, Role};
use sp_core::H256;
use sp_runtime::BuildStorage;

pallet_certificates::testing::mock_runtime! {
	pallets {
		1: Timestamp = pallet_timestamp,
		2: Tendering = pallet_tendering,
		3: Certificates = pallet_certificates,
	}
}

#[derive_impl(pallet_timestamp::config_preludes::TestDefaultConfig)]
impl pallet_timestamp::Config for Test {}

/// Gives `who` a valid certificate with `roles` (certified in Baiyin).
pub fn certify(who: u64, roles: &[Role]) {
	pallet_certificates::testing::certify::<Test>(&who, roles, b"BY", H256::from_low_u64_be(who));
}

/// Bars `who` from `bar`.
pub fn bar(who: u64, bar: Bar) {
	pallet_certificates::testing::bar::<Test>(&who, bar);
}

/// The participant registry: the certificates pallet itself.
#[derive_impl(pallet_certificates::testing::TestDefaultConfig)]
impl pallet_certificates::Config for Test {
	type Time = Timestamp;
}

/// Baiyin's trading centre.
pub const BAIYIN_CENTRE: u64 = 100;
/// Lanzhou's trading centre.
pub const LANZHOU_CENTRE: u64 = 101;
/// A tenderer.
pub const TENDERER: u64 = 1;
/// Three bidders.
pub const BIDDERS: [u64; 3] = [11, 12, 13];
/// A fourth bidder.
pub const LATE_BIDDER: u64 = 14;
/// A supervisor.
pub const SUPERVISOR: u64 = 50;

/// The trading centres of the test consortium.
pub struct Centres;
impl TradingCentres<u64> for Centres {
	fn city_of(who: &u64) -> Option<CityCode> {
		match *who {
			BAIYIN_CENTRE => Some(city(b"BY")),
			LANZHOU_CENTRE => Some(city(b"LZ")),
			_ => None,
		}
	}
}

/// The evaluator of the tests: seated on every tender's committee.
pub const EVALUATOR: u64 = 60;

thread_local! {
	static SEATED: RefCell<Vec<(TenderId, u64)>> = RefCell::new(Vec::new());
}

/// The committees of the tests: [`EVALUATOR`] sits on all of them, benchmark evaluators on
/// the tender they were seated for.
pub struct Committee;
impl crate::EvaluationCommittee<u64> for Committee {
	fn is_seated(tender: TenderId, who: &u64) -> bool {
		*who == EVALUATOR || SEATED.with(|s| s.borrow().contains(&(tender, *who)))
	}
}

/// The cities of the test consortium.
pub struct Cities;
impl Contains<CityCode> for Cities {
	fn contains(c: &CityCode) -> bool {
		matches!(c.as_slice(), b"BY" | b"LZ")
	}
}

/// One hour in milliseconds.
pub const HOUR: u64 = 3_600_000;
/// "Now" when each test starts (Unix ms).
pub const START: u64 = 1_795_305_600_000;

impl Config for Test {
	type Participants = Certificates;
	type TradingCentres = Centres;
	type Cities = Cities;
	type Committee = Committee;
	type Time = Timestamp;
	type MaxTitleLen = ConstU32<64>;
	type MaxSpecialities = ConstU32<4>;
	type MaxBidders = ConstU32<8>;
	type MaxAmendments = ConstU32<3>;
	type MaxFlags = ConstU32<8>;
	type MaxSupervisions = ConstU32<8>;
	type MinNotice = ConstU64<{ 24 * HOUR }>;
	type MinRevealWindow = ConstU64<{ HOUR }>;
	type MaxRevealWindow = ConstU64<{ 72 * HOUR }>;
	type ComplaintPeriod = ConstU64<{ 72 * HOUR }>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = Centres;
}

#[cfg(feature = "runtime-benchmarks")]
impl BenchmarkHelper<u64> for Centres {
	fn certify(who: &u64, role: Role) {
		certify(*who, &[role]);
	}
	fn trading_centre() -> (u64, CityCode) {
		(BAIYIN_CENTRE, city(b"BY"))
	}
	fn set_time(ms: u64) {
		set_now(ms);
	}
	fn seat_evaluator(tender: TenderId, who: &u64) {
		SEATED.with(|s| s.borrow_mut().push((tender, *who)));
	}
}

/// A city code.
pub fn city(code: &[u8]) -> CityCode {
	code.to_vec().try_into().expect("short code")
}

/// Sets the clock.
pub fn set_now(ms: u64) {
	Timestamp::set_timestamp(ms);
}

/// Test externalities: block 1 at [`START`], the tenderer, three bidders, a late bidder and a
/// supervisor certified.
pub fn new_test_ext() -> sp_io::TestExternalities {
	let storage = RuntimeGenesisConfig::default().build_storage().expect("test genesis builds");
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| {
		System::set_block_number(1);
		set_now(START);
		certify(TENDERER, &[Role::Tenderer]);
		for b in BIDDERS.into_iter().chain([LATE_BIDDER]) {
			certify(b, &[Role::Bidder]);
		}
		certify(SUPERVISOR, &[Role::Supervisor]);
	});
	ext
}
