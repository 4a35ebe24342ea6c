//! The HTTP plumbing every feature stands on: the page a request is for (language, terminal,
//! stylesheet), the citizen's pass, the middleware every answer passes through, and the fast
//! path ahead of the router. Nothing here knows a feature; `router` puts the features together.

pub mod client;
pub mod fast;
pub mod limits;
pub mod middleware;
pub mod operators;
pub mod page;
pub mod pass;
pub mod prepared;
pub mod seal;
pub mod terminal;
