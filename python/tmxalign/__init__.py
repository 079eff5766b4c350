"""tmxalign: sentence alignment, TMX 1.4b translation memories and
translation completeness checks, from Python.

A thin ctypes layer over the C library libtmxalign (no compiled extension,
no dependency but Python 3's standard library)::

    import tmxalign
    al = tmxalign.align(open("story.fr.txt").read(), open("story.en.txt").read(),
                        "fr", "en")
    for bead in al:
        print(bead.type, bead.score, bead.src_text, "|", bead.tgt_text)
    report = al.check()
    print(report.summary.coverage, report.complete)
    al.write_tmx("story.tmx")

Texts are ``str`` (or UTF-8 ``bytes``); a list of strings is taken as ready
sentences (no splitting).  Errors of the library are raised as
:class:`TmxalignError`, carrying its one-line message; wrong Python
arguments raise ``TypeError`` or ``ValueError``.

The library is found through, in order: the environment variable
``TMXALIGN_LIBRARY`` (a path), the library directory of the installation
this module belongs to, the dynamic loader (``LD_LIBRARY_PATH``, ldconfig),
``ctypes.util.find_library`` and the configured install libdir.

ctypes releases the GIL during every library call, so several threads
align (or check, split, read...) in parallel; documents, alignments and
reports are read-only and may be shared between threads.  A TMX reader may
be used by one thread at a time.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import weakref
from ctypes import (POINTER, Structure, byref, c_bool, c_char, c_char_p,
                    c_double, c_int, c_size_t, c_uint, c_void_p)
from dataclasses import dataclass, field
from typing import (Any, Callable, Dict, Iterable, Iterator, List, Mapping,
                    Optional, Sequence, Tuple, Union, overload)

from . import _config

__version__ = _config.VERSION

__all__ = [
    "TmxalignError", "Sentence", "Document", "Bead", "AlignSummary",
    "Alignment", "Span", "Finding", "CheckSummary", "CheckReport", "TmxUnit",
    "TmxReader", "split", "load", "align", "check", "write_tmx", "read_tmx",
    "library_version", "__version__",
]

# ---- the C structs, mirrored member by member (tests/python/layout.c) ----

TA_ANCHOR_MAX = 16
TA_ANCHOR_COUNT = 5
TA_FINDING_KIND_MAX = 32
TA_SEVERITY_MAX = 8

NOTE_FN = ctypes.CFUNCTYPE(None, c_void_p, c_char_p)


class ta_error(Structure):
    _fields_ = [("status", c_int), ("message", c_char * 512)]


class ta_note(Structure):
    _fields_ = [("fn", NOTE_FN), ("user", c_void_p)]


class ta_sentence(Structure):
    _fields_ = [("text", c_char_p), ("len", c_size_t), ("offset", c_size_t),
                ("end", c_size_t), ("line", c_size_t),
                ("paragraph", c_size_t)]


class ta_split_opts(Structure):
    _fields_ = [("lang", c_char_p), ("input", c_int), ("encoding", c_char_p),
                ("max_input_bytes", c_size_t),
                ("max_sentence_bytes", c_size_t), ("note", ta_note),
                ("srx", c_char_p)]


class ta_align_opts(Structure):
    _fields_ = [("max_bead", c_int), ("weights", c_double * TA_ANCHOR_MAX),
                ("length_weight", c_double), ("use_paragraphs", c_bool),
                ("min_band", c_size_t), ("max_band", c_size_t),
                ("passes", c_int), ("lexicon", c_void_p),
                ("self_train", c_bool), ("note", ta_note),
                ("posteriors", c_bool), ("threads", c_uint)]


class ta_bead(Structure):
    _fields_ = [("src_begin", c_size_t), ("src_len", c_size_t),
                ("tgt_begin", c_size_t), ("tgt_len", c_size_t),
                ("score", c_double), ("cost", c_double),
                ("cost_length", c_double), ("cost_chance", c_double),
                ("cost_prior", c_double), ("cost_paragraph", c_double),
                ("cost_anchor", c_double * TA_ANCHOR_COUNT)]


class ta_align_summary(Structure):
    _fields_ = [("beads", c_size_t), ("by_type", (c_size_t * 6) * 6),
                ("mean_score", c_double), ("length_ratio", c_double),
                ("length_var", c_double), ("length_var_raw", c_double),
                ("band", c_size_t)]


class ta_check_opts(Structure):
    _fields_ = [("min_coverage", c_double), ("fail_on", c_uint),
                ("kinds", c_uint), ("length_z", c_double),
                ("partial_threshold", c_double),
                ("hint_threshold", c_double),
                ("untranslated_share", c_double),
                ("untranslated_min_words", c_size_t), ("lexicon", c_void_p),
                ("mostly_untranslated", c_double),
                ("unaligned_share", c_double), ("given_pairs", c_bool),
                ("min_probability", c_double)]


class ta_check_span(Structure):
    _fields_ = [("begin", c_size_t), ("len", c_size_t),
                ("paragraph", c_size_t), ("line", c_size_t),
                ("offset", c_size_t), ("end", c_size_t)]


class ta_finding(Structure):
    _fields_ = [("kind", c_int), ("severity", c_int), ("bead", c_size_t),
                ("nbeads", c_size_t), ("src", ta_check_span),
                ("tgt", ta_check_span), ("value", c_double),
                ("whole_paragraph", c_bool), ("message", c_char_p),
                ("probability", c_double)]


class ta_check_summary(Structure):
    _fields_ = [("src_sentences", c_size_t), ("tgt_sentences", c_size_t),
                ("src_translated", c_size_t), ("src_chars", c_size_t),
                ("src_chars_translated", c_size_t), ("tgt_added", c_size_t),
                ("coverage", c_double), ("char_coverage", c_double),
                ("mean_confidence", c_double),
                ("by_kind", c_size_t * TA_FINDING_KIND_MAX),
                ("by_severity", c_size_t * TA_SEVERITY_MAX),
                ("complete", c_bool)]


class ta_tmx_prop(Structure):
    _fields_ = [("type", c_char_p), ("value", c_char_p)]


class ta_tmx_variant(Structure):
    _fields_ = [("lang", c_char_p), ("text", c_char_p)]


class ta_tmx_unit(Structure):
    _fields_ = [("tuid", c_char_p), ("srclang", c_char_p),
                ("variants", POINTER(ta_tmx_variant)),
                ("nvariants", c_size_t), ("props", POINTER(ta_tmx_prop)),
                ("nprops", c_size_t)]


_HEADER_FIELDS = ("srclang", "adminlang", "datatype", "segtype",
                  "creationtool", "creationtoolversion", "o_tmf",
                  "creationdate", "o_encoding")


class ta_tmx_header(Structure):
    _fields_ = [(n, c_char_p) for n in _HEADER_FIELDS]


class ta_tmx_write_opts(Structure):
    _fields_ = [("doctype", c_bool), ("note", ta_note)]


class ta_tmx_align_opts(Structure):
    _fields_ = [("keep_unaligned", c_bool), ("min_score", c_double),
                ("document", c_char_p), ("write", ta_tmx_write_opts)]


class ta_tmx_align_stats(Structure):
    _fields_ = [("units", c_size_t), ("unaligned", c_size_t),
                ("below_score", c_size_t)]


class ta_tmx_read_opts(Structure):
    _fields_ = [("inline_codes", c_int), ("max_seg_bytes", c_size_t),
                ("max_variants", c_size_t), ("note", ta_note)]


# Every struct above, for the layout test.
STRUCTS = [ta_error, ta_note, ta_sentence, ta_split_opts, ta_align_opts,
           ta_bead, ta_align_summary, ta_check_opts, ta_check_span,
           ta_finding, ta_check_summary, ta_tmx_prop, ta_tmx_variant,
           ta_tmx_unit, ta_tmx_header, ta_tmx_write_opts, ta_tmx_align_opts,
           ta_tmx_align_stats, ta_tmx_read_opts]

# ---- loading the library -------------------------------------------------

_P = c_void_p
_PP = POINTER(c_void_p)
_ERR = POINTER(ta_error)
_PROTOTYPES: Dict[str, Tuple[Any, List[Any]]] = {
    "ta_version": (c_int, []),
    "ta_version_string": (c_char_p, []),
    "ta_strerror": (c_char_p, [c_int]),
    "ta_status_name": (c_char_p, [c_int]),
    "ta_split_opts_init": (None, [POINTER(ta_split_opts)]),
    "ta_doc_load_file": (c_int, [c_char_p, POINTER(ta_split_opts), _PP, _ERR]),
    "ta_doc_load_mem": (c_int, [c_char_p, c_char_p, c_size_t,
                                POINTER(ta_split_opts), _PP, _ERR]),
    "ta_doc_from_segments": (c_int, [c_char_p, c_char_p, POINTER(c_char_p),
                                     POINTER(c_size_t), c_size_t, _PP, _ERR]),
    "ta_doc_count": (c_size_t, [_P]),
    "ta_doc_sentence": (POINTER(ta_sentence), [_P, c_size_t]),
    "ta_doc_paragraph_count": (c_size_t, [_P]),
    "ta_doc_lang": (c_char_p, [_P]),
    "ta_doc_name": (c_char_p, [_P]),
    "ta_doc_is_html": (c_bool, [_P]),
    "ta_doc_encoding": (c_char_p, [_P]),
    "ta_doc_free": (None, [_P]),
    "ta_anchor_name": (c_char_p, [c_int]),
    "ta_align_opts_init": (None, [POINTER(ta_align_opts)]),
    "ta_align": (c_int, [_P, _P, POINTER(ta_align_opts), _PP, _ERR]),
    "ta_alignment_count": (c_size_t, [_P]),
    "ta_alignment_bead": (POINTER(ta_bead), [_P, c_size_t]),
    "ta_alignment_summary": (POINTER(ta_align_summary), [_P]),
    "ta_alignment_free": (None, [_P]),
    "ta_lexicon_new": (c_int, [_PP, _ERR]),
    "ta_lexicon_load_dict": (c_int, [_P, c_char_p, c_char_p, c_char_p, _P,
                                     _ERR]),
    "ta_lexicon_free": (None, [_P]),
    "ta_finding_kind_name": (c_char_p, [c_int]),
    "ta_finding_kind_parse": (c_bool, [c_char_p, POINTER(c_int)]),
    "ta_severity_name": (c_char_p, [c_int]),
    "ta_check_opts_init": (None, [POINTER(ta_check_opts)]),
    "ta_check_align_opts_init": (None, [POINTER(ta_align_opts)]),
    "ta_check": (c_int, [_P, _P, _P, POINTER(ta_check_opts), _PP, _ERR]),
    "ta_check_report_count": (c_size_t, [_P]),
    "ta_check_report_finding": (POINTER(ta_finding), [_P, c_size_t]),
    "ta_check_report_summary": (POINTER(ta_check_summary), [_P]),
    "ta_check_report_free": (None, [_P]),
    "ta_tmx_header_init": (None, [POINTER(ta_tmx_header)]),
    "ta_tmx_write_opts_init": (None, [POINTER(ta_tmx_write_opts)]),
    "ta_tmx_writer_open": (c_int, [c_char_p, POINTER(ta_tmx_header),
                                   POINTER(ta_tmx_write_opts), _PP, _ERR]),
    "ta_tmx_writer_add": (c_int, [_P, POINTER(ta_tmx_unit), _ERR]),
    "ta_tmx_writer_count": (c_size_t, [_P]),
    "ta_tmx_writer_close": (c_int, [_P, _ERR]),
    "ta_tmx_writer_free": (None, [_P]),
    "ta_tmx_align_opts_init": (None, [POINTER(ta_tmx_align_opts)]),
    "ta_tmx_write_alignment": (c_int, [c_char_p, _P, _P, _P,
                                       POINTER(ta_tmx_align_opts),
                                       POINTER(ta_tmx_align_stats), _ERR]),
    "ta_tmx_read_opts_init": (None, [POINTER(ta_tmx_read_opts)]),
    "ta_tmx_reader_open": (c_int, [c_char_p, POINTER(ta_tmx_read_opts), _PP,
                                   _ERR]),
    "ta_tmx_reader_header": (POINTER(ta_tmx_header), [_P]),
    "ta_tmx_reader_next": (c_int, [_P, POINTER(POINTER(ta_tmx_unit)), _ERR]),
    "ta_tmx_reader_free": (None, [_P]),
}


def _candidates() -> List[str]:
    here = os.path.dirname(os.path.abspath(__file__))
    names = []
    if _config.LIBDIR_FROM_PACKAGE:
        names.append(os.path.normpath(
            os.path.join(here, _config.LIBDIR_FROM_PACKAGE, _config.SONAME)))
    names.append(_config.SONAME)
    found = ctypes.util.find_library("tmxalign")
    if found:
        names.append(found)
    names.append(os.path.join(_config.LIBDIR, _config.SONAME))
    return names


def _open_library() -> ctypes.CDLL:
    explicit = os.environ.get("TMXALIGN_LIBRARY")
    names = [explicit] if explicit else _candidates()
    tried = []
    want = tuple(int(x) for x in __version__.split(".")[:2])
    for name in names:
        try:
            lib = ctypes.CDLL(name)
        except OSError as e:
            tried.append(f"{name}: {e}")
            continue
        lib.ta_version.restype = c_int
        v = lib.ta_version()
        if (v >> 16, (v >> 8) & 0xFF) != want:
            tried.append(f"{name}: version {v >> 16}.{(v >> 8) & 0xFF}, "
                         f"this module needs {want[0]}.{want[1]}")
            continue
        for fname, (res, args) in _PROTOTYPES.items():
            fn = getattr(lib, fname)
            fn.restype = res
            fn.argtypes = args
        return lib
    raise ImportError("tmxalign: cannot load libtmxalign "
                      f"({_config.SONAME}); tried: " + "; ".join(tried) +
                      " (set TMXALIGN_LIBRARY to its path)")


_lib = _open_library()


def library_version() -> str:
    """The version of the C library in use, e.g. ``"0.2.0"``."""
    return _lib.ta_version_string().decode()


# ---- errors ----------------------------------------------------------------


class TmxalignError(Exception):
    """An error of the library: ``status`` is its name (``"TA_ELANG"``),
    ``code`` the number, ``message`` the library's one-line message (also
    ``str(error)``)."""

    def __init__(self, code: int, message: str) -> None:
        self.code = code
        self.status = _lib.ta_status_name(code).decode()
        self.message = message or _lib.ta_strerror(code).decode()
        super().__init__(self.message)


def _raise(st: int, err: ta_error) -> None:
    if st != 0:
        raise TmxalignError(st, err.message.decode("utf-8", "replace"))


def _enc(s: Optional[str], what: str) -> Optional[bytes]:
    if s is None:
        return None
    if isinstance(s, bytes):
        return s
    if not isinstance(s, str):
        raise TypeError(f"{what} must be a str, not {type(s).__name__}")
    if "\0" in s:
        raise ValueError(f"{what} contains a NUL character")
    return s.encode("utf-8")


def _dec(b: Optional[bytes]) -> Optional[str]:
    return None if b is None else b.decode("utf-8", "replace")


def _path(p: Union[str, "os.PathLike[str]"], what: str = "path") -> bytes:
    if isinstance(p, bytes):
        return p
    try:
        return os.fsencode(p)
    except TypeError:
        raise TypeError(f"{what} must be a path, not {type(p).__name__}") \
            from None


class _Notes:
    """A ta_note collecting the library's notes into a list."""

    def __init__(self) -> None:
        self.messages: List[str] = []

        def fn(user: Any, message: bytes) -> None:
            self.messages.append(message.decode("utf-8", "replace"))
        self.fn = NOTE_FN(fn)  # kept alive as long as this object

    def note(self) -> ta_note:
        return ta_note(self.fn, None)


