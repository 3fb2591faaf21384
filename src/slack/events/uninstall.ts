/**
 * app_uninstalled, and tokens_revoked for the bot's token: the workspace removed the bot, so
 * everything the bot keeps for it goes: its installation (bot token), its users' waiting jobs, their
 * Zoom connections (revoked at Zoom, then deleted), their meeting records and cached profiles. The per-workspace
 * user index says whose; nothing is scanned.
 *
 * Bolt answers an Events API request before any middleware or listener runs, so the removal is
 * stored as a job in front of Bolt (`storeUninstallsBeforeAck`): Slack gets its 200 only once the
 * job is in Redis, and a failure to store it answers 500 (Socket Mode: no ack), so Slack delivers
 * the event again. The job needs no bot token (it is gone) and can run again from the start: each
 * step finds less to do, and a user is dropped from the index only once all of theirs is gone.
 */
import { createHash } from 'node:crypto';
import type { App, InstallationQuery, Receiver, ReceiverEvent } from '@slack/bolt';
import type { AfterAnswer, Uninstall } from '../../jobs/kinds.js';
import type { Logger } from '../../log.js';
import { UnavailableError } from '../../scheduling/ports/errors.js';
import type { MeetingRecords, UserData } from '../../scheduling/ports/storage.js';
import type { SlackUserRef } from '../../scheduling/ports/types.js';
import type { ZoomConnections } from '../../zoom/connections.js';
import type { RedisInstallationStore } from '../installations.js';

export interface UninstallDeps {
  logger: Logger;
  connections: Pick<ZoomConnections, 'revokeAndRemove'>;
  meetings: Pick<MeetingRecords, 'removeAllFor'>;
  userData: Pick<UserData, 'eraseUser'>;
  workspaceUsers: {
    list(teamId: string): Promise<string[]>;
    forget(user: SlackUserRef): Promise<void>;
  };
  /** The durable job queue: waiting or delayed jobs of a user are dropped with the user. */
  jobs?: { removeForWorkspace(teamId: string): Promise<number> };
  /** Unset with SLACK_BOT_TOKEN: there is no stored installation, only the workspace's data. */
  installations?: Pick<
    RedisInstallationStore,
    'deleteInstallation' | 'deleteInstallationIf' | 'organizationWorkspaces' | 'forgetOrganization'
  >;
}

interface EventBody {
  type?: string;
  team_id?: string | null;
  enterprise_id?: string | null;
  is_enterprise_install?: boolean;
  event?: { type?: string; tokens?: { bot?: string[] } };
  authorizations?: {
    team_id?: string | null;
    enterprise_id?: string | null;
    is_enterprise_install?: boolean;
  }[];
}

/**
 * The removal a request body asks for, with the ids read as Bolt reads them for these two events
 * (buildSource: the first authorization, else the top-level ids); undefined for anything else.
 * Revoked user tokens alone leave the bot installed (it never acts with them).
 */
export function uninstallOf(body: unknown): Uninstall | undefined {
  const b = body as EventBody | undefined;
  if (b?.type !== 'event_callback') return undefined;
  const type = b.event?.type;
  const botRevoked = type === 'tokens_revoked' && (b.event?.tokens?.bot ?? []).length > 0;
  if (type !== 'app_uninstalled' && !botRevoked) return undefined;
  const auth = b.authorizations?.[0];
  const teamId = (auth && auth.team_id !== null ? auth.team_id : b.team_id) ?? undefined;
  const enterpriseId = (auth ? auth.enterprise_id : b.enterprise_id) ?? undefined;
  const isEnterpriseInstall = Boolean(auth?.is_enterprise_install ?? b.is_enterprise_install);
  if (!teamId && !(isEnterpriseInstall && enterpriseId)) return undefined;
  return {
    ...(teamId ? { teamId } : {}),
    ...(enterpriseId ? { enterpriseId } : {}),
    isEnterpriseInstall,
  };
}

/** The installation an uninstall is about, as Bolt's installation store is asked for it. */
function queryOf(u: Uninstall): InstallationQuery<boolean> {
  return u.isEnterpriseInstall && u.enterpriseId
    ? { isEnterpriseInstall: true, enterpriseId: u.enterpriseId, teamId: undefined }
    : { isEnterpriseInstall: false, teamId: u.teamId as string, enterpriseId: u.enterpriseId };
}

