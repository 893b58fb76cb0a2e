import { useCallback, useEffect, useMemo, useReducer, useState } from "react";
import { useMutation, useQuery, useSubscription } from "urql";
import { graphql } from "../gql/index.js";
import type { ReviewMatchFragment } from "../gql/graphql.js";
import { diffWords, sameValue } from "../lib/diff.js";
import { emptyReviewQueue, reviewQueueReducer } from "../lib/review-queue.js";
import { useSession } from "../lib/session.js";
import { Bar } from "../ui/Bar.js";
import { TableWrap } from "../ui/TableWrap.js";
import { Empty, ErrorState, Loading, errorText } from "../ui/states.js";

graphql(`
  fragment ReviewOpportunity on Opportunity {
    id
    source
    externalId
    companyName
    title
    description
    country
    region
    website
    email
    amount
    stage
    closeDate
  }
`);
graphql(`
  fragment ReviewMatch on Match {
    id
    score
    status
    confidence
    reviewer
    decidedAt
    signals {
      signal
      level
      value
      weight
      contribution
    }
    apn {
      ...ReviewOpportunity
    }
    odoo {
      ...ReviewOpportunity
    }
  }
`);
const QUEUE = graphql(`
  query ReviewQueue($first: Int!) {
    matchReviewQueue(first: $first) {
      nodes {
        ...ReviewMatch
      }
    }
  }
`);
const QUEUED = graphql(`
  subscription ReviewQueued {
    matchReviewQueued {
      ...ReviewMatch
    }
  }
`);
const DECIDED = graphql(`
  subscription ReviewDecided {
    matchDecided {
      id
      status
      reviewer
      decidedAt
    }
  }
`);
const CONFIRM = graphql(`
  mutation ConfirmMatch($id: ID!) {
    confirmMatch(id: $id) {
      id
      status
      reviewer
      decidedAt
    }
  }
`);
const REJECT = graphql(`
  mutation RejectMatch($id: ID!) {
    rejectMatch(id: $id) {
      id
      status
      reviewer
      decidedAt
    }
  }
`);

type Opp = ReviewMatchFragment["apn"];
const FIELDS: Array<{ key: keyof Opp; label: string }> = [
  { key: "companyName", label: "Company" },
  { key: "title", label: "Title" },
  { key: "description", label: "Description" },
  { key: "website", label: "Website" },
  { key: "email", label: "E-mail" },
  { key: "country", label: "Country" },
  { key: "region", label: "Region" },
  { key: "amount", label: "Amount" },
  { key: "stage", label: "Stage" },
  { key: "closeDate", label: "Close date" },
  { key: "externalId", label: "External id" },
];

/**
 * The review queue, keyboard first: the pair side by side with what differs highlighted, every
 * signal's contribution, C / R / S to confirm, reject or skip. Other reviewers' decisions arrive
 * by subscription and take their pair out of the queue at once.
 */
export function Review() {
  const { can, format, onReconnected } = useSession();
  const [{ data, fetching, error }, refetch] = useQuery({ query: QUEUE, variables: { first: 50 }, requestPolicy: "network-only" });
  // Decisions made while the socket was down never arrive as events: load the queue again.
  useEffect(() => onReconnected(() => refetch({ requestPolicy: "network-only" })), [onReconnected, refetch]);
  const [state, dispatch] = useReducer(reviewQueueReducer<ReviewMatchFragment>, undefined, emptyReviewQueue<ReviewMatchFragment>);
  const { queue, decided, announcement } = state;
  const [loadedFrom, setLoadedFrom] = useState<typeof data>(undefined);
  if (data && data !== loadedFrom) {
    setLoadedFrom(data);
    dispatch({ type: "loaded", pairs: data.matchReviewQueue.nodes });
  }
  const [index, setIndex] = useState(0);
  const [actionError, setActionError] = useState<string | null>(null);
  const [, confirm] = useMutation(CONFIRM);
  const [, reject] = useMutation(REJECT);

  useSubscription({ query: DECIDED }, (_prev, event) => {
    dispatch({ type: "decided", id: event.matchDecided.id, status: event.matchDecided.status, reviewer: event.matchDecided.reviewer ?? null });
    return event;
  });
  useSubscription({ query: QUEUED }, (_prev, event) => {
    dispatch({ type: "queued", pair: event.matchReviewQueued });
    return event;
  });

  const current = queue[Math.min(index, queue.length - 1)];
  const decide = useCallback(
    async (kind: "confirm" | "reject") => {
      if (!current || !can.write) return;
      setActionError(null);
      const result = kind === "confirm" ? await confirm({ id: current.id }) : await reject({ id: current.id });
      if (result.error) return setActionError(errorText(result.error));
      const data = result.data;
      const m = data && ("confirmMatch" in data ? data.confirmMatch : "rejectMatch" in data ? data.rejectMatch : undefined);
      if (m) dispatch({ type: "decided", id: m.id, status: m.status, reviewer: m.reviewer ?? null });
    },
    [current, can.write, confirm, reject],
  );
  const skip = useCallback(() => setIndex((i) => (queue.length ? (i + 1) % queue.length : 0)), [queue.length]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      const target = e.target as HTMLElement;
      if (target.closest("input, textarea, select, [contenteditable]")) return;
      const key = e.key.toLowerCase();
      if (key === "c" && can.write) void decide("confirm");
      else if (key === "r" && can.write) void decide("reject");
      else if (key === "s" || key === "j") skip();
      else if (key === "k") setIndex((i) => (queue.length ? (i - 1 + queue.length) % queue.length : 0));
      else return;
      e.preventDefault();
    };
    addEventListener("keydown", onKey);
    return () => removeEventListener("keydown", onKey);
  }, [decide, skip, can.write, queue.length]);

  return (
    <section aria-labelledby="review-title" className="review">
      <div className="screen-head">
        <h1 id="review-title">Review queue</h1>
        <p className="count" aria-live="polite">
          {format.integer(queue.length)} {queue.length === 1 ? "pair" : "pairs"} waiting
        </p>
      </div>
      <p className="hint">
        Keys: {can.write && <><kbd>C</kbd> confirm, <kbd>R</kbd> reject, </>}<kbd>S</kbd> skip, <kbd>K</kbd> back.
        {!can.write && " Deciding needs the writer or admin role."}
      </p>
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
      {actionError && (
        <p className="state error" role="alert">
          {actionError}
        </p>
      )}
      {error && !data ? (
        <ErrorState error={error} retry={() => refetch({ requestPolicy: "network-only" })} />
      ) : fetching && !data ? (
        <Loading what="the review queue" />
      ) : !current ? (
        <Empty>No pairs wait for review. New ones appear here as matching proposes them.</Empty>
      ) : (
        <Pair match={current} position={queue.indexOf(current) + 1} of={queue.length} onDecide={decide} onSkip={skip} />
      )}
      {decided.length > 0 && (
        <section aria-labelledby="decided-title" className="decided">
          <h2 id="decided-title">Just decided</h2>
          <ul>
            {decided.map((d) => (
              <li key={d.id} data-match-id={d.id}>
                <span className={`status ${d.status.toLowerCase()}`}>{d.status.toLowerCase()}</span> {d.company} — {d.reviewer ?? "reviewer"}
              </li>
            ))}
          </ul>
        </section>
      )}
    </section>
  );
}

