import { existsSync, readFileSync, rmSync } from "node:fs";
import { relative } from "node:path";
import { fileURLToPath } from "node:url";
import { generate } from "@graphql-codegen/cli";
import type { CodegenConfig } from "@graphql-codegen/cli";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const OUT = "src/gql/";

const config: CodegenConfig = {
  schema: "schema.graphql",
  documents: ["src/**/*.{ts,tsx}", "!src/gql/**"],
  ignoreNoDocuments: false,
  silent: true,
  generates: {
    [OUT]: {
      preset: "client",
      presetConfig: { fragmentMasking: false },
      config: { useTypeImports: true, enumsAsTypes: true, scalars: { DateTime: "string", JSON: "unknown" } },
    },
  },
};

interface Output { filename: string; content: string }

async function outputs(): Promise<Output[]> {
  return (await generate({ ...config, cwd: ROOT }, false)) as Output[];
}

/** Writes src/gql/ afresh; returns the files written. */
export async function generateOperations(): Promise<string[]> {
  rmSync(`${ROOT}/${OUT}`, { recursive: true, force: true });
  await generate({ ...config, cwd: ROOT }, true);
  return (await outputs()).map((o) => o.filename);
}

/** The generated files that differ from what codegen would write now. */
export async function staleOperations(): Promise<string[]> {
  return (await outputs())
    .filter((o) => {
      const path = o.filename.startsWith("/") ? o.filename : `${ROOT}/${o.filename}`;
      return !existsSync(path) || readFileSync(path, "utf8") !== o.content;
    })
    .map((o) => `console/${relative(ROOT, o.filename.startsWith("/") ? o.filename : `${ROOT}/${o.filename}`)}`);
}
