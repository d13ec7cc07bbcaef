#!/usr/bin/env python3
"""Golden byte vectors: what Python ctypes writes, for tcpip-struct's Java CStruct classes to match.

Regenerate the committed vectors (from the repository root):

    python3 tcpip-struct/src/test/python/golden_structs.py

This writes tcpip-struct/src/test/resources/golden/structs.json. With ``--output PATH`` (or ``-``
for stdout) it writes there instead; the Java test GoldenFileIsFreshTest does that and asserts the
result equals the committed file, so the vectors cannot go stale.

The file holds, for each struct type, ctypes' ``sizeof``, ``alignment`` and every field's
``offset`` and ``size`` (``Struct.field.offset`` / ``.size``), and for each vector the bytes
(``bytes(struct)`` in hex, 16 bytes a line) and the field values as ctypes reads them back. Floats
are written as Python ``repr`` strings ("0.1", "-0.0", "inf", "nan") so that they are exact and
the JSON stays standard; integers as JSON numbers (uint64 values above 2**63 included).

Stdlib only (ctypes, json). The layouts are those of a little-endian host where double and
int64 are 8-byte aligned (x86-64, arm64): the script refuses to run elsewhere.

Known ctypes limits worked around here:
- Python's BigEndianStructure (on a little-endian host) refuses c_bool fields ("This type does
  not support other endian", cpython issue 74695): big-endian structs declare their bools as
  c_uint8, listed in ``_bools_``, and the values are recorded as booleans.
- A plain Structure nested in a BigEndianStructure stays little-endian (ctypes keeps each
  struct's own byte order), so every struct nested in a big-endian one is a BigEndianStructure.
  Java's CStruct has its own order too, but javolution writes a whole struct in one order, so it
  refuses to nest a struct of the other order: MixedOrder (marked "java_refuses") records what ctypes
  does there.

The struct classes and vectors are also used by struct_peer.py, the live peer of
PythonPeerTest.
"""

import argparse
import ctypes
import json
import math
import sys
from ctypes import (
    BigEndianStructure,
    LittleEndianStructure,
    c_bool,
    c_char,
    c_double,
    c_float,
    c_int8,
    c_int16,
    c_int32,
    c_int64,
    c_uint8,
    c_uint16,
    c_uint32,
    c_uint64,
)
from pathlib import Path

DEFAULT_OUTPUT = Path(__file__).resolve().parents[1] / "resources" / "golden" / "structs.json"

FLT_MAX = 3.4028234663852886e38
FLT_TRUE_MIN = 1.401298464324817e-45  # smallest positive subnormal float
DBL_MAX = sys.float_info.max
DBL_TRUE_MIN = 5e-324  # smallest positive subnormal double


def check_platform():
    """Exit with a message unless ctypes lays out structs as the vectors assume."""
    problems = []
    if sys.byteorder != "little":
        problems.append("host is not little-endian")
    for t, size, align in ((c_bool, 1, 1), (c_double, 8, 8), (c_int64, 8, 8), (c_uint64, 8, 8),
                           (c_float, 4, 4), (c_int32, 4, 4), (c_int16, 2, 2)):
        if ctypes.sizeof(t) != size or ctypes.alignment(t) != align:
            problems.append(f"{t.__name__}: sizeof {ctypes.sizeof(t)} alignment {ctypes.alignment(t)}, "
                            f"expected {size} and {align}")
    # NaN must be byte-stable for the vectors to be: the canonical quiet NaN, sign bit clear.
    if bytes(c_double(math.nan)) != bytes.fromhex("000000000000f87f"):
        problems.append(f"c_double(nan) is {bytes(c_double(math.nan)).hex()}, not the canonical quiet NaN")
    if bytes(c_float(math.nan)) != bytes.fromhex("0000c07f"):
        problems.append(f"c_float(nan) is {bytes(c_float(math.nan)).hex()}, not the canonical quiet NaN")
    if problems:
        sys.exit("golden_structs.py: this platform does not give the reference layouts: " + "; ".join(problems))


# ---------------------------------------------------------------------------------------------
# Struct types. Java twins: dev.tcpip.struct.golden.GoldenStructs (same names, fields in camelCase).
# ---------------------------------------------------------------------------------------------

SCALAR_FIELDS = [
    ("flag", c_bool), ("i8", c_int8), ("u8", c_uint8), ("i16", c_int16), ("u16", c_uint16),
    ("i32", c_int32), ("u32", c_uint32), ("i64", c_int64), ("u64", c_uint64),
    ("f32", c_float), ("f64", c_double),
]


