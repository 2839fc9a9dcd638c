// The load generator of bench/public-load.ts, run as its own process so that it never shares an
// event loop (or a core's time slice accounting) with the server: autocannon against one address
// with N keep-alive connections for a fixed time. Input: one JSON argument
// {url, connections, seconds, headers}. Output: one JSON line with the figures the bench uses.
import autocannon from "autocannon";

const { url, connections, seconds, headers } = JSON.parse(process.argv[2]);
const startUs = Number(process.hrtime.bigint() / 1000n);
const r = await autocannon({ url, connections, duration: seconds, headers, timeout: 30 });
const endUs = Number(process.hrtime.bigint() / 1000n);
process.stdout.write(
  `${JSON.stringify({
    requests: r.requests.total,
    seconds: r.duration,
    rps: r.requests.total / r.duration,
    p50: r.latency.p50,
    p90: r.latency.p90,
    p99: r.latency.p99,
    max: r.latency.max,
    bytes: r.throughput.total,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    // The same clock as a V8 CPU profile's timestamps (CLOCK_MONOTONIC, µs), to cut the profile.
    startUs,
    endUs,
  })}\n`,
);
