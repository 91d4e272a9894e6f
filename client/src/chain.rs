//! The connection to a tenderchain node, and the API generated from the runtime's metadata.

use std::time::Duration;

use anyhow::{anyhow, bail, Result};
use subxt::{
	client::OnlineClientAtBlockT,
	config::RpcConfigFor,
	error::{DispatchError, TransactionEventsError},
	rpcs::{methods::LegacyRpcMethods, RpcClient},
	storage::{Address, PrefixOf},
	transactions::TransactionProgress,
	OnlineClient, PolkadotConfig,
};
use tenderchain_primitives::admission;

/// The runtime API of tenderchain, generated from `client/metadata/tenderchain.scale`
/// (regenerate with `scripts/export-chain-spec.sh` when the runtime changes).
#[subxt::subxt(runtime_metadata_path = "metadata/tenderchain.scale")]
pub mod tenderchain {}

/// `items` as a call argument of the runtime's bounded type, refused here, naming `what`, when
/// longer than `max` (the runtime would refuse to decode it, without saying why).
pub fn bounded<T>(
	what: &str,
	items: Vec<T>,
	max: usize,
) -> Result<tenderchain::runtime_types::bounded_collections::bounded_vec::BoundedVec<T>> {
	if items.len() > max {
		bail!("{what} is {} long; the runtime allows at most {max}", items.len());
	}
	Ok(tenderchain::runtime_types::bounded_collections::bounded_vec::BoundedVec(items))
}

/// The address of the first node of the local network started by `scripts/start-local.sh`.
pub const DEFAULT_URL: &str = "ws://127.0.0.1:9944";

/// How long `tender` waits for a node to accept the connection.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// How long `tender` waits for a reachable node to answer its first requests (runtime version,
/// genesis, metadata).
const ANSWER_TIMEOUT: Duration = Duration::from_secs(60);

/// How long `tender` waits for a transaction (or a block it needs) to be finalized. GRANDPA
/// finalizes within a few 3 s slots; two minutes without it means finality has stalled.
pub const FINALITY_TIMEOUT: Duration = Duration::from_secs(120);

/// How often `tender` asks the node again while it waits for a block.
pub const POLL_INTERVAL: Duration = Duration::from_millis(500);

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
	/// The node's RPC methods beyond the legacy set (GRANDPA's), called by name.
	pub raw: RpcClient,
}

impl Node {
	/// Connects to the node at `url` and checks that it serves tenderchain (and, if
	/// `expected_genesis` is given, the chain with that genesis hash).
	pub async fn connect(url: &str, expected_genesis: Option<&str>) -> Result<Node> {
		// A node that takes the TCP connection but never answers must not hang the client.
		check_reachable(url).await?;
		tokio::time::timeout(ANSWER_TIMEOUT, Node::connect_reachable(url, expected_genesis))
			.await
			.map_err(|_| {
			anyhow!(
				"the node at {url} accepted the connection but did not answer within {} s (is it \
					 still starting, or overloaded?)",
				ANSWER_TIMEOUT.as_secs()
			)
		})?
	}

