//! `tender notarize` and `tender verify`: anchoring files on chain, and checking them later
//! with a light client that trusts no node.
//!
//! Files are hashed (SHA-256) locally; only hashes leave the machine. Several files are
//! anchored as one Merkle batch (the tree of `pallet-notary`'s `merkle` module, implemented
//! again here), and each file gets a proof bundle next to it: `<file>.tender-proof.json`.

use std::{
	fs,
	path::{Path, PathBuf},
	time::Instant,
};

use anyhow::{anyhow, bail, Context, Result};
use clap::Subcommand;
use serde::{Deserialize, Serialize};
use subxt::{
	utils::{AccountId32, H256},
	OnlineClient,
};
use subxt_signer::sr25519::Keypair;

use crate::{
	chain::{read, tenderchain, try_read, At, Config, Node, FINALITY_TIMEOUT, POLL_INTERVAL},
	ctx::{Ctx, NotVerified, Verdict},
	files,
	keys::hex32,
	output::{self, say},
};
use tenderchain::runtime_types::pallet_notary::{
	DocumentType as ChainDocumentType, PartyRole as ChainPartyRole,
};

/// A notary anchor as the chain stores it.
pub type Anchor = tenderchain::runtime_types::pallet_notary::Anchor<AccountId32, u32>;

/// The suffix of a proof bundle's file name.
pub const BUNDLE_SUFFIX: &str = ".tender-proof.json";

/// `tender notarize` and `tender verify`, at the top level of `tender`.
#[derive(Debug, Subcommand)]
pub enum Command {
	/// Notarize files: hash them, anchor them in Merkle batches, and write a proof bundle next
	/// to each (`<file>.tender-proof.json`).
	Notarize {
		/// Files or directories (recursively).
		#[arg(required = true)]
		paths: Vec<PathBuf>,
		/// The document type.
		#[arg(long = "type", value_enum, default_value = "archive")]
		document_type: DocumentType,
		/// The tender the documents belong to.
		#[arg(long)]
		tender: Option<u64>,
		/// Documents per batch (one transaction each).
		#[arg(long, default_value_t = 256)]
		batch_size: usize,
	},
	/// Verify that a file is notarized, with an embedded light client that trusts no node: it
	/// starts from the raw chain spec, follows GRANDPA finality and checks storage proofs.
	/// Exits 0 if verified, 1 if not.
	Verify {
		/// The files (each one's proof bundle `<file>.tender-proof.json` is used if present).
		files: Vec<PathBuf>,
		/// A proof bundle elsewhere.
		#[arg(long)]
		proof: Option<PathBuf>,
		/// Without files, list this tender's anchored documents; with files, check them
		/// against its records (with `--peer`, the peer's tender they were filed under there).
		#[arg(long)]
		tender: Option<u64>,
		/// The raw chain spec the light client starts from.
		#[arg(long, env = "TENDER_CHAIN_SPEC", default_value = "chain-spec/local-raw.json")]
		chain_spec: PathBuf,
		/// Read through this node's RPC instead (faster, but trusts the node).
		#[arg(long)]
		rpc: Option<String>,
		/// Verify a document of this peer province (e.g. Gansu), as this chain recognised it
		/// by proof against the peer's finalized header (`tender relay --document`).
		#[arg(long)]
		peer: Option<String>,
	},
}

/// Runs `tender notarize` or `tender verify`.
pub async fn run(ctx: &Ctx, cmd: Command) -> Result<()> {
	match cmd {
		Command::Notarize { paths, document_type, tender, batch_size } => {
			notarize(ctx.node().await?, &ctx.signer()?, paths, document_type, tender, batch_size)
				.await
		},
		// Verification trusts no node: it does not connect to --url.
		Command::Verify { files, proof, tender, chain_spec, rpc, peer } => {
			let source = match rpc {
				Some(url) => Source::Rpc(url),
				None => Source::LightClient(chain_spec),
			};
			verify(source, files, proof, tender, peer, ctx.json()).await?.into_result()
		},
	}
}

/// The document types, as the command line names them.
#[derive(Clone, Copy, Debug, clap::ValueEnum, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum DocumentType {
	/// 招标公告
	Notice,
	/// 澄清/补遗
	Amendment,
	/// 开标记录
	BidOpeningRecord,
	/// 评标报告
	EvaluationReport,
	/// 中标公告
	AwardNotice,
	/// 合同
	Contract,
	/// 档案
	Archive,
}

impl From<DocumentType> for ChainDocumentType {
	fn from(t: DocumentType) -> Self {
		match t {
			DocumentType::Notice => ChainDocumentType::Notice,
			DocumentType::Amendment => ChainDocumentType::Amendment,
			DocumentType::BidOpeningRecord => ChainDocumentType::BidOpeningRecord,
			DocumentType::EvaluationReport => ChainDocumentType::EvaluationReport,
			DocumentType::AwardNotice => ChainDocumentType::AwardNotice,
			DocumentType::Contract => ChainDocumentType::Contract,
			DocumentType::Archive => ChainDocumentType::Archive,
		}
	}
}

