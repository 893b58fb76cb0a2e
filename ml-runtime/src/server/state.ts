import type { HealthResponse } from "../api-types.js";
import type { EmbeddingEngine } from "../engine/engine.js";
import type { GenerationEngine } from "../generation/engine.js";
import type { TabularModels } from "../tabular/manager.js";

/** What the HTTP layer needs to know about the runtime; the engine appears once models load. */
export interface RuntimeState {
  status: HealthResponse["status"];
  defaultModel: string;
  /** Every id in the registry, loaded or not. */
  registryIds: string[];
  engine?: EmbeddingEngine;
  /** Text generation (absent with ML_GENERATION_MODELS=none or no generation entry in the registry). */
  generation?: {
    engine: GenerationEngine;
    /** undefined: no generation model on disk. */
    defaultModel: string | undefined;
    /** max_tokens when a request gives none. */
    defaultMaxTokens: number;
  };
  /** Tabular models, when the runtime has a database. */
  tabular?: TabularModels;
  error?: Error;
}

/** The status to report: a worker that died after loading turns "ok" into "error". */
export function currentStatus(state: RuntimeState): HealthResponse["status"] {
  return state.engine?.error ? "error" : state.status;
}
