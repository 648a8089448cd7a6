# No threads.
# expect: BLOCKED
# message: import threading is not allowed in a Riffcode script (no access to threads)
import threading
threading.Thread(target=lambda: None).start()
