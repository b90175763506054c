"""`okr-workshop …`: a thin layer that parses, calls one library function, and
turns OkrWorkshopError into a one-line message and exit code 2.

Every message it prints comes from the translation catalogue (``cli.*``; errors with a code
render through ``error.*``), in one language: ``--lang`` when given, else the language of the
workshop the command opens, else the locale (LC_ALL, LC_MESSAGES or LANG starting with "sv"),
else English. The argparse help stays English.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import re
import sys
from pathlib import Path
from textwrap import dedent

from .errors import OkrWorkshopError, WorkbookError, WorkshopFileError, one_line

log = logging.getLogger("okr_workshop")


class _Speech:
    """The language the command line speaks in this run (see the module docstring)."""

    lang = "en"
    chosen = False  # --lang was given: a workshop's own language does not override it

    def start(self, args: argparse.Namespace) -> None:
        given = getattr(args, "lang", None)
        self.chosen = given in ("sv", "en")
        self.lang = given if self.chosen else _locale_lang()

    def workshop(self, lang: object) -> None:
        """A workshop was opened: speak its language, unless --lang said otherwise."""
        if not self.chosen and lang in ("sv", "en"):
            self.lang = str(lang)


_speech = _Speech()


def _locale_lang() -> str:
    """sv when the locale says Swedish (the first of LC_ALL, LC_MESSAGES, LANG that is set), else en."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name)
        if value:
            return "sv" if value.lower().startswith("sv") else "en"
    return "en"


def _(msgid: str, **fields: object) -> str:
    """The catalogue's text of ``msgid`` in the language the command line speaks."""
    from .i18n.catalog import gettext

    return gettext(_speech.lang, msgid, **fields)


def _n(msgid: str, n: int, **fields: object) -> str:
    from .i18n.catalog import ngettext

    return ngettext(_speech.lang, f"{msgid}.one", msgid, n, **fields)


def _peek_lang(target: object) -> str | None:
    """The language of the workshop at ``target`` (a workshop file), read without loading it; None if unknown."""
    from .storage.postgres import is_url

    if target is None:
        return None
    if is_url(target):
        return _peek_pg_lang(target)
    try:
        from .storage.store import reading

        with reading(Path(target)) as conn:
            row = conn.execute("SELECT lang FROM workshop").fetchone()
    except Exception:  # noqa: BLE001 (no language to learn; the command itself will say what is wrong)
        return None
    return row[0] if row else None


def _peek_pg_lang(url: object) -> str | None:
    """The language of the workshop at a ``postgresql://`` URL; None when it cannot be read (the command says why)."""
    from .storage.postgres import PgConnection, parse

    try:
        location = parse(str(url))
        conn = PgConnection(location)
        try:
            row = conn.execute(f'SELECT lang FROM "{location.schema}".workshop').fetchone()
        finally:
            conn.close()
    except Exception:  # noqa: BLE001 (as for a file: the command itself reports the problem)
        return None
    return row[0] if row else None


def _example(text: str) -> str:
    return "example:\n" + dedent(text).strip("\n")


# Characters a terminal acts on instead of showing: C0/C1 controls (escape sequences), bidi overrides
# that reorder the line, and lone surrogates. Participant text is printed with them made visible.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def safe(text: object) -> str:
    """``text`` for a terminal: one line, control characters shown as escapes (``\\x1b``), never acted on."""

    def visible(m: re.Match) -> str:
        ch = m.group()
        if ch in "\n\t":
            return " "
        return f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}"

    return _UNSAFE.sub(visible, str(text))


def _say(text: object = "", file=None) -> None:
    print(safe(text), file=file or sys.stdout)


def _json_ascii(text: str) -> str:
    """JSON text with every non-ASCII character as a \\u escape (pairs beyond the BMP): the same JSON, in ASCII."""

    def escape(m: re.Match) -> str:
        code = ord(m.group())
        if code > 0xFFFF:
            code -= 0x10000
            return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
        return f"\\u{code:04x}"

    return re.sub(r"[^\x00-\x7f]", escape, text)


