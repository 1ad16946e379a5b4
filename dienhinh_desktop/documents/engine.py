"""The paper engine: Word papers from editable templates, in the state or party profile.

Public API (other paper modules call these)::

    from dienhinh_desktop.documents.engine import render_paper, template_path, TemplateProblem
    from dienhinh_desktop.documents.profiles import profile_context
    from dienhinh_desktop.documents.numbering import next_number, format_number
    from dienhinh_desktop.documents.xlsx_writer import write_xlsx_list, sections_from_groups
    from dienhinh_desktop.documents.profiles import xlsx_profile_parts  # header/signature of a list

``render_paper(template_name, context, out_path, session=None, doc_type=None, number=True,
*, profile=None, when=None, title=None, ref_type=None, ref_id=None) -> Path``
    Renders ``resources/templates/<template_name>`` (docxtpl: Jinja tags inside Word)
    to ``out_path``. Adds the profile values of :func:`profiles.profile_context`
    (``office``, ``header``, ``number_text``, ``place_date``, ``signature``,
    ``recipients`` …; ``context`` may override any of them, e.g. ``recipients``,
    ``doc_title``, ``doc_summary``) and the three profile blocks ``header_block``,
    ``title_block``, ``signature_block`` that the template places with
    ``{{p header_block }}`` etc. When ``doc_type`` is given and ``number`` is true, the
    next number of that type and year is taken from the register (``session`` needed;
    flushed, the caller commits); with ``number=False`` a blank is left for it.
    ``profile`` defaults to the office profile of ``session``.

Rules the engine enforces on every paper: user text is XML-escaped (a name with "<" or
"&" is safe), ``None`` prints as nothing, a ``date`` prints dd/mm/yyyy, ``"\\n"`` in a
value is a line break and ``"\\a"`` a new paragraph; every run, style and default is
Times New Roman with no theme fonts (:func:`docx_style.enforce_fonts`).

Templates: an officer may copy a template into ``<data folder>/templates/`` and edit it
in Word; that copy wins over the shipped one. A template with a broken tag, or a tag
naming a value the program does not have, raises :class:`TemplateProblem` (a
``UserError``) whose message names the template and the tag.
"""

from __future__ import annotations

import copy
import re
import threading
from collections import OrderedDict
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any

import jinja2
from docx import Document
from docx.oxml.ns import qn
from docxtpl import DocxTemplate
from lxml import etree
from markupsafe import Markup
from sqlalchemy.orm import Session

from ..errors import UserError
from ..models import OfficeProfile
from ..paths import data_dir, resource_dir
from ..text import fmt_date
from .docx_style import enforce_fonts
from .numbering import next_number
from .profiles import BLOCK_MARKER_PREFIX, BLOCK_MARKERS, profile_context, profile_template

__all__ = [
    "TemplateProblem",
    "check_template",
    "jinja_env",
    "make_env",
    "render_paper",
    "render_template",
    "safe_file_stem",
    "template_path",
]

# Characters XML 1.0 forbids (\a, \t, \n, \f kept: docxtpl turns them into paragraph,
# tab, line and page breaks).
_ILLEGAL_XML = re.compile("[\x00-\x06\x08\x0b\x0e-\x1f\ufffe\uffff]")


class TemplateProblem(UserError):
    def __init__(self, message: str) -> None:
        super().__init__(message, code="bad_template")


# --------------------------------------------------------------------------- templates
def user_template_dir() -> Path:
    return data_dir() / "templates"


def template_path(name: str) -> Path:
    """The officer's own copy in ``<data folder>/templates`` if there is one, else the
    shipped template in ``resources/templates``."""
    for base in (user_template_dir(), resource_dir() / "templates"):
        path = base / name
        if path.is_file():
            return path
    raise TemplateProblem(
        f"Không tìm thấy mẫu giấy tờ «{name}» (trong {user_template_dir()} hoặc {resource_dir() / 'templates'})."
    )


# --------------------------------------------------------------------------- jinja
class _LoudUndefined(jinja2.Undefined):
    """Testing or looping over a missing value is fine (empty); printing it is an error
    that names the tag, so a misspelt tag in an edited template does not vanish."""

    __slots__ = ()

    def __str__(self) -> str:
        self._fail_with_undefined_error()
        return ""  # pragma: no cover


