"""bench/stats.py runs end to end on a small province (the 10-million run is the bench's, on PostgreSQL):
Form 06 from the tables equals the naive GROUP BY agency by agency, the receiver's cost and the
rebuild are measured."""

import importlib.util
from argparse import Namespace
from pathlib import Path

BENCH = Path(__file__).resolve().parents[4] / "bench" / "stats.py"


def test_the_bench_runs_on_a_few_hundred_dossiers(db, capsys):
    spec = importlib.util.spec_from_file_location("bench_stats", BENCH)
    assert spec is not None
    assert spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    bench.run(
        Namespace(
            dossiers=400,
            repeat=1,
            naive_repeat=1,
            events=2,
            keep=False,
            reuse=False,
            generate_only=False,
            skip_rebuild=False,
        )
    )
    out = capsys.readouterr().out
    assert "figures equal (tables vs naive)" in out
    assert "keeping the tables" in out
    assert "rebuild --from" in out
    assert "rebuild (real `motcua stats rebuild`, whole)" in out
    for level in ("daily", "monthly", "yearly"):  # the scorecard's tables are filled at every level
        assert f" 0 digital {level}" not in out
        assert f"digital {level}" in out
