//! `tender consortium`: the cities, the council's motions, and a city's own validator keys and
//! node identity.
//!
//! Admitting and removing a city are council motions: a trading centre proposes (and votes aye
//! at once), other trading centres vote, and anyone closes the motion once two thirds have
//! voted aye. Every listing says who voted what and what is still needed.

use anyhow::{anyhow, bail, Context, Result};
use clap::Subcommand;
use subxt::utils::{AccountId32, H256};

use subxt_signer::sr25519::Keypair;

use crate::{
	chain::{self, read, read_map, tenderchain, try_read, Node},
	ctx::Ctx,
	keys::account,
};
use tenderchain::runtime_types::{
	bounded_collections::bounded_vec::BoundedVec,
	pallet_consortium::pallet::Call as ConsortiumCall, tenderchain_runtime::RuntimeCall,
};

/// The largest encoded motion the client proposes or closes, in bytes.
const MOTION_LENGTH_BOUND: u32 = 4096;

/// How long a city's node may take to make session keys.
const KEYS_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(60);

/// `tender consortium …`
#[derive(Debug, Subcommand)]
pub enum Command {
	/// List the cities, the validators, the council and the open motions with their votes.
	List,
	/// Propose (and vote aye on) admitting a city; signed by a council member's trading centre.
	ProposeAdmit {
		/// The new city's id: a short code such as ZY.
		#[arg(long)]
		city: String,
		/// The city's name.
		#[arg(long)]
		name: String,
		/// The province.
		#[arg(long)]
		province: String,
		/// The city trading centre's account (SS58); it becomes validator id and council seat.
		#[arg(long)]
		trading_centre: String,
		/// The new city's validator node (ws://…, localhost): it makes the session keys and the
		/// proof that the trading centre holds them (`author_rotateKeysWithOwner`).
		#[arg(long, conflicts_with_all = ["keys", "proof"])]
		keys_from: Option<String>,
		/// The session keys (0x…, as returned by the city's node), instead of --keys-from.
		#[arg(long, requires = "proof")]
		keys: Option<String>,
		/// The ownership proof of the session keys (0x…), with --keys.
		#[arg(long)]
		proof: Option<String>,
		/// The peer id of each of the city's nodes (validator first); repeat for several.
		#[arg(long = "peer-id", required = true)]
		peer_ids: Vec<String>,
	},
	/// Print new session keys and their ownership proof, made by a city's own validator node,
	/// for handing to the council member who proposes the city's admission.
	SessionKeys {
		/// The city's validator node (ws://…, localhost).
		#[arg(long)]
		keys_from: String,
		/// The city trading centre's account (SS58), which the proof binds the keys to.
		#[arg(long)]
		trading_centre: String,
	},
	/// Propose (and vote aye on) removing a city.
	ProposeRemove {
		/// The city's id.
		#[arg(long)]
		city: String,
	},
	/// Vote on an open motion (its number from `tender consortium list`).
	Vote {
		/// The motion's number.
		motion: u32,
		/// Vote aye.
		#[arg(long, conflicts_with = "nay", required_unless_present = "nay")]
		aye: bool,
		/// Vote nay.
		#[arg(long)]
		nay: bool,
	},
	/// Close a motion: with enough ayes it executes; after its voting period without them it
	/// is rejected.
	Close {
		/// The motion's number.
		motion: u32,
	},
	/// Give the signer's city validator new session keys (signed by its trading centre).
	RotateKeys {
		/// The city's validator node (ws://…, localhost), which makes the keys and the proof.
		#[arg(long, conflicts_with_all = ["keys", "proof"])]
		keys_from: Option<String>,
		/// The session keys (0x…), instead of --keys-from.
		#[arg(long, requires = "proof")]
		keys: Option<String>,
		/// Their ownership proof (0x…).
		#[arg(long)]
		proof: Option<String>,
	},
	/// Replace one of the signer's city nodes on the allow-list (signed by its trading centre).
	ReplacePeer {
		/// The peer id to take off.
		#[arg(long)]
		old: String,
		/// The peer id to put on.
		#[arg(long)]
		new: String,
	},
}

