/**
 * Response security headers and the Content-Security-Policy (applied by proxy.ts). Plain code,
 * no server-only: the proxy bundle imports it and tests read it.
 */

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "referrer-policy": "strict-origin-when-cross-origin",
  "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
  "cross-origin-opener-policy": "same-origin",
  "cross-origin-resource-policy": "same-origin",
};

/**
 * Pages prerendered at build time carry no nonce. None are left: the provider guide renders per
 * request (it shows the running server's firewall addresses), so it gets a nonce like the rest.
 */
const PRERENDERED: readonly RegExp[] = [];
export function isStaticPath(pathname: string): boolean {
  return PRERENDERED.some((r) => r.test(pathname));
}

/**
 * With a nonce: only scripts Next marked with it run ('strict-dynamic' lets them load their
 * chunks). Without (prerendered pages): same-origin scripts plus Next's inline bootstrap.
 * Styles allow inline because React renders style attributes; no script can come from them.
 * Development needs 'unsafe-eval' (React's error overlay); production never does.
 */
export function contentSecurityPolicy(o: {
  nonce: string | null;
  dev: boolean;
  upgradeInsecure: boolean;
}): string {
  const script = o.nonce
    ? `'self' 'nonce-${o.nonce}' 'strict-dynamic'${o.dev ? " 'unsafe-eval'" : ""}`
    : `'self' 'unsafe-inline'${o.dev ? " 'unsafe-eval'" : ""}`;
  const directives = [
    "default-src 'self'",
    `script-src ${script}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    `connect-src 'self'${o.dev ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ];
  if (o.upgradeInsecure) directives.push("upgrade-insecure-requests");
  return directives.join("; ");
}
