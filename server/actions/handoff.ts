"use server";
import { z } from "zod";
import { getDb } from "@/db/client";
import type { ActionResult } from "@/lib/connections/types";
import { toPublicError } from "@/lib/errors";
import { requireActor } from "@/server/auth/actor";
import { appOrigin } from "@/server/connections/page-data";
import {
  createHandoffForCustomer,
  HANDOFF_TTL_DAYS,
  revokeHandoffForCustomer,
} from "@/server/handoff/service";

/** The customer's handoff actions (Next checks their Origin). Arguments are untrusted. */

const createInput = z.object({
  connectionId: z.uuid(),
  ttlDays: z.union(HANDOFF_TTL_DAYS.map((d) => z.literal(d))),
});
const revokeInput = z.object({ id: z.uuid() });

function fail(err: unknown): { ok: false; error: ReturnType<typeof toPublicError> } {
  const error = toPublicError(err);
  if (error.code === "internal")
    console.error("[handoff] action failed:", err instanceof Error ? err.message : err);
  return { ok: false, error };
}

export type CreatedHandoff = { url: string; expiresAt: string };

/** The absolute link, built from APP_URL or the request's own origin. */
async function linkUrl(token: string): Promise<string> {
  return `${await appOrigin()}/handoff/${token}`;
}

export async function createHandoffAction(input: unknown): Promise<ActionResult<CreatedHandoff>> {
  try {
    const v = createInput.parse(input);
    const actor = await requireActor();
    const { link, token } = await createHandoffForCustomer(await getDb(), actor, v);
    return { ok: true, value: { url: await linkUrl(token), expiresAt: link.expiresAt.toISOString() } };
  } catch (err) {
    return fail(err);
  }
}

export async function revokeHandoffAction(input: unknown): Promise<ActionResult<null>> {
  try {
    const v = revokeInput.parse(input);
    const actor = await requireActor();
    await revokeHandoffForCustomer(await getDb(), actor, v);
    return { ok: true, value: null };
  } catch (err) {
    return fail(err);
  }
}
