//! `tender consortium`: the cities, the council's motions, and a city's own validator keys and
//! node identity.
//!
//! Admitting and removing a city are council motions: a trading centre proposes (and votes aye
//! at once), other trading centres vote, and anyone closes the motion once two thirds have
//! voted aye. Every listing says who voted what and what is still needed.
//!
//! So are the consortium's other decisions: admitting and removing a certificate authority,
//! revoking a certificate and restoring a legal identity, naming the expert-pool
//! administrator, resuming a suspended tender, and setting the stored parameters (a motion of
//! `Consortium::enact`, which dispatches `System::set_storage` as Root). `tender credit lift`
//! and the `tender peer-…` commands propose their motions through [`propose`] too.

use std::path::PathBuf;

use anyhow::{anyhow, bail, Context, Result};
use clap::{ArgGroup, Args, Subcommand};
use subxt::utils::{AccountId32, H256};

use subxt_signer::sr25519::Keypair;

use crate::{
	certs::Role,
	chain::{self, read, read_map, tenderchain, try_read, Node},
	ctx::Ctx,
	files, identity,
	keys::{self, account},
	output::{self, say},
	parameters::{self, Span, PARAMETERS},
	tendering, time,
};
use tenderchain::runtime_types::{
	bounded_collections::bounded_vec::BoundedVec, frame_system::pallet::Call as SystemCall,
	pallet_certificates::pallet::Call as CertificatesCall,
	pallet_consortium::pallet::Call as ConsortiumCall,
	pallet_expert_draw::pallet::Call as ExpertDrawCall,
	pallet_recognition::pallet::Call as RecognitionCall,
	pallet_tendering::pallet::Call as TenderingCall, tenderchain_runtime::RuntimeCall,
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
	/// Propose (and vote aye on) admitting a certificate authority (CA) of a city, with its
	/// ed25519 signing keys and its validity window. Once admitted, the certificates it signs
	/// count in every city.
	ProposeAdmitCa {
		/// The CA's name.
		#[arg(long)]
		name: String,
		/// The city whose CA it is (an admitted city's code): only a city's own CA certifies
		/// the supervisors of that city.
		#[arg(long)]
		city: String,
		/// A public signing key of the CA (0x…, 32 bytes, as `tender ca keygen` prints it);
		/// repeat for several.
		#[arg(long = "key", required = true)]
		keys: Vec<String>,
		/// Valid from: 2026-12-01T10:00:00+08:00 or 2026-12-01 10:00 (China time); default: an
		/// hour ago.
		#[arg(long)]
		valid_from: Option<String>,
		/// Valid for this many days.
		#[arg(long, default_value_t = 3650)]
		valid_days: u64,
	},
	/// Propose (and vote aye on) removing a certificate authority: its record stays, and its
	/// certificates stop counting at once.
	ProposeRemoveCa {
		/// The CA's id on chain (see `tender ca list`).
		#[arg(long)]
		authority: u32,
	},
	/// Propose (and vote aye on) revoking an account's certificate (the consortium's decision;
	/// a CA revokes its own with `tender ca revoke`): its serial can never be registered again,
	/// and its legal identity gets no new certificate until the consortium restores it
	/// (`tender consortium propose-restore-identity`).
	ProposeRevokeCertificate {
		/// The certified account (SS58).
		#[arg(long)]
		account: String,
	},
	/// Propose (and vote aye on) restoring a legal identity whose certificate was revoked: it
	/// may be certified again, with a new serial (revoked serials stay revoked).
	#[command(group(ArgGroup::new("whose").required(true).args(["identity", "account"])))]
	ProposeRestoreIdentity {
		/// The legal identity: an organisation's unified social credit code, or an identity
		/// hash (0x…, 32 bytes).
		#[arg(long)]
		identity: Option<String>,
		/// Or an account whose revoked certificate names the identity (SS58).
		#[arg(long)]
		account: Option<String>,
	},
	/// Propose (and vote aye on) naming the expert-pool administrator, who keeps the pool
	/// (`tender expert pool-…`). It may be neither a trading centre nor a supervisor
	/// (三端分离); it replaces the administrator named before.
	ProposePoolAdministrator {
		/// The administrator's account (SS58).
		#[arg(long)]
		account: String,
	},
	/// Propose (and vote aye on) resuming a suspended tender, whoever suspended it: the running
	/// window is extended by the time suspended, and the supervisor who suspended it is
	/// overruled (it may not suspend this tender again).
	ProposeResumeTender {
		/// The tender.
		tender: u64,
		/// The council's written reasons, a file; its SHA-256 goes on chain.
		#[arg(long)]
		reason: PathBuf,
	},
	/// Propose (and vote aye on) setting stored parameters of the chain: one motion enacting
	/// `System::set_storage` as Root (`Consortium::enact`). Durations: 20d, 36h, 90m, 60s;
	/// the parameters counted in blocks also take blocks (28800b).
	ProposeParameter(ParameterArgs),
}

