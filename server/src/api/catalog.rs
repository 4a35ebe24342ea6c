//! Public reads: the services catalogue (in memory). Free slots are in `availability`.

use axum::Json;
use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;

use super::extract::ApiQuery;
use super::types::{ServiceItem, ServiceList, ServiceQuery};
use crate::state::AppState;

/// Services matching `q`, best first; all of them without `q`.
#[utoipa::path(
    get,
    path = "/api/v1/services",
    operation_id = "listServices",
    tag = "catalogue",
    params(ServiceQuery),
    responses((status = 200, description = "Matching services", body = ServiceList))
)]
pub async fn services(
    State(state): State<AppState>,
    ApiQuery(query): ApiQuery<ServiceQuery>,
) -> impl IntoResponse {
    let q: String = query
        .q
        .unwrap_or_default()
        .trim()
        .chars()
        .take(100)
        .collect();
    let services = if q.is_empty() {
        state.catalog.all().iter().map(ServiceItem::from).collect()
    } else {
        state
            .catalog
            .search(&q)
            .into_iter()
            .map(ServiceItem::from)
            .collect()
    };
    // Anyone's, revalidated every time: the fast path keeps it and answers 304 or the bytes.
    (
        [(header::CACHE_CONTROL, "no-cache")],
        Json(ServiceList { services }),
    )
}
