//! A tender's evaluation committee as the chain holds it, in words: each seat's state, the
//! vacancies the host may have filled, the evaluations submitted, and what they decided (the
//! majority's ranking and the dissents, or no majority). Shown by `tender show` and
//! `tender draw show`.

use anyhow::Result;
use subxt::utils::AccountId32;

use super::text;
use crate::{
	chain::{read, tenderchain, try_read, At},
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

/// Prints the committee of `tender` as stored at `at`: seats, vacancies, evaluations and their
/// outcome. Prints nothing if no draw has filled a seat yet.
pub async fn show(at: &At, tender: u64) -> Result<()> {
	let storage = tenderchain::storage();
	let seats = read(at, storage.expert_draw().committees(), (tender,)).await?.0;
	if seats.is_empty() {
		return Ok(());
	}
	// The seats, with what each waits for.
	let first_draw = seats.first().map(|s| s.draw);
	let allowance = seats.iter().filter(|s| Some(s.draw) == first_draw).count();
	let used = read(at, storage.expert_draw().host_replacements(), (tender,)).await?;
	let seating_start = try_read(at, storage.expert_draw().seating_start(), (tender,)).await?;
	let window = at.constants().entry(tenderchain::constants().expert_draw().seating_window())?;
	let now = at.block_number() as u32;
	println!(
		"  committee:     {} of {} seats taken (the host has requested {used} of {allowance} \
		 replacements; beyond that only a supervisor orders one)",
		seats.iter().filter(|s| matches!(s.state, SeatState::Seated(_))).count(),
		members_expected(&seats),
	);
	for (i, s) in seats.iter().enumerate() {
		let vacancy = "vacant: the host may have it filled again";
		let state = match &s.state {
			SeatState::Drawn => {
				let completed = try_read(at, storage.expert_draw().draws(), (s.draw,))
					.await?
					.and_then(|d| d.completed_at);
				match (seating_start, completed) {
					(Some(start), Some(done)) => {
						let ends = start.max(done) + window;
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
		println!(
			"    seat {i}: entry {} (speciality {}, draw {}) — {state}",
			s.entry, s.speciality, s.draw
		);
	}

	// The evaluations and what they decided.
	let t = try_read(at, storage.tendering().tenders(), (tender,)).await?;
	let evaluations = read(at, storage.tendering().evaluations(), (tender,)).await?.0;
	let members = members_expected(&seats);
	let published = try_read(at, storage.tendering().awards(), (tender,)).await?;
	if evaluations.is_empty() && published.is_none() {
		if seats.iter().all(|s| matches!(s.state, SeatState::Seated(_) | SeatState::Replaced(_))) {
			println!("  evaluations:   none yet (every seat is taken: the members may evaluate)");
		} else {
			println!("  evaluations:   none yet (evaluation begins when every seat is taken)");
		}
	} else {
		println!("  evaluations:   {} of {members} members submitted", evaluations.len());
	}
	for e in &evaluations {
		println!(
			"    {}: {} (score sheet 0x{}, {})",
			e.expert,
			ranking_text(&e.ranking.0),
			hex::encode(e.score_sheet.0),
			time::show(e.at)
		);
	}
	match (&published, t.as_ref().map(|t| &t.state)) {
		(Some(award), _) => {
			println!("  majority ranking (published): {}", ranking_text(&award.ranking.0));
			let dissents = read(at, storage.tendering().dissents(), (tender,)).await?.0;
			for d in dissents {
				println!(
					"    dissent (持有异议): {} ranked {} (score sheet 0x{}: the written reasons)",
					d.expert,
					ranking_text(&d.ranking.0),
					hex::encode(d.score_sheet.0)
				);
			}
		},
		(None, Some(TenderState::NoMajority)) => println!(
			"  NO MAJORITY: every member evaluated and no ranking has a majority; a supervisor \
			 orders a re-evaluation (`tender reevaluate {tender} --reason <file>`)"
		),
		(None, _) if !evaluations.is_empty() => println!(
			"  no result yet: a ranking is published once more than half of the {members} \
			 members ({}) submit it",
			members / 2 + 1
		),
		_ => {},
	}
	Ok(())
}

/// Prints, for the cities in `cities`, how often each let its contribution window pass on a
/// draw that completed without it, and how often it contributed late.
pub async fn contribution_record(at: &At, cities: &[Vec<u8>]) -> Result<()> {
	let storage = tenderchain::storage();
	for city in cities {
		let code = || {
			tenderchain::runtime_types::bounded_collections::bounded_vec::BoundedVec(city.clone())
		};
		let withheld = read(at, storage.expert_draw().withheld_contributions(), (code(),)).await?;
		let late = read(at, storage.expert_draw().late_contributions(), (code(),)).await?;
		if withheld > 0 || late > 0 {
			println!(
				"  {}'s record: withheld {withheld} contribution(s), contributed late {late} \
				 time(s), over all draws",
				text(city)
			);
		}
	}
	Ok(())
}
