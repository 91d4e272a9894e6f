//! The connection to a tenderchain node, and the API generated from the runtime's metadata.

use std::time::Duration;

use anyhow::{anyhow, bail, Result};
use subxt::{
	config::RpcConfigFor,
	rpcs::{methods::LegacyRpcMethods, RpcClient},
	OnlineClient, PolkadotConfig,
};

/// The runtime API of tenderchain, generated from `client/metadata/tenderchain.scale`
/// (regenerate with `scripts/export-chain-spec.sh` when the runtime changes).
#[subxt::subxt(runtime_metadata_path = "metadata/tenderchain.scale")]
pub mod tenderchain {}

/// The address of the first node of the local network started by `scripts/start-local.sh`.
pub const DEFAULT_URL: &str = "ws://127.0.0.1:9944";

/// How long `tender` waits for a node to accept the connection.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// The name every tenderchain runtime reports as its `spec_name`.
pub const SPEC_NAME: &str = "tenderchain";

/// The client configuration: accounts, signatures and hashes as in tenderchain's runtime
/// (AccountId32, MultiSignature, BlakeTwo256, u32 block numbers).
pub type Config = PolkadotConfig;

/// A connection to one tenderchain node.
pub struct Node {
	/// The node's address, for messages.
	pub url: String,
	/// The typed client.
	pub api: OnlineClient<Config>,
	/// The node's plain RPC methods (health, headers).
	pub rpc: LegacyRpcMethods<RpcConfigFor<Config>>,
	/// The runtime metadata at connection time (error names and docs).
	pub metadata: subxt::metadata::ArcMetadata,
}

impl Node {
	/// Connects to the node at `url` and checks that it serves tenderchain (and, if
	/// `expected_genesis` is given, the chain with that genesis hash).
	pub async fn connect(url: &str, expected_genesis: Option<&str>) -> Result<Node> {
		check_reachable(url).await?;
		let rpc_client = RpcClient::from_insecure_url(url)
			.await
			.map_err(|e| anyhow!("cannot reach node at {url}: {e}"))?;
		let rpc = LegacyRpcMethods::<RpcConfigFor<Config>>::new(rpc_client.clone());

		// Check which chain this is before anything else is decoded.
		let version = rpc
			.state_get_runtime_version(None)
			.await
			.map_err(|e| anyhow!("the node at {url} did not report its runtime version: {e}"))?;
		let spec_name = version
			.other
			.get("specName")
			.and_then(|v| v.as_str())
			.unwrap_or("unknown")
			.to_string();
		if spec_name != SPEC_NAME {
			bail!(
				"the node at {url} runs the chain '{spec_name}', not tenderchain; point --url at a \
				 tenderchain node"
			);
		}
		let genesis = rpc
			.chain_get_block_hash(Some(0u32.into()))
			.await
			.map_err(|e| anyhow!("the node at {url} did not report its genesis block: {e}"))?
			.ok_or_else(|| anyhow!("the node at {url} has no genesis block"))?;
		if let Some(expected) = expected_genesis {
			let found = format!("{genesis:?}");
			if !found.eq_ignore_ascii_case(expected.trim()) {
				bail!(
					"the node at {url} serves another chain: its genesis hash is {found}, \
					 expected {expected} (genesis mismatch)"
				);
			}
		}

		let api = OnlineClient::<Config>::from_rpc_client(rpc_client)
			.await
			.map_err(|e| anyhow!("cannot read the runtime metadata of the node at {url}: {e}"))?;
		let metadata = api
			.at_current_block()
			.await
			.map_err(|e| anyhow!("cannot read the current block of the node at {url}: {e}"))?
			.metadata();
		Ok(Node { url: url.to_string(), api, rpc, metadata })
	}
}

/// Opens and closes a TCP connection to the node, so that an unreachable node is reported as
/// such ("connection refused", "timed out") rather than as a protocol error.
async fn check_reachable(url: &str) -> Result<()> {
	let rest = url
		.strip_prefix("ws://")
		.or_else(|| url.strip_prefix("wss://"))
		.ok_or_else(|| anyhow!("'{url}' is not a WebSocket address (ws://host:port)"))?;
	let host_port = rest.split('/').next().unwrap_or(rest);
	let host_port = if host_port.contains(':') {
		host_port.to_string()
	} else if url.starts_with("wss://") {
		format!("{host_port}:443")
	} else {
		format!("{host_port}:80")
	};
	match tokio::time::timeout(CONNECT_TIMEOUT, tokio::net::TcpStream::connect(&host_port)).await {
		Err(_) => bail!("cannot reach node at {url}: no answer within {CONNECT_TIMEOUT:?}"),
		Ok(Err(e)) => {
			let reason = match e.kind() {
				std::io::ErrorKind::ConnectionRefused => "connection refused".to_string(),
				_ => e.to_string(),
			};
			bail!(
				"cannot reach node at {url}: {reason} (is the node running? \
				 scripts/start-local.sh starts a local network)"
			)
		},
		Ok(Ok(_)) => Ok(()),
	}
}

