//! Consortium governance on real nodes, through the `tender` client: a node that is not
//! admitted cannot connect; a fifth city is admitted by a council vote, its validator authors
//! and its GRANDPA votes count; a removed city's validator stops authoring.

use std::time::Duration;

use anyhow::{ensure, Context, Result};
use serde_json::json;
use tenderchain_e2e::{account_of, wait_until, Backend, Network};

const MINUTE: Duration = Duration::from_secs(60);

/// The number of Aura authorities `tender status` reports on node `i`.
fn validators(net: &Network, i: usize) -> Result<usize> {
	let status = net.tender_at(i, None, &["status"])?.expect_ok("tender status")?;
	status
		.out
		.lines()
		.find_map(|l| l.strip_prefix("validators:"))
		.and_then(|rest| rest.split_whitespace().next())
		.and_then(|n| n.parse().ok())
		.context("no validator count in `tender status`")
}

/// GRANDPA's (total, threshold) vote weight in node `i`'s current round.
fn grandpa_weights(net: &Network, i: usize) -> Result<(u64, u64)> {
	let state = net.nodes[i].rpc("grandpa_roundState", json!([]))?;
	let best = &state["best"];
	Ok((
		best["totalWeight"].as_u64().context("no totalWeight")?,
		best["thresholdWeight"].as_u64().context("no thresholdWeight")?,
	))
}

#[test]
fn a_city_is_admitted_by_vote_validates_and_a_removed_city_stops() -> Result<()> {
	let mut net = Network::start(Backend::Libp2p)?;
	net.wait_all("every node has finalized block #3", 2 * MINUTE, |n| Ok(n.finalized()? >= 3))?;

	// Zhangye's node (node key 6) is not on the allow-list: the validators do not accept it.
	// Watched over seven blocks of theirs (some twenty seconds), it stays without peers and
	// without a single block while they go on.
	let zy = net.add_node("Zhangye", 6, true)?;
	net.observe(0, 7, 2 * MINUTE, || {
		let (peers, best) = (net.nodes[zy].peers()?, net.nodes[zy].best()?);
		ensure!(peers == 0, "a node that is not admitted has {peers} peers");
		ensure!(best == 0, "a node that is not admitted synced to #{best}");
		Ok(())
	})?;

	// Baiyin proposes to admit Zhangye, with the keys Zhangye's node makes for its trading
	// centre (//Eve); Lanzhou and Tianshui vote aye: three of four.
	let eve = account_of("//Eve")?;
	let proposed = net
		.tender_at(
			0,
			Some("//Alice"),
			&[
				"consortium",
				"propose-admit",
				"--city",
				"ZY",
				"--name",
				"Zhangye",
				"--province",
				"Gansu",
				"--trading-centre",
				&eve,
				"--keys-from",
				&net.nodes[zy].ws_url(),
				"--peer-id",
				&net.nodes[zy].peer_id,
			],
		)?
		.expect_ok("tender consortium propose-admit")?;
	ensure!(proposed.out.contains("motion 0"), "no motion number in:\n{}", proposed.out);
	ensure!(
		proposed.out.contains("1 of 3 ayes"),
		"the proposer's aye is not counted:\n{}",
		proposed.out
	);

	// Closing early without the majority is refused, naming what is missing.
	net.tender_at(1, Some("//Bob"), &["consortium", "close", "0"])?
		.expect_refused("closing a motion with one aye", "needs 3 ayes")?;

	net.tender_at(1, Some("//Bob"), &["consortium", "vote", "0", "--aye"])?
		.expect_ok("Lanzhou votes")?;
	let list =
		net.tender_at(2, None, &["consortium", "list"])?.expect_ok("tender consortium list")?;
	ensure!(list.out.contains("2 of 3 ayes"), "the vote is not shown:\n{}", list.out);
	net.tender_at(2, Some("//Charlie"), &["consortium", "vote", "0", "--aye"])?
		.expect_ok("Tianshui votes")?;
	let closed =
		net.tender_at(2, Some("//Charlie"), &["consortium", "close", "0"])?.expect_ok("close")?;
	ensure!(
		closed.out.contains("CityAdmitted"),
		"the motion did not admit Zhangye:\n{}",
		closed.out
	);

	let list =
		net.tender_at(0, None, &["consortium", "list"])?.expect_ok("tender consortium list")?;
	ensure!(
		list.out.contains("ZY") && list.out.contains("Zhangye"),
		"Zhangye is not listed:\n{}",
		list.out
	);

	// The validators now accept Zhangye's node; from the session after next it authors.
	net.wait_all("the validator set has five members", 3 * MINUTE, |_| {
		Ok(validators(&net, 0)? == 5)
	})?;
	net.wait_all("Zhangye's node has synced", 2 * MINUTE, |n| {
		Ok(n.best()? >= net.nodes[0].best()?.saturating_sub(2))
	})?;
	wait_until("Zhangye's node authors a block", 2 * MINUTE, || {
		Ok(net.nodes[zy].blocks_authored() > 0)
	})
	.with_context(|| net.nodes[zy].log_tail())?;
	// GRANDPA counts five voters: four of them are needed.
	net.wait_all("GRANDPA's authority set has five voters", 2 * MINUTE, |_| {
		Ok(grandpa_weights(&net, 0)? == (5, 4))
	})?;

	// With Jiuquan stopped, finality continues only because Zhangye's votes count.
	net.nodes[3].kill();
	let f = net.min_finalized()?;
	net.wait_all("finality advances without Jiuquan", 2 * MINUTE, |n| Ok(n.finalized()? >= f + 3))?;
	net.launch(3)?;
	net.wait_rpc(3)?;

	// Remove Tianshui: four of five (threshold 4).
	let removal = net
		.tender_at(0, Some("//Alice"), &["consortium", "propose-remove", "--city", "TS"])?
		.expect_ok("tender consortium propose-remove")?;
	ensure!(
		removal.out.contains("motion 1") && removal.out.contains("1 of 4 ayes"),
		"{}",
		removal.out
	);
	for (i, seed) in [(1, "//Bob"), (zy, "//Eve"), (3, "//Dave")] {
		net.tender_at(i, Some(seed), &["consortium", "vote", "1", "--aye"])?
			.expect_ok("vote to remove Tianshui")?;
	}
	let closed =
		net.tender_at(0, Some("//Alice"), &["consortium", "close", "1"])?.expect_ok("close")?;
	ensure!(
		closed.out.contains("CityRemoved"),
		"the motion did not remove Tianshui:\n{}",
		closed.out
	);

	net.wait_all("the validator set has four members", 3 * MINUTE, |n| {
		Ok(n.city == "Tianshui" || validators(&net, 0)? == 4)
	})?;
	// Tianshui's validator no longer authors: over ten blocks of the four others (ten slots,
	// two and a half rounds of them), its count of authored blocks stays put.
	let authored = net.nodes[2].blocks_authored();
	net.observe(0, 10, 2 * MINUTE, || {
		ensure!(
			net.nodes[2].blocks_authored() == authored,
			"Tianshui authored after its removal:\n{}",
			net.nodes[2].log_tail()
		);
		Ok(())
	})?;

	// The minimum of three validators: with four left, removing two more is refused at the
	// second, naming the rule — checked in the pallet's unit tests; here the client reports the
	// council's refusal of a non-member.
	net.tender_at(2, Some("//Charlie"), &["consortium", "propose-remove", "--city", "JQ"])?
		.expect_refused("a removed city proposing", "not a council member")?;
	net.passed()
}
