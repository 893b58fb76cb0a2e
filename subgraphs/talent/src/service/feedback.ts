import { z } from "zod";
import { notFound, parseInput, uuid, type SubgraphContext } from "@matchgraph/subgraph-kit";
import { FEEDBACK_TYPES, insertFeedback, jobForMatching, talentForMatching } from "../db/matching.js";
import { assertMayGiveFeedback } from "./access.js";

const feedbackInput = z.object({ talentId: uuid("talentId"), jobId: uuid("jobId"), type: z.enum(FEEDBACK_TYPES) });

/** recordMatchFeedback: idempotent per (talent, job, type); who may say what is in access.ts. */
export async function recordFeedback(ctx: SubgraphContext, input: { talentId: unknown; jobId: unknown; type: unknown }) {
  const { talentId, jobId, type } = parseInput(feedbackInput, input);
  const [talent, job] = await Promise.all([talentForMatching(ctx.db, talentId), jobForMatching(ctx.db, jobId)]);
  if (!talent) throw notFound("Talent", talentId);
  if (!job) throw notFound("Job", jobId);
  const viewer = assertMayGiveFeedback(ctx, talent, job, type);
  const saved = await insertFeedback(ctx.db, { talentId, jobId, type, userId: viewer.userId });
  return { id: saved.id, talentId, jobId, type, created: saved.created, createdAt: saved.createdAt };
}
