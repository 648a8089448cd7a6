# No other languages.
# expect: BLOCKED
import polyglot
polyglot.eval(language="js", string="1+1")
