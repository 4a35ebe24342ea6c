//! Signing in with SPID or CIE through OpenID Connect: the authorization code flow with PKCE
//! (the `openidconnect` crate), against any number of configured identity providers, none by
//! default.
//!
//! * Each provider's metadata is discovered when first needed and kept for an hour (Cupola
//!   starts even when a provider is down); discovery checks that the provider names the
//!   configured issuer.
//! * What the flow must remember between leaving for the provider and coming back (the
//!   provider, `state`, the nonce, the PKCE verifier) is `Pending`, kept by the caller in a
//!   sealed cookie that expires in ten minutes: nothing is written for someone who only clicks.
//! * Coming back: the provider's error, an expired or foreign `state`, an `iss` that is not the
//!   provider's, a refused code, an ID token whose signature, issuer, audience, expiry or nonce
//!   do not verify, or whose access-token hash does not match, all end in `Failure::Refused`.
//! * The fiscal code comes from the userinfo answer (where SPID and CIE give their attributes),
//!   in the claim the provider is configured with (`fiscalNumber` by default): SPID writes it
//!   `TINIT-` followed by the code, and so may CIE; it must then parse as a `FiscalCode`.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use openidconnect::core::{
    CoreAuthenticationFlow, CoreClient, CoreGenderClaim, CoreProviderMetadata,
};
use openidconnect::{
    AccessTokenHash, AdditionalClaims, AuthorizationCode, ClientId, ClientSecret, CsrfToken,
    DiscoveryError, IssuerUrl, Nonce, OAuth2TokenResponse, PkceCodeChallenge, PkceCodeVerifier,
    RedirectUrl, RequestTokenError, Scope, TokenResponse, UserInfoClaims, UserInfoError,
};
use serde::{Deserialize, Serialize};

use app::domain::FiscalCode;

/// How long someone may take at the identity provider.
pub const PENDING_SECONDS: i64 = 600;
/// How long a provider's discovered metadata (endpoints, keys) is used before asking again.
const METADATA_TTL: Duration = Duration::from_secs(3600);
/// The longest Cupola waits for a provider's answer.
const PROVIDER_TIMEOUT: Duration = Duration::from_secs(10);

/// One identity provider, as configured (`CUPOLA_OIDC_PROVIDERS`, a JSON array of these).
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProviderConfig {
    /// In the sign-in address: lowercase letters, digits and `-`.
    pub id: String,
    /// The name people know it by ("SPID", "CIE").
    pub label: String,
    pub issuer: String,
    pub client_id: String,
    pub client_secret: String,
    /// The userinfo claim that carries the fiscal code.
    #[serde(default = "default_fiscal_claim")]
    pub fiscal_claim: String,
    /// Scopes asked for besides `openid` (default: `profile`).
    #[serde(default = "default_scopes")]
    pub scopes: Vec<String>,
}

fn default_fiscal_claim() -> String {
    "fiscalNumber".to_owned()
}

fn default_scopes() -> Vec<String> {
    vec!["profile".to_owned()]
}

/// The configured providers from their JSON, checked: unique ids of 1–32 lowercase letters,
/// digits or `-`; issuers that are URLs; client ids and labels that are not empty.
pub fn parse_providers(json: &str) -> Result<Vec<ProviderConfig>, String> {
    if json.trim().is_empty() {
        return Ok(Vec::new());
    }
    let providers: Vec<ProviderConfig> =
        serde_json::from_str(json).map_err(|e| format!("CUPOLA_OIDC_PROVIDERS: {e}"))?;
    let mut seen = std::collections::HashSet::new();
    for p in &providers {
        let id_ok = !p.id.is_empty()
            && p.id.len() <= 32
            && p.id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if !id_ok {
            return Err(format!(
                "CUPOLA_OIDC_PROVIDERS: id {:?} must be 1–32 lowercase letters, digits or -",
                p.id
            ));
        }
        if !seen.insert(p.id.clone()) {
            return Err(format!("CUPOLA_OIDC_PROVIDERS: id {:?} twice", p.id));
        }
        if p.label.trim().is_empty() || p.client_id.is_empty() {
            return Err(format!(
                "CUPOLA_OIDC_PROVIDERS: {:?} needs a label and a client_id",
                p.id
            ));
        }
        IssuerUrl::new(p.issuer.clone())
            .map_err(|e| format!("CUPOLA_OIDC_PROVIDERS: {:?}: issuer: {e}", p.id))?;
    }
    Ok(providers)
}

