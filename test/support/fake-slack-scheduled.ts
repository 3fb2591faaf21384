/**
 * Scheduled messages in the fake Slack, as strict as Slack's reference pages say
 * (docs.slack.dev/reference/methods/chat.scheduleMessage, chat.deleteScheduledMessage,
 * chat.scheduledMessages.list): `post_at` in the past is `time_in_past`, more than 120 days ahead
 * `time_too_far`; more than 30 messages to post within one 5-minute window of a channel is
 * `restricted_too_many`; a channel the bot may not post in is `not_in_channel`; deleting an id that
 * is not scheduled (already posted or deleted) is `invalid_scheduled_message_id`.
 */
export interface ScheduledMessage {
  id: string;
  channel: string;
  post_at: number;
  text?: string;
  blocks?: unknown[];
}

const MAX_AHEAD_SECONDS = 120 * 24 * 3600;
const WINDOW_SECONDS = 5 * 60;
const PER_WINDOW = 30;

export function createScheduledMessages(deps: {
  notInChannel: Set<string>;
  validateMessage(args: Record<string, unknown>): string[];
  schemaErrors: string[];
}) {
  const scheduled = new Map<string, ScheduledMessage>();
  let counter = 0;

  function handle(method: string, args: Record<string, unknown>): Record<string, unknown> | undefined {
    const now = Math.floor(Date.now() / 1000);
    const channel = String(args.channel ?? '');
    switch (method) {
      case 'chat.scheduleMessage': {
        if (!channel) return { ok: false, error: 'channel_not_found' };
        const postAt = Number(args.post_at);
        if (!Number.isInteger(postAt)) return { ok: false, error: 'invalid_time' };
        if (postAt <= now) return { ok: false, error: 'time_in_past' };
        if (postAt > now + MAX_AHEAD_SECONDS) return { ok: false, error: 'time_too_far' };
        if (deps.notInChannel.has(channel)) return { ok: false, error: 'not_in_channel' };
        if (args.metadata !== undefined)
          deps.schemaErrors.push('chat.scheduleMessage: metadata makes it not post');
        const errors = deps.validateMessage(args);
        if (errors.length > 0) {
          deps.schemaErrors.push(...errors.map((e) => `${method}: ${e}`));
          return { ok: false, error: 'invalid_blocks' };
        }
        const near = [...scheduled.values()].filter(
          (m) => m.channel === channel && Math.abs(m.post_at - postAt) < WINDOW_SECONDS,
        );
        if (near.length >= PER_WINDOW) return { ok: false, error: 'restricted_too_many' };
        counter += 1;
        const id = `Q${String(counter).padStart(9, '0')}`;
        scheduled.set(id, {
          id,
          channel,
          post_at: postAt,
          ...(typeof args.text === 'string' ? { text: args.text } : {}),
          ...(Array.isArray(args.blocks) ? { blocks: args.blocks } : {}),
        });
        return { ok: true, channel, scheduled_message_id: id, post_at: postAt };
      }
      case 'chat.deleteScheduledMessage': {
        const id = String(args.scheduled_message_id ?? '');
        const message = scheduled.get(id);
        if (!message || message.channel !== channel || message.post_at <= now)
          return { ok: false, error: 'invalid_scheduled_message_id' };
        scheduled.delete(id);
        return { ok: true };
      }
      case 'chat.scheduledMessages.list': {
        const list = [...scheduled.values()]
          .filter((m) => m.post_at > now && (!channel || m.channel === channel))
          .map((m) => ({
            id: m.id,
            channel_id: m.channel,
            post_at: m.post_at,
            date_created: now,
            text: m.text,
          }));
        return { ok: true, scheduled_messages: list, response_metadata: { next_cursor: '' } };
      }
      default:
        return undefined;
    }
  }

  return { scheduled, handle };
}
