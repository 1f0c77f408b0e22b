"use server";
import { z } from "zod";
import { getDb } from "@/db/client";
import type { ActionResult, ConnectionDto } from "@/lib/connections/types";
import { toPublicError } from "@/lib/errors";
import { requireActor } from "@/server/auth/actor";
import { toConnectionDto } from "@/server/connections/dto";
import { activate, createForProvider, deactivate, saveConnection } from "@/server/connections/service";

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

function fail(err: unknown): { ok: false; error: ReturnType<typeof toPublicError> } {
  const error = toPublicError(err);
  if (error.code === "internal")
    console.error("[connections] action failed:", err instanceof Error ? err.message : err);
  return { ok: false, error };
}

export async function saveConnectionAction(input: unknown): Promise<ActionResult<ConnectionDto>> {
  try {
    const env = saveEnvelope.parse(input);
    const actor = await requireActor();
    const c = await saveConnection(await getDb(), actor, env);
    return { ok: true, value: toConnectionDto(c) };
  } catch (err) {
    return fail(err);
  }
}

export type ActivationValue = { connection: ConnectionDto };

export async function activateAction(id: unknown): Promise<ActionResult<ActivationValue>> {
  try {
    const actor = await requireActor();
    const c = await activate(await getDb(), actor, idOnly.parse(id));
    return { ok: true, value: { connection: toConnectionDto(c) } };
  } catch (err) {
    return fail(err);
  }
}

export async function deactivateAction(id: unknown): Promise<ActionResult<ActivationValue>> {
  try {
    const actor = await requireActor();
    const c = await deactivate(await getDb(), actor, idOnly.parse(id));
    return { ok: true, value: { connection: toConnectionDto(c) } };
  } catch (err) {
    return fail(err);
  }
}

const providerEnvelope = z.object({ label: z.unknown(), idempotencyKey: z.string().max(64) });

/** Step 1's "let your provider enter the details": a named connection to make a handoff link for. */
export async function createForProviderAction(input: unknown): Promise<ActionResult<{ id: string }>> {
  try {
    const env = providerEnvelope.parse(input);
    const actor = await requireActor();
    const c = await createForProvider(await getDb(), actor, env);
    return { ok: true, value: { id: c.id } };
  } catch (err) {
    return fail(err);
  }
}
