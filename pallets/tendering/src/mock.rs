//! A test runtime: system, timestamp, certificates (the participant registry, whose
//! certificates each test writes with `pallet_certificates::testing`, so that each test states
//! exactly who holds which role) and tendering. The evaluation committees are a table each test
//! sets up: seated experts, seats waiting for an expert, seats vacated.

use crate as pallet_tendering;
use crate::*;
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

/// Five experts, certified as such by [`new_test_ext`].
pub const EXPERTS: [u64; 5] = [60, 61, 62, 63, 64];

/// Where the committees of the tests are kept: in the test externalities' storage, under a key
/// of no pallet, so that each test (and each run of a benchmark) starts without any.
const SEATS_KEY: &[u8] = b":test:seats";

/// The seats of the running test's committees: the tender, and the expert once seated (`None`
/// while the seat waits for its expert or for a replacement draw).
fn seats() -> Vec<(TenderId, Option<u64>)> {
	frame_support::storage::unhashed::get_or_default(SEATS_KEY)
}

fn put_seats(seats: &[(TenderId, Option<u64>)]) {
	frame_support::storage::unhashed::put(SEATS_KEY, &seats.to_vec());
}

/// Seats `who` on the committee of `tender`.
pub fn seat(tender: TenderId, who: u64) {
	let mut all = seats();
	all.push((tender, Some(who)));
	put_seats(&all);
}

/// Adds to the committee of `tender` a seat still waiting for its expert.
pub fn waiting_seat(tender: TenderId) {
	let mut all = seats();
	all.push((tender, None));
	put_seats(&all);
}

/// `who` takes the first waiting seat of `tender`'s committee.
pub fn take_waiting_seat(tender: TenderId, who: u64) {
	let mut all = seats();
	if let Some(s) = all.iter_mut().find(|s| **s == (tender, None)) {
		s.1 = Some(who);
	}
	put_seats(&all);
}

/// `who` leaves the committee of `tender` (recused or replaced): the seat waits for a
/// replacement.
pub fn vacate(tender: TenderId, who: u64) {
	let mut all = seats();
	if let Some(s) = all.iter_mut().find(|s| **s == (tender, Some(who))) {
		s.1 = None;
	}
	put_seats(&all);
}

/// Seats `members` on the committee of `tender`: a complete committee.
pub fn committee(tender: TenderId, members: &[u64]) {
	for who in members {
		seat(tender, *who);
	}
}

/// The committees of the tests, as the expert-draw pallet would answer for them.
pub struct Committee;
impl crate::EvaluationCommittee<u64> for Committee {
	fn is_seated(tender: TenderId, who: &u64) -> bool {
		seats().contains(&(tender, Some(*who)))
	}
	fn complete_committee(tender: TenderId) -> Option<Vec<u64>> {
		let mine: Vec<Option<u64>> =
			seats().into_iter().filter(|(t, _)| *t == tender).map(|(_, w)| w).collect();
		if mine.is_empty() {
			return None;
		}
		mine.into_iter().collect()
	}
	fn committee_unfillable(tender: TenderId) -> bool {
		frame_support::storage::unhashed::get_or_default::<Vec<TenderId>>(UNFILLABLE_KEY)
			.contains(&tender)
	}
}

/// Where the tests keep the tenders whose committee the expert draw can no longer complete.
const UNFILLABLE_KEY: &[u8] = b":test:unfillable";

/// The committee of `tender` can no longer be completed (as the expert draw would answer).
pub fn make_unfillable(tender: TenderId) {
	let mut all: Vec<TenderId> = frame_support::storage::unhashed::get_or_default(UNFILLABLE_KEY);
	all.push(tender);
	frame_support::storage::unhashed::put(UNFILLABLE_KEY, &all);
}

const HELD_KEY: &[u8] = b":test:held-awards";

/// Holds the award of `tender` as an unanswered objection would.
pub fn hold_award(tender: TenderId, held: bool) {
	let mut all: Vec<TenderId> = frame_support::storage::unhashed::get_or_default(HELD_KEY);
	all.retain(|t| *t != tender);
	if held {
		all.push(tender);
	}
	frame_support::storage::unhashed::put(HELD_KEY, &all);
}

