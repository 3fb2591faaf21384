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
  ['TOKEN_ENCRYPTION_KEY', 'c2hvcnQ=', /32 bytes.*randomBytes\(32\)/],
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
