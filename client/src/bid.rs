//! `tender bid commit | reveal | withdraw`: sealed bids from the bidder's side.
//!
//! The bid file never leaves the bidder's machine: `commit` puts only a commitment on chain and
//! keeps a receipt; `reveal` discloses the file's hash, the bid fingerprint and the salt.
//!
//! A bid is never lost to a retry: a receipt is never overwritten (each attempt writes a new
//! one, `<file>.tender-<id>.receipt.json`, then `…receipt-2.json`, …, created exclusively and
//! readable by the owner only), a copy of each is kept in the client's data directory
//! (`receipts/<bidder>/tender-<id>-<commitment>.json`), `commit` first checks whether the
//! bidder already holds a commitment on the tender (and then names its receipt and submits
//! nothing), and `reveal <tender>` finds the receipt that matches the commitment on chain.

use std::{
	fs,
	io::ErrorKind,
	path::{Path, PathBuf},
};

use anyhow::{anyhow, bail, Context, Result};
use clap::Subcommand;
use rand::RngCore;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use subxt::{ext::codec::Encode, utils::AccountId32};
use subxt_signer::sr25519::Keypair;
use tenderchain_primitives::tags;

use crate::{
	chain::{tenderchain, try_read, Node},
	ctx::Ctx,
	files,
	fingerprint::{self, Machine},
	keys, lodge,
	tendering::{relative, state_name, tender_record},
	time,
};
use tenderchain::{
	runtime_types::{
		bounded_collections::bounded_vec::BoundedVec,
		pallet_tendering::types::{BidState, LodgedState, TenderState},
	},
	tendering::events,
};

/// The client refuses to submit a bid later than this before the deadline (two 3 s slots): a
/// later transaction may land in a block stamped after the deadline.
const DEADLINE_MARGIN_MS: u64 = 6_000;

/// How long before the deadline (by the chain's clock) `reveal` waits for it instead of
/// refusing.
const REVEAL_WAIT_MS: u64 = 60_000;

/// `tender bid …`.
#[derive(Debug, Subcommand)]
pub enum Command {
	/// Seal a bid file: hash it locally, write a receipt, and commit only the commitment. If
	/// the signer already holds a sealed bid on the tender (an earlier attempt went in), nothing
	/// is submitted and the receipt of that bid is named.
	Commit {
		/// The tender.
		tender: u64,
		/// The bid file (it never leaves this machine).
		file: PathBuf,
		/// The bid price in yuan, as the bid summary sheet (开标一览表) states it: 1234567.89
		/// (at most two decimals: fen). Sealed with the file; read out at the opening and
		/// checked against the contract.
		#[arg(long)]
		price: String,
		/// The duration offered (工期 or delivery time), in days.
		#[arg(long)]
		duration_days: u32,
		/// The quality commitment (质量承诺) as the bid states it, a file; its SHA-256 is sealed
		/// with the bid. Without it, no quality commitment is sealed (zero hash).
		#[arg(long)]
		quality: Option<PathBuf>,
		/// Read the machine's identifiers from this file (`name=value` lines) instead of
		/// collecting this machine's own (machine id, network hardware addresses, product
		/// UUID). For tests, which run several bidders on one machine.
		#[arg(long)]
		fingerprint_source: Option<PathBuf>,
		/// Where to write the receipt (default: `<file>.tender-<id>.receipt.json`, or
		/// `…receipt-2.json` and so on if that exists: a receipt is never overwritten). A copy is
		/// kept in the client's data directory. Keep it: without it the bid cannot be revealed.
		#[arg(long)]
		receipt: Option<PathBuf>,
		/// Replace the sealed bid the signer already holds on the tender with this file (before
		/// the deadline).
		#[arg(long)]
		replace: bool,
		/// Submit nothing: write the sealed bid's envelope to this path for the host trading
		/// centre to lodge (`tender bid lodge`), so that nobody can tell from the chain who bid
		/// until the reveal. Keep the centre's signed acknowledgement: it proves the bid was
		/// handed in should it never reach the chain (`tender bid check-ack`). To change the
		/// bid, seal again and hand in the new envelope.
		#[arg(long, value_name = "ENVELOPE", conflicts_with = "replace")]
		via_centre: Option<PathBuf>,
	},
	/// Lodge sealed-bid envelopes on a tender as its host trading centre, padded with decoys
	/// (whose preimages are kept to prove them after the deadline), and write a signed
	/// acknowledgement for each envelope (`<envelope>.ack.json`), to give to its bidder.
	Lodge {
		/// The tender.
		tender: u64,
		/// The envelopes the bidders handed in (`tender bid commit … --via-centre`).
		envelopes: Vec<PathBuf>,
		/// Pad the call with decoys to a multiple of this many entries (0: no decoys), so that
		/// the number of bids cannot be read from the chain; with no envelope, one batch of
		/// decoys is lodged.
		#[arg(long, default_value_t = 8)]
		batch: usize,
		/// Write the acknowledgements into this directory instead of next to the envelopes.
		#[arg(long)]
		ack_dir: Option<PathBuf>,
		/// Sign the acknowledgements and lodge nothing: what a centre that drops bids does, so
		/// that tests can show `check-ack` catching it.
		#[arg(long, hide = true)]
		acknowledge_only: bool,
	},
	/// Prove, after the deadline, the decoys this trading centre lodged on a tender.
	ProveDecoys {
		/// The tender.
		tender: u64,
	},
	/// Check a trading centre's acknowledgement of a sealed bid: its signature, and whether the
	/// bid is on chain as acknowledged. Fails naming the centre if the bid was dropped.
	CheckAck {
		/// The acknowledgement file.
		ack: PathBuf,
	},
	/// Reveal a sealed bid, after the deadline and within the reveal window: give the tender
	/// (its receipt is found by the commitment on chain, in the client's data directory or the
	/// current directory) or the receipt written by `tender bid commit`.
	Reveal {
		/// The tender number, or the path of the receipt.
		#[arg(value_name = "TENDER|RECEIPT")]
		bid: String,
	},
	/// Withdraw a sealed bid before the deadline.
	Withdraw {
		/// The tender.
		tender: u64,
	},
}

