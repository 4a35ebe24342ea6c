//! Static files served from memory: the minified stylesheet (under a content-hashed name, cached
//! for a year) and everything in `public/`, each precompressed once at start-up with gzip and
//! brotli and answered with an ETag. No file is read from disk per request.

use std::collections::HashMap;
use std::io::Write;
use std::sync::OnceLock;

use axum::body::{Body, Bytes};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded_assets.rs"));
}

/// A response body in its three encodings (identity, gzip, brotli), compressed once and then
/// served from memory any number of times, with an ETag for revalidation. Static files,
/// availability snapshots and cached pages are all kept this way. A body made `lazy` is
/// compressed in an encoding only when a client first asks for it in that encoding: the
/// availability snapshots are made again after every booking of their service, in every
/// language and area, and most of those copies are replaced before anyone reads them.
#[derive(Clone, Debug)]
pub struct Compressed {
    content_type: HeaderValue,
    cache_control: HeaderValue,
    identity: Bytes,
    compressible: bool,
    effort: Effort,
    gzip: OnceLock<Option<Bytes>>,
    brotli: OnceLock<Option<Bytes>>,
    /// The ETag of each encoding (identity, gzip, brotli), made once.
    etags: [HeaderValue; 3],
}

/// Static files are compressed at the highest level once; pages made at run time at a level
/// that costs a fraction of a millisecond.
#[derive(Clone, Copy, Debug)]
pub enum Effort {
    Best,
    Fast,
}

pub type Asset = Compressed;

pub struct Assets {
    by_path: HashMap<String, Asset>,
    css_href: &'static str,
}

impl Assets {
    /// Compresses every embedded file. Done once at start-up (a few milliseconds).
    pub fn load() -> Assets {
        let css_hash = fnv1a(embedded::STYLE_CSS);
        let css_href: &'static str =
            Box::leak(format!("/static/style.{css_hash:016x}.css").into_boxed_str());
        let mut by_path = HashMap::new();
        by_path.insert(
            css_href.to_owned(),
            Asset::new(css_href, embedded::STYLE_CSS, IMMUTABLE),
        );
        // The release's version: the stylesheet and every public file, hashed in one run.
        let version = embedded::PUBLIC_FILES
            .iter()
            .fold(css_hash, |hash, (_, bytes)| fnv1a_from(hash, bytes));
        for (path, bytes) in embedded::PUBLIC_FILES {
            let asset = if *path == "/sw.js" {
                // The service worker learns the stylesheet's hashed name and the version.
                let script = String::from_utf8_lossy(bytes)
                    .replace("__VERSION__", &format!("{version:016x}"))
                    .replace("__CSS__", css_href);
                Compressed::of(
                    Bytes::from(script),
                    content_type(path),
                    cache_policy(path),
                    Effort::Best,
                )
            } else {
                Asset::new(path, bytes, cache_policy(path))
            };
            by_path.insert((*path).to_owned(), asset);
        }
        Assets { by_path, css_href }
    }

    /// The URL of the stylesheet; it changes whenever the CSS does.
    pub fn css_href(&self) -> &'static str {
        self.css_href
    }

    pub fn get(&self, path: &str) -> Option<&Asset> {
        self.by_path.get(path)
    }
}

const IMMUTABLE: &str = "public, max-age=31536000, immutable";

fn cache_policy(path: &str) -> &'static str {
    match path {
        // The scripts and the offline page must update as soon as a release does.
        "/sw.js" | "/app.js" | "/offline.html" => "no-cache",
        _ => "public, max-age=86400",
    }
}

fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or_default() {
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "html" => "text/html; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "json" => "application/json",
        "webmanifest" => "application/manifest+json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        _ => "application/octet-stream",
    }
}

impl Compressed {
    fn new(path: &str, bytes: &'static [u8], cache_control: &'static str) -> Compressed {
        Compressed::of(
            Bytes::from_static(bytes),
            content_type(path),
            cache_control,
            Effort::Best,
        )
    }