/// Runs a `tender consortium` command.
pub async fn run(ctx: &Ctx, cmd: Command) -> Result<()> {
	match cmd {
		Command::List => list(ctx.node().await?).await,
		Command::ProposeAdmit {
			city,
			name,
			province,
			trading_centre,
			keys_from,
			keys,
			proof,
			peer_ids,
		} => {
			// The city's session keys (made by its own node) and its nodes' peer ids.
			let signer = ctx.signer()?;
			let trading_centre = account(&trading_centre)?;
			let (session_keys, proof) =
				session_keys(&trading_centre, keys_from, keys, proof).await?;
			let node = ctx.node().await?;
			let peers = peer_ids.iter().map(|p| peer_id(p)).collect::<Result<Vec<_>>>()?;
			let max_name = node.bound("Consortium", "MaxNameLen")?;
			let call = RuntimeCall::Consortium(ConsortiumCall::admit_city {
				id: city_id(&city)?,
				name: chain::bounded(
					&format!("the city name '{name}' (UTF-8 bytes)"),
					name.clone().into_bytes(),
					max_name,
				)?,
				province: chain::bounded(
					&format!("the province name '{province}' (UTF-8 bytes)"),
					province.into_bytes(),
					max_name,
				)?,
				trading_centre,
				session_keys: typed_keys(&session_keys)?,
				proof: BoundedVec(proof),
				peers: chain::bounded(
					"the list of --peer-id",
					peers,
					node.bound("Consortium", "MaxPeersPerCity")?,
				)?,
			});
			// The motion, with the proposer's aye.
			propose(node, &signer, call, &format!("admitting {city} ({name})")).await
		},
		Command::SessionKeys { keys_from, trading_centre } => {
			// Only the city's own node is asked; the chain is not read.
			let owner = account(&trading_centre)?;
			let (keys, proof) = session_keys(&owner, Some(keys_from.clone()), None, None).await?;
			println!("session keys made by {keys_from} for trading centre {owner}:");
			println!("  --keys 0x{}", hex::encode(&keys));
			println!("  --proof 0x{}", hex::encode(&proof));
			println!("(the secret keys stay in that node's keystore; give these two values to the proposer)");
			Ok(())
		},
		Command::ProposeRemove { city } => {
			let signer = ctx.signer()?;
			let call = RuntimeCall::Consortium(ConsortiumCall::remove_city { id: city_id(&city)? });
			propose(ctx.node().await?, &signer, call, &format!("removing {city}")).await
		},
		Command::Vote { motion, aye, nay } => {
			vote(ctx.node().await?, &ctx.signer()?, motion, aye && !nay).await
		},
		Command::Close { motion } => close(ctx.node().await?, &ctx.signer()?, motion).await,
		Command::RotateKeys { keys_from, keys, proof } => {
			// New keys from the city's node, bound to the signing trading centre.
			let pair = ctx.signer()?;
			let node = ctx.node().await?;
			let who = AccountId32::from(pair.public_key());
			let (session_keys, proof) = session_keys(&who, keys_from, keys, proof).await?;
			let call = tenderchain::transactions()
				.consortium()
				.rotate_session_keys(typed_keys(&session_keys)?, BoundedVec(proof));
			// Rotate; the keys take effect from the session after next.
			let included = node.submit_signed(&call, &pair, "the key rotation").await?;
			println!(
				"new session keys for the validator of {who} in block {included}; they are used from the session after next"
			);
			Ok(())
		},
		Command::ReplacePeer { old, new } => {
			// One node of the signer's city swapped for another on the allow-list.
			let pair = ctx.signer()?;
			let node = ctx.node().await?;
			let call = tenderchain::transactions()
				.consortium()
				.replace_peer_id(peer_id(&old)?, peer_id(&new)?);
			let included = node.submit_signed(&call, &pair, "the peer id replacement").await?;
			println!("{old} replaced by {new} on the allow-list (block {included})");
			Ok(())
		},
	}
}

/// The binary form of a base58 peer id (12D3Koo…).
/// A peer id (base58) as the runtime's bounded bytes.
fn peer_id(text: &str) -> Result<BoundedVec<u8>> {
	let bytes = bs58::decode(text.trim())
		.into_vec()
		.map_err(|e| anyhow!("'{text}' is not a peer id (base58, such as 12D3KooW…): {e}"))?;
	if bytes.len() < 20 || bytes.len() > 64 {
		bail!("'{text}' is not a peer id: {} bytes after base58 decoding", bytes.len());
	}
	Ok(BoundedVec(bytes))
}

/// A city code as the runtime's bounded bytes (at most 16).
fn city_id(code: &str) -> Result<BoundedVec<u8>> {
	chain::bounded(&format!("the city code '{code}'"), code.as_bytes().to_vec(), 16)
}

fn hex_arg(text: &str, what: &str) -> Result<Vec<u8>> {
	hex::decode(text.trim().trim_start_matches("0x"))
		.map_err(|e| anyhow!("{what} '{text}' is not hex: {e}"))
}

