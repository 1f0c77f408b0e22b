"use server";
import { z } from "zod";
import type { ActionResult } from "@/lib/connections/types";
import {
  createHandoffForCustomer,
  HANDOFF_TTL_DAYS,
  revokeHandoffForCustomer,
} from "@/server/handoff/service";
import { runAction } from "@/server/http/entry";
import { appOrigin } from "@/server/http/request";

/** The customer's handoff actions (Next checks their Origin). Arguments are untrusted. */

const createInput = z.object({
  connectionId: z.uuid(),
  ttlDays: z.union(HANDOFF_TTL_DAYS.map((d) => z.literal(d))),
});
const revokeInput = z.object({ id: z.uuid() });
const scope = "handoff";

export type CreatedHandoff = { url: string; expiresAt: string };

export async function createHandoffAction(raw: unknown): Promise<ActionResult<CreatedHandoff>> {
  return runAction({ scope, schema: createInput, raw, caller: "user" }, async ({ db, actor, input }) => {
    const { link, token } = await createHandoffForCustomer(db, actor, input);
    // The absolute link, built from APP_URL or the request's own origin.
    return { url: `${await appOrigin()}/handoff/${token}`, expiresAt: link.expiresAt.toISOString() };
  });
}

export async function revokeHandoffAction(raw: unknown): Promise<ActionResult<null>> {
  return runAction({ scope, schema: revokeInput, raw, caller: "user" }, async ({ db, actor, input }) => {
    await revokeHandoffForCustomer(db, actor, input);
    return null;
  });
}