    /// Compresses `body` (unless it is an image format that is compressed already).
    pub fn of(
        body: Bytes,
        content_type: &'static str,
        cache_control: &'static str,
        effort: Effort,
    ) -> Compressed {
        Compressed::with(
            body,
            HeaderValue::from_static(content_type),
            HeaderValue::from_static(cache_control),
            effort,
        )
    }

    /// Like `of`, with header values made at run time (a captured answer's own).
    pub fn with(
        body: Bytes,
        content_type: HeaderValue,
        cache_control: HeaderValue,
        effort: Effort,
    ) -> Compressed {
        let compressed = Compressed::lazy(body, content_type, cache_control, effort);
        compressed.gzip();
        compressed.brotli();
        compressed
    }

    /// Like `with`, compressed in each encoding on its first use only.
    pub fn lazy(
        body: Bytes,
        content_type: HeaderValue,
        cache_control: HeaderValue,
        effort: Effort,
    ) -> Compressed {
        let compressible = !matches!(
            content_type.as_bytes(),
            b"image/png" | b"image/x-icon" | b"image/jpeg" | b"image/webp"
        );
        let hash = fnv1a(&body);
        let etag = |suffix: &str| {
            HeaderValue::from_str(&format!("\"{hash:016x}{suffix}\""))
                .expect("hex digits are a header value")
        };
        Compressed {
            content_type,
            cache_control,
            etags: [etag(""), etag("-gz"), etag("-br")],
            identity: body,
            compressible,
            effort,
            gzip: OnceLock::new(),
            brotli: OnceLock::new(),
        }
    }

    pub fn identity(&self) -> &Bytes {
        &self.identity
    }

    pub fn gzip(&self) -> Option<&Bytes> {
        self.gzip
            .get_or_init(|| {
                self.compressible
                    .then(|| Bytes::from(gzip(&self.identity, self.effort)))
            })
            .as_ref()
    }

    pub fn brotli(&self) -> Option<&Bytes> {
        self.brotli
            .get_or_init(|| {
                self.compressible
                    .then(|| Bytes::from(brotli(&self.identity, self.effort)))
            })
            .as_ref()
    }

    /// The response for a request with these headers: the best encoding the client accepts,
    /// or 304 when its copy is current.
    pub fn respond(&self, request_headers: &HeaderMap) -> Response {
        let accepts = |name: &str| {
            request_headers
                .get_all(header::ACCEPT_ENCODING)
                .iter()
                .filter_map(|v| v.to_str().ok())
                .flat_map(|v| v.split(','))
                .any(|item| {
                    let mut parts = item.trim().split(';');
                    let coding = parts.next().unwrap_or_default().trim();
                    let refused = parts.any(|p| p.trim().replace(' ', "") == "q=0");
                    coding.eq_ignore_ascii_case(name) && !refused
                })
        };
        // Only an encoding the client accepts is made (when lazy) and chosen.
        let br = self.compressible && accepts("br");
        let gz = self.compressible && accepts("gzip");
        let (body, encoding, etag): (&Bytes, Option<&'static str>, &HeaderValue) =
            if let Some(body) = br.then(|| self.brotli()).flatten() {
                (body, Some("br"), &self.etags[2])
            } else if let Some(body) = gz.then(|| self.gzip()).flatten() {
                (body, Some("gzip"), &self.etags[1])
            } else {
                (&self.identity, None, &self.etags[0])
            };

        let mut headers = HeaderMap::with_capacity(16);
        headers.insert(header::CONTENT_TYPE, self.content_type.clone());
        headers.insert(header::CACHE_CONTROL, self.cache_control.clone());
        headers.insert(header::VARY, HeaderValue::from_static("Accept-Encoding"));
        headers.insert(header::ETAG, etag.clone());
        if let Some(encoding) = encoding {
            headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static(encoding));
        }
        let fresh = request_headers
            .get(header::IF_NONE_MATCH)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| {
                v.split(',')
                    .any(|t| t.trim().as_bytes() == etag.as_bytes() || t.trim() == "*")
            });
        if fresh {
            return (StatusCode::NOT_MODIFIED, headers).into_response();
        }
        (headers, Body::from(body.clone())).into_response()
    }
}

