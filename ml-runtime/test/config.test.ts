import { availableParallelism } from "node:os";
import { describe, expect, it } from "vitest";
import { ConfigError, configFromEnv, resolveConfig } from "../src/config.js";

describe("configuration from the environment", () => {
  it("has the documented defaults", () => {
    const config = resolveConfig(configFromEnv({}));
    expect(config).toMatchObject({
      port: 4100,
      host: "127.0.0.1",
      models: ["all-minilm-l6-v2"],
      defaultModel: "all-minilm-l6-v2",
      modelDirs: [],
      executionProvider: "cpu",
      threads: availableParallelism(),
      batchWindowMs: 2,
      maxBatch: 16,
      maxInputs: 2048,
      maxInputChars: 32_768,
    });
  });

  it("reads every variable", () => {
    const config = resolveConfig(
      configFromEnv({
        ML_PORT: "0",
        ML_HOST: "0.0.0.0",
        ML_MODELS: "universal-sentence-encoder-lite, all-minilm-l6-v2",
        ML_DEFAULT_MODEL: "all-minilm-l6-v2",
        ML_MODEL_DIR: "/a:/b",
        ML_EXECUTION_PROVIDER: "auto",
        ML_THREADS: "3",
        ML_BATCH_WINDOW_MS: "0.5",
        ML_MAX_BATCH: "16",
        ML_MAX_INPUTS: "10",
        ML_MAX_INPUT_CHARS: "100",
        LOG_LEVEL: "debug",
      }),
    );
    expect(config).toMatchObject({
      port: 0,
      host: "0.0.0.0",
      models: ["all-minilm-l6-v2", "universal-sentence-encoder-lite"],
      defaultModel: "all-minilm-l6-v2",
      modelDirs: ["/a", "/b"],
      executionProvider: "auto",
      threads: 3,
      batchWindowMs: 0.5,
      maxBatch: 16,
      maxInputs: 10,
      maxInputChars: 100,
      logLevel: "debug",
    });
  });

  it("makes the first of ML_MODELS the default when ML_DEFAULT_MODEL is unset", () => {
    expect(resolveConfig(configFromEnv({ ML_MODELS: "universal-sentence-encoder-lite" })).defaultModel).toBe(
      "universal-sentence-encoder-lite",
    );
  });

  it("stops on a bad value with a message naming the variable", () => {
    expect(() => configFromEnv({ ML_PORT: "abc" })).toThrow(ConfigError);
    expect(() => configFromEnv({ ML_PORT: "abc" })).toThrow(/ML_PORT="abc"/);
    expect(() => configFromEnv({ ML_EXECUTION_PROVIDER: "gpu" })).toThrow(/ML_EXECUTION_PROVIDER/);
    expect(() => configFromEnv({ ML_MAX_BATCH: "0" })).toThrow(/ML_MAX_BATCH/);
    expect(() => resolveConfig(configFromEnv({ ML_MODELS: "a,b", ML_DEFAULT_MODEL: "c" }))).toThrow(/ML_DEFAULT_MODEL "c" must be one of ML_MODELS/);
  });
});
