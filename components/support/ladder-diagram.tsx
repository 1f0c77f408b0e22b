import { useTranslations } from "next-intl";
import { type MessageKind, messageKind, type TraceView } from "./test-data";

/**
 * The redacted SIP trace of one test as a ladder (sequence) diagram: our tester on the left,
 * the PBX on the right, one arrow per message in the order they were sent or received. The
 * diagram is an ordered list, so screen readers get the same facts as text; the arrows are
 * decoration. Each message's full (redacted) text opens in a <details>, so no script is needed.
 */

const LINE: Record<MessageKind, string> = {
  request: "bg-brand-600",
  provisional: "bg-slate-500",
  success: "bg-green-700",
  redirect: "bg-amber-700",
  failure: "bg-red-700",
};
const HEAD: Record<MessageKind, string> = {
  request: "fill-brand-600",
  provisional: "fill-slate-500",
  success: "fill-green-700",
  redirect: "fill-amber-700",
  failure: "fill-red-700",
};

function Arrow({ kind, direction }: { kind: MessageKind; direction: "sent" | "received" }) {
  const head = (
    <svg
      viewBox="0 0 10 10"
      className={`h-3 w-3 shrink-0 ${HEAD[kind]}`}
      aria-hidden="true"
      focusable="false"
    >
      <polygon points={direction === "sent" ? "0,0 10,5 0,10" : "10,0 0,5 10,10"} />
    </svg>
  );
  return (
    <div className="flex items-center" aria-hidden="true">
      {direction === "received" && head}
      <div className={`h-0.5 flex-1 ${LINE[kind]}`} />
      {direction === "sent" && head}
    </div>
  );
}

function ms(value: number): string {
  return `${Math.round(value)} ms`;
}

export function LadderDiagram({ trace, id }: { trace: TraceView[]; id: string }) {
  const t = useTranslations("support.ladder");
  const titleId = `${id}-title`;
  if (trace.length === 0) {
    return <p className="text-sm text-slate-600">{t("empty")}</p>;
  }
  const first = trace[0];
  // A stored trace never changes, so its position is a stable identity.
  const rows = trace.map((e, i) => ({ e, i, key: `m${i}`, delta: e.at - (trace[i - 1]?.at ?? e.at) }));
  const remotes = [...new Set(trace.map((e) => e.remote).filter((r) => r !== ""))];
  return (
    <figure aria-labelledby={titleId} className="space-y-2" data-testid="ladder">
      <figcaption id={titleId} className="text-sm font-semibold text-slate-800">
        {t("title", { count: trace.length })}
      </figcaption>
      <div className="grid grid-cols-[5.5rem_1fr] gap-x-2 text-xs text-slate-700" aria-hidden="true">
        <span />
        <div className="flex justify-between gap-4">
          <span>
            <strong className="block">{t("tester")}</strong>
            <span className="font-mono">{first?.local}</span>
          </span>
          <span className="text-right">
            <strong className="block">{t("pbx")}</strong>
            <span className="font-mono">{remotes.join(", ")}</span>
          </span>
        </div>
      </div>
      <ol className="space-y-1">
        {rows.map(({ e, key, delta, i }) => {
          const kind = messageKind(e.firstLine);
          return (
            <li key={key} className="grid grid-cols-[5.5rem_1fr] gap-x-2">
              <span className="pt-1 text-right font-mono text-xs text-slate-600">
                +{ms(e.at)}
                {i > 0 && <span className="block text-slate-500">Δ {ms(delta)}</span>}
              </span>
              <div className="min-w-0 border-x-2 border-slate-400 px-2 pt-1 pb-2">
                <p className="sr-only">
                  {e.direction === "sent"
                    ? t("sentSr", { remote: e.remote, transport: e.transport, at: ms(e.at) })
                    : t("receivedSr", { remote: e.remote, transport: e.transport, at: ms(e.at) })}
                </p>
                <p
                  className={`truncate font-mono text-xs ${e.direction === "sent" ? "text-left" : "text-right"}`}
                  title={e.firstLine}
                >
                  {e.firstLine}
                  <span className="ml-2 text-slate-500" aria-hidden="true">
                    {e.transport.toUpperCase()}
                  </span>
                </p>
                <Arrow kind={kind} direction={e.direction} />
                {e.text !== "" && (
                  <details className="mt-1">
                    <summary className="cursor-pointer text-xs text-brand-700">{t("showMessage")}</summary>
                    <pre className="mt-1 max-h-80 overflow-auto rounded bg-slate-900 p-2 text-xs whitespace-pre-wrap break-all text-slate-50">
                      {e.text}
                    </pre>
                  </details>
                )}
              </div>
            </li>
          );
        })}
      </ol>
    </figure>
  );
}
