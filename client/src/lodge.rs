//! Bids lodged by the host trading centre (密封递交), so that nobody learns who bid before the
//! deadline (招标投标法 §22).
//!
//! - The bidder seals its bid as usual but submits nothing: `tender bid commit … --via-centre
//!   ENVELOPE` writes the receipt and an *envelope*: the tender, the bidder's *seal* on it and
//!   the commitment. The seal is the sr25519 VRF output of the bidder's account key over the
//!   tender ([`seal`]): only the bidder can compute it, it is the same every time (one lodged
//!   bid per account and tender), and it names nobody.
//! - The centre lodges envelopes with decoys (`tender bid lodge`), and signs for each envelope
//!   an *acknowledgement* ([`Acknowledgement`]) that the bidder keeps: if the bid never reached
//!   the chain, the acknowledgement proves the centre received it (`tender bid check-ack`).
//! - After the deadline the centre proves its decoys (`tender bid prove-decoys`); the bidder
//!   reveals with the proof of its seal (`tender bid reveal`, which finds the lodged bid).

use std::{
	fs,
	path::{Path, PathBuf},
};

use anyhow::{anyhow, bail, Context, Result};
use rand::{seq::SliceRandom, RngCore};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use sp_core::{crypto::VrfSecret, sr25519, Pair};
use subxt::{ext::codec::Encode, utils::AccountId32};
use subxt_signer::sr25519::Keypair;
use tenderchain_primitives::tags;

use crate::{
	chain::{bounded, tenderchain, try_read, Node},
	files, keys,
	tendering::tender_record,
	time,
};
use tenderchain::runtime_types::pallet_tendering::types::{LodgedEntry, LodgedState, TenderState};

/// The centre refuses to lodge later than this before the deadline (two 3 s slots), as the
/// bidders' client refuses to commit: a later lodging may land in a block after the deadline.
const LODGE_MARGIN_MS: u64 = 6_000;

/// The city whose trading centre `centre` is, if it is one.
async fn host_centre_city(node: &Node, centre: &AccountId32) -> Result<Option<Vec<u8>>> {
	let at = node.api.at_current_block().await?;
	Ok(try_read(
		&at,
		tenderchain::storage().consortium().city_of_trading_centre(),
		(centre.clone(),),
	)
	.await?
	.map(|city| city.0))
}

/// The `kind` of an envelope file.
const ENVELOPE_KIND: &str = "tenderchain sealed-bid envelope";
/// The `kind` of an acknowledgement file.
const ACK_KIND: &str = "tenderchain sealed-bid acknowledgement";

/// What a bidder hands to the host trading centre: nothing in it names the bidder.
#[derive(Debug, Serialize, Deserialize)]
pub struct Envelope {
	/// What the file is.
	pub kind: String,
	/// The chain.
	pub genesis_hash: String,
	/// The tender.
	pub tender: u64,
	/// The bidder's seal on the tender, hex.
	pub seal: String,
	/// The bid commitment, hex.
	pub commitment: String,
	/// The entry's lock, hex: `SHA-256(BID_LODGE_LOCK ‖ key)` (see [`lock_key`]).
	pub lock: String,
	/// For a replacement of the bid lodged under this seal: the key of its lock, hex.
	#[serde(default)]
	pub unlock: Option<String>,
}

/// What the host trading centre signs for each envelope it receives, and the bidder keeps.
#[derive(Debug, Serialize, Deserialize)]
pub struct Acknowledgement {
	/// What the file is.
	pub kind: String,
	/// The chain.
	pub genesis_hash: String,
	/// The tender.
	pub tender: u64,
	/// The seal, hex.
	pub seal: String,
	/// The commitment, hex.
	pub commitment: String,
	/// When the centre received the envelope (Unix ms).
	pub received_at: u64,
	/// The centre's account (SS58).
	pub centre: String,
	/// The centre's sr25519 signature over [`ack_message`], hex.
	pub signature: String,
}

/// The input of every seal on `tender`: `SHA-256(BID_SEAL_INPUT ‖ genesis ‖ tender (u64 LE))`.
pub fn seal_input(genesis: &[u8; 32], tender: u64) -> [u8; 32] {
	let mut h = Sha256::new();
	h.update(tags::BID_SEAL_INPUT);
	h.update(genesis);
	h.update(tender.to_le_bytes());
	h.finalize().into()
}