/// `tender consortium propose-parameter`: the parameters to set (at least one). Each option's
/// name is its [`parameters::Parameter::flag`].
#[derive(Debug, Args)]
#[command(group(ArgGroup::new("parameters").required(true).multiple(true)))]
pub struct ParameterArgs {
	/// MinTenderNotice: the least time between publishing (or amending) a tender and its bid
	/// deadline (20d under the Bidding Law §24).
	#[arg(long, value_parser = parameters::span, value_name = "DURATION", group = "parameters")]
	min_notice: Option<Span>,
	/// ComplaintPeriod: the complaint period (公示) after the winning candidate is published
	/// (3d).
	#[arg(long, value_parser = parameters::span, value_name = "DURATION", group = "parameters")]
	complaint_period: Option<Span>,
	/// MinAmendmentNotice: the least time left before the deadline when the tender documents
	/// change (15d under §23).
	#[arg(long, value_parser = parameters::span, value_name = "DURATION", group = "parameters")]
	min_amendment_notice: Option<Span>,
	/// ObjectionAnswerPeriod: the time the tenderer has to answer an objection (3d under the
	/// Implementing Regulations §54).
	#[arg(long, value_parser = parameters::span, value_name = "DURATION", group = "parameters")]
	objection_answer_period: Option<Span>,
	/// AwardComplaintPeriod: the time to complain to the supervisors after an objection's
	/// answer or the award (10d under §60).
	#[arg(long, value_parser = parameters::span, value_name = "DURATION", group = "parameters")]
	award_complaint_period: Option<Span>,
	/// ContractPeriod: the time to sign the contract after the award notice (30d under §46).
	#[arg(long, value_parser = parameters::span, value_name = "DURATION", group = "parameters")]
	contract_period: Option<Span>,
	/// ExpertPoolChangeDelay, in blocks: how long before a change to the expert pool takes
	/// effect (a day: 1d, or 28800b).
	#[arg(long, value_parser = parameters::span, value_name = "DURATION", group = "parameters")]
	pool_change_delay: Option<Span>,
	/// ExpertSeatingWindow, in blocks: how long a drawn expert has to take the seat once
	/// evaluation has begun (for example 2h, or 2400b).
	#[arg(long, value_parser = parameters::span, value_name = "DURATION", group = "parameters")]
	seating_window: Option<Span>,
}

impl ParameterArgs {
	/// The parameters given, each with its value as typed, in [`PARAMETERS`] order.
	fn given(&self) -> Vec<(&'static parameters::Parameter, Span)> {
		let values = [
			("min-notice", self.min_notice),
			("complaint-period", self.complaint_period),
			("min-amendment-notice", self.min_amendment_notice),
			("objection-answer-period", self.objection_answer_period),
			("award-complaint-period", self.award_complaint_period),
			("contract-period", self.contract_period),
			("pool-change-delay", self.pool_change_delay),
			("seating-window", self.seating_window),
		];
		PARAMETERS
			.iter()
			.filter_map(|p| {
				values.iter().find(|(flag, _)| *flag == p.flag).and_then(|(_, v)| v.map(|v| (p, v)))
			})
			.collect()
	}
}

