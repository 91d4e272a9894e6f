//! `tender expert pool-add | pool-list | take-seat` and `tender draw request | contribute |
//! show | verify`: the random draw of evaluation experts from the client's side.
//!
//! `tender draw verify` replays a draw from on-chain data alone with this module's own
//! implementation of the rules (eligibility, VRF input, seed, selection), written apart from
//! the runtime's and pinned to the same vectors (see the tests below and
//! `pallets/expert-draw/src/tests.rs`), so that an auditor does not check the runtime with
//! the runtime's own code.

use std::collections::BTreeSet;

use anyhow::{anyhow, bail, Context, Result};
use clap::{Subcommand, ValueEnum};
use rand::RngCore;
use sp_core::{
	crypto::{Pair as _, VrfPublic, VrfSecret},
	sr25519,
};
use subxt::{ext::codec::Encode, utils::AccountId32};

use crate::{
	certs,
	chain::{tenderchain, Node},
	keys,
};
use tenderchain::{
	expert_draw::events,
	runtime_types::{
		bounded_collections::bounded_vec::BoundedVec,
		pallet_expert_draw::types::{
			Draw, Mode as ChainMode, PoolEntry, ReplacementReason, Requirement, SeatState,
		},
		pallet_tendering::types::TenderState,
	},
};

const PSEUDONYM_TAG: &[u8] = b"tenderchain/expert-pseudonym/v1";
const VRF_LABEL: &[u8] = b"tenderchain/expert-draw/v1";
const VRF_INPUT_ITEM: &[u8] = b"draw-input";
const VRF_OUTPUT_CONTEXT: &[u8] = b"tenderchain/expert-draw/output";
const INPUT_TAG: &[u8] = b"tenderchain/expert-draw/input/v1";
const SEED_TAG: &[u8] = b"tenderchain/expert-draw/seed/v1";
const PICK_TAG: &[u8] = b"tenderchain/expert-draw/pick/v1";
/// Entries per pool page (pallet-expert-draw `PAGE_SIZE`).
const PAGE_SIZE: u32 = 256;

/// Where the committee comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Mode {
	/// Experts of the tender's host city.
	Local,
	/// Remote evaluation (远程异地评标): other cities' experts, not the tenderer's city.
	Remote,
}

/// Why a seat is drawn again.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Reason {
	/// The expert declined.
	Declined,
	/// The expert did not come.
	Absent,
	/// The expert declared a conflict of interest.
	Conflict,
	/// The expert could not take the seat (certificate, bar).
	Ineligible,
}

/// `tender expert …`.
#[derive(Debug, Subcommand)]
pub enum ExpertCommand {
	/// Add an expert to the pool by pseudonym (the expert-pool administrator). Prints the salt:
	/// give it to the expert, who needs it to take a seat.
	PoolAdd {
		/// The expert's account (SS58).
		account: String,
		/// Speciality codes, comma-separated (at most 4).
		#[arg(long, value_delimiter = ',', required = true)]
		speciality: Vec<u16>,
		/// The city where the expert works.
		#[arg(long)]
		city: String,
		/// The employer's unified social credit code (hashed as certificates hash identities).
		#[arg(long)]
		employer: String,
		/// The expert takes remote evaluation.
		#[arg(long)]
		remote: bool,
		/// The salt (32 bytes hex); a random one by default.
		#[arg(long)]
		salt: Option<String>,
	},
	/// List the pool.
	PoolList,
	/// Take a drawn seat when evaluation begins (the expert): proves the pool entry.
	TakeSeat {
		/// The tender.
		tender: u64,
		/// The salt the pool administrator gave you (hex).
		#[arg(long)]
		salt: String,
	},
}

