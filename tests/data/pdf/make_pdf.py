#!/usr/bin/python3
"""Write a minimal PDF by hand (no tool needed): one page per argument
after the output name, each argument that page's lines of text (separated
by '|'); an empty argument makes a page without text, as a scanned page's
text layer is.  Used by the bad-input matrix and the PDF tests.
usage: make_pdf.py out.pdf "Line one.|Line two." ["Page two."] ..."""
import sys

out, pages = sys.argv[1], sys.argv[2:] or [""]
objs = []  # object bodies, numbered from 1


def add(body):
    objs.append(body)
    return len(objs)


font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
pages_id = add(b"")  # filled below
kids = []
for text in pages:
    ops = []
    if text:
        ops.append(b"BT /F1 12 Tf 14 TL 40 760 Td")
        for line in text.split("|"):
            esc = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
            ops.append(b"(" + esc.encode("latin-1") + b") Tj T*")
        ops.append(b"ET")
    stream = b"\n".join(ops)
    content = add(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
    kids.append(add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] "
                    b"/Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>"
                    % (pages_id, font, content)))
objs[pages_id - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
    b" ".join(b"%d 0 R" % k for k in kids), len(kids))
catalog = add(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id)
data = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
offsets = []
for i, body in enumerate(objs, 1):
    offsets.append(len(data))
    data += b"%d 0 obj\n%s\nendobj\n" % (i, body)
xref = len(data)
data += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
for off in offsets:
    data += b"%010d 00000 n \n" % off
data += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
    len(objs) + 1, catalog, xref)
open(out, "wb").write(bytes(data))