/// The seal transcript over `input`.
fn transcript(input: &[u8; 32]) -> sr25519::vrf::VrfTranscript {
	sr25519::vrf::VrfTranscript::new(
		tags::BID_SEAL_VRF_LABEL,
		&[(tags::BID_SEAL_VRF_INPUT_ITEM, input)],
	)
}

/// A seal with what proves it: (seal, VRF pre-output, VRF proof).
pub struct Seal {
	/// The seal: the VRF output.
	pub seal: [u8; 32],
	/// The VRF pre-output.
	pub pre_output: [u8; 32],
	/// The VRF proof.
	pub proof: [u8; 64],
}

/// `pair`'s seal on `tender` of the chain `genesis`, with its proof.
pub fn seal(pair: &sr25519::Pair, genesis: &[u8; 32], tender: u64) -> Result<Seal> {
	let t = transcript(&seal_input(genesis, tender));
	let signature = pair.vrf_sign(&t.clone().into_sign_data());
	let seal = signature
		.pre_output
		.make_bytes::<32>(tags::BID_SEAL_VRF_OUTPUT_CONTEXT, &t, &pair.public())
		.map_err(|_| anyhow!("cannot derive the seal from the VRF pre-output"))?;
	let pre_output: [u8; 32] = signature
		.pre_output
		.encode()
		.try_into()
		.map_err(|_| anyhow!("the VRF pre-output is not 32 bytes"))?;
	let proof: [u8; 64] = signature
		.proof
		.encode()
		.try_into()
		.map_err(|_| anyhow!("the VRF proof is not 64 bytes"))?;
	Ok(Seal { seal, pre_output, proof })
}

/// The sr25519 key of the signer's secret URI (as `--signer` takes it), for its seals; checked
/// to be the signing account's own key.
pub fn seal_pair(uri: &str, signer: &Keypair) -> Result<sr25519::Pair> {
	let text = match uri.strip_prefix('@') {
		Some(path) => fs::read_to_string(path)
			.with_context(|| format!("cannot read the signer's secret from '{path}'"))?,
		None => uri.to_string(),
	};
	let pair = sr25519::Pair::from_string(text.trim(), None)
		.map_err(|e| anyhow!("the signer's secret is not a valid sr25519 secret URI: {e:?}"))?;
	if pair.public().0 != signer.public_key().0 {
		bail!("the signer's secret gives another sr25519 key for seals than for signing");
	}
	Ok(pair)
}

/// The key of the `n`th lock `pair` puts on its lodged bid on `tender` (the first bid's is
/// `n = 0`, each replacement's the next): derived from the secret key, so only the bidder
/// can show it.
pub fn lock_key(pair: &sr25519::Pair, genesis: &[u8; 32], tender: u64, n: u32) -> [u8; 32] {
	let mut h = Sha256::new();
	h.update(tags::BID_LODGE_LOCK);
	h.update(b"key");
	h.update(pair.to_raw_vec());
	h.update(genesis);
	h.update(tender.to_le_bytes());
	h.update(n.to_le_bytes());
	h.finalize().into()
}

/// The lock of `key`: `SHA-256(BID_LODGE_LOCK ‖ key)`.
pub fn lock_of(key: &[u8; 32]) -> [u8; 32] {
	let mut h = Sha256::new();
	h.update(tags::BID_LODGE_LOCK);
	h.update(key);
	h.finalize().into()
}

/// The most replacements of one lodged bid the client looks for.
const MAX_REPLACEMENTS: u32 = 1000;