fn type_name(t: &ChainDocumentType) -> &'static str {
	match t {
		ChainDocumentType::Notice => "tender notice (招标公告)",
		ChainDocumentType::Amendment => "amendment (澄清/补遗)",
		ChainDocumentType::BidOpeningRecord => "bid-opening record (开标记录)",
		ChainDocumentType::EvaluationReport => "evaluation report (评标报告)",
		ChainDocumentType::AwardNotice => "award notice (中标公告)",
		ChainDocumentType::Contract => "contract (合同)",
		ChainDocumentType::Archive => "archive (档案)",
	}
}

/// The part a document's issuer plays in its tender, in words.
fn role_name(role: &ChainPartyRole) -> &'static str {
	match role {
		ChainPartyRole::Tenderer => "the tenderer (招标人)",
		ChainPartyRole::Agency => "the agency (招标代理)",
		ChainPartyRole::Principal => "the principal tenderer (委托人)",
		ChainPartyRole::Expert => "a seated evaluation expert (评标专家)",
		ChainPartyRole::TradingCentre => "the host trading centre (交易中心)",
	}
}

/// The binary SHA-256 Merkle tree of a batch, as `pallet-notary` defines it: leaf
/// `SHA-256(0x00 ‖ d)`, inner node `SHA-256(0x01 ‖ a ‖ b)`, an odd last node carried up.
pub mod merkle {
	use sha2::{Digest, Sha256};

	/// A 32-byte hash.
	pub type Hash = [u8; 32];

	/// The leaf node of document hash `d`.
	pub fn leaf(d: &Hash) -> Hash {
		Sha256::new().chain_update([0x00]).chain_update(d).finalize().into()
	}

	/// The inner node over `a` and `b`.
	pub fn node(a: &Hash, b: &Hash) -> Hash {
		Sha256::new().chain_update([0x01]).chain_update(a).chain_update(b).finalize().into()
	}

	fn up(level: &[Hash]) -> Vec<Hash> {
		level.chunks(2).map(|p| if p.len() == 2 { node(&p[0], &p[1]) } else { p[0] }).collect()
	}

	/// The root over `docs` (None if empty).
	pub fn root(docs: &[Hash]) -> Option<Hash> {
		let mut level: Vec<Hash> = docs.iter().map(leaf).collect();
		while level.len() > 1 {
			level = up(&level);
		}
		level.first().copied()
	}

	/// The path of document `index`: `(sibling is on the left, sibling)` from the bottom up.
	pub fn path(docs: &[Hash], index: usize) -> Vec<(bool, Hash)> {
		let mut level: Vec<Hash> = docs.iter().map(leaf).collect();
		let mut i = index;
		let mut steps = Vec::new();
		while level.len() > 1 {
			let sibling = i ^ 1;
			if sibling < level.len() {
				steps.push((sibling < i, level[sibling]));
			}
			level = up(&level);
			i /= 2;
		}
		steps
	}

	/// The root that `d` and `path` lead to.
	pub fn root_from_path(d: &Hash, path: &[(bool, Hash)]) -> Hash {
		path.iter().fold(
			leaf(d),
			|acc, (left, sibling)| if *left { node(sibling, &acc) } else { node(&acc, sibling) },
		)
	}
}

/// One step of a proof path.
#[derive(Debug, Serialize, Deserialize)]
struct Step {
	/// `left` or `right`: where the sibling sits.
	side: String,
	/// The sibling node, 0x-hex.
	hash: String,
}

/// The proof bundle written next to a notarized file.
#[derive(Debug, Serialize, Deserialize)]
struct Bundle {
	/// The file's SHA-256 (the leaf's document hash), 0x-hex.
	document: String,
	/// Its position in the batch.
	index: usize,
	/// The number of documents in the batch.
	documents: usize,
	/// The path from the leaf to the root.
	path: Vec<Step>,
	/// The batch's Merkle root, as anchored, 0x-hex.
	root: String,
	/// The block the root was anchored in.
	block: u64,
	/// The document type.
	document_type: DocumentType,
	/// The tender, if any.
	tender: Option<u64>,
}

/// What is anchored on chain for `file`: the Merkle root of its batch if its proof bundle
/// (`<file>.tender-proof.json`) is next to it and proves the file, else the file's SHA-256.
pub fn anchored_key(file: &Path) -> Result<[u8; 32]> {
	let document = files::sha256(file)?;
	let bundle_path = PathBuf::from(format!("{}{BUNDLE_SUFFIX}", file.display()));
	if !bundle_path.exists() {
		return Ok(document);
	}
	let text = fs::read_to_string(&bundle_path)
		.with_context(|| format!("cannot read the proof bundle {}", bundle_path.display()))?;
	let bundle: Bundle = serde_json::from_str(&text)
		.with_context(|| format!("{} is not a proof bundle", bundle_path.display()))?;
	if hex32(&bundle.document, "the bundle's document hash")? != document {
		bail!(
			"{} is not the file its proof bundle {} is for",
			file.display(),
			bundle_path.display()
		);
	}
	let mut path_steps = Vec::new();
	for step in &bundle.path {
		path_steps.push((step.side == "left", hex32(&step.hash, "a path step")?));
	}
	Ok(merkle::root_from_path(&document, &path_steps))
}

