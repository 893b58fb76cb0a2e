import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { EmbeddingResponse, ErrorResponse, HealthResponse } from "../src/api-types.js";
import { cudaLibraryPresent } from "../src/engine/execution-provider.js";
import { packageRoot } from "../src/paths.js";
import { ModelNotFoundError, loadRegistry, startMlRuntime } from "../src/index.js";
import { USE, captureLogs, modelDirs, postJson } from "./helpers.js";

const tmp = mkdtempSync(path.join(tmpdir(), "ml-lifecycle-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Runs `tsx src/server/main.ts` with extra env; resolves with its exit code and stderr. */
function runMain(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "src/server/main.ts"], {
      cwd: packageRoot,
      env: { ...process.env, LOG_LEVEL: "silent", ...env },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("exit", (code) => resolve({ code, stderr }));
  });
}

describe("start-up and shutdown", () => {
  it("answers loading (503) while models load, then ok", async () => {
    const port = await freePort();
    const { logger } = captureLogs("silent");
    const starting = startMlRuntime({ port, models: [USE], modelDirs, logger, readEnv: false });
    let health: Response | undefined;
    while (!health) health = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined);
    expect(health.status).toBe(503);
    expect(((await health.json()) as HealthResponse).status).toBe("loading");
    const refused = await postJson(`http://127.0.0.1:${port}/v1/embeddings`, { input: "too early" });
    expect(refused.status).toBe(503);
    expect(((await refused.json()) as ErrorResponse).error.code).toBe("model_not_ready");
    const runtime = await starting;
    expect(((await (await fetch(`${runtime.url}/healthz`)).json()) as HealthResponse).status).toBe("ok");
    await runtime.close();
  });

  it("finishes in-flight requests on close, then refuses connections", async () => {
    const { logger } = captureLogs("silent");
    const runtime = await startMlRuntime({ port: 0, models: [USE], modelDirs, logger, readEnv: false });
    const input = Array.from({ length: 1500 }, (_, i) => `sentence number ${i} about ${"various things ".repeat(i % 9)}`);
    const inFlight = postJson(`${runtime.url}/v1/embeddings`, { input }).then(async (res) => ({
      status: res.status,
      body: (await res.json()) as EmbeddingResponse,
    }));
    // Give the request time to reach the server; the assertions hold however far it got.
    await new Promise((resolve) => setTimeout(resolve, 50));
    await runtime.close();
    const { status, body } = await inFlight;
    expect(status).toBe(200);
    expect(body.data).toHaveLength(1500);
    await expect(fetch(`${runtime.url}/healthz`)).rejects.toThrow();
    await expect(runtime.embed(["after close"])).rejects.toThrow(/shutting down/);
  });

  it("falls back to CPU when CUDA is asked for but not installed, and says so", async (ctx) => {
    if (cudaLibraryPresent()) return ctx.skip("onnxruntime-node's CUDA provider is installed here");
    const { logger, lines } = captureLogs("info");
    const runtime = await startMlRuntime({ port: 0, models: [USE], modelDirs, logger, readEnv: false, executionProvider: "cuda" });
    try {
      expect(runtime.models[0].executionProvider).toBe("cpu");
      const health = (await (await fetch(`${runtime.url}/healthz`)).json()) as HealthResponse;
      expect(health.models[0].executionProvider).toBe("cpu");
      expect(lines.find((l) => l.msg === "CUDA requested; running on CPU")).toMatchObject({ model: USE, reason: expect.stringMatching(/CUDA/) });
    } finally {
      await runtime.close();
    }
  });

  it("rejects with the searched paths when a model is missing", async () => {
    const promise = startMlRuntime({ port: 0, models: ["bge-m3"], modelDirs: [path.join(tmp, "nowhere")], readEnv: false, logLevel: "silent" });
    await expect(promise).rejects.toBeInstanceOf(ModelNotFoundError);
    await expect(promise).rejects.toThrow(path.join(tmp, "nowhere", "bge-m3", "onnx", "model.onnx"));
  });
});

describe("src/server/main.ts", () => {
  it("stops on a bad variable, naming it", async () => {
    const { code, stderr } = await runMain({ ML_PORT: "not-a-port" });
    expect(code).toBe(1);
    expect(stderr).toContain('ML_PORT="not-a-port"');
  });

  it("stops when the model is missing, listing where it looked", async () => {
    const registryFile = path.join(tmp, "models.json");
    writeFileSync(registryFile, JSON.stringify({ "absent-model": { ...loadRegistry()[USE], dir: "absent-model" } }));
    const { code, stderr } = await runMain({ ML_REGISTRY: registryFile, ML_MODELS: "absent-model", ML_MODEL_DIR: path.join(tmp, "models") });
    expect(code).toBe(1);
    expect(stderr).toContain(path.join(tmp, "models", "absent-model", "model.onnx"));
    expect(stderr).toContain("npm run models:fetch");
  });
});
