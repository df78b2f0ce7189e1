import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { PYTHON, requirePython } from '../../noise/test/python.ts';

describe('diffusion metrics (Python)', () => {
  it('Frechet distance matches the scipy.linalg.sqrtm reference; distances, TOST, permutation test and bank plan behave', () => {
    requirePython(['torch', 'numpy', 'scipy', 'sklearn']);
    const r = spawnSync(PYTHON, ['-m', 'unittest', '-v', 'test_metrics'], { cwd: 'experiments/diffusion', encoding: 'utf8' });
    expect(r.stderr).toMatch(/Ran \d+ tests/);
    expect(r.status, r.stderr).toBe(0);
  });
});
