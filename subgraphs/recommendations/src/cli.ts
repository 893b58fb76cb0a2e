/**
 * Recommendations command line: `report [--url U] [--token T] [--out report.html]` reads the
 * learning metrics, content effectiveness, ranking weight versions and accounts from a running
 * platform (MATCHGRAPH_URL, MATCHGRAPH_TOKEN: a reader's JWT when the gateway requires one) and
 * writes one HTML page with charts. `runRecommendationsCli(argv)` returns the exit code.
 */
import { writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { createGraphQLClient } from "@matchgraph/subgraph-kit";
import { renderReport, type ReportData } from "./report.js";

const USAGE = "usage: recommendations report [--url http://localhost:4000/graphql] [--token <jwt>] [--out recommendations-report.html]";

const EFFECTIVENESS = "group generated useRate up down winRate score";
export const REPORT_QUERY = `query RecommendationsReport {
  learningMetrics { computedAt votesWithFeatures activeWeightsAuc similarityWeight diligenceWeight engagementWeight }
  byKind: contentEffectiveness(by: KIND) { ${EFFECTIVENESS} }
  byTemplate: contentEffectiveness(by: TEMPLATE) { ${EFFECTIVENESS} }
  byPersonality: contentEffectiveness(by: PERSONALITY) { ${EFFECTIVENESS} }
  rankingWeights(first: 20) { version similarity diligence engagement source active reason heldOutAuc previousHeldOutAuc createdAt }
}`;

/** Accounts in small pages: each one's analytics is a scan, and the gateway limits a query's cost. */
const CUSTOMERS_QUERY = `query RecommendationsReportCustomers($after: String) {
  customers(first: 10, after: $after) { nodes { company stage analytics { openObjections interactions contentGenerated } } pageInfo { endCursor hasNextPage } }
}`;
const MAX_CUSTOMERS = 200;

export async function runRecommendationsCli(argv: string[], io: { print?: (l: string) => void; error?: (l: string) => void } = {}): Promise<number> {
  const print = io.print ?? ((l: string) => console.log(l));
  const error = io.error ?? ((l: string) => console.error(l));
  const [command, ...rest] = argv;
  if (command !== "report") {
    error(command ? `unknown command "${command}"\n${USAGE}` : USAGE);
    return 2;
  }
  let values;
  try {
    ({ values } = parseArgs({
      args: rest,
      options: {
        url: { type: "string", default: process.env.MATCHGRAPH_URL ?? "http://localhost:4000/graphql" },
        token: { type: "string", default: process.env.MATCHGRAPH_TOKEN },
        out: { type: "string", default: "recommendations-report.html" },
      },
      strict: true,
    }));
  } catch (err) {
    error(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  try {
    const call = createGraphQLClient({ url: values.url!, token: values.token, timeoutMs: 30_000 });
    const data = await call<Omit<ReportData, "generatedAt" | "customers">>(REPORT_QUERY);
    const customers: ReportData["customers"] = [];
    let after: string | null = null;
    do {
      type Page = { customers: { nodes: ReportData["customers"]; pageInfo: { endCursor: string | null; hasNextPage: boolean } } };
      const page: Page = await call<Page>(CUSTOMERS_QUERY, { after });
      customers.push(...page.customers.nodes);
      after = page.customers.pageInfo.hasNextPage ? page.customers.pageInfo.endCursor : null;
    } while (after && customers.length < MAX_CUSTOMERS);
    const html = renderReport({ ...data, customers, generatedAt: new Date().toISOString() });
    await writeFile(values.out!, html);
    print(`wrote ${values.out} (${customers.length} customers, ${data.rankingWeights.length} weight versions)`);
    return 0;
  } catch (err) {
    error(`report failed: ${(err as Error).message}`);
    return 1;
  }
}
