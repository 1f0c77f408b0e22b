import { getLocale } from "next-intl/server";
import { z } from "zod";
import { getDb } from "@/db/client";
import { type CallStreamEvent, type CallSummaryDto, testCallRequest } from "@/lib/calls/types";
import { AppError, statusOf, toPublicError } from "@/lib/errors";
import { refuseCrossOrigin } from "@/lib/http/origin";
import { isLocale } from "@/lib/i18n/config";
import { UUID } from "@/lib/validation/uuid";
import { callAdviceFor } from "@/lib/verdicts/call-codes";
import { requireActor } from "@/server/auth/actor";
import { runTestCall } from "@/server/calls/run-call";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";
// An inbound test call waits up to TEST_CALL_WAIT_S (2 minutes) for the customer's call.
export const maxDuration = 300;

function refuse(err: AppError): Response {
  const pub = toPublicError(err);
  return Response.json({ error: pub }, { status: statusOf(pub), headers: { "cache-control": "no-store" } });
}

const MAX_BODY = 2048;

/**
 * Runs a test call of one connection and streams it as NDJSON (one CallStreamEvent per line):
 * `started`, a `status` at each change (waiting → ringing → answered → hearing_you → done), then
 * `result` or `error`. Closing the page cancels the wait.
 */
export async function POST(req: Request, ctx: { params: Promise<{ id: string }> }): Promise<Response> {
  const crossOrigin = refuseCrossOrigin(req);
  if (crossOrigin) return crossOrigin;
  const { id } = await ctx.params;
  if (!UUID.test(id)) return refuse(new AppError("not_found", "malformed connection id"));
  let actor: Awaited<ReturnType<typeof requireActor>>;
  try {
    actor = await requireActor();
  } catch (err) {
    return refuse(
      err instanceof AppError ? err : new AppError("internal", "actor lookup failed", { cause: err }),
    );
  }
  const text = await req.text();
  let raw: unknown = null;
  try {
    raw = text.length <= MAX_BODY ? JSON.parse(text) : null;
  } catch {
    raw = null;
  }
  const parsed = testCallRequest.safeParse(raw);
  if (!parsed.success) {
    const fieldErrors = z.flattenError(parsed.error).fieldErrors as Record<string, string[]>;
    return refuse(new AppError("validation", "bad test call request", { fieldErrors }));
  }
  const requested = await getLocale();
  const locale = isLocale(requested) ? requested : "en";
  const db = await getDb();
  const encoder = new TextEncoder();

  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      let open = true;
      const send = (e: CallStreamEvent) => {
        if (!open) return;
        try {
          controller.enqueue(encoder.encode(`${JSON.stringify(e)}\n`));
        } catch {
          open = false;
        }
      };
      try {
        const r: CallSummaryDto = await runTestCall({
          db,
          actor,
          connectionId: id,
          request: parsed.data,
          signal: req.signal,
          onStarted: (s) => send({ type: "started", callId: s.callId, waitS: s.waitS }),
          onStatus: (status) => send({ type: "status", status }),
        });
        const advice = {
          call: callAdviceFor(r.call.outcome, locale, r.facts),
          transfer: r.call.transfer ? callAdviceFor(r.call.transfer.outcome, locale, r.facts) : null,
        };
        send({ type: "result", result: { ...r, advice } });
      } catch (err) {
        const pub = toPublicError(err);
        if (pub.code === "internal")
          console.error("[calls] test call failed:", err instanceof Error ? err.message : err);
        send({ type: "error", error: pub });
      }
      if (open) controller.close();
    },
  });
  return new Response(body, {
    headers: {
      "content-type": "application/x-ndjson; charset=utf-8",
      "cache-control": "no-store",
      "x-accel-buffering": "no",
    },
  });
}
