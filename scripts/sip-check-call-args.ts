/**
 * sip-check's `--call` options, without the call itself (./sip-check-call): parsing them must
 * not load the call engine's configuration on every start (docs/cli.md).
 */

export const CALL_USAGE = `
Test call (after a passing registration test):
  --call inbound           register for the duration and wait for your call (then --wait-s N,
                           default TEST_CALL_WAIT_S or 120); --transfer-to EXT transfers it
  --call outbound          call --dial NUMBER through the PBX (e.g. its echo test)
`;

export const CALL_OPTIONS = {
  call: { type: "string" },
  "wait-s": { type: "string" },
  "transfer-to": { type: "string" },
  dial: { type: "string" },
} as const;

export type CallArgs =
  | { direction: "inbound"; waitS: number | null; transferTo: string | null }
  | { direction: "outbound"; dial: string };

const NUMBER = /^[A-Za-z0-9+*#._-]{1,64}$/;

/** Returns the call arguments, null without --call, or a usage message. */
export function parseCallArgs(
  v: Record<string, string | boolean | undefined>,
): CallArgs | null | { usage: string } {
  const str = (k: string) => (typeof v[k] === "string" ? (v[k] as string) : undefined);
  const call = str("call");
  if (call === undefined) {
    const stray = ["wait-s", "transfer-to", "dial"].find((k) => str(k) !== undefined);
    return stray ? { usage: `--${stray} needs --call` } : null;
  }
  if (call === "outbound") {
    const dial = str("dial");
    if (!dial || !NUMBER.test(dial))
      return { usage: "--call outbound needs --dial NUMBER (digits, letters, + * # . _ -)" };
    if (str("wait-s") || str("transfer-to"))
      return { usage: "--wait-s and --transfer-to are for --call inbound" };
    return { direction: "outbound", dial };
  }
  if (call !== "inbound") return { usage: "--call must be inbound or outbound" };
  if (str("dial")) return { usage: "--dial is for --call outbound" };
  const wait = str("wait-s");
  if (wait !== undefined && (!/^\d{1,3}$/.test(wait) || Number(wait) < 5 || Number(wait) > 600)) {
    return { usage: "--wait-s must be 5 to 600 seconds" };
  }
  const transferTo = str("transfer-to");
  if (transferTo !== undefined && !NUMBER.test(transferTo))
    return { usage: "--transfer-to must be an extension (digits, letters, + * # . _ -)" };
  return {
    direction: "inbound",
    waitS: wait === undefined ? null : Number(wait),
    transferTo: transferTo ?? null,
  };
}