/// What a bidder keeps after committing: everything needed to reveal.
#[derive(Serialize, Deserialize)]
pub struct Receipt {
	/// What the file is.
	pub kind: String,
	/// The chain.
	pub genesis_hash: String,
	/// The tender.
	pub tender: u64,
	/// The bidder (SS58).
	pub bidder: String,
	/// The bid file as it was committed.
	pub file: PathBuf,
	/// Its SHA-256, hex.
	pub file_hash: String,
	/// What the machine fingerprint was made of (where from, and the identifiers).
	pub fingerprint: String,
	/// The machine fingerprint, hex (see [`fingerprint`]); empty in receipts of older clients.
	#[serde(default)]
	pub machine_fingerprint: String,
	/// The bid fingerprint committed on this tender, hex (revealed).
	pub fingerprint_hash: String,
	/// The bid price, in fen (decimal).
	#[serde(default)]
	pub price_fen: String,
	/// The duration offered, in days.
	#[serde(default)]
	pub duration_days: u32,
	/// The SHA-256 of the quality commitment, hex.
	#[serde(default)]
	pub quality: String,
	/// The salt, hex (secret until the reveal).
	pub salt: String,
	/// The commitment, hex.
	pub commitment: String,
	/// For a bid handed to the host trading centre (`--via-centre`): the bidder's seal on the
	/// tender, hex; empty for a bid committed directly.
	#[serde(default)]
	pub seal: String,
}

/// The `kind` of a receipt file.
const RECEIPT_KIND: &str = "tenderchain sealed-bid receipt";

/// How many receipts of one file and tender may lie next to the file (`…receipt.json`,
/// `…receipt-2.json`, …).
const MAX_RECEIPTS_PER_FILE: u32 = 1000;

/// `0x` and the hex of `bytes`.
fn hex0x(bytes: &[u8]) -> String {
	format!("0x{}", hex::encode(bytes))
}

/// The per-account receipt store: `<data dir>/receipts/<bidder SS58>`.
pub fn store_dir(data_dir: &Path, bidder: &str) -> PathBuf {
	data_dir.join("receipts").join(bidder)
}

/// The name of a receipt in the store: `tender-<id>-<commitment hex>.json`.
fn store_name(tender: u64, commitment: &str) -> String {
	format!("tender-{tender}-{}.json", commitment.trim_start_matches("0x"))
}

/// The `n`th receipt path next to the bid file: `<file>.tender-<id>.receipt.json`, then
/// `<file>.tender-<id>.receipt-<n>.json`.
fn receipt_next_to(file: &Path, tender: u64, n: u32) -> PathBuf {
	let mut p = file.as_os_str().to_owned();
	match n {
		1 => p.push(format!(".tender-{tender}.receipt.json")),
		n => p.push(format!(".tender-{tender}.receipt-{n}.json")),
	}
	PathBuf::from(p)
}

/// Where a receipt was kept.
#[derive(Debug)]
pub struct Kept {
	/// The receipt given to the bidder (next to the file, or `--receipt`).
	pub path: PathBuf,
	/// Its copy in the per-account store.
	pub stored: PathBuf,
	/// The last existing receipt passed over (an earlier attempt's), if any.
	pub earlier: Option<PathBuf>,
}

