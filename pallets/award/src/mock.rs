//! A test runtime: system, timestamp, certificates (the participant registry, whose
//! certificates each test writes with `pallet_certificates::testing`) and the award pallet,
//! with the tenders kept in a table each test sets up (no tendering pallet). The table answers
//! `TenderInfo` and obeys `AwardControl` as the tendering pallet does, and records every order
//! the award pallet gives it, so that the tests assert what was ordered.

use crate as pallet_award;
use crate::*;
use codec::{Decode, Encode};
use frame_support::{
	derive_impl,
	dispatch::DispatchResult,
	traits::{ConstU32, ConstU64},
};
use pallet_certificates::{CityCode, Role};
use pallet_tendering::{
	AwardChallenges, AwardControl, BidTerms, Phase, TenderInfo, TenderState, TenderSummary,
};
use sp_core::H256;
use sp_runtime::{BuildStorage, DispatchError};

pallet_certificates::testing::mock_runtime! {
	// Real database costs, so that the tests can check the declared weights.
	system { type DbWeight = frame_support::weights::constants::RocksDbWeight; }
	pallets {
		1: Timestamp = pallet_timestamp,
		2: Certificates = pallet_certificates,
		3: Award = pallet_award,
	}
}

#[derive_impl(pallet_timestamp::config_preludes::TestDefaultConfig)]
impl pallet_timestamp::Config for Test {}

/// The participant registry: the certificates pallet itself.
#[derive_impl(pallet_certificates::testing::TestDefaultConfig)]
impl pallet_certificates::Config for Test {
	type Time = Timestamp;
}

/// One day in milliseconds.
pub const DAY: u64 = 86_400_000;
/// "Now" when each test starts (Unix ms).
pub const START: u64 = 1_795_305_600_000;
/// How long a published result stays in its complaint period (公示) in the tests.
pub const PUBLICITY: u64 = 3 * DAY;
/// The mock's `AnswerPeriod`.
pub const ANSWER_PERIOD: u64 = 3 * DAY;
/// The mock's `ComplaintPeriod`.
pub const COMPLAINT_PERIOD: u64 = 10 * DAY;
/// The mock's `ContractPeriod`.
pub const CONTRACT_PERIOD: u64 = 30 * DAY;
/// The mock's `MaxObjectionsPerParty` and `MaxComplaintsPerParty`.
pub const MAX_PER_PARTY: u32 = 3;

/// The mock's `MaxTenderCleanup`: 3 × a `MaxBidders` of 50.
pub const MAX_TENDER_CLEANUP: u32 = 150;

/// The tenderer of the tests' tenders.
pub const TENDERER: u64 = 1;
/// Three bidders of every tender of the tests; a tender's ranking is drawn from them.
pub const BIDDERS: [u64; 3] = [11, 12, 13];
/// A fourth bidder, ranked nowhere.
pub const UNRANKED: u64 = 14;
/// A certified bidder who bid on no tender of the tests.
pub const STRANGER: u64 = 20;
/// A supervisor certified in Baiyin, where the tests' tenders are hosted.
pub const SUPERVISOR: u64 = 50;
/// A second supervisor certified in Baiyin.
pub const SECOND_SUPERVISOR: u64 = 52;
/// A supervisor certified in Lanzhou.
pub const LANZHOU_SUPERVISOR: u64 = 51;
/// An auditor certified in Baiyin: no supervisor.
pub const AUDITOR: u64 = 53;
/// The price (fen) of bidder `BIDDERS[i]`'s bid is `PRICE + i`.
pub const PRICE: u128 = 100_000_000;

impl Config for Test {
	type Participants = Certificates;
	type Tenders = Tenders;
	type Time = Timestamp;
	type AnswerPeriod = ConstU64<ANSWER_PERIOD>;
	type ComplaintPeriod = ConstU64<COMPLAINT_PERIOD>;
	type ContractPeriod = ConstU64<CONTRACT_PERIOD>;
	type MaxObjectionsPerParty = ConstU32<MAX_PER_PARTY>;
	type MaxComplaintsPerParty = ConstU32<MAX_PER_PARTY>;
	type MaxTenderCleanup = ConstU32<MAX_TENDER_CLEANUP>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = Helper;
}

