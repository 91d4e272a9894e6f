//! A tender's whole life on the four-city network, all through the client: sealed bids before
//! the deadline, a late bid refused, reveals with one mismatch voided, identical files flagged
//! as collusion, opening, a remote draw of the evaluation committee contributed by two other
//! cities and verified by `tender draw verify`, a drawn expert taking the seat, and the award
//! recorded by that expert through its complaint period.

use std::{fs, time::Duration};

use anyhow::{ensure, Context, Result};
use tenderchain_e2e::{
	account_of, parse_shown_time, unix_now_ms, utc_rfc3339, Backend, DevCa, Network,
};

const MINUTE: Duration = Duration::from_secs(60);

#[test]
fn a_tender_from_sealed_bids_to_award() -> Result<()> {
	let net = Network::start(Backend::Libp2p)?;
	net.wait_all("every node has finalized block #1", 2 * MINUTE, |n| Ok(n.finalized()? >= 1))?;

	// Participants certified by the two CAs of the consortium.
	net.certify("//Tenderer", DevCa::Lanzhou, 1, "tenderer", "LZ")?;
	let bidders = ["//Bidder1", "//Bidder2", "//Bidder3"];
	let mut accounts = Vec::new();
	for (i, b) in bidders.iter().enumerate() {
		accounts.push(net.certify(b, DevCa::Baiyin, 10 + i as u64, "bidder", "BY")?);
	}
	net.certify("//Latecomer", DevCa::Baiyin, 20, "bidder", "BY")?;

	// The expert pool, kept by //Ferdie (the local network's pool administrator). For a remote
	// draw of a Baiyin tender whose tenderer is from Lanzhou, entries 0-2 are eligible; entry 3
	// works in Lanzhou and entry 4 for bidder 1: both must be avoided.
	let experts = [
		("JQ", "USCC-employer-a"),
		("TS", "USCC-employer-b"),
		("JQ", "USCC-employer-c"),
		("LZ", "USCC-employer-d"),
		("TS", "USCC-//Bidder1"),
	];
	let salt = |i: usize| format!("{:02x}", 0x50 + i).repeat(32);
	for (i, (city, employer)) in experts.iter().enumerate() {
		let account = account_of(&format!("//Expert{i}"))?;
		let added = net
			.tender_at(
				i % 4,
				Some("//Ferdie"),
				&[
					"expert",
					"pool-add",
					&account,
					"--speciality",
					"101",
					"--city",
					city,
					"--employer",
					employer,
					"--remote",
					"--salt",
					&salt(i),
				],
			)?
			.expect_ok("expert pool-add")?;
		ensure!(added.out.contains(&format!("pool entry {i} added")), "{}", added.out);
	}
	net.tender_at(
		1,
		Some("//Alice"),
		&[
			"expert",
			"pool-add",
			&accounts[0],
			"--speciality",
			"101",
			"--city",
			"JQ",
			"--employer",
			"x",
		],
	)?
	.expect_refused("a trading centre adding to the pool", "NotThePoolAdministrator")?;

	// The tender, hosted by Baiyin: deadline in 90 s, reveals for one minute, 2 valid bids needed.
	let docs = net.file("docs.pdf", b"ring road tender documents")?;
	let deadline_ms = (unix_now_ms() / 1000 + 90) * 1000;
	let reveals_end_ms = deadline_ms + 60_000;
	let deadline = utc_rfc3339(deadline_ms / 1000);
	let created = net
		.tender_at(
			0,
			Some("//Tenderer"),
			&[
				"create",
				"--title",
				"Baiyin ring road",
				"--city",
				"BY",
				"--documents",
				docs.to_str().expect("utf-8"),
				"--deadline",
				&deadline,
				"--reveal-minutes",
				"1",
				"--min-valid-bids",
				"2",
			],
		)?
		.expect_ok("tender create")?;
	ensure!(created.out.contains("tender 0 created"), "{}", created.out);

	// 1. Three certified bidders commit. Bidders 1 and 2 hold the very same file.
	let same = net.file("bid-a.pdf", b"our technical and price offer")?;
	let same_copy = net.file("bid-a-copy.pdf", b"our technical and price offer")?;
	let other = net.file("bid-c.pdf", b"a different offer")?;
	let files = [&same, &same_copy, &other];
	for (i, b) in bidders.iter().enumerate() {
		let fp = format!("machine-{i}");
		net.tender_at(
			i % 4,
			Some(b),
			&["bid", "commit", "0", files[i].to_str().expect("utf-8"), "--fingerprint", &fp],
		)?
		.expect_ok("bid commit")?;
	}
	let shown = net.tender_at(1, None, &["show", "0"])?.expect_ok("tender show")?;
	ensure!(shown.out.contains("bids:          3"), "{}", shown.out);

	// 2. After the deadline, a fourth bidder is refused by the client, which says why.
	net.wait_chain_time_past(0, "the bid deadline", deadline_ms)?;
	let late = net.file("late.pdf", b"too late")?;
	net.tender_at(
		0,
		Some("//Latecomer"),
		&["bid", "commit", "0", late.to_str().expect("utf-8"), "--fingerprint", "late"],
	)?
	.expect_refused("a bid after the deadline", "passed")?;

	// 3. Reveals. Bidder 3's receipt was tampered with: its reveal mismatches and voids its bid.
	let receipt3 = other.with_file_name("bid-c.pdf.tender-0.receipt.json");
	let text = fs::read_to_string(&receipt3).context("bidder 3's receipt")?;
	let mut json: serde_json::Value = serde_json::from_str(&text)?;
	json["file_hash"] = serde_json::Value::String(format!("0x{}", "11".repeat(32)));
	fs::write(&receipt3, serde_json::to_string_pretty(&json)?)?;
	let receipts = [
		same.with_file_name("bid-a.pdf.tender-0.receipt.json"),
		same_copy.with_file_name("bid-a-copy.pdf.tender-0.receipt.json"),
		receipt3,
	];
	let mut outputs = String::new();
	for (i, b) in bidders.iter().enumerate() {
		let out = net
			.tender_at(i % 4, Some(b), &["bid", "reveal", receipts[i].to_str().expect("utf-8")])?
			.expect_ok("bid reveal")?;
		outputs.push_str(&out.out);
	}
	ensure!(outputs.contains("VOID: RevealMismatch"), "mismatch not voided:\n{outputs}");

	// 4. Identical files of bidders 1 and 2 raised the collusion flag.
	ensure!(
		outputs.contains("collusion suspected (IdenticalFile)"),
		"no collusion flag:\n{outputs}"
	);
	let shown = net.tender_at(2, None, &["show", "0"])?.expect_ok("tender show")?;
	ensure!(shown.out.contains("COLLUSION SUSPECTED (IdenticalFile)"), "{}", shown.out);

	// Opening after the reveal window, by Baiyin's trading centre (//Alice).
	net.wait_chain_time_past(0, "the end of the reveal window", reveals_end_ms)?;
	let opened = net.tender_at(0, Some("//Alice"), &["open", "0"])?.expect_ok("tender open")?;
	ensure!(opened.out.contains("2 valid, 1 void"), "{}", opened.out);

	// 5. The evaluation committee: a remote draw of two experts, requested by Baiyin, contributed
	// by the two other cities the rotation asks, replayed by the client's own implementation.
	let requested = net
		.tender_at(
			0,
			Some("//Alice"),
			&["draw", "request", "0", "--mode", "remote", "--need", "101:2"],
		)?
		.expect_ok("draw request")?;
	ensure!(
		requested.out.contains("draw 0 requested for tender 0")
			&& requested.out.contains("eligible [3]"),
		"{}",
		requested.out
	);
	let asked =
		requested.out.rsplit(" by ").next().context("no contributors named")?.trim().to_string();
	let centre_of = |city: &str| match city {
		"BY" => "//Alice",
		"LZ" => "//Bob",
		"TS" => "//Charlie",
		_ => "//Dave",
	};
	let asked: Vec<&str> = asked.split(" and ").collect();
	ensure!(asked.len() == 2 && !asked.contains(&"BY"), "contributors: {asked:?}");
	net.tender_at(0, Some("//Alice"), &["draw", "contribute", "0"])?
		.expect_refused("the requesting city contributing", "RequesterCannotContribute")?;
	let first = net
		.tender_at(1, Some(centre_of(asked[0])), &["draw", "contribute", "0"])?
		.expect_ok("first contribution")?;
	ensure!(!first.out.contains("complete"), "one city completed the draw alone:\n{}", first.out);
	let second = net
		.tender_at(2, Some(centre_of(asked[1])), &["draw", "contribute", "0"])?
		.expect_ok("second contribution")?;
	ensure!(second.out.contains("draw 0 complete"), "{}", second.out);
	let verified = net.tender_at(3, None, &["draw", "verify", "0"])?.expect_ok("draw verify")?;
	ensure!(verified.out.contains("draw 0: verified"), "{}", verified.out);
	let shown = net.tender_at(1, None, &["draw", "show", "0"])?.expect_ok("draw show")?;
	let drawn: Vec<usize> = shown
		.out
		.lines()
		.filter_map(|l| {
			l.trim().strip_prefix("seat ")?.split("entry ").nth(1)?.split(' ').next()?.parse().ok()
		})
		.collect();
	ensure!(
		drawn.len() == 2 && drawn.iter().all(|e| *e <= 2),
		"drawn entries {drawn:?} (only 0-2 are eligible):\n{}",
		shown.out
	);

	// The first drawn expert, certified, proves the entry and takes the seat.
	let e = drawn[0];
	let expert = format!("//Expert{e}");
	net.certify(&expert, DevCa::Lanzhou, 30 + e as u64, "expert", experts[e].0)?;
	let seated = net
		.tender_at(2, Some(&expert), &["expert", "take-seat", "0", "--salt", &salt(e)])?
		.expect_ok("take-seat")?;
	ensure!(
		seated.out.contains("sits on tender 0's evaluation committee, seat 0"),
		"{}",
		seated.out
	);

	// 6. The award, recorded by the seated expert (the trading centre may not), goes through its
	// complaint period.
	let report = net.file("evaluation-report.pdf", b"the committee's report")?;
	net.tender_at(
		0,
		Some("//Alice"),
		&[
			"award",
			"record",
			"0",
			"--report",
			report.to_str().expect("utf-8"),
			"--winner",
			&accounts[0],
		],
	)?
	.expect_refused("the trading centre recording the evaluation", "NotAnEvaluator")?;
	let recorded = net
		.tender_at(
			0,
			Some(&expert),
			&[
				"award",
				"record",
				"0",
				"--report",
				report.to_str().expect("utf-8"),
				"--winner",
				&accounts[0],
			],
		)?
		.expect_ok("award record")?;
	let complaints_until = recorded
		.out
		.split("published until ")
		.nth(1)
		.and_then(|rest| rest.split(" (block").next())
		.with_context(|| format!("no end of the complaint period in:\n{}", recorded.out))?;
	let complaints_end_s = parse_shown_time(complaints_until)?;
	net.tender_at(1, Some("//Bidder2"), &["award", "finalize", "0"])?
		.expect_refused("finalizing during the complaint period", "ComplaintPeriodRunning")?;
	// The end is shown to the second: wait until the chain's time is past the whole second.
	net.wait_chain_time_past(0, "the end of the complaint period", complaints_end_s * 1000 + 999)?;
	let awarded = net
		.tender_at(1, Some("//Bidder2"), &["award", "finalize", "0"])?
		.expect_ok("award finalize")?;
	ensure!(awarded.out.contains(&format!("awarded to {}", accounts[0])), "{}", awarded.out);
	let shown = net.tender_at(3, None, &["show", "0"])?.expect_ok("tender show")?;
	ensure!(shown.out.contains("state:         awarded"), "{}", shown.out);
	net.passed()
}