/// Writes receipt `r` of bid file `file`: at `explicit` if given (refused if it exists), else
/// at the first free path next to the file; and a copy in the store `store`. Every file is new
/// (never overwritten) and readable by the owner only from its creation.
pub fn keep_receipt(
	r: &Receipt,
	file: &Path,
	explicit: Option<&Path>,
	store: &Path,
) -> Result<Kept> {
	let text = serde_json::to_string_pretty(r)? + "\n";
	let cannot = |path: &Path, e: std::io::Error| {
		anyhow!("cannot write the receipt {}: {e}; bid not submitted", path.display())
	};
	// The bidder's receipt: exclusively created, never replacing an earlier attempt's.
	let mut earlier = None;
	let path = match explicit {
		Some(path) => match files::write_new_secret(path, text.as_bytes()) {
			Ok(()) => path.to_path_buf(),
			Err(e) if e.kind() == ErrorKind::AlreadyExists => bail!(
				"the receipt {} already exists and a receipt is never overwritten (it may be \
				 the only key to a sealed bid): give another --receipt path; bid not submitted",
				path.display()
			),
			Err(e) => return Err(cannot(path, e)),
		},
		None => {
			let mut written = None;
			for n in 1..=MAX_RECEIPTS_PER_FILE {
				let path = receipt_next_to(file, r.tender, n);
				match files::write_new_secret(&path, text.as_bytes()) {
					Ok(()) => {
						written = Some(path);
						break;
					},
					Err(e) if e.kind() == ErrorKind::AlreadyExists => earlier = Some(path),
					Err(e) => return Err(cannot(&path, e)),
				}
			}
			written.ok_or_else(|| {
				anyhow!(
					"{MAX_RECEIPTS_PER_FILE} receipts of {} for tender {} exist already; give \
					 --receipt; bid not submitted",
					file.display(),
					r.tender
				)
			})?
		},
	};
	// The copy in the per-account store, named by the commitment.
	files::create_private_dir(store).map_err(|e| {
		anyhow!("cannot create the receipt store {}: {e}; bid not submitted", store.display())
	})?;
	let stored = store.join(store_name(r.tender, &r.commitment));
	files::write_new_secret(&stored, text.as_bytes()).map_err(|e| cannot(&stored, e))?;
	Ok(Kept { path, stored, earlier })
}

/// Reads the bid receipt at `path`.
fn read_receipt(path: &Path) -> Result<Receipt> {
	let text = fs::read_to_string(path)
		.with_context(|| format!("cannot read the receipt {}", path.display()))?;
	let r: Receipt = serde_json::from_str(&text)
		.with_context(|| format!("{} is not a bid receipt", path.display()))?;
	if r.kind != RECEIPT_KIND {
		bail!("{} is not a bid receipt", path.display());
	}
	Ok(r)
}

/// The receipt of `bidder`'s bid with `commitment` on `tender`: in the store `store` (under
/// its name, then any receipt there), then among `more` (paths or directories to scan).
pub fn find_receipt(
	store: &Path,
	bidder: &str,
	tender: u64,
	commitment: &str,
	more: &[PathBuf],
) -> Option<(PathBuf, Receipt)> {
	let matches = |path: &Path| -> Option<(PathBuf, Receipt)> {
		let r = read_receipt(path).ok()?;
		(r.tender == tender && r.bidder == bidder && r.commitment.eq_ignore_ascii_case(commitment))
			.then(|| (path.to_path_buf(), r))
	};
	let in_dir = |dir: &Path| -> Option<(PathBuf, Receipt)> {
		let mut paths: Vec<PathBuf> = fs::read_dir(dir)
			.ok()?
			.flatten()
			.map(|e| e.path())
			.filter(|p| p.extension().is_some_and(|x| x == "json"))
			.collect();
		paths.sort();
		paths.iter().find_map(|p| matches(p))
	};
	matches(&store.join(store_name(tender, commitment)))
		.or_else(|| in_dir(store))
		.or_else(|| more.iter().find_map(|p| if p.is_dir() { in_dir(p) } else { matches(p) }))
}

/// The receipts that may lie next to bid file `file` for `tender`.
fn receipts_next_to(file: &Path, tender: u64) -> Vec<PathBuf> {
	(1..=MAX_RECEIPTS_PER_FILE)
		.map(|n| receipt_next_to(file, tender, n))
		.take_while(|p| p.exists())
		.collect()
}

/// The main terms of a bid (开标一览表): price in fen, duration in days, quality commitment hash.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Terms {
	/// The price, in fen.
	pub price: u128,
	/// The duration, in days.
	pub duration_days: u32,
	/// The SHA-256 of the quality commitment.
	pub quality: [u8; 32],
}

impl Terms {
	/// The terms as the runtime takes them.
	fn on_chain(&self) -> tenderchain::runtime_types::pallet_tendering::types::BidTerms {
		tenderchain::runtime_types::pallet_tendering::types::BidTerms {
			price: self.price,
			duration_days: self.duration_days,
			quality: self.quality.into(),
		}
	}
}

/// A price in yuan (`1234567.89`, at most two decimals) in fen.
pub fn parse_yuan(text: &str) -> Result<u128> {
	let bad = || {
		anyhow!(
			"the price '{text}' is not an amount in yuan: write digits with at most two 			 decimals, e.g. 1234567.89"
		)
	};
	let (whole, fraction) = text.trim().split_once('.').unwrap_or((text.trim(), ""));
	if whole.is_empty()
		|| fraction.len() > 2
		|| !whole.bytes().all(|b| b.is_ascii_digit())
		|| !fraction.bytes().all(|b| b.is_ascii_digit())
	{
		return Err(bad());
	}
	let yuan: u128 = whole.parse().map_err(|_| bad())?;
	let fen: u128 = format!("{fraction:0<2}").parse().map_err(|_| bad())?;
	yuan.checked_mul(100).and_then(|f| f.checked_add(fen)).ok_or_else(bad)
}

