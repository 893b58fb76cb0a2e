import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { packageRoot, repoRoot } from "../paths.js";

/**
 * The project-managed Python for training: a venv under `<repo>/.cache/ml-training-venv` with the
 * pinned packages of `ml-runtime/scripts/training-requirements.txt`, made on first use (about a
 * minute; pip needs the package index then) and made again when that file changes. `ML_TRAINING_PYTHON`
 * names a ready Python instead (it must import lightgbm, onnxmltools and numpy). Python runs
 * training and conversion only, never a request.
 */

export const scriptsDir = path.join(packageRoot, "scripts");
export const requirementsFile = path.join(scriptsDir, "training-requirements.txt");
export const defaultVenvDir = path.join(repoRoot, ".cache", "ml-training-venv");
const IMPORT_CHECK = "import lightgbm, onnxmltools, numpy, onnx";

/** Python or its venv cannot be had; the message says what was tried and what to do. */
export class TrainingEnvironmentError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "TrainingEnvironmentError";
  }
}

export interface TrainingPythonOptions {
  /** The interpreter that makes the venv (default: $PYTHON or python3). */
  basePython?: string;
  /** Where the venv lives (default `<repo>/.cache/ml-training-venv`). */
  venvDir?: string;
  /** A ready interpreter (default: $ML_TRAINING_PYTHON); no venv is made. */
  python?: string;
  log?: (message: string) => void;
}

export interface RunResult {
  code: number;
  output: string;
}

/** Runs a command, collecting stdout and stderr together; a command that cannot start resolves with code -1. */
export function run(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; signal?: AbortSignal } = {}): Promise<RunResult> {
  return new Promise((resolve) => {
    let output = "";
    let child;
    try {
      child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ["ignore", "pipe", "pipe"], signal: options.signal });
    } catch (err) {
      resolve({ code: -1, output: (err as Error).message });
      return;
    }
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    child.on("error", (err) => resolve({ code: -1, output: output + err.message }));
    child.on("close", (code) => resolve({ code: code ?? -1, output }));
  });
}

/** The last meaningful lines of a command's output (pip's ignored-location warnings dropped). */
export function tail(output: string, lines = 6): string {
  return output
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && !/^WARNING: Location 'file:/.test(l))
    .slice(-lines)
    .join(" | ");
}

let ensuring: Map<string, Promise<string>> = new Map();

/** The training interpreter, making the venv when it is missing or out of date. */
export function ensureTrainingPython(options: TrainingPythonOptions = {}): Promise<string> {
  const given = options.python ?? process.env.ML_TRAINING_PYTHON;
  const venvDir = options.venvDir ?? defaultVenvDir;
  const key = given ? `python:${given}` : `venv:${venvDir}`;
  let pending = ensuring.get(key);
  if (!pending) {
    pending = (given ? checkGiven(given) : ensureVenv(venvDir, options)).finally(() => ensuring.delete(key));
    ensuring.set(key, pending);
  }
  return pending;
}

/** For tests: forget interpreters being prepared. */
export function resetTrainingPythonCache(): void {
  ensuring = new Map();
}

async function checkGiven(python: string): Promise<string> {
  const r = await run(python, ["-c", IMPORT_CHECK]);
  if (r.code !== 0) {
    throw new TrainingEnvironmentError(
      `ML_TRAINING_PYTHON=${python} cannot train: ${r.code === -1 ? "it cannot be run" : "it lacks the training packages"} (${tail(r.output, 2)}). ` +
        `Install ml-runtime/scripts/training-requirements.txt into it, or unset ML_TRAINING_PYTHON to let the project make its own venv.`,
    );
  }
  return python;
}

