"""The layers point one way (README, "Architecture"): a module may import its own room and the
rooms below it, never one above or beside it. Imports are read with `ast`, so an import inside a
function counts as much as one at the top; migrations are left out (Django orders them)."""

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "samverkan"

# Lowest first. Rooms on one line sit side by side and may not import each other.
LAYERS: list[tuple[str, ...]] = [
    ("samverkan.core", "samverkan.files"),
    ("samverkan.history",),
    ("samverkan.people",),
    ("samverkan.notifications",),
    ("samverkan.accounts",),
    ("samverkan.cooperation",),
    ("samverkan.compliance",),
    ("samverkan.networks",),
    ("samverkan.networks.lifecycle",),
    ("samverkan.networks.material",),
    ("samverkan.networks.municipalities",),
    ("samverkan.agreements",),
    ("samverkan.meetings",),
    ("samverkan.costs", "samverkan.surveys"),
    ("samverkan.imports",),
    ("samverkan.reports",),
    ("samverkan.records",),
    ("samverkan.dashboard",),
    ("samverkan.demo", "samverkan.backup"),
    ("samverkan.api",),
    ("samverkan.site", "samverkan.urls", "samverkan.settings", "samverkan.wsgi", "samverkan.asgi"),
]
RANK = {room: i for i, rooms in enumerate(LAYERS) for room in rooms}


def room_of(module: str) -> str | None:
    """The most specific room a module belongs to."""
    parts = module.split(".")
    for n in range(len(parts), 1, -1):
        candidate = ".".join(parts[:n])
        if candidate in RANK:
            return candidate
    return None


def module_name(path: Path) -> str:
    rel = path.relative_to(ROOT).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports(path: Path) -> Iterator[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and not node.level:
            for alias in node.names:
                yield node.lineno, f"{node.module}.{alias.name}"
        elif isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name


def upward_imports(package: Path = PACKAGE) -> list[str]:
    problems = []
    for path in sorted(package.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        module = module_name(path)
        if module == "samverkan":
            continue
        own = room_of(module)
        if own is None:
            problems.append(f"{path.relative_to(ROOT)}: in no layer; add its room to LAYERS")
            continue
        for line, target in imports(path):
            if not target.startswith("samverkan."):
                continue
            other = room_of(target)
            if other is None or other == own or own.startswith(other + "."):
                continue
            if RANK[other] >= RANK[own]:
                where = "beside" if RANK[other] == RANK[own] else "above"
                problems.append(
                    f"{path.relative_to(ROOT)}:{line}: {own} imports {target}, "
                    f"a room {where} its own ({other}); send a signal or move the code down"
                )
    return sorted(set(problems))


def test_every_import_points_down_the_layers() -> None:
    problems = upward_imports()
    assert not problems, "Imports against the layers:\n" + "\n".join(problems)


def test_an_upward_import_is_caught(tmp_path: Path) -> None:
    """The check itself: a people module that imports networks is reported with its line."""
    root = tmp_path / "samverkan"
    (root / "people").mkdir(parents=True)
    (root / "people" / "__init__.py").write_text("")
    (root / "people" / "bad.py").write_text(
        "def f():\n    from samverkan.networks.models import Network\n    return Network\n"
    )
    global ROOT
    saved, ROOT = ROOT, tmp_path
    try:
        problems = upward_imports(root)
    finally:
        ROOT = saved
    assert problems == [
        "samverkan/people/bad.py:2: samverkan.people imports samverkan.networks.models.Network, "
        "a room above its own (samverkan.networks); send a signal or move the code down"
    ]


@pytest.mark.parametrize(
    ("module", "room"),
    [
        ("samverkan.networks.lifecycle.services", "samverkan.networks.lifecycle"),
        ("samverkan.networks.models", "samverkan.networks"),
        ("samverkan.compliance.registry", "samverkan.compliance"),
    ],
)
def test_rooms_are_matched_most_specific_first(module: str, room: str) -> None:
    assert room_of(module) == room
