import type { MatchStatus } from "./types.js";

export interface AssignablePair {
  id: string;
  apnId: string;
  odooId: string;
  score: number;
  status: MatchStatus;
}

/**
 * Greedy one-to-one assignment: confirmed pairs first (a human said so), then by score, highest
 * first; a pair is assigned when neither of its records is taken yet. Rejected pairs never are.
 * Greedy rather than optimal (Hungarian) on purpose: the assigned set does not depend on any
 * threshold, so precision/recall curves over thresholds stay meaningful, and a pair that wins
 * is the best remaining option of both its records — easy to explain to a reviewer.
 * With `oneToOne` off every pair but the rejected ones is assigned. `blocked` records count as
 * taken from the start (assigned to a pair outside the ones given).
 */
export function assignOneToOne(pairs: readonly AssignablePair[], oneToOne: boolean, blocked: ReadonlySet<string> = new Set()): Set<string> {
  const assigned = new Set<string>();
  if (!oneToOne) {
    for (const p of pairs) if (p.status !== "rejected") assigned.add(p.id);
    return assigned;
  }
  const order = pairs
    .filter((p) => p.status !== "rejected")
    .sort((a, b) => Number(b.status === "confirmed") - Number(a.status === "confirmed") || b.score - a.score || (a.id < b.id ? -1 : 1));
  const taken = new Set<string>(blocked);
  for (const p of order) {
    if (taken.has(p.apnId) || taken.has(p.odooId)) continue;
    taken.add(p.apnId);
    taken.add(p.odooId);
    assigned.add(p.id);
  }
  return assigned;
}
