# No threads.
# expect: BLOCKED
# message: threads
import threading
threading.Thread(target=lambda: None).start()
