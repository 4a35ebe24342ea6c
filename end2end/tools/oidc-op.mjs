// A real OpenID Connect provider for the sign-in tests: the npm package `oidc-provider` (the
// certified Node implementation), listening on 127.0.0.1, port 0. Its first line on stdout is
// {"port":PORT,"issuer":"http://HOST:PORT"}.
//
// One argument, JSON:
//   clients   the registered clients: [{client_id, client_secret, redirect_uris}]
//   accounts  the users, by login: {"mario": {"fiscalNumber": "TINIT-…", "given_name": …}}.
//             A login not listed signs in a user whose fiscalNumber claim is the login itself
//             (e.g. TINIT-RSSMRA80A01H501U), named Prova Cittadino; the login
//             "no-fiscal-number" is a user without that claim.
//   host      the host the issuer names (default 127.0.0.1; "localhost" makes an issuer that
//             does not match the address Cupola is configured with: the wrong-issuer test)
//
// Signing in goes through the package's own development interactions: GET /interaction/UID
// shows a form; POST /interaction/UID with prompt=login&login=LOGIN&password=anything signs in
// as LOGIN. Consent is given at once (the grant covers openid and profile), as a public
// identity provider does for a registered relying party. Claims reach the client through the
// userinfo endpoint (as SPID and CIE give their attributes); PKCE is required.
import http from 'node:http';
import Provider from 'oidc-provider';

// Whoever started the provider may stop reading after the first line.
process.stdout.on('error', () => {});

const config = JSON.parse(process.argv[2] ?? '{}');
const accounts = config.accounts ?? {};
const host = config.host ?? '127.0.0.1';
const claimNames = new Set(['fiscalNumber', 'given_name', 'family_name', 'name']);
for (const claims of Object.values(accounts)) {
  for (const name of Object.keys(claims)) claimNames.add(name);
}

let handler = (req, res) => {
  res.statusCode = 503;
  res.end();
};
const server = http.createServer((req, res) => handler(req, res));
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address();
  const issuer = `http://${host}:${port}`;
  const provider = new Provider(issuer, {
    clients: (config.clients ?? []).map((c) => ({
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
      ...c,
    })),
    async findAccount(ctx, id) {
      const claims = accounts[id]
        ?? (id === 'no-fiscal-number'
          ? { given_name: 'Prova', family_name: 'Senza Codice' }
          : { fiscalNumber: id, given_name: 'Prova', family_name: 'Cittadino' });
      return { accountId: id, async claims() { return { sub: id, ...claims }; } };
    },
    claims: { openid: ['sub'], profile: [...claimNames] },
    pkce: { required: () => true },
    features: { devInteractions: { enabled: true } },
    cookies: { keys: ['cupola-test-only-cookie-key'] },
    async loadExistingGrant(ctx) {
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client.clientId,
        accountId: ctx.oidc.session.accountId,
      });
      grant.addOIDCScope('openid profile');
      grant.addOIDCClaims([...claimNames]);
      await grant.save();
      return grant;
    },
  });
  // No warnings about development keys and interactions on stderr: this is a test provider.
  provider.on('server_error', (ctx, err) => console.error('oidc-op server_error', err));
  handler = provider.callback();
  console.log(JSON.stringify({ port, issuer }));
});

process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
