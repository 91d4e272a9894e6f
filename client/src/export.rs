//! `tender export N --out DIR`: a tender's whole history, written for an archive or a court.
//!
//! - `tender.json`: every record the chain holds about the tender at a finalized block (the
//!   document of `tender show --json`): the tender, its amendments, bids, lodged entries,
//!   collusion flags, opening record, evaluations and dissents, award, supervision entries and
//!   findings, re-tender links, and the award procedure (objections, complaints, notices,
//!   contract).
//! - `events.json`: every event of the Tendering and Award pallets about the tender, with its
//!   block, from the tender's creation to the best block.
//! - `blocks.json`: the header of each block those events are in (and of the block the
//!   records were read at), and whether it is finalized.
//! - `proofs/`: for each notary anchor of the tender's documents (and of its opening record,
//!   evaluation report and contract, if anchored), the anchor record with a storage proof
//!   against the state root of the finalized block.
//! - `README.txt`: what each file is and how to check it.

use std::{fs, path::Path};

use anyhow::{anyhow, bail, Context, Result};
use indicatif::{ProgressBar, ProgressStyle};
use serde_json::{json, Map, Value as Json};
use subxt::{
	events::Phase,
	ext::{
		codec::Decode,
		futures::future::join_all,
		scale_value::{self, Composite, Primitive, ValueDef},
	},
	utils::{AccountId32, H256},
};

use crate::{
	award,
	chain::{read, tenderchain, try_read, At, Node},
	notary, output,
	tendering::tender_document,
};

/// The pallets whose events concern tenders.
const PALLETS: [&str; 2] = ["Tendering", "Award"];

/// The event fields that name the tender an event is about.
const TENDER_FIELDS: [&str; 2] = ["tender", "previous"];

/// The event fields that hold a time (Unix ms), shown as times in `events.json`.
const TIME_FIELDS: [&str; 7] =
	["deadline", "old_deadline", "new_deadline", "publicity_ends", "answer_by", "sign_by", "ends"];

/// How many blocks are read at once while scanning for events.
const CONCURRENT_BLOCKS: usize = 32;

