//! The client's API is generated from the runtime metadata by a macro, which cargo does not
//! watch: rebuild the client whenever `scripts/export-chain-spec.sh` rewrites the metadata.
fn main() {
	println!("cargo:rerun-if-changed=metadata/tenderchain.scale");
}
