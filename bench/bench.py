#!/usr/bin/python3
"""Benchmarks hcgs against ONNX Runtime on this machine; writes RESULTS.md.

Called by bench/run.sh, which installs what is missing and builds the tools:

    /usr/bin/python3 bench/bench.py --build BUILD_DIR --ort ORT_NODE_MODULES
                                    [--quick] [--runs N] [--output FILE]

For every model (PyTorch LSTM acoustic models with HCGS masks, exported to
ONNX into BUILD_DIR/bench/models) it measures:
  (1) hcgs-compile's wall time against ONNX Runtime's session creation;
  (2) hcgs-run's bit-exact simulation of 1000 frames against ONNX Runtime
      running the float model (best of 1 and 2 intra-op threads);
  (3) MAC utilization and cycles per frame from hcgs-compile's report
      against the ideal, kept MACs / MAC lanes;
  (4) hcgs-compile's time and peak memory (/usr/bin/time -v) as the model
      grows, with the exponent of a power-law fit against the weights.
Each time is the median of --runs runs. Nothing here is a test: timings
never gate anything.
"""

import argparse
import datetime
import json
import math
import os
import platform
import re
import shlex
import statistics
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from typing import Dict, List, Optional, Tuple

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import models  # noqa: E402  (after the path is set)
from models import ModelSpec  # noqa: E402

FRAMES = 1000
# The chip, and the preset for models whose weights it cannot hold.
CHIP, WIDE = "jssc2020", "hcgs-wide"
# The share of a weight memory a model's kept weights may fill: the rest is
# room for the padding of blocks that overhang a matrix.
WEIGHT_MEMORY_USE = 0.94
# hcgs-run --threads: this machine's two cores.
SIM_THREADS = 2
INPUTS = 440
OUTPUTS = 48
# The paper's two shapes, then the scaling series (all at the TIMIT
# compression, 16x, with the 4x FC).
TIMIT = ModelSpec("timit", INPUTS, 512, 2, OUTPUTS, models.HCGS_16X,
                  models.FC_4X)
TEDLIUM = ModelSpec("tedlium", INPUTS, 512, 3, OUTPUTS, models.HCGS_8X,
                    models.FC_4X)


def scaling_series(quick: bool) -> List[ModelSpec]:
    """Hidden sizes at 2 layers, then layer counts at 512 hidden; the TIMIT
    model is the point at 2 x 512."""
    hiddens = [128, 256] if quick else [128, 256, 1024, 2048]
    layers = [1, 4] if quick else [1, 4, 8]
    specs = [ModelSpec(f"h{h}_l2", INPUTS, h, 2, OUTPUTS, models.HCGS_16X,
                       models.FC_4X) for h in hiddens]
    specs += [ModelSpec(f"h512_l{n}", INPUTS, 512, n, OUTPUTS,
                        models.HCGS_16X, models.FC_4X) for n in layers]
    return specs


# ----------------------------------------------------------------------------
# Running and timing commands
# ----------------------------------------------------------------------------

def show(command: List[str]) -> str:
    """A command as a shell line, paths relative to the repository."""
    def short(arg):
        if arg.startswith(REPO + os.sep):
            return os.path.relpath(arg, REPO)
        return re.sub(re.escape(REPO + os.sep), "", arg)
    return " ".join(shlex.quote(short(a)) for a in command)


def run(command: List[str], env: Optional[dict] = None) -> str:
    """Runs a command; returns its stdout; stops the benchmark on failure."""
    result = subprocess.run(command, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env)
    if result.returncode != 0:
        sys.exit(f"bench: error: `{show(command)}` failed "
                 f"({result.returncode}):\n{result.stderr.strip()}")
    return result.stdout


def time_command(command: List[str], runs: int) -> List[float]:
    """Wall-clock seconds of `runs` runs, after one untimed warm-up run
    (which fills the page cache, as on a user's second compile)."""
    run(command)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        run(command)
        times.append(time.perf_counter() - start)
    return times


