"use client";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import type { AppLocale } from "@/lib/i18n/config";
import { setLocale } from "@/server/actions/locale";

const NAMES: Record<AppLocale, string> = { en: "English", nl: "Nederlands" };

export function LanguageSwitcher({ current, label }: { current: AppLocale; label: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <label className="flex items-center gap-2 text-sm">
      <span className="sr-only">{label}</span>
      <select
        className="rounded border border-slate-300 bg-white px-2 py-1"
        value={current}
        disabled={pending}
        aria-label={label}
        onChange={(e) => {
          const next = e.target.value;
          startTransition(async () => {
            await setLocale(next);
            router.refresh();
          });
        }}
      >
        {(Object.keys(NAMES) as AppLocale[]).map((l) => (
          <option key={l} value={l} lang={l}>
            {NAMES[l]}
          </option>
        ))}
      </select>
    </label>
  );
}