/// The lock and unlock key of `pair`'s next envelope on `tender`: a first bid (no entry under
/// `seal` yet) gets lock 0; a replacement shows the key of the lock on chain and takes the next.
pub async fn next_lock(
	node: &Node,
	pair: &sr25519::Pair,
	genesis: &[u8; 32],
	tender: u64,
	seal: &[u8; 32],
) -> Result<([u8; 32], Option<[u8; 32]>)> {
	let at = node.api.at_current_block().await?;
	let Some(entry) =
		try_read(&at, tenderchain::storage().tendering().lodged(), (tender, (*seal).into()))
			.await?
	else {
		return Ok((lock_of(&lock_key(pair, genesis, tender, 0)), None));
	};
	for n in 0..MAX_REPLACEMENTS {
		let key = lock_key(pair, genesis, tender, n);
		if lock_of(&key) == entry.lock.0 {
			return Ok((lock_of(&lock_key(pair, genesis, tender, n + 1)), Some(key)));
		}
	}
	bail!(
		"a bid is lodged under this account's seal on tender {tender}, but its lock is none this \
		 key made: nothing sealed"
	)
}

/// A decoy's seal on `tender`: `SHA-256(BID_DECOY ‖ genesis ‖ tender (u64 LE) ‖ preimage)`.
pub fn decoy_seal(genesis: &[u8; 32], tender: u64, preimage: &[u8; 32]) -> [u8; 32] {
	let mut h = Sha256::new();
	h.update(tags::BID_DECOY);
	h.update(genesis);
	h.update(tender.to_le_bytes());
	h.update(preimage);
	h.finalize().into()
}

/// What the centre signs for an envelope:
/// `BID_ACKNOWLEDGEMENT ‖ SCALE((genesis, tender, seal, commitment, received_at))`.
pub fn ack_message(
	genesis: &[u8; 32],
	tender: u64,
	seal: &[u8; 32],
	commitment: &[u8; 32],
	received_at: u64,
) -> Vec<u8> {
	let mut m = tags::BID_ACKNOWLEDGEMENT.to_vec();
	(genesis, tender, seal, commitment, received_at).encode_to(&mut m);
	m
}

fn hex0x(bytes: &[u8]) -> String {
	format!("0x{}", hex::encode(bytes))
}

/// Writes the envelope of a bid sealed for lodging: a new file (never overwritten).
pub fn write_envelope(
	path: &Path,
	genesis: &[u8; 32],
	tender: u64,
	(seal, commitment): (&[u8; 32], &[u8; 32]),
	(lock, unlock): ([u8; 32], Option<[u8; 32]>),
) -> Result<()> {
	let e = Envelope {
		kind: ENVELOPE_KIND.into(),
		genesis_hash: hex0x(genesis),
		tender,
		seal: hex0x(seal),
		commitment: hex0x(commitment),
		lock: hex0x(&lock),
		unlock: unlock.map(|k| hex0x(&k)),
	};
	files::write_new_secret(path, (serde_json::to_string_pretty(&e)? + "\n").as_bytes())
		.map_err(|err| anyhow!("cannot write the envelope {}: {err}", path.display()))
}

fn read_json<T: for<'de> Deserialize<'de>>(path: &Path, what: &str) -> Result<T> {
	let text = fs::read_to_string(path)
		.with_context(|| format!("cannot read the {what} {}", path.display()))?;
	serde_json::from_str(&text).with_context(|| format!("{} is not a {what}", path.display()))
}

/// The decoys the centre lodged on a tender and has not proven yet, kept in the client's data
/// directory: `<data dir>/decoys/<genesis prefix>-tender-<id>.json`.
fn decoy_file(data_dir: &Path, genesis: &[u8; 32], tender: u64) -> PathBuf {
	data_dir.join("decoys").join(format!("{}-tender-{tender}.json", hex::encode(&genesis[..8])))
}

fn read_decoys(path: &Path) -> Result<Vec<String>> {
	if !path.exists() {
		return Ok(Vec::new());
	}
	read_json(path, "decoy list")
}

