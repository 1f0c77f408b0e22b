"use server";
import { z } from "zod";
import type { ActionResult, ConnectionDto } from "@/lib/connections/types";
import { toConnectionDto } from "@/server/connections/dto";
import { activate, createForProvider, deactivate, saveConnection } from "@/server/connections/service";
import { runAction } from "@/server/http/entry";

/**
 * Server actions of the wizard (Next checks their Origin: CSRF-safe). Arguments are untrusted:
 * the envelope is parsed here, the SIP account values by the shared schema in saveConnection.
 */

const saveEnvelope = z.object({
  id: z.uuid().optional(),
  expectedVersion: z.number().int().positive().optional(),
  idempotencyKey: z.string().max(64).optional(),
  intent: z.enum(["draft", "test"]),
  values: z.record(z.string(), z.unknown()),
});
const idOnly = z.uuid();
const providerEnvelope = z.object({ label: z.unknown(), idempotencyKey: z.string().max(64) });

const scope = "connections";

export async function saveConnectionAction(raw: unknown): Promise<ActionResult<ConnectionDto>> {
  return runAction({ scope, schema: saveEnvelope, raw, caller: "user" }, async ({ db, actor, input }) =>
    toConnectionDto(await saveConnection(db, actor, input)),
  );
}

export type ActivationValue = { connection: ConnectionDto };

export async function activateAction(raw: unknown): Promise<ActionResult<ActivationValue>> {
  return runAction({ scope, schema: idOnly, raw, caller: "user" }, async ({ db, actor, input }) => ({
    connection: toConnectionDto(await activate(db, actor, input)),
  }));
}

export async function deactivateAction(raw: unknown): Promise<ActionResult<ActivationValue>> {
  return runAction({ scope, schema: idOnly, raw, caller: "user" }, async ({ db, actor, input }) => ({
    connection: toConnectionDto(await deactivate(db, actor, input)),
  }));
}

/** Step 1's "let your provider enter the details": a named connection to make a handoff link for. */
export async function createForProviderAction(raw: unknown): Promise<ActionResult<{ id: string }>> {
  return runAction(
    { scope, schema: providerEnvelope, raw, caller: "user" },
    async ({ db, actor, input }) => ({ id: (await createForProvider(db, actor, input)).id }),
  );
}
