import { getFixedT } from '../../i18n.server';
import { publicUrl } from '../../utils/env.server';

// Every message is a template in locales/*/email.json, rendered in the recipient's language when sent.
// Bodies say what happened and link with an opaque token; they carry no child's name or contact.
export const templates = ['verify-email', 'reset-password', 'invitation', 'signup-received', 'signup-confirmation', 'signup-decision', 'activity-expiring', 'organisation-decision', 'consent-request', 'follow-up-due', 'equipment-pickup', 'guide-invitation', 'club-consent-request', 'club-consent-answered', 'self-request-received', 'consent-recorded', 'case-assigned', 'referral-waiting', 'case-ended', 'account-exists', 'accessibility-report'] as const;
export type Template = (typeof templates)[number];

export async function renderMessage(template: Template, language: string, params: Record<string, string>) {
  const t = await getFixedT(language, 'email');
  const base = publicUrl();
  const values = { ...params, link: params.path ? `${base}${params.path}${params.path.includes('?') ? '&' : '?'}lng=${language}` : base };
  return {
    subject: t(`${template}.subject`, values),
    text: `${t(`${template}.body`, values)}\n\n${t('footer', values)}`,
  };
}
