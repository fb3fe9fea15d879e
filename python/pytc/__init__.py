"""pytc, a static type checker for Python. The package holds the `pytc` executable."""

import os
import sys
import sysconfig


def find_pytc_bin() -> str:
    """The `pytc` executable installed with this package."""
    name = "pytc" + (sysconfig.get_config_var("EXE") or "")
    candidates = [
        sysconfig.get_path("scripts"),
        sysconfig.get_path("scripts", vars={"base": sys.base_prefix}),
        os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(__file__))), "bin"),
    ]
    if sys.version_info >= (3, 10):
        user_scheme = sysconfig.get_preferred_scheme("user")
        candidates.append(sysconfig.get_path("scripts", scheme=user_scheme))
    for folder in candidates:
        path = os.path.join(folder, name)
        if os.path.isfile(path):
            return path
    raise FileNotFoundError(f"the pytc executable is not installed next to this package (looked in {candidates})")
