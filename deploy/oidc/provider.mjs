// A local stand-in for the 助企一把 platform's identity service (统一身份认证), for development and
// tests only: npm `oidc-provider` (a certified OpenID Connect implementation) on loopback, with
// demo identities, its own Chinese login page, the authorization code flow with PKCE required,
// RS256 ID tokens and RP-initiated logout. `make run` and `make test` start it (scripts/oidc.sh).
//
// Settings (environment):
//   GC_OIDC_PORT            port (the issuer is http://localhost:PORT)
//   GC_OIDC_CLIENT_ID       the client registered for Odoo (default gradient-cultivation)
//   GC_OIDC_CLIENT_SECRET   its secret (default: the demo database's, see gradient_cultivation demo)
//   GC_OIDC_REDIRECT_PORTS  comma-separated ports of the Odoo servers allowed to receive the code
//   GC_OIDC_TEST_HOOKS=1    enables /__test__/* (loopback only): make the next ID token misbehave,
//                           rotate the signing key. Never set outside the test run.
import http from 'node:http';
import { randomBytes } from 'node:crypto';

import Provider from 'oidc-provider';
import { generateKeyPair, exportJWK, importJWK, SignJWT, decodeJwt, decodeProtectedHeader } from 'jose';

const PORT = Number(process.env.GC_OIDC_PORT || 8090);
const ISSUER = `http://localhost:${PORT}`;
const CLIENT_ID = process.env.GC_OIDC_CLIENT_ID || 'gradient-cultivation';
const CLIENT_SECRET = process.env.GC_OIDC_CLIENT_SECRET || 'local-demo-client-secret-not-for-production';
const REDIRECT_PORTS = (process.env.GC_OIDC_REDIRECT_PORTS || '8069,8169').split(',').map((p) => p.trim()).filter(Boolean);
const TEST_HOOKS = process.env.GC_OIDC_TEST_HOOKS === '1';

// The demo identities (the password is the login, as for the demo database's users). The
// claims are those the platform sends; their names are settings of the module.
const ACCOUNTS = {
  ruichi: {
    sub: 'zqyb-ent-7f3a01', name: '马晓东', phone_number: '13709110156', email: 'maxd@ruichi.example.com',
    account_type: 'enterprise', uscc: '91610131MA6TXB8L4U', enterprise_name: '西安锐驰智能装备有限公司',
    label: '企业账号：西安锐驰智能装备有限公司（已在本系统登记）',
  },
  xinghe: {
    sub: 'zqyb-ent-7f3a02', name: '周静', phone_number: '13891230456', email: 'zhoujing@xinghe.example.com',
    account_type: 'enterprise', uscc: '91610131MA7XH2Q5NY', enterprise_name: '西安星河智能传感科技有限公司',
    label: '企业账号：西安星河智能传感科技有限公司（尚未登记）',
  },
  lina: {
    sub: 'zqyb-staff-0815', name: '李娜', phone_number: '13609180815', email: 'lina@gxq.example.gov.cn',
    account_type: 'staff', staff_id: 'GXQ-ZB-0815',
    label: '工作人员：李娜（丈八街道，已关联本系统账号）',
  },
  wangqiang: {
    sub: 'zqyb-staff-0999', name: '王强', phone_number: '13609180999', email: 'wangqiang@gxq.example.gov.cn',
    account_type: 'staff', staff_id: 'GXQ-XX-0999',
    label: '工作人员：王强（未关联本系统账号）',
  },
};
const BY_SUB = Object.fromEntries(Object.entries(ACCOUNTS).map(([login, a]) => [a.sub, { login, ...a }]));
const CLAIMS = ['name', 'phone_number', 'email', 'account_type', 'uscc', 'enterprise_name', 'staff_id'];

