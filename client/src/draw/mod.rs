//! `tender expert pool-add | pool-reuse | pool-import | pool-list | pool-availability |
//! pool-strike | take-seat | decline | recuse` and
//! `tender draw set-key | request | contribute | show | verify | replace | remove-expert |
//! order-replacement`: the random draw of evaluation experts, and the committee's seats, from
//! the client's side.
//!
//! `tender draw verify` replays a draw from on-chain data alone with this client's own
//! implementation of the rules ([`replay`]: eligibility, contributor order, VRF input, seed,
//! selection), written apart from the runtime's and pinned to the shared vectors
//! (`tests/vectors/vectors.json`), so that an auditor does not check the runtime with the
//! runtime's own code. [`chain`] reads the chain; [`verify`] compares; [`committee`] shows a
//! tender's committee.

mod chain;
pub mod committee;
mod replay;
mod verify;

use std::path::PathBuf;

use anyhow::{anyhow, bail, Context, Result};
use clap::{ArgGroup, Subcommand, ValueEnum};
use rand::RngCore;
use serde::Deserialize;
use serde_json::{json, Value};
use sp_core::{
	crypto::{Pair as _, VrfSecret},
	sr25519,
};
use subxt::{config::PolkadotExtrinsicParamsBuilder, ext::codec::Encode, utils::AccountId32};

use self::{
	chain::{avoidance, draw_record, eligible_set, pool, pool_entry, waiting_entries, At},
	committee::{ineligibility_name, reason_name},
	replay::{
		contributor_order, designated, drawable, eligible, input_hash, pseudonym, transcript,
		windows_passed, withheld,
	},
};
use crate::{
	chain::{read, tenderchain, try_read, Config, Node},
	ctx::Ctx,
	files, identity, keys,
	output::{self, say},
};
use tenderchain::{
	expert_draw::events,
	runtime_types::{
		bounded_collections::bounded_vec::BoundedVec,
		pallet_expert_draw::types::{Draw, Mode as ChainMode, PoolEntry, Requirement, SeatState},
	},
};

/// `tender expert …` and `tender draw …`, at the top level of `tender`.
#[derive(Debug, Subcommand)]
pub enum Command {
	/// The expert pool (its administrator), and a drawn expert's seat: take, decline, recuse.
	#[command(subcommand)]
	Expert(ExpertCommand),
	/// The random draw of evaluation experts: draw keys, request, contribute, show, verify;
	/// replacements (the host, a supervisor).
	#[command(subcommand)]
	Draw(DrawCommand),
}

/// Runs a `tender expert` or `tender draw` command.
pub async fn run(ctx: &Ctx, cmd: Command) -> Result<()> {
	match cmd {
		Command::Expert(cmd) => expert(ctx, cmd).await,
		Command::Draw(cmd) => draw(ctx, cmd).await,
	}
}

/// Where the committee comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Mode {
	/// Experts of the tender's host city.
	Local,
	/// Remote evaluation (远程异地评标): other cities' experts, not the tenderer's city.
	Remote,
}

/// `tender expert …`.
#[derive(Debug, Subcommand)]
pub enum ExpertCommand {
	/// Add an expert to the pool by pseudonym (the expert-pool administrator). Prints the two
	/// salts the expert needs to take a seat: give them to the expert only.
	PoolAdd {
		/// The expert's account (SS58).
		account: String,
		/// Speciality codes, comma-separated (at most 4).
		#[arg(long, value_delimiter = ',', required = true)]
		speciality: Vec<u16>,
		/// The city where the expert works.
		#[arg(long)]
		city: String,
		/// The employer's unified social credit code (统一社会信用代码); only a salted
		/// commitment to its identity hash goes on chain.
		#[arg(long)]
		employer: String,
		/// The expert takes remote evaluation.
		#[arg(long)]
		remote: bool,
		/// The salt of the pseudonym (32 bytes hex); a random one by default.
		#[arg(long)]
		salt: Option<String>,
		/// The salt of the employer commitment (32 bytes hex); a random one by default.
		#[arg(long)]
		employer_salt: Option<String>,
	},
	/// Put a new expert in the slot of a retired pool entry (the expert-pool administrator):
	/// one struck or exposed, no seat drawn for it still waiting, retired long enough that no
	/// pending draw can pick it (`EntryInUse` otherwise). As pool-add, the new entry keeps the
	/// slot's number; prints the two salts the expert needs. Re-enter an exposed expert in
	/// another slot than their own old entry's, which would link the two.
	PoolReuse {
		/// The retired entry's number.
		entry: u32,
		/// The expert's account (SS58).
		account: String,
		/// Speciality codes, comma-separated (at most 4).
		#[arg(long, value_delimiter = ',', required = true)]
		speciality: Vec<u16>,
		/// The city where the expert works (that of the expert's certificate).
		#[arg(long)]
		city: String,
		/// The employer's unified social credit code (统一社会信用代码); only a salted
		/// commitment to its identity hash goes on chain.
		#[arg(long)]
		employer: String,
		/// The expert takes remote evaluation.
		#[arg(long)]
		remote: bool,
		/// The salt of the pseudonym (32 bytes hex); a random one by default.
		#[arg(long)]
		salt: Option<String>,
		/// The salt of the employer commitment (32 bytes hex); a random one by default.
		#[arg(long)]
		employer_salt: Option<String>,
	},
	/// Add a roster of experts to the pool (the expert-pool administrator): a JSON file, a list
	/// of `{"account", "specialities": [..], "city", "employer", "remote", "salt"?,
	/// "employer_salt"?}`. Every entry is submitted at once, then all are awaited; prints each
	/// entry's number and salts.
	PoolImport {
		/// The roster file.
		file: PathBuf,
	},
	/// List the pool.
	PoolList,
	/// Mark a pool entry available again, or unavailable (leave, illness) (the expert-pool
	/// administrator). The change counts for draws requested from `PoolChangeDelay` blocks on;
	/// draws already requested keep their eligible sets. A change not yet in effect is replaced.
	#[command(group(ArgGroup::new("state").required(true).args(["available", "unavailable"])))]
	PoolAvailability {
		/// The entry's number (see `tender expert pool-list`).
		entry: u32,
		/// The expert is available again.
		#[arg(long)]
		available: bool,
		/// The expert is unavailable.
		#[arg(long)]
		unavailable: bool,
	},
	/// Strike an entry from the pool for good (the expert-pool administrator): barred, retired,
	/// certificate revoked. Draws requested from `PoolChangeDelay` blocks on no longer take it;
	/// seats it was drawn for are not affected.
	PoolStrike {
		/// The entry's number (see `tender expert pool-list`).
		entry: u32,
		/// The written reason, a file; its SHA-256 goes on chain.
		#[arg(long)]
		reason: PathBuf,
	},
	/// Take a drawn seat when evaluation begins (the expert): proves the pool entry with the
	/// salt and opens the employer commitment with the employer's credit code and its salt.
	TakeSeat {
		/// The tender.
		tender: u64,
		/// The pseudonym's salt the pool administrator gave you (hex).
		#[arg(long)]
		salt: String,
		/// Your employer's unified social credit code, as the pool administrator recorded it.
		#[arg(long)]
		employer: String,
		/// The employer salt the pool administrator gave you (hex).
		#[arg(long)]
		employer_salt: String,
	},
	/// Decline a drawn seat (the expert cannot or will not sit): proves the entry with the
	/// salt; the host may then have the seat filled again.
	Decline {
		/// The tender.
		tender: u64,
		/// The pseudonym's salt the pool administrator gave you (hex).
		#[arg(long)]
		salt: String,
	},
	/// Recuse yourself from a committee you sit on (回避), with your written statement: only
	/// before any member has submitted an evaluation (`EvaluationUnderway` after that: ask a
	/// supervisor of the tender's city to remove you).
	Recuse {
		/// The tender.
		tender: u64,
		/// Your written statement; its SHA-256 goes on chain.
		#[arg(long)]
		reason: PathBuf,
	},
}

