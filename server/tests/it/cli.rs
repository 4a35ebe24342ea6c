//! The `cupola` binary itself: migrate, seed, demo prescriptions, and a real start and stop.

use std::io::{BufRead, BufReader, Read};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use app::domain::{FiscalCode, Nre};

use crate::common::TestDb;
use crate::on_both_backends;

fn cupola(database_url: &str, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_cupola"))
        .args(args)
        .env("DATABASE_URL", database_url)
        .env("RUST_LOG", "info")
        .output()
        .expect("run cupola")
}

fn csv_rows(stdout: &[u8]) -> Vec<Vec<String>> {
    let text = String::from_utf8_lossy(stdout);
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("fiscal_code,nre,service_code,priority"));
    lines
        .map(|l| l.split(',').map(str::to_owned).collect())
        .collect()
}

on_both_backends! {
    async fn migrating_twice_is_harmless(backend) {
        let t = TestDb::new(backend).await;
        for _ in 0..2 {
            let out = cupola(&t.url, &["migrate"]);
            assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        }
    }

    async fn demo_prescriptions_are_unbooked_valid_and_filtered(backend) {
        let t = TestDb::seeded(backend).await;
        let out = cupola(&t.url, &["demo", "prescriptions", "--count", "5"]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let rows = csv_rows(&out.stdout);
        assert_eq!(rows.len(), 5);
        for row in &rows {
            assert!(FiscalCode::parse(&row[0]).is_ok());
            assert!(Nre::parse(&row[1]).is_ok());
            assert!(!row[1].starts_with("090A"), "the README's cast is never handed out");
        }

        // More than exist for one service and class: the rest are created.
        let out = cupola(&t.url, &["demo", "prescriptions", "--count", "80", "--service", "89.7A.3", "--priority", "d"]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let rows = csv_rows(&out.stdout);
        assert_eq!(rows.len(), 80);
        assert!(rows.iter().all(|r| r[2] == "89.7A.3" && r[3] == "D"));
        let unique: std::collections::HashSet<&String> = rows.iter().map(|r| &r[1]).collect();
        assert_eq!(unique.len(), 80);

        let bad = cupola(&t.url, &["demo", "prescriptions", "--count", "1", "--service", "00.00"]);
        assert!(!bad.status.success());
        assert!(String::from_utf8_lossy(&bad.stderr).contains("no service with code 00.00"));
    }
}

/// The README's promise: a fresh start creates, migrates and seeds the database, serves, logs no
/// personal codes, and stops cleanly on SIGTERM.
#[test]
fn a_first_start_serves_the_demo_region_and_stops_cleanly_on_sigterm() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let url = format!("sqlite://{}", dir.path().join("fresh.db").display());
    let mut child = Command::new(env!("CARGO_BIN_EXE_cupola"))
        .env("DATABASE_URL", &url)
        .env("CUPOLA_ADDR", "127.0.0.1:0")
        .env("RUST_LOG", "info")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start cupola");
    let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
    let mut line = String::new();
    stdout.read_line(&mut line).expect("read the first line");
    let base = line
        .trim()
        .strip_prefix("Cupola listening on ")
        .unwrap_or_else(|| panic!("unexpected first line: {line}"))
        .to_owned();

    // Personal codes in the URL must not reach the logs.
    let secrets = ["RSSMRA48C55D612S", "090A00000000101", "RPA2GM2N9M"];
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    rt.block_on(async {
        let client = reqwest::Client::new();
        assert_eq!(
            client
                .get(format!("{base}/"))
                .send()
                .await
                .expect("home")
                .status(),
            200
        );
        for secret in secrets {
            client
                .get(format!("{base}/prestazioni?q={secret}"))
                .send()
                .await
                .expect("search");
            client
                .get(format!("{base}/prenotazioni/{secret}"))
                .send()
                .await
                .expect("404");
        }
    });

    let pid = child.id().to_string();
    let killed = Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .expect("kill");
    assert!(killed.success());
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        assert!(
            started.elapsed() < Duration::from_secs(15),
            "did not stop on SIGTERM"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "exit status {status}");
    let mut logs = String::new();
    child
        .stderr
        .take()
        .expect("stderr")
        .read_to_string(&mut logs)
        .expect("logs");
    assert!(logs.contains("request"), "no request log lines:\n{logs}");
    assert!(logs.contains("shut down"));
    for secret in secrets {
        assert!(
            !logs.contains(secret),
            "a personal code reached the logs:\n{logs}"
        );
    }
}
