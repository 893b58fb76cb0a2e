import { GraphQLError, type GraphQLFormattedError } from "graphql";
import { ZodError } from "zod";
import { MlRuntimeRequestError, MlRuntimeUnavailableError } from "@matchgraph/ml-runtime/client";

export type ErrorCode = "BAD_USER_INPUT" | "NOT_FOUND" | "UNAUTHENTICATED" | "FORBIDDEN" | "UNAVAILABLE" | "CONFLICT";

export function graphqlError(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { ...extensions, code } });
}

export const badUserInput = (message: string, field?: string) => graphqlError("BAD_USER_INPUT", message, field ? { field } : {});
export const notFound = (type: string, id: string) => graphqlError("NOT_FOUND", `${type} ${id} not found`, { type, id });
export const unauthenticated = (message = "Authentication required") => graphqlError("UNAUTHENTICATED", message);
export const forbidden = (message = "Not allowed") => graphqlError("FORBIDDEN", message);
export const unavailable = (message: string) => graphqlError("UNAVAILABLE", message);
export const conflict = (message: string) => graphqlError("CONFLICT", message);

/** Maps domain and library errors to GraphQL errors with a stable extensions.code. */
export function toGraphQLError(err: unknown): GraphQLError | undefined {
  if (err instanceof GraphQLError && err.extensions?.code) return err;
  if (err instanceof ZodError) {
    const issue = err.issues[0];
    const field = issue?.path.join(".");
    return badUserInput(issue ? `${field ? `${field}: ` : ""}${issue.message}` : "Invalid input", field || undefined);
  }
  // The runtime's own message names internal addresses; clients get a fixed one.
  if (err instanceof MlRuntimeUnavailableError) return unavailable("The embedding service is unavailable; try again shortly");
  // Prisma: a transaction could not start in time (PGlite has one connection, busy with a long write).
  if (hasCode(err, "P2028")) return unavailable("The database is busy; try again shortly");
  if (err instanceof MlRuntimeRequestError) return badUserInput(err.message);
  if (isUniqueViolation(err)) return conflict("A record with the same unique key already exists");
  return undefined;
}

function hasCode(err: unknown, code: string): boolean {
  return typeof err === "object" && err !== null && (err as { code?: unknown }).code === code;
}

function isUniqueViolation(err: unknown): boolean {
  const message = typeof err === "object" && err !== null ? (err as { message?: unknown }).message : undefined;
  return hasCode(err, "P2002") || hasCode(err, "23505") || (typeof message === "string" && message.includes("23505"));
}

/**
 * Apollo formatError hook: known errors keep their code, anything else is masked so that SQL or
 * stack details never reach clients (they are logged by the caller instead).
 */
export function formatError(formatted: GraphQLFormattedError, err: unknown): GraphQLFormattedError {
  const original = err instanceof GraphQLError ? (err.originalError ?? err) : err;
  const mapped = toGraphQLError(original);
  if (mapped) {
    return { message: mapped.message, locations: formatted.locations, path: formatted.path, extensions: { ...mapped.extensions } };
  }
  const code = formatted.extensions?.code;
  if (typeof code === "string" && code !== "INTERNAL_SERVER_ERROR") return { ...formatted, extensions: { code } };
  return { message: "Internal server error", locations: formatted.locations, path: formatted.path, extensions: { code: "INTERNAL_SERVER_ERROR" } };
}