/// `tender draw …`.
#[derive(Debug, Subcommand)]
pub enum DrawCommand {
	/// Set the city's draw key (the city's trading centre): the sr25519 key its contributions
	/// are signed with. It counts for draws requested from now on; a draw already requested
	/// keeps the key recorded at its request.
	SetKey {
		/// The new draw key (secret URI or @file); only its public key goes on chain.
		#[arg(long)]
		draw_key: String,
	},
	/// Request a draw for a tender after its bid deadline (the host city's trading centre).
	Request {
		/// The tender.
		tender: u64,
		/// Local or remote evaluation.
		#[arg(long, value_enum, default_value = "remote")]
		mode: Mode,
		/// Specialities and counts: `101:3,205:2` (a committee of 5 or more, odd).
		#[arg(long, value_delimiter = ',', required = true)]
		need: Vec<String>,
	},
	/// Contribute this city's VRF output to a draw (a designated city's trading centre), signed
	/// with the draw key the city had when the draw was requested.
	Contribute {
		/// The draw.
		draw: u64,
		/// The city's draw key (secret URI or @file); the signer's own key by default.
		#[arg(long)]
		draw_key: Option<String>,
	},
	/// Show a draw: request, recorded keys, the cities asked, contributions, withheld ones,
	/// seed, picks, and the tender's committee.
	Show {
		/// The draw.
		draw: u64,
	},
	/// Replay a draw from on-chain data with this client's own implementation, and say
	/// "verified" or exactly what differs. Exits 1 on any difference.
	Verify {
		/// The draw.
		draw: u64,
	},
	/// Have a vacant seat filled again by a replacement draw (the host city's trading centre):
	/// the chain takes the reason from what it recorded (declined, not seated in time,
	/// ineligible, recused, removed).
	Replace {
		/// The tender.
		tender: u64,
		/// The seat (as numbered by `tender show`).
		#[arg(long)]
		seat: u32,
	},
	/// Remove a seated expert from a committee (a supervisor certified in the tender's city:
	/// `NoJurisdiction` otherwise), with the decision. The supervisors' removals and orders on
	/// one tender number at most the committee's seats (`SupervisorAllowanceExhausted`).
	RemoveExpert {
		/// The tender.
		tender: u64,
		/// The seat.
		#[arg(long)]
		seat: u32,
		/// The supervisor's decision; its SHA-256 goes on chain.
		#[arg(long)]
		reason: PathBuf,
	},
	/// Order a seat filled again whatever the host's allowance (a supervisor certified in the
	/// tender's city), with the decision: only a vacancy the chain recorded (declined,
	/// ineligible, recused, removed, or drawn and not taken within the seating window) or the
	/// seat of a lapsed replacement draw. Counts against the supervisors' allowance (the
	/// committee's seats per tender); the one way to fill a seat refused for a fault of the
	/// pool once `PoolIntegrityAlert` was raised.
	OrderReplacement {
		/// The tender.
		tender: u64,
		/// The seat.
		#[arg(long)]
		seat: u32,
		/// The supervisor's decision; its SHA-256 goes on chain.
		#[arg(long)]
		reason: PathBuf,
	},
}

/// Bytes (a city code) as text.
fn text(bytes: &[u8]) -> String {
	String::from_utf8_lossy(bytes).into_owned()
}

/// City codes as text: `LZ, JQ`.
fn city_list(cities: &[Vec<u8>]) -> String {
	if cities.is_empty() {
		return "none".into();
	}
	cities.iter().map(|c| text(c)).collect::<Vec<_>>().join(", ")
}

/// A draw's lines: (speciality, count) each.
fn lines_of(d: &Draw<u32>) -> Vec<(u16, u32)> {
	d.requirements.0.iter().map(|r| (r.speciality, r.count)).collect()
}

/// The cities that may contribute to a draw: those recorded at its request, but the city whose
/// validator authored the anchor block (recorded in that block), in code order.
fn recorded_cities(d: &Draw<u32>) -> Vec<Vec<u8>> {
	d.keys
		.0
		.iter()
		.map(|(city, _)| city.0.clone())
		.filter(|city| d.anchor_author.as_ref().is_none_or(|a| a.0 != *city))
		.collect()
}

/// A 32-byte salt: the one given (hex), or a fresh random one.
fn salt_or_random(given: Option<&str>, what: &str) -> Result<[u8; 32]> {
	match given {
		Some(s) => keys::hex32(s, what),
		None => {
			let mut s = [0u8; 32];
			rand::rngs::OsRng.fill_bytes(&mut s);
			Ok(s)
		},
	}
}

