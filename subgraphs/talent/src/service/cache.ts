/**
 * Match results cached in the subgraph process (seed 12.4): an entry lives an hour at most, and
 * every write to a talent or a job drops what it could change, in every replica (the kit's
 * ResultCache). Entries are keyed by side: `job:<talentId>:…` holds the jobs of a talent,
 * `talent:<jobId>:…` the talents of a job.
 */
export const MATCH_CACHE_TTL_MS = 3_600_000;
export const MATCH_CACHE_MAX = 2_000;
export const MATCHES_CHANGED = "talent.matchesChanged";

export interface MatchesChanged {
  kind: "talent" | "job" | "model";
  id: string | null;
}

/**
 * What a change can affect: a talent's own job list and every talent list (the talent may enter or
 * leave any of them); a job's own talent list and every job list; a model change: everything.
 */
export function matchesAffected(key: string, change: MatchesChanged): boolean {
  if (change.kind === "model" || change.id === null) return true;
  const own = change.kind === "talent" ? `job:${change.id}:` : `talent:${change.id}:`;
  return key.startsWith(own) || key.startsWith(change.kind === "talent" ? "talent:" : "job:");
}
