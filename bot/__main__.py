"""`python -m bot` does the same as the `labbot` console script."""

from .cli import main

if __name__ == "__main__":
    main()
