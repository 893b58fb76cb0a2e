/**
 * `npx tsx subgraphs/opportunities/src/testdata/cli.ts <dir> [--seed 42] [--odoo 3121] [--apn 4816] [--pairs N]`
 *
 * Writes apn.csv, odoo.csv, gold.csv and aliases.csv into `<dir>` and prints the stats as JSON.
 */
import { parseArgs } from "node:util";
import { writeMatchingDataset, type MatchingDatasetOptions } from "./matching-dataset.js";

const { values, positionals } = parseArgs({
  options: { seed: { type: "string" }, odoo: { type: "string" }, apn: { type: "string" }, pairs: { type: "string" } },
  allowPositionals: true,
});
const dir = positionals[0];
if (!dir) {
  console.error("usage: cli.ts <dir> [--seed 42] [--odoo 3121] [--apn 4816] [--pairs N]");
  process.exit(2);
}
const num = (v: string | undefined) => (v === undefined ? undefined : Number(v));
const options: MatchingDatasetOptions = { seed: num(values.seed), odooCount: num(values.odoo), apnCount: num(values.apn), truePairs: num(values.pairs) };
const started = performance.now();
const { files, stats } = await writeMatchingDataset(dir, options);
console.log(JSON.stringify({ files, ms: Math.round(performance.now() - started), stats }, null, 2));
