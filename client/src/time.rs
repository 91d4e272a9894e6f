//! Times as the chain keeps them (Unix milliseconds) and as people read them (China Standard
//! Time, +08:00, where every city of the consortium is).

use anyhow::{anyhow, Result};
use chrono::{DateTime, FixedOffset, TimeZone, Utc};

/// China Standard Time.
pub fn cst() -> FixedOffset {
	FixedOffset::east_opt(8 * 3600).expect("+08:00 is a valid offset")
}

/// Now, in Unix milliseconds.
pub fn now_ms() -> u64 {
	Utc::now().timestamp_millis().max(0) as u64
}

/// `ms` as `2026-12-01 10:00:00 +08:00`.
pub fn show(ms: u64) -> String {
	match cst().timestamp_millis_opt(ms as i64).single() {
		Some(t) => t.format("%Y-%m-%d %H:%M:%S %:z").to_string(),
		None => format!("{ms} ms"),
	}
}

/// Parses an RFC 3339 time (`2026-12-01T10:00:00+08:00`), or `YYYY-MM-DD HH:MM[:SS]` taken
/// as China Standard Time, into Unix milliseconds.
pub fn parse(text: &str) -> Result<u64> {
	if let Ok(t) = DateTime::parse_from_rfc3339(text) {
		return Ok(t.timestamp_millis().max(0) as u64);
	}
	for format in ["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M"] {
		if let Ok(naive) = chrono::NaiveDateTime::parse_from_str(text, format) {
			if let Some(t) = cst().from_local_datetime(&naive).single() {
				return Ok(t.timestamp_millis().max(0) as u64);
			}
		}
	}
	Err(anyhow!(
		"'{text}' is not a time: write 2026-12-01T10:00:00+08:00 or 2026-12-01 10:00 (China time)"
	))
}
