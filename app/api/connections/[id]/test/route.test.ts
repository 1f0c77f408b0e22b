import { randomUUID } from "node:crypto";
import { describe, expect, it, vi } from "vitest";

// The origin check comes first: a refused request never reaches the session or the database.
const reached = vi.hoisted(() => ({ actor: 0, db: 0 }));
vi.mock("@/server/auth/actor", async () => {
  const { AppError } = await import("@/lib/errors");
  return {
    requireActor: async () => {
      reached.actor++;
      throw new AppError("unauthenticated", "no session in this test");
    },
  };
});
vi.mock("@/db/client", () => ({
  getDb: async () => {
    reached.db++;
    throw new Error("must not be reached");
  },
}));

const { POST } = await import("./route");

const post = (headers: Record<string, string>) => {
  const id = randomUUID();
  const req = new Request(`http://localhost:3000/api/connections/${id}/test`, {
    method: "POST",
    headers: { host: "localhost:3000", ...headers },
  });
  return POST(req, { params: Promise.resolve({ id }) });
};

describe("POST /api/connections/[id]/test origin check (lib/http/origin.ts)", () => {
  it.each([
    ["missing Origin", {}],
    ["Origin: null", { origin: "null" }],
    ["a foreign origin", { origin: "https://evil.example" }],
    ["cross-site fetch metadata", { origin: "http://localhost:3000", "sec-fetch-site": "cross-site" }],
  ])("refuses %s with 403 bad_origin", async (_name, headers) => {
    const res = await post(headers);
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: { code: "bad_origin" } });
    expect(reached).toEqual({ actor: 0, db: 0 });
  });

  it("lets this site's origin through to the session check", async () => {
    const res = await post({ origin: "http://localhost:3000" });
    expect(res.status).toBe(401);
    expect(reached).toEqual({ actor: 1, db: 0 });
  });
});
