import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { assertPreloadExternals, preloadBuildOptions } from '../../build/buildElectron.ts';

describe('the preload bundle', () => {
  it('is CommonJS and requires nothing but electron (a sandboxed preload can load nothing else)', async () => {
    const result = await build({ ...preloadBuildOptions(), write: false, metafile: true, sourcemap: false });
    expect(() => assertPreloadExternals(result.metafile)).not.toThrow();
    const code = result.outputFiles[0]!.text;
    expect([...code.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1])).toEqual(['electron']);
    expect(code).not.toMatch(/^\s*(import|export)\s/m);
  });

  it('would fail the build if the preload imported a Node module', () => {
    const metafile = { inputs: { 'src/preload/preload.ts': { bytes: 1, imports: [{ path: 'node:fs', kind: 'require-call' as const, external: true }] } }, outputs: {} };
    expect(() => assertPreloadExternals(metafile)).toThrow(/node:fs/);
  });
});
