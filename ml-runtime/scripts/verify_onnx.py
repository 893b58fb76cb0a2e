#!/usr/bin/env python3
"""Compare an ONNX embedding model (last_hidden_state + pooling + L2) with sentence-transformers.

    python ml-runtime/scripts/verify_onnx.py --onnx .cache/models/all-minilm-l6-v2/onnx/model.onnx \
        --st .cache/sources/all-minilm-l6-v2 --pooling mean [--json]

Runs the ONNX model on the same sentences in several batch shapes (1 at a time, padded batches
of 8 and 32, and one batch with all of them) so that a graph traced at one shape but wrong at
another would show up, and reports max |diff| and min/mean cosine against
SentenceTransformer.encode(normalize_embeddings=True). Also prints the cosines of a few
well-known sentence pairs for a human sanity check.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

BASE = [
    "This is an example sentence",
    "Each sentence is converted",
    "A man is eating food.",
    "A man is eating a piece of bread.",
    "A man is riding a horse.",
    "I love dogs",
    "I adore puppies",
    "Stock markets fell sharply on Tuesday.",
    "Senior backend engineer with eight years of TypeScript, PostgreSQL and GraphQL federation experience.",
    "Café naïve résumé — accents, CJK 東京 and an emoji 🚀 in one line.",
    "ok",
    " ".join(["The quick brown fox jumps over the lazy dog while the committee reviews the budget."] * 24),
]

PAIRS = [
    ("A man is eating food.", "A man is eating a piece of bread."),
    ("A man is eating food.", "A man is riding a horse."),
    ("I love dogs", "I adore puppies"),
    ("I love dogs", "Stock markets fell sharply on Tuesday."),
]


def sentences(n: int) -> list[str]:
    rng = random.Random(7)
    words = (
        "data model graph service query latency vector index engineer candidate skill project team "
        "python typescript remote contract senior junior design research lead market sales customer "
        "the a of and to in with for on at by from is was are were be has have"
    ).split()
    out = list(BASE)
    while len(out) < n:
        k = rng.randint(3, 60)
        out.append(" ".join(rng.choice(words) for _ in range(k)).capitalize() + ".")
    return out[:n]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--onnx", required=True, type=Path)
    ap.add_argument("--st", required=True, type=Path, help="sentence-transformers folder (reference)")
    ap.add_argument("--pooling", choices=["mean", "cls"], required=True)
    ap.add_argument("--n", type=int, default=48)
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()

    import numpy as np
    import onnxruntime as ort
    from sentence_transformers import SentenceTransformer
    from transformers import AutoTokenizer

    texts = sentences(a.n)
    st = SentenceTransformer(str(a.st), device="cpu")
    ref = st.encode(texts, batch_size=16, normalize_embeddings=True, convert_to_numpy=True)
    tok = AutoTokenizer.from_pretrained(str(a.st))
    sess = ort.InferenceSession(str(a.onnx), providers=["CPUExecutionProvider"])
    names = {i.name for i in sess.get_inputs()}

    def run(batch: list[str]):
        enc = tok(batch, padding=True, truncation=True, max_length=st.max_seq_length, return_tensors="np")
        feed = {"input_ids": enc["input_ids"].astype(np.int64), "attention_mask": enc["attention_mask"].astype(np.int64)}
        if "token_type_ids" in names:
            feed["token_type_ids"] = np.zeros_like(feed["input_ids"])
        h = sess.run(None, feed)[0]
        if a.pooling == "mean":
            m = feed["attention_mask"][..., None].astype(np.float32)
            p = (h * m).sum(1) / np.clip(m.sum(1), 1e-9, None)
        else:
            p = h[:, 0]
        return p / np.linalg.norm(p, axis=1, keepdims=True)

    report: dict = {"onnx": str(a.onnx), "reference": str(a.st), "sentences": len(texts), "max_seq_length": st.max_seq_length, "shapes": {}}
    worst_diff, worst_cos, all_cos = 0.0, 1.0, []
    for bs in (1, 8, 32, len(texts)):
        got = np.concatenate([run(texts[i : i + bs]) for i in range(0, len(texts), bs)])
        cos = (got * ref).sum(1)
        d = float(np.abs(got - ref).max())
        report["shapes"][f"batch{bs}"] = {"max_abs_diff": d, "min_cosine": float(cos.min()), "mean_cosine": float(cos.mean())}
        worst_diff, worst_cos = max(worst_diff, d), min(worst_cos, float(cos.min()))
        all_cos.extend(cos.tolist())
        if bs == 1:
            first = got[0, :3].tolist()
    report["max_abs_diff"] = worst_diff
    report["min_cosine"] = worst_cos
    report["mean_cosine"] = float(np.mean(all_cos))
    report["first_values"] = {texts[0]: [round(v, 6) for v in first], "reference": [round(float(v), 6) for v in ref[0, :3]]}
    e = {t: v for t, v in zip(texts, run(texts))}
    report["pair_cosines"] = {f"{x} | {y}": round(float(e[x] @ e[y]), 4) for x, y in PAIRS}

    if a.json:
        print(json.dumps(report))
    else:
        print(f"ONNX {a.onnx}\nvs sentence-transformers {a.st} (max_seq_length {st.max_seq_length}), {len(texts)} sentences")
        for k, v in report["shapes"].items():
            print(f"  {k:>8}: max|diff| {v['max_abs_diff']:.3e}  min cos {v['min_cosine']:.7f}  mean cos {v['mean_cosine']:.7f}")
        print(f"  first values of {texts[0]!r}: onnx {report['first_values'][texts[0]]} st {report['first_values']['reference']}")
        for k, v in report["pair_cosines"].items():
            print(f"  cos({k}) = {v}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
