# -*- Python -*-
# lit configuration of the hcgs regression tests.

import os

import lit.formats
from lit.llvm import llvm_config
from lit.llvm.subst import ToolSubst

config.name = "HCGS"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".mlir", ".test"]
config.excludes = ["Inputs", "Unit", "CMakeLists.txt", "lit.cfg.py", "lit.site.cfg.py"]

config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.hcgs_obj_root, "test")

config.substitutions.append(("%PATH%", config.environment["PATH"]))
config.substitutions.append(("%hcgs_src_root", config.hcgs_src_root))
config.substitutions.append(("%hcgs_obj_root", config.hcgs_obj_root))
# Tests of memory bombs run their tools under a 2 GB address-space limit.
# AddressSanitizer reserves terabytes of shadow address space up front, so
# under the sanitizers the limit is left off (the plain build checks it).
config.substitutions.append(
    ("%{limit-memory}", "true" if config.hcgs_sanitized else "ulimit -v 2000000"))
config.substitutions.append(("%testdata", "/usr/share/libonnx-testdata/data/node"))
# hcgs-tblgen reads MLIR's .td files.
config.substitutions.append(("%mlir_include_dir", config.mlir_include_dir))

llvm_config.with_system_environment(
    ["HOME", "INCLUDE", "LIB", "TMP", "TEMP", "ASAN_OPTIONS", "UBSAN_OPTIONS"])
llvm_config.use_default_substitutions()
# not, count and split-file at the start of a RUN line.
llvm_config.with_environment("PATH", config.llvm_tools_dir, append_path=True)

tool_dirs = [config.hcgs_tools_dir, config.llvm_tools_dir]
tools = ["hcgs-opt", "hcgs-translate", "hcgs-compile", "hcgs-run",
         "hcgs-target-info", "hcgs-tblgen"]
llvm_config.add_tool_substitutions(
    [ToolSubst(t, unresolved="ignore") for t in tools], tool_dirs)
