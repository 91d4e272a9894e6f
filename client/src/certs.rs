//! `tender ca` and `tender participant`: certificates recognised in every city.

use std::{fs, path::PathBuf};

use anyhow::{anyhow, bail, Context, Result};
use clap::{Subcommand, ValueEnum};
use ed25519_dalek::Signer as _;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use subxt::{ext::codec::Encode, utils::AccountId32};
use tenderchain_primitives::tags;

use crate::{
	chain::{read_map, tenderchain, try_read, Node},
	ctx::Ctx,
	keys::{self, account},
	output, time,
};
use tenderchain::runtime_types::{
	bounded_collections::bounded_vec::BoundedVec,
	pallet_certificates::types::{CertificatePayload, RevocationPayload, Roles},
};

/// The legal-identity hash of a certificate: `SHA-256(IDENTITY ‖ salt ‖ identity)`, the
/// identity being a normalised unified social credit code (without salt, see
/// [`crate::identity`]) or a person's id number (salted). The expert pool commits to employers'
/// unsalted hashes, so that avoidance can compare them.
pub(crate) fn identity_hash(identity: &str, salt: &str) -> [u8; 32] {
	let mut hasher = Sha256::new();
	hasher.update(tags::IDENTITY);
	hasher.update(salt.as_bytes());
	hasher.update(identity.as_bytes());
	hasher.finalize().into()
}

/// A participant role, as written on the command line and in certificate files.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
	/// 招标人.
	Tenderer,
	/// 招标代理.
	Agency,
	/// 投标人.
	Bidder,
	/// 评标专家.
	Expert,
	/// 行政监督 (no trading role may be combined with it).
	Supervisor,
	/// 审计.
	Auditor,
	/// 交易中心.
	TradingCentre,
}

impl Role {
	const ALL: [Role; 7] = [
		Role::Tenderer,
		Role::Agency,
		Role::Bidder,
		Role::Expert,
		Role::Supervisor,
		Role::Auditor,
		Role::TradingCentre,
	];

	fn bit(self) -> u16 {
		1 << (self as u16)
	}

	/// The set of `roles` as the runtime encodes it.
	pub fn bits(roles: &[Role]) -> u16 {
		roles.iter().fold(0, |acc, r| acc | r.bit())
	}

	/// The roles in a bit set.
	pub fn from_bits(bits: u16) -> Vec<Role> {
		Role::ALL.into_iter().filter(|r| bits & r.bit() != 0).collect()
	}

	fn name(self) -> &'static str {
		match self {
			Role::Tenderer => "tenderer",
			Role::Agency => "agency",
			Role::Bidder => "bidder",
			Role::Expert => "expert",
			Role::Supervisor => "supervisor",
			Role::Auditor => "auditor",
			Role::TradingCentre => "trading-centre",
		}
	}
}

fn role_list(bits: u16) -> String {
	Role::from_bits(bits).into_iter().map(Role::name).collect::<Vec<_>>().join(", ")
}

/// A certificate as a participant carries it: the signed fields, the CA's key and signature.
#[derive(Serialize, Deserialize)]
pub struct CertificateFile {
	/// What the file is.
	pub kind: String,
	/// The chain it is for.
	pub genesis_hash: String,
	/// The issuing CA's id on chain.
	pub authority: u32,
	/// The CA's serial number.
	pub serial: u64,
	/// The certified account (SS58).
	pub account: String,
	/// SHA-256 of the legal identity, hex.
	pub identity_hash: String,
	/// The display name.
	pub name: String,
	/// The roles.
	pub roles: Vec<Role>,
	/// The certifying city's code.
	pub city: String,
	/// Valid from (Unix ms).
	pub valid_from: u64,
	/// Valid until (Unix ms).
	pub valid_until: u64,
	/// Valid from, readable.
	pub valid_from_text: String,
	/// Valid until, readable.
	pub valid_until_text: String,
	/// The CA's ed25519 public key, hex.
	pub ca_key: String,
	/// The CA's ed25519 signature, hex.
	pub signature: String,
}

const CERTIFICATE_KIND: &str = "tenderchain participant certificate";

