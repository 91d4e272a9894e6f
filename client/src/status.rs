//! `tender status`: what a node knows of the chain right now.

use anyhow::{anyhow, Result};
use clap::Args;
use serde_json::json;

use crate::{
	chain::{read, read_map, tenderchain},
	ctx::Ctx,
	output,
};

/// `tender status` (it takes no arguments).
#[derive(Debug, Args)]
pub struct Command {}

/// Prints the node's best and finalized blocks, peers, validators and cities (as a JSON
/// document with `--json`).
pub async fn run(ctx: &Ctx, _cmd: Command) -> Result<()> {
	let node = ctx.node().await?;
	let url = &node.url;
	// Heads and health come from the node's plain RPC methods.
	let chain = node.rpc.system_chain().await.map_err(|e| anyhow!("{url}: system_chain: {e}"))?;
	let health =
		node.rpc.system_health().await.map_err(|e| anyhow!("{url}: system_health: {e}"))?;
	let best_hash = node
		.rpc
		.chain_get_block_hash(None)
		.await
		.map_err(|e| anyhow!("{url}: cannot read the best block: {e}"))?
		.ok_or_else(|| anyhow!("{url}: the node has no best block"))?;
	let best = node
		.rpc
		.chain_get_header(Some(best_hash))
		.await
		.map_err(|e| anyhow!("{url}: cannot read the best block: {e}"))?
		.ok_or_else(|| anyhow!("{url}: the node has no best block"))?;
	let finalized_hash = node
		.rpc
		.chain_get_finalized_head()
		.await
		.map_err(|e| anyhow!("{url}: cannot read the finalized head: {e}"))?;
	let finalized = node
		.rpc
		.chain_get_header(Some(finalized_hash))
		.await
		.map_err(|e| anyhow!("{url}: cannot read the finalized block: {e}"))?
		.ok_or_else(|| anyhow!("{url}: the finalized block {finalized_hash:?} is unknown"))?;

	// Validators and cities are read from the state of the finalized block.
	let at = node
		.api
		.at_block(finalized_hash)
		.await
		.map_err(|e| anyhow!("{url}: cannot open the finalized block's state: {e}"))?;
	let authorities = read(&at, tenderchain::storage().aura().authorities(), ()).await?;
	let mut cities: Vec<_> = read_map(&at, tenderchain::storage().consortium().cities())
		.await?
		.into_iter()
		.map(|((id,), city)| {
			(
				String::from_utf8_lossy(&city.name.0).into_owned(),
				String::from_utf8_lossy(&city.province.0).into_owned(),
				city.trading_centre.to_string(),
				String::from_utf8_lossy(&id.0).into_owned(),
			)
		})
		.collect();
	cities.sort();

	// The JSON document, or the text.
	if ctx.json() {
		return output::print(&json!({
			"chain": chain,
			"genesis": output::hash(&node.api.genesis_hash().0),
			"node": url,
			"best": { "number": best.number, "hash": output::hash(&best_hash.0) },
			"finalized": { "number": finalized.number, "hash": output::hash(&finalized_hash.0) },
			"peers": health.peers,
			"syncing": health.is_syncing,
			"validators": authorities.0.iter().map(|key| output::hash(&key.0)).collect::<Vec<_>>(),
			"cities": cities
				.iter()
				.map(|(name, province, trading_centre, id)| json!({
					"city": id,
					"name": name,
					"province": province,
					"trading_centre": trading_centre,
				}))
				.collect::<Vec<_>>(),
		}));
	}
	println!("chain:      {chain} (genesis {:?})", node.api.genesis_hash());
	println!("node:       {url}");
	println!("best:       #{} {:?}", best.number, best_hash);
	println!("finalized:  #{} {:?}", finalized.number, finalized_hash);
	println!("peers:      {}{}", health.peers, if health.is_syncing { " (syncing)" } else { "" });
	println!("validators: {} (Aura authorities)", authorities.0.len());
	for (i, key) in authorities.0.iter().enumerate() {
		println!("  {i}: 0x{}", hex::encode(key.0));
	}
	println!("cities:     {}", cities.len());
	for (name, province, trading_centre, _) in cities {
		println!("  {name} ({province}), trading centre {trading_centre}");
	}
	Ok(())
}
