import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { BOT_SCOPES, REDIRECT_PATH } from '../../src/slack/install.js';

const root = new URL('../../', import.meta.url);
const manifest = parse(readFileSync(new URL('manifest.yml', root), 'utf8')) as {
  features: { slash_commands: { command: string; url: string }[] };
  oauth_config: { scopes: { bot: string[] }; redirect_urls: string[] };
  settings: {
    interactivity: { is_enabled: boolean; request_url: string };
    event_subscriptions: { request_url: string; bot_events: string[] };
    org_deploy_enabled: boolean;
  };
};

test("manifest.yml is valid against Slack's app manifest schema", () => {
  const schema = JSON.parse(
    readFileSync(new URL('test/fixtures/schemas/slack/manifest.schema.1.0.0.json', root), 'utf8'),
  ) as object;
  const ajv = new Ajv({ allErrors: true, strict: false });
  const validate = ajv.compile(schema);
  assert.ok(validate(manifest), JSON.stringify(validate.errors));
});

test('the schema check is not vacuous: a manifest without a name is refused', () => {
  const schema = JSON.parse(
    readFileSync(new URL('test/fixtures/schemas/slack/manifest.schema.1.0.0.json', root), 'utf8'),
  ) as object;
  const validate = new Ajv({ strict: false }).compile(schema);
  assert.equal(validate({ ...manifest, display_information: {} }), false);
});

test('the manifest declares /zoom and interactivity on the events endpoint', () => {
  const [command] = manifest.features.slash_commands;
  assert.equal(command?.command, '/zoom');
  assert.match(command?.url ?? '', /\/slack\/events$/);
  assert.equal(manifest.settings.interactivity.is_enabled, true);
  assert.match(manifest.settings.interactivity.request_url, /\/slack\/events$/);
});

/** The bot scope each Web API method the code calls needs (views.* need none beyond the trigger). */
const SCOPE_OF: Record<string, string | null> = {
  'chat.postMessage': 'chat:write',
  'chat.postEphemeral': 'chat:write',
  'chat.update': 'chat:write',
  'users.info': 'users:read',
  'conversations.open': 'im:write',
  'views.open': null,
  'views.update': null,
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

test('the scopes are exactly the ones the code needs', () => {
  const used = new Set<string>();
  for (const file of sourceFiles(new URL('src', root).pathname)) {
    for (const m of readFileSync(file, 'utf8').matchAll(
      /client\.(chat|users|conversations|views)\.(\w+)\(/g,
    )) {
      used.add(`${m[1]}.${m[2]}`);
    }
  }
  assert.ok(used.has('chat.postMessage') && used.has('users.info'));
  assert.match(readFileSync(new URL('src/slack/profiles.ts', root), 'utf8'), /profile\?\.email/);
  // users:read.email: the profile email that binds a Zoom account to its Slack user (profiles.ts).
  const needed = new Set(['commands', 'chat:write.public', 'users:read.email']);
  for (const method of used) {
    assert.ok(method in SCOPE_OF, `no scope known for ${method}`);
    const scope = SCOPE_OF[method];
    if (scope) needed.add(scope);
  }
  assert.deepEqual([...manifest.oauth_config.scopes.bot].sort(), [...needed].sort());
});

test('installs ask for the manifest’s scopes, come back to /slack/oauth_redirect, and uninstalls are heard', () => {
  assert.deepEqual([...BOT_SCOPES].sort(), [...manifest.oauth_config.scopes.bot].sort());
  assert.ok(manifest.oauth_config.redirect_urls.every((u) => new URL(u).pathname === REDIRECT_PATH));
  assert.ok(manifest.oauth_config.redirect_urls.length > 0);
  assert.match(manifest.settings.event_subscriptions.request_url, /\/slack\/events$/);
  assert.deepEqual([...manifest.settings.event_subscriptions.bot_events].sort(), [
    'app_uninstalled',
    'tokens_revoked',
  ]);
});
