/** A minimal GraphQL-over-HTTP client for command lines: errors come back as thrown Errors with their codes. */
export type GraphQLCall = <T>(query: string, variables?: Record<string, unknown>) => Promise<T>;

export class GraphQLCallError extends Error {
  constructor(
    message: string,
    readonly codes: string[],
  ) {
    super(message);
    this.name = "GraphQLCallError";
  }
}

export function createGraphQLClient(options: { url: string; token?: string }): GraphQLCall {
  return async <T>(query: string, variables: Record<string, unknown> = {}): Promise<T> => {
    const res = await fetch(options.url, {
      method: "POST",
      headers: { "content-type": "application/json", ...(options.token ? { authorization: `Bearer ${options.token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const text = await res.text();
    let body: { data?: T; errors?: Array<{ message: string; extensions?: { code?: string } }> };
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      throw new GraphQLCallError(`${options.url} answered HTTP ${res.status}: ${text.slice(0, 200)}`, []);
    }
    if (body.errors?.length) {
      throw new GraphQLCallError(body.errors.map((e) => e.message).join("; "), body.errors.map((e) => e.extensions?.code ?? "INTERNAL_SERVER_ERROR"));
    }
    return body.data!;
  };
}
