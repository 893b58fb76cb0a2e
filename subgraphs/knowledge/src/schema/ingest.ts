import { Arg, Ctx, Field, InputType, Mutation, Resolver, Directive } from "type-graphql";
import { requireRole, type SubgraphContext, COST } from "@matchgraph/subgraph-kit";
import { enqueueDocument } from "../service/ingestion-jobs.js";
import { IngestionJob, toIngestionJob } from "./jobs.js";

@InputType({ description: "A document to ingest: its bytes (base64) or its text, exactly one" })
export class IngestDocumentInput {
  @Field(() => String, { nullable: true, description: "Base64 of the file: PDF, DOCX, HTML, Markdown or text, at most 20 MiB" })
  contentBase64?: string | null;

  @Field(() => String, { nullable: true, description: "The document as text (Markdown, HTML or plain text)" })
  text?: string | null;

  @Field(() => String, { nullable: true, description: "File name; its extension helps detect the type" })
  filename?: string | null;

  @Field(() => String, { nullable: true, description: "Declared type; must agree with the content" })
  mimeType?: string | null;

  @Field(() => String, { nullable: true, description: "Defaults to the document's own title" })
  title?: string | null;

  @Field(() => String, { nullable: true, description: "Identifies the document across re-ingestions (else its title does)" })
  uri?: string | null;

  @Field(() => [String], { nullable: true })
  tags?: string[] | null;
}

@Resolver()
export class IngestDocumentResolver {
  @Directive(COST.job)
  @Mutation(() => IngestionJob, {
    description:
      "Queues a document for ingestion as a durable job (parse, chunk, embed, store); follow it with ingestionProgress(jobId). A file that cannot be read is refused at once and nothing is stored.",
  })
  async ingestDocument(@Arg("input", () => IngestDocumentInput) input: IngestDocumentInput, @Ctx() ctx: SubgraphContext): Promise<IngestionJob> {
    requireRole(ctx);
    return toIngestionJob(await enqueueDocument(ctx, input));
  }
}
