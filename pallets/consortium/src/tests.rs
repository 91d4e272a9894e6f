//! The rules of the consortium, one test each: the register, council motions, the validator set
//! and the node allow-list.

use crate::{mock::*, Cities, CityId, CityOfPeer, Error, Event, ValidatorSetChanged};
use codec::Encode;
use frame_support::{assert_noop, assert_ok, dispatch::GetDispatchInfo, weights::Weight};
use sp_core::OpaquePeerId;
use sp_runtime::DispatchError;

fn city_id(code: &[u8]) -> CityId {
	code.to_vec().try_into().expect("short test id")
}

/// `bytes` as a bounded call argument.
fn bounded<S: frame_support::traits::Get<u32>>(bytes: Vec<u8>) -> frame_support::BoundedVec<u8, S> {
	bytes.try_into().expect("within the test bound")
}

/// Peer ids as `admit_city`'s bounded argument.
fn peers(
	list: Vec<Vec<u8>>,
) -> frame_support::BoundedVec<crate::PeerId, frame_support::traits::ConstU32<2>> {
	list.into_iter().map(bounded).collect::<Vec<_>>().try_into().expect("at most two peers")
}

/// The origin of a council motion carried by `ayes` of `of` members.
fn council(ayes: u32, of: u32) -> RuntimeOrigin {
	pallet_collective::RawOrigin::<u64, CouncilInstance>::Members(ayes, of).into()
}

fn admit_jiuquan_call() -> RuntimeCall {
	RuntimeCall::Consortium(crate::Call::admit_city {
		id: city_id(b"JQ"),
		name: bounded(b"Jiuquan".to_vec()),
		province: bounded(b"Gansu".to_vec()),
		trading_centre: JIUQUAN,
		session_keys: keys(4),
		proof: Default::default(),
		peers: peers(vec![peer(4)]),
	})
}

fn admit_jiuquan() -> frame_support::dispatch::DispatchResult {
	admit_with(|_| ())
}

fn well_known(n: u8) -> bool {
	pallet_node_authorization::WellKnownNodes::<Test>::get().contains(&OpaquePeerId(peer(n)))
}

/// A motion on the council: its hash, and what closing it takes (the call's weight and length).
struct Motion {
	hash: sp_core::H256,
	weight: Weight,
	length: u32,
}

/// Baiyin's motion to admit Jiuquan, with a threshold of two and Baiyin's aye (as `tender
/// consortium propose-admit` makes it); motion 0.
fn propose_jiuquan() -> Motion {
	let call = admit_jiuquan_call();
	let weight = call.get_dispatch_info().call_weight;
	let length = call.encoded_size() as u32;
	let motion = Motion { hash: propose(BAIYIN, 2, call), weight, length };
	assert_ok!(vote(BAIYIN, &motion, true));
	motion
}

/// `who` votes on motion 0.
fn vote(
	who: u64,
	motion: &Motion,
	aye: bool,
) -> frame_support::dispatch::DispatchResultWithPostInfo {
	Council::vote(RuntimeOrigin::signed(who), motion.hash, 0, aye)
}

/// `who` closes motion 0.
fn close(who: u64, motion: &Motion) -> frame_support::dispatch::DispatchResultWithPostInfo {
	Council::close(RuntimeOrigin::signed(who), motion.hash, 0, motion.weight, motion.length)
}

/// Proposes `call` as `proposer` with threshold `threshold`, and returns the motion's hash.
fn propose(proposer: u64, threshold: u32, call: RuntimeCall) -> sp_core::H256 {
	let length = call.encoded_size() as u32;
	let hash = <Test as frame_system::Config>::Hashing::hash_of(&call);
	assert_ok!(Council::propose(
		RuntimeOrigin::signed(proposer),
		threshold,
		Box::new(call),
		length
	));
	hash
}

use sp_runtime::traits::Hash as _;

