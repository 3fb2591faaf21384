/**
 * Slack takes at most 5 posts on one response_url, within 30 minutes of its issue. The record
 * counts the posts made on its URL so none is spent on a post Slack would refuse; a click on the
 * message brings a fresh URL (and a fresh count).
 */
import type { MeetingRecord } from './types.js';

export const RESPONSE_URL_POSTS = 5;
export const RESPONSE_URL_LIFETIME_MS = 30 * 60_000;

/** The record with `url` as its response_url, issued at `now`, no post made on it yet. */
export function freshResponseUrl(record: MeetingRecord, url: string, now: Date): MeetingRecord {
  return { ...record, responseUrl: url, responseUrlUse: { since: now.toISOString(), posts: 0 } };
}

/** Whether one more post on the record's response_url is within Slack's limits. */
export function responseUrlUsable(record: MeetingRecord, now: Date): boolean {
  if (!record.responseUrl) return false;
  const use = record.responseUrlUse ?? { since: record.createdAt, posts: 0 };
  return use.posts < RESPONSE_URL_POSTS && now.getTime() - Date.parse(use.since) < RESPONSE_URL_LIFETIME_MS;
}

/** The record after `posts` more posts on its response_url. */
export function countResponseUrlPosts(record: MeetingRecord, posts = 1): MeetingRecord {
  const use = record.responseUrlUse ?? { since: record.createdAt, posts: 0 };
  return { ...record, responseUrlUse: { since: use.since, posts: use.posts + posts } };
}
