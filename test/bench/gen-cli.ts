// Generates a benchmark database: node dist/bench/gen.cjs <dir> [scale]
import { generate } from './generate';

const [dir, scale] = process.argv.slice(2);
if (!dir) throw new Error('usage: gen <dir> [scale]');
generate({ dir, scale: Number(scale ?? "0.001"), onProgress: (p, d, t) => console.log(`${(performance.now() / 1000).toFixed(1)}s ${p} ${d}/${t}`) }).then(
  (g) => console.log(JSON.stringify(g, null, 2)),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
