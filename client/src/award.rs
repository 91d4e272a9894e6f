//! `tender objection | complaint | contract` and `tender award notify | decline | lapse`: the
//! award procedure after the committee's ranked candidates are published (pallet-award):
//! objections to the tenderer (异议), complaints to the supervisors (投诉), the award notice
//! (中标通知书) and the contract (合同) signed by both parties at the winning bid's price.
//!
//! Every document (evidence, answer, grounds, decision, contract) stays off chain: only its
//! SHA-256 goes on chain, and `tender verify FILE --tender N` finds it there.

use std::path::PathBuf;

use anyhow::{bail, Result};
use clap::Subcommand;
use serde_json::{json, Value};
use subxt::utils::{AccountId32, H256};
use subxt_signer::sr25519::Keypair;

use crate::{
	bid::{parse_yuan, show_yuan},
	chain::{read, read_prefix, tenderchain, try_read, At, Node},
	ctx::Ctx,
	files, keys,
	output::{self, say},
	time,
};
use tenderchain::{
	award::events,
	runtime_types::pallet_award::types::{
		ComplaintState, ComplaintSubject, Decision, NoticeState, ObjectionState,
	},
};

/// The award procedure's commands, at the top level of `tender`.
#[derive(Debug, Subcommand)]
pub enum Command {
	/// Objections (异议) to the published candidates: filed by a bidder during the complaint
	/// period, answered by the tenderer.
	#[command(subcommand)]
	Objection(ObjectionCommand),
	/// Complaints (投诉) to the supervisors: filed by a bidder, accepted and decided by a
	/// supervisor of the tender's city.
	#[command(subcommand)]
	Complaint(ComplaintCommand),
	/// The contract (合同), signed by the tenderer and the notified candidate.
	#[command(subcommand)]
	Contract(ContractCommand),
}

/// `tender objection …`.
#[derive(Debug, Subcommand)]
pub enum ObjectionCommand {
	/// File an objection to the published candidates (a bidder of the tender, during its
	/// complaint period). The award cannot be finalized until the tenderer answers.
	File {
		/// The tender.
		tender: u64,
		/// The objection and its evidence, a file; its SHA-256 goes on chain.
		#[arg(long)]
		evidence: PathBuf,
	},
	/// Answer an objection (the tender's tenderer or agency).
	Answer {
		/// The tender.
		tender: u64,
		/// The objection's number (see `tender show`).
		objection: u32,
		/// The written answer (答复), a file; its SHA-256 goes on chain.
		#[arg(long)]
		answer: PathBuf,
	},
	/// Mark an objection whose answer period ended without an answer as lapsed (anyone): the
	/// objector may then complain.
	Lapse {
		/// The tender.
		tender: u64,
		/// The objection's number.
		objection: u32,
	},
}

/// `tender complaint …`.
#[derive(Debug, Subcommand)]
pub enum ComplaintCommand {
	/// File a complaint to the supervisors (a bidder of the tender). A complaint on the
	/// published candidates follows one's own objection, once answered or lapsed.
	File {
		/// The tender.
		tender: u64,
		/// The number of one's objection it follows (required during the complaint period).
		#[arg(long)]
		objection: Option<u32>,
		/// The complaint and its grounds, a file; its SHA-256 goes on chain.
		#[arg(long)]
		grounds: PathBuf,
	},
	/// Accept a complaint (受理; a supervisor of the tender's city): the tender is suspended
	/// until it is decided.
	Accept {
		/// The tender.
		tender: u64,
		/// The complaint's number (see `tender show`).
		complaint: u32,
	},
	/// Decide a complaint (a supervisor of the tender's city): dismiss it, order a new
	/// evaluation, disqualify a candidate, or declare the tender void.
	Decide {
		/// The tender.
		tender: u64,
		/// The complaint's number.
		complaint: u32,
		/// `dismiss`, `reevaluate`, `disqualify:<candidate SS58>` or `void`.
		#[arg(long)]
		decision: String,
		/// The written decision and its reasons, a file; its SHA-256 goes on chain.
		#[arg(long)]
		reasons: PathBuf,
	},
}

/// `tender contract …`.
#[derive(Debug, Subcommand)]
pub enum ContractCommand {
	/// Sign the contract (the tenderer, or the candidate the award notice names): its SHA-256
	/// and its price, which must be the winning bid's revealed price. Once both have signed the
	/// same document at that price, the contract is concluded.
	Sign {
		/// The tender.
		tender: u64,
		/// The contract document.
		#[arg(long)]
		contract: PathBuf,
		/// The contract price in yuan (1234567.89): the winning bid's price.
		#[arg(long)]
		price: String,
	},
}

