//! A test runtime with the consortium pallet, the council (pallet-collective), sessions
//! (pallet-session) and the node allow-list (pallet-node-authorization), and three founding
//! cities.

use crate as pallet_consortium;
use frame_support::{
	derive_impl, parameter_types,
	traits::{ConstU32, ConstU64},
	weights::Weight,
};
use frame_system::EnsureRoot;
use sp_runtime::{
	testing::UintAuthorityId,
	traits::{ConvertInto, OpaqueKeys},
	BuildStorage, KeyTypeId,
};

pallet_certificates::testing::mock_runtime! {
	system {
		type AccountData = pallet_balances::AccountData<u64>;
	}
	pallets {
		1: Balances = pallet_balances,
		2: Council = pallet_collective<Instance1>,
		3: NodeAuthorization = pallet_node_authorization,
		4: Consortium = pallet_consortium,
		5: Session = pallet_session,
	}
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type AccountStore = System;
}

parameter_types! {
	pub MaxProposalWeight: Weight = Weight::from_parts(1_000_000_000_000, u64::MAX);
}

/// The council of the cities' trading centres.
pub type CouncilInstance = pallet_collective::Instance1;

impl pallet_collective::Config<CouncilInstance> for Test {
	type RuntimeOrigin = RuntimeOrigin;
	type Proposal = RuntimeCall;
	type RuntimeEvent = RuntimeEvent;
	type MotionDuration = ConstU64<10>;
	type MaxProposals = ConstU32<10>;
	type MaxMembers = ConstU32<8>;
	type DefaultVote = pallet_collective::MoreThanMajorityThenPrimeDefaultVote;
	type WeightInfo = ();
	type SetMembersOrigin = EnsureRoot<u64>;
	type MaxProposalWeight = MaxProposalWeight;
	type DisapproveOrigin = EnsureRoot<u64>;
	type KillOrigin = EnsureRoot<u64>;
	type Consideration = pallet_consortium::ProposalTicket<Test>;
}

impl pallet_node_authorization::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type MaxWellKnownNodes = ConstU32<32>;
	type MaxPeerIdLength = ConstU32<128>;
	type AddOrigin = EnsureRoot<u64>;
	type RemoveOrigin = EnsureRoot<u64>;
	type SwapOrigin = EnsureRoot<u64>;
	type ResetOrigin = EnsureRoot<u64>;
	type WeightInfo = ();
}

/// The test validator's keys: one numbered dummy key, whose ownership proof is always valid.
pub type MockSessionKeys = UintAuthorityId;

/// Session handler that accepts any validator set.
pub struct TestSessionHandler;
impl pallet_session::SessionHandler<u64> for TestSessionHandler {
	const KEY_TYPE_IDS: &'static [KeyTypeId] = &[sp_runtime::key_types::DUMMY];
	fn on_genesis_session<Ks: OpaqueKeys>(_validators: &[(u64, Ks)]) {}
	fn on_new_session<Ks: OpaqueKeys>(
		_changed: bool,
		_validators: &[(u64, Ks)],
		_queued: &[(u64, Ks)],
	) {
	}
	fn on_disabled(_validator_index: u32) {}
}

impl pallet_session::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type ValidatorId = u64;
	type ValidatorIdOf = ConvertInto;
	type ShouldEndSession = pallet_session::PeriodicSessions<ConstU64<5>, ConstU64<0>>;
	type NextSessionRotation = pallet_session::PeriodicSessions<ConstU64<5>, ConstU64<0>>;
	type SessionManager = Consortium;
	type SessionHandler = TestSessionHandler;
	type Keys = MockSessionKeys;
	type DisablingStrategy = ();
	type WeightInfo = ();
	type Currency = Balances;
	type KeyDeposit = ConstU64<0>;
}

impl pallet_consortium::Config for Test {
	type ConsortiumOrigin = pallet_collective::EnsureProportionAtLeast<u64, CouncilInstance, 2, 3>;
	type Council = Council;
	type RuntimeCall = RuntimeCall;
	type MaxCities = ConstU32<5>;
	type MinValidators = ConstU32<3>;
	type MaxNameLen = ConstU32<32>;
	type MaxPeersPerCity = ConstU32<2>;
	type MaxOpenProposalsPerMember = ConstU32<2>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockBenchmarkHelper;
}

/// Session keys for the benchmark tests: the mock's keys need no proof.
#[cfg(feature = "runtime-benchmarks")]
pub struct MockBenchmarkHelper;
#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<Test> for MockBenchmarkHelper {
	fn session_keys(_owner: &u64, seed: u32) -> (MockSessionKeys, Vec<u8>) {
		(keys(1_000 + seed as u64), Vec::new())
	}
}

/// Baiyin's trading-centre account in the tests.
pub const BAIYIN: u64 = 1;
/// Lanzhou's trading-centre account in the tests.
pub const LANZHOU: u64 = 2;
/// Tianshui's trading-centre account in the tests.
pub const TIANSHUI: u64 = 3;
/// Jiuquan's trading-centre account: not a founding city, admitted in the tests.
pub const JIUQUAN: u64 = 4;
/// An account that is no city's.
pub const STRANGER: u64 = 99;

/// The test session keys numbered `n`.
pub fn keys(n: u64) -> MockSessionKeys {
	UintAuthorityId(n)
}

/// A test peer id: 38 bytes, like an ed25519 libp2p peer id.
pub fn peer(n: u8) -> Vec<u8> {
	let mut id = vec![0x00, 0x24, 0x08, 0x01, 0x12, 0x20];
	id.extend([n; 32]);
	id
}

/// The genesis cities used by most tests: Baiyin, Lanzhou, Tianshui, with keys 1, 2, 3 and
/// peers 1, 2, 3.
pub fn founding_cities() -> Vec<crate::GenesisCity<Test>> {
	vec![
		("BY".into(), "Baiyin".into(), "Gansu".into(), BAIYIN, keys(1), vec![peer(1)]),
		("LZ".into(), "Lanzhou".into(), "Gansu".into(), LANZHOU, keys(2), vec![peer(2)]),
		("TS".into(), "Tianshui".into(), "Gansu".into(), TIANSHUI, keys(3), vec![peer(3)]),
	]
}

/// Test externalities with the given genesis cities; session, allow-list and council agree.
pub fn ext_with(cities: Vec<crate::GenesisCity<Test>>) -> sp_io::TestExternalities {
	let session_keys = cities
		.iter()
		.map(|(_, _, _, account, keys, _)| (*account, *account, keys.clone()))
		.collect();
	let nodes = cities
		.iter()
		.flat_map(|(_, _, _, account, _, peers)| {
			peers.iter().map(|p| (sp_core::OpaquePeerId(p.clone()), *account))
		})
		.collect();
	let storage = RuntimeGenesisConfig {
		system: Default::default(),
		balances: Default::default(),
		council: Default::default(),
		node_authorization: pallet_node_authorization::GenesisConfig { nodes },
		consortium: pallet_consortium::GenesisConfig { cities },
		session: pallet_session::GenesisConfig { keys: session_keys, ..Default::default() },
	}
	.build_storage()
	.expect("test genesis builds");
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Test externalities with the three founding cities.
pub fn new_test_ext() -> sp_io::TestExternalities {
	ext_with(founding_cities())
}

/// Runs blocks up to `n`, rotating sessions as pallet-session does at each block start.
pub fn run_to_block(n: u64) {
	use frame_support::traits::Hooks;
	while System::block_number() < n {
		let next = System::block_number() + 1;
		System::set_block_number(next);
		Session::on_initialize(next);
	}
}
