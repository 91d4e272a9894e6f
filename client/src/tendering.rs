//! `tender create | amend | show | list`, `tender bid commit | reveal`, `tender open`,
//! `tender award`, `tender supervise`: the tendering rules, from the client's side.

use std::{
	fs::{self, File},
	io::Read,
	path::{Path, PathBuf},
};

use anyhow::{anyhow, bail, Context, Result};
use clap::Subcommand;
use indicatif::{ProgressBar, ProgressStyle};
use rand::RngCore;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use subxt::{ext::codec::Encode, utils::AccountId32};

use crate::{
	chain::{tenderchain, Node},
	keys, time,
};
use tenderchain::{
	runtime_types::{
		bounded_collections::bounded_vec::BoundedVec,
		pallet_tendering::types::{BidState, TenderState},
	},
	tendering::events,
};

/// The tag before every bid commitment (pallet-tendering `COMMITMENT_TAG`).
const COMMITMENT_TAG: &[u8] = b"tenderchain/bid-commitment/v1";
/// Domain separation of authoring fingerprints.
const FINGERPRINT_TAG: &[u8] = b"tenderchain/fingerprint/v1";
/// The client refuses to submit a bid later than this before the deadline (two 3 s slots): a
/// later transaction may land in a block stamped after the deadline.
const DEADLINE_MARGIN_MS: u64 = 6_000;

/// `tender bid …`.
#[derive(Debug, Subcommand)]
pub enum BidCommand {
	/// Seal a bid file: hash it locally, write a receipt, and commit only the commitment.
	Commit {
		/// The tender.
		tender: u64,
		/// The bid file (it never leaves this machine).
		file: PathBuf,
		/// The authoring fingerprint of the file: machine code, software serial, author.
		#[arg(long)]
		fingerprint: String,
		/// Where to write the receipt (default: `<file>.tender-<id>.receipt.json`). Keep it:
		/// without it the bid cannot be revealed.
		#[arg(long)]
		receipt: Option<PathBuf>,
	},
	/// Reveal a sealed bid from its receipt, after the deadline and within the reveal window.
	Reveal {
		/// The receipt written by `tender bid commit`.
		receipt: PathBuf,
	},
	/// Withdraw a sealed bid before the deadline.
	Withdraw {
		/// The tender.
		tender: u64,
	},
}

/// `tender award …`.
#[derive(Debug, Subcommand)]
pub enum AwardCommand {
	/// Record the evaluation report and publish the winning candidate (trading centre).
	Record {
		/// The tender.
		tender: u64,
		/// The evaluation report; its SHA-256 goes on chain.
		#[arg(long)]
		report: PathBuf,
		/// The winning candidate (SS58).
		#[arg(long)]
		winner: String,
	},
	/// Make the award final after the complaint period.
	Finalize {
		/// The tender.
		tender: u64,
	},
}

