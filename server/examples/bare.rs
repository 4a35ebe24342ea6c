//! The limit of the stack, for `end2end/bench/reads.sh`: axum and hyper on tokio with nothing
//! else, answering `/f/{n}` with bytes held in memory and the headers Cupola sent for them.
//!
//!   cargo run --release --example bare -- DIR 127.0.0.1:3503
//!
//! `DIR` holds, for each answer `n`: `n` (identity), `n.br`, `n.gz` (optional) and `n.h` (one
//! `name: value` header per line). The encoding is the first of br, gzip the request accepts.

use std::collections::HashMap;
use std::sync::Arc;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

struct Answer {
    identity: Bytes,
    br: Option<Bytes>,
    gz: Option<Bytes>,
    headers: HeaderMap,
}

type Answers = Arc<HashMap<String, Answer>>;

async fn serve(
    State(answers): State<Answers>,
    Path(n): Path<String>,
    request: HeaderMap,
) -> Response {
    let Some(answer) = answers.get(&n) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let accepts = request
        .get(header::ACCEPT_ENCODING)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let mut headers = answer.headers.clone();
    let body = match (&answer.br, &answer.gz) {
        (Some(br), _) if accepts.contains("br") => {
            headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static("br"));
            br.clone()
        }
        (_, Some(gz)) if accepts.contains("gzip") => {
            headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
            gz.clone()
        }
        _ => answer.identity.clone(),
    };
    (headers, body).into_response()
}

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let dir = args.next().expect("DIR");
    let addr = args.next().unwrap_or_else(|| "127.0.0.1:3503".to_owned());
    let mut answers = HashMap::new();
    for entry in std::fs::read_dir(&dir)? {
        let path = entry?.path();
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        if name.contains('.') {
            continue;
        }
        let read = |suffix: &str| std::fs::read(format!("{}{suffix}", path.display())).ok();
        let mut headers = HeaderMap::new();
        let text = String::from_utf8(read(".h").unwrap_or_default()).unwrap_or_default();
        for line in text.lines() {
            if let Some((name, value)) = line.split_once(':')
                && let (Ok(name), Ok(value)) = (
                    HeaderName::from_bytes(name.trim().as_bytes()),
                    HeaderValue::from_str(value.trim()),
                )
            {
                headers.append(name, value);
            }
        }
        answers.insert(
            name.to_owned(),
            Answer {
                identity: Bytes::from(read("").unwrap_or_default()),
                br: read(".br").map(Bytes::from),
                gz: read(".gz").map(Bytes::from),
                headers,
            },
        );
    }
    let app = Router::new()
        .route("/f/{n}", get(serve))
        .with_state(Arc::new(answers));
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?
        .block_on(async {
            let listener = tokio::net::TcpListener::bind(&addr).await?;
            println!("bare listening on {addr}");
            axum::serve(listener, app).await
        })
}
