# Around the import guard, polyglot cannot evaluate code in any language, not even Python.
# expect: BLOCKED
# message: running other languages
# line: 6
polyglot = __import__("polyglot", {"__name__": "not_main"})
polyglot.eval(language="python", string="40 + 2")