/// An sr25519 key pair from a secret URI or `@file`, for a draw key.
fn draw_key_pair(uri: &str) -> Result<sr25519::Pair> {
	let key_text = match uri.strip_prefix('@') {
		Some(path) => std::fs::read_to_string(path)
			.with_context(|| format!("cannot read the draw key from '{path}'"))?,
		None => uri.to_string(),
	};
	sr25519::Pair::from_string(key_text.trim(), None)
		.map_err(|e| anyhow!("the draw key is not a valid sr25519 secret URI: {e:?}"))
}

/// The most roster entries `pool-import` submits before waiting for them: each watched
/// transaction holds one of the node's subscriptions (1,024 per connection by default). The
/// chain's nonce window bounds it too (see [`import_batch`]).
const IMPORT_BATCH: usize = 256;

/// How many roster entries `pool-import` submits before waiting for them: at most
/// [`IMPORT_BATCH`], and no more than the administrator (an exempt account) may queue ahead of
/// its nonce: `Certificates::MaxFutureNonces × ExemptMultiple`, and one at its nonce.
fn import_batch(node: &Node) -> Result<usize> {
	let window = node.bound("Certificates", "MaxFutureNonces")?
		* node.bound("Certificates", "ExemptMultiple")?.max(1);
	Ok(IMPORT_BATCH.min(window + 1).max(1))
}

/// One expert of a roster: what `pool-add` takes, as `pool-import` reads it.
#[derive(Debug, Deserialize)]
struct RosterEntry {
	/// The expert's account (SS58).
	account: String,
	/// Speciality codes (at most 4).
	specialities: Vec<u16>,
	/// The city where the expert works.
	city: String,
	/// The employer's unified social credit code.
	employer: String,
	/// Whether the expert takes remote evaluation.
	#[serde(default)]
	remote: bool,
	/// The pseudonym's salt (hex); random if absent.
	salt: Option<String>,
	/// The employer commitment's salt (hex); random if absent.
	employer_salt: Option<String>,
}

/// A pool entry ready to be submitted: the call's arguments and the salts to hand out.
struct NewEntry {
	/// The expert's account, as given.
	account: String,
	/// The pseudonym.
	pseudonym: [u8; 32],
	/// The pseudonym's salt.
	salt: [u8; 32],
	/// The employer commitment's salt.
	employer_salt: [u8; 32],
	/// The specialities.
	specialities: Vec<u16>,
	/// The city.
	city: String,
	/// The employer commitment.
	employer: [u8; 32],
	/// Whether the expert takes remote evaluation.
	remote: bool,
}

impl NewEntry {
	/// The `add_expert` call.
	fn call(&self) -> impl subxt::transactions::Payload {
		tenderchain::transactions().expert_draw().add_expert(
			self.pseudonym.into(),
			BoundedVec(self.specialities.clone()),
			BoundedVec(self.city.clone().into_bytes()),
			self.employer.into(),
			self.remote,
		)
	}
}

/// The most specialities one pool entry holds (the expert-draw pallet's `MaxEntrySpecialities`).
const MAX_ENTRY_SPECIALITIES: usize = 4;

/// The most speciality lines one draw asks for (the expert-draw pallet's `MaxRequirements`).
const MAX_REQUIREMENTS: usize = 4;

/// Prepares an entry: the pseudonym of the account with its salt, the employer's credit code
/// normalised and committed to with its salt (a bad code is refused here, named).
fn new_entry(e: RosterEntry) -> Result<NewEntry> {
	let expert = keys::account(&e.account)?;
	let employer = identity::organisation_identity(&e.employer)
		.with_context(|| format!("the employer of {}", e.account))?;
	let salt = salt_or_random(e.salt.as_deref(), "the salt")?;
	let employer_salt = salt_or_random(e.employer_salt.as_deref(), "the employer salt")?;
	if e.specialities.is_empty() || e.specialities.len() > MAX_ENTRY_SPECIALITIES {
		bail!(
			"the entry of {} names {} specialities; a pool entry holds 1 to \
			 {MAX_ENTRY_SPECIALITIES}",
			e.account,
			e.specialities.len()
		);
	}
	Ok(NewEntry {
		account: e.account,
		pseudonym: pseudonym(&expert.0, &salt),
		salt,
		employer_salt,
		specialities: e.specialities,
		city: e.city,
		employer: identity::employer_commitment(&employer, &employer_salt),
		remote: e.remote,
	})
}

/// Prints what the administrator hands to the expert of a new entry.
fn print_entry(added: &events::ExpertAdded, e: &NewEntry, block: impl std::fmt::Display) {
	println!(
		"pool entry {} added for {} (block {block}); drawable from block #{}",
		added.entry, e.account, added.active_from
	);
	println!("  pseudonym     0x{}", hex::encode(e.pseudonym));
	println!(
		"  salt          0x{}  (give both salts to the expert only: they prove the entry and",
		hex::encode(e.salt)
	);
	println!(
		"  employer salt 0x{}   open the employer commitment when taking a seat)",
		hex::encode(e.employer_salt)
	);
}

/// The drawn seat of `tender` whose entry is `me`'s pseudonym with `salt`, with its entry.
async fn my_drawn_seat(
	at: &At,
	tender: u64,
	me: &AccountId32,
	salt: &[u8; 32],
) -> Result<(u32, PoolEntry<u32>)> {
	let p = pseudonym(&me.0, salt);
	let mut entries = pool(at).await?;
	let seats = read(at, tenderchain::storage().expert_draw().committees(), (tender,)).await?;
	for (i, s) in seats.0.iter().enumerate() {
		let entry = s.entry as usize;
		if entries.get(entry).is_some_and(|e| e.pseudonym.0 == p) {
			if !matches!(s.state, SeatState::Drawn) {
				bail!(
					"seat {i} of tender {tender} (entry {entry}) is no longer waiting for its \
					 expert (see `tender show {tender}`)"
				);
			}
			return Ok((i as u32, entries.swap_remove(entry)));
		}
	}
	bail!("{me} with this salt holds no drawn seat on tender {tender}'s committee (check the salt)")
}

