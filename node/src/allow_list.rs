//! The node allow-list: validators connect only to the admitted cities' nodes.
//!
//! The list itself is on chain: `pallet-node-authorization`'s well-known nodes, which the
//! consortium pallet keeps equal to the peer ids in the city register (changed only by council
//! motions, or by a city replacing its own node). This task reads the list from the state of
//! every finalized block and gives it to the network as the reserved peers of the block-sync
//! protocol:
//!
//! - a **validator** whose own peer id is on the list accepts no other peer (reserved-only);
//! - a **full node** on the list keeps the validators as reserved peers but stays open to
//!   everyone else: it is the node auditors' light clients and RPC users connect to;
//! - a node **not on the list** (yet) changes nothing. It stays open, so that a newly admitted
//!   city's node can sync as soon as the validators accept it.
//!
//! Why not the pallet's offchain worker, which does the same at every new best block: while a
//! new node syncs from genesis it would apply the list of blocks from before its own admission,
//! in which it is absent, shut itself off, and never catch up. Reading finalized state only
//! also means that no fork can lock a city out.

use std::{
	collections::{BTreeSet, HashSet},
	sync::Arc,
};

use codec::Decode;
use futures::StreamExt;
use sc_client_api::{BlockchainEvents, StorageProvider};
use sc_network::service::traits::NetworkService;
use sc_network_types::PeerId;
use sp_blockchain::HeaderBackend;
use sp_core::storage::StorageKey;
use sp_io::hashing::twox_128;
use tenderchain_runtime::opaque::Block;

use crate::service::FullClient;

const LOG_TARGET: &str = "allow-list";

/// The storage key of `NodeAuthorization::WellKnownNodes`.
fn well_known_nodes_key() -> StorageKey {
	let mut key = twox_128(b"NodeAuthorization").to_vec();
	key.extend(twox_128(b"WellKnownNodes"));
	StorageKey(key)
}

/// The admitted peer ids in the state at `hash`. Entries that are not valid peer ids are
/// skipped (and logged): the chain checks only their length.
fn admitted_peers(
	client: &FullClient,
	hash: <Block as sp_runtime::traits::Block>::Hash,
) -> Option<HashSet<PeerId>> {
	let data = match client.storage(hash, &well_known_nodes_key()) {
		Ok(data) => data,
		Err(e) => {
			log::warn!(target: LOG_TARGET, "cannot read the allow-list at {hash}: {e}");
			return None;
		},
	};
	let raw: BTreeSet<Vec<u8>> = match data {
		Some(data) => match Decode::decode(&mut &data.0[..]) {
			Ok(raw) => raw,
			Err(e) => {
				log::warn!(target: LOG_TARGET, "cannot decode the allow-list at {hash}: {e}");
				return None;
			},
		},
		None => BTreeSet::new(),
	};
	Some(
		raw.into_iter()
			.filter_map(|bytes| match PeerId::from_bytes(&bytes) {
				Ok(peer) => Some(peer),
				Err(_) => {
					log::warn!(target: LOG_TARGET, "skipping an allow-list entry that is not a peer id: 0x{}", hex(&bytes));
					None
				},
			})
			.collect(),
	)
}

fn hex(bytes: &[u8]) -> String {
	bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Applies the allow-list at every finalized block, for as long as the node runs.
pub async fn run(client: Arc<FullClient>, network: Arc<dyn NetworkService>, is_validator: bool) {
	let local = network.local_peer_id();
	let mut finalized = client.finality_notification_stream();
	let mut applied: Option<HashSet<PeerId>> = None;
	let mut apply = |hash| {
		let Some(admitted) = admitted_peers(&client, hash) else { return };
		if applied.as_ref() == Some(&admitted) {
			return;
		}
		if admitted.contains(&local) {
			let others: HashSet<PeerId> =
				admitted.iter().filter(|p| **p != local).copied().collect();
			network.set_authorized_peers(others.clone());
			network.set_authorized_only(is_validator);
			log::info!(
				target: LOG_TARGET,
				"this node is admitted; {} other admitted nodes{}",
				others.len(),
				if is_validator { ", no other peers accepted" } else { "; open to other peers (full node)" },
			);
		} else {
			network.set_authorized_peers(HashSet::new());
			network.set_authorized_only(false);
			log::info!(
				target: LOG_TARGET,
				"this node ({local}) is not on the chain's allow-list; admitted validators will not accept it",
			);
		}
		applied = Some(admitted);
	};
	apply(client.info().finalized_hash);
	while let Some(notification) = finalized.next().await {
		apply(notification.hash);
	}
}