/// `tender draw …`.
#[derive(Debug, Subcommand)]
pub enum DrawCommand {
	/// Request a draw for a tender after its bid deadline (the host city's trading centre).
	Request {
		/// The tender.
		tender: u64,
		/// Local or remote evaluation.
		#[arg(long, value_enum, default_value = "remote")]
		mode: Mode,
		/// Specialities and counts: `101:3,205:2`.
		#[arg(long, value_delimiter = ',', required = true)]
		need: Vec<String>,
	},
	/// Contribute this city's VRF output to a draw (a designated city's trading centre).
	Contribute {
		/// The draw.
		draw: u64,
		/// The city's draw key (secret URI or @file); the signer's own key by default.
		#[arg(long)]
		draw_key: Option<String>,
	},
	/// Show a draw: request, eligible sets, contributions, seed, picks, seats.
	Show {
		/// The draw.
		draw: u64,
	},
	/// Replay a draw from on-chain data with this client's own implementation, and say
	/// "verified" or exactly what differs. Exits 1 on any difference.
	Verify {
		/// The draw.
		draw: u64,
	},
	/// Draw a seat again (the host city's trading centre), with the reason.
	Replace {
		/// The tender.
		tender: u64,
		/// The seat (as numbered by `tender draw show`).
		seat: u32,
		/// Why.
		#[arg(long, value_enum)]
		reason: Reason,
	},
}

// --- The rules, written out independently of the runtime ---

fn blake2_256(data: &[u8]) -> [u8; 32] {
	sp_crypto_hashing::blake2_256(data)
}

/// SCALE compact length of a short sequence (< 64 items).
fn short_len(n: usize) -> u8 {
	(n as u8) << 2
}

/// `BLAKE2-256(PSEUDONYM_TAG ‖ account ‖ salt)`.
pub fn pseudonym(account: &[u8; 32], salt: &[u8; 32]) -> [u8; 32] {
	let mut data = PSEUDONYM_TAG.to_vec();
	data.extend_from_slice(account);
	data.extend_from_slice(salt);
	blake2_256(&data)
}

/// The draw input: `BLAKE2-256(INPUT_TAG ‖ genesis ‖ draw u64 ‖ tender u64 ‖ mode u8 ‖
/// lines (compact count, then speciality u16 and count u32 each) ‖ anchor hash)`.
pub fn input_hash(genesis: &[u8; 32], draw: u64, tender: u64, remote: bool, lines: &[(u16, u32)], anchor: &[u8; 32]) -> [u8; 32] {
	let mut data = INPUT_TAG.to_vec();
	data.extend_from_slice(genesis);
	data.extend_from_slice(&draw.to_le_bytes());
	data.extend_from_slice(&tender.to_le_bytes());
	data.push(u8::from(remote));
	data.push(short_len(lines.len()));
	for (speciality, count) in lines {
		data.extend_from_slice(&speciality.to_le_bytes());
		data.extend_from_slice(&count.to_le_bytes());
	}
	data.extend_from_slice(anchor);
	blake2_256(&data)
}

/// The seed: `BLAKE2-256(SEED_TAG ‖ input ‖ (city ‖ output) in city-code order)`.
pub fn seed(input: &[u8; 32], outputs: &[(Vec<u8>, [u8; 32])]) -> [u8; 32] {
	let mut sorted = outputs.to_vec();
	sorted.sort_by(|a, b| a.0.cmp(&b.0));
	let mut data = SEED_TAG.to_vec();
	data.extend_from_slice(input);
	for (city, output) in sorted {
		data.push(short_len(city.len()));
		data.extend_from_slice(&city);
		data.extend_from_slice(&output);
	}
	blake2_256(&data)
}

/// The picks of a draw: per line, a partial Fisher–Yates shuffle of the line's eligible set
/// minus earlier lines' picks, driven by `BLAKE2-256(PICK_TAG ‖ seed ‖ line ‖ i)`.
pub fn select(seed: &[u8; 32], lines: &[(u32, Vec<u32>)]) -> Vec<u32> {
	let mut picks: Vec<u32> = Vec::new();
	for (line, (count, eligible)) in lines.iter().enumerate() {
		let mut candidates: Vec<u32> = eligible.iter().copied().filter(|e| !picks.contains(e)).collect();
		let n = candidates.len();
		let take = (*count as usize).min(n);
		for i in 0..take {
			let mut data = PICK_TAG.to_vec();
			data.extend_from_slice(seed);
			data.extend_from_slice(&(line as u32).to_le_bytes());
			data.extend_from_slice(&(i as u32).to_le_bytes());
			let hash = blake2_256(&data);
			let r = u128::from_le_bytes(hash[..16].try_into().expect("16 bytes"));
			let j = i + (r % (n - i) as u128) as usize;
			candidates.swap(i, j);
		}
		picks.extend_from_slice(&candidates[..take]);
	}
	picks
}