	/// [`Node::connect`] once the node is known to take connections.
	async fn connect_reachable(url: &str, expected_genesis: Option<&str>) -> Result<Node> {
		let rpc_client = RpcClient::from_insecure_url(url)
			.await
			.map_err(|e| anyhow!("cannot reach node at {url}: {e}"))?;
		let rpc = LegacyRpcMethods::<RpcConfigFor<Config>>::new(rpc_client.clone());
		let raw = rpc_client.clone();

		// Check which chain this is before anything else is decoded.
		let version = rpc
			.state_get_runtime_version(None)
			.await
			.map_err(|e| anyhow!("the node at {url} did not report its runtime version: {e}"))?;
		let spec_name =
			version.other.get("specName").and_then(|v| v.as_str()).unwrap_or("unknown").to_string();
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
		Ok(Node { url: url.to_string(), api, rpc, metadata, raw })
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

/// The chain's state at one block.
pub type At = subxt::client::OnlineClientAtBlock<Config>;

/// The value of storage item `address` under `keys` at `at` (the item's default if nothing is
/// stored there).
pub async fn read<A: Address>(at: &At, address: A, keys: A::KeyParts) -> Result<A::Value> {
	Ok(at.storage().entry(address)?.fetch(keys).await?.decode()?)
}

/// The value of storage item `address` under `keys` at `at`, if one is stored there.
pub async fn try_read<A: Address>(
	at: &At,
	address: A,
	keys: A::KeyParts,
) -> Result<Option<A::Value>> {
	match at.storage().entry(address)?.try_fetch(keys).await? {
		Some(value) => Ok(Some(value.decode()?)),
		None => Ok(None),
	}
}

/// Every value of map `address` at `at`, with its key, in storage order.
pub async fn read_map<A: Address>(at: &At, address: A) -> Result<Vec<(A::KeyParts, A::Value)>>
where
	(): PrefixOf<A::KeyParts>,
{
	let mut entries = at.storage().entry(address)?.iter(()).await?;
	let mut all = Vec::new();
	while let Some(entry) = entries.next().await {
		let entry = entry?;
		all.push((entry.key()?.decode()?, entry.value().decode()?));
	}
	Ok(all)
}

/// Every value of map `address` under the first keys `prefix` at `at` (a tender's entries of a
/// map keyed by tender and number), with its whole key, in storage order.
pub async fn read_prefix<A: Address, P: PrefixOf<A::KeyParts>>(
	at: &At,
	address: A,
	prefix: P,
) -> Result<Vec<(A::KeyParts, A::Value)>> {
	let mut entries = at.storage().entry(address)?.iter(prefix).await?;
	let mut all = Vec::new();
	while let Some(entry) = entries.next().await {
		let entry = entry?;
		all.push((entry.key()?.decode()?, entry.value().decode()?));
	}
	Ok(all)
}

/// A transaction in a finalized block.
pub struct Included {
	/// The block's number.
	pub block: u64,
	/// The transaction's events.
	pub events: subxt::extrinsics::ExtrinsicEvents<Config>,
}

impl Included {
	/// The transaction's first event of type `E`; an error if it has none (the runtime emits
	/// one for each call that succeeds).
	pub fn event<E: subxt::events::DecodeAsEvent>(&self) -> Result<E> {
		let name = std::any::type_name::<E>().rsplit("::").next().unwrap_or("expected");
		Ok(self.events.find_first::<E>().ok_or_else(|| anyhow!("no {name} event"))??)
	}
}

impl std::fmt::Display for Included {
	fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
		write!(f, "#{}", self.block)
	}
}

/// The number after `Custom error: ` in a pool refusal, if any.
fn custom_code(message: &str) -> Option<u32> {
	let lower = message.to_lowercase();
	let rest = &lower[lower.find("custom error: ")? + "custom error: ".len()..];
	rest.chars().take_while(char::is_ascii_digit).collect::<String>().parse().ok()
}

/// The message of a wait that ran out: finality, not the transaction, is the likely cause.
fn not_finalized(what: &str, waited: Duration) -> anyhow::Error {
	anyhow!(
		"{what}: not finalized after {} s: is finality stalled? see `tender status` (the \
		 transaction may still be included later)",
		waited.as_secs()
	)
}

impl Node {
	/// The runtime constant `pallet::name` (a `u32`: a bound), from the node's metadata.
	pub fn bound(&self, pallet: &str, name: &str) -> Result<usize> {
		use subxt::ext::codec::Decode;
		let constant = self
			.metadata
			.pallet_by_name(pallet)
			.and_then(|p| p.constant_by_name(name))
			.ok_or_else(|| anyhow!("the node's runtime has no constant {pallet}::{name}"))?;
		let value = u32::decode(&mut constant.value())
			.map_err(|e| anyhow!("{pallet}::{name} is not a u32: {e}"))?;
		Ok(value as usize)
	}

	/// `Pallet::Variant — its documentation`, as the runtime's metadata describes error
	/// `error` of the pallet at `pallet` (the indices of a `DispatchError::Module`).
	pub fn module_error(&self, pallet: u8, error: u8) -> Option<String> {
		let pallet = self.metadata.pallet_by_error_index(pallet)?;
		let variant = pallet.error_variant_by_index(error)?;
		Some(with_docs(&format!("{}::{}", pallet.name(), variant.name), &variant.docs))
	}

