//! Keys: the participant's signing account (sr25519) and a certificate authority's ed25519
//! key file.

use std::{fs, path::Path};

use anyhow::{anyhow, bail, Context, Result};
use ed25519_dalek::SigningKey;
use serde::{Deserialize, Serialize};
use subxt_signer::{sr25519::Keypair, SecretUri};

use crate::files;

/// The account that signs a transaction, from a secret URI: a development seed such as
/// `//Alice`, a mnemonic phrase, or `0x` and a 32-byte hex seed; or `@path` to a file holding
/// one of these.
pub fn signer(secret: &str) -> Result<Keypair> {
	let text = match secret.strip_prefix('@') {
		Some(path) => fs::read_to_string(path)
			.with_context(|| format!("cannot read the signer's secret from '{path}'"))?,
		None => secret.to_string(),
	};
	let uri: SecretUri = text
		.trim()
		.parse()
		.map_err(|e| anyhow!("the signer's secret is not a valid secret URI: {e:?}"))?;
	Keypair::from_uri(&uri).map_err(|e| anyhow!("cannot derive the signer's key: {e:?}"))
}

/// A certificate authority's key file (keep it secret: whoever holds it can certify).
#[derive(Serialize, Deserialize)]
pub struct CaKeyFile {
	/// What the file is.
	pub kind: String,
	/// The ed25519 secret seed, hex.
	pub secret: String,
	/// The ed25519 public key, hex: give it to the consortium to admit the CA.
	pub public: String,
}

const CA_KEY_KIND: &str = "tenderchain certificate-authority ed25519 key";

/// Writes a new CA key to `path`, readable by the owner only; refuses to overwrite.
pub fn generate_ca_key(path: &Path) -> Result<SigningKey> {
	if path.exists() {
		bail!("{} already exists; a CA key is never overwritten", path.display());
	}
	let key = SigningKey::generate(&mut rand::rngs::OsRng);
	save_ca_key(path, &key)?;
	Ok(key)
}

/// Writes `key` to a new file at `path` as a CA key file, readable by the owner only from its
/// creation (never world-readable for a moment); an existing file is never overwritten.
pub fn save_ca_key(path: &Path, key: &SigningKey) -> Result<()> {
	let file = CaKeyFile {
		kind: CA_KEY_KIND.into(),
		secret: hex::encode(key.to_bytes()),
		public: hex::encode(key.verifying_key().to_bytes()),
	};
	files::write_new_secret(path, (serde_json::to_string_pretty(&file)? + "\n").as_bytes()).map_err(
		|e| match e.kind() {
			std::io::ErrorKind::AlreadyExists => {
				anyhow!("{} already exists; a CA key is never overwritten", path.display())
			},
			_ => anyhow!("cannot write the CA key file {}: {e}", path.display()),
		},
	)
}

/// Reads a CA key file.
pub fn load_ca_key(path: &Path) -> Result<SigningKey> {
	let text = fs::read_to_string(path)
		.with_context(|| format!("cannot read the CA key file {}", path.display()))?;
	let file: CaKeyFile = serde_json::from_str(&text)
		.with_context(|| format!("{} is not a CA key file", path.display()))?;
	let secret: [u8; 32] = hex::decode(file.secret.trim_start_matches("0x"))
		.ok()
		.and_then(|b| b.try_into().ok())
		.ok_or_else(|| anyhow!("{}: the secret is not 32 bytes of hex", path.display()))?;
	let key = SigningKey::from_bytes(&secret);
	if hex::encode(key.verifying_key().to_bytes()) != file.public.trim_start_matches("0x") {
		bail!("{}: the public key does not belong to the secret (file damaged?)", path.display());
	}
	Ok(key)
}

/// Parses an SS58 account address.
pub fn account(text: &str) -> Result<subxt::utils::AccountId32> {
	text.parse().map_err(|_| anyhow!("'{text}' is not an SS58 account address"))
}

/// Parses 32 bytes of hex (with or without `0x`), naming `what` in the error.
pub fn hex32(text: &str, what: &str) -> Result<[u8; 32]> {
	hex::decode(text.trim().trim_start_matches("0x"))
		.ok()
		.and_then(|b| b.try_into().ok())
		.ok_or_else(|| anyhow!("{what} must be 32 bytes of hex (64 hex digits), got '{text}'"))
}
