import { createRuntime } from "../../../server/runtime.js";
import { reindexProviders } from "./reindex.server.js";

/** `npm run reindex`: rebuild the provider index from PostgreSQL and swap it in. */
const runtime = await createRuntime();
try {
  const started = Date.now();
  const { indexed } = await reindexProviders(runtime.db, runtime.search, {
    onProgress: (n) => process.stdout.write(`\rindexed ${n} providers`),
  });
  process.stdout.write(`\nreindexed ${indexed} providers in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
} finally {
  await runtime.close();
}
