//! The configuration of each pallet in the runtime.

use frame_support::{
	derive_impl, parameter_types,
	traits::{ConstBool, ConstU32, ConstU64},
	weights::{
		constants::{RocksDbWeight, WEIGHT_REF_TIME_PER_SECOND},
		Weight,
	},
};
use frame_system::limits::{BlockLength, BlockWeights};
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_runtime::Perbill;
use sp_version::RuntimeVersion;

// `RuntimeOrigin`, `RuntimeTask` and `PalletInfo` are injected by `derive_impl`.
use super::{
	AccountId, Aura, Block, BlockNumber, Hash, Nonce, PalletInfo, Runtime, RuntimeCall,
	RuntimeEvent, RuntimeOrigin, RuntimeTask, SLOT_DURATION, VERSION,
};

/// Ordinary extrinsics may fill 75% of a block; the rest is kept for operational ones
/// (governance), so that the consortium can always act.
const NORMAL_DISPATCH_RATIO: Perbill = Perbill::from_percent(75);

parameter_types! {
	/// How many recent block hashes are kept, for mortal transactions.
	pub const BlockHashCount: BlockNumber = 2400;
	/// The runtime version, as seen by `CheckSpecVersion`.
	pub const Version: RuntimeVersion = VERSION;

	/// Two seconds of compute per block: two thirds of the 3 s slot, leaving time to
	/// propagate and import the block.
	pub RuntimeBlockWeights: BlockWeights = BlockWeights::with_sensible_defaults(
		Weight::from_parts(2u64 * WEIGHT_REF_TIME_PER_SECOND, u64::MAX),
		NORMAL_DISPATCH_RATIO,
	);
	/// 5 MiB per block.
	pub RuntimeBlockLength: BlockLength = BlockLength::max_with_normal_ratio(
		5 * 1024 * 1024,
		NORMAL_DISPATCH_RATIO,
	);
	/// The generic Substrate SS58 prefix (42): addresses look as in polkadot.js' default.
	pub const SS58Prefix: u8 = 42;
}

/// The system pallet: accounts, blocks, events. Accounts hold no currency (`AccountData = ()`).
#[derive_impl(frame_system::config_preludes::SolochainDefaultConfig)]
impl frame_system::Config for Runtime {
	type Block = Block;
	type BlockWeights = RuntimeBlockWeights;
	type BlockLength = RuntimeBlockLength;
	type AccountId = AccountId;
	type Nonce = Nonce;
	type Hash = Hash;
	type BlockHashCount = BlockHashCount;
	type DbWeight = RocksDbWeight;
	type Version = Version;
	type AccountData = ();
	type SS58Prefix = SS58Prefix;
	type MaxConsumers = ConstU32<16>;
}

/// Aura block production. Each city's validator authors in turn.
impl pallet_aura::Config for Runtime {
	type AuthorityId = AuraId;
	type DisabledValidators = ();
	/// At most 64 city validators.
	type MaxAuthorities = ConstU32<64>;
	type AllowMultipleBlocksPerSlot = ConstBool<false>;
	type SlotDuration = pallet_aura::MinimumPeriodTimesTwo<Runtime>;
}

/// GRANDPA finality. Equivocation reports are not processed yet: a consortium removes a
/// misbehaving city by vote.
impl pallet_grandpa::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = ();
	type MaxAuthorities = ConstU32<64>;
	type MaxNominators = ConstU32<0>;
	type MaxSetIdSessionEntries = ConstU64<0>;
	type KeyOwnerProof = sp_core::Void;
	type EquivocationReportSystem = ();
}

/// Block timestamps, set by the block author through an inherent and checked by every importer.
impl pallet_timestamp::Config for Runtime {
	type Moment = u64;
	type OnTimestampSet = Aura;
	/// Half the slot: Aura's slot duration is twice this period.
	type MinimumPeriod = ConstU64<{ SLOT_DURATION / 2 }>;
	type WeightInfo = ();
}

/// The governance root for now: one sudo key. The consortium council replaces it.
impl pallet_sudo::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type WeightInfo = pallet_sudo::weights::SubstrateWeight<Runtime>;
}

/// The register of consortium cities.
impl pallet_consortium::Config for Runtime {
	type MaxCities = ConstU32<64>;
	type MaxNameLen = ConstU32<64>;
}

