import { clickParcel, expect, largestParcel, openApp, test, waitForReady } from './fixtures';

test('regional standards are editable in settings, kept across reloads, and used by the rules', async ({
  page,
}) => {
  await openApp(page);
  const id = await largestParcel(page);
  await clickParcel(page, id);
  // The demo's largest parcel: supplied, agreed start 2026-09-05, not started yet → 供而未用.
  const before = (await page.getByTestId('suggestion').textContent()) ?? '';
  expect(before).toContain('供而未用');

  await page.getByTestId('open-settings').click();
  await page.getByTestId('region-select').selectOption('chenzhou');
  // The preset is applied (stored) before it is edited: the form then shows its values.
  await expect(page.getByTestId('region-select')).toHaveValue('chenzhou');
  await expect(page.getByTestId('region-settings')).not.toContainText('已按本地标准修改');
  await page.getByTestId('region-idleYearsNotStarted').fill('0');
  await page.getByTestId('save-region').click();
  await expect(page.getByTestId('region-settings')).toContainText('已按本地标准修改');
  await page.getByRole('dialog').getByRole('button', { name: '关闭', exact: true }).click();
  // With a local rule of "idle right after the agreed start", the same facts now suggest 闲置土地.
  await expect(page.getByTestId('suggested-category')).toHaveText('闲置土地');

  await page.reload();
  await waitForReady(page);
  await page.getByTestId('open-settings').click();
  await expect(page.getByTestId('region-idleYearsNotStarted')).toHaveValue('0');
  await expect(page.getByTestId('region-select')).toHaveValue('chenzhou');
});
