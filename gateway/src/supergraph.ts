import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { composeServices } from "@apollo/composition";
import { printSubgraphSchema } from "@apollo/subgraph";
import { parse } from "graphql";
import { createInProcessPubSub, type SubgraphDefinition } from "@matchgraph/subgraph-kit";
import { SUBGRAPH_FACTORIES } from "./subgraph-modules.js";
import { defaultUrl, SUBGRAPH_NAMES } from "./subgraphs.js";

export const SUPERGRAPH_PATH = join(dirname(fileURLToPath(import.meta.url)), "..", "supergraph.graphql");

/** Composes subgraph schemas into a supergraph SDL with @apollo/composition; throws with every composition error. */
export function composeSupergraph(subgraphs: Array<{ def: SubgraphDefinition; url: string }>): string {
  const result = composeServices(
    subgraphs.map(({ def, url }) => ({ name: def.name, url, typeDefs: parse(printSubgraphSchema(def.schema)) })),
  );
  if (result.errors) throw new Error(`Supergraph composition failed:\n${result.errors.map((e) => `  ${e.message}`).join("\n")}`);
  return result.supergraphSdl;
}

/** The supergraph as the code defines it, with the distributed topology's default URLs. */
export async function composeFromCode(): Promise<string> {
  const pubSub = createInProcessPubSub();
  const defs = await Promise.all(SUBGRAPH_NAMES.map(async (name) => ({ def: await SUBGRAPH_FACTORIES[name](pubSub), url: defaultUrl(name) })));
  return composeSupergraph(defs);
}

export function readCommittedSupergraph(path = SUPERGRAPH_PATH): string {
  return readFileSync(path, "utf8");
}
