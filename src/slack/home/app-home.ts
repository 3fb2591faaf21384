/**
 * The App Home tab: published on app_home_opened and again after every change the user makes
 * there (defaults, paging, disconnect, and meetings scheduled, moved or cancelled from it).
 */

import type {
  AllMiddlewareArgs,
  App,
  BlockAction,
  ButtonAction,
  SlackActionMiddlewareArgs,
  SlackEventMiddlewareArgs,
  StaticSelectAction,
} from '@slack/bolt';
import { mayChange } from '../../scheduling/change-permission.js';
import { TokenStoreError, ZoomNotConnectedError } from '../../zoom/errors.js';
import type { SlackUserRef } from '../../zoom/types.js';
import { failureText, notice, type PrivateMessage } from '../blocks/notices.js';
import { openScheduleModal } from '../commands/open-modal.js';
import type { SlackDeps } from '../deps.js';
import { disconnectUser, eraseUser } from '../forget-user.js';
import type { PreferenceName } from '../preferences.js';
import type { SlackWebClient } from '../web.js';
import {
  buildHomeView,
  DEFAULT_ACTIONS,
  HOME_DISCONNECT_ACTION,
  HOME_PAGE_PREFIX,
  HOME_SCHEDULE_ACTION,
  type HomeMeeting,
  type HomeView,
  pageOf,
} from './home-view.js';

type EventArgs = SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs;
type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;
type SelectArgs = SlackActionMiddlewareArgs<BlockAction<StaticSelectAction>> & AllMiddlewareArgs;

/** Zoom's list is asked for this many upcoming meetings; the Home pages through them. */
const LISTED_MEETINGS = 30;

const NAME_OF_ACTION: Record<string, PreferenceName> = {
  [DEFAULT_ACTIONS.duration]: 'duration',
  [DEFAULT_ACTIONS.reminder]: 'reminder',
  [DEFAULT_ACTIONS.recording]: 'recording',
  [DEFAULT_ACTIONS.language]: 'language',
};

export function register(app: App, services: SlackDeps): void {
  app.event('app_home_opened', homeOpened(services));
  app.action<BlockAction<ButtonAction>>(HOME_SCHEDULE_ACTION, scheduleButton(services));
  app.action<BlockAction<ButtonAction>>(HOME_DISCONNECT_ACTION, disconnectButton(services));
  app.action<BlockAction<ButtonAction>>(new RegExp(`^${HOME_PAGE_PREFIX}`), pageButton(services));
  app.action<BlockAction<StaticSelectAction>>(
    new RegExp(`^(${Object.values(DEFAULT_ACTIONS).join('|')})$`),
    defaultChanged(services),
  );
}

const userOf = (body: BlockAction): SlackUserRef => ({
  teamId: body.team?.id ?? body.user.team_id ?? '',
  userId: body.user.id,
});

export function homeOpened(services: SlackDeps) {
  return async ({ event, body, client }: EventArgs): Promise<void> => {
    if (event.tab !== undefined && event.tab !== 'home') return;
    const user = { teamId: body.team_id, userId: event.user };
    await publishHome(services, client, user, pageOf(event.view?.private_metadata));
  };
}

/**
 * Renders and publishes the Home for one user. Never throws: when the parts cannot be read
 * (Redis down), the Home says so instead.
 */
export async function publishHome(
  services: SlackDeps,
  client: SlackWebClient,
  user: SlackUserRef,
  page = 0,
): Promise<void> {
  let view: HomeView;
  try {
    view = await renderHome(services, user, page);
  } catch (err) {
    services.logger.warn('App Home not rendered', { error: err });
    const locale =
      (await services.profiles.cached(user).catch(() => null))?.locale ?? services.profiles.defaults.locale;
    view = {
      type: 'home',
      private_metadata: JSON.stringify({ page }),
      blocks: [
        {
          type: 'section',
          block_id: 'home_failure',
          text: { type: 'mrkdwn', text: failureText(locale, err) },
        },
      ],
    };
  }
  await client.views
    .publish({ user_id: user.userId, view })
    .catch((err) => services.logger.warn('views.publish failed', { error: err }));
}