class ScalarsLE(LittleEndianStructure):
    """Every scalar type, packed, little-endian: 43 bytes."""
    _pack_ = 1
    _fields_ = SCALAR_FIELDS


class ScalarsBE(BigEndianStructure):
    """Every scalar type, packed, big-endian (flag is c_uint8: cpython issue 74695)."""
    _pack_ = 1
    _bools_ = ("flag",)
    _fields_ = [("flag", c_uint8)] + SCALAR_FIELDS[1:]


class ScalarsAligned(LittleEndianStructure):
    """Every scalar type, natural alignment: padding in the middle (after u8, flag, i8) and at the end."""
    _fields_ = [
        ("u8", c_uint8), ("f64", c_double), ("flag", c_bool), ("u16", c_uint16), ("i32", c_int32),
        ("i8", c_int8), ("u64", c_uint64), ("i16", c_int16), ("f32", c_float), ("u32", c_uint32),
        ("i64", c_int64), ("tail", c_bool),
    ]


class Point(LittleEndianStructure):
    _pack_ = 1
    _fields_ = [("x", c_int32), ("y", c_int32)]


class AllArrays(LittleEndianStructure):
    """Arrays of every scalar type, of booleans, of strings (char[3][7]), 2-D, of structs; packed."""
    _pack_ = 1
    _fields_ = [
        ("flags", c_bool * 3), ("i8s", c_int8 * 2), ("u8s", c_uint8 * 4), ("i16s", c_int16 * 3),
        ("u16s", c_uint16 * 2), ("i32s", c_int32 * 2), ("u32s", c_uint32 * 2), ("i64s", c_int64 * 2),
        ("u64s", c_uint64 * 2), ("f32s", c_float * 2), ("f64s", c_double * 2), ("names", (c_char * 7) * 3),
        ("grid", (c_int16 * 3) * 2), ("points", Point * 2), ("end", c_uint8),
    ]


class Strings(LittleEndianStructure):
    """char[N] fields holding UTF-8 text, packed; 'after' catches a string that overruns its field."""
    _pack_ = 1
    _fields_ = [
        ("city", c_char * 8), ("euro", c_char * 4), ("cjk", c_char * 9), ("emoji", c_char * 4),
        ("ascii", c_char * 5), ("empty", c_char * 3), ("mixed", c_char * 24), ("after", c_uint16),
    ]


class Inner(LittleEndianStructure):
    """Natural alignment: 1 + 7 padding + 8 + 2 + 6 padding = 24 bytes, aligned to 8."""
    _fields_ = [("tag", c_uint8), ("value", c_double), ("count", c_uint16)]


class PackedInner(LittleEndianStructure):
    """The same fields packed: 11 bytes, aligned to 1."""
    _pack_ = 1
    _fields_ = [("tag", c_uint8), ("value", c_double), ("count", c_uint16)]


class PackedHoldsAligned(LittleEndianStructure):
    """A packed struct holding an aligned one: the inner struct at offset 1, its own padding kept."""
    _pack_ = 1
    _fields_ = [("head", c_uint8), ("inner", Inner), ("label", c_char * 3), ("tail", c_bool)]


class AlignedHoldsPacked(LittleEndianStructure):
    """An aligned struct holding packed ones (aligned to 1) and an aligned one (aligned to 8)."""
    _fields_ = [
        ("head", c_uint8), ("packed", PackedInner), ("code", c_char * 3), ("x", c_uint32), ("inner", Inner),
        ("more", PackedInner * 2), ("flag", c_bool), ("tail", c_uint16),
    ]


class Deep(LittleEndianStructure):
    """Three levels: aligned, holding an array of aligned structs and a packed struct holding an aligned one."""
    _fields_ = [("id", c_uint16), ("items", Inner * 2), ("holder", PackedHoldsAligned), ("last", c_int32)]


class PointBE(BigEndianStructure):
    _pack_ = 1
    _fields_ = [("x", c_int16), ("y", c_int16)]


class InnerBE(BigEndianStructure):
    """Inner, big-endian."""
    _fields_ = [("tag", c_uint8), ("value", c_double), ("count", c_uint16)]


class EnvelopeBE(BigEndianStructure):
    """Big-endian, natural alignment, nested big-endian structs, a string, a bool, a uint64."""
    _bools_ = ("ok",)
    _fields_ = [
        ("id", c_uint32), ("inner", InnerBE), ("points", PointBE * 2), ("name", c_char * 6), ("ok", c_uint8),
        ("big", c_uint64), ("ratio", c_float),
    ]


