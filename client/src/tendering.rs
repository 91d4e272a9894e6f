//! `tender create | amend | show | list | export`, `tender open`, `tender evaluate`,
//! `tender reevaluate`, `tender award`, `tender supervise`: the tendering rules, from the
//! client's side (`tender bid` is [`crate::bid`]; `tender export` is [`crate::export`]).

use std::path::PathBuf;

use anyhow::{anyhow, bail, Result};
use clap::{Args, Subcommand};
use serde_json::{json, Value};
use subxt::utils::AccountId32;
use subxt_signer::sr25519::Keypair;

use crate::{
	award, bid,
	chain::{self, read, read_map, read_prefix, tenderchain, try_read, At, Node},
	ctx::Ctx,
	draw, export, files, keys,
	output::{self, say},
	time,
};
use tenderchain::{
	runtime_types::{
		bounded_collections::bounded_vec::BoundedVec,
		pallet_tendering::types::{BidState, LodgedState, Tender, TenderState},
	},
	tendering::events,
};

/// The tendering commands, at the top level of `tender`.
#[derive(Debug, Subcommand)]
pub enum Command {
	/// Publish a tender (a certified tenderer or agency).
	Create(CreateArgs),
	/// Amend a tender before its deadline (澄清/补遗).
	Amend {
		/// The tender.
		tender: u64,
		/// The new bid deadline.
		#[arg(long)]
		deadline: Option<String>,
		/// The new tender documents.
		#[arg(long)]
		documents: Option<PathBuf>,
		/// The published reason.
		#[arg(long)]
		reason: PathBuf,
	},
	/// Cancel a tender before its bid deadline (its tenderer or agency), with the published
	/// reason; its sealed bids are void.
	Cancel {
		/// The tender.
		tender: u64,
		/// The published reason, a file; its SHA-256 goes on chain.
		#[arg(long)]
		reason: PathBuf,
	},
	/// Show a tender: state, deadline, bids, amendments, flags, opening record, award, and its
	/// evaluation committee (seats, vacancies, evaluations, majority ranking, dissents).
	Show {
		/// The tender.
		tender: u64,
	},
	/// List the tenders, one line each; with filters, only those that pass all of them.
	List(ListArgs),
	/// Export a tender's whole history into a new directory, for an archive or a court:
	/// `tender.json` (every record the chain holds about it), `events.json` (every event of the
	/// Tendering and Award pallets about it, with its block), `blocks.json` (those blocks'
	/// headers and whether each is finalized), `proofs/` (a storage proof of each notary
	/// anchor of the tender) and `README.txt` (what each file is and how to check it). Reads
	/// every block from the tender's creation to the best block: the events of old blocks are
	/// kept only by an archive node (`--state-pruning archive`).
	Export {
		/// The tender.
		tender: u64,
		/// The directory to write: created if absent; refused if it exists and is not empty.
		#[arg(long)]
		out: PathBuf,
	},
	/// Seal, reveal or withdraw a bid.
	#[command(subcommand)]
	Bid(bid::Command),
	/// Open the bids of a tender after its reveal window (the host city's trading centre).
	Open {
		/// The tender.
		tender: u64,
	},
	/// Submit your evaluation as a seated member of the tender's committee: the hash of your
	/// signed score sheet and your ranking of one to three candidates. The committee's result is
	/// the ranking a majority of its members submit.
	Evaluate {
		/// The tender.
		tender: u64,
		/// Your signed score sheet (评分表); its SHA-256 goes on chain. If your ranking differs
		/// from the majority's, it is also your written dissent.
		#[arg(long)]
		score_sheet: PathBuf,
		/// Your ranking of the candidates, best first: one to three bidders (SS58),
		/// comma-separated.
		#[arg(long, value_delimiter = ',', required = true)]
		rank: Vec<String>,
	},
	/// Fail a tender under evaluation whose committee can never be completed (the host
	/// trading centre, or a supervisor certified in the tender's city): a vacancy can no
	/// longer be filled (the committee record or the tender's draws are full, the host's and
	/// the supervisors' replacement allowances are spent, or too few eligible experts remain).
	/// The tender becomes failed; publish it again if it is still wanted.
	FailUnfillable {
		/// The tender.
		tender: u64,
		/// The written decision; its SHA-256 goes on chain.
		#[arg(long)]
		reason: PathBuf,
	},
	/// Order a re-evaluation of a tender whose committee had no majority, or none of whose
	/// ranked candidates could be awarded (a supervisor).
	Reevaluate {
		/// The tender.
		tender: u64,
		/// The reason document; its SHA-256 goes on chain.
		#[arg(long)]
		reason: PathBuf,
	},
	/// The award: finalize it after the complaint period, send the award notice, decline it,
	/// or pass over a candidate that did not sign the contract in time.
	#[command(subcommand)]
	Award(AwardCommand),
	/// Entrust an agency (委托招标代理) to publish tenders for you (a certified tenderer):
	/// the agency may then name you as the principal of its tenders.
	Entrust {
		/// The agency's account (SS58).
		agency: String,
	},
	/// Withdraw your entrustment of an agency: it can publish no further tender for you.
	WithdrawEntrustment {
		/// The agency's account (SS58).
		agency: String,
	},
	/// A supervisor's actions on a tender.
	#[command(subcommand)]
	Supervise(SuperviseCommand),
}

