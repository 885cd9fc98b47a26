"""Data sets: readers for on-disk formats, the embedded MNIST sample, and downloads."""
