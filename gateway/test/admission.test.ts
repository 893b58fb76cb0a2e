import { Supergraph } from "@apollo/federation-internals";
import { getOperationAST, parse } from "graphql";
import { describe, expect, it } from "vitest";
import { createAdmission, RequestRefused, type QueryLimits } from "../src/admission.js";
import { costTableFromSupergraph, operationCost } from "../src/cost.js";
import { readCommittedSupergraph } from "../src/supergraph.js";

const sdl = readCommittedSupergraph();
const schema = Supergraph.build(sdl).apiSchema().toGraphQLJSSchema();
const table = costTableFromSupergraph(sdl);
const limits: QueryLimits = { maxBytes: 64 * 1024, maxTokens: 2000, maxDepth: 8, maxAliases: 20, maxDirectives: 20, maxCost: 5000 };
const cost = (query: string, variables: Record<string, unknown> = {}) => {
  const document = parse(query);
  return operationCost(schema, table, document, getOperationAST(document)!, variables);
};
const refusal = (query: string, request: Record<string, unknown> = {}, transport: "http" | "ws" = "http") => {
  try {
    createAdmission(schema, table, limits).admit({ query, ...request }, transport);
  } catch (err) {
    if (err instanceof RequestRefused) return err.errors.map((e) => e.extensions.code);
    throw err;
  }
  return [];
};

describe("declared costs", () => {
  it("reads each subgraph's @cost from the supergraph", () => {
    expect(table.get("Query.searchLeads")).toEqual({ weight: 100 });
    expect(table.get("Query.matchJobs")).toEqual({ weight: 50 });
    expect(table.get("Mutation.importOpportunities")).toEqual({ weight: 500 });
    expect(table.get("Query.opportunities")).toBeUndefined();
  });

  it("adds weights and multiplies selections by first / k, from literals, variables or defaults", () => {
    expect(cost(`{ __typename }`)).toBe(1);
    // opportunities 1 + 10 × (nodes 1 + 10 × ... no: nodes is a list under the sliced field) = 1 + 10 × (1 + 2)
    expect(cost(`{ opportunities(first: 10) { nodes { id title } } }`)).toBe(1 + 10 * (1 + 2));
    expect(cost(`query ($n: Int!) { opportunities(first: $n) { nodes { id } } }`, { n: 5 })).toBe(1 + 5 * 2);
    expect(cost(`{ opportunities { nodes { id } } }`)).toBe(1 + 20 * 2);
    expect(cost(`{ searchLeads(prompt: "crm", k: 3) { score } }`)).toBe(100 + 3 * 1);
    expect(cost(`mutation { runMatching { id } }`)).toBe(500 + 1);
    expect(cost(`mutation { confirmMatch(id: "x") { id } }`)).toBe(10 + 1);
  });

  it("costs a fragment once however often it is spread, so a fragment bomb is a big number found at once", () => {
    const bomb = `query { ...F0 } ${Array.from({ length: 60 }, (_, i) => `fragment F${i} on Query { __typename ${i < 59 ? `...F${i + 1} ...F${i + 1}` : ""} }`).join(" ")}`;
    expect(cost(bomb)).toBe(2 ** 60 - 1);
    expect(cost(`query { ...A ...A } fragment A on Query { opportunities(first: 2) { nodes { id } } }`)).toBe(2 * (1 + 2 * 2));
  });
});

describe("admission", () => {
  it("admits ordinary operations", () => {
    expect(refusal(`query Q { opportunities(first: 5) { nodes { id } } }`, { operationName: "Q" })).toEqual([]);
    expect(refusal(`subscription { opportunityUpserted { id } }`, {}, "ws")).toEqual([]);
  });

  it("refuses each kind of hostile document with its own code", () => {
    expect(refusal("x".repeat(70_000))).toEqual(["MAX_QUERY_SIZE_LIMIT"]);
    expect(refusal(`{ ${"__typename ".repeat(3000)} }`)).toEqual(["MAX_TOKENS_LIMIT"]);
    expect(refusal(`{ opportunities( }`)).toEqual(["GRAPHQL_PARSE_FAILED"]);
    expect(refusal(`{ nope }`)).toEqual(["GRAPHQL_VALIDATION_FAILED"]);
    expect(refusal(`query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }`)).toEqual(["GRAPHQL_VALIDATION_FAILED"]);
    expect(refusal(`{ ${Array.from({ length: 21 }, (_, i) => `a${i}: matchingConfig { version }`).join(" ")} }`)).toContain("MAX_ALIASES_LIMIT");
    expect(refusal(`{ __typename ${"@include(if: true) ".repeat(21)}}`)).toContain("MAX_DIRECTIVES_LIMIT");
    expect(refusal(`{ searchKnowledge(query: "x", k: 1) { chunk { source { chunks(first: 1) { nodes { source { chunks(first: 1) { nodes { id } } } } } } } } }`)).toEqual(["MAX_DEPTH_LIMIT"]);
    expect(refusal(`{ a: matches(first: 1000) { nodes { id status score } } b: matches(first: 1000) { nodes { id } } }`)).toEqual(["COST_ESTIMATED_TOO_EXPENSIVE"]);
    expect(refusal(`query A { __typename } query B { __typename }`, { operationName: "C" })).toEqual(["OPERATION_RESOLUTION_FAILURE"]);
    expect(refusal(`query A { __typename } query B { __typename }`)).toEqual(["OPERATION_RESOLUTION_FAILURE"]);
    expect(refusal(`subscription { opportunityUpserted { id } }`)).toEqual(["BAD_REQUEST"]);
    expect(refusal("", {})).toEqual(["BAD_REQUEST"]);
    expect(refusal(`{ __typename }`, { operationName: 7 })).toEqual(["BAD_REQUEST"]);
  });

  it("caches a document's analysis: the second admission of a refused document refuses the same way", () => {
    const admission = createAdmission(schema, table, limits);
    const query = `query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }`;
    for (let i = 0; i < 2; i++) expect(() => admission.admit({ query }, "http")).toThrow(RequestRefused);
  });
});
