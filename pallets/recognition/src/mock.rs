//! A test runtime with the recognition pallet, one bridge (`pallet-bridge-grandpa`, slot 0)
//! following a peer chain of test headers, the certificates pallet (whose bars the peer's
//! state holds and whose bars this chain enforces) and the notary (whose anchors it holds).
//!
//! The peer's state is a trie the tests build ([`PeerState`]): its root goes into a header,
//! the header is finalized by a GRANDPA justification of the test authorities
//! (`bp_test_utils`) and imported by the bridge, and the tests prove values of the trie.

use crate as pallet_recognition;
use bp_header_chain::InitializationData;
use bp_runtime::BasicOperatingMode;
use bp_test_utils::{authority_list, make_default_justification, test_header_with_root};
use codec::Encode;
use frame_support::{
	assert_ok, derive_impl,
	traits::{ConstU32, Contains},
};
use pallet_bridge_grandpa::Instance1;
use sp_core::H256;
use sp_runtime::{traits::Header as _, BuildStorage};
use sp_trie::{LayoutV1, MemoryDB, TrieDBMutBuilder, TrieMut};

pub use crate::chain::PeerHeader;

pallet_certificates::testing::mock_runtime! {
	pallets {
		1: Timestamp = pallet_timestamp,
		2: Certificates = pallet_certificates,
		3: Notary = pallet_notary,
		4: PeerBridge0 = pallet_bridge_grandpa<Instance1>,
		5: Recognition = pallet_recognition,
	}
}

#[derive_impl(pallet_timestamp::config_preludes::TestDefaultConfig)]
impl pallet_timestamp::Config for Test {}

#[derive_impl(pallet_certificates::testing::TestDefaultConfig)]
impl pallet_certificates::Config for Test {
	type Time = Timestamp;
	type PeerBars = Recognition;
	type PeerCertificates = Recognition;
}

/// Nobody is a trading centre, no tender exists: the notary is here for its storage layout.
pub struct Nobody;
impl Contains<u64> for Nobody {
	fn contains(_: &u64) -> bool {
		false
	}
}

impl pallet_notary::Config for Test {
	type Participants = Certificates;
	type TradingCentres = Nobody;
	type Time = Timestamp;
	type Tenders = ();
	type AnchorWindow = frame_support::traits::ConstU64<10>;
	type MaxAnchorsPerWindow = ConstU32<5>;
	type MaxBatchSize = ConstU32<16>;
	type MaxAnchorsPerTender = ConstU32<3>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = NotaryBench;
}

/// The notary's benchmark helper (unused by these tests).
#[cfg(feature = "runtime-benchmarks")]
pub struct NotaryBench;
#[cfg(feature = "runtime-benchmarks")]
impl pallet_notary::BenchmarkHelper<u64> for NotaryBench {
	fn trading_centre() -> u64 {
		0
	}
}

/// The bridge of slot 0: a GRANDPA light client of the peer chain.
impl pallet_bridge_grandpa::Config<Instance1> for Test {
	type RuntimeEvent = RuntimeEvent;
	type BridgedChain = crate::chain::PeerTenderchain;
	type MaxFreeHeadersPerBlock = ConstU32<0>;
	type FreeHeadersInterval = ();
	type HeadersToKeep = ConstU32<16>;
	type WeightInfo = ();
}

/// The bridges of the test runtime: slot 0 only.
pub struct Bridges;
impl crate::PeerHeaders for Bridges {
	const SLOTS: crate::PeerSlot = 1;

	fn finalized(slot: crate::PeerSlot, hash: H256) -> Option<(H256, u32)> {
		match slot {
			0 => pallet_bridge_grandpa::ImportedHeaders::<Test, Instance1>::get(hash)
				.map(|h| (h.state_root, h.number)),
			_ => None,
		}
	}

	fn best(slot: crate::PeerSlot) -> Option<u32> {
		match slot {
			0 => pallet_bridge_grandpa::BestFinalized::<Test, Instance1>::get().map(|id| id.0),
			_ => None,
		}
	}
}

impl pallet_recognition::Config for Test {
	type PeerHeaders = Bridges;
	type Clock = Timestamp;
	/// Three years.
	type MaxPeerBarDuration = frame_support::traits::ConstU64<{ 3 * 365 * 86_400_000 }>;
	type PeerCertificateTtl = frame_support::traits::ConstU64<{ 7 * 86_400_000 }>;
	type MaxProofAge = frame_support::traits::ConstU32<MAX_PROOF_AGE>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = Bridges;
}

#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper for Bridges {
	fn import_finalized(_slot: crate::PeerSlot, root: H256, number: u32) -> H256 {
		let header: PeerHeader = test_header_with_root(number, root);
		pallet_bridge_grandpa::ImportedHeaders::<Test, Instance1>::insert(
			header.hash(),
			bp_header_chain::StoredHeaderData { number, state_root: root },
		);
		header.hash()
	}
}

