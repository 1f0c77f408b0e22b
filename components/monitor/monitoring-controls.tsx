import { getTranslations } from "next-intl/server";
import { buttonClass } from "@/components/ui/button";
import { monitoringAction } from "@/server/actions/monitor";

/** Support's controls: plain forms posting to a server action (no client JS needed). */
export async function MonitoringControls({
  connectionId,
  paused,
}: {
  connectionId: string;
  paused: boolean;
}) {
  const t = await getTranslations("monitor");
  const op = (name: "pause" | "resume" | "check", label: string, tone: "primary" | "secondary") => (
    <form action={monitoringAction}>
      <input type="hidden" name="connectionId" value={connectionId} />
      <input type="hidden" name="op" value={name} />
      <button type="submit" className={buttonClass(tone)}>
        {label}
      </button>
    </form>
  );
  return (
    <div className="space-y-2 border-t border-slate-200 pt-4">
      <h3 className="text-sm font-semibold">{t("controls")}</h3>
      <div className="flex flex-wrap gap-2">
        {paused ? op("resume", t("resume"), "primary") : op("pause", t("pause"), "secondary")}
        {paused ? null : op("check", t("checkNow"), "secondary")}
      </div>
      {paused ? null : <p className="text-xs text-slate-600">{t("checkNowHint")}</p>}
    </div>
  );
}
