//! What `tenderchain-node` does for each subcommand.

use crate::{
	chain_spec,
	cli::{Cli, Subcommand},
	service,
};
use sc_cli::SubstrateCli;
use sc_service::PartialComponents;
use tenderchain_runtime::opaque::Block;

impl SubstrateCli for Cli {
	fn impl_name() -> String {
		"tenderchain node".into()
	}

	fn impl_version() -> String {
		env!("CARGO_PKG_VERSION").into()
	}

	fn description() -> String {
		"A city trading centre's node of the tenderchain public-resource trading consortium.".into()
	}

	fn author() -> String {
		env!("CARGO_PKG_AUTHORS").into()
	}

	fn support_url() -> String {
		"see README.md".into()
	}

	fn copyright_start_year() -> i32 {
		2026
	}

	fn load_spec(&self, id: &str) -> Result<Box<dyn sc_service::ChainSpec>, String> {
		// No `--chain` (nor `--dev`): never fall back to the local test network, whose validator
		// and CA keys are public.
		if id.is_empty() {
			return Err(NO_CHAIN.into());
		}
		chain_spec::load(id)
	}
}

/// The refusal of a node started without `--chain`.
const NO_CHAIN: &str = "no --chain given: the node does not start on the local test network, \
	whose keys are public, unless told so: pass --chain local for the test network (or --dev \
	for a one-node development chain), or --chain <spec.json> for a real one";

/// Parses the command line and runs the node or the subcommand.
pub fn run() -> sc_cli::Result<()> {
	let cli = Cli::from_args();

	match &cli.subcommand {
		Some(Subcommand::Key(cmd)) => cmd.run(&cli),
		Some(Subcommand::BuildSpec(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.sync_run(|config| cmd.run(config.chain_spec, config.network))
		},
		Some(Subcommand::ExportChainSpec(cmd)) => {
			let spec = cli.load_spec(&cmd.chain)?;
			cmd.run(spec)
		},
		Some(Subcommand::CheckBlock(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.async_run(|config| {
				let PartialComponents { client, task_manager, import_queue, .. } =
					service::new_partial(&config)?;
				Ok((cmd.run(client, import_queue), task_manager))
			})
		},
		Some(Subcommand::ExportBlocks(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.async_run(|config| {
				let PartialComponents { client, task_manager, .. } = service::new_partial(&config)?;
				Ok((cmd.run(client, config.database), task_manager))
			})
		},
		Some(Subcommand::ExportState(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.async_run(|config| {
				let PartialComponents { client, task_manager, .. } = service::new_partial(&config)?;
				Ok((cmd.run(client, config.chain_spec), task_manager))
			})
		},
		Some(Subcommand::ImportBlocks(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.async_run(|config| {
				let PartialComponents { client, task_manager, import_queue, .. } =
					service::new_partial(&config)?;
				Ok((cmd.run(client, import_queue), task_manager))
			})
		},
		Some(Subcommand::PurgeChain(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.sync_run(|config| cmd.run(config.database))
		},
		Some(Subcommand::Revert(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.async_run(|config| {
				let PartialComponents { client, task_manager, backend, .. } =
					service::new_partial(&config)?;
				let aux_revert = Box::new(|client, _, blocks| {
					sc_consensus_grandpa::revert(client, blocks)?;
					Ok(())
				});
				Ok((cmd.run(client, backend, Some(aux_revert)), task_manager))
			})
		},
		Some(Subcommand::ChainInfo(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.sync_run(|config| cmd.run::<Block>(&config))
		},
		None => {
			refuse_busy_rpc_port(&cli.run)?;
			let runner = cli.create_runner(&cli.run)?;
			let tuning = if cli.substrate_defaults {
				service::Tuning::SUBSTRATE_DEFAULTS
			} else {
				service::Tuning::TENDERCHAIN
			};
			runner.run_node_until_exit(|config| async move {
				match config.network.network_backend {
					sc_network::config::NetworkBackendType::Libp2p => service::new_full::<
						sc_network::NetworkWorker<
							Block,
							<Block as sp_runtime::traits::Block>::Hash,
						>,
					>(config, tuning)
					.map_err(sc_cli::Error::Service),
					sc_network::config::NetworkBackendType::Litep2p => {
						service::new_full::<sc_network::Litep2pNetworkBackend>(config, tuning)
							.map_err(sc_cli::Error::Service)
					},
				}
			})
		},
	}
}

/// Substrate moves its RPC server to a random port when the requested one is taken, which
/// leaves clients talking to nothing (or to another node). A city operator asked for a port:
/// refuse to start instead, naming it.
fn refuse_busy_rpc_port(run: &sc_cli::RunCmd) -> sc_cli::Result<()> {
	if run.rpc_params.experimental_rpc_endpoint.is_empty() {
		let port = run.rpc_params.rpc_port.unwrap_or(sc_cli::RPC_DEFAULT_PORT);
		if std::net::TcpListener::bind(("127.0.0.1", port)).is_err() {
			return Err(sc_cli::Error::Input(format!(
				"RPC port {port} on 127.0.0.1 is already in use (is another node running?); stop \
				 it or choose another port with --rpc-port"
			)));
		}
	}
	Ok(())
}