/// `tender expert …`: the pool administrator adds experts; anyone lists the pool; a drawn
/// expert takes or declines a seat, a seated one recuses.
async fn expert(ctx: &Ctx, command: ExpertCommand) -> Result<()> {
	let node = ctx.node().await?;
	match command {
		ExpertCommand::PoolAdd {
			account,
			speciality,
			city,
			employer,
			remote,
			salt,
			employer_salt,
		} => {
			// The entry holds only a pseudonym of the account and a commitment to the employer.
			let signer = ctx.signer()?;
			let entry = new_entry(RosterEntry {
				account: account.clone(),
				specialities: speciality,
				city,
				employer,
				remote,
				salt,
				employer_salt,
			})?;
			// Add it.
			let included = node
				.submit_signed(
					&entry.call(),
					&signer,
					&format!("adding {account} to the expert pool"),
				)
				.await?;
			let added = included.event::<events::ExpertAdded>()?;
			print_entry(&added, &entry, &included);
		},
		ExpertCommand::PoolReuse {
			entry: slot,
			account,
			speciality,
			city,
			employer,
			remote,
			salt,
			employer_salt,
		} => {
			// As pool-add, in a retired entry's slot.
			let signer = ctx.signer()?;
			let entry = new_entry(RosterEntry {
				account: account.clone(),
				specialities: speciality,
				city,
				employer,
				remote,
				salt,
				employer_salt,
			})?;
			let call = tenderchain::transactions().expert_draw().reuse_entry(
				slot,
				entry.pseudonym.into(),
				BoundedVec(entry.specialities.clone()),
				BoundedVec(entry.city.clone().into_bytes()),
				entry.employer.into(),
				entry.remote,
			);
			let included = node
				.submit_signed(
					&call,
					&signer,
					&format!("adding {account} to the expert pool in entry {slot}'s slot"),
				)
				.await?;
			let added = included.event::<events::ExpertAdded>()?;
			print_entry(&added, &entry, &included);
		},
		ExpertCommand::PoolImport { file } => {
			// Every entry checked (accounts, credit codes, salts) before anything is sent.
			let signer = ctx.signer()?;
			let text = std::fs::read_to_string(&file)
				.with_context(|| format!("cannot read the roster {}", file.display()))?;
			let roster: Vec<RosterEntry> = serde_json::from_str(&text).with_context(|| {
				format!("{} is not a roster (a JSON list of experts)", file.display())
			})?;
			let entries = roster
				.into_iter()
				.enumerate()
				.map(|(i, e)| {
					new_entry(e).with_context(|| format!("{}, expert {i}", file.display()))
				})
				.collect::<Result<Vec<_>>>()?;
			// Submit them all with consecutive nonces, without waiting for blocks.
			let who = AccountId32::from(signer.public_key());
			let mut tx = node.api.transactions().await?;
			let first_nonce = tx
				.account_nonce(&who)
				.await
				.map_err(|e| anyhow!("cannot read the nonce of {who}: {e}"))?;
			// Submit them with consecutive nonces, a batch at a time without waiting for blocks
			// (each watched transaction holds a subscription on the node), then wait for each
			// to be finalized, in order, and hand out the salts. A refused entry does not stop
			// the wait for the others already sent (their salts must be handed out); a refusal
			// at submission stops the sending (the later nonces could not be used).
			let mut added_count = 0;
			let mut failures: Vec<String> = Vec::new();
			let batch_size = import_batch(node)?;
			'batches: for (batch, chunk) in entries.chunks(batch_size).enumerate() {
				let mut submitted = Vec::with_capacity(chunk.len());
				let mut refused = None;
				for (i, e) in chunk.iter().enumerate() {
					let what = format!("adding {} to the expert pool", e.account);
					let nonce = first_nonce + (batch * batch_size + i) as u64;
					let params =
						PolkadotExtrinsicParamsBuilder::<Config>::new().nonce(nonce).build();
					let sent = match tx.create_signed(&e.call(), &signer, params).await {
						Ok(signed) => signed.submit_and_watch().await,
						Err(err) => Err(err),
					};
					match sent {
						Ok(progress) => submitted.push((what, progress, e)),
						Err(err) => {
							refused = Some(node.explain(&what, Some(&who.to_string()), err));
							break;
						},
					}
				}
				for (what, progress, e) in submitted {
					let outcome = node
						.finalized(progress, &what, "add_expert", Some(&who.to_string()))
						.await
						.and_then(|included| {
							let added = included.event::<events::ExpertAdded>()?;
							print_entry(&added, e, &included);
							Ok(())
						});
					match outcome {
						Ok(()) => added_count += 1,
						Err(err) => {
							println!("NOT ADDED: {err:#}");
							failures.push(format!("{err:#}"));
						},
					}
				}
				if let Some(err) = refused {
					println!("NOT SENT: {err:#}; the later entries were not sent");
					failures.push(format!("{err:#}"));
					break 'batches;
				}
			}
			if !failures.is_empty() {
				bail!(
					"{added_count} of {} experts added to the pool from {}; the first failure: {}",
					entries.len(),
					file.display(),
					failures[0]
				);
			}
			println!("{added_count} experts added to the pool from {}", file.display());
		},
		ExpertCommand::PoolList => {
			// Every entry, by pseudonym prefix.
			let json = ctx.json();
			let at = node.api.at_current_block().await?;
			let now = at.block_number() as u32;
			let entries = pool(&at).await?;
			say!(json, "{} pool entries (at block #{now})", entries.len());
			let mut docs = Vec::with_capacity(entries.len());
			for (i, e) in entries.iter().enumerate() {
				let status = if e.exposed {
					"  exposed (proved by its expert: never drawn again)".to_string()
				} else if e.struck {
					format!("  STRUCK from block #{}", e.struck_from.unwrap_or(0))
				} else if now < e.active_from {
					format!("  drawable from block #{}", e.active_from)
				} else if !drawable(e, now) {
					"  unavailable".to_string()
				} else {
					String::new()
				};
				say!(
					json,
					"  {i:>5}  0x{}…  {:<4} specialities {:?}  {}{status}",
					hex::encode(&e.pseudonym.0[..8]),
					text(&e.city.0),
					e.specialities.0,
					if e.remote { "remote+local" } else { "local" },
				);
				docs.push(json!({
					"entry": i,
					"pseudonym": output::hash(&e.pseudonym.0),
					"city": text(&e.city.0),
					"specialities": e.specialities.0,
					"remote": e.remote,
					"available": e.available,
					"pending_availability": e.pending_availability.map(|(available, from)| {
						json!({ "available": available, "from_block": from })
					}),
					"added_at_block": e.added_at,
					"active_from_block": e.active_from,
					"struck": e.struck,
					"struck_from_block": e.struck_from,
					"exposed": e.exposed,
					"drawable_now": drawable(e, now),
				}));
			}
			if json {
				output::print(&json!({ "block": now, "entries": docs }))?;
			}
		},
		ExpertCommand::PoolAvailability { entry, available, unavailable } => {
			// Only the administrator changes a live entry.
			let signer = ctx.signer()?;
			let available = available && !unavailable;
			let at = node.api.at_current_block().await?;
			ensure_administrator(&at, &signer).await?;
			let record = pool_entry(&at, entry).await?;
			if record.struck {
				bail!(
					"pool entry {entry} is struck from the pool (from block #{}): its availability \
					 no longer matters",
					record.struck_from.unwrap_or(0)
				);
			}
			let call = tenderchain::transactions().expert_draw().set_availability(entry, available);
			let word = if available { "available" } else { "unavailable" };
			let included = node
				.submit_signed(&call, &signer, &format!("marking pool entry {entry} {word}"))
				.await?;
			let set = included.event::<events::AvailabilitySet>()?;
			println!(
				"pool entry {entry} marked {word} from block #{} (block {included}): draws \
				 requested from then on follow it; draws requested before keep their eligible sets",
				set.from
			);
		},
		ExpertCommand::PoolStrike { entry, reason } => {
			// Only the administrator strikes, and an entry only once.
			let signer = ctx.signer()?;
			let at = node.api.at_current_block().await?;
			ensure_administrator(&at, &signer).await?;
			let record = pool_entry(&at, entry).await?;
			if record.struck {
				bail!(
					"pool entry {entry} is already struck from the pool (from block #{})",
					record.struck_from.unwrap_or(0)
				);
			}
			let reason_hash = files::sha256(&reason)?;
			let call =
				tenderchain::transactions().expert_draw().strike_expert(entry, reason_hash.into());
			let included =
				node.submit_signed(&call, &signer, &format!("striking pool entry {entry}")).await?;
			included.event::<events::ExpertStruck>()?;
			// The chain records from which block the strike counts.
			let at = node.api.at_current_block().await?;
			let from = pool_entry(&at, entry).await?.struck_from.unwrap_or(0);
			println!(
				"pool entry {entry} struck from the pool (block {included}): draws requested from \
				 block #{from} on no longer take it; reason {} (0x{})",
				reason.display(),
				hex::encode(reason_hash)
			);
		},
		ExpertCommand::TakeSeat { tender, salt, employer, employer_salt } => {
			// Find the drawn seat whose entry is the signer's pseudonym with this salt.
			let signer = ctx.signer()?;
			let salt = keys::hex32(&salt, "the salt")?;
			let employer_salt = keys::hex32(&employer_salt, "the employer salt")?;
			let employer_identity =
				identity::organisation_identity(&employer).context("the employer (--employer)")?;
			let me = AccountId32::from(signer.public_key());
			let at = node.api.at_current_block().await?;
			let (seat, entry) = my_drawn_seat(&at, tender, &me, &salt).await?;
			// The employer must open the entry's commitment, as the chain will check.
			if identity::employer_commitment(&employer_identity, &employer_salt) != entry.employer.0
			{
				bail!(
					"the employer code '{employer}' and the employer salt do not open the employer \
					 commitment of your pool entry: give the ones the pool administrator recorded \
					 for you"
				);
			}
			// Prove the entry and open the commitment; the chain checks certificate, bars and
			// avoidance now.
			let call = tenderchain::transactions().expert_draw().take_seat(
				tender,
				seat,
				salt,
				employer_identity.into(),
				employer_salt,
			);
			let included = node
				.submit_signed(&call, &signer, &format!("taking seat {seat} of tender {tender}"))
				.await?;
			if let Some(refused) = included.events.find_first::<events::ExpertIneligible>() {
				let refused = refused?;
				let replacement = match included.events.find_first::<events::ReplacementRequested>()
				{
					Some(r) => format!("replacement draw {} started", r?.draw),
					None => match included.events.find_first::<events::PoolIntegrityAlert>() {
						Some(alert) => format!(
							"no automatic replacement: {} seats of this tender were refused for \
							 a fault of the pool's upkeep (PoolIntegrityAlert), only a supervisor \
							 orders this one filled",
							alert?.count
						),
						None => "the host requests its replacement".to_string(),
					},
				};
				bail!(
					"{me} may not sit on tender {tender}'s committee: {} (block {included}); seat \
					 {seat} is marked ineligible and {replacement}",
					ineligibility_name(&refused.reason)
				);
			}
			included.event::<events::ExpertSeated>()?;
			println!(
				"{me} sits on tender {tender}'s evaluation committee, seat {seat} (block {included})"
			);
		},
		ExpertCommand::Decline { tender, salt } => {
			// Find the drawn seat, and decline it with the proof of the entry.
			let signer = ctx.signer()?;
			let salt = keys::hex32(&salt, "the salt")?;
			let me = AccountId32::from(signer.public_key());
			let at = node.api.at_current_block().await?;
			let (seat, _) = my_drawn_seat(&at, tender, &me, &salt).await?;
			let call = tenderchain::transactions().expert_draw().decline_seat(tender, seat, salt);
			let included = node
				.submit_signed(&call, &signer, &format!("declining seat {seat} of tender {tender}"))
				.await?;
			included.event::<events::SeatDeclined>()?;
			println!(
				"{me} declined seat {seat} of tender {tender} (block {included}); the host may \
				 have it filled again"
			);
		},
		ExpertCommand::Recuse { tender, reason } => {
			// The statement's hash goes on chain.
			let signer = ctx.signer()?;
			let call = tenderchain::transactions()
				.expert_draw()
				.recuse(tender, files::sha256(&reason)?.into());
			let included = node
				.submit_signed(&call, &signer, &format!("the recusal from tender {tender}"))
				.await?;
			let recused = included.event::<events::ExpertRecused>()?;
			println!(
				"{} recused from seat {} of tender {tender} (回避, block {included}); the host may \
				 have the seat filled again",
				recused.expert, recused.seat
			);
		},
	}
	Ok(())
}

