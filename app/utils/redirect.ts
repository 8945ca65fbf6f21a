/** Only same-site paths are followed after sign-in, never another host. */
export function safeNext(value: unknown, fallback = '/konto') {
  return typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') && !value.includes('\\') ? value : fallback;
}
