//! Cross-province recognition from the client: `tender peer-propose` (the council motions that
//! set a peer province up in a bridge slot), `tender peer-remove` (the motion removing it),
//! `tender peer-ca` (the motion recognising a peer's CA), `tender peer-withdraw` (the motion
//! withdrawing one account's peer certificate here), `tender peer-disregard-bar` (the motion
//! disregarding a bar recognised from a peer), `tender relay` (carries the peer's GRANDPA
//! finality and the records asked for to this chain), `tender peer-import` (one finality proof,
//! by hand) and `tender peer-show`.
//!
//! The relayer needs no trust: this chain's bridge checks every justification against the
//! peer's authority set, and the recognition pallet every storage proof against a header the
//! bridge imported. A relayer can only be slow. Several may run at once: a header or record
//! another relayer carried first is refused as old and skipped.

use std::{
	collections::HashMap,
	sync::Mutex,
	time::{Duration, Instant},
};

use anyhow::{anyhow, bail, Context, Result};
use clap::Subcommand;
use subxt::{
	ext::{
		codec::{Decode, Encode},
		scale_decode::DecodeAsType,
	},
	utils::H256,
};

use crate::{
	chain::{read, read_map, tenderchain, try_read, Included, Node},
	consortium,
	ctx::Ctx,
	identity, output,
};
use tenderchain::runtime_types::{
	bounded_collections::bounded_vec::BoundedVec,
	bp_header_chain::{justification::GrandpaJustification, InitializationData},
	bp_runtime::BasicOperatingMode,
	pallet_certificates::types::Bar as ChainBar,
	sp_runtime::generic::header::Header as ChainHeader,
	tenderchain_runtime::RuntimeCall,
};

/// After how many peer blocks a record whose proof this chain refused is tried again.
const RETRY_AFTER: u32 = 50;

/// A header of a tenderchain network, as the generated API types it.
type Header = ChainHeader<u32>;

/// How often the relayer looks at both chains again when nothing arrived.
const IDLE: Duration = Duration::from_secs(2);

/// `tender peer …` and `tender relay`.
#[derive(Debug, Subcommand)]
pub enum Command {
	/// Set up a peer province in bridge slot `--slot`: proposes two council motions (signed by
	/// a council member), one registering the peer (name and genesis hash) and one
	/// initialising the slot's bridge with the peer's latest finalized header and its GRANDPA
	/// authority set, read from `--from`. Vote and close them as any motion
	/// (`tender consortium vote/close`).
	#[command(name = "peer-propose")]
	PeerPropose {
		/// A node of the peer province (ws://…).
		#[arg(long)]
		from: String,
		/// The bridge slot (0 or 1).
		#[arg(long, default_value_t = 0)]
		slot: u8,
		/// The peer's name, such as Shaanxi.
		#[arg(long)]
		name: String,
	},
	/// The registered peers, their bridges' best imported headers, and the recognised bars.
	#[command(name = "peer-show")]
	PeerShow,
	/// Propose the council motion that recognises the peer's certificate authority
	/// `--authority` (its CA id on the peer's chain; with `--disregard`, that stops
	/// recognising it): bidders it certified there may then bid here, once their certificate
	/// is relayed (`tender relay --certificate`). Signed by a council member.
	#[command(name = "peer-ca")]
	PeerCa {
		/// The peer's bridge slot (0 or 1).
		#[arg(long, default_value_t = 0)]
		slot: u8,
		/// The CA's id on the peer's chain (`tender cert authorities` there).
		#[arg(long)]
		authority: u32,
		/// How many of its certificates may be recognised here at most (a peer CA cannot
		/// mint accounts here without bound); proposing again changes it.
		#[arg(long, default_value_t = 1000)]
		quota: u32,
		/// Stop recognising the CA: its certificates stop applying here at once.
		#[arg(long)]
		disregard: bool,
	},
	/// Propose the council motion that withdraws the recognition of `--account`'s peer
	/// certificate: it may no longer bid here on any peer's certificate (the consortium's
	/// sanction of one account; a revocation is for the peer's CA). Signed by a council member.
	#[command(name = "peer-withdraw")]
	PeerWithdraw {
		/// The account (SS58).
		#[arg(long)]
		account: String,
	},
	/// Propose the council motion that removes the peer province of bridge slot `--slot`: the
	/// records recognised from it stop applying here (they stay as evidence, and apply again
	/// only if the slot is registered again). Signed by a council member.
	#[command(name = "peer-remove")]
	PeerRemove {
		/// The bridge slot (0 or 1).
		#[arg(long)]
		slot: u8,
	},
	/// Propose the council motion that disregards a peer's bar of a legal identity: it no
	/// longer applies here (for example a company wrongly barred there), until the peer records
	/// another violation. Signed by a council member.
	#[command(name = "peer-disregard-bar")]
	PeerDisregardBar {
		/// The bridge slot of the peer whose bar it is (0 or 1).
		#[arg(long, default_value_t = 0)]
		slot: u8,
		/// The legal identity: a unified social credit code or an identity hash (0x…, 32
		/// bytes).
		#[arg(long)]
		identity: String,
		/// Which bar.
		#[arg(long, value_enum)]
		bar: crate::credit::Bar,
	},
	/// Import one finalized header of the peer by hand: the next GRANDPA justification the
	/// node at `--from` sends, with its header, submitted to the bridge in `--slot`. The bridge
	/// imports it only if the peer's authority set signed it.
	#[command(name = "peer-import")]
	PeerImport {
		/// A node of the peer province (ws://…).
		#[arg(long)]
		from: String,
		/// The bridge slot (0 or 1).
		#[arg(long, default_value_t = 0)]
		slot: u8,
	},
	/// Carry the finality of the peer province at `--from` to this chain's bridge in `--slot`
	/// (mandatory authority-set changes first), and the records asked for: bars of legal
	/// identities (`--bar`) and notarized documents (`--document`), each proven again when it
	/// changes there. Resumes from the bridge's best imported header; prints each step and the
	/// lag. Runs until stopped, or with `--once` until this chain has caught up.
	Relay {
		/// A node of the peer province (ws://…).
		#[arg(long)]
		from: String,
		/// The bridge slot that follows the peer (0 or 1).
		#[arg(long, default_value_t = 0)]
		slot: u8,
		/// A legal identity whose bars to carry: a unified social credit code or an identity
		/// hash (0x…, 32 bytes). Repeat for more.
		#[arg(long = "bar")]
		bars: Vec<String>,
		/// A notarized document to carry: its SHA-256 or batch root (0x…), or the file (with
		/// its proof bundle next to it, if it was notarized in a batch). Repeat for more.
		#[arg(long = "document")]
		documents: Vec<String>,
		/// An account (SS58) whose certificate there to carry: it may bid here once its CA is
		/// recognised (`tender peer-ca`); its revocation there is carried too. Repeat for more.
		/// Every certificate of this peer recognised here already is followed as well, and
		/// proven again before its recognition lapses (half the runtime's time to live).
		#[arg(long = "certificate")]
		certificates: Vec<String>,
		/// Stop once this chain's bridge holds the peer's finalized header of the start (and
		/// the records are proven at it).
		#[arg(long)]
		once: bool,
	},
}

