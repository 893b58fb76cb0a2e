"""LightGBM's own answers for a stored model, to check the ml-runtime against (tests and bench).

    python lightgbm_reference.py WORK_DIR

WORK_DIR holds model.txt (booster.model_to_string()), rows.json {"rows": N, "features": F,
"repeat": R} and rows.f64 (N x F float64, NaN = missing); gets back, all N-row float64 files:
  contrib.f64  predict(pred_contrib=True): N x (F + 1), the last column the base value
  raw.f64      predict(raw_score=True)
  pred.f64     predict() (probability for binary)
  timing.json  best of R single-threaded pred_contrib runs, in seconds
"""
import json
import os
import sys
import time

import lightgbm as lgb
import numpy as np


def main(work: str) -> None:
    booster = lgb.Booster(model_file=os.path.join(work, "model.txt"))
    with open(os.path.join(work, "rows.json"), encoding="utf-8") as f:
        spec = json.load(f)
    n, k = int(spec["rows"]), int(spec["features"])
    x = np.fromfile(os.path.join(work, "rows.f64"), dtype="<f8").reshape(n, k)
    contrib = booster.predict(x, pred_contrib=True, num_threads=1)
    booster.predict(x, raw_score=True, num_threads=1).astype("<f8").tofile(os.path.join(work, "raw.f64"))
    booster.predict(x, num_threads=1).astype("<f8").tofile(os.path.join(work, "pred.f64"))
    np.ascontiguousarray(contrib, dtype="<f8").tofile(os.path.join(work, "contrib.f64"))
    best = float("inf")
    for _ in range(max(1, int(spec.get("repeat", 1)))):
        started = time.perf_counter()
        booster.predict(x, pred_contrib=True, num_threads=1)
        best = min(best, time.perf_counter() - started)
    with open(os.path.join(work, "timing.json"), "w", encoding="utf-8") as f:
        json.dump({"pred_contrib_seconds": best, "rows": n, "lightgbm": lgb.__version__}, f)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit("usage: lightgbm_reference.py WORK_DIR")
    main(sys.argv[1])
