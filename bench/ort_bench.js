// Times ONNX Runtime (onnxruntime-node, CPU) on one model, for bench/bench.py.
//
//   node ort_bench.js MODEL.onnx FEATURES.npy RUNS [OUTPUT.npy]
//
// Prints one JSON object: `create_ms`, the time of the first
// InferenceSession.create in this process (it includes ONNX Runtime's
// one-time environment setup, as a tool's first compile would), and, when
// RUNS > 0, for intra-op thread counts 1 and 2, `run_ms[threads]`: RUNS
// timings of session.run on the whole FEATURES tensor after one warm-up
// run, whose output is written to OUTPUT.npy if given. onnxruntime-node is
// found through NODE_PATH.
'use strict';

const path = require('path');
const { performance } = require('perf_hooks');
const ort = require('onnxruntime-node');
const { readNpy, writeNpy } = require(
  path.join(__dirname, '..', 'scripts', 'fixtures', 'ort_run.js'));

const THREAD_COUNTS = [1, 2];

function sessionOptions(threads) {
  return { intraOpNumThreads: threads, interOpNumThreads: 1,
           executionMode: 'sequential', graphOptimizationLevel: 'all' };
}

async function main() {
  const [model, featuresPath, runsText, outputPath] = process.argv.slice(2);
  const runs = Number(runsText);
  if (!model || !featuresPath || !Number.isInteger(runs) || runs < 0)
    throw new Error('usage: node ort_bench.js MODEL FEATURES.npy RUNS [OUTPUT.npy]');

  let start = performance.now();
  let session = await ort.InferenceSession.create(model, sessionOptions(THREAD_COUNTS[0]));
  const result = { create_ms: performance.now() - start };
  if (runs === 0) {
    process.stdout.write(JSON.stringify(result) + '\n');
    return;
  }

  const feeds = { [session.inputNames[0]]: readNpy(featuresPath) };
  result.run_ms = {};
  for (const threads of THREAD_COUNTS) {
    if (threads !== THREAD_COUNTS[0])
      session = await ort.InferenceSession.create(model, sessionOptions(threads));
    const warmUp = await session.run(feeds); // first-run allocations
    if (outputPath && threads === THREAD_COUNTS[0])
      writeNpy(outputPath, warmUp[session.outputNames[0]]);
    result.run_ms[threads] = [];
    for (let i = 0; i < runs; ++i) {
      start = performance.now();
      await session.run(feeds);
      result.run_ms[threads].push(performance.now() - start);
    }
  }
  process.stdout.write(JSON.stringify(result) + '\n');
}

main().catch((error) => {
  console.error(`ort_bench.js: ${error.message}`);
  process.exit(1);
});