// ------------------------------------------------------------------------------------ keys
// RS256 keys made at each start: the ID tokens of a previous run no longer verify, and Odoo
// meets a new key id (it fetches the JWKS again). /__test__/rotate adds a key and signs with it.
const keys = [];
async function newKey() {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = await exportJWK(privateKey);
  jwk.kid = `gc-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
  jwk.alg = 'RS256';
  jwk.use = 'sig';
  return jwk;
}
keys.push(await newKey());
const rotated = []; // keys added by /__test__/rotate: served in the JWKS, used to re-sign

// ------------------------------------------------------------------------------------ pages
const esc = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
function page(title, body) {
  return `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)} · 助企一把</title>
<style>
*{box-sizing:border-box}body{margin:0;font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;background:#eef3f9;color:#1f2d3d}
header{background:#c8161d;color:#fff;padding:14px 24px;font-size:20px;font-weight:600;letter-spacing:1px}
header small{font-size:13px;font-weight:400;margin-left:12px;opacity:.9}
main{max-width:420px;margin:40px auto;background:#fff;border-radius:6px;box-shadow:0 2px 10px rgba(0,0,0,.08);padding:28px 28px 20px}
h1{font-size:20px;margin:0 0 6px}p.sub{color:#6b7785;margin:0 0 20px;font-size:14px}
label{display:block;font-size:14px;margin:14px 0 6px}input[type=text],input[type=password]{width:100%;padding:10px 12px;font-size:15px;border:1px solid #c9d3de;border-radius:4px}
button{margin-top:22px;width:100%;padding:11px;font-size:16px;background:#c8161d;color:#fff;border:0;border-radius:4px;cursor:pointer}
.error{background:#fdecea;color:#a61b1b;border-radius:4px;padding:10px 12px;font-size:14px;margin-bottom:8px}
.demo{margin-top:22px;border-top:1px solid #e3e8ee;padding-top:12px;font-size:13px;color:#6b7785}
.demo ul{padding-left:18px;margin:6px 0}.demo code{background:#f2f4f7;padding:1px 4px;border-radius:3px;color:#1f2d3d}
footer{text-align:center;color:#8a96a3;font-size:12px;margin:0 12px 24px}
@media (max-width:480px){main{margin:16px 12px;padding:22px 18px 16px}header{padding:12px 16px;font-size:18px}header small{display:block;margin:2px 0 0}}
</style></head><body><header>助企一把<small>统一身份认证（本地开发环境）</small></header>
<main>${body}</main><footer>本页是开发与测试用的本地身份服务，不是正式平台。</footer></body></html>`;
}

function loginPage(uid, clientName, error, login) {
  const demo = Object.entries(ACCOUNTS).map(([l, a]) => `<li><code>${esc(l)}</code> ${esc(a.label)}</li>`).join('');
  return page('登录', `<h1>登录助企一把</h1><p class="sub">登录后返回「${esc(clientName)}」</p>
${error ? `<div class="error" role="alert">${esc(error)}</div>` : ''}
<form method="post" action="/interaction/${esc(uid)}/login" autocomplete="off">
<label for="login">账号</label><input id="login" name="login" type="text" value="${esc(login)}" required autofocus>
<label for="password">密码</label><input id="password" name="password" type="password" required>
<button type="submit">登录</button></form>
<div class="demo">演示账号（密码与账号相同）：<ul>${demo}</ul></div>`);
}

// ------------------------------------------------------------------------------------ provider
const redirectUris = REDIRECT_PORTS.map((p) => `http://localhost:${p}/auth_oidc/callback`);
const logoutUris = REDIRECT_PORTS.map((p) => `http://localhost:${p}/web/login`);
const configuration = {
  clients: [{
    client_id: CLIENT_ID,
    client_secret: CLIENT_SECRET,
    client_name: '西安高新区工业企业梯度培育',
    redirect_uris: redirectUris,
    post_logout_redirect_uris: logoutUris,
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_basic',
    id_token_signed_response_alg: 'RS256',
  }],
  jwks: { keys },
  pkce: { required: () => true, methods: ['S256'] },
  scopes: ['openid', 'profile', 'email', 'phone', 'zqyb'],
  claims: {
    openid: ['sub'],
    profile: ['name'],
    email: ['email'],
    phone: ['phone_number'],
    zqyb: ['account_type', 'uscc', 'enterprise_name', 'staff_id'],
  },
  // The platform puts the claims of the granted scopes into the ID token itself.
  conformIdTokenClaims: false,
  cookies: { keys: [randomBytes(32).toString('hex')] },
  features: {
    devInteractions: { enabled: false },
    rpInitiatedLogout: {
      enabled: true,
      // The module asked for the logout (with the ID token as hint): sign out without a question.
      async logoutSource(ctx, form) {
        ctx.body = page('退出', `<h1>正在退出助企一把…</h1>${form}
<input type="hidden" name="logout" value="yes" form="op.logoutForm">
<noscript><button type="submit" form="op.logoutForm">退出</button></noscript>
<script>document.getElementById('op.logoutForm').submit()</script>`);
      },
      async postLogoutSuccessSource(ctx) {
        ctx.body = page('已退出', '<h1>您已退出助企一把</h1>');
      },
    },
  },
  ttl: { AccessToken: 600, AuthorizationCode: 120, IdToken: 600, Interaction: 900, Session: 8 * 3600, Grant: 8 * 3600 },
  async findAccount(ctx, sub) {
    const account = BY_SUB[sub];
    if (!account) return undefined;
    return {
      accountId: sub,
      async claims() {
        const out = { sub };
        for (const claim of CLAIMS) if (account[claim] !== undefined) out[claim] = account[claim];
        return out;
      },
    };
  },
  // The module is the platform's own client: the user is not asked to consent to each scope.
  async loadExistingGrant(ctx) {
    const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    if (ctx.oidc.client.clientId !== CLIENT_ID) return undefined;
    const grant = new ctx.oidc.provider.Grant({ clientId: CLIENT_ID, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope('openid profile email phone zqyb');
    grant.addOIDCClaims(CLAIMS);
    await grant.save();
    return grant;
  },
  async renderError(ctx, out) {
    ctx.type = 'html';
    ctx.body = page('出错了', `<h1>身份认证出错</h1><div class="error">${esc(out.error)}：${esc(out.error_description)}</div>`);
  },
};

const provider = new Provider(ISSUER, configuration);
provider.proxy = false;

async function formBody(req) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > 16384) throw new Error('form too large');
    chunks.push(chunk);
  }
  return Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
}

// ------------------------------------------------------------------------------------ test hooks
// One-shot changes to the next ID token the token endpoint returns, to prove that the module
// refuses it: tamper (payload changed, signature kept), expired, audience, nonce, drop:<claim>,
// set:<claim>=<value>, rotate (signed with a new key the JWKS then serves).
let nextToken = null;
async function resign(idToken, modes) {
  // modes: "|"-separated, e.g. "set:sub=x|set:uscc=y|expired"; claims change first, then the
  // token is signed (with a new key for "rotate"), then "tamper" alters the signed payload.
  const header = decodeProtectedHeader(idToken);
  const claims = decodeJwt(idToken);
  const now = Math.floor(Date.now() / 1000);
  let key = keys.find((k) => k.kid === header.kid) || keys[0];
  const list = modes.split('|').filter(Boolean);
  for (const mode of list) {
    if (mode === 'expired') { claims.iat = now - 3600; claims.exp = now - 1800; }
    else if (mode === 'audience') claims.aud = 'another-client';
    else if (mode === 'nonce') claims.nonce = randomBytes(12).toString('hex');
    else if (mode === 'issuer') claims.iss = 'http://localhost:1';
    else if (mode.startsWith('drop:')) delete claims[mode.slice(5)];
    else if (mode.startsWith('set:')) {
      const [name, ...value] = mode.slice(4).split('=');
      claims[name] = value.join('=');
    } else if (mode === 'rotate') {
      key = await newKey();
      rotated.push(key);
    }
  }
  const signed = await new SignJWT(claims).setProtectedHeader({ alg: 'RS256', typ: header.typ, kid: key.kid })
    .sign(await importJWK(key, 'RS256'));
  if (!list.includes('tamper')) return signed;
  const [h, p, sig] = signed.split('.');
  const payload = JSON.parse(Buffer.from(p, 'base64url').toString('utf8'));
  payload.name = `${payload.name || ''}（篡改）`;
  return [h, Buffer.from(JSON.stringify(payload)).toString('base64url'), sig].join('.');
}

provider.use(async (ctx, next) => {
  if (TEST_HOOKS && ctx.path.startsWith('/__test__/')) {
    const address = ctx.req.socket.remoteAddress || '';
    if (!['127.0.0.1', '::1', '::ffff:127.0.0.1'].includes(address)) { ctx.status = 403; return; }
    if (ctx.path === '/__test__/next-token' && ctx.method === 'POST') {
      const body = await formBody(ctx.req);
      nextToken = body.mode || null;
      ctx.body = { next: nextToken };
      return;
    }
    ctx.status = 404;
    return;
  }
  await next();
  if (ctx.path === '/token' && ctx.status === 200 && nextToken && ctx.body && ctx.body.id_token) {
    const mode = nextToken;
    nextToken = null;
    ctx.body = { ...ctx.body, id_token: await resign(ctx.body.id_token, mode) };
  } else if (ctx.path === '/jwks' && ctx.status === 200 && rotated.length && ctx.body && ctx.body.keys) {
    const publicOf = ({ kty, n, e, kid, alg, use }) => ({ kty, n, e, kid, alg, use });
    ctx.body = { keys: [...ctx.body.keys, ...rotated.map(publicOf)] };
  }
});

// ------------------------------------------------------------------------------------ login
provider.use(async (ctx, next) => {
  const match = /^\/interaction\/([^/]+)(\/login)?$/.exec(ctx.path);
  if (!match) return next();
  ctx.set('Cache-Control', 'no-store');
  let details;
  try {
    details = await provider.interactionDetails(ctx.req, ctx.res);
  } catch (e) {
    ctx.status = 400;
    ctx.type = 'html';
    ctx.body = page('会话已过期', '<h1>登录会话已过期</h1><p class="sub">请回到原来的系统重新点击「使用助企一把账号登录」。</p>');
    return;
  }
  const client = await provider.Client.find(details.params.client_id);
  const clientName = (client && client.clientName) || details.params.client_id;
  ctx.type = 'html';
  if (ctx.method === 'GET' && !match[2]) {
    ctx.body = loginPage(details.uid, clientName, null, '');
    return;
  }
  if (ctx.method === 'POST' && match[2]) {
    const body = await formBody(ctx.req);
    const login = (body.login || '').trim();
    const account = ACCOUNTS[login];
    if (!account || body.password !== login) {
      ctx.body = loginPage(details.uid, clientName, '账号或密码不正确。', login);
      return;
    }
    console.log(`${new Date().toISOString()} sign-in ${login} (${account.sub})`);
    const result = { login: { accountId: account.sub } };
    await provider.interactionFinished(ctx.req, ctx.res, result, { mergeWithLastSubmission: false });
    ctx.respond = false;
    return;
  }
  ctx.status = 405;
});

// ------------------------------------------------------------------------------------ serve
// Loopback only, on both address families: "localhost" resolves to either.
const callback = provider.callback();
let listening = 0;
for (const host of ['127.0.0.1', '::1']) {
  const server = http.createServer(callback);
  server.on('error', (e) => {
    if (host === '::1') return; // no IPv6 loopback on this machine
    console.error(`cannot listen on ${host}:${PORT}: ${e.message}`);
    process.exit(1);
  });
  server.listen(PORT, host, () => {
    listening += 1;
    if (listening === 1) {
      console.log(`OpenID provider ${ISSUER} (client ${CLIENT_ID}; redirect URIs ${redirectUris.join(' ')})${TEST_HOOKS ? ' with test hooks' : ''}`);
    }
  });
}
process.on('SIGTERM', () => process.exit(0));
process.on('SIGINT', () => process.exit(0));
