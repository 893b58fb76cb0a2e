import { useId, useState, type DragEvent, type FormEvent } from "react";
import { useClient, useQuery } from "urql";
import { graphql } from "../gql/index.js";
import type { IngestionJobStatus, SearchMode, UploadJobPartsFragment } from "../gql/graphql.js";
import { highlightParts } from "../lib/highlight.js";
import { useSession } from "../lib/session.js";
import { MAX_UPLOAD_BYTES } from "../lib/upload.js";
import { headingsBelow, PassageDialog, type Passage } from "../ui/PassageDialog.js";
import { QueryState, errorText } from "../ui/states.js";

const INGEST = graphql(`
  mutation IngestDocument($input: IngestDocumentInput!) {
    ingestDocument(input: $input) {
      id
      status
    }
  }
`);
// What the upload list shows of an ingestion job, live (subscription) and polled (query) alike.
graphql(`
  fragment UploadJobParts on IngestionJob {
    id
    status
    sourceId
    lastError
    progress {
      stage
      done
      total
    }
  }
`);
const PROGRESS = graphql(`
  subscription IngestionProgress($jobId: ID!) {
    ingestionProgress(jobId: $jobId) {
      ...UploadJobParts
    }
  }
`);
const JOB = graphql(`
  query IngestionJobState($id: ID!) {
    ingestionJob(id: $id) {
      ...UploadJobParts
    }
  }
`);
const SEARCH = graphql(`
  query SearchKnowledge($query: String!, $mode: SearchMode!) {
    searchKnowledge(query: $query, mode: $mode, k: 10) {
      score
      highlight
      chunk {
        id
      }
      citation {
        sourceId
        sourceTitle
        sourceUri
        page
        headingPath
        charStart
        charEnd
      }
    }
  }
`);

/** Ingestion itself takes up to 20 MiB; one request to the gateway carries less. */
const MAX_BYTES = MAX_UPLOAD_BYTES;
const ACCEPTED = /\.(pdf|docx|html?|md|markdown|txt)$/i;

interface Upload {
  key: string;
  name: string;
  size: number;
  state: "reading" | "sending" | "refused" | IngestionJobStatus;
  stage?: string;
  done?: number;
  total?: number;
  message?: string;
  sourceId?: string | null;
}

export function Knowledge() {
  const { can } = useSession();
  return (
    <section aria-labelledby="knowledge-title">
      <h1 id="knowledge-title">Knowledge</h1>
      {can.write ? <UploadArea /> : <p className="notice">Uploading documents needs the writer or admin role; you can search.</p>}
      <Search />
    </section>
  );
}

function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ""));
    reader.onerror = () => reject(reader.error ?? new Error("unreadable"));
    reader.readAsDataURL(file);
  });
}

