/**
 * The fake Slack's Web API methods: what each answers, as strict as Slack about the caller's
 * workspace and scopes, the Block Kit schema and the channel.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { ChannelMembers } from './fake-slack-members.js';
import { lookupByEmail } from './fake-slack-people.js';
import type { createScheduledMessages } from './fake-slack-scheduled.js';
import type { surfaceMethods } from './fake-slack-surfaces.js';
import type { PostedMessage, SlackUserProfile } from './fake-slack-types.js';
import type { Access, FakeWorkspaces } from './fake-slack-workspaces.js';
import { validateMessage, validateView } from './slack-validation.js';

const MANIFEST_BOT_SCOPES = (
  parse(readFileSync(new URL('../../manifest.yml', import.meta.url), 'utf8')) as {
    oauth_config: { scopes: { bot: string[] } };
  }
).oauth_config.scopes.bot;

export function createWebMethods(deps: {
  validate: boolean;
  schemaErrors: string[];
  users: Map<string, SlackUserProfile>;
  tokenScopes: Map<string, string[]>;
  messages: Map<string, PostedMessage>;
  notInChannel: Set<string>;
  members: ChannelMembers;
  scheduledMessages: ReturnType<typeof createScheduledMessages>;
  surfaces: ReturnType<typeof surfaceMethods>;
  workspaces: FakeWorkspaces;
  socketUrl(): string | undefined;
}) {
  const { validate, schemaErrors, users, tokenScopes, messages, notInChannel, scheduledMessages } = deps;
  const { surfaces, workspaces } = deps;
  let tsCounter = 0;
  let viewCounter = 0;

  const nextTs = () => {
    tsCounter += 1;
    return `${Math.floor(Date.now() / 1000)}.${String(tsCounter).padStart(6, '0')}`;
  };

  /** Slack answers another workspace's channel or user as not found. */
  const foreignId = (method: string, args: Record<string, unknown>, grant: Access & { ok: true }) => {
    const targets: [string, 'channels' | 'users', string][] = [];
    if (typeof args.channel === 'string' && args.channel)
      targets.push([args.channel, 'channels', 'channel_not_found']);
    if (typeof args.user === 'string' && args.user) targets.push([args.user, 'users', 'user_not_found']);
    if (method === 'conversations.open' && typeof args.users === 'string') {
      for (const id of args.users.split(',')) targets.push([id, 'users', 'user_not_found']);
    }
    // A trigger_id works only with a token of the workspace whose user's click or command made it.
    const triggerTeam =
      typeof args.trigger_id === 'string' ? workspaces.triggers.get(args.trigger_id) : undefined;
    const triggerWorkspace = triggerTeam ? workspaces.workspaces.get(triggerTeam) : undefined;
    if (triggerWorkspace && !workspaces.mayActIn(grant.grant, triggerWorkspace)) return 'invalid_trigger_id';
    for (const [id, kind, error] of targets) {
      if (!workspaces.mayActIn(grant.grant, workspaces.ownerOf(id, kind))) return error;
    }
    return undefined;
  };

  const api = (
    method: string,
    args: Record<string, unknown>,
    access: Access & { ok: true },
    token: string,
  ): Record<string, unknown> => {
    switch (method) {
      case 'auth.test':
        return workspaces.authTest(access.grant);
      case 'users.info': {
        const id = String(args.user ?? '');
        const profile = users.get(id) ?? {};
        const user: Record<string, unknown> = {
          id,
          name: profile.name ?? id.toLowerCase(),
          real_name: profile.name ?? id,
          tz: profile.tz ?? 'Asia/Tokyo',
          tz_offset: 0,
        };
        if (String(args.include_locale) === 'true') user.locale = profile.locale ?? 'ja-JP';
        // A token's grant lists its scopes; the default token has what the manifest asks for.
        const granted = access.grant.scopes.length > 0 ? access.grant.scopes : MANIFEST_BOT_SCOPES;
        const scopes = tokenScopes.get(token) ?? granted;
        user.profile = {
          real_name: profile.name ?? id,
          display_name: profile.name ?? id.toLowerCase(),
          ...(profile.email && scopes.includes('users:read.email') ? { email: profile.email } : {}),
        };
        return { ok: true, user };
      }
      case 'users.lookupByEmail': {
        const granted = access.grant.scopes.length > 0 ? access.grant.scopes : MANIFEST_BOT_SCOPES;
        return lookupByEmail(args, tokenScopes.get(token) ?? granted, users, (id) =>
          workspaces.mayActIn(access.grant, workspaces.ownerOf(id, 'users')),
        );
      }
      case 'views.open':
      case 'views.push':
      case 'views.update': {
        if (method !== 'views.update' && !args.trigger_id) return { ok: false, error: 'invalid_arguments' };
        if (method === 'views.update' && !args.view_id && !args.external_id) {
          return { ok: false, error: 'invalid_arguments' };
        }
        const view = args.view as Record<string, unknown> | undefined;
        const errors = validate ? validateView(view) : [];
        if (errors.length > 0) {
          schemaErrors.push(...errors.map((e) => `${method}: ${e}`));
          return { ok: false, error: 'invalid_arguments', response_metadata: { messages: errors } };
        }
        viewCounter += 1;
        const id =
          method === 'views.update' ? String(args.view_id) : `V${String(viewCounter).padStart(8, '0')}`;
        return { ok: true, view: { ...view, id, hash: `hash-${viewCounter}`, state: { values: {} } } };
      }
      case 'chat.scheduleMessage':
      case 'chat.deleteScheduledMessage':
      case 'chat.scheduledMessages.list':
        return scheduledMessages.handle(method, args) as Record<string, unknown>;
      case 'chat.postMessage':
      case 'chat.postEphemeral':
      case 'chat.update': {
        const channel = String(args.channel ?? '');
        if (!channel) return { ok: false, error: 'channel_not_found' };
        if (method !== 'chat.update' && notInChannel.has(channel))
          return { ok: false, error: 'not_in_channel' };
        if (method === 'chat.postEphemeral' && !args.user) return { ok: false, error: 'user_not_found' };
        if (method === 'chat.postEphemeral' && !deps.members.has(channel, String(args.user))) {
          return { ok: false, error: 'user_not_in_channel' };
        }
        const errors = validate ? validateMessage(args) : [];
        if (errors.length > 0) {
          schemaErrors.push(...errors.map((e) => `${method}: ${e}`));
          return { ok: false, error: 'invalid_blocks', response_metadata: { messages: errors } };
        }
        if (method === 'chat.postEphemeral') return { ok: true, message_ts: nextTs() };
        if (method === 'chat.update') {
          const key = `${channel}:${String(args.ts)}`;
          const existing = messages.get(key);
          if (!existing) return { ok: false, error: 'message_not_found' };
          messages.set(key, { ...existing, text: args.text as string, blocks: args.blocks as unknown[] });
          return { ok: true, channel, ts: args.ts };
        }
        const ts = nextTs();
        const message: PostedMessage = {
          channel,
          ts,
          text: args.text as string | undefined,
          blocks: args.blocks as unknown[] | undefined,
          thread_ts: args.thread_ts as string | undefined,
        };
        messages.set(`${channel}:${ts}`, message);
        return { ok: true, channel, ts, message };
      }
      case 'views.publish':
      case 'chat.unfurl':
      case 'functions.completeSuccess':
      case 'functions.completeError':
        return surfaces.api(method, args);
      case 'chat.delete':
        messages.delete(`${String(args.channel)}:${String(args.ts)}`);
        return { ok: true, channel: args.channel, ts: args.ts };
      case 'apps.connections.open': {
        const socketUrl = deps.socketUrl();
        return socketUrl ? { ok: true, url: socketUrl } : { ok: false, error: 'not_allowed_token_type' };
      }
      case 'conversations.open': {
        const target = String(args.users ?? '').split(',')[0] ?? '';
        const id = `D${target.replace(/^U/, '')}`;
        workspaces.ownerOf(target, 'users').channels.add(id);
        deps.members.join(id, target);
        return { ok: true, channel: { id } };
      }
      default:
        return { ok: false, error: 'unknown_method' };
    }
  };

  return { api, foreignId };
}