def _finalize(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, Markup):
        return value
    if isinstance(value, str):
        return _ILLEGAL_XML.sub("", value)
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, (date, datetime)):
        return fmt_date(value)
    return value


def _paragraphs(value: Any) -> str:
    """Filter: every non-empty line of the value becomes its own Word paragraph, with the
    formatting of the paragraph that holds the tag (first-line indent, justification)."""
    text = _finalize(value)
    if not isinstance(text, str):
        text = str(text)
    lines = [" ".join(line.split()) for line in text.replace("\r\n", "\n").split("\n")]
    return "\a".join(line for line in lines if line)


class _CachingEnvironment(jinja2.Environment):
    """docxtpl compiles the whole document XML on every render; the same template gives
    the same source, so compiled templates are kept (a few, most recent)."""

    cache_size = 32

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._compiled: OrderedDict[str, jinja2.Template] = OrderedDict()
        self._lock = threading.Lock()

    def from_string(self, source: Any, globals: Any = None, template_class: Any = None) -> jinja2.Template:  # noqa: A002
        if not isinstance(source, str) or globals is not None or template_class is not None:
            return super().from_string(source, globals, template_class)
        key = f"{int(bool(self.autoescape))}:{source}"
        with self._lock:
            found = self._compiled.get(key)
            if found is not None:
                self._compiled.move_to_end(key)
                return found
        found = super().from_string(source)
        with self._lock:
            self._compiled[key] = found
            if len(self._compiled) > self.cache_size:
                self._compiled.popitem(last=False)
        return found


_ENV: jinja2.Environment | None = None


def make_env() -> jinja2.Environment:
    """The Jinja environment of every paper (shared; compiled templates are cached)."""
    global _ENV
    if _ENV is None:
        _ENV = _new_env()
    return _ENV


def _new_env() -> jinja2.Environment:
    env = _CachingEnvironment(autoescape=True, undefined=_LoudUndefined, finalize=_finalize)
    env.filters["paragraphs"] = _paragraphs
    env.filters["upper_vn"] = lambda v: ("" if v is None else str(v)).upper()
    env.filters["dmy"] = lambda v: (
        fmt_date(v) if isinstance(v, (date, datetime)) else ("" if v is None else v)
    )
    return env


jinja_env = make_env


# --------------------------------------------------------------------------- broken tags
_TAG_RE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
# docxtpl's paragraph/row/cell/run prefixes ("{{p x }}"); "{{ r }}" is a plain variable named r.
_PREFIX_RE = re.compile(r"^(\{\{|\{%)\s*(?:p|tr|tc|r)\s+(?![%}]\})", re.DOTALL)
_OPENERS = {"if", "for", "with", "macro", "call", "filter", "block"}
_MIDDLES = {"else", "elif"}
_DOCXTPL_TAGS = {"vm", "hm", "colspan", "cellbg"}


def _all_paragraph_texts(doc: Any) -> Iterable[str]:
    body = doc.element.body
    for p in body.iter(qn("w:p")):
        yield "".join(t.text or "" for t in p.iter(qn("w:t")))
    for section in doc.sections:
        for part in (section.header, section.footer):
            if not part.is_linked_to_previous:
                for p in part._element.iter(qn("w:p")):
                    yield "".join(t.text or "" for t in p.iter(qn("w:t")))


def _smart_quotes(text: str) -> str:
    return text.replace("“", '"').replace("”", '"').replace("‘", "'").replace("’", "'")


