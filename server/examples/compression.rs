//! The memory a response's compression takes, for `end2end/bench/compression.sh`: each file
//! given (a page as Cupola serves it, uncompressed) is compressed the ways Cupola compresses and
//! used to compress, and the heap's peak during each compression is measured with dhat's
//! allocator (bytes asked of the allocator, not resident pages), with the compressed size.
//!
//!   cargo run --release --example compression -- FILE…
//!
//! Rows: gzip at level 4 (pages made per request, tower-http) and 6 (prepared bytes); brotli at
//! quality 4 with brotli's default window (pages made per request until December 2026), and at
//! qualities 6 (prepared bytes made at run time) and 11 (static files), with the default window
//! and with the window Cupola now fits to the body (`assets::brotli_window`).

use std::io::Write;

use server::assets::{Effort, brotli, brotli_window};

#[global_allocator]
static ALLOC: dhat::Alloc = dhat::Alloc;

/// The heap's peak while `f` runs, above what was live before it, and what it returned.
fn peak<T>(f: impl FnOnce() -> T) -> (usize, T) {
    let _profiler = dhat::Profiler::builder().testing().build();
    let before = dhat::HeapStats::get().curr_bytes;
    let out = f();
    (dhat::HeapStats::get().max_bytes.saturating_sub(before), out)
}

fn gzip(body: &[u8], level: u32) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::new(level));
    encoder.write_all(body).expect("into memory");
    encoder.finish().expect("into memory")
}

fn brotli_default_window(body: &[u8], quality: i32) -> Vec<u8> {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &body[..], &mut out, &params).expect("into memory");
    out
}

fn main() -> anyhow::Result<()> {
    println!("| page | bytes | how | window | compressed | heap's peak |");
    println!("|---|---|---|---|---|---|");
    for path in std::env::args().skip(1) {
        let body = std::fs::read(&path)?;
        let name = std::path::Path::new(&path)
            .file_name()
            .map_or(path.clone(), |n| n.to_string_lossy().into_owned());
        let fitted = format!(
            "{} KB (fitted)",
            (1_usize << brotli_window(body.len())) / 1024
        );
        let row = |how: &str, window: &str, (peak, out): (usize, Vec<u8>)| {
            println!(
                "| {name} | {} | {how} | {window} | {} | {:.1} MB |",
                body.len(),
                out.len(),
                peak as f64 / 1_048_576.0
            );
        };
        row("gzip 4", "32 KB", peak(|| gzip(&body, 4)));
        row("gzip 6", "32 KB", peak(|| gzip(&body, 6)));
        let default = "4 MB (default)";
        row(
            "brotli 4",
            default,
            peak(|| brotli_default_window(&body, 4)),
        );
        row(
            "brotli 6",
            default,
            peak(|| brotli_default_window(&body, 6)),
        );
        row("brotli 6", &fitted, peak(|| brotli(&body, Effort::Fast)));
        row(
            "brotli 11",
            default,
            peak(|| brotli_default_window(&body, 11)),
        );
        row("brotli 11", &fitted, peak(|| brotli(&body, Effort::Best)));
    }
    Ok(())
}
