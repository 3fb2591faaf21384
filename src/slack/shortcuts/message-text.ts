/** Reading a Slack message's text for the scheduling form (pure). */

/** Slack's markup made plain: `<@U1>` and `<#C1|name>` dropped or named, links to their label, entities decoded. */
export function plainText(text: string): string {
  return text
    .replace(/<[@!][^>]*>/g, '')
    .replace(/<#[A-Z0-9]+\|([^>]*)>/g, '#$1')
    .replace(/<([^>|]+)\|([^>]*)>/g, '$2')
    .replace(/<([^>]+)>/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

export interface MessagePrefill {
  /** The message's first non-empty line. */
  firstLine: string;
  /** The whole message on one line, for reading time words anywhere in it. */
  flat: string;
}

export function messagePrefill(text: string | undefined): MessagePrefill {
  const plain = plainText(text ?? '');
  const lines = plain
    .split(/\r?\n/)
    .map((l) => l.replace(/[\s*_~`>]+/g, ' ').trim())
    .filter((l) => l.length > 0);
  return { firstLine: lines[0] ?? '', flat: lines.join(' ') };
}
