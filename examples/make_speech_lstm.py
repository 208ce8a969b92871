#!/usr/bin/python3
"""Builds the bundled example: a small speech-style acoustic model.

Two LSTM layers of 64 cells over 64 filterbank features and a linear output
layer of 32 classes. Every weight matrix carries a 2-level HCGS mask drawn at
random as in the authors' training code (16x16 blocks keeping 1/2 per
block-row, then 4x4 sub-blocks keeping 1/2 per sub-row: 4x fewer weights),
shared by the four gates of each LSTM matrix. Weights are random (seeded),
masked, and written twice:

  speech_lstm.onnx  exported by PyTorch, as users hand it to us
  speech_lstm.mlir  the same model in the hcgs dialect, masks attached

and an utterance to run it on: speech_lstm.features.npy (200 frames of
random features) and speech_lstm.logits.npy (PyTorch's output for them).

Run with Debian's /usr/bin/python3 (python3-torch, python3-onnx, python3-numpy).
"""

import os
import struct

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
FEATURES, HIDDEN, LAYERS, CLASSES = 64, 64, 2, 32
LEVELS = [(16, 0.5), (4, 0.5)]  # (block size, kept fraction per block-row)


def hcgs_mask(rows, cols, rng):
    """Returns (bitmap, levels) with levels = [(block, [[kept cols]...])...]."""
    bitmap = np.zeros((rows, cols), dtype=bool)
    levels = []
    parents = [(0, 0, rows, cols)]  # (row, col, height, width) of kept blocks
    for index, (block, keep) in enumerate(LEVELS):
        kept_rows, children = [], []
        for (r0, c0, height, width) in parents if index else [(0, 0, rows, cols)]:
            n_cols = -(-width // block)
            n_keep = int(round(n_cols * keep))
            for sub_row in range(-(-height // block)):
                kept = sorted(rng.choice(n_cols, n_keep, replace=False).tolist())
                kept_rows.append(kept)
                for k in kept:
                    children.append((r0 + sub_row * block, c0 + k * block,
                                     block, block))
        levels.append((block, kept_rows))
        parents = children
    for (r0, c0, height, width) in parents:
        bitmap[r0:r0 + height, c0:c0 + width] = True
    return bitmap, levels


def mask_attr(rows, cols, levels):
    body = ", ".join(
        f"{b}x{b} [" + ", ".join("[" + ", ".join(map(str, k)) + "]" for k in kept) + "]"
        for b, kept in levels)
    return f"#hcgs.mask<{rows}x{cols}, {body}>"


class SpeechLSTM(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.lstm = torch.nn.LSTM(FEATURES, HIDDEN, num_layers=LAYERS)
        self.output = torch.nn.Linear(HIDDEN, CLASSES)

    def forward(self, features):
        hidden, _ = self.lstm(features)
        return self.output(hidden)


def to_onnx_gate_order(matrix):
    """PyTorch stacks gates i, f, g, o; ONNX wants i, o, f, c (= g)."""
    i, f, g, o = np.split(matrix, 4, axis=0)
    return np.concatenate([i, o, f, g], axis=0)


class Resources:
    """dense_resource blobs: 4-byte alignment header, then little-endian f32."""

    def __init__(self):
        self.blobs = []

    def add(self, name, array):
        data = struct.pack("<I", 4) + np.ascontiguousarray(array, "<f4").tobytes()
        self.blobs.append((name, "0x" + data.hex().upper()))
        shape = "x".join(map(str, array.shape))
        return f"dense_resource<{name}> : tensor<{shape}xf32>"


def main():
    rng = np.random.default_rng(2020)
    torch.manual_seed(2020)
    model = SpeechLSTM().eval()
    masks = {}
    with torch.no_grad():
        for layer in range(LAYERS):
            for kind, cols in (("ih", FEATURES if layer == 0 else HIDDEN),
                               ("hh", HIDDEN)):
                bitmap, levels = hcgs_mask(HIDDEN, cols, rng)
                weight = getattr(model.lstm, f"weight_{kind}_l{layer}")
                weight.mul_(torch.from_numpy(np.tile(bitmap, (4, 1))).float())
                masks[(layer, kind)] = (cols, levels)
        bitmap, levels = hcgs_mask(CLASSES, HIDDEN, rng)
        model.output.weight.mul_(torch.from_numpy(bitmap).float())
        masks["fc"] = levels

    features = torch.from_numpy(
        np.random.default_rng(7).standard_normal((200, 1, FEATURES)).astype(np.float32))
    with torch.no_grad():
        logits = model(features)
    np.save(os.path.join(HERE, "speech_lstm.features.npy"), features.numpy())
    np.save(os.path.join(HERE, "speech_lstm.logits.npy"), logits.numpy())

    example = torch.zeros(10, 1, FEATURES)
    torch.onnx.export(model, (example,), os.path.join(HERE, "speech_lstm.onnx"),
                      input_names=["features"], output_names=["logits"],
                      dynamic_axes={"features": {0: "frames"},
                                    "logits": {0: "frames"}},
                      opset_version=14)

    res = Resources()
    lines = []
    emit = lines.append
    emit("// The bundled example: 2 LSTM layers x 64 cells + a linear output layer,")
    emit("// every weight matrix with a 2-level HCGS mask (4x fewer weights).")
    emit("// Generated by make_speech_lstm.py together with speech_lstm.onnx.")
    emit("func.func @main(%features: tensor<?x1x64xf32> {hcgs.name = \"features\"})")
    emit("    -> (tensor<?x1x32xf32> {hcgs.name = \"logits\"}) {")
    value = "%features"
    for layer in range(LAYERS):
        lstm = model.lstm
        w = to_onnx_gate_order(getattr(lstm, f"weight_ih_l{layer}").detach().numpy())
        r = to_onnx_gate_order(getattr(lstm, f"weight_hh_l{layer}").detach().numpy())
        b = np.concatenate([
            to_onnx_gate_order(getattr(lstm, f"bias_ih_l{layer}").detach().numpy()),
            to_onnx_gate_order(getattr(lstm, f"bias_hh_l{layer}").detach().numpy())])
        cols = w.shape[1]
        emit(f"  %w{layer} = arith.constant {res.add(f'lstm{layer}_W', w[None])}")
        emit(f"  %r{layer} = arith.constant {res.add(f'lstm{layer}_R', r[None])}")
        emit(f"  %b{layer} = arith.constant {res.add(f'lstm{layer}_B', b[None])}")
        w_mask = mask_attr(HIDDEN, cols, masks[(layer, 'ih')][1])
        r_mask = mask_attr(HIDDEN, HIDDEN, masks[(layer, 'hh')][1])
        emit(f"  %y{layer} = hcgs.lstm({value}, %w{layer}, %r{layer}) bias(%b{layer}) {{")
        emit("      direction = #hcgs.direction<forward>, hidden_size = 64 : i64,")
        emit("      activations = [#hcgs.act<sigmoid>, #hcgs.act<tanh>, #hcgs.act<tanh>],")
        emit(f"      w_masks = [{w_mask}],")
        emit(f"      r_masks = [{r_mask}]}}")
        emit(f"    : (tensor<?x1x{cols}xf32>, tensor<1x256x{cols}xf32>, tensor<1x256x64xf32>,")
        emit("       tensor<1x512xf32>) -> (Y: tensor<?x1x1x64xf32>)")
        emit(f"  %h{layer} = hcgs.reshape %y{layer} : tensor<?x1x1x64xf32> -> tensor<?x1x64xf32>")
        value = f"%h{layer}"
    fc_w = model.output.weight.detach().numpy()
    fc_b = model.output.bias.detach().numpy()
    emit(f"  %fc_w = arith.constant {res.add('output_W', fc_w)}")
    emit(f"  %fc_b = arith.constant {res.add('output_B', fc_b)}")
    emit(f"  %logits = hcgs.fc {value}, %fc_w, %fc_b {{mask = {mask_attr(CLASSES, HIDDEN, masks['fc'])}}}")
    emit("    : (tensor<?x1x64xf32>, tensor<32x64xf32>, tensor<32xf32>) -> tensor<?x1x32xf32>")
    emit("  return %logits : tensor<?x1x32xf32>")
    emit("}")
    emit("")
    emit("{-#")
    emit("  dialect_resources: {")
    emit("    builtin: {")
    emit(",\n".join(f"      {name}: \"{hexdata}\"" for name, hexdata in res.blobs))
    emit("    }")
    emit("  }")
    emit("#-}")
    with open(os.path.join(HERE, "speech_lstm.mlir"), "w") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
