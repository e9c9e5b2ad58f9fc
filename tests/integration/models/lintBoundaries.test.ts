/** The process-boundary rules of eslint.config.js fire where they should, and only there. */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: root });
});

async function errors(code: string, file: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, file) });
  return result!.messages.filter((m) => m.severity === 2).map((m) => `${m.ruleId}: ${m.message}`);
}

describe('lint boundaries', () => {
  it('keeps Baileys out of the supervisor', async () => {
    const code = "import { makeWASocket } from '@whiskeysockets/baileys';\nexport const s = makeWASocket;\n";
    expect(await errors(code, 'supervisor/src/x.ts')).toEqual([
      expect.stringContaining('The supervisor never loads Baileys'),
    ]);
    expect(await errors(code, 'session-actor/src/x.ts')).toEqual([]);
  });

  it('keeps node-only code out of the renderer', async () => {
    for (const spec of ['@switchboard/shared/node', 'mongoose', 'node:fs', 'fs', 'mongodb/lib/x']) {
      const code = `import * as m from '${spec}';\nexport const x = m;\n`;
      expect(await errors(code, 'desktop/src/renderer/app.ts'), spec).toEqual([expect.stringContaining('The renderer runs in the browser')]);
      expect(await errors(code, 'desktop/src/main/app.ts'), spec).toEqual([]);
    }
    expect(await errors("import { MESSAGE_KINDS } from '@switchboard/shared';\nexport const k = MESSAGE_KINDS;\n", 'desktop/src/renderer/app.ts')).toEqual([]);
  });

  it('keeps composition in the server package', async () => {
    const server = "import { startNode } from '@switchboard/server';\nexport const s = startNode;\n";
    for (const file of ['supervisor/src/x.ts', 'gateway/src/x.ts', 'shared/src/x.ts', 'desktop/src/renderer/x.ts']) {
      expect(await errors(server, file), file).toEqual([expect.stringContaining('Only the server package composes the node')]);
    }
    const consoleBuild = "import { ensureConsoleBuilt } from '@switchboard/desktop/build';\nexport const c = ensureConsoleBuilt;\n";
    expect(await errors(consoleBuild, 'supervisor/src/x.ts')).toEqual([expect.stringContaining('The supervisor supervises')]);
    const supervisor = "import { Supervisor } from '@switchboard/supervisor';\nexport const s = Supervisor;\n";
    expect(await errors(supervisor, 'gateway/src/x.ts')).toEqual([expect.stringContaining('The gateway reaches actors only through the SessionHub')]);
    // The server wires them together.
    expect(await errors(`${consoleBuild}${supervisor}import { startGateway } from '@switchboard/gateway';\nexport const g = startGateway;\n`, 'server/src/main.ts')).toEqual([]);
  });

  it('forbids deep imports into another package from package code', async () => {
    const relative = "import { x } from '../../shared/src/node/index.ts';\nexport const y = x;\n";
    expect(await errors(relative, 'gateway/src/app.ts')).toEqual([expect.stringContaining('No deep imports')]);
    const named = "import { x } from '@switchboard/shared/src/node/index.ts';\nexport const y = x;\n";
    expect(await errors(named, 'gateway/src/app.ts')).toEqual([expect.stringContaining('package.json exports')]);
    const own = "import { x } from '../node/index.ts';\nexport const y = x;\n";
    expect(await errors(own, 'shared/src/domain/x.ts')).toEqual([]);
    const supervisorSrc = "import { x } from '../../supervisor/src/Supervisor.ts';\nexport const y = x;\n";
    expect(await errors(supervisorSrc, 'server/src/main.ts')).toEqual([expect.stringContaining('No deep imports')]);
    expect(await errors(relative, 'tests/integration/x/x.test.ts')).toEqual([]);
  });

  it('forbids console in library code but not in CLIs and tests', async () => {
    const code = "console.log('hi');\n";
    expect(await errors(code, 'gateway/src/routes/x.ts')).toEqual([expect.stringContaining('no-console')]);
    expect(await errors(code, 'server/src/seedCli.ts')).toEqual([]);
    expect(await errors(code, 'server/src/fromConfig.ts')).toEqual([expect.stringContaining('no-console')]);
    expect(await errors(code, 'tests/integration/x/x.test.ts')).toEqual([]);
  });
});
