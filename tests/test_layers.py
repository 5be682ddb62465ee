"""monitor/ reads as the pipeline: each package imports only from packages before it in the
data flow (config -> ingest -> store -> topics -> analysis -> output -> pipeline -> cli)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "monitor"
# Lowest first; models and errors are the shared vocabulary every layer may use.
LAYERS = ("models", "errors", "config", "ingest", "store", "topics", "analysis", "output", "pipeline", "cli")
RANK = {"models": 0, "errors": 0, **{name: rank for rank, name in enumerate(LAYERS) if rank >= 2}}
RANK["__main__"] = RANK["cli"]
RANK["__init__"] = 0
RANK["i18n"] = 0  # words of the pages and the report: any layer may say something


def layer_of(module: str) -> str:
    """monitor.topics.model -> topics; monitor.cli -> cli."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def monitor_imports(path: Path) -> list[tuple[int, str]]:
    """(line, module) of every monitor import in a file, inside functions too."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("monitor"):
            names = (
                [f"{node.module}.{alias.name}" for alias in node.names] if node.module == "monitor" else []
            )
            found += [(node.lineno, name) for name in names or [node.module]]
        elif isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names if a.name.startswith("monitor.")]
    return found


def modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def test_every_module_sits_in_a_known_layer() -> None:
    for path in modules():
        module = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        assert layer_of(module).removesuffix(".py") in RANK, f"{module}: add its package to LAYERS"


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_go_only_down_the_data_flow(path: Path) -> None:
    own = layer_of(".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts))
    upward = [
        f"line {line}: {module} ({layer_of(module)} is after {own})"
        for line, module in monitor_imports(path)
        if layer_of(module) != "__version__" and RANK[layer_of(module)] > RANK[own]
    ]
    assert not upward, f"{path.relative_to(PACKAGE.parent)} imports upward: " + "; ".join(upward)


def test_the_check_catches_an_upward_import(tmp_path: Path) -> None:
    sample = tmp_path / "flags.py"
    sample.write_text("def f():\n    from monitor.output.charts import x\n")
    assert monitor_imports(sample) == [(2, "monitor.output.charts")]
    assert RANK[layer_of("monitor.output.charts")] > RANK["analysis"]
