import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function runSuggest(lines: string[]): { stdout: string[]; status: number | null } {
  const result = spawnSync(process.execPath, ['bin/parley.js', 'astra', 'suggest'], {
    cwd: root,
    input: lines.join('\n') + '\n',
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { stdout: result.stdout.split('\n').filter((l) => l !== ''), status: result.status };
}

describe('parley astra suggest', () => {
  it('answers every input line: a suggestion for valid ones, an error for invalid ones', () => {
    const valid = {
      domain: 'casino',
      counts: [3, 3, 3],
      utilities: [5, 4, 3],
      // The partner keeps all but 2 food: 10 for us, above BATNA, and unfair.
      history: [{ speaker: 'partner', act: { type: 'propose', allocation: [1, 3, 3] } }],
    };
    const { stdout, status } = runSuggest([
      JSON.stringify(valid),
      '{not json',
      JSON.stringify({ ...valid, domain: 'chess' }),
      JSON.stringify({ ...valid, utilities: [5, 5, 5] }),
      JSON.stringify({
        ...valid,
        history: [{ speaker: 'self', act: { type: 'propose', allocation: [3, 3, 3] } }],
      }),
      JSON.stringify({ ...valid, options: { alpha: -1 } }),
      '',
      JSON.stringify({
        domain: 'dealornodeal',
        counts: [1, 2, 2],
        utilities: [2, 2, 2],
        history: [],
      }),
    ]);
    expect(status).toBe(0);
    expect(stdout).toHaveLength(7);
    const [first, badJson, badDomain, badUtilities, notOurTurn, badOption, dnd] = stdout.map(
      (l) => JSON.parse(l) as Record<string, unknown>,
    );
    expect(first).toMatchObject({ action: 'propose', act: { type: 'propose' } });
    expect(first?.explanation).toMatchObject({
      fairness: { verdict: 'unfair' },
      stance: { stance: 'neutral' },
    });
    expect(badJson?.error).toMatch(/^line 2: invalid JSON/);
    expect(badDomain?.error).toMatch(/^line 3: domain: domain must be one of dealornodeal, casino/);
    expect(badUtilities?.error).toMatch(/^line 4: .*worth 36 in total to self, not 45/);
    expect(notOurTurn?.error).toMatch(/^line 5: .*self's turn/);
    expect(badOption?.error).toMatch(/^line 6: options\.alpha/);
    // Blank line 7 is skipped; line 8 still gets its answer.
    expect(dnd).toMatchObject({ action: 'propose' });
  });
});