	/// Explains a transaction the node refused before it entered a block (the transaction
	/// pool's checks: the admission gate, a bad signature or proof), in the domain's words.
	pub fn explain(
		&self,
		what: &str,
		signer: Option<&str>,
		error: impl std::fmt::Display,
	) -> anyhow::Error {
		let message = error.to_string();
		// An account that never held a certificate does not exist on chain: the nonce check
		// refuses it before the admission gate does.
		if let (Some(signer), true) = (signer, message.contains("Inability to pay some fees")) {
			return gate_refusal(what, signer, admission::NOT_CERTIFIED);
		}
		if let Some(code) = custom_code(&message).and_then(|c| u8::try_from(c).ok()) {
			match signer {
				// A signed transaction: the admission gate's codes.
				Some(signer) if admission::explain(code).is_some() => {
					return gate_refusal(what, signer, code)
				},
				// An unsigned one (a certificate, a revocation): pallet-certificates' checks
				// refuse it with the index of the error they would have returned.
				None => {
					if let Some(variant) = self
						.metadata
						.pallet_by_name("Certificates")
						.and_then(|p| p.error_variant_by_index(code))
					{
						return anyhow!(
							"{what} refused by the node: {}",
							with_docs(&variant.name, &variant.docs)
						);
					}
				},
				Some(_) => {},
			}
		}
		anyhow!("{what} failed: {message}")
	}

	/// Explains a transaction that was included but failed: a `DispatchError::Module` with the
	/// error's pallet, variant and documentation from the runtime's metadata.
	pub fn dispatch_failure(
		&self,
		what: &str,
		call: &str,
		error: TransactionEventsError,
	) -> anyhow::Error {
		let reason = match &error {
			TransactionEventsError::ExtrinsicFailed(DispatchError::Module(module)) => self
				.module_error(module.pallet_index(), module.error_index())
				.unwrap_or_else(|| module.to_string()),
			TransactionEventsError::ExtrinsicFailed(other) => other.to_string(),
			other => return anyhow!("{what}: cannot read the outcome of {call}: {other}"),
		};
		anyhow!("{what}: {call} failed: {reason}")
	}

	/// Signs `call` with `signer`, submits it and waits (at most [`FINALITY_TIMEOUT`]) until it
	/// is in a finalized block and succeeded; returns the block number and the transaction's
	/// events.
	pub async fn submit_signed<Call: subxt::transactions::Payload>(
		&self,
		call: &Call,
		signer: &subxt_signer::sr25519::Keypair,
		what: &str,
	) -> Result<Included> {
		// Sign with the account's next nonce and submit; the pool may refuse it at once.
		let who = subxt::utils::AccountId32::from(signer.public_key()).to_string();
		let progress = self
			.api
			.transactions()
			.await
			.map_err(|e| self.explain(what, Some(&who), e))?
			.sign_and_submit_then_watch_default(call, signer)
			.await
			.map_err(|e| self.explain(what, Some(&who), e))?;
		// Wait for finality and for the call's outcome.
		self.finalized(progress, what, call.call_name(), Some(&who)).await
	}

	/// Submits `call` as an unsigned transaction and waits (at most [`FINALITY_TIMEOUT`]) until
	/// it is in a finalized block and succeeded; returns the block number and the transaction's
	/// events.
	pub async fn submit_unsigned<Call: subxt::transactions::Payload>(
		&self,
		call: &Call,
		what: &str,
	) -> Result<Included> {
		// Build and submit; the pool checks the call's own proof (a CA signature).
		let tx = self
			.api
			.transactions()
			.await
			.map_err(|e| self.explain(what, None, e))?
			.create_unsigned(call)
			.map_err(|e| self.explain(what, None, e))?;
		let progress = tx.submit_and_watch().await.map_err(|e| self.explain(what, None, e))?;
		// Wait for finality and for the call's outcome.
		self.finalized(progress, what, call.call_name(), None).await
	}

