export {
  ALIAS_COLUMNS, APN_COLUMNS, GOLD_COLUMNS, NOISE_STATS, ODOO_COLUMNS, generateMatchingDataset, writeMatchingDataset,
  type GeneratedMatchingDataset, type MatchingDatasetOptions,
} from "./matching-dataset.js";
