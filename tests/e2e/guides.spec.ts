import { expect, expectAccessible, signIn, test } from './fixtures';

// The coordinator keeps a guide's profile up to date: from the queue to the list of guides, into one
// profile, a new capacity and language saved with a plain form post, and the list shows the change.

test('the coordinator changes a guide’s capacity and languages, and the list shows the new profile', async ({ page }) => {
  await signIn(page, 'koordinator@demo.fritidsportal.example', true);

  await page.goto('/koordinator');
  await page.getByRole('link', { name: 'Fritidsguider og profilene deres' }).click();
  await expect(page).toHaveURL(/\/koordinator\/guider$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Fritidsguider' })).toBeVisible();
  const row = page.getByRole('row', { name: /Piotr Veiledersen/ });
  await expect(row).toContainText('Kan få barn tildelt');
  await expectAccessible(page);

  await row.getByRole('link', { name: /Piotr Veiledersen/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Profil for Piotr Veiledersen (demo)');
  await expectAccessible(page);
  const languages = page.getByRole('group', { name: 'Språk guiden snakker' });
  await expect(languages.getByLabel('polsk')).toBeChecked();
  await expect(languages.getByLabel('somali')).not.toBeChecked();
  // Out of range: a translated error, the page still passes axe, nothing is saved.
  await page.getByLabel('Kapasitet (antall barn samtidig)').fill('31');
  await page.getByRole('button', { name: 'Lagre profilen' }).click();
  await expect(page.getByRole('alert')).toContainText('Kapasiteten må være et helt tall fra 0 til 30.');
  await expectAccessible(page);
  await page.getByLabel('Kapasitet (antall barn samtidig)').fill('9');
  await languages.getByLabel('somali').check();
  await page.getByRole('button', { name: 'Lagre profilen' }).click();

  await expect(page).toHaveURL(/\/koordinator\/guider$/);
  await expect(page.getByRole('status')).toHaveText('Profilen er lagret.');
  const saved = page.getByRole('row', { name: /Piotr Veiledersen/ });
  await expect(saved).toContainText(/\d+ av 9/);
  await expect(saved).toContainText('somali');
  await expectAccessible(page);

  // The form shows the stored profile when opened again.
  await saved.getByRole('link', { name: /Piotr Veiledersen/ }).click();
  await expect(page.getByLabel('Kapasitet (antall barn samtidig)')).toHaveValue('9');
  await expect(page.getByRole('group', { name: 'Språk guiden snakker' }).getByLabel('somali')).toBeChecked();
});
