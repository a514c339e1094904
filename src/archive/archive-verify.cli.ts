import { verifyArchiveFile, type ArchiveVerification, type VerifyArchiveOptions } from './archive-verifier';

/**
 * `npm run archive:verify -- FILE.zip [--manifest-hash HEX] [--sha256 HEX] [--json]`
 * (scripts/archive-verify.cjs runs this from dist). Needs no database, no network and no
 * configuration: anyone holding the ZIP can check it. Exit status: 0 when every check
 * passes, 1 when any fails, 2 when the command itself could not run (usage, unreadable file).
 */

export const USAGE = [
  'usage: npm run archive:verify -- FILE.zip [--manifest-hash HEX] [--sha256 HEX] [--json]',
  '',
  '  --manifest-hash HEX  the manifest hash recorded when the archive was sealed',
  '  --sha256 HEX         the SHA-256 of the ZIP recorded when it was stored',
  '  --json               print the report as JSON',
].join('\n');

interface CliArgs {
  file: string;
  json: boolean;
  options: VerifyArchiveOptions;
}

function parseArgs(argv: readonly string[]): CliArgs | string {
  let file: string | undefined;
  let json = false;
  const options: VerifyArchiveOptions = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--json') json = true;
    else if (arg === '--manifest-hash' || arg === '--sha256') {
      const value = argv[++i];
      if (!value || !/^[0-9a-fA-F]{64}$/.test(value)) return `${arg} needs a 64-digit hex value`;
      if (arg === '--manifest-hash') options.expectedManifestHash = value;
      else options.expectedSha256 = value;
    } else if (arg.startsWith('-')) return `unknown option ${arg}`;
    else if (file === undefined) file = arg;
    else return `one archive at a time (got ${file} and ${arg})`;
  }
  return file === undefined ? 'no archive given' : { file, json, options };
}

export function formatReport(file: string, report: ArchiveVerification): string {
  const m = report.manifest;
  const lines = [
    `Archive ${file}`,
    `  ZIP: ${report.zip.size.toLocaleString('en-US')} bytes, SHA-256 ${report.zip.sha256}`,
    ...(m ? [`  Case ${m.case.number}, sealed ${m.archivedAt} with ${m.algorithm}: manifest hash ${m.seal.manifestHash}`] : []),
    '',
  ];
  const width = Math.min(48, Math.max(...report.items.map((i) => i.item.length)));
  for (const i of report.items) lines.push(`${i.ok ? 'OK  ' : 'FAIL'}  ${i.item.padEnd(width)}  ${i.reason}`);
  const failures = report.items.filter((i) => !i.ok).length;
  lines.push('', report.ok ? `VERIFIED: all ${report.items.length} checks passed.` : `NOT VERIFIED: ${failures} of ${report.items.length} checks failed.`);
  return lines.join('\n');
}

export async function runArchiveVerifyCli(argv: readonly string[], print: (text: string) => void): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    print(USAGE);
    return 0;
  }
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    print(`${args}\n${USAGE}`);
    return 2;
  }
  let report: ArchiveVerification;
  try {
    report = await verifyArchiveFile(args.file, args.options);
  } catch (error) {
    print(`cannot read ${args.file}: ${(error as Error).message}`);
    return 2;
  }
  if (args.json) {
    const { manifest, ...rest } = report;
    const summary = manifest && { caseNumber: manifest.case.number, algorithm: manifest.algorithm, manifestHash: manifest.seal.manifestHash, archivedAt: manifest.archivedAt };
    print(JSON.stringify({ file: args.file, ...rest, archive: summary ?? null }, null, 2));
  } else {
    print(formatReport(args.file, report));
  }
  return report.ok ? 0 : 1;
}