/// `tender bid lodge`: the host trading centre lodges `envelopes` on `tender`, padded with
/// decoys to a multiple of `batch` entries, and writes a signed acknowledgement for each
/// envelope into `ack_dir` (default: next to the envelope). With `acknowledge_only` it lodges
/// nothing (what a centre that drops bids does; for tests of `check-ack`).
pub async fn lodge(
	node: &Node,
	signer: &Keypair,
	data_dir: &Path,
	tender: u64,
	envelopes: &[PathBuf],
	batch: usize,
	ack_dir: Option<&Path>,
	acknowledge_only: bool,
) -> Result<()> {
	let genesis: [u8; 32] = node.api.genesis_hash().0;
	let t = tender_record(node, tender).await?;
	let now = time::now_ms();
	// Everything the chain would refuse is checked before anything is signed: an
	// acknowledgement is the centre's word that the bid will be lodged.
	if now + LODGE_MARGIN_MS > t.deadline {
		bail!(
			"tender {tender}: bid deadline {} is {}: too late to lodge (a block needs {} s to be \
			 sealed before it); nothing lodged, nothing acknowledged",
			time::show(t.deadline),
			crate::tendering::relative(t.deadline, now),
			LODGE_MARGIN_MS / 1000
		);
	}
	if !matches!(t.state, TenderState::Open) || t.suspended {
		bail!("tender {tender} takes no bids now (closed or suspended); nothing lodged");
	}
	let centre = AccountId32::from(signer.public_key());
	let host = host_centre_city(node, &centre).await?;
	if host.as_deref() != Some(t.city.0.as_slice()) {
		bail!(
			"{centre} is not the trading centre of {}, tender {tender}'s host city \
			 (NotTheHostTradingCentre); nothing lodged, nothing acknowledged",
			String::from_utf8_lossy(&t.city.0)
		);
	}
	let mut seals: Vec<(PathBuf, [u8; 32])> = Vec::new();
	let mut entries = Vec::new();
	let mut acks = Vec::new();
	for path in envelopes {
		let e: Envelope = read_json(path, "sealed-bid envelope")?;
		if e.kind != ENVELOPE_KIND {
			bail!("{} is not a sealed-bid envelope; nothing lodged", path.display());
		}
		if e.genesis_hash != hex0x(&genesis) || e.tender != tender {
			bail!(
				"envelope {} is for tender {} of chain {}, not tender {tender} of this chain; \
				 nothing lodged",
				path.display(),
				e.tender,
				e.genesis_hash
			);
		}
		let seal = keys::hex32(&e.seal, &format!("the seal in {}", path.display()))?;
		let commitment =
			keys::hex32(&e.commitment, &format!("the commitment in {}", path.display()))?;
		let lock = keys::hex32(&e.lock, &format!("the lock in {}", path.display()))?;
		let unlock = e
			.unlock
			.as_deref()
			.map(|k| keys::hex32(k, &format!("the unlock key in {}", path.display())))
			.transpose()?;
		if let Some((earlier, _)) = seals.iter().find(|(_, s)| *s == seal) {
			bail!(
				"envelopes {} and {} are bids of one bidder (the same seal): lodge the latest \
				 only; nothing lodged",
				earlier.display(),
				path.display()
			);
		}
		seals.push((path.clone(), seal));
		entries.push(LodgedEntry {
			seal: seal.into(),
			commitment: commitment.into(),
			lock: lock.into(),
			unlock: unlock.map(Into::into),
		});
		let signature = signer.sign(&ack_message(&genesis, tender, &seal, &commitment, now)).0;
		let ack = Acknowledgement {
			kind: ACK_KIND.into(),
			genesis_hash: hex0x(&genesis),
			tender,
			seal: e.seal.clone(),
			commitment: e.commitment.clone(),
			received_at: now,
			centre: centre.to_string(),
			signature: hex0x(&signature),
		};
		let name = format!(
			"{}.ack.json",
			path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
		);
		let at = match ack_dir {
			Some(dir) => dir.join(name),
			None => path.with_file_name(name),
		};
		acks.push((at, ack));
	}
	// Decoys: enough to make the call a whole number of batches; their preimages are kept
	// (before anything is sent) to prove them after the deadline.
	let mut preimages = Vec::new();
	if batch > 0 {
		let pad = (batch - entries.len() % batch) % batch;
		let pad = if entries.is_empty() { batch } else { pad };
		for _ in 0..pad {
			let mut p = [0u8; 32];
			rand::rngs::OsRng.fill_bytes(&mut p);
			let mut random = [[0u8; 32]; 2];
			for r in &mut random {
				rand::rngs::OsRng.fill_bytes(r);
			}
			entries.push(LodgedEntry {
				seal: decoy_seal(&genesis, tender, &p).into(),
				commitment: random[0].into(),
				lock: lock_of(&random[1]).into(),
				unlock: None,
			});
			preimages.push(hex0x(&p));
		}
	}
	if entries.is_empty() {
		bail!("no envelope and no decoys (--batch 0): nothing to lodge");
	}
	// Room on the tender (replacements take none), before anything is acknowledged.
	let max = node.bound("Tendering", "MaxLodged")?;
	let at = node.api.at_current_block().await?;
	let held = crate::chain::read(&at, tenderchain::storage().tendering().lodged_count(), (tender,))
		.await? as usize;
	let new = entries.iter().filter(|e| e.unlock.is_none()).count();
	if held + new > max {
		bail!(
			"tender {tender} holds {held} lodged entries and this lodging adds {new}: the runtime \
			 allows at most {max} (lower --batch); nothing lodged, nothing acknowledged"
		);
	}
	entries.shuffle(&mut rand::rngs::OsRng);
	let n = entries.len();
	let entries = bounded("the lodged entries", entries, max)?;
	let kept = decoy_file(data_dir, &genesis, tender);
	let mut all = read_decoys(&kept)?;
	all.extend(preimages.iter().cloned());
	if let Some(dir) = kept.parent() {
		files::create_private_dir(dir)
			.with_context(|| format!("cannot create {}", dir.display()))?;
	}
	fs::write(&kept, serde_json::to_string_pretty(&all)? + "\n")
		.with_context(|| format!("cannot keep the decoys in {}; nothing lodged", kept.display()))?;
	// The acknowledgements are the centre's word that it received the bids: written before
	// the lodging, whatever becomes of it.
	// An acknowledgement already given for the same bid (a retried lodging) stays as it is: it
	// is the bidder's evidence. One for another bid is never overwritten.
	for (path, ack) in &acks {
		if path.exists() {
			let same = read_ack(path).is_ok_and(|earlier| {
				earlier.genesis_hash == ack.genesis_hash
					&& earlier.centre == ack.centre
					&& earlier.tender == ack.tender
					&& earlier.seal == ack.seal
					&& earlier.commitment == ack.commitment
			});
			if same {
				println!("{} acknowledges this bid already; kept as it is", path.display());
				continue;
			}
			bail!(
				"{} exists and acknowledges something else: acknowledgements are never \
				 overwritten; give another --ack-dir. Nothing lodged",
				path.display()
			);
		}
		files::write_new_secret(path, (serde_json::to_string_pretty(ack)? + "\n").as_bytes())
			.map_err(|e| anyhow!("cannot write the acknowledgement {}: {e}", path.display()))?;
	}
	if acknowledge_only {
		println!(
			"acknowledged {} bids on tender {tender}; nothing lodged (--acknowledge-only)",
			acks.len()
		);
		return Ok(());
	}
	let call = tenderchain::transactions().tendering().lodge_bids(tender, entries);
	let included = node
		.submit_signed(&call, signer, &format!("the lodging of sealed bids on tender {tender}"))
		.await?;
	println!(
		"lodged {n} entries on tender {tender} (block {included}): {} bids, {} decoys (kept in {})",
		acks.len(),
		preimages.len(),
		kept.display()
	);
	for (path, _) in &acks {
		println!("acknowledgement for the bidder: {}", path.display());
	}
	Ok(())
}

