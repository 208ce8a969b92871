# -*- Python -*-
# The GoogleTest executables of test/Unit, one lit test per test case.

import lit.formats

config.name = "HCGS-Unit"
config.test_format = lit.formats.GoogleTest(".", "Tests")
config.test_source_root = config.unittests_dir
config.test_exec_root = config.unittests_dir
