//! `tender load run`: pre-signed transactions submitted at a steady rate, spread over nodes,
//! and followed from one node until they are final; the run's figures as a JSON document.
//!
//! Every transaction is signed before the clock starts, so the figures measure the chain, not
//! the signing. Submission is paced (`rate` per second for `duration` seconds) and goes round
//! robin over the `--submit` nodes with `author_submitExtrinsic`. One observer node is
//! followed: its best blocks give each transaction's inclusion time, its finalized blocks the
//! finality time, the block's author (from the Aura slot) and how many of the run's
//! transactions each block carried. The nodes' processes, if named, are sampled once a second
//! for CPU and memory.

use std::{
	collections::HashMap,
	path::PathBuf,
	sync::{Arc, Mutex},
	time::{Duration, Instant},
};

use anyhow::{anyhow, bail, Context, Result};
use serde_json::Value;
use subxt::{
	config::PolkadotExtrinsicParamsBuilder,
	ext::codec::{Compact, Decode},
	rpcs::{rpc_params, RpcClient},
	utils::AccountId32,
};
use subxt_signer::sr25519::Keypair;

use super::{
	plan::Plan,
	report::{BlockTimes, Sample, TxTimes},
};
use crate::chain::{read_map, tenderchain, Config, Node};

/// At most this many submissions wait for an answer from one node at once.
const IN_FLIGHT_PER_NODE: usize = 256;

/// The kind of transaction a run sends.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Kind {
	/// `Tendering::commit_bid` from the plan's certified bidders, each to its own tender slot.
	Commit,
	/// `System::remark` from the trading centres (`--signers`).
	Remark,
}

/// What `tender load run` is asked for.
#[derive(Debug, clap::Args)]
pub struct Request {
	/// What to send: bid commitments from the plan's bidders, or trading centres' remarks.
	#[arg(long, value_enum, default_value = "commit")]
	pub kind: Kind,
	/// Transactions per second.
	#[arg(long, default_value_t = 100)]
	pub rate: u32,
	/// Seconds of submission.
	#[arg(long, default_value_t = 60)]
	pub duration: u32,
	/// A node to submit to (repeat for several; default: the `--url` node).
	#[arg(long)]
	pub submit: Vec<String>,
	/// The plan of `tender load prepare` (for `--kind commit`).
	#[arg(long)]
	pub plan: Option<PathBuf>,
	/// The trading centres' secret URIs (for `--kind remark`).
	#[arg(long, value_delimiter = ',', default_value = "//Alice,//Bob,//Charlie,//Dave")]
	pub signers: Vec<String>,
	/// Seconds to wait after submission for the last transactions to be final.
	#[arg(long, default_value_t = 60)]
	pub drain: u32,
	/// A node process to sample for CPU and memory, as name=pid (repeat).
	#[arg(long = "process", value_parser = parse_process)]
	pub processes: Vec<(String, u32)>,
	/// The run's label in the report.
	#[arg(long, default_value = "load")]
	pub label: String,
}

/// The run's shared record.
struct Record {
	start: Instant,
	/// What happened to each transaction, in seconds since `start`.
	txs: Vec<TxTimes>,
	by_hash: HashMap<[u8; 32], usize>,
	/// The finalized blocks seen.
	blocks: Vec<BlockTimes>,
	samples: Vec<Sample>,
}

impl Record {
	fn now(&self) -> f64 {
		self.start.elapsed().as_secs_f64()
	}
}