/// Runs a `tender peer …` or `tender relay` command.
pub async fn run(ctx: &Ctx, cmd: Command) -> Result<()> {
	match cmd {
		Command::PeerPropose { from, slot, name } => {
			let source = Node::connect(&from, None).await?;
			let target = ctx.node().await?;
			peer_propose(target, &source, slot, &name, &ctx.signer()?).await
		},
		Command::PeerShow => peer_show(ctx.node().await?, ctx.json()).await,
		Command::PeerCa { slot, authority, quota, disregard } => {
			let call = if disregard {
				RuntimeCall::Recognition(
					tenderchain::runtime_types::pallet_recognition::pallet::Call::disregard_authority {
						slot,
						authority,
					},
				)
			} else {
				RuntimeCall::Recognition(
					tenderchain::runtime_types::pallet_recognition::pallet::Call::recognise_authority {
						slot,
						authority,
						quota,
					},
				)
			};
			let what = if disregard {
				format!("no longer recognising the peer's CA {authority} (bridge slot {slot})")
			} else {
				format!(
					"recognising the peer's CA {authority} (bridge slot {slot}), at most {quota} of its certificates"
				)
			};
			consortium::propose(ctx.node().await?, &ctx.signer()?, call, &what).await
		},
		Command::PeerWithdraw { account } => {
			let who = crate::keys::account(&account)?;
			let call = RuntimeCall::Recognition(
				tenderchain::runtime_types::pallet_recognition::pallet::Call::withdraw_certificate {
					account: who,
				},
			);
			let what = format!("withdrawing the recognition of {account}'s peer certificate");
			consortium::propose(ctx.node().await?, &ctx.signer()?, call, &what).await
		},
		Command::PeerRemove { slot } => {
			// Only a registered peer is removed.
			let node = ctx.node().await?;
			let at = node.api.at_current_block().await?;
			let peer = try_read(&at, tenderchain::storage().recognition().peers(), (slot,))
				.await?
				.ok_or_else(|| {
					anyhow!("bridge slot {slot} has no peer province (see `tender peer-show`)")
				})?;
			let call = RuntimeCall::Recognition(
				tenderchain::runtime_types::pallet_recognition::pallet::Call::remove_peer { slot },
			);
			let what = format!(
				"removing peer {} (bridge slot {slot}): the records recognised from it stop applying here",
				String::from_utf8_lossy(&peer.name.0)
			);
			consortium::propose(node, &ctx.signer()?, call, &what).await
		},
		Command::PeerDisregardBar { slot, identity, bar } => {
			// The bar must be recognised from this peer, in force and not disregarded already.
			let node = ctx.node().await?;
			let identity = consortium::identity_arg(&identity, "--identity")?;
			let at = node.api.at_current_block().await?;
			let peer = try_read(&at, tenderchain::storage().recognition().peers(), (slot,))
				.await?
				.ok_or_else(|| {
					anyhow!("bridge slot {slot} has no peer province (see `tender peer-show`)")
				})?;
			let peer_name = String::from_utf8_lossy(&peer.name.0).into_owned();
			let known = try_read(
				&at,
				tenderchain::storage().recognition().peer_bars(),
				((identity, bar.to_chain(&node.metadata)?), slot),
			)
			.await?
			.filter(|b| b.generation == peer.generation && b.until.is_some());
			let Some(known) = known else {
				bail!(
					"no {} bar of identity 0x{} is recognised from {peer_name} (bridge slot {slot})",
					bar.name(),
					hex::encode(identity.0)
				);
			};
			if known.disregarded {
				bail!(
					"the {} bar of identity 0x{} recognised from {peer_name} is disregarded already",
					bar.name(),
					hex::encode(identity.0)
				);
			}
			let call = RuntimeCall::Recognition(
				tenderchain::runtime_types::pallet_recognition::pallet::Call::disregard_bar {
					slot,
					identity,
					bar: bar.to_chain(&node.metadata)?,
				},
			);
			let what = format!(
				"disregarding {peer_name}'s {} bar of identity 0x{} (violation {} there)",
				bar.name(),
				hex::encode(identity.0),
				known.record
			);
			consortium::propose(node, &ctx.signer()?, call, &what).await
		},
		Command::PeerImport { from, slot } => {
			let relay = Relay {
				source: Node::connect(&from, None).await?,
				target: ctx.node().await?,
				slot,
				signer: ctx.signer()?,
				identities: Vec::new(),
				documents: Vec::new(),
				accounts: Vec::new(),
				refused: Mutex::default(),
			};
			relay.import_next().await
		},
		Command::Relay { from, slot, bars, documents, certificates, once } => {
			let identities = bars.iter().map(|b| identity_arg(b)).collect::<Result<Vec<_>>>()?;
			let documents =
				documents.iter().map(|d| document_arg(d)).collect::<Result<Vec<_>>>()?;
			let accounts =
				certificates.iter().map(|a| crate::keys::account(a)).collect::<Result<Vec<_>>>()?;
			let source = Node::connect(&from, None).await?;
			let relay = Relay {
				source,
				target: ctx.node().await?,
				slot,
				signer: ctx.signer()?,
				identities,
				documents,
				accounts,
				refused: Mutex::default(),
			};
			relay.run(once).await
		},
	}
}