def find_bad_tags(path: Path) -> list[tuple[str, str]]:
    """Tags of a Word template that Jinja cannot read: ``[(tag, reason)]``, in order."""
    doc = Document(str(path))
    env = jinja2.Environment()
    problems: list[tuple[str, str]] = []
    stack: list[tuple[str, str]] = []  # (keyword, tag)
    for text in _all_paragraph_texts(doc):
        text = _smart_quotes(text)
        rest = _TAG_RE.sub("\0", text)
        for opener in ("{{", "{%", "{#"):
            idx = rest.find(opener)
            if idx >= 0:
                fragment = rest[idx:].split("\0")[0]
                problems.append((fragment[:80].strip(), "thẻ mở nhưng không có dấu đóng"))
        for closer in ("}}", "%}"):
            idx = rest.find(closer)
            if idx >= 0 and "{" not in rest[:idx].split("\0")[-1]:
                fragment = rest[: idx + 2].split("\0")[-1]
                problems.append((fragment[-80:].strip(), "dấu đóng thẻ không có thẻ mở"))
        for m in _TAG_RE.finditer(text):
            tag = m.group(0)
            inner = _PREFIX_RE.sub(lambda mm: mm.group(1) + " ", tag)
            try:
                if inner.startswith("{{"):
                    env.parse(inner)
                elif inner.startswith("{%"):
                    words = inner[2:-2].strip().split()
                    keyword = words[0] if words else ""
                    if keyword in _DOCXTPL_TAGS:
                        continue
                    if keyword in _OPENERS:
                        env.parse(inner + "{% end" + keyword + " %}")
                        stack.append((keyword, tag))
                    elif keyword.startswith("end"):
                        if not stack or stack[-1][0] != keyword[3:]:
                            problems.append((tag, "thẻ đóng không khớp với thẻ mở nào"))
                        else:
                            stack.pop()
                    elif keyword in _MIDDLES:
                        if keyword == "elif":
                            env.parse("{% if x %}" + inner + "{% endif %}")
                        if not stack or stack[-1][0] not in ("if", "for"):
                            problems.append((tag, f"«{keyword}» nằm ngoài khối if/for"))
                    else:
                        env.parse(inner)
            except jinja2.TemplateSyntaxError as exc:
                problems.append((tag, exc.message or "cú pháp sai"))
    for keyword, tag in stack:
        problems.append((tag, f"thiếu thẻ đóng {{% end{keyword} %}}"))
    return problems


def check_template(path: Path) -> None:
    """Raise :class:`TemplateProblem` naming the first broken tag of a template."""
    problems = find_bad_tags(path)
    if problems:
        tag, reason = problems[0]
        more = f" (và {len(problems) - 1} thẻ lỗi khác)" if len(problems) > 1 else ""
        raise TemplateProblem(
            f"Mẫu giấy tờ «{path.name}» có thẻ bị lỗi: «{tag}» — {reason}{more}. "
            "Hãy mở mẫu bằng Word, sửa thẻ này (dạng {{ tên }} hoặc {% if … %} … {% endif %}) rồi xuất lại."
        )


def _render_docxtpl(tpl: DocxTemplate, path: Path, context: Mapping[str, Any]) -> None:
    try:
        tpl.render(dict(context), jinja_env=make_env(), autoescape=True)
    except jinja2.UndefinedError as exc:
        message = str(exc.message or exc)
        m = re.search(r"'([^']+)' is undefined", message)
        m2 = re.search(r"has no attribute '([^']+)'", message)
        name = m.group(1) if m else (m2.group(1) if m2 else message)
        known = ", ".join(sorted(k for k in context if not k.startswith("_")))
        raise TemplateProblem(
            f"Mẫu giấy tờ «{path.name}» dùng thẻ «{name}» mà chương trình không có dữ liệu nào tên như vậy. "
            f"Các tên dùng được: {known}."
        ) from None
    except jinja2.TemplateSyntaxError as exc:
        check_template(path)  # names the tag when it can
        raise TemplateProblem(f"Mẫu giấy tờ «{path.name}» có thẻ bị lỗi: {exc.message}.") from None
    except jinja2.TemplateError as exc:
        raise TemplateProblem(f"Mẫu giấy tờ «{path.name}» không dùng được: {exc}.") from None


# --------------------------------------------------------------------------- blocks
def _section_text_width(doc: Any, anchor_text: str) -> int:
    """Text width (twips) of the section that holds the paragraph containing anchor_text."""
    body = doc.element.body
    found = False
    for child in body.iterchildren():
        if not found and anchor_text in "".join(t.text or "" for t in child.iter(qn("w:t"))):
            found = True
        if found and child.tag == qn("w:p"):
            sect = child.find(f"{qn('w:pPr')}/{qn('w:sectPr')}")
            if sect is not None:
                return _sect_width(sect)
    sect = body.find(qn("w:sectPr"))
    return _sect_width(sect) if sect is not None else 9355


