import { IDENTITY_HEADER } from "@matchgraph/subgraph-kit";
import type { SubgraphEndpoint } from "./server.js";

export interface ReadinessReport {
  ready: boolean;
  checks: Record<string, { ok: boolean; detail?: string }>;
}

async function probe(url: string, init: RequestInit, timeoutMs: number): Promise<{ ok: boolean; detail?: string }> {
  try {
    const res = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    await res.arrayBuffer();
    return res.ok ? { ok: true } : { ok: false, detail: res.status === 401 ? "HTTP 401: the subgraph does not accept the gateway's signature (MATCHGRAPH_IDENTITY_SECRET differs?)" : `HTTP ${res.status}` };
  } catch (err) {
    return { ok: false, detail: (err as Error).message };
  }
}

/**
 * Ready when every subgraph answers a GraphQL `{ __typename }` signed with the gateway's service
 * identity (so a secret that differs between gateway and subgraph shows here, not on the first
 * user request) and the ml-runtime answers its /healthz.
 */
export async function checkReadiness(subgraphs: SubgraphEndpoint[], mlRuntimeUrl: string, serviceToken: string, timeoutMs = 2000): Promise<ReadinessReport> {
  const graphql: RequestInit = {
    method: "POST",
    headers: { "content-type": "application/json", [IDENTITY_HEADER]: serviceToken },
    body: JSON.stringify({ query: "{ __typename }" }),
  };
  const targets: Array<[string, string, RequestInit]> = [
    ...subgraphs.map((s): [string, string, RequestInit] => [s.name, s.url, graphql]),
    ["ml-runtime", new URL("/healthz", mlRuntimeUrl).toString(), {}],
  ];
  const results = await Promise.all(targets.map(async ([name, url, init]) => [name, await probe(url, init, timeoutMs)] as const));
  return { ready: results.every(([, r]) => r.ok), checks: Object.fromEntries(results) };
}
