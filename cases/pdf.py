"""DOCX → PDF by LibreOffice, each GB/T 9704 role in a face of its own.

The PDF copy of a 文书 or a report is LibreOffice's rendering of the very DOCX that is stored,
so it shows what a word processor shows. LibreOffice replaced Fazhi's own fpdf2 layout engine
after a side-by-side measurement (benchmarks/pdf_renderers.py, docs/operators/pdf.md): closer
to the DOCX, faster per document once warm, less memory in the application.

Two ways to reach it, tried in order:

1. A warm LibreOffice kept by unoserver at FAZHI_UNOSERVER (host:port, default
   127.0.0.1:2003; empty to never try): the DOCX goes over unoserver's XML-RPC `convert` call
   and the PDF comes back. Production runs it as a service (docs/operators/pdf.md). Only the
   standard library is used on Fazhi's side.
2. When nothing answers there, a one-shot `soffice --headless --convert-to pdf`
   (FAZHI_SOFFICE, else `soffice` or `libreoffice` on PATH) in a throwaway profile: a few
   seconds per document, fine for the demo, tests and a small office.

Neither available, no Chinese font, or a conversion that fails or outlasts FAZHI_PDF_TIMEOUT:
`PdfUnavailable`, whose message says in Chinese what to install; the caller keeps the DOCX.

Fonts: the DOCX names the official faces (方正小标宋简体, 仿宋_GB2312, 黑体, 楷体_GB2312,
宋体). LibreOffice uses them when installed; otherwise `data/fonts.conf` (given to LibreOffice
as FONTCONFIG_FILE) maps each role to a free Debian face, so that title, body, 黑体 and 楷体
headings stay distinct.
"""

from __future__ import annotations

import http.client
import io
import logging
import os
import shutil
import signal
import subprocess
import tempfile
import xmlrpc.client
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from core.errors import FazhiError

logger = logging.getLogger(__name__)

#: The fontconfig file LibreOffice must read (one-shot runs here; the unoserver service too).
FONTS_CONF = Path(__file__).resolve().parent / "data" / "fonts.conf"


class PdfUnavailable(FazhiError):
    """The PDF cannot be made on this server now (no LibreOffice, no Chinese font, or the
    conversion failed); the DOCX is unaffected."""

    status = 503
    code = "pdf_unavailable"


def docx_to_pdf(data: bytes, *, title: str = "") -> bytes:
    """The PDF of the DOCX `data`, by the warm unoserver if one answers, else by a one-shot
    LibreOffice; `title` goes into the document's properties (the PDF's title)."""
    data = _for_libreoffice(data, title)
    address = str(getattr(settings, "FAZHI_UNOSERVER", "") or "").strip()
    if address:
        try:
            return _by_unoserver(data, address)
        except OSError as exc:  # nothing listens (the usual case without the service)
            logger.debug("no unoserver at %s (%s): one-shot LibreOffice", address, exc)
        except (xmlrpc.client.Error, http.client.HTTPException, ValueError) as exc:
            logger.warning("unoserver at %s failed (%s): one-shot LibreOffice", address, exc)
    return _by_soffice(data, address)


#: What may follow w:overflowPunct in a w:pPr (ECMA-376 §17.3.1.26), to insert it in order.
_AFTER_OVERFLOW_PUNCT = (
    "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid",
    "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc",
    "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle",
    "rPr", "sectPr", "pPrChange",
)  # fmt: skip


def _for_libreoffice(data: bytes, title: str) -> bytes:
    """The copy of the DOCX that LibreOffice converts (the stored DOCX is not touched).

    - `title` in its properties, for the PDF's title.
    - w:overflowPunct stated in the document defaults. LibreOffice 7.4 (Debian 12) hangs a
      comma or 顿号 that ends a full justified line past the right margin when the DOCX leaves
      this unsaid, and then drops it from the output: the 人民调解申请书's "性质、原则" lost its
      、 (benchmarks/pdf_renderers.py). Said explicitly, LibreOffice carries the character
      before it to the next line instead: one line breaks a character earlier than in Word,
      which hangs the mark, but nothing is lost.
    """
    from docx import Document
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = Document(io.BytesIO(data))
    if title:
        document.core_properties.title = title
    styles = document.styles.element

    def child(parent, tag: str, first: bool = False):
        found = parent.find(qn(tag))
        if found is None:
            found = OxmlElement(tag)
            parent.insert(0 if first else len(parent), found)
        return found

    defaults = child(styles, "w:docDefaults", first=True)
    ppr = child(child(defaults, "w:pPrDefault"), "w:pPr")
    if ppr.find(qn("w:overflowPunct")) is None:
        overflow = OxmlElement("w:overflowPunct")
        overflow.set(qn("w:val"), "1")
        later = [e for e in ppr if e.tag in {qn(f"w:{t}") for t in _AFTER_OVERFLOW_PUNCT}]
        if later:
            later[0].addprevious(overflow)
        else:
            ppr.append(overflow)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _timeout() -> int:
    return int(getattr(settings, "FAZHI_PDF_TIMEOUT", 120) or 120)


