import { nameUuid, recordIdOf, recordUuid, UUID_NAMESPACE } from './stable-uuid.server';

const RFC_LAYOUT = /^[0-9a-f]{8}-[0-9a-f]{4}-([0-9a-f])[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('derived UUIDs for HSDS', () => {
  test('a name gives the RFC 9562 version 5 UUID, the same every time', () => {
    const id = nameUuid('service:12/cost:membership:1');
    expect(RFC_LAYOUT.exec(id)?.[1]).toBe('5');
    expect(id).toBe(nameUuid('service:12/cost:membership:1'));
    expect(id).not.toBe(nameUuid('service:12/cost:membership:2'));
    expect(id).toBe(nameUuid('service:12/cost:membership:1', UUID_NAMESPACE));
    // RFC 9562's own example (appendix A.4): "www.example.com" in the DNS namespace.
    expect(nameUuid('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });

  test('a record’s UUID is stable, differs by kind, and leads back to the record and nothing else', () => {
    const service = recordUuid('service', 4711);
    expect(RFC_LAYOUT.exec(service)?.[1]).toBe('8');
    expect(recordUuid('service', 4711)).toBe(service);
    expect(recordUuid('organization', 4711)).not.toBe(service);
    expect(recordIdOf('service', service)).toBe(4711);
    expect(recordIdOf('service', service.toUpperCase())).toBe(4711);
    expect(recordIdOf('organization', service)).toBeNull();
    // The same id in the last 48 bits with any other hash part is not ours.
    expect(recordIdOf('service', `00000000-0000-8000-8000-${service.slice(24)}`)).toBeNull();
    expect(recordIdOf('service', 'not-a-uuid')).toBeNull();
    expect(recordIdOf('service', `${service.slice(0, 24)}ffffffffffff`)).toBeNull();
    for (const id of [0, 1, 2 ** 31 - 1]) expect(recordIdOf('location', recordUuid('location', id))).toBe(id);
    expect(() => recordUuid('service', -1)).toThrow(RangeError);
  });
});
