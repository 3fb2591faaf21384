/**
 * Which Slack Web API client acts for a workspace outside a Bolt listener (announcements, DMs,
 * profiles, jobs). One bot token serves one workspace; an installed (distributed) app holds one
 * token per workspace, or one per organization for an org-wide install on Enterprise Grid.
 */
import { webApi } from '@slack/bolt';
import type { SlackWebClient } from './web.js';

/** The workspace a call acts in; `enterpriseId` is set on Enterprise Grid. */
export interface WorkspaceRef {
  teamId: string;
  enterpriseId?: string;
}

export interface SlackClients {
  /** The client holding that workspace's bot token. Throws WorkspaceNotInstalledError. */
  forTeam(workspace: WorkspaceRef): Promise<SlackWebClient>;
}

export class WorkspaceNotInstalledError extends Error {
  constructor(readonly workspace: WorkspaceRef) {
    super(`the bot is not installed in Slack workspace ${workspace.teamId}`);
    this.name = 'WorkspaceNotInstalledError';
  }
}

/** SLACK_BOT_TOKEN mode: Slack only ever sends this bot's one workspace, so one client serves all. */
export class SingleWorkspaceClients implements SlackClients {
  constructor(private readonly client: SlackWebClient) {}

  async forTeam(): Promise<SlackWebClient> {
    return this.client;
  }
}

/** Looks up a workspace's bot token (null when not installed). */
export type BotTokenLookup = (workspace: WorkspaceRef) => Promise<string | null>;

/** Most deployments serve few workspaces at a time; a client is cheap to rebuild past this. */
const MAX_CACHED_CLIENTS = 500;

/** OAuth mode: each workspace's own token, read from the installation store on every call. */
export class InstalledWorkspaceClients implements SlackClients {
  /** By token, so a reinstall (new token) gets a new client and a removed one is never reused. */
  private readonly clients = new Map<string, SlackWebClient>();

  constructor(
    private readonly botToken: BotTokenLookup,
    private readonly clientOptions: webApi.WebClientOptions,
  ) {}

  async forTeam(workspace: WorkspaceRef): Promise<SlackWebClient> {
    const token = await this.botToken(workspace);
    if (!token) throw new WorkspaceNotInstalledError(workspace);
    let client = this.clients.get(token);
    if (!client) {
      if (this.clients.size >= MAX_CACHED_CLIENTS) this.clients.clear();
      client = new webApi.WebClient(token, this.clientOptions);
      this.clients.set(token, client);
    }
    return client;
  }
}
