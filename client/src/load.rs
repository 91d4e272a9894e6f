//! `tender load remarks`: sends many signed transactions as fast as the node takes them, for
//! load measurements and to check the admission gate's rate limit.

use anyhow::{anyhow, Result};
use clap::Subcommand;
use subxt::config::PolkadotExtrinsicParamsBuilder;

use crate::{
	chain::{tenderchain, Config, Node},
	ctx::Ctx,
};

/// `tender load …`.
#[derive(Debug, Subcommand)]
pub enum Command {
	/// Send `count` remarks with consecutive nonces without waiting for blocks.
	Remarks {
		/// How many.
		#[arg(long, default_value_t = 100)]
		count: u32,
	},
}

/// Runs a `tender load` command.
pub async fn run(ctx: &Ctx, cmd: Command) -> Result<()> {
	match cmd {
		Command::Remarks { count } => remarks(ctx.node().await?, ctx.signer()?, count).await,
	}
}

/// Signs `count` `system.remark` transactions with consecutive nonces and submits them without
/// waiting; prints how many the node's pool accepted and why it refused the first one it
/// refused.
async fn remarks(node: &Node, signer: subxt_signer::sr25519::Keypair, count: u32) -> Result<()> {
	// Read the first nonce once; the others follow it.
	let who = subxt::utils::AccountId32::from(signer.public_key());
	let mut tx = node.api.transactions().await?;
	let first_nonce =
		tx.account_nonce(&who).await.map_err(|e| anyhow!("cannot read the nonce of {who}: {e}"))?;
	// Sign and submit each remark without waiting for a block; stop at the first refusal.
	let mut accepted = 0u32;
	let mut refusal = None;
	for i in 0..count {
		let call = tenderchain::transactions().system().remark(format!("load {i}").into_bytes());
		let params =
			PolkadotExtrinsicParamsBuilder::<Config>::new().nonce(first_nonce + i as u64).build();
		let signed = tx.create_signed(&call, &signer, params).await?;
		match signed.submit().await {
			Ok(_) => accepted += 1,
			Err(e) => {
				refusal = Some(e.to_string());
				break;
			},
		}
	}
	// Say how many went in and why the pool refused the rest.
	println!(
		"submitted {} of {count} remarks from {who}; the pool accepted {accepted}",
		accepted + refusal.is_some() as u32
	);
	if let Some(reason) = refusal {
		let explained = node.explain("remark", Some(&who.to_string()), reason);
		println!("refused: {explained:#}");
	}
	Ok(())
}
