// `npm start`: the app behind its HTTP front (server/http/front.mjs): the client address from
// the socket (or TRUSTED_PROXIES), and request bodies capped before Next reads them.
import http from "node:http";
import next from "next";
import { DEFAULT_BODY_LIMIT, frontHandler, parseTrustedProxies } from "./server/http/front.mjs";

const args = process.argv.slice(2);
const flag = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const port = Number(flag("-p") ?? process.env.PORT ?? 3000);
const hostname = flag("-H") ?? process.env.HOSTNAME ?? "0.0.0.0";
const dev = args.includes("--dev");
let trusted;
try {
  trusted = parseTrustedProxies(process.env.TRUSTED_PROXIES);
} catch (e) {
  console.error(`Invalid environment configuration:\n  ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
}
const bodyLimit = Number(process.env.MAX_BODY_BYTES ?? DEFAULT_BODY_LIMIT);

const app = next({ dev, hostname, port });
await app.prepare();
const handle = app.getRequestHandler();
const server = http.createServer(frontHandler({ handle, trusted, bodyLimit }));
server.listen(port, hostname, () => {
  console.log(`> Ready on http://${hostname === "0.0.0.0" ? "localhost" : hostname}:${port}`);
});
const stop = () => server.close(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
