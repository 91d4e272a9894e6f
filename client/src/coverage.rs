//! Every call of our pallets has a command: the table of which `tender` command sends each
//! call, and the tests that hold it to the runtime's metadata (`metadata/tenderchain.scale`)
//! and to the client's command tree.
//!
//! A call the consortium makes is sent as a council motion (`tender consortium propose-…`, the
//! `tender peer-…` motions, `tender credit lift`); the certificate calls authorised by a CA's
//! signature go as unsigned transactions (`tender participant register`, `tender ca revoke`);
//! the recognition of a peer's records is carried by the relayer (`tender relay`).

/// The pallets whose every call must have a command.
pub const PALLETS: [&str; 7] =
	["Consortium", "Certificates", "Tendering", "Notary", "ExpertDraw", "Recognition", "Award"];

/// `Pallet::call` → the commands that send it, the main one first. A command is written as
/// typed, without its values; an option that makes the command send this call (rather than
/// another) follows it (`tender bid commit --replace`).
pub const COMMANDS: &[(&str, &[&str])] = &[
	// The consortium: cities, a city's own keys and nodes, and Root's calls.
	("Consortium::admit_city", &["tender consortium propose-admit"]),
	("Consortium::remove_city", &["tender consortium propose-remove"]),
	("Consortium::rotate_session_keys", &["tender consortium rotate-keys"]),
	("Consortium::replace_peer_id", &["tender consortium replace-peer"]),
	("Consortium::enact", &["tender consortium propose-parameter", "tender peer-propose"]),
	// Certificate authorities, certificates, credit.
	("Certificates::admit_authority", &["tender consortium propose-admit-ca"]),
	("Certificates::remove_authority", &["tender consortium propose-remove-ca"]),
	("Certificates::register_certificate", &["tender participant register"]),
	("Certificates::revoke_certificate", &["tender ca revoke"]),
	("Certificates::revoke_by_consortium", &["tender consortium propose-revoke-certificate"]),
	("Certificates::record_violation", &["tender credit record"]),
	("Certificates::lift_bar", &["tender credit lift"]),
	("Certificates::restore_identity", &["tender consortium propose-restore-identity"]),
	// Tenders, bids, evaluation, award, supervision.
	("Tendering::create_tender", &["tender create", "tender load flood"]),
	("Tendering::amend_tender", &["tender amend"]),
	("Tendering::cancel_tender", &["tender cancel"]),
	("Tendering::commit_bid", &["tender bid commit"]),
	("Tendering::replace_bid", &["tender bid commit --replace"]),
	("Tendering::withdraw_bid", &["tender bid withdraw"]),
	("Tendering::reveal_bid", &["tender bid reveal"]),
	("Tendering::lodge_bids", &["tender bid lodge"]),
	("Tendering::prove_decoys", &["tender bid prove-decoys"]),
	("Tendering::reveal_lodged_bid", &["tender bid reveal"]),
	("Tendering::open_bids", &["tender open"]),
	("Tendering::submit_evaluation", &["tender evaluate"]),
	("Tendering::order_reevaluation", &["tender reevaluate"]),
	("Tendering::finalize_award", &["tender award finalize"]),
	("Tendering::suspend", &["tender supervise suspend"]),
	("Tendering::resume", &["tender supervise resume"]),
	("Tendering::record_finding", &["tender supervise finding"]),
	("Tendering::entrust_agency", &["tender entrust"]),
	("Tendering::withdraw_entrustment", &["tender withdraw-entrustment"]),
	("Tendering::fail_unfillable_tender", &["tender fail-unfillable"]),
	("Tendering::resume_by_council", &["tender consortium propose-resume-tender"]),
	// Notarization.
	("Notary::anchor", &["tender anchor"]),
	("Notary::anchor_batch", &["tender notarize"]),
	// The expert pool, the draw, the committee's seats.
	("ExpertDraw::set_pool_administrator", &["tender consortium propose-pool-administrator"]),
	("ExpertDraw::add_expert", &["tender expert pool-add", "tender expert pool-import"]),
	("ExpertDraw::reuse_entry", &["tender expert pool-reuse"]),
	("ExpertDraw::set_availability", &["tender expert pool-availability"]),
	("ExpertDraw::strike_expert", &["tender expert pool-strike"]),
	("ExpertDraw::set_draw_key", &["tender draw set-key"]),
	("ExpertDraw::request_draw", &["tender draw request"]),
	("ExpertDraw::contribute", &["tender draw contribute"]),
	("ExpertDraw::take_seat", &["tender expert take-seat"]),
	("ExpertDraw::request_replacement", &["tender draw replace"]),
	("ExpertDraw::decline_seat", &["tender expert decline"]),
	("ExpertDraw::recuse", &["tender expert recuse"]),
	("ExpertDraw::remove_expert", &["tender draw remove-expert"]),
	("ExpertDraw::order_replacement", &["tender draw order-replacement"]),
	// Peer provinces.
	("Recognition::register_peer", &["tender peer-propose"]),
	("Recognition::remove_peer", &["tender peer-remove"]),
	("Recognition::recognise_bar", &["tender relay --bar"]),
	("Recognition::recognise_anchor", &["tender relay --document"]),
	("Recognition::disregard_bar", &["tender peer-disregard-bar"]),
	("Recognition::recognise_authority", &["tender peer-ca"]),
	("Recognition::disregard_authority", &["tender peer-ca --disregard"]),
	("Recognition::recognise_certificate", &["tender relay --certificate"]),
	("Recognition::withdraw_certificate", &["tender peer-withdraw"]),
	// Objections, complaints, the award notice and the contract.
	("Award::file_objection", &["tender objection file"]),
	("Award::answer_objection", &["tender objection answer"]),
	("Award::mark_objection_lapsed", &["tender objection lapse"]),
	("Award::file_complaint", &["tender complaint file"]),
	("Award::accept_complaint", &["tender complaint accept"]),
	("Award::decide_complaint", &["tender complaint decide"]),
	("Award::issue_award_notice", &["tender award notify"]),
	("Award::decline_award", &["tender award decline"]),
	("Award::sign_contract", &["tender contract sign"]),
	("Award::lapse_notice", &["tender award lapse"]),
];

