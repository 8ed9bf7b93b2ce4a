"""`python -m pipeline` is `cse-toolkit`: the watched folder runs its ingests this way, with
the same Python as the server whatever the console scripts' folder is (pipx, a service)."""

from pipeline.cli import toolkit_main

if __name__ == "__main__":  # not when a tool walks the package and imports every module
    toolkit_main()
