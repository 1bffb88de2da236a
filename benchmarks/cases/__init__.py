"""One module per benchmark; see benchmarks/suite.py for what a case provides."""