/// What the flow remembers while the citizen is at the provider.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Pending {
    #[serde(rename = "p")]
    pub provider: String,
    #[serde(rename = "s")]
    state: String,
    #[serde(rename = "n")]
    nonce: String,
    #[serde(rename = "v")]
    verifier: String,
    #[serde(rename = "e")]
    pub expires: i64,
}

/// What the provider sends back to the return address.
#[derive(Debug, Default, Deserialize)]
pub struct Callback {
    pub code: Option<String>,
    pub state: Option<String>,
    /// RFC 9207: the issuer of the answer (checked when present).
    pub iss: Option<String>,
    pub error: Option<String>,
}

/// Who signed in.
#[derive(Clone, Debug)]
pub struct Identity {
    pub fiscal_code: FiscalCode,
    /// Given and family name as the provider gives them (empty if it gives none).
    pub name: String,
    pub provider: String,
}

/// Why signing in did not succeed. `class()` is what logs may say (never personal data).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Failure {
    /// No such provider configured.
    UnknownProvider,
    /// The answer did not verify (state, issuer, nonce, signature, a refused code, expired).
    Refused(&'static str),
    /// The provider could not be reached, or answered with a server error.
    Unavailable(&'static str),
    /// No fiscal-code claim, or one that is not a valid fiscal code.
    NoFiscalCode,
    /// The citizen cancelled at the provider.
    Cancelled,
}

impl Failure {
    pub fn class(self) -> &'static str {
        match self {
            Failure::UnknownProvider => "unknown_provider",
            Failure::Refused(why) | Failure::Unavailable(why) => why,
            Failure::NoFiscalCode => "no_fiscal_code",
            Failure::Cancelled => "cancelled",
        }
    }
}

/// Any claim of the userinfo answer, by name (the fiscal-code claim's name is configured).
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
struct AnyClaims {
    #[serde(flatten)]
    all: HashMap<String, serde_json::Value>,
}

impl AdditionalClaims for AnyClaims {}

/// The configured identity providers, their metadata, and the HTTP client that talks to them.
pub struct SignIn {
    providers: Vec<ProviderConfig>,
    http: reqwest::Client,
    metadata: moka::future::Cache<String, Arc<CoreProviderMetadata>>,
}

impl SignIn {
    pub fn new(providers: Vec<ProviderConfig>) -> SignIn {
        let http = reqwest::Client::builder()
            // Following redirects would open the client to SSRF (the crate's advice).
            .redirect(reqwest::redirect::Policy::none())
            .timeout(PROVIDER_TIMEOUT)
            .connect_timeout(PROVIDER_TIMEOUT)
            .build()
            .unwrap_or_default();
        SignIn {
            providers,
            http,
            metadata: moka::future::Cache::builder()
                .max_capacity(64)
                .time_to_live(METADATA_TTL)
                .build(),
        }
    }

    /// No provider configured: signing in is not offered.
    pub fn is_off(&self) -> bool {
        self.providers.is_empty()
    }

    /// The providers, as (id, label).
    pub fn choices(&self) -> impl Iterator<Item = (&str, &str)> {
        self.providers
            .iter()
            .map(|p| (p.id.as_str(), p.label.as_str()))
    }

    fn provider(&self, id: &str) -> Result<&ProviderConfig, Failure> {
        self.providers
            .iter()
            .find(|p| p.id == id)
            .ok_or(Failure::UnknownProvider)
    }

    /// The provider's metadata (discovered, or as discovered within the hour). A discovery
    /// document that names another issuer is refused, not cached.
    async fn metadata(
        &self,
        provider: &ProviderConfig,
    ) -> Result<Arc<CoreProviderMetadata>, Failure> {
        let issuer =
            IssuerUrl::new(provider.issuer.clone()).map_err(|_| Failure::Refused("issuer_url"))?;
        let http = self.http.clone();
        self.metadata
            .try_get_with(provider.id.clone(), async move {
                CoreProviderMetadata::discover_async(issuer, &http)
                    .await
                    .map(Arc::new)
            })
            .await
            .map_err(|err| {
                // The provider's address and what went wrong: no citizen's data.
                tracing::warn!(provider = %provider.id, error = %err, "identity provider discovery failed");
                err
            })
            .map_err(|err| match &*err {
                DiscoveryError::Validation(_) => Failure::Refused("wrong_issuer"),
                DiscoveryError::Parse(_) => Failure::Refused("discovery_parse"),
                _ => Failure::Unavailable("discovery_unavailable"),
            })
    }

