export * from './amount-in-words';
export * from './document-money';
export * from './language';
export * from './legal-dates';
export * from './raw-tokens';
export * from './punctuation';
// The words for the domain's values (outcomes, roles, sides…) are src/terms/: they know the features.
