/**
 * The /zoom text as Slack sends it with `should_escape: true`: user mentions as `<@U…|name>`,
 * channels as `<#C…|name>`, links as `<url|label>`, and `&`, `<`, `>` escaped. Mentions become
 * invitees and leave the text; the rest reads as typed.
 */
export interface CommandText {
  text: string;
  /** Slack user ids mentioned, in order, each once. */
  mentioned: string[];
}

const USER_MENTION = /<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/g;

export function readCommandText(raw: string): CommandText {
  const mentioned: string[] = [];
  const withoutMentions = raw.replace(USER_MENTION, (_, id: string) => {
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
  return { text, mentioned };
}
