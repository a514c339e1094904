import { assertValidObjectKey, MAX_OBJECT_KEY_LENGTH } from './object-key';
import { InvalidObjectKeyError } from './object-storage.errors';

describe('assertValidObjectKey', () => {
  it.each(['cases/2026/0b6f1c8e-2f1e-4d7e-9a51-0f4c3b1a9d2e/documents/7f3a.pdf', 'a', 'report_v1.2-final', 'archive/seal.manifest.json'])('accepts %j', (key) => {
    expect(() => assertValidObjectKey(key)).not.toThrow();
  });

  it.each([
    ['', /empty/],
    ['../etc/passwd', /"\.\."/],
    ['cases/../../etc/passwd', /"\.\."/],
    ['cases/..', /"\.\."/],
    ['a..b', /"\.\."/],
    ['/etc/passwd', /absolute/],
    ['cases//x', /segments/],
    ['cases/', /segments/],
    ['./x', /segments/],
    ['cases/./x', /segments/],
    ['.upload-123', /segments/],
    ['cases\\..\\x', /"\.\."/],
    ['cases\\x', /segments/],
    ['a b', /segments/],
    ['caf\u00e9', /segments/],
    ['x\u0000y', /segments/],
    ['C:/windows', /segments/],
    ['x'.repeat(MAX_OBJECT_KEY_LENGTH + 1), /longer than/],
  ])('refuses %j', (key, reason) => {
    expect(() => assertValidObjectKey(key)).toThrow(InvalidObjectKeyError);
    expect(() => assertValidObjectKey(key)).toThrow(reason);
  });
});
