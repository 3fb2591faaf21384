/**
 * The bot's Slack installations in Redis, for Bolt's OAuth support (`InstallationStore`): one per
 * workspace, or one per organization for an org-wide install on Enterprise Grid. Each is sealed
 * with TOKEN_ENCRYPTION_KEY and bound to its own key, so an installation copied under another
 * workspace's key does not open there.
 */
import { createHash } from 'node:crypto';
import type { Installation, InstallationQuery, InstallationStore } from '@slack/bolt';
import type { Logger } from '../log.js';
import type { Keys, RedisClient } from '../redis.js';
import { Sealer } from '../zoom/crypto.js';
import type { WorkspaceRef } from './clients.js';

type AnyInstallation = Installation<'v1' | 'v2', boolean>;

/** Where one installation lives: a workspace's key or an organization's. */
type Place = { kind: 'team'; id: string } | { kind: 'enterprise'; id: string };

/** The place a query's installation lives: the organization's for an org-wide install. */
function placeOf(query: InstallationQuery<boolean>): Place | undefined {
  if (query.isEnterpriseInstall && query.enterpriseId) return { kind: 'enterprise', id: query.enterpriseId };
  return query.teamId ? { kind: 'team', id: query.teamId } : undefined;
}

/** DEL the key only if the SHA-1 of its value is ARGV[1]. */
const DELETE_IF_SAME = `
local value = redis.call('GET', KEYS[1])
if value and redis.sha1hex(value) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/** Associated data of a sealed installation: the place it was written for. */
const boundTo = (place: Place) => `slack-installation:${place.kind}:${place.id}`;

export class RedisInstallationStore implements InstallationStore {
  private readonly sealer: Sealer;
  /** Workspaces already linked to their organization by this process (the link is written once). */
  private readonly linked = new Set<string>();

  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Keys,
    encryptionKeys: Buffer[],
    private readonly logger: Logger,
  ) {
    this.sealer = new Sealer(encryptionKeys);
  }

  async storeInstallation(installation: AnyInstallation): Promise<void> {
    const place: Place | undefined =
      installation.isEnterpriseInstall && installation.enterprise?.id
        ? { kind: 'enterprise', id: installation.enterprise.id }
        : installation.team?.id
          ? { kind: 'team', id: installation.team.id }
          : undefined;
    if (!place) throw new Error('Slack sent an installation that names no workspace');
    const key = this.keyOf(place);
    await this.redis.set(key, this.sealer.seal(JSON.stringify(installation), boundTo(place)));
    this.logger.info('Slack installation stored', { [place.kind]: place.id });
  }

  /** Bolt's lookup for every incoming request. Throws when the workspace has not installed the bot. */
  async fetchInstallation(query: InstallationQuery<boolean>): Promise<AnyInstallation> {
    if (query.isEnterpriseInstall && query.enterpriseId) {
      if (query.teamId) await this.linkToOrganization(query.teamId, query.enterpriseId);
      const org = await this.read({ kind: 'enterprise', id: query.enterpriseId });
      if (org) return org;
    } else if (query.teamId) {
      const team = await this.read({ kind: 'team', id: query.teamId });
      if (team) return team;
    }
    throw new Error(`no Slack installation for ${query.enterpriseId ?? '-'}/${query.teamId ?? '-'}`);
  }

  /**
   * Which stored installation answers `query` now (a digest of its sealed value), or null: an
   * uninstall notes it, so a later run of its clean-up never deletes a reinstall.
   */
  async fingerprint(query: InstallationQuery<boolean>): Promise<string | null> {
    const place = placeOf(query);
    const sealed = place ? await this.redis.get(this.keyOf(place)) : null;
    return sealed === null ? null : createHash('sha1').update(sealed).digest('hex');
  }

  /** Deletes the installation only while it is still the one `fingerprint` named (one script). */
  async deleteInstallationIf(query: InstallationQuery<boolean>, fingerprint: string): Promise<boolean> {
    const place = placeOf(query);
    if (!place) return false;
    return Number(await this.redis.eval(DELETE_IF_SAME, 1, this.keyOf(place), fingerprint)) === 1;
  }

  async deleteInstallation(query: InstallationQuery<boolean>): Promise<void> {
    if (query.isEnterpriseInstall && query.enterpriseId) {
      await this.redis.del(this.keyOf({ kind: 'enterprise', id: query.enterpriseId }));
    } else if (query.teamId) {
      await this.redis.del(this.keyOf({ kind: 'team', id: query.teamId }));
    }
  }

  /**
   * The bot token acting in a workspace outside a request: the workspace's own install, else the
   * org-wide install of its organization (named, or as linked when a request came from it).
   */
  async botToken(workspace: WorkspaceRef): Promise<string | null> {
    const own = await this.read({ kind: 'team', id: workspace.teamId });
    if (own?.bot?.token) return own.bot.token;
    const enterpriseId =
      workspace.enterpriseId ?? (await this.redis.get(this.keys.workspaceOrganization(workspace.teamId)));
    if (!enterpriseId) return null;
    const org = await this.read({ kind: 'enterprise', id: enterpriseId });
    return org?.bot?.token ?? null;
  }

  /** Workspaces that used an org-wide install (for removing their data with it). */
  async organizationWorkspaces(enterpriseId: string): Promise<string[]> {
    return this.redis.smembers(this.keys.organizationWorkspaces(enterpriseId));
  }

  /** Forgets the workspaces linked to an organization (after their data is gone). */
  async forgetOrganization(enterpriseId: string, teamIds: string[]): Promise<void> {
    for (const teamId of teamIds) {
      await this.redis.del(this.keys.workspaceOrganization(teamId));
      this.linked.delete(teamId);
    }
    await this.redis.del(this.keys.organizationWorkspaces(enterpriseId));
  }

  private async linkToOrganization(teamId: string, enterpriseId: string): Promise<void> {
    if (this.linked.has(teamId)) return;
    // Two keys in two slots (workspace, organization): two commands, each idempotent.
    await this.redis.set(this.keys.workspaceOrganization(teamId), enterpriseId);
    await this.redis.sadd(this.keys.organizationWorkspaces(enterpriseId), teamId);
    this.linked.add(teamId);
    this.logger.debug('workspace linked to its organization', { team: teamId, enterprise: enterpriseId });
  }

  private keyOf(place: Place): string {
    return place.kind === 'team'
      ? this.keys.slackInstallation(place.id)
      : this.keys.slackOrgInstallation(place.id);
  }

  /** null when absent; an unreadable value is logged (never its content) and treated as absent. */
  private async read(place: Place): Promise<AnyInstallation | null> {
    const key = this.keyOf(place);
    const sealed = await this.redis.get(key);
    if (!sealed) return null;
    try {
      return JSON.parse(this.sealer.open(sealed, boundTo(place))) as AnyInstallation;
    } catch (err) {
      this.logger.error('stored Slack installation does not open; the workspace must reinstall the app', {
        [place.kind]: place.id,
        reason: err instanceof Error ? err.message : 'unknown',
      });
      return null;
    }
  }
}