/// `tender export`: writes `tender.json`, `events.json`, `blocks.json`, `proofs/` and
/// `README.txt` into `out`, a new or empty directory; says what it wrote (with `json`, as a
/// JSON document).
pub async fn run(node: &Node, tender: u64, out: &Path, json: bool) -> Result<()> {
	// Refuse a directory that holds anything before reading the chain.
	check_out_dir(out)?;

	// The records, at the finalized block.
	let at = node.api.at_current_block().await?;
	let read_at = at.block_number();
	let read_at_hash = at.block_hash();
	let record = tender_document(&at, tender, true).await?;

	// The events, from the block that created the tender to the best block.
	let best = node.best_number().await?;
	let first = creation_block(node, &at, tender).await?;
	let scan = scan_events(node, &at, tender, first, best).await?;
	// What is finalized now (finality moved on during the scan).
	let finalized_hash = node.rpc.chain_get_finalized_head().await?;
	let finalized = node.block_number(finalized_hash).await?;

	// The blocks those events are in, and the block the records were read at.
	let mut numbers: Vec<u64> = scan.events.iter().map(|e| e.block).collect();
	numbers.push(read_at);
	numbers.sort_unstable();
	numbers.dedup();
	let mut blocks = Vec::with_capacity(numbers.len());
	for number in numbers {
		let hash = if number == read_at {
			read_at_hash
		} else {
			scan.events
				.iter()
				.find(|e| e.block == number)
				.map(|e| e.hash)
				.ok_or_else(|| anyhow!("block #{number} was not read"))?
		};
		let header = node
			.rpc
			.chain_get_header(Some(hash))
			.await?
			.ok_or_else(|| anyhow!("block {hash:?} is unknown to {}", node.url))?;
		blocks.push(json!({
			"number": number,
			"hash": output::hash(&hash.0),
			"parent_hash": output::hash(&header.parent_hash.0),
			"state_root": output::hash(&header.state_root.0),
			"extrinsics_root": output::hash(&header.extrinsics_root.0),
			"finalized": number <= finalized,
			"holds_events": scan.events.iter().any(|e| e.block == number),
			"records_read_here": number == read_at,
		}));
	}

	// The notary's anchors of the tender's documents, each with a storage proof.
	let proofs = anchor_proofs(node, &at, tender).await?;

	// Write everything.
	fs::create_dir_all(out).with_context(|| format!("cannot create {}", out.display()))?;
	let genesis = output::hash(&node.api.genesis_hash().0);
	let chain = json!({ "genesis": genesis, "node": node.url });
	write_json(&out.join("tender.json"), &json!({ "chain": chain, "tender": record }))?;
	write_json(
		&out.join("events.json"),
		&json!({
			"chain": chain,
			"tender": tender,
			"creation_block": scan.creation,
			"scanned": { "from_block": first, "to_block": best, "blocks": scan.scanned },
			"unreadable_blocks": ranges(&scan.unreadable),
			"events": scan.events.iter().map(|e| e.doc.clone()).collect::<Vec<_>>(),
		}),
	)?;
	write_json(
		&out.join("blocks.json"),
		&json!({
			"chain": chain,
			"best_block": best,
			"finalized_block": { "number": finalized, "hash": output::hash(&finalized_hash.0) },
			"blocks": blocks,
		}),
	)?;
	let mut proof_files = Vec::new();
	if !proofs.is_empty() {
		let dir = out.join("proofs");
		fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
		for (key, proof) in &proofs {
			let name = format!("{}.json", output::hex0x(&key.0));
			write_json(&dir.join(&name), proof)?;
			proof_files.push(format!("proofs/{name}"));
		}
	}
	let readme = readme(tender, read_at, &scan, first, best, proof_files.len());
	let readme_path = out.join("README.txt");
	fs::write(&readme_path, readme)
		.with_context(|| format!("cannot write {}", readme_path.display()))?;

	// Say what was written.
	if json {
		return output::print(&json!({
			"tender": tender,
			"out": out.display().to_string(),
			"read_at": { "block": read_at, "hash": output::hash(&read_at_hash.0) },
			"creation_block": scan.creation,
			"scanned": { "from_block": first, "to_block": best, "blocks": scan.scanned },
			"events": scan.events.len(),
			"blocks": blocks.len(),
			"unreadable_blocks": ranges(&scan.unreadable),
			"files": ["tender.json", "events.json", "blocks.json", "README.txt"],
			"proofs": proof_files,
		}));
	}
	println!(
		"tender {tender} exported to {} (records read at finalized block #{read_at} {:?}):",
		out.display(),
		read_at_hash
	);
	println!("  tender.json   the tender's records");
	println!(
		"  events.json   {} events of the Tendering and Award pallets (blocks #{first} to #{best} \
		 read)",
		scan.events.len()
	);
	println!("  blocks.json   the headers of {} blocks, and which are finalized", blocks.len());
	if !proof_files.is_empty() {
		println!(
			"  proofs/       {} notary anchors, each with its storage proof",
			proof_files.len()
		);
	}
	println!("  README.txt    what each file is and how to check it");
	if scan.creation.is_none() {
		println!(
			"note: the block that created tender {tender} was not found among the blocks read: \
			 its events before block #{first} are missing (use an archive node)"
		);
	}
	if !scan.unreadable.is_empty() {
		println!(
			"note: the events of {} blocks could not be read on {} (state pruned?): {}; an \
			 archive node (--state-pruning archive) keeps them",
			scan.unreadable.len(),
			node.url,
			ranges(&scan.unreadable)
				.iter()
				.map(|(a, b)| if a == b { format!("#{a}") } else { format!("#{a}-#{b}") })
				.collect::<Vec<_>>()
				.join(", ")
		);
	}
	Ok(())
}

