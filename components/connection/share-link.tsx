import { buttonClass } from "@/components/ui/button";
import { CopyButton } from "./copy-button";

/** A link handed to someone else: copy it, or open a prepared e-mail (the body carries the link). */
export function ShareLink({
  url,
  mail,
  labels,
}: {
  url: string;
  mail: { subject: string; body: string };
  labels: { copy: string; copied: string; copyFailed: string; mail: string };
}) {
  const mailto = `mailto:?subject=${encodeURIComponent(mail.subject)}&body=${encodeURIComponent(mail.body)}`;
  return (
    <div className="flex flex-wrap items-center gap-3">
      <CopyButton
        text={url}
        label={labels.copy}
        copiedLabel={labels.copied}
        failedLabel={labels.copyFailed}
      />
      <a href={mailto} className={buttonClass("secondary")}>
        {labels.mail}
      </a>
    </div>
  );
}