class _JsonOut:
    """stdout for JSON lines: ASCII escapes when the terminal is not UTF-8."""

    def __init__(self, stream):
        self.stream, self.utf8 = stream, _is_utf8(stream)

    def write(self, text: str) -> int:
        return self.stream.write(text if self.utf8 else _json_ascii(text))

    def flush(self) -> None:
        self.stream.flush()


def _is_utf8(stream) -> bool:
    return (getattr(stream, "encoding", "") or "").lower().replace("-", "").replace("_", "") == "utf8"


def _dumps(data: object) -> str:
    """JSON for stdout: UTF-8 when the terminal takes it, else ASCII escapes (still valid JSON)."""
    return json.dumps(data, ensure_ascii=not _is_utf8(sys.stdout), indent=2)


# --------------------------------------------------------------------------- commands


def cmd_new(args: argparse.Namespace) -> int:
    from .model.entities import Workshop
    from .storage.store import new_file

    ws = Workshop.new(args.name, period=args.period, lang=args.lang or "sv", profile=args.profile)
    top = None
    for name in args.team or []:  # the first team is the company level; the others support it
        team = ws.add_team(name, parent=top)
        top = top or team
    path = new_file(args.out, ws, overwrite=args.force)
    _speech.workshop(ws.lang)
    _say(_("cli.created", path=path, organisation=ws.organisation, period=ws.period.label, language=ws.lang))
    return 0


def cmd_next(args: argparse.Namespace) -> int:
    from .day import next_workshop

    _speech.workshop(_peek_lang(args.workshop))
    path = next_workshop(args.workshop, args.period, args.out)
    _say(_("cli.created_next", path=path, period=args.period))
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from .jupyter.demo import run_demo

    outputs = run_demo(Path(args.out), sample=args.sample, lang=args.lang)
    _say(_("cli.demo_outputs", path=Path(args.out).resolve()))
    for label, path in outputs.items():
        _say(f"  {label:<10} {path}")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from . import quality

    if args.jsonl:
        if args.text:
            raise OkrWorkshopError(_("cli.text_or_jsonl"))
        source = sys.stdin if args.jsonl == "-" else _open_text(args.jsonl)
        try:
            with source:
                quality.run_jsonl(source, _JsonOut(sys.stdout))
        except UnicodeDecodeError as err:
            raise OkrWorkshopError(_("cli.jsonl_not_utf8", path=args.jsonl, byte=err.start)) from None
        return 0
    if not args.text:
        raise OkrWorkshopError(_("cli.no_text"))
    text = " ".join(args.text)
    if args.lang == "auto":  # the findings are in the text's language: so is every line printed with them
        from .quality.text import guess_lang

        _speech.workshop(guess_lang(text, default=_speech.lang))
    findings = quality.check_text(text, kind=args.kind, lang=args.lang)
    if args.json:
        print(_dumps([f.to_dict() for f in findings]))
    else:
        _print_findings(findings)
    return 1 if any(f.severity == "error" for f in findings) else 0


def load_target(path: str | Path):
    """Read what `lint` checks: a workshop file (.okr), a workbook (.xlsx) or a JSON export, into a Workshop."""
    from .storage.postgres import is_url

    if is_url(path):
        from .storage.store import load

        return load(path)
    path = Path(path)
    if not path.exists():
        raise WorkshopFileError(_("cli.no_such_file", path=path))
    if path.is_dir():
        raise WorkshopFileError(_("cli.target_is_folder", path=path))
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        try:
            from .workbook.read import read_excel
        except ImportError as err:
            raise WorkbookError(_("cli.no_workbook_support", path=path, error=err)) from None
        return read_excel(path, lang=_speech.lang)
    if suffix == ".json":
        from .model.entities import Workshop

        try:
            return Workshop.from_json(path.read_text(encoding="utf-8"))
        except UnicodeDecodeError:
            raise WorkshopFileError(_("cli.json_not_utf8", path=path)) from None
    from .storage.store import load

    return load(path)


