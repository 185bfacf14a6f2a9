//! Export-ABI shim: `cargo run -p datanet-registry --features export-abi` prints the
//! Solidity interface (what `cargo stylus export-abi` runs).
#![cfg_attr(not(any(test, feature = "export-abi")), no_main)]

#[cfg(not(any(test, feature = "export-abi")))]
#[unsafe(no_mangle)]
pub extern "C" fn main() {}

#[cfg(feature = "export-abi")]
fn main() {
    datanet_registry::print_from_args();
}
