//! Benchmarks of the recognition pallet. A proof's cost grows with its nodes: the benchmarks
//! prove a bar (and an anchor) whose trie path is `n` branch nodes deep, by giving the peer's
//! state a sibling key that leaves the path at each of its first `n` nibbles.

use super::*;
use alloc::vec::Vec;
use codec::Encode;
use frame_benchmarking::v2::*;
use frame_support::traits::Get;
use frame_system::RawOrigin;
use sp_trie::{LayoutV1, MemoryDB, Trie, TrieDBBuilder, TrieDBMutBuilder, TrieMut};

type Layout = LayoutV1<sp_runtime::traits::BlakeTwo256>;

/// A peer state holding `value` at `key` and, for each of the first `depth` nibbles of `key`,
/// a sibling key that differs there; its root and the proof of `key` (`depth + 1` nodes).
fn deep_state(key: &[u8], value: Vec<u8>, depth: u32) -> (H256, StorageProof) {
	let mut db = MemoryDB::<sp_runtime::traits::BlakeTwo256>::new(&[0u8]);
	let mut root = H256::zero();
	{
		let mut trie = TrieDBMutBuilder::<Layout>::new(&mut db, &mut root).build();
		let _ = trie.insert(key, &value);
		for nibble in 0..depth as usize {
			let mut sibling = key.to_vec();
			if let Some(byte) = sibling.get_mut(nibble / 2) {
				*byte ^= if nibble % 2 == 0 { 0x10 } else { 0x01 };
			}
			let _ = trie.insert(&sibling, &[0xee; 40]);
		}
	}
	let mut recorder = sp_trie::Recorder::<Layout>::new();
	{
		let trie = TrieDBBuilder::<Layout>::new(&db, &root).with_recorder(&mut recorder).build();
		let _ = trie.get(key);
	}
	let nodes: Vec<ProofNode> = recorder
		.drain()
		.into_iter()
		.filter_map(|record| ProofNode::try_from(record.data).ok())
		.collect();
	(root, StorageProof::truncate_from(nodes))
}

