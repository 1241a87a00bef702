"""Gold readers, scores and reports behind `eventwire evaluate`."""