#[test]
fn genesis_registers_cities_council_validators_and_allow_list() {
	new_test_ext().execute_with(|| {
		assert_eq!(Cities::<Test>::count(), 3);
		let baiyin = Cities::<Test>::get(city_id(b"BY")).expect("Baiyin is admitted");
		assert_eq!(baiyin.name.to_vec(), b"Baiyin".to_vec());
		assert_eq!(baiyin.province.to_vec(), b"Gansu".to_vec());
		assert_eq!(baiyin.trading_centre, BAIYIN);
		assert_eq!(baiyin.session_keys.to_vec(), keys(1).encode());
		assert_eq!(baiyin.peers.iter().map(|p| p.to_vec()).collect::<Vec<_>>(), vec![peer(1)]);
		assert_eq!(pallet_collective::Members::<Test, CouncilInstance>::get(), vec![1, 2, 3]);
		assert_eq!(Session::validators(), vec![BAIYIN, LANZHOU, TIANSHUI]);
		assert!(well_known(1) && well_known(2) && well_known(3));
		assert_eq!(
			CityOfPeer::<Test>::get(crate::PeerId::try_from(peer(2)).unwrap()),
			Some(city_id(b"LZ"))
		);
	});
}

#[test]
fn trading_centre_and_city_look_each_other_up() {
	new_test_ext().execute_with(|| {
		assert_eq!(Consortium::trading_centre_of(&city_id(b"LZ")), Some(LANZHOU));
		assert_eq!(Consortium::city_of_trading_centre(&TIANSHUI), Some(city_id(b"TS")));
		assert_eq!(Consortium::trading_centre_of(&city_id(b"JQ")), None);
		assert_eq!(Consortium::city_of_trading_centre(&STRANGER), None);
	});
}

#[test]
fn trading_centres_can_sign_without_a_currency() {
	// A provider reference makes the account exist, which the nonce check requires.
	new_test_ext().execute_with(|| {
		for account in [BAIYIN, LANZHOU, TIANSHUI] {
			assert!(System::providers(&account) >= 1);
		}
		assert_eq!(System::providers(&STRANGER), 0);
	});
}

#[test]
fn a_council_motion_with_two_thirds_admits_a_city() {
	new_test_ext().execute_with(|| {
		let motion = propose_jiuquan();
		assert_ok!(vote(LANZHOU, &motion, true));
		assert_ok!(close(TIANSHUI, &motion));

		let jiuquan = Cities::<Test>::get(city_id(b"JQ")).expect("Jiuquan is admitted");
		assert_eq!(jiuquan.trading_centre, JIUQUAN);
		assert_eq!(pallet_collective::Members::<Test, CouncilInstance>::get(), vec![1, 2, 3, 4]);
		assert_eq!(pallet_session::NextKeys::<Test>::get(JIUQUAN), Some(keys(4)));
		assert!(well_known(4));
		assert_eq!(
			pallet_node_authorization::Owners::<Test>::get(OpaquePeerId(peer(4))),
			Some(JIUQUAN)
		);
		assert!(ValidatorSetChanged::<Test>::get());
		System::assert_has_event(
			Event::CityAdmitted { city: city_id(b"JQ"), trading_centre: JIUQUAN }.into(),
		);
	});
}

#[test]
fn a_motion_closed_without_a_majority_changes_nothing() {
	new_test_ext().execute_with(|| {
		let motion = propose_jiuquan();
		assert_ok!(vote(LANZHOU, &motion, false));
		// Before the voting period ends, one aye of three cannot be closed.
		assert_noop!(
			close(TIANSHUI, &motion),
			pallet_collective::Error::<Test, CouncilInstance>::TooEarly
		);
		System::set_block_number(20);
		assert_ok!(close(TIANSHUI, &motion));
		System::assert_has_event(
			pallet_collective::Event::<Test, CouncilInstance>::Disapproved {
				proposal_hash: motion.hash,
			}
			.into(),
		);
		assert!(Cities::<Test>::get(city_id(b"JQ")).is_none());
		assert_eq!(pallet_collective::Members::<Test, CouncilInstance>::get(), vec![1, 2, 3]);
		assert!(!well_known(4));
	});
}

#[test]
fn a_non_member_cannot_propose() {
	new_test_ext().execute_with(|| {
		let call = admit_jiuquan_call();
		let length = call.encoded_size() as u32;
		assert_noop!(
			Council::propose(RuntimeOrigin::signed(STRANGER), 2, Box::new(call), length),
			pallet_collective::Error::<Test, CouncilInstance>::NotMember
		);
	});
}

#[test]
fn a_single_city_or_a_third_of_the_council_cannot_admit() {
	new_test_ext().execute_with(|| {
		assert_noop!(admit_from(RuntimeOrigin::signed(BAIYIN), |_| ()), DispatchError::BadOrigin);
		assert_noop!(admit_from(council(1, 3), |_| ()), DispatchError::BadOrigin);
	});
}

