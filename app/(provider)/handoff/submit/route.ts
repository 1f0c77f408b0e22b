import { z } from "zod";
import { AppError, toPublicError } from "@/lib/errors";
import type { HandoffRefusalCode, HandoffRefusedBody, HandoffStreamEvent } from "@/lib/handoff/types";
import { submitHandoff, testHandoff } from "@/server/handoff/service";
import { ndjsonResponse, runRoute } from "@/server/http/entry";
import { clientIpOf } from "@/server/http/request";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

const MAX_BODY = 16 * 1024;
const body = z.object({
  token: z.string().max(64),
  values: z.record(z.string(), z.unknown()),
});

function refused(code: HandoffRefusalCode, retryAfterSeconds?: number): Response {
  const error =
    code === "rate_limited"
      ? toPublicError(new AppError("rate_limited", "handoff submit limited", { retryAfterSeconds }))
      : toPublicError(
          new AppError("not_found", `handoff link ${code}`, { userMessage: "This link no longer works." }),
        );
  const payload: HandoffRefusedBody = { error, refusal: code };
  return Response.json(payload, {
    status: code === "rate_limited" ? 429 : 410,
    headers: { "cache-control": "no-store" },
  });
}

/** The body as JSON, refused before parsing when it is larger than any SIP account form. */
async function readBody(req: Request): Promise<unknown> {
  const text = await req.text();
  if (text.length > MAX_BODY) throw new AppError("validation", "handoff body too large");
  return JSON.parse(text);
}

/**
 * The provider's submission: the token and the SIP account as JSON. Saves (taking one of the
 * link's attempts), then streams the test as NDJSON: `saved`, a `step` per finished step, then
 * `result` (with the attempts left) or `error`.
 * The token travels in the body, not the URL, so it stays out of access logs for this request.
 */
export async function POST(req: Request): Promise<Response> {
  const scope = "handoff";
  return runRoute(
    req,
    { scope, schema: body, read: () => readBody(req), caller: "public" },
    async ({ db, input, locale }) => {
      const clientIp = clientIpOf(req);
      const saved = await submitHandoff(db, { token: input.token, values: input.values, clientIp });
      if (!saved.ok) return refused(saved.code, saved.retryAfterSeconds);
      const link = saved.link;
      return ndjsonResponse<HandoffStreamEvent>(
        scope,
        async (send) => {
          send({ type: "saved" });
          const { test, attemptsLeft } = await testHandoff(db, {
            link,
            clientIp,
            locale,
            signal: req.signal,
            onStep: (step) => send({ type: "step", step }),
          });
          send({ type: "result", test, attemptsLeft });
        },
        (error) => ({ type: "error", error }),
      );
    },
  );
}