/// The session keys and their ownership proof: from the city's node, or as given.
async fn session_keys(
	owner: &AccountId32,
	keys_from: Option<String>,
	keys: Option<String>,
	proof: Option<String>,
) -> Result<(Vec<u8>, Vec<u8>)> {
	match (keys_from, keys, proof) {
		(Some(url), _, _) => {
			// Ask the city's node to make the keys and the proof, within a bounded time.
			let owner_hex = format!("0x{}", hex::encode(owner.0));
			let ask = async {
				let client = subxt::rpcs::RpcClient::from_insecure_url(&url)
					.await
					.map_err(|e| anyhow!("cannot reach the city's node at {url}: {e}"))?;
				client
					.request::<serde_json::Value>(
						"author_rotateKeysWithOwner",
						subxt::rpcs::rpc_params![owner_hex],
					)
					.await
					.map_err(|e| {
						anyhow!(
							"the node at {url} did not make session keys ({e}); it must be the city's own \
							 node, reached on localhost (key generation is an unsafe RPC method)"
						)
					})
			};
			let generated = tokio::time::timeout(KEYS_TIMEOUT, ask).await.map_err(|_| {
				anyhow!(
					"the node at {url} did not answer within {} s (is it running?)",
					KEYS_TIMEOUT.as_secs()
				)
			})??;
			// Take the two hex fields of its answer.
			let field = |name: &str| -> Result<Vec<u8>> {
				let text = generated[name]
					.as_str()
					.with_context(|| format!("no '{name}' in the node's answer: {generated}"))?;
				hex_arg(text, name)
			};
			Ok((field("keys")?, field("proof")?))
		},
		(None, Some(keys), Some(proof)) => {
			Ok((hex_arg(&keys, "--keys")?, hex_arg(&proof, "--proof")?))
		},
		_ => bail!("give the session keys: --keys-from <the city's node> or --keys and --proof"),
	}
}

/// The runtime's `SessionKeys` (Aura sr25519, then GRANDPA ed25519) from their encoding.
fn typed_keys(
	encoded: &[u8],
) -> Result<tenderchain::runtime_types::tenderchain_runtime::opaque::SessionKeys> {
	use tenderchain::runtime_types::{sp_consensus_aura, sp_consensus_grandpa};
	if encoded.len() != 64 {
		bail!("session keys are 64 bytes (Aura and GRANDPA public keys), got {}", encoded.len());
	}
	let aura: [u8; 32] = encoded[..32].try_into().expect("32 bytes");
	let grandpa: [u8; 32] = encoded[32..].try_into().expect("32 bytes");
	Ok(tenderchain::runtime_types::tenderchain_runtime::opaque::SessionKeys {
		aura: sp_consensus_aura::sr25519::app_sr25519::Public(aura),
		grandpa: sp_consensus_grandpa::app::Public(grandpa),
	})
}

/// The city ids of the trading-centre accounts (by raw account), for naming voters.
type CityNames = std::collections::HashMap<[u8; 32], String>;

async fn city_names(node: &Node) -> Result<CityNames> {
	let at = node.api.at_current_block().await?;
	let cities = read_map(&at, tenderchain::storage().consortium().city_of_trading_centre());
	Ok(cities
		.await?
		.into_iter()
		.map(|((account,), id)| (account.0, String::from_utf8_lossy(&id.0).into_owned()))
		.collect())
}

/// A trading centre's city id, or its address if it is no city's.
fn name_of(names: &CityNames, who: &AccountId32) -> String {
	names.get(&who.0).cloned().unwrap_or_else(|| who.to_string())
}

/// A motion as the council holds it.
struct Motion {
	hash: H256,
	index: u32,
	threshold: u32,
	ayes: Vec<AccountId32>,
	nays: Vec<AccountId32>,
	end: u32,
	call: Option<RuntimeCall>,
	length: u32,
}

async fn motions(node: &Node) -> Result<Vec<Motion>> {
	let at = node.api.at_current_block().await?;
	let hashes = read(&at, tenderchain::storage().council().proposals(), ()).await?;
	let mut out = Vec::new();
	for hash in hashes.0 {
		let Some(votes) = try_read(&at, tenderchain::storage().council().voting(), (hash,)).await?
		else {
			continue;
		};
		let proposal = at
			.storage()
			.entry(tenderchain::storage().council().proposal_of())?
			.try_fetch((hash,))
			.await?;
		let (call, length) = match proposal {
			Some(value) => (value.decode().ok(), value.bytes().len() as u32),
			None => (None, MOTION_LENGTH_BOUND),
		};
		out.push(Motion {
			hash,
			index: votes.index,
			threshold: votes.threshold,
			ayes: votes.ayes,
			nays: votes.nays,
			end: votes.end,
			call,
			length,
		});
	}
	out.sort_by_key(|m| m.index);
	Ok(out)
}

