#!/usr/bin/env python3
"""Make a small DOCX, ODT or EPUB from a plain text file (blank lines
between paragraphs) with nothing but Python's zipfile, so that the tests
need no office tool: usage: make_office.py docx|odt|epub IN.txt OUT.

Each paragraph is cut into two runs (DOCX w:r, ODT text:span) at a space
near its middle, so that a reader has to join runs; the first paragraph
is a heading.  The parts hold only what tmxalign reads, plus the
manifests a word processor wants."""
import sys
import zipfile
from xml.sax.saxutils import escape


def paragraphs(path):
    text = open(path, encoding="utf-8").read()
    out, cur = [], []
    for line in text.splitlines():
        if line.strip():
            cur.append(line.strip())
        elif cur:
            out.append(" ".join(cur))
            cur = []
    if cur:
        out.append(" ".join(cur))
    return out


def halves(p):
    i = p.find(" ", len(p) // 2)
    return (p, "") if i < 0 else (p[:i], p[i:])


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def docx(paras, z):
    z.writestr("[Content_Types].xml",
               '<?xml version="1.0" encoding="UTF-8"?>'
               '<Types xmlns="http://schemas.openxmlformats.org/package/2006/'
               'content-types"><Default Extension="rels" ContentType="'
               'application/vnd.openxmlformats-package.relationships+xml"/>'
               '<Default Extension="xml" ContentType="application/xml"/>'
               '<Override PartName="/word/document.xml" ContentType="'
               'application/vnd.openxmlformats-officedocument.'
               'wordprocessingml.document.main+xml"/></Types>')
    z.writestr("_rels/.rels",
               '<?xml version="1.0" encoding="UTF-8"?>'
               '<Relationships xmlns="http://schemas.openxmlformats.org/'
               'package/2006/relationships"><Relationship Id="rId1" Type="'
               'http://schemas.openxmlformats.org/officeDocument/2006/'
               'relationships/officeDocument" Target="word/document.xml"/>'
               '</Relationships>')
    body = []
    for k, p in enumerate(paras):
        a, b = halves(p)
        style = '<w:pPr><w:pStyle w:val="Heading1"/></w:pPr>' if k == 0 else ""
        body.append('<w:p>%s<w:r><w:t xml:space="preserve">%s</w:t></w:r>'
                    '<w:r><w:t xml:space="preserve">%s</w:t></w:r></w:p>'
                    % (style, escape(a), escape(b)))
    z.writestr("word/document.xml",
               '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
               '<w:document xmlns:w="%s"><w:body>%s<w:sectPr/></w:body>'
               '</w:document>' % (W, "".join(body)))


def odt(paras, z):
    z.writestr(zipfile.ZipInfo("mimetype"),
               "application/vnd.oasis.opendocument.text")
    z.writestr("META-INF/manifest.xml",
               '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
               'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:'
               'manifest:1.0" manifest:version="1.2"><manifest:file-entry '
               'manifest:full-path="/" manifest:media-type="application/'
               'vnd.oasis.opendocument.text"/><manifest:file-entry '
               'manifest:full-path="content.xml" manifest:media-type='
               '"text/xml"/></manifest:manifest>')
    body = []
    for k, p in enumerate(paras):
        a, b = halves(p)
        tag = ('text:h text:outline-level="1"', "text:h") if k == 0 else (
            "text:p", "text:p")
        body.append("<%s>%s<text:span>%s</text:span></%s>"
                    % (tag[0], escape(a), escape(b), tag[1]))
    z.writestr("content.xml",
               '<?xml version="1.0" encoding="UTF-8"?>\n'
               '<office:document-content xmlns:office="urn:oasis:names:tc:'
               'opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:'
               'tc:opendocument:xmlns:text:1.0" office:version="1.2">'
               '<office:body><office:text>%s</office:text></office:body>'
               '</office:document-content>' % "".join(body))


def epub(paras, z):
    z.writestr(zipfile.ZipInfo("mimetype"), "application/epub+zip")
    z.writestr("META-INF/container.xml",
               '<?xml version="1.0"?><container version="1.0" xmlns="urn:'
               'oasis:names:tc:opendocument:xmlns:container"><rootfiles>'
               '<rootfile full-path="OEBPS/content.opf" media-type='
               '"application/oebps-package+xml"/></rootfiles></container>')
    half = max(1, len(paras) // 2)
    pages = [paras[:half], paras[half:]]
    items, refs = [], []
    for i, ps in enumerate(pages):
        name = "page%d.xhtml" % (i + 1)
        items.append('<item id="p%d" href="%s" media-type="application/'
                     'xhtml+xml"/>' % (i, name))
        refs.append('<itemref idref="p%d"/>' % i)
        html = "".join(("<h1>%s</h1>" if i == 0 and k == 0 else "<p>%s</p>")
                       % escape(p) for k, p in enumerate(ps))
        z.writestr("OEBPS/" + name,
                   '<?xml version="1.0" encoding="UTF-8"?>\n<html xmlns='
                   '"http://www.w3.org/1999/xhtml"><head><title>%s</title>'
                   '</head><body>%s</body></html>' % (name, html))
    z.writestr("OEBPS/content.opf",
               '<?xml version="1.0" encoding="UTF-8"?><package xmlns="http:'
               '//www.idpf.org/2007/opf" version="3.0"><manifest>%s'
               '</manifest><spine>%s</spine></package>'
               % ("".join(items), "".join(refs)))


def main():
    kind, src, out = sys.argv[1:4]
    paras = paragraphs(src)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        {"docx": docx, "odt": odt, "epub": epub}[kind](paras, z)


if __name__ == "__main__":
    main()
