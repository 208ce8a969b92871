// RUN: hcgs-opt %s | hcgs-opt | FileCheck %s

// CHECK: all = [#hcgs.direction<forward>, #hcgs.direction<reverse>, #hcgs.direction<bidirectional>]
func.func @directions() attributes {all = [#hcgs.direction<forward>, #hcgs.direction<reverse>, #hcgs.direction<bidirectional>]} {
  return
}
