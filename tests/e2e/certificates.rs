//! Certificates on real nodes, through the client: the admission gate refuses an uncertified
//! account and admits a certified one; a Lanzhou certificate works for a tender in Baiyin;
//! revocation takes effect on the next transaction; a flood from one account cannot delay an
//! honest bid near its deadline.

use std::time::Duration;

use anyhow::{ensure, Result};
use tenderchain_e2e::{account_of, credit_code, in_seconds, Backend, DevCa, Network};

const MINUTE: Duration = Duration::from_secs(60);

fn create_args<'a>(docs: &'a str, deadline: &'a str) -> Vec<&'a str> {
	vec![
		"create",
		"--title",
		"Baiyin ring road, section 3",
		"--city",
		"BY",
		"--documents",
		docs,
		"--deadline",
		deadline,
		"--min-valid-bids",
		"1",
	]
}

#[test]
fn certificates_admit_revoke_and_work_in_every_city() -> Result<()> {
	let net = Network::start(Backend::Libp2p)?;
	net.wait_all("every node has finalized block #1", 2 * MINUTE, |n| Ok(n.finalized()? >= 1))?;
	let docs = net.file("tender-docs.pdf", b"tender documents of the ring road")?;
	let docs = docs.to_str().expect("utf-8 path");
	let deadline = in_seconds(3600);

	// An account without a certificate is refused by the node's pool, and the client says why.
	let refused = net.tender_at(0, Some("//Tenderer"), &create_args(docs, &deadline))?;
	refused.expect_refused("an uncertified tenderer", "holds no certificate")?;

	// A tenderer certified by the Lanzhou CA publishes a tender hosted by Baiyin.
	let tenderer = net.certify("//Tenderer", DevCa::Lanzhou, 1, "tenderer", "LZ")?;
	let created = net
		.tender_at(2, Some("//Tenderer"), &create_args(docs, &deadline))?
		.expect_ok("tender create")?;
	ensure!(created.out.contains("created in BY"), "unexpected output: {}", created.out);
	let shown = net
		.tender_at(3, None, &["participant", "show", &tenderer])?
		.expect_ok("participant show")?;
	ensure!(shown.out.contains("tenderer") && shown.out.contains("(valid)"), "{}", shown.out);

	// Revocation by the issuing CA takes effect on the very next transaction.
	let key = DevCa::Lanzhou.key_file();
	net.tender_at(
		0,
		None,
		&[
			"ca",
			"revoke",
			"--ca-key",
			key.to_str().expect("utf-8"),
			"--authority",
			"0",
			"--serial",
			"1",
		],
	)?
	.expect_ok("tender ca revoke")?;
	net.tender_at(0, Some("//Tenderer"), &create_args(docs, &deadline))?
		.expect_refused("a revoked tenderer", "has been revoked")?;

	// A forged certificate (signed by the wrong CA key) is refused with the rule's name.
	let account = account_of("//Forger")?;
	let cert = net.dir.join("forged.json");
	net.tender_at(
		0,
		None,
		&[
			"ca",
			"issue",
			"--ca-key",
			DevCa::Baiyin.key_file().to_str().expect("utf-8"),
			"--authority",
			"0",
			"--serial",
			"77",
			"--account",
			&account,
			"--identity",
			&credit_code("//Forger"),
			"--name",
			"Forger",
			"--roles",
			"bidder",
			"--city",
			"BY",
			"--out",
			cert.to_str().expect("utf-8"),
		],
	)?
	.expect_ok("issuing with the wrong key")?;
	net.tender_at(0, None, &["participant", "register", cert.to_str().expect("utf-8")])?
		.expect_refused("a certificate signed with another CA's key", "KeyNotOfAuthority")?;
	net.passed()
}

/// Issue 15, item 1, end to end: one certified account floods the pool with the largest
/// participant calls the runtime takes while an honest bidder commits just before a deadline;
/// the admission gate refuses most of the flood, and the honest bid is in a block within two
/// slots of its submission (bids close to their deadline are urgent: higher pool priority and
/// a reserve of their own in the gate).
#[test]
fn attack_block_stuffing_cannot_delay_bids() -> Result<()> {
	let net = Network::start(Backend::Libp2p)?;
	net.wait_all("every node has finalized block #1", 2 * MINUTE, |n| Ok(n.finalized()? >= 1))?;
	net.certify("//Flooder", DevCa::Baiyin, 5, "bidder", "BY")?;
	net.certify("//Honest", DevCa::Baiyin, 6, "bidder", "BY")?;
	net.certify("//Tenderer", DevCa::Lanzhou, 1, "tenderer", "LZ")?;

	// A tender whose deadline is 90 s away: inside the runtime's urgent window (5 minutes).
	let docs = net.file("docs.pdf", b"ring road tender documents")?;
	let deadline = in_seconds(90);
	net.tender_at(0, Some("//Tenderer"), &create_args(docs.to_str().expect("utf-8"), &deadline))?
		.expect_ok("tender create")?;

	// The flood: 60 `create_tender` calls with the longest title the runtime allows.
	let flood = net
		.tender_at(0, Some("//Flooder"), &["load", "flood", "--count", "60", "--size", "max"])?
		.expect_ok("the flood")?;
	let accepted: u64 = flood
		.out
		.split("accepted ")
		.nth(1)
		.and_then(|rest| rest.split(',').next())
		.and_then(|n| n.trim().parse().ok())
		.ok_or_else(|| anyhow::anyhow!("no count of accepted transactions: {}", flood.out))?;
	ensure!(accepted < 60, "the pool took the whole flood from one account: {}", flood.out);
	ensure!(
		flood.out.contains("nonce too far ahead") || flood.out.contains("too many"),
		"the flood's refusals are not explained: {}",
		flood.out
	);

	// The honest bid, at once, while the flood waits in the pool.
	let bid = net.file("bid.pdf", b"our technical and price offer")?;
	let machine = net.file("machine.txt", b"machine-id=honest-bidder\n")?;
	let data_dir = net.dir.join("client-data");
	let committed = net
		.tender_at(
			0,
			Some("//Honest"),
			&[
				"bid",
				"commit",
				"0",
				bid.to_str().expect("utf-8"),
				"--price",
				"1200000",
				"--duration-days",
				"90",
				"--fingerprint-source",
				machine.to_str().expect("utf-8"),
				"--data-dir",
				data_dir.to_str().expect("utf-8"),
			],
		)?
		.expect_ok("the honest bid")?;
	let number_after = |prefix: &str, end: char| -> Result<u64> {
		committed
			.out
			.split(prefix)
			.nth(1)
			.and_then(|rest| rest.split(end).next())
			.and_then(|n| n.trim().parse().ok())
			.ok_or_else(|| anyhow::anyhow!("no '{prefix}' in: {}", committed.out))
	};
	let best_at_submission = number_after("(best block #", ')')?;
	let included = number_after("(block #", ')')?;
	ensure!(
		included <= best_at_submission + 2,
		"the honest bid waited from block #{best_at_submission} to #{included}: more than two \
		 slots behind the flood"
	);
	net.passed()
}