async fn motion(node: &Node, index: u32) -> Result<Motion> {
	motions(node)
		.await?
		.into_iter()
		.find(|m| m.index == index)
		.ok_or_else(|| anyhow!("there is no open motion {index} (see `tender consortium list`)"))
}

/// A motion's call in words.
fn describe(call: &Option<RuntimeCall>) -> String {
	match call {
		Some(RuntimeCall::Consortium(ConsortiumCall::admit_city {
			id,
			name,
			province,
			trading_centre,
			peers,
			..
		})) => format!(
			"admit city {} ({}, {}), trading centre {trading_centre}, {} node(s)",
			String::from_utf8_lossy(&id.0),
			String::from_utf8_lossy(&name.0),
			String::from_utf8_lossy(&province.0),
			peers.0.len()
		),
		Some(RuntimeCall::Consortium(ConsortiumCall::remove_city { id })) => {
			format!("remove city {}", String::from_utf8_lossy(&id.0))
		},
		Some(other) => {
			let text = format!("{other:?}");
			if text.len() > 160 {
				format!("{}…", &text[..160])
			} else {
				text
			}
		},
		None => "(the proposal cannot be decoded by this client)".into(),
	}
}

fn tally(m: &Motion) -> String {
	let missing = m.threshold.saturating_sub(m.ayes.len() as u32);
	format!(
		"{} of {} ayes{}",
		m.ayes.len(),
		m.threshold,
		if missing == 0 {
			", can be closed now".to_string()
		} else {
			format!(", {missing} more needed")
		}
	)
}

/// `tender consortium list`.
async fn list(node: &Node) -> Result<()> {
	// The cities, each with its keys and nodes.
	let at = node.api.at_current_block().await?;
	let names = city_names(node).await?;
	let mut cities: Vec<_> = read_map(&at, tenderchain::storage().consortium().cities())
		.await?
		.into_iter()
		.map(|(_, city)| city)
		.collect();
	cities.sort_by_key(|c| name_of(&names, &c.trading_centre));
	println!("cities: {}", cities.len());
	for city in &cities {
		println!(
			"  {}  {} ({})  trading centre {}",
			name_of(&names, &city.trading_centre),
			String::from_utf8_lossy(&city.name.0),
			String::from_utf8_lossy(&city.province.0),
			city.trading_centre
		);
		let keys = &city.session_keys.0;
		if keys.len() == 64 {
			println!(
				"      aura 0x{}  grandpa 0x{}",
				hex::encode(&keys[..32]),
				hex::encode(&keys[32..])
			);
		}
		for peer in &city.peers.0 {
			println!("      node {}", bs58::encode(&peer.0).into_string());
		}
	}
	// The session's validators, the council, and the open motions with their votes.
	let session = read(&at, tenderchain::storage().session().current_index(), ()).await?;
	let validators = read(&at, tenderchain::storage().session().validators(), ()).await?;
	let validators: Vec<String> = validators.iter().map(|v| name_of(&names, v)).collect();
	println!("session {session}: validators {}", validators.join(", "));
	let members = read(&at, tenderchain::storage().council().members(), ()).await?;
	let members: Vec<String> = members.iter().map(|m| name_of(&names, m)).collect();
	println!(
		"council: {} (a motion passes with two thirds: {})",
		members.join(", "),
		threshold(members.len() as u32)
	);
	let open = motions(node).await?;
	if open.is_empty() {
		println!("motions: none open");
	}
	for m in open {
		let ayes: Vec<String> = m.ayes.iter().map(|a| name_of(&names, a)).collect();
		let nays: Vec<String> = m.nays.iter().map(|a| name_of(&names, a)).collect();
		println!("motion {}: {}", m.index, describe(&m.call));
		println!(
			"      {}; ayes: {}; nays: {}; voting ends at block #{} (hash {:?})",
			tally(&m),
			if ayes.is_empty() { "-".into() } else { ayes.join(", ") },
			if nays.is_empty() { "-".into() } else { nays.join(", ") },
			m.end,
			m.hash
		);
	}
	Ok(())
}

/// Two thirds of `members`, rounded up.
fn threshold(members: u32) -> u32 {
	(2 * members).div_ceil(3)
}

/// Refuses plainly if `who` is not on the council.
async fn ensure_member(node: &Node, who: &AccountId32) -> Result<u32> {
	let at = node.api.at_current_block().await?;
	let members = read(&at, tenderchain::storage().council().members(), ()).await?;
	if !members.contains(who) {
		bail!("{who} is not a council member: only the trading centres of admitted cities propose and vote");
	}
	Ok(members.len() as u32)
}

