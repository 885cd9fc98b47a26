"""neurokit's conformance kit on the mgu model: interface, seeding, save and load, training
reproducibly and every gradient against finite differences."""

from neurokit.testing import conformance_test

test_conformance = conformance_test("neurokit_mgu")
