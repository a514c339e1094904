/** Base of every error the object storage raises on purpose, so callers can tell them from bugs. */
export abstract class ObjectStorageError extends Error {
  constructor(
    message: string,
    readonly key: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The key is not one the storage accepts (see `assertValidObjectKey`). */
export class InvalidObjectKeyError extends ObjectStorageError {
  constructor(key: string, reason: string) {
    super(`Invalid object key ${JSON.stringify(key)}: ${reason}`, key);
  }
}

/** Documents are never overwritten: a second `put` of a key fails with this. */
export class ObjectAlreadyExistsError extends ObjectStorageError {
  constructor(key: string) {
    super(`An object is already stored under "${key}"; stored objects are never overwritten`, key);
  }
}

export class ObjectNotFoundError extends ObjectStorageError {
  constructor(key: string) {
    super(`No object is stored under "${key}"`, key);
  }
}

/** The body was longer than `maxBytes`; nothing was stored. An upload endpoint answers 413. */
export class ObjectTooLargeError extends ObjectStorageError {
  constructor(
    key: string,
    readonly maxBytes: number,
  ) {
    super(`The object for "${key}" is larger than the limit of ${maxBytes} bytes; nothing was stored`, key);
  }
}
