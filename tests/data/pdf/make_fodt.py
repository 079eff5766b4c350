#!/usr/bin/python3
"""Write a text file as a flat OpenDocument text (.fodt) that LibreOffice
turns into a PDF with the traps of a real book: a running header, a page
number in the footer, and (with --hyphen) a word cut at a line end.
Paragraphs are the blank-line separated blocks of the text; each gets a
gap below it, as a typeset book has.
usage: make_fodt.py story.txt out.fodt [--hyphen]"""
import sys
from xml.sax.saxutils import escape

src, out = sys.argv[1], sys.argv[2]
hyphen = "--hyphen" in sys.argv[3:]
paras, cur = [], []
for line in open(src, encoding="utf-8"):
    if line.strip():
        cur.append(line.strip())
    elif cur:
        paras.append(" ".join(cur))
        cur = []
if cur:
    paras.append(" ".join(cur))
body = []
for i, p in enumerate(paras):
    body.append('<text:p text:style-name="Body">%s</text:p>' % escape(p))
if hyphen:
    # A layout's hyphenation as a PDF shows it: the word cut, the rest
    # of it on the next line.
    body.insert(2, '<text:p text:style-name="Body">Une phrase sur la '
                'trans-<text:line-break/>lation des mots.</text:p>')
doc = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.text">
<office:styles>
 <style:style style:name="Body" style:family="paragraph">
  <style:paragraph-properties fo:margin-bottom="0.5cm"/>
  <style:text-properties fo:font-size="12pt"/>
 </style:style>
</office:styles>
<office:automatic-styles>
 <style:page-layout style:name="pm1">
  <style:page-layout-properties fo:page-width="14.8cm" fo:page-height="21cm"
   fo:margin-top="1.5cm" fo:margin-bottom="1.5cm" fo:margin-left="2cm" fo:margin-right="2cm"/>
  <style:header-style/><style:footer-style/>
 </style:page-layout>
</office:automatic-styles>
<office:master-styles>
 <style:master-page style:name="Standard" style:page-layout-name="pm1">
  <style:header><text:p>Guy de Maupassant — Contes du jour et de la nuit</text:p></style:header>
  <style:footer><text:p><text:page-number text:select-page="current">1</text:page-number></text:p></style:footer>
 </style:master-page>
</office:master-styles>
<office:body><office:text>
%s
</office:text></office:body></office:document>
""" % "\n".join(body)
open(out, "w", encoding="utf-8").write(doc)
