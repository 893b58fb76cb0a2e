/** Messages between the main thread and the tabular worker. */
import type { Link } from "./trees.js";

export interface LoadedTabularModel {
  featureNames: string[];
  numTrees: number;
  maxDepth: number;
  baseValue: number;
  objective: string;
  link: Link;
  sigmoid: number;
  /** The ONNX graph's output read for scores. */
  onnxOutput: string;
  /** Largest |ONNX score − trees' score| on the load-time probe rows. */
  probeMaxAbsDiff: number;
}

export type TabularRequest =
  | { type: "load"; id: number; key: string; onnx: Uint8Array; treeDump: Uint8Array; threads: number }
  | { type: "unload"; id: number; key: string }
  | { type: "predict"; id: number; key: string; x: Float64Array; rows: number }
  | { type: "explain"; id: number; key: string; x: Float64Array; rows: number }
  | { type: "close"; id: number };

export type TabularResponse =
  | { type: "loaded"; id: number; info: LoadedTabularModel }
  | { type: "predicted"; id: number; scores: Float64Array }
  | { type: "explained"; id: number; contributions: Float64Array; raw: Float64Array }
  | { type: "done"; id: number }
  | { type: "failed"; id: number; message: string; unsupported?: boolean };
