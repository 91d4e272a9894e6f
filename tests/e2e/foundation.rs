//! The foundation on real nodes: four city validators produce and finalize blocks, survive a
//! crash, stall finality safely without a two-thirds majority, and answer `tender status`; the
//! load generator (`tender load prepare` and `run`, the short form of
//! `scripts/bench-throughput.sh`) measures them.

use std::{thread::sleep, time::Duration};

use anyhow::{ensure, Context, Result};
use tenderchain_e2e::{Backend, DevCa, Network, TestDir};

const MINUTE: Duration = Duration::from_secs(60);

#[test]
fn four_validators_produce_and_finalize_blocks() -> Result<()> {
	let net = Network::start(Backend::Libp2p)?;
	net.wait_all("every node has finalized block #3", 2 * MINUTE, |n| Ok(n.finalized()? >= 3))?;
	for node in &net.nodes {
		ensure!(node.best()? >= node.finalized()?, "{}: best below finalized", node.city);
		let peers = node.rpc("system_health", serde_json::json!([]))?["peers"].as_u64();
		ensure!(peers == Some(3), "{} sees {peers:?} peers, expected 3", node.city);
	}
	let agreed = net.assert_finality_agrees()?;
	ensure!(agreed >= 3, "only {agreed} blocks finalized by all");

	// The short form of scripts/bench-throughput.sh: 16 certified bidders and 3 tenders, then
	// 40 commitments at 8 per second over the four validators, followed on Baiyin's node.
	let plan = net.dir.join("load-plan.json");
	let report = net.dir.join("load-report.json");
	let png = net.dir.join("load.png");
	let ca = DevCa::Baiyin;
	net.tender_at(
		0,
		None,
		&[
			"load",
			"prepare",
			"--bidders",
			"16",
			"--tenders",
			"3",
			"--ca-key",
			ca.key_file().to_str().expect("utf-8 path"),
			"--authority",
			&ca.id().to_string(),
			"--out",
			plan.to_str().expect("utf-8 path"),
		],
	)?
	.expect_ok("tender load prepare")?;
	let urls: Vec<String> = net.nodes.iter().map(|n| n.ws_url()).collect();
	let mut run = vec!["load", "run", "--kind", "commit", "--rate", "8", "--duration", "5"];
	for url in &urls {
		run.extend(["--submit", url.as_str()]);
	}
	let process = format!("baiyin={}", net.nodes[0].pid());
	run.extend(["--process", &process, "--drain", "90"]);
	run.extend(["--plan", plan.to_str().expect("utf-8 path")]);
	run.extend(["--out", report.to_str().expect("utf-8 path")]);
	run.extend(["--plot", png.to_str().expect("utf-8 path")]);
	net.tender_at(0, None, &run)?.expect_ok("tender load run")?;
	let r: serde_json::Value =
		serde_json::from_str(&std::fs::read_to_string(&report).context("the load report")?)?;
	ensure!(r["submitted"] == 40 && r["accepted"] == 40, "not all 40 accepted: {r}");
	ensure!(r["finalized"] == 40, "not all 40 commitments finalized: {}", r["finalized"]);
	let p50 = r["latency_ms"]["submit_to_finalized"]["p50"].as_u64().unwrap_or(0);
	ensure!(p50 > 0, "no finality latency measured: {}", r["latency_ms"]);
	let carried: u64 = r["blocks"]["by_author"]
		.as_object()
		.map(|m| m.values().filter_map(|a| a["transactions"].as_u64()).sum())
		.unwrap_or(0);
	ensure!(carried == 40, "the blocks by author carry {carried} of the 40: {}", r["blocks"]);
	ensure!(
		r["processes"]["baiyin"]["rss_peak_mib"].as_u64().unwrap_or(0) > 0,
		"Baiyin's node was not sampled: {}",
		r["processes"]
	);
	let image = std::fs::read(&png).context("the load plot")?;
	ensure!(image.starts_with(b"\x89PNG"), "the plot is not a PNG");
	// A run bigger than the plan has room for is refused by name before anything is sent.
	let too_big = net.tender_at(
		0,
		None,
		&[
			"load",
			"run",
			"--rate",
			"16",
			"--duration",
			"60",
			"--plan",
			plan.to_str().expect("utf-8 path"),
		],
	)?;
	too_big.expect_refused("a run larger than its plan", "prepare a plan with more --tenders")?;
	net.passed()
}

#[test]
fn killed_validator_restarts_from_its_database_and_catches_up() -> Result<()> {
	let mut net = Network::start(Backend::Libp2p)?;
	net.wait_all("every node has finalized block #3", 2 * MINUTE, |n| Ok(n.finalized()? >= 3))?;

	// A power cut at Jiuquan: SIGKILL, no clean shutdown.
	let before_kill = net.nodes[3].finalized()?;
	net.nodes[3].kill();

	// Three of four validators are more than two thirds: finality goes on.
	let f = net.min_finalized()?;
	net.wait_all("finality advances by 3 blocks without Jiuquan", 2 * MINUTE, |n| {
		Ok(n.finalized()? >= f + 3)
	})?;

	// Restarted on its RocksDB directory, Jiuquan resumes from where it was, not from genesis.
	net.launch(3)?;
	net.wait_rpc(3)?;
	let starting = net.nodes[3].starting_block()?;
	ensure!(
		starting >= before_kill,
		"Jiuquan restarted from block #{starting}, below the #{before_kill} it had finalized"
	);
	let target = net.nodes[0].finalized()?;
	net.wait_all("Jiuquan catches up with the others' finalized head", 2 * MINUTE, |n| {
		Ok(n.finalized()? >= target)
	})?;
	net.assert_finality_agrees()?;
	net.passed()
}

