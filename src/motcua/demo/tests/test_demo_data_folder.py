"""Where `motcua demo` keeps its data: var/ in a checkout, the user's data folder when pip-installed."""

from pathlib import Path

from motcua import cli


def test_a_checkout_keeps_var_next_to_pyproject():
    package = Path(cli.__file__).resolve().parent
    assert cli.demo_data_dir() == package.parent.parent / "var"


def test_an_installed_package_uses_the_users_data_folder(tmp_path, monkeypatch):
    site_packages = tmp_path / "lib" / "python3.11" / "site-packages"
    (site_packages / "motcua").mkdir(parents=True)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))

    assert cli.demo_data_dir(site_packages / "motcua") == tmp_path / "data" / "motcua-demo"

    monkeypatch.delenv("XDG_DATA_HOME")
    assert cli.demo_data_dir(site_packages / "motcua") == Path.home() / ".local" / "share" / "motcua-demo"