/// The files under `paths` (directories recursively), proof bundles left out, sorted. Each
/// directory is listed once, so a symbolic link back up the tree does not loop.
fn collect(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
	let mut files = Vec::new();
	let mut listed = std::collections::BTreeSet::new();
	let mut pending: Vec<PathBuf> = paths.to_vec();
	while let Some(path) = pending.pop() {
		let meta =
			fs::metadata(&path).with_context(|| format!("cannot read {}", path.display()))?;
		if meta.is_dir() {
			let real = fs::canonicalize(&path)
				.with_context(|| format!("cannot resolve {}", path.display()))?;
			if !listed.insert(real) {
				continue;
			}
			for entry in
				fs::read_dir(&path).with_context(|| format!("cannot list {}", path.display()))?
			{
				pending.push(entry?.path());
			}
		} else if !path.to_string_lossy().ends_with(BUNDLE_SUFFIX) {
			files.push(path);
		}
	}
	files.sort();
	Ok(files)
}

/// `tender notarize`: hashes the files, anchors them in Merkle batches and writes a proof
/// bundle next to each.
async fn notarize(
	node: &Node,
	pair: &Keypair,
	paths: Vec<PathBuf>,
	document_type: DocumentType,
	tender: Option<u64>,
	batch_size: usize,
) -> Result<()> {
	// The files, and batches no larger than the runtime takes.
	let files = collect(&paths)?;
	if files.is_empty() {
		bail!(
			"no files to notarize under {}",
			paths.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ")
		);
	}
	let max = node
		.api
		.at_current_block()
		.await?
		.constants()
		.entry(tenderchain::constants().notary().max_batch_size())? as usize;
	let batch_size = batch_size.clamp(1, max);

	// Only hashes leave the machine.
	let hashes = files::sha256_all(&files)?;

	// All batches are signed with consecutive nonces and submitted at once, then awaited: the
	// chain takes them in the next blocks instead of one batch per finality round.
	let started = Instant::now();
	let batches = files.len().div_ceil(batch_size);
	let who = subxt::utils::AccountId32::from(pair.public_key());
	let mut tx = node.api.transactions().await?;
	let first_nonce =
		tx.account_nonce(&who).await.map_err(|e| anyhow!("cannot read the nonce of {who}: {e}"))?;
	let mut pending = Vec::with_capacity(batches);
	for (b, docs) in hashes.chunks(batch_size).enumerate() {
		let root = merkle::root(docs).expect("a batch is never empty");
		let call = tenderchain::transactions().notary().anchor_batch(
			H256(root),
			docs.len() as u32,
			document_type.into(),
			tender,
		);
		let params = subxt::config::PolkadotExtrinsicParamsBuilder::<Config>::new()
			.nonce(first_nonce + b as u64)
			.build();
		let what = format!("anchoring batch {} of {batches}", b + 1);
		let signed = tx
			.create_signed(&call, pair, params)
			.await
			.map_err(|e| node.explain(&what, Some(&who.to_string()), e))?;
		let progress = signed
			.submit_and_watch()
			.await
			.map_err(|e| node.explain(&what, Some(&who.to_string()), e))?;
		pending.push((root, progress, what, call.call_name().to_string()));
	}
	// Each batch's finality (bounded), then a proof bundle for each of its files.
	for (b, ((root, progress, what, call_name), (names, docs))) in
		pending.into_iter().zip(files.chunks(batch_size).zip(hashes.chunks(batch_size))).enumerate()
	{
		let block =
			node.finalized(progress, &what, &call_name, Some(&who.to_string())).await?.block;
		for (i, (file, doc)) in names.iter().zip(docs).enumerate() {
			let bundle = Bundle {
				document: format!("0x{}", hex::encode(doc)),
				index: i,
				documents: docs.len(),
				path: merkle::path(docs, i)
					.into_iter()
					.map(|(left, h)| Step {
						side: if left { "left" } else { "right" }.into(),
						hash: format!("0x{}", hex::encode(h)),
					})
					.collect(),
				root: format!("0x{}", hex::encode(root)),
				block,
				document_type,
				tender,
			};
			let out = PathBuf::from(format!("{}{BUNDLE_SUFFIX}", file.display()));
			fs::write(&out, serde_json::to_string_pretty(&bundle)?)
				.with_context(|| format!("cannot write {}", out.display()))?;
		}
		println!(
			"batch {}/{batches}: {} files, root 0x{}, finalized in block #{block}",
			b + 1,
			docs.len(),
			hex::encode(root)
		);
	}
	let secs = started.elapsed().as_secs_f64();
	println!(
		"notarized {} files in {batches} batches in {secs:.1} s ({:.1} files/s, anchored and finalized); proof bundles: <file>{BUNDLE_SUFFIX}",
		files.len(),
		files.len() as f64 / secs.max(0.001)
	);
	Ok(())
}

