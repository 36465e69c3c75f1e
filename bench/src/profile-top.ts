// `node bench/dist/profile-top.js file.cpuprofile [n]`: where a service spent its CPU, by self
// time per function and by package, from a `node --cpu-prof` profile (as `npm run bench -- --profile` writes).
import { readFileSync } from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
const [file, count = '25'] = process.argv.slice(2);
if (!file) throw new Error('usage: node bench/dist/profile-top.js <file.cpuprofile> [n]');
const profile = JSON.parse(readFileSync(file, 'utf8')) as { nodes: Node[]; samples: number[]; timeDeltas: number[] };
const selfTime = new Map<number, number>();
profile.samples.forEach((id, i) => {
  selfTime.set(id, (selfTime.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
});
const total = [...selfTime.values()].reduce((a, b) => a + b, 0);
const byFunction = new Map<string, number>();
const byPackage = new Map<string, number>();
for (const node of profile.nodes) {
  const t = selfTime.get(node.id) ?? 0;
  const { functionName, url, lineNumber } = node.callFrame;
  const where = url
    .replace(/^file:\/\//, '')
    .replace(/.*node_modules\//, 'nm:')
    .replace(/.*\/work\/main\//, '');
  const key = `${functionName || '(anonymous)'} ${where}:${lineNumber + 1}`;
  byFunction.set(key, (byFunction.get(key) ?? 0) + t);
  const pkg = url.includes('node_modules/')
    ? url
        .split('node_modules/')
        .pop()!
        .split('/')
        .slice(0, url.split('node_modules/').pop()!.startsWith('@') ? 2 : 1)
        .join('/')
    : url.startsWith('node:') || url === ''
      ? functionName.startsWith('(')
        ? functionName
        : 'node internals'
      : 'our code';
  byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + t);
}
const show = (m: Map<string, number>, n: number) =>
  [...m]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, t]) => `${((t / total) * 100).toFixed(1).padStart(5)}%  ${k}`)
    .join('\n');
console.log(
  `total ${(total / 1e6).toFixed(1)} s sampled\n\nby package:\n${show(byPackage, 15)}\n\nby function (self time):\n${show(byFunction, Number(count))}`,
);
