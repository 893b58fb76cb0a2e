import { navigate } from "../lib/router.js";
import { useSession } from "../lib/session.js";

const JOBS = [
  { id: "review", title: "Review queue", what: "Confirm or reject proposed opportunity matches, live with other reviewers." },
  { id: "import", title: "Opportunities", what: "Import APN, Odoo or any CSV; statistics, quality, schedules and alerts." },
  { id: "leads", title: "Leads", what: "Describe who buys what you sell; refine the parsed query; see why each lead scored." },
  { id: "talent", title: "Talent", what: "Matching jobs and talents with scores, factors and feedback; model versions." },
  { id: "knowledge", title: "Knowledge", what: "Upload documents and search them with cited passages." },
  { id: "sales", title: "Sales", what: "Customer profiles, generated e-mails, call scripts, one-pagers and objection answers." },
];

export function Home() {
  const { viewer, can } = useSession();
  return (
    <section aria-labelledby="home-title">
      <h1 id="home-title">Welcome, {viewer.userId}</h1>
      {!can.write && <p className="notice">You can read; changes need the writer or admin role.</p>}
      <ul className="cards">
        {JOBS.map((j) => (
          <li key={j.id}>
            <h2>
              <a
                href={`/app/${j.id}`}
                onClick={(e) => {
                  e.preventDefault();
                  navigate(j.id);
                }}
              >
                {j.title}
              </a>
            </h2>
            <p>{j.what}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