/// Where `tender verify` reads the chain.
pub enum Source {
	/// An embedded light client started from this raw chain spec: trusts no node.
	LightClient(PathBuf),
	/// A node's RPC: trusts that node.
	Rpc(String),
}

/// A client reading the chain from `source`, and how it reads, for the report.
async fn connect(source: &Source) -> Result<(OnlineClient<Config>, String)> {
	match source {
		Source::LightClient(spec) => {
			// Start smoldot from the raw spec; it syncs from the spec's bootnodes (bounded).
			let text = fs::read_to_string(spec)
				.with_context(|| format!("cannot read the chain spec {}", spec.display()))?;
			let (_client, rpc) = subxt::lightclient::LightClient::relay_chain(text.as_str())
				.map_err(|e| {
					anyhow!("the light client cannot start from {}: {e}", spec.display())
				})?;
			let api = tokio::time::timeout(FINALITY_TIMEOUT, OnlineClient::<Config>::from_rpc_client(rpc))
				.await
				.map_err(|_| {
					anyhow!(
						"the light client found no finalized block within {} s (are the spec's bootnodes up? is finality stalled?)",
						FINALITY_TIMEOUT.as_secs()
					)
				})?
				.map_err(|e| anyhow!("the light client found no finalized block to read (are the spec's bootnodes up?): {e}"))?;
			// Keep smoldot alive for the whole process.
			std::mem::forget(_client);
			Ok((
				api,
				format!("embedded light client (smoldot) from {}; trusts no node", spec.display()),
			))
		},
		Source::Rpc(url) => {
			let api = tokio::time::timeout(
				FINALITY_TIMEOUT,
				OnlineClient::<Config>::from_insecure_url(url),
			)
			.await
			.map_err(|_| {
				anyhow!("the node at {url} did not answer within {} s", FINALITY_TIMEOUT.as_secs())
			})?
			.map_err(|e| anyhow!("cannot reach node at {url}: {e}"))?;
			Ok((
				api,
				format!(
					"RPC of {url} — this trusts that node; use the light client to trust no one"
				),
			))
		},
	}
}

/// The latest finalized block, once the client can read it. A light client that has just
/// started is still warp-syncing: its finalized head moves (and earlier heads are dropped)
/// until it has caught up, so a read may have to be retried.
async fn finalized_block(
	api: &OnlineClient<Config>,
) -> Result<subxt::client::OnlineClientAtBlock<Config>> {
	// A light client starts from its checkpoint and syncs: wait until its finalized block is
	// recent (stamped within `RECENT_MS` of this machine's clock), so that records anchored
	// since are seen; a chain whose finality has stalled is read as it is once the wait ends.
	const RECENT_MS: u64 = 60_000;
	let deadline = Instant::now() + FINALITY_TIMEOUT;
	loop {
		match api.at_current_block().await {
			Ok(at) => {
				let stamped =
					try_read(&at, tenderchain::storage().timestamp().now(), ()).await?.unwrap_or(0);
				if crate::time::now_ms().saturating_sub(stamped) <= RECENT_MS
					|| Instant::now() >= deadline
				{
					return Ok(at);
				}
				tokio::time::sleep(POLL_INTERVAL).await;
			},
			Err(e) if Instant::now() < deadline => {
				let _ = e;
				tokio::time::sleep(POLL_INTERVAL).await;
			},
			Err(e) => bail!("no readable finalized block within {FINALITY_TIMEOUT:?}: {e}"),
		}
	}
}

