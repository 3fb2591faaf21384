/**
 * Which meetings of a series a reschedule or a cancel touches: the `scope` radio buttons
 * (`occurrence`, the one the message shows, by default | `series`), and the cancel form a series
 * gets (callback_id cancel_meeting) instead of the one-click cancel. Pure builders and readers.
 */
import type { Locale } from '../../config.js';
import type { SeriesScope } from '../../scheduling/series-changes.js';
import { formatMeetingTime } from '../../time/index.js';
import { truncate } from '../blocks/text.js';
import type { KnownBlock, ModalView } from '../blocks/types.js';
import { messages } from '../i18n/index.js';
import { encodeContext, type ModalContext } from './metadata.js';

export const CANCEL_SERIES_CALLBACK = 'cancel_meeting';

const plain = (text: string) => ({ type: 'plain_text' as const, text: truncate(text, 75) });

/** The scope field; `shownInstant` is the occurrence the message shows. */
export function scopeBlock(locale: Locale, shownInstant: string | undefined, timeZone: string): KnownBlock {
  const r = messages(locale).repeat;
  const date = shownInstant ? formatMeetingTime(shownInstant, timeZone, locale) : '';
  const options = [
    { text: plain(r.scopeOccurrence(date)), value: 'occurrence' },
    { text: plain(r.scopeSeries), value: 'series' },
  ];
  return {
    type: 'input',
    block_id: 'scope',
    label: plain(r.scope),
    element: { type: 'radio_buttons', action_id: 'scope', options, initial_option: options[0] },
  };
}

/** `series` only when chosen: a missing or odd value touches the one occurrence. */
export function readScope(
  values: Record<string, Record<string, { selected_option?: { value: string } | null }>>,
): SeriesScope {
  return values.scope?.scope?.selected_option?.value === 'series' ? 'series' : 'occurrence';
}

export function buildCancelSeriesModal(input: {
  context: ModalContext;
  topic: string;
  shownInstant?: string;
}): ModalView {
  const { locale, timeZone } = input.context;
  const r = messages(locale).repeat;
  return {
    type: 'modal',
    callback_id: CANCEL_SERIES_CALLBACK,
    title: { type: 'plain_text', text: r.cancelTitle },
    submit: { type: 'plain_text', text: r.cancelSubmit },
    close: { type: 'plain_text', text: messages(locale).modal.close },
    private_metadata: encodeContext(input.context),
    blocks: [
      {
        type: 'section',
        block_id: 'what',
        text: { type: 'mrkdwn', text: truncate(r.cancelText(input.topic), 3000) },
      },
      scopeBlock(locale, input.shownInstant, timeZone),
    ],
  };
}