impl CertificateFile {
	/// The payload exactly as the runtime decodes and verifies it.
	pub(crate) fn payload(&self) -> Result<CertificatePayload<AccountId32>> {
		let account: AccountId32 = self.account.parse().map_err(|_| {
			anyhow!("the certificate's account '{}' is not an SS58 address", self.account)
		})?;
		Ok(CertificatePayload {
			genesis_hash: keys::hex32(&self.genesis_hash, "the certificate's genesis hash")?.into(),
			authority: self.authority,
			serial: self.serial,
			account,
			identity_hash: keys::hex32(&self.identity_hash, "the identity hash")?.into(),
			name: BoundedVec(self.name.as_bytes().to_vec()),
			roles: Roles(Role::bits(&self.roles)),
			city: BoundedVec(self.city.as_bytes().to_vec()),
			valid_from: self.valid_from,
			valid_until: self.valid_until,
		})
	}

	/// What the CA signs: `CERTIFICATE_SIGNING ‖ SCALE(payload)`, the payload encoded field by
	/// field as pallet-certificates' `CertificatePayload` declares them.
	pub(crate) fn signing_message(&self) -> Result<Vec<u8>> {
		let p = self.payload()?;
		let mut message = tags::CERTIFICATE_SIGNING.to_vec();
		(
			p.genesis_hash.0,
			p.authority,
			p.serial,
			p.account.0,
			p.identity_hash.0,
			p.name.0,
			p.roles.0,
			p.city.0,
			p.valid_from,
			p.valid_until,
		)
			.encode_to(&mut message);
		Ok(message)
	}

	fn read(path: &PathBuf) -> Result<CertificateFile> {
		let text = fs::read_to_string(path)
			.with_context(|| format!("cannot read the certificate file {}", path.display()))?;
		let cert: CertificateFile = serde_json::from_str(&text)
			.with_context(|| format!("{} is not a tenderchain certificate file", path.display()))?;
		if cert.kind != CERTIFICATE_KIND {
			bail!(
				"{} is not a tenderchain certificate file (kind '{}')",
				path.display(),
				cert.kind
			);
		}
		Ok(cert)
	}
}

/// What a CA signs to revoke a certificate: `REVOCATION_SIGNING ‖ SCALE(payload)`, the payload
/// being pallet-certificates' `RevocationPayload` (genesis hash, authority, serial).
fn revocation_message(genesis: &[u8; 32], authority: u32, serial: u64) -> Vec<u8> {
	let mut message = tags::REVOCATION_SIGNING.to_vec();
	(genesis, authority, serial).encode_to(&mut message);
	message
}

/// `tender ca …` and `tender participant …`, at the top level of `tender`.
#[derive(Debug, Subcommand)]
pub enum Command {
	/// A certificate authority's work: keys, issuing and revoking certificates.
	#[command(subcommand)]
	Ca(CaCommand),
	/// Register a certificate; show a participant.
	#[command(subcommand)]
	Participant(ParticipantCommand),
}

/// Runs a `tender ca` or `tender participant` command.
pub async fn run(ctx: &Ctx, cmd: Command) -> Result<()> {
	match cmd {
		// A CA's key generation needs no node.
		Command::Ca(CaCommand::Keygen { out }) => keygen(&out),
		Command::Ca(cmd) => ca(ctx.node().await?, cmd, ctx.json()).await,
		Command::Participant(cmd) => participant(ctx.node().await?, cmd, ctx.json()).await,
	}
}

/// `tender ca …`: what a certificate authority does.
#[derive(Debug, Subcommand)]
pub enum CaCommand {
	/// Generate a CA signing key into a file; prints the public key for the consortium.
	Keygen {
		/// Where to write the key (never overwritten).
		#[arg(long)]
		out: PathBuf,
	},
	/// Issue (sign) a certificate for a participant's account, written to a file the
	/// participant carries.
	Issue {
		/// The CA key file.
		#[arg(long)]
		ca_key: PathBuf,
		/// The CA's id on chain (see `tender ca list`).
		#[arg(long)]
		authority: u32,
		/// The certificate's serial number, unique for this CA.
		#[arg(long)]
		serial: u64,
		/// The participant's account (SS58).
		#[arg(long)]
		account: String,
		/// The legal identity: the unified social credit code of an organisation (checked and
		/// normalised: trimmed, upper-case, GB 32100-2015 check character), or, with
		/// `--identity-salt`, a person's id number. Only its (salted) SHA-256 goes on chain.
		#[arg(long)]
		identity: String,
		/// A salt for the identity hash of a person (so that an id number cannot be guessed
		/// from the hash). Without it the identity is an organisation's credit code, hashed
		/// unsalted so that avoidance can compare it with employers and principals.
		#[arg(long, default_value = "")]
		identity_salt: String,
		/// The display name.
		#[arg(long)]
		name: String,
		/// The roles, comma-separated.
		#[arg(long, value_delimiter = ',', required = true)]
		roles: Vec<Role>,
		/// The certifying city's code (BY, LZ, TS, JQ on the local network).
		#[arg(long)]
		city: String,
		/// Valid from (default: an hour ago).
		#[arg(long)]
		valid_from: Option<String>,
		/// Valid for this many days.
		#[arg(long, default_value_t = 365)]
		valid_days: u64,
		/// Where to write the certificate.
		#[arg(long)]
		out: PathBuf,
	},
	/// Revoke a certificate this CA issued (submitted as a CA-signed unsigned transaction).
	Revoke {
		/// The CA key file.
		#[arg(long)]
		ca_key: PathBuf,
		/// The CA's id on chain.
		#[arg(long)]
		authority: u32,
		/// The certificate's serial number.
		#[arg(long)]
		serial: u64,
	},
	/// List the CAs on chain, removed ones included.
	List,
}

