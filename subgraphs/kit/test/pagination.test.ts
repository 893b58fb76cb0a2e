import { describe, expect, it } from "vitest";
import { GraphQLError } from "graphql";
import { decodeCursor, encodeCursor, pageWindow, toPage } from "../src/pagination.js";

const row = (i: number) => ({ id: `00000000-0000-4000-8000-00000000000${i}`, createdAt: new Date(Date.UTC(2026, 0, i)) });

describe("cursor pagination", () => {
  it("encodes and decodes a keyset position", () => {
    expect(decodeCursor(encodeCursor(row(3)))).toEqual(row(3));
  });

  it("asks for one extra row and reports hasNextPage from it", () => {
    expect(pageWindow({ first: 2, after: null })).toEqual({ take: 3, cursor: null });
    const page = toPage([row(3), row(2), row(1)], 2);
    expect(page.nodes).toEqual([row(3), row(2)]);
    expect(page.pageInfo).toEqual({ endCursor: encodeCursor(row(2)), hasNextPage: true });
    expect(toPage([row(1)], 2).pageInfo.hasNextPage).toBe(false);
  });

  it("refuses bad page sizes and foreign cursors with BAD_USER_INPUT", () => {
    for (const first of [0, 101, 1.5]) {
      expect(() => pageWindow({ first, after: null })).toThrowError(GraphQLError);
    }
    try {
      decodeCursor("bm90LWEtY3Vyc29y");
      expect.unreachable();
    } catch (err) {
      expect((err as GraphQLError).extensions.code).toBe("BAD_USER_INPUT");
    }
  });
});