    fn client(
        provider: &ProviderConfig,
        metadata: &CoreProviderMetadata,
        redirect: &str,
    ) -> Result<
        CoreClient<
            openidconnect::EndpointSet,
            openidconnect::EndpointNotSet,
            openidconnect::EndpointNotSet,
            openidconnect::EndpointNotSet,
            openidconnect::EndpointMaybeSet,
            openidconnect::EndpointMaybeSet,
        >,
        Failure,
    > {
        let redirect =
            RedirectUrl::new(redirect.to_owned()).map_err(|_| Failure::Refused("redirect_url"))?;
        Ok(CoreClient::from_provider_metadata(
            metadata.clone(),
            ClientId::new(provider.client_id.clone()),
            Some(ClientSecret::new(provider.client_secret.clone())),
        )
        .set_redirect_uri(redirect))
    }

    /// Where to send the citizen to sign in with provider `id`, and what to remember.
    pub async fn begin(
        &self,
        id: &str,
        redirect: &str,
        now: i64,
    ) -> Result<(String, Pending), Failure> {
        let provider = self.provider(id)?;
        let metadata = self.metadata(provider).await?;
        let client = Self::client(provider, &metadata, redirect)?;
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let mut request = client.authorize_url(
            CoreAuthenticationFlow::AuthorizationCode,
            CsrfToken::new_random,
            Nonce::new_random,
        );
        for scope in &provider.scopes {
            request = request.add_scope(Scope::new(scope.clone()));
        }
        let (url, state, nonce) = request.set_pkce_challenge(challenge).url();
        Ok((
            url.to_string(),
            Pending {
                provider: provider.id.clone(),
                state: state.secret().clone(),
                nonce: nonce.secret().clone(),
                verifier: verifier.secret().clone(),
                expires: now + PENDING_SECONDS,
            },
        ))
    }

    /// Checks the provider's answer against what was remembered and returns who signed in.
    pub async fn finish(
        &self,
        pending: &Pending,
        callback: &Callback,
        redirect: &str,
        now: i64,
    ) -> Result<Identity, Failure> {
        if let Some(error) = callback.error.as_deref() {
            return Err(if error == "access_denied" {
                Failure::Cancelled
            } else {
                Failure::Refused("provider_error")
            });
        }
        if pending.expires <= now {
            return Err(Failure::Refused("expired"));
        }
        let state = callback.state.as_deref().unwrap_or_default();
        let state_ok = state.len() == pending.state.len()
            && bool::from(subtle::ConstantTimeEq::ct_eq(
                state.as_bytes(),
                pending.state.as_bytes(),
            ));
        if !state_ok {
            return Err(Failure::Refused("state_mismatch"));
        }
        let code = callback
            .code
            .clone()
            .filter(|c| !c.is_empty() && c.len() <= 2048)
            .ok_or(Failure::Refused("no_code"))?;
        let provider = self.provider(&pending.provider)?;
        let metadata = self.metadata(provider).await?;
        if let Some(iss) = callback.iss.as_deref()
            && iss != metadata.issuer().as_str()
        {
            return Err(Failure::Refused("wrong_issuer"));
        }
        let client = Self::client(provider, &metadata, redirect)?;
        let token = client
            .exchange_code(AuthorizationCode::new(code))
            .map_err(|_| Failure::Refused("no_token_endpoint"))?
            .set_pkce_verifier(PkceCodeVerifier::new(pending.verifier.clone()))
            .request_async(&self.http)
            .await
            .map_err(|err| match err {
                RequestTokenError::ServerResponse(_) => Failure::Refused("code_refused"),
                RequestTokenError::Request(_) => Failure::Unavailable("token_unavailable"),
                _ => Failure::Refused("token_response"),
            })?;
        let id_token = token.id_token().ok_or(Failure::Refused("no_id_token"))?;
        let verifier = client.id_token_verifier();
        let claims = id_token
            .claims(&verifier, &Nonce::new(pending.nonce.clone()))
            .map_err(|err| match err {
                openidconnect::ClaimsVerificationError::InvalidNonce(_) => {
                    Failure::Refused("nonce_mismatch")
                }
                openidconnect::ClaimsVerificationError::InvalidIssuer(_) => {
                    Failure::Refused("wrong_issuer")
                }
                _ => Failure::Refused("id_token_invalid"),
            })?;
        if let Some(expected) = claims.access_token_hash() {
            let alg = id_token
                .signing_alg()
                .map_err(|_| Failure::Refused("id_token_alg"))?;
            let key = id_token
                .signing_key(&verifier)
                .map_err(|_| Failure::Refused("id_token_key"))?;
            let actual = AccessTokenHash::from_token(token.access_token(), alg, key)
                .map_err(|_| Failure::Refused("at_hash"))?;
            if actual != *expected {
                return Err(Failure::Refused("at_hash"));
            }
        }
        let userinfo: UserInfoClaims<AnyClaims, CoreGenderClaim> = client
            .user_info(token.access_token().clone(), Some(claims.subject().clone()))
            .map_err(|_| Failure::NoFiscalCode)?
            .request_async(&self.http)
            .await
            .map_err(|err| match err {
                UserInfoError::Request(_) => Failure::Unavailable("userinfo_unavailable"),
                _ => Failure::Refused("userinfo_invalid"),
            })?;
        let fiscal_code = userinfo
            .additional_claims()
            .all
            .get(&provider.fiscal_claim)
            .and_then(|v| v.as_str())
            .and_then(fiscal_code_of)
            .ok_or(Failure::NoFiscalCode)?;
        let given = userinfo
            .given_name()
            .and_then(|n| n.get(None))
            .map(|n| n.as_str().to_owned());
        let family = userinfo
            .family_name()
            .and_then(|n| n.get(None))
            .map(|n| n.as_str().to_owned());
        let name = match (given, family) {
            (Some(g), Some(f)) => format!("{g} {f}"),
            (Some(n), None) | (None, Some(n)) => n,
            (None, None) => userinfo
                .name()
                .and_then(|n| n.get(None))
                .map(|n| n.as_str().to_owned())
                .unwrap_or_default(),
        };
        Ok(Identity {
            fiscal_code,
            name: name.chars().take(100).collect(),
            provider: provider.id.clone(),
        })
    }
}