class MixedOrder(LittleEndianStructure):
    """Little-endian, holding a big-endian struct: ctypes writes each in its own order. Java's CStruct
    cannot (one byte order per buffer) and refuses to declare it, rather than write other bytes."""
    _pack_ = 1
    _java_refuses_ = "a nested struct declaring another byte order than its outer struct's"
    _fields_ = [("a", c_int16), ("p", PointBE)]


class StandardHeader(LittleEndianStructure):
    """dev.tcpip.struct.message.StandardHeader: 20 bytes, packed, little-endian."""
    _pack_ = 1
    _fields_ = [("message_id", c_uint32), ("sequence", c_uint32), ("timestamp", c_double), ("body_size", c_uint32)]


STRUCTS = [
    ScalarsLE, ScalarsBE, ScalarsAligned, Point, AllArrays, Strings, Inner, PackedInner, PackedHoldsAligned,
    AlignedHoldsPacked, Deep, PointBE, InnerBE, EnvelopeBE, MixedOrder, StandardHeader,
]


# ---------------------------------------------------------------------------------------------
# Vectors: (name, builder). Each builder returns a struct instance; a builder may also return
# (instance, note, decode_only) for a vector whose bytes Java reads but does not write the same.
# ---------------------------------------------------------------------------------------------

SCALAR_VALUES = {  # in the field order of ScalarsLE / ScalarsBE
    "zero": (False, 0, 0, 0, 0, 0, 0, 0, 0, 0.0, 0.0),
    "max": (True, 127, 255, 32767, 65535, 2**31 - 1, 2**32 - 1, 2**63 - 1, 2**64 - 1, FLT_MAX, DBL_MAX),
    "min": (False, -128, 0, -32768, 0, -2**31, 0, -2**63, 2**63, -FLT_MAX, -DBL_MAX),
    "mixed": (True, -1, 0x80, -2, 0x8001, -123456789, 0xDEADBEEF, -0x0102030405060708, 0x8000000000000001,
              0.1, math.pi),
    "special": (True, 1, 1, 1, 1, 1, 1, 1, 2**63 + 12345, -0.0, -0.0),
    "infinities": (False, 0, 0, 0, 0, 0, 0, 0, 0, math.inf, -math.inf),
    "nan_subnormal": (True, 0, 0, 0, 0, 0, 0, 0, 0, math.nan, DBL_TRUE_MIN),
    "subnormal_nan": (True, 0, 0, 0, 0, 0, 0, 0, 0, FLT_TRUE_MIN, math.nan),
}


def all_arrays():
    a = AllArrays()
    a.flags[:] = (True, False, True)
    a.i8s[:] = (-128, 127)
    a.u8s[:] = (0, 1, 0x7F, 0xFF)
    a.i16s[:] = (-1, 0x1234, -32768)
    a.u16s[:] = (0xFFFF, 0x0102)
    a.i32s[:] = (-2, 0x01020304)
    a.u32s[:] = (0xFFFFFFFF, 0x80000000)
    a.i64s[:] = (-3, 0x0102030405060708)
    a.u64s[:] = (2**64 - 2, 2**63)
    a.f32s[:] = (1.5, -0.0)
    a.f64s[:] = (math.e, -math.inf)
    a.names[0].value = "Zürich".encode()  # exactly 7 bytes: no terminator
    a.names[1].value = "€uro".encode()
    a.names[2].value = b""
    a.grid[0][:] = (1, 2, 3)
    a.grid[1][:] = (-4, -5, -6)
    a.points[0] = Point(1, -1)
    a.points[1] = Point(2**31 - 1, -2**31)
    a.end = 0xEE
    return a


def strings(city, euro, cjk, emoji, ascii_, empty, mixed, after):
    return Strings(*(t.encode("utf-8") for t in (city, euro, cjk, emoji, ascii_, empty, mixed)), after)


def strings_reused():
    # ctypes writes one terminating zero after a shorter value and leaves the rest of the field as
    # it was; CStruct's UTF8String.set zero-fills the field. Readers stop at the first zero, so the
    # values agree, but Java's set() would not reproduce these bytes: decode only.
    s = strings("Zürich1", "€x", "東京都", "🚀", "hello", "ab", "naïve café – 5 €!", 1)
    s.city = "Zü".encode()
    s.euro = b""
    s.cjk = "東".encode()
    s.emoji = b"a"
    s.mixed = "é".encode()
    return (s, "ctypes set each field again with shorter text: one zero after the text, stale bytes after it;"
               " Java's UTF8String.set zero-fills, so this vector is checked by decoding only", True)


