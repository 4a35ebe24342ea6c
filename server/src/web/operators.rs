//! Operators served on threads of their own.
//!
//! A citizen flood fills the main runtime's run queue: on two cores, thousands of connections
//! each waiting for a turn put an operator's page hundreds of milliseconds behind them. So
//! operators get a small runtime of their own. With `CUPOLA_OPERATOR_ADDR` the whole staff
//! area (accepting, reading, answering) runs there, on its own address; with one address, every
//! staff request's work (middleware, handler, database) is moved onto it as soon as its path is
//! known, so it never waits behind citizens' requests for a thread.

use std::sync::OnceLock;

use axum::extract::Request;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use tokio::runtime::{Builder, Handle};

use crate::db::Lane;

static RUNTIME: OnceLock<Handle> = OnceLock::new();

/// Starts the operators' runtime (once per process): `threads` worker threads that live until
/// the process ends. Returns its handle.
pub fn start(threads: usize) -> std::io::Result<Handle> {
    if let Some(handle) = RUNTIME.get() {
        return Ok(handle.clone());
    }
    let runtime = Builder::new_multi_thread()
        .worker_threads(threads.max(1))
        .thread_name("cupola-operators")
        .enable_all()
        .build()?;
    let handle = runtime.handle().clone();
    // The runtime lives on a thread of its own; dropping it would stop its tasks.
    std::thread::Builder::new()
        .name("cupola-operators-keeper".into())
        .spawn(move || runtime.block_on(std::future::pending::<()>()))?;
    Ok(RUNTIME.get_or_init(|| handle).clone())
}

/// The operators' runtime, once started.
pub fn handle() -> Option<Handle> {
    RUNTIME.get().cloned()
}

/// The middleware: a staff request's work runs on the operators' runtime when there is one.
pub async fn schedule(request: Request, next: Next) -> Response {
    let staff = matches!(
        crate::admission::lane_of(request.uri().path()),
        Some(Lane::Operator)
    );
    match handle() {
        Some(runtime)
            if staff && Handle::try_current().map(|h| h.id()).ok() != Some(runtime.id()) =>
        {
            match runtime.spawn(next.run(request)).await {
                Ok(response) => response,
                // The handler panicked (the panic catcher runs inside, so this is a bug).
                Err(err) => {
                    tracing::error!(error = %err, "an operator request failed on its runtime");
                    axum::http::StatusCode::INTERNAL_SERVER_ERROR.into_response()
                }
            }
        }
        _ => next.run(request).await,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::Router;
    use axum::body::Body;
    use axum::middleware::from_fn;
    use axum::routing::get;
    use tower::ServiceExt;

    async fn thread_name() -> String {
        std::thread::current().name().unwrap_or("").to_owned()
    }

    async fn served_by(app: &Router, path: &str) -> String {
        let response = app
            .clone()
            .oneshot(Request::get(path).body(Body::empty()).expect("request"))
            .await
            .expect("answer");
        let body = axum::body::to_bytes(response.into_body(), 1024)
            .await
            .expect("body");
        String::from_utf8(body.to_vec()).expect("utf-8")
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn staff_requests_run_on_the_operators_threads_and_citizens_do_not() {
        start(1).expect("the operators' runtime");
        let app = Router::new()
            .route("/operatore/disponibilita", get(thread_name))
            .route("/prenota", get(thread_name))
            .layer(from_fn(schedule));
        assert_eq!(
            served_by(&app, "/operatore/disponibilita").await,
            "cupola-operators"
        );
        assert_ne!(served_by(&app, "/prenota").await, "cupola-operators");
    }
}
