//! `tender`: the tenderchain command-line client.
//!
//! Every role of public-resource trading works through it: city trading centres, tenderers,
//! bidders, experts, supervisors and auditors. This version has the node status; later versions
//! add one subcommand per role.

#![warn(missing_docs)]

mod chain;
mod status;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

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

	#[command(subcommand)]
	command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
	/// Show the node's best and finalized blocks, the validators (Aura authorities), the
	/// consortium's cities and the node's peer count.
	Status,
}

#[tokio::main]
async fn main() -> ExitCode {
	let cli = Cli::parse();
	let result = match cli.command {
		Command::Status => async {
			let node = chain::Node::connect(&cli.url, cli.genesis.as_deref()).await?;
			status::show(&node).await
		}
		.await,
	};
	match result {
		Ok(()) => ExitCode::SUCCESS,
		Err(e) => {
			eprintln!("error: {e:#}");
			ExitCode::FAILURE
		},
	}
}