def cmd_lint(args: argparse.Namespace) -> int:
    from . import quality

    _speech.workshop(_peek_lang(args.path) if str(args.path).lower().endswith(".okr") else None)
    ws = load_target(args.path)
    _speech.workshop(ws.lang)
    findings = quality.check(ws)
    if args.json:
        print(_dumps([f.to_dict() for f in findings]))
    else:
        _print_findings(findings)
    return 1 if any(f.severity == "error" for f in findings) else 0


def cmd_export(args: argparse.Namespace) -> int:
    from .storage.outputs import OutputExistsError, check_output
    from .storage.store import load

    _speech.workshop(_peek_lang(args.workshop))
    if not args.xlsx and not args.json:
        raise OkrWorkshopError(_("cli.export_nothing"))
    if args.xlsx and args.json and Path(args.xlsx).resolve() == Path(args.json).resolve():
        raise OutputExistsError(_("cli.export_same", path=args.xlsx))
    ws = load(args.workshop)
    _speech.workshop(ws.lang)
    for out in (args.xlsx, args.json):  # all refusals before anything is written
        if out:
            check_output(out, force=args.force, inputs=[args.workshop])
    if args.xlsx:
        from .workbook.write import write_excel

        write_excel(ws, args.xlsx)
        _say(_("cli.wrote", path=args.xlsx))
    if args.json:
        _write_text(Path(args.json), ws.to_json())
        _say(_("cli.wrote", path=args.json))
    return 0


def cmd_copy(args: argparse.Namespace) -> int:
    from .storage.transfer import copy

    _speech.workshop(_peek_lang(args.src))
    dest = copy(args.src, args.dest)
    _say(_("cli.copied", src=args.src, dest=dest))
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from .storage.transfer import list_workshops

    found = list_workshops(args.where)
    if args.json:
        print(json.dumps(found, ensure_ascii=False, indent=2))
    elif not found:
        _say(_("cli.no_workshops", where=args.where))
    for item in [] if args.json else found:
        print(_("cli.list_row", **{k: item[k] for k in ("name", "organisation", "period", "revision")}))
    return 0


def _workshop(arg: str):
    """A WORKSHOP argument: a file path, or a postgresql:// URL kept as text."""
    from .storage.postgres import is_url

    return arg if is_url(arg) else Path(arg)


def cmd_import(args: argparse.Namespace) -> int:
    from .workbook.merge import ImportConflictError, import_workbook

    _speech.workshop(summary_lang(_workshop(args.into)))  # also refuses a bad workshop file before the workbook
    lang = _speech.lang
    resolve = "theirs" if args.theirs else "ours" if args.ours else None
    try:
        summary = import_workbook(Path(args.xlsx), _workshop(args.into), lang=lang, resolve=resolve)
    except ImportConflictError as err:
        for line in err.problems:  # every conflict with both values; the one-line error follows
            _say(f"  {line}", file=sys.stderr)
        raise
    for line in summary.warnings:
        _say(line, file=sys.stderr)
    _say(f"{args.into}: {summary.describe(lang)}")
    return 0


def summary_lang(workshop: Path) -> str:
    from .storage.store import load

    return load(workshop).lang


def cmd_report(args: argparse.Namespace) -> int:
    from .jupyter.reporting import build_report

    _speech.workshop(_peek_lang(args.workshop))
    outputs = build_report(
        _workshop(args.workshop), Path(args.out), team=args.team, pdf=args.pdf, as_of=args.as_of, force=args.force
    )
    for path in outputs:
        _say(_("cli.wrote", path=path))
    return 0


def cmd_app(args: argparse.Namespace) -> int:
    from .app import serve

    _speech.workshop(_peek_lang(args.workshop))
    return serve(_workshop(args.workshop), port=args.port, lan=args.lan, open_browser=args.open) or 0


def cmd_backup(args: argparse.Namespace) -> int:
    from .storage.backup import backup

    _speech.workshop(_peek_lang(args.workshop))
    path = backup(args.workshop, args.dest)
    _say(_("cli.wrote", path=path))
    return 0


def cmd_lab(args: argparse.Namespace) -> int:
    from .jupyter.lab import run_lab

    return run_lab(Path(args.dir), port=args.port) or 0


