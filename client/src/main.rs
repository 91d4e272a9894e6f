//! `tender`: the tenderchain command-line client.
//!
//! Every role of public-resource trading works through it: certificate authorities issue
//! certificates, participants register them, tenderers publish tenders, bidders seal and
//! reveal bids, trading centres open them and record awards, supervisors suspend and record
//! violations, the cities' council admits and removes cities, and anyone reads the chain's state.

#![warn(missing_docs)]

mod certs;
mod chain;
mod consortium;
mod draw;
mod keys;
mod load;
mod notary;
mod status;
mod tendering;
mod time;

use std::{path::PathBuf, process::ExitCode};

use anyhow::{anyhow, Result};
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

	/// The signing account: a secret URI (`//Alice` on development chains, a mnemonic, a hex
	/// seed) or `@file` holding one.
	#[arg(long, global = true, env = "TENDER_SIGNER")]
	signer: Option<String>,

	#[command(subcommand)]
	command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
	/// Show the node's best and finalized blocks, the validators (Aura authorities), the
	/// consortium's cities and the node's peer count.
	Status,
	/// The consortium: cities, validators, council motions (admit or remove a city), and a
	/// city's own session keys and node identity.
	#[command(subcommand)]
	Consortium(consortium::ConsortiumCommand),
	/// A certificate authority's work: keys, issuing and revoking certificates.
	#[command(subcommand)]
	Ca(certs::CaCommand),
	/// Register a certificate; show a participant.
	#[command(subcommand)]
	Participant(certs::ParticipantCommand),
	/// Credit records and blacklists.
	#[command(subcommand)]
	Credit(certs::CreditCommand),
	/// Publish a tender (a certified tenderer or agency).
	Create {
		/// The title.
		#[arg(long)]
		title: String,
		/// The host city's code (BY, LZ, TS, JQ on the local network).
		#[arg(long)]
		city: String,
		/// The tender documents; their SHA-256 goes on chain.
		#[arg(long)]
		documents: PathBuf,
		/// The bid deadline: 2026-12-01T10:00:00+08:00, or 2026-12-01 10:00 (China time).
		#[arg(long)]
		deadline: String,
		/// How many minutes after the deadline bids may be revealed.
		#[arg(long, default_value_t = 60)]
		reveal_minutes: u64,
		/// The fewest valid bids for the tender to proceed (流标 below).
		#[arg(long, default_value_t = 3)]
		min_valid_bids: u32,
		/// The most bidders accepted.
		#[arg(long, default_value_t = 20)]
		max_bidders: u32,
		/// Speciality codes the evaluation needs, comma-separated.
		#[arg(long, value_delimiter = ',')]
		speciality: Vec<u16>,
	},
	/// Amend a tender before its deadline (澄清/补遗).
	Amend {
		/// The tender.
		tender: u64,
		/// The new bid deadline.
		#[arg(long)]
		deadline: Option<String>,
		/// The new tender documents.
		#[arg(long)]
		documents: Option<PathBuf>,
		/// The published reason.
		#[arg(long)]
		reason: PathBuf,
	},
	/// Show a tender: state, deadline, bids, amendments, flags, opening record, award.
	Show {
		/// The tender.
		tender: u64,
	},
	/// List the tenders.
	List,
	/// Seal, reveal or withdraw a bid.
	#[command(subcommand)]
	Bid(tendering::BidCommand),
	/// Open the bids of a tender after its reveal window (the host city's trading centre).
	Open {
		/// The tender.
		tender: u64,
	},
	/// Record the evaluation and award; finalize the award.
	#[command(subcommand)]
	Award(tendering::AwardCommand),
	/// A supervisor's actions on a tender.
	#[command(subcommand)]
	Supervise(tendering::SuperviseCommand),
	/// Notarize files: hash them, anchor them in Merkle batches, and write a proof bundle next
	/// to each (`<file>.tender-proof.json`).
	Notarize {
		/// Files or directories (recursively).
		#[arg(required = true)]
		paths: Vec<PathBuf>,
		/// The document type.
		#[arg(long = "type", value_enum, default_value = "archive")]
		document_type: notary::DocumentType,
		/// The tender the documents belong to.
		#[arg(long)]
		tender: Option<u64>,
		/// Documents per batch (one transaction each).
		#[arg(long, default_value_t = 256)]
		batch_size: usize,
	},
	/// Verify that a file is notarized, with an embedded light client that trusts no node: it
	/// starts from the raw chain spec, follows GRANDPA finality and checks storage proofs.
	/// Exits 0 if verified, 1 if not.
	Verify {
		/// The files (each one's proof bundle `<file>.tender-proof.json` is used if present).
		files: Vec<PathBuf>,
		/// A proof bundle elsewhere.
		#[arg(long)]
		proof: Option<PathBuf>,
		/// List a tender's anchored documents instead.
		#[arg(long)]
		tender: Option<u64>,
		/// The raw chain spec the light client starts from.
		#[arg(long, env = "TENDER_CHAIN_SPEC", default_value = "chain-spec/local-raw.json")]
		chain_spec: PathBuf,
		/// Read through this node's RPC instead (faster, but trusts the node).
		#[arg(long)]
		rpc: Option<String>,
	},
	/// The expert pool (its administrator) and taking a drawn seat (an expert).
	#[command(subcommand)]
	Expert(draw::ExpertCommand),
	/// The random draw of evaluation experts: request, contribute, show, verify, replace.
	#[command(subcommand)]
	Draw(draw::DrawCommand),
	/// Load generation: many signed transactions at once.
	#[command(subcommand)]
	Load(LoadCommand),
}