def _options(func: str, given: Mapping[str, Any], known: Iterable[str]) -> None:
    unknown = sorted(set(given) - set(known))
    if unknown:
        raise TypeError(f"{func}() got unknown option(s) "
                        f"{', '.join(repr(u) for u in unknown)}; known: "
                        f"{', '.join(sorted(known))}")


# ---- documents -----------------------------------------------------------


@dataclass(frozen=True)
class Sentence:
    """One sentence of a document; offsets are bytes of the original input."""
    index: int
    text: str
    offset: int
    end: int
    line: int
    paragraph: int


_INPUTS = {"auto": 0, "text": 1, "html": 2, "presplit": 3, "docx": 4, "odt": 5,
           "epub": 6, "pdf": 7}


class Document(Sequence[Sentence]):
    """A document split into sentences (a sequence of :class:`Sentence`).

    Made by :func:`split`, :func:`load` or :meth:`from_segments`; read-only
    and safe to share between threads."""

    def __init__(self, handle: int, notes: Optional[List[str]] = None) -> None:
        self._handle = c_void_p(handle)
        self._free = weakref.finalize(self, _lib.ta_doc_free, handle)
        h = self._handle
        self.name: str = _dec(_lib.ta_doc_name(h)) or ""
        self.lang: str = _dec(_lib.ta_doc_lang(h)) or ""
        self.encoding: str = _dec(_lib.ta_doc_encoding(h)) or ""
        self.is_html: bool = bool(_lib.ta_doc_is_html(h))
        self.paragraphs: int = _lib.ta_doc_paragraph_count(h)
        self.notes: List[str] = notes or []
        sents = []
        for i in range(_lib.ta_doc_count(h)):
            s = _lib.ta_doc_sentence(h, i).contents
            sents.append(Sentence(i, s.text.decode("utf-8", "replace"),
                                  s.offset, s.end, s.line, s.paragraph))
        self._sentences = sents

    @classmethod
    def from_segments(cls, segments: Sequence[str], lang: str,
                      paragraphs: Optional[Sequence[int]] = None,
                      name: str = "<segments>") -> "Document":
        """A document of ready sentences, kept as given (no splitting);
        ``paragraphs[i]`` is the 0-based paragraph of segment i."""
        if isinstance(segments, (str, bytes)):
            raise TypeError("segments must be a sequence of str")
        segs = [_enc(s, "a segment") for s in segments]
        n = len(segs)
        arr = (c_char_p * max(n, 1))(*segs)
        par = None
        if paragraphs is not None:
            if len(paragraphs) != n:
                raise ValueError(f"{n} segments but {len(paragraphs)} "
                                 "paragraph numbers")
            par = (c_size_t * max(n, 1))(*paragraphs)
        out = c_void_p()
        err = ta_error()
        st = _lib.ta_doc_from_segments(_enc(name, "name"), _lang(lang), arr,
                                       par, n, byref(out), byref(err))
        _raise(st, err)
        return cls(out.value)

    @property
    def texts(self) -> List[str]:
        """The sentences' texts."""
        return [s.text for s in self._sentences]

    def __len__(self) -> int:
        return len(self._sentences)

    @overload
    def __getitem__(self, i: int) -> Sentence: ...
    @overload
    def __getitem__(self, i: slice) -> List[Sentence]: ...

    def __getitem__(self, i: Union[int, slice]) -> Any:
        return self._sentences[i]

    def __repr__(self) -> str:
        return (f"<tmxalign.Document {self.name!r} {self.lang} "
                f"{len(self)} sentences>")