/// Signs the run's transactions, submits them at the rate asked, follows them to finality and
/// returns the run's report.
pub async fn run(node: &Node, req: Request) -> Result<Value> {
	if req.rate == 0 || req.duration == 0 {
		bail!("--rate and --duration must be at least 1");
	}
	if req.submit.is_empty() {
		bail!("give at least one --submit node");
	}
	let count = req.rate as usize * req.duration as usize;

	// Sign everything first.
	let signing = Instant::now();
	let encoded = match req.kind {
		Kind::Commit => {
			let path =
				req.plan.as_ref().ok_or_else(|| anyhow!("--kind commit needs --plan FILE"))?;
			let mut plan = Plan::read(path, node)?;
			let signed = commitments(node, &plan, count, req.rate).await?;
			// The next run takes the commitments after these.
			plan.used += count as u64;
			plan.write(path)?;
			signed
		},
		Kind::Remark => remarks(node, &req.signers, count).await?,
	};
	println!("signed {count} {:?} transactions in {:.1?}", req.kind, signing.elapsed());

	// The observer's view of the authors.
	let authorities = authority_names(node).await?;
	let record = Arc::new(Mutex::new(Record {
		start: Instant::now(),
		by_hash: encoded
			.iter()
			.enumerate()
			.map(|(i, bytes)| (sp_crypto_hashing::blake2_256(bytes), i))
			.collect(),
		txs: encoded
			.iter()
			.map(|_| TxTimes { submitted: None, in_block: None, finalized: None, refused: None })
			.collect(),
		blocks: Vec::new(),
		samples: Vec::new(),
	}));

	// Observe from before the first submission.
	let observer = tokio::spawn(observe(node.url.clone(), record.clone(), authorities));
	let sampler = tokio::spawn(sample(req.processes.clone(), record.clone()));
	let mut first_finalized_block = None;
	if let Ok(hash) = node.rpc.chain_get_finalized_head().await {
		first_finalized_block = node.block_number(hash).await.ok();
	}

	// Submit at the rate asked, round robin over the nodes.
	let mut clients = Vec::new();
	for url in &req.submit {
		let client = RpcClient::from_insecure_url(url)
			.await
			.map_err(|e| anyhow!("cannot reach the node at {url} to submit to: {e}"))?;
		clients.push((client, Arc::new(tokio::sync::Semaphore::new(IN_FLIGHT_PER_NODE))));
	}
	let start = record.lock().expect("not poisoned").start;
	let interval = Duration::from_secs_f64(1.0 / req.rate as f64);
	let mut tasks = Vec::with_capacity(count);
	for i in 0..count {
		tokio::time::sleep_until((start + interval * i as u32).into()).await;
		let (client, permits) = &clients[i % clients.len()];
		let permit = permits.clone().acquire_owned().await.expect("never closed");
		let (client, record) = (client.clone(), record.clone());
		let hex = format!("0x{}", hex::encode(&encoded[i]));
		{
			let mut r = record.lock().expect("not poisoned");
			r.txs[i].submitted = Some(r.now());
		}
		tasks.push(tokio::spawn(async move {
			let answer = client.request::<String>("author_submitExtrinsic", rpc_params![hex]).await;
			drop(permit);
			if let Err(e) = answer {
				record.lock().expect("not poisoned").txs[i].refused = Some(refusal(&e.to_string()));
			}
		}));
	}
	for task in tasks {
		let _ = task.await;
	}
	let submitted_for = record.lock().expect("not poisoned").now();
	println!("submitted {count} in {submitted_for:.1} s; waiting for finality");

	// Wait until every accepted transaction is final, or the drain time is over.
	let give_up = Instant::now() + Duration::from_secs(req.drain as u64);
	loop {
		let pending = {
			let r = record.lock().expect("not poisoned");
			r.txs.iter().filter(|t| t.refused.is_none() && t.finalized.is_none()).count()
		};
		if pending == 0 || Instant::now() >= give_up {
			break;
		}
		tokio::time::sleep(Duration::from_millis(500)).await;
	}
	observer.abort();
	sampler.abort();

	let r = record.lock().expect("not poisoned");
	Ok(super::report::summarise(&req, &r.txs, &r.blocks, &r.samples, first_finalized_block))
}

/// A refusal's message, without the parts that differ per transaction (hashes, nonces), so
/// that refusals can be counted by reason.
fn refusal(message: &str) -> String {
	let general = message.split("0x").next().unwrap_or(message);
	general.chars().take(200).collect::<String>().trim().to_string()
}

