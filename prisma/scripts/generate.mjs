// Runs `prisma generate` without Prisma's downloaded engines. The Rust-free client needs
// no schema engine to generate, but the CLI looks for (and tries to download) one unless
// PRISMA_SCHEMA_ENGINE_BINARY names a file; we point it at the schema itself, which the
// CLI never executes during `generate`.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const env = { ...process.env };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= join(root, "schema.prisma");
env.PRISMA_HIDE_UPDATE_MESSAGE = "1";
const result = spawnSync("prisma", ["generate"], { cwd: root, env, stdio: "inherit", shell: process.platform === "win32" });
process.exit(result.status ?? 1);
