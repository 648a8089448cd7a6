# A loop that forgets to sleep fills the score: stopped at the note limit.
# expect: SCRIPT
# message: too many notes
# line: 6
while True:
    play(60)
