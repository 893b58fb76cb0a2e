import { Directive, Field, ID, InputType, Int, ObjectType } from "type-graphql";
import { connectionOf } from "@matchgraph/subgraph-kit";

@Directive(`@key(fields: "id")`)
@ObjectType({ description: "A document ingested into the knowledge base" })
export class KnowledgeSource {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  title!: string;

  @Field(() => String, { nullable: true, description: "Where the document came from, when known" })
  uri!: string | null;

  @Field(() => String, { description: '"text/plain" or "text/markdown"' })
  mimeType!: string;

  @Field(() => String, { description: "SHA-256 (hex) of the ingested text" })
  contentHash!: string;

  @Field(() => [String])
  tags!: string[];

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date)
  updatedAt!: Date;
}

@Directive(`@key(fields: "id")`)
@ObjectType({ description: "A passage of a source, embedded for search" })
export class KnowledgeChunk {
  @Field(() => ID)
  id!: string;

  /** Resolved to `source` through a DataLoader; not a GraphQL field. */
  sourceId!: string;

  @Field(() => Int, { description: "Position in the source, from 0" })
  ordinal!: number;

  @Field(() => String, { description: "Exactly the source text from charStart to charEnd" })
  text!: string;

  @Field(() => Int, { nullable: true, description: "Page number, for paged formats (null for text)" })
  page!: number | null;

  @Field(() => [String], { description: "Headings the passage sits under, outermost first" })
  headingPath!: string[];

  @Field(() => Int, { description: "Offset of the first character in the source text (UTF-16 code units)" })
  charStart!: number;

  @Field(() => Int, { description: "Offset just past the last character in the source text" })
  charEnd!: number;
}

@ObjectType()
export class KnowledgeSourceConnection extends connectionOf(KnowledgeSource) {}

@ObjectType({ description: "Chunks in document order" })
export class KnowledgeChunkConnection extends connectionOf(KnowledgeChunk) {}

@ObjectType({ description: "Where a passage comes from" })
export class Citation {
  @Field(() => ID)
  sourceId!: string;

  @Field(() => String)
  sourceTitle!: string;

  @Field(() => String, { nullable: true })
  sourceUri!: string | null;

  @Field(() => Int, { nullable: true })
  page!: number | null;

  @Field(() => [String])
  headingPath!: string[];

  @Field(() => Int)
  charStart!: number;

  @Field(() => Int)
  charEnd!: number;
}

@InputType()
export class IngestTextInput {
  @Field(() => String)
  title!: string;

  @Field(() => String, { description: "At most 1,000,000 characters" })
  text!: string;

  @Field(() => String, { description: '"text/plain" or "text/markdown"' })
  mimeType!: string;

  @Field(() => String, { nullable: true, description: "Identifies the document across re-ingestions (else its title does)" })
  uri?: string | null;

  @Field(() => [String], { nullable: true })
  tags?: string[] | null;
}
