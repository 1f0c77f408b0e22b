/**
 * The client address through the real front (server.mjs, as `npm start`): every per-IP limit keys
 * on the socket's address, whatever X-Forwarded-For says, unless the socket is a trusted proxy
 * (TRUSTED_PROXIES=127.0.0.1/32 here, e2e/fixtures/start-server.mjs); then on the right-most
 * untrusted hop. An untrusted client is played from 127.0.0.2, the proxy from 127.0.0.1, so the
 * browser specs' own budget (127.0.0.1 without X-Forwarded-For) is never touched.
 */
import { randomBytes } from "node:crypto";
import http from "node:http";
import { expect, type Page, test } from "@playwright/test";
import { signIn } from "./helpers/auth";
import { readState } from "./helpers/state";
import { fillAccount, LABELS, startNew } from "./helpers/wizard";

const PORT = Number(process.env.E2E_PORT);
const ORIGIN = `http://localhost:${PORT}`;
const UNTRUSTED = "127.0.0.2";
const PROXY = "127.0.0.1";

type Answer = { status: number; text: string };

function send(o: {
  from: string;
  method: "GET" | "POST";
  path: string;
  forwardedFor: string;
  json?: unknown;
  cookie?: string;
}): Promise<Answer> {
  const body = o.json === undefined ? undefined : JSON.stringify(o.json);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: "127.0.0.1",
        port: PORT,
        localAddress: o.from,
        method: o.method,
        path: o.path,
        headers: {
          host: `localhost:${PORT}`,
          origin: ORIGIN,
          "x-forwarded-for": o.forwardedFor,
          ...(o.cookie === undefined ? {} : { cookie: o.cookie }),
          ...(body === undefined
            ? {}
            : { "content-type": "application/json", "content-length": Buffer.byteLength(body) }),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

/** A fresh spoofed address per request: what a client rotating X-Forwarded-For sends. */
const spoofed = (i: number) => `203.0.113.${i % 250}, 192.0.2.${(i * 7) % 250}`;

const openLink = (from: string, forwardedFor: string) =>
  send({ from, method: "GET", path: `/handoff/${randomBytes(24).toString("base64url")}`, forwardedFor });
const submit = (from: string, forwardedFor: string) =>
  send({
    from,
    method: "POST",
    path: "/handoff/submit",
    forwardedFor,
    json: { token: randomBytes(24).toString("base64url"), values: {} },
  });
/** The refusal the page shows (its title), not the client messages shipped along with it. */
const refusal = (a: Answer) => /data-testid="handoff-refused"[^>]*><h1[^>]*>([^<]*)</.exec(a.text)?.[1];
const limited = (a: Answer) => {
  const title = refusal(a);
  expect(title, "the page shows a refusal").toBeDefined();
  return title === "Too many attempts";
};

test.describe("per-IP limits through the real front", () => {
  test("handoff link open (30 per 10 min): rotating X-Forwarded-For from an untrusted socket still runs out", async () => {
    for (let i = 0; i < 30; i++) {
      const a = await openLink(UNTRUSTED, spoofed(i));
      expect(a.status).toBe(200);
      expect(limited(a), `request ${i + 1}`).toBe(false);
    }
    expect(limited(await openLink(UNTRUSTED, spoofed(99)))).toBe(true);
  });

  test("handoff submit (10 an hour): rotating X-Forwarded-For from an untrusted socket still gets 429", async () => {
    for (let i = 0; i < 10; i++)
      expect((await submit(UNTRUSTED, spoofed(i))).status, `request ${i + 1}`).toBe(410);
    expect((await submit(UNTRUSTED, spoofed(99))).status).toBe(429);
  });

  test("behind the trusted proxy the right-most untrusted hop is the client: spoofing to its left changes nothing", async () => {
    const client = "198.51.100.7";
    for (let i = 0; i < 10; i++)
      expect((await submit(PROXY, `${spoofed(i)}, ${client}`)).status, `request ${i + 1}`).toBe(410);
    expect((await submit(PROXY, `${spoofed(99)}, ${client}`)).status).toBe(429);
    // Another client behind the same proxy has its own budget; so does a trusted hop on the right.
    expect((await submit(PROXY, `${client}, 198.51.100.8`)).status).toBe(410);
    expect((await submit(PROXY, `198.51.100.9, ${PROXY}`)).status).toBe(410);
    // And the open limit keys on the same address.
    for (let i = 0; i < 30; i++)
      expect(limited(await openLink(PROXY, `${spoofed(i)}, 198.51.100.10`))).toBe(false);
    expect(limited(await openLink(PROXY, `${spoofed(99)}, 198.51.100.10`))).toBe(true);
    expect(limited(await openLink(PROXY, "198.51.100.11"))).toBe(false);
  });

  test("test stream (30 requests per 10 min per client): rotating X-Forwarded-For from an untrusted socket still runs out", async ({
    page,
  }) => {
    // Organization B's budgets, so the other specs' organization keeps its own.
    await signIn(page, "customerB");
    const cookie = (await page.context().cookies())
      .filter((c) => c.name.endsWith("pc.session_token"))
      .map((c) => `${c.name}=${c.value}`)
      .join("; ");
    expect(cookie).not.toBe("");
    // Two drafts on a closed loopback port: a test that runs ends fast with "unreachable".
    const a = await draft(page, "Limit A");
    const b = await draft(page, "Limit B");
    const runTest = (id: string, from: string, forwardedFor: string) =>
      send({ from, method: "POST", path: `/api/connections/${id}/test`, forwardedFor, cookie }).then(
        verdictOf,
      );

    // 30 requests on A from one socket under 30 claimed addresses: the first 10 run (A's own
    // limit is 10 an hour), the rest are refused by A's limit, and each uses a client slot.
    const verdicts: string[] = [];
    for (let i = 0; i < 30; i++) verdicts.push(await runTest(a, UNTRUSTED, spoofed(i)));
    expect(verdicts.slice(0, 10)).toEqual(Array(10).fill("unreachable"));
    expect(verdicts.slice(10)).toEqual(Array(20).fill("rate_limited"));
    // B has run no test: only the client's limit can refuse it, whatever address is claimed.
    expect(await runTest(b, UNTRUSTED, spoofed(99))).toBe("rate_limited");
    // Another client behind the trusted proxy has its own budget: B's test runs.
    expect(await runTest(b, PROXY, `${spoofed(98)}, 198.51.100.30`)).toBe("unreachable");
  });

  test("the auth library's own sign-in endpoint stays closed, whatever address is claimed", async () => {
    for (const [from, i] of [
      [UNTRUSTED, 0],
      [PROXY, 1],
      [UNTRUSTED, 2],
      [PROXY, 3],
    ] as const) {
      const a = await send({
        from,
        method: "POST",
        path: "/api/auth/sign-in/email",
        forwardedFor: spoofed(i),
        json: { email: "nobody@e2e.test", password: `guess-${i}-xxxxxxxx` },
      });
      expect(a.status).toBe(404);
    }
  });
});

const UUID_PATH = /\/connections\/([0-9a-f-]{36})/;

/** A draft connection of the signed-in customer on a closed loopback port; returns its id. */
async function draft(page: Page, label: string): Promise<string> {
  const { accounts, closedPort } = readState();
  await startNew(page);
  await fillAccount(page, { ...accounts.good, domain: `127.0.0.1:${closedPort}`, label });
  await page.getByRole("button", { name: LABELS.en.saveDraft }).click();
  await expect(page).toHaveURL(UUID_PATH);
  const id = UUID_PATH.exec(new URL(page.url()).pathname)?.[1];
  if (!id) throw new Error("no connection id in the URL");
  return id;
}

/** The verdict of an NDJSON test stream's result line. */
function verdictOf(a: Answer): string {
  expect(a.status).toBe(200);
  const result = a.text
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l) as { type: string; test?: { verdict: string } })
    .find((e) => e.type === "result");
  if (!result?.test) throw new Error(`no result in the stream: ${a.text.slice(0, 300)}`);
  return result.test.verdict;
}
