"""architecture.yaml written by `init architecture` reads back as the modules it came from."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from integration_spec.architecture.yaml_reader import read_yaml_architecture
from integration_spec.architecture.yaml_writer import TODO_RESPONSIBILITY, render_architecture_yaml
from integration_spec.model.architecture import Architecture, Endpoint, Module, SkippedCandidate
from integration_spec.model.names import name_key

_TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=20).filter(
    # A value that itself says TODO is a TODO the reader must report (AX020), not a value
    # that reads back unremarked: the written TODOs are counted from empty fields only.
    lambda text: (
        text.strip() == text and name_key(text) != "" and not text.lower().startswith("todo")
    )
)
_PATH = st.from_regex(r"\A/[a-z]{1,8}(/\{id\})?\Z")


@st.composite
def architectures(draw: st.DrawFn) -> Architecture:
    names = draw(st.lists(_TEXT, min_size=0, max_size=6, unique_by=name_key))
    modules = []
    for index, name in enumerate(names):
        earlier = names[:index]
        modules.append(
            Module(
                name=name,
                responsibility=draw(st.one_of(st.just(""), _TEXT)),
                phase=draw(st.one_of(st.none(), st.integers(0, 9))),
                dependencies=tuple(draw(st.lists(st.sampled_from(earlier), unique=True)))
                if earlier
                else (),
                domain_events=tuple(draw(st.lists(_TEXT, max_size=3, unique=True))),
                endpoints=tuple(
                    Endpoint(method=method, path=path)
                    for method, path in draw(
                        st.lists(
                            st.tuples(st.sampled_from(["GET", "POST", "DELETE"]), _PATH),
                            max_size=3,
                            unique=True,
                        )
                    )
                ),
            )
        )
    skipped = tuple(
        SkippedCandidate(name=name, line=3, construct="table 'X' row 1", reason="infrastructure")
        for name in draw(st.lists(_TEXT, max_size=3))
    )
    return Architecture(title=draw(_TEXT), modules=tuple(modules), skipped=skipped)


@given(architectures())
def test_written_yaml_reads_back_as_the_same_modules(architecture: Architecture) -> None:
    text = render_architecture_yaml(architecture, "docs/SYSTEM-ARCHITECTURE.md")
    read = read_yaml_architecture(text, "architecture.yaml")
    assert read.title == architecture.title
    assert read.module_names == architecture.module_names
    for written, back in zip(architecture.modules, read.modules, strict=True):
        expected = written.responsibility or TODO_RESPONSIBILITY.format(name=written.name)
        assert back.responsibility == expected
        assert (back.phase, back.dependencies) == (written.phase, written.dependencies)
        assert (back.domain_events, back.endpoints) == (written.domain_events, written.endpoints)
    codes = [diagnostic.code for diagnostic in read.diagnostics]
    todo = sum(1 for module in architecture.modules if not module.responsibility)
    assert codes.count("AX020") == todo
    assert ("AX001" in codes) == (not architecture.modules)
