//! Reads and searches of the directory (`directory`): `GET /fhir/r4/{type}/{id}` and
//! `GET /fhir/r4/{type}?…`, answered from the directory in memory.

use axum::extract::{Path, RawQuery, State};
use axum::http::HeaderMap;
use axum::response::Response;

use app::i18n::Lang;

use super::directory::{Entry, Kind};
use super::search::{Params, Searchset};
use super::wire::{FhirError, FhirResult, Prepared, read_response};
use crate::api::lang::ApiLang;
use crate::state::AppState;

/// Entries per page when `_count` does not say, and at most.
const DEFAULT_COUNT: usize = 50;
const MAX_COUNT: usize = 500;

/// `GET /fhir/r4/{type}/{id}`: one directory resource.
pub async fn read(
    State(state): State<AppState>,
    ApiLang(lang): ApiLang,
    Path((kind, id)): Path<(String, String)>,
    headers: HeaderMap,
) -> FhirResult<Response> {
    let kind = known(lang, &kind)?;
    let built = state
        .fhir
        .get(&state.db, &state.catalog, state.links.base_url())
        .await?;
    let entry = built
        .get(kind, &id)
        .ok_or_else(|| FhirError::not_found(lang, format!("{}/{id}", kind.name())))?;
    Ok(read_response(&headers, &entry.prepared))
}

/// `GET /fhir/r4/{type}?…`: a directory search, a page at a time.
pub async fn search(
    State(state): State<AppState>,
    ApiLang(lang): ApiLang,
    Path(kind): Path<String>,
    RawQuery(query): RawQuery,
) -> FhirResult<Response> {
    let kind = known(lang, &kind)?;
    let params = Params::parse(lang, query.as_deref(), kind.search_params())?;
    let count = params.count(lang, DEFAULT_COUNT, MAX_COUNT)?;
    let offset = match params.cursor() {
        Some(cursor) => cursor
            .parse::<usize>()
            .map_err(|_| FhirError::invalid(lang, "cursor: not a cursor from a `next` link"))?,
        None => 0,
    };
    let built = state
        .fhir
        .get(&state.db, &state.catalog, state.links.base_url())
        .await?;
    let matching: Vec<&Entry> = built
        .entries(kind)
        .iter()
        .filter(|entry| {
            params
                .filters()
                .all(|(param, values)| values.iter().any(|v| entry.matches(param, v)))
        })
        .collect();
    let page: Vec<&Prepared> = matching
        .iter()
        .skip(offset)
        .take(count)
        .map(|e| &e.prepared)
        .collect();
    let next = (offset + count < matching.len()).then(|| (offset + count).to_string());
    let mut bundle = Searchset::new(state.links.base_url(), kind.name(), &params);
    bundle.total(matching.len());
    for prepared in page {
        bundle.entry(kind.name(), &prepared_id(prepared), &prepared.body);
    }
    Ok(bundle.finish(next.as_deref()))
}

fn prepared_id(prepared: &Prepared) -> String {
    prepared.value["id"].as_str().unwrap_or_default().to_owned()
}

fn known(lang: Lang, kind: &str) -> FhirResult<Kind> {
    Kind::parse(kind).ok_or_else(|| {
        FhirError::not_found(lang, format!("{kind}: not a resource type served here"))
    })
}
