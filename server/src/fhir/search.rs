//! Searches: the parameters of a search (repeated ones are ANDed, comma-separated values ORed,
//! as FHIR says; an unknown parameter or modifier is refused rather than silently ignored), and
//! the `searchset` Bundle of the answer, written around resources serialised beforehand.

use axum::http::StatusCode;
use axum::response::Response;
use serde_json::Value;

use app::i18n::Lang;

use super::wire::{FhirError, FhirResult, bytes_response};

/// The paging parameter of `next` links (opaque to the client).
pub const CURSOR: &str = "cursor";

/// A search's parameters.
#[derive(Debug, Default)]
pub struct Params {
    /// Every parameter as sent, for the `self` and `next` links (without the cursor).
    pairs: Vec<(String, String)>,
    filters: Vec<(String, Vec<String>)>,
    count: Option<String>,
    cursor: Option<String>,
}

impl Params {
    /// The parameters of `query`; `allowed` are the search parameters of the type.
    pub fn parse(lang: Lang, query: Option<&str>, allowed: &[&str]) -> FhirResult<Params> {
        let mut params = Params::default();
        for (name, value) in form_urlencoded::parse(query.unwrap_or_default().as_bytes()) {
            let (name, value) = (name.into_owned(), value.into_owned());
            match name.as_str() {
                "_format" => continue,
                "_count" => params.count = Some(value.clone()),
                CURSOR => {
                    params.cursor = Some(value);
                    continue;
                }
                _ if allowed.contains(&name.as_str()) => {
                    let values: Vec<String> = value
                        .split(',')
                        .map(|v| v.trim().to_owned())
                        .filter(|v| !v.is_empty())
                        .collect();
                    if values.is_empty() {
                        return Err(FhirError::invalid(lang, format!("{name}: no value")));
                    }
                    params.filters.push((name.clone(), values));
                }
                _ => {
                    return Err(FhirError::invalid(
                        lang,
                        format!(
                            "{name}: not a search parameter here (these are: {}, _count)",
                            allowed.join(", ")
                        ),
                    ));
                }
            }
            params.pairs.push((name, value));
        }
        Ok(params)
    }

    /// Each filter: a parameter and the values any of which must match.
    pub fn filters(&self) -> impl Iterator<Item = (&str, &[String])> {
        self.filters.iter().map(|(n, v)| (n.as_str(), v.as_slice()))
    }

    /// The values of each use of one parameter.
    pub fn values<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a [String]> {
        self.filters()
            .filter(move |(n, _)| *n == name)
            .map(|(_, v)| v)
    }

    /// `_count`, within `max` (`default` when not given).
    pub fn count(&self, lang: Lang, default: usize, max: usize) -> FhirResult<usize> {
        match &self.count {
            None => Ok(default),
            Some(text) => text
                .parse::<usize>()
                .map(|n| n.min(max))
                .map_err(|_| FhirError::invalid(lang, "_count: not a number")),
        }
    }

    pub fn cursor(&self) -> Option<&str> {
        self.cursor.as_deref()
    }

    fn link(&self, base: &str, type_name: &str, cursor: Option<&str>) -> String {
        let mut query = form_urlencoded::Serializer::new(String::new());
        for (name, value) in &self.pairs {
            query.append_pair(name, value);
        }
        if let Some(cursor) = cursor {
            query.append_pair(CURSOR, cursor);
        }
        let query = query.finish();
        if query.is_empty() {
            format!("{base}/fhir/r4/{type_name}")
        } else {
            format!("{base}/fhir/r4/{type_name}?{query}")
        }
    }
}

/// A `searchset` Bundle being written.
pub struct Searchset {
    base: String,
    type_name: &'static str,
    /// The search's parameters, for the `next` link.
    params: Params,
    self_link: String,
    total: Option<usize>,
    entries: Vec<u8>,
}

impl Searchset {
    pub fn new(base: &str, type_name: &'static str, params: &Params) -> Searchset {
        Searchset {
            base: base.to_owned(),
            type_name,
            params: Params {
                pairs: params.pairs.clone(),
                ..Params::default()
            },
            self_link: params.link(base, type_name, params.cursor()),
            total: None,
            entries: Vec::new(),
        }
    }

    /// How many resources match in all (when it is known).
    pub fn total(&mut self, total: usize) {
        self.total = Some(total);
    }

    /// A matching resource, already serialised.
    pub fn entry(&mut self, type_name: &str, id: &str, resource: &[u8]) {
        if !self.entries.is_empty() {
            self.entries.push(b',');
        }
        let full_url = Value::from(format!("{}/fhir/r4/{type_name}/{id}", self.base));
        self.entries.extend_from_slice(b"{\"fullUrl\":");
        self.entries
            .extend_from_slice(full_url.to_string().as_bytes());
        self.entries.extend_from_slice(b",\"resource\":");
        self.entries.extend_from_slice(resource);
        self.entries
            .extend_from_slice(b",\"search\":{\"mode\":\"match\"}}");
    }

    /// The Bundle, with a `next` link carrying `cursor` when there is a next page.
    pub fn finish(self, cursor: Option<&str>) -> Response {
        let mut links = vec![serde_json::json!({ "relation": "self", "url": self.self_link })];
        if let Some(cursor) = cursor {
            let next = self.params.link(&self.base, self.type_name, Some(cursor));
            links.push(serde_json::json!({ "relation": "next", "url": next }));
        }
        let mut out = Vec::with_capacity(self.entries.len() + 512);
        out.extend_from_slice(b"{\"resourceType\":\"Bundle\",\"type\":\"searchset\"");
        if let Some(total) = self.total {
            out.extend_from_slice(format!(",\"total\":{total}").as_bytes());
        }
        out.extend_from_slice(b",\"link\":");
        out.extend_from_slice(Value::from(links).to_string().as_bytes());
        // FHIR JSON has no empty arrays: no matches, no `entry`.
        if !self.entries.is_empty() {
            out.extend_from_slice(b",\"entry\":[");
            out.extend_from_slice(&self.entries);
            out.push(b']');
        }
        out.push(b'}');
        bytes_response(StatusCode::OK, out.into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_parameters_and_comma_lists_are_kept_apart() {
        let params = Params::parse(
            Lang::It,
            Some("name=a,b&name=c&_count=5&cursor=10&_format=json"),
            &["name"],
        )
        .expect("parses");
        let names: Vec<&[String]> = params.values("name").collect();
        assert_eq!(names.len(), 2);
        assert_eq!(names[0], ["a".to_owned(), "b".to_owned()]);
        assert_eq!(params.count(Lang::It, 50, 100).expect("count"), 5);
        assert_eq!(params.cursor(), Some("10"));
        assert_eq!(
            params.link("http://x", "Location", Some("20")),
            "http://x/fhir/r4/Location?name=a%2Cb&name=c&_count=5&cursor=20"
        );
    }

    #[test]
    fn unknown_parameters_and_bad_counts_are_refused() {
        assert!(Params::parse(Lang::It, Some("nome=a"), &["name"]).is_err());
        assert!(Params::parse(Lang::It, Some("name:exact=a"), &["name"]).is_err());
        assert!(Params::parse(Lang::It, Some("name="), &["name"]).is_err());
        let params = Params::parse(Lang::It, Some("_count=x"), &[]).expect("parses");
        assert!(params.count(Lang::It, 50, 100).is_err());
        let params = Params::parse(Lang::It, Some("_count=9999"), &[]).expect("parses");
        assert_eq!(params.count(Lang::It, 50, 100).expect("count"), 100);
    }
}
