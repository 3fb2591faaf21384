/**
 * The scheduling form's `host` select (scheduling for someone else): `me` first, then each Zoom user
 * who gave the user their scheduling privilege (value = their Zoom id), and the line under it that
 * says why a host typed after /zoom was not chosen.
 */
import type { Locale } from '../../config.js';
import type { ZoomScheduler } from '../../scheduling/ports/zoom.js';
import { mention, truncate } from '../blocks/text.js';
import type { KnownBlock, PlainTextOption } from '../blocks/types.js';
import { messages } from '../i18n/index.js';

export const HOST_BLOCK = 'host';
export const HOST_NOTE_BLOCK = 'host_note';
export const HOST_ME = 'me';
/** A select takes 100 options; `me` is one. */
const MAX_SCHEDULERS = 99;
/** Zoom user ids are short url-safe strings; anything else in a submission is forged. */
export const ZOOM_USER_ID = /^[A-Za-z0-9_-]{1,64}$/;

export interface HostChoice {
  /** Whom the user may schedule for; empty: no select, only the note. */
  schedulers: ZoomScheduler[];
  /** The Zoom id selected at first (a host typed after /zoom whose email matched). */
  selected?: string;
  /** Why the host typed after /zoom (a Slack user id) was not chosen. */
  note?: { why: 'notAmongSchedulers' | 'noEmail' | 'schedulersUnread'; userId: string };
}

const plain = (text: string) => ({ type: 'plain_text' as const, text: truncate(text, 75) });

export function hostBlocks(locale: Locale, choice: HostChoice | undefined): KnownBlock[] {
  if (!choice) return [];
  const d = messages(locale).delegation;
  const blocks: KnownBlock[] = [];
  const listed = choice.schedulers.filter((s) => ZOOM_USER_ID.test(s.id)).slice(0, MAX_SCHEDULERS);
  if (listed.length > 0) {
    const options: PlainTextOption[] = [
      { text: plain(d.me), value: HOST_ME },
      ...listed.map((s) => ({ text: plain(s.email), value: s.id })),
    ];
    const initial = options.find((o) => o.value === choice.selected) ?? (options[0] as PlainTextOption);
    blocks.push({
      type: 'input',
      block_id: HOST_BLOCK,
      label: plain(d.hostLabel),
      hint: plain(d.hostHint),
      element: { type: 'static_select', action_id: HOST_BLOCK, options, initial_option: initial },
    });
  }
  if (choice.note) {
    blocks.push({
      type: 'context',
      block_id: HOST_NOTE_BLOCK,
      elements: [{ type: 'mrkdwn', text: truncate(d[choice.note.why](mention(choice.note.userId)), 3000) }],
    });
  }
  return blocks;
}
