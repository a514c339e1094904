import { readFile } from 'node:fs/promises';
import { Workbook } from 'exceljs';
import { courtClerk } from './support/court';
import { chooseOption, expect, test, uniqueEmail, type Lang } from './support/fixtures';
import { LANGS, STRINGS } from './support/strings';
import { signedInAt } from './support/sign-in';

/** Cells for the template's columns, by position (the template's column order). */
function sheetRow(lang: Lang, tag: string, i: number): string[] {
  const zh = lang === 'zh-CN';
  return [
    `(2026)浙01民诉前调${tag}-${i}号`,
    zh ? '诉前委派调解' : 'Referred before filing',
    zh ? `外观设计专利侵权纠纷 ${i}` : `Design patent infringement ${i}`,
    zh ? '外观设计专利纠纷' : 'Design patent dispute',
    zh
      ? '被申请人制造、销售的移动电源与申请人外观设计专利近似，请求停止侵权并赔偿损失。'
      : 'The respondent makes and sells power banks that copy the applicant’s registered design.',
    zh ? '金钱给付' : 'Payment of money',
    '20000.00',
    'CNY',
    '',
    zh ? '外观设计专利' : 'Design patent',
    'ZL202230011223.3',
    'CN',
    zh ? '单位' : 'Organisation',
    zh ? '杭州甲科技有限公司' : 'Hangzhou Jia Technology',
    zh ? '张伟' : 'Zhang Wei',
    zh ? '统一社会信用代码' : 'Unified social credit code',
    '91330100MA2H3X4Y5Z',
    '+8657188880000',
    uniqueEmail('applicant'),
    '', // the applicant's domicile: an organisation is placed by its region
    zh ? '是' : 'Yes',
    zh ? '单位' : 'Organisation',
    zh ? '深圳乙电子有限公司' : 'Shenzhen Yi Electronics',
    zh ? '李强' : 'Li Qiang',
    '',
    uniqueEmail('respondent'),
    '',
  ];
}