def _lang(lang: Optional[str]) -> bytes:
    if lang is None or lang == "":
        raise ValueError("a language tag is needed (e.g. 'fr', 'en', 'pt-BR')")
    b = _enc(lang, "lang")
    assert b is not None
    return b


def _split_opts(lang: str, input: str, encoding: Optional[str],
                max_input_bytes: Optional[int],
                max_sentence_bytes: Optional[int],
                notes: _Notes, srx=None) -> ta_split_opts:
    o = ta_split_opts()
    _lib.ta_split_opts_init(byref(o))
    o.lang = _lang(lang)
    if input not in _INPUTS:
        raise ValueError(f"input must be one of {', '.join(_INPUTS)}, "
                         f"not {input!r}")
    o.input = _INPUTS[input]
    o.encoding = _enc(encoding, "encoding")
    if max_input_bytes is not None:
        o.max_input_bytes = max_input_bytes
    if max_sentence_bytes is not None:
        o.max_sentence_bytes = max_sentence_bytes
    o.note = notes.note()
    if srx is not None:
        # kept on the options object so that the bytes outlive the call
        o._srx = _path(srx)
        o.srx = o._srx
    return o


def split(text: Union[str, bytes], lang: str, *, input: str = "text",
          encoding: Optional[str] = None, name: str = "<text>",
          max_input_bytes: Optional[int] = None,
          max_sentence_bytes: Optional[int] = None,
          srx: Optional[Union[str, "os.PathLike[str]"]] = None) -> Document:
    """Split ``text`` into sentences with the rules of language ``lang``
    (a BCP-47 tag).  ``text`` is a str, or bytes in ``encoding`` (default:
    UTF-8 or detected).  ``input`` is "text" (blank lines separate
    paragraphs), "html", "presplit" (one sentence a line), "docx", "odt",
    "epub", "pdf" or "auto" (by content, then ``name``).  ``srx``: an SRX
    2.0 rules file, to break sentences where a CAT tool would.  Returns a
    :class:`Document`, a sequence of :class:`Sentence`; the library's notes
    are in its ``notes``."""
    if isinstance(text, str):
        if encoding is not None:
            raise ValueError("encoding is for bytes; a str is already text")
        data = text.encode("utf-8")
    elif isinstance(text, (bytes, bytearray, memoryview)):
        data = bytes(text)
    else:
        raise TypeError(f"text must be str or bytes, not {type(text).__name__}")
    notes = _Notes()
    o = _split_opts(lang, input, encoding, max_input_bytes,
                    max_sentence_bytes, notes, srx)
    out = c_void_p()
    err = ta_error()
    st = _lib.ta_doc_load_mem(_enc(name, "name"), data, len(data), byref(o),
                              byref(out), byref(err))
    _raise(st, err)
    return Document(out.value, notes.messages)


