import { useEffect, useId, useState, type FormEvent, type ReactNode } from "react";
import { useMutation, useQuery, type CombinedError } from "urql";
import { graphql } from "../gql/index.js";
import type { MatchFeedbackType } from "../gql/graphql.js";
import { scoreBadge } from "../lib/format.js";
import { useSession } from "../lib/session.js";
import { Bar } from "../ui/Bar.js";
import { Empty, QueryState, errorText } from "../ui/states.js";
import { TableWrap } from "../ui/TableWrap.js";

graphql(`
  fragment TalentMatchParts on MatchExplanation {
    factors {
      feature
      sentence
      impact
    }
    subScores {
      skills
      experience
      location
      salary
      text
    }
  }
`);
const TALENTS = graphql(`
  query TalentList {
    talents(first: 50) {
      nodes {
        id
        fullName
        headline
      }
    }
  }
`);
const JOBS = graphql(`
  query JobList {
    jobs(first: 50) {
      nodes {
        id
        title
        company
      }
    }
  }
`);
const MATCH_JOBS = graphql(`
  query MatchJobs($talentId: ID!) {
    matchJobs(talentId: $talentId, limit: 10) {
      score
      modelVersion
      source
      sharedSkills
      explanation {
        ...TalentMatchParts
      }
      job {
        id
        title
        company
        location
      }
    }
  }
`);
const MATCH_TALENTS = graphql(`
  query MatchTalents($jobId: ID!) {
    matchTalents(jobId: $jobId, limit: 10) {
      score
      modelVersion
      source
      sharedSkills
      explanation {
        ...TalentMatchParts
      }
      talent {
        id
        fullName
        headline
        location
      }
    }
  }
`);
const CREATE_PROFILE = graphql(`
  mutation CreateOwnTalentProfile($input: CreateTalentInput!) {
    createTalent(input: $input) {
      id
    }
  }
`);
const FEEDBACK = graphql(`
  mutation RecordMatchFeedback($jobId: ID!, $talentId: ID!, $type: MatchFeedbackType!) {
    recordMatchFeedback(jobId: $jobId, talentId: $talentId, type: $type) {
      id
      type
      created
    }
  }
`);
const VERSIONS = graphql(`
  query TalentModelVersions {
    talentModelVersions {
      version
      active
      createdAt
      createdBy
      rmse
      mae
      ndcg
      reason
      source
    }
  }
`);
const TRAIN = graphql(`
  mutation TrainTalentModel($force: Boolean!) {
    trainTalentModel(force: $force) {
      id
      status
    }
  }
`);
const TRAINING_JOB = graphql(`
  query TalentTrainingJob($id: ID!) {
    talentTrainingJob(id: $id) {
      id
      status
      lastError
      resultJson
    }
  }
`);

const FEEDBACK_LABELS: Record<MatchFeedbackType, string> = { APPLIED: "Apply", DISMISSED: "Dismiss", CONTACTED: "Contact", REJECTED: "Reject" };
const SUB_SCORES = [
  ["skills", "Skills"],
  ["experience", "Experience"],
  ["location", "Location"],
  ["salary", "Salary"],
  ["text", "Profile ↔ description"],
] as const;

/**
 * Talent ↔ job matching: a talent's matching jobs (talents, admins) and a job's matching talents
 * (recruiters of its company, admins), each with a badge, the top three factors, sub-score bars
 * and feedback; admins also see the model's versions and can retrain it.
 */
