import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError, loadConfig } from '../src/config.js';

const KEY = Buffer.alloc(32, 7).toString('base64');
const valid = {
  SLACK_SIGNING_SECRET: 'secret',
  SLACK_BOT_TOKEN: 'xoxb-1-2-3',
  ZOOM_CLIENT_ID: 'cid',
  ZOOM_CLIENT_SECRET: 'csecret',
  ZOOM_REDIRECT_URL: 'https://bot.example.com/zoom/oauth/callback',
  TOKEN_ENCRYPTION_KEY: KEY,
};

function errorFor(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (err) {
    assert.ok(err instanceof ConfigError);
    return err;
  }
  assert.fail('expected a ConfigError');
}

test('defaults fill everything optional', () => {
  const config = loadConfig(valid);
  assert.equal(config.redis.url, 'redis://127.0.0.1:6379');
  assert.equal(config.redis.keyPrefix, 'zoombot:');
  assert.equal(config.zoom.oauthUrl, 'https://zoom.us');
  assert.equal(config.zoom.apiUrl, 'https://api.zoom.us/v2');
  assert.equal(config.slack.apiUrl, 'https://slack.com/api/');
  assert.equal(config.slack.appToken, undefined);
  assert.equal(config.zoom.webhookSecretToken, undefined);
  assert.equal(config.defaultTimeZone, 'Asia/Tokyo');
  assert.equal(config.defaultLocale, 'ja');
  assert.equal(config.port, 3000);
  assert.equal(config.logLevel, 'info');
  assert.equal(config.tokenEncryptionKeys.length, 1);
});

test('ZoomGov and rediss:// are accepted', () => {
  const config = loadConfig({
    ...valid,
    ZOOM_OAUTH_URL: 'https://zoomgov.com/',
    ZOOM_API_URL: 'https://api.zoomgov.com/v2',
    REDIS_URL: 'rediss://:pw@redis.example.com:6380',
    TOKEN_ENCRYPTION_KEY_PREVIOUS: Buffer.alloc(32, 1).toString('base64'),
  });
  assert.equal(config.zoom.oauthUrl, 'https://zoomgov.com');
  assert.equal(config.redis.url, 'rediss://:pw@redis.example.com:6380');
  assert.equal(config.tokenEncryptionKeys.length, 2);
});

for (const name of Object.keys(valid)) {
  test(`a missing ${name} is named`, () => {
    const env: Record<string, string> = { ...valid };
    delete env[name];
    const err = errorFor(env);
    assert.equal(err.variable, name);
    assert.match(err.message, new RegExp(`^${name}: `));
  });
}