/// A tender of the tests, as the tendering pallet would keep it.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode)]
pub struct MockTender {
	/// Its owner.
	pub owner: u64,
	/// Its host city.
	pub city: CityCode,
	/// Its state.
	pub state: TenderState,
	/// Whether it is suspended.
	pub suspended: bool,
	/// Its bidders, with the terms of their revealed bid (`None`: sealed or void).
	pub bids: Vec<(u64, Option<BidTerms>)>,
	/// Its published result and award.
	pub award: Option<pallet_tendering::Award<u64>>,
}

/// An order the award pallet gave the tenders.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode)]
pub enum Order {
	/// `suspend(tender, supervisor, reason)`.
	Suspend(TenderId, u64, H256),
	/// `resume(tender, supervisor, reason)`.
	Resume(TenderId, u64, H256),
	/// `reevaluate(tender, supervisor, reason)`.
	Reevaluate(TenderId, u64, H256),
	/// `pass_over(tender, candidate)`.
	PassOver(TenderId, u64),
	/// `void(tender, supervisor, reason)`.
	Void(TenderId, u64, H256),
}

/// Where the tenders, the orders and the report counter of the tests are kept: in the test
/// externalities' storage, under keys of no pallet, so that each test (and each run of a
/// benchmark) starts without any.
const TENDERS_KEY: &[u8] = b":test:tenders";
const ORDERS_KEY: &[u8] = b":test:orders";
const REPORTS_KEY: &[u8] = b":test:reports";

/// The tenders of the running test, by number.
pub fn tenders() -> Vec<MockTender> {
	frame_support::storage::unhashed::get_or_default(TENDERS_KEY)
}

/// The tender `tender` of the running test.
pub fn tender_of(tender: TenderId) -> MockTender {
	tenders().get(tender as usize).cloned().expect("a tender of the test")
}

/// Changes tender `tender`.
pub fn update(tender: TenderId, f: impl FnOnce(&mut MockTender)) {
	let mut all = tenders();
	if let Some(t) = all.get_mut(tender as usize) {
		f(t);
	}
	frame_support::storage::unhashed::put(TENDERS_KEY, &all);
}

/// The orders the award pallet gave, oldest first.
pub fn orders() -> Vec<Order> {
	frame_support::storage::unhashed::get_or_default(ORDERS_KEY)
}

fn order(o: Order) {
	let mut all = orders();
	all.push(o);
	frame_support::storage::unhashed::put(ORDERS_KEY, &all);
}

/// A report hash no result of the test had before.
fn fresh_report() -> H256 {
	let n: u64 = frame_support::storage::unhashed::get_or_default(REPORTS_KEY);
	frame_support::storage::unhashed::put(REPORTS_KEY, &(n + 1));
	H256::from_low_u64_be(0xa000 + n)
}

/// The terms of bidder `BIDDERS[i]` (or of [`UNRANKED`]).
pub fn terms_of(bidder: u64) -> BidTerms {
	let i = BIDDERS.iter().position(|b| *b == bidder).unwrap_or(3) as u128;
	BidTerms { price: PRICE + i, duration_days: 180, quality: H256::repeat_byte(0x9a) }
}

/// The price (fen) of `bidder`'s bid.
pub fn price_of(bidder: u64) -> u128 {
	terms_of(bidder).price
}

/// Publishes a tender of [`TENDERER`] hosted in Baiyin, bid on by [`BIDDERS`] and
/// [`UNRANKED`], whose committee ranked `ranking`: in its complaint period for [`PUBLICITY`]
/// from now. Returns its number.
pub fn publish(ranking: &[u64]) -> TenderId {
	let mut all = tenders();
	let bids = BIDDERS.iter().chain([UNRANKED].iter()).map(|b| (*b, Some(terms_of(*b)))).collect();
	all.push(MockTender {
		owner: TENDERER,
		city: city(b"BY"),
		state: TenderState::Publicity,
		suspended: false,
		bids,
		award: None,
	});
	frame_support::storage::unhashed::put(TENDERS_KEY, &all);
	let tender = all.len() as TenderId - 1;
	republish(tender, ranking);
	tender
}

/// The committee of `tender` publishes a (new) result ranking `ranking`, with a new report:
/// the tender is in its complaint period for [`PUBLICITY`] from now.
pub fn republish(tender: TenderId, ranking: &[u64]) {
	let report = fresh_report();
	update(tender, |t| {
		t.state = TenderState::Publicity;
		t.award = Some(pallet_tendering::Award {
			winner: ranking[0],
			report,
			publicity_ends: now() + PUBLICITY,
			ranking: ranking.to_vec().try_into().expect("at most three"),
		});
	});
}

