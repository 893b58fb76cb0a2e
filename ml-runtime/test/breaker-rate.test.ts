import { describe, expect, it } from "vitest";
import { CircuitBreaker, type CircuitChange } from "../src/client/index.js";

class Refused extends Error {}

const ok = () => Promise.resolve("ok");
const boom = () => Promise.reject(new Error("boom"));
const isFailure = (err: unknown) => !(err instanceof Refused);

async function settle(p: Promise<unknown>): Promise<"ok" | "failed" | "refused"> {
  try {
    await p;
    return "ok";
  } catch (err) {
    return err instanceof Refused ? "refused" : "failed";
  }
}

describe("CircuitBreaker with a failure-rate policy", () => {
  it("opens at 20% failures once the window holds the minimum number of calls, not before", async () => {
    const changes: CircuitChange[] = [];
    const breaker = new CircuitBreaker("test", {
      rate: { failureRate: 0.2, minimumCalls: 10, windowSize: 10 },
      cooldownMs: 60_000,
      openError: () => new Refused("open"),
      onStateChange: (c) => changes.push(c),
    });
    // 2 failures in the first 2 calls: 100%, but fewer than 10 calls, so it stays closed.
    await settle(breaker.run(boom, isFailure));
    await settle(breaker.run(boom, isFailure));
    for (let i = 0; i < 7; i++) await settle(breaker.run(ok, isFailure));
    expect(breaker.snapshot()).toMatchObject({ state: "closed", windowCalls: 9, windowFailures: 2 });
    // The 10th call fails: 3 of 10 = 30% >= 20%.
    await settle(breaker.run(boom, isFailure));
    expect(breaker.snapshot().state).toBe("open");
    expect(await settle(breaker.run(ok, isFailure))).toBe("refused");
    expect(changes.map((c) => c.to)).toEqual(["open"]);
  });

  it("stays closed below the rate (1 failure in 10 calls is 10%)", async () => {
    const breaker = new CircuitBreaker("test", { rate: { failureRate: 0.2, minimumCalls: 10, windowSize: 10 }, openError: () => new Refused("open") });
    await settle(breaker.run(boom, isFailure));
    for (let i = 0; i < 20; i++) await settle(breaker.run(ok, isFailure));
    await settle(breaker.run(boom, isFailure));
    expect(breaker.snapshot()).toMatchObject({ state: "closed", windowCalls: 10, windowFailures: 1 });
  });

  it("lets one probe through after the cool-down: success closes it with a fresh window, failure opens it again", async () => {
    const changes: string[] = [];
    const breaker = new CircuitBreaker("test", {
      rate: { failureRate: 0.2, minimumCalls: 2 },
      cooldownMs: 0,
      openError: () => new Refused("open"),
      onStateChange: (c) => changes.push(c.to),
    });
    await settle(breaker.run(boom, isFailure));
    await settle(breaker.run(boom, isFailure));
    expect(breaker.snapshot().state).toBe("open");
    // cool-down 0: the next call is the probe; it fails, the circuit opens again.
    expect(await settle(breaker.run(boom, isFailure))).toBe("failed");
    expect(breaker.snapshot().state).toBe("open");
    // The next probe succeeds: closed, with an empty window.
    let release!: () => void;
    const probe = breaker.run(() => new Promise<string>((resolve) => (release = () => resolve("ok"))), isFailure);
    expect(breaker.snapshot().state).toBe("half-open");
    // While the probe is on its way, other calls are refused.
    expect(await settle(breaker.run(ok, isFailure))).toBe("refused");
    release();
    await probe;
    expect(breaker.snapshot()).toMatchObject({ state: "closed", windowCalls: 0 });
    expect(changes).toEqual(["open", "half-open", "open", "half-open", "closed"]);
  });
});
