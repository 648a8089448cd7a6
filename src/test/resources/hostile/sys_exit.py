# A script cannot exit the app (sys is blocked; exit() is replaced).
# expect: BLOCKED
# message: cannot exit
# line: 6
play(60)
exit(3)
