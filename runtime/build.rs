//! Compiles the runtime to wasm with substrate-wasm-builder when the `std` feature is on.

fn main() {
	#[cfg(feature = "std")]
	substrate_wasm_builder::WasmBuilder::build_using_defaults();
}