def _sect_width(sect: Any) -> int:
    pg_sz = sect.find(qn("w:pgSz"))
    pg_mar = sect.find(qn("w:pgMar"))
    width = int(pg_sz.get(qn("w:w"))) if pg_sz is not None else 11906
    left = int(pg_mar.get(qn("w:left"))) if pg_mar is not None else 1701
    right = int(pg_mar.get(qn("w:right"))) if pg_mar is not None else 850
    return width - left - right


def _fit_table(tbl: Any, target: int) -> None:
    """Stretch a block table to ``target`` twips. Centred lines drawn as bordered,
    indented empty paragraphs keep their length: their indents take half the growth."""
    grid = tbl.find(qn("w:tblGrid"))
    if grid is None:
        return
    cols = grid.findall(qn("w:gridCol"))
    old = [int(c.get(qn("w:w")) or 0) for c in cols]
    total = sum(old)
    if total <= 0 or abs(total - target) < 30:
        return
    new = [round(w * target / total) for w in old]
    new[-1] += target - sum(new)
    for col, w in zip(cols, new, strict=True):
        col.set(qn("w:w"), str(w))
    tbl_pr = tbl.find(qn("w:tblPr"))
    if tbl_pr is not None:
        tbl_w = tbl_pr.find(qn("w:tblW"))
        if tbl_w is not None:
            tbl_w.set(qn("w:type"), "dxa")
            tbl_w.set(qn("w:w"), str(target))
    for tr in tbl.findall(qn("w:tr")):
        idx = 0
        for tc in tr.findall(qn("w:tc")):
            span_el = tc.find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}")
            span = int(span_el.get(qn("w:val"))) if span_el is not None else 1
            old_w, new_w = sum(old[idx : idx + span]), sum(new[idx : idx + span])
            idx += span
            tc_w = tc.find(f"{qn('w:tcPr')}/{qn('w:tcW')}")
            if tc_w is not None:
                tc_w.set(qn("w:type"), "dxa")
                tc_w.set(qn("w:w"), str(new_w))
            half = (new_w - old_w) // 2
            for ind in tc.iter(qn("w:ind")):
                left, right = ind.get(qn("w:left")), ind.get(qn("w:right"))
                if left and right and int(left) > 0 and int(right) > 0:
                    ind.set(qn("w:left"), str(max(int(left) + half, 0)))
                    ind.set(qn("w:right"), str(max(int(right) + half, 0)))


def _shift_line(p: Any, delta: int) -> None:
    """A line drawn as a bordered paragraph narrowed by both indents keeps its length
    (and stays centred) when the page is wider: both indents take half the growth."""
    if not delta:
        return
    ind = p.find(f"{qn('w:pPr')}/{qn('w:ind')}")
    border = p.find(f"{qn('w:pPr')}/{qn('w:pBdr')}")
    if ind is None or border is None:
        return
    left, right = ind.get(qn("w:left")), ind.get(qn("w:right"))
    if left and right and int(left) > 0 and int(right) > 0:
        ind.set(qn("w:left"), str(max(int(left) + delta, 0)))
        ind.set(qn("w:right"), str(max(int(right) + delta, 0)))


