#!/usr/bin/env python3
"""Write a fuzz_layout seed from pages of a real PDF.

usage: layout_seed.py FILE.pdf FIRST LAST OUT

Words and their boxes come from `pdftotext -bbox`; each word's box is
shared evenly among its characters.  Records as fuzz_layout.c reads them."""
import re
import subprocess
import sys

pdf, first, last, out = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
html = subprocess.run(["pdftotext", "-bbox", "-f", first, "-l", last, pdf, "-"],
                      check=True, capture_output=True, text=True).stdout
rec = bytearray()
for page in html.split("<page ")[1:]:
    if rec:
        rec += bytes([0xFF]) + bytes(7)
    for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', page):
        x1, y1, x2, y2 = map(float, m.group(1, 2, 3, 4))
        word = m.group(5).replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
        w = (x2 - x1) / max(len(word), 1)
        for i, ch in enumerate(word):
            cp = ord(ch)
            if cp > 0xFFFF:
                continue
            x = int((x1 + i * w) * 64) & 0xFFFF
            y = int(y1 * 64) & 0xFFFF
            size = (max(0, min(15, int(round((w - 2) / 0.75))))) | (max(0, min(15, int(round(y2 - y1 - 4)))) << 4)
            rec += bytes([0x80, cp >> 8, cp & 0xFF, x >> 8, x & 0xFF, y >> 8, y & 0xFF, size])
open(out, "wb").write(rec)