/// `tender participant …`.
#[derive(Debug, Subcommand)]
pub enum ParticipantCommand {
	/// Register a CA-signed certificate on chain; afterwards its account may transact.
	Register {
		/// The certificate file from the CA.
		cert_file: PathBuf,
	},
	/// Show an account's certificate, validity and bars.
	Show {
		/// The account (SS58).
		account: String,
	},
}

/// `tender ca keygen`: a new CA key file; prints the public key for the consortium.
fn keygen(out: &std::path::Path) -> Result<()> {
	let key = keys::generate_ca_key(out)?;
	println!("wrote CA key {} (keep it secret)", out.display());
	println!("public key: 0x{}", hex::encode(key.verifying_key().to_bytes()));
	Ok(())
}

/// Runs a `tender ca` command that reads or writes the chain (`json`: `ca list` prints its JSON
/// document).
async fn ca(node: &Node, command: CaCommand, json: bool) -> Result<()> {
	match command {
		CaCommand::Keygen { out } => keygen(&out),
		CaCommand::Issue {
			ca_key,
			authority,
			serial,
			account: who,
			identity,
			identity_salt,
			name,
			roles,
			city,
			valid_from,
			valid_days,
			out,
		} => {
			// The CA's key, and an account that parses.
			let key = keys::load_ca_key(&ca_key)?;
			account(&who)?;
			// By default valid from an hour ago: the chain's clock is its last block's
			// timestamp, a few seconds behind this machine's.
			let valid_from = match valid_from {
				Some(t) => time::parse(&t)?,
				None => time::now_ms().saturating_sub(3_600_000),
			};
			let valid_until = valid_from + valid_days * 86_400_000;
			// Only the hash of the legal identity goes into the certificate: an organisation's
			// credit code in its one canonical form (so that avoidance meets the pool's
			// employers), a person's id number salted.
			let identity_hash = if identity_salt.is_empty() {
				crate::identity::organisation_identity(&identity).context(
					"--identity without --identity-salt is an organisation's credit code (give a \
					 person's id number with --identity-salt)",
				)?
			} else {
				identity_hash(identity.trim(), &identity_salt)
			};
			let mut cert = CertificateFile {
				kind: CERTIFICATE_KIND.into(),
				genesis_hash: format!("{:?}", node.api.genesis_hash()),
				authority,
				serial,
				account: who,
				identity_hash: format!("0x{}", hex::encode(identity_hash)),
				name,
				roles,
				city,
				valid_from,
				valid_until,
				valid_from_text: time::show(valid_from),
				valid_until_text: time::show(valid_until),
				ca_key: format!("0x{}", hex::encode(key.verifying_key().to_bytes())),
				signature: String::new(),
			};
			// Sign the payload as the runtime will verify it.
			let message = cert.signing_message()?;
			cert.signature = format!("0x{}", hex::encode(key.sign(&message).to_bytes()));
			// The participant carries the file and registers it.
			fs::write(&out, serde_json::to_string_pretty(&cert)? + "\n")
				.with_context(|| format!("cannot write {}", out.display()))?;
			println!(
				"issued certificate {serial} of CA {authority} for {} ({}) as {}, valid {} to {}: {}",
				cert.account,
				cert.name,
				role_list(Role::bits(&cert.roles)),
				cert.valid_from_text,
				cert.valid_until_text,
				out.display()
			);
			Ok(())
		},
		CaCommand::Revoke { ca_key, authority, serial } => {
			// The CA signs the revocation for this chain; anyone may submit it.
			let key = keys::load_ca_key(&ca_key)?;
			let revocation =
				RevocationPayload { genesis_hash: node.api.genesis_hash(), authority, serial };
			let message = revocation_message(&revocation.genesis_hash.0, authority, serial);
			let signature = key.sign(&message).to_bytes();
			let call = tenderchain::transactions().certificates().revoke_certificate(
				revocation,
				key.verifying_key().to_bytes(),
				signature,
			);
			let block = node.submit_unsigned(&call, "the revocation").await?;
			println!("revoked certificate {serial} of CA {authority} (block {block})");
			Ok(())
		},
		CaCommand::List => {
			// Every CA by id, with its keys.
			let at = node.api.at_current_block().await?;
			let mut rows =
				read_map(&at, tenderchain::storage().certificates().authorities()).await?;
			rows.sort_by_key(|((id,), _)| *id);
			if json {
				let cas: Vec<serde_json::Value> = rows
					.iter()
					.map(|((id,), ca)| {
						serde_json::json!({
							"authority": id,
							"name": output::text(&ca.name.0),
							"city": output::text(&ca.city.0),
							"valid_from": output::time(ca.valid_from),
							"valid_until": output::time(ca.valid_until),
							"removed_at": ca.removed_at.map(output::time),
							"keys": ca.keys.0.iter().map(|k| output::hash(k)).collect::<Vec<_>>(),
						})
					})
					.collect();
				return output::print(&serde_json::json!({ "authorities": cas }));
			}
			for ((id,), ca) in rows {
				println!(
					"CA {id}: {} (city {}), valid {} to {}{}",
					String::from_utf8_lossy(&ca.name.0),
					String::from_utf8_lossy(&ca.city.0),
					time::show(ca.valid_from),
					time::show(ca.valid_until),
					ca.removed_at
						.map(|t| format!(", REMOVED {}", time::show(t)))
						.unwrap_or_default()
				);
				for key in ca.keys.0 {
					println!("  key 0x{}", hex::encode(key));
				}
			}
			Ok(())
		},
	}
}

