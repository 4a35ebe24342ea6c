//! Load generator for `end2end/bench/load.sh`: a separate process that drives a running Cupola
//! and records the latency and status of every request it sends.
//!
//! ```sh
//! cargo run --release --example load -- --base http://127.0.0.1:3000 slots --prescriptions rx.csv --out jobs.csv
//! cargo run --release --example load -- --base … book --jobs jobs.csv --clients 128 --seconds 15
//! cargo run --release --example load -- --base … citizens --prescriptions rx.csv --clients 16 --operators 8
//! ```
//!
//! It prints Markdown tables for people and `@ key=value` lines for the script.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use clap::{Parser, Subcommand};
use reqwest::Client;
use reqwest::redirect::Policy;
use serde::Deserialize;

#[derive(Parser)]
#[command(about = "Load generator for end2end/bench/load.sh")]
struct Cli {
    /// Cupola's base URL.
    #[arg(long, default_value = "http://127.0.0.1:3000", global = true)]
    base: String,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Finds a distinct free slot of its service for every prescription (CSV of `cupola demo
    /// prescriptions`) by paging through /api/v1/availability; writes `fiscal_code,nre,slot_id`.
    Slots {
        #[arg(long)]
        prescriptions: PathBuf,
        #[arg(long)]
        out: PathBuf,
    },
    /// POST /api/v1/bookings from `clients` concurrent clients, each job once, for `seconds`.
    Book {
        #[arg(long)]
        jobs: PathBuf,
        #[arg(long, default_value_t = 128)]
        clients: usize,
        #[arg(long, default_value_t = 15.0)]
        seconds: f64,
    },
    /// Open loop: POST /api/v1/bookings at a constant arrival rate, whatever the answers (each
    /// request sent at its scheduled moment; its latency counted from that moment), with
    /// operators measured from another process (`citizens --clients 0 --operators N`: in this
    /// one they would wait behind its tasks). A shed or failed job goes back to the pool, so the
    /// jobs last; goodput is bookings confirmed (201) per second.
    Open {
        #[arg(long)]
        jobs: PathBuf,
        /// Requests per second offered.
        #[arg(long)]
        rate: f64,
        #[arg(long, default_value_t = 10.0)]
        seconds: f64,
        /// Where to write the jobs not booked (untried, shed or failed), for the next run.
        #[arg(long)]
        left: Option<PathBuf>,
    },
    /// Virtual citizens on the booking pages (closed loop), and operators beside them.
    Citizens {
        #[arg(long)]
        prescriptions: PathBuf,
        #[arg(long)]
        clients: usize,
        #[arg(long, default_value_t = 15.0)]
        seconds: f64,
        /// Operators working at the same time (0: none).
        #[arg(long, default_value_t = 0)]
        operators: usize,
        #[arg(
            long,
            value_delimiter = ',',
            default_value = "89.7A.3,95.02,88.76.1,87.37.1"
        )]
        operator_services: Vec<String>,
        /// An operator's pause between two pages.
        #[arg(long, default_value_t = 0)]
        operator_pause_ms: u64,
        /// A citizen's pause after a shed answer (503) before trying again.
        #[arg(long, default_value_t = 0)]
        shed_pause_ms: u64,
        /// Dates asked for: from tomorrow to this many days ahead.
        #[arg(long, default_value_t = 180)]
        days: u64,
    },
}

/// One answered (or failed) request: when it ended, how long it took, its status (0: no answer).
#[derive(Clone, Copy)]
struct Sample {
    end: Duration,
    took: Duration,
    status: u16,
}

fn class(status: u16) -> &'static str {
    match status {
        0 => "error",
        200..=299 => "2xx",
        300..=399 => "3xx",
        400..=499 => "4xx",
        503 => "503",
        _ => "5xx",
    }
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1].as_secs_f64() * 1000.0
}

