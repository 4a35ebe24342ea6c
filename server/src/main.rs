use clap::Parser;

/// mimalloc: glibc's malloc and free were a fifth of the time spent serving a cached page.
/// `--features system-allocator` keeps glibc's, for heap profilers that see only its malloc
/// (`heaptrack`).
#[cfg(not(feature = "system-allocator"))]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    server::telemetry::init();
    let cli = server::cli::Cli::parse();
    match server::cli::run(cli).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(err) => {
            tracing::error!(error = format!("{err:#}"), "cupola stopped");
            eprintln!("cupola: {err:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
