import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ConfigError, parseEnv, port } from "../src/config.js";

describe("parseEnv", () => {
  const schema = z.object({ PORT: port(4000), SECRET: z.string().min(32, "must be at least 32 characters") });

  it("applies defaults and treats empty variables as unset", () => {
    expect(parseEnv(schema, { PORT: "", SECRET: "k".repeat(32) })).toEqual({ PORT: 4000, SECRET: "k".repeat(32) });
  });

  it("names every bad variable in one error", () => {
    expect(() => parseEnv(schema, { PORT: "70000", SECRET: "short" })).toThrowError(ConfigError);
    try {
      parseEnv(schema, { PORT: "70000", SECRET: "short" });
    } catch (err) {
      expect((err as Error).message).toMatch(/PORT:/);
      expect((err as Error).message).toMatch(/SECRET: must be at least 32 characters/);
    }
  });
});
