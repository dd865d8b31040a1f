/*
 * Reads the install steps out of a README, so the adoption test follows exactly what an adopter
 * reads. In the `## Installation` section (up to the next `## ` heading):
 *   ```sh      every line that is not a comment is a command, run from the app's root
 *   ```ts      whose first line is `// packages/backend/src/index.ts`: lines added to the
 *              backend before `backend.start()`
 *   ```yaml    whose first line is `# app-config.yaml`: merged into the app's app-config.yaml
 * Other blocks are documentation only.
 */
import { readFileSync } from 'node:fs';

const BACKEND_INDEX = 'packages/backend/src/index.ts';

/**
 * @param {string} readmePath
 * @returns {{ commands: string[], backendLines: string[], appConfig: string[] }}
 */
export function readInstallSteps(readmePath) {
  const text = readFileSync(readmePath, 'utf8');
  const start = text.search(/^## Installation\s*$/m);
  if (start < 0) {
    throw new Error(`${readmePath} has no "## Installation" section`);
  }
  const rest = text.slice(start + 3);
  const end = rest.search(/^## /m);
  const section = end < 0 ? rest : rest.slice(0, end);

  const steps = { commands: [], backendLines: [], appConfig: [] };
  for (const [, lang, body] of section.matchAll(
    /^```(\w+)[^\n]*\n([\s\S]*?)^```/gm,
  )) {
    const lines = body.replace(/\n$/, '').split('\n');
    if (lang === 'sh' || lang === 'bash') {
      steps.commands.push(
        ...lines.map(l => l.trim()).filter(l => l && !l.startsWith('#')),
      );
    } else if (lang === 'ts' && lines[0].trim() === `// ${BACKEND_INDEX}`) {
      steps.backendLines.push(...lines.slice(1));
    } else if (lang === 'yaml' && lines[0].trim() === '# app-config.yaml') {
      steps.appConfig.push(lines.slice(1).join('\n'));
    }
  }
  if (steps.commands.length === 0) {
    throw new Error(`${readmePath}: its Installation section has no sh block`);
  }
  return steps;
}
