import { Arg, Ctx, Field, Float, ID, InputType, Int, ObjectType, Query, Resolver, registerEnumType, Directive } from "type-graphql";
import { COST, type SubgraphContext } from "@matchgraph/subgraph-kit";
import { searchChunks, type SearchMode as ServiceSearchMode } from "../service/search.js";
import { Citation, KnowledgeChunk } from "./types.js";

// Values equal the names: the federated schema is rebuilt from SDL, where an enum's internal value is its name.
export enum SearchMode {
  LEXICAL = "LEXICAL",
  VECTOR = "VECTOR",
  HYBRID = "HYBRID",
}

registerEnumType(SearchMode, {
  name: "SearchMode",
  description: "How searchKnowledge ranks chunks",
  valuesConfig: {
    LEXICAL: { description: "PostgreSQL full-text search (websearch_to_tsquery, ts_rank_cd); headings weigh more than text" },
    VECTOR: { description: "Cosine similarity of embeddings (pgvector HNSW)" },
    HYBRID: { description: "Reciprocal-rank fusion (k = 60) of the lexical and vector rankings" },
  },
});

@InputType({ description: "Restricts a search to some sources; all given conditions must hold" })
export class KnowledgeSearchFilters {
  @Field(() => [ID], { nullable: true, description: "Only these sources" })
  sourceIds?: string[] | null;

  @Field(() => [String], { nullable: true, description: "Only sources carrying at least one of these tags" })
  tags?: string[] | null;

  @Field(() => Date, { nullable: true, description: "Only sources created at or after this time" })
  createdAfter?: Date | null;

  @Field(() => Date, { nullable: true, description: "Only sources created before this time" })
  createdBefore?: Date | null;

  @Field(() => String, { nullable: true, description: 'Collection searched (default "default", user content)' })
  collection?: string | null;
}

@ObjectType({ description: "A chunk matching a search, its score, ranks and citation" })
export class KnowledgeHit {
  @Field(() => KnowledgeChunk)
  chunk!: KnowledgeChunk;

  @Field(() => Float, { description: "HYBRID: reciprocal-rank-fusion score; LEXICAL: ts_rank_cd; VECTOR: cosine similarity" })
  score!: number;

  @Field(() => Int, { nullable: true, description: "1-based rank among the lexical candidates; null when not among them" })
  lexicalRank!: number | null;

  @Field(() => Int, { nullable: true, description: "1-based rank among the vector candidates; null when not among them" })
  vectorRank!: number | null;

  @Field(() => Citation)
  citation!: Citation;

  @Field(() => String, { description: "The chunk text around the best matching query words (at most 300 characters)" })
  snippet!: string;

  @Field(() => String, { description: "The snippet as HTML: escaped, query words wrapped in <mark>…</mark>" })
  highlight!: string;
}

@Resolver()
export class KnowledgeSearchResolver {
  @Directive(COST.embeddingSearch)
  @Query(() => [KnowledgeHit], {
    description: "Chunks matching the query (lexical, vector or hybrid), with citations and highlighted snippets",
  })
  async searchKnowledge(
    @Arg("query", () => String) query: string,
    @Arg("k", () => Int, { defaultValue: 10 }) k: number,
    @Arg("mode", () => SearchMode, { defaultValue: SearchMode.HYBRID }) mode: SearchMode,
    @Arg("filters", () => KnowledgeSearchFilters, { nullable: true }) filters: KnowledgeSearchFilters | null,
    @Arg("diversity", () => Float, { nullable: true, description: "MMR λ in 0..1 (1 = relevance only); absent: no MMR" })
    diversity: number | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<KnowledgeHit[]> {
    const hits = await searchChunks(ctx, { query, k, mode: String(mode).toLowerCase() as ServiceSearchMode, filters: filters ? { ...filters } : null, diversity });
    return hits.map(({ chunk, source, score, lexicalRank, vectorRank, snippet, highlight }) => ({
      chunk,
      score,
      lexicalRank,
      vectorRank,
      snippet,
      highlight,
      citation: {
        sourceId: source.id,
        sourceTitle: source.title,
        sourceUri: source.uri,
        page: chunk.page,
        headingPath: chunk.headingPath,
        charStart: chunk.charStart,
        charEnd: chunk.charEnd,
      },
    }));
  }
}
