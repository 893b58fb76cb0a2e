import { createHash } from "node:crypto";

// Fixed namespace for seed ids: a UUIDv5 of the same name is the same row on every run.
const SEED_NAMESPACE = Buffer.from("5b0a6c1e9d2f4e07a3c1b8d4f6e2a901", "hex");

/** RFC 4122 version-5 UUID of `name` in the seed namespace. */
export function seedId(name: string): string {
  const hash = createHash("sha1").update(SEED_NAMESPACE).update(name).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function contentHash(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** The seed's reference clock: every generated timestamp is an offset from it. */
export const SEED_EPOCH = Date.UTC(2025, 9, 1);
const DAY = 86_400_000;

export function daysBefore(days: number, rngFraction = 0): Date {
  return new Date(SEED_EPOCH - Math.round((days + rngFraction) * DAY));
}

export function dateOnly(d: Date): Date {
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
}
