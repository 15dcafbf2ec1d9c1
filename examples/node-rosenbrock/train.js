#!/usr/bin/env node
// A non-Python trial: Rosenbrock's function "trained" by gradient descent in Node.js.
// It reads its parameters from EXPERIMENTHUB_PARAMS (the agent sets it) or from --name=value arguments,
// and reports on standard output with the EXPERIMENTHUB line protocol; no client library needed.
'use strict';

const params = Object.assign({ x0: -1.5, y0: 2.0, lr: 0.001, steps: 200 },
  JSON.parse(process.env.EXPERIMENTHUB_PARAMS || '{}'));
for (const arg of process.argv.slice(2)) {
  const m = /^--([^=]+)=(.*)$/.exec(arg);
  if (m) params[m[1]] = Number(m[2]);
}

const f = (x, y) => (1 - x) ** 2 + 100 * (y - x * x) ** 2;
let x = Number(params.x0);
let y = Number(params.y0);
for (let step = 1; step <= params.steps; step++) {
  const gx = -2 * (1 - x) - 400 * x * (y - x * x);
  const gy = 200 * (y - x * x);
  x -= params.lr * gx;
  y -= params.lr * gy;
  const loss = f(x, y);
  if (step % 10 === 0 || step === params.steps) {
    // Diverged runs report NaN/Infinity as they are; the server keeps them.
    console.log(`EXPERIMENTHUB step=${step} loss=${Number.isFinite(loss) ? loss : (Number.isNaN(loss) ? 'nan' : 'inf')}`);
  }
}
console.log(`final x=${x} y=${y}`);
