import { z } from "zod";
import { type CallStreamEvent, testCallRequest } from "@/lib/calls/types";
import { AppError } from "@/lib/errors";
import { UUID } from "@/lib/validation/uuid";
import { callAdviceSet } from "@/lib/verdicts/call-codes";
import { runTestCall } from "@/server/calls/run-call";
import { ndjsonResponse, runRoute } from "@/server/http/entry";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";
// An inbound test call waits up to TEST_CALL_WAIT_S (2 minutes) for the customer's call.
export const maxDuration = 300;

const MAX_BODY = 2048;
const input = z.object({ id: z.string().regex(UUID), request: testCallRequest });

/** The id (malformed: "not found", like someone else's) and the capped JSON body, field errors kept. */
async function readInput(req: Request, params: Promise<{ id: string }>): Promise<unknown> {
  const { id } = await params;
  if (!UUID.test(id)) throw new AppError("not_found", "malformed connection id");
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
    throw new AppError("validation", "bad test call request", { fieldErrors });
  }
  return { id, request: parsed.data };
}

/**
 * Runs a test call of one connection and streams it as NDJSON (one CallStreamEvent per line):
 * `started`, a `status` at each change (waiting → ringing → answered → hearing_you → done), then
 * `result` or `error`. Closing the page cancels the wait.
 */
export async function POST(req: Request, ctx: { params: Promise<{ id: string }> }): Promise<Response> {
  return runRoute(
    req,
    { scope: "calls", schema: input, read: () => readInput(req, ctx.params), caller: "user" },
    async ({ db, actor, input: { id, request }, locale }) =>
      ndjsonResponse<CallStreamEvent>(
        "calls",
        async (send) => {
          const r = await runTestCall({
            db,
            actor,
            connectionId: id,
            request,
            signal: req.signal,
            onStarted: (s) => send({ type: "started", callId: s.callId, waitS: s.waitS }),
            onStatus: (status) => send({ type: "status", status }),
          });
          send({ type: "result", result: { ...r, advice: callAdviceSet(r.call, locale, r.facts) } });
        },
        (error) => ({ type: "error", error }),
      ),
  );
}
