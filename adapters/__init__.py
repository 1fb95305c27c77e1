"""What existing platforms plug in: engine back ends for a remote OPA, and clients."""
