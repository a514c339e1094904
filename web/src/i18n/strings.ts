/** A language's strings with exactly the keys of the English ones, each a string: a missing or extra key fails the type check. */
export type Strings<T> = { -readonly [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };
