import { createContext, useContext, type ReactNode } from "react";

/**
 * The CSP nonce of the current response. entry.server provides it from the load context; in the
 * browser it is empty (browsers hide nonce values from the DOM and scripts added after load do
 * not need one).
 */
const NonceContext = createContext<string>("");

export function NonceProvider({ value, children }: { value: string; children: ReactNode }) {
  return <NonceContext.Provider value={value}>{children}</NonceContext.Provider>;
}

export function useNonce(): string {
  return useContext(NonceContext);
}
