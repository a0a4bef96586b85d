import { expect } from 'vitest';
import { parseProgrammeFile, ProgrammeFileError } from '../../src/programme/load.ts';

/** The problems a programme file text is refused with (fails the test when it is accepted). */
export function problemsOf(text: string): string[] {
  try {
    parseProgrammeFile('bad.yaml', text);
  } catch (e) {
    expect(e).toBeInstanceOf(ProgrammeFileError);
    return (e as ProgrammeFileError).problems;
  }
  throw new Error('expected the file to be refused');
}