/// `admit_city` from the consortium with everything valid except what `change` alters.
fn admit_with(
	change: impl FnOnce(&mut (Vec<u8>, u64, u64, Vec<Vec<u8>>)),
) -> frame_support::dispatch::DispatchResult {
	admit_from(council(2, 3), change)
}

/// `admit_city` from `origin` with Jiuquan's id, account, keys (4) and peer (4), but for what
/// `change` alters.
fn admit_from(
	origin: RuntimeOrigin,
	change: impl FnOnce(&mut (Vec<u8>, u64, u64, Vec<Vec<u8>>)),
) -> frame_support::dispatch::DispatchResult {
	let mut args = (b"JQ".to_vec(), JIUQUAN, 4u64, vec![peer(4)]);
	change(&mut args);
	let (id, account, key, list) = args;
	Consortium::admit_city(
		origin,
		bounded(id),
		bounded(b"Jiuquan".to_vec()),
		bounded(b"Gansu".to_vec()),
		account,
		keys(key),
		Default::default(),
		peers(list),
	)
}

#[test]
fn admission_refuses_each_bad_input_by_name() {
	new_test_ext().execute_with(|| {
		assert_noop!(admit_with(|a| a.0 = b"BY".to_vec()), Error::<Test>::CityIdTaken);
		assert_noop!(admit_with(|a| a.0 = Vec::new()), Error::<Test>::InvalidCityId);
		// Longer ids (17 bytes), more peers than `MaxPeersPerCity` and longer peer ids do not
		// decode: the call's arguments are bounded.
		assert_noop!(admit_with(|a| a.1 = LANZHOU), Error::<Test>::TradingCentreTaken);
		assert_noop!(admit_with(|a| a.2 = 2), Error::<Test>::SessionKeysInUse);
		assert_noop!(admit_with(|a| a.3 = vec![peer(1)]), Error::<Test>::PeerIdInUse);
		assert_noop!(admit_with(|a| a.3 = vec![peer(4), peer(4)]), Error::<Test>::PeerIdInUse);
		assert_noop!(admit_with(|a| a.3 = Vec::new()), Error::<Test>::NoPeerIds);
		assert_noop!(admit_with(|a| a.3 = vec![Vec::new()]), Error::<Test>::InvalidPeerId);
		assert_noop!(
			Consortium::admit_city(
				council(2, 3),
				city_id(b"JQ"),
				Default::default(),
				bounded(b"Gansu".to_vec()),
				JIUQUAN,
				keys(4),
				Default::default(),
				peers(vec![peer(4)]),
			),
			Error::<Test>::InvalidName
		);
	});
}

#[test]
fn admission_stops_at_max_cities() {
	new_test_ext().execute_with(|| {
		assert_ok!(admit_jiuquan());
		assert_ok!(admit_with(|a| *a = (b"ZY".to_vec(), 5, 5, vec![peer(5)])));
		assert_noop!(
			admit_with(|a| *a = (b"WW".to_vec(), 6, 6, vec![peer(6)])),
			Error::<Test>::TooManyCities
		);
	});
}

#[test]
fn the_validator_set_follows_admission_from_the_session_after_next() {
	new_test_ext().execute_with(|| {
		assert_ok!(admit_jiuquan());
		// The admission is queued at the next session boundary (block 5) and active from the
		// one after (block 10).
		run_to_block(5);
		assert_eq!(Session::validators(), vec![BAIYIN, LANZHOU, TIANSHUI]);
		assert!(!ValidatorSetChanged::<Test>::get());
		System::assert_has_event(
			// In city-id order: BY, JQ, LZ, TS.
			Event::ValidatorSetQueued { session: 2, validators: vec![1, 4, 2, 3] }.into(),
		);
		run_to_block(10);
		assert_eq!(Session::validators(), vec![BAIYIN, JIUQUAN, LANZHOU, TIANSHUI]);
	});
}

#[test]
fn sessions_without_a_change_keep_the_set() {
	new_test_ext().execute_with(|| {
		run_to_block(15);
		assert_eq!(Session::validators(), vec![BAIYIN, LANZHOU, TIANSHUI]);
		assert!(System::events().iter().all(|r| !matches!(
			r.event,
			RuntimeEvent::Consortium(Event::ValidatorSetQueued { .. })
		)));
	});
}

