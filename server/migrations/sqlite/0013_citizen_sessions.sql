-- Citizens who sign in (SPID or CIE through OpenID Connect) have server-side sessions in the
-- same store as staff (tower-sessions). "Sign out everywhere" ends every session of a citizen at
-- once: a session is valid only if it began after its citizen's last such sign-out. The citizen
-- is named by a keyed hash of the fiscal code (96 bits of an HMAC-SHA-256 with the instances' shared
-- secret, in hex), never the code.
create table citizen_sign_outs (
    subject text primary key check (length(subject) = 24),
    signed_out_at_ms bigint not null check (signed_out_at_ms > 0)
);
