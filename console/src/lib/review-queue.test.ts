import { describe, expect, it } from "vitest";
import { emptyReviewQueue, reviewQueueReducer, type QueuedPair } from "./review-queue.js";

const pair = (id: string, company = `Co ${id}`): QueuedPair => ({ id, apn: { companyName: company } });

describe("review queue state", () => {
  it("takes a decided pair out once, whoever decided it, and says so", () => {
    let s = reviewQueueReducer(emptyReviewQueue(), { type: "loaded", pairs: [pair("a", "Acme"), pair("b")] });
    s = reviewQueueReducer(s, { type: "decided", id: "a", status: "CONFIRMED", reviewer: "alice" });
    expect(s.queue.map((p) => p.id)).toEqual(["b"]);
    expect(s.decided).toEqual([{ id: "a", status: "CONFIRMED", reviewer: "alice", company: "Acme" }]);
    expect(s.announcement).toBe("Acme: confirmed by alice");
    // The event after this reviewer's own mutation changes nothing.
    expect(reviewQueueReducer(s, { type: "decided", id: "a", status: "CONFIRMED", reviewer: "alice" })).toBe(s);
  });

  it("adds queued pairs at the end, refreshes known ones, never brings a decided one back", () => {
    let s = reviewQueueReducer(emptyReviewQueue(), { type: "loaded", pairs: [pair("a")] });
    s = reviewQueueReducer(s, { type: "queued", pair: pair("b") });
    s = reviewQueueReducer(s, { type: "queued", pair: pair("a", "Renamed") });
    expect(s.queue).toEqual([pair("a", "Renamed"), pair("b")]);
    s = reviewQueueReducer(s, { type: "decided", id: "b", status: "REJECTED", reviewer: null });
    expect(reviewQueueReducer(s, { type: "queued", pair: pair("b") }).queue.map((p) => p.id)).toEqual(["a"]);
    // A reload that answered before the decision reached the server keeps it out too.
    expect(reviewQueueReducer(s, { type: "loaded", pairs: [pair("a"), pair("b")] }).queue.map((p) => p.id)).toEqual(["a"]);
  });
});
