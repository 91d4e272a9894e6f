//! `tender draw verify`: a draw replayed from on-chain data alone with [`super::replay`]'s
//! rules, every difference said in words.

use std::collections::BTreeSet;

use anyhow::{anyhow, Result};
use serde_json::{json, Value};

use super::{
	chain::{
		avoidance, cities, draw_keys, draw_record, eligible_set, pending_seats, pool,
		waiting_entries, At,
	},
	draw_constants, lines_of, recorded_cities,
	replay::{
		contributor_order, designated, drawable, eligible, input_hash, seed, select_skipping,
		vrf_output, windows_passed, withheld, Avoid,
	},
	text,
};
use crate::{
	chain::{read, tenderchain, try_read, Node},
	ctx::{NotVerified, Verdict},
	output,
};
use tenderchain::runtime_types::{
	pallet_expert_draw::types::{Mode as ChainMode, PoolEntry},
	pallet_tendering::types::TenderState,
};

/// What `tender draw verify` says besides the differences: each line printed as it is found,
/// or, with `--json`, only kept for the document.
struct Notes {
	/// Whether the run prints JSON.
	json: bool,
	/// Every line said, in order.
	lines: Vec<String>,
}

impl Notes {
	/// Says `line` (printed unless JSON) and keeps it.
	fn say(&mut self, line: String) {
		if !self.json {
			println!("{line}");
		}
		self.lines.push(line);
	}
}

/// The note said when the request block's state is no longer kept by the node.
fn pruned(notes: &mut Notes, block: u32, url: &str, what: &str) {
	notes.say(format!(
		"note: the state of block #{block} is pruned on {url}; {what} not re-derived (use an \
		 archive node)"
	));
}