fn transcript(input: &[u8; 32]) -> sr25519::vrf::VrfTranscript {
	sr25519::vrf::VrfTranscript::new(VRF_LABEL, &[(VRF_INPUT_ITEM, input)])
}

/// Verifies a contribution and derives its output bytes.
fn vrf_output(key: &[u8; 32], input: &[u8; 32], pre: &[u8; 32], proof: &[u8; 64]) -> Option<[u8; 32]> {
	use subxt::ext::codec::Decode;
	let public = sr25519::Public::from_raw(*key);
	let signature = sr25519::vrf::VrfSignature {
		pre_output: sr25519::vrf::VrfPreOutput::decode(&mut &pre[..]).ok()?,
		proof: sr25519::vrf::VrfProof::decode(&mut &proof[..]).ok()?,
	};
	if !public.vrf_verify(&transcript(input).into_sign_data(), &signature) {
		return None;
	}
	signature.pre_output.make_bytes::<32>(VRF_OUTPUT_CONTEXT, &transcript(input), &public).ok()
}

/// What makes an entry ineligible for a tender, apart from the entry itself.
struct Avoid {
	host: Vec<u8>,
	tenderer_city: Option<Vec<u8>>,
	employers: BTreeSet<[u8; 32]>,
	entries: BTreeSet<u32>,
}

fn eligible(id: u32, e: &PoolEntry, speciality: u16, remote: bool, avoid: &Avoid) -> bool {
	let city = &e.city.0;
	let city_fits = if remote {
		e.remote && *city != avoid.host && avoid.tenderer_city.as_ref() != Some(city)
	} else {
		*city == avoid.host
	};
	e.available &&
		!e.struck &&
		e.specialities.0.contains(&speciality) &&
		city_fits &&
		!avoid.employers.contains(&e.employer.0) &&
		!avoid.entries.contains(&id)
}

// --- Reading the chain ---

type At = subxt::client::ClientAtBlock<crate::chain::Config, subxt::client::OnlineClientAtBlockImpl<crate::chain::Config>>;

async fn draw_record(at: &At, draw: u64) -> Result<Draw<u32>> {
	Ok(at
		.storage()
		.entry(tenderchain::storage().expert_draw().draws())?
		.try_fetch((draw,))
		.await?
		.ok_or_else(|| anyhow!("there is no draw {draw} on this chain"))?
		.decode()?)
}

async fn pool(at: &At) -> Result<Vec<PoolEntry>> {
	let size = at.storage().entry(tenderchain::storage().expert_draw().pool_size())?.fetch(()).await?.decode()?;
	let mut entries = Vec::with_capacity(size as usize);
	for page in 0..size.div_ceil(PAGE_SIZE) {
		let page = at.storage().entry(tenderchain::storage().expert_draw().pool_pages())?.fetch((page,)).await?.decode()?;
		entries.extend(page.0);
	}
	Ok(entries)
}

async fn eligible_set(at: &At, draw: u64, line: u32) -> Result<Vec<u32>> {
	Ok(at
		.storage()
		.entry(tenderchain::storage().expert_draw().eligible_sets())?
		.fetch((draw, line))
		.await?
		.decode()?
		.0)
}