	/// Waits (at most [`FINALITY_TIMEOUT`]) until the submitted transaction `progress` is in a
	/// finalized block; then returns its block and events, or explains why `call` failed.
	pub async fn finalized<C: OnlineClientAtBlockT<Config>>(
		&self,
		progress: TransactionProgress<Config, C>,
		what: &str,
		call: &str,
		who: Option<&str>,
	) -> Result<Included> {
		// Finality, bounded: a stalled network must not hang the client.
		let in_block = tokio::time::timeout(FINALITY_TIMEOUT, progress.wait_for_finalized())
			.await
			.map_err(|_| not_finalized(what, FINALITY_TIMEOUT))?
			.map_err(|e| self.explain(what, who, e))?;
		// The block's number, then the outcome from the transaction's events.
		let block = self.block_number(in_block.block_hash()).await?;
		let events =
			in_block.wait_for_success().await.map_err(|e| self.dispatch_failure(what, call, e))?;
		Ok(Included { block, events })
	}

	/// Waits (at most [`FINALITY_TIMEOUT`]) until block `number` is finalized; returns its hash.
	pub async fn wait_finalized(&self, number: u32, what: &str) -> Result<subxt::utils::H256> {
		let deadline = tokio::time::Instant::now() + FINALITY_TIMEOUT;
		loop {
			// Finalized far enough: the block's hash is final.
			let finalized = self.rpc.chain_get_finalized_head().await?;
			if self.block_number(finalized).await? >= number as u64 {
				return self
					.rpc
					.chain_get_block_hash(Some(number.into()))
					.await?
					.ok_or_else(|| anyhow!("block #{number} is unknown to {}", self.url));
			}
			// Not yet: poll again, or give up with the likely cause.
			if tokio::time::Instant::now() >= deadline {
				return Err(not_finalized(what, FINALITY_TIMEOUT));
			}
			tokio::time::sleep(POLL_INTERVAL).await;
		}
	}

	/// The number of the node's best block.
	pub async fn best_number(&self) -> Result<u64> {
		self.rpc
			.chain_get_header(None)
			.await?
			.map(|h| h.number)
			.ok_or_else(|| anyhow!("{} has no best block", self.url))
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

/// The refusal of a signed transaction by the admission gate: the shared sentence for `code`
/// (see `tenderchain_primitives::admission`), naming the signer.
fn gate_refusal(what: &str, signer: &str, code: u8) -> anyhow::Error {
	let sentence = admission::explain(code).unwrap_or("the admission gate refused the transaction");
	anyhow!("{what} refused by the node for {signer}: {sentence}")
}

/// `name — docs` (the docs' lines joined), or just `name` if it has none.
fn with_docs(name: &str, docs: &[String]) -> String {
	let docs =
		docs.iter().map(|l| l.trim()).filter(|l| !l.is_empty()).collect::<Vec<_>>().join(" ");
	if docs.is_empty() {
		name.to_string()
	} else {
		format!("{name} — {docs}")
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn a_pool_refusal_gives_its_custom_code() {
		assert_eq!(custom_code("Invalid Transaction: Custom error: 201"), Some(201));
		assert_eq!(custom_code("Transaction is outdated"), None);
	}

	#[test]
	fn an_admission_refusal_names_the_signer_and_the_shared_sentence() {
		let text = gate_refusal("the bid", "5Bidder", admission::CERTIFICATE_REVOKED).to_string();
		assert!(text.starts_with("the bid refused by the node for 5Bidder: "), "{text}");
		assert!(text.contains("has been revoked"), "{text}");
	}

	#[test]
	fn docs_follow_the_variant_name() {
		let docs =
			vec!["The bid deadline has passed;".to_string(), " no bid is taken.".to_string()];
		assert_eq!(
			with_docs("Tendering::BidAfterDeadline", &docs),
			"Tendering::BidAfterDeadline — The bid deadline has passed; no bid is taken."
		);
		assert_eq!(with_docs("X::Y", &[]), "X::Y");
	}

	#[test]
	fn every_module_error_in_the_metadata_has_docs() {
		// The runtime's own documentation is what users read when a call fails.
		use subxt::ext::codec::Decode;
		let bytes =
			std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/metadata/tenderchain.scale"))
				.expect("metadata");
		let metadata = subxt::metadata::Metadata::decode(&mut &bytes[..]).expect("decodes");
		for pallet in ["Certificates", "Tendering", "Notary", "ExpertDraw", "Consortium"] {
			let pallet = metadata.pallet_by_name(pallet).expect("pallet in the metadata");
			for variant in pallet.error_variants().expect("errors") {
				assert!(
					!variant.docs.is_empty(),
					"{}::{} has no documentation",
					pallet.name(),
					variant.name
				);
			}
		}
	}
}
