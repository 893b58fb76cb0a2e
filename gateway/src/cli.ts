// `npm run cli -- <domain> <command> …`: dispatches to each domain's command line.
const domains: Record<string, () => Promise<(argv: string[]) => Promise<number>>> = {
  knowledge: async () => (await import("@matchgraph/knowledge/cli")).runKnowledgeCli,
  opportunities: async () => (await import("@matchgraph/opportunities/cli")).runOpportunitiesCli,
  recommendations: async () => (await import("@matchgraph/recommendations/cli")).runRecommendationsCli,
  // `npm run train -- <model>`: the shared training pipeline on the dataset of the model's domain.
  train: async () => (await import("./train-cli.js")).runTrainCli,
};

const [domain, ...rest] = process.argv.slice(2);
const load = domain ? domains[domain] : undefined;
if (!load) {
  console.error(`usage: npm run cli -- <${Object.keys(domains).join("|")}> <command> [options]`);
  process.exit(2);
}
process.exit(await (await load())(rest));
