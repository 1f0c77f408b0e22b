/**
 * A customer's earlier test calls of one connection, for the connection page: newest first, the
 * outcome worded on the server, without the SIP trace, the report or the facts (support reads
 * those through server/support/service.ts).
 */
import "server-only";
import { z } from "zod";
import type { Db } from "@/db/client";
import { getConnection } from "@/db/queries/connections";
import { listCalls, type TestCallRecord } from "@/db/queries/test-calls";
import { EARLIER_CALLS } from "@/lib/calls/earlier";
import type { CallDto, EarlierCallDto } from "@/lib/calls/types";
import { AppError } from "@/lib/errors";
import type { Locale } from "@/lib/verdicts/advice";
import { CALL_OUTCOMES, type CallFacts, callAdviceSet } from "@/lib/verdicts/call-codes";
import { assertCustomer } from "@/server/auth/access";
import type { Actor } from "@/server/auth/actor";

const nullableNumber = z.number().nullable();
const nullableString = z.string().nullable();

/** The stored `call` column (run-call.ts writes a CallDto); a row that does not fit shows as unfinished. */
const storedCall = z.object({
  direction: z.enum(["inbound", "outbound"]),
  outcome: z.enum(CALL_OUTCOMES),
  answered: z.boolean(),
  setupMs: nullableNumber,
  from: nullableString,
  to: nullableString,
  codec: nullableString,
  ptimeMs: nullableNumber,
  rtp: z.object({
    sent: z.number(),
    received: z.number(),
    lossPct: z.number(),
    jitterMs: z.number(),
    sdpAddress: nullableString,
    sourceAddress: nullableString,
  }),
  dtmf: z.array(z.object({ digit: z.string(), via: z.enum(["rfc4733", "inband"]) })),
  transfer: z
    .object({
      target: z.string(),
      outcome: z.enum(["transfer_ok", "transfer_refused", "transfer_unconfirmed"]),
      notify: z.array(
        z.object({ status: z.number(), reason: z.string(), subscriptionState: nullableString }),
      ),
    })
    .nullable(),
}) satisfies z.ZodType<CallDto>;

/** The advice texts interpolate these; anything else in the column is ignored. */
const storedFacts = z
  .object({
    account: z.string(),
    from: z.string(),
    dialed: z.string(),
    offered: z.array(z.string()),
    ours: z.array(z.string()),
    statusCode: z.number(),
    reason: z.string(),
    target: z.string(),
    sdpAddress: z.string(),
    sourceAddress: z.string(),
    waitSeconds: z.number(),
    rtpRange: z.string(),
    detail: z.string(),
  })
  .partial() satisfies z.ZodType<CallFacts>;

function toEarlierCall(row: TestCallRecord, locale: Locale): EarlierCallDto {
  const direction = row.direction === "outbound" ? "outbound" : "inbound";
  const call = row.finishedAt ? storedCall.safeParse(row.call) : null;
  const facts = storedFacts.safeParse(row.facts ?? {});
  return {
    id: row.id,
    startedAt: row.startedAt.toISOString(),
    direction,
    result: call?.success
      ? {
          ok: row.ok === true,
          call: call.data,
          advice: callAdviceSet(call.data, locale, facts.success ? facts.data : {}),
        }
      : null,
  };
}

/**
 * The latest EARLIER_CALLS test calls of a connection of the actor's own organization; another
 * organization's connection is `not_found`, like one that does not exist. Customer-only.
 */
export async function listEarlierCalls(
  db: Db,
  actor: Actor,
  connectionId: string,
  locale: Locale,
): Promise<EarlierCallDto[]> {
  assertCustomer(actor);
  const c = await getConnection(db, { id: connectionId, orgId: actor.organizationId });
  if (!c) throw new AppError("not_found", `connection ${connectionId} not visible to ${actor.label}`);
  const rows = await listCalls(db, c.id, EARLIER_CALLS);
  return rows.map((row) => toEarlierCall(row, locale));
}
