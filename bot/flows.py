"""A conversation's steps as one transition table, and its Mermaid picture.

Each conversation module defines `FLOW = Flow("name", (Edge(...), ...))` beside its handlers,
builds its `ConversationHandler` states from `FLOW.states`, and keeps `docs/flows/<name>.mmd`
equal to `FLOW.mermaid()` (`tests/test_flows.py` checks both; `python -m bot.flows` rewrites
the pictures). `START` is where the conversation is entered, `END` where it finishes.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

START = "START"
END = "END"


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    on: str  # what moves it: a button, a kind of answer, a command


@dataclass(frozen=True)
class Flow:
    name: str
    edges: tuple[Edge, ...]

    @property
    def states(self) -> tuple[str, ...]:
        """The conversation's own states (START and END apart), in the table's order."""
        seen: dict[str, None] = {}
        for e in self.edges:
            for s in (e.source, e.target):
                if s not in (START, END):
                    seen.setdefault(s)
        return tuple(seen)

    def targets(self, state: str) -> set[str]:
        return {e.target for e in self.edges if e.source == state}

    def mermaid(self) -> str:
        lines = ["stateDiagram-v2"]
        for e in self.edges:
            src = "[*]" if e.source == START else e.source
            dst = "[*]" if e.target == END else e.target
            lines.append(f"    {src} --> {dst} : {e.on}")
        return "\n".join(lines) + "\n"


# A form asks its steps in order, and every step can go back to the one before it and be left
# (cancel, a link): the three helpers below write those edges from the order of the steps, so a
# table lists by hand only what is particular to it (branches, skips, labels of its own).

def forward_edges(steps: Sequence[str], *on: str) -> tuple[Edge, ...]:
    """Each step to the next: `on[i]` is what moves `steps[i]` on to `steps[i + 1]`."""
    if len(on) != len(steps) - 1:
        raise ValueError(f"{len(steps)} steps take {len(steps) - 1} answers, not {len(on)}")
    return tuple(Edge(a, b, label) for (a, b), label in zip(pairwise(steps), on, strict=True))


def back_edges(steps: Sequence[str], on: str = "back") -> tuple[Edge, ...]:
    """Each step but the first back to the one before it."""
    return tuple(Edge(b, a, on) for a, b in pairwise(steps))


def leave_edges(steps: Iterable[str], on: str) -> tuple[Edge, ...]:
    """Each of `steps` to END."""
    return tuple(Edge(step, END, on) for step in steps)


# --------------------------------------------------------------------------------------------
# The pictures: docs/flows/<name>.mmd, one per Flow found in a package's modules
# --------------------------------------------------------------------------------------------

DOCS_DIR = Path(__file__).resolve().parents[1] / "docs" / "flows"


def discover(package: str = "handlers") -> dict[str, Flow]:
    """Every module of *package* (by name: this module is below the handlers and does not
    import them itself) that defines `FLOW`, as {module name: flow}."""
    pkg = importlib.import_module(package)
    found: dict[str, Flow] = {}
    for info in pkgutil.walk_packages(pkg.__path__, prefix=f"{package}."):
        module = importlib.import_module(info.name)
        flow = getattr(module, "FLOW", None)
        if isinstance(flow, Flow):
            found[info.name] = flow
    return found


def picture_path(flow: Flow, directory: Path = DOCS_DIR) -> Path:
    return directory / f"{flow.name}.mmd"


def write_pictures(flows: Iterable[Flow], directory: Path = DOCS_DIR) -> list[Path]:
    """Write each flow's Mermaid picture; returns the files that changed."""
    directory.mkdir(parents=True, exist_ok=True)
    changed = []
    for flow in flows:
        path = picture_path(flow, directory)
        text = flow.mermaid()
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed.append(path)
    return changed


def main(argv: list[str] | None = None) -> int:
    """`python -m bot.flows [package]`: redraw docs/flows/*.mmd from the transition tables."""
    args = sys.argv[1:] if argv is None else argv
    flows = discover(args[0] if args else "handlers")
    for path in write_pictures(flows.values()):
        print(f"rewrote {path}")
    print(f"{len(flows)} flows: " + ", ".join(sorted(f.name for f in flows.values())))
    return 0


if __name__ == "__main__":
    # Run as `python -m bot.flows` this file is `__main__`, whose Flow class is not the one the
    # handlers import: let the imported module do the work, or no flow would be found.
    from bot.flows import main as _main

    raise SystemExit(_main())