/// Proposes `call` to the council and votes aye on it.
/// (Also used by `tender credit lift`.)
pub async fn propose(node: &Node, pair: &Keypair, call: RuntimeCall, what: &str) -> Result<()> {
	// Only a council member proposes; a motion passes with two thirds.
	let who = AccountId32::from(pair.public_key());
	let members = ensure_member(node, &who).await?;
	let needed = threshold(members);
	let tx = tenderchain::transactions().council().propose(needed, call, MOTION_LENGTH_BOUND);
	let included = node.submit_signed(&tx, pair, "the motion").await?;
	if let Some(executed) = included.events.find_first::<tenderchain::council::events::Executed>() {
		// A council of one: the motion executed at once.
		let executed = executed?;
		report_execution(node, &executed.result, &included)?;
		return Ok(());
	}
	let proposed = included
		.events
		.find_first::<tenderchain::council::events::Proposed>()
		.ok_or_else(|| anyhow!("the node reported no Proposed event"))??;
	// The proposer votes aye at once, then the tally is shown.
	let index = proposed.proposal_index;
	let aye = tenderchain::transactions().council().vote(proposed.proposal_hash, index, true);
	node.submit_signed(&aye, pair, "the proposer's vote").await?;
	let m = motion(node, index).await?;
	println!("motion {index} proposed in block {included}: {what}");
	println!("  {}; voting ends at block #{}", tally(&m), m.end);
	Ok(())
}

/// `tender consortium vote`.
async fn vote(node: &Node, pair: &Keypair, index: u32, approve: bool) -> Result<()> {
	// A member votes on an open motion; the new tally is shown.
	let who = AccountId32::from(pair.public_key());
	ensure_member(node, &who).await?;
	let m = motion(node, index).await?;
	let tx = tenderchain::transactions().council().vote(m.hash, index, approve);
	let included = node.submit_signed(&tx, pair, "the vote").await?;
	let m = motion(node, index).await?;
	println!(
		"{} on motion {index} ({}) in block {included}",
		if approve { "aye" } else { "nay" },
		describe(&m.call)
	);
	println!("  {}", tally(&m));
	Ok(())
}

/// `tender consortium close`.
async fn close(node: &Node, pair: &Keypair, index: u32) -> Result<()> {
	// Refuse plainly before the chain would: too few ayes before the voting period ends.
	let m = motion(node, index).await?;
	let best = node.api.at_current_block().await?.block_number();
	if (m.ayes.len() as u32) < m.threshold && (best as u64) < m.end as u64 {
		bail!(
			"motion {index} needs {} ayes and has {}; it can be closed before block #{} only with enough ayes",
			m.threshold,
			m.ayes.len(),
			m.end
		);
	}
	let weight_bound = node
		.api
		.at_current_block()
		.await?
		.constants()
		.entry(tenderchain::constants().council().max_proposal_weight())?;
	let tx = tenderchain::transactions().council().close(m.hash, index, weight_bound, m.length);
	// Close with the council's weight bound; say whether the motion executed or was rejected.
	let included = node.submit_signed(&tx, pair, "closing the motion").await?;
	if let Some(executed) = included.events.find_first::<tenderchain::council::events::Executed>() {
		report_execution(node, &executed?.result, &included)?;
	} else if included.events.find_first::<tenderchain::council::events::Disapproved>().is_some() {
		println!("motion {index} rejected in block {included}: {}", describe(&m.call));
	} else {
		println!("motion {index} closed in block {included}");
	}
	Ok(())
}

/// Prints what an executed motion did, or why its call failed.
fn report_execution(
	node: &Node,
	result: &Result<(), tenderchain::runtime_types::sp_runtime::DispatchError>,
	included: &crate::chain::Included,
) -> Result<()> {
	use tenderchain::runtime_types::sp_runtime::DispatchError;
	match result {
		Ok(()) => {
			let names: Vec<String> = included
				.events
				.iter()
				.filter_map(|e| e.ok())
				.map(|e| format!("{}.{}", e.pallet_name(), e.event_name()))
				.filter(|n| !n.starts_with("System.") && !n.starts_with("Council."))
				.collect();
			println!("motion executed in block {included}: {}", names.join(", "));
			Ok(())
		},
		Err(DispatchError::Module(error)) => match node.module_error(error.index, error.error[0]) {
			Some(reason) => {
				bail!("the motion passed but its call failed in block {included}: {reason}")
			},
			None => bail!("the motion passed but its call failed in block {included}: {error:?}"),
		},
		Err(other) => bail!("the motion passed but its call failed in block {included}: {other:?}"),
	}
}