#[cfg(test)]
mod tests {
	use std::{collections::BTreeSet, path::Path};

	use clap::CommandFactory;
	use subxt::{ext::codec::Decode, metadata::Metadata};

	use super::*;
	use crate::parameters::{Unit, PARAMETERS};

	/// The client's metadata of the runtime.
	fn metadata() -> Metadata {
		let bytes =
			std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/metadata/tenderchain.scale"))
				.expect("metadata/tenderchain.scale");
		Metadata::decode(&mut &bytes[..]).expect("the metadata decodes")
	}

	/// Every call of [`PALLETS`] in the metadata, as `Pallet::call`.
	fn metadata_calls(metadata: &Metadata) -> BTreeSet<String> {
		let mut calls = BTreeSet::new();
		for name in PALLETS {
			let pallet = metadata
				.pallet_by_name(name)
				.unwrap_or_else(|| panic!("the runtime has no pallet {name}"));
			for call in pallet.call_variants().unwrap_or_default() {
				calls.insert(format!("{name}::{}", call.name));
			}
		}
		calls
	}

	/// Finds the command `path` (`tender bid commit --replace`) in the client's command tree:
	/// each word a subcommand of the one before, each `--option` an option of the last.
	fn find_command(path: &str) -> Result<(), String> {
		let mut words = path.split_whitespace();
		if words.next() != Some("tender") {
			return Err(format!("'{path}' does not start with `tender`"));
		}
		let root = crate::Cli::command();
		let mut command = &root;
		for word in words {
			match word.strip_prefix("--") {
				Some(option) => {
					if !command.get_arguments().any(|a| a.get_long() == Some(option)) {
						return Err(format!(
							"`{}` has no option --{option} (in '{path}')",
							command.get_name()
						));
					}
				},
				None => {
					command = command.find_subcommand(word).ok_or_else(|| {
						format!("`{}` has no subcommand `{word}` (in '{path}')", command.get_name())
					})?;
				},
			}
		}
		if command.has_subcommands() {
			return Err(format!("'{path}' names a command family, not a command"));
		}
		Ok(())
	}

	/// (a) Every call of our pallets in the metadata has a command, and the table names no call
	/// the runtime does not have.
	#[test]
	fn every_call_of_our_pallets_has_a_command() {
		let calls = metadata_calls(&metadata());
		let table: BTreeSet<String> = COMMANDS.iter().map(|(call, _)| call.to_string()).collect();
		assert_eq!(table.len(), COMMANDS.len(), "a call is listed twice in COMMANDS");
		let missing: Vec<&String> = calls.difference(&table).collect();
		assert!(
			missing.is_empty(),
			"calls in the metadata without a command (add one, and a row to coverage::COMMANDS): \
			 {missing:?}"
		);
		let stale: Vec<&String> = table.difference(&calls).collect();
		assert!(stale.is_empty(), "COMMANDS lists calls the runtime does not have: {stale:?}");
		for (call, paths) in COMMANDS {
			assert!(!paths.is_empty(), "{call} lists no command");
		}
	}

