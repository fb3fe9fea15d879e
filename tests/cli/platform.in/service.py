import sys

if sys.platform == "win32":
    import winreg
    import windows_only_helper
else:
    import termios
    import posix_only_helper