#[derive(Debug, Subcommand)]
enum LoadCommand {
	/// Send `count` remarks with consecutive nonces without waiting for blocks.
	Remarks {
		/// How many.
		#[arg(long, default_value_t = 100)]
		count: u32,
	},
}

/// The signer, or a clear refusal for commands that sign.
fn required(signer: &Option<String>) -> Result<&str> {
	signer
		.as_deref()
		.ok_or_else(|| anyhow!("this command signs a transaction: give --signer (or TENDER_SIGNER)"))
}

async fn run(cli: Cli) -> Result<()> {
	// A CA's key generation needs no node.
	if let Command::Ca(certs::CaCommand::Keygen { out }) = &cli.command {
		return certs::keygen(out);
	}
	// Verification trusts no node: it does not connect to --url.
	if let Command::Verify { files, proof, tender, chain_spec, rpc } = cli.command {
		let source = match rpc {
			Some(url) => notary::Source::Rpc(url),
			None => notary::Source::LightClient(chain_spec),
		};
		return notary::verify(source, files, proof, tender).await;
	}
	let node = chain::Node::connect(&cli.url, cli.genesis.as_deref()).await?;
	let signer = cli.signer;
	match cli.command {
		Command::Status => status::show(&node).await,
		Command::Consortium(command) => consortium::run(&node, command, signer.as_deref()).await,
		Command::Ca(command) => certs::ca(&node, command).await,
		Command::Participant(command) => certs::participant(&node, command).await,
		Command::Credit(command) => {
			let signer = match command {
				certs::CreditCommand::Show { .. } => None,
				_ => Some(required(&signer)?),
			};
			certs::credit(&node, command, signer).await
		},
		Command::Create {
			title,
			city,
			documents,
			deadline,
			reveal_minutes,
			min_valid_bids,
			max_bidders,
			speciality,
		} =>
			tendering::create(
				&node,
				required(&signer)?,
				title,
				city,
				documents,
				deadline,
				reveal_minutes,
				min_valid_bids,
				max_bidders,
				speciality,
			)
			.await,
		Command::Amend { tender, deadline, documents, reason } =>
			tendering::amend(&node, required(&signer)?, tender, deadline, documents, reason).await,
		Command::Show { tender } => tendering::show(&node, tender).await,
		Command::List => tendering::list(&node).await,
		Command::Bid(command) => tendering::bid(&node, required(&signer)?, command).await,
		Command::Open { tender } => tendering::open(&node, required(&signer)?, tender).await,
		Command::Award(command) => tendering::award(&node, required(&signer)?, command).await,
		Command::Supervise(command) => tendering::supervise(&node, required(&signer)?, command).await,
		Command::Notarize { paths, document_type, tender, batch_size } =>
			notary::notarize(&node, required(&signer)?, paths, document_type, tender, batch_size).await,
		Command::Verify { .. } => unreachable!("handled before connecting"),
		Command::Expert(command) => draw::expert(&node, signer.as_deref(), command).await,
		Command::Draw(command) => {
			if draw::draw(&node, signer.as_deref(), command).await? {
				Ok(())
			} else {
				Err(anyhow!("the draw did not verify"))
			}
		},
		Command::Load(LoadCommand::Remarks { count }) => load::remarks(&node, required(&signer)?, count).await,
	}
}

#[tokio::main]
async fn main() -> ExitCode {
	match run(Cli::parse()).await {
		Ok(()) => ExitCode::SUCCESS,
		Err(e) => {
			eprintln!("error: {e:#}");
			ExitCode::FAILURE
		},
	}
}