/// Refuses plainly if `signer` is not the expert-pool administrator (the chain would refuse
/// with `NotThePoolAdministrator`).
async fn ensure_administrator(at: &At, signer: &subxt_signer::sr25519::Keypair) -> Result<()> {
	let me = AccountId32::from(signer.public_key());
	match try_read(at, tenderchain::storage().expert_draw().pool_administrator(), ()).await? {
		Some(admin) if admin == me => Ok(()),
		Some(admin) => bail!(
			"{me} is not the expert-pool administrator ({admin} is): only the administrator \
			 changes the pool"
		),
		None => bail!(
			"no expert-pool administrator is named yet: the council names one (`tender \
			 consortium propose-pool-administrator`)"
		),
	}
}

/// The anchor block's hash of draw `d`, read at `at` (finalized): as recorded, or from the
/// chain once that block is finalized; `None` before that.
async fn anchor_hash(node: &Node, at: &At, d: &Draw<u32>) -> Result<Option<[u8; 32]>> {
	if let Some(hash) = &d.anchor_hash {
		return Ok(Some(hash.0));
	}
	if (at.block_number() as u32) < d.anchor {
		return Ok(None);
	}
	Ok(node.rpc.chain_get_block_hash(Some(d.anchor.into())).await?.map(|hash| hash.0))
}

