import { startKamailio } from "@/e2e/fixtures/kamailio";
const k = await startKamailio({ accounts: [{ username: "bench", password: "pw" }] });
console.log(k.udpPort);
process.on("SIGTERM", async () => { await k.stop(); process.exit(0); });
setInterval(() => {}, 1000);
