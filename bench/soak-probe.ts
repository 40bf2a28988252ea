/**
 * Preloaded (`--import`) into the web process that bench/soak.ts starts: answers "memory?" on the
 * IPC channel with process.memoryUsage(), so the soak can follow the server's heap as well as its
 * RSS. Does nothing when the process has no IPC channel; never keeps the process alive.
 */
if (process.send && process.channel) {
  process.on("message", (message) => {
    if (message === "memory?") process.send?.({ type: "memory", at: Date.now(), ...process.memoryUsage() });
  });
  process.channel.unref();
}

export {};
