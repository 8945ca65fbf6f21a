import type { LoaderFunctionArgs } from '@remix-run/node';
import type { TFunction } from 'i18next';
import { languageNames, isLanguage } from '~/i18n';
import { consentReceipt, DATATILSYNET_URL, type PrivacyContact, type TextPart } from '~/domain/referral/privacy-contact.server';
import { getFixedT } from '~/i18n.server';
import { formatDate } from '~/utils/format';

// The guardian's receipt: the exact consent text they agreed to, in the language they answered in, with
// its text version and date. Plain text rather than a page: a file they keep works offline, opens on
// any phone, prints, can be forwarded to whoever helps them, and holds no script or link that could
// leak anything. The address carries only the opaque token, as the page's does.
export async function loader({ params }: LoaderFunctionArgs) {
  const receipt = await consentReceipt(params.token ?? '');
  if (!receipt) throw new Response('Not found', { status: 404 });
  const lng = isLanguage(receipt.first.language) ? receipt.first.language : 'nb';
  const t = await getFixedT(lng, 'referral');
  const date = (d: Date, language = lng) => formatDate(d, language, { dateStyle: 'long', timeStyle: 'short' });
  const paragraphs = (parts: TextPart[], tr: TFunction) => parts.map((p) => (p.heading ? heading(tr(p.key, p.values)) : tr(p.key, p.values)));

  const { first } = receipt;
  const text = first.text
    ? [...paragraphs(first.text, t), ...first.confirmed.parts.map((p) => t(`consent.receipt.${first.confirmed.how}`, { answer: t(p.key, p.values) }))]
    : [t(first.method === 'paper' || first.method === 'oral' ? 'consent.receipt.recorded' : 'consent.receipt.unknownVersion')];
  const later = await Promise.all(
    receipt.later.map(async (a) => {
      // Each later answer in the language it was given in, as the guardian saw it.
      const la = isLanguage(a.language) ? a.language : lng;
      const ta = await getFixedT(la, 'referral');
      const head = ta('consent.receipt.laterItem', { date: date(a.answeredAt, la), method: ta(`methodShort.${a.method}`), version: a.textVersion });
      const club = a.clubs.join(', ');
      const body =
        a.kind === 'clubYes'
          ? [ta('consent.receipt.pressed', { answer: ta('consent.clubRequest.yes', { club }) }), ta('consent.clubRequest.what')]
          : [ta(`consent.receipt.${a.kind}`, { club })];
      return [head, ...body.map((l) => `  ${l}`)].join('\n');
    }),
  );
  const end = receipt.end.at ? t(`consent.receipt.${receipt.end.kind}`, { date: date(receipt.end.at) }) : null;

  const lines = [
    heading(t('consent.receipt.title'), '='),
    t('consent.receipt.from', { kommune: receipt.kommune }),
    '',
    t('consent.receipt.answered', { date: date(first.answeredAt), method: t(`methodShort.${first.method}`) }),
    t('consent.version', { version: first.textVersion }),
    t('consent.receipt.language', { language: languageNames[lng] }),
    '',
    heading(t('consent.receipt.textHeading'), '='),
    '',
    ...text.flatMap((l) => [l, '']),
    ...(later.length ? [heading(t('consent.receipt.laterHeading'), '='), '', ...later.flatMap((l) => [l, ''])] : []),
    ...(end ? [end, ''] : []),
    ...contactLines(receipt.contact, receipt.referredByStaff, t),
    '',
    t('consent.receipt.made', { date: date(new Date()) }),
    '',
  ];
  // A byte-order mark, so a saved file opens as UTF-8 in every editor (Arabic, Tigrinya, Sámi letters).
  return new Response(`\uFEFF${lines.join('\n')}`, {
    headers: {
      'Content-Type': 'text/plain; charset=utf-8',
      'Content-Disposition': 'attachment; filename="samtykke-kvittering.txt"',
      'Cache-Control': 'private, no-store',
      'Referrer-Policy': 'no-referrer',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}

const heading = (text: string, rule = '-') => `${text}\n${rule.repeat(Math.min(Math.max(text.length, 3), 60))}`;

/** Who to ask, who already sees the data, and the rights: the same keys as the page's section. */
function contactLines(c: PrivacyContact, referredByStaff: boolean, t: TFunction) {
  const officer = c.officer ? [c.officer.name, c.officer.email, c.officer.phone].filter(Boolean).join(', ') : null;
  return [
    heading(t('consent.privacy.title'), '='),
    `${t('consent.privacy.controller')}: ${c.controller ?? t('consent.privacy.controllerKommune', { kommune: c.kommune })}`,
    ...(officer ? [`${t('consent.privacy.officer')}: ${officer}`, t('consent.privacy.officerHelp')] : [t('consent.privacy.askKommune', { kommune: c.kommune })]),
    '',
    heading(t('consent.privacy.whoSeesTitle')),
    t(referredByStaff ? 'consent.privacy.whoSees' : 'consent.privacy.whoSeesSelf', { kommune: c.kommune }),
    '',
    heading(t('consent.privacy.rightsTitle')),
    ...['rightAccess', 'rightCorrect', 'rightDelete', 'rightComplain'].map((k) => `- ${t(`consent.privacy.${k}`)}`),
    `  ${t('consent.privacy.datatilsynet')}: ${DATATILSYNET_URL}`,
    t('consent.privacy.rightsHow'),
  ];
}
