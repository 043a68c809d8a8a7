"""The documents for readers: links resolve inside the repository, headings name subjects, and
the CLI contract names every command and option the parser knows."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SKIPPED_FOLDERS = {".git", ".venv", ".bench", "build", "dist", "node_modules", ".pytest_cache"}

LINK = re.compile(r"(?<!!)\[[^\]]*\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
FENCE = re.compile(r"^\s*(```|~~~)")
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
# What a reader outside the project's tracker cannot follow: "#6", "issue 7", "stop 9" …
TRACKER_WORDS = re.compile(r"(?<![\w&])#\d+\b|\b(?:issue|stop|ticket)\s+#?\d+\b", re.IGNORECASE)
OUTSIDE = re.compile(r"/work/|\.\./shared|(?<![\w.])shared/(?:CLI|DOMAIN|ARCHITECTURE|STACK|SYNC)\.md")


def markdown_files() -> list[Path]:
    files = []
    for path in sorted(ROOT.rglob("*.md")):
        relative = path.relative_to(ROOT)
        if SKIPPED_FOLDERS.isdisjoint(relative.parts[:-1]):
            files.append(path)
    return files


READER_DOCUMENTS = [ROOT / "README.md", ROOT / "CHANGELOG.md", *sorted((ROOT / "docs").rglob("*.md"))]


def prose_lines(path: Path) -> list[tuple[int, str]]:
    """The file's lines outside fenced code blocks, numbered from 1."""
    lines, fenced = [], False
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if FENCE.match(line):
            fenced = not fenced
            continue
        if not fenced:
            lines.append((number, line))
    return lines


def slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens."""
    text = re.sub(r"[`*_]{1,2}(?=\S)|(?<=\S)[`*_]{1,2}", "", heading).strip().lower()
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")


def anchors(path: Path) -> set[str]:
    found: set[str] = set()
    for _number, line in prose_lines(path):
        match = HEADING.match(line)
        if match:
            base, candidate, n = slug(match.group(2)), slug(match.group(2)), 0
            while candidate in found:  # GitHub numbers repeated headings: x, x-1, x-2 …
                n += 1
                candidate = f"{base}-{n}"
            found.add(candidate)
    return found


def test_the_readme_is_a_landing_page_with_the_two_commands_and_the_architecture_section():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    lines = text.splitlines()
    assert len(lines) <= 110, f"the README has {len(lines)} lines: move detail into docs/"
    assert "bash bootstrap.sh run\nbash bootstrap.sh test" in text  # .ci/run relies on the second
    assert "bootstrap.ps1" in text
    headings = [m.group(2) for _n, line in prose_lines(ROOT / "README.md") if (m := HEADING.match(line))]
    assert "Architecture" in headings and "Quick start" in headings
    assert "docs/architecture.md" in text


@pytest.mark.parametrize("path", markdown_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_relative_link_resolves_to_a_file_in_the_repository(path: Path):
    problems = []
    for number, line in prose_lines(path):
        for target in LINK.findall(line):
            if re.match(r"[a-z][a-z0-9+.-]*:", target):  # https:, mailto: …
                continue
            file_part, _, anchor = target.partition("#")
            resolved = (path.parent / file_part).resolve() if file_part else path
            where = f"{path.relative_to(ROOT)}:{number}: {target}"
            if not resolved.is_relative_to(ROOT):
                problems.append(f"{where} points outside the repository")
            elif not resolved.exists():
                problems.append(f"{where} does not exist")
            elif anchor and resolved.suffix == ".md" and anchor not in anchors(resolved):
                problems.append(f"{where}: no heading with that anchor")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("path", markdown_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_document_points_outside_the_repository(path: Path):
    hits = [f"{path.relative_to(ROOT)}:{n}: {line.strip()}" for n, line in
            enumerate(path.read_text(encoding="utf-8").splitlines(), start=1) if OUTSIDE.search(line)]
    assert not hits, "\n".join(hits)


@pytest.mark.parametrize("path", READER_DOCUMENTS, ids=lambda p: str(p.relative_to(ROOT)))
def test_headings_and_text_name_subjects_not_tracker_numbers(path: Path):
    hits = [f"{path.relative_to(ROOT)}:{n}: {line.strip()}" for n, line in prose_lines(path)
            if TRACKER_WORDS.search(re.sub(r"\]\([^)]*\)", "]", line))]  # anchors in links are not numbers
    assert not hits, "\n".join(hits)


def cli_commands() -> list[tuple[tuple[str, ...], list[str]]]:
    """Every runnable command of the parser as (words, its option strings)."""
    from desktop_app.cli import build_parser

    found: list[tuple[tuple[str, ...], list[str]]] = []

    def walk(parser: argparse.ArgumentParser, words: tuple[str, ...]) -> None:
        groups = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        options = [s for a in parser._actions if not isinstance(a, argparse._HelpAction)
                   for s in a.option_strings if s.startswith("--")]
        if words and not groups:
            found.append((words, options))
        for group in groups:
            for name, sub in group.choices.items():
                walk(sub, (*words, name))
        if not words:
            found.append(((), options))  # the global options

    walk(build_parser(), ())
    return found


def test_the_cli_contract_names_every_command_and_option_of_the_parser():
    contract = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = []
    for words, options in cli_commands():
        command = " ".join(words)
        if command and not re.search(rf"skilldesk (?:\[|)?{re.escape(command)}\b", contract):
            missing.append(f"docs/cli.md has no synopsis `skilldesk {command} …`")
        if command and not re.search(rf"`(?:skilldesk \[)?{re.escape(command)}[\]` ]", readme):
            missing.append(f"README.md's command table lacks `{command}`")
        for option in options:
            if not re.search(rf"{re.escape(option)}\b", contract):
                missing.append(f"docs/cli.md does not mention {option} of `skilldesk {command}`".replace(" `skilldesk `", " the global options"))
    assert not missing, "\n".join(missing)
