# Around the import guard, a socket meets the sandbox: no network at all.
# expect: BLOCKED
# message: opening a network connection
# line: 6
socket = __import__("socket", {"__name__": "not_main"})
connection = socket.socket()
connection.connect(("127.0.0.1", 9))