/// Runs a `tender consortium` command.
pub async fn run(ctx: &Ctx, cmd: Command) -> Result<()> {
	match cmd {
		Command::List => list(ctx.node().await?, ctx.json()).await,
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
		Command::ProposeAdmitCa { name, city, keys, valid_from, valid_days } => {
			let signer = ctx.signer()?;
			propose_admit_ca(ctx.node().await?, &signer, name, city, keys, valid_from, valid_days)
				.await
		},
		Command::ProposeRemoveCa { authority } => {
			let signer = ctx.signer()?;
			let node = ctx.node().await?;
			// The CA must be on chain and not removed already.
			let at = node.api.at_current_block().await?;
			let ca =
				try_read(&at, tenderchain::storage().certificates().authorities(), (authority,))
					.await?
					.ok_or_else(|| {
						anyhow!("there is no CA {authority} on this chain (see `tender ca list`)")
					})?;
			if let Some(removed) = ca.removed_at {
				bail!(
					"CA {authority} ({}) was already removed at {}",
					String::from_utf8_lossy(&ca.name.0),
					time::show(removed)
				);
			}
			let call = RuntimeCall::Certificates(CertificatesCall::remove_authority { authority });
			let what = format!(
				"removing CA {authority} ({} of city {}): its certificates stop counting",
				String::from_utf8_lossy(&ca.name.0),
				String::from_utf8_lossy(&ca.city.0)
			);
			propose(node, &signer, call, &what).await
		},
		Command::ProposeRevokeCertificate { account: who } => {
			let signer = ctx.signer()?;
			let node = ctx.node().await?;
			// The account must hold a certificate registered here, not yet revoked.
			let id = account(&who)?;
			let at = node.api.at_current_block().await?;
			let cert =
				try_read(&at, tenderchain::storage().certificates().certificates(), (id.clone(),))
					.await?
					.ok_or_else(|| {
						anyhow!(
							"{who} holds no certificate registered here (a peer province's \
							 certificate recognised here is withdrawn with `tender peer-withdraw`)"
						)
					})?;
			if let Some(revoked) = cert.revoked_at {
				bail!("the certificate of {who} was already revoked at {}", time::show(revoked));
			}
			let call =
				RuntimeCall::Certificates(CertificatesCall::revoke_by_consortium { account: id });
			let what = format!(
				"revoking the certificate of {who} ({}, certificate {} of CA {}); its legal \
				 identity 0x{} gets no new certificate until it is restored",
				String::from_utf8_lossy(&cert.name.0),
				cert.serial,
				cert.authority,
				hex::encode(cert.identity_hash.0)
			);
			propose(node, &signer, call, &what).await
		},
		Command::ProposeRestoreIdentity { identity, account: who } => {
			let signer = ctx.signer()?;
			let node = ctx.node().await?;
			let at = node.api.at_current_block().await?;
			// The identity: given, or from the account's (revoked) certificate.
			let identity = match (identity, who) {
				(Some(text), _) => identity_arg(&text, "--identity")?,
				(None, Some(who)) => {
					let id = account(&who)?;
					try_read(&at, tenderchain::storage().certificates().certificates(), (id,))
						.await?
						.ok_or_else(|| anyhow!("{who} holds no certificate registered here"))?
						.identity_hash
				},
				(None, None) => bail!("give --identity or --account"),
			};
			// Only a revoked identity is restored.
			let revoked = try_read(
				&at,
				tenderchain::storage().certificates().revoked_identities(),
				(identity,),
			)
			.await?
			.ok_or_else(|| {
				anyhow!(
					"the legal identity 0x{} is not revoked: there is nothing to restore",
					hex::encode(identity.0)
				)
			})?;
			let call = RuntimeCall::Certificates(CertificatesCall::restore_identity { identity });
			let what = format!(
				"restoring the legal identity 0x{} (revoked at {}): it may be certified again",
				hex::encode(identity.0),
				time::show(revoked)
			);
			propose(node, &signer, call, &what).await
		},
		Command::ProposePoolAdministrator { account: who } => {
			let signer = ctx.signer()?;
			propose_pool_administrator(ctx.node().await?, &signer, &who).await
		},
		Command::ProposeResumeTender { tender, reason } => {
			let signer = ctx.signer()?;
			let node = ctx.node().await?;
			// Only a suspended tender is resumed.
			let t = tendering::tender_record(node, tender).await?;
			if !t.suspended {
				bail!(
					"tender {tender} is not suspended ({}): there is nothing to resume",
					tendering::state_name(&t.state)
				);
			}
			let reason_hash = files::sha256(&reason)?;
			let call = RuntimeCall::Tendering(TenderingCall::resume_by_council {
				tender,
				reason: reason_hash.into(),
			});
			let what = format!(
				"resuming suspended tender {tender} ('{}'), overruling its suspension; reasons \
				 {} (0x{})",
				String::from_utf8_lossy(&t.title.0),
				reason.display(),
				hex::encode(reason_hash)
			);
			propose(node, &signer, call, &what).await
		},
		Command::ProposeParameter(args) => {
			let signer = ctx.signer()?;
			propose_parameters(ctx.node().await?, &signer, &args).await
		},
	}
}

