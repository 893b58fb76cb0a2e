import { useId, useState, type FormEvent } from "react";
import { useQuery } from "urql";
import { graphql } from "../gql/index.js";
import type { FindLeadsQuery } from "../gql/graphql.js";
import { chipFromText, chipLabel, chipsFromQuery, chipsToPrompt, type Chip, type ChipQuery } from "../lib/chips.js";
import { useSession } from "../lib/session.js";
import { Bar } from "../ui/Bar.js";
import { QueryState } from "../ui/states.js";

const FIND_LEADS = graphql(`
  query FindLeads($prompt: String!, $k: Int!) {
    findLeads(prompt: $prompt, k: $k) {
      queryId
      cached
      candidates
      costUsd
      llmCalls
      relaxedFilters
      query {
        product
        industries
        excludedIndustries
        countries
        excludedCountries
        technologies
        excludedTechnologies
        exemplars
        employeeMin
        employeeMax
        path
        confidence
      }
      hits {
        score
        filtersMet
        filtersRelaxed
        lead {
          id
          companyName
          industry
          country
          employeeCount
          domain
        }
        explanation {
          fit
          intent
          decay
          churnBoost
          jobPostingBoost
          filterFit
          exemplarSimilarity
          bm25
          weightFit
          weightIntent
          scorer
          costUsd
        }
        snippets {
          id
          source
          text
          observedAt
        }
      }
    }
  }
`);

type Search = FindLeadsQuery["findLeads"];

/**
 * A prompt box; the parsed query as chips (industries, countries, technologies, NOT clauses,
 * exemplars) that re-run the search when changed; every hit with what made its score.
 */
export function Leads() {
  const [draft, setDraft] = useState("");
  const [prompt, setPrompt] = useState<string | null>(null);
  const promptId = useId();
  const [{ data, fetching, error }, rerun] = useQuery({ query: FIND_LEADS, variables: { prompt: prompt ?? "", k: 25 }, pause: !prompt });
  // While an edited query runs, the previous answer stays on screen (marked busy), chips included.
  const [shown, setShown] = useState<Search | undefined>(undefined);
  if (!fetching && data?.findLeads && data.findLeads !== shown) setShown(data.findLeads);
  const search = fetching ? shown : (data?.findLeads ?? shown);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (draft.trim()) setPrompt(draft.trim());
  };
  const runChips = (q: ChipQuery) => {
    const next = chipsToPrompt(q);
    setDraft(next);
    setPrompt(next);
  };

  return (
    <section aria-labelledby="leads-title" className="leads">
      <h1 id="leads-title">Lead search</h1>
      <form onSubmit={submit} className="prompt">
        <label htmlFor={promptId}>Describe what you sell and to whom</label>
        <textarea
          id={promptId}
          rows={2}
          value={draft}
          placeholder="We sell managed Kubernetes to software companies in Germany, not banks, like Acme"
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter" && !e.shiftKey) submit(e);
          }}
        />
        <div className="actions">
          <button type="submit" className="primary" disabled={!draft.trim()}>
            Search
          </button>
        </div>
      </form>
      {prompt && (
        <QueryState what="leads" fetching={fetching} error={error} data={search} retry={() => rerun({ requestPolicy: "network-only" })}>
          {(s) => (
            <div aria-busy={fetching} className={fetching ? "results busy" : "results"} data-state={fetching ? "searching" : "done"}>
              {fetching && (
                <p className="hint" role="status">
                  Searching…
                </p>
              )}
              <Chips search={s} onChange={runChips} />
              <SearchFacts search={s} />
              {s.hits.length === 0 ? <p className="state empty">No lead fits this query. Remove a chip to widen it.</p> : <Hits search={s} />}
            </div>
          )}
        </QueryState>
      )}
    </section>
  );
}

