import pg from "pg";

export interface PgListener {
  /** True while the LISTEN connection is up (notifications may be missed while it is not). */
  readonly connected: boolean;
  stop(): Promise<void>;
}

/**
 * LISTENs on PostgreSQL channels over a dedicated connection (a pooled one would lose its
 * LISTEN when returned to the pool), reconnecting every `retryMs` while the database is away.
 * `onConnected` runs after each (re)connection, once the LISTENs are in place: notifications
 * sent while disconnected are lost, so callers catch up there.
 */
export function listenToChannels(options: {
  connectionString: string;
  channels: string[];
  onNotification: (channel: string, payload: string | undefined) => void;
  onConnected?: () => void;
  onDisconnected?: () => void;
  retryMs?: number;
}): PgListener {
  const retryMs = options.retryMs ?? 1000;
  let running = true;
  let client: pg.Client | null = null;
  let retryTimer: NodeJS.Timeout | null = null;

  const lost = (which: pg.Client) => {
    if (client !== which) return;
    client = null;
    options.onDisconnected?.();
    void which.end().catch(() => {});
    scheduleConnect();
  };

  const scheduleConnect = () => {
    if (!running || retryTimer) return;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      void connect();
    }, retryMs);
  };

  async function connect(): Promise<void> {
    if (!running || client) return;
    const candidate = new pg.Client({ connectionString: options.connectionString });
    candidate.on("error", () => lost(candidate));
    candidate.on("end", () => lost(candidate));
    candidate.on("notification", (message) => options.onNotification(message.channel, message.payload));
    try {
      await candidate.connect();
      for (const channel of options.channels) await candidate.query(`listen ${pg.escapeIdentifier(channel)}`);
      if (!running) {
        await candidate.end().catch(() => {});
        return;
      }
      client = candidate;
      options.onConnected?.();
    } catch {
      await candidate.end().catch(() => {});
      scheduleConnect();
    }
  }

  void connect();
  return {
    get connected() {
      return client !== null;
    },
    async stop() {
      running = false;
      if (retryTimer) clearTimeout(retryTimer);
      const current = client;
      client = null;
      await current?.end().catch(() => {});
    },
  };
}