/// Prints one Markdown row per status class and the same figures as `@` lines.
fn report(group: &str, samples: &[Sample], elapsed: f64) {
    let mut by_class: BTreeMap<&str, Vec<Duration>> = BTreeMap::new();
    let mut by_status: BTreeMap<u16, usize> = BTreeMap::new();
    for s in samples {
        by_class.entry(class(s.status)).or_default().push(s.took);
        *by_status.entry(s.status).or_default() += 1;
    }
    for (class, mut took) in by_class {
        took.sort_unstable();
        let (p50, p90, p99, max) = (
            percentile(&took, 50.0),
            percentile(&took, 90.0),
            percentile(&took, 99.0),
            percentile(&took, 100.0),
        );
        let per_s = took.len() as f64 / elapsed;
        println!(
            "| {group} | {class} | {} | {per_s:.1} | {p50:.2} | {p90:.2} | {p99:.2} | {max:.2} |",
            took.len()
        );
        println!("@ {group}.{class}.count={}", took.len());
        println!("@ {group}.{class}.per_s={per_s:.1}");
        println!("@ {group}.{class}.p50_ms={p50:.2}");
        println!("@ {group}.{class}.p90_ms={p90:.2}");
        println!("@ {group}.{class}.p99_ms={p99:.2}");
        println!("@ {group}.{class}.max_ms={max:.2}");
    }
    let statuses: Vec<String> = by_status.iter().map(|(s, n)| format!("{s}:{n}")).collect();
    println!("@ {group}.statuses={}", statuses.join(","));
    println!("@ {group}.requests={}", samples.len());
}

fn table_header() {
    println!("| who | status | requests | per s | p50 ms | p90 ms | p99 ms | max ms |");
    println!("|---|---|---|---|---|---|---|---|");
}

fn median(mut values: Vec<usize>) -> f64 {
    if values.is_empty() {
        return 0.0;
    }
    values.sort_unstable();
    let n = values.len();
    if n % 2 == 1 {
        values[n / 2] as f64
    } else {
        (values[n / 2 - 1] + values[n / 2]) as f64 / 2.0
    }
}

/// Sends one request and reads the whole body (so the time is the full answer's).
async fn timed(started: Instant, request: reqwest::RequestBuilder) -> (Sample, String) {
    let t0 = Instant::now();
    let (status, body) = match request.send().await {
        Ok(response) => {
            let status = response.status().as_u16();
            match response.text().await {
                Ok(body) => (status, body),
                Err(_) => (0, String::new()),
            }
        }
        Err(_) => (0, String::new()),
    };
    let sample = Sample {
        end: started.elapsed(),
        took: t0.elapsed(),
        status,
    };
    (sample, body)
}

#[derive(Debug, Deserialize)]
struct Prescription {
    fiscal_code: String,
    nre: String,
    service_code: String,
}

fn read_prescriptions(path: &PathBuf) -> anyhow::Result<Vec<Prescription>> {
    let mut reader = csv::Reader::from_path(path).with_context(|| format!("{path:?}"))?;
    let rows = reader
        .deserialize()
        .collect::<Result<Vec<Prescription>, _>>()?;
    if rows.is_empty() {
        bail!("no prescriptions in {path:?}");
    }
    Ok(rows)
}

#[derive(Clone, Debug, Deserialize, serde::Serialize)]
struct Job {
    fiscal_code: String,
    nre: String,
    slot_id: i64,
}

#[derive(Deserialize)]
struct SlotPage {
    slots: Vec<SlotId>,
    next: Option<String>,
}

#[derive(Deserialize)]
struct SlotId {
    slot_id: i64,
}

