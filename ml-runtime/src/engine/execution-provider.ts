import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { InferenceSession } from "onnxruntime-node";

export type ExecutionProviderPreference = "cpu" | "cuda" | "auto";
export type ExecutionProvider = "cpu" | "cuda";

export interface SessionSettings {
  executionProvider: ExecutionProviderPreference;
  /** Intra-op threads for each session. */
  threads: number;
}

export interface CreatedSession {
  session: InferenceSession;
  executionProvider: ExecutionProvider;
  /** Why CUDA was not used, when it was asked for. */
  fallbackReason?: string;
}

/**
 * onnxruntime-node loads its CUDA provider from a library that `npm ci` does not download here
 * (`onnxruntime-node-install=skip`). CUDA is only tried when that library is present, so a
 * CPU-only install does not print onnxruntime's load failure; the fallback reason says why.
 */
export function cudaLibraryPresent(): boolean {
  const entry = createRequire(import.meta.url).resolve("onnxruntime-node");
  const binDir = path.join(path.dirname(entry), "..", "bin", "napi-v6", process.platform, process.arch);
  return existsSync(path.join(binDir, "libonnxruntime_providers_cuda.so"));
}

export async function createSession(onnxPath: string, settings: SessionSettings): Promise<CreatedSession> {
  const options: InferenceSession.SessionOptions = {
    intraOpNumThreads: settings.threads,
    interOpNumThreads: 1,
    executionMode: "sequential",
    graphOptimizationLevel: "all",
    logSeverityLevel: 3,
  };
  let fallbackReason: string | undefined;
  if (settings.executionProvider !== "cpu") {
    if (!cudaLibraryPresent()) {
      fallbackReason =
        "onnxruntime-node's CUDA provider is not installed (npm ci ran with onnxruntime-node-install=skip; " +
        "a GPU install needs onnxruntime-node-install=cuda12)";
    } else {
      try {
        const session = await InferenceSession.create(onnxPath, { ...options, executionProviders: ["cuda", "cpu"] });
        return { session, executionProvider: "cuda" };
      } catch (err) {
        fallbackReason = `CUDA execution provider failed to start: ${(err as Error).message}`;
      }
    }
  }
  const session = await InferenceSession.create(onnxPath, { ...options, executionProviders: ["cpu"] });
  return { session, executionProvider: "cpu", fallbackReason };
}