/// A transaction in a finalized block.
pub struct Included {
	/// The block's number.
	pub block: u64,
	/// The transaction's events.
	pub events: subxt::extrinsics::ExtrinsicEvents<Config>,
}

impl std::fmt::Display for Included {
	fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
		write!(f, "#{}", self.block)
	}
}

/// The admission gate's refusal codes (pallet-certificates `admission_codes`).
fn admission_refusal(code: u32, signer: &str) -> Option<String> {
	Some(match code {
		200 => format!(
			"the account {signer} holds no certificate: register one first (tender participant register <cert-file>)"
		),
		201 => format!("the certificate of {signer} has been revoked"),
		202 => format!("the certificate of {signer} has expired (or is not yet valid)"),
		203 => format!("the certificate authority that certified {signer} has been removed by the consortium"),
		204 => format!("{signer} has sent too many transactions in a short time (rate limit); wait a minute and retry"),
		_ => return None,
	})
}

/// The number after `Custom error: ` in a pool refusal, if any.
fn custom_code(message: &str) -> Option<u32> {
	let lower = message.to_lowercase();
	let rest = &lower[lower.find("custom error: ")? + "custom error: ".len()..];
	rest.chars().take_while(char::is_ascii_digit).collect::<String>().parse().ok()
}

impl Node {
	/// Explains a refused or failed transaction in the domain's words.
	pub fn explain(&self, what: &str, signer: Option<&str>, error: impl std::fmt::Display) -> anyhow::Error {
		let message = error.to_string();
		// An account that never held a certificate does not exist on chain: the nonce check
		// refuses it before the admission gate does.
		if let (Some(signer), true) = (signer, message.contains("Inability to pay some fees")) {
			return anyhow!("{what} refused by the node: {}", admission_refusal(200, signer).unwrap_or_default());
		}
		if let Some(code) = custom_code(&message) {
			if let Some(signer) = signer {
				if let Some(text) = admission_refusal(code, signer) {
					return anyhow!("{what} refused by the node: {text}");
				}
			} else if let Some(variant) = self
				.metadata
				.pallet_by_name("Certificates")
				.and_then(|p| p.error_variant_by_index(u8::try_from(code).ok()?))
			{
				return anyhow!(
					"{what} refused by the node: {} — {}",
					variant.name,
					variant.docs.join(" ")
				);
			}
		}
		anyhow!("{what} failed: {message}")
	}

	/// Signs `call` with `signer`, submits it and waits until it is in a finalized block
	/// and succeeded; returns the block number and the transaction's events.
	pub async fn submit_signed<Call: subxt::transactions::Payload>(
		&self,
		call: &Call,
		signer: &subxt_signer::sr25519::Keypair,
		what: &str,
	) -> Result<Included> {
		let who = subxt::utils::AccountId32::from(signer.public_key()).to_string();
		let progress = self
			.api
			.transactions()
			.await
			.map_err(|e| self.explain(what, Some(&who), e))?
			.sign_and_submit_then_watch_default(call, signer)
			.await
			.map_err(|e| self.explain(what, Some(&who), e))?;
		let in_block = progress.wait_for_finalized().await.map_err(|e| self.explain(what, Some(&who), e))?;
		let block = self.block_number(in_block.block_hash()).await?;
		let events = in_block.wait_for_success().await.map_err(|e| self.explain(what, Some(&who), e))?;
		Ok(Included { block, events })
	}

	/// Submits `call` as an unsigned transaction and waits until it is in a finalized block
	/// and succeeded; returns the block number and the transaction's events.
	pub async fn submit_unsigned<Call: subxt::transactions::Payload>(&self, call: &Call, what: &str) -> Result<Included> {
		let tx = self
			.api
			.transactions()
			.await
			.map_err(|e| self.explain(what, None, e))?
			.create_unsigned(call)
			.map_err(|e| self.explain(what, None, e))?;
		let progress = tx.submit_and_watch().await.map_err(|e| self.explain(what, None, e))?;
		let in_block = progress.wait_for_finalized().await.map_err(|e| self.explain(what, None, e))?;
		let block = self.block_number(in_block.block_hash()).await?;
		let events = in_block.wait_for_success().await.map_err(|e| self.explain(what, None, e))?;
		Ok(Included { block, events })
	}

	/// The number of the block `hash`.
	pub async fn block_number(&self, hash: subxt::utils::H256) -> Result<u64> {
		self.rpc
			.chain_get_header(Some(hash))
			.await?
			.map(|h| h.number)
			.ok_or_else(|| anyhow!("block {hash:?} is unknown to {}", self.url))
	}
}
