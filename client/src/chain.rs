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
		Ok(Node { url: url.to_string(), api, rpc })
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