/// "Now" in the tests (Unix ms).
/// How many peer blocks behind the bridge's best a proof's header may be, in the tests.
pub const MAX_PROOF_AGE: u32 = 100;

pub const NOW: u64 = 1_795_305_600_000;

/// The peer's name in the tests.
pub const SHAANXI: &[u8] = b"Shaanxi";

/// Test externalities at block 1: the bridge of slot 0 initialised with the peer's header #0
/// (the test GRANDPA authorities, set 1), the peer registered in slot 0.
pub fn new_test_ext() -> sp_io::TestExternalities {
	let storage = RuntimeGenesisConfig::default().build_storage().expect("test genesis builds");
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| {
		System::set_block_number(1);
		pallet_timestamp::Now::<Test>::put(NOW);
		let genesis: PeerHeader = test_header_with_root(0, H256::zero());
		assert_ok!(PeerBridge0::initialize(
			RuntimeOrigin::root(),
			InitializationData {
				header: Box::new(genesis.clone()),
				authority_list: authority_list(),
				set_id: bp_test_utils::TEST_GRANDPA_SET_ID,
				operating_mode: BasicOperatingMode::Normal,
			}
		));
		assert_ok!(Recognition::register_peer(
			RuntimeOrigin::root(),
			0,
			SHAANXI.to_vec().try_into().expect("short"),
			genesis.hash()
		));
	});
	ext
}

/// A peer chain's state: key-value pairs, as a trie whose proofs the tests take.
#[derive(Default)]
pub struct PeerState {
	db: MemoryDB<sp_runtime::traits::BlakeTwo256>,
	root: H256,
}

impl PeerState {
	/// The state holding `entries`.
	pub fn with(entries: &[(Vec<u8>, Vec<u8>)]) -> PeerState {
		let mut state = PeerState::default();
		{
			let mut trie = TrieDBMutBuilder::<LayoutV1<sp_runtime::traits::BlakeTwo256>>::new(
				&mut state.db,
				&mut state.root,
			)
			.build();
			for (k, v) in entries {
				trie.insert(k, v).expect("insert into the test trie");
			}
		}
		state
	}

	/// The state root.
	pub fn root(&self) -> H256 {
		self.root
	}

	/// The proof of reading `keys` (present or absent), as a call argument.
	pub fn prove(&self, keys: &[&[u8]]) -> crate::StorageProof {
		let mut recorder = sp_trie::Recorder::<LayoutV1<sp_runtime::traits::BlakeTwo256>>::new();
		{
			use sp_trie::Trie;
			let trie = sp_trie::TrieDBBuilder::<LayoutV1<sp_runtime::traits::BlakeTwo256>>::new(
				&self.db, &self.root,
			)
			.with_recorder(&mut recorder)
			.build();
			for key in keys {
				let _ = trie.get(key).expect("read the test trie");
			}
		}
		// Each node once, as a relayer's proof holds it.
		let mut nodes: Vec<Vec<u8>> = Vec::new();
		for record in recorder.drain() {
			if !nodes.contains(&record.data) {
				nodes.push(record.data);
			}
		}
		to_arg(nodes)
	}
}

/// Raw trie nodes as a proof argument.
pub fn to_arg(nodes: Vec<Vec<u8>>) -> crate::StorageProof {
	nodes
		.into_iter()
		.map(|n| n.try_into().expect("test node within the bound"))
		.collect::<Vec<_>>()
		.try_into()
		.expect("test proof within the bound")
}

/// Finalizes peer header `number` with state root `root` by a justification of the test
/// authorities (set 1), imports it into the bridge, and returns its hash.
pub fn import_peer_header(number: u32, root: H256) -> H256 {
	let mut header: PeerHeader = test_header_with_root(number, root);
	// Chain it to the best imported header, so that the numbers go up.
	if let Some(best) = pallet_bridge_grandpa::BestFinalized::<Test, Instance1>::get() {
		header.set_parent_hash(best.hash());
	}
	let justification = make_default_justification(&header);
	assert_ok!(PeerBridge0::submit_finality_proof_ex(
		RuntimeOrigin::signed(1),
		Box::new(header.clone()),
		justification,
		bp_test_utils::TEST_GRANDPA_SET_ID,
		false,
	));
	header.hash()
}

/// The key of the peer's `Certificates::Bars(identity, bar)`: the same runtime, the same key.
pub fn bar_key(identity: H256, bar: pallet_certificates::Bar) -> Vec<u8> {
	pallet_certificates::Bars::<Test>::hashed_key_for(identity, bar)
}

/// The encoded `BarEntry` of a bar until `until`, violation number `record`.
pub fn bar_value(until: u64, record: u32) -> Vec<u8> {
	pallet_certificates::BarEntry { until, record }.encode()
}