/// `tender supervise …`.
#[derive(Debug, Subcommand)]
pub enum SuperviseCommand {
	/// Suspend a tender.
	Suspend {
		/// The tender.
		tender: u64,
		/// The reason document.
		#[arg(long)]
		reason: PathBuf,
	},
	/// Resume a suspended tender.
	Resume {
		/// The tender.
		tender: u64,
		/// The reason document.
		#[arg(long)]
		reason: PathBuf,
	},
	/// Record a finding on a tender.
	Finding {
		/// The tender.
		tender: u64,
		/// The finding document.
		#[arg(long)]
		finding: PathBuf,
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
	/// The fingerprint text.
	pub fingerprint: String,
	/// Its hash, hex.
	pub fingerprint_hash: String,
	/// The salt, hex (secret until the reveal).
	pub salt: String,
	/// The commitment, hex.
	pub commitment: String,
}

const RECEIPT_KIND: &str = "tenderchain sealed-bid receipt";

/// SHA-256 of a file, with a progress bar for files over 8 MiB.
pub fn hash_file(path: &Path) -> Result<[u8; 32]> {
	let mut file = File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
	let len = file.metadata().map(|m| m.len()).unwrap_or(0);
	let bar = (len > 8 << 20).then(|| {
		let bar = ProgressBar::new(len);
		bar.set_style(
			ProgressStyle::with_template("hashing {msg} {bar:40} {bytes}/{total_bytes} ({eta})")
				.expect("valid template"),
		);
		bar.set_message(path.display().to_string());
		bar
	});
	let mut hasher = Sha256::new();
	let mut buffer = vec![0u8; 1 << 20];
	loop {
		let n = file.read(&mut buffer).with_context(|| format!("cannot read {}", path.display()))?;
		if n == 0 {
			break;
		}
		hasher.update(&buffer[..n]);
		if let Some(bar) = &bar {
			bar.inc(n as u64);
		}
	}
	if let Some(bar) = bar {
		bar.finish_and_clear();
	}
	Ok(hasher.finalize().into())
}

fn fingerprint_hash(text: &str) -> [u8; 32] {
	let mut h = Sha256::new();
	h.update(FINGERPRINT_TAG);
	h.update(text.as_bytes());
	h.finalize().into()
}

/// The commitment, exactly as pallet-tendering recomputes it.
pub fn commitment(genesis: &[u8; 32], tender: u64, bidder: &AccountId32, file: &[u8; 32], fingerprint: &[u8; 32], salt: &[u8]) -> [u8; 32] {
	let mut h = Sha256::new();
	h.update(COMMITMENT_TAG);
	h.update(genesis);
	h.update(tender.encode());
	h.update(bidder.encode());
	h.update(file);
	h.update(fingerprint);
	h.update(salt);
	h.finalize().into()
}

/// "in 3 min 20 s" or "42 s ago".
fn relative(ms: u64, now: u64) -> String {
	let (d, future) = if ms >= now { (ms - now, true) } else { (now - ms, false) };
	let s = d / 1000;
	let text = if s >= 3600 {
		format!("{} h {} min", s / 3600, (s % 3600) / 60)
	} else if s >= 60 {
		format!("{} min {} s", s / 60, s % 60)
	} else {
		format!("{s} s")
	};
	if future {
		format!("in {text}")
	} else {
		format!("{text} ago")
	}
}

/// Reads a tender, or says plainly that there is none.
async fn tender_record(
	node: &Node,
	tender: u64,
) -> Result<tenderchain::runtime_types::pallet_tendering::types::Tender<AccountId32>> {
	let at = node.api.at_current_block().await?;
	let value = at
		.storage()
		.entry(tenderchain::storage().tendering().tenders())?
		.try_fetch((tender,))
		.await?
		.ok_or_else(|| anyhow!("there is no tender {tender} on this chain (see `tender list`)"))?;
	Ok(value.decode()?)
}

fn state_name(state: &TenderState) -> &'static str {
	match state {
		TenderState::Open => "open",
		TenderState::Evaluating => "evaluating",
		TenderState::Publicity => "winning candidate published (complaint period)",
		TenderState::Awarded => "awarded",
		TenderState::Failed => "failed (too few valid bids, 流标)",
		TenderState::Cancelled => "cancelled",
	}
}

/// `tender create`.
#[allow(clippy::too_many_arguments)]
pub async fn create(
	node: &Node,
	signer: &str,
	title: String,
	city: String,
	documents: PathBuf,
	deadline: String,
	reveal_minutes: u64,
	min_valid_bids: u32,
	max_bidders: u32,
	specialities: Vec<u16>,
) -> Result<()> {
	let signer = keys::signer(signer)?;
	let deadline_ms = time::parse(&deadline)?;
	if deadline_ms <= time::now_ms() {
		bail!("the deadline {} has already passed", time::show(deadline_ms));
	}
	let call = tenderchain::transactions().tendering().create_tender(
		title.clone().into_bytes(),
		BoundedVec(city.clone().into_bytes()),
		specialities,
		hash_file(&documents)?.into(),
		deadline_ms,
		reveal_minutes * 60_000,
		min_valid_bids,
		max_bidders,
	);
	let included = node.submit_signed(&call, &signer, &format!("tender '{title}'")).await?;
	let created = included
		.events
		.find_first::<events::TenderCreated>()
		.ok_or_else(|| anyhow!("the tender was published but no TenderCreated event was found"))??;
	println!(
		"tender {} created in {city}: '{title}', bid deadline {} (block {included})",
		created.tender,
		time::show(deadline_ms)
	);
	Ok(())
}

