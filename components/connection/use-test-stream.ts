"use client";
import { useCallback, useRef, useState } from "react";
import type { ConnectionDto, StepDto, TestStreamEvent, TestSummaryDto } from "@/lib/connections/types";
import type { PublicError } from "@/lib/errors";
import { readNdjson } from "@/lib/http/ndjson";
import type { StepName } from "@/lib/verdicts/codes";
import type { UiError } from "./error-message";

export type StreamOutcome = { test: TestSummaryDto; connection: ConnectionDto; canActivate: boolean };

function isEvent(v: unknown): v is TestStreamEvent {
  return typeof v === "object" && v !== null && "type" in v && typeof v.type === "string";
}

/** Runs a test through POST /api/connections/:id/test and shows each step as it streams in. */
export function useTestStream(onOutcome: (o: StreamOutcome) => void) {
  const [running, setRunning] = useState(false);
  const [steps, setSteps] = useState<StepDto[]>([]);
  const [error, setError] = useState<UiError | null>(null);
  const [startedAt, setStartedAt] = useState(0);
  /** The step running now, its time limit and when it began (from the `step_start` event). */
  const [current, setCurrent] = useState<{ name: StepName; limitMs: number; since: number } | null>(null);
  const busy = useRef(false);

  const start = useCallback(
    async (connectionId: string) => {
      if (busy.current) return;
      busy.current = true;
      setRunning(true);
      setStartedAt(Date.now());
      setCurrent(null);
      setSteps([]);
      setError(null);
      const handle = (e: TestStreamEvent) => {
        if (e.type === "step_start") setCurrent({ name: e.name, limitMs: e.limitMs, since: Date.now() });
        else if (e.type === "step") {
          setSteps((s) => [...s, e.step]);
          setCurrent((c) => (c?.name === e.step.name ? null : c));
        } else if (e.type === "result")
          onOutcome({ test: e.test, connection: e.connection, canActivate: e.canActivate });
        else if (e.type === "error") setError(fromPublic(e.error));
      };
      try {
        const res = await fetch(`/api/connections/${connectionId}/test`, {
          method: "POST",
          headers: { accept: "application/x-ndjson" },
          cache: "no-store",
        });
        if (!res.ok || !res.body) {
          const body: unknown = await res.json().catch(() => null);
          const pub =
            body && typeof body === "object" && "error" in body ? (body.error as PublicError) : null;
          setError(pub ? fromPublic(pub) : { code: "internal" });
          return;
        }
        await readNdjson(res.body, (v) => {
          if (isEvent(v)) handle(v);
        });
      } catch {
        setError({ code: "network" });
      } finally {
        busy.current = false;
        setCurrent(null);
        setRunning(false);
      }
    },
    [onOutcome],
  );

  return { running, steps, error, start, startedAt, current };
}

function fromPublic(e: PublicError): UiError {
  return { code: e.code, retryAfterSeconds: e.retryAfterSeconds };
}
