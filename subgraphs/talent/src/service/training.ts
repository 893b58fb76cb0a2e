import { Prisma, type Database } from "@matchgraph/db";
import { listModelVersions, type TabularDataset, type TrainableModel } from "@matchgraph/ml-runtime/training";
import { badUserInput, createContext, createJobQueue, createTrainingJob, type ClaimedJobRow, type JobContext, type SubgraphContext, type SubgraphServices } from "@matchgraph/subgraph-kit";
import { countFeedbackPairs, feedbackPairs, jobProfile, talentProfile, type FeedbackType } from "../db/matching.js";
import { FEATURES, pairFeatures } from "../matching/features.js";
import { generateWorld } from "../matching/synthetic.js";
import { assertAdmin } from "./access.js";
import { matchCache, MODEL_NAME, publishMatchesChanged } from "./matching.js";

/**
 * Training `talent-match` (seed 9.x, 14.4). The first version learns from the synthetic world
 * (80/20 split by talent). Later versions learn from the same synthetic world plus every pair people
 * gave feedback on, labelled from that feedback (feedbackLabel). With at least
 * MIN_HELD_OUT_FEEDBACK such pairs the synthetic rows are train-only, so the held-out rows are
 * feedback pairs of held-out talents that no version has trained on, and the pipeline's gate
 * (NDCG@10 per held-out talent) activates the new version only if it ranks people's choices better
 * than the active one on them. Feedback rows weigh so that all feedback together counts half as
 * much as the synthetic world (at least 1, at most 50 each).
 */
export const MIN_FEEDBACK_SAMPLES = 100;
export const MIN_HELD_OUT_FEEDBACK = 50;
export const SYNTHETIC_SEED = 11;
export const feedbackWeight = (syntheticRows: number, feedbackRows: number) => Math.min(50, Math.max(1, syntheticRows / (2 * Math.max(1, feedbackRows))));
export const WEEK_MS = 7 * 24 * 3_600_000;
export const TRAINING_PARAMS = { num_leaves: 15, max_depth: 5, learning_rate: 0.2, min_data_in_leaf: 20, feature_fraction: 0.9 };
export const TRAINING_ROUNDS = 60;

/** The label a pair's feedback stands for (0-100): a recruiter's decision outweighs the talent's. */
export function feedbackLabel(types: readonly FeedbackType[]): number {
  if (types.includes("REJECTED")) return 5;
  if (types.includes("CONTACTED")) return 90;
  if (types.includes("DISMISSED")) return 15;
  return 75; // APPLIED
}

export interface TalentDatasetOptions {
  /** Seed of the synthetic world (default SYNTHETIC_SEED). */
  seed?: number;
  talents?: number;
  jobs?: number;
}

export async function talentMatchDataset(db: Database, log: (message: string) => void, options: TalentDatasetOptions = {}): Promise<TabularDataset> {
  const seed = options.seed ?? SYNTHETIC_SEED;
  const world = generateWorld({ seed, talents: options.talents, jobs: options.jobs });
  const feedback = await feedbackPairs(db);
  const heldOutFeedback = feedback.length >= MIN_HELD_OUT_FEEDBACK;
  const weight = feedbackWeight(world.pairs.length, feedback.length);
  const rows: Array<Array<number | null>> = world.pairs.map((p) => p.features.values);
  const labels: number[] = world.pairs.map((p) => p.label);
  const groups: string[] = world.pairs.map((p) => `syn-${seed}-${p.talent}`);
  const weights: number[] = world.pairs.map(() => 1);
  const trainOnly: boolean[] = world.pairs.map(() => heldOutFeedback);
  for (const pair of feedback) {
    rows.push(pairFeatures(talentProfile(pair.talent), jobProfile(pair.job), pair.similarity).values);
    labels.push(feedbackLabel(pair.types));
    groups.push(`talent-${pair.talent.id}`);
    weights.push(weight);
    trainOnly.push(false);
  }
  log(`talent-match dataset: ${world.pairs.length} synthetic pairs (seed ${seed}, ${world.talents.length} talents, ${world.jobs.length} jobs) + ${feedback.length} pairs with feedback`);
  return {
    model: MODEL_NAME,
    objective: "regression",
    features: FEATURES.map((f) => ({ name: f.name, description: f.description })),
    rows,
    labels,
    groups,
    weights,
    trainOnly,
    source: `synthetic world seed ${seed} (${world.pairs.length} pairs) + ${feedback.length} feedback pairs`,
    seed,
    params: TRAINING_PARAMS,
    numBoostRound: TRAINING_ROUNDS,
    ndcgAt: 10,
    notes: { syntheticSeed: seed, feedbackPairs: feedback.length, feedbackWeight: weight, heldOut: heldOutFeedback ? "feedback pairs of held-out talents" : "synthetic and feedback pairs of held-out talents" },
  };
}

