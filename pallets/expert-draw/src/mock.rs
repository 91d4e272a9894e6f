//! A test runtime: system, timestamp, certificates (the participant registry: roles, city,
//! identity hash, bars, written with `pallet_certificates::testing`) and expert-draw, with
//! tenders kept in a table that each test sets up (no tendering pallet), and four
//! cities whose draw keys are the sr25519 development keys `//BY`, `//LZ`, `//TS`, `//JQ`.

use crate as pallet_expert_draw;
use crate::*;
use frame_support::{
	derive_impl, parameter_types,
	traits::{ConstU32, ConstU64, Contains},
};
use pallet_certificates::{Bar, Role};
use pallet_tendering::{Phase, TenderInfo, TenderState, TenderSummary, TradingCentres};
use sp_core::{crypto::Pair as _, sr25519};
use sp_runtime::BuildStorage;

pallet_certificates::testing::mock_runtime! {
	system {
		/// Draws lapse this many blocks after their anchor.
		type BlockHashCount = ConstU64<LAPSE>;
	}
	pallets {
		1: Timestamp = pallet_timestamp,
		2: Certificates = pallet_certificates,
		3: ExpertDraw = pallet_expert_draw,
	}
}

/// The mock's `BlockHashCount`: a draw not complete this many blocks after its anchor lapses.
pub const LAPSE: u64 = 50;

#[derive_impl(pallet_timestamp::config_preludes::TestDefaultConfig)]
impl pallet_timestamp::Config for Test {}

