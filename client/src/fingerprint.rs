//! The authoring fingerprint of a bid: which machine prepared it.
//!
//! The client collects the machine's stable identifiers itself, as trading platforms do (the
//! bidder does not type them): the operating system's machine id (`/etc/machine-id`), the
//! hardware addresses (MAC) of the network interfaces other than loopback, and the board's
//! product UUID where it is readable. From them:
//!
//! - the **machine fingerprint** `SHA-256(FINGERPRINT ‖ identifiers)` (the identifiers as
//!   `name=value` lines, sorted), which stays on the bidder's machine (in the receipt);
//! - the **bid fingerprint** committed and revealed on one tender,
//!   `SHA-256(BID_FINGERPRINT ‖ genesis ‖ SCALE(tender) ‖ machine fingerprint)`.
//!
//! The same machine gives the same bid fingerprint on one tender, so two bids prepared on one
//! machine still raise the chain's `SameFingerprint` flag; but the value differs from tender to
//! tender (and chain to chain), so a value revealed on one tender cannot be copied into a
//! commitment on another to frame its owner as a colluder.

use std::{fs, path::Path};

use anyhow::{bail, Context, Result};
use sha2::{Digest, Sha256};
use subxt::ext::codec::Encode;
use tenderchain_primitives::tags;

/// Prefix of the per-tender bid fingerprint.
pub const BID_FINGERPRINT: &[u8] = b"tenderchain/bid-fingerprint/v1";

/// The files that hold the operating system's machine id, in order of preference.
const MACHINE_ID_FILES: [&str; 2] = ["/etc/machine-id", "/var/lib/dbus/machine-id"];

/// The board's product UUID (readable by root only on most systems).
const PRODUCT_UUID_FILE: &str = "/sys/class/dmi/id/product_uuid";

/// Where the network interfaces are listed.
const NET_DIR: &str = "/sys/class/net";

/// The identifiers of one machine, as collected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Machine {
	/// `(name, value)` pairs such as `("machine-id", "4c4c…")`, `("mac enp3s0", "3c:…")`.
	pub identifiers: Vec<(String, String)>,
	/// Where they came from: this machine, or the file given with `--fingerprint-source`.
	pub source: String,
}

impl Machine {
	/// Collects this machine's stable identifiers; an error if none is found.
	pub fn collect() -> Result<Machine> {
		let mut identifiers = Vec::new();
		// The operating system's machine id.
		if let Some(id) = MACHINE_ID_FILES.iter().find_map(|f| read_trimmed(Path::new(f))) {
			identifiers.push(("machine-id".to_string(), id));
		}
		// The board's product UUID, if readable.
		if let Some(uuid) = read_trimmed(Path::new(PRODUCT_UUID_FILE)) {
			identifiers.push(("product-uuid".to_string(), uuid.to_lowercase()));
		}
		// The MACs of the interfaces other than loopback: the physical ones (with a device)
		// if there are any, as virtual ones come and go.
		let mut physical = Vec::new();
		let mut virtual_ = Vec::new();
		if let Ok(entries) = fs::read_dir(NET_DIR) {
			for entry in entries.flatten() {
				let name = entry.file_name().to_string_lossy().into_owned();
				let Some(mac) = read_trimmed(&entry.path().join("address")) else { continue };
				if name == "lo" || mac.chars().all(|c| c == '0' || c == ':') {
					continue;
				}
				let pair = (format!("mac {name}"), mac.to_lowercase());
				if entry.path().join("device").exists() {
					physical.push(pair);
				} else {
					virtual_.push(pair);
				}
			}
		}
		let mut macs = if physical.is_empty() { virtual_ } else { physical };
		macs.sort();
		identifiers.extend(macs);
		if identifiers.is_empty() {
			bail!(
				"cannot collect this machine's fingerprint: no {}, no readable {PRODUCT_UUID_FILE}, \
				 no network interface with a hardware address",
				MACHINE_ID_FILES.join(" or ")
			);
		}
		Ok(Machine { identifiers, source: "this machine".into() })
	}

	/// The identifiers in the file at `path` (`--fingerprint-source`, for tests): one
	/// `name=value` per line (blank lines and `#` comments skipped).
	pub fn from_file(path: &Path) -> Result<Machine> {
		let text = fs::read_to_string(path)
			.with_context(|| format!("cannot read the fingerprint source {}", path.display()))?;
		let identifiers: Vec<(String, String)> = text
			.lines()
			.map(str::trim)
			.filter(|l| !l.is_empty() && !l.starts_with('#'))
			.map(|l| match l.split_once('=') {
				Some((name, value)) => (name.trim().to_string(), value.trim().to_string()),
				None => ("id".to_string(), l.to_string()),
			})
			.collect();
		if identifiers.is_empty() {
			bail!("the fingerprint source {} holds no identifier", path.display());
		}
		Ok(Machine { identifiers, source: path.display().to_string() })
	}

