/// Golden-file harness (see GoldenHarness.swift).
