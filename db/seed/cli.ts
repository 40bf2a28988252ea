import { parseArgs } from "node:util";
import { createRuntime } from "../../server/runtime.js";
import { getEnv } from "../../app/utils/env.server.js";
import { seedDemoData } from "./demo.js";

/**
 * `npm run seed -- --providers 2000 --seed 42`: replaces all providers with generated demo data
 * and rebuilds the search index. Refuses to run with NODE_ENV=production unless --force.
 */
const usage = `Usage: npm run seed -- [--providers N] [--seed S] [--force]

  --providers N  how many providers to generate (default: SEED_PROVIDERS, ${getEnv().SEED_PROVIDERS})
  --seed S       random seed; the same seed gives the same providers (default: 42)
  --force        allow running with NODE_ENV=production (it DELETES every provider)`;

function integerOption(value: string | undefined, name: string, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new Error(`--${name} must be an integer between ${min} and ${max}, got ${JSON.stringify(value)}`);
  }
  return n;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      providers: { type: "string" },
      seed: { type: "string" },
      force: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(usage);
    return 0;
  }
  const env = getEnv();
  const providers = integerOption(values.providers, "providers", env.SEED_PROVIDERS, 0, 100_000);
  const seed = integerOption(values.seed, "seed", 42, 0, 2 ** 32 - 1);
  if (env.NODE_ENV === "production" && !values.force) {
    console.error("Refusing to seed with NODE_ENV=production: it deletes every provider. Pass --force if you mean it.");
    return 1;
  }

  const started = performance.now();
  console.log(`seeding ${providers} providers with seed ${seed}`);
  const runtime = await createRuntime({ env });
  console.log(`services ready, database migrated (${Math.round(performance.now() - started)} ms)`);
  try {
    await seedDemoData(runtime, { providers, seed, onProgress: (line) => console.log(line) });
  } finally {
    await runtime.close();
  }
  console.log(`total ${Math.round(performance.now() - started)} ms`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