/// `tender bid prove-decoys`: after the deadline, the centre proves the decoys it lodged on
/// `tender` (the preimages kept by `lodge`).
pub async fn prove_decoys(
	node: &Node,
	signer: &Keypair,
	data_dir: &Path,
	tender: u64,
) -> Result<()> {
	let genesis: [u8; 32] = node.api.genesis_hash().0;
	let kept = decoy_file(data_dir, &genesis, tender);
	let listed = read_decoys(&kept)?;
	let at = node.api.at_current_block().await?;
	let mut open = Vec::new();
	for p in &listed {
		let preimage = keys::hex32(p, &format!("a decoy in {}", kept.display()))?;
		let seal = decoy_seal(&genesis, tender, &preimage);
		let entry =
			try_read(&at, tenderchain::storage().tendering().lodged(), (tender, seal.into()))
				.await?;
		if matches!(entry.map(|e| e.state), Some(LodgedState::Sealed)) {
			open.push(preimage.into());
		}
	}
	if open.is_empty() {
		println!("tender {tender}: no unproven decoys in {}", kept.display());
		return Ok(());
	}
	let n = open.len();
	let call = tenderchain::transactions()
		.tendering()
		.prove_decoys(tender, bounded("the decoys", open, node.bound("Tendering", "MaxLodged")?)?);
	let included =
		node.submit_signed(&call, signer, &format!("the decoys of tender {tender}")).await?;
	println!("{n} decoys proven on tender {tender} (block {included})");
	Ok(())
}

