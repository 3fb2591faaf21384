/**
 * Buttons on meeting messages and on the App Home's meeting list: Reschedule and Cancel (whoever
 * scheduled it, and the host of one scheduled for them), Start as host, and the link buttons (ack only).
 */
import type {
  AllMiddlewareArgs,
  App,
  BlockAction,
  ButtonAction,
  SlackActionMiddlewareArgs,
} from '@slack/bolt';
import { mayChange } from '../../scheduling/change-permission.js';
import { changeOutcome } from '../../scheduling/outcome.js';
import type { SlackUserRef } from '../../scheduling/ports/types.js';
import type { ChangeRefusal } from '../../scheduling/scheduler.js';
import type { MeetingRecord } from '../../scheduling/types.js';
import { CALENDAR_ACTION } from '../blocks/invite-message.js';
import { CANCEL_ACTION, JOIN_ACTION, RESCHEDULE_ACTION } from '../blocks/meeting-message.js';
import {
  CONNECT_ACTION,
  FRESH_START_ACTION,
  failureText,
  notice,
  type PrivateMessage,
  START_ACTION,
  startLinkMessage,
} from '../blocks/notices.js';
import { escapeMrkdwn } from '../blocks/text.js';
import { failureMessage } from '../commands/report.js';
import type { SlackDeps } from '../deps.js';
import { messages } from '../i18n/index.js';
import { outcomeMessage } from '../outcome-text.js';
import type { SlackProfile } from '../profiles.js';
import { quickProfile } from '../quick-profile.js';
import { buildRescheduleModal, DEFAULT_DURATION } from '../views/schedule-modal.js';
import { buildCancelSeriesModal } from '../views/series-scope.js';
import { editableTime, whenPreview } from '../views/when.js';
import { slackErrorCode } from '../web.js';

type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

export function register(app: App, services: SlackDeps): void {
  app.action<BlockAction<ButtonAction>>(
    RESCHEDULE_ACTION,
    reportingFailures(services, rescheduleButton(services)),
  );
  app.action<BlockAction<ButtonAction>>(CANCEL_ACTION, reportingFailures(services, cancelButton(services)));
  app.action<BlockAction<ButtonAction>>(
    FRESH_START_ACTION,
    reportingFailures(services, freshStartLinkButton(services)),
  );
  // Link buttons still send an action; Slack shows an error icon unless it is acknowledged.
  app.action(
    new RegExp(`^(${JOIN_ACTION}|${CALENDAR_ACTION}|${CONNECT_ACTION}|${START_ACTION})`),
    async ({ ack }) => {
      await ack();
    },
  );
}

/** Whatever a button handler did not catch (Redis down, say) still gets the clicking user an answer. */
function reportingFailures(services: SlackDeps, handler: (args: ButtonArgs) => Promise<void>) {
  return async (args: ButtonArgs): Promise<void> => {
    try {
      await handler(args);
    } catch (err) {
      services.logger.error(`button ${args.action.action_id} failed`, { error: err });
      await privately(
        services,
        args,
      )(notice(failureText(services.profiles.defaults.locale, err))).catch(() => undefined);
    }
  };
}

const actorOf = (body: BlockAction): SlackUserRef => ({
  teamId: body.team?.id ?? body.user.team_id ?? '',
  userId: body.user.id,
});

/** Through the message's response_url; a click on the App Home has none, so there it is a DM. */
function privately(services: SlackDeps, { body, respond }: Pick<ButtonArgs, 'body' | 'respond'>) {
  return async (message: PrivateMessage): Promise<void> => {
    if (!body.response_url) return services.announcer.tellUser(actorOf(body), {}, message);
    await respond({ response_type: 'ephemeral', replace_original: false, ...(message as { text: string }) });
  };
}

const fromHome = (body: BlockAction) => body.view?.type === 'home';

export function rescheduleButton(services: SlackDeps) {
  return async ({ ack, body, action, respond, client }: ButtonArgs): Promise<void> => {
    await ack();
    const actor = actorOf(body);
    const reply = privately(services, { body, respond });
    const [checked, { profile }] = await Promise.all([
      services.scheduler.check(actor, action.value ?? ''),
      quickProfile(services.profiles, actor),
    ]);
    if (!checked.ok) return void (await refuse(services, actor, profile, checked, 'reschedule', reply));
    const { record } = checked;
    const now = services.now();
    const when = editableTime(record.startInstant ?? now.toISOString(), profile.timeZone);
    await openRescheduleModal(client, body, record, profile, when, now).catch(
      formNotOpened(services, profile, reply, 'reschedule'),
    );
  };
}

/** Why the click changes nothing, said as the change itself would say it (no form opens). */
async function refuse(
  services: SlackDeps,
  actor: SlackUserRef,
  profile: SlackProfile,
  refusal: ChangeRefusal,
  action: 'reschedule' | 'cancel',
  reply: (message: PrivateMessage) => Promise<void>,
): Promise<void> {
  const message = await outcomeMessage(services, actor, profile.locale, changeOutcome(refusal, action));
  if (message) await reply(message);
}