def render_profile_blocks(
    profile: OfficeProfile | None, context: Mapping[str, Any], widths: Mapping[str, int]
) -> dict[str, Markup]:
    """Render the profile template with ``context`` and cut it into its blocks
    (``header_block``, ``title_block``, ``signature_block``) as Word XML ready to drop
    into a paper with ``{{p header_block }}``. Tables are stretched to ``widths``."""
    path = template_path(profile_template(profile))
    tpl = DocxTemplate(str(path))
    _render_docxtpl(tpl, path, context)
    blocks: dict[str, list[str]] = {}
    current: str | None = None
    source_width = _sect_width(tpl.docx.element.body.find(qn("w:sectPr")))
    for child in tpl.docx.element.body.iterchildren():
        if child.tag == qn("w:sectPr"):
            continue
        if child.tag == qn("w:p"):
            text = "".join(t.text or "" for t in child.iter(qn("w:t"))).strip()
            if text.startswith(BLOCK_MARKER_PREFIX):
                label = " ".join(text[len(BLOCK_MARKER_PREFIX) :].split()).lower()
                current = BLOCK_MARKERS.get(label)
                if current is None:
                    raise TemplateProblem(
                        f"Mẫu «{path.name}» có khối «{text}» không rõ; các khối dùng được: "
                        + ", ".join(f"{BLOCK_MARKER_PREFIX} {k}" for k in BLOCK_MARKERS)
                        + "."
                    )
                blocks.setdefault(current, [])
                continue
        if current is None:
            continue
        element = copy.deepcopy(child)
        if element.tag == qn("w:tbl") and current in widths:
            _fit_table(element, widths[current])
        elif element.tag == qn("w:p") and current in widths:
            _shift_line(element, (widths[current] - source_width) // 2)
        blocks[current].append(etree.tostring(element, encoding="unicode"))
    result = {key: Markup("".join(blocks.get(key, []))) for key in BLOCK_MARKERS.values()}
    # An empty block must still be a paragraph where {{p …}} stood.
    for key, xml in result.items():
        if not xml:
            result[key] = Markup(
                '<w:p xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>'
            )
    return result


# --------------------------------------------------------------------------- render
def render_template(
    template_name: str,
    context: Mapping[str, Any],
    out_path: Path | str,
    *,
    profile: OfficeProfile | None = None,
) -> Path:
    """Render a template with ``context`` as is (profile blocks added when the template
    uses them and ``profile`` is given); fonts enforced; returns the path written."""
    out_path = Path(out_path)
    path = template_path(template_name)
    tpl = DocxTemplate(str(path))
    full = dict(context)
    wanted = [key for key in BLOCK_MARKERS.values() if key not in full]
    if wanted and profile is not None:
        widths = {key: _section_text_width(tpl.get_docx(), key) for key in wanted}
        full.update({k: v for k, v in render_profile_blocks(profile, full, widths).items() if k in wanted})
    _render_docxtpl(tpl, path, full)
    enforce_fonts(tpl.docx)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    tpl.save(str(out_path))
    return out_path


def render_paper(
    template_name: str,
    context: Mapping[str, Any],
    out_path: Path | str,
    session: Session | None = None,
    doc_type: str | None = None,
    number: bool = True,
    *,
    profile: OfficeProfile | None = None,
    when: date | datetime | None = None,
    title: str | None = None,
    ref_type: str | None = None,
    ref_id: str | None = None,
) -> Path:
    """Render a paper in the office's profile (see the module docstring)."""
    if profile is None:
        if session is None:
            raise ValueError("render_paper needs a session or a profile")
        from ..services.office import require_profile

        profile = require_profile(session)
    when = when or date.today()
    out_path = Path(out_path)
    record = None
    if doc_type and number:
        if session is None:
            raise ValueError("numbering needs a session")
        record = next_number(
            session,
            doc_type,
            when.year,
            title=title or str(context.get("doc_summary") or "") or None,
            ref_type=ref_type,
            ref_id=ref_id,
            issued_on=when if isinstance(when, date) else when.date(),
            profile=profile,
            file_name=out_path.name,
        )
    full = profile_context(profile, doc_type, record, when)
    for key, value in context.items():
        if isinstance(value, dict) and isinstance(full.get(key), dict):
            full[key] = {**full[key], **value}
        else:
            full[key] = value
    return render_template(template_name, full, out_path, profile=profile)


# --------------------------------------------------------------------------- names
def safe_file_stem(name: str, ident: str | None = None, *, max_len: int = 60) -> str:
    """A file name stem any Windows PC accepts: Vietnamese folded to ASCII, words joined
    with '-', a short id appended ("nguyen-van-an-1a2b3c4d")."""
    from ..text import fold

    stem = re.sub(r"[^a-z0-9]+", "-", fold(name or "")).strip("-")[:max_len].strip("-") or "giay-to"
    if ident:
        # The end of the id: time-ordered ids (the demo's UUIDv7) share their first characters.
        stem = f"{stem}-{re.sub(r'[^a-zA-Z0-9]', '', ident)[-8:]}"
    return stem