	/// The identifiers as one line, for messages and the receipt.
	pub fn describe(&self) -> String {
		self.identifiers.iter().map(|(n, v)| format!("{n} {v}")).collect::<Vec<_>>().join(", ")
	}

	/// The machine fingerprint: `SHA-256(FINGERPRINT ‖ sorted "name=value\n" lines)`.
	pub fn fingerprint(&self) -> [u8; 32] {
		let mut lines: Vec<String> =
			self.identifiers.iter().map(|(n, v)| format!("{n}={v}\n")).collect();
		lines.sort();
		let mut h = Sha256::new();
		h.update(tags::FINGERPRINT);
		for line in lines {
			h.update(line.as_bytes());
		}
		h.finalize().into()
	}
}

/// The bid fingerprint committed on `tender` of the chain `genesis` by a bid prepared on the
/// machine whose fingerprint is `machine`:
/// `SHA-256(BID_FINGERPRINT ‖ genesis ‖ SCALE(tender) ‖ machine)`.
pub fn for_tender(genesis: &[u8; 32], tender: u64, machine: &[u8; 32]) -> [u8; 32] {
	let mut h = Sha256::new();
	h.update(BID_FINGERPRINT);
	h.update(genesis);
	h.update(tender.encode());
	h.update(machine);
	h.finalize().into()
}

/// The trimmed contents of the file at `path`, if it is readable and not empty.
fn read_trimmed(path: &Path) -> Option<String> {
	let text = fs::read_to_string(path).ok()?;
	let text = text.trim();
	(!text.is_empty()).then(|| text.to_string())
}

#[cfg(test)]
mod tests {
	use super::*;

	fn machine(id: &str) -> Machine {
		Machine {
			identifiers: vec![
				("machine-id".into(), id.into()),
				("mac eth0".into(), "3c:7c:3f:00:00:01".into()),
			],
			source: "test".into(),
		}
	}

	/// A competitor copies the fingerprint its rival revealed on tender A into its own bid on
	/// tender B, hoping the chain flags both as prepared on one machine. The rival's bid on B,
	/// prepared on the same machine, commits another value: the copy matches nothing.
	#[test]
	fn attack_copied_fingerprint_frames_a_competitor() {
		let genesis = [7u8; 32];
		let rival = machine("4c4c4544-rival").fingerprint();
		// What the rival revealed on tender A (public after A's deadline).
		let revealed_on_a = for_tender(&genesis, 0, &rival);
		// The rival's own bid on tender B, from the same machine.
		let rival_on_b = for_tender(&genesis, 1, &rival);
		// The attacker commits the copied value on B: it is not the rival's value there, so the
		// chain's identical-fingerprint check between the two bids on B does not fire.
		let attacker_on_b = revealed_on_a;
		assert_ne!(attacker_on_b, rival_on_b, "a fingerprint revealed on A frames its owner on B");
		// Nor on another chain's tender of the same number.
		assert_ne!(for_tender(&[8u8; 32], 0, &rival), revealed_on_a);
		// Two bids really prepared on one machine still give one value on one tender.
		assert_eq!(for_tender(&genesis, 1, &rival), rival_on_b);
		// And two machines give two values.
		let other = machine("4c4c4544-other").fingerprint();
		assert_ne!(for_tender(&genesis, 1, &other), rival_on_b);
	}

	#[test]
	fn the_order_of_identifiers_does_not_change_the_fingerprint() {
		let a = machine("x");
		let mut b = a.clone();
		b.identifiers.reverse();
		assert_eq!(a.fingerprint(), b.fingerprint());
	}

	#[test]
	fn a_source_file_gives_its_identifiers() {
		let dir = std::env::temp_dir().join(format!("tender-fp-{}", std::process::id()));
		fs::create_dir_all(&dir).expect("temp dir");
		let path = dir.join("machine.txt");
		fs::write(&path, "# bidder 1's PC\nmachine-id = abc\nmac eth0=3c:00\n").expect("written");
		let m = Machine::from_file(&path).expect("read");
		assert_eq!(
			m.identifiers,
			vec![("machine-id".into(), "abc".into()), ("mac eth0".into(), "3c:00".into())]
		);
		fs::write(&path, "# nothing\n").expect("written");
		assert!(Machine::from_file(&path).is_err());
		fs::remove_dir_all(&dir).expect("removed");
	}
}
