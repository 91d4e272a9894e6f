//! `tenderchain-node`: the node a city's public-resource trading centre runs as a validator, and
//! that auditors and relayers run as a full node.

#![warn(missing_docs)]

mod allow_list;
mod chain_spec;
mod cli;
mod command;
mod propagation;
mod rpc;
mod service;

fn main() -> sc_cli::Result<()> {
	command::run()
}