/// `tender verify`: verified only if every file is anchored in a finalized block. Prints how
/// long the light client took to its first verified record and each further verification; with
/// `json`, one JSON document: the verdict, and for each file the facts checked (or why it did
/// not verify).
async fn verify(
	source: Source,
	files: Vec<PathBuf>,
	bundle: Option<PathBuf>,
	tender: Option<u64>,
	peer: Option<String>,
	json: bool,
) -> Result<Verdict> {
	// Reach a finalized block through the light client (or the node, if asked).
	let started = Instant::now();
	let (api, how) = connect(&source).await?;
	let at = finalized_block(&api).await?;
	let finalized = at.block_number();
	say!(
		json,
		"finalized block #{finalized} reached in {:.2} s; {how}",
		started.elapsed().as_secs_f64()
	);
	let mut doc = serde_json::json!({
		"source": how,
		"finalized_block": finalized,
		"finalized_hash": output::hash(&at.block_hash().0),
	});

	// Without files: list the tender's records.
	if files.is_empty() {
		let tender =
			tender.ok_or_else(|| anyhow!("give the file(s) to verify, or --tender <id>"))?;
		let record = TenderRecord::read(&at, tender).await?;
		if json {
			doc["tender"] = record.json(tender);
			output::print(&doc)?;
		} else {
			record.print(tender);
		}
		return Ok(Verdict::Verified);
	}
	if bundle.is_some() && files.len() > 1 {
		bail!("--proof names the bundle of one file; give one file with it");
	}
	let peer = match peer {
		Some(name) => Some(peer_slot(&at, &name).await?),
		None => None,
	};
	// Each file in turn; every failure is said at once and counted.
	let mut failures = 0;
	let mut results = Vec::new();
	for file in &files {
		let one = Instant::now();
		match verify_file(&at, file, bundle.clone(), tender, peer.as_ref(), json).await {
			Ok(mut facts) => {
				say!(
					json,
					"  checked in {:.0} ms ({:.2} s since start)",
					one.elapsed().as_secs_f64() * 1000.0,
					started.elapsed().as_secs_f64()
				);
				facts["file"] = serde_json::json!(file.display().to_string());
				facts["verified"] = serde_json::json!(true);
				results.push(facts);
			},
			Err(e) => {
				eprintln!("{e:#}");
				failures += 1;
				results.push(serde_json::json!({
					"file": file.display().to_string(),
					"verified": false,
					"reason": format!("{e:#}"),
				}));
			},
		}
	}
	if json {
		doc["files"] = serde_json::Value::Array(results);
		doc["verified"] = serde_json::json!(failures == 0);
		doc["summary"] = serde_json::json!(if failures == 0 {
			format!("{} files verified", files.len())
		} else {
			format!("{failures} of {} files NOT VERIFIED", files.len())
		});
		output::print(&doc)?;
	}
	if failures == 0 {
		Ok(Verdict::Verified)
	} else {
		Ok(Verdict::NotVerified(NotVerified {
			summary: format!("{failures} of {} files NOT VERIFIED", files.len()),
		}))
	}
}

/// Verifies one file: prints what was found (unless `json`) and returns the facts checked, as
/// JSON; an error (`NOT VERIFIED: …`) if it does not verify.
async fn verify_file(
	at: &subxt::client::OnlineClientAtBlock<Config>,
	file: &Path,
	bundle: Option<PathBuf>,
	tender: Option<u64>,
	peer: Option<&(u8, String)>,
	json: bool,
) -> Result<serde_json::Value> {
	let finalized = at.block_number();
	let document = files::sha256(file)?;
	// A tender's own records: a bid file, the opening record or the evaluation report (with
	// --peer, --tender is the peer's tender the document was filed under).
	if let Some(tender) = tender.filter(|_| peer.is_none()) {
		let record = TenderRecord::read(at, tender).await?;
		if let Some(what) = record.describe(&document) {
			say!(json, "VERIFIED: {}", file.display());
			say!(json, "  SHA-256     0x{}", hex::encode(document));
			say!(json, "  is          {what} of tender {tender}");
			say!(json, "  finality    finalized (read at finalized block #{finalized})");
			return Ok(serde_json::json!({
				"sha256": output::hash(&document),
				"is": format!("{what} of tender {tender}"),
				"tender": tender,
				"finalized": true,
				"read_at_finalized_block": finalized,
			}));
		}
	}
	let bundle_path = bundle.or_else(|| {
		let p = PathBuf::from(format!("{}{BUNDLE_SUFFIX}", file.display()));
		p.exists().then_some(p)
	});
	let (key, via) = match &bundle_path {
		Some(path) => {
			let text = fs::read_to_string(path)
				.with_context(|| format!("cannot read the proof bundle {}", path.display()))?;
			let bundle: Bundle = serde_json::from_str(&text).map_err(|e| {
				anyhow!(
					"NOT VERIFIED: the proof bundle {} is not a valid bundle: {e}",
					path.display()
				)
			})?;
			let claimed = hex32(&bundle.document, "the bundle's document hash")?;
			if claimed != document {
				bail!(
					"NOT VERIFIED: {} is not the notarized file: its SHA-256 is 0x{}, the proof is for 0x{} (the file was changed)",
					file.display(),
					hex::encode(document),
					hex::encode(claimed)
				);
			}
			let mut path_steps = Vec::new();
			for step in &bundle.path {
				let left = match step.side.as_str() {
					"left" => true,
					"right" => false,
					other => bail!("NOT VERIFIED: the proof bundle has a step on side '{other}'"),
				};
				path_steps.push((left, hex32(&step.hash, "a path step")?));
			}
			let root = merkle::root_from_path(&document, &path_steps);
			let stated = hex32(&bundle.root, "the bundle's root")?;
			if root != stated {
				bail!(
					"NOT VERIFIED: the proof bundle {} is inconsistent: its path leads to root 0x{}, it states 0x{} (the bundle was altered)",
					path.display(),
					hex::encode(root),
					hex::encode(stated)
				);
			}
			(
				root,
				format!(
					"as document {} of a batch of {} (Merkle root 0x{})",
					bundle.index + 1,
					bundle.documents,
					hex::encode(root)
				),
			)
		},
		None => (document, "as a single document".to_string()),
	};

	if let Some((slot, name)) = peer {
		return verify_peer_document(at, file, document, key, &via, *slot, name, tender, json)
			.await;
	}
	let anchor = try_read(at, tenderchain::storage().notary().anchors(), (H256(key),)).await?;
	let Some(anchor) = anchor else {
		bail!(
			"NOT VERIFIED: not found — 0x{} is not anchored on this chain (finalized block #{finalized}){}",
			hex::encode(key),
			if bundle_path.is_some() { "; the proof bundle's root was never anchored" } else { "" }
		);
	};
	let when = beijing_time(anchor.time);
	say!(json, "VERIFIED: {}", file.display());
	say!(json, "  SHA-256     0x{}", hex::encode(document));
	say!(json, "  anchored    in block #{} at {when}, {via}", anchor.block);
	// The issuer, and for a document under a tender the part it plays there; a document under
	// a tender filed by no party of it (possible only before the runtime checked parties) is
	// marked.
	match (&anchor.tender, &anchor.role) {
		(Some(_), Some(role)) => {
			say!(json, "  by          {} — {}", anchor.issuer, role_name(role))
		},
		(Some(t), None) => say!(
			json,
			"  by          {} — NOT A PARTY of tender {t}: filed by no tenderer, agency, \
			 principal, seated expert or host trading centre of it",
			anchor.issuer
		),
		(None, _) => say!(json, "  by          {}", anchor.issuer),
	}
	say!(
		json,
		"  as          {}{}",
		type_name(&anchor.document_type),
		anchor.tender.map(|t| format!(", tender {t}")).unwrap_or_default()
	);
	if let Some(next) = anchor.superseded_by {
		say!(json, "  superseded  by a newer version 0x{}", hex::encode(next.0));
	}
	say!(json, "  finality    finalized (read at finalized block #{finalized})");
	if let (Some(expected), Some(found)) = (tender, anchor.tender) {
		if expected != found {
			bail!(
				"NOT VERIFIED: {} is anchored for tender {found}, not tender {expected}",
				file.display()
			);
		}
	}
	Ok(serde_json::json!({
		"sha256": output::hash(&document),
		"anchored_key": output::hash(&key),
		"via": via,
		"anchor": anchor_json(&anchor),
		"finalized": true,
		"read_at_finalized_block": finalized,
	}))
}

