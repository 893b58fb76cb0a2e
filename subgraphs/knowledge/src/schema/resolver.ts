import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, Subscription, Directive } from "type-graphql";
import { PageArgs, notFound, pageWindow, requireRole, toPage, type SubgraphContext, COST } from "@matchgraph/subgraph-kit";
import { SOURCE_INGESTED, type SourceIngestedEvent } from "../service/ingest.js";
import {
  chunkCountLoader,
  getSource,
  ingestText,
  listChunks,
  listSources,
  removeSource,
  sourceLoader,
} from "../service/knowledge.js";
import {
  IngestTextInput,
  KnowledgeChunk,
  KnowledgeChunkConnection,
  KnowledgeSource,
  KnowledgeSourceConnection,
} from "./types.js";

@Resolver(() => KnowledgeSource)
export class KnowledgeSourceResolver {
  @Query(() => KnowledgeSource, { nullable: true })
  async knowledgeSource(@Arg("id", () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<KnowledgeSource | null> {
    return getSource(ctx, id);
  }

  @Query(() => KnowledgeSourceConnection, { description: "Newest first, cursor-paginated" })
  async knowledgeSources(
    @Args(() => PageArgs) page: PageArgs,
    @Arg("tag", () => String, { nullable: true }) tag: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<KnowledgeSourceConnection> {
    const { take, cursor } = pageWindow(page);
    return toPage(await listSources(ctx, take, cursor, tag), page.first);
  }

  @FieldResolver(() => Int, { description: "How many chunks the source was split into" })
  async chunkCount(@Root() source: KnowledgeSource, @Ctx() ctx: SubgraphContext): Promise<number> {
    return chunkCountLoader(ctx).load(source.id);
  }

  @FieldResolver(() => KnowledgeChunkConnection, { description: "The source's chunks in document order, cursor-paginated" })
  async chunks(@Root() source: KnowledgeSource, @Args(() => PageArgs) page: PageArgs, @Ctx() ctx: SubgraphContext): Promise<KnowledgeChunkConnection> {
    return listChunks(ctx, source.id, page);
  }

  @Directive(COST.embeddingWrite)
  @Mutation(() => KnowledgeSource, {
    description: "Chunks, embeds and stores a text; the same content under the same uri (or title) is not ingested twice",
  })
  async ingestText(@Arg("input", () => IngestTextInput) input: IngestTextInput, @Ctx() ctx: SubgraphContext): Promise<KnowledgeSource> {
    requireRole(ctx);
    return ingestText(ctx, input);
  }

  @Mutation(() => Boolean, { description: "Deletes a source and its chunks; false when no source has the id" })
  async deleteKnowledgeSource(@Arg("id", () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<boolean> {
    requireRole(ctx);
    return removeSource(ctx, id);
  }

  @Subscription(() => KnowledgeSource, { topics: SOURCE_INGESTED, description: "A source was ingested or re-ingested with new content" })
  async knowledgeSourceIngested(@Root() event: SourceIngestedEvent, @Ctx() ctx: SubgraphContext): Promise<KnowledgeSource> {
    const row = await getSource(ctx, event.id);
    if (!row) throw notFound("KnowledgeSource", event.id);
    return row;
  }
}

@Resolver(() => KnowledgeChunk)
export class KnowledgeChunkResolver {
  @FieldResolver(() => KnowledgeSource)
  async source(@Root() chunk: KnowledgeChunk, @Ctx() ctx: SubgraphContext): Promise<KnowledgeSource> {
    const row = await sourceLoader(ctx).load(chunk.sourceId);
    if (!row) throw notFound("KnowledgeSource", chunk.sourceId);
    return row;
  }
}
