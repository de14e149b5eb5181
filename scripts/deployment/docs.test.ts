/** The operator's entry points: README's Deploying section and k8s/README.md, in step with k8s/. */
import { describe, expect, it } from 'vitest';
import { readRepoFile, readYaml } from './repo-files';

describe('deployment docs', () => {
  const readme = readRepoFile('README.md');
  const k8sReadme = readRepoFile('k8s/README.md');

  it('README has a Deploying section just before Benchmarks, pointing to compose and k8s/README.md', () => {
    const headings = [...readme.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
    expect(headings.indexOf('Deploying')).toBe(headings.indexOf('Benchmarks') - 1);
    const section = readme.slice(readme.indexOf('## Deploying'), readme.indexOf('## Benchmarks'));
    expect(section).toContain('docker compose up');
    expect(section).toContain('(k8s/README.md)');
  });

  it('k8s/README.md applies the kustomization and describes every file it applies', () => {
    expect(k8sReadme).toContain('kubectl apply -k k8s');
    const { resources } = readYaml<{ resources: string[] }>('k8s/kustomization.yaml');
    for (const file of [...resources, 'secret.example.yaml', 'kustomization.yaml']) {
      expect(k8sReadme).toContain(`| \`${file}\``);
    }
  });
});