/// Refuses `out` if it is a file, or a directory that is not empty.
fn check_out_dir(out: &Path) -> Result<()> {
	if !out.exists() {
		return Ok(());
	}
	if !out.is_dir() {
		bail!("{} exists and is not a directory: give a new or empty directory", out.display());
	}
	let mut entries =
		fs::read_dir(out).with_context(|| format!("cannot read {}", out.display()))?;
	if entries.next().is_some() {
		bail!(
			"{} exists and is not empty: give a new or empty directory (nothing was written)",
			out.display()
		);
	}
	Ok(())
}

/// Writes `doc` to `path`, pretty-printed.
fn write_json(path: &Path, doc: &Json) -> Result<()> {
	fs::write(path, serde_json::to_string_pretty(doc)? + "\n")
		.with_context(|| format!("cannot write {}", path.display()))
}

/// Block numbers as ranges `[first, last]` of consecutive numbers.
fn ranges(numbers: &[u64]) -> Vec<(u64, u64)> {
	let mut out: Vec<(u64, u64)> = Vec::new();
	for &n in numbers {
		match out.last_mut() {
			Some((_, last)) if *last + 1 == n => *last = n,
			_ => out.push((n, n)),
		}
	}
	out
}

/// The block that created `tender`: the first whose `NextTenderId` exceeds it (a binary search
/// between block #1 and the finalized block `at`, where the tender exists). A block whose state
/// the node no longer keeps counts as before it: the search then ends at the first block
/// still readable, and the scan says that the creation was not found.
async fn creation_block(node: &Node, at: &At, tender: u64) -> Result<u64> {
	let key =
		at.storage().entry(tenderchain::storage().tendering().next_tender_id())?.fetch_key(())?;
	let (mut lo, mut hi) = (1u64, at.block_number().max(1));
	while lo < hi {
		let mid = lo + (hi - lo) / 2;
		match next_tender_id(node, &key, mid).await {
			Ok(next) if next > tender => hi = mid,
			_ => lo = mid + 1,
		}
	}
	Ok(lo)
}

/// `Tendering::NextTenderId` at block `number` (0 if not stored yet).
async fn next_tender_id(node: &Node, key: &[u8], number: u64) -> Result<u64> {
	let hash = node
		.rpc
		.chain_get_block_hash(Some(number.into()))
		.await?
		.ok_or_else(|| anyhow!("block #{number} is unknown to {}", node.url))?;
	match node.rpc.state_get_storage(key, Some(hash)).await? {
		Some(bytes) => u64::decode(&mut &bytes[..])
			.map_err(|e| anyhow!("NextTenderId at block #{number} does not decode: {e}")),
		None => Ok(0),
	}
}

/// One event about the tender.
struct Found {
	/// Its block's number.
	block: u64,
	/// Its block's hash.
	hash: H256,
	/// The event as written to `events.json`.
	doc: Json,
}

/// What the scan of the blocks found.
struct Scan {
	/// The events about the tender, in chain order.
	events: Vec<Found>,
	/// The block of its `TenderCreated` event, if read.
	creation: Option<u64>,
	/// How many blocks were read.
	scanned: u64,
	/// The blocks whose events could not be read or decoded.
	unreadable: Vec<u64>,
}

