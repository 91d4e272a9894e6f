//! `tender bid commit | reveal | withdraw`: sealed bids from the bidder's side.
//!
//! The bid file never leaves the bidder's machine: `commit` puts only a commitment on chain and
//! keeps a receipt; `reveal` discloses the file's hash, the fingerprint's hash and the salt.

use std::{fs, path::PathBuf};

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
	files, keys,
	tendering::{relative, state_name, tender_record},
	time,
};
use tenderchain::{
	runtime_types::{
		bounded_collections::bounded_vec::BoundedVec,
		pallet_tendering::types::{BidState, TenderState},
	},
	tendering::events,
};

/// The client refuses to submit a bid later than this before the deadline (two 3 s slots): a
/// later transaction may land in a block stamped after the deadline.
const DEADLINE_MARGIN_MS: u64 = 6_000;

/// `tender bid …`.
#[derive(Debug, Subcommand)]
pub enum Command {
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

/// The `kind` of a receipt file.
const RECEIPT_KIND: &str = "tenderchain sealed-bid receipt";

/// The hash of an authoring fingerprint: `SHA-256(FINGERPRINT ‖ text)`.
fn fingerprint_hash(text: &str) -> [u8; 32] {
	let mut h = Sha256::new();
	h.update(tags::FINGERPRINT);
	h.update(text.as_bytes());
	h.finalize().into()
}

/// The commitment, exactly as pallet-tendering recomputes it: `SHA-256(BID_COMMITMENT ‖
/// genesis ‖ SCALE(tender) ‖ SCALE(bidder) ‖ file ‖ fingerprint ‖ salt)`.
pub fn commitment(
	genesis: &[u8; 32],
	tender: u64,
	bidder: &AccountId32,
	file: &[u8; 32],
	fingerprint: &[u8; 32],
	salt: &[u8],
) -> [u8; 32] {
	let mut h = Sha256::new();
	h.update(tags::BID_COMMITMENT);
	h.update(genesis);
	h.update(tender.encode());
	h.update(bidder.encode());
	h.update(file);
	h.update(fingerprint);
	h.update(salt);
	h.finalize().into()
}

/// Runs a `tender bid` command: seals, reveals or withdraws the signer's bid.
pub async fn run(ctx: &Ctx, cmd: Command) -> Result<()> {
	let signer = ctx.signer()?;
	let node = ctx.node().await?;
	match cmd {
		Command::Commit { tender, file, fingerprint, receipt } => {
			commit(node, &signer, tender, file, fingerprint, receipt).await
		},
		Command::Reveal { receipt } => reveal(node, &signer, receipt).await,
		Command::Withdraw { tender } => {
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

/// `tender bid commit`: hashes the bid file locally, writes the receipt, commits only the
/// commitment.
async fn commit(
	node: &Node,
	signer: &Keypair,
	tender: u64,
	file: PathBuf,
	fingerprint: String,
	receipt: Option<PathBuf>,
) -> Result<()> {
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
	// The commitment over the file's hash, the fingerprint and a fresh salt.
	let file_hash = files::sha256(&file)?;
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
	fs::write(&receipt_path, serde_json::to_string_pretty(&r)? + "\n").with_context(|| {
		format!("cannot write the receipt {}; bid not submitted", receipt_path.display())
	})?;
	// Commit; the receipt is kept whatever happens.
	let call = tenderchain::transactions().tendering().commit_bid(tender, c.into());
	let included =
		node.submit_signed(&call, signer, &format!("the bid on tender {tender}")).await.map_err(
			|e| anyhow!("{e:#}; bid not submitted (receipt {} kept)", receipt_path.display()),
		)?;
	println!(
		"sealed bid committed to tender {tender} (block {included}); commitment 0x{}",
		hex::encode(c)
	);
	println!(
		"receipt: {} — keep it: it is needed to reveal the bid after {}",
		receipt_path.display(),
		time::show(t.deadline)
	);
	Ok(())
}

/// `tender bid reveal`: reveals the committed file hash, fingerprint hash and salt from the
/// receipt, after the deadline.
async fn reveal(node: &Node, signer: &Keypair, receipt: PathBuf) -> Result<()> {
	let bidder = AccountId32::from(signer.public_key());
	// The receipt must be the signer's.
	let text = fs::read_to_string(&receipt)
		.with_context(|| format!("cannot read the receipt {}", receipt.display()))?;
	let r: Receipt = serde_json::from_str(&text)
		.with_context(|| format!("{} is not a bid receipt", receipt.display()))?;
	if r.kind != RECEIPT_KIND {
		bail!("{} is not a bid receipt", receipt.display());
	}
	if r.bidder != bidder.to_string() {
		bail!(
			"receipt {} belongs to bidder {}, not to the signer {bidder}",
			receipt.display(),
			r.bidder
		);
	}
	// It must match the sealed bid on chain.
	let tender = r.tender;
	let at = node.api.at_current_block().await?;
	let bid = try_read(&at, tenderchain::storage().tendering().bids(), (tender, bidder))
		.await?
		.ok_or_else(|| {
			anyhow!("receipt does not match tender {tender}: no bid of {bidder} on it")
		})?;
	if format!("0x{}", hex::encode(bid.commitment.0)) != r.commitment {
		bail!(
			"receipt does not match tender {tender}: the commitment on chain is 0x{}",
			hex::encode(bid.commitment.0)
		);
	}
	if !matches!(bid.state, BidState::Sealed) {
		bail!("the bid on tender {tender} was already revealed or voided ({:?})", bid.state);
	}
	// Warn if the file changed since; the committed hash is what is revealed.
	if r.file.exists() && format!("0x{}", hex::encode(files::sha256(&r.file)?)) != r.file_hash {
		eprintln!(
			"warning: {} has changed since it was committed; revealing the committed hash {}",
			r.file.display(),
			r.file_hash
		);
	}
	// Reveals open at the deadline.
	let t = tender_record(node, tender).await?;
	let now = time::now_ms();
	if now < t.deadline {
		bail!(
			"tender {tender}: reveals open at the bid deadline {} ({})",
			time::show(t.deadline),
			relative(t.deadline, now)
		);
	}
	let salt =
		hex::decode(r.salt.trim_start_matches("0x")).context("the receipt's salt is not hex")?;
	let call = tenderchain::transactions().tendering().reveal_bid(
		tender,
		keys::hex32(&r.file_hash, "the receipt's file hash")?.into(),
		keys::hex32(&r.fingerprint_hash, "the receipt's fingerprint hash")?.into(),
		BoundedVec(salt),
	);
	let included =
		node.submit_signed(&call, signer, &format!("the reveal on tender {tender}")).await?;
	// The chain checks the reveal against the commitment and flags collusion.
	if let Some(voided) = included.events.find_first::<events::BidVoided>() {
		let voided = voided?;
		println!("bid on tender {tender} is VOID: {:?} (block {included})", voided.reason);
	} else {
		println!(
			"bid on tender {tender} revealed and valid: file {} (block {included})",
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
				&bytes32(&case["file_hash"]),
				&bytes32(&case["fingerprint"]),
				&bytes(&case["salt"]),
			);
			assert_eq!(c, bytes32(&case["commitment"]), "{}", name(&case));
		}
	}
}
