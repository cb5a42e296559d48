"""`translate sync`, one stage a module: read → plan → protect → sentences → translate → restore → verify → assemble → write."""
