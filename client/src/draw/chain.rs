//! Reading what a draw needs from the chain: the draw, the pool, the eligible sets, what a
//! tender's draw must avoid, and the cities.

use std::collections::BTreeSet;

use anyhow::{anyhow, Context, Result};
use subxt::utils::AccountId32;

use super::replay::Avoid;
use crate::chain::{tenderchain, Config};
use tenderchain::runtime_types::{
	bounded_collections::bounded_vec::BoundedVec,
	pallet_expert_draw::types::{Draw, PoolEntry},
};

/// Entries per pool page (pallet-expert-draw `PAGE_SIZE`).
const PAGE_SIZE: u32 = 256;

/// The chain's state at one block.
pub type At = subxt::client::OnlineClientAtBlock<Config>;

/// Draw `draw`, or says plainly that there is none.
pub async fn draw_record(at: &At, draw: u64) -> Result<Draw<u32>> {
	Ok(at
		.storage()
		.entry(tenderchain::storage().expert_draw().draws())?
		.try_fetch((draw,))
		.await?
		.ok_or_else(|| anyhow!("there is no draw {draw} on this chain"))?
		.decode()?)
}

/// The whole expert pool, page by page, in entry order.
pub async fn pool(at: &At) -> Result<Vec<PoolEntry>> {
	let size = at
		.storage()
		.entry(tenderchain::storage().expert_draw().pool_size())?
		.fetch(())
		.await?
		.decode()?;
	let mut entries = Vec::with_capacity(size as usize);
	for page in 0..size.div_ceil(PAGE_SIZE) {
		let page = at
			.storage()
			.entry(tenderchain::storage().expert_draw().pool_pages())?
			.fetch((page,))
			.await?
			.decode()?;
		entries.extend(page.0);
	}
	Ok(entries)
}

/// The eligible set the chain stored for line `line` of draw `draw`.
pub async fn eligible_set(at: &At, draw: u64, line: u32) -> Result<Vec<u32>> {
	Ok(at
		.storage()
		.entry(tenderchain::storage().expert_draw().eligible_sets())?
		.fetch((draw, line))
		.await?
		.decode()?
		.0)
}

/// The tenderer's and bidders' identities and cities, the committee and recent picks, as
/// stored at `at`.
pub async fn avoidance(at: &At, tender: u64) -> Result<Avoid> {
	let t = at
		.storage()
		.entry(tenderchain::storage().tendering().tenders())?
		.try_fetch((tender,))
		.await?
		.ok_or_else(|| anyhow!("there is no tender {tender}"))?
		.decode()?;
	let certificate = |who: AccountId32| async move {
		let c = at
			.storage()
			.entry(tenderchain::storage().certificates().certificates())?
			.try_fetch((who,))
			.await?;
		anyhow::Ok(match c {
			Some(c) => Some(c.decode()?),
			None => None,
		})
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
	let seats = at
		.storage()
		.entry(tenderchain::storage().expert_draw().committees())?
		.fetch((tender,))
		.await?
		.decode()?;
	avoid.entries.extend(seats.0.iter().map(|s| s.entry));
	if let Some(c) = owner {
		let recent = at
			.storage()
			.entry(tenderchain::storage().expert_draw().recent_picks())?
			.fetch((c.identity_hash,))
			.await?
			.decode()?;
		for picks in recent.0 {
			avoid.entries.extend(picks.0);
		}
	}
	Ok(avoid)
}

/// The consortium's city codes, sorted.
pub async fn cities(at: &At) -> Result<Vec<Vec<u8>>> {
	let mut codes = Vec::new();
	let mut entries =
		at.storage().entry(tenderchain::storage().consortium().cities())?.iter(()).await?;
	while let Some(entry) = entries.next().await {
		let entry = entry?;
		if let Some(code) =
			entry.key()?.part(0).context("no city in the key")?.decode_as::<BoundedVec<u8>>()?
		{
			codes.push(code.0);
		}
	}
	codes.sort();
	Ok(codes)
}
