import type { Task } from "meilisearch";
import type { SearchClient } from "./search-client.server";
import { providerIndexSettings } from "./provider-index-settings";
import type { ProviderDocument } from "./search-types";

/** Writes to the provider index. Every call waits until Meilisearch has applied it, or throws. */

const WAIT = { timeout: 30_000, interval: 10 } as const;

export class SearchIndexTaskError extends Error {
  constructor(task: Task) {
    super(`Meilisearch task ${task.uid} (${task.type}) ${task.status}: ${task.error?.message ?? "no detail"}`);
    this.name = "SearchIndexTaskError";
  }
}

function ensureSucceeded(task: Task): Task {
  if (task.status !== "succeeded") throw new SearchIndexTaskError(task);
  return task;
}

async function indexExists(search: SearchClient, uid: string): Promise<boolean> {
  try {
    await search.client.getIndex(uid);
    return true;
  } catch (error) {
    if ((error as { cause?: { code?: string } }).cause?.code === "index_not_found") return false;
    throw error;
  }
}

/** Creates an index with the provider settings, or brings an existing one's settings up to date. */
export async function ensureProviderIndex(search: SearchClient, uid: string = search.providersIndex): Promise<void> {
  if (!(await indexExists(search, uid))) {
    const created = await search.client.createIndex(uid, { primaryKey: "id" }).waitTask(WAIT);
    if (created.status !== "succeeded" && created.error?.code !== "index_already_exists") ensureSucceeded(created);
  }
  ensureSucceeded(await search.client.index(uid).updateSettings(providerIndexSettings).waitTask(WAIT));
}

export async function upsertProviderDocuments(search: SearchClient, documents: ProviderDocument[], uid = search.providersIndex) {
  if (documents.length === 0) return;
  ensureSucceeded(await search.client.index(uid).addDocuments(documents, { primaryKey: "id" }).waitTask(WAIT));
}

export async function deleteProviderDocuments(search: SearchClient, ids: string[], uid = search.providersIndex) {
  if (ids.length === 0) return;
  ensureSucceeded(await search.client.index(uid).deleteDocuments(ids).waitTask(WAIT));
}

/** Atomically exchanges the live index with a freshly built one, then drops the old data. */
export async function swapInProviderIndex(search: SearchClient, builtUid: string): Promise<void> {
  await ensureProviderIndex(search);
  ensureSucceeded(await search.client.swapIndexes([{ indexes: [search.providersIndex, builtUid], rename: false }]).waitTask(WAIT));
  ensureSucceeded(await search.client.deleteIndex(builtUid).waitTask(WAIT));
}