/// The expert-draw constants a replay needs: (contribution window, required contributions).
fn draw_constants(at: &At) -> Result<(u32, u32)> {
	let constants = at.constants();
	Ok((
		constants.entry(tenderchain::constants().expert_draw().contribution_window())?,
		constants.entry(tenderchain::constants().expert_draw().required_contributions())?,
	))
}

/// `tender draw …`: set a key, request, contribute, show, verify, replace, and the
/// supervisor's removal and replacement order.
async fn draw(ctx: &Ctx, command: DrawCommand) -> Result<()> {
	let node = ctx.node().await?;
	match command {
		DrawCommand::SetKey { draw_key } => {
			// Only the public key goes on chain.
			let signer = ctx.signer()?;
			let pair = draw_key_pair(&draw_key)?;
			let call = tenderchain::transactions().expert_draw().set_draw_key(pair.public().0);
			let included =
				node.submit_signed(&call, &signer, "setting the city's draw key").await?;
			let set = included.event::<events::DrawKeySet>()?;
			println!(
				"{}'s draw key is now 0x{} (block {included}): it counts for draws requested from \
				 now on; draws requested before keep the key recorded at their request",
				text(&set.city.0),
				hex::encode(set.key)
			);
		},
		DrawCommand::Request { tender, mode, need } => {
			// The lines, as speciality:count.
			let signer = ctx.signer()?;
			let mut lines = Vec::new();
			for n in &need {
				let (s, c) = n
					.split_once(':')
					.ok_or_else(|| anyhow!("'{n}' is not speciality:count (for example 101:5)"))?;
				let s: u16 = s
					.trim()
					.parse()
					.map_err(|_| anyhow!("'{s}' in '{n}' is not a speciality code"))?;
				let c: u32 =
					c.trim().parse().map_err(|_| anyhow!("'{c}' in '{n}' is not a count"))?;
				lines.push((s, c));
			}
			// Say which line is short, with the counts, before the chain refuses.
			let at = node.api.at_current_block().await?;
			let now = at.block_number() as u32;
			let multiple =
				at.constants().entry(tenderchain::constants().expert_draw().min_pool_multiple())?;
			// Only the specialities the tender declared may be asked for.
			if let Some(t) =
				try_read(&at, tenderchain::storage().tendering().tenders(), (tender,)).await?
			{
				for (s, _) in &lines {
					if !t.specialities.0.contains(s) {
						bail!(
							"tender {tender} did not declare speciality {s} for its evaluation \
							 (it declared {:?}): a draw asks only for declared specialities \
							 (tender create --speciality)",
							t.specialities.0
						);
					}
				}
			}
			let avoid = avoidance(&at, tender).await?;
			let entries = pool(&at).await?;
			// An entry drawn for another tender and still waiting is in no new eligible set.
			let waiting = waiting_entries(&at, entries.len() as u32).await?;
			let remote = mode == Mode::Remote;
			for (s, c) in &lines {
				let n = entries
					.iter()
					.enumerate()
					.filter(|(i, _)| !waiting.contains(&(*i as u32)))
					.filter(|(i, e)| eligible(*i as u32, e, *s, remote, &avoid, now))
					.count() as u32;
				if n < c * multiple {
					bail!(
						"tender {tender}: the pool has {n} eligible experts of speciality {s} for a \
						 {} draw; {c} to draw need at least {} ({multiple}×). Entries count \
						 {} blocks after they are added (see `tender expert pool-list`)",
						if remote { "remote" } else { "local" },
						c * multiple,
						at.constants()
							.entry(tenderchain::constants().expert_draw().pool_change_delay())?
					);
				}
			}
			// Request; the chain fixes the eligible sets and records the cities' draw keys.
			let call = tenderchain::transactions().expert_draw().request_draw(
				tender,
				if remote { ChainMode::Remote } else { ChainMode::Local },
				crate::chain::bounded(
					"the list of speciality lines",
					lines.iter().map(|(s, c)| Requirement { speciality: *s, count: *c }).collect(),
					MAX_REQUIREMENTS,
				)?,
			);
			let included = node
				.submit_signed(&call, &signer, &format!("the draw for tender {tender}"))
				.await?;
			let requested = included.event::<events::DrawRequested>()?;
			println!(
				"draw {} requested for tender {tender} (block {included}): eligible {:?}; \
				 contributions from block #{}, by the cities that block #{}'s hash orders (see \
				 `tender draw show {}`)",
				requested.draw,
				requested.eligible,
				requested.anchor + 1,
				requested.anchor,
				requested.draw
			);
		},
		DrawCommand::Contribute { draw, draw_key } => {
			// The trading centre signs; the city's draw key (its own by default) makes the VRF.
			let signer_uri = ctx.signer_uri()?;
			let signer = keys::signer(signer_uri)?;
			let pair = draw_key_pair(draw_key.as_deref().unwrap_or(signer_uri))?;
			// The input needs the anchor block's hash: wait until that block is finalized.
			let at = node.api.at_current_block().await?;
			let d = draw_record(&at, draw).await?;
			if d.seed.is_some() {
				bail!("draw {draw} is already complete");
			}
			let anchor = node
				.wait_finalized(
					d.anchor,
					&format!("block #{} (the anchor of draw {draw})", d.anchor),
				)
				.await?;
			// Sign the draw's input with the VRF and submit the pre-output and proof.
			let genesis = node.api.genesis_hash();
			let input = input_hash(
				&genesis.0,
				draw,
				d.tender,
				matches!(d.mode, ChainMode::Remote),
				&lines_of(&d),
				&anchor.0,
			);
			let signature = pair.vrf_sign(&transcript(&input).into_sign_data());
			let pre: [u8; 32] = signature
				.pre_output
				.encode()
				.try_into()
				.map_err(|_| anyhow!("pre-output is not 32 bytes"))?;
			let proof: [u8; 64] = signature
				.proof
				.encode()
				.try_into()
				.map_err(|_| anyhow!("proof is not 64 bytes"))?;
			let call = tenderchain::transactions().expert_draw().contribute(draw, pre, proof);
			let what = format!("the contribution to draw {draw}");
			let included = match node.submit_signed(&call, &signer, &what).await {
				Ok(included) => included,
				Err(e) => {
					// A key other than the one recorded at the request: say which is which.
					let me = AccountId32::from(signer.public_key());
					let city = try_read(
						&at,
						tenderchain::storage().consortium().city_of_trading_centre(),
						(me,),
					)
					.await
					.ok()
					.flatten();
					let recorded = city.as_ref().and_then(|c| {
						d.keys.0.iter().find(|(k, _)| k.0 == c.0).map(|(_, key)| *key)
					});
					return Err(match (city, recorded) {
						(Some(city), Some(key)) if key != pair.public().0 => e.context(format!(
							"{} signed with draw key 0x{}, but the key it had registered when \
							 draw {draw} was requested is 0x{}: a key set after the request \
							 counts only for draws requested later",
							text(&city.0),
							hex::encode(pair.public().0),
							hex::encode(key)
						)),
						_ => e,
					});
				},
			};
			let contributed = included.event::<events::Contributed>()?;
			println!(
				"{} contributed to draw {draw} (block {included}): output 0x{}",
				text(&contributed.city.0),
				hex::encode(contributed.output)
			);
			if included.events.find_first::<events::LateContribution>().is_some() {
				println!("  late: its own contribution window had passed (recorded on chain)");
			}
			for withheld in included.events.find::<events::ContributionWithheld>() {
				println!(
					"  {} withheld its contribution (recorded on chain)",
					text(&withheld?.city.0)
				);
			}
			if let Some(done) = included.events.find_first::<events::DrawCompleted>() {
				let done = done?;
				println!(
					"draw {draw} complete: seed 0x{}, entries {:?} drawn",
					hex::encode(done.seed.0),
					done.picks
				);
				if !done.skipped.is_empty() {
					println!(
						"  entries {:?} skipped: retired since the request (exposed, struck, or \
						 drawn for another tender and still waiting)",
						done.skipped
					);
				}
			}
		},
		DrawCommand::Show { draw } => show(node, draw, ctx.json()).await?,
		DrawCommand::Verify { draw } => {
			return verify::verify(node, draw, ctx.json()).await?.into_result()
		},
		DrawCommand::Replace { tender, seat } => {
			// A new draw for one seat; the chain names the reason it recorded.
			let signer = ctx.signer()?;
			let call = tenderchain::transactions().expert_draw().request_replacement(tender, seat);
			let included = node
				.submit_signed(
					&call,
					&signer,
					&format!("the replacement of seat {seat} of tender {tender}"),
				)
				.await?;
			let r = included.event::<events::ReplacementRequested>()?;
			println!(
				"seat {seat} of tender {tender} ({}): replacement draw {} requested (block \
				 {included})",
				reason_name(&r.reason),
				r.draw
			);
		},
		DrawCommand::RemoveExpert { tender, seat, reason } => {
			// The decision's hash goes on chain.
			let signer = ctx.signer()?;
			let call = tenderchain::transactions().expert_draw().remove_expert(
				tender,
				seat,
				files::sha256(&reason)?.into(),
			);
			let included = node
				.submit_signed(
					&call,
					&signer,
					&format!("the removal of the expert of seat {seat} of tender {tender}"),
				)
				.await?;
			let removed = included.event::<events::ExpertRemoved>()?;
			println!(
				"{} removed from seat {seat} of tender {tender} (block {included}); the host may \
				 have the seat filled again",
				removed.expert
			);
		},
		DrawCommand::OrderReplacement { tender, seat, reason } => {
			// The decision's hash goes on chain; the replacement draw opens at once.
			let signer = ctx.signer()?;
			let call = tenderchain::transactions().expert_draw().order_replacement(
				tender,
				seat,
				files::sha256(&reason)?.into(),
			);
			let included = node
				.submit_signed(
					&call,
					&signer,
					&format!("the replacement order for seat {seat} of tender {tender}"),
				)
				.await?;
			let r = included.event::<events::ReplacementRequested>()?;
			println!(
				"seat {seat} of tender {tender}: replacement draw {} ordered (block {included})",
				r.draw
			);
		},
	}
	Ok(())
}

