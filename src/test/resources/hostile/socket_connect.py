# No network.
# expect: BLOCKED
# message: import socket is not allowed in a Riffcode script (no access to the network)
# line: 6
play(60)
import socket
socket.create_connection(("127.0.0.1", 80))
