/**
 * How every use case ends, as the user is told it: done; done but not shown where it was meant to
 * be (the host gets the join link privately); uncertain; not done, and why. The Slack side turns
 * these into words in one place (src/slack/outcome-text.ts).
 */
import type { Cancelled, CreateOutcome, Rescheduled } from './scheduler.js';
import type { MeetingRecord } from './types.js';

export type Outcome =
  | { status: 'done'; action: 'created'; record: MeetingRecord; recordingAuthenticationFailed: boolean }
  | { status: 'done'; action: 'rescheduled'; record: MeetingRecord }
  /** Topic, duration or description changed; the time stayed. */
  | { status: 'done'; action: 'edited'; record: MeetingRecord }
  /** The form said what the meeting already was: nothing to change. */
  | { status: 'done'; action: 'unchanged'; record: MeetingRecord }
  | { status: 'done'; action: 'cancelled'; record: MeetingRecord; alreadyDeleted: boolean }
  /** One meeting of a series removed; the series goes on. */
  | { status: 'done'; action: 'occurrence_cancelled'; record: MeetingRecord; instant: string }
  | { status: 'done_not_shown'; record: MeetingRecord }
  | { status: 'uncertain'; topic: string }
  | { status: 'not_done'; why: 'unknown_meeting' | 'not_scheduled' }
  /** The user is neither who scheduled it nor (for one scheduled for someone else) its host. */
  | { status: 'not_done'; why: 'not_host'; record: MeetingRecord; action: 'reschedule' | 'cancel' }
  | { status: 'not_done'; why: 'deleted'; record: MeetingRecord }
  /** The meeting belongs to a Zoom account the user is no longer connected as. */
  | { status: 'not_done'; why: 'other_account'; record: MeetingRecord; email?: string }
  /** The host asked; the scheduler's Zoom account that made it is no longer connected (see change-permission.ts). */
  | { status: 'not_done'; why: 'scheduler_other_account'; record: MeetingRecord; hostConnected: boolean }
  /** Zoom refused to create it for the host chosen (no scheduling privilege): nothing was created. */
  | { status: 'not_done'; why: 'no_scheduling_privilege'; topic: string; host: string }
  | { status: 'not_done'; why: 'failed'; error: unknown };

export function createOutcome(result: CreateOutcome): Outcome {
  if (result.status === 'done') return { ...result, action: 'created' };
  return result;
}

export function changeOutcome(result: Rescheduled | Cancelled, action: 'reschedule' | 'cancel'): Outcome {
  if (result.ok) {
    if (!('alreadyDeleted' in result)) {
      if ('unchanged' in result && result.unchanged)
        return { status: 'done', action: 'unchanged', record: result.record };
      const moved = result.record.startInstant !== result.fromInstant;
      return { status: 'done', action: moved ? 'rescheduled' : 'edited', record: result.record };
    }
    if (result.cancelledInstant && result.record.status === 'scheduled') {
      return {
        status: 'done',
        action: 'occurrence_cancelled',
        record: result.record,
        instant: result.cancelledInstant,
      };
    }
    return {
      status: 'done',
      action: 'cancelled',
      record: result.record,
      alreadyDeleted: result.alreadyDeleted,
    };
  }
  switch (result.reason) {
    case 'unknown':
      return { status: 'not_done', why: 'unknown_meeting' };
    case 'not_host':
      return { status: 'not_done', why: 'not_host', record: result.record, action };
    case 'deleted':
      return { status: 'not_done', why: 'deleted', record: result.record };
    case 'other_account':
      return {
        status: 'not_done',
        why: 'other_account',
        record: result.record,
        ...(result.email ? { email: result.email } : {}),
      };
    case 'scheduler_other_account':
      return {
        status: 'not_done',
        why: 'scheduler_other_account',
        record: result.record,
        hostConnected: result.hostConnected,
      };
    case 'not_scheduled':
      return { status: 'not_done', why: 'not_scheduled' };
  }
}

export const failed = (error: unknown): Outcome => ({ status: 'not_done', why: 'failed', error });
