"""Trains one LightGBM model for the ml-runtime's training pipeline (ml-runtime/src/training/).

    python train_lightgbm.py WORK_DIR

WORK_DIR holds what TypeScript wrote:
  dataset.json   {"features": [names], "rows": N, "objective": "binary" | "regression",
                  "params": {LightGBM parameters}, "num_boost_round": int, "target_opset": int}
  features.f64   N x F little-endian float64, row-major, NaN = missing
  labels.f64     N float64
  split.u8       N bytes: 0 = train, 1 = held out (not used here: metrics are computed in TypeScript)
  weights.f64    optional, N float64: LightGBM sample weights
and gets back:
  model.onnx     the booster converted by onnxmltools.convert_lightgbm (float input [N, F])
  model.json     booster.dump_model() as JSON (TreeSHAP and the gate read it)
  model.txt      booster.model_to_string() (LightGBM's own format, for reference checks)
  result.json    versions, trees, seconds
Python is used for training and conversion only; nothing here is on a request path.
"""
import json
import os
import sys
import time

import lightgbm as lgb
import numpy as np
import onnxmltools
from onnxmltools.convert.common.data_types import FloatTensorType


def main(work: str) -> None:
    with open(os.path.join(work, "dataset.json"), encoding="utf-8") as f:
        spec = json.load(f)
    names = spec["features"]
    n, k = int(spec["rows"]), len(names)
    x = np.fromfile(os.path.join(work, "features.f64"), dtype="<f8").reshape(n, k)
    y = np.fromfile(os.path.join(work, "labels.f64"), dtype="<f8")
    split = np.fromfile(os.path.join(work, "split.u8"), dtype=np.uint8)
    if y.shape[0] != n or split.shape[0] != n:
        raise SystemExit(f"labels ({y.shape[0]}) or split ({split.shape[0]}) do not have {n} rows")
    train = split == 0
    weights_file = os.path.join(work, "weights.f64")
    weights = np.fromfile(weights_file, dtype="<f8") if os.path.exists(weights_file) else None
    if weights is not None and weights.shape[0] != n:
        raise SystemExit(f"weights ({weights.shape[0]}) do not have {n} rows")
    params = dict(spec.get("params", {}))
    params["objective"] = spec["objective"]
    params.setdefault("verbose", -1)
    started = time.time()
    dataset = lgb.Dataset(x[train], label=y[train], weight=None if weights is None else weights[train], feature_name=names, free_raw_data=False)
    booster = lgb.train(params, dataset, num_boost_round=int(spec.get("num_boost_round", 200)))
    train_seconds = time.time() - started

    started = time.time()
    onnx_model = onnxmltools.convert_lightgbm(
        booster,
        initial_types=[("input", FloatTensorType([None, k]))],
        target_opset=int(spec.get("target_opset", 15)),
        zipmap=False,
    )
    with open(os.path.join(work, "model.onnx"), "wb") as f:
        f.write(onnx_model.SerializeToString())
    convert_seconds = time.time() - started
    with open(os.path.join(work, "model.json"), "w", encoding="utf-8") as f:
        json.dump(booster.dump_model(), f)
    with open(os.path.join(work, "model.txt"), "w", encoding="utf-8") as f:
        f.write(booster.model_to_string())
    result = {
        "lightgbm": lgb.__version__,
        "onnxmltools": onnxmltools.__version__,
        "numpy": np.__version__,
        "trees": booster.num_trees(),
        "train_rows": int(train.sum()),
        "train_seconds": round(train_seconds, 3),
        "convert_seconds": round(convert_seconds, 3),
    }
    with open(os.path.join(work, "result.json"), "w", encoding="utf-8") as f:
        json.dump(result, f)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit("usage: train_lightgbm.py WORK_DIR")
    main(sys.argv[1])
