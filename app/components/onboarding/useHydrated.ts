import { useEffect, useState } from "react";

/** false on the server and the first browser render, true once JavaScript runs (for enhancements). */
export function useHydrated(): boolean {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}