/// Runs an award-procedure command.
pub async fn run(ctx: &Ctx, cmd: Command) -> Result<()> {
	let node = ctx.node().await?;
	let signer = ctx.signer()?;
	match cmd {
		Command::Objection(cmd) => objection(node, &signer, cmd).await,
		Command::Complaint(cmd) => complaint(node, &signer, cmd).await,
		Command::Contract(ContractCommand::Sign { tender, contract, price }) => {
			sign_contract(node, &signer, tender, contract, &price).await
		},
	}
}

/// `tender objection …`.
async fn objection(node: &Node, signer: &Keypair, cmd: ObjectionCommand) -> Result<()> {
	match cmd {
		ObjectionCommand::File { tender, evidence } => {
			let call = tenderchain::transactions()
				.award()
				.file_objection(tender, files::sha256(&evidence)?.into());
			let included = node
				.submit_signed(&call, signer, &format!("the objection to tender {tender}"))
				.await?;
			let filed = included.event::<events::ObjectionFiled>()?;
			println!(
				"objection {} filed on tender {tender} by {} (block {included}); the tenderer \
				 answers by {}, and the award waits for the answer",
				filed.id,
				filed.objector,
				time::show(filed.answer_by)
			);
		},
		ObjectionCommand::Answer { tender, objection, answer } => {
			let call = tenderchain::transactions().award().answer_objection(
				tender,
				objection,
				files::sha256(&answer)?.into(),
			);
			let included = node
				.submit_signed(
					&call,
					signer,
					&format!("the answer to objection {objection} on tender {tender}"),
				)
				.await?;
			let answered = included.event::<events::ObjectionAnswered>()?;
			println!(
				"objection {objection} on tender {tender} answered{} (block {included})",
				if answered.late { " LATE (after its answer period)" } else { "" }
			);
		},
		ObjectionCommand::Lapse { tender, objection } => {
			let call = tenderchain::transactions().award().mark_objection_lapsed(tender, objection);
			let included = node
				.submit_signed(
					&call,
					signer,
					&format!("marking objection {objection} on tender {tender} lapsed"),
				)
				.await?;
			included.event::<events::ObjectionLapsed>()?;
			println!(
				"objection {objection} on tender {tender} is unanswered past its period \
				 (block {included}); the objector may complain to the supervisors"
			);
		},
	}
	Ok(())
}

/// The decision as typed: `dismiss`, `reevaluate`, `disqualify:<SS58>` or `void`.
fn decision(text: &str) -> Result<Decision<AccountId32>> {
	let text = text.trim();
	Ok(match text {
		"dismiss" | "dismissed" => Decision::Dismissed,
		"reevaluate" | "re-evaluate" => Decision::Reevaluate,
		"void" => Decision::Void,
		_ => match text.strip_prefix("disqualify:") {
			Some(who) => Decision::Disqualify(keys::account(who.trim())?),
			None => bail!(
				"the decision '{text}' is none of dismiss, reevaluate, disqualify:<candidate \
				 SS58>, void"
			),
		},
	})
}

/// A decision in words.
fn decision_text(d: &Decision<AccountId32>) -> String {
	match d {
		Decision::Dismissed => "dismissed (驳回)".into(),
		Decision::Reevaluate => "re-evaluation ordered (重新评标)".into(),
		Decision::Disqualify(who) => format!("candidate {who} disqualified"),
		Decision::Void => "tender void (招标无效)".into(),
	}
}

