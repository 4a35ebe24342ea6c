//! Operators served on threads of their own.
//!
//! A citizen flood fills the main runtime's run queue: on two cores, thousands of connections
//! each waiting for a turn put an operator's page hundreds of milliseconds behind them. So
//! operators get a small runtime of their own. With `CUPOLA_OPERATOR_ADDR` the whole staff
//! area (accepting, reading, answering) runs there, on its own address; with one address, every
//! staff request's work (middleware, handler, database) is moved onto it as soon as its path is
//! known, so it never waits behind citizens' requests for a thread.
//!
//! Threads of its own are not enough when the machine's cores are saturated: the kernel shares
//! them fairly among every busy thread. So the operators' threads ask for a higher scheduling
//! priority (`CUPOLA_OPERATOR_NICE`, default -10; Linux, with `CAP_SYS_NICE` or as root). Without
//! the permission they keep the default priority and say so once in the log.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};

use axum::extract::Request;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use tokio::runtime::{Builder, Handle};

use crate::db::Lane;

static RUNTIME: OnceLock<Handle> = OnceLock::new();
/// Whether a thread was refused the priority asked for (said once in the log).
static REFUSED: AtomicBool = AtomicBool::new(false);

/// Starts the operators' runtime (once per process): `threads` worker threads that live until
/// the process ends, each at scheduling priority `nice` (-20 highest … 19 lowest) when the
/// process may set it. Returns its handle.
pub fn start(threads: usize, nice: i32) -> std::io::Result<Handle> {
    if let Some(handle) = RUNTIME.get() {
        return Ok(handle.clone());
    }
    let runtime = Builder::new_multi_thread()
        .worker_threads(threads.max(1))
        .thread_name("cupola-operators")
        .on_thread_start(move || prioritise(nice))
        .enable_all()
        .build()?;
    let handle = runtime.handle().clone();
    // The runtime lives on a thread of its own; dropping it would stop its tasks.
    std::thread::Builder::new()
        .name("cupola-operators-keeper".into())
        .spawn(move || runtime.block_on(std::future::pending::<()>()))?;
    Ok(RUNTIME.get_or_init(|| handle).clone())
}

/// Sets the calling thread's priority, and says once in the log when it is refused.
fn prioritise(nice: i32) {
    if let Err(err) = crate::priority::set_current_thread(nice)
        && !REFUSED.swap(true, Ordering::Relaxed)
    {
        tracing::warn!(
            error = %err,
            nice,
            "the operators' threads keep the default priority (CAP_SYS_NICE needed)"
        );
    }
}

/// Whether the operators' threads run at the priority asked for.
pub fn prioritised() -> bool {
    cfg!(target_os = "linux") && RUNTIME.get().is_some() && !REFUSED.load(Ordering::Relaxed)
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
        let name = std::thread::current().name().unwrap_or("").to_owned();
        let priority =
            rustix::process::getpriority_process(Some(rustix::thread::gettid())).unwrap_or(99);
        format!("{name} {priority}")
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

    #[cfg(target_os = "linux")]
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn staff_requests_run_on_the_operators_threads_and_citizens_do_not() {
        start(1, -7).expect("the operators' runtime");
        let app = Router::new()
            .route("/operatore/disponibilita", get(thread_name))
            .route("/prenota", get(thread_name))
            .layer(from_fn(schedule));
        let staff = served_by(&app, "/operatore/disponibilita").await;
        let citizen = served_by(&app, "/prenota").await;
        assert!(staff.starts_with("cupola-operators "), "{staff}");
        assert!(!citizen.starts_with("cupola-operators"), "{citizen}");
        // The priority asked for, wherever the process may set it (as root, as in CI).
        let priority = staff.rsplit(' ').next().unwrap_or_default();
        if prioritised() {
            assert_eq!(priority, "-7");
        } else {
            assert_eq!(priority, "0", "refused: the default priority");
        }
    }
}