/// `tender draw verify`: replays the draw with this client's own rules; prints every
/// difference, or with `json` one JSON document with the verdict, the differences, the notes
/// and the facts checked.
pub async fn verify(node: &Node, draw: u64, json: bool) -> Result<Verdict> {
	let mut notes = Notes { json, lines: Vec::new() };
	let mut facts = serde_json::Map::new();
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
	// The state as the request found it lies between the parent block's and the request
	// block's: other transactions of the same block may come before or after it. An entry on
	// which both states agree must be as the chain has it; one that changed within the block
	// is accepted either way, and named.
	let parent_hash = node.rpc.chain_get_block_hash(Some((d.requested_at - 1).into())).await?;
	let before = match parent_hash {
		Some(hash) => node.api.at_block(hash).await.ok(),
		None => None,
	};
	match node.api.at_block(request_hash).await {
		Ok(then) => {
			let after = eligibility_at(&then, d.tender, &lines, remote, d.requested_at).await;
			let prior = match &before {
				Some(b) => eligibility_at(b, d.tender, &lines, remote, d.requested_at).await.ok(),
				None => None,
			};
			match after {
				Ok(after) => {
					for (l, (speciality, _)) in lines.iter().enumerate() {
						let firm = |e: u32| match &prior {
							Some(p) => p.sets[l].contains(&e) == after.sets[l].contains(&e),
							None => true,
						};
						let mut all: BTreeSet<u32> = after.sets[l].iter().copied().collect();
						all.extend(stored[l].iter().copied());
						if let Some(p) = &prior {
							all.extend(p.sets[l].iter().copied());
						}
						let (mut missing, mut extra) = (Vec::new(), Vec::new());
						for e in all {
							let chain = stored[l].contains(&e);
							let mine = after.sets[l].contains(&e);
							if !firm(e) {
								let was = prior.as_ref().map(|p| p.why(e, *speciality, l));
								notes.say(format!(
									"note: line {l}: entry {e} changed within block #{} (before 									 it: {}; after it: {}): the chain's set {} it, as another 									 transaction of that block came {} the request",
									d.requested_at,
									was.unwrap_or_default(),
									after.why(e, *speciality, l),
									if chain { "includes" } else { "leaves out" },
									if chain == mine { "before" } else { "after" }
								));
								continue;
							}
							if chain && !mine {
								extra.push(format!("{e} ({})", after.why(e, *speciality, l)));
							} else if mine && !chain {
								missing.push(e);
							}
						}
						if !missing.is_empty() || !extra.is_empty() {
							differences.push(format!(
								"line {l} (speciality {speciality}): the chain's eligible set \
								 differs from the rules applied to the pool at block #{}: \
								 missing {missing:?}, not eligible [{}]",
								d.requested_at,
								extra.join(", ")
							));
						}
					}
				},
				Err(_) => pruned(&mut notes, d.requested_at, &node.url, "eligibility"),
			}
			let keys_before = match &before {
				Some(b) => draw_keys(b).await.ok(),
				None => None,
			};
			match (draw_keys(&then).await, cities(&then).await) {
				(Ok(keys), Ok(cities)) => {
					let mine: Vec<(Vec<u8>, [u8; 32])> = keys
						.iter()
						.filter(|(city, _)| **city != d.city.0 && cities.contains(city))
						.map(|(city, key)| (city.clone(), *key))
						.collect();
					let recorded: Vec<(Vec<u8>, [u8; 32])> =
						d.keys.0.iter().map(|(city, key)| (city.0.clone(), *key)).collect();
					// A key set within the request block may come before or after the request.
					let same = mine.len() == recorded.len()
						&& mine.iter().zip(&recorded).all(|((c, k), (rc, rk))| {
							c == rc
								&& (k == rk
									|| keys_before.as_ref().is_some_and(|b| b.get(c) == Some(rk)))
						});
					if !same {
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
				_ => pruned(&mut notes, d.requested_at, &node.url, "the recorded draw keys"),
			}
		},
		Err(_) => pruned(&mut notes, d.requested_at, &node.url, "eligibility and draw keys"),
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
		if d.anchor_author.as_ref().is_some_and(|a| a.0 == c.city.0) {
			differences.push(format!(
				"{city} contributed, but its validator authored the anchor block #{}",
				d.anchor
			));
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
		notes.say(format!(
			"draw {draw} is not complete: {} contribution(s) so far; cities in the order block \
			 #{}'s hash sets: {}",
			d.contributions.0.len(),
			d.anchor,
			order.iter().map(|c| text(c)).collect::<Vec<_>>().join(", ")
		));
		facts.insert("complete".into(), json!(false));
		facts.insert("contributions".into(), json!(d.contributions.0.len()));
		facts.insert(
			"contributor_order".into(),
			json!(order.iter().map(|c| text(c)).collect::<Vec<_>>()),
		);
		return report(draw, differences, notes, facts);
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

	// 3. The selection from the seed, skipping the entries the draw records as retired since
	//    the request; each of those must have been retired (exposed, struck, or with a seat
	//    waiting) when the draw completed, and no pick may have been.
	let selection_lines: Vec<(u32, Vec<u32>)> =
		lines.iter().zip(stored).map(|((_, c), set)| (*c, set)).collect();
	let recorded_skipped: Vec<u32> = d.skipped.0.clone();
	let (my_picks, my_skipped) =
		select_skipping(&my_seed, &selection_lines, |e| recorded_skipped.contains(&e));
	if my_picks != d.picks.0 {
		differences.push(format!(
			"the selection gives entries {my_picks:?}, the chain drew {:?}",
			d.picks.0
		));
	}
	if my_skipped != recorded_skipped {
		differences.push(format!(
			"the selection meets and skips entries {my_skipped:?}, the chain recorded {:?} as \
			 skipped",
			recorded_skipped
		));
	}
	retired_checks(node, completed, &recorded_skipped, &d.picks.0, &mut differences, &mut notes)
		.await?;
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
			notes.say(format!(
				"tender {} is still open: the drawn experts' identities are not yet revealed",
				d.tender
			));
		}
	}
	notes.say(format!(
		"draw {draw}: input 0x{}, contributions by {} (with the keys recorded at the request; \
		 cities asked in the order {}), seed 0x{}, entries {:?}",
		hex::encode(input),
		outputs.iter().map(|(c, _)| text(c)).collect::<Vec<_>>().join(", "),
		order.iter().map(|c| text(c)).collect::<Vec<_>>().join(", "),
		hex::encode(my_seed),
		my_picks
	));
	for city in &silent {
		notes.say(format!(
			"  withheld: {} was asked and let its window pass; the draw completed without it",
			text(city)
		));
	}
	if !recorded_skipped.is_empty() {
		notes.say(format!(
			"  skipped: entries {recorded_skipped:?}, retired (exposed, struck or drawn for \
			 another tender) between the request and the completion"
		));
	}
	match &d.anchor_author {
		Some(author) => notes.say(format!(
			"  anchor block #{} authored by {}'s validator: left out of the contributors",
			d.anchor,
			text(&author.0)
		)),
		None => notes.say(format!(
			"  anchor block #{}'s author was not recorded: no city left out of the contributors",
			d.anchor
		)),
	}
	// Late: a contribution included after its city's own window had passed (each one, not
	// only the completing one).
	let count = d.contributions.0.len();
	let mut late = Vec::new();
	match contribution_blocks(node, draw, count, d.anchor + 1, completed).await {
		Some(blocks) => {
			for (c, block) in d.contributions.0.iter().zip(blocks) {
				let w = windows_passed(d.anchor, block, window);
				if w > 0 && designated(&order, required, w - 1).contains(&c.city.0) {
					notes.say(format!(
						"  late: {} contributed at block #{block}, after its own window had \
						 passed (LateContribution)",
						text(&c.city.0)
					));
					late.push(json!({ "city": text(&c.city.0), "block": block }));
				}
			}
		},
		None => {
			pruned(&mut notes, completed, &node.url, "the blocks of the contributions (late ones)")
		},
	}
	// The facts checked, for the JSON document.
	facts.insert("complete".into(), json!(true));
	facts.insert("tender".into(), json!(d.tender));
	facts.insert("requested_at_block".into(), json!(d.requested_at));
	facts.insert("completed_at_block".into(), json!(completed));
	facts.insert(
		"anchor".into(),
		json!({
			"block": d.anchor,
			"hash": output::hash(&anchor_hash.0),
			"author_city": d.anchor_author.as_ref().map(|a| text(&a.0)),
		}),
	);
	facts.insert("input".into(), output::hash(&input));
	facts.insert(
		"contributor_order".into(),
		json!(order.iter().map(|c| text(c)).collect::<Vec<_>>()),
	);
	facts.insert(
		"contributions".into(),
		outputs
			.iter()
			.map(|(c, o)| json!({ "city": text(c), "output": output::hash(o) }))
			.collect(),
	);
	facts.insert("seed".into(), output::hash(&my_seed));
	facts.insert("picks".into(), json!(my_picks));
	facts.insert("skipped".into(), json!(recorded_skipped));
	facts.insert("withheld".into(), json!(silent.iter().map(|c| text(c)).collect::<Vec<_>>()));
	facts.insert("late".into(), Value::Array(late));
	report(draw, differences, notes, facts)
}

/// What the rules make of the pool at one block's state, for a draw's lines.
struct Eligibility {
	/// Each line's eligible set.
	sets: Vec<Vec<u32>>,
	/// The pool.
	entries: Vec<PoolEntry<u32>>,
	/// What the tender's draws avoid.
	avoid: Avoid,
	/// The entries with a seat still waiting for their expert.
	waiting: BTreeSet<u32>,
	/// The request's block.
	now: u32,
	/// Remote or local.
	remote: bool,
}

impl Eligibility {
	/// Why entry `e` is or is not in line `l`'s set, in words.
	fn why(&self, e: u32, speciality: u16, l: usize) -> String {
		if self.sets[l].contains(&e) {
			return "eligible".into();
		}
		let Some(entry) = self.entries.get(e as usize) else {
			return "no such entry".into();
		};
		if self.waiting.contains(&e) {
			"a seat drawn for it waits for its expert".into()
		} else if entry.exposed {
			"exposed: its expert proved it".into()
		} else if entry.struck_from.is_some_and(|from| self.now >= from) {
			"struck".into()
		} else if self.avoid.entries.contains(&e) {
			"on the tender's committee or among the tenderer's recent picks".into()
		} else if !drawable(entry, self.now) {
			"not in effect or not available".into()
		} else if !eligible(e, entry, speciality, self.remote, &self.avoid, self.now) {
			"of another speciality or a city the mode excludes".into()
		} else {
			"eligible".into()
		}
	}
}

/// The eligible sets of a draw's lines under the rules, from the pool, the tender and the
/// waiting seats as stored at `at`, for a request at block `now`.
async fn eligibility_at(
	at: &At,
	tender: u64,
	lines: &[(u16, u32)],
	remote: bool,
	now: u32,
) -> Result<Eligibility> {
	let entries = pool(at).await?;
	let avoid = avoidance(at, tender).await?;
	let waiting = waiting_entries(at, entries.len() as u32).await?;
	let sets = lines
		.iter()
		.map(|(speciality, _)| {
			(0..entries.len() as u32)
				.filter(|i| {
					!waiting.contains(i)
						&& eligible(*i, &entries[*i as usize], *speciality, remote, &avoid, now)
				})
				.collect()
		})
		.collect();
	Ok(Eligibility { sets, entries, avoid, waiting, now, remote })
}

/// The block in which each of draw `draw`'s contributions was included, found by bisecting
/// the draw record's history between `from` and `to` (the record's contributions only grow);
/// `None` if a state is no longer kept.
async fn contribution_blocks(
	node: &Node,
	draw: u64,
	count: usize,
	from: u32,
	to: u32,
) -> Option<Vec<u32>> {
	let mut blocks = Vec::with_capacity(count);
	for k in 0..count {
		// The first block in [lo, hi] whose record holds more than k contributions.
		let (mut lo, mut hi) = (blocks.last().copied().unwrap_or(from), to);
		while lo < hi {
			let mid = lo + (hi - lo) / 2;
			let hash = node.rpc.chain_get_block_hash(Some(mid.into())).await.ok()??;
			let at = node.api.at_block(hash).await.ok()?;
			let d = draw_record(&at, draw).await.ok()?;
			if d.contributions.0.len() > k {
				hi = mid;
			} else {
				lo = mid + 1;
			}
		}
		blocks.push(lo);
	}
	Some(blocks)
}

/// Checks the draw's retired entries against the chain's state around its completing block
/// `completed`: each skipped entry was retired (exposed, struck, or with a seat waiting) before
/// or after that block, and no pick was exposed or struck before it.
async fn retired_checks(
	node: &Node,
	completed: u32,
	skipped: &[u32],
	picks: &[u32],
	differences: &mut Vec<String>,
	notes: &mut Notes,
) -> Result<()> {
	let mut states = Vec::new();
	for block in [completed - 1, completed] {
		let Some(hash) = node.rpc.chain_get_block_hash(Some(block.into())).await? else {
			continue;
		};
		let Ok(at) = node.api.at_block(hash).await else { continue };
		let (Ok(entries), Ok(pending)) = (pool(&at).await, pending_seats(&at, skipped).await)
		else {
			continue;
		};
		states.push((entries, pending));
	}
	if states.len() < 2 {
		pruned(notes, completed, &node.url, "the skipped entries' retirement");
		return Ok(());
	}
	let retired = |(entries, pending): &(Vec<PoolEntry<u32>>, BTreeSet<u32>), e: u32| {
		pending.contains(&e)
			|| entries
				.get(e as usize)
				.is_none_or(|r| r.exposed || r.struck_from.is_some_and(|from| completed >= from))
	};
	for e in skipped {
		if !states.iter().any(|s| retired(s, *e)) {
			differences.push(format!(
				"entry {e} is recorded as skipped, but was neither exposed, struck nor waiting \
				 for a seat at block #{completed}"
			));
		}
	}
	let (entries, _) = &states[0];
	for e in picks {
		if entries
			.get(*e as usize)
			.is_some_and(|r| r.exposed || r.struck_from.is_some_and(|from| completed >= from))
		{
			differences.push(format!(
				"entry {e} was drawn, but was exposed or struck before block #{completed}"
			));
		}
	}
	Ok(())
}

/// Keys by city: `LZ 0x12ab…, TS 0x34cd…`.
fn key_list(keys: &[(Vec<u8>, [u8; 32])]) -> String {
	keys.iter()
		.map(|(city, key)| format!("{} 0x{}…", text(city), hex::encode(&key[..4])))
		.collect::<Vec<_>>()
		.join(", ")
}

/// Prints the verdict on draw `draw` and each difference found (with `--json`, the document:
/// the verdict, the differences, the notes said and the facts checked).
fn report(
	draw: u64,
	differences: Vec<String>,
	notes: Notes,
	facts: serde_json::Map<String, Value>,
) -> Result<Verdict> {
	if notes.json {
		output::print(&json!({
			"draw": draw,
			"verified": differences.is_empty(),
			"differences": differences,
			"notes": notes.lines,
			"facts": facts,
		}))?;
		return Ok(if differences.is_empty() {
			Verdict::Verified
		} else {
			Verdict::NotVerified(NotVerified { summary: "the draw did not verify".into() })
		});
	}
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