/// `tender complaint …`.
async fn complaint(node: &Node, signer: &Keypair, cmd: ComplaintCommand) -> Result<()> {
	match cmd {
		ComplaintCommand::File { tender, objection, grounds } => {
			let call = tenderchain::transactions().award().file_complaint(
				tender,
				objection,
				files::sha256(&grounds)?.into(),
			);
			let included = node
				.submit_signed(&call, signer, &format!("the complaint on tender {tender}"))
				.await?;
			let filed = included.event::<events::ComplaintFiled>()?;
			println!(
				"complaint {} filed on tender {tender} by {} (block {included}){}; a supervisor \
				 of the tender's city accepts and decides it",
				filed.id,
				filed.complainant,
				filed.objection.map(|o| format!(", following objection {o}")).unwrap_or_default()
			);
		},
		ComplaintCommand::Accept { tender, complaint } => {
			let call = tenderchain::transactions().award().accept_complaint(tender, complaint);
			let included = node
				.submit_signed(
					&call,
					signer,
					&format!("accepting complaint {complaint} on tender {tender}"),
				)
				.await?;
			let accepted = included.event::<events::ComplaintAccepted>()?;
			println!(
				"complaint {complaint} on tender {tender} accepted by {} (block {included}){}",
				accepted.supervisor,
				if accepted.suspended {
					"; the tender is suspended until it is decided"
				} else {
					"; the tender was already suspended"
				}
			);
		},
		ComplaintCommand::Decide { tender, complaint, decision: text, reasons } => {
			let d = decision(&text)?;
			let call = tenderchain::transactions().award().decide_complaint(
				tender,
				complaint,
				d,
				files::sha256(&reasons)?.into(),
			);
			let included = node
				.submit_signed(
					&call,
					signer,
					&format!("deciding complaint {complaint} on tender {tender}"),
				)
				.await?;
			let decided = included.event::<events::ComplaintDecided>()?;
			println!(
				"complaint {complaint} on tender {tender} decided: {} (block {included})",
				decision_text(&decided.decision)
			);
		},
	}
	Ok(())
}

/// `tender award notify`: the tenderer's award notice to the award's winner.
pub async fn notify(node: &Node, signer: &Keypair, tender: u64) -> Result<()> {
	let call = tenderchain::transactions().award().issue_award_notice(tender);
	let included =
		node.submit_signed(&call, signer, &format!("the award notice of tender {tender}")).await?;
	let issued = included.event::<events::AwardNoticeIssued>()?;
	println!(
		"award notice of tender {tender} issued to {} (block {included}); the contract is \
		 signed by {}",
		issued.candidate,
		time::show(issued.sign_by)
	);
	Ok(())
}

/// `tender award decline`: the notified candidate declines the award.
pub async fn decline(node: &Node, signer: &Keypair, tender: u64, reason: PathBuf) -> Result<()> {
	let call =
		tenderchain::transactions().award().decline_award(tender, files::sha256(&reason)?.into());
	let included = node
		.submit_signed(&call, signer, &format!("declining the award of tender {tender}"))
		.await?;
	let declined = included.event::<events::AwardDeclined>()?;
	say_next(tender, "declined the award", &declined.candidate, declined.next.as_ref(), &included);
	Ok(())
}

/// `tender award lapse`: the tenderer passes over a candidate that did not sign in time.
pub async fn lapse(node: &Node, signer: &Keypair, tender: u64) -> Result<()> {
	let call = tenderchain::transactions().award().lapse_notice(tender);
	let included = node
		.submit_signed(&call, signer, &format!("the lapse of the award notice of tender {tender}"))
		.await?;
	let lapsed = included.event::<events::AwardNoticeLapsed>()?;
	say_next(
		tender,
		"did not sign the contract in time",
		&lapsed.candidate,
		lapsed.next.as_ref(),
		&included,
	);
	Ok(())
}

/// Says who is the winner after `candidate` was passed over.
fn say_next(
	tender: u64,
	what: &str,
	candidate: &AccountId32,
	next: Option<&AccountId32>,
	block: &impl std::fmt::Display,
) {
	match next {
		Some(next) => println!(
			"{candidate} {what} on tender {tender} (block {block}); the next ranked candidate \
			 {next} is the winner now: the tenderer notifies it (`tender award notify {tender}`)"
		),
		None => println!(
			"{candidate} {what} on tender {tender} (block {block}); no ranked candidate is left: \
			 a supervisor orders a re-evaluation, or the tender is published again"
		),
	}
}

/// `tender contract sign`: checks the price against the winning bid before signing, so that a
/// mismatch is said plainly; the chain checks it again.
async fn sign_contract(
	node: &Node,
	signer: &Keypair,
	tender: u64,
	contract: PathBuf,
	price: &str,
) -> Result<()> {
	let price = parse_yuan(price)?;
	let call = tenderchain::transactions().award().sign_contract(
		tender,
		files::sha256(&contract)?.into(),
		price,
	);
	let included =
		node.submit_signed(&call, signer, &format!("the contract of tender {tender}")).await?;
	let signed = included.event::<events::ContractSigned>()?;
	println!(
		"{} signed the contract of tender {tender} at {} (block {included})",
		signed.signer,
		show_yuan(signed.price)
	);
	match included.events.find_first::<events::ContractConcluded>() {
		Some(concluded) => {
			let concluded = concluded?;
			println!(
				"contract of tender {tender} CONCLUDED with {} at {}: document 0x{}",
				concluded.candidate,
				show_yuan(concluded.price),
				hex::encode(concluded.contract.0)
			);
		},
		None => {
			println!("the other party signs the same document at the same price to conclude it")
		},
	}
	Ok(())
}

