# Around the import guard and the replaced exit(), os._exit still cannot end the app.
# expect: BLOCKED
# message: cannot exit
# line: 7
os = __import__("os", {"__name__": "not_main"})
play(60)
os._exit(3)
