/**
 * `@matchgraph/ml-runtime/training`: the training pipeline every domain uses, and the model
 * versions it writes (the runtime serves them).
 */
export { trainModel } from "./pipeline.js";
export type { TrainOptions, TrainResult, GateOutcome } from "./pipeline.js";
export { prepareDataset, DatasetError, mulberry32 } from "./dataset.js";
export type { TabularDataset, FeatureValue, PreparedDataset } from "./dataset.js";
export { computeMetrics, auc, logLoss, rmse, mae, ndcgAtK, HIGHER_IS_BETTER } from "./metrics.js";
export type { Metrics, MetricName } from "./metrics.js";
export { fitLightGbm, lightGbmReference } from "./lightgbm.js";
export type { LightGbmParams, FitInput, FitOutput, LightGbmReference } from "./lightgbm.js";
export { ensureTrainingPython, TrainingEnvironmentError, defaultVenvDir, requirementsFile } from "./python.js";
export type { TrainingPythonOptions } from "./python.js";
export { findTrainableModel } from "./registry.js";
export type { TrainableModel } from "./registry.js";
export { exampleModels, exampleBinaryDataset, exampleRegressionDataset } from "./example.js";
export {
  listModelVersions,
  getModelVersion,
  getActiveModelVersion,
  loadModelVersion,
  activateModelVersion,
  rollbackTarget,
  activationHistory,
  insertModelVersion,
  verifyArtifacts,
  ModelVersionError,
  MODEL_NAME_PATTERN,
  TABULAR_KINDS,
} from "../tabular/store.js";
export type { ModelVersionInfo, ModelVersionWithArtifacts, FeatureDescription, TabularKind, ActivationRecord } from "../tabular/store.js";
export { parseLightGbmDump, rawScores, treeShap, applyLink, UnsupportedModelError } from "../tabular/trees.js";
export type { TreeModel, Link } from "../tabular/trees.js";
