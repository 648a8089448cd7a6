# expect: BLOCKED
# message: import urllib is not allowed in a Riffcode script (no access to the network)
import urllib.request
urllib.request.urlopen("http://127.0.0.1/")
