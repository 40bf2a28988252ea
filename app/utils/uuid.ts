const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a value from a URL or form can be a row id (so PostgreSQL is never asked to cast junk). */
export function isUuid(value: string): boolean {
  return uuidPattern.test(value);
}
