"""The web page (`cse-toolkit serve`): the same search for people who never open a shell.

`site` follows the published index generation, `answers` runs searches through the engine
as `cse-search` does, `pages` draws page images with the matches marked, `topics` builds
the reading lists and the A to Z, `app` holds the routes and `server` runs it all in one
process with a production HTTP server.
"""
