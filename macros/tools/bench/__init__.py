"""`handbook bench`: how the handbook's cost grows with its size.

    synth.py    synthetic handbooks at N x the shipped data (checks clean)
    (the plain baseline is captured by macros/outputs/site/mkdocs/plain.py)
    measure.py  one timed run of each thing, each in a fresh process
    report.py   the table and the final `bench:` line

Timings on shared machines are noisy: every figure that matters is a ratio
of two things measured in the same run, interleaved and repeated, and the
minimum is kept (noise only ever adds time).
"""
