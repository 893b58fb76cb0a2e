import fc from "fast-check";
import { Supergraph } from "@apollo/federation-internals";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DOCUMENTED_CODES, hostileRequests, rootFieldNames, sendHostile } from "../src/hostile.js";
import { signToken, startTestPlatform, type TestPlatform } from "../src/harness.js";

// Fixed by default so CI is repeatable; FUZZ_SEED=random (or a number) explores further.
const seed = process.env.FUZZ_SEED === "random" ? Date.now() : Number(process.env.FUZZ_SEED ?? 20261202);
const runs = Number(process.env.FUZZ_RUNS ?? 300);

describe("schema-driven fuzzing through the gateway (pglite)", () => {
  let t: TestPlatform;
  let tokens: Array<string | null>;

  beforeAll(async () => {
    t = await startTestPlatform("pglite");
    tokens = [null, t.writer, await signToken(["reader"], "fuzz-reader"), await signToken(["admin"], "fuzz-admin")];
  });
  afterAll(async () => t?.close());

  it(`answers ${runs} hostile requests (seed ${seed}) with documented codes, never a 5xx or INTERNAL_SERVER_ERROR`, async () => {
    const schema = Supergraph.build(t.platform.supergraphSdl).apiSchema().toGraphQLJSSchema();
    const seen = new Set<string>();
    await fc.assert(
      fc.asyncProperty(hostileRequests(schema), fc.nat(tokens.length - 1), async (request, tokenIndex) => {
        seen.add(request.kind.split(":").slice(0, 2).join(":"));
        const outcome = await sendHostile(t.platform.url, request, tokens[tokenIndex]!);
        expect(outcome.status, request.kind).toBeLessThan(500);
        expect(outcome.codes.filter((c) => !DOCUMENTED_CODES.has(c)), request.kind).toEqual([]);
      }),
      { numRuns: runs, seed, endOnFailure: true },
    );
    // The generator reaches most of the schema in a run of this size.
    const covered = rootFieldNames(schema).filter((name) => [...seen].some((k) => k.endsWith(`:${name}`)));
    expect(covered.length / rootFieldNames(schema).length).toBeGreaterThan(0.8);
    // The platform still answers ordinary requests afterwards.
    const health = await t.gql(`{ opportunities(first: 1) { nodes { id } } }`);
    expect(health.errors).toBeUndefined();
  });
});
