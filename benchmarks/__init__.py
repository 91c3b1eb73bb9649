"""Reproducible benchmarks of cxcore beside named peers (run each as ``python -m benchmarks.X``)."""