/// `--bar`: a credit code (its organisation identity) or a 32-byte identity hash.
fn identity_arg(text: &str) -> Result<H256> {
	let text = text.trim();
	if let Some(hex_part) = text.strip_prefix("0x") {
		let bytes = hex::decode(hex_part).map_err(|e| anyhow!("--bar '{text}' is not hex: {e}"))?;
		if bytes.len() != 32 {
			bail!("--bar '{text}' is {} bytes; an identity hash is 32", bytes.len());
		}
		return Ok(H256::from_slice(&bytes));
	}
	Ok(H256(identity::organisation_identity(text).with_context(|| format!("--bar '{text}'"))?))
}

/// `--document`: a SHA-256 (0x…), or a file: what is anchored for it (its batch's Merkle root
/// if its proof bundle is next to it, else its SHA-256).
fn document_arg(text: &str) -> Result<H256> {
	if let Some(hex_part) = text.trim().strip_prefix("0x") {
		let bytes =
			hex::decode(hex_part).map_err(|e| anyhow!("--document '{text}' is not hex: {e}"))?;
		if bytes.len() != 32 {
			bail!("--document '{text}' is {} bytes; a SHA-256 is 32", bytes.len());
		}
		return Ok(H256::from_slice(&bytes));
	}
	Ok(H256(crate::notary::anchored_key(std::path::Path::new(text))?))
}

/// Bar kind `i` (0 to 2), as the chain names them.
fn bar_kind(i: u8) -> ChainBar {
	match i {
		0 => ChainBar::Bidding,
		1 => ChainBar::Evaluation,
		_ => ChainBar::Publishing,
	}
}

/// The bridge of `slot` on `node`: its best imported header (number, hash) and its authority
/// set id; `None` if it was never initialised.
async fn bridge_state(node: &Node, slot: u8) -> Result<Option<(u32, H256, u64)>> {
	let at = node.api.at_current_block().await?;
	let (best, set) = match slot {
		0 => (
			try_read(&at, tenderchain::storage().peer_bridge0().best_finalized(), ()).await?,
			read(&at, tenderchain::storage().peer_bridge0().current_authority_set(), ()).await?,
		),
		1 => (
			try_read(&at, tenderchain::storage().peer_bridge1().best_finalized(), ()).await?,
			read(&at, tenderchain::storage().peer_bridge1().current_authority_set(), ()).await?,
		),
		_ => bail!("there is no bridge slot {slot}: the runtime has slots 0 and 1"),
	};
	Ok(best.map(|id| (id.0, id.1, set.set_id)))
}

/// The type id, in `node`'s metadata, of argument `arg` of the bridge's
/// `submit_finality_proof_ex` (the peer's header and justification types).
fn bridge_arg_type(node: &Node, arg: &str) -> Result<u32> {
	node.metadata
		.pallet_by_name("PeerBridge0")
		.and_then(|p| p.call_variant_by_name("submit_finality_proof_ex"))
		.and_then(|c| c.fields.iter().find(|f| f.name.as_deref() == Some(arg)))
		.map(|f| f.ty.id)
		.ok_or_else(|| anyhow!("the runtime of {} has no peer bridge (PeerBridge0)", node.url))
}

/// SCALE `bytes` of argument `arg` of the bridge's `submit_finality_proof_ex`, decoded into the
/// generated API's type `T`.
fn decode_arg<T: DecodeAsType>(node: &Node, arg: &str, bytes: &[u8]) -> Result<T> {
	let ty = bridge_arg_type(node, arg)?;
	T::decode_as_type(&mut &bytes[..], ty, node.metadata.types())
		.map_err(|e| anyhow!("cannot decode the peer's {arg}: {e}"))
}

/// The GRANDPA authorities (ed25519 key, weight) the bridge of `slot` on `node` checks
/// justifications against.
async fn bridge_authorities(node: &Node, slot: u8) -> Result<Vec<([u8; 32], u64)>> {
	let at = node.api.at_current_block().await?;
	let set = match slot {
		0 => read(&at, tenderchain::storage().peer_bridge0().current_authority_set(), ()).await?,
		1 => read(&at, tenderchain::storage().peer_bridge1().current_authority_set(), ()).await?,
		_ => bail!("there is no bridge slot {slot}: the runtime has slots 0 and 1"),
	};
	Ok(set.authorities.0.into_iter().map(|(key, weight)| (key.0, weight)).collect())
}

/// A GRANDPA justification in its SCALE form (`round`, commit, vote ancestries), as the
/// relayer trims it.
#[derive(Encode, Decode)]
#[codec(crate = subxt::ext::codec)]
struct RawJustification {
	round: u64,
	target_hash: H256,
	target_number: u32,
	precommits: Vec<RawPrecommit>,
	votes_ancestries: Vec<subxt::config::substrate::SubstrateHeader<H256>>,
}

