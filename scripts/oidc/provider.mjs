// A real OpenID Connect provider (panva's certified `oidc-provider`) on a loopback port, standing
// in for a municipality's identity provider: for the browser tests (tests/browser/oidc.py starts
// it) and for the demo (`make run`). Plain http on 127.0.0.1 only; never expose it.
//
//   node scripts/oidc/provider.mjs --port 8001 --users scripts/oidc/demo-users.json \
//     --client-id samverkan --client-secret demo-secret \
//     --redirect-uri http://localhost:8000/konto/oidc/kommun/login/callback/
//
// Every option may also come from the environment: OIDC_PORT, OIDC_USERS, OIDC_CLIENT_ID,
// OIDC_CLIENT_SECRET, OIDC_REDIRECT_URIS (comma-separated). Users are a JSON list of
// {"id", "email", "email_verified", "name", "amr", "acr", ...}; a person signs in by typing the id.
// Authorization-code flow only, PKCE (S256) required, one confidential client.

import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import { parseArgs } from 'node:util';

import Provider, { interactionPolicy } from 'oidc-provider';

const { values: args } = parseArgs({
  options: {
    port: { type: 'string' },
    users: { type: 'string' },
    'client-id': { type: 'string' },
    'client-secret': { type: 'string' },
    'redirect-uri': { type: 'string', multiple: true },
  },
});

const env = process.env;
const port = Number(args.port ?? env.OIDC_PORT ?? 8001);
const usersFile = args.users ?? env.OIDC_USERS ?? new URL('demo-users.json', import.meta.url).pathname;
const clientId = args['client-id'] ?? env.OIDC_CLIENT_ID ?? 'samverkan';
const clientSecret = args['client-secret'] ?? env.OIDC_CLIENT_SECRET ?? 'demo-secret';
const redirectUris = args['redirect-uri']
  ?? (env.OIDC_REDIRECT_URIS ?? 'http://localhost:8000/konto/oidc/kommun/login/callback/,http://127.0.0.1:8000/konto/oidc/kommun/login/callback/')
    .split(',').map((uri) => uri.trim()).filter(Boolean);

const issuer = `http://127.0.0.1:${port}`;
const users = new Map(JSON.parse(fs.readFileSync(usersFile, 'utf8')).map((user) => [user.id, user]));

// A fresh signing key and cookie key per start: nothing here is meant to outlive the process.
const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const signingKey = { ...privateKey.export({ format: 'jwk' }), kid: 'demo-1', use: 'sig', alg: 'RS256' };

// Ask for the account id on every authorization request, so that the demo can switch people
// and each test starts from the login form; an interaction just finished counts as the login.
const { Prompt, Check, base } = interactionPolicy;
const policy = base();
policy.get('login').checks.add(new Check(
  'login_every_time',
  'the demo provider asks who you are on every request',
  (ctx) => (ctx.oidc.result?.login ? Check.NO_NEED_TO_PROMPT : Check.REQUEST_PROMPT),
));

const configuration = {
  clients: [{
    client_id: clientId,
    client_secret: clientSecret,
    redirect_uris: redirectUris,
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_post',
  }],
  jwks: { keys: [signingKey] },
  cookies: { keys: [crypto.randomBytes(32).toString('hex')] },
  // `personal_number` stands for what Swedish identity providers often add; Samverkan must
  // neither use it as the subject nor store it.
  claims: {
    // amr/acr say how the person signed in (Samverkan reads them for the second factor).
    openid: ['sub', 'amr', 'acr'],
    email: ['email', 'email_verified'],
    profile: ['name', 'given_name', 'family_name', 'personal_number'],
  },
  pkce: { required: () => true },
  features: { devInteractions: { enabled: false } },
  clientBasedCORS: () => false,
  interactions: { policy, url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  // A first-party client: the people consent by signing in (no separate consent page).
  async loadExistingGrant(ctx) {
    const { client, session } = ctx.oidc;
    const existing = ctx.oidc.result?.consent?.grantId || session.grantIdFor(client.clientId);
    if (existing) return ctx.oidc.provider.Grant.find(existing);
    const grant = new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId });
    grant.addOIDCScope('openid email profile');
    await grant.save();
    session.grantIdFor(client.clientId, grant.jti);
    return grant;
  },
  async findAccount(ctx, id) {
    const user = users.get(id);
    if (!user) return undefined;
    return {
      accountId: id,
      async claims() {
        const { id: sub, amr, acr, ...claims } = user;
        return { sub, ...claims };
      },
    };
  },
};

const provider = new Provider(issuer, configuration);

const escape = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(res, status, body) {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(`<!doctype html><html lang="sv"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Kommunens inloggning (demo)</title></head>
<body><main><h1>Kommunens inloggning (demo)</h1>${body}</main></body></html>`);
}

function loginForm(res, uid, error = '') {
  const known = [...users.keys()].map((id) => `<li><code>${escape(id)}</code></li>`).join('');
  page(res, error ? 400 : 200, `
${error ? `<p role="alert">${escape(error)}</p>` : ''}
<form method="post" action="/interaction/${escape(uid)}/login">
  <p><label for="login">Konto-id</label>
  <input id="login" name="login" autocomplete="username" required autofocus></p>
  <p><button type="submit">Logga in</button></p>
</form>
<form method="post" action="/interaction/${escape(uid)}/abort"><p><button type="submit">Avbryt</button></p></form>
<h2>Konton i den här demoleverantören</h2><ul>${known}</ul>`);
}

async function readForm(req) {
  let body = '';
  for await (const chunk of req) body += chunk;
  return new URLSearchParams(body);
}

async function interaction(req, res) {
  const [, , uid, action] = new URL(req.url, issuer).pathname.split('/');
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== uid) throw new Error('interaction mismatch');
  if (req.method === 'GET') return loginForm(res, uid);
  if (action === 'abort') {
    return provider.interactionFinished(req, res, {
      error: 'access_denied', error_description: 'Inloggningen avbröts.',
    }, { mergeWithLastSubmission: false });
  }
  const accountId = (await readForm(req)).get('login')?.trim() ?? '';
  const user = users.get(accountId);
  if (!user) return loginForm(res, uid, 'Okänt konto-id.');
  const login = { accountId, remember: false };
  if (user.amr) login.amr = user.amr;
  if (user.acr) login.acr = user.acr;
  return provider.interactionFinished(req, res, { login }, { mergeWithLastSubmission: false });
}

const callback = provider.callback();
const server = http.createServer((req, res) => {
  if (req.url.startsWith('/interaction/')) {
    interaction(req, res).catch((err) => {
      page(res, 400, `<p role="alert">${escape(err.message)}</p>`);
    });
    return;
  }
  callback(req, res);
});

server.listen(port, '127.0.0.1', () => {
  console.log(`OpenID-leverantör (demo) på ${issuer} – discovery ${issuer}/.well-known/openid-configuration`);
  console.log(`  klient ${clientId}, redirect ${redirectUris.join(' ')}; konton: ${[...users.keys()].join(', ')}`);
  const setting = [{
    id: 'kommun', name: 'Logga in med ditt kommunkonto', server_url: issuer, client_id: clientId,
    secret: clientSecret, domains: ['demo.se'], mfa_claims: { amr: ['mfa', 'otp', 'hwk'] },
  }];
  console.log(`  Samverkan: SAMVERKAN_OIDC_PROVIDERS='${JSON.stringify(setting)}'`);
  console.log('  Klicka "Logga in med ditt kommunkonto" på /konto/login/ och skriv ett konto-id ovan.');
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
