//! A test runtime: system, timestamp, tendering and expert-draw, with a participant registry
//! kept in a thread-local table (roles, city, identity hash, bars) and four cities whose draw
//! keys are the sr25519 development keys `//BY`, `//LZ`, `//TS`, `//JQ`.

use crate as pallet_expert_draw;
use crate::*;
use core::cell::RefCell;
use frame_support::{
	derive_impl,
	traits::{ConstU32, ConstU64, Contains},
};
use pallet_certificates::{Bar, ParticipantRegistry, Role};
use pallet_tendering::TradingCentres;
use sp_core::{crypto::Pair as _, sr25519};
use sp_runtime::{BuildStorage, DispatchError, DispatchResult};
use std::collections::BTreeMap;

type Block = frame_system::mocking::MockBlock<Test>;

#[frame_support::runtime]
mod runtime {
	#[runtime::runtime]
	#[runtime::derive(
		RuntimeCall,
		RuntimeEvent,
		RuntimeError,
		RuntimeOrigin,
		RuntimeFreezeReason,
		RuntimeHoldReason,
		RuntimeSlashReason,
		RuntimeLockId,
		RuntimeTask,
		RuntimeViewFunction
	)]
	pub struct Test;

	#[runtime::pallet_index(0)]
	pub type System = frame_system;
	#[runtime::pallet_index(1)]
	pub type Timestamp = pallet_timestamp;
	#[runtime::pallet_index(2)]
	pub type Tendering = pallet_tendering;
	#[runtime::pallet_index(3)]
	pub type ExpertDraw = pallet_expert_draw;
}

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	/// Draws lapse this many blocks after their anchor.
	type BlockHashCount = ConstU64<LAPSE>;
}

/// The mock's `BlockHashCount`: a draw not complete this many blocks after its anchor lapses.
pub const LAPSE: u64 = 50;

impl pallet_timestamp::Config for Test {
	type Moment = u64;
	type OnTimestampSet = ();
	type MinimumPeriod = ConstU64<1>;
	type WeightInfo = ();
}

/// What the test registry knows of a participant.
#[derive(Clone)]
pub struct Participant {
	/// The roles.
	pub roles: Vec<Role>,
	/// The certifying city.
	pub city: CityCode,
	/// The identity hash.
	pub identity: H256,
}

thread_local! {
	static PARTICIPANTS: RefCell<BTreeMap<u64, Participant>> = RefCell::new(BTreeMap::new());
	static BARRED: RefCell<Vec<(u64, Bar)>> = RefCell::new(Vec::new());
}

/// Gives `who` a valid certificate with `roles`, certified in `city`, with identity hash
/// `identity`.
pub fn certify(who: u64, roles: &[Role], city_code: &[u8], identity: H256) {
	PARTICIPANTS.with(|p| {
		p.borrow_mut().insert(who, Participant { roles: roles.to_vec(), city: city(city_code), identity })
	});
}

/// Bars `who` from `bar`.
pub fn bar(who: u64, bar: Bar) {
	BARRED.with(|b| b.borrow_mut().push((who, bar)));
}

/// The participant registry of the tests.
pub struct TestRegistry;
impl ParticipantRegistry<u64> for TestRegistry {
	fn ensure_role(who: &u64, role: Role) -> DispatchResult {
		match PARTICIPANTS.with(|p| p.borrow().get(who).cloned()) {
			None => Err(DispatchError::Other("NotCertified")),
			Some(p) if p.roles.contains(&role) => Ok(()),
			Some(_) => Err(DispatchError::Other("RoleNotHeld")),
		}
	}
	fn ensure_not_barred(who: &u64, bar: Bar) -> DispatchResult {
		if BARRED.with(|b| b.borrow().contains(&(*who, bar))) {
			Err(DispatchError::Other("Barred"))
		} else {
			Ok(())
		}
	}
	fn city_of(who: &u64) -> Option<CityCode> {
		PARTICIPANTS.with(|p| p.borrow().get(who).map(|p| p.city.clone()))
	}
	fn identity_of(who: &u64) -> Option<H256> {
		PARTICIPANTS.with(|p| p.borrow().get(who).map(|p| p.identity))
	}
}

/// The four cities, in code order, with their trading centres.
pub const CITIES: [(&[u8], u64); 4] =
	[(b"BY", BAIYIN_CENTRE), (b"JQ", JIUQUAN_CENTRE), (b"LZ", LANZHOU_CENTRE), (b"TS", TIANSHUI_CENTRE)];
