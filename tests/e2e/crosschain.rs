//! Two provinces on loopback, three validators each (Gansu's `local` chain runs with Baiyin,
//! Lanzhou and Tianshui — three of four finalize — and the `shaanxi` chain with Xi'an, Baoji
//! and Xianyang), driven by the client (issue 16, item 6). One scenario on one pair of
//! networks:
//!
//! - Shaanxi's council (two of three) sets Gansu up in bridge slot 0 (`tender peer-propose`:
//!   the peer's registration and the bridge's initialisation, enacted as Root) and recognises
//!   Gansu's Baiyin CA (`tender peer-ca`);
//! - a forged finality proof submitted by hand (a header of another chain, justified by
//!   authorities the bridge does not know) is refused by the bridge;
//! - a Gansu supervisor bars a company; Baiyin's trading centre notarizes a file; a bidder is
//!   certified in Gansu only. `tender relay --once` carries Gansu's finality and the proofs;
//!   in a Shaanxi tender the barred company's bid is refused with `BarredInPeerProvince`, the
//!   Gansu-certified bidder's bid is accepted without registering in Shaanxi, and
//!   `tender verify --peer Gansu` verifies the Gansu file on Shaanxi's chain (through the
//!   embedded light client of Shaanxi: trusting no node);
//! - a relayer runs in the background and is killed (SIGKILL). Meanwhile Gansu revokes the
//!   bidder's certificate and removes Jiuquan's city from its validators (a GRANDPA
//!   authority-set change). The relayer started again resumes from the bridge's best header,
//!   carries the mandatory set-change header and the revocation: nothing is lost, and the
//!   bidder is refused in Shaanxi;
//! - a relayer follows Gansu while Gansu's council lifts the company's bar: the lift is carried
//!   and the company bids in Shaanxi again; the relayer's lag is written down.

use std::{fs, time::Duration};

use anyhow::{ensure, Context, Result};
use serde_json::{json, Value};
use tenderchain_e2e::{
	binary, bound_to_test, credit_code, in_seconds, wait_until, Backend, DevCa, Network,
};

const MINUTE: Duration = Duration::from_secs(60);

/// The number after `motion ` in the output of a proposal.
fn motions(out: &str) -> Vec<String> {
	out.lines()
		.filter_map(|l| l.trim().strip_prefix("motion "))
		.filter_map(|rest| rest.split_whitespace().next().map(str::to_string))
		.collect()
}

/// The block number after `bridge at #` in `tender peer-show`.
fn bridge_best(shown: &str) -> Result<u64> {
	shown
		.split("bridge at #")
		.nth(1)
		.and_then(|rest| rest.split_whitespace().next())
		.and_then(|n| n.parse().ok())
		.with_context(|| format!("no bridge header in:\n{shown}"))
}

/// The GRANDPA authority set id node `i` of `net` votes in.
fn set_id(net: &Network, i: usize) -> Result<u64> {
	net.nodes[i].rpc("grandpa_roundState", json!([]))?["setId"]
		.as_u64()
		.context("no setId in grandpa_roundState")
}

/// A raw chain spec of `chain` whose boot node is node `public` of `net` (a full node on the
/// allow-list: validators accept only each other), for the light client.
fn light_client_spec(net: &Network, chain: &str, public: usize) -> Result<std::path::PathBuf> {
	let out = bound_to_test(&mut std::process::Command::new(binary("tenderchain-node")))
		.args(["build-spec", "--chain", chain, "--raw"])
		.output()?;
	ensure!(out.status.success(), "build-spec failed: {}", String::from_utf8_lossy(&out.stderr));
	let mut spec: Value =
		serde_json::from_slice(&out.stdout).context("build-spec printed no JSON")?;
	spec["bootNodes"] = Value::Array(vec![Value::String(net.nodes[public].multiaddr())]);
	let path = net.dir.join(format!("{chain}-light-client-spec.json"));
	fs::write(&path, serde_json::to_vec_pretty(&spec)?)?;
	Ok(path)
}