def peak_rss_kb(command: List[str]) -> int:
    """Maximum resident set size reported by /usr/bin/time -v."""
    result = subprocess.run(["/usr/bin/time", "-v"] + command,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            text=True)
    if result.returncode != 0:
        sys.exit(f"bench: error: `{show(command)}` failed:\n{result.stderr}")
    match = re.search(r"Maximum resident set size \(kbytes\): (\d+)",
                      result.stderr)
    if not match:
        sys.exit("bench: error: /usr/bin/time -v printed no maximum RSS")
    return int(match.group(1))


def median(values: List[float]) -> float:
    return statistics.median(values)


# ----------------------------------------------------------------------------
# The measurements
# ----------------------------------------------------------------------------

@dataclass
class Measurement:
    spec: dict
    dense_weights: int
    kept_weights: int
    onnx_bytes: int
    compile_args: List[str] = field(default_factory=list)
    compile_s: List[float] = field(default_factory=list)
    compile_rss_kb: int = 0
    # Median seconds of each pass (--mlir-timing), and of the tool doing
    # nothing (--version): the TIMIT model only.
    compile_passes_s: Dict[str, float] = field(default_factory=dict)
    compile_floor_s: List[float] = field(default_factory=list)
    ort_create_s: List[float] = field(default_factory=list)
    ort_run_s: Dict[str, List[float]] = field(default_factory=dict)
    sim_s: List[float] = field(default_factory=list)
    sim_threads_s: List[float] = field(default_factory=list)
    sim_one_frame_s: List[float] = field(default_factory=list)
    report: dict = field(default_factory=dict)
    mac_lanes: int = 0
    sim_vs_float: str = ""


