export * from './amount-in-words';
export * from './document-money';
export * from './language';
export * from './legal-dates';
export * from './party-numbering';
export * from './raw-tokens';
export * from './terms';
export * from './punctuation';
