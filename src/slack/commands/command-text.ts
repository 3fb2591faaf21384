/**
 * The /zoom text as Slack sends it with `should_escape: true`: user mentions as `<@U…|name>`,
 * channels as `<#C…|name>`, links as `<url|label>`, and `&`, `<`, `>` escaped. Mentions become
 * invitees and leave the text; the rest reads as typed.
 */
export interface CommandText {
  text: string;
  /** Slack user ids mentioned, in order, each once. */
  mentioned: string[];
  /** The user the meeting is for ("for @alice", "@aliceさんの代わりに"); not among `mentioned`. */
  hostMention?: string;
}

const USER_MENTION = /<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/g;
const MENTION = '<@([UW][A-Z0-9]+)(?:\\|[^>]*)?>';
/** "for @alice", "on behalf of @alice", "@aliceさんの代わりに", "@alice の代理で". */
const HOST_PHRASES = [
  new RegExp(`(?:^|\\s)(?:on\\s+behalf\\s+of|for)\\s+${MENTION}`, 'i'),
  new RegExp(`${MENTION}\\s*(?:さん|様|氏)?\\s*の\\s*(?:代わりに|代理で)`),
];

export function readCommandText(raw: string): CommandText {
  const mentioned: string[] = [];
  let hostMention: string | undefined;
  let rest = raw;
  for (const phrase of HOST_PHRASES) {
    if (hostMention) break;
    rest = rest.replace(phrase, (_, id: string) => {
      hostMention = id;
      return ' ';
    });
  }
  const withoutMentions = rest.replace(USER_MENTION, (_, id: string) => {
    if (!mentioned.includes(id)) mentioned.push(id);
    return ' ';
  });
  const text = withoutMentions
    .replace(/<#[A-Z0-9]+\|([^>]*)>/g, '#$1')
    .replace(/<![^>|]+(?:\|([^>]*))?>/g, (_, label?: string) => label ?? '')
    .replace(/<([^>|]+)\|([^>]*)>/g, '$2')
    .replace(/<([^>]+)>/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
  return { text, mentioned, ...(hostMention ? { hostMention } : {}) };
}