def packed_holds_aligned():
    return PackedHoldsAligned(0xA1, Inner(0xB2, -2.5, 0xC3D4), "ß".encode(), True)


def aligned_holds_packed():
    return AlignedHoldsPacked(
        0x11, PackedInner(0x22, 1.25, 0x3344), "€".encode(), 0x55667788, Inner(0x99, -0.0, 0xAABB),
        (PackedInner * 2)(PackedInner(1, math.inf, 2), PackedInner(3, 1e-300, 4)), True, 0xCCDD)


def deep():
    return Deep(
        0xFEDC, (Inner * 2)(Inner(1, 0.5, 2), Inner(3, -0.25, 4)),
        PackedHoldsAligned(5, Inner(6, 1e100, 7), b"xyz", False), -42)


def envelope_be(id_, inner_, points, name, ok, big, ratio):
    return EnvelopeBE(id_, inner_, (PointBE * 2)(*points), name.encode(), ok, big, ratio)


def standard_header():
    return StandardHeader(7, 0xFFFFFFFE, 1700000000.123456, 44)


VECTORS = [
    *((f"scalars_le_{k}", (lambda v=v: ScalarsLE(*v))) for k, v in SCALAR_VALUES.items()),
    *((f"scalars_be_{k}", (lambda v=v: ScalarsBE(*v))) for k, v in SCALAR_VALUES.items()
      if k in ("max", "min", "mixed", "special", "nan_subnormal")),
    ("scalars_aligned_mixed", lambda: ScalarsAligned(
        0xAB, -1.5, True, 0x0102, -7, -8, 2**64 - 9, 0x7FFF, 2.5, 0xCAFEBABE, -(2**62), True)),
    ("scalars_aligned_zero_but_tail", lambda: ScalarsAligned(0, 0.0, False, 0, 0, 0, 0, 0, 0.0, 0, 0, True)),
    ("point", lambda: Point(-1, 2**31 - 1)),
    ("all_arrays", all_arrays),
    ("strings_unicode", lambda: strings(
        "Zürich", "€", "東京都", "🚀", "hello", "", "naïve café – 5 €", 0xBEEF)),
    ("strings_short", lambda: strings("Z", "é", "日", "", "x", "a", "ø", 1)),
    ("strings_empty", lambda: strings("", "", "", "", "", "", "", 0)),
    ("strings_exact", lambda: strings(
        "Genève!", "€a", "日本語", "😀", "12345", "abc", "€€€€€€€€", 0xFFFF)),
    ("strings_reused", strings_reused),
    ("inner", lambda: Inner(0xFF, 3.0, 0xFFFF)),
    ("packed_inner", lambda: PackedInner(0xFF, 3.0, 0xFFFF)),
    ("packed_holds_aligned", packed_holds_aligned),
    ("aligned_holds_packed", aligned_holds_packed),
    ("deep", deep),
    ("point_be", lambda: PointBE(-2, 0x0102)),
    ("inner_be", lambda: InnerBE(0x01, -1.0, 0x0203)),
    ("envelope_be", lambda: envelope_be(
        0x01020304, InnerBE(0xAA, 1.0, 0xBBCC), (PointBE(1, -1), PointBE(0x0102, -0x0102)), "Köln", True,
        2**63 + 0x0102, 0.5)),
    ("envelope_be_max", lambda: envelope_be(
        2**32 - 1, InnerBE(0xFF, DBL_MAX, 0xFFFF), (PointBE(32767, -32768), PointBE(-1, 0)), "€€", False,
        2**64 - 1, -FLT_MAX)),
    ("mixed_order", lambda: MixedOrder(1, PointBE(1, 0x0102))),
    ("standard_header", standard_header),
]


# ---------------------------------------------------------------------------------------------
# Dumping: layouts, values, bytes.
# ---------------------------------------------------------------------------------------------

SCALAR_NAMES = {  # ctypes _type_ code -> C name, by size for the platform-dependent codes
    "?": "bool", "c": "char", "b": "int8_t", "B": "uint8_t", "h": "int16_t", "H": "uint16_t",
    "f": "float", "d": "double",
}


def scalar_name(t):
    code = t._type_
    if code in SCALAR_NAMES:
        return SCALAR_NAMES[code]
    if code in "iIlLqQ":
        return f"{'u' if code.isupper() else ''}int{8 * ctypes.sizeof(t)}_t"
    raise TypeError(f"unexpected ctypes type {t}")


