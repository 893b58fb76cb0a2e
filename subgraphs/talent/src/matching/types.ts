/** Plain profiles the matching code works on (no GraphQL, no database types). */

export const LEVELS = ["junior", "mid", "senior", "lead", "principal"] as const;
export type Level = (typeof LEVELS)[number];
export const REMOTE_MODES = ["onsite", "hybrid", "remote"] as const;
export type RemoteMode = (typeof REMOTE_MODES)[number];

export interface TalentSkill {
  name: string;
  /** 1 (beginner) to 5 (expert); null when not given. */
  proficiency: number | null;
  /** Years of use; null when not given. */
  years: number | null;
}

export interface JobSkill {
  name: string;
  /** Least proficiency (1-5) the job asks for; null when not given. */
  minProficiency: number | null;
}

export interface TalentProfile {
  id: string;
  skills: TalentSkill[];
  level: Level | null;
  years: number | null;
  latitude: number | null;
  longitude: number | null;
  remote: RemoteMode | null;
  /** Hours from UTC. */
  timezone: number | null;
  salaryMin: number | null;
  salaryMax: number | null;
  currency: string | null;
}

export interface JobProfile {
  id: string;
  required: JobSkill[];
  nice: JobSkill[];
  level: Level | null;
  minYears: number | null;
  latitude: number | null;
  longitude: number | null;
  remote: RemoteMode | null;
  /** Accepted UTC offsets of the team's working hours. */
  timezoneMin: number | null;
  timezoneMax: number | null;
  salaryMin: number | null;
  salaryMax: number | null;
  currency: string | null;
}

export const levelOrdinal = (level: Level | null): number | null => (level === null ? null : LEVELS.indexOf(level) + 1);

export const asLevel = (value: unknown): Level | null => (typeof value === "string" && (LEVELS as readonly string[]).includes(value) ? (value as Level) : null);
export const asRemote = (value: unknown): RemoteMode | null => (typeof value === "string" && (REMOTE_MODES as readonly string[]).includes(value) ? (value as RemoteMode) : null);
