//! The public waiting-times pages: the first free date of a service at every facility and area,
//! open to anyone, no prescription needed.

use std::collections::BTreeMap;

use axum::extract::{Path, Query, State};
use axum::response::Response;
use leptos::prelude::*;
use serde::Deserialize;

use app::views::{
    FacilityTime, ServiceTimesData, ServiceTimesPage, WaitingTimesIndexPage, render_document,
};

use crate::clock::local;
use crate::error::AppError;
use crate::http::{AppState, Page, html_page};

#[derive(Debug, Deserialize)]
pub struct IndexParams {
    q: Option<String>,
}

pub async fn index(
    State(state): State<AppState>,
    Page(ctx): Page,
    Query(params): Query<IndexParams>,
) -> Response {
    let lang = ctx.lang;
    let query: String = params
        .q
        .unwrap_or_default()
        .trim()
        .chars()
        .take(100)
        .collect();
    let services = if query.is_empty() {
        state.catalog.all().iter().map(|s| s.item(lang)).collect()
    } else {
        state
            .catalog
            .search(&query)
            .into_iter()
            .map(|s| s.item(lang))
            .collect()
    };
    html_page(
        lang,
        render_document(view! { <WaitingTimesIndexPage ctx=ctx services=services /> }),
    )
}

pub async fn service(
    State(state): State<AppState>,
    Page(ctx): Page,
    Path(code): Path<String>,
) -> Result<Response, AppError> {
    let lang = ctx.lang;
    let service = state.catalog.by_code(&code).ok_or(AppError::NotFound)?;
    let times = state
        .times
        .get(&state.db, service.row.id, state.clock.now())
        .await
        .map_err(|e| AppError::from(sqlx::Error::Protocol(e.to_string())))?;
    let mut by_facility: Vec<FacilityTime> = Vec::new();
    let mut by_area: BTreeMap<String, Option<chrono::NaiveDate>> = BTreeMap::new();
    for (facility_id, first) in &times.by_facility {
        let Some(facility) = state.directory.get(*facility_id) else {
            continue;
        };
        let area = state
            .directory
            .area_name(facility.area_id)
            .unwrap_or_default()
            .to_owned();
        let day = local(*first).date();
        let entry = by_area.entry(area.clone()).or_insert(Some(day));
        if entry.is_none_or(|d| day < d) {
            *entry = Some(day);
        }
        by_facility.push(FacilityTime {
            facility: facility.name.clone(),
            town: facility.town.clone(),
            area,
            first: Some(day),
        });
    }
    by_facility.sort_by(|a, b| {
        a.first
            .cmp(&b.first)
            .then_with(|| a.facility.cmp(&b.facility))
    });
    let mut by_area: Vec<(String, Option<chrono::NaiveDate>)> = by_area.into_iter().collect();
    by_area.sort_by(|a, b| a.1.cmp(&b.1).then_with(|| a.0.cmp(&b.0)));
    let data = ServiceTimesData {
        service: service.item(lang),
        by_area,
        by_facility,
        updated: local(times.computed_at),
    };
    Ok(html_page(
        lang,
        render_document(view! { <ServiceTimesPage ctx=ctx data=data /> }),
    ))
}
