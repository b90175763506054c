"""The workshop file (SQLite). Being written by the lead developer right now."""
def save(ws, path): raise NotImplementedError("store.save is being written")
def load(path): raise NotImplementedError("store.load is being written")
def open_store(path): raise NotImplementedError("store.open_store is being written")