/// The objections and complaints of the tests: those [`hold_award`] set.
pub struct Challenges;
impl AwardChallenges for Challenges {
	fn award_held(tender: TenderId) -> bool {
		let all: Vec<TenderId> = frame_support::storage::unhashed::get_or_default(HELD_KEY);
		all.contains(&tender)
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
	type MaxCommittee = ConstU32<7>;
	type MinCommittee = ConstU32<3>;
	type MaxFindings = ConstU32<4>;
	type MinAmendmentNotice = ConstU64<{ 36 * HOUR }>;
	type UrgentWindow = ConstU64<{ 5 * 60_000 }>;
	type MaxOpenTenders = ConstU32<3>;
	type CouncilOrigin = frame_system::EnsureRoot<u64>;
	type MaxLodged = ConstU32<12>;
	type Seals = MockSeals;
	type Challenges = Challenges;
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
		seat(tender, *who);
	}
	fn bar(who: &u64, b: Bar) {
		bar(*who, b);
	}
	fn make_committee_unfillable(tender: TenderId) {
		make_unfillable(tender);
	}
	fn sealed_bidder() -> u64 {
		BENCH_SEALER
	}
}

/// The sr25519 key standing for test account `who` in its seals (the mock's accounts are
/// numbers): derived from the number, so each account has its own.
pub fn seal_pair(who: u64) -> sp_core::sr25519::Pair {
	use sp_core::Pair as _;
	sp_core::sr25519::Pair::from_seed(&sp_io::hashing::blake2_256(&who.to_le_bytes()))
}

/// The test account standing for the key of [`bench_seal::PUBLIC`].
pub const BENCH_SEALER: u64 = 4242;

/// Seals checked as the runtime checks them (an sr25519 VRF over the tender), with each test
/// account's key from [`seal_pair`].
pub struct MockSeals;
impl SealScheme<u64> for MockSeals {
	fn verify(bidder: &u64, input: &H256, pre_output: &[u8; 32], proof: &[u8; 64]) -> Option<H256> {
		use sp_core::Pair as _;
		let key = if *bidder == BENCH_SEALER {
			bench_seal::PUBLIC
		} else {
			seal_pair(*bidder).public().0
		};
		sr25519_vrf_output(SEAL_VRF_TAGS, &key, input, pre_output, proof).map(H256)
	}
}

/// `who`'s seal on `tender` with its proof, as a bidder's client makes it:
/// (seal, pre-output, proof).
pub fn seal_of(who: u64, tender: TenderId) -> (H256, [u8; 32], [u8; 64]) {
	use codec::Encode;
	use sp_core::crypto::VrfSecret;
	let pair = seal_pair(who);
	let input = seal_input(&Tendering::genesis_hash(), tender);
	let (label, item, context) = SEAL_VRF_TAGS;
	let transcript = sp_core::sr25519::vrf::VrfTranscript::new(label, &[(item, input.as_bytes())]);
	let signature = pair.vrf_sign(&transcript.clone().into_sign_data());
	let output = signature
		.pre_output
		.make_bytes::<32>(context, &transcript, &sp_core::Pair::public(&pair))
		.expect("32 bytes");
	let pre: [u8; 32] = signature.pre_output.encode().try_into().expect("32 bytes");
	let proof: [u8; 64] = signature.proof.encode().try_into().expect("64 bytes");
	(H256(output), pre, proof)
}

/// A city code.
pub fn city(code: &[u8]) -> CityCode {
	code.to_vec().try_into().expect("short code")
}

/// Sets the clock.
pub fn set_now(ms: u64) {
	Timestamp::set_timestamp(ms);
}

/// Test externalities: block 1 at [`START`], the tenderer, three bidders, a late bidder, a
/// supervisor and five experts certified; no committee seated.
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
		for e in EXPERTS {
			certify(e, &[Role::Expert]);
		}
	});
	ext
}
