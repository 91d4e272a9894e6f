//! `tender expert pool-add | pool-list | take-seat` and `tender draw request | contribute |
//! show | verify | replace`: the random draw of evaluation experts from the client's side.
//!
//! `tender draw verify` replays a draw from on-chain data alone with this client's own
//! implementation of the rules ([`replay`]: eligibility, VRF input, seed, selection), written
//! apart from the runtime's and pinned to the shared vectors (`tests/vectors/vectors.json`), so
//! that an auditor does not check the runtime with the runtime's own code. [`chain`] reads the
//! chain; [`verify`] compares.

mod chain;
mod replay;
mod verify;

use anyhow::{anyhow, bail, Context, Result};
use clap::{Subcommand, ValueEnum};
use rand::RngCore;
use sp_core::{
	crypto::{Pair as _, VrfSecret},
	sr25519,
};
use subxt::{ext::codec::Encode, utils::AccountId32};

use self::{
	chain::{avoidance, cities, draw_record, eligible_set, pool},
	replay::{designated, eligible, input_hash, pseudonym, transcript},
};
use crate::{
	certs,
	chain::{read, tenderchain, try_read},
	ctx::Ctx,
	keys,
};
use tenderchain::{
	expert_draw::events,
	runtime_types::{
		bounded_collections::bounded_vec::BoundedVec,
		pallet_expert_draw::types::{
			Draw, Mode as ChainMode, ReplacementReason, Requirement, SeatState,
		},
	},
};

/// `tender expert …` and `tender draw …`, at the top level of `tender`.
#[derive(Debug, Subcommand)]
pub enum Command {
	/// The expert pool (its administrator) and taking a drawn seat (an expert).
	#[command(subcommand)]
	Expert(ExpertCommand),
	/// The random draw of evaluation experts: request, contribute, show, verify, replace.
	#[command(subcommand)]
	Draw(DrawCommand),
}

/// Runs a `tender expert` or `tender draw` command.
pub async fn run(ctx: &Ctx, cmd: Command) -> Result<()> {
	match cmd {
		Command::Expert(cmd) => expert(ctx, cmd).await,
		Command::Draw(cmd) => draw(ctx, cmd).await,
	}
}

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

/// Bytes (a city code) as text.
fn text(bytes: &[u8]) -> String {
	String::from_utf8_lossy(bytes).into_owned()
}

/// A draw's lines: (speciality, count) each.
fn lines_of(d: &Draw<u32>) -> Vec<(u16, u32)> {
	d.requirements.0.iter().map(|r| (r.speciality, r.count)).collect()
}

/// Why a seat was drawn again, in words.
fn reason_name(r: &ReplacementReason) -> &'static str {
	match r {
		ReplacementReason::Declined => "declined",
		ReplacementReason::Absent => "absent",
		ReplacementReason::Conflict => "declared a conflict of interest",
		ReplacementReason::Ineligible => "ineligible (certificate or bar)",
	}
}

/// `tender expert …`: the pool administrator adds experts; anyone lists the pool; a drawn
/// expert takes a seat.
async fn expert(ctx: &Ctx, command: ExpertCommand) -> Result<()> {
	let node = ctx.node().await?;
	match command {
		ExpertCommand::PoolAdd { account, speciality, city, employer, remote, salt } => {
			// The entry holds only a pseudonym of the account, salted.
			let signer = ctx.signer()?;
			let expert = keys::account(&account)?;
			let salt = match salt {
				Some(s) => keys::hex32(&s, "the salt")?,
				None => {
					let mut s = [0u8; 32];
					rand::rngs::OsRng.fill_bytes(&mut s);
					s
				},
			};
			// Add it, with the employer hashed as certificates hash identities.
			let p = pseudonym(&expert.0, &salt);
			let call = tenderchain::transactions().expert_draw().add_expert(
				p.into(),
				speciality.clone(),
				BoundedVec(city.clone().into_bytes()),
				certs::identity_hash(&employer, "").into(),
				remote,
			);
			let included = node
				.submit_signed(&call, &signer, &format!("adding {account} to the expert pool"))
				.await?;
			let added = included.event::<events::ExpertAdded>()?;
			println!(
				"pool entry {} added (block {included}): specialities {speciality:?}, {city}, {}",
				added.entry,
				if remote { "takes remote evaluation" } else { "local evaluation only" }
			);
			println!("  pseudonym 0x{}", hex::encode(p));
			println!("  salt      0x{}  (give it to the expert only: it proves the entry when evaluation begins)", hex::encode(salt));
		},
		ExpertCommand::PoolList => {
			// Every entry, by pseudonym prefix.
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
					if e.struck {
						"  STRUCK"
					} else if !e.available {
						"  unavailable"
					} else {
						""
					}
				);
			}
		},
		ExpertCommand::TakeSeat { tender, salt } => {
			// Find the drawn seat whose entry is the signer's pseudonym with this salt.
			let signer = ctx.signer()?;
			let salt = keys::hex32(&salt, "the salt")?;
			let me = AccountId32::from(signer.public_key());
			let p = pseudonym(&me.0, &salt);
			let at = node.api.at_current_block().await?;
			let entries = pool(&at).await?;
			let seats =
				read(&at, tenderchain::storage().expert_draw().committees(), (tender,)).await?;
			let seat =
				seats
					.0
					.iter()
					.position(|s| {
						matches!(s.state, SeatState::Drawn)
							&& entries.get(s.entry as usize).map(|e| e.pseudonym.0) == Some(p)
					})
					.ok_or_else(|| {
						anyhow!("{me} with this salt holds no drawn seat on tender {tender}'s committee")
					})?;
			// Prove the entry by taking the seat.
			let call =
				tenderchain::transactions().expert_draw().take_seat(tender, seat as u32, salt);
			let included = node
				.submit_signed(&call, &signer, &format!("taking seat {seat} of tender {tender}"))
				.await?;
			println!("{me} sits on tender {tender}'s evaluation committee, seat {seat} (block {included})");
		},
	}
	Ok(())
}

