# Going around the import guard (as builtins_import_bypass.py does) to start a thread meets
# GraalVM's sandbox itself: the context may not create threads.
# expect: BLOCKED
# message: starting a thread (threading.Thread.start
# line: 10
# Importing the library twice (the worker reruns the script to find the line) is slow on a loaded machine.
# timeout: 30
threading = __import__("threading", {"__name__": "not_main"})
play(60)
threading.Thread(target=print, args=("from a thread",)).start()
