//! Genesis presets: `dev` (one city, one validator), `local` (the four-city consortium of
//! Gansu used for local networks and end-to-end tests) and `shaanxi` (a second province of
//! three cities, the peer of `local` in cross-province tests).
//!
//! The keys are the well-known development keys (`//Alice`, `//Bob`, …) and fixed node keys
//! (`0x…01` to `0x…05`): every one of them is public, so these presets are for development
//! and tests only. A production consortium writes its cities' own keys into its chain spec.
//!
//! One list of founding cities feeds the four pallets that must agree on it: the consortium
//! register (which also seats the council), pallet-session (the founding validators and their
//! keys; Aura's and GRANDPA's authorities come from it), and pallet-node-authorization (the
//! allow-list of the cities' nodes).

use crate::{opaque::SessionKeys, AccountId, RuntimeGenesisConfig};
use alloc::{string::String, vec, vec::Vec};
use frame_support::build_struct_json_patch;
use serde_json::Value;
use sp_genesis_builder::{PresetId, DEV_RUNTIME_PRESET, LOCAL_TESTNET_RUNTIME_PRESET};
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};

/// The name of the one-validator development preset.
pub const DEV: &str = "dev";
/// The name of the four-city local consortium preset.
pub const LOCAL: &str = "local";
/// The name of the three-city preset of a second province (Shaanxi), the peer of `local` in
/// cross-province tests.
pub const SHAANXI: &str = "shaanxi";

/// A founding city of a preset: its id, name, province and the development key of its
/// trading centre, which is also the seed of its validator's Aura and GRANDPA keys.
struct FoundingCity {
	id: &'static str,
	name: &'static str,
	province: &'static str,
	key: Sr25519Keyring,
	grandpa: Ed25519Keyring,
	/// The base58 peer ids of the city's nodes: its validator, then any public full node.
	peers: &'static [&'static str],
}

/// The peer ids of the fixed development node keys `0x…01` to `0x…05`
/// (`tenderchain-node key inspect-node-key`), used by `scripts/start-local.sh` and the tests.
const NODE_1: &str = "12D3KooWEyoppNCUx8Yx66oV9fJnriXwCcXwDDUA2kj6vnc6iDEp";
const NODE_2: &str = "12D3KooWHdiAxVd8uMQR1hGWXccidmfCwLqcMpGwR6QcTP6QRMuD";
const NODE_3: &str = "12D3KooWSCufgHzV4fCwRijfH2k3abrpAJxTKxEvN1FDuRXA2U9x";
const NODE_4: &str = "12D3KooWSsChzF81YDUKpe9Uk5AHV5oqAaXAcWNSPYgoLauUk4st";
/// Baiyin's public full node, which auditors' light clients and RPC users connect to.
const NODE_5: &str = "12D3KooWSuTq6MG9gPt7qZqLFKkYrfxMewTZhj9nmRHJkPwzWDG2";
/// The Shaanxi network's nodes: node keys `0x…06` to `0x…09` (the last its public full node).
const NODE_6: &str = "12D3KooWMz5U7fR8mF5DNhZSSyFN8c19kU63xYopzDSNCzoFigYk";
const NODE_7: &str = "12D3KooWE3quQCP6Xu7eXpcmmpwVS1KofWnPCBWYNHCswgaqwCso";
const NODE_8: &str = "12D3KooWNcx5xKjEvC3gBkuQDEk2d4eJN5bxTDMMb3VLNqZ9VVuB";
const NODE_9: &str = "12D3KooWQizATZJGTZSb8ShuaniCCaDCBQSczRQ38QgvWH3sJj9c";

/// The four cities of the local consortium, in the order their validators author.
fn gansu_cities() -> Vec<FoundingCity> {
	vec![
		FoundingCity {
			id: "BY",
			name: "Baiyin",
			province: "Gansu",
			key: Sr25519Keyring::Alice,
			grandpa: Ed25519Keyring::Alice,
			peers: &[NODE_1, NODE_5],
		},
		FoundingCity {
			id: "LZ",
			name: "Lanzhou",
			province: "Gansu",
			key: Sr25519Keyring::Bob,
			grandpa: Ed25519Keyring::Bob,
			peers: &[NODE_2],
		},
		FoundingCity {
			id: "TS",
			name: "Tianshui",
			province: "Gansu",
			key: Sr25519Keyring::Charlie,
			grandpa: Ed25519Keyring::Charlie,
			peers: &[NODE_3],
		},
		FoundingCity {
			id: "JQ",
			name: "Jiuquan",
			province: "Gansu",
			key: Sr25519Keyring::Dave,
			grandpa: Ed25519Keyring::Dave,
			peers: &[NODE_4],
		},
	]
}

