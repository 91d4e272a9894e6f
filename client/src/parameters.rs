//! The chain's stored parameters: the periods the consortium sets by council motion
//! (`tender consortium propose-parameter`).
//!
//! Each is a `pub storage` item of the runtime's `parameter_types!`: its value lives at the
//! unhashed storage key `twox_128(":" ++ name ++ ":")`, SCALE-encoded, and the runtime's
//! built-in default applies while nothing is stored there. Only Root writes such a key
//! (`System::set_storage`), and Root is reached only by a two-thirds council motion of
//! `Consortium::enact`. The pallets read each parameter through a `Get`, which the metadata
//! also lists as a pallet constant (its value as of the block the metadata was read at).

use anyhow::{anyhow, bail, Result};
use subxt::ext::codec::{Decode, Encode};

/// What a parameter counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
	/// Milliseconds of the chain's clock (block timestamps), a `u64`.
	Millis,
	/// Blocks, a `u32` (the runtime's `BlockNumber`).
	Blocks,
}

/// One stored parameter.
#[derive(Debug)]
pub struct Parameter {
	/// Its option of `tender consortium propose-parameter`, without the dashes.
	pub flag: &'static str,
	/// Its name in the runtime's `parameter_types!` (which makes its storage key).
	pub storage: &'static str,
	/// The pallet that reads it, and the constant the metadata lists it as there.
	pub constant: (&'static str, &'static str),
	/// What it counts.
	pub unit: Unit,
	/// What it is, in a few words.
	pub about: &'static str,
}

/// Every stored parameter of the runtime (`runtime/src/configs/mod.rs`).
pub const PARAMETERS: [Parameter; 8] = [
	Parameter {
		flag: "min-notice",
		storage: "MinTenderNotice",
		constant: ("Tendering", "MinNotice"),
		unit: Unit::Millis,
		about: "the least time between publishing a tender and its bid deadline",
	},
	Parameter {
		flag: "complaint-period",
		storage: "ComplaintPeriod",
		constant: ("Tendering", "ComplaintPeriod"),
		unit: Unit::Millis,
		about: "the complaint period (公示) after the winning candidate is published",
	},
	Parameter {
		flag: "min-amendment-notice",
		storage: "MinAmendmentNotice",
		constant: ("Tendering", "MinAmendmentNotice"),
		unit: Unit::Millis,
		about: "the least time left before the deadline when the tender documents change",
	},
	Parameter {
		flag: "objection-answer-period",
		storage: "ObjectionAnswerPeriod",
		constant: ("Award", "AnswerPeriod"),
		unit: Unit::Millis,
		about: "the time the tenderer has to answer an objection (异议)",
	},
	Parameter {
		flag: "award-complaint-period",
		storage: "AwardComplaintPeriod",
		constant: ("Award", "ComplaintPeriod"),
		unit: Unit::Millis,
		about: "the time to complain (投诉) after an objection's answer or after the award",
	},
	Parameter {
		flag: "contract-period",
		storage: "ContractPeriod",
		constant: ("Award", "ContractPeriod"),
		unit: Unit::Millis,
		about: "the time to sign the contract after the award notice",
	},
	Parameter {
		flag: "pool-change-delay",
		storage: "ExpertPoolChangeDelay",
		constant: ("ExpertDraw", "PoolChangeDelay"),
		unit: Unit::Blocks,
		about: "the blocks before a change to the expert pool takes effect",
	},
	Parameter {
		flag: "seating-window",
		storage: "ExpertSeatingWindow",
		constant: ("ExpertDraw", "SeatingWindow"),
		unit: Unit::Blocks,
		about: "the blocks a drawn expert has to take the seat once evaluation has begun",
	},
];

/// A length of time or a number of blocks, as given on the command line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Span {
	/// A duration, in milliseconds.
	Millis(u64),
	/// A number of blocks.
	Blocks(u64),
}

