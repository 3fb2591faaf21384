import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { BOT_SCOPES, REDIRECT_PATH } from '../../src/slack/install.js';

const root = new URL('../../', import.meta.url);
const manifest = parse(readFileSync(new URL('manifest.yml', root), 'utf8')) as {
  features: {
    slash_commands: { command: string; url: string }[];
    app_home?: { home_tab_enabled?: boolean };
    shortcuts?: { type: string; callback_id: string }[];
    unfurl_domains?: string[];
  };
  oauth_config: { scopes: { bot: string[] }; redirect_urls: string[] };
  settings: {
    interactivity: { is_enabled: boolean; request_url: string };
    event_subscriptions: { request_url: string; bot_events: string[] };
    org_deploy_enabled: boolean;
    function_runtime?: string;
  };
  functions?: Record<
    string,
    {
      input_parameters: Record<string, { type: string; is_required?: boolean }>;
      output_parameters: Record<string, { type: string; is_required?: boolean }>;
    }
  >;
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
  // Reminders (docs.slack.dev/reference/methods/chat.scheduleMessage: chat:write).
  'chat.scheduleMessage': 'chat:write',
  'chat.deleteScheduledMessage': 'chat:write',
  'users.info': 'users:read',
  // The host of a meeting scheduled for someone else, found by their Zoom email (api.slack.com/methods/users.lookupByEmail).
  'users.lookupByEmail': 'users:read.email',
  'conversations.open': 'im:write',
  'chat.unfurl': 'links:write',
  'views.open': null,
  'views.update': null,
  'views.publish': null,
};

/** The bot scope each subscribed event needs (null: none). */
const EVENT_SCOPE: Record<string, string | null> = {
  app_uninstalled: null,
  tokens_revoked: null,
  app_home_opened: null,
  link_shared: 'links:read',
  function_executed: null,
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
      /\b(?:client|slack)\s*\.(chat|users|conversations|views)\s*\.(\w+)\(/g,
    )) {
      used.add(`${m[1]}.${m[2]}`);
    }
  }
  assert.ok(used.has('chat.postMessage') && used.has('users.info'));
  assert.match(readFileSync(new URL('src/slack/profiles.ts', root), 'utf8'), /profile\?\.email/);
  // users:read.email: the profile email that binds a Zoom account to its Slack user (profiles.ts).
  const needed = new Set(['commands', 'chat:write.public', 'users:read.email']);
  for (const event of manifest.settings.event_subscriptions?.bot_events ?? []) {
    assert.ok(event in EVENT_SCOPE, `no scope known for event ${event}`);
    const scope = EVENT_SCOPE[event];
    if (scope) needed.add(scope);
  }
  for (const method of used) {
    assert.ok(method in SCOPE_OF, `no scope known for ${method}`);
    const scope = SCOPE_OF[method];
    if (scope) needed.add(scope);
  }
  assert.deepEqual([...manifest.oauth_config.scopes.bot].sort(), [...needed].sort());
});

test('the manifest declares the App Home, both shortcuts, Zoom link previews and their events', () => {
  assert.equal(manifest.features.app_home?.home_tab_enabled, true);
  const shortcuts = (manifest.features.shortcuts ?? []).map((s) => `${s.type}:${s.callback_id}`).sort();
  assert.deepEqual(shortcuts, ['global:schedule_meeting_global', 'message:schedule_from_message']);
  assert.deepEqual(manifest.features.unfurl_domains, ['zoom.us']);
  const events = manifest.settings.event_subscriptions;
  assert.match(events?.request_url ?? '', /\/slack\/events$/);
  assert.deepEqual([...(events?.bot_events ?? [])].sort(), [
    'app_home_opened',
    'app_uninstalled',
    'function_executed',
    'link_shared',
    'tokens_revoked',
  ]);
});

test('the Workflow Builder step is declared with its inputs and outputs, run remotely, org-ready', () => {
  assert.equal(manifest.settings.function_runtime, 'remote');
  assert.equal(manifest.settings.org_deploy_enabled, true);
  const step = manifest.functions?.create_zoom_meeting;
  assert.ok(step);
  const shape = (params: Record<string, { type: string; is_required?: boolean }>) =>
    Object.fromEntries(
      Object.entries(params).map(([name, p]) => [name, `${p.type}${p.is_required ? '!' : ''}`]),
    );
  assert.deepEqual(shape(step.input_parameters), {
    topic: 'string!',
    when: 'string!',
    duration: 'integer',
    channel_id: 'slack#/types/channel_id',
    host: 'slack#/types/user_id!',
  });
  assert.deepEqual(shape(step.output_parameters), {
    meeting_id: 'string!',
    join_url: 'string!',
    start_time: 'string!',
  });
});

test('the schema check covers the new sections: a misspelled function parameter type is refused', () => {
  const schema = JSON.parse(
    readFileSync(new URL('test/fixtures/schemas/slack/manifest.schema.1.0.0.json', root), 'utf8'),
  ) as object;
  const validate = new Ajv({ strict: false }).compile(schema);
  const broken = structuredClone(manifest) as typeof manifest & { features: { shortcuts: unknown[] } };
  broken.features.shortcuts = [{ name: 'x', type: 'somewhere', callback_id: 'y', description: 'z' }];
  assert.equal(validate(broken), false);
  const badUnfurl = structuredClone(manifest);
  badUnfurl.features.unfurl_domains = ['https://zoom.us/'];
  assert.equal(validate(badUnfurl), false);
});
test('installs ask for the manifest’s scopes, come back to /slack/oauth_redirect, and uninstalls are heard', () => {
  assert.deepEqual([...BOT_SCOPES].sort(), [...manifest.oauth_config.scopes.bot].sort());
  assert.ok(manifest.oauth_config.redirect_urls.every((u) => new URL(u).pathname === REDIRECT_PATH));
  assert.ok(manifest.oauth_config.redirect_urls.length > 0);
  assert.match(manifest.settings.event_subscriptions.request_url, /\/slack\/events$/);
  for (const event of ['app_uninstalled', 'tokens_revoked']) {
    assert.ok(manifest.settings.event_subscriptions.bot_events.includes(event), event);
  }
});
