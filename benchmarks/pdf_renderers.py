"""DOCX → PDF side by side: Fazhi's former hand-written renderer against LibreOffice.

Issue 10 asked to compare the 800-line fpdf2 renderer that lived in cases/documents.py with
LibreOffice headless (Debian's libreoffice-writer-nogui, kept warm by unoserver) on the seven
人民调解文书 and the annual report: fidelity to the DOCX, time per document, memory, install
size. The numbers and the decision are in docs/operators/pdf.md. LibreOffice won and the
renderer was deleted; this script loads it from the last commit that had it (HAND_RENDERER_REV)
so the comparison can be run again.

Usage (a Debian machine with the packages of docs/operators/pdf.md, fpdf2 in the venv for the
old renderer, and unoserver installed as described there):

    .venv/bin/python benchmarks/pdf_renderers.py [--runs 3] [--dpi 100] [--keep DIR]
        [--unoserver /opt/unoserver/bin/unoserver]

What it does:
1. Builds the demo world (`fazhi demo`, seed 2026, small) in a throwaway SQLite database and
   fills the seven 文书 (the follow-up visit recorded for a demo dispute that has none) and the
   city's annual report as DOCX.
2. Renders each DOCX three ways: the old renderer in-process (in a child process, so that its
   memory is its own), LibreOffice warm through unoserver (XML-RPC, as cases/pdf.py does), and
   one-shot `soffice --headless --convert-to pdf` (cases/pdf.py's fallback). Both renderers
   get the same face for each role (cases/data/fonts.conf), so that what differs is layout.
3. Fidelity. There is no Word or WPS on a Debian server, so the reference for "what the DOCX
   shows" is LibreOffice's one-shot PDF rasterised by pdftoppm: LibreOffice is the only
   independent DOCX layout engine Debian ships, it reads the DOCX's styles, theme fonts,
   footers and CJK spacing as a word processor does, and its PDF covers every page (its PNG
   export of a DOCX covers page 1 only). The flip side: LibreOffice compared with itself is
   the same by construction, so the warm row is only a check that unoserver changes nothing;
   the hand-written renderer's distance from the reference is the figure that matters, and
   text fidelity (the DOCX's characters found in order in the PDF's text) is measured for both
   without any reference. Pixels: pages rasterised in grey at --dpi, binarised at 50 %;
   "diff" is the share of all pixels that differ, "ink" the share of ink pixels that have ink
   of the other image within one pixel (same strokes) or within one millimetre (same places,
   slightly shifted).
4. Time per document: the median over --runs of wall time (and CPU time of every process that
   worked on it); the first, cold call is reported apart. Memory: peak resident size of the
   processes that render. Install size: Debian's Installed-Size of the packages each way
   needs beyond python3 and fontconfig, and the size of the Python packages in the venv.
"""

from __future__ import annotations

import argparse
import contextlib
import difflib
import importlib.util
import json
import os
import re
import resource
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: The last commit whose cases/documents.py holds the hand-written renderer.
HAND_RENDERER_REV = "5829073c32a3ab41219a2b586ba63e13bfe7e617"
KINDS = (
    "application",
    "registration",
    "record",
    "agreement",
    "oral_agreement",
    "follow_up",
    "confirmation",
)


# ------------------------------------------------------------------------------------------
# Django and the documents
# ------------------------------------------------------------------------------------------


def setup_django(data_dir: Path) -> None:
    os.environ["FAZHI_DATA_DIR"] = str(data_dir)
    os.environ["FAZHI_DEBUG"] = "1"
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def build_documents() -> dict[str, bytes]:
    """The seven 文书 and the city's annual report, as DOCX, from the demo world."""
    import datetime

    from django.core.management import call_command
    from django.db import transaction

    from cases import engine
    from cases.documents import registry, render_docx
    from core import demo
    from core.models import User
    from mediation.models import Dispute
    from reports import render
    from reports.models import Report

    call_command("migrate", interactive=False, verbosity=0)
    with transaction.atomic():
        demo.build(seed=2026, scale="small")
    out: dict[str, bytes] = {}
    disputes = list(Dispute.objects.order_by("-id"))
    for kind in registry.kinds("mediation.dispute"):
        case = next((d for d in disputes if kind.is_available(d)), None)
        if case is None and kind.key == "follow_up":  # the demo records no visit
            actor = User.objects.get(username="haizhu_mediator")
            mine = {m.organization_id for m in actor.active_memberships()}
            case = next(
                d
                for d in disputes
                if d.agreement_form == "written"
                and d.agreement_effective_on
                and d.organization_id in mine
            )
            case = engine.fire(
                case,
                "follow_up",
                actor=actor,
                version=case.version,
                data={
                    "visited_on": case.agreement_effective_on + datetime.timedelta(days=7),
                    "performance": "full",
                    "satisfied": True,
                    "notes": "被申请人已按协议付清款项，双方对调解结果表示满意。",
                },
            )
        if case is None:
            raise SystemExit(f"no demo dispute for {kind.key}")
        out[kind.key] = render_docx(kind, case)
    report = Report.objects.filter(region__code=demo.CITY_CODE).order_by("-year").first()
    out["report"] = render.to_docx(report)
    return out


