import type { SubgraphEndpoint } from "./server.js";

export interface ReadinessReport {
  ready: boolean;
  checks: Record<string, { ok: boolean; detail?: string }>;
}

async function probe(url: string, timeoutMs: number): Promise<{ ok: boolean; detail?: string }> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    return res.ok ? { ok: true } : { ok: false, detail: `HTTP ${res.status}` };
  } catch (err) {
    return { ok: false, detail: (err as Error).message };
  }
}

/** Ready when every subgraph and the ml-runtime answer their /healthz. */
export async function checkReadiness(subgraphs: SubgraphEndpoint[], mlRuntimeUrl: string, timeoutMs = 2000): Promise<ReadinessReport> {
  const targets: Array<[string, string]> = [
    ...subgraphs.map((s): [string, string] => [s.name, new URL("/healthz", s.url).toString()]),
    ["ml-runtime", new URL("/healthz", mlRuntimeUrl).toString()],
  ];
  const results = await Promise.all(targets.map(async ([name, url]) => [name, await probe(url, timeoutMs)] as const));
  return { ready: results.every(([, r]) => r.ok), checks: Object.fromEntries(results) };
}