/// Transactions are signed offline (the nonce given, immortal): asking the node for each one's
/// nonce and block would take longer than the run.
///
/// `count` commitments from the plan, after the `used` ones of earlier runs: commitment `k`
/// goes to tender `k / max_bidders` from bidder `k % bidders`, so no bidder bids twice on one
/// tender and no tender overfills. The bidders' nonces are read from the chain.
async fn commitments(node: &Node, plan: &Plan, count: usize, rate: u32) -> Result<Vec<Vec<u8>>> {
	let per_tender = plan.max_bidders.min(plan.bidders) as usize;
	let room = (plan.tenders.len() * per_tender).saturating_sub(plan.used as usize);
	if count > room {
		bail!(
			"the plan has room for {room} more commitments ({} tenders × {per_tender} bidders, \
			 {} used by earlier runs); the run needs {count}: prepare a plan with more --tenders",
			plan.tenders.len(),
			plan.used
		);
	}
	// The admission gate lets a participant send a bounded number per window; a run faster than
	// one commitment per bidder per second would measure refusals.
	if rate > plan.bidders {
		bail!(
			"--rate {rate} is more than one commitment per second from each of the plan's {} \
			 bidders (the admission gate's rate limit): prepare a plan with more --bidders",
			plan.bidders
		);
	}
	let bidders = (0..plan.bidders).map(|i| plan.bidder(i)).collect::<Result<Vec<_>>>()?;
	let tx = node.api.transactions().await?;
	let mut nonces = Vec::with_capacity(bidders.len());
	for key in &bidders {
		let who = AccountId32::from(key.public_key());
		nonces.push(
			tx.account_nonce(&who)
				.await
				.with_context(|| format!("cannot read the nonce of {who}"))?,
		);
	}
	let mut out = Vec::with_capacity(count);
	for k in plan.used as usize..plan.used as usize + count {
		let b = k % bidders.len();
		let tender = plan.tenders[k / per_tender];
		let commitment: [u8; 32] = rand::random();
		let call = tenderchain::transactions().tendering().commit_bid(tender, commitment.into());
		let params =
			PolkadotExtrinsicParamsBuilder::<Config>::new().nonce(nonces[b]).immortal().build();
		nonces[b] += 1;
		out.push(tx.create_signable_offline(&call, params)?.sign(&bidders[b])?.into_encoded());
	}
	Ok(out)
}

/// `count` remarks of 32 random bytes from the `signers`, in turn.
async fn remarks(node: &Node, signers: &[String], count: usize) -> Result<Vec<Vec<u8>>> {
	if signers.is_empty() {
		bail!("--kind remark needs --signers (the trading centres' secret URIs)");
	}
	let keys = signers.iter().map(|s| crate::keys::signer(s)).collect::<Result<Vec<Keypair>>>()?;
	let tx = node.api.transactions().await?;
	let mut nonces = Vec::new();
	for key in &keys {
		nonces.push(tx.account_nonce(&AccountId32::from(key.public_key())).await?);
	}
	let mut out = Vec::with_capacity(count);
	for k in 0..count {
		let s = k % keys.len();
		let call = tenderchain::transactions().system().remark(rand::random::<[u8; 32]>().to_vec());
		let params =
			PolkadotExtrinsicParamsBuilder::<Config>::new().nonce(nonces[s]).immortal().build();
		nonces[s] += 1;
		out.push(tx.create_signable_offline(&call, params)?.sign(&keys[s])?.into_encoded());
	}
	Ok(out)
}

