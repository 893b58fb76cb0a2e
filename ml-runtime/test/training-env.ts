import { spawnSync } from "node:child_process";

/**
 * Whether the Python-backed tests run. In CI they always run (the training venv is made from the
 * package index on first use, and a failure fails them); elsewhere they run when a Python 3 is
 * there to make the venv with, and are skipped loudly when not.
 */
export function pythonTestsEnabled(): boolean {
  if (process.env.CI) return true;
  if (process.env.ML_TRAINING_PYTHON) return true;
  const found = spawnSync(process.env.PYTHON ?? "python3", ["-c", "import venv"], { stdio: "ignore" }).status === 0;
  if (!found) console.warn("\n!! no python3 with venv: the Python-backed tabular tests are skipped (CI runs them)\n");
  return found;
}

/** Deterministic rows with every kind of missing value LightGBM distinguishes. */
export function mixedRows(rows: number, seed: number, options: { nanIn?: number[]; zeroHeavy?: number[]; noNan?: number[] } = {}): Float64Array {
  const f = 8;
  let s = seed >>> 0;
  const random = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const gaussian = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const x = new Float64Array(rows * f);
  const nanIn = new Set(options.nanIn ?? [0, 1, 2, 4, 5, 7]);
  const zeroHeavy = new Set(options.zeroHeavy ?? [3, 4]);
  const noNan = new Set(options.noNan ?? [6]);
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < f; j++) {
      let v = j === 5 ? Math.round(gaussian() * 2) : gaussian() * (1 + j);
      if (zeroHeavy.has(j) && random() < 0.3) v = 0;
      if (nanIn.has(j) && !noNan.has(j) && random() < 0.2) v = NaN;
      x[r * f + j] = v;
    }
  }
  return x;
}

/** A label from rows made by mixedRows: a non-linear function of several features, missing read as its own signal. */
export function mixedLabel(x: Float64Array, r: number, objective: "binary" | "regression", noise: number): number {
  const v = (j: number) => x[r * 8 + j]!;
  const z =
    (Number.isNaN(v(0)) ? 0.8 : v(0)) +
    0.5 * (Number.isNaN(v(1)) ? -1 : Math.tanh(v(1))) +
    0.3 * v(6) +
    (v(3) === 0 ? 0.7 : 0.1 * v(3)) +
    (Number.isNaN(v(5)) ? 0 : 0.2 * v(5) * Math.sign(v(2) || 1)) +
    noise;
  return objective === "binary" ? (z > 0 ? 1 : 0) : 3 * z;
}

/**
 * Database kinds for the model-version tests: PGlite always; PostgreSQL when it answers at
 * TEST_DATABASE_URL (required in CI, as in test/src/env.ts).
 */
export async function dbKinds(): Promise<Array<"pglite" | "postgres">> {
  const { default: pg } = await import("pg");
  const url = process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return ["pglite", "postgres"];
  } catch {
    if (process.env.CI || process.env.TEST_DATABASE_URL) throw new Error(`PostgreSQL is required for the tests but ${url} is not reachable`);
    console.warn(`\n!! PostgreSQL not reachable at ${url}: the model-version tests run on PGlite only\n`);
    return ["pglite"];
  }
}