/// `tender draw show`: the request and its lines, the keys recorded, the cities asked, the
/// contributions and withheld ones, the seed or what is awaited, and the tender's committee
/// (as text, or with `json` as one JSON document).
async fn show(node: &Node, draw: u64, json: bool) -> Result<()> {
	let mut at = node.api.at_current_block().await?;
	let mut d = draw_record(&at, draw).await?;
	// A pending draw's contributors follow from its anchor block: wait until that block, the
	// one after the request, is final (a few seconds).
	let lapse = at.constants().entry(tenderchain::constants().system().block_hash_count())?;
	let finalized = at.block_number() as u32;
	if d.seed.is_none() && finalized < d.anchor && finalized <= d.anchor + lapse {
		node.wait_finalized(d.anchor, &format!("block #{} (the anchor of draw {draw})", d.anchor))
			.await?;
		at = node.api.at_current_block().await?;
		d = draw_record(&at, draw).await?;
	}
	let now = at.block_number() as u32;
	let mode = if matches!(d.mode, ChainMode::Remote) { "remote" } else { "local" };
	say!(
		json,
		"draw {draw} for tender {} ({mode}, requested by {} at block #{})",
		d.tender,
		text(&d.city.0),
		d.requested_at
	);
	let mut doc = json!({
		"draw": draw,
		"tender": d.tender,
		"mode": mode,
		"city": text(&d.city.0),
		"requested_at_block": d.requested_at,
		"replaces": Value::Null,
	});
	if let Some((seat, reason)) = &d.replaces {
		say!(json, "  replaces seat {seat}: {}", reason_name(reason));
		doc["replaces"] = json!({
			"seat": seat,
			"reason": output::variant(reason),
			"reason_text": reason_name(reason),
		});
	}
	let mut lines = Vec::new();
	for (l, r) in d.requirements.0.iter().enumerate() {
		let set = eligible_set(&at, draw, l as u32).await?;
		say!(
			json,
			"  line {l}: speciality {} × {} from {} eligible",
			r.speciality,
			r.count,
			set.len()
		);
		lines.push(json!({
			"line": l,
			"speciality": r.speciality,
			"count": r.count,
			"eligible_entries": set,
		}));
	}
	doc["lines"] = Value::Array(lines);
	for (city, key) in &d.keys.0 {
		say!(json, "  {}'s draw key at the request: 0x{}", text(&city.0), hex::encode(key));
	}
	doc["keys"] = d
		.keys
		.0
		.iter()
		.map(|(city, key)| json!({ "city": text(&city.0), "key": output::hash(key) }))
		.collect();
	// The order of the cities, once the anchor block is known.
	let (window, required) = draw_constants(&at)?;
	let cities = recorded_cities(&d);
	let anchor = anchor_hash(node, &at, &d).await?;
	let order = anchor.map(|hash| contributor_order(&hash, &cities));
	if let Some(author) = &d.anchor_author {
		say!(
			json,
			"  anchor block #{} authored by {}'s validator: it does not contribute",
			d.anchor,
			text(&author.0)
		);
	}
	doc["anchor"] = json!({
		"block": d.anchor,
		"hash": anchor.as_ref().map(|h| output::hash(h)),
		"author_city": d.anchor_author.as_ref().map(|a| text(&a.0)),
	});
	match &order {
		Some(order) => say!(
			json,
			"  contributors, in the order block #{}'s hash sets: {}",
			d.anchor,
			city_list(order)
		),
		None => {
			say!(
				json,
				"  contributors: ordered by the hash of block #{}, not yet produced",
				d.anchor
			)
		},
	}
	doc["contributor_order"] =
		json!(order.as_ref().map(|o| o.iter().map(|c| text(c)).collect::<Vec<_>>()));
	for c in &d.contributions.0 {
		say!(
			json,
			"  contribution by {}: key 0x{}, output 0x{}",
			text(&c.city.0),
			hex::encode(c.key),
			hex::encode(c.output)
		);
	}
	doc["contributions"] = d
		.contributions
		.0
		.iter()
		.map(|c| {
			json!({
				"city": text(&c.city.0),
				"key": output::hash(&c.key),
				"output": output::hash(&c.output),
			})
		})
		.collect();
	let contributors: Vec<Vec<u8>> = d.contributions.0.iter().map(|c| c.city.0.clone()).collect();
	match (&d.seed, d.completed_at) {
		(Some(seed), Some(completed)) => {
			say!(
				json,
				"  seed 0x{}; drawn entries {:?} (block #{completed})",
				hex::encode(seed.0),
				d.picks.0
			);
			if !d.skipped.0.is_empty() {
				say!(
					json,
					"  skipped entries {:?}: met by the selection but retired since the request \
					 (exposed, struck, or drawn for another tender and still waiting)",
					d.skipped.0
				);
			}
			let mut silent = Vec::new();
			if let Some(order) = &order {
				let windows = windows_passed(d.anchor, completed, window);
				for city in withheld(order, required, windows, &contributors) {
					say!(json, "  WITHHELD: {} let its contribution window pass", text(&city));
					silent.push(text(&city));
				}
			}
			doc["status"] = json!("complete");
			doc["seed"] = output::hash(&seed.0);
			doc["completed_at_block"] = json!(completed);
			doc["picks"] = json!(d.picks.0);
			doc["skipped"] = json!(d.skipped.0);
			doc["withheld"] = json!(silent);
		},
		_ => {
			let lapse =
				at.constants().entry(tenderchain::constants().system().block_hash_count())?;
			let pending =
				try_read(&at, tenderchain::storage().expert_draw().tender_pending(), (d.tender,))
					.await?;
			if pending != Some(draw) || now > d.anchor + lapse {
				say!(
					json,
					"  lapsed: not complete within {lapse} blocks of block #{}; the host trading \
					 centre requests the draw again",
					d.anchor
				);
				doc["status"] = json!("lapsed");
			} else if let Some(order) = &order {
				let windows = windows_passed(d.anchor, now, window);
				let asked: Vec<Vec<u8>> = designated(order, required, windows)
					.iter()
					.filter(|c| !contributors.contains(c))
					.cloned()
					.collect();
				say!(json, "  asked now: {}", city_list(&asked));
				let waiting = withheld(order, required, windows, &contributors);
				if !waiting.is_empty() {
					say!(
						json,
						"  window passed without a contribution from {}: recorded as withheld if \
						 the draw completes without it",
						city_list(&waiting)
					);
				}
				doc["status"] = json!("pending");
				doc["asked_now"] = json!(asked.iter().map(|c| text(c)).collect::<Vec<_>>());
				doc["window_passed"] = json!(waiting.iter().map(|c| text(c)).collect::<Vec<_>>());
			} else {
				say!(
					json,
					"  waiting for block #{} (contributions from block #{})",
					d.anchor,
					d.anchor + 1
				);
				doc["status"] = json!("waiting_for_anchor");
			}
		},
	}
	doc["contribution_record"] = committee::contribution_record(&at, &cities, json).await?;
	say!(json, "tender {}:", d.tender);
	doc["committee"] = committee::show(&at, d.tender, json).await?;
	doc["read_at_block"] = json!(now);
	if json {
		output::print(&doc)?;
	}
	Ok(())
}
