"""Sample workshops. Being written right now."""
def load(name): raise NotImplementedError("samples are being written")
def generate(teams=10, seed=0): raise NotImplementedError("samples are being written")