/// The tenderer's and bidders' identities and cities, the committee and recent picks, as
/// stored at `at`.
async fn avoidance(at: &At, tender: u64) -> Result<Avoid> {
	let t = at
		.storage()
		.entry(tenderchain::storage().tendering().tenders())?
		.try_fetch((tender,))
		.await?
		.ok_or_else(|| anyhow!("there is no tender {tender}"))?
		.decode()?;
	let certificate = |who: AccountId32| async move {
		let c = at.storage().entry(tenderchain::storage().certificates().certificates())?.try_fetch((who,)).await?;
		anyhow::Ok(match c {
			Some(c) => Some(c.decode()?),
			None => None,
		})
	};
	let mut avoid = Avoid { host: t.city.0.clone(), tenderer_city: None, employers: BTreeSet::new(), entries: BTreeSet::new() };
	let owner = certificate(t.owner.clone()).await?;
	if let Some(c) = &owner {
		avoid.tenderer_city = Some(c.city.0.clone());
		avoid.employers.insert(c.identity_hash.0);
	}
	let mut bids = at.storage().entry(tenderchain::storage().tendering().bids())?.iter((tender,)).await?;
	while let Some(bid) = bids.next().await {
		let bid = bid?;
		let bidder = bid.key()?.part(1).context("no bidder in the key")?.decode_as::<AccountId32>()?;
		if let Some(bidder) = bidder {
			if let Some(c) = certificate(bidder).await? {
				avoid.employers.insert(c.identity_hash.0);
			}
		}
	}
	let seats = at.storage().entry(tenderchain::storage().expert_draw().committees())?.fetch((tender,)).await?.decode()?;
	avoid.entries.extend(seats.0.iter().map(|s| s.entry));
	if let Some(c) = owner {
		let recent = at.storage().entry(tenderchain::storage().expert_draw().recent_picks())?.fetch((c.identity_hash,)).await?.decode()?;
		for picks in recent.0 {
			avoid.entries.extend(picks.0);
		}
	}
	Ok(avoid)
}

async fn cities(at: &At) -> Result<Vec<Vec<u8>>> {
	let mut codes = Vec::new();
	let mut entries = at.storage().entry(tenderchain::storage().consortium().cities())?.iter(()).await?;
	while let Some(entry) = entries.next().await {
		let entry = entry?;
		if let Some(code) = entry.key()?.part(0).context("no city in the key")?.decode_as::<BoundedVec<u8>>()? {
			codes.push(code.0);
		}
	}
	codes.sort();
	Ok(codes)
}

/// The cities asked to contribute at block `now`, as the runtime's rotation has it.
fn designated(all: &[Vec<u8>], draw: u64, d: &Draw<u32>, now: u32, window: u32, required: u32) -> Vec<Vec<u8>> {
	let others: Vec<Vec<u8>> = all.iter().filter(|c| **c != d.city.0).cloned().collect();
	if others.is_empty() {
		return others;
	}
	let start = (draw % others.len() as u64) as usize;
	let waited = now.saturating_sub(d.anchor + 1) / window.max(1);
	let count = ((required + waited) as usize).min(others.len());
	(0..count).map(|i| others[(start + i) % others.len()].clone()).collect()
}

fn text(bytes: &[u8]) -> String {
	String::from_utf8_lossy(bytes).into_owned()
}

fn lines_of(d: &Draw<u32>) -> Vec<(u16, u32)> {
	d.requirements.0.iter().map(|r| (r.speciality, r.count)).collect()
}

fn reason_name(r: &ReplacementReason) -> &'static str {
	match r {
		ReplacementReason::Declined => "declined",
		ReplacementReason::Absent => "absent",
		ReplacementReason::Conflict => "declared a conflict of interest",
		ReplacementReason::Ineligible => "ineligible (certificate or bar)",
	}
}

// --- Commands ---