function Pair({ match, position, of, onDecide, onSkip }: { match: ReviewMatchFragment; position: number; of: number; onDecide: (k: "confirm" | "reject") => void; onSkip: () => void }) {
  const { can, format } = useSession();
  const maxContribution = useMemo(() => Math.max(0.0001, ...match.signals.map((s) => Math.abs(s.contribution))), [match.signals]);
  const show = (opp: Opp, key: keyof Opp): string => {
    const v = opp[key];
    if (v == null) return "";
    if (key === "amount" && typeof v === "number") return format.money(v);
    return String(v);
  };
  return (
    <article className="pair" aria-label={`Pair ${position} of ${of}: ${match.apn.companyName} and ${match.odoo.companyName}`} data-match-id={match.id}>
      <p className="pair-meta">
        Pair {format.integer(position)} of {format.integer(of)} · score <strong>{format.number(match.score)}</strong> · {match.confidence.toLowerCase()} confidence
      </p>
      <TableWrap label="The pair side by side">
        <table className="compare">
          <caption className="visually-hidden">The two records side by side; differences are marked</caption>
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">APN</th>
              <th scope="col">Odoo</th>
            </tr>
          </thead>
          <tbody>
            {FIELDS.map(({ key, label }) => {
              const a = show(match.apn, key);
              const b = show(match.odoo, key);
              const same = sameValue(a, b);
              const parts = same ? null : diffWords(a, b);
              return (
                <tr key={key} className={same ? undefined : "differs"}>
                  <th scope="row">
                    {label}
                    {!same && <span className="visually-hidden"> (differs)</span>}
                  </th>
                  <td>{parts ? parts.left.map((p, i) => (p.differs ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>)) : a || "–"}</td>
                  <td>{parts ? parts.right.map((p, i) => (p.differs ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>)) : b || "–"}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableWrap>
      <h2>Signals</h2>
      <TableWrap label="Signals">
        <table className="signals">
          <thead>
            <tr>
              <th scope="col">Signal</th>
              <th scope="col">Agreement</th>
              <th scope="col">Weight</th>
              <th scope="col">Contribution</th>
            </tr>
          </thead>
          <tbody>
            {match.signals.map((s) => (
              <tr key={s.signal}>
                <th scope="row">{s.signal}</th>
                <td>{s.level ?? format.number(s.value)}</td>
                <td>{format.number(s.weight)}</td>
                <td className="contribution">
                  <Bar value={s.contribution} max={maxContribution} label={s.signal} text={format.signed(s.contribution)} />
                  <span>{format.signed(s.contribution)}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      <div className="actions">
        {can.write && (
          <>
            <button type="button" className="primary" aria-keyshortcuts="C" onClick={() => onDecide("confirm")}>
              Confirm <kbd>C</kbd>
            </button>
            <button type="button" className="danger" aria-keyshortcuts="R" onClick={() => onDecide("reject")}>
              Reject <kbd>R</kbd>
            </button>
          </>
        )}
        <button type="button" aria-keyshortcuts="S" onClick={onSkip}>
          Skip <kbd>S</kbd>
        </button>
      </div>
    </article>
  );
}