function UploadArea() {
  const client = useClient();
  const { format } = useSession();
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [over, setOver] = useState(false);
  const inputId = useId();
  const patch = (key: string, change: Partial<Upload>) => setUploads((list) => list.map((u) => (u.key === key ? { ...u, ...change } : u)));

  const follow = (key: string, jobId: string) => {
    // Live by subscription; a poll covers what happened before the subscription started.
    let finished = false;
    const apply = (job: UploadJobPartsFragment) => {
      if (finished) return;
      finished = job.status === "DONE" || job.status === "FAILED";
      patch(key, { state: job.status, stage: job.progress?.stage, done: job.progress?.done, total: job.progress?.total, sourceId: job.sourceId, message: job.status === "FAILED" ? (job.lastError ?? "failed") : undefined });
      if (finished) subscription.unsubscribe();
    };
    const subscription = client.subscription(PROGRESS, { jobId }).subscribe((r) => r.data && apply(r.data.ingestionProgress));
    const poll = async () => {
      while (!finished) {
        const r = await client.query(JOB, { id: jobId }, { requestPolicy: "network-only" }).toPromise();
        if (r.data?.ingestionJob) apply(r.data.ingestionJob);
        if (!finished) await new Promise((res) => setTimeout(res, 1500));
      }
    };
    void poll();
  };

  const upload = async (files: File[]) => {
    const added = files.map((f, i) => ({ key: `${Date.now()}-${i}-${f.name}`, name: f.name, size: f.size, state: "reading" as const }));
    setUploads((list) => [...added, ...list]);
    await Promise.all(
      files.map(async (file, i) => {
        const key = added[i]!.key;
        if (file.size > MAX_BYTES) return patch(key, { state: "refused", message: `larger than ${format.bytes(MAX_BYTES)}` });
        if (!ACCEPTED.test(file.name)) return patch(key, { state: "refused", message: "not a PDF, DOCX, HTML, Markdown or text file" });
        const contentBase64 = await readBase64(file);
        patch(key, { state: "sending" });
        const result = await client.mutation(INGEST, { input: { contentBase64, filename: file.name, mimeType: file.type || undefined } }).toPromise();
        if (result.error || !result.data) return patch(key, { state: "refused", message: result.error ? errorText(result.error) : "no answer" });
        patch(key, { state: result.data.ingestDocument.status });
        follow(key, result.data.ingestDocument.id);
      }),
    );
  };

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    void upload([...e.dataTransfer.files]);
  };
  return (
    <section aria-labelledby="upload-title" className="panel">
      <h2 id="upload-title">Upload documents</h2>
      <div
        className={over ? "dropzone over" : "dropzone"}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
        data-testid="dropzone"
      >
        <p>Drop PDF, DOCX, HTML, Markdown or text files here (up to {format.bytes(MAX_BYTES)} each), or</p>
        <label htmlFor={inputId} className="file-label">
          Choose files
        </label>
        <input
          id={inputId}
          type="file"
          multiple
          accept=".pdf,.docx,.html,.htm,.md,.markdown,.txt"
          onChange={(e) => {
            void upload([...(e.target.files ?? [])]);
            e.target.value = "";
          }}
        />
      </div>
      {uploads.length > 0 && (
        <ul className="uploads" aria-label="Uploads">
          {uploads.map((u) => (
            <li key={u.key} data-file={u.name} data-state={u.state}>
              <span className="file-name">{u.name}</span> <span className="hint">{format.bytes(u.size)}</span>
              {u.state === "refused" || u.state === "FAILED" ? (
                <span className="refused" role="alert">
                  Refused: {u.message}
                </span>
              ) : u.state === "DONE" ? (
                <span className="done">Ingested</span>
              ) : (
                <>
                  <progress max={u.total || 1} value={u.total ? u.done : undefined} aria-label={`${u.name}: ${u.stage ?? u.state.toLowerCase()}`} />
                  <span className="hint">
                    {u.stage ?? u.state.toLowerCase()}
                    {u.total ? ` ${format.integer(u.done)} / ${format.integer(u.total)}` : ""}
                  </span>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Search() {
  const [draft, setDraft] = useState("");
  const [mode, setMode] = useState<SearchMode>("HYBRID");
  const [query, setQuery] = useState<string | null>(null);
  const [passage, setPassage] = useState<Passage | null>(null);
  const { format } = useSession();
  const inputId = useId();
  const modeId = useId();
  const [{ data, fetching, error }, rerun] = useQuery({ query: SEARCH, variables: { query: query ?? "", mode }, pause: !query });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (draft.trim()) setQuery(draft.trim());
  };
  return (
    <section aria-labelledby="search-title" className="panel">
      <h2 id="search-title">Search</h2>
      <form className="row" onSubmit={submit} role="search">
        <label htmlFor={inputId} className="visually-hidden">
          Search the knowledge base
        </label>
        <input id={inputId} type="search" value={draft} onChange={(e) => setDraft(e.target.value)} placeholder="Search the knowledge base" />
        <label htmlFor={modeId} className="visually-hidden">
          Search mode
        </label>
        <select id={modeId} value={mode} onChange={(e) => setMode(e.target.value as SearchMode)}>
          <option value="HYBRID">Hybrid</option>
          <option value="LEXICAL">Words</option>
          <option value="VECTOR">Meaning</option>
        </select>
        <button type="submit" className="primary" disabled={!draft.trim()}>
          Search
        </button>
      </form>
      {query && (
        <QueryState what="passages" fetching={fetching} error={error} data={fetching ? undefined : data} isEmpty={(d) => d.searchKnowledge.length === 0} empty="No passage matches." retry={() => rerun({ requestPolicy: "network-only" })}>
          {(d) => (
            <ol className="hits knowledge-hits">
              {d.searchKnowledge.map((hit, i) => (
                <li key={hit.chunk.id} className="panel">
                  <p className="snippet">
                    {highlightParts(hit.highlight).map((p, j) => (p.marked ? <mark key={j}>{p.text}</mark> : <span key={j}>{p.text}</span>))}
                  </p>
                  <button type="button" className="citation" onClick={() => setPassage(hit.citation)}>
                    [{i + 1}] {hit.citation.sourceTitle}
                    {headingsBelow(hit.citation).map((h) => ` › ${h}`)}
                    {hit.citation.page != null && `, page ${format.integer(hit.citation.page)}`}
                  </button>
                  <span className="hint"> score {format.number(hit.score)}</span>
                </li>
              ))}
            </ol>
          )}
        </QueryState>
      )}
      {passage && <PassageDialog passage={passage} onClose={() => setPassage(null)} />}
    </section>
  );
}