/// `tender create`: the tender's terms.
#[derive(Debug, Args)]
pub struct CreateArgs {
	/// The title.
	#[arg(long)]
	title: String,
	/// The host city's code (BY, LZ, TS, JQ on the local network).
	#[arg(long)]
	city: String,
	/// The tender documents; their SHA-256 goes on chain.
	#[arg(long)]
	documents: PathBuf,
	/// The bid deadline: 2026-12-01T10:00:00+08:00, or 2026-12-01 10:00 (China time).
	#[arg(long)]
	deadline: String,
	/// How many minutes after the deadline bids may be revealed.
	#[arg(long, default_value_t = 60)]
	reveal_minutes: u64,
	/// The fewest valid bids for the tender to proceed (流标 below).
	#[arg(long, default_value_t = 3)]
	min_valid_bids: u32,
	/// The most bidders accepted.
	#[arg(long, default_value_t = 20)]
	max_bidders: u32,
	/// Speciality codes the evaluation needs, comma-separated.
	#[arg(long, value_delimiter = ',')]
	speciality: Vec<u16>,
	/// For an agency (招标代理): the account (SS58) of the principal tenderer (招标人) the
	/// tender is for, which must have entrusted the agency (`tender entrust`). The expert draw
	/// avoids the principal too. A tenderer publishing for itself leaves it out.
	#[arg(long)]
	principal: Option<String>,
	/// Publish this tender again as the re-tender (重新招标) of a failed (流标) or void tender
	/// of yours: the number of that tender. `tender show` then shows the chain of attempts.
	#[arg(long)]
	retender_of: Option<u64>,
}

/// `tender list`: the filters, each optional; a tender is listed if it passes all of them.
#[derive(Debug, Args)]
pub struct ListArgs {
	/// Only the tenders hosted by this city: its code (BY, LZ, TS, JQ on the local network).
	#[arg(long, value_parser = city_code)]
	city: Option<String>,
	/// Only the tenders in this state: open, evaluating, publicity (the complaint period),
	/// awarded, failed, cancelled, no-majority, no-eligible-candidate or voided (the words
	/// `tender list` prints are taken too, such as "void" or "no majority").
	#[arg(long, value_parser = state_filter)]
	state: Option<String>,
	/// Only the tenders whose evaluation needs this speciality code (such as 101).
	#[arg(long)]
	speciality: Option<u16>,
	/// Only the tenders whose bid deadline is at or after this time: 2026-12-01T10:00:00+08:00,
	/// 2026-12-01 10:00 (China time), or a date, 2026-12-01 (from its start).
	#[arg(long, value_parser = from_time, value_name = "TIME")]
	from: Option<u64>,
	/// Only the tenders whose bid deadline is at or before this time (written as for --from; a
	/// date counts to its end).
	#[arg(long, value_parser = until_time, value_name = "TIME")]
	until: Option<u64>,
}

/// `--city`: a city code, letters and digits (at most 16), upper-cased.
fn city_code(text: &str) -> Result<String, String> {
	let code = text.trim();
	if code.is_empty() || code.len() > 16 || !code.chars().all(|c| c.is_ascii_alphanumeric()) {
		return Err(format!(
			"'{text}' is not a city code: write the city's code, letters and digits such as BY \
			 or LZ (see `tender consortium list`)"
		));
	}
	Ok(code.to_ascii_uppercase())
}

/// Every tender state, in the order of pallet-tendering's `TenderState`.
fn all_states() -> [TenderState; 9] {
	[
		TenderState::Open,
		TenderState::Evaluating,
		TenderState::Publicity,
		TenderState::Awarded,
		TenderState::Failed,
		TenderState::Cancelled,
		TenderState::NoMajority,
		TenderState::NoEligibleCandidate,
		TenderState::Voided,
	]
}

/// `--state`: a state's key ([`state_key`]), or the words [`state_name`] prints for it (the
/// whole text, or its first words before the parenthesis), in any case, with `-`, `_` or
/// spaces between words.
fn state_filter(text: &str) -> Result<String, String> {
	let normalise = |t: &str| t.trim().to_lowercase().replace(|c: char| c == '-' || c == ' ', "_");
	let wanted = normalise(text);
	for state in all_states() {
		let key = state_key(&state);
		let name = state_name(&state);
		let words = name.split(" (").next().unwrap_or(name);
		if [key.to_string(), normalise(name), normalise(words)].contains(&wanted) {
			return Ok(key.to_string());
		}
	}
	match wanted.as_str() {
		"complaint_period" => Ok(state_key(&TenderState::Publicity).to_string()),
		"canceled" => Ok(state_key(&TenderState::Cancelled).to_string()),
		_ => Err(format!(
			"'{text}' is not a tender state: give one of {}",
			all_states()
				.iter()
				.map(|s| state_key(s).replace('_', "-"))
				.collect::<Vec<_>>()
				.join(", ")
		)),
	}
}

/// `--from`: a time as `--deadline` takes it, or a date (from its start, China time).
fn from_time(text: &str) -> Result<u64, String> {
	time_or_date(text, false)
}

/// `--until`: a time as `--deadline` takes it, or a date (to its end, China time).
fn until_time(text: &str) -> Result<u64, String> {
	time_or_date(text, true)
}

/// A time ([`time::parse`]) or a date `2026-12-01`, which stands for its first millisecond,
/// or with `end_of_day` its last, in China Standard Time.
fn time_or_date(text: &str, end_of_day: bool) -> Result<u64, String> {
	use chrono::TimeZone;
	if let Ok(date) = chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d") {
		let day = if end_of_day { date.succ_opt() } else { Some(date) };
		let start = day
			.and_then(|d| d.and_hms_opt(0, 0, 0))
			.and_then(|n| time::cst().from_local_datetime(&n).single());
		if let Some(start) = start {
			let ms = start.timestamp_millis().max(0) as u64;
			return Ok(if end_of_day { ms.saturating_sub(1) } else { ms });
		}
	}
	time::parse(text.trim()).map_err(|e| format!("{e}, or a date: 2026-12-01"))
}

