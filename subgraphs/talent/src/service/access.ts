import { forbidden, unauthenticated, type SubgraphContext } from "@matchgraph/subgraph-kit";

/**
 * Who may see what in talent matching (seed 8.x), from the identity the gateway signed:
 * - `admin`: everything, and trains models;
 * - `recruiter` with a role `company:<name>`: their company's jobs, the talents matched to them
 *   (salary expectations included), and nothing of other companies;
 * - `talent`: their own profile (talent.user_id = their user id) and its matches.
 * Anything else asking for matches is FORBIDDEN (UNAUTHENTICATED without an identity).
 */
export type Viewer =
  | { kind: "admin"; userId: string }
  | { kind: "recruiter"; userId: string; company: string }
  | { kind: "talent"; userId: string }
  | { kind: "other"; userId: string | null; roles: string[] };

export const COMPANY_ROLE_PREFIX = "company:";

export function viewerOf(ctx: Pick<SubgraphContext, "identity">): Viewer {
  const identity = ctx.identity;
  if (!identity) return { kind: "other", userId: null, roles: [] };
  const roles = identity.roles;
  if (roles.includes("admin")) return { kind: "admin", userId: identity.userId };
  if (roles.includes("recruiter")) {
    const companies = roles.filter((r) => r.startsWith(COMPANY_ROLE_PREFIX)).map((r) => r.slice(COMPANY_ROLE_PREFIX.length).trim());
    // Exactly one company claim: a recruiter acts for one company.
    if (companies.length === 1 && companies[0]) return { kind: "recruiter", userId: identity.userId, company: companies[0] };
  }
  if (roles.includes("talent")) return { kind: "talent", userId: identity.userId };
  return { kind: "other", userId: identity.userId, roles };
}

export const sameCompany = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** UNAUTHENTICATED without an identity, else FORBIDDEN with `message`. */
export function deny(ctx: Pick<SubgraphContext, "identity">, message: string): never {
  if (!ctx.identity) throw unauthenticated();
  throw forbidden(message);
}

/** Talent matches (matchJobs): admins and the talent themself. */
export function assertMayMatchTalent(ctx: Pick<SubgraphContext, "identity">, talent: { userId: string | null }): Viewer {
  const viewer = viewerOf(ctx);
  if (viewer.kind === "admin") return viewer;
  if (viewer.kind === "talent" && talent.userId !== null && talent.userId === viewer.userId) return viewer;
  deny(ctx, "Only the talent themself or an admin may see a talent's matches");
}

/** Job matches (matchTalents): admins and recruiters of the job's company. */
export function assertMayMatchJob(ctx: Pick<SubgraphContext, "identity">, job: { company: string }): Viewer {
  const viewer = viewerOf(ctx);
  if (viewer.kind === "admin") return viewer;
  if (viewer.kind === "recruiter" && sameCompany(viewer.company, job.company)) return viewer;
  deny(ctx, "Only recruiters of the job's company or an admin may see its candidates");
}

/** One pair (explainMatch): admins, the talent, or a recruiter of the job's company. */
export function assertMayExplain(ctx: Pick<SubgraphContext, "identity">, talent: { userId: string | null }, job: { company: string }): Viewer {
  const viewer = viewerOf(ctx);
  if (viewer.kind === "admin") return viewer;
  if (viewer.kind === "talent" && talent.userId !== null && talent.userId === viewer.userId) return viewer;
  if (viewer.kind === "recruiter" && sameCompany(viewer.company, job.company)) return viewer;
  deny(ctx, "Only the talent, recruiters of the job's company or an admin may see this match");
}

/** Feedback: the talent says APPLIED / DISMISSED, the job's recruiters CONTACTED / REJECTED, admins any. */
export function assertMayGiveFeedback(ctx: Pick<SubgraphContext, "identity">, talent: { userId: string | null }, job: { company: string }, type: string): Viewer & { userId: string } {
  const viewer = viewerOf(ctx);
  if (viewer.kind === "admin") return viewer;
  if (viewer.kind === "talent" && talent.userId !== null && talent.userId === viewer.userId && (type === "APPLIED" || type === "DISMISSED")) return viewer;
  if (viewer.kind === "recruiter" && sameCompany(viewer.company, job.company) && (type === "CONTACTED" || type === "REJECTED")) return viewer;
  deny(ctx, "Talents record APPLIED or DISMISSED on their own matches, recruiters CONTACTED or REJECTED on their company's jobs");
}

export function assertAdmin(ctx: Pick<SubgraphContext, "identity">): Viewer & { userId: string } {
  const viewer = viewerOf(ctx);
  if (viewer.kind === "admin") return viewer;
  deny(ctx, "Requires the admin role");
}
