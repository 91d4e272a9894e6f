//! Genesis presets: `dev` (one city, one validator) and `local` (the four-city consortium of
//! Gansu used for local networks and end-to-end tests).
//!
//! The keys are the well-known development keys (`//Alice`, `//Bob`, …): every one of them is
//! public, so these presets are for development and tests only. A production consortium
//! writes its cities' own keys into its chain spec.

use crate::{AccountId, RuntimeGenesisConfig};
use alloc::{string::String, vec, vec::Vec};
use frame_support::build_struct_json_patch;
use serde_json::Value;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_consensus_grandpa::AuthorityId as GrandpaId;
use sp_genesis_builder::{PresetId, DEV_RUNTIME_PRESET, LOCAL_TESTNET_RUNTIME_PRESET};
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};

/// The name of the one-validator development preset.
pub const DEV: &str = "dev";
/// The name of the four-city local consortium preset.
pub const LOCAL: &str = "local";

/// A founding city of a preset: its id, name, province and the development key of its
/// trading centre, which is also the seed of its validator's Aura and GRANDPA keys.
struct FoundingCity {
	id: &'static str,
	name: &'static str,
	province: &'static str,
	key: Sr25519Keyring,
	grandpa: Ed25519Keyring,
}

/// The four cities of the local consortium, in the order their validators author.
fn gansu_cities() -> Vec<FoundingCity> {
	vec![
		FoundingCity {
			id: "BY",
			name: "Baiyin",
			province: "Gansu",
			key: Sr25519Keyring::Alice,
			grandpa: Ed25519Keyring::Alice,
		},
		FoundingCity {
			id: "LZ",
			name: "Lanzhou",
			province: "Gansu",
			key: Sr25519Keyring::Bob,
			grandpa: Ed25519Keyring::Bob,
		},
		FoundingCity {
			id: "TS",
			name: "Tianshui",
			province: "Gansu",
			key: Sr25519Keyring::Charlie,
			grandpa: Ed25519Keyring::Charlie,
		},
		FoundingCity {
			id: "JQ",
			name: "Jiuquan",
			province: "Gansu",
			key: Sr25519Keyring::Dave,
			grandpa: Ed25519Keyring::Dave,
		},
	]
}

/// The genesis configuration of a consortium of `cities`, with `root` as the sudo key.
fn consortium_genesis(cities: Vec<FoundingCity>, root: AccountId) -> Value {
	let aura: Vec<AuraId> = cities.iter().map(|c| c.key.public().into()).collect();
	let grandpa: Vec<(GrandpaId, u64)> =
		cities.iter().map(|c| (c.grandpa.public().into(), 1)).collect();
	let register: Vec<(String, String, String, AccountId)> = cities
		.iter()
		.map(|c| (c.id.into(), c.name.into(), c.province.into(), c.key.to_account_id()))
		.collect();
	build_struct_json_patch!(RuntimeGenesisConfig {
		aura: pallet_aura::GenesisConfig { authorities: aura },
		grandpa: pallet_grandpa::GenesisConfig { authorities: grandpa },
		sudo: pallet_sudo::GenesisConfig { key: Some(root) },
		consortium: pallet_consortium::GenesisConfig { cities: register },
	})
}

/// The `dev` preset: Baiyin alone, validating with `//Alice`, who is also the sudo key.
pub fn development_config_genesis() -> Value {
	let mut cities = gansu_cities();
	cities.truncate(1);
	consortium_genesis(cities, Sr25519Keyring::Alice.to_account_id())
}

/// The `local` preset: Baiyin, Lanzhou, Tianshui and Jiuquan, validating with `//Alice`,
/// `//Bob`, `//Charlie` and `//Dave`; `//Alice` (Baiyin's trading centre) holds the sudo key.
pub fn local_config_genesis() -> Value {
	consortium_genesis(gansu_cities(), Sr25519Keyring::Alice.to_account_id())
}

/// The JSON of the preset called `id`, if there is one. The standard names `development` and
/// `local_testnet` are accepted as aliases.
pub fn get_preset(id: &PresetId) -> Option<Vec<u8>> {
	let patch = match id.as_ref() {
		DEV | DEV_RUNTIME_PRESET => development_config_genesis(),
		LOCAL | LOCAL_TESTNET_RUNTIME_PRESET => local_config_genesis(),
		_ => return None,
	};
	Some(
		serde_json::to_string(&patch)
			.expect("serialization to json is expected to work. qed.")
			.into_bytes(),
	)
}

/// The names of the presets this runtime offers.
pub fn preset_names() -> Vec<PresetId> {
	vec![PresetId::from(DEV), PresetId::from(LOCAL)]
}