def load(path: Union[str, "os.PathLike[str]"], lang: str, *,
         input: str = "auto", encoding: Optional[str] = None,
         max_input_bytes: Optional[int] = None,
         max_sentence_bytes: Optional[int] = None,
         srx: Optional[Union[str, "os.PathLike[str]"]] = None) -> Document:
    """Read and split the file ``path`` (HTML for .html/.htm names with
    ``input="auto"``); otherwise as :func:`split`."""
    notes = _Notes()
    o = _split_opts(lang, input, encoding, max_input_bytes,
                    max_sentence_bytes, notes, srx)
    out = c_void_p()
    err = ta_error()
    st = _lib.ta_doc_load_file(_path(path), byref(o), byref(out), byref(err))
    _raise(st, err)
    return Document(out.value, notes.messages)


DocumentLike = Union[Document, str, bytes, Sequence[str]]


def _doc(d: DocumentLike, lang: Optional[str], side: str) -> Document:
    if isinstance(d, Document):
        if lang is not None and lang.replace("_", "-").lower() != \
                d.lang.lower():
            raise ValueError(f"{side} is a {d.lang} document, not {lang}")
        return d
    if lang is None:
        raise ValueError(f"{side}_lang is needed when {side} is not a "
                         "Document")
    if isinstance(d, (str, bytes)):
        return split(d, lang, name=f"<{side}>")
    if isinstance(d, Sequence):
        return Document.from_segments(d, lang, name=f"<{side}>")
    raise TypeError(f"{side} must be a Document, a str or a list of str, "
                    f"not {type(d).__name__}")


# ---- alignment -------------------------------------------------------------


def _anchor_names() -> List[str]:
    return [_lib.ta_anchor_name(k).decode() for k in range(TA_ANCHOR_COUNT)]


ANCHOR_KINDS: List[str] = _anchor_names()