/// A notary anchor as JSON: its block and time, issuer and part in its tender, document type,
/// number of documents and versions.
pub fn anchor_json(anchor: &Anchor) -> serde_json::Value {
	serde_json::json!({
		"block": anchor.block,
		"time": output::time(anchor.time),
		"issuer": output::account(&anchor.issuer),
		"role": anchor.role.as_ref().map(|r| output::variant(r)),
		"party_of_tender": anchor.tender.map(|_| anchor.role.is_some()),
		"document_type": output::variant(&anchor.document_type),
		"document_type_text": type_name(&anchor.document_type),
		"tender": anchor.tender,
		"documents": anchor.documents,
		"supersedes": anchor.supersedes.as_ref().map(|h| output::hash(&h.0)),
		"superseded_by": anchor.superseded_by.as_ref().map(|h| output::hash(&h.0)),
	})
}

/// A time on chain (Unix ms) in Beijing time.
fn beijing_time(ms: u64) -> String {
	chrono::DateTime::from_timestamp_millis(ms as i64)
		.map(|t| {
			t.with_timezone(&chrono::FixedOffset::east_opt(8 * 3600).expect("UTC+8"))
				.format("%Y-%m-%d %H:%M:%S %:z")
				.to_string()
		})
		.unwrap_or_else(|| ms.to_string())
}

/// The bridge slot of the peer province named `name` (case-insensitive) on this chain.
async fn peer_slot(at: &At, name: &str) -> Result<(u8, String)> {
	let mut known = Vec::new();
	// The runtime's bridge slots.
	for slot in 0..2u8 {
		let Some(peer) =
			try_read(at, tenderchain::storage().recognition().peers(), (slot,)).await?
		else {
			continue;
		};
		let peer_name = String::from_utf8_lossy(&peer.name.0).to_string();
		if peer_name.eq_ignore_ascii_case(name) {
			return Ok((slot, peer_name));
		}
		known.push(peer_name);
	}
	bail!(
		"NOT VERIFIED: this chain recognises no peer province named '{name}' (finalized block #{}; its peers: {})",
		at.block_number(),
		if known.is_empty() { "none".to_string() } else { known.join(", ") }
	)
}

