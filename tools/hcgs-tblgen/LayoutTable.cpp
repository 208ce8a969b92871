//===- LayoutTable.cpp - the instruction layout table of docs/ISA.md ------===//

#include "Model.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/TableGen/Error.h"
#include "llvm/TableGen/Record.h"

namespace hcgs::isagen {

//===----------------------------------------------------------------------===//
// -print-isa-layout
//===----------------------------------------------------------------------===//

void printLayoutTable(const Model &model, raw_ostream &os) {
  for (const InstModel &inst : model.insts) {
    os << "**`" << inst.mnemonic << "`** (opcode " << inst.opcode << ", "
       << inst.numWords() << (inst.numWords() == 1 ? " word" : " words") << ", "
       << inst.bits() << " bits used)\n\n"
       << "| bits | field | encoding |\n|---|---|---|\n";
    for (const LayoutRow &row : layoutOf(inst)) {
      std::string range = row.bits == 1
                              ? std::to_string(row.offset)
                              : std::to_string(row.offset) + "-" +
                                    std::to_string(row.offset + row.bits - 1);
      std::string kind = row.kind;
      if (kind == "uint" || kind == "sint" || kind == "pow2" || kind == "flag")
        kind += " " + std::to_string(row.bits);
      os << "| " << range << " | `" << row.name << "` | " << kind << " |\n";
    }
    os << "\n";
  }
}

} // namespace hcgs::isagen