/// Reads the events of blocks `first` to `last` (best) and keeps those of the Tendering and
/// Award pallets about `tender`; shows its progress on standard error.
async fn scan_events(node: &Node, at: &At, tender: u64, first: u64, last: u64) -> Result<Scan> {
	let events_key = at.storage().entry(tenderchain::storage().system().events())?.fetch_key(())?;
	let count = last.saturating_sub(first) + 1;
	eprintln!(
		"reading the events of blocks #{first} to #{last} ({count} blocks) for tender {tender}"
	);
	let bar = ProgressBar::new(count);
	bar.set_style(
		ProgressStyle::with_template("scanning {bar:40} {pos}/{len} blocks ({eta})")
			.expect("valid template"),
	);
	let types = node.metadata.types();
	let type_name = |id: u32| -> Option<String> {
		types.resolve(id).and_then(|t| t.path.segments.last().cloned())
	};
	let mut scan = Scan { events: Vec::new(), creation: None, scanned: 0, unreadable: Vec::new() };
	let numbers: Vec<u64> = (first..=last).collect();
	for chunk in numbers.chunks(CONCURRENT_BLOCKS) {
		// A chunk of blocks at once: each one's hash and its events' bytes.
		let key = &events_key;
		let reads = join_all(chunk.iter().map(|&number| async move {
			let hash = node.rpc.chain_get_block_hash(Some(number.into())).await;
			let hash = match hash {
				Ok(Some(hash)) => hash,
				_ => return (number, None),
			};
			match node.rpc.state_get_storage(key, Some(hash)).await {
				Ok(bytes) => (number, Some((hash, bytes.unwrap_or_default()))),
				Err(_) => (number, None),
			}
		}))
		.await;
		// Then each block's events, in order.
		for (number, read) in reads {
			scan.scanned += 1;
			let Some((hash, bytes)) = read else {
				scan.unreadable.push(number);
				continue;
			};
			let events = at.events().from_bytes(bytes);
			for event in events.iter() {
				let Ok(event) = event else {
					scan.unreadable.push(number);
					break;
				};
				if !PALLETS.contains(&event.pallet_name()) {
					continue;
				}
				let Ok(fields) = event_fields(
					node,
					event.pallet_index(),
					event.event_index(),
					event.field_bytes(),
					&type_name,
				) else {
					scan.unreadable.push(number);
					continue;
				};
				let about = TENDER_FIELDS
					.iter()
					.any(|f| fields.get(*f).and_then(Json::as_u64) == Some(tender));
				if !about {
					continue;
				}
				if event.pallet_name() == "Tendering"
					&& event.event_name() == "TenderCreated"
					&& scan.creation.is_none()
				{
					scan.creation = Some(number);
				}
				let phase = match event.phase() {
					Phase::ApplyExtrinsic(i) => json!({ "extrinsic": i }),
					Phase::Initialization => json!("initialization"),
					Phase::Finalization => json!("finalization"),
				};
				scan.events.push(Found {
					block: number,
					hash,
					doc: json!({
						"block": number,
						"block_hash": output::hash(&hash.0),
						"index": event.index(),
						"phase": phase,
						"pallet": event.pallet_name(),
						"event": event.event_name(),
						"fields": fields,
					}),
				});
			}
		}
		bar.inc(chunk.len() as u64);
	}
	bar.finish_and_clear();
	scan.unreadable.dedup();
	eprintln!(
		"read {} blocks: {} events about tender {tender}{}",
		scan.scanned,
		scan.events.len(),
		if scan.unreadable.is_empty() {
			String::new()
		} else {
			format!(", {} blocks unreadable", scan.unreadable.len())
		}
	);
	Ok(scan)
}

/// The fields of the event `variant` of the pallet `pallet` (indices in the runtime's metadata)
/// from their SCALE bytes, as JSON: accounts as SS58, hashes as 0x-hex, prices as amounts,
/// times as times, enums by variant name.
fn event_fields(
	node: &Node,
	pallet: u8,
	variant: u8,
	bytes: &[u8],
	type_name: &dyn Fn(u32) -> Option<String>,
) -> Result<Map<String, Json>> {
	let metadata = &node.metadata;
	let pallet = metadata
		.pallet_by_event_index(pallet)
		.ok_or_else(|| anyhow!("no pallet with event index {pallet} in the metadata"))?;
	let variant = pallet
		.event_variant_by_index(variant)
		.ok_or_else(|| anyhow!("no event {variant} of {} in the metadata", pallet.name()))?;
	let mut input = bytes;
	let mut fields = Map::new();
	for (i, field) in variant.fields.iter().enumerate() {
		let name = field.name.clone().unwrap_or_else(|| i.to_string());
		let value =
			scale_value::scale::decode_as_type(&mut input, field.ty.id, metadata.types())
				.map_err(|e| anyhow!("{}::{} field {name}: {e}", pallet.name(), variant.name))?;
		let doc = to_json(&value, type_name, &name);
		fields.insert(name, doc);
	}
	Ok(fields)
}

