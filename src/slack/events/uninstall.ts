/**
 * app_uninstalled, and tokens_revoked for the bot's token: the workspace removed the bot, so
 * everything the bot keeps for it goes: its installation (bot token), its users' Zoom connections
 * (revoked at Zoom, then deleted), their meeting records and cached profiles. The per-workspace
 * user index says whose; nothing is scanned. Redelivery finds less to do and is harmless.
 */
import type { App, Context } from '@slack/bolt';
import type { Logger } from '../../log.js';
import type { Keys, RedisClient } from '../../redis.js';
import type { MeetingRecords } from '../../scheduling/ports/storage.js';
import type { ZoomConnections } from '../../zoom/connections.js';
import type { RedisInstallationStore } from '../installations.js';

/** What removing a workspace touches. */
export interface UninstallDeps {
  redis: RedisClient;
  keys: Keys;
  logger: Logger;
  connections: Pick<ZoomConnections, 'disconnect'>;
  meetings: Pick<MeetingRecords, 'removeAllFor'>;
  installations?: RedisInstallationStore;
}

export function register(app: App, services: UninstallDeps): void {
  app.event('app_uninstalled', async ({ context }) => {
    await removeWorkspace(services, context);
  });
  app.event('tokens_revoked', async ({ event, context }) => {
    // Revoked user tokens alone leave the bot installed; the bot never acts with them.
    if ((event.tokens.bot ?? []).length > 0) await removeWorkspace(services, context);
  });
}

/** Bolt skips authorization for these two events: the context carries the ids from the payload. */
export async function removeWorkspace(
  services: UninstallDeps,
  context: Pick<Context, 'teamId' | 'enterpriseId' | 'isEnterpriseInstall'>,
): Promise<void> {
  const { installations } = services;
  const { teamId, enterpriseId } = context;
  if (context.isEnterpriseInstall && enterpriseId) {
    await installations?.deleteInstallation({ isEnterpriseInstall: true, enterpriseId, teamId: undefined });
    const teams = (await installations?.organizationWorkspaces(enterpriseId)) ?? [];
    for (const team of teams) await removeWorkspaceData(services, team);
    await installations?.forgetOrganization(enterpriseId, teams);
    services.logger.info('Slack organization removed the bot', {
      enterprise: enterpriseId,
      teams: teams.length,
    });
  } else if (teamId) {
    await installations?.deleteInstallation({ isEnterpriseInstall: false, teamId, enterpriseId });
    await removeWorkspaceData(services, teamId);
  }
}

async function removeWorkspaceData(services: UninstallDeps, teamId: string): Promise<void> {
  const { redis, keys, connections, meetings, logger } = services;
  const usersKey = keys.teamUsers(teamId);
  const userIds = await redis.smembers(usersKey);
  let zoomConnections = 0;
  let meetingRecords = 0;
  for (const userId of userIds) {
    const user = { teamId, userId };
    if (await connections.disconnect(user)) zoomConnections += 1;
    meetingRecords += await meetings.removeAllFor(user);
    await redis.del(keys.slackProfile(teamId, userId));
    // Only once the user's data is gone: a failure above leaves them listed for the redelivery.
    await redis.srem(usersKey, userId);
  }
  logger.info('Slack workspace removed the bot; its data is deleted', {
    team: teamId,
    users: userIds.length,
    zoomConnections,
    meetingRecords,
  });
}