/// `tender consortium propose-admit-ca`.
async fn propose_admit_ca(
	node: &Node,
	signer: &Keypair,
	name: String,
	city: String,
	key_texts: Vec<String>,
	valid_from: Option<String>,
	valid_days: u64,
) -> Result<()> {
	// The city must be admitted, each key 32 bytes, given once and no other CA's.
	let at = node.api.at_current_block().await?;
	let city_code = city_id(&city)?;
	if try_read(&at, tenderchain::storage().consortium().cities(), (city_id(&city)?,))
		.await?
		.is_none()
	{
		bail!("{city} is not a city of the consortium (see `tender consortium list`)");
	}
	let mut parsed: Vec<[u8; 32]> = Vec::with_capacity(key_texts.len());
	for key in &key_texts {
		let bytes = keys::hex32(key, "the CA key (--key)")?;
		if parsed.contains(&bytes) {
			bail!("the key {key} is given twice");
		}
		if let Some(other) =
			try_read(&at, tenderchain::storage().certificates().authority_of_key(), (bytes,))
				.await?
		{
			bail!("the key {key} is already CA {other}'s (see `tender ca list`)");
		}
		parsed.push(bytes);
	}
	// The validity window, by default from an hour ago (the chain's clock lags this
	// machine's by a few seconds).
	if valid_days == 0 {
		bail!("--valid-days must be at least 1");
	}
	let valid_from = match valid_from {
		Some(t) => time::parse(&t)?,
		None => time::now_ms().saturating_sub(3_600_000),
	};
	let valid_until = valid_from.saturating_add(valid_days.saturating_mul(86_400_000));
	let key_count = parsed.len();
	let call = RuntimeCall::Certificates(CertificatesCall::admit_authority {
		name: chain::bounded(
			&format!("the CA name '{name}' (UTF-8 bytes)"),
			name.clone().into_bytes(),
			node.bound("Certificates", "MaxNameLen")?,
		)?,
		city: city_code,
		keys: chain::bounded(
			"the list of --key",
			parsed,
			node.bound("Certificates", "MaxAuthorityKeys")?,
		)?,
		valid_from,
		valid_until,
	});
	let what = format!(
		"admitting the CA '{name}' of city {city} with {key_count} key(s), valid {} to {}",
		time::show(valid_from),
		time::show(valid_until)
	);
	propose(node, signer, call, &what).await
}

/// `tender consortium propose-pool-administrator`.
async fn propose_pool_administrator(node: &Node, signer: &Keypair, who: &str) -> Result<()> {
	// Neither a trading centre nor a supervisor (三端分离), as the chain will check.
	let id = account(who)?;
	let at = node.api.at_current_block().await?;
	if let Some(city) =
		try_read(&at, tenderchain::storage().consortium().city_of_trading_centre(), (id.clone(),))
			.await?
	{
		bail!(
			"{who} is the trading centre of {}: the expert-pool administrator may not be a \
			 trading centre (三端分离)",
			String::from_utf8_lossy(&city.0)
		);
	}
	if let Some(cert) =
		try_read(&at, tenderchain::storage().certificates().certificates(), (id.clone(),)).await?
	{
		if cert.roles.0 & Role::bits(&[Role::Supervisor]) != 0 && cert.revoked_at.is_none() {
			bail!(
				"{who} holds a supervisor certificate: the expert-pool administrator may not be \
				 a supervisor (三端分离)"
			);
		}
	}
	let current =
		try_read(&at, tenderchain::storage().expert_draw().pool_administrator(), ()).await?;
	if current.as_ref() == Some(&id) {
		bail!("{who} is already the expert-pool administrator");
	}
	let call =
		RuntimeCall::ExpertDraw(ExpertDrawCall::set_pool_administrator { administrator: id });
	let what = match current {
		Some(before) => format!("naming {who} the expert-pool administrator, instead of {before}"),
		None => format!("naming {who} the expert-pool administrator"),
	};
	propose(node, signer, call, &what).await
}

/// The length of a block (Aura's slot) in ms, from the node's metadata.
fn slot_duration(node: &Node) -> Result<u64> {
	use subxt::ext::codec::Decode;
	let constant = node
		.metadata
		.pallet_by_name("Aura")
		.and_then(|p| p.constant_by_name("SlotDuration"))
		.ok_or_else(|| anyhow!("the node's runtime has no constant Aura::SlotDuration"))?;
	u64::decode(&mut constant.value()).map_err(|e| anyhow!("Aura::SlotDuration is not a u64: {e}"))
}