function Chips({ search, onChange }: { search: Search; onChange: (q: ChipQuery) => void }) {
  const current = chipsFromQuery(search.query);
  const [text, setText] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const inputId = useId();
  const problemId = useId();
  const update = (chips: Chip[]) => onChange({ ...current, chips });
  const add = (event: FormEvent) => {
    event.preventDefault();
    const chip = chipFromText(text);
    if (!chip) return setProblem(`"${text}" is not an industry, country or technology the search knows; "like Name" adds an exemplar company.`);
    setProblem(null);
    setText("");
    update([...current.chips.filter((c) => !(c.kind === chip.kind && c.value === chip.value)), chip]);
  };
  return (
    <section aria-labelledby="chips-title" className="panel chips-panel">
      <h2 id="chips-title">Parsed query</h2>
      <p className="hint">
        {search.query.product ? <>Product: <strong>{search.query.product}</strong> · </> : null}
        parsed by {search.query.path === "LLM" ? "the language model" : "rules"}
      </p>
      {current.chips.length === 0 ? (
        <p className="hint">No filters: every lead is a candidate.</p>
      ) : (
        <ul className="chips" aria-label="Filters">
          {current.chips.map((chip, i) => {
            const label = chipLabel(chip);
            return (
              <li key={`${chip.kind}-${chip.value}-${chip.negated}`} className={`chip ${chip.kind}${chip.negated ? " negated" : ""}`} data-chip={`${chip.negated ? "not " : ""}${chip.kind}:${chip.value}`}>
                <span className="chip-kind">{chip.negated ? "NOT " : ""}{chip.kind}</span> {label}
                {chip.kind !== "exemplar" && (
                  <button type="button" onClick={() => update(current.chips.map((c, j) => (j === i ? { ...c, negated: !c.negated } : c)))} aria-label={chip.negated ? `Include ${label} again` : `Exclude ${label}`}>
                    {chip.negated ? "include" : "exclude"}
                  </button>
                )}
                <button type="button" onClick={() => update(current.chips.filter((_, j) => j !== i))} aria-label={`Remove ${label}`}>
                  ×
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <form onSubmit={add} className="add-chip">
        <label htmlFor={inputId}>Add a filter</label>
        <div className="row">
          <input id={inputId} value={text} onChange={(e) => setText(e.target.value)} placeholder="not SAP · Germany · like Acme" aria-describedby={problem ? problemId : undefined} />
          <button type="submit" disabled={!text.trim()}>
            Add
          </button>
        </div>
        {problem && (
          <p id={problemId} className="state error" role="alert">
            {problem}
          </p>
        )}
      </form>
    </section>
  );
}

function SearchFacts({ search }: { search: Search }) {
  const { format } = useSession();
  return (
    <p className="facts" aria-label="About this search">
      {format.integer(search.hits.length)} leads from {format.integer(search.candidates)} candidates · cost <strong data-cost>{format.usd(search.costUsd)}</strong>
      {search.llmCalls > 0 && <> · {format.integer(search.llmCalls)} model calls</>}
      {search.cached && <> · from the cache</>}
      {search.relaxedFilters.length > 0 && <> · relaxed to reach enough candidates: {search.relaxedFilters.join(", ")}</>}
    </p>
  );
}

function Hits({ search }: { search: Search }) {
  const { format } = useSession();
  return (
    <ol className="hits">
      {search.hits.map((hit) => {
        const e = hit.explanation;
        const parts = [
          { name: "Fit", value: e.fit * e.weightFit, text: `${format.number(e.fit)} × ${format.number(e.weightFit)}` },
          { name: "Intent", value: e.intent * e.weightIntent, text: `${format.number(e.intent)} × ${format.number(e.weightIntent)}` },
        ];
        return (
          <li key={hit.lead.id} className="panel hit" data-lead-id={hit.lead.id}>
            <div className="hit-head">
              <h3>{hit.lead.companyName}</h3>
              <span className="score" aria-label={`Score ${format.number(hit.score)}`}>
                {format.number(hit.score)}
              </span>
            </div>
            <p className="hint">
              {[hit.lead.industry?.replace(/_/g, " "), hit.lead.country, hit.lead.employeeCount != null ? `${format.integer(hit.lead.employeeCount)} employees` : null, hit.lead.domain].filter(Boolean).join(" · ")}
            </p>
            <dl className="explain">
              {parts.map((p) => (
                <div key={p.name}>
                  <dt>{p.name}</dt>
                  <dd>
                    <Bar value={p.value} max={1} label={p.name} text={format.number(p.value)} /> {p.text}
                  </dd>
                </div>
              ))}
              <div>
                <dt>Decay</dt>
                <dd title="Share of the intent evidence left after ageing">{format.percent(e.decay)} of the evidence still fresh</dd>
              </div>
              <div>
                <dt>Boosts</dt>
                <dd>
                  churn ×{format.number(e.churnBoost)}, job postings ×{format.number(e.jobPostingBoost)}
                </dd>
              </div>
              <div>
                <dt>Scorer</dt>
                <dd>{e.scorer.replace("_", " ").toLowerCase()}</dd>
              </div>
              <div>
                <dt>Filters</dt>
                <dd>
                  {hit.filtersMet.length ? `meets ${hit.filtersMet.join(", ")}` : "meets none"}
                  {hit.filtersRelaxed.length > 0 && `; not ${hit.filtersRelaxed.join(", ")} (relaxed)`}
                </dd>
              </div>
            </dl>
            {hit.snippets.length > 0 && (
              <details>
                <summary>{format.integer(hit.snippets.length)} snippets that counted</summary>
                <ul className="snippets">
                  {hit.snippets.map((s) => (
                    <li key={s.id}>
                      <q>{s.text}</q> <span className="hint">— {s.source.toLowerCase().replace(/_/g, " ")}, {format.date(s.observedAt)}</span>
                    </li>
                  ))}
                </ul>
              </details>
            )}
          </li>
        );
      })}
    </ol>
  );
}
