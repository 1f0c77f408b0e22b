import { NextResponse } from "next/server";

export const dynamic = "force-dynamic";

/** Liveness for load balancers and the test harness: answers once the server is up. */
export function GET() {
  return NextResponse.json({ ok: true }, { headers: { "cache-control": "no-store" } });
}