class Bench:
    def __init__(self, args):
        self.args = args
        self.bin = os.path.join(args.build, "bin")
        self.work = os.path.join(args.build, "bench")
        for sub in ("models", "programs", "outputs"):
            os.makedirs(os.path.join(self.work, sub), exist_ok=True)
        self.node_env = dict(os.environ, NODE_PATH=args.ort)
        self.commands: Dict[str, List[str]] = {}
        self.targets: Dict[str, Dict] = {}

    def path(self, *parts: str) -> str:
        return os.path.join(self.work, *parts)

    def tool(self, name: str) -> str:
        return os.path.join(self.bin, name)

    # -- models --------------------------------------------------------------

    def model(self, spec: ModelSpec) -> Measurement:
        """Exports the model unless an export of the same spec exists."""
        onnx_path = self.path("models", spec.name + ".onnx")
        meta_path = self.path("models", spec.name + ".json")
        spec_json = json.loads(json.dumps(asdict(spec)))
        spec_json["generator_version"] = models.GENERATOR_VERSION
        meta = None
        if os.path.exists(onnx_path) and os.path.exists(meta_path):
            with open(meta_path) as f:
                meta = json.load(f)
            if meta.get("spec") != spec_json:
                meta = None
        if meta is None:
            print(f"bench: exporting {spec.name}: {spec.describe()}",
                  flush=True)
            kept = models.export_onnx(spec, onnx_path)
            meta = {"spec": spec_json, "kept_weights": kept}
            with open(meta_path, "w") as f:
                json.dump(meta, f)
        return Measurement(spec=asdict(spec), dense_weights=spec.dense_weights,
                           kept_weights=meta["kept_weights"],
                           onnx_bytes=os.path.getsize(onnx_path))

    def features(self, inputs: int, frames: int = FRAMES) -> str:
        """Random features; the first `frames` of the FRAMES-frame input."""
        path = self.path("models", f"features_{frames}x{inputs}.npy")
        if not os.path.exists(path):
            models.write_features(path, frames, inputs, first_of=FRAMES)
        return path

    # -- hcgs ----------------------------------------------------------------

    def target(self, name: str) -> Dict:
        """A target's parameters as hcgs-target-info prints them: the
        target description, not this script, has the hardware's numbers."""
        if name not in self.targets:
            self.targets[name] = json.loads(
                run([self.tool("hcgs-target-info"), "--target", name]))
        return self.targets[name]

    def compile_target(self, m: Measurement) -> Tuple[str, List[str]]:
        """The chip (jssc2020) where the model's weights fit its weight
        memory; otherwise hcgs-wide, with its parameter SRAM grown by
        --memory-kb (a power of two) when the weights need more. A target
        and its hcgs-compile options."""
        for name in (CHIP, WIDE):
            t = self.target(name)
            weight_bytes = m.kept_weights * t["weight_bits"] / 8
            if weight_bytes <= WEIGHT_MEMORY_USE * t["weight_mem_bytes"]:
                return name, [] if name == CHIP else ["--target", name]
        sram_kb = parameter_sram_bytes(t) / 1024
        memory_kb = 1 << math.ceil(
            math.log2(weight_bytes / t["weight_mem_bytes"] * sram_kb * 1.1))
        return WIDE, ["--target", WIDE, "--memory-kb", str(memory_kb)]

    def measure_compile(self, name: str, m: Measurement) -> None:
        program = self.path("programs", name + ".hcgsb")
        report = self.path("programs", name + ".report.json")
        command = [self.tool("hcgs-compile"),
                   self.path("models", name + ".onnx"), "-o", program,
                   "--report", report] + m.compile_args
        self.commands.setdefault("compile", command)
        m.compile_s = time_command(command, self.args.runs)
        m.compile_rss_kb = peak_rss_kb(command)
        with open(report) as f:
            m.report = json.load(f)
        if name == TIMIT.name:
            self.measure_compile_passes(command, m)

    def measure_compile_passes(self, command: List[str],
                               m: Measurement) -> None:
        """Where the compile's time goes: each pass as --mlir-timing reports
        it, and the process start-up (hcgs-compile --version)."""
        timed = command + ["--mlir-timing"]
        self.commands.setdefault("compile_timing", timed)
        passes: Dict[str, List[float]] = {}
        for _ in range(self.args.runs):
            result = subprocess.run(timed, stdout=subprocess.DEVNULL,
                                    stderr=subprocess.PIPE, text=True)
            for seconds, name in re.findall(
                    r"^\s+([0-9.]+) \(\s*[0-9.]+%\)\s+(\w+)$",
                    result.stderr, re.M):
                if name not in ("Total", "Rest"):
                    passes.setdefault(name, []).append(float(seconds))
        m.compile_passes_s = {k: median(v) for k, v in passes.items()}
        m.compile_floor_s = time_command([self.tool("hcgs-compile"),
                                          "--version"], self.args.runs)

    def measure_simulation(self, name: str, m: Measurement) -> None:
        def simulate(frames: int) -> List[str]:
            features = self.features(m.spec["inputs"], frames)
            return [self.tool("hcgs-run"),
                    self.path("programs", name + ".hcgsb"),
                    "-i", "features=" + features,
                    "-o", self.path("outputs", f"{name}.{frames}")]
        command = simulate(FRAMES)
        self.commands.setdefault("simulate", command)
        m.sim_s = time_command(command, self.args.runs)
        threaded = command + ["--threads", str(SIM_THREADS)]
        self.commands.setdefault("simulate_threads", threaded)
        m.sim_threads_s = time_command(threaded, self.args.runs)
        # The fixed cost: start-up, loading the program, one frame.
        one_frame = simulate(1)
        self.commands.setdefault("simulate_one", one_frame)
        m.sim_one_frame_s = time_command(one_frame, self.args.runs)
        # How far the bit-exact 13/6-bit run is from the float model.
        # (measure_ort wrote ONNX Runtime's output first.)
        float_out = self.path("outputs", name + ".ort.npy")
        text = run(command + ["--expect", "logits=" + float_out,
                              "--atol", "1e9"])
        m.sim_vs_float = text.strip().splitlines()[-1] if text else ""

    # -- ONNX Runtime --------------------------------------------------------

    def ort_command(self, name: str, m: Measurement, runs: int) -> List[str]:
        return ["node", os.path.join(HERE, "ort_bench.js"),
                self.path("models", name + ".onnx"),
                self.features(m.spec["inputs"]), str(runs),
                self.path("outputs", name + ".ort.npy")]

    def measure_ort(self, name: str, m: Measurement) -> None:
        # Session creation: the first in a fresh process, --runs processes
        # after an untimed one.
        create = self.ort_command(name, m, 0)
        self.commands.setdefault("ort_create", create)
        run(create, self.node_env)
        for _ in range(self.args.runs):
            result = json.loads(run(create, self.node_env))
            m.ort_create_s.append(result["create_ms"] / 1000)
        command = self.ort_command(name, m, self.args.runs)
        self.commands.setdefault("ort_run", command)
        result = json.loads(run(command, self.node_env))
        m.ort_run_s = {t: [x / 1000 for x in v]
                       for t, v in result["run_ms"].items()}

    # -- the whole job -------------------------------------------------------

    def measure(self, spec: ModelSpec) -> Measurement:
        m = self.model(spec)
        target, m.compile_args = self.compile_target(m)
        m.mac_lanes = self.target(target)["mac_lanes"]
        print(f"bench: {spec.name}: ONNX Runtime", flush=True)
        self.measure_ort(spec.name, m)
        print(f"bench: {spec.name}: hcgs-compile", flush=True)
        self.measure_compile(spec.name, m)
        print(f"bench: {spec.name}: hcgs-run", flush=True)
        self.measure_simulation(spec.name, m)
        return m


