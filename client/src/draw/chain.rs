//! Reading what a draw needs from the chain: the draw, the pool, the eligible sets, what a
//! tender's draw must avoid, and the cities.

use std::collections::BTreeSet;

use anyhow::{anyhow, Context, Result};
use subxt::utils::AccountId32;

use super::replay::Avoid;
use crate::chain::{read, read_map, tenderchain, try_read};
use tenderchain::runtime_types::pallet_expert_draw::types::{Draw, PoolEntry};

/// Entries per pool page (pallet-expert-draw `PAGE_SIZE`).
const PAGE_SIZE: u32 = 256;

pub use crate::chain::At;

/// Draw `draw`, or says plainly that there is none.
pub async fn draw_record(at: &At, draw: u64) -> Result<Draw<u32>> {
	Ok(try_read(at, tenderchain::storage().expert_draw().draws(), (draw,))
		.await?
		.ok_or_else(|| anyhow!("there is no draw {draw} on this chain"))?)
}

/// The whole expert pool, page by page, in entry order.
pub async fn pool(at: &At) -> Result<Vec<PoolEntry>> {
	let size = read(at, tenderchain::storage().expert_draw().pool_size(), ()).await?;
	let mut entries = Vec::with_capacity(size as usize);
	for page in 0..size.div_ceil(PAGE_SIZE) {
		let page = read(at, tenderchain::storage().expert_draw().pool_pages(), (page,)).await?;
		entries.extend(page.0);
	}
	Ok(entries)
}

/// The eligible set the chain stored for line `line` of draw `draw`.
pub async fn eligible_set(at: &At, draw: u64, line: u32) -> Result<Vec<u32>> {
	Ok(read(at, tenderchain::storage().expert_draw().eligible_sets(), (draw, line)).await?.0)
}

/// The tenderer's and bidders' identities and cities, the committee and recent picks, as
/// stored at `at`.
pub async fn avoidance(at: &At, tender: u64) -> Result<Avoid> {
	let t = try_read(at, tenderchain::storage().tendering().tenders(), (tender,))
		.await?
		.ok_or_else(|| anyhow!("there is no tender {tender}"))?;
	let certificate = |who: AccountId32| {
		try_read(at, tenderchain::storage().certificates().certificates(), (who,))
	};
	let mut avoid = Avoid {
		host: t.city.0.clone(),
		tenderer_city: None,
		employers: BTreeSet::new(),
		entries: BTreeSet::new(),
	};
	let owner = certificate(t.owner.clone()).await?;
	if let Some(c) = &owner {
		avoid.tenderer_city = Some(c.city.0.clone());
		avoid.employers.insert(c.identity_hash.0);
	}
	let mut bids =
		at.storage().entry(tenderchain::storage().tendering().bids())?.iter((tender,)).await?;
	while let Some(bid) = bids.next().await {
		let bid = bid?;
		let bidder =
			bid.key()?.part(1).context("no bidder in the key")?.decode_as::<AccountId32>()?;
		if let Some(bidder) = bidder {
			if let Some(c) = certificate(bidder).await? {
				avoid.employers.insert(c.identity_hash.0);
			}
		}
	}
	let seats = read(at, tenderchain::storage().expert_draw().committees(), (tender,)).await?;
	avoid.entries.extend(seats.0.iter().map(|s| s.entry));
	if let Some(c) = owner {
		let recent =
			read(at, tenderchain::storage().expert_draw().recent_picks(), (c.identity_hash,))
				.await?;
		for picks in recent.0 {
			avoid.entries.extend(picks.0);
		}
	}
	Ok(avoid)
}

/// The consortium's city codes, sorted.
pub async fn cities(at: &At) -> Result<Vec<Vec<u8>>> {
	let cities = read_map(at, tenderchain::storage().consortium().cities()).await?;
	let mut codes: Vec<Vec<u8>> = cities.into_iter().map(|((code,), _)| code.0).collect();
	codes.sort();
	Ok(codes)
}
