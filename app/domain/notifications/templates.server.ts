import { directionOf } from '../../i18n';
import { getFixedT } from '../../i18n.server';
import { publicUrl } from '../../utils/env.server';

// Every message is a template in locales/*/email.json, rendered in the recipient's language when sent.
// Bodies say what happened and link with an opaque token; they carry no child's name or contact.
export const templates = ['verify-email', 'reset-password', 'invitation', 'signup-received', 'signup-confirmation', 'signup-decision', 'activity-expiring', 'organisation-decision', 'consent-request', 'follow-up-due', 'equipment-pickup', 'guide-invitation', 'club-consent-request', 'club-consent-answered', 'self-request-received', 'consent-recorded', 'case-assigned', 'referral-waiting', 'case-ended', 'account-exists', 'accessibility-report', 'kommune-admin-invitation', 'register-flag'] as const;
export type Template = (typeof templates)[number];

/** Params that hold text someone wrote (a club's title or name, a lender's address), in any language. */
const userWritten = new Set(['activity', 'organisation', 'lender', 'address', 'kommune', 'message']);
const RTL_CHAR = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/;
const FSI = '\u2068';
const PDI = '\u2069';

/**
 * Mails are plain text, so a text whose direction may differ from the mail's is wrapped in Unicode
 * isolates (FSI … PDI): a Norwegian title in an Arabic mail keeps its full stop at its end, and the
 * Arabic around it stays in order. Only where it can matter (a right-to-left mail, or right-to-left
 * text in a left-to-right one): elsewhere the isolates would only push an SMS out of the GSM alphabet.
 */
export function isolate(text: string, language: string) {
  if (!text || (directionOf(language) === 'ltr' && !RTL_CHAR.test(text))) return text;
  return `${FSI}${text}${PDI}`;
}

export async function renderMessage(template: Template, language: string, params: Record<string, string>) {
  const t = await getFixedT(language, 'email');
  const base = publicUrl();
  const marked = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, userWritten.has(k) ? isolate(v, language) : v]));
  const values = { ...marked, link: params.path ? `${base}${params.path}${params.path.includes('?') ? '&' : '?'}lng=${language}` : base };
  return {
    subject: t(`${template}.subject`, values),
    text: `${t(`${template}.body`, values)}\n\n${t('footer', values)}`,
  };
}
