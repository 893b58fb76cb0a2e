import type { ApolloServerPlugin } from "@apollo/server";
import { BREAK, GraphQLError, visit, type DocumentNode } from "graphql";

// NUL cannot be stored by PostgreSQL (22021); an unpaired surrogate is not Unicode at all.
// eslint-disable-next-line no-control-regex
const INVALID = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Why a string cannot be accepted as input, or null when it can. */
export function invalidStringReason(value: string): string | null {
  const match = INVALID.exec(value);
  if (!match) return null;
  return match[0] === "\u0000" ? "contains a NUL character" : "contains an unpaired surrogate (not valid Unicode)";
}

/** The first string inside a JSON-like value that cannot be accepted, with its path. */
export function findInvalidString(value: unknown, path: string[] = []): { path: string; reason: string } | null {
  if (typeof value === "string") {
    const reason = invalidStringReason(value);
    return reason ? { path: path.join("."), reason } : null;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findInvalidString(value[i], [...path, String(i)]);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      const found = findInvalidString(key, [...path, key]) ?? findInvalidString(item, [...path, key]);
      if (found) return found;
    }
  }
  return null;
}

function invalidLiteral(document: DocumentNode): { path: string; reason: string } | null {
  let reason: string | null = null;
  visit(document, {
    StringValue(node) {
      reason = invalidStringReason(node.value);
      return reason ? BREAK : undefined;
    },
  });
  return reason ? { path: "query", reason } : null;
}

/**
 * Refuses, before any resolver runs, an operation whose variables or inline string arguments
 * hold strings no database column can take: one place for every argument of every subgraph.
 */
export function inputHygienePlugin<T extends object>(): ApolloServerPlugin<T> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          const found = (request.variables ? findInvalidString(request.variables, ["variables"]) : null) ?? invalidLiteral(document);
          if (found) throw new GraphQLError(`${found.path}: ${found.reason}`, { extensions: { code: "BAD_USER_INPUT", field: found.path, http: { status: 400 } } });
        },
      };
    },
  };
}