/// A signed precommit: its target, the signature and the authority.
#[derive(Encode, Decode)]
#[codec(crate = subxt::ext::codec)]
struct RawPrecommit {
	target_hash: H256,
	target_number: u32,
	signature: [u8; 64],
	id: [u8; 32],
}

/// The justification `bytes` as the bridge takes it: a node's justification may carry more
/// signatures than the two-thirds-plus-one the bridge's strict check accepts (every validator
/// that voted), and vote ancestries only the dropped votes needed. Keeps the votes of
/// `authorities` in order until their weight reaches the threshold (no duplicates, no
/// unknown keys) and the ancestry headers the kept votes need. The bridge still verifies
/// every signature and the ancestry: this only removes. `None` if no vote is of `authorities`
/// (a justification of another chain, or of a set the bridge does not follow): it is
/// submitted as it is, for the bridge to refuse.
fn optimise(bytes: &[u8], authorities: &[([u8; 32], u64)]) -> Result<Option<Vec<u8>>> {
	use std::collections::{HashMap, HashSet};
	let mut j = RawJustification::decode(&mut &bytes[..])
		.context("a justification that does not decode")?;
	let total: u64 = authorities.iter().map(|(_, w)| w).sum();
	let threshold = total - total.saturating_sub(1) / 3;
	let (mut weight, mut seen, mut kept) = (0u64, HashSet::new(), Vec::new());
	for vote in std::mem::take(&mut j.precommits) {
		if weight >= threshold {
			break;
		}
		let Some((_, w)) = authorities.iter().find(|(key, _)| *key == vote.id) else { continue };
		if seen.insert(vote.id) {
			weight += w;
			kept.push(vote);
		}
	}
	if kept.is_empty() {
		return Ok(None);
	}
	j.precommits = kept;
	// The ancestry the kept votes need: from each vote's block back to the target.
	let hash = |h: &subxt::config::substrate::SubstrateHeader<H256>| {
		H256(sp_crypto_hashing::blake2_256(&h.encode()))
	};
	let parents: HashMap<H256, H256> =
		j.votes_ancestries.iter().map(|h| (hash(h), h.parent_hash)).collect();
	let mut needed = HashSet::new();
	for vote in &j.precommits {
		let mut at = vote.target_hash;
		while at != j.target_hash && needed.insert(at) {
			match parents.get(&at) {
				Some(parent) => at = *parent,
				None => break,
			}
		}
	}
	j.votes_ancestries.retain(|h| needed.contains(&hash(h)));
	Ok(Some(j.encode()))
}

/// The header `hash` of `source`, in the generated API's type (of the target's metadata: the
/// same runtime).
async fn header(source: &Node, target: &Node, hash: H256) -> Result<Header> {
	let header = source
		.rpc
		.chain_get_header(Some(hash))
		.await?
		.ok_or_else(|| anyhow!("{} does not know block {hash:?}", source.url))?;
	decode_arg(target, "finality_target", &header.encode())
}

/// The hash of block `number` of `node`.
async fn hash_of(node: &Node, number: u32) -> Result<H256> {
	node.rpc
		.chain_get_block_hash(Some(number.into()))
		.await?
		.ok_or_else(|| anyhow!("{} has no block #{number}", node.url))
}

/// The GRANDPA authority set id in force after block `hash` of `node`.
async fn set_id_at(node: &Node, hash: H256) -> Result<u64> {
	let at = node.api.at_block(hash).await?;
	read(&at, tenderchain::storage().grandpa().current_set_id(), ()).await
}

/// `tender peer-propose`.
async fn peer_propose(
	target: &Node,
	source: &Node,
	slot: u8,
	name: &str,
	signer: &subxt_signer::sr25519::Keypair,
) -> Result<()> {
	// The peer's latest finalized header and the authority set that finalizes its successors.
	let finalized = source.rpc.chain_get_finalized_head().await?;
	let head = header(source, target, finalized).await?;
	let at = source.api.at_block(finalized).await?;
	let authorities = read(&at, tenderchain::storage().grandpa().authorities(), ()).await?;
	let set_id = read(&at, tenderchain::storage().grandpa().current_set_id(), ()).await?;
	let genesis = hash_of(source, 0).await?;
	println!(
		"peer {name} at {}: genesis {genesis:?}, finalized #{} {finalized:?}, authority set {set_id} of {} validators",
		source.url,
		head.number,
		authorities.0.len()
	);
	let number = head.number;
	let init = InitializationData {
		header: Box::new(head),
		authority_list: authorities.0,
		set_id,
		operating_mode: BasicOperatingMode::Normal,
		__ignore: Default::default(),
	};
	let initialise = match slot {
		0 => RuntimeCall::PeerBridge0(
			tenderchain::runtime_types::pallet_bridge_grandpa::pallet::Call::initialize {
				init_data: init,
			},
		),
		1 => RuntimeCall::PeerBridge1(
			tenderchain::runtime_types::pallet_bridge_grandpa::pallet::Call::initialize {
				init_data: init,
			},
		),
		_ => bail!("there is no bridge slot {slot}: the runtime has slots 0 and 1"),
	};
	// Initialising a bridge is Root's: the motion enacts it.
	let enact = RuntimeCall::Consortium(
		tenderchain::runtime_types::pallet_consortium::pallet::Call::enact {
			call: Box::new(initialise),
		},
	);
	let register = RuntimeCall::Recognition(
		tenderchain::runtime_types::pallet_recognition::pallet::Call::register_peer {
			slot,
			name: crate::chain::bounded("the peer's name", name.as_bytes().to_vec(), 64)?,
			genesis,
		},
	);
	consortium::propose(
		target,
		signer,
		register,
		&format!("registering peer {name} in slot {slot}"),
	)
	.await?;
	consortium::propose(
		target,
		signer,
		enact,
		&format!("initialising bridge slot {slot} with {name}'s finalized #{number}"),
	)
	.await
}

