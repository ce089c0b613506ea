"""The `policydocs` command line. Heavy modules are imported inside each command."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generators import __version__
from generators.build.jobs import DEFAULT_JOB_TIMEOUT
from generators.project import Project


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return 2
    project = Project(Path(args.project).resolve())
    handler = args.handler
    try:
        return int(handler(project, args))
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader (head, less) went away; that is not an error of ours.
        sys.stderr.close()
        return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="policydocs",
        description="Policy texts to application forms, investor briefs, summaries and a portal.",
    )
    parser.add_argument("--version", action="version", version=f"policydocs {__version__}")
    parser.add_argument(
        "-C",
        "--project",
        default=".",
        metavar="DIR",
        help="project directory holding content/ and templates/ (default: .)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    build = commands.add_parser("build", help="regenerate what is outdated and say why")
    build.add_argument("--force", action="store_true", help="rebuild every output")
    build.add_argument(
        "--jobs",
        "-j",
        type=int,
        default=None,
        help="parallel render processes (default: the machine's cores)",
    )
    build.add_argument("--json", action="store_true", help="print the build result as JSON")
    build.add_argument(
        "--job-timeout",
        type=_seconds,
        default=DEFAULT_JOB_TIMEOUT,
        metavar="SECONDS",
        help=f"stop the build when one output takes longer to render (default: "
        f"{DEFAULT_JOB_TIMEOUT:g})",
    )
    build.set_defaults(handler=_build)

    watch = commands.add_parser("watch", help="rebuild whenever content or templates change")
    watch.add_argument("--jobs", "-j", type=int, default=None)
    watch.set_defaults(handler=_watch)

    check = commands.add_parser("check", help="validate content, translations, templates")
    check.add_argument(
        "--strict",
        action="store_true",
        help="also fail on missing or stale English and untranslated catalogs",
    )
    check.add_argument("--json", action="store_true", help="print errors, warnings and stats")
    check.set_defaults(handler=_check)

    imp = commands.add_parser(
        "import", help="policy texts, saved pages, PDF or Word files to structured content"
    )
    imp.add_argument(
        "files",
        type=Path,
        nargs="+",
        metavar="FILE",
        help="text, HTML, PDF, DOCX or DOC files, or folders of them (one listing's pages)",
    )
    imp.add_argument("--json", action="store_true", help="print the imported policies as JSON")
    imp.add_argument(
        "--write",
        action="store_true",
        help="write or update content/policies/*.yaml, keeping edits made there",
    )
    imp.add_argument(
        "--id",
        dest="policy_id",
        default=None,
        help="policy id for a new single policy (default: derived from the title)",
    )
    imp.add_argument(
        "--force",
        action="store_true",
        help="with --id: replace the policy of that id even if its title differs",
    )
    imp.set_defaults(handler=_import)

    readback = commands.add_parser("readback", help="filled application forms to one table")
    readback.add_argument("files", type=Path, nargs="+")
    readback.add_argument("--json", action="store_true", help="print one JSON object per form")
    readback.add_argument("--csv", type=Path, default=None, metavar="OUT", help="write a CSV")
    readback.add_argument(
        "--xlsx", type=Path, default=None, metavar="OUT", help="write an Excel workbook"
    )
    readback.add_argument(
        "--lang", choices=("zh", "en"), default="zh", help="language of labels and problems"
    )
    readback.set_defaults(handler=_readback)

    translations = commands.add_parser("translations", help="list or confirm English texts")
    actions = translations.add_subparsers(dest="action", metavar="ACTION", required=True)
    confirm = actions.add_parser(
        "confirm", help="record that the English of these clauses matches their Chinese"
    )
    confirm.add_argument(
        "ids",
        nargs="+",
        metavar="ID",
        help="POLICY/CLAUSE (e.g. ai-measures/2), or POLICY for all its texts",
    )
    confirm.set_defaults(handler=_confirm)
    status = actions.add_parser("status", help="list missing and stale English")
    status.set_defaults(handler=_status)
    return parser


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not value > 0:
        raise argparse.ArgumentTypeError(f"must be more than 0 seconds (got {text})")
    return value


def _build(project: Project, args: argparse.Namespace) -> int:
    from generators.build.command import run_build

    return run_build(
        project,
        force=args.force,
        jobs=args.jobs,
        as_json=args.json,
        job_timeout=args.job_timeout,
    )


def _watch(project: Project, args: argparse.Namespace) -> int:
    from generators.build.watch import run_watch

    return run_watch(project, jobs=args.jobs)


def _check(project: Project, args: argparse.Namespace) -> int:
    from generators.checking import run_check

    return run_check(project, strict=args.strict, as_json=args.json)


def _import(project: Project, args: argparse.Namespace) -> int:
    from generators.importer.command import run_import

    return run_import(
        project,
        args.files,
        as_json=args.json,
        write=args.write,
        policy_id=args.policy_id,
        force=args.force,
    )


def _readback(project: Project, args: argparse.Namespace) -> int:
    from generators.readback.command import run_readback

    return run_readback(
        project,
        args.files,
        as_json=args.json,
        csv_out=args.csv,
        xlsx_out=args.xlsx,
        lang=args.lang,
    )


def _confirm(project: Project, args: argparse.Namespace) -> int:
    from generators.i18n.confirm import run_confirm

    return run_confirm(project, args.ids)


def _status(project: Project, args: argparse.Namespace) -> int:
    from generators.i18n.confirm import run_status

    return run_status(project)