/// Checks an acknowledgement's signature; returns it read.
pub fn read_ack(path: &Path) -> Result<Acknowledgement> {
	let ack: Acknowledgement = read_json(path, "sealed-bid acknowledgement")?;
	if ack.kind != ACK_KIND {
		bail!("{} is not a sealed-bid acknowledgement", path.display());
	}
	let genesis = keys::hex32(&ack.genesis_hash, "the acknowledgement's chain")?;
	let seal = keys::hex32(&ack.seal, "the acknowledgement's seal")?;
	let commitment = keys::hex32(&ack.commitment, "the acknowledgement's commitment")?;
	let centre: AccountId32 = ack.centre.parse().map_err(|e| {
		anyhow!("the acknowledgement's centre '{}' is not an account: {e:?}", ack.centre)
	})?;
	let signature: [u8; 64] = hex::decode(ack.signature.trim_start_matches("0x"))
		.ok()
		.and_then(|s| s.try_into().ok())
		.ok_or_else(|| anyhow!("the acknowledgement's signature is not 64 bytes of hex"))?;
	let message = ack_message(&genesis, ack.tender, &seal, &commitment, ack.received_at);
	let public = subxt_signer::sr25519::PublicKey(centre.0);
	if !subxt_signer::sr25519::verify(
		&subxt_signer::sr25519::Signature(signature),
		message,
		&public,
	) {
		bail!(
			"{}: the signature is not {}'s: this is no acknowledgement by that trading centre",
			path.display(),
			ack.centre
		);
	}
	Ok(ack)
}

