/**
 * The scheduling modal's repeat fields (`repeat`, `repeat_count`, `repeat_until`): built prefilled
 * from the rule the text gave, read back into a rule, and the series line of the preview (pure).
 */
import type { Locale } from '../../config.js';
import { type SeriesStart, seriesOccurrences } from '../../time/occurrences.js';
import {
  MAX_OCCURRENCES,
  REPEAT_CHOICES,
  type RecurrenceRule,
  type RepeatChoice,
  repeatChoiceOf,
  ruleFromRepeatFields,
} from '../../time/recurrence.js';
import { describeRecurrence, describeRecurrenceEnd } from '../../time/recurrence-words.js';
import { slackDate, truncate } from '../blocks/text.js';
import type { KnownBlock, PlainTextOption } from '../blocks/types.js';
import { messages } from '../i18n/index.js';

export const REPEAT_ACTIONS = ['repeat', 'repeat_count', 'repeat_until'] as const;

export interface RepeatPrefill {
  /** The rule the text gave, if any. */
  typed?: RecurrenceRule;
  /** The first meeting the text gave (to say which choice matches the rule). */
  startLocal?: string;
}

const plain = (text: string) => ({ type: 'plain_text' as const, text: truncate(text, 75) });

function choiceOf(prefill: RepeatPrefill): RepeatChoice {
  if (!prefill.typed) return 'none';
  return prefill.startLocal ? repeatChoiceOf(prefill.typed, prefill.startLocal) : 'as_typed';
}

function optionsFor(
  locale: Locale,
  typed: RecurrenceRule | undefined,
  choice: RepeatChoice,
): PlainTextOption[] {
  const r = messages(locale).repeat;
  return REPEAT_CHOICES.filter((c) => c !== 'as_typed' || choice === 'as_typed').map((c) => ({
    text: plain(
      c === 'as_typed' && typed
        ? r.asTyped(describeRecurrence(typed, locale))
        : r.options[c as Exclude<RepeatChoice, 'as_typed'>],
    ),
    value: c,
  }));
}

export function repeatBlocks(locale: Locale, prefill: RepeatPrefill): KnownBlock[] {
  const r = messages(locale).repeat;
  const choice = choiceOf(prefill);
  const options = optionsFor(locale, prefill.typed, choice);
  const end = prefill.typed?.end;
  return [
    {
      type: 'input',
      block_id: 'repeat',
      dispatch_action: true,
      label: plain(r.label),
      element: {
        type: 'static_select',
        action_id: 'repeat',
        options,
        initial_option: options.find((o) => o.value === choice) as PlainTextOption,
      },
    },
    {
      type: 'input',
      block_id: 'repeat_count',
      optional: true,
      dispatch_action: true,
      label: plain(r.count),
      hint: plain(r.countHint),
      element: {
        type: 'number_input',
        action_id: 'repeat_count',
        is_decimal_allowed: false,
        min_value: '1',
        max_value: String(MAX_OCCURRENCES),
        dispatch_action_config: { trigger_actions_on: ['on_enter_pressed'] },
        ...(end?.kind === 'count' ? { initial_value: String(end.count) } : {}),
      },
    },
    {
      type: 'input',
      block_id: 'repeat_until',
      optional: true,
      dispatch_action: true,
      label: plain(r.until),
      hint: { type: 'plain_text', text: r.untilHint },
      element: {
        type: 'datepicker',
        action_id: 'repeat_until',
        ...(end?.kind === 'until' ? { initial_date: end.date } : {}),
      },
    },
  ];
}

export interface RepeatState {
  choice?: string;
  count?: string | null;
  until?: string | null;
}

export type RepeatRead =
  | { rule?: RecurrenceRule }
  | { field: (typeof REPEAT_ACTIONS)[number]; error: string };

/** The rule the repeat fields say for a first meeting at `start`, or the field error. */
export function readRepeat(
  state: RepeatState,
  start: SeriesStart,
  typed: RecurrenceRule | undefined,
  locale: Locale,
): RepeatRead {
  const r = messages(locale).repeat;
  const choice = (REPEAT_CHOICES as readonly string[]).includes(state.choice ?? '')
    ? (state.choice as RepeatChoice)
    : 'none';
  if (choice === 'none') return {};
  if (choice === 'as_typed' && !typed) return { field: 'repeat', error: r.asTypedGone };
  const rawCount = (state.count ?? '').trim();
  const count = rawCount === '' ? undefined : Number(rawCount);
  if (count !== undefined && !(Number.isInteger(count) && count >= 1 && count <= MAX_OCCURRENCES)) {
    return { field: 'repeat_count', error: r.countOutOfRange(MAX_OCCURRENCES) };
  }
  const until = /^\d{4}-\d{2}-\d{2}$/.test(state.until ?? '') ? (state.until as string) : undefined;
  if (until !== undefined && until < start.local.slice(0, 10))
    return { field: 'repeat_until', error: r.untilBeforeStart };
  const rule = ruleFromRepeatFields({
    choice,
    startLocal: start.local,
    ...(count !== undefined ? { count } : {}),
    ...(until !== undefined ? { until } : {}),
    ...(typed ? { typed } : {}),
  });
  return rule ? { rule } : {};
}

/** The series' first meeting on or after `start` (a weekday series picked for a Saturday starts Monday). */
export function firstMeeting(
  rule: RecurrenceRule,
  start: SeriesStart,
): (SeriesStart & { instant: string }) | undefined {
  const first = seriesOccurrences(rule, start, 1)[0];
  return first ? { ...first, timeZone: start.timeZone } : undefined;
}

/** "Every Tue, Thu 9:30 AM, 10 times: <!date…>, <!date…>, <!date…>" for a series starting at `start`. */
export function seriesPreview(rule: RecurrenceRule, start: SeriesStart, locale: Locale): string {
  const [hour, minute] = start.local.slice(11, 16).split(':').map(Number) as [number, number];
  const dates = seriesOccurrences(rule, start, 3).map((o) => slackDate(o.instant, start.timeZone, locale));
  return messages(locale).repeat.preview(
    describeRecurrence(rule, locale, { hour, minute }),
    describeRecurrenceEnd(rule, locale),
    dates,
  );
}