/// Gives `who` a valid certificate with `roles`, certified in `city`, with identity hash
/// `identity`.
pub fn certify(who: u64, roles: &[Role], city_code: &[u8], identity: H256) {
	pallet_certificates::testing::certify::<Test>(&who, roles, city_code, identity);
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

/// Where the tenders of the tests are kept: in the test externalities' storage, under a key
/// of no pallet, so that each test (and each run of a benchmark) starts without any.
const TENDERS_KEY: &[u8] = b":test:tenders";

/// The tenders of the running test, by number: what the tendering pallet would tell of each,
/// and its bidders.
fn tenders() -> Vec<(TenderSummary<u64>, Vec<u64>)> {
	frame_support::storage::unhashed::get_or_default(TENDERS_KEY)
}

/// The tenders of the tests, as the tendering pallet would answer for them.
pub struct Tenders;
impl TenderInfo<u64> for Tenders {
	fn tender(tender: TenderId) -> Option<TenderSummary<u64>> {
		tenders().get(tender as usize).map(|(t, _)| t.clone())
	}
	fn bidders(tender: TenderId) -> Vec<u64> {
		tenders().get(tender as usize).map(|(_, b)| b.clone()).unwrap_or_default()
	}
}

/// The specialities every tender of the tests declares: those the tests and the benchmarks
/// draw.
pub const DECLARED_SPECIALITIES: [u16; 7] = [1, 2, 3, 4, 101, 205, 330];

/// Publishes a tender by `owner`, hosted by `host`, open for bids from `bidders` (whose bid
/// deadline has not passed); returns its number.
pub fn publish(owner: u64, host: &[u8], bidders: &[u64]) -> TenderId {
	publish_for(owner, None, host, bidders)
}

/// Publishes a tender as [`publish`] does, by `owner` for `principal` (an agency's tender when
/// `Some`).
pub fn publish_for(owner: u64, principal: Option<H256>, host: &[u8], bidders: &[u64]) -> TenderId {
	let mut all = tenders();
	all.push((
		TenderSummary {
			owner,
			city: city(host),
			state: TenderState::Open,
			phase: Phase::Bidding,
			suspended: false,
			principal,
			specialities: DECLARED_SPECIALITIES.to_vec(),
			evaluation_underway: false,
			principal_city: None,
		},
		bidders.to_vec(),
	));
	frame_support::storage::unhashed::put(TENDERS_KEY, &all);
	all.len() as TenderId - 1
}

/// Changes what the tenders table says of tender `tender`.
pub fn update_tender(tender: TenderId, f: impl FnOnce(&mut TenderSummary<u64>)) {
	let mut all = tenders();
	if let Some((t, _)) = all.get_mut(tender as usize) {
		f(t);
	}
	frame_support::storage::unhashed::put(TENDERS_KEY, &all);
}

/// Moves tender `tender` past its bid deadline (its bids are being revealed).
pub fn close_bidding(tender: TenderId) {
	update_tender(tender, |t| t.phase = Phase::Revealing);
}

/// Moves tender `tender` to its evaluation (its bids are opened).
pub fn begin_evaluation(tender: TenderId) {
	update_tender(tender, |t| {
		t.phase = Phase::AwaitingOpening;
		t.state = TenderState::Evaluating;
	});
	// The tendering pallet tells the committee of the opening.
	<ExpertDraw as pallet_tendering::EvaluationCommittee<u64>>::evaluation_began(tender);
}

/// The four cities, in code order, with their trading centres.
pub const CITIES: [(&[u8], u64); 4] = [
	(b"BY", BAIYIN_CENTRE),
	(b"JQ", JIUQUAN_CENTRE),
	(b"LZ", LANZHOU_CENTRE),
	(b"TS", TIANSHUI_CENTRE),
];
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
/// A supervisor (certified in Baiyin, where the tenders of the tests are hosted).
pub const SUPERVISOR: u64 = 50;
/// A supervisor certified in Lanzhou.
pub const LANZHOU_SUPERVISOR: u64 = 51;
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

/// The mock's `SeatingWindow`: blocks a drawn expert has to take the seat.
pub const SEATING_WINDOW: u64 = 20;
/// The mock's `PoolChangeDelay`: blocks before a pool change takes effect.
pub const POOL_CHANGE_DELAY: u64 = 10;
/// The mock's `MinPoolMultiple`: each line's eligible set holds at least this many times its
/// count.
pub const MIN_POOL_MULTIPLE: u32 = 3;

parameter_types! {
	/// The mock's `MinCommittee`: 1, so that the tests may draw small committees; the attack
	/// tests set the production rule.
	pub storage MinCommittee: u32 = 1;
	/// The mock's `OddCommittee`: off, as `MinCommittee`.
	pub storage OddCommittee: bool = false;
	/// The mock's `MaxPoolSize`: 1,000 slots; a test lowers it to fill the pool.
	pub storage MaxPoolSize: u32 = 1000;
	/// The city whose validator authors the block being built (the mock's stand-in for Aura's
	/// digest): none unless a test sets it.
	pub storage BlockAuthorCity: Option<CityCode> = None;
}

/// The mock's block author: [`BlockAuthorCity`].
pub struct MockAnchorAuthor;
impl AnchorAuthorCity for MockAnchorAuthor {
	fn author_city() -> Option<CityCode> {
		BlockAuthorCity::get()
	}
}

/// "Now" when each test starts (Unix ms).
pub const START: u64 = 1_795_305_600_000;

impl Config for Test {
	type ConsortiumOrigin = frame_system::EnsureRoot<u64>;
	type Tenders = Tenders;
	type Participants = Certificates;
	type TradingCentres = Centres;
	type Cities = Cities;
	type MaxCities = ConstU32<4>;
	type MaxPoolSize = MaxPoolSize;
	type MaxPicks = ConstU32<9>;
	type MaxSeats = ConstU32<16>;
	type MinCommittee = MinCommittee;
	type OddCommittee = OddCommittee;
	type RequiredContributions = ConstU32<2>;
	type ContributionWindow = ConstU64<5>;
	type RecentDraws = ConstU32<2>;
	type SeatingWindow = ConstU64<SEATING_WINDOW>;
	type PoolChangeDelay = ConstU64<POOL_CHANGE_DELAY>;
	type MinPoolMultiple = ConstU32<MIN_POOL_MULTIPLE>;
	type PoolFaultThreshold = ConstU32<2>;
	type AnchorAuthor = MockAnchorAuthor;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = Centres;
}

#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<u64> for Centres {
	fn certify(who: &u64, role: Role) {
		certify(*who, &[role], b"BY", H256::from_low_u64_be(*who));
	}
	fn trading_centre() -> (u64, CityCode) {
		(BAIYIN_CENTRE, city(b"BY"))
	}
	fn ensure_other_cities(_: &CityCode, _: u32) {}
	fn centre_of(c: &CityCode) -> Option<u64> {
		CITIES.iter().find(|(code, _)| *code == c.as_slice()).map(|(_, centre)| *centre)
	}
	fn tender_past_deadline() -> Result<TenderId, &'static str> {
		let bidders: Vec<u64> = (0..8).map(|i| 2_000 + i).collect();
		for b in &bidders {
			certify(*b, &[Role::Bidder], b"BY", H256::from_low_u64_be(*b));
		}
		let tender = publish(TENDERER, b"BY", &bidders);
		close_bidding(tender);
		Ok(tender)
	}
	fn begin_evaluation(tender: TenderId) {
		begin_evaluation(tender);
	}
}

/// A city code.
pub fn city(code: &[u8]) -> CityCode {
	code.to_vec().try_into().expect("short code")
}

/// The draw-key pair of a city.
pub fn draw_pair(code: &[u8]) -> sr25519::Pair {
	sr25519::Pair::from_string(&format!("//{}", String::from_utf8_lossy(code)), None)
		.expect("dev seed")
}

/// Test externalities at block 1, time [`START`], no tender: a supervisor, the tenderer and
/// three bidders certified; the pool administrator named; each city's draw key set.
pub fn new_test_ext() -> sp_io::TestExternalities {
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
		certify(LANZHOU_SUPERVISOR, &[Role::Supervisor], b"LZ", H256::repeat_byte(0x51));
	});
	ext
}