/// Runs a `tender participant` command (`json`: `participant show` prints its JSON document).
async fn participant(node: &Node, command: ParticipantCommand, json: bool) -> Result<()> {
	match command {
		ParticipantCommand::Register { cert_file } => {
			// Refuse plainly a certificate for another chain or one expired.
			let cert = CertificateFile::read(&cert_file)?;
			let genesis = format!("{:?}", node.api.genesis_hash());
			if !cert.genesis_hash.eq_ignore_ascii_case(&genesis) {
				bail!(
					"{}: certificate for another chain (genesis {}, this node's chain is {genesis})",
					cert_file.display(),
					cert.genesis_hash
				);
			}
			if cert.valid_until <= time::now_ms() {
				bail!("{}: certificate expired at {}", cert_file.display(), cert.valid_until_text);
			}
			// Submit it unsigned: the CA's signature is its proof.
			let payload = cert.payload()?;
			let call = tenderchain::transactions().certificates().register_certificate(
				payload,
				keys::hex32(&cert.ca_key, "the CA key")?,
				hex::decode(cert.signature.trim_start_matches("0x"))
					.ok()
					.and_then(|b| b.try_into().ok())
					.ok_or_else(|| {
						anyhow!("{}: the signature is not 64 bytes of hex", cert_file.display())
					})?,
			);
			let block = node
				.submit_unsigned(&call, &format!("certificate {}", cert_file.display()))
				.await?;
			println!(
				"registered certificate {} of CA {} for {} as {} (block {block}); the account may now transact",
				cert.serial,
				cert.authority,
				cert.account,
				role_list(Role::bits(&cert.roles))
			);
			Ok(())
		},
		ParticipantCommand::Show { account: who } => {
			// The certificate, and its state now.
			let id = account(&who)?;
			let at = node.api.at_current_block().await?;
			let cert =
				try_read(&at, tenderchain::storage().certificates().certificates(), (id,)).await?;
			let Some(cert) = cert else {
				if json {
					return output::print(
						&serde_json::json!({ "account": who, "certificate": null }),
					);
				}
				println!("{who}: no certificate");
				return Ok(());
			};
			let now = time::now_ms();
			let (status, state) = if let Some(t) = cert.revoked_at {
				("revoked", format!("REVOKED at {}", time::show(t)))
			} else if now >= cert.valid_until {
				("expired", format!("EXPIRED at {}", time::show(cert.valid_until)))
			} else if now < cert.valid_from {
				("not_yet_valid", format!("not valid before {}", time::show(cert.valid_from)))
			} else {
				("valid", "valid".to_string())
			};
			if json {
				return output::print(&serde_json::json!({
					"account": who,
					"certificate": {
						"name": output::text(&cert.name.0),
						"roles": Role::from_bits(cert.roles.0)
							.into_iter()
							.map(Role::name)
							.collect::<Vec<_>>(),
						"city": output::text(&cert.city.0),
						"serial": cert.serial,
						"authority": cert.authority,
						"valid_from": output::time(cert.valid_from),
						"valid_until": output::time(cert.valid_until),
						"revoked_at": cert.revoked_at.map(output::time),
						"status": status,
						"identity": output::hash(&cert.identity_hash.0),
					},
				}));
			}
			println!("{who}: {}", String::from_utf8_lossy(&cert.name.0));
			println!("  roles:       {}", role_list(cert.roles.0));
			println!("  city:        {}", String::from_utf8_lossy(&cert.city.0));
			println!("  certificate: {} of CA {}", cert.serial, cert.authority);
			println!(
				"  validity:    {} to {} ({state})",
				time::show(cert.valid_from),
				time::show(cert.valid_until)
			);
			println!("  identity:    0x{}", hex::encode(cert.identity_hash.0));
			Ok(())
		},
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::vectors::{bytes, bytes32, cases, name, number, vectors};

	/// The CA key of a vector case, from its secret seed.
	fn ca_key(case: &serde_json::Value) -> ed25519_dalek::SigningKey {
		let key = ed25519_dalek::SigningKey::from_bytes(&bytes32(&case["ca_secret_seed"]));
		assert_eq!(key.verifying_key().to_bytes(), bytes32(&case["ca_key"]), "{}", name(case));
		key
	}

	/// The shared vectors: the bytes a CA signs to issue a certificate, built from a
	/// certificate file as `tender ca issue` writes it, and the CA's signature over them.
	#[test]
	fn certificate_signing_messages_match_the_shared_vectors() {
		assert_eq!(bytes(&vectors()["certificate_signing"]["tag"]), tags::CERTIFICATE_SIGNING);
		for case in cases("certificate_signing") {
			let roles: Vec<Role> = case["role_names"]
				.as_array()
				.expect("role names")
				.iter()
				.map(|n| {
					*Role::ALL
						.iter()
						.find(|r| format!("{r:?}") == n.as_str().expect("a name"))
						.expect("a role")
				})
				.collect();
			assert_eq!(
				u64::from(Role::bits(&roles)),
				number(&case["roles"]),
				"roles of {}",
				name(&case)
			);
			let cert = CertificateFile {
				kind: CERTIFICATE_KIND.into(),
				genesis_hash: case["genesis_hash"].as_str().expect("hex").into(),
				authority: number(&case["authority"]) as u32,
				serial: number(&case["serial"]),
				account: AccountId32(bytes32(&case["account"])).to_string(),
				identity_hash: case["identity_hash"].as_str().expect("hex").into(),
				name: case["display_name"].as_str().expect("a name").into(),
				roles,
				city: case["city"].as_str().expect("a city").into(),
				valid_from: number(&case["valid_from"]),
				valid_until: number(&case["valid_until"]),
				valid_from_text: String::new(),
				valid_until_text: String::new(),
				ca_key: String::new(),
				signature: String::new(),
			};
			let message = cert.signing_message().expect("a valid certificate");
			assert_eq!(message, bytes(&case["signing_message"]), "{}", name(&case));
			assert_eq!(
				ca_key(&case).sign(&message).to_bytes().to_vec(),
				bytes(&case["signature"]),
				"{}",
				name(&case)
			);
		}
	}

	/// The shared vectors: the bytes a CA signs to revoke a certificate, and the signature.
	#[test]
	fn revocation_signing_messages_match_the_shared_vectors() {
		assert_eq!(bytes(&vectors()["revocation_signing"]["tag"]), tags::REVOCATION_SIGNING);
		for case in cases("revocation_signing") {
			let message = revocation_message(
				&bytes32(&case["genesis_hash"]),
				number(&case["authority"]) as u32,
				number(&case["serial"]),
			);
			assert_eq!(message, bytes(&case["signing_message"]), "{}", name(&case));
			assert_eq!(
				ca_key(&case).sign(&message).to_bytes().to_vec(),
				bytes(&case["signature"]),
				"{}",
				name(&case)
			);
		}
	}
}
