import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { isFailingLive } from "@/components/connection/status-badge";
import { STEPS, type StepKey } from "@/components/connection/steps";
import { Wizard } from "@/components/connection/wizard";
import { HealthPanel } from "@/components/monitor/health-panel";
import { getDb } from "@/db/client";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { UUID } from "@/lib/validation/uuid";
import { requireCustomerPage } from "@/server/auth/guards";
import { listEarlierCalls } from "@/server/calls/history";
import { toConnectionDto } from "@/server/connections/dto";
import { loadWizardState } from "@/server/connections/service";
import { guideUrl, viewerLocale } from "@/server/http/request";
import { monitorConfig } from "@/server/monitor/config";
import { loadHealthDetail } from "@/server/monitor/service";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ step?: string }> };

async function load(id: string) {
  if (!UUID.test(id)) notFound();
  const actor = await requireCustomerPage(`/connections/${id}`);
  const locale = await viewerLocale();
  try {
    const db = await getDb();
    const state = await loadWizardState(db, actor, id, locale);
    const [health, calls] = await Promise.all([
      loadHealthDetail(db, actor, id),
      listEarlierCalls(db, actor, id, locale),
    ]);
    return { state, locale, health, calls };
  } catch (err) {
    if (err instanceof AppError && err.code === "not_found") notFound();
    throw err;
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  const { state } = await load(id);
  return { title: state.connection.label };
}

export default async function ConnectionPage({ params, searchParams }: Props) {
  const { id } = await params;
  const { step } = await searchParams;
  const { state, locale, health, calls } = await load(id);
  const c = state.connection;
  // A live connection whose latest test failed opens on that result, not on "all is well".
  const fallback: StepKey = isFailingLive(c, state.latest)
    ? "test"
    : c.status === "active" || c.status === "verified"
      ? "activate"
      : "credentials";
  const initialStep = STEPS.find((s) => s === step) ?? fallback;
  const wizard = (
    <Wizard
      initial={{ connection: toConnectionDto(c), latest: state.latest, canActivate: state.canActivate }}
      initialStep={initialStep}
      guideUrl={await guideUrl()}
      locale={locale}
      earlierCalls={calls}
    />
  );
  // Health shows once the connection is live (or was: its history stays after a settings change).
  if (c.status !== "active" && !health.health) return wizard;
  return (
    // The wizard (and its one main action) first; the health history below it.
    <div className="space-y-6">
      {wizard}
      <HealthPanel
        detail={health}
        locale={locale}
        intervalSeconds={monitorConfig().intervalSeconds}
        sourceAddresses={env().MONITOR_SOURCE_ADDRESSES}
      />
    </div>
  );
}