/// The value of `p` in force on `node`, and whether a motion stored it (otherwise it is the
/// runtime's built-in default, as the node's metadata lists it).
async fn parameter_now(node: &Node, p: &parameters::Parameter) -> Result<(u64, bool)> {
	use subxt::ext::codec::Decode;
	if let Some(bytes) = node.rpc.state_get_storage(&p.key(), None).await? {
		return Ok((p.decode(&bytes)?, true));
	}
	let (pallet, name) = p.constant;
	let constant = node
		.metadata
		.pallet_by_name(pallet)
		.and_then(|m| m.constant_by_name(name))
		.ok_or_else(|| anyhow!("the node's runtime has no constant {pallet}::{name}"))?;
	let mut bytes = constant.value();
	let value = match p.unit {
		parameters::Unit::Millis => u64::decode(&mut bytes).ok(),
		parameters::Unit::Blocks => u32::decode(&mut bytes).ok().map(u64::from),
	};
	let value = value.ok_or_else(|| anyhow!("{pallet}::{name} does not decode"))?;
	Ok((value, false))
}

/// `tender consortium propose-parameter`: one motion that enacts `System::set_storage` as Root
/// with the new values.
async fn propose_parameters(node: &Node, signer: &Keypair, args: &ParameterArgs) -> Result<()> {
	let given = args.given();
	if given.is_empty() {
		bail!(
			"give at least one parameter: {}",
			PARAMETERS.iter().map(|p| p.option()).collect::<Vec<_>>().join(", ")
		);
	}
	// Each value in its parameter's unit, against the value in force now.
	let slot_ms = slot_duration(node)?;
	let mut items = Vec::with_capacity(given.len());
	let mut changes = Vec::with_capacity(given.len());
	for (p, span) in given {
		let value = p.value_of(span, slot_ms)?;
		let (now, stored) = parameter_now(node, p).await?;
		if now == value {
			bail!(
				"{} ({}) is {} already: leave {} out",
				p.storage,
				p.about,
				p.show(value, slot_ms),
				p.option()
			);
		}
		items.push((p.key().to_vec(), p.encode(value)));
		changes.push(format!(
			"{} to {} (now {}{})",
			p.storage,
			p.show(value, slot_ms),
			p.show(now, slot_ms),
			if stored { "" } else { ", the runtime's default" }
		));
	}
	// Root's call, enacted by the consortium's motion.
	let call = RuntimeCall::Consortium(ConsortiumCall::enact {
		call: Box::new(RuntimeCall::System(SystemCall::set_storage { items })),
	});
	let what = format!("setting {} (System::set_storage, enacted as Root)", changes.join(", "));
	propose(node, signer, call, &what).await
}

/// A legal identity given as an organisation's unified social credit code or as an identity
/// hash (0x…, 32 bytes); `flag` names the option in messages.
pub(crate) fn identity_arg(text: &str, flag: &str) -> Result<H256> {
	let text = text.trim();
	if let Some(hex_part) = text.strip_prefix("0x") {
		let bytes =
			hex::decode(hex_part).map_err(|e| anyhow!("{flag} '{text}' is not hex: {e}"))?;
		if bytes.len() != 32 {
			bail!("{flag} '{text}' is {} bytes; an identity hash is 32", bytes.len());
		}
		return Ok(H256::from_slice(&bytes));
	}
	Ok(H256(
		identity::organisation_identity(text)
			.with_context(|| format!("{flag} '{text}' (a credit code, or an identity hash 0x…)"))?,
	))
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
		Some(RuntimeCall::Consortium(ConsortiumCall::enact { call })) => {
			format!("as Root: {}", describe_root(call))
		},
		Some(call) => describe_decision(call),
		None => "(the proposal cannot be decoded by this client)".into(),
	}
}

/// The first bytes of a hash, for naming a document: `0x1234abcd…`.
fn short_hash(hash: &H256) -> String {
	format!("0x{}…", hex::encode(&hash.0[..4]))
}

