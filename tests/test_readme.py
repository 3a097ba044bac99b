"""Every shell example of README.md runs as shown (about a minute: one build of the bundled corpus, one of four
small files, and a second or two per command).

The convention, also stated in the README's Development section:

- Every fenced ```sh and ```console block of README.md is run, in the order of the README, unless the line before
  its fence is an HTML comment `<!-- not run: REASON -->` (for `make` targets, installs and servers, which other
  tests cover). Python blocks are not run here.
- In a ```sh block each line is a command (a trailing backslash continues it); it must exit 0.
- In a ```console block a line `$ COMMAND` is a command and the lines after it, up to the next `$` line, are its
  output: each shown line must appear in what the command prints (stdout and stderr, rstripped), in the shown
  order; a line `...` stands for lines left out. A command whose shown output has a `kg: error:` line must exit 2,
  any other 0.
- Commands run with bash in a fresh folder holding `data/` (a link to the checkout's `data/`), the store `S` built
  from the bundled corpus (`kg build data/corpus --store S`, as the query examples say), and the walkthrough's
  files `memo.pdf`, `ruling.docx`, `article.html` and `notes.md` (made from bundled documents); `HOME` is a folder of
  its own, so `~/policy` and `~/policy.kg` are made there. The virtual environment's `kg` comes first on `PATH`.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from files import write_docx, write_pdf

pytestmark = pytest.mark.readme

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
_FENCE = re.compile(r"^```(\w*)\s*$")
_SKIP = re.compile(r"^<!-- not run: .+ -->$")


@dataclass
class Example:
    line: int  # 1-based line of the command in README.md
    command: str
    output: list[str] = field(default_factory=list)


def readme_examples(text: str) -> list[Example]:
    """The commands of the runnable ```sh and ```console blocks, in README order, with their shown output."""
    lines = text.splitlines()
    examples: list[Example] = []
    i = 0
    while i < len(lines):
        fence = _FENCE.match(lines[i])
        if not fence or not fence.group(1):
            i += 1
            continue
        end = next(j for j in range(i + 1, len(lines)) if lines[j].startswith("```"))
        skipped = i > 0 and _SKIP.match(lines[i - 1].strip())
        if fence.group(1) in ("sh", "console") and not skipped:
            examples += _block(lines, i + 1, end, console=fence.group(1) == "console")
        i = end + 1
    return examples


def _block(lines: list[str], start: int, end: int, *, console: bool) -> list[Example]:
    found: list[Example] = []
    j = start
    while j < end:
        line = lines[j]
        first = j
        if console and not line.startswith("$ "):
            if found and line.strip():
                found[-1].output.append(line.rstrip())
            j += 1
            continue
        command = line[2:] if console else line
        while command.rstrip().endswith("\\") and j + 1 < end:
            j += 1
            command = command.rstrip()[:-1].rstrip() + " " + lines[j].strip()
        if command.strip() and not command.lstrip().startswith("#"):
            found.append(Example(first + 1, command.strip()))
        j += 1
    return found


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    here = tmp_path_factory.mktemp("readme")
    (here / "home").mkdir()
    (here / "data").symlink_to(ROOT / "data")
    corpus = ROOT / "data" / "corpus"
    letter = _body(corpus / "16_doj_letters_nine_jurisdictions_1373.txt")
    write_pdf(here / "memo.pdf", [_lines(letter[:1500]), _lines(letter[1500:3000])], title="DOJ letter")
    ruling = _body(corpus / "18_santa_clara_v_trump_order_enjoining_section_9a.txt")
    write_docx(here / "ruling.docx", [p for p in ruling[:4000].split("\n") if p.strip()], title="Order")
    statement = _body(corpus / "19_white_house_statement_sanctuary_cities_ruling.txt")
    paragraphs = "".join(f"<p>{p}</p>" for p in statement.split("\n") if p.strip())
    (here / "article.html").write_text(
        '<html><head><title>Statement</title><meta name="date" content="2017-04-25"></head><body>'
        f"<nav>Home | Politics | Subscribe</nav><article>{paragraphs}</article><footer>© 2017</footer></body></html>",
        encoding="utf-8",
    )
    memo = _body(corpus / "000_267d39d85851adfe.txt")
    (here / "notes.md").write_text(f"---\ntitle: Miami-Dade\ndate: 2017-01-27\n---\n\n**Notes.** {memo}\n",
                                   encoding="utf-8")
    env = {**os.environ, "HOME": str(here / "home"), "PATH": f"{Path(sys.executable).parent}{os.pathsep}"
           + os.environ.get("PATH", "")}
    env.pop("KG_PASSWORD", None)
    built = subprocess.run(["kg", "build", "data/corpus", "--store", "S", "--no-progress"], cwd=here, env=env,
                           capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stderr
    return here, env


def _body(path: Path) -> str:
    """A bundled document's text after its header."""
    return path.read_text(encoding="utf-8").split("\n---\n", 1)[-1]


def _lines(text: str, width: int = 90) -> list[str]:
    """Lines of a PDF page, in what its standard font can show."""
    words, lines, line = text.encode("latin-1", "replace").decode("latin-1").split(), [], ""
    for word in words:
        if len(line) + len(word) > width:
            lines.append(line)
            line = ""
        line = f"{line} {word}".strip()
    return [*lines, line]


def test_the_readme_has_runnable_examples_of_each_kind() -> None:
    examples = readme_examples(README.read_text(encoding="utf-8"))
    commands = [e.command for e in examples]
    assert any(c.startswith("kg build ~/policy") for c in commands)  # the walkthrough
    assert any(c.startswith("kg query entity_search") and e.output for c, e in zip(commands, examples, strict=True))
    assert all(not c.startswith(("make ", "pip ", "python -m venv")) for c in commands)


def test_the_readme_is_under_300_lines() -> None:
    assert len(README.read_text(encoding="utf-8").splitlines()) < 300


def test_the_parser_follows_the_convention() -> None:
    text = ("```sh\nkg a --x \\\n   --y   # note\n# a comment\n```\n<!-- not run: a server -->\n```sh\nkg b\n```\n"
            "```console\n$ kg c\nrow 1\n...\n\n$ kg d\n```\n```python\nkg e\n```\n")
    assert [(e.command, e.output) for e in readme_examples(text)] == [
        ("kg a --x --y   # note", []), ("kg c", ["row 1", "..."]), ("kg d", [])]


def test_every_readme_example_runs_as_shown(folder: tuple[Path, dict[str, str]]) -> None:
    here, env = folder
    for example in readme_examples(README.read_text(encoding="utf-8")):
        done = subprocess.run(["bash", "-o", "pipefail", "-c", example.command], cwd=here, env=env,
                              capture_output=True, text=True, timeout=300)
        where = (f"README.md line {example.line}: {example.command}\n--- stdout\n{done.stdout}"
                 f"\n--- stderr\n{done.stderr}")
        expected_code = 2 if any(line.startswith("kg: error:") for line in example.output) else 0
        assert done.returncode == expected_code, where
        printed = [line.rstrip() for line in (done.stdout + done.stderr).splitlines()]
        at = 0
        for shown in example.output:
            if shown.strip() == "...":
                continue
            assert shown in printed[at:], f"{where}\n--- not printed (in this order): {shown!r}"
            at = printed.index(shown, at) + 1