/// Finalizes the award of `tender` as the tendering pallet does: after the complaint period,
/// not suspended, not held by a challenge (the award pallet's answer).
pub fn finalize(tender: TenderId) -> DispatchResult {
	let t = tender_of(tender);
	if t.suspended {
		return Err(DispatchError::Other("TenderSuspended"));
	}
	if t.state != TenderState::Publicity {
		return Err(DispatchError::Other("NotInPublicity"));
	}
	let award = t.award.ok_or(DispatchError::Other("NotInPublicity"))?;
	if now() < award.publicity_ends {
		return Err(DispatchError::Other("ComplaintPeriodRunning"));
	}
	if <Award as AwardChallenges>::award_held(tender) {
		return Err(DispatchError::Other("AwardHeldByChallenge"));
	}
	update(tender, |t| t.state = TenderState::Awarded);
	Ok(())
}

/// Publishes a tender ranking `ranking` and finalizes its award after the complaint period;
/// returns its number. The clock is then at the end of the complaint period.
pub fn awarded(ranking: &[u64]) -> TenderId {
	let tender = publish(ranking);
	set_now(now() + PUBLICITY);
	finalize(tender).expect("nothing holds the award");
	tender
}

/// The tenders of the tests, as the tendering pallet would answer and obey.
pub struct Tenders;

impl TenderInfo<u64> for Tenders {
	fn tender(tender: TenderId) -> Option<TenderSummary<u64>> {
		tenders().get(tender as usize).map(|t| TenderSummary {
			owner: t.owner,
			city: t.city.clone(),
			state: t.state,
			phase: Phase::AwaitingOpening,
			suspended: t.suspended,
			principal: None,
			specialities: Vec::new(),
			evaluation_underway: false,
			principal_city: None,
		})
	}

	fn bidders(tender: TenderId) -> Vec<u64> {
		tenders()
			.get(tender as usize)
			.map(|t| t.bids.iter().map(|(b, _)| *b).collect())
			.unwrap_or_default()
	}

	fn has_bid(tender: TenderId, who: &u64) -> bool {
		Self::bidders(tender).contains(who)
	}

	fn award(tender: TenderId) -> Option<pallet_tendering::Award<u64>> {
		tenders().get(tender as usize).and_then(|t| t.award.clone())
	}

	fn revealed_terms(tender: TenderId, who: &u64) -> Option<BidTerms> {
		tenders()
			.get(tender as usize)
			.and_then(|t| t.bids.iter().find(|(b, _)| b == who).and_then(|(_, terms)| *terms))
	}
}

fn known(tender: TenderId) -> Result<MockTender, DispatchError> {
	tenders().get(tender as usize).cloned().ok_or(DispatchError::Other("UnknownTender"))
}

fn challengeable(t: &MockTender) -> DispatchResult {
	if matches!(t.state, TenderState::Publicity | TenderState::Awarded) {
		Ok(())
	} else {
		Err(DispatchError::Other("NoAwardToChallenge"))
	}
}

impl AwardControl<u64> for Tenders {
	fn suspend(tender: TenderId, supervisor: &u64, reason: H256) -> DispatchResult {
		let t = known(tender)?;
		challengeable(&t)?;
		if t.suspended {
			return Err(DispatchError::Other("TenderSuspended"));
		}
		update(tender, |t| t.suspended = true);
		order(Order::Suspend(tender, *supervisor, reason));
		Ok(())
	}

	fn resume(tender: TenderId, supervisor: &u64, reason: H256) -> DispatchResult {
		let t = known(tender)?;
		if t.suspended {
			update(tender, |t| t.suspended = false);
			order(Order::Resume(tender, *supervisor, reason));
		}
		Ok(())
	}

	fn reevaluate(tender: TenderId, supervisor: &u64, reason: H256) -> DispatchResult {
		let t = known(tender)?;
		if !matches!(
			t.state,
			TenderState::Publicity | TenderState::Awarded | TenderState::NoEligibleCandidate
		) {
			return Err(DispatchError::Other("NoAwardToChallenge"));
		}
		update(tender, |t| {
			t.state = TenderState::Evaluating;
			t.suspended = false;
			t.award = None;
		});
		order(Order::Reevaluate(tender, *supervisor, reason));
		Ok(())
	}

