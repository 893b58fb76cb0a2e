// npm run db:seed — migrates, then writes the demo data set with vectors from the ml-runtime.
import { ConfigError, readDbEnv } from "../config.js";
import { openDatabase } from "../database.js";
import { EMBEDDING_MODELS } from "../embedding-models.js";
import { MigrationError } from "../migrate.js";
import { seed } from "../seed/index.js";
import { mlRuntimeEmbedder } from "../seed/ml-runtime-embedder.js";

async function main(): Promise<number> {
  const env = readDbEnv();
  if (!env.ML_RUNTIME_URL) {
    console.error(
      [
        "db:seed needs an ml-runtime to embed the demo data, and ML_RUNTIME_URL is not set.",
        "  Either start one and run:  ML_RUNTIME_URL=http://127.0.0.1:<port> npm run db:seed",
        "  or just run:               npm start   (the embedded launcher seeds an empty database itself)",
      ].join("\n"),
    );
    return 2;
  }
  const model = env.EMBEDDING_MODEL;
  const embed = mlRuntimeEmbedder(env.ML_RUNTIME_URL, model);
  const [probe] = await embed(["dimension probe"]);
  const dimension = probe!.length;
  const known = (EMBEDDING_MODELS as Record<string, { dimension: number } | undefined>)[model];
  if (known && known.dimension !== dimension) {
    throw new Error(`ml-runtime model "${model}" returned ${dimension}-d vectors; the indexes expect ${known.dimension}`);
  }
  if (!known) console.warn(`Note: no HNSW index exists for model "${model}"; searches over it will scan.`);

  const db = await openDatabase({ migrate: true });
  try {
    console.log(`Seeding ${db.describe()} with ${model} (${dimension}-d) from ${env.ML_RUNTIME_URL}`);
    const started = Date.now();
    await seed(db, { embed, model, dimension, log: (m) => console.log(`  ${m}`) });
    console.log(`Done in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
    return 0;
  } finally {
    await db.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof MigrationError || error instanceof ConfigError) console.error(`db:seed failed: ${error.message}`);
    else console.error(`db:seed failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