@dataclass(frozen=True)
class Bead:
    """Sentences ``src`` of the source aligned with sentences ``tgt`` of
    the target (either may be empty: 1-0, 0-1), their texts joined by a
    space, the confidence ``score`` in [0, 1] and the costs (nats, lower is
    better) that explain it."""
    index: int
    src: Tuple[int, ...]
    tgt: Tuple[int, ...]
    src_text: str
    tgt_text: str
    score: float
    cost: float
    cost_length: float
    cost_chance: float
    cost_prior: float
    cost_paragraph: float
    cost_anchor: Dict[str, float] = field(default_factory=dict)

    @property
    def type(self) -> str:
        """"1-1", "2-1", "1-0", ..."""
        return f"{len(self.src)}-{len(self.tgt)}"


@dataclass(frozen=True)
class AlignSummary:
    """Document-level figures: beads by type ("1-1": count), mean score,
    the estimated target/source length ratio and variance, the band."""
    beads: int
    by_type: Dict[str, int]
    mean_score: float
    length_ratio: float
    length_var: float
    length_var_raw: float
    band: int


_ALIGN_OPTIONS = ("max_bead", "weights", "length_weight", "use_paragraphs",
                  "min_band", "max_band", "passes", "self_train",
                  "dictionaries", "threads")


class _Lexicon:
    """Dictionaries loaded into one table, freed with this object."""

    def __init__(self, paths: Sequence[Any], src: Document,
                 tgt: Document) -> None:
        if isinstance(paths, (str, bytes, os.PathLike)):
            paths = [paths]
        out = c_void_p()
        err = ta_error()
        _raise(_lib.ta_lexicon_new(byref(out), byref(err)), err)
        self.handle = out
        self._free = weakref.finalize(self, _lib.ta_lexicon_free, out.value)
        for p in paths:
            st = _lib.ta_lexicon_load_dict(out, _path(p, "a dictionary"),
                                           src.lang.encode(),
                                           tgt.lang.encode(), src._handle,
                                           byref(err))
            _raise(st, err)


def _align_opts(o: ta_align_opts, options: Mapping[str, Any],
                lexicon: Optional[_Lexicon], notes: _Notes) -> None:
    if "max_bead" in options:
        o.max_bead = int(options["max_bead"])
    weights = options.get("weights") or {}
    if not isinstance(weights, Mapping):
        raise TypeError("weights must be a mapping of anchor kind to weight")
    for kind, w in weights.items():
        if kind not in ANCHOR_KINDS:
            raise ValueError(f"unknown anchor kind {kind!r}; known: "
                             f"{', '.join(ANCHOR_KINDS)}")
        o.weights[ANCHOR_KINDS.index(kind)] = float(w)
    for name in ("length_weight",):
        if name in options:
            setattr(o, name, float(options[name]))
    for name in ("use_paragraphs", "self_train"):
        if name in options:
            setattr(o, name, bool(options[name]))
    for name in ("min_band", "max_band", "passes", "threads"):
        if name in options:
            v = options[name]
            if not isinstance(v, int) or v < 0:
                raise ValueError(f"{name} must be an int >= 0, not {v!r}")
            setattr(o, name, v)
    if lexicon is not None:
        o.lexicon = lexicon.handle
    o.note = notes.note()


class Alignment(Sequence[Bead]):
    """The beads aligning two documents, in order; every sentence of both
    is in exactly one bead.  ``src`` and ``tgt`` are the documents,
    ``summary`` an :class:`AlignSummary`, ``notes`` the library's notes."""

    def __init__(self, handle: int, src: Document, tgt: Document,
                 notes: List[str]) -> None:
        self._handle = c_void_p(handle)
        self._free = weakref.finalize(self, _lib.ta_alignment_free, handle)
        self.src = src
        self.tgt = tgt
        self.notes = notes
        h = self._handle
        beads = []
        for i in range(_lib.ta_alignment_count(h)):
            b = _lib.ta_alignment_bead(h, i).contents
            s = tuple(range(b.src_begin, b.src_begin + b.src_len))
            t = tuple(range(b.tgt_begin, b.tgt_begin + b.tgt_len))
            beads.append(Bead(
                i, s, t, " ".join(src[k].text for k in s),
                " ".join(tgt[k].text for k in t), b.score, b.cost,
                b.cost_length, b.cost_chance, b.cost_prior, b.cost_paragraph,
                {ANCHOR_KINDS[k]: b.cost_anchor[k]
                 for k in range(TA_ANCHOR_COUNT)}))
        self._beads = beads
        m = _lib.ta_alignment_summary(h).contents
        by_type = {f"{a}-{b}": m.by_type[a][b] for a in range(6)
                   for b in range(6) if m.by_type[a][b]}
        self.summary = AlignSummary(m.beads, by_type, m.mean_score,
                                    m.length_ratio, m.length_var,
                                    m.length_var_raw, m.band)

    def __len__(self) -> int:
        return len(self._beads)

    @overload
    def __getitem__(self, i: int) -> Bead: ...
    @overload
    def __getitem__(self, i: slice) -> List[Bead]: ...

    def __getitem__(self, i: Union[int, slice]) -> Any:
        return self._beads[i]

    def __repr__(self) -> str:
        return (f"<tmxalign.Alignment {len(self)} beads, mean score "
                f"{self.summary.mean_score:.3f}>")

    def check(self, **options: Any) -> "CheckReport":
        """Check this alignment's translation; options as :func:`check`
        (its check options only)."""
        return _check(self, options)

    def write_tmx(self, path: Union[str, "os.PathLike[str]"],
                  **options: Any) -> int:
        """Write this alignment as a TMX file; see :func:`write_tmx`."""
        return write_tmx(path, self, **options)


