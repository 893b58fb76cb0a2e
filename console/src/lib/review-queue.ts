/**
 * The review queue as it changes: loaded from the graph, pairs taken out as anyone decides them
 * (this reviewer's mutation or another's matchDecided event, whichever comes first), pairs added
 * or refreshed as matchReviewQueued says. Pure, so the screen's live behaviour is unit-tested.
 */
export interface QueuedPair {
  id: string;
  apn: { companyName: string };
}

export interface DecidedPair {
  id: string;
  status: string;
  reviewer: string | null;
  company: string;
}

export interface ReviewQueueState<M extends QueuedPair> {
  queue: M[];
  /** Newest first, at most 10. */
  decided: DecidedPair[];
  /** The last change, for screen readers. */
  announcement: string;
}

export type ReviewQueueAction<M extends QueuedPair> =
  | { type: "loaded"; pairs: M[] }
  | { type: "decided"; id: string; status: string; reviewer: string | null }
  | { type: "queued"; pair: M };

export const emptyReviewQueue = <M extends QueuedPair>(): ReviewQueueState<M> => ({ queue: [], decided: [], announcement: "" });

export function reviewQueueReducer<M extends QueuedPair>(state: ReviewQueueState<M>, action: ReviewQueueAction<M>): ReviewQueueState<M> {
  switch (action.type) {
    case "loaded":
      // A pair decided before the load answered stays out.
      return { ...state, queue: action.pairs.filter((p) => !state.decided.some((d) => d.id === p.id)) };
    case "queued": {
      if (state.decided.some((d) => d.id === action.pair.id)) return state;
      const known = state.queue.some((p) => p.id === action.pair.id);
      return { ...state, queue: known ? state.queue.map((p) => (p.id === action.pair.id ? action.pair : p)) : [...state.queue, action.pair] };
    }
    case "decided": {
      const pair = state.queue.find((p) => p.id === action.id);
      if (!pair) return state;
      const decided = { id: action.id, status: action.status, reviewer: action.reviewer, company: pair.apn.companyName };
      return {
        queue: state.queue.filter((p) => p.id !== action.id),
        decided: [decided, ...state.decided.filter((d) => d.id !== action.id)].slice(0, 10),
        announcement: `${pair.apn.companyName}: ${action.status.toLowerCase()} by ${action.reviewer ?? "a reviewer"}`,
      };
    }
  }
}