/// An amount in fen as yuan: `1,234,567.89 yuan`.
pub fn show_yuan(fen: u128) -> String {
	let whole = (fen / 100).to_string();
	let mut grouped = String::new();
	for (i, c) in whole.chars().enumerate() {
		if i > 0 && (whole.len() - i) % 3 == 0 {
			grouped.push(',');
		}
		grouped.push(c);
	}
	format!("{grouped}.{:02} yuan", fen % 100)
}

/// The commitment, exactly as pallet-tendering recomputes it: `SHA-256(BID_COMMITMENT ‖
/// genesis ‖ SCALE(tender) ‖ SCALE(bidder) ‖ SCALE(price u128) ‖ SCALE(duration u32) ‖ quality
/// ‖ file ‖ fingerprint ‖ salt)`.
pub fn commitment(
	genesis: &[u8; 32],
	tender: u64,
	bidder: &AccountId32,
	terms: &Terms,
	file: &[u8; 32],
	fingerprint: &[u8; 32],
	salt: &[u8],
) -> [u8; 32] {
	let mut h = Sha256::new();
	h.update(tags::BID_COMMITMENT);
	h.update(genesis);
	h.update(tender.encode());
	h.update(bidder.encode());
	h.update(terms.price.encode());
	h.update(terms.duration_days.encode());
	h.update(terms.quality);
	h.update(file);
	h.update(fingerprint);
	h.update(salt);
	h.finalize().into()
}

/// Runs a `tender bid` command: seals, reveals or withdraws the signer's bid.
pub async fn run(ctx: &Ctx, cmd: Command) -> Result<()> {
	let node = ctx.node().await?;
	if let Command::CheckAck { ack } = &cmd {
		return lodge::check_ack(node, ack).await;
	}
	let signer = ctx.signer()?;
	match cmd {
		Command::Commit {
			tender,
			file,
			price,
			duration_days,
			quality,
			fingerprint_source,
			receipt,
			replace,
			via_centre,
		} => {
			let store =
				store_dir(&ctx.data_dir()?, &AccountId32::from(signer.public_key()).to_string());
			let terms = Terms {
				price: parse_yuan(&price)?,
				duration_days,
				quality: quality.map(|q| files::sha256(&q)).transpose()?.unwrap_or_default(),
			};
			let via_centre = match via_centre {
				Some(path) => Some((path, lodge::seal_pair(ctx.signer_uri()?, &signer)?)),
				None => None,
			};
			let bid = Bid { tender, file, terms, fingerprint_source, receipt, replace, via_centre };
			commit(node, &signer, &store, bid).await
		},
		Command::Reveal { bid } => {
			let store =
				store_dir(&ctx.data_dir()?, &AccountId32::from(signer.public_key()).to_string());
			let pair = lodge::seal_pair(ctx.signer_uri()?, &signer)?;
			reveal(node, &signer, &pair, &store, &bid).await
		},
		Command::Lodge { tender, envelopes, batch, ack_dir, acknowledge_only } => {
			lodge::lodge(
				node,
				&signer,
				&ctx.data_dir()?,
				tender,
				&envelopes,
				batch,
				ack_dir.as_deref(),
				acknowledge_only,
			)
			.await
		},
		Command::ProveDecoys { tender } => {
			lodge::prove_decoys(node, &signer, &ctx.data_dir()?, tender).await
		},
		Command::CheckAck { ack } => lodge::check_ack(node, &ack).await,
		Command::Withdraw { tender } => {
			// A bid committed directly only: a lodged bid is withdrawn by not claiming it, and
			// a withdrawal without a bid would show on chain that this account bids here.
			let bidder = AccountId32::from(signer.public_key());
			let at = node.api.at_current_block().await?;
			if try_read(&at, tenderchain::storage().tendering().bids(), (tender, bidder))
				.await?
				.is_none()
			{
				bail!(
					"{bidder} holds no bid committed directly on tender {tender}; nothing \
					 submitted (a bid lodged by the trading centre is withdrawn by not revealing \
					 it)"
				);
			}
			// Only before the deadline; the chain says so if it has passed.
			let call = tenderchain::transactions().tendering().withdraw_bid(tender);
			let included = node
				.submit_signed(&call, &signer, &format!("the withdrawal from tender {tender}"))
				.await?;
			println!("bid on tender {tender} withdrawn (block {included})");
			Ok(())
		},
	}
}

/// What `tender bid commit` was asked to seal.
struct Bid {
	/// The tender.
	tender: u64,
	/// The bid file.
	file: PathBuf,
	/// The main terms sealed with it.
	terms: Terms,
	/// `--fingerprint-source`.
	fingerprint_source: Option<PathBuf>,
	/// `--receipt`.
	receipt: Option<PathBuf>,
	/// `--replace`.
	replace: bool,
	/// `--via-centre`: the envelope's path and the signer's key for the seal.
	via_centre: Option<(PathBuf, sp_core::sr25519::Pair)>,
}

