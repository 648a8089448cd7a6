# A score that asks for hours is refused before rendering.
# expect: SCRIPT
# message: limit
# line: 6
sleep(3 * 3600)
play(60)
