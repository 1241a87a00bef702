"""Batch engines: run the coder over a stream of stories (`local`: a process pool on this machine)."""