def is_struct(t):
    return isinstance(t, type) and issubclass(t, ctypes.Structure)


def is_array(t):
    return isinstance(t, type) and issubclass(t, ctypes.Array)


def type_name(t, is_bool=False):
    """C-like name: 'uint32_t', 'char[8]', 'int16_t[2][3]', 'Inner[2]'."""
    dims = []
    while is_array(t):
        dims.append(t._length_)
        t = t._type_
    base = t.__name__ if is_struct(t) else ("bool" if is_bool else scalar_name(t))
    return base + "".join(f"[{n}]" for n in dims)


def byte_order(cls):
    return "big" if issubclass(cls, BigEndianStructure) else "little"  # on a little-endian host


def layout(cls):
    bools = getattr(cls, "_bools_", ())
    refused = {"java_refuses": cls._java_refuses_} if hasattr(cls, "_java_refuses_") else {}
    return {
        **refused,
        "size": ctypes.sizeof(cls),
        "alignment": ctypes.alignment(cls),
        "packed": getattr(cls, "_pack_", 0) == 1,
        "byte_order": byte_order(cls),
        "fields": [
            {"name": name, "type": type_name(t, name in bools), "offset": getattr(cls, name).offset,
             "size": getattr(cls, name).size}
            for name, t in cls._fields_
        ],
    }


def float_text(x):
    if math.isnan(x):
        return "nan"
    return repr(x)  # "inf", "-inf", "-0.0", shortest round-trip digits otherwise


def value(v, t, is_bool=False):
    if is_struct(t):
        return values(v)
    if is_array(t):
        if t._type_ is c_char:
            raw = v if isinstance(v, bytes) else v.value
            return raw.decode("utf-8")
        return [value(v[i], t._type_) for i in range(t._length_)]
    if t._type_ in "fd":
        return float_text(v)
    if t._type_ == "?" or is_bool:
        return bool(v)
    return int(v)


def values(s):
    cls = type(s)
    bools = getattr(cls, "_bools_", ())
    return {name: value(getattr(s, name), t, name in bools) for name, t in cls._fields_}


def hex_lines(data):
    return [data[i:i + 16].hex(" ") for i in range(0, len(data), 16)]


def vector(name, built):
    s, note, decode_only = built if isinstance(built, tuple) else (built, None, False)
    entry = {"name": name, "struct": type(s).__name__, "size": ctypes.sizeof(s)}
    if note:
        entry["note"] = note
    if decode_only:
        entry["decode_only"] = True
    entry["hex"] = hex_lines(bytes(s))
    entry["values"] = values(s)
    return entry


def build(name):
    """The struct instance of a vector, by name (used by struct_peer.py)."""
    for vector_name, builder in VECTORS:
        if vector_name == name:
            built = builder()
            return built[0] if isinstance(built, tuple) else built
    raise KeyError(name)


def golden():
    return {
        "about": "Generated by tcpip-struct/src/test/python/golden_structs.py (Python ctypes); do not edit. "
                 "Regenerate: python3 tcpip-struct/src/test/python/golden_structs.py",
        "structs": {cls.__name__: layout(cls) for cls in STRUCTS},
        "vectors": [vector(name, builder()) for name, builder in VECTORS],
    }


def to_json(obj, indent="", key=None):
    """JSON for diffs: a list or object of scalars on one line (a field's layout, an array's values),
    anything else one entry a line; a vector's values one field a line, its bytes 16 a line."""
    def scalar_only(o):
        return all(not isinstance(v, (dict, list)) for v in (o.values() if isinstance(o, dict) else o))

    if isinstance(obj, (dict, list)) and obj and (key in ("hex", "values") or not scalar_only(obj)):
        inner = indent + "  "
        if isinstance(obj, dict):
            items = [f"{inner}{json.dumps(k, ensure_ascii=False)}: {to_json(v, inner, k)}" for k, v in obj.items()]
            return "{\n" + ",\n".join(items) + "\n" + indent + "}"
        items = [inner + to_json(v, inner) for v in obj]
        return "[\n" + ",\n".join(items) + "\n" + indent + "]"
    return json.dumps(obj, ensure_ascii=False)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", default=str(DEFAULT_OUTPUT), help="file to write, or - for stdout")
    args = parser.parse_args()
    check_platform()
    text = to_json(golden()) + "\n"
    if args.output == "-":
        sys.stdout.write(text)
    else:
        out = Path(args.output)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8", newline="\n")
        print(f"wrote {out} ({len(STRUCTS)} structs, {len(VECTORS)} vectors)")


if __name__ == "__main__":
    main()
