/**
 * Match results cached in the subgraph process (seed 12.4): an entry lives an hour at most, and
 * every write to a talent or a job drops what it could change (published on the pub/sub topic so
 * that other replicas drop theirs too). Entries are keyed by side: `job:<talentId>:…` holds the
 * jobs of a talent, `talent:<jobId>:…` the talents of a job.
 */
export const MATCH_CACHE_TTL_MS = 3_600_000;
export const MATCH_CACHE_MAX = 2_000;
export const MATCHES_CHANGED = "talent.matchesChanged";

export interface MatchesChanged {
  kind: "talent" | "job" | "model";
  id: string | null;
}

export class MatchCache<V> {
  private readonly entries = new Map<string, { value: V; expires: number }>();

  constructor(
    private readonly ttlMs = MATCH_CACHE_TTL_MS,
    private readonly max = MATCH_CACHE_MAX,
    private readonly now: () => number = Date.now,
  ) {}

  get(key: string): V | undefined {
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    if (hit.expires <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    // Most recently used last (Map keeps insertion order).
    this.entries.delete(key);
    this.entries.set(key, hit);
    return hit.value;
  }

  set(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, { value, expires: this.now() + this.ttlMs });
    while (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
  }

  /**
   * Drops what a change can affect: a talent's own job list and every talent list (the talent may
   * enter or leave any of them); a job's own talent list and every job list; a model change: all.
   */
  invalidate(change: MatchesChanged): void {
    if (change.kind === "model" || change.id === null) {
      this.entries.clear();
      return;
    }
    const own = change.kind === "talent" ? `job:${change.id}:` : `talent:${change.id}:`;
    const others = change.kind === "talent" ? "talent:" : "job:";
    for (const key of [...this.entries.keys()]) if (key.startsWith(own) || key.startsWith(others)) this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }
}
