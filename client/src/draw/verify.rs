//! `tender draw verify`: a draw replayed from on-chain data alone with [`super::replay`]'s
//! rules, every difference said in words.

use std::collections::BTreeSet;

use anyhow::{anyhow, Result};

use super::{
	chain::{avoidance, cities, draw_keys, draw_record, eligible_set, pool},
	draw_constants, lines_of, recorded_cities,
	replay::{
		contributor_order, designated, eligible, input_hash, seed, select, vrf_output,
		windows_passed, withheld,
	},
	text,
};
use crate::{
	chain::{read, tenderchain, try_read, Node},
	ctx::{NotVerified, Verdict},
};
use tenderchain::runtime_types::{
	pallet_expert_draw::types::Mode as ChainMode, pallet_tendering::types::TenderState,
};

/// The note printed when the request block's state is no longer kept by the node.
fn pruned(block: u32, url: &str, what: &str) {
	println!(
		"note: the state of block #{block} is pruned on {url}; {what} not re-derived (use an \
		 archive node)"
	);
}

/// `tender draw verify`: replays the draw with this client's own rules; prints every
/// difference.
pub async fn verify(node: &Node, draw: u64) -> Result<Verdict> {
	let now = node.api.at_current_block().await?;
	let d = draw_record(&now, draw).await?;
	let mut differences: Vec<String> = Vec::new();
	let remote = matches!(d.mode, ChainMode::Remote);
	let lines = lines_of(&d);
	let (window, required) = draw_constants(&now)?;

	// 1. The eligible sets and the contributors' keys, re-derived from the state at the request
	//    block: the pool and the tender under the rules; every other city's registered key.
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
		Ok(then) => {
			match (pool(&then).await, avoidance(&then, d.tender).await) {
				(Ok(entries), Ok(avoid)) => {
					for (l, (speciality, _)) in lines.iter().enumerate() {
						let mine: Vec<u32> = (0..entries.len() as u32)
							.filter(|i| {
								eligible(
									*i,
									&entries[*i as usize],
									*speciality,
									remote,
									&avoid,
									d.requested_at,
								)
							})
							.collect();
						if mine != stored[l] {
							let missing: Vec<_> =
								mine.iter().filter(|e| !stored[l].contains(e)).collect();
							let extra: Vec<_> =
								stored[l].iter().filter(|e| !mine.contains(e)).collect();
							differences.push(format!(
								"line {l} (speciality {speciality}): the chain's eligible set \
								 differs from the rules applied to the pool at block #{}: \
								 missing {missing:?}, not eligible {extra:?}",
								d.requested_at
							));
						}
					}
				},
				_ => pruned(d.requested_at, &node.url, "eligibility"),
			}
			match (draw_keys(&then).await, cities(&then).await) {
				(Ok(keys), Ok(cities)) => {
					let mine: Vec<(Vec<u8>, [u8; 32])> = keys
						.into_iter()
						.filter(|(city, _)| *city != d.city.0 && cities.contains(city))
						.collect();
					let recorded: Vec<(Vec<u8>, [u8; 32])> =
						d.keys.0.iter().map(|(city, key)| (city.0.clone(), *key)).collect();
					if mine != recorded {
						differences.push(format!(
							"the draw keys recorded at the request ({}) are not the keys the \
							 cities other than {} had registered at block #{} ({})",
							key_list(&recorded),
							text(&d.city.0),
							d.requested_at,
							key_list(&mine)
						));
					}
				},
				_ => pruned(d.requested_at, &node.url, "the recorded draw keys"),
			}
		},
		Err(_) => pruned(d.requested_at, &node.url, "eligibility and draw keys"),
	}
	if d.keys.0.iter().any(|(city, _)| city.0 == d.city.0) {
		differences
			.push(format!("the requesting city {} is recorded as a contributor", text(&d.city.0)));
	}

	// 2. The input; each contribution's key (the one recorded at the request), VRF proof and
	//    output; the order of the cities; the seed.
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
	let order = contributor_order(&anchor_hash.0, &recorded_cities(&d));
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
		let Some(key) = d.keys.0.iter().find(|(k, _)| k.0 == c.city.0).map(|(_, key)| *key) else {
			differences
				.push(format!("{city} contributed, but had no draw key recorded at the request"));
			continue;
		};
		if c.key != key {
			differences.push(format!(
				"{city} contributed with key 0x{}, not the key it had at the request (0x{})",
				hex::encode(c.key),
				hex::encode(key)
			));
		}
		match vrf_output(&key, &input, &c.pre_output, &c.proof) {
			None => differences.push(format!(
				"{city}'s VRF proof does not verify with its key at the request 0x{} over the \
				 input 0x{}",
				hex::encode(key),
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
	let (Some(chain_seed), Some(completed)) = (&d.seed, d.completed_at) else {
		println!(
			"draw {draw} is not complete: {} contribution(s) so far; cities in the order block \
			 #{}'s hash sets: {}",
			d.contributions.0.len(),
			d.anchor,
			order.iter().map(|c| text(c)).collect::<Vec<_>>().join(", ")
		);
		return report(draw, differences);
	};
	if contributors.len() < (required as usize).max(2) {
		differences.push(format!(
			"only {} cities contributed, {} required",
			contributors.len(),
			required.max(2)
		));
	}
	// Every contributor was asked by the time the draw completed; those asked earlier whose
	// window passed without a contribution withheld it.
	let windows = windows_passed(d.anchor, completed, window);
	let asked = designated(&order, required, windows);
	for city in &contributors {
		if !asked.contains(city) {
			differences.push(format!(
				"{} contributed but was not among the cities asked by block #{completed} ({})",
				text(city),
				asked.iter().map(|c| text(c)).collect::<Vec<_>>().join(", ")
			));
		}
	}
	let contributed: Vec<Vec<u8>> = contributors.iter().cloned().collect();
	let silent = withheld(&order, required, windows, &contributed);
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
		"draw {draw}: input 0x{}, contributions by {} (with the keys recorded at the request; \
		 cities asked in the order {}), seed 0x{}, entries {:?}",
		hex::encode(input),
		outputs.iter().map(|(c, _)| text(c)).collect::<Vec<_>>().join(", "),
		order.iter().map(|c| text(c)).collect::<Vec<_>>().join(", "),
		hex::encode(my_seed),
		my_picks
	);
	for city in &silent {
		println!(
			"  withheld: {} was asked and let its window pass; the draw completed without it",
			text(city)
		);
	}
	if let Some(last) = d.contributions.0.last() {
		if windows > 0 && designated(&order, required, windows - 1).contains(&last.city.0) {
			println!(
				"  late: {} completed the draw after its own window had passed",
				text(&last.city.0)
			);
		}
	}
	report(draw, differences)
}

/// Keys by city: `LZ 0x12ab…, TS 0x34cd…`.
fn key_list(keys: &[(Vec<u8>, [u8; 32])]) -> String {
	keys.iter()
		.map(|(city, key)| format!("{} 0x{}…", text(city), hex::encode(&key[..4])))
		.collect::<Vec<_>>()
		.join(", ")
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
