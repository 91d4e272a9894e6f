//! A tender's evaluation committee as the chain holds it, in words: each seat's state, the
//! vacancies the host may have filled, the evaluations submitted, and what they decided (the
//! majority's ranking and the dissents, or no majority). Shown by `tender show` and
//! `tender draw show`.

use anyhow::Result;
use serde_json::{json, Value};
use subxt::utils::AccountId32;

use super::text;
use crate::{
	chain::{read, tenderchain, try_read, At},
	output::{self, say},
	time,
};
use tenderchain::runtime_types::{
	pallet_expert_draw::types::{Ineligibility, ReplacementReason, Seat, SeatState},
	pallet_tendering::types::TenderState,
};

/// Why a seat is filled again, in words.
pub fn reason_name(r: &ReplacementReason) -> &'static str {
	match r {
		ReplacementReason::Declined => "the expert declined",
		ReplacementReason::NotSeatedInTime => "the expert did not take the seat in time",
		ReplacementReason::IneligibleAtSeating => "the expert was ineligible at seating",
		ReplacementReason::Recused => "the expert recused themselves (回避)",
		ReplacementReason::RemovedBySupervisor => "a supervisor removed the expert",
		ReplacementReason::OrderedBySupervisor => "a supervisor ordered it",
	}
}

/// Why a drawn expert could not sit, in words.
pub fn ineligibility_name(i: &Ineligibility) -> &'static str {
	match i {
		Ineligibility::NotAnExpert => "no valid expert certificate",
		Ineligibility::Barred => "barred from evaluation",
		Ineligibility::Conflicted => {
			"conflict of interest: the employer is the tenderer, the principal or a bidder"
		},
		Ineligibility::DuplicateEntry => "entered in the pool twice (both entries struck)",
		Ineligibility::FormerMember => "already left this committee under another entry",
		Ineligibility::CityMismatch => {
			"the pool entry's city is not the city of the expert's certificate"
		},
	}
}

/// A ranking, best first: `1. 5Abc…, 2. 5Def…`.
pub fn ranking_text(ranking: &[AccountId32]) -> String {
	ranking
		.iter()
		.enumerate()
		.map(|(i, a)| format!("{}. {a}", i + 1))
		.collect::<Vec<_>>()
		.join(", ")
}

/// The seats of a committee record that count: every seat not filled again by a later draw.
pub fn members_expected(seats: &[Seat<AccountId32>]) -> usize {
	seats.iter().filter(|s| !matches!(s.state, SeatState::Replaced(_))).count()
}