/// Runs a tendering command.
pub async fn run(ctx: &Ctx, cmd: Command) -> Result<()> {
	match cmd {
		Command::Create(args) => create(ctx.node().await?, &ctx.signer()?, args).await,
		Command::Amend { tender, deadline, documents, reason } => {
			amend(ctx.node().await?, &ctx.signer()?, tender, deadline, documents, reason).await
		},
		Command::Cancel { tender, reason } => {
			cancel(ctx.node().await?, &ctx.signer()?, tender, reason).await
		},
		Command::Show { tender } => show(ctx.node().await?, tender, ctx.json()).await,
		Command::List(args) => list(ctx.node().await?, args, ctx.json()).await,
		Command::Export { tender, out } => {
			export::run(ctx.node().await?, tender, &out, ctx.json()).await
		},
		Command::Bid(cmd) => bid::run(ctx, cmd).await,
		Command::Open { tender } => open(ctx.node().await?, &ctx.signer()?, tender).await,
		Command::Evaluate { tender, score_sheet, rank } => {
			evaluate(ctx.node().await?, &ctx.signer()?, tender, score_sheet, rank).await
		},
		Command::FailUnfillable { tender, reason } => {
			fail_unfillable(ctx.node().await?, &ctx.signer()?, tender, reason).await
		},
		Command::Reevaluate { tender, reason } => {
			reevaluate(ctx.node().await?, &ctx.signer()?, tender, reason).await
		},
		Command::Award(cmd) => award(ctx.node().await?, &ctx.signer()?, cmd).await,
		Command::Entrust { agency } => {
			entrust(ctx.node().await?, &ctx.signer()?, &agency, true).await
		},
		Command::WithdrawEntrustment { agency } => {
			entrust(ctx.node().await?, &ctx.signer()?, &agency, false).await
		},
		Command::Supervise(cmd) => supervise(ctx.node().await?, &ctx.signer()?, cmd).await,
	}
}