/// Pages through a service's free slots until `wanted` are found (or there are no more).
async fn free_slots(
    client: &Client,
    base: &str,
    service: &str,
    wanted: usize,
) -> anyhow::Result<Vec<i64>> {
    let mut found = Vec::with_capacity(wanted);
    let mut after: Option<String> = None;
    while found.len() < wanted {
        let mut query = vec![("service", service.to_owned()), ("limit", "50".to_owned())];
        if let Some(cursor) = &after {
            query.push(("after", cursor.clone()));
        }
        let mut response = client
            .get(format!("{base}/api/v1/availability"))
            .query(&query)
            .send()
            .await?;
        // Shed while other services are being read: wait a little and ask again.
        while response.status() == reqwest::StatusCode::SERVICE_UNAVAILABLE {
            tokio::time::sleep(Duration::from_millis(50)).await;
            response = client
                .get(format!("{base}/api/v1/availability"))
                .query(&query)
                .send()
                .await?;
        }
        if !response.status().is_success() {
            bail!("availability of {service}: {}", response.status());
        }
        let page: SlotPage = response.json().await?;
        found.extend(page.slots.iter().map(|s| s.slot_id));
        match page.next {
            Some(next) => after = Some(next),
            None => break,
        }
    }
    found.truncate(wanted);
    Ok(found)
}

async fn slots(base: &str, prescriptions: &PathBuf, out: &PathBuf) -> anyhow::Result<()> {
    let rows = read_prescriptions(prescriptions)?;
    let mut by_service: HashMap<String, Vec<Prescription>> = HashMap::new();
    for row in rows {
        by_service
            .entry(row.service_code.clone())
            .or_default()
            .push(row);
    }
    let client = Client::new();
    // One task per service: the pages of one service follow each other (keyset cursor).
    let tasks = by_service.into_iter().map(|(service, rows)| {
        let (client, base) = (client.clone(), base.to_owned());
        tokio::spawn(async move {
            let slots = free_slots(&client, &base, &service, rows.len()).await?;
            println!("@ slots.{service}={}/{}", slots.len(), rows.len());
            anyhow::Ok(
                rows.into_iter()
                    .zip(slots)
                    .map(|(rx, slot_id)| Job {
                        fiscal_code: rx.fiscal_code,
                        nre: rx.nre,
                        slot_id,
                    })
                    .collect::<Vec<Job>>(),
            )
        })
    });
    let mut writer = csv::Writer::from_path(out)?;
    let mut total = 0;
    for task in futures::future::join_all(tasks).await {
        for job in task?? {
            writer.serialize(&job)?;
            total += 1;
        }
    }
    writer.flush()?;
    println!("@ slots.jobs={total}");
    Ok(())
}

async fn book(base: &str, jobs: &PathBuf, clients: usize, seconds: f64) -> anyhow::Result<()> {
    let mut reader = csv::Reader::from_path(jobs)?;
    let jobs: Arc<Vec<Job>> = Arc::new(reader.deserialize().collect::<Result<_, _>>()?);
    // One client shared by all: a pool of kept-alive connections, one per concurrent request.
    let client = Client::builder()
        .pool_max_idle_per_host(clients)
        .timeout(Duration::from_secs(30))
        .build()?;
    let next = Arc::new(AtomicUsize::new(0));
    let deadline = Duration::from_secs_f64(seconds);
    let started = Instant::now();
    let url = format!("{base}/api/v1/bookings");
    let tasks = (0..clients).map(|_| {
        let (client, jobs, next, url) = (client.clone(), jobs.clone(), next.clone(), url.clone());
        tokio::spawn(async move {
            let mut samples = Vec::new();
            while started.elapsed() < deadline {
                let Some(job) = jobs.get(next.fetch_add(1, Ordering::Relaxed)) else {
                    break;
                };
                let (sample, _) = timed(started, client.post(&url).json(job)).await;
                samples.push(sample);
            }
            samples
        })
    });
    let mut samples = Vec::new();
    for task in futures::future::join_all(tasks).await {
        samples.extend(task?);
    }
    let elapsed = started.elapsed().as_secs_f64();
    let created: Vec<&Sample> = samples.iter().filter(|s| s.status == 201).collect();
    // Bookings confirmed in each whole second of the run (the last, partial second left out).
    let mut per_second = vec![0usize; elapsed.floor().max(1.0) as usize];
    for s in &created {
        if let Some(slot) = per_second.get_mut(s.end.as_secs() as usize) {
            *slot += 1;
        }
    }
    table_header();
    report("bookings", &samples, elapsed);
    println!();
    println!(
        "Bookings confirmed (201) per second: {}",
        per_second
            .iter()
            .map(|n| n.to_string())
            .collect::<Vec<_>>()
            .join(" ")
    );
    println!("@ book.created={}", created.len());
    println!("@ book.seconds={elapsed:.2}");
    println!("@ book.total_per_s={:.0}", created.len() as f64 / elapsed);
    println!("@ book.median_per_s={:.0}", median(per_second));
    println!(
        "@ book.jobs_left={}",
        jobs.len().saturating_sub(next.load(Ordering::Relaxed))
    );
    println!("@ book.clients={clients}");
    Ok(())
}