/// `tender verify --peer`: the document (or its batch root `key`) as this chain recognised it
/// from the peer in `slot`: proven against the peer's finalized header that this chain's
/// GRANDPA light client of the peer imported; with `tender`, filed there under that tender.
#[allow(clippy::too_many_arguments)]
async fn verify_peer_document(
	at: &At,
	file: &Path,
	document: [u8; 32],
	key: [u8; 32],
	via: &str,
	slot: u8,
	name: &str,
	tender: Option<u64>,
	json: bool,
) -> Result<serde_json::Value> {
	let finalized = at.block_number();
	let recognised =
		try_read(at, tenderchain::storage().recognition().peer_anchors(), (slot, H256(key)))
			.await?;
	let Some(anchor) = recognised else {
		bail!(
			"NOT VERIFIED: 0x{} is not a document of {name} recognised on this chain (finalized block #{finalized}): relay it first (tender relay --from <a {name} node> --slot {slot} --document {})",
			hex::encode(key),
			file.display()
		);
	};
	// Recognised under the peer's current registration in the slot: not a record of another
	// chain (or a bridge reset) registered there before.
	let peer = try_read(at, tenderchain::storage().recognition().peers(), (slot,)).await?;
	if peer.as_ref().map(|p| p.generation) != Some(anchor.generation) {
		bail!(
			"NOT VERIFIED: 0x{} was recognised under an earlier registration of bridge slot {slot}, not from {name} as registered now (finalized block #{finalized}): relay it again",
			hex::encode(key)
		);
	}
	if let Some(tender) = tender {
		if anchor.tender != Some(tender) {
			bail!(
				"NOT VERIFIED: {} is a document of {name}, but not of its tender {tender}: it was filed {}",
				file.display(),
				anchor
					.tender
					.map(|t| format!("under its tender {t}"))
					.unwrap_or_else(|| "under no tender".to_string())
			);
		}
	}
	say!(json, "VERIFIED: {} — a document of {name}, recognised here by proof", file.display());
	say!(json, "  SHA-256     0x{}", hex::encode(document));
	say!(
		json,
		"  anchored    on {name}'s chain in block #{} at {}, {via}",
		anchor.anchored_in,
		beijing_time(anchor.time)
	);
	say!(json, "  by          {} (on {name}'s chain)", anchor.issuer);
	say!(
		json,
		"  as          {}{}",
		type_name(&anchor.document_type),
		anchor.tender.map(|t| format!(", {name}'s tender {t}")).unwrap_or_default()
	);
	say!(
		json,
		"  proven      against {name}'s finalized header #{} {:?}, imported by this chain's GRANDPA light client of {name} (bridge slot {slot})",
		anchor.evidence.block, anchor.evidence.header
	);
	say!(json, "  finality    finalized here (read at finalized block #{finalized})");
	Ok(serde_json::json!({
		"sha256": output::hash(&document),
		"anchored_key": output::hash(&key),
		"via": via,
		"peer": { "name": name, "slot": slot },
		"anchor": {
			"block_on_peer": anchor.anchored_in,
			"time": output::time(anchor.time),
			"issuer_on_peer": output::account(&anchor.issuer),
			"document_type": output::variant(&anchor.document_type),
			"peer_tender": anchor.tender,
		},
		"proven_against": {
			"peer_block": anchor.evidence.block,
			"peer_header": output::hash(&anchor.evidence.header.0),
		},
		"finalized": true,
		"read_at_finalized_block": finalized,
	}))
}

/// What the chain holds about a tender that a file can be checked against.
struct TenderRecord {
	/// The valid bids' file hashes (from the opening record), by bidder.
	bids: Vec<(String, [u8; 32])>,
	/// The opening record's hash.
	opening: Option<[u8; 32]>,
	/// The evaluation report's hash (from the award).
	report: Option<[u8; 32]>,
	/// The notary's anchors under the tender.
	anchors: Vec<[u8; 32]>,
	/// The concluded contract: its document hash, the candidate awarded and the price (fen).
	contract: Option<([u8; 32], String, u128)>,
}

impl TenderRecord {
	async fn read(at: &At, tender: u64) -> Result<TenderRecord> {
		if try_read(at, tenderchain::storage().tendering().tenders(), (tender,)).await?.is_none() {
			bail!(
				"NOT VERIFIED: there is no tender {tender} on this chain (finalized block #{})",
				at.block_number()
			);
		}
		let opening =
			try_read(at, tenderchain::storage().tendering().opening_records(), (tender,)).await?;
		let (bids, opening) = match opening {
			Some(record) => (
				record.valid.0.iter().map(|b| (b.bidder.to_string(), b.file_hash.0)).collect(),
				Some(record.hash.0),
			),
			None => (Vec::new(), None),
		};
		let report = try_read(at, tenderchain::storage().tendering().awards(), (tender,))
			.await?
			.map(|award| award.report.0);
		let anchors = read(at, tenderchain::storage().notary().tender_anchors(), (tender,)).await?;
		let contract = crate::award::contract_of(at, tender).await?;
		Ok(TenderRecord {
			bids,
			opening,
			report,
			anchors: anchors.0.into_iter().map(|h| h.0).collect(),
			contract,
		})
	}

	/// What `document` is in this tender, if anything.
	fn describe(&self, document: &[u8; 32]) -> Option<String> {
		if let Some((bidder, _)) = self.bids.iter().find(|(_, hash)| hash == document) {
			return Some(format!("the bid file of {bidder}, valid at the opening"));
		}
		if self.opening.as_ref() == Some(document) {
			return Some("the opening record".into());
		}
		if self.report.as_ref() == Some(document) {
			return Some("the evaluation report of the award".into());
		}
		if let Some((contract, candidate, price)) = &self.contract {
			if contract == document {
				return Some(format!(
					"the contract concluded with {candidate} at {}, signed by the tenderer and \
					 the candidate (the winning bid's price)",
					crate::bid::show_yuan(*price)
				));
			}
		}
		None
	}

