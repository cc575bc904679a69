"""Each conversation's Mermaid picture (docs/flows/<name>.mmd) is its transition table.

A handler module that defines `FLOW` (a bot.flows.Flow) has a picture drawn from it; after a
change to the table, `python -m bot.flows` (or `make flows`) redraws the pictures.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot import flows
from bot.flows import END, START, Edge, Flow

FOUND = flows.discover("handlers")


@pytest.mark.parametrize("module", sorted(FOUND))
def test_the_picture_of_each_flow_is_its_table(module: str) -> None:
    flow = FOUND[module]
    path = flows.picture_path(flow)
    assert path.exists(), f"{module}: no {path}; run `python -m bot.flows`"
    assert path.read_text(encoding="utf-8") == flow.mermaid(), (
        f"{module}: {path.name} differs from FLOW; run `python -m bot.flows`")


def test_flow_names_are_unique() -> None:
    names = [f.name for f in FOUND.values()]
    assert len(names) == len(set(names)), names


def test_every_picture_belongs_to_a_flow() -> None:
    names = {f.name for f in FOUND.values()}
    stale = [p.name for p in sorted(flows.DOCS_DIR.glob("*.mmd")) if p.stem not in names]
    assert stale == [], f"pictures of no flow: {stale}"


def test_write_pictures_draws_and_then_keeps_a_picture(tmp_path: Path) -> None:
    flow = Flow("probe", (Edge(START, "name", "/start"), Edge("name", "city", "text"),
                          Edge("city", END, "button")))
    assert flows.write_pictures([flow], tmp_path) == [tmp_path / "probe.mmd"]
    assert (tmp_path / "probe.mmd").read_text(encoding="utf-8") == (
        "stateDiagram-v2\n    [*] --> name : /start\n    name --> city : text\n"
        "    city --> [*] : button\n")
    assert flows.write_pictures([flow], tmp_path) == []  # unchanged: not rewritten
    changed = Flow("probe", (*flow.edges, Edge("city", "name", "back")))
    assert flows.write_pictures([changed], tmp_path) == [tmp_path / "probe.mmd"]


def test_a_form_s_edges_follow_the_order_of_its_steps() -> None:
    steps = ("name", "phone", "city")
    assert flows.forward_edges(steps, "a name", "a phone") == (
        Edge("name", "phone", "a name"), Edge("phone", "city", "a phone"))
    assert flows.back_edges(steps) == (Edge("phone", "name", "back"), Edge("city", "phone", "back"))
    assert flows.leave_edges(steps[1:], "cancel") == (
        Edge("phone", END, "cancel"), Edge("city", END, "cancel"))
    with pytest.raises(ValueError, match="3 steps take 2 answers, not 1"):
        flows.forward_edges(steps, "a name")  # an answer missing would shift every label