/// The Aura authorities in order, each named by its city (from the consortium's records) or by
/// its key.
async fn authority_names(node: &Node) -> Result<Vec<String>> {
	let at = node.api.at_current_block().await?;
	let authorities =
		crate::chain::read(&at, tenderchain::storage().aura().authorities(), ()).await?;
	let cities = read_map(&at, tenderchain::storage().consortium().cities()).await?;
	Ok(authorities
		.0
		.iter()
		.map(|key| {
			cities
				.iter()
				.find(|(_, c)| c.session_keys.0.get(..32) == Some(&key.0[..]))
				.map(|(_, c)| String::from_utf8_lossy(&c.name.0).into_owned())
				.unwrap_or_else(|| format!("0x{}", hex::encode(key.0)))
		})
		.collect())
}

/// Follows the node at `url`: marks each of the run's transactions when it is first seen in a
/// best block and when its block is finalized, and records every finalized block.
async fn observe(url: String, record: Arc<Mutex<Record>>, authorities: Vec<String>) -> Result<()> {
	let client = RpcClient::from_insecure_url(&url)
		.await
		.map_err(|e| anyhow!("cannot reach the observer node {url}: {e}"))?;
	let mut best = client
		.subscribe::<Value>("chain_subscribeNewHeads", rpc_params![], "chain_unsubscribeNewHeads")
		.await?;
	let mut finalized = client
		.subscribe::<Value>(
			"chain_subscribeFinalizedHeads",
			rpc_params![],
			"chain_unsubscribeFinalizedHeads",
		)
		.await?;
	let mut last_finalized: Option<u64> = None;
	loop {
		tokio::select! {
			Some(Ok(head)) = best.next() => {
				let number = header_number(&head)?;
				let Some(hash) = block_hash(&client, number).await? else { continue };
				let block = get_block(&client, &hash).await?;
				let mut r = record.lock().expect("not poisoned");
				let now = r.now();
				for xt in extrinsics(&block)? {
					if let Some(&i) = r.by_hash.get(&sp_crypto_hashing::blake2_256(&xt)) {
						r.txs[i].in_block.get_or_insert(now);
					}
				}
			},
			Some(Ok(head)) = finalized.next() => {
				let number = header_number(&head)?;
				let from = last_finalized.map(|n| n + 1).unwrap_or(number);
				for n in from..=number {
					let Some(hash) = block_hash(&client, n).await? else { continue };
					let block = get_block(&client, &hash).await?;
					let author = block_author(&block, &authorities);
					let xts = extrinsics(&block)?;
					let mut r = record.lock().expect("not poisoned");
					let now = r.now();
					let mut ours = 0;
					for xt in &xts {
						if let Some(&i) = r.by_hash.get(&sp_crypto_hashing::blake2_256(xt)) {
							ours += 1;
							r.txs[i].in_block.get_or_insert(now);
							r.txs[i].finalized.get_or_insert(now);
						}
					}
					r.blocks.push(BlockTimes {
						number: n,
						author,
						extrinsics: xts.len(),
						ours,
						finalized_at: now,
					});
				}
				last_finalized = Some(number);
			},
			else => return Ok(()),
		}
	}
}

/// A header's number from its JSON.
fn header_number(head: &Value) -> Result<u64> {
	let text = head["number"].as_str().ok_or_else(|| anyhow!("a header without a number"))?;
	u64::from_str_radix(text.trim_start_matches("0x"), 16)
		.map_err(|_| anyhow!("a header's number '{text}' is not hex"))
}

/// The hash of block `number` on the node's best chain.
async fn block_hash(client: &RpcClient, number: u64) -> Result<Option<String>> {
	Ok(client.request::<Option<String>>("chain_getBlockHash", rpc_params![number]).await?)
}

/// The block `hash` as JSON.
async fn get_block(client: &RpcClient, hash: &str) -> Result<Value> {
	Ok(client.request::<Value>("chain_getBlock", rpc_params![hash]).await?)
}