/// The fiscal code in a claim: SPID's `TINIT-RSSMRA…` or the bare code.
pub fn fiscal_code_of(claim: &str) -> Option<FiscalCode> {
    let claim = claim.trim();
    let code = match claim.get(..6) {
        Some(prefix) if prefix.eq_ignore_ascii_case("TINIT-") => &claim[6..],
        _ => claim,
    };
    FiscalCode::parse(code).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fiscal_numbers_as_spid_writes_them() {
        let code = "RSSMRA80A01H501U";
        assert!(FiscalCode::parse(code).is_ok(), "the test's code is valid");
        assert_eq!(
            fiscal_code_of("TINIT-RSSMRA80A01H501U").map(|c| c.as_str().to_owned()),
            Some(code.to_owned())
        );
        assert!(fiscal_code_of("tinit-RSSMRA80A01H501U").is_some());
        assert!(fiscal_code_of(code).is_some());
        assert!(
            fiscal_code_of("TINIT-RSSMRA80A01H501X").is_none(),
            "check character"
        );
        assert!(fiscal_code_of("TINIT-").is_none());
        assert!(fiscal_code_of("").is_none());
        assert!(fiscal_code_of("VATIT-12345678901").is_none());
    }

    #[test]
    fn providers_are_checked() {
        assert!(parse_providers("").expect("empty").is_empty());
        let one = r#"[{"id":"spid","label":"SPID","issuer":"https://id.example.it","client_id":"c","client_secret":"s"}]"#;
        let parsed = parse_providers(one).expect("valid");
        assert_eq!(parsed[0].fiscal_claim, "fiscalNumber");
        assert_eq!(parsed[0].scopes, vec!["profile".to_owned()]);
        let twice = format!("[{0},{0}]", &one[1..one.len() - 1]);
        assert!(parse_providers(&twice).is_err());
        assert!(parse_providers(&one.replace("spid", "SP ID")).is_err());
        assert!(parse_providers(&one.replace("https://id.example.it", "not a url")).is_err());
        assert!(
            parse_providers(&one.replace("\"client_id\":\"c\"", "\"client_id\":\"\"")).is_err()
        );
        assert!(parse_providers(r#"[{"id":"x"}]"#).is_err());
    }
}