for (const { lang, locale } of LANGS) {
  test.describe(`court referrals (${lang})`, () => {
    test.use({ locale });
    const s = STRINGS[lang];
    const r = s.courtReferral;

    test('a clerk refers one case, imports a spreadsheet (one bad row, fixed), sees the referred list and downloads it as CSV', async ({ page, audit, request, accord }) => {
      // Long: three screens, two uploads and two downloads, on a shared 2-core machine.
      test.setTimeout(240_000);
      const { email } = await courtClerk(request, accord, lang);
      const tag = Math.random().toString(36).slice(2, 8);
      await signedInAt(page, email, '/court/referrals');

      // The list, empty; a link back to the court portal. (The first page after signing in loads the app's chunks.)
      await expect(page.getByRole('heading', { level: 1, name: r.list.title })).toBeVisible({ timeout: 30_000 });
      await expect(page.getByRole('navigation', { name: r.linksLabel }).getByRole('link', { name: r.back })).toHaveAttribute('href', '/court');
      await expect(page.getByText(r.list.empty)).toBeVisible();
      await audit(page, 'court-referrals-empty');

      // ── One referral through the form ──
      await page.getByRole('button', { name: r.list.refer }).click();
      await expect(page).toHaveURL(/\/court\/referrals\/new$/);
      await expect(page.getByRole('heading', { level: 1, name: r.form.title })).toBeVisible();
      await audit(page, 'court-referral-form');
      const referralNumber = `(2026)浙01民初${tag}号`;
      await page.getByRole('radio', { name: r.types.post_filing_simplified }).check();
      await page.locator('#referralNumber').fill(referralNumber);
      await page.locator('#title').fill(lang === 'en' ? 'Trademark infringement: bicycle bells' : '商标侵权纠纷：自行车铃');
      await page.locator('#ipRights_0_number').fill('G1234567');
      await page.locator('#applicant_name').fill(lang === 'en' ? 'Bell Works Ltd' : '杭州铃铛有限公司');
      await page.locator('#applicant_legalRepresentative').fill(lang === 'en' ? 'Zhang Wei' : '张伟');
      await chooseOption(page.locator('#applicant_idType'), s.filing.idTypes.unified_social_credit_code);
      await page.locator('#applicant_idNumber').fill('91330100MA2H3X4Y5Z');
      // Without the country code: the API refuses it.
      await page.locator('#applicant_phone').fill('057188880000');
      await page.locator('#applicant_email').fill(uniqueEmail('applicant'));
      await page.locator('#respondents_0_name').fill(lang === 'en' ? 'Copy Bells Ltd' : '仿冒铃铛有限公司');
      await page.locator('#respondents_0_legalRepresentative').fill(lang === 'en' ? 'Li Qiang' : '李强');
      await page.locator('#respondents_0_email').fill(uniqueEmail('respondent'));
      await page.locator('#claims_0_amount').fill('50000.00');
      await page
        .locator('#statement')
        .fill(
          lang === 'en'
            ? 'The respondent sells bicycle bells under a mark confusingly similar to the applicant’s.'
            : '被申请人销售的自行车铃使用与申请人注册商标近似的标识，容易导致混淆。',
        );
      await page.getByRole('checkbox', { name: s.filing.consents.online }).check();
      await page.getByRole('checkbox', { name: s.filing.consents.eService }).check();
      await page.getByRole('button', { name: r.form.submit }).click();
      // The API's error sits beside the field.
      await expect(page.locator('#applicant_phone_help')).toContainText(s.problem.rules.matches);
      await audit(page, 'court-referral-form-error');
      await page.locator('#applicant_phone').fill('+8657188880000');
      await page.getByRole('button', { name: r.form.submit }).click();
      await expect(page.getByRole('heading', { level: 1, name: new RegExp(r.form.done.replace('{{number}}', 'ACC-\\d{4}-\\d{6}')) })).toBeVisible();
      await audit(page, 'court-referral-done');
      await page.getByRole('button', { name: r.form.toList }).click();
      await expect(page.getByRole('link', { name: referralNumber })).toBeVisible();

      // ── The spreadsheet import ──
      await page.getByRole('button', { name: r.list.import }).click();
      await expect(page).toHaveURL(/\/court\/referrals\/import$/);
      await expect(page.getByRole('heading', { level: 1, name: r.import.title })).toBeVisible();
      await audit(page, 'court-referral-import');
      // The template, in the page's language, is what the clerk fills in.
      const downloading = page.waitForEvent('download');
      await page.getByRole('button', { name: r.import.templateXlsx }).click();
      const template = await downloading;
      expect(template.suggestedFilename()).toBe(`referral-template-${lang}.xlsx`);
      const workbook = new Workbook();
      await workbook.xlsx.load((await readFile(await template.path())) as never);
      const sheet = workbook.worksheets[0];
      expect(sheet.getRow(1).getCell(1).text).toBe(lang === 'en' ? 'Court referral number' : '法院委派（委托）编号');
      const rows = [1, 2, 3].map((i) => sheetRow(lang, tag, i));
      const bad = rows.map((row) => [...row]);
      bad[1][1] = lang === 'en' ? 'Sometime' : '随便';
      const file = async (data: string[][]) => {
        data.forEach((row, i) => (sheet.getRow(i + 2).values = row));
        return Buffer.from(await workbook.xlsx.writeBuffer());
      };
      await page
        .locator('input[type=file]')
        .setInputFiles({ name: 'referrals.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await file(bad) });
      await expect(page.getByRole('alert').filter({ hasText: r.import.errorsTitle_one.replace('{{count}}', '1') })).toBeVisible();
      const errorRow = page.getByRole('row').filter({ hasText: lang === 'en' ? 'Referral type' : '委派类型' });
      await expect(errorRow).toHaveCount(1);
      await expect(errorRow.getByRole('cell').first()).toHaveText('3');
      await audit(page, 'court-referral-import-errors');

      await page.getByRole('button', { name: r.import.another }).click();
      await page
        .locator('input[type=file]')
        .setInputFiles({ name: 'referrals.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await file(rows) });
      await expect(page.getByRole('heading', { name: r.import.readyTitle_other.replace('{{count}}', '3') })).toBeVisible();
      await audit(page, 'court-referral-import-ready');
      await page.getByRole('button', { name: r.import.confirm_other.replace('{{count}}', '3') }).click();
      await expect(page.getByRole('heading', { name: r.import.doneTitle.replace('{{created}}', '3') })).toBeVisible();
      await audit(page, 'court-referral-import-done');

      // ── The referred list: four cases, filters in the URL, the CSV ──
      await page.getByRole('button', { name: r.import.toList }).click();
      await expect(page).toHaveURL(/\/court\/referrals$/);
      for (const row of rows) await expect(page.getByRole('link', { name: row[0] })).toBeVisible();
      await expect(page.getByRole('link', { name: referralNumber })).toBeVisible();
      await expect(page.getByRole('row')).toHaveCount(5);
      await audit(page, 'court-referrals');

      await page.getByLabel(r.list.search).fill(referralNumber);
      await page.getByLabel(r.list.search).press('Enter');
      await expect(page).toHaveURL(/[?&]q=/);
      await expect(page.getByRole('row')).toHaveCount(2);
      await page.goto('/court/referrals?type=pre_filing');
      await expect(page.getByRole('row')).toHaveCount(4);

      const csvDownload = page.waitForEvent('download');
      await page.getByRole('button', { name: r.list.export }).click();
      const csv = await readFile(await (await csvDownload).path());
      expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = csv.subarray(3).toString('utf8');
      expect(text.split('\n')[0]).toContain(lang === 'en' ? 'Court referral number' : '法院委派（委托）编号');
      for (const row of rows) expect(text).toContain(row[0]);
      expect(text).not.toContain(referralNumber);

      // On a phone the list keeps its essential columns and never scrolls sideways.
      await page.setViewportSize({ width: 375, height: 800 });
      await expect(page.getByRole('link', { name: rows[0][0] })).toBeVisible();
      // Polled: the table drops its columns once it has heard of the new width.
      await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      await audit(page, 'court-referrals');
    });
  });
}
