import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * What a fit script does with the weights it fitted: `check` fails unless the file holds exactly
 * them (the file is what the development data gives), `dryRun` leaves the file alone, otherwise
 * it is written. `script` names the fit that regenerates the file.
 */
export function saveWeights(file: URL, weights: unknown, mode: { check?: boolean; dryRun?: boolean }, script: string, log: (m: string) => void): void {
  const text = `${JSON.stringify(weights, null, 1)}\n`;
  const name = `data/${basename(fileURLToPath(file))}`;
  if (mode.check) {
    if (readFileSync(file, 'utf8') !== text) throw new Error(`${name} is not what the development data gives: run ${script}`);
    log('weights file matches the fit');
  } else if (mode.dryRun) log('dry run: weights not written');
  else {
    writeFileSync(file, text);
    log(`weights written to ${file.pathname}`);
  }
}
