/**
 * app_uninstalled, and tokens_revoked for the bot's token: the workspace removed the bot, so
 * everything the bot keeps for it goes: its installation (bot token), its users' waiting jobs, their
 * Zoom connections (revoked at Zoom, then deleted), their meeting records and cached profiles. The per-workspace
 * user index says whose; nothing is scanned. Redelivery finds less to do and is harmless.
 */
import type { App, Context } from '@slack/bolt';
import type { Logger } from '../../log.js';
import type { MeetingRecords, UserData } from '../../scheduling/ports/storage.js';
import type { SlackUserRef } from '../../scheduling/ports/types.js';
import type { ZoomConnections } from '../../zoom/connections.js';
import type { RedisInstallationStore } from '../installations.js';

export interface UninstallDeps {
  logger: Logger;
  connections: Pick<ZoomConnections, 'disconnect'>;
  meetings: Pick<MeetingRecords, 'removeAllFor'>;
  userData: Pick<UserData, 'eraseUser'>;
  workspaceUsers: {
    list(teamId: string): Promise<string[]>;
    forget(user: SlackUserRef): Promise<void>;
  };
  /** The durable job queue: waiting or delayed jobs of a user are dropped with the user. */
  jobs?: { removeFor(user: SlackUserRef): Promise<number> };
  /** Unset with SLACK_BOT_TOKEN: there is no stored installation, only the workspace's data. */
  installations?: Pick<
    RedisInstallationStore,
    'deleteInstallation' | 'organizationWorkspaces' | 'forgetOrganization'
  >;
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
  const { workspaceUsers, connections, meetings, userData, logger } = services;
  const userIds = await workspaceUsers.list(teamId);
  let zoomConnections = 0;
  let meetingRecords = 0;
  let jobs = 0;
  for (const userId of userIds) {
    const user = { teamId, userId };
    // Jobs first, so none of them posts with a token or for a record that is going away.
    jobs += (await services.jobs?.removeFor(user)) ?? 0;
    if (await connections.disconnect(user)) zoomConnections += 1;
    meetingRecords += await meetings.removeAllFor(user);
    await userData.eraseUser(user);
    // Only once the user's data is gone: a failure above leaves them listed for the redelivery.
    await workspaceUsers.forget(user);
  }
  logger.info('Slack workspace removed the bot; its data is deleted', {
    team: teamId,
    users: userIds.length,
    zoomConnections,
    meetingRecords,
    jobs,
  });
}
