"""The ``marsad`` command."""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from pathlib import Path

from . import __version__
from .config import ConfigError, Settings, documented_fields, load_config

EXIT_OK, EXIT_FAILED, EXIT_CONFIG = 0, 1, 2


def main(argv: list[str] | None = None) -> int:
    parser = make_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return EXIT_OK
    try:
        return args.run(args)
    except ConfigError as exc:
        print("marsad: configuration error:", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {for_terminal(problem)}", file=sys.stderr)
        return EXIT_CONFIG
    except OSError as exc:  # a full disk, a read-only folder, a missing output folder: one line, no traceback
        _say(os_error_line(exc))
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("marsad: interrupted; the previous site is untouched", file=sys.stderr)
        return 130


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="marsad",
        description="Turn scraped Arabic news articles into a bilingual briefing site and PDF briefings.",
        epilog="Run 'marsad COMMAND --help' for a command's options. Settings live in marsad.yml "
               "(see 'marsad settings').",
    )
    parser.add_argument("--version", action="version", version=f"marsad {__version__}")
    parser.add_argument("--root", type=Path, default=Path("."),
                        help="project folder holding marsad.yml, mkdocs.yml and content/ (default: .)")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND", dest="command")

    analyze = commands.add_parser("analyze", help="print the analysis of articles as JSON",
                                  description="Read, clean, describe and classify articles; print JSON "
                                              "(fields documented in the README).")
    analyze.add_argument("paths", nargs="*", type=Path,
                         help="article files or folders (default: the articles folder of marsad.yml)")
    analyze.add_argument("--output", "-o", type=Path, help="write the JSON here instead of standard output")
    analyze.set_defaults(run=run_analyze)

    generate = commands.add_parser("generate", help="write the Markdown pages only (no site)",
                                   description="Analyse the articles and write the Markdown pages of every "
                                               "language into the docs folder (build/docs).")
    generate.set_defaults(run=run_generate)

    build = commands.add_parser("build", help="build the whole site (and PDFs) into site/",
                                description="Generate the pages, render them with MkDocs into a temporary "
                                            "folder and swap it into site/ (the old site stays until the new "
                                            "one is complete).")
    build.add_argument("--strict", action="store_true", help="fail (exit 1) if any article file was skipped")
    build.set_defaults(run=run_build)

    serve = commands.add_parser("serve", help="preview the site with live reload",
                                description="Generate the pages and run 'mkdocs serve': editing a file in "
                                            "content/ regenerates the pages and reloads the browser.")
    serve.add_argument("--addr", default="127.0.0.1:8000", help="address to serve on (default: 127.0.0.1:8000)")
    serve.add_argument("--pdf", action="store_true",
                       help="also render the PDF briefings on every change (slow; by default the preview "
                            "shows the PDFs of the last 'marsad build')")
    serve.set_defaults(run=run_serve)

    pdf = commands.add_parser("pdf", help="write the PDF briefings (the latest period's digest, the 3 before it, each topic's latest period)",
                              description="Analyse the articles and write the PDF briefings into "
                                          "DIR/<language>/pdf/; only PDFs whose content changed are rendered "
                                          "again (set SOURCE_DATE_EPOCH for reproducible files).")
    pdf.add_argument("--out", type=Path, help="output folder (default: the docs folder, build/docs)")
    pdf.add_argument("--force", action="store_true", help="render every PDF even if unchanged")
    pdf.set_defaults(run=run_pdf)

    fetch = commands.add_parser("fetch", help="download new articles from the feeds of marsad.yml",
                                description="Read each feed of 'feeds:' in marsad.yml (RSS, Atom, news "
                                            "sitemaps) and save each new item's page, with a sidecar, under "
                                            "<articles_dir>/fetched/<outlet>/. Exit 1 when any feed or page "
                                            "failed (each is named with its reason).")
    _fetch_options(fetch)
    fetch.set_defaults(run=run_fetch)

    update = commands.add_parser("update", help="fetch, then build the site (for cron)",
                                 description="'marsad fetch' then 'marsad build'. The site is built even when "
                                             "a feed failed; the exit code is 1 when anything failed.")
    _fetch_options(update)
    update.add_argument("--strict", action="store_true", help="fail (exit 1) if any article file was skipped")
    update.set_defaults(run=run_update)

    settings = commands.add_parser("settings", help="list every setting of marsad.yml with its meaning")
    settings.set_defaults(run=run_settings)
    return parser


def _fetch_options(parser: argparse.ArgumentParser) -> None:
    from .fetch import FetchOptions

    defaults = FetchOptions()
    parser.add_argument("--delay", type=float, metavar="SECONDS",
                        help=f"seconds between two requests to one host (default: {defaults.delay:g}; "
                             f"longer when robots.txt asks)")
    parser.add_argument("--timeout", type=float, metavar="SECONDS",
                        help=f"seconds to connect and between two reads (default: {defaults.timeout:g})")
    parser.add_argument("--retries", type=int, metavar="N",
                        help=f"attempts after a timeout, a refused connection, 429 or 5xx (default: "
                             f"{defaults.retries})")
    parser.add_argument("--max-items", type=int, metavar="N",
                        help=f"new pages fetched per feed and run (default: {defaults.max_items}); the rest "
                             f"wait for the next run")


def _say(message: str) -> None:
    print(f"marsad: {for_terminal(message)}", file=sys.stderr, flush=True)


