import { afterEach, vi } from 'vitest';

// An unexpected console.error is a failure: it usually means a swallowed exception or a React warning.
let errors: unknown[][] = [];
const original = console.error;
vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
  errors.push(args);
  original(...args);
});

afterEach(() => {
  const seen = errors;
  errors = [];
  if (seen.length) throw new Error(`console.error was called ${seen.length} time(s): ${String(seen[0][0]).slice(0, 300)}`);
});