#[test]
fn two_of_four_down_stalls_finality_safely_and_it_resumes() -> Result<()> {
	let mut net = Network::start(Backend::Libp2p)?;
	net.wait_all("every node has finalized block #3", 2 * MINUTE, |n| Ok(n.finalized()? >= 3))?;

	net.nodes[2].kill();
	net.nodes[3].kill();
	// Let a GRANDPA round that was already under way end: two more blocks of the two left.
	net.wait_blocks(0, 2, MINUTE)?;
	let stalled_at = net.min_finalized()?;

	// Two of four cannot reach the two-thirds supermajority: over ten slots, the five blocks
	// the two remaining authors produce in their own slots, the best block rises while
	// finality stays where it stalled.
	net.observe(0, 5, 2 * MINUTE, || {
		for node in net.nodes.iter().filter(|n| n.is_running()) {
			let f = node.finalized()?;
			ensure!(f <= stalled_at + 1, "{} finalized #{f} with only two validators", node.city);
		}
		Ok(())
	})?;
	net.assert_finality_agrees()?;

	// Both come back: finality resumes past the stall, and all four agree.
	net.launch(2)?;
	net.launch(3)?;
	net.wait_rpc(2)?;
	net.wait_rpc(3)?;
	net.wait_all("finality resumes on every node", 3 * MINUTE, |n| {
		Ok(n.finalized()? >= stalled_at + 3)
	})?;
	net.assert_finality_agrees()?;
	net.passed()
}

#[test]
fn tender_status_reads_a_live_node_and_explains_bad_addresses() -> Result<()> {
	let net = Network::start(Backend::Libp2p)?;
	net.wait_all("every node has finalized block #2", 2 * MINUTE, |n| Ok(n.finalized()? >= 2))?;
	let url = net.nodes[1].ws_url();

	let (ok, out, err) = Network::tender(&["--url", &url, "status"])?;
	ensure!(ok, "tender status failed: {err}");
	for expected in [
		"finalized:  #",
		"best:       #",
		"validators: 4",
		"Baiyin (Gansu)",
		"Jiuquan (Gansu)",
		"peers:      3",
	] {
		ensure!(out.contains(expected), "`{expected}` missing from tender status:\n{out}");
	}

	// The right genesis hash is accepted; a wrong one is refused in plain words.
	let genesis = net.nodes[0].hash_at(0)?;
	let (ok, _, err) = Network::tender(&["--url", &url, "--genesis", &genesis, "status"])?;
	ensure!(ok, "tender refused the node's own genesis hash: {err}");
	let other = format!("0x{}", "ab".repeat(32));
	let (ok, _, err) = Network::tender(&["--url", &url, "--genesis", &other, "status"])?;
	ensure!(!ok && err.contains("genesis mismatch"), "wrong genesis not reported: {err}");

	// Nothing listening: the user is told which address and why.
	let closed = format!("ws://127.0.0.1:{}", tenderchain_e2e::free_port());
	let (ok, _, err) = Network::tender(&["--url", &closed, "status"])?;
	ensure!(
		!ok && err.contains(&format!("cannot reach node at {closed}: connection refused")),
		"unreachable node not reported plainly: {err}"
	);
	net.passed()
}

#[test]
fn a_node_given_bad_input_exits_naming_the_problem() -> Result<()> {
	use std::process::Command;
	use tenderchain_e2e::{binary, bound_to_test, free_port, kill_group};
	let mut dir = TestDir::new("bad-input")?;
	// Runs the node; a node still running after 60 s has not refused its input.
	let node = |args: &[&str]| -> Result<(bool, String)> {
		let log = dir.join("stderr.log");
		let mut child = bound_to_test(&mut Command::new(binary("tenderchain-node")))
			.args(args)
			.args(["--no-mdns", "--no-prometheus", "--port", &free_port().to_string()])
			.arg("--base-path")
			.arg(dir.path())
			.stdout(std::process::Stdio::null())
			.stderr(std::fs::File::create(&log)?)
			.spawn()?;
		let started = std::time::Instant::now();
		let status = loop {
			if let Some(status) = child.try_wait()? {
				break status;
			}
			if started.elapsed() > MINUTE {
				kill_group(&mut child);
				anyhow::bail!("the node kept running with {args:?}");
			}
			sleep(Duration::from_millis(200));
		};
		Ok((status.success(), std::fs::read_to_string(&log)?))
	};

	// A chain spec that does not exist.
	let missing = dir.join("no-such-spec.json");
	let (ok, err) = node(&["--chain", missing.to_str().expect("utf-8")])?;
	ensure!(
		!ok && err.contains("neither a built-in network") && err.contains("no-such-spec.json"),
		"{err}"
	);

	// A chain spec that is not one.
	let corrupt = dir.join("corrupt-spec.json");
	std::fs::write(&corrupt, b"{ this is not a chain spec")?;
	let (ok, err) = node(&["--chain", corrupt.to_str().expect("utf-8")])?;
	ensure!(
		!ok && err.contains("cannot be read as a chain spec") && err.contains("corrupt-spec.json"),
		"{err}"
	);

	// An RPC port that another process holds.
	let busy = std::net::TcpListener::bind("127.0.0.1:0")?;
	let port = busy.local_addr()?.port().to_string();
	let (ok, err) = node(&["--chain", "dev", "--rpc-port", &port])?;
	ensure!(!ok && err.contains(&port), "busy RPC port {port} not named: {err}");

	dir.pass();
	Ok(())
}
