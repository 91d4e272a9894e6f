//! `tender load flood`: one account sends as many maximum-size participant transactions as the
//! node takes, for load measurements and to check the admission gate (its count and byte limits
//! per window) and the pool's limits on one account.

use std::collections::BTreeMap;

use anyhow::{anyhow, bail, Context, Result};
use clap::Subcommand;
use subxt::{config::PolkadotExtrinsicParamsBuilder, ext::codec::Decode, utils::AccountId32};

use crate::{
	chain::{Config, Node},
	ctx::Ctx,
	time,
};

/// The call each flood transaction makes: the participant call with the largest argument.
const PALLET: &str = "Tendering";
/// See [`PALLET`]: `create_tender`, whose title is its largest bounded argument.
const CALL: &str = "create_tender";
/// The runtime constant bounding the title (bytes).
const TITLE_BOUND: &str = "MaxTitleLen";

/// `tender load …`.
#[derive(Debug, Subcommand)]
pub enum Command {
	/// From the signer's account, submit `count` `Tendering::create_tender` calls with the
	/// longest title the runtime allows (or `--size` bytes), with consecutive nonces and without
	/// waiting for blocks; refusals are counted, not fatal. Prints how many the node's pool
	/// accepted and refused, and why.
	Flood {
		/// How many transactions to try.
		#[arg(long, default_value_t = 100)]
		count: u32,
		/// The title's size in bytes, or `max` for the runtime's `Tendering::MaxTitleLen`.
		#[arg(long, default_value = "max")]
		size: String,
		/// The city code the calls name.
		#[arg(long, default_value = "BY")]
		city: String,
	},
}

/// Runs a `tender load` command.
pub async fn run(ctx: &Ctx, cmd: Command) -> Result<()> {
	match cmd {
		Command::Flood { count, size, city } => {
			flood(ctx.node().await?, ctx.signer()?, count, &size, &city).await
		},
	}
}

/// The title size `--size` asks for: a number of bytes, or `max` (the runtime's bound, read from
/// the node's metadata).
fn title_size(node: &Node, size: &str) -> Result<usize> {
	if size != "max" {
		return size.parse().map_err(|_| anyhow!("--size must be a number of bytes or 'max'"));
	}
	let constant = node
		.metadata
		.pallet_by_name(PALLET)
		.and_then(|p| p.constant_by_name(TITLE_BOUND))
		.ok_or_else(|| {
			anyhow!("the node's runtime has no {PALLET}::{TITLE_BOUND}; give --size in bytes")
		})?;
	let bound = u32::decode(&mut constant.value())
		.with_context(|| format!("{PALLET}::{TITLE_BOUND} is not a u32"))?;
	Ok(bound as usize)
}

/// Signs `count` maximum-size `create_tender` transactions with consecutive nonces and submits
/// them without waiting; a refused transaction's nonce is used again by the next one. Prints the
/// number accepted and refused, with each reason and how often it came.
async fn flood(
	node: &Node,
	signer: subxt_signer::sr25519::Keypair,
	count: u32,
	size: &str,
	city: &str,
) -> Result<()> {
	// The call, built once: a title of the size asked for, terms that are otherwise plausible.
	let title_len = title_size(node, size)?;
	let deadline = time::now_ms() + 30 * 86_400_000;
	let call = subxt::dynamic::tx(
		PALLET,
		CALL,
		(
			vec![b'x'; title_len],
			city.as_bytes().to_vec(),
			vec![101u16],
			[0x11u8; 32],
			deadline,
			3_600_000u64,
			1u32,
			1u32,
			Option::<AccountId32>::None,
			// Not a re-tender.
			Option::<u64>::None,
		),
	);
	// Read the first nonce once; the others follow it.
	let who = AccountId32::from(signer.public_key());
	let mut tx = node.api.transactions().await?;
	let mut nonce =
		tx.account_nonce(&who).await.map_err(|e| anyhow!("cannot read the nonce of {who}: {e}"))?;
	// Sign and submit each without waiting for a block; count refusals by reason.
	let what = format!("{PALLET}::{CALL}");
	let mut accepted = 0u32;
	let mut refused: BTreeMap<String, u32> = BTreeMap::new();
	for _ in 0..count {
		let params = PolkadotExtrinsicParamsBuilder::<Config>::new().nonce(nonce).build();
		let signed = match tx.create_signed(&call, &signer, params).await {
			Ok(signed) => signed,
			Err(e) => bail!("cannot build the {what} transaction (title {title_len} bytes): {e}"),
		};
		match signed.submit().await {
			Ok(_) => {
				accepted += 1;
				nonce += 1;
			},
			Err(e) => {
				let reason = format!("{:#}", node.explain(&what, Some(&who.to_string()), e));
				*refused.entry(reason).or_default() += 1;
			},
		}
	}
	// Say how many went in and why the pool refused the others.
	let refusals: u32 = refused.values().sum();
	println!(
		"flood from {who}: {count} {what} transactions with a {title_len}-byte title; \
		 accepted {accepted}, refused {refusals}"
	);
	for (reason, n) in refused {
		println!("refused {n}: {reason}");
	}
	Ok(())
}
