//! Governance tests of the runtime: the council of the `local` chain's four cities, as its
//! genesis preset builds it.
//!
//! Run with `SKIP_WASM_BUILD=1 cargo test -p tenderchain-runtime --lib`.

use crate::{
	configs::CouncilCollective, genesis_config_presets, AccountId, AllPalletsWithSystem, Council,
	Runtime, RuntimeCall, RuntimeGenesisConfig, RuntimeOrigin, System,
};
use codec::Encode;
use frame_support::{
	assert_noop, assert_ok,
	traits::{ChangeMembers, Get, PalletsInfoAccess},
	weights::Weight,
};
use serde_json::Value;
use sp_keyring::Sr25519Keyring;
use sp_runtime::{traits::Hash as _, BuildStorage};

/// Merges the preset's JSON `patch` into the default genesis `base`, as the node does.
fn merge(base: &mut Value, patch: Value) {
	match (base, patch) {
		(Value::Object(base), Value::Object(patch)) => {
			for (key, value) in patch {
				merge(base.entry(key).or_insert(Value::Null), value);
			}
		},
		(base, patch) => *base = patch,
	}
}

/// Test externalities with the genesis of the preset `id`, at block 1.
fn ext_from_preset(id: &str) -> sp_io::TestExternalities {
	let patch: Value = serde_json::from_slice(
		&genesis_config_presets::get_preset(&id.into()).expect("the preset exists"),
	)
	.expect("the preset is JSON");
	let mut config =
		serde_json::to_value(RuntimeGenesisConfig::default()).expect("the default serializes");
	merge(&mut config, patch);
	let config: RuntimeGenesisConfig =
		serde_json::from_value(config).expect("the preset is a genesis config");
	let mut ext = sp_io::TestExternalities::new(config.build_storage().expect("genesis builds"));
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// The `local` chain: Baiyin (`//Alice`), Lanzhou (`//Bob`), Tianshui (`//Charlie`) and
/// Jiuquan (`//Dave`).
fn local() -> sp_io::TestExternalities {
	ext_from_preset(genesis_config_presets::LOCAL)
}

fn account(key: Sr25519Keyring) -> AccountId {
	key.to_account_id()
}

/// The storage key a test motion writes, and how it tells that Root acted.
const MARK: &[u8] = b":governance-test:root-acted";

/// A motion for the consortium to act as Root: write [`MARK`].
fn root_motion() -> RuntimeCall {
	RuntimeCall::Consortium(pallet_consortium::Call::enact {
		call: alloc::boxed::Box::new(RuntimeCall::System(frame_system::Call::set_storage {
			items: alloc::vec![(MARK.to_vec(), b"1".to_vec())],
		})),
	})
}

/// A distinct harmless motion, number `n`.
fn motion(n: u32) -> RuntimeCall {
	RuntimeCall::Consortium(pallet_consortium::Call::enact {
		call: alloc::boxed::Box::new(RuntimeCall::System(frame_system::Call::remark {
			remark: n.encode(),
		})),
	})
}

fn root_acted() -> bool {
	sp_io::storage::get(MARK).is_some()
}

/// `who` proposes `call` with `threshold`; returns its hash and index.
fn propose(who: &AccountId, threshold: u32, call: RuntimeCall) -> (crate::Hash, u32) {
	let length = call.encoded_size() as u32;
	let hash = <Runtime as frame_system::Config>::Hashing::hash_of(&call);
	let index = pallet_collective::ProposalCount::<Runtime, CouncilCollective>::get();
	assert_ok!(Council::propose(
		RuntimeOrigin::signed(who.clone()),
		threshold,
		alloc::boxed::Box::new(call),
		length
	));
	(hash, index)
}

fn vote(who: &AccountId, hash: crate::Hash, index: u32, aye: bool) {
	assert_ok!(Council::vote(RuntimeOrigin::signed(who.clone()), hash, index, aye));
}

/// Closes the motion, proposed in the current block, once its term is over.
fn close_at_end(who: &AccountId, hash: crate::Hash, index: u32) {
	assert!(pallet_collective::Voting::<Runtime, CouncilCollective>::contains_key(hash));
	System::set_block_number(System::block_number() + crate::configs::CouncilMotionDuration::get());
	assert_ok!(Council::close(
		RuntimeOrigin::signed(who.clone()),
		hash,
		index,
		Weight::from_parts(u64::MAX / 4, u64::MAX / 4),
		u32::MAX
	));
}

#[test]
fn local_council_is_the_four_cities() {
	local().execute_with(|| {
		let mut cities = alloc::vec![
			account(Sr25519Keyring::Alice),
			account(Sr25519Keyring::Bob),
			account(Sr25519Keyring::Charlie),
			account(Sr25519Keyring::Dave),
		];
		cities.sort();
		assert_eq!(pallet_collective::Members::<Runtime, CouncilCollective>::get(), cities);
	});
}

#[test]
fn three_of_four_cities_act_as_root() {
	local().execute_with(|| {
		let (alice, bob, charlie) = (
			account(Sr25519Keyring::Alice),
			account(Sr25519Keyring::Bob),
			account(Sr25519Keyring::Charlie),
		);
		let (hash, index) = propose(&alice, 3, root_motion());
		vote(&alice, hash, index, true);
		vote(&bob, hash, index, true);
		vote(&charlie, hash, index, true);
		assert_ok!(Council::close(
			RuntimeOrigin::signed(alice),
			hash,
			index,
			Weight::from_parts(u64::MAX / 4, u64::MAX / 4),
			u32::MAX
		));
		assert!(root_acted());
	});
}

/// A fifth city joins; three of five vote aye (a majority, short of two thirds), two stay
/// silent. Under "more than half, then abstentions count as ayes" the closed motion would
/// count five ayes and act as Root; abstentions count as nays here, so it fails.
#[test]
fn attack_prime_default_vote_turns_majority_into_two_thirds() {
	local().execute_with(|| {
		let fifth = account(Sr25519Keyring::Eve);
		let mut members = pallet_collective::Members::<Runtime, CouncilCollective>::get();
		members.push(fifth.clone());
		members.sort();
		<Council as ChangeMembers<AccountId>>::change_members_sorted(
			core::slice::from_ref(&fifth),
			&[],
			&members,
		);
		assert_eq!(members.len(), 5);
		let (alice, bob, charlie) = (
			account(Sr25519Keyring::Alice),
			account(Sr25519Keyring::Bob),
			account(Sr25519Keyring::Charlie),
		);
		// Threshold 4 (two thirds of five): three ayes cannot close it early.
		let (hash, index) = propose(&alice, 4, root_motion());
		vote(&alice, hash, index, true);
		vote(&bob, hash, index, true);
		vote(&charlie, hash, index, true);
		close_at_end(&alice, hash, index);
		assert!(!root_acted(), "three of five cities acted as the consortium");
		System::assert_has_event(
			pallet_collective::Event::<Runtime, CouncilCollective>::Closed {
				proposal_hash: hash,
				yes: 3,
				no: 2,
			}
			.into(),
		);
	});
}

/// One city proposes motion after motion. It is refused after `MaxOpenProposalsPerMember`
/// (4), the queue keeps room for the other cities, and a released motion frees a slot.
#[test]
fn attack_one_city_fills_the_motion_queue() {
	local().execute_with(|| {
		let (alice, bob) = (account(Sr25519Keyring::Alice), account(Sr25519Keyring::Bob));
		let limit: u32 = <Runtime as pallet_consortium::Config>::MaxOpenProposalsPerMember::get();
		assert_eq!(limit, 4);
		let mut first = None;
		for n in 0..limit {
			let opened = propose(&alice, 3, motion(n));
			first.get_or_insert(opened);
		}
		let call = motion(limit);
		let length = call.encoded_size() as u32;
		assert_noop!(
			Council::propose(
				RuntimeOrigin::signed(alice.clone()),
				3,
				alloc::boxed::Box::new(call),
				length
			),
			pallet_consortium::Error::<Runtime>::TooManyOpenProposals
		);
		// Another city still has room.
		propose(&bob, 3, motion(1_000));

		// Once one of Alice's motions is closed and its ticket released, she may propose again.
		let (hash, index) = first.expect("proposed above");
		vote(&bob, hash, index, false);
		close_at_end(&bob, hash, index);
		assert_ok!(Council::release_proposal_cost(RuntimeOrigin::signed(bob.clone()), hash));
		assert_eq!(pallet_consortium::OpenProposals::<Runtime>::get(&alice), Some(limit - 1));
		propose(&alice, 3, motion(limit));
	});
}

/// No call path gives Root to one key on the `local` chain: the runtime has no sudo pallet,
/// and one city's motion — executed at once with threshold 1, or closed alone at the end of its
/// term — cannot act as the consortium.
#[test]
fn attack_council_hands_root_to_one_account() {
	local().execute_with(|| {
		let names: alloc::vec::Vec<&str> =
			AllPalletsWithSystem::infos().iter().map(|info| info.name).collect();
		assert!(names.contains(&"Council"));
		assert!(!names.iter().any(|name| name.contains("Sudo")), "a sudo pallet: {names:?}");

		let alice = account(Sr25519Keyring::Alice);
		// Threshold 1: executed at once with the origin Members(1, 4), which is not the
		// consortium: `enact` fails and Root does not act.
		propose(&alice, 1, root_motion());
		assert!(!root_acted(), "one city's motion acted as Root");

		// Threshold 3 and Alice's aye alone, closed at the end of the term.
		let (hash, index) = propose(&alice, 3, root_motion());
		vote(&alice, hash, index, true);
		close_at_end(&alice, hash, index);
		assert!(!root_acted(), "one city's motion acted as Root");
	});
}

/// On `dev`, the only city's trading centre governs alone: a motion of threshold 1 acts as the
/// consortium at once. (The `local` chain needs three of four cities.)
#[test]
fn dev_chain_has_a_one_member_council() {
	ext_from_preset(genesis_config_presets::DEV).execute_with(|| {
		let alice = account(Sr25519Keyring::Alice);
		assert_eq!(
			pallet_collective::Members::<Runtime, CouncilCollective>::get(),
			alloc::vec![alice.clone()]
		);
		propose(&alice, 1, root_motion());
		assert!(root_acted());
	});
}

/// The attack: one city (or any account) initialises a peer's bridge with a header and an
/// authority set of its choosing — a fake peer chain whose "records" it then proves — or
/// registers a peer, or halts a bridge. Only Root (a council motion) may; no bridge has an
/// owner key.
#[test]
fn attack_one_city_initialises_a_peer_bridge() {
	use bp_header_chain::InitializationData;
	use sp_runtime::traits::Header as _;
	local().execute_with(|| {
		let alice = account(Sr25519Keyring::Alice);
		let header = pallet_recognition::chain::PeerHeader::new(
			0,
			Default::default(),
			Default::default(),
			Default::default(),
			Default::default(),
		);
		let init = InitializationData {
			header: alloc::boxed::Box::new(header),
			authority_list: alloc::vec![],
			set_id: 0,
			operating_mode: bp_runtime::BasicOperatingMode::Normal,
		};
		assert_noop!(
			crate::PeerBridge0::initialize(RuntimeOrigin::signed(alice.clone()), init.clone()),
			sp_runtime::DispatchError::BadOrigin
		);
		assert_noop!(
			crate::PeerBridge1::set_operating_mode(
				RuntimeOrigin::signed(alice.clone()),
				bp_runtime::BasicOperatingMode::Halted
			),
			sp_runtime::DispatchError::BadOrigin
		);
		assert!(
			pallet_bridge_grandpa::PalletOwner::<Runtime, pallet_bridge_grandpa::Instance1>::get()
				.is_none()
		);
		assert_noop!(
			crate::Recognition::register_peer(
				RuntimeOrigin::signed(alice),
				0,
				b"Shaanxi".to_vec().try_into().expect("short"),
				Default::default()
			),
			sp_runtime::DispatchError::BadOrigin
		);
		// Root (a council motion through `Consortium::enact`) does.
		assert_ok!(crate::PeerBridge0::initialize(RuntimeOrigin::root(), init));
	});
}
