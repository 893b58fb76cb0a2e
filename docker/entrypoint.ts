// Starts the service named by SERVICE (see docker/compose.yaml).
const entries: Record<string, string> = {
  gateway: "../gateway/src/main.ts",
  "ml-runtime": "../ml-runtime/src/server/main.ts",
  opportunities: "../subgraphs/opportunities/src/main.ts",
  leads: "../subgraphs/leads/src/main.ts",
  talent: "../subgraphs/talent/src/main.ts",
  knowledge: "../subgraphs/knowledge/src/main.ts",
  recommendations: "../subgraphs/recommendations/src/main.ts",
  migrate: "../prisma/src/cli/migrate.ts",
};
const service = process.env.SERVICE ?? "gateway";
const entry = entries[service];
if (!entry) {
  console.error(`Unknown SERVICE "${service}"; one of: ${Object.keys(entries).join(", ")}`);
  process.exit(2);
}
await import(new URL(entry, import.meta.url).href);
