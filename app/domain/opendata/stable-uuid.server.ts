import { createHash } from 'node:crypto';

// HSDS wants a UUID for every object; ours have integer ids or none. The UUIDs are derived, never
// stored, so they stay the same for as long as the record does (docs/decisions/025-hsds-api.md).

/** The portal's own namespace for derived UUIDs. Never change it: every published id would change. */
export const UUID_NAMESPACE = 'c26b9370-ec47-4d66-a6d2-52ac1caa216f';

const bytesOf = (uuid: string) => Buffer.from(uuid.replace(/-/g, ''), 'hex');
const namespaceBytes = bytesOf(UUID_NAMESPACE);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** Record ids are PostgreSQL `serial`s. */
const MAX_ID = 2 ** 31 - 1;

function sha1(name: string, namespace = namespaceBytes) {
  return createHash('sha1').update(namespace).update(name, 'utf8').digest().subarray(0, 16);
}

function withVersion(bytes: Buffer, version: number) {
  bytes[6] = (bytes[6] & 0x0f) | (version << 4);
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A name-based UUID (RFC 9562 version 5: SHA-1 of the namespace and `name`), e.g. `service:12/cost:membership:1`. */
export function nameUuid(name: string, namespace: string = UUID_NAMESPACE) {
  return withVersion(Buffer.from(sha1(name, bytesOf(namespace))), 5);
}

/**
 * The UUID of a record an address names (`/api/hsds/services/{id}`): the version 5 hash of
 * `<kind>:<id>`, with the id itself in the last 48 bits and the version set to 8 (RFC 9562's
 * version for such custom layouts). The id makes the way back a primary-key read, without a table of
 * UUIDs or a migration; the hash makes a guessed UUID miss.
 */
export function recordUuid(kind: string, id: number) {
  if (!Number.isInteger(id) || id < 0 || id > MAX_ID) throw new RangeError(`not a record id: ${id}`);
  const bytes = Buffer.from(sha1(`${kind}:${id}`));
  bytes.writeUIntBE(id, 10, 6);
  return withVersion(bytes, 8);
}

/** The record id a UUID from `recordUuid(kind, …)` stands for, or null for any other string. */
export function recordIdOf(kind: string, uuid: string): number | null {
  const value = uuid.toLowerCase();
  if (!UUID.test(value)) return null;
  const id = Number.parseInt(value.slice(24), 16);
  if (id > MAX_ID) return null;
  return recordUuid(kind, id) === value ? id : null;
}
