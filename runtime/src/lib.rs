//! # The tenderchain runtime
//!
//! The state-transition function that every city's node executes: the trading rules of
//! public-resource trading (公共资源交易) are enforced here, and only a runtime upgrade approved
//! by the consortium can change them.
//!
//! - Block production: Aura, one slot every [`MILLISECS_PER_BLOCK`] milliseconds.
//! - Finality: GRANDPA.
//! - No currency and no transaction fees: this is a permissioned consortium chain.
//! - Governance root: the consortium council (two thirds of the cities' trading centres),
//!   through `Consortium::enact`. There is no sudo key on any chain: the `dev` chain's council
//!   has one member, so that a developer governs alone there (and only there).

#![cfg_attr(not(feature = "std"), no_std)]
// `construct_runtime!` does a lot of recursion and requires us to increase the limit.
#![recursion_limit = "256"]

#[cfg(feature = "std")]
include!(concat!(env!("OUT_DIR"), "/wasm_binary.rs"));

extern crate alloc;

// `#[frame_support::runtime]` expands to code that names `Vec`.
use alloc::vec::Vec;

// Declared before `apis`: it defines the `list_benchmarks!` and `add_benchmarks!` macros that
// the benchmark runtime API expands.
#[cfg(feature = "runtime-benchmarks")]
#[macro_use]
mod benchmarks;
pub mod apis;
pub mod configs;
pub mod genesis_config_presets;
#[cfg(test)]
mod tests;

use sp_runtime::{
	generic, impl_opaque_keys,
	traits::{BlakeTwo256, IdentifyAccount, Verify},
	MultiAddress, MultiSignature,
};
use sp_version::RuntimeVersion;

pub use frame_system::Call as SystemCall;
pub use pallet_timestamp::Call as TimestampCall;
#[cfg(any(feature = "std", test))]
pub use sp_runtime::BuildStorage;

/// Types the node needs to know without knowing the extrinsic format: the opaque block and the
/// session keys.
pub mod opaque {
	use super::*;
	use alloc::vec::Vec;
	use sp_runtime::traits::Hash as HashT;

	pub use sp_runtime::OpaqueExtrinsic as UncheckedExtrinsic;

	/// Opaque block header type.
	pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
	/// Opaque block type.
	pub type Block = generic::Block<Header, UncheckedExtrinsic>;
	/// Opaque block identifier type.
	pub type BlockId = generic::BlockId<Block>;
	/// Opaque block hash type.
	pub type Hash = <BlakeTwo256 as HashT>::Output;

	impl_opaque_keys! {
		/// The keys a city's validator node holds: Aura to author blocks, GRANDPA to finalize.
		pub struct SessionKeys {
			/// The Aura block-authoring key (sr25519).
			pub aura: Aura,
			/// The GRANDPA finality-voting key (ed25519).
			pub grandpa: Grandpa,
		}
	}
}

/// The runtime's version. `spec_version` must be increased with every change of the runtime's
/// logic, `transaction_version` with every change of call indices or call arguments.
#[sp_version::runtime_version]
pub const VERSION: RuntimeVersion = RuntimeVersion {
	spec_name: alloc::borrow::Cow::Borrowed("tenderchain"),
	impl_name: alloc::borrow::Cow::Borrowed("tenderchain"),
	authoring_version: 1,
	spec_version: 110,
	impl_version: 1,
	apis: apis::RUNTIME_API_VERSIONS,
	transaction_version: 4,
	system_version: 1,
};

/// The block time: a slot every 3 seconds. A LAN or provincial-network consortium of city
/// data centres comfortably propagates a block within a slot.
pub const MILLISECS_PER_BLOCK: u64 = 3000;

/// The slot duration Aura uses; equal to the block time.
pub const SLOT_DURATION: u64 = MILLISECS_PER_BLOCK;

/// Blocks per minute, for expressing durations in blocks.
pub const MINUTES: BlockNumber = 60_000 / (MILLISECS_PER_BLOCK as BlockNumber);
/// Blocks per hour.
pub const HOURS: BlockNumber = MINUTES * 60;
/// Blocks per day.
pub const DAYS: BlockNumber = HOURS * 24;