/// A decoded value as JSON. `type_name` gives the last segment of a type's path (`AccountId32`,
/// `H256`, `BoundedVec`, `Option`; none for sequences, arrays, tuples and primitives); `field`
/// is the name of the event field it is in, which says how to show numbers and bytes.
fn to_json(
	value: &scale_value::Value<u32>,
	type_name: &dyn Fn(u32) -> Option<String>,
	field: &str,
) -> Json {
	let name = type_name(value.context);
	match name.as_deref() {
		Some("AccountId32") => {
			if let Some(bytes) = bytes_of(value).and_then(|b| <[u8; 32]>::try_from(b).ok()) {
				return output::account(&AccountId32(bytes));
			}
		},
		Some("H256") => {
			if let Some(bytes) = bytes_of(value) {
				return output::hash(&bytes);
			}
		},
		_ => {},
	}
	match &value.value {
		ValueDef::Primitive(p) => primitive(p, field),
		ValueDef::Composite(Composite::Named(items)) => Json::Object(
			items.iter().map(|(key, v)| (key.clone(), to_json(v, type_name, key))).collect(),
		),
		ValueDef::Composite(Composite::Unnamed(items)) => {
			// A named wrapper of one field (BoundedVec, a newtype) is its field.
			if items.len() == 1 && name.is_some() {
				return to_json(&items[0], type_name, field);
			}
			if field == "city" {
				if let Some(bytes) = bytes_of(value) {
					return output::text(&bytes);
				}
			}
			Json::Array(items.iter().map(|v| to_json(v, type_name, field)).collect())
		},
		ValueDef::Variant(v) => {
			let values: Vec<(Option<&String>, &scale_value::Value<u32>)> = match &v.values {
				Composite::Named(items) => items.iter().map(|(k, v)| (Some(k), v)).collect(),
				Composite::Unnamed(items) => items.iter().map(|v| (None, v)).collect(),
			};
			// Options are their value or null.
			if name.as_deref() == Some("Option") {
				return match values.first() {
					Some((_, inner)) => to_json(inner, type_name, field),
					None => Json::Null,
				};
			}
			let variant = output::snake(&v.name);
			match values.as_slice() {
				[] => Json::String(variant),
				[(None, inner)] => {
					json!({ "variant": variant, "value": to_json(inner, type_name, field) })
				},
				_ => {
					let mut doc = Map::new();
					doc.insert("variant".into(), Json::String(variant));
					for (i, (key, inner)) in values.iter().enumerate() {
						let key = key.cloned().unwrap_or_else(|| i.to_string());
						let inner = to_json(inner, type_name, &key);
						doc.insert(key, inner);
					}
					Json::Object(doc)
				},
			}
		},
		ValueDef::BitSequence(_) => Json::String("(a bit sequence)".into()),
	}
}

/// A number, text or flag as JSON; a price as an amount, a time field as a time.
fn primitive(p: &Primitive, field: &str) -> Json {
	match p {
		Primitive::Bool(b) => Json::Bool(*b),
		Primitive::Char(c) => Json::String(c.to_string()),
		Primitive::String(s) => Json::String(s.clone()),
		Primitive::U128(n) if field == "price" => output::amount(*n),
		Primitive::U128(n) => match u64::try_from(*n) {
			Ok(n) if TIME_FIELDS.contains(&field) => output::time(n),
			Ok(n) => json!(n),
			Err(_) => Json::String(n.to_string()),
		},
		Primitive::I128(n) => match i64::try_from(*n) {
			Ok(n) => json!(n),
			Err(_) => Json::String(n.to_string()),
		},
		Primitive::U256(bytes) | Primitive::I256(bytes) => output::hash(bytes),
	}
}

/// The bytes of a value that is a sequence of bytes, or a wrapper of one (an account, a hash,
/// a city code).
fn bytes_of(value: &scale_value::Value<u32>) -> Option<Vec<u8>> {
	match &value.value {
		ValueDef::Composite(Composite::Unnamed(items)) => {
			if let [inner] = items.as_slice() {
				if matches!(inner.value, ValueDef::Composite(_)) {
					return bytes_of(inner);
				}
			}
			items
				.iter()
				.map(|v| match &v.value {
					ValueDef::Primitive(Primitive::U128(n)) => u8::try_from(*n).ok(),
					_ => None,
				})
				.collect()
		},
		_ => None,
	}
}

