//! `tender load prepare`: the participants and tenders a load run needs, made on chain once and
//! written to a plan file that `tender load run` reads.
//!
//! A bid commitment is one per bidder and tender, each tender takes at most `MaxBidders`
//! bidders, each tenderer holds at most `MaxOpenTenders` open tenders, and the admission gate
//! lets one participant send only so many transactions per window. So a load of many
//! commitments per second needs many certified bidders and many open tenders: this command
//! certifies them (unsigned registrations signed by a development CA, submitted together) and
//! has its tenderers publish the tenders (submitted together), then waits until all are final.

use std::{collections::BTreeSet, path::Path, time::Duration};

use anyhow::{anyhow, bail, Context, Result};
use futures::{stream, StreamExt};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use subxt::{config::PolkadotExtrinsicParamsBuilder, utils::AccountId32};
use subxt_signer::sr25519::Keypair;

use crate::{
	certs::{identity_hash, CertificateFile, Role},
	chain::{read_map, tenderchain, try_read, Config, Node},
	keys, time,
};
use tenderchain::runtime_types::bounded_collections::bounded_vec::BoundedVec;

/// What a plan file is.
const PLAN_KIND: &str = "tenderchain load plan";
/// How many submissions are in flight at once while preparing.
const IN_FLIGHT: usize = 64;
/// The most transactions one account submits at once: the admission gate refuses a nonce more
/// than `MaxFutureNonces` (8) ahead of the account's.
const QUEUED_PER_ACCOUNT: u32 = 8;
/// How long preparing waits for its registrations or tenders to be final.
const PREPARE_TIMEOUT: Duration = Duration::from_secs(300);
/// How often preparing looks at the chain while it waits.
const PREPARE_POLL: Duration = Duration::from_secs(3);

/// The participants and tenders of a load run. The accounts' keys are derived from `seed`, so
/// the file stays small; they are throw-away benchmark keys.
#[derive(Serialize, Deserialize)]
pub struct Plan {
	/// What the file is.
	pub kind: String,
	/// The chain it was made on.
	pub genesis_hash: String,
	/// The hex seed every account's key is derived from.
	pub seed: String,
	/// How many certified bidders there are: bidder `i` is [`Plan::bidder`]`(i)`.
	pub bidders: u32,
	/// How many certified tenderers published the tenders.
	pub tenderers: u32,
	/// The open tenders, which take bids until `deadline`.
	pub tenders: Vec<u64>,
	/// The tenders' bid deadline (Unix ms).
	pub deadline: u64,
	/// The most bidders one tender takes (the runtime's `Tendering::MaxBidders`).
	pub max_bidders: u32,
	/// How many commitments earlier runs have used: the next run starts after them, so that no
	/// bidder commits twice to one tender.
	#[serde(default)]
	pub used: u64,
}

impl Plan {
	/// The key of bidder `i`.
	pub fn bidder(&self, i: u32) -> Result<Keypair> {
		derive(&self.seed, "bidder", i)
	}

	/// Writes the plan back to `path` (after a run has used some of it).
	pub fn write(&self, path: &Path) -> Result<()> {
		std::fs::write(path, serde_json::to_string_pretty(self)? + "\n")
			.with_context(|| format!("cannot write the load plan {}", path.display()))
	}

	/// Reads a plan file and checks that it is for the chain of `node`.
	pub fn read(path: &Path, node: &Node) -> Result<Plan> {
		let text = std::fs::read_to_string(path)
			.with_context(|| format!("cannot read the load plan {}", path.display()))?;
		let plan: Plan = serde_json::from_str(&text)
			.with_context(|| format!("{} is not a load plan", path.display()))?;
		if plan.kind != PLAN_KIND {
			bail!("{} is not a load plan (kind '{}')", path.display(), plan.kind);
		}
		let genesis = format!("{:?}", node.api.genesis_hash());
		if !plan.genesis_hash.eq_ignore_ascii_case(&genesis) {
			bail!(
				"{}: the plan is for another chain (genesis {}, the node's is {genesis}); run \
				 `tender load prepare` against this chain",
				path.display(),
				plan.genesis_hash
			);
		}
		if plan.deadline <= time::now_ms() {
			bail!(
				"{}: the plan's tenders closed at {}; prepare a new plan",
				path.display(),
				time::show(plan.deadline)
			);
		}
		Ok(plan)
	}
}

