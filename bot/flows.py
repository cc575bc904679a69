"""A conversation's steps as one transition table, and its Mermaid picture.

Each conversation module defines `FLOW = Flow("name", (Edge(...), ...))` beside its handlers,
builds its `ConversationHandler` states from `FLOW.states`, and keeps `docs/flows/<name>.mmd`
equal to `FLOW.mermaid()` (`tests/test_flows.py` checks both; `python -m bot.flows` rewrites
the pictures). `START` is where the conversation is entered, `END` where it finishes.
"""

from __future__ import annotations

from dataclasses import dataclass

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
