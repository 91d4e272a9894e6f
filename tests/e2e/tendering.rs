//! A tender's whole life on the four-city network, all through the client: sealed bids before
//! the deadline, a late bid refused, reveals with one mismatch voided, identical files flagged
//! as collusion, opening, and an award through its complaint period.

use std::{fs, thread::sleep, time::{Duration, Instant}};

use anyhow::{ensure, Context, Result};
use tenderchain_e2e::{in_seconds, Backend, DevCa, Network};

const MINUTE: Duration = Duration::from_secs(60);

/// Sleeps until `deadline` (an RFC 3339 time made by `in_seconds`) has passed by `extra`.
fn sleep_past(started: Instant, secs_from_start: u64, extra: u64) {
	let target = Duration::from_secs(secs_from_start + extra);
	if let Some(left) = target.checked_sub(started.elapsed()) {
		sleep(left);
	}
}

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

	// The tender, hosted by Baiyin: deadline in 90 s, reveals for one minute, 2 valid bids needed.
	let docs = net.file("docs.pdf", b"ring road tender documents")?;
	let started = Instant::now();
	let deadline = in_seconds(90);
	let created = net
		.tender_at(0, Some("//Tenderer"), &[
			"create", "--title", "Baiyin ring road", "--city", "BY", "--documents", docs.to_str().expect("utf-8"),
			"--deadline", &deadline, "--reveal-minutes", "1", "--min-valid-bids", "2",
		])?
		.expect_ok("tender create")?;
	ensure!(created.out.contains("tender 0 created"), "{}", created.out);

	// 1. Three certified bidders commit. Bidders 1 and 2 hold the very same file.
	let same = net.file("bid-a.pdf", b"our technical and price offer")?;
	let same_copy = net.file("bid-a-copy.pdf", b"our technical and price offer")?;
	let other = net.file("bid-c.pdf", b"a different offer")?;
	let files = [&same, &same_copy, &other];
	for (i, b) in bidders.iter().enumerate() {
		let fp = format!("machine-{i}");
		net.tender_at(i % 4, Some(b), &["bid", "commit", "0", files[i].to_str().expect("utf-8"), "--fingerprint", &fp])?
			.expect_ok("bid commit")?;
	}
	let shown = net.tender_at(1, None, &["show", "0"])?.expect_ok("tender show")?;
	ensure!(shown.out.contains("bids:          3"), "{}", shown.out);

	// 2. After the deadline, a fourth bidder is refused by the client, which says why.
	sleep_past(started, 90, 2);
	let late = net.file("late.pdf", b"too late")?;
	net.tender_at(0, Some("//Latecomer"), &["bid", "commit", "0", late.to_str().expect("utf-8"), "--fingerprint", "late"])?
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
		let out = net.tender_at(i % 4, Some(b), &["bid", "reveal", receipts[i].to_str().expect("utf-8")])?.expect_ok("bid reveal")?;
		outputs.push_str(&out.out);
	}
	ensure!(outputs.contains("VOID: RevealMismatch"), "mismatch not voided:\n{outputs}");

	// 4. Identical files of bidders 1 and 2 raised the collusion flag.
	ensure!(outputs.contains("collusion suspected (IdenticalFile)"), "no collusion flag:\n{outputs}");
	let shown = net.tender_at(2, None, &["show", "0"])?.expect_ok("tender show")?;
	ensure!(shown.out.contains("COLLUSION SUSPECTED (IdenticalFile)"), "{}", shown.out);

	// Opening after the reveal window, by Baiyin's trading centre (//Alice).
	sleep_past(started, 90 + 60, 2);
	let opened = net.tender_at(0, Some("//Alice"), &["open", "0"])?.expect_ok("tender open")?;
	ensure!(opened.out.contains("2 valid, 1 void"), "{}", opened.out);

	// 5. The award goes through its complaint period.
	let report = net.file("evaluation-report.pdf", b"the committee's report")?;
	net.tender_at(0, Some("//Alice"), &["award", "record", "0", "--report", report.to_str().expect("utf-8"), "--winner", &accounts[0]])?
		.expect_ok("award record")?;
	net.tender_at(1, Some("//Bidder2"), &["award", "finalize", "0"])?
		.expect_refused("finalizing during the complaint period", "ComplaintPeriodRunning")?;
	sleep(Duration::from_secs(62));
	let awarded = net.tender_at(1, Some("//Bidder2"), &["award", "finalize", "0"])?.expect_ok("award finalize")?;
	ensure!(awarded.out.contains(&format!("awarded to {}", accounts[0])), "{}", awarded.out);
	let shown = net.tender_at(3, None, &["show", "0"])?.expect_ok("tender show")?;
	ensure!(shown.out.contains("state:         awarded"), "{}", shown.out);
	Ok(())
}