/// `tender draw …`: request, contribute, show, verify, replace.
async fn draw(ctx: &Ctx, command: DrawCommand) -> Result<()> {
	let node = ctx.node().await?;
	match command {
		DrawCommand::Request { tender, mode, need } => {
			// The lines, as speciality:count.
			let signer = ctx.signer()?;
			let mut lines = Vec::new();
			for n in &need {
				let (s, c) = n
					.split_once(':')
					.ok_or_else(|| anyhow!("'{n}' is not speciality:count (for example 101:3)"))?;
				let s: u16 = s
					.trim()
					.parse()
					.map_err(|_| anyhow!("'{s}' in '{n}' is not a speciality code"))?;
				let c: u32 =
					c.trim().parse().map_err(|_| anyhow!("'{c}' in '{n}' is not a count"))?;
				lines.push((s, c));
			}
			// Say which line is short, with the counts, before the chain refuses.
			let at = node.api.at_current_block().await?;
			let avoid = avoidance(&at, tender).await?;
			let entries = pool(&at).await?;
			let remote = mode == Mode::Remote;
			for (s, c) in &lines {
				let n = entries
					.iter()
					.enumerate()
					.filter(|(i, e)| eligible(*i as u32, e, *s, remote, &avoid))
					.count();
				if (n as u32) < *c {
					bail!(
						"tender {tender}: the pool has {n} eligible experts of speciality {s} for a {} draw, {c} needed",
						if remote { "remote" } else { "local" }
					);
				}
			}
			// Request; the chain fixes the eligible sets and the contributing cities.
			let call = tenderchain::transactions().expert_draw().request_draw(
				tender,
				if remote { ChainMode::Remote } else { ChainMode::Local },
				lines.iter().map(|(s, c)| Requirement { speciality: *s, count: *c }).collect(),
			);
			let included = node
				.submit_signed(&call, &signer, &format!("the draw for tender {tender}"))
				.await?;
			let requested = included.event::<events::DrawRequested>()?;
			println!(
				"draw {} requested for tender {tender} (block {included}): eligible {:?}; contributions from block #{} by {}",
				requested.draw,
				requested.eligible,
				requested.anchor + 1,
				requested.contributors.iter().map(|c| text(&c.0)).collect::<Vec<_>>().join(" and ")
			);
		},
		DrawCommand::Contribute { draw, draw_key } => {
			// The trading centre signs; the city's draw key (its own by default) makes the VRF.
			let signer_uri = ctx.signer_uri()?;
			let signer = keys::signer(signer_uri)?;
			let key_uri = draw_key.as_deref().unwrap_or(signer_uri);
			let key_text = match key_uri.strip_prefix('@') {
				Some(path) => std::fs::read_to_string(path)
					.with_context(|| format!("cannot read the draw key from '{path}'"))?,
				None => key_uri.to_string(),
			};
			let pair = sr25519::Pair::from_string(key_text.trim(), None)
				.map_err(|e| anyhow!("the draw key is not a valid sr25519 secret URI: {e:?}"))?;
			// The input needs the anchor block's hash: wait until that block is finalized.
			let d = draw_record(&node.api.at_current_block().await?, draw).await?;
			if d.seed.is_some() {
				bail!("draw {draw} is already complete");
			}
			let anchor_hash = node
				.wait_finalized(
					d.anchor,
					&format!("block #{} (the anchor of draw {draw})", d.anchor),
				)
				.await?;
			// Sign the draw's input with the VRF and submit the pre-output and proof.
			let genesis = node.api.genesis_hash();
			let input = input_hash(
				&genesis.0,
				draw,
				d.tender,
				matches!(d.mode, ChainMode::Remote),
				&lines_of(&d),
				&anchor_hash.0,
			);
			let signature = pair.vrf_sign(&transcript(&input).into_sign_data());
			let pre: [u8; 32] = signature
				.pre_output
				.encode()
				.try_into()
				.map_err(|_| anyhow!("pre-output is not 32 bytes"))?;
			let proof: [u8; 64] = signature
				.proof
				.encode()
				.try_into()
				.map_err(|_| anyhow!("proof is not 64 bytes"))?;
			let call = tenderchain::transactions().expert_draw().contribute(draw, pre, proof);
			let included = node
				.submit_signed(&call, &signer, &format!("the contribution to draw {draw}"))
				.await?;
			let contributed = included.event::<events::Contributed>()?;
			println!(
				"{} contributed to draw {draw} (block {included}): output 0x{}",
				text(&contributed.city.0),
				hex::encode(contributed.output)
			);
			if let Some(done) = included.events.find_first::<events::DrawCompleted>() {
				let done = done?;
				println!(
					"draw {draw} complete: seed 0x{}, entries {:?} drawn",
					hex::encode(done.seed.0),
					done.picks
				);
			}
		},
		DrawCommand::Show { draw } => {
			// The request and its lines, the contributions, the seed or what is awaited, the seats.
			let at = node.api.at_current_block().await?;
			let d = draw_record(&at, draw).await?;
			println!(
				"draw {draw} for tender {} ({}, requested by {} at block #{})",
				d.tender,
				if matches!(d.mode, ChainMode::Remote) { "remote" } else { "local" },
				text(&d.city.0),
				d.requested_at
			);
			if let Some((seat, reason)) = &d.replaces {
				println!("  replaces seat {seat}: the expert {}", reason_name(reason));
			}
			for (l, r) in d.requirements.0.iter().enumerate() {
				let set = eligible_set(&at, draw, l as u32).await?;
				println!(
					"  line {l}: speciality {} × {} from {} eligible",
					r.speciality,
					r.count,
					set.len()
				);
			}
			for c in &d.contributions.0 {
				println!(
					"  contribution by {}: key 0x{}, output 0x{}",
					text(&c.city.0),
					hex::encode(c.key),
					hex::encode(c.output)
				);
			}
			match &d.seed {
				Some(seed) => {
					println!("  seed 0x{}; drawn entries {:?}", hex::encode(seed.0), d.picks.0)
				},
				None => {
					let now = at.block_number() as u32;
					let constants = at.constants();
					let lapse =
						constants.entry(tenderchain::constants().system().block_hash_count())?;
					let pending = try_read(
						&at,
						tenderchain::storage().expert_draw().tender_pending(),
						(d.tender,),
					)
					.await?;
					if pending != Some(draw) || now > d.anchor + lapse {
						println!(
							"  lapsed: not complete within {lapse} blocks of block #{}; the host trading centre requests the draw again",
							d.anchor
						);
					} else {
						let all = cities(&at).await?;
						let window = constants
							.entry(tenderchain::constants().expert_draw().contribution_window())?;
						let required = constants.entry(
							tenderchain::constants().expert_draw().required_contributions(),
						)?;
						let asked =
							designated(&all, draw, &d, now.max(d.anchor + 1), window, required);
						println!(
							"  waiting for contributions from block #{}: asked now {}",
							d.anchor + 1,
							asked.iter().map(|c| text(c)).collect::<Vec<_>>().join(", ")
						);
					}
				},
			}
			let seats =
				read(&at, tenderchain::storage().expert_draw().committees(), (d.tender,)).await?;
			for (i, s) in seats.0.iter().enumerate().filter(|(_, s)| s.draw == draw) {
				let state = match &s.state {
					SeatState::Drawn => {
						"drawn (identity confidential until evaluation begins)".to_string()
					},
					SeatState::Seated(who) => format!("seated: {who}"),
					SeatState::Replaced(r) => format!("replaced: {}", reason_name(r)),
				};
				println!("  seat {i}: entry {} (speciality {}) — {state}", s.entry, s.speciality);
			}
		},
		DrawCommand::Verify { draw } => return verify::verify(node, draw).await?.into_result(),
		DrawCommand::Replace { tender, seat, reason } => {
			// A new draw for one seat, with the reason on record.
			let signer = ctx.signer()?;
			let reason = match reason {
				Reason::Declined => ReplacementReason::Declined,
				Reason::Absent => ReplacementReason::Absent,
				Reason::Conflict => ReplacementReason::Conflict,
				Reason::Ineligible => ReplacementReason::Ineligible,
			};
			let call =
				tenderchain::transactions().expert_draw().request_replacement(tender, seat, reason);
			let included = node
				.submit_signed(
					&call,
					&signer,
					&format!("the replacement of seat {seat} of tender {tender}"),
				)
				.await?;
			let r = included.event::<events::ReplacementRequested>()?;
			println!(
				"seat {seat} of tender {tender}: replacement draw {} requested (block {included})",
				r.draw
			);
		},
	}
	Ok(())
}
