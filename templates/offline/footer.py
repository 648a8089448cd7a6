
sleep({{beats}})   # the main script waits until every part has finished
