//! Reading what a draw needs from the chain: the draw, the pool, the eligible sets, what a
//! tender's draw must avoid, and the cities.

use std::collections::{BTreeMap, BTreeSet};

use anyhow::{anyhow, Result};
use subxt::utils::{AccountId32, H256};

use super::replay::Avoid;
use crate::chain::{read, read_map, tenderchain, try_read};
use tenderchain::runtime_types::{
	pallet_expert_draw::types::{Draw, PoolEntry},
	pallet_tendering::types::Tender,
};

/// Entries per pool page (pallet-expert-draw `PAGE_SIZE`).
const PAGE_SIZE: u32 = 256;

pub use crate::chain::At;

/// Draw `draw`, or says plainly that there is none.
pub async fn draw_record(at: &At, draw: u64) -> Result<Draw<u32>> {
	try_read(at, tenderchain::storage().expert_draw().draws(), (draw,))
		.await?
		.ok_or_else(|| anyhow!("there is no draw {draw} on this chain"))
}

/// The whole expert pool, page by page, in entry order.
pub async fn pool(at: &At) -> Result<Vec<PoolEntry<u32>>> {
	let size = read(at, tenderchain::storage().expert_draw().pool_size(), ()).await?;
	let mut entries = Vec::with_capacity(size as usize);
	for page in 0..size.div_ceil(PAGE_SIZE) {
		let page = read(at, tenderchain::storage().expert_draw().pool_pages(), (page,)).await?;
		entries.extend(page.0);
	}
	Ok(entries)
}

/// Pool entry `entry`, or says plainly that there is none.
pub async fn pool_entry(at: &At, entry: u32) -> Result<PoolEntry<u32>> {
	let size = read(at, tenderchain::storage().expert_draw().pool_size(), ()).await?;
	let page =
		read(at, tenderchain::storage().expert_draw().pool_pages(), (entry / PAGE_SIZE,)).await?;
	page.0.into_iter().nth((entry % PAGE_SIZE) as usize).filter(|_| entry < size).ok_or_else(|| {
		anyhow!(
			"there is no pool entry {entry}: the pool has {size} entries (see `tender expert \
			 pool-list`)"
		)
	})
}

/// The eligible set the chain stored for line `line` of draw `draw`.
pub async fn eligible_set(at: &At, draw: u64, line: u32) -> Result<Vec<u32>> {
	Ok(read(at, tenderchain::storage().expert_draw().eligible_sets(), (draw, line)).await?.0)
}

/// What a draw for `tender` must avoid as stored at `at`: the host city, the tenderer's city
/// (from its certificate), the committee's entries and the tenderer's recent picks (by the
/// identity under which the chain remembers them: the principal's for an agency's tender).
pub async fn avoidance(at: &At, tender: u64) -> Result<Avoid> {
	let t = try_read(at, tenderchain::storage().tendering().tenders(), (tender,))
		.await?
		.ok_or_else(|| anyhow!("there is no tender {tender}"))?;
	let owner =
		try_read(at, tenderchain::storage().certificates().certificates(), (t.owner,)).await?;
	let principal_city = match &t.principal {
		Some(principal) => {
			try_read(at, tenderchain::storage().certificates().certificates(), (*principal,))
				.await?
				.map(|c| c.city.0)
		},
		None => None,
	};
	let mut avoid = Avoid {
		host: t.city.0.clone(),
		tenderer_city: owner.as_ref().map(|c| c.city.0.clone()),
		principal_city,
		entries: BTreeSet::new(),
	};
	let seats = read(at, tenderchain::storage().expert_draw().committees(), (tender,)).await?;
	avoid.entries.extend(seats.0.iter().map(|s| s.entry));
	let identity = match tenderer_identity(at, &t).await? {
		Some(identity) => Some(identity),
		None => owner.map(|c| c.identity_hash),
	};
	if let Some(identity) = identity {
		let recent =
			read(at, tenderchain::storage().expert_draw().recent_picks(), (identity,)).await?;
		for (_, picks) in recent.0 {
			avoid.entries.extend(picks.0);
		}
	}
	Ok(avoid)
}

/// The identity of an agency's tender's principal tenderer (its certificate's, recorded at
/// publication), as the chain uses it for avoidance and recent picks; `None` for a tender its
/// tenderer published itself.
pub async fn tenderer_identity(at: &At, t: &Tender<AccountId32>) -> Result<Option<H256>> {
	let _ = at;
	Ok(t.principal_identity)
}

/// The entries with a seat drawn for them still waiting for its expert at `at` (the chain's
/// `WaitingEntries` bits, page by page): they are in no new eligible set.
pub async fn waiting_entries(at: &At, pool_size: u32) -> Result<BTreeSet<u32>> {
	let mut waiting = BTreeSet::new();
	for page in 0..pool_size.div_ceil(PAGE_SIZE) {
		let Some(bits) =
			try_read(at, tenderchain::storage().expert_draw().waiting_entries(), (page,)).await?
		else {
			continue;
		};
		for i in 0..PAGE_SIZE {
			if bits[(i / 8) as usize] & (1u8 << (i % 8)) != 0 {
				waiting.insert(page * PAGE_SIZE + i);
			}
		}
	}
	Ok(waiting)
}

/// The entries with a seat drawn for them still waiting for its expert at `at` (the chain's
/// `PendingSeats` counts), among `entries`.
pub async fn pending_seats(at: &At, entries: &[u32]) -> Result<BTreeSet<u32>> {
	let mut pending = BTreeSet::new();
	for e in entries {
		if read(at, tenderchain::storage().expert_draw().pending_seats(), (*e,)).await? > 0 {
			pending.insert(*e);
		}
	}
	Ok(pending)
}

/// Every city's draw key as registered at `at`, by city code.
pub async fn draw_keys(at: &At) -> Result<BTreeMap<Vec<u8>, [u8; 32]>> {
	let keys = read_map(at, tenderchain::storage().expert_draw().draw_keys()).await?;
	Ok(keys.into_iter().map(|((city,), key)| (city.0, key)).collect())
}

/// The consortium's city codes, sorted.
pub async fn cities(at: &At) -> Result<Vec<Vec<u8>>> {
	let cities = read_map(at, tenderchain::storage().consortium().cities()).await?;
	let mut codes: Vec<Vec<u8>> = cities.into_iter().map(|((code,), _)| code.0).collect();
	codes.sort();
	Ok(codes)
}