/// A block's extrinsics, as bytes.
fn extrinsics(block: &Value) -> Result<Vec<Vec<u8>>> {
	block["block"]["extrinsics"]
		.as_array()
		.ok_or_else(|| anyhow!("a block without extrinsics"))?
		.iter()
		.map(|x| {
			hex::decode(x.as_str().unwrap_or_default().trim_start_matches("0x"))
				.map_err(|_| anyhow!("an extrinsic that is not hex"))
		})
		.collect()
}

/// The author of a block: the Aura authority of its slot (`slot mod authorities`), read from
/// the pre-runtime digest.
fn block_author(block: &Value, authorities: &[String]) -> String {
	let logs = block["block"]["header"]["digest"]["logs"].as_array().cloned().unwrap_or_default();
	for log in logs {
		let Ok(bytes) = hex::decode(log.as_str().unwrap_or_default().trim_start_matches("0x"))
		else {
			continue;
		};
		// DigestItem::PreRuntime (6), engine id, SCALE bytes of the slot (u64).
		if bytes.first() != Some(&6) || bytes.get(1..5) != Some(&b"aura"[..]) {
			continue;
		}
		let mut rest = &bytes[5..];
		let Ok(Compact(len)) = Compact::<u32>::decode(&mut rest) else { continue };
		if len != 8 || authorities.is_empty() {
			continue;
		}
		let Ok(slot) = u64::decode(&mut rest) else { continue };
		return authorities[(slot % authorities.len() as u64) as usize].clone();
	}
	"unknown".into()
}

/// Samples the `processes` once a second from /proc until aborted, into the record.
async fn sample(processes: Vec<(String, u32)>, record: Arc<Mutex<Record>>) {
	loop {
		{
			let mut r = record.lock().expect("not poisoned");
			let at = r.now();
			for (name, pid) in &processes {
				if let Some((cpu_seconds, rss_kib)) = read_proc(*pid) {
					r.samples.push(Sample { name: name.clone(), at, cpu_seconds, rss_kib });
				}
			}
		}
		tokio::time::sleep(Duration::from_secs(1)).await;
	}
}

/// The CPU seconds (user + system) and resident KiB of process `pid`, from /proc.
fn read_proc(pid: u32) -> Option<(f64, u64)> {
	let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
	// Fields after the command name (which is in parentheses and may hold spaces).
	let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
	// utime and stime are fields 14 and 15 of the line, 12 and 13 after the name; clock ticks
	// of 1/100 s on Linux.
	let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
	let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
	let rss = status
		.lines()
		.find(|l| l.starts_with("VmRSS:"))?
		.split_whitespace()
		.nth(1)?
		.parse()
		.ok()?;
	Some((ticks as f64 / 100.0, rss))
}

/// Reads `name=pid` pairs.
pub fn parse_process(text: &str) -> Result<(String, u32)> {
	let (name, pid) =
		text.split_once('=').ok_or_else(|| anyhow!("--process '{text}' is not name=pid"))?;
	Ok((name.to_string(), pid.parse().map_err(|_| anyhow!("--process '{text}': not a pid"))?))
}

#[cfg(test)]
mod tests {
	use super::*;
	use serde_json::json;

	#[test]
	fn the_author_is_the_authority_of_the_slot() {
		// PreRuntime, "aura", 8 bytes: slot 7 of 4 authorities is the fourth (7 mod 4 = 3).
		let mut log = vec![6u8];
		log.extend_from_slice(b"aura");
		log.push(8 << 2);
		log.extend_from_slice(&7u64.to_le_bytes());
		let block = json!({"block": {"header": {"digest": {"logs": [format!("0x{}", hex::encode(&log))]}}}});
		let names: Vec<String> = ["A", "B", "C", "D"].iter().map(|s| s.to_string()).collect();
		assert_eq!(block_author(&block, &names), "D");
		assert_eq!(block_author(&json!({}), &names), "unknown");
	}

	#[test]
	fn this_process_can_be_sampled() {
		let (cpu, rss) = read_proc(std::process::id()).expect("/proc of this process");
		assert!(cpu >= 0.0);
		assert!(rss > 0);
	}
}
