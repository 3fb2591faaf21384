/** Redis settings: one node (REDIS_URL), a Redis Cluster's seed nodes, or Sentinel. */
import { optional, type Reader } from './config-reader.js';

export interface RedisNode {
  host: string;
  port: number;
}

export interface RedisConfig {
  /** Scheme (`rediss:` = TLS), user and password apply to every node in cluster and Sentinel modes. */
  url: string;
  keyPrefix: string;
  /** Set: Redis Cluster with these seed nodes (REDIS_URL's host and port are ignored). */
  clusterNodes?: RedisNode[];
  /** Set: Sentinel mode; the master is looked up by `sentinelName`. */
  sentinels?: RedisNode[];
  sentinelName?: string;
}

export function redisConfig(env: Reader, redisUrl: string): RedisConfig {
  const config: RedisConfig = { url: redisUrl, keyPrefix: optional(env, 'REDIS_KEY_PREFIX') ?? 'zoombot:' };
  const clusterNodes = nodeList(env, 'REDIS_CLUSTER_NODES');
  const sentinels = nodeList(env, 'REDIS_SENTINELS');
  const sentinelName = optional(env, 'REDIS_SENTINEL_NAME');
  if (clusterNodes && sentinels) {
    env.problem('REDIS_CLUSTER_NODES', 'and REDIS_SENTINELS cannot both be set; choose one');
  }
  if (sentinels && !sentinelName) {
    env.problem('REDIS_SENTINEL_NAME', 'is required with REDIS_SENTINELS (the master group name)');
  }
  if (sentinelName && !sentinels) {
    env.problem('REDIS_SENTINELS', 'is required with REDIS_SENTINEL_NAME (host:port,host:port)');
  }
  if (clusterNodes) config.clusterNodes = clusterNodes;
  if (sentinels) Object.assign(config, { sentinels, sentinelName });
  return config;
}

/** `host:port,host:port` ([v6]:port for IPv6). */
function nodeList(env: Reader, name: string): RedisNode[] | undefined {
  const value = optional(env, name);
  if (value === undefined) return undefined;
  const nodes: RedisNode[] = [];
  for (const part of value.split(',')) {
    const match = /^(?:\[([^\]]+)\]|([^:\s]+)):(\d{1,5})$/.exec(part.trim());
    const portNumber = Number(match?.[3]);
    if (!match || portNumber < 1 || portNumber > 65535) {
      env.problem(name, `must be host:port,host:port; got "${part.trim()}"`);
      return undefined;
    }
    nodes.push({ host: (match[1] ?? match[2]) as string, port: portNumber });
  }
  return nodes;
}