def align(src: DocumentLike, tgt: DocumentLike, src_lang: Optional[str] = None,
          tgt_lang: Optional[str] = None, **options: Any) -> Alignment:
    """Align ``src`` with its translation ``tgt``.

    Each side is a :class:`Document`, a text (str or bytes: split here) or
    a list of sentences (kept as given); ``src_lang`` and ``tgt_lang``
    (BCP-47) are needed unless both are Documents.

    Options: ``max_bead`` (m + n <= max_bead, default 5), ``weights``
    ({"number": 0, ...}: re-weight anchor kinds, 0 disables one; kinds in
    ``ANCHOR_KINDS``), ``length_weight``, ``use_paragraphs`` (default True),
    ``min_band``, ``max_band``, ``passes`` (2: re-estimate from a first
    pass), ``self_train`` (learn a lexicon from the pair, default True),
    ``dictionaries`` (paths of bilingual dictionaries: FreeDict/dictd,
    hunalign or TSV), ``threads`` (for this one pair: default 1, 0 one per
    core; the same beads whatever the number).  Returns an :class:`Alignment`."""
    _options("align", options, _ALIGN_OPTIONS)
    s = _doc(src, src_lang, "src")
    t = _doc(tgt, tgt_lang, "tgt")
    return _align(s, t, options, check=False)


def _align(s: Document, t: Document, options: Mapping[str, Any],
           check: bool) -> Alignment:
    notes = _Notes()
    o = ta_align_opts()
    (_lib.ta_check_align_opts_init if check else _lib.ta_align_opts_init)(
        byref(o))
    lex = None
    if options.get("dictionaries"):
        lex = _Lexicon(options["dictionaries"], s, t)
    _align_opts(o, options, lex, notes)
    out = c_void_p()
    err = ta_error()
    st = _lib.ta_align(s._handle, t._handle, byref(o), byref(out), byref(err))
    _raise(st, err)
    al = Alignment(out.value, s, t, notes.messages)
    al._lexicon = lex  # type: ignore[attr-defined]
    return al


# ---- checks ----------------------------------------------------------------


def _kind_names() -> List[str]:
    names = []
    for k in range(TA_FINDING_KIND_MAX):
        n = _lib.ta_finding_kind_name(k).decode()
        if n == "unknown":
            break
        names.append(n)
    return names


FINDING_KINDS: List[str] = _kind_names()
SEVERITIES: List[str] = ["info", "warning", "error"]


@dataclass(frozen=True)
class Span:
    """Where a finding is on one side: sentences [begin, begin+len), the
    paragraph, the 1-based line and byte offsets into the original."""
    begin: int
    len: int
    paragraph: int
    line: int
    offset: int
    end: int
    text: str

    @property
    def sentences(self) -> Tuple[int, ...]:
        return tuple(range(self.begin, self.begin + self.len))


@dataclass(frozen=True)
class Finding:
    """One finding: ``kind`` (in ``FINDING_KINDS``: "omission", ...),
    ``severity`` ("info", "warning", "error"), the beads concerned, where it
    is on both sides, a kind-specific ``value`` and a one-line
    ``message``."""
    kind: str
    severity: str
    bead: int
    nbeads: int
    src: Span
    tgt: Span
    value: float
    whole_paragraph: bool
    message: str
    #: omission, partial-omission: the probability that the named source
    #: text is untranslated; None where not estimated
    probability: Optional[float] = None


@dataclass(frozen=True)
class CheckSummary:
    """Coverage (share of source sentences, and characters, translated),
    counts by kind and severity, mean alignment confidence, the verdict."""
    src_sentences: int
    tgt_sentences: int
    src_translated: int
    src_chars: int
    src_chars_translated: int
    tgt_added: int
    coverage: float
    char_coverage: float
    mean_confidence: float
    by_kind: Dict[str, int]
    by_severity: Dict[str, int]
    complete: bool


class CheckReport(Sequence[Finding]):
    """The findings of a check (a sequence of :class:`Finding`), its
    ``summary`` and the ``alignment`` it was made from."""

    def __init__(self, findings: List[Finding], summary: CheckSummary,
                 alignment: Alignment) -> None:
        self.findings = findings
        self.summary = summary
        self.alignment = alignment

    @property
    def complete(self) -> bool:
        """The verdict: complete by the thresholds."""
        return self.summary.complete

    def __len__(self) -> int:
        return len(self.findings)

    @overload
    def __getitem__(self, i: int) -> Finding: ...
    @overload
    def __getitem__(self, i: slice) -> List[Finding]: ...

    def __getitem__(self, i: Union[int, slice]) -> Any:
        return self.findings[i]

    def __repr__(self) -> str:
        return (f"<tmxalign.CheckReport {len(self)} findings, coverage "
                f"{self.summary.coverage:.3f}, "
                f"{'complete' if self.complete else 'incomplete'}>")


_CHECK_OPTIONS = ("min_coverage", "fail_on", "kinds", "length_z",
                  "partial_threshold", "hint_threshold",
                  "untranslated_share", "untranslated_min_words",
                  "mostly_untranslated", "unaligned_share",
                  "min_probability", "dictionaries")


def _kind_bits(kinds: Iterable[str], what: str) -> int:
    if isinstance(kinds, str):
        kinds = [k for k in kinds.split(",") if k]
    bits = 0
    for k in kinds:
        if k == "none":
            continue
        if k not in FINDING_KINDS:
            raise ValueError(f"{what}: unknown finding kind {k!r}; known: "
                             f"{', '.join(FINDING_KINDS)}")
        bits |= 1 << FINDING_KINDS.index(k)
    return bits


def _span(s: ta_check_span, doc: Document) -> Span:
    text = " ".join(doc[k].text for k in range(s.begin, s.begin + s.len)
                    if k < len(doc))
    return Span(s.begin, s.len, s.paragraph, s.line, s.offset, s.end, text)


