"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";

/** Copies `text`; the result is announced (aria-live) and shown next to the button. */
export function CopyButton({
  text,
  label,
  copiedLabel,
  failedLabel,
  variant = "secondary",
}: {
  variant?: "primary" | "secondary";
  text: string;
  label: string;
  copiedLabel: string;
  failedLabel: string;
}) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  return (
    <span className="inline-flex flex-wrap items-center gap-3">
      <Button
        variant={variant}
        onClick={async () => {
          try {
            await navigator.clipboard.writeText(text);
            setState("copied");
          } catch {
            setState("failed");
          }
        }}
      >
        {label}
      </Button>
      <span aria-live="polite" className="text-sm text-slate-700">
        {state === "copied" ? copiedLabel : state === "failed" ? failedLabel : ""}
      </span>
    </span>
  );
}
