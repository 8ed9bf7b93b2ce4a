"""`python -m pipeline` is `cse-toolkit`: the watched folder runs its ingests this way, with
the same Python as the server whatever the console scripts' folder is (pipx, a service)."""

from pipeline.cli import toolkit_main

toolkit_main()
