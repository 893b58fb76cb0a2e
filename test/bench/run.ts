/**
 * `npm run bench -- <name> [args...]`: runs one benchmark from this folder.
 * Each benchmark module exports `main(args: string[]): Promise<number | void>` (the exit code).
 * To add one: write `test/bench/<name>.ts` and add one line to `benches` below.
 */
type BenchMain = (args: string[]) => Promise<number | void>;

const benches: Record<string, () => Promise<{ main: BenchMain }>> = {
  embeddings: () => import("./embeddings.js"),
  "heavy-job": () => import("./heavy-job.js"),
  gateway: () => import("./gateway.js"),
  knowledge: () => import("./knowledge.js"),
  leads: () => import("./leads.js"),
  recommendations: () => import("./recommendations.js"),
  matching: () => import("./matching.js"),
  models: () => import("./models.js"),
  resilience: () => import("./resilience.js"),
  talent: () => import("./talent.js"),
};

const [name, ...args] = process.argv.slice(2);
const load = name ? benches[name] : undefined;
if (!load) {
  console.error(`${name ? `unknown benchmark "${name}"` : "no benchmark named"}; available: ${Object.keys(benches).sort().join(", ")}`);
  console.error("usage: npm run bench -- <name> [args...]");
  process.exit(1);
}
const { main } = await load();
const code = await main(args);
process.exitCode = typeof code === "number" ? code : 0;