/// `tender amend`.
pub async fn amend(
	node: &Node,
	signer: &str,
	tender: u64,
	deadline: Option<String>,
	documents: Option<PathBuf>,
	reason: PathBuf,
) -> Result<()> {
	let signer = keys::signer(signer)?;
	let t = tender_record(node, tender).await?;
	let now = time::now_ms();
	if now >= t.deadline {
		bail!(
			"tender {tender}: bid deadline {} passed {}; it can no longer be amended",
			time::show(t.deadline),
			relative(t.deadline, now)
		);
	}
	let new_deadline = deadline.map(|d| time::parse(&d)).transpose()?;
	let new_documents = documents.map(|d| hash_file(&d)).transpose()?.map(Into::into);
	let call = tenderchain::transactions().tendering().amend_tender(
		tender,
		new_deadline,
		new_documents,
		hash_file(&reason)?.into(),
	);
	let included = node.submit_signed(&call, &signer, &format!("the amendment of tender {tender}")).await?;
	let amended = included
		.events
		.find_first::<events::TenderAmended>()
		.ok_or_else(|| anyhow!("no TenderAmended event"))??;
	println!(
		"tender {tender} amended: deadline {} (was {}) (block {included})",
		time::show(amended.new_deadline),
		time::show(amended.old_deadline)
	);
	Ok(())
}

/// `tender show`.
pub async fn show(node: &Node, tender: u64) -> Result<()> {
	let t = tender_record(node, tender).await?;
	let now = time::now_ms();
	let at = node.api.at_current_block().await?;
	println!("tender {tender}: {}", String::from_utf8_lossy(&t.title.0));
	println!("  city:          {}", String::from_utf8_lossy(&t.city.0));
	println!("  owner:         {}", t.owner);
	println!("  state:         {}{}", state_name(&t.state), if t.suspended { " — SUSPENDED by a supervisor" } else { "" });
	println!("  documents:     0x{}", hex::encode(t.documents.0));
	println!("  bid deadline:  {} ({})", time::show(t.deadline), relative(t.deadline, now));
	let reveal_ends = t.deadline + t.reveal_window;
	println!("  reveals until: {} ({})", time::show(reveal_ends), relative(reveal_ends, now));
	println!("  bids:          {} sealed or revealed (min {} valid, max {})", t.bids, t.min_valid_bids, t.max_bidders);
	let amendments = at.storage().entry(tenderchain::storage().tendering().amendments())?.fetch((tender,)).await?.decode()?;
	for a in amendments.0 {
		println!(
			"  amendment at {}: deadline {} -> {}, reason 0x{}",
			time::show(a.at),
			time::show(a.old_deadline),
			time::show(a.new_deadline),
			hex::encode(a.reason.0)
		);
	}
	let flags = at.storage().entry(tenderchain::storage().tendering().collusion_flags())?.fetch((tender,)).await?.decode()?;
	for f in flags.0 {
		println!("  COLLUSION SUSPECTED ({:?}): {} and {}", f.kind, f.first, f.second);
	}
	if let Some(record) = at.storage().entry(tenderchain::storage().tendering().opening_records())?.try_fetch((tender,)).await? {
		let record = record.decode()?;
		println!("  opened at {}: record hash 0x{}", time::show(record.at), hex::encode(record.hash.0));
		for (bidder, file) in record.valid.0 {
			println!("    valid: {bidder} file 0x{}", hex::encode(file.0));
		}
		for (bidder, reason) in record.void.0 {
			println!("    void:  {bidder} ({reason:?})");
		}
	}
	if let Some(award) = at.storage().entry(tenderchain::storage().tendering().awards())?.try_fetch((tender,)).await? {
		let award = award.decode()?;
		println!(
			"  winner:        {} (report 0x{}, complaint period until {})",
			award.winner,
			hex::encode(award.report.0),
			time::show(award.publicity_ends)
		);
	}
	Ok(())
}

/// `tender list`.
pub async fn list(node: &Node) -> Result<()> {
	let at = node.api.at_current_block().await?;
	let mut entries = at.storage().entry(tenderchain::storage().tendering().tenders())?.iter(()).await?;
	let mut rows = Vec::new();
	while let Some(entry) = entries.next().await {
		let entry = entry?;
		rows.push((entry.key()?.decode()?.0, entry.value().decode()?));
	}
	rows.sort_by_key(|(id, _)| *id);
	if rows.is_empty() {
		println!("no tenders yet");
	}
	for (id, t) in rows {
		println!(
			"{id:>4}  {:<4} {:<48} deadline {}  {}",
			String::from_utf8_lossy(&t.city.0),
			String::from_utf8_lossy(&t.title.0),
			time::show(t.deadline),
			state_name(&t.state)
		);
	}
	Ok(())
}

