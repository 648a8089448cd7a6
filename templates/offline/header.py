# Written by Riffcode's offline generator (no language model was used).
# Prompt: {{prompt}}
# Seed {{seed}} | {{key}} | {{bpm}} bpm | {{bars}} bars | parts: {{parts}}
# Every part runs on its own strand of time (in_thread); edit the note lists freely.
use_bpm({{bpm}})
use_random_seed({{seed}})
