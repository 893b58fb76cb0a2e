import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { useClient, useMutation, useQuery } from "urql";
import { graphql } from "../gql/index.js";
import type { GenerationMode, SalesContentKind, SalesContentStreamSubscription, Vote } from "../gql/graphql.js";
import { useSession } from "../lib/session.js";
import { Bar } from "../ui/Bar.js";
import { PassageDialog, type Passage } from "../ui/PassageDialog.js";
import { QueryState, errorText } from "../ui/states.js";

const CUSTOMERS = graphql(`
  query SalesCustomers {
    customers(first: 50) {
      nodes {
        id
        company
        stage
      }
    }
  }
`);
const CUSTOMER = graphql(`
  query SalesCustomer($id: ID!) {
    customer(id: $id) {
      id
      company
      industry
      country
      size
      stage
      domain
      notes
      contacts {
        id
        name
        title
        email
        personality {
          style
          confidence
          scores {
            D
            I
            S
            C
          }
          evidence {
            style
            sentence
            cues
          }
        }
      }
      decisionFactors {
        factor
        weight
        mentions
        concern
        evidence {
          sentence
          concern
        }
      }
      interactions(first: 10) {
        nodes {
          id
          kind
          subject
          body
          occurredAt
        }
      }
      contentUsage {
        answers
        costUsd
      }
    }
  }
`);
const SEED = graphql(`
  mutation SeedPersonas {
    seedCustomerPersonas {
      id
    }
  }
`);
const STREAM = graphql(`
  subscription SalesContentStream($customerId: ID!, $kind: SalesContentKind!, $objection: String, $mode: GenerationMode, $fresh: Boolean!) {
    salesContentStream(customerId: $customerId, kind: $kind, objection: $objection, mode: $mode, format: TEXT, fresh: $fresh) {
      delta
      content {
        id
        kind
        title
        mode
        model
        personality
        cached
        fallbackReason
        feedbackScore
        latencyMs
        usage {
          promptTokens
          completionTokens
          costUsd
        }
        paragraphs {
          heading
          sentences {
            text
            citations
          }
        }
        citations {
          n
          quote
          sourceId
          sourceTitle
          charStart
          charEnd
          page
          headingPath
        }
      }
    }
  }
`);
const RATE = graphql(`
  mutation RateSalesContent($contentId: ID!, $vote: Vote!) {
    rateSalesContent(contentId: $contentId, vote: $vote) {
      id
      feedbackScore
    }
  }
`);

type Content = NonNullable<SalesContentStreamSubscription["salesContentStream"]["content"]>;
const KINDS: Array<{ kind: SalesContentKind; label: string }> = [
  { kind: "EMAIL", label: "Write an e-mail" },
  { kind: "CALL_SCRIPT", label: "Write a call script" },
  { kind: "ONE_PAGER", label: "Write a one-pager" },
];
const DISC: Record<string, string> = { D: "Dominance", I: "Influence", S: "Steadiness", C: "Conscientiousness" };

export function Sales() {
  const { can } = useSession();
  const [{ data, fetching, error }, refetch] = useQuery({ query: CUSTOMERS });
  const [chosen, setCustomerId] = useState("");
  const [seeding, seed] = useMutation(SEED);
  const selectId = useId();
  const customers = data?.customers.nodes ?? [];
  const customerId = chosen || customers[0]?.id || "";
  if (!can.read) return <section aria-labelledby="sales-title"><h1 id="sales-title">Sales</h1><p className="notice">Customer pages need the reader, writer or admin role.</p></section>;
  return (
    <section aria-labelledby="sales-title">
      <h1 id="sales-title">Sales</h1>
      <QueryState
        what="customers"
        fetching={fetching}
        error={error}
        data={data}
        isEmpty={(d) => d.customers.nodes.length === 0}
        empty={
          <>
            No customer yet.{" "}
            {can.admin && (
              <button type="button" disabled={seeding.fetching} onClick={() => void seed({}).then(() => refetch({ requestPolicy: "network-only" }))}>
                Add the four demo personas
              </button>
            )}
          </>
        }
      >
        {() => (
          <>
            <label htmlFor={selectId}>Customer</label>
            <select id={selectId} value={customerId} onChange={(e) => setCustomerId(e.target.value)}>
              {customers.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.company} ({c.stage.toLowerCase()})
                </option>
              ))}
            </select>
            {customerId && <CustomerPage key={customerId} id={customerId} />}
          </>
        )}
      </QueryState>
    </section>
  );
}

