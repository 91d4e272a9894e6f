//! A test runtime with the consortium pallet and three founding cities.

use crate as pallet_consortium;
use frame_support::{derive_impl, traits::ConstU32};
use sp_runtime::BuildStorage;

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
	pub type Consortium = pallet_consortium;
}

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
}

impl pallet_consortium::Config for Test {
	type MaxCities = ConstU32<4>;
	type MaxNameLen = ConstU32<32>;
}

/// Baiyin's trading-centre account in the tests.
pub const BAIYIN: u64 = 1;
/// Lanzhou's trading-centre account in the tests.
pub const LANZHOU: u64 = 2;
/// Tianshui's trading-centre account in the tests.
pub const TIANSHUI: u64 = 3;

/// The genesis cities used by most tests.
pub fn founding_cities() -> Vec<(String, String, String, u64)> {
	vec![
		("BY".into(), "Baiyin".into(), "Gansu".into(), BAIYIN),
		("LZ".into(), "Lanzhou".into(), "Gansu".into(), LANZHOU),
		("TS".into(), "Tianshui".into(), "Gansu".into(), TIANSHUI),
	]
}

/// Test externalities with the given genesis cities.
pub fn ext_with(cities: Vec<(String, String, String, u64)>) -> sp_io::TestExternalities {
	let storage = RuntimeGenesisConfig {
		system: Default::default(),
		consortium: pallet_consortium::GenesisConfig { cities },
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
