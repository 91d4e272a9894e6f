//! The peer province's chain as `pallet-bridge-grandpa` sees it: another tenderchain network
//! (same runtime, its own genesis, validators and records).

use bp_header_chain::ChainWithGrandpa;
use bp_runtime::{Chain, ChainId};
use frame_support::weights::{constants::WEIGHT_REF_TIME_PER_SECOND, Weight};
use sp_runtime::{traits::BlakeTwo256, StateVersion};

/// A block number of a tenderchain network.
pub type PeerBlockNumber = u32;

/// A block header of a tenderchain network.
pub type PeerHeader = sp_runtime::generic::Header<PeerBlockNumber, BlakeTwo256>;

/// A peer province's tenderchain network: BLAKE2-256 hashes, `u32` block numbers, AccountId32,
/// state version 1, and the limits of tenderchain's runtime (5 MiB blocks, 2 s of compute, at
/// most 64 GRANDPA authorities).
pub struct PeerTenderchain;

impl Chain for PeerTenderchain {
	const ID: ChainId = *b"tndr";
	type BlockNumber = PeerBlockNumber;
	type Hash = sp_core::H256;
	type Hasher = BlakeTwo256;
	type Header = PeerHeader;
	type AccountId = sp_runtime::AccountId32;
	type Balance = u128;
	type Nonce = u32;
	type Signature = sp_runtime::MultiSignature;

	const STATE_VERSION: StateVersion = StateVersion::V1;

	/// Three quarters of a 5 MiB block (the normal dispatch class's share).
	fn max_extrinsic_size() -> u32 {
		5 * 1024 * 1024 / 4 * 3
	}

	/// Three quarters of 2 s of compute.
	fn max_extrinsic_weight() -> Weight {
		Weight::from_parts(WEIGHT_REF_TIME_PER_SECOND * 3 / 2, u64::MAX)
	}
}

impl ChainWithGrandpa for PeerTenderchain {
	/// The name our runtime gives the first peer's bridge pallet (what a relayer reads there).
	const WITH_CHAIN_GRANDPA_PALLET_NAME: &'static str = "PeerBridge0";
	/// tenderchain's `pallet_grandpa::Config::MaxAuthorities`: one validator per city.
	const MAX_AUTHORITIES_COUNT: u32 = 64;
	/// GRANDPA on a LAN of city validators finalizes within a few blocks of the best one.
	const REASONABLE_HEADERS_IN_JUSTIFICATION_ANCESTRY: u32 = 16;
	/// A header announcing a new set of 64 authorities (33 bytes and a weight each) with its
	/// Aura pre-digest and seal: under 4 KiB.
	const MAX_MANDATORY_HEADER_SIZE: u32 = 4096;
	/// A header with the Aura pre-digest and seal only.
	const AVERAGE_HEADER_SIZE: u32 = 256;
}
