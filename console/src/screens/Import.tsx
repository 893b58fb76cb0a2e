import { useEffect, useId, useMemo, useState } from "react";
import { useClient, useQuery } from "urql";
import { graphql } from "../gql/index.js";
import type { OpportunitySource } from "../gql/graphql.js";
import { decodeCsv, parseCsv } from "../lib/csv.js";
import { FIELD_LABELS, IMPORT_FIELDS, guessMapping, mapRow, mappingJson, mappingProblems, type ImportField, type Mapping } from "../lib/mapping.js";
import { useSession } from "../lib/session.js";
import { MAX_UPLOAD_BYTES } from "../lib/upload.js";
import { Bar } from "../ui/Bar.js";
import { QueryState, errorText } from "../ui/states.js";
import { TableWrap } from "../ui/TableWrap.js";

graphql(`
  fragment ImportJob on OpportunityJob {
    id
    kind
    status
    lastError
    progress {
      stage
      done
      total
    }
    importReport {
      encoding
      rows
      inserted
      updated
      unchanged
      failed
      matchedRecords
      errors {
        line
        externalId
        reason
      }
    }
  }
`);
const IMPORT = graphql(`
  mutation ImportOpportunities($input: ImportOpportunitiesInput!) {
    importOpportunities(input: $input) {
      ...ImportJob
    }
  }
`);
const JOB_PROGRESS = graphql(`
  subscription ImportJobProgress($jobId: ID!) {
    opportunityJobProgress(jobId: $jobId) {
      ...ImportJob
    }
  }
`);
const JOB = graphql(`
  query ImportJobState($id: ID!) {
    opportunityJob(id: $id) {
      ...ImportJob
    }
  }
`);
const STATISTICS = graphql(`
  query MatchingStatistics {
    matchingStatistics {
      pending
      sources {
        source
        records
        matched
        unmatched
      }
      byStatus {
        key
        count
      }
      byConfidence {
        key
        count
      }
    }
  }
`);
const RUNS = graphql(`
  query MatchingRuns {
    matchingRuns(first: 10) {
      schedule
      slot
      mode
      skipped
      job {
        id
        status
        finishedAt
      }
    }
  }
`);
const MONITORING = graphql(`
  query MatchingMonitoring {
    matchingMonitoring {
      at
      model
      records
      alerts {
        kind
        severity
        message
      }
      freshness {
        staleShare
        missingVectors
        otherModel
        changedSinceMatched
      }
    }
  }
`);
const QUALITY = graphql(`
  query MatchingQuality($gold: String!) {
    matchingQualityReport(gold: $gold) {
      goldPairs
      scoredPairs
      configVersion
      rationale
      recommendedReview
      recommendedAutoConfirm
      html
      best {
        threshold
        precision
        recall
        f1
        tp
        fp
        fn
      }
      atReview {
        threshold
        precision
        recall
        f1
        tp
        fp
        fn
      }
      atAutoConfirm {
        threshold
        precision
        recall
        f1
        tp
        fp
        fn
      }
    }
  }
`);

type Job = {
  id: string;
  status: string;
  lastError?: string | null;
  progress?: { stage: string; done: number; total: number } | null;
  importReport?: { encoding: string; rows: number; inserted: number; updated: number; unchanged: number; failed: number; matchedRecords: number; errors: Array<{ line: number; externalId?: string | null; reason: string }> } | null;
};

/** Opportunities: import an APN or Odoo export, or any CSV with a mapping; statistics, quality, schedules, alerts. */
export function ImportScreen() {
  const { can } = useSession();
  const [imported, setImported] = useState(0);
  return (
    <section aria-labelledby="import-title">
      <h1 id="import-title">Opportunities</h1>
      {can.write ? <ImportForm onDone={() => setImported((n) => n + 1)} /> : <p className="notice">Importing needs the writer or admin role.</p>}
      <Statistics key={`stats-${imported}`} />
      <Quality />
      <Runs key={`runs-${imported}`} />
      <Monitoring key={`monitoring-${imported}`} />
    </section>
  );
}