#[test]
fn gansu_records_are_recognised_and_enforced_in_shaanxi() -> Result<()> {
	let gansu = Network::start_chain(
		Backend::Libp2p,
		"local",
		&[("Baiyin", "//Alice", 1), ("Lanzhou", "//Bob", 2), ("Tianshui", "//Charlie", 3)],
	)?;
	let mut shaanxi = Network::start_chain(
		Backend::Libp2p,
		"shaanxi",
		&[("Xian", "//Eve", 6), ("Baoji", "//One", 7), ("Xianyang", "//Two", 8)],
	)?;
	gansu.wait_all("Gansu finalizes block #1", 3 * MINUTE, |n| Ok(n.finalized()? >= 1))?;
	shaanxi.wait_all("Shaanxi finalizes block #1", 3 * MINUTE, |n| Ok(n.finalized()? >= 1))?;
	// Xi'an's public full node (node key 9, on Shaanxi's allow-list), for the light client.
	let public = shaanxi.add_node("XianPublic", 9, false)?;

	// The company, certified in both provinces under its one credit code; a bidder certified
	// in Gansu only (Baiyin's CA, id 1 there); a Gansu supervisor; a Shaanxi tenderer and a
	// relayer.
	let code = credit_code("//Company");
	let in_gansu = gansu.certify("//Company", DevCa::Baiyin, 1, "bidder", "BY")?;
	shaanxi.certify("//Company", DevCa::Xian, 1, "bidder", "XA")?;
	let roadworks = gansu.certify("//Roadworks", DevCa::Baiyin, 3, "bidder", "BY")?;
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
	// Baiyin's trading centre notarizes an award notice.
	let notice = gansu.file("award-notice.pdf", b"Lanzhou ring road: award notice")?;
	gansu
		.tender_at(
			0,
			Some("//Alice"),
			&["notarize", notice.to_str().expect("utf-8"), "--type", "award-notice"],
		)?
		.expect_ok("tender notarize in Gansu")?;
	// Shaanxi's copy of the file, with its proof bundle, as an auditor there receives it.
	let copy = shaanxi.file("award-notice.pdf", b"Lanzhou ring road: award notice")?;
	fs::copy(
		gansu.dir.join("award-notice.pdf.tender-proof.json"),
		shaanxi.dir.join("award-notice.pdf.tender-proof.json"),
	)?;

	// Shaanxi's council sets Gansu up in slot 0 and recognises Baiyin's CA: three motions,
	// Xi'an's aye with them, Baoji's.
	let gansu_url = gansu.nodes[0].ws_url();
	let proposed = shaanxi
		.tender_at(
			0,
			Some("//Eve"),
			&["peer-propose", "--from", &gansu_url, "--slot", "0", "--name", "Gansu"],
		)?
		.expect_ok("peer-propose")?;
	let mut numbers = motions(&proposed.out);
	ensure!(numbers.len() == 2, "two motions expected: {}", proposed.out);
	let ca = shaanxi
		.tender_at(0, Some("//Eve"), &["peer-ca", "--slot", "0", "--authority", "1"])?
		.expect_ok("peer-ca")?;
	numbers.extend(motions(&ca.out));
	ensure!(numbers.len() == 3, "a third motion expected: {}", ca.out);
	for m in &numbers {
		shaanxi
			.tender_at(1, Some("//One"), &["consortium", "vote", m, "--aye"])?
			.expect_ok("vote")?;
		shaanxi.tender_at(0, Some("//Eve"), &["consortium", "close", m])?.expect_ok("close")?;
	}
	let peers = shaanxi.tender_at(0, None, &["peer-show"])?.expect_ok("peer-show")?;
	ensure!(peers.out.contains("slot 0: Gansu"), "{}", peers.out);
	let initial = bridge_best(&peers.out)?;

	// A forged finality proof by hand: a Shaanxi header, justified by Shaanxi's validators,
	// offered to the bridge that follows Gansu. The bridge refuses it; its header stays.
	let forged = initial + 1;
	shaanxi.wait_all("Shaanxi finalizes past the bridge's header", 2 * MINUTE, |n| {
		Ok(n.finalized()? >= forged)
	})?;
	let own_url = shaanxi.nodes[0].ws_url();
	shaanxi
		.tender_at(0, Some("//Relayer"), &["peer-import", "--from", &own_url, "--slot", "0"])?
		.expect_refused("a forged finality proof", "InvalidJustification")?;
	let peers = shaanxi.tender_at(0, None, &["peer-show"])?.expect_ok("peer-show")?;
	ensure!(bridge_best(&peers.out)? == initial, "a forged header was imported:\n{}", peers.out);

	// The relayer carries Gansu's finality, the bar, the bidder's certificate and the file.
	let relayed = shaanxi
		.tender_at(
			0,
			Some("//Relayer"),
			&[
				"relay",
				"--from",
				&gansu_url,
				"--slot",
				"0",
				"--bar",
				&code,
				"--certificate",
				&roadworks,
				"--document",
				copy.to_str().expect("utf-8"),
				"--once",
			],
		)?
		.expect_ok("relay --once")?;
	for expected in [
		"recognised the peer's Bidding bar",
		"recognised the peer's certificate of",
		"recognised the peer's document",
	] {
		ensure!(relayed.out.contains(expected), "no '{expected}' in:\n{}", relayed.out);
	}

	// A Shaanxi tender; the barred company's bid is refused, naming the peer province's bar;
	// the Gansu-certified bidder's is accepted.
	let docs = shaanxi.file("docs.pdf", b"Xi'an metro tender documents")?;
	let create = |title: &str| {
		shaanxi.tender_at(
			0,
			Some("//Tenderer"),
			&[
				"create",
				"--title",
				title,
				"--city",
				"XA",
				"--documents",
				docs.to_str().expect("utf-8"),
				"--deadline",
				&in_seconds(900),
				"--min-valid-bids",
				"1",
			],
		)
	};
	let created = create("Xi'an metro line 9")?.expect_ok("tender create")?;
	ensure!(created.out.contains("tender 0 created"), "{}", created.out);
	let commit = |seed: &str, tender: &str, offer: &[u8]| -> Result<_> {
		let name = seed.trim_start_matches("//").to_lowercase();
		let bid = shaanxi.file(&format!("bid-{name}-{tender}.pdf"), offer)?;
		let machine = shaanxi
			.file(&format!("machine-{name}.txt"), format!("machine-id={name}\n").as_bytes())?;
		shaanxi.tender_at(
			0,
			Some(seed),
			&[
				"bid",
				"commit",
				tender,
				bid.to_str().expect("utf-8"),
				"--price",
				"1200000",
				"--duration-days",
				"90",
				"--fingerprint-source",
				machine.to_str().expect("utf-8"),
			],
		)
	};
	commit("//Company", "0", b"our offer")?
		.expect_refused("a bid of a company barred in Gansu", "BarredInPeerProvince")?;
	commit("//Roadworks", "0", b"Gansu road works' offer")?
		.expect_ok("a bid of a bidder certified in Gansu only")?;

	// An auditor in Shaanxi verifies the Gansu file on Shaanxi's chain, with the light client
	// connected to Xi'an's public full node.
	let head = shaanxi.nodes[0].finalized()?;
	shaanxi.wait_all("Xi'an's public node syncs", 2 * MINUTE, |n| Ok(n.finalized()? >= head))?;
	let spec = light_client_spec(&shaanxi, "shaanxi", public)?;
	let verified = shaanxi
		.tender_at(
			0,
			None,
			&[
				"verify",
				"--peer",
				"Gansu",
				"--chain-spec",
				spec.to_str().expect("utf-8"),
				copy.to_str().expect("utf-8"),
			],
		)?
		.expect_ok("tender verify --peer Gansu")?;
	ensure!(
		verified.out.contains("VERIFIED") && verified.out.contains("a document of Gansu"),
		"{}",
		verified.out
	);
	// The same file claimed as a record of a Gansu tender it was not filed under: refused.
	shaanxi
		.tender_at(
			0,
			None,
			&[
				"verify",
				"--peer",
				"Gansu",
				"--rpc",
				&shaanxi.nodes[0].ws_url(),
				"--tender",
				"5",
				copy.to_str().expect("utf-8"),
			],
		)?
		.expect_refused("a Gansu document under another tender", "not of its tender 5")?;

	// A relayer in the background, killed after it imported a header.
	let relay_args =
		["relay", "--from", &gansu_url, "--slot", "0", "--bar", &code, "--certificate", &roadworks];
	let background = shaanxi.spawn_tender_at(0, Some("//Relayer"), &relay_args, "relay-1.log")?;
	wait_until("the background relayer imports a header", 2 * MINUTE, || {
		Ok(background.output().contains("imported peer #"))
	})?;
	background.kill();

	// While no relayer runs: Baiyin's CA revokes the bidder's certificate, and Gansu's council
	// removes Jiuquan (whose validator never ran) from the validators, three of four.
	gansu
		.tender_at(
			0,
			None,
			&[
				"ca",
				"revoke",
				"--ca-key",
				DevCa::Baiyin.key_file().to_str().expect("utf-8"),
				"--authority",
				"1",
				"--serial",
				"3",
			],
		)?
		.expect_ok("tender ca revoke in Gansu")?;
	let removal = gansu
		.tender_at(0, Some("//Alice"), &["consortium", "propose-remove", "--city", "JQ"])?
		.expect_ok("propose-remove Jiuquan")?;
	let motion = motions(&removal.out).into_iter().next().context("no motion number")?;
	for (i, seed) in [(1, "//Bob"), (2, "//Charlie")] {
		gansu
			.tender_at(i, Some(seed), &["consortium", "vote", &motion, "--aye"])?
			.expect_ok("vote")?;
	}
	gansu.tender_at(0, Some("//Alice"), &["consortium", "close", &motion])?.expect_ok("close")?;
	gansu.wait_all("Gansu's GRANDPA set changes", 3 * MINUTE, |_| Ok(set_id(&gansu, 0)? >= 1))?;
	let f = gansu.min_finalized()?;
	gansu.wait_all("Gansu finalizes with the new set", 2 * MINUTE, |n| {
		Ok(n.finalized()? >= f + 2)
	})?;

	// The relayer again: it resumes, carries the set change first, then the revocation.
	let resumed = shaanxi
		.tender_at(0, Some("//Relayer"), &[&relay_args[..], &["--once"]].concat())?
		.expect_ok("relay --once after the restart")?;
	for expected in
		["(authority-set change)", "recognised the revocation of the peer's certificate"]
	{
		ensure!(resumed.out.contains(expected), "no '{expected}' in:\n{}", resumed.out);
	}
	let peers = shaanxi.tender_at(0, None, &["peer-show"])?.expect_ok("peer-show")?;
	ensure!(peers.out.contains("authority set 1"), "the bridge did not follow:\n{}", peers.out);

	// The revoked bidder is refused in Shaanxi.
	create("Xi'an metro line 10")?.expect_ok("second tender")?;
	commit("//Roadworks", "1", b"Gansu road works' second offer")?
		.expect_refused("a bid of a bidder whose Gansu certificate was revoked", "revoked")?;

	// Steady state: a relayer follows Gansu; Gansu's council lifts the company's bar; the
	// relayer carries the lift, and the company bids in Shaanxi again. The relayer's lag
	// (from each record's finality in Gansu to its recognition final in Shaanxi) is written
	// to target/benchmarks/crosschain-lag.txt for scripts/bench-crosschain.sh.
	let follower = shaanxi.spawn_tender_at(0, Some("//Relayer"), &relay_args, "relay-2.log")?;
	let decision = gansu.file("lift-decision.pdf", b"the council lifts the bar on appeal")?;
	let lift = gansu
		.tender_at(
			0,
			Some("//Alice"),
			&[
				"credit",
				"lift",
				"--subject",
				&in_gansu,
				"--bar",
				"bidding",
				"--evidence",
				decision.to_str().expect("utf-8"),
			],
		)?
		.expect_ok("propose lifting the bar")?;
	let motion = motions(&lift.out).into_iter().next().context("no motion number")?;
	gansu
		.tender_at(1, Some("//Bob"), &["consortium", "vote", &motion, "--aye"])?
		.expect_ok("vote")?;
	gansu.tender_at(0, Some("//Alice"), &["consortium", "close", &motion])?.expect_ok("close")?;
	wait_until("the relayer carries the lift", 3 * MINUTE, || {
		Ok(follower.output().contains("recognised the lift of the peer's Bidding bar"))
	})?;
	commit("//Company", "1", b"our offer, the bar lifted")?
		.expect_ok("a bid of the company once Gansu lifted its bar")?;
	let log = follower.output();
	follower.kill();
	let lags: Vec<&str> = log.lines().filter(|l| l.contains(" s after")).collect();
	ensure!(!lags.is_empty(), "the relayer printed no lag:\n{log}");
	let benchmarks = tenderchain_e2e::repo_root().join("target/benchmarks");
	fs::create_dir_all(&benchmarks)?;
	fs::write(
		benchmarks.join("crosschain-lag.txt"),
		format!(
			"measured by tests/e2e/crosschain.rs (two provinces of 3 validators on this machine; \
			 a relayer following Gansu while its council lifts a bar):\n{}\n",
			lags.join("\n")
		),
	)?;
	gansu.passed()?;
	shaanxi.passed()
}
