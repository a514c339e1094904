import { Language } from '../auth/roles';

/**
 * Notifications of the negotiation and the mediation period that are not lifecycle events. They
 * say that something happened and where to look, never what was offered or bid: e-mail and SMS
 * leave the platform, and the terms are mediation content (docs/procedural-rules.md B10).
 */
export enum MediationTemplate {
  OfferMade = 'settlement_offer_made',
  OfferAccepted = 'settlement_offer_accepted',
  OfferRejected = 'settlement_offer_rejected',
  OfferWithdrawn = 'settlement_offer_withdrawn',
  OfferExpired = 'settlement_offer_expired',
  BlindBiddingStarted = 'blind_bidding_started',
  BlindBidSubmitted = 'blind_bid_submitted',
  BlindBiddingSettled = 'blind_bidding_settled',
  BlindBiddingNotSettled = 'blind_bidding_not_settled',
  ExtensionProposed = 'period_extension_proposed',
  ExtensionDeclined = 'period_extension_declined',
}

type Text = Record<Language, string>;
const t = (zh: string, en: string): Text => ({ [Language.ZhCN]: zh, [Language.En]: en });

export const MEDIATION_TEMPLATES: Readonly<Record<MediationTemplate, { subject: Text; body: Text; sms?: boolean }>> = {
  [MediationTemplate.OfferMade]: {
    subject: t('收到新的调解方案', 'New offer to answer'),
    body: t(
      '案件 {caseNumber}（{caseTitle}）中有新的调解方案，请登录平台查看并答复。',
      'There is a new offer in case {caseNumber} ("{caseTitle}"). Sign in to read and answer it.',
    ),
    sms: true,
  },
  [MediationTemplate.OfferAccepted]: {
    subject: t('调解方案已被接受', 'Offer accepted'),
    body: t('案件 {caseNumber}（{caseTitle}）中的调解方案已被对方接受。', 'An offer in case {caseNumber} ("{caseTitle}") was accepted.'),
    sms: true,
  },
  [MediationTemplate.OfferRejected]: {
    subject: t('调解方案被拒绝', 'Offer rejected'),
    body: t('案件 {caseNumber}（{caseTitle}）中的调解方案被对方拒绝。', 'An offer in case {caseNumber} ("{caseTitle}") was rejected.'),
  },
  [MediationTemplate.OfferWithdrawn]: {
    subject: t('调解方案已撤回', 'Offer withdrawn'),
    body: t('案件 {caseNumber}（{caseTitle}）中的一项调解方案已被提出方撤回。', 'An offer in case {caseNumber} ("{caseTitle}") was withdrawn by the side that made it.'),
  },
  [MediationTemplate.OfferExpired]: {
    subject: t('调解方案已过期', 'Offer lapsed'),
    body: t(
      '案件 {caseNumber}（{caseTitle}）中的一项调解方案已过答复期限，不能再接受。',
      'An offer in case {caseNumber} ("{caseTitle}") reached its expiry and can no longer be accepted.',
    ),
  },
  [MediationTemplate.BlindBiddingStarted]: {
    subject: t('双盲报价已开始', 'Double-blind bidding opened'),
    body: t(
      '调解员在案件 {caseNumber}（{caseTitle}）中开启了双盲报价：请登录平台提交您方的保密金额，对方和调解员都看不到。',
      'The mediator opened double-blind bidding in case {caseNumber} ("{caseTitle}"): sign in to submit your side’s confidential figure. Neither the other side nor the mediator will see it.',
    ),
    sms: true,
  },
  [MediationTemplate.BlindBidSubmitted]: {
    subject: t('对方已提交双盲报价', 'The other side submitted its figure'),
    body: t(
      '案件 {caseNumber}（{caseTitle}）中，对方已提交本轮保密金额。',
      'The other side submitted its confidential figure for this round in case {caseNumber} ("{caseTitle}").',
    ),
  },
  [MediationTemplate.BlindBiddingSettled]: {
    subject: t('双盲报价达成一致', 'Blind bidding settled the amount'),
    body: t('案件 {caseNumber}（{caseTitle}）的双盲报价已确定金额，请登录平台查看。', 'Blind bidding in case {caseNumber} ("{caseTitle}") settled the amount. Sign in to see it.'),
    sms: true,
  },
  [MediationTemplate.BlindBiddingNotSettled]: {
    subject: t('本轮双盲报价未达成一致', 'This round of blind bidding did not settle'),
    body: t(
      '案件 {caseNumber}（{caseTitle}）本轮双盲报价未达成一致，任何一方的金额均不会被披露。',
      'This round of blind bidding in case {caseNumber} ("{caseTitle}") did not settle. Neither side’s figure is disclosed.',
    ),
  },
  [MediationTemplate.ExtensionProposed]: {
    subject: t('请就延长调解期限表示意见', 'Do you agree to extend the mediation period?'),
    body: t(
      '调解员提议延长案件 {caseNumber}（{caseTitle}）的调解期限。须经各方当事人同意，请登录平台同意或拒绝。',
      'The mediator proposes to extend the mediation period of case {caseNumber} ("{caseTitle}"). Every party must agree: sign in to consent or decline.',
    ),
    sms: true,
  },
  [MediationTemplate.ExtensionDeclined]: {
    subject: t('延长调解期限未获同意', 'Extension of the mediation period refused'),
    body: t(
      '有当事人不同意延长案件 {caseNumber}（{caseTitle}）的调解期限，期限不变。',
      'A party did not agree to extend the mediation period of case {caseNumber} ("{caseTitle}"); the period is unchanged.',
    ),
  },
};