def docx_text(data: bytes) -> str:
    import io

    import docx
    from docx.oxml.ns import qn

    body = docx.Document(io.BytesIO(data)).element.body
    return re.sub(r"\s+", "", "".join(t.text or "" for t in body.iter(qn("w:t"))))


# ------------------------------------------------------------------------------------------
# The hand-written renderer (from git), with the role faces LibreOffice gets
# ------------------------------------------------------------------------------------------


def load_hand_renderer(tmp: Path):
    source = subprocess.run(
        ["git", "-C", str(ROOT), "show", f"{HAND_RENDERER_REV}:cases/documents.py"],
        capture_output=True,
        check=True,
    ).stdout
    path = tmp / "hand_renderer.py"
    path.write_bytes(source)
    spec = importlib.util.spec_from_file_location("fazhi_hand_renderer", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    from cases.pdf import FONTS_CONF

    def face(pattern: str):
        result = subprocess.run(
            ["fc-match", "-f", "%{file}|%{index}", pattern],
            capture_output=True,
            text=True,
            env={**os.environ, "FONTCONFIG_FILE": str(FONTS_CONF)},
            check=True,
        )
        file, _sep, index = result.stdout.partition("|")
        return module.FontFace(file, int(index or 0))

    # The faces fontconfig gives LibreOffice for each role (cases/data/fonts.conf).
    faces = {
        "serif": face("仿宋_GB2312"),
        "serif_bold": face("方正小标宋简体"),
        "sans": face("黑体"),
        "sans_bold": face("黑体:bold"),
        "kai": face("楷体_GB2312"),
    }

    def face_name(font_name, bold):
        name = font_name or ""
        if "标宋" in name:
            return "serif_bold"
        if "黑" in name:
            return "sans_bold" if bold else "sans"
        if "楷" in name:
            return "kai"
        return "serif_bold" if bold else "serif"

    module.find_fonts = lambda: dict(faces)
    module._face_name = face_name
    return module


def child_hand(docx_dir: Path, pdf_dir: Path, runs: int) -> None:
    """Run in a child process: render every DOCX with the old renderer; print JSON."""
    setup_django(Path(os.environ["FAZHI_DATA_DIR"]))
    module = load_hand_renderer(Path(tempfile.mkdtemp(prefix="fazhi-hand-")))
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    result = {"wall": {}, "cpu": {}, "cold": None, "rss_before_kb": before}
    for path in sorted(docx_dir.glob("*.docx")):
        data = path.read_bytes()
        walls, cpus = [], []
        for _run in range(runs):
            wall, cpu = time.perf_counter(), time.process_time()
            pdf = module.docx_to_pdf(data, title=path.stem)
            walls.append(time.perf_counter() - wall)
            cpus.append(time.process_time() - cpu)
            if result["cold"] is None:
                result["cold"] = walls[0]
        (pdf_dir / f"{path.stem}.pdf").write_bytes(pdf)
        result["wall"][path.stem] = walls
        result["cpu"][path.stem] = cpus
    result["rss_peak_kb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps(result))


# ------------------------------------------------------------------------------------------
# LibreOffice, warm and one-shot
# ------------------------------------------------------------------------------------------


def free_port() -> int:
    with contextlib.closing(socket.socket()) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def tree(pid: int) -> list[int]:
    """`pid` and all its descendants (unoserver → soffice → oosplash → soffice.bin)."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, IndexError, ValueError):
            fields = stat.read_text().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo.extend(children.get(current, []))
    return found


def tree_cpu(pid: int) -> float:
    """CPU seconds (user + system) used so far by `pid` and its descendants."""
    total = 0
    for member in tree(pid):
        with contextlib.suppress(OSError):
            fields = Path(f"/proc/{member}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def tree_memory(pid: int, key: str) -> int:
    """Sum over `pid` and its descendants of /proc status `key` (VmHWM: peak, VmRSS: now), kB."""
    total = 0
    for member in tree(pid):
        with contextlib.suppress(OSError):
            for line in Path(f"/proc/{member}/status").read_text().splitlines():
                name, _sep, rest = line.partition(":")
                if name == key:
                    total += int(rest.split()[0])
    return total


def run_warm(unoserver: str, docs: dict[str, bytes], pdf_dir: Path, runs: int, tmp: Path):
    from cases import pdf

    port, uno_port = free_port(), free_port()
    env = pdf.lo_environment(str(tmp))
    started = time.perf_counter()
    server = subprocess.Popen(
        [
            unoserver,
            "--interface",
            "127.0.0.1",
            "--port",
            str(port),
            "--uno-port",
            str(uno_port),
            "--user-installation",
            str(tmp / "uno-profile"),
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    address = f"127.0.0.1:{port}"
    try:
        import xmlrpc.client

        while True:
            try:
                xmlrpc.client.ServerProxy(f"http://{address}").info()
                break
            except OSError:
                if time.perf_counter() - started > 120 or server.poll() is not None:
                    raise SystemExit("unoserver did not start") from None
                time.sleep(0.2)
        startup = time.perf_counter() - started
        result = {"wall": {}, "cpu": {}, "startup": startup, "cold": None}
        for name, data in docs.items():
            walls, cpus = [], []
            for _run in range(runs):
                cpu = tree_cpu(server.pid)
                wall = time.perf_counter()
                out = pdf._by_unoserver(pdf._for_libreoffice(data, name), address)
                walls.append(time.perf_counter() - wall)
                cpus.append(tree_cpu(server.pid) - cpu)
                if result["cold"] is None:
                    result["cold"] = walls[0]
            (pdf_dir / f"{name}.pdf").write_bytes(out)
            result["wall"][name], result["cpu"][name] = walls, cpus
        result["rss_peak_kb"] = tree_memory(server.pid, "VmHWM")
        return result
    finally:
        # unoserver's oosplash can hang once soffice.bin has gone: TERM, then KILL the group.
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def child_oneshot(docx_dir: Path, pdf_dir: Path, runs: int) -> None:
    """Run in a child process: one-shot LibreOffice for every DOCX; print JSON. Its own
    process, so that the peak memory of its children is LibreOffice's alone."""
    setup_django(Path(os.environ["FAZHI_DATA_DIR"]))
    from cases import pdf

    docs = {path.stem: path.read_bytes() for path in sorted(docx_dir.glob("*.docx"))}
    result = {"wall": {}, "cpu": {}, "cold": None}
    for name, data in docs.items():
        walls, cpus = [], []
        for _run in range(runs):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            wall = time.perf_counter()
            out = pdf._by_soffice(pdf._for_libreoffice(data, name), "")
            walls.append(time.perf_counter() - wall)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpus.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
            if result["cold"] is None:
                result["cold"] = walls[0]
        (pdf_dir / f"{name}.pdf").write_bytes(out)
        result["wall"][name], result["cpu"][name] = walls, cpus
    result["rss_peak_kb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(json.dumps(result))


def run_child(mode: str, docx_dir: Path, pdf_dir: Path, runs: int) -> dict:
    child = subprocess.run(
        [sys.executable, __file__, f"--child-{mode}", str(docx_dir), str(pdf_dir), str(runs)],
        capture_output=True,
        text=True,
        env=os.environ.copy(),
    )
    if child.returncode != 0:
        print(child.stderr[-3000:], file=sys.stderr)
        raise SystemExit(f"the {mode} run failed (hand: is fpdf2 installed?)")
    return json.loads(child.stdout.strip().splitlines()[-1])


# ------------------------------------------------------------------------------------------
# Comparing
# ------------------------------------------------------------------------------------------


def rasterise(pdf: Path, dpi: int) -> list[Path]:
    prefix = pdf.with_suffix("")
    subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", str(pdf), str(prefix)], check=True)
    return sorted(pdf.parent.glob(f"{prefix.name}-*.png"))


def ink_of(path: Path):
    from PIL import Image

    return Image.open(path).convert("L").point(lambda v: 255 if v < 128 else 0).convert("1")


def count(image) -> int:
    return image.convert("L").histogram()[255]


def compare_pages(reference: list[Path], candidate: list[Path], dpi: int) -> dict[str, float]:
    """Over the pages: "diff", the share of pixels that differ; "ink1px" and "ink1mm", the
    share of ink pixels with ink of the other image within one pixel, within one millimetre.
    A page only one of them has counts as all different."""
    from PIL import ImageChops, ImageFilter

    radii = {"ink1px": 1, "ink1mm": max(1, round(dpi / 25.4))}
    differing = total = ink = 0
    matched = dict.fromkeys(radii, 0)

    def grow(image, radius):
        return image.convert("L").filter(ImageFilter.MaxFilter(2 * radius + 1)).convert("1")

    for index in range(max(len(reference), len(candidate))):
        a = ink_of(reference[index]) if index < len(reference) else None
        b = ink_of(candidate[index]) if index < len(candidate) else None
        if a is None or b is None:
            page = a or b
            total += page.width * page.height
            differing += count(page)
            ink += count(page)
            continue
        if a.size != b.size:
            size = (min(a.width, b.width), min(a.height, b.height))
            a, b = a.crop((0, 0, *size)), b.crop((0, 0, *size))
        total += a.width * a.height
        differing += count(ImageChops.logical_xor(a, b))
        ink += count(a) + count(b)
        for key, radius in radii.items():
            matched[key] += count(ImageChops.logical_and(a, grow(b, radius)))
            matched[key] += count(ImageChops.logical_and(b, grow(a, radius)))
    result = {key: value / max(ink, 1) for key, value in matched.items()}
    result["diff"] = differing / max(total, 1)
    return result


def pdf_text(pdf: Path) -> str:
    out = subprocess.run(
        ["pdftotext", "-raw", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True
    ).stdout.decode()
    return re.sub(r"\s+", "", out)


def text_fidelity(docx: str, pdf: Path) -> float:
    """How much of the DOCX's text the PDF's text holds, in order (1.0: all of it)."""
    matcher = difflib.SequenceMatcher(None, docx, pdf_text(pdf), autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks()) / max(len(docx), 1)


def faces(pdf: Path) -> list[str]:
    lines = subprocess.run(
        ["pdffonts", str(pdf)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    return sorted({line.split()[0].split("+", 1)[-1] for line in lines if line.strip()})


def pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", info).group(1))


# ------------------------------------------------------------------------------------------
# Install size
# ------------------------------------------------------------------------------------------


def dpkg_packages() -> dict[str, dict]:
    out = subprocess.run(
        [
            "dpkg-query",
            "-W",
            "-f=${Package}\t${Status}\t${Installed-Size}\t${Depends}\t${Pre-Depends}\t"
            "${Provides}\n",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    packages, provides = {}, {}
    for line in out.splitlines():
        name, status, size, depends, pre, provided = (line.split("\t") + [""] * 6)[:6]
        if not status.endswith(" installed"):
            continue
        packages[name] = {"size": int(size or 0), "depends": f"{depends}, {pre}"}
        for item in provided.split(","):
            if item.strip():
                provides.setdefault(item.split()[0].strip(), name)
    for package in packages.values():
        deps = []
        for group in package["depends"].split(","):
            for alternative in group.split("|"):
                dep = alternative.split("(")[0].split(":")[0].strip()
                dep = dep if dep in packages else provides.get(dep)
                if dep:
                    deps.append(dep)
                    break
        package["deps"] = deps
    return packages


def closure(packages: dict, roots) -> set[str]:
    seen, todo = set(), [r for r in roots if r in packages]
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.add(name)
            todo.extend(packages[name]["deps"])
    return seen


def debian_mb(packages: dict, roots, base=("python3", "fontconfig")) -> float | None:
    if not all(r in packages for r in roots):
        return None
    extra = closure(packages, roots) - closure(packages, base)
    return sum(packages[p]["size"] for p in extra) / 1024


def pip_mb(*dists: str) -> float | None:
    from importlib import metadata

    total = 0
    for name in dists:
        try:
            files = metadata.distribution(name).files or []
        except metadata.PackageNotFoundError:
            return None
        for file in files:
            path = Path(file.locate())
            if path.is_file():
                total += path.stat().st_size
    return total / 1024 / 1024


def venv_pip_mb(python: str, *dists: str) -> float | None:
    code = (
        "import sys; from pathlib import Path; from importlib import metadata as m\n"
        "t=0\n"
        "for d in sys.argv[1:]:\n"
        "    for f in m.distribution(d).files or []:\n"
        "        p=Path(f.locate()); t+=p.stat().st_size if p.is_file() else 0\n"
        "print(t)"
    )
    result = subprocess.run([python, "-c", code, *dists], capture_output=True, text=True)
    return int(result.stdout) / 1024 / 1024 if result.returncode == 0 else None


# ------------------------------------------------------------------------------------------
# Main
# ------------------------------------------------------------------------------------------


def median(values) -> float:
    return statistics.median(values)


def fmt(value, spec=".2f", unit="") -> str:
    return "n/a" if value is None else f"{value:{spec}}{unit}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="renderings per document and way")
    parser.add_argument("--dpi", type=int, default=100, help="resolution of the comparison")
    parser.add_argument("--keep", type=Path, help="keep DOCX, PDF and PNG files here")
    parser.add_argument(
        "--unoserver", default=shutil.which("unoserver") or "/opt/unoserver/bin/unoserver"
    )
    parser.add_argument("--child-hand", nargs=3, metavar=("DOCX_DIR", "PDF_DIR", "RUNS"))
    parser.add_argument("--child-oneshot", nargs=3, metavar=("DOCX_DIR", "PDF_DIR", "RUNS"))
    args = parser.parse_args()
    for mode, child in (("hand", child_hand), ("oneshot", child_oneshot)):
        if getattr(args, f"child_{mode}"):
            docx_dir, pdf_dir, runs = getattr(args, f"child_{mode}")
            child(Path(docx_dir), Path(pdf_dir), int(runs))
            return

    with tempfile.TemporaryDirectory(prefix="fazhi-pdf-bench-") as tmp_name:
        tmp = args.keep or Path(tmp_name)
        dirs = {name: tmp / name for name in ("docx", "hand", "warm", "oneshot", "var")}
        for path in dirs.values():
            path.mkdir(parents=True, exist_ok=True)
        setup_django(dirs["var"])
        print("building the demo world and the documents …", flush=True)
        docs = build_documents()
        for name, data in docs.items():
            (dirs["docx"] / f"{name}.docx").write_bytes(data)

        print("hand-written renderer (child process) …", flush=True)
        hand = run_child("hand", dirs["docx"], dirs["hand"], args.runs)

        print(f"LibreOffice warm through {args.unoserver} …", flush=True)
        if not Path(args.unoserver).exists():
            raise SystemExit(f"no unoserver at {args.unoserver} (see docs/operators/pdf.md)")
        warm = run_warm(args.unoserver, docs, dirs["warm"], args.runs, tmp)
        print("LibreOffice one-shot …", flush=True)
        oneshot = run_child("oneshot", dirs["docx"], dirs["oneshot"], args.runs)

        print("comparing …\n", flush=True)
        rows = []
        for name, data in docs.items():
            ref = rasterise(dirs["oneshot"] / f"{name}.pdf", args.dpi)
            row = {"doc": name, "pages_ref": len(ref)}
            text = docx_text(data)
            for way in ("hand", "warm"):
                pdf = dirs[way] / f"{name}.pdf"
                row[f"pages_{way}"] = pages(pdf)
                scores = compare_pages(ref, rasterise(pdf, args.dpi), args.dpi)
                for key, value in scores.items():
                    row[f"{key}_{way}"] = value
                row[f"text_{way}"] = text_fidelity(text, pdf)
                row[f"faces_{way}"] = faces(pdf)
            for way, data_ in (("hand", hand), ("warm", warm), ("oneshot", oneshot)):
                row[f"t_{way}"] = median(data_["wall"][name])
                row[f"cpu_{way}"] = median(data_["cpu"][name])
            rows.append(row)

        head = (
            f"{'document':15} {'pages':>9} {'diff hand':>9} {'ink1px':>6} {'ink1mm':>6} {'ink warm':>8} "
            f"{'text hand':>9} {'text LO':>7} {'s hand':>7} {'s warm':>7} {'s 1shot':>7} "
            f"{'cpu hand':>8} {'cpu warm':>8} {'cpu 1sh':>8}"
        )
        print(f"Per document (median of {args.runs} runs; pages ref/hand/warm):")
        print(head)
        print("-" * len(head))
        for r in rows:
            print(
                f"{r['doc']:15} {r['pages_ref']:>3}/{r['pages_hand']}/{r['pages_warm']:<3} "
                f"{r['diff_hand']:>9.2%} {r['ink1px_hand']:>6.1%} {r['ink1mm_hand']:>6.1%} "
                f"{r['ink1px_warm']:>8.1%} "
                f"{r['text_hand']:>9.1%} {r['text_warm']:>7.1%} "
                f"{r['t_hand']:>7.2f} {r['t_warm']:>7.2f} {r['t_oneshot']:>7.2f} "
                f"{r['cpu_hand']:>8.2f} {r['cpu_warm']:>8.2f} {r['cpu_oneshot']:>8.2f}"
            )
        print()
        print("Faces embedded (hand | LibreOffice):")
        for r in rows:
            print(f"  {r['doc']:15} {', '.join(r['faces_hand'])} | {', '.join(r['faces_warm'])}")
        print()

        def mean(key):
            return statistics.mean(r[key] for r in rows)

        packages = dpkg_packages()
        lo_mb = debian_mb(packages, ["libreoffice-writer-nogui"])
        uno_mb = debian_mb(packages, ["libreoffice-writer-nogui", "python3-uno"])
        unoserver_python = str(Path(args.unoserver).parent / "python")
        unoserver_mb = venv_pip_mb(unoserver_python, "unoserver")
        hand_mb = pip_mb("fpdf2", "fonttools", "defusedxml", "pillow")
        t_hand, t_warm, t_one = mean("t_hand"), mean("t_warm"), mean("t_oneshot")
        c_hand, c_warm, c_one = mean("cpu_hand"), mean("cpu_warm"), mean("cpu_oneshot")
        summary = [
            ("pages equal to the reference", f"{sum(r['pages_hand'] == r['pages_ref'] for r in rows)}/{len(rows)}",
             f"{sum(r['pages_warm'] == r['pages_ref'] for r in rows)}/{len(rows)}", "", ""),
            ("pixels differing from the reference", f"{mean('diff_hand'):.2%}", f"{mean('diff_warm'):.2%}", "", ""),
            ("ink matched within 1 px", f"{mean('ink1px_hand'):.1%}", f"{mean('ink1px_warm'):.1%}", "", ""),
            ("ink matched within 1 mm", f"{mean('ink1mm_hand'):.1%}", f"{mean('ink1mm_warm'):.1%}", "", ""),
            ("DOCX text found in order", f"{mean('text_hand'):.1%}", f"{mean('text_warm'):.1%}", "", ""),
            ("s per document (mean of medians)", f"{t_hand:.2f}", f"{t_warm:.2f}", f"{t_one:.2f}",
             f"hand/warm {t_hand / t_warm:.1f}x, one-shot/warm {t_one / t_warm:.1f}x"),
            ("CPU s per document", f"{c_hand:.2f}", f"{c_warm:.2f}", f"{c_one:.2f}",
             f"hand/warm {c_hand / c_warm:.1f}x, one-shot/warm {c_one / c_warm:.1f}x"),
            ("first (cold) document, s", f"{hand['cold']:.2f}", f"{warm['cold']:.2f}",
             f"{oneshot['cold']:.2f}", f"unoserver start {warm['startup']:.1f} s"),
            ("peak memory, MB", f"{hand['rss_peak_kb'] / 1024:.0f}", f"{warm['rss_peak_kb'] / 1024:.0f}",
             f"{oneshot['rss_peak_kb'] / 1024:.0f}",
             f"hand: Django alone {hand['rss_before_kb'] / 1024:.0f}; warm: soffice + unoserver"),
            ("install size, MB", fmt(hand_mb, ".0f"), f"{fmt(uno_mb, '.0f')} + {fmt(unoserver_mb, '.1f')}",
             fmt(lo_mb, ".0f"), "hand: fpdf2, fonttools, defusedxml, pillow; LO: Debian packages "
             "beyond python3 and fontconfig (warm adds python3-uno + unoserver)"),
        ]  # fmt: skip
        head = f"{'':38} {'hand':>10} {'LO warm':>12} {'LO 1-shot':>10}  ratios / notes"
        print("Summary (mean over the documents):")
        print(head)
        print("-" * len(head))
        for label, a, b, c, note in summary:
            print(f"{label:38} {a:>10} {b:>12} {c:>10}  {note}")
        fonts = {
            p: fmt(packages[p]["size"] / 1024, ".0f", " MB") if p in packages else "not installed"
            for p in ("fonts-noto-cjk", "fonts-arphic-ukai", "fonts-lxgw-wenkai")
        }
        fandol = debian_mb(packages, ["texlive-lang-chinese"])
        print()
        print("Fonts, the same for both ways: " + ", ".join(f"{k} {v}" for k, v in fonts.items())
              + f", texlive-lang-chinese (FandolFang) {fmt(fandol, '.0f', ' MB') if fandol else 'not installed'}")  # fmt: skip
        if args.keep:
            print(f"\nFiles kept in {tmp}")


if __name__ == "__main__":
    main()