/// The notary anchors of `tender`'s documents at `at` (those filed under it, and its opening
/// record, evaluation report and contract if anchored), each as a proof file: the anchor record
/// with the storage proof of its entry against the state root of block `at`.
async fn anchor_proofs(node: &Node, at: &At, tender: u64) -> Result<Vec<(H256, Json)>> {
	// The anchored keys, each with what it is.
	let mut keys: Vec<(H256, String)> =
		read(at, tenderchain::storage().notary().tender_anchors(), (tender,))
			.await?
			.0
			.into_iter()
			.map(|key| (key, format!("a document anchored under tender {tender}")))
			.collect();
	let opening = try_read(at, tenderchain::storage().tendering().opening_records(), (tender,))
		.await?
		.map(|r| r.hash.0);
	let report = try_read(at, tenderchain::storage().tendering().awards(), (tender,))
		.await?
		.map(|a| a.report.0);
	let contract = award::contract_of(at, tender).await?.map(|(hash, _, _)| hash);
	for (hash, what) in [
		(opening, "the opening record"),
		(report, "the evaluation report"),
		(contract, "the contract"),
	] {
		let Some(hash) = hash.map(H256) else { continue };
		match keys.iter_mut().find(|(key, _)| *key == hash) {
			Some((_, known)) => *known = format!("{what} of tender {tender}, anchored under it"),
			None => keys.push((hash, format!("{what} of tender {tender}"))),
		}
	}
	// Each one the notary holds, with its proof at `at`.
	let header = node
		.rpc
		.chain_get_header(Some(at.block_hash()))
		.await?
		.ok_or_else(|| anyhow!("block {:?} is unknown to {}", at.block_hash(), node.url))?;
	let mut proofs = Vec::new();
	for (key, what) in keys {
		let Some(anchor) = try_read(at, tenderchain::storage().notary().anchors(), (key,)).await?
		else {
			continue;
		};
		let storage_key =
			at.storage().entry(tenderchain::storage().notary().anchors())?.fetch_key((key,))?;
		let value = node.rpc.state_get_storage(&storage_key, Some(at.block_hash())).await?;
		let proof =
			node.rpc.state_get_read_proof([storage_key.as_slice()], Some(at.block_hash())).await?;
		proofs.push((
			key,
			json!({
				"kind": "tenderchain notary anchor with its storage proof",
				"anchored_key": output::hash(&key.0),
				"is": what,
				"anchor": notary::anchor_json(&anchor),
				"storage_proof": {
					"block": at.block_number(),
					"block_hash": output::hash(&at.block_hash().0),
					"state_root": output::hash(&header.state_root.0),
					"storage_key": output::hash(&storage_key),
					"storage_value": value.as_deref().map(output::hash),
					"trie_nodes": proof.proof.iter().map(|node| output::hash(&node.0)).collect::<Vec<_>>(),
				},
			}),
		));
	}
	Ok(proofs)
}

