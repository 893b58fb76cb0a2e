import "reflect-metadata";
import { describe, expect, it } from "vitest";
import { GraphQLError, printType, type GraphQLObjectType } from "graphql";
import { Field, ID, ObjectType, Query, Resolver, buildSchema } from "type-graphql";
import { connectionOf, decodeCursor, encodeCursor, pageWindow, toPage } from "../src/pagination.js";

@ObjectType()
class Widget {
  @Field(() => ID)
  id!: string;
}

@ObjectType()
class Gadget {
  @Field(() => ID)
  id!: string;
}

@ObjectType({ description: "Widgets, newest first" })
class WidgetConnection extends connectionOf(Widget) {}

@ObjectType()
class GadgetConnection extends connectionOf(Gadget) {}

@Resolver()
class PageResolver {
  @Query(() => WidgetConnection)
  widgets(): WidgetConnection {
    return { nodes: [], pageInfo: { endCursor: null, hasNextPage: false } };
  }

  @Query(() => GadgetConnection)
  gadgets(): GadgetConnection {
    return { nodes: [], pageInfo: { endCursor: null, hasNextPage: false } };
  }
}

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

describe("connectionOf", () => {
  it("gives each node type its own named page type and emits no shared base type", async () => {
    const schema = await buildSchema({ resolvers: [PageResolver], validate: false });
    expect(printType(schema.getType("WidgetConnection") as GraphQLObjectType)).toBe(
      '"""Widgets, newest first"""\ntype WidgetConnection {\n  nodes: [Widget!]!\n  pageInfo: PageInfo!\n}',
    );
    expect(printType(schema.getType("GadgetConnection") as GraphQLObjectType)).toBe("type GadgetConnection {\n  nodes: [Gadget!]!\n  pageInfo: PageInfo!\n}");
    expect(schema.getType("Connection")).toBeUndefined();
  });
});
