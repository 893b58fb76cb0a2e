// npm run db:migrate — applies pending migrations to DATABASE_URL, or to the PGlite data
// directory (PGLITE_DATA_DIR, default <repo>/.data/pglite) when DATABASE_URL is unset.
import { ConfigError } from "../config.js";
import { openDatabase } from "../database.js";
import { migrate, MigrationError } from "../migrate.js";

async function main(): Promise<number> {
  const db = await openDatabase();
  try {
    console.log(`Migrating ${db.describe()}`);
    const { applied } = await migrate(db, { log: (m) => console.log(`  ${m}`) });
    console.log(applied.length === 0 ? "Database is up to date." : `Applied: ${applied.join(", ")}`);
    return 0;
  } finally {
    await db.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof MigrationError || error instanceof ConfigError) console.error(`db:migrate failed: ${error.message}`);
    else console.error("db:migrate failed:", error);
    process.exit(1);
  },
);
