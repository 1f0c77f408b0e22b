import { z } from "zod";
import type { TestStreamEvent } from "@/lib/connections/types";
import { AppError } from "@/lib/errors";
import { UUID } from "@/lib/validation/uuid";
import { toConnectionDto } from "@/server/connections/dto";
import { runConnectionTest } from "@/server/connections/run-test";
import { ndjsonResponse, runRoute } from "@/server/http/entry";
import { clientIpOf } from "@/server/http/request";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

const params = z.object({ id: z.string().regex(UUID) });
// A malformed id is "not found", like an id of someone else's connection.
const notFound = () => new AppError("not_found", "malformed connection id");

/**
 * Runs the SIP test of one connection and streams it as NDJSON (one TestStreamEvent per line):
 * `started`, `step_start` as each step begins (with its time limit, for the progress display), a
 * `step` as each finishes (the engine's onStep), then `result` or `error`.
 */
export async function POST(req: Request, ctx: { params: Promise<{ id: string }> }): Promise<Response> {
  return runRoute(
    req,
    { scope: "connections", schema: params, read: () => ctx.params, caller: "user", invalid: notFound },
    async ({ db, actor, input, locale }) =>
      ndjsonResponse<TestStreamEvent>(
        "connections",
        async (send) => {
          const r = await runConnectionTest({
            db,
            actor,
            connectionId: input.id,
            clientIp: clientIpOf(req),
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
        },
        (error) => ({ type: "error", error }),
      ),
  );
}