def cmd_init(args: argparse.Namespace) -> int:
    from .jupyter.lab import init

    written = init(Path(args.dir), force=args.force)
    _say(_n("cli.init_done", len(written), path=Path(args.dir).resolve(), dir=args.dir))
    return 0


def cmd_training_results(args: argparse.Namespace) -> int:
    from .training.results import ResultsLog

    log_path = Path(args.log)
    if not log_path.is_file():
        raise OkrWorkshopError(_("cli.no_results_log", path=log_path))
    from .storage.outputs import check_output

    check_output(args.xlsx, force=args.force, inputs=[log_path])
    out = ResultsLog(log_path).to_excel(args.xlsx, lang=args.lang or "sv")
    _say(_("cli.wrote", path=out))
    return 0


# --------------------------------------------------------------------------- helpers


def _open_text(path: str):
    p = Path(path)
    if not p.is_file():
        raise OkrWorkshopError(_("cli.no_file", path=p) if not p.exists() else _("cli.is_folder", path=p))
    return p.open(encoding="utf-8")


def _write_text(path: Path, text: str) -> None:
    from .storage.outputs import write_text

    if path.is_dir():
        raise OkrWorkshopError(_("cli.write_folder", path=path, example=path / "workshop.json"))
    if not path.parent.exists():
        raise OkrWorkshopError(_("cli.no_folder", path=path, folder=path.parent))
    write_text(path, text)


def _print_findings(findings) -> None:
    from .quality.names import rule_name

    if not findings:
        _say(_("cli.no_findings"))
        return
    for f in findings:
        where = f" [{f.where}]" if f.where else ""
        severity = _(f"label.severity.{f.severity}")  # the rule by its name, not its id (--json has the id)
        _say(f"{severity:<7} {rule_name(f.rule, _speech.lang)}{where}: {f.message}")
        if f.suggestion:
            _say(f"        → {f.suggestion}")


# --------------------------------------------------------------------------- parser


