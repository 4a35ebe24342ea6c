//! How the cookies Cupola gives citizens' browsers are sealed (the pass, encrypted; the kiosk
//! mark, signed): one key shared by every instance (kept in the database), and whether the
//! cookies travel over HTTPS only.

use cookie::Key;

#[derive(Clone)]
pub struct CookieSeal {
    pub key: Key,
    /// `Secure` cookies with the `__Host-` prefix (behind HTTPS).
    pub secure: bool,
}
