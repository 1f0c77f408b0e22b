import { getTranslations } from "next-intl/server";
import type { Locale } from "@/lib/i18n/config";
import { AnchoredHeading } from "./anchored-heading";

const H2 = "text-2xl font-bold tracking-tight text-brand-900";

/** Purpose, SIP account vs user account, and the three details. */
export async function GuideIntro({ locale }: { locale: Locale }) {
  const t = await getTranslations({ locale, namespace: "guide" });
  const anchor = t("steps.sectionAnchor");
  const creds = ["username", "password", "domain"] as const;
  return (
    <>
      <section aria-labelledby="purpose" className="guide-section space-y-3">
        <AnchoredHeading
          id="purpose"
          level={2}
          title={t("purpose.title")}
          anchorLabel={anchor}
          className={H2}
        />
        <p className="text-slate-700">{t("purpose.body1")}</p>
        <p className="text-slate-700">{t("purpose.body2")}</p>
      </section>

      <section aria-labelledby="sip-vs-user" className="guide-section space-y-4">
        <AnchoredHeading
          id="sip-vs-user"
          level={2}
          title={t("accounts.title")}
          anchorLabel={anchor}
          className={H2}
        />
        <p className="text-slate-700">{t("accounts.intro")}</p>
        <div className="grid gap-4 md:grid-cols-2" data-testid="account-comparison">
          <AccountCard
            kind="user"
            title={t("accounts.user.title")}
            tag={t("accounts.user.tag")}
            body={t("accounts.user.body")}
            points={[
              t("accounts.user.points.p1"),
              t("accounts.user.points.p2"),
              t("accounts.user.points.p3"),
            ]}
          />
          <AccountCard
            kind="sip"
            title={t("accounts.sip.title")}
            tag={t("accounts.sip.tag")}
            body={t("accounts.sip.body")}
            points={[t("accounts.sip.points.p1"), t("accounts.sip.points.p2"), t("accounts.sip.points.p3")]}
          />
        </div>
      </section>

      <section aria-labelledby="credentials" className="guide-section space-y-4">
        <AnchoredHeading
          id="credentials"
          level={2}
          title={t("credentials.title")}
          anchorLabel={anchor}
          className={H2}
        />
        <p className="text-slate-700">{t("credentials.intro")}</p>
        <dl className="grid gap-4 md:grid-cols-3">
          {creds.map((c) => (
            <div key={c} className="avoid-break rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
              <dt className="text-lg font-semibold text-brand-900">{t(`credentials.${c}.label`)}</dt>
              <dd className="mt-2 space-y-2 text-slate-700">
                <p>{t(`credentials.${c}.body`)}</p>
                <p className="text-sm">
                  <span className="font-medium text-slate-900">{t("credentials.exampleLabel")}: </span>
                  {t.rich(`credentials.${c}.example`, {
                    code: (chunks) => (
                      <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-slate-900">
                        {chunks}
                      </code>
                    ),
                  })}
                </p>
              </dd>
            </div>
          ))}
        </dl>
        <div
          role="note"
          className="avoid-break rounded-lg border-l-4 border-amber-500 bg-amber-50 p-4 text-amber-950"
        >
          <p className="font-semibold">{t("credentials.privateTitle")}</p>
          <p className="mt-1">{t("credentials.privateBody")}</p>
        </div>
      </section>
    </>
  );
}

function AccountCard(p: {
  kind: "user" | "sip";
  title: string;
  tag: string;
  body: string;
  points: string[];
}) {
  const good = p.kind === "sip";
  return (
    <article
      className={`avoid-break rounded-lg border-2 bg-white p-5 shadow-sm ${good ? "border-emerald-600" : "border-slate-300"}`}
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 className="text-lg font-semibold text-slate-900">{p.title}</h3>
        <span
          className={`rounded-full px-2.5 py-0.5 text-xs font-semibold ${good ? "bg-emerald-100 text-emerald-900" : "bg-slate-100 text-slate-800"}`}
        >
          <span aria-hidden="true">{good ? "✓ " : "✗ "}</span>
          {p.tag}
        </span>
      </div>
      <p className="mt-3 text-slate-700">{p.body}</p>
      <ul className="mt-3 space-y-1 text-sm text-slate-700">
        {p.points.map((pt) => (
          <li key={pt} className="flex gap-2">
            <span aria-hidden="true" className={good ? "text-emerald-700" : "text-slate-500"}>
              •
            </span>
            {pt}
          </li>
        ))}
      </ul>
    </article>
  );
}