async function renderHome(services: SlackDeps, user: SlackUserRef, page: number): Promise<HomeView> {
  const [profile, preferences, tokens] = await Promise.all([
    services.profiles.get(user),
    services.preferences.get(user),
    // An unreadable token record counts as not connected, as for /zoom.
    services.tokens.load(user).catch((err) => {
      if (err instanceof TokenStoreError) return null;
      throw err;
    }),
  ]);
  const base = { locale: profile.locale, timeZone: profile.timeZone, page, preferences };
  const notConnected = async () =>
    buildHomeView({
      ...base,
      connection: { connectUrl: await services.connections.startConnect(user) },
      meetings: [],
    });
  if (!tokens) return notConnected();
  let meetings: HomeMeeting[] | { unavailable: string };
  try {
    meetings = await upcomingMeetings(services, user);
  } catch (err) {
    if (err instanceof ZoomNotConnectedError) return notConnected();
    services.logger.warn('meetings for the App Home not listed', { error: err });
    meetings = { unavailable: failureText(profile.locale, err) };
  }
  return buildHomeView({ ...base, connection: { zoomEmail: tokens.zoomEmail }, meetings });
}

/** Zoom's list (meetings made anywhere), each marked changeable when the bot posted it for this user. */
async function upcomingMeetings(services: SlackDeps, user: SlackUserRef): Promise<HomeMeeting[]> {
  const listed = await services.zoom.listUpcomingMeetings(user, LISTED_MEETINGS);
  const sorted = [...listed].sort((a, b) => (a.start_time ?? '').localeCompare(b.start_time ?? ''));
  return Promise.all(
    sorted.map(async (m): Promise<HomeMeeting> => {
      const meetingId = String(m.id);
      const record = await services.meetings.get(meetingId);
      // Also a meeting someone scheduled for this user (its host may change it too).
      const changeable = record !== null && mayChange(record, user) && record.status === 'scheduled';
      return {
        meetingId,
        topic: m.topic,
        ...(m.start_time ? { startInstant: m.start_time } : {}),
        ...(m.timezone ? { timeZone: m.timezone } : {}),
        joinUrl: m.join_url,
        changeable,
      };
    }),
  );
}

/** A private message from a Home button: there is no response_url, so it goes to the user's DM. */
function tellPrivately(services: SlackDeps, user: SlackUserRef, message: PrivateMessage): Promise<void> {
  return services.announcer.tellUser(user, {}, message);
}

export function scheduleButton(services: SlackDeps) {
  return async ({ ack, body, client }: ButtonArgs): Promise<void> => {
    await ack();
    const user = userOf(body);
    try {
      await openScheduleModal(services, client, {
        user,
        text: '',
        triggerId: body.trigger_id,
        channelId: '',
        origin: 'home',
        reply: (message) => tellPrivately(services, user, message),
      });
    } catch (err) {
      services.logger.warn('scheduling form not opened from the App Home', { error: err });
      const { locale } = await services.profiles.get(user).catch(() => services.profiles.defaults);
      await tellPrivately(services, user, notice(failureText(locale, err)));
    }
  };
}

export function disconnectButton(services: SlackDeps) {
  return async ({ ack, body, client }: ButtonArgs): Promise<void> => {
    await ack();
    const user = userOf(body);
    const done = await disconnectUser(services, user).then(
      () => true,
      (err: unknown) => {
        services.logger.warn('Zoom not disconnected from the App Home', { error: err });
        return false;
      },
    );
    await publishHome(services, client, user, 0);
    if (done) await eraseUser(services, user);
  };
}

export function pageButton(services: SlackDeps) {
  return async ({ ack, body, action, client }: ButtonArgs): Promise<void> => {
    await ack();
    const page = Number(action.value);
    await publishHome(services, client, userOf(body), Number.isInteger(page) && page >= 0 ? page : 0);
  };
}

/** A default changed: saved only when it is one of the offered values, then the Home re-renders. */
export function defaultChanged(services: SlackDeps) {
  return async ({ ack, body, action, client }: SelectArgs): Promise<void> => {
    await ack();
    const user = userOf(body);
    const name = NAME_OF_ACTION[action.action_id];
    if (name) {
      const saved = await services.preferences
        .set(user, name, action.selected_option?.value)
        .catch((err: Error) => err);
      if (saved instanceof Error) services.logger.warn('default not saved', { error: saved });
      else if (!saved) services.logger.info('default refused: not an offered value', { name });
    }
    await publishHome(services, client, user, pageOf(body.view?.private_metadata));
  };
}