async fn open(
    base: &str,
    jobs: &PathBuf,
    rate: f64,
    seconds: f64,
    left: Option<PathBuf>,
) -> anyhow::Result<()> {
    let mut reader = csv::Reader::from_path(jobs)?;
    let all: Vec<Job> = reader.deserialize().collect::<Result<_, _>>()?;
    if all.is_empty() {
        bail!("no jobs in {jobs:?}");
    }
    let all = Arc::new(all);
    let pool: std::collections::VecDeque<Job> = all.iter().cloned().collect();
    let pool = Arc::new(std::sync::Mutex::new(pool));
    let client = Client::builder()
        .pool_max_idle_per_host(1024)
        .timeout(Duration::from_secs(30))
        .build()?;
    let deadline = Duration::from_secs_f64(seconds);
    let url = format!("{base}/api/v1/bookings");
    let started = Instant::now();
    let interval = Duration::from_secs_f64(1.0 / rate.max(0.001));
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<Sample>();
    let mut sent = 0u64;
    let mut late = Duration::ZERO;
    let mut empty = 0u64;
    loop {
        let scheduled = interval.mul_f64(sent as f64);
        if scheduled >= deadline {
            break;
        }
        tokio::time::sleep_until((started + scheduled).into()).await;
        late = late.max(started.elapsed().saturating_sub(scheduled));
        sent += 1;
        let job = pool
            .lock()
            .map_err(|_| anyhow::anyhow!("pool"))?
            .pop_front();
        // Every job in flight or booked: one tried before is sent again (a 409 or a shed
        // answer), so that the rate offered stays the rate asked for.
        let job = job.unwrap_or_else(|| {
            empty += 1;
            all[sent as usize % all.len()].clone()
        });
        let (client, url, pool, tx) = (client.clone(), url.clone(), pool.clone(), tx.clone());
        tokio::spawn(async move {
            let (status, end) = match client.post(&url).json(&job).send().await {
                Ok(response) => {
                    let status = response.status().as_u16();
                    let ok = response.bytes().await.is_ok();
                    (if ok { status } else { 0 }, started.elapsed())
                }
                Err(_) => (0, started.elapsed()),
            };
            // Not booked (shed, failed): the job may be tried again later.
            if status != 201
                && status != 409
                && let Ok(mut pool) = pool.lock()
            {
                pool.push_back(job);
            }
            let _ = tx.send(Sample {
                end,
                took: end.saturating_sub(scheduled),
                status,
            });
        });
    }
    drop(tx);
    let mut samples = Vec::new();
    while let Some(sample) = rx.recv().await {
        samples.push(sample);
    }
    if let Some(left) = left {
        let mut writer = csv::Writer::from_path(left)?;
        for job in pool.lock().map_err(|_| anyhow::anyhow!("pool"))?.iter() {
            writer.serialize(job)?;
        }
        writer.flush()?;
    }
    let elapsed = seconds;
    table_header();
    report("bookings", &samples, elapsed);
    let created = samples.iter().filter(|s| s.status == 201).count();
    println!("@ open.rate={rate:.0}");
    println!("@ open.sent={sent}");
    println!("@ open.sent_again={empty}");
    println!(
        "@ open.sender_late_max_ms={:.1}",
        late.as_secs_f64() * 1000.0
    );
    println!("@ open.created={created}");
    println!("@ open.goodput_per_s={:.1}", created as f64 / elapsed);
    Ok(())
}

