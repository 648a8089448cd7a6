# No network.
# expect: BLOCKED
# message: network
# line: 6
play(60)
import socket
socket.create_connection(("127.0.0.1", 80))