/** One job per workspace while it waits (redeliveries add nothing); opaque, as the event stream keeps ids. */
const jobIdOf = (u: Uninstall) =>
  `uninstall-${createHash('sha256')
    .update(`${u.isEnterpriseInstall ? 'org' : 'team'}:${u.enterpriseId ?? ''}:${u.teamId ?? ''}`)
    .digest('hex')
    .slice(0, 32)}`;

/**
 * Puts the receiver's requests through `app`, storing each uninstall as a job first. The receivers
 * (HTTP and Socket Mode) only call `processEvent` on the app they were given, after the signature
 * check; they answer Slack when Bolt acks, which for events is the first thing `processEvent` does.
 */
export function storeUninstallsBeforeAck(
  receiver: Receiver,
  app: App,
  jobs: Pick<AfterAnswer, 'enqueue'>,
  installations?: Pick<RedisInstallationStore, 'fingerprint'>,
): void {
  const processEvent = async (event: ReceiverEvent): Promise<void> => {
    const uninstall = uninstallOf(event.body);
    if (uninstall) {
      const installation = installations ? await installations.fingerprint(queryOf(uninstall)) : undefined;
      const job = { ...uninstall, ...(installation !== undefined ? { installation } : {}) };
      await jobs.enqueue('uninstall', job, { jobId: jobIdOf(uninstall) });
    }
    return app.processEvent(event);
  };
  receiver.init(Object.create(app, { processEvent: { value: processEvent } }) as App);
}

/**
 * The job: removes what the workspace (or organization) left. `lastTry`: Zoom still not answering
 * the revocations, the pairs are deleted anyway (the workspace's data must go).
 */
export async function removeWorkspace(
  services: UninstallDeps,
  uninstall: Uninstall,
  lastTry: boolean,
): Promise<void> {
  const { installations } = services;
  const { teamId, enterpriseId } = uninstall;
  const removeInstallation = async () => {
    if (!installations || uninstall.installation === null) return;
    // A job stored before installations were fingerprinted deletes whatever is there, as it did.
    if (uninstall.installation === undefined) return installations.deleteInstallation(queryOf(uninstall));
    const deleted = await installations.deleteInstallationIf(queryOf(uninstall), uninstall.installation);
    if (!deleted) services.logger.info('Slack installation kept: the workspace installed the bot again');
  };
  if (uninstall.isEnterpriseInstall && enterpriseId) {
    await removeInstallation();
    const teams = (await installations?.organizationWorkspaces(enterpriseId)) ?? [];
    for (const team of teams) await removeWorkspaceData(services, team, lastTry);
    await installations?.forgetOrganization(enterpriseId, teams);
    services.logger.info('Slack organization removed the bot', {
      enterprise: enterpriseId,
      teams: teams.length,
    });
  } else if (teamId) {
    await removeInstallation();
    await removeWorkspaceData(services, teamId, lastTry);
  }
}

async function removeWorkspaceData(services: UninstallDeps, teamId: string, lastTry: boolean): Promise<void> {
  const { workspaceUsers, connections, meetings, userData, logger } = services;
  const userIds = await workspaceUsers.list(teamId);
  let zoomConnections = 0;
  let meetingRecords = 0;
  let unrevoked = 0;
  // Jobs first, so none of them posts with a token or for a record that is going away.
  const jobs = (await services.jobs?.removeForWorkspace(teamId)) ?? 0;
  for (const userId of userIds) {
    const user = { teamId, userId };
    const { removed, revoked } = await connections.revokeAndRemove(user, { evenUnrevoked: lastTry });
    if (!revoked && !lastTry) throw new UnavailableError('Zoom did not answer the token revocation');
    if (!revoked) unrevoked += 1;
    if (removed) zoomConnections += 1;
    meetingRecords += await meetings.removeAllFor(user);
    await userData.eraseUser(user);
    // Only once the user's data is gone: a run cut short leaves them listed for the next run.
    await workspaceUsers.forget(user);
  }
  logger.info('Slack workspace removed the bot; its data is deleted', {
    team: teamId,
    users: userIds.length,
    zoomConnections,
    meetingRecords,
    jobs,
    ...(unrevoked > 0 ? { notRevokedAtZoom: unrevoked } : {}),
  });
}
