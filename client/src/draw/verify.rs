//! `tender draw verify`: a draw replayed from on-chain data alone with [`super::replay`]'s
//! rules, every difference said in words.

use std::collections::BTreeSet;

use anyhow::{anyhow, Result};

use super::{
	chain::{avoidance, draw_record, eligible_set, pool},
	lines_of,
	replay::{eligible, input_hash, seed, select, vrf_output},
	text,
};
use crate::{
	chain::{read, tenderchain, try_read, Node},
	ctx::{NotVerified, Verdict},
};
use tenderchain::runtime_types::{
	pallet_expert_draw::types::Mode as ChainMode, pallet_tendering::types::TenderState,
};

/// `tender draw verify`: replays the draw with this client's own rules; prints every
/// difference.
pub async fn verify(node: &Node, draw: u64) -> Result<Verdict> {
	let now = node.api.at_current_block().await?;
	let d = draw_record(&now, draw).await?;
	let mut differences: Vec<String> = Vec::new();
	let remote = matches!(d.mode, ChainMode::Remote);
	let lines = lines_of(&d);

	// 1. The eligible sets, re-derived from the pool and the tender at the request block.
	let request_hash = node
		.rpc
		.chain_get_block_hash(Some(d.requested_at.into()))
		.await?
		.ok_or_else(|| anyhow!("block #{} is unknown to {}", d.requested_at, node.url))?;
	let mut stored = Vec::new();
	for l in 0..lines.len() {
		stored.push(eligible_set(&now, draw, l as u32).await?);
	}
	match node.api.at_block(request_hash).await {
		Ok(then) => match (pool(&then).await, avoidance(&then, d.tender).await) {
			(Ok(entries), Ok(avoid)) => {
				for (l, (speciality, _)) in lines.iter().enumerate() {
					let mine: Vec<u32> = (0..entries.len() as u32)
						.filter(|i| eligible(*i, &entries[*i as usize], *speciality, remote, &avoid))
						.collect();
					if mine != stored[l] {
						let missing: Vec<_> = mine.iter().filter(|e| !stored[l].contains(e)).collect();
						let extra: Vec<_> = stored[l].iter().filter(|e| !mine.contains(e)).collect();
						differences.push(format!(
							"line {l} (speciality {speciality}): the chain's eligible set differs from the rules applied to the pool at block #{}: missing {missing:?}, not eligible {extra:?}",
							d.requested_at
						));
					}
				}
			},
			_ => println!("note: the state of block #{} is pruned on {}; eligibility not re-derived (use an archive node)", d.requested_at, node.url),
		},
		Err(_) => println!("note: the state of block #{} is pruned on {}; eligibility not re-derived (use an archive node)", d.requested_at, node.url),
	}

	// 2. The input, each contribution's VRF proof and output, the seed.
	let anchor_hash = node
		.rpc
		.chain_get_block_hash(Some(d.anchor.into()))
		.await?
		.ok_or_else(|| anyhow!("block #{} is unknown", d.anchor))?;
	if let Some(recorded) = &d.anchor_hash {
		if recorded.0 != anchor_hash.0 {
			differences.push(format!(
				"the anchor hash recorded (0x{}) is not block #{}'s hash (0x{})",
				hex::encode(recorded.0),
				d.anchor,
				hex::encode(anchor_hash.0)
			));
		}
	}
	let input =
		input_hash(&node.api.genesis_hash().0, draw, d.tender, remote, &lines, &anchor_hash.0);
	let mut outputs = Vec::new();
	let mut contributors = BTreeSet::new();
	for c in &d.contributions.0 {
		let city = text(&c.city.0);
		if c.city.0 == d.city.0 {
			differences.push(format!("{city} contributed to its own draw"));
		}
		if !contributors.insert(c.city.0.clone()) {
			differences.push(format!("{city} contributed twice"));
		}
		match vrf_output(&c.key, &input, &c.pre_output, &c.proof) {
			None => differences.push(format!(
				"{city}'s VRF proof does not verify with its key 0x{} over the input 0x{}",
				hex::encode(c.key),
				hex::encode(input)
			)),
			Some(output) if output != c.output => differences.push(format!(
				"{city}'s output is 0x{}, the chain recorded 0x{}",
				hex::encode(output),
				hex::encode(c.output)
			)),
			Some(output) => outputs.push((c.city.0.clone(), output)),
		}
	}
	let Some(chain_seed) = &d.seed else {
		println!("draw {draw} is not complete: {} contribution(s) so far", d.contributions.0.len());
		return report(draw, differences);
	};
	let required =
		now.constants().entry(tenderchain::constants().expert_draw().required_contributions())?
			as usize;
	if contributors.len() < required.max(2) {
		differences.push(format!(
			"only {} cities contributed, {} required",
			contributors.len(),
			required.max(2)
		));
	}
	let my_seed = seed(&input, &outputs);
	if my_seed != chain_seed.0 {
		differences.push(format!(
			"the seed is 0x{}, the chain recorded 0x{}",
			hex::encode(my_seed),
			hex::encode(chain_seed.0)
		));
	}

	// 3. The selection from the seed, and the committee's seats.
	let selection_lines: Vec<(u32, Vec<u32>)> =
		lines.iter().zip(stored).map(|((_, c), set)| (*c, set)).collect();
	let my_picks = select(&my_seed, &selection_lines);
	if my_picks != d.picks.0 {
		differences.push(format!(
			"the selection gives entries {my_picks:?}, the chain drew {:?}",
			d.picks.0
		));
	}
	let seats = read(&now, tenderchain::storage().expert_draw().committees(), (d.tender,)).await?;
	let seated: Vec<u32> = seats.0.iter().filter(|s| s.draw == draw).map(|s| s.entry).collect();
	if seated != d.picks.0 {
		differences.push(format!(
			"the committee holds entries {seated:?} for this draw, the draw picked {:?}",
			d.picks.0
		));
	}
	let t = try_read(&now, tenderchain::storage().tendering().tenders(), (d.tender,)).await?;
	if let Some(t) = t {
		if matches!(t.state, TenderState::Open) {
			println!(
				"tender {} is still open: the drawn experts' identities are not yet revealed",
				d.tender
			);
		}
	}
	println!(
		"draw {draw}: input 0x{}, {} contributions ({}), seed 0x{}, entries {:?}",
		hex::encode(input),
		outputs.len(),
		outputs.iter().map(|(c, _)| text(c)).collect::<Vec<_>>().join(", "),
		hex::encode(my_seed),
		my_picks
	);
	report(draw, differences)
}

/// Prints the verdict on draw `draw` and each difference found.
fn report(draw: u64, differences: Vec<String>) -> Result<Verdict> {
	if differences.is_empty() {
		println!("draw {draw}: verified");
		Ok(Verdict::Verified)
	} else {
		for d in &differences {
			println!("DIFFERS: {d}");
		}
		println!("draw {draw}: NOT verified ({} difference(s))", differences.len());
		Ok(Verdict::NotVerified(NotVerified { summary: "the draw did not verify".into() }))
	}
}
