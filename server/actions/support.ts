"use server";
import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { getLocale } from "next-intl/server";
import { z } from "zod";
import { getDb } from "@/db/client";
import { type PublicError, toPublicError } from "@/lib/errors";
import { isLocale } from "@/lib/i18n/config";
import { requireSupport } from "@/server/auth/current";
import { clientIpFrom } from "@/server/auth/sign-in";
import { runConnectionTest } from "@/server/connections/run-test";
import { addInternalNote, deactivateAsSupport } from "@/server/support/service";

/**
 * The support console's actions. Each checks the role itself (requireSupport), whatever page
 * rendered the button; Next checks the Origin of every action and proxy.ts refuses a missing one.
 */

export type SupportActionState =
  | { ok: true; kind: "rerun"; verdict: string; at: number }
  | { ok: true; kind: "deactivate" | "note"; at: number }
  | { ok: false; error: PublicError; at: number };

const id = z.uuid();

function fail(err: unknown): SupportActionState {
  const error = toPublicError(err);
  if (error.code === "internal")
    console.error("[support] action failed:", err instanceof Error ? err.message : err);
  return { ok: false, error, at: Date.now() };
}

/** Re-runs the SIP test with the wizard's runner: same rate limits, same recording, audited. */
export async function rerunTestAction(connectionId: unknown): Promise<SupportActionState> {
  try {
    const actor = await requireSupport();
    const cid = id.parse(connectionId);
    const requested = await getLocale();
    const r = await runConnectionTest({
      db: await getDb(),
      actor,
      connectionId: cid,
      clientIp: clientIpFrom(await headers()),
      locale: isLocale(requested) ? requested : "en",
    });
    revalidatePath(`/support/${cid}`);
    return { ok: true, kind: "rerun", verdict: r.test.advice.verdict.title, at: Date.now() };
  } catch (err) {
    return fail(err);
  }
}

export async function deactivateAction(connectionId: unknown): Promise<SupportActionState> {
  try {
    const actor = await requireSupport();
    const cid = id.parse(connectionId);
    await deactivateAsSupport(await getDb(), actor, cid);
    revalidatePath(`/support/${cid}`);
    return { ok: true, kind: "deactivate", at: Date.now() };
  } catch (err) {
    return fail(err);
  }
}

export async function addNoteAction(
  _prev: SupportActionState | null,
  form: FormData,
): Promise<SupportActionState> {
  try {
    const actor = await requireSupport();
    const cid = id.parse(form.get("connectionId"));
    const note = form.get("note");
    await addInternalNote(await getDb(), actor, {
      connectionId: cid,
      note: typeof note === "string" ? note : "",
    });
    revalidatePath(`/support/${cid}`);
    return { ok: true, kind: "note", at: Date.now() };
  } catch (err) {
    return fail(err);
  }
}
