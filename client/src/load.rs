//! `tender load`: the load generator. `flood`: one account sends as many maximum-size
//! participant transactions as the node takes, to check the admission gate (its count and byte
//! limits per window) and the pool's limits on one account. `prepare` and `run`: many certified
//! bidders' commitments (or trading centres' remarks) at a steady rate over several nodes,
//! followed to finality, with a JSON report and a plot (`scripts/bench-throughput.sh`).

mod plan;
mod report;
mod run;

use std::{collections::BTreeMap, path::PathBuf};

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
	/// Certify `--bidders` bidders and publish `--tenders` tenders (certificates signed with a
	/// development CA, registered together; tenders from as many tenderers as the per-account
	/// bound needs), wait until all are final and write the plan `tender load run` reads.
	Prepare {
		/// How many bidders to certify (one commitment per second each at most: the admission
		/// gate's rate).
		#[arg(long, default_value_t = 256)]
		bidders: u32,
		/// How many tenders to open (each takes `MaxBidders` commitments).
		#[arg(long, default_value_t = 64)]
		tenders: u32,
		/// The CA key file that signs the certificates.
		#[arg(long, default_value = "chain-spec/dev-keys/baiyin-ca.key")]
		ca_key: PathBuf,
		/// The CA's id on chain (the Baiyin development CA is 1 on the local chain).
		#[arg(long, default_value_t = 1)]
		authority: u32,
		/// The city of the participants and tenders.
		#[arg(long, default_value = "BY")]
		city: String,
		/// How long the tenders take bids (minutes).
		#[arg(long, default_value_t = 30)]
		open_minutes: u64,
		/// Where to write the plan.
		#[arg(long)]
		out: PathBuf,
	},
	/// Sign `--rate` × `--duration` transactions, submit them at that rate round robin to the
	/// `--submit` nodes, follow them on the `--url` node until final, and print (or write with
	/// `--out`) the run's figures as JSON: finalized per second, submit→in-block and
	/// submit→finalized percentiles, blocks and transactions by author, CPU and memory of the
	/// `--process`es; `--plot` draws a PNG.
	Run {
		/// What to run.
		#[command(flatten)]
		request: run::Request,
		/// Write the JSON report here instead of printing it.
		#[arg(long)]
		out: Option<PathBuf>,
		/// Draw throughput and latency over time into this PNG.
		#[arg(long)]
		plot: Option<PathBuf>,
	},
}

/// Runs a `tender load` command.
pub async fn run(ctx: &Ctx, cmd: Command) -> Result<()> {
	match cmd {
		Command::Flood { count, size, city } => {
			flood(ctx.node().await?, ctx.signer()?, count, &size, &city).await
		},
		Command::Prepare { bidders, tenders, ca_key, authority, city, open_minutes, out } => {
			let request = plan::Request {
				bidders,
				tenders,
				ca_key: &ca_key,
				authority,
				city: &city,
				open_minutes,
				out: &out,
			};
			plan::prepare(ctx.node().await?, request).await
		},
		Command::Run { mut request, out, plot } => {
			let node = ctx.node().await?;
			if request.submit.is_empty() {
				request.submit = vec![node.url.clone()];
			}
			let report = run::run(node, request).await?;
			if let Some(png) = &plot {
				report::plot(&report, png)?;
			}
			let text = serde_json::to_string_pretty(&report)?;
			match &out {
				Some(path) => {
					std::fs::write(path, text + "\n")
						.with_context(|| format!("cannot write {}", path.display()))?;
					println!(
						"{}: {} submitted, {} finalized, {} tx/s finalized (steady), finality \
						 p50 {} ms p99 {} ms; report {}",
						report["label"].as_str().unwrap_or_default(),
						report["submitted"],
						report["finalized"],
						report["finalized_per_s"]["steady"],
						report["latency_ms"]["submit_to_finalized"]["p50"],
						report["latency_ms"]["submit_to_finalized"]["p99"],
						path.display()
					);
				},
				None => println!("{text}"),
			}
			Ok(())
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