def _check(al: Alignment, options: Mapping[str, Any]) -> CheckReport:
    _options("check", options, _CHECK_OPTIONS)
    o = ta_check_opts()
    _lib.ta_check_opts_init(byref(o))
    for name in ("min_coverage", "length_z", "partial_threshold",
                 "hint_threshold", "untranslated_share", "min_probability"):
        if name in options:
            setattr(o, name, float(options[name]))
    if "untranslated_min_words" in options:
        o.untranslated_min_words = int(options["untranslated_min_words"])
    if "fail_on" in options:
        o.fail_on = _kind_bits(options["fail_on"], "fail_on")
    if "kinds" in options:
        o.kinds = _kind_bits(options["kinds"], "kinds")
    lex = getattr(al, "_lexicon", None)
    if options.get("dictionaries"):
        lex = _Lexicon(options["dictionaries"], al.src, al.tgt)
    if lex is not None:
        o.lexicon = lex.handle
    out = c_void_p()
    err = ta_error()
    st = _lib.ta_check(al.src._handle, al.tgt._handle, al._handle, byref(o),
                       byref(out), byref(err))
    _raise(st, err)
    try:
        findings = []
        for i in range(_lib.ta_check_report_count(out)):
            f = _lib.ta_check_report_finding(out, i).contents
            findings.append(Finding(
                _lib.ta_finding_kind_name(f.kind).decode(),
                _lib.ta_severity_name(f.severity).decode(), f.bead, f.nbeads,
                _span(f.src, al.src), _span(f.tgt, al.tgt), f.value,
                bool(f.whole_paragraph), _dec(f.message) or "",
                f.probability if f.probability >= 0 else None))
        m = _lib.ta_check_report_summary(out).contents
        summary = CheckSummary(
            m.src_sentences, m.tgt_sentences, m.src_translated, m.src_chars,
            m.src_chars_translated, m.tgt_added, m.coverage, m.char_coverage,
            m.mean_confidence,
            {k: m.by_kind[i] for i, k in enumerate(FINDING_KINDS)},
            {k: m.by_severity[i] for i, k in enumerate(SEVERITIES)},
            bool(m.complete))
    finally:
        _lib.ta_check_report_free(out)
    return CheckReport(findings, summary, al)


def check(src: Union[DocumentLike, Alignment], tgt: Optional[DocumentLike] = None,
          src_lang: Optional[str] = None, tgt_lang: Optional[str] = None,
          **options: Any) -> CheckReport:
    """Check that ``tgt`` is a complete translation of ``src``: align them
    (beads of at most 4 sentences, as the CLI's check does; ``src`` may
    also be an :class:`Alignment`, then ``tgt`` is None) and report
    omissions, additions, numbers that differ, untranslated sentences,
    length outliers and punctuation.

    Check options: ``min_coverage`` (default 0.98), ``fail_on`` (kinds
    that fail the verdict; default omission, partial-omission, number),
    ``kinds`` (kinds looked for; default all), ``length_z``,
    ``partial_threshold``, ``hint_threshold``, ``untranslated_share``,
    ``untranslated_min_words``, ``min_probability`` (omissions less
    likely are info-level hints; default 0.3); align options as
    :func:`align`.
    Returns a :class:`CheckReport`."""
    if isinstance(src, Alignment):
        if tgt is not None:
            raise TypeError("check(alignment) takes no tgt")
        return _check(src, options)
    if tgt is None:
        raise TypeError("check() needs src and tgt")
    align_opts = {k: v for k, v in options.items() if k in _ALIGN_OPTIONS}
    check_opts = {k: v for k, v in options.items() if k not in _ALIGN_OPTIONS
                  or k == "dictionaries"}
    _options("check", check_opts, _CHECK_OPTIONS)
    s = _doc(src, src_lang, "src")
    t = _doc(tgt, tgt_lang, "tgt")
    al = _align(s, t, align_opts, check=True)
    check_opts.pop("dictionaries", None)
    return _check(al, check_opts)


# ---- TMX -------------------------------------------------------------------


@dataclass
class TmxUnit:
    """One translation unit: ``variants`` as (language, text) pairs in file
    order, ``props`` as (type, value) pairs."""
    variants: List[Tuple[str, str]]
    tuid: Optional[str] = None
    srclang: Optional[str] = None
    props: List[Tuple[str, str]] = field(default_factory=list)

    def text(self, lang: str) -> Optional[str]:
        """The text in ``lang`` ("en-US" = "en_us"), or None."""
        want = lang.replace("_", "-").lower()
        for lg, t in self.variants:
            if lg.replace("_", "-").lower() == want:
                return t
        return None

    def prop(self, type: str) -> Optional[str]:
        """The value of the first prop of that type, or None."""
        for t, v in self.props:
            if t == type:
                return v
        return None


_INLINE = {"native": 0, "strip": 1, "markup": 2}


class TmxReader(Iterator[TmxUnit]):
    """An iterator over the units of a TMX file, streaming (one unit in
    memory at a time); ``header`` holds the <header> attributes.  Use it in
    a ``with`` statement, or call :meth:`close`, to release the file
    before the end."""

    def __init__(self, path: Union[str, "os.PathLike[str]"],
                 inline: str = "native",
                 max_seg_bytes: Optional[int] = None) -> None:
        if inline not in _INLINE:
            raise ValueError(f"inline must be one of {', '.join(_INLINE)}, "
                             f"not {inline!r}")
        self._notes = _Notes()
        o = ta_tmx_read_opts()
        _lib.ta_tmx_read_opts_init(byref(o))
        o.inline_codes = _INLINE[inline]
        if max_seg_bytes is not None:
            o.max_seg_bytes = max_seg_bytes
        o.note = self._notes.note()
        self._opts = o
        out = c_void_p()
        err = ta_error()
        st = _lib.ta_tmx_reader_open(_path(path), byref(o), byref(out),
                                     byref(err))
        _raise(st, err)
        self._handle: Optional[c_void_p] = out
        self._free = weakref.finalize(self, _lib.ta_tmx_reader_free,
                                      out.value)
        h = _lib.ta_tmx_reader_header(out).contents
        self.header: Dict[str, Optional[str]] = {
            n: _dec(getattr(h, n)) for n in _HEADER_FIELDS}

    @property
    def notes(self) -> List[str]:
        """The parser's warnings so far."""
        return self._notes.messages

    def __iter__(self) -> "TmxReader":
        return self

    def __next__(self) -> TmxUnit:
        if self._handle is None:
            raise StopIteration
        u = POINTER(ta_tmx_unit)()
        err = ta_error()
        st = _lib.ta_tmx_reader_next(self._handle, byref(u), byref(err))
        if st != 0:
            self.close()
            _raise(st, err)
        if not u:
            self.close()
            raise StopIteration
        x = u.contents
        variants = [(_dec(x.variants[i].lang) or "",
                     _dec(x.variants[i].text) or "")
                    for i in range(x.nvariants)]
        props = [(_dec(x.props[i].type) or "", _dec(x.props[i].value) or "")
                 for i in range(x.nprops)]
        return TmxUnit(variants, _dec(x.tuid), _dec(x.srclang), props)

    def close(self) -> None:
        """Release the file (iteration then stops)."""
        self._handle = None
        self._free()

    def __enter__(self) -> "TmxReader":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


