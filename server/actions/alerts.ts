"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { PublicError } from "@/lib/errors";
import { WEBHOOK_URL_MAX } from "@/lib/validation/webhook-url-rules";
import { runAction } from "@/server/http/entry";
import {
  removeAlertWebhook,
  saveAlertWebhook,
  sendTestAlert,
  type TestAlertResult,
} from "@/server/monitor/alert-settings";

/**
 * The alert settings page's one action: plain form posts (useActionState), so saving, testing
 * and removing work before hydration. The submit button's `op` says which; the URL is parsed by
 * the shared schema in the service. Next checks the Origin of every action.
 */

export type AlertSettingsState =
  | { kind: "idle" }
  /** The secret travels to the browser in this answer only; a reload shows it no more. */
  | { kind: "saved"; url: string; secret: string; at: number }
  | { kind: "tested"; result: TestAlertResult; at: number }
  | { kind: "confirmRemove"; at: number }
  | { kind: "removed"; removed: boolean; at: number }
  | { kind: "failed"; op: Op; error: PublicError; typedUrl?: string; at: number };

const OPS = ["save", "test", "askRemove", "remove"] as const;
type Op = (typeof OPS)[number];
const opSchema = z.enum(OPS);
const urlField = z.unknown();
const nothing = z.unknown();

const scope = "alerts";
const PAGE = "/settings/alerts";

export async function alertSettingsAction(
  _prev: AlertSettingsState,
  form: FormData,
): Promise<AlertSettingsState> {
  const at = Date.now();
  const op = opSchema.safeParse(form.get("op"));
  if (!op.success) return { kind: "idle" };
  const failed = (error: PublicError, typedUrl?: string): AlertSettingsState => ({
    kind: "failed",
    op: op.data,
    error,
    typedUrl,
    at,
  });
  switch (op.data) {
    case "save": {
      const raw = form.get("url");
      // Kept as typed (bounded), so a refused URL can be corrected rather than retyped.
      const typedUrl = typeof raw === "string" ? raw.slice(0, WEBHOOK_URL_MAX + 64) : "";
      const r = await runAction({ scope, schema: urlField, raw, caller: "user" }, ({ db, actor, input }) =>
        saveAlertWebhook(db, actor, input),
      );
      if (!r.ok) return failed(r.error, typedUrl);
      revalidatePath(PAGE);
      return { kind: "saved", url: r.value.url, secret: r.value.secret, at };
    }
    case "test": {
      const r = await runAction({ scope, schema: nothing, raw: null, caller: "user" }, ({ db, actor }) =>
        sendTestAlert(db, actor),
      );
      return r.ok ? { kind: "tested", result: r.value, at } : failed(r.error);
    }
    case "askRemove":
      return { kind: "confirmRemove", at };
    case "remove": {
      const r = await runAction({ scope, schema: nothing, raw: null, caller: "user" }, ({ db, actor }) =>
        removeAlertWebhook(db, actor),
      );
      if (!r.ok) return failed(r.error);
      revalidatePath(PAGE);
      return { kind: "removed", removed: r.value.removed, at };
    }
  }
}