/// A client of its own per person: its own cookies (pass, admission) and its own connection.
fn person() -> anyhow::Result<Client> {
    Ok(Client::builder()
        .cookie_store(true)
        .redirect(Policy::none())
        .timeout(Duration::from_secs(30))
        .build()?)
}

/// What browsers send: Cupola then compresses its pages as it would for them.
const ACCEPT_ENCODING: &str = "gzip, br";

/// A virtual citizen: proves a prescription once (again whenever the pass is refused), then looks
/// at its free slots from ever different dates, as fast as the answers come back.
async fn citizen(
    base: String,
    rx: Arc<Prescription>,
    started: Instant,
    deadline: Duration,
    days: u64,
    shed_pause: Duration,
) -> anyhow::Result<Vec<Sample>> {
    let client = person()?;
    let mut samples = Vec::new();
    let mut signed_in = false;
    let today = chrono::Utc::now().date_naive();
    while started.elapsed() < deadline {
        if !signed_in {
            let request = client
                .post(format!("{base}/prenota"))
                .header("Origin", &base)
                .header("Accept-Encoding", ACCEPT_ENCODING)
                .form(&[("codice_fiscale", &rx.fiscal_code), ("nre", &rx.nre)]);
            let (sample, _) = timed(started, request).await;
            // 303 to the slots: in. 503: shed, try again. Anything else is the waiting room or
            // a refusal: counted, and tried again.
            signed_in = sample.status == 303;
            samples.push(sample);
            if sample.status == 503 && !shed_pause.is_zero() {
                tokio::time::sleep(shed_pause).await;
            }
            continue;
        }
        let day = today + chrono::Days::new(1 + rand::random_range(0..days));
        let request = client
            .get(format!("{base}/prenota/disponibilita"))
            .query(&[("dal", day.format("%d/%m/%Y").to_string())])
            .header("Accept-Encoding", ACCEPT_ENCODING);
        let (sample, _) = timed(started, request).await;
        // A redirect here means the pass was not accepted: prove the prescription again.
        if (300..400).contains(&sample.status) {
            signed_in = false;
        }
        samples.push(sample);
        if sample.status == 503 && !shed_pause.is_zero() {
            tokio::time::sleep(shed_pause).await;
        }
    }
    Ok(samples)
}

/// The hidden `csrf` field of the sign-in form.
fn csrf_of(html: &str) -> Option<String> {
    let field = html.find("name=\"csrf\"")?;
    let tag_start = html[..field].rfind('<')?;
    let tag = &html[tag_start..tag_start + html[tag_start..].find('>')?];
    let value = tag.find("value=\"")? + "value=\"".len();
    Some(tag[value..value + tag[value..].find('"')?].to_owned())
}

/// An operator: signs in, then asks for the free slots of one service after another.
async fn operator(
    base: String,
    n: usize,
    services: Arc<Vec<String>>,
    started: Instant,
    deadline: Duration,
    pause: Duration,
) -> anyhow::Result<(bool, Vec<Sample>)> {
    let client = person()?;
    let account = n % 2 + 1;
    let mut signed_in = false;
    for _ in 0..5 {
        let form = client
            .get(format!("{base}/operatore/accesso"))
            .send()
            .await?;
        if form.status() != 200 {
            continue;
        }
        let Some(csrf) = csrf_of(&form.text().await?) else {
            continue;
        };
        let (username, password) = (
            format!("operatore{account}"),
            format!("cupola-operatore-{account}"),
        );
        let answer = client
            .post(format!("{base}/operatore/accesso"))
            .header("Origin", &base)
            .form(&[
                ("username", username.as_str()),
                ("password", password.as_str()),
                ("csrf", csrf.as_str()),
            ])
            .send()
            .await?;
        if answer.status() == 303 {
            signed_in = true;
            break;
        }
    }
    let mut samples = Vec::new();
    let mut i = n;
    while signed_in && started.elapsed() < deadline {
        let service = &services[i % services.len()];
        i += 1;
        let request = client
            .get(format!("{base}/operatore/disponibilita"))
            .query(&[("servizio", service)])
            .header("Accept-Encoding", ACCEPT_ENCODING);
        let (sample, _) = timed(started, request).await;
        samples.push(sample);
        if !pause.is_zero() {
            tokio::time::sleep(pause).await;
        }
    }
    Ok((signed_in, samples))
}