/// `tender bid commit`: checks that the signer holds no sealed bid on the tender yet (or names
/// the receipt of the one it holds), hashes the bid file locally, writes a new receipt (next to
/// the file and in the store `store`), and commits only the commitment.
async fn commit(node: &Node, signer: &Keypair, store: &Path, bid: Bid) -> Result<()> {
	let Bid { tender, file, terms, fingerprint_source, receipt, replace, via_centre } = bid;
	let bidder = AccountId32::from(signer.public_key());
	let genesis: [u8; 32] = node.api.genesis_hash().0;
	// Refuse plainly when the deadline is too close or the tender takes no bids.
	let t = tender_record(node, tender).await?;
	let now = time::now_ms();
	if now >= t.deadline {
		bail!(
			"bid deadline {} passed {}; bid not submitted",
			time::show(t.deadline),
			relative(t.deadline, now)
		);
	}
	if now + DEADLINE_MARGIN_MS > t.deadline {
		bail!(
			"bid deadline {} is {} away, less than the {} s a block needs to be sealed before it; bid not submitted",
			time::show(t.deadline),
			relative(t.deadline, now).trim_start_matches("in "),
			DEADLINE_MARGIN_MS / 1000
		);
	}
	if !matches!(t.state, TenderState::Open) {
		bail!("tender {tender} is {}; it takes no bids", state_name(&t.state));
	}
	let file_hash = files::sha256(&file)?;
	// A bid already held (an earlier attempt went in, perhaps after a timeout): name its
	// receipt and submit nothing, before any receipt is written.
	let at = node.api.at_current_block().await?;
	let held = try_read(&at, tenderchain::storage().tendering().bids(), (tender, bidder)).await?;
	match (&held, replace) {
		(Some(held), false) => {
			let on_chain = hex0x(&held.commitment.0);
			let found = find_receipt(
				store,
				&bidder.to_string(),
				tender,
				&on_chain,
				&receipts_next_to(&file, tender),
			);
			return match found {
				Some((path, r)) if r.file_hash == hex0x(&file_hash) => {
					println!(
						"{bidder} already holds a sealed bid on tender {tender} for this file \
						 (commitment {on_chain}); nothing submitted. Its receipt: {}",
						path.display()
					);
					Ok(())
				},
				Some((path, r)) => bail!(
					"{bidder} already holds a sealed bid on tender {tender}, for another file \
					 ({}); its receipt: {}. Nothing submitted: to bid {} instead, run again with \
					 --replace before the deadline {}",
					r.file.display(),
					path.display(),
					file.display(),
					time::show(t.deadline)
				),
				None => bail!(
					"{bidder} already holds a sealed bid on tender {tender} (commitment \
					 {on_chain}), but no receipt of it is in {} or next to {}: without its receipt \
					 it cannot be revealed. Nothing submitted: replace it with this file \
					 (--replace) or withdraw it (tender bid withdraw {tender}) before the \
					 deadline {}",
					store.display(),
					file.display(),
					time::show(t.deadline)
				),
			};
		},
		(None, true) => {
			bail!(
				"{bidder} holds no sealed bid on tender {tender} to replace; run without --replace"
			)
		},
		_ => {},
	}
	// The machine's fingerprint, collected here, and said.
	let machine = match &fingerprint_source {
		Some(path) => Machine::from_file(path)?,
		None => Machine::collect()?,
	};
	println!("machine fingerprint from {}: {}", machine.source, machine.describe());
	let machine_fp = machine.fingerprint();
	let fp = fingerprint::for_tender(&genesis, tender, &machine_fp);
	// The commitment over the file's hash, the tender's fingerprint and a fresh salt.
	let mut salt = [0u8; 32];
	rand::rngs::OsRng.fill_bytes(&mut salt);
	let c = commitment(&genesis, tender, &bidder, &terms, &file_hash, &fp, &salt);
	let seal = match &via_centre {
		Some((_, pair)) => Some(lodge::seal(pair, &genesis, tender)?.seal),
		None => None,
	};
	// The receipt is written before anything is sent: a bid is never sealed without it.
	let r = Receipt {
		kind: RECEIPT_KIND.into(),
		genesis_hash: hex0x(&genesis),
		tender,
		bidder: bidder.to_string(),
		file: fs::canonicalize(&file).unwrap_or(file.clone()),
		file_hash: hex0x(&file_hash),
		fingerprint: format!("{}: {}", machine.source, machine.describe()),
		machine_fingerprint: hex0x(&machine_fp),
		fingerprint_hash: hex0x(&fp),
		price_fen: terms.price.to_string(),
		duration_days: terms.duration_days,
		quality: hex0x(&terms.quality),
		salt: hex0x(&salt),
		commitment: hex0x(&c),
		seal: seal.map(|s| hex0x(&s)).unwrap_or_default(),
	};
	let kept = keep_receipt(&r, &file, receipt.as_deref(), store)?;
	if let Some(earlier) = &kept.earlier {
		println!(
			"{} exists (an earlier attempt's receipt, kept as it is); this attempt's receipt is {}",
			earlier.display(),
			kept.path.display()
		);
	}
	// Handed to the centre: the envelope is all that leaves this machine.
	if let (Some((envelope, pair)), Some(seal)) = (&via_centre, seal) {
		// A first bid gets a fresh lock; a replacement shows the key of the lock on chain.
		let lock = lodge::next_lock(node, pair, &genesis, tender, &seal).await?;
		lodge::write_envelope(envelope, &genesis, tender, (&seal, &c), lock)?;
		println!(
			"sealed bid for tender {tender}: price {}, {} days; nothing submitted. Hand the \
			 envelope {} to the trading centre of tender {tender}'s city before the deadline {} \
			 and keep its acknowledgement. Receipt: {} (copy: {}) — keep it to reveal",
			show_yuan(terms.price),
			terms.duration_days,
			envelope.display(),
			time::show(t.deadline),
			kept.path.display(),
			kept.stored.display()
		);
		return Ok(());
	}
	// Commit (or replace); the receipt is kept whatever happens. When it went out, and the
	// node's best block then, are said first: what a bidder shows if a bid is late.
	let what = format!("the bid on tender {tender}");
	println!(
		"submitting at {} (best block #{})",
		time::show(time::now_ms()),
		node.best_number().await?
	);
	let submitted = if replace {
		let call = tenderchain::transactions().tendering().replace_bid(tender, c.into());
		node.submit_signed(&call, signer, &what).await
	} else {
		let call = tenderchain::transactions().tendering().commit_bid(tender, c.into());
		node.submit_signed(&call, signer, &what).await
	};
	let included = submitted.map_err(|e| {
		anyhow!(
			"{e:#}; this attempt's receipt {} is kept (`tender bid reveal {tender}` finds the \
			 receipt of whichever bid is on chain)",
			kept.path.display()
		)
	})?;
	println!(
		"sealed bid {} tender {tender} (block {included}): price {}, {} days; commitment {}",
		if replace { "replaced on" } else { "committed to" },
		show_yuan(terms.price),
		terms.duration_days,
		r.commitment
	);
	println!(
		"receipt: {} (copy: {}) — keep it: it is needed to reveal the bid after {}",
		kept.path.display(),
		kept.stored.display(),
		time::show(t.deadline)
	);
	Ok(())
}