/// `tender expert …`.
pub async fn expert(node: &Node, signer: Option<&str>, command: ExpertCommand) -> Result<()> {
	let need_signer = || signer.ok_or_else(|| anyhow!("this command signs a transaction: give --signer (or TENDER_SIGNER)"));
	match command {
		ExpertCommand::PoolAdd { account, speciality, city, employer, remote, salt } => {
			let signer = keys::signer(need_signer()?)?;
			let expert = keys::account(&account)?;
			let salt = match salt {
				Some(s) => keys::hex32(&s, "the salt")?,
				None => {
					let mut s = [0u8; 32];
					rand::rngs::OsRng.fill_bytes(&mut s);
					s
				},
			};
			let p = pseudonym(&expert.0, &salt);
			let call = tenderchain::transactions().expert_draw().add_expert(
				p.into(),
				speciality.clone(),
				BoundedVec(city.clone().into_bytes()),
				certs::identity_hash(&employer, "").into(),
				remote,
			);
			let included = node.submit_signed(&call, &signer, &format!("adding {account} to the expert pool")).await?;
			let added = included.events.find_first::<events::ExpertAdded>().ok_or_else(|| anyhow!("no ExpertAdded event"))??;
			println!(
				"pool entry {} added (block {included}): specialities {speciality:?}, {city}, {}",
				added.entry,
				if remote { "takes remote evaluation" } else { "local evaluation only" }
			);
			println!("  pseudonym 0x{}", hex::encode(p));
			println!("  salt      0x{}  (give it to the expert only: it proves the entry when evaluation begins)", hex::encode(salt));
		},
		ExpertCommand::PoolList => {
			let at = node.api.at_current_block().await?;
			let entries = pool(&at).await?;
			println!("{} pool entries", entries.len());
			for (i, e) in entries.iter().enumerate() {
				println!(
					"  {i:>5}  0x{}…  {:<4} specialities {:?}  {}{}",
					hex::encode(&e.pseudonym.0[..8]),
					text(&e.city.0),
					e.specialities.0,
					if e.remote { "remote+local" } else { "local" },
					if e.struck { "  STRUCK" } else if !e.available { "  unavailable" } else { "" }
				);
			}
		},
		ExpertCommand::TakeSeat { tender, salt } => {
			let signer = keys::signer(need_signer()?)?;
			let salt = keys::hex32(&salt, "the salt")?;
			let me = AccountId32::from(signer.public_key());
			let p = pseudonym(&me.0, &salt);
			let at = node.api.at_current_block().await?;
			let entries = pool(&at).await?;
			let seats = at.storage().entry(tenderchain::storage().expert_draw().committees())?.fetch((tender,)).await?.decode()?;
			let seat = seats
				.0
				.iter()
				.position(|s| matches!(s.state, SeatState::Drawn) && entries.get(s.entry as usize).map(|e| e.pseudonym.0) == Some(p))
				.ok_or_else(|| anyhow!("{me} with this salt holds no drawn seat on tender {tender}'s committee"))?;
			let call = tenderchain::transactions().expert_draw().take_seat(tender, seat as u32, salt);
			let included = node.submit_signed(&call, &signer, &format!("taking seat {seat} of tender {tender}")).await?;
			println!("{me} sits on tender {tender}'s evaluation committee, seat {seat} (block {included})");
		},
	}
	Ok(())
}