#[allow(clippy::too_many_arguments)]
async fn citizens(
    base: &str,
    prescriptions: &PathBuf,
    clients: usize,
    seconds: f64,
    operators: usize,
    operator_services: Vec<String>,
    operator_pause_ms: u64,
    shed_pause_ms: u64,
    days: u64,
) -> anyhow::Result<()> {
    let rows: Vec<Arc<Prescription>> = read_prescriptions(prescriptions)?
        .into_iter()
        .map(Arc::new)
        .collect();
    let deadline = Duration::from_secs_f64(seconds);
    let started = Instant::now();
    let citizen_tasks: Vec<_> = (0..clients)
        .map(|i| {
            let rx = rows[i % rows.len()].clone();
            tokio::spawn(citizen(
                base.to_owned(),
                rx,
                started,
                deadline,
                days.max(1),
                Duration::from_millis(shed_pause_ms),
            ))
        })
        .collect();
    let services = Arc::new(operator_services);
    let operator_tasks: Vec<_> = (0..operators)
        .map(|n| {
            tokio::spawn(operator(
                base.to_owned(),
                n,
                services.clone(),
                started,
                deadline,
                Duration::from_millis(operator_pause_ms),
            ))
        })
        .collect();
    let mut citizen_samples = Vec::new();
    for task in futures::future::join_all(citizen_tasks).await {
        citizen_samples.extend(task??);
    }
    let mut operator_samples = Vec::new();
    let mut signed_in = 0;
    for task in futures::future::join_all(operator_tasks).await {
        let (ok, samples) = task??;
        signed_in += usize::from(ok);
        operator_samples.extend(samples);
    }
    let elapsed = started.elapsed().as_secs_f64();
    table_header();
    report("citizens", &citizen_samples, elapsed);
    if operators > 0 {
        report("operators", &operator_samples, elapsed);
    }
    let good = citizen_samples
        .iter()
        .filter(|s| (200..400).contains(&s.status))
        .count();
    println!("@ citizens.clients={clients}");
    println!("@ citizens.seconds={elapsed:.2}");
    println!("@ citizens.good_per_s={:.1}", good as f64 / elapsed);
    println!(
        "@ citizens.offered_per_s={:.1}",
        citizen_samples.len() as f64 / elapsed
    );
    if operators > 0 {
        let ok = operator_samples.iter().filter(|s| s.status == 200).count();
        println!("@ operators.clients={operators}");
        println!("@ operators.signed_in={signed_in}");
        if !operator_samples.is_empty() {
            println!(
                "@ operators.success_pct={:.3}",
                100.0 * ok as f64 / operator_samples.len() as f64
            );
            let mut took: Vec<Duration> = operator_samples.iter().map(|s| s.took).collect();
            took.sort_unstable();
            println!("@ operators.all.p50_ms={:.2}", percentile(&took, 50.0));
            println!("@ operators.all.p99_ms={:.2}", percentile(&took, 99.0));
        }
    }
    Ok(())
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    let base = cli.base.trim_end_matches('/');
    match cli.command {
        Command::Slots { prescriptions, out } => slots(base, &prescriptions, &out).await,
        Command::Book {
            jobs,
            clients,
            seconds,
        } => book(base, &jobs, clients, seconds).await,
        Command::Open {
            jobs,
            rate,
            seconds,
            left,
        } => open(base, &jobs, rate, seconds, left).await,
        Command::Citizens {
            prescriptions,
            clients,
            seconds,
            operators,
            operator_services,
            operator_pause_ms,
            shed_pause_ms,
            days,
        } => {
            citizens(
                base,
                &prescriptions,
                clients,
                seconds,
                operators,
                operator_services,
                operator_pause_ms,
                shed_pause_ms,
                days,
            )
            .await
        }
    }
}
