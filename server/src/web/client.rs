//! Who is asking: the client's address, and the key that limits count by.
//!
//! The address is the TCP peer's, unless the peer is a proxy Cupola trusts (loopback, and the
//! addresses in `CUPOLA_TRUSTED_PROXIES`): then it is the last address that proxy added to
//! `X-Forwarded-For`. Limits count IPv4 clients by address and IPv6 clients by their /64
//! network, since one IPv6 subscriber is usually given a whole /64.

use std::net::{IpAddr, Ipv6Addr, SocketAddr};
use std::sync::OnceLock;

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use axum::http::{Extensions, HeaderMap};

static TRUSTED: OnceLock<Vec<IpAddr>> = OnceLock::new();

/// Sets, once, the proxies whose `X-Forwarded-For` is believed (besides loopback).
pub fn trust_proxies(proxies: Vec<IpAddr>) {
    let _ = TRUSTED.set(proxies);
}

fn trusted(peer: IpAddr) -> bool {
    peer.is_loopback()
        || peer.to_canonical().is_loopback()
        || TRUSTED
            .get()
            .is_some_and(|list| list.contains(&peer.to_canonical()))
}

/// The client's address, from the connection and (behind a trusted proxy) its headers. None
/// only when the request did not come through `router::serve` (a unit test's request).
pub fn client_ip(headers: &HeaderMap, extensions: &Extensions) -> Option<IpAddr> {
    let peer = extensions
        .get::<ConnectInfo<SocketAddr>>()?
        .0
        .ip()
        .to_canonical();
    if !trusted(peer) {
        return Some(peer);
    }
    // The proxy appends the address it saw: the last entry of the last header.
    let forwarded = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .filter_map(|v| v.trim().parse::<IpAddr>().ok())
        .next_back();
    Some(forwarded.map_or(peer, |ip| ip.to_canonical()))
}

/// What limits count by: an IPv4 address, or an IPv6 /64 network.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ClientKey(IpAddr);

impl ClientKey {
    pub fn of(ip: IpAddr) -> ClientKey {
        match ip.to_canonical() {
            IpAddr::V4(v4) => ClientKey(IpAddr::V4(v4)),
            IpAddr::V6(v6) => {
                let bits = u128::from(v6) & !((1u128 << 64) - 1);
                ClientKey(IpAddr::V6(Ipv6Addr::from(bits)))
            }
        }
    }

    pub fn ip(self) -> IpAddr {
        self.0
    }
}

/// The extractor: the asking client's key (requests outside `router::serve`, which carry no
/// connection, all share the unspecified address).
#[derive(Clone, Copy, Debug)]
pub struct Client(pub ClientKey);

impl<S: Send + Sync> FromRequestParts<S> for Client {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Client, Self::Rejection> {
        let ip = client_ip(&parts.headers, &parts.extensions)
            .unwrap_or(IpAddr::V4(std::net::Ipv4Addr::UNSPECIFIED));
        Ok(Client(ClientKey::of(ip)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn ask(peer: &str, forwarded: &[&str]) -> Option<IpAddr> {
        let mut headers = HeaderMap::new();
        for f in forwarded {
            headers.append("x-forwarded-for", HeaderValue::from_str(f).expect("header"));
        }
        let mut extensions = Extensions::new();
        extensions.insert(ConnectInfo(peer.parse::<SocketAddr>().expect("peer")));
        client_ip(&headers, &extensions)
    }

    #[test]
    fn a_direct_client_is_its_peer_whatever_it_claims() {
        assert_eq!(
            ask("203.0.113.7:4000", &["198.51.100.1"]),
            Some("203.0.113.7".parse().expect("ip"))
        );
    }

    #[test]
    fn behind_loopback_the_last_forwarded_address_counts() {
        assert_eq!(
            ask("127.0.0.1:4000", &["1.2.3.4, 198.51.100.1"]),
            Some("198.51.100.1".parse().expect("ip"))
        );
        assert_eq!(
            ask("127.0.0.1:4000", &["rubbish"]),
            Some("127.0.0.1".parse().expect("ip"))
        );
        assert_eq!(
            ask("[::ffff:127.0.0.1]:4000", &[]),
            Some("127.0.0.1".parse().expect("ip"))
        );
    }

    #[test]
    fn ipv6_clients_are_counted_by_their_64_network() {
        let a = ClientKey::of("2001:db8:1:2:aaaa::1".parse().expect("ip"));
        let b = ClientKey::of("2001:db8:1:2:bbbb::9".parse().expect("ip"));
        let c = ClientKey::of("2001:db8:1:3::1".parse().expect("ip"));
        assert_eq!(a, b);
        assert_ne!(a, c);
        assert_eq!(
            ClientKey::of("::ffff:10.0.0.1".parse().expect("ip")),
            ClientKey::of("10.0.0.1".parse().expect("ip"))
        );
    }
}