/// `tender bid …`.
pub async fn bid(node: &Node, signer: &str, command: BidCommand) -> Result<()> {
	let signer = keys::signer(signer)?;
	let bidder = AccountId32::from(signer.public_key());
	let genesis: [u8; 32] = node.api.genesis_hash().0;
	match command {
		BidCommand::Commit { tender, file, fingerprint, receipt } => {
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
			let file_hash = hash_file(&file)?;
			let fp = fingerprint_hash(&fingerprint);
			let mut salt = [0u8; 32];
			rand::rngs::OsRng.fill_bytes(&mut salt);
			let c = commitment(&genesis, tender, &bidder, &file_hash, &fp, &salt);
			// The receipt is written before anything is sent: a bid is never sealed without it.
			let receipt_path = receipt.unwrap_or_else(|| {
				let mut p = file.clone().into_os_string();
				p.push(format!(".tender-{tender}.receipt.json"));
				PathBuf::from(p)
			});
			let r = Receipt {
				kind: RECEIPT_KIND.into(),
				genesis_hash: format!("0x{}", hex::encode(genesis)),
				tender,
				bidder: bidder.to_string(),
				file: fs::canonicalize(&file).unwrap_or(file.clone()),
				file_hash: format!("0x{}", hex::encode(file_hash)),
				fingerprint,
				fingerprint_hash: format!("0x{}", hex::encode(fp)),
				salt: format!("0x{}", hex::encode(salt)),
				commitment: format!("0x{}", hex::encode(c)),
			};
			fs::write(&receipt_path, serde_json::to_string_pretty(&r)? + "\n")
				.with_context(|| format!("cannot write the receipt {}; bid not submitted", receipt_path.display()))?;
			let call = tenderchain::transactions().tendering().commit_bid(tender, c.into());
			let included = node
				.submit_signed(&call, &signer, &format!("the bid on tender {tender}"))
				.await
				.map_err(|e| anyhow!("{e:#}; bid not submitted (receipt {} kept)", receipt_path.display()))?;
			println!(
				"sealed bid committed to tender {tender} (block {included}); commitment 0x{}",
				hex::encode(c)
			);
			println!("receipt: {} — keep it: it is needed to reveal the bid after {}", receipt_path.display(), time::show(t.deadline));
			Ok(())
		},
		BidCommand::Reveal { receipt } => {
			let text = fs::read_to_string(&receipt).with_context(|| format!("cannot read the receipt {}", receipt.display()))?;
			let r: Receipt = serde_json::from_str(&text).with_context(|| format!("{} is not a bid receipt", receipt.display()))?;
			if r.kind != RECEIPT_KIND {
				bail!("{} is not a bid receipt", receipt.display());
			}
			if r.bidder != bidder.to_string() {
				bail!("receipt {} belongs to bidder {}, not to the signer {bidder}", receipt.display(), r.bidder);
			}
			let tender = r.tender;
			let at = node.api.at_current_block().await?;
			let bid = at
				.storage()
				.entry(tenderchain::storage().tendering().bids())?
				.try_fetch((tender, bidder.clone()))
				.await?
				.ok_or_else(|| anyhow!("receipt does not match tender {tender}: no bid of {bidder} on it"))?
				.decode()?;
			if format!("0x{}", hex::encode(bid.commitment.0)) != r.commitment {
				bail!("receipt does not match tender {tender}: the commitment on chain is 0x{}", hex::encode(bid.commitment.0));
			}
			if !matches!(bid.state, BidState::Sealed) {
				bail!("the bid on tender {tender} was already revealed or voided ({:?})", bid.state);
			}
			if r.file.exists() && format!("0x{}", hex::encode(hash_file(&r.file)?)) != r.file_hash {
				eprintln!(
					"warning: {} has changed since it was committed; revealing the committed hash {}",
					r.file.display(),
					r.file_hash
				);
			}
			let t = tender_record(node, tender).await?;
			let now = time::now_ms();
			if now < t.deadline {
				bail!("tender {tender}: reveals open at the bid deadline {} ({})", time::show(t.deadline), relative(t.deadline, now));
			}
			let salt = hex::decode(r.salt.trim_start_matches("0x")).context("the receipt's salt is not hex")?;
			let call = tenderchain::transactions().tendering().reveal_bid(
				tender,
				keys::hex32(&r.file_hash, "the receipt's file hash")?.into(),
				keys::hex32(&r.fingerprint_hash, "the receipt's fingerprint hash")?.into(),
				BoundedVec(salt),
			);
			let included = node.submit_signed(&call, &signer, &format!("the reveal on tender {tender}")).await?;
			if let Some(voided) = included.events.find_first::<events::BidVoided>() {
				let voided = voided?;
				println!("bid on tender {tender} is VOID: {:?} (block {included})", voided.reason);
			} else {
				println!("bid on tender {tender} revealed and valid: file {} (block {included})", r.file_hash);
			}
			for flag in included.events.find::<events::CollusionSuspected>() {
				let flag = flag?;
				println!("collusion suspected ({:?}) between {} and {}", flag.kind, flag.bidders.0, flag.bidders.1);
			}
			Ok(())
		},
		BidCommand::Withdraw { tender } => {
			let call = tenderchain::transactions().tendering().withdraw_bid(tender);
			let included = node.submit_signed(&call, &signer, &format!("the withdrawal from tender {tender}")).await?;
			println!("bid on tender {tender} withdrawn (block {included})");
			Ok(())
		},
	}
}

