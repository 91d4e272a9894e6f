//! `tender credit`: credit records and blacklists (bars), recognised in every city.

use std::path::PathBuf;

use anyhow::Result;
use clap::{Subcommand, ValueEnum};

use crate::{
	chain::{read, tenderchain, try_read},
	consortium,
	ctx::Ctx,
	files,
	keys::account,
	time,
};
use tenderchain::runtime_types::pallet_certificates::types::{
	Bar as ChainBar, Severity as ChainSeverity,
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
}

impl From<Bar> for ChainBar {
	fn from(b: Bar) -> ChainBar {
		match b {
			Bar::Bidding => ChainBar::Bidding,
			Bar::Evaluation => ChainBar::Evaluation,
		}
	}
}

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
		/// Bar the subject from bidding or evaluation in every city.
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
				bar.map(Into::into),
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
			let call = tenderchain::Call::Certificates(
				tenderchain::runtime_types::pallet_certificates::pallet::Call::lift_bar {
					subject: account(&subject)?,
					bar: bar.into(),
					evidence: files::sha256(&evidence)?.into(),
				},
			);
			consortium::propose(
				ctx.node().await?,
				&signer,
				call,
				&format!("lifting the {bar:?} bar of {subject}"),
			)
			.await
		},
		Command::Show { account: who } => {
			// The record's entries, then each bar still in force.
			let id = account(&who)?;
			let at = ctx.node().await?.api.at_current_block().await?;
			let record =
				read(&at, tenderchain::storage().certificates().credit_records(), (id,)).await?;
			println!("{who}: {} credit entries", record.0.len());
			for entry in record.0 {
				println!(
					"  {}: {:?}, evidence 0x{}, until {}",
					time::show(entry.at),
					entry.event,
					hex::encode(entry.evidence.0),
					time::show(entry.expires_at)
				);
			}
			for bar in [ChainBar::Bidding, ChainBar::Evaluation] {
				let name = format!("{bar:?}");
				let live =
					try_read(&at, tenderchain::storage().certificates().bars(), (id, bar)).await?;
				if let Some(live) = live {
					if live.until > time::now_ms() {
						println!(
							"  BARRED from {} until {}",
							name.to_lowercase(),
							time::show(live.until)
						);
					}
				}
			}
			Ok(())
		},
	}
}