	/// The record as JSON, for `tender verify --tender N --json` without files.
	fn json(&self, tender: u64) -> serde_json::Value {
		serde_json::json!({
			"tender": tender,
			"opening_record": self.opening.as_ref().map(|h| output::hash(h)),
			"valid_bids": self
				.bids
				.iter()
				.map(|(bidder, hash)| serde_json::json!({
					"bidder": bidder,
					"file_hash": output::hash(hash),
				}))
				.collect::<Vec<_>>(),
			"evaluation_report": self.report.as_ref().map(|h| output::hash(h)),
			"contract": self.contract.as_ref().map(|(contract, candidate, price)| {
				serde_json::json!({
					"contract": output::hash(contract),
					"candidate": candidate,
					"price": output::amount(*price),
				})
			}),
			"notarized_documents": self.anchors.iter().map(|h| output::hash(h)).collect::<Vec<_>>(),
		})
	}

	fn print(&self, tender: u64) {
		println!("tender {tender}:");
		match &self.opening {
			Some(hash) => println!("  opening record 0x{}", hex::encode(hash)),
			None => println!("  not opened yet"),
		}
		for (bidder, hash) in &self.bids {
			println!("  valid bid of {bidder}: file 0x{}", hex::encode(hash));
		}
		if let Some(report) = &self.report {
			println!("  evaluation report 0x{}", hex::encode(report));
		}
		if let Some((contract, candidate, price)) = &self.contract {
			println!(
				"  contract 0x{} with {candidate} at {}",
				hex::encode(contract),
				crate::bid::show_yuan(*price)
			);
		}
		println!("  {} notarized documents", self.anchors.len());
		for hash in &self.anchors {
			println!("    0x{}", hex::encode(hash));
		}
	}
}

#[cfg(test)]
mod tests {
	use super::merkle;
	use crate::vectors::{bytes32, cases, name};
	use sha2::{Digest, Sha256};

	/// The shared vectors: every root, and every document's proof, as `pallet-notary` and the
	/// Python generator compute them.
	#[test]
	fn roots_and_proofs_match_the_shared_vectors() {
		for case in cases("merkle") {
			let docs: Vec<[u8; 32]> =
				case["documents"].as_array().expect("documents").iter().map(bytes32).collect();
			for (preimage, doc) in
				case["document_preimages"].as_array().expect("preimages").iter().zip(&docs)
			{
				let text = preimage.as_str().expect("a preimage is a string");
				let preimage = match text.strip_prefix("0x") {
					Some(hex_text) => hex::decode(hex_text).expect("hex"),
					None => text.as_bytes().to_vec(),
				};
				assert_eq!(
					<[u8; 32]>::from(Sha256::digest(&preimage)),
					*doc,
					"a document hash in {}",
					name(&case)
				);
			}
			let root = merkle::root(&docs).expect("non-empty");
			assert_eq!(root, bytes32(&case["root"]), "root of {}", name(&case));
			for (i, proof) in case["proofs"].as_array().expect("proofs").iter().enumerate() {
				let expected: Vec<(bool, [u8; 32])> = proof
					.as_array()
					.expect("steps")
					.iter()
					.map(|step| (step["side"] == "left", bytes32(&step["hash"])))
					.collect();
				assert_eq!(
					merkle::path(&docs, i),
					expected,
					"proof of document {i} in {}",
					name(&case)
				);
				assert_eq!(
					merkle::root_from_path(&docs[i], &expected),
					root,
					"document {i} in {}",
					name(&case)
				);
			}
		}
	}

	#[cfg(unix)]
	#[test]
	fn a_link_back_up_the_tree_is_listed_once() {
		let dir = std::env::temp_dir().join(format!("tender-collect-{}", std::process::id()));
		std::fs::create_dir_all(dir.join("sub")).expect("temp dir");
		std::fs::write(dir.join("sub/a.txt"), b"a").expect("written");
		std::fs::write(dir.join("sub/a.txt.tender-proof.json"), b"{}").expect("written");
		std::os::unix::fs::symlink(&dir, dir.join("sub/up")).expect("link");
		let files = super::collect(std::slice::from_ref(&dir)).expect("collected");
		assert_eq!(files, vec![dir.join("sub/a.txt")]);
		std::fs::remove_dir_all(&dir).expect("removed");
	}

	#[test]
	fn every_path_leads_to_the_root() {
		for n in 1..=9 {
			let d: Vec<[u8; 32]> =
				(0..n).map(|i: u32| Sha256::digest(i.to_le_bytes()).into()).collect();
			let root = merkle::root(&d).expect("non-empty");
			for i in 0..n as usize {
				assert_eq!(merkle::root_from_path(&d[i], &merkle::path(&d, i)), root);
			}
		}
	}
}