	/// (b) Every command the table names exists in `tender`'s command tree.
	#[test]
	fn every_command_in_the_table_exists() {
		crate::Cli::command().debug_assert();
		let errors: Vec<String> = COMMANDS
			.iter()
			.flat_map(|(_, paths)| paths.iter())
			.filter_map(|path| find_command(path).err())
			.collect();
		assert!(
			errors.is_empty(),
			"commands in coverage::COMMANDS that `tender` lacks: {errors:#?}"
		);
		// The check itself finds what is missing.
		assert!(find_command("tender bid commit").is_ok());
		assert!(find_command("tender bid no-such-command").is_err());
		assert!(find_command("tender bid").is_err());
		assert!(find_command("tender bid commit --no-such-option").is_err());
	}

	/// Every call is built somewhere in the client's source: by the generated transaction API
	/// (`.call(`), as a call variant (`call {`, in a motion), or by name (`"call"`).
	#[test]
	fn every_call_is_built_in_the_client() {
		fn sources(dir: &Path, out: &mut String) {
			for entry in std::fs::read_dir(dir).expect("the source directory") {
				let path = entry.expect("an entry").path();
				if path.is_dir() {
					sources(&path, out);
				} else if path.extension().is_some_and(|e| e == "rs")
					&& path.file_name().is_some_and(|n| n != "coverage.rs")
				{
					out.push_str(&std::fs::read_to_string(&path).expect("a source file"));
				}
			}
		}
		let mut text = String::new();
		sources(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut text);
		let unbuilt: Vec<&str> = COMMANDS
			.iter()
			.map(|(call, _)| *call)
			.filter(|call| {
				let name = call.rsplit("::").next().expect("a name");
				![format!(".{name}("), format!("{name} {{"), format!("\"{name}\"")]
					.iter()
					.any(|pattern| text.contains(pattern.as_str()))
			})
			.collect();
		assert!(unbuilt.is_empty(), "calls no client source builds: {unbuilt:?}");
	}

	/// Every stored parameter has its option on `tender consortium propose-parameter`, and is a
	/// constant of its pallet in the metadata of its width (u64 ms, u32 blocks).
	#[test]
	fn every_stored_parameter_has_an_option_and_a_constant() {
		let metadata = metadata();
		for p in &PARAMETERS {
			find_command(&format!("tender consortium propose-parameter --{}", p.flag))
				.unwrap_or_else(|e| panic!("{}: {e}", p.storage));
			let (pallet, name) = p.constant;
			let constant = metadata
				.pallet_by_name(pallet)
				.and_then(|m| m.constant_by_name(name))
				.unwrap_or_else(|| panic!("{} is not the constant {pallet}::{name}", p.storage));
			let width = if p.unit == Unit::Millis { 8 } else { 4 };
			assert_eq!(constant.value().len(), width, "{pallet}::{name} ({})", p.storage);
		}
		let aura = metadata.pallet_by_name("Aura").and_then(|m| m.constant_by_name("SlotDuration"));
		assert!(aura.is_some_and(|c| c.value().len() == 8), "Aura::SlotDuration, a u64");
		// The options of propose-parameter are the parameters, no more.
		let root = crate::Cli::command();
		let command = root
			.find_subcommand("consortium")
			.and_then(|c| c.find_subcommand("propose-parameter"))
			.expect("tender consortium propose-parameter");
		let options: BTreeSet<&str> = command
			.get_arguments()
			.filter(|a| !a.is_global_set())
			.filter_map(|a| a.get_long())
			.filter(|long| *long != "help")
			.collect();
		let flags: BTreeSet<&str> = PARAMETERS.iter().map(|p| p.flag).collect();
		assert_eq!(options, flags);
	}

	/// A motion of `propose-parameter` sets each parameter's 16-byte key to its SCALE value,
	/// through `Consortium::enact` of `System::set_storage`, at the call indexes the runtime
	/// has.
	#[test]
	fn a_parameter_motion_sets_the_parameters_key() {
		use subxt::ext::codec::Encode;
		let notice = &PARAMETERS[0];
		// The value is the parameter's SCALE encoding, under its own key.
		assert_eq!(notice.encode(20 * 86_400_000), (20u64 * 86_400_000).encode());
		assert_eq!(notice.key().len(), 16);
		let metadata = metadata();
		let index = |pallet: &str, call: &str| {
			metadata
				.pallet_by_name(pallet)
				.and_then(|p| p.call_variant_by_name(call).map(|v| (p.call_index(), v.index)))
				.unwrap_or_else(|| panic!("{pallet}::{call}"))
		};
		assert_eq!(index("Consortium", "enact"), (10, 4));
		assert_eq!(index("System", "set_storage"), (0, 4));
	}
}
