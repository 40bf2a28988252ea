/** 53-bit string hash (cyrb53): small, pure and stable across runtimes. */
function cyrb53(text: string, seed: number): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/**
 * A stable id for a set of needs: the same members give the same key whatever their order, so a
 * proposal can be recognised across runs. Two independent 53-bit hashes make collisions negligible.
 */
export function groupKey(needIds: readonly string[]): string {
  const joined = [...needIds].sort().join("\n");
  return `g${cyrb53(joined, 0).toString(16).padStart(14, "0")}${cyrb53(joined, 0x9e3779b9).toString(16).padStart(14, "0")}`;
}