/// The peer in slot 0, registered.
fn register<T: Config>() {
	Peers::<T>::insert(
		0,
		Peer {
			name: BoundedVec::truncate_from(b"Shaanxi".to_vec()),
			genesis: H256::zero(),
			generation: 1,
			since: 0,
		},
	);
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn register_peer() {
		Peers::<T>::remove(0);
		let name = BoundedVec::truncate_from(b"Shaanxi".to_vec());
		#[extrinsic_call]
		_(RawOrigin::Root, 0, name, H256::zero());
		assert!(Peers::<T>::contains_key(0));
	}

	#[benchmark]
	fn remove_peer() {
		register::<T>();
		#[extrinsic_call]
		_(RawOrigin::Root, 0);
		assert!(!Peers::<T>::contains_key(0));
	}

	/// A bar in force there.
	#[benchmark]
	fn recognise_bar(n: Linear<1, 60>) {
		register::<T>();
		let identity = H256::repeat_byte(0xc0);
		let key = pallet_certificates::Bars::<T>::hashed_key_for(identity, Bar::Bidding);
		let entry = pallet_certificates::BarEntry { until: u64::MAX, record: 1 };
		let (root, proof) = deep_state(&key, entry.encode(), n);
		let header = <T as Config>::BenchmarkHelper::import_finalized(0, root, 1);
		let caller: T::AccountId = whitelisted_caller();
		let fresh = Evidence { header, block: 1 };
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), 0, header, identity, Bar::Bidding, proof);
		assert_eq!(
			PeerBars::<T>::get((identity, Bar::Bidding), 0).map(|b| b.evidence),
			Some(fresh)
		);
	}

	#[benchmark]
	fn recognise_anchor(n: Linear<1, 60>) {
		register::<T>();
		let document = H256::repeat_byte(0xd0);
		let key = pallet_notary::Anchors::<T>::hashed_key_for(document);
		let anchor = pallet_notary::Anchor::<
			T::AccountId,
			frame_system::pallet_prelude::BlockNumberFor<T>,
		> {
			document_type: pallet_notary::DocumentType::AwardNotice,
			tender: Some(1),
			issuer: whitelisted_caller(),
			block: Default::default(),
			time: 1,
			documents: 1,
			supersedes: None,
			superseded_by: None,
			role: None,
		};
		let (root, proof) = deep_state(&key, anchor.encode(), n);
		let header = <T as Config>::BenchmarkHelper::import_finalized(0, root, 1);
		let caller: T::AccountId = whitelisted_caller();
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), 0, header, document, proof);
		assert!(PeerAnchors::<T>::contains_key(0, document));
	}

	#[benchmark]
	fn disregard_bar() {
		register::<T>();
		let identity = H256::repeat_byte(0xc0);
		PeerBars::<T>::insert(
			(identity, Bar::Bidding),
			0,
			PeerBar {
				until: Some(u64::MAX),
				record: 1,
				evidence: Evidence { header: H256::zero(), block: 1 },
				generation: 1,
				disregarded: false,
			},
		);
		#[extrinsic_call]
		_(RawOrigin::Root, 0, identity, Bar::Bidding);
		assert!(PeerBars::<T>::get((identity, Bar::Bidding), 0).is_some_and(|b| b.disregarded));
	}

	#[benchmark]
	fn recognise_authority() {
		register::<T>();
		#[extrinsic_call]
		_(RawOrigin::Root, 0, 5, 100);
		assert_eq!(PeerAuthorities::<T>::get(0, 5).map(|a| a.quota), Some(100));
	}

	#[benchmark]
	fn disregard_authority() {
		register::<T>();
		PeerAuthorities::<T>::insert(
			0,
			5,
			PeerAuthority { generation: 1, quota: 100, used: 0, recognised: true },
		);
		#[extrinsic_call]
		_(RawOrigin::Root, 0, 5);
		assert!(PeerAuthorities::<T>::get(0, 5).is_some_and(|a| !a.recognised));
	}

	/// The worst case: a certificate of another CA recognised before (read, compared and given
	/// back to its CA's quota), replaced by a newer proof of a certificate with the longest
	/// name (counted against its CA's quota).
	#[benchmark]
	fn recognise_certificate(n: Linear<1, 60>) {
		register::<T>();
		for ca in [5, 6] {
			let authority = PeerAuthority { generation: 1, quota: 100, used: 1, recognised: true };
			PeerAuthorities::<T>::insert(0, ca, authority);
		}
		let account: T::AccountId = account("bidder", 0, 0);
		let max_name = <T as pallet_certificates::Config>::MaxNameLen::get() as usize;
		let certificate = pallet_certificates::CertificateOf::<T> {
			authority: 5,
			serial: 1,
			identity_hash: H256::repeat_byte(0xc0),
			name: BoundedVec::truncate_from(alloc::vec![b'x'; max_name]),
			roles: pallet_certificates::Roles::of(&[pallet_certificates::Role::Bidder]),
			city: BoundedVec::truncate_from(b"XA".to_vec()),
			valid_from: 0,
			valid_until: u64::MAX,
			revoked_at: None,
		};
		PeerCertificates::<T>::insert(
			&account,
			PeerCertificate {
				slot: 0,
				certificate: pallet_certificates::CertificateOf::<T> {
					authority: 6,
					..certificate.clone()
				},
				evidence: Evidence { header: H256::zero(), block: 1 },
				generation: 1,
				recognised_at: 0,
				withdrawn: false,
			},
		);
		let key = pallet_certificates::Certificates::<T>::hashed_key_for(&account);
		let (root, proof) = deep_state(&key, certificate.encode(), n);
		let header = <T as Config>::BenchmarkHelper::import_finalized(0, root, 2);
		let caller: T::AccountId = whitelisted_caller();
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), 0, header, account.clone(), proof);
		assert_eq!(
			PeerCertificates::<T>::get(&account).map(|c| c.evidence),
			Some(Evidence { header, block: 2 })
		);
		assert_eq!(PeerAuthorities::<T>::get(0, 5).map(|a| a.used), Some(2));
		assert_eq!(PeerAuthorities::<T>::get(0, 6).map(|a| a.used), Some(0));
	}

	#[benchmark]
	fn withdraw_certificate() {
		let authority = PeerAuthority { generation: 1, quota: 100, used: 1, recognised: true };
		PeerAuthorities::<T>::insert(0, 5, authority);
		let account: T::AccountId = account("bidder", 0, 0);
		PeerCertificates::<T>::insert(
			&account,
			PeerCertificate {
				slot: 0,
				certificate: pallet_certificates::CertificateOf::<T> {
					authority: 5,
					serial: 1,
					identity_hash: H256::repeat_byte(0xc0),
					name: BoundedVec::truncate_from(b"x".to_vec()),
					roles: pallet_certificates::Roles::of(&[pallet_certificates::Role::Bidder]),
					city: BoundedVec::truncate_from(b"XA".to_vec()),
					valid_from: 0,
					valid_until: u64::MAX,
					revoked_at: None,
				},
				evidence: Evidence { header: H256::zero(), block: 1 },
				generation: 1,
				recognised_at: 0,
				withdrawn: false,
			},
		);
		#[extrinsic_call]
		_(RawOrigin::Root, account.clone());
		assert!(PeerCertificates::<T>::get(&account).is_some_and(|c| c.withdrawn));
		assert_eq!(PeerAuthorities::<T>::get(0, 5).map(|a| a.used), Some(0));
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
