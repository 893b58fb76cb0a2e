#!/usr/bin/env python3
"""Convert a sentence-transformers (PyTorch / safetensors) model folder to the ONNX layout
that the ml-runtime loads, and check the export against sentence-transformers itself.

Output folder layout (what `ml-runtime/models.json` expects):

    <out>/onnx/model.onnx          fp32, inputs input_ids / attention_mask / token_type_ids
                                   (int64 [batch, sequence]), output last_hidden_state
                                   (float32 [batch, sequence, hidden])
    <out>/tokenizer.json           copied unchanged from the source folder
    <out>/tokenizer_config.json    copied unchanged
    <out>/config.json, special_tokens_map.json, vocab.txt, sentence_bert_config.json,
    <out>/1_Pooling/config.json    copied unchanged when present (for reference)
    <out>/conversion.json          provenance: source checksums, versions, verification figures

Pooling and normalisation are NOT in the graph: the runtime pools last_hidden_state itself
(mean for all-MiniLM-L6-v2, CLS for bge-small-en-v1.5), then L2-normalises.

Usage (needs torch, transformers, sentence-transformers, onnx, onnxruntime):

    python ml-runtime/scripts/convert_to_onnx.py --src <sentence-transformers folder> \
        --out .cache/models/all-minilm-l6-v2 --pooling mean

The export is verified before it is moved into place: ONNX Runtime + pooling + L2 versus
SentenceTransformer.encode(normalize_embeddings=True) on a fixed set of sentences. The
script exits non-zero (and leaves <out> untouched) when the figures are outside tolerance.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

COPY_FILES = [
    "tokenizer.json",
    "tokenizer_config.json",
    "config.json",
    "special_tokens_map.json",
    "vocab.txt",
    "sentence_bert_config.json",
    "modules.json",
    "config_sentence_transformers.json",
    "1_Pooling/config.json",
]

VERIFY_SENTENCES = [
    "This is an example sentence",
    "Each sentence is converted",
    "A man is eating food.",
    "A man is eating a piece of bread.",
    "A man is riding a horse.",
    "I love dogs",
    "Stock markets fell sharply on Tuesday after the central bank raised interest rates.",
    "Senior backend engineer with eight years of TypeScript, PostgreSQL and GraphQL federation experience.",
    "Café naïve résumé — accents, CJK 東京 and an emoji 🚀 in one line.",
    "ok",
    # long enough to hit the 256-token truncation of all-MiniLM-L6-v2
    " ".join(["The quick brown fox jumps over the lazy dog while the committee reviews the budget."] * 24),
]


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def log(msg: str) -> None:
    print(f"[convert] {msg}", flush=True)


def export(src: Path, onnx_path: Path, opset: int, exporter: str = "auto") -> str:
    import torch
    from transformers import AutoModel, AutoTokenizer

    tok = AutoTokenizer.from_pretrained(str(src))
    model = AutoModel.from_pretrained(str(src), dtype=torch.float32)
    model.eval()
    # eager attention traces to plain MatMul/Softmax ops that every ONNX Runtime build runs
    if hasattr(model, "set_attn_implementation"):
        try:
            model.set_attn_implementation("eager")
        except Exception:  # noqa: BLE001 - older/newer transformers: fall back to config
            model.config._attn_implementation = "eager"
    else:
        model.config._attn_implementation = "eager"

    class Wrapper(torch.nn.Module):
        def __init__(self, inner: torch.nn.Module) -> None:
            super().__init__()
            self.inner = inner

        def forward(self, input_ids, attention_mask, token_type_ids):  # type: ignore[no-untyped-def]
            out = self.inner(input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids)
            return out[0] if isinstance(out, tuple) else out.last_hidden_state

    enc = tok(["a dummy sentence for tracing", "short"], padding=True, return_tensors="pt")
    args = (enc["input_ids"], enc["attention_mask"], enc.get("token_type_ids", torch.zeros_like(enc["input_ids"])))
    names_in = ["input_ids", "attention_mask", "token_type_ids"]
    dyn = {n: {0: "batch", 1: "sequence"} for n in names_in}
    dyn["last_hidden_state"] = {0: "batch", 1: "sequence"}
    wrapper = Wrapper(model).eval()

    errors = []
    # 1st choice: the TorchScript exporter (one self-contained file, plain opset ops).
    # 2nd choice: the dynamo exporter, when a torch build no longer has the former.
    choices = {"auto": (False, True), "torchscript": (False,), "dynamo": (True,)}[exporter]
    for dynamo in choices:
        try:
            with torch.no_grad():
                kwargs = dict(
                    input_names=names_in,
                    output_names=["last_hidden_state"],
                    opset_version=opset,
                    do_constant_folding=True,
                    dynamo=dynamo,
                )
                if dynamo:
                    kwargs["dynamic_shapes"] = {
                        "input_ids": {0: torch.export.Dim("batch"), 1: torch.export.Dim("sequence")},
                        "attention_mask": {0: torch.export.Dim("batch"), 1: torch.export.Dim("sequence")},
                        "token_type_ids": {0: torch.export.Dim("batch"), 1: torch.export.Dim("sequence")},
                    }
                    kwargs["external_data"] = False
                else:
                    kwargs["dynamic_axes"] = dyn
                torch.onnx.export(wrapper, args, str(onnx_path), **kwargs)
            return "torch.onnx.export(dynamo=%s)" % dynamo
        except Exception as exc:  # noqa: BLE001
            errors.append(f"dynamo={dynamo}: {type(exc).__name__}: {exc}")
            log(f"export with dynamo={dynamo} failed: {str(exc)[:300]}")
    raise RuntimeError("ONNX export failed:\n  " + "\n  ".join(errors))


def verify(src: Path, onnx_path: Path, pooling: str, max_length: int | None) -> dict:
    import numpy as np
    import onnxruntime as ort
    from sentence_transformers import SentenceTransformer
    from transformers import AutoTokenizer

    st = SentenceTransformer(str(src), device="cpu")
    seq_len = max_length or st.max_seq_length
    ref = st.encode(VERIFY_SENTENCES, batch_size=32, normalize_embeddings=True, convert_to_numpy=True)

    tok = AutoTokenizer.from_pretrained(str(src))
    enc = tok(VERIFY_SENTENCES, padding=True, truncation=True, max_length=seq_len, return_tensors="np")
    sess = ort.InferenceSession(str(onnx_path), providers=["CPUExecutionProvider"])
    feed = {
        "input_ids": enc["input_ids"].astype(np.int64),
        "attention_mask": enc["attention_mask"].astype(np.int64),
        "token_type_ids": enc.get("token_type_ids", np.zeros_like(enc["input_ids"])).astype(np.int64),
    }
    hidden = sess.run(["last_hidden_state"], feed)[0]
    if pooling == "mean":
        m = feed["attention_mask"][..., None].astype(np.float32)
        pooled = (hidden * m).sum(1) / np.clip(m.sum(1), 1e-9, None)
    else:
        pooled = hidden[:, 0]
    got = pooled / np.linalg.norm(pooled, axis=1, keepdims=True)
    cos = (got * ref).sum(1) / (np.linalg.norm(got, axis=1) * np.linalg.norm(ref, axis=1))
    return {
        "sentences": len(VERIFY_SENTENCES),
        "max_seq_length": int(seq_len),
        "max_abs_diff": float(np.abs(got - ref).max()),
        "min_cosine": float(cos.min()),
        "mean_cosine": float(cos.mean()),
        "first_values": {VERIFY_SENTENCES[0]: [round(float(v), 6) for v in got[0, :4]]},
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--src", required=True, type=Path, help="sentence-transformers model folder (model.safetensors, config.json, tokenizer.json, ...)")
    ap.add_argument("--out", required=True, type=Path, help="target model folder, e.g. .cache/models/all-minilm-l6-v2")
    ap.add_argument("--pooling", choices=["mean", "cls"], required=True, help="pooling the runtime applies (for verification)")
    ap.add_argument("--max-length", type=int, default=None, help="truncation for verification (default: the model's max_seq_length)")
    ap.add_argument("--opset", type=int, default=17)
    ap.add_argument("--exporter", choices=["auto", "torchscript", "dynamo"], default="auto", help="auto: TorchScript exporter, then dynamo")
    ap.add_argument("--source-note", default="", help="free text recorded in conversion.json (where --src came from)")
    ap.add_argument("--max-abs-diff", type=float, default=1e-4, help="tolerance vs sentence-transformers")
    ap.add_argument("--min-cosine", type=float, default=0.99999)
    a = ap.parse_args()

    src: Path = a.src.resolve()
    out: Path = a.out.resolve()
    weights = next((p for p in (src / "model.safetensors", src / "pytorch_model.bin") if p.exists()), None)
    if weights is None:
        log(f"no model.safetensors / pytorch_model.bin in {src}")
        return 2
    for f in ("config.json", "tokenizer.json"):
        if not (src / f).exists():
            log(f"missing {f} in {src}")
            return 2

    t0 = time.time()
    out.parent.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=f".{out.name}.convert-", dir=out.parent))
    os.chmod(stage, 0o755)
    try:
        (stage / "onnx").mkdir()
        onnx_path = stage / "onnx" / "model.onnx"
        log(f"exporting {src} -> onnx/model.onnx (opset {a.opset}, fp32)")
        how = export(src, onnx_path, a.opset, a.exporter)
        # a dynamo export may leave weights in a side file; fold them in so the folder is one file
        import onnx

        m = onnx.load(str(onnx_path))
        onnx.save_model(m, str(onnx_path), save_as_external_data=False)
        for extra in (stage / "onnx").iterdir():
            if extra.name != "model.onnx":
                extra.unlink()
        inputs = [i.name for i in m.graph.input]
        outputs = [o.name for o in m.graph.output]
        log(f"exported with {how}: inputs={inputs} outputs={outputs}")
        if outputs != ["last_hidden_state"] or set(inputs) != {"input_ids", "attention_mask", "token_type_ids"}:
            log("unexpected graph interface")
            return 3

        log("verifying against sentence-transformers ...")
        fig = verify(src, onnx_path, a.pooling, a.max_length)
        log(
            f"verify: {fig['sentences']} sentences, max_abs_diff={fig['max_abs_diff']:.3e}, "
            f"min_cosine={fig['min_cosine']:.8f}, mean_cosine={fig['mean_cosine']:.8f}"
        )
        if fig["max_abs_diff"] > a.max_abs_diff or fig["min_cosine"] < a.min_cosine:
            log("verification FAILED: outside tolerance; nothing written")
            return 4

        for rel in COPY_FILES:
            p = src / rel
            if p.exists():
                (stage / rel).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(p, stage / rel)

        import numpy
        import onnxruntime
        import sentence_transformers
        import torch
        import transformers

        manifest = {
            "format": "onnx fp32, last_hidden_state (pooling done by the runtime)",
            "pooling": a.pooling,
            "source": {"folder": str(src), "note": a.source_note, "weights": weights.name, "weights_sha256": sha256(weights)},
            "exporter": how,
            "opset": a.opset,
            "versions": {
                "python": sys.version.split()[0],
                "torch": torch.__version__,
                "transformers": transformers.__version__,
                "sentence_transformers": sentence_transformers.__version__,
                "onnx": onnx.__version__,
                "onnxruntime": onnxruntime.__version__,
                "numpy": numpy.__version__,
            },
            "verification": fig,
            "files": {
                str(p.relative_to(stage)): {"bytes": p.stat().st_size, "sha256": sha256(p)}
                for p in sorted(stage.rglob("*"))
                if p.is_file()
            },
            "seconds": round(time.time() - t0, 1),
        }
        (stage / "conversion.json").write_text(json.dumps(manifest, indent=2) + "\n")

        # swap into place
        if out.exists():
            old = out.with_name(out.name + f".old-{os.getpid()}")
            out.rename(old)
            stage.rename(out)
            shutil.rmtree(old, ignore_errors=True)
        else:
            stage.rename(out)
        log(f"wrote {out} in {manifest['seconds']}s (model.onnx {manifest['files']['onnx/model.onnx']['bytes']} bytes)")
        return 0
    finally:
        if stage.exists():
            shutil.rmtree(stage, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
