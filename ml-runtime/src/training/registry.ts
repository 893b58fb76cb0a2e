import type { Database } from "@matchgraph/db";
import type { TabularDataset } from "./dataset.js";

/**
 * A model a domain can train: its name and a dataset builder. Each domain exports its list
 * (e.g. `@matchgraph/talent/training`), and the composition roots (the CLI's `npm run train`, a
 * subgraph's training job) pick the builder by name; domains never import each other.
 */
export interface TrainableModel {
  name: string;
  description: string;
  /** Builds the current dataset (from the database, or synthetic). */
  dataset(context: { db: Database; log: (message: string) => void }): Promise<TabularDataset>;
}

/** The entry named `name`, or an error listing the names there are. */
export function findTrainableModel(models: readonly TrainableModel[], name: string): TrainableModel {
  const found = models.find((m) => m.name === name);
  if (!found) throw new Error(`no trainable model "${name}"; known: ${models.map((m) => m.name).join(", ") || "none"}`);
  return found;
}
