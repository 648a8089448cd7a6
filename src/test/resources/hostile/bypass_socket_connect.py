# Around the import guard, a socket meets the sandbox: no network at all.
# expect: BLOCKED
# message: opening a network connection
# line: 8
# Importing the library twice (the worker reruns the script to find the line) is slow on a loaded machine.
# timeout: 30
socket = __import__("socket", {"__name__": "not_main"})
connection = socket.socket()
connection.connect(("127.0.0.1", 9))
