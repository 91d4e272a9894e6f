//! `tender anchor`: one file anchored on its own (`Notary::anchor`), optionally as the new
//! version of a document anchored before, which the chain then marks superseded.
//!
//! `tender notarize` anchors files in Merkle batches ([`crate::notary`]); a single document
//! needs no proof bundle: `tender verify` finds it by its SHA-256.

use std::path::{Path, PathBuf};

use anyhow::{anyhow, bail, Result};
use clap::{Subcommand, ValueEnum};
use subxt::utils::{AccountId32, H256};

use crate::{
	chain::{tenderchain, try_read},
	ctx::Ctx,
	files,
	notary::{self, DocumentType, BUNDLE_SUFFIX},
};

/// `tender anchor`, at the top level of `tender`.
#[derive(Debug, Subcommand)]
pub enum Command {
	/// Anchor one file as a single document (its SHA-256), optionally as the new version of an
	/// earlier anchor of the signer's of the same type (`--supersedes`), which is then marked
	/// superseded. `tender verify` verifies it without a proof bundle.
	Anchor {
		/// The file; only its SHA-256 leaves this machine.
		file: PathBuf,
		/// The document type.
		#[arg(long = "type", value_enum, default_value = "archive")]
		document_type: DocumentType,
		/// The tender the document belongs to.
		#[arg(long)]
		tender: Option<u64>,
		/// The earlier version this file replaces: its anchored hash (0x…), or the earlier
		/// file (with its proof bundle next to it if it was notarized in a batch).
		#[arg(long)]
		supersedes: Option<String>,
	},
}

/// Runs `tender anchor`.
pub async fn run(ctx: &Ctx, cmd: Command) -> Result<()> {
	match cmd {
		Command::Anchor { file, document_type, tender, supersedes } => {
			anchor(ctx, &file, document_type, tender, supersedes).await
		},
	}
}

/// The document type as the command line names it.
fn type_name(t: DocumentType) -> String {
	t.to_possible_value().map(|v| v.get_name().to_string()).unwrap_or_else(|| format!("{t:?}"))
}

/// `--supersedes`: an anchored hash (0x…), or a file whose anchored key is taken.
fn earlier_version(text: &str) -> Result<[u8; 32]> {
	if let Some(hex_part) = text.trim().strip_prefix("0x") {
		let bytes =
			hex::decode(hex_part).map_err(|e| anyhow!("--supersedes '{text}' is not hex: {e}"))?;
		return bytes.try_into().map_err(|b: Vec<u8>| {
			anyhow!("--supersedes '{text}' is {} bytes; an anchored hash is 32", b.len())
		});
	}
	let path = Path::new(text);
	if !path.exists() {
		bail!("--supersedes '{text}' is neither an anchored hash (0x…) nor a file");
	}
	notary::anchored_key(path)
}

/// `tender anchor`.
async fn anchor(
	ctx: &Ctx,
	file: &Path,
	document_type: DocumentType,
	tender: Option<u64>,
	supersedes: Option<String>,
) -> Result<()> {
	// The file's hash, and the earlier version's anchored key.
	let document = files::sha256(file)?;
	let old = supersedes.as_deref().map(earlier_version).transpose()?;
	let signer = ctx.signer()?;
	let node = ctx.node().await?;
	let me = AccountId32::from(signer.public_key());
	let at = node.api.at_current_block().await?;
	// Refuse plainly what the chain would: a document anchored already, an earlier version
	// that is not the signer's own of this type or was superseded already.
	if let Some(existing) =
		try_read(&at, tenderchain::storage().notary().anchors(), (H256(document),)).await?
	{
		bail!(
			"{} (0x{}) is already anchored, in block #{} by {}",
			file.display(),
			hex::encode(document),
			existing.block,
			existing.issuer
		);
	}
	if let Some(old) = old {
		let Some(previous) =
			try_read(&at, tenderchain::storage().notary().anchors(), (H256(old),)).await?
		else {
			bail!("the earlier version 0x{} is not anchored on this chain", hex::encode(old));
		};
		if let Some(next) = previous.superseded_by {
			bail!(
				"the earlier version 0x{} was already superseded by 0x{}",
				hex::encode(old),
				hex::encode(next.0)
			);
		}
		if previous.issuer != me {
			bail!(
				"the earlier version 0x{} was anchored by {}, not {me}: only its issuer anchors \
				 its new version",
				hex::encode(old),
				previous.issuer
			);
		}
		let chain_type: tenderchain::runtime_types::pallet_notary::DocumentType =
			document_type.into();
		if std::mem::discriminant(&previous.document_type) != std::mem::discriminant(&chain_type) {
			bail!(
				"the earlier version 0x{} was anchored as another document type ({:?}); give \
				 that type with --type",
				hex::encode(old),
				previous.document_type
			);
		}
	}
	// Anchor it.
	let call = tenderchain::transactions().notary().anchor(
		H256(document),
		document_type.into(),
		tender,
		old.map(H256),
	);
	let included =
		node.submit_signed(&call, &signer, &format!("anchoring {}", file.display())).await?;
	included.event::<tenderchain::notary::events::Anchored>()?;
	println!(
		"anchored {} as a single {} document{} (block {included}): SHA-256 0x{}",
		file.display(),
		type_name(document_type),
		tender.map(|t| format!(" of tender {t}")).unwrap_or_default(),
		hex::encode(document)
	);
	if let Some(old) = old {
		included.event::<tenderchain::notary::events::Superseded>()?;
		println!("  it supersedes 0x{}, now marked superseded", hex::encode(old));
	}
	// A proof bundle next to the file that is another document's (an earlier version's,
	// notarized in a batch) would mislead `tender verify`, which takes it.
	let bundle = PathBuf::from(format!("{}{BUNDLE_SUFFIX}", file.display()));
	if bundle.exists() && notary::anchored_key(file).is_err() {
		println!(
			"  note: {} is the proof bundle of another document; this anchor needs none, and \
			 `tender verify {}` would use that bundle: move it away",
			bundle.display(),
			file.display()
		);
	}
	Ok(())
}