fn gzip(bytes: &[u8], effort: Effort) -> Vec<u8> {
    let level = match effort {
        Effort::Best => flate2::Compression::best(),
        Effort::Fast => flate2::Compression::new(6),
    };
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), level);
    // Writing into a Vec cannot fail.
    let _ = encoder.write_all(bytes);
    encoder.finish().unwrap_or_default()
}

/// Brotli as Cupola makes it for prepared bytes (also used by `examples/compression.rs`).
pub fn brotli(bytes: &[u8], effort: Effort) -> Vec<u8> {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: match effort {
            Effort::Best => 11,
            Effort::Fast => 6,
        },
        lgwin: brotli_window(bytes.len()),
        ..Default::default()
    };
    let _ = brotli::BrotliCompress(&mut &bytes[..], &mut out, &params);
    out
}

/// The brotli window (log2 of its size) for a body of `len` bytes: the smallest that holds the
/// whole body, from 17 (128 KB) to brotli's largest, 24 (16 MB). A window larger than the body
/// finds no more matches, but the encoder's ring buffer and hash tables are sized by it: with
/// brotli's default (22, 4 MB) compressing a 6 KB page took 10 MB of memory at quality 6 and
/// 41 MB at quality 11, against 2.4 MB and 2.3 MB with 17, for the same output within a
/// byte (BENCHMARKS.md, "Compression's memory"). The stream also declares its window, which is
/// what a client's decoder allocates. Not below 17: at qualities 5 to 9 a smaller window makes
/// the encoder switch to a hasher of 32 MB.
pub fn brotli_window(len: usize) -> i32 {
    let bits = usize::BITS - len.leading_zeros();
    // Between 17 and 24, so the conversion cannot fail.
    i32::try_from(bits.clamp(17, 24)).unwrap_or(24)
}

/// A stable 64-bit content hash (FNV-1a) for ETags and the stylesheet name.
fn fnv1a(bytes: &[u8]) -> u64 {
    fnv1a_from(0xcbf2_9ce4_8422_2325, bytes)
}