/// The three cities of the Shaanxi network: Xi'an, Baoji and Xianyang, validating with
/// `//Eve`, `//One` and `//Two` — keys of their own, so that no justification of the Gansu
/// network could pass for one of Shaanxi's.
fn shaanxi_cities() -> Vec<FoundingCity> {
	vec![
		FoundingCity {
			id: "XA",
			name: "Xi'an",
			province: "Shaanxi",
			key: Sr25519Keyring::Eve,
			grandpa: Ed25519Keyring::Eve,
			peers: &[NODE_6, NODE_9],
		},
		FoundingCity {
			id: "BJ",
			name: "Baoji",
			province: "Shaanxi",
			key: Sr25519Keyring::One,
			grandpa: Ed25519Keyring::One,
			peers: &[NODE_7],
		},
		FoundingCity {
			id: "XY",
			name: "Xianyang",
			province: "Shaanxi",
			key: Sr25519Keyring::Two,
			grandpa: Ed25519Keyring::Two,
			peers: &[NODE_8],
		},
	]
}

/// A development certificate authority: `(name, city code, ed25519 public key)`. The keys are
/// in `chain-spec/dev-keys/`; their secrets are public, so these CAs are for development only.
type DevAuthority = (&'static str, &'static str, [u8; 32]);

/// The Lanzhou development CA (`chain-spec/dev-keys/lanzhou-ca.key`).
const LANZHOU_CA: DevAuthority = (
	"Lanzhou CA",
	"LZ",
	// 0x97d151325efdd1237f952d4cc583befa05920649b51dfa391d149d3cb32321cc
	[
		0x97, 0xd1, 0x51, 0x32, 0x5e, 0xfd, 0xd1, 0x23, 0x7f, 0x95, 0x2d, 0x4c, 0xc5, 0x83, 0xbe,
		0xfa, 0x05, 0x92, 0x06, 0x49, 0xb5, 0x1d, 0xfa, 0x39, 0x1d, 0x14, 0x9d, 0x3c, 0xb3, 0x23,
		0x21, 0xcc,
	],
);
/// The Baiyin development CA (`chain-spec/dev-keys/baiyin-ca.key`).
const BAIYIN_CA: DevAuthority = (
	"Baiyin CA",
	"BY",
	// 0xa27856039072288269f909c0fdc00e6c7e3bfe091b957b3d9ac1d6271ca48bd5
	[
		0xa2, 0x78, 0x56, 0x03, 0x90, 0x72, 0x28, 0x82, 0x69, 0xf9, 0x09, 0xc0, 0xfd, 0xc0, 0x0e,
		0x6c, 0x7e, 0x3b, 0xfe, 0x09, 0x1b, 0x95, 0x7b, 0x3d, 0x9a, 0xc1, 0xd6, 0x27, 0x1c, 0xa4,
		0x8b, 0xd5,
	],
);
/// The Xi'an development CA (`chain-spec/dev-keys/xian-ca.key`), CA 0 of the Shaanxi network.
const XIAN_CA: DevAuthority = (
	"Xi'an CA",
	"XA",
	// 0xe0881b4f304817a0f1727e97d8b131c6e412e948fea86016e0504ada02bfe2b1
	[
		0xe0, 0x88, 0x1b, 0x4f, 0x30, 0x48, 0x17, 0xa0, 0xf1, 0x72, 0x7e, 0x97, 0xd8, 0xb1, 0x31,
		0xc6, 0xe4, 0x12, 0xe9, 0x48, 0xfe, 0xa8, 0x60, 0x16, 0xe0, 0x50, 0x4a, 0xda, 0x02, 0xbf,
		0xe2, 0xb1,
	],
);
/// The expert-pool administrator of the presets (专家库管理): `//Ferdie`, neither a trading
/// centre nor a supervisor.
pub const EXPERT_POOL_ADMINISTRATOR: Sr25519Keyring = Sr25519Keyring::Ferdie;

/// The development CAs are valid from 2026-01-01 to 2036-01-01 (Unix ms).
const DEV_CA_VALIDITY: (u64, u64) = (1_767_225_600_000, 2_082_758_400_000);