/// `tender open`.
pub async fn open(node: &Node, signer: &str, tender: u64) -> Result<()> {
	let signer = keys::signer(signer)?;
	let t = tender_record(node, tender).await?;
	let now = time::now_ms();
	let reveal_ends = t.deadline + t.reveal_window;
	if now < reveal_ends {
		bail!("tender {tender}: the bids can be opened after the reveal window ends at {} ({})", time::show(reveal_ends), relative(reveal_ends, now));
	}
	let call = tenderchain::transactions().tendering().open_bids(tender);
	let included = node.submit_signed(&call, &signer, &format!("the opening of tender {tender}")).await?;
	let opened = included.events.find_first::<events::BidsOpened>().ok_or_else(|| anyhow!("no BidsOpened event"))??;
	println!(
		"tender {tender} opened (block {included}): {} valid, {} void; opening record 0x{}",
		opened.valid,
		opened.void,
		hex::encode(opened.record.0)
	);
	if let Some(failed) = included.events.find_first::<events::TenderFailed>() {
		let failed = failed?;
		println!("tender {tender} FAILED: {} valid bids, {} needed (流标)", failed.valid, failed.needed);
	}
	Ok(())
}

/// `tender award …`.
pub async fn award(node: &Node, signer: &str, command: AwardCommand) -> Result<()> {
	let signer = keys::signer(signer)?;
	match command {
		AwardCommand::Record { tender, report, winner } => {
			let winner: AccountId32 = winner.parse().map_err(|_| anyhow!("'{winner}' is not an SS58 account address"))?;
			let call = tenderchain::transactions().tendering().record_evaluation(tender, hash_file(&report)?.into(), winner);
			let included = node.submit_signed(&call, &signer, &format!("the evaluation of tender {tender}")).await?;
			let published = included.events.find_first::<events::CandidatePublished>().ok_or_else(|| anyhow!("no CandidatePublished event"))??;
			println!(
				"tender {tender}: winning candidate {} published until {} (block {included})",
				published.winner,
				time::show(published.publicity_ends)
			);
		},
		AwardCommand::Finalize { tender } => {
			let call = tenderchain::transactions().tendering().finalize_award(tender);
			let included = node.submit_signed(&call, &signer, &format!("the award of tender {tender}")).await?;
			let awarded = included.events.find_first::<events::TenderAwarded>().ok_or_else(|| anyhow!("no TenderAwarded event"))??;
			println!("tender {tender} awarded to {} (block {included})", awarded.winner);
		},
	}
	Ok(())
}

/// `tender supervise …`.
pub async fn supervise(node: &Node, signer: &str, command: SuperviseCommand) -> Result<()> {
	let signer = keys::signer(signer)?;
	let (tender, what, call_result) = match command {
		SuperviseCommand::Suspend { tender, reason } => {
			let call = tenderchain::transactions().tendering().suspend(tender, hash_file(&reason)?.into());
			(tender, "suspended", node.submit_signed(&call, &signer, &format!("the suspension of tender {tender}")).await)
		},
		SuperviseCommand::Resume { tender, reason } => {
			let call = tenderchain::transactions().tendering().resume(tender, hash_file(&reason)?.into());
			(tender, "resumed", node.submit_signed(&call, &signer, &format!("the resumption of tender {tender}")).await)
		},
		SuperviseCommand::Finding { tender, finding } => {
			let call = tenderchain::transactions().tendering().record_finding(tender, hash_file(&finding)?.into());
			(tender, "finding recorded on", node.submit_signed(&call, &signer, &format!("the finding on tender {tender}")).await)
		},
	};
	let included = call_result?;
	println!("tender {tender} {what} (block {included})");
	Ok(())
}
