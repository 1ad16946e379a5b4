"""Trim the ICU data library that PySide6's Linux wheel ships (libicudata.so.73, 32 MB).

Qt uses ICU on Linux only for locale-aware upper/lower case, collation, time-zone names and
legacy text codecs; the program needs Vietnamese and English at most, and decodes legacy
files itself (``exchange.legacy_encoding``). This keeps ICU's common data package (the
``icudt<N>_dat`` symbol) but only with the items the program can reach: everything that is
not per-locale, plus the root, Vietnamese and English locales, without text codecs (*.cnv)
and word-break dictionaries (*.dict). The smaller package is assembled into a new
``libicudata.so.<N>`` with GNU ``as`` and ``ld`` (binutils), under the same soname and symbol.

Windows wheels carry no ICU library, so this runs on Linux only (installer/build_bundle.sh).

    python installer/trim_icu_data.py BUNDLE/_internal/PySide6/Qt/lib/libicudata.so.73
"""

from __future__ import annotations

import re
import struct
import subprocess
import sys
import tempfile
from pathlib import Path

KEEP_LOCALES = {"root", "vi", "vi_VN", "en", "en_US", "en_001", "en_GB"}
LOCALE_FILE = re.compile(r"^[a-z]{2,3}(_[A-Za-z0-9]+)*\.res$")
ALWAYS = {"res_index.res", "pool.res"}
ALIGN = 16


def read_package(blob: bytes) -> tuple[bytes, list[tuple[str, bytes]]]:
    """The package's header and its items [(name, bytes)] (ICU's "CmnD" format: a header,
    then a table of contents of name and data offsets relative to the table)."""
    header_size, magic1, magic2 = struct.unpack_from("<HBB", blob, 0)
    if (magic1, magic2) != (0xDA, 0x27) or blob[8:12] != b"\x00\x00\x02\x00" or blob[12:16] != b"CmnD":
        raise ValueError("không phải gói dữ liệu ICU (CmnD, little-endian)")
    toc = blob[header_size:]
    (count,) = struct.unpack_from("<I", toc, 0)
    entries = [struct.unpack_from("<II", toc, 4 + 8 * i) for i in range(count)]
    items = []
    for i, (name_off, data_off) in enumerate(entries):
        name = toc[name_off : toc.index(b"\0", name_off)].decode("ascii")
        end = entries[i + 1][1] if i + 1 < count else len(toc)
        items.append((name, toc[data_off:end]))
    return blob[:header_size], items


def write_package(header: bytes, items: list[tuple[str, bytes]]) -> bytes:
    """The package again, same layout rules: names after the table, items 16-byte aligned."""
    names = b""
    name_offsets = []
    table_size = 4 + 8 * len(items)
    for name, _ in items:
        name_offsets.append(table_size + len(names))
        names += name.encode("ascii") + b"\0"
    pos = table_size + len(names)
    pos += -pos % ALIGN
    data = b""
    data_offsets = []
    for _, item in items:
        data_offsets.append(pos + len(data))
        data += item
        data += b"\0" * (-len(data) % ALIGN)
    table = struct.pack("<I", len(items)) + b"".join(
        struct.pack("<II", n, d) for n, d in zip(name_offsets, data_offsets, strict=True)
    )
    body = table + names
    body += b"\0" * (-(len(body)) % ALIGN)
    return header + body + data


def wanted(name: str) -> bool:
    base = name.split("/")[-1]
    if base.endswith((".cnv", ".dict")):
        return False
    if base in ALWAYS or not LOCALE_FILE.match(base):
        return True
    return base[: -len(".res")] in KEEP_LOCALES


def symbol(lib: Path) -> tuple[str, int, int]:
    """(name, file offset, size) of the data symbol icudt<N>_dat."""
    out = subprocess.run(
        ["readelf", "-W", "--dyn-syms", "-l", str(lib)], capture_output=True, text=True, check=True
    )
    sym = re.search(
        r"\s([0-9a-f]+)\s+(0x[0-9a-f]+|\d+)\s+OBJECT\s+GLOBAL\s+\w+\s+\d+\s+(icudt\d+_dat)", out.stdout
    )
    if not sym:
        raise ValueError("không thấy ký hiệu icudt…_dat")
    vaddr, size, name = int(sym.group(1), 16), int(sym.group(2), 0), sym.group(3)
    for m in re.finditer(r"LOAD\s+(0x[0-9a-f]+)\s+(0x[0-9a-f]+)\s+0x[0-9a-f]+\s+(0x[0-9a-f]+)", out.stdout):
        offset, start, filesz = (int(g, 16) for g in m.groups())
        if start <= vaddr < start + filesz:
            return name, vaddr - start + offset, size
    raise ValueError("không tìm được vị trí dữ liệu trong tệp")


def trim(lib: Path) -> tuple[int, int]:
    """Rewrite ``lib`` in place; returns (size before, size after) in bytes."""
    before = lib.stat().st_size
    name, offset, size = symbol(lib)
    header, items = read_package(lib.read_bytes()[offset : offset + size])
    package = write_package(header, [(n, b) for n, b in items if wanted(n)])
    read_package(package)  # the new table reads back
    soname = lib.name
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        (t / "data.bin").write_bytes(package)
        (t / "data.s").write_text(
            f".section .rodata\n.globl {name}\n.type {name},@object\n.balign {ALIGN}\n"
            f'{name}:\n.incbin "{t / "data.bin"}"\n.size {name}, .-{name}\n'
            '.section .note.GNU-stack,"",@progbits\n'
        )
        subprocess.run(["as", "-o", str(t / "data.o"), str(t / "data.s")], check=True)
        subprocess.run(
            ["ld", "-shared", "-soname", soname, "-o", str(t / soname), str(t / "data.o")], check=True
        )
        lib.write_bytes((t / soname).read_bytes())
    return before, lib.stat().st_size


if __name__ == "__main__":
    for arg in sys.argv[1:]:
        b, a = trim(Path(arg))
        print(f"{arg}: {b / 1e6:.1f} MB → {a / 1e6:.1f} MB")
