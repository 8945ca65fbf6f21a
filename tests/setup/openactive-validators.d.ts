// The OpenActive validators ship no types; these are the parts the tests call.
declare module '@openactive/data-model-validator' {
  export function validate(data: unknown, options?: Record<string, unknown>): Promise<unknown[]>;
}
declare module '@openactive/rpde-validator' {
  export function RpdeValidator(url: string, options?: Record<string, unknown>): Promise<{ pages: { url: string; errors: { severity: string; type: string; message: string }[] }[] }>;
}