# ----------------------------------------------------------------------------
# RESULTS.md
# ----------------------------------------------------------------------------

def parameter_sram_bytes(target: Dict) -> int:
    """The parameter SRAM: weight, index and parameter memories."""
    return (target["weight_mem_bytes"] + target["index_mem_bytes"] +
            target["param_mem_bytes"])


def machine_info() -> Dict[str, str]:
    cpu, flags = "unknown", ""
    with open("/proc/cpuinfo") as f:
        for line in f:
            key, _, value = line.partition(":")
            if key.strip() == "model name" and cpu == "unknown":
                cpu = value.strip()
            if key.strip() == "flags" and not flags:
                flags = value
    simd = [f for f in ("avx2", "avx512f", "avx512bw", "avx512vnni")
            if re.search(rf"\b{f}\b", flags)]
    with open("/proc/meminfo") as f:
        mem_kb = int(re.search(r"MemTotal:\s+(\d+)", f.read()).group(1))
    nproc = subprocess.run(["nproc"], stdout=subprocess.PIPE,
                           text=True).stdout.strip()
    return {
        "CPU": cpu,
        "cores (nproc)": nproc,
        "SIMD": ", ".join(simd) or "none of avx2/avx512",
        "memory": f"{mem_kb / 1024 / 1024:.1f} GiB",
        "OS": platform.platform(),
        "load average at start": " ".join(
            f"{x:.2f}" for x in os.getloadavg()),
    }


def git_commit() -> str:
    result = subprocess.run(["git", "-C", REPO, "rev-parse", "--short", "HEAD"],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            text=True)
    dirty = subprocess.run(["git", "-C", REPO, "status", "--porcelain",
                            "--untracked-files=no"], stdout=subprocess.PIPE,
                           text=True).stdout.strip()
    return result.stdout.strip() + (" (with local changes)" if dirty else "")


def fmt_ms(seconds: float) -> str:
    ms = seconds * 1000
    return f"{ms:.0f}" if ms >= 100 else f"{ms:.1f}"


def fmt_count(n: float) -> str:
    for unit, size in (("G", 1e9), ("M", 1e6), ("k", 1e3)):
        if n >= size:
            return f"{n / size:.2f}{unit}"
    return f"{n:.0f}"


def power_fit(xs: List[float], ys: List[float]) -> float:
    """The exponent b of y = a * x^b, by least squares in log-log."""
    lx = [math.log(x) for x in xs]
    ly = [math.log(y) for y in ys]
    mx, my = statistics.fmean(lx), statistics.fmean(ly)
    sxx = sum((x - mx) ** 2 for x in lx)
    return sum((x - mx) * (y - my) for x, y in zip(lx, ly)) / sxx


def best_ort_run(m: Measurement) -> float:
    """ONNX Runtime's best median over its thread counts."""
    return min(median(v) for v in m.ort_run_s.values())


