import { expect, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import type { AccordServer } from './accord-server';
import { signInHere } from './accounts';
import { codesReceived, nextCode } from './agreement';
import { courtWithStaff, type Court } from './court-case';
import { chooseOption, uniqueEmail, type Lang } from './fixtures';
import { adminActor, newMediator, party, type Actor } from './mediating-case';
import { signedInAt } from './sign-in';
import { STRINGS } from './strings';

/** The video meeting is elsewhere; in the tests it is a page of our own. */
export const MEETING = 'https://meeting.example.com/j/';

/** A browser of its own (a context: its own session) for one person. Times are shown in UTC, so a time typed into a picker is the one the test computed. */
async function personPage(browser: Browser, baseURL: string, locale: string): Promise<Page> {
  const context = await browser.newContext({ baseURL, locale, timezoneId: 'UTC' });
  await context.route(`${MEETING}**`, (route) =>
    route.fulfill({ contentType: 'text/html', body: '<!doctype html><html lang="en"><title>Video meeting</title><h1>Video meeting</h1></html>' }),
  );
  return context.newPage();
}

/** A browser of its own for one person, signed in (through the API: the sign-in page is not the subject) at `path`. */
export async function personAt(browser: Browser, baseURL: string, locale: string, lang: Lang, who: { email: string }, path: string, password?: string): Promise<Page> {
  const page = await personPage(browser, baseURL, locale);
  await signedInAt(page, who.email, path, password);
  return page;
}

/** The same, signing in on the sign-in page as the person would: the closed loop goes through the web pages only. */
export async function personSigningInAt(browser: Browser, baseURL: string, locale: string, lang: Lang, who: { email: string }, path: string, password?: string): Promise<Page> {
  const page = await personPage(browser, baseURL, locale);
  await page.goto(path);
  await signInHere(page, lang, who.email, password);
  return page;
}

/** Signed in, the screens follow the person's profile: switch it with the header's button until the page is in `lang`. */
export async function inLanguage(page: Page, lang: Lang): Promise<void> {
  const html = page.locator('html');
  // The profile's language applies a moment after the account has loaded (and another test may
  // have left this person's profile in the other language): look again until it holds.
  await expect(page.getByTestId('user-menu')).toBeVisible();
  await expect(async () => {
    if ((await html.getAttribute('lang')) !== lang) await page.getByTestId('language-switch').click();
    await expect(html).toHaveAttribute('lang', lang, { timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
}

/** "YYYY-MM-DD HH:mm" in UTC (the contexts' time zone), as the date pickers take it typed. */
export const typedTime = (minutesFromNow: number): string => new Date(Date.now() + minutesFromNow * 60_000).toISOString().slice(0, 16).replace('T', ' ');

export interface LoopCast {
  court: Court;
  /** Serves the court (its profile names it), so the court's referral is offered to this mediator. */
  mediator: Actor;
  /** Has an account, verified: the court names it, and the referred case is in its list at once. */
  applicant: Actor;
  /** No account yet: it comes from the e-mailed notice. */
  respondent: { email: string; name: string };
}

/**
 * The people of the loop the administrator makes before any case exists (the existing specs'
 * way, through the API): a court with a clerk and a judge, a mediator who serves that court,
 * and the applicant's account.
 */
export async function loopCast(request: APIRequestContext, accord: AccordServer, lang: Lang): Promise<LoopCast> {
  const admin = await adminActor(request, accord);
  const court = await courtWithStaff(request, accord, lang);
  const en = lang === 'en';
  const mediator = await newMediator(request, admin, lang, { courtIds: [court.id], disputeTypes: ['patent'] });
  const applicant = await party(request, admin, 'loop-applicant', en ? 'Hangzhou Jia Technology Co., Ltd.' : '杭州甲科技有限公司', lang);
  return { court, mediator, applicant, respondent: { email: uniqueEmail('loop-respondent'), name: en ? 'Shenzhen Yi Electronics Co., Ltd.' : '深圳乙电子有限公司' } };
}

/** The clerk's referral form (/court/referrals/new), filled and sent: a patent dispute before filing. Answers the new case's number. */
export async function referCase(page: Page, lang: Lang, cast: LoopCast, referralNumber: string, title: string): Promise<string> {
  const s = STRINGS[lang];
  const r = s.courtReferral;
  await expect(page.getByRole('heading', { level: 1, name: r.form.title })).toBeVisible({ timeout: 30_000 });
  await page.locator('#referralNumber').fill(referralNumber);
  await page.locator('#title').fill(title);
  await page.locator('#ipRights_0_number').fill('ZL202310012345.6');
  await page.locator('#applicant_name').fill(cast.applicant.name);
  await page.locator('#applicant_legalRepresentative').fill('张三');
  await chooseOption(page.locator('#applicant_idType'), s.filing.idTypes.unified_social_credit_code);
  await page.locator('#applicant_idNumber').fill('91330100MA2H3X4Y5Z');
  await page.locator('#applicant_phone').fill('+8657188880000');
  await page.locator('#applicant_email').fill(cast.applicant.email);
  await page.locator('#respondents_0_name').fill(cast.respondent.name);
  await page.locator('#respondents_0_legalRepresentative').fill('王五');
  await page.locator('#respondents_0_email').fill(cast.respondent.email);
  await page.locator('#claims_0_amount').fill('200000.00');
  await page
    .locator('#statement')
    .fill(
      lang === 'en'
        ? 'The respondent sells wireless chargers that use the patented coil-alignment method without a licence.'
        : '被申请人未经许可销售使用涉案专利线圈对准方法的无线充电器，请求停止侵权并赔偿损失。',
    );
  await page.getByRole('checkbox', { name: s.filing.consents.online }).check();
  await page.getByRole('checkbox', { name: s.filing.consents.eService }).check();
  await page.getByRole('button', { name: r.form.submit }).click();
  const done = page.getByRole('heading', { level: 1, name: new RegExp(r.form.done.replace('{{number}}', 'ACC-\\d{4}-\\d{6}')) });
  await expect(done).toBeVisible();
  return /ACC-\d{4}-\d{6}/.exec(await done.innerText())![0];
}

/** On the signing page: an e-mailed code asked for, typed in, signed. */
export async function signWithEmailedCode(page: Page, accord: AccordServer, lang: Lang, email: string): Promise<void> {
  const a = STRINGS[lang].agreement;
  const before = codesReceived(accord.smtp, email);
  await page.getByRole('button', { name: a.sign.send }).click();
  const code = await nextCode(accord.smtp, email, before);
  await page.getByLabel(a.sign.code, { exact: true }).fill(code);
  await page.getByRole('button', { name: a.sign.submit }).click();
}
