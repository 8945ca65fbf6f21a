import { unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from '@remix-run/node';

export const MAX_UPLOAD_BYTES = 1_000_000;

/** The text of the file in the form's `file` field, or null when it is missing or too large. */
export async function uploadedText(request: Request): Promise<string | null> {
  try {
    const form = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_UPLOAD_BYTES }));
    const file = form.get('file');
    return file && typeof file !== 'string' ? await file.text() : '';
  } catch {
    return null;
  }
}
