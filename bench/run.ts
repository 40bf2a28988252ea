import { parseArgs } from "node:util";
import { createRuntime } from "../server/runtime.js";
import { getEnv } from "../app/utils/env.server.js";
import { formatAggregationRows, runAggregationBench } from "./aggregation-bench.js";
import { runDashboardBench } from "./dashboard-bench.js";
import { benchSearch } from "./search-bench.js";

/**
 * `npm run bench`: performance figures on this machine. Uses its own data folder and ports
 * (unless DATABASE_URL / MEILI_URL are set), so it never touches the demo data of `npm start`.
 */
const { values } = parseArgs({
  options: {
    providers: { type: "string", default: "20000" },
    duration: { type: "string", default: "15" },
    connections: { type: "string", default: "10" },
    "web-processes": { type: "string", default: "1,2" },
    needs: { type: "string", default: "50000" },
    /** Which benchmarks: search, aggregation, dashboard (the soak runs on its own: npm run bench:soak). */
    only: { type: "string", default: "search,aggregation,dashboard" },
  },
});
const selected = new Set(values.only!.split(","));

if (selected.has("aggregation")) {
  const row = await runAggregationBench({ needs: Number(values.needs), seed: 42 });
  console.log("\nshared-service aggregation engine (issue 5 target: 50k needs in a few seconds)");
  console.log(formatAggregationRows([row]));
}
if (selected.has("dashboard")) {
  console.log("\ncommunity dashboard, a year of data for 100k families (issue 6 target: p95 < 300 ms)");
  await runDashboardBench({ families: 100_000, http: true, connections: 4, durationS: 10 });
}
if (!selected.has("search")) process.exit(0);

const env = getEnv({
  ...process.env,
  VICINATO_DATA_DIR: process.env.VICINATO_DATA_DIR ?? ".data/bench",
  EMBEDDED_PG_PORT: process.env.EMBEDDED_PG_PORT ?? "54339",
  EMBEDDED_MEILI_PORT: process.env.EMBEDDED_MEILI_PORT ?? "7711",
});
const runtime = await createRuntime({ env });
try {
  console.log(`machine: ${(await import("node:os")).cpus().length} cores, Node ${process.version}`);
  await benchSearch(runtime, {
    providers: Number(values.providers),
    durationS: Number(values.duration),
    connections: Number(values.connections),
    webProcesses: values["web-processes"]!.split(",").map(Number),
  });
} finally {
  await runtime.close();
}
