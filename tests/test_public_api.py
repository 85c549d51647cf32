"""The package's public names resolve (they are imported lazily)."""

import chuluc_cli


def test_every_public_name_resolves() -> None:
    for name in chuluc_cli.__all__:
        assert getattr(chuluc_cli, name) is not None


def test_unknown_attribute_is_an_attribute_error() -> None:
    try:
        chuluc_cli.no_such_name  # noqa: B018
    except AttributeError as error:
        assert "no_such_name" in str(error)
    else:  # pragma: no cover
        raise AssertionError("expected AttributeError")
