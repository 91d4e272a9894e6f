//! `tender load remarks`: sends many signed transactions as fast as the node takes them, for
//! load measurements and to check the admission gate's rate limit.

use anyhow::{anyhow, Result};
use subxt::config::PolkadotExtrinsicParamsBuilder;

use crate::{
	chain::{tenderchain, Config, Node},
	keys,
};

/// Signs `count` `system.remark` transactions with consecutive nonces and submits them without
/// waiting; prints how many the node's pool accepted and why it refused the first one it
/// refused.
pub async fn remarks(node: &Node, signer: &str, count: u32) -> Result<()> {
	let signer = keys::signer(signer)?;
	let who = subxt::utils::AccountId32::from(signer.public_key());
	let mut tx = node.api.transactions().await?;
	let first_nonce = tx.account_nonce(&who).await.map_err(|e| anyhow!("cannot read the nonce of {who}: {e}"))?;
	let mut accepted = 0u32;
	let mut refusal = None;
	for i in 0..count {
		let call = tenderchain::transactions().system().remark(format!("load {i}").into_bytes());
		let params = PolkadotExtrinsicParamsBuilder::<Config>::new().nonce(first_nonce + i as u64).build();
		let signed = tx.create_signed(&call, &signer, params).await?;
		match signed.submit().await {
			Ok(_) => accepted += 1,
			Err(e) => {
				refusal = Some(e.to_string());
				break;
			},
		}
	}
	println!("submitted {} of {count} remarks from {who}; the pool accepted {accepted}", accepted + refusal.is_some() as u32);
	if let Some(reason) = refusal {
		let explained = node.explain("remark", Some(&who.to_string()), reason);
		println!("refused: {explained:#}");
	}
	Ok(())
}