/// The committee of `tender` as stored at `at`: seats, vacancies, evaluations and their
/// outcome, as a JSON document (`null` if no draw has filled a seat yet); printed unless
/// `quiet` (nothing if no seat is filled).
pub async fn show(at: &At, tender: u64, quiet: bool) -> Result<Value> {
	let storage = tenderchain::storage();
	let seats = read(at, storage.expert_draw().committees(), (tender,)).await?.0;
	if seats.is_empty() {
		return Ok(Value::Null);
	}
	// The seats, with what each waits for.
	let first_draw = seats.first().map(|s| s.draw);
	let allowance = seats.iter().filter(|s| Some(s.draw) == first_draw).count();
	let used = read(at, storage.expert_draw().host_replacements(), (tender,)).await?;
	let seating_start = try_read(at, storage.expert_draw().seating_start(), (tender,)).await?;
	let window = at.constants().entry(tenderchain::constants().expert_draw().seating_window())?;
	let now = at.block_number() as u32;
	let taken = seats.iter().filter(|s| matches!(s.state, SeatState::Seated(_))).count();
	say!(
		quiet,
		"  committee:     {} of {} seats taken (the host has requested {used} of {allowance} \
		 replacements; beyond that only a supervisor orders one)",
		taken,
		members_expected(&seats),
	);
	let mut seat_docs = Vec::new();
	for (i, s) in seats.iter().enumerate() {
		let vacancy = "vacant: the host may have it filled again";
		let mut seating_ends = None;
		let state = match &s.state {
			SeatState::Drawn => {
				let completed = try_read(at, storage.expert_draw().draws(), (s.draw,))
					.await?
					.and_then(|d| d.completed_at);
				match (seating_start, completed) {
					(Some(start), Some(done)) => {
						let ends = start.max(done) + window;
						seating_ends = Some(ends);
						if now >= ends {
							format!(
								"drawn, not seated within the seating window (ended at block \
								 #{ends}): {vacancy}"
							)
						} else {
							format!(
								"drawn, waiting for its expert (seating window until block #{ends})"
							)
						}
					},
					_ => "drawn, waiting for evaluation to begin (the expert is confidential)"
						.to_string(),
				}
			},
			SeatState::Seated(who) => format!("seated: {who}"),
			SeatState::Declined(who) => format!("declined by {who}: {vacancy}"),
			SeatState::Ineligible(who, why) => {
				format!("ineligible: {who} ({}): {vacancy}", ineligibility_name(why))
			},
			SeatState::Recused(who) => format!("recused: {who} (回避): {vacancy}"),
			SeatState::Removed(who) => format!("removed by a supervisor: {who}: {vacancy}"),
			SeatState::Replaced(r) => format!("replaced ({})", reason_name(r)),
		};
		say!(
			quiet,
			"    seat {i}: entry {} (speciality {}, draw {}) — {state}",
			s.entry,
			s.speciality,
			s.draw
		);
		let mut doc = json!({
			"seat": i,
			"entry": s.entry,
			"speciality": s.speciality,
			"draw": s.draw,
			"state": output::variant(&s.state),
			"state_text": state,
		});
		match &s.state {
			SeatState::Drawn => doc["seating_ends_at_block"] = json!(seating_ends),
			SeatState::Seated(who)
			| SeatState::Declined(who)
			| SeatState::Recused(who)
			| SeatState::Removed(who) => doc["expert"] = output::account(who),
			SeatState::Ineligible(who, why) => {
				doc["expert"] = output::account(who);
				doc["ineligibility"] = output::variant(why);
			},
			SeatState::Replaced(r) => doc["replacement_reason"] = output::variant(r),
		}
		seat_docs.push(doc);
	}

	// The evaluations and what they decided.
	let t = try_read(at, storage.tendering().tenders(), (tender,)).await?;
	let evaluations = read(at, storage.tendering().evaluations(), (tender,)).await?.0;
	let members = members_expected(&seats);
	let published = try_read(at, storage.tendering().awards(), (tender,)).await?;
	if evaluations.is_empty() && published.is_none() {
		if seats.iter().all(|s| matches!(s.state, SeatState::Seated(_) | SeatState::Replaced(_))) {
			say!(
				quiet,
				"  evaluations:   none yet (every seat is taken: the members may evaluate)"
			);
		} else {
			say!(quiet, "  evaluations:   none yet (evaluation begins when every seat is taken)");
		}
	} else {
		say!(quiet, "  evaluations:   {} of {members} members submitted", evaluations.len());
	}
	let mut evaluation_docs = Vec::new();
	for e in &evaluations {
		say!(
			quiet,
			"    {}: {} (score sheet 0x{}, {})",
			e.expert,
			ranking_text(&e.ranking.0),
			hex::encode(e.score_sheet.0),
			time::show(e.at)
		);
		evaluation_docs.push(json!({
			"expert": output::account(&e.expert),
			"ranking": output::accounts(&e.ranking.0),
			"score_sheet": output::hash(&e.score_sheet.0),
			"at": output::time(e.at),
		}));
	}
	let mut outcome = "pending";
	let mut majority = Value::Null;
	let mut dissent_docs = Vec::new();
	match (&published, t.as_ref().map(|t| &t.state)) {
		(Some(award), _) => {
			outcome = "published";
			majority = output::accounts(&award.ranking.0);
			say!(quiet, "  majority ranking (published): {}", ranking_text(&award.ranking.0));
			let dissents = read(at, storage.tendering().dissents(), (tender,)).await?.0;
			for d in dissents {
				say!(
					quiet,
					"    dissent (持有异议): {} ranked {} (score sheet 0x{}: the written reasons)",
					d.expert,
					ranking_text(&d.ranking.0),
					hex::encode(d.score_sheet.0)
				);
				dissent_docs.push(json!({
					"expert": output::account(&d.expert),
					"ranking": output::accounts(&d.ranking.0),
					"score_sheet": output::hash(&d.score_sheet.0),
				}));
			}
		},
		(None, Some(TenderState::NoMajority)) => {
			outcome = "no_majority";
			say!(
				quiet,
				"  NO MAJORITY: every member evaluated and no ranking has a majority; a \
				 supervisor orders a re-evaluation (`tender reevaluate {tender} --reason <file>`)"
			);
		},
		(None, _) if !evaluations.is_empty() => say!(
			quiet,
			"  no result yet: a ranking is published once more than half of the {members} \
			 members ({}) submit it",
			members / 2 + 1
		),
		_ => {},
	}
	Ok(json!({
		"seats": seat_docs,
		"seats_taken": taken,
		"members_expected": members,
		"host_replacements_used": used,
		"host_replacement_allowance": allowance,
		"evaluations": evaluation_docs,
		"majority_needed": members / 2 + 1,
		"outcome": outcome,
		"majority_ranking": majority,
		"dissents": dissent_docs,
	}))
}

/// For the cities in `cities`, how often each let its contribution window pass on a draw that
/// completed without it, and how often it contributed late, as JSON (every city); printed
/// unless `quiet` (the cities with any).
pub async fn contribution_record(at: &At, cities: &[Vec<u8>], quiet: bool) -> Result<Value> {
	let storage = tenderchain::storage();
	let mut docs = Vec::new();
	for city in cities {
		let code = || {
			tenderchain::runtime_types::bounded_collections::bounded_vec::BoundedVec(city.clone())
		};
		let withheld = read(at, storage.expert_draw().withheld_contributions(), (code(),)).await?;
		let late = read(at, storage.expert_draw().late_contributions(), (code(),)).await?;
		if withheld > 0 || late > 0 {
			say!(
				quiet,
				"  {}'s record: withheld {withheld} contribution(s), contributed late {late} \
				 time(s), over all draws",
				text(city)
			);
		}
		docs.push(json!({ "city": text(city), "withheld": withheld, "late": late }));
	}
	Ok(Value::Array(docs))
}