/// A block number.
pub type BlockNumber = u32;
/// The signature type of extrinsics.
pub type Signature = MultiSignature;
/// An account id: the public key behind the signature.
pub type AccountId = <<Signature as Verify>::Signer as IdentifyAccount>::AccountId;
/// The index of a transaction in the sender's account.
pub type Nonce = u32;
/// A hash of some data.
pub type Hash = sp_core::H256;
/// The address format for describing accounts.
pub type Address = MultiAddress<AccountId, ()>;
/// Block header type.
pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
/// Block type.
pub type Block = generic::Block<Header, UncheckedExtrinsic>;
/// A block with its justifications.
pub type SignedBlock = generic::SignedBlock<Block>;
/// Block identifier.
pub type BlockId = generic::BlockId<Block>;

/// The transaction extensions every signed transaction carries. There is no fee payment: a
/// consortium chain admits its users instead of charging them (`CheckCertificate`: a valid
/// certificate, and a rate limit).
pub type TxExtension = (
	frame_system::CheckNonZeroSender<Runtime>,
	frame_system::CheckSpecVersion<Runtime>,
	frame_system::CheckTxVersion<Runtime>,
	frame_system::CheckGenesis<Runtime>,
	frame_system::CheckEra<Runtime>,
	// Before the nonce check, so that an uncertified sender is told it lacks a certificate.
	pallet_certificates::CheckCertificate<Runtime>,
	// `frame_system::CheckNonce` with a bound on how far ahead an account may queue.
	pallet_certificates::CheckNonceWindow<Runtime>,
	frame_system::CheckWeight<Runtime>,
);

/// Unchecked extrinsic type as expected by this runtime.
pub type UncheckedExtrinsic =
	generic::UncheckedExtrinsic<Address, RuntimeCall, Signature, TxExtension>;

/// The payload being signed in transactions.
pub type SignedPayload = generic::SignedPayload<RuntimeCall, TxExtension>;

/// Storage migrations run at the next runtime upgrade.
type Migrations = ();

/// Executive: dispatches calls to the pallets.
pub type Executive = frame_executive::Executive<
	Runtime,
	Block,
	frame_system::ChainContext<Runtime>,
	Runtime,
	AllPalletsWithSystem,
	Migrations,
>;

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
	pub struct Runtime;

	#[runtime::pallet_index(0)]
	pub type System = frame_system;

	#[runtime::pallet_index(1)]
	pub type Timestamp = pallet_timestamp;

	#[runtime::pallet_index(2)]
	pub type Aura = pallet_aura;

	#[runtime::pallet_index(3)]
	pub type Grandpa = pallet_grandpa;

	// Index 4 was pallet-sudo, removed: no single key reaches Root.

	/// Required by pallet-session's key deposit, which is zero here; nobody holds a balance.
	#[runtime::pallet_index(5)]
	pub type Balances = pallet_balances;

	/// The council of the cities' trading centres; two thirds of it is the consortium.
	#[runtime::pallet_index(6)]
	pub type Council = pallet_collective<Instance1>;

	/// The node allow-list (well-known nodes), kept by the consortium pallet.
	#[runtime::pallet_index(7)]
	pub type NodeAuthorization = pallet_node_authorization;

	// Before Session: its genesis gives Session the founding validators.
	#[runtime::pallet_index(10)]
	pub type Consortium = pallet_consortium;

	/// Sessions: the validator set (Aura and GRANDPA authorities) follows the consortium.
	#[runtime::pallet_index(13)]
	pub type Session = pallet_session;

	/// Archive notarization: documents and Merkle batches anchored by SHA-256.
	#[runtime::pallet_index(14)]
	pub type Notary = pallet_notary;

	/// The random draw of evaluation experts.
	#[runtime::pallet_index(15)]
	pub type ExpertDraw = pallet_expert_draw;

	#[runtime::pallet_index(11)]
	pub type Certificates = pallet_certificates;

	#[runtime::pallet_index(12)]
	pub type Tendering = pallet_tendering;

	/// The on-chain GRANDPA light client of the peer province in recognition slot 0.
	#[runtime::pallet_index(16)]
	pub type PeerBridge0 = pallet_bridge_grandpa<Instance1>;

	/// The on-chain GRANDPA light client of the peer province in recognition slot 1.
	#[runtime::pallet_index(17)]
	pub type PeerBridge1 = pallet_bridge_grandpa<Instance2>;

	/// Recognition of the peer provinces' records by proof (跨省互认).
	#[runtime::pallet_index(18)]
	pub type Recognition = pallet_recognition;

	/// After the ranked candidates are published: objections (异议), complaints (投诉), the
	/// award notice (中标通知书) and the contract (合同).
	#[runtime::pallet_index(19)]
	pub type Award = pallet_award;
}