/// `tender draw …`.
pub async fn draw(node: &Node, signer: Option<&str>, command: DrawCommand) -> Result<bool> {
	let need_signer = || signer.ok_or_else(|| anyhow!("this command signs a transaction: give --signer (or TENDER_SIGNER)"));
	match command {
		DrawCommand::Request { tender, mode, need } => {
			let signer = keys::signer(need_signer()?)?;
			let mut lines = Vec::new();
			for n in &need {
				let (s, c) = n.split_once(':').ok_or_else(|| anyhow!("'{n}' is not speciality:count (for example 101:3)"))?;
				let s: u16 = s.trim().parse().map_err(|_| anyhow!("'{s}' in '{n}' is not a speciality code"))?;
				let c: u32 = c.trim().parse().map_err(|_| anyhow!("'{c}' in '{n}' is not a count"))?;
				lines.push((s, c));
			}
			// Say which line is short, with the counts, before the chain refuses.
			let at = node.api.at_current_block().await?;
			let avoid = avoidance(&at, tender).await?;
			let entries = pool(&at).await?;
			let remote = mode == Mode::Remote;
			for (s, c) in &lines {
				let n = entries.iter().enumerate().filter(|(i, e)| eligible(*i as u32, e, *s, remote, &avoid)).count();
				if (n as u32) < *c {
					bail!(
						"tender {tender}: the pool has {n} eligible experts of speciality {s} for a {} draw, {c} needed",
						if remote { "remote" } else { "local" }
					);
				}
			}
			let call = tenderchain::transactions().expert_draw().request_draw(
				tender,
				if remote { ChainMode::Remote } else { ChainMode::Local },
				lines.iter().map(|(s, c)| Requirement { speciality: *s, count: *c }).collect(),
			);
			let included = node.submit_signed(&call, &signer, &format!("the draw for tender {tender}")).await?;
			let requested = included.events.find_first::<events::DrawRequested>().ok_or_else(|| anyhow!("no DrawRequested event"))??;
			println!(
				"draw {} requested for tender {tender} (block {included}): eligible {:?}; contributions from block #{} by {}",
				requested.draw,
				requested.eligible,
				requested.anchor + 1,
				requested.contributors.iter().map(|c| text(&c.0)).collect::<Vec<_>>().join(" and ")
			);
		},
		DrawCommand::Contribute { draw, draw_key } => {
			let signer_uri = need_signer()?;
			let signer = keys::signer(signer_uri)?;
			let key_uri = draw_key.as_deref().unwrap_or(signer_uri);
			let key_text = match key_uri.strip_prefix('@') {
				Some(path) => std::fs::read_to_string(path).with_context(|| format!("cannot read the draw key from '{path}'"))?,
				None => key_uri.to_string(),
			};
			let pair = sr25519::Pair::from_string(key_text.trim(), None)
				.map_err(|e| anyhow!("the draw key is not a valid sr25519 secret URI: {e:?}"))?;
			// The input needs the anchor block's hash: wait until that block is finalized.
			let d = draw_record(&node.api.at_current_block().await?, draw).await?;
			if d.seed.is_some() {
				bail!("draw {draw} is already complete");
			}
			let anchor_hash = loop {
				let finalized = node.rpc.chain_get_finalized_head().await?;
				if node.block_number(finalized).await? >= d.anchor as u64 {
					break node
						.rpc
						.chain_get_block_hash(Some(d.anchor.into()))
						.await?
						.ok_or_else(|| anyhow!("block #{} is unknown", d.anchor))?;
				}
				tokio::time::sleep(std::time::Duration::from_millis(500)).await;
			};
			let genesis = node.api.genesis_hash();
			let input = input_hash(&genesis.0, draw, d.tender, matches!(d.mode, ChainMode::Remote), &lines_of(&d), &anchor_hash.0);
			let signature = pair.vrf_sign(&transcript(&input).into_sign_data());
			let pre: [u8; 32] = signature.pre_output.encode().try_into().map_err(|_| anyhow!("pre-output is not 32 bytes"))?;
			let proof: [u8; 64] = signature.proof.encode().try_into().map_err(|_| anyhow!("proof is not 64 bytes"))?;
			let call = tenderchain::transactions().expert_draw().contribute(draw, pre, proof);
			let included = node.submit_signed(&call, &signer, &format!("the contribution to draw {draw}")).await?;
			let contributed = included.events.find_first::<events::Contributed>().ok_or_else(|| anyhow!("no Contributed event"))??;
			println!("{} contributed to draw {draw} (block {included}): output 0x{}", text(&contributed.city.0), hex::encode(contributed.output));
			if let Some(done) = included.events.find_first::<events::DrawCompleted>() {
				let done = done?;
				println!("draw {draw} complete: seed 0x{}, entries {:?} drawn", hex::encode(done.seed.0), done.picks);
			}
		},
		DrawCommand::Show { draw } => {
			let at = node.api.at_current_block().await?;
			let d = draw_record(&at, draw).await?;
			println!("draw {draw} for tender {} ({}, requested by {} at block #{})", d.tender, if matches!(d.mode, ChainMode::Remote) { "remote" } else { "local" }, text(&d.city.0), d.requested_at);
			if let Some((seat, reason)) = &d.replaces {
				println!("  replaces seat {seat}: the expert {}", reason_name(reason));
			}
			for (l, r) in d.requirements.0.iter().enumerate() {
				let set = eligible_set(&at, draw, l as u32).await?;
				println!("  line {l}: speciality {} × {} from {} eligible", r.speciality, r.count, set.len());
			}
			for c in &d.contributions.0 {
				println!("  contribution by {}: key 0x{}, output 0x{}", text(&c.city.0), hex::encode(c.key), hex::encode(c.output));
			}
			match &d.seed {
				Some(seed) => println!("  seed 0x{}; drawn entries {:?}", hex::encode(seed.0), d.picks.0),
				None => {
					let now = at.block_number() as u32;
					let constants = at.constants();
					let lapse = constants.entry(tenderchain::constants().system().block_hash_count())?;
					let pending = match at.storage().entry(tenderchain::storage().expert_draw().tender_pending())?.try_fetch((d.tender,)).await? {
						Some(value) => Some(value.decode()?),
						None => None,
					};
					if pending != Some(draw) || now > d.anchor + lapse {
						println!(
							"  lapsed: not complete within {lapse} blocks of block #{}; the host trading centre requests the draw again",
							d.anchor
						);
					} else {
						let all = cities(&at).await?;
						let window = constants.entry(tenderchain::constants().expert_draw().contribution_window())?;
						let required = constants.entry(tenderchain::constants().expert_draw().required_contributions())?;
						let asked = designated(&all, draw, &d, now.max(d.anchor + 1), window, required);
						println!(
							"  waiting for contributions from block #{}: asked now {}",
							d.anchor + 1,
							asked.iter().map(|c| text(c)).collect::<Vec<_>>().join(", ")
						);
					}
				},
			}
			let seats = at.storage().entry(tenderchain::storage().expert_draw().committees())?.fetch((d.tender,)).await?.decode()?;
			for (i, s) in seats.0.iter().enumerate().filter(|(_, s)| s.draw == draw) {
				let state = match &s.state {
					SeatState::Drawn => "drawn (identity confidential until evaluation begins)".to_string(),
					SeatState::Seated(who) => format!("seated: {who}"),
					SeatState::Replaced(r) => format!("replaced: {}", reason_name(r)),
				};
				println!("  seat {i}: entry {} (speciality {}) — {state}", s.entry, s.speciality);
			}
		},
		DrawCommand::Verify { draw } => return verify(node, draw).await,
		DrawCommand::Replace { tender, seat, reason } => {
			let signer = keys::signer(need_signer()?)?;
			let reason = match reason {
				Reason::Declined => ReplacementReason::Declined,
				Reason::Absent => ReplacementReason::Absent,
				Reason::Conflict => ReplacementReason::Conflict,
				Reason::Ineligible => ReplacementReason::Ineligible,
			};
			let call = tenderchain::transactions().expert_draw().request_replacement(tender, seat, reason);
			let included = node.submit_signed(&call, &signer, &format!("the replacement of seat {seat} of tender {tender}")).await?;
			let r = included.events.find_first::<events::ReplacementRequested>().ok_or_else(|| anyhow!("no ReplacementRequested event"))??;
			println!("seat {seat} of tender {tender}: replacement draw {} requested (block {included})", r.draw);
		},
	}
	Ok(true)
}

