/*
 * Who is signed in, and what they may do. The gateway decides (every refused operation is still
 * refused there); the Console uses the same rules only to leave out what a role may not do.
 */

/** What the gateway tells the sign-in screen (gateway/src/app: /app/session.json). */
export type ServerSession = { authMode: "none"; userId: string; roles: string[] } | { authMode: "jwt"; anonymousRead: boolean };

export interface Viewer {
  userId: string;
  roles: string[];
  /** The bearer token (AUTH_MODE=jwt); none in the embedded mode. */
  token?: string;
  /** When the token stops being valid (ms since the epoch). */
  expiresAt?: number;
}

export const WRITER_ROLES = ["writer", "admin"];
export const READER_ROLES = ["reader", "writer", "admin"];

/** What the screens offer, by role (the same lists the subgraphs check with requireRole). */
export function capabilities(roles: readonly string[]) {
  const any = (list: string[]) => roles.some((r) => list.includes(r));
  return {
    write: any(WRITER_ROLES),
    read: any(READER_ROLES),
    admin: roles.includes("admin"),
    /** Talent feedback: talents apply / dismiss, recruiters contact / reject, admins any. */
    talentFeedback: roles.includes("talent") ? ["APPLIED", "DISMISSED"] : [],
    recruiterFeedback: any(["recruiter", "admin"]) ? ["CONTACTED", "REJECTED"] : [],
  };
}
export type Capabilities = ReturnType<typeof capabilities>;

export class TokenError extends Error {}

function base64UrlDecode(part: string): string {
  const base64 = part.replace(/-/g, "+").replace(/_/g, "/").padEnd(Math.ceil(part.length / 4) * 4, "=");
  const binary = atob(base64);
  return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

/** `roles` as an array, or one string of names separated by spaces or commas (as the gateway reads it). */
export function rolesOf(claim: unknown): string[] {
  if (typeof claim === "string") return claim.split(/[\s,]+/).filter(Boolean);
  if (Array.isArray(claim)) return claim.filter((r): r is string => typeof r === "string" && r.length > 0);
  return [];
}

/**
 * The viewer a JWT describes. Its signature is not checked here (the gateway checks it on every
 * request); an unreadable, expired or subject-less token is refused with the reason.
 */
export function viewerFromToken(token: string, now = Date.now()): Viewer {
  const trimmed = token.trim().replace(/^Bearer\s+/i, "");
  const parts = trimmed.split(".");
  if (parts.length !== 3) throw new TokenError("This is not a JWT (three parts separated by dots).");
  let claims: Record<string, unknown>;
  try {
    claims = JSON.parse(base64UrlDecode(parts[1]!)) as Record<string, unknown>;
  } catch {
    throw new TokenError("The token's claims cannot be read.");
  }
  if (typeof claims.sub !== "string" || !claims.sub) throw new TokenError("The token names no user (sub).");
  const expiresAt = typeof claims.exp === "number" ? claims.exp * 1000 : undefined;
  if (expiresAt === undefined) throw new TokenError("The token has no expiry (exp).");
  if (expiresAt <= now) throw new TokenError("The token has expired.");
  return { userId: claims.sub, roles: rolesOf(claims.roles), token: trimmed, expiresAt };
}

const STORAGE_KEY = "matchgraph.console.session";

/** sessionStorage only: the token goes when the tab closes, and never to localStorage or a cookie. */
export interface SessionStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export function saveViewer(store: SessionStore, viewer: Viewer): void {
  store.setItem(STORAGE_KEY, JSON.stringify(viewer));
}

export function loadViewer(store: SessionStore, server: ServerSession, now = Date.now()): Viewer | null {
  const raw = store.getItem(STORAGE_KEY);
  if (!raw) return null;
  try {
    const saved = JSON.parse(raw) as Viewer;
    if (server.authMode === "jwt") return saved.token ? viewerFromToken(saved.token, now) : null;
    // Embedded: the local user, acting with the roles chosen at sign-in (never more than the server's).
    return { userId: server.userId, roles: saved.roles.filter((r) => server.roles.includes(r)) };
  } catch {
    store.removeItem(STORAGE_KEY);
    return null;
  }
}

export function forgetViewer(store: SessionStore): void {
  store.removeItem(STORAGE_KEY);
}