/// The consortium's decisions other than admitting and removing cities, in words.
fn describe_decision(call: &RuntimeCall) -> String {
	let text = |bytes: &[u8]| String::from_utf8_lossy(bytes).into_owned();
	match call {
		RuntimeCall::Certificates(CertificatesCall::admit_authority {
			name,
			city,
			keys,
			valid_from,
			valid_until,
		}) => format!(
			"admit the CA '{}' of city {}, {} key(s), valid {} to {}",
			text(&name.0),
			text(&city.0),
			keys.0.len(),
			time::show(*valid_from),
			time::show(*valid_until)
		),
		RuntimeCall::Certificates(CertificatesCall::remove_authority { authority }) => {
			format!("remove CA {authority}")
		},
		RuntimeCall::Certificates(CertificatesCall::revoke_by_consortium { account }) => {
			format!("revoke the certificate of {account}")
		},
		RuntimeCall::Certificates(CertificatesCall::restore_identity { identity }) => {
			format!("restore the legal identity 0x{}", hex::encode(identity.0))
		},
		RuntimeCall::Certificates(CertificatesCall::lift_bar { subject, bar, evidence }) => {
			format!("lift the {bar:?} bar of {subject} (decision {})", short_hash(evidence))
		},
		RuntimeCall::ExpertDraw(ExpertDrawCall::set_pool_administrator { administrator }) => {
			format!("name {administrator} the expert-pool administrator")
		},
		RuntimeCall::Tendering(TenderingCall::resume_by_council { tender, reason }) => {
			format!("resume suspended tender {tender} (reasons {})", short_hash(reason))
		},
		RuntimeCall::Recognition(RecognitionCall::register_peer { slot, name, genesis }) => {
			format!("register peer {} (genesis {genesis:?}) in bridge slot {slot}", text(&name.0))
		},
		RuntimeCall::Recognition(RecognitionCall::remove_peer { slot }) => {
			format!("remove the peer province of bridge slot {slot}")
		},
		RuntimeCall::Recognition(RecognitionCall::disregard_bar { slot, identity, bar }) => {
			format!(
				"disregard the {bar:?} bar of identity 0x{} recognised from bridge slot {slot}",
				hex::encode(identity.0)
			)
		},
		RuntimeCall::Recognition(RecognitionCall::recognise_authority {
			slot,
			authority,
			quota,
		}) => format!("recognise CA {authority} of bridge slot {slot}'s peer, quota {quota}"),
		RuntimeCall::Recognition(RecognitionCall::disregard_authority { slot, authority }) => {
			format!("stop recognising CA {authority} of bridge slot {slot}'s peer")
		},
		RuntimeCall::Recognition(RecognitionCall::withdraw_certificate { account }) => {
			format!("withdraw the recognition of {account}'s peer certificate")
		},
		other => abridged(other),
	}
}

/// A call Root makes on the consortium's behalf, in words: a parameter's new value, a runtime
/// upgrade, a bridge's initialisation.
fn describe_root(call: &RuntimeCall) -> String {
	match call {
		RuntimeCall::System(SystemCall::set_storage { items }) => {
			let set: Vec<String> = items
				.iter()
				.map(|(key, value)| match parameters::by_key(key) {
					Some(p) => match p.decode(value) {
						Ok(v) => format!("{} = {}", p.storage, p.show(v, 0)),
						Err(_) => {
							format!("{} = 0x{} (not its type)", p.storage, hex::encode(value))
						},
					},
					None => format!("storage 0x{} = 0x{}", hex::encode(key), hex::encode(value)),
				})
				.collect();
			format!("set {}", set.join(", "))
		},
		RuntimeCall::System(SystemCall::set_code { code }) => {
			format!("upgrade the runtime ({} bytes of code)", code.len())
		},
		RuntimeCall::PeerBridge0(_) => format!("bridge slot 0: {}", abridged(call)),
		RuntimeCall::PeerBridge1(_) => format!("bridge slot 1: {}", abridged(call)),
		other => describe_decision(other),
	}
}

