"""`python -m pytc ...` runs the installed `pytc` executable with the same arguments."""

import os
import subprocess
import sys

from pytc import find_pytc_bin


def main() -> int:
    pytc = find_pytc_bin()
    if sys.platform == "win32":
        return subprocess.run([pytc, *sys.argv[1:]]).returncode
    os.execv(pytc, [pytc, *sys.argv[1:]])
    return 0  # not reached: execv replaces the process


if __name__ == "__main__":
    sys.exit(main())