/// `tender peer-show`.
async fn peer_show(node: &Node, json: bool) -> Result<()> {
	let at = node.api.at_current_block().await?;
	let mut slots = Vec::new();
	for slot in 0..2u8 {
		let peer = try_read(&at, tenderchain::storage().recognition().peers(), (slot,)).await?;
		let bridge = bridge_state(node, slot).await?;
		let mut doc = serde_json::json!({ "slot": slot, "peer": null, "bridge": null });
		if let Some(peer) = &peer {
			doc["peer"] = serde_json::json!({
				"name": output::text(&peer.name.0),
				"genesis": output::hash(&peer.genesis.0),
				"generation": peer.generation,
			});
		}
		if let (Some(_), Some((number, hash, set_id))) = (&peer, &bridge) {
			doc["bridge"] = serde_json::json!({
				"best_block": number,
				"best_hash": output::hash(&hash.0),
				"authority_set": set_id,
			});
		}
		slots.push(doc);
		if json {
			continue;
		}
		match (peer, bridge) {
			(Some(peer), Some((number, hash, set_id))) => println!(
				"slot {slot}: {} (genesis {:?}); bridge at #{number} {hash:?}, authority set {set_id}",
				String::from_utf8_lossy(&peer.name.0),
				peer.genesis
			),
			(Some(peer), None) => println!(
				"slot {slot}: {} (genesis {:?}); bridge not initialised (a council motion: tender peer-propose)",
				String::from_utf8_lossy(&peer.name.0),
				peer.genesis
			),
			(None, _) => println!("slot {slot}: no peer"),
		}
	}
	if json {
		output::print(&serde_json::json!({ "peers": slots }))?;
	}
	Ok(())
}

/// A running relayer.
struct Relay<'a> {
	source: Node,
	target: &'a Node,
	slot: u8,
	signer: subxt_signer::sr25519::Keypair,
	identities: Vec<H256>,
	documents: Vec<H256>,
	/// The accounts whose peer certificates to carry (besides those recognised here already).
	accounts: Vec<subxt::utils::AccountId32>,
	/// Records whose proof the target refused, by storage key, with the peer block of the
	/// refusal: tried again only [`RETRY_AFTER`] peer blocks later, so that one refused record
	/// neither stops the relayer nor is submitted at every header.
	refused: Mutex<HashMap<Vec<u8>, u32>>,
}

/// The parts of the encoded finality proof `grandpa_proveFinality` returns that the relayer
/// uses (the headers that follow them are not needed).
struct FinalityProof {
	/// The block the justification finalizes.
	block: H256,
	/// Its GRANDPA justification, SCALE-encoded.
	justification: Vec<u8>,
}

impl FinalityProof {
	/// Reads the block and the justification from the proof's encoding.
	fn decode(bytes: &[u8]) -> Result<FinalityProof> {
		let mut input = bytes;
		let block = H256::decode(&mut input).context("a finality proof without its block")?;
		let justification =
			Vec::<u8>::decode(&mut input).context("a finality proof without its justification")?;
		Ok(FinalityProof { block, justification })
	}
}

