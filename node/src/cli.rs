//! The command line of `tenderchain-node`.

/// `tenderchain-node [SUBCOMMAND] [OPTIONS]`: without a subcommand, runs the node.
#[derive(Debug, clap::Parser)]
pub struct Cli {
	/// What to do instead of running the node.
	#[command(subcommand)]
	pub subcommand: Option<Subcommand>,

	/// The options of a running node.
	#[clap(flatten)]
	pub run: sc_cli::RunCmd,

	/// Run with Substrate's stock finality and propagation settings instead of tenderchain's
	/// (GRANDPA votes two blocks behind the best, a 333 ms gossip period, every ready
	/// transaction rebroadcast at once): for comparison benchmarks only
	/// (`scripts/bench-throughput.sh` measures both).
	#[arg(long)]
	pub substrate_defaults: bool,
}

/// The subcommands: key management, chain specs, and maintenance of the database.
#[derive(Debug, clap::Subcommand)]
#[allow(clippy::large_enum_variant)]
pub enum Subcommand {
	/// Key management: generate, inspect and insert the keys of a city's validator.
	#[command(subcommand)]
	Key(sc_cli::KeySubcommand),

	/// Build a chain specification (deprecated upstream in favour of `export-chain-spec`).
	BuildSpec(sc_cli::BuildSpecCmd),

	/// Export a chain specification, plain or raw, as light clients and other nodes start from.
	ExportChainSpec(sc_cli::ExportChainSpecCmd),

	/// Validate blocks.
	CheckBlock(sc_cli::CheckBlockCmd),

	/// Export blocks.
	ExportBlocks(sc_cli::ExportBlocksCmd),

	/// Export the state of a given block into a chain spec.
	ExportState(sc_cli::ExportStateCmd),

	/// Import blocks.
	ImportBlocks(sc_cli::ImportBlocksCmd),

	/// Remove the whole chain database.
	PurgeChain(sc_cli::PurgeChainCmd),

	/// Revert the chain to a previous state.
	Revert(sc_cli::RevertCmd),

	/// Print information about the database: best, finalized and genesis blocks.
	ChainInfo(sc_cli::ChainInfoCmd),
}