#[test]
fn removal_below_the_minimum_is_refused() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			Consortium::remove_city(council(2, 3), city_id(b"TS")),
			Error::<Test>::BelowMinimumValidators
		);
		assert_noop!(
			Consortium::remove_city(council(2, 3), city_id(b"XX")),
			Error::<Test>::UnknownCity
		);
		assert_noop!(
			Consortium::remove_city(RuntimeOrigin::signed(BAIYIN), city_id(b"TS")),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn removal_takes_the_city_off_council_allow_list_and_validator_set() {
	new_test_ext().execute_with(|| {
		assert_ok!(admit_jiuquan());
		run_to_block(10);
		assert_ok!(Consortium::remove_city(council(3, 4), city_id(b"TS")));
		assert!(Cities::<Test>::get(city_id(b"TS")).is_none());
		assert_eq!(Consortium::city_of_trading_centre(&TIANSHUI), None);
		assert_eq!(pallet_collective::Members::<Test, CouncilInstance>::get(), vec![1, 2, 4]);
		assert!(!well_known(3));
		assert_eq!(pallet_session::NextKeys::<Test>::get(TIANSHUI), None);
		System::assert_has_event(
			Event::CityRemoved { city: city_id(b"TS"), trading_centre: TIANSHUI }.into(),
		);
		// Tianshui still validates in the current session and the next; then it is gone.
		run_to_block(15);
		assert!(Session::validators().contains(&TIANSHUI));
		run_to_block(20);
		assert_eq!(Session::validators(), vec![BAIYIN, JIUQUAN, LANZHOU]);
		// Its keys and peer id are free for a new city.
		assert_ok!(admit_with(|a| *a = (b"TS".to_vec(), 7, 3, vec![peer(3)])));
	});
}

#[test]
fn a_trading_centre_rotates_its_own_session_keys() {
	new_test_ext().execute_with(|| {
		assert_ok!(Consortium::rotate_session_keys(
			RuntimeOrigin::signed(LANZHOU),
			keys(22),
			Default::default()
		));
		assert_eq!(pallet_session::NextKeys::<Test>::get(LANZHOU), Some(keys(22)));
		assert_eq!(
			Cities::<Test>::get(city_id(b"LZ")).expect("admitted").session_keys.to_vec(),
			keys(22).encode()
		);
		System::assert_has_event(Event::SessionKeysRotated { city: city_id(b"LZ") }.into());
		// The new keys are queued at the next session and active after it.
		run_to_block(10);
		assert_eq!(Session::validators(), vec![BAIYIN, LANZHOU, TIANSHUI]);
	});
}

#[test]
fn key_rotation_refuses_strangers_and_keys_in_use() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			Consortium::rotate_session_keys(
				RuntimeOrigin::signed(STRANGER),
				keys(9),
				Default::default()
			),
			Error::<Test>::NotATradingCentre
		);
		assert_noop!(
			Consortium::rotate_session_keys(
				RuntimeOrigin::signed(LANZHOU),
				keys(1),
				Default::default()
			),
			Error::<Test>::SessionKeysInUse
		);
		// Re-submitting one's own keys is allowed (nothing changes).
		assert_ok!(Consortium::rotate_session_keys(
			RuntimeOrigin::signed(LANZHOU),
			keys(2),
			Default::default()
		));
	});
}

#[test]
fn a_trading_centre_replaces_its_own_peer_id() {
	new_test_ext().execute_with(|| {
		assert_ok!(Consortium::replace_peer_id(
			RuntimeOrigin::signed(BAIYIN),
			bounded(peer(1)),
			bounded(peer(11))
		));
		assert!(!well_known(1) && well_known(11));
		assert_eq!(
			pallet_node_authorization::Owners::<Test>::get(OpaquePeerId(peer(11))),
			Some(BAIYIN)
		);
		let baiyin = Cities::<Test>::get(city_id(b"BY")).expect("admitted");
		assert_eq!(baiyin.peers.iter().map(|p| p.to_vec()).collect::<Vec<_>>(), vec![peer(11)]);
		assert_eq!(CityOfPeer::<Test>::get(crate::PeerId::try_from(peer(1)).unwrap()), None);
	});
}

