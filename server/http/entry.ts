import "server-only";
import type { z } from "zod";
import { type Db, getDb } from "@/db/client";
import type { ActionResult } from "@/lib/connections/types";
import { AppError, type PublicError, statusOf, toPublicError } from "@/lib/errors";
import { refuseCrossOrigin } from "@/lib/http/origin";
import type { Locale } from "@/lib/i18n/config";
import type { Actor } from "@/server/auth/actor";
import { requireActor, requireSupport } from "@/server/auth/current";
import { viewerLocale } from "./request";

/**
 * The one shape of every server action and route handler: parse the untrusted input (zod) →
 * the actor → the service → a typed result or an AppError as a PublicError. Services never see
 * raw input or HTTP; entry points never build errors or log them themselves.
 */

/** Who may call: any signed-in user, support staff only, or anyone (the provider's handoff link). */
export type Caller = "user" | "support" | "public";

type Ctx<I, C extends Caller> = {
  input: I;
  actor: C extends "public" ? null : Actor;
  db: Db;
  locale: Locale;
};

/** An error as a browser may see it; an unexpected one is logged once (never its input). */
export function publicFailure(scope: string, err: unknown): PublicError {
  const error = toPublicError(err);
  if (error.code === "internal")
    console.error(`[${scope}] failed:`, err instanceof Error ? err.message : "unknown error");
  return error;
}

async function actorFor(caller: Caller): Promise<Actor | null> {
  if (caller === "public") return null;
  return caller === "support" ? requireSupport() : requireActor();
}

/** Parses, then runs `run` for the caller; any failure becomes `{ ok: false, error }`. */
export async function runAction<S extends z.ZodType, C extends Caller, T>(
  o: { scope: string; schema: S; raw: unknown; caller: C },
  run: (ctx: Ctx<z.infer<S>, C>) => Promise<T>,
): Promise<ActionResult<T>> {
  try {
    const input = o.schema.parse(o.raw);
    const actor = (await actorFor(o.caller)) as Ctx<z.infer<S>, C>["actor"];
    const [db, locale] = await Promise.all([getDb(), viewerLocale()]);
    return { ok: true, value: await run({ input, actor, db, locale }) };
  } catch (err) {
    return { ok: false, error: publicFailure(o.scope, err) };
  }
}

const NO_STORE = { "cache-control": "no-store" };

/** A refusal as JSON with the error's HTTP status. */
function errorResponse(error: PublicError, extra: Record<string, unknown> = {}): Response {
  return Response.json({ error, ...extra }, { status: statusOf(error), headers: NO_STORE });
}

/**
 * A route handler: Origin check (CSRF: Next checks only server actions), the body or params
 * parsed (`read` may throw for a malformed body), the caller, then `run`, whose Response is
 * returned. A failure before `run` answers is a JSON error with its status.
 */
export async function runRoute<S extends z.ZodType, C extends Caller>(
  req: Request,
  o: {
    scope: string;
    schema: S;
    read: () => Promise<unknown>;
    caller: C;
    /** What a malformed input is told; `validation` unless given. */
    invalid?: () => AppError;
  },
  run: (ctx: Ctx<z.infer<S>, C>) => Promise<Response>,
): Promise<Response> {
  const cross = refuseCrossOrigin(req);
  if (cross) return cross;
  let input: z.infer<S>;
  try {
    input = o.schema.parse(await o.read());
  } catch (err) {
    const e =
      err instanceof AppError
        ? err
        : (o.invalid?.() ?? new AppError("validation", `malformed ${o.scope} input`));
    return errorResponse(toPublicError(e));
  }
  try {
    const actor = (await actorFor(o.caller)) as Ctx<z.infer<S>, C>["actor"];
    const [db, locale] = await Promise.all([getDb(), viewerLocale()]);
    return await run({ input, actor, db, locale });
  } catch (err) {
    return errorResponse(publicFailure(o.scope, err));
  }
}

/**
 * A streamed answer, one JSON event per line (NDJSON). The work goes on when the browser goes
 * away (a test still finishes and is recorded); a failure ends the stream with `onError`'s event.
 */
export function ndjsonResponse<E>(
  scope: string,
  work: (send: (e: E) => void) => Promise<void>,
  onError: (error: PublicError) => E,
): Response {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      let open = true;
      const send = (e: E) => {
        if (!open) return;
        try {
          controller.enqueue(encoder.encode(`${JSON.stringify(e)}\n`));
        } catch {
          open = false;
        }
      };
      try {
        await work(send);
      } catch (err) {
        send(onError(publicFailure(scope, err)));
      }
      if (open) controller.close();
    },
  });
  return new Response(body, {
    headers: {
      "content-type": "application/x-ndjson; charset=utf-8",
      ...NO_STORE,
      "x-accel-buffering": "no",
    },
  });
}