def simulated_frames_s(m: Measurement) -> float:
    """hcgs-run's time for FRAMES frames less its time for one: what the
    frames themselves cost, without start-up and loading the program."""
    return median(m.sim_s) - median(m.sim_one_frame_s)


@dataclass
class Scaling:
    """Power-law exponents of compile time and peak memory in the weights,
    over all models and over the large ones (past the start-up floor)."""
    time_all: float
    time_large: Optional[float]
    rss_all: float
    rss_large: Optional[float]
    large_from: int


def fit_scaling(results: Dict[str, Measurement]) -> Scaling:
    ordered = sorted(results.values(), key=lambda m: m.dense_weights)
    xs = [m.dense_weights for m in ordered]
    times = [median(m.compile_s) for m in ordered]
    rss = [m.compile_rss_kb for m in ordered]
    large_from = 4_000_000
    large = [i for i, x in enumerate(xs) if x >= large_from]

    def fit_large(ys):
        if len(large) < 3:
            return None
        return power_fit([xs[i] for i in large], [ys[i] for i in large])
    return Scaling(power_fit(xs, times), fit_large(times), power_fit(xs, rss),
                   fit_large(rss), large_from)


def target_rows(timit: Measurement, scaling: Scaling) -> List[List[str]]:
    """The issue's targets against this run's TIMIT numbers."""
    def verdict(value, limit, aim, higher_is_better):
        ok = value >= limit if higher_is_better else value <= limit
        hit = value >= aim if higher_is_better else value <= aim
        return ("met, and the aim" if hit else "met") if ok else "NOT met"
    # Like for like: ONNX Runtime's time is session.run inside a running
    # process, so hcgs-run's is the frames alone. The whole jobs compare
    # hcgs-run's process with ONNX Runtime's session creation and run (its
    # process start-up not counted).
    sim_frames = best_ort_run(timit) / simulated_frames_s(timit)
    sim_process = best_ort_run(timit) / median(timit.sim_s)
    sim_job = (median(timit.ort_create_s) + best_ort_run(timit)) / median(
        timit.sim_s)
    compile_ratio = median(timit.compile_s) / median(timit.ort_create_s)
    totals = timit.report["totals"]
    util = totals["mac_utilization"]
    over = totals["cycles_per_step"] / (timit.kept_weights /
                                        timit.mac_lanes) - 1
    rows = [
        ["bit-exact simulation of 1000 frames, speed-up over ONNX Runtime",
         ">= 1x, aim 4x",
         f"{sim_frames:.2f}x (the frames, like ONNX Runtime's session.run); "
         f"{sim_job:.2f}x (the whole job: hcgs-run's process against ONNX "
         f"Runtime's session creation and run); {sim_process:.2f}x "
         "(hcgs-run's process against session.run alone)",
         verdict(sim_frames, 1, 4, True)],
        ["hcgs-compile time / ONNX Runtime session creation",
         "<= 5x, aim 1x", f"{compile_ratio:.2f}x",
         verdict(compile_ratio, 5, 1, False)],
        ["MAC utilization", ">= 0.9, aim 0.95", f"{util:.3f}",
         verdict(util, 0.9, 0.95, True)],
        ["cycles per frame over kept MACs / lanes", "<= 10%",
         f"{100 * over:+.1f}%", verdict(over, 0.10, 0.10, False)],
    ]
    for label, b in (("compile time", scaling.time_large),
                     ("peak memory", scaling.rss_large)):
        if b is not None:
            rows.append([f"{label} against the weights, exponent b",
                         "linear (b <= 1.1)", f"{b:.2f}",
                         verdict(b, 1.1, 1.1, False)])
    return rows


def table(emit, header: List[str], align: str, rows: List[List[str]]):
    emit("| " + " | ".join(header) + " |")
    emit("|" + "|".join("---:" if a == "r" else "---" for a in align) + "|")
    for row in rows:
        emit("| " + " | ".join(str(cell) for cell in row) + " |")
    emit("")


