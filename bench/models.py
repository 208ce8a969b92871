"""The benchmark's models: PyTorch LSTM acoustic models with HCGS masks.

Masks are made the way the authors' training code makes them: drawn at
random once, balanced (every block-row of a level keeps the same number of
blocks), one mask per W and one per R shared by the four gates, the output
(FC) layer masked too, and dropped blocks exact zeros in the weights. The
weights themselves are PyTorch's initialization, masked; training would
change their values, not the work a compiler or a simulator does with them.

Run with Debian's /usr/bin/python3 (python3-torch, python3-onnx, numpy).
"""

import os
from dataclasses import dataclass
from typing import List, Tuple

import numpy as np
import torch

# (block edge, kept fraction per block-row), coarsest level first.
Levels = List[Tuple[int, float]]

HCGS_16X: Levels = [(32, 0.25), (4, 0.25)]   # TIMIT: drop 75% / 75%
HCGS_8X: Levels = [(32, 0.25), (4, 0.5)]     # TED-LIUM: drop 75% / 50%
FC_4X: Levels = [(64, 0.5), (4, 0.5)]        # the output layer, 64/4 at 4x

# Bump when a change here changes the models bench.py has cached.
GENERATOR_VERSION = 1


@dataclass(frozen=True)
class ModelSpec:
    name: str
    inputs: int
    hidden: int
    layers: int
    outputs: int
    lstm_levels: Levels
    fc_levels: Levels

    @property
    def dense_weights(self) -> int:
        """Weights of the LSTM matrices and the FC layer, masked or not."""
        lstm = sum(4 * self.hidden * (self.inputs if l == 0 else self.hidden)
                   + 4 * self.hidden * self.hidden for l in range(self.layers))
        return lstm + self.outputs * self.hidden

    def describe(self) -> str:
        def levels(ls):
            return " then ".join(f"{b}x{b} keep {k:g}" for b, k in ls)
        return (f"{self.inputs} inputs, {self.layers}x{self.hidden} LSTM "
                f"({levels(self.lstm_levels)}), {self.outputs} outputs "
                f"(FC {levels(self.fc_levels)})")


def _kept_per_row(choices: int, keep: float) -> int:
    return min(choices, max(1, int(round(choices * keep))))


def hcgs_bitmap(rows: int, cols: int, levels: Levels,
                rng: np.random.Generator) -> np.ndarray:
    """A random balanced HCGS mask as a rows x cols boolean array."""
    block0 = levels[0][0]
    padded_rows = -(-rows // block0) * block0
    padded_cols = -(-cols // block0) * block0
    # Kept blocks of the level above as (row, col) origins, with their edge.
    parents, parent_rows, parent_cols = [(0, 0)], padded_rows, padded_cols
    for block, keep in levels:
        choices = parent_cols // block
        n_keep = _kept_per_row(choices, keep)
        children = []
        for r0, c0 in parents:
            for sub_row in range(parent_rows // block):
                for c in np.sort(rng.choice(choices, n_keep, replace=False)):
                    children.append((r0 + sub_row * block, c0 + int(c) * block))
        parents, parent_rows, parent_cols = children, block, block
    bitmap = np.zeros((padded_rows, padded_cols), dtype=bool)
    for r0, c0 in parents:
        bitmap[r0:r0 + parent_rows, c0:c0 + parent_cols] = True
    return bitmap[:rows, :cols]


class AcousticModel(torch.nn.Module):
    def __init__(self, spec: ModelSpec):
        super().__init__()
        self.lstm = torch.nn.LSTM(spec.inputs, spec.hidden,
                                  num_layers=spec.layers)
        self.output = torch.nn.Linear(spec.hidden, spec.outputs)

    def forward(self, features):
        hidden, _ = self.lstm(features)
        return self.output(hidden)


def build_model(spec: ModelSpec, seed: int) -> Tuple[AcousticModel, int]:
    """The model with its masks applied (dropped blocks exactly zero), and
    the number of weights the masks keep inside the matrices (the MACs a
    frame needs, padding of partial blocks not counted)."""
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    model = AcousticModel(spec).eval()
    kept = 0
    with torch.no_grad():
        for layer in range(spec.layers):
            for kind in ("ih", "hh"):
                weight = getattr(model.lstm, f"weight_{kind}_l{layer}")
                bitmap = hcgs_bitmap(spec.hidden, weight.shape[1],
                                     spec.lstm_levels, rng)
                # One mask shared by the four gates stacked in the rows.
                weight.mul_(torch.from_numpy(np.tile(bitmap, (4, 1))).float())
                kept += 4 * int(bitmap.sum())
        bitmap = hcgs_bitmap(spec.outputs, spec.hidden, spec.fc_levels, rng)
        model.output.weight.mul_(torch.from_numpy(bitmap).float())
        kept += int(bitmap.sum())
    return model, kept


def export_onnx(spec: ModelSpec, path: str, seed: int = 2020) -> int:
    """Writes the model as ONNX: input `features` [frames, 1, inputs],
    output `logits` [frames, 1, outputs], frames symbolic. Returns the
    number of kept weights."""
    model, kept = build_model(spec, seed)
    example = torch.zeros(4, 1, spec.inputs)
    tmp = path + ".tmp"
    torch.onnx.export(model, (example,), tmp, input_names=["features"],
                      output_names=["logits"],
                      dynamic_axes={"features": {0: "frames"},
                                    "logits": {0: "frames"}},
                      opset_version=14)
    os.replace(tmp, path)
    return kept


def write_features(path: str, frames: int, inputs: int, seed: int = 7,
                   first_of: int = 0) -> None:
    """Random standard-normal features [frames, 1, inputs] as .npy: the
    first `frames` of a draw of max(frames, first_of) frames."""
    data = np.random.default_rng(seed).standard_normal(
        (max(frames, first_of), 1, inputs)).astype(np.float32)
    np.save(path, data[:frames])