/// `README.txt`: what each file is and how to check it.
fn readme(tender: u64, read_at: u64, scan: &Scan, first: u64, last: u64, proofs: usize) -> String {
	let mut text = format!(
		"The history of tender {tender} on tenderchain, exported by `tender export {tender}`.

Every hash is 0x-hex (SHA-256 for documents, BLAKE2-256 for blocks), every account SS58, every
time Unix milliseconds with the same time in RFC 3339 (China Standard Time), every amount in fen
(a decimal string) with the same amount in yuan.

tender.json
    Every record the chain holds about the tender, read at finalized block #{read_at} (its
    hash is in blocks.json): the tender (title, city, owner, principal, state, deadlines,
    documents), the chain of attempts (re-tenders), amendments, the bids (commitments and their
    states: sealed, revealed with file hash, fingerprint and terms, or void), the entries
    lodged by the trading centre, collusion flags, the opening record (the valid bids' prices,
    durations and quality commitments, and the void bids), supervision entries, findings and
    a live suspension, the published award and ranking, and the award procedure (objections,
    complaints, award notices and the contract), and the evaluation committee (seats,
    evaluations, the majority ranking and dissents). `tender show {tender} --json` prints the
    same document from any node.

events.json
    Every event of the Tendering and Award pallets about tender {tender} (its `tender` field,
    or `previous` for a re-tender), with the block number and hash it was emitted in, its
    index in that block and the extrinsic it came from. Blocks #{first} to #{last} were read
    ({} blocks); the tender was created in {}.

blocks.json
    For each block that holds such an event, and for the block tender.json was read at: its
    number, hash, parent hash, state root and extrinsics root, and whether it was finalized
    when exported. A finalized block cannot be reverted: check that each hash is the one any
    other node of the consortium reports for that number (`chain_getBlockHash`), and that each
    header hashes (BLAKE2-256 of its SCALE encoding) to its hash.
",
		scan.scanned,
		match scan.creation {
			Some(block) => format!("block #{block} (its TenderCreated event)"),
			None => format!(
				"a block before #{first}, whose events this node no longer keeps (export again \
				 from an archive node to include them)"
			),
		}
	);
	if proofs > 0 {
		text.push_str(&format!(
			"
proofs/
    {proofs} notary anchor(s) of the tender's documents, one file each, named by the anchored
    hash: the anchor record (block, time, issuer and the part it plays in the tender, document
    type, number of documents) and a storage proof of the anchor's entry: the trie nodes, the
    storage key and the SCALE-encoded value, against the state root of finalized block
    #{read_at} (the same root is in blocks.json). Any Substrate storage-proof checker verifies
    the value from the nodes and the root; the value decodes to the anchor record as the
    runtime's metadata describes `Notary::Anchors`.
"
		));
	}
	text.push_str(&format!(
		"
How to check a document
    `tender verify FILE --tender {tender}` checks a file against the chain with an embedded
    light client that trusts no node: a bid file, the opening record, the evaluation report or
    the contract of the tender is found in its records; any other document by its notary
    anchor. A document notarized in a batch (`tender notarize`) is checked with the proof
    bundle written next to it at the time (FILE.tender-proof.json: its Merkle path to the
    anchored root); the chain holds only the root, so keep the bundles with the documents.
    `tender verify --tender {tender}` lists the records a file can be checked against.
"
	));
	if !scan.unreadable.is_empty() {
		text.push_str(&format!(
			"
Missing
    The events of {} block(s) could not be read from the node (its state of them was pruned):
    export again from an archive node (`--state-pruning archive`) to include them.
",
			scan.unreadable.len()
		));
	}
	text
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn unreadable_blocks_are_listed_as_ranges() {
		assert_eq!(ranges(&[3, 4, 5, 9, 11, 12]), vec![(3, 5), (9, 9), (11, 12)]);
		assert!(ranges(&[]).is_empty());
	}

	#[test]
	fn a_price_is_an_amount_and_a_deadline_a_time() {
		assert_eq!(primitive(&Primitive::U128(98_000_050), "price"), output::amount(98_000_050));
		assert_eq!(
			primitive(&Primitive::U128(1_796_090_400_000), "deadline")["unix_ms"],
			1_796_090_400_000u64
		);
		assert_eq!(primitive(&Primitive::U128(7), "valid"), json!(7));
	}

	#[test]
	fn an_existing_directory_with_files_is_refused() {
		let dir = std::env::temp_dir().join(format!("tender-export-{}", std::process::id()));
		fs::create_dir_all(&dir).expect("temp dir");
		assert!(check_out_dir(&dir).is_ok(), "an empty directory is taken");
		fs::write(dir.join("tender.json"), b"{}").expect("written");
		let err = check_out_dir(&dir).expect_err("not empty");
		assert!(err.to_string().contains("is not empty"), "{err}");
		assert!(check_out_dir(&dir.join("tender.json")).is_err(), "a file is refused");
		fs::remove_dir_all(&dir).expect("removed");
	}
}
