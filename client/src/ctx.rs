//! What every command runs with: the node (connected on first use), the signer, and the
//! outcome of a verification.

use std::path::PathBuf;

use anyhow::{anyhow, Result};
use subxt_signer::sr25519::Keypair;
use tokio::sync::OnceCell;

use crate::{chain::Node, keys};

/// The context of one `tender` run: where the node is, who signs, and which command runs.
pub struct Ctx {
	/// The node's WebSocket RPC address (`--url`).
	url: String,
	/// The genesis hash the node must serve (`--genesis`).
	genesis: Option<String>,
	/// The signer's secret URI (`--signer`), if given.
	signer: Option<String>,
	/// The command as typed, such as `tender bid commit`, for messages.
	command: String,
	/// The client's data directory (`--data-dir`), if given.
	data_dir: Option<PathBuf>,
	/// Whether read commands print a JSON document instead of text (`--json`).
	json: bool,
	/// The node, once a command has needed it: commands that read no chain (`ca keygen`) and
	/// those that trust no node (`verify`) never connect.
	node: OnceCell<Node>,
}

impl Ctx {
	/// A context for `command`; nothing is connected yet.
	pub fn new(
		url: String,
		genesis: Option<String>,
		signer: Option<String>,
		command: String,
		data_dir: Option<PathBuf>,
		json: bool,
	) -> Ctx {
		Ctx { url, genesis, signer, command, data_dir, json, node: OnceCell::new() }
	}

	/// Whether a read command prints its JSON document instead of its text (`--json`; see
	/// [`crate::output`]).
	pub fn json(&self) -> bool {
		self.json
	}

	/// The client's data directory: `--data-dir` (or `TENDER_DATA_DIR`), else
	/// `$XDG_DATA_HOME/tenderchain/client`, else `~/.local/share/tenderchain/client`.
	pub fn data_dir(&self) -> Result<PathBuf> {
		if let Some(dir) = &self.data_dir {
			return Ok(dir.clone());
		}
		let env = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty()).map(PathBuf::from);
		let base = env("XDG_DATA_HOME")
			.or_else(|| env("HOME").map(|home| home.join(".local/share")))
			.ok_or_else(|| {
				anyhow!(
					"`{}` keeps a copy of each bid receipt in the client's data directory: give 					 --data-dir (or TENDER_DATA_DIR), as HOME is not set",
					self.command
				)
			})?;
		Ok(base.join("tenderchain/client"))
	}

	/// The node, connected (and checked to serve tenderchain) on the first call.
	pub async fn node(&self) -> Result<&Node> {
		self.node.get_or_try_init(|| Node::connect(&self.url, self.genesis.as_deref())).await
	}

	/// The signer's secret URI, or an error naming the command that needs it.
	pub fn signer_uri(&self) -> Result<&str> {
		self.signer
			.as_deref()
			.ok_or_else(|| anyhow!("`{}` needs --signer (or TENDER_SIGNER)", self.command))
	}

	/// The signing account, or an error naming the command that needs it.
	pub fn signer(&self) -> Result<Keypair> {
		keys::signer(self.signer_uri()?)
	}
}

/// The outcome of a verification (`tender verify`, `tender draw verify`).
#[derive(Debug)]
pub enum Verdict {
	/// Everything checked agrees with the chain.
	Verified,
	/// Something does not (each difference already said, in words).
	NotVerified(NotVerified),
}

impl Verdict {
	/// `Ok` if verified; otherwise the [`NotVerified`] error, which `main` turns into exit
	/// code 1.
	pub fn into_result(self) -> Result<()> {
		match self {
			Verdict::Verified => Ok(()),
			Verdict::NotVerified(failure) => Err(failure.into()),
		}
	}
}

/// A verification that failed. Each difference has been shown as it was found; this is the
/// summary, such as "2 of 3 files NOT VERIFIED".
#[derive(Debug)]
pub struct NotVerified {
	/// The one-line summary.
	pub summary: String,
}

impl std::fmt::Display for NotVerified {
	fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
		write!(f, "{}", self.summary)
	}
}

impl std::error::Error for NotVerified {}
