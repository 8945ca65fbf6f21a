import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { CONSENT_TEXT_VERSION, SELF_REQUEST_TEXT_VERSION } from './consent.server';
import { consentTextKeys } from './privacy-contact.server';

// Each stored consent names the text version it was given to (DESIGN.md: "the exact text version shown
// is stored with the answer"), and the receipt shows that version beside the text. So the words of a
// version must never change under it. This test hashes the bokmål source of every key of each text
// and compares it with the hash recorded when the version was made: edit one of these strings and it
// fails until you add a new version constant in referral.server.ts and record its hash here.
// (Translations follow bokmål and are drafts under review; fixing a translation keeps the version.)
const recorded: Record<string, string> = {
  [CONSENT_TEXT_VERSION]: 'af76ace91d91ef119d37d1b82f3ebc4ea89f3cc030d0214dca6b725e183a3b4d',
  [SELF_REQUEST_TEXT_VERSION]: '19aa865cb4f5648fafb34b62fc94ae6c6d238109ad2d7e5cce3281ca70512bd0',
};

const nb = JSON.parse(readFileSync('locales/nb/referral.json', 'utf8'));
const textOf = (key: string) => key.split('.').reduce((node, k) => node?.[k], nb) as unknown as string;

const hashOf = (keys: readonly string[]) =>
  createHash('sha256')
    .update(JSON.stringify(keys.map((k) => [k, textOf(k)])))
    .digest('hex');

describe('consent text versions', () => {
  test.each(Object.keys(consentTextKeys))('the bokmål text of version %s is the text recorded for it', (version) => {
    for (const key of consentTextKeys[version]) expect(typeof textOf(key), key).toBe('string');
    expect(hashOf(consentTextKeys[version]), `the text of ${version} changed: give it a new version`).toBe(recorded[version]);
  });
});