/// `tender bid check-ack`: checks an acknowledgement and whether its bid is on chain.
pub async fn check_ack(node: &Node, path: &Path) -> Result<()> {
	let ack = read_ack(path)?;
	let genesis: [u8; 32] = node.api.genesis_hash().0;
	if ack.genesis_hash != hex0x(&genesis) {
		bail!("{} is for chain {}, not this one", path.display(), ack.genesis_hash);
	}
	let seal = keys::hex32(&ack.seal, "the acknowledgement's seal")?;
	let at = node.api.at_current_block().await?;
	let entry =
		try_read(&at, tenderchain::storage().tendering().lodged(), (ack.tender, seal.into()))
			.await?;
	let t = tender_record(node, ack.tender).await?;
	// Only the host city's trading centre can lodge: an acknowledgement by any other key proves
	// nothing against anyone.
	let centre: AccountId32 = ack.centre.parse().map_err(|e| anyhow!("{e:?}"))?;
	let city = String::from_utf8_lossy(&t.city.0).into_owned();
	if host_centre_city(node, &centre).await?.as_deref() != Some(t.city.0.as_slice()) {
		bail!(
			"{}: signed by {}, which is not the trading centre of {city}, tender {}'s host \
			 city: only that centre lodges its bids, so this acknowledgement proves nothing",
			path.display(),
			ack.centre,
			ack.tender
		);
	}
	// The chain's own clock, not this machine's.
	let chain_now = crate::chain::read(&at, tenderchain::storage().timestamp().now(), ()).await?;
	let received = time::show(ack.received_at);
	match entry {
		Some(e) if hex0x(&e.commitment.0).eq_ignore_ascii_case(&ack.commitment) => {
			println!(
				"acknowledgement valid: trading centre {} received the bid on tender {} at \
				 {received}; it is on chain, lodged at {}",
				ack.centre,
				ack.tender,
				time::show(e.lodged_at)
			);
			Ok(())
		},
		// Only the bidder holds the key that replaces its entry.
		Some(_) => bail!(
			"acknowledgement valid, but the entry under this seal on tender {} holds another \
			 commitment: the bid acknowledged at {received} was replaced since by a later \
			 envelope of the same bidder (only the bidder's key unlocks it): reveal the latest",
			ack.tender
		),
		None if ack.received_at + LODGE_MARGIN_MS > t.deadline => bail!(
			"acknowledgement valid, but the centre received the bid at {received}, too close to \
			 the deadline {} to lodge it: it is not on chain",
			time::show(t.deadline)
		),
		None if chain_now < t.deadline && matches!(t.state, TenderState::Open) => bail!(
			"acknowledgement valid, but the bid is not on chain yet: trading centre {} \
			 received it at {received} and must lodge it before the deadline {}",
			ack.centre,
			time::show(t.deadline)
		),
		None if matches!(t.state, TenderState::Cancelled) => bail!(
			"acknowledgement valid; the bid is not on chain, and tender {} was cancelled",
			ack.tender
		),
		None => bail!(
			"BID DROPPED: trading centre {} acknowledged receiving this bid on tender {} at \
			 {received}, before the deadline {}, but it was never lodged on chain. This \
			 acknowledgement ({}) is the signed evidence: take it to the supervisors.",
			ack.centre,
			ack.tender,
			time::show(t.deadline),
			path.display()
		),
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use sp_core::crypto::VrfPublic;

	#[test]
	fn a_seal_is_deterministic_per_key_and_tender_and_verifies() {
		let pair = sr25519::Pair::from_string("//Bidder", None).unwrap();
		let genesis = [7u8; 32];
		let a = seal(&pair, &genesis, 3).unwrap();
		let b = seal(&pair, &genesis, 3).unwrap();
		assert_eq!(a.seal, b.seal);
		assert_ne!(a.seal, seal(&pair, &genesis, 4).unwrap().seal);
		let other = sr25519::Pair::from_string("//Other", None).unwrap();
		assert_ne!(a.seal, seal(&other, &genesis, 3).unwrap().seal);
		// As the runtime checks it: the proof verifies for this key only.
		let t = transcript(&seal_input(&genesis, 3));
		let signature = sr25519::vrf::VrfSignature {
			pre_output: subxt::ext::codec::Decode::decode(&mut &a.pre_output[..]).unwrap(),
			proof: subxt::ext::codec::Decode::decode(&mut &a.proof[..]).unwrap(),
		};
		assert!(pair.public().vrf_verify(&t.clone().into_sign_data(), &signature));
		assert!(!other.public().vrf_verify(&t.into_sign_data(), &signature));
	}

	#[test]
	fn an_acknowledgement_verifies_and_a_forged_one_does_not() {
		let dir = std::env::temp_dir().join(format!("tender-ack-test-{}", std::process::id()));
		fs::create_dir_all(&dir).unwrap();
		let centre = crate::keys::signer("//Baiyin").unwrap();
		let genesis = [1u8; 32];
		let (seal, commitment) = ([2u8; 32], [3u8; 32]);
		let signature = centre.sign(&ack_message(&genesis, 5, &seal, &commitment, 99)).0;
		let mut ack = Acknowledgement {
			kind: ACK_KIND.into(),
			genesis_hash: hex0x(&genesis),
			tender: 5,
			seal: hex0x(&seal),
			commitment: hex0x(&commitment),
			received_at: 99,
			centre: AccountId32::from(centre.public_key()).to_string(),
			signature: hex0x(&signature),
		};
		let path = dir.join("ack.json");
		fs::write(&path, serde_json::to_string(&ack).unwrap()).unwrap();
		assert_eq!(read_ack(&path).unwrap().tender, 5);
		// The centre cannot deny a later time, nor the bidder claim an earlier one.
		ack.received_at = 98;
		let forged = dir.join("forged.json");
		fs::write(&forged, serde_json::to_string(&ack).unwrap()).unwrap();
		let err = read_ack(&forged).unwrap_err().to_string();
		assert!(err.contains("no acknowledgement by that trading centre"), "{err}");
	}
}