/// The binary form of a base58 peer id, as the chain keeps it.
fn peer_id(base58: &str) -> Vec<u8> {
	bs58::decode(base58).into_vec().expect("the development peer ids above are valid base58")
}

/// The genesis configuration of a consortium of `cities` with certificate authorities
/// `authorities`. Root is reached only through the council of the cities' trading centres.
fn consortium_genesis(cities: Vec<FoundingCity>, authorities: Vec<DevAuthority>) -> Value {
	let keys = |c: &FoundingCity| SessionKeys {
		aura: c.key.public().into(),
		grandpa: c.grandpa.public().into(),
	};
	let register: Vec<pallet_consortium::GenesisCity<crate::Runtime>> = cities
		.iter()
		.map(|c| {
			(
				c.id.into(),
				c.name.into(),
				c.province.into(),
				c.key.to_account_id(),
				keys(c),
				c.peers.iter().map(|p| peer_id(p)).collect(),
			)
		})
		.collect();
	let validators: Vec<(AccountId, AccountId, SessionKeys)> =
		cities.iter().map(|c| (c.key.to_account_id(), c.key.to_account_id(), keys(c))).collect();
	let nodes: Vec<(sp_core::OpaquePeerId, AccountId)> = cities
		.iter()
		.flat_map(|c| {
			c.peers.iter().map(|p| (sp_core::OpaquePeerId(peer_id(p)), c.key.to_account_id()))
		})
		.collect();
	let authorities: Vec<(String, String, Vec<[u8; 32]>, u64, u64)> = authorities
		.into_iter()
		.map(|(name, city, key)| {
			(name.into(), city.into(), vec![key], DEV_CA_VALIDITY.0, DEV_CA_VALIDITY.1)
		})
		.collect();
	// Each city signs its draw contributions with its trading centre's development key.
	let draw_keys: Vec<(Vec<u8>, [u8; 32])> =
		cities.iter().map(|c| (c.id.as_bytes().to_vec(), c.key.public().0)).collect();
	build_struct_json_patch!(RuntimeGenesisConfig {
		consortium: pallet_consortium::GenesisConfig { cities: register },
		session: pallet_session::GenesisConfig { keys: validators },
		node_authorization: pallet_node_authorization::GenesisConfig { nodes },
		certificates: pallet_certificates::GenesisConfig { authorities },
		expert_draw: pallet_expert_draw::GenesisConfig {
			pool_administrator: Some(EXPERT_POOL_ADMINISTRATOR.to_account_id()),
			draw_keys,
		},
	})
}

/// The `dev` preset: Baiyin alone, validating with `//Alice`, whose trading centre is the
/// council's only member: a developer governs alone on `dev` (a council motion of threshold 1
/// carrying `Consortium::enact` executes at once), and only there. There is no sudo key. The
/// Baiyin development CA is CA 0.
pub fn development_config_genesis() -> Value {
	let mut cities = gansu_cities();
	cities.truncate(1);
	consortium_genesis(cities, vec![BAIYIN_CA])
}

/// The `local` preset: Baiyin, Lanzhou, Tianshui and Jiuquan, validating with `//Alice`,
/// `//Bob`, `//Charlie` and `//Dave`. There is no sudo key: the council of the four trading
/// centres governs (a motion passes with three ayes; abstentions count as nays). CA 0 is the Lanzhou development CA,
/// CA 1 the Baiyin one.
pub fn local_config_genesis() -> Value {
	consortium_genesis(gansu_cities(), vec![LANZHOU_CA, BAIYIN_CA])
}

/// The `shaanxi` preset: Xi'an, Baoji and Xianyang (a second province, its own genesis,
/// validators, CA and trading centres; the same runtime). CA 0 is the Xi'an development CA.
pub fn shaanxi_config_genesis() -> Value {
	consortium_genesis(shaanxi_cities(), vec![XIAN_CA])
}

/// The JSON of the preset called `id`, if there is one. The standard names `development` and
/// `local_testnet` are accepted as aliases.
pub fn get_preset(id: &PresetId) -> Option<Vec<u8>> {
	let patch = match id.as_ref() {
		DEV | DEV_RUNTIME_PRESET => development_config_genesis(),
		LOCAL | LOCAL_TESTNET_RUNTIME_PRESET => local_config_genesis(),
		SHAANXI => shaanxi_config_genesis(),
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
	vec![PresetId::from(DEV), PresetId::from(LOCAL), PresetId::from(SHAANXI)]
}