def write_results(path: str, args, results: Dict[str, Measurement],
                  commands: Dict[str, List[str]], targets: Dict[str, Dict],
                  started: str, elapsed: float) -> None:
    lines: List[str] = []
    emit = lines.append
    scaling = fit_scaling(results)
    node = subprocess.run(["node", "--version"], stdout=subprocess.PIPE,
                          text=True).stdout.strip()

    emit("# Benchmarks: hcgs against ONNX Runtime")
    emit("")
    emit(f"Written by `bench/run.sh{' --quick' if args.quick else ''}` on "
         f"{started} UTC ({elapsed / 60:.1f} minutes), at commit "
         f"{git_commit()}. Every time is the median of {args.runs} runs, "
         "after an untimed one. The machine is shared with other work, so "
         "single numbers move by 10-20%; the medians are steadier. These "
         "are measurements, never tests.")
    emit("")

    emit("## Targets (issue 7), on the TIMIT shape")
    emit("")
    table(emit, ["target", "wanted", "measured", ""], "llrl",
          target_rows(results["timit"], scaling))
    floor = median(results["timit"].sim_one_frame_s)
    emit("Every hcgs process starts by loading the shared libMLIR and libLLVM, "
         "whose tens of thousands of symbol relocations the dynamic loader "
         f"resolves each time: the 1-frame run of the TIMIT program takes "
         f"{fmt_ms(floor)} ms, most of it that start-up (see (2)). It is "
         "paid once per process, not per frame, so the simulation target is "
         "judged on the frames, as ONNX Runtime's session.run is timed.")
    emit("")

    emit("## Machine")
    emit("")
    machine = machine_info()
    machine["ONNX Runtime"] = f"onnxruntime-node 1.30.0 (CPU), node {node}"
    table(emit, ["", ""], "ll", [[k, v] for k, v in machine.items()])

    emit("## Models")
    emit("")
    emit("PyTorch `nn.LSTM` + `nn.Linear` acoustic models exported to ONNX "
         "(opset 14) by `bench/models.py`, with HCGS masks as the authors' "
         "training code makes them: random balanced masks drawn once, "
         "dropped blocks exact zeros, one mask per W and per R shared by "
         "the four gates, the FC layer masked too. "
         f"{INPUTS} input features, {OUTPUTS} outputs, {FRAMES} frames, "
         "batch 1. `kept` counts the weights the masks keep inside the "
         "matrices: the MACs of a frame.")
    emit("")
    rows = []
    for name, m in results.items():
        spec = ModelSpec(**{k: ([tuple(x) for x in v] if isinstance(v, list)
                                else v) for k, v in m.spec.items()})
        rows.append([name, spec.describe(), fmt_count(m.dense_weights),
                     fmt_count(m.kept_weights),
                     f"{m.onnx_bytes / 1e6:.1f} MB",
                     " ".join(m.compile_args) or "(jssc2020, the default)"])
    table(emit, ["model", "shape", "dense weights", "kept weights",
                 "ONNX file", "hcgs-compile options"], "llrrrl", rows)
    chip, wide = targets[CHIP], targets[WIDE]
    emit(f"The chip (`{CHIP}`) has {chip['weight_mem_bytes'] // 1024} kB of "
         f"weight memory in its {parameter_sram_bytes(chip) // 1024} kB of "
         "parameter SRAM. Models whose weights need more are compiled for "
         f"the `{WIDE}` preset ({wide['weight_mem_bytes'] // 1024} kB of "
         f"weight memory, {wide['mac_lanes']} MAC lanes, larger working "
         "memories), with `--memory-kb` (a power of two) when even that is "
         "too small.")
    emit("")

    emit("## Commands")
    emit("")
    emit("For every model (shown for the first), `NODE_PATH` pointing at "
         "the onnxruntime-node the script installed:")
    emit("")
    emit("```sh")
    titles = {
        "compile": "# (1), (3), (4): compile; the report has the cycles and "
                   "the MAC utilization",
        "compile_timing": "# (1): the same with each pass's time (TIMIT)",
        "ort_create": "# (1): ONNX Runtime session creation (RUNS = 0: only "
                      "that), a fresh process each time",
        "ort_run": "# (2): ONNX Runtime on the 1000 frames, intra-op threads "
                   "1 and 2",
        "simulate": "# (2): bit-exact simulation of the 1000 frames",
        "simulate_one": "# (2): the same on the first frame alone (start-up "
                        "and loading)",
        "simulate_threads": "# (2): the 1000 frames with threads",
    }
    for key, title in titles.items():
        if key in commands:
            emit(title)
            emit(show(commands[key]))
    emit("# (4): peak memory (Maximum resident set size)")
    emit("/usr/bin/time -v " + show(commands["compile"]))
    emit("```")
    emit("")
    emit("hcgs-compile and hcgs-run are timed as whole processes (start-up, "
         "reading the model or the inputs, writing the program or the "
         "outputs); ONNX Runtime inside its process (`InferenceSession."
         "create` and `session.run`, with `performance.now()`), without "
         "node's own start-up. That tilts each comparison against hcgs.")
    emit("")

    emit("## (1) Compile time against ONNX Runtime's session creation")
    emit("")
    rows = []
    for name, m in results.items():
        c, o = median(m.compile_s), median(m.ort_create_s)
        rows.append([name, fmt_count(m.dense_weights), fmt_ms(c), fmt_ms(o),
                     f"{c / o:.2f}x"])
    table(emit, ["model", "dense weights", "hcgs-compile ms",
                 "ORT session creation ms", "ratio"], "lrrrr", rows)
    timit = results[TIMIT.name]
    if timit.compile_passes_s:
        total = median(timit.compile_s)
        floor = median(timit.compile_floor_s)
        passes = sum(timit.compile_passes_s.values())
        emit("Where the TIMIT compile's time goes (medians; the passes as "
             "`--mlir-timing` reports them, start-up as `hcgs-compile "
             "--version` takes; the rest is reading and importing the ONNX "
             "file, writing the program and the report):")
        emit("")
        rows = [["start-up", fmt_ms(floor)]]
        rows += [[f"pass {name}", fmt_ms(t)]
                 for name, t in timit.compile_passes_s.items()]
        rows.append(["import, export, report", fmt_ms(total - floor - passes)])
        rows.append(["whole command", fmt_ms(total)])
        table(emit, ["", "ms"], "lr", rows)

    emit(f"## (2) Simulating {FRAMES} frames against ONNX Runtime's float "
         "model")
    emit("")
    emit("ONNX Runtime runs the float model at 1 and at 2 intra-op threads; "
         "the speed-up is over the better of the two medians. hcgs-run "
         "simulates the compiled program bit-exactly (13-bit activations, "
         "6-bit weights); `1 frame` is the same command on the first frame "
         "only, so `frames alone` (the difference) is what the 999 other "
         "frames cost. The last column compares the simulator's output with "
         "ONNX Runtime's float output.")
    emit("")
    rows = []
    for name, m in results.items():
        best, s = best_ort_run(m), median(m.sim_s)
        per_thread = {t: fmt_ms(median(v)) for t, v in m.ort_run_s.items()}
        rows.append([name, fmt_count(m.kept_weights),
                     per_thread.get("1", "-"), per_thread.get("2", "-"),
                     fmt_ms(s), fmt_ms(median(m.sim_one_frame_s)),
                     fmt_ms(simulated_frames_s(m)), f"{best / s:.2f}x",
                     f"{best / simulated_frames_s(m):.2f}x", m.sim_vs_float])
    table(emit, ["model", "kept weights", "ORT 1 thread ms",
                 "ORT 2 threads ms", "hcgs-run ms", "1 frame ms",
                 "frames alone ms", "speed-up", "speed-up, frames alone",
                 "simulated vs float"], "lrrrrrrrrl", rows)

    emit(f"hcgs-run `--threads {SIM_THREADS}` shares the rows of each large "
         "matrix product and the cells of each large LSTM cell update among "
         "threads (same output bytes):")
    emit("")
    rows = []
    for name, m in results.items():
        one, more = median(m.sim_s), median(m.sim_threads_s)
        rows.append([name, fmt_count(m.kept_weights), fmt_ms(one),
                     fmt_ms(more), f"{one / more:.2f}x"])
    table(emit, ["model", "kept weights", "hcgs-run ms",
                 f"hcgs-run --threads {SIM_THREADS} ms", "speed-up"],
          "lrrrr", rows)

    emit("## (3) MAC utilization and cycles per frame")
    emit("")
    emit("From hcgs-compile's report (`totals`), against the ideal: the "
         "kept MACs of a frame over the target's MAC lanes "
         f"({targets[CHIP]['mac_lanes']} on `{CHIP}`, "
         f"{targets[WIDE]['mac_lanes']} on `{WIDE}`). The report's MACs "
         "include the "
         "padding of kept blocks that overhang a matrix; MAC utilization "
         "is MACs / (lanes x cycles).")
    emit("")
    rows = []
    for name, m in results.items():
        t = m.report["totals"]
        ideal = m.kept_weights / m.mac_lanes
        rows.append([name, m.mac_lanes, t["macs_per_step"], m.kept_weights,
                     t["cycles_per_step"], f"{ideal:.0f}",
                     f"{100 * (t['cycles_per_step'] / ideal - 1):+.1f}%",
                     f"{t['mac_utilization']:.3f}",
                     f"{t['frames_per_second']:.0f}"])
    table(emit, ["model", "lanes", "MACs per frame", "kept MACs",
                 "cycles per frame", "ideal cycles", "over ideal",
                 "MAC utilization", "frames/s"], "lrrrrrrrr", rows)

    emit("## (4) Compile time and peak memory as the model grows")
    emit("")
    rows = []
    for name, m in sorted(results.items(), key=lambda kv: kv[1].dense_weights):
        rows.append([name, fmt_count(m.dense_weights),
                     f"{m.onnx_bytes / 1e6:.1f}", fmt_ms(median(m.compile_s)),
                     f"{m.compile_rss_kb / 1024:.0f}"])
    table(emit, ["model", "dense weights", "ONNX MB", "hcgs-compile ms",
                 "peak RSS MB"], "lrrrr", rows)
    emit("Power-law fit `y = a * weights^b`, least squares in log-log:")
    emit("")

    def fmt_b(b):
        return "-" if b is None else f"{b:.2f}"
    large = fmt_count(scaling.large_from)
    table(emit, ["", "b, all models", f"b, models of {large} weights or more"],
          "lrr", [["compile time", fmt_b(scaling.time_all),
                   fmt_b(scaling.time_large)],
                  ["peak RSS", fmt_b(scaling.rss_all),
                   fmt_b(scaling.rss_large)]])
    emit("b = 1 is linear growth. The smallest models sit on a floor (process "
         "start-up, the fixed part of the pipeline), which pulls b below 1 "
         "over all models; the fit over the larger ones is the growth rate.")
    emit("")
    with open(path, "w") as f:
        f.write("\n".join(lines))


