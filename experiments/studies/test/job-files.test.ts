/**
 * The cluster job files run the same shard / merge commands: the Slurm array script (with the variables Slurm sets)
 * and the Kubernetes Indexed Job's container commands (with JOB_COMPLETION_INDEX), run here over 2 shards of the
 * CI-size wear study, merge into the bytes of a one-process `run`.
 */
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';

const root = path.resolve(import.meta.dirname, '../../..');
const sh = (cmd: string, env: Record<string, string>): void => {
  execFileSync('sh', ['-c', cmd], { cwd: root, env: { ...process.env, ...env }, stdio: 'pipe' });
};

describe('cluster job files', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'meram-jobs-'));
  sh(`npx tsx experiments/studies/cli.ts run wear --size ci --workers 0 --out ${tmp}/one`, {});
  const reference = fs.readFileSync(path.join(tmp, 'one/wear/wear.json'), 'utf8');

  it('Slurm: two array tasks and the merge step give the bytes of one run', () => {
    const env = { STUDY: 'wear', SIZE: 'ci', OUT: `${tmp}/slurm`, SLURM_ARRAY_TASK_COUNT: '2', SLURM_CPUS_PER_TASK: '1' };
    for (const i of ['1', '0']) sh('bash deploy/slurm/studies.sbatch', { ...env, SLURM_ARRAY_TASK_ID: i });
    sh('bash deploy/slurm/studies.sbatch', { ...env, MODE: 'merge', SHARDS: '2' });
    expect(fs.readFileSync(path.join(tmp, 'slurm/wear/wear.json'), 'utf8')).toBe(reference);
    expect(fs.existsSync(path.join(tmp, 'slurm/wear/wear.md'))).toBe(true);
  }, 120_000);

  it('Kubernetes: an Indexed Job; its pods (JOB_COMPLETION_INDEX 0, 1) and the merge Job give the bytes of one run', () => {
    const docs = parse(fs.readFileSync(path.join(root, 'deploy/k8s/studies-job.yaml'), 'utf8').split(/^---$/m)[1]!) as {
      spec: { completionMode: string; completions: number; template: { spec: { containers: { command: string[]; args: string[]; env: { name: string; value: string }[] }[] } } };
    };
    expect(docs.spec.completionMode).toBe('Indexed');
    const c = docs.spec.template.spec.containers[0]!;
    expect(c.env.find((e) => e.name === 'SHARDS')!.value).toBe(String(docs.spec.completions));
    const merge = parse(fs.readFileSync(path.join(root, 'deploy/k8s/studies-merge-job.yaml'), 'utf8')) as typeof docs;
    const m = merge.spec.template.spec.containers[0]!;
    const env = { STUDY: 'wear', SIZE: 'ci', SHARDS: '2', RESULTS: `${tmp}/k8s` };
    // The pods' command with 1 worker thread (the file asks for 2: same bytes, see the worker test).
    for (const k of ['0', '1']) sh(c.args[0]!.replace('--workers 2', '--workers 1'), { ...env, JOB_COMPLETION_INDEX: k });
    sh(m.args[0]!, env);
    expect(fs.readFileSync(path.join(tmp, 'k8s/wear/wear.json'), 'utf8')).toBe(reference);
  }, 120_000);
});