class _Transport(xmlrpc.client.Transport):
    def __init__(self, timeout: float):
        super().__init__()
        self._timeout = timeout

    def make_connection(self, host):
        connection = super().make_connection(host)
        connection.timeout = self._timeout
        return connection


def _by_unoserver(data: bytes, address: str) -> bytes:
    proxy = xmlrpc.client.ServerProxy(
        f"http://{address}", transport=_Transport(_timeout()), allow_none=True
    )
    # convert(inpath, indata, outpath, convert_to, filtername, filter_options, update_index,
    # infiltername): the same in unoserver 2 and 3.
    result = proxy.convert(None, xmlrpc.client.Binary(data), None, "pdf", None, [], True, None)
    pdf = result.data if isinstance(result, xmlrpc.client.Binary) else b""
    if not pdf.startswith(b"%PDF"):
        raise ValueError("the answer is not a PDF")
    return pdf


def soffice_path() -> str | None:
    configured = str(getattr(settings, "FAZHI_SOFFICE", "") or "").strip()
    if configured:
        return configured if os.access(configured, os.X_OK) else None
    return shutil.which("soffice") or shutil.which("libreoffice")


def lo_environment(home: str) -> dict[str, str]:
    """The environment of a LibreOffice process: its own HOME and the role fonts."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env.update(HOME=home, FONTCONFIG_FILE=str(FONTS_CONF))
    return env


def _by_soffice(data: bytes, address: str) -> bytes:
    soffice = soffice_path()
    if soffice is None:
        logger.error("no LibreOffice (soffice) and no unoserver at %r: no PDF", address)
        raise PdfUnavailable(no_converter_message(address))
    if not chinese_font_installed():
        logger.error("no font with Chinese characters known to fontconfig: no PDF")
        raise PdfUnavailable(font_missing_message())
    with tempfile.TemporaryDirectory(prefix="fazhi-pdf-") as tmp:
        source = Path(tmp) / "document.docx"
        source.write_bytes(data)
        command = [
            soffice,
            f"-env:UserInstallation={(Path(tmp) / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            "pdf:writer_pdf_Export",
            "--outdir",
            tmp,
            str(source),
        ]
        # Its own session, so that a timeout ends soffice.bin too, not only the wrapper.
        process = subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            env=lo_environment(tmp),
            cwd=tmp,
            start_new_session=True,
        )
        try:
            output, _unused = process.communicate(timeout=_timeout())
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            logger.error("LibreOffice took longer than %ss to convert a document", _timeout())
            raise PdfUnavailable(conversion_failed_message()) from None
        target = Path(tmp) / "document.pdf"
        if process.returncode != 0 or not target.is_file():
            logger.error(
                "LibreOffice could not convert a document (exit %s): %s",
                process.returncode,
                output.decode(errors="replace")[-2000:],
            )
            raise PdfUnavailable(conversion_failed_message())
        return target.read_bytes()


def chinese_font_installed() -> bool:
    """Whether fontconfig (as LibreOffice will see it) knows a font with Chinese characters.
    Only a positive answer is remembered: installing fonts needs no restart."""
    if _chinese_font_found(str(FONTS_CONF)):
        return True
    _chinese_font_found.cache_clear()
    return False


@lru_cache(maxsize=4)
def _chinese_font_found(fonts_conf: str) -> bool:
    fc_list = shutil.which("fc-list")
    if fc_list is None:  # cannot tell; LibreOffice will fall back as best it can
        return True
    try:
        result = subprocess.run(
            [fc_list, ":lang=zh-cn", "family"],
            capture_output=True,
            timeout=30,
            env={**os.environ, "FONTCONFIG_FILE": fonts_conf},
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return True
    return bool(result.stdout.strip())


def no_converter_message(address: str = "") -> str:
    return _(
        "The PDF cannot be made: LibreOffice is not installed on the server "
        "(apt-get install libreoffice-writer-nogui) and no unoserver answers at %(address)s. "
        "The DOCX can still be downloaded."
    ) % {"address": address or "—"}


def font_missing_message() -> str:
    return _(
        "The PDF cannot be made: no font with Chinese characters was found on the server. "
        "Install the fonts-noto-cjk package (apt-get install fonts-noto-cjk). "
        "The DOCX can still be downloaded."
    )


def conversion_failed_message() -> str:
    return _(
        "The PDF could not be made: LibreOffice did not convert the document in time or "
        "reported an error (see the server log). The DOCX can still be downloaded."
    )
