"use client";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useId, useState, useTransition } from "react";
import { formatDateTime } from "@/components/connection/format";
import { ShareLink } from "@/components/connection/share-link";
import { Button } from "@/components/ui/button";
import { HANDOFF_MAX_ATTEMPTS, type HandoffLinkDto, type HandoffState } from "@/lib/handoff/types";
import { createHandoffAction, revokeHandoffAction } from "@/server/actions/handoff";
import { HandoffResult } from "./handoff-result";

const TTL_CHOICES = [1, 3, 7, 14] as const;
const STATE_STYLE: Record<HandoffState, string> = {
  pending: "bg-sky-100 text-sky-900",
  used: "bg-emerald-100 text-emerald-900",
  expired: "bg-slate-200 text-slate-800",
  revoked: "bg-slate-200 text-slate-800",
};

/**
 * The customer's side of the handoff: create a one-time link (shown once), see every link's
 * state, withdraw a pending one, and read the result of the provider's test.
 */
export function HandoffPanel({
  connectionId,
  links,
  locale,
}: {
  connectionId: string;
  links: HandoffLinkDto[];
  locale: string;
}) {
  const t = useTranslations("guide.handoff.customer");
  const tw = useTranslations("wizard");
  const router = useRouter();
  const ttlId = useId();
  const [ttl, setTtl] = useState<(typeof TTL_CHOICES)[number]>(7);
  const [created, setCreated] = useState<{ url: string; expiresAt: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const date = (iso: string) => formatDateTime(iso, locale);

  // A thrown action (the network went away) is shown here, not left to the error page.
  const create = () =>
    startTransition(async () => {
      setError(null);
      try {
        const res = await createHandoffAction({ connectionId, ttlDays: ttl });
        if (!res.ok) {
          setError(t("error", { message: res.error.message }));
          return;
        }
        setCreated(res.value);
        router.refresh();
      } catch {
        setError(tw("errors.network"));
      }
    });

  const revoke = (id: string) =>
    startTransition(async () => {
      setError(null);
      try {
        const res = await revokeHandoffAction({ id });
        if (!res.ok) setError(t("error", { message: res.error.message }));
        router.refresh();
      } catch {
        setError(tw("errors.network"));
      }
    });

  return (
    <div className="space-y-8">
      <section className="space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <div className="flex flex-wrap items-end gap-4">
          <div className="space-y-1">
            <label htmlFor={ttlId} className="block font-semibold text-slate-900">
              {t("ttl")}
            </label>
            <select
              id={ttlId}
              className="rounded-md border border-slate-400 bg-white px-3 py-2"
              value={ttl}
              onChange={(e) => {
                const n = Number(e.target.value);
                const choice = TTL_CHOICES.find((c) => c === n);
                if (choice) setTtl(choice);
              }}
            >
              {TTL_CHOICES.map((d) => (
                <option key={d} value={d}>
                  {t("days", { n: d })}
                </option>
              ))}
            </select>
          </div>
          <Button onClick={create} disabled={pending}>
            {pending ? t("creating") : t("create")}
          </Button>
        </div>
        {error ? (
          <p role="alert" className="font-medium text-red-700">
            {error}
          </p>
        ) : null}
        <div aria-live="polite">
          {created ? (
            <div
              className="space-y-3 rounded-md border-l-4 border-brand-600 bg-brand-50 p-4"
              data-testid="handoff-created"
            >
              <p className="font-semibold text-slate-900">{t("createdTitle")}</p>
              <p className="break-all font-mono text-sm text-slate-900" data-testid="handoff-url">
                {created.url}
              </p>
              <p className="text-sm text-slate-700">
                {t("createdNote", { date: date(created.expiresAt), attempts: HANDOFF_MAX_ATTEMPTS })}
              </p>
              <ShareLink
                url={created.url}
                mail={{
                  subject: t("mailSubject"),
                  body: t("mailBody", { link: created.url, date: date(created.expiresAt) }),
                }}
                labels={{
                  copy: t("copy"),
                  copied: t("copied"),
                  copyFailed: t("copyFailed"),
                  mail: t("mail"),
                }}
              />
            </div>
          ) : null}
        </div>
      </section>

      <section aria-labelledby="handoff-links" className="space-y-3">
        <h2 id="handoff-links" className="text-xl font-semibold text-slate-900">
          {t("listTitle")}
        </h2>
        {links.length === 0 ? <p className="text-slate-700">{t("none")}</p> : null}
        <ul className="space-y-3">
          {links.map((l) => (
            <li
              key={l.id}
              className="space-y-3 rounded-lg border border-slate-200 bg-white p-5 shadow-sm"
              data-testid="handoff-link"
              data-state={l.state}
            >
              <div className="flex flex-wrap items-center gap-3">
                <span className={`rounded-full px-2.5 py-0.5 text-sm font-semibold ${STATE_STYLE[l.state]}`}>
                  {t(`state.${l.state}`)}
                </span>
                <span className="text-sm text-slate-700">{t("created", { date: date(l.createdAt) })}</span>
                <span className="text-sm text-slate-700">{t("expiresOn", { date: date(l.expiresAt) })}</span>
                {l.openedAt ? (
                  <span className="text-sm text-slate-700">{t("openedOn", { date: date(l.openedAt) })}</span>
                ) : null}
                {l.usedAt ? (
                  <span className="text-sm text-slate-700">{t("usedOn", { date: date(l.usedAt) })}</span>
                ) : null}
                {l.revokedAt ? (
                  <span className="text-sm text-slate-700">
                    {t("revokedOn", { date: date(l.revokedAt) })}
                  </span>
                ) : null}
                {l.state === "pending" ? (
                  <Button
                    variant="secondary"
                    className="ml-auto"
                    disabled={pending}
                    onClick={() => revoke(l.id)}
                  >
                    {t("revoke")}
                  </Button>
                ) : null}
              </div>
              {l.state === "used" ? (
                l.test ? (
                  <div className="space-y-2">
                    <p className="text-sm font-semibold text-slate-900">{t("result")}</p>
                    <HandoffResult test={l.test} />
                    <a
                      href={`/connections/${connectionId}`}
                      className="inline-block font-semibold text-brand-700 underline"
                    >
                      {t("toConnection")}
                    </a>
                  </div>
                ) : (
                  <p className="text-sm text-slate-700">{t("noResult")}</p>
                )
              ) : null}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