const malformed: [string, string, RegExp][] = [
  ['TOKEN_ENCRYPTION_KEY', 'c2hvcnQ=', /decodes to 5 bytes; it must be exactly 32 bytes/],
  ['SLACK_BOT_TOKEN', 'xoxp-user-token', /xoxb-/],
  ['SLACK_APP_TOKEN', 'xoxb-wrong', /xapp-/],
  ['ZOOM_REDIRECT_URL', 'not a url', /valid URL/],
  ['REDIS_URL', 'http://127.0.0.1:6379', /redis:\/\//],
  ['DEFAULT_TIMEZONE', 'Mars/Olympus', /IANA/],
  ['DEFAULT_LOCALE', 'fr', /ja, en/],
  ['PORT', '70000', /port/],
  ['LOG_LEVEL', 'loud', /debug, info/],
];
for (const [name, value, message] of malformed) {
  test(`a malformed ${name} is named with what is wrong`, () => {
    const err = errorFor({ ...valid, [name]: value });
    assert.equal(err.variable, name);
    assert.match(err.message, message);
  });
}

test('every problem is reported at once, each with what is wrong', () => {
  const err = errorFor({
    SLACK_SIGNING_SECRET: 'secret',
    SLACK_BOT_TOKEN: 'xoxb-',
    ZOOM_CLIENT_ID: 'changeme',
    ZOOM_REDIRECT_URL: 'not a url',
    TOKEN_ENCRYPTION_KEY: 'abc',
    PORT: 'eighty',
  });
  assert.deepEqual(err.problems.map((p) => p.variable).sort(), [
    'PORT',
    'SLACK_BOT_TOKEN',
    'TOKEN_ENCRYPTION_KEY',
    'ZOOM_CLIENT_ID',
    'ZOOM_CLIENT_SECRET',
    'ZOOM_REDIRECT_URL',
  ]);
  const byName = new Map(err.problems.map((p) => [p.variable, p]));
  assert.match(byName.get('SLACK_BOT_TOKEN')?.problem ?? '', /placeholder "xoxb-".*OAuth & Permissions/);
  assert.match(byName.get('ZOOM_CLIENT_ID')?.problem ?? '', /placeholder "changeme"/);
  assert.match(byName.get('ZOOM_CLIENT_SECRET')?.problem ?? '', /required but not set/);
});

const placeholders: [string, string][] = [
  ['SLACK_BOT_TOKEN', 'xoxb-'],
  ['SLACK_BOT_TOKEN', 'xoxb-your-bot-token'],
  ['SLACK_BOT_TOKEN', 'xoxb-xxxxxxxx'],
  ['SLACK_APP_TOKEN', 'xapp-'],
  ['SLACK_SIGNING_SECRET', 'changeme'],
  ['ZOOM_CLIENT_SECRET', '<client secret>'],
  ['TOKEN_ENCRYPTION_KEY', 'CHANGE_ME'],
];
for (const [name, value] of placeholders) {
  test(`the placeholder ${name}=${value} is refused`, () => {
    const err = errorFor({ ...valid, [name]: value });
    assert.equal(err.variable, name);
    assert.match(err.message, /placeholder/);
  });
}

const keys: [string, string, RegExp][] = [
  ['too short', Buffer.alloc(16, 1).toString('base64'), /decodes to 16 bytes; it must be exactly 32 bytes/],
  ['too long', Buffer.alloc(48, 1).toString('base64'), /decodes to 48 bytes/],
  [
    'base64url',
    Buffer.alloc(32, 251).toString('base64url'),
    /"-" at position 1, which is not a base64 character \(base64url/,
  ],
  ['a stray character', `${KEY.slice(0, 10)}!${KEY.slice(11)}`, /"!" at position 11/],
  [
    'hex',
    Buffer.alloc(32, 9).toString('hex'),
    /64 hex digits; it must be the same 32 bytes written in base64/,
  ],
  ['no padding', KEY.replace(/=+$/, ''), /not canonical base64/],
];
for (const [what, value, message] of keys) {
  test(`a key that is ${what} says so, and how to make one`, () => {
    const err = errorFor({ ...valid, TOKEN_ENCRYPTION_KEY: value });
    assert.equal(err.variable, 'TOKEN_ENCRYPTION_KEY');
    assert.match(err.problems[0]?.problem ?? '', message);
    assert.equal(
      err.problems[0]?.fix,
      `node -e "console.log(require('crypto').randomBytes(32).toString('base64'))"`,
    );
  });
}
const { SLACK_BOT_TOKEN: _token, ...withoutToken } = valid;
const install = {
  SLACK_CLIENT_ID: '1234.5678',
  SLACK_CLIENT_SECRET: 'client-secret',
  SLACK_STATE_SECRET: 'a-long-random-state-secret',
};

test('SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET without a bot token: installs through OAuth', () => {
  const config = loadConfig({ ...withoutToken, ...install, SLACK_API_URL: 'https://slack-gov.com/api' });
  assert.equal(config.slack.botToken, undefined);
  assert.deepEqual(config.slack.oauth, {
    clientId: '1234.5678',
    clientSecret: 'client-secret',
    stateSecret: 'a-long-random-state-secret',
    authorizeUrl: 'https://slack-gov.com/oauth/v2/authorize',
  });
  assert.equal(loadConfig(valid).slack.oauth, undefined);
});

test('neither a bot token nor OAuth settings: start-up names both ways', () => {
  const err = errorFor(withoutToken);
  assert.equal(err.variable, 'SLACK_BOT_TOKEN');
  assert.match(err.message, /SLACK_BOT_TOKEN.*SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET/);
});

for (const name of Object.keys(install)) {
  test(`OAuth install mode without ${name} names it`, () => {
    const env: Record<string, string> = { ...withoutToken, ...install };
    delete env[name];
    const err = errorFor(env);
    assert.equal(err.variable, name);
    assert.match(err.message, new RegExp(`^${name}: is required`));
  });
}

test('OAuth install mode with only SLACK_CLIENT_ID names both missing settings at once', () => {
  const err = errorFor({ ...withoutToken, SLACK_CLIENT_ID: '1234.5678' });
  assert.deepEqual(
    err.problems.map((p) => p.variable),
    ['SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET'],
  );
});

test('a bot token and OAuth settings together: start-up names both', () => {
  const err = errorFor({ ...valid, SLACK_CLIENT_ID: '1234.5678' });
  assert.match(err.message, /^SLACK_BOT_TOKEN: is set together with SLACK_CLIENT_ID; set either/);
  const all = errorFor({ ...valid, ...install });
  assert.match(all.message, /SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET; set either/);
});

test('a short SLACK_STATE_SECRET is refused', () => {
  const err = errorFor({ ...withoutToken, ...install, SLACK_STATE_SECRET: 'short' });
  assert.equal(err.variable, 'SLACK_STATE_SECRET');
});
