"use server";
import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { z } from "zod";
import type { PublicError } from "@/lib/errors";
import { clientIpFrom } from "@/server/auth/sign-in";
import { runConnectionTest } from "@/server/connections/run-test";
import { runAction } from "@/server/http/entry";
import { addInternalNote, deactivateAsSupport } from "@/server/support/service";

/**
 * The support console's actions. Each checks the role itself (caller "support"), whatever page
 * rendered the button; Next checks the Origin of every action and proxy.ts refuses a missing one.
 */

export type SupportActionState =
  | { ok: true; kind: "rerun"; verdict: string; at: number }
  | { ok: true; kind: "deactivate" | "note"; at: number }
  | { ok: false; error: PublicError; at: number };

const id = z.uuid();
const noteForm = z.object({ connectionId: z.uuid(), note: z.string().catch("") });
const scope = "support";

/** `at` makes two equal results distinct, so the form announces each one. */
const failed = (error: PublicError): SupportActionState => ({ ok: false, error, at: Date.now() });

/** Re-runs the SIP test with the wizard's runner: same rate limits, same recording, audited. */
export async function rerunTestAction(connectionId: unknown): Promise<SupportActionState> {
  const r = await runAction(
    { scope, schema: id, raw: connectionId, caller: "support" },
    async ({ db, actor, input, locale }) => {
      const run = await runConnectionTest({
        db,
        actor,
        connectionId: input,
        clientIp: clientIpFrom(await headers()),
        locale,
      });
      revalidatePath(`/support/${input}`);
      return run.test.advice.verdict.title;
    },
  );
  return r.ok ? { ok: true, kind: "rerun", verdict: r.value, at: Date.now() } : failed(r.error);
}

export async function deactivateAction(connectionId: unknown): Promise<SupportActionState> {
  const r = await runAction(
    { scope, schema: id, raw: connectionId, caller: "support" },
    async ({ db, actor, input }) => {
      await deactivateAsSupport(db, actor, input);
      revalidatePath(`/support/${input}`);
    },
  );
  return r.ok ? { ok: true, kind: "deactivate", at: Date.now() } : failed(r.error);
}

export async function addNoteAction(
  _prev: SupportActionState | null,
  form: FormData,
): Promise<SupportActionState> {
  const raw = { connectionId: form.get("connectionId"), note: form.get("note") };
  const r = await runAction(
    { scope, schema: noteForm, raw, caller: "support" },
    async ({ db, actor, input }) => {
      await addInternalNote(db, actor, input);
      revalidatePath(`/support/${input.connectionId}`);
    },
  );
  return r.ok ? { ok: true, kind: "note", at: Date.now() } : failed(r.error);
}
