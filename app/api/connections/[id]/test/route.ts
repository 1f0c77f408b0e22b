import { getLocale } from "next-intl/server";
import { getDb } from "@/db/client";
import type { TestStreamEvent } from "@/lib/connections/types";
import { AppError, statusOf, toPublicError } from "@/lib/errors";
import { refuseCrossOrigin } from "@/lib/http/origin";
import { isLocale } from "@/lib/i18n/config";
import { UUID } from "@/lib/validation/uuid";
import { requireActor } from "@/server/auth/actor";
import { toConnectionDto } from "@/server/connections/dto";
import { clientIpOf } from "@/server/connections/request";
import { runConnectionTest } from "@/server/connections/run-test";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

function refuse(err: AppError): Response {
  const pub = toPublicError(err);
  return Response.json({ error: pub }, { status: statusOf(pub), headers: { "cache-control": "no-store" } });
}

/**
 * Runs the SIP test of one connection and streams it as NDJSON (one TestStreamEvent per line):
 * `started`, `step_start` as each step begins (with its time limit, for the progress display), a
 * `step` as each finishes (the engine's onStep), then `result` or `error`.
 */
export async function POST(req: Request, ctx: { params: Promise<{ id: string }> }): Promise<Response> {
  // CSRF: route handlers get no origin check from Next (proxy.ts checks too; this stays if a matcher changes).
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
  const requested = await getLocale();
  const locale = isLocale(requested) ? requested : "en";
  const db = await getDb();
  const clientIp = clientIpOf(req);
  const encoder = new TextEncoder();

  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      let open = true;
      const send = (e: TestStreamEvent) => {
        if (!open) return;
        try {
          controller.enqueue(encoder.encode(`${JSON.stringify(e)}\n`));
        } catch {
          open = false; // the browser went away; the test still finishes and is recorded
        }
      };
      try {
        const r = await runConnectionTest({
          db,
          actor,
          connectionId: id,
          clientIp,
          locale,
          signal: req.signal,
          onStarted: (s) =>
            send({ type: "started", testId: s.testId, credentialRevision: s.credentialRevision }),
          onStepStart: (name, limitMs) => send({ type: "step_start", name, limitMs }),
          onStep: (step) => send({ type: "step", step }),
        });
        send({
          type: "result",
          test: r.test,
          connection: toConnectionDto(r.connection),
          canActivate: r.canActivate,
        });
      } catch (err) {
        const pub = toPublicError(err);
        if (pub.code === "internal")
          console.error("[connections] test failed:", err instanceof Error ? err.message : err);
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