def read_tmx(path: Union[str, "os.PathLike[str]"], *, inline: str = "native",
             max_seg_bytes: Optional[int] = None) -> TmxReader:
    """Open a TMX file (1.1 to 1.4b, any encoding; ``"-"`` is standard
    input) and iterate over its units (:class:`TmxUnit`).  ``inline``: what
    becomes of inline codes in segments: "native" (the original markup,
    default), "strip" (removed) or "markup" (TMX elements as XML text)."""
    return TmxReader(path, inline, max_seg_bytes)


UnitLike = Union[TmxUnit, Tuple[str, str]]


def write_tmx(path: Union[str, "os.PathLike[str]"],
              data: Union[Alignment, Iterable[UnitLike]], *,
              srclang: Optional[str] = None, tgtlang: Optional[str] = None,
              keep_unaligned: bool = False, min_score: float = 0.0,
              document: Optional[str] = None, doctype: bool = True,
              header: Optional[Mapping[str, str]] = None) -> int:
    """Write a TMX 1.4b file at ``path`` (atomically: a temporary file
    renamed into place; ``"-"`` is standard output) and return the number
    of units written.

    ``data`` is an :class:`Alignment` (one unit per bead, with props
    x-score, x-bead, x-document...; ``keep_unaligned`` keeps 1-0 and 0-1
    beads, ``min_score`` drops beads below it, ``document`` names the
    x-document), or units: :class:`TmxUnit` objects (as :func:`read_tmx`
    gives them) or (source text, target text) pairs, which need
    ``srclang`` and ``tgtlang``.  ``header`` sets other <header> attributes
    (adminlang, datatype, creationdate...)."""
    notes = _Notes()
    err = ta_error()
    if isinstance(data, Alignment):
        if header or srclang or tgtlang:
            raise TypeError("srclang, tgtlang and header are for units; an "
                            "alignment has its documents' languages")
        o = ta_tmx_align_opts()
        _lib.ta_tmx_align_opts_init(byref(o))
        o.keep_unaligned = bool(keep_unaligned)
        o.min_score = float(min_score)
        if document is not None:
            o.document = _enc(document, "document")
        o.write.doctype = bool(doctype)
        o.write.note = notes.note()
        stats = ta_tmx_align_stats()
        st = _lib.ta_tmx_write_alignment(_path(path), data.src._handle,
                                         data.tgt._handle, data._handle,
                                         byref(o), byref(stats), byref(err))
        _raise(st, err)
        return stats.units
    if keep_unaligned or min_score or document is not None:
        raise TypeError("keep_unaligned, min_score and document are for an "
                        "alignment")
    units = iter(data)
    first = next(units, None)
    if srclang is None:
        if isinstance(first, TmxUnit) and first.variants:
            srclang = first.srclang or first.variants[0][0]
        else:
            raise ValueError("write_tmx() needs srclang")
    h = ta_tmx_header()
    _lib.ta_tmx_header_init(byref(h))
    h.srclang = _lang(srclang)
    for k, v in (header or {}).items():
        if k not in _HEADER_FIELDS or k in ("srclang", "o_encoding"):
            raise ValueError(f"unknown header attribute {k!r}")
        setattr(h, k, _enc(v, k))
    wo = ta_tmx_write_opts()
    _lib.ta_tmx_write_opts_init(byref(wo))
    wo.doctype = bool(doctype)
    wo.note = notes.note()
    w = c_void_p()
    st = _lib.ta_tmx_writer_open(_path(path), byref(h), byref(wo), byref(w),
                                 byref(err))
    _raise(st, err)
    try:
        for n, u in enumerate(_chain(first, units), 1):
            _add_unit(w, u, srclang, tgtlang, n)
        st = _lib.ta_tmx_writer_close(w, byref(err))
        _raise(st, err)
        return _lib.ta_tmx_writer_count(w)
    finally:
        _lib.ta_tmx_writer_free(w)


def _chain(first: Optional[UnitLike],
           rest: Iterator[UnitLike]) -> Iterator[UnitLike]:
    if first is not None:
        yield first
    yield from rest


def _add_unit(w: c_void_p, u: UnitLike, srclang: str,
              tgtlang: Optional[str], n: int) -> None:
    if isinstance(u, TmxUnit):
        variants, props, tuid, usrc = u.variants, u.props, u.tuid, u.srclang
    elif isinstance(u, tuple) and len(u) == 2:
        if tgtlang is None:
            raise ValueError("write_tmx() needs tgtlang for (source, target) "
                             "pairs")
        variants = [(srclang, u[0]), (tgtlang, u[1])]
        props, tuid, usrc = [], str(n), None
    else:
        raise TypeError("a unit is a TmxUnit or a (source, target) pair, not "
                        f"{type(u).__name__}")
    vs = (ta_tmx_variant * max(len(variants), 1))(
        *[ta_tmx_variant(_enc(lg, "a language"), _enc(t, "a text"))
          for lg, t in variants])
    ps = (ta_tmx_prop * max(len(props), 1))(
        *[ta_tmx_prop(_enc(t, "a prop type"), _enc(v, "a prop value"))
          for t, v in props])
    cu = ta_tmx_unit(_enc(tuid, "tuid"), _enc(usrc, "srclang"), vs,
                     len(variants), ps, len(props))
    err = ta_error()
    _raise(_lib.ta_tmx_writer_add(w, byref(cu), byref(err)), err)