/** Slack did not open the form (the click's trigger expired, or another failure): say which. */
function formNotOpened(
  services: SlackDeps,
  profile: SlackProfile,
  reply: (message: PrivateMessage) => Promise<void>,
  form: 'reschedule' | 'cancel',
) {
  return async (err: unknown): Promise<void> => {
    services.logger.warn(`${form} form not opened`, { error: err });
    const t = messages(profile.locale);
    await reply(
      notice(
        slackErrorCode(err) === 'expired_trigger_id'
          ? t.surfaces.buttonExpired
          : t.failuresExtra.commandFailed,
      ),
    );
  };
}

function openRescheduleModal(
  client: ButtonArgs['client'],
  body: BlockAction<ButtonAction>,
  record: MeetingRecord,
  profile: SlackProfile,
  when: string,
  now: Date,
) {
  const minutes = record.durationMinutes || DEFAULT_DURATION;
  return client.views.open({
    trigger_id: body.trigger_id,
    view: buildRescheduleModal({
      context: {
        channelId: record.channelId,
        ...(body.response_url ? { responseUrl: body.response_url } : {}),
        locale: profile.locale,
        timeZone: profile.timeZone,
        meetingId: record.meetingId,
        openedDuration: minutes,
        ...(fromHome(body) ? { origin: 'home' as const } : {}),
      },
      topic: record.topic,
      ...(record.agenda ? { agenda: record.agenda } : {}),
      when,
      durationMinutes: minutes,
      preview: whenPreview(when, profile.timeZone, profile.locale, now, undefined, {
        selected: minutes,
        opened: minutes,
      }),
      ...(record.series ? { series: record.startInstant ? { shownInstant: record.startInstant } : {} } : {}),
    }),
  });
}

/** A series asks first which meetings to cancel (the next one, or all). */
async function openCancelSeriesModal(
  client: ButtonArgs['client'],
  body: BlockAction<ButtonAction>,
  record: MeetingRecord,
  profile: SlackProfile,
) {
  await client.views.open({
    trigger_id: body.trigger_id,
    view: buildCancelSeriesModal({
      context: {
        channelId: record.channelId,
        ...(body.response_url ? { responseUrl: body.response_url } : {}),
        locale: profile.locale,
        timeZone: profile.timeZone,
        meetingId: record.meetingId,
      },
      topic: escapeMrkdwn(record.topic),
      ...(record.startInstant ? { shownInstant: record.startInstant } : {}),
    }),
  });
}

export function cancelButton(services: SlackDeps) {
  return async ({ ack, body, action, respond, client }: ButtonArgs): Promise<void> => {
    const actor = actorOf(body);
    const meetingId = action.value ?? '';
    const series = await services.meetings.get(meetingId).catch(() => null);
    if (series?.series && series.status === 'scheduled' && mayChange(series, actor)) {
      // A series asks first: this meeting or every one (its modal's submission does the rest).
      await ack();
      const [checked, { profile }] = await Promise.all([
        services.scheduler.check(actor, meetingId, series),
        quickProfile(services.profiles, actor),
      ]);
      const reply = privately(services, { body, respond });
      if (!checked.ok) return void (await refuse(services, actor, profile, checked, 'cancel', reply));
      await openCancelSeriesModal(client, body, series, profile).catch(
        formNotOpened(services, profile, reply, 'cancel'),
      );
      return;
    }
    const job = {
      owner: actor,
      meetingId,
      ...(body.response_url ? { responseUrl: body.response_url } : {}),
      // The answer goes where the click came from (the click's own response_url), else by DM.
      where: body.response_url ? { responseUrl: body.response_url } : {},
      ...(fromHome(body) ? { refreshHome: true } : {}),
    };
    // Stored before the click is answered: whichever process is alive cancels it.
    const stored = await services.jobs.enqueue('cancel', job).catch((err) => err as Error);
    await ack();
    if (stored instanceof Error) {
      services.logger.warn('cancel not taken: storage unavailable', { error: stored });
      await privately(services, { body, respond })(
        notice(failureText(services.profiles.defaults.locale, stored)),
      );
    }
  };
}

/** Only the clicking user's own Zoom account is asked, so nobody gets another host's link. */
export function freshStartLinkButton(services: SlackDeps) {
  return async ({ ack, body, action, respond }: ButtonArgs): Promise<void> => {
    await ack();
    const actor = actorOf(body);
    const { profile } = await quickProfile(services.profiles, actor);
    const reply = privately(services, { body, respond });
    try {
      const meeting = await services.zoom.getMeeting(actor, action.value ?? '');
      if (!meeting.start_url) throw new Error('Zoom sent no start link');
      await reply(startLinkMessage(profile.locale, meeting.topic, meeting.start_url));
    } catch (err) {
      services.logger.warn('fresh start link not given', { error: err });
      await reply(await failureMessage(services, actor, profile.locale, err));
    }
  };
}
