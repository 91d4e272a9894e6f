#!/usr/bin/env python3
"""Computes tenderchain's shared test vectors from the documented formulas, independently of
the Rust code, and writes them to ``vectors.json`` next to this script.

Who reads the file: the pallets' ``vectors`` test modules (pallet-tendering, pallet-expert-draw,
pallet-notary, pallet-certificates) and the ``tender`` client's tests. Both sides must
reproduce every value here; this script is the third, independent implementation that pins
them to the formulas written in the pallets' documentation.

Python 3.11 standard library only: ``hashlib.sha256``, ``hashlib.blake2b(digest_size=32)``
(BLAKE2b-256, what Substrate calls ``blake2_256``), ``hashlib.sha512`` (for ed25519), and a
hand-written SCALE encoder (only the few shapes the vectors need).

Usage::

    python3 tests/vectors/generate.py          # rewrite vectors.json
    python3 tests/vectors/generate.py --check  # recompute, compare with the committed file,
                                               # exit 1 if they differ

The formulas (tags are ASCII strings; ``‖`` is concatenation; integers are little-endian):

- Merkle root of a notarized batch (pallet-notary ``merkle``): leaves ``L(d) = SHA-256(0x00 ‖ d)``
  over the documents' SHA-256 hashes ``d``, inner nodes ``N(a, b) = SHA-256(0x01 ‖ a ‖ b)``,
  each level paired left to right, an odd last node carried up unchanged (never paired with
  itself); the root of one document is ``L(d₀)``; an empty batch has no root.
- Bid commitment (pallet-tendering ``commitment``): ``SHA-256(BID_COMMITMENT_TAG ‖ genesis ‖
  SCALE(tender u64) ‖ SCALE(bidder) ‖ file hash ‖ fingerprint hash ‖ salt)``.
- Expert pseudonym (pallet-expert-draw ``pseudonym``): ``BLAKE2-256(EXPERT_PSEUDONYM_TAG ‖
  SCALE(account) ‖ salt)``.
- Draw input (pallet-expert-draw ``selection::input_hash``): ``BLAKE2-256(DRAW_INPUT_TAG ‖
  SCALE(genesis, draw u64, tender u64, mode, requirements, anchor hash))``.
- Draw seed (``selection::seed``): ``BLAKE2-256(DRAW_SEED_TAG ‖ input ‖ (SCALE(city) ‖ output)
  for each contribution in city-code order)``; the outputs are the cities' VRF outputs, taken
  here as given (Python's standard library has no sr25519 VRF).
- Draw picks (``selection::select``): line by line, the candidates are the line's eligible set
  minus earlier lines' picks, in order; for ``i`` in ``0..min(count, n)``: ``r`` = u128 LE of
  the first 16 bytes of ``BLAKE2-256(DRAW_PICK_TAG ‖ seed ‖ line u32 ‖ i u32)``,
  ``j = i + r mod (n − i)``, swap ``i`` and ``j``; the line's picks are the first ``count``.
- Draw contributors (``selection::contributor_order``): the cities that had a draw key at the
  request (the requesting city and the anchor block's author city excluded) sorted by ``BLAKE2-256(DRAW_CONTRIBUTORS_TAG ‖ anchor
  hash ‖ SCALE(city))``, lowest first, ties by code; the first ``RequiredContributions`` are
  asked, one more after each full contribution window.
- Credit code (pallet-expert-draw ``identity``): trimmed of ASCII blanks, upper-cased, 18
  characters of ``0-9 A-H J-N P-R T U W-Y``, the last the GB 32100-2015 check character
  ``31 − (Σ value_i × 3^i mod 31)`` (31 written ``0``); identity hash ``SHA-256(IDENTITY_TAG ‖
  code)``; an expert's employer commitment ``BLAKE2-256(EXPERT_EMPLOYER_TAG ‖ identity hash ‖
  salt)``.
- Certificate signing message (pallet-certificates ``CertificatePayload``):
  ``CERTIFICATE_SIGNING_TAG ‖ SCALE(payload)``, signed by the CA with ed25519.
- Revocation signing message (``RevocationPayload``): ``REVOCATION_SIGNING_TAG ‖
  SCALE(payload)``, signed by the CA with ed25519.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import struct
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "vectors.json"

# The layout of vectors.json. Bump it only if a field is renamed or removed (readers match on it).
FORMAT = 1

# The tags, as in primitives/src/lib.rs (`tags`).
CERTIFICATE_SIGNING_TAG = b"tenderchain/certificate/v1"
REVOCATION_SIGNING_TAG = b"tenderchain/revocation/v1"
BID_COMMITMENT_TAG = b"tenderchain/bid-commitment/v2"
EXPERT_PSEUDONYM_TAG = b"tenderchain/expert-pseudonym/v1"
DRAW_INPUT_TAG = b"tenderchain/expert-draw/input/v1"
DRAW_SEED_TAG = b"tenderchain/expert-draw/seed/v1"
DRAW_PICK_TAG = b"tenderchain/expert-draw/pick/v1"
DRAW_CONTRIBUTORS_TAG = b"tenderchain/expert-draw/contributors/v1"
EXPERT_EMPLOYER_TAG = b"tenderchain/expert-employer/v1"
IDENTITY_TAG = b"tenderchain/identity/v1"

# The Merkle tree's node prefixes (pallet-notary `merkle::LEAF_PREFIX`, `NODE_PREFIX`).
LEAF_PREFIX = b"\x00"
NODE_PREFIX = b"\x01"


# ---------------------------------------------------------------------------------------------
# Hashes and hex.


def sha256(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()


def blake2_256(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=32).digest()


def hx(data: bytes) -> str:
    """Bytes as 0x-prefixed lower-case hex."""
    return "0x" + data.hex()


def rep(byte: int, n: int = 32) -> bytes:
    """`n` copies of `byte` (Rust's `H256::repeat_byte`, `[byte; n]`)."""
    return bytes([byte]) * n


def seq(start: int, n: int = 32) -> bytes:
    """The bytes `start, start + 1, …` (mod 256): a value with no repeated structure."""
    return bytes((start + i) % 256 for i in range(n))


# ---------------------------------------------------------------------------------------------
# SCALE, by hand: only the shapes the vectors use.


def u8(v: int) -> bytes:
    return struct.pack("<B", v)


def u16(v: int) -> bytes:
    return struct.pack("<H", v)


def u32(v: int) -> bytes:
    return struct.pack("<I", v)


def u64(v: int) -> bytes:
    return struct.pack("<Q", v)


def compact(n: int) -> bytes:
    """SCALE compact integer (the length prefix of a `Vec`/`BoundedVec`)."""
    if n < 0:
        raise ValueError("compact of a negative number")
    if n < 1 << 6:
        return u8(n << 2)
    if n < 1 << 14:
        return u16((n << 2) | 0b01)
    if n < 1 << 30:
        return u32((n << 2) | 0b10)
    raw = n.to_bytes((n.bit_length() + 7) // 8, "little")
    return u8(((len(raw) - 4) << 2) | 0b11) + raw


def vec_bytes(b: bytes) -> bytes:
    """SCALE `Vec<u8>` / `BoundedVec<u8, _>`: compact length, then the bytes."""
    return compact(len(b)) + b


def account(v: dict) -> bytes:
    """SCALE of an account: an `AccountId32` is its 32 bytes; the mocks' `u64` accounts are 8
    bytes LE. A vector states its type in `account_type`."""
    return bytes.fromhex(v["account"][2:])


# The self-test of the SCALE encoder against known encodings (parity-scale-codec's docs).
assert compact(0) == b"\x00" and compact(1) == b"\x04" and compact(63) == b"\xfc"
assert compact(64) == b"\x01\x01" and compact(16383) == b"\xfd\xff"
assert compact(16384) == b"\x02\x00\x01\x00" and compact(1 << 30) == b"\x03\x00\x00\x00\x40"


# ---------------------------------------------------------------------------------------------
# ed25519 (RFC 8032, section 5.1), for the CA signatures over the signing messages: plain, slow,
# not constant-time — for test vectors only.

P = 2**255 - 19
L = 2**252 + 27742317777372353535851937790883648493
D = (-121665 * pow(121666, P - 2, P)) % P
SQRT_M1 = pow(2, (P - 1) // 4, P)


def _add(a, b):
    x1, y1, z1, t1 = a
    x2, y2, z2, t2 = b
    aa = (y1 - x1) * (y2 - x2) % P
    bb = (y1 + x1) * (y2 + x2) % P
    cc = 2 * t1 * t2 * D % P
    dd = 2 * z1 * z2 % P
    e, f, g, h = bb - aa, dd - cc, dd + cc, bb + aa
    return (e * f % P, g * h % P, f * g % P, e * h % P)


def _mul(s, point):
    q = (0, 1, 1, 0)
    while s > 0:
        if s & 1:
            q = _add(q, point)
        point = _add(point, point)
        s >>= 1
    return q


def _encode_point(point) -> bytes:
    x, y, z, _ = point
    zi = pow(z, P - 2, P)
    x, y = x * zi % P, y * zi % P
    return int.to_bytes(y | ((x & 1) << 255), 32, "little")


def _base():
    y = 4 * pow(5, P - 2, P) % P
    x2 = (y * y - 1) * pow(D * y * y + 1, P - 2, P) % P
    x = pow(x2, (P + 3) // 8, P)
    if (x * x - x2) % P != 0:
        x = x * SQRT_M1 % P
    if x & 1:
        x = P - x
    return (x, y, 1, x * y % P)


G = _base()


def _secret_scalar(secret: bytes) -> tuple[int, bytes]:
    h = hashlib.sha512(secret).digest()
    a = int.from_bytes(h[:32], "little")
    a &= (1 << 254) - 8
    a |= 1 << 254
    return a, h[32:]


def ed25519_public(secret: bytes) -> bytes:
    """The public key of the 32-byte ed25519 secret seed."""
    a, _ = _secret_scalar(secret)
    return _encode_point(_mul(a, G))


def ed25519_sign(secret: bytes, message: bytes) -> bytes:
    """The (deterministic) ed25519 signature of `message` with the 32-byte secret seed."""
    a, prefix = _secret_scalar(secret)
    public = _encode_point(_mul(a, G))
    r = int.from_bytes(hashlib.sha512(prefix + message).digest(), "little") % L
    big_r = _encode_point(_mul(r, G))
    k = int.from_bytes(hashlib.sha512(big_r + public + message).digest(), "little") % L
    return big_r + int.to_bytes((r + k * a) % L, 32, "little")


# The self-test against RFC 8032 section 7.1, TEST 1 (empty message).
_RFC_SECRET = bytes.fromhex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")
assert ed25519_public(_RFC_SECRET) == bytes.fromhex(
    "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"
)
assert ed25519_sign(_RFC_SECRET, b"") == bytes.fromhex(
    "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"
)


def group(description: str, tag: bytes, cases: list[dict]) -> dict:
    """A group of the file: its formula in words, its domain-separation tag, its cases."""
    return {"description": description, "tag": hx(tag), "cases": cases}


# ---------------------------------------------------------------------------------------------
# Merkle tree (pallet-notary `merkle`).


def merkle_leaf(document: bytes) -> bytes:
    return sha256(LEAF_PREFIX + document)


def merkle_node(left: bytes, right: bytes) -> bytes:
    return sha256(NODE_PREFIX + left + right)


def merkle_next(level: list[bytes]) -> list[bytes]:
    out = []
    for i in range(0, len(level), 2):
        out.append(merkle_node(level[i], level[i + 1]) if i + 1 < len(level) else level[i])
    return out


def merkle_root(documents: list[bytes]) -> bytes | None:
    level = [merkle_leaf(d) for d in documents]
    if not level:
        return None
    while len(level) > 1:
        level = merkle_next(level)
    return level[0]


def merkle_proof(documents: list[bytes], index: int) -> list[dict]:
    """The siblings of document `index` from the bottom up, each with its side ("left": the
    sibling is the left input, `N(sibling, path)`; "right": `N(path, sibling)`). A level where
    the path's node is carried up contributes no step."""
    level = [merkle_leaf(d) for d in documents]
    position = index
    steps = []
    while len(level) > 1:
        sibling = position ^ 1
        if sibling < len(level):
            steps.append({"side": "left" if sibling < position else "right", "hash": hx(level[sibling])})
        level = merkle_next(level)
        position //= 2
    return steps


def merkle_group() -> dict:
    names = "abcdefghijklmnopq"
    cases = []
    for n in [1, 2, 3, 4, 5, 7, 8, 9]:
        preimages = list(names[:n])
        documents = [sha256(p.encode()) for p in preimages]
        cases.append(
            {
                "name": f"{n} documents",
                "document_preimages": preimages,
                "documents": [hx(d) for d in documents],
                "root": hx(merkle_root(documents)),
                "proofs": [merkle_proof(documents, i) for i in range(n)],
            }
        )
    # A batch of 17 documents whose hashes are SHA-256 of u32 LE 0..16 (as the pallet's
    # proof test builds them): three carries on the way up.
    documents = [sha256(u32(i)) for i in range(17)]
    cases.append(
        {
            "name": "17 documents, SHA-256 of u32 LE 0..16",
            "document_preimages": [hx(u32(i)) for i in range(17)],
            "documents": [hx(d) for d in documents],
            "root": hx(merkle_root(documents)),
            "proofs": [merkle_proof(documents, i) for i in range(17)],
        }
    )
    description = (
        "Binary SHA-256 Merkle tree of a notarized batch (pallet-notary `merkle`): "
        "leaf L(d) = SHA-256(0x00 ‖ d) over each document's SHA-256 hash d, inner node "
        "N(a, b) = SHA-256(0x01 ‖ a ‖ b); each level pairs its nodes left to right and an odd "
        "last node is carried up unchanged (not paired with itself); the root of one document "
        "is L(d0); an empty batch has no root. `documents` are SHA-256 of "
        "`document_preimages` (UTF-8 strings, or 0x-hex bytes). `proofs[i]` lists document "
        "i's siblings from the bottom up; side \"left\" means N(sibling, path), \"right\" "
        "means N(path, sibling); a level where the path's node is carried up has no step."
    )
    return {"description": description, "leaf_prefix": hx(LEAF_PREFIX), "node_prefix": hx(NODE_PREFIX), "cases": cases}


# ---------------------------------------------------------------------------------------------
# Bid commitment (pallet-tendering `commitment`).


def commitment_preimage(c: dict) -> bytes:
    return (
        BID_COMMITMENT_TAG
        + bytes.fromhex(c["genesis"][2:])
        + u64(c["tender"])
        + account({"account": c["bidder"]})
        + int(c["price"]).to_bytes(16, "little")
        + c["duration_days"].to_bytes(4, "little")
        + bytes.fromhex(c["quality"][2:])
        + bytes.fromhex(c["file_hash"][2:])
        + bytes.fromhex(c["fingerprint"][2:])
        + bytes.fromhex(c["salt"][2:])
    )


def bid(
    name: str, genesis: bytes, tender: int, bidder: bytes, file_hash: bytes, fingerprint: bytes, salt: bytes,
    price: int = 123_456_789, duration_days: int = 180, quality: bytes = b"",
) -> dict:
    """The inputs of one commitment case: the bid terms default to 1,234,567.89 yuan, 180 days
    and the SHA-256 of the quality commitment "quality"."""
    return {
        "name": name,
        "genesis": hx(genesis),
        "tender": tender,
        "bidder": hx(bidder),
        "price": str(price),
        "duration_days": duration_days,
        "quality": hx(quality or sha256(b"quality")),
        "file_hash": hx(file_hash),
        "fingerprint": hx(fingerprint),
        "salt": hx(salt),
    }


def commitment_group() -> dict:
    file_hash = sha256(b"bid file")
    inputs = [
        bid("tender 0, 16-byte salt (the shortest the chain accepts)", rep(0x11), 0, rep(0x22), file_hash, rep(0x80), rep(0x5A, 16)),
        bid("32-byte salt, distinct bytes everywhere", seq(0x00), 7, seq(0x40), seq(0x80), seq(0xC0), seq(0x10, 32)),
        bid(
            "64-byte salt (the longest the chain accepts), large tender id",
            rep(0xFF), 0x0102030405060708, rep(0x01), rep(0x02), rep(0x03), seq(0xA0, 64),
        ),
        bid("all-zero fingerprint hash (no machine fingerprint given)", rep(0x11), 42, rep(0x22), file_hash, rep(0x00), rep(0x5A, 16)),
        bid("same bid as the first, another bidder: another commitment", rep(0x11), 0, rep(0x23), file_hash, rep(0x80), rep(0x5A, 16)),
        bid("same bid as the first, one fen cheaper: another commitment", rep(0x11), 0, rep(0x22), file_hash, rep(0x80), rep(0x5A, 16), price=123_456_788),
        bid(
            "the largest price and duration the chain encodes",
            rep(0x11), 1, rep(0x22), file_hash, rep(0x80), rep(0x5A, 16), price=2**128 - 1, duration_days=2**32 - 1, quality=rep(0x00),
        ),
    ]
    cases = []
    for c in inputs:
        preimage = commitment_preimage(c)
        cases.append({**c, "preimage": hx(preimage), "commitment": hx(sha256(preimage))})
    description = (
        "Sealed-bid commitment (pallet-tendering `commitment`): SHA-256(tag ‖ genesis ‖ "
        "SCALE(tender u64, i.e. 8 bytes LE) ‖ SCALE(bidder AccountId32, i.e. its 32 bytes) "
        "‖ SCALE(price u128 in fen, 16 bytes LE; a decimal string in this file) ‖ SCALE(duration_days u32, 4 bytes LE) ‖ quality "
        "(32-byte hash of the quality commitment) ‖ file_hash ‖ fingerprint ‖ salt). The salt is raw bytes, no length prefix; the "
        "chain accepts 16 to 64 bytes. `preimage` is the whole hashed message."
    )
    return group(description, BID_COMMITMENT_TAG, cases)


# ---------------------------------------------------------------------------------------------
# Expert pseudonym (pallet-expert-draw `pseudonym`).


def pseudonym_group() -> dict:
    inputs = [
        {"name": "AccountId32, distinct bytes", "account_type": "AccountId32", "account": hx(seq(0x20)), "salt": hx(seq(0x90))},
        {"name": "AccountId32 all 0x01, salt all 0x40", "account_type": "AccountId32", "account": hx(rep(0x01)), "salt": hx(rep(0x40))},
        {"name": "AccountId32 all zero, salt all zero", "account_type": "AccountId32", "account": hx(rep(0x00)), "salt": hx(rep(0x00))},
        {
            "name": "the expert-draw mock's expert 0: u64 account 1000, salt all 0x40",
            "account_type": "u64",
            "account": hx(u64(1000)),
            "salt": hx(rep(0x40)),
        },
    ]
    cases = []
    for c in inputs:
        preimage = EXPERT_PSEUDONYM_TAG + account(c) + bytes.fromhex(c["salt"][2:])
        cases.append({**c, "pseudonym": hx(blake2_256(preimage))})
    description = (
        "Expert pool pseudonym (pallet-expert-draw `pseudonym`): BLAKE2-256(tag ‖ "
        "SCALE(account) ‖ salt) with a 32-byte salt. `account` is SCALE(account): an "
        "AccountId32's 32 bytes on the chain; `account_type` \"u64\" marks the unit-test "
        "mock's accounts (8 bytes LE)."
    )
    return group(description, EXPERT_PSEUDONYM_TAG, cases)


# ---------------------------------------------------------------------------------------------
# The expert draw (pallet-expert-draw `selection`).

MODES = {"Local": 0, "Remote": 1}


def draw_input_scale(c: dict) -> bytes:
    data = bytes.fromhex(c["genesis"][2:]) + u64(c["draw"]) + u64(c["tender"]) + u8(MODES[c["mode"]])
    data += compact(len(c["requirements"]))
    for r in c["requirements"]:
        data += u16(r["speciality"]) + u32(r["count"])
    return data + bytes.fromhex(c["anchor"][2:])


def draw_input(c: dict) -> bytes:
    return blake2_256(DRAW_INPUT_TAG + draw_input_scale(c))


def draw_seed(input_hash: bytes, contributions: list[dict]) -> bytes:
    data = DRAW_SEED_TAG + input_hash
    for c in sorted(contributions, key=lambda c: c["city"].encode()):
        data += vec_bytes(c["city"].encode()) + bytes.fromhex(c["output"][2:])
    return blake2_256(data)


def draw_random(seed: bytes, line: int, i: int) -> int:
    return int.from_bytes(blake2_256(DRAW_PICK_TAG + seed + u32(line) + u32(i))[:16], "little")


def draw_pick(seed: bytes, line: int, candidates: list[int], count: int) -> list[int]:
    candidates = list(candidates)
    n = len(candidates)
    count = min(count, n)
    for i in range(count):
        j = i + draw_random(seed, line, i) % (n - i)
        candidates[i], candidates[j] = candidates[j], candidates[i]
    return candidates[:count]


def draw_select(seed: bytes, lines: list[dict]) -> list[int]:
    picks: list[int] = []
    for index, line in enumerate(lines):
        candidates = [e for e in line["eligible"] if e not in picks]
        picks += draw_pick(seed, index, candidates, line["count"])
    return picks


# The lines of the benchmark draw (pallet-expert-draw `bench_vectors::bench_lines`).
BENCH_LINES = [(1, 2), (2, 2), (3, 2), (4, 1)]


def request(genesis: bytes, draw: int, tender: int, mode: str, requirements: list[tuple[int, int]], anchor: bytes) -> dict:
    """A draw request: what its input hash is computed from. `requirements` as (speciality, count)."""
    return {
        "genesis": hx(genesis),
        "draw": draw,
        "tender": tender,
        "mode": mode,
        "requirements": [{"speciality": s, "count": c} for s, c in requirements],
        "anchor": hx(anchor),
    }


def draw_input_group() -> dict:
    remote = [(101, 3)]
    named = [
        ("remote, one line (the vector the pallet and the client pinned first)", request(rep(0x01), 7, 3, "Remote", remote, rep(0x02))),
        ("local, one line", request(rep(0x01), 7, 3, "Local", remote, rep(0x02))),
        (
            "the benchmark draw (pallet-expert-draw `bench_vectors`): four lines, 7 experts",
            request(rep(0x69), 0, 0, "Remote", BENCH_LINES, rep(0xA7)),
        ),
        (
            "large ids and counts, distinct bytes",
            request(seq(0x00), 0x0102030405060708, 0x1122334455667788, "Local", [(0xFFFF, 0xFFFFFFFF), (0x0102, 0x01020304)], seq(0x80)),
        ),
    ]
    inputs = [{"name": name, **r} for name, r in named]
    cases = []
    for c in inputs:
        scale = draw_input_scale(c)
        cases.append({**c, "scale": hx(scale), "input": hx(blake2_256(DRAW_INPUT_TAG + scale))})
    description = (
        "Draw input (pallet-expert-draw `selection::input_hash`): BLAKE2-256(tag ‖ "
        "SCALE(genesis, draw u64, tender u64, mode, requirements, anchor)), where mode is "
        "one byte (Local 0, Remote 1) and requirements a Vec of (speciality u16, count u32): "
        "compact length, then each line. `scale` is the SCALE part alone."
    )
    return group(description, DRAW_INPUT_TAG, cases)


def outputs(*pairs: tuple[str, bytes]) -> list[dict]:
    """Contributions as (city code, VRF output), in the order given."""
    return [{"city": city, "output": hx(output)} for city, output in pairs]


def draw_seed_group(inputs: dict[str, bytes]) -> dict:
    specs = [
        {
            "name": "two cities given out of order (the vector the pallet and the client pinned first)",
            "input": hx(inputs["remote"]),
            "contributions": outputs(("TS", rep(0x02)), ("JQ", rep(0x01))),
        },
        {
            "name": "the same two cities in order: the same seed",
            "input": hx(inputs["remote"]),
            "contributions": outputs(("JQ", rep(0x01)), ("TS", rep(0x02))),
        },
        {
            "name": "three cities, one code a prefix of another (shorter first)",
            "input": hx(inputs["bench"]),
            "contributions": outputs(("LZX", seq(0x30)), ("BY", seq(0x10)), ("LZ", seq(0x20))),
        },
        {
            "name": "one contribution, a 16-byte city code (the longest)",
            "input": hx(rep(0x00)),
            "contributions": outputs(("ABCDEFGHIJKLMNOP", rep(0xEE))),
        },
    ]
    cases = []
    for c in specs:
        ordered = sorted(c["contributions"], key=lambda x: x["city"].encode())
        cases.append(
            {
                **c,
                "city_order": [x["city"] for x in ordered],
                "seed": hx(draw_seed(bytes.fromhex(c["input"][2:]), c["contributions"])),
            }
        )
    description = (
        "Draw seed (pallet-expert-draw `selection::seed`): BLAKE2-256(tag ‖ input ‖ "
        "(SCALE(city) ‖ output) for each contribution sorted by city code bytes), where "
        "SCALE(city) is a compact length then the code's bytes. `output` is a city's 32-byte "
        "VRF output, given (not derived here). `city_order` is the order hashed."
    )
    return group(description, DRAW_SEED_TAG, cases)


def draw_line(speciality: int, count: int, eligible) -> dict:
    """One line of a draw with its eligible set."""
    return {"speciality": speciality, "count": count, "eligible": list(eligible)}


def draw_picks_group() -> dict:
    specs = [
        {
            "name": "two overlapping lines, 3 of 40 then 2 of 10 (the vector the pallet and the client pinned first)",
            "seed": hx(rep(0x5E)),
            "lines": [draw_line(101, 3, range(40)), draw_line(205, 2, range(10, 20))],
        },
        {"name": "1 of 1", "seed": hx(rep(0x5E)), "lines": [draw_line(1, 1, [7])]},
        {"name": "all 5 of a set of 5: a permutation", "seed": hx(seq(0x01)), "lines": [draw_line(1, 5, [3, 9, 27, 81, 243])]},
        {"name": "1 of 20", "seed": hx(seq(0x02)), "lines": [draw_line(1, 1, range(100, 120))]},
        {
            "name": "count beyond the candidates: all of them, shuffled (the chain rules this out at the request)",
            "seed": hx(seq(0x03)),
            "lines": [draw_line(1, 6, [10, 11, 12, 13])],
        },
        {
            "name": "four lines, the second's set inside the first's, the last taking what is left",
            "seed": hx(rep(0xC3)),
            "lines": [draw_line(1, 2, range(12)), draw_line(2, 3, range(4, 10)), draw_line(3, 1, [0, 5, 11, 500]), draw_line(4, 2, range(12))],
        },
        {"name": "large entry numbers, 7 of 200", "seed": hx(seq(0x77)), "lines": [draw_line(9, 7, range(4_000_000_000, 4_000_000_200))]},
    ]
    cases = []
    for c in specs:
        seed = bytes.fromhex(c["seed"][2:])
        cases.append({**c, "picks": draw_select(seed, c["lines"])})
    description = (
        "Draw picks (pallet-expert-draw `selection::select`): line by line, the candidates "
        "are the line's eligible set minus earlier lines' picks, in order; partial "
        "Fisher-Yates: for i in 0..min(count, n), r = u128 LE of the first 16 bytes of "
        "BLAKE2-256(tag ‖ seed ‖ line u32 LE ‖ i u32 LE), j = i + r mod (n - i), swap i and "
        "j; the line's picks are the first min(count, n). `picks` is all lines' picks in order."
    )
    return group(description, DRAW_PICK_TAG, cases)


def draw_replay_group() -> dict:
    """Whole draws, from the request to the picks, as `tender draw verify` replays them."""
    specs = [
        {
            "name": "the benchmark draw with given outputs",
            "request": request(rep(0x69), 0, 0, "Remote", BENCH_LINES, rep(0xA7)),
            "contributions": outputs(("TS", seq(0x61)), ("JQ", seq(0x41))),
            "eligible": [list(range(0, 6)), list(range(6, 12)), list(range(3, 15)), list(range(12, 20))],
        },
        {
            "name": "a local draw of 3 from a pool of 30",
            "request": request(seq(0x10), 12, 9, "Local", [(301, 3)], seq(0xD0)),
            "contributions": outputs(("LZ", rep(0x31)), ("BY", rep(0x32))),
            "eligible": [list(range(30))],
        },
    ]
    cases = []
    for c in specs:
        input_hash = draw_input(c["request"])
        seed = draw_seed(input_hash, c["contributions"])
        lines = [
            {"speciality": r["speciality"], "count": r["count"], "eligible": e}
            for r, e in zip(c["request"]["requirements"], c["eligible"])
        ]
        cases.append({**c, "input": hx(input_hash), "seed": hx(seed), "picks": draw_select(seed, lines)})
    description = (
        "Whole draws as `tender draw verify` replays them: `input` from `request` (as "
        "draw_input), `seed` from `input` and `contributions` (as draw_seed), `picks` from "
        "`seed` and the lines (each request line with its `eligible` set, as draw_picks)."
    )
    return {"description": description, "cases": cases}


def contributor_order(anchor: bytes, cities: list[str]) -> list[str]:
    def key(city: str) -> tuple[bytes, bytes]:
        return (blake2_256(DRAW_CONTRIBUTORS_TAG + anchor + vec_bytes(city.encode())), city.encode())

    return sorted(cities, key=key)


def draw_contributors_group() -> dict:
    specs = [
        {"name": "the benchmark anchor, the three other cities of the local network", "anchor": hx(rep(0xA7)), "cities": ["JQ", "LZ", "TS"]},
        {"name": "distinct bytes, four cities", "anchor": hx(seq(0x10)), "cities": ["BY", "JQ", "LZ", "TS"]},
        {"name": "one code a prefix of another, a 16-byte code", "anchor": hx(rep(0x00)), "cities": ["LZ", "LZX", "ABCDEFGHIJKLMNOP"]},
    ]
    cases = [{**c, "order": contributor_order(bytes.fromhex(c["anchor"][2:]), c["cities"])} for c in specs]
    description = (
        "The order in which cities are asked to contribute to a draw (pallet-expert-draw "
        "`selection::contributor_order`): `cities` (those with a draw key at the request, the "
        "requesting city and the draw's anchor_author city excluded) sorted by BLAKE2-256(tag ‖ anchor block hash ‖ SCALE(city)), "
        "lowest first, ties by code bytes; SCALE(city) is a compact length then the code's "
        "bytes. The first RequiredContributions cities are designated, one more after each "
        "full ContributionWindow."
    )
    return group(description, DRAW_CONTRIBUTORS_TAG, cases)


CREDIT_CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def normalise_credit_code(raw: str) -> str | None:
    code = raw.strip(" \t\n\r\x0c").upper()
    if len(code) != 18 or any(c not in CREDIT_CODE_ALPHABET for c in code):
        return None
    total = sum(CREDIT_CODE_ALPHABET.index(c) * pow(3, i, 31) for i, c in enumerate(code[:17]))
    return code if CREDIT_CODE_ALPHABET.index(code[17]) == (31 - total % 31) % 31 else None


def credit_code_group() -> dict:
    inputs = [
        ("as printed", "91440300708461136T"),
        ("lower case", "91440300708461136t"),
        ("blanks around", "  91440300708461136t\n"),
        ("another code", "91350100M000100Y43"),
        ("check character 0 (31 written as 0)", "9135010000000001R0"),
        ("wrong check character", "91440300708461136X"),
        ("17 characters", "9144030070846113T"),
        ("a blank inside", "914403007084 1136T"),
        ("I is not in the alphabet", "91440300708461I36T"),
        ("empty", ""),
    ]
    cases = []
    for name, raw in inputs:
        code = normalise_credit_code(raw)
        cases.append(
            {
                "name": name,
                "raw": raw,
                "code": code,
                "identity": hx(sha256(IDENTITY_TAG + code.encode())) if code else None,
            }
        )
    description = (
        "Unified social credit codes (pallet-expert-draw `identity::normalise_credit_code`, "
        "`credit_code_identity`): `raw` trimmed of ASCII blanks, upper-cased, 18 characters "
        "of 0-9 A-H J-N P-R T U W-Y, the 18th the GB 32100-2015 check character 31 − (Σ "
        "value_i × 3^i mod 31) (31 written 0), value_i a character's position in that "
        "alphabet; `code` is the normalised code (null if `raw` is none), `identity` the "
        "certificates' identity hash SHA-256(tag ‖ code)."
    )
    return group(description, IDENTITY_TAG, cases)


def employer_commitment_group() -> dict:
    specs = [
        {"name": "the identity of 91440300708461136T, salt all 0xe5", "identity": hx(sha256(IDENTITY_TAG + b"91440300708461136T")), "salt": hx(rep(0xE5))},
        {"name": "the same identity, another salt", "identity": hx(sha256(IDENTITY_TAG + b"91440300708461136T")), "salt": hx(seq(0x40))},
        {"name": "all zero", "identity": hx(rep(0x00)), "salt": hx(rep(0x00))},
    ]
    cases = [
        {**c, "commitment": hx(blake2_256(EXPERT_EMPLOYER_TAG + bytes.fromhex(c["identity"][2:]) + bytes.fromhex(c["salt"][2:])))}
        for c in specs
    ]
    description = (
        "An expert pool entry's employer commitment (pallet-expert-draw "
        "`identity::employer_commitment`): BLAKE2-256(tag ‖ employer identity hash ‖ 32-byte "
        "salt)."
    )
    return group(description, EXPERT_EMPLOYER_TAG, cases)


# ---------------------------------------------------------------------------------------------
# Certificates (pallet-certificates `CertificatePayload`, `RevocationPayload`).

ROLES = ["Tenderer", "Agency", "Bidder", "Expert", "Supervisor", "Auditor", "TradingCentre"]


def role_bits(names: list[str]) -> int:
    bits = 0
    for name in names:
        bits |= 1 << ROLES.index(name)
    return bits


def signed(case: dict, tag: bytes, scale: bytes) -> dict:
    """`case` with its SCALE payload, the message `tag ‖ scale`, and the CA's key and signature
    over that message (the CA's secret seed is in the case)."""
    message = tag + scale
    secret = bytes.fromhex(case["ca_secret_seed"][2:])
    return {
        **case,
        "scale": hx(scale),
        "signing_message": hx(message),
        "ca_key": hx(ed25519_public(secret)),
        "signature": hx(ed25519_sign(secret, message)),
    }


def certificate_scale(c: dict) -> bytes:
    return (
        bytes.fromhex(c["genesis_hash"][2:])
        + u32(c["authority"])
        + u64(c["serial"])
        + bytes.fromhex(c["account"][2:])
        + bytes.fromhex(c["identity_hash"][2:])
        + vec_bytes(c["display_name"].encode("utf-8"))
        + u16(c["roles"])
        + vec_bytes(c["city"].encode("utf-8"))
        + u64(c["valid_from"])
        + u64(c["valid_until"])
    )


def certificate(
    name: str,
    ca_secret_seed: bytes,
    genesis_hash: bytes,
    authority: int,
    serial: int,
    account_id: bytes,
    identity_hash: bytes,
    display_name: str,
    role_names: list[str],
    city: str,
    valid: tuple[int, int],
) -> dict:
    """The inputs of one certificate case; `valid` is (valid_from, valid_until)."""
    return {
        "name": name,
        "ca_secret_seed": hx(ca_secret_seed),
        "genesis_hash": hx(genesis_hash),
        "authority": authority,
        "serial": serial,
        "account": hx(account_id),
        "identity_hash": hx(identity_hash),
        "display_name": display_name,
        "role_names": role_names,
        "city": city,
        "valid_from": valid[0],
        "valid_until": valid[1],
    }


def certificate_group() -> dict:
    year = (1_700_000_000_000, 1_800_000_000_000)
    trading = ["Tenderer", "Agency", "Bidder", "Expert", "Auditor", "TradingCentre"]
    specs = [
        certificate(
            "a bidder certified in Baiyin",
            rep(0xCA), rep(0x11), 0, 1, seq(0x40), sha256(b"91620400MA00000000"),
            "Baiyin Road & Bridge Co.", ["Bidder"], "BY", year,
        ),
        certificate(
            "a tenderer and agency with a Chinese name (multi-byte UTF-8)",
            seq(0x01), seq(0x00), 3, 0x0102030405060708, rep(0x77), rep(0x5C),
            "白银市公共资源交易中心", ["Tenderer", "Agency"], "BY", (0, 0xFFFFFFFFFFFFFFFF),
        ),
        certificate(
            "a 64-byte name (the longest; two-byte compact length) and every trading role",
            rep(0x42), rep(0xEE), 0xFFFFFFFF, 0, rep(0x00), rep(0x00), "N" * 64, trading, "ABCDEFGHIJKLMNOP", (1, 2),
        ),
        certificate(
            "a supervisor and auditor, empty name",
            rep(0xCA), rep(0x11), 1, 99, seq(0xA0), seq(0x33), "", ["Supervisor", "Auditor"], "LZ",
            (1_700_000_000_000, 1_700_000_000_001),
        ),
    ]
    cases = []
    for c in specs:
        c = {**c, "roles": role_bits(c["role_names"])}
        cases.append(signed(c, CERTIFICATE_SIGNING_TAG, certificate_scale(c)))
    description = (
        "What a CA signs to issue a certificate (pallet-certificates `CertificatePayload`): "
        "signing_message = tag ‖ SCALE(payload), payload fields in order: genesis_hash (32), "
        "authority u32, serial u64, account (AccountId32, 32), identity_hash (32), name "
        "(`display_name`, a BoundedVec<u8>: compact length + UTF-8 bytes, at most 64 on the "
        "chain), roles u16 (bit i = role i of `role_names`' order Tenderer, Agency, Bidder, "
        "Expert, Supervisor, Auditor, TradingCentre), city (compact length + bytes), valid_from "
        "u64, valid_until u64. `signature` is the ed25519 signature of signing_message by the "
        "CA whose 32-byte secret seed is `ca_secret_seed` and public key `ca_key` (RFC 8032, "
        "deterministic)."
    )
    return group(description, CERTIFICATE_SIGNING_TAG, cases)


def revocation(name: str, ca_secret_seed: bytes, genesis_hash: bytes, authority: int, serial: int) -> dict:
    """The inputs of one revocation case."""
    return {"name": name, "ca_secret_seed": hx(ca_secret_seed), "genesis_hash": hx(genesis_hash), "authority": authority, "serial": serial}


def revocation_group() -> dict:
    specs = [
        revocation("serial 1 of CA 0", rep(0xCA), rep(0x11), 0, 1),
        revocation("large authority and serial", seq(0x01), seq(0x00), 0xFFFFFFFF, 0x0102030405060708),
    ]
    cases = []
    for c in specs:
        scale = bytes.fromhex(c["genesis_hash"][2:]) + u32(c["authority"]) + u64(c["serial"])
        cases.append(signed(c, REVOCATION_SIGNING_TAG, scale))
    description = (
        "What a CA signs to revoke a certificate (pallet-certificates `RevocationPayload`): "
        "signing_message = tag ‖ SCALE(genesis_hash (32), authority u32, serial u64); "
        "`signature` as for certificates."
    )
    return group(description, REVOCATION_SIGNING_TAG, cases)


# ---------------------------------------------------------------------------------------------
# The file.


def vectors() -> dict:
    draw_inputs = draw_input_group()
    by_name = {
        "remote": bytes.fromhex(draw_inputs["cases"][0]["input"][2:]),
        "bench": bytes.fromhex(draw_inputs["cases"][2]["input"][2:]),
    }
    return {
        "format": FORMAT,
        "about": (
            "tenderchain's shared test vectors, computed by tests/vectors/generate.py from the "
            "documented formulas (Python hashlib, hand-written SCALE). Read by the pallets' "
            "`vectors` tests and the tender client's tests. Do not edit by hand: change "
            "generate.py and run it. Hex strings are 0x-prefixed; integers are JSON numbers."
        ),
        "merkle": merkle_group(),
        "bid_commitment": commitment_group(),
        "expert_pseudonym": pseudonym_group(),
        "draw_input": draw_inputs,
        "draw_seed": draw_seed_group(by_name),
        "draw_picks": draw_picks_group(),
        "draw_replay": draw_replay_group(),
        "draw_contributors": draw_contributors_group(),
        "credit_code": credit_code_group(),
        "employer_commitment": employer_commitment_group(),
        "certificate_signing": certificate_group(),
        "revocation_signing": revocation_group(),
    }


def render(v: dict) -> str:
    return json.dumps(v, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="compare with vectors.json; exit 1 on any difference")
    args = parser.parse_args()
    text = render(vectors())
    if args.check:
        try:
            committed = OUT.read_text(encoding="utf-8")
        except FileNotFoundError:
            print(f"{OUT} is missing: run {Path(__file__).name} to create it", file=sys.stderr)
            return 1
        if committed != text:
            print(
                f"{OUT} differs from what {Path(__file__).name} computes: the file was edited by "
                "hand or the formulas changed; run the script and review the diff",
                file=sys.stderr,
            )
            return 1
        print(f"{OUT.name} matches the formulas")
        return 0
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