function CustomerPage({ id }: { id: string }) {
  const { can, format } = useSession();
  const [{ data, fetching, error }] = useQuery({ query: CUSTOMER, variables: { id } });
  return (
    <QueryState what="the customer" fetching={fetching} error={error} data={data?.customer} empty="This customer is gone.">
      {(c) => (
        <div className="customer">
          <section className="panel" aria-labelledby="profile-title">
            <h2 id="profile-title">{c.company}</h2>
            <p className="hint">{[c.industry, c.country, c.size ? `${c.size} employees` : null, c.domain, `stage ${c.stage.toLowerCase()}`].filter(Boolean).join(" · ")}</p>
            {c.notes && <p>{c.notes}</p>}
            <p className="hint">
              {format.integer(c.contentUsage.answers)} answers generated, {format.usd(c.contentUsage.costUsd)} in all
            </p>
          </section>
          <div className="columns">
            <section className="panel" aria-labelledby="contacts-title">
              <h3 id="contacts-title">Contacts</h3>
              {c.contacts.length === 0 ? (
                <p className="hint">No contact yet.</p>
              ) : (
                <ul className="plain">
                  {c.contacts.map((p) => (
                    <li key={p.id}>
                      <strong>{p.name}</strong> {p.title && <span className="hint">— {p.title}</span>}
                      {p.personality ? (
                        <>
                          <p>
                            Style <strong>{DISC[p.personality.style] ?? p.personality.style}</strong> ({format.percent(p.personality.confidence)} confidence)
                          </p>
                          <dl className="explain">
                            {(["D", "I", "S", "C"] as const).map((k) => (
                              <div key={k}>
                                <dt>{DISC[k]}</dt>
                                <dd>
                                  <Bar value={p.personality!.scores[k]} max={1} label={DISC[k]!} text={format.percent(p.personality!.scores[k])} /> {format.percent(p.personality!.scores[k])}
                                </dd>
                              </div>
                            ))}
                          </dl>
                          <details>
                            <summary>Evidence ({format.integer(p.personality.evidence.length)})</summary>
                            <ul>
                              {p.personality.evidence.map((e, i) => (
                                <li key={i}>
                                  <q>{e.sentence}</q> <span className="hint">({DISC[e.style] ?? e.style}: {e.cues.join(", ")})</span>
                                </li>
                              ))}
                            </ul>
                          </details>
                        </>
                      ) : (
                        <p className="hint">No style known yet.</p>
                      )}
                    </li>
                  ))}
                </ul>
              )}
            </section>
            <section className="panel" aria-labelledby="factors-title">
              <h3 id="factors-title">Decision factors</h3>
              {c.decisionFactors.length === 0 ? (
                <p className="hint">None heard yet.</p>
              ) : (
                <ul className="plain">
                  {c.decisionFactors.map((f) => (
                    <li key={f.factor}>
                      <strong>{f.factor}</strong> <Bar value={f.weight} max={1} label={f.factor} text={format.percent(f.weight)} /> {format.percent(f.weight)} · {format.integer(f.mentions)} {f.mentions === 1 ? "mention" : "mentions"}, {format.percent(f.concern)} concerns
                    </li>
                  ))}
                </ul>
              )}
            </section>
          </div>
          <section className="panel" aria-labelledby="interactions-title">
            <h3 id="interactions-title">Interactions</h3>
            {c.interactions.nodes.length === 0 ? (
              <p className="hint">None logged yet.</p>
            ) : (
              <ul className="plain">
                {c.interactions.nodes.map((i) => (
                  <li key={i.id}>
                    <span className="hint">
                      {format.date(i.occurredAt)} · {i.kind.toLowerCase()}
                    </span>{" "}
                    {i.subject && <strong>{i.subject}: </strong>}
                    {i.body}
                  </li>
                ))}
              </ul>
            )}
          </section>
          {can.write ? <Generate customerId={c.id} /> : <p className="notice">Generating content needs the writer or admin role.</p>}
        </div>
      )}
    </QueryState>
  );
}