export const talentModels: TrainableModel[] = [
  {
    name: MODEL_NAME,
    description: "Talent ↔ job match score 0-100 (LightGBM regression over 18 features); synthetic world + match feedback.",
    dataset: ({ db, log }) => talentMatchDataset(db, log),
  },
];

export const TRAINING_PROGRESS = "talent.trainingProgress";
export const jobQueue = createJobQueue({ name: "talent", table: Prisma.sql`talent.background_job`, topic: TRAINING_PROGRESS });
export const talentTraining = createTrainingJob({ queue: jobQueue, models: talentModels });
const TRAINING_QUEUED = "talent.trainingQueued";

/** trainTalentModel(force): admins only; at least MIN_FEEDBACK_SAMPLES pairs with feedback once a version is active, unless forced. */
export async function enqueueTraining(ctx: SubgraphContext, force: boolean) {
  assertAdmin(ctx);
  if (!force) {
    const versions = await listModelVersions(ctx.db, MODEL_NAME);
    const samples = await countFeedbackPairs(ctx.db);
    if (versions.some((v) => v.active) && samples < MIN_FEEDBACK_SAMPLES) {
      throw badUserInput(`retraining needs at least ${MIN_FEEDBACK_SAMPLES} pairs with feedback (there are ${samples}); force trains anyway`, "force");
    }
  }
  const job = await talentTraining.enqueue(ctx, { model: MODEL_NAME, force, reason: force ? "trainTalentModel(force: true)" : "trainTalentModel" });
  ctx.pubSub.publish(TRAINING_QUEUED, { id: job.id });
  return job;
}

/** The subgraph's worker: training jobs, the weekly schedule, and cache invalidation from other replicas. */
export async function startTalentWorker(services: SubgraphServices): Promise<() => Promise<void>> {
  if (services.db.kind === "pglite") await jobQueue.recoverInterrupted(services.db);
  const worker = jobQueue.createWorker({
    db: services.db,
    log: services.log,
    pubSub: services.pubSub,
    leaseMs: 10 * 60_000,
    handler: async (job: ClaimedJobRow, jobCtx: JobContext) => {
      if (!talentTraining.owns(job)) throw new Error(`unknown talent job kind ${job.kind}`);
      const outcome = await talentTraining.handle(services, job, jobCtx);
      if ((outcome.result as { activated?: boolean } | undefined)?.activated) {
        const { ctx } = createContext(services, `training-${job.id}`, null);
        publishMatchesChanged(ctx, { kind: "model", id: null });
      }
      return outcome;
    },
  });
  const queued = services.pubSub.subscribe(TRAINING_QUEUED);
  void (async () => {
    for await (const _event of queued) worker.wake();
  })().catch((err: unknown) => services.log.error({ err }, "training wake-up subscription failed; the worker still polls"));
  const unfollow = matchCache.follow(services.pubSub, services.log);
  try {
    // Weekly retraining of a model that exists; the first version is trained on purpose
    // (`npm run train -- talent-match` or trainTalentModel), not by every fresh database.
    if ((await listModelVersions(services.db, MODEL_NAME)).length > 0) {
      await talentTraining.schedule(services.db, { model: MODEL_NAME, everyMs: WEEK_MS, reason: "weekly retraining" });
    }
  } catch (err) {
    services.log.warn({ err }, "could not schedule the weekly talent-match retraining");
  }
  worker.start();
  return async () => {
    await queued.return();
    unfollow();
    await worker.stop();
  };
}
