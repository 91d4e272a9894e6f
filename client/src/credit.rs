//! `tender credit`: credit records and blacklists (bars), recognised in every city.

use std::path::PathBuf;

use anyhow::{anyhow, bail, Result};
use clap::{Subcommand, ValueEnum};
use subxt::{ext::scale_decode::DecodeAsType, metadata::Metadata};

use crate::{
	chain::{read, tenderchain, try_read},
	consortium,
	ctx::Ctx,
	files,
	keys::account,
	output::{self, say},
	time,
};
use tenderchain::runtime_types::pallet_certificates::types::{
	Bar as ChainBar, CreditEvent, Severity as ChainSeverity,
};

/// A violation's severity.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum Severity {
	/// 一般失信.
	Minor,
	/// 较重失信.
	Serious,
	/// 严重失信.
	Severe,
}

/// What a bar excludes.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum Bar {
	/// Barred from bidding.
	Bidding,
	/// Barred from evaluation.
	Evaluation,
	/// Barred from publishing tenders (as tenderer or agency).
	Publishing,
}

impl Bar {
	/// Every bar, in the order of pallet-certificates' `Bar`.
	const ALL: [Bar; 3] = [Bar::Bidding, Bar::Evaluation, Bar::Publishing];

	/// The index of the variant in pallet-certificates' `Bar` (its SCALE encoding).
	fn index(self) -> u8 {
		match self {
			Bar::Bidding => 0,
			Bar::Evaluation => 1,
			Bar::Publishing => 2,
		}
	}

	/// The lower-case name, as on the command line.
	pub(crate) fn name(self) -> &'static str {
		match self {
			Bar::Bidding => "bidding",
			Bar::Evaluation => "evaluation",
			Bar::Publishing => "publishing",
		}
	}

	/// The chain's `Bar`, decoded by the runtime's own type information (`metadata`, the
	/// node's), so that a bar the client's generated types do not know yet is reported instead of
	/// failing to build (the client's metadata is regenerated with the runtime).
	pub(crate) fn to_chain(self, metadata: &Metadata) -> Result<ChainBar> {
		let types = metadata.types();
		let id = types
			.types
			.iter()
			.find(|t| t.ty.path.segments.iter().map(String::as_str).eq(BAR_PATH))
			.map(|t| t.id)
			.ok_or_else(|| anyhow!("the node's runtime has no {}", BAR_PATH.join("::")))?;
		ChainBar::decode_as_type(&mut &[self.index()][..], id, types).map_err(|_| {
			anyhow!(
				"this client does not know the '{}' bar yet: rebuild it with the runtime's current \
				 metadata (scripts/export-chain-spec.sh)",
				self.name()
			)
		})
	}
}

/// The path of pallet-certificates' `Bar` in the runtime's type registry.
const BAR_PATH: [&str; 3] = ["pallet_certificates", "types", "Bar"];

/// `tender credit …`.
#[derive(Debug, Subcommand)]
pub enum Command {
	/// Record a violation (a supervisor's action), optionally barring the subject.
	Record {
		/// Whose violation (SS58).
		#[arg(long)]
		subject: String,
		/// How serious.
		#[arg(long, value_enum)]
		severity: Severity,
		/// The evidence document; its SHA-256 goes on chain.
		#[arg(long)]
		evidence: PathBuf,
		/// How many days the violation counts (and the bar applies).
		#[arg(long)]
		days: u64,
		/// Bar the subject from bidding, evaluation or publishing tenders in every city.
		#[arg(long, value_enum)]
		bar: Option<Bar>,
	},
	/// Lift a bar (the consortium's decision, submitted by the governance key).
	Lift {
		/// Whose bar (SS58).
		#[arg(long)]
		subject: String,
		/// Which bar.
		#[arg(long, value_enum)]
		bar: Bar,
		/// The decision document; its SHA-256 goes on chain.
		#[arg(long)]
		evidence: PathBuf,
	},
	/// Show an account's credit record and live bars.
	Show {
		/// The account (SS58).
		account: String,
	},
}