function Generate({ customerId }: { customerId: string }) {
  const client = useClient();
  const { format, can } = useSession();
  const [objection, setObjection] = useState("");
  const [mode, setMode] = useState<GenerationMode>("EXTRACTIVE");
  const [streamed, setStreamed] = useState("");
  const [content, setContent] = useState<Content | null>(null);
  const [running, setRunning] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [passage, setPassage] = useState<Passage | null>(null);
  const [score, setScore] = useState<number | null>(null);
  const [voted, setVoted] = useState<Vote | null>(null);
  const [, rate] = useMutation(RATE);
  const stop = useRef<(() => void) | null>(null);
  const objectionId = useId();
  const modeId = useId();
  useEffect(() => () => stop.current?.(), []);

  const run = (kind: SalesContentKind, text?: string) => {
    stop.current?.();
    setStreamed("");
    setContent(null);
    setProblem(null);
    setVoted(null);
    setRunning(true);
    const sub = client.subscription(STREAM, { customerId, kind, objection: text ?? null, mode, fresh: true }).subscribe((result) => {
      if (result.error) {
        setProblem(errorText(result.error));
        setRunning(false);
        return;
      }
      const event = result.data?.salesContentStream;
      if (!event) return;
      if (event.delta) setStreamed((s) => s + event.delta);
      if (event.content) {
        setContent(event.content);
        setScore(event.content.feedbackScore);
        setRunning(false);
      }
    });
    stop.current = () => sub.unsubscribe();
  };
  const ask = (e: FormEvent) => {
    e.preventDefault();
    if (objection.trim()) run("OBJECTION_RESPONSE", objection.trim());
  };
  const openCitation = (n: number) => {
    const c = content?.citations.find((x) => x.n === n);
    if (c) setPassage(c);
  };
  const vote = async (v: Vote) => {
    if (!content) return;
    const r = await rate({ contentId: content.id, vote: v });
    if (r.error) return setProblem(errorText(r.error));
    setVoted(v);
    setScore(r.data?.rateSalesContent.feedbackScore ?? null);
  };

  return (
    <section className="panel" aria-labelledby="generate-title">
      <h3 id="generate-title">Content for this customer</h3>
      <div className="row">
        <label htmlFor={modeId}>Written by</label>
        <select id={modeId} value={mode} onChange={(e) => setMode(e.target.value as GenerationMode)}>
          <option value="EXTRACTIVE">Knowledge-base sentences (no model)</option>
          <option value="LLM">The language model</option>
        </select>
      </div>
      <div className="actions">
        {KINDS.map((k) => (
          <button key={k.kind} type="button" disabled={running} onClick={() => run(k.kind)}>
            {k.label}
          </button>
        ))}
      </div>
      <form onSubmit={ask}>
        <label htmlFor={objectionId}>Answer this objection</label>
        <div className="row">
          <input id={objectionId} value={objection} onChange={(e) => setObjection(e.target.value)} placeholder="Where is our data stored?" className="grow" />
          <button type="submit" className="primary" disabled={running || !objection.trim()}>
            Answer
          </button>
        </div>
      </form>
      {problem && (
        <p className="state error" role="alert">
          {problem}
        </p>
      )}
      {(running || streamed || content) && (
        <article className="generated" aria-busy={running} aria-live={running ? "off" : "polite"} data-state={running ? "streaming" : "done"}>
          {running && <p className="hint" role="status">Writing…</p>}
          {!content ? (
            <p className="stream">{streamed}</p>
          ) : (
            <>
              {content.title && <h4>{content.title}</h4>}
              {content.paragraphs.map((p, i) => (
                <div key={i}>
                  {p.heading && <h5>{p.heading}</h5>}
                  <p>
                    {p.sentences.map((s, j) => (
                      <span key={j}>
                        {s.text.replace(/\s*\[\d+\]/g, "")}
                        {s.citations.map((n) => (
                          <button key={n} type="button" className="marker" aria-label={`Source ${n}`} onClick={() => openCitation(n)}>
                            [{n}]
                          </button>
                        ))}{" "}
                      </span>
                    ))}
                  </p>
                </div>
              ))}
              <p className="hint" data-cost>
                {content.mode === "LLM" ? `by ${content.model ?? "the language model"}` : "knowledge-base sentences"}
                {content.fallbackReason && ` (the model was not used: ${content.fallbackReason.replace(/_/g, " ")})`}
                {content.personality && ` · tone for ${DISC[content.personality] ?? content.personality}`} · {format.integer(content.usage.promptTokens + content.usage.completionTokens)} tokens · cost {format.usd(content.usage.costUsd)} · {format.integer(content.latencyMs)} ms
              </p>
              {can.read && (
                <div className="actions" role="group" aria-label="Was this useful?">
                  <button type="button" aria-pressed={voted === "UP"} onClick={() => void vote("UP")}>
                    <span aria-hidden="true">▲ </span>Useful
                  </button>
                  <button type="button" aria-pressed={voted === "DOWN"} onClick={() => void vote("DOWN")}>
                    <span aria-hidden="true">▼ </span>Not useful
                  </button>
                  <span className="hint" data-feedback-score>
                    score {format.signed(score ?? 0)}
                  </span>
                </div>
              )}
            </>
          )}
        </article>
      )}
      {passage && <PassageDialog passage={passage} onClose={() => setPassage(null)} />}
    </section>
  );
}
