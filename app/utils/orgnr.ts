/** Norwegian organisation number: nine digits, the last a MOD11 check digit with weights 3 2 7 6 5 4 3 2. */
export function isValidOrgnr(value: string) {
  if (!/^\d{9}$/.test(value)) return false;
  const weights = [3, 2, 7, 6, 5, 4, 3, 2];
  const sum = weights.reduce((n, w, i) => n + w * Number(value[i]), 0);
  const rest = sum % 11;
  const check = rest === 0 ? 0 : 11 - rest;
  return check !== 10 && check === Number(value[8]);
}
