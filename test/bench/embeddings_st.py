#!/usr/bin/env python3
"""The sentence-transformers side of `npm run bench -- embeddings`.

Runs the same cases as the HTTP side, in-process, on the same texts in the same order:
batch sizes 1/8/32/128 with one caller (sequential encode calls) and 16 concurrent callers
(threads) with batch 1. Progress goes to stderr; the last stdout line is one JSON object:

    {"env": {...}, "models": {"<name>": {"b1": {"texts_per_s", "p50_ms", "p95_ms", "requests", "texts", "seconds"}, ...}},
     "skipped": {"<name>": "why"}}

Usage (normally started by test/bench/embeddings.ts):
    python test/bench/embeddings_st.py --texts texts.json --models '[{"name": "...", "path": "..."}]' --seconds 6
texts.json: {"texts": [...], "warmup": [...]}
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor


def log(msg: str) -> None:
    print(f"[st] {msg}", file=sys.stderr, flush=True)


def pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    s = sorted(values)
    k = max(0, min(len(s) - 1, int(-(-p * len(s) // 100)) - 1))  # nearest rank
    return s[k]


class Cursor:
    """Hands out texts in pool order, shared by all cases of one model (no text is embedded twice)."""

    def __init__(self, texts: list[str]) -> None:
        self.texts = texts
        self.i = 0
        self.wrapped = False
        self.lock = threading.Lock()

    def take(self, n: int) -> list[str]:
        with self.lock:
            out = []
            for _ in range(n):
                if self.i >= len(self.texts):
                    self.i = 0
                    self.wrapped = True
                out.append(self.texts[self.i])
                self.i += 1
            return out


def summarize(lat_s: list[float], texts: int, wall: float) -> dict:
    return {
        "texts_per_s": round(texts / wall, 1),
        "p50_ms": round(pct(lat_s, 50) * 1000, 2),
        "p95_ms": round(pct(lat_s, 95) * 1000, 2),
        "requests": len(lat_s),
        "texts": texts,
        "seconds": round(wall, 2),
    }


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--texts", required=True)
    ap.add_argument("--models", required=True, help='JSON list of {"name", "path"}')
    ap.add_argument("--seconds", type=float, default=6.0, help="time budget per case")
    ap.add_argument("--batches", default="1,8,32,128")
    ap.add_argument("--concurrency", type=int, default=16)
    ap.add_argument("--max-texts", type=int, default=6000, help="stop a case after this many texts")
    a = ap.parse_args()

    try:
        import torch
        import sentence_transformers
        from sentence_transformers import SentenceTransformer
    except Exception as exc:  # noqa: BLE001
        print(json.dumps({"error": f"sentence-transformers not importable: {exc}"}))
        return 0

    with open(a.texts, encoding="utf-8") as f:
        data = json.load(f)
    pool: list[str] = data["texts"]
    warm: list[str] = data["warmup"]
    batches = [int(b) for b in a.batches.split(",")]
    env = {
        "python": platform.python_version(),
        "torch": torch.__version__,
        "sentence_transformers": sentence_transformers.__version__,
        "torch_threads": torch.get_num_threads(),
        "cpus": os.cpu_count(),
        "device": "cpu",
        "note": "16-thread case shares one model; tokenisation is serialised by a lock (HF fast tokenizers are not re-entrant)",
    }
    out: dict = {"env": env, "models": {}, "skipped": {}}

    for spec in json.loads(a.models):
        name, path = spec["name"], spec["path"]
        try:
            t0 = time.perf_counter()
            model = SentenceTransformer(path, device="cpu")
            model.eval()
            log(f"{name}: loaded {path} in {time.perf_counter() - t0:.1f}s (max_seq_length {model.max_seq_length})")
        except Exception as exc:  # noqa: BLE001
            out["skipped"][name] = f"cannot load {path}: {exc}"
            log(out["skipped"][name])
            continue

        tok_lock = threading.Lock()
        orig_tokenize = model.tokenize

        def locked_tokenize(*args, **kw):  # type: ignore[no-untyped-def]
            with tok_lock:
                return orig_tokenize(*args, **kw)

        model.tokenize = locked_tokenize  # type: ignore[method-assign]

        def encode(texts: list[str]) -> None:
            model.encode(texts, batch_size=len(texts), convert_to_numpy=True, normalize_embeddings=True, show_progress_bar=False)

        # warm-up: a few calls of each shape
        for b in batches:
            for _ in range(2):
                encode(warm[:b])
        cursor = Cursor(pool)
        res: dict = {}
        with torch.inference_mode():
            for b in batches:
                lat: list[float] = []
                n = 0
                start = time.perf_counter()
                min_req = 3 if b >= 32 else 10
                while True:
                    texts = cursor.take(b)
                    t = time.perf_counter()
                    encode(texts)
                    lat.append(time.perf_counter() - t)
                    n += b
                    el = time.perf_counter() - start
                    if (el >= a.seconds and len(lat) >= min_req) or (el >= 3 * a.seconds and lat) or n >= a.max_texts:
                        break
                res[f"b{b}"] = summarize(lat, n, time.perf_counter() - start)
                log(f"{name} b{b}: {res[f'b{b}']['texts_per_s']} texts/s, p50 {res[f'b{b}']['p50_ms']} ms, p95 {res[f'b{b}']['p95_ms']} ms")

        # concurrent callers, batch 1
        lat_c: list[float] = []
        count = [0]
        lock = threading.Lock()
        deadline = time.perf_counter() + a.seconds

        def worker() -> None:
            with torch.inference_mode():
                while time.perf_counter() < deadline:
                    with lock:
                        if count[0] >= a.max_texts:
                            return
                        count[0] += 1
                    texts = cursor.take(1)
                    t = time.perf_counter()
                    encode(texts)
                    d = time.perf_counter() - t
                    with lock:
                        lat_c.append(d)

        start = time.perf_counter()
        with ThreadPoolExecutor(max_workers=a.concurrency) as ex:
            for f in [ex.submit(worker) for _ in range(a.concurrency)]:
                f.result()
        key = f"c{a.concurrency}"
        res[key] = summarize(lat_c, len(lat_c), time.perf_counter() - start)
        log(f"{name} {key}: {res[key]['texts_per_s']} texts/s, p50 {res[key]['p50_ms']} ms, p95 {res[key]['p95_ms']} ms")
        if cursor.wrapped:
            res["note"] = "text pool wrapped: some texts were embedded twice"
        out["models"][name] = res
        del model

    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
