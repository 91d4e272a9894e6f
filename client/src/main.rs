//! `tender`: the tenderchain command-line client.
//!
//! Every role of public-resource trading works through it: certificate authorities issue
//! certificates, participants register them, tenderers publish tenders, bidders seal and
//! reveal bids, trading centres open them and record awards, supervisors suspend and record
//! violations, the cities' council admits and removes cities, and anyone reads the chain's state.
//!
//! Each command family is one module with its clap `Command` and a `run(ctx, cmd)`; this file
//! only parses the command line and dispatches.

#![warn(missing_docs)]

mod anchor;
mod award;
mod bid;
mod certs;
mod chain;
mod consortium;
#[cfg(test)]
mod coverage;
mod credit;
mod ctx;
mod draw;
mod export;
mod files;
mod fingerprint;
mod identity;
mod keys;
mod load;
mod lodge;
mod notary;
mod output;
mod parameters;
mod relay;
mod status;
mod tendering;
mod time;
#[cfg(test)]
mod vectors;

use std::process::ExitCode;

use anyhow::Result;
use clap::{ArgMatches, CommandFactory, FromArgMatches, Parser, Subcommand};

use crate::ctx::{Ctx, NotVerified};

/// The exit code of a run that failed (the node refused, a file is missing, …).
const EXIT_FAILED: u8 = 1;
/// The exit code of a verification that found a difference (`verify`, `draw verify`).
const EXIT_NOT_VERIFIED: u8 = 1;

/// The tenderchain command-line client.
#[derive(Debug, Parser)]
#[command(name = "tender", version, about)]
struct Cli {
	/// The WebSocket RPC address of a tenderchain node.
	#[arg(long, global = true, env = "TENDER_URL", default_value = chain::DEFAULT_URL)]
	url: String,

	/// The genesis hash (0x…) of the chain you mean to use. If the node serves another chain,
	/// `tender` refuses to go on.
	#[arg(long, global = true, env = "TENDER_GENESIS")]
	genesis: Option<String>,

	/// The signing account: a secret URI (`//Alice` on development chains, a mnemonic, a hex
	/// seed) or `@file` holding one.
	#[arg(long, global = true, env = "TENDER_SIGNER")]
	signer: Option<String>,

	/// The client's data directory, where it keeps a copy of every bid receipt (per account).
	/// Default: `$XDG_DATA_HOME/tenderchain/client` or `~/.local/share/tenderchain/client`.
	#[arg(long, global = true, env = "TENDER_DATA_DIR")]
	data_dir: Option<std::path::PathBuf>,

	/// Print what a read command finds (`status`, `show`, `list`, `verify`, `credit show`,
	/// `draw show`, …) as one JSON document instead of text: keys in snake_case, amounts as
	/// decimal strings of fen with a yuan string, hashes as 0x-hex, accounts as SS58, times as
	/// Unix ms with an RFC 3339 string.
	#[arg(long, global = true)]
	json: bool,

	#[command(subcommand)]
	command: Command,
}

/// The command families; the flattened ones put their commands at the top level
/// (`tender create`, `tender notarize`, `tender draw …`).
#[derive(Debug, Subcommand)]
enum Command {
	/// Show the node's best and finalized blocks, the validators (Aura authorities), the
	/// consortium's cities and the node's peer count.
	Status(status::Command),
	/// The consortium: cities, validators, council motions (admit or remove a city), and a
	/// city's own session keys and node identity.
	#[command(subcommand)]
	Consortium(consortium::Command),
	/// Certificate authorities and participants.
	#[command(flatten)]
	Certs(certs::Command),
	/// Credit records and blacklists.
	#[command(subcommand)]
	Credit(credit::Command),
	/// Tenders, bids, opening, award and supervision.
	#[command(flatten)]
	Tendering(tendering::Command),
	/// Objections, complaints and the contract, after the candidates are published.
	#[command(flatten)]
	Award(award::Command),
	/// Notarizing files and verifying them.
	#[command(flatten)]
	Notary(notary::Command),
	/// Anchoring one document on its own, or as a new version of an earlier one.
	#[command(flatten)]
	Anchor(anchor::Command),
	/// The expert pool and the draw of evaluation experts.
	#[command(flatten)]
	Draw(draw::Command),
	/// Load generation: many signed transactions at once.
	#[command(subcommand)]
	Load(load::Command),
	/// Peer provinces: their setup, the relayer of their finality and records.
	#[command(flatten)]
	Relay(relay::Command),
}

/// The command as typed, without its arguments: `tender bid commit`.
fn command_path(mut matches: &ArgMatches) -> String {
	let mut path = String::from("tender");
	while let Some((name, sub)) = matches.subcommand() {
		path.push(' ');
		path.push_str(name);
		matches = sub;
	}
	path
}

/// Runs the command's family.
async fn dispatch(ctx: &Ctx, command: Command) -> Result<()> {
	match command {
		Command::Status(cmd) => status::run(ctx, cmd).await,
		Command::Consortium(cmd) => consortium::run(ctx, cmd).await,
		Command::Certs(cmd) => certs::run(ctx, cmd).await,
		Command::Credit(cmd) => credit::run(ctx, cmd).await,
		Command::Tendering(cmd) => tendering::run(ctx, cmd).await,
		Command::Award(cmd) => award::run(ctx, cmd).await,
		Command::Notary(cmd) => notary::run(ctx, cmd).await,
		Command::Anchor(cmd) => anchor::run(ctx, cmd).await,
		Command::Draw(cmd) => draw::run(ctx, cmd).await,
		Command::Load(cmd) => load::run(ctx, cmd).await,
		Command::Relay(cmd) => relay::run(ctx, cmd).await,
	}
}

#[tokio::main]
async fn main() -> ExitCode {
	// Parse, keeping the matches for the command's name in messages.
	let matches = Cli::command().get_matches();
	let cli = match Cli::from_arg_matches(&matches) {
		Ok(cli) => cli,
		Err(e) => e.exit(),
	};
	let ctx =
		Ctx::new(cli.url, cli.genesis, cli.signer, command_path(&matches), cli.data_dir, cli.json);
	// Run, and say how it ended: a failed verification and any other failure exit 1.
	match dispatch(&ctx, cli.command).await {
		Ok(()) => ExitCode::SUCCESS,
		Err(e) => match e.downcast_ref::<NotVerified>() {
			Some(failure) => {
				eprintln!("error: {failure}");
				ExitCode::from(EXIT_NOT_VERIFIED)
			},
			None => {
				eprintln!("error: {e:#}");
				ExitCode::from(EXIT_FAILED)
			},
		},
	}
}
