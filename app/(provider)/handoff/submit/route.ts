import { getLocale } from "next-intl/server";
import { z } from "zod";
import { getDb } from "@/db/client";
import { AppError, statusOf, toPublicError } from "@/lib/errors";
import type { HandoffRefusalCode, HandoffRefusedBody, HandoffStreamEvent } from "@/lib/handoff/types";
import { refuseCrossOrigin } from "@/lib/http/origin";
import { isLocale } from "@/lib/i18n/config";
import { clientIpOf } from "@/server/connections/request";
import { submitHandoff, testHandoff } from "@/server/handoff/service";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

const MAX_BODY = 16 * 1024;
const body = z.object({
  token: z.string().max(64),
  values: z.record(z.string(), z.unknown()),
});
const NO_STORE = { "cache-control": "no-store" };

function refuse(err: AppError): Response {
  const pub = toPublicError(err);
  return Response.json({ error: pub }, { status: statusOf(pub), headers: NO_STORE });
}

function refused(code: HandoffRefusalCode, retryAfterSeconds?: number): Response {
  const error =
    code === "rate_limited"
      ? toPublicError(new AppError("rate_limited", "handoff submit limited", { retryAfterSeconds }))
      : toPublicError(
          new AppError("not_found", `handoff link ${code}`, { userMessage: "This link no longer works." }),
        );
  const payload: HandoffRefusedBody = { error, refusal: code };
  return Response.json(payload, { status: code === "rate_limited" ? 429 : 410, headers: NO_STORE });
}

/**
 * The provider's submission: the token and the SIP account as JSON. Saves (using the link up),
 * then streams the test as NDJSON: `saved`, a `step` per finished step, then `result` or `error`.
 * The token travels in the body, not the URL, so it stays out of access logs for this request.
 */
export async function POST(req: Request): Promise<Response> {
  const cross = refuseCrossOrigin(req);
  if (cross) return cross;
  const text = await req.text();
  if (text.length > MAX_BODY) return refuse(new AppError("validation", "handoff body too large"));
  let input: z.infer<typeof body>;
  try {
    input = body.parse(JSON.parse(text));
  } catch {
    return refuse(new AppError("validation", "malformed handoff body"));
  }
  const db = await getDb();
  const clientIp = clientIpOf(req);
  let saved: Awaited<ReturnType<typeof submitHandoff>>;
  try {
    saved = await submitHandoff(db, { token: input.token, values: input.values, clientIp });
  } catch (err) {
    const pub = toPublicError(err);
    if (pub.code === "internal")
      console.error("[handoff] submit failed:", err instanceof Error ? err.message : err);
    return Response.json({ error: pub }, { status: statusOf(pub), headers: NO_STORE });
  }
  if (!saved.ok) return refused(saved.code, saved.retryAfterSeconds);

  const requested = await getLocale();
  const locale = isLocale(requested) ? requested : "en";
  const encoder = new TextEncoder();
  const link = saved.link;
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      let open = true;
      const send = (e: HandoffStreamEvent) => {
        if (!open) return;
        try {
          controller.enqueue(encoder.encode(`${JSON.stringify(e)}\n`));
        } catch {
          open = false; // the provider closed the page; the test still finishes and is recorded
        }
      };
      send({ type: "saved" });
      try {
        const { test, attemptsLeft } = await testHandoff(db, {
          link,
          clientIp,
          locale,
          signal: req.signal,
          onStep: (step) => send({ type: "step", step }),
        });
        send({ type: "result", test, attemptsLeft });
      } catch (err) {
        const pub = toPublicError(err);
        if (pub.code === "internal")
          console.error("[handoff] test failed:", err instanceof Error ? err.message : err);
        send({ type: "error", error: pub });
      }
      if (open) controller.close();
    },
  });
  return new Response(stream, {
    headers: {
      "content-type": "application/x-ndjson; charset=utf-8",
      "cache-control": "no-store",
      "x-accel-buffering": "no",
    },
  });
}
