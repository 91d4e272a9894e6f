//! Notarization and the auditor's light client on real nodes: 1,000 files notarized in batches
//! through `tender notarize`; a sample verified by `tender verify` with the embedded light
//! client started from the raw chain spec alone (no RPC); a changed file, a never-anchored file
//! and a tampered proof bundle are refused.

use std::fs;

use anyhow::{ensure, Context, Result};
use serde_json::Value;
use tenderchain_e2e::{binary, bound_to_test, Backend, Network};

/// Index of Baiyin's public full node (node key 5, on the genesis allow-list).
fn start_with_public_node() -> Result<(Network, usize)> {
	let mut net = Network::start(Backend::Libp2p)?;
	net.wait_all("every node has finalized block #2", std::time::Duration::from_secs(120), |n| {
		Ok(n.finalized()? >= 2)
	})?;
	let public = net.add_node("Public", 5, false)?;
	Ok((net, public))
}

/// The local chain's raw spec with the test's public full node as its only bootnode.
fn light_client_spec(net: &Network, public: usize) -> Result<std::path::PathBuf> {
	let out = bound_to_test(&mut std::process::Command::new(binary("tenderchain-node")))
		.args(["build-spec", "--chain", "local", "--raw"])
		.output()?;
	ensure!(out.status.success(), "build-spec failed: {}", String::from_utf8_lossy(&out.stderr));
	let mut spec: Value =
		serde_json::from_slice(&out.stdout).context("build-spec printed no JSON")?;
	spec["bootNodes"] = Value::Array(vec![Value::String(net.nodes[public].multiaddr())]);
	let path = net.dir.join("light-client-spec.json");
	fs::write(&path, serde_json::to_vec_pretty(&spec)?)?;
	Ok(path)
}

#[test]
fn thousand_files_notarized_and_verified_by_the_light_client() -> Result<()> {
	let (net, public) = start_with_public_node()?;
	let archive = net.dir.join("archive");
	fs::create_dir_all(&archive)?;
	for i in 0..1000 {
		fs::write(
			archive.join(format!("record-{i:04}.txt")),
			format!("archive record {i} of Baiyin public resource trading centre\n"),
		)?;
	}

	// Baiyin's trading centre notarizes the archive: 4 batches of at most 256.
	let done = net
		.tender_at(
			0,
			Some("//Alice"),
			&["notarize", archive.to_str().expect("utf-8"), "--type", "archive"],
		)?
		.expect_ok("tender notarize")?;
	ensure!(done.out.contains("notarized 1000 files in 4 batches"), "{}", done.out);
	ensure!(archive.join("record-0999.txt.tender-proof.json").exists(), "no proof bundle written");

	// Verify a sample with the light client, from the chain spec alone (no --url, no --rpc).
	let spec = light_client_spec(&net, public)?;
	let spec = spec.to_str().expect("utf-8");
	for i in [0, 1, 255, 256, 511, 777, 999] {
		let file = archive.join(format!("record-{i:04}.txt"));
		let verified = net
			.tender_at(0, None, &["verify", file.to_str().expect("utf-8"), "--chain-spec", spec])?
			.expect_ok("tender verify (light client)")?;
		ensure!(
			verified.out.contains("VERIFIED") && verified.out.contains("archive"),
			"{}",
			verified.out
		);
		ensure!(
			verified.out.contains("light client"),
			"not checked by the light client:\n{}",
			verified.out
		);
	}

	// One byte changed: refused, saying the file was changed.
	let changed = archive.join("record-0042.txt");
	let mut bytes = fs::read(&changed)?;
	bytes[0] ^= 1;
	fs::write(&changed, bytes)?;
	net.tender_at(0, None, &["verify", changed.to_str().expect("utf-8"), "--chain-spec", spec])?
		.expect_refused("a changed file", "the file was changed")?;

	// A file never anchored: not found.
	let stranger = net.file("never-anchored.txt", b"this file was never notarized")?;
	net.tender_at(0, None, &["verify", stranger.to_str().expect("utf-8"), "--chain-spec", spec])?
		.expect_refused("a never-anchored file", "not found")?;

	// A tampered bundle: one path step altered.
	let file = archive.join("record-0100.txt");
	let bundle_path = archive.join("record-0100.txt.tender-proof.json");
	let mut bundle: Value = serde_json::from_slice(&fs::read(&bundle_path)?)?;
	bundle["path"][0]["hash"] = Value::String(format!("0x{}", "ab".repeat(32)));
	fs::write(&bundle_path, serde_json::to_vec(&bundle)?)?;
	net.tender_at(0, None, &["verify", file.to_str().expect("utf-8"), "--chain-spec", spec])?
		.expect_refused("a tampered proof bundle", "the bundle was altered")?;

	// The RPC mode says plainly that it trusts the node.
	let rpc = net
		.tender_at(
			0,
			None,
			&[
				"verify",
				archive.join("record-0001.txt").to_str().expect("utf-8"),
				"--rpc",
				&net.nodes[0].ws_url(),
			],
		)?
		.expect_ok("tender verify --rpc")?;
	ensure!(rpc.out.contains("trusts that node"), "{}", rpc.out);
	net.passed()
}
