import "reflect-metadata";
import { ArgsType, Directive, Field, Int, ObjectType, type ClassType } from "type-graphql";
import { z } from "zod";
import { badUserInput } from "./errors.js";

@Directive("@shareable")
@ObjectType()
export class PageInfo {
  @Field(() => String, { nullable: true })
  endCursor!: string | null;

  @Field(() => Boolean)
  hasNextPage!: boolean;
}

/**
 * The page type of a node type (`nodes` and `pageInfo`); name it by extending it:
 * `@ObjectType() export class TalentConnection extends connectionOf(Talent) {}`.
 */
export function connectionOf<Node extends object>(node: ClassType<Node>) {
  // Never named in the schema itself: type-graphql emits only the types resolvers reach.
  @ObjectType()
  abstract class Connection {
    @Field(() => [node])
    nodes!: Node[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;
  }
  return Connection;
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, { defaultValue: 20, description: "Page size, 1 to 100" })
  first!: number;

  @Field(() => String, { nullable: true, description: "endCursor of the previous page" })
  after?: string | null;
}

/** Keyset position: rows are ordered by (created_at DESC, id DESC). */
export interface Cursor {
  createdAt: Date;
  id: string;
}

const cursorSchema = z.object({ t: z.string().datetime(), id: z.string().uuid() });

export function encodeCursor(row: { createdAt: Date; id: string }): string {
  return Buffer.from(JSON.stringify({ t: row.createdAt.toISOString(), id: row.id })).toString("base64url");
}

export function decodeCursor(cursor: string): Cursor {
  try {
    const parsed = cursorSchema.parse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
    return { createdAt: new Date(parsed.t), id: parsed.id };
  } catch {
    throw badUserInput("after: not a cursor returned by this API", "after");
  }
}

export const MAX_PAGE_SIZE = 100;

/** Validates page arguments; returns how many rows to fetch (one extra tells hasNextPage). */
export function pageWindow(args: PageArgs): { take: number; cursor: Cursor | null } {
  if (!Number.isInteger(args.first) || args.first < 1 || args.first > MAX_PAGE_SIZE) {
    throw badUserInput(`first must be between 1 and ${MAX_PAGE_SIZE}`, "first");
  }
  return { take: args.first + 1, cursor: args.after ? decodeCursor(args.after) : null };
}

/** Turns take+1 rows into one page and its PageInfo. */
export function toPage<T extends { createdAt: Date; id: string }>(rows: T[], first: number): { nodes: T[]; pageInfo: PageInfo } {
  const nodes = rows.slice(0, first);
  const last = nodes.at(-1);
  return { nodes, pageInfo: { endCursor: last ? encodeCursor(last) : null, hasNextPage: rows.length > first } };
}

/** Prisma `where` fragment for keyset pagination on (createdAt DESC, id DESC). */
export function afterCursor(cursor: Cursor | null) {
  if (!cursor) return {};
  return {
    OR: [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { lt: cursor.id } }],
  };
}
export const pageOrder = [{ createdAt: "desc" as const }, { id: "desc" as const }];