/// A call's debug form, cut at 160 characters.
fn abridged(call: &RuntimeCall) -> String {
	let text = format!("{call:?}");
	match text.char_indices().nth(160) {
		Some((cut, _)) => format!("{}…", &text[..cut]),
		None => text,
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

/// `tender consortium list` (with `json`, one JSON document).
async fn list(node: &Node, json: bool) -> Result<()> {
	// The cities, each with its keys and nodes.
	let at = node.api.at_current_block().await?;
	let names = city_names(node).await?;
	let mut cities: Vec<_> = read_map(&at, tenderchain::storage().consortium().cities())
		.await?
		.into_iter()
		.map(|(_, city)| city)
		.collect();
	cities.sort_by_key(|c| name_of(&names, &c.trading_centre));
	say!(json, "cities: {}", cities.len());
	let mut city_docs = Vec::new();
	for city in &cities {
		say!(
			json,
			"  {}  {} ({})  trading centre {}",
			name_of(&names, &city.trading_centre),
			String::from_utf8_lossy(&city.name.0),
			String::from_utf8_lossy(&city.province.0),
			city.trading_centre
		);
		let keys = &city.session_keys.0;
		if keys.len() == 64 {
			say!(
				json,
				"      aura 0x{}  grandpa 0x{}",
				hex::encode(&keys[..32]),
				hex::encode(&keys[32..])
			);
		}
		for peer in &city.peers.0 {
			say!(json, "      node {}", bs58::encode(&peer.0).into_string());
		}
		city_docs.push(serde_json::json!({
			"city": name_of(&names, &city.trading_centre),
			"name": output::text(&city.name.0),
			"province": output::text(&city.province.0),
			"trading_centre": output::account(&city.trading_centre),
			"aura": (keys.len() == 64).then(|| output::hash(&keys[..32])),
			"grandpa": (keys.len() == 64).then(|| output::hash(&keys[32..])),
			"session_keys": output::hash(keys),
			"nodes": city
				.peers
				.0
				.iter()
				.map(|peer| bs58::encode(&peer.0).into_string())
				.collect::<Vec<_>>(),
		}));
	}
	// The session's validators, the council, and the open motions with their votes.
	let session = read(&at, tenderchain::storage().session().current_index(), ()).await?;
	let validators = read(&at, tenderchain::storage().session().validators(), ()).await?;
	let validator_docs: Vec<serde_json::Value> = validators
		.iter()
		.map(|v| serde_json::json!({ "city": name_of(&names, v), "account": output::account(v) }))
		.collect();
	let validators: Vec<String> = validators.iter().map(|v| name_of(&names, v)).collect();
	say!(json, "session {session}: validators {}", validators.join(", "));
	let members = read(&at, tenderchain::storage().council().members(), ()).await?;
	let member_docs: Vec<serde_json::Value> = members
		.iter()
		.map(|m| serde_json::json!({ "city": name_of(&names, m), "account": output::account(m) }))
		.collect();
	let members: Vec<String> = members.iter().map(|m| name_of(&names, m)).collect();
	say!(
		json,
		"council: {} (a motion passes with two thirds: {})",
		members.join(", "),
		threshold(members.len() as u32)
	);
	let open = motions(node).await?;
	if open.is_empty() {
		say!(json, "motions: none open");
	}
	let mut motion_docs = Vec::new();
	for m in open {
		let ayes: Vec<String> = m.ayes.iter().map(|a| name_of(&names, a)).collect();
		let nays: Vec<String> = m.nays.iter().map(|a| name_of(&names, a)).collect();
		say!(json, "motion {}: {}", m.index, describe(&m.call));
		say!(
			json,
			"      {}; ayes: {}; nays: {}; voting ends at block #{} (hash {:?})",
			tally(&m),
			if ayes.is_empty() { "-".into() } else { ayes.join(", ") },
			if nays.is_empty() { "-".into() } else { nays.join(", ") },
			m.end,
			m.hash
		);
		motion_docs.push(serde_json::json!({
			"motion": m.index,
			"hash": output::hash(&m.hash.0),
			"call": describe(&m.call),
			"threshold": m.threshold,
			"ayes": m.ayes.iter().map(|a| serde_json::json!({
				"city": name_of(&names, a),
				"account": output::account(a),
			})).collect::<Vec<_>>(),
			"nays": m.nays.iter().map(|a| serde_json::json!({
				"city": name_of(&names, a),
				"account": output::account(a),
			})).collect::<Vec<_>>(),
			"can_close": (m.ayes.len() as u32) >= m.threshold,
			"voting_ends_at_block": m.end,
		}));
	}
	if json {
		output::print(&serde_json::json!({
			"block": at.block_number(),
			"cities": city_docs,
			"session": session,
			"validators": validator_docs,
			"council": member_docs,
			"council_threshold": threshold(members.len() as u32),
			"motions": motion_docs,
		}))?;
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
		report_execution(node, &executed.result, &included, what)?;
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
		report_execution(node, &executed?.result, &included, &describe(&m.call))?;
	} else if included.events.find_first::<tenderchain::council::events::Disapproved>().is_some() {
		println!("motion {index} rejected in block {included}: {}", describe(&m.call));
	} else {
		println!("motion {index} closed in block {included}");
	}
	Ok(())
}

/// Prints what an executed motion (`what`) did, or why its call failed: the council's call,
/// or, for `Consortium::enact`, the call it made as Root (reported in its `Enacted` event).
fn report_execution(
	node: &Node,
	result: &Result<(), tenderchain::runtime_types::sp_runtime::DispatchError>,
	included: &crate::chain::Included,
	what: &str,
) -> Result<()> {
	use tenderchain::runtime_types::sp_runtime::DispatchError;
	let reason = |error: &DispatchError| match error {
		DispatchError::Module(error) => {
			node.module_error(error.index, error.error[0]).unwrap_or_else(|| format!("{error:?}"))
		},
		other => format!("{other:?}"),
	};
	if let Err(error) = result {
		bail!(
			"the motion passed but its call failed in block {included} ({what}): {}",
			reason(error)
		);
	}
	if let Some(enacted) = included.events.find_first::<tenderchain::consortium::events::Enacted>()
	{
		if let Err(error) = &enacted?.result {
			bail!(
				"the motion passed but the call it enacts as Root failed in block {included} \
				 ({what}): {}",
				reason(error)
			);
		}
	}
	let names: Vec<String> = included
		.events
		.iter()
		.filter_map(|e| e.ok())
		.map(|e| format!("{}.{}", e.pallet_name(), e.event_name()))
		.filter(|n| !n.starts_with("System.") && !n.starts_with("Council."))
		.collect();
	println!("motion executed in block {included}: {what} (events: {})", names.join(", "));
	Ok(())
}

#[cfg(test)]
mod tests {
	use super::*;

	/// A motion setting MinTenderNotice to 20 days, as `propose-parameter --min-notice 20d`
	/// builds it.
	fn notice_motion() -> RuntimeCall {
		let notice = &PARAMETERS[0];
		RuntimeCall::Consortium(ConsortiumCall::enact {
			call: Box::new(RuntimeCall::System(SystemCall::set_storage {
				items: vec![(notice.key().to_vec(), notice.encode(20 * 86_400_000))],
			})),
		})
	}

	#[test]
	fn a_parameter_motion_is_listed_with_the_parameters_new_value() {
		assert_eq!(describe(&Some(notice_motion())), "as Root: set MinTenderNotice = 20 d");
		// A key that is no parameter is shown as it is.
		let other = RuntimeCall::Consortium(ConsortiumCall::enact {
			call: Box::new(RuntimeCall::System(SystemCall::set_storage {
				items: vec![(vec![0xab], vec![1])],
			})),
		});
		assert_eq!(describe(&Some(other)), "as Root: set storage 0xab = 0x01");
	}

	#[test]
	fn the_consortiums_decisions_are_listed_in_words() {
		let who = AccountId32([7; 32]);
		let cases = [
			(
				RuntimeCall::Certificates(CertificatesCall::remove_authority { authority: 3 }),
				"remove CA 3".to_string(),
			),
			(
				RuntimeCall::Certificates(CertificatesCall::revoke_by_consortium {
					account: who.clone(),
				}),
				format!("revoke the certificate of {who}"),
			),
			(
				RuntimeCall::ExpertDraw(ExpertDrawCall::set_pool_administrator {
					administrator: who.clone(),
				}),
				format!("name {who} the expert-pool administrator"),
			),
			(
				RuntimeCall::Tendering(TenderingCall::resume_by_council {
					tender: 4,
					reason: H256([0xcd; 32]),
				}),
				"resume suspended tender 4 (reasons 0xcdcdcdcd…)".to_string(),
			),
			(
				RuntimeCall::Recognition(RecognitionCall::remove_peer { slot: 1 }),
				"remove the peer province of bridge slot 1".to_string(),
			),
		];
		for (call, words) in cases {
			assert_eq!(describe(&Some(call)), words);
		}
		let admit = describe(&Some(RuntimeCall::Certificates(CertificatesCall::admit_authority {
			name: BoundedVec(b"Baiyin CA 2".to_vec()),
			city: BoundedVec(b"BY".to_vec()),
			keys: BoundedVec(vec![[1; 32]]),
			valid_from: 0,
			valid_until: 86_400_000,
		})));
		assert!(
			admit.starts_with("admit the CA 'Baiyin CA 2' of city BY, 1 key(s), valid "),
			"{admit}"
		);
	}

	#[test]
	fn a_long_call_is_cut_on_a_character_boundary() {
		let call = RuntimeCall::Certificates(CertificatesCall::admit_authority {
			name: BoundedVec("中".repeat(60).into_bytes()),
			city: BoundedVec(b"BY".to_vec()),
			keys: BoundedVec(vec![[1; 32]; 4]),
			valid_from: 0,
			valid_until: 1,
		});
		let text = abridged(&call);
		assert!(text.ends_with('…') && text.chars().count() == 161, "{text}");
	}

	#[test]
	fn identities_are_credit_codes_or_hashes() {
		let hash = format!("0x{}", "ab".repeat(32));
		assert_eq!(identity_arg(&hash, "--identity").expect("a hash"), H256([0xab; 32]));
		assert!(identity_arg("0xabcd", "--identity").is_err());
		assert_eq!(
			identity_arg("91440300708461136T", "--identity").expect("a credit code").0,
			identity::organisation_identity("91440300708461136T").expect("valid")
		);
		let err = identity_arg("91440300708461136X", "--identity").expect_err("a bad code");
		assert!(format!("{err:#}").contains("--identity '91440300708461136X'"), "{err:#}");
	}
}
