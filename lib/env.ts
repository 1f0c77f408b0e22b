import "server-only";
import { z } from "zod";
import { bindAddress, DEFAULT_RTP_RANGE, portRange, publicAddresses } from "@/lib/validation/call-config";
import { trustedProxies } from "@/lib/validation/trusted-proxies";

/** Empty strings count as unset, so `FOO=` in a shell or .env behaves like no FOO at all. */
const optional = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === "" ? undefined : v.trim()));

const schema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  /** Unset: the embedded PGlite database under DATA_DIR. */
  DATABASE_URL: optional.pipe(z.url({ protocol: /^postgres(ql)?$/ }).optional()),
  DATA_DIR: optional.transform((v) => v ?? ".data"),
  /** `v2:<base64>,v1:<base64>`; the first listed with the highest version encrypts. */
  CREDENTIAL_KEYS: optional,
  /** CIDRs the SIP tester may reach although they are not public (tests, `npm run pbx:demo`). */
  SIP_CHECK_ALLOW_CIDRS: optional,
  /** Per-step budget of the SIP test in milliseconds. */
  SIP_CHECK_TIMEOUT_MS: optional
    .transform((v) => (v === undefined ? undefined : Number(v)))
    .pipe(z.number().int().min(500).max(30_000).optional()),
  /** Our public IP address(es) as PBXs see them, for SIP Contact and RTP (the guide shows them). */
  SIP_PUBLIC_ADDRESSES: optional.pipe(publicAddresses.optional()),
  /** UDP ports for the test call's media, e.g. 10000-20000 (default). */
  RTP_PORT_RANGE: optional.pipe(portRange.optional()),
  /** Local address the test call's RTP sockets bind to (default 0.0.0.0). */
  SIP_BIND_ADDRESS: optional.pipe(bindAddress.optional()),
  /** How long an inbound test call waits for the customer's call, seconds (default 120). */
  TEST_CALL_WAIT_S: optional
    .transform((v) => (v === undefined ? undefined : Number(v)))
    .pipe(z.number().int().min(10).max(600).optional()),
  /** Secret for signing sessions (better-auth). Required in production. */
  AUTH_SECRET: optional,
  /** The public origin of the app, e.g. https://connect.example.com (links in handoff e-mails). */
  APP_URL: optional.pipe(z.url().optional()),
  /** Seconds between health checks of an active connection (server/monitor). */
  MONITOR_INTERVAL_S: optional
    .transform((v) => (v === undefined ? 300 : Number(v)))
    .pipe(z.number().int().min(1).max(86_400)),
  /** Checks one worker process runs at once (each waits on the network, not the CPU). */
  MONITOR_CONCURRENCY: optional
    .transform((v) => (v === undefined ? 20 : Number(v)))
    .pipe(z.number().int().min(1).max(500)),
  /** Off (`0`) keeps `npm run dev` from starting the in-process scheduler and worker. */
  MONITOR_IN_DEV: optional.transform((v) => v !== "0"),
  /** smtp://user:pass@host:587 or smtps://…; unset: alerts are logged instead of mailed. */
  SMTP_URL: optional.pipe(z.url({ protocol: /^smtps?$/ }).optional()),
  /** Our public source addresses, named in "probably banned us" alerts as what to whitelist. */
  MONITOR_SOURCE_ADDRESSES: optional.transform((v) =>
    v === undefined
      ? []
      : v
          .split(",")
          .map((a) => a.trim())
          .filter(Boolean),
  ),
  /**
   * Reverse proxies (addresses/CIDRs) whose X-Forwarded-For the HTTP front believes; server.mjs
   * applies them, this check makes a typo a start-up error in every process.
   */
  TRUSTED_PROXIES: optional.pipe(trustedProxies.optional()),
  /** The From of alert mails. */
  MAIL_FROM: optional.transform((v) => v ?? "Phone Connection <alerts@localhost>"),
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

/** Validates the environment once per process; a bad value stops start-up with a clear message. */
export function env(): Env {
  if (cached) return cached;
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment configuration:\n${lines.join("\n")}`);
  }
  if (parsed.data.NODE_ENV === "production" && !parsed.data.CREDENTIAL_KEYS) {
    throw new Error("CREDENTIAL_KEYS must be set in production (see README: Configuration).");
  }
  cached = parsed.data;
  return cached;
}

/** Tests change process.env between cases; this forgets the cached parse. */
export function resetEnvCache(): void {
  cached = undefined;
}

/**
 * Where the tester connects from, for firewall advice: SIP_PUBLIC_ADDRESSES (empty when not
 * configured) and the media range the test call uses (RTP_PORT_RANGE or its default).
 */
export function firewallInfo(): { signalling: string[]; rtpRange: string } {
  const e = env();
  const range = e.RTP_PORT_RANGE ?? DEFAULT_RTP_RANGE;
  return { signalling: e.SIP_PUBLIC_ADDRESSES ?? [], rtpRange: `${range.min}–${range.max}` };
}
