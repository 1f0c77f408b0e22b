import { describe, expect, it } from "vitest";
import { availability, bucketize } from "./timeline";

describe("health timeline buckets", () => {
  const now = new Date("2026-12-02T12:00:00Z");
  const at = (minutesAgo: number, ok: boolean) => ({ at: new Date(+now - minutesAgo * 60_000), ok });

  it("counts checks into quarter hours over 24 h, oldest first, dropping older ones", () => {
    const b = bucketize([at(1, true), at(2, false), at(16, true), at(60 * 24 + 5, false)], "24h", now);
    expect(b).toHaveLength(96);
    expect(b[95]).toMatchObject({ ok: 1, failed: 1 });
    expect(b[94]).toMatchObject({ ok: 1, failed: 0 });
    expect(b.reduce((n, x) => n + x.ok + x.failed, 0)).toBe(3);
    expect(b[0]?.start.toISOString()).toBe("2026-12-01T12:00:00.000Z");
  });

  it("uses hours over 7 days", () => {
    const b = bucketize([at(30, true), at(90, false)], "7d", now);
    expect(b).toHaveLength(168);
    expect(b[167]).toMatchObject({ ok: 1, failed: 0 });
    expect(b[166]).toMatchObject({ ok: 0, failed: 1 });
  });

  it("availability is the share of passing checks", () => {
    expect(availability([])).toBeNull();
    expect(availability([at(1, true), at(2, true), at(3, false), at(4, true)])).toBe(0.75);
  });
});
