//! A test runtime with the notary pallet, a stand-in certificate registry and a clock.

use crate as pallet_notary;
use core::cell::RefCell;
use frame_support::{
	derive_impl,
	traits::{ConstU32, ConstU64, Contains},
};
use pallet_certificates::{Bar, CityCode, ParticipantRegistry, Role};
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
	pub type Notary = pallet_notary;
}

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
}

impl pallet_timestamp::Config for Test {
	type Moment = u64;
	type OnTimestampSet = ();
	type MinimumPeriod = ConstU64<1>;
	type WeightInfo = ();
}

thread_local! {
	static ROLES: RefCell<BTreeMap<u64, Vec<Role>>> = RefCell::new(BTreeMap::new());
}

/// Gives `who` a certificate with `roles`.
pub fn certify(who: u64, roles: &[Role]) {
	ROLES.with(|r| r.borrow_mut().insert(who, roles.to_vec()));
}

/// The certificate registry of the tests: roles set with [`certify`].
pub struct TestRegistry;
impl ParticipantRegistry<u64> for TestRegistry {
	fn ensure_role(who: &u64, role: Role) -> DispatchResult {
		match ROLES.with(|r| r.borrow().get(who).cloned()) {
			Some(roles) if roles.contains(&role) => Ok(()),
			_ => Err(DispatchError::Other("RoleNotHeld")),
		}
	}
	fn ensure_not_barred(_: &u64, _: Bar) -> DispatchResult {
		Ok(())
	}
	fn city_of(_: &u64) -> Option<CityCode> {
		None
	}
	fn identity_of(_: &u64) -> Option<sp_core::H256> {
		None
	}
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
	type Participants = TestRegistry;
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
