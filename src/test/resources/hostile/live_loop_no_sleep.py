# expect: SCRIPT
# message: did not sleep
@live_loop
def spin():
    play(60)