/// A tender's objections, complaints, award notices and contract (for `tender show`, which
/// prints them unless `quiet`), as a JSON document: `objections`, `complaints`, `procedure`,
/// `notices` and `contract`.
pub async fn show(at: &At, tender: u64, quiet: bool) -> Result<Value> {
	let now = time::now_ms();
	let mut objections =
		read_prefix(at, tenderchain::storage().award().objections(), (tender,)).await?;
	objections.sort_by_key(|((_, id), _)| *id);
	let mut objection_docs = Vec::new();
	for ((_, id), o) in objections {
		let state = match &o.state {
			ObjectionState::Open if now >= o.answer_by => {
				"UNANSWERED past its answer period".to_string()
			},
			ObjectionState::Open => format!("awaiting the answer by {}", time::show(o.answer_by)),
			ObjectionState::Lapsed => "UNANSWERED, lapsed".to_string(),
			ObjectionState::Answered { answer, at, late } => format!(
				"answered {}{} (answer 0x{})",
				time::show(*at),
				if *late { " LATE" } else { "" },
				hex::encode(&answer.0[..8])
			),
		};
		say!(
			quiet,
			"  objection {id}:   by {} (round {}), evidence 0x{}: {state}",
			o.objector,
			o.round,
			hex::encode(&o.evidence.0[..8])
		);
		let mut doc = json!({
			"objection": id,
			"objector": output::account(&o.objector),
			"round": o.round,
			"evidence": output::hash(&o.evidence.0),
			"filed_at": output::time(o.filed_at),
			"answer_by": output::time(o.answer_by),
			"state_text": state,
		});
		match &o.state {
			ObjectionState::Open => {
				doc["state"] = json!("open");
				doc["past_answer_period"] = json!(now >= o.answer_by);
			},
			ObjectionState::Lapsed => doc["state"] = json!("lapsed"),
			ObjectionState::Answered { answer, at, late } => {
				doc["state"] = json!("answered");
				doc["answer"] = output::hash(&answer.0);
				doc["answered_at"] = output::time(*at);
				doc["late"] = json!(*late);
			},
		}
		objection_docs.push(doc);
	}
	let mut complaints =
		read_prefix(at, tenderchain::storage().award().complaints(), (tender,)).await?;
	complaints.sort_by_key(|((_, id), _)| *id);
	let mut complaint_docs = Vec::new();
	for ((_, id), c) in complaints {
		let state = match &c.state {
			ComplaintState::Filed => "filed, not yet accepted".to_string(),
			ComplaintState::Accepted { supervisor, .. } => {
				format!("accepted by {supervisor}: the tender is suspended until decided")
			},
			ComplaintState::Decided { decision, supervisor, .. } => {
				format!("{} by {supervisor}", decision_text(decision))
			},
		};
		let subject = match c.subject {
			ComplaintSubject::EvaluationResult => "on the published candidates",
			ComplaintSubject::Award => "on the award",
		};
		say!(
			quiet,
			"  complaint {id}:   by {} {subject}{}: {state}",
			c.complainant,
			c.objection.map(|o| format!(" (after objection {o})")).unwrap_or_default()
		);
		let mut doc = json!({
			"complaint": id,
			"complainant": output::account(&c.complainant),
			"objection": c.objection,
			"grounds": output::hash(&c.grounds.0),
			"subject": output::variant(&c.subject),
			"filed_at": output::time(c.filed_at),
			"round": c.round,
			"state_text": state,
		});
		match &c.state {
			ComplaintState::Filed => doc["state"] = json!("filed"),
			ComplaintState::Accepted { supervisor, at } => {
				doc["state"] = json!("accepted");
				doc["supervisor"] = output::account(supervisor);
				doc["accepted_at"] = output::time(*at);
			},
			ComplaintState::Decided { decision, reasons, supervisor, at } => {
				doc["state"] = json!("decided");
				doc["decision"] = decision_json(decision);
				doc["reasons"] = output::hash(&reasons.0);
				doc["supervisor"] = output::account(supervisor);
				doc["decided_at"] = output::time(*at);
			},
		}
		complaint_docs.push(doc);
	}
	let procedure = read(at, tenderchain::storage().award().procedures(), (tender,)).await?;
	let mut rounds = read_prefix(at, tenderchain::storage().award().notices(), (tender,)).await?;
	rounds.sort_by_key(|((_, round), _)| *round);
	let mut notice_docs = Vec::new();
	for ((_, round), notices) in rounds {
		for n in notices.0 {
			let state = match &n.state {
				NoticeState::Issued => format!("issued; contract by {}", time::show(n.sign_by)),
				NoticeState::Declined { .. } => "DECLINED by the candidate".into(),
				NoticeState::Lapsed { .. } => "LAPSED (no contract in time)".into(),
				NoticeState::Withdrawn { .. } => "WITHDRAWN by a supervisor's decision".into(),
				NoticeState::Contracted { .. } => "contract concluded".into(),
			};
			say!(
				quiet,
				"  award notice:  to {} issued {} (round {round}{}): {state}",
				n.candidate,
				time::show(n.issued_at),
				if round == procedure.round { ", current" } else { "" }
			);
			let signature = |s: Option<(H256, u128, u64)>| match s {
				Some((contract, price, at)) => json!({
					"contract": output::hash(&contract.0),
					"price": output::amount(price),
					"at": output::time(at),
				}),
				None => Value::Null,
			};
			let mut doc = json!({
				"round": round,
				"current": round == procedure.round,
				"candidate": output::account(&n.candidate),
				"issued_at": output::time(n.issued_at),
				"sign_by": output::time(n.sign_by),
				"tenderer_signed":
					signature(n.tenderer_signed.as_ref().map(|s| (s.contract, s.price, s.at))),
				"candidate_signed":
					signature(n.candidate_signed.as_ref().map(|s| (s.contract, s.price, s.at))),
				"state": output::variant(&n.state),
				"state_text": state,
			});
			match &n.state {
				NoticeState::Issued => {},
				NoticeState::Declined { reason, at } => {
					doc["reason"] = output::hash(&reason.0);
					doc["state_at"] = output::time(*at);
				},
				NoticeState::Lapsed { at }
				| NoticeState::Withdrawn { at }
				| NoticeState::Contracted { at } => doc["state_at"] = output::time(*at),
			}
			notice_docs.push(doc);
		}
	}
	let mut contract_doc = Value::Null;
	if let Some(c) = try_read(at, tenderchain::storage().award().contracts(), (tender,)).await? {
		say!(
			quiet,
			"  contract:      0x{} with {} at {}, signed by both ({} and {})",
			hex::encode(c.contract.0),
			c.candidate,
			show_yuan(c.price),
			time::show(c.tenderer_signed_at),
			time::show(c.candidate_signed_at)
		);
		contract_doc = json!({
			"contract": output::hash(&c.contract.0),
			"candidate": output::account(&c.candidate),
			"price": output::amount(c.price),
			"tenderer_signed_at": output::time(c.tenderer_signed_at),
			"candidate_signed_at": output::time(c.candidate_signed_at),
		});
	}
	Ok(json!({
		"objections": objection_docs,
		"complaints": complaint_docs,
		"procedure": {
			"round": procedure.round,
			"report": procedure.report.as_ref().map(|r| output::hash(&r.0)),
			"open_objections": procedure.objections,
			"last_answer_by": output::time(procedure.last_answer_by),
			"open_complaints": procedure.complaints,
			"accepted_complaints": procedure.accepted,
			"suspended_at": procedure.suspended_at.map(output::time),
		},
		"notices": notice_docs,
		"contract": contract_doc,
	}))
}

/// A complaint's decision, as JSON: `{"decision": "disqualify", "candidate": …}`.
fn decision_json(d: &Decision<AccountId32>) -> Value {
	match d {
		Decision::Dismissed => json!({ "decision": "dismissed" }),
		Decision::Reevaluate => json!({ "decision": "reevaluate" }),
		Decision::Disqualify(who) => {
			json!({ "decision": "disqualify", "candidate": output::account(who) })
		},
		Decision::Void => json!({ "decision": "void" }),
	}
}

/// The concluded contract of `tender`, if any: its document hash, candidate and price.
pub async fn contract_of(at: &At, tender: u64) -> Result<Option<([u8; 32], String, u128)>> {
	Ok(try_read(at, tenderchain::storage().award().contracts(), (tender,))
		.await?
		.map(|c| (c.contract.0, c.candidate.to_string(), c.price)))
}