/// Parses `20d`, `3d`, `36h`, `90m` (or `90min`), `60s`, or, for the parameters counted in
/// blocks, `28800b` (or `28800blocks`). For clap's `value_parser`.
pub fn span(text: &str) -> Result<Span, String> {
	let trimmed = text.trim().to_lowercase();
	let split = trimmed.find(|c: char| !c.is_ascii_digit()).unwrap_or(trimmed.len());
	let (number, unit) = trimmed.split_at(split);
	let usage = "write a number and a unit: 20d, 36h, 90m, 60s (or 28800b, in blocks)";
	let number: u64 = number.parse().map_err(|_| format!("'{text}' is not a duration: {usage}"))?;
	if number == 0 {
		return Err(format!("'{text}': a period of zero cannot be set"));
	}
	let scale = match unit.trim() {
		"d" | "day" | "days" => 86_400_000,
		"h" | "hour" | "hours" => 3_600_000,
		"m" | "min" | "minute" | "minutes" => 60_000,
		"s" | "sec" | "second" | "seconds" => 1_000,
		"b" | "block" | "blocks" => return Ok(Span::Blocks(number)),
		"" => return Err(format!("'{text}' has no unit: {usage}")),
		other => return Err(format!("'{text}': unknown unit '{other}': {usage}")),
	};
	number
		.checked_mul(scale)
		.map(Span::Millis)
		.ok_or_else(|| format!("'{text}' is too long a duration"))
}

/// `ms` in the largest unit that divides it: `20 d`, `36 h`, `90 min`, `60 s`, `1500 ms`.
pub fn show_millis(ms: u64) -> String {
	for (scale, unit) in [(86_400_000, "d"), (3_600_000, "h"), (60_000, "min"), (1_000, "s")] {
		if ms >= scale && ms % scale == 0 {
			return format!("{} {unit}", ms / scale);
		}
	}
	format!("{ms} ms")
}

impl Parameter {
	/// The storage key of its value: `twox_128(":" ++ name ++ ":")`.
	pub fn key(&self) -> [u8; 16] {
		sp_crypto_hashing::twox_128(format!(":{}:", self.storage).as_bytes())
	}

	/// The command-line option that sets it.
	pub fn option(&self) -> String {
		format!("--{}", self.flag)
	}

	/// The value `span` gives it, in its unit: milliseconds, or blocks of `slot_ms` each.
	pub fn value_of(&self, span: Span, slot_ms: u64) -> Result<u64> {
		match (self.unit, span) {
			(Unit::Millis, Span::Millis(ms)) => Ok(ms),
			(Unit::Millis, Span::Blocks(_)) => bail!(
				"{} ({}) is a time: give it in days, hours, minutes or seconds (20d, 36h, 90m, \
				 60s), not in blocks",
				self.option(),
				self.storage
			),
			(Unit::Blocks, Span::Blocks(blocks)) => self.blocks(blocks),
			(Unit::Blocks, Span::Millis(ms)) => {
				if slot_ms == 0 || ms % slot_ms != 0 {
					bail!(
						"{} ({}) counts blocks of {}: {} is not a whole number of blocks (give \
						 it in blocks, such as {}b)",
						self.option(),
						self.storage,
						show_millis(slot_ms),
						show_millis(ms),
						ms.div_ceil(slot_ms.max(1)).max(1)
					);
				}
				self.blocks(ms / slot_ms)
			},
		}
	}

	/// `blocks`, checked to fit the runtime's block number.
	fn blocks(&self, blocks: u64) -> Result<u64> {
		if blocks > u64::from(u32::MAX) {
			bail!(
				"{} ({}): {blocks} blocks is more than a block number holds",
				self.option(),
				self.storage
			);
		}
		Ok(blocks)
	}

	/// `value` as the runtime stores it: a SCALE `u64` (milliseconds) or `u32` (blocks).
	pub fn encode(&self, value: u64) -> Vec<u8> {
		match self.unit {
			Unit::Millis => value.encode(),
			Unit::Blocks => (value as u32).encode(),
		}
	}

	/// The value stored as `bytes`, in its unit.
	pub fn decode(&self, bytes: &[u8]) -> Result<u64> {
		let mut input = bytes;
		let value = match self.unit {
			Unit::Millis => u64::decode(&mut input).ok(),
			Unit::Blocks => u32::decode(&mut input).ok().map(u64::from),
		};
		match value {
			Some(value) if input.is_empty() => Ok(value),
			_ => Err(anyhow!(
				"the value stored for {} (0x{}) is not a {}",
				self.storage,
				hex::encode(bytes),
				if self.unit == Unit::Millis { "u64" } else { "u32" }
			)),
		}
	}

