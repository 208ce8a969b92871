//===- Program.h - programs as the machine sees them ------------*- C++ -*-===//
//
// What the compiler's verifier, the program loader and the simulator need, in
// plain C++ (no MLIR): the shape an mvm's fields describe (MvmShape.h), the
// checks of docs/ISA.md section 12 (Checks.h) and the cycle and traffic model
// of section 9 (CostModel.h).
//
//===----------------------------------------------------------------------===//

#ifndef HCGS_RUNTIME_MACHINECODE_PROGRAM_H
#define HCGS_RUNTIME_MACHINECODE_PROGRAM_H

#include "hcgs/Runtime/MachineCode/Checks.h"
#include "hcgs/Runtime/MachineCode/CostModel.h"
#include "hcgs/Runtime/MachineCode/MvmShape.h"

#endif // HCGS_RUNTIME_MACHINECODE_PROGRAM_H
