"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db/client";
import { toPublicError } from "@/lib/errors";
import { requireSupport } from "@/server/auth/current";
import { monitorConfig } from "@/server/monitor/config";
import { jobSender } from "@/server/monitor/sender";
import { requestCheckNow, setMonitoringPaused } from "@/server/monitor/service";

/** Support's monitoring controls: plain form posts, so they work before hydration. */
const input = z.object({ connectionId: z.uuid(), op: z.enum(["pause", "resume", "check"]) });

export async function monitoringAction(form: FormData): Promise<void> {
  const actor = await requireSupport();
  const parsed = input.safeParse({ connectionId: form.get("connectionId"), op: form.get("op") });
  if (!parsed.success) return;
  const { connectionId, op } = parsed.data;
  try {
    const db = await getDb();
    if (op === "check") {
      const boss = await jobSender();
      await requestCheckNow(db, actor, connectionId, boss ? { boss, config: monitorConfig() } : null);
    } else await setMonitoringPaused(db, actor, connectionId, op === "pause");
  } catch (err) {
    const e = toPublicError(err);
    if (e.code === "internal")
      console.error("[monitor] support action failed:", err instanceof Error ? err.message : err);
  }
  revalidatePath(`/support/${connectionId}`);
}
