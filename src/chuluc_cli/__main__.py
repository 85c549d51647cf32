"""Allow ``python -m chuluc_cli``."""

from chuluc_cli.entry import main

if __name__ == "__main__":
    main()