/// `tender draw verify`: replays the draw; prints every difference; true if none.
async fn verify(node: &Node, draw: u64) -> Result<bool> {
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
			differences.push(format!("the anchor hash recorded (0x{}) is not block #{}'s hash (0x{})", hex::encode(recorded.0), d.anchor, hex::encode(anchor_hash.0)));
		}
	}
	let input = input_hash(&node.api.genesis_hash().0, draw, d.tender, remote, &lines, &anchor_hash.0);
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
			None => differences.push(format!("{city}'s VRF proof does not verify with its key 0x{} over the input 0x{}", hex::encode(c.key), hex::encode(input))),
			Some(output) if output != c.output =>
				differences.push(format!("{city}'s output is 0x{}, the chain recorded 0x{}", hex::encode(output), hex::encode(c.output))),
			Some(output) => outputs.push((c.city.0.clone(), output)),
		}
	}
	let Some(chain_seed) = &d.seed else {
		println!("draw {draw} is not complete: {} contribution(s) so far", d.contributions.0.len());
		return report(draw, differences);
	};
	let required = now.constants().entry(tenderchain::constants().expert_draw().required_contributions())? as usize;
	if contributors.len() < required.max(2) {
		differences.push(format!("only {} cities contributed, {} required", contributors.len(), required.max(2)));
	}
	let my_seed = seed(&input, &outputs);
	if my_seed != chain_seed.0 {
		differences.push(format!("the seed is 0x{}, the chain recorded 0x{}", hex::encode(my_seed), hex::encode(chain_seed.0)));
	}

	// 3. The selection from the seed, and the committee's seats.
	let selection_lines: Vec<(u32, Vec<u32>)> = lines.iter().zip(stored).map(|((_, c), set)| (*c, set)).collect();
	let my_picks = select(&my_seed, &selection_lines);
	if my_picks != d.picks.0 {
		differences.push(format!("the selection gives entries {my_picks:?}, the chain drew {:?}", d.picks.0));
	}
	let seats = now.storage().entry(tenderchain::storage().expert_draw().committees())?.fetch((d.tender,)).await?.decode()?;
	let seated: Vec<u32> = seats.0.iter().filter(|s| s.draw == draw).map(|s| s.entry).collect();
	if seated != d.picks.0 {
		differences.push(format!("the committee holds entries {seated:?} for this draw, the draw picked {:?}", d.picks.0));
	}
	let t = now.storage().entry(tenderchain::storage().tendering().tenders())?.try_fetch((d.tender,)).await?;
	if let Some(t) = t {
		let t = t.decode()?;
		if matches!(t.state, TenderState::Open) {
			println!("tender {} is still open: the drawn experts' identities are not yet revealed", d.tender);
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

fn report(draw: u64, differences: Vec<String>) -> Result<bool> {
	if differences.is_empty() {
		println!("draw {draw}: verified");
		Ok(true)
	} else {
		for d in &differences {
			println!("DIFFERS: {d}");
		}
		println!("draw {draw}: NOT verified ({} difference(s))", differences.len());
		Ok(false)
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	/// The vectors of `pallets/expert-draw/src/tests.rs`, computed there by the runtime's
	/// implementation and independently with Python's hashlib.
	#[test]
	fn agrees_with_the_runtime_on_the_shared_vectors() {
		let seed_bytes = [0x5e; 32];
		let lines = vec![(3, (0..40).collect()), (2, (10..20).collect())];
		assert_eq!(select(&seed_bytes, &lines), vec![18, 15, 1, 16, 11]);
		let input = input_hash(&[1; 32], 7, 3, true, &[(101, 3)], &[2; 32]);
		assert_eq!(hex::encode(input), "2c303a6d9f183c636c08c4d4ad808ce4b750511311a6b6095160371df8f1c81a");
		let s = seed(&input, &[(b"TS".to_vec(), [2; 32]), (b"JQ".to_vec(), [1; 32])]);
		assert_eq!(hex::encode(s), "3329328c11e2947f7be73c1a5757b11004f1659508c065176f604b2beeebcb91");
	}

	#[test]
	fn a_signed_contribution_verifies_and_a_foreign_one_does_not() {
		let input = [9u8; 32];
		let pair = sr25519::Pair::from_string("//Bob", None).expect("dev seed");
		let signature = pair.vrf_sign(&transcript(&input).into_sign_data());
		let pre: [u8; 32] = signature.pre_output.encode().try_into().expect("32");
		let proof: [u8; 64] = signature.proof.encode().try_into().expect("64");
		assert!(vrf_output(&pair.public().0, &input, &pre, &proof).is_some());
		let other = sr25519::Pair::from_string("//Charlie", None).expect("dev seed");
		assert!(vrf_output(&other.public().0, &input, &pre, &proof).is_none());
		assert!(vrf_output(&pair.public().0, &[8; 32], &pre, &proof).is_none());
	}
}