/// FNV-1a continued from `hash` over more bytes (so several inputs hash as one).
fn fnv1a_from(hash: u64, bytes: &[u8]) -> u64 {
    bytes.iter().fold(hash, |hash, b| {
        (hash ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(header::HeaderName, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (k, v) in pairs {
            map.insert(k.clone(), HeaderValue::from_static(v));
        }
        map
    }

    #[test]
    fn the_stylesheet_is_served_under_its_hash_forever() {
        let assets = Assets::load();
        let href = assets.css_href();
        assert!(href.starts_with("/static/style.") && href.ends_with(".css"));
        let response = assets
            .get(href)
            .expect("stylesheet")
            .respond(&HeaderMap::new());
        assert_eq!(response.headers()[header::CACHE_CONTROL], IMMUTABLE);
    }

    #[test]
    fn brotli_is_preferred_and_refusals_are_respected() {
        let assets = Assets::load();
        let css = assets.get(assets.css_href()).expect("stylesheet");
        let br = css.respond(&headers(&[(header::ACCEPT_ENCODING, "gzip, deflate, br")]));
        assert_eq!(br.headers()[header::CONTENT_ENCODING], "br");
        let gz = css.respond(&headers(&[(header::ACCEPT_ENCODING, "gzip, br;q=0")]));
        assert_eq!(gz.headers()[header::CONTENT_ENCODING], "gzip");
        let plain = css.respond(&HeaderMap::new());
        assert!(plain.headers().get(header::CONTENT_ENCODING).is_none());
    }

    #[test]
    fn the_service_worker_precaches_this_release_stylesheet() {
        let assets = Assets::load();
        let sw = assets.get("/sw.js").expect("service worker");
        let text = String::from_utf8_lossy(sw.identity()).into_owned();
        assert!(text.contains(assets.css_href()));
        assert!(!text.contains("__CSS__") && !text.contains("__VERSION__"));
        assert_eq!(
            sw.respond(&HeaderMap::new()).headers()[header::CACHE_CONTROL],
            "no-cache"
        );
    }

    #[test]
    fn brotlis_window_holds_the_body_and_no_more() {
        assert_eq!(brotli_window(0), 17);
        assert_eq!(brotli_window(6_000), 17);
        assert_eq!(brotli_window(131_071), 17);
        assert_eq!(brotli_window(131_072), 18);
        assert_eq!(brotli_window(3_000_000), 22);
        assert_eq!(brotli_window(usize::MAX), 24);
        // A body of 300 KB, half of it a copy of the other half (pseudo-random letters, which
        // alone compress to about 60 %): found 150 KB back, in a window fitted to the body.
        let mut state = 12_345_u32;
        let half: Vec<u8> = (0..150_000)
            .map(|_| {
                state = state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                b'a' + ((state >> 16) % 26) as u8
            })
            .collect();
        let body = [half.as_slice(), half.as_slice()].concat();
        let compressed = brotli(&body, Effort::Fast);
        assert!(
            compressed.len() < body.len() / 2,
            "{} bytes",
            compressed.len()
        );
        let mut back = Vec::new();
        std::io::Read::read_to_end(
            &mut brotli::Decompressor::new(&compressed[..], 4096),
            &mut back,
        )
        .expect("brotli");
        assert!(back == body);
    }

    #[test]
    fn a_current_copy_gets_not_modified() {
        let assets = Assets::load();
        let css = assets.get(assets.css_href()).expect("stylesheet");
        let first = css.respond(&HeaderMap::new());
        let etag = first.headers()[header::ETAG].clone();
        let mut again = HeaderMap::new();
        again.insert(header::IF_NONE_MATCH, etag);
        assert_eq!(css.respond(&again).status(), StatusCode::NOT_MODIFIED);
    }

    #[test]
    fn a_lazy_body_is_compressed_in_an_encoding_only_when_a_client_asks_for_it() {
        let text = "Prenotazioni disponibili. ".repeat(200);
        let body = Compressed::lazy(
            Bytes::from(text.clone()),
            HeaderValue::from_static("text/html; charset=utf-8"),
            HeaderValue::from_static("no-cache"),
            Effort::Fast,
        );
        assert!(body.gzip.get().is_none() && body.brotli.get().is_none());
        let plain = body.respond(&HeaderMap::new());
        assert!(plain.headers().get(header::CONTENT_ENCODING).is_none());
        assert!(body.gzip.get().is_none() && body.brotli.get().is_none());
        let gz = body.respond(&headers(&[(header::ACCEPT_ENCODING, "gzip")]));
        assert_eq!(gz.headers()[header::CONTENT_ENCODING], "gzip");
        assert!(body.gzip.get().is_some() && body.brotli.get().is_none());
        let mut unzipped = String::new();
        std::io::Read::read_to_string(
            &mut flate2::read::GzDecoder::new(&body.gzip().expect("gzip")[..]),
            &mut unzipped,
        )
        .expect("gzip");
        assert_eq!(unzipped, text);
        let br = body.respond(&headers(&[(header::ACCEPT_ENCODING, "gzip, br")]));
        assert_eq!(br.headers()[header::CONTENT_ENCODING], "br");
        assert!(body.brotli().expect("brotli").len() < text.len());
        // The ETags are those of an eager body with the same bytes.
        let eager = Compressed::of(
            Bytes::from(text),
            "text/html; charset=utf-8",
            "no-cache",
            Effort::Fast,
        );
        assert_eq!(br.headers()[header::ETAG], eager.etags[2]);
        assert_eq!(gz.headers()[header::ETAG], eager.etags[1]);
    }
}
