import { Cron } from "croner";
import { z } from "zod";
import type { Database } from "@matchgraph/db";
import type { JobRow, Logger } from "@matchgraph/subgraph-kit";
import type { MatchingConfig } from "../matching/config.js";

/**
 * Scheduled matching runs (daily / weekly full runs, frequent incremental ones) from cron
 * expressions in the matching config. Durable across restarts: every slot a schedule reaches is
 * written once to `matching_schedule_run` (primary key schedule + slot), so a slot runs at most
 * once whatever the number of processes or restarts, and a slot missed while the service was down
 * runs once when it comes back (only the latest missed slot: runs coalesce). One at a time: when a
 * matching run is already queued or running, the slot is recorded as skipped. Each run's report is
 * its job's result (see `matchingRuns`).
 */

export const MAX_SCHEDULES = 20;

/** A cron expression croner accepts (5 or 6 fields, or a nickname such as @daily), in an IANA time zone. */
function validCron(cron: string, timezone: string | undefined): string | null {
  try {
    new Cron(cron, { paused: true, timezone });
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

export const scheduleSchema = z
  .object({
    name: z.string().trim().min(1, "name must not be empty").max(64, "name must be at most 64 characters"),
    cron: z.string().trim().min(1, "cron must not be empty").max(120, "cron must be at most 120 characters"),
    mode: z.enum(["full", "incremental"]),
    timezone: z.string().max(64).optional(),
    /** When the schedule was saved as it is (set by updateMatchingConfig): no slot before it runs. */
    since: z.string().max(40).optional(),
  })
  .superRefine((s, ctx) => {
    const problem = validCron(s.cron, s.timezone);
    if (problem) ctx.addIssue({ code: "custom", message: `cron "${s.cron}" is not a valid cron expression: ${problem}`, path: ["cron"] });
  });

export const schedulesSchema = z
  .array(scheduleSchema)
  .max(MAX_SCHEDULES, `must list at most ${MAX_SCHEDULES} schedules`)
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    for (const s of list) {
      if (seen.has(s.name)) ctx.addIssue({ code: "custom", message: `schedule "${s.name}" is named twice` });
      seen.add(s.name);
    }
  });

export type MatchingSchedule = z.infer<typeof scheduleSchema>;

/**
 * The slot a schedule should run now: its latest cron time at or before `now`, when that is
 * after the schedule's last recorded slot and not before `since` (when the schedule was saved).
 */
export function dueSlot(schedule: Pick<MatchingSchedule, "cron" | "timezone">, now: Date, last: Date | null, since: Date): Date | null {
  const cron = new Cron(schedule.cron, { paused: true, timezone: schedule.timezone });
  const [latest] = cron.previousRuns(1, now);
  if (!latest || latest.getTime() > now.getTime()) return null;
  if (latest.getTime() < since.getTime()) return null;
  if (last && latest.getTime() <= last.getTime()) return null;
  return latest;
}

export interface ScheduleTickResult {
  schedule: string;
  slot: Date;
  jobId: string | null;
}

/**
 * Records and queues every due slot of the config's schedules. `enqueue` queues a matching job
 * of a mode (returns it); `pendingRuns` says whether a matching run is already queued or running.
 */
export async function runDueSchedules(
  db: Pick<Database, "prisma">,
  config: MatchingConfig,
  now: Date,
  enqueue: (mode: "full" | "incremental", payload: Record<string, unknown>) => Promise<JobRow>,
  pendingRuns: () => Promise<number>,
  log?: Pick<Logger, "info">,
): Promise<ScheduleTickResult[]> {
  const out: ScheduleTickResult[] = [];
  for (const schedule of config.options.schedules ?? []) {
    const since = schedule.since ? new Date(schedule.since) : new Date(0);
    const [last] = await db.prisma.$queryRaw<Array<{ slot: Date | null }>>`
      SELECT max(slot) AS slot FROM opportunities.matching_schedule_run WHERE schedule = ${schedule.name}`;
    const slot = dueSlot(schedule, now, last?.slot ?? null, since);
    if (!slot) continue;
    // Claim the slot first: only the process whose insert lands queues the run.
    const claimed = await db.prisma.$executeRaw`
      INSERT INTO opportunities.matching_schedule_run (schedule, slot, mode) VALUES (${schedule.name}, ${slot}, ${schedule.mode})
      ON CONFLICT (schedule, slot) DO NOTHING`;
    if (claimed === 0) continue;
    let jobId: string | null = null;
    if ((await pendingRuns()) === 0) {
      const job = await enqueue(schedule.mode, { schedule: schedule.name, slot: slot.toISOString() });
      jobId = job.id;
      await db.prisma.$executeRaw`
        UPDATE opportunities.matching_schedule_run SET job_id = ${jobId}::uuid WHERE schedule = ${schedule.name} AND slot = ${slot}`;
    }
    log?.info({ schedule: schedule.name, slot: slot.toISOString(), jobId }, jobId ? "scheduled matching run queued" : "scheduled matching run skipped: another run is pending");
    out.push({ schedule: schedule.name, slot, jobId });
  }
  return out;
}

/** Stamps `since` on schedules that are new or changed against `before` (kept on the unchanged ones). */
export function stampSchedules(before: readonly MatchingSchedule[], after: readonly MatchingSchedule[], now: Date): MatchingSchedule[] {
  return after.map((s) => {
    const old = before.find((b) => b.name === s.name);
    const same = old && old.cron === s.cron && old.mode === s.mode && (old.timezone ?? null) === (s.timezone ?? null);
    return { ...s, since: same ? (old.since ?? now.toISOString()) : now.toISOString() };
  });
}
