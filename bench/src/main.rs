//! Prints the fee-routing storage report (markdown) to stdout.
//!
//! `cargo run -p fee-routing-bench --release > docs/benchmarks/fee_routing_storage.md`
//!
//! Exits non-zero if the storage work differs between contributor counts.

fn main() {
    let (markdown, constant) = fee_routing_bench::report::generate();
    print!("{markdown}");
    if !constant {
        eprintln!("storage work differs between contributor counts");
        std::process::exit(1);
    }
}