# C0 and C1 controls (escape sequences, carriage returns, bells) other than the line break and tab:
# a file name or article text printed raw could move the cursor, rewrite lines or set the title.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def for_terminal(text: str) -> str:
    """Text safe to print: control characters shown as escapes (``\\x1b``), never sent raw."""
    return _CONTROL.sub(lambda match: f"\\x{ord(match.group()):02x}", text)


def os_error_line(error: OSError) -> str:
    """One line for a disk or permission fault: what failed, on which file."""
    where = f"{error.filename}: " if error.filename else ""
    if error.filename2:
        where = f"{error.filename} → {error.filename2}: "
    reason = error.strerror or type(error).__name__
    return f"stopped: {where}{reason} (the previous site is left as it was)"


def run_analyze(args: argparse.Namespace) -> int:
    from .analyze import analyze
    from .export import analysis_json

    config = load_config(args.root)
    paths = args.paths or None
    analysis = analyze(config, paths, progress=lambda stage, done, total: None)
    text = json.dumps(analysis_json(analysis), ensure_ascii=False, indent=2)
    if args.output:
        try:
            args.output.write_text(text + "\n", encoding="utf-8")
        except OSError as error:  # a write names no file of its own; say which one
            raise OSError(error.errno, error.strerror, str(args.output)) from None
    else:
        print(text)
    for skipped in analysis.skipped:
        _say(f"skipped {skipped.path}: {skipped.reason}")
    return EXIT_OK


def run_generate(args: argparse.Namespace) -> int:
    from .pipeline import generate

    result = generate(args.root, say=_say)
    _report_skipped(result.analysis)
    _say(result.summary())
    return EXIT_OK


def run_build(args: argparse.Namespace) -> int:
    from .pipeline import BuildError, build

    try:
        result = build(args.root, say=_say, strict=args.strict)
    except BuildError as exc:
        _say(f"build failed: {exc}")
        return EXIT_FAILED
    _report_skipped(result.generated.analysis)
    _say(result.generated.summary())
    _say(f"site built in {result.timings['total']:.1f}s: {result.site_dir}")
    return EXIT_OK


def run_serve(args: argparse.Namespace) -> int:
    from .pipeline import check_templates

    root = args.root.resolve()
    config = load_config(root)  # configuration errors stop here, before the server starts
    check_templates(config.settings.languages)
    config.docs_dir.mkdir(parents=True, exist_ok=True)  # MkDocs checks it exists before the hook fills it
    _say("starting the preview; the MkDocs hook generates the pages on start and on every change")
    command = [sys.executable, "-m", "mkdocs", "serve", "--livereload", "-a", args.addr,
               "-f", str(root / "mkdocs.yml")]
    env = {**os.environ, "MARSAD_SKIP_PDF": "0" if args.pdf else "1"}
    os.chdir(root)
    os.execve(sys.executable, command, env)  # MkDocs takes this process's place: a signal stops the server
    return EXIT_FAILED  # not reached


def run_pdf(args: argparse.Namespace) -> int:
    from .analyze import analyze
    from .pdf import briefing_documents, write_pdfs

    from .pipeline import build_lock

    config = load_config(args.root)
    with build_lock(config, _say):
        analysis = analyze(config, progress=lambda stage, done, total: None)
        _report_skipped(analysis)
        out = args.out or config.docs_dir
        report = write_pdfs(briefing_documents(config, analysis), out, force=args.force, say=_say)
    _say(f"{report.summary()} in {out}")
    return EXIT_OK


def run_fetch(args: argparse.Namespace) -> int:
    from .fetch import StoreError, fetch, options_for

    config = load_config(args.root)
    if not config.settings.feeds:
        _say("no feeds: list them under 'feeds:' in marsad.yml (url and outlet each; see the README)")
        return EXIT_OK
    for name, value, low in (("--delay", args.delay, 0), ("--timeout", args.timeout, 0.001),
                             ("--retries", args.retries, 0), ("--max-items", args.max_items, 0)):
        if value is not None and not value >= low:
            _say(f"{name}: {value} is below {low}")
            return EXIT_CONFIG
    options = options_for(config, delay=args.delay, timeout=args.timeout, retries=args.retries,
                          max_items=args.max_items)
    try:
        report = fetch(config, options, say=_say)
    except StoreError as error:
        _say(f"fetch stopped: {error}")
        return EXIT_FAILED
    _say(report.summary())
    return EXIT_FAILED if report.failed else EXIT_OK


def run_update(args: argparse.Namespace) -> int:
    fetched = run_fetch(args)
    if fetched == EXIT_CONFIG:
        return fetched
    built = run_build(args)
    return EXIT_FAILED if EXIT_FAILED in (fetched, built) else built


def run_settings(args: argparse.Namespace) -> int:
    for key, text in documented_fields(Settings):
        print(f"{key}\n    {text}")
    return EXIT_OK


def _report_skipped(analysis) -> None:
    for skipped in analysis.skipped:
        _say(f"skipped {skipped.path}: {skipped.reason}")
    if analysis.candidates:
        names = "، ".join(c.name for c in analysis.candidates[:10])
        more = f" (+{len(analysis.candidates) - 10} more)" if len(analysis.candidates) > 10 else ""
        _say(f"names to add to content/entities.yml (see the build report page): {names}{more}")


if __name__ == "__main__":
    raise SystemExit(main())