export function Talent() {
  const { viewer, can } = useSession();
  const isTalent = viewer.roles.includes("talent") || can.admin;
  const isRecruiter = viewer.roles.includes("recruiter") || can.admin;
  return (
    <section aria-labelledby="talent-title">
      <h1 id="talent-title">Talent matching</h1>
      {!isTalent && !isRecruiter && <p className="notice">Matches are shown to talents (their own), recruiters (their company's jobs) and admins.</p>}
      {isTalent && <JobsForTalent />}
      {isRecruiter && <TalentsForJob />}
      {can.admin && <ModelAdmin />}
    </section>
  );
}

/**
 * Jobs for a talent: an admin picks any talent profile; a talent gets their own profile (talents()
 * lists only what they own), or creates it when they have none.
 */
function JobsForTalent() {
  const { can } = useSession();
  const [{ data, fetching, error }, refetch] = useQuery({ query: TALENTS });
  const own = !can.admin;
  return (
    <MatchPicker
      titleId="jobs-for-talent"
      title="Jobs for a talent"
      what={own ? "your profile" : "talent profiles"}
      label={own ? "Your profile" : "Talent"}
      list={{ items: data?.talents.nodes, fetching, error }}
      option={(t) => `${t.fullName} — ${t.headline}`}
      empty={own ? <CreateProfile onCreated={() => refetch({ requestPolicy: "network-only" })} /> : <Empty>No talent profile yet.</Empty>}
      matches={(talentId) => <JobMatches talentId={talentId} />}
    />
  );
}

/** A talent's first profile (they own what they create): the list shows it once created. */
function CreateProfile({ onCreated }: { onCreated: () => void }) {
  const [{ fetching, error }, create] = useMutation(CREATE_PROFILE);
  const [form, setForm] = useState({ fullName: "", headline: "", yearsExperience: "0", skills: "", location: "" });
  const ids = { fullName: useId(), headline: useId(), years: useId(), skills: useId(), location: useId() };
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const result = await create({
      input: {
        fullName: form.fullName.trim(),
        headline: form.headline.trim(),
        yearsExperience: Number(form.yearsExperience),
        skills: form.skills.split(",").map((s) => s.trim()).filter(Boolean),
        location: form.location.trim() || undefined,
      },
    });
    if (result.data) onCreated();
  };
  return (
    <details className="create-profile">
      <summary>No profile yet? Create yours</summary>
      <form onSubmit={submit} className="form-grid">
        <label htmlFor={ids.fullName}>Full name</label>
        <input id={ids.fullName} value={form.fullName} onChange={set("fullName")} required autoComplete="name" />
        <label htmlFor={ids.headline}>Headline</label>
        <input id={ids.headline} value={form.headline} onChange={set("headline")} required placeholder="Senior data engineer" />
        <label htmlFor={ids.years}>Years of experience</label>
        <input id={ids.years} type="number" min={0} max={60} value={form.yearsExperience} onChange={set("yearsExperience")} required />
        <label htmlFor={ids.skills}>Skills (separated by commas)</label>
        <input id={ids.skills} value={form.skills} onChange={set("skills")} placeholder="Python, SQL, Spark" />
        <label htmlFor={ids.location}>Location</label>
        <input id={ids.location} value={form.location} onChange={set("location")} autoComplete="address-level2" />
        <div className="actions">
          <button type="submit" className="primary" disabled={fetching}>
            Create my profile
          </button>
        </div>
        {error && (
          <p className="state error" role="alert">
            {errorText(error)}
          </p>
        )}
      </form>
    </details>
  );
}

/**
 * A panel of matches: the listed talent profiles or jobs to pick from (the first until another is
 * picked), and the picked one's matches; `empty` shows when the list is.
 */
function MatchPicker<T extends { id: string }>(props: {
  titleId: string;
  title: string;
  what: string;
  label: string;
  list: { items: T[] | undefined; fetching: boolean; error?: CombinedError };
  option: (item: T) => string;
  empty: ReactNode;
  matches: (id: string) => ReactNode;
}) {
  const [chosen, setChosen] = useState("");
  const selectId = useId();
  const items = props.list.items ?? [];
  const id = chosen || items[0]?.id || "";
  return (
    <section aria-labelledby={props.titleId} className="panel">
      <h2 id={props.titleId}>{props.title}</h2>
      <QueryState what={props.what} fetching={props.list.fetching} error={props.list.error} data={props.list.items}>
        {(all) =>
          all.length === 0 ? (
            props.empty
          ) : (
            <>
              <label htmlFor={selectId}>{props.label}</label>
              <select id={selectId} value={id} onChange={(e) => setChosen(e.target.value)}>
                {all.map((item) => (
                  <option key={item.id} value={item.id}>
                    {props.option(item)}
                  </option>
                ))}
              </select>
              {id && props.matches(id)}
            </>
          )
        }
      </QueryState>
    </section>
  );
}

function JobMatches({ talentId }: { talentId: string }) {
  const { can, viewer } = useSession();
  const [{ data, fetching, error }, refetch] = useQuery({ query: MATCH_JOBS, variables: { talentId } });
  const actions: MatchFeedbackType[] = viewer.roles.includes("talent") || can.admin ? ["APPLIED", "DISMISSED"] : [];
  return (
    <QueryState what="matching jobs" fetching={fetching} error={error} data={data} isEmpty={(d) => d.matchJobs.length === 0} empty="No job matches this profile yet." retry={() => refetch({ requestPolicy: "network-only" })}>
      {(d) => (
        <ol className="matches">
          {d.matchJobs.map((m) => (
            <MatchCard key={m.job.id} title={m.job.title} subtitle={[m.job.company, m.job.location].filter(Boolean).join(" · ")} match={m} jobId={m.job.id} talentId={talentId} actions={actions} />
          ))}
        </ol>
      )}
    </QueryState>
  );
}

function TalentsForJob() {
  const [{ data, fetching, error }] = useQuery({ query: JOBS });
  return (
    <MatchPicker
      titleId="talents-for-job"
      title="Talents for a job"
      what="jobs"
      label="Job"
      list={{ items: data?.jobs.nodes, fetching, error }}
      option={(j) => `${j.title} — ${j.company}`}
      empty={<Empty>No job yet.</Empty>}
      matches={(jobId) => <TalentMatches jobId={jobId} />}
    />
  );
}

function TalentMatches({ jobId }: { jobId: string }) {
  const { can, viewer } = useSession();
  const [{ data, fetching, error }, refetch] = useQuery({ query: MATCH_TALENTS, variables: { jobId } });
  const actions: MatchFeedbackType[] = viewer.roles.includes("recruiter") || can.admin ? ["CONTACTED", "REJECTED"] : [];
  return (
    <QueryState what="matching talents" fetching={fetching} error={error} data={data} isEmpty={(d) => d.matchTalents.length === 0} empty="No talent matches this job yet." retry={() => refetch({ requestPolicy: "network-only" })}>
      {(d) => (
        <ol className="matches">
          {d.matchTalents.map((m) => (
            <MatchCard key={m.talent.id} title={m.talent.fullName} subtitle={[m.talent.headline, m.talent.location].filter(Boolean).join(" · ")} match={m} jobId={jobId} talentId={m.talent.id} actions={actions} />
          ))}
        </ol>
      )}
    </QueryState>
  );
}

interface MatchView {
  score: number;
  modelVersion?: number | null;
  source: string;
  sharedSkills: string[];
  explanation: { factors: Array<{ feature: string; sentence: string; impact: number }>; subScores: Record<(typeof SUB_SCORES)[number][0], number> };
}

function MatchCard({ title, subtitle, match, jobId, talentId, actions }: { title: string; subtitle: string; match: MatchView; jobId: string; talentId: string; actions: MatchFeedbackType[] }) {
  const { format } = useSession();
  const badge = scoreBadge(match.score);
  const [sent, setSent] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [{ fetching }, record] = useMutation(FEEDBACK);
  const send = async (type: MatchFeedbackType) => {
    setProblem(null);
    const result = await record({ jobId, talentId, type });
    if (result.error) return setProblem(errorText(result.error));
    setSent(`${FEEDBACK_LABELS[type]}: recorded${result.data?.recordMatchFeedback.created === false ? " before" : ""}`);
  };
  return (
    <li className="panel match" data-job-id={jobId} data-talent-id={talentId}>
      <div className="hit-head">
        <h3>{title}</h3>
        <span className={`badge ${badge.tone}`}>{badge.label}</span>
        <span className="score" aria-label={`Score ${format.number(match.score)} of 100`}>
          {format.integer(match.score)}
        </span>
      </div>
      <p className="hint">
        {subtitle}
        {" · "}
        {match.source === "MODEL" ? `model version ${format.integer(match.modelVersion)}` : "rule-based fallback (no model version active)"}
      </p>
      <h4>Top factors</h4>
      <ol className="factors">
        {match.explanation.factors.slice(0, 3).map((f) => (
          <li key={f.feature}>
            {f.sentence} <span className={f.impact < 0 ? "impact negative" : "impact"}>({format.signed(f.impact)} points)</span>
          </li>
        ))}
      </ol>
      <dl className="explain">
        {SUB_SCORES.map(([key, label]) => (
          <div key={key}>
            <dt>{label}</dt>
            <dd>
              <Bar value={match.explanation.subScores[key]} max={100} label={label} text={`${format.integer(match.explanation.subScores[key])} of 100`} /> {format.integer(match.explanation.subScores[key])}
            </dd>
          </div>
        ))}
      </dl>
      {match.sharedSkills.length > 0 && <p className="hint">Shared skills: {match.sharedSkills.join(", ")}</p>}
      {actions.length > 0 && (
        <div className="actions" role="group" aria-label={`Feedback on ${title}`}>
          {actions.map((type) => (
            <button key={type} type="button" disabled={fetching} onClick={() => void send(type)}>
              {FEEDBACK_LABELS[type]}
            </button>
          ))}
        </div>
      )}
      <p role="status" className="hint">
        {sent}
      </p>
      {problem && (
        <p className="state error" role="alert">
          {problem}
        </p>
      )}
    </li>
  );
}

function ModelAdmin() {
  const { format } = useSession();
  const [{ data, fetching, error }, refetch] = useQuery({ query: VERSIONS, requestPolicy: "cache-and-network" });
  const [jobId, setJobId] = useState<string | null>(null);
  const [force, setForce] = useState(false);
  const [trainState, train] = useMutation(TRAIN);
  const [job, pollJob] = useQuery({ query: TRAINING_JOB, variables: { id: jobId ?? "" }, pause: !jobId, requestPolicy: "network-only" });
  const status = job.data?.talentTrainingJob?.status;
  useEffect(() => {
    if (!jobId || status === "done" || status === "failed") {
      if (status === "done") refetch({ requestPolicy: "network-only" });
      return;
    }
    const timer = setTimeout(() => pollJob({ requestPolicy: "network-only" }), 1000);
    return () => clearTimeout(timer);
  }, [jobId, status, job.data, pollJob, refetch]);
  const forceId = useId();
  return (
    <section aria-labelledby="model-admin" className="panel">
      <h2 id="model-admin">Model versions (admins)</h2>
      <QueryState what="model versions" fetching={fetching} error={error} data={data} isEmpty={(d) => d.talentModelVersions.length === 0} empty="No version trained yet: matches use the rule-based fallback.">
        {(d) => (
          <TableWrap label="Model versions">
            <table>
              <thead>
                <tr>
                  <th scope="col">Version</th>
                  <th scope="col">Active</th>
                  <th scope="col">RMSE</th>
                  <th scope="col">MAE</th>
                  <th scope="col">NDCG@10</th>
                  <th scope="col">Trained</th>
                  <th scope="col">Why</th>
                </tr>
              </thead>
              <tbody>
                {d.talentModelVersions.map((v) => (
                  <tr key={v.version}>
                    <th scope="row">{format.integer(v.version)}</th>
                    <td>{v.active ? "active" : ""}</td>
                    <td>{format.number(v.rmse)}</td>
                    <td>{format.number(v.mae)}</td>
                    <td>{format.number(v.ndcg)}</td>
                    <td>
                      {format.date(v.createdAt)} by {v.createdBy}
                    </td>
                    <td>{v.reason ?? v.source ?? ""}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </QueryState>
      <div className="actions">
        <label className="check" htmlFor={forceId}>
          <input id={forceId} type="checkbox" checked={force} onChange={(e) => setForce(e.target.checked)} /> Train even with little new feedback
        </label>
        <button
          type="button"
          className="primary"
          disabled={trainState.fetching || (jobId !== null && status !== "done" && status !== "failed")}
          onClick={async () => {
            const result = await train({ force });
            if (result.data) setJobId(result.data.trainTalentModel.id);
          }}
        >
          Retrain
        </button>
      </div>
      {trainState.error && (
        <p className="state error" role="alert">
          {errorText(trainState.error)}
        </p>
      )}
      {jobId && (
        <p role="status" className="training" data-status={status ?? "queued"}>
          Training job {status ?? "queued"}
          {job.data?.talentTrainingJob?.lastError ? `: ${job.data.talentTrainingJob.lastError}` : ""}
          {status === "done" && job.data?.talentTrainingJob?.resultJson ? ` — ${trainingOutcome(job.data.talentTrainingJob.resultJson)}` : ""}
        </p>
      )}
    </section>
  );
}

function trainingOutcome(json: string): string {
  try {
    const r = JSON.parse(json) as { version?: number; activated?: boolean };
    return r.version ? `version ${r.version} ${r.activated ? "is now active" : "was kept inactive (it did not beat the active one)"}` : "no new version";
  } catch {
    return "done";
  }
}