/// The key of the `i`-th account of `role`: sr25519 from `SHA-256(seed ‖ role ‖ i)`.
fn derive(seed: &str, role: &str, i: u32) -> Result<Keypair> {
	let mut hasher = Sha256::new();
	hasher.update(seed.as_bytes());
	hasher.update(role.as_bytes());
	hasher.update(i.to_le_bytes());
	Keypair::from_secret_key(hasher.finalize().into())
		.map_err(|e| anyhow!("cannot derive the load key {role} {i}: {e}"))
}

/// What `tender load prepare` is asked for.
pub struct Request<'a> {
	/// How many bidders to certify.
	pub bidders: u32,
	/// How many tenders to publish.
	pub tenders: u32,
	/// The CA key file that signs the certificates.
	pub ca_key: &'a Path,
	/// The CA's id on chain.
	pub authority: u32,
	/// The city the participants and tenders belong to.
	pub city: &'a str,
	/// How long the tenders stay open (minutes).
	pub open_minutes: u64,
	/// Where the plan is written.
	pub out: &'a Path,
}

/// Certifies the bidders and tenderers, publishes the tenders, waits until all are final and
/// writes the plan.
pub async fn prepare(node: &Node, req: Request<'_>) -> Result<()> {
	if req.out.exists() {
		bail!("{} exists already; choose another --out", req.out.display());
	}
	// Each tenderer publishes its tenders at once, so no more than the admission gate lets one
	// account queue ahead of its nonce (`MaxFutureNonces`, 8 in the runtime).
	let max_open = (node.bound("Tendering", "MaxOpenTenders")? as u32).min(QUEUED_PER_ACCOUNT);
	let max_bidders = node.bound("Tendering", "MaxBidders")? as u32;
	if req.bidders == 0 || req.tenders == 0 {
		bail!("--bidders and --tenders must be at least 1");
	}
	let tenderers = req.tenders.div_ceil(max_open);
	let seed = hex::encode(rand::random::<[u8; 16]>());
	let ca = keys::load_ca_key(req.ca_key)?;

	// Certificates: every bidder and tenderer, registered together.
	let started = std::time::Instant::now();
	let serial_base = time::now_ms() * 100_000;
	let mut people = Vec::new();
	for i in 0..req.bidders {
		people.push((derive(&seed, "bidder", i)?, Role::Bidder, i));
	}
	for i in 0..tenderers {
		people.push((derive(&seed, "tenderer", i)?, Role::Tenderer, req.bidders + i));
	}
	let genesis = format!("{:?}", node.api.genesis_hash());
	let valid_from = time::now_ms().saturating_sub(3_600_000);
	let txc = node.api.transactions().await?;
	let mut registrations = Vec::new();
	for (key, role, n) in &people {
		let mut cert = CertificateFile {
			kind: String::new(),
			genesis_hash: genesis.clone(),
			authority: req.authority,
			serial: serial_base + *n as u64,
			account: AccountId32::from(key.public_key()).to_string(),
			identity_hash: format!(
				"0x{}",
				hex::encode(identity_hash(&format!("load {seed} {n}"), "load"))
			),
			name: format!("load {role:?} {n}"),
			roles: vec![*role],
			city: req.city.to_string(),
			valid_from,
			valid_until: valid_from + 30 * 86_400_000,
			valid_from_text: String::new(),
			valid_until_text: String::new(),
			ca_key: String::new(),
			signature: String::new(),
		};
		let signature = {
			use ed25519_dalek::Signer as _;
			ca.sign(&cert.signing_message()?).to_bytes()
		};
		cert.signature = format!("0x{}", hex::encode(signature));
		let call = tenderchain::transactions().certificates().register_certificate(
			cert.payload()?,
			ca.verifying_key().to_bytes(),
			signature,
		);
		registrations.push(txc.create_unsigned(&call)?);
	}
	println!("registering {} certificates (CA {}, city {})", people.len(), req.authority, req.city);
	let refused =
		submit_all(registrations.into_iter().map(|tx| async move { tx.submit().await })).await;
	if let Some(e) = refused.first() {
		bail!("{} of the certificate registrations were refused; the first: {e}", refused.len());
	}
	let accounts: Vec<AccountId32> =
		people.iter().map(|(k, _, _)| AccountId32::from(k.public_key())).collect();
	let give_up = tokio::time::Instant::now() + PREPARE_TIMEOUT;
	loop {
		let at = node.api.at_block(node.rpc.chain_get_finalized_head().await?).await?;
		let mut missing = 0usize;
		for who in &accounts {
			let cert =
				try_read(&at, tenderchain::storage().certificates().certificates(), (who.clone(),))
					.await?;
			missing += cert.is_none() as usize;
		}
		if missing == 0 {
			break;
		}
		waited_too_long(give_up, "the certificate registrations", missing)?;
		tokio::time::sleep(PREPARE_POLL).await;
	}
	println!("{} certificates final after {:.0?}", people.len(), started.elapsed());

	// Tenders: each tenderer publishes up to `MaxOpenTenders`.
	let deadline = time::now_ms() + req.open_minutes * 60_000;
	let mut publications = Vec::new();
	let tenderer_keys: Vec<&Keypair> =
		people.iter().filter(|(_, r, _)| *r == Role::Tenderer).map(|(k, _, _)| k).collect();
	for n in 0..req.tenders {
		let key = tenderer_keys[(n / max_open) as usize];
		let call = tenderchain::transactions().tendering().create_tender(
			BoundedVec(format!("load tender {n}").into_bytes()),
			BoundedVec(req.city.as_bytes().to_vec()),
			BoundedVec(vec![101u16]),
			[0x10u8; 32].into(),
			deadline,
			3_600_000,
			1,
			max_bidders,
			None,
			None,
		);
		let params = PolkadotExtrinsicParamsBuilder::<Config>::new()
			.nonce((n % max_open) as u64)
			.immortal()
			.build();
		publications.push(txc.create_signable_offline(&call, params)?.sign(key)?);
	}
	println!("publishing {} tenders from {tenderers} tenderers", req.tenders);
	let refused =
		submit_all(publications.into_iter().map(|tx| async move { tx.submit().await })).await;
	if let Some(e) = refused.first() {
		bail!("{} of the tender publications were refused; the first: {e}", refused.len());
	}
	let owners: BTreeSet<AccountId32> =
		tenderer_keys.iter().map(|k| AccountId32::from(k.public_key())).collect();
	let want = req.tenders as usize;
	let give_up = tokio::time::Instant::now() + PREPARE_TIMEOUT;
	let mut tenders: Vec<u64> = loop {
		let at = node.api.at_block(node.rpc.chain_get_finalized_head().await?).await?;
		let all = read_map(&at, tenderchain::storage().tendering().tenders()).await?;
		let ours: Vec<u64> = all
			.into_iter()
			.filter(|(_, t)| owners.contains(&t.owner))
			.map(|((id,), _)| id)
			.collect();
		if ours.len() >= want {
			break ours;
		}
		waited_too_long(give_up, "the tender publications", want - ours.len())?;
		tokio::time::sleep(PREPARE_POLL).await;
	};
	tenders.sort();

	let plan = Plan {
		kind: PLAN_KIND.into(),
		genesis_hash: genesis,
		seed,
		bidders: req.bidders,
		tenderers,
		tenders,
		deadline,
		max_bidders,
		used: 0,
	};
	plan.write(req.out)?;
	println!(
		"plan written to {}: {} bidders, {} tenders open until {}, room for {} commitments \
		 ({:.0?})",
		req.out.display(),
		plan.bidders,
		plan.tenders.len(),
		time::show(deadline),
		plan.tenders.len() as u64 * max_bidders.min(plan.bidders) as u64,
		started.elapsed()
	);
	Ok(())
}

/// Runs the submissions `IN_FLIGHT` at a time; returns the refusals' messages.
async fn submit_all<F, T, E>(submissions: impl Iterator<Item = F>) -> Vec<String>
where
	F: std::future::Future<Output = Result<T, E>>,
	E: std::fmt::Display,
{
	stream::iter(submissions)
		.buffer_unordered(IN_FLIGHT)
		.filter_map(|r| async move { r.err().map(|e| e.to_string()) })
		.collect()
		.await
}

/// Fails, naming `what` and how many are `missing`, once `give_up` has passed.
fn waited_too_long(give_up: tokio::time::Instant, what: &str, missing: usize) -> Result<()> {
	if tokio::time::Instant::now() >= give_up {
		bail!(
			"{missing} of {what} were not final after {} s (is the network finalizing?)",
			PREPARE_TIMEOUT.as_secs()
		);
	}
	Ok(())
}