/// Runs a `tender credit` command: a supervisor records, the council lifts, anyone shows.
pub async fn run(ctx: &Ctx, cmd: Command) -> Result<()> {
	match cmd {
		Command::Record { subject, severity, evidence, days, bar } => {
			// The supervisor signs; the evidence's hash and the expiry go on chain.
			let signer = ctx.signer()?;
			let node = ctx.node().await?;
			let call = tenderchain::transactions().certificates().record_violation(
				account(&subject)?,
				match severity {
					Severity::Minor => ChainSeverity::Minor,
					Severity::Serious => ChainSeverity::Serious,
					Severity::Severe => ChainSeverity::Severe,
				},
				files::sha256(&evidence)?.into(),
				time::now_ms() + days * 86_400_000,
				bar.map(|b| b.to_chain(&node.metadata)).transpose()?,
			);
			let block = node.submit_signed(&call, &signer, "the violation record").await?;
			// Say what was recorded.
			println!("recorded a {severity:?} violation by {subject} (block {block})");
			Ok(())
		},
		Command::Lift { subject, bar, evidence } => {
			// Lifting a bar is the consortium's decision: a council motion, proposed by a
			// council member's trading centre.
			let signer = ctx.signer()?;
			let node = ctx.node().await?;
			let call = tenderchain::Call::Certificates(
				tenderchain::runtime_types::pallet_certificates::pallet::Call::lift_bar {
					subject: account(&subject)?,
					bar: bar.to_chain(&node.metadata)?,
					evidence: files::sha256(&evidence)?.into(),
				},
			);
			consortium::propose(
				node,
				&signer,
				call,
				&format!("lifting the {} bar of {subject}", bar.name()),
			)
			.await
		},
		Command::Show { account: who } => {
			// The record's entries, then each bar still in force.
			// Records and bars belong to the legal identity in the account's certificate, so
			// that every account of one company shares them.
			let json = ctx.json();
			let id = account(&who)?;
			let node = ctx.node().await?;
			let at = node.api.at_current_block().await?;
			let Some(cert) =
				try_read(&at, tenderchain::storage().certificates().certificates(), (id,)).await?
			else {
				bail!("{who} holds no certificate: credit records belong to a certified identity");
			};
			let identity = cert.identity_hash;
			let record =
				read(&at, tenderchain::storage().certificates().credit_records(), (identity,))
					.await?;
			let history =
				read(&at, tenderchain::storage().certificates().credit_history(), (identity,))
					.await?;
			say!(
				json,
				"{who} (identity 0x{}): {} credit entries{}",
				hex::encode(identity.0),
				record.0.len(),
				if history.archived > 0 {
					format!(
						", {} older ones in the history (digest 0x{})",
						history.archived,
						hex::encode(history.digest.0)
					)
				} else {
					String::new()
				}
			);
			let mut entries = Vec::new();
			for entry in record.0 {
				say!(
					json,
					"  {}: {:?}, evidence 0x{}, until {}",
					time::show(entry.at),
					entry.event,
					hex::encode(entry.evidence.0),
					time::show(entry.expires_at)
				);
				entries.push(serde_json::json!({
					"at": output::time(entry.at),
					"event": match &entry.event {
						CreditEvent::Violation { by, severity, bar } => serde_json::json!({
							"kind": "violation",
							"by": output::account(by),
							"severity": output::variant(severity),
							"bar": bar.as_ref().map(|b| output::variant(b)),
						}),
						CreditEvent::Lifted { bar } => serde_json::json!({
							"kind": "lifted",
							"bar": output::variant(bar),
						}),
					},
					"evidence": output::hash(&entry.evidence.0),
					"expires_at": output::time(entry.expires_at),
				}));
			}
			// Each bar this client's metadata knows.
			let mut bars = Vec::new();
			for bar in Bar::ALL {
				let Ok(chain_bar) = bar.to_chain(&node.metadata) else { continue };
				let live = try_read(
					&at,
					tenderchain::storage().certificates().bars(),
					(identity, chain_bar),
				)
				.await?;
				if let Some(live) = live {
					if live.until > time::now_ms() {
						say!(json, "  BARRED from {} until {}", bar.name(), time::show(live.until));
						bars.push(serde_json::json!({
							"bar": bar.name(),
							"until": output::time(live.until),
						}));
					}
				}
			}
			if json {
				output::print(&serde_json::json!({
					"account": who,
					"identity": output::hash(&identity.0),
					"entries": entries,
					"archived_entries": history.archived,
					"history_digest": output::hash(&history.digest.0),
					"bars": bars,
				}))?;
			}
			Ok(())
		},
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn bars_decode_as_the_chains_variants() {
		use subxt::ext::codec::Decode;
		let bytes =
			std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/metadata/tenderchain.scale"))
				.expect("metadata");
		let metadata = Metadata::decode(&mut &bytes[..]).expect("decodes");
		assert!(matches!(Bar::Bidding.to_chain(&metadata), Ok(ChainBar::Bidding)));
		assert!(matches!(Bar::Evaluation.to_chain(&metadata), Ok(ChainBar::Evaluation)));
	}
}