#[test]
fn peer_id_replacement_refuses_others_peers_and_peers_in_use() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			Consortium::replace_peer_id(
				RuntimeOrigin::signed(BAIYIN),
				bounded(peer(2)),
				bounded(peer(12))
			),
			Error::<Test>::UnknownPeerId
		);
		assert_noop!(
			Consortium::replace_peer_id(
				RuntimeOrigin::signed(BAIYIN),
				bounded(peer(1)),
				bounded(peer(2))
			),
			Error::<Test>::PeerIdInUse
		);
		assert_noop!(
			Consortium::replace_peer_id(
				RuntimeOrigin::signed(STRANGER),
				bounded(peer(1)),
				bounded(peer(12))
			),
			Error::<Test>::NotATradingCentre
		);
		assert_noop!(
			Consortium::replace_peer_id(
				RuntimeOrigin::signed(BAIYIN),
				bounded(peer(1)),
				Default::default()
			),
			Error::<Test>::InvalidPeerId
		);
	});
}

#[test]
fn every_call_has_a_weight() {
	let call = admit_jiuquan_call();
	assert!(call.get_dispatch_info().call_weight.all_gt(Weight::zero()));
}

#[test]
fn the_council_enacts_root_calls_and_nobody_else_can() {
	new_test_ext().execute_with(|| {
		let set_storage = Box::new(RuntimeCall::System(frame_system::Call::set_storage {
			items: vec![(b":test:parameter".to_vec(), b"20 days".to_vec())],
		}));
		assert_noop!(
			Consortium::enact(RuntimeOrigin::signed(BAIYIN), set_storage.clone()),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Consortium::enact(council(1, 3), set_storage.clone()),
			DispatchError::BadOrigin
		);
		assert_ok!(Consortium::enact(council(2, 3), set_storage));
		assert_eq!(
			sp_io::storage::get(b":test:parameter").map(|v| v.to_vec()),
			Some(b"20 days".to_vec())
		);
		System::assert_has_event(Event::Enacted { result: Ok(()) }.into());
	});
}

/// A harmless motion, distinct for each `n`.
fn remark_motion(n: u32) -> RuntimeCall {
	RuntimeCall::Consortium(crate::Call::enact {
		call: Box::new(RuntimeCall::System(frame_system::Call::remark { remark: n.encode() })),
	})
}

#[test]
fn a_member_opens_at_most_its_share_of_motions() {
	new_test_ext().execute_with(|| {
		propose(BAIYIN, 2, remark_motion(0));
		propose(BAIYIN, 2, remark_motion(1));
		assert_eq!(crate::OpenProposals::<Test>::get(BAIYIN), Some(2));
		let call = remark_motion(2);
		let length = call.encoded_size() as u32;
		assert_noop!(
			Council::propose(RuntimeOrigin::signed(BAIYIN), 2, Box::new(call), length),
			Error::<Test>::TooManyOpenProposals
		);
		// The other cities keep their share of the queue.
		propose(LANZHOU, 2, remark_motion(2));
	});
}

#[test]
fn a_released_or_killed_motion_frees_its_slot() {
	new_test_ext().execute_with(|| {
		let first = propose(BAIYIN, 2, remark_motion(0));
		let second = propose(BAIYIN, 2, remark_motion(1));
		// Disapproved early: two nays of three leave fewer than two possible ayes.
		assert_ok!(Council::vote(RuntimeOrigin::signed(LANZHOU), first, 0, false));
		assert_ok!(Council::vote(RuntimeOrigin::signed(TIANSHUI), first, 0, false));
		assert_ok!(Council::close(RuntimeOrigin::signed(LANZHOU), first, 0, Weight::MAX, 1_000));
		// The slot is held until the ticket is given back (anyone may).
		assert_eq!(crate::OpenProposals::<Test>::get(BAIYIN), Some(2));
		assert_ok!(Council::release_proposal_cost(RuntimeOrigin::signed(STRANGER), first));
		assert_eq!(crate::OpenProposals::<Test>::get(BAIYIN), Some(1));
		// A killed motion frees its slot too; the entry goes with the last one.
		assert_ok!(Council::kill(RuntimeOrigin::root(), second));
		assert_eq!(crate::OpenProposals::<Test>::get(BAIYIN), None);
		propose(BAIYIN, 2, remark_motion(2));
	});
}
