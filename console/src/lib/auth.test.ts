import { describe, expect, it } from "vitest";
import { capabilities, forgetViewer, loadViewer, saveViewer, TokenError, viewerFromToken, type SessionStore } from "./auth.js";

const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");
const jwt = (claims: object) => `${b64({ alg: "HS256" })}.${b64(claims)}.sig`;
const NOW = 1_800_000_000_000;

function memoryStore(): SessionStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v), removeItem: (k) => void data.delete(k) };
}

describe("auth state", () => {
  it("reads user and roles from a JWT, with or without 'Bearer '", () => {
    const token = jwt({ sub: "ana", roles: "reader writer", exp: NOW / 1000 + 60 });
    expect(viewerFromToken(`Bearer ${token}`, NOW)).toEqual({ userId: "ana", roles: ["reader", "writer"], token, expiresAt: NOW + 60_000 });
  });

  it("refuses expired, subject-less and malformed tokens with a reason", () => {
    expect(() => viewerFromToken(jwt({ sub: "a", exp: NOW / 1000 - 1 }), NOW)).toThrow(/expired/);
    expect(() => viewerFromToken(jwt({ exp: NOW / 1000 + 60 }), NOW)).toThrow(/no user/);
    expect(() => viewerFromToken(jwt({ sub: "a" }), NOW)).toThrow(/no expiry/);
    expect(() => viewerFromToken("nonsense", NOW)).toThrow(TokenError);
  });

  it("keeps the session in the store it is given, and drops an expired token", () => {
    const store = memoryStore();
    const token = jwt({ sub: "ana", roles: ["admin"], exp: NOW / 1000 + 60 });
    saveViewer(store, viewerFromToken(token, NOW));
    expect(loadViewer(store, { authMode: "jwt", anonymousRead: true }, NOW)?.roles).toEqual(["admin"]);
    expect(loadViewer(store, { authMode: "jwt", anonymousRead: true }, NOW + 120_000)).toBeNull();
    forgetViewer(store);
    expect(store.data.size).toBe(0);
  });

  it("embedded sign-in never gains roles the gateway does not give", () => {
    const store = memoryStore();
    saveViewer(store, { userId: "local", roles: ["reader", "admin"] });
    expect(loadViewer(store, { authMode: "none", userId: "local", roles: ["reader", "writer"] })?.roles).toEqual(["reader"]);
  });

  it("offers by role what the subgraphs allow", () => {
    expect(capabilities(["reader"])).toMatchObject({ read: true, write: false, admin: false });
    expect(capabilities(["writer"])).toMatchObject({ read: true, write: true, admin: false });
    expect(capabilities(["admin"])).toMatchObject({ write: true, admin: true, recruiterFeedback: ["CONTACTED", "REJECTED"] });
    expect(capabilities(["talent"]).talentFeedback).toEqual(["APPLIED", "DISMISSED"]);
    expect(capabilities([])).toMatchObject({ read: false, write: false });
  });
});