impl Relay<'_> {
	/// Relays until stopped (or, with `once`, until caught up with the peer's finalized head
	/// at the start).
	async fn run(&self, once: bool) -> Result<()> {
		let started = Instant::now();
		let goal = if once {
			let head = self.source.rpc.chain_get_finalized_head().await?;
			Some(self.source.block_number(head).await? as u32)
		} else {
			None
		};
		let mut justifications = self.justifications().await?;
		println!(
			"relaying {} → {} (bridge slot {}); {} identities' bars, {} documents, {} certificates",
			self.source.url,
			self.target.url,
			self.slot,
			self.identities.len(),
			self.documents.len(),
			self.accounts.len()
		);
		let mut proven_at: Option<H256> = None;
		// When the peer's justification of the last header imported arrived (its finality
		// there, as near as the relayer sees it): the lag of what is recognised at it.
		let mut finalized_there: Option<(H256, Instant)> = None;
		loop {
			let (best, best_hash, set_id) = bridge_state(self.target, self.slot)
				.await?
				.ok_or_else(|| {
					anyhow!(
						"bridge slot {} of {} is not initialised: a council motion does it (tender peer-propose --from {} --slot {} --name …)",
						self.slot, self.target.url, self.source.url, self.slot
					)
				})?;
			// A mandatory header first: the one that changes the peer's authority set.
			let finalized = self.source.rpc.chain_get_finalized_head().await?;
			let finalized_number = self.source.block_number(finalized).await? as u32;
			if set_id_at(&self.source, finalized).await? > set_id {
				let change = self.change_block(best, finalized_number, set_id).await?;
				self.import_proven(change, set_id, "authority-set change").await?;
				continue;
			}
			// Records, proven at the best imported header.
			if proven_at != Some(best_hash) {
				let since = finalized_there.filter(|(h, _)| *h == best_hash).map(|(_, t)| t);
				self.prove_records(best_hash, best, since).await?;
				proven_at = Some(best_hash);
			}
			if goal.is_some_and(|goal| best >= goal) {
				println!("caught up: bridge at #{best} ({:.1} s)", started.elapsed().as_secs_f64());
				return Ok(());
			}
			// The next justification the peer's GRANDPA sends (or a check again after IDLE).
			let mut next = tokio::time::timeout(IDLE * 5, justifications.next()).await;
			// Only the newest of those already arrived: one finalized header carries the
			// peer's finality of all before it, and the relayer keeps up with the peer.
			while let Ok(Some(Ok(_))) = next {
				match tokio::time::timeout(Duration::ZERO, justifications.next()).await {
					Ok(Some(Ok(newer))) => next = Ok(Some(Ok(newer))),
					_ => break,
				}
			}
			let encoded = match next {
				Ok(Some(Ok(encoded))) => encoded,
				Ok(Some(Err(e))) => {
					bail!("the justification subscription of {} failed: {e}", self.source.url)
				},
				Ok(None) => bail!("{} closed the justification subscription", self.source.url),
				Err(_) => {
					// No round finished lately: ask for a proof of the finalized head.
					if finalized_number > best {
						self.import_proven(finalized_number, set_id, "finalized head").await?;
					}
					continue;
				},
			};
			let bytes = hex::decode(encoded.trim_start_matches("0x"))?;
			let bytes = optimise(&bytes, &bridge_authorities(self.target, self.slot).await?)?
				.unwrap_or(bytes);
			let justification: GrandpaJustification<Header> =
				decode_arg(self.target, "justification", &bytes)?;
			let (target_hash, target_number) =
				(justification.commit.target_hash, justification.commit.target_number);
			if target_number <= best {
				continue;
			}
			if set_id_at(&self.source, target_hash).await? != set_id
				&& set_id_at(&self.source, hash_of(&self.source, target_number - 1).await?).await?
					!= set_id
			{
				// Finalized by a later set: the change header goes first (next loop).
				continue;
			}
			let arrived = Instant::now();
			let head = header(&self.source, self.target, target_hash).await?;
			self.submit(head, justification, set_id, finalized_number).await?;
			println!(
				"  peer #{target_number} final here {:.1} s after its justification arrived",
				arrived.elapsed().as_secs_f64()
			);
			finalized_there = Some((target_hash, arrived));
		}
	}

	/// The source's GRANDPA justifications, SCALE-encoded in hex, as its rounds finish.
	async fn justifications(&self) -> Result<subxt::rpcs::client::RpcSubscription<String>> {
		self.source
			.raw
			.subscribe::<String>(
				"grandpa_subscribeJustifications",
				subxt::rpcs::rpc_params![],
				"grandpa_unsubscribeJustifications",
			)
			.await
			.map_err(|e| anyhow!("{} refused the justification subscription: {e}", self.source.url))
	}

	/// Imports the header of the next justification the source sends, as it is (trimmed to
	/// the bridge's authorities if any of them signed it).
	async fn import_next(&self) -> Result<()> {
		let (best, _, set_id) = bridge_state(self.target, self.slot).await?.ok_or_else(|| {
			anyhow!("bridge slot {} of {} is not initialised", self.slot, self.target.url)
		})?;
		let mut justifications = self.justifications().await?;
		let encoded = tokio::time::timeout(IDLE * 30, justifications.next())
			.await
			.map_err(|_| anyhow!("{} sent no justification within a minute", self.source.url))?
			.ok_or_else(|| anyhow!("{} closed the justification subscription", self.source.url))?
			.map_err(|e| anyhow!("the justification subscription failed: {e}"))?;
		let bytes = hex::decode(encoded.trim_start_matches("0x"))?;
		let bytes =
			optimise(&bytes, &bridge_authorities(self.target, self.slot).await?)?.unwrap_or(bytes);
		let justification: GrandpaJustification<Header> =
			decode_arg(self.target, "justification", &bytes)?;
		let head = header(&self.source, self.target, justification.commit.target_hash).await?;
		println!(
			"peer header #{} of {} (the bridge is at #{best}, authority set {set_id})",
			head.number, self.source.url
		);
		let finalized = self.source.rpc.chain_get_finalized_head().await?;
		let finalized_number = self.source.block_number(finalized).await? as u32;
		self.submit(head, justification, set_id, finalized_number).await
	}

	/// The first block after `from` (up to `to`) whose set id exceeds `set_id`: the header
	/// that announces the change, finalized by the set `set_id`.
	async fn change_block(&self, from: u32, to: u32, set_id: u64) -> Result<u32> {
		let (mut low, mut high) = (from, to);
		while high > low + 1 {
			let mid = low + (high - low) / 2;
			if set_id_at(&self.source, hash_of(&self.source, mid).await?).await? > set_id {
				high = mid;
			} else {
				low = mid;
			}
		}
		Ok(high)
	}

	/// Imports block `number` of the peer with the justification `grandpa_proveFinality`
	/// gives for it.
	async fn import_proven(&self, number: u32, set_id: u64, what: &str) -> Result<()> {
		let encoded: Option<String> = self
			.source
			.raw
			.request("grandpa_proveFinality", subxt::rpcs::rpc_params![number])
			.await
			.map_err(|e| anyhow!("{} gave no finality proof of #{number}: {e}", self.source.url))?;
		let encoded = encoded
			.ok_or_else(|| anyhow!("{} has no finality proof of #{number} yet", self.source.url))?;
		let proof = FinalityProof::decode(&hex::decode(encoded.trim_start_matches("0x"))?)?;
		let bytes =
			optimise(&proof.justification, &bridge_authorities(self.target, self.slot).await?)?
				.unwrap_or(proof.justification);
		let justification: GrandpaJustification<Header> =
			decode_arg(self.target, "justification", &bytes)?;
		let head = header(&self.source, self.target, proof.block).await?;
		println!("peer #{} ({what})", head.number);
		let finalized = self.source.rpc.chain_get_finalized_head().await?;
		let finalized_number = self.source.block_number(finalized).await? as u32;
		self.submit(head, justification, set_id, finalized_number).await
	}

	/// Submits `head` with `justification` to the bridge; an old header (another relayer was
	/// first) is skipped.
	async fn submit(
		&self,
		head: Header,
		justification: GrandpaJustification<Header>,
		set_id: u64,
		source_finalized: u32,
	) -> Result<()> {
		let number = head.number;
		let what = format!("peer header #{number}");
		let result = match self.slot {
			0 => {
				let call = tenderchain::transactions().peer_bridge0().submit_finality_proof_ex(
					head,
					justification,
					set_id,
					false,
				);
				self.target.submit_signed(&call, &self.signer, &what).await
			},
			_ => {
				let call = tenderchain::transactions().peer_bridge1().submit_finality_proof_ex(
					head,
					justification,
					set_id,
					false,
				);
				self.target.submit_signed(&call, &self.signer, &what).await
			},
		};
		match result {
			Ok(included) => {
				println!(
					"imported peer #{number} in block {included}; peer finalized #{source_finalized} (lag {} blocks)",
					source_finalized.saturating_sub(number)
				);
				Ok(())
			},
			Err(e) if format!("{e:#}").contains("OldHeader") => {
				println!("peer #{number} imported already (another relayer)");
				Ok(())
			},
			Err(e) => Err(e),
		}
	}

	/// Proves each record asked for at the imported peer header `at` (block `number`), when
	/// its state there differs from the state recognised here.
	///
	/// `since`: when the peer's justification of `at` arrived, to print each record's lag.
	async fn prove_records(&self, at: H256, number: u32, since: Option<Instant>) -> Result<()> {
		let lag = || {
			since
				.map(|t| {
					format!(" ({:.1} s after the peer finalized it)", t.elapsed().as_secs_f64())
				})
				.unwrap_or_default()
		};
		let source_at = self.source.api.at_block(at).await?;
		let target_at = self.target.api.at_current_block().await?;
		for identity in &self.identities {
			for kind in 0..3u8 {
				let bar = bar_kind(kind);
				let there = try_read(
					&source_at,
					tenderchain::storage().certificates().bars(),
					(*identity, bar_kind(kind)),
				)
				.await?;
				let here = try_read(
					&target_at,
					tenderchain::storage().recognition().peer_bars(),
					((*identity, bar_kind(kind)), self.slot),
				)
				.await?;
				let changed = match (&there, &here) {
					(Some(t), Some(h)) => h.until != Some(t.until) && h.evidence.block < number,
					(Some(_), None) => true,
					(None, Some(h)) => h.until.is_some() && h.evidence.block < number,
					(None, None) => false,
				};
				let key = source_at
					.storage()
					.entry(tenderchain::storage().certificates().bars())?
					.fetch_key((*identity, bar_kind(kind)))?;
				if !changed || self.waiting(&key, number) {
					continue;
				}
				let proof = self.read_proof(&key, at).await?;
				let call = tenderchain::transactions().recognition().recognise_bar(
					self.slot,
					at,
					*identity,
					bar_kind(kind),
					proof,
				);
				let what = format!("the peer's {bar:?} bar of identity {identity:?}");
				let Some(included) = self.carry(&key, number, &call, &what).await else { continue };
				match there {
					Some(t) => println!(
						"recognised {what} (until {}) at peer #{number}, in block {included}{}",
						crate::time::show(t.until),
						lag()
					),
					None => println!(
						"recognised the lift of {what} at peer #{number}, in block {included}{}",
						lag()
					),
				}
			}
		}
		for document in &self.documents {
			let here = try_read(
				&target_at,
				tenderchain::storage().recognition().peer_anchors(),
				(self.slot, *document),
			)
			.await?;
			if here.is_some() {
				continue;
			}
			let there =
				try_read(&source_at, tenderchain::storage().notary().anchors(), (*document,))
					.await?;
			if there.is_none() {
				continue;
			}
			let key = source_at
				.storage()
				.entry(tenderchain::storage().notary().anchors())?
				.fetch_key((*document,))?;
			if self.waiting(&key, number) {
				continue;
			}
			let proof = self.read_proof(&key, at).await?;
			let call = tenderchain::transactions()
				.recognition()
				.recognise_anchor(self.slot, at, *document, proof);
			let what = format!("the peer's document {document:?}");
			if let Some(included) = self.carry(&key, number, &call, &what).await {
				println!("recognised {what} at peer #{number}, in block {included}{}", lag());
			}
		}
		// The certificates asked for, and every certificate of this peer recognised here: a
		// recognition lapses after the runtime's time to live unless proven again, so the
		// relayer renews it at half that, and carries a revocation as soon as it sees one.
		let ttl = target_at
			.constants()
			.entry(tenderchain::constants().recognition().peer_certificate_ttl())?;
		let now = read(&target_at, tenderchain::storage().timestamp().now(), ()).await?;
		let mut accounts = self.accounts.clone();
		for ((account,), held) in
			read_map(&target_at, tenderchain::storage().recognition().peer_certificates()).await?
		{
			if held.slot == self.slot && !held.withdrawn && !accounts.contains(&account) {
				accounts.push(account);
			}
		}
		for account in &accounts {
			let there = try_read(
				&source_at,
				tenderchain::storage().certificates().certificates(),
				(account.clone(),),
			)
			.await?;
			let here = try_read(
				&target_at,
				tenderchain::storage().recognition().peer_certificates(),
				(account.clone(),),
			)
			.await?;
			let changed = match (&there, &here) {
				(_, Some(h)) if h.withdrawn => false,
				(Some(t), Some(h)) => {
					// (A revocation is recorded here with this chain's time, not the peer's.)
					let differs = (
						h.certificate.authority,
						h.certificate.serial,
						h.certificate.revoked_at.is_some(),
					) != (t.authority, t.serial, t.revoked_at.is_some());
					let due = h.certificate.revoked_at.is_none()
						&& h.recognised_at.saturating_add(ttl / 2) <= now;
					h.slot == self.slot && h.evidence.block < number && (differs || due)
				},
				(Some(t), None) => t.revoked_at.is_none(),
				(None, Some(h)) => {
					h.slot == self.slot
						&& h.evidence.block < number
						&& h.certificate.revoked_at.is_none()
				},
				(None, None) => false,
			};
			let key = source_at
				.storage()
				.entry(tenderchain::storage().certificates().certificates())?
				.fetch_key((account.clone(),))?;
			if !changed || self.waiting(&key, number) {
				continue;
			}
			let proof = self.read_proof(&key, at).await?;
			let call = tenderchain::transactions().recognition().recognise_certificate(
				self.slot,
				at,
				account.clone(),
				proof,
			);
			let what = format!("the peer's certificate of {account}");
			let Some(included) = self.carry(&key, number, &call, &what).await else { continue };
			match there.filter(|t| t.revoked_at.is_none()) {
				Some(t) => println!(
					"recognised {what} (CA {} serial {}, valid until {}) at peer #{number}, in block {included}{}",
					t.authority,
					t.serial,
					crate::time::show(t.valid_until),
					lag()
				),
				None => println!(
					"recognised the revocation of {what} at peer #{number}, in block {included}{}",
					lag()
				),
			}
		}
		Ok(())
	}

	/// Submits `call`, the proof of the record at storage `key` of peer block `number`. A
	/// refusal is printed and remembered, not an error: the record is tried again
	/// [`RETRY_AFTER`] peer blocks later, and the relayer carries on with the others. Returns
	/// the block it was included in, if it was.
	async fn carry<Call: subxt::transactions::Payload>(
		&self,
		key: &[u8],
		number: u32,
		call: &Call,
		what: &str,
	) -> Option<Included> {
		match self.target.submit_signed(call, &self.signer, what).await {
			Ok(included) => Some(included),
			Err(e) => {
				let reason = format!("{e:#}");
				if reason.contains("ProofNotNewer") {
					println!("{what}: proven at a later peer block already (another relayer)");
				} else {
					eprintln!(
						"not carried: {what} at peer #{number}: {reason} (tried again in {RETRY_AFTER} peer blocks)"
					);
					if let Ok(mut refused) = self.refused.lock() {
						refused.insert(key.to_vec(), number);
					}
				}
				None
			},
		}
	}

	/// Whether the record at storage `key` was refused less than [`RETRY_AFTER`] peer blocks
	/// before block `number`.
	fn waiting(&self, key: &[u8], number: u32) -> bool {
		self.refused.lock().is_ok_and(|refused| {
			refused.get(key).is_some_and(|at| number < at.saturating_add(RETRY_AFTER))
		})
	}

	/// The peer's read proof of `key` at block `at`, as the recognition pallet takes it.
	async fn read_proof(&self, key: &[u8], at: H256) -> Result<BoundedVec<BoundedVec<u8>>> {
		let proof = self.source.rpc.state_get_read_proof([key], Some(at)).await?;
		let nodes: Vec<BoundedVec<u8>> =
			proof.proof.into_iter().map(|node| BoundedVec(node.0)).collect();
		Ok(BoundedVec(nodes))
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use subxt::config::substrate::{Digest, SubstrateHeader};

	/// A header at `number` on top of `parent`, told apart by `fork`.
	fn header(number: u64, parent: H256, fork: u8) -> SubstrateHeader<H256> {
		SubstrateHeader {
			parent_hash: parent,
			number,
			state_root: H256::repeat_byte(fork),
			extrinsics_root: H256::zero(),
			digest: Digest::default(),
		}
	}

	fn hash(h: &SubstrateHeader<H256>) -> H256 {
		H256(sp_crypto_hashing::blake2_256(&h.encode()))
	}

	/// Four validators voted (each on its own descendant of the target); the bridge takes
	/// three of them (4 − ⌊3/3⌋) and only the ancestry those three need.
	#[test]
	fn a_justification_signed_by_every_validator_is_trimmed_to_the_threshold() {
		let target = H256::repeat_byte(0xaa);
		let children: Vec<_> = (1..=4u8).map(|fork| header(11, target, fork)).collect();
		let authorities: Vec<([u8; 32], u64)> = (1..=4u8).map(|i| ([i; 32], 1)).collect();
		let precommits = children
			.iter()
			.zip(&authorities)
			.map(|(child, (id, _))| RawPrecommit {
				target_hash: hash(child),
				target_number: 11,
				signature: [0; 64],
				id: *id,
			})
			.collect();
		let mut justification = RawJustification {
			round: 1,
			target_hash: target,
			target_number: 10,
			precommits,
			votes_ancestries: children.clone(),
		};
		// A vote by a key not in the set and a duplicate vote are dropped too.
		justification.precommits.insert(
			0,
			RawPrecommit {
				target_hash: target,
				target_number: 10,
				signature: [0; 64],
				id: [9; 32],
			},
		);
		justification.precommits.insert(
			2,
			RawPrecommit {
				target_hash: target,
				target_number: 10,
				signature: [0; 64],
				id: [1; 32],
			},
		);
		let trimmed = optimise(&justification.encode(), &authorities)
			.expect("trims")
			.expect("votes of the set");
		let trimmed = RawJustification::decode(&mut &trimmed[..]).expect("decodes");
		let ids: Vec<[u8; 32]> = trimmed.precommits.iter().map(|p| p.id).collect();
		assert_eq!(ids, vec![[1; 32], [2; 32], [3; 32]]);
		let kept: Vec<H256> = trimmed.votes_ancestries.iter().map(hash).collect();
		assert_eq!(kept, children[..3].iter().map(hash).collect::<Vec<_>>());
	}
}