	fn pass_over(tender: TenderId, candidate: &u64) -> Result<Option<u64>, DispatchError> {
		let t = known(tender)?;
		challengeable(&t)?;
		let mut award = t.award.ok_or(DispatchError::Other("NoAwardToChallenge"))?;
		let at = award
			.ranking
			.iter()
			.position(|c| c == candidate)
			.ok_or(DispatchError::Other("NotACandidate"))?;
		award.ranking.remove(at);
		let was_winner = award.winner == *candidate;
		let next = if was_winner { award.ranking.first().cloned() } else { None };
		if let Some(w) = next {
			award.winner = w;
		}
		let none_left = was_winner && next.is_none();
		update(tender, |t| {
			t.award = Some(award);
			if none_left {
				t.state = TenderState::NoEligibleCandidate;
			}
		});
		order(Order::PassOver(tender, *candidate));
		Ok(next)
	}

	fn void(tender: TenderId, supervisor: &u64, reason: H256) -> DispatchResult {
		let t = known(tender)?;
		if matches!(t.state, TenderState::Failed | TenderState::Cancelled | TenderState::Voided) {
			return Err(DispatchError::Other("TenderClosed"));
		}
		update(tender, |t| {
			t.state = TenderState::Voided;
			t.suspended = false;
		});
		order(Order::Void(tender, *supervisor, reason));
		Ok(())
	}
}

/// The benchmark helper of the mock: certificates in Baiyin, tenders in the table.
#[cfg(feature = "runtime-benchmarks")]
pub struct Helper;

#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<u64> for Helper {
	fn certify(who: &u64, role: Role) {
		certify(*who, &[role], b"BY");
	}
	fn set_time(ms: u64) {
		set_now(ms);
	}
	fn published_tender(
		owner: &u64,
		city: CityCode,
		ranking: Vec<u64>,
		terms: BidTerms,
		publicity_ends: u64,
		state: TenderState,
	) -> TenderId {
		let mut all = tenders();
		let report = fresh_report();
		all.push(MockTender {
			owner: *owner,
			city,
			state,
			suspended: false,
			bids: ranking.iter().map(|c| (*c, Some(terms))).collect(),
			award: Some(pallet_tendering::Award {
				winner: ranking.first().copied().unwrap_or(*owner),
				report,
				publicity_ends,
				ranking: ranking.try_into().unwrap_or_default(),
			}),
		});
		frame_support::storage::unhashed::put(TENDERS_KEY, &all);
		all.len() as TenderId - 1
	}
	fn city() -> CityCode {
		city(b"BY")
	}
}

/// A city code.
pub fn city(code: &[u8]) -> CityCode {
	code.to_vec().try_into().expect("short code")
}

/// Gives `who` a valid certificate with `roles`, certified in `city_code`.
pub fn certify(who: u64, roles: &[Role], city_code: &[u8]) {
	pallet_certificates::testing::certify::<Test>(
		&who,
		roles,
		city_code,
		H256::from_low_u64_be(who),
	);
}

/// Sets the clock.
pub fn set_now(ms: u64) {
	Timestamp::set_timestamp(ms);
}

/// The clock.
pub fn now() -> u64 {
	pallet_timestamp::Now::<Test>::get()
}

/// Test externalities at block 1, time [`START`], no tender: the tenderer, the bidders, two
/// Baiyin supervisors, a Lanzhou supervisor and a Baiyin auditor certified.
pub fn new_test_ext() -> sp_io::TestExternalities {
	let storage = RuntimeGenesisConfig::default().build_storage().expect("test genesis builds");
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| {
		System::set_block_number(1);
		set_now(START);
		certify(TENDERER, &[Role::Tenderer], b"BY");
		for b in BIDDERS.into_iter().chain([UNRANKED, STRANGER]) {
			certify(b, &[Role::Bidder], b"BY");
		}
		certify(SUPERVISOR, &[Role::Supervisor], b"BY");
		certify(SECOND_SUPERVISOR, &[Role::Supervisor], b"BY");
		certify(LANZHOU_SUPERVISOR, &[Role::Supervisor], b"LZ");
		certify(AUDITOR, &[Role::Auditor], b"BY");
	});
	ext
}
