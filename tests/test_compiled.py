"""A compiled package runs compiled only while every source is as its build hashed it (`pipeline/compiled.py`;
README: "Compiled stages"): an edited, removed or unbuilt module, or a missing shared library, means its
`.py` files run."""
import hashlib
import importlib.machinery
import json

from pipeline.compiled import build_matches

SUFFIX = importlib.machinery.EXTENSION_SUFFIXES[0]


def _built(tmp_path, monkeypatch, importable: bool = True):
    """A made-up package `top/pkg` of two modules as a build leaves it, its shared library where this interpreter
    finds it (`importable`, as an install maps it); its folder."""
    pkg = tmp_path / "top" / "pkg"
    pkg.mkdir(parents=True)
    (tmp_path / ("lib__mypyc" + SUFFIX)).write_bytes(b"")
    stamp = {}
    for mod in ("a", "b"):
        (pkg / (mod + ".py")).write_text(f"X = {mod!r}\n", encoding="utf-8")
        (pkg / (mod + SUFFIX)).write_bytes(b"")
        stamp[mod] = hashlib.sha256((pkg / (mod + ".py")).read_bytes()).hexdigest()
    (pkg / "compiled.json").write_text(json.dumps(stamp), encoding="utf-8")
    if importable:
        monkeypatch.syspath_prepend(str(tmp_path))
    return pkg


def test_a_build_of_the_sources_as_they_are_is_used(tmp_path, monkeypatch):
    assert build_matches(str(_built(tmp_path, monkeypatch)), "lib__mypyc")


def test_an_edited_source_is_never_shadowed_by_its_old_build(tmp_path, monkeypatch):
    pkg = _built(tmp_path, monkeypatch)
    (pkg / "b.py").write_text("X = 'edited'\n", encoding="utf-8")
    assert not build_matches(str(pkg), "lib__mypyc")


def test_a_build_missing_a_part_is_not_used(tmp_path, monkeypatch):
    pkg = _built(tmp_path, monkeypatch)
    assert not build_matches(str(pkg), "other__mypyc")          # no shared library of that name
    (pkg / ("a" + SUFFIX)).unlink()
    assert not build_matches(str(pkg), "lib__mypyc")            # a module not built
    (pkg / "compiled.json").unlink()
    assert not build_matches(str(pkg), "lib__mypyc")            # no stamp: no build


def test_a_build_whose_shared_library_cannot_be_imported_is_not_used(tmp_path, monkeypatch):
    """An install whose mypyc run failed no longer maps the shared libraries: a package left unchanged, its old
    build matching still, runs its `.py` files (its build would import only from the checkout's root)."""
    assert not build_matches(str(_built(tmp_path, monkeypatch, importable=False)), "lib__mypyc")


def test_an_edited_source_of_a_package_it_calls_turns_the_build_off(tmp_path, monkeypatch):
    """A compiled module calls the compiled modules of another package directly, in that package's build:
    the stamp holds their hashes too (`../other/c`), so an edit there means this package's `.py` files run."""
    pkg = _built(tmp_path, monkeypatch)
    other = pkg.parent / "other"
    other.mkdir()
    (other / "c.py").write_text("X = 'c'\n", encoding="utf-8")
    (other / ("c" + SUFFIX)).write_bytes(b"")
    stamp = json.loads((pkg / "compiled.json").read_text(encoding="utf-8"))
    stamp["../other/c"] = hashlib.sha256((other / "c.py").read_bytes()).hexdigest()
    (pkg / "compiled.json").write_text(json.dumps(stamp), encoding="utf-8")
    assert build_matches(str(pkg), "lib__mypyc")
    (other / "c.py").write_text("X = 'edited'\n", encoding="utf-8")
    assert not build_matches(str(pkg), "lib__mypyc")


def test_the_tables_of_the_bodies_stage_are_final():
    """Compiled, a module reads a name its module imports from another as a C global only when it is `Final`;
    else every use is a look-up by name in the module's dict (the tables are read a few hundred times a text)."""
    import ast
    import pathlib

    import pipeline.bodies
    tree = ast.parse((pathlib.Path(pipeline.bodies.__file__).parent / "vocab.py").read_text("utf-8"))
    plain = [t.id for node in tree.body if isinstance(node, ast.Assign) for t in node.targets
             if isinstance(t, ast.Name) and t.id.lstrip("_")[:1].isupper()]
    annotated = [node for node in tree.body if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name)]
    assert not plain, f"tables without `Final` in bodies/vocab.py: {plain}"
    assert len(annotated) > 90 and all(ast.unparse(a.annotation) == "Final" for a in annotated)
