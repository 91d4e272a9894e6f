//! Certificates on real nodes, through the client: the admission gate refuses an uncertified
//! account and admits a certified one; a Lanzhou certificate works for a tender in Baiyin;
//! revocation takes effect on the next transaction; the rate limit triggers.

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

#[test]
fn the_rate_limit_stops_a_flood() -> Result<()> {
	let net = Network::start(Backend::Libp2p)?;
	net.wait_all("every node has finalized block #1", 2 * MINUTE, |n| Ok(n.finalized()? >= 1))?;
	let flooder = net.certify("//Flooder", DevCa::Baiyin, 5, "bidder", "BY")?;
	let start = net.next_nonce(0, &flooder)?;

	// 40 remarks at once: the runtime lets 30 per 10-block window into blocks.
	net.tender_at(0, Some("//Flooder"), &["load", "remarks", "--count", "40"])?
		.expect_ok("the flood")?;
	net.wait_all("30 of the flood's remarks are in blocks", MINUTE, |n| {
		Ok(n.rpc("system_accountNextIndex", serde_json::json!([flooder.clone()]))?.as_u64()
			>= Some(start + 30))
	})?;
	// Two more blocks, into which the other ten would have gone had the window let them in.
	net.wait_blocks(0, 2, MINUTE)?;
	let included = net.next_nonce(0, &flooder)? - start;
	ensure!(included == 30, "{included} remarks were included in the window, the limit is 30");

	// Within the window, the next transaction is refused at the pool, in plain words.
	let more = net
		.tender_at(0, Some("//Flooder"), &["load", "remarks", "--count", "1"])?
		.expect_ok("one more")?;
	ensure!(more.out.contains("too many transactions"), "rate limit not reported: {}", more.out);
	net.passed()
}
