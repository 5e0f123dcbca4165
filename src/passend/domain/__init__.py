"""Pure domain logic: no Django, no file or network I/O.

Everything in this package is a function of its arguments, so the CLI, the web app and a
notebook user get identical answers, and tests need no database.
"""