/// `tender bid reveal`: reveals the committed file hash, fingerprint and salt, after the
/// deadline, from the receipt given or the one found by the commitment on chain.
async fn reveal(
	node: &Node,
	signer: &Keypair,
	pair: &sp_core::sr25519::Pair,
	store: &Path,
	what: &str,
) -> Result<()> {
	let bidder = AccountId32::from(signer.public_key());
	let genesis: [u8; 32] = node.api.genesis_hash().0;
	let at = node.api.at_current_block().await?;
	// The signer's bid on chain: committed directly, or lodged by the centre under its seal
	// (with the seal's proof, to claim it).
	let on_chain =
		|tender: u64| {
			let at = &at;
			async move {
				if let Some(bid) =
					try_read(at, tenderchain::storage().tendering().bids(), (tender, bidder))
						.await?
				{
					return Ok((bid.commitment, bid.state, None));
				}
				let seal = lodge::seal(pair, &genesis, tender)?;
				match try_read(at, tenderchain::storage().tendering().lodged(), (tender, seal.seal.into()))
				.await?
			{
				Some(entry) => Ok((
					entry.commitment,
					match entry.state {
						LodgedState::Sealed => BidState::Sealed,
						_ => bail!("the bid lodged for {bidder} on tender {tender} was already revealed"),
					},
					Some(seal),
				)),
				None => Err(anyhow!(
					"{bidder} holds no bid on tender {tender}: none committed, and none lodged \
					 by the trading centre under its seal (if the centre acknowledged one, \
					 `tender bid check-ack <acknowledgement>` shows whether it was dropped)"
				)),
			}
			}
		};
	let here = vec![PathBuf::from(".")];
	// The receipt: found by the commitment on chain, or the one given (which must match it).
	let (receipt, r, bid) = match what.parse::<u64>() {
		Ok(tender) if !Path::new(what).exists() => {
			let bid = on_chain(tender).await?;
			let commitment = hex0x(&bid.0 .0);
			let (path, r) = find_receipt(store, &bidder.to_string(), tender, &commitment, &here)
				.ok_or_else(|| {
					anyhow!(
						"no receipt of {bidder}'s sealed bid on tender {tender} (commitment \
						 {commitment}) in {} or the current directory: give the receipt's path \
						 (tender bid reveal <receipt>)",
						store.display()
					)
				})?;
			println!("receipt of the sealed bid on tender {tender}: {}", path.display());
			(path, r, bid)
		},
		_ => {
			let path = PathBuf::from(what);
			let r = read_receipt(&path)?;
			if r.bidder != bidder.to_string() {
				bail!(
					"receipt {} belongs to bidder {}, not to the signer {bidder}",
					path.display(),
					r.bidder
				);
			}
			let tender = r.tender;
			let bid = on_chain(tender)
				.await
				.map_err(|e| anyhow!("receipt does not match tender {tender}: {e}"))?;
			let commitment = hex0x(&bid.0 .0);
			if commitment != r.commitment {
				let hint =
					match find_receipt(store, &bidder.to_string(), tender, &commitment, &here) {
						Some((found, _)) => {
							format!("; the matching receipt is {}", found.display())
						},
						None => String::new(),
					};
				bail!(
					"receipt does not match tender {tender}: the commitment on chain is \
					 {commitment}{hint} (`tender bid reveal {tender}` finds it)"
				);
			}
			(path, r, bid)
		},
	};
	let tender = r.tender;
	let (_, state, seal) = bid;
	if !matches!(state, BidState::Sealed) {
		bail!("the bid on tender {tender} was already revealed or voided ({state:?})");
	}
	// Warn if the file changed since; the committed hash is what is revealed.
	if r.file.exists() && hex0x(&files::sha256(&r.file)?) != r.file_hash {
		eprintln!(
			"warning: {} has changed since it was committed; revealing the committed hash {}",
			r.file.display(),
			r.file_hash
		);
	}
	// Reveals open at the deadline, by the chain's clock (a reveal in a block before it would
	// show the bidder and its price while others may still bid).
	let t = tender_record(node, tender).await?;
	let chain_now = || async {
		let at = node.api.at_current_block().await?;
		crate::chain::read(&at, tenderchain::storage().timestamp().now(), ()).await
	};
	let mut now = chain_now().await?;
	if now < t.deadline && t.deadline - now > REVEAL_WAIT_MS {
		bail!(
			"tender {tender}: reveals open at the bid deadline {} ({}, by the chain's clock)",
			time::show(t.deadline),
			relative(t.deadline, now)
		);
	}
	// Just before it: wait for the chain to pass it rather than send the reveal too early.
	if now < t.deadline {
		println!(
			"waiting for the chain's finalized time to pass the bid deadline {}",
			time::show(t.deadline)
		);
	}
	while now < t.deadline {
		tokio::time::sleep(std::time::Duration::from_secs(1)).await;
		now = chain_now().await?;
	}
	let salt = hex::decode(r.salt.trim_start_matches("0x"))
		.with_context(|| format!("the salt in {} is not hex", receipt.display()))?;
	let terms = Terms {
		price: r.price_fen.parse().map_err(|_| {
			anyhow!(
				"receipt {} holds no bid price (price_fen '{}'): it was written by an older 				 client for another chain",
				receipt.display(),
				r.price_fen
			)
		})?,
		duration_days: r.duration_days,
		quality: keys::hex32(&r.quality, "the receipt's quality commitment hash")?,
	};
	let file_hash = keys::hex32(&r.file_hash, "the receipt's file hash")?.into();
	let fingerprint = keys::hex32(&r.fingerprint_hash, "the receipt's fingerprint hash")?.into();
	let what = format!("the reveal on tender {tender}");
	let included = match seal {
		None => {
			let call = tenderchain::transactions().tendering().reveal_bid(
				tender,
				terms.on_chain(),
				file_hash,
				fingerprint,
				BoundedVec(salt),
			);
			node.submit_signed(&call, signer, &what).await?
		},
		Some(seal) => {
			println!("the bid was lodged by the trading centre: claiming it with the seal's proof");
			let call = tenderchain::transactions().tendering().reveal_lodged_bid(
				tender,
				terms.on_chain(),
				file_hash,
				fingerprint,
				BoundedVec(salt),
				seal.pre_output,
				seal.proof,
			);
			node.submit_signed(&call, signer, &what).await?
		},
	};
	// The chain checks the reveal against the commitment and flags collusion.
	if let Some(voided) = included.events.find_first::<events::BidVoided>() {
		let voided = voided?;
		println!("bid on tender {tender} is VOID: {:?} (block {included})", voided.reason);
	} else {
		println!(
			"bid on tender {tender} revealed and valid: price {}, {} days, file {} (block 			 {included})",
			show_yuan(terms.price),
			terms.duration_days,
			r.file_hash
		);
	}
	for flag in included.events.find::<events::CollusionSuspected>() {
		let flag = flag?;
		println!(
			"collusion suspected ({:?}) between {} and {}",
			flag.kind, flag.bidders.0, flag.bidders.1
		);
	}
	Ok(())
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::vectors::{bytes, bytes32, cases, name, number, vectors};

	/// The shared vectors: the commitment as pallet-tendering and the Python generator
	/// compute it.
	#[test]
	fn commitments_match_the_shared_vectors() {
		assert_eq!(bytes(&vectors()["bid_commitment"]["tag"]), tags::BID_COMMITMENT);
		for case in cases("bid_commitment") {
			let c = commitment(
				&bytes32(&case["genesis"]),
				number(&case["tender"]),
				&AccountId32(bytes32(&case["bidder"])),
				&Terms {
					price: case["price"].as_str().expect("decimal price").parse().expect("price"),
					duration_days: number(&case["duration_days"]) as u32,
					quality: bytes32(&case["quality"]),
				},
				&bytes32(&case["file_hash"]),
				&bytes32(&case["fingerprint"]),
				&bytes(&case["salt"]),
			);
			assert_eq!(c, bytes32(&case["commitment"]), "{}", name(&case));
		}
	}

	fn receipt(tender: u64, commitment: &str, file: &Path) -> Receipt {
		Receipt {
			kind: RECEIPT_KIND.into(),
			genesis_hash: hex0x(&[1; 32]),
			tender,
			bidder: "5Bidder".into(),
			file: file.to_path_buf(),
			file_hash: hex0x(&[2; 32]),
			fingerprint: "test: machine-id x".into(),
			machine_fingerprint: hex0x(&[3; 32]),
			fingerprint_hash: hex0x(&[4; 32]),
			price_fen: "123456789".into(),
			duration_days: 180,
			quality: hex0x(&[6; 32]),
			salt: hex0x(&[5; 32]),
			commitment: commitment.into(),
			seal: String::new(),
		}
	}

	/// Prices in yuan are read to the fen and refused with a clear message otherwise.
	#[test]
	fn prices_are_read_in_yuan_to_the_fen() {
		assert_eq!(parse_yuan("1234567.89").unwrap(), 123_456_789);
		assert_eq!(parse_yuan("12.5").unwrap(), 1_250);
		assert_eq!(parse_yuan("7").unwrap(), 700);
		for bad in ["", "1.234", "-5", "1,000", "abc", ".5"] {
			let e = parse_yuan(bad).expect_err(bad);
			assert!(format!("{e}").contains("not an amount in yuan"), "{bad}: {e}");
		}
		assert_eq!(show_yuan(123_456_789), "1,234,567.89 yuan");
		assert_eq!(show_yuan(5), "0.05 yuan");
	}

	/// A bidder's first attempt went in; a retry (or another bidder) on the same file writes a
	/// new receipt beside it and never replaces it; both are in the store, and the first is
	/// found again by its commitment.
	#[test]
	fn receipt_is_never_overwritten() {
		use std::os::unix::fs::PermissionsExt;
		let dir = std::env::temp_dir().join(format!("tender-receipts-{}", std::process::id()));
		let _ = fs::remove_dir_all(&dir);
		fs::create_dir_all(&dir).expect("temp dir");
		let file = dir.join("offer.pdf");
		fs::write(&file, b"offer").expect("written");
		let store = dir.join("data/receipts/5Bidder");
		let (c1, c2) = (hex0x(&[0xc1; 32]), hex0x(&[0xc2; 32]));
		// The first attempt: the usual name.
		let first = keep_receipt(&receipt(0, &c1, &file), &file, None, &store).expect("kept");
		assert_eq!(first.path, dir.join("offer.pdf.tender-0.receipt.json"));
		assert!(first.earlier.is_none());
		let first_text = fs::read_to_string(&first.path).expect("read");
		// The retry: a new file, the first untouched.
		let second = keep_receipt(&receipt(0, &c2, &file), &file, None, &store).expect("kept");
		assert_eq!(second.path, dir.join("offer.pdf.tender-0.receipt-2.json"));
		assert_eq!(second.earlier.as_deref(), Some(first.path.as_path()));
		assert_eq!(fs::read_to_string(&first.path).expect("read"), first_text);
		// A receipt path given explicitly is not overwritten either.
		let refused = keep_receipt(&receipt(0, &c2, &file), &file, Some(&first.path), &store)
			.expect_err("exists");
		assert!(format!("{refused:#}").contains("never overwritten"), "{refused:#}");
		assert_eq!(fs::read_to_string(&first.path).expect("read"), first_text);
		// Every receipt and copy is the owner's only.
		for path in [&first.path, &first.stored, &second.path, &second.stored] {
			let mode = fs::metadata(path).expect("exists").permissions().mode() & 0o777;
			assert_eq!(mode, 0o600, "{}", path.display());
		}
		assert_eq!(first.stored, store.join(format!("tender-0-{}.json", "c1".repeat(32))));
		// The receipt of the bid on chain is found by its commitment, in the store or beside
		// the file.
		let (found, r) = find_receipt(&store, "5Bidder", 0, &c1, &[]).expect("found");
		assert_eq!((found, r.commitment), (first.stored.clone(), c1.clone()));
		fs::remove_file(&first.stored).expect("removed");
		let (found, _) =
			find_receipt(&store, "5Bidder", 0, &c1, &receipts_next_to(&file, 0)).expect("found");
		assert_eq!(found, first.path);
		assert!(find_receipt(&store, "5Bidder", 1, &c1, std::slice::from_ref(&dir)).is_none());
		assert!(find_receipt(&store, "5Other", 0, &c2, std::slice::from_ref(&dir)).is_none());
		fs::remove_dir_all(&dir).expect("removed");
	}
}
