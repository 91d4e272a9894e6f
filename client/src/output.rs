//! What the read commands print: the text people read, or, with `--json`, one stable JSON
//! document (pretty-printed, keys in snake_case): amounts as decimal strings of fen with a yuan
//! string, hashes as 0x-hex, accounts as SS58, times as Unix ms with an RFC 3339 string.
//!
//! A read command builds its document as it reads, prints each line of its text with [`say!`]
//! (nothing under `--json`), and at the end prints the document with [`print`] under `--json`.

use anyhow::Result;
use chrono::{SecondsFormat, TimeZone};
use serde_json::{json, Value};
use subxt::utils::AccountId32;

/// `println!` unless `quiet` (the run prints JSON, or the caller only wants the document): a
/// line of a read command's text.
macro_rules! say {
	($quiet:expr, $($arg:tt)*) => {
		if !$quiet {
			println!($($arg)*);
		}
	};
}
pub(crate) use say;

/// Prints the JSON document `doc`, pretty-printed.
pub fn print(doc: &Value) -> Result<()> {
	println!("{}", serde_json::to_string_pretty(doc)?);
	Ok(())
}

/// An account, as SS58.
pub fn account(who: &AccountId32) -> Value {
	Value::String(who.to_string())
}

/// Accounts, as SS58.
pub fn accounts(who: &[AccountId32]) -> Value {
	Value::Array(who.iter().map(account).collect())
}

/// A hash (or any bytes), as 0x-hex.
pub fn hash(bytes: &[u8]) -> Value {
	Value::String(hex0x(bytes))
}

/// Bytes as `0x…` hex text.
pub fn hex0x(bytes: &[u8]) -> String {
	format!("0x{}", hex::encode(bytes))
}

/// Bytes the chain keeps as text (a title, a city code), as a string.
pub fn text(bytes: &[u8]) -> Value {
	Value::String(String::from_utf8_lossy(bytes).into_owned())
}

/// A time on chain (Unix ms): `{"unix_ms": …, "rfc3339": "2026-12-01T10:00:00.000+08:00"}`,
/// in China Standard Time as the text shows it.
pub fn time(ms: u64) -> Value {
	json!({ "unix_ms": ms, "rfc3339": rfc3339(ms) })
}

/// `ms` as RFC 3339 in China Standard Time (`2026-12-01T10:00:00.000+08:00`).
pub fn rfc3339(ms: u64) -> String {
	match crate::time::cst().timestamp_millis_opt(ms as i64).single() {
		Some(t) => t.to_rfc3339_opts(SecondsFormat::Millis, false),
		None => format!("{ms} ms"),
	}
}

/// An amount in fen: `{"fen": "98000050", "yuan": "980000.50"}` (decimal strings: a u128 does
/// not fit a JSON number everywhere).
pub fn amount(fen: u128) -> Value {
	json!({ "fen": fen.to_string(), "yuan": yuan(fen) })
}

/// An amount in fen as a plain decimal of yuan: `980000.50`.
pub fn yuan(fen: u128) -> String {
	format!("{}.{:02}", fen / 100, fen % 100)
}

/// An enum value without fields, by its debug name in snake_case (`IdenticalFile` →
/// `identical_file`).
pub fn variant(value: &impl std::fmt::Debug) -> Value {
	Value::String(snake(&format!("{value:?}")))
}

/// `CamelCase` as `snake_case`; anything after the name (`Variant(…)`) is dropped.
pub fn snake(name: &str) -> String {
	let name = name.split(|c: char| !c.is_ascii_alphanumeric()).next().unwrap_or(name);
	let mut out = String::with_capacity(name.len() + 4);
	for (i, c) in name.chars().enumerate() {
		if c.is_ascii_uppercase() {
			if i > 0 {
				out.push('_');
			}
			out.push(c.to_ascii_lowercase());
		} else {
			out.push(c);
		}
	}
	out
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn amounts_are_fen_and_yuan_strings() {
		assert_eq!(amount(98_000_050), json!({ "fen": "98000050", "yuan": "980000.50" }));
		assert_eq!(yuan(7), "0.07");
	}

	#[test]
	fn times_are_unix_ms_and_rfc3339_in_china_time() {
		let doc = time(1_796_090_400_000);
		assert_eq!(doc["unix_ms"], 1_796_090_400_000u64);
		assert_eq!(doc["rfc3339"], "2026-12-01T10:00:00.000+08:00");
	}

	#[test]
	fn enum_names_are_snake_case() {
		assert_eq!(snake("IdenticalFile"), "identical_file");
		assert_eq!(snake("Suspend"), "suspend");
		assert_eq!(snake("Void(RevealMismatch)"), "void");
	}
}