/// Baiyin's trading centre (hosts the tenders of the tests).
pub const BAIYIN_CENTRE: u64 = 100;
/// Lanzhou's trading centre.
pub const LANZHOU_CENTRE: u64 = 101;
/// Tianshui's trading centre.
pub const TIANSHUI_CENTRE: u64 = 102;
/// Jiuquan's trading centre.
pub const JIUQUAN_CENTRE: u64 = 103;
/// The expert-pool administrator.
pub const POOL_ADMIN: u64 = 7;
/// A supervisor.
pub const SUPERVISOR: u64 = 50;
/// The tenderer (certified in Lanzhou, identity 0x71…).
pub const TENDERER: u64 = 1;
/// Three bidders (identities 0xb1…, 0xb2…, 0xb3…).
pub const BIDDERS: [u64; 3] = [11, 12, 13];

/// The identity hash of the tenderer.
pub fn tenderer_identity() -> H256 {
	H256::repeat_byte(0x71)
}

/// The identity hash of bidder `i`.
pub fn bidder_identity(i: usize) -> H256 {
	H256::repeat_byte(0xb1 + i as u8)
}

/// The trading centres of the test consortium.
pub struct Centres;
impl TradingCentres<u64> for Centres {
	fn city_of(who: &u64) -> Option<CityCode> {
		CITIES.iter().find(|(_, c)| c == who).map(|(code, _)| city(code))
	}
}

/// The cities of the test consortium.
pub struct Cities;
impl Contains<CityCode> for Cities {
	fn contains(c: &CityCode) -> bool {
		CITIES.iter().any(|(code, _)| *code == c.as_slice())
	}
}
impl CityList for Cities {
	fn cities() -> Vec<CityCode> {
		CITIES.iter().map(|(code, _)| city(code)).collect()
	}
}

/// One hour in milliseconds.
pub const HOUR: u64 = 3_600_000;
/// "Now" when each test starts (Unix ms).
pub const START: u64 = 1_795_305_600_000;

impl pallet_tendering::Config for Test {
	type Participants = TestRegistry;
	type TradingCentres = Centres;
	type Cities = Cities;
	type Committee = ExpertDraw;
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

impl Config for Test {
	type ConsortiumOrigin = frame_system::EnsureRoot<u64>;
	type CityList = Cities;
	type MaxCities = ConstU32<4>;
	type MaxPoolSize = ConstU32<1000>;
	type MaxPicks = ConstU32<9>;
	type MaxSeats = ConstU32<16>;
	type RequiredContributions = ConstU32<2>;
	type ContributionWindow = ConstU64<5>;
	type RecentDraws = ConstU32<2>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = Centres;
}

#[cfg(feature = "runtime-benchmarks")]
impl pallet_tendering::BenchmarkHelper<u64> for Centres {
	fn certify(who: &u64, role: Role) {
		certify(*who, &[role], b"BY", H256::from_low_u64_be(*who));
	}
	fn trading_centre() -> (u64, CityCode) {
		(BAIYIN_CENTRE, city(b"BY"))
	}
	fn set_time(ms: u64) {
		Timestamp::set_timestamp(ms);
	}
	fn seat_evaluator(tender: TenderId, who: &u64) {
		Committees::<Test>::mutate(tender, |c| {
			let _ = c.try_push(Seat { entry: 0, speciality: 0, draw: 0, state: SeatState::Seated(*who) });
		});
	}
}

#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<u64> for Centres {
	fn ensure_other_cities(_: &CityCode, _: u32) {}
	fn centre_of(c: &CityCode) -> Option<u64> {
		CITIES.iter().find(|(code, _)| *code == c.as_slice()).map(|(_, centre)| *centre)
	}
}

/// A city code.
pub fn city(code: &[u8]) -> CityCode {
	code.to_vec().try_into().expect("short code")
}

/// The draw-key pair of a city.
pub fn draw_pair(code: &[u8]) -> sr25519::Pair {
	sr25519::Pair::from_string(&format!("//{}", String::from_utf8_lossy(code)), None).expect("dev seed")
}

/// Test externalities at block 1, time [`START`]: the pool administrator, a supervisor, the
/// tenderer and three bidders certified; each city's draw key set.
pub fn new_test_ext() -> sp_io::TestExternalities {
	PARTICIPANTS.with(|p| p.borrow_mut().clear());
	BARRED.with(|b| b.borrow_mut().clear());
	let storage = RuntimeGenesisConfig {
		expert_draw: pallet_expert_draw::GenesisConfig {
			pool_administrator: Some(POOL_ADMIN),
			draw_keys: CITIES
				.iter()
				.map(|(code, _)| (code.to_vec(), draw_pair(code).public().0))
				.collect(),
		},
		..Default::default()
	}
	.build_storage()
	.expect("test genesis builds");
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| {
		System::set_block_number(1);
		Timestamp::set_timestamp(START);
		certify(TENDERER, &[Role::Tenderer], b"LZ", tenderer_identity());
		for (i, b) in BIDDERS.iter().enumerate() {
			certify(*b, &[Role::Bidder], b"BY", bidder_identity(i));
		}
		certify(SUPERVISOR, &[Role::Supervisor], b"BY", H256::repeat_byte(0x50));
	});
	ext
}