	/// `value` in words: `20 d`, or `28800 blocks (1 d)` with blocks of `slot_ms`.
	pub fn show(&self, value: u64, slot_ms: u64) -> String {
		match self.unit {
			Unit::Millis => show_millis(value),
			Unit::Blocks if slot_ms > 0 => {
				format!("{value} blocks ({})", show_millis(value.saturating_mul(slot_ms)))
			},
			Unit::Blocks => format!("{value} blocks"),
		}
	}
}

/// The parameter stored at `key`, if it is one of [`PARAMETERS`].
pub fn by_key(key: &[u8]) -> Option<&'static Parameter> {
	PARAMETERS.iter().find(|p| p.key()[..] == *key)
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn durations_parse_in_days_hours_minutes_seconds_and_blocks() {
		assert_eq!(span("20d"), Ok(Span::Millis(20 * 86_400_000)));
		assert_eq!(span("3d"), Ok(Span::Millis(3 * 86_400_000)));
		assert_eq!(span("36h"), Ok(Span::Millis(36 * 3_600_000)));
		assert_eq!(span("90m"), Ok(Span::Millis(90 * 60_000)));
		assert_eq!(span("90min"), Ok(Span::Millis(90 * 60_000)));
		assert_eq!(span("60s"), Ok(Span::Millis(60_000)));
		assert_eq!(span(" 2 H "), Ok(Span::Millis(7_200_000)));
		assert_eq!(span("28800b"), Ok(Span::Blocks(28_800)));
		for bad in ["20", "d", "0d", "20w", "-3d", "1.5d", "99999999999999999999d"] {
			assert!(span(bad).is_err(), "{bad} parsed");
		}
	}

	#[test]
	fn durations_show_in_the_largest_unit_that_divides_them() {
		assert_eq!(show_millis(20 * 86_400_000), "20 d");
		assert_eq!(show_millis(36 * 3_600_000), "36 h");
		assert_eq!(show_millis(90 * 60_000), "90 min");
		assert_eq!(show_millis(60_000), "1 min");
		assert_eq!(show_millis(61_000), "61 s");
		assert_eq!(show_millis(1_500), "1500 ms");
	}

	#[test]
	fn the_storage_key_is_twox_128_of_the_name_in_colons() {
		// frame-support's `parameter_types!` `storage` items: `twox_128(b":" ++ NAME ++ b":")`.
		let p = &PARAMETERS[0];
		assert_eq!(p.storage, "MinTenderNotice");
		assert_eq!(p.key(), sp_crypto_hashing::twox_128(b":MinTenderNotice:"));
		assert!(by_key(&p.key()).is_some_and(|found| found.storage == "MinTenderNotice"));
		assert!(by_key(&[0u8; 16]).is_none());
		// Every parameter has its own key and its own option.
		for (i, a) in PARAMETERS.iter().enumerate() {
			for b in &PARAMETERS[..i] {
				assert_ne!(a.key(), b.key());
				assert_ne!(a.flag, b.flag);
			}
		}
	}

	#[test]
	fn values_convert_to_the_parameters_unit_and_encoding() {
		let notice = &PARAMETERS[0];
		let delay = PARAMETERS.iter().find(|p| p.storage == "ExpertPoolChangeDelay").expect("it");
		let day = 86_400_000;
		assert_eq!(notice.value_of(Span::Millis(20 * day), 3_000).expect("ms"), 20 * day);
		assert!(notice.value_of(Span::Blocks(10), 3_000).is_err());
		assert_eq!(delay.value_of(Span::Millis(day), 3_000).expect("blocks"), 28_800);
		assert_eq!(delay.value_of(Span::Blocks(28_800), 3_000).expect("blocks"), 28_800);
		assert!(delay.value_of(Span::Millis(1_000), 3_000).is_err());
		assert_eq!(notice.encode(5), 5u64.encode());
		assert_eq!(delay.encode(5), 5u32.encode());
		assert_eq!(notice.decode(&notice.encode(20 * day)).expect("decodes"), 20 * day);
		assert_eq!(delay.decode(&delay.encode(28_800)).expect("decodes"), 28_800);
		assert!(notice.decode(&[1, 2, 3]).is_err());
		assert_eq!(delay.show(28_800, 3_000), "28800 blocks (1 d)");
	}
}
