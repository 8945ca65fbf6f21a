import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { languages } from '../i18n';

// Read once at boot from locales/; the browser fetches only its own language through /locales/<lng>/<ns>.
function load() {
  const dir = path.join(process.cwd(), 'locales');
  const out: Record<string, Record<string, Record<string, unknown>>> = {};
  for (const lng of languages) {
    out[lng] = {};
    for (const file of readdirSync(path.join(dir, lng)).filter((f) => f.endsWith('.json'))) {
      out[lng][file.replace(/\.json$/, '')] = JSON.parse(readFileSync(path.join(dir, lng, file), 'utf8'));
    }
  }
  return out;
}

export const resources = load();
