import { clickParcel, expect, largestParcel, openApp, test, waitForReady } from './fixtures';

test('tag a parcel against the rules with a reason; the tag and its history survive a reload', async ({
  page,
}) => {
  await openApp(page);
  const id = await largestParcel(page);
  await clickParcel(page, id);
  await expect(page.getByTestId('suggestion')).toBeVisible();
  const suggested = (await page.getByTestId('suggested-category').textContent()) ?? '';
  const target = suggested.includes('零星用地')
    ? { value: 'rural-stock', text: '农村存量建设用地' }
    : { value: 'leftover', text: '零星用地' };

  await page.getByTestId('tab-edit').click();
  await page.locator('select[name="category"]').selectOption(target.value);
  await page.getByTestId('save-edit').click();
  // Overriding the rules' suggestion without a reason is refused, inline.
  await expect(page.getByTestId('form-error')).toContainText('原因');
  await page.getByTestId('edit-reason').fill('现场核实：夹心地，无法单独开发');
  await page.getByTestId('save-edit').click();
  await expect(page.getByTestId('parcel-category')).toHaveText(target.text);
  await expect(page.getByTestId(`legend-${target.value}`)).toBeVisible();

  await page.reload();
  await waitForReady(page);
  await clickParcel(page, id);
  await expect(page.getByTestId('parcel-category')).toHaveText(target.text);
  await page.getByTestId('tab-history').click();
  const history = page.getByTestId('history');
  await expect(history).toContainText(target.text);
  await expect(history).toContainText('现场核实：夹心地，无法单独开发');
});

test('an invalid fact is refused inline and nothing is saved', async ({ page }) => {
  await openApp(page);
  const id = await largestParcel(page);
  await clickParcel(page, id);
  await page.getByTestId('tab-edit').click();
  await page.locator('input[name="totalInvestment"]').fill('100');
  await page.locator('input[name="investedAmount"]').fill('250');
  await page.getByTestId('save-edit').click();
  await expect(page.locator('.field-error').first()).toBeVisible();
  await expect(page.locator('input[name="investedAmount"]')).toHaveAttribute('aria-invalid', 'true');
  await page.getByRole('button', { name: '取消' }).click();
  await page.getByTestId('tab-history').click();
  await expect(page.getByTestId('history-empty')).toBeVisible();
});

test('undo restores the previous tag', async ({ page }) => {
  await openApp(page);
  const id = await largestParcel(page);
  await clickParcel(page, id);
  const before = (await page.getByTestId('parcel-status').textContent()) ?? '';
  await page.getByTestId('tab-edit').click();
  const status = page.locator('select[name="status"]');
  const options = await status.locator('option').allTextContents();
  const next = options.find((o) => o !== before);
  if (!next) throw new Error('no next status');
  await status.selectOption({ label: next });
  await page.getByTestId('edit-reason').fill('复核');
  await page.getByTestId('save-edit').click();
  await expect(page.getByTestId('parcel-status')).toHaveText(next);
  await page.getByTestId('undo').click();
  await expect(page.getByTestId('parcel-status')).toHaveText(before);
});
