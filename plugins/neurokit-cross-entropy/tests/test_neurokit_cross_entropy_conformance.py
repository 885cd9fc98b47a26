from neurokit.testing import conformance_test

test_conformance = conformance_test("neurokit_cross_entropy")