/// `tender award …`.
#[derive(Debug, Subcommand)]
pub enum AwardCommand {
	/// Make the award final after the complaint period (anyone), once no objection is
	/// unanswered and no complaint undecided.
	Finalize {
		/// The tender.
		tender: u64,
	},
	/// Issue the award notice (中标通知书) to the award's winner (the tenderer or agency).
	Notify {
		/// The tender.
		tender: u64,
	},
	/// Decline the award (the candidate the notice names): the next ranked candidate becomes
	/// the winner.
	Decline {
		/// The tender.
		tender: u64,
		/// The written reason, a file; its SHA-256 goes on chain.
		#[arg(long)]
		reason: PathBuf,
	},
	/// Pass over the notified candidate after the contract period ended without a concluded
	/// contract (the tenderer): the next ranked candidate becomes the winner.
	Lapse {
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

/// "in 3 min 20 s" or "42 s ago".
pub(crate) fn relative(ms: u64, now: u64) -> String {
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
pub(crate) async fn tender_record(node: &Node, tender: u64) -> Result<Tender<AccountId32>> {
	let at = node.api.at_current_block().await?;
	tender_at(&at, tender).await
}

/// Tender `tender` as stored at `at`, or says plainly that there is none.
pub(crate) async fn tender_at(at: &At, tender: u64) -> Result<Tender<AccountId32>> {
	try_read(at, tenderchain::storage().tendering().tenders(), (tender,))
		.await?
		.ok_or_else(|| anyhow!("there is no tender {tender} on this chain (see `tender list`)"))
}

/// A tender's state as one word in snake_case, as `--json` gives it and `tender list --state`
/// takes it (with `-` or `_`).
pub(crate) fn state_key(state: &TenderState) -> &'static str {
	match state {
		TenderState::Open => "open",
		TenderState::Evaluating => "evaluating",
		TenderState::Publicity => "publicity",
		TenderState::Awarded => "awarded",
		TenderState::Failed => "failed",
		TenderState::Cancelled => "cancelled",
		TenderState::NoMajority => "no_majority",
		TenderState::NoEligibleCandidate => "no_eligible_candidate",
		TenderState::Voided => "voided",
	}
}

/// A tender's state in words.
pub(crate) fn state_name(state: &TenderState) -> &'static str {
	match state {
		TenderState::Open => "open",
		TenderState::Evaluating => "evaluating",
		TenderState::Publicity => "winning candidate published (complaint period)",
		TenderState::Awarded => "awarded",
		TenderState::Failed => "failed (too few valid bids, 流标)",
		TenderState::Cancelled => "cancelled",
		TenderState::NoMajority => {
			"no majority (the committee disagrees: a supervisor orders a re-evaluation)"
		},
		TenderState::NoEligibleCandidate => {
			"no eligible candidate (every ranked candidate passed over: barred, uncertified, \
			 declined or disqualified; a supervisor orders a re-evaluation)"
		},
		TenderState::Voided => "void (招标无效: declared void by a supervisor on a complaint)",
	}
}

/// `tender create`: publishes a tender; only the documents' hash goes on chain.
async fn create(node: &Node, signer: &Keypair, args: CreateArgs) -> Result<()> {
	let CreateArgs {
		title,
		city,
		documents,
		deadline,
		reveal_minutes,
		min_valid_bids,
		max_bidders,
		speciality,
		principal,
		retender_of,
	} = args;
	let principal = principal.map(|p| keys::account(&p)).transpose()?;
	// The deadline must lie ahead.
	let deadline_ms = time::parse(&deadline)?;
	if deadline_ms <= time::now_ms() {
		bail!("the deadline {} has already passed", time::show(deadline_ms));
	}
	// Publish the terms with the documents' hash.
	let title_bytes = chain::bounded(
		&format!("the title '{title}' (UTF-8 bytes)"),
		title.clone().into_bytes(),
		node.bound("Tendering", "MaxTitleLen")?,
	)?;
	let specialities = chain::bounded(
		"the list of --speciality codes",
		speciality,
		node.bound("Tendering", "MaxSpecialities")?,
	)?;
	let call = tenderchain::transactions().tendering().create_tender(
		title_bytes,
		BoundedVec(city.clone().into_bytes()),
		specialities,
		files::sha256(&documents)?.into(),
		deadline_ms,
		reveal_minutes * 60_000,
		min_valid_bids,
		max_bidders,
		principal,
		retender_of,
	);
	let included = node.submit_signed(&call, signer, &format!("tender '{title}'")).await?;
	// The new tender's number comes from its event.
	let created = included.events.find_first::<events::TenderCreated>().ok_or_else(|| {
		anyhow!("the tender was published but no TenderCreated event was found")
	})??;
	println!(
		"tender {} created in {city}: '{title}', bid deadline {} (block {included}){}",
		created.tender,
		time::show(deadline_ms),
		principal.map(|p| format!(", for the principal tenderer {p}")).unwrap_or_default()
	);
	if let Some(previous) = retender_of {
		println!("tender {} is the re-tender of tender {previous}", created.tender);
	}
	Ok(())
}

/// `tender amend`: a new deadline or new documents, with the published reason.
async fn amend(
	node: &Node,
	signer: &Keypair,
	tender: u64,
	deadline: Option<String>,
	documents: Option<PathBuf>,
	reason: PathBuf,
) -> Result<()> {
	// Only before the deadline.
	let t = tender_record(node, tender).await?;
	let now = time::now_ms();
	if now >= t.deadline {
		bail!(
			"tender {tender}: bid deadline {} passed {}; it can no longer be amended",
			time::show(t.deadline),
			relative(t.deadline, now)
		);
	}
	// The amendment: new terms and the reason's hash.
	let new_deadline = deadline.map(|d| time::parse(&d)).transpose()?;
	let new_documents = documents.map(|d| files::sha256(&d)).transpose()?.map(Into::into);
	let call = tenderchain::transactions().tendering().amend_tender(
		tender,
		new_deadline,
		new_documents,
		files::sha256(&reason)?.into(),
	);
	let included =
		node.submit_signed(&call, signer, &format!("the amendment of tender {tender}")).await?;
	let amended = included.event::<events::TenderAmended>()?;
	println!(
		"tender {tender} amended: deadline {} (was {}) (block {included})",
		time::show(amended.new_deadline),
		time::show(amended.old_deadline)
	);
	Ok(())
}

/// `tender cancel`: the owner cancels an open tender before its deadline, with the reason's
/// hash.
async fn cancel(node: &Node, signer: &Keypair, tender: u64, reason: PathBuf) -> Result<()> {
	// Refuse plainly what the chain would: another's tender, a closed one, a deadline passed.
	let t = tender_record(node, tender).await?;
	let who = AccountId32::from(signer.public_key());
	if t.owner != who {
		bail!(
			"tender {tender} was published by {}: only its publisher cancels it, not {who}",
			t.owner
		);
	}
	if !matches!(t.state, TenderState::Open) {
		bail!("tender {tender} is {}: only an open tender is cancelled", state_name(&t.state));
	}
	let now = time::now_ms();
	if now >= t.deadline {
		bail!(
			"tender {tender}: bid deadline {} passed {}; it can no longer be cancelled",
			time::show(t.deadline),
			relative(t.deadline, now)
		);
	}
	// Cancel with the reason's hash.
	let reason_hash = files::sha256(&reason)?;
	let call = tenderchain::transactions().tendering().cancel_tender(tender, reason_hash.into());
	let included =
		node.submit_signed(&call, signer, &format!("the cancellation of tender {tender}")).await?;
	included.event::<events::TenderCancelled>()?;
	println!(
		"tender {tender} ('{}') cancelled (block {included}): its {} sealed bids are void; reason \
		 {} (0x{})",
		String::from_utf8_lossy(&t.title.0),
		t.bids,
		reason.display(),
		hex::encode(reason_hash)
	);
	Ok(())
}

/// `tender show`: everything the chain holds about a tender, as text or (`--json`) as its JSON
/// document.
async fn show(node: &Node, tender: u64, json: bool) -> Result<()> {
	let at = node.api.at_current_block().await?;
	let doc = tender_document(&at, tender, json).await?;
	if json {
		output::print(&doc)?;
	}
	Ok(())
}

/// Everything the chain holds about a tender at `at`, as a JSON document: the tender record,
/// the chain of attempts, amendments, bids (commitments and states), lodged entries,
/// supervision entries, findings, collusion flags, the opening record, the published award,
/// the award procedure (objections, complaints, notices, contract) and the evaluation
/// committee. Unless `quiet`, prints `tender show`'s text as it reads.
pub(crate) async fn tender_document(at: &At, tender: u64, quiet: bool) -> Result<Value> {
	// The tender itself.
	let t = tender_at(at, tender).await?;
	let now = time::now_ms();
	let mut doc = tender_summary(tender, &t);
	say!(quiet, "tender {tender}: {}", String::from_utf8_lossy(&t.title.0));
	say!(quiet, "  city:          {}", String::from_utf8_lossy(&t.city.0));
	say!(quiet, "  owner:         {}", t.owner);
	if let Some(principal) = &t.principal {
		say!(
			quiet,
			"  principal:     {principal} (the tenderer the agency acts for; avoided by the draw)"
		);
	}
	say!(
		quiet,
		"  state:         {}{}",
		state_name(&t.state),
		if t.suspended { " — SUSPENDED by a supervisor" } else { "" }
	);
	say!(quiet, "  documents:     0x{}", hex::encode(t.documents.0));
	// The chain of attempts (流标 and re-tenders), back and forth.
	let mut earlier = Vec::new();
	let mut back = t.retender_of;
	while let Some(previous) = back {
		earlier.push(previous);
		back = try_read(at, tenderchain::storage().tendering().tenders(), (previous,))
			.await?
			.and_then(|p| p.retender_of)
			.filter(|p| !earlier.contains(p));
	}
	let mut later = Vec::new();
	let mut next = try_read(at, tenderchain::storage().tendering().retenders(), (tender,)).await?;
	while let Some(n) = next.filter(|n| !later.contains(n)) {
		later.push(n);
		next = try_read(at, tenderchain::storage().tendering().retenders(), (n,)).await?;
	}
	if !earlier.is_empty() || !later.is_empty() {
		let chain: Vec<String> = earlier
			.iter()
			.rev()
			.map(|n| format!("tender {n}"))
			.chain([format!("[tender {tender}]")])
			.chain(later.iter().map(|n| format!("tender {n}")))
			.collect();
		say!(
			quiet,
			"  attempts:      {} (each failed or void one published again)",
			chain.join(" -> ")
		);
	}
	doc["attempts"] = json!({
		"earlier": earlier.iter().rev().collect::<Vec<_>>(),
		"later": later,
	});
	say!(quiet, "  bid deadline:  {} ({})", time::show(t.deadline), relative(t.deadline, now));
	let reveal_ends = t.deadline + t.reveal_window;
	say!(quiet, "  reveals until: {} ({})", time::show(reveal_ends), relative(reveal_ends, now));
	say!(
		quiet,
		"  bids:          {} sealed or revealed (min {} valid, max {})",
		t.bids,
		t.min_valid_bids,
		t.max_bidders
	);
	let lodged = read(at, tenderchain::storage().tendering().lodged_count(), (tender,)).await?;
	if !quiet && lodged > 0 {
		println!(
			"  lodged:        {lodged} entries by the trading centre (bids and decoys: their \
			 bidders are unknown until they reveal)"
		);
	}
	doc["lodged_count"] = json!(lodged);
	// Its amendments, collusion flags, opening record and award.
	let amendments = read(at, tenderchain::storage().tendering().amendments(), (tender,)).await?;
	let mut amendment_docs = Vec::new();
	for a in amendments.0 {
		say!(
			quiet,
			"  amendment at {}: deadline {} -> {}, reason 0x{}",
			time::show(a.at),
			time::show(a.old_deadline),
			time::show(a.new_deadline),
			hex::encode(a.reason.0)
		);
		amendment_docs.push(json!({
			"at": output::time(a.at),
			"old_deadline": output::time(a.old_deadline),
			"new_deadline": output::time(a.new_deadline),
			"documents": output::hash(&a.documents.0),
			"reason": output::hash(&a.reason.0),
		}));
	}
	doc["amendments"] = Value::Array(amendment_docs);
	// Supervision: suspensions, resumptions, re-evaluation orders, void decisions.
	let supervisions =
		read(at, tenderchain::storage().tendering().supervisions(), (tender,)).await?;
	let mut supervision_docs = Vec::new();
	for e in supervisions.0 {
		say!(
			quiet,
			"  supervision:   {:?} by {} at {}, reason 0x{}",
			e.kind,
			e.supervisor,
			time::show(e.at),
			hex::encode(&e.reason.0[..8])
		);
		supervision_docs.push(json!({
			"kind": output::variant(&e.kind),
			"supervisor": output::account(&e.supervisor),
			"at": output::time(e.at),
			"reason": output::hash(&e.reason.0),
		}));
	}
	doc["supervisions"] = Value::Array(supervision_docs);
	doc["supervision_count"] =
		json!(read(at, tenderchain::storage().tendering().supervision_count(), (tender,)).await?);
	doc["suspension"] =
		match try_read(at, tenderchain::storage().tendering().suspensions(), (tender,)).await? {
			Some(s) => json!({
				"supervisor": output::account(&s.supervisor),
				"at": output::time(s.at),
				"reason": output::hash(&s.reason.0),
			}),
			None => Value::Null,
		};
	let findings = read(at, tenderchain::storage().tendering().findings(), (tender,)).await?;
	doc["findings"] = findings
		.0
		.iter()
		.map(|f| {
			json!({
				"supervisor": output::account(&f.supervisor),
				"finding": output::hash(&f.finding.0),
				"at": output::time(f.at),
			})
		})
		.collect();
	doc["finding_count"] =
		json!(read(at, tenderchain::storage().tendering().finding_count(), (tender,)).await?);
	let flags = read(at, tenderchain::storage().tendering().collusion_flags(), (tender,)).await?;
	let mut flag_docs = Vec::new();
	for f in flags.0 {
		say!(quiet, "  COLLUSION SUSPECTED ({:?}): {} and {}", f.kind, f.first, f.second);
		flag_docs.push(json!({
			"kind": output::variant(&f.kind),
			"first": output::account(&f.first),
			"second": output::account(&f.second),
			"first_identity": output::hash(&f.first_identity.0),
			"second_identity": output::hash(&f.second_identity.0),
		}));
	}
	doc["collusion_flags"] = Value::Array(flag_docs);
	// The bids as the chain holds them: sealed commitments until the reveal, then revealed or
	// void; and the entries the trading centre lodged, by seal.
	let mut bids = read_prefix(at, tenderchain::storage().tendering().bids(), (tender,)).await?;
	bids.sort_by_key(|(_, b)| b.committed_at);
	doc["bids"] = bids
		.iter()
		.map(|((_, bidder), b)| {
			let mut bid = json!({
				"bidder": output::account(bidder),
				"commitment": output::hash(&b.commitment.0),
				"committed_at": output::time(b.committed_at),
			});
			match &b.state {
				BidState::Sealed => bid["state"] = json!("sealed"),
				BidState::Revealed { file_hash, fingerprint, terms } => {
					bid["state"] = json!("revealed");
					bid["file_hash"] = output::hash(&file_hash.0);
					bid["fingerprint"] = output::hash(&fingerprint.0);
					bid["terms"] = json!({
						"price": output::amount(terms.price),
						"duration_days": terms.duration_days,
						"quality": output::hash(&terms.quality.0),
					});
				},
				BidState::Void(reason) => {
					bid["state"] = json!("void");
					bid["void_reason"] = output::variant(reason);
				},
			}
			bid
		})
		.collect();
	let mut entries =
		read_prefix(at, tenderchain::storage().tendering().lodged(), (tender,)).await?;
	entries.sort_by_key(|(_, e)| e.lodged_at);
	doc["lodged_entries"] = entries
		.iter()
		.map(|((_, seal), e)| {
			let mut entry = json!({
				"seal": output::hash(&seal.0),
				"commitment": output::hash(&e.commitment.0),
				"lodged_at": output::time(e.lodged_at),
			});
			match &e.state {
				LodgedState::Sealed => entry["state"] = json!("sealed"),
				LodgedState::Claimed(bidder) => {
					entry["state"] = json!("claimed");
					entry["bidder"] = output::account(bidder);
				},
				LodgedState::Decoy => entry["state"] = json!("decoy"),
			}
			entry
		})
		.collect();
	doc["opening"] = Value::Null;
	if let Some(record) =
		try_read(at, tenderchain::storage().tendering().opening_records(), (tender,)).await?
	{
		say!(
			quiet,
			"  opened at {}: record hash 0x{}",
			time::show(record.at),
			hex::encode(record.hash.0)
		);
		let sealed = &record.sealed;
		if !quiet && sealed.lodged > 0 {
			println!(
				"    lodged by the trading centre: {} entries: {} claimed by their bidders, {} \
				 decoys, {} never revealed",
				sealed.lodged, sealed.claimed, sealed.decoys, sealed.unclaimed
			);
		}
		// The opening table (唱标): each valid bid's price, duration and quality commitment.
		say!(quiet, "    {:<50} {:>22} {:>8}  quality / file", "valid bid", "price", "days");
		let mut valid = Vec::new();
		for b in &record.valid.0 {
			say!(
				quiet,
				"    {:<50} {:>22} {:>8}  0x{} / 0x{}",
				b.bidder.to_string(),
				bid::show_yuan(b.terms.price),
				b.terms.duration_days,
				hex::encode(&b.terms.quality.0[..8]),
				hex::encode(&b.file_hash.0[..8])
			);
			valid.push(json!({
				"bidder": output::account(&b.bidder),
				"price": output::amount(b.terms.price),
				"duration_days": b.terms.duration_days,
				"quality": output::hash(&b.terms.quality.0),
				"file_hash": output::hash(&b.file_hash.0),
			}));
		}
		let mut void = Vec::new();
		for (bidder, reason) in &record.void.0 {
			say!(quiet, "    void:  {bidder} ({reason:?})");
			void.push(json!({
				"bidder": output::account(bidder),
				"reason": output::variant(reason),
			}));
		}
		doc["opening"] = json!({
			"at": output::time(record.at),
			"hash": output::hash(&record.hash.0),
			"sealed": {
				"lodged": sealed.lodged,
				"claimed": sealed.claimed,
				"decoys": sealed.decoys,
				"unclaimed": sealed.unclaimed,
			},
			"valid": valid,
			"void": void,
		});
	}
	doc["award"] = Value::Null;
	if let Some(award) =
		try_read(at, tenderchain::storage().tendering().awards(), (tender,)).await?
	{
		say!(
			quiet,
			"  winner:        {} (report 0x{}, complaint period until {})",
			award.winner,
			hex::encode(award.report.0),
			time::show(award.publicity_ends)
		);
		say!(quiet, "  candidates:    {}", draw::committee::ranking_text(&award.ranking.0));
		doc["award"] = json!({
			"winner": output::account(&award.winner),
			"report": output::hash(&award.report.0),
			"publicity_ends": output::time(award.publicity_ends),
			"ranking": output::accounts(&award.ranking.0),
		});
	}
	// Objections, complaints, award notices and the contract.
	doc["award_procedure"] = award::show(at, tender, quiet).await?;
	// The evaluation committee: seats, evaluations, the majority's ranking or no majority.
	doc["committee"] = draw::committee::show(at, tender, quiet).await?;
	doc["read_at"] = json!({
		"block": at.block_number(),
		"hash": output::hash(&at.block_hash().0),
	});
	Ok(doc)
}

/// The tender record's own fields, as JSON (one row of `tender list --json`).
fn tender_summary(id: u64, t: &Tender<AccountId32>) -> Value {
	json!({
		"tender": id,
		"title": output::text(&t.title.0),
		"city": output::text(&t.city.0),
		"owner": output::account(&t.owner),
		"principal": t.principal.as_ref().map(output::account),
		"principal_identity": t.principal_identity.as_ref().map(|h| output::hash(&h.0)),
		"state": state_key(&t.state),
		"state_text": state_name(&t.state),
		"suspended": t.suspended,
		"specialities": t.specialities.0,
		"documents": output::hash(&t.documents.0),
		"created_at": output::time(t.created_at),
		"deadline": output::time(t.deadline),
		"reveal_window_ms": t.reveal_window,
		"reveal_ends": output::time(t.deadline + t.reveal_window),
		"min_valid_bids": t.min_valid_bids,
		"max_bidders": t.max_bidders,
		"bids": t.bids,
		"retender_of": t.retender_of,
	})
}

/// `tender list`: the tenders that pass every filter given, one line each (or, with `--json`,
/// their records).
async fn list(node: &Node, args: ListArgs, json: bool) -> Result<()> {
	// Read them all, then keep those that pass every filter, by number.
	let at = node.api.at_current_block().await?;
	let mut rows = read_map(&at, tenderchain::storage().tendering().tenders()).await?;
	rows.sort_by_key(|((id,), _)| *id);
	let any = !rows.is_empty();
	let ListArgs { city, state, speciality, from, until } = args;
	rows.retain(|(_, t)| {
		city.as_ref().is_none_or(|c| t.city.0.eq_ignore_ascii_case(c.as_bytes()))
			&& state.as_deref().is_none_or(|s| state_key(&t.state) == s)
			&& speciality.is_none_or(|s| t.specialities.0.contains(&s))
			&& from.is_none_or(|from| t.deadline >= from)
			&& until.is_none_or(|until| t.deadline <= until)
	});
	// A city no tender names and the consortium does not know is a mistake, not a result.
	if let (Some(code), true) = (&city, rows.is_empty()) {
		let cities = read_map(&at, tenderchain::storage().consortium().cities()).await?;
		let known: Vec<String> =
			cities.iter().map(|((id,), _)| String::from_utf8_lossy(&id.0).into_owned()).collect();
		if !known.iter().any(|k| k.eq_ignore_ascii_case(code)) {
			bail!(
				"--city {code}: no city of the consortium has this code (its cities: {}; see \
				 `tender consortium list`)",
				if known.is_empty() { "none".to_string() } else { known.join(", ") }
			);
		}
	}
	if json {
		return output::print(&json!({
			"filters": {
				"city": city,
				"state": state,
				"speciality": speciality,
				"deadline_from": from.map(output::time),
				"deadline_until": until.map(output::time),
			},
			"tenders": rows.iter().map(|((id,), t)| tender_summary(*id, t)).collect::<Vec<_>>(),
		}));
	}
	if !any {
		println!("no tenders yet");
	} else if rows.is_empty() {
		println!("no tender matches the filters");
	}
	for ((id,), t) in rows {
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

/// `tender open`: opens the bids once the reveal window has ended.
async fn open(node: &Node, signer: &Keypair, tender: u64) -> Result<()> {
	// Refuse plainly before the window ends.
	let t = tender_record(node, tender).await?;
	let now = time::now_ms();
	let reveal_ends = t.deadline + t.reveal_window;
	if now < reveal_ends {
		bail!(
			"tender {tender}: the bids can be opened after the reveal window ends at {} ({})",
			time::show(reveal_ends),
			relative(reveal_ends, now)
		);
	}
	// Open; report the valid and void bids, and a failure for too few.
	let call = tenderchain::transactions().tendering().open_bids(tender);
	let included =
		node.submit_signed(&call, signer, &format!("the opening of tender {tender}")).await?;
	let opened = included.event::<events::BidsOpened>()?;
	println!(
		"tender {tender} opened (block {included}): {} valid, {} void; opening record 0x{}",
		opened.valid,
		opened.void,
		hex::encode(opened.record.0)
	);
	if let Some(failed) = included.events.find_first::<events::TenderFailed>() {
		let failed = failed?;
		println!(
			"tender {tender} FAILED: {} valid bids, {} needed (流标)",
			failed.valid, failed.needed
		);
	}
	Ok(())
}

/// `tender evaluate`: a seated member's evaluation; says what the committee has decided so far.
async fn evaluate(
	node: &Node,
	signer: &Keypair,
	tender: u64,
	score_sheet: PathBuf,
	rank: Vec<String>,
) -> Result<()> {
	// One to three distinct candidates, best first.
	if rank.is_empty() || rank.len() > 3 {
		bail!(
			"a ranking names one to three candidates (中标候选人), best first; got {}",
			rank.len()
		);
	}
	let ranking = rank.iter().map(|r| keys::account(r.trim())).collect::<Result<Vec<_>>>()?;
	for (i, a) in ranking.iter().enumerate() {
		if ranking[..i].contains(a) {
			bail!("the ranking names {a} twice: name each candidate once");
		}
	}
	// The score sheet's hash and the ranking go on chain.
	let call = tenderchain::transactions().tendering().submit_evaluation(
		tender,
		files::sha256(&score_sheet)?.into(),
		BoundedVec(ranking.clone()),
	);
	let included =
		node.submit_signed(&call, signer, &format!("the evaluation of tender {tender}")).await?;
	let submitted = included.event::<events::EvaluationSubmitted>()?;
	println!(
		"{} evaluated tender {tender} (block {included}): {}",
		submitted.expert,
		draw::committee::ranking_text(&ranking)
	);
	// What the committee decided, if anything.
	if let Some(published) = included.events.find_first::<events::CandidatePublished>() {
		let published = published?;
		println!(
			"the committee's majority ranking is published: {}; winning candidate {} published \
			 until {} (block {included})",
			draw::committee::ranking_text(&published.ranking.0),
			published.winner,
			time::show(published.publicity_ends)
		);
	} else if let Some(none) = included.events.find_first::<events::NoMajority>() {
		println!(
			"every one of the {} members has evaluated and no ranking has a majority: tender \
			 {tender} waits for a supervisor's re-evaluation order",
			none?.members
		);
	} else {
		let at = node.api.at_current_block().await?;
		let evaluations =
			read(&at, tenderchain::storage().tendering().evaluations(), (tender,)).await?.0;
		let seats = read(&at, tenderchain::storage().expert_draw().committees(), (tender,)).await?;
		let members = draw::committee::members_expected(&seats.0);
		let published =
			try_read(&at, tenderchain::storage().tendering().awards(), (tender,)).await?.is_some();
		if included.events.find_first::<events::DissentRecorded>().is_some() {
			println!(
				"your ranking differs from the published one: recorded as a dissent (持有异议)"
			);
		} else if published {
			println!("your ranking is the published one: your evaluation signs the result");
		} else {
			println!(
				"{} of {members} members have evaluated; nothing is published until more than \
				 half ({}) submit the same ranking",
				evaluations.len(),
				members / 2 + 1
			);
		}
	}
	if included.events.find_first::<events::EvaluationsReset>().is_some() {
		println!(
			"note: the committee's members had changed since its first evaluation: every earlier \
			 evaluation was cleared, and each member evaluates again"
		);
	}
	Ok(())
}

/// `tender reevaluate`: a supervisor's order to evaluate again after no majority.
/// `tender fail-unfillable`: the tender whose committee can never be completed is failed.
async fn fail_unfillable(
	node: &Node,
	signer: &Keypair,
	tender: u64,
	reason: PathBuf,
) -> Result<()> {
	let call = tenderchain::transactions()
		.tendering()
		.fail_unfillable_tender(tender, files::sha256(&reason)?.into());
	let included = node
		.submit_signed(&call, signer, &format!("failing tender {tender} (committee unfillable)"))
		.await?;
	included.event::<events::CommitteeUnfillable>()?;
	println!(
		"tender {tender} failed (block {included}): its committee could not be completed; \
		 publish it again if it is still wanted"
	);
	Ok(())
}

async fn reevaluate(node: &Node, signer: &Keypair, tender: u64, reason: PathBuf) -> Result<()> {
	// The reason's hash goes on chain; the evaluations are cleared.
	let call = tenderchain::transactions()
		.tendering()
		.order_reevaluation(tender, files::sha256(&reason)?.into());
	let included =
		node.submit_signed(&call, signer, &format!("the re-evaluation of tender {tender}")).await?;
	included.event::<events::ReevaluationOrdered>()?;
	println!(
		"tender {tender}: re-evaluation ordered (block {included}); the evaluations are cleared \
		 and each member evaluates again"
	);
	Ok(())
}

/// `tender award …`: the final award.
async fn award(node: &Node, signer: &Keypair, command: AwardCommand) -> Result<()> {
	match command {
		AwardCommand::Finalize { tender } => {
			// After the complaint period, the award is final.
			let call = tenderchain::transactions().tendering().finalize_award(tender);
			let included =
				node.submit_signed(&call, signer, &format!("the award of tender {tender}")).await?;
			for skipped in included.events.find::<events::CandidateSkipped>() {
				println!(
					"candidate {} passed over: no longer certified as a bidder, or barred from \
					 bidding",
					skipped?.candidate
				);
			}
			if included.events.find_first::<events::NoEligibleCandidate>().is_some() {
				println!(
					"tender {tender}: no ranked candidate may be awarded (block {included}); a \
					 supervisor orders a re-evaluation (`tender reevaluate {tender} --reason …`)"
				);
				return Ok(());
			}
			let awarded = included.event::<events::TenderAwarded>()?;
			println!("tender {tender} awarded to {} (block {included})", awarded.winner);
		},
		AwardCommand::Notify { tender } => award::notify(node, signer, tender).await?,
		AwardCommand::Decline { tender, reason } => {
			award::decline(node, signer, tender, reason).await?
		},
		AwardCommand::Lapse { tender } => award::lapse(node, signer, tender).await?,
	}
	Ok(())
}

/// `tender entrust` / `tender withdraw-entrustment`: a tenderer entrusts an agency, or withdraws
/// the entrustment.
async fn entrust(node: &Node, signer: &Keypair, agency: &str, entrust: bool) -> Result<()> {
	let agency = keys::account(agency)?;
	if entrust {
		// The agency may then name the signer as its tenders' principal.
		let call = tenderchain::transactions().tendering().entrust_agency(agency);
		let included = node
			.submit_signed(&call, signer, &format!("the entrustment of the agency {agency}"))
			.await?;
		let e = included.event::<events::AgencyEntrusted>()?;
		println!(
			"{} entrusted the agency {} (block {included}): it may publish tenders naming {} as \
			 their principal",
			e.principal, e.agency, e.principal
		);
	} else {
		// No further tender for the signer; published ones keep their principal.
		let call = tenderchain::transactions().tendering().withdraw_entrustment(agency);
		let included = node
			.submit_signed(&call, signer, &format!("withdrawing the entrustment of {agency}"))
			.await?;
		let e = included.event::<events::EntrustmentWithdrawn>()?;
		println!(
			"{} withdrew its entrustment of the agency {} (block {included}): it can publish no \
			 further tender for {}; published tenders keep their principal",
			e.principal, e.agency, e.principal
		);
	}
	Ok(())
}

/// `tender supervise …`: a supervisor suspends, resumes or records a finding.
async fn supervise(node: &Node, signer: &Keypair, command: SuperviseCommand) -> Result<()> {
	// Each action carries its document's hash.
	let (tender, what, call_result) = match command {
		SuperviseCommand::Suspend { tender, reason } => {
			let call = tenderchain::transactions()
				.tendering()
				.suspend(tender, files::sha256(&reason)?.into());
			(
				tender,
				"suspended",
				node.submit_signed(&call, signer, &format!("the suspension of tender {tender}"))
					.await,
			)
		},
		SuperviseCommand::Resume { tender, reason } => {
			let call = tenderchain::transactions()
				.tendering()
				.resume(tender, files::sha256(&reason)?.into());
			(
				tender,
				"resumed",
				node.submit_signed(&call, signer, &format!("the resumption of tender {tender}"))
					.await,
			)
		},
		SuperviseCommand::Finding { tender, finding } => {
			let call = tenderchain::transactions()
				.tendering()
				.record_finding(tender, files::sha256(&finding)?.into());
			(
				tender,
				"finding recorded on",
				node.submit_signed(&call, signer, &format!("the finding on tender {tender}")).await,
			)
		},
	};
	let included = call_result?;
	println!("tender {tender} {what} (block {included})");
	Ok(())
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn a_state_is_given_by_its_key_or_the_words_list_prints() {
		assert_eq!(state_filter("open").as_deref(), Ok("open"));
		assert_eq!(state_filter("No-Majority").as_deref(), Ok("no_majority"));
		assert_eq!(state_filter("no majority").as_deref(), Ok("no_majority"));
		assert_eq!(state_filter("void").as_deref(), Ok("voided"));
		assert_eq!(state_filter("winning candidate published").as_deref(), Ok("publicity"));
		let err = state_filter("pending").expect_err("no such state");
		assert!(err.contains("'pending' is not a tender state"), "{err}");
		assert!(err.contains("no-eligible-candidate"), "{err}");
	}

	#[test]
	fn a_city_code_is_letters_and_digits() {
		assert_eq!(city_code("by").as_deref(), Ok("BY"));
		assert!(city_code("B-Y").is_err());
		assert!(city_code("").is_err());
	}

	#[test]
	fn a_date_bounds_the_whole_day_in_china_time() {
		let from = from_time("2026-12-01").expect("a date");
		let until = until_time("2026-12-01").expect("a date");
		assert_eq!(from, time::parse("2026-12-01 00:00").expect("a time"));
		assert_eq!(until, from + 86_400_000 - 1);
		assert_eq!(
			from_time("2026-12-01 10:00"),
			Ok(time::parse("2026-12-01 10:00").expect("a time"))
		);
		assert!(until_time("tomorrow").is_err());
	}
}