# ----------------------------------------------------------------------------

def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--build", required=True, help="build directory")
    parser.add_argument("--ort", required=True,
                        help="node_modules holding onnxruntime-node")
    parser.add_argument("--quick", action="store_true",
                        help="fewer runs and a smaller scaling series")
    parser.add_argument("--runs", type=int, help="timed runs per measurement "
                        "(default 5, 3 with --quick)")
    parser.add_argument("--output", default=os.path.join(HERE, "RESULTS.md"))
    args = parser.parse_args()
    if args.runs is None:
        args.runs = 3 if args.quick else 5
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    started = datetime.datetime.now(datetime.timezone.utc).strftime(
        "%Y-%m-%d %H:%M")
    start = time.perf_counter()

    bench = Bench(args)
    results: Dict[str, Measurement] = {}
    for spec in [TIMIT, TEDLIUM] + scaling_series(args.quick):
        results[spec.name] = bench.measure(spec)
    with open(bench.path("results.json"), "w") as f:
        json.dump({k: asdict(v) for k, v in results.items()}, f, indent=1)
    write_results(args.output, args, results, bench.commands,
                  {name: bench.target(name) for name in (CHIP, WIDE)},
                  started, time.perf_counter() - start)
    print(f"bench: wrote {os.path.relpath(args.output)}")


if __name__ == "__main__":
    main()
