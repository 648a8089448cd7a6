# expect: BLOCKED
# message: input
x = input("name? ")
