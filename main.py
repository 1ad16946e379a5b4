"""Điển hình tiên tiến: with no arguments opens the main window; with arguments it is the command line."""

import sys

from dienhinh_desktop.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
