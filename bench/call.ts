/**
 * Test-call benchmarks (printed, never asserted): setup time from the INVITE to our 200 OK, the
 * pacing of our RTP at 20 ms ptime, DTMF detection latency, and 100 concurrent test calls in one
 * process (CPU and memory), against the loopback Kamailio + SIPp of the call tests.
 */
import { loadavg } from "node:os";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { AI, startCallPbx } from "@/e2e/fixtures/call-pbx";
import { InbandDetector } from "@/lib/sip/call/dtmf";
import { decodeG711, encodeG711 } from "@/lib/sip/call/g711";
import { runInboundCall } from "@/lib/sip/call/inbound";
import { runOutboundCall } from "@/lib/sip/call/outbound";
import { silence, tone } from "@/lib/sip/call/prompt";
import { loopbackCall } from "@/lib/sip/call/testing/options";
import { f, line, stats } from "./stats";

async function setupTimes(n: number): Promise<void> {
  const pbx = await startCallPbx({ desk: false });
  const setup: number[] = [];
  try {
    for (let i = 0; i < n; i++) {
      let caller: Promise<unknown> | null = null;
      const r = await runInboundCall({
        ...loopbackCall(pbx.k.udpPort, AI),
        waitS: 15,
        prompt: "tones",
        listenMs: 100,
        onStatus: (e) => {
          if (e.status === "waiting")
            caller = pbx.caller("caller-silent.xml", AI.username).then((s) => s.done);
        },
      });
      await caller;
      if (r.call.setupMs !== null) setup.push(r.call.setupMs);
    }
  } finally {
    await pbx.stop();
  }
  line("setup INVITE → our 200 OK", stats(setup));
}

async function pacing(): Promise<void> {
  const pbx = await startCallPbx({ desk: false });
  try {
    await pbx.phone("600", { rtpEcho: true });
    const r = await runOutboundCall({ ...loopbackCall(pbx.k.udpPort, AI), dial: "600", listenMs: 200 });
    console.log(
      `  RTP send pacing at 20 ms ptime         mean |lateness| ${f(r.sendJitterMs)}  worst ${f(r.sendMaxLateMs)}  (${r.call.rtp.sent} packets; echo RTT ${r.echoRttMs} ms; receiver jitter ${r.call.rtp.jitterMs} ms)`,
    );
  } finally {
    await pbx.stop();
  }
}

function dtmfLatency(): void {
  const audioMs: number[] = [];
  const cpuPerFrameUs: number[] = [];
  for (const key of [
    [697, 1209],
    [770, 1336],
    [852, 1477],
    [941, 1336],
  ]) {
    for (let offset = 0; offset < 20; offset += 4) {
      const d = new InbandDetector();
      const pcm = Int16Array.from([...silence(40 + offset), ...tone(key, 120, 8000), ...silence(60)]);
      const law = decodeG711("PCMA", encodeG711("PCMA", pcm));
      const toneStart = ((40 + offset) * 8000) / 1000;
      for (let at = 0; at < law.length; at += 160) {
        const t0 = performance.now();
        const hit = d.push(law.subarray(at, at + 160), at);
        cpuPerFrameUs.push((performance.now() - t0) * 1000);
        if (hit) {
          audioMs.push(((at + 160 - toneStart) / 8000) * 1000);
          break;
        }
      }
    }
  }
  line("DTMF in-band: audio until detected", stats(audioMs));
  const cpu = stats(cpuPerFrameUs);
  console.log(
    `  DTMF in-band: CPU per 20 ms frame     p50 ${cpu.p50.toFixed(1)} µs  p99 ${cpu.p99.toFixed(1)} µs`,
  );
  console.log("  DTMF RFC 4733: reported on the first event packet (0 ms of audio)");
}

async function concurrent(n: number): Promise<void> {
  const pbx = await startCallPbx({ desk: false, workers: 2 });
  try {
    await pbx.phone("600", { rtpEcho: true, timeoutS: 120, calls: n });
    const rss0 = process.memoryUsage().rss;
    let peakRss = rss0;
    const peak = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }, 200);
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const reports = await Promise.all(
      Array.from({ length: n }, () =>
        runOutboundCall({
          ...loopbackCall(pbx.k.udpPort, AI),
          dial: "600",
          prompt: "full",
          listenMs: 500,
          timers: { t1: 500, t2: 4000 },
        }),
      ),
    );
    const wall = performance.now() - t0;
    clearInterval(peak);
    loop.disable();
    const cpu = process.cpuUsage(cpu0);
    const ok = reports.filter((r) => r.ok).length;
    const sent = reports.reduce((a, r) => a + r.call.rtp.sent, 0);
    console.log(
      `  ${n} concurrent outbound calls           ${ok}/${n} ok in ${(wall / 1000).toFixed(1)} s; CPU ${(((cpu.user + cpu.system) / 1000 / wall) * 100).toFixed(0)}% of one core; RSS +${((peakRss - rss0) / 1e6).toFixed(0)} MB (peak ${(peakRss / 1e6).toFixed(0)} MB); ${sent} RTP packets sent`,
    );
    console.log(
      `    send pacing under load: mean |lateness| ${f(stats(reports.map((r) => r.sendJitterMs)).p50)} (median call), worst ${f(Math.max(...reports.map((r) => r.sendMaxLateMs)))}`,
    );
    // Pacing depends on the event loop getting the CPU: on a shared machine, say how loaded it was.
    console.log(
      `    event loop delay p99 ${f(loop.percentile(99) / 1e6)}, max ${f(loop.max / 1e6)}; load average ${loadavg()[0]?.toFixed(1)} on this machine`,
    );
  } finally {
    await pbx.stop();
  }
}

export async function benchCall(): Promise<void> {
  console.log("\nTest call (loopback Kamailio + SIPp)");
  dtmfLatency();
  await setupTimes(10);
  await pacing();
  await concurrent(100);
}
