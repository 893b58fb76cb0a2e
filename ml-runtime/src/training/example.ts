import type { TabularDataset } from "./dataset.js";
import { mulberry32 } from "./dataset.js";
import type { TrainableModel } from "./registry.js";

/**
 * Built-in models that exercise the pipeline end to end without any domain: a deterministic
 * synthetic churn-like dataset with missing values (about 15% per feature, and a feature that is
 * missing more often for one class, so that missingness itself carries signal).
 */

const FEATURES = [
  { name: "tenure_months", description: "Months since the account was opened (0-120)." },
  { name: "monthly_spend", description: "Average monthly spend in EUR over the last quarter." },
  { name: "support_tickets", description: "Support tickets opened in the last 90 days." },
  { name: "days_since_login", description: "Days since someone of the account last logged in; missing when never recorded." },
  { name: "discount_rate", description: "Discount on the list price (0-0.5); 0 means none." },
  { name: "seats", description: "Licensed seats." },
  { name: "nps", description: "Last net promoter score answer (0-10); missing when never answered." },
];

export interface ExampleDatasetOptions {
  rows?: number;
  seed?: number;
  /** Share of labels replaced by coin flips (default 0.05). */
  labelNoise?: number;
}

function gaussian(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/** Rows, a latent score per row and its features (null = missing). */
function synthesize(rows: number, seed: number): { values: Array<Array<number | null>>; latent: number[] } {
  const random = mulberry32(seed);
  const values: Array<Array<number | null>> = [];
  const latent: number[] = [];
  for (let i = 0; i < rows; i++) {
    const tenure = Math.floor(random() * 120);
    const spend = Math.round(Math.exp(4 + gaussian(random) * 0.8) * 100) / 100;
    const tickets = Math.floor(-Math.log(1 - random()) * 2);
    const login = Math.floor(-Math.log(1 - random()) * 20);
    const discount = random() < 0.5 ? 0 : Math.round(random() * 50) / 100;
    const seats = 1 + Math.floor(-Math.log(1 - random()) * 15);
    const nps = Math.floor(random() * 11);
    const z = -0.9 - 0.025 * tenure + 0.35 * tickets + 0.045 * login - 2.2 * discount * (tenure < 24 ? 1 : -0.3) - 0.12 * (nps - 5) + 0.4 * Math.sin(spend / 40) - 0.02 * seats;
    latent.push(z);
    const row: Array<number | null> = [tenure, spend, tickets, login, discount, seats, nps];
    for (let j = 0; j < row.length; j++) if (random() < 0.15) row[j] = null;
    // Unhappy accounts answer surveys less: NPS is missing more often when churn is likely.
    if (z > 0.5 && random() < 0.4) row[6] = null;
    values.push(row);
  }
  return { values, latent };
}

/** `example-binary`: will the account churn (1) or not (0). */
export function exampleBinaryDataset(options: ExampleDatasetOptions = {}): TabularDataset {
  const rows = options.rows ?? 4_000;
  const seed = options.seed ?? 7;
  const { values, latent } = synthesize(rows, seed);
  const random = mulberry32(seed ^ 0xa11ce);
  const noise = options.labelNoise ?? 0.05;
  const labels = latent.map((z) => (random() < noise ? (random() < 0.5 ? 1 : 0) : random() < 1 / (1 + Math.exp(-z)) ? 1 : 0));
  return { model: "example-binary", objective: "binary", features: FEATURES, rows: values, labels, source: `synthetic example-binary (seed ${seed}, ${rows} rows)`, seed };
}

/** `example-regression`: next quarter's spend change in EUR. */
export function exampleRegressionDataset(options: ExampleDatasetOptions = {}): TabularDataset {
  const rows = options.rows ?? 4_000;
  const seed = options.seed ?? 11;
  const { values, latent } = synthesize(rows, seed);
  const random = mulberry32(seed ^ 0xbeef);
  const labels = latent.map((z) => Math.round((-40 * z + 10 * gaussian(random)) * 100) / 100);
  return { model: "example-regression", objective: "regression", features: FEATURES, rows: values, labels, source: `synthetic example-regression (seed ${seed}, ${rows} rows)`, seed };
}

/** The pipeline's built-in models, registered like a domain's. */
export const exampleModels: TrainableModel[] = [
  { name: "example-binary", description: "Synthetic churn classifier (LightGBM binary) that exercises the training pipeline end to end.", dataset: async () => exampleBinaryDataset() },
  { name: "example-regression", description: "Synthetic spend-change regressor (LightGBM regression) that exercises the training pipeline end to end.", dataset: async () => exampleRegressionDataset() },
];