function ImportForm({ onDone }: { onDone: () => void }) {
  const client = useClient();
  const { format } = useSession();
  const [file, setFile] = useState<{ name: string; bytes: Uint8Array; header: string[]; rows: string[][] } | null>(null);
  const [source, setSource] = useState<OpportunitySource>("APN");
  const [mapping, setMapping] = useState<Mapping>({});
  const [builtin, setBuiltin] = useState<string | null>(null);
  const [job, setJob] = useState<Job | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const fileId = useId();

  const read = async (f: File) => {
    if (f.size > MAX_UPLOAD_BYTES) {
      setFile(null);
      return setProblem(`${f.name} is larger than ${format.bytes(MAX_UPLOAD_BYTES)}, the most one request to the gateway carries: split it into smaller files.`);
    }
    const bytes = new Uint8Array(await f.arrayBuffer());
    const { header, rows } = parseCsv(decodeCsv(bytes), 5);
    const guess = guessMapping(header);
    setFile({ name: f.name, bytes, header, rows });
    setMapping(guess.mapping);
    setBuiltin(guess.builtin);
    if (guess.builtin) setSource(guess.builtin === "apn" ? "APN" : "ODOO");
    setJob(null);
    setProblem(null);
  };
  const problems = file ? mappingProblems(mapping, file.header) : [];
  const preview = useMemo(() => (file ? file.rows.map((r) => mapRow(mapping, file.header, r)) : []), [file, mapping]);
  const shownFields = IMPORT_FIELDS.filter((f) => mapping[f]?.length);

  const follow = (jobId: string) => {
    let finished = false;
    const apply = (j: Job) => {
      if (finished) return;
      setJob(j);
      finished = j.status === "done" || j.status === "failed";
      if (finished) {
        subscription.unsubscribe();
        onDone();
      }
    };
    const subscription = client.subscription(JOB_PROGRESS, { jobId }).subscribe((r) => r.data && apply(r.data.opportunityJobProgress as Job));
    void (async () => {
      while (!finished) {
        const r = await client.query(JOB, { id: jobId }, { requestPolicy: "network-only" }).toPromise();
        if (r.data?.opportunityJob) apply(r.data.opportunityJob as Job);
        if (!finished) await new Promise((res) => setTimeout(res, 1500));
      }
    })();
  };
  const submit = async () => {
    if (!file || problems.length) return;
    setSending(true);
    setProblem(null);
    let binary = "";
    for (const b of file.bytes) binary += String.fromCharCode(b);
    const result = await client
      .mutation(IMPORT, { input: { source, contentBase64: btoa(binary), fileName: file.name, ...(builtin ? {} : { mapping: mappingJson(mapping) }) } })
      .toPromise();
    setSending(false);
    if (result.error || !result.data) return setProblem(result.error ? errorText(result.error) : "no answer");
    setJob(result.data.importOpportunities as Job);
    follow(result.data.importOpportunities.id);
  };
  const setField = (field: ImportField, index: number, column: string) => {
    const columns = [...(mapping[field] ?? [])];
    if (column) columns[index] = column;
    else columns.splice(index, 1);
    setMapping({ ...mapping, [field]: columns.filter(Boolean) });
    setBuiltin(null);
  };

  return (
    <section aria-labelledby="upload-csv" className="panel">
      <h2 id="upload-csv">Import a CSV</h2>
      <label htmlFor={fileId}>APN or Odoo export, or any CSV</label>
      <input id={fileId} type="file" accept=".csv,text/csv" onChange={(e) => e.target.files?.[0] && void read(e.target.files[0])} />
      {file && (
        <>
          <fieldset>
            <legend>The records are</legend>
            {(["APN", "ODOO"] as const).map((s) => (
              <label key={s} className="check">
                <input type="radio" name="source" value={s} checked={source === s} onChange={() => setSource(s)} /> {s === "APN" ? "APN opportunities" : "Odoo leads"}
              </label>
            ))}
          </fieldset>
          <h3>Columns</h3>
          <p className="hint">{builtin ? `The file's header fits the built-in ${builtin === "apn" ? "APN" : "Odoo"} map.` : "Your mapping: pick the column for each field (two for a description are joined)."}</p>
          <TableWrap label="Column mapping">
            <table className="mapping">
              <thead>
                <tr>
                  <th scope="col">Field</th>
                  <th scope="col">Column</th>
                  <th scope="col">and column</th>
                </tr>
              </thead>
              <tbody>
                {IMPORT_FIELDS.map((field) => (
                  <tr key={field}>
                    <th scope="row">
                      {FIELD_LABELS[field]}
                      {(field === "externalId" || field === "companyName") && <span aria-hidden="true"> *</span>}
                    </th>
                    {[0, 1].map((i) =>
                      i === 1 && field !== "description" ? (
                        <td key={i} />
                      ) : (
                        <td key={i}>
                          <select aria-label={`${FIELD_LABELS[field]} column${i ? " 2" : ""}`} value={mapping[field]?.[i] ?? ""} onChange={(e) => setField(field, i, e.target.value)} required={i === 0 && (field === "externalId" || field === "companyName")}>
                            <option value="">— not imported —</option>
                            {file.header.map((h) => (
                              <option key={h} value={h}>
                                {h}
                              </option>
                            ))}
                          </select>
                        </td>
                      ),
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
          <h3>Preview</h3>
          <TableWrap label="Preview of the mapped rows">
            <table className="preview">
              <thead>
                <tr>
                  {shownFields.map((f) => (
                    <th key={f} scope="col">
                      {FIELD_LABELS[f]}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {preview.map((row, i) => (
                  <tr key={i}>
                    {shownFields.map((f) => (
                      <td key={f}>{row[f] ?? ""}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
          {problems.length > 0 && (
            <ul className="state error" role="alert">
              {problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          )}
          <div className="actions">
            <button type="button" className="primary" disabled={sending || problems.length > 0 || (job !== null && job.status !== "done" && job.status !== "failed")} onClick={() => void submit()}>
              Import {file.name}
            </button>
          </div>
        </>
      )}
      {problem && (
        <p className="state error" role="alert">
          {problem}
        </p>
      )}
      {job && (
        <div className="job" data-status={job.status}>
          <p role="status">
            Import {job.status}
            {job.progress && ` · ${job.progress.stage} ${format.integer(job.progress.done)} / ${format.integer(job.progress.total)}`}
            {job.lastError && `: ${job.lastError}`}
          </p>
          {job.status !== "done" && job.status !== "failed" && <progress max={job.progress?.total || 1} value={job.progress?.total ? job.progress.done : undefined} aria-label="Import progress" />}
          {job.importReport && (
            <>
              <p className="report">
                {format.integer(job.importReport.rows)} rows ({job.importReport.encoding}): {format.integer(job.importReport.inserted)} new, {format.integer(job.importReport.updated)} changed, {format.integer(job.importReport.unchanged)} unchanged,{" "}
                {format.integer(job.importReport.failed)} refused · {format.integer(job.importReport.matchedRecords)} records matched
              </p>
              {job.importReport.errors.length > 0 && (
                <ul className="refused-rows">
                  {job.importReport.errors.map((e) => (
                    <li key={e.line}>
                      Line {format.integer(e.line)}
                      {e.externalId ? ` (${e.externalId})` : ""}: {e.reason}
                    </li>
                  ))}
                </ul>
              )}
            </>
          )}
        </div>
      )}
    </section>
  );
}

function Statistics() {
  const { format } = useSession();
  const [{ data, fetching, error }, refetch] = useQuery({ query: STATISTICS, requestPolicy: "network-only" });
  return (
    <section aria-labelledby="stats-title" className="panel">
      <h2 id="stats-title">Statistics</h2>
      <QueryState what="statistics" fetching={fetching} error={error} data={data?.matchingStatistics} retry={() => refetch({ requestPolicy: "network-only" })}>
        {(s) => {
          const total = Math.max(1, ...s.byStatus.map((b) => b.count));
          return (
            <>
              <ul className="plain stats">
                {s.sources.map((src) => (
                  <li key={src.source}>
                    <strong>{src.source}</strong>: {format.integer(src.records)} records, {format.integer(src.matched)} matched, {format.integer(src.unmatched)} unmatched
                  </li>
                ))}
                <li>{format.integer(s.pending)} records wait for matching</li>
              </ul>
              <h3>Pairs by status</h3>
              <dl className="chart">
                {s.byStatus.map((b) => (
                  <div key={b.key}>
                    <dt>{b.key.replace(/_/g, " ")}</dt>
                    <dd>
                      <Bar value={b.count} max={total} label={b.key} text={format.integer(b.count)} /> {format.integer(b.count)}
                    </dd>
                  </div>
                ))}
              </dl>
            </>
          );
        }}
      </QueryState>
    </section>
  );
}

function Quality() {
  const { format } = useSession();
  const [gold, setGold] = useState<string | null>(null);
  const inputId = useId();
  const [{ data, fetching, error }] = useQuery({ query: QUALITY, variables: { gold: gold ?? "" }, pause: !gold });
  const report = data?.matchingQualityReport;
  const href = useMemo(() => (report ? URL.createObjectURL(new Blob([report.html], { type: "text/html" })) : null), [report]);
  useEffect(() => () => void (href && URL.revokeObjectURL(href)), [href]);
  return (
    <section aria-labelledby="quality-title" className="panel">
      <h2 id="quality-title">Quality report</h2>
      <label htmlFor={inputId}>Known true pairs (CSV: apn_external_id, odoo_external_id)</label>
      <input id={inputId} type="file" accept=".csv,text/csv" onChange={async (e) => e.target.files?.[0] && setGold(await e.target.files[0].text())} />
      {gold && (
        <QueryState what="the quality report" fetching={fetching} error={error} data={report}>
          {(r) => (
            <>
              <p>
                {format.integer(r.goldPairs)} true pairs, {format.integer(r.scoredPairs)} scored pairs (config version {format.integer(r.configVersion)}).
              </p>
              <TableWrap label="Precision and recall at the thresholds">
                <table className="quality">
                  <thead>
                    <tr>
                      <th scope="col">At</th>
                      <th scope="col">Threshold</th>
                      <th scope="col">Precision</th>
                      <th scope="col">Recall</th>
                      <th scope="col">F1</th>
                    </tr>
                  </thead>
                  <tbody>
                    {(
                      [
                        ["Best F1", r.best],
                        ["Review threshold", r.atReview],
                        ["Auto-confirm threshold", r.atAutoConfirm],
                      ] as const
                    ).map(([label, p]) => (
                      <tr key={label}>
                        <th scope="row">{label}</th>
                        <td>{format.number(p.threshold)}</td>
                        {[p.precision, p.recall, p.f1].map((v, i) => (
                          <td key={i} className="contribution">
                            <Bar value={v} max={1} label={`${label} ${["precision", "recall", "F1"][i]}`} text={format.percent(v)} /> {format.percent(v)}
                          </td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableWrap>
              <p>{r.rationale}</p>
              {href && (
                <a href={href} download="matching-quality-report.html">
                  Download the full report with its charts (HTML)
                </a>
              )}
            </>
          )}
        </QueryState>
      )}
    </section>
  );
}

function Runs() {
  const { format } = useSession();
  const [{ data, fetching, error }] = useQuery({ query: RUNS, requestPolicy: "network-only" });
  return (
    <section aria-labelledby="runs-title" className="panel">
      <h2 id="runs-title">Scheduled matching runs</h2>
      <QueryState what="scheduled runs" fetching={fetching} error={error} data={data} isEmpty={(d) => d.matchingRuns.length === 0} empty="No scheduled run yet (MATCHING_SCHEDULE sets the schedules).">
        {(d) => (
          <ul className="plain">
            {d.matchingRuns.map((r) => (
              <li key={`${r.schedule}-${r.slot}`}>
                {format.date(r.slot)} · {r.schedule} · {r.mode} · {r.skipped ? "skipped (another run was busy)" : (r.job?.status ?? "queued")}
              </li>
            ))}
          </ul>
        )}
      </QueryState>
    </section>
  );
}

function Monitoring() {
  const { format } = useSession();
  const [{ data, fetching, error }] = useQuery({ query: MONITORING, requestPolicy: "network-only" });
  return (
    <section aria-labelledby="monitoring-title" className="panel">
      <h2 id="monitoring-title">Monitoring</h2>
      <QueryState what="monitoring" fetching={fetching} error={error} data={data?.matchingMonitoring}>
        {(m) => (
          <>
            <p className="hint">
              {format.integer(m.records)} records · model {m.model} · {format.percent(m.freshness.staleShare)} stale ({format.integer(m.freshness.missingVectors)} without vectors, {format.integer(m.freshness.changedSinceMatched)} changed since matched) · checked {format.date(m.at)}
            </p>
            {m.alerts.length === 0 ? (
              <p className="state empty">No alert.</p>
            ) : (
              <ul className="plain alerts">
                {m.alerts.map((a, i) => (
                  <li key={i} className={`alert ${a.severity}`}>
                    <strong>{a.severity}</strong> · {a.kind}: {a.message}
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </QueryState>
    </section>
  );
}
