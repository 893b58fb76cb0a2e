import { Arg, Ctx, Field, FieldResolver, ID, Int, ObjectType, Query, Resolver, Root, Directive } from "type-graphql";
import { COST, type SubgraphContext } from "@matchgraph/subgraph-kit";
import { searchConcepts, topConceptsLoader } from "../service/concepts.js";
import { KnowledgeSource } from "./types.js";

@ObjectType({ description: "A key phrase extracted from the knowledge base (RAKE), linked to the chunks it occurs in" })
export class Concept {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: "Normalised phrase (lower case), unique" })
  name!: string;

  @Field(() => String, { description: "The phrase as first seen in a text" })
  display!: string;

  @Field(() => Int, { description: "How many chunks it is linked to" })
  docFreq!: number;
}

@Resolver(() => Concept)
export class ConceptResolver {
  @Directive(COST.scan)
  @Query(() => [Concept], { description: "Concepts whose name, or a word in it, starts with the query; most frequent first" })
  async concepts(
    @Arg("query", () => String) query: string,
    @Arg("first", () => Int, { defaultValue: 20 }) first: number,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Concept[]> {
    return searchConcepts(ctx, { query, first });
  }
}

/** Adds `topConcepts` to KnowledgeSource (its other fields live in resolver.ts). */
@Resolver(() => KnowledgeSource)
export class KnowledgeSourceConceptsResolver {
  @FieldResolver(() => [Concept], { description: "The source's strongest concepts: the sum of their weights over its chunks" })
  async topConcepts(
    @Root() source: KnowledgeSource,
    @Arg("first", () => Int, { defaultValue: 10 }) first: number,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Concept[]> {
    return topConceptsLoader(ctx, first).load(source.id);
  }
}