class _Parser(argparse.ArgumentParser):
    """argparse, with usage errors on one line (like every other error) and exit code 2."""

    def error(self, message: str):
        self.exit(2, safe(f"{self.prog}: {message}; see {self.prog} --help") + "\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="okr-workshop",
        description="Run OKR workshops and train OKR coaches (Swedish and English).",
        epilog=_example("okr-workshop demo --out demo-output"),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log what happens")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def add(name: str, func, help: str, example: str) -> argparse.ArgumentParser:
        p = sub.add_parser(
            name,
            help=help,
            description=help,
            epilog=_example(example),
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        p.set_defaults(func=func)
        return p

    p = add("demo", cmd_demo, "run a whole workshop on an embedded sample and write its outputs",
            "okr-workshop demo --out demo-output")  # fmt: skip
    p.add_argument("--out", default="demo-output", help="folder for the outputs (default: demo-output)")
    p.add_argument("--sample", default=None, help="exempel-ab (Swedish, default) or acme (English)")
    p.add_argument("--lang", choices=("sv", "en"), default=None, help="language of the sample (default sv)")

    p = add("check", cmd_check, "check the quality of one objective or key result text",
            """\
            okr-workshop check --kind objective --lang sv "Öka försäljningen med 20%"
            okr-workshop check --jsonl drafts.jsonl > findings.jsonl""")  # fmt: skip
    p.add_argument("text", nargs="*", help="the text to check")
    p.add_argument(
        "--kind", choices=("objective", "key_result"), default="objective", help="what the text is (default: objective)"
    )
    p.add_argument(
        "--lang",
        choices=("sv", "en", "auto"),
        default="auto",
        help="language of the text and of the messages (default: auto, guessed from the text)",
    )
    p.add_argument("--json", action="store_true", help="print findings as JSON")
    p.add_argument("--jsonl", metavar="FILE", help='one {"kind","lang","text"} per line in; one JSON list out')

    p = add("lint", cmd_lint, "check a workshop file or workbook (exit 0 clean, 1 errors found, 2 unreadable)",
            "okr-workshop lint exempel.okr")  # fmt: skip
    p.add_argument("path", help="a workshop file (.okr) or workbook (.xlsx)")
    p.add_argument("--json", action="store_true", help="print findings as JSON")

    p = add("new", cmd_new, "create a new, empty workshop file",
            "okr-workshop new 'Exempel AB' --period 2027-Q1 --lang sv --team Ledningsgruppen --team Marknad --out exempel.okr")  # fmt: skip
    p.add_argument("name", help="the organisation")
    p.add_argument("--period", required=True, help="2027-Q1, 2027-H1, 2027 or 2027-01-01..2027-04-30")
    p.add_argument(
        "--lang", choices=("sv", "en"), default=None, help="the workshop's language, and this command's (default sv)"
    )
    p.add_argument("--profile", choices=("google", "percent", "zones"), default="google", help="scoring profile")
    p.add_argument(
        "--team",
        action="append",
        help="add a team (repeatable); the first is the company level, the others are aligned under it",
    )
    p.add_argument("--out", required=True, help="the workshop to create: a file, or a postgresql:// URL")
    p.add_argument("--force", action="store_true", help="replace an existing file")

    p = add("next", cmd_next, "create the next period's workshop: same teams, unfinished objectives proposed",
            "okr-workshop next exempel.okr --period 2027-Q2 --out exempel-q2.okr")  # fmt: skip
    p.add_argument("workshop", help="the workshop file of the period that ends")
    p.add_argument("--period", required=True, help="the next period: 2027-Q2, 2027-H2, 2028 …")
    p.add_argument("--out", help="the new workshop file (default: WORKSHOP-PERIOD.okr beside it)")

    p = add("export", cmd_export, "write a workshop as an Excel workbook and/or JSON",
            "okr-workshop export exempel.okr --xlsx okrs.xlsx --json exempel.json")  # fmt: skip
    p.add_argument("workshop", help="the workshop: a file, or postgresql://HOST/DATABASE/WORKSHOP")
    p.add_argument("--xlsx", metavar="OUT", help="write an Excel workbook")
    p.add_argument("--json", metavar="OUT", help="write versioned JSON")
    p.add_argument("--force", action="store_true", help="replace existing output files (never a workshop file)")

    p = add("copy", cmd_copy, "copy a workshop with its whole history, between files and PostgreSQL",
            """\
            okr-workshop copy exempel.okr postgresql://db.example.se/okr/exempel-ab
            okr-workshop copy postgresql://db.example.se/okr/exempel-ab kopia.okr""")  # fmt: skip
    p.add_argument("src", help="the workshop: a file, or postgresql://HOST/DATABASE/WORKSHOP")
    p.add_argument("dest", help="where the copy goes (must not exist): a file or a postgresql:// URL")

    p = add("list", cmd_list, "list the workshops in a PostgreSQL database (or the workshop files in a folder)",
            "okr-workshop list postgresql://db.example.se/okr")  # fmt: skip
    p.add_argument("where", help="postgresql://HOST/DATABASE, or a folder")
    p.add_argument("--json", action="store_true", help="print the list as JSON")

    p = add("import", cmd_import, "read a filled-in workbook back into a workshop file (all or nothing)",
            "okr-workshop import okrs.xlsx --into exempel.okr")  # fmt: skip
    p.add_argument("xlsx", help="the workbook")
    p.add_argument(
        "--into", required=True, metavar="WORKSHOP", help="the workshop to update: a file or a postgresql:// URL"
    )
    side = p.add_mutually_exclusive_group()
    side.add_argument(
        "--theirs",
        action="store_true",
        help="a cell changed both in the workbook and in the workshop since the export: the workbook wins",
    )
    side.add_argument(
        "--ours",
        action="store_true",
        help="a cell changed both in the workbook and in the workshop since the export: the workshop wins",
    )

    p = add("report", cmd_report, "write the HTML (and PDF) report of a workshop",
            "okr-workshop report exempel.okr --out report --team Marknad --pdf --as-of 2026-08-15")  # fmt: skip
    p.add_argument("workshop", help="the workshop: a file, or postgresql://HOST/DATABASE/WORKSHOP")
    p.add_argument("--out", required=True, help="output folder")
    p.add_argument("--team", help="only this team")
    p.add_argument("--pdf", action="store_true", help="also print a PDF with the system Chromium")
    p.add_argument(
        "--as-of", metavar="DATE", help="the day to report on, YYYY-MM-DD (default: today, within the period)"
    )
    p.add_argument("--force", action="store_true", help="replace a report already in the folder")

    p = add("app", cmd_app, "serve the participants' drafting app (Voilà) on this machine",
            "okr-workshop app exempel.okr --port 8866")  # fmt: skip
    p.add_argument("workshop", help="the workshop file (a PostgreSQL workshop is served by JupyterHub)")
    p.add_argument("--port", type=int, default=8866)
    p.add_argument("--lan", action="store_true", help="serve on the local network, protected by a token")
    p.add_argument("--open", action="store_true", help="open the facilitator page in a browser")

    p = add("backup", cmd_backup, "copy a workshop file safely, also while the app is saving to it",
            """\
            okr-workshop backup exempel.okr
            okr-workshop backup exempel.okr /media/usb/exempel-fredag.okr""")  # fmt: skip
    p.add_argument("workshop", help="the workshop file")
    p.add_argument("dest", nargs="?", help="the backup file or a folder (default: NAME-YYYYmmdd-HHMMSS.okr next to it)")

    p = add("lab", cmd_lab, "open JupyterLab on a workshop folder", "okr-workshop lab my-workshop")
    p.add_argument("dir", nargs="?", default=".", help="the folder (default: here)")
    p.add_argument("--port", type=int, default=8888)

    p = add("training-results", cmd_training_results, "export the trainees' results log to an Excel workbook",
            "okr-workshop training-results results.jsonl --xlsx class.xlsx --lang sv")  # fmt: skip
    p.add_argument("log", help="the results log (JSON lines) the training notebooks write")
    p.add_argument("--xlsx", required=True, metavar="OUT", help="the workbook to write")
    p.add_argument("--lang", choices=("sv", "en"), default=None, help="the workbook's language (default sv)")
    p.add_argument("--force", action="store_true", help="replace an existing workbook (never a workshop file)")

    p = add("init", cmd_init, "copy the facilitator notebooks into a new workshop folder",
            "okr-workshop init my-workshop")  # fmt: skip
    p.add_argument("dir", help="the folder to create or fill")
    p.add_argument("--force", action="store_true", help="overwrite notebooks already there")
    return parser


def _version() -> str:
    from . import __version__

    return __version__


def _tolerant_streams() -> None:
    """A terminal that cannot show a character (LC_ALL=C, an ASCII pipe) gets an escape, not a traceback."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            try:
                stream.reconfigure(errors="backslashreplace")
            except (ValueError, OSError):  # already written to, or closed
                pass


def main(argv: list[str] | None = None) -> int:
    _tolerant_streams()
    parser = build_parser()
    args = parser.parse_args(argv)
    # A note the library logs is one line as the command's own errors are ("okr-workshop report: …"):
    # no English level name or logger name before a message in the workshop's language.
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format=f"okr-workshop {args.command or ''}: %(message)s",
    )
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    _speech.start(args)
    try:
        return args.func(args)
    except OkrWorkshopError as err:
        _say(f"okr-workshop {args.command}: {one_line(err.render(_speech.lang))}", file=sys.stderr)
        problems = getattr(err, "problems", [])
        if len(problems) > 1:  # the first line already quotes a single problem
            for problem in problems[:50]:
                _say(f"  {one_line(problem)}", file=sys.stderr)
            if len(problems) > 50:
                _say(f"  {_n('cli.and_more', len(problems) - 50)}", file=sys.stderr)
        return err.exit_code
    except BrokenPipeError:  # `okr-workshop lint x.okr | head`: the reader left; not an error of ours
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except (OSError, UnicodeDecodeError) as err:
        _say(f"okr-workshop {args.command}: {one_line(WorkshopFileError(err))}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        _say(_("cli.interrupted"), file=sys.stderr)
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