async function ensureVenv(venvDir: string, options: TrainingPythonOptions): Promise<string> {
  const log = options.log ?? (() => {});
  const requirements = await readFile(requirementsFile, "utf8");
  const wanted = createHash("sha256").update(requirements).digest("hex");
  const python = path.join(venvDir, "bin", "python");
  const stampFile = path.join(venvDir, "requirements.sha256");
  const stamp = existsSync(stampFile) ? (await readFile(stampFile, "utf8")).trim() : "";
  if (stamp === wanted && existsSync(python)) return python;

  // One maker at a time across processes: a lock folder (mkdir is atomic), broken after 15 minutes.
  await mkdir(path.dirname(venvDir), { recursive: true });
  const lock = `${venvDir}.lock`;
  for (let waited = 0; ; waited += 500) {
    try {
      await mkdir(lock);
      break;
    } catch {
      const age = await stat(lock).then((s) => Date.now() - s.mtimeMs).catch(() => 0);
      if (age > 15 * 60_000) await rm(lock, { recursive: true, force: true });
      else if (waited % 30_000 === 0) log(`waiting for another process making ${path.relative(repoRoot, venvDir)} ...`);
      await new Promise((r) => setTimeout(r, 500));
      const again = existsSync(stampFile) ? (await readFile(stampFile, "utf8")).trim() : "";
      if (again === wanted && existsSync(python)) return python;
    }
  }
  try {
    const basePython = options.basePython ?? process.env.PYTHON ?? "python3";
    const version = await run(basePython, ["-c", "import sys, venv; print('%d.%d' % sys.version_info[:2])"]);
    if (version.code !== 0) {
      throw new TrainingEnvironmentError(
        `Training needs Python 3 with venv, and "${basePython}" ${version.code === -1 ? "cannot be run" : "failed"} (${tail(version.output, 2) || "no output"}). ` +
          `Install Python 3.10+ (Debian: apt-get install python3 python3-venv), set PYTHON to it, or set ML_TRAINING_PYTHON to a Python that has the packages of ml-runtime/scripts/training-requirements.txt.`,
      );
    }
    log(`making the training venv ${path.relative(repoRoot, venvDir)} (Python ${version.output.trim()}; lightgbm, onnxmltools; about a minute) ...`);
    await rm(venvDir, { recursive: true, force: true });
    const made = await run(basePython, ["-m", "venv", venvDir]);
    if (made.code !== 0) {
      throw new TrainingEnvironmentError(`"${basePython} -m venv ${venvDir}" failed: ${tail(made.output)}. On Debian install python3-venv; or set ML_TRAINING_PYTHON.`);
    }
    const installed = await run(python, ["-m", "pip", "install", "--disable-pip-version-check", "--no-input", "--quiet", "-r", requirementsFile]);
    if (installed.code !== 0) {
      throw new TrainingEnvironmentError(
        `pip could not install the training packages (ml-runtime/scripts/training-requirements.txt) into ${venvDir}: ${tail(installed.output)}. ` +
          `The package index must be reachable the first time; or set ML_TRAINING_PYTHON to a Python that has them.`,
      );
    }
    const check = await run(python, ["-c", IMPORT_CHECK]);
    if (check.code !== 0) throw new TrainingEnvironmentError(`the training venv ${venvDir} cannot import its packages: ${tail(check.output)}`);
    await writeFile(stampFile, `${wanted}\n`);
    log("training venv ready");
    return python;
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}

/** Runs one of ml-runtime/scripts/*.py with the training Python; throws with its output's tail on failure. */
export async function runTrainingScript(script: string, args: string[], options: TrainingPythonOptions & { signal?: AbortSignal } = {}): Promise<string> {
  const python = await ensureTrainingPython(options);
  // At most two OpenMP threads (LightGBM is deterministic with deterministic=true whatever the count): fair to the other services on a small machine.
  const env = { ...process.env, OMP_NUM_THREADS: process.env.OMP_NUM_THREADS ?? "2", PYTHONHASHSEED: "0" };
  const r = await run(python, [path.join(scriptsDir, script), ...args], { env, signal: options.signal });
  if (r.code !== 0) throw new Error(`${script} failed (exit ${r.code}): ${tail(r.output, 8)}`);
  return r.output;
}
