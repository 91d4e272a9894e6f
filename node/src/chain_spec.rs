//! Chain specifications: the built-in `dev` and `local` networks, or a JSON file.

use sc_service::ChainType;
use tenderchain_runtime::{genesis_config_presets, WASM_BINARY};

/// The chain specification type of tenderchain (no extensions).
pub type ChainSpec = sc_service::GenericChainSpec;

/// Token-less chain: properties that tell wallets (polkadot.js) there is no currency to show.
fn properties() -> sc_service::Properties {
	let mut p = sc_service::Properties::new();
	p.insert("tokenSymbol".into(), "TDR".into());
	p.insert("tokenDecimals".into(), 0.into());
	p.insert("ss58Format".into(), 42.into());
	p
}

fn wasm() -> Result<&'static [u8], String> {
	WASM_BINARY.ok_or_else(|| {
		"the runtime's wasm binary is not in this build of tenderchain-node; rebuild it without \
		 SKIP_WASM_BUILD"
			.to_string()
	})
}

/// `dev`: one validator (Baiyin, `//Alice`), for development on one machine.
pub fn development_chain_spec() -> Result<ChainSpec, String> {
	chain_spec(
		"tenderchain development",
		"tenderchain_dev",
		"tdr-dev",
		ChainType::Development,
		genesis_config_presets::DEV,
	)
}

/// `local`: the four-city consortium of Gansu (Baiyin, Lanzhou, Tianshui, Jiuquan).
pub fn local_chain_spec() -> Result<ChainSpec, String> {
	chain_spec(
		"tenderchain local consortium",
		"tenderchain_local",
		"tdr-local",
		ChainType::Local,
		genesis_config_presets::LOCAL,
	)
}

/// `shaanxi`: a second province's three-city consortium (Xi'an, Baoji, Xianyang), the peer
/// of `local` in cross-province tests.
pub fn shaanxi_chain_spec() -> Result<ChainSpec, String> {
	chain_spec(
		"tenderchain Shaanxi consortium",
		"tenderchain_shaanxi",
		"tdr-shaanxi",
		ChainType::Local,
		genesis_config_presets::SHAANXI,
	)
}

/// A chain spec of the runtime in this build: its name, id and network protocol id, its type,
/// and the runtime's genesis preset it starts from.
fn chain_spec(
	name: &str,
	id: &str,
	protocol_id: &str,
	chain_type: ChainType,
	preset: &str,
) -> Result<ChainSpec, String> {
	Ok(ChainSpec::builder(wasm()?, None)
		.with_name(name)
		.with_id(id)
		.with_protocol_id(protocol_id)
		.with_chain_type(chain_type)
		.with_genesis_config_preset_name(preset)
		.with_properties(properties())
		.build())
}

/// The chain spec named `id`: `dev`, `local` (also `""`), or the path of a JSON file.
pub fn load(id: &str) -> Result<Box<dyn sc_service::ChainSpec>, String> {
	Ok(match id {
		"dev" => Box::new(development_chain_spec()?),
		"" | "local" => Box::new(local_chain_spec()?),
		"shaanxi" => Box::new(shaanxi_chain_spec()?),
		path => {
			let file = std::path::PathBuf::from(path);
			if !file.exists() {
				return Err(format!(
					"chain spec '{path}' is neither a built-in network (dev, local) nor an \
					 existing file"
				));
			}
			Box::new(ChainSpec::from_json_file(file.clone()).map_err(|e| {
				format!("chain spec file '{}' cannot be read as a chain spec: {e}", file.display())
			})?)
		},
	})
}
